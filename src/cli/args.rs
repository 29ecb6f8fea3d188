//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Read and study a German text in the terminal: the article, a glossary of its key terms
/// and your notes side by side.
#[derive(Debug, Default, Parser)]
#[command(
    name = "lesepult",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A UTF-8 `.txt` or `.md` file to read, or `-` for standard input (default: a text
    /// piped in, else the bundled article).
    pub path: Option<PathBuf>,

    /// More paths: refused with a clear message (lesepult reads one text at a time).
    #[arg(hide = true)]
    pub more_paths: Vec<PathBuf>,

    /// Start at the top instead of the saved reading position.
    #[arg(long)]
    pub from_start: bool,

    /// Print the built-in configuration file and exit.
    #[arg(long)]
    pub print_default_config: bool,

    /// A glossary file for the document (default: NAME.glossary.toml beside NAME.txt).
    #[arg(long, value_name = "PATH")]
    pub glossary: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Subcommands>,
}

#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// List the dictionaries found (and the files that could not be used).
    List,
}

#[derive(Debug, Subcommand)]
pub enum VocabCommand {
    /// Set word statuses from a file: a word list (one word a line), a CSV or TSV (Lute's
    /// or LingQ's term export, an Anki notes export). Each word counts by its lemma.
    Import {
        /// The file to read.
        file: PathBuf,
        /// The status to set: 1-5, known, ignored or new (default: the file's own status
        /// column, as Lute's export has, else known).
        #[arg(long)]
        status: Option<String>,
        /// The column with the words: a header's name or a number from 1 (default: a
        /// column named term, word, lemma, front…, else the first).
        #[arg(long, value_name = "NAME|N")]
        column: Option<String>,
        /// Say what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the word statuses as CSV or JSON.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: crate::vocab::exchange::ExportFormat,
        /// Write to FILE instead of standard output (never over an existing file unless
        /// --force).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AnkiCommand {
    /// Send your vocabulary to a running Anki through the AnkiConnect add-on: new words
    /// are added, changed ones updated in place (lesepult's note type and the deck are made
    /// if missing). Exits 1 when Anki cannot be reached or a note was refused.
    Sync {
        /// AnkiConnect's address (default: [anki] url in the config, else
        /// http://127.0.0.1:8765).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// The deck new notes go to (default: [anki] deck, else lesepult::Vocabulary).
        #[arg(long, value_name = "NAME")]
        deck: Option<String>,
        /// New notes without the word spoken (else espeak-ng's, when it is installed).
        #[arg(long)]
        no_audio: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum Subcommands {
    /// Anki through AnkiConnect: `anki sync` sends your words to a running Anki.
    Anki {
        #[command(subcommand)]
        command: AnkiCommand,
    },
    /// Your word statuses: import known words, export them.
    Vocab {
        #[command(subcommand)]
        command: VocabCommand,
    },
    /// Print the config file, data and state locations this run would use.
    Paths,
    /// Look a word up: glossary, dictionaries (phrase, lemma, compound), best first.
    /// Exits 1 when the word is found nowhere (with --json too).
    Lookup {
        /// A German word in any form ("Leerverkäufe", "Wettbewerbsvorteil").
        word: String,
        /// The sentence the word stands in: it is analysed there (separable verbs,
        /// capitals, fixed phrases).
        #[arg(long = "in", value_name = "SENTENCE")]
        sentence: Option<String>,
        /// The document whose glossary is asked first (default: the bundled article).
        #[arg(long, value_name = "PATH")]
        doc: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The dictionaries lesepult finds.
    Dict {
        #[command(subcommand)]
        command: DictCommand,
    },
    /// List the notes of a document.
    Notes {
        /// The document (default: the bundled article).
        #[arg(long, value_name = "PATH")]
        doc: Option<PathBuf>,
        /// Print JSON (the export schema) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export the notes of a document (for Anki, with --with-glossary, also its glossary
    /// terms).
    Export {
        /// markdown, json, csv, anki (text for Anki's import) or apkg (an Anki package with
        /// lesepult's note types; with --vocab, of your vocabulary).
        #[arg(long, value_enum)]
        format: crate::notes::export::Format,
        /// The document (default: the bundled article).
        #[arg(long, value_name = "PATH")]
        doc: Option<PathBuf>,
        /// Write to FILE (atomically) instead of standard output. An existing FILE is
        /// refused unless --force; a missing folder is never created.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// With `--format anki`: add a card for each glossary term found in the text.
        #[arg(long)]
        with_glossary: bool,
        /// A glossary file for the document (Anki term cards, with --with-glossary).
        #[arg(long, value_name = "PATH")]
        glossary: Option<PathBuf>,
        /// With `--format anki` or `apkg`: export your vocabulary (words with a status)
        /// instead.
        #[arg(long)]
        vocab: bool,
        /// With `--format apkg --vocab`: no spoken words (else espeak-ng's, when it is
        /// installed).
        #[arg(long)]
        no_audio: bool,
    },
    /// List the glossary's terms, or look up WORD in any inflected form.
    Glossary {
        /// A word in any form ("Leerverkäufe"); without it, all terms are listed.
        word: Option<String>,
        /// The document (default: the bundled article).
        #[arg(long, value_name = "PATH")]
        doc: Option<PathBuf>,
        /// A glossary file for the document.
        #[arg(long, value_name = "PATH")]
        glossary: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

impl Cli {
    /// The arguments of this process. Without any there is nothing to parse, and clap's
    /// parser is not built (a tenth of a millisecond off the first frame).
    pub fn from_env() -> Cli {
        if std::env::args_os().len() <= 1 {
            Cli::default()
        } else {
            Cli::try_parse().unwrap_or_else(|e| help_or_exit(&e))
        }
    }
}

/// `--help` and `--version` written through the checked output (a write error is exit code
/// 1); a usage error goes to standard error as clap writes it (exit code 2).
fn help_or_exit(e: &clap::Error) -> ! {
    if e.use_stderr() {
        e.exit()
    }
    let text = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        e.render().ansi().to_string()
    } else {
        e.render().to_string()
    };
    match super::output::print_raw(&text) {
        Ok(()) => std::process::exit(0),
        Err(err) => {
            eprintln!("lesepult: error: {err}");
            std::process::exit(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_arguments_are_the_defaults() {
        let parsed = Cli::parse_from(["lesepult"]);
        let default = Cli::default();
        assert_eq!(format!("{parsed:?}"), format!("{default:?}"));
    }
}
