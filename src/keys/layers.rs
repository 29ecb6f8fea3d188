//! Keys in layers: besides the reader's keymap (the config's `[keys]`), each kind of
//! prompt, form and dialog has a small layer of its own, given here as data. The router
//! (`app::router`) picks the layers for what the app shows; the first layer that binds a
//! chord decides what it does.

use super::chord::KeyChord;
use super::command::Command;

/// What a key does in a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    Command(Command),
    /// Delete the character before the cursor of a prompt or field.
    DeleteBack,
}

/// A set of keys for one kind of state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Typing into a one-line prompt: the search, the glossary and notes filters.
    Prompt,
    /// A form of fields (the term form): the prompt's keys, and Tab between fields.
    Form,
    /// A dialog with a path and choices (export, write the notes elsewhere): the form's
    /// keys, and Left/Right between choices.
    Dialog,
    /// A question answered with one letter (unsaved notes at quit, a notes backup).
    Question,
    /// The note editor: only these of the reader's commands; every other key edits.
    Editor,
    /// The answer to `s`: a word's status by one key.
    StatusLevel,
    /// Grading a review card.
    Review,
}

use Binding::{Command as Run, DeleteBack};

const PROMPT: &[(&str, Binding)] = &[
    ("Enter", Run(Command::Confirm)),
    ("Esc", Run(Command::Cancel)),
    ("Backspace", DeleteBack),
];

const FORM: &[(&str, Binding)] = &[
    ("Tab", Run(Command::FocusNext)),
    ("Shift-Tab", Run(Command::FocusPrevious)),
];

const DIALOG: &[(&str, Binding)] = &[
    ("Right", Run(Command::FocusNext)),
    ("Left", Run(Command::FocusPrevious)),
];

const QUESTION: &[(&str, Binding)] = &[("Esc", Run(Command::Cancel))];

const STATUS_LEVEL: &[(&str, Binding)] = &[
    ("1", Run(Command::Status1)),
    ("2", Run(Command::Status2)),
    ("3", Run(Command::Status3)),
    ("4", Run(Command::Status4)),
    ("5", Run(Command::Status5)),
    ("0", Run(Command::StatusNew)),
    ("k", Run(Command::StatusKnown)),
    ("K", Run(Command::StatusKnown)),
    ("i", Run(Command::StatusIgnored)),
    ("I", Run(Command::StatusIgnored)),
    ("Esc", Run(Command::Cancel)),
];

/// Grades 1 to 4: Again, Hard, Good, Easy (as Anki's keys).
const REVIEW: &[(&str, Binding)] = &[
    ("1", Run(Command::Status1)),
    ("2", Run(Command::Status2)),
    ("3", Run(Command::Status3)),
    ("4", Run(Command::Status4)),
];

/// An answer to a question, given by typing its letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Replace the existing file.
    Overwrite,
    /// Back to the dialog, with a free name to edit.
    NewName,
}

/// The letters of the question asked when an export's file exists (Esc cancels, as in
/// every question).
pub const EXPORT_EXISTS: &[(char, Answer, &str)] = &[
    ('o', Answer::Overwrite, "overwrite"),
    ('n', Answer::NewName, "new name"),
];

/// The answer a typed letter gives in a question's table.
pub fn answer(table: &[(char, Answer, &str)], typed: char) -> Option<Answer> {
    table
        .iter()
        .find(|(letter, _, _)| *letter == typed)
        .map(|(_, a, _)| *a)
}

/// The reader's commands that keep their keys in the note editor.
pub const EDITOR_COMMANDS: &[Command] = &[
    Command::SaveNote,
    Command::ExternalEditor,
    Command::Cancel,
    Command::Suspend,
];

impl Layer {
    /// The layer's own keys (the editor's come from the reader's keymap).
    pub fn keys(self) -> Vec<(KeyChord, Binding)> {
        let tables: &[&[(&str, Binding)]] = match self {
            Layer::Prompt => &[PROMPT],
            Layer::Form => &[PROMPT, FORM],
            Layer::Dialog => &[PROMPT, FORM, DIALOG],
            Layer::Question => &[QUESTION],
            Layer::Editor => &[],
            Layer::StatusLevel => &[STATUS_LEVEL],
            Layer::Review => &[REVIEW],
        };
        tables
            .iter()
            .flat_map(|t| t.iter())
            .filter_map(|(name, b)| KeyChord::parse(name).ok().map(|k| (k, *b)))
            .collect()
    }

    pub const ALL: [Layer; 7] = [
        Layer::Prompt,
        Layer::Form,
        Layer::Dialog,
        Layer::Question,
        Layer::Editor,
        Layer::StatusLevel,
        Layer::Review,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_name_of_every_layer_is_a_key() {
        for table in [PROMPT, FORM, DIALOG, QUESTION, STATUS_LEVEL, REVIEW] {
            for (name, _) in table {
                assert!(KeyChord::parse(name).is_ok(), "{name}");
            }
        }
        assert_eq!(Layer::Dialog.keys().len(), 7);
    }

    #[test]
    fn the_export_question_answers_by_letter() {
        assert_eq!(answer(EXPORT_EXISTS, 'o'), Some(Answer::Overwrite));
        assert_eq!(answer(EXPORT_EXISTS, 'n'), Some(Answer::NewName));
        assert_eq!(answer(EXPORT_EXISTS, 'x'), None);
    }
}
