//! State of the glossary pane: the filtered, sorted list, an open entry, or a word that is
//! not in the glossary.

/// What the glossary pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlossaryView {
    List,
    Entry {
        term: usize,
        scroll: usize,
    },
    /// A word that is not a glossary term: its dictionary results (`App::lookup`).
    Lookup {
        word: String,
        scroll: usize,
    },
    /// The output of one of the user's lookup commands (`App::terms.tool`).
    Tool {
        scroll: usize,
    },
}

/// What the glossary pane offers, for the help screen.
pub const COMMANDS: &[crate::keys::Command] = {
    use crate::keys::Command::*;
    &[
        Lookup,
        Translate,
        AddTerm,
        CorrectLemma,
        Edit,
        Delete,
        Speak,
        Copy,
    ]
};

/// Dictionary results for a word, shown under a glossary entry or on their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupState {
    pub word: String,
    /// The sentence the word was met in and the word's byte offset in it: the word is
    /// analysed there (separable verbs, capitals, fixed phrases).
    pub context: Option<(String, usize)>,
    /// `None` while the lookup runs.
    pub results: Option<Vec<crate::dict::Found>>,
}

/// A run of one of the user's lookup commands: what it ran on and what it printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolOutput {
    /// The run's number: a result of an older run is dropped.
    pub id: u64,
    pub name: String,
    /// What it ran on: the word, or the sentence translated.
    pub subject: String,
    /// `None` while it runs.
    pub text: Option<String>,
    /// The command failed (could not start, exited with an error, timed out).
    pub error: bool,
}

/// The pane's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryPane {
    pub filter: String,
    /// Term indices shown, in German alphabetical order (recomputed when the filter changes).
    pub items: Vec<usize>,
    /// Index into `items`.
    pub selected: usize,
    pub view: GlossaryView,
    /// A user term whose deletion waits for a second key press.
    pub pending_delete: Option<usize>,
    /// The entry or lookup shown was opened from the text in a narrow terminal, where the
    /// pane covers part of the text: `Esc` goes straight back to the text.
    pub opened_from_text: bool,
}

impl GlossaryPane {
    pub fn new(items: Vec<usize>) -> GlossaryPane {
        GlossaryPane {
            filter: String::new(),
            items,
            selected: 0,
            view: GlossaryView::List,
            pending_delete: None,
            opened_from_text: false,
        }
    }

    pub fn selected_term(&self) -> Option<usize> {
        self.items.get(self.selected).copied()
    }

    pub fn move_selection(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }
}
