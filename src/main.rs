//! The `lesepult` binary: read the command line, run, report an error.
//!
//! `main` is the C entry point (`#![no_main]`), not Rust's. Rust's start-up code reads
//! `/proc/self/maps` to find the main thread's stack guard, sets up an alternate signal
//! stack and installs SIGSEGV handlers, and that costs 0.2 to 0.3 ms: a tenth of the time
//! to the first screen (README, "lesepult next to less"). What lesepult loses: a stack
//! overflow ends in a plain segmentation fault, without Rust's message; and SIGPIPE keeps
//! its default, so `lesepult notes | head -1` ends quietly, as a C program does, instead of
//! failing with "Broken pipe". What Rust's `main` does and lesepult needs is done here.
#![no_main]

use std::ffi::{c_char, c_int};
use std::io::Write;

/// The exit code of a panic, as Rust's own `main` gives it.
const PANICKED: c_int = 101;

#[unsafe(no_mangle)]
extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    // A panic must not unwind into C. The panic hook has already restored the terminal
    // and printed the message.
    let code = std::panic::catch_unwind(run).unwrap_or(PANICKED);
    // Rust's `main` flushes standard output on the way out; C's `exit` knows nothing of it.
    let _ = std::io::stdout().flush();
    code
}

fn run() -> c_int {
    let cli = lesepult::cli::Cli::from_env();
    match lesepult::run::main(cli) {
        Ok(()) => 0,
        Err(failure) => {
            eprintln!("lesepult: error: {:#}", failure.error);
            c_int::from(failure.code)
        }
    }
}
