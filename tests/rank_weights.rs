//! Fitting the ranking's weights (`src/dict/rank_weights.rs`) on the labelled dev cases:
//! coordinate ascent on the number of first meanings right, each weight tried at a few
//! multiples of its value, a change kept only when it gains at least `MARGIN` cases.
//! Cross-validated first: the dev texts in two folds, each fitted on one and measured on
//! the other, so the gain on text the fit did not see is known before the weights are
//! fitted on all of dev. The held-out cases are not read here.
//!
//! `cargo test --release --test rank_weights -- --ignored --nocapture`, with FreeDict
//! deu-eng (and Ding) installed. Prints the fitted weights as Rust.

#[path = "common/labelled.rs"]
mod labelled;

use labelled::{Case, freedict, load, meaning_fits};
use lesepult::dict::rank_weights::{RankWeights, Term, with_weights};
use lesepult::dict::{Dictionaries, lookup_in};
use lesepult::german::analysis::analyse_word;

/// Multiples of a weight tried.
const STEPS: [f32; 6] = [0.0, 0.5, 0.75, 1.5, 2.0, 3.0];
/// Cases a change must gain to be kept: less is noise on a few hundred cases.
const MARGIN: usize = 2;
/// Passes over all weights, at most.
const PASSES: usize = 2;

/// A case ready to look up: the word's start in its sentence, found once.
struct Prepared<'a> {
    case: &'a Case,
    start: usize,
}

fn prepare(cases: &[Case]) -> Vec<Prepared<'_>> {
    cases
        .iter()
        .filter_map(|c| {
            analyse_word(&c.sentence, &c.word).map(|a| Prepared {
                case: c,
                start: a.start,
            })
        })
        .collect()
}

/// First meanings right under `w`, the cases shared between two threads.
fn right(cases: &[Prepared], dicts: &Dictionaries, w: RankWeights) -> usize {
    let count = |part: &[Prepared]| {
        with_weights(w, || {
            part.iter()
                .filter(|p| {
                    let c = p.case;
                    let (res, _) = lookup_in(&c.word, Some((&c.sentence, p.start)), None, dicts);
                    let first = res
                        .first()
                        .and_then(|f| f.senses.first().cloned())
                        .unwrap_or_default();
                    meaning_fits(&first, &c.meanings)
                })
                .count()
        })
    };
    let (a, b) = cases.split_at(cases.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| count(b));
        count(a) + other.join().unwrap_or(0)
    })
}

/// Coordinate ascent from `start`.
fn fit(cases: &[Prepared], dicts: &Dictionaries, start: RankWeights) -> (RankWeights, usize) {
    let mut best = start;
    let mut best_right = right(cases, dicts, best);
    for _ in 0..PASSES {
        let mut changed = false;
        for term in Term::ALL {
            let now = best.of(term);
            let mut pick: Option<(RankWeights, usize)> = None;
            for step in STEPS {
                let value = if now == 0.0 { step } else { now * step };
                if value == now {
                    continue;
                }
                let w = best.with(term, value);
                let n = right(cases, dicts, w);
                if n >= best_right + MARGIN && pick.as_ref().is_none_or(|p| n > p.1) {
                    pick = Some((w, n));
                }
            }
            if let Some((w, n)) = pick {
                eprintln!("  {term:?}: {now} → {} ({best_right} → {n})", w.of(term));
                best = w;
                best_right = n;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    (best, best_right)
}

fn as_rust(w: RankWeights) -> String {
    let values: Vec<String> = w.0.iter().map(|v| format!("{v:?}")).collect();
    format!("RankWeights([{}])", values.join(", "))
}

#[test]
#[ignore = "fits the weights: minutes, with FreeDict installed"]
fn fit_rank_weights_on_dev() {
    let Some(dicts) = freedict() else {
        eprintln!("FreeDict deu-eng is not installed: nothing to fit on");
        return;
    };
    let dev = load("dev.tsv");
    // Two folds by text: the bundled article and two more texts, and the other texts.
    let first_fold = ["deepseek-boeing-moment", "lokal", "tagebuch"];
    let in_first = |c: &Case| first_fold.iter().any(|s| c.source.starts_with(s));
    let (a, b): (Vec<Case>, Vec<Case>) = dev.iter().cloned().partition(|c| in_first(c));
    let (pa, pb, all) = (prepare(&a), prepare(&b), prepare(&dev));
    let unit = RankWeights::FITTED;
    let mut gain: i64 = 0;
    for (name, train, test) in [("A", &pa, &pb), ("B", &pb, &pa)] {
        eprintln!("fold {name}: fit on {} cases", train.len());
        let (w, fitted) = fit(train, &dicts, unit);
        let before = right(test, &dicts, unit);
        let after = right(test, &dicts, w);
        eprintln!(
            "fold {name}: train {} → {fitted}; other fold {before} → {after} of {}",
            right(train, &dicts, unit),
            test.len()
        );
        gain += after as i64 - before as i64;
    }
    eprintln!("cross-validated gain: {gain} cases of {}", all.len());
    let (w, n) = fit(&all, &dicts, unit);
    eprintln!(
        "all dev: {} → {n} of {}",
        right(&all, &dicts, unit),
        all.len()
    );
    println!("{}", as_rust(w));
}
