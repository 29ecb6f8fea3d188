//! German hyphenation patterns (1996 orthography), loaded once from the bundled file.

use std::sync::OnceLock;

use hyphenation::{Language, Load, Standard};
use textwrap::WordSplitter;

const GERMAN_PATTERNS: &[u8] = include_bytes!("../../assets/de-1996.standard.bincode");

/// The German word splitter, or `None` if the bundled patterns cannot be read.
pub fn german_splitter() -> Option<&'static WordSplitter> {
    static SPLITTER: OnceLock<Option<WordSplitter>> = OnceLock::new();
    SPLITTER
        .get_or_init(|| {
            let mut reader = GERMAN_PATTERNS;
            Standard::from_reader(Language::German1996, &mut reader)
                .ok()
                .map(WordSplitter::Hyphenation)
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_patterns_load_and_split() {
        let splitter = german_splitter().expect("bundled patterns load");
        let points = splitter.split_points("Wettbewerbsvorteil");
        assert!(!points.is_empty());
        assert!(
            points
                .iter()
                .all(|&p| "Wettbewerbsvorteil".is_char_boundary(p))
        );
    }
}
