//! # spotdraft-kit
//!
//! Verify, parse and dedupe SpotDraft webhook deliveries, and build SpotDraft
//! API requests, in pure Rust with no I/O.
//!
//! SpotDraft signs every webhook delivery with `X-SD-WEBHOOK-CONTENT-HASH`:
//! the lowercase hex HMAC-SHA512 of the raw request body, keyed with the
//! base64-decoded workspace `hmac_key`. A receiver must verify the raw bytes
//! before parsing, persist, dedupe (deliveries repeat and arrive late), answer
//! 2xx fast and do slow work later. This crate does the verifying, parsing
//! and fingerprinting; the receiver keeps the sockets and the store.
//!
//! ```
//! use spotdraft_kit::{sign, HmacKey, Verifier};
//!
//! // Once, at start-up: the `hmac_key` from GET webhooks/hmac_key/.
//! let verifier = Verifier::new(vec![HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYQ==")?.with_id("production")])?;
//!
//! // Per request: the raw body bytes and the request's headers.
//! # let body: &[u8] = br#"{"activity":"CONTRACT_EXECUTED","contract_id":42,"activity_data":{"timestamp":"2026-11-02T10:00:00Z"}}"#;
//! # let headers = vec![("x-sd-webhook-content-hash".to_string(), sign(&HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYQ==")?, body))];
//! match verifier.open(&headers, body) {
//!     Ok(delivery) => {
//!         // Persist under delivery.dedupe_key() (a unique key), answer 202, process later.
//!         assert_eq!(delivery.event().contract_id(), Some(42));
//!         println!("{}", delivery.log_record().to_json());
//!     }
//!     Err(err) => {
//!         // Answer err.http_status() (401, 400 or 413) and log the reject.
//!         println!("{}", err.log_record().map(|r| r.to_json()).unwrap_or_default());
//!     }
//! }
//! # Ok::<(), spotdraft_kit::Error>(())
//! ```
//!
//! ## What it never does
//! No I/O, no clock, no randomness, no global state, no `unsafe`; no panic on
//! any input. Time and random numbers are passed in by the caller. Keys are
//! zeroized on drop and never printed; errors and log records never contain a
//! key, a signature, a body, a name or an email.
//!
//! ## Map
//! - [`signature`]: keys, [`Verifier`], [`sign`], signature header parsing.
//! - [`headers`]: header lookup over any header map ([`HeaderSource`]).
//! - [`event`] and [`activity`]: the typed, lenient event model.
//! - [`fingerprint`]: [`body_sha256`] and the frozen [`dedupe_key`] encoding.
//! - [`delivery`]: [`Verifier::open`] and [`Delivery`].
//! - [`log_record`]: [`LogRecord`], what to log (no secrets, no personal data).
//! - [`diagnose`](mod@diagnose): why a signature did not match.
//! - [`api`]: the sans-I/O SpotDraft API layer (requests, responses,
//!   retries, rate limits, environment drift).
//! - [`sanitize`], [`escalation`], [`reconcile`], [`webhook_registry`],
//!   [`webhook_rotation`]:
//!   SpotDraft's integration playbook planned sans-I/O (escalation bundles,
//!   reconcile sweeps, the webhook registry's rules).
//! - [`error`]: [`Error`] and the stable [`ErrorCode`]s.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod activity;
pub mod api;
pub mod delivery;
pub mod diagnose;
pub mod error;
pub mod event;
mod event_fields;
// The serde_json reader, kept as the event reader's test oracle.
#[cfg(any(test, feature = "reader-oracle"))]
#[doc(hidden)]
pub mod event_oracle;
mod event_parts;
mod event_scan;
pub mod fingerprint;
pub mod headers;
mod hex;
pub mod keyring;
pub mod log_record;
pub mod signature;

pub use activity::{Activity, Category};
pub use api::ApiErrorDetails;
pub use delivery::{AcceptedParts, Delivery};
pub use diagnose::{diagnose, Cause, Diagnosis};
pub use error::{Error, ErrorCode, Result};
pub use event::{parse_event, Counterparty, EmailEvent, Event, Person};
pub use fingerprint::{body_sha256, dedupe_key};
pub use headers::{
    find_signature, HeaderSource, SignatureHeader, LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER,
};
pub use keyring::Keyring;
pub use log_record::{LogRecord, LogValue};
pub use signature::{
    parse_signature, sign, HmacKey, KeyEncoding, KeyPolicy, Verifier, DEFAULT_MAX_BODY_BYTES,
    MAX_KEYS, MAX_SIGNATURE_HEADER_BYTES, MIN_BASE64_KEY_BYTES,
};

/// Re-exported so callers can name payload values without a direct
/// dependency.
pub use serde_json;

// SpotDraft's integration playbook, planned sans-I/O.
pub mod escalation;
pub mod reconcile;
pub mod sanitize;
mod timestamp;
pub mod webhook_registry;
pub mod webhook_rotation;
