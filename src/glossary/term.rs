//! A glossary term: lemma, grammar, meanings and explanations.

use serde::{Deserialize, Serialize};

pub use crate::german::Gender;

/// Part of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartOfSpeech {
    Noun,
    Verb,
    Adjective,
    Adverb,
    Phrase,
    Other,
}

impl PartOfSpeech {
    pub fn parse(s: &str) -> Option<PartOfSpeech> {
        Some(match s {
            "noun" => PartOfSpeech::Noun,
            "verb" => PartOfSpeech::Verb,
            "adjective" => PartOfSpeech::Adjective,
            "adverb" => PartOfSpeech::Adverb,
            "phrase" => PartOfSpeech::Phrase,
            "other" => PartOfSpeech::Other,
            _ => return None,
        })
    }

    pub fn short(self) -> &'static str {
        match self {
            PartOfSpeech::Noun => "n.",
            PartOfSpeech::Verb => "v.",
            PartOfSpeech::Adjective => "adj.",
            PartOfSpeech::Adverb => "adv.",
            PartOfSpeech::Phrase => "phr.",
            PartOfSpeech::Other => "",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PartOfSpeech::Noun => "noun",
            PartOfSpeech::Verb => "verb",
            PartOfSpeech::Adjective => "adjective",
            PartOfSpeech::Adverb => "adverb",
            PartOfSpeech::Phrase => "phrase",
            PartOfSpeech::Other => "other",
        }
    }
}

/// Where a term comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The document's glossary (bundled, beside the file, or `--glossary`).
    Document,
    /// The user's own glossary in the data dir.
    User,
}

/// One entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub lemma: String,
    pub pos: PartOfSpeech,
    pub gender: Option<Gender>,
    /// Nominative plural; `None` with `singular_only` for nouns without a plural.
    pub plural: Option<String>,
    pub singular_only: bool,
    pub english: Vec<String>,
    /// Plain-German explanation (B1).
    pub explanation_de: String,
    pub explanation_en: String,
    pub category: String,
    /// Further inflected forms that count as this term.
    pub forms: Vec<String>,
    /// The user's own remark.
    pub note: String,
    pub source: Source,
}

impl Term {
    /// "der Leerverkauf", "der nationale Champion", or the bare lemma for words without
    /// gender.
    pub fn headword(&self) -> String {
        match self.gender {
            Some(g) => with_article(g.article(), &self.lemma),
            None => self.lemma.clone(),
        }
    }

    /// The plural as a line of an entry shows it: "Pl. die Leerverkäufe", "no plural", or
    /// empty (not a noun, or not known).
    pub fn plural_note(&self) -> String {
        match self.plural_label().as_str() {
            "" => String::new(),
            "no plural" => "no plural".to_string(),
            plural => format!("Pl. {plural}"),
        }
    }

    /// "die Leerverkäufe", "die nationalen Champions", "no plural", or empty (not a noun,
    /// or not known).
    pub fn plural_label(&self) -> String {
        match (&self.plural, self.singular_only) {
            (Some(p), _) if !p.is_empty() => plural_with_article(p),
            (_, true) => "no plural".to_string(),
            _ => String::new(),
        }
    }

    /// The lemma, the plural and the listed forms.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.lemma.as_str())
            .chain(self.plural.as_deref())
            .chain(self.forms.iter().map(String::as_str))
            .filter(|s| !s.trim().is_empty())
    }

    /// Nouns (and noun phrases) are capitalised in German; the stemmer only matches them
    /// on capitalised words.
    pub fn is_nounlike(&self) -> bool {
        self.pos == PartOfSpeech::Noun
            || (self.pos == PartOfSpeech::Phrase && self.gender.is_some())
    }
}

/// A lemma after its definite article (`der`, `die`, `das`): an adjective in front of the
/// noun then takes the weak ending, where the lemma has the strong one: „nationaler
/// Champion“ → „der nationale Champion“, „soziales Netzwerk“ → „das soziale Netzwerk“.
/// Adjectives are the lower-case words before the last word.
pub fn with_article(article: &str, lemma: &str) -> String {
    let strong = match article {
        "der" => "er",
        "das" => "es",
        _ => "",
    };
    let weak = inflect_adjectives(lemma, |adjective| {
        match adjective
            .strip_suffix(strong)
            .filter(|_| !strong.is_empty())
        {
            Some(stem) => format!("{stem}e"),
            None => adjective.to_string(),
        }
    });
    format!("{article} {weak}")
}

/// A plural after `die`: its adjectives take the weak ending -en, where the stored plural
/// has the strong -e („nationale Champions“ → „die nationalen Champions“).
pub fn plural_with_article(plural: &str) -> String {
    let weak = inflect_adjectives(plural, |adjective| {
        if adjective.ends_with('e') {
            format!("{adjective}n")
        } else {
            adjective.to_string()
        }
    });
    format!("die {weak}")
}

/// `phrase` with `inflect` applied to its adjectives: the words before the last one that
/// start with a lower-case letter.
fn inflect_adjectives(phrase: &str, inflect: impl Fn(&str) -> String) -> String {
    let words: Vec<&str> = phrase.split(' ').collect();
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i < last && w.chars().next().is_some_and(char::is_lowercase) {
                inflect(w)
            } else {
                (*w).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjectives_take_the_weak_ending_after_the_article() {
        assert_eq!(
            with_article("der", "nationaler Champion"),
            "der nationale Champion"
        );
        assert_eq!(
            with_article("das", "soziales Netzwerk"),
            "das soziale Netzwerk"
        );
        assert_eq!(
            with_article("die", "künstliche Intelligenz"),
            "die künstliche Intelligenz"
        );
        assert_eq!(
            plural_with_article("nationale Champions"),
            "die nationalen Champions"
        );
        assert_eq!(
            plural_with_article("soziale Netzwerke"),
            "die sozialen Netzwerke"
        );
    }

    #[test]
    fn nouns_and_names_are_left_as_they_are() {
        assert_eq!(with_article("der", "Leerverkauf"), "der Leerverkauf");
        assert_eq!(with_article("der", "Computer"), "der Computer");
        assert_eq!(with_article("die", "Big Tech"), "die Big Tech");
        assert_eq!(plural_with_article("Leerverkäufe"), "die Leerverkäufe");
        assert_eq!(plural_with_article("Big Techs"), "die Big Techs");
    }
}
