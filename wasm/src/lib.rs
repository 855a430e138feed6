//! WebAssembly bindings of spotdraft-kit, published on npm as
//! `@spotdraft-kit/wasm`.
//!
//! This crate only converts types: every rule (signature checks, header
//! precedence, parsing, fingerprints, diagnosis) lives in the core crate.
//! It implements the native interface of the shared JS front layer
//! (`js/front.js`), exactly as the Node addon does: the front normalises
//! inputs and holds the public classes; errors are built by the factory it
//! registers ([`errors`]); a delivery crosses packed, as one string and
//! the slots of the front's `Float64Array` ([`packed`]), other results as
//! flat arrays of scalars ([`shape`]). The verifier is a handle the free
//! functions of [`verifier`] take first, as in the addon.
//!
//! Built without the default features (`api`, `diagnose`), the module
//! holds no SpotDraft API layer, no playbook planners and no diagnosis:
//! the verifier-only module a Worker that only receives loads.
//!
//! Nothing here may panic: the module is built with `panic = "abort"`, so a
//! panic would trap and could leave the instance unusable.

#[cfg(feature = "api")]
pub mod api;
#[cfg(feature = "api")]
pub mod api_calls;
pub mod errors;
pub mod exports;
pub mod keys;
pub mod packed;
#[cfg(feature = "api")]
pub mod playbook;
#[cfg(feature = "api")]
pub mod playbook_calls;
pub mod shape;
pub mod verifier;

pub use keys::Keyring;
pub use verifier::RawVerifier;
