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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::index_bytes::{BlockFile, IndexBytes};
use crate::german::lexicon::Lexicon;
use crate::german::tags::Pos;

/// The first line of a cache file; a file with another is rebuilt. It names the way the
/// index is built, and is part of the cache file's name: a new way builds a new file.
pub const HEADER: &str = "lesepult usage index 6";

/// Examples kept per lemma: enough to tell a content word's senses apart, few enough
/// that counting them for a function word stays cheap.
const MAX_PER_LEMMA: usize = 1000;

/// The examples, by the lemmas of their German words, as the text of its cache file: a
/// header; the count of examples and the byte lengths of the two sections; each example's
/// English words on a line; then one line per lemma (`lemma class\toffset offset …`, the
/// offsets of its examples' lines in their section), sorted by lemma. The file is read
/// on demand, block by block, as a dictionary's index is: opening it reads its header,
/// a look-up binary-searches the lemma lines and reads its examples' lines.
pub struct Usage {
    bytes: IndexBytes,
    /// Where the examples' section starts, where the lemmas' starts, and where the noted
    /// frames' starts.
    examples_at: usize,
    lemmas_at: usize,
    frames_at: usize,
    count: usize,
}

impl fmt::Debug for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Usage")
            .field("examples", &self.count)
            .field("bytes", &self.bytes.len())
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

/// A headword that is a verb with a note in brackets before it, and maybe an object
/// placeholder (*(aus einem Bus/LKW/Zug) aussteigen*, *jdn. (von einem Ort) abholen*,
/// *(Kleidungsstück) anziehen*): its verb. Dictionaries list a verb's main senses so,
/// under a key no look-up of the verb meets (`aus einem bus lkw zug aussteigen`).
pub fn noted_frame(headword: &str, lex: &Lexicon) -> Option<String> {
    let note_at = headword.find('(')?;
    let close = headword[note_at..].find(')')? + note_at;
    let before = headword[..note_at].trim();
    let after = headword[close + 1..].trim();
    let placeholder = |w: &str| matches!(w, "jdn." | "jdm." | "etw." | "jdn./etw." | "etw./jdn.");
    let verb = match after.split_whitespace().collect::<Vec<_>>()[..] {
        [verb] => verb,
        [object, verb] if placeholder(object) => verb,
        _ => return None,
    };
    let plain = verb.chars().all(char::is_alphabetic);
    let objects_only = before.split_whitespace().all(placeholder);
    (plain && objects_only && lex.is_verb(verb)).then(|| verb.to_string())
}

/// Remove the cache files in `dir` of another format than this lesepult's: no version
/// that writes this one reads them again. A file of this format for other dictionaries
/// (another set installed, or one being built: `.partial`) is kept.
fn remove_other_formats(dir: &Path) {
    let Ok(files) = std::fs::read_dir(dir) else {
        return;
    };
    for file in files.flatten() {
        let path = file.path();
        let name = file.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("usage-") && name.ends_with(".txt")) {
            continue;
        }
        let Ok(f) = File::open(&path) else {
            continue;
        };
        let mut first = String::new();
        let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(f), &mut first);
        if first.starts_with("lesepult usage index ") && first.trim_end() != HEADER {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The cache file's name for the dictionaries' `fingerprint`.
pub fn file_name(fingerprint: u64) -> String {
    format!("usage-{fingerprint:016x}.txt")
}

impl Usage {
    /// Index `pairs` of (German headword, English text): those whose German has two words
    /// or more (a phrase or sentence, not a word's own entry), each once.
    pub fn build(pairs: impl IntoIterator<Item = (String, String)>, lex: &Lexicon) -> Usage {
        Usage::build_with_frames(pairs, Vec::new(), lex)
    }

    /// [`Usage::build`], with the dictionaries' noted frames: (verb, the key its entry is
    /// indexed by), as [`noted_frame`] finds them.
    pub fn build_with_frames(
        pairs: impl IntoIterator<Item = (String, String)>,
        frames: Vec<(String, String)>,
        lex: &Lexicon,
    ) -> Usage {
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
        let mut section = String::new();
        let mut offsets: Vec<usize> = Vec::with_capacity(english.len());
        for e in &english {
            offsets.push(section.len());
            section.push_str(e);
            section.push('\n');
        }
        let mut lemma_lines = String::new();
        let mut lemmas: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
        lemmas.sort();
        for (lemma, ids) in lemmas {
            let at: Vec<String> = ids
                .iter()
                .filter_map(|&id| offsets.get(id as usize).map(usize::to_string))
                .collect();
            lemma_lines.push_str(&format!("{lemma}\t{}\n", at.join(" ")));
        }
        let mut by_verb: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for (verb, key) in frames {
            let keys = by_verb.entry(verb).or_default();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        let frame_lines: String = by_verb
            .iter()
            .map(|(verb, keys)| format!("{verb}\t{}\n", keys.join("|")))
            .collect();
        let mut text = format!(
            "{HEADER}\n{} {} {} {}\n",
            english.len(),
            section.len(),
            lemma_lines.len(),
            frame_lines.len()
        );
        text.push_str(&section);
        text.push_str(&lemma_lines);
        text.push_str(&frame_lines);
        // The text was written just above, in the form `from_bytes` reads.
        Usage::from_bytes(IndexBytes::Memory(text.into_bytes())).unwrap_or_else(|_| Usage::empty())
    }

    /// An index of no examples.
    pub fn empty() -> Usage {
        Usage {
            bytes: IndexBytes::Memory(Vec::new()),
            examples_at: 0,
            lemmas_at: 0,
            frames_at: 0,
            count: 0,
        }
    }

    /// The index a cache file holds; an error says what is wrong with it. Only its header
    /// is read, and the file's length checked against it.
    pub fn open(path: &Path) -> Result<Usage, String> {
        let file = File::open(path).map_err(|e| e.to_string())?;
        let len = file.metadata().map_err(|e| e.to_string())?.len();
        let len = usize::try_from(len).map_err(|e| e.to_string())?;
        Usage::from_bytes(IndexBytes::Disk(BlockFile::new(file, len)))
    }

    /// The index in `bytes`, its header checked.
    fn from_bytes(bytes: IndexBytes) -> Result<Usage, String> {
        let first = bytes.next_line(0);
        let second = bytes.next_line(first);
        if *bytes.line(0) != *HEADER.as_bytes() {
            return Err(format!("its first line is not „{HEADER}“"));
        }
        let numbers: Vec<usize> = String::from_utf8_lossy(&bytes.line(first))
            .split(' ')
            .filter_map(|n| n.parse().ok())
            .collect();
        let [count, examples, lemmas, frames] = numbers[..] else {
            return Err("its second line is not the count and lengths of its sections".into());
        };
        let lemmas_at = second.checked_add(examples);
        let frames_at = lemmas_at.and_then(|at| at.checked_add(lemmas));
        let (Some(lemmas_at), Some(frames_at)) = (lemmas_at, frames_at) else {
            return Err("it is not as long as its header says".into());
        };
        if frames_at.checked_add(frames) != Some(bytes.len()) {
            return Err("it is not as long as its header says".into());
        }
        Ok(Usage {
            bytes,
            examples_at: second,
            lemmas_at,
            frames_at,
            count,
        })
    }

    /// The index in `dir` for these `dictionaries`' `fingerprint`, else built by `build`
    /// and saved there (a cache: where it cannot be written, it is built again next time).
    pub fn cached(dir: Option<&Path>, fingerprint: u64, build: impl FnOnce() -> Usage) -> Usage {
        let path: Option<PathBuf> = dir.map(|d| d.join(file_name(fingerprint)));
        if let Some(p) = &path
            && let Ok(usage) = Usage::open(p)
        {
            return usage;
        }
        let usage = build();
        if let Some(p) = &path
            && let Some(d) = p.parent()
            && std::fs::create_dir_all(d).is_ok()
        {
            let partial = p.with_extension("partial");
            if std::fs::write(&partial, usage.bytes.all()).is_ok() {
                let _ = std::fs::rename(&partial, p);
            }
            remove_other_formats(d);
        }
        usage
    }

    /// How many examples there are.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The English words of each example with a form of `lemma` of `class`. An offset
    /// that is not a line's start in the examples' section (a damaged file) gives none.
    fn examples(&self, lemma: &str, class: Class) -> Vec<Cow<'_, [u8]>> {
        let b = &self.bytes;
        self.value(&class.key(lemma), self.lemmas_at, self.frames_at)
            .split(' ')
            .filter_map(|n| n.parse::<usize>().ok())
            .filter_map(|offset| {
                let at = self.examples_at.checked_add(offset)?;
                let line_start = at < self.lemmas_at && *b.range(at - 1, at) == *b"\n";
                line_start.then(|| b.line(at))
            })
            .collect()
    }

    /// What follows the tab on the line of `key` among the sorted lines from byte `from`
    /// to `to`; empty where there is none.
    fn value(&self, key: &str, from: usize, to: usize) -> String {
        let b = &self.bytes;
        // Binary search: the first line whose key is not below `key`.
        let (mut lo, mut hi) = (from, to);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = b.line_start(mid).max(from);
            if *b.key_at(start) < *key.as_bytes() {
                lo = b.next_line(start).max(lo + 1);
            } else {
                hi = start;
            }
        }
        let start = b.line_start(lo).max(from);
        if start >= to || *b.key_at(start) != *key.as_bytes() {
            return String::new();
        }
        let line = b.line(start);
        String::from_utf8_lossy(&line)
            .split_once('\t')
            .map(|(_, value)| value.to_string())
            .unwrap_or_default()
    }

    /// The dictionary keys of `verb`'s noted frames (*jdn. (von einem Ort) abholen*).
    pub fn noted_frames(&self, verb: &str) -> Vec<String> {
        self.value(verb, self.frames_at, self.bytes.len())
            .split('|')
            .filter(|k| !k.is_empty())
            .map(str::to_string)
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
        let mut masks: HashMap<Vec<u8>, u32> = HashMap::new();
        for (i, words) in senses.iter().take(32).enumerate() {
            for form in words.iter().flat_map(|w| english_forms(w)) {
                *masks.entry(form.into_bytes()).or_default() |= 1 << i;
            }
        }
        let mut counts = vec![0; senses.len()];
        if masks.is_empty() {
            return counts;
        }
        let pair_starts: HashSet<Vec<u8>> = masks
            .keys()
            .filter_map(|k| k.split(|&b| b == b' ').next().filter(|f| f.len() < k.len()))
            .map(<[u8]>::to_vec)
            .collect();
        for example in &self.examples(lemma, class) {
            let mut mask = 0u32;
            // A phrasal verb with its particle next to it or one word on ("put off",
            // "put it off"): the last two words, where a sense's pair starts with them.
            let mut before: [&[u8]; 2] = [b"", b""];
            for word in example.split(|&b| b == b' ') {
                mask |= masks.get(word).copied().unwrap_or(0);
                for first in before {
                    if !pair_starts.is_empty() && pair_starts.contains(first) {
                        let mut pair = first.to_vec();
                        pair.push(b' ');
                        pair.extend_from_slice(word);
                        mask |= masks.get(&pair).copied().unwrap_or(0);
                    }
                }
                before = [before[1], word];
            }
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

/// The forms of a light verb English does not make by rule.
const IRREGULAR: [(&str, &[&str]); 8] = [
    ("be", &["is", "are", "am", "was", "were", "been", "being"]),
    ("get", &["got", "gotten", "getting"]),
    ("have", &["has", "had", "having"]),
    ("make", &["made", "making"]),
    ("take", &["took", "taken", "taking"]),
    ("do", &["does", "did", "done", "doing"]),
    ("give", &["gave", "given", "giving"]),
    ("put", &["putting"]),
];

/// An English word's regular inflections ("depend": depends, depended, depending); of a
/// phrasal verb ("put off"), its verb's, the particle kept ("puts off", "putting off").
fn english_forms(w: &str) -> Vec<String> {
    if let Some((verb, particle)) = w.split_once(' ') {
        let mut forms = vec![verb.to_string(), format!("{verb}s")];
        if let Some((_, irregular)) = IRREGULAR.iter().find(|(base, _)| *base == verb) {
            forms.extend(irregular.iter().map(|f| f.to_string()));
        }
        return forms
            .into_iter()
            .map(|f| format!("{f} {particle}"))
            .collect();
    }
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

/// English particles of phrasal verbs.
const PARTICLES: [&str; 12] = [
    "up", "off", "out", "down", "in", "on", "away", "back", "over", "through", "along", "around",
];

/// The English words that tell each alternative of a sense apart, as the examples are
/// searched for them: its first word after "to" and a light verb ("to depend on sth." →
/// "depend", "be reliant on sb." → "reliant"), but a light verb with its particle as
/// the pair ("put sth. off" → "put off", "get up" → "get up": "off" alone is in "switch
/// off" too, "get" alone in every "get").
pub fn telling_words(sense: &str) -> Vec<String> {
    sense
        .split([',', ';'])
        .filter_map(|alt| {
            let alt = alt.split('(').next().unwrap_or(alt).to_lowercase();
            let words: Vec<&str> = alt
                .split(|c: char| !c.is_alphabetic() && c != '\'')
                .filter(|w| !w.is_empty() && *w != "to")
                .collect();
            let light = |w: &str| IRREGULAR.iter().any(|(base, _)| *base == w);
            let placeholder = |w: &&str| matches!(*w, "sb" | "sth" | "sb's" | "oneself" | "one's");
            match words.split_first() {
                Some((verb, rest)) if light(verb) => {
                    match rest.iter().find(|w| !placeholder(w)) {
                        Some(p) if PARTICLES.contains(p) => Some(format!("{verb} {p}")),
                        // A light verb alone ("take sth.") is told by itself, but an
                        // auxiliary ("be", "do") is in every other example.
                        _ => words
                            .iter()
                            .find(|w| !light(w) && !placeholder(w))
                            .map(|w| w.to_string())
                            .or_else(|| {
                                (!matches!(*verb, "be" | "do" | "have")).then(|| verb.to_string())
                            }),
                    }
                }
                // A particle alone ("up") is in every phrasal verb with it.
                Some((first, [])) if PARTICLES.contains(first) && *first != "back" => None,
                Some((first, _)) => Some((*first).to_string()),
                None => None,
            }
        })
        .collect()
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
        let dir = tempfile::tempdir().expect("temp dir");
        let first = Usage::cached(Some(dir.path()), 7, || {
            Usage::build(pairs(&[("die vordere Reihe", "the front row")]), lex)
        });
        let second = Usage::cached(Some(dir.path()), 7, Usage::empty);
        assert_eq!(first.len(), 1);
        assert_eq!(second.len(), 1, "read from the cache, not built");
        assert_eq!(second.count("Reihe", Class::Noun, &["row".into()]), 1);
        assert_eq!(second.count("Reihe", Class::Noun, &["front".into()]), 1);
        assert_eq!(second.count("Reihe", Class::Verb, &["row".into()]), 0);
        let file = dir.path().join(format!("usage-{:016x}.txt", 7));
        let broken = |text: &str| {
            std::fs::write(&file, text).expect("write");
            Usage::open(&file).is_err()
        };
        assert!(broken("something else\n"));
        assert!(broken(&format!("{HEADER}\n5\nrow\n")));
        assert!(broken(&format!("{HEADER}\n1 40 0 0\nrow\n")));
        // The old format, with no noted frames, is rebuilt.
        assert!(broken(&format!("{HEADER}\n1 4 0\nrow\n")));
        // An offset that is no line's start gives no example, and no panic.
        std::fs::write(&file, format!("{HEADER}\n1 4 15 0\nrow\nReihe n\t1 99 0\n"))
            .expect("write");
        let odd = Usage::open(&file).expect("well formed");
        assert_eq!(odd.count("Reihe", Class::Noun, &["row".into()]), 1);
    }

    #[test]
    fn a_phrasal_verb_with_a_light_verb_is_told_by_the_pair() {
        assert_eq!(telling_words("put sth. off"), vec!["put off"]);
        assert_eq!(telling_words("get up, rise"), vec!["get up", "rise"]);
        assert_eq!(telling_words("to depend on sth."), vec!["depend"]);
        assert_eq!(telling_words("be reliant on sb."), vec!["reliant"]);
        assert_eq!(telling_words("take sth."), vec!["take"]);
        // A particle or an auxiliary alone tells nothing; "back" is also a noun.
        assert!(telling_words("up").is_empty());
        assert!(telling_words("be").is_empty());
        assert_eq!(telling_words("back"), vec!["back"]);
        let examples = [
            ("das Licht ausschalten", "to switch off the light"),
            ("den Fernseher ausschalten", "to turn the TV off"),
            ("das Radio ausschalten", "to switch the radio off"),
        ];
        let usage = Usage::build(pairs(&examples), lexicon().expect("lexicon"));
        let senses: Vec<Vec<String>> = ["put off", "switch off"]
            .iter()
            .map(|s| telling_words(s))
            .collect();
        // "off" alone would count all three for "put off".
        assert_eq!(
            usage.counts("ausschalten", Class::Verb, &senses),
            vec![0, 2]
        );
    }

    #[test]
    fn a_new_cache_file_removes_those_of_other_formats_only() {
        let lex = lexicon().expect("lexicon");
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join(file_name(1));
        let other_dictionaries = dir.path().join(file_name(2));
        let unrelated = dir.path().join("usage-notes.txt");
        std::fs::write(&old, "lesepult usage index 1\n0 0 0\n").expect("write");
        std::fs::write(&other_dictionaries, format!("{HEADER}\n0 0 0 0\n")).expect("write");
        std::fs::write(&unrelated, "kept\n").expect("write");
        let usage = Usage::cached(Some(dir.path()), 3, || {
            Usage::build(pairs(&[("die vordere Reihe", "the front row")]), lex)
        });
        assert_eq!(usage.len(), 1);
        assert!(dir.path().join(file_name(3)).exists());
        assert!(!old.exists(), "another format's file is removed");
        assert!(
            other_dictionaries.exists(),
            "this format's, for other dictionaries, stays"
        );
        assert!(unrelated.exists());
    }

    #[test]
    fn a_verbs_frames_with_a_note_are_listed_by_the_verb() {
        let lex = lexicon().expect("lexicon");
        assert_eq!(
            noted_frame("jdn. (von einem Ort) abholen", lex).as_deref(),
            Some("abholen")
        );
        assert_eq!(
            noted_frame("(aus einem Bus/LKW/Zug) aussteigen", lex).as_deref(),
            Some("aussteigen")
        );
        // No note, a phrase around the verb, or no verb: none.
        assert_eq!(noted_frame("jdn. abholen", lex), None);
        assert_eq!(noted_frame("(etw.) auf die lange Bank schieben", lex), None);
        assert_eq!(noted_frame("(großer) Hund", lex), None);
        let usage = Usage::build_with_frames(
            pairs(&[("die vordere Reihe", "the front row")]),
            vec![
                ("abholen".into(), "jdn von einem ort abholen".into()),
                ("abholen".into(), "jdn mit dem auto abholen".into()),
                ("anziehen".into(), "kleidungsstück anziehen".into()),
            ],
            lex,
        );
        assert_eq!(
            usage.noted_frames("abholen"),
            vec!["jdn von einem ort abholen", "jdn mit dem auto abholen"]
        );
        assert_eq!(
            usage.noted_frames("anziehen"),
            vec!["kleidungsstück anziehen"]
        );
        assert!(usage.noted_frames("aussteigen").is_empty());
        // The examples are read as before.
        assert_eq!(usage.count("Reihe", Class::Noun, &["row".into()]), 1);
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
