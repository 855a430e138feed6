//! One error type with a stable, machine-readable [`ErrorCode`].
//!
//! Every binding maps [`Error`] in exactly one place to its own
//! `SpotDraftKitError`, keeping `code` and `http_status`. Messages help the
//! reader act and never contain a key, a client secret, a body or a
//! signature value.

use std::fmt;

pub use crate::api::ApiErrorDetails;
use crate::log_record::LogRecord;

/// The stable code of an [`Error`]: the same strings in Rust, JavaScript and
/// Python, safe to match on and to store.
///
/// ```
/// use spotdraft_kit::ErrorCode;
/// assert_eq!(ErrorCode::SignatureMismatch.as_str(), "signature_mismatch");
/// assert_eq!(ErrorCode::SignatureMismatch.http_status(), 401);
/// assert_eq!(ErrorCode::from_str_code("body_too_large"), Some(ErrorCode::BodyTooLarge));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Neither `X-SD-WEBHOOK-CONTENT-HASH` nor `X-SD-CONTENT-HASH` is present.
    MissingSignature,
    /// The header is not exactly 128 hex digits after trimming, is longer
    /// than 1 KiB, or is present twice with different values.
    MalformedSignature,
    /// No key produced the signature.
    SignatureMismatch,
    /// A key is empty or not valid in its declared encoding.
    InvalidKey,
    /// A verifier was given zero keys (or more than 64).
    NoKeys,
    /// The body is larger than the verifier's `max_body_bytes`.
    BodyTooLarge,
    /// A verified body is not JSON (or is nested too deeply to parse safely).
    InvalidJson,
    /// JSON, but not an object with a string `activity`.
    InvalidPayload,
    /// A binding was passed a value of the wrong type.
    InvalidArgument,
    /// API configuration rejected.
    InvalidConfig,
    /// An API path parameter rejected.
    InvalidId,
    /// An API response with a non-2xx status.
    ApiError,
    /// A receiver could not read the body's length (a chunked body its
    /// server does not decode): answered 411 so the sender sends a
    /// `Content-Length`.
    LengthRequired,
    /// A receiver's seen-store (the exactly-once record) failed, for example
    /// its database is down: answered 503 so the sender retries later.
    StoreUnavailable,
}

impl ErrorCode {
    /// Every code, in a fixed order (for tests and bindings).
    pub const ALL: [ErrorCode; 14] = [
        ErrorCode::MissingSignature,
        ErrorCode::MalformedSignature,
        ErrorCode::SignatureMismatch,
        ErrorCode::InvalidKey,
        ErrorCode::NoKeys,
        ErrorCode::BodyTooLarge,
        ErrorCode::InvalidJson,
        ErrorCode::InvalidPayload,
        ErrorCode::InvalidArgument,
        ErrorCode::InvalidConfig,
        ErrorCode::InvalidId,
        ErrorCode::ApiError,
        ErrorCode::LengthRequired,
        ErrorCode::StoreUnavailable,
    ];

    /// The stable snake_case string of this code.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::ErrorCode::NoKeys.as_str(), "no_keys");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MissingSignature => "missing_signature",
            ErrorCode::MalformedSignature => "malformed_signature",
            ErrorCode::SignatureMismatch => "signature_mismatch",
            ErrorCode::InvalidKey => "invalid_key",
            ErrorCode::NoKeys => "no_keys",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidPayload => "invalid_payload",
            ErrorCode::InvalidArgument => "invalid_argument",
            ErrorCode::InvalidConfig => "invalid_config",
            ErrorCode::InvalidId => "invalid_id",
            ErrorCode::ApiError => "api_error",
            ErrorCode::LengthRequired => "length_required",
            ErrorCode::StoreUnavailable => "store_unavailable",
        }
    }

    /// Parses a code from its string form.
    ///
    /// ```
    /// use spotdraft_kit::ErrorCode;
    /// assert_eq!(ErrorCode::from_str_code("nope"), None);
    /// ```
    pub fn from_str_code(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The HTTP status a webhook receiver should answer with for this code.
    ///
    /// Signature problems are the sender's: 401. Payload problems: 400.
    /// Oversize bodies: 413. An unreadable body length: 411. Key and
    /// configuration problems are the receiver's own misconfiguration: 500,
    /// and a failed seen-store 503, so the sender retries once it is fixed
    /// instead of counting the delivery as refused.
    ///
    /// ```
    /// use spotdraft_kit::ErrorCode;
    /// assert_eq!(ErrorCode::InvalidPayload.http_status(), 400);
    /// assert_eq!(ErrorCode::BodyTooLarge.http_status(), 413);
    /// assert_eq!(ErrorCode::LengthRequired.http_status(), 411);
    /// assert_eq!(ErrorCode::StoreUnavailable.http_status(), 503);
    /// ```
    pub const fn http_status(self) -> u16 {
        match self {
            ErrorCode::MissingSignature
            | ErrorCode::MalformedSignature
            | ErrorCode::SignatureMismatch => 401,
            ErrorCode::InvalidJson | ErrorCode::InvalidPayload | ErrorCode::InvalidId => 400,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::InvalidKey
            | ErrorCode::NoKeys
            | ErrorCode::InvalidArgument
            | ErrorCode::InvalidConfig => 500,
            ErrorCode::ApiError => 502,
            ErrorCode::LengthRequired => 411,
            ErrorCode::StoreUnavailable => 503,
        }
    }
}

impl ErrorCode {
    /// The message of an error a receiver raises itself (see
    /// [`Error::from_code`]): adapters take code, status and message from
    /// here instead of writing their own. Codes core raises with a specific
    /// message return their own name.
    ///
    /// ```
    /// use spotdraft_kit::ErrorCode;
    /// assert!(ErrorCode::StoreUnavailable.summary().contains("retr"));
    /// ```
    pub const fn summary(self) -> &'static str {
        match self {
            ErrorCode::LengthRequired => {
                "the body's length is unknown (this server does not decode chunked bodies): \
                 send Content-Length"
            }
            ErrorCode::StoreUnavailable => "the seen-store failed; SpotDraft retries later",
            // The other codes are raised with their own, specific messages.
            other => other.as_str(),
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The one error type of spotdraft-kit.
///
/// ```
/// use spotdraft_kit::{Error, ErrorCode};
/// let e = Error::new(ErrorCode::MissingSignature, "no signature header");
/// assert_eq!(e.code(), ErrorCode::MissingSignature);
/// assert_eq!(e.http_status(), 401);
/// assert_eq!(e.to_string(), "missing_signature: no signature header");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    code: ErrorCode,
    message: String,
    log_record: Option<Box<LogRecord>>,
    api: Option<Box<ApiErrorDetails>>,
}

impl Error {
    /// Creates an error. The message must not contain secrets or bodies.
    ///
    /// ```
    /// let e = spotdraft_kit::Error::new(spotdraft_kit::ErrorCode::InvalidId, "bad id");
    /// assert_eq!(e.message(), "bad id");
    /// ```
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            log_record: None,
            api: None,
        }
    }

    /// An error with the code's own [`ErrorCode::summary`] as its message:
    /// what an adapter answers for a failure it detects itself.
    ///
    /// ```
    /// use spotdraft_kit::{Error, ErrorCode};
    /// let e = Error::from_code(ErrorCode::LengthRequired);
    /// assert_eq!(e.http_status(), 411);
    /// assert_eq!(e.message(), ErrorCode::LengthRequired.summary());
    /// ```
    pub fn from_code(code: ErrorCode) -> Self {
        Error::new(code, code.summary())
    }

    /// Creates an [`ErrorCode::ApiError`] with its details.
    ///
    /// ```
    /// use spotdraft_kit::{ApiErrorDetails, Error};
    /// let e = Error::api(ApiErrorDetails { status: 404, ..Default::default() }, "not found");
    /// assert_eq!(e.api_details().unwrap().status, 404);
    /// ```
    pub fn api(details: ApiErrorDetails, message: impl Into<String>) -> Self {
        Error {
            api: Some(Box::new(details)),
            ..Error::new(ErrorCode::ApiError, message)
        }
    }

    pub(crate) fn with_log_record(mut self, record: LogRecord) -> Self {
        self.log_record = Some(Box::new(record));
        self
    }

    /// The stable code.
    ///
    /// ```
    /// # use spotdraft_kit::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::NoKeys, "x").code().as_str(), "no_keys");
    /// ```
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The status a webhook receiver should answer with.
    ///
    /// ```
    /// # use spotdraft_kit::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::InvalidJson, "x").http_status(), 400);
    /// ```
    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }

    /// The human-readable message, without the code prefix.
    ///
    /// ```
    /// # use spotdraft_kit::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::NoKeys, "give a key").message(), "give a key");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For a rejected delivery: what to log about it (reason, body hash,
    /// length), with no secret or personal data.
    ///
    /// ```
    /// # use spotdraft_kit::{Error, ErrorCode};
    /// assert!(Error::new(ErrorCode::NoKeys, "x").log_record().is_none());
    /// ```
    pub fn log_record(&self) -> Option<&LogRecord> {
        self.log_record.as_deref()
    }

    /// For [`ErrorCode::ApiError`]: the response details.
    ///
    /// ```
    /// # use spotdraft_kit::{Error, ErrorCode};
    /// assert!(Error::new(ErrorCode::NoKeys, "x").api_details().is_none());
    /// ```
    pub fn api_details(&self) -> Option<&ApiErrorDetails> {
        self.api.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()));
            assert_eq!(ErrorCode::from_str_code(code.as_str()), Some(code));
        }
    }
}
