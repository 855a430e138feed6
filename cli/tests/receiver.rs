//! The receiver end to end over real sockets: load with duplicates and
//! tampering, and crash safety under SIGKILL.

// Test code: clocks, environment and unwraps are fine here.
#![allow(clippy::disallowed_methods, clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use common::*;
use serde_json::Value;

/// The burst both tests send: `events` events, 200 duplicates, 20
/// tampered copies, shuffled.
fn burst(url: &str, events: &str, report: &std::path::Path, extra: &[&str]) -> Vec<String> {
    let mut flags = vec![
        "--to",
        url,
        "--key",
        KEY,
        "--events",
        events,
        "--duplicate",
        "200",
        "--tamper=20",
        "--shuffle",
        "--seed",
        "7",
        "--concurrency",
        "16",
        "--json",
        "--quiet",
    ];
    flags.extend_from_slice(extra);
    send_args(&flags, report)
}

#[test]
fn thousand_deliveries_with_duplicates_stored_and_processed_exactly_once() {
    let dir = tempdir("e2e");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let processed = dir.join("processed.txt");
    let exec = format!(
        "printf '%s\\n' \"$SDKIT_DEDUPE_KEY\" >> '{}'",
        processed.display()
    );
    let server = Server::start(&store, &dir, "s", &["--exec", &exec]);
    let report = dir.join("report.jsonl");
    let o = sdkit()
        .args(burst(&server.url(), "800", &report, &[]))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(summary["sent"], 1020);
    assert_eq!(summary["errors"], 0);
    assert_eq!(summary["statuses"]["202"], 800);
    assert_eq!(summary["statuses"]["200"], 200);
    assert_eq!(summary["statuses"]["401"], 20);

    wait_processed(&store, Duration::from_secs(120));
    let rows = stored(&store);
    assert_exactly_once(&read_jsonl(&report), &rows, 800);
    // The handler ran once per event.
    let ran = std::fs::read_to_string(&processed).unwrap();
    let ran: Vec<&str> = ran.lines().collect();
    let distinct: BTreeSet<&str> = ran.iter().copied().collect();
    assert_eq!(ran.len(), 800);
    assert_eq!(distinct.len(), 800);
    let stored_keys: BTreeSet<&str> = rows
        .iter()
        .map(|d| d["dedupe_key"].as_str().unwrap())
        .collect();
    assert_eq!(distinct, stored_keys);
    assert!(server.stop().success());
}

#[test]
fn sigkill_mid_burst_loses_nothing_that_was_acknowledged() {
    let dir = tempdir("crash");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(&store, &dir, "before", &[]);
    let report = dir.join("report.jsonl");
    // More events than get through before the kill.
    let args = burst(&server.url(), "3000", &report, &["--timeout", "5"]);
    let sender = spawn_quiet(&args);
    wait_until("a few hundred deliveries", Duration::from_secs(120), || {
        server
            .log_lines()
            .iter()
            .filter(|l| l["event"] == "delivery_received")
            .count()
            >= 300
    });
    server.kill9();
    let status = sender.wait_with_output().unwrap().status;
    assert_eq!(
        status.code(),
        Some(1),
        "some deliveries must have failed after the kill"
    );

    let report = read_jsonl(&report);
    let acked: BTreeMap<&str, u64> = report
        .iter()
        .filter(|r| matches!(r["status"].as_u64(), Some(200..=299)))
        .map(|r| {
            (
                r["dedupe_key"].as_str().unwrap(),
                r["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        acked.len() >= 250,
        "only {} acknowledged before the kill",
        acked.len()
    );
    assert!(
        report.iter().any(|r| r["status"].is_null()),
        "the kill happened after the burst"
    );

    let server = Server::start(&store, &dir, "after", &[]);
    wait_processed(&store, Duration::from_secs(120));
    let rows = stored(&store);
    let by_key: BTreeMap<&str, &Value> = rows
        .iter()
        .map(|d| (d["dedupe_key"].as_str().unwrap(), d))
        .collect();
    assert_eq!(by_key.len(), rows.len(), "a dedupe key stored twice");
    for key in acked.keys() {
        let d = by_key
            .get(key)
            .unwrap_or_else(|| panic!("acknowledged delivery {key} was lost"));
        assert_eq!(d["status"], "processed", "{d}");
    }
    // Claims in flight at the kill ran again after the restart, and say so.
    let mut rerun = 0;
    for d in &rows {
        assert_eq!(d["status"], "processed", "{d}");
        match d["attempts"].as_u64() {
            Some(1) => {}
            Some(2) => rerun += 1,
            _ => panic!("unexpected attempts: {d}"),
        }
    }
    assert!(rerun <= 4 * 64, "{rerun} deliveries ran twice");
    assert!(server.stop().success());
}
