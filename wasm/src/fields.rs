//! Flat field arrays ([`crate::shape`]) as JavaScript arrays.

use wasm_bindgen::JsValue;

use crate::shape::Scalar;

/// The scalars as a JS array (strings, booleans, numbers, nulls).
pub fn to_js(scalars: &[Scalar<'_>]) -> Vec<JsValue> {
    scalars
        .iter()
        .map(|s| match s {
            Scalar::Text(Some(t)) => JsValue::from_str(t),
            Scalar::Flag(b) => JsValue::from_bool(*b),
            Scalar::Number(Some(n)) => JsValue::from_f64(*n),
            Scalar::Text(None) | Scalar::Number(None) => JsValue::NULL,
        })
        .collect()
}
