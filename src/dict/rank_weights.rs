//! The weight of each term of a sense's score ([`super::rank::rank_in`]). Each term keeps
//! its own scale (a slang label costs more than a field label); its weight multiplies
//! it. The weights in use are [`RankWeights::FITTED`], fitted on the labelled dev cases
//! (`tests/rank_weights.rs`) and checked on the held-out ones; a fit runs the real
//! lookup under other weights with [`with_weights`], on this thread only.

use std::cell::Cell;

/// A term of a sense's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// The entry's headword is the lemma, as written.
    Head,
    /// The entry links the word's own phrases.
    Linked,
    /// The entry's examples use a comparative where the word follows one.
    Comparison,
    /// The entry's examples and links.
    Richness,
    /// The entry's examples share words with the sentence.
    Context,
    /// The entry's word class fits the analysis.
    PosFit,
    /// The entry's gender fits the analysis.
    GenderFit,
    /// The entry's case fits the case a preposition governs.
    CaseFit,
    /// The entry's complement stands in the sentence.
    Complement,
    /// A noun the entry's German note names stands in the sentence.
    NoteNoun,
    /// The entry's labels (slang, field).
    EntryLabels,
    /// The entry is only a note.
    Noted,
    /// A plural entry where the singular is listed.
    Plural,
    /// The entry's place in the dictionary's order.
    EntryOrder,
    /// The sense's own labels.
    SenseLabels,
    /// The sense is a whole sentence.
    Sentence,
    /// The sense is bound to a complement.
    Bound,
    /// The gloss's shape misfits the word class (a verb's gloss for a noun).
    Shape,
    /// A determiner's gloss used alone, or a pronoun's before a noun.
    Standalone,
    /// A thing-only gloss where the object is a person.
    PersonObject,
    /// An auxiliary's gloss, as the verb is used.
    Auxiliary,
    /// A possessive's or pronoun's gloss of the right person and number.
    Owner,
    /// The gloss is a cognate of the lemma.
    Cognate,
    /// How common the gloss's English words are.
    Commonness,
    /// The sense gives several English words.
    Alternatives,
    /// The sense's place in its entry.
    SenseOrder,
    /// Another entry gives the same sense.
    Agreement,
    /// Other senses share a word with this one.
    SharedWord,
    /// A verb phrase's other headwords or the bare verb give the same word.
    WordAgreement,
}

impl Term {
    /// Every term, in the order of the weights.
    pub const ALL: [Term; 29] = [
        Term::Head,
        Term::Linked,
        Term::Comparison,
        Term::Richness,
        Term::Context,
        Term::PosFit,
        Term::GenderFit,
        Term::CaseFit,
        Term::Complement,
        Term::NoteNoun,
        Term::EntryLabels,
        Term::Noted,
        Term::Plural,
        Term::EntryOrder,
        Term::SenseLabels,
        Term::Sentence,
        Term::Bound,
        Term::Shape,
        Term::Standalone,
        Term::PersonObject,
        Term::Auxiliary,
        Term::Owner,
        Term::Cognate,
        Term::Commonness,
        Term::Alternatives,
        Term::SenseOrder,
        Term::Agreement,
        Term::SharedWord,
        Term::WordAgreement,
    ];

    fn index(self) -> usize {
        Term::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// A weight per term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankWeights(pub [f32; Term::ALL.len()]);

impl RankWeights {
    /// Each term at its own scale: the hand-set ranking.
    pub const UNIT: RankWeights = RankWeights([1.0; Term::ALL.len()]);

    /// The weights in use.
    pub const FITTED: RankWeights = RankWeights::UNIT;

    /// A term's weight.
    pub fn of(&self, term: Term) -> f32 {
        self.0[term.index()]
    }

    /// These weights with one term's changed.
    #[must_use]
    pub fn with(mut self, term: Term, weight: f32) -> RankWeights {
        self.0[term.index()] = weight;
        self
    }
}

thread_local! {
    static WEIGHTS: Cell<RankWeights> = const { Cell::new(RankWeights::FITTED) };
}

/// The weights in use on this thread.
pub fn weights() -> RankWeights {
    WEIGHTS.with(Cell::get)
}

/// Run `f` with other weights on this thread, for a fit; the weights in use come back
/// after, even if `f` panics.
pub fn with_weights<T>(w: RankWeights, f: impl FnOnce() -> T) -> T {
    struct Restore(RankWeights);
    impl Drop for Restore {
        fn drop(&mut self) {
            WEIGHTS.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(WEIGHTS.with(|c| c.replace(w)));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_term_has_its_own_weight() {
        let w = RankWeights::UNIT.with(Term::Cognate, 2.0);
        assert_eq!(w.of(Term::Cognate), 2.0);
        assert!(
            Term::ALL
                .iter()
                .filter(|t| **t != Term::Cognate)
                .all(|t| w.of(*t) == 1.0)
        );
    }

    #[test]
    fn other_weights_hold_only_inside_the_call() {
        let before = weights();
        let inside = with_weights(before.with(Term::Head, 0.0), || weights().of(Term::Head));
        assert_eq!(inside, 0.0);
        assert_eq!(weights(), before);
    }
}
