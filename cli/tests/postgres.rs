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
    let url = std::env::var("SDKIT_TEST_POSTGRES_URL").expect("SDKIT_TEST_POSTGRES_URL");
    let dir = tempdir("postgres-crash");
    let before = stored(&url).len();
    // An --exec handler, so claims are leased (the default handler settles
    // in one statement); a short handler timeout keeps the lease short: b
    // takes over a's claims 6 s after they were made.
    let runs = dir.join("runs.txt");
    let exec = format!(
        "printf '%s %s\\n' \"$SDKIT_IDEMPOTENCY_KEY\" \"$SDKIT_ATTEMPT\" >> '{}'",
        runs.display()
    );
    let flags = [
        "--workers",
        "2",
        "--poll-ms",
        "50",
        "--handler-timeout",
        "1",
        "--exec",
        exec.as_str(),
    ];
    let a = Server::start(&url, &dir, "a", &flags);
    let b = Server::start(&url, &dir, "b", &flags);
    let report = dir.join("a.jsonl");
    let a_url = a.url();
    let send_flags = [
        "--to",
        &a_url,
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
    ];
    let sender = spawn_quiet(&send_args(&send_flags, &report));
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
    // had claimed when it died (their leases end).
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
    // a's claims at the kill (at most 2 workers x 1) ran again, counted.
    let mut rerun = 0;
    for d in &rows {
        assert_eq!(d["status"], "processed", "{d}");
        match d["attempts"].as_u64() {
            Some(1) => {}
            Some(2) => rerun += 1,
            _ => panic!("unexpected attempts: {d}"),
        }
    }
    assert!(rerun <= 2, "{rerun} deliveries ran twice");
    // Every run of this test's events names its attempt.
    for line in std::fs::read_to_string(&runs).unwrap().lines() {
        let (_, attempt) = line.split_once(' ').unwrap();
        assert!(matches!(attempt, "1" | "2"), "{line}");
    }
    assert!(rows.len() - before >= acked.len());
    assert!(b.stop().success());
}

/// `GET`/`HEAD` of `/healthz`: the status line.
fn health(addr: &str, method: &str) -> String {
    use std::io::{Read as _, Write as _};
    let Ok(mut s) = std::net::TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    let req = format!("{method} /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let _ = s.write_all(req.as_bytes());
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

fn pg_script(action: &str, dir: &str) {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/postgres.sh");
    let o = std::process::Command::new(script)
        .args([action, dir])
        .output()
        .unwrap();
    assert!(o.status.success(), "postgres.sh {action}: {}", stdout(&o));
}

#[test]
#[ignore = "needs a PostgreSQL server: run through cli/scripts/test.sh"]
fn a_database_restart_answers_503_then_recovers_by_itself() {
    let url = std::env::var("SDKIT_TEST_POSTGRES_URL").expect("SDKIT_TEST_POSTGRES_URL");
    let pg_dir = std::env::var("SDKIT_TEST_POSTGRES_DIR").expect("SDKIT_TEST_POSTGRES_DIR");
    let dir = tempdir("postgres-restart");
    let server = Server::start(&url, &dir, "s", &["--poll-ms", "50"]);
    let key = format!("@{}", key_file(&dir).display());
    let send = |seed: &str| {
        let mut args: Vec<String> = ["send", "--to", &server.url(), "--key", &key]
            .iter()
            .map(|s| s.to_string())
            .collect();
        args.extend(["--events", "50", "--seed", seed, "--json", "--quiet"].map(String::from));
        args.extend(payloads().iter().map(|p| p.display().to_string()));
        let o = sdkit().args(args).output().unwrap();
        serde_json::from_str::<Value>(&stdout(&o)).unwrap()
    };
    assert!(health(&server.addr, "HEAD").starts_with("HTTP/1.1 200"));
    assert_eq!(send("31")["statuses"]["202"], 50);

    pg_script("down", &pg_dir);
    wait_until(
        "/healthz to report the store down",
        Duration::from_secs(30),
        || health(&server.addr, "GET").starts_with("HTTP/1.1 503"),
    );
    assert!(health(&server.addr, "HEAD").starts_with("HTTP/1.1 503"));
    let down = send("32");
    assert_eq!(down["statuses"]["503"], 50, "{down}");
    // A signed delivery by hand, to see the headers: 503 with Retry-After.
    let body = std::fs::read(&payloads()[0]).unwrap();
    let sign = sdkit()
        .args(["sign", "--header", "--key", &key])
        .arg(&payloads()[0])
        .output()
        .unwrap();
    let signature = stdout(&sign).trim().to_owned();
    let mut req = format!(
        "POST /webhooks/spotdraft HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n{signature}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(&body);
    let answer = {
        use std::io::{Read as _, Write as _};
        let mut s = std::net::TcpStream::connect(&server.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(&req).unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    };
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after:"),
        "{answer}"
    );

    pg_script("up", &pg_dir);
    wait_until(
        "/healthz to report the store back",
        Duration::from_secs(60),
        || health(&server.addr, "GET").starts_with("HTTP/1.1 200"),
    );
    // The same events again: now stored, and processed.
    wait_until(
        "deliveries to be stored again",
        Duration::from_secs(60),
        || send("32")["statuses"]["503"].is_null(),
    );
    wait_processed(&url, Duration::from_secs(60));
    let lines = server.log_lines();
    assert!(lines.iter().any(|l| l["event"] == "store_reconnected"));
    let refused = lines.iter().filter(|l| l["http_status"] == 503).count();
    assert!(refused >= 50, "{refused}");
    assert!(server.stop().success());
}

/// `sdkit ARGS` with the stub's API config.
fn with_stub(stub: &Stub, args: &[&str]) -> std::process::Output {
    sdkit()
        .args(args)
        .env("SPOTDRAFT_BASE_URL", &stub.base)
        .env("SPOTDRAFT_CLIENT_ID", "client-1")
        .env("SPOTDRAFT_CLIENT_SECRET", API_SECRET)
        .env("SPOTDRAFT_ENVIRONMENT", "uat")
        .env_remove("SPOTDRAFT_REGION")
        .output()
        .unwrap()
}

#[test]
#[ignore = "needs a PostgreSQL server: run through cli/scripts/test.sh"]
fn the_webhook_registry_and_the_reconcile_checkpoint_live_in_postgres() {
    let url = std::env::var("SDKIT_TEST_POSTGRES_URL").expect("SDKIT_TEST_POSTGRES_URL");
    let stub = Stub::start();
    let hook = "https://hooks.example.com/sd/pg-registry";
    let created = with_stub(
        &stub,
        &[
            "webhooks",
            "--store",
            &url,
            "create",
            "--title",
            "pg",
            "--url",
            hook,
            "--activity",
            "CONTRACT_SIGNED",
        ],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let id = stdout(&created).trim().to_owned();
    let listed = with_stub(&stub, &["webhooks", "--store", &url, "list", "--json"]);
    let rows: Vec<Value> = stdout(&listed)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let row = rows
        .iter()
        .find(|r| r["id"] == id.as_str())
        .expect("the new webhook is listed");
    assert_eq!(
        (row["url"].as_str(), row["environment"].as_str()),
        (Some(hook), Some("uat"))
    );
    let deleted = with_stub(&stub, &["webhooks", "--store", &url, "delete", &id]);
    assert!(deleted.status.success(), "{}", stderr(&deleted));
    let again = with_stub(&stub, &["webhooks", "--store", &url, "delete", &id]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "a deleted id is no longer known"
    );

    let first = with_stub(
        &stub,
        &[
            "reconcile",
            "--store",
            &url,
            "--retrigger",
            "--since",
            "2025-12-31T00:00",
            "--json",
        ],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let first: Value = serde_json::from_str(stdout(&first).trim()).unwrap();
    let next = with_stub(
        &stub,
        &["reconcile", "--store", &url, "--retrigger", "--json"],
    );
    assert!(next.status.success(), "{}", stderr(&next));
    let next: Value = serde_json::from_str(stdout(&next).trim()).unwrap();
    assert_eq!(next["checkpoint"], first["next_checkpoint"]);
}

#[test]
#[ignore = "needs a PostgreSQL server: run through cli/scripts/test.sh"]
fn a_store_from_before_the_queue_table_opens_and_keeps_its_events() {
    let url = std::env::var("SDKIT_TEST_POSTGRES_URL").expect("SDKIT_TEST_POSTGRES_URL");
    // A database of its own: the other tests share the default one.
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    for sql in [
        "DROP DATABASE IF EXISTS sdkit_migration",
        "CREATE DATABASE sdkit_migration",
    ] {
        admin.batch_execute(sql).unwrap();
    }
    let (base, _) = url.rsplit_once('/').unwrap();
    let old_url = format!("{base}/sdkit_migration");
    let mut old = postgres::Client::connect(&old_url, postgres::NoTls).unwrap();
    // The one-table schema of stores created before the queue table.
    old.batch_execute(
        "CREATE TABLE sdkit_deliveries (
            id BIGSERIAL PRIMARY KEY, dedupe_key TEXT NOT NULL UNIQUE,
            received_at_ms BIGINT NOT NULL, activity TEXT NOT NULL, contract_id BIGINT,
            external_id TEXT, occurred_at TEXT, body_sha256 TEXT NOT NULL,
            key_index BIGINT NOT NULL, key_id TEXT, headers TEXT NOT NULL, body BYTEA NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending', attempts BIGINT NOT NULL DEFAULT 0,
            next_attempt_ms BIGINT NOT NULL, processed_at_ms BIGINT, last_error TEXT);
        CREATE INDEX sdkit_deliveries_due ON sdkit_deliveries (status, next_attempt_ms);
        CREATE INDEX sdkit_deliveries_received ON sdkit_deliveries (received_at_ms);
        INSERT INTO sdkit_deliveries (dedupe_key, received_at_ms, activity, contract_id,
            body_sha256, key_index, headers, body, status, attempts, next_attempt_ms,
            processed_at_ms, last_error) VALUES
            ('done', 10, 'CONTRACT_EXECUTED', 7, 'aa', 0, '{}', '{}', 'processed', 1, 10, 20, NULL),
            ('gave-up', 12, 'CONTRACT_SIGNED', 9, 'cc', 0, '{}', '{}', 'failed', 5, 12, NULL, 'exit 2');",
    )
    .unwrap();
    drop(old);
    for _ in 0..2 {
        // The first open migrates; the second finds nothing left to do.
        let rows = stored(&old_url);
        let summary: Vec<(String, i64)> = rows
            .iter()
            .map(|r| {
                (
                    r["status"].as_str().unwrap().to_owned(),
                    r["attempts"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [("processed".to_owned(), 1), ("failed".to_owned(), 5)],
            "{rows:?}"
        );
        assert_eq!(rows[1]["last_error"], "exit 2");
    }
    let mut check = postgres::Client::connect(&old_url, postgres::NoTls).unwrap();
    let left: i64 = check
        .query_one(
            "SELECT count(*) FROM information_schema.columns \
             WHERE table_name = 'sdkit_deliveries' AND column_name = 'status'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "the queue columns moved to sdkit_queue");
    drop(check);
    admin
        .batch_execute("DROP DATABASE sdkit_migration WITH (FORCE)")
        .unwrap();
}
