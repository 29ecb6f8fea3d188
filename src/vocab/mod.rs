//! Vocabulary study: a status for every word (by lemma, shared by all documents), the
//! words of a document with their lemma keys (separable verbs linked), the known share,
//! review scheduling with FSRS, and Anki decks. No terminal types here.

pub mod anki;
pub mod exchange;
pub mod file;
pub mod lemmas;
pub mod migrate;
pub mod review;
pub mod separable;
pub mod store;
mod words;

use std::collections::BTreeMap;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

pub use review::ReviewState;
pub use words::{DocWords, Token};

/// How well a word is known (the LWT/Lute scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    New,
    #[serde(rename = "1")]
    L1,
    #[serde(rename = "2")]
    L2,
    #[serde(rename = "3")]
    L3,
    #[serde(rename = "4")]
    L4,
    #[serde(rename = "5")]
    L5,
    Known,
    Ignored,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::New,
        Status::L1,
        Status::L2,
        Status::L3,
        Status::L4,
        Status::L5,
        Status::Known,
        Status::Ignored,
    ];

    pub fn learning(level: u8) -> Status {
        match level {
            1 => Status::L1,
            2 => Status::L2,
            3 => Status::L3,
            4 => Status::L4,
            _ => Status::L5,
        }
    }

    /// A status by its number: 0 new, 1 to 5 learning.
    pub fn from_level(level: usize) -> Option<Status> {
        match level {
            0 => Some(Status::New),
            1..=5 => Some(Status::learning(level as u8)),
            _ => None,
        }
    }

    pub fn is_learning(self) -> bool {
        matches!(
            self,
            Status::L1 | Status::L2 | Status::L3 | Status::L4 | Status::L5
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::L1 => "learning 1",
            Status::L2 => "learning 2",
            Status::L3 => "learning 3",
            Status::L4 => "learning 4",
            Status::L5 => "learning 5",
            Status::Known => "well known",
            Status::Ignored => "ignored",
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::L1 => "1",
            Status::L2 => "2",
            Status::L3 => "3",
            Status::L4 => "4",
            Status::L5 => "5",
            Status::Known => "known",
            Status::Ignored => "ignored",
        }
    }
}

/// What the learner has recorded about one lemma.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VocabEntry {
    /// The lemma key (lower case, stemmed); the file's key.
    pub key: String,
    /// The lemma as shown ("Leerverkauf", or for a separable verb "einreichen").
    pub lemma: String,
    pub status: Status,
    pub updated: String,
    /// The date it became well known, for "learned per day".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learned: Option<String>,
    /// der/die/das, plural and meaning, when the glossary knew them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub article: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plural: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meaning: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// A sentence of a document where it stands, and the form in it (for cards).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sentence: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
    /// Review scheduling, kept apart from the reading status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewState>,
    /// The lexicon does not confirm the lemma (an entry from before the lexicon): kept,
    /// but left out of reviews and Anki decks until the learner sets its status again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub doubtful: bool,
}

/// The learner's vocabulary: entries by lemma key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    pub entries: BTreeMap<String, VocabEntry>,
}

impl Vocabulary {
    pub fn status(&self, key: &str) -> Status {
        self.entries.get(key).map_or(Status::New, |e| e.status)
    }
}

/// The lemma key of a word: lower case, Snowball-stemmed, so that "Leerverkauf",
/// "Leerverkäufe" and "Leerverkäufen" share one status.
pub fn key_of(stemmer: &Stemmer, word: &str) -> String {
    let lower = word.to_lowercase();
    // Hyphenated compounds are stemmed on their last part.
    match lower.rsplit_once('-') {
        Some((head, tail)) if !tail.is_empty() => format!("{head}-{}", stemmer.stem(tail)),
        _ => stemmer.stem(&lower).into_owned(),
    }
}

/// A German stemmer.
pub fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::German)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_share_a_key() {
        let s = stemmer();
        assert_eq!(key_of(&s, "Leerverkauf"), key_of(&s, "Leerverkäufe"));
        assert_eq!(key_of(&s, "Leerverkäufen"), key_of(&s, "leerverkauf"));
        assert_eq!(key_of(&s, "Monopole"), key_of(&s, "Monopol"));
        assert_ne!(key_of(&s, "Monopol"), key_of(&s, "Monopolisierung"));
        assert_eq!(key_of(&s, "KI-Unternehmen"), key_of(&s, "ki-unternehmens"));
    }
}
