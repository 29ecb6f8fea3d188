//! The notes pane: the document's notes in text order (passage, section, first lines,
//! tags, date), the filter, and the note editor.

use super::canvas::Canvas;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_block, plain, truncate};
use crate::app::{App, Command, Mode, PaneId};
use crate::notes::date_of;
use crate::ui_text::shorten;

pub fn draw(app: &App, theme: &Theme, frame: &mut Canvas<'_>, area: Rect) {
    let total = app.notebook.notes.len();
    let mut title = vec![plain(format!(" Notes ({total}) "), theme.heading)];
    if app.notebook.status.unsaved {
        title.push(plain("unsaved ", theme.status_error));
    } else if app.notebook.status.recovery.is_some() {
        title.push(plain("recovery file ", theme.status_error));
    }
    let block =
        pane_block(app, theme, PaneId::Notes, Line::from(title)).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    if app.mode == Mode::Editing
        && let Some(editor) = &app.notebook.editor
    {
        let quote = shorten(
            &editor.anchor.quote,
            usize::from(inner.width).saturating_sub(12).max(8),
        );
        let what = if editor.editing.is_some() {
            "Editing the note on"
        } else {
            "Note on"
        };
        let head = Line::from(vec![
            Span::styled(format!("{what} "), theme.label),
            Span::styled(format!("„{quote}“"), theme.quote),
        ]);
        frame.render_widget(
            Paragraph::new(head),
            Rect::new(inner.x, inner.y, inner.width, 1),
        );
        let keys = format!(
            "{} save · Esc cancel · {} $EDITOR",
            app.keymap.describe(Command::SaveNote),
            app.keymap.describe(Command::ExternalEditor)
        );
        let body_h = inner.height.saturating_sub(2);
        if body_h > 0 {
            let body = Rect::new(inner.x, inner.y + 1, inner.width, body_h);
            frame.render_widget(&editor.textarea, body);
        }
        frame.render_widget(
            Paragraph::new(Span::styled(
                truncate(&keys, usize::from(inner.width)),
                theme.muted,
            )),
            Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
        );
        return;
    }
    let width = usize::from(inner.width);
    let focused = app.view.focus == PaneId::Notes;
    let mut lines: Vec<Line> = Vec::new();
    if app.notebook.pane.filtering || !app.notebook.pane.filter.is_empty() {
        let cursor = if app.notebook.pane.filtering {
            "▏"
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled("Filter: ", theme.label),
            Span::raw(format!("{}{cursor}", app.notebook.pane.filter)),
            Span::styled(
                format!("  {} of {total}", app.notebook.pane.items.len()),
                theme.muted,
            ),
        ]));
    }
    if app.notebook.notes.is_empty() {
        let add = app.keymap.describe(Command::AddNote);
        let select = app.keymap.describe(Command::Select);
        let word = app.keymap.describe(Command::NextWord);
        let state = match (app.notebook.pending, app.partial_of.is_some()) {
            (false, _) => "No notes on this document yet.",
            (true, false) => "Reading your notes…",
            (true, true) => "Your notes are read once the whole file is.",
        };
        lines.push(Line::from(Span::styled(state, theme.muted)));
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                "{add} adds a note on the paragraph at the top, on the word under the cursor ({word}), or on a selection ({select})."
            ),
            theme.muted,
        )));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return;
    }
    // Each note takes a few rows; scroll so that the selected one is visible.
    let rows_per = 4usize;
    let room = usize::from(inner.height).saturating_sub(lines.len()).max(1);
    let visible = (room / rows_per).max(1);
    let first = app.notebook.pane.selected.saturating_sub(visible - 1);
    for (pos, &i) in app.notebook.pane.items.iter().enumerate().skip(first) {
        let Some(n) = app.notebook.notes.get(i) else {
            continue;
        };
        let selected = pos == app.notebook.pane.selected;
        let bar_style = if selected && focused {
            theme.border_focused
        } else if selected {
            theme.label
        } else {
            theme.muted
        };
        let bar = if selected { "▌" } else { " " };
        let date = date_of(&n.updated).to_string();
        let quote_room = width.saturating_sub(date.width() + 4);
        let mut head = vec![
            Span::styled(bar, bar_style),
            Span::styled(
                format!(
                    "„{}“",
                    shorten(&n.anchor.quote, quote_room.saturating_sub(2).max(4))
                ),
                theme.quote,
            ),
        ];
        let used: usize = head.iter().map(|s| s.content.width()).sum();
        head.push(Span::raw(
            " ".repeat(width.saturating_sub(used + date.width())),
        ));
        head.push(Span::styled(date, theme.muted));
        lines.push(Line::from(head));
        let mut meta = Vec::new();
        if n.detached {
            meta.push(Span::styled(
                " detached: passage not found ",
                theme.status_error,
            ));
        } else if !n.anchor.section.is_empty() {
            meta.push(Span::styled(
                truncate(&n.anchor.section, width.saturating_sub(2)),
                theme.muted,
            ));
        }
        if !meta.is_empty() {
            let mut m = vec![Span::styled(bar, bar_style)];
            m.extend(meta);
            lines.push(Line::from(m));
        }
        for text_line in n.text.lines().take(2) {
            // A tab has no width of its own on the terminal: shown as spaces.
            let text_line = text_line.replace('\t', "    ");
            lines.push(Line::from(vec![
                Span::styled(bar, bar_style),
                Span::raw(truncate(&text_line, width.saturating_sub(1))),
            ]));
        }
        let tags = n.tags();
        if !tags.is_empty() {
            let t: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
            lines.push(Line::from(vec![
                Span::styled(bar, bar_style),
                Span::styled(
                    truncate(&t.join(" "), width.saturating_sub(1)),
                    theme.heading,
                ),
            ]));
        }
        lines.push(Line::default());
        if lines.len() >= usize::from(inner.height) {
            break;
        }
    }
    if focused {
        let keys = format!(
            "Enter go · {} edit · {} delete · {} filter · {} export",
            app.keymap.describe(Command::Edit),
            app.keymap.describe(Command::Delete),
            app.keymap.describe(Command::Search),
            app.keymap.describe(Command::Export)
        );
        let h = usize::from(inner.height);
        lines.truncate(h.saturating_sub(1));
        while lines.len() < h.saturating_sub(1) {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(
            truncate(&keys, width),
            theme.muted,
        )));
    }
    let buf = frame.buffer_mut();
    for (i, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
        super::cells::put_line(buf, inner, inner.y + i as u16, line);
    }
}
