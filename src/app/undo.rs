//! Undo (`u`): the last status change (one word, or a whole page at once) or the last
//! deletion of a note or of one of the user's terms, most recent first.

use super::effect::Effect;
use super::{App, UndoStep};

/// How many steps are kept.
pub(super) const KEPT: usize = 100;

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
