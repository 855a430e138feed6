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
use spotdraft_kit::webhook_rotation::{Rotation, RotationStep};

use crate::api_client::Client;
use crate::cli::{RegistryArgs, RegistryCommand};
use crate::clock::now_ms;
use crate::commands::api::{api_failure, config};
use crate::commands::outln;
use crate::errors::{CliError, CliResult};
use crate::serve::{target_fields, REQUEST_QUERY_SHA256, REQUEST_TARGET};
use crate::store::{self, Filter, Store};

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
        RegistryCommand::Rotate {
            old_id,
            url,
            title,
            activities,
            wait,
        } => {
            let wait_ms = match crate::clock::parse_since(wait, 0) {
                Some(ms) if ms <= 0 && wait.ends_with(['s', 'm', 'h', 'd']) => -ms,
                _ => {
                    return Err(CliError::usage(format!(
                        "--wait wants 30s, 10m or 1h, got {wait:?}"
                    )))
                }
            };
            let change = Change {
                url,
                title: title.as_deref(),
                activities,
            };
            rotate(store.as_mut(), old_id, &change, wait_ms)
        }
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

/// What `rotate` changes: the URL, and optionally title and activities.
struct Change<'a> {
    url: &'a str,
    title: Option<&'a str>,
    activities: &'a [String],
}

/// Carries out core's rotation: create, wait until the store holds a
/// delivery that came through the new URL, delete the old; on timeout
/// delete the new one and keep the old.
fn rotate(
    store: &mut dyn Store,
    old_id: &str,
    change: &Change<'_>,
    wait_ms: i64,
) -> CliResult<i32> {
    let api = config()?;
    let registry = store.webhooks()?;
    let old = registry
        .iter()
        .find(|r| r.id == old_id)
        .ok_or_else(|| CliError::usage(format!("webhook {old_id} is not in the registry")))?;
    let activities: Vec<&str> = if change.activities.is_empty() {
        old.activities.iter().map(String::as_str).collect()
    } else {
        change.activities.iter().map(String::as_str).collect()
    };
    let title = change.title.unwrap_or(&old.title);
    let spec = WebhookSpec::new(title, change.url, &activities, &old.environment);
    let mut rotation = Rotation::start(&registry, old_id, &spec).map_err(|e| api_failure(&e))?;
    let started = now_ms();
    loop {
        match rotation.step() {
            RotationStep::Create(call) => {
                let created = send(&api, &call).map_err(|e| api_failure(&e))?;
                let new = rotation.created(&created).map_err(|e| api_failure(&e))?;
                store.add_webhook(&new, now_ms())?;
                eprintln!(
                    "sdkit: created webhook {}; waiting for a delivery through it",
                    new.id
                );
            }
            RotationStep::AwaitDelivery { url, .. } => {
                if delivered_through(store, &url, started)? {
                    rotation.delivery_at(&url);
                } else if now_ms() - started > wait_ms {
                    eprintln!("sdkit: no delivery through the new webhook in time; rolling back");
                    rotation.give_up().map_err(|e| api_failure(&e))?;
                } else {
                    std::thread::sleep(std::time::Duration::from_millis(ROTATE_POLL_MS));
                }
            }
            RotationStep::DeleteOld(call) | RotationStep::DeleteNew(call) => {
                let id = call.params["webhook_id"].to_string();
                match send(&api, &call) {
                    Ok(_) => {}
                    Err(err) if err.api_details().is_some_and(|d| d.status == 404) => {}
                    Err(err) => return Err(api_failure(&err)),
                }
                store.remove_webhook(&id)?;
                rotation.deleted(&id).map_err(|e| api_failure(&e))?;
            }
            RotationStep::Done { kept } => {
                outln!("{}", kept.id);
                return Ok(0);
            }
            RotationStep::RolledBack => return Ok(1),
        }
    }
}

/// How often `rotate` looks for a delivery through the new webhook.
const ROTATE_POLL_MS: u64 = 250;

/// Whether the store holds a delivery received since `since_ms` whose
/// request target (path and query hash, kept by `sdkit serve`) is `url`'s.
fn delivered_through(store: &mut dyn Store, url: &str, since_ms: i64) -> CliResult<bool> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (path, query) = target_fields(rest.find('/').map_or("/", |i| &rest[i..]));
    let recent = Filter {
        since_ms: Some(since_ms),
        ..Filter::default()
    };
    Ok(store.list(&recent)?.iter().any(|d| {
        serde_json::from_str::<serde_json::Value>(&d.headers).is_ok_and(|h| {
            h[REQUEST_TARGET] == path.as_str() && h[REQUEST_QUERY_SHA256] == json!(query)
        })
    }))
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
