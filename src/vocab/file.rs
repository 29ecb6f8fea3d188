//! The vocabulary file: `$XDG_DATA_HOME/lesepult/vocabulary.toml`, shared by all documents.
//! Like the notes file it carries a version, a count and an end marker.

use serde::{Deserialize, Serialize};

use super::{VocabEntry, Vocabulary};
use crate::location::line_column;

pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct End {
    count: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    count: usize,
    #[serde(default)]
    word: Vec<VocabEntry>,
    end: Option<End>,
}

/// Parse the file's bytes; the error says where and what.
pub fn parse(bytes: &[u8]) -> Result<Vocabulary, String> {
    if bytes.is_empty() {
        return Err("the file is empty (no `version`)".into());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("NUL byte at byte {at}: the file is damaged"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let (line, column) = line_column(text, e.span().map_or(0, |s| s.start));
        format!(
            "line {line}, column {column}: {}",
            crate::location::plain_toml_message(e.message())
        )
    })?;
    if raw.version != VERSION {
        return Err(format!("unsupported version {}", raw.version));
    }
    match raw.end {
        Some(end) if end.count == raw.count && raw.word.len() == raw.count => {}
        Some(_) => return Err("the word count does not match: the file was cut short".into()),
        None => return Err("the end marker `[end]` is missing: the file was cut short".into()),
    }
    Ok(Vocabulary {
        entries: raw.word.into_iter().map(|e| (e.key.clone(), e)).collect(),
    })
}

pub fn to_string(vocab: &Vocabulary) -> String {
    let raw = Raw {
        version: VERSION,
        count: vocab.entries.len(),
        word: vocab.entries.values().cloned().collect(),
        end: Some(End {
            count: vocab.entries.len(),
        }),
    };
    format!(
        "# lesepult vocabulary: word statuses by lemma, shared by all documents.\n{}",
        toml::to_string(&raw).unwrap_or_default()
    )
}

/// Merge two copies by key: the later `updated` wins.
pub fn merge(mine: &Vocabulary, theirs: &Vocabulary) -> Vocabulary {
    let mut out = theirs.clone();
    for (k, e) in &mine.entries {
        match out.entries.get(k) {
            Some(t) if t.updated > e.updated => {}
            _ => {
                out.entries.insert(k.clone(), e.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Status;
    use super::*;
    use proptest::prelude::*;

    fn entry(key: &str, text: &str) -> VocabEntry {
        VocabEntry {
            key: key.into(),
            lemma: text.into(),
            status: Status::L2,
            updated: "2026-11-30T10:00:00Z".into(),
            learned: None,
            article: "die".into(),
            plural: text.into(),
            meaning: text.into(),
            category: String::new(),
            sentence: text.into(),
            form: text.into(),
            document: text.into(),
            review: None,
            doubtful: false,
        }
    }

    proptest! {
        /// Every control character, quote, backslash and escape-like text survives.
        #[test]
        fn any_text_survives_save_and_load(
            key in "[\\x00-\\x1f\\x7f\\\\\"'„“ßa-z.\\[\\]=#]{1,20}",
            text in "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\\\\"'„“ßäuD80a-f0-9\\u{2028}\\u{feff}]{0,40}",
        ) {
            let mut vocab = Vocabulary::default();
            vocab.entries.insert(key.clone(), entry(&key, &text));
            prop_assert_eq!(parse(to_string(&vocab).as_bytes()), Ok(vocab));
        }

        #[test]
        fn any_bytes_give_a_value_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse(&bytes);
        }
    }
}
