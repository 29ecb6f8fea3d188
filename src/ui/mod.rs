//! Drawing: reads the state, writes cells. No I/O, no mutation, no work off screen.

mod article;
pub mod canvas;
mod cells;
mod glossary;
mod notes;
mod overlay;
mod status;
mod tabs;
pub mod theme;
mod vocab;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

pub use canvas::Canvas;
pub use theme::Theme;

use crate::app::{App, Mode, PaneId};

/// Draw the whole screen into a terminal frame.
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    paint(app, theme, &mut Canvas::new(frame.buffer_mut()));
}

/// The whole screen, `area` large, drawn into a buffer of its own.
pub fn render(app: &App, theme: &Theme, area: Rect) -> Buffer {
    let mut buffer = Buffer::empty(area);
    paint(app, theme, &mut Canvas::new(&mut buffer));
    buffer
}

/// Draw the whole screen.
pub fn paint(app: &App, theme: &Theme, frame: &mut Canvas<'_>) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    if app.panes.too_small {
        let text = Paragraph::new(format!(
            "terminal too small (lesepult needs at least {}×{})",
            crate::app::panes::MIN_WIDTH,
            crate::app::panes::MIN_HEIGHT
        ))
        .wrap(Wrap { trim: true })
        .style(theme.status_error);
        frame.render_widget(text, area);
        return;
    }
    article::draw(app, theme, frame);
    if let Some(r) = app.panes.glossary {
        glossary::draw(app, theme, frame, r);
    }
    if let Some(r) = app.panes.notes {
        notes::draw(app, theme, frame, r);
    }
    if let Some(r) = app.panes.tabs {
        tabs::draw_tabs(app, theme, frame, r);
    }
    status::draw(app, theme, frame);
    match &app.mode {
        Mode::Contents { selected } => overlay::draw_contents(app, theme, frame, *selected),
        Mode::Help { scroll } => overlay::draw_help(app, theme, frame, *scroll),
        Mode::TermForm(form) => overlay::draw_term_form(theme, frame, form),
        Mode::Export(dialog) => overlay::draw_export(app, theme, frame, dialog),
        Mode::ExportExists(existing) => overlay::draw_export_exists(theme, frame, existing),
        Mode::ConfirmQuit => overlay::draw_confirm_quit(app, theme, frame),
        Mode::WriteElsewhere { input } => overlay::draw_write_elsewhere(theme, frame, input),
        Mode::CorrectLemma { word, was, input } => {
            overlay::draw_correct_lemma(theme, frame, word, was, input)
        }
        Mode::AskBackup => overlay::draw_ask_backup(app, theme, frame),
        Mode::Stats => vocab::draw_stats(app, theme, frame),
        Mode::Review(session) => vocab::draw_review(app, theme, frame, session),
        _ => {}
    }
}

/// A pane's frame: a border with its title, highlighted when focused.
pub(crate) fn pane_block<'a>(app: &App, theme: &Theme, pane: PaneId, title: Line<'a>) -> Block<'a> {
    let focused = app.view.focus == pane;
    let (style, kind) = if focused {
        (theme.border_focused, BorderType::Thick)
    } else {
        (theme.border, BorderType::Rounded)
    };
    let marker = if focused { "▸" } else { " " };
    let mut spans = vec![ratatui::text::Span::styled(marker, style)];
    spans.extend(title.spans);
    spans.push(ratatui::text::Span::raw(" "));
    Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(style)
        .title(Line::from(spans))
}

/// A rectangle of at most `w` x `h` centred in `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Text cut to a display width, with an ellipsis if it was cut.
pub(crate) fn truncate(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total = unicode_width::UnicodeWidthStr::width(s);
    if total <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

pub(crate) fn plain(s: impl Into<String>, style: Style) -> ratatui::text::Span<'static> {
    ratatui::text::Span::styled(s.into(), style)
}
