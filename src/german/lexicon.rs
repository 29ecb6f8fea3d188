//! The full-form lexicon: every German word form with its lemmas and tags, and the
//! inverse (lemma and tag to form), read in place from LanguageTool's german-pos-dict
//! automata bundled in `assets/german/` (CC BY-SA 4.0; see NOTICE).

use std::sync::OnceLock;

use super::Gender;
use super::fsa::{Fsa, FsaError};
use super::tags::{Case, Number, Pos, Tag, VerbForm};

static ANALYSIS: &[u8] = include_bytes!("../../assets/german/german.dict");
static SYNTHESIS: &[u8] = include_bytes!("../../assets/german/german_synth.dict");

/// The separator between a form, its encoded lemma and its tag.
const SEP: u8 = b'_';
/// Readings read per form at most.
const MAX_READINGS: usize = 96;

/// One reading of a form: its lemma and tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub lemma: String,
    pub tag: Tag,
}

/// Both automata, checked.
#[derive(Debug)]
pub struct Lexicon {
    analysis: Fsa<'static>,
    synthesis: Fsa<'static>,
}

/// The bundled lexicon (checked once; an error would mean a broken build).
pub fn lexicon() -> Result<&'static Lexicon, FsaError> {
    static CELL: OnceLock<Result<Lexicon, FsaError>> = OnceLock::new();
    CELL.get_or_init(|| {
        Ok(Lexicon {
            analysis: Fsa::new(ANALYSIS)?,
            synthesis: Fsa::new(SYNTHESIS)?,
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Undo morfologik's suffix encoding: the first byte says how many bytes to cut from the
/// end of `base` ('A' = none), the rest is appended.
fn decode(base: &[u8], encoded: &[u8]) -> Option<String> {
    let (&cut, suffix) = encoded.split_first()?;
    let cut = usize::from(cut.checked_sub(b'A')?);
    let keep = base.len().checked_sub(cut)?;
    let mut out = base[..keep].to_vec();
    out.extend_from_slice(suffix);
    String::from_utf8(out).ok()
}

impl Lexicon {
    /// Every reading of a form as written (case matters: `Essen` and `essen` differ).
    pub fn readings(&self, form: &str) -> Vec<Reading> {
        if form.is_empty() || form.contains('_') {
            return Vec::new();
        }
        let mut key = form.as_bytes().to_vec();
        key.push(SEP);
        let Ok(rest) = self.analysis.completions(&key, MAX_READINGS) else {
            return Vec::new();
        };
        let mut out: Vec<Reading> = Vec::new();
        for r in rest {
            let Some(split) = r.iter().position(|&b| b == SEP) else {
                continue;
            };
            let Some(lemma) = decode(form.as_bytes(), &r[..split]) else {
                continue;
            };
            let Some(tag) = std::str::from_utf8(&r[split + 1..])
                .ok()
                .and_then(Tag::parse)
            else {
                continue;
            };
            let reading = Reading { lemma, tag };
            if !out.contains(&reading) {
                out.push(reading);
            }
        }
        out
    }

    /// Whether the lexicon knows the form at all.
    pub fn knows(&self, form: &str) -> bool {
        !self.readings(form).is_empty()
    }

    /// The forms of `lemma` whose tag starts with `tag_prefix` ("SUB:NOM:PLU:"), with the
    /// rest of each tag.
    pub fn forms(&self, lemma: &str, tag_prefix: &str) -> Vec<(String, String)> {
        let mut key = lemma.as_bytes().to_vec();
        key.push(b'|');
        key.extend_from_slice(tag_prefix.as_bytes());
        let Ok(rest) = self.synthesis.completions(&key, MAX_READINGS) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for r in rest {
            let Some(split) = r.iter().position(|&b| b == SEP) else {
                continue;
            };
            let mut whole = key.clone();
            whole.extend_from_slice(&r[..split]);
            let (Ok(tag_rest), Some(form)) = (
                std::str::from_utf8(&r[..split]),
                decode(&whole, &r[split + 1..]),
            ) else {
                continue;
            };
            out.push((form, tag_rest.to_string()));
        }
        out
    }

    /// The genders of a noun lemma, from its nominative singular readings.
    pub fn genders(&self, lemma: &str) -> Vec<Gender> {
        let mut out = Vec::new();
        for r in self.readings(lemma) {
            if r.lemma == lemma
                && r.tag.pos == Pos::Noun
                && r.tag.case == Some(Case::Nominative)
                && r.tag.number == Some(Number::Singular)
                && let Some(g) = r.tag.gender
                && !out.contains(&g)
            {
                out.push(g);
            }
        }
        out
    }

    /// The nominative plural of a noun lemma of a gender: the lexicon's own forms, plain
    /// nouns before nominalised ones. Empty where the lexicon lists none.
    pub fn plurals(&self, lemma: &str, gender: Option<Gender>) -> Vec<String> {
        let code = |g: Gender| match g {
            Gender::Masculine => "MAS",
            Gender::Feminine => "FEM",
            Gender::Neuter => "NEU",
        };
        let mut out: Vec<String> = Vec::new();
        let mut forms = self.forms(lemma, "SUB:NOM:PLU:");
        // An adjectival noun's plural is shown after *die*, so in its weak form (*die
        // Beamten*, not the strong *Beamte* of *viele Beamte*).
        let weak = self.is_adjectival_noun(lemma).then(|| format!("{lemma}n"));
        // Plain tags ("MAS") before marked ones ("MAS:ADJ"); of two plurals, the common
        // one (*Länder*, not the poetic *Lande*).
        forms.sort_by(|(f, t), (g, u)| {
            (weak.as_ref() != Some(f), t.contains(':'))
                .cmp(&(weak.as_ref() != Some(g), u.contains(':')))
                .then_with(|| {
                    super::frequency::zipf_or_rare(g).total_cmp(&super::frequency::zipf_or_rare(f))
                })
        });
        for (form, tag) in forms {
            let g = tag.split(':').next().unwrap_or("");
            let fits = match gender {
                Some(gd) => g == code(gd) || g == "NOG",
                None => true,
            };
            if fits && !out.contains(&form) {
                out.push(form);
            }
        }
        out
    }

    /// Whether a noun lemma in *-e* is declined as an adjective (*der Beamte*, *ein
    /// Beamter*): the lexicon marks its nominative singular nominalised.
    pub fn is_adjectival_noun(&self, lemma: &str) -> bool {
        lemma.ends_with('e')
            && self.readings(lemma).iter().any(|r| {
                r.lemma == lemma
                    && r.tag.pos == Pos::Noun
                    && r.tag.nominalised
                    && r.tag.case == Some(Case::Nominative)
                    && r.tag.number == Some(Number::Singular)
            })
    }

    /// Whether `word` is the infinitive of a verb.
    pub fn is_verb(&self, word: &str) -> bool {
        self.readings(word).iter().any(|r| {
            r.tag.pos == Pos::Verb
                && r.lemma == word
                && matches!(r.tag.verb_form, Some(VerbForm::Infinitive))
        })
    }

    /// The particle a separable verb's lemma starts with (*ein* of *einreichen*): the
    /// longest start that the lexicon lists as a verb particle, with a verb after it. None
    /// for a word that is no such verb.
    pub fn separable_particle(&self, lemma: &str) -> Option<String> {
        let lemma = lemma.to_lowercase();
        if !self.is_verb(&lemma) {
            return None;
        }
        lemma
            .char_indices()
            .skip(2)
            .map(|(i, _)| lemma.split_at(i))
            .filter(|(p, rest)| {
                self.is_verb(rest)
                    && self
                        .readings(p)
                        .iter()
                        .any(|r| r.tag.pos == Pos::VerbParticle)
            })
            .map(|(p, _)| p.to_string())
            .max_by_key(String::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        lexicon().expect("the bundled lexicon reads")
    }

    fn lemmas(form: &str, pos: Pos) -> Vec<String> {
        let mut v: Vec<String> = lex()
            .readings(form)
            .into_iter()
            .filter(|r| r.tag.pos == pos)
            .map(|r| r.lemma)
            .collect();
        v.dedup();
        v
    }

    #[test]
    fn forms_lead_to_their_lemmas() {
        assert_eq!(lemmas("ist", Pos::Verb), vec!["sein"]);
        assert_eq!(lemmas("Leerverkäufe", Pos::Noun), vec!["Leerverkauf"]);
        assert_eq!(lemmas("aufzubauen", Pos::Verb), vec!["aufbauen"]);
        assert_eq!(lemmas("größten", Pos::Adjective), vec!["groß"]);
        assert!(lex().readings("Qwxzy").is_empty());
        assert!(lex().readings("").is_empty());
    }

    #[test]
    fn gender_and_plural_come_from_the_lexicon() {
        assert_eq!(lex().genders("Strom"), vec![Gender::Masculine]);
        assert_eq!(
            lex().plurals("Strom", Some(Gender::Masculine)),
            vec!["Ströme"]
        );
        assert_eq!(
            lex().plurals("Mitarbeiter", Some(Gender::Masculine)),
            vec!["Mitarbeiter"]
        );
        assert!(lex().is_verb("aussehen"));
        assert!(!lex().is_verb("ausimmeren"));
    }

    #[test]
    fn of_two_plurals_the_common_one_comes_first() {
        // *das Land*: *Länder*, and the poetic *Lande*.
        let plurals = lex().plurals("Land", Some(Gender::Neuter));
        assert!(plurals.len() >= 2, "{plurals:?}");
        let zipf = crate::german::frequency::zipf_or_rare;
        assert!(
            plurals[1..].iter().all(|p| zipf(&plurals[0]) >= zipf(p)),
            "{plurals:?}"
        );
        assert!(plurals.contains(&"Länder".to_string()), "{plurals:?}");
    }

    #[test]
    fn an_adjectival_nouns_plural_is_its_weak_form() {
        // The lexicon lists both the strong (viele Beamte) and the weak plural.
        for lemma in ["Beamte", "Jugendliche", "Abgeordnete"] {
            assert!(lex().is_adjectival_noun(lemma), "{lemma}");
            let plurals = lex().plurals(lemma, Some(Gender::Masculine));
            assert_eq!(plurals.first(), Some(&format!("{lemma}n")), "{lemma}");
        }
        assert!(!lex().is_adjectival_noun("Hase"));
        assert!(!lex().is_adjectival_noun("Strom"));
    }

    #[test]
    fn decoding_cuts_and_appends() {
        assert_eq!(decode(b"ist", b"Dsein").as_deref(), Some("sein"));
        assert_eq!(decode(b"Strom", b"A").as_deref(), Some("Strom"));
        assert_eq!(decode(b"ab", b"Z"), None);
    }
}
