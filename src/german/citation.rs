//! Where a dictionary may file a noun that it does not list under the lexicon's lemma:
//! - an adjectival noun under its strong masculine form, as dictionaries cite it (the
//!   lexicon's *Beamte* as *Beamter*, *Angestellte* as *Angestellter*);
//! - a feminine noun in *-in* under the masculine it is made from (*Beamtin* → *Beamte*,
//!   *Ärztin* → *Arzt*, *Kollegin* → *Kollege*), where no dictionary lists the feminine.
//!
//! Both read only the lexicon: the masculine must be a noun it lists as masculine, and the
//! strong form must be one of the lemma's own nominative singular forms.

use super::gender::Gender;
use super::lexicon::Lexicon;

/// How a cited headword relates to the lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The strong masculine form of an adjectival noun (*Beamter* of *Beamte*).
    StrongForm,
    /// The masculine a feminine in *-in* is made from (*Arzt* of *Ärztin*).
    MasculineOf,
}

impl Relation {
    /// In words, for the lookup pane: "Beamter, the masculine of Beamtin".
    pub fn describe(self) -> &'static str {
        match self {
            Relation::StrongForm => "as dictionaries cite it",
            Relation::MasculineOf => "the masculine it is made from",
        }
    }
}

/// A headword to look a noun up under, and how it relates to the noun.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub headword: String,
    pub relation: Relation,
}

/// The other headwords of a noun lemma, in the order to try them.
pub fn other_citations(lex: &Lexicon, lemma: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    if let Some(strong) = strong_form(lex, lemma) {
        out.push(Citation {
            headword: strong,
            relation: Relation::StrongForm,
        });
    }
    if let Some(masculine) = masculine_of(lex, lemma) {
        let strong = strong_form(lex, &masculine);
        out.push(Citation {
            headword: masculine,
            relation: Relation::MasculineOf,
        });
        if let Some(strong) = strong {
            out.push(Citation {
                headword: strong,
                relation: Relation::MasculineOf,
            });
        }
    }
    out
}

/// The strong masculine nominative of an adjectival noun in *-e* (*der Beamte*, *ein
/// Beamter*): the lemma plus *r*, where the lexicon declines the lemma as an adjective
/// (its masculine nominative singular is marked nominalised).
fn strong_form(lex: &Lexicon, lemma: &str) -> Option<String> {
    let masculine = lex.genders(lemma).contains(&Gender::Masculine);
    (masculine && lex.is_adjectival_noun(lemma)).then(|| format!("{lemma}r"))
}

/// Take the umlaut off a stem's last umlaut (*Ärzt* → *Arzt*, *Bäuer* → *Bauer*).
fn without_umlaut(stem: &str) -> Option<String> {
    let (at, c) = stem
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü'))?;
    let plain = match c {
        'ä' => 'a',
        'ö' => 'o',
        'ü' => 'u',
        'Ä' => 'A',
        'Ö' => 'O',
        _ => 'U',
    };
    Some(format!(
        "{}{plain}{}",
        &stem[..at],
        &stem[at + c.len_utf8()..]
    ))
}

/// The masculine noun a feminine lemma in *-in* is made from: its stem, with *-e* or
/// *-er*, with or without the umlaut the feminine adds, that the lexicon lists as a
/// masculine noun.
fn masculine_of(lex: &Lexicon, lemma: &str) -> Option<String> {
    let stem = lemma.strip_suffix("in")?;
    if stem.chars().count() < 2 || !lex.genders(lemma).contains(&Gender::Feminine) {
        return None;
    }
    let mut stems = vec![stem.to_string()];
    stems.extend(without_umlaut(stem));
    stems
        .iter()
        .flat_map(|s| [s.clone(), format!("{s}e"), format!("{s}er")])
        .find(|m| lex.genders(m).contains(&Gender::Masculine))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::german::lexicon;

    fn cited(lemma: &str) -> Vec<(String, Relation)> {
        let lex = lexicon().expect("the bundled lexicon");
        other_citations(lex, lemma)
            .into_iter()
            .map(|c| (c.headword, c.relation))
            .collect()
    }

    #[test]
    fn an_adjectival_noun_is_cited_by_its_strong_form() {
        let lex = lexicon().expect("the bundled lexicon");
        for lemma in ["Beamte", "Angestellte", "Abgeordnete"] {
            let want = format!("{lemma}r");
            // The lexicon declines the lemma as an adjective.
            assert!(
                lex.readings(lemma).iter().any(|r| r.tag.nominalised),
                "{lemma}"
            );
            assert_eq!(cited(lemma).first(), Some(&(want, Relation::StrongForm)));
        }
    }

    #[test]
    fn a_feminine_in_in_is_cited_by_its_masculine() {
        let lex = lexicon().expect("the bundled lexicon");
        for (feminine, masculine) in [
            ("Beamtin", "Beamte"),
            ("Ärztin", "Arzt"),
            ("Kollegin", "Kollege"),
            ("Lehrerin", "Lehrer"),
        ] {
            assert!(lex.genders(masculine).contains(&Gender::Masculine));
            let c = cited(feminine);
            assert_eq!(
                c.first(),
                Some(&(masculine.to_string(), Relation::MasculineOf)),
                "{feminine}"
            );
        }
        // And on to the masculine's strong form.
        assert!(cited("Beamtin").contains(&("Beamter".to_string(), Relation::MasculineOf)));
    }

    #[test]
    fn other_nouns_have_no_other_citation() {
        for lemma in [
            "Medizin", "Haus", "Regel", "Benzin", "Frau", "Essen", "Hase",
        ] {
            assert_eq!(cited(lemma), Vec::new(), "{lemma}");
        }
    }
}
