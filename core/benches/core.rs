//! Criterion benchmarks of the receiver's hot path: `verify`, `parse_event`
//! and `open` for 1 KiB, 8 KiB and 1 MiB bodies padded in one string field,
//! and on realistic pretty-printed deliveries of 2 KiB and 64 KiB (see
//! `support/realistic.rs`, where serde_json reads the same bytes beside the
//! core's reader), plus raw HMAC-SHA512 throughput (compared with
//! `openssl speed` by `scripts/bench-core.sh`).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/realistic.rs"]
mod realistic;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use spotdraft_kit::{parse_event, sign, HmacKey, Verifier};

/// A SpotDraft-shaped payload padded to about `size` bytes.
fn body_of(size: usize) -> Vec<u8> {
    let head = r#"{"activity":"CONTRACT_SIGNED","activity_data":{"performed_by":{"name":"Sam Example","email":"sam@example.com"},"timestamp":"2026-11-02T10:00:00.000000Z"},"contract_id":424242,"contract_title":"Master Services Agreement","contract_type":"MSA","contract_type_name":"Master Services Agreement","contract_type_id":12,"contract_status":"SIGN","contract_kind":"TEMPLATE_CONTRACT","business_user":{"name":"Bo Example","email":"bo@example.com"},"created_at":"2026-11-01T09:00:00Z","external_metadata":{"id":"crm-991","notes":""#;
    let tail = r#""}}"#;
    let pad = size.saturating_sub(head.len() + tail.len());
    let mut body = head.as_bytes().to_vec();
    body.extend(std::iter::repeat_n(b'x', pad));
    body.extend_from_slice(tail.as_bytes());
    body
}

fn benches(c: &mut Criterion) {
    let key = HmacKey::from_base64("c2VjcmV0LWtleS1mb3ItYmVuY2htYXJrcy0wMTIzNDU2Nzg5").unwrap();
    let verifier = Verifier::new(vec![key.clone()]).unwrap();
    let mut group = c.benchmark_group("core");
    for (label, size) in [("1KiB", 1024), ("8KiB", 8 * 1024), ("1MiB", 1024 * 1024)] {
        let body = body_of(size);
        let sig = sign(&key, &body);
        let headers = [("x-sd-webhook-content-hash", sig.as_str())];
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("verify", label), &body, |b, body| {
            b.iter(|| verifier.verify(black_box(body), black_box(&sig)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("parse_event", label), &body, |b, body| {
            b.iter(|| parse_event(black_box(body)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("open", label), &body, |b, body| {
            b.iter(|| verifier.open(black_box(&headers), black_box(body)).unwrap())
        });
    }
    group.finish();

    // Realistic deliveries: parsing cost grows with the number of fields,
    // not only with the byte count.
    let mut group = c.benchmark_group("realistic");
    for (label, size) in [("2KiB", 2 * 1024), ("64KiB", 64 * 1024)] {
        let (body, _) = realistic::realistic_body(size);
        let sig = sign(&key, &body);
        let headers = [("x-sd-webhook-content-hash", sig.as_str())];
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("verify", label), &body, |b, body| {
            b.iter(|| verifier.verify(black_box(body), black_box(&sig)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("open", label), &body, |b, body| {
            b.iter(|| verifier.open(black_box(&headers), black_box(body)).unwrap())
        });
        // The reader beside serde_json on the same bytes: `parse_event`
        // validates the whole payload and keeps the typed fields;
        // `IgnoredAny` is serde_json validating it and keeping nothing (its
        // cheapest read), `Value` building the tree.
        group.bench_with_input(BenchmarkId::new("parse_event", label), &body, |b, body| {
            b.iter(|| parse_event(black_box(body)).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("serde_json_ignored_any", label),
            &body,
            |b, body| {
                b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).unwrap())
            },
        );
        group.bench_with_input(
            BenchmarkId::new("serde_json_value", label),
            &body,
            |b, body| {
                b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap())
            },
        );
    }
    group.finish();

    // Raw HMAC-SHA512 throughput on 16 KiB blocks, the size `openssl speed`
    // reports in its last column.
    let block = vec![0x5au8; 16 * 1024];
    let mut raw = c.benchmark_group("hmac_sha512");
    raw.throughput(Throughput::Bytes(block.len() as u64));
    raw.bench_function("16KiB", |b| b.iter(|| sign(&key, black_box(&block))));
    raw.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
