//! Undo (`u`): the last status change (one word, or a whole page at once) or the last
//! deletion of a note or of one of the user's terms, most recent first.

use super::App;
use super::effect::Effect;
use crate::glossary::Term;
use crate::vocab::VocabEntry;

/// How many steps are kept.
const KEPT: usize = 100;

/// One thing `u` can take back.
#[derive(Debug, Clone, PartialEq)]
pub enum UndoStep {
    /// Word statuses as they were before a change: each word's key and its entry then
    /// (none: the word was new).
    Statuses {
        what: String,
        before: Vec<(String, Option<VocabEntry>)>,
    },
    /// A note was deleted (it waits in `NotesStatus::deleted`).
    NoteDeleted,
    /// A term was deleted from the user's glossary.
    TermDeleted(Term),
}

/// Remember a step (the oldest are forgotten beyond a hundred).
pub fn remember(app: &mut App, step: UndoStep) {
    app.undo.push(step);
    if app.undo.len() > KEPT {
        app.undo.remove(0);
    }
}

/// Take back the last step.
pub fn undo(app: &mut App, effects: &mut Vec<Effect>) {
    match app.undo.pop() {
        Some(UndoStep::Statuses { what, before }) => {
            let n = before.len();
            for (key, entry) in before {
                match entry {
                    Some(e) => {
                        app.learning.vocab.entries.insert(key, e);
                    }
                    None => {
                        app.learning.vocab.entries.remove(&key);
                    }
                }
            }
            app.refresh_vocab_numbers();
            app.learning.unsaved = true;
            effects.push(Effect::SaveVocab);
            let words = if n == 1 { "word" } else { "words" };
            app.info(format!("Undone: {what} ({n} {words} as before)."));
        }
        Some(UndoStep::NoteDeleted) => super::notes_keys::undo_delete(app, effects),
        Some(UndoStep::TermDeleted(term)) => {
            let lemma = term.lemma.clone();
            app.terms.user.retain(|t| t.lemma != lemma);
            app.terms.user.push(term);
            app.terms_changed(effects);
            effects.push(Effect::SaveUserGlossary);
            app.info(format!("„{lemma}“ is back in your glossary."));
        }
        None => app.info("Nothing to undo."),
    }
}
