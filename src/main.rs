use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = lesepult::cli::Cli::parse();
    match lesepult::run::main(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("lesepult: error: {:#}", failure.error);
            ExitCode::from(failure.code)
        }
    }
}
