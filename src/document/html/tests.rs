//! The HTML converter and the page extraction.

use super::*;
use crate::document::{BlockKind, Inline, Origin};

fn kinds(doc: &Document) -> Vec<(BlockKind, String)> {
    (0..doc.blocks.len())
        .map(|i| (doc.blocks[i].kind, doc.block_text(i).to_string()))
        .collect()
}

#[test]
fn a_page_keeps_its_article_and_drops_the_clutter() {
    let page = r#"<!DOCTYPE html><html><head><title>Der Wald stirbt leise | Tageszeitung</title>
<script>var x = 1;</script><style>p { color: red }</style></head>
<body>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li></ul></nav></header>
<div class="cookie-banner"><p>Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.</p><button>OK</button></div>
<article>
<h1>Der Wald stirbt leise</h1>
<p>Die Fichten im Harz sind <em>fast alle</em> vertrocknet. Förster sprechen von einer <strong>Katastrophe</strong>, die niemand mehr aufhalten kann.</p>
<h2>Was jetzt geschieht</h2>
<blockquote><p>„Wir pflanzen Buchen und Eichen“, sagt die Försterin.</p></blockquote>
<ul><li>Buchen</li><li>Eichen <ul><li>Traubeneichen</li></ul></li></ul>
<ol start="3"><li>drei</li><li>vier</li></ol>
<p>Mehr dazu <a href="/wald">im Dossier</a>.<br>Zweite Zeile.</p>
<table><caption>Tabelle 1. Schäden</caption><tr><th>Baum</th><th>Anteil</th></tr><tr><td>Fichte</td><td>80 %</td></tr></table>
<figure><img src="wald.jpg" alt="Tote Fichten im Harz"><figcaption>Der Harz im Sommer</figcaption></figure>
<pre>code  bleibt
  wie er ist</pre>
<div class="share-buttons"><p>Teilen Sie diesen Artikel auf allen Kanälen, die es gibt.</p></div>
</article>
<aside><p>Lesen Sie auch: Zehn Tipps für den Garten, die Sie kennen müssen.</p></aside>
<footer><p>© Tageszeitung 2026. Alle Rechte vorbehalten. Impressum, Datenschutz.</p></footer>
</body></html>"#;
    let doc = page_doc(page);
    assert_eq!(doc.title, "Der Wald stirbt leise");
    let k = kinds(&doc);
    assert_eq!(k[0], (BlockKind::Title, "Der Wald stirbt leise".into()));
    assert_eq!(k[1].0, BlockKind::Paragraph);
    assert!(
        k[1].1
            .starts_with("Die Fichten im Harz sind fast alle vertrocknet.")
    );
    assert_eq!(
        k[2],
        (
            BlockKind::Heading { level: 2 },
            "Was jetzt geschieht".into()
        )
    );
    assert_eq!(k[3].0, BlockKind::Quote);
    assert_eq!(
        k[4],
        (
            BlockKind::ListItem {
                depth: 0,
                number: None
            },
            "Buchen".into()
        )
    );
    assert_eq!(
        k[5],
        (
            BlockKind::ListItem {
                depth: 0,
                number: None
            },
            "Eichen".into()
        )
    );
    assert_eq!(
        k[6],
        (
            BlockKind::ListItem {
                depth: 1,
                number: None
            },
            "Traubeneichen".into()
        )
    );
    assert_eq!(
        k[7],
        (
            BlockKind::ListItem {
                depth: 0,
                number: Some(3)
            },
            "drei".into()
        )
    );
    assert_eq!(
        k[8],
        (
            BlockKind::ListItem {
                depth: 0,
                number: Some(4)
            },
            "vier".into()
        )
    );
    assert_eq!(k[9].1, "Mehr dazu im Dossier.\u{2028}Zweite Zeile.");
    assert_eq!(k[10], (BlockKind::Caption, "Tabelle 1. Schäden".into()));
    assert_eq!(k[11].0, BlockKind::Code);
    assert_eq!(k[11].1, "Baum   │ Anteil\n───────┼───────\nFichte │ 80 %");
    assert_eq!(
        k[12],
        (BlockKind::Paragraph, "[Bild: Tote Fichten im Harz]".into())
    );
    assert_eq!(k[13], (BlockKind::Caption, "Der Harz im Sommer".into()));
    assert_eq!(
        k[14],
        (BlockKind::Code, "code  bleibt\n  wie er ist".into())
    );
    assert_eq!(k.len(), 15, "{k:#?}");
    for clutter in [
        "Startseite",
        "Cookies",
        "Teilen",
        "Lesen Sie auch",
        "Impressum",
        "var x",
        "color",
    ] {
        assert!(!doc.text.contains(clutter), "{clutter} in {}", doc.text);
    }
    let styles: Vec<(Inline, &str)> = (0..doc.blocks.len())
        .flat_map(|i| {
            doc.inline_in(i)
                .iter()
                .map(|(r, s)| (*s, &doc.text[r.clone()]))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        styles.contains(&(Inline::Emphasis, "fast alle")),
        "{styles:?}"
    );
    assert!(
        styles.contains(&(Inline::Strong, "Katastrophe")),
        "{styles:?}"
    );
    assert!(styles.contains(&(Inline::Link, "im Dossier")), "{styles:?}");
}

fn page_doc(page: &str) -> Document {
    super::page(page, Origin::Stdin, "seite.html")
}

#[test]
fn without_an_article_the_densest_block_is_the_text() {
    let long = "Dies ist ein langer Satz über die deutsche Sprache und ihre Eigenheiten.";
    let page = format!(
        r#"<html><head><title>Sprache</title></head><body>
<div id="menu"><a href="/">Start</a> <a href="/a">Archiv</a></div>
<div class="sidebar"><p>Werbung: Kaufen Sie jetzt das neue Wörterbuch zum halben Preis!</p></div>
<div class="content"><p>{long}</p><p>{long}</p><p>{long}</p></div>
<div class="footer-links"><p>Kontakt und Impressum und Datenschutz für alle Leser.</p></div>
</body></html>"#
    );
    let doc = page_doc(&page);
    let k = kinds(&doc);
    assert_eq!(k[0], (BlockKind::Title, "Sprache".into()));
    assert_eq!(k.len(), 4, "{k:#?}");
    assert!(
        k[1..]
            .iter()
            .all(|(kind, t)| *kind == BlockKind::Paragraph && t == long)
    );
}

#[test]
fn malformed_html_is_read_leniently() {
    let doc = page_doc(
        "<html><body><article><h1>Titel<p>Erster <b>fetter <i>Absatz</b> geht</i> weiter<p>Zweiter Absatz ohne Ende",
    );
    let k = kinds(&doc);
    assert_eq!(k[0], (BlockKind::Title, "Titel".into()));
    assert_eq!(k[1].1, "Erster fetter Absatz geht weiter");
    assert_eq!(k[2].1, "Zweiter Absatz ohne Ende");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let page = format!(
        "<html><body>{}<p>tief</p>{}</body></html>",
        "<div>".repeat(5000),
        "</div>".repeat(5000)
    );
    let doc = page_doc(&page);
    assert!(doc.text.contains("tief"));
}

#[test]
fn html_is_told_by_its_start() {
    assert!(looks_like_html("  <!DOCTYPE html><html>"));
    assert!(looks_like_html("<html lang=\"de\">"));
    assert!(!looks_like_html("# Überschrift\n<html>"));
    assert!(!looks_like_html("Ein Text über <html>."));
}

#[test]
fn an_articles_own_header_keeps_its_title_and_lead() {
    let long = "Ein Absatz mit genug Text, damit der Artikel als Haupttext erkannt wird, auch wenn er kurz ist.";
    let page = format!(
        r#"<html><head><title>Neue Brücke | Zeitung</title></head><body>
<header><a href="/">Zeitung</a> <nav>Menü</nav></header>
<article><header><h1>Neue Brücke</h1><p>Der Vorspann steht im Kopf des Artikels.</p></header>
<p>{long}</p><p>{long}</p><footer>Teilen: Facebook</footer></article></body></html>"#
    );
    let doc = page_doc(&page);
    let k = kinds(&doc);
    assert_eq!(k[0], (BlockKind::Title, "Neue Brücke".into()));
    assert_eq!(k[1].1, "Der Vorspann steht im Kopf des Artikels.");
    assert!(
        !doc.text.contains("Menü") && !doc.text.contains("Facebook"),
        "{}",
        doc.text
    );
}
