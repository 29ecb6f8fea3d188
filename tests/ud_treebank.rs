//! Lemma and word class measured on a Universal Dependencies treebank: German text this
//! project was never written against (`UD_German-GSD`, CC BY-SA 4.0). The treebank is not
//! bundled; point `LESEPULT_UD_CONLLU` at a `.conllu` file and run
//! `cargo test --release --test ud_treebank -- --ignored --nocapture`.
//! `LESEPULT_SHOW_MISSES=pos` or `=lemma` lists the misses (of the dev file only, to keep
//! the test file out of sight).
//!
//! Conventions differ: the treebank's lemmas were predicted by TreeTagger and corrected
//! for content words; it tags adverbially used adjectives ADV and weekdays PROPN, and it
//! keeps a separable verb's particle apart. The numbers are a check, not a target.

use std::collections::BTreeMap;

#[path = "common/word_class.rs"]
mod word_class;

use lesepult::german::analysis::{Basis, analyse_sentence};
use word_class::label;

/// The treebank's word class in the same terms; None for punctuation, symbols and
/// separable particles (which we read as part of their verb).
fn theirs(upos: &str, xpos: &str) -> Option<&'static str> {
    if xpos == "PTKVZ" {
        return None;
    }
    Some(match upos {
        "NOUN" => "NOUN",
        "PROPN" => "NAME",
        "VERB" | "AUX" => "VERB",
        "ADJ" => "ADJ",
        "ADV" => "ADV",
        "DET" => "DET",
        "PRON" => "PRON",
        "ADP" => "ADP",
        "CCONJ" | "SCONJ" => "CONJ",
        "PART" | "INTJ" => "PART",
        "NUM" => "NUM",
        _ => return None,
    })
}

#[derive(Default)]
struct Tally {
    n: usize,
    pos: usize,
    lemma: usize,
}

#[test]
#[ignore = "needs a UD treebank: LESEPULT_UD_CONLLU=path/to/de_gsd-ud-test.conllu"]
fn lemma_and_word_class_on_a_treebank() {
    let Ok(path) = std::env::var("LESEPULT_UD_CONLLU") else {
        eprintln!("LESEPULT_UD_CONLLU is not set: nothing measured");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let show = std::env::var("LESEPULT_SHOW_MISSES").ok();
    let mut by_class: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut confusions: BTreeMap<String, usize> = BTreeMap::new();
    for block in text.split("\n\n") {
        let Some(sentence) = block.lines().find_map(|l| l.strip_prefix("# text = ")) else {
            continue;
        };
        let analysed = analyse_sentence(sentence);
        let mut at = 0;
        let mut inside_contraction = 0;
        for line in block.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 10 || f[0].contains('.') {
                continue;
            }
            let form = f[1];
            // A contraction (*im* = *in dem*): its parts are not written.
            if let Some((_, last)) = f[0].split_once('-') {
                inside_contraction = last.parse().unwrap_or(0);
                if let Some(p) = sentence[at..].find(form) {
                    at += p + form.len();
                }
                continue;
            }
            let id: usize = f[0].parse().unwrap_or(0);
            if id <= inside_contraction {
                continue;
            }
            let Some(p) = sentence[at..].find(form) else {
                continue;
            };
            let start = at + p;
            at = start + form.len();
            let Some(class) = theirs(f[3], f[4]) else {
                continue;
            };
            let Some(a) = analysed.iter().find(|a| a.start == start) else {
                continue;
            };
            let want = match &a.basis {
                Basis::Separable { particle, .. } => format!("{particle}{}", f[2]),
                _ => f[2].to_string(),
            };
            let t = by_class.entry(class).or_default();
            t.n += 1;
            let ours = label(a);
            if ours == class {
                t.pos += 1;
            } else {
                *confusions.entry(format!("{class} → {ours}")).or_default() += 1;
                if show.as_deref() == Some("pos") {
                    println!("{class} → {ours}: {form} [{}] | {sentence}", a.lemma);
                }
            }
            if a.lemma == want {
                t.lemma += 1;
            } else if show.as_deref() == Some("lemma") {
                println!(
                    "{class}: {form} → {} (treebank {want}) | {sentence}",
                    a.lemma
                );
            }
        }
    }
    let pct = |a: usize, n: usize| 100.0 * a as f64 / n.max(1) as f64;
    println!("\n{path}");
    println!("{:<6} {:>6} {:>7} {:>7}", "", "n", "class%", "lemma%");
    let mut all = Tally::default();
    for (class, t) in &by_class {
        println!(
            "{class:<6} {:>6} {:>7.1} {:>7.1}",
            t.n,
            pct(t.pos, t.n),
            pct(t.lemma, t.n)
        );
        all.n += t.n;
        all.pos += t.pos;
        all.lemma += t.lemma;
    }
    println!(
        "{:<6} {:>6} {:>7.1} {:>7.1}",
        "all",
        all.n,
        pct(all.pos, all.n),
        pct(all.lemma, all.n)
    );
    let mut confusions: Vec<_> = confusions.into_iter().collect();
    confusions.sort_by_key(|c| std::cmp::Reverse(c.1));
    for (what, n) in confusions.iter().take(12) {
        println!("  {n:5}  {what}");
    }
    assert!(all.n > 0, "{path}: no tokens read");
}
