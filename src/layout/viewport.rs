//! The viewport: the first visible row, kept as (block, row in block) for scrolling and
//! turned into (block, byte offset) to survive a resize or a restart.

use super::cache::LayoutCache;
use crate::document::Document;

/// The top row of the view: a block and a row inside its layout (gap rows included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub block: usize,
    pub row: usize,
}

/// A place in the text that does not depend on the width: a block and a byte offset
/// relative to the start of the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    pub block: usize,
    pub offset: usize,
}

impl Position {
    /// Move down by `n` rows, stopping at `limit`.
    pub fn down(
        self,
        n: usize,
        limit: Position,
        cache: &mut LayoutCache,
        doc: &Document,
        width: usize,
    ) -> Position {
        if self >= limit {
            return self;
        }
        let mut pos = self;
        let mut left = n;
        while left > 0 && pos < limit {
            let rows = cache.get(doc, pos.block, width).rows();
            let room = rows.saturating_sub(pos.row + 1);
            if room >= left {
                pos.row += left;
                left = 0;
            } else if pos.block + 1 < doc.blocks.len() {
                left -= room + 1;
                pos = Position {
                    block: pos.block + 1,
                    row: 0,
                };
            } else {
                pos.row = rows.saturating_sub(1);
                break;
            }
        }
        pos.min(limit)
    }

    /// Move up by `n` rows, stopping at the start.
    pub fn up(self, n: usize, cache: &mut LayoutCache, doc: &Document, width: usize) -> Position {
        let mut pos = self;
        let mut left = n;
        while left > 0 {
            if pos.row >= left {
                pos.row -= left;
                left = 0;
            } else if pos.block > 0 {
                left -= pos.row + 1;
                let block = pos.block - 1;
                let rows = cache.get(doc, block, width).rows();
                pos = Position {
                    block,
                    row: rows.saturating_sub(1),
                };
            } else {
                pos.row = 0;
                left = 0;
            }
        }
        pos
    }

    /// The last top position: the one that shows the document's last row at the bottom of
    /// a view `height` rows tall. Walks back from the end: work proportional to the screen.
    pub fn last_top(
        height: usize,
        cache: &mut LayoutCache,
        doc: &Document,
        width: usize,
    ) -> Position {
        let Some(last) = doc.blocks.len().checked_sub(1) else {
            return Position::default();
        };
        let rows = cache.get(doc, last, width).rows();
        let end = Position {
            block: last,
            row: rows.saturating_sub(1),
        };
        end.up(height.saturating_sub(1), cache, doc, width)
    }

    /// The width-independent anchor of this position.
    pub fn anchor(self, cache: &mut LayoutCache, doc: &Document, width: usize) -> Anchor {
        let layout = cache.get(doc, self.block, width);
        let base = doc.blocks.get(self.block).map_or(0, |b| b.text.start);
        let line = self
            .row
            .checked_sub(layout.shape.gap_before)
            .map(|i| i.min(layout.lines.len().saturating_sub(1)))
            .and_then(|i| layout.lines.get(i));
        Anchor {
            block: self.block,
            offset: line.map_or(0, |l| l.range.start.saturating_sub(base)),
        }
    }

    /// The position that shows `anchor` on its top row: the line that contains the offset
    /// (the gap rows before a block are skipped, so its first line is on top).
    pub fn from_anchor(
        anchor: Anchor,
        cache: &mut LayoutCache,
        doc: &Document,
        width: usize,
    ) -> Position {
        if doc.blocks.is_empty() {
            return Position::default();
        }
        let block = anchor.block.min(doc.blocks.len() - 1);
        let base = doc.blocks[block].text.start;
        let layout = cache.get(doc, block, width);
        let target = base + anchor.offset;
        let index = layout
            .lines
            .iter()
            .rposition(|l| l.range.start <= target)
            .unwrap_or(0);
        Position {
            block,
            row: layout.shape.gap_before + index,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::bundled;

    #[test]
    fn down_and_up_are_inverse_inside_the_document() {
        let doc = bundled();
        let mut cache = LayoutCache::new(false);
        let width = 60;
        let limit = Position::last_top(20, &mut cache, &doc, width);
        let start = Position::default();
        let moved = start.down(37, limit, &mut cache, &doc, width);
        assert!(moved > start);
        assert_eq!(moved.up(37, &mut cache, &doc, width), start);
        let end = start.down(100_000, limit, &mut cache, &doc, width);
        assert_eq!(end, limit);
    }

    #[test]
    fn anchor_survives_a_width_change() {
        let doc = bundled();
        let mut cache = LayoutCache::new(false);
        let limit = Position::last_top(20, &mut cache, &doc, 70);
        let pos = Position::default().down(45, limit, &mut cache, &doc, 70);
        let anchor = pos.anchor(&mut cache, &doc, 70);
        let narrow = Position::from_anchor(anchor, &mut cache, &doc, 40);
        assert_eq!(narrow.block, pos.block);
        let line = cache
            .get(&doc, narrow.block, 40)
            .line_at_row(narrow.row)
            .cloned();
        if let Some(line) = line {
            let target = doc.blocks[pos.block].text.start + anchor.offset;
            assert!(line.range.start <= target && target <= line.range.end);
        }
    }
}
