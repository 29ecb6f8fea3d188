//! The notes keys: adding a note on the selection, word, term or paragraph; the editor;
//! the notes pane; deletion with undo; the export dialog; quitting with unsaved notes.
//! Part of `update`: state changes only, I/O is requested as effects.

use crossterm::event::KeyEvent;

use super::action::PaneId;
use super::effect::Effect;
use super::notes_pane::{ExportDialog, NoteEditor, note_matches};
use super::outcome::ExistingFile;
use super::{App, Mode, WordCursor};
use crate::keys::Answer;
use crate::keys::Command;
use crate::notes::{AnchorKind, Note, anchor, new_id, store::sort_notes};

/// Set the notes (after loading or saving): each finds its passage in the current text,
/// or is marked detached; then sorted in text order.
pub fn set_notes(app: &mut App, mut notes: Vec<Note>, deleted: Vec<String>) {
    for n in &mut notes {
        n.detached = !anchor::reanchor(&app.doc, &mut n.anchor);
    }
    sort_notes(&mut notes);
    let selected = app
        .notebook
        .pane
        .selected_note()
        .and_then(|i| app.notebook.notes.get(i))
        .map(|n| n.id.clone());
    app.notebook.notes = notes;
    app.notebook.deleted = deleted;
    refilter(app);
    if let Some(id) = selected {
        select_id(app, &id);
    }
}

/// The notes read from disk, with those taken before they were read (in a long file,
/// notes can be taken while the rest of the file is still read): none of them is lost.
pub fn attach_notes(app: &mut App, mut notes: Vec<Note>, mut deleted: Vec<String>) {
    let taken: Vec<Note> = std::mem::take(&mut app.notebook.notes)
        .into_iter()
        .filter(|n| !notes.iter().any(|m| m.id == n.id))
        .collect();
    notes.extend(taken);
    for id in std::mem::take(&mut app.notebook.deleted) {
        if !deleted.contains(&id) {
            deleted.push(id);
        }
    }
    set_notes(app, notes, deleted);
    app.notebook.pending = false;
}

pub fn refilter(app: &mut App) {
    let filter = app.notebook.pane.filter.clone();
    app.notebook.pane.items = app
        .notebook
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| note_matches(n, &filter))
        .map(|(i, _)| i)
        .collect();
    app.notebook.pane.move_selection(0);
}

fn select_id(app: &mut App, id: &str) {
    if let Some(pos) = app
        .notebook
        .pane
        .items
        .iter()
        .position(|&i| app.notebook.notes.get(i).is_some_and(|n| n.id == id))
    {
        app.notebook.pane.selected = pos;
    }
}

/// `v`: start a selection at the word cursor (placing it if needed), or end it.
pub fn toggle_selection(app: &mut App) {
    if app.selection.take().is_some() {
        app.parts.clear();
        app.info("Selection cancelled.");
        return;
    }
    if app.cursor.is_none() {
        super::cursor::step(app, true);
    }
    app.selection = app.cursor.clone();
    if app.selection.is_some() {
        let word = app.keymap.describe(Command::NextWord);
        let add = app.keymap.describe(Command::AddNote);
        let term = app.keymap.describe(Command::AddTerm);
        let part = app.keymap.describe(Command::MarkPart);
        app.info(format!(
            "Selecting: {word} extends, {add} adds a note on it, {term} makes a term \
             ({part} keeps a part: lade … ein), Esc cancels."
        ));
    }
}

/// `a`: open the editor for a new note on the selection, the term or word under the
/// cursor, or the paragraph at the top of the screen.
pub fn add_note(app: &mut App) {
    if app.doc.is_empty() {
        app.info("This document is empty: there is nothing to attach a note to.");
        return;
    }
    let new_anchor = if let Some((block, range)) = app.selection_range() {
        anchor::make(&app.doc, AnchorKind::Span, block, range, None)
    } else if let Some(WordCursor { block, range }) = app.cursor.clone() {
        match app.terms.glossary.occurrence_at(block, range.start) {
            Some(o) => {
                let lemma = app
                    .terms
                    .glossary
                    .terms
                    .get(o.term)
                    .map(|t| t.lemma.clone());
                anchor::make(&app.doc, AnchorKind::Term, block, o.range.clone(), lemma)
            }
            None => anchor::make(&app.doc, AnchorKind::Word, block, range, None),
        }
    } else {
        let a = app.anchor();
        let block = if a.offset == 0 || app.top.row == 0 {
            a.block
        } else {
            (a.block + 1).min(app.doc.blocks.len() - 1)
        };
        let range = app.doc.blocks[block].text.clone();
        anchor::make(&app.doc, AnchorKind::Paragraph, block, range, None)
    };
    app.selection = None;
    app.parts.clear();
    app.notebook.editor = Some(NoteEditor::new(new_anchor, "", None));
    open_editor(app);
}

fn open_editor(app: &mut App) {
    if !app.view.show_notes || app.view.zoom {
        app.view.show_notes = true;
        app.view.zoom = false;
        app.relayout();
    }
    app.focus(PaneId::Notes);
    app.mode = Mode::Editing;
    let save = app.keymap.describe(Command::SaveNote);
    let editor = app.keymap.describe(Command::ExternalEditor);
    app.info(format!(
        "Writing a note: {save} saves, Esc cancels, {editor} opens $EDITOR."
    ));
}

/// A key typed into the editor.
pub fn editor_key(app: &mut App, key: KeyEvent) {
    if let Some(editor) = &mut app.notebook.editor {
        editor.discard_armed = false;
        editor.textarea.input(key);
    }
}

/// Store the editor's text as a note (new or edited). Empty text keeps nothing.
pub fn commit_editor(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(editor) = app.notebook.editor.take() else {
        return;
    };
    app.mode = Mode::Reading;
    let text = editor.text().trim_end().to_string();
    if text.trim().is_empty() {
        app.info("Empty note: nothing saved.");
        return;
    }
    let now = crate::notes::timestamp(app.now);
    let id = match &editor.editing {
        Some(id) => {
            if let Some(n) = app.notebook.notes.iter_mut().find(|n| &n.id == id) {
                n.text = text;
                n.updated = now;
            }
            id.clone()
        }
        None => {
            let id = new_id(app.now);
            app.notebook.notes.push(Note {
                id: id.clone(),
                created: now.clone(),
                updated: now,
                text,
                anchor: editor.anchor,
                detached: false,
            });
            id
        }
    };
    let notes = std::mem::take(&mut app.notebook.notes);
    let deleted = std::mem::take(&mut app.notebook.deleted);
    set_notes(app, notes, deleted);
    select_id(app, &id);
    app.notebook.status.unsaved = true;
    app.info("Saving…");
    effects.push(Effect::SaveNotes);
}

/// Keys while editing a note.
pub fn editor_command(app: &mut App, c: Command, effects: &mut Vec<Effect>) {
    match c {
        Command::SaveNote => commit_editor(app, effects),
        Command::ExternalEditor => effects.push(Effect::ExternalEditor),
        Command::Cancel => {
            let Some(editor) = &mut app.notebook.editor else {
                app.mode = Mode::Reading;
                return;
            };
            if editor.changed() && !editor.discard_armed && !editor.text().trim().is_empty() {
                editor.discard_armed = true;
                let save = app.keymap.describe(Command::SaveNote);
                app.info(format!(
                    "Press Esc again to discard this note, {save} to save it."
                ));
            } else {
                app.notebook.editor = None;
                app.mode = Mode::Reading;
                app.info("Note discarded.");
            }
        }
        Command::Quit => {
            // Never lose a draft: keep it as a note, then quit (which asks if unsaved).
            commit_editor(app, effects);
            request_quit(app, effects);
        }
        _ => {}
    }
}

/// Quit, unless notes are unsaved: then ask. Notes that wait only for the notes file to
/// be read (a long file still being read, no failed save) are saved on the way out.
pub fn request_quit(app: &mut App, effects: &mut Vec<Effect>) {
    let saved_on_leaving = app.notebook.pending && app.notebook.status.error.is_none();
    let notes =
        app.notebook.status.unsaved && !saved_on_leaving && !effects.contains(&Effect::SaveNotes);
    if notes || app.unsaved_statuses() || app.terms.save_error.is_some() {
        app.mode = Mode::ConfirmQuit;
        return;
    }
    app.quit = true;
    effects.push(Effect::Quit);
}

/// Keys of the notes pane (when focused); `false` if the command is not the pane's.
pub fn notes_command(app: &mut App, c: Command, effects: &mut Vec<Effect>) -> bool {
    let page = app
        .panes
        .notes
        .map_or(5, |r| (r.height / 4).max(1) as isize);
    match c {
        Command::ScrollDown | Command::NextWord => app.notebook.pane.move_selection(1),
        Command::ScrollUp | Command::PreviousWord => app.notebook.pane.move_selection(-1),
        Command::PageDown | Command::HalfPageDown => app.notebook.pane.move_selection(page),
        Command::PageUp | Command::HalfPageUp => app.notebook.pane.move_selection(-page),
        Command::Top => app.notebook.pane.selected = 0,
        Command::Bottom => app.notebook.pane.move_selection(isize::MAX / 2),
        Command::Confirm => jump_to_selected(app),
        Command::Search => {
            app.notebook.pane.filtering = true;
            app.info("Filter the notes: words or #tags; Enter keeps the filter, Esc clears it.");
        }
        Command::Edit => match app
            .notebook
            .pane
            .selected_note()
            .and_then(|i| app.notebook.notes.get(i))
        {
            Some(n) => {
                app.notebook.editor = Some(NoteEditor::new(
                    n.anchor.clone(),
                    &n.text,
                    Some(n.id.clone()),
                ));
                open_editor(app);
            }
            None => app.info("No note selected."),
        },
        Command::Delete => match app.notebook.pane.selected_note() {
            Some(i) => {
                let note = app.notebook.notes.remove(i);
                app.notebook.deleted.push(note.id.clone());
                let undo = app.keymap.describe(Command::UndoDelete);
                let message = format!("Note deleted; {undo} brings it back.");
                app.info(message.clone());
                app.notebook.status.after_save = Some(message);
                app.notebook.status.deleted.push(note);
                app.remember(super::UndoStep::NoteDeleted);
                refilter(app);
                app.notebook.status.unsaved = true;
                effects.push(Effect::SaveNotes);
            }
            None => app.info("No note selected."),
        },
        Command::Cancel => {
            if app.notebook.pane.filter.is_empty() {
                app.focus(PaneId::Article);
            } else {
                app.notebook.pane.filter.clear();
                refilter(app);
            }
        }
        _ => return false,
    }
    true
}

/// Typing into the notes filter.
pub fn filter_input(app: &mut App, c: Option<char>) {
    match c {
        Some(c) => app.notebook.pane.filter.push(c),
        None => {
            app.notebook.pane.filter.pop();
        }
    }
    app.notebook.pane.selected = 0;
    refilter(app);
}

/// Keys while typing the notes filter.
pub fn filter_command(app: &mut App, c: Command) {
    match c {
        Command::Confirm => app.notebook.pane.filtering = false,
        Command::Cancel => {
            app.notebook.pane.filtering = false;
            app.notebook.pane.filter.clear();
            refilter(app);
        }
        _ => {}
    }
}

/// `u`: bring back the last deleted note.
pub fn undo_delete(app: &mut App, effects: &mut Vec<Effect>) {
    match app.notebook.status.deleted.pop() {
        Some(note) => {
            let id = note.id.clone();
            app.notebook.deleted.retain(|d| d != &id);
            let mut notes = std::mem::take(&mut app.notebook.notes);
            notes.push(note);
            let deleted = std::mem::take(&mut app.notebook.deleted);
            set_notes(app, notes, deleted);
            select_id(app, &id);
            app.info("Note restored.");
            app.notebook.status.after_save = Some("Note restored.".into());
            app.notebook.status.unsaved = true;
            effects.push(Effect::SaveNotes);
        }
        None => app.info("No deleted note to bring back."),
    }
}

/// Move the article to the selected note's passage.
pub fn jump_to_selected(app: &mut App) {
    let Some(n) = app
        .notebook
        .pane
        .selected_note()
        .and_then(|i| app.notebook.notes.get(i))
        .cloned()
    else {
        return;
    };
    if n.detached {
        app.error("This note's passage is no longer in the text (detached); the note is kept.");
        return;
    }
    app.reveal(n.anchor.block, n.anchor.start, true);
    app.info(format!(
        "„{}“",
        crate::ui_text::shorten(&n.anchor.quote, 60)
    ));
}

/// Keys of the export dialog.
pub fn export_command(
    app: &mut App,
    c: Command,
    mut dialog: ExportDialog,
    effects: &mut Vec<Effect>,
) {
    let id = app.doc.id();
    match c {
        Command::FocusNext | Command::NextWord | Command::ScrollDown => dialog.cycle(&id, true),
        Command::FocusPrevious | Command::PreviousWord | Command::ScrollUp => {
            dialog.cycle(&id, false)
        }
        Command::Confirm => {
            app.mode = Mode::Reading;
            // An export now would leave out the saved notes, which are not read yet.
            if app.notebook.pending && !dialog.format.is_vocab() {
                app.info(
                    "Your notes are read with the rest of the file: export them once it is loaded.",
                );
                return;
            }
            effects.push(Effect::Export {
                format: dialog.format,
                path: dialog.path.clone(),
                with_glossary: dialog.with_glossary,
                overwrite: false,
            });
            return;
        }
        Command::Cancel => {
            app.mode = Mode::Reading;
            return;
        }
        _ => {}
    }
    app.mode = Mode::Export(dialog);
}

/// Typing into the export dialog's path.
pub fn export_input(dialog: &mut ExportDialog, c: Option<char>) {
    match c {
        Some(c) => dialog.path.push(c),
        None => {
            dialog.path.pop();
        }
    }
    dialog.path_edited = true;
}

/// The export's file exists: ask (overwrite, a new name, or Esc).
pub fn ask_overwrite(app: &mut App, existing: ExistingFile) {
    app.info(format!("{} exists.", existing.file.display()));
    app.mode = Mode::ExportExists(existing);
}

/// Letters of the "file exists" question (the keys layer's `EXPORT_EXISTS` table): write
/// over the file, or back to the dialog with a free name. Esc cancels
/// ([`export_exists_command`]).
pub fn export_exists_input(
    app: &mut App,
    c: char,
    existing: ExistingFile,
    effects: &mut Vec<Effect>,
) {
    match crate::keys::answer(crate::keys::EXPORT_EXISTS, c) {
        Some(Answer::Overwrite) => {
            app.mode = Mode::Reading;
            effects.push(Effect::Export {
                format: existing.format,
                path: existing.path,
                with_glossary: existing.with_glossary,
                overwrite: true,
            });
        }
        Some(Answer::NewName) => {
            app.mode = Mode::Export(ExportDialog {
                format: existing.format,
                with_glossary: existing.with_glossary,
                path: existing.free,
                path_edited: true,
            });
        }
        None => {}
    }
}

/// Commands in the "file exists" question: Esc (or any other) leaves the file alone.
pub fn export_exists_command(app: &mut App, existing: &ExistingFile) {
    app.mode = Mode::Reading;
    app.info(format!(
        "{} is unchanged: not exported.",
        existing.file.display()
    ));
}

/// Keys of the "unsaved notes" question at quit: r retry, w write elsewhere, q quit anyway.
pub fn confirm_quit_input(app: &mut App, c: char, effects: &mut Vec<Effect>) {
    match c {
        'r' => {
            app.mode = Mode::Reading;
            if app.notebook.status.unsaved {
                effects.push(Effect::SaveNotes);
            }
            if app.unsaved_statuses() {
                effects.push(Effect::SaveVocab);
            }
            if app.terms.save_error.is_some() {
                effects.push(Effect::SaveUserGlossary);
            }
        }
        'w' if app.notebook.status.unsaved => {
            // `~/` is the home folder when the notes are written (as in a shell).
            app.mode = Mode::WriteElsewhere {
                input: format!("~/{}-notes.toml", app.doc.id()),
            };
        }
        'q' => {
            app.quit = true;
            effects.push(Effect::Quit);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, t0, update};
    use crate::config::Config;
    use crate::document::bundled;

    fn app() -> App {
        let mut a = App::new(bundled(), Config::builtin(), 120, 40);
        a.set_glossary(crate::glossary::bundled(), Vec::new());
        a
    }

    fn run(a: &mut App, commands: &[Command]) -> Vec<Effect> {
        commands
            .iter()
            .flat_map(|c| update(a, Action::Command(*c), t0()))
            .collect()
    }

    fn write(a: &mut App, text: &str) -> Vec<Effect> {
        for c in text.chars() {
            update(
                a,
                Action::EditorKey(KeyEvent::from(crossterm::event::KeyCode::Char(c))),
                t0(),
            );
        }
        run(a, &[Command::SaveNote])
    }

    #[test]
    fn notes_taken_before_the_notes_file_is_read_are_kept() {
        let mut a = app();
        a.notebook.pending = true;
        run(&mut a, &[Command::NextParagraph, Command::AddNote]);
        write(&mut a, "Während des Ladens");
        let taken = a.notebook.notes[0].clone();
        // The file held another note, on the title.
        let mut saved = taken.clone();
        saved.id = "aus-der-datei".into();
        saved.text = "Gespeichert".into();
        saved.anchor.block = 0;
        attach_notes(&mut a, vec![saved.clone()], vec!["gelöscht".into()]);
        assert!(!a.notebook.pending);
        let texts: Vec<&str> = a.notebook.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts.contains(&taken.text.as_str()) && texts.contains(&saved.text.as_str()));
        assert_eq!(a.notebook.deleted, vec!["gelöscht".to_string()]);
        assert!(
            a.notebook.status.unsaved,
            "the note taken meanwhile is still to be saved"
        );
        // Reading the same file again adds nothing twice.
        let again = a.notebook.notes.clone();
        attach_notes(&mut a, again, Vec::new());
        assert_eq!(a.notebook.notes.len(), 2);
    }

    #[test]
    fn notes_anchor_to_paragraph_word_term_and_selection() {
        let mut a = app();
        run(&mut a, &[Command::NextParagraph, Command::AddNote]);
        assert_eq!(a.mode, Mode::Editing);
        assert_eq!(a.view.focus, PaneId::Notes);
        let effects = write(&mut a, "Absatz");
        assert!(effects.contains(&Effect::SaveNotes));
        assert_eq!(a.notebook.notes[0].anchor.kind, AnchorKind::Paragraph);
        assert_eq!(a.notebook.notes[0].anchor.block, a.top.block);

        // The sixth word of the title is "Big" (after "U" and "S"), part of "Big Tech".
        run(&mut a, &[Command::Cancel, Command::Top]);
        run(
            &mut a,
            &[
                Command::NextWord,
                Command::NextWord,
                Command::NextWord,
                Command::NextWord,
                Command::NextWord,
                Command::NextWord,
                Command::AddNote,
            ],
        );
        write(&mut a, "Begriff");
        let term = a
            .notebook
            .notes
            .iter()
            .find(|n| n.text == "Begriff")
            .expect("term note");
        assert_eq!(term.anchor.kind, AnchorKind::Term);
        assert_eq!(term.anchor.term.as_deref(), Some("Big Tech"));
        assert_eq!(term.anchor.quote, "Big Tech");

        run(
            &mut a,
            &[
                Command::Cancel,
                Command::Cancel,
                Command::Top,
                Command::NextWord,
                Command::AddNote,
            ],
        );
        write(&mut a, "Wort");
        let word = a
            .notebook
            .notes
            .iter()
            .find(|n| n.text == "Wort")
            .expect("word note");
        assert_eq!(
            (word.anchor.kind, word.anchor.quote.as_str()),
            (AnchorKind::Word, "DeepSeek")
        );

        run(
            &mut a,
            &[
                Command::Cancel,
                Command::Cancel,
                Command::Top,
                Command::NextWord,
                Command::Select,
                Command::NextWord,
                Command::AddNote,
            ],
        );
        write(&mut a, "Auswahl");
        let span = a
            .notebook
            .notes
            .iter()
            .find(|n| n.text == "Auswahl")
            .expect("span note");
        assert_eq!(
            (span.anchor.kind, span.anchor.quote.as_str()),
            (AnchorKind::Span, "DeepSeek: China")
        );
        assert!(a.selection.is_none());
    }

    #[test]
    fn delete_and_undo_and_filter() {
        let mut a = app();
        run(&mut a, &[Command::AddNote]);
        write(&mut a, "eins #rot");
        run(&mut a, &[Command::NextParagraph, Command::AddNote]);
        write(&mut a, "zwei #blau");
        assert_eq!(a.notebook.notes.len(), 2);
        // Filter by tag in the notes pane.
        run(&mut a, &[Command::Search]);
        for c in "#bla".chars() {
            update(&mut a, Action::Input(c), t0());
        }
        assert_eq!(a.notebook.pane.items.len(), 1);
        run(&mut a, &[Command::Confirm, Command::Cancel]);
        assert_eq!(a.notebook.pane.items.len(), 2);
        // Delete the selected note, then bring it back.
        run(&mut a, &[Command::Top]);
        let first = a.notebook.notes[0].id.clone();
        let effects = run(&mut a, &[Command::Delete]);
        assert!(effects.contains(&Effect::SaveNotes));
        assert_eq!(a.notebook.notes.len(), 1);
        assert!(a.notebook.deleted.contains(&first));
        run(&mut a, &[Command::UndoDelete]);
        assert_eq!(a.notebook.notes.len(), 2);
        assert!(!a.notebook.deleted.contains(&first));
    }

    #[test]
    fn undo_brings_back_every_deleted_note_and_the_filter_folds_umlauts() {
        let mut a = app();
        run(&mut a, &[Command::AddNote]);
        write(&mut a, "Größe #börse");
        run(&mut a, &[Command::NextParagraph, Command::AddNote]);
        write(&mut a, "zwei #blau");
        run(&mut a, &[Command::Search]);
        for c in "#boe groesse".chars() {
            update(&mut a, Action::Input(c), t0());
        }
        assert_eq!(
            a.notebook.pane.items.len(),
            1,
            "#boe finds #börse, groesse Größe"
        );
        run(&mut a, &[Command::Confirm, Command::Cancel, Command::Top]);
        run(&mut a, &[Command::Delete, Command::Delete]);
        assert!(a.notebook.notes.is_empty());
        run(&mut a, &[Command::UndoDelete, Command::UndoDelete]);
        assert_eq!(
            a.notebook.notes.len(),
            2,
            "both come back, one after the other"
        );
        assert!(a.notebook.deleted.is_empty());
    }

    #[test]
    fn esc_twice_discards_a_draft_and_quit_keeps_it() {
        let mut a = app();
        run(&mut a, &[Command::AddNote]);
        update(
            &mut a,
            Action::EditorKey(KeyEvent::from(crossterm::event::KeyCode::Char('x'))),
            t0(),
        );
        run(&mut a, &[Command::Cancel]);
        assert_eq!(a.mode, Mode::Editing, "the first Esc only warns");
        run(&mut a, &[Command::Cancel]);
        assert_eq!(a.mode, Mode::Reading);
        assert!(a.notebook.notes.is_empty());

        run(&mut a, &[Command::AddNote]);
        update(
            &mut a,
            Action::EditorKey(KeyEvent::from(crossterm::event::KeyCode::Char('y'))),
            t0(),
        );
        let effects = update(&mut a, Action::Terminate, t0());
        assert_eq!(a.notebook.notes.len(), 1, "the draft became a note");
        let save = effects
            .iter()
            .position(|e| *e == Effect::SaveNotes)
            .expect("save");
        let quit = effects
            .iter()
            .position(|e| *e == Effect::Quit)
            .expect("quit");
        assert!(save < quit, "saved before quitting");
    }

    #[test]
    fn quitting_with_statuses_or_terms_that_failed_to_save_asks() {
        let mut a = app();
        a.learning.unsaved = true;
        a.learning.save_error = Some("read-only folder".into());
        let effects = run(&mut a, &[Command::Quit]);
        assert_eq!(a.mode, Mode::ConfirmQuit);
        assert!(!effects.contains(&Effect::Quit));
        let mut retry = Vec::new();
        confirm_quit_input(&mut a, 'r', &mut retry);
        assert_eq!(retry, vec![Effect::SaveVocab]);
        // Nothing to write elsewhere: `w` is not offered and does nothing.
        run(&mut a, &[Command::Quit]);
        let mut none = Vec::new();
        confirm_quit_input(&mut a, 'w', &mut none);
        assert_eq!(a.mode, Mode::ConfirmQuit);

        let mut b = app();
        b.terms.save_error = Some("disk full".into());
        run(&mut b, &[Command::Quit]);
        assert_eq!(b.mode, Mode::ConfirmQuit);
        let mut retry = Vec::new();
        confirm_quit_input(&mut b, 'r', &mut retry);
        assert_eq!(retry, vec![Effect::SaveUserGlossary]);
    }

    #[test]
    fn quitting_with_unsaved_notes_asks() {
        let mut a = app();
        a.notebook.status.unsaved = true;
        let effects = run(&mut a, &[Command::Quit]);
        assert_eq!(a.mode, Mode::ConfirmQuit);
        assert!(!effects.contains(&Effect::Quit));
        let effects = update(&mut a, Action::Input('r'), t0());
        assert!(effects.contains(&Effect::SaveNotes));
    }

    #[test]
    fn notes_waiting_for_the_notes_file_do_not_stop_quitting() {
        let mut a = app();
        a.notebook.pending = true;
        a.notebook.status.unsaved = true;
        let effects = run(&mut a, &[Command::Quit]);
        assert!(
            a.quit && effects.contains(&Effect::Quit),
            "saved on the way out"
        );
        // A save that failed still asks.
        let mut b = app();
        b.notebook.pending = true;
        b.notebook.status.unsaved = true;
        b.notebook.status.error = Some("disk full".into());
        run(&mut b, &[Command::Quit]);
        assert_eq!(b.mode, Mode::ConfirmQuit);
    }

    #[test]
    fn notes_are_not_exported_before_they_are_read() {
        let mut a = app();
        a.notebook.pending = true;
        let effects = run(&mut a, &[Command::Export, Command::Confirm]);
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::Export { .. })),
            "{effects:?}"
        );
        assert_eq!(a.mode, Mode::Reading);
        a.notebook.pending = false;
        let effects = run(&mut a, &[Command::Export, Command::Confirm]);
        assert!(effects.iter().any(|e| matches!(e, Effect::Export { .. })));
    }

    fn export_of(effects: &[Effect]) -> Option<(crate::notes::export::Format, String, bool, bool)> {
        effects.iter().find_map(|e| match e {
            Effect::Export {
                format,
                path,
                with_glossary,
                overwrite,
            } => Some((*format, path.clone(), *with_glossary, *overwrite)),
            _ => None,
        })
    }

    fn typed(a: &mut App, c: char) -> Vec<Effect> {
        update(a, Action::Input(c), t0())
    }

    #[test]
    fn an_existing_file_is_a_question_overwrite_new_name_or_cancel() {
        use crate::app::outcome::{ExistingFile, Exported};
        use crate::notes::export::Format;
        let mut a = app();
        let effects = run(&mut a, &[Command::Export, Command::Confirm]);
        let (format, path, with_glossary, overwrite) = export_of(&effects).expect("export");
        assert!(!overwrite, "never overwrites unasked");
        let existing = ExistingFile {
            format,
            path: path.clone(),
            with_glossary,
            file: std::path::PathBuf::from("/home/leser").join(&path),
            free: "deepseek-boeing-moment-notes-2.md".into(),
        };
        let asked = |a: &mut App| {
            update(
                a,
                Action::Exported(Exported::Exists(existing.clone())),
                t0(),
            );
            assert_eq!(a.mode, Mode::ExportExists(existing.clone()));
        };
        // Esc: nothing written, the file named.
        asked(&mut a);
        assert!(run(&mut a, &[Command::Cancel]).is_empty());
        assert_eq!(a.mode, Mode::Reading);
        assert!(
            a.message
                .as_ref()
                .is_some_and(|m| m.text.contains("/home/leser/"))
        );
        // o: the same export again, over the file.
        asked(&mut a);
        let again = export_of(&typed(&mut a, 'o')).expect("export again");
        assert_eq!(again, (Format::Markdown, path.clone(), false, true));
        assert_eq!(a.mode, Mode::Reading);
        // n: the dialog with the free name, to edit; Enter exports there, not over.
        asked(&mut a);
        assert!(typed(&mut a, 'n').is_empty());
        let Mode::Export(dialog) = &a.mode else {
            panic!("the dialog again: {:?}", a.mode)
        };
        assert_eq!(dialog.path, "deepseek-boeing-moment-notes-2.md");
        let (_, path, _, overwrite) = export_of(&run(&mut a, &[Command::Confirm])).expect("export");
        assert_eq!(path, "deepseek-boeing-moment-notes-2.md");
        assert!(!overwrite);
        // Another letter does nothing.
        asked(&mut a);
        assert!(typed(&mut a, 'x').is_empty());
        assert!(matches!(a.mode, Mode::ExportExists(_)));
    }

    #[test]
    fn the_dialog_offers_anki_with_and_without_the_glossary() {
        let mut a = app();
        run(&mut a, &[Command::Export]);
        let mut seen = Vec::new();
        for _ in 0..crate::app::EXPORT_CHOICES.len() {
            let Mode::Export(d) = &a.mode else {
                panic!("dialog")
            };
            seen.push((d.format, d.with_glossary));
            run(&mut a, &[Command::FocusNext]);
        }
        assert_eq!(seen, crate::app::EXPORT_CHOICES.to_vec());
        // Anki + glossary is chosen and exported with the glossary.
        while !matches!(&a.mode, Mode::Export(d) if d.with_glossary) {
            run(&mut a, &[Command::FocusNext]);
        }
        let (format, _, with_glossary, _) =
            export_of(&run(&mut a, &[Command::Confirm])).expect("export");
        assert_eq!(format, crate::notes::export::Format::Anki);
        assert!(with_glossary);
    }
}
