//! The case a preposition governs where it stands, and the preposition a contraction is
//! made of, both read from the lexicon:
//! - a preposition the lexicon lists with one case governs that one (*mit*: dative;
//!   *im*: dative, *ins*: accusative);
//! - a two-way preposition (*in*, *an*, *auf* …) governs the case its noun phrase agrees
//!   in: *in der Stadt* (dative: where), *in die Stadt* (accusative: where to);
//! - a contraction of a preposition and an article (*im*, *zum*, *beim*, *ins*) is a
//!   preposition form that, less its last letter or with *n* for its *m*, is a
//!   preposition of its own.

use super::Gender;
use super::lexicon::Lexicon;
use super::sentence::tokens;
use super::tags::{Case, Number, Pos, Tag};

/// One reading's agreement features: case, and number and gender where it has them.
pub(crate) type Features = (Case, Option<Number>, Option<Gender>);

pub(crate) fn features(tag: &Tag) -> Option<Features> {
    tag.case.map(|c| (c, tag.number, tag.gender))
}

/// Two readings may agree: the same case, and number and gender where both have them.
pub(crate) fn agree(a: &Features, b: &Features) -> bool {
    a.0 == b.0
        && (a.1.is_none() || b.1.is_none() || a.1 == b.1)
        && (a.2.is_none() || b.2.is_none() || a.2 == b.2)
}

/// The words a noun phrase is made of, up to its noun.
fn in_noun_phrase(pos: Pos) -> bool {
    matches!(
        pos,
        Pos::Article | Pos::Pronoun | Pos::Adjective | Pos::Participle | Pos::Noun
    )
}

/// The readings of a preposition form, as the lexicon lists them.
fn preposition_tags(lex: &Lexicon, word: &str) -> Vec<Tag> {
    lex.readings(&word.to_lowercase())
        .into_iter()
        .filter(|r| r.tag.pos == Pos::Preposition)
        .map(|r| r.tag)
        .collect()
}

/// The case the preposition at byte `at` of `sentence` governs there: its only case, or
/// for a two-way one the case its noun phrase agrees in. None where it cannot be told.
pub fn governed_case(lex: &Lexicon, sentence: &str, at: usize) -> Option<Case> {
    let toks = tokens(sentence);
    let i = toks.iter().position(|t| t.start <= at && at < t.end())?;
    let tags = preposition_tags(lex, toks[i].text);
    if tags.is_empty() {
        return None;
    }
    // The lexicon marks a two-way preposition's case "DAT+AKK", which reads as none.
    let mut own: Vec<Case> = Vec::new();
    for t in &tags {
        match t.case {
            Some(c) if !own.contains(&c) => own.push(c),
            Some(_) => {}
            None => return agreed_case(lex, &toks[i + 1..]),
        }
    }
    (own.len() == 1).then(|| own[0])
}

/// The dative or accusative a noun phrase's words all agree in.
fn agreed_case(lex: &Lexicon, after: &[super::sentence::Token<'_>]) -> Option<Case> {
    let mut common: Option<Vec<Features>> = None;
    for t in after {
        if !t.is_word {
            break;
        }
        let mut readings = lex.readings(t.text);
        if readings.is_empty() && t.is_capitalised() {
            readings = lex.readings(&t.text.to_lowercase());
        }
        let phrase: Vec<&Tag> = readings
            .iter()
            .map(|r| &r.tag)
            .filter(|tag| in_noun_phrase(tag.pos))
            .collect();
        if phrase.is_empty() {
            break;
        }
        let mine: Vec<Features> = phrase.iter().filter_map(|tag| features(tag)).collect();
        common = Some(match common {
            None => mine,
            Some(before) => before
                .into_iter()
                .filter(|f| mine.iter().any(|m| agree(f, m)))
                .collect(),
        });
        if t.is_capitalised() && phrase.iter().any(|tag| tag.pos == Pos::Noun) {
            break;
        }
    }
    let mut cases: Vec<Case> = common?
        .into_iter()
        .map(|f| f.0)
        .filter(|c| matches!(c, Case::Dative | Case::Accusative))
        .collect();
    cases.sort_by_key(|c| *c as u8);
    cases.dedup();
    (cases.len() == 1).then(|| cases[0])
}

/// The preposition inside a pronominal adverb (*davon* → *von*, *worauf* → *auf*,
/// *dafür* → *für*), by the lexicon.
pub fn pronominal_preposition(word: &str) -> Option<&str> {
    let lex = super::lexicon().ok()?;
    ["dar", "da", "wor", "wo"].iter().find_map(|lead| {
        word.strip_prefix(lead).filter(|rest| {
            lex.readings(rest)
                .iter()
                .any(|r| r.tag.pos == Pos::Preposition)
        })
    })
}

/// The preposition a contraction is made of (*im* → *in*, *zum* → *zu*, *beim* → *bei*,
/// *ins* → *in*); None for a word that is no contraction.
pub fn contracted_preposition(lex: &Lexicon, word: &str) -> Option<String> {
    let word = word.to_lowercase();
    if preposition_tags(lex, &word).is_empty() {
        return None;
    }
    let last = word.chars().last()?;
    if !matches!(last, 'm' | 'r' | 's') {
        return None;
    }
    let stem = &word[..word.len() - last.len_utf8()];
    let mut candidates = vec![stem.to_string()];
    if last == 'm' {
        candidates.push(format!("{stem}n"));
    }
    candidates
        .into_iter()
        .find(|c| c.chars().count() >= 2 && !preposition_tags(lex, c).is_empty())
}

/// The agreement features of the article inside a contraction (*beim*, *im*: *dem*,
/// dative masculine or neuter singular; *zur*: *der*, dative feminine; *ins*: *das*,
/// accusative neuter), read from the lexicon's readings of that article in the case the
/// contraction governs. Empty for a word that is no contraction.
pub(crate) fn contraction_features(lex: &Lexicon, word: &str) -> Vec<Features> {
    if contracted_preposition(lex, word).is_none() {
        return Vec::new();
    }
    let cases: Vec<Case> = preposition_tags(lex, word)
        .iter()
        .filter_map(|t| t.case)
        .collect();
    let Some(last) = word.chars().last() else {
        return Vec::new();
    };
    let article = format!("de{}", last.to_lowercase());
    lex.readings(&article)
        .iter()
        .filter(|r| r.tag.pos == Pos::Article)
        .filter_map(|r| features(&r.tag))
        .filter(|f| cases.contains(&f.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::german::lexicon;

    fn case_of(sentence: &str, word: &str) -> Option<Case> {
        let lex = lexicon().expect("the bundled lexicon");
        let at = sentence.find(word).expect("the word is in the sentence");
        governed_case(lex, sentence, at)
    }

    #[test]
    fn a_two_way_preposition_governs_the_case_its_noun_phrase_agrees_in() {
        assert_eq!(case_of("Er wohnt in der Stadt.", "in"), Some(Case::Dative));
        assert_eq!(
            case_of("Er fährt in die Stadt.", "in"),
            Some(Case::Accusative)
        );
        assert_eq!(
            case_of("Er fährt in den Süden.", "in"),
            Some(Case::Accusative)
        );
        assert_eq!(
            case_of("Sie legt es auf den großen Tisch.", "auf"),
            Some(Case::Accusative)
        );
        assert_eq!(
            case_of("Es liegt auf dem großen Tisch.", "auf"),
            Some(Case::Dative)
        );
    }

    #[test]
    fn a_preposition_of_one_case_and_a_contraction_govern_theirs() {
        assert_eq!(case_of("Er kam mit Freunden.", "mit"), Some(Case::Dative));
        assert_eq!(case_of("Er wohnt im Süden.", "im"), Some(Case::Dative));
        assert_eq!(case_of("Er geht ins Kino.", "ins"), Some(Case::Accusative));
        // Not a preposition: nothing.
        assert_eq!(case_of("Er wohnt dort.", "wohnt"), None);
    }

    #[test]
    fn a_contraction_agrees_as_its_article() {
        let lex = lexicon().expect("the bundled lexicon");
        let beim = contraction_features(lex, "beim");
        assert!(!beim.is_empty());
        assert!(beim.iter().all(|f| f.0 == Case::Dative
            && f.1 == Some(Number::Singular)
            && f.2 != Some(Gender::Feminine)));
        let zur = contraction_features(lex, "zur");
        assert!(!zur.is_empty());
        assert!(
            zur.iter()
                .all(|f| f.0 == Case::Dative && f.2 == Some(Gender::Feminine))
        );
        assert!(contraction_features(lex, "mit").is_empty());
    }

    #[test]
    fn a_contraction_is_made_of_its_preposition() {
        let lex = lexicon().expect("the bundled lexicon");
        for (contraction, preposition) in [
            ("im", "in"),
            ("am", "an"),
            ("zum", "zu"),
            ("zur", "zu"),
            ("beim", "bei"),
            ("vom", "von"),
            ("ins", "in"),
            ("aufs", "auf"),
        ] {
            assert_eq!(
                contracted_preposition(lex, contraction).as_deref(),
                Some(preposition),
                "{contraction}"
            );
        }
        for word in ["um", "aus", "bis", "seit", "in", "mit", "wegen", "unter"] {
            assert_eq!(contracted_preposition(lex, word), None, "{word}");
        }
    }
}
