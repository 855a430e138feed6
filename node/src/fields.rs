//! Flat field arrays (`shape.rs`) as JavaScript arrays.

use napi::bindgen_prelude::{Array, Either4, Null};
use napi::Env;

use crate::shape::Scalar;

/// One element of a field array: a string, a number, a boolean or null.
pub type Field = Either4<String, f64, bool, Null>;

/// The scalars as owned values napi turns into a JS array (for results
/// that leave the thread they were made on, as `openAsync`'s do).
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

/// The scalars as a JS array made in place: each text goes from the
/// borrowed `&str` straight into a JS string, with no owned copy between.
pub fn to_array<'env>(env: &'env Env, scalars: &[Scalar<'_>]) -> napi::Result<Array<'env>> {
    let mut array = env.create_array(u32::try_from(scalars.len()).unwrap_or(u32::MAX))?;
    for (index, scalar) in (0u32..).zip(scalars) {
        match scalar {
            Scalar::Text(Some(t)) => array.set(index, t.as_ref())?,
            Scalar::Number(Some(n)) => array.set(index, *n)?,
            Scalar::Flag(b) => array.set(index, *b)?,
            Scalar::Text(None) | Scalar::Number(None) => array.set(index, Null)?,
        }
    }
    Ok(array)
}
