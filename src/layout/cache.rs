//! Wrapped blocks, cached by (block, width): a key press or a resize wraps only the blocks
//! that come into view.

use std::collections::HashMap;

use super::shape::{BlockShape, shape_of};
use super::wrap::{Line, wrap_text_joined};
use crate::document::{BlockKind, Document};

/// One block laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockLayout {
    pub shape: BlockShape,
    pub lines: Vec<Line>,
}

impl BlockLayout {
    /// Screen rows: the gap before, the lines, an underline.
    pub fn rows(&self) -> usize {
        self.shape.gap_before + self.lines.len() + usize::from(self.shape.underline)
    }

    /// The line shown at `row`, if that row is a text line.
    pub fn line_at_row(&self, row: usize) -> Option<&Line> {
        row.checked_sub(self.shape.gap_before)
            .and_then(|i| self.lines.get(i))
    }
}

/// Lay out one block at a text width.
pub fn layout_block(doc: &Document, index: usize, width: usize, hyphenate: bool) -> BlockLayout {
    let Some(block) = doc.blocks.get(index) else {
        return BlockLayout {
            shape: shape_of(BlockKind::Paragraph, None),
            lines: Vec::new(),
        };
    };
    let previous = index
        .checked_sub(1)
        .and_then(|p| doc.blocks.get(p))
        .map(|b| b.kind);
    let mut shape = shape_of(block.kind, previous);
    // However deep a list nests, half the width is left for the text.
    shape.indent = shape.indent.min(width / 2);
    let text = doc.block_text(index);
    let inner = width.saturating_sub(shape.indent).max(2);
    let lines = match block.kind {
        BlockKind::Rule => vec![Line::plain(block.text.start..block.text.start, 0)],
        // Preformatted text (code, tables, terminal sessions) is never re-wrapped: one row
        // per line, as wide as it is; a row wider than the pane scrolls sideways.
        BlockKind::Code => {
            // A plain text's code block starts at its least indented line's indentation:
            // each line loses as much (the rows keep the indentation relative to it).
            let strip = indentation_before(&doc.text, block.text.start);
            let mut start = block.text.start;
            let mut lines = Vec::new();
            for (n, l) in text.split('\n').enumerate() {
                let cut = if n == 0 {
                    0
                } else {
                    l.bytes()
                        .take(strip)
                        .take_while(|b| *b == b' ' || *b == b'\t')
                        .count()
                };
                let row = &l[cut..];
                lines.push(Line::plain(
                    start + cut..start + l.len(),
                    unicode_width::UnicodeWidthStr::width(row),
                ));
                start += l.len() + 1;
            }
            lines
        }
        kind => {
            let splitter = if hyphenate {
                super::german_splitter()
            } else {
                None
            };
            let joins = doc.joins_in(index);
            let base = block.text.start;
            match text.split_once('\n') {
                // A callout's label is a row of its own; its text is wrapped as a paragraph.
                Some((label, rest)) if kind == BlockKind::Callout => {
                    let mut lines = wrap_text_joined(label, base, inner, false, splitter, &[]);
                    let rest_base = base + label.len() + 1;
                    lines.extend(wrap_text_joined(
                        rest, rest_base, inner, false, splitter, joins,
                    ));
                    lines
                }
                _ => wrap_text_joined(text, base, inner, kind.keeps_line_breaks(), splitter, joins),
            }
        }
    };
    BlockLayout { shape, lines }
}

/// The spaces and tabs between the start of the line and `offset`, in bytes (0 if there
/// is anything else).
fn indentation_before(text: &str, offset: usize) -> usize {
    let Some(before) = text.get(..offset) else {
        return 0;
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let indent = &before[line_start..];
    if indent.bytes().all(|b| b == b' ' || b == b'\t') {
        indent.len()
    } else {
        0
    }
}

/// Blocks kept wrapped at most; far more than any screen needs, and a bound on memory
/// however far one reads.
pub const CACHE_LIMIT: usize = 8192;

/// Wrapped blocks by (block, width).
#[derive(Debug, Default)]
pub struct LayoutCache {
    hyphenate: bool,
    entries: HashMap<(usize, usize), BlockLayout>,
}

impl LayoutCache {
    pub fn new(hyphenate: bool) -> Self {
        LayoutCache {
            hyphenate,
            entries: HashMap::new(),
        }
    }

    pub fn hyphenate(&self) -> bool {
        self.hyphenate
    }

    /// The layout of a block, wrapping it on first use.
    pub fn get(&mut self, doc: &Document, block: usize, width: usize) -> &BlockLayout {
        let hyphenate = self.hyphenate;
        if self.entries.len() >= CACHE_LIMIT && !self.entries.contains_key(&(block, width)) {
            // Reading through a book: forget what is far behind or at another width.
            self.entries
                .retain(|&(b, w), _| w == width && b.abs_diff(block) < CACHE_LIMIT / 4);
        }
        self.entries
            .entry((block, width))
            .or_insert_with(|| layout_block(doc, block, width, hyphenate))
    }

    /// The layout if it is cached already.
    pub fn peek(&self, block: usize, width: usize) -> Option<&BlockLayout> {
        self.entries.get(&(block, width))
    }

    /// Number of cached (block, width) entries, for tests and benchmarks.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Origin, parse_str};

    #[test]
    fn a_list_nested_forty_deep_shows_its_words_at_any_width() {
        let mut md = String::from("# Tief\n\n");
        for level in 0..40 {
            md.push_str(&format!("{}- Ebene {level} mit Text\n", "  ".repeat(level)));
        }
        let doc = parse_str(md, Origin::Bundled("test"), "test", true);
        let deepest = doc.blocks.len() - 1;
        for width in [20, 40, 80] {
            let layout = layout_block(&doc, deepest, width, false);
            let rows: Vec<&str> = layout
                .lines
                .iter()
                .map(|l| doc.text[l.range.clone()].trim())
                .collect();
            assert!(rows.iter().all(|r| !r.is_empty()), "{width}: {rows:?}");
            assert!(layout.shape.indent <= width / 2);
        }
    }

    #[test]
    fn crlf_line_ends_read_like_lf_ones() {
        let lf = "Titel\n\nEins zwei\ndrei vier und\nnoch mehr.\n";
        let crlf = lf.replace('\n', "\r\n");
        let rows = |text: &str| -> Vec<String> {
            let doc = parse_str(text.to_string(), Origin::Bundled("test"), "test", false);
            (0..doc.blocks.len())
                .flat_map(|b| {
                    let layout = layout_block(&doc, b, 12, false);
                    layout
                        .lines
                        .iter()
                        .map(|l| {
                            doc.text[l.range.clone()]
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        assert_eq!(rows(&crlf), rows(lf));
    }

    #[test]
    fn a_hard_line_break_in_markdown_starts_a_new_row() {
        let doc = parse_str(
            "# Titel\n\nZeile eins  \nZeile zwei mit hartem Umbruch.\n".to_string(),
            Origin::Bundled("test"),
            "test",
            true,
        );
        let layout = layout_block(&doc, 1, 60, false);
        let rows: Vec<&str> = layout
            .lines
            .iter()
            .map(|l| &doc.text[l.range.clone()])
            .collect();
        assert_eq!(rows, ["Zeile eins", "Zeile zwei mit hartem Umbruch."]);
    }

    #[test]
    fn a_long_line_of_code_stays_one_row() {
        let code = format!("fn größe() {{ {} }}", "x + ".repeat(40));
        let doc = parse_str(
            format!("# Titel\n\n```\n{code}\nkurz\n```\n"),
            Origin::Bundled("test"),
            "test",
            true,
        );
        let block = doc
            .blocks
            .iter()
            .position(|b| b.kind == crate::document::BlockKind::Code)
            .expect("code");
        let layout = layout_block(&doc, block, 30, false);
        let rows: Vec<&str> = layout
            .lines
            .iter()
            .map(|l| &doc.text[l.range.clone()])
            .collect();
        assert_eq!(
            rows,
            [code.as_str(), "kurz"],
            "byte for byte its source lines"
        );
        assert_eq!(
            layout.lines[0].width,
            unicode_width::UnicodeWidthStr::width(code.as_str())
        );
    }

    #[test]
    fn the_cache_stays_bounded_and_keeps_what_is_near() {
        let text: String = (0..CACHE_LIMIT * 2)
            .map(|i| format!("Absatz {i} über Größe.\n\n"))
            .collect();
        let doc = parse_str(text, Origin::Bundled("test"), "test", false);
        let mut cache = LayoutCache::new(false);
        for b in 0..doc.blocks.len() {
            let rows = cache.get(&doc, b, 40).rows();
            assert!(rows > 0);
            assert!(
                cache.len() <= CACHE_LIMIT,
                "{} entries at block {b}",
                cache.len()
            );
        }
        let last = doc.blocks.len() - 1;
        assert!(cache.peek(last, 40).is_some());
        assert!(cache.peek(last - 100, 40).is_some(), "a near block is kept");
        assert!(cache.peek(0, 40).is_none(), "a far block is forgotten");
    }
}
