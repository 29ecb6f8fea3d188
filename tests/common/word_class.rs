//! Our word class in the coarse classes the labelled cases and the treebanks share.

use lesepult::german::Pos;
use lesepult::german::analysis::{Analysis, Basis};

/// A split separable verb is a verb; an adverbially used particle an adverb.
pub fn label(a: &Analysis) -> &'static str {
    if matches!(a.basis, Basis::Separable { .. }) {
        return "VERB";
    }
    match a.pos {
        Pos::Noun | Pos::Abbreviation => "NOUN",
        Pos::Name => "NAME",
        Pos::Verb => "VERB",
        Pos::Participle | Pos::Adjective => "ADJ",
        Pos::Adverb | Pos::VerbParticle => "ADV",
        Pos::Article => "DET",
        Pos::Pronoun if a.tag.as_ref().is_some_and(|t| t.determiner) => "DET",
        Pos::Pronoun => "PRON",
        Pos::Preposition => "ADP",
        Pos::Conjunction => "CONJ",
        Pos::Particle | Pos::Interjection => "PART",
        Pos::Number => "NUM",
        Pos::Unknown => "X",
    }
}
