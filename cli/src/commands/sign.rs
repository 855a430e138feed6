//! `sdkit sign`: the signature header for a body.

use spotdraft_kit::{sign, KeyEncoding, LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER};

use crate::cli::SignArgs;
use crate::errors::CliResult;
use crate::input::read_body;
use crate::keys::load_keys;

/// Prints `X-SD-WEBHOOK-CONTENT-HASH: <hex>` (or only the hex).
pub fn run(args: &SignArgs) -> CliResult<i32> {
    let encoding = KeyEncoding::parse(&args.keys.key_encoding).unwrap_or_default();
    let keys = load_keys(&args.keys.keys, encoding)?;
    let body = read_body(&args.file)?;
    let value = sign(&keys[0], &body);
    if args.value_only {
        println!("{value}");
    } else {
        let name = if args.legacy_header {
            LEGACY_SIGNATURE_HEADER
        } else {
            SIGNATURE_HEADER
        };
        println!("{name}: {value}");
    }
    Ok(0)
}
