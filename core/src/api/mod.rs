//! The sans-I/O SpotDraft API layer: configuration, request builders,
//! response interpretation, retry and rate-limit planning, redaction.
//!
//! Core builds requests and interprets responses; it never sends anything.
//! An executor (fetch in JS, urllib/httpx in Python, a Rust client in the
//! CLI) sends each [`HttpRequest`], asks [`RateLimiter::acquire`] how long
//! to wait first, and [`RetryPolicy::next_delay_ms`] whether and when to
//! retry:
//!
//! ```
//! use spotdraft_kit::api::{Api, ApiConfig, RateLimiter, Region, RetryPolicy};
//!
//! let api = Api::new(ApiConfig::new(Region::Us, "client-id", "client-secret")?);
//! let request = api.webhooks_hmac_key()?;
//! let mut limiter = RateLimiter::default();
//! let policy = RetryPolicy::default();
//! let mut attempt = 0;
//! let hmac_key = loop {
//!     let wait_ms = limiter.acquire(/* now_ms */ 0);
//!     # let _ = wait_ms;
//!     attempt += 1;
//!     // ... sleep wait_ms, send `request`, read status, headers and body ...
//!     # let (status, body) = if attempt == 1 { (503, &b""[..]) } else { (200, &br#"{"hmac_key":"c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ=="}"#[..]) };
//!     match request.parse_response(status, &[] as &[(&str, &str)], body) {
//!         Ok(json) => break json["hmac_key"].as_str().unwrap_or_default().to_owned(),
//!         Err(err) => {
//!             let details = err.api_details().cloned().unwrap_or_default();
//!             match policy.next_delay_ms(attempt, &details, /* random */ 0.5, /* now_ms */ 0) {
//!                 Some(_delay_ms) => continue, // sleep, then retry
//!                 None => return Err(err),
//!             }
//!         }
//!     }
//! };
//! assert_eq!(hmac_key, "c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==");
//! # Ok::<(), spotdraft_kit::Error>(())
//! ```

mod call;
mod catalog;
mod config;
mod drift;
mod endpoints;
mod error_details;
mod executor;
mod limiter;
mod operation;
mod paginate;
mod path;
mod request;
mod response;
mod retry;
mod rules;
mod schema;
mod table;

pub use config::{
    hmac_keys_from_env_map, hmac_keys_from_list, hmac_keys_from_list_with_policy, ApiConfig, Region,
};
pub use drift::{compare_environments, DriftFinding, EnvironmentProfile, Severity};
pub use endpoints::{Api, MAX_PAGE_LIMIT};
pub use error_details::{ApiErrorDetails, RetryAfter};
pub use executor::{Action, Execution, DEFAULT_TIMEOUT_MS};
pub use limiter::RateLimiter;
pub use operation::{
    AuthMode, Filter, FilterOp, Operation, Param, ParamIn, ResponseKind, ValueType,
};
pub use paginate::DEFAULT_PAGE_LIMIT;
pub use path::{contract_ref, integer_id, percent_encode, query_string, text_id};
pub use request::{HttpRequest, Method};
pub use response::{is_retryable_status, parse_response, transport_error};
pub use retry::RetryPolicy;
