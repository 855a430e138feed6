//! The realistic benchmark bodies (`benches/support/realistic.rs`) against
//! the byte lengths and SHA-256 digests pinned in
//! `benches/support/realistic-bodies.json`. The JS (`tests/js/bodies.mjs`) and
//! Python (`python/bench/realistic.py`) copies of the generator check their
//! output against the same file, so every runtime benchmarks the same bytes
//! and a change to the Rust generator shows here, not first in a bench run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/support/realistic.rs"]
mod realistic;

use std::path::PathBuf;

use serde_json::Value;
use spotdraft_kit::body_sha256;

/// The sizes the core's benchmarks build (2 KiB and 64 KiB).
const BENCH_SIZES: [usize; 2] = [2 * 1024, 64 * 1024];

fn pinned() -> Vec<(usize, usize, String)> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/support/realistic-bodies.json");
    let text =
        std::fs::read_to_string(&path).expect("benches/support/realistic-bodies.json is readable");
    let doc: Value = serde_json::from_str(&text).expect("realistic-bodies.json is JSON");
    doc["bodies"]
        .as_array()
        .expect("realistic-bodies.json has a `bodies` list")
        .iter()
        .map(|entry| {
            let field = |name: &str| {
                entry[name]
                    .as_u64()
                    .unwrap_or_else(|| panic!("{entry}: `{name}` is not an integer"))
            };
            let digest = entry["body_sha256"]
                .as_str()
                .unwrap_or_else(|| panic!("{entry}: no `body_sha256` string"));
            let max_bytes = usize::try_from(field("max_bytes")).expect("max_bytes fits usize");
            let length = usize::try_from(field("body_length")).expect("body_length fits usize");
            (max_bytes, length, digest.to_owned())
        })
        .collect()
}

#[test]
fn the_file_pins_every_size_the_benchmarks_use() {
    let sizes: Vec<usize> = pinned()
        .iter()
        .map(|(max_bytes, _, _)| *max_bytes)
        .collect();
    assert_eq!(
        sizes, BENCH_SIZES,
        "realistic-bodies.json should pin the benchmark sizes, in order"
    );
}

#[test]
fn the_rust_generator_builds_the_pinned_bodies() {
    for (max_bytes, want_length, want_sha256) in pinned() {
        let (body, _) = realistic::realistic_body(max_bytes);
        let (length, sha256) = (body.len(), body_sha256(&body));
        assert!(
            length == want_length && sha256 == want_sha256,
            "the Rust generator (core/benches/support/realistic.rs) has drifted: asked for at most {max_bytes} bytes, \
             it now builds {length} bytes, sha256 {sha256}; core/benches/support/realistic-bodies.json pins \
             {want_length} bytes, sha256 {want_sha256}. If the change is meant, write the new length and \
             digest into realistic-bodies.json and make tests/js/bodies.mjs and python/bench/realistic.py \
             build the same bytes (both check their output against that file)"
        );
    }
}
