//! Making anchors from a place in the text, and finding an anchor's passage again in a
//! text that may have changed.

use std::ops::Range;

use super::model::{Anchor, AnchorKind};
use crate::document::Document;

/// Characters of context kept on each side of the quote.
const CONTEXT: usize = 32;
/// The beginning of a paragraph that a paragraph anchor quotes.
const PARAGRAPH_QUOTE: usize = 120;

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Up to `n` characters before `at`.
fn before(text: &str, at: usize, n: usize) -> String {
    let chars: Vec<char> = text[..at].chars().rev().take(n).collect();
    chars.into_iter().rev().collect()
}

/// Up to `n` characters after `at`.
fn after(text: &str, at: usize, n: usize) -> String {
    text[at..].chars().take(n).collect()
}

/// The block that contains byte `offset` of the document's text.
pub fn block_at(doc: &Document, offset: usize) -> Option<usize> {
    let i = doc.blocks.partition_point(|b| b.text.start <= offset);
    let b = i.checked_sub(1)?;
    (offset <= doc.blocks[b].text.end).then_some(b)
}

/// An anchor for `range` (bytes of `doc.text`) in `block`.
pub fn make(
    doc: &Document,
    kind: AnchorKind,
    block: usize,
    range: Range<usize>,
    term: Option<String>,
) -> Anchor {
    let text = &doc.text;
    let start = floor(text, range.start);
    let end = ceil(text, range.end.max(start));
    let quote_end = if kind == AnchorKind::Paragraph {
        let limit = ceil(text, start + PARAGRAPH_QUOTE);
        if limit < end {
            // Cut at a word boundary.
            text[start..limit].rfind(' ').map_or(limit, |i| start + i)
        } else {
            end
        }
    } else {
        end
    };
    // A note on a heading belongs to that heading's section.
    let section = doc
        .section_of(block)
        .map(|h| doc.block_text(h).to_string())
        .unwrap_or_default();
    Anchor {
        kind,
        block,
        start,
        end,
        quote: text[start..quote_end].to_string(),
        before: before(text, start, CONTEXT),
        after: after(text, quote_end, CONTEXT),
        section,
        term,
    }
}

/// Length of the common suffix of two strings, in characters.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Find the anchor's passage in `doc`: the stored range if it still holds the quote, else
/// the occurrence of the quote whose context matches best (then the nearest). `None` if
/// the quote is gone: the note is detached, never dropped.
pub fn locate(doc: &Document, anchor: &Anchor) -> Option<(usize, Range<usize>)> {
    let text = &doc.text;
    if anchor.quote.is_empty() {
        return None;
    }
    let quote_end = |start: usize| start + anchor.quote.len();
    let in_place = text
        .get(anchor.start..quote_end(anchor.start))
        .is_some_and(|s| s == anchor.quote);
    let start = if in_place {
        anchor.start
    } else {
        let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
        for (at, _) in text.match_indices(anchor.quote.as_str()) {
            let score = common_suffix(&text[..at], &anchor.before)
                + common_prefix(&text[quote_end(at)..], &anchor.after);
            let distance = at.abs_diff(anchor.start);
            let better = match best {
                None => true,
                Some((s, d, _)) => score > s || (score == s && distance < d),
            };
            if better {
                best = Some((score, distance, at));
            }
        }
        best?.2
    };
    let block = block_at(doc, start)?;
    let range = if anchor.kind == AnchorKind::Paragraph {
        doc.blocks[block].text.clone()
    } else {
        start..quote_end(start)
    };
    Some((block, range))
}

/// Update an anchor's block and range to where its passage is now.
pub fn reanchor(doc: &Document, anchor: &mut Anchor) -> bool {
    match locate(doc, anchor) {
        Some((block, range)) => {
            anchor.block = block;
            anchor.start = range.start;
            anchor.end = range.end;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Origin, bundled, parse_str};

    fn doc(text: &str) -> Document {
        parse_str(text.to_string(), Origin::Bundled("t"), "t", false)
    }

    #[test]
    fn an_unchanged_text_keeps_the_anchor() {
        let d = bundled();
        let at = d.text.find("Leerverkäufe").expect("word");
        let block = block_at(&d, at).expect("block");
        let a = make(
            &d,
            AnchorKind::Word,
            block,
            at..at + "Leerverkäufe".len(),
            None,
        );
        assert_eq!(a.quote, "Leerverkäufe");
        assert_eq!(locate(&d, &a), Some((block, at..at + "Leerverkäufe".len())));
        assert!(!a.section.is_empty() || d.section_of(block) == Some(0));
    }

    #[test]
    fn an_edited_text_finds_the_passage_by_its_quote_and_context() {
        let old = doc(
            "Titel\nErster Absatz mit einem Wort darin, lang genug für einen Absatz hier.\nZweiter Absatz: das Wort steht auch hier, lang genug für einen Absatz.\n",
        );
        let at = old.text.rfind("Wort").expect("word");
        let a = make(&old, AnchorKind::Word, 2, at..at + 4, None);
        // Text inserted before: the byte offsets shift; the second "Wort" is still chosen
        // by its context, not the first.
        let new = doc(
            "Titel\nNeu eingefügt.\nErster Absatz mit einem Wort darin, lang genug für einen Absatz hier.\nZweiter Absatz: das Wort steht auch hier, lang genug für einen Absatz.\n",
        );
        let (block, range) = locate(&new, &a).expect("found");
        assert_eq!(&new.text[range.clone()], "Wort");
        assert_eq!(range.start, new.text.rfind("Wort").expect("word"));
        assert_eq!(
            new.block_text(block).split(':').next(),
            Some("Zweiter Absatz")
        );
        // The passage deleted: detached.
        let gone = doc("Titel\nGanz anderer Text ohne das gesuchte.\n");
        assert_eq!(locate(&gone, &a), None);
    }

    #[test]
    fn a_paragraph_anchor_covers_the_paragraph_again() {
        let old = doc(
            "Titel\nEin Absatz über Monopole und Kartelle, lang genug, damit er kein Titel ist, wirklich.\n",
        );
        let a = make(
            &old,
            AnchorKind::Paragraph,
            1,
            old.blocks[1].text.clone(),
            None,
        );
        let new = doc(
            "Titel\nVorwort.\nEin Absatz über Monopole und Kartelle, lang genug, damit er kein Titel ist, wirklich. Mit Zusatz.\n",
        );
        let (block, range) = locate(&new, &a).expect("found");
        assert_eq!(range, new.blocks[block].text);
        assert!(new.block_text(block).ends_with("Mit Zusatz."));
    }
}
