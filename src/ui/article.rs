//! The article pane: the visible rows of the document, styled by block kind, with search
//! matches highlighted. Only the rows on screen are built.

use std::borrow::Cow;
use std::ops::Range;

use super::canvas::Canvas;
use ratatui::layout::Alignment;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, pane_block, plain};
use crate::app::{App, Mode, PaneId};
use crate::document::{BlockKind, Inline};
use crate::layout::{BlockLayout, layout_block};
use crate::notes::AnchorKind;
use crate::vocab::Status;

pub fn draw(app: &App, theme: &Theme, frame: &mut Canvas<'_>) {
    let title = Line::from(vec![plain(" Article ", theme.heading)]);
    let block = pane_block(app, theme, PaneId::Article, title);
    frame.render_widget(block, app.panes.article);
    let area = app.panes.text;
    if area.width == 0 || area.height == 0 {
        return;
    }
    if app.doc.is_empty() {
        let empty = Paragraph::new("This document is empty.")
            .style(theme.muted)
            .alignment(Alignment::Center);
        frame.render_widget(empty, area);
        return;
    }
    let (lines, marked) = visible_lines(app, theme, usize::from(area.height));
    let buf = frame.buffer_mut();
    for (i, line) in lines.iter().enumerate() {
        super::cells::put_line(buf, area, area.y + i as u16, line);
    }
    // Paragraphs with notes carry a marker in the left margin.
    if area.x >= app.panes.article.x + 2 {
        let x = area.x - 2;
        for (i, has_note) in marked.iter().enumerate() {
            if *has_note {
                frame
                    .buffer_mut()
                    .set_string(x, area.y + i as u16, "✎", theme.note_marker);
            }
        }
    }
}

/// Whether a block has notes (detached notes are nowhere).
fn block_has_note(app: &App, block: usize) -> bool {
    app.notebook
        .notes
        .iter()
        .any(|n| !n.detached && n.anchor.block == block)
}

/// The styled rows from the top of the view down, `height` of them at most, and for each
/// whether it is the first line of a paragraph with notes.
fn visible_lines(app: &App, theme: &Theme, height: usize) -> (Vec<Line<'static>>, Vec<bool>) {
    let width = app.text_width();
    let mut out = Vec::with_capacity(height);
    let mut marked = Vec::with_capacity(height);
    let mut block = app.top.block;
    let mut row = app.top.row;
    while out.len() < height && block < app.doc.blocks.len() {
        let layout: Cow<'_, BlockLayout> = match app.layout.peek(block, width) {
            Some(l) => Cow::Borrowed(l),
            None => Cow::Owned(layout_block(&app.doc, block, width, app.layout.hyphenate())),
        };
        let has_note = block_has_note(app, block);
        while row < layout.rows() && out.len() < height {
            out.push(render_row(app, theme, block, &layout, row, width));
            marked.push(has_note && row == layout.shape.gap_before);
            row += 1;
        }
        block += 1;
        row = 0;
    }
    (out, marked)
}

fn kind_style(theme: &Theme, kind: BlockKind, line_index: usize) -> Style {
    match kind {
        BlockKind::Title => theme.title,
        BlockKind::Lead => theme.lead,
        BlockKind::Heading { .. } => theme.heading,
        BlockKind::Quote => theme.quote,
        BlockKind::Aside | BlockKind::Callout if line_index == 0 => theme.aside_label,
        BlockKind::Aside | BlockKind::Callout => theme.aside,
        BlockKind::Credit | BlockKind::Caption => theme.credit,
        BlockKind::Code => theme.code,
        BlockKind::Rule => theme.rule,
        BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::Definition => {
            theme.paragraph
        }
    }
}

fn render_row(
    app: &App,
    theme: &Theme,
    block: usize,
    layout: &BlockLayout,
    row: usize,
    width: usize,
) -> Line<'static> {
    let kind = app.doc.blocks[block].kind;
    let gap = layout.shape.gap_before;
    if row < gap {
        return Line::default();
    }
    let index = row - gap;
    let Some(line) = layout.lines.get(index) else {
        // The underline row under a title or heading.
        let w = layout
            .lines
            .iter()
            .map(|l| l.width)
            .max()
            .unwrap_or(0)
            .min(width);
        let ch = if kind == BlockKind::Title {
            "═"
        } else {
            "─"
        };
        return Line::from(Span::styled(ch.repeat(w), kind_style(theme, kind, 0)));
    };
    if kind == BlockKind::Rule {
        let w = (width / 3).max(3);
        return Line::from(Span::styled("─".repeat(w), theme.rule)).alignment(Alignment::Center);
    }
    let mut spans = Vec::new();
    match kind {
        BlockKind::ListItem { number, .. } if index == 0 => {
            let marker = crate::layout::list_marker(number);
            let pad = layout.shape.indent.saturating_sub(marker.chars().count());
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(marker, theme.muted));
        }
        BlockKind::Quote => spans.push(Span::styled("  ┃ ", theme.quote_bar)),
        BlockKind::Aside | BlockKind::Callout => spans.push(Span::styled("  ▌ ", theme.aside_bar)),
        _ if layout.shape.indent > 0 => spans.push(Span::raw(" ".repeat(layout.shape.indent))),
        _ => {}
    }
    let base = kind_style(theme, kind, index);
    if kind == BlockKind::Code {
        // Preformatted rows are never wrapped: a window of the row, scrolled with `<` `>`,
        // with a mark where it goes on beyond the pane.
        let avail = width.saturating_sub(layout.shape.indent).max(1);
        let (range, left, right) = columns(&app.doc.text, line.range.clone(), app.hscroll, avail);
        if left {
            spans.push(Span::styled("‹", theme.muted));
        }
        let window = crate::layout::Line::plain(range, 0);
        spans.extend(text_spans(app, theme, block, &window, base));
        if right {
            spans.push(Span::styled("›", theme.muted));
        }
        return Line::from(spans);
    }
    spans.extend(text_spans(app, theme, block, line, base));
    if line.hyphen {
        spans.push(Span::styled("-", base));
    }
    Line::from(spans)
}

/// The text of a line, split where glossary terms, search matches and the word cursor
/// begin and end; overlapping marks combine their styles.
fn text_spans(
    app: &App,
    theme: &Theme,
    block: usize,
    line: &crate::layout::Line,
    base: Style,
) -> Vec<Span<'static>> {
    let range = line.range.clone();
    let text = &app.doc.text;
    let clip = |r: &Range<usize>| r.start.max(range.start)..r.end.min(range.end);
    let overlaps = |r: &Range<usize>| r.start < range.end && r.end > range.start;
    let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
    // Markdown's inline styles first: the marks below are set over them.
    for (r, inline) in app.doc.inline_in(block) {
        if overlaps(r) {
            let style = match inline {
                Inline::Strong => Style::new().add_modifier(Modifier::BOLD),
                Inline::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
                Inline::Code => theme.code,
                Inline::Strikethrough => Style::new().add_modifier(Modifier::CROSSED_OUT),
                Inline::Link => Style::new().add_modifier(Modifier::UNDERLINED),
            };
            marks.push((clip(r), style));
        }
    }
    for o in app.terms.glossary.in_block(block) {
        if overlaps(&o.range) {
            marks.push((clip(&o.range), theme.term));
        }
    }
    if let Some(search) = &app.search {
        // Matches are in order and do not overlap: the first that ends after the line's
        // start (not the block's first: a text in one line has all its matches in one
        // block, and a line far into it would look at all of those before it).
        let first = search.matches.partition_point(|m| {
            m.block < block || (m.block == block && m.range.end <= range.start)
        });
        for (i, m) in search.matches.iter().enumerate().skip(first) {
            if m.block != block || m.range.start >= range.end {
                break;
            }
            if overlaps(&m.range) {
                let style = if search.current == Some(i) {
                    theme.search_current
                } else {
                    theme.search_match
                };
                marks.push((clip(&m.range), style));
            }
        }
    }
    if app.learning.colours {
        for t in app
            .learning
            .words
            .in_block(&app.doc, Some(&app.terms.glossary), block)
        {
            // A word not counted yet (a long text is counted in the background) has no
            // key: it gets its colour once it is counted.
            let Some(key) = app.learning.words.keys.get(t.key as usize) else {
                continue;
            };
            if !overlaps(&t.range) {
                continue;
            }
            let style = match app.learning.vocab.status(key) {
                Status::New => Some(theme.status_new),
                Status::L1 => Some(theme.status_learning[0]),
                Status::L2 => Some(theme.status_learning[1]),
                Status::L3 => Some(theme.status_learning[2]),
                Status::L4 => Some(theme.status_learning[3]),
                Status::L5 => Some(theme.status_learning[4]),
                Status::Known | Status::Ignored => None,
            };
            if let Some(style) = style {
                marks.push((clip(&t.range), style));
            }
        }
    }
    for n in &app.notebook.notes {
        let r = n.anchor.start..n.anchor.end;
        if !n.detached && n.anchor.kind != AnchorKind::Paragraph && overlaps(&r) {
            marks.insert(0, (clip(&r), theme.note));
        }
    }
    if let Some((_, r)) = app.selection_range()
        && overlaps(&r)
    {
        marks.push((clip(&r), theme.selection));
    }
    for (b, r) in &app.parts {
        if *b == block && overlaps(r) {
            marks.push((clip(r), theme.selection));
        }
    }
    if let Some(c) = &app.cursor
        && c.block == block
        && overlaps(&c.range)
    {
        marks.push((clip(&c.range), theme.cursor));
    }
    // Hint jumps: a word's label is drawn over its first letters.
    let mut labels: Vec<(Range<usize>, &str)> = Vec::new();
    if let Mode::Hints { hints, typed } = &app.mode {
        for h in hints
            .iter()
            .filter(|h| h.block == block && h.label.starts_with(typed))
        {
            let n = h.label.chars().count();
            let end = text[h.range.clone()]
                .char_indices()
                .nth(n)
                .map_or(h.range.end, |(i, _)| h.range.start + i);
            let r = h.range.start..end;
            if r.start >= range.start && r.end <= range.end {
                labels.push((r, h.label.as_str()));
            }
        }
    }
    // Cut the line at every mark boundary and style each piece with the marks over it.
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (r, _) in &marks {
        cuts.push(r.start);
        cuts.push(r.end);
    }
    for (r, _) in &labels {
        cuts.push(r.start);
        cuts.push(r.end);
    }
    // What the wrap hides (a collapsed line break, a joined word's hyphen) is not drawn.
    for r in &line.hidden {
        cuts.push(r.start.clamp(range.start, range.end));
        cuts.push(r.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1] && !line.is_hidden(w[0]))
        .map(|w| {
            if let Some((_, label)) = labels
                .iter()
                .find(|(r, _)| r.start == w[0] && r.end == w[1])
            {
                return Span::styled(label.to_string(), theme.hint);
            }
            let style = marks
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(base, |s, (_, m)| s.patch(*m));
            Span::styled(clean(&text[w[0]..w[1]]), style)
        })
        .collect()
}

/// The part of a row from column `from` that fits `width` columns, and whether the row goes
/// on to the left and to the right of it (a column is then given to a mark `‹` or `›`).
fn columns(
    text: &str,
    range: Range<usize>,
    from: usize,
    width: usize,
) -> (Range<usize>, bool, bool) {
    use unicode_width::UnicodeWidthChar;
    let row = &text[range.clone()];
    let total: usize = row.chars().map(|c| c.width().unwrap_or(0)).sum();
    let left = from > 0 && total > 0;
    let mut room = width.saturating_sub(usize::from(left));
    if total.saturating_sub(from) > room {
        room = room.saturating_sub(1);
    }
    let (mut col, mut start, mut end) = (0, None, range.end);
    for (i, c) in row.char_indices() {
        let w = c.width().unwrap_or(0);
        if start.is_none() && col >= from {
            start = Some(range.start + i);
        }
        if start.is_some() && col + w > from + room {
            end = range.start + i;
            break;
        }
        col += w;
    }
    let start = start.unwrap_or(range.end);
    let right = end < range.end;
    (start..end.max(start), left && start > range.start, right)
}

/// Whitespace shown as one space each, control characters as a replacement mark, so the
/// width on screen is the width the wrap counted.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_whitespace() {
                ' '
            } else if c.is_control() {
                '�'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn a_window_of_a_wide_row_with_its_marks() {
        let t = "abcdefghij";
        assert_eq!(columns(t, 0..10, 0, 20), (0..10, false, false));
        assert_eq!(columns(t, 0..10, 0, 5), (0..4, false, true));
        assert_eq!(columns(t, 0..10, 3, 5), (3..6, true, true));
        assert_eq!(columns(t, 0..10, 6, 5), (6..10, true, false));
        // Wide characters are whole or not at all.
        let w = "漢字漢字漢字";
        let (r, _, right) = columns(w, 0..w.len(), 0, 6);
        assert_eq!((&w[r], right), ("漢字", true));
    }

    #[test]
    fn clean_keeps_width() {
        let s = "Größe\tund\n„Zitat“";
        assert_eq!(clean(s).width(), s.chars().count());
    }
}
