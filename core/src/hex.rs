//! Lowercase hex encoding and strict hex decoding (either case).

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of `bytes`.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    push_hex(&mut out, bytes);
    out
}

/// Appends the lowercase hex of `bytes` to `out` (one reservation), for a
/// caller that writes a prefix and the digits into one string.
pub(crate) fn push_hex(out: &mut String, bytes: &[u8]) {
    out.reserve(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decodes `hex` (exactly `2 * out.len()` digits) into `out`; false on any
/// other input.
pub(crate) fn decode_into(hex: &[u8], out: &mut [u8]) -> bool {
    if hex.len() != out.len() * 2 {
        return false;
    }
    for (slot, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        match (nibble(pair[0]), nibble(pair[1])) {
            (Some(hi), Some(lo)) => *slot = (hi << 4) | lo,
            _ => return false,
        }
    }
    true
}

/// Decodes hex of any even length.
pub(crate) fn decode(hex: &[u8]) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    let mut out = vec![0; hex.len() / 2];
    decode_into(hex, &mut out).then_some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        let bytes = [0u8, 1, 0x7f, 0x80, 0xff];
        let text = super::encode(&bytes);
        assert_eq!(text, "00017f80ff");
        assert_eq!(
            super::decode(text.to_uppercase().as_bytes()).unwrap(),
            bytes
        );
        assert!(super::decode(b"0g").is_none());
        assert!(super::decode(b"0").is_none());
    }

    #[test]
    fn push_hex_appends() {
        let mut out = String::from("sdk1:");
        super::push_hex(&mut out, &[0xab, 0x01]);
        assert_eq!(out, "sdk1:ab01");
    }
}
