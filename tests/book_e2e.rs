//! Books and web pages end to end: an EPUB and an HTML page made by the test, opened in a
//! pseudo-terminal; notes on a book kept across runs and exported with its chapters; bad
//! books and pages refused in one line with exit code 2.

mod common;

use common::book::{self, NEWS_PAGE};
use common::{Home, Session, run_plain};

const CTRL_S: &str = "\x13";

fn at(s: &Session, text: &str) -> (u16, u16) {
    s.find(text)
        .unwrap_or_else(|| panic!("{text:?} not on the screen:\n{}", s.screen()))
}

#[test]
fn a_book_opens_with_its_chapters_title_and_author() {
    let home = Home::without_dictionaries();
    book::small_book(&home.path().join("verwandlung.epub"));
    let mut s = Session::start(&home, &["verwandlung.epub"], 120, 40);
    s.wait_for("Gregor erwachte eines Morgens");
    let screen = s.settle();
    // The status line: the title and the author from the package.
    assert!(screen.contains("Die Verwandlung — Franz Kafka"), "{screen}");
    for shown in [
        "Erstes Kapitel",
        "„Was ist mit mir geschehen?“, dachte er.",
        "Das Zimmer",
        "eine Sammlung von Tuchmustern",
        "Gegenstand │ Ort",
        "[Bild: Eine Dame mit Pelzhut]",
        "1 Die Anmerkung zum Ungeziefer.",
    ] {
        assert!(screen.contains(shown), "{shown:?} missing:\n{screen}");
    }
    // Emphasis keeps its look.
    let (row, col) = at(&s, "unruhigen");
    assert!(s.cell(row, col).is_some_and(|c| c.italic()), "{screen}");
    // The contents list: the chapters of the navigation, nested.
    s.send("t");
    s.wait_for("Contents");
    let rows = s.rows();
    let column = |label: &str| {
        rows.iter()
            .find(|r| r.contains(label) && r.contains('%'))
            .and_then(|r| r.find(label).map(|i| r[..i].chars().count()))
            .unwrap_or_else(|| panic!("{label} not in the contents:\n{}", s.screen()))
    };
    let (top, sub) = (column("Zweites Kapitel"), column("Das Zimmer"));
    assert!(
        sub > top,
        "the section is indented under its chapter:\n{}",
        s.screen()
    );
    s.send("\x1b");
    // A footnote reference: Enter shows the note, Enter in the note goes back.
    s.send("/[1]\r");
    s.wait_for("match 1 of 1");
    s.send("\r");
    s.wait_for("The footnote. Enter goes back to the reference.");
    s.send("\r");
    s.wait_for("Back at the footnote reference.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn notes_on_a_book_survive_reopening_and_export_with_its_chapters() {
    let home = Home::without_dictionaries();
    book::small_book(&home.path().join("verwandlung.epub"));
    let mut s = Session::start(&home, &["verwandlung.epub"], 120, 40);
    s.wait_for("Notes (0)");
    s.send("/Menschenzimmer\r");
    s.wait_for("match 1 of 1");
    s.send("a");
    s.wait_for("Note on");
    s.send("Ein kleines Zimmer #wohnen");
    s.send(CTRL_S);
    s.wait_for("Saved.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let mut again = Session::start(&home, &["verwandlung.epub"], 120, 40);
    again.wait_for("Notes (1)");
    again.wait_for("Ein kleines Zimmer");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let (code, out, err) = run_plain(
        &home,
        &[
            "export",
            "--format",
            "markdown",
            "--doc",
            "verwandlung.epub",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("# Notes: Die Verwandlung\n\n*Franz Kafka*\n"),
        "{out}"
    );
    assert!(out.contains("\n## Das Zimmer\n"), "{out}");
    assert!(out.contains("**Menschenzimmer**"), "{out}");
    let (code, out, _) = run_plain(
        &home,
        &["export", "--format", "json", "--doc", "verwandlung.epub"],
    );
    assert_eq!(code, 0);
    assert!(out.contains("\"author\": \"Franz Kafka\""), "{out}");
}

#[test]
fn a_saved_news_page_shows_the_article_and_nothing_of_the_navigation() {
    let home = Home::without_dictionaries();
    std::fs::write(home.path().join("radwege.html"), NEWS_PAGE).expect("write");
    let mut s = Session::start(&home, &["radwege.html"], 120, 40);
    s.wait_for("Kritik der Händler");
    let screen = s.settle();
    assert!(screen.contains("Die Stadt baut Radwege"), "{screen}");
    assert!(screen.contains("sagt eine Ladenbesitzerin."), "{screen}");
    for clutter in [
        "Startseite",
        "Cookies",
        "Akzeptieren",
        "Teilen auf",
        "Meistgelesen",
        "Impressum",
        "tracking",
    ] {
        assert!(!screen.contains(clutter), "{clutter:?} shown:\n{screen}");
    }
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_latin1_page_piped_in_is_read_as_html() {
    let home = Home::without_dictionaries();
    let page = "<!DOCTYPE html><html><head><meta charset=\"iso-8859-1\"><title>Gr\u{f6}\u{df}e</title></head><body><article><h1>\u{dc}ber Gr\u{f6}\u{df}e</h1><p>Die Stra\u{df}e ist l\u{e4}nger als gedacht, sagt der B\u{fc}rgermeister.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let file = home.path().join("seite.bin");
    std::fs::write(&file, &bytes).expect("write");
    let mut s = Session::start_piped(&home, &file, &[], 100, 30);
    s.wait_for("Die Straße ist länger als gedacht");
    let screen = s.settle();
    assert!(screen.contains("Über Größe"), "{screen}");
    assert!(!screen.contains("<p>"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_book_with_a_missing_chapter_opens_with_a_warning() {
    let home = Home::without_dictionaries();
    book::write_epub(
        &home.path().join("luecke.epub"),
        &[
            ("META-INF/container.xml", book::CONTAINER.to_string()),
            ("OEBPS/content.opf", book::opf("Lücke", "Niemand", 2)),
            (
                "OEBPS/nav.xhtml",
                book::nav(&[("Eins", "Text/k1.xhtml", 1), ("Zwei", "Text/k2.xhtml", 1)]),
            ),
            (
                "OEBPS/Text/k1.xhtml",
                book::chapter("<p>Das erste Kapitel ist da.</p>"),
            ),
        ],
    );
    let mut s = Session::start(&home, &["luecke.epub"], 120, 30);
    s.wait_for("Das erste Kapitel ist da.");
    s.wait_for("OEBPS/Text/k2.xhtml is missing from the book (skipped)");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn bad_books_and_pages_exit_2_with_one_line() {
    let home = Home::without_dictionaries();
    let dir = home.path();
    book::write_epub(
        &dir.join("brief.epub"),
        &[("word/document.xml", "<w/>".to_string())],
    );
    book::write_epub(
        &dir.join("archiv.zip"),
        &[("liesmich.txt", "Hallo".to_string())],
    );
    book::write_epub(
        &dir.join("drm.epub"),
        &[
            ("META-INF/container.xml", book::CONTAINER.to_string()),
            (
                "META-INF/encryption.xml",
                r#"<encryption xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/Text/k1.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>"#.to_string(),
            ),
            ("OEBPS/content.opf", book::opf("Geschützt", "Verlag", 1)),
            ("OEBPS/Text/k1.xhtml", book::chapter("<p>geheim</p>")),
        ],
    );
    // 130 MB of one letter in one chapter (over the 128 MB limit): a few hundred
    // kilobytes zipped.
    let huge = book::chapter(&format!("<p>{}</p>", "a".repeat(130 << 20)));
    book::write_epub(
        &dir.join("bombe.epub"),
        &[
            ("META-INF/container.xml", book::CONTAINER.to_string()),
            ("OEBPS/content.opf", book::opf("Bombe", "Niemand", 1)),
            ("OEBPS/Text/k1.xhtml", huge),
        ],
    );
    std::fs::write(dir.join("bild.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let cases = [
        (
            "brief.epub",
            "brief.epub: not an EPUB: a zip without META-INF/container.xml",
        ),
        (
            "archiv.zip",
            "archiv.zip: not an EPUB: a zip without META-INF/container.xml",
        ),
        (
            "drm.epub",
            "drm.epub: the book is protected by DRM (META-INF/encryption.xml: 1 encrypted files)",
        ),
        (
            "bombe.epub",
            "bombe.epub: OEBPS/Text/k1.xhtml unpacks to more than 128 MB: not opened (a zip bomb?)",
        ),
        ("bild.html", "bild.html: binary file (NUL byte at byte 8)"),
    ];
    for (file, message) in cases {
        let (code, _, stderr) = run_plain(&home, &[file]);
        assert_eq!(code, 2, "{file}: {stderr}");
        assert!(stderr.contains(message), "{file}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    }
}

/// The first screen of a long book next to the same text as `.txt`, in a pty (run by hand:
/// `cargo test --release --test book_e2e -- --ignored --nocapture first_screen`). Prints
/// the medians of 15 starts each.
#[test]
#[ignore]
fn first_screen_of_a_long_book_next_to_the_same_text() {
    use std::time::{Duration, Instant};
    let home = Home::without_dictionaries();
    let epub = home.path().join("buch.epub");
    let parts = home.path().join("teile.epub");
    let txt = home.path().join("buch.txt");
    let text = 10 << 20;
    // One file a chapter (850 of them), and the same text in 80 files, as a novel.
    lesepult::sample::long_epub(&epub, text).expect("book");
    lesepult::sample::long_epub_in_files(&parts, text, 80).expect("book in parts");
    std::fs::write(&txt, lesepult::sample::long_text(text)).expect("text");
    // The first paragraph's start, the same in both.
    let first = "Ein langes Buch über Wettbewerb";
    let mut medians = Vec::new();
    for file in [&txt, &epub, &parts] {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut times = Vec::new();
        for _ in 0..15 {
            let start = Instant::now();
            let mut s = Session::start(&home, &[&name, "--from-start"], 120, 40);
            loop {
                if s.screen().contains(first) && s.screen().contains("Kapitel 1") {
                    break;
                }
                assert!(start.elapsed() < Duration::from_secs(10), "{}", s.screen());
                std::thread::sleep(Duration::from_micros(250));
            }
            times.push(start.elapsed());
            s.send("q");
            s.wait_exit();
        }
        times.sort();
        medians.push(times[times.len() / 2]);
        println!(
            "{name} ({} bytes): first screen, median {:?}",
            file.metadata().map(|m| m.len()).unwrap_or(0),
            times[times.len() / 2]
        );
    }
    for (name, m) in [("850 files", medians[1]), ("80 files", medians[2])] {
        println!(
            "ratio ({name}) {:.2}",
            m.as_secs_f64() / medians[0].as_secs_f64()
        );
    }
}

/// `G` and a jump to the last chapter from the contents list in a long book (10 MB of
/// text in 850 files), once the whole book is read: the time from the key to the screen
/// showing the place (run with `cargo test --release --test book_e2e -- --ignored
/// --nocapture keys_in_a_long_book`). Prints the medians of 9 tries each.
#[test]
#[ignore]
fn keys_in_a_long_book_answer_at_once() {
    use std::time::{Duration, Instant};
    let home = Home::without_dictionaries();
    let epub = home.path().join("buch.epub");
    let bytes = 10 << 20;
    lesepult::sample::long_epub(&epub, bytes).expect("book");
    let text = lesepult::sample::long_text(bytes);
    let last_line: String = text
        .lines()
        .rev()
        .find(|l| l.split_whitespace().count() >= 4)
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let last_chapter = text
        .lines()
        .rev()
        .find(|l| l.starts_with("Kapitel "))
        .unwrap_or_default()
        .to_string();
    let mut s = Session::start(&home, &["buch.epub", "--from-start"], 120, 40);
    s.wait_for("Kapitel 1");
    // The rest of the book is read in the background.
    std::thread::sleep(Duration::from_secs(3));
    // Keys sent without the helper's pause after each, the screen read every 250 µs.
    let time = |s: &mut Session, keys: &[&str], shows: &str| -> Duration {
        let start = Instant::now();
        for k in keys {
            s.send_raw(k);
        }
        // (The contents list names the chapter too: it must be closed.)
        loop {
            let screen = s.screen();
            if screen.contains(shows) && !screen.contains(" Contents ") {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "{}", s.screen());
            std::thread::sleep(Duration::from_micros(250));
        }
        start.elapsed()
    };
    let mut g = Vec::new();
    let mut jump = Vec::new();
    for _ in 0..9 {
        g.push(time(&mut s, &["G"], &last_line));
        s.send("g");
        s.wait_for("Kapitel 1");
        // The contents list open at its last chapter, then Enter: the jump itself.
        s.send("t");
        s.send("G");
        s.wait_for(" Contents ");
        jump.push(time(&mut s, &["\r"], &last_chapter));
        s.send("g");
        s.wait_for("Kapitel 1");
    }
    g.sort();
    jump.sort();
    println!("G: median {:?}, slowest {:?}", g[4], g[8]);
    println!(
        "last chapter from t: median {:?}, slowest {:?}",
        jump[4], jump[8]
    );
    s.send("q");
    s.wait_exit();
}
