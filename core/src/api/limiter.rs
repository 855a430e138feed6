//! [`RateLimiter`]: keeps one workspace under SpotDraft's 10 requests per
//! second. The caller passes `now` and sleeps for the returned wait.

/// A limiter that grants at most `max_requests` in any window of
/// `window_ms`, bursts included.
///
/// A plain token bucket with rate 10/s and burst 10 can grant 19 requests
/// inside one second (10 at once, then one every 100 ms), which a server
/// counting per second answers with 429. This limiter remembers the last
/// `max_requests` grant times instead (a sliding-window log of fixed size),
/// so a burst of 10 goes at once and the 11th waits until the first is a
/// full window old. Grants are reservations: concurrent callers each get
/// their own slot.
///
/// The default window is SpotDraft's second plus a 50 ms guard
/// ([`RateLimiter::DEFAULT_WINDOW_MS`]): the limiter sees when a request is
/// reserved, SpotDraft sees when it arrives, and the first request of a
/// window is often the slower one (a new connection). Spaced exactly
/// 1000 ms apart on the sender, the 1st and 11th requests were measured
/// arriving 996 ms apart on a loopback stub that counts like SpotDraft,
/// which answered 429.
///
/// ```
/// use spotdraft_kit::api::RateLimiter;
/// let mut limiter = RateLimiter::default(); // 10 per 1050 ms
/// for _ in 0..10 {
///     assert_eq!(limiter.acquire(0), 0);
/// }
/// assert_eq!(limiter.acquire(0), 1050); // the 11th waits a full window
/// assert_eq!(limiter.acquire(500), 550);
/// ```
#[derive(Clone, Debug)]
pub struct RateLimiter {
    window_ms: u64,
    max_requests: usize,
    grants: Vec<u64>,
    next: usize,
    last_now: u64,
}

impl Default for RateLimiter {
    fn default() -> Self {
        RateLimiter::new(Self::DEFAULT_MAX_REQUESTS, Self::DEFAULT_WINDOW_MS)
    }
}

impl RateLimiter {
    /// SpotDraft's limit: 10 requests per workspace ...
    pub const DEFAULT_MAX_REQUESTS: u32 = 10;
    /// ... per second, plus a 50 ms guard for the time between reserving a
    /// slot and the request's arrival.
    pub const DEFAULT_WINDOW_MS: u64 = 1050;

    /// At most `max_requests` (at least 1) in any `window_ms` window.
    ///
    /// ```
    /// let mut l = spotdraft_kit::api::RateLimiter::new(1, 100);
    /// assert_eq!((l.acquire(0), l.acquire(0), l.acquire(0)), (0, 100, 200));
    /// ```
    pub fn new(max_requests: u32, window_ms: u64) -> Self {
        RateLimiter {
            window_ms,
            max_requests: max_requests.max(1) as usize,
            // Grows one slot per grant: `max_requests` comes from callers and
            // may be huge (u32::MAX must not reserve 32 GiB up front).
            grants: Vec::new(),
            next: 0,
            last_now: 0,
        }
    }

    /// Reserves the next slot and returns how long to wait (ms) before
    /// sending. `now_ms` is any monotonic clock in milliseconds.
    pub fn acquire(&mut self, now_ms: u64) -> u64 {
        // A clock that steps back must not reopen slots already granted.
        let now = now_ms.max(self.last_now);
        self.last_now = now;
        let capacity = self.max_requests;
        let at = if self.grants.len() < capacity {
            self.grants.push(now);
            now
        } else {
            let oldest = self.grants[self.next];
            let at = now.max(oldest.saturating_add(self.window_ms));
            self.grants[self.next] = at;
            self.next = (self.next + 1) % capacity;
            at
        };
        at - now_ms.min(at)
    }
}

#[cfg(test)]
mod tests {
    use super::RateLimiter;

    #[test]
    fn a_huge_limit_reserves_nothing_up_front() {
        // Found by the bindings' hostile-input tests: reserving the whole
        // log at construction aborted the host process on allocation.
        let mut limiter = RateLimiter::new(u32::MAX, 1);
        assert_eq!(limiter.grants.capacity(), 0);
        assert_eq!((limiter.acquire(5), limiter.acquire(5)), (0, 0));
    }
}
