//! The grammatical gender of a noun: a fact of the language, used by the lexicon and by
//! the glossary (whose files write it "m", "f", "n").

use serde::{Deserialize, Serialize};

/// Grammatical gender of a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    #[serde(rename = "m")]
    Masculine,
    #[serde(rename = "f")]
    Feminine,
    #[serde(rename = "n")]
    Neuter,
}

impl Gender {
    pub fn article(self) -> &'static str {
        match self {
            Gender::Masculine => "der",
            Gender::Feminine => "die",
            Gender::Neuter => "das",
        }
    }

    /// "m", "f", "n", or an article ("der", "die", "das").
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_lowercase().as_str() {
            "m" | "der" | "masc" | "maskulin" => Some(Gender::Masculine),
            "f" | "die" | "fem" | "feminin" => Some(Gender::Feminine),
            "n" | "das" | "neut" | "neutrum" => Some(Gender::Neuter),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Gender::Masculine => "m",
            Gender::Feminine => "f",
            Gender::Neuter => "n",
        }
    }
}
