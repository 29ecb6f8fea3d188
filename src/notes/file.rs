//! The notes file: one human-readable TOML file per document, with a schema version, a
//! note count at the top and an end marker with the same count at the bottom, so that a
//! file cut short is refused instead of loading as fewer notes.

use serde::{Deserialize, Serialize};

use super::model::Note;
use crate::location::line_column;

pub const VERSION: u32 = 1;

/// The contents of a notes file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotesFile {
    pub document: String,
    pub title: String,
    /// Hash of the text the notes were last anchored in.
    pub text_hash: String,
    pub notes: Vec<Note>,
    /// Ids of deleted notes, so a merge with another copy does not bring them back.
    pub deleted: Vec<String>,
}

/// Why a notes file cannot be read. `line`/`column` are 0 when the whole file is at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct FileError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Serialize, Deserialize)]
struct End {
    count: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    document: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text_hash: String,
    count: usize,
    #[serde(default)]
    deleted: Vec<String>,
    #[serde(default)]
    note: Vec<Note>,
    end: Option<End>,
}

fn whole(message: impl Into<String>) -> FileError {
    FileError {
        line: 0,
        column: 0,
        message: message.into(),
    }
}

/// Parse a notes file's bytes.
pub fn parse(bytes: &[u8]) -> Result<NotesFile, FileError> {
    if bytes.is_empty() {
        return Err(whole("the file is empty (no `version`)"));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(whole(format!("NUL byte at byte {at}: the file is damaged")));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        whole(format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let (line, column) = line_column(text, e.span().map_or(0, |s| s.start));
        FileError {
            line,
            column,
            message: crate::location::plain_toml_message(e.message()),
        }
    })?;
    if raw.version != VERSION {
        return Err(whole(format!(
            "unsupported version {} (this lesepult reads version {VERSION})",
            raw.version
        )));
    }
    let Some(end) = raw.end else {
        return Err(whole(
            "the end marker `[end]` is missing: the file was cut short",
        ));
    };
    if end.count != raw.count || raw.note.len() != raw.count {
        return Err(whole(format!(
            "the file says {} notes (end marker: {}) but holds {}: it was cut short or edited wrongly",
            raw.count,
            end.count,
            raw.note.len()
        )));
    }
    Ok(NotesFile {
        document: raw.document,
        title: raw.title,
        text_hash: raw.text_hash,
        notes: raw.note,
        deleted: raw.deleted,
    })
}

/// Serialise a notes file.
pub fn to_string(file: &NotesFile) -> String {
    let raw = Raw {
        version: VERSION,
        document: file.document.clone(),
        title: file.title.clone(),
        text_hash: file.text_hash.clone(),
        count: file.notes.len(),
        deleted: file.deleted.clone(),
        note: file.notes.clone(),
        end: Some(End {
            count: file.notes.len(),
        }),
    };
    let body = toml::to_string(&raw).unwrap_or_default();
    format!(
        "# lesepult notes for „{}“. Written by lesepult; `count` and `[end]` must agree.\n{body}",
        comment_safe(&file.title)
    )
}

/// `text` as it may stand in a TOML comment: a control character (which TOML forbids in
/// comments, and a line break would end the comment) becomes U+FFFD. The title itself is
/// kept exactly in the `title` value, where the TOML writer escapes it.
fn comment_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::model::{Anchor, AnchorKind};
    use super::*;
    use proptest::prelude::*;

    fn note(id: &str, text: &str) -> Note {
        Note {
            id: id.into(),
            created: "2026-11-28T20:00:00Z".into(),
            updated: "2026-11-28T20:00:00Z".into(),
            text: text.into(),
            anchor: Anchor {
                kind: AnchorKind::Span,
                block: 3,
                start: 10,
                end: 20,
                quote: "„Zitat“\tmit Tab".into(),
                before: "vorher \"".into(),
                after: "'nachher".into(),
                section: "Abschnitt".into(),
                term: None,
            },
            detached: false,
        }
    }

    fn file(notes: Vec<Note>) -> NotesFile {
        NotesFile {
            document: "doc".into(),
            title: "Titel „x“".into(),
            text_hash: "abc".into(),
            notes,
            deleted: vec!["gone".into()],
        }
    }

    #[test]
    fn round_trip() {
        let f = file(vec![note("a", "Zwei\nZeilen mit ß"), note("b", "#tag")]);
        assert_eq!(parse(to_string(&f).as_bytes()), Ok(f));
    }

    #[test]
    fn a_title_with_escape_codes_and_line_breaks_reads_back() {
        let mut f = file(vec![note("a", "Text")]);
        f.title = "Titel\x1b[1m fett\x1b[0m\x7f\nzweite = 1".into();
        let text = to_string(&f);
        assert!(!text.lines().next().unwrap_or_default().contains('\x1b'));
        assert_eq!(parse(text.as_bytes()), Ok(f));
    }

    #[test]
    fn damaged_files_are_refused() {
        let f = file(vec![
            note("a", "eins"),
            note("b", "zwei"),
            note("c", "drei"),
        ]);
        let text = to_string(&f);
        assert!(parse(b"").is_err());
        assert!(parse(&[0u8; 64]).is_err());
        assert!(parse(b"version = 1\n\xff\xfe").is_err());
        // Every cut that still parses as TOML is refused by the count and the end marker.
        for cut in 1..text.len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            let result = parse(&text.as_bytes()[..cut]);
            if let Ok(got) = result {
                assert_eq!(got.notes.len(), 3, "a cut at {cut} loaded fewer notes");
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_survives_save_and_load(text in "\\PC*", quote in "[„“\"'\\t\\n a-zäöüß]{0,40}") {
            let mut n = note("x", &text);
            n.anchor.quote = quote;
            let f = file(vec![n]);
            prop_assert_eq!(parse(to_string(&f).as_bytes()), Ok(f));
        }

        #[test]
        fn any_title_and_text_survive_save_and_load(
            title in "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\\\\"'„“ßäuD80a-f0-9#\\[\\]=]{0,40}",
            text in "[\\x00-\\x1f\\x7f\\\\\"'„“ßuD80a-f0-9]{0,40}",
            quote in "[\\x00-\\x1f\\x7f\\\\\"'„“\\u{2028}\\u{feff}]{0,20}",
        ) {
            let mut n = note("x", &text);
            n.anchor.quote = quote.clone();
            n.anchor.section = title.clone();
            n.anchor.term = Some(quote);
            let mut f = file(vec![n]);
            f.title = title;
            f.document = text;
            prop_assert_eq!(parse(to_string(&f).as_bytes()), Ok(f));
        }

        #[test]
        fn any_bytes_give_a_value_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = parse(&bytes);
        }
    }
}
