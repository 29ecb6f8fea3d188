//! Markdown into the same block model, through pulldown-cmark.

use std::ops::Range;
use unicode_width::UnicodeWidthStr;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, Document, Inline, Origin};

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
    /// Open inline styles, with where they start in `text` (`None`: at the next text).
    inline_open: Vec<(Inline, Option<usize>)>,
    inline: Vec<(Range<usize>, Inline)>,
    /// The table being read: its rows of cells.
    table: Option<Vec<Vec<String>>>,
    /// Inside front matter (YAML metadata), which is not shown.
    in_metadata: bool,
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
        if self.in_metadata {
            return;
        }
        if let Some(cell) = self
            .table
            .as_mut()
            .and_then(|rows| rows.last_mut())
            .and_then(|row| row.last_mut())
        {
            cell.push_str(s);
            return;
        }
        if self.open.is_some() {
            let at = self.text.len();
            for (_, start) in &mut self.inline_open {
                start.get_or_insert(at);
            }
        }
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

impl Builder {
    /// Text outside any block starts a paragraph (or a quote's), unless it goes to a
    /// table cell or is front matter.
    fn begin_text(&mut self, source_start: usize) {
        if self.open.is_none() && self.table.is_none() && !self.in_metadata {
            let kind = if self.quote_depth > 0 {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            self.begin(kind, source_start);
        }
    }

    fn open_inline(&mut self, style: Inline) {
        self.inline_open.push((style, None));
    }

    fn close_inline(&mut self) {
        if let Some((style, Some(start))) = self.inline_open.pop()
            && self.text.len() > start
        {
            self.inline.push((start..self.text.len(), style));
        }
    }

    /// A table as rows of cells padded to their column's width, `│` between them and a
    /// rule under the header: a code-like block that keeps its columns.
    fn write_table(&mut self, rows: Vec<Vec<String>>, source: Range<usize>) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.trim().width());
            }
        }
        self.end(source.start);
        self.begin(BlockKind::Code, source.start);
        for (r, row) in rows.iter().enumerate() {
            let cells: Vec<String> = (0..columns)
                .map(|i| {
                    let cell = row.get(i).map_or("", |c| c.trim());
                    let pad = widths[i].saturating_sub(cell.width());
                    format!("{cell}{}", " ".repeat(pad))
                })
                .collect();
            self.push_text(cells.join(" │ ").trim_end());
            self.push_text("\n");
            if r == 0 && rows.len() > 1 {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.push_text(&rule.join("─┼─"));
                self.push_text("\n");
            }
        }
        self.end(source.end);
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
        inline_open: Vec::new(),
        inline: Vec::new(),
        table: None,
        in_metadata: false,
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        handle(&mut b, event, range);
    }
    b.end(source.len());
    let title = b
        .blocks
        .iter()
        .find(|blk| blk.kind == BlockKind::Title)
        .map(|blk| b.text[blk.text.clone()].to_string())
        .unwrap_or_else(|| fallback_title.to_string());
    Document::new(title, b.text, b.blocks, origin).with_inline(b.inline)
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
                BlockKind::ListItem {
                    depth: u8::try_from(b.lists.len().saturating_sub(1)).unwrap_or(u8::MAX),
                    number: None,
                }
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
            let depth = u8::try_from(b.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
            let number = match b.lists.last_mut() {
                Some(Some(n)) => {
                    let this = u32::try_from(*n).unwrap_or(u32::MAX);
                    *n += 1;
                    Some(this)
                }
                _ => None,
            };
            b.begin(BlockKind::ListItem { depth, number }, range.start);
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
        Event::Text(t) => {
            b.begin_text(range.start);
            b.push_text(&t);
        }
        Event::Code(t) => {
            b.begin_text(range.start);
            b.open_inline(Inline::Code);
            b.push_text(&t);
            b.close_inline();
        }
        Event::SoftBreak => b.push_text(" "),
        Event::HardBreak => b.push_text(&super::LINE_SEPARATOR.to_string()),
        Event::Start(Tag::Emphasis) => b.open_inline(Inline::Emphasis),
        Event::Start(Tag::Strong) => b.open_inline(Inline::Strong),
        Event::Start(Tag::Strikethrough) => b.open_inline(Inline::Strikethrough),
        Event::Start(Tag::Link { .. }) => b.open_inline(Inline::Link),
        Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {
            b.close_inline()
        }
        Event::TaskListMarker(done) => b.push_text(if done { "☑ " } else { "☐ " }),
        Event::FootnoteReference(label) => b.push_text(&format!("[{label}]")),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            b.end(range.start);
            b.begin(BlockKind::Paragraph, range.start);
            b.push_text(&format!("[{label}]"));
            // Its paragraph continues this block.
            b.item_depth += 1;
        }
        Event::End(TagEnd::FootnoteDefinition) => {
            b.item_depth = b.item_depth.saturating_sub(1);
            b.end(range.end);
        }
        Event::Start(Tag::MetadataBlock(_)) => b.in_metadata = true,
        Event::End(TagEnd::MetadataBlock(_)) => b.in_metadata = false,
        Event::Start(Tag::Table(_)) => {
            b.end(range.start);
            b.table = Some(Vec::new());
        }
        Event::Start(Tag::TableHead | Tag::TableRow) => {
            if let Some(rows) = &mut b.table {
                rows.push(Vec::new());
            }
        }
        Event::Start(Tag::TableCell) => {
            if let Some(row) = b.table.as_mut().and_then(|rows| rows.last_mut()) {
                row.push(String::new());
            }
        }
        Event::End(TagEnd::Table) => {
            if let Some(rows) = b.table.take() {
                b.write_table(rows, range);
            }
        }
        Event::Html(html) | Event::InlineHtml(html) => {
            // Shown as written, rather than lost.
            if b.open.is_none() {
                b.begin(BlockKind::Code, range.start);
                b.push_text(html.trim_end());
                b.end(range.end);
            } else {
                b.push_text(&html);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BlockKind, Origin, parse_str};

    fn texts(doc: &super::super::Document) -> Vec<&str> {
        (0..doc.blocks.len()).map(|i| doc.block_text(i)).collect()
    }

    #[test]
    fn inline_styles_are_kept_with_their_ranges() {
        let md = "# T\n\nEin *kursiv* und **fett** mit `code`, [Link](x) und ~~weg~~.\n";
        let doc = parse_str(md.to_string(), Origin::Bundled("t"), "t", true);
        let styled: Vec<(&str, super::super::Inline)> = doc
            .inline_in(1)
            .iter()
            .map(|(r, s)| (&doc.text[r.clone()], *s))
            .collect();
        use super::super::Inline::*;
        assert_eq!(
            styled,
            [
                ("kursiv", Emphasis),
                ("fett", Strong),
                ("code", Code),
                ("Link", Link),
                ("weg", Strikethrough)
            ]
        );
        assert_eq!(
            doc.block_text(1),
            "Ein kursiv und fett mit code, Link und weg."
        );
        assert!(doc.inline_in(0).is_empty());
    }

    #[test]
    fn tables_tasks_footnotes_and_front_matter() {
        let md = "---\ntitle: Vorspann\n---\n\n# Titel\n\n| Wort | Artikel |\n|---|---|\n| Straße | die |\n\n- [ ] offen\n- [x] fertig\n\nText[^1].\n\n[^1]: Die Fußnote.\n";
        let doc = parse_str(md.to_string(), Origin::Bundled("t"), "t", true);
        let all = texts(&doc);
        assert!(
            !doc.text.contains("Vorspann"),
            "front matter is not shown: {all:?}"
        );
        assert_eq!(doc.title, "Titel");
        assert!(
            all.contains(&"Wort   │ Artikel\n───────┼────────\nStraße │ die"),
            "{all:?}"
        );
        assert!(
            all.contains(&"☐ offen") && all.contains(&"☑ fertig"),
            "{all:?}"
        );
        assert!(
            all.contains(&"Text[1].") && all.contains(&"[1] Die Fußnote."),
            "{all:?}"
        );
    }

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
                BlockKind::ListItem {
                    depth: 0,
                    number: None
                },
                BlockKind::ListItem {
                    depth: 0,
                    number: None
                },
                BlockKind::ListItem {
                    depth: 0,
                    number: Some(1)
                },
                BlockKind::ListItem {
                    depth: 0,
                    number: Some(2)
                },
                BlockKind::Rule,
                BlockKind::Code,
            ]
        );
        assert_eq!(doc.title, "Titel");
        assert_eq!(doc.block_text(1), "Ein Absatz mit Code.");
        assert_eq!(doc.block_text(3), "Ein Zitat über zwei Zeilen.");
        assert_eq!(doc.block_text(4), "eins");
        assert_eq!(doc.block_text(7), "zweitens");
        assert_eq!(doc.block_text(9), "let x = 1;");
        // Source ranges cover the markup of each block.
        assert!(md[doc.blocks[2].source.clone()].starts_with("## Abschnitt"));
    }
}
