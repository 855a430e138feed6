//! Two `sdkit serve` instances sharing one real PostgreSQL server: every
//! event stored once and processed once, whichever instance got it.
//!
//! And an instance killed with SIGKILL mid-burst: the other one processes
//! everything it acknowledged, nothing twice.
//!
//! Needs `SDKIT_TEST_POSTGRES_URL`; `cli/scripts/test.sh` starts a
//! throwaway PostgreSQL on loopback and runs these with `--ignored`.

// Test code: clocks, environment and unwraps are fine here.
#![allow(clippy::disallowed_methods, clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::*;
use serde_json::Value;

#[test]
#[ignore = "needs a PostgreSQL server: run through cli/scripts/test.sh"]
fn two_instances_share_one_postgres_exactly_once() {
    let url = std::env::var("SDKIT_TEST_POSTGRES_URL").expect("SDKIT_TEST_POSTGRES_URL");
    let dir = tempdir("postgres");
    let a = Server::start(&url, &dir, "a", &["--workers", "2", "--poll-ms", "50"]);
    let b = Server::start(&url, &dir, "b", &["--workers", "2", "--poll-ms", "50"]);
    // Half the deliveries to each instance, at the same time; the
    // duplicates of one event often land on different instances.
    let files: Vec<String> = payloads().iter().map(|p| p.display().to_string()).collect();
    let send = |url: String, report: std::path::PathBuf| {
        let files = files.clone();
        std::thread::spawn(move || {
            let mut args: Vec<String> = [
                "send",
                "--to",
                &url,
                "--key",
                KEY,
                "--events",
                "500",
                "--duplicate",
                "100",
                "--tamper=10",
                "--shuffle",
                "--seed",
                "11",
                "--concurrency",
                "8",
                "--json",
                "--quiet",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            args.push("--report".into());
            args.push(report.display().to_string());
            args.extend(files);
            sdkit().args(args).output().unwrap()
        })
    };
    // Both senders build the same events (same seed and templates, same
    // second): most events reach both instances concurrently.
    let ra = dir.join("a.jsonl");
    let rb = dir.join("b.jsonl");
    let ta = send(a.url(), ra.clone());
    let tb = send(b.url(), rb.clone());
    let (oa, ob) = (ta.join().unwrap(), tb.join().unwrap());
    for o in [&oa, &ob] {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
        let v: Value = serde_json::from_str(&stdout(o)).unwrap();
        assert_eq!(v["errors"], 0);
    }
    wait_processed(&url, Duration::from_secs(120));
    let mut report = read_jsonl(&ra);
    report.extend(read_jsonl(&rb));
    let mut report_keys: Vec<&str> = report
        .iter()
        .filter(|r| r["kind"] != "tampered")
        .map(|r| r["dedupe_key"].as_str().unwrap())
        .collect();
    report_keys.sort();
    report_keys.dedup();
    // The database may hold other tests' events: look at this run's.
    let rows: Vec<Value> = stored(&url)
        .into_iter()
        .filter(|d| {
            report_keys
                .binary_search(&d["dedupe_key"].as_str().unwrap())
                .is_ok()
        })
        .collect();
    // Each instance answered 202 for a given event at most once, and across
    // both exactly once.
    let events = report_keys.len();
    assert!(events >= 500, "{events}");
    // Relabel every copy "event"/"duplicate" by arrival, as one sender would.
    for r in report.iter_mut() {
        if r["kind"] == "duplicate" {
            r["kind"] = "event".into();
        }
    }
    // Copies of one event reached both instances: most answers are 200.
    let copies = report.iter().filter(|r| r["kind"] != "tampered").count();
    let dup_answers = report.iter().filter(|r| r["status"] == 200).count();
    assert_eq!(dup_answers, copies - events);
    assert!(dup_answers >= 500, "{dup_answers}");
    assert_exactly_once(&report, &rows, events);
    // Both instances did work.
    for s in [&a, &b] {
        assert!(s
            .log_lines()
            .iter()
            .any(|l| l["event"] == "delivery_processed"));
    }
    assert!(a.stop().success());
    assert!(b.stop().success());
}

#[test]
#[ignore = "needs a PostgreSQL server: run through cli/scripts/test.sh"]
fn a_killed_instance_loses_nothing_and_the_other_takes_over() {
    use std::collections::BTreeMap;
    use std::process::Stdio;
    let url = std::env::var("SDKIT_TEST_POSTGRES_URL").expect("SDKIT_TEST_POSTGRES_URL");
    let dir = tempdir("postgres-crash");
    let before = stored(&url).len();
    let a = Server::start(&url, &dir, "a", &["--workers", "2", "--poll-ms", "50"]);
    let b = Server::start(&url, &dir, "b", &["--workers", "2", "--poll-ms", "50"]);
    let report = dir.join("a.jsonl");
    let mut args: Vec<String> = [
        "send",
        "--to",
        &a.url(),
        "--key",
        KEY,
        "--events",
        "3000",
        "--seed",
        "23",
        "--concurrency",
        "16",
        "--quiet",
        "--timeout",
        "5",
        "--report",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(report.display().to_string());
    args.extend(payloads().iter().map(|p| p.display().to_string()));
    let sender = sdkit()
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_until("a few hundred deliveries", Duration::from_secs(120), || {
        a.log_lines()
            .iter()
            .filter(|l| l["event"] == "delivery_received")
            .count()
            >= 300
    });
    a.kill9();
    assert_eq!(sender.wait_with_output().unwrap().status.code(), Some(1));
    let acked: BTreeMap<String, u64> = read_jsonl(&report)
        .iter()
        .filter(|r| matches!(r["status"].as_u64(), Some(200..=299)))
        .map(|r| {
            (
                r["dedupe_key"].as_str().unwrap().to_owned(),
                r["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(acked.len() >= 250, "{}", acked.len());
    // Instance b alone finishes everything a had stored, including rows a
    // held locked when it died.
    wait_processed(&url, Duration::from_secs(120));
    let rows = stored(&url);
    let by_key: BTreeMap<&str, &Value> = rows
        .iter()
        .map(|d| (d["dedupe_key"].as_str().unwrap(), d))
        .collect();
    assert_eq!(by_key.len(), rows.len());
    for key in acked.keys() {
        let d = by_key
            .get(key.as_str())
            .unwrap_or_else(|| panic!("acknowledged {key} lost"));
        assert_eq!(d["status"], "processed");
    }
    for d in &rows {
        assert_eq!(d["status"], "processed", "{d}");
        assert_eq!(d["attempts"], 1, "processed twice: {d}");
    }
    assert!(rows.len() - before >= acked.len());
    assert!(b.stop().success());
}
