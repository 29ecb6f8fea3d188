//! Everything a user can do, as data. Keys, mouse events and resizes all become an
//! [`Action`]; [`super::update`] is the one place that acts on them.

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
    Confirm,
    Cancel,
    Quit,
}

impl Command {
    /// All commands, in the order the help overlay lists them.
    pub const ALL: [Command; 37] = [
        Command::ScrollDown,
        Command::ScrollUp,
        Command::PageDown,
        Command::PageUp,
        Command::HalfPageDown,
        Command::HalfPageUp,
        Command::Top,
        Command::Bottom,
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
            Command::Top => "Go to the start",
            Command::Bottom => "Go to the end",
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

/// An input, already decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// SIGTERM or SIGHUP: leave cleanly.
    Terminate,
    /// Nothing happened (a timer tick).
    Tick,
}
