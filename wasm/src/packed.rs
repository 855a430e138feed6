//! A delivery's scalars in the packed form `open` returns, shared by both
//! JS packages (the Node addon includes this file by path).
//!
//! Creating one JS string per text field and handing sixteen values to JS
//! one by one cost more than the core's whole `open` after the HMAC (about
//! 1.4 µs per delivery in the addon). Packed, the texts cross as one string
//! (the texts end to end) and every other value as a number in a slot of
//! the front's `Float64Array`, so a delivery crosses as one string and
//! sixteen plain stores:
//!
//! | kind ([`KINDS`]) | slot holds |
//! |---|---|
//! | `t` text | where the text ends in the string, in UTF-16 units; `-1` for null |
//! | `n` number | the number; `NaN` for null |
//! | `f` flag | `1` or `0` |
//!
//! A text starts where the text before it ended (the first at 0). The
//! front (`js/front.js`, `unpack`) slices the string and reads the slots in
//! the order of [`crate::shape::delivery_fields`]; it learns the kinds from
//! [`KINDS`], never from a list of its own.

use crate::shape::Scalar;

/// The kind of each slot of a delivery ([`crate::shape::delivery_fields`]),
/// one letter per slot: `t` text, `n` number, `f` flag. An event's slots
/// ([`crate::shape::event_fields`]) are the tail from
/// [`crate::shape::DELIVERY_FIELDS`].
///
/// ```
/// # use spotdraft_kit_wasm::{packed::KINDS, shape::{DELIVERY_FIELDS, EVENT_FIELDS}};
/// assert_eq!(KINDS.len(), DELIVERY_FIELDS + EVENT_FIELDS);
/// ```
pub const KINDS: &str = "tnntttftnttttntt";

/// The `invalid_argument` message of `open` and `parseEvent` when the
/// slots they are given cannot hold the fields (`pack` returned `None`),
/// the same in both packages.
pub const TOO_FEW_SLOTS: &str =
    "the slots Float64Array is too short for the fields (one slot per letter of fieldKinds())";

/// Writes `scalars` into `slots` (see the module docs) and returns their
/// texts end to end; `None` when `slots` is too short to hold them (the
/// slots are left unchanged then).
///
/// ```
/// # use std::borrow::Cow;
/// # use spotdraft_kit_wasm::{packed::pack, shape::Scalar};
/// let mut slots = [0.0; 4];
/// let text = pack(
///     &[
///         Scalar::Text(Some(Cow::Borrowed("née"))),
///         Scalar::Text(None),
///         Scalar::Number(None),
///         Scalar::Text(Some(Cow::Borrowed("🦀"))),
///     ],
///     &mut slots,
/// );
/// assert_eq!(text.as_deref(), Some("née🦀"));
/// assert_eq!(&slots[..2], &[3.0, -1.0]);
/// assert!(slots[2].is_nan());
/// assert_eq!(slots[3], 5.0); // the crab is two UTF-16 units
/// ```
pub fn pack(scalars: &[Scalar<'_>], slots: &mut [f64]) -> Option<String> {
    if slots.len() < scalars.len() {
        return None;
    }
    let mut text = String::with_capacity(256);
    let mut end = 0usize;
    for (slot, scalar) in slots.iter_mut().zip(scalars) {
        *slot = match scalar {
            Scalar::Text(Some(t)) => {
                text.push_str(t);
                end += utf16_len(t);
                end as f64
            }
            Scalar::Text(None) => -1.0,
            Scalar::Number(Some(n)) => *n,
            Scalar::Number(None) => f64::NAN,
            Scalar::Flag(b) => f64::from(u8::from(*b)),
        };
    }
    Some(text)
}

/// Length of `text` in UTF-16 units: what JS string offsets count.
fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().map(char::len_utf16).sum()
    }
}

/// Flat `[name, value, name, value, ...]` as core's header pairs.
///
/// ```
/// # use spotdraft_kit_wasm::packed::header_pairs;
/// let flat = ["x".to_string(), "1".into(), "y".into(), "2".into()];
/// assert_eq!(header_pairs(&flat), vec![("x", "1"), ("y", "2")]);
/// ```
pub fn header_pairs(flat: &[String]) -> Vec<(&str, &str)> {
    flat.chunks_exact(2)
        .map(|p| (p[0].as_str(), p[1].as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::delivery_fields;

    /// Every delivery's scalars have the kinds [`KINDS`] names, whichever
    /// fields are present.
    #[test]
    fn kinds_match_the_delivery_fields() {
        let key = spotdraft_kit::HmacKey::from_bytes(b"0123456789abcdef").unwrap();
        let bodies: [&[u8]; 3] = [
            br#"{"activity":"CONTRACT_SIGNED"}"#,
            br#"{"activity":"X","contract_id":7,"contract_title":"T","contract_status":"S","contract_kind":"K","contract_type":"Y","contract_type_id":3,"activity_data":{"timestamp":"2026-01-01T00:00:00Z"},"external_metadata":{"id":"e"}}"#,
            br#"{"activity":"CONTRACT_SIGNED","contract_id":9007199254740993,"external_metadata":{"id":1.5}}"#,
        ];
        let verifier = spotdraft_kit::Verifier::new(vec![key.clone().with_id("k")]).unwrap();
        for body in bodies {
            let sig = spotdraft_kit::sign(&key, body);
            let d = verifier
                .open(&[("x-sd-webhook-content-hash", sig.as_str())], body)
                .unwrap();
            let fields = delivery_fields(&d);
            assert_eq!(fields.len(), KINDS.len());
            for (scalar, kind) in fields.iter().zip(KINDS.bytes()) {
                let got = match scalar {
                    Scalar::Text(_) => b't',
                    Scalar::Number(_) => b'n',
                    Scalar::Flag(_) => b'f',
                };
                assert_eq!(got, kind, "{scalar:?}");
            }
            let mut slots = [0.0; KINDS.len()];
            let text = pack(&fields, &mut slots).unwrap();
            assert!(text.starts_with(d.dedupe_key()));
            assert_eq!(slots[0], d.dedupe_key().len() as f64);
        }
    }

    #[test]
    fn too_few_slots_are_refused_untouched() {
        let mut slots = [7.0; 1];
        assert_eq!(
            pack(&[Scalar::Flag(true), Scalar::Flag(false)], &mut slots),
            None
        );
        assert_eq!(slots, [7.0]);
    }
}
