//! Field arrays (`shape.rs`) as JavaScript values: owned for `openAsync`,
//! the front's slots for the packed form (`packed.rs`).

use napi::bindgen_prelude::{Either4, Float64ArraySlice, Null};
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

/// The slots of the front's `Float64Array`, to be written by
/// `packed::pack` during the current call.
///
/// The one `unsafe` of the addon, the pattern Node's own bindings use to
/// return numbers (its `fs` stat values): a typed array the front allocated
/// once, written in place, costs sixteen stores where creating values or
/// calling back into JS cost about 1 µs per delivery.
#[allow(unsafe_code)]
pub fn slots_mut<'a>(slots: &'a mut Float64ArraySlice<'_>) -> &'a mut [f64] {
    // SAFETY: `slots` is an argument of the synchronous call that is
    // running on the JS thread, so no JS runs until it returns; the slice
    // borrows `slots` and so cannot outlive the call. napi gives a detached
    // buffer length 0 (`pack` then refuses it). The only caller is the
    // front layer, which passes its own private `Float64Array`, never one
    // backed by a SharedArrayBuffer another thread could write.
    unsafe { slots.as_mut() }
}

/// `scalars` packed into the front's `slots` (`packed::pack`), their texts
/// returned; `invalid_argument` when the slots cannot hold them.
pub fn pack(
    env: &Env,
    scalars: &[Scalar<'_>],
    slots: &mut Float64ArraySlice<'_>,
) -> napi::Result<String> {
    crate::packed::pack(scalars, slots_mut(slots))
        .ok_or_else(|| crate::errors::invalid_argument(env, crate::packed::TOO_FEW_SLOTS))
}
