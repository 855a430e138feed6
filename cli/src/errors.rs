//! The CLI's one error type and its exit codes.
//!
//! Exit codes: 0 success, 1 a negative verdict or a failed operation (invalid
//! signature, delivery not found, transport failures), 2 bad input (unknown
//! flag, unreadable file, bad key, bad store URL). Core errors are mapped
//! here and only here.

use std::fmt;

/// Exit code for a negative verdict or a failed operation.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for bad input.
pub const EXIT_USAGE: i32 = 2;

/// A failure to report on stderr, with the process exit code.
#[derive(Debug)]
pub struct CliError {
    /// Process exit code.
    pub exit_code: i32,
    /// One line for people; never a key, a signature or a body.
    pub message: String,
}

impl CliError {
    /// Bad input: exit code 2.
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            exit_code: EXIT_USAGE,
            message: message.into(),
        }
    }

    /// A failed operation: exit code 1.
    pub fn failure(message: impl Into<String>) -> Self {
        CliError {
            exit_code: EXIT_FAILURE,
            message: message.into(),
        }
    }

    /// A core error met while reading the user's input (keys, options):
    /// bad input, exit code 2. The core's messages never hold secrets.
    pub fn from_core_input(context: &str, err: &spotdraft_kit::Error) -> Self {
        CliError::usage(format!("{context}: {err}"))
    }

    /// Stdout could not be written. A closed pipe (the reader stopped, as
    /// `head` does) is no failure: exit 0 with nothing on stderr. Any other
    /// write error (a full disk) is exit 1.
    pub fn closed_stdout(err: &std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            CliError {
                exit_code: 0,
                message: String::new(),
            }
        } else {
            CliError::failure(format!("cannot write to stdout: {err}"))
        }
    }

    /// Whether there is anything to tell on stderr.
    pub fn is_quiet(&self) -> bool {
        self.message.is_empty()
    }

    /// A storage failure: exit code 1.
    pub fn store(err: impl fmt::Display) -> Self {
        CliError::failure(format!("store: {err}"))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// `Result` with [`CliError`].
pub type CliResult<T> = Result<T, CliError>;
