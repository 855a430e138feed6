//! The rate limiter and the retry policy with arbitrary settings and clocks:
//! bindings pass these numbers straight from callers, so no value may panic,
//! overflow or allocate in proportion to a setting; waits are bounded and
//! delays stay within [0, cap].
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use spotdraft_kit::api::{RateLimiter, RetryAfter, RetryPolicy};
use spotdraft_kit::ApiErrorDetails;

#[derive(Arbitrary, Debug)]
struct Input {
    max_requests: u32,
    window_ms: u64,
    clock: Vec<u64>,
    max_attempts: u32,
    base_ms: u64,
    cap_ms: u64,
    attempt: u32,
    retryable: bool,
    retry_after: Option<(bool, u64)>,
    random: f64,
    now_ms: u64,
}

fuzz_target!(|input: Input| {
    let mut limiter = RateLimiter::new(input.max_requests, input.window_ms);
    let mut latest_now = 0u64;
    for now in input.clock.iter().take(64) {
        let wait = limiter.acquire(*now);
        // A clock stepping back waits for itself to catch up; beyond that,
        // a grant is never more than one window per earlier call away.
        latest_now = latest_now.max(*now);
        let at = now.saturating_add(wait);
        assert!(
            at <= latest_now.saturating_add(input.window_ms.saturating_mul(64)),
            "grant at {at}, latest clock {latest_now}"
        );
    }
    let policy = RetryPolicy {
        max_attempts: input.max_attempts,
        base_ms: input.base_ms,
        cap_ms: input.cap_ms,
    };
    let details = ApiErrorDetails {
        status: 503,
        retryable: input.retryable,
        retry_after: input.retry_after.map(|(at, v)| {
            if at {
                RetryAfter::AtUnixMs(v)
            } else {
                RetryAfter::DelayMs(v)
            }
        }),
        ..Default::default()
    };
    if let Some(delay) = policy.next_delay_ms(input.attempt, &details, input.random, input.now_ms) {
        assert!(delay <= input.cap_ms, "delay {delay} over cap {}", input.cap_ms);
        assert!(input.retryable && input.attempt < input.max_attempts);
    }
});
