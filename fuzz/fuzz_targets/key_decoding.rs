//! Key decoding in both encodings: a key either decodes or is invalid_key,
//! and neither the Debug output nor the message depends on the key's
//! content (so neither can leak it).
#![no_main]
use libfuzzer_sys::fuzz_target;
use spotdraft_kit::{ErrorCode, HmacKey, KeyEncoding};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for encoding in [KeyEncoding::Base64, KeyEncoding::Utf8] {
        match HmacKey::new(&text, encoding) {
            Ok(key) => assert_eq!(
                format!("{key:?}"),
                format!("HmacKey {{ id: None, encoding: {encoding:?}, bytes: <redacted> }}")
            ),
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::InvalidKey);
                // Only three messages exist: empty, not base64, or base64
                // that decodes too short, which names two lengths and
                // nothing else (the same text once the digits are dropped).
                let empty = HmacKey::new("", encoding).unwrap_err().to_string();
                let not_b64 = HmacKey::new("!", KeyEncoding::Base64).unwrap_err().to_string();
                let short = HmacKey::new("c2VjcmV0", KeyEncoding::Base64).unwrap_err().to_string();
                let msg = e.to_string();
                let shape = |m: &str| m.replace(|c: char| c.is_ascii_digit(), "");
                assert!(msg == empty || msg == not_b64 || shape(&msg) == shape(&short), "{msg}");
            }
        }
    }
});
