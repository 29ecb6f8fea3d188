//! Overlays over the article: the table of contents and the help, generated from the
//! active keymap.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::{Theme, centered, truncate};
use crate::app::{App, Command, TermForm, term_form::FIELDS};
use crate::document::BlockKind;

pub fn draw_contents(app: &App, theme: &Theme, frame: &mut Frame, selected: usize) {
    let headings = app.doc.headings();
    let area = frame.area();
    let inner_w = usize::from(area.width.saturating_sub(8)).min(70);
    let h = (headings.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = centered(area, inner_w as u16 + 4, h);
    let visible = usize::from(rect.height.saturating_sub(2));
    let first = selected.saturating_sub(visible.saturating_sub(1));
    let current = app.doc.section_of(app.top.block);
    let lines: Vec<Line> = headings
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, &block)| {
            let indent = match app.doc.blocks[block].kind {
                BlockKind::Heading { level } => "  ".repeat(usize::from(level)),
                _ => String::new(),
            };
            let here = if Some(block) == current { "● " } else { "  " };
            let text = truncate(
                &format!("{here}{indent}{}", app.doc.block_text(block)),
                inner_w.saturating_sub(1),
            );
            let style = if i == selected {
                theme.selected
            } else {
                theme.paragraph
            };
            Line::from(Span::styled(format!(" {text:<inner_w$}"), style))
        })
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Span::styled(" Contents ", theme.heading))
        .title_bottom(Span::styled(" Enter jump · Esc close ", theme.muted));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

pub fn draw_help(app: &App, theme: &Theme, frame: &mut Frame, scroll: usize) {
    let area = frame.area();
    let key_w = Command::ALL
        .iter()
        .map(|c| app.keymap.describe(*c).chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let desc_w = Command::ALL
        .iter()
        .map(|c| c.description().chars().count())
        .max()
        .unwrap_or(0);
    let width = (key_w + desc_w + 7) as u16;
    let height = (Command::ALL.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = centered(area, width, height);
    let lines: Vec<Line> = Command::ALL
        .iter()
        .skip(scroll)
        .map(|c| {
            let keys = truncate(&app.keymap.describe(*c), key_w);
            Line::from(vec![
                Span::styled(format!(" {keys:>key_w$}"), theme.heading),
                Span::raw("   "),
                Span::raw(c.description()),
            ])
        })
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Span::styled(" Keys ", theme.heading))
        .title_bottom(Span::styled(
            " j/k scroll · any other key closes ",
            theme.muted,
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The form that adds a word to the user's glossary, or edits one of the user's terms.
pub fn draw_term_form(theme: &Theme, frame: &mut Frame, form: &TermForm) {
    let area = frame.area();
    let label_w = FIELDS.iter().map(|f| f.chars().count()).max().unwrap_or(0);
    let width = area.width.saturating_sub(4).min(72);
    let height = (FIELDS.len() as u16 + 4).min(area.height);
    let rect = centered(area, width, height);
    let value_w = usize::from(width).saturating_sub(label_w + 6);
    let mut lines: Vec<Line> = FIELDS
        .iter()
        .zip(&form.values)
        .enumerate()
        .map(|(i, (label, value))| {
            let focused = i == form.focus;
            let shown = if focused {
                format!("{value}▏")
            } else {
                value.clone()
            };
            let shown = truncate_start(&shown, value_w);
            Line::from(vec![
                Span::styled(
                    format!(" {label:>label_w$}: "),
                    if focused { theme.heading } else { theme.label },
                ),
                Span::styled(
                    shown,
                    if focused {
                        theme.selected
                    } else {
                        theme.paragraph
                    },
                ),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(match &form.error {
        Some(e) => Line::from(Span::styled(format!(" {e}"), theme.status_error)),
        None => Line::from(Span::styled(
            " Meanings: separate with commas.",
            theme.muted,
        )),
    });
    let title = if form.editing.is_some() {
        " Edit your term "
    } else {
        " Add to your glossary "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Span::styled(title, theme.heading))
        .title_bottom(Span::styled(
            " Tab next field · Enter save · Esc cancel ",
            theme.muted,
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The end of a text that fits `width` columns (a field shows where one is typing).
fn truncate_start(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}
