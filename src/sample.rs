//! A long German text made from the bundled article, for benchmarks and tests of long
//! books (nothing large is committed): chapters of the article's paragraphs in a changing
//! order, their sentences rotated, with numbered chapter headings and an end marker.

use crate::document::{bundled, sentence_ranges};

/// The last line of every generated text.
pub const LAST_LINE: &str = "Das letzte Wort des Buches.";

/// About `bytes` bytes (a little more) of German plain text, one paragraph per line.
pub fn long_text(bytes: usize) -> String {
    let article = bundled();
    let paragraphs: Vec<Vec<&str>> = article
        .blocks
        .iter()
        .map(|b| &article.text[b.text.clone()])
        .filter(|t| t.len() > 100)
        .map(|t| sentence_ranges(t).into_iter().map(|r| &t[r]).collect())
        .collect();
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("Ein langes Buch über Wettbewerb\n");
    let titles = [
        "Monopole und Märkte",
        "Wettbewerb und Größe",
        "Die Leerverkäufe der Anleger",
        "Nationale Champions",
    ];
    let mut n = 0usize;
    while out.len() < bytes {
        if n.is_multiple_of(20) {
            let chapter = n / 20 + 1;
            out.push_str(&format!(
                "Kapitel {chapter}: {}\n",
                titles[chapter % titles.len()]
            ));
        }
        // A different paragraph, its sentences starting at a different one, each time.
        let sentences = &paragraphs[(n * 7) % paragraphs.len()];
        let turn = n % sentences.len().max(1);
        for (i, s) in sentences[turn..]
            .iter()
            .chain(&sentences[..turn])
            .enumerate()
        {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(s);
        }
        out.push_str(&format!(" (Absatz {n}.)\n"));
        n += 1;
    }
    out.push_str(LAST_LINE);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_as_long_as_asked_and_keeps_the_german_letters() {
        let text = long_text(200_000);
        assert!(text.len() >= 200_000 && text.len() < 210_000);
        assert!(text.ends_with(&format!("{LAST_LINE}\n")));
        assert!(text.contains("Kapitel 2: "));
        assert!(text.contains('ß') && text.contains('ü') && text.contains('ä'));
        // Varied: paragraph 0 and paragraph 1 differ.
        let lines: Vec<&str> = text.lines().collect();
        assert_ne!(
            lines[2].split(" (Absatz").next(),
            lines[3].split(" (Absatz").next()
        );
    }
}
