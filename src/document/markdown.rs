//! Markdown into the same block model, through pulldown-cmark.

use std::ops::Range;
use unicode_width::UnicodeWidthStr;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{Block, BlockKind, Document, Origin};

struct Builder {
    text: String,
    blocks: Vec<Block>,
    /// The block being filled: kind, start in `text`, start in the source.
    open: Option<(BlockKind, usize, usize)>,
    quote_depth: usize,
    /// One entry per open list: the next number of an ordered list.
    lists: Vec<Option<u64>>,
    item_depth: usize,
    has_title: bool,
}

impl Builder {
    fn begin(&mut self, kind: BlockKind, source_start: usize) {
        if self.open.is_none() {
            if !self.text.is_empty() {
                self.text.push('\n');
            }
            self.open = Some((kind, self.text.len(), source_start));
        }
    }

    fn end(&mut self, source_end: usize) {
        if let Some((kind, start, source_start)) = self.open.take() {
            let trimmed_end = start + self.text[start..].trim_end().len();
            self.text.truncate(trimmed_end);
            if trimmed_end > start || kind == BlockKind::Rule {
                self.blocks.push(Block {
                    kind,
                    text: start..trimmed_end,
                    source: source_start..source_end,
                });
            }
        }
    }

    fn push_text(&mut self, s: &str) {
        match self.open {
            // Code keeps its columns: tabs become spaces to the next tab stop.
            Some((BlockKind::Code, start, _)) if s.contains('\t') => {
                let column = self.text[start..]
                    .rsplit('\n')
                    .next()
                    .map_or(0, UnicodeWidthStr::width);
                self.text.push_str(&expand_tabs(s, column));
            }
            Some(_) => self.text.push_str(s),
            None => {}
        }
    }
}

/// Columns between tab stops in code.
const TAB_STOP: usize = 4;

/// `s` with each tab replaced by spaces up to the next tab stop; `column` is where `s`
/// starts on its first line.
fn expand_tabs(s: &str, column: usize) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut column = column;
    for c in s.chars() {
        match c {
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' => {
                out.push(c);
                column = 0;
            }
            c => {
                out.push(c);
                column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
        }
    }
    out
}

pub(super) fn parse(source: &str, origin: Origin, fallback_title: &str) -> Document {
    let mut b = Builder {
        text: String::with_capacity(source.len()),
        blocks: Vec::new(),
        open: None,
        quote_depth: 0,
        lists: Vec::new(),
        item_depth: 0,
        has_title: false,
    };
    for (event, range) in Parser::new(source).into_offset_iter() {
        handle(&mut b, event, range);
    }
    b.end(source.len());
    let title = b
        .blocks
        .iter()
        .find(|blk| blk.kind == BlockKind::Title)
        .map(|blk| b.text[blk.text.clone()].to_string())
        .unwrap_or_else(|| fallback_title.to_string());
    Document::new(title, b.text, b.blocks, origin)
}

fn handle(b: &mut Builder, event: Event<'_>, range: Range<usize>) {
    match event {
        Event::Start(Tag::Heading { level, .. }) => {
            b.end(range.start);
            let kind = if level == HeadingLevel::H1 && !b.has_title && b.blocks.is_empty() {
                b.has_title = true;
                BlockKind::Title
            } else {
                let base = if b.has_title { 1 } else { 0 };
                BlockKind::Heading {
                    level: ((level as u8).saturating_sub(base)).max(1),
                }
            };
            b.begin(kind, range.start);
        }
        Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::CodeBlock) => b.end(range.end),
        Event::Start(Tag::Paragraph) => {
            let kind = if b.item_depth > 0 {
                BlockKind::ListItem
            } else if b.quote_depth > 0 {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            if b.open.is_some() && b.item_depth > 0 {
                b.push_text(" ");
            } else {
                b.begin(kind, range.start);
            }
        }
        Event::End(TagEnd::Paragraph) if b.item_depth == 0 => b.end(range.end),
        Event::Start(Tag::BlockQuote(_)) => {
            b.end(range.start);
            b.quote_depth += 1;
        }
        Event::End(TagEnd::BlockQuote(_)) => {
            b.end(range.end);
            b.quote_depth = b.quote_depth.saturating_sub(1);
        }
        Event::Start(Tag::List(first)) => {
            b.end(range.start);
            b.lists.push(first);
        }
        Event::End(TagEnd::List(_)) => {
            b.end(range.end);
            b.lists.pop();
        }
        Event::Start(Tag::Item) => {
            b.end(range.start);
            b.item_depth += 1;
            b.begin(BlockKind::ListItem, range.start);
            let indent = "  ".repeat(b.lists.len().saturating_sub(1));
            let marker = match b.lists.last_mut() {
                Some(Some(n)) => {
                    let m = format!("{indent}{n}. ");
                    *n += 1;
                    m
                }
                _ => format!("{indent}• "),
            };
            b.push_text(&marker);
        }
        Event::End(TagEnd::Item) => {
            b.end(range.end);
            b.item_depth = b.item_depth.saturating_sub(1);
        }
        Event::Start(Tag::CodeBlock(_)) => {
            b.end(range.start);
            b.begin(BlockKind::Code, range.start);
        }
        Event::Rule => {
            b.end(range.start);
            b.begin(BlockKind::Rule, range.start);
            b.end(range.end);
        }
        Event::Text(t) | Event::Code(t) => {
            if b.open.is_none() {
                let kind = if b.quote_depth > 0 {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                };
                b.begin(kind, range.start);
            }
            b.push_text(&t);
        }
        Event::SoftBreak | Event::HardBreak => b.push_text(" "),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BlockKind, Origin, parse_str};

    #[test]
    fn tabs_in_code_go_to_the_next_tab_stop() {
        let md = "```\nfn main() {\n\tprintln!();\n}\nab\tc\tÖl\n```\n";
        let doc = parse_str(md.to_string(), Origin::Bundled("t"), "t", true);
        let code = doc
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Code)
            .expect("code");
        assert_eq!(
            doc.block_text(code).trim_end(),
            "fn main() {\n    println!();\n}\nab  c   Öl"
        );
    }

    #[test]
    fn markdown_maps_to_blocks() {
        let md = "# Titel\n\nEin *Absatz* mit `Code`.\n\n## Abschnitt\n\n> Ein Zitat\n> über zwei Zeilen.\n\n- eins\n- zwei\n\n1. erstens\n2. zweitens\n\n---\n\n```\nlet x = 1;\n```\n";
        let doc = parse_str(md.to_string(), Origin::Bundled("t"), "f", true);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Heading { level: 1 },
                BlockKind::Quote,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Rule,
                BlockKind::Code,
            ]
        );
        assert_eq!(doc.title, "Titel");
        assert_eq!(doc.block_text(1), "Ein Absatz mit Code.");
        assert_eq!(doc.block_text(3), "Ein Zitat über zwei Zeilen.");
        assert_eq!(doc.block_text(4), "• eins");
        assert_eq!(doc.block_text(7), "2. zweitens");
        assert_eq!(doc.block_text(9), "let x = 1;");
        // Source ranges cover the markup of each block.
        assert!(md[doc.blocks[2].source.clone()].starts_with("## Abschnitt"));
    }
}
