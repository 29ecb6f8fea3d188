//! Exporting notes: Markdown, JSON, CSV and Anki.

use std::ops::Range;

use serde::Serialize;

use super::model::{AnchorKind, Note};
use crate::document::{BlockKind, Document, fnv1a};
use crate::glossary::Glossary;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    Csv,
    Anki,
    /// The vocabulary as an Anki deck (`--format anki --vocab`).
    AnkiVocab,
    /// An Anki package (.apkg) of the notes, with lesepult's note type (`crate::apkg`).
    Apkg,
    /// The vocabulary as an Anki package (`--format apkg --vocab`).
    ApkgVocab,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Markdown,
        Format::Json,
        Format::Csv,
        Format::Anki,
        Format::AnkiVocab,
        Format::Apkg,
        Format::ApkgVocab,
    ];

    /// The vocabulary's formats (not the notes').
    pub fn is_vocab(self) -> bool {
        matches!(self, Format::AnkiVocab | Format::ApkgVocab)
    }

    /// A binary package, made by `crate::apkg` (not by [`render`]).
    pub fn is_package(self) -> bool {
        matches!(self, Format::Apkg | Format::ApkgVocab)
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Anki => "anki",
            Format::AnkiVocab => "anki-vocab",
            Format::Apkg => "apkg",
            Format::ApkgVocab => "apkg-vocab",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Anki => "anki.txt",
            Format::AnkiVocab => "vocab.anki.txt",
            Format::Apkg => "apkg",
            Format::ApkgVocab => "vocab.apkg",
        }
    }
}

/// An export's text and what it holds (for the message: the counts are of what was
/// written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub notes: usize,
    /// Glossary term cards (Anki with the glossary only).
    pub terms: usize,
}

impl Rendered {
    /// "3 notes", or "43 cards (3 notes, 40 glossary terms)".
    pub fn what(&self) -> String {
        if self.terms == 0 {
            format!("{} notes", self.notes)
        } else {
            format!(
                "{} cards ({} notes, {} glossary terms)",
                self.notes + self.terms,
                self.notes,
                self.terms
            )
        }
    }
}

/// Render the notes in a format. Anki gets cards for the glossary terms only when a
/// glossary is given (`--with-glossary`, or that choice in the export dialog).
pub fn render(
    format: Format,
    doc: &Document,
    notes: &[Note],
    glossary: Option<&Glossary>,
) -> Rendered {
    let count = |text: String| Rendered {
        text,
        notes: notes.len(),
        terms: 0,
    };
    match format {
        Format::Markdown => count(markdown(doc, notes)),
        Format::Json => count(json(doc, notes)),
        Format::Csv => count(csv(doc, notes)),
        Format::Anki => {
            let (text, terms) = anki_cards(doc, notes, glossary);
            Rendered {
                text,
                notes: notes.len(),
                terms,
            }
        }
        // The vocabulary deck is made from the vocabulary, not the notes.
        // The vocabulary deck is made from the vocabulary, not the notes; packages are
        // binary (`crate::apkg`).
        Format::AnkiVocab | Format::Apkg | Format::ApkgVocab => count(String::new()),
    }
}

/// A note's passage as exported: for a paragraph, its beginning to a sentence end (or cut
/// at a word with "…"); for a word, a term or a selection, the whole sentence(s) it
/// stands in with `mark` (bytes of `text`) on the word; a table's rows as their cells,
/// without the drawn rules. A detached note's stored quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    pub mark: Option<Range<usize>>,
}

/// The longest paragraph passage, in characters; whole sentences are taken up to it.
const PARAGRAPH_PASSAGE: usize = 240;

impl Passage {
    /// The text with the marked word between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        match &self.mark {
            Some(m) => format!(
                "{}{open}{}{close}{}",
                &self.text[..m.start],
                &self.text[m.clone()],
                &self.text[m.end..]
            ),
            None => self.text.clone(),
        }
    }

    /// The mark in characters (Unicode scalar values) from the start of the text.
    fn mark_in_chars(&self) -> Option<(usize, usize)> {
        self.mark.as_ref().map(|m| {
            let start = self.text[..m.start].chars().count();
            (start, start + self.text[m.clone()].chars().count())
        })
    }
}

/// Whether a block is a Markdown table as drawn by the document (a code block whose second
/// line is the rule under the header: only `─` and `┼`).
fn is_table(doc: &Document, block: usize) -> bool {
    doc.blocks
        .get(block)
        .is_some_and(|b| b.kind == BlockKind::Code)
        && doc
            .block_text(block)
            .lines()
            .nth(1)
            .is_some_and(|l| !l.is_empty() && l.chars().all(|c| matches!(c, '─' | '┼')))
}

/// A table's rows (those of `range`, bytes of the block's text) as their cells, `|`
/// between them, the rule left out.
fn table_rows(text: &str, range: Range<usize>) -> String {
    let mut rows = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let span = at..at + line.len();
        at = span.end;
        let drawn = line.trim_end();
        if drawn.chars().all(|c| matches!(c, '─' | '┼')) {
            continue;
        }
        if span.end > range.start && span.start < range.end.max(range.start + 1) {
            let cells: Vec<&str> = drawn.split('│').map(str::trim).collect();
            rows.push(cells.join(" | "));
        }
    }
    rows.join("\n")
}

/// Whitespace as in running text: line breaks (also Markdown's hard ones) become spaces.
fn flat(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' || c == crate::document::LINE_SEPARATOR {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Characters that end a sentence, also before closing quotes and brackets.
fn ends_a_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['“', '”', '"', '«', '»', '‘', '’', ')', '\''])
        .ends_with(['.', '!', '?', '…', ':'])
}

/// The passage a note quotes (see [`Passage`]).
pub fn passage(doc: &Document, n: &Note) -> Passage {
    let a = &n.anchor;
    let block_range = doc.blocks.get(a.block).map(|b| b.text.clone());
    let in_place = !n.detached
        && block_range
            .as_ref()
            .is_some_and(|b| b.start <= a.start && a.start <= a.end && a.end <= b.end)
        && doc.text.is_char_boundary(a.start)
        && doc.text.is_char_boundary(a.end);
    let Some(block) = block_range.filter(|_| in_place) else {
        let mut text = flat(&a.quote);
        if a.kind == AnchorKind::Paragraph && !ends_a_sentence(&text) {
            text.push_str(" …");
        }
        return Passage { text, mark: None };
    };
    let text = &doc.text[block.clone()];
    let (start, end) = (a.start - block.start, a.end - block.start);
    if is_table(doc, a.block) {
        let range = if a.kind == AnchorKind::Paragraph {
            0..text.len()
        } else {
            start..end
        };
        return Passage {
            text: table_rows(text, range),
            mark: None,
        };
    }
    let sentences = crate::document::sentence_ranges(text);
    if a.kind == AnchorKind::Paragraph {
        let mut to = 0;
        for s in &sentences {
            if to > 0 && text[..s.end].chars().count() > PARAGRAPH_PASSAGE {
                break;
            }
            to = s.end;
        }
        if to == 0 || text[..to].chars().count() > PARAGRAPH_PASSAGE {
            // One long sentence: cut at a word, and say so.
            let limit = text
                .char_indices()
                .nth(PARAGRAPH_PASSAGE)
                .map_or(text.len(), |(i, _)| i);
            if limit >= text.len() {
                to = text.len();
            } else {
                let cut = text[..limit].trim_end().rfind(' ').unwrap_or(limit);
                let cut = text[..cut].trim_end().len();
                return Passage {
                    text: format!("{} …", flat(&text[..cut])),
                    mark: None,
                };
            }
        }
        let mut out = flat(text[..to].trim_end());
        if !ends_a_sentence(&out) && to < text.trim_end().len() {
            out.push_str(" …");
        }
        return Passage {
            text: out,
            mark: None,
        };
    }
    // A word, a term or a selection: the sentences it stands in, the word marked.
    let first = sentences
        .iter()
        .find(|s| s.end > start)
        .map_or(start, |s| s.start.min(start));
    let last = sentences
        .iter()
        .rev()
        .find(|s| s.start < end.max(start + 1))
        .map_or(end, |s| s.end.max(end));
    let before = flat(&text[first..start]);
    let word = flat(&text[start..end]);
    let after = flat(&text[end..last]);
    Passage {
        mark: Some(before.len()..before.len() + word.len()),
        text: format!("{before}{word}{after}"),
    }
}

/// The section a note stands in: the heading it stands under in the text as it is now
/// (a note on a heading belongs to that heading's section), or for a detached note the
/// one it was written under. Empty before the first heading.
pub fn section(doc: &Document, n: &Note) -> String {
    if n.detached || n.anchor.block >= doc.blocks.len() {
        return n.anchor.section.clone();
    }
    doc.section_of(n.anchor.block)
        .map(|h| doc.block_text(h).to_string())
        .unwrap_or_default()
}

fn date(n: &Note) -> &str {
    crate::notes::date_of(&n.created)
}

/// Markdown: the title, notes under their section headings, each with its passage as a
/// block quote, then the note, its tags and date.
pub fn markdown(doc: &Document, notes: &[Note]) -> String {
    let mut out = format!("# Notes: {}\n", md_text(&doc.title));
    if let Some(author) = &doc.author {
        out.push_str(&format!("\n*{}*\n", md_text(author)));
    }
    let mut current: Option<String> = None;
    for n in notes.iter().filter(|n| !n.detached) {
        // Notes before the first heading stand under the document's title, which the
        // first line already gives: no second heading of the same name.
        let section = section(doc, n);
        if current.as_deref() != Some(section.as_str()) {
            if !section.is_empty() && section != doc.title {
                out.push_str(&format!("\n## {}\n", md_text(&section)));
            }
            current = Some(section);
        }
        push_note_md(&mut out, doc, n);
    }
    let detached: Vec<&Note> = notes.iter().filter(|n| n.detached).collect();
    if !detached.is_empty() {
        out.push_str("\n## Detached notes (their passage is no longer in the text)\n");
        for n in detached {
            push_note_md(&mut out, doc, n);
        }
    }
    out
}

fn push_note_md(out: &mut String, doc: &Document, n: &Note) {
    out.push('\n');
    // The word a note is on is bold in its sentence.
    for line in md_text(&passage(doc, n).marked("**", "**")).lines() {
        out.push_str(&format!("> {line}\n"));
    }
    out.push('\n');
    // The note's line breaks stay line breaks (two spaces end a line in Markdown).
    let text = md_text(&n.text);
    let lines: Vec<&str> = text.trim_end().lines().collect();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line.trim_end());
        let next_is_text = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        if !line.trim().is_empty() && next_is_text {
            out.push_str("  ");
        }
        out.push('\n');
    }
    let tags: Vec<String> = n
        .tags()
        .iter()
        .map(|t| format!("#{}", md_text(t)))
        .collect();
    let mut meta = vec![date(n).to_string()];
    if !tags.is_empty() {
        meta.insert(0, tags.join(" "));
    }
    out.push_str(&format!("\n*{}*\n", meta.join(" · ")));
}

/// Text from the document or a note, safe in Markdown: HTML in it (`<script>`) is shown,
/// not run: `<`, `>` and an `&` that starts an entity are escaped. Everything else, German
/// quotation marks and umlauts included, is kept.
pub fn md_text(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['<', '>', '&']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, c) in s.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if s[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') =>
            {
                out.push_str("&amp;")
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    id: String,
    title: &'a str,
    /// A book's author (from its metadata); absent for texts without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    text_hash: String,
}

#[derive(Serialize)]
struct JsonNote<'a> {
    id: &'a str,
    created: &'a str,
    updated: &'a str,
    text: &'a str,
    tags: Vec<String>,
    detached: bool,
    /// The section heading it stands under now.
    section: String,
    /// The passage as exported (see [`Passage`]).
    excerpt: JsonExcerpt,
    anchor: &'a super::model::Anchor,
}

/// The exported passage, and the word's place in it in characters (Unicode scalar values),
/// `null` for a paragraph.
#[derive(Serialize)]
struct JsonExcerpt {
    text: String,
    mark: Option<JsonMark>,
}

#[derive(Serialize)]
struct JsonMark {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonExport<'a> {
    schema: &'static str,
    version: u32,
    document: JsonDocument<'a>,
    notes: Vec<JsonNote<'a>>,
}

/// JSON, schema "lesepult-notes" version 1 (see the README).
pub fn json(doc: &Document, notes: &[Note]) -> String {
    let export = JsonExport {
        schema: "lesepult-notes",
        version: 1,
        document: JsonDocument {
            id: doc.id(),
            title: &doc.title,
            author: doc.author.as_deref(),
            text_hash: super::store::text_hash(doc),
        },
        notes: notes
            .iter()
            .map(|n| JsonNote {
                id: &n.id,
                created: &n.created,
                updated: &n.updated,
                text: &n.text,
                tags: n.tags(),
                detached: n.detached,
                section: section(doc, n),
                excerpt: {
                    let p = passage(doc, n);
                    JsonExcerpt {
                        mark: p
                            .mark_in_chars()
                            .map(|(start, end)| JsonMark { start, end }),
                        text: p.text,
                    }
                },
                anchor: &n.anchor,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&export).unwrap_or_default() + "\n"
}

/// CSV (RFC 4180): a header row, one note a row. `passage` is the anchored text as
/// stored (a word, or a paragraph's beginning); `excerpt`, the last column, is the
/// passage as exported, the word in `**bold**` as in Markdown.
pub fn csv(doc: &Document, notes: &[Note]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "id", "created", "updated", "section", "kind", "passage", "note", "tags", "block", "start",
        "end", "detached", "excerpt",
    ]);
    for n in notes {
        let kind = serde_json::to_value(n.anchor.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = w.write_record(
            [
                n.id.as_str(),
                &n.created,
                &n.updated,
                &section(doc, n),
                &kind,
                &n.anchor.quote,
                &n.text,
                &n.tags().join(" "),
                &n.anchor.block.to_string(),
                &n.anchor.start.to_string(),
                &n.anchor.end.to_string(),
                if n.detached { "true" } else { "false" },
                &passage(doc, n).marked("**", "**"),
            ]
            .map(|c| csv_cell(c).into_owned()),
        );
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// A CSV cell that a spreadsheet does not run as a formula: one that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (as OWASP recommends against
/// CSV injection).
pub fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// HTML-escaped, newlines as `<br>`, tabs as spaces: safe in a tab-separated Anki field.
pub fn anki_field(s: &str) -> String {
    anki_field_untrimmed(s.trim())
}

/// [`anki_field`] without trimming (a piece of a field).
pub fn anki_field_untrimmed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A tag for Anki: whitespace (which separates tags, and a tab columns) as `_`.
pub fn anki_tag(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// A stable GUID: the same note or term of the same document always gets the same one,
/// so a re-import updates the card instead of adding a duplicate.
pub fn guid(doc_id: &str, kind: &str, key: &str) -> String {
    format!(
        "ls{:016x}",
        fnv1a(format!("lesepult\u{1f}{doc_id}\u{1f}{kind}\u{1f}{key}").as_bytes())
    )
}

/// Anki's tab-separated import format: one Basic card per note (front: the passage, the
/// word in bold; back: the note) and, with a glossary, one per glossary term that occurs
/// in the text (front: "der Leerverkauf"; back: English, plural, the article's sentence).
pub fn anki(doc: &Document, notes: &[Note], glossary: Option<&Glossary>) -> String {
    anki_cards(doc, notes, glossary).0
}

/// One card of the notes' Anki deck: a note (front: the passage, the word in bold; back:
/// the note) or a glossary term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnkiRow {
    pub guid: String,
    /// HTML.
    pub front: String,
    pub back: String,
    pub tags: Vec<String>,
    /// A glossary term's card (not a note's).
    pub term: bool,
}

/// The deck the notes of `doc` go to ("lesepult::Title").
pub fn notes_deck(doc: &Document) -> String {
    format!("lesepult::{}", doc.title.replace("::", ":"))
}

/// The Anki text and how many term cards it has.
fn anki_cards(doc: &Document, notes: &[Note], glossary: Option<&Glossary>) -> (String, usize) {
    let deck = anki_field(&notes_deck(doc));
    let mut out = String::from(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n",
    );
    let rows = anki_rows(doc, notes, glossary);
    for r in &rows {
        out.push_str(&format!(
            "{}\tBasic\t{deck}\t{}\t{}\t{}\n",
            r.guid,
            r.front,
            r.back,
            r.tags.join(" ")
        ));
    }
    (out, rows.iter().filter(|r| r.term).count())
}

/// The cards of the notes (and, with a glossary, of its terms that occur in the text).
pub fn anki_rows(doc: &Document, notes: &[Note], glossary: Option<&Glossary>) -> Vec<AnkiRow> {
    let mut rows = Vec::new();
    let id = doc.id();
    let doc_tag = anki_tag(&id);
    for n in notes {
        let p = passage(doc, n);
        let mut front = match &p.mark {
            Some(m) => format!(
                "{}<b>{}</b>{}",
                anki_field_untrimmed(&p.text[..m.start]),
                anki_field_untrimmed(&p.text[m.clone()]),
                anki_field_untrimmed(&p.text[m.end..])
            )
            .trim()
            .to_string(),
            None => anki_field(&p.text),
        };
        let section = section(doc, n);
        if !section.is_empty() {
            front.push_str(&format!("<br><small>{}</small>", anki_field(&section)));
        }
        let mut tags = vec!["lesepult".to_string(), doc_tag.clone(), "note".to_string()];
        tags.extend(n.tags().iter().map(|t| anki_tag(t)));
        rows.push(AnkiRow {
            guid: guid(&id, "note", &n.id),
            front,
            back: anki_field(&n.text),
            tags,
            term: false,
        });
    }
    if let Some(g) = glossary {
        for t in g.filtered("") {
            let term = &g.terms[t];
            let Some(first) = g.occurrences_of(t).next() else {
                continue;
            };
            let sentence: String = doc.text[first.sentence(doc)]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let mut back = vec![anki_field(&term.english.join(", "))];
            match term.plural.as_deref() {
                Some(p) if !p.is_empty() => {
                    back.push(format!("Pl. {}", anki_field(&term.plural_label())))
                }
                _ if term.singular_only => back.push("(no plural)".to_string()),
                _ => {}
            }
            back.push(format!("<i>{}</i>", anki_field(&sentence)));
            let mut tags = vec!["lesepult".to_string(), doc_tag.clone(), "term".to_string()];
            if !term.category.is_empty() {
                tags.push(anki_tag(&term.category));
            }
            rows.push(AnkiRow {
                guid: guid(&id, "term", &term.lemma),
                front: anki_field(&term.headword()),
                back: back.join("<br>"),
                tags,
                term: true,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::model::{Anchor, AnchorKind};
    use super::*;
    use crate::document::bundled;

    fn notes() -> Vec<Note> {
        let doc = bundled();
        let at = doc.text.find("Leerverkäufe").expect("word");
        let block = super::super::anchor::block_at(&doc, at).expect("block");
        let anchor = super::super::anchor::make(
            &doc,
            AnchorKind::Word,
            block,
            at..at + "Leerverkäufe".len(),
            None,
        );
        vec![
            Note {
                id: "n1".into(),
                created: "2026-11-28T20:00:00Z".into(),
                updated: "2026-11-28T20:00:00Z".into(),
                text: "Zwei Zeilen,\n„mit“ Tab\tund \"Quotes\" <b> & #wirtschaft".into(),
                anchor,
                detached: false,
            },
            Note {
                id: "n2".into(),
                created: "2026-11-28T20:00:00Z".into(),
                updated: "2026-11-28T20:00:00Z".into(),
                text: "lost".into(),
                anchor: Anchor {
                    kind: AnchorKind::Span,
                    block: 0,
                    start: 0,
                    end: 0,
                    quote: "weg".into(),
                    before: String::new(),
                    after: String::new(),
                    section: String::new(),
                    term: None,
                },
                detached: true,
            },
        ]
    }

    #[test]
    fn markdown_groups_by_section_with_quotes() {
        let doc = bundled();
        let md = markdown(&doc, &notes());
        assert!(md.starts_with(&format!("# Notes: {}\n", doc.title)));
        // The word's whole sentence is quoted, the word in bold.
        let quoted = md
            .lines()
            .find(|l| l.contains("**Leerverkäufe**"))
            .expect("the word in bold");
        // (The sentence ends the paragraph, which has no full stop in the article.)
        assert_eq!(
            quoted,
            "> Inzwischen stürzen die Aktienkurse der KI-Unternehmen, und die **Leerverkäufe** haben Hochkonjunktur"
        );
        assert!(md.contains("#wirtschaft · 2026-11-28"));
        assert!(md.contains("## Detached notes"));
        let title_heading = format!("## {}\n", doc.title);
        assert!(
            !md.contains(&title_heading),
            "the title is not said twice: {md}"
        );
    }

    #[test]
    fn markdown_keeps_a_notes_line_breaks() {
        let doc = bundled();
        let mut two = notes();
        two.truncate(1);
        two[0].text = "Erste Zeile\nzweite Zeile\n\nNeuer Absatz".into();
        let md = markdown(&doc, &two);
        assert!(
            md.contains("Erste Zeile  \nzweite Zeile\n\nNeuer Absatz\n"),
            "{md}"
        );
    }

    #[test]
    fn json_reads_back() {
        let doc = bundled();
        let v: serde_json::Value = serde_json::from_str(&json(&doc, &notes())).expect("json");
        assert_eq!(v["schema"], "lesepult-notes");
        assert_eq!(v["version"], 1);
        assert_eq!(v["document"]["id"], doc.id());
        assert_eq!(v["notes"][0]["text"], notes()[0].text);
        assert_eq!(v["notes"][0]["tags"][0], "wirtschaft");
        assert_eq!(v["notes"][0]["anchor"]["quote"], "Leerverkäufe");
    }

    #[test]
    fn csv_reads_back_with_a_csv_parser() {
        let text = csv(&bundled(), &notes());
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        let headers = r.headers().expect("headers").clone();
        assert_eq!(headers.get(6), Some("note"));
        let rows: Vec<::csv::StringRecord> = r.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get(6), Some(notes()[0].text.as_str()));
        assert_eq!(rows[1].get(11), Some("true"));
    }

    #[test]
    fn anki_has_headers_stable_guids_and_escaped_fields() {
        let doc = bundled();
        let g = Glossary::build(&doc, Vec::new(), crate::glossary::bundled());
        let one = anki(&doc, &notes(), Some(&g));
        let two = anki(&doc, &notes(), Some(&g));
        assert_eq!(one, two, "stable across exports");
        assert!(
            !one.contains("Pl. no plural"),
            "a noun without a plural says so plainly"
        );
        if g.terms.iter().any(|t| t.singular_only) {
            assert!(one.contains("(no plural)"));
        }
        let mut lines = one.lines();
        let headers: Vec<&str> = lines.by_ref().take(6).collect();
        assert_eq!(
            headers,
            vec![
                "#separator:tab",
                "#html:true",
                "#guid column:1",
                "#notetype column:2",
                "#deck column:3",
                "#tags column:6"
            ]
        );
        let rows: Vec<Vec<&str>> = one
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        assert!(rows.iter().all(|r| r.len() == 6), "six fields in every row");
        let note = &rows[0];
        assert_eq!(note[1], "Basic");
        assert!(
            note[4].contains("<br>")
                && note[4].contains("&lt;b&gt; &amp;")
                && note[4].contains("&quot;Quotes&quot;")
        );
        let term = rows
            .iter()
            .find(|r| r[3] == "der Leerverkauf")
            .expect("a term card");
        assert!(term[4].contains("short sale") && term[4].contains("Pl. die Leerverkäufe"));
        let guids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
        let mut unique = guids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), guids.len(), "GUIDs are unique");
    }

    fn note_on(doc: &Document, kind: AnchorKind, range: Range<usize>) -> Note {
        let block = super::super::anchor::block_at(doc, range.start).expect("block");
        let range = if kind == AnchorKind::Paragraph {
            doc.blocks[block].text.clone()
        } else {
            range
        };
        Note {
            id: format!("n{}", range.start),
            created: "2026-11-28T20:00:00Z".into(),
            updated: "2026-11-28T20:00:00Z".into(),
            text: "Meine Notiz".into(),
            anchor: super::super::anchor::make(doc, kind, block, range, None),
            detached: false,
        }
    }

    fn at(doc: &Document, text: &str) -> Range<usize> {
        let start = doc.text.find(text).expect(text);
        start..start + text.len()
    }

    const HEADING: &str = "Amerikas Boeing-Moment: Monopole als Sackgasse";

    #[test]
    fn formulas_are_neutralised_in_csv_and_html_escaped_in_markdown_and_anki() {
        let text = "Titel <script>alert(1)</script>\n\n=HYPERLINK(\"http://x\";\"Größe\")\n\n\
                    Die „Führung“ <b>fett</b> & mehr.\n";
        let doc = crate::document::parse_str(
            text.into(),
            crate::document::Origin::Bundled("t"),
            "t",
            false,
        );
        let mut formula = note_on(&doc, AnchorKind::Paragraph, at(&doc, "=HYPERLINK"));
        formula.text = "@SUM(1+1)".into();
        let mut html = note_on(&doc, AnchorKind::Word, at(&doc, "Führung"));
        html.text = "-2+3 <img src=x onerror=alert(1)> Maß".into();
        let notes = vec![formula, html];
        let rows = csv_rows(&csv(&doc, &notes));
        assert!(rows[0][5].starts_with("'=HYPERLINK"), "{:?}", rows[0]);
        assert!(rows[0][12].starts_with("'=HYPERLINK"), "{:?}", rows[0]);
        assert_eq!(rows[0][6], "'@SUM(1+1)");
        assert_eq!(rows[1][6], "'-2+3 <img src=x onerror=alert(1)> Maß");
        assert_eq!(rows[1][5], "Führung", "German text is kept");
        for cell in rows.iter().flatten() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell}"
            );
        }
        let md = markdown(&doc, &notes);
        assert!(
            !md.contains("<script") && !md.contains("<img") && !md.contains("<b>"),
            "{md}"
        );
        assert!(
            md.contains("&lt;script&gt;") && md.contains("&lt;b&gt;fett"),
            "{md}"
        );
        assert!(
            md.contains("„**Führung**“") && md.contains("& mehr") && md.contains("Maß"),
            "{md}"
        );
        let anki = anki(&doc, &notes, None);
        assert!(
            !anki.contains("<script") && !anki.contains("<img"),
            "{anki}"
        );
        assert!(anki.contains("&lt;img"), "{anki}");
    }

    #[test]
    fn a_note_on_a_heading_is_in_that_headings_section() {
        let doc = bundled();
        let before = note_on(&doc, AnchorKind::Word, at(&doc, "Leerverkäufe"));
        let mut heading = note_on(&doc, AnchorKind::Paragraph, at(&doc, HEADING));
        assert_eq!(heading.anchor.section, HEADING, "stored with the note");
        let mut notes = vec![before, heading.clone()];
        super::super::store::sort_notes(&mut notes);
        let md = markdown(&doc, &notes);
        let section = md.find(&format!("\n## {HEADING}\n")).expect("its section");
        let quote = md.find(&format!("> {HEADING}")).expect("its quote");
        assert!(section < quote, "the note is under its own heading: {md}");
        let rows = csv_rows(&csv(&doc, &notes));
        let row = rows.iter().find(|r| r[5] == *HEADING).expect("the row");
        assert_eq!(row[3], *HEADING, "the CSV names the section");
        // A note written before this was fixed (stored without a section) too.
        heading.anchor.section.clear();
        assert_eq!(section_of_note(&doc, &heading), HEADING);
    }

    fn section_of_note(doc: &Document, n: &Note) -> String {
        section(doc, n)
    }

    fn csv_rows(text: &str) -> Vec<Vec<String>> {
        ::csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("row").iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn a_paragraph_quote_ends_at_a_sentence_end_or_with_an_ellipsis() {
        let doc = bundled();
        for b in 0..doc.blocks.len() {
            if doc.blocks[b].kind != BlockKind::Paragraph && doc.blocks[b].kind != BlockKind::Lead {
                continue;
            }
            let n = note_on(&doc, AnchorKind::Paragraph, doc.blocks[b].text.clone());
            let p = passage(&doc, &n);
            assert!(
                ends_a_sentence(&p.text) || p.text.ends_with(" …"),
                "¶{b}: {}",
                p.text
            );
            assert!(
                p.text.chars().count() <= PARAGRAPH_PASSAGE + 2,
                "{}",
                p.text
            );
            assert!(doc.block_text(b).starts_with(p.text.trim_end_matches(" …")));
        }
        let lead = note_on(
            &doc,
            AnchorKind::Paragraph,
            at(&doc, "Das chinesische Unternehmen"),
        );
        let md = markdown(&doc, &[lead]);
        assert!(
            md.contains("> Das chinesische Unternehmen DeepSeek veröffentlichte ein Modell für künstliche Intelligenz, das effizienter und genauso gut ist wie amerikanische Modelle."),
            "{md}"
        );
        // One sentence longer than the limit is cut at a word, with "…".
        let long = format!("Titel\n{}.\n", "Wort „Größe“ ".repeat(40).trim_end());
        let d = crate::document::parse_str(long, crate::document::Origin::Bundled("t"), "t", false);
        let n = note_on(&d, AnchorKind::Paragraph, d.blocks[1].text.clone());
        let p = passage(&d, &n);
        assert!(
            p.text.ends_with("“ …") || p.text.ends_with("Wort …"),
            "{}",
            p.text
        );
        // A detached note's stored beginning gets the "…" it lacks.
        let mut gone = n.clone();
        gone.detached = true;
        gone.anchor.quote = "Das chinesische Unternehmen DeepSeek veröffentlichte ein Modell für künstliche Intelligenz, das effizienter und".into();
        assert!(passage(&d, &gone).text.ends_with("effizienter und …"));
    }

    #[test]
    fn a_word_note_quotes_its_sentence_with_the_word_marked_in_every_format() {
        let doc = bundled();
        let n = note_on(&doc, AnchorKind::Word, at(&doc, "Leerverkäufe"));
        let p = passage(&doc, &n);
        let m = p.mark.clone().expect("marked");
        assert_eq!(&p.text[m], "Leerverkäufe");
        assert!(p.text.starts_with("Inzwischen stürzen") && p.text.ends_with("Hochkonjunktur"));
        let notes = vec![n.clone()];
        // Markdown: bold.
        assert!(markdown(&doc, &notes).contains(&format!("> {}", p.marked("**", "**"))));
        // CSV: the short quote as before, the sentence in the last column, bold.
        let rows = csv_rows(&csv(&doc, &notes));
        assert_eq!(rows[0][5], "Leerverkäufe");
        assert_eq!(rows[0][12], p.marked("**", "**"));
        // JSON: the anchor's quote as before, the excerpt with the mark in characters.
        let v: serde_json::Value = serde_json::from_str(&json(&doc, &notes)).expect("json");
        assert_eq!(v["notes"][0]["anchor"]["quote"], "Leerverkäufe");
        let excerpt = &v["notes"][0]["excerpt"];
        let text = excerpt["text"].as_str().expect("text");
        let (s, e) = (
            excerpt["mark"]["start"].as_u64().expect("start") as usize,
            excerpt["mark"]["end"].as_u64().expect("end") as usize,
        );
        let word: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(word, "Leerverkäufe");
        // Anki: HTML bold on the front.
        let anki = anki(&doc, &notes, None);
        assert!(anki.contains("<b>Leerverkäufe</b>"), "{anki}");
        // A selection of several words is marked whole.
        let span = note_on(
            &doc,
            AnchorKind::Span,
            at(&doc, "Das chinesische Unternehmen"),
        );
        let p = passage(&doc, &span);
        assert_eq!(p.mark, Some(0.."Das chinesische Unternehmen".len()));
        assert!(p.text.ends_with("amerikanische Modelle."), "{}", p.text);
    }

    #[test]
    fn the_notes_anki_export_has_glossary_cards_only_when_asked() {
        let doc = bundled();
        let g = Glossary::build(&doc, Vec::new(), crate::glossary::bundled());
        let rows = |text: &str| text.lines().filter(|l| !l.starts_with('#')).count();
        let plain = render(Format::Anki, &doc, &notes(), None);
        assert_eq!(plain.terms, 0);
        assert_eq!(rows(&plain.text), 2, "the notes only");
        assert!(!plain.text.contains("\tder Leerverkauf\t"));
        assert_eq!(plain.what(), "2 notes");
        let with = render(Format::Anki, &doc, &notes(), Some(&g));
        assert!(with.terms > 0);
        assert_eq!(rows(&with.text), with.notes + with.terms);
        assert!(
            with.what()
                .starts_with(&format!("{} cards", rows(&with.text))),
            "the count is the cards written: {}",
            with.what()
        );
    }

    #[test]
    fn a_note_on_a_table_quotes_the_cells_not_the_rules() {
        let md = "# Titel\n\n| Wort | Artikel |\n|---|---|\n| Straße | die |\n| Fluss | der |\n";
        let doc = crate::document::parse_str(
            md.to_string(),
            crate::document::Origin::Bundled("t"),
            "t",
            true,
        );
        let table = at(&doc, "Wort");
        let whole = note_on(&doc, AnchorKind::Paragraph, table);
        let p = passage(&doc, &whole);
        assert_eq!(p.text, "Wort | Artikel\nStraße | die\nFluss | der");
        let out = markdown(&doc, &[whole]);
        assert!(
            !out.contains('─') && !out.contains('┼') && !out.contains('│'),
            "{out}"
        );
        assert!(out.contains("> Straße | die\n"), "{out}");
        let word = note_on(&doc, AnchorKind::Word, at(&doc, "Straße"));
        assert_eq!(passage(&doc, &word).text, "Straße | die");
    }
}
