//! A fixed workload for `valgrind --tool=callgrind`, whose instruction
//! counts are repeatable on a noisy machine where timings are not:
//! `instructions <verify|open|parse_event|dedupe_key|find_signature|
//! serde_json_ignored_any|serde_json_value|none> <2KiB|64KiB> <rounds>` runs
//! one operation `rounds` times on a realistic delivery (see
//! `support/realistic.rs`). Subtract the `none` run (set-up only) and
//! divide by `rounds` for a per-call count; `scripts/bench-core.sh
//! instructions` does that.
//!
//! `instructions <hmac_rustcrypto|hmac_ring|sign> 16KiB <rounds>` hashes
//! 16 KiB blocks with one HMAC-SHA512 backend, for a CPU-time comparison
//! with `openssl speed` (which reports CPU time too) on a loaded machine.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/realistic.rs"]
mod realistic;

use std::hint::black_box;

use hmac::{KeyInit, Mac};
use spotdraft_kit::{dedupe_key, find_signature, parse_event, sign, HmacKey, Verifier};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`: run nothing then.
    let [op, size, rounds] = args.as_slice() else {
        return;
    };
    let size = match size.as_str() {
        "2KiB" => 2 * 1024,
        "64KiB" => 64 * 1024,
        "16KiB" => 16 * 1024,
        other => panic!("unknown size {other}"),
    };
    let rounds: usize = rounds.parse().expect("rounds is a number");
    let key = HmacKey::from_base64("c2VjcmV0LWtleS1mb3ItYmVuY2htYXJrcy0wMTIzNDU2Nzg5").unwrap();
    let verifier = Verifier::new(vec![key.clone()]).unwrap();
    let (body, _) = match op.as_str() {
        "hmac_rustcrypto" | "hmac_ring" | "sign" => (vec![0x5a; size], 0),
        _ => realistic::realistic_body(size),
    };
    let raw_key = b"secret-key-for-benchmarks-0123456789";
    let rustcrypto = hmac::Hmac::<sha2::Sha512>::new_from_slice(raw_key).unwrap();
    let ring_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA512, raw_key);
    let sig = sign(&key, &body);
    let headers = [("x-sd-webhook-content-hash", sig.as_str())];
    // The HMAC workloads hash bytes that are not JSON.
    let event = parse_event(&body).ok();
    for _ in 0..rounds {
        match op.as_str() {
            "verify" => {
                black_box(verifier.verify(black_box(&body), black_box(&sig)).unwrap());
            }
            "open" => {
                black_box(
                    verifier
                        .open(black_box(&headers), black_box(&body))
                        .unwrap(),
                );
            }
            "dedupe_key" => {
                black_box(dedupe_key(black_box(event.as_ref().unwrap()), ""));
            }
            "find_signature" => {
                black_box(find_signature(black_box(&headers)).unwrap());
            }
            "parse_event" => {
                black_box(parse_event(black_box(&body)).unwrap());
            }
            "serde_json_ignored_any" => {
                black_box(
                    serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&body)).unwrap(),
                );
            }
            "serde_json_value" => {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(&body)).unwrap());
            }
            "hmac_rustcrypto" => {
                let mut mac = rustcrypto.clone();
                mac.update(black_box(&body));
                black_box(mac.finalize().into_bytes());
            }
            "hmac_ring" => {
                black_box(ring::hmac::sign(&ring_key, black_box(&body)));
            }
            "sign" => {
                black_box(sign(&key, black_box(&body)));
            }
            "none" => {}
            other => panic!("unknown operation {other}"),
        }
    }
}
