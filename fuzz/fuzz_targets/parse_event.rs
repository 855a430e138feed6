//! Event parsing and every accessor on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use spotdraft_kit::{body_sha256, dedupe_key, parse_event, ErrorCode};

fuzz_target!(|data: &[u8]| {
    match parse_event(data) {
        Ok(e) => {
            let _ = (e.contract_id(), e.contract_title(), e.occurred_at(), e.performed_by());
            let _ = (e.external_id(), e.counterparties(), e.email_event(), e.signatory());
            let _ = (e.business_user(), e.legal_user(), e.category(), e.known());
            assert!(dedupe_key(&e, &body_sha256(data)).starts_with("sdk1:"));
        }
        Err(err) => assert!(matches!(err.code(), ErrorCode::InvalidJson | ErrorCode::InvalidPayload)),
    }
});
