//! HTML elements into blocks: the converter shared by web pages and EPUB chapters.
//!
//! The parsed tree (html5ever, through scraper: lenient, as a browser reads) is walked
//! once; block elements start and end blocks, inline elements mark ranges of the text,
//! white space is collapsed as a browser does (kept inside `<pre>`).

use std::collections::HashMap;
use std::ops::Range;

use scraper::{ElementRef, Node};
use unicode_width::UnicodeWidthStr;

use super::space::{collapse, is_space};
use crate::document::{Block, BlockKind, Inline, LINE_SEPARATOR};

/// Nesting deeper than this is read as plain text (a malformed page cannot overflow the
/// stack).
const MAX_DEPTH: usize = 200;

/// A chapter of the navigation that a place in the text starts: its label and depth (1
/// at the top).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub label: String,
    pub level: u8,
}

/// What the walk leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// An EPUB chapter: everything but scripts and styles (footnotes in `<aside>` stay).
    Book,
    /// A web page's main text: navigation, header and footer, asides, forms and banners go.
    Page,
}

/// The text and blocks made so far (several chapters go into one).
pub struct Sink {
    pub text: String,
    pub blocks: Vec<Block>,
    pub inline: Vec<(Range<usize>, Inline)>,
    /// Element ids (`file#id` for a book) and the block each starts, for footnote links.
    pub ids: HashMap<String, usize>,
    /// Footnote references: their range in `text`, the file they are in, their href.
    pub note_refs: Vec<(Range<usize>, String, String)>,
    open: Option<(BlockKind, usize)>,
    /// White space seen since the last text: one space before the next word.
    space: bool,
    inline_open: Vec<(Inline, Option<usize>)>,
    quote_depth: usize,
    /// One entry per open list: the next number of an ordered list.
    lists: Vec<Option<u32>>,
    pre: usize,
    /// Chapters of the navigation to start in the current file: by element id, and the
    /// one at the file's start (`""`).
    pub targets: HashMap<String, TocEntry>,
    pending: Option<TocEntry>,
    /// Whether the book has a navigation (then headings outside it sit under its level).
    pub has_toc: bool,
    current_level: u8,
    /// The id prefix of the file being read (`chapter1.xhtml#`).
    pub file: String,
    pub mode: Mode,
}

impl Sink {
    pub fn new(mode: Mode) -> Sink {
        Sink {
            text: String::new(),
            blocks: Vec::new(),
            inline: Vec::new(),
            ids: HashMap::new(),
            note_refs: Vec::new(),
            open: None,
            space: false,
            inline_open: Vec::new(),
            quote_depth: 0,
            lists: Vec::new(),
            pre: 0,
            targets: HashMap::new(),
            pending: None,
            has_toc: false,
            current_level: 0,
            file: String::new(),
            mode,
        }
    }

    /// The document made of what was read.
    pub fn into_document(
        mut self,
        title: String,
        author: Option<String>,
        origin: crate::document::Origin,
    ) -> crate::document::Document {
        self.end();
        crate::document::Document::new(title, self.text, self.blocks, origin)
            .with_inline(self.inline)
            .with_author(author)
    }

    /// A block with the given text (a title, a chapter's label).
    pub fn push_block(&mut self, kind: BlockKind, text: &str) {
        self.end();
        self.begin_raw(kind);
        self.push_words(text);
        self.end();
    }

    /// Start a file of a book: the chapters of the navigation that point into it.
    pub fn start_file(&mut self, file: &str, targets: HashMap<String, TocEntry>) {
        self.end();
        self.file = format!("{file}#");
        self.targets = targets;
        self.pending = self.targets.remove("");
        self.ids.insert(file.to_string(), self.blocks.len());
    }

    /// End a file: a chapter of the navigation that pointed at nothing still gets its
    /// heading.
    pub fn end_file(&mut self) {
        self.end();
        if let Some(entry) = self.pending.take() {
            self.push_toc_heading(&entry);
        }
        self.targets.clear();
    }

    fn push_toc_heading(&mut self, entry: &TocEntry) {
        self.current_level = entry.level;
        self.begin_raw(BlockKind::Heading { level: entry.level });
        self.push_words(&entry.label);
        self.end();
    }

    fn begin_raw(&mut self, kind: BlockKind) {
        if self.open.is_none() {
            if !self.text.is_empty() {
                self.text.push('\n');
            }
            self.open = Some((kind, self.text.len()));
            self.space = false;
        }
    }

    /// Start a block of `kind`, unless one is open (a paragraph inside a list item goes
    /// on in the item). A chapter of the navigation that starts here comes first.
    fn begin(&mut self, kind: BlockKind) {
        if let Some(entry) = self.pending.take() {
            if let BlockKind::Heading { .. } = kind {
                self.end();
                self.current_level = entry.level;
                self.begin_raw(BlockKind::Heading { level: entry.level });
                return;
            }
            self.end();
            self.push_toc_heading(&entry);
        }
        let kind = match kind {
            BlockKind::Heading { .. } if self.has_toc => BlockKind::Heading {
                level: self.current_level.saturating_add(1).max(1),
            },
            BlockKind::Heading { level } => {
                self.current_level = level;
                kind
            }
            _ => kind,
        };
        self.begin_raw(kind);
    }

    /// Close the open block (an empty one is dropped).
    pub fn end(&mut self) {
        let Some((kind, start)) = self.open.take() else {
            return;
        };
        let end = start + self.text[start..].trim_end().len();
        self.text.truncate(end);
        for (style, from) in &mut self.inline_open {
            if let Some(s) = from.take()
                && end > s
            {
                self.inline.push((s..end, *style));
            }
        }
        if end > start || kind == BlockKind::Rule {
            self.blocks.push(Block {
                kind,
                text: start..end,
                source: start..end,
            });
        } else {
            // An empty block leaves no separator behind.
            let sep = start.saturating_sub(1);
            if start > 0 && self.text.as_bytes().get(sep) == Some(&b'\n') {
                self.text.truncate(sep);
            }
        }
        self.space = false;
    }

    /// The kind of a block that text outside any block starts.
    fn text_kind(&self) -> BlockKind {
        if let Some(depth) = self.lists.len().checked_sub(1) {
            BlockKind::ListItem {
                depth: u8::try_from(depth).unwrap_or(u8::MAX),
                number: None,
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    /// Text, its white space collapsed (kept as written inside `<pre>`).
    fn push_words(&mut self, s: &str) {
        if self.pre > 0 {
            if self.open.is_none() {
                self.begin(BlockKind::Code);
            }
            self.mark_inline_start();
            let column = self.open.map_or(0, |(_, start)| {
                self.text[start..]
                    .rsplit('\n')
                    .next()
                    .map_or(0, UnicodeWidthStr::width)
            });
            self.text
                .push_str(&expand_tabs(s.trim_start_matches(['\r']), column));
            return;
        }
        for (i, word) in s.split(is_space).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.open.is_none() {
                self.begin(self.text_kind());
            }
            let at_start = self.open.is_some_and(|(_, start)| start == self.text.len());
            if self.space && !at_start && !self.text.ends_with(LINE_SEPARATOR) {
                self.text.push(' ');
            }
            self.space = false;
            self.mark_inline_start();
            self.text.push_str(word);
        }
    }

    fn mark_inline_start(&mut self) {
        let at = self.text.len();
        for (_, start) in &mut self.inline_open {
            start.get_or_insert(at);
        }
    }

    fn close_inline(&mut self) {
        if let Some((style, Some(start))) = self.inline_open.pop()
            && self.text.len() > start
        {
            self.inline.push((start..self.text.len(), style));
        }
    }

    /// Walk an element and everything in it.
    pub fn element(&mut self, el: ElementRef<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            let text: String = el.text().collect();
            self.push_words(&text);
            return;
        }
        let e = el.value();
        let name = e.name();
        if skipped(name) || (self.mode == Mode::Page && super::extract::is_clutter(el)) {
            return;
        }
        if let Some(id) = e.id() {
            let key = format!("{}{id}", self.file);
            let next = self.blocks.len() + usize::from(self.open.is_some());
            self.ids.entry(key).or_insert(next);
            if let Some(entry) = self.targets.remove(id) {
                self.end();
                self.pending = Some(entry);
            }
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse().unwrap_or(1);
                self.end();
                self.begin(BlockKind::Heading { level });
                self.children(el, depth);
                self.end();
            }
            "p" => {
                if !self.in_list_item() {
                    self.end();
                } else {
                    self.space = true;
                }
                self.children(el, depth);
                if !self.in_list_item() {
                    self.end();
                }
            }
            "pre" => {
                self.end();
                self.begin(BlockKind::Code);
                self.pre += 1;
                self.children(el, depth);
                self.pre -= 1;
                self.end();
            }
            "blockquote" => {
                self.end();
                self.quote_depth += 1;
                self.children(el, depth);
                self.end();
                self.quote_depth -= 1;
            }
            "ul" | "ol" | "menu" => {
                self.end();
                let number = (name == "ol").then(|| {
                    e.attr("start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1)
                });
                self.lists.push(number);
                self.children(el, depth);
                self.end();
                self.lists.pop();
            }
            "li" => {
                self.end();
                let depth_now = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
                let number = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let this = *n;
                        *n = n.saturating_add(1);
                        Some(this)
                    }
                    _ => None,
                };
                self.begin(BlockKind::ListItem {
                    depth: depth_now,
                    number,
                });
                self.children(el, depth);
                self.end();
            }
            "dt" => {
                self.end();
                self.begin(BlockKind::Paragraph);
                self.children(el, depth);
                self.end();
            }
            "dd" => {
                self.end();
                self.begin(BlockKind::Definition);
                self.children(el, depth);
                self.end();
            }
            "figcaption" | "caption" => {
                self.end();
                self.begin(BlockKind::Caption);
                self.children(el, depth);
                self.end();
            }
            "hr" => {
                self.end();
                self.begin(BlockKind::Rule);
                self.end();
            }
            "table" => {
                self.end();
                self.table(el, depth);
            }
            "br" => {
                if self.pre > 0 {
                    self.text.push('\n');
                } else if self.open.is_some() {
                    self.text.push(LINE_SEPARATOR);
                    self.space = false;
                }
            }
            "img" | "image" => {
                let alt = e
                    .attr("alt")
                    .or_else(|| e.attr("title"))
                    .unwrap_or("")
                    .trim();
                let label = if alt.is_empty() {
                    "[Bild]".to_string()
                } else {
                    format!("[Bild: {alt}]")
                };
                self.space = true;
                self.push_words(&label);
                self.space = true;
            }
            "em" | "i" | "cite" | "dfn" | "var" => self.styled(el, depth, Inline::Emphasis),
            "strong" | "b" => self.styled(el, depth, Inline::Strong),
            "code" | "kbd" | "samp" | "tt" if self.pre == 0 => self.styled(el, depth, Inline::Code),
            "s" | "del" | "strike" => self.styled(el, depth, Inline::Strikethrough),
            "a" if is_noteref(el) => {
                // A footnote reference: `[1]`, right after its word.
                let label = collapse(&el.text().collect::<String>());
                let label = label.trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
                if !label.is_empty() {
                    self.space = false;
                    self.inline_open.push((Inline::Link, None));
                    self.push_words(&format!("[{label}]"));
                    let end = self.text.len();
                    let start = end - label.len() - 2;
                    self.close_inline();
                    if let Some(href) = e.attr("href") {
                        let file = self.file.trim_end_matches('#').to_string();
                        self.note_refs.push((start..end, file, href.to_string()));
                    }
                }
            }
            "a" if e.attr("href").is_some() => self.styled(el, depth, Inline::Link),
            _ if is_block(name) => {
                self.end();
                self.children(el, depth);
                self.end();
            }
            _ => self.children(el, depth),
        }
    }

    /// Walk what is inside `el` (the element itself is never clutter: it is the text).
    pub fn root(&mut self, el: ElementRef<'_>) {
        self.children(el, 0);
    }

    fn in_list_item(&self) -> bool {
        matches!(self.open, Some((BlockKind::ListItem { .. }, _)))
    }

    fn styled(&mut self, el: ElementRef<'_>, depth: usize, style: Inline) {
        self.inline_open.push((style, None));
        self.children(el, depth);
        self.close_inline();
    }

    fn children(&mut self, el: ElementRef<'_>, depth: usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.push_words(t),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.element(c, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// A table as rows of cells padded to their column's width, `│` between them and a
    /// rule under a header row: a preformatted block that keeps its columns (as Markdown's
    /// tables are shown). Its caption comes first.
    fn table(&mut self, el: ElementRef<'_>, depth: usize) {
        let mut rows: Vec<(Vec<String>, bool)> = Vec::new();
        let mut caption = None;
        collect_rows(el, &mut rows, &mut caption, depth);
        if let Some(c) = caption {
            self.push_block(BlockKind::Caption, &c);
        }
        let columns = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let mut widths = vec![0; columns];
        for (row, _) in &rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.width());
            }
        }
        self.begin(BlockKind::Code);
        let start = self.text.len();
        for (r, (row, header)) in rows.iter().enumerate() {
            if self.text.len() > start {
                self.text.push('\n');
            }
            let cells: Vec<String> = (0..columns)
                .map(|i| {
                    let cell = row.get(i).map_or("", String::as_str);
                    let pad = widths[i].saturating_sub(cell.width());
                    format!("{cell}{}", " ".repeat(pad))
                })
                .collect();
            self.text.push_str(cells.join(" │ ").trim_end());
            if *header && r + 1 < rows.len() && !rows[r + 1].1 {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.text.push('\n');
                self.text.push_str(&rule.join("─┼─"));
            }
        }
        self.end();
    }
}

/// The rows of a table (nested tables' text goes into their cell), each with whether it
/// is a header row.
fn collect_rows(
    el: ElementRef<'_>,
    rows: &mut Vec<(Vec<String>, bool)>,
    caption: &mut Option<String>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for child in el.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "caption" => *caption = Some(collapse(&child.text().collect::<String>())),
            "tr" => {
                let mut cells = Vec::new();
                let mut header = true;
                for cell in child.children().filter_map(ElementRef::wrap) {
                    let name = cell.value().name();
                    if name == "td" || name == "th" {
                        header &= name == "th";
                        cells.push(cell_text(cell));
                    }
                }
                if !cells.is_empty() {
                    rows.push((cells, header));
                }
            }
            "thead" | "tbody" | "tfoot" => collect_rows(child, rows, caption, depth + 1),
            _ => {}
        }
    }
}

/// A cell's text on one line; images as `[Bild: alt]`.
fn cell_text(cell: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in cell.descendants() {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "img" => {
                out.push_str(&format!(" [Bild: {}] ", e.attr("alt").unwrap_or("").trim()));
            }
            Node::Element(e) if e.name() == "br" => out.push(' '),
            _ => {}
        }
    }
    collapse(&out)
}

/// Elements never shown.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "template"
            | "noscript"
            | "title"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "audio"
            | "video"
            | "canvas"
            | "map"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "rp"
    )
}

/// Elements that start and end a block.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "main"
            | "body"
            | "html"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "figure"
            | "address"
            | "details"
            | "summary"
            | "dl"
            | "center"
            | "hgroup"
            | "form"
            | "fieldset"
            | "legend"
            | "tr"
            | "td"
            | "th"
    )
}

/// A footnote or endnote reference: `epub:type="noteref"`, `role="doc-noteref"`, or a
/// link to a place in a book inside `<sup>`.
fn is_noteref(el: ElementRef<'_>) -> bool {
    let e = el.value();
    let typed = e
        .attr("epub:type")
        .is_some_and(|t| t.split_whitespace().any(|w| w == "noteref"))
        || e.attr("role") == Some("doc-noteref");
    let in_sup = e.attr("href").is_some_and(|h| h.contains('#'))
        && el
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| p.value().name() == "sup");
    typed || in_sup
}

/// Columns between tab stops in preformatted text.
const TAB_STOP: usize = 8;

/// `s` with each tab replaced by spaces up to the next tab stop; `column` is where `s`
/// starts on its first line.
fn expand_tabs(s: &str, column: usize) -> String {
    if !s.contains(['\t', '\r']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut column = column;
    for c in s.chars() {
        match c {
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\r' => {}
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
