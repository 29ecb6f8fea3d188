//! Man pages, as `man` sends them to a pager, into blocks.
//!
//! `man` formats a page for a terminal: bold as `X\bX`, underline as `_\bX` (or, with a
//! newer groff, the SGR escapes `ESC[1m`, `ESC[4m`), a header line such as
//! `LS(1)   User Commands   LS(1)` and a footer ending in the same `LS(1)`, section names
//! at column 0, the body 7 columns in, and option lists as hanging paragraphs (the option,
//! then its description 7 columns further in, on the same line if the option is short).
//!
//! Here the overstrikes and escapes become inline styles (bold: strong, underline:
//! emphasis), the NAME line becomes the title ("ls — list directory contents"), the header
//! and footer are dropped (what they say goes to a closing credit line), section names
//! are headings, paragraphs are joined again (man's hyphen breaks rejoined), and each
//! option is a paragraph followed by its description as a [`BlockKind::Definition`].

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use super::{Block, BlockKind, Document, Inline, Origin};

const BOLD: u8 = 1;
const UNDERLINE: u8 = 2;

/// How far man sets a description in from its option (`.TP`'s default).
const HANGING_INDENT: usize = 7;

/// How much of a text is looked at to tell whether it is a man page.
const SNIFF_BYTES: usize = 16 << 10;

/// The body's indent in a page formatted by man (`.SH` text sits 7 columns in).
const BODY_INDENT: usize = 7;

/// One character as shown, with its style bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell {
    ch: char,
    style: u8,
}

/// A line as shown: its cells after the indent.
#[derive(Debug, Clone)]
struct Line {
    /// Leading blank columns.
    indent: usize,
    /// The cells after the indent, trailing blanks dropped.
    cells: Vec<Cell>,
    /// The line's range in the source (without its line break).
    source: Range<usize>,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.cells.is_empty()
    }

    fn plain(&self) -> String {
        self.cells.iter().map(|c| c.ch).collect()
    }
}

/// Whether a text looks like a formatted man page: a section name at column 0 followed
/// by an indented body, and a man header line or overstruck (bold) characters.
pub(super) fn looks_like_man(text: &str) -> bool {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let lines: Vec<Line> = split_lines(sample).map(|r| decode(sample, r)).collect();
    let header = lines.iter().find(|l| !l.is_blank()).and_then(header_token);
    let overstruck = has_overstrikes(sample) || sample.contains("\u{1b}[1m");
    let section = lines.windows(2).any(|w| {
        is_section_name(&w[0]) && !w[1].is_blank() && w[1].indent >= 3
            || is_section_name(&w[0])
                && w[1].is_blank()
                && lines.iter().any(|l| l.indent == BODY_INDENT)
    });
    section && (header.is_some() || overstruck)
}

/// `X\bX` or `_\bX` somewhere.
fn has_overstrikes(s: &str) -> bool {
    let chars: Vec<char> = s.chars().take(SNIFF_BYTES).collect();
    chars
        .windows(3)
        .any(|w| w[1] == '\u{8}' && (w[0] == w[2] || w[0] == '_'))
}

/// A section name: at column 0, with letters, all of them capitals.
fn is_section_name(line: &Line) -> bool {
    line.indent == 0
        && !line.is_blank()
        && line.cells.len() <= 60
        && line.cells.iter().any(|c| c.ch.is_alphabetic())
        && !line.cells.iter().any(|c| c.ch.is_lowercase())
}

/// The `NAME(SECTION)` a header line starts and ends with (`LS(1)`, `CALLGRIND
/// ANNOTATE(1)`).
fn header_token(line: &Line) -> Option<String> {
    let plain = line.plain();
    let first = plain.split("  ").next()?.trim();
    let open = first.find('(')?;
    let looks = open > 0 && first.ends_with(')') && first.len() - open <= 12;
    let twice = plain.len() >= 2 * first.len() + 2 && plain.ends_with(first);
    (looks && twice).then(|| first.to_string())
}

/// Line ranges (without the line break, a `\r` before it dropped too).
fn split_lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let (len, next) = match rest.find('\n') {
            Some(i) => (i, start + i + 1),
            None => (rest.len(), text.len()),
        };
        let mut end = start + len;
        if text[start..end].ends_with('\r') {
            end -= 1;
        }
        let range = start..end;
        start = next;
        Some(range)
    })
}

/// A source line as cells: overstrikes and SGR escapes become style bits, other escapes
/// and control characters are dropped, tabs go to the next multiple of 8.
fn decode(text: &str, range: Range<usize>) -> Line {
    let mut cells: Vec<Cell> = Vec::new();
    let mut sgr = 0u8;
    let mut overstrike = false;
    let mut column = 0usize;
    let mut chars = text[range.clone()].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{8}' => overstrike = !cells.is_empty(),
            '\u{1b}' => match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    let mut last = None;
                    for p in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&p) {
                            last = Some(p);
                            break;
                        }
                        params.push(p);
                    }
                    if last == Some('m') {
                        sgr = apply_sgr(sgr, &params);
                    }
                }
                Some(']') => {
                    // An operating system command (a hyperlink): to BEL or ESC \.
                    while let Some(p) = chars.next() {
                        if p == '\u{7}' {
                            break;
                        }
                        if p == '\u{1b}' {
                            chars.next_if_eq(&'\\');
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\t' => {
                let to = (column / 8 + 1) * 8;
                while column < to {
                    cells.push(Cell { ch: ' ', style: 0 });
                    column += 1;
                }
            }
            c if c.is_control() => {}
            c if overstrike => {
                overstrike = false;
                if let Some(last) = cells.last_mut() {
                    if last.ch == c {
                        last.style |= BOLD;
                    } else if last.ch == '_' {
                        last.ch = c;
                        last.style |= UNDERLINE;
                    } else if c == '_' {
                        last.style |= UNDERLINE;
                    } else {
                        last.ch = c;
                    }
                }
            }
            c => {
                column += c.width().unwrap_or(0);
                cells.push(Cell { ch: c, style: sgr });
            }
        }
    }
    let indent = cells.iter().take_while(|c| c.ch == ' ').count();
    cells.drain(..indent);
    while cells.last().is_some_and(|c| c.ch.is_whitespace()) {
        cells.pop();
    }
    Line {
        indent,
        cells,
        source: range,
    }
}

/// The style bits after an SGR sequence's parameters (`1;4`, `22`, `0`, ``).
fn apply_sgr(mut style: u8, params: &str) -> u8 {
    for p in params.split(';') {
        match p.parse::<u16>().unwrap_or(0) {
            0 => style = 0,
            1 => style |= BOLD,
            3 | 4 => style |= UNDERLINE,
            22 => style &= !BOLD,
            23 | 24 => style &= !UNDERLINE,
            _ => {}
        }
    }
    style
}

/// The display text being built, its blocks and inline styles.
#[derive(Default)]
struct Out {
    text: String,
    blocks: Vec<Block>,
    inline: Vec<(Range<usize>, Inline)>,
}

impl Out {
    /// A block from cells (a code block's line breaks are `\n` cells); its styled runs
    /// become inline styles.
    fn push(&mut self, kind: BlockKind, cells: &[Cell], source: Range<usize>) {
        if cells.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        let mut run: Option<(usize, u8)> = None;
        for cell in cells {
            let at = self.text.len();
            match run {
                Some((_, style)) if style == cell.style => {}
                _ => {
                    self.close_run(run, at);
                    run = (cell.style != 0).then_some((at, cell.style));
                }
            }
            self.text.push(cell.ch);
        }
        let end = self.text.len();
        self.close_run(run, end);
        self.blocks.push(Block {
            kind,
            text: start..end,
            source,
        });
    }

    fn close_run(&mut self, run: Option<(usize, u8)>, end: usize) {
        let Some((start, style)) = run else {
            return;
        };
        if start >= end {
            return;
        }
        if style & BOLD != 0 {
            self.inline.push((start..end, Inline::Strong));
        }
        if style & UNDERLINE != 0 {
            self.inline.push((start..end, Inline::Emphasis));
        }
    }
}

/// Words after which a line-final `-` is a suspended hyphen ("Ein- und Ausgabe"), not a
/// word broken at its hyphen.
const AFTER_SUSPENDED_HYPHEN: &[&str] = &["und", "oder", "bzw", "sowie", "bis", "als", "and", "or"];

/// Lines joined into one paragraph: one space between lines and between words (man's
/// justification spaces go), a hyphenation break `‐` (U+2010) at a line's end rejoined
/// without it, and a word broken after its own `-` rejoined with it.
fn reflow(lines: &[Vec<Cell>]) -> Vec<Cell> {
    let mut out: Vec<Cell> = Vec::new();
    for line in lines {
        let words = line
            .split(|c| c.ch == ' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>();
        let Some(first) = words.first() else {
            continue;
        };
        if let Some(last) = out.last().copied() {
            let next_word: String = first
                .iter()
                .map(|c| c.ch)
                .take_while(|c| c.is_alphabetic())
                .collect();
            let before = out.len().checked_sub(2).and_then(|i| out.get(i)).copied();
            let broken_word = before.is_some_and(|b| b.ch.is_alphanumeric())
                && first.first().is_some_and(|c| c.ch.is_alphanumeric());
            if last.ch == '\u{2010}' && broken_word {
                out.pop();
            } else if last.ch == '-'
                && broken_word
                && !AFTER_SUSPENDED_HYPHEN.contains(&next_word.as_str())
            {
            } else {
                out.push(Cell { ch: ' ', style: 0 });
            }
        }
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                out.push(Cell { ch: ' ', style: 0 });
            }
            out.extend_from_slice(word);
        }
    }
    out
}

/// Lines kept as they are (an example, a table), their common indent dropped.
fn keep_lines(lines: &[&Line]) -> Vec<Cell> {
    let common = lines.iter().map(|l| l.indent).min().unwrap_or(0);
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push(Cell { ch: '\n', style: 0 });
        }
        out.extend((common..line.indent).map(|_| Cell { ch: ' ', style: 0 }));
        out.extend_from_slice(&line.cells);
    }
    out
}

fn source_of(lines: &[&Line]) -> Range<usize> {
    match (lines.first(), lines.last()) {
        (Some(a), Some(b)) => a.source.start..b.source.end,
        _ => 0..0,
    }
}

/// The column where a definition starts on its option's line (`-c     with -lt: …`):
/// `target` if the line has a word starting there after a blank, else (without a
/// target) the end of a gap of two or more blanks after a single first word. The text
/// before the split must be one word, unless two blanks or more stand before it.
fn split_column(line: &Line, target: Option<usize>) -> Option<usize> {
    let cells = &line.cells;
    let split = match target {
        Some(t) => t.checked_sub(line.indent)?,
        None => {
            let first_gap = cells.iter().position(|c| c.ch == ' ')?;
            let after = first_gap
                + cells[first_gap..]
                    .iter()
                    .take_while(|c| c.ch == ' ')
                    .count();
            let word_end = cells.get(first_gap.checked_sub(1)?)?.ch;
            // man pads a short option to its description's column, 7 further in.
            if after - first_gap < 2
                || after != HANGING_INDENT
                || matches!(word_end, '.' | '!' | '?' | ',' | ';' | ':')
            {
                return None;
            }
            after
        }
    };
    if split < 2 || cells.get(split)?.ch == ' ' || cells.get(split - 1)?.ch != ' ' {
        return None;
    }
    let term: Vec<char> = cells[..split].iter().map(|c| c.ch).collect();
    let term = term.iter().collect::<String>();
    let term = term.trim_end();
    if term.is_empty() {
        return None;
    }
    let one_word = !term.contains(' ');
    let wide_gap = cells.get(split - 2).is_some_and(|c| c.ch == ' ');
    (one_word || wide_gap).then_some(split)
}

/// The body lines of one stretch between blank lines, as blocks.
struct Body<'a> {
    out: &'a mut Out,
    /// Where the descriptions of the current option list start (a column), if in one.
    definition: Option<usize>,
    base: usize,
    /// The page's width: where its longest line ends.
    width: usize,
}

impl Body<'_> {
    fn group(&mut self, group: &[&Line]) {
        let mut j = 0;
        while j < group.len() {
            let line = group[j];
            let i0 = line.indent;
            let next = group.get(j + 1).map(|l| l.indent);
            // The option and its description on one line.
            if let Some(split) = self.tag(group, j) {
                let column = i0 + split;
                let mut k = j + 1;
                while k < group.len() && group[k].indent >= column {
                    k += 1;
                }
                let term: Vec<Cell> = trimmed(&line.cells[..split]);
                self.out
                    .push(BlockKind::Paragraph, &term, line.source.clone());
                let mut lines = vec![line.cells[split..].to_vec()];
                lines.extend(group[j + 1..k].iter().map(|l| l.cells.clone()));
                self.out.push(
                    BlockKind::Definition,
                    &reflow(&lines),
                    source_of(&group[j..k]),
                );
                self.definition = Some(column);
                j = k;
                continue;
            }
            // The option on its own line, its description below, further in.
            if let Some(n) = next
                && n > i0
                && self.definition != Some(i0)
            {
                let mut k = j + 1;
                while k < group.len() && group[k].indent >= n {
                    k += 1;
                }
                self.out
                    .push(BlockKind::Paragraph, &line.cells, line.source.clone());
                let lines: Vec<Vec<Cell>> =
                    group[j + 1..k].iter().map(|l| l.cells.clone()).collect();
                self.out.push(
                    BlockKind::Definition,
                    &reflow(&lines),
                    source_of(&group[j + 1..k]),
                );
                self.definition = Some(n);
                j = k;
                continue;
            }
            // A paragraph: the lines at this indent.
            let mut k = j + 1;
            while k < group.len() && group[k].indent == i0 && self.tag(group, k).is_none() {
                k += 1;
            }
            let lines = &group[j..k];
            // Several options sharing one description (`--init-file file`, `--rcfile
            // file`, then the description further in): each on its own row.
            if let Some(n) = group.get(k).map(|l| l.indent)
                && n > i0
                && self.definition != Some(i0)
                && lines.len() <= 4
                && lines.iter().all(|l| l.cells.len() <= 50)
            {
                let mut terms = Vec::new();
                for (i, l) in lines.iter().enumerate() {
                    if i > 0 {
                        terms.push(Cell {
                            ch: super::LINE_SEPARATOR,
                            style: 0,
                        });
                    }
                    terms.extend_from_slice(&l.cells);
                }
                self.out
                    .push(BlockKind::Paragraph, &terms, source_of(lines));
                let mut end = k;
                while end < group.len() && group[end].indent >= n {
                    end += 1;
                }
                let description: Vec<Vec<Cell>> =
                    group[k..end].iter().map(|l| l.cells.clone()).collect();
                self.out.push(
                    BlockKind::Definition,
                    &reflow(&description),
                    source_of(&group[k..end]),
                );
                self.definition = Some(n);
                j = end;
                continue;
            }
            let source = source_of(lines);
            let cells: Vec<Vec<Cell>> = lines.iter().map(|l| l.cells.clone()).collect();
            if self.definition == Some(i0) || i0 > self.base && self.is_prose(lines) {
                // An option's description, or set-in prose: further in, joined.
                self.out
                    .push(BlockKind::Definition, &reflow(&cells), source);
            } else if i0 > self.base {
                // Further in than the body, short lines: an example, a table.
                self.out.push(BlockKind::Code, &keep_lines(lines), source);
            } else {
                self.definition = None;
                self.out.push(BlockKind::Paragraph, &reflow(&cells), source);
            }
            j = k;
        }
    }

    /// Where the description starts on line `j` if the line is an option with its
    /// description (`-c     with -lt: …`), as an index into its cells.
    fn tag(&self, group: &[&Line], j: usize) -> Option<usize> {
        let line = group.get(j)?;
        let i0 = line.indent;
        if self.definition == Some(i0) {
            return None;
        }
        let target = match group.get(j + 1).map(|l| l.indent) {
            Some(n) if n > i0 => Some(n),
            // A tight list (`blank  A space or tab.`, `word   A sequence …`): the
            // description starts where the next line's does.
            Some(n) if n == i0 => {
                let column = self
                    .definition
                    .filter(|&d| d > i0)
                    .or_else(|| split_column(line, None).map(|s| i0 + s))?;
                let next = group.get(j + 1)?;
                let at = split_column(next, Some(column))?;
                // Two blanks or more before it: not a justified line of prose.
                (at >= 2 && next.cells.get(at - 2)?.ch == ' ').then_some(column)
            }
            Some(_) => return None,
            None => self.definition.filter(|&d| d > i0),
        };
        split_column(line, target)
    }

    /// Prose that man filled: every line but the last reaches (nearly) the right margin.
    fn is_prose(&self, lines: &[&Line]) -> bool {
        let full = |l: &&Line| l.indent + l.cells.len() + PROSE_SLACK >= self.width;
        match lines.split_last() {
            Some((_, [])) | None => false,
            Some((_, rest)) => rest.iter().all(full),
        }
    }
}

/// How far short of the right margin a filled line may end.
const PROSE_SLACK: usize = 12;

fn trimmed(cells: &[Cell]) -> Vec<Cell> {
    let mut v = cells.to_vec();
    while v.last().is_some_and(|c| c.ch == ' ') {
        v.pop();
    }
    v
}

fn cells_text(cells: &[Cell]) -> String {
    cells.iter().map(|c| c.ch).collect()
}

/// Parse a formatted man page (see the module's description).
pub(super) fn parse(source: &str, origin: Origin, fallback_title: &str) -> Document {
    let lines: Vec<Line> = split_lines(source).map(|r| decode(source, r)).collect();
    let token = lines.iter().find(|l| !l.is_blank()).and_then(header_token);
    // Header and footer lines (repeated on every page if the page was paginated).
    let running = |l: &Line| {
        token.as_ref().is_some_and(|t| {
            let plain = l.plain();
            l.indent == 0
                && plain.contains("   ")
                && (plain.starts_with(t.as_str()) || plain.ends_with(t.as_str()))
        })
    };
    let mut credit: Vec<String> = Vec::new();
    for l in lines.iter().filter(|l| running(l)) {
        for field in l
            .plain()
            .split("  ")
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            if !credit.iter().any(|c| c == field) {
                credit.push(field.to_string());
            }
        }
    }
    let body: Vec<&Line> = lines.iter().filter(|l| !running(l)).collect();

    // The title from the first section (NAME, BEZEICHNUNG): "ls - list …" → "ls — list …".
    let mut skip = 0..0;
    let mut title = None;
    if let Some(first) = body.iter().position(|l| is_section_name(l)) {
        let start = body[first + 1..]
            .iter()
            .position(|l| !l.is_blank())
            .map(|p| first + 1 + p);
        if let Some(start) = start
            && body[start].indent > 0
        {
            let end = body[start..]
                .iter()
                .position(|l| l.is_blank() || l.indent == 0)
                .map_or(body.len(), |p| start + p);
            let next_section = body[end..]
                .iter()
                .position(|l| !l.is_blank())
                .map_or(body.len(), |p| end + p);
            let cells: Vec<Vec<Cell>> = body[start..end].iter().map(|l| l.cells.clone()).collect();
            let name = cells_text(&reflow(&cells));
            // NAME's one line, `name - what it does`.
            let dash = [" - ", " \\- ", " — ", " – "]
                .into_iter()
                .find(|d| name.contains(d));
            if let Some(dash) = dash {
                title = Some(name.replacen(dash, " — ", 1));
                // The section's other paragraphs, if any, stay (under the title).
                skip = if next_section == body.len() || body[next_section].indent == 0 {
                    first..next_section
                } else {
                    first..end
                };
            }
        }
    }
    let title = title
        .or_else(|| token.clone())
        .unwrap_or_else(|| fallback_title.to_string());

    let mut out = Out::default();
    let title_cells: Vec<Cell> = title.chars().map(|ch| Cell { ch, style: 0 }).collect();
    out.push(BlockKind::Title, &title_cells, 0..0);
    // The body's indent: that of the first section's text (7 as man sets it).
    let base = body
        .iter()
        .skip_while(|l| l.is_blank() || l.indent > 0)
        .find(|l| !l.is_blank() && l.indent > 0)
        .map_or(BODY_INDENT, |l| l.indent);
    let mut state = Body {
        out: &mut out,
        definition: None,
        base,
        width: body
            .iter()
            .map(|l| l.indent + l.cells.len())
            .max()
            .unwrap_or(80),
    };
    let mut i = 0;
    while i < body.len() {
        if skip.contains(&i) {
            i = skip.end;
            continue;
        }
        let line = body[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        if line.indent < base {
            let level = if line.indent == 0 { 1 } else { 2 };
            state.definition = None;
            let cells: Vec<Cell> = line
                .cells
                .iter()
                .map(|c| Cell { ch: c.ch, style: 0 })
                .collect();
            state
                .out
                .push(BlockKind::Heading { level }, &cells, line.source.clone());
            i += 1;
            continue;
        }
        let start = i;
        while i < body.len() && !body[i].is_blank() && body[i].indent >= base && !skip.contains(&i)
        {
            i += 1;
        }
        state.group(&body[start..i]);
    }
    if !credit.is_empty() {
        let text = credit.join(" · ");
        let cells: Vec<Cell> = text.chars().map(|ch| Cell { ch, style: 0 }).collect();
        out.push(BlockKind::Credit, &cells, 0..0);
    }
    Document::new(title, out.text, out.blocks, origin).with_inline(out.inline)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bold as man sets it: every character struck over itself.
    fn bold(s: &str) -> String {
        s.chars().map(|c| format!("{c}\u{8}{c}")).collect()
    }

    /// Underlined as man sets it: an underscore struck over by every character.
    fn underlined(s: &str) -> String {
        s.chars().map(|c| format!("_\u{8}{c}")).collect()
    }

    fn page() -> String {
        [
            "LS(1)                  Dienstprogramme für Benutzer                  LS(1)",
            "",
            &bold("BEZEICHNUNG"),
            "       ls - Verzeichnisinhalte auflisten",
            "",
            &bold("ÜBERSICHT"),
            &format!(
                "       {} [{}]... [{}]...",
                bold("ls"),
                underlined("OPTION"),
                underlined("DATEI")
            ),
            "",
            &bold("BESCHREIBUNG"),
            "       Auflisten  von  Informationen  über  die  DATEIen  (standardmäßig  das",
            "       aktuelle  Verzeichnis).  Die  Einträge  werden  alphabetisch  sor‐",
            "       tiert, wenn keine der Optionen angegeben ist, die Ein- und Ausgabe",
            "       bleibt un‐",
            "       verändert; eine command-",
            "       line option.",
            "",
            &format!("       {}, {}", bold("-a"), bold("--all")),
            "              Einträge, die mit . beginnen, nicht ignorieren",
            "",
            &format!(
                "       {}     mit -lt: nach ctime sortieren und diese anzeigen;",
                bold("-c")
            ),
            "              mit -l: ctime anzeigen",
            "",
            "              Ein zweiter Absatz zu -c.",
            "",
            &format!("       {} setzt die Breite", bold("--zero")),
            "",
            "   Rückgabewert:",
            "       0      wenn OK,",
            "",
            &bold("BEISPIEL"),
            "              ls -l",
            "              ls -a | wc",
            "",
            "GNU coreutils 9.1             September 2022                          LS(1)",
        ]
        .join("\n")
    }

    fn parsed(text: &str) -> Document {
        assert!(looks_like_man(text), "not taken for a man page:\n{text}");
        parse(text, Origin::Stdin, "standard input")
    }

    fn blocks(doc: &Document) -> Vec<(BlockKind, String)> {
        (0..doc.blocks.len())
            .map(|i| (doc.blocks[i].kind, doc.block_text(i).to_string()))
            .collect()
    }

    fn styled(doc: &Document, style: Inline) -> Vec<String> {
        (0..doc.blocks.len())
            .flat_map(|i| doc.inline_in(i).to_vec())
            .filter(|(_, s)| *s == style)
            .map(|(r, _)| doc.text[r].to_string())
            .collect()
    }

    #[test]
    fn overstrikes_become_strong_and_emphasis_and_leave_the_text() {
        let doc = parsed(&page());
        assert!(!doc.text.contains('\u{8}'), "{:?}", doc.text);
        let strong = styled(&doc, Inline::Strong);
        assert!(strong.contains(&"ls".to_string()), "{strong:?}");
        assert!(strong.contains(&"-a".to_string()), "{strong:?}");
        assert!(strong.contains(&"--all".to_string()), "{strong:?}");
        let emphasis = styled(&doc, Inline::Emphasis);
        assert_eq!(emphasis, ["OPTION", "DATEI"]);
    }

    #[test]
    fn header_and_footer_become_the_title_and_a_credit_never_text() {
        let doc = parsed(&page());
        assert_eq!(doc.title, "ls — Verzeichnisinhalte auflisten");
        let b = blocks(&doc);
        assert_eq!(b[0], (BlockKind::Title, doc.title.clone()));
        // The NAME section is the title, not repeated below it.
        assert!(!b.iter().any(|(_, t)| t == "BEZEICHNUNG"), "{b:?}");
        assert_eq!(doc.text.matches("LS(1)").count(), 1, "{}", doc.text);
        let credit = b.last().expect("blocks");
        assert_eq!(credit.0, BlockKind::Credit);
        assert_eq!(
            credit.1,
            "LS(1) · Dienstprogramme für Benutzer · GNU coreutils 9.1 · September 2022"
        );
    }

    #[test]
    fn section_names_are_headings_and_subsections_below_them() {
        let doc = parsed(&page());
        let headings: Vec<(BlockKind, String)> = blocks(&doc)
            .into_iter()
            .filter(|(k, _)| matches!(k, BlockKind::Heading { .. }))
            .collect();
        let h = |level, t: &str| (BlockKind::Heading { level }, t.to_string());
        assert_eq!(
            headings,
            [
                h(1, "ÜBERSICHT"),
                h(1, "BESCHREIBUNG"),
                h(2, "Rückgabewert:"),
                h(1, "BEISPIEL")
            ]
        );
    }

    #[test]
    fn paragraphs_are_joined_and_hyphen_breaks_rejoined() {
        let doc = parsed(&page());
        let b = blocks(&doc);
        let para = b
            .iter()
            .find(|(k, t)| *k == BlockKind::Paragraph && t.starts_with("Auflisten"))
            .expect("the description");
        assert_eq!(
            para.1,
            "Auflisten von Informationen über die DATEIen (standardmäßig das aktuelle \
             Verzeichnis). Die Einträge werden alphabetisch sortiert, wenn keine der \
             Optionen angegeben ist, die Ein- und Ausgabe bleibt unverändert; eine \
             command-line option."
        );
    }

    #[test]
    fn options_keep_their_hanging_indent_as_term_and_definition() {
        let doc = parsed(&page());
        let b = blocks(&doc);
        let at = |t: &str| b.iter().position(|(_, x)| x == t).unwrap_or(usize::MAX);
        let p = |t: &str| (BlockKind::Paragraph, t.to_string());
        let d = |t: &str| (BlockKind::Definition, t.to_string());
        let a = at("-a, --all");
        assert_eq!(
            b[a..a + 7],
            [
                p("-a, --all"),
                d("Einträge, die mit . beginnen, nicht ignorieren"),
                p("-c"),
                d("mit -lt: nach ctime sortieren und diese anzeigen; mit -l: ctime anzeigen"),
                d("Ein zweiter Absatz zu -c."),
                p("--zero"),
                d("setzt die Breite"),
            ]
        );
        let r = at("Rückgabewert:");
        assert_eq!(b[r + 1..r + 3], [p("0"), d("wenn OK,")]);
    }

    #[test]
    fn an_indented_example_keeps_its_lines() {
        let doc = parsed(&page());
        let b = blocks(&doc);
        assert!(
            b.contains(&(BlockKind::Code, "ls -l\nls -a | wc".to_string())),
            "{b:?}"
        );
    }

    #[test]
    fn sgr_escapes_are_styles_too() {
        let text = "LS(1)          User Commands          LS(1)\n\n\u{1b}[1mNAME\u{1b}[0m\n       \
                    ls - list\n\n\u{1b}[1mOPTIONS\u{1b}[0m\n       \u{1b}[1m-a\u{1b}[22m     \
                    \u{1b}]8;;man:ls(1)\u{1b}\\all\u{1b}]8;;\u{1b}\\ \u{1b}[4mentries\u{1b}[24m\n";
        let doc = parsed(text);
        assert!(!doc.text.contains('\u{1b}'), "{:?}", doc.text);
        assert_eq!(styled(&doc, Inline::Strong), ["-a"]);
        assert_eq!(styled(&doc, Inline::Emphasis), ["entries"]);
        assert_eq!(doc.title, "ls — list");
    }

    #[test]
    fn a_page_without_overstrikes_is_known_by_its_layout() {
        // The page as `man ls | cat` gives it: no overstrikes, the layout alone.
        let clean: String = page()
            .split('\n')
            .map(|l| decode(l, 0..l.len()))
            .map(|l| format!("{}{}", " ".repeat(l.indent), l.plain()))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(looks_like_man(&clean));
        assert!(!clean.contains('\u{8}'));
        assert_eq!(parsed(&clean).title, "ls — Verzeichnisinhalte auflisten");
    }

    #[test]
    fn without_a_name_line_the_header_names_the_page() {
        let text = page().replace("ls - Verzeichnisinhalte auflisten", "ls");
        let doc = parsed(&text);
        assert_eq!(doc.title, "LS(1)");
        assert_eq!(doc.block_text(1), "BEZEICHNUNG");
    }

    #[test]
    fn a_header_name_may_have_spaces() {
        let text = page().replace("LS(1)", "CALLGRIND ANNOTATE(1)");
        let doc = parsed(&text);
        assert_eq!(doc.title, "ls — Verzeichnisinhalte auflisten");
        assert!(
            !doc.text.contains("CALLGRIND ANNOTATE(1)  "),
            "{}",
            doc.text
        );
    }

    #[test]
    fn prose_is_not_a_man_page() {
        assert!(!looks_like_man(
            "Der Titel\n\nEin Absatz, der\nweitergeht.\n\nKAPITEL\n\nNoch einer.\n"
        ));
        assert!(!looks_like_man("# Überschrift\n\n       eingerückt\n"));
        assert!(!looks_like_man(""));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "\u{8}\u{8}x",
            "_\u{8}",
            "A(1)  x  A(1)\nNAME\n",
            "\u{1b}[",
            "\u{1b}]8;;",
            "NAME\n\t\tfoo\n",
            "X(1)   Ü   X(1)\n\nNAME\n       \n       -\n",
        ] {
            let _ = parse(text, Origin::Stdin, "x");
        }
    }
}
