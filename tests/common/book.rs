//! Books and pages made by the tests: an EPUB zipped here from small XHTML files written
//! for the tests, in German.

use std::io::Write;
use std::path::Path;

/// Write an EPUB at `path`: `mimetype` first and stored, then `files` deflated.
pub fn write_epub(path: &Path, files: &[(&str, String)]) {
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("mimetype", stored).expect("start");
    zip.write_all(b"application/epub+zip").expect("write");
    for (name, text) in files {
        zip.start_file(*name, deflated).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
}

pub const CONTAINER: &str = r#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;

/// The package document of a book with chapters `k1.xhtml`… in `OEBPS/Text/`.
pub fn opf(title: &str, author: &str, chapters: usize) -> String {
    let items: String = (1..=chapters)
        .map(|i| {
            format!(
                r#"<item id="k{i}" href="Text/k{i}.xhtml" media-type="application/xhtml+xml"/>"#
            )
        })
        .collect();
    let refs: String = (1..=chapters)
        .map(|i| format!(r#"<itemref idref="k{i}"/>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{items}</manifest>
<spine>{refs}</spine></package>"#
    )
}

/// A navigation document: `(label, href, level)`, levels 1 and 2.
pub fn nav(points: &[(&str, &str, u8)]) -> String {
    let mut body = String::from("<ol>");
    let mut open_sub = false;
    for (i, (label, href, level)) in points.iter().enumerate() {
        if *level == 2 && !open_sub {
            body.push_str("<ol>");
            open_sub = true;
        }
        if *level == 1 && open_sub {
            body.push_str("</ol></li>");
            open_sub = false;
        } else if *level == 1 && i > 0 {
            body.push_str("</li>");
        }
        body.push_str(&format!(r#"<li><a href="{href}">{label}</a>"#));
        if *level == 2 {
            body.push_str("</li>");
        }
    }
    if open_sub {
        body.push_str("</ol>");
    }
    body.push_str("</li></ol>");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Inhalt</title></head>
<body><nav epub:type="toc"><h1>Inhalt</h1>{body}</nav></body></html>"#
    )
}

/// An XHTML chapter with `body` inside.
pub fn chapter(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="de"><head><title>Kapitel</title></head>
<body>{body}</body></html>"#
    )
}

/// The small book most tests read: two chapters, the first with a section, a quote, a
/// list, a table, an image and a footnote.
pub fn small_book(path: &Path) {
    let k1 = chapter(
        r##"<h1>Erstes Kapitel</h1>
<p>Gregor erwachte eines Morgens aus <em>unruhigen</em> Träumen und fand sich in seinem Bett zu einem <strong>ungeheueren</strong> Ungeziefer verwandelt.<a epub:type="noteref" href="#fn1">1</a></p>
<blockquote><p>„Was ist mit mir geschehen?“, dachte er.</p></blockquote>
<h2 id="zimmer">Das Zimmer</h2>
<p>Sein Zimmer, ein richtiges, nur etwas zu kleines Menschenzimmer, lag ruhig zwischen den vier wohlbekannten Wänden.</p>
<ul><li>eine Sammlung von Tuchmustern</li><li>ein Bild in einem Rahmen</li></ul>
<table><tr><th>Gegenstand</th><th>Ort</th></tr><tr><td>Bild</td><td>Wand</td></tr></table>
<p><img src="../Images/bild.png" alt="Eine Dame mit Pelzhut"/></p>
<aside epub:type="footnote" id="fn1"><p>1 Die Anmerkung zum Ungeziefer.</p></aside>"##,
    );
    let k2 = chapter(
        "<p>Gregors Blick richtete sich dann zum Fenster, und das trübe Wetter machte ihn ganz melancholisch.</p>\
         <p>Wie wäre es, wenn ich noch ein wenig weiterschliefe und alle Narrheiten vergäße, dachte er.</p>",
    );
    write_epub(
        path,
        &[
            ("META-INF/container.xml", CONTAINER.to_string()),
            (
                "OEBPS/content.opf",
                opf("Die Verwandlung", "Franz Kafka", 2),
            ),
            (
                "OEBPS/nav.xhtml",
                nav(&[
                    ("Erstes Kapitel", "Text/k1.xhtml", 1),
                    ("Das Zimmer", "Text/k1.xhtml#zimmer", 2),
                    ("Zweites Kapitel", "Text/k2.xhtml", 1),
                ]),
            ),
            ("OEBPS/Text/k1.xhtml", k1),
            ("OEBPS/Text/k2.xhtml", k2),
        ],
    );
}

/// A saved news page: navigation, a cookie banner, the article, a sidebar and a footer.
pub const NEWS_PAGE: &str = r##"<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Die Stadt baut Radwege | Tagesblatt</title>
<script>window.tracking = true;</script><style>body { font: 12px serif }</style></head>
<body>
<header class="site-header"><nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div id="cookie-consent"><p>Wir verwenden Cookies. Mit Ihrer Zustimmung helfen Sie uns.</p><button>Akzeptieren</button></div>
<main><article>
<h1>Die Stadt baut Radwege</h1>
<p class="lead">Bis 2030 sollen in der Innenstadt vierzig Kilometer neue Radwege entstehen.</p>
<p>Der Stadtrat hat am Dienstag beschlossen, die Hauptstraße umzugestalten. Autos dürfen dort künftig nur noch dreißig Kilometer pro Stunde fahren.</p>
<h2>Kritik der Händler</h2>
<p>Die Händler befürchten, dass weniger Kunden kommen. „Wir leben von der Laufkundschaft“, sagt eine Ladenbesitzerin.</p>
<div class="social-share"><a href="#">Teilen auf Facebook</a></div>
</article></main>
<aside class="sidebar"><h3>Meistgelesen</h3><p>Zehn Dinge, die Sie über Ihren Garten wissen müssen.</p></aside>
<footer><p>© 2026 Tagesblatt · Impressum · Datenschutz</p></footer>
</body></html>"##;
