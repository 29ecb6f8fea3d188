//! Separable verbs: in a main clause the particle closes the clause ("Die FTC reichte …
//! eine Klage … ein."), and verb and particle together are one lemma (einreichen).
//!
//! A clause (up to `, ; : . ! ?` or a dash) that ends in a separable particle, with the
//! finite verb in second position (after a leading "und", "aber", "oder", "denn"
//! "sondern"), is linked: the infinitive is particle + the verb's infinitive (regular
//! endings, a few frequent irregular verbs).

use std::ops::Range;

use crate::document::word_ranges;

pub(crate) const PARTICLES: &[&str] = &[
    "ab", "an", "auf", "aus", "bei", "dar", "ein", "empor", "fest", "fort", "her", "heraus",
    "herbei", "hervor", "hin", "hinaus", "hinzu", "los", "mit", "nach", "nieder", "statt", "teil",
    "vor", "voran", "vorbei", "weg", "weiter", "zu", "zurück", "zusammen",
];

/// The particle a separable verb's lemma starts with while `form` does not („einreichen“
/// met as „reichte“ gives „ein“): the longest that fits.
pub(crate) fn split_particle<'a>(lemma: &str, form: &str) -> Option<&'a str> {
    let lemma = lemma.to_lowercase();
    let form = form.to_lowercase();
    PARTICLES
        .iter()
        .filter(|p| lemma.starts_with(**p) && lemma.len() > p.len() && !form.starts_with(**p))
        .max_by_key(|p| p.len())
        .copied()
}

const CONJUNCTIONS: &[&str] = &["und", "aber", "oder", "denn", "sondern", "doch"];

/// Lower-case words that are not finite verbs: articles, determiners, pronouns,
/// prepositions and frequent adverbs (the first constituent may have several words:
/// "Vor einigen Jahren gingen …").
const NOT_VERBS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    "einige", "einigen", "einiger", "alle", "allen", "aller", "jede", "jeden", "jeder", "diese",
    "dieser", "diesem", "diesen", "dieses", "manche", "viele", "vielen", "mehrere", "ich", "du",
    "er", "sie", "es", "wir", "ihr", "man", "sich", "mich", "dich", "uns", "euch", "ihm", "ihn",
    "ihnen", "in", "im", "an", "am", "auf", "aus", "bei", "mit", "nach", "seit", "von", "vom",
    "zu", "zum", "zur", "vor", "über", "unter", "durch", "für", "gegen", "ohne", "um", "bis",
    "neben", "zwischen", "auch", "noch", "nur", "schon", "sehr", "heute", "dann", "jetzt", "nicht",
    "so", "da", "hier", "dort",
];

const IRREGULAR: &[(&str, &str)] = &[
    ("ging", "gehen"),
    ("gingen", "gehen"),
    ("geht", "gehen"),
    ("gehen", "gehen"),
    ("kam", "kommen"),
    ("kamen", "kommen"),
    ("kommt", "kommen"),
    ("sah", "sehen"),
    ("sahen", "sehen"),
    ("sieht", "sehen"),
    ("nahm", "nehmen"),
    ("nahmen", "nehmen"),
    ("nimmt", "nehmen"),
    ("gab", "geben"),
    ("gaben", "geben"),
    ("gibt", "geben"),
    ("brachte", "bringen"),
    ("brachten", "bringen"),
    ("bringt", "bringen"),
    ("fand", "finden"),
    ("fanden", "finden"),
    ("findet", "finden"),
    ("hielt", "halten"),
    ("hält", "halten"),
    ("lud", "laden"),
    ("lädt", "laden"),
    ("schlug", "schlagen"),
    ("schlägt", "schlagen"),
    ("stand", "stehen"),
    ("steht", "stehen"),
    ("trat", "treten"),
    ("tritt", "treten"),
    ("zog", "ziehen"),
    ("zieht", "ziehen"),
    ("sieht", "sehen"),
    ("fiel", "fallen"),
    ("fällt", "fallen"),
    ("rief", "rufen"),
    ("ruft", "rufen"),
    ("wies", "weisen"),
    ("weist", "weisen"),
    ("sprach", "sprechen"),
    ("spricht", "sprechen"),
];

/// A verb and its particle in one clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte ranges relative to the text given to [`link`].
    pub verb: Range<usize>,
    pub particle: Range<usize>,
    pub infinitive: String,
}

/// The infinitive of a finite verb form: irregular table, else regular endings.
fn infinitive(verb: &str) -> String {
    let v = verb.to_lowercase();
    if let Some((_, inf)) = IRREGULAR.iter().find(|(form, _)| *form == v) {
        return (*inf).to_string();
    }
    for ending in ["ten", "test", "tet", "te", "en", "st", "t", "e"] {
        if let Some(stem) = v.strip_suffix(ending)
            && stem.chars().count() >= 2
        {
            // handelt → handeln, ändert → ändern; else stem + "en".
            return if stem.ends_with("el") || stem.ends_with("er") {
                format!("{stem}n")
            } else {
                format!("{stem}en")
            };
        }
    }
    format!("{v}en")
}

/// Separable verbs in a text.
pub fn link(text: &str) -> Vec<Link> {
    let words = word_ranges(text);
    let mut out = Vec::new();
    let mut clause_start = 0;
    for (i, r) in words.iter().enumerate() {
        let after = &text[r.end..];
        let closes = after
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '–' | ')' | '“' | '"'));
        if closes {
            let clause = &words[clause_start..=i];
            let particle = &text[r.clone()];
            if clause.len() >= 3 && PARTICLES.contains(&particle) {
                let first = text[clause[0].clone()].to_lowercase();
                let from = if CONJUNCTIONS.contains(&first.as_str()) {
                    2
                } else {
                    1
                };
                // The finite verb: the first lower-case word after the first constituent
                // that is no article, pronoun, preposition or frequent adverb.
                let verb = clause[..clause.len() - 1].iter().skip(from).find(|v| {
                    let w = &text[(*v).clone()];
                    w.chars().next().is_some_and(char::is_lowercase)
                        && !NOT_VERBS.contains(&w.to_lowercase().as_str())
                });
                if let Some(v) = verb {
                    out.push(Link {
                        verb: v.clone(),
                        particle: r.clone(),
                        infinitive: format!("{particle}{}", infinitive(&text[v.clone()])),
                    });
                }
            }
            clause_start = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String, String)> {
        link(text)
            .into_iter()
            .map(|l| {
                (
                    text[l.verb].to_string(),
                    text[l.particle].to_string(),
                    l.infinitive,
                )
            })
            .collect()
    }

    #[test]
    fn links_verbs_and_particles_in_the_article() {
        let article = crate::document::bundled().text;
        let sentence = |start: &str| -> String {
            let at = article.find(start).expect("sentence in the article");
            let end = article[at..]
                .find('.')
                .map_or(article.len(), |e| at + e + 1);
            article[at..end].to_string()
        };
        let s = sentence("Im Jahr 2021 reichte");
        assert_eq!(
            pairs(&s),
            vec![(
                "reichte".to_string(),
                "ein".to_string(),
                "einreichen".to_string()
            )]
        );
        let s = sentence("Vor einigen Jahren gingen");
        assert_eq!(
            pairs(&s),
            vec![("gingen".into(), "vor".into(), "vorgehen".into())]
        );
        let s = sentence("Und sie löste");
        assert_eq!(
            pairs(&s),
            vec![("löste".into(), "aus".into(), "auslösen".into())]
        );
        // "Lade … ein" in a made-up sentence; a subordinate clause is not linked.
        assert_eq!(
            pairs("Ich lade dich morgen zum Essen ein."),
            vec![("lade".into(), "ein".into(), "einladen".into())]
        );
        assert!(pairs("Er sagt, dass er morgen kommt.").is_empty());
    }
}
