//! Everything a user can do, as data. Keys, mouse events and resizes all become an
//! [`Action`]; so do the results of effects and background work (see [`super::outcome`]).
//! [`super::update`] is the one place that acts on them.

use super::outcome;
use crate::keys::Command;

/// Which pane a mouse event or focus refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaneId {
    Article,
    Glossary,
    Notes,
}

/// Something that happened: an input, already decoded, or the result of an effect or of
/// background work. `update` applies each; nothing else changes the state.
#[derive(Debug)]
pub enum Action {
    Command(Command),
    /// A character typed into a prompt (search).
    Input(char),
    /// Backspace in a prompt.
    DeleteBack,
    /// A key for the note editor (its own keys: cursor, words, undo, paste...).
    EditorKey(crossterm::event::KeyEvent),
    /// Text pasted from the terminal.
    Paste(String),
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel: positive scrolls down.
    Wheel {
        column: u16,
        row: u16,
        delta: i16,
    },
    Click {
        column: u16,
        row: u16,
    },
    /// A digit of a count typed before a command, as in less and vim: `50%`, `12g`, `5j`.
    Count(u8),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT, or the terminal hung up: leave cleanly.
    Terminate,
    /// SIGTSTP: stop as Ctrl-z does.
    Suspend,
    /// SIGCONT: the process goes on after a stop.
    Continued,
    /// No input waits: lay out the pages around the screen ahead of time.
    Idle,
    /// The text is open and about to be shown; for a long file only its beginning is,
    /// and `whole_length` is the whole file's length in bytes.
    Opening {
        whole_length: Option<usize>,
    },
    /// The saved reading position of the text (given before the first frame).
    Resume(crate::resume::Resumed),
    /// The glossaries and the vocabulary, read after the first frame.
    Started(Box<outcome::Startup>),
    /// The notes file, read after the first frame or once a long file is whole.
    NotesOpened(Box<outcome::NotesOpened>),
    /// The dictionaries, opened in the background.
    DictionariesOpened(outcome::DictionariesOpened),
    /// The whole of a long file, read in the background.
    RestOfFile(outcome::RestOfFile),
    /// Matches of a search running in the background.
    SearchFound(outcome::SearchFound),
    /// A long text's terms and word counts, found in the background.
    Analysed(Box<outcome::Analysed>),
    /// A dictionary lookup's results.
    LookedUp(outcome::LookedUp),
    /// The notes were saved, or why not.
    NotesSaved(Result<outcome::NotesSaved, outcome::NotesNotSaved>),
    /// The word statuses were saved (as merged with another lesepult's), or why not.
    VocabSaved(Result<crate::vocab::Vocabulary, String>),
    /// The lemma corrections were saved (as merged with another lesepult's), or not.
    LemmasSaved(Result<crate::vocab::lemmas::Lemmas, String>),
    /// The user's glossary was saved (its terms as merged with another lesepult's), or
    /// why not.
    UserGlossarySaved(Result<Vec<crate::glossary::Term>, String>),
    /// An export was written, or the file exists (ask), or why not.
    Exported(outcome::Exported),
    /// The unsaved notes were written to another file (its path), or why not.
    NotesWrittenElsewhere(Result<std::path::PathBuf, String>),
    /// The external editor closed: the note's new text, or what went wrong.
    EditorClosed(Result<String, String>),
    /// One of the user's lookup commands finished (or could not run).
    ToolFinished(outcome::ToolFinished),
    /// A sync to Anki finished: what it did, or why it could not.
    AnkiSynced(Result<crate::anki_connect::SyncReport, String>),
    /// Something an effect has to tell (espeak started, a position not saved).
    Report {
        text: String,
        error: bool,
    },
}
