//! Property tests: invariants that must hold for every input, not just the
//! vectors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use serde_json::{Map, Value};
use spotdraft_kit::api::{RateLimiter, RetryAfter, RetryPolicy};
use spotdraft_kit::{body_sha256, dedupe_key, parse_event, sign, ErrorCode, HmacKey, Verifier};

fn key_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 1..100)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_round_trips(key in key_strategy(), body in prop::collection::vec(any::<u8>(), 0..2048)) {
        let k = HmacKey::from_bytes(&key).unwrap();
        let sig = sign(&k, &body);
        prop_assert_eq!(sig.len(), 128);
        let v = Verifier::new(vec![k]).unwrap();
        prop_assert_eq!(v.verify(&body, &sig).unwrap(), 0);
        prop_assert_eq!(v.verify(&body, &sig.to_uppercase()).unwrap(), 0);
    }

    #[test]
    fn any_single_bit_flip_fails(key in key_strategy(), body in prop::collection::vec(any::<u8>(), 1..512),
                                 byte in any::<prop::sample::Index>(), bit in 0u8..8, in_signature in any::<bool>()) {
        let k = HmacKey::from_bytes(&key).unwrap();
        let sig = sign(&k, &body);
        let v = Verifier::new(vec![k]).unwrap();
        if in_signature {
            // Flip one bit of the digest and re-encode: still 128 hex digits.
            let mut digest: Vec<u8> = (0..64).map(|i| u8::from_str_radix(&sig[2 * i..2 * i + 2], 16).unwrap()).collect();
            let i = byte.index(digest.len());
            digest[i] ^= 1 << bit;
            let flipped: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            prop_assert_eq!(v.verify(&body, &flipped).unwrap_err().code(), ErrorCode::SignatureMismatch);
        } else {
            let mut tampered = body.clone();
            let i = byte.index(tampered.len());
            tampered[i] ^= 1 << bit;
            prop_assert_eq!(v.verify(&tampered, &sig).unwrap_err().code(), ErrorCode::SignatureMismatch);
        }
    }

    #[test]
    fn rotation_order_does_not_change_the_verdict(keys in prop::collection::vec(key_strategy(), 1..6),
                                                  signer in any::<prop::sample::Index>(),
                                                  body in prop::collection::vec(any::<u8>(), 0..256),
                                                  rotate in 0usize..6) {
        let signer = signer.index(keys.len());
        let sig = sign(&HmacKey::from_bytes(&keys[signer]).unwrap(), &body);
        let mut rotated = keys.clone();
        rotated.rotate_left(rotate % keys.len());
        for ring in [&keys, &rotated] {
            let v = Verifier::new(ring.iter().map(|k| HmacKey::from_bytes(k).unwrap()).collect()).unwrap();
            let index = v.verify(&body, &sig).unwrap();
            // The reported key is one that really signs the body.
            prop_assert_eq!(sign(&HmacKey::from_bytes(&ring[index]).unwrap(), &body), sig.clone());
        }
    }

    #[test]
    fn verify_never_panics_on_arbitrary_signatures(sig in ".{0,300}", body in prop::collection::vec(any::<u8>(), 0..64)) {
        let v = Verifier::new(vec![HmacKey::from_bytes(b"k").unwrap()]).unwrap();
        let _ = v.verify(&body, &sig);
    }

    #[test]
    fn parse_event_never_panics(body in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_event(&body);
    }

    #[test]
    fn dedupe_key_survives_reserialisation_and_reordering(
        activity in "[A-Z_]{1,30}", contract_id in any::<u32>(), ts in "[0-9T:.Z-]{1,30}",
        extra in prop::collection::btree_map("[a-z_]{1,8}", any::<i32>(), 0..6), pretty in any::<bool>(),
    ) {
        let mut map = Map::new();
        map.insert("activity".into(), Value::from(activity));
        map.insert("contract_id".into(), Value::from(contract_id));
        map.insert("activity_data".into(), serde_json::json!({"timestamp": ts, "performed_by": {"name": "SYSTEM"}}));
        for (k, v) in extra {
            map.entry(k).or_insert(Value::from(v));
        }
        let original = serde_json::to_vec(&Value::Object(map.clone())).unwrap();
        let mut reversed = Map::new();
        for (k, v) in map.iter().rev() {
            reversed.insert(k.clone(), v.clone());
        }
        let copy = if pretty {
            serde_json::to_vec_pretty(&Value::Object(reversed)).unwrap()
        } else {
            serde_json::to_vec(&Value::Object(reversed)).unwrap()
        };
        let a = dedupe_key(&parse_event(&original).unwrap(), &body_sha256(&original));
        let b = dedupe_key(&parse_event(&copy).unwrap(), &body_sha256(&copy));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn retry_delay_is_within_zero_and_cap(attempt in 0u32..80, random in any::<f64>(), base in 0u64..100_000,
                                          cap in 0u64..1_000_000, after in prop::option::of(any::<u64>()),
                                          now in any::<u64>()) {
        let policy = RetryPolicy { max_attempts: 100, base_ms: base, cap_ms: cap };
        for retry_after in [after.map(RetryAfter::DelayMs), after.map(RetryAfter::AtUnixMs)] {
            let d = policy.backoff_ms(attempt, retry_after, random, now);
            prop_assert!(d <= cap);
        }
    }

    #[test]
    fn limiter_never_exceeds_the_rate_in_any_window(max in 1u32..12, window in 1u64..2000,
                                                    gaps in prop::collection::vec(0u64..400, 1..120)) {
        let mut limiter = RateLimiter::new(max, window);
        let mut now = 0u64;
        let mut grants = Vec::new();
        for gap in gaps {
            now += gap;
            grants.push(now + limiter.acquire(now));
        }
        grants.sort_unstable();
        // Any max+1 consecutive grants span at least one full window.
        for pair in grants.windows(max as usize + 1) {
            prop_assert!(pair[max as usize] - pair[0] >= window, "{:?}", pair);
        }
    }
}

/// A JSON value of any type, small.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        "[a-zA-Z0-9@. _-]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A payload whose documented fields hold values of random types.
fn drifting_payload() -> impl Strategy<Value = Value> {
    let person = prop_oneof![
        any_json(),
        (any_json(), any_json()).prop_map(|(n, e)| serde_json::json!({"name": n, "email": e})),
    ];
    (
        any_json(), any_json(), any_json(), any_json(), person.clone(), person.clone(), person,
        any_json(), prop::collection::vec(any_json(), 0..3), any_json(),
    )
        .prop_map(|(cid, title, ts, ext, performer, business, signatory, email_data, cps, type_id)| {
            serde_json::json!({
                "activity": "CONTRACT_SIGNED",
                "contract_id": cid,
                "contract_title": title,
                "contract_type_id": type_id,
                "activity_data": {"timestamp": ts, "performed_by": performer, "signatory": signatory,
                                  "email_event_data": email_data},
                "business_user": business,
                "external_metadata": {"id": ext},
                "counterparties": cps,
            })
        })
}

fn person_of(v: Option<&Value>) -> Option<spotdraft_kit::Person> {
    let map = v?.as_object()?;
    Some(spotdraft_kit::Person {
        name: map.get("name").and_then(Value::as_str).map(str::to_owned),
        email: map.get("email").and_then(Value::as_str).map(str::to_owned),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The one-pass field reader agrees with navigating serde_json's DOM.
    #[test]
    fn typed_accessors_agree_with_the_dom(payload in drifting_payload()) {
        let bytes = serde_json::to_vec(&payload).unwrap();
        let e = parse_event(&bytes).unwrap();
        let dom = &payload;
        prop_assert_eq!(e.contract_id(), dom["contract_id"].as_i64());
        prop_assert_eq!(e.contract_title(), dom["contract_title"].as_str());
        prop_assert_eq!(e.contract_type_id(), dom["contract_type_id"].as_i64());
        prop_assert_eq!(e.occurred_at(), dom["activity_data"]["timestamp"].as_str());
        prop_assert_eq!(e.performed_by(), person_of(dom["activity_data"].get("performed_by")));
        prop_assert_eq!(e.business_user(), person_of(dom.get("business_user")));
        prop_assert_eq!(e.signatory(), person_of(dom["activity_data"].get("signatory")));
        let ext = match &dom["external_metadata"]["id"] {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        prop_assert_eq!(e.external_id(), ext);
        let cps = dom["counterparties"].as_array().map_or(0, |a| a.iter().filter(|c| c.is_object()).count());
        prop_assert_eq!(e.counterparties().len(), cps);
        prop_assert_eq!(e.email_event().is_some(), dom["activity_data"]["email_event_data"].is_object());
        prop_assert_eq!(Value::Object(e.payload().clone()), payload.clone());
    }
}
