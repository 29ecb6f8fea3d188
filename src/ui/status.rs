//! The status line: title, section, position, and messages (errors stand out), or the
//! search prompt with its match count.

use super::canvas::Canvas;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Theme, truncate};
use crate::app::{App, Mode};

pub fn draw(app: &App, theme: &Theme, frame: &mut Canvas<'_>) {
    let area = app.panes.status;
    let width = usize::from(area.width);
    let count = app.search.as_ref().map(|s| {
        let n = s.current.map_or(0, |i| i + 1);
        if let Some(done) = s.progress {
            format!("searching {done}% · {} matches", s.matches.len())
        } else if s.matches.is_empty() {
            "no match".to_string()
        } else {
            format!("match {n} of {}", s.matches.len())
        }
    });
    // A message that already says the count ("match 3 of 11") is not repeated on the right.
    let count = count.filter(|c| {
        !matches!((&app.mode, &app.message), (Mode::Reading, Some(m)) if m.text.starts_with(c.as_str()))
    });
    let mut vocab = String::new();
    if app.terms.analysing {
        vocab.push_str("analysing… · ");
    } else if !app.learning.vocab.entries.is_empty() {
        vocab = format!("known {:.0}%", app.learning.known_share * 100.0);
        if app.learning.due > 0 {
            vocab.push_str(&format!(" · {} due", app.learning.due));
        }
        vocab.push_str(" · ");
    }
    let right = match &count {
        Some(c) => format!(" {c} · {vocab}{:>3}% ", app.percent()),
        None => format!(" {vocab}{:>3}% ", app.percent()),
    };
    let (left, style) = match (&app.mode, &app.message) {
        (Mode::Searching { input, .. }, _) => (format!(" /{input}▏"), theme.status),
        (_, Some(m)) if m.error => (format!(" {}", m.text), theme.status_error),
        (_, Some(m)) => (format!(" {}", m.text), theme.status),
        _ => {
            let mut s = format!(" {}", app.doc.title_and_author());
            if let Some(section) = app.current_section() {
                s.push_str(" › ");
                s.push_str(section);
            }
            (s, theme.status)
        }
    };
    let room = width.saturating_sub(right.width());
    let left = truncate(&left, room);
    let pad = room.saturating_sub(left.width());
    let line = Line::from(vec![
        Span::styled(left, style),
        Span::styled(" ".repeat(pad), theme.status),
        Span::styled(truncate(&right, width), theme.status),
    ]);
    if area.height > 0 {
        super::cells::put_line(frame.buffer_mut(), area, area.y, &line);
    }
}
