//! [`parse_response`]: JSON on success, a typed `api_error` otherwise.

use serde_json::Value;

use super::error_details::{ApiErrorDetails, RetryAfter};
use super::request::HttpRequest;
use crate::error::{Error, ErrorCode, Result};
use crate::headers::HeaderSource;

/// Whether a status is worth retrying: 408, 429, 500, 502, 503, 504.
///
/// ```
/// assert!(spotdraft_kit::api::is_retryable_status(503));
/// assert!(!spotdraft_kit::api::is_retryable_status(409));
/// ```
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

fn header<H: HeaderSource + ?Sized>(headers: &H, name: &str) -> Option<String> {
    let mut out = None;
    headers.for_each_value(name, &mut |v| {
        if out.is_none() {
            out = Some(String::from_utf8_lossy(v).into_owned());
        }
    });
    out
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn clip(mut s: String) -> String {
    if s.len() > 300 {
        let mut end = 300;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push('…');
    }
    s
}

/// Interprets a response: the JSON body for 2xx (`null` for 204 or an empty
/// body); otherwise an [`ErrorCode::ApiError`] with status, `detail`,
/// `code`, `message`, field errors, `retryable` and `Retry-After`.
///
/// ```
/// use spotdraft_kit::api::parse_response;
/// let ok = parse_response(200, &[("content-type", "application/json")], br#"{"hmac_key":"abc"}"#)?;
/// assert_eq!(ok["hmac_key"], "abc");
/// assert!(parse_response(204, &[] as &[(&str, &str)], b"")?.is_null());
/// let err = parse_response(429, &[("Retry-After", "2")], br#"{"detail":"slow down"}"#).unwrap_err();
/// let details = err.api_details().unwrap();
/// assert!(details.retryable);
/// assert_eq!(details.detail.as_deref(), Some("slow down"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn parse_response<H: HeaderSource + ?Sized>(
    status: u16,
    headers: &H,
    body: &[u8],
) -> Result<Value> {
    if (200..300).contains(&status) {
        if status == 204 || body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        return serde_json::from_slice(body).map_err(|_| {
            Error::new(
                ErrorCode::InvalidJson,
                format!("SpotDraft answered {status} with a body that is not JSON"),
            )
        });
    }
    let mut details = ApiErrorDetails {
        status,
        retryable: is_retryable_status(status),
        retry_after: header(headers, "retry-after")
            .as_deref()
            .and_then(RetryAfter::parse),
        ..Default::default()
    };
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    if let Some(Value::Object(map)) = &parsed {
        details.detail = map.get("detail").and_then(text).map(clip);
        details.code = map.get("code").and_then(text).map(clip);
        details.message = map.get("message").and_then(text).map(clip);
        let fields = map.get("errors").and_then(Value::as_object).unwrap_or(map);
        for (field, value) in fields {
            if matches!(
                field.as_str(),
                "detail" | "code" | "message" | "status_code" | "errors"
            ) {
                continue;
            }
            let messages: Vec<String> = match value {
                Value::Array(items) => items.iter().filter_map(text).collect(),
                Value::String(s) => vec![s.clone()],
                _ => continue,
            };
            if !messages.is_empty() {
                details
                    .field_errors
                    .push((field.clone(), clip(messages.join("; "))));
            }
        }
    }
    let summary = details
        .detail
        .clone()
        .or_else(|| details.message.clone())
        .or_else(|| {
            details
                .field_errors
                .first()
                .map(|(f, m)| format!("{f}: {m}"))
        });
    let mut message = format!("SpotDraft answered {status}");
    if (300..400).contains(&status) {
        message.push_str(
            " (a redirect: the URL used http:// instead of https://, or its trailing slash does not \
             match the endpoint's; SpotDraft paths are not uniform)",
        );
    }
    if let Some(s) = summary {
        message.push_str(": ");
        message.push_str(&s);
    }
    Err(Error::api(details, message))
}

/// An [`ErrorCode::ApiError`] for a request that got no response: timeouts
/// and connection failures are retryable.
///
/// ```
/// let e = spotdraft_kit::api::transport_error("timed out after 10 s");
/// assert!(e.api_details().unwrap().retryable);
/// assert_eq!(e.api_details().unwrap().status, 0);
/// ```
pub fn transport_error(what: &str) -> Error {
    let details = ApiErrorDetails {
        status: 0,
        retryable: true,
        ..Default::default()
    };
    Error::api(details, format!("no response from SpotDraft: {what}"))
}

impl HttpRequest {
    /// The error for this request when no response arrived. A connection
    /// that failed before the request was sent is always safe to retry; a
    /// timeout or reset after sending is retried only for idempotent methods
    /// (a repeated POST could create a second webhook or contract).
    ///
    /// ```
    /// use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let create = api.webhooks_create("t", "https://h.example.com", &["CONTRACT_SIGNED"])?;
    /// assert!(!create.transport_error("timed out", true).api_details().unwrap().retryable);
    /// assert!(create.transport_error("connection refused", false).api_details().unwrap().retryable);
    /// assert!(api.webhooks_hmac_key()?.transport_error("timed out", true).api_details().unwrap().retryable);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn transport_error(&self, what: &str, maybe_sent: bool) -> Error {
        let details = ApiErrorDetails {
            status: 0,
            retryable: !maybe_sent || self.method.is_idempotent(),
            ..Default::default()
        };
        Error::api(
            details,
            format!("no response from SpotDraft for {}: {what}", self.operation),
        )
    }

    /// [`parse_response`] for this request; a redirect's message names the
    /// exact cause by comparing `Location` with the request URL.
    ///
    /// ```
    /// use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.webhooks_delete("5")?;
    /// let err = req.parse_response(302, &[("location", "https://api.us.spotdraft.com/api/v2.1/public/webhooks/5/")], b"").unwrap_err();
    /// assert!(err.message().contains("trailing slash"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn parse_response<H: HeaderSource + ?Sized>(
        &self,
        status: u16,
        headers: &H,
        body: &[u8],
    ) -> Result<Value> {
        let result = parse_response(status, headers, body);
        if !(300..400).contains(&status) {
            return result;
        }
        let location = header(headers, "location").unwrap_or_default();
        let (ours, theirs) = (
            self.url.split('?').next().unwrap_or(""),
            location.split('?').next().unwrap_or(""),
        );
        let cause = if theirs.trim_end_matches('/') == ours.trim_end_matches('/') && theirs != ours
        {
            "the endpoint's trailing slash differs from the request's"
        } else if ours.starts_with("http://") && theirs.starts_with("https://") {
            "the request used http:// and was redirected to https://"
        } else {
            "the request was redirected to another URL"
        };
        result.map_err(|e| {
            let details = e.api_details().cloned().unwrap_or_default();
            Error::api(
                details,
                format!(
                    "SpotDraft answered {status} for {}: {cause}",
                    self.operation
                ),
            )
        })
    }
}

impl HttpRequest {
    /// The log record of a completed call: the request's fields plus status,
    /// retry count and the request id header if the response had one.
    ///
    /// ```
    /// use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let record = api.webhooks_hmac_key()?.response_log_record(200, 1, &[("X-Request-Id", "r-1")]);
    /// assert_eq!(record.get("status").unwrap().to_string(), "200");
    /// assert_eq!(record.get("request_id").unwrap().to_string(), "r-1");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn response_log_record<H: HeaderSource + ?Sized>(
        &self,
        status: u16,
        retries: u32,
        headers: &H,
    ) -> crate::LogRecord {
        let mut r = self.log_record();
        r.push_int("status", i64::from(status));
        r.push_int("retries", i64::from(retries));
        if let Some(id) = header(headers, "x-request-id") {
            r.push_str("request_id", clip(id));
        }
        r
    }
}
