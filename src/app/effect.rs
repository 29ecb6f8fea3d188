//! What `update` asks the world to do: I/O and background work, carried out by the
//! runtime, whose results come back as actions.

/// Work for the event loop to do after an update (I/O stays out of `update`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The reading place moved to this anchor: save it (the loop throttles this to about
    /// once a second).
    SavePosition(crate::layout::Anchor),
    /// Leave the app (after saving).
    Quit,
    /// Give the terminal back and stop (Ctrl-z, SIGTSTP); on SIGCONT take it back and
    /// draw the whole screen.
    Suspend,
    /// The process was continued after a stop it did not ask for (SIGCONT): take the
    /// terminal back (raw mode, alternate screen) and draw the whole screen.
    RetakeTerminal,
    /// The user's glossary changed: write it.
    SaveUserGlossary,
    /// The notes changed: save them (lock, merge, atomic write); report only success.
    SaveNotes,
    /// Open the note being edited in `$VISUAL` / `$EDITOR`.
    ExternalEditor,
    /// Export the notes (or the vocabulary). An existing file is replaced only with
    /// `overwrite` (else the user is asked); a missing folder is never created.
    Export {
        format: crate::notes::export::Format,
        path: String,
        /// Anki: cards for the glossary terms too.
        with_glossary: bool,
        overwrite: bool,
    },
    /// Write the unsaved notes to another file (after a failed save, at quit).
    WriteNotesTo(String),
    /// Look a word up in the dictionaries (results go to `study::show_lookup`).
    Lookup(String),
    /// The vocabulary changed: save it (lock, merge, atomic write).
    SaveVocab,
    /// The lemma corrections changed: save them (lock, merge, atomic write).
    SaveLemmas,
    /// Speak a text with espeak-ng, in the background.
    Speak(String),
    /// Search a long text on a thread (any running search is cancelled first).
    Search(String),
    /// Stop a running search.
    CancelSearch,
    /// The terms changed in a long text: find them and count the words again on a thread
    /// (`App::finish_analysis` takes the result).
    Analyse,
    /// Run one of the user's lookup commands in the background (a running one is
    /// stopped first); [`super::Action::ToolFinished`] brings its output.
    RunTool(crate::tools::Invocation),
    /// Stop the running lookup command.
    CancelTool,
    /// Put text on the clipboard through the terminal (OSC 52).
    Copy(String),
    /// Read the notes file of the text (and, for a long file, its saved position).
    OpenNotes,
    /// Send the vocabulary to Anki through AnkiConnect (`config.anki`) in the background;
    /// [`super::Action::AnkiSynced`] brings what it did.
    AnkiSync,
}
