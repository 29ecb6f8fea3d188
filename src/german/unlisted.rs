//! Lower-case words the lexicon does not list, read by German word formation from what it
//! does list: a separable verb written as one word (*vorbeizubringen* → *vorbeibringen*:
//! the word itself shows the verb exists), an adjective compound (*hochleistungsfähigsten*
//! → *hochleistungsfähig*), a compound numeral (*sechshundert*), and an adjective by its
//! derivational suffix (*nebulös*). A lower-case word is never taken for a noun here.

use super::gender::Gender;
use super::lexicon::Lexicon;
use super::tags::{Number, Pos, Tag, VerbForm};

/// What a lower-case unlisted word was read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub lemma: String,
    pub tag: Tag,
    /// The words it was made of (*vorbei* + *bringen*); empty for a suffix reading.
    pub parts: Vec<String>,
    /// Its form alone makes the reading certain, also for a capitalised first word of a
    /// sentence (*Glücklicherweise*), which might otherwise be a name.
    pub sure: bool,
}

/// The shortest known word taken as a part.
const MIN_PART: usize = 3;

/// Suffixes that make adjectives (*-lich*, *-isch*, *-ig*, *-ös* …).
const ADJECTIVE_SUFFIXES: [&str; 12] = [
    "lich", "isch", "ig", "bar", "haft", "los", "sam", "ös", "iv", "ell", "al", "är",
];

/// Endings of an inflected adjective, the longest first.
const ADJECTIVE_ENDINGS: [&str; 6] = ["en", "em", "er", "es", "e", ""];

/// Read a lower-case word the lexicon does not list.
pub fn derive(lex: &Lexicon, word: &str) -> Option<Derived> {
    if word.chars().next().is_none_or(|c| !c.is_lowercase()) || word.contains('-') {
        return None;
    }
    particle_verb(lex, word)
        .or_else(|| sentence_adverb(lex, word))
        .or_else(|| adjective_compound(lex, word))
        .or_else(|| doubled_comparison(lex, word))
        .or_else(|| {
            numeral(lex, word).map(|parts| Derived {
                lemma: word.to_string(),
                tag: Tag::new(Pos::Number),
                parts,
                sure: false,
            })
        })
        .or_else(|| adjective_by_suffix(word))
}

/// The splits of a word into a start and a rest, both at least `MIN_PART` letters; the
/// longest start first.
fn splits(word: &str) -> Vec<(&str, &str)> {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let n = bounds.len();
    let mut out: Vec<(&str, &str)> = bounds
        .iter()
        .enumerate()
        .filter(|(k, _)| *k >= 2 && n - k >= MIN_PART)
        .map(|(_, &at)| word.split_at(at))
        .collect();
    out.reverse();
    out
}

/// A verb particle the lexicon lists (*vorbei*, *an*, *zurück*).
fn is_particle(lex: &Lexicon, p: &str) -> bool {
    lex.readings(p)
        .iter()
        .any(|r| r.tag.pos == Pos::VerbParticle)
}

/// A separable verb written as one word: a particle and a form of a verb the lexicon
/// lists, or a particle, *zu* and its infinitive (*vorbeizubringen*).
fn particle_verb(lex: &Lexicon, word: &str) -> Option<Derived> {
    for (particle, rest) in splits(word) {
        if !is_particle(lex, particle) {
            continue;
        }
        if let Some(inf) = rest.strip_prefix("zu")
            && lex.is_verb(inf)
        {
            let mut tag = Tag::new(Pos::Verb);
            tag.verb_form = Some(VerbForm::ZuInfinitive);
            return Some(Derived {
                lemma: format!("{particle}{inf}"),
                tag,
                parts: vec![particle.to_string(), inf.to_string()],
                sure: false,
            });
        }
        let verb = lex.readings(rest).into_iter().find(|r| {
            r.tag.pos == Pos::Verb && !r.tag.auxiliary && !r.tag.modal && lex.is_verb(&r.lemma)
        });
        if let Some(r) = verb {
            return Some(Derived {
                lemma: format!("{particle}{}", r.lemma),
                tag: r.tag,
                parts: vec![particle.to_string(), r.lemma],
                sure: false,
            });
        }
    }
    None
}

/// A word the lexicon lists in any case (*hoch*, *Leistung*, *Kosten*).
fn is_word(lex: &Lexicon, w: &str) -> bool {
    let mut c = w.chars();
    let capital: String = c
        .next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default();
    lex.knows(w) || lex.knows(&capital)
}

/// The prefix that negates an adjective or participle (*un* + *geschlagen*).
const NEGATING_PREFIX: &str = "un";

/// An adjective compound: a listed word or the negating prefix, then a form of a listed
/// adjective or participle (*hoch* + *leistungsfähigsten*, *un* + *geschlagen*). The
/// longest adjective wins.
fn adjective_compound(lex: &Lexicon, word: &str) -> Option<Derived> {
    let mut candidates = splits(word);
    candidates.reverse();
    for (start, rest) in candidates {
        if !(is_word(lex, start) || start == NEGATING_PREFIX) {
            continue;
        }
        let adjective = lex
            .readings(rest)
            .into_iter()
            .find(|r| matches!(r.tag.pos, Pos::Adjective | Pos::Participle));
        if let Some(r) = adjective {
            return Some(Derived {
                lemma: format!("{start}{}", r.lemma),
                tag: r.tag,
                parts: vec![start.to_string(), r.lemma],
                sure: false,
            });
        }
    }
    None
}

/// The comparative and superlative of a listed adjective that ends in one consonant after
/// a short vowel, which doubles it as English does (*fit* → *fitter*, *fitteste*; *top*
/// → *topper*): the lexicon lists the adjective but not these forms.
fn doubled_comparison(lex: &Lexicon, word: &str) -> Option<Derived> {
    use super::tags::Degree;
    for ending in ADJECTIVE_ENDINGS {
        let Some(inflected) = word.strip_suffix(ending) else {
            continue;
        };
        for (suffix, degree) in [("er", Degree::Comparative), ("est", Degree::Superlative)] {
            let Some(doubled) = inflected.strip_suffix(suffix) else {
                continue;
            };
            let mut letters = doubled.chars().rev();
            let (Some(last), Some(before)) = (letters.next(), letters.next()) else {
                continue;
            };
            let stem = &doubled[..doubled.len() - last.len_utf8()];
            let short_vowel_before = letters.next().is_some_and(|v| "aeiouäöü".contains(v))
                && letters.next().is_none_or(|c| !"aeiouäöü".contains(c));
            if last != before || "aeiouäöü".contains(last) || !short_vowel_before {
                continue;
            }
            let listed = lex
                .readings(stem)
                .iter()
                .any(|r| r.lemma == stem && r.tag.pos == Pos::Adjective);
            if listed {
                let mut tag = Tag::new(Pos::Adjective);
                tag.degree = Some(degree);
                return Some(Derived {
                    lemma: stem.to_string(),
                    tag,
                    parts: Vec::new(),
                    sure: false,
                });
            }
        }
    }
    None
}

/// What joins an adjective to *weise* in a sentence adverb (*glücklich-er-weise*).
const SENTENCE_ADVERB_SUFFIX: &str = "erweise";

/// A sentence adverb: a listed adjective, *-erweise* (*glücklicherweise*,
/// *bedauerlicherweise*). The form makes it certain: no name or noun ends so.
fn sentence_adverb(lex: &Lexicon, word: &str) -> Option<Derived> {
    let stem = word.strip_suffix(SENTENCE_ADVERB_SUFFIX)?;
    let adjective = stem.chars().count() >= MIN_PART
        && lex
            .readings(stem)
            .iter()
            .any(|r| r.lemma == stem && r.tag.pos == Pos::Adjective);
    adjective.then(|| Derived {
        lemma: word.to_string(),
        tag: Tag::new(Pos::Adverb),
        parts: vec![stem.to_string(), "weise".to_string()],
        sure: true,
    })
}

/// A compound numeral: number words only, *und* between them (*sechshundert*,
/// *einundzwanzig*). Its parts.
fn numeral(lex: &Lexicon, word: &str) -> Option<Vec<String>> {
    let number = |w: &str| lex.readings(w).iter().any(|r| r.tag.pos == Pos::Number);
    fn go(word: &str, number: &dyn Fn(&str) -> bool, depth: usize) -> Option<Vec<String>> {
        if number(word) {
            return Some(vec![word.to_string()]);
        }
        if depth == 0 {
            return None;
        }
        word.char_indices().skip(1).find_map(|(at, _)| {
            let (head, tail) = word.split_at(at);
            if !number(head) {
                return None;
            }
            let tail = tail
                .strip_prefix("und")
                .filter(|t| !t.is_empty())
                .unwrap_or(tail);
            let mut rest = go(tail, number, depth - 1)?;
            rest.insert(0, head.to_string());
            Some(rest)
        })
    }
    go(word, &number, 4).filter(|parts| parts.len() > 1)
}

/// An adjective by its suffix, with its inflection ending taken off (*nebulöse* →
/// *nebulös*).
fn adjective_by_suffix(word: &str) -> Option<Derived> {
    ADJECTIVE_ENDINGS.iter().find_map(|ending| {
        let stem = word.strip_suffix(ending)?;
        let fits = ADJECTIVE_SUFFIXES
            .iter()
            .any(|s| stem.ends_with(s) && stem.chars().count() >= s.chars().count() + MIN_PART);
        fits.then(|| Derived {
            lemma: stem.to_string(),
            tag: Tag::new(Pos::Adjective),
            parts: Vec::new(),
            sure: false,
        })
    })
}

/// Noun suffixes that fix a noun's gender, singular and plural (*-ung*, *-ungen*).
const NOUN_SUFFIXES: [(&str, &str, Gender); 11] = [
    ("ung", "ungen", Gender::Feminine),
    ("erei", "ereien", Gender::Feminine),
    ("heit", "heiten", Gender::Feminine),
    ("keit", "keiten", Gender::Feminine),
    ("schaft", "schaften", Gender::Feminine),
    ("tion", "tionen", Gender::Feminine),
    ("ität", "itäten", Gender::Feminine),
    ("chen", "chen", Gender::Neuter),
    ("lein", "lein", Gender::Neuter),
    ("ismus", "ismen", Gender::Masculine),
    ("eur", "eure", Gender::Masculine),
];

/// A noun read by its suffix.
#[derive(Debug, Clone, PartialEq)]
pub struct SuffixNoun {
    pub lemma: String,
    pub plural: String,
    pub gender: Gender,
    /// The number of the word as written.
    pub number: Number,
}

/// A capitalised word the lexicon does not list, read as a noun by a derivational
/// suffix that fixes its gender (*Entscheidungsfindung*, *Pünktlichkeit*,
/// *Problemchen*): the singular as its lemma, and the suffix's gender and plural.
pub fn noun_by_suffix(word: &str) -> Option<SuffixNoun> {
    if word.chars().next().is_none_or(|c| !c.is_uppercase())
        || word.chars().skip(1).any(char::is_uppercase)
    {
        return None;
    }
    NOUN_SUFFIXES.iter().find_map(|(singular, plural, gender)| {
        let (stem, number) = match word.strip_suffix(plural) {
            Some(stem) if plural != singular => (stem, Number::Plural),
            _ => (word.strip_suffix(singular)?, Number::Singular),
        };
        (stem.chars().count() >= MIN_PART).then(|| SuffixNoun {
            lemma: format!("{stem}{singular}"),
            plural: format!("{stem}{plural}"),
            gender: *gender,
            number,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::german::lexicon;
    use crate::german::tags::Degree;

    #[test]
    fn a_capitalised_word_with_a_noun_suffix_is_a_noun_of_its_gender() {
        let n = noun_by_suffix("Entscheidungsfindungen").expect("a noun");
        assert_eq!(n.lemma, "Entscheidungsfindung");
        assert_eq!(n.plural, "Entscheidungsfindungen");
        assert_eq!((n.gender, n.number), (Gender::Feminine, Number::Plural));
        let n = noun_by_suffix("Problemchen").expect("a noun");
        assert_eq!(
            (n.lemma.as_str(), n.gender),
            ("Problemchen", Gender::Neuter)
        );
        assert_eq!(
            noun_by_suffix("Parfümeur").map(|n| n.gender),
            Some(Gender::Masculine)
        );
        let n = noun_by_suffix("Schneidereien").expect("a noun");
        assert_eq!(
            (n.lemma.as_str(), n.gender),
            ("Schneiderei", Gender::Feminine)
        );
        // Too short a stem, lower case, or an abbreviation: no reading.
        assert_eq!(noun_by_suffix("Jung"), None);
        assert_eq!(noun_by_suffix("achtung"), None);
        assert_eq!(noun_by_suffix("OECHUNG"), None);
    }

    fn read(word: &str) -> Option<(String, Pos)> {
        let lex = lexicon().ok()?;
        derive(lex, word).map(|d| (d.lemma, d.tag.pos))
    }

    #[test]
    fn a_separable_verb_written_as_one_word_is_its_particle_and_verb() {
        let lex = lexicon().expect("lexicon");
        // Only where the lexicon does not list it already.
        assert!(!lex.knows("vorbeizubringen"));
        assert_eq!(
            read("vorbeizubringen"),
            Some(("vorbeibringen".to_string(), Pos::Verb))
        );
    }

    #[test]
    fn an_adjective_compound_takes_its_last_adjectives_lemma() {
        let lex = lexicon().expect("lexicon");
        assert!(!lex.knows("hochleistungsfähigsten"));
        let d = derive(lex, "hochleistungsfähigsten").expect("derived");
        assert_eq!(d.tag.pos, Pos::Adjective);
        assert!(d.lemma.starts_with("hoch") && lex.knows(&d.lemma["hoch".len()..]));
    }

    #[test]
    fn un_before_a_listed_adjective_or_participle_negates_it() {
        let lex = lexicon().expect("lexicon");
        if lex.knows("ungeschlagen") {
            return;
        }
        let d = derive(lex, "ungeschlagen").expect("derived");
        assert_eq!(d.lemma, "ungeschlagen");
        assert!(matches!(d.tag.pos, Pos::Adjective | Pos::Participle));
        // *un* is no word of its own: nothing else starts a compound with it.
        assert!(derive(lex, "unhaus").is_none());
    }

    #[test]
    fn a_short_adjective_doubles_its_last_consonant_before_er_and_est() {
        let lex = lexicon().expect("lexicon");
        for (word, degree) in [
            ("fitter", Degree::Comparative),
            ("fitteren", Degree::Comparative),
            ("fitteste", Degree::Superlative),
        ] {
            if lex.knows(word) {
                continue;
            }
            let d = derive(lex, word).expect("derived");
            assert_eq!(
                (d.lemma.as_str(), d.tag.pos, d.tag.degree),
                ("fit", Pos::Adjective, Some(degree))
            );
        }
        // Not without a doubled consonant, nor after a long vowel or two vowels.
        assert!(doubled_comparison(lex, "fiter").is_none());
        assert!(doubled_comparison(lex, "feitter").is_none());
    }

    #[test]
    fn an_adjective_with_erweise_is_a_sentence_adverb() {
        let lex = lexicon().expect("lexicon");
        for word in ["glücklicherweise", "bedauerlicherweise", "ärgerlicherweise"] {
            if lex.knows(word) {
                continue;
            }
            let d = derive(lex, word).expect("derived");
            assert_eq!(
                (d.lemma.as_str(), d.tag.pos, d.sure),
                (word, Pos::Adverb, true)
            );
        }
        // Not after a word that is no adjective.
        assert!(derive(lex, "hauserweise").is_none_or(|d| d.tag.pos != Pos::Adverb));
    }

    #[test]
    fn a_compound_numeral_is_a_number() {
        assert_eq!(
            read("sechshundert"),
            Some(("sechshundert".to_string(), Pos::Number))
        );
        assert_eq!(
            read("dreiundvierzig"),
            Some(("dreiundvierzig".to_string(), Pos::Number))
        );
    }

    #[test]
    fn an_adjective_by_its_suffix_and_never_a_noun() {
        assert_eq!(
            read("nebulöse"),
            Some(("nebulös".to_string(), Pos::Adjective))
        );
        assert_eq!(read("Nebulös"), None);
        assert_eq!(read("xyzq"), None);
    }
}
