//! Subcommands for scripts: `paths` and `glossary`.

use std::path::Path;

use serde::Serialize;

use crate::document::Document;
use crate::glossary::{self, Glossary};
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
