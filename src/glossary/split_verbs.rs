//! Separable verbs among the terms, met split in the text (*lädt … ein* for the term
//! *einladen*): the matcher finds runs of words side by side, so these are found through
//! the sentence analysis, which links a finite verb to the particle at its clause's end.
//! Only blocks holding one of the terms' particles are analysed. Both parts are drawn as
//! the term; the particle is not counted as an occurrence of its own.

use std::collections::HashSet;

use super::occurrence::Occurrence;
use super::term::Term;
use crate::document::{Document, sentence_ranges, word_ranges};

/// The occurrences of separable-verb terms whose parts stand apart (the verb, and the
/// particle marked as such), leaving out places `found` already has.
pub fn occurrences(doc: &Document, terms: &[Term], found: &[Occurrence]) -> Vec<Occurrence> {
    let Ok(lex) = crate::german::lexicon() else {
        return Vec::new();
    };
    let verbs: Vec<(usize, String, String)> = terms
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let particle = lex.separable_particle(&t.lemma)?;
            Some((i, t.lemma.to_lowercase(), particle))
        })
        .collect();
    if verbs.is_empty() {
        return Vec::new();
    }
    let particles: HashSet<&str> = verbs.iter().map(|(_, _, p)| p.as_str()).collect();
    // `found` is in text order: the last one starting before `end` overlaps if it ends
    // after `start`.
    let overlaps_found = |start: usize, end: usize| {
        let i = found.partition_point(|o| o.range.start < end);
        i > 0 && found[i - 1].range.end > start
    };
    let mut out = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        let text = doc.block_text(b);
        let has_particle = word_ranges(text)
            .iter()
            .any(|r| particles.contains(text[r.clone()].to_lowercase().as_str()));
        if !has_particle {
            continue;
        }
        let base = block.text.start;
        for s in sentence_ranges(text) {
            let sentence = &text[s.clone()];
            for (start, end, lemma) in crate::german::analysis::sentence_lemmas(sentence) {
                let lemma = lemma.to_lowercase();
                let Some((term, _, particle)) = verbs.iter().find(|(_, l, _)| *l == lemma) else {
                    continue;
                };
                let range = base + s.start + start..base + s.start + end;
                if !overlaps_found(range.start, range.end) {
                    out.push(Occurrence {
                        term: *term,
                        block: b,
                        particle: sentence[start..end].to_lowercase() == *particle,
                        range,
                    });
                }
            }
        }
    }
    out
}
