//! HTML into the block model: a saved web page's main text (`page`), and the converter
//! that EPUB chapters go through too (`blocks`). Parsing is html5ever's (through
//! scraper): lenient, as a browser reads a malformed page.

pub mod blocks;
pub mod charset;
pub mod extract;
pub mod space;

use scraper::Html;

use super::{BlockKind, Document, Origin};
use blocks::{Mode, Sink};

/// A web page: its title, then the main text (see [`extract`]).
pub fn page(source: &str, origin: Origin, fallback_title: &str) -> Document {
    let html = Html::parse_document(source);
    let title = extract::title(&html);
    let root = extract::main_text(&html);
    let mut sink = Sink::new(Mode::Page);
    sink.root(root);
    sink.end();
    // The article's own first heading is its title when it says the same as the page's,
    // or when the page has no title; else the page's title comes first.
    let first_heading = sink
        .blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Heading { .. }));
    let title_text = match (first_heading, &title) {
        (Some(0), t) => {
            let text = sink.text[sink.blocks[0].text.clone()].to_string();
            if t.as_ref().is_none_or(|t| same_title(t, &text)) {
                sink.blocks[0].kind = BlockKind::Title;
                Some(text)
            } else {
                None
            }
        }
        _ => None,
    };
    let title_text = match title_text {
        Some(t) => t,
        None => {
            let t = title.unwrap_or_else(|| fallback_title.to_string());
            let mut head = Sink::new(Mode::Page);
            head.push_block(BlockKind::Title, &t);
            prepend(&mut sink, head);
            t
        }
    };
    let Sink {
        text,
        blocks,
        inline,
        ..
    } = sink;
    Document::new(title_text, text, blocks, origin).with_inline(inline)
}

/// Whether a page's title and its article's first heading are the same words (the
/// title may carry the site's name).
fn same_title(page: &str, heading: &str) -> bool {
    let norm = |s: &str| {
        s.to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (p, h) = (norm(page), norm(heading));
    !h.is_empty() && (p.contains(&h) || h.contains(&p))
}

/// `head`'s blocks before `sink`'s (ranges shifted).
fn prepend(sink: &mut Sink, head: Sink) {
    if head.text.is_empty() {
        return;
    }
    let shift = head.text.len() + usize::from(!sink.text.is_empty());
    let mut text = head.text;
    if !sink.text.is_empty() {
        text.push('\n');
    }
    text.push_str(&sink.text);
    sink.text = text;
    for b in &mut sink.blocks {
        b.text = b.text.start + shift..b.text.end + shift;
        b.source = b.text.clone();
    }
    for (r, _) in &mut sink.inline {
        *r = r.start + shift..r.end + shift;
    }
    let mut blocks = head.blocks;
    blocks.append(&mut sink.blocks);
    sink.blocks = blocks;
}

/// Whether a text read from standard input (or a file of another name) is HTML: it
/// starts with a doctype or an `<html>`, `<head>` or `<body>` tag.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = start
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<head")
        || head.starts_with("<body")
        || (head.starts_with("<?xml") && prefix(text, 2048).contains("<html"))
}

/// At most the first `n` bytes of `s`, cut at a character.
fn prefix(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

#[cfg(test)]
mod tests;
