//! One place where a glossary term stands in a document.

use std::ops::Range;

use crate::document::{Document, sentence_ranges};

/// One place where a term stands in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub term: usize,
    pub block: usize,
    /// Byte range of the form in `Document::text`.
    pub range: Range<usize>,
    /// The particle of a separable verb met split (*ein* of *lädt … ein*): drawn as the
    /// term, but counted and listed with its verb only.
    pub particle: bool,
}

impl Occurrence {
    /// Byte range in `Document::text` of the sentence around the occurrence (found when it
    /// is shown: segmenting every sentence of a long book up front would cost seconds).
    pub fn sentence(&self, doc: &Document) -> Range<usize> {
        let Some(block) = doc.blocks.get(self.block) else {
            return self.range.clone();
        };
        let base = block.text.start;
        let start = self.range.start.saturating_sub(base);
        sentence_ranges(doc.block_text(self.block))
            .into_iter()
            .find(|s| s.start <= start && start < s.end.max(s.start + 1))
            .map_or(block.text.clone(), |s| base + s.start..base + s.end)
    }
}
