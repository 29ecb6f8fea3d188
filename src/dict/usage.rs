//! How the installed dictionaries' examples translate a word. Ding lists its example
//! phrases and sentences as headwords of their own ("Es hängt alles von Ihrer Entscheidung
//! ab." → "Everything hangs on your decision."); indexed by the lemmas of their German
//! words, they tell which English words translate a word in use. A sense whose English
//! word the examples use far more often than the first sense's is the main one
//! ([`main_sense_first`]): *Amt* is "office" in 31 examples and "special administrative
//! district" in none.
//!
//! The index is built from the user's dictionaries (about two seconds for Ding) and kept
//! in the cache directory, keyed by the dictionaries' sizes and times; nothing of it is
//! bundled.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::german::lexicon::Lexicon;
use crate::german::tags::Pos;

/// The first line of a cache file; a file with another is rebuilt. It names the way the
/// index is built, and is part of the cache file's name: a new way builds a new file.
pub const HEADER: &str = "lesepult usage index 3";

/// Examples kept per lemma: enough to tell a content word's senses apart, few enough
/// that counting them for a function word stays cheap.
const MAX_PER_LEMMA: usize = 1000;

/// The examples, by the lemmas of their German words. Kept as the text of its cache file:
/// a header, the count of examples, each example's English words on a line, then one line
/// per lemma (`lemma\tid id …`), sorted by lemma.
pub struct Usage {
    text: String,
    english: Vec<(u32, u32)>,
    lemmas: Vec<(u32, u32)>,
}

impl fmt::Debug for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Usage")
            .field("examples", &self.english.len())
            .field("lemmas", &self.lemmas.len())
            .finish()
    }
}

/// A text without its bracketed notes (`{f}`, `[ugs.]`, `(von etw.)`, FreeDict's `<v>`).
fn without_brackets(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '{' | '[' | '(' | '<' => depth += 1,
            '}' | ']' | ')' | '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The lower-case English words of a translation, space-separated.
fn english_words(s: &str) -> String {
    without_brackets(s)
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The classes whose examples are kept apart: a verb's (*sein* "be") are not the
/// possessive's (*sein* "his"). Closed classes are not indexed at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Noun,
    Verb,
    Adjective,
}

impl Class {
    /// The class of a lexicon reading's part of speech.
    pub fn of(pos: Pos) -> Option<Class> {
        match pos {
            Pos::Noun | Pos::Name => Some(Class::Noun),
            Pos::Verb => Some(Class::Verb),
            Pos::Adjective | Pos::Participle | Pos::Adverb => Some(Class::Adjective),
            _ => None,
        }
    }

    /// A lemma's key in the index: `Amt n`.
    fn key(self, lemma: &str) -> String {
        let letter = match self {
            Class::Noun => 'n',
            Class::Verb => 'v',
            Class::Adjective => 'a',
        };
        format!("{lemma} {letter}")
    }
}

/// The words of a German text, without punctuation.
fn words_of(german: &str) -> Vec<&str> {
    german
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .filter(|t| !t.is_empty())
        .collect()
}

/// The keys of the lemmas an example's German words may have, and of the separable verbs
/// a particle at the end of a clause closes (*hängt … ab*, *Schalte das Licht aus, …*).
fn lemmas_of(german: &str, lex: &Lexicon) -> Vec<String> {
    let mut lemmas: Vec<String> = Vec::new();
    let mut first = true;
    for clause in german.split([',', ':', '.', '!', '?', '–']) {
        let tokens = words_of(clause);
        let mut verbs: Vec<String> = Vec::new();
        for token in &tokens {
            let mut readings = lex.readings(token);
            if first {
                readings.extend(lex.readings(&token.to_lowercase()));
                first = false;
            }
            for r in readings {
                if r.tag.pos == Pos::Verb && !verbs.contains(&r.lemma) {
                    verbs.push(r.lemma.clone());
                }
                if let Some(key) = Class::of(r.tag.pos).map(|c| c.key(&r.lemma))
                    && !lemmas.contains(&key)
                {
                    lemmas.push(key);
                }
            }
        }
        if let Some(last) = tokens.last()
            && tokens.len() > 1
            && lex
                .readings(last)
                .iter()
                .any(|r| r.tag.pos == Pos::VerbParticle)
        {
            for verb in &verbs {
                let whole = format!("{}{verb}", last.to_lowercase());
                let key = Class::Verb.key(&whole);
                if lex.is_verb(&whole) && !lemmas.contains(&key) {
                    lemmas.push(key);
                }
            }
        }
    }
    lemmas
}

impl Usage {
    /// Index `pairs` of (German headword, English text): those whose German has two words
    /// or more (a phrase or sentence, not a word's own entry), each once.
    pub fn build(pairs: impl IntoIterator<Item = (String, String)>, lex: &Lexicon) -> Usage {
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut english: Vec<String> = Vec::new();
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        for (german, translation) in pairs {
            let german = without_brackets(&german);
            // A list of forms ("Folgen; Reihen") is no example.
            if german.contains(';') {
                continue;
            }
            let tokens = words_of(&german);
            let words = english_words(&translation);
            if tokens.len() < 2 || words.is_empty() {
                continue;
            }
            if !seen.insert((tokens.join(" ").to_lowercase(), words.clone())) {
                continue;
            }
            let Ok(id) = u32::try_from(english.len()) else {
                break;
            };
            for lemma in lemmas_of(&german, lex) {
                let ids = postings.entry(lemma).or_default();
                if ids.len() < MAX_PER_LEMMA {
                    ids.push(id);
                }
            }
            english.push(words);
        }
        let mut text = format!("{HEADER}\n{}\n", english.len());
        for e in &english {
            text.push_str(e);
            text.push('\n');
        }
        let mut lemmas: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
        lemmas.sort();
        for (lemma, ids) in lemmas {
            let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
            text.push_str(&format!("{lemma}\t{}\n", ids.join(" ")));
        }
        // The text was written just above, in the form `from_text` reads.
        Usage::from_text(text).unwrap_or_else(|_| Usage::empty())
    }

    /// An index of no examples.
    pub fn empty() -> Usage {
        Usage {
            text: String::new(),
            english: Vec::new(),
            lemmas: Vec::new(),
        }
    }

    /// The index a cache file holds; an error says what is wrong with it.
    pub fn from_text(text: String) -> Result<Usage, String> {
        let mut spans: Vec<(u32, u32)> = Vec::new();
        let mut start = 0usize;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                let (Ok(s), Ok(e)) = (u32::try_from(start), u32::try_from(i)) else {
                    return Err("larger than 4 GiB".into());
                };
                spans.push((s, e));
                start = i + 1;
            }
        }
        let line = |k: usize| spans.get(k).map(|&(s, e)| &text[s as usize..e as usize]);
        if line(0) != Some(HEADER) {
            return Err(format!("its first line is not „{HEADER}“"));
        }
        let count: usize = line(1)
            .and_then(|l| l.parse().ok())
            .ok_or("its second line is no count of examples")?;
        if spans.len() < 2 + count {
            return Err(format!("{count} examples announced, fewer there"));
        }
        let english = spans[2..2 + count].to_vec();
        let lemmas = spans[2 + count..].to_vec();
        let key = |&(s, e): &(u32, u32)| {
            let l = &text[s as usize..e as usize];
            l.split('\t').next().unwrap_or(l)
        };
        if lemmas
            .iter()
            .any(|l| !text[l.0 as usize..l.1 as usize].contains('\t'))
            || lemmas.windows(2).any(|w| key(&w[0]) > key(&w[1]))
        {
            return Err("its lemma lines are not sorted lemma, tab, numbers".into());
        }
        Ok(Usage {
            text,
            english,
            lemmas,
        })
    }

    /// The index in `dir` for these `dictionaries`' `fingerprint`, else built by `build`
    /// and saved there (a cache: where it cannot be written, it is built again next time).
    pub fn cached(dir: Option<&Path>, fingerprint: u64, build: impl FnOnce() -> Usage) -> Usage {
        let path: Option<PathBuf> = dir.map(|d| d.join(format!("usage-{fingerprint:016x}.txt")));
        if let Some(p) = &path
            && let Ok(text) = std::fs::read_to_string(p)
            && let Ok(usage) = Usage::from_text(text)
        {
            return usage;
        }
        let usage = build();
        if let Some(p) = &path
            && let Some(d) = p.parent()
            && std::fs::create_dir_all(d).is_ok()
        {
            let partial = p.with_extension("partial");
            if std::fs::write(&partial, &usage.text).is_ok() {
                let _ = std::fs::rename(&partial, p);
            }
        }
        usage
    }

    /// How many examples there are.
    pub fn len(&self) -> usize {
        self.english.len()
    }

    pub fn is_empty(&self) -> bool {
        self.english.is_empty()
    }

    /// The English words of each example with a form of `lemma` of `class`.
    fn examples(&self, lemma: &str, class: Class) -> Vec<&str> {
        let at = |&(s, e): &(u32, u32)| &self.text[s as usize..e as usize];
        let key = class.key(lemma);
        let Ok(k) = self.lemmas.binary_search_by(|l| {
            let line = at(l);
            line.split('\t').next().unwrap_or(line).cmp(key.as_str())
        }) else {
            return Vec::new();
        };
        let line = at(&self.lemmas[k]);
        line.split('\t')
            .nth(1)
            .unwrap_or("")
            .split(' ')
            .filter_map(|id| id.parse::<usize>().ok())
            .filter_map(|id| self.english.get(id).map(at))
            .collect()
    }

    /// How many examples of `lemma` of `class` translate it by one of `words` (in any
    /// inflection).
    pub fn count(&self, lemma: &str, class: Class, words: &[String]) -> usize {
        self.counts(lemma, class, &[words.to_vec()])[0]
    }

    /// For each sense's words (at most 32 senses), how many examples of `lemma` of `class`
    /// translate it by one of them: one pass over the examples.
    pub fn counts(&self, lemma: &str, class: Class, senses: &[Vec<String>]) -> Vec<usize> {
        let mut masks: HashMap<String, u32> = HashMap::new();
        for (i, words) in senses.iter().take(32).enumerate() {
            for form in words.iter().flat_map(|w| english_forms(w)) {
                *masks.entry(form).or_default() |= 1 << i;
            }
        }
        let mut counts = vec![0; senses.len()];
        if masks.is_empty() {
            return counts;
        }
        for example in self.examples(lemma, class) {
            let mask = example
                .split(' ')
                .filter_map(|w| masks.get(w))
                .fold(0u32, |a, m| a | m);
            for (i, c) in counts.iter_mut().enumerate().take(32) {
                if mask & (1 << i) != 0 {
                    *c += 1;
                }
            }
        }
        counts
    }
}

/// Words too common to tell senses apart.
const NOT_TELLING: [&str; 9] = [
    "to", "sb", "sth", "a", "an", "the", "of", "one's", "oneself",
];

/// An English word's regular inflections ("depend": depends, depended, depending).
fn english_forms(w: &str) -> Vec<String> {
    if NOT_TELLING.contains(&w) || w.is_empty() {
        return Vec::new();
    }
    let mut out = vec![
        w.to_string(),
        format!("{w}s"),
        format!("{w}es"),
        format!("{w}ed"),
        format!("{w}d"),
        format!("{w}ing"),
    ];
    if let Some(stem) = w.strip_suffix('e') {
        out.push(format!("{stem}ing"));
    }
    if let Some(stem) = w.strip_suffix('y') {
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
    }
    out
}

/// Senses weighed by the examples: the first few of a result.
const SENSES_WEIGHED: usize = 4;
/// Examples a sense needs before it is put first.
const MIN_EXAMPLES: usize = 3;
/// How many times the first sense's examples it needs.
const TIMES_THE_FIRST: usize = 2;

/// Put first the sense among the first few whose English word the examples of `lemma`
/// (of `class`) use at least three times, and at least twice as often as the first sense's; the rest
/// keep their order. `words` gives each sense's telling English words. Returns whether
/// the order changed.
pub fn main_sense_first(
    usage: &Usage,
    lemma: &str,
    class: Class,
    senses: &mut [String],
    words: impl Fn(&str) -> Vec<String>,
) -> bool {
    let weighed: Vec<Vec<String>> = senses
        .iter()
        .take(SENSES_WEIGHED)
        .map(|s| words(s))
        .collect();
    let counts = usage.counts(lemma, class, &weighed);
    let Some((best, &most)) = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
    else {
        return false;
    };
    if best == 0 || most < MIN_EXAMPLES || most < TIMES_THE_FIRST * counts[0] {
        return false;
    }
    senses[..=best].rotate_right(1);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::german::lexicon::lexicon;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(g, e)| (g.to_string(), e.to_string()))
            .collect()
    }

    fn words(s: &str) -> Vec<String> {
        s.split([',', ' '])
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn examples_are_found_by_their_words_lemmas_and_split_verbs() {
        let lex = lexicon().expect("lexicon");
        let usage = Usage::build(
            pairs(&[
                (
                    "Es hängt alles von Ihrer Entscheidung ab.",
                    "Everything depends on your decision.",
                ),
                ("Das hängt vom Wetter ab", "That depends on the weather"),
                (
                    "Schalte das Licht aus, bevor du gehst.",
                    "Switch off the light before you go.",
                ),
                ("abhängen", "depend"),
                ("Folgen; Reihen", "sequences; series"),
                ("in einer Reihe stehen", "to stand in a row"),
            ]),
            lex,
        );
        // One word is a word's own entry, a list of forms no example.
        assert_eq!(usage.len(), 4);
        assert_eq!(
            usage.count("ausschalten", Class::Verb, &["switch".into()]),
            1
        );
        assert_eq!(usage.count("abhängen", Class::Verb, &["depend".into()]), 2);
        assert_eq!(usage.count("Reihe", Class::Noun, &["row".into()]), 1);
        assert_eq!(usage.count("Reihe", Class::Noun, &["series".into()]), 0);
        assert_eq!(usage.count("Wetter", Class::Noun, &["weather".into()]), 1);
    }

    #[test]
    fn a_cache_file_is_read_back_and_a_broken_one_refused() {
        let lex = lexicon().expect("lexicon");
        let built = Usage::build(pairs(&[("die vordere Reihe", "the front row")]), lex);
        let again = Usage::from_text(built.text.clone()).expect("reads back");
        assert_eq!(again.count("Reihe", Class::Noun, &["row".into()]), 1);
        assert!(Usage::from_text("something else\n".into()).is_err());
        assert!(Usage::from_text(format!("{HEADER}\n5\nrow\n")).is_err());
        let unsorted = format!("{HEADER}\n1\nrow\nb\t0\na\t0\n");
        assert!(Usage::from_text(unsorted).is_err());
        let dir = tempfile::tempdir().expect("temp dir");
        let first = Usage::cached(Some(dir.path()), 7, || {
            Usage::build(pairs(&[("die vordere Reihe", "the front row")]), lex)
        });
        let second = Usage::cached(Some(dir.path()), 7, Usage::empty);
        assert_eq!(first.len(), 1);
        assert_eq!(second.len(), 1, "read from the cache, not built");
    }

    #[test]
    fn the_sense_the_examples_use_by_far_the_most_comes_first() {
        let lex = lexicon().expect("lexicon");
        let usage = Usage::build(
            pairs(&[
                ("im Amt sein", "to be in office"),
                ("ein Amt ausüben", "to hold an office"),
                ("das Amt des Präsidenten", "the office of president"),
                ("aus dem Amt scheiden", "to leave office"),
            ]),
            lex,
        );
        let mut senses = vec![
            "special administrative district".to_string(),
            "department".to_string(),
            "office".to_string(),
            "post".to_string(),
        ];
        assert!(main_sense_first(
            &usage,
            "Amt",
            Class::Noun,
            &mut senses,
            words
        ));
        assert_eq!(senses[0], "office");
        assert_eq!(senses[1], "special administrative district");
        // Three examples are too few against a first sense they also use twice.
        let mut close = vec!["office holder".to_string(), "office".to_string()];
        let usage_close = Usage::build(
            pairs(&[
                ("im Amt sein", "to be in office"),
                ("ein Amt ausüben", "to hold an office"),
                ("aus dem Amt scheiden", "to leave office"),
            ]),
            lex,
        );
        assert!(
            !main_sense_first(&usage_close, "Amt", Class::Noun, &mut close, |s| {
                s.split(' ').take(1).map(str::to_string).collect()
            }) || close[0] == "office"
        );
    }
}
