//! `sdkit replay`: process one stored delivery again.

use crate::cli::ReplayArgs;
use crate::clock::now_ms;
use crate::commands::outln;
use crate::delivery_json;
use crate::errors::{CliError, CliResult};
use crate::store;

/// Re-queues the delivery (a running `sdkit serve` on this store picks it
/// up at once; otherwise it runs at the next start), or prints it.
pub fn run(args: &ReplayArgs) -> CliResult<i32> {
    let url = store::parse_store_url(&args.store.store)
        .map_err(|e| CliError::usage(format!("--store: {e}")))?;
    let mut store = store::open_existing(&url)?;
    let Some(d) = store.get(&args.dedupe_key)? else {
        eprintln!("sdkit: no delivery with dedupe key {}", args.dedupe_key);
        return Ok(1);
    };
    if args.print {
        outln!("{}", delivery_json::for_handler(&d, d.attempts + 1));
        return Ok(0);
    }
    store.requeue(&d.dedupe_key, now_ms())?;
    outln!(
        "requeued {} (job {}, was {} after {} attempt(s)): a running `sdkit serve` on this store processes it next",
        d.dedupe_key, d.id, d.status, d.attempts
    );
    Ok(0)
}
