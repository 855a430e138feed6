//! `Verifier`: the keyring, `verify`, `is_valid` and `open` for Python.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};
use spotdraft_kit::{KeyEncoding, KeyPolicy, SignatureHeader};

use crate::body;
use crate::delivery::Delivery;
use crate::errors::{invalid_argument, type_name, IntoPyResult};
use crate::headers;
use crate::keys;
use crate::repr::optional;

/// A keyring of 1..=64 HMAC keys with precomputed HMAC state.
///
/// `repr()` shows key labels and limits, never key material.
#[pyclass(module = "spotdraft_kit", frozen)]
pub struct Verifier {
    inner: spotdraft_kit::Verifier,
    key_ids: Vec<Option<String>>,
}

impl Verifier {
    /// The core verifier, for the escalation bundles' signature check.
    pub(crate) fn core(&self) -> &spotdraft_kit::Verifier {
        &self.inner
    }
}

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(
        signature = (keys, *, max_body_bytes = None, encoding = None, allow_short_keys = false),
        text_signature = "(keys, *, max_body_bytes=None, encoding='base64', allow_short_keys=False)"
    )]
    fn new(
        keys: &Bound<'_, PyAny>,
        max_body_bytes: Option<&Bound<'_, PyAny>>,
        encoding: Option<&Bound<'_, PyAny>>,
        allow_short_keys: bool,
    ) -> PyResult<Self> {
        let py = keys.py();
        let encoding = match encoding {
            Some(name) => keys::encoding(name)?,
            None => KeyEncoding::default(),
        };
        let policy = KeyPolicy::from_allow_short(allow_short_keys);
        let keys = keys::all_with_policy(keys, encoding, policy)?;
        let key_ids = keys.iter().map(|k| k.id().map(str::to_owned)).collect();
        let mut inner = spotdraft_kit::Verifier::new(keys).into_py_result(py)?;
        if let Some(limit) = max_body_bytes.filter(|v| !v.is_none()) {
            inner = inner.with_max_body_bytes(byte_limit(limit)?);
        }
        Ok(Verifier { inner, key_ids })
    }

    /// A verifier from `SPOTDRAFT_HMAC_KEYS` in a mapping (for example
    /// `os.environ`): comma-separated base64 keys, each optionally
    /// labelled `label:key` (rotation: list the new key and the old one).
    #[staticmethod]
    #[pyo3(signature = (mapping, *, max_body_bytes = None, allow_short_keys = false))]
    fn from_env(
        mapping: &Bound<'_, PyAny>,
        max_body_bytes: Option<&Bound<'_, PyAny>>,
        allow_short_keys: bool,
    ) -> PyResult<Self> {
        let py = mapping.py();
        // Only the one variable is read out of the environment.
        let list = match mapping.get_item("SPOTDRAFT_HMAC_KEYS") {
            Ok(value) => value
                .extract::<String>()
                .map_err(|_| invalid_argument(py, "SPOTDRAFT_HMAC_KEYS must be a str"))?,
            Err(_) => String::new(),
        };
        let policy = KeyPolicy::from_allow_short(allow_short_keys);
        let keys = spotdraft_kit::api::hmac_keys_from_list_with_policy(&list, policy)
            .into_py_result(py)?;
        let key_ids = keys.iter().map(|k| k.id().map(str::to_owned)).collect();
        let mut inner = spotdraft_kit::Verifier::new(keys).into_py_result(py)?;
        if let Some(limit) = max_body_bytes.filter(|v| !v.is_none()) {
            inner = inner.with_max_body_bytes(byte_limit(limit)?);
        }
        Ok(Verifier { inner, key_ids })
    }

    /// Checks `signature` (the header value) over the exact body bytes and
    /// returns the index of the first matching key.
    fn verify(&self, body: &Bound<'_, PyAny>, signature: &Bound<'_, PyAny>) -> PyResult<usize> {
        let py = body.py();
        let bytes = body::extract(body, "body")?;
        let signature = signature_text(signature)?;
        body::run(py, bytes.len(), || self.inner.verify(&bytes, &signature)).into_py_result(py)
    }

    /// `verify` as a bool: False for any bad signature; still raises
    /// TypeError for arguments of the wrong type.
    fn is_valid(&self, body: &Bound<'_, PyAny>, signature: &Bound<'_, PyAny>) -> PyResult<bool> {
        let py = body.py();
        let bytes = body::extract(body, "body")?;
        let signature = signature_text(signature)?;
        Ok(body::run(py, bytes.len(), || {
            self.inner.is_valid(&bytes, &signature)
        }))
    }

    /// Verifies and parses one delivery: size limit, signature header
    /// lookup, HMAC check over the exact body, JSON parse, fingerprints.
    fn open(&self, headers: &Bound<'_, PyAny>, body: &Bound<'_, PyAny>) -> PyResult<Delivery> {
        let py = body.py();
        let pairs = headers::signature_pairs(headers)?;
        let bytes = body::extract(body, "body")?;
        let delivery =
            body::run(py, bytes.len(), || self.inner.open(&pairs, &bytes)).into_py_result(py)?;
        Ok(Delivery::new(delivery, body::immutable(body)))
    }

    /// `open` for a caller that already holds the signature header value;
    /// `legacy=True` when it came from `X-SD-CONTENT-HASH`.
    #[pyo3(signature = (signature, body, *, legacy = false))]
    fn open_with_signature(
        &self,
        signature: &Bound<'_, PyAny>,
        body: &Bound<'_, PyAny>,
        legacy: bool,
    ) -> PyResult<Delivery> {
        let py = body.py();
        let signature = signature_text(signature)?;
        let bytes = body::extract(body, "body")?;
        let header = if legacy {
            SignatureHeader::Legacy
        } else {
            SignatureHeader::Current
        };
        let delivery = body::run(py, bytes.len(), || {
            self.inner.check_body_length(bytes.len()).and_then(|()| {
                self.inner
                    .open_with_signature(header, signature.as_bytes(), &bytes)
            })
        })
        .into_py_result(py)?;
        Ok(Delivery::new(delivery, body::immutable(body)))
    }

    /// Raises `PayloadError` (`body_too_large`) if a body of this many bytes
    /// would be refused, before it is read: pass `Content-Length`.
    fn check_body_length(&self, py: Python<'_>, body_length: usize) -> PyResult<()> {
        self.inner.check_body_length(body_length).into_py_result(py)
    }

    /// The body size limit in bytes.
    #[getter]
    fn max_body_bytes(&self) -> usize {
        self.inner.max_body_bytes()
    }

    /// The key labels, in order (None for unlabelled keys).
    #[getter]
    fn key_ids(&self) -> Vec<Option<String>> {
        self.key_ids.clone()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        let ids: Vec<String> = self
            .key_ids
            .iter()
            .map(|id| optional(id.as_deref()))
            .collect();
        format!(
            "Verifier(keys=<{} redacted>, key_ids=[{}], max_body_bytes={})",
            self.inner.len(),
            ids.join(", "),
            self.inner.max_body_bytes()
        )
    }
}

/// A signature argument as text. Bytes that are not UTF-8 cannot be a
/// signature: replacement characters make the core report it as malformed.
pub fn signature_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.cast::<pyo3::types::PyString>() {
        return Ok(text
            .to_cow()
            .map(|t| t.into_owned())
            .unwrap_or_else(|_| "\u{fffd}".to_owned()));
    }
    if let Ok(bytes) = value.cast::<pyo3::types::PyBytes>() {
        return Ok(String::from_utf8_lossy(bytes.as_bytes()).into_owned());
    }
    Err(invalid_argument(
        value.py(),
        format!("signature must be a str or bytes, not {}", type_name(value)),
    ))
}

fn byte_limit(value: &Bound<'_, PyAny>) -> PyResult<usize> {
    let py = value.py();
    if value.cast::<PyBool>().is_ok() || value.cast::<PyInt>().is_err() {
        return Err(invalid_argument(
            py,
            format!(
                "max_body_bytes must be an int or None, not {}",
                type_name(value)
            ),
        ));
    }
    value
        .extract::<usize>()
        .map_err(|_| invalid_argument(py, "max_body_bytes must be a non-negative int"))
}
