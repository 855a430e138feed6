//! Flat field arrays (`shape.rs`) as JavaScript arrays.

use napi::bindgen_prelude::{Array, Either4, FnArgs, Function, Null, Unknown};
use napi::Env;

use crate::shape::{at, RecordInputs, Scalar};

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

/// One scalar as a call argument: borrowed text, a number, a flag or null.
pub type Value<'a> = Either4<&'a str, f64, bool, Null>;

/// A delivery's scalars ([`crate::shape::delivery_fields`]) as the
/// arguments of one call.
pub type DeliveryArgs<'a> = FnArgs<(
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
    Value<'a>,
)>;

/// The front's collector: called with a delivery's scalars, it returns them
/// as an array. Passing sixteen arguments to one call costs a fraction of
/// setting sixteen elements of an array from native code (about 1,000
/// instructions each through `napi_set_element`).
pub type Collect<'a> = Function<'a, DeliveryArgs<'a>, Unknown<'a>>;

fn value<'a>(scalar: &'a Scalar<'_>) -> Value<'a> {
    match scalar {
        Scalar::Text(Some(t)) => Either4::A(t.as_ref()),
        Scalar::Number(Some(n)) => Either4::B(*n),
        Scalar::Flag(b) => Either4::C(*b),
        Scalar::Text(None) | Scalar::Number(None) => Either4::D(Null),
    }
}

/// Calls `collect` with a delivery's scalars and returns what it returns.
pub fn collect_delivery<'a>(
    collect: &Collect<'a>,
    scalars: &[Scalar<'_>],
) -> napi::Result<Unknown<'a>> {
    let [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p] = scalars else {
        return Err(napi::Error::from_reason("a delivery has 16 fields"));
    };
    collect.call(FnArgs::from((
        value(a),
        value(b),
        value(c),
        value(d),
        value(e),
        value(f),
        value(g),
        value(h),
        value(i),
        value(j),
        value(k),
        value(l),
        value(m),
        value(n),
        value(o),
        value(p),
    )))
}

/// The fields of a delivery's array its log record is built from.
pub fn record_inputs(fields: &Array<'_>) -> napi::Result<RecordInputs> {
    let text = |i: usize| -> napi::Result<Option<String>> {
        Ok(fields.get::<Option<String>>(index(i))?.flatten())
    };
    let number = |i: usize| -> napi::Result<Option<f64>> {
        Ok(fields.get::<Option<f64>>(index(i))?.flatten())
    };
    Ok(RecordInputs {
        dedupe_key: text(at::DEDUPE_KEY)?.unwrap_or_default(),
        key_index: number(at::KEY_INDEX)?.unwrap_or(-1.0),
        signature_header: text(at::SIGNATURE_HEADER)?.unwrap_or_default(),
        activity: text(at::ACTIVITY)?.unwrap_or_default(),
        contract_id: number(at::CONTRACT_ID)?,
        external_id: text(at::EXTERNAL_ID)?,
    })
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
