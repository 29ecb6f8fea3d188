//! The German language layer: a full-form lexicon (form → lemma, part of speech and
//! features), the analysis of a word in its sentence (capitals, separable verbs,
//! zu-infinitives, participles, compounds) and word frequencies. Pure: no I/O beyond the
//! bundled data.

pub mod analysis;
pub mod citation;
pub mod compound;
pub mod corrections;
pub mod frequency;
pub mod fsa;
mod gender;
pub mod government;
pub mod lexicon;
pub mod numbers;
pub mod sentence;
pub mod tags;
pub mod unlisted;

pub use gender::Gender;
pub use lexicon::{Lexicon, Reading, lexicon};
pub use tags::{Pos, Tag};
