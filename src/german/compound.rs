//! Compounds the lexicon does not list: hyphenated ones (`KI-Wettrennen`: the head is the
//! last part) and closed ones split by the lexicon and word frequencies (`Kostenangaben`:
//! *Kosten* + *Angabe*, not *Kost* + *en* + *Angabe*).

use super::frequency;
use super::lexicon::{Lexicon, Reading};
use super::tags::Pos;

/// Linking elements between the parts of a compound, the empty one first.
const LINKS: [&str; 7] = ["", "s", "es", "n", "en", "e", "er"];
/// A first part missing from the lexicon counts as one word when it is a compound this
/// frequent (Zipf): *Handbuch* + *Seite*, not *Hand* + *Buchseite*.
const FREQUENT_COMPOUND: f32 = 3.0;
/// The shortest part (in letters) taken as a word, the head too (*Ersatz* + *Zug*).
const MIN_PART: usize = 3;

/// A split: the first parts as written (without linking element) and the head's readings.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// The parts before the head, each as its own word (`Kosten`, `anmelden`).
    pub parts: Vec<String>,
    /// The linking element after each part.
    pub links: Vec<String>,
    /// The head as written (`angaben`) and its noun readings (`Angabe`).
    pub head: String,
    pub head_readings: Vec<Reading>,
    pub score: f32,
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// How likely a first part is a word: its Zipf frequency minus 9 (a log probability),
/// with the word it stands for (a noun, a verb stem, an adjective).
fn first_part(lex: &Lexicon, part: &str) -> Option<(String, f32)> {
    if part.chars().count() < MIN_PART {
        return None;
    }
    let cap = capitalised(part);
    let lower = part.to_lowercase();
    // The part's own lemma: *Wettbewerb* for *Wettbewerbs*.
    let known = |w: &str| {
        lex.readings(w)
            .into_iter()
            .find(|r| matches!(r.tag.pos, Pos::Noun | Pos::Adjective | Pos::Name))
            .map(|r| r.lemma)
    };
    // A feminine noun drops its -e before the head (*Schul-* for *Schule*); where the
    // part is also a verb stem (*schulen*), the more frequent word is meant.
    let elided = known(&format!("{cap}e")).filter(|noun| {
        let verb = [format!("{lower}en"), format!("{lower}n")]
            .into_iter()
            .find(|v| lex.is_verb(v));
        verb.is_none_or(|v| frequency::zipf_or_rare(noun) > frequency::zipf_or_rare(&v))
    });
    let word = if let Some(l) = known(&cap) {
        l
    } else if let Some(l) = known(&lower) {
        l
    } else if let Some(l) = elided {
        l
    } else if lex.is_verb(&format!("{lower}en")) {
        format!("{lower}en")
    } else if lex.is_verb(&format!("{lower}n")) {
        format!("{lower}n")
    } else if frequency::zipf(part).is_some_and(|z| z >= FREQUENT_COMPOUND)
        && split_depth(lex, &cap, 1).is_some()
    {
        // A frequent compound the lexicon does not list (`Handbuch`).
        cap
    } else if frequency::zipf(part).is_some_and(|z| z >= FREQUENT_COMPOUND)
        && lex.readings(&lower).is_empty()
        && lex.readings(&cap).is_empty()
    {
        // A frequent word the lexicon has no entry for, only as a first part (*Elektro*,
        // *Bio*, *Öko*): no function word (those the lexicon lists).
        cap
    } else {
        return None;
    };
    let z = frequency::zipf(part).or_else(|| frequency::zipf(&word))?;
    Some((word, z - 9.0))
}

/// A word's readings as a noun (no nominalised verb), those of its most frequent lemma
/// first, as the word is read alone: *Schulden* is the plural of *Schuld*, not of the
/// lexicon's rare *Schulde*.
pub fn noun_readings(lex: &Lexicon, word: &str) -> Vec<Reading> {
    let mut readings: Vec<(Reading, f32)> = lex
        .readings(word)
        .into_iter()
        .filter(|r| r.tag.pos == Pos::Noun && !r.tag.nominalised)
        .map(|r| {
            let z = frequency::zipf_or_rare(&r.lemma);
            (r, z)
        })
        .collect();
    readings.sort_by(|a, b| b.1.total_cmp(&a.1));
    readings.into_iter().map(|(r, _)| r).collect()
}

/// The best split of a capitalised word into known words, the last one a noun.
pub fn split(lex: &Lexicon, word: &str) -> Option<Split> {
    split_depth(lex, word, 2)
}

fn split_depth(lex: &Lexicon, word: &str, depth: usize) -> Option<Split> {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let mut best: Option<Split> = None;
    for (n, &at) in bounds.iter().enumerate() {
        if n < MIN_PART || bounds.len() - n < MIN_PART {
            continue;
        }
        let (left, right) = word.split_at(at);
        let head = capitalised(right);
        let head_readings = noun_readings(lex, &head);
        let Some(first) = head_readings.first() else {
            continue;
        };
        let head_score = frequency::zipf(&first.lemma).or_else(|| frequency::zipf(right));
        let Some(head_score) = head_score.map(|z| z - 9.0) else {
            continue;
        };
        for link in LINKS {
            let Some(base) = left.strip_suffix(link) else {
                continue;
            };
            // A link costs a little: a part that is a word as it stands comes first.
            let link_cost = if link.is_empty() { 0.0 } else { 1.0 };
            let mut candidates: Vec<(Vec<String>, Vec<String>, f32)> = Vec::new();
            if let Some((w, s)) = first_part(lex, base) {
                candidates.push((vec![w], vec![link.to_string()], s));
            }
            if depth > 1
                && let Some(inner) = split_depth(lex, &capitalised(base), depth - 1)
            {
                let mut parts = inner.parts;
                parts.push(inner.head_readings[0].lemma.clone());
                let mut links = inner.links;
                links.push(link.to_string());
                candidates.push((parts, links, inner.score));
            }
            for (parts, links, s) in candidates {
                let score = s + head_score - link_cost;
                if best.as_ref().is_none_or(|b| score > b.score) {
                    best = Some(Split {
                        parts,
                        links,
                        head: right.to_string(),
                        head_readings: head_readings.clone(),
                        score,
                    });
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::german::lexicon;

    fn parts(word: &str) -> Vec<String> {
        let lex = lexicon().expect("lexicon");
        let s = split(lex, word).expect("a split");
        let mut v = s.parts.clone();
        v.push(s.head_readings[0].lemma.clone());
        v
    }

    #[test]
    fn splits_prefer_whole_frequent_words() {
        assert_eq!(parts("Kostenangaben"), vec!["Kosten", "Angabe"]);
        assert_eq!(parts("Handbuchseite"), vec!["Handbuch", "Seite"]);
        assert_eq!(parts("Anmeldebildschirm"), vec!["anmelden", "Bildschirm"]);
        assert_eq!(
            parts("Elektrofahrzeugindustrie"),
            vec!["Elektro", "Fahrzeug", "Industrie"]
        );
    }

    #[test]
    fn a_first_part_without_its_e_is_the_noun_where_it_is_the_commoner_word() {
        let lex = lexicon().expect("lexicon");
        // Both readings exist: the noun with its -e dropped, and a verb's stem.
        let noun = "Schule";
        let verb = "schulen";
        assert!(lex.is_verb(verb));
        assert!(frequency::zipf_or_rare(noun) > frequency::zipf_or_rare(verb));
        assert_eq!(parts("Schulparkplatz")[0], noun);
        assert_eq!(parts("Sprachkurs")[0], "Sprache");
        // A verb stem that is no noun without its -e stays the verb (*Wohnort*).
        assert_eq!(parts("Wohnort")[0], "wohnen");
    }

    #[test]
    fn the_head_is_read_as_it_is_alone() {
        // The lexicon files *Schulden* under *Schulde* and *Schuld*; alone, the analysis
        // reads the more frequent.
        let alone = crate::german::analysis::analyse_word("Die Schulden steigen.", "Schulden")
            .expect("analysed");
        assert_eq!(parts("Staatsschulden").last(), Some(&alone.lemma));
        let a = crate::german::analysis::analyse_word("Die EU-Schulden steigen.", "EU-Schulden")
            .expect("analysed");
        assert_eq!(a.lemma, format!("EU-{}", alone.lemma));
    }

    #[test]
    fn a_head_may_be_as_short_as_any_part() {
        let short = ["Ersatzzug", "Stadtrat", "Wohnort"];
        for word in short {
            let head = parts(word).pop().expect("a head");
            assert_eq!(head.chars().count(), MIN_PART, "{word}: {head}");
        }
    }

    #[test]
    fn no_split_without_a_noun_head() {
        let lex = lexicon().expect("lexicon");
        assert!(split(lex, "Xyzqwrt").is_none());
    }
}
