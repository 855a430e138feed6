//! WebAssembly bindings of spotdraft-kit, published on npm as
//! `@spotdraft-kit/wasm`.
//!
//! This crate only converts types: every rule (signature checks, header
//! precedence, parsing, fingerprints, diagnosis) lives in the core crate.
//! The raw exports here are wrapped by the package's JavaScript layer
//! (`wasm/js/api.js`), which normalises inputs (bodies, headers, keys) and
//! turns the error descriptors built in [`errors`] into `SpotDraftKitError`
//! instances. Structured results cross the boundary as JSON text: one
//! `JSON.parse` is cheaper than building objects field by field through the
//! boundary, and it keeps the module small.
//!
//! Nothing here may panic: the module is built with `panic = "abort"`, so a
//! panic would trap and could leave the instance unusable.

pub mod api;
pub mod api_calls;
pub mod errors;
pub mod exports;
pub mod json;
pub mod keys;
pub mod verifier;

pub use keys::Keyring;
pub use verifier::RawVerifier;
