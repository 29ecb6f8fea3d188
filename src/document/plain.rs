//! Plain text into blocks, by general typographic heuristics.
//!
//! A text is read as a sequence of *units*: its non-empty lines, or, when the text is
//! hard-wrapped with blank lines between paragraphs, its blank-line-separated groups.
//! Lines that are preformatted (commands and their output, tables, contents lists, ASCII
//! art, lines indented deeper than the body) are found first and become code units that
//! are shown as written. Each other unit then becomes a block by its shape: a first short
//! line is the title, the prose after it the lead, a numbered or underlined line a
//! heading, a notice label ("Anmerkung", "Warning") with the text after it a callout, a
//! "Tabelle 2.1." line a caption, a short line without a final full stop between
//! paragraphs a heading, a unit in quotation marks a quote, a short line ending in a colon
//! followed by short lines an aside, a line of dashes a rule, and a short last line the
//! credit.
//!
//! A hyphen at a line's end inside a paragraph is recorded as a [`Join`] when the rest of
//! the text (or the lexicon) shows the whole word; the layout then shows the word whole.

use std::collections::HashSet;
use std::ops::Range;

use super::{Block, BlockKind, Document, Join, Origin};

const TITLE_MAX: usize = 120;
const HEADING_MAX: usize = 80;
const HEADING_MAX_WORDS: usize = 12;
const LEAD_MAX: usize = 350;
const ASIDE_LABEL_MAX: usize = 40;
const ASIDE_LINE_MAX: usize = 100;
const ASIDE_MAX_LINES: usize = 4;
const CREDIT_MAX: usize = 160;
/// Lines indented this many columns deeper than the body are preformatted.
const DEEPER: usize = 2;
/// How much of a line is read to tell its shape (see [`line_shape`]).
const SHAPE_BYTES: usize = 256;
/// A terminal's output is no wider than this.
const SESSION_LINE_MAX: usize = 100;
/// Indentations counted when finding the body's (deeper ones count as this).
const INDENT_CAP: usize = 32;

/// Notice labels: such a word alone on a line starts a callout, never a heading. These are
/// the labels of DocBook, man pages and handbooks, in German and English (compared without
/// case, a final `:` or `!` aside).
const NOTICE_LABELS: &[&str] = &[
    "anmerkung",
    "hinweis",
    "tipp",
    "warnung",
    "wichtig",
    "achtung",
    "vorsicht",
    "gefahr",
    "beispiel",
    "note",
    "notice",
    "tip",
    "hint",
    "warning",
    "important",
    "caution",
    "danger",
    "example",
];

/// Words that, followed by a number, name a caption ("Tabelle 3.1. Systeme"): a caption,
/// not a heading.
const CAPTION_LABELS: &[&str] = &[
    "tabelle",
    "abbildung",
    "abb.",
    "grafik",
    "listing",
    "table",
    "figure",
    "fig.",
];

/// Words that, followed by a number or a letter, name a section ("Kapitel 3.", "Anhang A").
const SECTION_LABELS: &[&str] = &[
    "kapitel",
    "teil",
    "abschnitt",
    "anhang",
    "chapter",
    "part",
    "section",
    "appendix",
];

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
    /// Preformatted: shown as written (a code block).
    pre: bool,
    /// The only line of its blank-line group.
    alone: bool,
    /// Underlined by the next line (`====` level 1, `----` level 2).
    underline: Option<u8>,
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
    let joins = joins(&text, &blocks);
    let title = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| collapse_whitespace(&text[b.text.clone()]))
        .unwrap_or_else(|| fallback_title.to_string());
    Document::new(title, text, blocks, origin).with_joins(joins)
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line: its range (without the line break), its trimmed range, its indentation in
/// columns (a tab to the next multiple of 8).
#[derive(Debug, Clone)]
struct SourceLine {
    raw: Range<usize>,
    trimmed: Range<usize>,
    indent: usize,
}

fn source_lines(text: &str) -> Vec<SourceLine> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |raw: Range<usize>| {
        let trimmed = trim_range(text, raw.clone());
        let mut indent = 0;
        for b in text.as_bytes()[raw.start..trimmed.start].iter() {
            indent = if *b == b'\t' {
                (indent / 8 + 1) * 8
            } else {
                indent + 1
            };
        }
        out.push(SourceLine {
            raw,
            trimmed,
            indent,
        });
    };
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            push(start..i);
            start = i + 1;
        }
    }
    if start < text.len() {
        push(start..text.len());
    }
    out
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

/// The body's indentation: the most common one of lines with a few words (prose).
fn body_indent(text: &str, lines: &[SourceLine]) -> usize {
    let mut counts = [0usize; INDENT_CAP + 1];
    let mut any = false;
    for l in lines.iter().filter(|l| !l.trimmed.is_empty()) {
        let s = &text[l.trimmed.clone()];
        if s.len() >= 24 && s.split_whitespace().nth(3).is_some() {
            counts[l.indent.min(INDENT_CAP)] += 1;
            any = true;
        }
    }
    if !any {
        for l in lines.iter().filter(|l| !l.trimmed.is_empty()) {
            counts[l.indent.min(INDENT_CAP)] += 1;
        }
    }
    // The first of the most common (the smaller indentation on a tie).
    let mut best = 0;
    for (i, &c) in counts.iter().enumerate() {
        if c > counts[best] {
            best = i;
        }
    }
    best
}

fn units(text: &str) -> Vec<Unit> {
    let lines = source_lines(text);
    let body = body_indent(text, &lines);
    // Groups of consecutive non-blank lines (indices into `lines`).
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, l) in lines.iter().enumerate() {
        match (l.trimmed.is_empty(), start) {
            (true, Some(s)) => {
                groups.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        groups.push(s..lines.len());
    }
    let mut pre = vec![false; lines.len()];
    for g in &groups {
        mark_preformatted(text, &lines, g.clone(), body, &mut pre);
    }
    // Hard-wrapped: most prose lines stand in groups of several prose lines.
    let mut total = 0usize;
    let mut in_multi = 0usize;
    for g in &groups {
        let prose = g.clone().filter(|&i| !pre[i]).count();
        total += prose;
        if prose > 1 {
            in_multi += prose;
        }
    }
    let hard_wrapped =
        groups.len() > 1 && in_multi * 2 > total && looks_hard_wrapped(text, &lines, &pre);

    let mut out = Vec::new();
    let make = |range: Range<usize>, pre: bool, alone: bool, underline: Option<u8>| Unit {
        width: capped_width(&text[range.clone()]),
        range,
        pre,
        alone,
        underline,
    };
    for g in &groups {
        let alone = g.len() == 1;
        let mut i = g.start;
        while i < g.end {
            if pre[i] {
                let mut end = i;
                while end < g.end && pre[end] {
                    end += 1;
                }
                // From the least indented line's indentation: rows keep the relative one.
                let strip = (i..end)
                    .map(|k| lines[k].trimmed.start - lines[k].raw.start)
                    .min()
                    .unwrap_or(0);
                let range = lines[i].raw.start + strip..lines[end - 1].trimmed.end;
                out.push(make(range, true, alone, None));
                i = end;
                continue;
            }
            // A run of prose lines, split at underlined titles.
            let mut end = i;
            while end < g.end && !pre[end] {
                end += 1;
            }
            let mut run_start = i;
            let mut k = i;
            while k < end {
                let level = (k + 1 < end)
                    .then(|| underline_level(text, &lines[k], &lines[k + 1]))
                    .flatten();
                if let Some(level) = level {
                    push_prose(&mut out, &lines, run_start..k, hard_wrapped, alone, &make);
                    out.push(make(lines[k].trimmed.clone(), false, true, Some(level)));
                    k += 2;
                    run_start = k;
                } else {
                    k += 1;
                }
            }
            push_prose(&mut out, &lines, run_start..end, hard_wrapped, alone, &make);
            i = end;
        }
    }
    out
}

/// Prose lines as units: one for all of them (hard-wrapped) or one a line.
fn push_prose(
    out: &mut Vec<Unit>,
    lines: &[SourceLine],
    run: Range<usize>,
    hard_wrapped: bool,
    alone: bool,
    make: &impl Fn(Range<usize>, bool, bool, Option<u8>) -> Unit,
) {
    if run.is_empty() {
        return;
    }
    if hard_wrapped {
        let range = lines[run.start].trimmed.start..lines[run.end - 1].trimmed.end;
        out.push(make(range, false, alone, None));
    } else {
        for k in run {
            out.push(make(lines[k].trimmed.clone(), false, alone, None));
        }
    }
}

/// The heading level if `line` is a short title and `next` underlines it.
fn underline_level(text: &str, line: &SourceLine, next: &SourceLine) -> Option<u8> {
    let u = &text[next.trimmed.clone()];
    let level = if u.len() >= 3 && u.bytes().all(|b| b == b'=') {
        1
    } else if u.len() >= 3 && u.bytes().all(|b| b == b'-') {
        2
    } else {
        return None;
    };
    let s = &text[line.trimmed.clone()];
    let w = capped_width(s);
    let fits = u.len() * 2 >= w && u.len() <= 2 * w + 2;
    let stops = ends_with_any(s, &['.', ',', ';', ':']) && section_level(s).is_none();
    (fits && !stops && !is_rule(s) && w <= HEADING_MAX && word_count(s) <= HEADING_MAX_WORDS)
        .then_some(level)
}

/// Mark the preformatted lines of one blank-line group.
fn mark_preformatted(
    text: &str,
    lines: &[SourceLine],
    group: Range<usize>,
    body: usize,
    pre: &mut [bool],
) {
    let s = |i: usize| &text[lines[i].trimmed.clone()];
    let deeper = |i: usize| lines[i].indent >= body + DEEPER;
    // A whole group deeper than the body (an example, a listing), unless it is one long
    // line of prose with a first-line indent.
    if group.clone().all(deeper) {
        let one_long_line = group.len() == 1 && {
            let t = s(group.start);
            capped_width(t) > 2 * HEADING_MAX && word_count(t) >= 20
        };
        if !one_long_line {
            for i in group {
                pre[i] = true;
            }
            return;
        }
    }
    // The indentation of the last prompt: the terminal's output follows it, at least as
    // indented and no wider than a terminal (a long line of prose ends the session).
    let mut session: Option<usize> = None;
    let shapes: Vec<LineShape> = group.clone().map(|i| line_shape(s(i))).collect();
    let shape = |i: usize| shapes[i - group.start];
    for i in group.clone() {
        let line = s(i);
        let previous = (i > group.start).then(|| i - 1);
        if session
            .is_some_and(|indent| lines[i].indent < indent || capped_width(line) > SESSION_LINE_MAX)
        {
            session = None;
        }
        let is_pre = if is_prompt(line) {
            session = Some(lines[i].indent);
            true
        } else if session.is_some()
            || is_table_row(line, shape(i))
            || is_contents_line(line)
            || (shape(i).art && !is_rule(line))
        {
            true
        } else if deeper(i) {
            // Deeper lines after a line that introduces them ("…:") or after other
            // preformatted lines (a listing's continuation).
            previous.is_some_and(|p| pre[p] || s(p).ends_with(':'))
        } else {
            false
        };
        pre[i] = is_pre;
    }
    // Columns aligned by runs of spaces: two such lines together, or one next to a table.
    for i in group.clone() {
        if !pre[i] && shape(i).columns {
            let next_to = |j: usize| group.contains(&j) && (pre[j] || shape(j).columns);
            if next_to(i.wrapping_sub(1)) || next_to(i + 1) {
                pre[i] = true;
            }
        }
    }
    // A rule inside a table (`-----  -----` under a header) belongs to it.
    for i in group.clone() {
        if !pre[i] && is_rule(s(i)) {
            let next_to = |j: usize| group.contains(&j) && pre[j];
            if next_to(i.wrapping_sub(1)) && next_to(i + 1) {
                pre[i] = true;
            }
        }
    }
}

/// A shell prompt: `$ `, `# ` before a command, `user@host:~$ `, `C:\> `.
fn is_prompt(s: &str) -> bool {
    if s == "$" || s.starts_with("$ ") {
        return true;
    }
    if let Some(rest) = s.strip_prefix("# ") {
        return rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || "./~".contains(c));
    }
    // `user@host:~$ make`: the prompt is the first word (found without reading the line).
    let token = s.split(' ').next().unwrap_or("");
    if token.len() > 1 && token.len() < s.len() && token.ends_with(['$', '#']) {
        let before = &token[..token.len() - 1];
        return before.contains('@') || before.ends_with(":~") || before.contains(":/");
    }
    let b = s.as_bytes();
    b.len() > 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\' && s.contains('>')
}

/// What one pass over a line's bytes finds (parsing reads each line once more, not once
/// per test): box-drawing characters, columns aligned by a run of two or more spaces (not
/// after a sentence's end, where some writers put two spaces), mostly symbols (ASCII art).
#[derive(Debug, Clone, Copy)]
struct LineShape {
    boxes: bool,
    columns: bool,
    art: bool,
}

fn line_shape(s: &str) -> LineShape {
    // A table, a drawing or columns show themselves in a line's first bytes: a long line of
    // prose is not read to its end (parsing a book stays cheap).
    let mut end = s.len().min(SHAPE_BYTES);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let b = &s.as_bytes()[..end];
    let (mut boxes, mut columns) = (false, false);
    let (mut symbols, mut others) = (0usize, 0usize);
    let mut spaces = 0usize;
    let mut prev = b' ';
    for (i, &c) in b.iter().enumerate() {
        if c == b' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 2 && !b".!?:;, ".contains(&prev) {
            columns = true;
        }
        spaces = 0;
        prev = c;
        if c.is_ascii_whitespace() {
            continue;
        }
        // U+2500..U+257F, box drawing: E2 94 xx and E2 95 xx.
        if c == 0xE2 && matches!(b.get(i + 1), Some(0x94 | 0x95)) {
            boxes = true;
        }
        if c.is_ascii_punctuation() && !b".,;:!?\"'".contains(&c) {
            symbols += 1;
        } else if c & 0xC0 != 0x80 {
            // A character (not a UTF-8 continuation byte).
            others += 1;
        }
    }
    LineShape {
        boxes,
        columns,
        art: symbols >= 4 && symbols > 2 * others,
    }
}

/// A table's line: an ASCII rule `+---+---+`, a row between `|`, box-drawing lines.
#[cfg(test)]
fn is_table_line(s: &str) -> bool {
    is_table_row(s, line_shape(s))
}

fn is_table_row(s: &str, shape: LineShape) -> bool {
    let first = s.chars().next();
    if first == Some('+') && s.len() >= 3 {
        return s.chars().all(|c| "+-=|: ".contains(c)) && s.contains(['-', '=']);
    }
    if first == Some('|') {
        return s.matches('|').count() >= 2;
    }
    shape.boxes && !is_rule(s)
}

/// A line of a contents list: a title, a dotted leader or a gap, a page number.
fn is_contents_line(s: &str) -> bool {
    let head = s.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = s.len() - head.len();
    if digits == 0 || digits > 4 {
        return false;
    }
    let before = head.trim_end();
    let leader = before.ends_with("..")
        || before.ends_with('…')
        || before.ends_with(". .")
        || head.ends_with("  ");
    leader && before.chars().any(char::is_alphabetic)
}

/// ASCII art: mostly symbols, few letters.
#[cfg(test)]
fn is_art(s: &str) -> bool {
    line_shape(s).art && !is_rule(s)
}

/// Columns aligned by runs of spaces.
#[cfg(test)]
fn has_columns(s: &str) -> bool {
    line_shape(s).columns
}

/// Hard-wrapped prose has lines of similar, moderate length.
fn looks_hard_wrapped(text: &str, lines: &[SourceLine], pre: &[bool]) -> bool {
    let mut widths: Vec<usize> = lines
        .iter()
        .zip(pre)
        .filter(|(l, p)| !**p && !l.trimmed.is_empty())
        .map(|(l, _)| capped_width(&text[l.trimmed.clone()]))
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

/// A list item's marker: `-`, `*`, `•`, `–` before a space.
fn is_list_item(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| "-*•–·+".contains(c)) && chars.next() == Some(' ')
}

/// Whether `word` is one of `labels` (compared without case).
fn is_label(word: &str, labels: &[&str]) -> bool {
    if word.len() > 12 {
        return false;
    }
    let lower = word.to_lowercase();
    labels.contains(&lower.as_str())
}

/// A notice label alone on a line ("Anmerkung", "WARNUNG:", "Tipp!").
fn is_notice_label(line: &str) -> bool {
    let word = line.trim_end_matches([':', '!']).trim_end();
    !word.contains(char::is_whitespace) && is_label(word, NOTICE_LABELS)
}

/// A caption: "Tabelle 3.1. Unterstützte Systeme", "Abbildung 2: …", "Figure 4".
fn is_caption(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let (Some(label), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    is_label(label, CAPTION_LABELS)
        && number.starts_with(|c: char| c.is_ascii_digit())
        && !s.contains('\n')
        && capped_width(s) <= TITLE_MAX
}

/// A section number at the start of a line, and its level: "1." and "Kapitel 3." are 1,
/// "1.2." 2, "1.2.3" 3; "Anhang A." 1. The title after the number, if any, starts with a
/// capital letter and does not end a sentence.
fn section_level(s: &str) -> Option<u8> {
    let (number, rest) = s.split_once(' ').unwrap_or((s, ""));
    let rest = rest.trim_start();
    let level = if number.starts_with(|c: char| c.is_ascii_digit()) {
        let parts: Vec<&str> = number.trim_end_matches('.').split('.').collect();
        let numeric = parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
        // "1" alone is a number in a sentence, "1." or "1.2" a section.
        if !numeric || (parts.len() == 1 && !number.ends_with('.')) || rest.is_empty() {
            return None;
        }
        u8::try_from(parts.len()).ok()?.min(6)
    } else if is_label(number, SECTION_LABELS) {
        let (n, title) = rest.split_once(' ').unwrap_or((rest, ""));
        let n = n.trim_end_matches(['.', ':']);
        let numbered = !n.is_empty()
            && (n.bytes().all(|b| b.is_ascii_digit())
                || (n.len() == 1 && n.bytes().all(|b| b.is_ascii_uppercase()))
                || n.bytes().all(|b| b"IVXLC".contains(&b)));
        if !numbered {
            return None;
        }
        return (title.is_empty() || title_like(title.trim_start())).then_some(1);
    } else {
        return None;
    };
    title_like(rest).then_some(level)
}

/// The title part of a numbered heading: a capital letter first, no sentence's end.
fn title_like(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase) && !ends_with_any(s, &['.', ',', ';', ':'])
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
        let next_unit = units.get(i + 1);
        let next = next_unit.map(|u| (&text[u.range.clone()], u.width));
        let push = |blocks: &mut Vec<Block>, kind, range: Range<usize>| {
            blocks.push(Block {
                kind,
                text: range.clone(),
                source: range,
            })
        };

        if unit.pre {
            push(&mut blocks, BlockKind::Code, unit.range.clone());
            i += 1;
            continue;
        }
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
        if let Some(level) = unit.underline {
            push(
                &mut blocks,
                BlockKind::Heading { level },
                unit.range.clone(),
            );
            i += 1;
            continue;
        }
        let next_is_body = next_unit.is_some_and(|n| n.pre || n.width > HEADING_MAX);
        let short = unit.width <= HEADING_MAX && word_count(s) <= HEADING_MAX_WORDS;
        if short
            && !s.contains('\n')
            && (unit.alone || next_is_body)
            && let Some(level) = section_level(s)
        {
            push(
                &mut blocks,
                BlockKind::Heading { level },
                unit.range.clone(),
            );
            i += 1;
            continue;
        }
        if is_caption(s) {
            push(&mut blocks, BlockKind::Caption, unit.range.clone());
            i += 1;
            continue;
        }
        // A notice label alone on a line, with the text after it (in its group, or the
        // next paragraph).
        let first_line = s.lines().next().unwrap_or("");
        if is_notice_label(first_line) {
            let takes_next = !s.contains('\n')
                && next_unit.is_some_and(|n| {
                    let t = &text[n.range.clone()];
                    !n.pre
                        && n.underline.is_none()
                        && !is_rule(t)
                        && !is_notice_label(t.lines().next().unwrap_or(""))
                        && section_level(t).is_none()
                });
            let end = match (takes_next, next_unit) {
                (true, Some(n)) => n.range.end,
                _ => unit.range.end,
            };
            push(&mut blocks, BlockKind::Callout, unit.range.start..end);
            i += if takes_next { 2 } else { 1 };
            continue;
        }
        let after_title = blocks.len() == 1 && blocks[0].kind == BlockKind::Title;
        let between_paragraphs = !blocks.is_empty()
            && next_unit.is_some_and(|n| {
                (n.width > HEADING_MAX && !n.pre && !is_rule(&text[n.range.clone()]))
                    || (n.pre && word_count(s) <= 3)
            });
        let heading =
            between_paragraphs && !is_list_item(s) && is_short_line_without_stop(s, HEADING_MAX);
        // "Titel", then "Kapitel 1" before the first paragraph: a heading, not the lead.
        if after_title && !heading && unit.width <= LEAD_MAX && !is_quote(s) && next.is_some() {
            push(&mut blocks, BlockKind::Lead, unit.range.clone());
            i += 1;
            continue;
        }
        // An aside: a short label ending in a colon, then a few short lines.
        if is_aside_label(first_line) {
            if s.contains('\n') {
                push(&mut blocks, BlockKind::Aside, unit.range.clone());
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < units.len()
                && end - i <= ASIDE_MAX_LINES
                && units[end].width <= ASIDE_LINE_MAX
                && !units[end].pre
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
        if Some(i) == last_prose
            && i > 0
            && unit.width <= CREDIT_MAX
            && paragraphs >= 3
            && !s.contains('\n')
        {
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

/// A hyphen at a line's end inside a block that is wrapped: where it is, and the word
/// whole without it and with it.
struct Candidate {
    at: usize,
    joined: String,
    hyphenated: String,
}

const HYPHEN: char = '\u{2010}';

/// The words broken at a line's end by a hyphen (`‐`, or `-` before a lower-case letter)
/// that the text shows whole elsewhere, or that the lexicon knows: the layout shows them
/// whole (without the hyphen; with it if the text writes the word so, "nicht-root").
fn joins(text: &str, blocks: &[Block]) -> Vec<Join> {
    let mut candidates = Vec::new();
    for b in blocks {
        if matches!(b.kind, BlockKind::Code | BlockKind::Rule) || b.kind.keeps_line_breaks() {
            continue;
        }
        let s = &text[b.text.clone()];
        let mut from = 0;
        while let Some(n) = s[from..].find('\n') {
            let nl = from + n;
            from = nl + 1;
            if let Some(c) = candidate(s, nl) {
                candidates.push(Candidate {
                    at: b.text.start + c.at,
                    ..c
                });
            }
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    // The forms the text itself writes, found in one pass over its words.
    let wanted: HashSet<&str> = candidates
        .iter()
        .flat_map(|c| [c.joined.as_str(), c.hyphenated.as_str()])
        .collect();
    // The lengths (in bytes) of the forms wanted: most words are passed over by length.
    let mut lengths = [false; 128];
    for w in &wanted {
        if let Some(l) = lengths.get_mut(w.len()) {
            *l = true;
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == HYPHEN)) {
        let word = word.trim_matches(['-', HYPHEN]);
        if !lengths.get(word.len()).is_some_and(|l| *l) || word.is_empty() {
            continue;
        }
        if wanted.contains(word) {
            seen.insert(word.to_string());
        } else {
            let lower = word.to_lowercase();
            if wanted.contains(lower.as_str()) {
                seen.insert(lower);
            }
        }
    }
    let lexicon = crate::german::lexicon().ok();
    // Each word asked of the lexicon once.
    let mut in_lexicon: std::collections::HashMap<String, bool> = Default::default();
    candidates
        .into_iter()
        .filter_map(|c| {
            let known = seen.contains(&c.joined)
                || *in_lexicon.entry(c.joined.clone()).or_insert_with(|| {
                    lexicon.is_some_and(|lex| !lex.readings(&c.joined).is_empty())
                });
            if known {
                Some(Join {
                    at: c.at,
                    keep_hyphen: false,
                })
            } else if seen.contains(&c.hyphenated) {
                Some(Join {
                    at: c.at,
                    keep_hyphen: true,
                })
            } else {
                None
            }
        })
        .collect()
}

/// The hyphen-broken word around the line break at `nl` in `s`, if any.
fn candidate(s: &str, nl: usize) -> Option<Candidate> {
    let before = s[..nl].trim_end();
    let hyphen = before.chars().next_back()?;
    if hyphen != '-' && hyphen != HYPHEN {
        return None;
    }
    let at = before.len() - hyphen.len_utf8();
    let left_start = s[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-')
        .last()
        .map(|(i, _)| i)?;
    let left = &s[left_start..at];
    if !left.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    let after = s[nl..].trim_start();
    let first = after.chars().next()?;
    if !first.is_alphabetic() || (hyphen == '-' && !first.is_lowercase()) {
        return None;
    }
    let right_len = after
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map_or(after.len(), |(i, _)| i);
    let right = after[..right_len].trim_end_matches('-');
    Some(Candidate {
        at,
        joined: format!("{left}{right}"),
        hyphenated: format!("{left}-{right}"),
    })
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

    fn handbook() -> Document {
        let text = include_str!("../../tests/data/texts/handbuch.txt");
        parse_str(
            text.to_string(),
            Origin::Bundled("t"),
            "handbuch.txt",
            false,
        )
    }

    fn texts(doc: &Document, kind: BlockKind) -> Vec<&str> {
        doc.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == kind)
            .map(|(i, _)| doc.block_text(i))
            .collect()
    }

    #[test]
    fn the_handbook_has_its_structure() {
        let doc = handbook();
        let headings: Vec<&str> = doc.headings().iter().map(|&i| doc.block_text(i)).collect();
        assert_eq!(
            headings,
            [
                "Handbuch für den Paketverwalter",
                "Inhaltsverzeichnis",
                "1. Einleitung",
                "Kapitel 2. Installation",
                "2.1. Voraussetzungen",
                "2.2. Speicherplatz",
                "Kapitel 3. Betrieb",
                "Fehlerbehebung",
                "Anhang A. Fehlermeldungen",
            ]
        );
        let levels: Vec<BlockKind> = doc.headings()[1..]
            .iter()
            .map(|&i| doc.blocks[i].kind)
            .collect();
        assert_eq!(levels[3], BlockKind::Heading { level: 2 });
        assert_eq!(
            texts(&doc, BlockKind::Caption),
            ["Tabelle 2.1. Unterstützte Systeme"]
        );
        let callouts = texts(&doc, BlockKind::Callout);
        let labels: Vec<&str> = callouts.iter().filter_map(|c| c.lines().next()).collect();
        assert_eq!(labels, ["Anmerkung", "Wichtig", "Tipp"]);
        // The label takes the paragraph after it along.
        assert!(callouts[0].contains("Administratorrechte"));
        let code = texts(&doc, BlockKind::Code);
        assert_eq!(code.len(), 5, "{code:#?}");
        assert!(code[0].starts_with("1. Einleitung ....") && code[0].ends_with("17"));
        assert!(code[1].starts_with("$ sudo") && code[1].ends_with("paketverwalter"));
        assert!(code[2].starts_with("+---") && code[2].contains("| Fedora"));
        assert!(code[3].starts_with("Name  "));
        assert_eq!(code[4], "pv list --alle");
        // A long last paragraph of a hard-wrapped text is not a credit.
        assert_eq!(count(&doc, BlockKind::Credit), 0);
    }

    #[test]
    fn a_chapter_then_a_notice_label_is_a_heading_then_a_callout() {
        let body = "Ein Absatz, der lang genug ist, damit er über achtzig Spalten\nhinausgeht und hart umbrochen ist, wie in einem Handbuch.";
        let text =
            format!("Titel\n\n{body}\n\nKapitel 2.\n\nAnmerkung\n\n{body}\n\nHINWEIS:\n\n{body}\n");
        let doc = parse(text, Origin::Bundled("t"), "t");
        let headings: Vec<&str> = doc.headings().iter().map(|&i| doc.block_text(i)).collect();
        assert_eq!(headings, ["Titel", "Kapitel 2."]);
        assert_eq!(count(&doc, BlockKind::Callout), 2);
    }

    #[test]
    fn section_numbers_and_labels() {
        assert_eq!(section_level("1. Einleitung"), Some(1));
        assert_eq!(section_level("1.2. Voraussetzungen"), Some(2));
        assert_eq!(section_level("1.2.3 Größe der Äpfel"), Some(3));
        assert_eq!(section_level("Kapitel 3."), Some(1));
        assert_eq!(section_level("Anhang A. Fehlermeldungen"), Some(1));
        assert_eq!(section_level("Teil IV"), Some(1));
        // A list item, a sentence, a year, a caption.
        assert_eq!(section_level("1. Öffnen Sie die Datei."), None);
        assert_eq!(section_level("3 Äpfel kosten zwei Euro"), None);
        assert_eq!(section_level("2024. Ein Jahr"), None);
        assert_eq!(section_level("Tabelle 3.1. Systeme"), None);
        assert!(is_caption("Tabelle 3.1. Unterstützte Systeme"));
        assert!(is_caption("Abbildung 2: Aufbau"));
        assert!(!is_caption("Tabellen sind nützlich"));
        assert!(is_notice_label("Anmerkung") && is_notice_label("WARNUNG:"));
        assert!(is_notice_label("Tip!") && !is_notice_label("Warnung: Strom"));
    }

    #[test]
    fn preformatted_lines_are_recognized() {
        assert!(is_prompt("$ ls -l"));
        assert!(is_prompt("# apt-get install vim"));
        assert!(is_prompt("anna@rechner:~$ make"));
        assert!(!is_prompt("# Überschrift"));
        assert!(!is_prompt("Das kostet $ 5"));
        assert!(is_table_line("+-----+----+"));
        assert!(is_table_line("| a | b |"));
        assert!(is_table_line("┌──┬──┐"));
        assert!(!is_table_line("+ Plus"));
        assert!(is_contents_line("1. Einleitung ........ 12"));
        assert!(is_contents_line("Größe und Gewicht . . . . 7"));
        assert!(is_contents_line("Anhang      120"));
        assert!(!is_contents_line("Es geschah im Jahr 1989"));
        assert!(is_art("  /\\_/\\  "));
        assert!(!is_art("Ende :-)"));
        assert!(has_columns("Name     Version"));
        // A prompt in a text without blank lines: its output ends at a long line of prose.
        let long = "Ein langer Absatz, der weit über hundert Spalten hinausgeht und darum keine Ausgabe eines Terminals sein kann.";
        let text = format!("Titel\n{long}\n$ ls\ndatei.txt\n{long}\n{long}\n");
        let doc = parse(text, Origin::Bundled("t"), "t");
        assert_eq!(texts(&doc, BlockKind::Code), ["$ ls\ndatei.txt"]);
        assert!(!has_columns("Ein Satz.  Noch einer."));
    }

    #[test]
    fn deeper_lines_after_a_colon_are_code_and_a_first_line_indent_is_prose() {
        let text = "Titel\n\nSo rufen Sie es auf, mit allen Optionen, die es gibt:\n    pv --alle --leise\n\n  Ein Absatz mit einem Einzug in der ersten Zeile, wie im Roman\nund danach am Rand weiter, lang genug für einen Absatz hier.\n\nNoch ein Absatz, der hart umbrochen ist und über mehrere\nZeilen geht, damit der Text als umbrochen gilt.\n";
        let doc = parse(text.to_string(), Origin::Bundled("t"), "t");
        assert_eq!(texts(&doc, BlockKind::Code), ["pv --alle --leise"]);
        assert_eq!(
            count(&doc, BlockKind::Paragraph) + count(&doc, BlockKind::Lead),
            3
        );
    }

    #[test]
    fn a_hyphen_at_a_line_end_is_joined_where_the_text_shows_the_word() {
        let text = "Titel\n\nDie Paketquellen werden regel‐\nmäßig geprüft, und der Konfigura-\ntionsfehler ist ein Konfigurationsfehler. Für nicht-\nroot-Benutzer und nicht-root-Benutzer. Ein-\nund Ausgabe, Linux-\nSystem.\n\nZweiter Absatz, der auch\nhart umbrochen ist.\n";
        let doc = parse(text.to_string(), Origin::Bundled("t"), "t");
        let at = |s: &str| doc.text.find(s).map(|i| i + s.len() - 1).expect(s);
        let hyphen = |s: &str| doc.text.find(s).expect(s) + s.len() - '‐'.len_utf8();
        assert_eq!(
            doc.joins,
            [
                Join {
                    at: hyphen("regel‐"),
                    keep_hyphen: false
                },
                Join {
                    at: at("Konfigura-"),
                    keep_hyphen: false
                },
                Join {
                    at: at("nicht-\n") - 1,
                    keep_hyphen: true
                },
            ]
        );
    }
}
