//! `sdkit api` against a fake SpotDraft on loopback, and `sdkit env-diff`.

// Test code: clocks, environment and unwraps are fine here.
#![allow(clippy::disallowed_methods, clippy::unwrap_used)]

mod common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use common::*;
use serde_json::Value;

const SECRET: &str = API_SECRET;

/// Answers each connection with the next canned (status, body); records
/// the request line, headers and body.
fn fake_spotdraft(responses: Vec<(u16, &'static str)>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for (status, body) in responses {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" || line.is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
                request.push_str(&line);
            }
            let mut body_in = vec![0u8; len];
            reader.read_exact(&mut body_in).unwrap();
            request.push_str(&String::from_utf8_lossy(&body_in));
            log.lock().unwrap().push(request);
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (format!("http://{addr}/api/"), seen)
}

fn api(base: &str, args: &[&str]) -> std::process::Output {
    sdkit()
        .arg("api")
        .args(args)
        .env("SPOTDRAFT_BASE_URL", base)
        .env("SPOTDRAFT_CLIENT_ID", "client-1")
        .env("SPOTDRAFT_CLIENT_SECRET", SECRET)
        .env_remove("SPOTDRAFT_REGION")
        .output()
        .unwrap()
}

#[test]
fn hmac_key_retries_and_never_prints_the_key() {
    let key_json: &'static str = Box::leak(format!("{{\"hmac_key\":\"{KEY}\"}}").into_boxed_str());
    let (base, seen) = fake_spotdraft(vec![(503, "{\"detail\":\"busy\"}"), (200, key_json)]);
    let dir = tempdir("api");
    let file = dir.join("hmac.key");
    let o = api(&base, &["hmac-key", "--write", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["fingerprint"].as_str().unwrap().len(), 16);
    for text in [&out, &stderr(&o)] {
        assert!(!text.contains(KEY) && !text.contains(SECRET));
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), format!("{KEY}\n"));
    use std::os::unix::fs::PermissionsExt as _;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2, "one retry after the 503");
    assert!(seen[1].starts_with("GET /api/v2.1/public/webhooks/hmac_key/ HTTP/1.1"));
    assert!(seen[1].contains("client-id: client-1"));
    // The written key works for the receiver and for verify.
    let body = std::fs::read(payloads()[0].clone()).unwrap();
    let sig = spotdraft_kit::sign(&spotdraft_kit::HmacKey::from_base64(KEY).unwrap(), &body);
    let o = run(&[
        "verify",
        "--key",
        &format!("@{}", file.display()),
        "--signature",
        &sig,
        payloads()[0].to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn webhook_create_delete_and_errors() {
    let (base, seen) = fake_spotdraft(vec![
        (201, "{\"id\":42,\"status\":\"ENABLED\"}"),
        (204, ""),
        (404, "{\"detail\":\"Not found.\"}"),
    ]);
    let o = api(
        &base,
        &[
            "webhooks",
            "create",
            "--title",
            "inbox",
            "--url",
            "https://hooks.example.com/webhooks/spotdraft",
            "--activity",
            "CONTRACT_EXECUTED",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&o)).unwrap()["id"],
        42
    );
    let o = api(&base, &["webhooks", "delete", "42"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = api(&base, &["contracts", "status", "T-12"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("api_error") && stderr(&o).contains("404"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains(SECRET));
    let seen = seen.lock().unwrap();
    assert!(seen[0].starts_with("POST /api/v2.1/public/webhooks/ HTTP/1.1"));
    assert!(seen[0].contains("\"only_for_activities\":[\"CONTRACT_EXECUTED\"]"));
    assert!(seen[1].starts_with("DELETE /api/v2.1/public/webhooks/42 HTTP/1.1"));
    assert!(seen[2].starts_with("GET /api/v2.1/public/contracts/T-12/status HTTP/1.1"));
    drop(seen);

    // Input the core rejects, and missing config: exit 2, nothing sent.
    let o = api(
        &base,
        &[
            "webhooks",
            "create",
            "--title",
            "t",
            "--url",
            "http://insecure.example.com",
            "--activity",
            "CONTRACT_EXECUTED",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = api(&base, &["webhooks", "delete", "../x"]);
    assert_eq!(o.status.code(), Some(2));
    let o = sdkit()
        .args(["api", "hmac-key"])
        .env_remove("SPOTDRAFT_CLIENT_ID")
        .env_remove("SPOTDRAFT_BASE_URL")
        .env_remove("SPOTDRAFT_REGION")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SPOTDRAFT_CLIENT_ID"));
}

#[test]
fn env_diff_finds_shared_credentials_without_printing_secrets() {
    let dir = tempdir("env-diff");
    let uat = dir.join("uat.env");
    let prod = dir.join("prod.env");
    std::fs::write(&uat, format!("# UAT\nSPOTDRAFT_REGION=us\nSPOTDRAFT_CLIENT_ID=shared\nSPOTDRAFT_CLIENT_SECRET=\"{SECRET}\"\nexport SPOTDRAFT_HMAC_KEYS=uat:{KEY}\nSPOTDRAFT_ID_TEMPLATE_NDA=101\n")).unwrap();
    std::fs::write(&prod, format!("SPOTDRAFT_REGION=us\nSPOTDRAFT_CLIENT_ID=shared\nSPOTDRAFT_CLIENT_SECRET=other\nSPOTDRAFT_HMAC_KEYS=prod:{KEY}\nSPOTDRAFT_ID_TEMPLATE_NDA=202\n")).unwrap();
    let o = run(&[
        "env-diff",
        "--json",
        uat.to_str().unwrap(),
        prod.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["a"].as_str(), v["b"].as_str()),
        (Some("uat"), Some("prod"))
    );
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"same_client_id") && codes.contains(&"same_hmac_key"),
        "{codes:?}"
    );
    assert!(!stdout(&o).contains(SECRET) && !stdout(&o).contains(KEY));
    // Clean pair: exit 0.
    std::fs::write(&prod, "SPOTDRAFT_REGION=us\nSPOTDRAFT_CLIENT_ID=prod-client\nSPOTDRAFT_CLIENT_SECRET=other\nSPOTDRAFT_HMAC_KEYS=prod:c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==\nSPOTDRAFT_ID_TEMPLATE_NDA=202\n").unwrap();
    std::fs::write(&uat, "SPOTDRAFT_REGION=us\nSPOTDRAFT_CLIENT_ID=uat-client\nSPOTDRAFT_CLIENT_SECRET=x\nSPOTDRAFT_HMAC_KEYS=uat:c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSB1YXQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw==\nSPOTDRAFT_ID_TEMPLATE_NDA=101\n").unwrap();
    let o = run(&["env-diff", uat.to_str().unwrap(), prod.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Bad files: exit 2, the offending line named, its value not echoed.
    std::fs::write(&uat, "SPOTDRAFT_REGION=us\nthis-line-is-secret-ish\n").unwrap();
    let o = run(&["env-diff", uat.to_str().unwrap(), prod.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("uat.env:2") && !stderr(&o).contains("secret-ish"));
    let o = run(&["env-diff", "/nonexistent.env", prod.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn serve_forwards_verified_events_and_retries() {
    let (base, seen) = fake_spotdraft(vec![(500, "{}"), (200, "{}")]);
    let internal = format!("{base}internal/events");
    let dir = tempdir("forward");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(
        &store,
        &dir,
        "s",
        &[
            "--forward",
            &internal,
            "--retry-base-ms",
            "20",
            "--poll-ms",
            "20",
        ],
    );
    let file = payloads()[0].clone();
    let o = run(&[
        "send",
        "--to",
        &server.url(),
        "--key",
        KEY,
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    wait_processed(&store, std::time::Duration::from_secs(30));
    let rows = stored(&store);
    assert_eq!(rows[0]["status"], "processed");
    assert_eq!(rows[0]["attempts"], 2);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert!(seen[1].starts_with("POST /api/internal/events HTTP/1.1"));
    let key = rows[0]["dedupe_key"].as_str().unwrap();
    assert!(seen[1].contains(&format!("x-sdkit-dedupe-key: {key}")));
    let body = &seen[1][seen[1].find("\r\n{").unwrap() + 2..];
    let doc: Value = serde_json::from_str(body).unwrap();
    assert_eq!(doc["attempt"], 2);
    assert_eq!(
        doc["event"],
        serde_json::from_slice::<Value>(&std::fs::read(&file).unwrap()).unwrap()
    );
    drop(seen);
    assert!(server.stop().success());
}

#[test]
fn against_the_shared_spotdraft_stub() {
    let stub = Stub::start();
    // Two injected 503s, then the answer: the core's retry policy rides them out.
    stub.control(
        "POST",
        "/__control/fault",
        r#"{"path": "/api/v2.1/public/contracts/T-3/status", "status": 503, "times": 2}"#,
    );
    let o = api(&stub.base, &["contracts", "status", "T-3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&o)).unwrap()["contract_status"],
        "EXECUTED"
    );
    let o = api(
        &stub.base,
        &[
            "webhooks",
            "create",
            "--title",
            "inbox",
            "--url",
            "https://hooks.example.com/in",
            "--activity",
            "CONTRACT_SIGNED",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let id = serde_json::from_str::<Value>(&stdout(&o)).unwrap()["id"].to_string();
    assert_eq!(
        api(&stub.base, &["webhooks", "delete", &id]).status.code(),
        Some(0)
    );
    let o = api(&stub.base, &["webhooks", "delete", &id]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("404"), "{}", stderr(&o));
    let o = api(&stub.base, &["hmac-key"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Wrong credentials: 401, not retried, secret not printed.
    let o = sdkit()
        .args(["api", "contracts", "status", "T-1"])
        .env("SPOTDRAFT_BASE_URL", &stub.base)
        .env("SPOTDRAFT_CLIENT_ID", "client-1")
        .env("SPOTDRAFT_CLIENT_SECRET", "wrong-secret-value")
        .env_remove("SPOTDRAFT_REGION")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("401") && !stderr(&o).contains("wrong-secret-value"),
        "{}",
        stderr(&o)
    );
    let calls = stub.calls();
    let status_calls = calls
        .iter()
        .filter(|c| c["path"] == "/api/v2.1/public/contracts/T-3/status")
        .count();
    assert_eq!(status_calls, 3, "two 503s and the success");
    let unauthed = calls
        .iter()
        .filter(|c| c["path"] == "/api/v2.1/public/contracts/T-1/status")
        .count();
    assert_eq!(unauthed, 1, "a 401 is not retried");
}

#[test]
fn contracts_list_walks_every_page_of_the_stub() {
    let stub = Stub::start();
    let o = api(&stub.base, &["contracts", "list", "--all", "--limit", "10"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // SpotDraft's listing schema gives contract ids as strings.
    let ids: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, (1..=23).map(|i| i.to_string()).collect::<Vec<_>>());
    let queries: Vec<String> = stub
        .calls()
        .iter()
        .map(|c| c["query"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        queries,
        ["limit=10&page=1", "limit=10&page=2", "limit=10&page=3"],
        "the short third page ends the walk"
    );
    // One page, as SpotDraft sent it, with a filter in SpotDraft's syntax.
    let o = api(
        &stub.base,
        &[
            "contracts",
            "list",
            "--page",
            "2",
            "--limit",
            "5",
            "--filter",
            "display_status:eq:EXECUTED",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(page["results"][0]["id"], "6");
    assert_eq!(
        stub.calls().last().unwrap()["query"],
        "limit=5&page=2&filter__display_status[$eq]=EXECUTED"
    );
    let o = api(
        &stub.base,
        &["contracts", "list", "--filter", "status=EXECUTED"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_burst_of_50_calls_stays_under_10_per_second_without_a_429() {
    let stub = Stub::with_contracts(50);
    // --limit 1: fifty calls, one after another, through one rate limiter.
    let o = api(&stub.base, &["contracts", "list", "--all", "--limit", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 50);
    let calls = stub.calls();
    // Exactly fifty: a 429 from the stub would have been retried, adding a call.
    assert_eq!(calls.len(), 50, "the stub answered 429 at least once");
    let t: Vec<f64> = calls.iter().map(|c| c["t"].as_f64().unwrap()).collect();
    // Arrival times on the stub's clock; 100 ms of slack for the moment
    // between reserving a slot and the request arriving.
    for i in 10..t.len() {
        assert!(
            t[i] - t[i - 10] >= 0.9,
            "11 requests within {:.3} s",
            t[i] - t[i - 10]
        );
    }
}

#[test]
fn a_redirect_is_reported_not_followed() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let connections = Arc::new(Mutex::new(0usize));
    let count = connections.clone();
    let location = format!("http://{addr}/api/v2.1/public/webhooks/hmac_key");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            *count.lock().unwrap() += 1;
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap() > 2 {
                line.clear();
            }
            let _ = write!(
                stream,
                "HTTP/1.1 302 Found\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
        }
    });
    let o = api(&format!("http://{addr}/api/"), &["hmac-key"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("trailing slash"), "{}", stderr(&o));
    assert!(!stderr(&o).contains(SECRET));
    assert_eq!(
        *connections.lock().unwrap(),
        1,
        "a 302 is neither followed nor retried"
    );
}

#[test]
fn any_operation_by_name_with_params_filters_and_body() {
    let (base, seen) = fake_spotdraft(vec![
        (204, ""),
        (200, "{\"results\":[],\"total_results\":0}"),
    ]);
    let o = api(
        &base,
        &[
            "contracts_status_void_create",
            "--param",
            "composite_id=T-12",
            "--body",
            "{\"note\": \"duplicate\"}",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = api(
        &base,
        &[
            "contracts_retrieve",
            "--param",
            "limit=5",
            "--filter",
            "last_updated_on[$gte]=2026-01-01T00:00:00Z",
            "--filter",
            "client_name[$in]=[\"Acme, Inc\",\"Globex\"]",
            "--all",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let seen = seen.lock().unwrap();
    assert!(
        seen[0].starts_with("POST /api/v2.1/public/contracts/T-12/status/void HTTP/1.1"),
        "{}",
        seen[0]
    );
    assert!(seen[0].ends_with("{\"note\":\"duplicate\"}"), "{}", seen[0]);
    assert!(
        seen[1].starts_with(
            "GET /api/v2.1/public/contracts/?limit=5&page=1\
             &filter__client_name[$in]=Acme%5C%2C%20Inc%2CGlobex\
             &filter__last_updated_on[$gte]=2026-01-01T00%3A00%3A00Z HTTP/1.1"
        ),
        "{}",
        seen[1]
    );
    // Refused before anything is sent: a body the schema rejects, an
    // unknown operation; the help lists every operation.
    let o = api(
        &base,
        &[
            "contracts_status_void_create",
            "--param",
            "composite_id=T-12",
            "--body",
            "{}",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("note is required"), "{}", stderr(&o));
    let o = api(&base, &["contracts_void", "--param", "composite_id=T-12"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = api(&base, &["--help"]);
    let help = stdout(&o);
    for op in spotdraft_kit::api::Operation::all() {
        assert!(
            help.contains(op.name),
            "{} not in sdkit api --help",
            op.name
        );
    }
}

/// `sdkit api ... | head -1`: a reader that stops early ends the command
/// quietly with status 0, never a panic on the closed pipe.
#[test]
fn a_closed_stdout_ends_api_commands_quietly() {
    let stub = Stub::start();
    let bin = env!("CARGO_BIN_EXE_sdkit");
    for args in [
        "contracts_retrieve --param limit=5 --all",
        "contracts_retrieve --param limit=5",
        "contracts list --all --limit 5",
        "hmac-key",
    ] {
        let script = format!("set -o pipefail; '{bin}' api {args} | head -c 1 >/dev/null");
        let o = std::process::Command::new("bash")
            .args(["-c", &script])
            .env("SPOTDRAFT_BASE_URL", &stub.base)
            .env("SPOTDRAFT_CLIENT_ID", "client-1")
            .env("SPOTDRAFT_CLIENT_SECRET", SECRET)
            .env_remove("SPOTDRAFT_REGION")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{args}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args}");
        // And with the reader gone before the first line.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = sdkit()
            .arg("api")
            .args(args.split(' '))
            .env("SPOTDRAFT_BASE_URL", &stub.base)
            .env("SPOTDRAFT_CLIENT_ID", "client-1")
            .env("SPOTDRAFT_CLIENT_SECRET", SECRET)
            .env_remove("SPOTDRAFT_REGION")
            .stdout(std::process::Stdio::from(writer))
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{args}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args}");
    }
}
