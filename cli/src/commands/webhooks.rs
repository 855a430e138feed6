//! `sdkit webhooks`: the webhook registry, kept in the store because
//! SpotDraft has no endpoint that lists webhooks.
//!
//! Core's `webhook_registry` decides (what create persists, which ids
//! delete accepts, one URL per environment) and plans each call; this
//! command sends the calls through core's `call` and the rate-limited
//! executor and keeps the store's `sdkit_webhooks` table in step.

use serde_json::json;
use spotdraft_kit::api::Api;
use spotdraft_kit::webhook_registry::{
    plan_create, plan_delete, shared_urls, PlannedCall, WebhookRecord, WebhookSpec,
};

use crate::api_client::Client;
use crate::cli::{RegistryArgs, RegistryCommand};
use crate::clock::now_ms;
use crate::commands::api::{api_failure, config};
use crate::commands::outln;
use crate::errors::{CliError, CliResult};
use crate::store::{self, Store};

/// Runs one registry command.
pub fn run(args: &RegistryArgs) -> CliResult<i32> {
    let url = store::parse_store_url(&args.store.store)
        .map_err(|e| CliError::usage(format!("--store: {e}")))?;
    let mut store = store::open(&url)?;
    match &args.command {
        RegistryCommand::Create {
            title,
            url,
            activities,
        } => create(store.as_mut(), title, url, activities),
        RegistryCommand::List { json } => list(store.as_mut(), *json),
        RegistryCommand::Delete { id, force } => delete(store.as_mut(), id, *force),
        RegistryCommand::Check => check(store.as_mut()),
    }
}

/// Sends one planned call through core's `call` and the executor.
fn send(api: &Api, call: &PlannedCall) -> spotdraft_kit::Result<serde_json::Value> {
    Client::new().send(&api.call(call.operation, &call.params)?)
}

fn create(store: &mut dyn Store, title: &str, url: &str, activities: &[String]) -> CliResult<i32> {
    let api = config()?;
    let environment = api.config().environment().to_owned();
    let activities: Vec<&str> = activities.iter().map(String::as_str).collect();
    let spec = WebhookSpec::new(title, url, &activities, &environment);
    let call = plan_create(&store.webhooks()?, &spec).map_err(|e| api_failure(&e))?;
    let created = send(&api, &call).map_err(|e| api_failure(&e))?;
    let record =
        WebhookRecord::from_created(&created, &environment).map_err(|e| api_failure(&e))?;
    store.add_webhook(&record, now_ms()).map_err(|e| {
        CliError::failure(format!(
            "webhook {} was created but not recorded ({}); delete it with `sdkit webhooks delete --force {}`",
            record.id, e.message, record.id
        ))
    })?;
    outln!("{}", record.id);
    Ok(0)
}

fn list(store: &mut dyn Store, as_json: bool) -> CliResult<i32> {
    for w in store.webhooks()? {
        if as_json {
            let line = json!({
                "id": w.id, "title": w.title, "url": w.url,
                "activities": w.activities, "environment": w.environment,
            });
            outln!("{line}");
        } else {
            outln!(
                "{:<8} {:<12} {:<50} {} ({})",
                w.id,
                w.environment,
                w.url,
                w.title,
                w.activities.join(",")
            );
        }
    }
    Ok(0)
}

fn delete(store: &mut dyn Store, id: &str, force: bool) -> CliResult<i32> {
    let call = plan_delete(&store.webhooks()?, id, force).map_err(|e| api_failure(&e))?;
    match send(&config()?, &call) {
        Ok(_) => {}
        // Already gone at SpotDraft: forget it here too.
        Err(err) if err.api_details().is_some_and(|d| d.status == 404) => {
            eprintln!("sdkit: webhook {id} was already deleted at SpotDraft");
        }
        Err(err) => return Err(api_failure(&err)),
    }
    store.remove_webhook(id)?;
    outln!("deleted webhook {id}");
    Ok(0)
}

fn check(store: &mut dyn Store) -> CliResult<i32> {
    let shared = shared_urls(&store.webhooks()?);
    for (url, environments) in &shared {
        outln!(
            "{url} is registered in {}: UAT and production need separate receivers",
            environments.join(" and ")
        );
    }
    Ok(i32::from(!shared.is_empty()))
}
