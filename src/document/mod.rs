//! The document model: a text split into typed blocks, with byte ranges.
//!
//! Nothing here knows about terminals. A [`Document`] owns its display text (for a plain
//! `.txt` file this is the file's text itself, so every range is also a range in the source)
//! and a list of [`Block`]s pointing into it.

mod epub;
pub mod html;
mod load;
mod man;
mod markdown;
mod plain;
pub mod search;
pub mod text;

pub use epub::BookError;
pub use load::{
    BUNDLED_NAME, DEFAULT_MAX_INPUT, LoadError, Stream, bundled, is_book, load_book, load_path,
    load_prefix, load_stdin, max_input, parse_str, set_max_input, special_prefix, stdin_prefix,
};
pub use text::{sentence_ranges, word_ranges};

use std::ops::Range;

/// How a stretch of text inside a block is set (Markdown's emphasis, code, links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    Strong,
    Emphasis,
    Code,
    Strikethrough,
    Link,
}

/// What a block is, which decides how it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The document title (first line of a plain text, first `#` heading of Markdown).
    Title,
    /// The teaser paragraph right after the title.
    Lead,
    /// A section heading; `level` 1 is the highest below the title.
    Heading { level: u8 },
    /// Running text.
    Paragraph,
    /// A quotation set apart from the text.
    Quote,
    /// A box beside the text, such as "Lesen Sie auch:" with its links.
    Aside,
    /// A notice set apart: its label ("Anmerkung", "Warnung") on the first line, then
    /// its text, wrapped as a paragraph.
    Callout,
    /// The caption of a table or figure ("Tabelle 3.1. Unterstützte Systeme").
    Caption,
    /// One item of a list, `depth` lists deep (0 at the top). Its marker (a bullet, or
    /// `number.` in an ordered list) is drawn, not part of the text.
    ListItem { depth: u8, number: Option<u32> },
    /// The description of the term in the block before it (an option of a man page),
    /// indented under it.
    Definition,
    /// Preformatted text (Markdown code blocks): never re-wrapped.
    Code,
    /// The closing credit or source line.
    Credit,
    /// A horizontal separator.
    Rule,
}

impl BlockKind {
    /// Blocks that start a section and belong in the table of contents.
    pub fn is_heading(self) -> bool {
        matches!(self, BlockKind::Title | BlockKind::Heading { .. })
    }

    /// Whether line breaks inside the block's text are kept when it is wrapped.
    pub fn keeps_line_breaks(self) -> bool {
        matches!(self, BlockKind::Aside | BlockKind::Code)
    }
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Range of the block's text in [`Document::text`].
    pub text: Range<usize>,
    /// Range of the block in the original source file (including markup for Markdown).
    pub source: Range<usize>,
}

/// Where the text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Bundled(&'static str),
    File(std::path::PathBuf),
    /// Read from standard input (`lesepult -`, or a pipe).
    Stdin,
}

/// A line break inside a paragraph whose other line ends are spaces (a Markdown hard
/// break); the layout breaks the line there.
pub const LINE_SEPARATOR: char = '\u{2028}';

/// A word that a plain text breaks at a line's end with a hyphen, and that the layout
/// shows whole: the hyphen at byte `at` and the line break after it are not shown (the
/// hyphen is, with `keep_hyphen`: "nicht-root").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Join {
    pub at: usize,
    pub keep_hyphen: bool,
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Title shown on the status line.
    pub title: String,
    /// The display text; blocks point into it.
    pub text: String,
    pub blocks: Vec<Block>,
    pub origin: Origin,
    /// The author, from a book's metadata (shown after the title).
    pub author: Option<String>,
    /// What was wrong with parts of the file that still opened (a book's missing
    /// chapter); shown when the text opens.
    pub warnings: Vec<String>,
    /// Indices of the heading blocks (title included), in order.
    headings: Vec<usize>,
    /// Inline styles, by start in `text` (none inside a plain-text document).
    inline: Vec<(Range<usize>, Inline)>,
    /// Words broken by a hyphen at a line's end, shown whole; sorted by offset.
    joins: Vec<Join>,
    /// Footnote references (a book's `[1]`) and the block of the note each points at;
    /// sorted by start.
    note_links: Vec<(Range<usize>, usize)>,
    /// Hash of the text, computed once when first asked.
    hash: std::sync::OnceLock<String>,
    /// The stable identifier, computed once when the document is made (see [`Document::id`]).
    id: String,
}

impl Document {
    pub(crate) fn new(title: String, text: String, blocks: Vec<Block>, origin: Origin) -> Self {
        let headings = blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind.is_heading())
            .map(|(i, _)| i)
            .collect();
        let id = identify(&origin, &text);
        Document {
            title,
            text,
            blocks,
            origin,
            author: None,
            warnings: Vec::new(),
            headings,
            inline: Vec::new(),
            joins: Vec::new(),
            note_links: Vec::new(),
            hash: std::sync::OnceLock::new(),
            id,
        }
    }

    /// The document with inline styles (ranges in `text`).
    pub(crate) fn with_inline(mut self, mut inline: Vec<(Range<usize>, Inline)>) -> Self {
        inline.sort_by_key(|(r, _)| r.start);
        self.inline = inline;
        self
    }

    /// The document with its footnote references and the blocks of their notes.
    pub(crate) fn with_note_links(mut self, mut links: Vec<(Range<usize>, usize)>) -> Self {
        links.sort_by_key(|(r, _)| r.start);
        self.note_links = links;
        self
    }

    /// The block of the note that the footnote reference around byte `offset` points at.
    pub fn note_at(&self, offset: usize) -> Option<usize> {
        let i = self.note_links.partition_point(|(r, _)| r.start <= offset);
        let (range, block) = self.note_links.get(i.checked_sub(1)?)?;
        (offset < range.end).then_some(*block)
    }

    /// The document with its author (from a book's metadata).
    pub(crate) fn with_author(mut self, author: Option<String>) -> Self {
        self.author = author;
        self
    }

    /// The document with the warnings of its loading.
    pub(crate) fn with_warnings(mut self, warnings: Vec<String>) -> Self {
        self.warnings = warnings;
        self
    }

    /// The title, with the author if known: „Die Verwandlung“ — Franz Kafka.
    pub fn title_and_author(&self) -> String {
        match &self.author {
            Some(a) if !a.is_empty() => format!("{} — {a}", self.title),
            _ => self.title.clone(),
        }
    }

    /// The document with words joined across line ends (sorted by offset here).
    pub(crate) fn with_joins(mut self, mut joins: Vec<Join>) -> Self {
        joins.sort_by_key(|j| j.at);
        self.joins = joins;
        self
    }

    /// The joins inside block `index` (binary search: the cost is that of the block).
    pub fn joins_in(&self, index: usize) -> &[Join] {
        let Some(b) = self.blocks.get(index) else {
            return &[];
        };
        let from = self.joins.partition_point(|j| j.at < b.text.start);
        let to = self.joins.partition_point(|j| j.at < b.text.end);
        &self.joins[from..to.max(from)]
    }

    /// The inline styles that start inside block `index`: found by binary search, so the
    /// cost is that of the block, not of the document.
    pub fn inline_in(&self, index: usize) -> &[(Range<usize>, Inline)] {
        let Some(b) = self.blocks.get(index) else {
            return &[];
        };
        let from = self.inline.partition_point(|(r, _)| r.start < b.text.start);
        let to = self.inline.partition_point(|(r, _)| r.start < b.text.end);
        &self.inline[from..to.max(from)]
    }

    /// A hash of the whole text (hex), computed once: it tells whether a saved position or
    /// notes were made on this very text.
    pub fn text_hash(&self) -> &str {
        self.hash
            .get_or_init(|| format!("{:016x}", content_hash(self.text.as_bytes())))
    }

    /// A document with no text.
    pub fn empty() -> Self {
        Document::new(
            String::new(),
            String::new(),
            Vec::new(),
            Origin::Bundled(""),
        )
    }

    /// The text of block `index`.
    pub fn block_text(&self, index: usize) -> &str {
        self.blocks
            .get(index)
            .and_then(|b| self.text.get(b.text.clone()))
            .unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Indices of the title and heading blocks, in document order.
    pub fn headings(&self) -> &[usize] {
        &self.headings
    }

    /// The heading block that the given block belongs to (the last heading at or before it).
    pub fn section_of(&self, block: usize) -> Option<usize> {
        let pos = self.headings.partition_point(|&h| h <= block);
        pos.checked_sub(1).map(|p| self.headings[p])
    }

    /// A stable identifier: the bundled article's name, or a slug of the file name plus a
    /// short hash of its canonical path (found once, when the document was made; a symlink
    /// has the id of the file it points to). A text that was moved or copied is found by
    /// its [`Document::text_hash`] instead (`notes::store::find_by_fingerprint`,
    /// `resume::load`).
    pub fn id(&self) -> String {
        self.id.clone()
    }
}

/// The identifier of a document from where it came from (see [`Document::id`]).
fn identify(origin: &Origin, text: &str) -> String {
    match origin {
        Origin::Bundled(name) => (*name).to_string(),
        // Keyed by the text: the same text piped again finds its notes and place.
        Origin::Stdin => format!("stdin-{:08x}", content_hash(text.as_bytes()) as u32),
        Origin::File(path) => {
            // The file itself, not a link to it: a symlink opens the same notes and place.
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let stem = canonical
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let hash = fnv1a(canonical.to_string_lossy().as_bytes());
            format!("{}-{:08x}", slug(&stem), hash as u32)
        }
    }
}

/// A stable hash of a large text, eight bytes at a time (FNV-style multiply, rotate).
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        hash = (hash ^ word)
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(29);
    }
    for &b in chunks.remainder() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// FNV-1a, 64 bit: a stable hash for file names (std's hasher may change between releases).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Lower-case ASCII letters, digits and dashes; German letters transliterated.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            _ => {
                if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "document".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_transliterates_umlauts() {
        assert_eq!(slug("Größe der Äpfel"), "groesse-der-aepfel");
        assert_eq!(slug("***"), "document");
    }

    #[test]
    fn section_of_finds_last_heading() {
        let doc = bundled();
        let first_heading = doc.headings()[1];
        assert_eq!(doc.section_of(first_heading + 1), Some(first_heading));
        assert_eq!(doc.section_of(0), Some(0));
    }
}
