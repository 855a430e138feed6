//! One module per command.

pub mod api;
pub mod check;
pub mod env_diff;
pub mod log;
pub mod replay;
pub mod send;
pub mod sign;
