//! The vocabulary overlays: statistics and the review card.

use super::canvas::Canvas;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::App;
use crate::app::ReviewSession;
use crate::vocab::Status;

fn overlay_block<'a>(theme: &Theme, title: &'a str, hint: &'a str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Span::styled(title, theme.heading))
        .title_bottom(Span::styled(hint, theme.muted))
}

pub fn draw_stats(app: &App, theme: &Theme, frame: &mut Canvas<'_>) {
    let mut lines = vec![Line::from(vec![
        Span::styled(" Known share of this text: ", theme.label),
        Span::styled(
            format!("{:.1}%", app.learning.known_share * 100.0),
            theme.title,
        ),
        Span::styled(
            format!(
                "  ({} running words, {} lemmas)",
                app.learning.words.total(),
                app.learning.words.keys.len()
            ),
            theme.muted,
        ),
    ])];
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!(" {:<12} {:>8} {:>8}", "status", "words", "lemmas"),
        theme.label,
    )));
    for (status, words, lemmas) in app.learning.words.by_status(&app.learning.vocab) {
        lines.push(Line::from(format!(
            " {:<12} {words:>8} {lemmas:>8}",
            status.label()
        )));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        " Learn next (new lemmas that raise the known share most):",
        theme.label,
    )));
    for (k, points) in app.learning.words.best_to_learn(&app.learning.vocab, 8) {
        lines.push(Line::from(format!(
            "   {:<28} +{points:.2} points ({}×)",
            app.learning.words.lemmas[k], app.learning.words.counts[k]
        )));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        " Words learned per day (well known):",
        theme.label,
    )));
    let mut per_day: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for e in app.learning.vocab.entries.values() {
        if let (Status::Known, Some(day)) = (e.status, &e.learned) {
            *per_day.entry(day.clone()).or_default() += 1;
        }
    }
    if per_day.is_empty() {
        lines.push(Line::from(Span::styled("   none yet", theme.muted)));
    }
    for (day, n) in per_day.iter().rev().take(7) {
        lines.push(Line::from(format!(
            "   {day}  {n:>4}  {}",
            "▇".repeat((*n).min(40))
        )));
    }
    lines.push(Line::from(format!(
        " Due for review now: {} · in your vocabulary: {}",
        app.learning.due,
        app.learning.vocab.entries.len()
    )));
    let area = frame.area();
    let rect = centered(area, 72, (lines.len() as u16 + 2).min(area.height));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(overlay_block(theme, " Vocabulary ", " any key closes ")),
        rect,
    );
}

pub fn draw_review(app: &App, theme: &Theme, frame: &mut Canvas<'_>, session: &ReviewSession) {
    let Some(e) = session
        .current()
        .and_then(|k| app.learning.vocab.entries.get(k))
    else {
        return;
    };
    let mut lines = vec![Line::from(Span::styled(
        format!(
            " Card {} of {}{}",
            session.position + 1,
            session.queue.len(),
            if session.is_repeat() {
                " · back after Again"
            } else {
                ""
            }
        ),
        theme.muted,
    ))];
    lines.push(Line::default());
    let sentence = if e.sentence.is_empty() {
        format!("({})", e.lemma)
    } else if session.revealed || e.form.is_empty() {
        e.sentence.clone()
    } else {
        e.sentence
            .replacen(&e.form, &"_".repeat(e.form.chars().count().max(5)), 1)
    };
    lines.push(Line::from(Span::raw(format!(" {sentence}"))));
    lines.push(Line::default());
    if session.revealed {
        let head = if e.article.is_empty() {
            e.lemma.clone()
        } else {
            crate::glossary::with_article(&e.article, &e.lemma)
        };
        let mut spans = vec![Span::styled(format!(" {head}"), theme.title)];
        if !e.plural.is_empty() {
            let plural = crate::glossary::plural_with_article(&e.plural);
            spans.push(Span::styled(format!("  Pl. {plural}"), theme.muted));
        }
        lines.push(Line::from(spans));
        if !e.meaning.is_empty() {
            lines.push(Line::from(format!(" {}", e.meaning)));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            " 1 Again   2 Hard   3 Good   4 Easy",
            theme.heading,
        )));
    } else {
        lines.push(Line::from(Span::styled(
            " Space or Enter shows the answer",
            theme.muted,
        )));
    }
    let area = frame.area();
    let rect = centered(area, 76, 12);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            overlay_block(theme, " Review ", " Esc ends the review ")
                .padding(ratatui::widgets::Padding::horizontal(1)),
        ),
        rect,
    );
}
