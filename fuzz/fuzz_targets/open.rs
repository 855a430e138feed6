//! `Verifier::open` with arbitrary headers and bodies, half of them signed
//! correctly so the parser behind the signature check is reached.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use spotdraft_kit::{sign, ErrorCode, HmacKey, Verifier};

#[derive(Arbitrary, Debug)]
struct Input {
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    sign_it: bool,
    legacy: bool,
    max_body: u16,
}

fuzz_target!(|input: Input| {
    let key = HmacKey::from_base64("ZnV6ei1rZXktZm9yLXNwb3RkcmFmdC1raXQ=").unwrap();
    let mut headers = input.headers;
    if input.sign_it {
        let name = if input.legacy { "x-sd-content-hash" } else { "X-SD-WEBHOOK-CONTENT-HASH" };
        headers.push((name.to_owned(), sign(&key, &input.body).into_bytes()));
    }
    let v = Verifier::new(vec![key]).unwrap().with_max_body_bytes(usize::from(input.max_body) + 1);
    match v.open(&headers, &input.body) {
        Ok(d) => {
            assert!(d.dedupe_key().starts_with("sdk1:"));
            assert_eq!(d.body_len(), input.body.len());
            let _ = d.log_record().to_json();
        }
        Err(e) => {
            let record = e.log_record().expect("every rejected delivery has a log record");
            assert_eq!(record.get("reason").map(|r| r.to_string()), Some(e.code().as_str().to_owned()));
            assert!(!e.to_string().contains("ZnV6ei1rZXk"));
            assert_ne!(e.code(), ErrorCode::InvalidArgument);
        }
    }
});
