//! A fixed workload for `valgrind --tool=callgrind`, whose instruction
//! counts are repeatable on a noisy machine where timings are not:
//! `instructions <verify|open|parse_event|none> <2KiB|64KiB> <rounds>` runs
//! one operation `rounds` times on a realistic delivery (see
//! `support/realistic.rs`). Subtract the `none` run (set-up only) and
//! divide by `rounds` for a per-call count; `scripts/bench-core.sh
//! instructions` does that.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/realistic.rs"]
mod realistic;

use std::hint::black_box;

use spotdraft_kit::{parse_event, sign, HmacKey, Verifier};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`: run nothing then.
    let [op, size, rounds] = args.as_slice() else {
        return;
    };
    let size = match size.as_str() {
        "2KiB" => 2 * 1024,
        "64KiB" => 64 * 1024,
        other => panic!("unknown size {other}"),
    };
    let rounds: usize = rounds.parse().expect("rounds is a number");
    let key = HmacKey::from_base64("c2VjcmV0LWtleS1mb3ItYmVuY2htYXJrcy0wMTIzNDU2Nzg5").unwrap();
    let verifier = Verifier::new(vec![key.clone()]).unwrap();
    let (body, _) = realistic::realistic_body(size);
    let sig = sign(&key, &body);
    let headers = [("x-sd-webhook-content-hash", sig.as_str())];
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
            "parse_event" => {
                black_box(parse_event(black_box(&body)).unwrap());
            }
            "none" => {}
            other => panic!("unknown operation {other}"),
        }
    }
}
