//! How each kind of block sits on the page: indent, space before, decoration rows.

use crate::document::BlockKind;

/// The page geometry of one block kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockShape {
    /// Columns reserved on the left (for a quote bar, an aside bar, a list indent).
    pub indent: usize,
    /// Blank rows before the block (not before the first block).
    pub gap_before: usize,
    /// An underline row after the text (title and headings).
    pub underline: bool,
    /// Whether the text is wrapped (code is not).
    pub wraps: bool,
}

/// How far a definition (an option's description in a man page) is set in.
pub const DEFINITION_INDENT: usize = 6;

/// Lists nested deeper than this are set in no further: the text keeps its width.
pub const DEEPEST_LIST_INDENT: u8 = 8;

/// The marker drawn before a list item's first line: a bullet, or its number.
pub fn list_marker(number: Option<u32>) -> String {
    match number {
        Some(n) => format!("{n}. "),
        None => "• ".to_string(),
    }
}

/// The shape of a block, given the kind of the block before it.
pub fn shape_of(kind: BlockKind, previous: Option<BlockKind>) -> BlockShape {
    let base = BlockShape {
        indent: 0,
        gap_before: 1,
        underline: false,
        wraps: true,
    };
    let shape = match kind {
        BlockKind::Title => BlockShape {
            underline: true,
            ..base
        },
        BlockKind::Heading { .. } => BlockShape {
            gap_before: 2,
            underline: true,
            ..base
        },
        BlockKind::Quote => BlockShape { indent: 4, ..base },
        BlockKind::Aside | BlockKind::Callout => BlockShape { indent: 4, ..base },
        BlockKind::Code => BlockShape {
            indent: 4,
            wraps: false,
            ..base
        },
        // Under its term, further in; a second paragraph of it after a blank row.
        BlockKind::Definition => BlockShape {
            indent: DEFINITION_INDENT,
            gap_before: usize::from(matches!(previous, Some(BlockKind::Definition))),
            ..base
        },
        BlockKind::ListItem { depth, number } => BlockShape {
            // Two columns a level, then the marker: wrapped lines hang under the text.
            indent: 2
                + 2 * usize::from(depth.min(DEEPEST_LIST_INDENT))
                + list_marker(number).chars().count(),
            gap_before: usize::from(!matches!(previous, Some(BlockKind::ListItem { .. }))),
            ..base
        },
        _ => base,
    };
    if previous.is_none() {
        BlockShape {
            gap_before: 0,
            ..shape
        }
    } else {
        shape
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deeply_nested_list_item_keeps_room_for_its_text() {
        let deep = shape_of(
            BlockKind::ListItem {
                depth: 40,
                number: None,
            },
            None,
        );
        let eighth = shape_of(
            BlockKind::ListItem {
                depth: DEEPEST_LIST_INDENT,
                number: None,
            },
            None,
        );
        assert_eq!(deep.indent, eighth.indent);
        assert!(deep.indent < 30);
    }

    #[test]
    fn a_definition_hangs_under_its_term_and_a_second_one_after_a_blank_row() {
        let first = shape_of(BlockKind::Definition, Some(BlockKind::Paragraph));
        assert_eq!((first.indent, first.gap_before), (DEFINITION_INDENT, 0));
        let second = shape_of(BlockKind::Definition, Some(BlockKind::Definition));
        assert_eq!((second.indent, second.gap_before), (DEFINITION_INDENT, 1));
        let term = shape_of(BlockKind::Paragraph, Some(BlockKind::Definition));
        assert_eq!((term.indent, term.gap_before), (0, 1));
    }
}
