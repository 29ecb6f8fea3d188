//! Exporting notes: Markdown, JSON, CSV and Anki.

use serde::Serialize;

use super::model::Note;
use crate::document::{Document, fnv1a};
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
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Json,
        Format::Csv,
        Format::Anki,
        Format::AnkiVocab,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Anki => "anki",
            Format::AnkiVocab => "anki-vocab",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Anki => "anki.txt",
            Format::AnkiVocab => "vocab.anki.txt",
        }
    }
}

/// Render the notes (and, for Anki, the glossary terms) in a format.
pub fn render(
    format: Format,
    doc: &Document,
    notes: &[Note],
    glossary: Option<&Glossary>,
) -> String {
    match format {
        Format::Markdown => markdown(doc, notes),
        Format::Json => json(doc, notes),
        Format::Csv => csv(notes),
        Format::Anki => anki(doc, notes, glossary),
        // The vocabulary deck is made from the vocabulary, not the notes.
        Format::AnkiVocab => String::new(),
    }
}

fn date(n: &Note) -> &str {
    crate::notes::date_of(&n.created)
}

/// Markdown: the title, notes under their section headings, each with its passage as a
/// block quote, then the note, its tags and date.
pub fn markdown(doc: &Document, notes: &[Note]) -> String {
    let mut out = format!("# Notes: {}\n", doc.title);
    let mut section: Option<&str> = None;
    for n in notes.iter().filter(|n| !n.detached) {
        // Notes before the first heading stand under the document's title, which the
        // first line already gives: no second heading of the same name.
        if section != Some(n.anchor.section.as_str()) {
            section = Some(n.anchor.section.as_str());
            if !n.anchor.section.is_empty() && n.anchor.section != doc.title {
                out.push_str(&format!("\n## {}\n", n.anchor.section));
            }
        }
        push_note_md(&mut out, n);
    }
    let detached: Vec<&Note> = notes.iter().filter(|n| n.detached).collect();
    if !detached.is_empty() {
        out.push_str("\n## Detached notes (their passage is no longer in the text)\n");
        for n in detached {
            push_note_md(&mut out, n);
        }
    }
    out
}

fn push_note_md(out: &mut String, n: &Note) {
    out.push('\n');
    for line in n.anchor.quote.lines() {
        out.push_str(&format!("> {line}\n"));
    }
    out.push('\n');
    // The note's line breaks stay line breaks (two spaces end a line in Markdown).
    let lines: Vec<&str> = n.text.trim_end().lines().collect();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line.trim_end());
        let next_is_text = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        if !line.trim().is_empty() && next_is_text {
            out.push_str("  ");
        }
        out.push('\n');
    }
    let tags: Vec<String> = n.tags().iter().map(|t| format!("#{t}")).collect();
    let mut meta = vec![date(n).to_string()];
    if !tags.is_empty() {
        meta.insert(0, tags.join(" "));
    }
    out.push_str(&format!("\n*{}*\n", meta.join(" · ")));
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    id: String,
    title: &'a str,
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
    anchor: &'a super::model::Anchor,
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
                anchor: &n.anchor,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&export).unwrap_or_default() + "\n"
}

/// CSV (RFC 4180): a header row, one note a row.
pub fn csv(notes: &[Note]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "id", "created", "updated", "section", "kind", "passage", "note", "tags", "block", "start",
        "end", "detached",
    ]);
    for n in notes {
        let kind = serde_json::to_value(n.anchor.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = w.write_record([
            n.id.as_str(),
            &n.created,
            &n.updated,
            &n.anchor.section,
            &kind,
            &n.anchor.quote,
            &n.text,
            &n.tags().join(" "),
            &n.anchor.block.to_string(),
            &n.anchor.start.to_string(),
            &n.anchor.end.to_string(),
            if n.detached { "true" } else { "false" },
        ]);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// HTML-escaped, newlines as `<br>`, tabs as spaces: safe in a tab-separated Anki field.
pub fn anki_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
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

fn anki_tag(s: &str) -> String {
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

/// Anki's tab-separated import format: one Basic card per note (front: the passage; back:
/// the note) and one per glossary term that occurs in the text (front: "der Leerverkauf";
/// back: English, plural, the article's sentence).
pub fn anki(doc: &Document, notes: &[Note], glossary: Option<&Glossary>) -> String {
    let id = doc.id();
    let deck = format!("lesepult::{}", doc.title.replace("::", ":"));
    let deck = anki_field(&deck);
    let mut out = String::from(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n",
    );
    let doc_tag = anki_tag(&id);
    for n in notes {
        let mut front = anki_field(&n.anchor.quote);
        if !n.anchor.section.is_empty() {
            front.push_str(&format!(
                "<br><small>{}</small>",
                anki_field(&n.anchor.section)
            ));
        }
        let mut tags = vec!["lesepult".to_string(), doc_tag.clone(), "note".to_string()];
        tags.extend(n.tags().iter().map(|t| anki_tag(t)));
        out.push_str(&format!(
            "{}\tBasic\t{deck}\t{front}\t{}\t{}\n",
            guid(&id, "note", &n.id),
            anki_field(&n.text),
            tags.join(" ")
        ));
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
            out.push_str(&format!(
                "{}\tBasic\t{deck}\t{}\t{}\t{}\n",
                guid(&id, "term", &term.lemma),
                anki_field(&term.headword()),
                back.join("<br>"),
                tags.join(" ")
            ));
        }
    }
    out
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
        assert!(md.contains("\n> Leerverkäufe\n"));
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
        let text = csv(&notes());
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
}
