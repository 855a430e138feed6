//! Golden tests: every command's output and every error exit.

// Test code: clocks, environment and unwraps are fine here.
#![allow(clippy::disallowed_methods, clippy::unwrap_used)]

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use common::*;
use serde_json::Value;
use spotdraft_kit::{sign, HmacKey};

fn key() -> HmacKey {
    HmacKey::from_base64(KEY).unwrap()
}

fn sample() -> std::path::PathBuf {
    payloads()
        .into_iter()
        .find(|p| p.ends_with("contract-executed.json"))
        .unwrap()
}

fn sample_sig() -> String {
    sign(&key(), &std::fs::read(sample()).unwrap())
}

#[test]
fn every_command_has_help_with_examples() {
    for cmd in [
        "sign", "verify", "diagnose", "send", "serve", "log", "replay",
    ] {
        let o = run(&[cmd, "--help"]);
        assert!(o.status.success(), "{cmd} --help");
        assert!(
            stdout(&o).contains("Examples:"),
            "{cmd} --help has no examples"
        );
    }
    let o = run(&["--help"]);
    assert!(stdout(&o).contains("Exit codes"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["frobnicate"],
        vec!["sign", "--nope"],
        vec!["verify", "--key", KEY],
        vec!["send", "--key", KEY],
        vec!["log", "--status", "weird"],
        vec![
            "send",
            "--to",
            "http://127.0.0.1:9/",
            "--key",
            KEY,
            "--concurrency",
            "0",
            "x.json",
        ],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn sign_prints_the_value_or_the_header_line() {
    let f = sample();
    let f = f.to_str().unwrap();
    let o = run(&["sign", "--key", KEY, f]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("{}\n", sample_sig()));
    let o = run(&["sign", "--key", KEY, "--value-only", f]);
    assert_eq!(stdout(&o), format!("{}\n", sample_sig()));
    let o = run(&["sign", "--key", KEY, "--header", f]);
    assert_eq!(
        stdout(&o),
        format!("X-SD-WEBHOOK-CONTENT-HASH: {}\n", sample_sig())
    );
    let o = run(&["sign", "--key", KEY, "--legacy-header", f]);
    assert_eq!(stdout(&o), format!("X-SD-CONTENT-HASH: {}\n", sample_sig()));
    // The header line is accepted wherever a signature is.
    let line = stdout(&run(&["sign", "--key", KEY, "--header", f]));
    let o = run(&["verify", "--key", KEY, "--signature", line.trim_end(), f]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&["diagnose", "--key", KEY, "--signature", line.trim_end(), f]);
    assert!(stdout(&o).starts_with("cause: valid\n"), "{}", stdout(&o));
}

/// The README's `sdkit` block, line by line.
fn readme_sdkit_block() -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let section = &readme[readme.find("## The reference receiver: `sdkit`").unwrap()..];
    let start = section.find("```sh\n").unwrap() + "```sh\n".len();
    let end = start + section[start..].find("```").unwrap();
    section[start..end].lines().map(str::to_owned).collect()
}

#[test]
fn one_key_variable_is_documented_everywhere() {
    let mut texts = vec![(
        "cli/README.md".to_owned(),
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap(),
    )];
    texts.push((
        "the README's sdkit block".into(),
        readme_sdkit_block().join("\n"),
    ));
    for cmd in [
        "", "sign", "verify", "diagnose", "send", "serve", "env-diff",
    ] {
        let args: Vec<&str> = [cmd, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        texts.push((format!("sdkit {cmd} --help"), stdout(&run(&args))));
    }
    for (name, text) in &texts {
        let other = text
            .match_indices("SPOTDRAFT_HMAC_KEY")
            .any(|(at, _)| !text[at..].starts_with("SPOTDRAFT_HMAC_KEYS"));
        assert!(
            !other,
            "{name} names another key variable than SPOTDRAFT_HMAC_KEYS"
        );
    }
    assert!(texts[2]
        .1
        .contains("SPOTDRAFT_HMAC_KEYS holds a base64 key or label:key"));
}

#[test]
fn the_readme_pipeline_runs_as_written() {
    let block = readme_sdkit_block();
    // One key variable, in one format, for every command.
    assert!(
        block[0].starts_with("export SPOTDRAFT_HMAC_KEYS="),
        "{block:?}"
    );
    for line in &block {
        assert!(
            !line.contains("--key"),
            "{line}: the README passes keys one way"
        );
    }
    let sign_line = block
        .iter()
        .find(|l| l.starts_with("SIG=$(sdkit sign"))
        .unwrap();
    let diagnose_line = block
        .iter()
        .find(|l| l.starts_with("sdkit diagnose"))
        .unwrap();
    let dir = tempdir("readme");
    std::fs::copy(sample(), dir.join("body.json")).unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_sdkit"))
        .parent()
        .unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let shell = |script: &str| {
        std::process::Command::new("bash")
            .args(["-euc", script])
            .current_dir(&dir)
            .env("PATH", &path)
            .env("HMAC_KEY", KEY)
            .env_remove("SPOTDRAFT_HMAC_KEYS")
            .output()
            .unwrap()
    };
    let export = &block[0];
    let o = shell(&format!("{export}\n{sign_line}\n{diagnose_line}"));
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("cause: valid\n"), "{}", stdout(&o));
    // The labelled form of the same variable works the same way.
    let o = shell(&format!(
        "export SPOTDRAFT_HMAC_KEYS=\"old:c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==,production:$HMAC_KEY\"\n{sign_line}\n{diagnose_line}"
    ));
    assert!(stdout(&o).starts_with("cause: valid\n"), "{}", stderr(&o));
    // A body changed after signing is not blamed on the key.
    let o = shell(&format!(
        "{export}\n{sign_line}\nsed -i 's/CONTRACT_EXECUTED/CONTRACT_EXPIRED/' body.json\n{diagnose_line}"
    ));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("cause: body_changed_or_wrong_key\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn sign_reads_stdin_byte_for_byte() {
    let mut child = sdkit()
        .args(["sign", "--key", KEY, "--value-only", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"activity\":\"A\"}\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(stdout(&o).trim(), sign(&key(), b"{\"activity\":\"A\"}\n"));
}

#[test]
fn keys_from_files_env_and_labels() {
    let dir = tempdir("keys");
    let key_file = dir.join("hmac.key");
    std::fs::write(&key_file, format!("{KEY}\n")).unwrap();
    let f = sample();
    let sig = sample_sig();
    let o = run(&[
        "verify",
        "--key",
        "old=c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==",
        "--key",
        &format!("new=@{}", key_file.display()),
        "--signature",
        &sig,
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "valid: the signature matches key 1 (new)\n");
    let o = sdkit()
        .args([
            "verify",
            "--key",
            "env:SDKIT_TEST_KEY",
            "--signature",
            &sig,
            "--json",
            f.to_str().unwrap(),
        ])
        .env("SDKIT_TEST_KEY", KEY)
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["key_index"], 0);
    let o = sdkit()
        .args(["verify", "--signature", &sig, f.to_str().unwrap()])
        .env("SPOTDRAFT_HMAC_KEYS", format!("prod:{KEY}"))
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "valid: the signature matches key 0 (prod)\n");
}

#[test]
fn key_errors_exit_2_without_echoing_the_key() {
    let f = sample();
    let f = f.to_str().unwrap();
    let secret = "not base64 but secret!";
    let o = run(&["verify", "--key", secret, "--signature", "00", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid_key"), "{}", stderr(&o));
    assert!(!stderr(&o).contains(secret));
    let o = run(&[
        "verify",
        "--key",
        "@/nonexistent/key",
        "--signature",
        "00",
        f,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read key file"));
    let o = sdkit()
        .args([
            "verify",
            "--key",
            "env:SDKIT_UNSET_VAR",
            "--signature",
            "00",
            f,
        ])
        .env_remove("SDKIT_UNSET_VAR")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SDKIT_UNSET_VAR is not set"));
    let o = sdkit()
        .args(["verify", "--signature", "00", f])
        .env_remove("SPOTDRAFT_HMAC_KEYS")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no key"));
    let o = run(&[
        "verify",
        "--key",
        KEY,
        "--signature",
        "00",
        "/nonexistent/body.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read /nonexistent/body.json"));
}

#[test]
fn short_keys_need_the_explicit_flag() {
    let f = sample();
    let f = f.to_str().unwrap();
    // "c2hvcnQta2V5" decodes to the 9 bytes "short-key".
    let short = "c2hvcnQta2V5";
    let o = run(&["sign", "--key", short, f]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("invalid_key") && err.contains("decodes to 9 bytes"),
        "{err}"
    );
    assert!(err.contains("--allow-short-keys"), "{err}");
    assert!(!err.contains(short), "{err}");
    // The same through SPOTDRAFT_HMAC_KEYS.
    let o = sdkit()
        .args(["sign", f])
        .env("SPOTDRAFT_HMAC_KEYS", format!("demo:{short}"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("decodes to 9 bytes"), "{}", stderr(&o));
    let o = run(&["sign", "--allow-short-keys", "--key", short, f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = sign(
        &HmacKey::from_bytes(b"short-key").unwrap(),
        &std::fs::read(f).unwrap(),
    );
    assert!(stdout(&o).contains(&expected), "{}", stdout(&o));
}

#[test]
fn verify_verdicts() {
    let f = sample();
    let f = f.to_str().unwrap();
    let o = run(&["verify", "--key", KEY, "--signature", &"0".repeat(128), f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("invalid: signature_mismatch"));
    let o = run(&[
        "verify",
        "--key",
        KEY,
        "--signature",
        "sha512=abc",
        "--json",
        f,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["code"], "malformed_signature");
    // Utf8 keys are explicit.
    let body = std::fs::read(f).unwrap();
    let legacy = sign(
        &spotdraft_kit::HmacKey::new("callback-secret", spotdraft_kit::KeyEncoding::Utf8).unwrap(),
        &body,
    );
    let o = run(&[
        "verify",
        "--key",
        "callback-secret",
        "--key-encoding",
        "utf8",
        "--signature",
        &legacy,
        f,
    ]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn diagnose_names_the_cause() {
    let dir = tempdir("diagnose");
    let f = sample();
    let original = std::fs::read(&f).unwrap();
    let sig = sign(&key(), &original);
    let value: Value = serde_json::from_slice(&original).unwrap();
    let compact = dir.join("compact.json");
    std::fs::write(&compact, serde_json::to_vec(&value).unwrap()).unwrap();
    let o = run(&[
        "diagnose",
        "--key",
        KEY,
        "--signature",
        &sig,
        compact.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("cause: body_reserialized\n"),
        "{}",
        stdout(&o)
    );
    let o = run(&[
        "diagnose",
        "--key",
        KEY,
        "--signature",
        &sig,
        "--json",
        compact.to_str().unwrap(),
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["cause"], "body_reserialized");
    assert_eq!(v["variant"], "pretty-2");
    let newline = dir.join("newline.json");
    std::fs::write(&newline, [&original[..], b"\n"].concat()).unwrap();
    let o = run(&[
        "diagnose",
        "--key",
        KEY,
        "--signature",
        &sig,
        "--json",
        newline.to_str().unwrap(),
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["cause"], "trailing_newline");
    let o = run(&[
        "diagnose",
        "--key",
        KEY,
        "--signature",
        &sig,
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("cause: valid\n"));
    let cause = |signature: &str, file: &std::path::Path| {
        let o = run(&[
            "diagnose",
            "--key",
            KEY,
            "--signature",
            signature,
            "--json",
            file.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["cause"].as_str().unwrap().to_owned()
    };
    // An empty or absent header is its own cause, not a key problem.
    assert_eq!(cause("", &f), "missing_signature");
    // Line endings changed on the way: named, with the right key.
    let crlf = dir.join("crlf.json");
    let text = String::from_utf8(original.clone()).unwrap();
    std::fs::write(&crlf, text.replace('\n', "\r\n")).unwrap();
    assert_eq!(cause(&sig, &crlf), "body_reencoded");
    // The key text used without decoding: a key mistake, named as one.
    let undecoded = sign(&HmacKey::from_bytes(KEY.as_bytes()).unwrap(), &original);
    assert_eq!(cause(&undecoded, &f), "key_not_base64_decoded");
    // A tampered body and another workspace's key look the same to a
    // signature: the cause says so instead of blaming the key.
    let tampered = dir.join("tampered.json");
    std::fs::write(
        &tampered,
        text.replace("CONTRACT_EXECUTED", "CONTRACT_EXPIRED"),
    )
    .unwrap();
    assert_eq!(cause(&sig, &tampered), "body_changed_or_wrong_key");
    let other = sign(&HmacKey::from_bytes(&[7u8; 64]).unwrap(), &original);
    assert_eq!(cause(&other, &f), "body_changed_or_wrong_key");
    let o = run(&[
        "diagnose",
        "--key",
        KEY,
        "--signature",
        &other,
        f.to_str().unwrap(),
    ]);
    assert!(stdout(&o).contains("cannot tell"), "{}", stdout(&o));
}

#[test]
fn send_reports_transport_failures_with_exit_1() {
    // Port 9 (discard) on loopback: nothing listens there in test sandboxes.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let f = sample();
    let o = run(&[
        "send",
        "--to",
        &format!("http://127.0.0.1:{port}/webhooks/spotdraft"),
        "--key",
        KEY,
        "--json",
        "--timeout",
        "5",
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["errors"], 1);
    // Count flags take `=N`, so payload files may follow them.
    let o = run(&[
        "send",
        "--to",
        &format!("http://127.0.0.1:{port}/webhooks/spotdraft"),
        "--key",
        KEY,
        "--json",
        "--timeout",
        "5",
        "--duplicate",
        "2",
        "--tamper",
        "--wrong-key=2",
        "--reserialize",
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["sent"], 7);
    let o = run(&[
        "send",
        "--to",
        "ftp://example.com",
        "--key",
        KEY,
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "send",
        "--to",
        "http://127.0.0.1:9/",
        "--key",
        KEY,
        "/nonexistent.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn serve_input_errors_exit_2() {
    let dir = tempdir("serve-errors");
    for args in [
        vec!["serve", "--key", KEY, "--store", "mysql://x"],
        vec!["serve", "--key", KEY, "--listen", "nowhere"],
        vec!["serve", "--key", KEY, "--path", "no-slash"],
        vec![
            "serve",
            "--key",
            "!!",
            "--store",
            "sqlite:/nonexistent/x.db",
        ],
        vec!["serve", "--key", KEY, "--forward", "ftp://x"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    // A second server on the same SQLite file would process events twice.
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(&store, &dir, "first", &[]);
    let o = run(&[
        "serve",
        "--key",
        KEY,
        "--listen",
        "127.0.0.1:0",
        "--store",
        &store,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("another `sdkit serve`"),
        "{}",
        stderr(&o)
    );
    assert!(server.stop().success());
}

#[test]
fn log_and_replay_errors() {
    let o = run(&["log", "--store", "sqlite:/nonexistent/dir/inbox.db"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["log", "--store", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let dir = tempdir("log-errors");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(&store, &dir, "s", &[]);
    let o = run(&["log", "--store", &store, "--since", "yesterday"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["replay", "--store", &store, "sdk1:unknown"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no delivery"));
    server.stop();
}

fn raw_request(addr: &str, request: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    // Read the head and the small JSON body the receiver sends.
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&out);
                if let Some((head, body)) = text.split_once("\r\n\r\n") {
                    let len = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length: ")
                                .map(|v| v.trim().parse::<usize>().unwrap())
                        })
                        .unwrap_or(0);
                    if body.len() >= len {
                        break;
                    }
                }
            }
            // A signal (a child exiting) interrupts reads: not an end.
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn post(addr: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> String {
    let mut req = format!(
        "POST {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    raw_request(addr, &[req.as_bytes(), body].concat())
}

#[test]
fn receiver_status_codes() {
    let dir = tempdir("status");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(&store, &dir, "s", &["--max-body-bytes", "4096"]);
    let addr = server.addr.clone();
    let body = std::fs::read(sample()).unwrap();
    let sig = sample_sig();
    let r = raw_request(
        &addr,
        format!("GET /webhooks/spotdraft HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert!(r.starts_with("HTTP/1.1 405"), "{r}");
    assert!(r.to_ascii_lowercase().contains("allow: post"));
    let r = raw_request(
        &addr,
        format!("GET /healthz HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n").as_bytes(),
    );
    assert!(r.starts_with("HTTP/1.1 200") && r.contains("\"ok\""), "{r}");
    let r = post(
        &addr,
        "/other",
        &[("x-sd-webhook-content-hash", &sig)],
        &body,
    );
    assert!(r.starts_with("HTTP/1.1 404"), "{r}");
    let r = post(&addr, "/webhooks/spotdraft", &[], &body);
    assert!(r.starts_with("HTTP/1.1 401"), "{r}");
    assert!(r.contains("missing_signature"));
    let r = post(
        &addr,
        "/webhooks/spotdraft",
        &[("x-sd-webhook-content-hash", "zz")],
        &body,
    );
    assert!(r.contains("malformed_signature"), "{r}");
    let not_json = b"not json";
    let r = post(
        &addr,
        "/webhooks/spotdraft",
        &[("X-SD-WEBHOOK-CONTENT-HASH", &sign(&key(), not_json))],
        not_json,
    );
    assert!(r.starts_with("HTTP/1.1 400"), "{r}");
    let big = vec![b' '; 5000];
    let r = post(
        &addr,
        "/webhooks/spotdraft",
        &[("x-sd-webhook-content-hash", &sign(&key(), &big))],
        &big,
    );
    assert!(r.starts_with("HTTP/1.1 413"), "{r}");
    // Without Content-Length (chunked), the limit applies while reading.
    let mut chunked = format!(
        "POST /webhooks/spotdraft HTTP/1.1\r\nhost: {addr}\r\ntransfer-encoding: chunked\r\nx-sd-webhook-content-hash: {}\r\nconnection: close\r\n\r\n{:x}\r\n",
        sign(&key(), &big),
        big.len()
    )
    .into_bytes();
    chunked.extend_from_slice(&big);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let r = raw_request(&addr, &chunked);
    assert!(r.starts_with("HTTP/1.1 413"), "{r}");
    // The legacy header is accepted; the repeat is a duplicate.
    let r = post(
        &addr,
        "/webhooks/spotdraft",
        &[
            ("X-SD-CONTENT-HASH", &sig),
            ("content-type", "application/json"),
        ],
        &body,
    );
    assert!(r.starts_with("HTTP/1.1 202"), "{r}");
    let r = post(
        &addr,
        "/webhooks/spotdraft",
        &[("x-sd-webhook-content-hash", &sig)],
        &body,
    );
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    assert!(r.contains("\"duplicate\":true"));
    assert!(server.stop().success());

    // Logs: JSON lines, no body, no personal data, no signature.
    let log = std::fs::read_to_string(dir.join("s.log")).unwrap();
    for line in log.lines() {
        let v: Value = serde_json::from_str(line).expect("every log line is JSON");
        assert!(v["event"].is_string());
    }
    for secret in [
        "example.com",
        "example.org",
        "Sam Example",
        &sig,
        KEY,
        "Master Services",
    ] {
        assert!(!log.contains(secret), "the receiver log leaks {secret}");
    }
    let reasons: Vec<String> = log
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["event"] == "delivery_rejected")
        .map(|v| v["reason"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        reasons,
        [
            "missing_signature",
            "malformed_signature",
            "invalid_json",
            "body_too_large",
            "body_too_large",
        ]
    );

    // The stored delivery: raw body kept byte for byte, shown without it.
    let rows = stored(&store);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["activity"], "CONTRACT_EXECUTED");
    assert_eq!(rows[0]["key_id"], "test");
    assert_eq!(rows[0]["status"], "processed");
    let key = rows[0]["dedupe_key"].as_str().unwrap().to_owned();
    let o = run(&["replay", "--store", &store, "--print", &key]);
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        doc["event"],
        serde_json::from_slice::<Value>(&body).unwrap()
    );
    assert_eq!(doc["headers"]["content-type"], "application/json");

    // log filters and table.
    let o = run(&[
        "log",
        "--store",
        &store,
        "--activity",
        "CONTRACT_EXECUTED",
        "--since",
        "1h",
    ]);
    assert!(stdout(&o).contains("CONTRACT_EXECUTED"));
    assert!(stdout(&o).ends_with("1 deliveries\n"));
    let o = run(&["log", "--store", &store, "--contract", "1", "--json"]);
    assert_eq!(stdout(&o), "");
    let o = run(&["log", "--store", &store, "--status", "processed", "--json"]);
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn replay_reprocesses_one_delivery() {
    let dir = tempdir("replay");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let processed = dir.join("processed.txt");
    let exec = format!(
        "printf '%s %s\\n' \"$SDKIT_DEDUPE_KEY\" \"$SDKIT_ATTEMPT\" >> '{}'",
        processed.display()
    );
    let server = Server::start(&store, &dir, "s", &["--exec", &exec, "--poll-ms", "50"]);
    let f = sample();
    let o = run(&[
        "send",
        "--to",
        &server.url(),
        "--key",
        KEY,
        "--json",
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    wait_processed(&store, Duration::from_secs(30));
    let key = stored(&store)[0]["dedupe_key"].as_str().unwrap().to_owned();
    let o = run(&["replay", "--store", &store, &key]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(&format!("requeued {key}")));
    wait_until("the replay", Duration::from_secs(30), || {
        std::fs::read_to_string(&processed)
            .unwrap_or_default()
            .lines()
            .count()
            == 2
    });
    assert_eq!(
        std::fs::read_to_string(&processed).unwrap(),
        format!("{key} 1\n{key} 2\n")
    );
    server.stop();
}

#[test]
fn exec_failures_retry_with_backoff_then_fail() {
    let dir = tempdir("retry");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    // Fails on the first attempt, succeeds on the second.
    let server = Server::start(
        &store,
        &dir,
        "s",
        &[
            "--exec",
            "test \"$SDKIT_ATTEMPT\" -ge 2",
            "--retry-base-ms",
            "20",
            "--poll-ms",
            "20",
        ],
    );
    let files = payloads();
    let files: Vec<&str> = files.iter().take(3).map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["send", "--to", server.url().leak(), "--key", KEY, "--json"];
    args.extend(files.iter().copied());
    assert!(run(&args).status.success());
    wait_processed(&store, Duration::from_secs(30));
    for d in stored(&store) {
        assert_eq!(d["status"], "processed");
        assert_eq!(d["attempts"], 2);
    }
    server.stop();

    let dir = tempdir("fail");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(
        &store,
        &dir,
        "s",
        &[
            "--exec",
            "exit 3",
            "--retry-base-ms",
            "10",
            "--poll-ms",
            "20",
            "--max-attempts",
            "2",
        ],
    );
    let f = sample();
    assert!(run(&[
        "send",
        "--to",
        &server.url(),
        "--key",
        KEY,
        f.to_str().unwrap()
    ])
    .status
    .success());
    wait_processed(&store, Duration::from_secs(30));
    let rows = stored(&store);
    assert_eq!(rows[0]["status"], "failed");
    assert_eq!(rows[0]["attempts"], 2);
    assert!(rows[0]["last_error"]
        .as_str()
        .unwrap()
        .contains("exit status: 3"));
    let o = run(&["log", "--store", &store, "--status", "failed"]);
    assert!(stdout(&o).contains("failed"));
    server.stop();
}

#[test]
fn shutdown_finishes_in_flight_requests() {
    let dir = tempdir("graceful");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(&store, &dir, "s", &[]);
    let body = std::fs::read(sample()).unwrap();
    let sig = sample_sig();
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "POST /webhooks/spotdraft HTTP/1.1\r\nhost: x\r\ncontent-length: {}\r\nx-sd-webhook-content-hash: {sig}\r\n\r\n",
        body.len()
    );
    // A first request on the same connection proves the server accepted it
    // (a connection still in the listen backlog is not in flight).
    s.write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n")
        .unwrap();
    let mut buf = [0u8; 256];
    let n = loop {
        match s.read(&mut buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => break other.unwrap(),
        }
    };
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(&body[..body.len() / 2]).unwrap();
    // Let the server read the head (no timing is asserted: this only makes
    // "in flight" true before the signal on a loaded machine).
    std::thread::sleep(Duration::from_millis(300));
    // The request is in flight; ask the server to stop.
    let pid = server.pid().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    wait_until("the shutdown to start", Duration::from_secs(20), || {
        server
            .log_lines()
            .iter()
            .any(|l| l["event"] == "shutting_down")
    });
    s.write_all(&body[body.len() / 2..]).unwrap();
    let mut response = String::new();
    let _ = s.read_to_string(&mut response);
    assert!(response.starts_with("HTTP/1.1 202"), "{response}");
    wait_until("the server to exit", Duration::from_secs(20), || {
        server.log_lines().iter().any(|l| l["event"] == "stopped")
    });
    drop(server);
    assert_eq!(stored(&store).len(), 1);
}

/// A receiver on 127.0.0.1 that answers every POST with `status`, however
/// wrong that is; returns its URL.
fn fixed_status_receiver(status: u16) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/webhooks/spotdraft",
        listener.local_addr().unwrap()
    );
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && s.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            let mut body = vec![0u8; length];
            let _ = s.read_exact(&mut body);
            let reply = format!(
                "HTTP/1.1 {status} Whatever\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
            let _ = s.write_all(reply.as_bytes());
        }
    });
    url
}

#[test]
fn send_exits_1_when_an_answer_contradicts_expect() {
    let f = sample();
    let f = f.to_str().unwrap();
    let send = |url: &str, extra: &[&str]| {
        let mut args = vec!["send", "--to", url, "--key", KEY, "--json", "--seed", "3"];
        args.extend_from_slice(extra);
        args.push(f);
        run(&args)
    };
    // A receiver that accepts everything: the duplicate's 202 is a failure.
    let yes = fixed_status_receiver(202);
    let o = send(&yes, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = send(&yes, &["--duplicate", "1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["unexpected"], 1);
    assert!(stderr(&o).contains("already accepted"), "{}", stderr(&o));
    let o = send(&yes, &["--tamper"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("(tampered) answered 202, expected 401"));
    // An event the receiver already had (200 on its first copy) is fine;
    // a 500 is not.
    let o = send(&fixed_status_receiver(200), &["--duplicate", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = send(&fixed_status_receiver(500), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("answered 500, expected 202"));
    // The reference receiver meets every expectation.
    let dir = tempdir("expect");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(&store, &dir, "s", &[]);
    let extra = [
        "--duplicate",
        "3",
        "--shuffle",
        "--tamper",
        "--wrong-key",
        "--reserialize",
    ];
    let o = send(&server.url(), &extra);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["unexpected"], 0);
    server.stop();
}

/// Runs sdkit with stdout a pipe whose reader is already gone.
fn run_into_closed_pipe(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    sdkit()
        .args(args)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let dir = tempdir("epipe");
    let f = sample();
    let f = f.to_str().unwrap();
    let sig = sample_sig();
    let uat = dir.join("uat.env");
    let prod = dir.join("prod.env");
    for (path, id) in [(&uat, "uat-client"), (&prod, "prod-client")] {
        let text = format!(
            "SPOTDRAFT_REGION=us\nSPOTDRAFT_CLIENT_ID={id}\nSPOTDRAFT_CLIENT_SECRET={id}-secret\n"
        );
        std::fs::write(path, text).unwrap();
    }
    let (uat, prod) = (uat.to_str().unwrap(), prod.to_str().unwrap());
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(&store, &dir, "s", &[]);
    let url = server.url();
    let o = run(&["send", "--to", &url, "--key", KEY, "--quiet", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dedupe_key = stored(&store)[0]["dedupe_key"].as_str().unwrap().to_owned();
    for args in [
        vec!["sign", "--key", KEY, f],
        vec!["verify", "--key", KEY, "--signature", &sig, f],
        vec!["diagnose", "--key", KEY, "--signature", &sig, f],
        vec!["env-diff", uat, prod],
        vec!["log", "--store", &store],
        vec!["log", "--store", &store, "--json"],
        vec!["replay", "--store", &store, "--print", &dedupe_key],
        vec!["send", "--to", &url, "--key", KEY, "--quiet", f],
    ] {
        let o = run_into_closed_pipe(&args);
        assert!(!stdout(&run(&args)).is_empty(), "{args:?} prints something");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
    // And as people meet it: `sdkit log | head -1`.
    let bin = env!("CARGO_BIN_EXE_sdkit");
    let o = std::process::Command::new("bash")
        .args([
            "-c",
            &format!("set -o pipefail; '{bin}' log --store '{store}' | head -c 1 >/dev/null"),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    server.stop();
}
