//! Subcommands for scripts: `paths`, `glossary`, `lookup`, `dict list`, `notes`, `export`.
//! Everything goes to standard output through [`super::output`]: control characters from
//! files made visible, every write checked (an error returns from the command with exit
//! code 1), and output to a closed pipe (`| head`) ends quietly.

/// `println!` through the sanitizer, returning a write error from the function.
macro_rules! outln {
    ($($arg:tt)*) => {
        super::output::print(&format!("{}\n", format_args!($($arg)*))).map_err(write_failure)?
    };
}

/// `print!` through the sanitizer, returning a write error from the function.
macro_rules! out {
    ($($arg:tt)*) => {
        super::output::print(&format!($($arg)*)).map_err(write_failure)?
    };
}

use std::path::Path;

use serde::Serialize;

use crate::document::Document;
use crate::glossary::{self, Glossary};
use crate::notes::export::{self, Format};
use crate::notes::{Note, NotesStore, anchor};
use crate::paths::Paths;
use crate::sources;

/// A failed subcommand: exit code and one-line message.
#[derive(Debug)]
pub struct CommandError {
    pub code: u8,
    pub message: String,
}

/// `eprintln!` through the sanitizer (warnings quote file names and file contents).
macro_rules! errln {
    ($($arg:tt)*) => {
        eprintln!("{}", super::output::sanitize(&format!($($arg)*)))
    };
}

/// A write to standard output that failed: exit code 1.
fn write_failure(e: super::output::WriteError) -> CommandError {
    CommandError {
        code: 1,
        message: e.to_string(),
    }
}

pub fn paths(paths: &Paths) -> Result<(), CommandError> {
    outln!("config file: {}", paths.config_file.display());
    outln!("data dir:    {}", paths.data_dir.display());
    outln!(
        "glossary:    {}",
        glossary::user::path(&paths.data_dir).display()
    );
    outln!("notes:       {}", paths.notes_dir().display());
    outln!("state dir:   {}", paths.state_dir.display());
    outln!("positions:   {}", paths.positions_dir().display());
    outln!("cache dir:   {}", paths.cache_dir.display());
    Ok(())
}

#[derive(Serialize)]
struct JsonOccurrence<'a> {
    block: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonTerm<'a> {
    lemma: &'a str,
    gender: Option<&'static str>,
    plural: Option<&'a str>,
    english: &'a [String],
    german: &'a str,
    category: &'a str,
    occurrences: Vec<JsonOccurrence<'a>>,
}

fn json_term<'a>(g: &'a Glossary, doc: &'a Document, t: usize) -> JsonTerm<'a> {
    let term = &g.terms[t];
    JsonTerm {
        lemma: &term.lemma,
        gender: term.gender.map(|g| g.article()),
        plural: term.plural.as_deref(),
        english: &term.english,
        german: &term.explanation_de,
        category: &term.category,
        occurrences: g
            .occurrences_of(t)
            .map(|o| JsonOccurrence {
                block: o.block,
                start: o.range.start,
                end: o.range.end,
                text: &doc.text[o.range.clone()],
            })
            .collect(),
    }
}

/// The user's own terms. A glossary file that cannot be used is left out with a warning
/// that names the file and the place, as in the app: the command still answers from the
/// document's glossary.
fn user_terms(paths: &Paths) -> Vec<crate::glossary::Term> {
    glossary::user::load(&glossary::user::path(&paths.data_dir)).unwrap_or_else(|e| {
        errln!("lesepult: warning: {e} (your glossary is left out until it is fixed)");
        Vec::new()
    })
}

/// `lesepult glossary [WORD]`: list the terms, or print one entry with its occurrences.
pub fn glossary(
    doc: &Document,
    glossary_file: Option<&Path>,
    paths: &Paths,
    word: Option<&str>,
    json: bool,
) -> Result<(), CommandError> {
    let document_terms = sources::document_terms(doc, glossary_file).map_err(|e| CommandError {
        code: 2,
        message: e.to_string(),
    })?;
    let g = Glossary::build(doc, user_terms(paths), document_terms);
    let Some(word) = word else {
        let all = g.filtered("");
        if json {
            let list: Vec<JsonTerm> = all.iter().map(|&t| json_term(&g, doc, t)).collect();
            outln!("{}", to_json(&list));
        } else {
            for t in all {
                let term = &g.terms[t];
                outln!("{:<36} {}", term.headword(), term.english.join(", "));
            }
        }
        return Ok(());
    };
    let Some(t) = g.lookup_typed(word) else {
        let near: Vec<String> = g
            .nearest(word, 3)
            .iter()
            .map(|&t| g.terms[t].headword())
            .collect();
        return Err(CommandError {
            code: 1,
            message: format!(
                "„{word}“: not in the glossary; nearest terms: {}",
                near.join(", ")
            ),
        });
    };
    if json {
        outln!("{}", to_json(&json_term(&g, doc, t)));
        return Ok(());
    }
    let term = &g.terms[t];
    let plural = term.plural_note();
    let mut head = term.headword();
    if !plural.is_empty() {
        head.push_str(&format!(" ({plural})"));
    }
    outln!("{head}");
    outln!("  English: {}", term.english.join(", "));
    if !term.explanation_de.is_empty() {
        outln!("  Deutsch: {}", term.explanation_de);
    }
    if !term.explanation_en.is_empty() {
        outln!("  Meaning: {}", term.explanation_en);
    }
    if !term.category.is_empty() {
        outln!("  Kategorie: {}", term.category);
    }
    if !term.note.is_empty() {
        outln!("  Note: {}", term.note);
    }
    let count = g.count(t);
    outln!("  In the text: {count}");
    for o in g.occurrences_of(t) {
        let sentence: String = doc.text[o.sentence(doc)]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        outln!(
            "  ¶{:<3} {:<22} {}",
            o.block + 1,
            &doc.text[o.range.clone()],
            sentence
        );
    }
    Ok(())
}

/// Pretty JSON of anything serialisable.
fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The notes of a document, re-anchored in its current text. A broken notes file is an
/// error (exit 2) naming the file and the place, also when a recovery file holds notes:
/// nothing is left out without a word. The notes of a recovery file are included once the
/// notes file is readable again.
fn load_notes(doc: &Document, paths: &Paths) -> Result<Vec<Note>, CommandError> {
    let (store, loaded) = NotesStore::open(&paths.notes_dir(), doc);
    if let Some(found) = &loaded.by_fingerprint {
        errln!(
            "lesepult: {}: {}",
            crate::notes::store::FOUND_BY_FINGERPRINT,
            found.display()
        );
    }
    if let Some(bad) = loaded.unreadable {
        let waiting = if loaded.from_recovery {
            format!(
                "; {} notes wait in {} and join the others once the file is fixed",
                loaded.notes.len(),
                store.recovery_path.display()
            )
        } else {
            format!(
                "; the app saves new notes to {}",
                store.recovery_path.display()
            )
        };
        return Err(CommandError {
            code: 2,
            message: format!("{bad} (not changed{waiting})"),
        });
    }
    let mut notes = loaded.notes;
    for n in &mut notes {
        n.detached = !anchor::reanchor(doc, &mut n.anchor);
    }
    crate::notes::store::sort_notes(&mut notes);
    Ok(notes)
}

/// `lesepult notes [--json]`.
pub fn notes(doc: &Document, paths: &Paths, json: bool) -> Result<(), CommandError> {
    let notes = load_notes(doc, paths)?;
    if json {
        out!("{}", export::json(doc, &notes));
        return Ok(());
    }
    if notes.is_empty() {
        outln!("No notes on „{}“.", doc.title);
        return Ok(());
    }
    for n in &notes {
        let place = if n.detached {
            "detached".to_string()
        } else {
            format!("¶{}", n.anchor.block + 1)
        };
        let tags: Vec<String> = n.tags().iter().map(|t| format!("#{t}")).collect();
        outln!(
            "{place:<5} „{}“  {}  {}  {}",
            crate::ui_text::shorten(&n.anchor.quote, 40),
            crate::ui_text::shorten(&n.text, 60),
            tags.join(" "),
            crate::notes::date_of(&n.updated)
        );
    }
    Ok(())
}

/// How `lesepult export` writes.
#[derive(Debug, Default)]
pub struct ExportOptions<'a> {
    /// The file to write; standard output without it.
    pub output: Option<&'a Path>,
    /// Replace the file if it exists.
    pub force: bool,
    /// Anki: a card for each glossary term too.
    pub with_glossary: bool,
    /// The document's glossary file (for the term cards).
    pub glossary_file: Option<&'a Path>,
    /// An Anki package of the vocabulary: the words spoken by espeak-ng (if installed).
    pub audio: bool,
}

/// `lesepult export --format F [--output FILE [--force]] [--with-glossary]`.
pub fn export(
    doc: &Document,
    paths: &Paths,
    format: Format,
    options: &ExportOptions<'_>,
) -> Result<(), CommandError> {
    if format.is_package() && options.output.is_none() {
        return Err(CommandError {
            code: 2,
            message: "an Anki package is a binary file: give it a name with --output FILE.apkg"
                .to_string(),
        });
    }
    if format.is_vocab() {
        let vocab = vocabulary(paths)?;
        if format == Format::ApkgVocab {
            let mut speak = crate::runtime::effects::speaker(options.audio);
            let package = crate::apkg::vocabulary(&vocab, &mut speak, now_seconds())
                .map_err(|message| CommandError { code: 1, message })?;
            return write_out(&package.bytes, options, &package.what("words"), format);
        }
        let deck = crate::vocab::anki::export(&vocab);
        return write_out(
            deck.text.as_bytes(),
            options,
            &format!("{} words", deck.words),
            format,
        );
    }
    let notes = load_notes(doc, paths)?;
    let g = if format == Format::Anki && options.with_glossary {
        let document_terms =
            sources::document_terms(doc, options.glossary_file).map_err(|e| CommandError {
                code: 2,
                message: e.to_string(),
            })?;
        Some(Glossary::build(doc, user_terms(paths), document_terms))
    } else {
        None
    };
    if format == Format::Apkg {
        let package = crate::apkg::notes(doc, &notes, g.as_ref(), now_seconds())
            .map_err(|message| CommandError { code: 1, message })?;
        return write_out(&package.bytes, options, &package.what("notes"), format);
    }
    let rendered = export::render(format, doc, &notes, g.as_ref());
    write_out(rendered.text.as_bytes(), options, &rendered.what(), format)
}

/// The vocabulary for a deck: with the lexicon's lemmas, as in the app (which migrates at
/// start-up); the file is changed by the app only.
fn vocabulary(paths: &Paths) -> Result<crate::vocab::Vocabulary, CommandError> {
    let (_, mut vocab, problem) = crate::vocab::store::VocabStore::open(&paths.data_dir);
    if let Some(p) = problem {
        return Err(CommandError {
            code: 2,
            message: p,
        });
    }
    let migration = crate::vocab::migrate::migrate(&mut vocab);
    if !migration.is_empty() {
        errln!("lesepult: {}", migration.message());
    }
    Ok(vocab)
}

/// Where `lesepult anki sync` sends the words.
#[derive(Debug)]
pub struct AnkiTarget<'a> {
    pub url: &'a str,
    pub deck: &'a str,
    /// AnkiConnect's API key, if it has one.
    pub key: Option<String>,
}

/// `lesepult anki sync`: the vocabulary into a running Anki through AnkiConnect.
pub fn anki_sync(paths: &Paths, target: &AnkiTarget<'_>, audio: bool) -> Result<(), CommandError> {
    let (url, deck) = (target.url, target.deck);
    use crate::anki_connect::{AnkiError, Client};
    if deck.trim().is_empty() {
        return Err(CommandError {
            code: 2,
            message: "give a deck name (--deck NAME)".to_string(),
        });
    }
    let notes = crate::apkg::vocab_notes(&vocabulary(paths)?);
    let failure = |e: AnkiError| CommandError {
        code: if matches!(e, AnkiError::BadUrl { .. }) {
            2
        } else {
            1
        },
        message: e.to_string(),
    };
    let client = Client::new(url)
        .map_err(failure)?
        .with_key(target.key.clone());
    let mut speak = crate::runtime::effects::speaker(audio);
    let report =
        crate::anki_connect::sync(&client, &notes, deck.trim(), &mut speak).map_err(failure)?;
    outln!("{}", report.summary());
    for f in &report.failed {
        outln!("  not synced: {}: {}", f.lemma, f.reason);
    }
    if report.failed.is_empty() {
        Ok(())
    } else {
        Err(CommandError {
            code: 1,
            message: format!("Anki refused {} of the notes", report.failed.len()),
        })
    }
}

/// Seconds since 1970 (note and card times in a package).
fn now_seconds() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Write the export to the file (never over one that exists, unless `--force`; never into
/// a folder that is missing), or to standard output.
fn write_out(
    bytes: &[u8],
    options: &ExportOptions<'_>,
    what: &str,
    format: Format,
) -> Result<(), CommandError> {
    let Some(path) = options.output else {
        out!("{}", String::from_utf8_lossy(bytes));
        return Ok(());
    };
    use crate::storage::NewFileError;
    crate::storage::write_new(path, bytes, options.force).map_err(|e| match e {
        NewFileError::Exists(p) => CommandError {
            code: 2,
            message: format!(
                "{} exists; not overwritten (add --force to replace it)",
                p.display()
            ),
        },
        NewFileError::NoFolder(_) => CommandError {
            code: 2,
            message: e.to_string(),
        },
        NewFileError::Write(_) => CommandError {
            code: 1,
            message: e.to_string(),
        },
    })?;
    errln!(
        "Exported {what} as {} to {}.",
        format.name(),
        crate::storage::absolute(path).display()
    );
    Ok(())
}

fn dictionary_folders(paths: &Paths, config: &crate::config::Config) -> Vec<std::path::PathBuf> {
    crate::dict::folders(
        paths.data_dir.parent(),
        &config.dictionary_folders,
        config.standard_dictionary_folders,
    )
}

/// Every dictionary, as `dict list` shows them.
fn open_dictionaries(paths: &Paths, config: &crate::config::Config) -> crate::dict::Dictionaries {
    crate::dict::Dictionaries::discover(&dictionary_folders(paths, config))
}

/// The dictionaries a German word is looked up in.
fn open_german_dictionaries(
    paths: &Paths,
    config: &crate::config::Config,
) -> crate::dict::Dictionaries {
    let mut dicts = crate::dict::Dictionaries::discover_german(&dictionary_folders(paths, config));
    dicts.usage_cache = Some(paths.cache_dir.clone());
    dicts
}

/// `lesepult dict list`.
pub fn dict_list(paths: &Paths, config: &crate::config::Config) -> Result<(), CommandError> {
    let dicts = open_dictionaries(paths, config);
    outln!("Searched:");
    for f in &dicts.folders {
        let state = if f.is_dir() { "" } else { "  (not there)" };
        outln!("  {}{state}", f.display());
    }
    if dicts.list.is_empty() {
        outln!("No dictionary found. Install one, e.g. `apt install dict-freedict-deu-eng`,");
        outln!("or put a StarDict dictionary into $XDG_DATA_HOME/stardict/dic.");
    }
    // Each dictionary's data is checked whole (a dictzip file's CRC32): one that fails is
    // listed as broken, with the reason.
    let mut broken = Vec::new();
    for d in &dicts.list {
        if let Err(e) = d.verify() {
            broken.push(e);
            continue;
        }
        outln!(
            "{:<8} {:>8} headwords  {}  ({})",
            d.format(),
            d.headwords(),
            d.name(),
            d.path().display()
        );
    }
    for p in &broken {
        outln!("broken: {p}");
    }
    for p in &dicts.problems {
        outln!("not usable: {p}");
    }
    // The examples that weigh senses: built from the German dictionaries the first time.
    let german = open_german_dictionaries(paths, config);
    let examples = german.usage().len();
    if examples > 0 {
        outln!(
            "examples: {examples} phrases and sentences weigh the senses (index kept in {})",
            paths.cache_dir.display()
        );
    }
    Ok(())
}

/// `lesepult lookup WORD [--in SENTENCE] [--json]`.
pub fn lookup(
    doc: &Document,
    paths: &Paths,
    config: &crate::config::Config,
    word: &str,
    sentence: Option<&str>,
    json: bool,
) -> Result<(), CommandError> {
    let document_terms = sources::document_terms(doc, None).unwrap_or_default();
    let g = Glossary::build(doc, user_terms(paths), document_terms);
    let dicts = open_german_dictionaries(paths, config);
    let context = match sentence {
        Some(s) => match crate::german::sentence::tokens(s)
            .into_iter()
            .find(|t| t.is_word && t.text == word)
        {
            Some(t) => Some((s, t.start)),
            None => {
                return Err(CommandError {
                    code: 2,
                    message: format!("„{word}“ is not a word of the sentence given with --in"),
                });
            }
        },
        None => None,
    };
    let (results, problems) = crate::dict::lookup_in(word, context, Some(&g), &dicts);
    for p in &problems {
        errln!("lesepult: {p}");
    }
    if json {
        outln!("{}", to_json(&results));
        if results.is_empty() {
            return Err(CommandError {
                code: 1,
                message: format!("„{word}“: not found"),
            });
        }
    } else if results.is_empty() {
        let hint = if dicts.is_empty() {
            " (no dictionary installed: `apt install dict-freedict-deu-eng`)"
        } else {
            ""
        };
        return Err(CommandError {
            code: 1,
            message: format!("„{word}“: not found{hint}"),
        });
    } else {
        for f in &results {
            let head = match f.gender {
                Some(g) => crate::glossary::with_article(g.article(), &f.headword),
                None => f.headword.clone(),
            };
            let mut meta = vec![f.source.clone()];
            meta.extend(match &f.method {
                crate::dict::Method::Glossary => None,
                crate::dict::Method::Exact => Some("exact".into()),
                crate::dict::Method::CaseFolded => Some("case-folded".into()),
                crate::dict::Method::Lemma { from, via } => {
                    Some(format!("lemma of {from} ({via})"))
                }
                crate::dict::Method::Compound { parts } => {
                    Some(format!("compound {}", parts.join(" + ")))
                }
                crate::dict::Method::Part { of } => Some(format!("part of {of}")),
                crate::dict::Method::Phrase { word } => Some(format!("phrase around {word}")),
                crate::dict::Method::Alternative { from } => {
                    Some(format!("another reading of {from}"))
                }
                crate::dict::Method::Cited { under, how } => Some(format!("under {under} ({how})")),
            });
            if f.gender_inferred {
                meta.push("gender inferred".into());
            }
            if let Some(p) = &f.plural {
                meta.push(format!("Pl. {}", crate::glossary::plural_with_article(p)));
            }
            if let Some(p) = &f.pronunciation {
                meta.push(format!("/{p}/"));
            }
            outln!("{head}  [{}]", meta.join("; "));
            for s in f.senses.iter().take(4) {
                outln!("    {s}");
            }
        }
    }
    Ok(())
}

/// `lesepult vocab import|export`.
pub fn vocab(paths: &Paths, command: super::args::VocabCommand) -> Result<(), CommandError> {
    use super::args::VocabCommand;
    use crate::vocab::exchange;
    let fail = |code: u8| move |message: String| CommandError { code, message };
    let (mut store, mut vocab, problem) = crate::vocab::store::VocabStore::open(&paths.data_dir);
    if let Some(p) = problem {
        return Err(fail(2)(p));
    }
    match command {
        VocabCommand::Export {
            format,
            output,
            force,
        } => {
            let text = exchange::export(&vocab, format).map_err(fail(1))?;
            let what = format!("{} words", vocab.entries.len());
            match output {
                None => {
                    out!("{text}");
                    eprintln!("Exported {what}.");
                    Ok(())
                }
                Some(path) => crate::storage::write_new(&path, text.as_bytes(), force)
                    .map(|()| {
                        eprintln!(
                            "Exported {what} to {}.",
                            crate::storage::absolute(&path).display()
                        );
                    })
                    .map_err(|e| fail(2)(e.to_string())),
            }
        }
        VocabCommand::Import {
            file,
            status,
            column,
            dry_run,
        } => {
            let status = match status.as_deref() {
                None => None,
                Some(s) => Some(exchange::parse_status(s).ok_or_else(|| {
                    fail(2)(format!(
                        "unknown status {s:?}: give 1-5, known, ignored or new"
                    ))
                })?),
            };
            let bytes = std::fs::read(&file)
                .map_err(|e| fail(2)(format!("cannot read {}: {e}", file.display())))?;
            let text = String::from_utf8_lossy(&bytes);
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let column = column.as_deref().map(exchange::Column::parse);
            let now = crate::notes::timestamp(chrono::Utc::now());
            let imported = exchange::import(&mut vocab, text, column.as_ref(), status, &now)
                .map_err(|e| fail(2)(format!("{}: {e}", file.display())))?;
            const SHOWN: usize = 50;
            for s in imported.skipped.iter().take(SHOWN) {
                eprintln!(
                    "{}:{}: skipped: {} ({})",
                    file.display(),
                    s.line,
                    s.reason,
                    s.text
                );
            }
            if imported.skipped.len() > SHOWN {
                eprintln!(
                    "… and {} more skipped lines",
                    imported.skipped.len() - SHOWN
                );
            }
            if dry_run {
                outln!("{} (dry run: nothing saved)", imported.summary());
                return Ok(());
            }
            if imported.added + imported.changed > 0 {
                store.save(&vocab).map_err(fail(1))?;
            }
            outln!(
                "{}; saved to {}",
                imported.summary(),
                store_path(paths).display()
            );
            Ok(())
        }
    }
}

fn store_path(paths: &Paths) -> std::path::PathBuf {
    crate::vocab::store::VocabStore::path_in(&paths.data_dir)
}
