//! Subcommands for scripts: `paths` and `glossary`.

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

pub fn paths(paths: &Paths) {
    println!("config file: {}", paths.config_file.display());
    println!("data dir:    {}", paths.data_dir.display());
    println!(
        "glossary:    {}",
        glossary::user::path(&paths.data_dir).display()
    );
    println!("notes:       {}", paths.notes_dir().display());
    println!("state dir:   {}", paths.state_dir.display());
    println!("positions:   {}", paths.positions_dir().display());
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
    let user_terms =
        glossary::user::load(&glossary::user::path(&paths.data_dir)).map_err(|e| CommandError {
            code: 2,
            message: e.to_string(),
        })?;
    let g = Glossary::build(doc, user_terms, document_terms);
    let Some(word) = word else {
        let all = g.filtered("");
        if json {
            let list: Vec<JsonTerm> = all.iter().map(|&t| json_term(&g, doc, t)).collect();
            println!("{}", to_json(&list));
        } else {
            for t in all {
                let term = &g.terms[t];
                let article = term.gender.map_or("", |g| g.article());
                println!("{article:<4}{:<32} {}", term.lemma, term.english.join(", "));
            }
        }
        return Ok(());
    };
    let Some(t) = g.lookup(word) else {
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
        println!("{}", to_json(&json_term(&g, doc, t)));
        return Ok(());
    }
    let term = &g.terms[t];
    let plural = term.plural_label();
    let mut head = term.headword();
    if !plural.is_empty() {
        head.push_str(&format!(" (Pl. {plural})"));
    }
    println!("{head}");
    println!("  English: {}", term.english.join(", "));
    if !term.explanation_de.is_empty() {
        println!("  Deutsch: {}", term.explanation_de);
    }
    if !term.explanation_en.is_empty() {
        println!("  Meaning: {}", term.explanation_en);
    }
    if !term.category.is_empty() {
        println!("  Kategorie: {}", term.category);
    }
    if !term.note.is_empty() {
        println!("  Note: {}", term.note);
    }
    let count = g.count(t);
    println!("  In the text: {count}");
    for o in g.occurrences_of(t) {
        let sentence: String = doc.text[o.sentence.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        println!(
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
/// error (exit 2) naming the file and the place; notes of a recovery file are included.
fn load_notes(doc: &Document, paths: &Paths) -> Result<Vec<Note>, CommandError> {
    let (store, loaded) = NotesStore::open(&paths.notes_dir(), doc);
    if let Some(bad) = loaded.unreadable
        && !loaded.from_recovery
    {
        return Err(CommandError {
            code: 2,
            message: format!(
                "{bad} (not changed; the app saves new notes to {})",
                store.recovery_path.display()
            ),
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
        print!("{}", export::json(doc, &notes));
        return Ok(());
    }
    if notes.is_empty() {
        println!("No notes on „{}“.", doc.title);
        return Ok(());
    }
    for n in &notes {
        let place = if n.detached {
            "detached".to_string()
        } else {
            format!("¶{}", n.anchor.block + 1)
        };
        let tags: Vec<String> = n.tags().iter().map(|t| format!("#{t}")).collect();
        println!(
            "{place:<5} „{}“  {}  {}  {}",
            crate::ui_text::shorten(&n.anchor.quote, 40),
            crate::ui_text::shorten(&n.text, 60),
            tags.join(" "),
            crate::clock::date_of(&n.updated)
        );
    }
    Ok(())
}

/// `lesepult export --format F [--output FILE]`.
pub fn export(
    doc: &Document,
    paths: &Paths,
    format: Format,
    output: Option<&Path>,
    glossary_file: Option<&Path>,
) -> Result<(), CommandError> {
    let notes = load_notes(doc, paths)?;
    let g = if format == Format::Anki {
        let document_terms =
            sources::document_terms(doc, glossary_file).map_err(|e| CommandError {
                code: 2,
                message: e.to_string(),
            })?;
        let user = glossary::user::load(&glossary::user::path(&paths.data_dir)).unwrap_or_default();
        Some(Glossary::build(doc, user, document_terms))
    } else {
        None
    };
    let text = export::render(format, doc, &notes, g.as_ref());
    match output {
        Some(path) => {
            crate::storage::write_atomic(path, text.as_bytes(), false).map_err(|e| {
                CommandError {
                    code: 1,
                    message: e.to_string(),
                }
            })?;
            eprintln!(
                "Exported {} notes as {} to {}.",
                notes.len(),
                format.name(),
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}
