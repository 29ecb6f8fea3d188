//! Wrapping a text to a width in display columns (unicode-width), with optional
//! hyphenation. Every line keeps its byte range in the text it came from.

use std::ops::Range;

use textwrap::WordSplitter;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::document::Join;
/// A line break inside a paragraph: where the document says so (a Markdown hard break).
pub use crate::document::LINE_SEPARATOR;

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the line's text (without a hyphen that the wrap added).
    pub range: Range<usize>,
    /// The line ends inside a word: show a hyphen after it.
    pub hyphen: bool,
    /// Display width, including the added hyphen. Whitespace counts one column per char,
    /// and a run of whitespace with a line break in it one column.
    pub width: usize,
    /// Byte ranges inside `range` that are not shown: the rest of a run of whitespace with
    /// a line break in it (its first character is shown as a space), and a joined word's
    /// hyphen with the line break after it. Sorted, usually empty.
    pub hidden: Vec<Range<usize>>,
}

impl Line {
    /// A line with nothing hidden.
    pub fn plain(range: Range<usize>, width: usize) -> Self {
        Line {
            range,
            hyphen: false,
            width,
            hidden: Vec::new(),
        }
    }

    /// Whether the byte at `offset` is hidden.
    pub fn is_hidden(&self, offset: usize) -> bool {
        self.hidden
            .iter()
            .any(|r| r.start <= offset && offset < r.end)
    }
}

/// A piece of a word, with the whitespace after it.
#[derive(Debug, Clone)]
struct Piece {
    range: Range<usize>,
    width: usize,
    whitespace: usize,
    penalty: usize,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.whitespace as f64
    }
    fn penalty_width(&self) -> f64 {
        self.penalty as f64
    }
}

/// Wrap `text` (which starts at byte `base` of the document) to `width` columns.
///
/// Whitespace separates words; with `keep_breaks` each `\n` also ends a line, without it a
/// run of whitespace with a line break in it is one space. With a `splitter` long words may
/// be hyphenated. No line is wider than `width` (at least 2).
pub fn wrap_text(
    text: &str,
    base: usize,
    width: usize,
    keep_breaks: bool,
    splitter: Option<&WordSplitter>,
) -> Vec<Line> {
    wrap_text_joined(text, base, width, keep_breaks, splitter, &[])
}

/// [`wrap_text`], with words broken by a hyphen at a line's end shown whole (`joins`, by
/// offset in the document, sorted).
pub fn wrap_text_joined(
    text: &str,
    base: usize,
    width: usize,
    keep_breaks: bool,
    splitter: Option<&WordSplitter>,
    joins: &[Join],
) -> Vec<Line> {
    let width = width.max(2);
    let mut lines = Vec::new();
    if keep_breaks {
        let mut start = 0;
        for segment in text.split('\n') {
            wrap_segment(segment, base + start, width, splitter, joins, &mut lines);
            start += segment.len() + 1;
        }
    } else {
        // A hard line break inside a paragraph (Markdown's), kept as U+2028 LINE SEPARATOR.
        let mut start = 0;
        for segment in text.split(LINE_SEPARATOR) {
            wrap_segment(segment, base + start, width, splitter, joins, &mut lines);
            start += segment.len() + LINE_SEPARATOR.len_utf8();
        }
    }
    lines
}

fn wrap_segment(
    text: &str,
    base: usize,
    width: usize,
    splitter: Option<&WordSplitter>,
    joins: &[Join],
    out: &mut Vec<Line>,
) {
    let pieces = pieces(text, base, width, splitter, joins);
    if pieces.is_empty() {
        out.push(Line::plain(base..base, 0));
        return;
    }
    let widths = [width as f64];
    let optimal = wrap_optimal_fit(&pieces, &widths, &Penalties::new()).ok();
    let fits = |lines: &Vec<&[Piece]>| lines.iter().all(|l| line_width(l) <= width);
    let lines = match optimal {
        Some(lines) if fits(&lines) => lines,
        _ => wrap_first_fit(&pieces, &widths),
    };
    for line in lines {
        let (Some(first), Some(last)) = (line.first(), line.last()) else {
            continue;
        };
        out.push(Line {
            range: first.range.start..last.range.end,
            hyphen: last.penalty > 0,
            width: line_width(line),
            hidden: hidden(text, base, line),
        });
    }
}

/// What is not shown between the pieces of a line: the whitespace after a piece past the
/// columns it counts for (a collapsed run, a joined word's hyphen and line break).
fn hidden(text: &str, base: usize, line: &[Piece]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for pair in line.windows(2) {
        let gap = pair[0].range.end..pair[1].range.start;
        if gap.is_empty() {
            continue;
        }
        let Some(between) = text.get(gap.start - base..gap.end - base) else {
            continue;
        };
        let shown: usize = between
            .chars()
            .take(pair[0].whitespace)
            .map(char::len_utf8)
            .sum();
        if shown < between.len() {
            out.push(gap.start + shown..gap.end);
        }
    }
    out
}

fn line_width(line: &[Piece]) -> usize {
    let Some(last) = line.last() else { return 0 };
    let inner: usize = line[..line.len() - 1]
        .iter()
        .map(|p| p.width + p.whitespace)
        .sum();
    inner + last.width + last.penalty
}

/// Split the text into words, the words at hyphenation points, and anything still too
/// wide into grapheme chunks that fit.
fn pieces(
    text: &str,
    base: usize,
    width: usize,
    splitter: Option<&WordSplitter>,
    joins: &[Join],
) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    let mut joins = joins.iter().peekable();
    for (n, word) in words.iter().enumerate() {
        let ws_end = words.get(n + 1).map_or(text.len(), |w| w.start);
        let gap = &text[word.end..ws_end];
        let mut whitespace = if gap.contains('\n') {
            1
        } else {
            gap.chars().count()
        };
        // A word broken at the line's end by a hyphen that is joined: no space after it, and
        // the hyphen hidden (shown again by the wrap if the line breaks there).
        while joins.next_if(|j| j.at < base + word.start).is_some() {}
        let join = joins
            .next_if(|j| j.at >= base + word.start && j.at < base + word.end)
            .filter(|j| text[j.at - base..].starts_with(['-', '\u{2010}']));
        let mut word = word.clone();
        let mut joined_hyphen = false;
        if let Some(j) = join {
            whitespace = 0;
            if !j.keep_hyphen && j.at - base > word.start {
                word.end = j.at - base;
                joined_hyphen = true;
            }
        }
        let word = &word;
        let w = &text[word.clone()];
        let mut cuts: Vec<usize> = match splitter {
            Some(s) if w.width() > 1 => s.split_points(w),
            _ => Vec::new(),
        };
        cuts.retain(|&c| c > 0 && c < w.len() && w.is_char_boundary(c));
        let mut prev = 0;
        let bounds: Vec<usize> = cuts.into_iter().chain(std::iter::once(w.len())).collect();
        for (k, &cut) in bounds.iter().enumerate() {
            let is_last = k + 1 == bounds.len();
            let part = &w[prev..cut];
            let penalty = if is_last {
                usize::from(joined_hyphen)
            } else {
                usize::from(!part.ends_with('-'))
            };
            push_fitting(
                part,
                base + word.start + prev,
                if is_last { whitespace } else { 0 },
                penalty,
                width,
                &mut out,
            );
            prev = cut;
        }
    }
    out
}

/// Push a piece, chunked by graphemes if it (with its penalty) is wider than `width`.
fn push_fitting(
    part: &str,
    start: usize,
    whitespace: usize,
    penalty: usize,
    width: usize,
    out: &mut Vec<Piece>,
) {
    let w = part.width();
    if w + penalty <= width {
        out.push(Piece {
            range: start..start + part.len(),
            width: w,
            whitespace,
            penalty,
        });
        return;
    }
    let max = width - penalty.min(width - 1);
    let mut chunk_start = 0;
    let mut chunk_width = 0;
    let graphemes: Vec<(usize, &str)> = part.grapheme_indices(true).collect();
    for (i, g) in &graphemes {
        let gw = g.width();
        if chunk_width + gw > max && chunk_width > 0 {
            out.push(Piece {
                range: start + chunk_start..start + i,
                width: chunk_width,
                whitespace: 0,
                penalty: 0,
            });
            chunk_start = *i;
            chunk_width = 0;
        }
        chunk_width += gw;
    }
    out.push(Piece {
        range: start + chunk_start..start + part.len(),
        width: chunk_width,
        whitespace,
        penalty,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn render(text: &str, line: &Line) -> String {
        let mut s: String = text[line.range.clone()]
            .char_indices()
            .filter(|(i, _)| !line.is_hidden(line.range.start + i))
            .map(|(_, c)| if c.is_whitespace() { ' ' } else { c })
            .collect();
        if line.hyphen {
            s.push('-');
        }
        s
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let text = "Die Leerverkäufe haben Hochkonjunktur";
        let lines = wrap_text(text, 0, 20, false, None);
        let shown: Vec<String> = lines.iter().map(|l| render(text, l)).collect();
        assert_eq!(shown, vec!["Die Leerverkäufe", "haben Hochkonjunktur"]);
    }

    #[test]
    fn hyphenates_long_german_words() {
        let splitter = super::super::german_splitter();
        let text = "Wettbewerbsvorteile Wettbewerbsvorteile";
        let lines = wrap_text(text, 0, 14, false, splitter);
        assert!(lines.iter().any(|l| l.hyphen), "{lines:?}");
        for l in &lines {
            assert!(render(text, l).width() <= 14);
        }
    }

    #[test]
    fn keeps_line_breaks_when_asked() {
        let text = "Lesen Sie auch:\nWie China\n\nEnde";
        let lines = wrap_text(text, 10, 40, true, None);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].range, 26..35);
        assert!(lines[2].range.is_empty());
    }

    #[test]
    fn a_line_break_with_indentation_is_one_space() {
        let text = "Sie\n    für nicht-root-Benutzer";
        let lines = wrap_text(text, 0, 40, false, None);
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert_eq!(line.width, "Sie für nicht-root-Benutzer".len() - 1);
        assert_eq!(line.hidden, vec![4..8]);
        let shown: String = text[line.range.clone()]
            .char_indices()
            .filter(|(i, _)| !line.is_hidden(*i))
            .map(|(_, c)| if c.is_whitespace() { ' ' } else { c })
            .collect();
        assert_eq!(shown, "Sie für nicht-root-Benutzer");
        // Spaces inside a line are kept as written.
        let lines = wrap_text("Satz.  Noch", 0, 40, false, None);
        assert!(lines[0].hidden.is_empty());
        assert_eq!(lines[0].width, 11);
    }

    #[test]
    fn a_joined_word_is_whole_and_breaks_with_a_hyphen() {
        let text = "die regel‐\n    mäßig abgeglichen";
        let at = text.find('‐').unwrap_or(0);
        let joins = [Join {
            at: 100 + at,
            keep_hyphen: false,
        }];
        let lines = wrap_text_joined(text, 100, 40, false, None, &joins);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].hidden, vec![100 + at..100 + at + "‐\n    ".len()]);
        assert_eq!(lines[0].width, "die regelmäßig abgeglichen".chars().count());
        // Too narrow for the word: it breaks where the text broke it, with a hyphen.
        let lines = wrap_text_joined(text, 100, 9, false, None, &joins);
        assert!(lines[1].hyphen, "{lines:?}");
        assert_eq!(
            &text[lines[1].range.start - 100..lines[1].range.end - 100],
            "regel"
        );
    }

    fn any_text() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "Leerverkäufe",
            "„Hyperscaler“",
            "Größe",
            "ß",
            "Wettbewerbshemmnis",
            "中文字符",
            "😀",
            "Kernreaktors",
            "a",
            "Donaudampfschifffahrtsgesellschaftskapitän",
            "–",
            "Big-Tech-Unternehmen",
            "x\u{301}",
            "ＡＢＣ",
            "Rechenzentren,",
        ]);
        let seps = prop::sample::select(vec![" ", "  ", "\n", " \t ", "\n    ", " \r\n\t"]);
        prop::collection::vec((words, seps), 0..40).prop_map(|v| {
            v.into_iter()
                .map(|(w, s)| format!("{w}{s}"))
                .collect::<String>()
        })
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_its_width(
            text in any_text(),
            width in 2usize..50,
            hyphenate in any::<bool>(),
            keep in any::<bool>(),
        ) {
            let splitter = if hyphenate { super::super::german_splitter() } else { None };
            let base = 7;
            let padded = format!("{}{}", "x".repeat(base), text);
            let lines = wrap_text(&padded[base..], base, width, keep, splitter);
            let mut last_end = base;
            for line in &lines {
                prop_assert!(line.range.start >= last_end);
                prop_assert!(line.range.end <= padded.len());
                prop_assert!(padded.is_char_boundary(line.range.start));
                prop_assert!(padded.is_char_boundary(line.range.end));
                let shown = render(&padded, line);
                prop_assert!(shown.width() <= width, "{:?} is {} wide, max {}", shown, shown.width(), width);
                prop_assert_eq!(shown.width(), line.width);
                last_end = line.range.end;
            }
            // Every non-space character of the text is on some line.
            let shown: usize = lines.iter().map(|l| padded[l.range.clone()].chars().filter(|c| !c.is_whitespace()).count()).sum();
            prop_assert_eq!(shown, text.chars().filter(|c| !c.is_whitespace()).count());
        }
    }
}
