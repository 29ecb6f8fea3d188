//! The lookup chain for a word under the cursor: the glossary, the dictionaries' exact
//! headword (case-folded where the exact case fails), the lemma (the dictionary's own
//! plural and "see" links, inflection rules checked with a German stemmer), and, only when
//! all that failed, a compound split with linking elements. Every result names its source.

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use super::entry::Entry;
use super::{DictError, Dictionaries};
use crate::glossary::{Gender, Glossary, Source};

/// How a result was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Method {
    /// A term of the document's or the user's glossary.
    Glossary,
    /// The headword exactly as written.
    Exact,
    /// The headword in another case ("monopol" for "Monopol").
    CaseFolded,
    /// The lemma of an inflected form.
    Lemma { from: String, via: String },
    /// A compound split into known words; `parts` include linking elements.
    Compound { parts: Vec<String> },
    /// One part of a compound.
    Part { of: String },
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub source: String,
    pub method: Method,
    pub headword: String,
    #[serde(serialize_with = "ser_gender")]
    pub gender: Option<Gender>,
    /// The gender is the last part's (compounds).
    pub gender_inferred: bool,
    pub plural: Option<String>,
    pub pronunciation: Option<String>,
    pub pos: Option<String>,
    pub senses: Vec<String>,
}

fn ser_gender<S: serde::Serializer>(g: &Option<Gender>, s: S) -> Result<S::Ok, S::Error> {
    match g {
        Some(g) => s.serialize_str(g.article()),
        None => s.serialize_none(),
    }
}

/// Senses shown per dictionary and headword.
const MAX_SENSES: usize = 6;
/// Entries read per dictionary and headword.
const MAX_ENTRIES: usize = 4;
/// Linking elements between the parts of a compound, longest first.
const LINKS: [&str; 7] = ["es", "en", "er", "s", "n", "e", ""];

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Group parsed entries into one result per (dictionary, headword).
fn group(entries: Vec<(String, Entry)>, method: impl Fn(&Entry) -> Method) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for (source, e) in entries {
        let m = method(&e);
        match out
            .iter_mut()
            .find(|f| f.source == source && f.headword == e.headword)
        {
            Some(f) => {
                if f.gender.is_none() {
                    f.gender = e.gender();
                }
                for s in e.senses {
                    if f.senses.len() < MAX_SENSES && !f.senses.contains(&s) {
                        f.senses.push(s);
                    }
                }
            }
            None => out.push(Found {
                source,
                method: m,
                gender: e.gender(),
                gender_inferred: false,
                plural: None,
                pronunciation: e.pronunciation.clone(),
                pos: e.pos().map(str::to_string),
                senses: e.senses.iter().take(MAX_SENSES).cloned().collect(),
                headword: e.headword,
            }),
        }
    }
    out
}

/// The entries of a headword, at most `limit` per dictionary (each entry read may
/// inflate a dictzip chunk: this bounds the work of a lookup).
fn entries_up_to(
    dicts: &Dictionaries,
    word: &str,
    limit: usize,
    problems: &mut Vec<DictError>,
) -> Vec<(String, Entry)> {
    let (found, errs) = dicts.entries(word, limit);
    problems.extend(errs);
    found
}

/// The entries of a headword shown in full.
fn entries(
    dicts: &Dictionaries,
    word: &str,
    problems: &mut Vec<DictError>,
) -> Vec<(String, Entry)> {
    entries_up_to(dicts, word, MAX_ENTRIES, problems)
}

/// Frequent irregular verb forms whose lemma no suffix rule finds.
const IRREGULAR: &[(&str, &str)] = &[
    ("ist", "sein"),
    ("sind", "sein"),
    ("war", "sein"),
    ("waren", "sein"),
    ("bin", "sein"),
    ("bist", "sein"),
    ("seid", "sein"),
    ("wäre", "sein"),
    ("gewesen", "sein"),
    ("hat", "haben"),
    ("hatte", "haben"),
    ("hatten", "haben"),
    ("hast", "haben"),
    ("hätte", "haben"),
    ("gehabt", "haben"),
    ("wird", "werden"),
    ("wurde", "werden"),
    ("wurden", "werden"),
    ("würde", "werden"),
    ("geworden", "werden"),
    ("kann", "können"),
    ("konnte", "können"),
    ("könnte", "können"),
    ("muss", "müssen"),
    ("musste", "müssen"),
    ("will", "wollen"),
    ("wollte", "wollen"),
    ("soll", "sollen"),
    ("sollte", "sollen"),
    ("darf", "dürfen"),
    ("durfte", "dürfen"),
    ("mag", "mögen"),
    ("möchte", "mögen"),
    ("gibt", "geben"),
    ("gab", "geben"),
    ("geht", "gehen"),
    ("ging", "gehen"),
    ("gingen", "gehen"),
    ("kam", "kommen"),
    ("kommt", "kommen"),
    ("sah", "sehen"),
    ("sieht", "sehen"),
    ("nahm", "nehmen"),
    ("nimmt", "nehmen"),
    ("weiß", "wissen"),
    ("wusste", "wissen"),
    ("hieß", "heißen"),
    ("lief", "laufen"),
    ("läuft", "laufen"),
    ("fand", "finden"),
    ("stand", "stehen"),
    ("brachte", "bringen"),
    ("dachte", "denken"),
    ("tat", "tun"),
];

/// Inflection rules: possible lemmas of a lower-case word, most likely first, each with
/// whether it must be confirmed by the stemmer (regular) or stands on its own (irregular).
fn lemma_candidates(w: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = IRREGULAR
        .iter()
        .filter(|(form, _)| *form == w)
        .map(|(_, lemma)| (lemma.to_string(), false))
        .collect();
    let mut push = |c: String, confirm: bool| {
        if c.chars().count() >= 3 && c != w && !out.iter().any(|(x, _)| *x == c) {
            out.push((c, confirm));
        }
    };
    let deumlaut = |s: &str| -> Option<String> {
        let i = s.rfind(['ä', 'ö', 'ü'])?;
        let c = s[i..].chars().next()?;
        let base = match c {
            'ä' => "a",
            'ö' => "o",
            _ => "u",
        };
        Some(format!("{}{base}{}", &s[..i], &s[i + c.len_utf8()..]))
    };
    for suffix in [
        "e", "en", "n", "s", "es", "er", "ern", "em", "nen", "ste", "sten", "ster", "stes", "stem",
        "ere", "eren", "erer", "eres",
    ] {
        if let Some(stem) = w.strip_suffix(suffix) {
            push(stem.to_string(), true);
            if let Some(d) = deumlaut(stem) {
                push(d, true);
            }
        }
    }
    // Latin and Greek plurals: Zentren → Zentrum, Themen → Thema, Museen → Museum.
    if let Some(stem) = w.strip_suffix("en") {
        for end in ["um", "a", "on", "us"] {
            push(format!("{stem}{end}"), false);
        }
    }
    // Verb forms: vereinbart, vereinbarte → vereinbaren; gemacht → machen; sagend → sagen.
    for suffix in ["t", "te", "ten", "test", "tet", "st", "end", "e"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            push(format!("{stem}en"), false);
            if let Some(rest) = stem.strip_prefix("ge") {
                push(format!("{rest}en"), false);
            }
        }
    }
    out
}

/// Look up `word`: results best first, and the problems met (unreadable entries).
pub fn lookup(
    word: &str,
    glossary: Option<&Glossary>,
    dicts: &Dictionaries,
) -> (Vec<Found>, Vec<DictError>) {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let mut results: Vec<Found> = Vec::new();
    let mut problems = Vec::new();
    if word.is_empty() {
        return (results, problems);
    }
    if let Some(g) = glossary
        && let Some(t) = g.lookup(word)
    {
        let term = &g.terms[t];
        let mut senses = vec![term.english.join(", ")];
        if !term.explanation_de.is_empty() {
            senses.push(term.explanation_de.clone());
        }
        results.push(Found {
            source: if term.source == Source::User {
                "your glossary".into()
            } else {
                "glossary".into()
            },
            method: Method::Glossary,
            headword: term.lemma.clone(),
            gender: term.gender,
            gender_inferred: false,
            plural: term.plural.clone(),
            pronunciation: None,
            pos: Some(term.pos.name().to_string()),
            senses,
        });
    }
    if dicts.is_empty() {
        return (results, problems);
    }
    let stemmer = Stemmer::create(Algorithm::German);
    let stem = |s: &str| stemmer.stem(&lower(s)).into_owned();

    // Exact headword (the index is case-insensitive; the entry's own spelling decides).
    let exact = entries(dicts, word, &mut problems);
    let mut found = group(exact, |e| {
        if e.headword == word {
            Method::Exact
        } else {
            Method::CaseFolded
        }
    });
    found.sort_by_key(|f| f.method != Method::Exact);
    // An inflected form listed in the dictionary leads to its lemma by its links.
    let mut lemmas: Vec<Found> = Vec::new();
    let plural_form = found.iter().any(|f| f.pos.as_deref() == Some("plural"));
    if plural_form || found.is_empty() {
        let (raw, _) = dicts.entries(word, MAX_ENTRIES);
        let links: Vec<String> = raw.iter().flat_map(|(_, e)| e.see.clone()).collect();
        for link in links.iter().take(8) {
            let related = stem(link) == stem(word) || lower(link).get(..4) == lower(word).get(..4);
            if plural_form && related && !link.contains(' ') && lower(link) != lower(word) {
                let e = entries(dicts, link, &mut problems);
                lemmas.extend(group(e, |_| Method::Lemma {
                    from: word.to_string(),
                    via: "the dictionary's plural link".into(),
                }));
                break;
            }
        }
    }
    if found.is_empty() {
        for (candidate, confirm) in lemma_candidates(&lower(word)) {
            if confirm && stem(&candidate) != stem(word) {
                continue;
            }
            if dicts.contains(&candidate) {
                let e = entries(dicts, &candidate, &mut problems);
                lemmas.extend(group(e, |_| Method::Lemma {
                    from: word.to_string(),
                    via: if confirm {
                        "inflection, confirmed by the stemmer".into()
                    } else {
                        "inflection rule".into()
                    },
                }));
                break;
            }
        }
    }
    for l in &mut lemmas {
        fill_plural(dicts, l, &mut problems);
    }
    for f in &mut found {
        fill_plural(dicts, f, &mut problems);
    }
    let dictionary_found = !found.is_empty() || !lemmas.is_empty();
    results.extend(lemmas);
    results.extend(found);
    if !dictionary_found
        && word.chars().next().is_some_and(char::is_uppercase)
        && let Some(parts) = split_compound(dicts, &lower(word), &mut problems)
    {
        results.extend(parts.into_results(word));
    }
    (results, problems)
}

/// For a noun lemma: the plural from the entry's own links (a linked form that the
/// dictionary marks as plural).
fn fill_plural(dicts: &Dictionaries, f: &mut Found, problems: &mut Vec<DictError>) {
    if f.gender.is_none() || f.plural.is_some() {
        return;
    }
    let (raw, errs) = dicts.entries(&f.headword, 2);
    problems.extend(errs);
    let prefix: String = lower(&f.headword).chars().take(3).collect();
    let mut links: Vec<String> = raw.iter().flat_map(|(_, e)| e.see.clone()).collect();
    links.dedup();
    for link in links
        .into_iter()
        .filter(|l| {
            !l.contains(' ') && lower(l).starts_with(&prefix) && lower(l) != lower(&f.headword)
        })
        .take(3)
    {
        let (linked, _) = dicts.entries(&link, 1);
        if linked
            .iter()
            .any(|(_, e)| e.is_plural() && e.headword == link)
        {
            f.plural = Some(link);
            return;
        }
    }
}

/// A compound split: the parts with their linking elements.
struct Split {
    /// (part as written in the dictionary, linking element after it)
    parts: Vec<(String, String)>,
    last: Found,
    heads: Vec<Found>,
}

impl Split {
    fn into_results(self, word: &str) -> Vec<Found> {
        let mut shown: Vec<String> = Vec::new();
        for (part, link) in &self.parts {
            shown.push(capitalized(part));
            if !link.is_empty() {
                shown.push(link.clone());
            }
        }
        let senses = self
            .heads
            .iter()
            .chain(std::iter::once(&self.last))
            .map(|f| {
                format!(
                    "{}: {}",
                    f.headword,
                    f.senses.first().cloned().unwrap_or_default()
                )
            })
            .collect();
        let whole = Found {
            source: self.last.source.clone(),
            method: Method::Compound { parts: shown },
            headword: word.to_string(),
            gender: self.last.gender,
            gender_inferred: self.last.gender.is_some(),
            plural: None,
            pronunciation: None,
            pos: Some("noun".into()),
            senses,
        };
        let mut out = vec![whole];
        out.extend(self.heads.into_iter().map(|mut f| {
            f.method = Method::Part {
                of: word.to_string(),
            };
            f
        }));
        let mut last = self.last;
        last.method = Method::Part {
            of: word.to_string(),
        };
        out.push(last);
        out
    }
}

/// The noun entry of a word: its own, or (for a plural form) its lemma's by the link.
fn noun_of(dicts: &Dictionaries, word: &str, problems: &mut Vec<DictError>) -> Option<Found> {
    let raw = entries_up_to(dicts, word, 1, problems);
    let links: Vec<String> = raw.iter().flat_map(|(_, e)| e.see.clone()).collect();
    if let Some(f) = group(raw, |_| Method::Exact)
        .into_iter()
        .find(|f| f.gender.is_some())
    {
        return Some(f);
    }
    let prefix: String = word.chars().take(4).collect();
    links
        .iter()
        .filter(|l| !l.contains(' ') && lower(l).starts_with(&prefix))
        .take(3)
        .find_map(|l| {
            group(entries_up_to(dicts, l, 1, problems), |_| Method::Exact)
                .into_iter()
                .find(|f| f.gender.is_some())
        })
}

/// A known headword for a compound part.
fn part_headword(dicts: &Dictionaries, part: &str) -> Option<String> {
    if part.chars().count() < 3 {
        return None;
    }
    if dicts.contains(part) {
        return Some(part.to_string());
    }
    None
}

/// Split a lower-case word into known words: head (+ linking element) + last, the head
/// itself possibly split once more. The last part must be a noun. Parts shorter than three
/// letters are not words here.
fn split_compound(dicts: &Dictionaries, w: &str, problems: &mut Vec<DictError>) -> Option<Split> {
    // Cheap first: two parts that are headwords as they stand. Then, only if that found
    // nothing, a last part through its lemma and a head that is a compound itself.
    for thorough in [false, true] {
        let candidates = split_candidates(dicts, w, thorough);
        if let Some(split) = best_split(dicts, candidates, problems) {
            return Some(split);
        }
    }
    None
}

type Candidate = (Vec<(String, String)>, String);

fn split_candidates(dicts: &Dictionaries, w: &str, thorough: bool) -> Vec<Candidate> {
    let bounds: Vec<usize> = w.char_indices().map(|(i, _)| i).skip(3).collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    let stemmer = Stemmer::create(Algorithm::German);
    for &i in &bounds {
        let (head, rest) = w.split_at(i);
        let last = part_headword(dicts, rest).or_else(|| {
            // The last part through its lemma ("kontrollen" → "kontrolle").
            thorough
                .then(|| {
                    lemma_candidates(rest)
                        .into_iter()
                        .filter(|(c, confirm)| !confirm || stemmer.stem(c) == stemmer.stem(rest))
                        .find_map(|(c, _)| part_headword(dicts, &c))
                })
                .flatten()
        });
        let Some(last) = last else { continue };
        for link in LINKS {
            let Some(base) = head.strip_suffix(link) else {
                continue;
            };
            if let Some(h) = part_headword(dicts, base) {
                candidates.push((vec![(h, link.to_string())], last.clone()));
                break;
            }
            if !thorough {
                continue;
            }
            // A head that is itself a compound of two words.
            for (j, _) in base.char_indices().skip(3) {
                let (a, b) = base.split_at(j);
                let Some(bh) = part_headword(dicts, b) else {
                    continue;
                };
                for link2 in LINKS {
                    if let Some(abase) = a.strip_suffix(link2)
                        && let Some(ah) = part_headword(dicts, abase)
                    {
                        candidates.push((
                            vec![(ah, link2.to_string()), (bh.clone(), link.to_string())],
                            last.clone(),
                        ));
                        break;
                    }
                }
            }
        }
    }
    candidates
}

/// The best split whose last part is a noun: fewest parts, then the longest last part.
fn best_split(
    dicts: &Dictionaries,
    mut candidates: Vec<Candidate>,
    problems: &mut Vec<DictError>,
) -> Option<Split> {
    candidates.sort_by_key(|(heads, last)| (heads.len(), std::cmp::Reverse(last.len())));
    for (heads, last) in candidates.into_iter().take(4) {
        let Some(noun) = noun_of(dicts, &last, problems) else {
            continue;
        };
        let head_found: Vec<Found> = heads
            .iter()
            .filter_map(|(h, _)| {
                group(entries_up_to(dicts, h, 1, problems), |_| Method::Exact)
                    .into_iter()
                    .next()
            })
            .collect();
        let mut parts = heads;
        parts.push((noun.headword.clone(), String::new()));
        // Show parts as the dictionary writes them.
        for (p, f) in parts
            .iter_mut()
            .zip(head_found.iter().chain(std::iter::once(&noun)))
        {
            p.0 = f.headword.clone();
        }
        return Some(Split {
            parts,
            last: noun,
            heads: head_found,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflection_rules_propose_lemmas() {
        let c: Vec<String> = lemma_candidates("leerverkäufe")
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert!(c.contains(&"leerverkauf".to_string()));
        let c: Vec<String> = lemma_candidates("rechenzentren")
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert!(c.contains(&"rechenzentrum".to_string()));
        let c: Vec<String> = lemma_candidates("schwerfällige")
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(c.first().map(String::as_str), Some("schwerfällig"));
        let c: Vec<String> = lemma_candidates("vereinbart")
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert!(c.contains(&"vereinbaren".to_string()));
    }
}
