//! `sdkit sign`: the signature for a body, as the bare header value (so
//! `SIG=$(sdkit sign body.json)` feeds `--signature "$SIG"`) or, with
//! `--header`, as the whole header line.

use spotdraft_kit::{sign, KeyEncoding, LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER};

use crate::cli::SignArgs;
use crate::commands::outln;
use crate::errors::CliResult;
use crate::input::read_body;
use crate::keys::load_keys;

/// Prints `<hex>`, or `X-SD-WEBHOOK-CONTENT-HASH: <hex>` with `--header`.
pub fn run(args: &SignArgs) -> CliResult<i32> {
    let encoding = KeyEncoding::parse(&args.keys.key_encoding).unwrap_or_default();
    let keys = load_keys(&args.keys.keys, encoding, args.keys.policy())?;
    let body = read_body(&args.file)?;
    let value = sign(&keys[0], &body);
    if !(args.header || args.legacy_header) {
        outln!("{value}");
    } else {
        let name = if args.legacy_header {
            LEGACY_SIGNATURE_HEADER
        } else {
            SIGNATURE_HEADER
        };
        outln!("{name}: {value}");
    }
    Ok(0)
}
