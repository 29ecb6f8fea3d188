//! The glossary pane: the sorted, filterable list of terms with their counts, an open
//! entry with every sentence the term stands in, or a word that is not in the glossary.

use super::canvas::Canvas;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_block, plain, truncate};
use crate::app::{App, Command, GlossaryView, PaneId};
use crate::dict::{Found, Method};

pub fn draw(app: &App, theme: &Theme, frame: &mut Canvas<'_>, area: Rect) {
    let count = app.terms.glossary.terms.len();
    let shown = app.terms.pane.items.len();
    let count = if app.terms.pane.filter.is_empty() || shown == count {
        count.to_string()
    } else {
        format!("{shown} of {count}")
    };
    let title = Line::from(vec![plain(format!(" Glossary ({count}) "), theme.heading)]);
    let block = pane_block(app, theme, PaneId::Glossary, title).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    match &app.terms.pane.view {
        GlossaryView::List => draw_list(app, theme, frame, inner),
        GlossaryView::Entry { term, scroll } => {
            draw_entry(app, theme, frame, inner, *term, *scroll)
        }
        GlossaryView::Lookup { word, scroll } => {
            let results = app
                .terms
                .lookup
                .as_ref()
                .filter(|l| &l.word == word)
                .and_then(|l| l.results.as_deref());
            draw_lookup(app, theme, frame, inner, word, results, *scroll);
        }
        GlossaryView::Tool { scroll } => draw_tool(app, theme, frame, inner, *scroll),
    }
}

/// The output of one of the user's lookup commands, under the command's name.
fn draw_tool(app: &App, theme: &Theme, frame: &mut Canvas<'_>, area: Rect, scroll: usize) {
    let Some(tool) = &app.terms.tool else {
        return;
    };
    let mut lines = vec![
        Line::from(Span::styled(tool.name.clone(), theme.title)),
        Line::from(Span::styled(format!("„{}“", tool.subject), theme.muted)),
        Line::default(),
    ];
    let keys = |c| app.keymap.describe(c);
    match &tool.text {
        None => lines.push(Line::from(Span::styled(
            format!("Running… ({} stops it)", keys(Command::Cancel)),
            theme.muted,
        ))),
        Some(text) => {
            let style = if tool.error {
                theme.status_error
            } else {
                theme.paragraph
            };
            lines.extend(
                text.lines()
                    .map(|l| Line::from(Span::styled(l.to_string(), style))),
            );
        }
    }
    let body_height = area.height.saturating_sub(1);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        Rect::new(area.x, area.y, area.width, body_height),
    );
    let hint = format!(
        "{}/{} scroll · {} back",
        keys(Command::ScrollDown),
        keys(Command::ScrollUp),
        keys(Command::Cancel)
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&hint, usize::from(area.width)),
            theme.muted,
        )),
        Rect::new(area.x, area.y + body_height, area.width, 1),
    );
}

fn draw_list(app: &App, theme: &Theme, frame: &mut Canvas<'_>, area: Rect) {
    let pane = &app.terms.pane;
    let width = usize::from(area.width);
    let focused = app.view.focus == PaneId::Glossary;
    let filter_line = if focused || !pane.filter.is_empty() {
        let cursor = if focused { "▏" } else { "" };
        Line::from(vec![
            Span::styled("Filter: ", theme.label),
            Span::raw(format!("{}{cursor}", pane.filter)),
        ])
    } else {
        Line::from(Span::styled("Tab here, then type to filter", theme.muted))
    };
    let mut lines = vec![filter_line];
    if app.terms.glossary.is_empty() {
        lines.push(Line::default());
        let text = if app.terms.analysing {
            "Finding the terms…"
        } else {
            "No glossary for this document. Put the word cursor on a word (w) and press + to add your own terms."
        };
        lines.push(Line::from(Span::styled(text, theme.muted)));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    if pane.items.is_empty() {
        lines.push(Line::from(Span::styled("No term matches.", theme.muted)));
    }
    let rows = usize::from(area.height).saturating_sub(1);
    let first = pane.selected.saturating_sub(rows.saturating_sub(1));
    for (i, &t) in pane.items.iter().enumerate().skip(first).take(rows) {
        let term = &app.terms.glossary.terms[t];
        let count = app.terms.glossary.count(t);
        let right = format!("{count:>3}");
        let mut left = term.headword();
        if term.gender.is_none() && !term.pos.short().is_empty() {
            left.push_str(&format!("  {}", term.pos.short()));
        }
        if term.source == crate::glossary::Source::User {
            left.push_str(" ★");
        }
        let room = width.saturating_sub(right.width() + 1);
        let left = truncate(&left, room);
        let pad = width.saturating_sub(left.width() + right.width());
        let style = if i == pane.selected && focused {
            theme.selected
        } else if i == pane.selected {
            theme.label
        } else {
            theme.paragraph
        };
        let count_style = if count == 0 { theme.muted } else { style };
        lines.push(Line::from(vec![
            Span::styled(left, style),
            Span::styled(" ".repeat(pad), style),
            Span::styled(right, count_style),
        ]));
    }
    let buf = frame.buffer_mut();
    for (i, line) in lines.iter().take(usize::from(area.height)).enumerate() {
        super::cells::put_line(buf, area, area.y + i as u16, line);
    }
}

/// Sentences listed in a term's entry at a time.
const SENTENCES_SHOWN: usize = 40;

fn draw_entry(
    app: &App,
    theme: &Theme,
    frame: &mut Canvas<'_>,
    area: Rect,
    t: usize,
    scroll: usize,
) {
    let Some(term) = app.terms.glossary.terms.get(t) else {
        return;
    };
    let mut lines = vec![Line::from(Span::styled(term.headword(), theme.title))];
    let plural = term.plural_note();
    let mut grammar = vec![term.pos.name().to_string()];
    if !plural.is_empty() {
        grammar.push(plural);
    }
    if !term.category.is_empty() {
        grammar.push(term.category.clone());
    }
    if term.source == crate::glossary::Source::User {
        grammar.push("your term".into());
    }
    lines.push(Line::from(Span::styled(grammar.join(" · "), theme.muted)));
    lines.push(Line::from(vec![
        Span::styled("English: ", theme.label),
        Span::raw(term.english.join(", ")),
    ]));
    if !term.explanation_de.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::raw(term.explanation_de.clone())));
    }
    if !term.explanation_en.is_empty() {
        lines.push(Line::from(Span::styled(
            term.explanation_en.clone(),
            theme.credit,
        )));
    }
    if !term.note.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled("Note: ", theme.label),
            Span::raw(term.note.clone()),
        ]));
    }
    lines.push(Line::default());
    let count = app.terms.glossary.count(t);
    lines.push(Line::from(Span::styled(
        format!("In the text ({count}):"),
        theme.label,
    )));
    let current = app
        .search
        .as_ref()
        .and_then(|s| s.current.and_then(|i| s.matches.get(i)));
    // A window of the occurrences around the current one: a term of a long book stands in
    // thousands of sentences, and a frame draws only what fits.
    let at = current.map_or(0, |m| {
        app.terms.glossary.occurrences_before(t, m.range.start)
    });
    let start = at
        .saturating_sub(3)
        .min(count.saturating_sub(SENTENCES_SHOWN));
    if start > 0 {
        lines.push(Line::from(Span::styled(
            format!("… {start} earlier"),
            theme.muted,
        )));
    }
    let text = &app.doc.text;
    for o in app
        .terms
        .glossary
        .occurrences_from(t, start)
        .take(SENTENCES_SHOWN)
    {
        let sentence = o.sentence(&app.doc);
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let before = squash(&text[sentence.start..o.range.start]);
        let form = squash(&text[o.range.clone()]);
        let after = squash(&text[o.range.end..sentence.end]);
        let is_current = current.is_some_and(|m| m.range == o.range);
        let marker = if is_current { "▶ " } else { "¶ " };
        let space = |s: &str, at_end: bool| {
            if s.is_empty() {
                String::new()
            } else if at_end {
                format!("{s} ")
            } else {
                s.to_string()
            }
        };
        let glued_before = text[..o.range.start].ends_with(char::is_whitespace);
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{} ", o.block + 1), theme.muted),
            Span::raw(space(&before, glued_before)),
            Span::styled(form, theme.search_match.patch(theme.term)),
            Span::raw(if text[o.range.end..].starts_with(char::is_whitespace) {
                format!(" {after}")
            } else {
                after
            }),
        ]));
    }
    let rest = count.saturating_sub(start + SENTENCES_SHOWN);
    if rest > 0 {
        lines.push(Line::from(Span::styled(
            format!(
                "… {rest} more ({} steps through them)",
                app.keymap.describe(Command::NextMatch)
            ),
            theme.muted,
        )));
    }
    if let Some(state) = &app.terms.lookup {
        let from_dictionaries: Vec<Found> = state
            .results
            .iter()
            .flatten()
            .filter(|f| f.method != Method::Glossary)
            .cloned()
            .collect();
        lines.push(Line::default());
        match (&state.results, from_dictionaries.is_empty()) {
            (None, _) => lines.push(Line::from(Span::styled(
                "Looking it up in the dictionaries…",
                theme.muted,
            ))),
            (Some(_), true)
                if app
                    .terms
                    .dictionaries
                    .as_ref()
                    .is_some_and(|d| d.count == 0) =>
            {
                lines.push(Line::from(Span::styled(
                    "No dictionary installed (apt install dict-freedict-deu-eng).",
                    theme.muted,
                )))
            }
            (Some(_), true) => {}
            (Some(_), false) => {
                lines.push(Line::from(Span::styled(
                    format!("In the dictionaries („{}“):", state.word),
                    theme.label,
                )));
                lines.extend(result_lines(theme, &from_dictionaries));
            }
        }
    }
    let keys = |c| app.keymap.describe(c);
    let mut hint = format!(
        "{}/{} occurrences · {} back",
        keys(Command::NextMatch),
        keys(Command::PreviousMatch),
        keys(Command::Cancel)
    );
    if term.source == crate::glossary::Source::User {
        hint.push_str(&format!(
            " · {} edit · {} delete",
            keys(Command::Edit),
            keys(Command::Delete)
        ));
    }
    let body_height = area.height.saturating_sub(1);
    let body = Rect::new(area.x, area.y, area.width, body_height);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        body,
    );
    let hint_area = Rect::new(area.x, area.y + body_height, area.width, 1);
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&hint, usize::from(area.width)),
            theme.muted,
        ))
        .alignment(Alignment::Left),
        hint_area,
    );
}

/// Dictionary results as lines: the best in full, the others shorter below.
fn result_lines(theme: &Theme, results: &[Found]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, f) in results.iter().enumerate() {
        if i == 1 {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled("Other results", theme.label)));
        }
        let open: Vec<&str> = f.open_genders.iter().map(|g| g.article()).collect();
        let head = match f.gender {
            Some(g) => crate::glossary::with_article(g.article(), &f.headword),
            None if !open.is_empty() => format!("{} {}", open.join("/"), f.headword),
            None => f.headword.clone(),
        };
        let style = if i == 0 { theme.title } else { theme.heading };
        let mut spans = vec![Span::styled(head, style)];
        if !open.is_empty() {
            spans.push(Span::styled(
                " (the sentence does not tell which)",
                theme.muted,
            ));
        }
        if f.gender_inferred {
            spans.push(Span::styled(
                " (gender inferred from the last part)",
                theme.muted,
            ));
        }
        if let Some(p) = &f.pronunciation {
            spans.push(Span::styled(format!("  /{p}/"), theme.muted));
        }
        lines.push(Line::from(spans));
        let mut meta = vec![method_label(&f.method)];
        if let Some(p) = &f.plural {
            meta.push(format!("Pl. {}", crate::glossary::plural_with_article(p)));
        } else if let Some(pos) = &f.pos {
            meta.push(pos.clone());
        }
        meta.push(f.source.clone());
        lines.push(Line::from(Span::styled(meta.join(" · "), theme.muted)));
        let max = if i == 0 { 6 } else { 2 };
        for (n, sense) in f.senses.iter().take(max).enumerate() {
            lines.push(Line::from(format!("{}. {sense}", n + 1)));
        }
    }
    lines
}

/// How a result was found, in words.
fn method_label(m: &Method) -> String {
    match m {
        Method::Glossary => "glossary term".into(),
        Method::Exact => "headword".into(),
        Method::CaseFolded => "headword (other case)".into(),
        Method::Lemma { from, via } => format!("lemma of „{from}“ ({via})"),
        Method::Compound { parts } => format!("compound: {}", parts.join(" + ")),
        Method::Part { of } => format!("part of „{of}“"),
        Method::Phrase { word } => format!("phrase around „{word}“"),
        Method::Alternative { from } => format!("another reading of „{from}“"),
        Method::Cited { under, how } => format!("under „{under}“ ({how})"),
    }
}

fn draw_lookup(
    app: &App,
    theme: &Theme,
    frame: &mut Canvas<'_>,
    area: Rect,
    word: &str,
    results: Option<&[Found]>,
    scroll: usize,
) {
    let add = app.keymap.describe(Command::AddTerm);
    let mut lines = vec![Line::from(Span::styled(format!("„{word}“"), theme.title))];
    match results {
        None => lines.push(Line::from(Span::styled("Looking it up…", theme.muted))),
        Some([]) => {
            lines.push(Line::default());
            lines.push(Line::from("is not in the glossary or in any dictionary."));
            if app
                .terms
                .dictionaries
                .as_ref()
                .is_some_and(|d| d.count == 0)
            {
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    "No dictionary is installed. Add one, offline:",
                    theme.label,
                )));
                lines.push(Line::from("  apt install dict-freedict-deu-eng"));
                lines.push(Line::from(
                    "or put a StarDict folder in ~/.local/share/stardict/dic (see the README).",
                ));
            }
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::raw("Press "),
                Span::styled(add.clone(), theme.heading),
                Span::raw(" to add it to your own glossary."),
            ]));
        }
        Some(results) => {
            lines.extend(result_lines(theme, results));
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!("{add} adds it to your glossary · Esc back"),
                theme.muted,
            )));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}
