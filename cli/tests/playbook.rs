//! SpotDraft's integration playbook from `sdkit`, against the shared stub
//! of SpotDraft's API (`tests/stub`) and a real `sdkit serve` inbox.

// Test code: environment and unwraps are fine here.
#![allow(clippy::disallowed_methods, clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::*;
use serde_json::{json, Value};

/// `sdkit reconcile ARGS` against `stub` with the stub's credentials.
fn reconcile(stub: &Stub, store: &str, args: &[&str]) -> Output {
    sdkit()
        .args(["reconcile", "--store", store])
        .args(args)
        .env("SPOTDRAFT_BASE_URL", &stub.base)
        .env("SPOTDRAFT_CLIENT_ID", "client-1")
        .env("SPOTDRAFT_CLIENT_SECRET", API_SECRET)
        .env_remove("SPOTDRAFT_REGION")
        .env_remove("SDKIT_STORE")
        .output()
        .unwrap()
}

/// The `--json` summary of a successful run.
fn summary(o: &Output) -> Value {
    assert!(o.status.success(), "sdkit reconcile failed: {}", stderr(o));
    serde_json::from_str(stdout(o).trim()).expect("one JSON summary")
}

fn ids(v: &Value) -> BTreeSet<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_u64().unwrap())
        .collect()
}

/// A delivery SpotDraft would send for `contract` at `timestamp`.
fn delivery_file(dir: &Path, contract: u64, timestamp: &str) -> String {
    let path = dir.join(format!("delivery-{contract}.json"));
    let body = json!({
        "activity": "CONTRACT_EXECUTED",
        "activity_data": {"performed_by": {"name": "SYSTEM"}, "timestamp": timestamp},
        "contract_id": contract,
        "contract_status": "EXECUTED",
    });
    std::fs::write(&path, body.to_string()).unwrap();
    path.display().to_string()
}

#[test]
fn reconcile_enqueues_exactly_the_contracts_whose_deliveries_were_dropped() {
    let dir = tempdir("reconcile");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let stub = Stub::start();
    // 30 contracts changed after the checkpoint, 5 before it.
    let mut contracts: Vec<Value> = (1..=30)
        .map(|id| json!({"id": id, "status": "SIGN", "last_updated_on": "2026-03-01T10:00:00Z"}))
        .collect();
    contracts.extend((31..=35).map(
        |id| json!({"id": id, "status": "EXECUTED", "last_updated_on": "2026-02-01T10:00:00Z"}),
    ));
    stub.control(
        "POST",
        "/__control/contracts",
        &Value::from(contracts).to_string(),
    );

    // The inbox got a delivery for every changed contract but 4, 9, 17 and
    // 23; contract 12's only delivery predates its latest change.
    let dropped = [4, 9, 12, 17, 23];
    let server = Server::start(&store, &dir, "serve", &[]);
    let key = key_file(&dir);
    let mut files: Vec<String> = (1..=35)
        .filter(|id| ![4, 9, 12, 17, 23].contains(id))
        .map(|id| delivery_file(&dir, id, "2026-03-01T10:00:00Z"))
        .collect();
    files.push(delivery_file(&dir, 12, "2026-03-01T09:59:59Z"));
    let key_spec = format!("test=@{}", key.display());
    let url = server.url();
    let mut args = vec!["send", "--to", url.as_str(), "--key", key_spec.as_str()];
    args.extend(files.iter().map(String::as_str));
    let sent = run(&args);
    assert!(sent.status.success(), "sdkit send: {}", stderr(&sent));

    let first = summary(&reconcile(
        &stub,
        &store,
        &["--since", "2026-03-01T00:00", "--json"],
    ));
    assert_eq!(ids(&first["moved"]), BTreeSet::from(dropped));
    assert_eq!(
        (first["enqueued"].as_u64(), first["complete"].as_bool()),
        (Some(5), Some(true))
    );
    let listed: Vec<String> = stub
        .calls()
        .iter()
        .filter(|c| c["path"] == "/api/v2.1/public/contracts/")
        .map(|c| c["query"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed.len(), 1, "one page of 30: {listed:?}");
    assert!(listed[0].contains("filter__last_updated_on[$gte]=2026-03-01T00%3A00%3A00.000Z"));

    // The synthetic deliveries are processed by the serve workers, marked
    // with their source and the fresh status.
    wait_processed(&store, Duration::from_secs(30));
    let reconciled: Vec<Value> = stored(&store)
        .into_iter()
        .filter(|d| d["activity"] == "CONTRACT_RECONCILED")
        .collect();
    let contracts: BTreeSet<u64> = reconciled
        .iter()
        .map(|d| d["contract_id"].as_u64().unwrap())
        .collect();
    assert_eq!(contracts, BTreeSet::from(dropped));
    assert!(reconciled.iter().all(|d| d["status"] == "processed"));
    let one = reconciled[0]["dedupe_key"].as_str().unwrap();
    let printed = run(&["replay", "--store", &store, "--print", one]);
    let handed: Value = serde_json::from_str(stdout(&printed).trim()).unwrap();
    assert_eq!(handed["event"]["source"], "reconcile", "{handed}");
    assert_eq!(handed["event"]["contract_status"], "SIGN");

    // A second sweep over the same window finds nothing: the inbox has now
    // seen every change. One from the stored checkpoint lists nothing.
    let again = summary(&reconcile(
        &stub,
        &store,
        &["--since", "2026-03-01T00:00", "--json"],
    ));
    assert_eq!(
        (ids(&again["moved"]).len(), again["enqueued"].as_u64()),
        (0, Some(0))
    );
    let from_checkpoint = summary(&reconcile(&stub, &store, &["--json"]));
    assert_eq!(from_checkpoint["checkpoint"], again["next_checkpoint"]);
    assert_eq!(from_checkpoint["moved"], json!([]));
    assert!(server.stop().success());
}

#[test]
fn reconcile_without_a_checkpoint_asks_for_since() {
    let dir = tempdir("reconcile-nocheckpoint");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let stub = Stub::start();
    let o = reconcile(&stub, &store, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--since"));
    assert!(stub.calls().is_empty(), "no API call without a checkpoint");
}

#[test]
fn retrigger_sends_batches_within_the_rate_limit() {
    let dir = tempdir("retrigger");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    // 600 changed contracts, none delivered: 6 listing pages and 12
    // re-trigger batches, more than the stub's 10 requests per second.
    let stub = Stub::with_contracts(600);
    let o = summary(&reconcile(
        &stub,
        &store,
        &["--since", "2025-12-31T00:00", "--retrigger", "--json"],
    ));
    assert_eq!(ids(&o["moved"]).len(), 600);
    assert_eq!(
        (o["retriggered"].as_u64(), o["retrigger_calls"].as_u64()),
        (Some(600), Some(12))
    );

    let batches: Value =
        serde_json::from_str(&stub.control("GET", "/__control/retriggered", "")).unwrap();
    let batches = batches.as_array().unwrap();
    assert_eq!(batches.len(), 12);
    assert!(batches.iter().all(|b| b.as_array().unwrap().len() <= 50));
    let all: BTreeSet<u64> = batches.iter().flat_map(ids).collect();
    assert_eq!(all, (1..=600).collect());
    // The executor's limiter kept every request under the stub's limit:
    // the stub never had to answer 429.
    let calls = stub.calls();
    assert_eq!(calls.len(), 6 + 12, "no retries");
    assert!(
        calls.iter().all(|c| c["status"] != 429),
        "throttled: {calls:?}"
    );
    // Nothing was enqueued in re-trigger mode.
    assert!(stored(&store).is_empty());
}

/// `sdkit webhooks ARGS` against `stub` in `environment`.
fn webhooks(stub: &Stub, store: &str, environment: &str, args: &[&str]) -> Output {
    sdkit()
        .args(["webhooks", "--store", store])
        .args(args)
        .env("SPOTDRAFT_BASE_URL", &stub.base)
        .env("SPOTDRAFT_CLIENT_ID", "client-1")
        .env("SPOTDRAFT_CLIENT_SECRET", API_SECRET)
        .env("SPOTDRAFT_ENVIRONMENT", environment)
        .env_remove("SPOTDRAFT_REGION")
        .env_remove("SDKIT_STORE")
        .output()
        .unwrap()
}

/// The registry as `sdkit webhooks list --json` prints it.
fn registry(stub: &Stub, store: &str) -> Vec<Value> {
    let o = webhooks(stub, store, "production", &["list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// How many calls the stub got for `method` on paths starting with `path`.
fn count_calls(stub: &Stub, method: &str, path: &str) -> usize {
    stub.calls()
        .iter()
        .filter(|c| c["method"] == method && c["path"].as_str().unwrap().starts_with(path))
        .count()
}

#[test]
fn webhook_registry_create_list_delete_round_trip() {
    let dir = tempdir("registry");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let stub = Stub::start();
    let hooks = "/api/v2.1/public/webhooks/";
    let create = |env: &str, url: &str| {
        webhooks(
            &stub,
            &store,
            env,
            &[
                "create",
                "--title",
                "crm",
                "--url",
                url,
                "--activity",
                "CONTRACT_EXECUTED",
                "--activity",
                "CONTRACT_SIGNED",
            ],
        )
    };
    let first = create("production", "https://hooks.example.com/sd/prod");
    assert!(first.status.success(), "{}", stderr(&first));
    let second = create("uat", "https://hooks.example.com/sd/uat");
    assert!(second.status.success(), "{}", stderr(&second));
    let (id1, id2) = (
        stdout(&first).trim().to_owned(),
        stdout(&second).trim().to_owned(),
    );
    assert_ne!(id1, id2);
    assert_eq!(
        registry(&stub, &store),
        vec![
            json!({"id": id1, "title": "crm", "url": "https://hooks.example.com/sd/prod",
                   "activities": ["CONTRACT_EXECUTED", "CONTRACT_SIGNED"], "environment": "production"}),
            json!({"id": id2, "title": "crm", "url": "https://hooks.example.com/sd/uat",
                   "activities": ["CONTRACT_EXECUTED", "CONTRACT_SIGNED"], "environment": "uat"}),
        ]
    );

    // One URL in UAT and production is refused before SpotDraft is called.
    let clash = create("uat", "https://HOOKS.example.com/sd/prod/");
    assert_eq!(clash.status.code(), Some(2), "{}", stderr(&clash));
    assert!(stderr(&clash).contains("separate receivers"));
    assert_eq!(count_calls(&stub, "POST", hooks), 2);
    assert!(webhooks(&stub, &store, "production", &["check"])
        .status
        .success());

    // Only known ids are deleted, unless --force.
    let unknown = webhooks(&stub, &store, "production", &["delete", "99"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("not in the registry"));
    assert_eq!(count_calls(&stub, "DELETE", hooks), 0);
    let forced = webhooks(&stub, &store, "production", &["delete", "99", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(stderr(&forced).contains("already deleted"));
    assert_eq!(count_calls(&stub, "DELETE", hooks), 1);

    let deleted = webhooks(&stub, &store, "production", &["delete", &id1]);
    assert!(deleted.status.success(), "{}", stderr(&deleted));
    assert_eq!(count_calls(&stub, "DELETE", &format!("{hooks}{id1}")), 1);
    let left: Vec<Value> = registry(&stub, &store);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], id2.as_str());
    let again = webhooks(&stub, &store, "production", &["delete", &id1]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "a deleted id is no longer known"
    );
    // The registry never printed a credential.
    for o in [&first, &second, &clash, &unknown, &forced, &deleted, &again] {
        assert!(!stdout(o).contains(API_SECRET) && !stderr(o).contains(API_SECRET));
    }
}

#[test]
fn an_escalation_bundle_holds_none_of_the_personal_data() {
    let dir = tempdir("escalate");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let personal = [
        "Priya Raman",
        "priya.raman@acme-legal.example",
        "Jonas Okafor",
        "jonas@globex.example",
        "Globex Holdings GmbH",
        "Mutual NDA - Globex Holdings GmbH",
        "https://files.spotdraft.example/contracts/4711/signed.pdf?X-Amz-Signature=abc123def456",
        "https://app.spotdraft.example/contracts/v2/4711",
    ];
    let body = json!({
        "activity": "CONTRACT_EXECUTED",
        "activity_data": {
            "performed_by": {"name": personal[0], "email": personal[1]},
            "timestamp": "2026-03-01T10:00:00Z"
        },
        "contract_id": 4711,
        "contract_title": personal[5],
        "business_user": {"name": personal[0], "email": personal[1]},
        "counterparties": [{"type": "Organization", "organization_name": personal[4],
                            "poc_name": personal[2], "poc_email": personal[3]}],
        "signed_document_url": personal[6],
        "contract_url": personal[7],
        "external_metadata": {"id": "opp-0042", "source": "crm"},
        "contract_status": "EXECUTED"
    });
    let file = dir.join("personal.json");
    std::fs::write(&file, body.to_string()).unwrap();
    let server = Server::start(&store, &dir, "serve", &[]);
    let key = key_file(&dir);
    let key_spec = format!("test=@{}", key.display());
    let file_arg = file.display().to_string();
    let sent = run(&["send", "--to", &server.url(), "--key", &key_spec, &file_arg]);
    assert!(sent.status.success(), "{}", stderr(&sent));
    wait_processed(&store, Duration::from_secs(30));
    assert!(server.stop().success());
    let row = stored(&store).pop().unwrap();

    let out = dir.join("bundle.json");
    let log = server_log(&dir);
    let o = run(&[
        "escalate",
        "--store",
        &store,
        row["dedupe_key"].as_str().unwrap(),
        "--log",
        &log,
        "--key",
        &key_spec,
        "--environment",
        "uat",
        "--region",
        "us",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    for value in personal
        .iter()
        .chain(["acme-legal", "globex.example", "abc123def456"].iter())
    {
        assert!(!text.contains(value), "{value:?} is in the bundle:\n{text}");
    }
    assert!(!text.contains(KEY), "the key is in the bundle");
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle["webhook_event"], "CONTRACT_EXECUTED");
    assert_eq!(
        (
            bundle["contract_id"].as_u64(),
            bundle["environment"].as_str()
        ),
        (Some(4711), Some("uat"))
    );
    assert_eq!(bundle["signature_check"]["result"], "valid", "{bundle}");
    assert_eq!(bundle["payload"]["contract_status"], "EXECUTED");
    assert!(!bundle["redacted"].as_array().unwrap().is_empty());
    let records = bundle["log_records"].as_array().unwrap();
    assert!(
        !records.is_empty(),
        "the receiver's records for the delivery"
    );
    assert!(records.iter().all(|r| r["dedupe_key"] == row["dedupe_key"]));
    // The job id finds the same delivery.
    let by_job = run(&["escalate", "--store", &store, &row["id"].to_string()]);
    assert!(by_job.status.success(), "{}", stderr(&by_job));
    let again: Value = serde_json::from_str(&stdout(&by_job)).unwrap();
    assert_eq!(again["payload"], bundle["payload"]);
    assert_eq!(again["signature_check"]["result"], "not_checked", "{again}");
}

/// The log file `Server::start(.., "serve", ..)` wrote.
fn server_log(dir: &Path) -> String {
    dir.join("serve.log").display().to_string()
}

/// `date -u` `ago` (`1 hour ago`), in ISO-8601.
fn utc_ago(ago: &str) -> String {
    let o = std::process::Command::new("date")
        .args(["-u", "-d", ago, "+%Y-%m-%dT%H:%M:%SZ"])
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap().trim().to_owned()
}

#[test]
fn the_readme_operating_examples_run() {
    let dir = tempdir("operating");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let stub = Stub::start();
    let recent = utc_ago("1 hour ago");
    let contracts: Vec<Value> = (1..=3)
        .map(|id| json!({"id": id, "status": "SIGN", "last_updated_on": recent}))
        .collect();
    stub.control(
        "POST",
        "/__control/contracts",
        &Value::from(contracts).to_string(),
    );
    std::fs::write(dir.join("receiver.log"), "").unwrap();
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/playbook/sdkit/operating.sh");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_sdkit")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = std::process::Command::new("sh")
        .arg(&script)
        .current_dir(&dir)
        .env("PATH", path)
        .env("SDKIT_STORE", &store)
        .env("DELIVERY", "1")
        .env("SPOTDRAFT_BASE_URL", &stub.base)
        .env("SPOTDRAFT_CLIENT_ID", "client-1")
        .env("SPOTDRAFT_CLIENT_SECRET", API_SECRET)
        .env_remove("SPOTDRAFT_REGION")
        .env_remove("SPOTDRAFT_ENVIRONMENT")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    // Three synthetic deliveries, a webhook created and deleted, a bundle.
    let rows = stored(&store);
    assert_eq!(rows.len(), 3);
    assert_eq!(count_calls(&stub, "POST", "/api/v2.1/public/webhooks/"), 1);
    assert_eq!(
        count_calls(&stub, "DELETE", "/api/v2.1/public/webhooks/"),
        1
    );
    assert!(registry(&stub, &store).is_empty());
    let bundle: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("escalation.json")).unwrap())
            .unwrap();
    assert_eq!(bundle["payload"]["source"], "reconcile");
    assert_eq!(bundle["webhook_event"], "CONTRACT_RECONCILED");
}

#[test]
fn webhook_rotation_waits_for_a_delivery_through_the_new_url() {
    let dir = tempdir("rotate");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let stub = Stub::start();
    let server = Server::start(&store, &dir, "serve", &[]);
    let key_spec = format!("test=@{}", key_file(&dir).display());
    let deliver = |query: &str, contract: u64| {
        let file = delivery_file(&dir, contract, "2026-03-01T10:00:00Z");
        let to = format!("{}{query}", server.url());
        let o = run(&["send", "--to", &to, "--key", &key_spec, &file]);
        assert!(o.status.success(), "{}", stderr(&o));
    };
    let old_url = "https://hooks.example.com/webhooks/spotdraft";
    let created = webhooks(
        &stub,
        &store,
        "production",
        &[
            "create",
            "--title",
            "crm",
            "--url",
            old_url,
            "--activity",
            "CONTRACT_EXECUTED",
        ],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let old_id = stdout(&created).trim().to_owned();
    let rotate = |url: &str, wait: &str| {
        sdkit()
            .args([
                "webhooks", "--store", &store, "rotate", &old_id, "--url", url, "--wait", wait,
            ])
            .env("SPOTDRAFT_BASE_URL", &stub.base)
            .env("SPOTDRAFT_CLIENT_ID", "client-1")
            .env("SPOTDRAFT_CLIENT_SECRET", API_SECRET)
            .env_remove("SPOTDRAFT_REGION")
            .env_remove("SDKIT_STORE")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };

    // Nothing arrives through the new URL: the new webhook is deleted again.
    let rolled_back = rotate(&format!("{old_url}?via=1"), "1s")
        .wait_with_output()
        .unwrap();
    assert_eq!(
        rolled_back.status.code(),
        Some(1),
        "{}",
        stderr(&rolled_back)
    );
    assert_eq!(
        count_calls(&stub, "DELETE", "/api/v2.1/public/webhooks/2"),
        1
    );
    let kept: Vec<Value> = registry(&stub, &store);
    assert_eq!(
        (kept.len(), kept[0]["id"].as_str()),
        (1, Some(old_id.as_str()))
    );

    // A delivery through the old URL does not count; one through the new does.
    let child = rotate(&format!("{old_url}?via=2"), "60s");
    wait_until("the new webhook", Duration::from_secs(30), || {
        count_calls(&stub, "POST", "/api/v2.1/public/webhooks/") == 3
    });
    deliver("", 1);
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(
        count_calls(
            &stub,
            "DELETE",
            &format!("/api/v2.1/public/webhooks/{old_id}")
        ),
        0
    );
    deliver("?via=2", 2);
    let rotated = child.wait_with_output().unwrap();
    assert!(rotated.status.success(), "{}", stderr(&rotated));
    let new_id = stdout(&rotated).trim().to_owned();
    assert_eq!(new_id, "3");
    assert_eq!(
        count_calls(
            &stub,
            "DELETE",
            &format!("/api/v2.1/public/webhooks/{old_id}")
        ),
        1
    );
    // The delivery through the new URL is kept with its path and a hash of
    // its query, never the query itself (a webhook URL's query can carry a
    // token).
    let through_new = stored(&store)
        .into_iter()
        .find(|row| row["contract_id"] == 2)
        .unwrap();
    let key = through_new["dedupe_key"].as_str().unwrap();
    let printed = stdout(&run(&["replay", "--store", &store, "--print", key]));
    assert!(!printed.contains("via=2"), "{printed}");
    let doc: Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(doc["headers"][":path"], "/webhooks/spotdraft");
    assert_eq!(
        doc["headers"][":query-sha256"].as_str().map(str::len),
        Some(64)
    );
    let now: Vec<Value> = registry(&stub, &store);
    assert_eq!(now.len(), 1);
    assert_eq!(
        (now[0]["id"].as_str(), now[0]["url"].as_str()),
        (
            Some("3"),
            Some("https://hooks.example.com/webhooks/spotdraft?via=2")
        )
    );
    assert_eq!(now[0]["activities"], json!(["CONTRACT_EXECUTED"]));
    assert!(server.stop().success());
}

#[test]
fn serve_reconciles_on_a_schedule() {
    let dir = tempdir("reconcile-every");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let stub = Stub::start();
    let soon = utc_ago("5 seconds");
    let contracts: Vec<Value> = (1..=4)
        .map(|id| json!({"id": id, "status": "SIGN", "last_updated_on": soon}))
        .collect();
    stub.control(
        "POST",
        "/__control/contracts",
        &Value::from(contracts).to_string(),
    );
    let env = [
        ("SPOTDRAFT_BASE_URL", stub.base.as_str()),
        ("SPOTDRAFT_CLIENT_ID", "client-1"),
        ("SPOTDRAFT_CLIENT_SECRET", API_SECRET),
    ];
    let server = Server::start_with_env(&store, &dir, "serve", &["--reconcile-every", "1s"], &env);
    wait_until(
        "a scheduled sweep's deliveries",
        Duration::from_secs(30),
        || stored(&store).len() == 4,
    );
    wait_processed(&store, Duration::from_secs(30));
    let rows = stored(&store);
    assert!(rows.iter().all(|d| d["activity"] == "CONTRACT_RECONCILED"));
    // Later sweeps start from the stored checkpoint and enqueue nothing more.
    wait_until("a second sweep", Duration::from_secs(30), || {
        server
            .log_lines()
            .iter()
            .filter(|l| l["event"] == "reconcile_swept")
            .count()
            >= 2
    });
    assert_eq!(stored(&store).len(), 4);
    let lines = server.log_lines();
    assert!(lines.iter().all(|l| !l.to_string().contains(API_SECRET)));
    assert!(server.stop().success());
}
