//! A dudect-style timing-independence check of signature comparison.
//!
//! Two classes of wrong signatures go through `Verifier::verify`: one that
//! differs from the right digest in its first byte, one that differs only in
//! its last byte. An early-exit comparison takes longer for the second class;
//! a constant-time one does not. Batches of calls are timed in random class
//! order and Welch's t statistic is printed; |t| above 4.5 is the usual
//! threshold for "timing depends on the secret".
//!
//! As a positive control, the same harness times a naive early-exit `==` over
//! 64-byte arrays, which it should flag, showing the test can see a leak of
//! that size. This is a benchmark to read, not a CI assertion: timings on a
//! shared machine are noisy.
#![allow(clippy::unwrap_used, clippy::disallowed_methods, missing_docs)]

use std::hint::black_box;
use std::time::Instant;

use spotdraft_kit::{sign, HmacKey, Verifier};

struct XorShift(u64);
impl XorShift {
    fn bit(&mut self) -> bool {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 & 1 == 1
    }
}

fn welch_t(a: &[f64], b: &[f64]) -> f64 {
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
    let var =
        |x: &[f64], m: f64| x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() - 1) as f64;
    let (ma, mb) = (mean(a), mean(b));
    (ma - mb) / (var(a, ma) / a.len() as f64 + var(b, mb) / b.len() as f64).sqrt()
}

/// Times `run(class)` in batches; returns Welch's t between the classes,
/// after dropping the slowest 10% of batches (interrupts, preemption).
fn measure(batches: usize, batch: usize, mut run: impl FnMut(bool)) -> f64 {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..batches {
        let class = rng.bit();
        let start = Instant::now();
        for _ in 0..batch {
            run(class);
        }
        let ns = start.elapsed().as_nanos() as f64 / batch as f64;
        if class {
            b.push(ns)
        } else {
            a.push(ns)
        }
    }
    for v in [&mut a, &mut b] {
        v.sort_by(|x, y| x.partial_cmp(y).unwrap());
        v.truncate(v.len() * 9 / 10);
    }
    welch_t(&a, &b)
}

fn main() {
    let key = HmacKey::from_base64("Y29uc3RhbnQtdGltZS1jaGVjay1rZXk=").unwrap();
    let body = br#"{"activity":"CONTRACT_SIGNED","contract_id":1}"#;
    let right = sign(&key, body);
    let flip = |i: usize| {
        let mut s = right.clone().into_bytes();
        s[i] = if s[i] == b'0' { b'1' } else { b'0' };
        String::from_utf8(s).unwrap()
    };
    let (first, last) = (flip(0), flip(127));
    let verifier = Verifier::new(vec![key]).unwrap();
    let t_verify = measure(20_000, 32, |class| {
        let sig = if class { &last } else { &first };
        let _ = black_box(verifier.verify(black_box(body), black_box(sig)));
    });

    let x = [0x5au8; 64];
    let (mut y0, mut y63) = (x, x);
    y0[0] ^= 1;
    y63[63] ^= 1;
    let t_naive = measure(20_000, 256, |class| {
        let y = if class { &y63 } else { &y0 };
        black_box(black_box(&x[..]) == black_box(&y[..]));
    });

    println!("timing independence (Welch's t, |t| > 4.5 suggests a leak):");
    println!("  Verifier::verify, mismatch in first vs last byte: t = {t_verify:+.2}");
    println!("  positive control, naive == on 64 bytes:           t = {t_naive:+.2}");
}
