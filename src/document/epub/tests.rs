//! Books made by the tests: a zip written here from small XHTML files.

use std::io::Write;

use super::*;
use crate::document::BlockKind;

pub(crate) fn write_epub(path: &Path, files: &[(&str, &str)]) {
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).expect("start");
    zip.write_all(b"application/epub+zip").expect("write");
    for (name, text) in files {
        zip.start_file(*name, deflated).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
}

const CONTAINER: &str = r#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;

fn opf(spine: &[&str]) -> String {
    let items: String = spine
        .iter()
        .map(|id| {
            format!(
                r#"<item id="{id}" href="Text/{id}.xhtml" media-type="application/xhtml+xml"/>"#
            )
        })
        .collect();
    let refs: String = spine
        .iter()
        .map(|id| format!(r#"<itemref idref="{id}"/>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Kleine Geschichten</dc:title><dc:creator>Erika Muster</dc:creator></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{items}</manifest>
<spine>{refs}</spine></package>"#
    )
}

const NAV: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="toc"><ol>
<li><a href="Text/k1.xhtml">Erstes Kapitel</a><ol><li><a href="Text/k1.xhtml#wald">Im Wald</a></li></ol></li>
<li><a href="Text/k2.xhtml">Zweites Kapitel</a></li>
</ol></nav></body></html>"#;

const K1: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>k1</title></head><body>
<h1>Erstes Kapitel</h1>
<p>Es war einmal ein <em>kleines</em> Haus.<a epub:type="noteref" href="#fn1">1</a></p>
<h2 id="wald">Im Wald</h2>
<p>Der Wald war dunkel.</p>
<aside epub:type="footnote" id="fn1"><p>1 Ein sehr kleines Haus.</p></aside>
</body></html>"##;

const K2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<p>Ohne Überschrift beginnt das zweite Kapitel.</p>
<p>Zweiter Absatz<img src="a.png" alt="Ein Bild"/></p>
</body></html>"#;

fn book(dir: &Path, files: &[(&str, &str)]) -> std::path::PathBuf {
    let path = dir.join("buch.epub");
    write_epub(&path, files);
    path
}

fn standard(dir: &Path) -> std::path::PathBuf {
    let o = opf(&["k1", "k2"]);
    book(
        dir,
        &[
            ("META-INF/container.xml", CONTAINER),
            ("OEBPS/content.opf", &o),
            ("OEBPS/nav.xhtml", NAV),
            ("OEBPS/Text/k1.xhtml", K1),
            ("OEBPS/Text/k2.xhtml", K2),
        ],
    )
}

fn kinds(doc: &Document) -> Vec<(BlockKind, String)> {
    (0..doc.blocks.len())
        .map(|i| (doc.blocks[i].kind, doc.block_text(i).to_string()))
        .collect()
}

#[test]
fn a_book_is_its_spine_with_the_chapters_of_its_navigation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let b = load(&standard(dir.path()), None).expect("book");
    assert!(b.complete && b.warnings.is_empty(), "{:?}", b.warnings);
    let doc = b.doc;
    assert_eq!(doc.title, "Kleine Geschichten");
    assert_eq!(doc.author.as_deref(), Some("Erika Muster"));
    assert_eq!(
        kinds(&doc),
        vec![
            (BlockKind::Title, "Kleine Geschichten".into()),
            (BlockKind::Lead, "Erika Muster".into()),
            (BlockKind::Heading { level: 1 }, "Erstes Kapitel".into()),
            (
                BlockKind::Paragraph,
                "Es war einmal ein kleines Haus.[1]".into()
            ),
            (BlockKind::Heading { level: 2 }, "Im Wald".into()),
            (BlockKind::Paragraph, "Der Wald war dunkel.".into()),
            (BlockKind::Paragraph, "1 Ein sehr kleines Haus.".into()),
            (BlockKind::Heading { level: 1 }, "Zweites Kapitel".into()),
            (
                BlockKind::Paragraph,
                "Ohne Überschrift beginnt das zweite Kapitel.".into()
            ),
            (
                BlockKind::Paragraph,
                "Zweiter Absatz [Bild: Ein Bild]".into()
            ),
        ]
    );
}

#[test]
fn a_footnote_reference_points_at_its_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = load(&standard(dir.path()), None).expect("book").doc;
    let at = doc.text.find("[1]").expect("reference");
    let note = doc.note_at(at + 1).expect("a note");
    assert_eq!(doc.block_text(note), "1 Ein sehr kleines Haus.");
    assert_eq!(doc.note_at(at + 3), None);
    assert_eq!(doc.note_at(0), None);
}

#[test]
fn the_same_book_reads_the_same_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = standard(dir.path());
    let a = load(&path, None).expect("book").doc;
    let b = load(&path, None).expect("book").doc;
    assert_eq!(a.text, b.text);
    assert_eq!(a.blocks, b.blocks);
}

#[test]
fn a_prefix_is_the_start_of_the_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = standard(dir.path());
    let whole = load(&path, None).expect("book").doc;
    let part = load(&path, Some(10)).expect("book");
    assert!(!part.complete);
    assert!(whole.text.starts_with(&part.doc.text));
    assert_eq!(whole.blocks[..part.doc.blocks.len()], part.doc.blocks[..]);
}

#[test]
fn a_missing_spine_file_is_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = opf(&["k1", "k2"]);
    let path = book(
        dir.path(),
        &[
            ("META-INF/container.xml", CONTAINER),
            ("OEBPS/content.opf", &o),
            ("OEBPS/nav.xhtml", NAV),
            ("OEBPS/Text/k1.xhtml", K1),
        ],
    );
    let b = load(&path, None).expect("book");
    assert_eq!(
        b.warnings,
        vec!["OEBPS/Text/k2.xhtml is missing from the book (skipped)".to_string()]
    );
    assert!(b.doc.text.contains("Der Wald war dunkel."));
    // The chapter pointing at nothing still has its heading.
    assert!(b.doc.text.ends_with("Zweites Kapitel"));
}

#[test]
fn bad_books_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let not_epub = book(dir.path(), &[("word/document.xml", "<w/>")]);
    let e = load(&not_epub, None).expect_err("refused").to_string();
    assert_eq!(e, "not an EPUB: a zip without META-INF/container.xml");

    let plain = dir.path().join("text.epub");
    std::fs::write(&plain, "Kein Zip").expect("write");
    assert!(
        load(&plain, None)
            .expect_err("refused")
            .to_string()
            .starts_with("not an EPUB: not a zip archive")
    );

    let o = opf(&["k1"]);
    let drm = book(
        dir.path(),
        &[
            ("META-INF/container.xml", CONTAINER),
            (
                "META-INF/encryption.xml",
                r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/Text/k1.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>"#,
            ),
            ("OEBPS/content.opf", &o),
            ("OEBPS/Text/k1.xhtml", K1),
        ],
    );
    let e = load(&drm, None).expect_err("refused").to_string();
    assert!(e.starts_with("the book is protected by DRM"), "{e}");

    let fonts = book(
        dir.path(),
        &[
            ("META-INF/container.xml", CONTAINER),
            (
                "META-INF/encryption.xml",
                r#"<encryption xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/></enc:EncryptedData></encryption>"#,
            ),
            ("OEBPS/content.opf", &o),
            ("OEBPS/Text/k1.xhtml", K1),
        ],
    );
    assert!(load(&fonts, None).is_ok(), "obfuscated fonts are not DRM");
}

#[test]
fn a_zip_bomb_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = format!("<html><body><p>{}</p></body></html>", "a".repeat(4 << 20));
    let o = opf(&["k1"]);
    let path = book(
        dir.path(),
        &[
            ("META-INF/container.xml", CONTAINER),
            ("OEBPS/content.opf", &o),
            ("OEBPS/Text/k1.xhtml", &big),
        ],
    );
    let mut zip = archive::Archive::open(&path)
        .expect("zip")
        .with_limits(1 << 20, 2 << 20);
    let e = zip
        .read("OEBPS/Text/k1.xhtml")
        .expect_err("refused")
        .to_string();
    assert_eq!(
        e,
        "OEBPS/Text/k1.xhtml unpacks to more than 1 MB: not opened (a zip bomb?)"
    );
    assert!(
        path.metadata().expect("meta").len() < 100_000,
        "compressed well"
    );
}

#[test]
fn an_epub2_book_takes_its_chapters_from_the_ncx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opf2 = r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Alt</dc:title></metadata>
<manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="k1" href="Text/k1.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine toc="ncx"><itemref idref="k1"/></spine></package>"#;
    let ncx = r#"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>
<navPoint id="a"><navLabel><text>Kapitel Eins</text></navLabel><content src="Text/k1.xhtml"/></navPoint>
</navMap></ncx>"#;
    let path = book(
        dir.path(),
        &[
            ("META-INF/container.xml", CONTAINER),
            ("OEBPS/content.opf", opf2),
            ("OEBPS/toc.ncx", ncx),
            (
                "OEBPS/Text/k1.xhtml",
                "<html><body><p>Nur Text &auml; &nbsp;hier.</p></body></html>",
            ),
        ],
    );
    let doc = load(&path, None).expect("book").doc;
    let k = kinds(&doc);
    assert_eq!(
        k[1],
        (BlockKind::Heading { level: 1 }, "Kapitel Eins".into())
    );
    assert_eq!(k[2].1, "Nur Text ä \u{a0}hier.");
}

/// A navigation not in the spine's order: the first file's chapter listed last, a
/// section of it before, a point at a file the spine lacks.
const NAV_SHUFFLED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="toc"><ol>
<li><a href="Text/k3.xhtml">Drittes</a></li>
<li><a href="Text/k2.xhtml">Zweites</a><ol><li><a href="Text/k1.xhtml#s1">Abschnitt</a></li></ol></li>
<li><a href="Text/fehlt.xhtml">Fehlt</a></li>
<li><a href="Text/k5.xhtml">Fünftes</a></li>
<li><a href="Text/k1.xhtml">Erstes</a></li>
<li><a href="Text/k4.xhtml">Viertes</a></li>
</ol></nav></body></html>"#;

/// A book of five short files with [`NAV_SHUFFLED`]: the spine `spine` (ids of files
/// `k1`…`k5`), each file padded with a comment of `padding` bytes (markup, no text).
fn shuffled_book(dir: &Path, spine: &[&str], padding: usize) -> std::path::PathBuf {
    let ids = ["k1", "k2", "k3", "k4", "k5"];
    let pad = "x".repeat(padding);
    let bodies: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><!--{pad}--><p>Anfang von {id}.</p>
<p id="s1">Mehr von {id}, ein längerer Absatz mit Wörtern.</p></body></html>"#
            )
        })
        .collect();
    let names: Vec<String> = ids
        .iter()
        .map(|id| format!("OEBPS/Text/{id}.xhtml"))
        .collect();
    let o = opf(spine);
    let mut files = vec![
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", o.as_str()),
        ("OEBPS/nav.xhtml", NAV_SHUFFLED),
    ];
    files.extend(
        names
            .iter()
            .map(String::as_str)
            .zip(bodies.iter().map(String::as_str)),
    );
    book(dir, &files)
}

/// Every prefix of the book at `path` is the start of the whole, the first file's
/// chapter and section included; some prefix is not the whole.
fn check_prefixes(path: &Path) {
    let whole = load(path, None).expect("book").doc;
    // The first file's chapter and section come from the end and the middle of the list.
    let texts = kinds(&whole);
    assert_eq!(texts[2], (BlockKind::Heading { level: 1 }, "Erstes".into()));
    assert_eq!(
        texts[4],
        (BlockKind::Heading { level: 2 }, "Abschnitt".into()),
        "{texts:?}"
    );
    let mut seen_partial = false;
    for enough in [1, 40, 100, 160, 220, 280, 340, 400, 10_000] {
        let part = load(path, Some(enough)).expect("book");
        seen_partial |= !part.complete;
        let doc = part.doc;
        assert!(whole.text.starts_with(&doc.text), "{enough}");
        assert_eq!(whole.blocks[..doc.blocks.len()], doc.blocks[..], "{enough}");
        assert_eq!(whole.headings()[..doc.headings().len()], doc.headings()[..]);
        assert_eq!(kinds(&doc)[2..5], texts[2..5], "{enough}");
        if part.complete {
            assert_eq!(doc.text, whole.text);
            assert_eq!(doc.blocks, whole.blocks);
        }
    }
    assert!(seen_partial);
}

#[test]
fn every_prefix_is_the_start_of_the_whole_with_its_chapters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ids = ["k1", "k2", "k3", "k4", "k5"];
    check_prefixes(&shuffled_book(dir.path(), &ids, 0));
}

#[test]
fn files_with_more_markup_than_planned_and_a_file_twice_still_make_a_prefix() {
    // Much markup and little text: the files planned by their sizes hold less text than
    // asked for, and the chapters of the next ones are read when they are reached.
    let dir = tempfile::tempdir().expect("tempdir");
    let spine = ["k1", "k2", "k1", "k3", "k4", "k5"];
    let path = shuffled_book(dir.path(), &spine, 2000);
    check_prefixes(&path);
    // The file read twice has its chapters once, at its first place.
    let whole = load(&path, None).expect("book").doc;
    let erstes = kinds(&whole).iter().filter(|(_, t)| t == "Erstes").count();
    assert_eq!(erstes, 1);
}
