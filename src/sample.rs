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

/// An EPUB 3 of [`long_text`]: one XHTML file per chapter (`<h1>` and `<p>`s), a
/// navigation document with the chapters; written to `path`.
pub fn long_epub(path: &std::path::Path, bytes: usize) -> Result<(), Box<dyn std::error::Error>> {
    long_epub_in_files(path, bytes, usize::MAX)
}

/// The same book in at most `files` XHTML files (consecutive chapters share a file, as a
/// novel's parts do; the navigation lists the files), for a book with fewer, longer
/// files than one a chapter.
pub fn long_epub_in_files(
    path: &std::path::Path,
    bytes: usize,
    files: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write;
    let text = long_text(bytes);
    let mut each: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let line = escape(line);
        if line.starts_with("Kapitel ") || each.is_empty() {
            each.push((line.clone(), format!("<h1>{line}</h1>\n")));
        } else if let Some((_, body)) = each.last_mut() {
            body.push_str(&format!("<p>{line}</p>\n"));
        }
    }
    let per = each.len().div_ceil(files.max(1)).max(1);
    let chapters: Vec<(String, String)> = each
        .chunks(per)
        .map(|group| {
            let title = group.first().map(|(t, _)| t.clone()).unwrap_or_default();
            (title, group.iter().map(|(_, b)| b.as_str()).collect())
        })
        .collect();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/epub+zip")?;
    zip.start_file("META-INF/container.xml", deflated)?;
    zip.write_all(
        br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#,
    )?;
    let mut items = String::new();
    let mut spine = String::new();
    let mut nav = String::new();
    for (i, (title, body)) in chapters.iter().enumerate() {
        items.push_str(&format!(
            r#"<item id="k{i}" href="k{i}.xhtml" media-type="application/xhtml+xml"/>"#
        ));
        spine.push_str(&format!(r#"<itemref idref="k{i}"/>"#));
        nav.push_str(&format!(r#"<li><a href="k{i}.xhtml">{title}</a></li>"#));
        zip.start_file(format!("OEBPS/k{i}.xhtml"), deflated)?;
        zip.write_all(
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head><body>{body}</body></html>"#
            )
            .as_bytes(),
        )?;
    }
    zip.start_file("OEBPS/nav.xhtml", deflated)?;
    zip.write_all(
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>{nav}</ol></nav></body></html>"#
        )
        .as_bytes(),
    )?;
    zip.start_file("OEBPS/content.opf", deflated)?;
    zip.write_all(
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Ein langes Buch über Wettbewerb</dc:title><dc:creator>lesepult</dc:creator></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{items}</manifest><spine>{spine}</spine></package>"#
        )
        .as_bytes(),
    )?;
    zip.finish()?;
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
