//! Notes and their anchors.

use serde::{Deserialize, Serialize};

/// What a note is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorKind {
    /// A whole paragraph.
    Paragraph,
    /// One word.
    Word,
    /// A glossary term (its lemma in `Anchor::term`).
    Term,
    /// A selected span.
    Span,
}

/// Where a note belongs: block and byte range at the time of writing, plus the quoted text
/// and a little context, so the note finds its passage again when the text changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub kind: AnchorKind,
    pub block: usize,
    pub start: usize,
    pub end: usize,
    /// The anchored text (for a paragraph: its beginning).
    pub quote: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
    /// The section heading it stood under.
    #[serde(default)]
    pub section: String,
    /// The glossary lemma, for a term anchor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
}

/// One note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub created: String,
    pub updated: String,
    pub text: String,
    pub anchor: Anchor,
    /// The passage could not be found in the current text; the note is kept all the same.
    #[serde(default, skip_serializing_if = "is_false")]
    pub detached: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Note {
    /// The `#tags` typed in the text, without the `#`, in order, once each.
    pub fn tags(&self) -> Vec<String> {
        tags_of(&self.text)
    }

    /// The first line of the text.
    pub fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }
}

/// `#tags` in a text: `#` at the start or after whitespace, then letters, digits, `-`, `_`.
pub fn tags_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_space = true;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '#' && prev_space {
            let start = at + 1;
            let mut end = start;
            let mut j = i + 1;
            while j < chars.len()
                && (chars[j].1.is_alphanumeric() || matches!(chars[j].1, '-' | '_'))
            {
                end = chars[j].0 + chars[j].1.len_utf8();
                j += 1;
            }
            let tag = text[start..end].trim_end_matches(['-', '_']);
            if !tag.is_empty() && !out.iter().any(|t| t == tag) {
                out.push(tag.to_string());
            }
            i = j;
            prev_space = false;
            continue;
        }
        prev_space = c.is_whitespace();
        i += 1;
    }
    out
}

/// A timestamp as stored in the files: RFC 3339 in UTC, to the second
/// ("2026-11-28T20:01:02Z").
pub fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The date part ("2026-11-28") of a stored timestamp.
pub fn date_of(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// A new, unique note id made at `at`: its time in milliseconds and a per-process counter,
/// base 36.
pub fn new_id(at: chrono::DateTime<chrono::Utc>) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let millis = at.timestamp_millis().max(0) as u64;
    let salt = crate::document::fnv1a(format!("{}-{millis}-{n}", std::process::id()).as_bytes());
    format!("{}-{}", base36(millis), base36(salt % 1_679_616))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_with_umlauts() {
        assert_eq!(
            tags_of("Wichtig #Wirtschaft und #Übung, nicht a#b; #Übung #kartell-recht."),
            vec!["Wirtschaft", "Übung", "kartell-recht"]
        );
        assert!(tags_of("# keine").is_empty());
    }

    #[test]
    fn ids_are_unique() {
        let a = new_id(chrono::Utc::now());
        let b = new_id(chrono::Utc::now());
        assert_ne!(a, b);
    }
}
