//! The glossary and notes panes (their content arrives with the glossary and notes
//! features; until then each says honestly what it will hold), and the narrow tab bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Wrap};

use super::{Theme, pane_block, plain};
use crate::app::{App, PaneId, panes::tab_labels};

pub fn draw_notes(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines = [
        "No notes on this document.",
        "Notes you attach to a passage or a term will be listed here.",
    ];
    draw_empty(app, theme, frame, area, PaneId::Notes, " Notes ", lines);
}

/// A pane with nothing in it yet: a headline and a sentence on what will appear.
fn draw_empty(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pane: PaneId,
    title: &'static str,
    [headline, explanation]: [&'static str; 2],
) {
    let block = pane_block(
        app,
        theme,
        pane,
        Line::from(vec![plain(title, theme.heading)]),
    )
    .padding(Padding::horizontal(1));
    let body = vec![
        Line::from(Span::styled(headline, theme.muted)),
        Line::default(),
        Line::from(Span::styled(explanation, theme.muted)),
    ];
    frame.render_widget(
        Paragraph::new(body).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

/// The one-line tab bar of a narrow terminal: the side panes by name, the focused one lit.
pub fn draw_tabs(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (glossary, notes) = tab_labels();
    let style = |pane: PaneId, shown: bool| {
        if app.view.focus == pane {
            theme.border_focused.patch(theme.selected)
        } else if shown {
            theme.border
        } else {
            theme.muted
        }
    };
    let keys = |c| app.keymap.describe(c);
    let line = Line::from(vec![
        Span::styled(glossary, style(PaneId::Glossary, app.view.show_glossary)),
        Span::raw(" "),
        Span::styled(notes, style(PaneId::Notes, app.view.show_notes)),
        Span::styled(
            format!("  {} to open", keys(crate::app::Command::FocusNext)),
            theme.muted,
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
