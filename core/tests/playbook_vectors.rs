//! Runs the playbook vectors in `tests/vectors/playbook/` (reconcile,
//! escalation bundles, webhook registry) against the core, and checks the
//! sanitiser over generated payloads.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{json, Value};
use spotdraft_kit::escalation::{api_bundle, delivery_bundle, EscalationContext};
use spotdraft_kit::reconcile::{Reconcile, ReconcileMode};
use spotdraft_kit::webhook_registry::{
    plan_create, plan_delete, shared_urls, PlannedCall, WebhookRecord, WebhookSpec,
};
use spotdraft_kit::webhook_rotation::Rotation;

fn cases(topic: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../tests/vectors/playbook/{topic}.json"));
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("vector file")).expect("JSON");
    assert_eq!(doc["format"], "spotdraft-kit-vectors/1");
    doc["cases"].as_array().expect("cases").clone()
}

fn text(v: &Value) -> String {
    v.as_str().expect("string").to_owned()
}

fn call_json(call: &PlannedCall) -> Value {
    json!({"operation": call.operation, "params": call.params})
}

#[test]
fn reconcile_vectors_find_exactly_the_dropped_deliveries() {
    for case in cases("reconcile") {
        let name = text(&case["name"]);
        let seen: Vec<(u64, String)> = case["seen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_u64().unwrap(), text(&p[1])))
            .collect();
        let mode = ReconcileMode::parse(case["mode"].as_str().unwrap()).unwrap();
        let mut sweep = Reconcile::new(
            &text(&case["checkpoint"]),
            &text(&case["as_of"]),
            &seen,
            mode,
        )
        .unwrap();
        let mut calls = vec![sweep.first_call()];
        for page in case["pages"].as_array().unwrap() {
            match sweep.consume_page(page).unwrap() {
                Some(next) => calls.push(next),
                None => break,
            }
        }
        let expect = &case["expect"];
        let params: Vec<Value> = calls.iter().map(|c| c.params.clone()).collect();
        assert_eq!(Value::from(params), expect["calls"], "{name}: calls");
        assert!(
            calls.iter().all(|c| c.operation == "contracts_retrieve"),
            "{name}"
        );
        let outcome = sweep.finish();
        assert_eq!(json!(outcome.moved), expect["moved"], "{name}: moved");
        assert_eq!(json!(outcome.unresolved), expect["unresolved"], "{name}");
        assert_eq!(json!(outcome.complete), expect["complete"], "{name}");
        assert_eq!(
            json!(outcome.next_checkpoint),
            expect["next_checkpoint"],
            "{name}"
        );
        let deliveries: Vec<Value> = outcome
            .deliveries
            .iter()
            .map(|d| {
                json!({"contract_id": d.contract_id, "status": d.status,
                    "body": String::from_utf8(d.body.clone()).unwrap(), "dedupe_key": d.dedupe_key})
            })
            .collect();
        assert_eq!(
            Value::from(deliveries),
            expect["deliveries"],
            "{name}: deliveries"
        );
        let batches: Vec<Value> = outcome
            .re_trigger
            .iter()
            .map(|c| c.params["body"].clone())
            .collect();
        assert_eq!(
            Value::from(batches),
            expect["re_trigger"],
            "{name}: re_trigger"
        );
        assert!(outcome
            .re_trigger
            .iter()
            .all(|c| c.operation == "contracts_webhooks_re_trigger_latest_create"));
    }
}

fn context(v: &Value) -> EscalationContext {
    let opt = |k: &str| v[k].as_str().map(str::to_owned);
    EscalationContext {
        environment: opt("environment").unwrap_or_default(),
        region: opt("region"),
        integration_id: opt("integration_id"),
        occurred_at: opt("occurred_at"),
        status: v["status"].as_u64().map(|s| u16::try_from(s).unwrap()),
    }
}

#[test]
fn escalation_vectors_hold_no_personal_data() {
    for case in cases("escalation") {
        let name = text(&case["name"]);
        let bundle = match case["op"].as_str().unwrap() {
            "delivery_bundle" => {
                let headers: Vec<(String, String)> = case["headers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| (text(&p[0]), text(&p[1])))
                    .collect();
                let records = case["log_records"].as_array().unwrap();
                delivery_bundle(
                    text(&case["body"]).as_bytes(),
                    &headers,
                    records,
                    None,
                    &context(&case["context"]),
                )
            }
            "api_bundle" => {
                let opt = |k: &str| Some(&case[k]).filter(|v| !v.is_null());
                api_bundle(
                    &case["record"],
                    opt("request_body"),
                    opt("response_body"),
                    &context(&case["context"]),
                )
            }
            other => panic!("{name}: unknown op {other}"),
        };
        let serialised = bundle.to_string();
        for value in case["expect"]["absent"].as_array().unwrap() {
            let value = text(value);
            assert!(
                !serialised.contains(&value),
                "{name}: bundle holds {value:?}"
            );
        }
        for (pointer, want) in case["expect"]["kept"].as_object().unwrap() {
            assert_eq!(
                bundle.pointer(pointer).unwrap_or(&Value::Null),
                want,
                "{name}: {pointer}"
            );
        }
        // Every listed redaction points at its placeholder (a value, or a key).
        for r in bundle["redacted"].as_array().unwrap() {
            let (path, placeholder) = (
                r["path"].as_str().unwrap(),
                r["placeholder"].as_str().unwrap(),
            );
            let at = bundle
                .pointer(path)
                .and_then(Value::as_str)
                .unwrap_or_default();
            let names_key = path.ends_with(&format!("/{placeholder}"));
            assert!(at.contains(placeholder) || names_key, "{name}: {r}");
        }
    }
}

fn record(v: &Value) -> WebhookRecord {
    WebhookRecord {
        id: text(&v["id"]),
        title: text(&v["title"]),
        url: text(&v["url"]),
        activities: v["activities"]
            .as_array()
            .unwrap()
            .iter()
            .map(text)
            .collect(),
        environment: text(&v["environment"]),
    }
}

fn spec(v: &Value) -> WebhookSpec {
    let activities: Vec<String> = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    let activities: Vec<&str> = activities.iter().map(String::as_str).collect();
    WebhookSpec::new(
        &text(&v["title"]),
        &text(&v["url"]),
        &activities,
        &text(&v["environment"]),
    )
}

#[test]
fn webhook_registry_vectors() {
    for case in cases("webhook_registry") {
        let name = text(&case["name"]);
        let registry: Vec<WebhookRecord> = case["registry"]
            .as_array()
            .unwrap()
            .iter()
            .map(record)
            .collect();
        let expect = &case["expect"];
        let planned = |r: spotdraft_kit::Result<PlannedCall>| match r {
            Ok(call) => call_json(&call),
            Err(e) => json!({"error": e.code().as_str()}),
        };
        match case["op"].as_str().unwrap() {
            "plan_create" => assert_eq!(
                planned(plan_create(&registry, &spec(&case["spec"]))),
                *expect,
                "{name}"
            ),
            "plan_delete" => {
                let got = planned(plan_delete(
                    &registry,
                    &text(&case["id"]),
                    case["force"].as_bool().unwrap(),
                ));
                assert_eq!(got, *expect, "{name}");
            }
            "shared_urls" => {
                assert_eq!(json!({"shared": shared_urls(&registry)}), *expect, "{name}")
            }
            "rotation" => {
                let mut rotation =
                    Rotation::start(&registry, &text(&case["old_id"]), &spec(&case["spec"]))
                        .unwrap();
                let mut steps = vec![rotation.step().name()];
                for event in case["events"].as_array().unwrap() {
                    match event[0].as_str().unwrap() {
                        "created" => drop(rotation.created(&event[1]).unwrap()),
                        "delivery_at" => drop(rotation.delivery_at(&text(&event[1]))),
                        "give_up" => rotation.give_up().unwrap(),
                        "deleted" => rotation.deleted(&text(&event[1])).unwrap(),
                        other => panic!("{name}: unknown event {other}"),
                    }
                    steps.push(rotation.step().name());
                }
                assert_eq!(json!({"steps": steps}), *expect, "{name}");
            }
            other => panic!("{name}: unknown op {other}"),
        }
    }
}

fn person() -> impl Strategy<Value = (String, String)> {
    (
        "[A-Z][a-z]{3,8}",
        "[A-Z][a-z]{3,8}",
        "[a-z]{1,6}\\.(com|org|io)",
    )
        .prop_map(|(first, last, domain)| {
            (
                format!("{first} {last}"),
                format!("{}.{}@{domain}", first.to_lowercase(), last.to_lowercase()),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A bundle of any delivery shaped like SpotDraft's holds none of its
    /// names, emails, titles or URLs.
    #[test]
    fn generated_deliveries_leak_nothing(
        people in proptest::collection::vec(person(), 4),
        title in "[A-Z][a-z]{4,10} [A-Z][a-z]{4,10} Agreement",
        token in "[A-Za-z0-9]{12,24}",
        contract_id in 1u64..1_000_000,
    ) {
        let url = format!("https://files.example.net/{contract_id}/doc.pdf?X-Amz-Signature={token}");
        let payload = json!({
            "activity": "CONTRACT_SIGNED", "contract_id": contract_id, "contract_title": title,
            "activity_data": {"performed_by": {"name": people[0].0, "email": people[0].1},
                "timestamp": "2026-11-02T10:00:00Z", "signatory": {"name": people[1].0, "email": people[1].1},
                "download": url},
            "business_user": {"name": people[2].0, "email": people[2].1},
            "counterparties": [{"type": "Individual", "poc_name": people[3].0, "poc_email": people[3].1}],
            "activity_log": [format!("{} commented", people[3].1)],
        });
        let body = payload.to_string();
        let bundle = delivery_bundle(body.as_bytes(), &[("Authorization", format!("Bearer {token}"))],
            &[json!({"note": format!("retry for {}", people[2].0)})], None, &EscalationContext::default());
        let serialised = bundle.to_string();
        for (name, email) in &people {
            prop_assert!(!serialised.contains(name.as_str()), "name {name}");
            prop_assert!(!serialised.contains(email.as_str()), "email {email}");
        }
        prop_assert!(!serialised.contains(&title));
        prop_assert!(!serialised.contains(&token));
        prop_assert!(!serialised.contains("files.example.net"));
        prop_assert_eq!(&bundle["contract_id"], &json!(contract_id));
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[ -~]{0,24}".prop_map(Value::from),
        Just(json!("2026-11-02T10:00:00Z")),
        Just(json!("T-12")),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("results".to_string()),
                    Just("total_results".to_string()),
                    Just("last_updated_on".to_string()),
                    Just("name".to_string()),
                    Just("external_metadata".to_string()),
                    "[a-z_]{1,10}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any bytes, headers and records make a bundle, never a panic.
    #[test]
    fn bundles_of_any_input_do_not_panic(
        body in proptest::collection::vec(any::<u8>(), 0..256),
        headers in proptest::collection::vec(("[ -~]{0,12}", "[ -~]{0,40}"), 0..4),
        record in json_value(),
    ) {
        let b = delivery_bundle(&body, &headers, std::slice::from_ref(&record), None, &EscalationContext::default());
        prop_assert_eq!(&b["format"], "spotdraft-kit-escalation/1");
        let b = api_bundle(&record, Some(&record), None, &EscalationContext::default());
        prop_assert_eq!(&b["kind"], "api_request");
    }

    /// Any listing answer is consumed or refused with a typed error.
    #[test]
    fn reconcile_consumes_any_page(pages in proptest::collection::vec(json_value(), 1..4)) {
        let mut sweep = Reconcile::new("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z",
            &[(12, "2026-01-01T01:00:00Z".to_string())], ReconcileMode::ReTrigger).unwrap();
        for page in &pages {
            match sweep.consume_page(page) {
                Ok(Some(next)) => prop_assert_eq!(next.operation, "contracts_retrieve"),
                Ok(None) | Err(_) => break,
            }
        }
        let outcome = sweep.finish();
        prop_assert!(outcome.re_trigger.iter().all(|c| c.params["body"]["contract_ids"].as_array().is_some_and(|a| !a.is_empty() && a.len() <= 50)));
    }
}
