//! One module per command, and [`outln!`], the way they print.

use std::io::Write as _;

use crate::errors::{CliError, CliResult};

pub mod api;
pub mod check;
pub mod env_diff;
pub mod escalate;
pub mod log;
pub mod reconcile;
pub mod replay;
pub mod send;
pub mod sign;
pub mod webhooks;

/// `println!` for command output, returning from the enclosing function
/// with [`CliError::closed_stdout`] when stdout cannot be written: a reader
/// that stopped early (`sdkit log | head`) ends the command quietly.
///
/// ```ignore
/// outln!("{} deliveries", rows.len());
/// ```
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::commands::write_line(format_args!($($arg)*))?
    };
}
pub(crate) use outln;

/// Writes one line to stdout; see [`outln!`].
pub fn write_line(args: std::fmt::Arguments<'_>) -> CliResult<()> {
    let mut out = std::io::stdout().lock();
    out.write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(|e| CliError::closed_stdout(&e))
}
