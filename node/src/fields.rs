//! Flat field arrays (`shape.rs`) as JavaScript arrays.

use napi::bindgen_prelude::{Either4, Null};

use crate::shape::Scalar;

/// One element of a field array: a string, a number, a boolean or null.
pub type Field = Either4<String, f64, bool, Null>;

/// The scalars as owned values napi turns into a JS array.
pub fn to_js(scalars: &[Scalar<'_>]) -> Vec<Field> {
    scalars
        .iter()
        .map(|s| match s {
            Scalar::Text(Some(t)) => Either4::A(t.to_string()),
            Scalar::Number(Some(n)) => Either4::B(*n),
            Scalar::Flag(b) => Either4::C(*b),
            Scalar::Text(None) | Scalar::Number(None) => Either4::D(Null),
        })
        .collect()
}
