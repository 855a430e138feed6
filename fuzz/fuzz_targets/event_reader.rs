//! The event reader against its serde_json oracle: on any bytes both give
//! the same fields, string spans and error (kind and position), also when
//! the bytes are the value of a field the reader keeps.
#![no_main]
use libfuzzer_sys::fuzz_target;
use spotdraft_kit::event_oracle::readers_agree;

fuzz_target!(|data: &[u8]| {
    if let Err(why) = readers_agree(data) {
        panic!("{why} on {:?}", String::from_utf8_lossy(data));
    }
    for key in ["activity_data", "counterparties", "contract_id", "business_user"] {
        let wrapped = [format!("{{\"{key}\":").as_bytes(), data, b"}"].concat();
        if let Err(why) = readers_agree(&wrapped) {
            panic!("{why} on {:?}", String::from_utf8_lossy(&wrapped));
        }
    }
});
