//! Glossaries: the term model, glossary files, matching terms in a document in any
//! inflected form, German sorting and forgiving filtering. No terminal types here.

mod fold;
mod index;
pub mod load;
mod matcher;
mod occurrence;
mod split_verbs;
mod term;
pub mod user;

pub use fold::{edit_distance, filter_fold, german_cmp, sort_key};
pub use index::{Glossary, Occurrence};
pub use load::{GlossaryError, bundled};
pub use matcher::{Found, MAX_WORDS as MAX_TERM_WORDS, Matcher};
pub use term::{Gender, PartOfSpeech, Source, Term, plural_with_article, with_article};
