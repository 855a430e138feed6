//! `sdkit escalate`: the sanitised minimal failing example for SpotDraft's
//! support, built by core's `escalation` from a stored delivery (with the
//! receiver's log records for it) or from an API call's log record.

use std::path::PathBuf;

use serde_json::Value;
use spotdraft_kit::escalation::{api_bundle, delivery_bundle, EscalationContext};
use spotdraft_kit::{KeyEncoding, Verifier};

use crate::cli::EscalateArgs;
use crate::clock::format_ms;
use crate::commands::api::write_secret_file;
use crate::commands::outln;
use crate::errors::{CliError, CliResult};
use crate::keys::verifier;
use crate::store::{self, Filter, StoredDelivery};

/// The status `sdkit serve` answered for every stored delivery.
const STORED_STATUS: u16 = 202;

/// Writes the bundle for a delivery (dedupe key or job id) or, failing
/// that, for the API log record whose `request_id` is the id.
pub fn run(args: &EscalateArgs) -> CliResult<i32> {
    let url = store::parse_store_url(&args.store.store)
        .map_err(|e| CliError::usage(format!("--store: {e}")))?;
    let records = read_logs(&args.logs)?;
    let mut context = EscalationContext {
        environment: args.environment.clone(),
        region: args.region.clone(),
        ..Default::default()
    };
    let bundle = match find_delivery(&url, &args.id)? {
        Some(d) => {
            let body = d.body.clone().unwrap_or_default();
            let headers: Vec<(String, String)> = serde_json::from_str::<Value>(&d.headers)
                .ok()
                .and_then(|h| h.as_object().cloned())
                .map(|h| {
                    h.into_iter()
                        .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_owned()))
                        .collect()
                })
                .unwrap_or_default();
            let own: Vec<Value> = records
                .into_iter()
                .filter(|r| r["dedupe_key"] == d.dedupe_key.as_str() || r["job_id"] == d.id)
                .collect();
            context.integration_id = Some(d.dedupe_key.clone());
            context.occurred_at = Some(format_ms(d.received_at_ms));
            context.status = Some(STORED_STATUS);
            let verifier = signature_verifier(args)?;
            delivery_bundle(&body, &headers, &own, verifier.as_ref(), &context)
        }
        None => {
            let Some(record) = records.iter().find(|r| r["request_id"] == args.id.as_str()) else {
                eprintln!(
                    "sdkit: no delivery with dedupe key or job id {0}, and no log record with request_id {0}",
                    args.id
                );
                return Ok(1);
            };
            context.integration_id = Some(args.id.clone());
            api_bundle(record, None, None, &context)
        }
    };
    let text = serde_json::to_string_pretty(&bundle).unwrap_or_default();
    match &args.out {
        Some(path) => write_secret_file(path, &text)?,
        None => outln!("{text}"),
    }
    Ok(0)
}

/// The delivery `id` names: a dedupe key, or a job id (`sdkit log`'s `id`).
fn find_delivery(url: &store::StoreUrl, id: &str) -> CliResult<Option<StoredDelivery>> {
    let mut store = store::open_existing(url)?;
    if let Some(d) = store.get(id)? {
        return Ok(Some(d));
    }
    let Ok(job) = id.parse::<i64>() else {
        return Ok(None);
    };
    let all = Filter {
        limit: 0,
        ..Filter::default()
    };
    match store.list(&all)?.into_iter().find(|d| d.id == job) {
        Some(d) => store.get(&d.dedupe_key),
        None => Ok(None),
    }
}

/// Every JSON object line of the `--log` files (other lines are skipped:
/// a receiver's log may interleave plain text).
fn read_logs(paths: &[PathBuf]) -> CliResult<Vec<Value>> {
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::usage(format!("cannot read {}: {e}", path.display())))?;
        out.extend(
            text.lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .filter(Value::is_object),
        );
    }
    Ok(out)
}

/// A verifier from `--key`, or from `SPOTDRAFT_HMAC_KEYS` when it is set;
/// none otherwise (the bundle then says the check was not run).
fn signature_verifier(args: &EscalateArgs) -> CliResult<Option<Verifier>> {
    if args.keys.keys.is_empty() && std::env::var_os("SPOTDRAFT_HMAC_KEYS").is_none() {
        return Ok(None);
    }
    let encoding = KeyEncoding::parse(&args.keys.key_encoding).unwrap_or_default();
    verifier(&args.keys.keys, encoding, args.keys.policy()).map(Some)
}
