//! `sdkit log`: the delivery log SpotDraft does not keep for you.

use crate::cli::LogArgs;
use crate::clock::{format_ms, now_ms, parse_since};
use crate::commands::outln;
use crate::delivery_json;
use crate::errors::{CliError, CliResult};
use crate::store::{self, Filter};

/// Prints matching deliveries, oldest first.
pub fn run(args: &LogArgs) -> CliResult<i32> {
    let url = store::parse_store_url(&args.store.store)
        .map_err(|e| CliError::usage(format!("--store: {e}")))?;
    let since_ms = match &args.since {
        Some(text) => Some(parse_since(text, now_ms()).ok_or_else(|| {
            CliError::usage(format!(
                "--since {text:?}: expected a duration (90s, 30m, 2h, 7d) or a UTC time (2026-11-02T10:00)"
            ))
        })?),
        None => None,
    };
    if args.limit < 0 {
        return Err(CliError::usage("--limit must be 0 (all) or more"));
    }
    let mut store = store::open_existing(&url)?;
    let rows = store.list(&Filter {
        since_ms,
        activity: args.activity.clone(),
        contract_id: args.contract,
        status: args.status.clone(),
        limit: args.limit,
    })?;
    if args.json {
        for d in &rows {
            outln!("{}", delivery_json::summary(d));
        }
        return Ok(0);
    }
    let table: Vec<[String; 7]> = rows
        .iter()
        .map(|d| {
            [
                format_ms(d.received_at_ms),
                d.status.clone(),
                d.attempts.to_string(),
                d.activity.clone(),
                d.contract_id
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "-".into()),
                d.key_id.clone().unwrap_or_else(|| d.key_index.to_string()),
                d.dedupe_key.clone(),
            ]
        })
        .collect();
    let header = [
        "RECEIVED (UTC)",
        "STATUS",
        "TRIES",
        "ACTIVITY",
        "CONTRACT",
        "KEY",
        "DEDUPE KEY",
    ];
    let mut widths = header.map(str::len);
    for row in &table {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: &[&str]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    outln!("{}", line(&header));
    for row in &table {
        outln!("{}", line(&row.each_ref().map(String::as_str)));
    }
    if args.limit > 0 && rows.len() as i64 == args.limit {
        outln!("{} deliveries (the newest; --limit 0 for all)", rows.len());
    } else {
        outln!("{} deliveries", rows.len());
    }
    Ok(0)
}
