//! Runs the shared conformance vectors in `tests/vectors/` against the core.
//! The same files run in every binding's test suite.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::PathBuf;

use base64::Engine;
use serde_json::{json, Map, Value};
use spotdraft_kit::{
    body_sha256, diagnose, parse_event, sign, Error, Event, HmacKey, KeyEncoding, KeyPolicy,
    Person, Verifier,
};

fn vector_files() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable vector file");
            let doc: Value = serde_json::from_str(&text).expect("vector file is JSON");
            assert_eq!(doc["format"], "spotdraft-kit-vectors/1", "{}", p.display());
            (p.file_name().unwrap().to_string_lossy().into_owned(), doc)
        })
        .collect()
}

fn body(case: &Value) -> Vec<u8> {
    if let Some(text) = case["body"].as_str() {
        text.as_bytes().to_vec()
    } else if let Some(b64) = case["body_b64"].as_str() {
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .expect("body_b64")
    } else {
        Vec::new()
    }
}

fn keys(case: &Value) -> Result<Vec<HmacKey>, Error> {
    let policy = KeyPolicy::from_allow_short(
        case["options"]["allow_short_keys"]
            .as_bool()
            .unwrap_or(false),
    );
    case["keys"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|k| {
            let encoding = KeyEncoding::parse(k["encoding"].as_str().unwrap_or("base64"))?;
            let key =
                HmacKey::new_with_policy(k["key"].as_str().expect("key string"), encoding, policy)?;
            Ok(match k["id"].as_str() {
                Some(id) => key.with_id(id),
                None => key,
            })
        })
        .collect()
}

fn verifier(case: &Value) -> Result<Verifier, Error> {
    let v = Verifier::new(keys(case)?)?;
    Ok(match case["options"]["max_body_bytes"].as_u64() {
        Some(max) => v.with_max_body_bytes(max as usize),
        None => v,
    })
}

fn headers(case: &Value) -> Vec<(String, String)> {
    case["headers"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().expect("name").to_owned(),
                pair[1].as_str().expect("value").to_owned(),
            )
        })
        .collect()
}

fn person(p: Option<Person>) -> Value {
    p.map_or(Value::Null, |p| json!({"name": p.name, "email": p.email}))
}

/// The event as the vectors spell it (snake_case, nulls for absent fields).
fn event_json(e: &Event) -> Map<String, Value> {
    let counterparties: Vec<Value> = e
        .counterparties()
        .into_iter()
        .map(|c| {
            json!({"type": c.kind, "organization_name": c.organization_name, "poc_name": c.poc_name,
                   "poc_email": c.poc_email, "counterparty_id": c.counterparty_id})
        })
        .collect();
    let v = json!({
        "activity": e.activity().as_str(),
        "known": e.known(),
        "category": e.category().as_str(),
        "contract_id": e.contract_id(),
        "contract_title": e.contract_title(),
        "contract_status": e.contract_status(),
        "contract_kind": e.contract_kind(),
        "contract_type": e.contract_type(),
        "contract_type_id": e.contract_type_id(),
        "occurred_at": e.occurred_at(),
        "performed_by": person(e.performed_by()),
        "external_id": e.external_id(),
        "business_user": person(e.business_user()),
        "legal_user": person(e.legal_user()),
        "counterparties": counterparties,
    });
    match v {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

fn check_event(name: &str, got: &Event, expect: &Value) {
    let actual = event_json(got);
    for (field, want) in expect.as_object().expect("event object") {
        assert_eq!(actual.get(field), Some(want), "{name}: event field {field}");
    }
}

/// Secrets and personal data that must never appear in a message or record.
fn forbidden(case: &Value) -> Vec<String> {
    let mut out: Vec<String> = case["keys"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|k| k["key"].as_str())
        .filter(|k| k.trim().len() >= 8)
        .map(|k| k.trim().to_owned())
        .collect();
    if let Some(sig) = case["signature"].as_str() {
        if sig.trim().len() >= 16 {
            out.push(sig.trim().to_owned());
        }
    }
    for (_, v) in headers(case) {
        if v.trim().len() >= 16 {
            out.push(v.trim().to_owned());
        }
    }
    for pii in [
        "Sam Example",
        "sam@example.com",
        "Bo Example",
        "cy@example.com",
        "Master Services",
    ] {
        out.push(pii.to_owned());
    }
    out
}

fn check_error(name: &str, case: &Value, err: &Error, expect: &Value) {
    assert_eq!(
        err.code().as_str(),
        expect["error"].as_str().unwrap(),
        "{name}: error code ({err})"
    );
    assert_eq!(
        u64::from(err.http_status()),
        expect["http_status"].as_u64().unwrap(),
        "{name}: http_status"
    );
    let body = body(case);
    let mut texts = vec![err.to_string(), format!("{err:?}")];
    if let Some(r) = err.log_record() {
        texts.push(r.to_json());
    }
    for text in &texts {
        for secret in forbidden(case) {
            assert!(
                !text.contains(&secret),
                "{name}: error text leaks {secret:?}: {text}"
            );
        }
        if body.len() >= 16 {
            let body_text = String::from_utf8_lossy(&body);
            assert!(
                !text.contains(body_text.as_ref()),
                "{name}: error text contains the body"
            );
        }
    }
}

fn run_case(file: &str, case: &Value, keys_by_group: &mut HashMap<String, (String, String)>) {
    let name = format!("{file}/{}", case["name"].as_str().expect("name"));
    let expect = &case["expect"];
    let wants_error = expect.get("error").is_some();
    let body = body(case);
    match case["op"].as_str().expect("op") {
        "new_verifier" => match verifier(case) {
            Ok(v) => {
                assert!(!wants_error, "{name}: expected an error");
                assert_eq!(
                    v.len() as u64,
                    expect["key_count"].as_u64().unwrap(),
                    "{name}"
                );
            }
            Err(e) => check_error(&name, case, &e, expect),
        },
        "sign" => {
            let key = keys(case).expect("key").remove(0);
            assert_eq!(
                sign(&key, &body),
                expect["signature"].as_str().unwrap(),
                "{name}"
            );
        }
        "body_sha256" => {
            assert_eq!(
                body_sha256(&body),
                expect["body_sha256"].as_str().unwrap(),
                "{name}"
            );
        }
        "verify" => {
            let v = verifier(case).expect("verifier");
            let sig = case["signature"].as_str().expect("signature");
            match v.verify(&body, sig) {
                Ok(i) => {
                    assert!(!wants_error, "{name}: expected {expect}, verified");
                    assert_eq!(i as u64, expect["key_index"].as_u64().unwrap(), "{name}");
                    assert!(v.is_valid(&body, sig));
                }
                Err(e) => {
                    check_error(&name, case, &e, expect);
                    assert!(!v.is_valid(&body, sig));
                }
            }
        }
        "parse_event" => match parse_event(&body) {
            Ok(e) => {
                assert!(!wants_error, "{name}: expected an error");
                check_event(&name, &e, &expect["event"]);
                if let Some(exact) = expect.get("event_exact_or_null") {
                    let actual = event_json(&e);
                    for (field, want) in exact.as_object().unwrap() {
                        let got = &actual[field];
                        assert!(got.is_null() || got == want, "{name}: {field} is {got}");
                    }
                }
            }
            Err(e) => check_error(&name, case, &e, expect),
        },
        "open" => {
            let v = verifier(case).expect("verifier");
            match v.open(&headers(case), &body) {
                Ok(d) => {
                    assert!(!wants_error, "{name}: expected {expect}, opened");
                    assert_eq!(
                        d.key_index() as u64,
                        expect["key_index"].as_u64().unwrap(),
                        "{name}"
                    );
                    assert_eq!(d.key_id(), expect["key_id"].as_str(), "{name}: key_id");
                    assert_eq!(
                        d.signature_header().as_str(),
                        expect["signature_header"],
                        "{name}"
                    );
                    assert_eq!(
                        d.body_sha256(),
                        expect["body_sha256"],
                        "{name}: body_sha256"
                    );
                    assert_eq!(
                        d.body_len() as u64,
                        expect["body_length"].as_u64().unwrap(),
                        "{name}"
                    );
                    assert_eq!(d.dedupe_key(), expect["dedupe_key"], "{name}: dedupe_key");
                    if let Some(event) = expect.get("event") {
                        check_event(&name, d.event(), event);
                    }
                    let record = d.log_record();
                    let record_json: Value = serde_json::from_str(&record.to_json()).unwrap();
                    for (field, want) in expect["log_record"].as_object().unwrap() {
                        assert_eq!(&record_json[field], want, "{name}: log_record.{field}");
                    }
                    for secret in forbidden(case) {
                        assert!(
                            !record.to_json().contains(&secret),
                            "{name}: log leaks {secret}"
                        );
                    }
                    if let Some(group) = expect["dedupe_group"].as_str() {
                        let scoped = format!("{file}/{group}");
                        keys_by_group.insert(name.clone(), (scoped, d.dedupe_key().to_owned()));
                    }
                }
                Err(e) => check_error(&name, case, &e, expect),
            }
        }
        "diagnose" => {
            let keys = keys(case).expect("keys");
            let d = diagnose(&body, case["signature"].as_str().unwrap(), &keys);
            assert_eq!(d.cause.as_str(), expect["cause"], "{name}: cause");
            assert_eq!(
                d.key_index.map(|i| i as u64),
                expect["key_index"].as_u64(),
                "{name}: key_index"
            );
            for secret in forbidden(case) {
                assert!(
                    !d.message().contains(&secret),
                    "{name}: message leaks {secret}"
                );
            }
        }
        other => panic!("{name}: unknown op {other}"),
    }
}

#[test]
fn conformance_vectors() {
    let mut total = 0;
    let mut keys_by_group = HashMap::new();
    for (file, doc) in vector_files() {
        let cases = doc["cases"].as_array().expect("cases");
        let mut names = std::collections::HashSet::new();
        for case in cases {
            assert!(
                names.insert(case["name"].as_str().unwrap()),
                "{file}: duplicate case name"
            );
            run_case(&file, case, &mut keys_by_group);
            total += 1;
        }
    }
    // Same group <=> same dedupe key.
    let entries: Vec<_> = keys_by_group.into_iter().collect();
    for (a_name, (a_group, a_key)) in &entries {
        for (b_name, (b_group, b_key)) in &entries {
            assert_eq!(
                a_group == b_group,
                a_key == b_key,
                "dedupe grouping: {a_name} ({a_group}) vs {b_name} ({b_group})"
            );
        }
    }
    assert!(total >= 40, "only {total} vectors");
    println!("{total} conformance vectors passed");
}
