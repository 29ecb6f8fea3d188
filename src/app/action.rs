//! Everything a user can do, as data. Keys, mouse events and resizes all become an
//! [`Action`]; so do the results of effects and background work (see [`super::outcome`]).
//! [`super::update`] is the one place that acts on them.

use super::outcome;

/// A named command that a key can be bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    GoToPercent,
    NextParagraph,
    PreviousParagraph,
    NextSection,
    PreviousSection,
    TableOfContents,
    Search,
    NextMatch,
    PreviousMatch,
    Help,
    FocusNext,
    FocusPrevious,
    ToggleGlossary,
    ToggleNotes,
    Zoom,
    NextWord,
    PreviousWord,
    Lookup,
    AddTerm,
    Edit,
    Delete,
    AddNote,
    Select,
    SaveNote,
    ExternalEditor,
    UndoDelete,
    Export,
    Status1,
    Status2,
    Status3,
    Status4,
    Status5,
    StatusKnown,
    StatusIgnored,
    StatusNew,
    PageKnown,
    StatusColours,
    Stats,
    Review,
    Speak,
    Confirm,
    Cancel,
    Quit,
}

impl Command {
    /// All commands, in the order the help overlay lists them.
    pub const ALL: [Command; 51] = [
        Command::ScrollDown,
        Command::ScrollUp,
        Command::PageDown,
        Command::PageUp,
        Command::HalfPageDown,
        Command::HalfPageUp,
        Command::Top,
        Command::Bottom,
        Command::GoToPercent,
        Command::NextParagraph,
        Command::PreviousParagraph,
        Command::NextSection,
        Command::PreviousSection,
        Command::TableOfContents,
        Command::Search,
        Command::NextMatch,
        Command::PreviousMatch,
        Command::Help,
        Command::FocusNext,
        Command::FocusPrevious,
        Command::ToggleGlossary,
        Command::ToggleNotes,
        Command::Zoom,
        Command::NextWord,
        Command::PreviousWord,
        Command::Lookup,
        Command::AddTerm,
        Command::Edit,
        Command::Delete,
        Command::AddNote,
        Command::Select,
        Command::SaveNote,
        Command::ExternalEditor,
        Command::UndoDelete,
        Command::Export,
        Command::Status1,
        Command::Status2,
        Command::Status3,
        Command::Status4,
        Command::Status5,
        Command::StatusKnown,
        Command::StatusIgnored,
        Command::StatusNew,
        Command::PageKnown,
        Command::StatusColours,
        Command::Stats,
        Command::Review,
        Command::Speak,
        Command::Confirm,
        Command::Cancel,
        Command::Quit,
    ];

    /// The name used in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Command::ScrollDown => "scroll_down",
            Command::ScrollUp => "scroll_up",
            Command::PageDown => "page_down",
            Command::PageUp => "page_up",
            Command::HalfPageDown => "half_page_down",
            Command::HalfPageUp => "half_page_up",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::GoToPercent => "percent",
            Command::NextParagraph => "next_paragraph",
            Command::PreviousParagraph => "previous_paragraph",
            Command::NextSection => "next_section",
            Command::PreviousSection => "previous_section",
            Command::TableOfContents => "table_of_contents",
            Command::Search => "search",
            Command::NextMatch => "next_match",
            Command::PreviousMatch => "previous_match",
            Command::Help => "help",
            Command::FocusNext => "focus_next",
            Command::FocusPrevious => "focus_previous",
            Command::ToggleGlossary => "toggle_glossary",
            Command::ToggleNotes => "toggle_notes",
            Command::Zoom => "zoom",
            Command::NextWord => "next_word",
            Command::PreviousWord => "previous_word",
            Command::Lookup => "lookup",
            Command::AddTerm => "add_term",
            Command::Edit => "edit",
            Command::Delete => "delete",
            Command::AddNote => "add_note",
            Command::Select => "select",
            Command::SaveNote => "save_note",
            Command::ExternalEditor => "external_editor",
            Command::UndoDelete => "undo_delete",
            Command::Export => "export",
            Command::Status1 => "status_1",
            Command::Status2 => "status_2",
            Command::Status3 => "status_3",
            Command::Status4 => "status_4",
            Command::Status5 => "status_5",
            Command::StatusKnown => "status_known",
            Command::StatusIgnored => "status_ignored",
            Command::StatusNew => "status_new",
            Command::PageKnown => "page_known",
            Command::StatusColours => "status_colours",
            Command::Stats => "stats",
            Command::Review => "review",
            Command::Speak => "speak",

            Command::Confirm => "confirm",
            Command::Cancel => "cancel",
            Command::Quit => "quit",
        }
    }

    /// What the command does, for the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Command::ScrollDown => "Scroll down one line",
            Command::ScrollUp => "Scroll up one line",
            Command::PageDown => "Page down",
            Command::PageUp => "Page up",
            Command::HalfPageDown => "Half a page down",
            Command::HalfPageUp => "Half a page up",
            Command::Top => "Go to the start (N first: paragraph N)",
            Command::Bottom => "Go to the end",
            Command::GoToPercent => "Go to N% of the text: type N first, as in less (50%)",
            Command::NextParagraph => "Next paragraph",
            Command::PreviousParagraph => "Previous paragraph",
            Command::NextSection => "Next section",
            Command::PreviousSection => "Previous section",
            Command::TableOfContents => "Table of contents",
            Command::Search => "Search the text",
            Command::NextMatch => "Next match",
            Command::PreviousMatch => "Previous match",
            Command::Help => "This help",
            Command::FocusNext => "Focus the next pane",
            Command::FocusPrevious => "Focus the previous pane",
            Command::ToggleGlossary => "Show or hide the glossary pane",
            Command::ToggleNotes => "Show or hide the notes pane",
            Command::Zoom => "Article at full width (zoom)",
            Command::NextWord => "Word cursor to the next word",
            Command::PreviousWord => "Word cursor to the previous word",
            Command::Lookup => "Look up the word under the cursor",
            Command::AddTerm => "Add the word to your glossary",
            Command::Edit => "Edit the note, or your glossary term",
            Command::Delete => "Delete the note, or your glossary term",
            Command::AddNote => "Add a note (selection, word, term or paragraph)",
            Command::Select => "Start or end a selection (extend with the word keys)",
            Command::SaveNote => "Save the note being edited",
            Command::ExternalEditor => "Edit the note in $VISUAL / $EDITOR",
            Command::UndoDelete => "Undo the last note deletion",
            Command::Export => "Export notes (Markdown, JSON, CSV, Anki)",
            Command::Status1 => "Word status: learning 1",
            Command::Status2 => "Word status: learning 2",
            Command::Status3 => "Word status: learning 3",
            Command::Status4 => "Word status: learning 4",
            Command::Status5 => "Word status: learning 5",
            Command::StatusKnown => "Word status: well known",
            Command::StatusIgnored => "Word status: ignored",
            Command::StatusNew => "Word status: new again",
            Command::PageKnown => "Mark the new words on screen well known",
            Command::StatusColours => "Colour the text by word status",
            Command::Stats => "Vocabulary statistics",
            Command::Review => "Review your words (FSRS)",
            Command::Speak => "Speak the word (espeak-ng)",

            Command::Confirm => "Open / jump to the selection",
            Command::Cancel => "Close the overlay or prompt",
            Command::Quit => "Quit",
        }
    }

    pub fn from_name(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == name)
    }
}

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
    /// SIGTERM or SIGHUP, or the terminal hung up: leave cleanly.
    Terminate,
    /// No input waits: lay out the pages around the screen ahead of time.
    Idle,
    /// The text is open and about to be shown; for a long file only its beginning is,
    /// and `whole_length` is the whole file's length in bytes.
    Opening {
        whole_length: Option<usize>,
    },
    /// The saved reading position of the text (given before the first frame).
    Resume(crate::layout::Anchor),
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
    /// The user's glossary was saved, or why not.
    UserGlossarySaved(Result<(), String>),
    /// An export was written (what to say), or why not.
    Exported(Result<String, String>),
    /// The unsaved notes were written to another file (its path), or why not.
    NotesWrittenElsewhere(Result<std::path::PathBuf, String>),
    /// The external editor closed: the note's new text, or what went wrong.
    EditorClosed(Result<String, String>),
    /// Something an effect has to tell (espeak started, a position not saved).
    Report {
        text: String,
        error: bool,
    },
}
