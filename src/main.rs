use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = lesepult::cli::Cli::from_env();
    match lesepult::run::main(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("lesepult: error: {:#}", failure.error);
            ExitCode::from(failure.code)
        }
    }
}
