//! Overlays over the article: the table of contents and the help, generated from the
//! active keymap.

use super::canvas::Canvas;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use super::{Theme, centered, truncate};
use crate::app::help::{self, HelpRow};
use crate::app::outcome::ExistingFile;
use crate::app::{App, ExportDialog, TermForm, term_form::FIELDS};
use crate::document::BlockKind;

pub fn draw_contents(app: &App, theme: &Theme, frame: &mut Canvas<'_>, selected: usize) {
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
            // Where the section starts, as a share of the text (of the whole file while
            // only its beginning is read).
            let start = app.doc.blocks[block].text.start;
            let total = app.partial_of.unwrap_or(0).max(app.doc.text.len()).max(1);
            let pct = format!("{:>3}%", start * 100 / total);
            let room = inner_w.saturating_sub(pct.width() + 2);
            let text = truncate(
                &format!("{here}{indent}{}", app.doc.block_text(block)),
                room,
            );
            let pad = inner_w.saturating_sub(text.width() + pct.width() + 1);
            let style = if i == selected {
                theme.selected
            } else {
                theme.paragraph
            };
            Line::from(vec![
                Span::styled(format!(" {text}{}", " ".repeat(pad)), style),
                Span::styled(format!("{pct} "), style.patch(theme.muted)),
            ])
        })
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Span::styled(
            if app.partial_of.is_some() {
                " Contents (reading the rest of the file…) "
            } else {
                " Contents "
            },
            theme.heading,
        ))
        .title_bottom(Span::styled(" Enter jump · Esc close ", theme.muted));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

pub fn draw_help(app: &App, theme: &Theme, frame: &mut Canvas<'_>, scroll: usize) {
    let area = frame.area();
    let (key_w, desc_w) = app.help_columns();
    let stacked = !app.help_side_by_side();
    let width = if stacked {
        area.width
    } else {
        (key_w + desc_w + 7) as u16
    };
    let all = help::rows_with(app.config.tools.len());
    let rows: usize = all.iter().map(|r| app.help_row_height(*r)).sum();
    let height = (rows as u16 + 2).min(area.height.saturating_sub(2));
    let rect = centered(area, width, height);
    let inner = usize::from(rect.width.saturating_sub(2));
    let lines: Vec<Line> = all
        .iter()
        .skip(scroll)
        .flat_map(|row| {
            let c = match row {
                HelpRow::Heading(name) => {
                    return vec![Line::from(Span::styled(format!(" {name}"), theme.muted))];
                }
                HelpRow::Command(c) => c,
            };
            if stacked {
                // Too narrow for two columns: the keys, then what they do, wrapped.
                let keys = truncate(&app.keymap.describe(*c), inner.saturating_sub(1));
                let mut lines = vec![Line::from(Span::styled(format!(" {keys}"), theme.heading))];
                lines.extend(
                    app.help_lines(*c)
                        .into_iter()
                        .map(|l| Line::from(Span::raw(format!("   {l}")))),
                );
                lines
            } else {
                let keys = truncate(&app.keymap.describe(*c), key_w);
                vec![Line::from(vec![
                    Span::styled(format!(" {keys:>key_w$}"), theme.heading),
                    Span::raw("   "),
                    Span::raw(app.command_description(*c)),
                ])]
            }
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
pub fn draw_term_form(theme: &Theme, frame: &mut Canvas<'_>, form: &TermForm) {
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

/// A small dialog box with a title, lines and a key hint.
fn dialog(
    theme: &Theme,
    frame: &mut Canvas<'_>,
    title: &str,
    lines: Vec<Line>,
    hint: &str,
    width: u16,
) {
    let area = frame.area();
    let width = width.min(area.width.saturating_sub(2));
    // Rows the lines take once wrapped inside the borders and the padding.
    let inner = usize::from(width.saturating_sub(4)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let height = (u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2)).min(area.height);
    let rect = centered(area, width, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Span::styled(format!(" {title} "), theme.heading))
        .title_bottom(Span::styled(format!(" {hint} "), theme.muted))
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Clear, rect);
    // Wrapped lines keep a column's distance from the border on both sides: the padding
    // gives it, and trimming drops the lines' own leading space.
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        rect,
    );
}

pub fn draw_export(app: &App, theme: &Theme, frame: &mut Canvas<'_>, d: &ExportDialog) {
    let mut formats = vec![Span::styled(" Format: ", theme.label)];
    for (f, with_glossary) in crate::app::EXPORT_CHOICES {
        let style = if (f, with_glossary) == (d.format, d.with_glossary) {
            theme.selected
        } else {
            theme.paragraph
        };
        formats.push(Span::styled(
            format!(" {} ", crate::app::choice_name(f, with_glossary)),
            style,
        ));
        formats.push(Span::raw(" "));
    }
    let lines = vec![
        Line::from(formats),
        Line::default(),
        Line::from(vec![
            Span::styled(" File:   ", theme.label),
            Span::raw(format!("{}▏", d.path)),
        ]),
        Line::default(),
        Line::from(Span::styled(
            if d.format.is_vocab() {
                format!(
                    " {} words of your vocabulary (those learning and known)",
                    crate::vocab::anki::words_in_deck(&app.learning.vocab)
                )
            } else if d.with_glossary {
                format!(
                    " {} notes of „{}“ and its glossary terms",
                    app.notebook.notes.len(),
                    truncate(&app.doc.title, 30)
                )
            } else {
                format!(
                    " {} notes of „{}“",
                    app.notebook.notes.len(),
                    truncate(&app.doc.title, 40)
                )
            },
            theme.muted,
        )),
    ];
    dialog(
        theme,
        frame,
        "Export notes",
        lines,
        "Tab/←→ format · type the file · Enter export · Esc cancel",
        76,
    );
}

/// The export's file exists: "FILE exists: o overwrite · n new name · Esc cancel".
pub fn draw_export_exists(theme: &Theme, frame: &mut Canvas<'_>, existing: &ExistingFile) {
    let answers: Vec<String> = crate::keys::EXPORT_EXISTS
        .iter()
        .map(|(letter, _, what)| format!("{letter} {what}"))
        .chain(["Esc cancel".to_string()])
        .collect();
    let lines = vec![
        Line::from(Span::styled(" This file exists:", theme.status_error)),
        Line::from(Span::raw(format!(" {}", existing.file.display()))),
        Line::default(),
        Line::from(Span::raw(format!(" {}", answers.join(" · ")))),
    ];
    dialog(
        theme,
        frame,
        "Export: file exists",
        lines,
        &answers.join(" · "),
        76,
    );
}

pub fn draw_confirm_quit(app: &App, theme: &Theme, frame: &mut Canvas<'_>) {
    let mut lines = Vec::new();
    let mut unsaved = |what: &str, error: Option<String>| {
        lines.push(Line::from(Span::styled(
            format!(" {what} not saved:"),
            theme.status_error,
        )));
        let error = error.unwrap_or_else(|| "not saved yet".into());
        lines.push(Line::from(Span::raw(format!(" {error}"))));
    };
    let notes = app.notebook.status.unsaved;
    if notes {
        unsaved("Your notes are", app.notebook.status.error.clone());
    }
    if app.unsaved_statuses() {
        unsaved("Word statuses are", app.learning.save_error.clone());
    }
    if let Some(e) = &app.terms.save_error {
        unsaved("Your glossary terms are", Some(e.clone()));
    }
    lines.push(Line::default());
    lines.push(Line::from(" r  try to save again"));
    if notes {
        lines.push(Line::from(" w  write the notes to another file"));
    }
    lines.push(Line::from(" q  quit without saving (the changes are lost)"));
    lines.push(Line::from(" Esc  go back"));
    let keys = if notes {
        "r · w · q · Esc"
    } else {
        "r · q · Esc"
    };
    dialog(theme, frame, "Unsaved changes", lines, keys, 70);
}

pub fn draw_write_elsewhere(theme: &Theme, frame: &mut Canvas<'_>, input: &str) {
    let lines = vec![
        Line::from(Span::styled(" Write the notes to:", theme.label)),
        Line::from(Span::raw(format!(" {input}▏"))),
    ];
    dialog(
        theme,
        frame,
        "Write notes elsewhere",
        lines,
        "Enter write · Esc back",
        76,
    );
}

pub fn draw_correct_lemma(
    theme: &Theme,
    frame: &mut Canvas<'_>,
    word: &str,
    was: &str,
    input: &str,
) {
    let lines = vec![
        Line::from(vec![
            Span::styled(" The lemma of ", theme.label),
            Span::raw(format!("„{word}“")),
            Span::styled(format!(" (read as „{was}“):"), theme.label),
        ]),
        Line::from(Span::raw(format!(" {input}▏"))),
        Line::default(),
        Line::from(" Kept for this spelling in every text; empty removes your correction."),
        Line::from(" A noun with der/die/das before it takes that gender."),
    ];
    dialog(
        theme,
        frame,
        "Correct the lemma",
        lines,
        "Enter keep · Esc cancel",
        76,
    );
}

pub fn draw_ask_backup(app: &App, theme: &Theme, frame: &mut Canvas<'_>) {
    let count = app.notebook.status.backup.as_ref().map_or(0, Vec::len);
    let recovery = app
        .notebook
        .status
        .recovery
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let lines = vec![
        Line::from(Span::styled(
            " The notes file does not parse (see the status line).",
            theme.status_error,
        )),
        Line::from(" It is left exactly as it is."),
        Line::default(),
        Line::from(format!(
            " Its backup (.bak) holds {count} notes. Load them?"
        )),
        Line::from(format!(" Notes are then saved to {recovery}.")),
        Line::default(),
        Line::from(" y  load the backup    n  start without it"),
    ];
    dialog(theme, frame, "Notes file broken", lines, "y · n", 76);
}
