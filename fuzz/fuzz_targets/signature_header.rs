//! Signature header values: parse, then verify; never a panic, and only a
//! value that trims to 128 hex digits can parse.
#![no_main]
use libfuzzer_sys::fuzz_target;
use spotdraft_kit::{parse_signature, ErrorCode, HmacKey, Verifier};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_signature(&text) {
        Ok(_) => {
            let t = text.trim_matches(|c: char| c.is_ascii_whitespace());
            assert!(text.len() <= 1024 && t.len() == 128 && t.bytes().all(|b| b.is_ascii_hexdigit()));
        }
        Err(e) => assert_eq!(e.code(), ErrorCode::MalformedSignature),
    }
    let v = Verifier::new(vec![HmacKey::from_bytes(b"fuzz-key").unwrap()]).unwrap();
    if let Err(e) = v.verify(b"{}", &text) {
        assert!(matches!(e.code(), ErrorCode::MalformedSignature | ErrorCode::SignatureMismatch));
    }
});
