//! The command line: the arguments (`args`), the commands that print and exit
//! (`commands`: lookup, notes, export...), and opening the text for the interactive
//! session (`crate::runtime`).

pub mod args;
pub mod commands;
pub mod output;

pub use args::{AnkiCommand, Cli, DictCommand, Subcommands};

use crate::config::{Config, DEFAULT_CONFIG};
use crate::document::{self, Document};
use crate::notes::export::Format;
use crate::paths::Paths;
use crate::runtime::{self, Session};

/// How a run failed: bad input (exit code 2) or a failure while running (exit code 1).
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

fn bad_input(error: impl Into<anyhow::Error>) -> Failure {
    Failure {
        code: 2,
        error: error.into(),
    }
}

fn failed(error: impl Into<anyhow::Error>) -> Failure {
    Failure {
        code: 1,
        error: error.into(),
    }
}

/// Run the command line.
pub fn main(cli: Cli) -> Result<(), Failure> {
    if cli.print_default_config {
        return output::print(DEFAULT_CONFIG).map_err(failed);
    }
    let paths = Paths::from_env().map_err(bad_input)?;
    // The subcommands that read no config otherwise take the input limit from it if it
    // can be read (a broken config is reported by the commands that use it).
    let set_limit = |config: &Config| document::set_max_input(config.reading.max_input_mb << 20);
    if matches!(
        cli.command,
        Some(Subcommands::Glossary { .. } | Subcommands::Notes { .. } | Subcommands::Export { .. })
    ) && let Ok(config) = Config::load(&paths.config_file)
    {
        set_limit(&config);
    }
    // The user's lemma corrections: every command reads words as the app does.
    if cli.command.is_some()
        && let Some(problem) = crate::vocab::lemmas::install_from(&paths.data_dir)
    {
        eprintln!("{}", output::sanitize(&format!("lesepult: {problem}")));
    }
    match cli.command {
        Some(Subcommands::Paths) => {
            return commands::paths(&paths).map_err(command_failure);
        }
        Some(Subcommands::Glossary {
            word,
            doc,
            glossary,
            json,
        }) => {
            let doc = open(doc.as_deref())?;
            return commands::glossary(&doc, glossary.as_deref(), &paths, word.as_deref(), json)
                .map_err(|e| Failure {
                    code: e.code,
                    error: anyhow::anyhow!(e.message),
                });
        }
        Some(Subcommands::Lookup {
            word,
            sentence,
            doc,
            json,
        }) => {
            let config = Config::load(&paths.config_file).map_err(bad_input)?;
            set_limit(&config);
            let doc = open(doc.as_deref())?;
            return commands::lookup(&doc, &paths, &config, &word, sentence.as_deref(), json)
                .map_err(command_failure);
        }
        Some(Subcommands::Dict {
            command: DictCommand::List,
        }) => {
            let config = Config::load(&paths.config_file).map_err(bad_input)?;
            return commands::dict_list(&paths, &config).map_err(command_failure);
        }
        Some(Subcommands::Anki {
            command:
                AnkiCommand::Sync {
                    url,
                    deck,
                    no_audio,
                },
        }) => {
            let config = Config::load(&paths.config_file).map_err(bad_input)?;
            let url = url.unwrap_or_else(|| config.anki.url.clone());
            let deck = deck.unwrap_or_else(|| config.anki.deck.clone());
            let target = commands::AnkiTarget {
                url: &url,
                deck: &deck,
                key: config.anki.key.clone(),
            };
            return commands::anki_sync(&paths, &target, !no_audio).map_err(command_failure);
        }
        Some(Subcommands::Vocab { command }) => {
            return commands::vocab(&paths, command).map_err(command_failure);
        }
        Some(Subcommands::Notes { doc, json }) => {
            let doc = open(doc.as_deref())?;
            return commands::notes(&doc, &paths, json).map_err(command_failure);
        }
        Some(Subcommands::Export {
            format,
            doc,
            output,
            force,
            with_glossary,
            glossary,
            vocab,
            no_audio,
        }) => {
            let doc = open(doc.as_deref())?;
            let format = match (vocab, format) {
                (true, Format::Apkg) => Format::ApkgVocab,
                (true, _) => Format::AnkiVocab,
                (false, f) => f,
            };
            let options = commands::ExportOptions {
                output: output.as_deref(),
                force,
                with_glossary,
                glossary_file: glossary.as_deref(),
                audio: !no_audio,
            };
            return commands::export(&doc, &paths, format, &options).map_err(command_failure);
        }
        None => {}
    }
    if !cli.more_paths.is_empty() {
        return Err(bad_input(anyhow::anyhow!(
            "lesepult reads one text at a time ({} paths given); open them one after the other",
            cli.more_paths.len() + 1
        )));
    }
    // Everything that can be wrong with the input is checked before raw mode.
    let config = Config::load(&paths.config_file).map_err(bad_input)?;
    set_limit(&config);
    let (doc, full) = open_for_reading(cli.path.as_deref())?;
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(bad_input(anyhow::anyhow!(
            "standard output is not a terminal: lesepult shows the text on one \
             (`lesepult notes` and `lesepult export` write to a pipe or a file)"
        )));
    }
    runtime::run(Session {
        doc,
        rest: full,
        config,
        paths: &paths,
        from_start: cli.from_start,
        glossary_file: cli.glossary.as_deref(),
    })
    .map_err(failed)
}

fn command_failure(e: commands::CommandError) -> Failure {
    Failure {
        code: e.code,
        error: anyhow::anyhow!(e.message),
    }
}

/// The document at `path` (`-`: standard input), or without one the text piped in, or
/// else the bundled article.
fn open(path: Option<&std::path::Path>) -> Result<Document, Failure> {
    match path {
        Some(path) if path == std::path::Path::new("-") => {
            document::load_stdin().map_err(bad_input)
        }
        Some(path) => document::load_path(path).map_err(bad_input),
        None if stdin_is_a_pipe() => document::load_stdin().map_err(bad_input),
        None => Ok(document::bundled()),
    }
}

/// Whether standard input is a pipe (`cat text.txt | lesepult`), as `less` reads it then.
/// Not a terminal, and not /dev/null or a file a script left it on.
fn stdin_is_a_pipe() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata("/dev/stdin").is_ok_and(|m| m.file_type().is_fifo())
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Files longer than this (bytes) show their beginning at once and load the rest in the
/// background.
const OPEN_LAZILY: usize = 4 << 20;

/// Books (EPUB, zipped) larger than this show their first chapters at once and read the
/// rest in the background.
const BOOK_LAZILY: u64 = 256 << 10;

/// How much of a long book's text is read before its first screen (a few screens: each
/// chapter goes through the HTML parser, the rest follows within a fraction of a second).
const BOOK_FIRST_PART: usize = 12 << 10;

/// How much of a long file is shown at once (about twenty screens).
const FIRST_PART: usize = 64 << 10;

/// The document to show first, and what to read in the background if that was only its
/// beginning: a long file, or a stream (standard input, a FIFO, a device), which is read on
/// from where its first screens ended, at most [`document::max_input`] bytes.
pub fn open_for_reading(
    path: Option<&std::path::Path>,
) -> Result<(Document, Option<runtime::jobs::Rest>), Failure> {
    use runtime::jobs::Rest;
    let stream = |(doc, rest): (Document, Option<document::Stream>)| (doc, rest.map(Rest::Stream));
    match path {
        Some(path) if path != std::path::Path::new("-") => {
            if let Some(opened) = document::special_prefix(path, FIRST_PART).map_err(bad_input)? {
                return Ok(stream(opened));
            }
            if document::is_book(path) {
                // A long book shows its first chapters at once; the rest is read meanwhile.
                let lazily = std::fs::metadata(path).is_ok_and(|m| m.len() > BOOK_LAZILY);
                let (doc, complete) = document::load_book(path, lazily.then_some(BOOK_FIRST_PART))
                    .map_err(bad_input)?;
                return Ok((doc, (!complete).then(|| Rest::File(path.to_path_buf()))));
            }
            if let Some(prefix) =
                document::load_prefix(path, OPEN_LAZILY, FIRST_PART).map_err(bad_input)?
            {
                return Ok((prefix, Some(Rest::File(path.to_path_buf()))));
            }
            Ok((document::load_path(path).map_err(bad_input)?, None))
        }
        Some(_) => Ok(stream(
            document::stdin_prefix(FIRST_PART).map_err(bad_input)?,
        )),
        None if stdin_is_a_pipe() => Ok(stream(
            document::stdin_prefix(FIRST_PART).map_err(bad_input)?,
        )),
        None => Ok((document::bundled(), None)),
    }
}
