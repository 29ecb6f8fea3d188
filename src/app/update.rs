//! `update`: the one place where the state changes. Plain Rust, tested without a terminal.

use chrono::{DateTime, Utc};

use super::action::{Action, PaneId};
use super::cursor;
use super::effect::Effect;
use super::footnote;
use super::notes_keys;
use super::notes_pane::ExportDialog;
use super::results;
use super::study;
use super::vocab_keys;
use super::{App, Mode, Search};
use crate::document::search::find_all;
use crate::keys::Command;
use crate::layout::Position;
use crate::vocab::Status;

/// Rows moved by one wheel notch.
const WHEEL_ROWS: usize = 3;

/// Apply an action.
pub fn update(app: &mut App, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
    app.now = now;
    let before = app.top;
    let mut effects = Vec::new();
    match action {
        Action::Command(c) => {
            if !matches!(c, Command::NextMatch | Command::PreviousMatch) {
                app.message = None;
            }
            command(app, c, &mut effects);
        }
        Action::Input(c) => text_input(app, Some(c), &mut effects),
        Action::DeleteBack => text_input(app, None, &mut effects),
        Action::EditorKey(key) => notes_keys::editor_key(app, key),
        Action::Paste(text) => match (&app.mode, &mut app.notebook.editor) {
            (Mode::Editing, Some(editor)) => {
                editor.textarea.insert_str(text);
            }
            _ => {
                for c in text.chars().filter(|c| !c.is_control()) {
                    text_input(app, Some(c), &mut effects);
                }
            }
        },
        Action::Resize { width, height } => {
            app.size = (width, height);
            app.relayout();
        }
        Action::Wheel { column, row, delta } => {
            let over = app.panes.pane_at(column, row);
            let overlay = !matches!(app.mode, Mode::Reading | Mode::Searching { .. });
            if overlay {
                let c = if delta > 0 {
                    Command::ScrollDown
                } else {
                    Command::ScrollUp
                };
                command(app, c, &mut effects);
            } else if over == Some(PaneId::Article) {
                let rows = WHEEL_ROWS * usize::from(delta.unsigned_abs());
                scroll(app, rows as isize * isize::from(delta.signum()));
            }
        }
        Action::Click { column, row } => {
            if let Some(pane) = app
                .panes
                .pane_at(column, row)
                .or_else(|| app.panes.tab_at(column, row))
            {
                app.focus(pane);
                if pane == PaneId::Article && app.mode == Mode::Reading {
                    cursor::place_at(app, column, row);
                }
            }
        }
        Action::Count(digit) => {
            let n = app
                .count
                .unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(usize::from(digit))
                .min(MAX_COUNT);
            app.count = Some(n);
            // The first key of each command, as the user would type it next.
            let key = |c| {
                app.keymap
                    .keys(c)
                    .first()
                    .map_or_else(String::new, ToString::to_string)
            };
            app.info(format!(
                "{n} — then {} goes to {n}%, {} to paragraph {n}, {} moves {n} lines · {} cancels",
                key(Command::GoToPercent),
                key(Command::Top),
                key(Command::ScrollDown),
                key(Command::Cancel)
            ));
        }
        Action::Terminate => {
            // Keep a draft as a note, save, then leave.
            if app.notebook.editor.is_some() {
                notes_keys::commit_editor(app, &mut effects);
            }
            if app.notebook.status.unsaved && !effects.contains(&Effect::SaveNotes) {
                effects.push(Effect::SaveNotes);
            }
            app.quit = true;
            effects.push(Effect::Quit);
        }
        Action::Suspend => effects.push(Effect::Suspend),
        Action::Continued => effects.push(Effect::RetakeTerminal),
        Action::Idle => app.prefetch(),
        Action::Opening { whole_length } => results::opening(app, whole_length),
        Action::Resume(resumed) => results::resume(app, resumed),
        Action::Started(s) => results::started(app, *s, &mut effects),
        Action::NotesOpened(n) => results::notes_opened(app, *n, &mut effects),
        Action::DictionariesOpened(d) => results::dictionaries_opened(app, d),
        Action::RestOfFile(rest) => results::rest_of_file(app, rest, &mut effects),
        Action::SearchFound(s) => results::search_found(app, s),
        Action::Analysed(a) => results::analysed(app, *a),
        Action::LookedUp(l) => results::looked_up(app, l, &mut effects),
        Action::NotesSaved(saved) => results::notes_saved(app, saved),
        Action::VocabSaved(saved) => results::vocab_saved(app, saved),
        Action::LemmasSaved(saved) => super::lemma_keys::saved(app, saved, &mut effects),
        Action::UserGlossarySaved(saved) => results::user_glossary_saved(app, saved, &mut effects),
        Action::Exported(result) => results::exported(app, result),
        Action::NotesWrittenElsewhere(result) => {
            results::notes_written_elsewhere(app, result, &mut effects)
        }
        Action::EditorClosed(result) => results::editor_closed(app, result),
        Action::Report { text, error } => results::report(app, text, error),
        Action::ToolFinished(done) => super::tools::finished(app, done),
        Action::AnkiSynced(result) => super::anki::synced(app, result),
    }
    if app.top != before {
        // The word cursor lives on screen: scrolled off, it is gone, so that a note, a
        // lookup or a status acts on what is visible.
        if app.cursor.is_some() && !cursor::cursor_visible(app) {
            app.cursor = None;
            app.selection = None;
            app.parts.clear();
        }
        let anchor = app.anchor();
        effects.push(Effect::SavePosition(anchor));
    }
    effects
}

/// The largest count: more pages than any book has.
const MAX_COUNT: usize = 1_000_000;

fn command(app: &mut App, c: Command, effects: &mut Vec<Effect>) {
    let count = app.count.take();
    if c == Command::Suspend {
        // Whatever is open (a draft, a dialog) is there again after `fg`.
        effects.push(Effect::Suspend);
        return;
    }
    match app.mode.clone() {
        Mode::Contents { selected } => return contents_command(app, c, selected),
        Mode::Help { scroll } => return help_command(app, c, scroll),
        Mode::Searching { .. } => return search_command(app, c, effects),
        Mode::TermForm(form) => return study::form_command(app, c, form, effects),
        Mode::Editing => return notes_keys::editor_command(app, c, effects),
        Mode::Export(dialog) => return notes_keys::export_command(app, c, dialog, effects),
        Mode::ExportExists(existing) => return notes_keys::export_exists_command(app, &existing),
        Mode::ConfirmQuit => {
            match c {
                Command::Quit => {
                    app.quit = true;
                    effects.push(Effect::Quit);
                }
                _ => app.mode = Mode::Reading,
            }
            return;
        }
        Mode::CorrectLemma { word, input, .. } => {
            return super::lemma_keys::command(app, c, word, input, effects);
        }
        Mode::WriteElsewhere { input } => {
            match c {
                Command::Confirm => {
                    app.mode = Mode::Reading;
                    effects.push(Effect::WriteNotesTo(input));
                }
                Command::Cancel => app.mode = Mode::ConfirmQuit,
                _ => {}
            }
            return;
        }
        Mode::AskBackup => {
            if c == Command::Cancel {
                app.mode = Mode::Reading;
            }
            return;
        }
        Mode::Stats => {
            app.mode = Mode::Reading;
            return;
        }
        // `q` ends the review (with its summary), as Esc does.
        Mode::Review(session) => {
            let c = if c == Command::Quit {
                Command::Cancel
            } else {
                c
            };
            return vocab_keys::review_command(app, c, session, effects);
        }
        Mode::AskStatus => return vocab_keys::status_answer(app, c, effects),
        Mode::ConfirmPageKnown { words } => {
            if c == Command::Cancel || c == Command::Quit {
                vocab_keys::page_known_answer(app, false, words, effects);
            }
            return;
        }
        Mode::Hints { .. } => {
            app.mode = Mode::Reading;
            return;
        }
        Mode::Reading => {}
    }
    // Esc stops a running lookup command first, wherever the focus is.
    if c == Command::Cancel && super::tools::running(app) {
        return super::tools::cancel(app, effects);
    }
    if app.view.focus == PaneId::Notes && app.notebook.pane.filtering {
        return notes_keys::filter_command(app, c);
    }
    if app.view.focus == PaneId::Notes && notes_keys::notes_command(app, c, effects) {
        return;
    }
    if app.view.focus == PaneId::Glossary && study::glossary_command(app, c, effects) {
        return;
    }
    let page = app.text_height().saturating_sub(2).max(1) as isize;
    let reading_article = app.view.focus == PaneId::Article;
    let times = count.unwrap_or(1).max(1) as isize;
    match c {
        Command::Quit => notes_keys::request_quit(app, effects),
        Command::AddNote => notes_keys::add_note(app),
        Command::UndoDelete => super::undo::undo(app, effects),
        Command::SetStatus => vocab_keys::ask_status(app, count, effects),
        Command::Hints => super::hints::show(app),
        Command::Export => app.mode = Mode::Export(ExportDialog::new(&app.doc.id())),
        Command::SaveNote | Command::ExternalEditor | Command::Suspend => {}
        Command::Status1 => vocab_keys::set_status(app, Status::L1, effects),
        Command::Status2 => vocab_keys::set_status(app, Status::L2, effects),
        Command::Status3 => vocab_keys::set_status(app, Status::L3, effects),
        Command::Status4 => vocab_keys::set_status(app, Status::L4, effects),
        Command::Status5 => vocab_keys::set_status(app, Status::L5, effects),
        Command::StatusKnown => vocab_keys::set_status(app, Status::Known, effects),
        Command::StatusIgnored => vocab_keys::set_status(app, Status::Ignored, effects),
        Command::StatusNew => vocab_keys::set_status(app, Status::New, effects),
        Command::PageKnown => vocab_keys::page_known(app),
        Command::StatusColours => {
            app.learning.colours = !app.learning.colours;
            let state = if app.learning.colours { "on" } else { "off" };
            app.info(format!("Status colours {state}."));
        }
        Command::Stats => app.mode = Mode::Stats,
        Command::Review => vocab_keys::start_review(app),
        Command::Speak => vocab_keys::speak(app, effects),
        Command::Tool(i) => super::tools::run(app, usize::from(i), effects),
        Command::Translate => super::tools::translate(app, effects),
        Command::Copy => super::tools::copy(app, effects),
        Command::CorrectLemma => super::lemma_keys::open(app),
        Command::MarkPart => super::term_parts::mark_part(app),
        Command::AnkiSync => super::anki::sync(app, effects),
        Command::Help => app.mode = Mode::Help { scroll: 0 },
        Command::TableOfContents => {
            if app.doc.headings().is_empty() {
                app.info("This document has no headings.");
            } else {
                let current = app.doc.section_of(app.top.block);
                let selected = app
                    .doc
                    .headings()
                    .iter()
                    .position(|&h| Some(h) == current)
                    .unwrap_or(0);
                app.mode = Mode::Contents { selected };
            }
        }
        Command::Search => {
            app.mode = Mode::Searching {
                input: String::new(),
                origin: app.top,
            };
        }
        Command::NextMatch => step_match(app, true),
        Command::PreviousMatch => step_match(app, false),
        Command::FocusNext | Command::FocusPrevious => {
            let panes = app.focusable();
            let i = panes.iter().position(|p| *p == app.view.focus).unwrap_or(0);
            let n = panes.len();
            let next = if c == Command::FocusNext {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            app.focus(panes[next]);
        }
        Command::ToggleGlossary => toggle_side(app, PaneId::Glossary),
        Command::ToggleNotes => toggle_side(app, PaneId::Notes),
        Command::Zoom => {
            app.view.zoom = !app.view.zoom;
            app.view.focus = PaneId::Article;
            app.relayout();
        }
        Command::Cancel => {
            let had_parts = !std::mem::take(&mut app.parts).is_empty();
            if app.selection.take().is_none()
                && !had_parts
                && app.search.take().is_none()
                && app.cursor.take().is_none()
            {
                app.focus(PaneId::Article);
            }
        }
        Command::Select => {
            // A selection is made in the text: from a side pane, `v` goes there first (a
            // selection left running behind the pane surprised the next `v`).
            if app.view.focus != PaneId::Article {
                app.focus(PaneId::Article);
            }
            notes_keys::toggle_selection(app);
        }
        Command::Confirm if reading_article && footnote::follow(app) => {}
        Command::Confirm | Command::Lookup if app.cursor.is_some() => study::lookup(app, effects),
        Command::Lookup => {
            cursor::step(app, true);
            study::lookup(app, effects);
        }
        Command::AddTerm if super::term_parts::selecting(app) => super::term_parts::add_term(app),
        Command::AddTerm => match app.cursor.clone() {
            Some(c) => {
                let word = app.doc.text[c.range].to_string();
                app.mode = Mode::TermForm(study::term_form_for(app, &word));
            }
            None => app.info("Put the word cursor on a word first (w, or a click)."),
        },
        Command::Confirm | Command::Edit | Command::Delete => {}
        _ if !reading_article => {}
        Command::NextWord => cursor::step(app, true),
        Command::PreviousWord => cursor::step(app, false),
        Command::ScrollDown => scroll(app, times),
        Command::ScrollUp => scroll(app, -times),
        Command::PageDown => scroll(app, page.saturating_mul(times)),
        Command::PageUp => scroll(app, -page.saturating_mul(times)),
        Command::HalfPageDown => scroll(app, (page / 2).max(1).saturating_mul(times)),
        Command::HalfPageUp => scroll(app, -(page / 2).max(1).saturating_mul(times)),
        Command::ScrollLeft | Command::ScrollRight => {
            let step = (app.text_width() / 2).max(4) * times as usize;
            let widest = app.widest_preformatted_on_screen();
            // The marks `‹` and `›` take a column each.
            let max = if widest > app.text_width() {
                widest + 2 - app.text_width()
            } else {
                0
            };
            if max == 0 && app.hscroll == 0 {
                app.info("Nothing on screen is wider than the pane.");
            } else if c == Command::ScrollRight {
                app.hscroll = (app.hscroll + step).min(max);
            } else {
                app.hscroll = app.hscroll.saturating_sub(step);
            }
        }
        Command::Top | Command::Bottom if count.is_some() => {
            go_to_paragraph(app, count.unwrap_or(1));
        }
        Command::Top => app.set_top(Position::default()),
        Command::Bottom => {
            let last = app.last_top();
            app.set_top(last);
            // While a long file is still read, its real end comes once it is whole.
            if app.partial_of.is_some() {
                app.pending_percent = Some(100);
                app.info("Going to the end as soon as the whole file is read…");
            }
        }
        Command::GoToPercent => match count {
            Some(p) => app.go_to_percent(p),
            None => app.info(format!(
                "Type a number first: 50{} goes to the middle.",
                app.keymap.describe(Command::GoToPercent)
            )),
        },
        Command::NextParagraph => {
            if app.top.block + 1 < app.doc.blocks.len() {
                show_block(app, app.top.block + 1);
            }
        }
        Command::PreviousParagraph => {
            let start = block_start(app, app.top.block);
            if app.top.row > start.row {
                app.set_top(start);
            } else if app.top.block > 0 {
                show_block(app, app.top.block - 1);
            }
        }
        Command::NextSection => {
            let next = app
                .doc
                .headings()
                .iter()
                .copied()
                .find(|&h| h > app.top.block);
            match next {
                Some(h) => show_block(app, h),
                None => app.info("No further section."),
            }
        }
        Command::PreviousSection => {
            let here = app.top;
            let headings = app.doc.headings().to_vec();
            let prev = headings
                .into_iter()
                .rev()
                .find(|&h| block_start(app, h) < here);
            match prev {
                Some(h) => show_block(app, h),
                None => app.set_top(Position::default()),
            }
        }
    }
}

/// Show or hide a side pane (and leave zoom); a hidden pane gives the focus back.
/// The answer to "load the backup of the broken notes file?".
fn ask_backup_input(app: &mut App, c: char, effects: &mut Vec<Effect>) {
    match c {
        'y' | 'Y' | 'j' | 'J' => {
            let backup = app.notebook.status.backup.take().unwrap_or_default();
            let count = backup.len();
            let mut notes = std::mem::take(&mut app.notebook.notes);
            for n in backup {
                if !notes.iter().any(|m| m.id == n.id) {
                    notes.push(n);
                }
            }
            let deleted = std::mem::take(&mut app.notebook.deleted);
            notes_keys::set_notes(app, notes, deleted);
            app.mode = Mode::Reading;
            app.notebook.status.unsaved = true;
            app.info(format!(
                "Loaded {count} notes from the backup; they are saved to the recovery file."
            ));
            effects.push(Effect::SaveNotes);
        }
        'n' | 'N' => {
            app.mode = Mode::Reading;
            app.info("The backup was not loaded. New notes go to the recovery file.");
        }
        _ => {}
    }
}

fn toggle_side(app: &mut App, pane: PaneId) {
    let shown = match pane {
        PaneId::Glossary => &mut app.view.show_glossary,
        PaneId::Notes => &mut app.view.show_notes,
        PaneId::Article => return,
    };
    *shown = !*shown;
    let now_shown = *shown;
    app.view.zoom = false;
    if !now_shown && app.view.focus == pane {
        app.view.focus = PaneId::Article;
    }
    app.relayout();
}

/// The position that shows a block's first line on the top row.
fn block_start(app: &mut App, block: usize) -> Position {
    let width = app.text_width();
    let gap = app.layout.get(&app.doc, block, width).shape.gap_before;
    Position { block, row: gap }
}

/// Paragraph `n` (counted from 1, as the ¶ numbers in entries and exports).
fn go_to_paragraph(app: &mut App, n: usize) {
    let total = app.doc.blocks.len();
    if total == 0 {
        return;
    }
    if n > total {
        app.info(format!("The text has {total} paragraphs."));
    }
    show_block(app, n.clamp(1, total) - 1);
}

fn show_block(app: &mut App, block: usize) {
    let start = block_start(app, block);
    app.set_top(start);
}

fn scroll(app: &mut App, rows: isize) {
    if app.doc.is_empty() {
        return;
    }
    let width = app.text_width();
    let pos = if rows >= 0 {
        // `set_top` clamps to the last screen (without wrapping it, most of the time).
        let limit = Position {
            block: usize::MAX,
            row: usize::MAX,
        };
        app.top
            .down(rows.unsigned_abs(), limit, &mut app.layout, &app.doc, width)
    } else {
        app.top
            .up(rows.unsigned_abs(), &mut app.layout, &app.doc, width)
    };
    app.set_top(pos);
}

fn contents_command(app: &mut App, c: Command, selected: usize) {
    let count = app.doc.headings().len();
    let selected = match c {
        Command::ScrollDown | Command::NextParagraph | Command::NextSection => {
            (selected + 1).min(count.saturating_sub(1))
        }
        Command::ScrollUp | Command::PreviousParagraph | Command::PreviousSection => {
            selected.saturating_sub(1)
        }
        Command::Top => 0,
        Command::Bottom => count.saturating_sub(1),
        Command::Confirm => {
            app.mode = Mode::Reading;
            if let Some(&block) = app.doc.headings().get(selected) {
                show_block(app, block);
            }
            return;
        }
        // `q` closes the contents, as in less's and vim's pop-ups; it quits only from the
        // reading view.
        Command::Quit | Command::Cancel | Command::TableOfContents => {
            app.mode = Mode::Reading;
            return;
        }
        _ => selected,
    };
    app.mode = Mode::Contents { selected };
}

fn help_command(app: &mut App, c: Command, scroll: usize) {
    let scroll = match c {
        Command::ScrollDown => scroll + 1,
        Command::ScrollUp => scroll.saturating_sub(1),
        Command::PageDown | Command::HalfPageDown => scroll + 10,
        Command::PageUp | Command::HalfPageUp => scroll.saturating_sub(10),
        Command::Top => 0,
        Command::Bottom => usize::MAX,
        _ => {
            app.mode = Mode::Reading;
            return;
        }
    };
    app.mode = Mode::Help {
        scroll: scroll.min(help_max_scroll(app)),
    };
}

/// The help lists one command a row (in a narrow terminal: its keys, then what it does,
/// wrapped) in an overlay of at most the screen height less 4: the last scroll shows the
/// last command at the bottom.
fn help_max_scroll(app: &App) -> usize {
    let visible = usize::from(app.size.1.saturating_sub(4));
    let mut rows = 0;
    let all = super::help::rows_with(app.config.tools.len());
    for (i, row) in all.into_iter().enumerate().rev() {
        rows += app.help_row_height(row);
        if rows > visible {
            return i + 1;
        }
    }
    0
}

fn search_command(app: &mut App, c: Command, effects: &mut Vec<Effect>) {
    let Mode::Searching { input, origin } = app.mode.clone() else {
        return;
    };
    match c {
        Command::Confirm => {
            app.mode = Mode::Reading;
            if input.is_empty() {
                app.search = None;
                return;
            }
            match &app.search {
                Some(s) if s.progress.is_some() => {
                    app.info("Still searching; matches appear as they are found (Esc in the prompt stops).");
                }
                Some(s) if !s.matches.is_empty() => {
                    let n = s.current.map_or(0, |i| i + 1);
                    let total = s.matches.len();
                    app.cursor_on_match(n.saturating_sub(1));
                    app.info(format!("match {n} of {total}"));
                }
                _ => {
                    app.error(format!("Pattern not found: {input}"));
                    app.set_top(origin);
                }
            }
        }
        Command::Cancel => {
            app.mode = Mode::Reading;
            app.search = None;
            app.set_top(origin);
            effects.push(Effect::CancelSearch);
        }
        Command::Quit => {
            app.quit = true;
            effects.push(Effect::Quit);
        }
        _ => {}
    }
}

/// A character typed into the search prompt (or `None` for backspace): search again,
/// highlight, and show the first match at or after where the search started.
/// Texts longer than this (bytes) are searched on a thread.
pub const SEARCH_IN_BACKGROUND: usize = 1 << 20;

fn search_input(app: &mut App, c: Option<char>, effects: &mut Vec<Effect>) {
    let Mode::Searching { input, origin } = &mut app.mode else {
        return;
    };
    match c {
        Some(c) => input.push(c),
        None => {
            input.pop();
        }
    }
    let (query, origin) = (input.clone(), *origin);
    if query.is_empty() {
        app.search = None;
        app.set_top(origin);
        return;
    }
    if app.doc.text.len() > SEARCH_IN_BACKGROUND {
        // A long text is searched on a thread; matches stream in (`add_search_results`).
        app.search = Some(Search {
            query: query.clone(),
            matches: Vec::new(),
            current: None,
            progress: Some(0),
        });
        effects.push(Effect::Search(query));
        return;
    }
    let matches = find_all(&app.doc, &query);
    let current = app
        .first_match_from(&matches, origin)
        .or(if matches.is_empty() { None } else { Some(0) });
    app.search = Some(Search {
        query,
        matches,
        current,
        progress: None,
    });
    match current {
        Some(i) => app.reveal_match(i),
        None => app.set_top(origin),
    }
}

fn step_match(app: &mut App, forward: bool) {
    let Some(search) = &app.search else {
        app.info("No search: press / to search.");
        return;
    };
    let total = search.matches.len();
    if total == 0 {
        let q = search.query.clone();
        app.error(format!("Pattern not found: {q}"));
        return;
    }
    let cur = search.current.unwrap_or(0);
    let current = search.matches.get(cur).cloned();
    // After the view moved (a page, `G`, `50%`), the search goes on from the screen, as
    // less does, not from the last match.
    let on_screen = current.is_some_and(|m| {
        let at = app.position_of(m.block, m.range.start);
        at >= app.top && at <= app.bottom()
    });
    let (next, wrapped) = if !on_screen {
        let matches = app
            .search
            .as_ref()
            .map(|s| s.matches.clone())
            .unwrap_or_default();
        let first_below = app.first_match_from(&matches, app.top);
        if forward {
            match first_below {
                Some(i) => (i, false),
                None => (0, true),
            }
        } else {
            match first_below.unwrap_or(total) {
                0 => (total - 1, true),
                i => (i - 1, false),
            }
        }
    } else if forward {
        ((cur + 1) % total, cur + 1 == total)
    } else {
        ((cur + total - 1) % total, cur == 0)
    };
    if let Some(s) = &mut app.search {
        s.current = Some(next);
    }
    app.reveal_match(next);
    app.cursor_on_match(next);
    let wrap_note = if wrapped { " (search wrapped)" } else { "" };
    app.info(format!("match {} of {total}{wrap_note}", next + 1));
}

/// Typed text goes to the prompt or field that has the keys.
fn text_input(app: &mut App, c: Option<char>, effects: &mut Vec<Effect>) {
    match &mut app.mode {
        Mode::Searching { .. } => search_input(app, c, effects),
        Mode::TermForm(form) => form.input(c),
        Mode::Export(dialog) => notes_keys::export_input(dialog, c),
        Mode::WriteElsewhere { input } | Mode::CorrectLemma { input, .. } => match c {
            Some(c) => input.push(c),
            None => {
                input.pop();
            }
        },
        Mode::ConfirmQuit => {
            if let Some(c) = c {
                notes_keys::confirm_quit_input(app, c, effects);
            }
        }
        Mode::AskBackup => {
            if let Some(c) = c {
                ask_backup_input(app, c, effects);
            }
        }
        Mode::AskStatus => {
            app.mode = Mode::Reading;
            app.info("No status set.");
        }
        Mode::ConfirmPageKnown { words } => {
            let words = std::mem::take(words);
            match c {
                Some('y' | 'Y' | 'j' | 'J') => {
                    vocab_keys::page_known_answer(app, true, words, effects)
                }
                _ => vocab_keys::page_known_answer(app, false, words, effects),
            }
        }
        Mode::Hints { .. } => super::hints::typed(app, c),
        Mode::ExportExists(existing) => {
            if let Some(c) = c {
                let existing = existing.clone();
                notes_keys::export_exists_input(app, c, existing, effects);
            }
        }
        Mode::Reading if app.view.focus == PaneId::Notes => notes_keys::filter_input(app, c),
        Mode::Reading if app.view.focus == PaneId::Glossary => study::filter_input(app, c, effects),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{action_for_key, t0};
    use crate::config::Config;
    use crate::document::bundled;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app(w: u16, h: u16) -> App {
        App::new(bundled(), Config::builtin(), w, h)
    }

    fn run(app: &mut App, commands: &[Command]) {
        for c in commands {
            update(app, Action::Command(*c), t0());
        }
    }

    fn type_text(app: &mut App, s: &str) {
        for c in s.chars() {
            update(app, Action::Input(c), t0());
        }
    }

    #[test]
    fn paging_moves_and_end_is_the_last_page() {
        let mut a = app(120, 40);
        run(&mut a, &[Command::PageDown]);
        assert!(a.top > Position::default());
        run(&mut a, &[Command::Bottom]);
        let end = a.top;
        assert_eq!(a.percent(), 100);
        run(&mut a, &[Command::PageDown, Command::ScrollDown]);
        assert_eq!(a.top, end);
        run(&mut a, &[Command::Top]);
        assert_eq!(a.top, Position::default());
        run(&mut a, &[Command::ScrollUp]);
        assert_eq!(a.top, Position::default());
    }

    fn press(app: &mut App, keys: &str) {
        for c in keys.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            if let Some(action) = action_for_key(app, &key) {
                update(app, action, t0());
            }
        }
    }

    /// A long text of many short paragraphs.
    fn long_app() -> App {
        let text: String = (0..2000)
            .map(|i| format!("Absatz {i}: Wettbewerb und Monopole.\n\n"))
            .collect();
        let doc = crate::document::parse_str(
            text,
            crate::document::Origin::Bundled("test"),
            "test",
            false,
        );
        App::new(doc, Config::builtin(), 120, 40)
    }

    #[test]
    fn a_page_wrapped_ahead_while_waiting_makes_page_down_wrap_nothing() {
        let mut a = long_app();
        a.prefetch();
        let cached = a.layout.len();
        run(&mut a, &[Command::PageDown]);
        assert_eq!(a.layout.len(), cached, "page down wrapped blocks itself");
        // Without the wrapping ahead it would have.
        let mut b = long_app();
        let cached = b.layout.len();
        run(&mut b, &[Command::PageDown]);
        assert!(b.layout.len() > cached);
    }

    #[test]
    fn a_count_and_percent_go_to_that_share_of_the_text() {
        let mut a = long_app();
        press(&mut a, "50%");
        assert_eq!(a.count, None);
        let middle = a.doc.text.len() / 2;
        let block = &a.doc.blocks[a.top.block];
        assert!(
            block.text.start <= middle && middle <= block.text.end + 2,
            "top block {:?} holds byte {middle}",
            block.text
        );
        press(&mut a, "0%");
        assert_eq!(a.top, Position::default());
        press(&mut a, "100%");
        let last = a.last_top();
        assert_eq!(a.top, last);
        assert_eq!(a.percent(), 100);
    }

    #[test]
    fn a_count_repeats_a_motion_or_names_a_paragraph() {
        let mut a = long_app();
        let mut one_by_one = long_app();
        press(&mut one_by_one, "jjjjj");
        press(&mut a, "5j");
        assert_eq!(a.top, one_by_one.top);
        press(&mut one_by_one, "                ");
        press(&mut a, "16 ");
        assert_eq!(a.top, one_by_one.top);
        press(&mut a, "120g");
        let start = block_start(&mut a, 119);
        assert_eq!((a.top, start.block), (start, 119));
        assert!(a.doc.block_text(119).starts_with("Absatz 119"));
        press(&mut a, "3G");
        assert_eq!(a.top.block, 2);
        // Esc drops a count half typed.
        press(&mut a, "7");
        assert_eq!(a.count, Some(7));
        update(&mut a, Action::Command(Command::Cancel), t0());
        assert_eq!(a.count, None);
        press(&mut a, "j");
        assert!(a.top > Position { block: 2, row: 0 } && a.top.block <= 3);
    }

    #[test]
    fn digits_are_counts_and_a_status_takes_s() {
        let mut a = long_app();
        a.set_vocabulary(crate::vocab::Vocabulary::default());
        press(&mut a, "w");
        let key = |a: &App| {
            let c = a.cursor.clone().expect("a cursor");
            a.learning
                .words
                .word_at(&a.doc, Some(&a.terms.glossary), c.block, c.range.start)
                .map(|(_, key, _)| key)
                .expect("a word")
        };
        // With the cursor on a word, a digit is a count: `5j` moves, no status changes.
        assert!(matches!(
            action_for_key(&a, &KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE)),
            Some(Action::Count(5))
        ));
        press(&mut a, "2");
        update(&mut a, Action::Command(Command::Cancel), t0());
        assert!(a.learning.vocab.entries.is_empty());
        // `s` then a level; or the level as a count before `s`.
        press(&mut a, "w");
        let word = key(&a);
        press(&mut a, "s");
        assert_eq!(a.mode, Mode::AskStatus);
        press(&mut a, "2");
        assert_eq!(a.mode, Mode::Reading);
        assert_eq!(a.learning.vocab.status(&word), Status::L2);
        press(&mut a, "3s");
        assert_eq!(a.learning.vocab.status(&word), Status::L3);
        press(&mut a, "sk");
        assert_eq!(a.learning.vocab.status(&word), Status::Known);
        // Anything else answers nothing.
        press(&mut a, "sx");
        assert_eq!(a.learning.vocab.status(&word), Status::Known);
        // `u` takes the changes back, one after the other.
        press(&mut a, "u");
        assert_eq!(a.learning.vocab.status(&word), Status::L3);
        press(&mut a, "uu");
        assert_eq!(a.learning.vocab.status(&word), Status::New);
        assert!(!a.learning.vocab.entries.contains_key(&word));
    }

    fn with_glossary() -> App {
        let mut a = app(120, 40);
        a.set_glossary(crate::glossary::bundled(), Vec::new());
        a
    }

    #[test]
    fn leaving_a_glossary_entry_takes_its_matches_along() {
        let mut a = with_glossary();
        run(&mut a, &[Command::FocusNext, Command::Confirm]);
        assert!(a.search.is_some(), "an entry shows its occurrences");
        run(&mut a, &[Command::Cancel]);
        assert!(a.search.is_none());
        assert!(a.message.is_none(), "{:?}", a.message);
        run(&mut a, &[Command::FocusPrevious, Command::NextMatch]);
        let said = a.message.clone().map(|m| m.text).unwrap_or_default();
        assert!(said.contains("No search"), "{said}");
    }

    #[test]
    fn enter_in_a_lookup_does_not_open_the_term_form() {
        let mut a = app(120, 40);
        press(&mut a, "ww");
        run(&mut a, &[Command::Lookup]);
        assert!(matches!(
            a.terms.pane.view,
            crate::app::GlossaryView::Lookup { .. }
        ));
        run(&mut a, &[Command::Confirm]);
        assert!(!matches!(a.mode, Mode::TermForm(_)), "{:?}", a.mode);
        run(&mut a, &[Command::AddTerm]);
        assert!(matches!(a.mode, Mode::TermForm(_)));
    }

    #[test]
    fn a_deleted_term_of_ones_own_comes_back_with_u() {
        let mut a = app(120, 40);
        let own = crate::glossary::load::parse(
            "version = 1\n[[term]]\nlemma = \"Durchbruch\"\npos = \"noun\"\ngender = \"m\"\nplural = \"Durchbrüche\"\nenglish = [\"breakthrough\"]\n",
            std::path::Path::new("glossary.toml"),
            crate::glossary::Source::User,
        )
        .unwrap_or_default();
        assert_eq!(own.len(), 1);
        a.set_glossary(Vec::new(), own);
        run(&mut a, &[Command::FocusNext, Command::Confirm]);
        run(&mut a, &[Command::Delete, Command::Delete]);
        assert!(a.terms.user.is_empty());
        run(&mut a, &[Command::Cancel, Command::FocusPrevious]);
        let effects = update(&mut a, Action::Command(Command::UndoDelete), t0());
        assert_eq!(a.terms.user.len(), 1);
        assert_eq!(a.terms.user[0].lemma, "Durchbruch");
        assert!(effects.contains(&Effect::SaveUserGlossary));
    }

    #[test]
    fn n_searches_on_from_the_screen_after_the_view_moved() {
        let mut a = long_app();
        press(&mut a, "/Monopole");
        update(&mut a, Action::Command(Command::Confirm), t0());
        assert_eq!(a.search.as_ref().and_then(|s| s.current), Some(0));
        press(&mut a, "50%");
        let top_block = a.top.block;
        press(&mut a, "n");
        let current = a.search.as_ref().and_then(|s| s.current).unwrap_or(0);
        let m = a.search.as_ref().map(|s| s.matches[current].clone());
        let block = m.map_or(0, |m| m.block);
        assert!(
            block >= top_block && block <= top_block + 1,
            "n went to block {block}, the screen starts at {top_block}"
        );
        press(&mut a, "N");
        let back = a.search.as_ref().and_then(|s| s.current).unwrap_or(0);
        assert_eq!(back + 1, current);
    }

    #[test]
    fn g_while_a_long_file_is_read_goes_to_its_real_end() {
        let mut a = long_app();
        let whole = std::sync::Arc::clone(&a.doc);
        let cut = a.doc.blocks[100].text.start;
        let prefix = crate::document::parse_str(
            a.doc.text[..cut].to_string(),
            crate::document::Origin::Bundled("test"),
            "test",
            false,
        );
        a.replace_document(prefix);
        a.partial_of = Some(whole.text.len());
        press(&mut a, "G");
        assert_eq!(a.pending_percent, Some(100));
        a.replace_document((*whole).clone());
        let last = a.last_top();
        assert_eq!(a.top, last);
    }

    #[test]
    fn a_page_marked_known_asks_first_and_is_undone_at_once() {
        let mut a = app(120, 40);
        a.set_vocabulary(crate::vocab::Vocabulary::default());
        press(&mut a, "P");
        let Mode::ConfirmPageKnown { words } = a.mode.clone() else {
            panic!("P asks first: {:?}", a.mode);
        };
        let n = words.len();
        assert!(n > 20, "{n} new words on the first page");
        let said = a.message.clone().map(|m| m.text).unwrap_or_default();
        assert!(said.contains(&format!("Mark {n} new words")), "{said}");
        press(&mut a, "n");
        assert!(a.learning.vocab.entries.is_empty());
        press(&mut a, "P");
        press(&mut a, "y");
        assert_eq!(a.learning.vocab.entries.len(), n);
        press(&mut a, "u");
        assert!(a.learning.vocab.entries.is_empty());
    }

    #[test]
    fn q_closes_pop_ups_and_quits_only_from_the_text() {
        for opener in ["?", "t", "S"] {
            let mut a = app(120, 40);
            a.set_vocabulary(crate::vocab::Vocabulary::default());
            press(&mut a, opener);
            assert_ne!(a.mode, Mode::Reading, "{opener} opens a pop-up");
            press(&mut a, "q");
            assert_eq!(a.mode, Mode::Reading, "q closes what {opener} opened");
            assert!(!a.quit, "q after {opener} must not quit");
        }
        let mut a = app(120, 40);
        press(&mut a, "q");
        assert!(a.quit);
    }

    #[test]
    fn a_word_cursor_scrolled_off_screen_is_dropped() {
        let mut a = app(120, 40);
        press(&mut a, "ww");
        assert!(a.cursor.is_some());
        press(&mut a, "  ");
        assert!(a.cursor.is_none());
        // So `a` adds a note on the paragraph at the top, not on the word gone by.
        press(&mut a, "a");
        let editor = a.notebook.editor.clone().expect("the editor");
        assert_eq!(editor.anchor.kind, crate::notes::AnchorKind::Paragraph);
    }

    #[test]
    fn hint_labels_put_the_cursor_on_a_word() {
        let mut a = app(120, 40);
        press(&mut a, "f");
        let Mode::Hints { hints, .. } = a.mode.clone() else {
            panic!("f shows labels: {:?}", a.mode);
        };
        assert!(hints.len() > 26, "two letters each: {}", hints.len());
        let target = hints[40].clone();
        press(&mut a, &target.label);
        assert_eq!(a.mode, Mode::Reading);
        let c = a.cursor.clone().expect("the cursor");
        assert_eq!((c.block, c.range), (target.block, target.range));
        // A label no word has: the labels go, nothing moves.
        press(&mut a, "f");
        press(&mut a, "zz");
        assert_eq!(a.mode, Mode::Reading);
    }

    #[test]
    fn enter_on_a_search_and_n_put_the_cursor_on_the_match() {
        let mut a = app(120, 40);
        press(&mut a, "/Boeing");
        update(&mut a, Action::Command(Command::Confirm), t0());
        let word = |a: &App| {
            let c = a.cursor.clone().expect("a cursor on the match");
            a.doc.text[c.range].to_string()
        };
        assert!(word(&a).starts_with("Boeing"), "{}", word(&a));
        let first = a.cursor.clone();
        press(&mut a, "n");
        assert!(word(&a).starts_with("Boeing"));
        assert_ne!(a.cursor, first);
    }

    #[test]
    fn a_percentage_before_the_whole_file_is_read_waits_for_it() {
        let mut a = long_app();
        let whole = std::sync::Arc::clone(&a.doc);
        let cut = a.doc.blocks[100].text.start;
        let prefix = crate::document::parse_str(
            a.doc.text[..cut].to_string(),
            crate::document::Origin::Bundled("test"),
            "test",
            false,
        );
        a.replace_document(prefix);
        a.partial_of = Some(whole.text.len());
        // The status line counts the share of the whole file.
        press(&mut a, "G");
        let shown = a.percent();
        assert!(shown < 10, "{shown}% of the whole file is on screen");
        press(&mut a, "50%");
        assert_eq!(a.pending_percent, Some(50));
        a.replace_document((*whole).clone());
        assert_eq!(a.pending_percent, None);
        assert_eq!(a.partial_of, None);
        let middle = a.doc.text.len() / 2;
        assert!(a.doc.blocks[a.top.block].text.start <= middle);
        assert!(a.doc.blocks[a.top.block + 1].text.start >= middle);
    }

    /// The article's terms without „Monopol“, and „Monopol“ as the user's own term.
    fn terms_and_a_user_term() -> (Vec<crate::glossary::Term>, crate::glossary::Term) {
        let mut terms = crate::glossary::bundled();
        let i = terms
            .iter()
            .position(|t| t.lemma == "Monopol")
            .expect("Monopol in the bundled glossary");
        let mut user = terms.remove(i);
        user.source = crate::glossary::Source::User;
        (terms, user)
    }

    fn count_of(a: &App, lemma: &str) -> Option<usize> {
        let t = a
            .terms
            .glossary
            .terms
            .iter()
            .position(|t| t.lemma == lemma)?;
        Some(a.terms.glossary.count(t))
    }

    #[test]
    fn a_new_term_in_a_short_text_is_found_at_once() {
        let mut a = app(120, 40);
        let (terms, user) = terms_and_a_user_term();
        a.set_glossary(terms, Vec::new());
        assert_eq!(count_of(&a, "Monopol"), None);
        a.terms.user.push(user);
        let mut effects = Vec::new();
        a.terms_changed(&mut effects);
        assert!(!effects.contains(&Effect::Analyse));
        assert!(count_of(&a, "Monopol").is_some_and(|n| n > 0));
    }

    #[test]
    fn a_new_term_in_a_long_text_is_found_on_a_thread() {
        let article = bundled().text;
        let mut text = String::new();
        while text.len() <= crate::app::ANALYSE_IN_BACKGROUND {
            text.push_str(&article);
            text.push_str("\n\n");
        }
        let doc = crate::document::parse_str(
            text,
            crate::document::Origin::Bundled("test"),
            "test",
            false,
        );
        let mut a = App::new(doc, Config::builtin(), 120, 40);
        let (terms, user) = terms_and_a_user_term();
        a.set_glossary(terms, Vec::new());
        a.terms.user.push(user);
        let mut effects = Vec::new();
        a.terms_changed(&mut effects);
        // Listed at once, found by the thread.
        assert!(effects.contains(&Effect::Analyse));
        assert!(a.terms.analysing);
        assert_eq!(count_of(&a, "Monopol"), Some(0));
        let glossary = crate::glossary::Glossary::build(
            &a.doc,
            a.terms.user.clone(),
            a.terms.document.clone(),
        );
        let words = crate::vocab::DocWords::build(&a.doc, Some(&glossary));
        a.finish_analysis(glossary, words);
        assert!(!a.terms.analysing);
        let expected = a.doc.text.matches("Monopol").count();
        assert!(count_of(&a, "Monopol").is_some_and(|n| n > 0 && n <= expected));
    }

    #[test]
    fn sections_and_contents_jump_to_headings() {
        let mut a = app(120, 40);
        let headings = a.doc.headings().to_vec();
        run(&mut a, &[Command::NextSection]);
        assert_eq!(a.top.block, headings[1]);
        assert_eq!(a.current_section(), Some(a.doc.block_text(headings[1])));
        run(&mut a, &[Command::TableOfContents]);
        assert_eq!(a.mode, Mode::Contents { selected: 1 });
        run(&mut a, &[Command::ScrollDown, Command::Confirm]);
        assert_eq!(a.mode, Mode::Reading);
        let last = a.last_top();
        assert!(a.top.block == headings[2] || a.top == last);
        run(&mut a, &[Command::PreviousSection]);
        assert_eq!(a.top.block, headings[1]);
    }

    #[test]
    fn search_counts_and_steps_through_matches() {
        let mut a = app(120, 40);
        run(&mut a, &[Command::Search]);
        type_text(&mut a, "boeing");
        let expected = a.doc.text.to_lowercase().matches("boeing").count();
        let search = a.search.clone().expect("search");
        assert_eq!(search.matches.len(), expected);
        run(&mut a, &[Command::Confirm]);
        assert_eq!(
            a.message.as_ref().map(|m| m.text.clone()),
            Some(format!("match 1 of {expected}"))
        );
        run(&mut a, &[Command::NextMatch]);
        assert_eq!(a.search.as_ref().and_then(|s| s.current), Some(1));
        run(&mut a, &[Command::PreviousMatch, Command::PreviousMatch]);
        assert_eq!(
            a.search.as_ref().and_then(|s| s.current),
            Some(expected - 1)
        );
        assert!(
            a.message
                .as_ref()
                .is_some_and(|m| m.text.contains("wrapped"))
        );
    }

    #[test]
    fn a_search_starts_at_the_row_on_top_not_at_the_top_of_its_paragraph() {
        let paragraph: String = (0..60)
            .map(|i| format!("Satz {i} über die Brücke. "))
            .collect();
        let text = format!("Ein langer Text\n\n{paragraph}\n\n{paragraph}\n");
        let doc = crate::document::parse_str(
            text,
            crate::document::Origin::Bundled("test"),
            "test",
            false,
        );
        let mut a = App::new(doc, Config::builtin(), 60, 20);
        run(&mut a, &[Command::ScrollDown; 15]);
        let origin = a.top;
        assert!(origin.row > 0, "the top is inside the long paragraph");
        run(&mut a, &[Command::Search]);
        type_text(&mut a, "brücke");
        let search = a.search.clone().expect("search");
        let current = search.current.expect("a match");
        let at = |a: &mut App, i: usize| {
            let m = &search.matches[i];
            a.position_of(m.block, m.range.start)
        };
        assert!(
            at(&mut a, current) >= origin,
            "the match is not above the place"
        );
        assert!(
            current > 0 && at(&mut a, current - 1) < origin,
            "and it is the first one"
        );
    }

    #[test]
    fn the_percent_the_contents_give_for_a_heading_goes_to_it() {
        let mut a = app(120, 12);
        let len = a.doc.text.len();
        let headings: Vec<usize> = a.doc.headings().to_vec();
        for h in headings.into_iter().skip(1) {
            let percent = a.doc.blocks[h].text.start * 100 / len;
            a.go_to_percent(percent);
            let last = a.last_top();
            let clamped = a.top == last;
            assert!(
                a.top.block == h || clamped,
                "{percent}% shows block {}, not {h}",
                a.top.block
            );
        }
    }

    #[test]
    fn a_word_outside_the_glossary_gets_its_meaning_from_the_dictionary() {
        let mut a = app(120, 40);
        let found = |sense: &str| crate::dict::Found {
            source: "test".into(),
            method: crate::dict::Method::Exact,
            headword: "x".into(),
            gender: Some(crate::glossary::Gender::Neuter),
            gender_inferred: false,
            open_genders: Vec::new(),
            plural: Some("Xe".into()),
            pronunciation: None,
            pos: None,
            senses: vec![sense.into(), "<b>second</b> sense".into(), "third".into()],
        };
        let word_at_cursor = |a: &App| {
            let c = a.cursor.as_ref().expect("cursor");
            a.doc.text[c.range.clone()].to_string()
        };
        // Looked up first, then given a status.
        run(&mut a, &[Command::NextWord, Command::NextWord]);
        let first = word_at_cursor(&a);
        a.terms.lookup = Some(super::super::glossary_pane::LookupState {
            word: first.clone(),
            context: None,
            results: Some(vec![found("first sense")]),
        });
        run(&mut a, &[Command::Status1]);
        let entry = |a: &App, form: &str| {
            a.learning
                .vocab
                .entries
                .values()
                .find(|e| e.form == form)
                .cloned()
                .expect("an entry")
        };
        let e = entry(&a, &first);
        assert_eq!(e.meaning, "first sense; second sense");
        assert_eq!((e.article.as_str(), e.plural.as_str()), ("das", "Xe"));
        // Given a status first, then looked up.
        run(&mut a, &[Command::NextWord, Command::Status1]);
        let second = word_at_cursor(&a);
        assert_eq!(entry(&a, &second).meaning, "");
        assert!(super::super::study::show_lookup(
            &mut a,
            &second,
            vec![found("later")]
        ));
        assert_eq!(entry(&a, &second).meaning, "later; second sense");
    }

    #[test]
    fn a_failed_search_returns_to_the_start() {
        let mut a = app(120, 40);
        run(&mut a, &[Command::PageDown, Command::Search]);
        let origin = a.top;
        type_text(&mut a, "xyzzy");
        run(&mut a, &[Command::Confirm]);
        assert_eq!(a.top, origin);
        assert!(a.message.as_ref().is_some_and(|m| m.error));
    }

    #[test]
    fn resize_keeps_the_first_visible_paragraph() {
        let mut a = app(120, 40);
        run(
            &mut a,
            &[
                Command::NextSection,
                Command::ScrollDown,
                Command::ScrollDown,
            ],
        );
        let block = a.top.block;
        update(
            &mut a,
            Action::Resize {
                width: 60,
                height: 20,
            },
            t0(),
        );
        assert_eq!(a.top.block, block);
        update(
            &mut a,
            Action::Resize {
                width: 120,
                height: 40,
            },
            t0(),
        );
        assert_eq!(a.top.block, block);
    }

    #[test]
    fn resizing_back_and_forth_does_not_drift() {
        let paragraph: String = (0..80)
            .map(|i| format!("Wort{i} läuft über die Brücke, "))
            .collect();
        let doc = crate::document::parse_str(
            format!("Titel\n\n{paragraph}\n\n{paragraph}\n"),
            crate::document::Origin::Bundled("test"),
            "test",
            false,
        );
        let mut a = App::new(doc, Config::builtin(), 120, 40);
        run(&mut a, &[Command::ScrollDown; 23]);
        let (top, anchor) = (a.top, a.anchor());
        for _ in 0..6 {
            for (width, height) in [(80, 24), (101, 30), (61, 20), (119, 40), (120, 40)] {
                update(&mut a, Action::Resize { width, height }, t0());
            }
        }
        assert_eq!(a.top, top);
        assert_eq!(
            a.anchor(),
            anchor,
            "the saved reading place did not move either"
        );
        // Once the reader moves, the place is where the view is.
        run(&mut a, &[Command::ScrollDown]);
        assert_ne!(a.anchor(), anchor);
    }

    #[test]
    fn a_selection_started_from_a_side_pane_is_made_in_the_text_and_esc_ends_it() {
        let mut a = app(120, 40);
        run(&mut a, &[Command::FocusPrevious]);
        assert_eq!(a.view.focus, PaneId::Notes);
        run(&mut a, &[Command::Select]);
        assert_eq!(a.view.focus, PaneId::Article);
        assert!(a.selection.is_some());
        run(&mut a, &[Command::Cancel]);
        assert!(a.selection.is_none());
        run(&mut a, &[Command::Select]);
        assert!(a.selection.is_some(), "the next v starts a selection");
    }

    #[test]
    fn in_a_narrow_terminal_esc_after_a_lookup_goes_back_to_the_text() {
        let mut a = app(80, 24);
        assert!(a.panes.narrow);
        run(&mut a, &[Command::NextWord, Command::Lookup]);
        assert_eq!(a.view.focus, PaneId::Glossary);
        run(&mut a, &[Command::Cancel]);
        assert_eq!(a.view.focus, PaneId::Article, "one Esc closes the pane");
    }

    #[test]
    fn focus_cycles_and_toggles_hide_panes() {
        let mut a = app(120, 40);
        run(&mut a, &[Command::FocusNext]);
        assert_eq!(a.view.focus, PaneId::Glossary);
        run(&mut a, &[Command::FocusNext, Command::FocusNext]);
        assert_eq!(a.view.focus, PaneId::Article);
        run(&mut a, &[Command::FocusPrevious]);
        assert_eq!(a.view.focus, PaneId::Notes);
        run(&mut a, &[Command::ToggleNotes]);
        assert_eq!(a.view.focus, PaneId::Article);
        assert!(a.panes.notes.is_none());
        run(&mut a, &[Command::Zoom]);
        assert!(a.panes.glossary.is_none());
        assert_eq!(a.panes.article.width, 120);
    }

    #[test]
    fn mouse_wheel_scrolls_the_article_and_click_focuses() {
        let mut a = app(120, 40);
        let mut b = app(120, 40);
        run(&mut b, &[Command::ScrollDown; WHEEL_ROWS]);
        update(
            &mut a,
            Action::Wheel {
                column: 5,
                row: 5,
                delta: 1,
            },
            t0(),
        );
        assert_eq!(a.top, b.top);
        let g = a.panes.glossary.expect("glossary");
        update(
            &mut a,
            Action::Wheel {
                column: g.x + 1,
                row: g.y + 1,
                delta: 1,
            },
            t0(),
        );
        assert_eq!(
            a.top, b.top,
            "the wheel over the glossary does not scroll the article"
        );
        update(
            &mut a,
            Action::Click {
                column: g.x + 1,
                row: g.y + 1,
            },
            t0(),
        );
        assert_eq!(a.view.focus, PaneId::Glossary);
    }

    #[test]
    fn tiny_sizes_do_not_panic() {
        let mut a = app(1, 1);
        run(
            &mut a,
            &[
                Command::PageDown,
                Command::Bottom,
                Command::NextSection,
                Command::Search,
            ],
        );
        type_text(&mut a, "KI");
        for (w, h) in [(0, 0), (3, 2), (30, 7), (200, 3)] {
            update(
                &mut a,
                Action::Resize {
                    width: w,
                    height: h,
                },
                t0(),
            );
        }
    }

    #[test]
    fn a_card_graded_again_comes_back_after_the_others() {
        let mut a = app(120, 40);
        a.set_glossary(crate::glossary::bundled(), Vec::new());
        a.set_vocabulary(crate::vocab::Vocabulary::default());
        // Three words of the title with a learning status: three cards due.
        run(
            &mut a,
            &[
                Command::NextWord,
                Command::Status1,
                Command::NextWord,
                Command::Status2,
                Command::NextWord,
                Command::Status3,
            ],
        );
        run(&mut a, &[Command::Review]);
        let session = |a: &App| match &a.mode {
            Mode::Review(s) => Some(s.clone()),
            _ => None,
        };
        let first = session(&a).expect("a review");
        assert_eq!(first.queue.len(), 3);
        let order = first.queue.clone();
        // Again on the first card, Good on the second, Again on the third.
        let grade = |a: &mut App, c: Command| run(a, &[Command::Confirm, c]);
        grade(&mut a, Command::Status1);
        grade(&mut a, Command::Status3);
        grade(&mut a, Command::Status1);
        let s = session(&a).expect("the failed cards come back");
        assert_eq!(s.queue.len(), 5);
        assert_eq!(s.current(), Some(order[0].as_str()));
        assert!(s.is_repeat());
        // Its schedule was written at the grade: it is due again soon, not now.
        let due = |a: &App, key: &str| {
            a.learning.vocab.entries[key]
                .review
                .as_ref()
                .map(|r| r.due.clone())
        };
        assert!(due(&a, &order[0]).is_some_and(|d| d > crate::notes::timestamp(t0())));
        // Again once more: it comes back once more, counted once among the words again.
        grade(&mut a, Command::Status1);
        grade(&mut a, Command::Status3);
        let s = session(&a).expect("still one card");
        assert_eq!(s.current(), Some(order[0].as_str()));
        grade(&mut a, Command::Status4);
        assert!(session(&a).is_none(), "the review is done");
        let message = a
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert_eq!(
            message,
            "Review done: 3 words, 2 again (6 reviews). Next ones are due later."
        );
        assert_eq!(
            a.learning.vocab.entries[&order[0]]
                .review
                .as_ref()
                .map(|r| r.reps),
            Some(3)
        );
    }
}
