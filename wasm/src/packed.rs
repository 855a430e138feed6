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
//!
//! A delivery's log record is built on first read from the fields `open`
//! gave, and they cross back in the same form ([`record_inputs`]): one
//! string and the slots, where reading each field out of a JS array cost
//! napi more (0.36 µs per log record at 2 KiB, measured).

use crate::shape::{at, RecordInputs, Scalar};

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

/// The `invalid_argument` message of `logRecord` when its slots and text
/// are not a packed delivery (`record_inputs` returned `None`).
pub const NOT_PACKED: &str =
    "the slots and text are not a delivery packed as open packs one (fieldKinds())";

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

/// The inputs of a delivery's log record ([`crate::shape::at`]) out of its
/// fields packed again as [`pack`] packs them (the front's `packFields`,
/// `js/front.js`): texts end to end, one slot per letter of [`KINDS`].
/// `None` when they are not a packed delivery: too few slots, or a text end
/// out of order, past the text or inside a character.
///
/// ```
/// # use spotdraft_kit_wasm::{packed::{pack, record_inputs, KINDS}, shape::delivery_fields};
/// let key = spotdraft_kit::HmacKey::from_bytes(b"k").unwrap().with_id("kéy");
/// let body = r#"{"activity":"A🦀","contract_id":7,"external_metadata":{"id":"é"}}"#.as_bytes();
/// let sig = spotdraft_kit::sign(&key, body);
/// let verifier = spotdraft_kit::Verifier::new(vec![key]).unwrap();
/// let d = verifier.open(&[("x-sd-webhook-content-hash", sig.as_str())], body).unwrap();
/// let mut slots = [0.0; KINDS.len()];
/// let text = pack(&delivery_fields(&d), &mut slots).unwrap();
/// let inputs = record_inputs(&text, &slots).unwrap();
/// assert_eq!((inputs.dedupe_key, inputs.signature_header), (d.dedupe_key(), "current"));
/// assert_eq!((inputs.activity, inputs.contract_id, inputs.external_id), ("A🦀", Some(7.0), Some("é")));
/// assert_eq!(inputs.key_index, 0.0);
/// assert!(record_inputs(&text, &slots[1..]).is_none());
/// ```
pub fn record_inputs<'t>(text: &'t str, slots: &[f64]) -> Option<RecordInputs<'t>> {
    if slots.len() < KINDS.len() {
        return None;
    }
    let mut inputs = RecordInputs::default();
    // Where the next text starts, in bytes and in UTF-16 units.
    let (mut byte, mut unit) = (0usize, 0usize);
    for (i, (kind, &slot)) in KINDS.bytes().zip(slots).enumerate() {
        let value = match kind {
            b't' if slot != -1.0 => {
                let start = byte;
                let end = utf16_end(text, &mut byte, &mut unit, slot)?;
                Some(text.get(start..end)?)
            }
            _ => None,
        };
        let number = (kind == b'n' && !slot.is_nan()).then_some(slot);
        match i {
            at::DEDUPE_KEY => inputs.dedupe_key = value.unwrap_or_default(),
            at::KEY_INDEX => inputs.key_index = number.unwrap_or(-1.0),
            at::SIGNATURE_HEADER => inputs.signature_header = value.unwrap_or_default(),
            at::ACTIVITY => inputs.activity = value.unwrap_or_default(),
            at::CONTRACT_ID => inputs.contract_id = number,
            at::EXTERNAL_ID => inputs.external_id = value,
            _ => {}
        }
    }
    Some(inputs)
}

/// Advances `byte` and `unit` from where they are in `text` to the UTF-16
/// offset `end`; the byte offset there, or `None` when `end` is not a
/// whole offset at or after `unit`, is past the text, or falls inside a
/// character.
fn utf16_end(text: &str, byte: &mut usize, unit: &mut usize, end: f64) -> Option<usize> {
    if !(end.fract() == 0.0 && end >= *unit as f64 && end <= text.len() as f64) {
        return None;
    }
    let end = end as usize;
    let bytes = text.as_bytes();
    // One character at a time: its first byte says how many UTF-16 units
    // it takes (four-byte characters take two), the rest are skipped.
    while *unit < end {
        let first = *bytes.get(*byte)?;
        *unit += if first >= 0xF0 { 2 } else { 1 };
        *byte += 1;
        while bytes.get(*byte).is_some_and(|b| b & 0xC0 == 0x80) {
            *byte += 1;
        }
    }
    (*unit == end).then_some(*byte)
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

    /// Slots and text that [`pack`] could not have written are refused,
    /// never read past or split inside a character.
    #[test]
    fn record_inputs_refuse_what_pack_cannot_write() {
        let mut slots = [0.0; KINDS.len()];
        for (slot, kind) in slots.iter_mut().zip(KINDS.bytes()) {
            *slot = if kind == b't' { -1.0 } else { 0.0 };
        }
        assert!(record_inputs("", &slots).is_some());
        for (text, end) in [
            ("abc", 4.0),      // past the text
            ("abc", 1.5),      // not a whole offset
            ("abc", -2.0),     // before the start
            ("abc", f64::NAN), // not an end
            ("🦀", 1.0),       // inside a surrogate pair
            ("é", 2.0),        // counts UTF-16 units, not bytes
        ] {
            let mut bad = slots;
            bad[at::DEDUPE_KEY] = end;
            assert!(record_inputs(text, &bad).is_none(), "{text:?} {end}");
        }
        // A later text may not end before an earlier one.
        let mut bad = slots;
        bad[at::DEDUPE_KEY] = 2.0;
        bad[at::SIGNATURE_HEADER] = 1.0;
        assert!(record_inputs("abc", &bad).is_none());
        bad[at::SIGNATURE_HEADER] = 3.0;
        let got = record_inputs("a🦀c", &{
            let mut ok = bad;
            ok[at::SIGNATURE_HEADER] = 4.0;
            ok[at::DEDUPE_KEY] = 3.0;
            ok
        })
        .unwrap();
        assert_eq!((got.dedupe_key, got.signature_header), ("a🦀", "c"));
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
