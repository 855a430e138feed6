//! A tour of the core: sign sample deliveries as SpotDraft would, then open,
//! dedupe and diagnose them as a receiver does. Run with
//! `cargo run -p spotdraft-kit --example tour`.

use spotdraft_kit::{diagnose, sign, Error, HmacKey, Verifier};

fn main() -> Result<(), Error> {
    // The workspace's hmac_key, as GET webhooks/hmac_key/ returns it.
    let hmac_key = "c2VjcmV0LWtleS1mb3ItdGhlLXRvdXItMDEyMzQ1Njc4OTAxMjM0NTY3ODk=";
    let key = HmacKey::from_base64(hmac_key)?.with_id("production");
    let verifier = Verifier::new(vec![key.clone()])?;

    // SpotDraft's body as sent (Python-style separators), and the same JSON
    // after a receiver parsed it and wrote it back compact (JSON.stringify).
    let signed = br#"{"activity": "CONTRACT_EXECUTED", "activity_data": {"performed_by": {"name": "SYSTEM"}, "timestamp": "2026-11-02T10:00:00Z"}, "contract_id": 4242, "contract_title": "Example MSA", "contract_status": "EXECUTED", "external_metadata": {"id": "crm-7"}}"#;
    let signature = sign(&key, signed);
    let reordered = br#"{"activity":"CONTRACT_EXECUTED","activity_data":{"performed_by":{"name":"SYSTEM"},"timestamp":"2026-11-02T10:00:00Z"},"contract_id":4242,"contract_title":"Example MSA","contract_status":"EXECUTED","external_metadata":{"id":"crm-7"}}"#;

    let cases: [(&str, &[u8], String); 4] = [
        ("valid delivery", signed, signature.clone()),
        ("duplicate delivery", signed, signature.clone()),
        (
            "tampered body",
            b"{\"activity\":\"CONTRACT_VOIDED\"}",
            signature.clone(),
        ),
        ("re-serialised body", reordered, signature.clone()),
    ];
    let mut seen = std::collections::HashSet::new();
    for (label, body, sig) in cases {
        let headers = [("X-SD-WEBHOOK-CONTENT-HASH", sig.as_str())];
        match verifier.open(&headers, body) {
            Ok(delivery) => {
                let fresh = seen.insert(delivery.dedupe_key().to_owned());
                println!(
                    "{label:<20} -> {} {}",
                    if fresh {
                        "202 accepted "
                    } else {
                        "200 duplicate"
                    },
                    delivery.log_record().to_json()
                );
            }
            Err(err) => {
                println!("{label:<20} -> {} {}", err.http_status(), err);
                if let Some(record) = err.log_record() {
                    println!("{:<20}    log: {}", "", record.to_json());
                }
                let d = diagnose(body, &sig, std::slice::from_ref(&key));
                println!("{:<20}    diagnose: {}", "", d.message());
            }
        }
    }
    Ok(())
}
