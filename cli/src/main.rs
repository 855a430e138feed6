//! `sdkit`: SpotDraft webhooks on the command line, and a durable reference
//! receiver. The webhook logic is the core crate's; this binary is the I/O
//! edge (files, sockets, processes, storage).

// clippy.toml bans clocks and environment reads so that core stays pure;
// this binary is the edge where they belong.
#![allow(clippy::disallowed_methods)]

mod api_client;
mod cli;
mod clock;
mod commands;
mod delivery_json;
mod errors;
mod input;
mod keys;
mod logline;
mod serve;
mod store;

use clap::Parser as _;

use crate::cli::{Cli, Command};
use crate::errors::CliResult;

fn run(cli: &Cli) -> CliResult<i32> {
    match &cli.command {
        Command::Sign(a) => commands::sign::run(a),
        Command::Verify(a) => commands::check::verify(a),
        Command::Diagnose(a) => commands::check::diagnose_cmd(a),
        Command::Send(a) => commands::send::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Log(a) => commands::log::run(a),
        Command::Replay(a) => commands::replay::run(a),
        Command::EnvDiff(a) => commands::env_diff::run(a),
        Command::Api(a) => commands::api::run(a),
        Command::Reconcile(a) => commands::reconcile::run(a),
        Command::Webhooks(a) => commands::webhooks::run(a),
        Command::Escalate(a) => commands::escalate::run(a),
    }
}

fn main() {
    // clap exits 2 on bad usage and 0 for --help/--version.
    let cli = Cli::parse();
    let code = match run(&cli) {
        Ok(code) => code,
        Err(err) => {
            if !err.is_quiet() {
                eprintln!("sdkit: {err}");
            }
            err.exit_code
        }
    };
    std::process::exit(code);
}
