//! Keys from Python into core [`HmacKey`]s.
//!
//! Accepted: one key (`str`: the base64 `hmac_key`, or a UTF-8 secret with
//! `encoding="utf8"`; `bytes`/`bytearray`: raw key bytes); a list or tuple of
//! keys and `(id, key)` pairs; a mapping `{id: key}`. Decoding and validation
//! are the core's; errors never repeat a key.

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};
use spotdraft_kit::{HmacKey, KeyEncoding, KeyPolicy};

use crate::errors::{invalid_argument, type_name, IntoPyResult};

const SHAPES: &str = "keys must be a key (str or bytes), a list of keys or (id, key) pairs, \
                      or a dict {id: key}";

/// Parses the `encoding` argument.
pub fn encoding(value: &Bound<'_, PyAny>) -> PyResult<KeyEncoding> {
    let py = value.py();
    let name = value.cast::<PyString>().map_err(|_| {
        invalid_argument(
            py,
            format!(
                "encoding must be \"base64\" or \"utf8\", not {}",
                type_name(value)
            ),
        )
    })?;
    KeyEncoding::parse(&name.to_cow()?).into_py_result(py)
}

/// Every key in `keys`, under the default [`KeyPolicy::Strict`].
pub fn all(keys: &Bound<'_, PyAny>, encoding: KeyEncoding) -> PyResult<Vec<HmacKey>> {
    all_with_policy(keys, encoding, KeyPolicy::Strict)
}

/// Every key in `keys`, under `policy` (`allow_short_keys=True` is
/// [`KeyPolicy::AllowShort`]).
pub fn all_with_policy(
    keys: &Bound<'_, PyAny>,
    encoding: KeyEncoding,
    policy: KeyPolicy,
) -> PyResult<Vec<HmacKey>> {
    let one = |key: &Bound<'_, PyAny>, id, encoding| one_with_policy(key, id, encoding, policy);
    if is_single_key(keys) {
        return Ok(vec![one(keys, None, encoding)?]);
    }
    let mut out = Vec::new();
    if let Ok(dict) = keys.cast::<PyDict>() {
        for (id, key) in dict.iter() {
            out.push(one(&key, Some(label(&id)?), encoding)?);
        }
        return Ok(out);
    }
    let items = if keys.cast::<PyList>().is_ok() || keys.cast::<PyTuple>().is_ok() {
        keys.try_iter()?
    } else if keys.hasattr("items")? {
        // Any other mapping: its (id, key) items.
        keys.call_method0("items")?.try_iter()?
    } else {
        return Err(invalid_argument(
            keys.py(),
            format!("{SHAPES}, not {}", type_name(keys)),
        ));
    };
    for item in items {
        let item = item?;
        if is_single_key(&item) {
            out.push(one(&item, None, encoding)?);
            continue;
        }
        match item.cast::<PyTuple>() {
            Ok(pair) if pair.len() == 2 => {
                let id = label(&pair.get_item(0)?)?;
                out.push(one(&pair.get_item(1)?, Some(id), encoding)?);
            }
            _ => {
                return Err(invalid_argument(
                    keys.py(),
                    format!(
                        "{SHAPES}; an item is a {}, not a key or an (id, key) pair",
                        type_name(&item)
                    ),
                ))
            }
        }
    }
    Ok(out)
}

fn is_single_key(value: &Bound<'_, PyAny>) -> bool {
    value.cast::<PyString>().is_ok()
        || value.cast::<PyBytes>().is_ok()
        || value.cast::<PyByteArray>().is_ok()
}

fn label(id: &Bound<'_, PyAny>) -> PyResult<String> {
    match id.cast::<PyString>() {
        Ok(text) => Ok(text.to_cow()?.into_owned()),
        Err(_) => Err(invalid_argument(
            id.py(),
            format!("a key id must be a str, not {}", type_name(id)),
        )),
    }
}

/// One key: text in `encoding`, or raw bytes.
pub fn one(key: &Bound<'_, PyAny>, id: Option<String>, encoding: KeyEncoding) -> PyResult<HmacKey> {
    one_with_policy(key, id, encoding, KeyPolicy::Strict)
}

fn one_with_policy(
    key: &Bound<'_, PyAny>,
    id: Option<String>,
    encoding: KeyEncoding,
    policy: KeyPolicy,
) -> PyResult<HmacKey> {
    let py = key.py();
    let key = if let Ok(text) = key.cast::<PyString>() {
        let text = text.to_cow().map_err(|_| {
            invalid_argument(py, "a key str cannot be encoded as UTF-8 (lone surrogate)")
        })?;
        HmacKey::new_with_policy(&text, encoding, policy).into_py_result(py)?
    } else if let Ok(bytes) = key.cast::<PyBytes>() {
        HmacKey::from_bytes(bytes.as_bytes()).into_py_result(py)?
    } else if let Ok(array) = key.cast::<PyByteArray>() {
        HmacKey::from_bytes(&array.to_vec()).into_py_result(py)?
    } else {
        return Err(invalid_argument(
            py,
            format!("a key must be a str or bytes, not {}", type_name(key)),
        ));
    };
    Ok(match id {
        Some(id) => key.with_id(id),
        None => key,
    })
}
