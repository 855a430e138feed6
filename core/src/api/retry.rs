//! [`RetryPolicy`]: bounded exponential backoff with full jitter, honouring
//! `Retry-After`. Deterministic: the caller passes the random number and
//! the current time.

use super::error_details::{ApiErrorDetails, RetryAfter};

/// When and whether to retry a failed call.
///
/// Retries only what [`ApiErrorDetails::retryable`] says (429, 500, 502,
/// 503, 504, transport timeouts), at most `max_attempts` attempts in all.
/// The delay before attempt `n + 1` is full jitter,
/// `random * min(cap_ms, base_ms * 2^(n-1))`, raised to the server's
/// `Retry-After` when it sent one, and never more than `cap_ms`.
///
/// ```
/// use spotdraft_kit::api::RetryPolicy;
/// use spotdraft_kit::ApiErrorDetails;
/// let policy = RetryPolicy::default();
/// let busy = ApiErrorDetails { status: 503, retryable: true, ..Default::default() };
/// assert_eq!(policy.next_delay_ms(1, &busy, 0.5, 0), Some(250));
/// assert_eq!(policy.next_delay_ms(5, &busy, 0.5, 0), None); // attempts exhausted
/// let missing = ApiErrorDetails { status: 404, ..Default::default() };
/// assert_eq!(policy.next_delay_ms(1, &missing, 0.5, 0), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, including the first (default 5).
    pub max_attempts: u32,
    /// Backoff base in milliseconds (default 500).
    pub base_ms: u64,
    /// Largest delay in milliseconds, Retry-After included (default 30 s).
    pub cap_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
            base_ms: Self::DEFAULT_BASE_MS,
            cap_ms: Self::DEFAULT_CAP_MS,
        }
    }
}

impl RetryPolicy {
    /// The default attempts in all (the bindings read it from here).
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;
    /// The default backoff base, in milliseconds.
    pub const DEFAULT_BASE_MS: u64 = 500;
    /// The default largest delay, in milliseconds.
    pub const DEFAULT_CAP_MS: u64 = 30_000;

    /// The delay before the next attempt, or `None` to stop. `attempt` is the
    /// number of attempts made so far (1 after the first failure); `random`
    /// is uniform in `[0, 1)` (clamped); `now_ms` is Unix epoch ms, used for
    /// an HTTP-date `Retry-After`.
    pub fn next_delay_ms(
        &self,
        attempt: u32,
        error: &ApiErrorDetails,
        random: f64,
        now_ms: u64,
    ) -> Option<u64> {
        if !error.retryable || attempt == 0 || attempt >= self.max_attempts {
            return None;
        }
        Some(self.backoff_ms(attempt, error.retry_after, random, now_ms))
    }

    /// The delay alone, without the retry decision; always in `[0, cap_ms]`.
    ///
    /// ```
    /// use spotdraft_kit::api::{RetryAfter, RetryPolicy};
    /// let p = RetryPolicy::default();
    /// assert_eq!(p.backoff_ms(30, None, 0.999, 0), 29_970);
    /// assert_eq!(p.backoff_ms(1, Some(RetryAfter::DelayMs(3_000)), 0.0, 0), 3_000);
    /// assert_eq!(p.backoff_ms(1, Some(RetryAfter::DelayMs(999_000)), 0.0, 0), 30_000);
    /// ```
    pub fn backoff_ms(
        &self,
        attempt: u32,
        retry_after: Option<RetryAfter>,
        random: f64,
        now_ms: u64,
    ) -> u64 {
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let exp = self
            .base_ms
            .saturating_mul(
                1u64.checked_shl(attempt.saturating_sub(1))
                    .unwrap_or(u64::MAX),
            )
            .min(self.cap_ms);
        let jittered = (exp as f64 * random) as u64;
        let server = retry_after.map_or(0, |r| r.wait_ms(now_ms));
        jittered.max(server).min(self.cap_ms)
    }
}
