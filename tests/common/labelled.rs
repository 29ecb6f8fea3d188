//! The labelled word-in-sentence cases (`tests/data/lookup/`) and how a first meaning is
//! judged against them: shared by the measurement and the fit of the ranking's weights.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use lesepult::dict::Dictionaries;

#[derive(Clone)]
pub struct Case {
    /// The text the case comes from.
    pub source: String,
    pub sentence: String,
    pub word: String,
    pub lemma: String,
    pub pos: String,
    /// der, die or das for a noun whose gender is labelled.
    pub gender: String,
    pub meanings: Vec<String>,
    pub kinds: Vec<String>,
}

pub fn load(name: &str) -> Vec<Case> {
    load_path(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/lookup")
            .join(name),
    )
}

/// The cases of a labelled file anywhere.
pub fn load_path(path: &Path) -> Vec<Case> {
    let name = path.display();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 9, "{name}: a line without 9 fields: {l}");
            Case {
                source: f[0].to_string(),
                sentence: f[1].to_string(),
                word: f[2].to_string(),
                lemma: f[3].to_string(),
                pos: f[4].to_string(),
                gender: f[5].trim().to_string(),
                meanings: f[7]
                    .split('|')
                    .map(|m| m.trim().to_lowercase())
                    .filter(|m| !m.is_empty())
                    .collect(),
                kinds: f[8]
                    .split(',')
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect(),
            }
        })
        .collect()
}

/// Contractions of a pronoun and *is*, written out: "that's why" is "that is why".
const CONTRACTIONS: [(&str, &str); 4] = [
    ("that's", "that is"),
    ("it's", "it is"),
    ("there's", "there is"),
    ("what's", "what is"),
];

/// A gloss holds an acceptable meaning as whole words.
pub fn meaning_fits(sense: &str, meanings: &[String]) -> bool {
    let mut sense = sense.to_lowercase().replace('’', "'");
    for (short, long) in CONTRACTIONS {
        sense = sense.replace(short, long);
    }
    // A phrasal verb's object placeholder stands between its words ("pick sb. up" is
    // "pick up").
    let words: Vec<&str> = sense
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty() && !matches!(*w, "sb" | "sth"))
        .collect();
    meanings.iter().any(|m| {
        let mw: Vec<&str> = m.split_whitespace().collect();
        !mw.is_empty()
            && words
                .windows(mw.len())
                .any(|w| w.iter().zip(&mw).all(|(a, b)| same_english_word(a, b)))
    })
}

/// Two English words that are one word inflected: dictionaries give a verb's or noun's
/// base form ("concern sth.", "be about sth.", "indicate sth."), a label may give the
/// form its sentence asks for ("concerns", "is about", "indicated").
pub fn same_english_word(a: &str, b: &str) -> bool {
    const BE: [&str; 8] = ["be", "is", "are", "am", "was", "were", "been", "being"];
    let s_form = |base: &str, form: &str| {
        form.strip_suffix('s')
            .is_some_and(|f| f == base || f.strip_suffix('e') == Some(base))
            || base
                .strip_suffix('y')
                .is_some_and(|stem| form == format!("{stem}ies"))
    };
    // A regular past ("indicated", "noted", "applied", "stopped") where the dictionary
    // gives the base form.
    let ed_form = |base: &str, form: &str| {
        base.len() > 2
            && form.strip_suffix("ed").is_some_and(|stem| {
                stem == base
                    || format!("{stem}e") == base
                    || base
                        .strip_suffix('y')
                        .is_some_and(|b| stem == format!("{b}i"))
                    || stem.len() == base.len() + 1
                        && stem.starts_with(base)
                        && stem.ends_with(&base[base.len() - 1..])
            })
    };
    a == b
        || BE.contains(&a) && BE.contains(&b)
        || s_form(a, b)
        || s_form(b, a)
        || ed_form(a, b)
        || ed_form(b, a)
}

pub fn freedict() -> Option<Dictionaries> {
    let folder = PathBuf::from("/usr/share/dictd");
    folder
        .join("freedict-deu-eng.index")
        .exists()
        .then(|| Dictionaries::discover(&[folder]))
}
