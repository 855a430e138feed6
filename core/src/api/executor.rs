//! The executor state machine, sans-I/O: it says what to do next (wait N
//! ms, send attempt k with a timeout, done, give up with the last error)
//! from the rate limiter, the retry policy (bounded backoff, full jitter,
//! `Retry-After`) and each attempt's outcome. Each runtime's executor is a
//! loop that does what it says with the platform's HTTP and clock.

use serde_json::Value;

use super::limiter::RateLimiter;
use super::request::HttpRequest;
use super::retry::RetryPolicy;
use crate::error::{Error, ErrorCode};
use crate::headers::HeaderSource;

/// The timeout of one attempt, unless the caller sets another.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// What the executor does next.
#[derive(Debug)]
pub enum Action {
    /// Sleep this many milliseconds, then ask [`Execution::next`] again.
    Wait(u64),
    /// Send the request now (attempt `attempt`, 1-based) and give up on
    /// it after `timeout_ms`; then report with [`Execution::on_response`]
    /// or [`Execution::on_transport_error`].
    Send {
        /// The attempt number, 1 for the first.
        attempt: u32,
        /// The attempt's timeout.
        timeout_ms: u64,
    },
    /// The call succeeded: the answer's JSON (`null` for 204).
    Done(Value),
    /// The call failed for good: the last error.
    GiveUp(Error),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// A rate-limiter slot is needed before the next attempt.
    Acquire,
    /// A slot is reserved; send once the wait is over.
    Reserved,
    /// An attempt is out; its outcome is awaited.
    InFlight,
    /// Done or given up.
    Finished,
}

/// One call's progress through limiter, attempts and retries.
///
/// ```
/// use spotdraft_kit::api::{Action, Api, ApiConfig, Execution, RateLimiter, Region, RetryPolicy};
/// let api = Api::new(ApiConfig::new(Region::Us, "client-id", "client-secret")?);
/// let request = api.webhooks_hmac_key()?;
/// let mut limiter = RateLimiter::default();
/// let mut run = Execution::new(RetryPolicy::default());
/// let mut now_ms = 0;
/// let mut answers = vec![(200, &br#"{"hmac_key":"a2V5"}"#[..]), (503, &b""[..])];
/// let json = loop {
///     match run.next(&mut limiter, now_ms) {
///         Action::Wait(ms) => now_ms += ms, // sleep
///         Action::Send { .. } => {
///             let (status, body) = answers.pop().unwrap(); // send, read the answer
///             match run.on_response(&request, status, &[] as &[(&str, &str)], body, 0.5, now_ms) {
///                 Action::Wait(ms) => now_ms += ms,
///                 Action::Done(json) => break json,
///                 Action::GiveUp(err) => return Err(err),
///                 Action::Send { .. } => unreachable!(),
///             }
///         }
///         Action::Done(json) => break json,
///         Action::GiveUp(err) => return Err(err),
///     }
/// };
/// assert_eq!(json["hmac_key"], "a2V5");
/// assert_eq!(run.attempts(), 2);
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Execution {
    policy: RetryPolicy,
    timeout_ms: u64,
    attempt: u32,
    state: State,
}

impl Execution {
    /// A call with `policy` and the [`DEFAULT_TIMEOUT_MS`] per attempt.
    ///
    /// ```
    /// let run = spotdraft_kit::api::Execution::new(Default::default());
    /// assert_eq!(run.attempts(), 0);
    /// ```
    pub fn new(policy: RetryPolicy) -> Self {
        Execution {
            policy,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            attempt: 0,
            state: State::Acquire,
        }
    }

    /// The same with another per-attempt timeout (at least 1 ms).
    ///
    /// ```
    /// use spotdraft_kit::api::{Action, Execution, RateLimiter};
    /// let mut run = Execution::new(Default::default()).with_timeout_ms(500);
    /// assert!(matches!(run.next(&mut RateLimiter::default(), 0), Action::Send { attempt: 1, timeout_ms: 500 }));
    /// ```
    #[must_use]
    pub fn with_timeout_ms(mut self, timeout_ms: u64) -> Self {
        self.timeout_ms = timeout_ms.max(1);
        self
    }

    /// Attempts sent so far.
    pub fn attempts(&self) -> u32 {
        self.attempt
    }

    /// The next step before an attempt: wait for the rate limiter's slot,
    /// or send. `now_ms` is a monotonic clock, the limiter's.
    ///
    /// ```
    /// use spotdraft_kit::api::{Action, Execution, RateLimiter};
    /// let mut limiter = RateLimiter::new(1, 1000);
    /// let mut first = Execution::new(Default::default());
    /// assert!(matches!(first.next(&mut limiter, 0), Action::Send { attempt: 1, .. }));
    /// let mut second = Execution::new(Default::default());
    /// assert!(matches!(second.next(&mut limiter, 0), Action::Wait(1000)));
    /// assert!(matches!(second.next(&mut limiter, 1000), Action::Send { attempt: 1, .. }));
    /// ```
    pub fn next(&mut self, limiter: &mut RateLimiter, now_ms: u64) -> Action {
        match self.state {
            State::Acquire => {
                let wait = limiter.acquire(now_ms);
                if wait > 0 {
                    self.state = State::Reserved;
                    return Action::Wait(wait);
                }
                self.send()
            }
            State::Reserved => self.send(),
            State::InFlight => Action::GiveUp(misuse("report the outcome of the attempt first")),
            State::Finished => Action::GiveUp(misuse("this call is over")),
        }
    }

    /// Reports the answer to the attempt just sent; `random` is uniform in
    /// `[0, 1)` (backoff jitter), `unix_ms` the wall clock (for an
    /// HTTP-date `Retry-After`).
    pub fn on_response<H: HeaderSource + ?Sized>(
        &mut self,
        request: &HttpRequest,
        status: u16,
        headers: &H,
        body: &[u8],
        random: f64,
        unix_ms: u64,
    ) -> Action {
        let outcome = request.parse_response(status, headers, body);
        self.on_outcome(outcome, random, unix_ms)
    }

    /// Reports that the attempt got no answer (`what` happened; whether
    /// the request may have reached SpotDraft decides if a POST is retried).
    ///
    /// ```
    /// use spotdraft_kit::api::{Action, Api, ApiConfig, Execution, RateLimiter, Region};
    /// let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let post = api.contracts_void("T-1", "duplicate")?;
    /// let mut run = Execution::new(Default::default());
    /// run.next(&mut RateLimiter::default(), 0);
    /// // A POST that may have been sent is not repeated.
    /// assert!(matches!(run.on_transport_error(&post, "timed out", true, 0.5, 0), Action::GiveUp(_)));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn on_transport_error(
        &mut self,
        request: &HttpRequest,
        what: &str,
        maybe_sent: bool,
        random: f64,
        unix_ms: u64,
    ) -> Action {
        let error = request.transport_error(what, maybe_sent);
        self.on_outcome(Err(error), random, unix_ms)
    }

    /// Reports an attempt's outcome already interpreted (the answer's JSON
    /// or its error).
    pub fn on_outcome(
        &mut self,
        outcome: crate::Result<Value>,
        random: f64,
        unix_ms: u64,
    ) -> Action {
        if self.state != State::InFlight {
            return Action::GiveUp(misuse("no attempt is out"));
        }
        match outcome {
            Ok(json) => {
                self.state = State::Finished;
                Action::Done(json)
            }
            Err(error) => {
                let details = error.api_details().cloned().unwrap_or_default();
                match self
                    .policy
                    .next_delay_ms(self.attempt, &details, random, unix_ms)
                {
                    Some(delay_ms) => {
                        self.state = State::Acquire;
                        Action::Wait(delay_ms)
                    }
                    None => {
                        self.state = State::Finished;
                        Action::GiveUp(error)
                    }
                }
            }
        }
    }

    fn send(&mut self) -> Action {
        self.state = State::InFlight;
        self.attempt += 1;
        Action::Send {
            attempt: self.attempt,
            timeout_ms: self.timeout_ms,
        }
    }
}

fn misuse(why: &str) -> Error {
    Error::new(
        ErrorCode::InvalidArgument,
        format!("executor misuse: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Api, ApiConfig, Region};

    fn hmac() -> HttpRequest {
        Api::new(ApiConfig::new(Region::Us, "i", "s").unwrap())
            .webhooks_hmac_key()
            .unwrap()
    }

    #[test]
    fn retries_then_gives_up_with_the_last_error() {
        let req = hmac();
        let mut limiter = RateLimiter::default();
        let mut run = Execution::new(RetryPolicy::default());
        let mut sent = 0;
        let mut now = 0;
        let err = loop {
            match run.next(&mut limiter, now) {
                Action::Wait(ms) => now += ms,
                Action::Send { .. } => {
                    sent += 1;
                    match run.on_response(&req, 503, &[("a", "b")], b"", 0.5, 0) {
                        Action::Wait(ms) => now += ms,
                        Action::GiveUp(err) => break err,
                        other => panic!("{other:?}"),
                    }
                }
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(sent, RetryPolicy::DEFAULT_MAX_ATTEMPTS);
        assert_eq!(err.api_details().map(|d| d.status), Some(503));
        assert!(matches!(run.next(&mut limiter, now), Action::GiveUp(_)));
    }

    #[test]
    fn retry_after_sets_the_wait_and_404_stops() {
        let req = hmac();
        let mut limiter = RateLimiter::default();
        let mut run = Execution::new(RetryPolicy::default());
        assert!(matches!(
            run.next(&mut limiter, 0),
            Action::Send { attempt: 1, .. }
        ));
        let wait = run.on_response(&req, 429, &[("Retry-After", "3")], b"", 0.0, 0);
        assert!(matches!(wait, Action::Wait(3000)), "{wait:?}");
        assert!(matches!(
            run.next(&mut limiter, 3000),
            Action::Send { attempt: 2, .. }
        ));
        let stop = run.on_response(&req, 404, &[] as &[(&str, &str)], b"{}", 0.5, 0);
        assert!(matches!(stop, Action::GiveUp(_)));
    }

    #[test]
    fn outcomes_out_of_order_are_refused() {
        let mut run = Execution::new(RetryPolicy::default());
        assert!(matches!(
            run.on_outcome(Ok(Value::Null), 0.5, 0),
            Action::GiveUp(_)
        ));
        let mut limiter = RateLimiter::default();
        run.next(&mut limiter, 0);
        assert!(matches!(run.next(&mut limiter, 0), Action::GiveUp(_)));
    }
}
