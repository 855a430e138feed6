//! `openAsync`: the open pipeline on the libuv thread pool.
//!
//! Worth the thread hop only for large bodies (the front layer keeps small ones
//! synchronous); the result, and every error, is exactly `open`'s.

use std::sync::Arc;

use napi::{Env, Task};

use crate::errors;

/// The work of one `openAsync` call: owned inputs, so it can leave the
/// JavaScript thread.
pub struct OpenTask {
    verifier: Arc<spotdraft_kit::Verifier>,
    headers: Vec<String>,
    body: Vec<u8>,
}

impl OpenTask {
    /// A task over owned headers (`[name, value, ...]`) and body.
    pub fn new(
        verifier: Arc<spotdraft_kit::Verifier>,
        headers: Vec<String>,
        body: Vec<u8>,
    ) -> Self {
        OpenTask {
            verifier,
            headers,
            body,
        }
    }
}

impl Task for OpenTask {
    // The core's own result crosses back; it becomes a JS error on the
    // JavaScript thread, where the error class lives.
    type Output = Result<spotdraft_kit::Delivery, spotdraft_kit::Error>;
    type JsValue = Vec<crate::fields::Field>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let pairs = crate::packed::header_pairs(&self.headers);
        Ok(self.verifier.open(&pairs, &self.body))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output
            .map(|d| crate::fields::to_js(&crate::shape::delivery_fields(&d)))
            .map_err(|e| errors::to_js(&env, &e))
    }
}
