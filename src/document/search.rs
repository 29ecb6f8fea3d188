//! Case-insensitive search: "boeing" finds "Boeing", "grösse" does not find "Größe".
//!
//! Letters are compared by their lower case (so Ä matches ä and ẞ matches ß), never by a
//! base letter: umlauts and ß match only themselves.

use std::ops::Range;

use super::Document;

/// One match: the block and the byte range in [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub block: usize,
    pub range: Range<usize>,
}

/// A text folded to lower case, with a map from folded byte offsets back to the original.
struct Folded {
    text: String,
    /// `origin[i]` is the original byte offset of folded byte `i`; one extra entry at the end.
    origin: Vec<usize>,
}

fn fold(text: &str, base: usize) -> Folded {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        for lc in c.to_lowercase() {
            let before = folded.len();
            folded.push(lc);
            origin.extend(std::iter::repeat_n(base + i, folded.len() - before));
        }
    }
    origin.push(base + text.len());
    Folded {
        text: folded,
        origin,
    }
}

/// Lower-case form of a query, as compared by [`find_in_block`].
pub fn fold_query(query: &str) -> String {
    query.chars().flat_map(char::to_lowercase).collect()
}

/// All matches of the folded `query` in one block.
pub fn find_in_block(doc: &Document, block: usize, folded_query: &str) -> Vec<Match> {
    let Some(b) = doc.blocks.get(block) else {
        return Vec::new();
    };
    if folded_query.is_empty() {
        return Vec::new();
    }
    let folded = fold(&doc.text[b.text.clone()], b.text.start);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = folded.text[from..].find(folded_query) {
        let start = from + pos;
        let end = start + folded_query.len();
        let range = folded.origin[start]..end_origin(&folded, end);
        out.push(Match { block, range });
        from = end;
    }
    out
}

fn end_origin(folded: &Folded, end: usize) -> usize {
    // The end maps to the start of the next original character.
    let last = folded.origin[end - 1];
    let mut e = end;
    while e < folded.origin.len() - 1 && folded.origin[e] == last {
        e += 1;
    }
    folded.origin[e]
}

/// All matches in the document, in order.
pub fn find_all(doc: &Document, query: &str) -> Vec<Match> {
    let q = fold_query(query);
    (0..doc.blocks.len())
        .flat_map(|i| find_in_block(doc, i, &q))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Origin, parse_str};
    use super::*;

    fn doc(s: &str) -> Document {
        parse_str(s.to_string(), Origin::Bundled("t"), "t", false)
    }

    fn found(d: &Document, q: &str) -> Vec<String> {
        find_all(d, q)
            .into_iter()
            .map(|m| d.text[m.range].to_string())
            .collect()
    }

    #[test]
    fn case_insensitive_but_umlauts_exact() {
        let d = doc("Größe und GRÖSSE und grösse; Äpfel, äpfel, Apfel. STRASSE Straße");
        assert_eq!(found(&d, "größe"), vec!["Größe"]);
        assert_eq!(found(&d, "äpfel"), vec!["Äpfel", "äpfel"]);
        assert_eq!(found(&d, "apfel"), vec!["Apfel"]);
        assert_eq!(found(&d, "straße"), vec!["Straße"]);
        assert_eq!(found(&d, "GRÖSSE"), vec!["GRÖSSE", "grösse"]);
    }

    #[test]
    fn ranges_are_in_the_original_text() {
        let d = doc("İstanbul und Boeing, BOEING");
        assert_eq!(found(&d, "boeing"), vec!["Boeing", "BOEING"]);
        assert_eq!(found(&d, "i̇stanbul"), vec!["İstanbul"]);
    }
}
