//! What the world tells the app: the results of effects and of background work (files read
//! at start-up, dictionaries opened, a search, a save). Each arrives as an
//! [`Action`](super::Action) and `update` applies it, like a key.

use std::path::PathBuf;

use crate::document::Document;
use crate::document::search::Match;
use crate::glossary::{Glossary, Term};
use crate::notes::Note;
use crate::vocab::{DocWords, Vocabulary};

/// The files read right after the first frame: glossaries and vocabulary.
#[derive(Debug, Default)]
pub struct Startup {
    /// The document's own terms (its glossary file).
    pub document_terms: Vec<Term>,
    /// The user's terms, from the user's glossary file.
    pub user_terms: Vec<Term>,
    /// The user's glossary file.
    pub user_glossary: PathBuf,
    /// Why the user's glossary file must not be overwritten (it did not parse), if so.
    pub user_glossary_broken: Option<String>,
    pub vocabulary: Vocabulary,
    /// The user's lemma corrections (already installed for the analysis).
    pub lemmas: crate::vocab::lemmas::Lemmas,
    /// Entries moved to their right lemma or marked doubtful: what to say, if any.
    pub migration: Option<String>,
    /// What could not be read, one sentence each.
    pub problems: Vec<String>,
}

/// The notes file, read after the first frame (for a long file, once the whole text is
/// there).
#[derive(Debug, Default)]
pub struct NotesOpened {
    pub notes: Vec<Note>,
    pub deleted: Vec<String>,
    /// The saved reading position, to go to now (a long file's, once it is whole).
    pub resume: Option<crate::resume::Resumed>,
    /// The notes are those of another notes file on the very same text (the file was
    /// moved, renamed or copied).
    pub by_fingerprint: bool,
    /// Notes of a recovery file were merged in: save them back to the notes file.
    pub merged_recovery: bool,
    /// The notes file is broken: new notes go to this recovery file.
    pub recovery: Option<PathBuf>,
    /// Notes of a broken file's backup, to offer.
    pub backup: Option<Vec<Note>>,
    /// What could not be read, one sentence each.
    pub problems: Vec<String>,
}

/// Notes written to disk, as they are there now (merged with another lesepult's).
#[derive(Debug, Default)]
pub struct NotesSaved {
    pub notes: Vec<Note>,
    pub deleted: Vec<String>,
    /// The notes went to this recovery file, not to the notes file.
    pub recovery: Option<PathBuf>,
}

/// Notes that could not be written.
#[derive(Debug, Default)]
pub struct NotesNotSaved {
    pub reason: String,
    /// The notes file became unreadable: writes go to this recovery file from now on.
    pub recovery: Option<PathBuf>,
}

/// Matches of a search running in the background.
#[derive(Debug)]
pub struct SearchFound {
    pub query: String,
    pub matches: Vec<Match>,
    /// Percent of the text searched.
    pub percent: u8,
    pub finished: bool,
}

/// The terms found in a long text and its words counted, in the background.
#[derive(Debug)]
pub struct Analysed {
    pub glossary: Glossary,
    pub words: DocWords,
}

/// What a dictionary lookup found.
#[derive(Debug)]
pub struct LookedUp {
    pub word: String,
    pub results: Vec<crate::dict::Found>,
    /// An entry that could not be read, if any.
    pub problem: Option<String>,
}

/// What the dictionaries opened in the background hold.
#[derive(Debug, Default)]
pub struct DictionariesOpened {
    pub names: Vec<String>,
    /// Dictionaries that could not be opened, one sentence each.
    pub problems: Vec<String>,
}

/// The rest of a long file, read in the background.
pub type RestOfFile = Result<Box<Document>, String>;

/// What came of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// Written: what to say (with the file's absolute path).
    Written(String),
    /// The file exists and was left alone: ask whether to overwrite it.
    Exists(ExistingFile),
    /// Not written (a missing folder, a failed write): why, naming the path.
    Failed(String),
}

/// An export's target that exists, with what is needed to ask and to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingFile {
    pub format: crate::notes::export::Format,
    /// The path as typed.
    pub path: String,
    pub with_glossary: bool,
    /// The file, absolute.
    pub file: PathBuf,
    /// A free name beside it, in the form the path was typed in (`x-2.md`).
    pub free: String,
}

/// What a lookup command printed, or why it gave nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolFinished {
    /// The run's number (`Invocation::id`).
    pub id: u64,
    /// The cleaned output, or what went wrong.
    pub result: Result<String, String>,
}
