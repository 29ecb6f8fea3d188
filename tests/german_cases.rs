//! The labelled word-in-sentence cases (`tests/data/lookup/`): lemma, part of speech and
//! first English meaning of each word, analysed in its sentence, per word class and per
//! hard case. `dev.tsv` is the set the analysis was tuned on; `heldout.tsv` was kept out
//! of sight while it was written and is only measured. The floors asserted here guard
//! against regressions; the README gives the measured numbers
//! (`cargo test --release --test german_cases -- --nocapture`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lesepult::dict::{Dictionaries, lookup_in};
#[path = "common/word_class.rs"]
mod word_class;

use lesepult::german::analysis::{Basis, analyse_word};
use word_class::label;

struct Case {
    sentence: String,
    word: String,
    lemma: String,
    pos: String,
    /// der, die or das for a noun whose gender is labelled.
    gender: String,
    meanings: Vec<String>,
    kinds: Vec<String>,
}

fn load(name: &str) -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/lookup")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 9, "{name}: a line without 9 fields: {l}");
            Case {
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

/// A gloss holds an acceptable meaning as whole words.
fn meaning_fits(sense: &str, meanings: &[String]) -> bool {
    let sense = sense.to_lowercase();
    let words: Vec<&str> = sense
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
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
fn same_english_word(a: &str, b: &str) -> bool {
    const BE: [&str; 6] = ["be", "is", "are", "am", "was", "were"];
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

#[derive(Default, Clone, Copy)]
struct Tally {
    n: usize,
    lemma: usize,
    pos: usize,
    meaning: usize,
    found: usize,
}

fn pct(a: usize, n: usize) -> String {
    if n == 0 {
        "-".into()
    } else {
        format!("{:.1}", 100.0 * a as f64 / n as f64)
    }
}

struct Report {
    all: Tally,
    by_pos: BTreeMap<String, Tally>,
    by_kind: BTreeMap<String, Tally>,
    wrong: Vec<String>,
    /// Nouns with a labelled gender: given right, given wrong, not given.
    gender: [usize; 3],
}

fn freedict() -> Option<Dictionaries> {
    let folder = PathBuf::from("/usr/share/dictd");
    folder
        .join("freedict-deu-eng.index")
        .exists()
        .then(|| Dictionaries::discover(&[folder]))
}

fn measure(cases: &[Case], dicts: Option<&Dictionaries>) -> Report {
    let mut r = Report {
        all: Tally::default(),
        by_pos: BTreeMap::new(),
        by_kind: BTreeMap::new(),
        wrong: Vec::new(),
        gender: [0; 3],
    };
    for c in cases {
        if !c.gender.is_empty()
            && let Some(a) = analyse_word(&c.sentence, &c.word)
        {
            let slot = match a.gender {
                Some(g) if g.article() == c.gender => 0,
                Some(_) => 1,
                None => 2,
            };
            r.gender[slot] += 1;
        }
        let a = analyse_word(&c.sentence, &c.word);
        let lemma_ok = a.as_ref().is_some_and(|a| a.lemma == c.lemma);
        let pos_ok = a.as_ref().is_some_and(|a| label(a) == c.pos);
        let (found, meaning_ok, first) = match (dicts, &a) {
            (Some(d), Some(a)) => {
                let (res, _) = lookup_in(&c.word, Some((&c.sentence, a.start)), None, d);
                let first = res
                    .first()
                    .and_then(|f| f.senses.first().cloned())
                    .unwrap_or_default();
                (!res.is_empty(), meaning_fits(&first, &c.meanings), first)
            }
            _ => (false, false, String::new()),
        };
        let mut t = vec![&mut r.all];
        let mut keys = vec![c.pos.clone()];
        keys.extend(c.kinds.iter().cloned());
        let _ = &mut t;
        for (k, key) in keys.iter().enumerate() {
            let map = if k == 0 {
                &mut r.by_pos
            } else {
                &mut r.by_kind
            };
            let e = map.entry(key.clone()).or_default();
            e.n += 1;
            e.lemma += usize::from(lemma_ok);
            e.pos += usize::from(pos_ok);
            e.meaning += usize::from(meaning_ok);
            e.found += usize::from(found);
        }
        r.all.n += 1;
        r.all.lemma += usize::from(lemma_ok);
        r.all.pos += usize::from(pos_ok);
        r.all.meaning += usize::from(meaning_ok);
        r.all.found += usize::from(found);
        if !lemma_ok || !pos_ok || (dicts.is_some() && !meaning_ok) {
            r.wrong.push(format!(
                "{} → {} {} (want {} {}) | {} (want {})",
                c.word,
                a.as_ref().map_or("-", |a| a.lemma.as_str()),
                a.as_ref().map_or("-", label),
                c.lemma,
                c.pos,
                first,
                c.meanings.join("|")
            ));
        }
    }
    r
}

fn print(name: &str, r: &Report, show_wrong: bool) {
    println!("\n== {name}: {} cases", r.all.n);
    println!(
        "{:<12} {:>5} {:>7} {:>7} {:>8} {:>7}",
        "", "n", "lemma%", "pos%", "meaning%", "found%"
    );
    let row = |k: &str, t: &Tally| {
        println!(
            "{:<12} {:>5} {:>7} {:>7} {:>8} {:>7}",
            k,
            t.n,
            pct(t.lemma, t.n),
            pct(t.pos, t.n),
            pct(t.meaning, t.n),
            pct(t.found, t.n)
        );
    };
    row("all", &r.all);
    for (k, t) in &r.by_pos {
        row(k, t);
    }
    for (k, t) in &r.by_kind {
        row(&format!("[{k}]"), t);
    }
    let [right, wrong, none] = r.gender;
    println!(
        "gender of {} labelled nouns: {right} right, {wrong} wrong, {none} not given",
        right + wrong + none
    );
    if show_wrong {
        for w in &r.wrong {
            println!("  wrong: {w}");
        }
    }
}

#[test]
fn labelled_cases_lemma_pos_and_meaning() {
    let dicts = freedict();
    let dev = measure(&load("dev.tsv"), dicts.as_ref());
    let held = measure(&load("heldout.tsv"), dicts.as_ref());
    // Only the tuning set's misses are listed: the held-out set stays unseen.
    print(
        "dev.tsv",
        &dev,
        std::env::var_os("LESEPULT_SHOW_MISSES").is_some(),
    );
    print("heldout.tsv", &held, false);
    for (name, r) in [("dev", &dev), ("heldout", &held)] {
        let share = |t: &Tally, part: usize| part as f64 / t.n.max(1) as f64;
        let lemma = share(&r.all, r.all.lemma);
        assert!(
            lemma >= 0.96,
            "{name}: lemma right in {lemma:.3} of the cases"
        );
        let sep = r.by_kind.get("sep").copied().unwrap_or_default();
        let sep_lemma = share(&sep, sep.lemma);
        assert!(
            sep_lemma >= 0.95,
            "{name}: split separable verbs right in {sep_lemma:.3}"
        );
        if dicts.is_some() {
            let meaning = share(&r.all, r.all.meaning);
            assert!(
                meaning >= 0.58,
                "{name}: first meaning right in {meaning:.3}"
            );
            let found = share(&r.all, r.all.found);
            assert!(found >= 0.97, "{name}: found in {found:.3}");
        }
    }
}

#[test]
fn a_separable_link_is_always_a_verb_the_lexicon_lists_or_text_attests() {
    let lex = lesepult::german::lexicon().expect("lexicon");
    for file in ["dev.tsv", "heldout.tsv"] {
        for c in load(file) {
            for a in lesepult::german::analysis::analyse_sentence(&c.sentence) {
                if matches!(a.basis, Basis::Separable { .. }) {
                    assert!(
                        lesepult::german::analysis::is_attested_verb(lex, &a.lemma),
                        "invented verb {} in {}",
                        a.lemma,
                        c.sentence
                    );
                }
            }
        }
    }
}

#[test]
fn the_meaning_matcher_takes_an_english_word_in_its_inflections_only() {
    let want = |m: &[&str]| m.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(meaning_fits("indicate sth.", &want(&["indicated"])));
    assert!(meaning_fits("note", &want(&["noted"])));
    assert!(meaning_fits("apply sth.", &want(&["applied"])));
    assert!(meaning_fits("stop", &want(&["stopped"])));
    assert!(meaning_fits("concern sth.", &want(&["concerns"])));
    assert!(meaning_fits("be about sth.", &want(&["is about"])));
    assert!(!meaning_fits("need", &want(&["needled"])));
    assert!(!meaning_fits("bed", &want(&["be"])));
    assert!(!meaning_fits("indicator", &want(&["indicated"])));
}
