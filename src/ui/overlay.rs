//! Overlays over the article: the table of contents and the help, generated from the
//! active keymap.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::{Theme, centered, truncate};
use crate::app::{App, Command};
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
