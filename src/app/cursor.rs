//! The word cursor in the article: moving word by word, placing it with the mouse.

use std::ops::Range;

use super::App;
use crate::document::word_ranges;
use crate::layout::Position;

/// A word of the document: its block and byte range in `Document::text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordCursor {
    pub block: usize,
    pub range: Range<usize>,
}

fn words_in(app: &App, block: usize) -> Vec<Range<usize>> {
    let base = app.doc.blocks.get(block).map_or(0, |b| b.text.start);
    word_ranges(app.doc.block_text(block))
        .into_iter()
        .map(|r| base + r.start..base + r.end)
        .collect()
}

/// The first word at or after the top of the screen.
fn first_visible_word(app: &mut App) -> Option<WordCursor> {
    let anchor = app.anchor();
    let base = app.doc.blocks.get(anchor.block)?.text.start;
    let from = base + anchor.offset;
    for block in anchor.block..app.doc.blocks.len() {
        if let Some(r) = words_in(app, block).into_iter().find(|r| r.start >= from) {
            return Some(WordCursor { block, range: r });
        }
    }
    None
}

/// Every word on screen, in text order.
pub fn visible_words(app: &mut App) -> Vec<WordCursor> {
    if app.doc.is_empty() {
        return Vec::new();
    }
    let top = app.anchor();
    let bottom = app.bottom();
    let last_block = bottom.block.min(app.doc.blocks.len() - 1);
    let width = app.text_width();
    let from = app.doc.blocks.get(top.block).map_or(0, |b| b.text.start) + top.offset;
    let to = app
        .layout
        .get(&app.doc, last_block, width)
        .line_at_row(bottom.row)
        .map_or(app.doc.blocks[last_block].text.end, |l| l.range.end);
    let mut out = Vec::new();
    for block in top.block..=last_block {
        for range in words_in(app, block) {
            if range.start >= from && range.end <= to {
                out.push(WordCursor { block, range });
            }
        }
    }
    out
}

/// Put the cursor on the word at byte `offset` of the text (or the next word of its
/// block), as a search match or a lookup puts it.
pub fn place_on(app: &mut App, block: usize, offset: usize) {
    let words = words_in(app, block);
    let hit = words
        .iter()
        .find(|r| r.start <= offset && offset < r.end)
        .or_else(|| words.iter().find(|r| r.start >= offset));
    if let Some(r) = hit {
        app.cursor = Some(WordCursor {
            block,
            range: r.clone(),
        });
    }
}

/// Whether the cursor is on screen.
pub fn cursor_visible(app: &mut App) -> bool {
    let Some(c) = app.cursor.clone() else {
        return false;
    };
    let pos = app.position_of(c.block, c.range.start);
    pos >= app.top && pos <= app.bottom()
}

/// Move the cursor by one word (forward or back); from nowhere or off screen it starts at
/// the first word on screen.
pub fn step(app: &mut App, forward: bool) {
    if app.doc.is_empty() {
        return;
    }
    let next = match app.cursor.clone() {
        Some(c) if cursor_visible(app) => {
            let words = words_in(app, c.block);
            let i = words.iter().position(|r| *r == c.range);
            let candidate = match (i, forward) {
                (Some(i), true) if i + 1 < words.len() => Some((c.block, words[i + 1].clone())),
                (Some(i), false) if i > 0 => Some((c.block, words[i - 1].clone())),
                _ => None,
            };
            candidate
                .or_else(|| {
                    let mut block = c.block;
                    loop {
                        block = if forward {
                            block + 1
                        } else {
                            block.checked_sub(1)?
                        };
                        if block >= app.doc.blocks.len() {
                            return None;
                        }
                        let words = words_in(app, block);
                        let w = if forward { words.first() } else { words.last() };
                        if let Some(w) = w {
                            return Some((block, w.clone()));
                        }
                    }
                })
                .map(|(block, range)| WordCursor { block, range })
        }
        _ => first_visible_word(app),
    };
    if let Some(c) = next {
        let (block, start) = (c.block, c.range.start);
        app.cursor = Some(c);
        app.reveal(block, start, false);
    }
}

/// Place the cursor on the word at a screen cell of the article's text column.
pub fn place_at(app: &mut App, column: u16, row: u16) -> bool {
    let text = app.panes.text;
    if row < text.y || row >= text.y + text.height || app.doc.is_empty() {
        return false;
    }
    let width = app.text_width();
    let pos = app.top.down(
        usize::from(row - text.y),
        Position {
            block: usize::MAX,
            row: 0,
        },
        &mut app.layout,
        &app.doc,
        width,
    );
    let layout = app.layout.get(&app.doc, pos.block, width);
    let indent = layout.shape.indent;
    let Some(line) = layout.line_at_row(pos.row).cloned() else {
        return false;
    };
    let target = usize::from(column.saturating_sub(text.x)).saturating_sub(indent);
    let mut col = 0;
    let mut offset = line.range.end;
    for (i, ch) in app.doc.text[line.range.clone()].char_indices() {
        if line.is_hidden(line.range.start + i) {
            continue;
        }
        let w = if ch.is_whitespace() {
            1
        } else {
            unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0)
        };
        if col + w > target {
            offset = line.range.start + i;
            break;
        }
        col += w;
    }
    let words = words_in(app, pos.block);
    let hit = words
        .iter()
        .find(|r| r.start <= offset && offset < r.end)
        .or_else(|| {
            words
                .iter()
                .find(|r| r.start >= offset && r.start < line.range.end)
        });
    match hit {
        Some(r) => {
            app.cursor = Some(WordCursor {
                block: pos.block,
                range: r.clone(),
            });
            true
        }
        None => false,
    }
}
