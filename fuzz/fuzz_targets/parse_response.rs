//! Response interpretation on arbitrary status, headers and body.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use spotdraft_kit::api::parse_response;
use spotdraft_kit::ErrorCode;

#[derive(Arbitrary, Debug)]
struct Input {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fuzz_target!(|input: Input| {
    match parse_response(input.status, &input.headers, &input.body) {
        Ok(_) => assert!((200..300).contains(&input.status)),
        Err(e) => {
            assert!(matches!(e.code(), ErrorCode::ApiError | ErrorCode::InvalidJson));
            if let Some(d) = e.api_details() {
                assert_eq!(d.status, input.status);
            }
        }
    }
});
