//! `sdkit reconcile`: repair deliveries that never reached the inbox.
//!
//! Core's [`Reconcile`] plans the sweep; this command carries it out: it
//! reads what the store has seen per contract and the checkpoint, sends the
//! planned listing calls through core's `call` and the rate-limited
//! executor, then either enqueues the planned synthetic deliveries in the
//! store (deduped by their key, processed by `sdkit serve`'s workers) or
//! sends the planned `re_trigger_latest` batches. A complete sweep moves
//! the stored checkpoint to the time it started.

use serde_json::{json, Value};
use spotdraft_kit::api::Api;
use spotdraft_kit::reconcile::{Reconcile, ReconcileMode, ReconcileOutcome, RECONCILED_ACTIVITY};

use crate::api_client::Client;
use crate::cli::ReconcileArgs;
use crate::clock::{format_ms, now_ms, parse_since};
use crate::commands::api::{api_failure, config};
use crate::commands::outln;
use crate::errors::{CliError, CliResult};
use crate::store::{self, Inserted, NewDelivery, Store};

/// The name of the reconcile checkpoint in the store's checkpoint table.
pub const CHECKPOINT: &str = "reconcile";

/// Runs one sweep; exit 0 when it completed, 1 when the listing or a
/// re-trigger call failed (what was found is still repaired, and the
/// checkpoint is kept so the next sweep covers the gap).
pub fn run(args: &ReconcileArgs) -> CliResult<i32> {
    let url = store::parse_store_url(&args.store.store)
        .map_err(|e| CliError::usage(format!("--store: {e}")))?;
    let mut store = store::open(&url)?;
    let api = config()?;
    let client = Client::new().verbose(args.verbose);
    let now = now_ms();
    let checkpoint = match &args.since {
        Some(when) => format_ms(parse_since(when, now).ok_or_else(|| {
            CliError::usage(format!(
                "--since wants 30m, 24h, 7d or a UTC time, got {when:?}"
            ))
        })?),
        None => store.checkpoint(CHECKPOINT)?.ok_or_else(|| {
            CliError::usage("no reconcile checkpoint in the store yet: pass --since (e.g. 24h)")
        })?,
    };
    let mode = if args.retrigger {
        ReconcileMode::ReTrigger
    } else {
        ReconcileMode::Synthetic
    };
    let done = sweep(store.as_mut(), &api, &client, &checkpoint, mode, now)?;
    print_summary(&done.summary, args.json)?;
    match done.failure {
        Some(err) => Err(api_failure(&err)),
        None => Ok(0),
    }
}

/// What one sweep did: the summary `--json` prints, and the API failure
/// that cut it short, if any.
pub struct Swept {
    /// Checkpoints, counts, moved and unresolved ids.
    pub summary: Value,
    /// The listing's or a re-trigger's failure.
    pub failure: Option<spotdraft_kit::Error>,
}

/// One sweep from `checkpoint` at `now`: lists, repairs what moved
/// without a delivery, and moves the stored checkpoint when complete.
/// `sdkit reconcile` runs one; `sdkit serve --reconcile-every` runs one
/// per interval.
pub fn sweep(
    store: &mut dyn Store,
    api: &Api,
    client: &Client,
    checkpoint: &str,
    mode: ReconcileMode,
    now: i64,
) -> CliResult<Swept> {
    let seen: Vec<(u64, String)> = store
        .seen_per_contract()?
        .into_iter()
        .filter_map(|(id, at)| Some((u64::try_from(id).ok()?, at)))
        .collect();
    let mut sweep =
        Reconcile::new(checkpoint, &format_ms(now), &seen, mode).map_err(|e| api_failure(&e))?;

    let mut failure = list_all(api, client, &mut sweep).err();
    let outcome = sweep.finish();
    let (enqueued, duplicates) = enqueue(store, &outcome, now)?;
    let mut retriggered = 0;
    for call in &outcome.re_trigger {
        let sent = api
            .call(call.operation, &call.params)
            .and_then(|req| client.send(&req));
        match sent {
            Ok(_) => {
                retriggered += call.params["body"]["contract_ids"]
                    .as_array()
                    .map_or(0, Vec::len)
            }
            Err(err) => {
                failure.get_or_insert(err);
            }
        }
    }
    let complete = outcome.complete && failure.is_none();
    if complete {
        store.set_checkpoint(CHECKPOINT, &outcome.next_checkpoint)?;
    }
    let summary = json!({
        "checkpoint": checkpoint,
        "next_checkpoint": if complete { outcome.next_checkpoint.as_str() } else { checkpoint },
        "complete": complete,
        "mode": mode.as_str(),
        "pages": outcome.pages,
        "moved": outcome.moved,
        "enqueued": enqueued,
        "duplicates": duplicates,
        "retriggered": retriggered,
        "retrigger_calls": outcome.re_trigger.len(),
        "unresolved": outcome.unresolved,
    });
    Ok(Swept { summary, failure })
}

/// Sends every listing call the sweep plans and hands it each page.
fn list_all(api: &Api, client: &Client, sweep: &mut Reconcile) -> spotdraft_kit::Result<()> {
    let mut call = sweep.first_call();
    loop {
        let page = client.send(&api.call(call.operation, &call.params)?)?;
        match sweep.consume_page(&page)? {
            Some(next) => call = next,
            None => return Ok(()),
        }
    }
}

/// Inserts the sweep's synthetic deliveries in one transaction; returns
/// how many were new and how many the store already held.
fn enqueue(
    store: &mut dyn Store,
    outcome: &ReconcileOutcome,
    now: i64,
) -> CliResult<(usize, usize)> {
    let batch: Vec<NewDelivery> = outcome
        .deliveries
        .iter()
        .map(|d| {
            let occurred_at = spotdraft_kit::parse_event(&d.body)
                .ok()
                .and_then(|e| e.occurred_at().map(str::to_owned));
            NewDelivery {
                dedupe_key: d.dedupe_key.clone(),
                received_at_ms: now,
                activity: RECONCILED_ACTIVITY.to_owned(),
                contract_id: i64::try_from(d.contract_id).ok(),
                external_id: None,
                occurred_at,
                body_sha256: d.body_sha256.clone(),
                // Not received over HTTP: no key matched, no headers.
                key_index: -1,
                key_id: Some("reconcile".to_owned()),
                headers: "{}".to_owned(),
                body: d.body.clone(),
            }
        })
        .collect();
    if batch.is_empty() {
        return Ok((0, 0));
    }
    let inserted = store.insert_batch(&batch)?;
    let new = inserted
        .iter()
        .filter(|i| matches!(i, Inserted::New(_)))
        .count();
    Ok((new, inserted.len() - new))
}

fn print_summary(summary: &Value, as_json: bool) -> CliResult<()> {
    if as_json {
        outln!("{summary}");
        return Ok(());
    }
    let moved = summary["moved"].as_array().map_or(0, Vec::len);
    outln!(
        "since {}: {} page(s), {moved} contract(s) moved without a delivery",
        summary["checkpoint"].as_str().unwrap_or_default(),
        summary["pages"]
    );
    if summary["mode"] == "retrigger" {
        outln!(
            "re-triggered {} contract(s) in {} call(s)",
            summary["retriggered"],
            summary["retrigger_calls"]
        );
    } else {
        outln!(
            "enqueued {} synthetic deliveries ({} already stored)",
            summary["enqueued"],
            summary["duplicates"]
        );
    }
    if summary["complete"] == true {
        outln!(
            "checkpoint -> {}",
            summary["next_checkpoint"].as_str().unwrap_or_default()
        );
    } else {
        outln!(
            "incomplete: checkpoint kept at {}",
            summary["checkpoint"].as_str().unwrap_or_default()
        );
    }
    Ok(())
}
