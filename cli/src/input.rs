//! Reading a body from a file or stdin, byte for byte.

use std::io::Read as _;

use crate::errors::{CliError, CliResult};

/// Reads `path`, or stdin for `-`. Never alters the bytes: a trailing
/// newline is part of the body.
pub fn read_body(path: &str) -> CliResult<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| CliError::usage(format!("cannot read stdin: {e}")))?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| CliError::usage(format!("cannot read {path}: {e}")))
}
