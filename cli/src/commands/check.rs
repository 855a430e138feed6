//! `sdkit verify` (a verdict) and `sdkit diagnose` (an explanation).

use serde_json::json;
use spotdraft_kit::{
    diagnose, Cause, KeyEncoding, Verifier, LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER,
};

use crate::cli::CheckArgs;
use crate::commands::outln;
use crate::errors::{CliError, CliResult};
use crate::input::read_body;
use crate::keys::load_keys;

fn encoding(args: &CheckArgs) -> KeyEncoding {
    KeyEncoding::parse(&args.keys.key_encoding).unwrap_or_default()
}

/// The `--signature` value without a leading header name, so the line
/// `sdkit sign --header` prints (or one copied from a request log) works
/// as well as the bare value. Anything else is passed on untouched.
fn signature_value(text: &str) -> &str {
    let Some((name, value)) = text.split_once(':') else {
        return text;
    };
    let name = name.trim_ascii();
    if name.eq_ignore_ascii_case(SIGNATURE_HEADER)
        || name.eq_ignore_ascii_case(LEGACY_SIGNATURE_HEADER)
    {
        value.trim_ascii()
    } else {
        text
    }
}

/// Exit 0 when the signature matches one of the keys, 1 when not.
pub fn verify(args: &CheckArgs) -> CliResult<i32> {
    let keys = load_keys(&args.keys.keys, encoding(args), args.keys.policy())?;
    let body = read_body(&args.file)?;
    let verifier = Verifier::new(keys).map_err(|e| CliError::from_core_input("keys", &e))?;
    match verifier.verify(&body, signature_value(&args.signature)) {
        Ok(index) => {
            let key_id = verifier.key_id(index);
            if args.json {
                outln!(
                    "{}",
                    json!({"valid": true, "key_index": index, "key_id": key_id, "body_bytes": body.len()})
                );
            } else {
                let label = key_id.map(|id| format!(" ({id})")).unwrap_or_default();
                outln!("valid: the signature matches key {index}{label}");
            }
            Ok(0)
        }
        Err(err) => {
            if args.json {
                outln!(
                    "{}",
                    json!({"valid": false, "code": err.code().as_str(), "message": err.message(), "body_bytes": body.len()})
                );
            } else {
                outln!("invalid: {err}");
                eprintln!("hint: `sdkit diagnose` with the same arguments explains the most common causes");
            }
            Ok(1)
        }
    }
}

/// Explains the signature; exit 0 when it is valid, 1 otherwise.
pub fn diagnose_cmd(args: &CheckArgs) -> CliResult<i32> {
    let keys = load_keys(&args.keys.keys, encoding(args), args.keys.policy())?;
    let body = read_body(&args.file)?;
    let d = diagnose(&body, signature_value(&args.signature), &keys);
    let key_id = d.key_index.and_then(|i| keys.get(i)).and_then(|k| k.id());
    if args.json {
        outln!(
            "{}",
            json!({
                "cause": d.cause.as_str(),
                "valid": d.cause == Cause::Valid,
                "explanation": d.cause.explanation(),
                "variant": d.variant,
                "key_index": d.key_index,
                "key_id": key_id,
                "body_bytes": body.len(),
            })
        );
    } else {
        outln!("cause: {}", d.cause.as_str());
        outln!("{}", d.cause.explanation());
        if let Some(v) = d.variant {
            outln!("variant: {v}");
        }
        if let Some(i) = d.key_index {
            let label = key_id.map(|id| format!(" ({id})")).unwrap_or_default();
            outln!("key: {i}{label}");
        }
    }
    Ok(if d.cause == Cause::Valid { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::signature_value;

    #[test]
    fn header_lines_and_bare_values() {
        assert_eq!(signature_value("ab12"), "ab12");
        assert_eq!(signature_value("X-SD-WEBHOOK-CONTENT-HASH: ab12"), "ab12");
        assert_eq!(signature_value("x-sd-content-hash:ab12 "), "ab12");
        assert_eq!(signature_value("sha512:ab12"), "sha512:ab12");
        assert_eq!(signature_value(""), "");
    }
}
