//! What SpotDraft answered when a call failed: [`ApiErrorDetails`] and a
//! parsed [`RetryAfter`]. It imports only the `timestamp` leaf, so `error`
//! can hold these details without importing the rest of `api`.

/// Details of an [`ErrorCode::ApiError`](crate::ErrorCode::ApiError): what SpotDraft answered.
///
/// ```
/// let e = spotdraft_kit::ApiErrorDetails { status: 429, retryable: true, ..Default::default() };
/// assert!(e.retryable);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiErrorDetails {
    /// HTTP status of the response (0 for a transport failure).
    pub status: u16,
    /// `detail` from the JSON error body, if any.
    pub detail: Option<String>,
    /// `code` from the JSON error body, if any.
    pub code: Option<String>,
    /// `message` from the JSON error body, if any.
    pub message: Option<String>,
    /// Field-level validation errors: `(field, message)` pairs.
    pub field_errors: Vec<(String, String)>,
    /// Whether a retry may succeed (429, 500, 502, 503, 504, timeouts).
    pub retryable: bool,
    /// `Retry-After`, when the response carried one.
    pub retry_after: Option<RetryAfter>,
}

/// A parsed `Retry-After` header.
///
/// ```
/// use spotdraft_kit::api::RetryAfter;
/// assert_eq!(RetryAfter::parse("120"), Some(RetryAfter::DelayMs(120_000)));
/// assert_eq!(RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT"), Some(RetryAfter::AtUnixMs(784_111_777_000)));
/// assert_eq!(RetryAfter::parse("soon"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    /// Wait this long.
    DelayMs(u64),
    /// Wait until this time (Unix epoch milliseconds).
    AtUnixMs(u64),
}

impl RetryAfter {
    /// Parses delay-seconds or an IMF-fixdate HTTP date.
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let value = value.trim();
        if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
            let secs: u64 = value.parse().ok()?;
            return Some(RetryAfter::DelayMs(secs.saturating_mul(1000)));
        }
        parse_http_date(value).map(RetryAfter::AtUnixMs)
    }

    /// The wait from `now_ms` (Unix epoch milliseconds).
    ///
    /// ```
    /// use spotdraft_kit::api::RetryAfter;
    /// assert_eq!(RetryAfter::AtUnixMs(5_000).wait_ms(2_000), 3_000);
    /// assert_eq!(RetryAfter::AtUnixMs(1_000).wait_ms(2_000), 0);
    /// ```
    pub fn wait_ms(self, now_ms: u64) -> u64 {
        match self {
            RetryAfter::DelayMs(ms) => ms,
            RetryAfter::AtUnixMs(at) => at.saturating_sub(now_ms),
        }
    }
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` -> Unix ms.
fn parse_http_date(value: &str) -> Option<u64> {
    let rest = value.split_once(", ")?.1;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: u64 = day.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as u64
        + 1;
    let year: i64 = year.parse().ok()?;
    let hms: Vec<u64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    if !(1..=31).contains(&day) || *h > 23 || *m > 59 || *s > 60 || year < 1970 {
        return None;
    }
    let days = crate::timestamp::days_from_civil(year, month as i64, day as i64);
    let secs = u64::try_from(days).ok()? * 86_400 + h * 3600 + m * 60 + s;
    Some(secs * 1000)
}
