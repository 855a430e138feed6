//! Base64 decoding of HMAC keys, as the `base64` crate's general-purpose
//! engine decodes with padding optional and trailing bits allowed (the
//! tests hold it to that crate, a dev-dependency): a few lines instead of
//! that crate's unrolled decoder and tables in every wasm module.

use zeroize::Zeroizing;

/// Decodes `text` in the standard alphabet, or the URL-safe one if it
/// holds `-` or `_`. Every group of four but the last is four symbols; the
/// last holds at least two, then padding (`=`) or nothing.
pub(super) fn decode(text: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if text.is_empty() {
        return Some(Zeroizing::new(Vec::new()));
    }
    let url_safe = text.iter().any(|&c| c == b'-' || c == b'_');
    let split = match text.len() % 4 {
        0 => text.len().saturating_sub(4),
        rem => text.len() - rem,
    };
    let (groups, last) = text.split_at(split);
    let symbols = last.iter().take_while(|&&c| c != b'=').count();
    if symbols < 2 || last[symbols..].iter().any(|&c| c != b'=') {
        return None;
    }
    // Sized once, so no reallocation leaves a copy of key bytes behind.
    let mut out = Zeroizing::new(Vec::with_capacity(groups.len() / 4 * 3 + 3));
    for group in groups.chunks(4).chain([&last[..symbols]]) {
        let mut bits = 0u32;
        for &c in group {
            bits = bits << 6 | u32::from(value(c, url_safe)?);
        }
        bits <<= 6 * (4 - group.len());
        out.extend_from_slice(&bits.to_be_bytes()[1..group.len()]);
    }
    Some(out)
}

/// A symbol's six bits.
fn value(c: u8, url_safe: bool) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' if !url_safe => 62,
        b'/' if !url_safe => 63,
        b'-' if url_safe => 62,
        b'_' if url_safe => 63,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
    use base64::engine::DecodePaddingMode;
    use base64::{alphabet, Engine};
    use proptest::prelude::*;

    const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);

    /// What the `base64` crate's lenient engines make of `text`.
    fn theirs(text: &[u8]) -> Option<Vec<u8>> {
        let alphabet = if text.contains(&b'-') || text.contains(&b'_') {
            &alphabet::URL_SAFE
        } else {
            &alphabet::STANDARD
        };
        GeneralPurpose::new(alphabet, LENIENT).decode(text).ok()
    }

    fn agrees(text: &[u8]) {
        let ours = super::decode(text).map(|v| v.to_vec());
        assert_eq!(ours, theirs(text), "{:?}", String::from_utf8_lossy(text));
    }

    #[test]
    fn agrees_on_padding_and_length_corners() {
        for text in [
            "QQ",
            "QQ=",
            "QQ==",
            "QQ===",
            "Q",
            "Q=",
            "Q==",
            "=",
            "==",
            "QUI",
            "QUI=",
            "QUI==",
            "QUJD",
            "QUJD=",
            "QUJDRA",
            "QUJDRA=",
            "QUJDRA==",
            "QUJDR===",
            "QQ==QQ==",
            "QQ=Q",
            "QR",
            "QS==",
            "-_-_",
            "+/+/",
            "+_",
            "a b",
            "QUJD\n",
            "QUJDRA====",
        ] {
            agrees(text.as_bytes());
        }
        agrees(&[0xc3, 0xa9, b'Q', b'Q']);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn agrees_with_the_base64_crate(text in prop::collection::vec(
            prop::sample::select(b"AQZaqz09+/-_= \n.".to_vec()), 0..14)) {
            agrees(&text);
        }

        #[test]
        fn agrees_on_encoded_keys(key in prop::collection::vec(any::<u8>(), 1..80), pad in 0usize..3, url in any::<bool>()) {
            let engine = if url { &base64::engine::general_purpose::URL_SAFE_NO_PAD } else { &base64::engine::general_purpose::STANDARD_NO_PAD };
            let text = engine.encode(&key) + &"=".repeat(pad);
            agrees(text.as_bytes());
            if pad == 0 || text.len() % 4 == 0 {
                assert_eq!(super::decode(text.as_bytes()).map(|v| v.to_vec()), Some(key));
            }
        }
    }
}
