//! The one-line tab bar of a narrow terminal.

use super::canvas::Canvas;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::{App, PaneId, panes::tab_labels};

/// The one-line tab bar of a narrow terminal: the side panes by name, the focused one lit.
pub fn draw_tabs(app: &App, theme: &Theme, frame: &mut Canvas<'_>, area: Rect) {
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
            if app.view.focus == PaneId::Article {
                format!("  {} to open", keys(crate::app::Command::FocusNext))
            } else {
                format!("  {} back to the text", keys(crate::app::Command::Cancel))
            },
            theme.muted,
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
