//! The `lesepult` binary: read the command line, run, report an error.
//!
//! Rust's own `main` and start-up code are kept: a stack overflow gets Rust's message, a
//! panic exits with 101 after the panic hook has restored the terminal, and standard
//! output is flushed on the way out. (An earlier version made `main` C's entry point to
//! save 0.2 ms of start-up; clarity and safety come first.)

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = lesepult::cli::Cli::from_env();
    match lesepult::cli::main(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let message = format!("{:#}", failure.error);
            eprintln!(
                "lesepult: error: {}",
                lesepult::cli::output::sanitize(&message)
            );
            ExitCode::from(failure.code)
        }
    }
}
