//! Headers from Python: any mapping (Starlette `Headers`, Werkzeug
//! `EnvironHeaders`, Django `HttpHeaders`, a `dict` in any case), an object
//! with `items()` (`email.message.Message`) or a list of `(name, value)`
//! pairs, names and values as `str` or `bytes` (ASGI raw headers).
//!
//! Only the values of the two signature headers are collected, as
//! `(name, value)` pairs in the order found; the core decides precedence
//! (current over legacy) and what a repeated header means.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use spotdraft_kit::{LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER};

use crate::errors::{invalid_argument, type_name};

/// Signature header values, each under its canonical name.
pub type Pairs = Vec<(&'static str, Vec<u8>)>;

const NAMES: [&str; 2] = [SIGNATURE_HEADER, LEGACY_SIGNATURE_HEADER];

/// Methods of multi-value header classes that return every value of a name
/// (Starlette and Werkzeug `getlist`, `email.message` `get_all`, multidict
/// `getall`), and whether the method needs an explicit default (multidict's
/// raises `KeyError` without one). These classes look names up
/// case-insensitively.
const MULTI_VALUE_METHODS: [(&str, bool); 3] =
    [("getlist", false), ("get_all", false), ("getall", true)];

const SHAPES: &str = "headers must be a mapping (dict, Starlette/Werkzeug/Django headers), \
                      an object with items(), or a list of (name, value) pairs";

/// Collects the signature header values from `headers`.
pub fn signature_pairs(headers: &Bound<'_, PyAny>) -> PyResult<Pairs> {
    let mut out = Pairs::new();
    if let Ok(dict) = headers.cast::<PyDict>() {
        for (name, value) in dict.iter() {
            push_if_signature(&mut out, &name, &value)?;
        }
        return Ok(out);
    }
    if headers.cast::<PyList>().is_ok() || headers.cast::<PyTuple>().is_ok() {
        scan_pairs(&mut out, headers)?;
        return Ok(out);
    }
    for (method, needs_default) in MULTI_VALUE_METHODS {
        if headers.hasattr(method)? {
            for name in NAMES {
                let values = if needs_default {
                    headers.call_method1(method, (name, PyTuple::empty(headers.py())))?
                } else {
                    headers.call_method1(method, (name,))?
                };
                if values.is_none() {
                    continue;
                }
                push_values(&mut out, name, &values)?;
            }
            if !out.is_empty() {
                return Ok(out);
            }
            // A case-sensitive multi-dict: fall through to a full scan.
            break;
        }
    }
    if headers.hasattr("items")? {
        scan_pairs(&mut out, &headers.call_method0("items")?)?;
        return Ok(out);
    }
    Err(invalid_argument(
        headers.py(),
        format!("{SHAPES}, not {}", type_name(headers)),
    ))
}

fn scan_pairs(out: &mut Pairs, pairs: &Bound<'_, PyAny>) -> PyResult<()> {
    for item in pairs.try_iter()? {
        let item = item?;
        let pair = item
            .cast::<PyTuple>()
            .ok()
            .filter(|t| t.len() == 2)
            .map(|t| (t.get_item(0), t.get_item(1)));
        let pair = match pair {
            Some(pair) => pair,
            None => match item.cast::<PyList>() {
                Ok(list) if list.len() == 2 => (list.get_item(0), list.get_item(1)),
                _ => {
                    return Err(invalid_argument(
                        item.py(),
                        format!(
                            "{SHAPES}; an item of the list is a {}, not a (name, value) pair",
                            type_name(&item)
                        ),
                    ))
                }
            },
        };
        push_if_signature(out, &pair.0?, &pair.1?)?;
    }
    Ok(())
}

fn push_if_signature(
    out: &mut Pairs,
    name: &Bound<'_, PyAny>,
    value: &Bound<'_, PyAny>,
) -> PyResult<()> {
    if let Some(canonical) = signature_name(name)? {
        push_values(out, canonical, value)?;
    }
    Ok(())
}

/// The canonical name if `name` is a signature header name (ASCII
/// case-insensitive). Only names of the right length are decoded.
fn signature_name(name: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    let matching = |bytes: &[u8]| {
        NAMES
            .into_iter()
            .find(|n| n.as_bytes().eq_ignore_ascii_case(bytes))
    };
    if let Ok(text) = name.cast::<PyString>() {
        let len = text.len()?;
        if !NAMES.iter().any(|n| n.len() == len) {
            return Ok(None);
        }
        return Ok(text.to_cow().ok().and_then(|t| matching(t.as_bytes())));
    }
    if let Ok(bytes) = name.cast::<PyBytes>() {
        return Ok(matching(bytes.as_bytes()));
    }
    Err(invalid_argument(
        name.py(),
        format!("header names must be str or bytes, not {}", type_name(name)),
    ))
}

/// Adds one value, or each value of a list/tuple (a multi-value header).
fn push_values(out: &mut Pairs, canonical: &'static str, value: &Bound<'_, PyAny>) -> PyResult<()> {
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        for item in value.try_iter()? {
            push_value(out, canonical, &item?)?;
        }
        return Ok(());
    }
    push_value(out, canonical, value)
}

fn push_value(out: &mut Pairs, canonical: &'static str, value: &Bound<'_, PyAny>) -> PyResult<()> {
    if let Ok(text) = value.cast::<PyString>() {
        // A value that is not UTF-8 is not a signature either: the
        // replacement characters make the core report it as malformed.
        let bytes = match text.to_cow() {
            Ok(t) => t.as_bytes().to_vec(),
            Err(_) => "\u{fffd}".as_bytes().to_vec(),
        };
        out.push((canonical, bytes));
        return Ok(());
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        out.push((canonical, bytes.as_bytes().to_vec()));
        return Ok(());
    }
    Err(invalid_argument(
        value.py(),
        format!(
            "the {canonical} header value must be str or bytes, not {}",
            type_name(value)
        ),
    ))
}
