//! Which keys apply: the router picks the key layers for what the app shows (a prompt, a
//! form, a dialog, the note editor, or the reader), looks the key up in them in order, and
//! falls back to typing or to the reader's keymap. No key is named here: the keys are data
//! (`crate::keys`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, PaneId};
use super::glossary_pane::GlossaryView;
use super::{App, Mode};
use crate::keys::{Binding, KeyChord, Layer};

/// What a key the layers do not bind does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Otherwise {
    /// The reader's keymap (with counts, as in less: `50%`).
    Reader,
    /// A plain character is typed; other keys go to the reader's keymap.
    Typed,
    /// Everything else edits the note.
    Edits,
}

/// The layers for the app's state, first to last, and what an unbound key does.
fn route(app: &App) -> (&'static [Layer], Otherwise) {
    match &app.mode {
        Mode::Editing => (&[Layer::Editor], Otherwise::Edits),
        Mode::ConfirmQuit
        | Mode::AskBackup
        | Mode::ExportExists(_)
        | Mode::ConfirmPageKnown { .. }
        | Mode::Hints { .. } => (&[Layer::Question], Otherwise::Typed),
        Mode::AskStatus => (&[Layer::StatusLevel], Otherwise::Typed),
        Mode::Review(_) => (&[Layer::Review], Otherwise::Reader),
        Mode::Export(_) | Mode::WriteElsewhere { .. } | Mode::CorrectLemma { .. } => {
            (&[Layer::Dialog], Otherwise::Typed)
        }
        Mode::TermForm(_) => (&[Layer::Form], Otherwise::Typed),
        Mode::Searching { .. } => (&[Layer::Prompt], Otherwise::Typed),
        Mode::Reading if filtering(app) => (&[Layer::Prompt], Otherwise::Typed),
        _ => (&[], Otherwise::Reader),
    }
}

/// A pane with a filter line that takes typed text: the glossary's list, the notes' filter.
fn filtering(app: &App) -> bool {
    match app.view.focus {
        PaneId::Glossary => app.terms.pane.view == GlossaryView::List,
        PaneId::Notes => app.notebook.pane.filtering,
        PaneId::Article => false,
    }
}

/// Turn a key into an action for what the app shows.
pub fn action_for_key(app: &App, key: &KeyEvent) -> Option<Action> {
    let chord = KeyChord::from_event(key);
    let (layers, otherwise) = route(app);
    if let Some(binding) = layers.iter().find_map(|l| app.keymap.in_layer(*l, &chord)) {
        return Some(match binding {
            Binding::Command(c) => Action::Command(c),
            Binding::DeleteBack => Action::DeleteBack,
        });
    }
    // The last resort: Ctrl-c quits wherever nothing else has it.
    if chord == KeyChord::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
        && app.keymap.command(&chord).is_none()
    {
        return Some(Action::Command(crate::keys::Command::Quit));
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match (otherwise, key.code) {
        (Otherwise::Edits, _) => return Some(Action::EditorKey(*key)),
        (Otherwise::Typed, KeyCode::Char(c)) if plain => return Some(Action::Input(c)),
        (Otherwise::Reader, KeyCode::Char(c @ '0'..='9')) if plain && counts(app, &chord) => {
            return Some(Action::Count(c as u8 - b'0'));
        }
        _ => {}
    }
    app.keymap.command(&chord).map(Action::Command)
}

/// Whether a digit starts (or goes on with) a count, as in less (`50%`, `5j`): always in
/// the article, unless the user bound the digit to a command of their own. Statuses are
/// never set by a bare digit (`s3` or `3s` sets one), so a count cannot change a status.
fn counts(app: &App, chord: &KeyChord) -> bool {
    app.mode == Mode::Reading
        && app.view.focus == PaneId::Article
        && (app.count.is_some() || app.keymap.command(chord).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::keys::Command;
    use crossterm::event::KeyEvent;

    #[test]
    fn ctrl_c_quits_as_a_last_resort_wherever_nothing_has_it() {
        let config = Config::with_user_file(
            std::path::Path::new("config.toml"),
            "[keys]\nquit = [\"Q\"]\n",
        )
        .expect("config");
        let mut app = App::new(crate::document::bundled(), config, 100, 30);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(matches!(
            action_for_key(&app, &ctrl_c),
            Some(Action::Command(Command::Quit))
        ));
        // In the note editor too, where other keys are text.
        app.mode = Mode::Editing;
        assert!(matches!(
            action_for_key(&app, &ctrl_c),
            Some(Action::Command(Command::Quit))
        ));
    }

    #[test]
    fn ctrl_z_suspends_in_the_reader_and_in_the_editor() {
        let mut app = App::new(crate::document::bundled(), Config::builtin(), 100, 30);
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert!(matches!(
            action_for_key(&app, &ctrl_z),
            Some(Action::Command(Command::Suspend))
        ));
        app.mode = Mode::Editing;
        assert!(matches!(
            action_for_key(&app, &ctrl_z),
            Some(Action::Command(Command::Suspend))
        ));
    }
}
