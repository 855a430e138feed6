//! `sdkit serve` under faults, on 127.0.0.1 with a SQLite store: a crash
//! mid-burst with handlers running (the ledger), a handler that outlives
//! its timeout, slow and held clients, and secrets kept out of `ps`, out of
//! handler environments and out of world-readable files. Every wait is
//! bounded; nothing asserts a timing. The PostgreSQL restart is in
//! `postgres.rs`.

// Test code: clocks, environment and unwraps are fine here.
#![allow(clippy::disallowed_methods, clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use common::*;

/// Sends raw bytes and returns what the server answers until it closes
/// (or `wait` passes).
fn exchange(addr: &str, bytes: &[u8], wait: Duration) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(wait)).unwrap();
    s.write_all(bytes).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn send_one(url: &str, dir: &std::path::Path) -> std::process::Output {
    let key = format!("@{}", key_file(dir).display());
    let payload = payloads()[0].display().to_string();
    sdkit()
        .args(["send", "--to", url, "--key", &key, "--quiet", &payload])
        .output()
        .unwrap()
}

#[test]
fn crash_mid_burst_then_the_ledger_balances_and_every_run_carries_its_attempt() {
    let dir = tempdir("fault-ledger");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let runs = dir.join("runs.txt");
    // Each run appends "<idempotency key> <attempt>", slowly enough that
    // several are in flight when the receiver dies.
    let exec = format!(
        "sleep 0.02; printf '%s %s\\n' \"$SDKIT_IDEMPOTENCY_KEY\" \"$SDKIT_ATTEMPT\" >> '{}'",
        runs.display()
    );
    let flags = ["--exec", exec.as_str(), "--workers", "4"];
    let server = Server::start(&store, &dir, "before", &flags);
    let report = dir.join("report.jsonl");
    let key = format!("@{}", key_file(&dir).display());
    let url = server.url();
    let send_flags = [
        "--to",
        &url,
        "--key",
        &key,
        "--events",
        "3000",
        "--seed",
        "5",
        "--concurrency",
        "4",
        "--timeout",
        "5",
        "--quiet",
    ];
    let sender = spawn_quiet(&send_args(&send_flags, &report));
    wait_until(
        "handlers running mid-burst",
        Duration::from_secs(120),
        || {
            let processed = server
                .log_lines()
                .iter()
                .filter(|l| l["event"] == "delivery_processed")
                .count();
            processed >= 20
        },
    );
    server.kill9();
    assert_eq!(sender.wait_with_output().unwrap().status.code(), Some(1));

    let server = Server::start(&store, &dir, "after", &flags);
    wait_processed(&store, Duration::from_secs(180));
    assert!(server.stop().success());

    // Acknowledged ⊆ stored ⊆ sent: nothing acknowledged was lost.
    let report = read_jsonl(&report);
    let sent: BTreeSet<&str> = report
        .iter()
        .map(|r| r["dedupe_key"].as_str().unwrap())
        .collect();
    let acked: BTreeSet<&str> = report
        .iter()
        .filter(|r| matches!(r["status"].as_u64(), Some(200..=299)))
        .map(|r| r["dedupe_key"].as_str().unwrap())
        .collect();
    let rows = stored(&store);
    let by_key: BTreeMap<&str, i64> = rows
        .iter()
        .map(|d| {
            assert_eq!(d["status"], "processed", "{d}");
            (
                d["dedupe_key"].as_str().unwrap(),
                d["attempts"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(by_key.len(), rows.len(), "a dedupe key stored twice");
    for key in &acked {
        assert!(by_key.contains_key(key), "acknowledged {key} was lost");
    }
    for key in by_key.keys() {
        assert!(sent.contains(key), "stored {key} was never sent");
    }
    // Every handler run names its attempt; no attempt ran twice; the store
    // counts at least the runs there were, and the last one succeeded.
    let mut attempts_run: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for line in std::fs::read_to_string(&runs).unwrap().lines() {
        let (key, attempt) = line.split_once(' ').unwrap();
        let attempt: i64 = attempt.parse().unwrap_or_else(|_| panic!("{line}"));
        assert!(attempt >= 1, "{line}");
        attempts_run
            .entry(key.to_owned())
            .or_default()
            .push(attempt);
    }
    let mut reruns = 0;
    for (key, &attempts) in &by_key {
        let mut ran = attempts_run.remove(*key).unwrap_or_default();
        ran.sort_unstable();
        let distinct: BTreeSet<i64> = ran.iter().copied().collect();
        assert_eq!(
            distinct.len(),
            ran.len(),
            "{key}: attempt ran twice: {ran:?}"
        );
        assert!(
            ran.iter().all(|&a| a <= attempts),
            "{key}: {ran:?} > {attempts}"
        );
        assert_eq!(
            ran.last(),
            Some(&attempts),
            "{key}: the counted attempt ran"
        );
        if ran.len() > 1 {
            reruns += 1;
        }
    }
    assert!(attempts_run.is_empty(), "runs for unknown events");
    eprintln!(
        "ledger: {} sent, {} acknowledged, {} stored, {reruns} re-run after the crash",
        sent.len(),
        acked.len(),
        by_key.len()
    );
}

/// Processes but `except` whose command line mentions `needle`.
fn processes_mentioning(needle: &str, except: u32) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        if entry.file_name().to_string_lossy() == except.to_string() {
            continue;
        }
        if let Ok(cmd) = std::fs::read(entry.path().join("cmdline")) {
            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
            if cmd.contains(needle) {
                found.push(format!("{}: {cmd}", entry.file_name().to_string_lossy()));
            }
        }
    }
    found
}

#[test]
fn a_handler_timeout_leaves_no_surviving_process() {
    let dir = tempdir("fault-timeout");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let marker = dir.join("side-effect");
    // The shell forks a child shell, which forks `sleep` and a background
    // job: killing only the outer shell would leave both running.
    let exec = format!(
        "sh -c '(sleep 3; touch {m}.bg) & sleep 3; touch {m}'; touch {m}",
        m = marker.display()
    );
    let server = Server::start(
        &store,
        &dir,
        "s",
        &[
            "--exec",
            &exec,
            "--handler-timeout",
            "1",
            "--max-attempts",
            "1",
        ],
    );
    assert!(send_one(&server.url(), &dir).status.success());
    wait_until("the attempt to time out", Duration::from_secs(60), || {
        stored(&store).iter().any(|d| d["status"] == "failed")
    });
    let row = &stored(&store)[0];
    assert!(
        row["last_error"].as_str().unwrap().contains("timed out"),
        "{row}"
    );
    let needle = marker.display().to_string();
    assert_eq!(
        processes_mentioning(&needle, server.pid()),
        Vec::<String>::new()
    );
    // Past the handler's own 3 s: had anything survived, it would have
    // left its side effect by now.
    std::thread::sleep(Duration::from_secs(4));
    assert!(!marker.exists(), "the handler's side effect happened");
    assert!(
        !dir.join("side-effect.bg").exists(),
        "its background job ran"
    );
    assert!(server.stop().success());
}

#[test]
fn slow_and_held_clients_are_cut_off_and_bounded() {
    let dir = tempdir("fault-slow");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(
        &store,
        &dir,
        "s",
        &[
            "--header-timeout",
            "1",
            "--body-timeout",
            "1",
            "--max-connections",
            "8",
            "--max-body-bytes",
            "100000",
            "--max-inflight-bytes",
            "100000",
        ],
    );
    let addr = server.addr.clone();
    let long = Duration::from_secs(20);
    // Headers that never end: the connection is closed.
    let answer = exchange(
        &addr,
        b"POST /webhooks/spotdraft HTTP/1.1\r\nHost: x\r\n",
        long,
    );
    assert!(!answer.contains("202"), "{answer}");
    // A body that stops halfway: 408.
    let head = "POST /webhooks/spotdraft HTTP/1.1\r\nHost: x\r\ncontent-length: 5000\r\n\r\n";
    let answer = exchange(&addr, format!("{head}{{\"partial\":").as_bytes(), long);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");

    // One held upload reserves all the bytes in flight: the next is told
    // to come back later, with Retry-After.
    let mut held = TcpStream::connect(&addr).unwrap();
    held.write_all(
        b"POST /webhooks/spotdraft HTTP/1.1\r\nHost: x\r\ncontent-length: 100000\r\n\r\n{",
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let big = "POST /webhooks/spotdraft HTTP/1.1\r\nHost: x\r\ncontent-length: 90000\r\n\r\n";
    let answer = exchange(&addr, big.as_bytes(), long);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 5"),
        "{answer}"
    );
    drop(held);

    // 40 idle connections against a cap of 8: they are dropped after the
    // header timeout and the receiver serves again.
    let idle: Vec<TcpStream> = (0..40)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    let health = b"HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let answer = exchange(&addr, health, Duration::from_secs(60));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    drop(idle);
    assert!(send_one(&server.url(), &dir).status.success());
    assert!(server.stop().success());
}

#[test]
fn secrets_stay_out_of_ps_handler_environments_and_open_key_files() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempdir("fault-secrets");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());

    // A key file others can read is refused, with the fix.
    let open_key = dir.join("open.key");
    std::fs::write(&open_key, format!("{KEY}\n")).unwrap();
    std::fs::set_permissions(&open_key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = run(&[
        "serve",
        "--key",
        &format!("@{}", open_key.display()),
        "--store",
        &store,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("chmod 600"), "{}", stderr(&o));

    // A missing handler is refused at start, not retried forever.
    let kf = format!("@{}", key_file(&dir).display());
    let o = run(&[
        "serve",
        "--key",
        &kf,
        "--store",
        &store,
        "--exec",
        "./no-such-handler",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-handler"), "{}", stderr(&o));

    // The key from the environment: not in `ps`, not in the handler's
    // environment, nor are the fallback key variable and store credentials.
    let env_dump = dir.join("env.txt");
    let addr_file = dir.join("addr");
    let log = std::fs::File::create(dir.join("serve.log")).unwrap();
    let mut child = sdkit()
        .args([
            "serve",
            "--key",
            "env:SDKIT_FAULT_KEY",
            "--listen",
            "127.0.0.1:0",
        ])
        .args([
            "--store",
            &store,
            "--exec",
            &format!("env > '{}'", env_dump.display()),
        ])
        .arg("--addr-file")
        .arg(&addr_file)
        .env("SDKIT_FAULT_KEY", KEY)
        .env("SPOTDRAFT_HMAC_KEYS", format!("other:{KEY}"))
        .env("PGPASSWORD", "store-secret-for-the-test")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    wait_until("sdkit serve to listen", Duration::from_secs(30), || {
        addr_file.exists()
    });
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", child.id())).unwrap();
    assert!(
        !String::from_utf8_lossy(&cmdline).contains(KEY),
        "key in ps"
    );
    let url = format!(
        "http://{}/webhooks/spotdraft",
        std::fs::read_to_string(&addr_file).unwrap()
    );
    assert!(send_one(&url, &dir).status.success());
    wait_until("the handler to run", Duration::from_secs(60), || {
        std::fs::read_to_string(&env_dump).is_ok_and(|t| t.contains("SDKIT_ATTEMPT=1"))
    });
    let env = std::fs::read_to_string(&env_dump).unwrap();
    assert!(!env.contains(KEY), "a key in the handler's environment");
    assert!(!env.contains("store-secret-for-the-test"));
    assert!(!env.contains("SDKIT_FAULT_KEY=") && !env.contains("SPOTDRAFT_HMAC_KEYS="));
    assert!(env.contains("SDKIT_IDEMPOTENCY_KEY="), "{env}");
    child.kill().unwrap();
    let _ = child.wait();

    // An inline key still works, with a warning on stderr.
    let o = sdkit()
        .args([
            "serve",
            "--key",
            KEY,
            "--store",
            &store,
            "--listen",
            "256.0.0.1:0",
        ])
        .output()
        .unwrap();
    assert!(stderr(&o).contains("shows in `ps`"), "{}", stderr(&o));
}

#[test]
fn keys_from_stdin_and_systemd_credentials_are_read() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempdir("fault-keysources");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    // The key is read, then the bad --listen stops the command: exit 2
    // naming --listen proves the key was accepted.
    let serve = |key: &str, stdin: &str, creds: Option<&std::path::Path>| {
        let mut cmd = sdkit();
        cmd.args([
            "serve",
            "--key",
            key,
            "--store",
            &store,
            "--listen",
            "256.0.0.1:0",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        if let Some(dir) = creds {
            cmd.env("CREDENTIALS_DIRECTORY", dir);
        }
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let o = serve("-", &format!("{KEY}\n"), None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--listen"), "{}", stderr(&o));
    let o = serve("-", "not a key!\n", None);
    assert!(stderr(&o).contains("standard input"), "{}", stderr(&o));

    let creds = dir.join("creds");
    std::fs::create_dir(&creds).unwrap();
    std::fs::write(creds.join("hmac"), KEY).unwrap();
    std::fs::set_permissions(creds.join("hmac"), std::fs::Permissions::from_mode(0o400)).unwrap();
    let o = serve("prod=cred:hmac", "", Some(&creds));
    assert!(stderr(&o).contains("--listen"), "{}", stderr(&o));
    let o = serve("cred:hmac", "", None);
    assert!(
        stderr(&o).contains("CREDENTIALS_DIRECTORY"),
        "{}",
        stderr(&o)
    );
}

/// A one-thread HTTP target for `--forward`: answers `statuses` in turn
/// and records each request's head.
fn forward_target(statuses: Vec<u16>) -> (String, std::thread::JoinHandle<Vec<String>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let handle = std::thread::spawn(move || {
        let mut heads = Vec::new();
        for status in statuses {
            let (mut s, _) = listener.accept().unwrap();
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
            let mut buf = Vec::new();
            let mut chunk = [0u8; 8192];
            // Head, then the body by Content-Length.
            let head_end = loop {
                let n = s.read(&mut chunk).unwrap();
                assert!(n > 0, "closed before the head ended");
                buf.extend_from_slice(&chunk[..n]);
                if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    break i + 4;
                }
            };
            let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().unwrap());
            while buf.len() < head_end + length {
                let n = s.read(&mut chunk).unwrap();
                assert!(n > 0, "closed before the body ended");
                buf.extend_from_slice(&chunk[..n]);
            }
            let answer =
                format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            s.write_all(answer.as_bytes()).unwrap();
            heads.push(head);
        }
        heads
    });
    (addr, handle)
}

#[test]
fn forward_sends_one_idempotency_key_and_commits_only_on_the_answer() {
    let dir = tempdir("fault-forward");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let (target, heads) = forward_target(vec![503, 200]);
    let forward = format!("http://{target}/events");
    let server = Server::start(
        &store,
        &dir,
        "s",
        &[
            "--forward",
            &forward,
            "--retry-base-ms",
            "10",
            "--poll-ms",
            "20",
        ],
    );
    assert!(send_one(&server.url(), &dir).status.success());
    let heads = heads.join().unwrap();
    wait_processed(&store, Duration::from_secs(60));
    let row = &stored(&store)[0];
    assert_eq!(
        (row["status"].as_str(), row["attempts"].as_i64()),
        (Some("processed"), Some(2))
    );
    let key = row["dedupe_key"].as_str().unwrap().to_ascii_lowercase();
    assert_eq!(heads.len(), 2);
    for (i, head) in heads.iter().enumerate() {
        assert!(head.contains(&format!("idempotency-key: {key}")), "{head}");
        assert!(
            head.contains(&format!("x-sdkit-attempt: {}", i + 1)),
            "{head}"
        );
    }
    assert!(server.stop().success());
}

#[test]
fn one_slow_handler_does_not_stall_the_sqlite_queue() {
    let dir = tempdir("fault-slow-handler");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    // The first event's first attempt hangs until its timeout.
    let exec = "if [ \"$SDKIT_JOB_ID\" = 1 ] && [ \"$SDKIT_ATTEMPT\" = 1 ]; then sleep 10; fi";
    let flags = [
        "--exec",
        exec,
        "--workers",
        "2",
        "--handler-timeout",
        "3",
        "--retry-base-ms",
        "10",
        "--poll-ms",
        "20",
    ];
    let server = Server::start(&store, &dir, "s", &flags);
    let key = format!("@{}", key_file(&dir).display());
    let mut args: Vec<String> = ["send", "--to", &server.url(), "--key", &key]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(["--events", "6", "--seed", "9", "--quiet"].map(String::from));
    args.extend(payloads().iter().map(|p| p.display().to_string()));
    assert!(sdkit().args(&args).status().unwrap().success());
    wait_until(
        "the others to pass the hanging one",
        Duration::from_secs(60),
        || {
            let rows = stored(&store);
            let first_hangs = rows
                .iter()
                .any(|d| d["id"] == 1 && d["status"] == "running" && d["attempts"] == 1);
            let done = rows.iter().filter(|d| d["status"] == "processed").count();
            first_hangs && done == 5
        },
    );
    // The hung attempt times out; the retry is counted and succeeds.
    wait_processed(&store, Duration::from_secs(60));
    let first = stored(&store).into_iter().find(|d| d["id"] == 1).unwrap();
    assert_eq!(first["attempts"], 2, "{first}");
    assert!(server.stop().success());
}
