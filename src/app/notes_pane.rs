//! State of the notes pane, the note editor and the export dialog.

use crate::glossary::filter_fold;
use ratatui_textarea::TextArea;

use crate::notes::export::Format;
use crate::notes::{Anchor, Note};

/// What the notes pane offers, for the help screen.
pub const COMMANDS: &[crate::keys::Command] = {
    use crate::keys::Command::*;
    &[
        AddNote,
        Select,
        MarkPart,
        Edit,
        Delete,
        SaveNote,
        ExternalEditor,
        UndoDelete,
        Export,
    ]
};

/// The notes pane: notes in text order, filtered by text or `#tag`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesPane {
    pub filter: String,
    /// Typing goes to the filter.
    pub filtering: bool,
    /// Indices into `App::notes` that pass the filter, in text order.
    pub items: Vec<usize>,
    pub selected: usize,
}

impl NotesPane {
    pub fn selected_note(&self) -> Option<usize> {
        self.items.get(self.selected).copied()
    }

    pub fn move_selection(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }
}

/// Whether a note passes a filter: every word of the filter is in the note's text, its
/// passage or its section (a `#tag` word must be one of its tags), folded as the glossary
/// filter folds: case, umlauts or „ae“ „oe“ „ue“, ß or „ss“ (`#boe` finds `#börse`).
pub fn note_matches(note: &Note, filter: &str) -> bool {
    let tags: Vec<String> = note.tags().iter().map(|t| filter_fold(t)).collect();
    let haystack = filter_fold(&format!(
        "{}\n{}\n{}",
        note.text, note.anchor.quote, note.anchor.section
    ));
    filter
        .split_whitespace()
        .all(|word| match word.strip_prefix('#') {
            Some(tag) if !tag.is_empty() => {
                let tag = filter_fold(tag);
                tags.iter().any(|t| t.starts_with(&tag))
            }
            _ => haystack.contains(&filter_fold(word)),
        })
}

/// The note being written or edited.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub textarea: TextArea<'static>,
    pub anchor: Anchor,
    /// The id of the note being edited, or `None` for a new note.
    pub editing: Option<String>,
    /// Esc was pressed once on a changed draft: the next Esc discards it.
    pub discard_armed: bool,
    original: String,
}

impl PartialEq for NoteEditor {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text() && self.anchor == other.anchor && self.editing == other.editing
    }
}

impl Eq for NoteEditor {}

impl NoteEditor {
    pub fn new(anchor: Anchor, text: &str, editing: Option<String>) -> NoteEditor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        textarea.set_placeholder_text("Write your note… (#tags allowed)");
        textarea.set_hard_tab_indent(true);
        // Long lines wrap at words (a word wider than the pane at its letters).
        textarea.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        NoteEditor {
            textarea,
            anchor,
            editing,
            discard_armed: false,
            original: text.to_string(),
        }
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// Replace the whole text (after an external editor).
    pub fn set_text(&mut self, text: &str) {
        let anchor = self.anchor.clone();
        let editing = self.editing.clone();
        let original = self.original.clone();
        *self = NoteEditor::new(anchor, text, editing);
        self.original = original;
    }
}

/// The export dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    pub format: Format,
    /// Anki: cards for the glossary terms too (a choice of its own in the dialog).
    pub with_glossary: bool,
    pub path: String,
    /// The path was typed by the user (a format change no longer rewrites it).
    pub path_edited: bool,
}

/// The dialog's choices, in order: each format, and Anki once more with the glossary.
pub const EXPORT_CHOICES: [(Format, bool); 8] = [
    (Format::Markdown, false),
    (Format::Json, false),
    (Format::Csv, false),
    (Format::Anki, false),
    (Format::Anki, true),
    (Format::AnkiVocab, false),
    (Format::Apkg, false),
    (Format::ApkgVocab, false),
];

/// A choice's name in the dialog.
pub fn choice_name(format: Format, with_glossary: bool) -> String {
    if with_glossary {
        format!("{} + glossary", format.name())
    } else {
        format.name().to_string()
    }
}

impl ExportDialog {
    pub fn new(doc_id: &str) -> ExportDialog {
        let format = Format::Markdown;
        ExportDialog {
            path: default_path(doc_id, format),
            format,
            with_glossary: false,
            path_edited: false,
        }
    }

    pub fn cycle(&mut self, doc_id: &str, forward: bool) {
        let all = EXPORT_CHOICES;
        let i = all
            .iter()
            .position(|c| *c == (self.format, self.with_glossary))
            .unwrap_or(0);
        let n = all.len();
        (self.format, self.with_glossary) = all[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        if !self.path_edited {
            self.path = default_path(doc_id, self.format);
        }
    }
}

/// `DOC-notes.EXT` in the current directory; the vocabulary deck is `DOC-vocabulary.anki.txt`.
pub fn default_path(doc_id: &str, format: Format) -> String {
    match format {
        Format::AnkiVocab => format!("{doc_id}-vocabulary.anki.txt"),
        Format::ApkgVocab => format!("{doc_id}-vocabulary.apkg"),
        _ => format!("{doc_id}-notes.{}", format.extension()),
    }
}
