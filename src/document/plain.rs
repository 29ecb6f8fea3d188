//! Plain text into blocks, by general typographic heuristics.
//!
//! A text is read as a sequence of *units*: its non-empty lines, or, when the text is
//! hard-wrapped with blank lines between paragraphs, its blank-line-separated groups.
//! Each unit then becomes a block by its shape: a first short line is the title, the prose
//! after it the lead, a short line without a final full stop between paragraphs a heading,
//! a unit in quotation marks a quote, a short line ending in a colon followed by short lines
//! an aside, a line of dashes a rule, and a short last line the credit.

use std::ops::Range;

use super::{Block, BlockKind, Document, Origin};

const TITLE_MAX: usize = 120;
const HEADING_MAX: usize = 80;
const HEADING_MAX_WORDS: usize = 12;
const LEAD_MAX: usize = 350;
const ASIDE_LABEL_MAX: usize = 40;
const ASIDE_LINE_MAX: usize = 100;
const ASIDE_MAX_LINES: usize = 4;
const CREDIT_MAX: usize = 160;

/// Widths above this are all "long": the heuristics never need more, so no unit is
/// measured past it (parsing stays linear and cheap on a 50 MB book).
const WIDTH_CAP: usize = 400;

/// Display width, counted up to [`WIDTH_CAP`].
fn capped_width(s: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    // More than WIDTH_CAP characters is long (zero-width characters aside), and counting
    // characters is much cheaper than measuring them.
    if s.len() > WIDTH_CAP && (s.len() > 4 * WIDTH_CAP || s.chars().count() > WIDTH_CAP) {
        return WIDTH_CAP + 1;
    }
    let mut w = 0;
    for c in s.chars() {
        w += c.width().unwrap_or(0);
        if w > WIDTH_CAP {
            break;
        }
    }
    w
}

const OPENING_QUOTES: &[char] = &['„', '"', '»', '«', '‚', '“', '\''];
const CLOSING_QUOTES: &[char] = &['“', '”', '"', '«', '»', '‘', '’', '\''];

/// A unit of text: its trimmed range in the source.
#[derive(Debug, Clone)]
struct Unit {
    range: Range<usize>,
    width: usize,
}

pub(super) fn parse(text: String, origin: Origin, fallback_title: &str) -> Document {
    parse_with(text, origin, fallback_title, false)
}

/// Parse the beginning of a longer text: its last unit is not taken for a closing credit.
pub(super) fn parse_prefix(text: String, origin: Origin, fallback_title: &str) -> Document {
    parse_with(text, origin, fallback_title, true)
}

fn parse_with(text: String, origin: Origin, fallback_title: &str, prefix: bool) -> Document {
    let units = units(&text);
    let blocks = classify(&text, &units, prefix);
    let title = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| collapse_whitespace(&text[b.text.clone()]))
        .unwrap_or_else(|| fallback_title.to_string());
    Document::new(title, text, blocks, origin)
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines with their ranges (without the line break).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

fn units(text: &str) -> Vec<Unit> {
    let lines: Vec<Range<usize>> = lines(text)
        .into_iter()
        .map(|r| trim_range(text, r))
        .collect();
    // Groups of consecutive non-blank lines.
    let mut groups: Vec<Vec<Range<usize>>> = Vec::new();
    let mut current = Vec::new();
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    let total: usize = groups.iter().map(Vec::len).sum();
    let in_multi: usize = groups.iter().filter(|g| g.len() > 1).map(Vec::len).sum();
    let hard_wrapped =
        groups.len() > 1 && in_multi * 2 > total && looks_hard_wrapped(text, &groups);
    let make = |range: Range<usize>| Unit {
        width: capped_width(&text[range.clone()]),
        range,
    };
    if hard_wrapped {
        groups
            .iter()
            .filter_map(|g| Some(make(g.first()?.start..g.last()?.end)))
            .collect()
    } else {
        groups.into_iter().flatten().map(make).collect()
    }
}

/// Hard-wrapped prose has lines of similar, moderate length.
fn looks_hard_wrapped(text: &str, groups: &[Vec<Range<usize>>]) -> bool {
    let mut widths: Vec<usize> = groups
        .iter()
        .flatten()
        .map(|r| capped_width(&text[r.clone()]))
        .collect();
    widths.sort_unstable();
    let median = widths.get(widths.len() / 2).copied().unwrap_or(0);
    median <= 100
}

fn ends_with_any(s: &str, set: &[char]) -> bool {
    s.chars().last().is_some_and(|c| set.contains(&c))
}

fn is_rule(s: &str) -> bool {
    let rule_char = |c: char| "-_=*~─━—–·•".contains(c);
    s.trim_start().starts_with(rule_char) && s.len() <= 4 * WIDTH_CAP && {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        chars.len() >= 3 && chars.iter().all(|c| "-_=*~─━—–·•".contains(*c))
    }
}

fn is_quote(s: &str) -> bool {
    let first = s.chars().next();
    first.is_some_and(|c| OPENING_QUOTES.contains(&c))
        && ends_with_any(s.trim_end_matches(['.', ',']), CLOSING_QUOTES)
        && s.chars().nth(2).is_some()
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn is_short_line_without_stop(s: &str, max: usize) -> bool {
    capped_width(s) <= max
        && word_count(s) <= HEADING_MAX_WORDS
        && !s.contains('\n')
        && !ends_with_any(s, &['.', ',', ';', ':'])
}

fn is_aside_label(s: &str) -> bool {
    s.ends_with(':') && capped_width(s) <= ASIDE_LABEL_MAX && !s.contains('\n')
}

fn classify(text: &str, units: &[Unit], prefix: bool) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let last_prose = units
        .iter()
        .rposition(|u| !is_rule(&text[u.range.clone()]))
        .filter(|_| !prefix);
    let mut paragraphs = 0usize;
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        let s = &text[unit.range.clone()];
        let next = units.get(i + 1).map(|u| (&text[u.range.clone()], u.width));
        let push = |blocks: &mut Vec<Block>, kind, range: Range<usize>| {
            blocks.push(Block {
                kind,
                text: range.clone(),
                source: range,
            })
        };

        if is_rule(s) {
            push(&mut blocks, BlockKind::Rule, unit.range.clone());
            i += 1;
            continue;
        }
        if i == 0 && unit.width <= TITLE_MAX && is_short_line_without_stop(s, TITLE_MAX) {
            push(&mut blocks, BlockKind::Title, unit.range.clone());
            i += 1;
            continue;
        }
        let after_title = blocks.len() == 1 && blocks[0].kind == BlockKind::Title;
        let between_paragraphs =
            !blocks.is_empty() && next.is_some_and(|(n, w)| w > HEADING_MAX && !is_rule(n));
        let heading = between_paragraphs && is_short_line_without_stop(s, HEADING_MAX);
        // "Titel", then "Kapitel 1" before the first paragraph: a heading, not the lead.
        if after_title && !heading && unit.width <= LEAD_MAX && !is_quote(s) && next.is_some() {
            push(&mut blocks, BlockKind::Lead, unit.range.clone());
            i += 1;
            continue;
        }
        // An aside: a short label ending in a colon, then a few short lines.
        let label_line = s.lines().next().unwrap_or("");
        if is_aside_label(label_line) {
            if s.contains('\n') {
                push(&mut blocks, BlockKind::Aside, unit.range.clone());
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < units.len()
                && end - i <= ASIDE_MAX_LINES
                && units[end].width <= ASIDE_LINE_MAX
                && !is_rule(&text[units[end].range.clone()])
                && Some(end) != last_prose
            {
                end += 1;
            }
            if end > i + 1 {
                push(
                    &mut blocks,
                    BlockKind::Aside,
                    unit.range.start..units[end - 1].range.end,
                );
                i = end;
                continue;
            }
        }
        if is_quote(s) {
            push(&mut blocks, BlockKind::Quote, unit.range.clone());
            i += 1;
            continue;
        }
        if heading {
            push(
                &mut blocks,
                BlockKind::Heading { level: 1 },
                unit.range.clone(),
            );
            i += 1;
            continue;
        }
        if Some(i) == last_prose && i > 0 && unit.width <= CREDIT_MAX && paragraphs >= 3 {
            push(&mut blocks, BlockKind::Credit, unit.range.clone());
            i += 1;
            continue;
        }
        paragraphs += 1;
        push(&mut blocks, BlockKind::Paragraph, unit.range.clone());
        i += 1;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::super::{BlockKind, bundled, parse_str};
    use super::*;

    fn kinds(doc: &Document) -> Vec<BlockKind> {
        doc.blocks.iter().map(|b| b.kind).collect()
    }

    fn count(doc: &Document, kind: BlockKind) -> usize {
        doc.blocks.iter().filter(|b| b.kind == kind).count()
    }

    #[test]
    fn a_chapter_heading_right_after_the_title_is_a_heading() {
        let long = "Ein langer Absatz, der weit über achtzig Spalten hinausgeht und darum kein Titel und keine Überschrift sein kann.";
        let text = format!(
            "Mein Titel\n\nErstes Kapitel\n\n{long}\n\n{long}\n\nZweites Kapitel\n\n{long}\n"
        );
        let doc = parse(text, Origin::Bundled("test"), "test");
        let headings: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading { level: 1 })
            .map(|b| &doc.text[b.text.clone()])
            .collect();
        assert_eq!(headings, ["Erstes Kapitel", "Zweites Kapitel"]);
        assert_eq!(count(&doc, BlockKind::Lead), 0);
    }

    #[test]
    fn the_article_has_its_structure() {
        let doc = bundled();
        assert_eq!(count(&doc, BlockKind::Title), 1);
        assert_eq!(count(&doc, BlockKind::Lead), 1);
        assert_eq!(count(&doc, BlockKind::Heading { level: 1 }), 3);
        assert_eq!(count(&doc, BlockKind::Quote), 1);
        assert_eq!(count(&doc, BlockKind::Aside), 1);
        assert_eq!(count(&doc, BlockKind::Credit), 1);
        assert_eq!(count(&doc, BlockKind::Rule), 1);
        assert_eq!(doc.title, doc.block_text(0));
        let headings: Vec<&str> = doc.headings()[1..]
            .iter()
            .map(|&i| doc.block_text(i))
            .collect();
        // The headings are the short lines of the source without a final full stop that
        // stand between two long lines: compute them independently of the parser.
        let source_lines: Vec<&str> = doc.text.lines().collect();
        let expected: Vec<&str> = source_lines
            .windows(3)
            .filter(|w| {
                w[1].chars().count() < 60
                    && !w[1].ends_with(['.', ':'])
                    && w[0].chars().count() > 100
                    && w[2].chars().count() > 100
            })
            .map(|w| w[1])
            .collect();
        assert_eq!(headings, expected);
        let aside = doc
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Aside)
            .expect("aside");
        assert!(doc.text[aside.text.clone()].lines().count() >= 2);
        assert_eq!(kinds(&doc).last(), Some(&BlockKind::Rule));
    }

    #[test]
    fn ranges_point_into_the_source() {
        let doc = bundled();
        for block in &doc.blocks {
            assert_eq!(block.text, block.source);
            let s = &doc.text[block.text.clone()];
            assert_eq!(s, s.trim());
        }
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Ein Titel\n\nDies ist ein Absatz, der über\nzwei Zeilen geht und weiter.\n\nZweiter Absatz mit\nmehr Text darin, genug.\n\nDritter Absatz, auch\nhart umbrochen.\n";
        let doc = parse_str(text.to_string(), Origin::Bundled("t"), "fallback", false);
        assert_eq!(doc.blocks.len(), 4);
        assert_eq!(doc.blocks[0].kind, BlockKind::Title);
        assert!(doc.block_text(2).contains('\n'));
    }

    #[test]
    fn a_long_first_line_is_not_a_title() {
        let long = "Wort ".repeat(40);
        let doc = parse_str(long, Origin::Bundled("t"), "Datei.txt", false);
        assert_eq!(doc.title, "Datei.txt");
        assert_eq!(kinds(&doc), vec![BlockKind::Paragraph]);
    }
}
