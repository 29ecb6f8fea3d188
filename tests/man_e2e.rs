//! Man pages end to end: a formatted page piped in (`man ls | lesepult`), opened as a
//! file, and lesepult as `man`'s pager (`MANPAGER=lesepult man …`).

mod common;

use std::path::{Path, PathBuf};

use common::{Home, Session};

const ESC: &str = "\x1b";

/// The roff source of a small German man page, and what `man -l` made of it for a
/// pager at 80 columns (bold and underline as overstrikes), and for a pipe (none).
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/man")
        .join(name)
}

/// The row showing `text`, and the column it starts at.
fn at(s: &Session, text: &str) -> (u16, u16) {
    s.find(text)
        .unwrap_or_else(|| panic!("{text:?} not on the screen:\n{}", s.screen()))
}

#[test]
fn a_man_page_piped_in_shows_its_title_headings_and_options() {
    let home = Home::without_dictionaries();
    let mut s = Session::start_piped(&home, &fixture("wortliste.1.txt"), &[], 100, 40);
    s.wait_for("wortliste — zählt die Wörter eines deutschen Textes");
    let screen = s.settle();
    // The title from BEZEICHNUNG, first; the header line is not text, nor is the NAME
    // section repeated.
    let (title_row, left) = at(&s, "wortliste — zählt die Wörter eines deutschen Textes");
    assert!(!screen.contains("WORTLISTE(1)"), "{screen}");
    assert!(!screen.contains("BEZEICHNUNG"), "{screen}");
    assert!(!screen.contains('\u{8}'), "{screen}");
    for heading in ["ÜBERSICHT", "BESCHREIBUNG", "OPTIONEN"] {
        let (row, col) = at(&s, heading);
        assert!(row > title_row, "{heading} below the title:\n{screen}");
        assert_eq!(col, left, "{heading} at the text's left edge:\n{screen}");
    }
    // Overstrikes are styles: `wortliste` bold in the synopsis, `DATEI` underlined
    // (italic), none of them doubled.
    let (row, col) = at(&s, "wortliste [OPTION]");
    assert!(s.cell(row, col).is_some_and(|c| c.bold()), "{screen}");
    let (row, col) = at(&s, "DATEI]");
    assert!(s.cell(row, col).is_some_and(|c| c.italic()), "{screen}");
    assert!(!screen.contains("wwoorrttlliissttee"), "{screen}");
    // Paragraphs are joined again and man's hyphen breaks rejoined.
    assert!(screen.contains("Umlaute und das Eszett"), "{screen}");
    assert!(
        screen.contains("Donaudampfschifffahrtsgesellschaftskapitänswitwe"),
        "{screen}"
    );
    assert!(screen.contains("bei gleicher Häufigkeit"), "{screen}");
    // Options: the option at the left, its description set in below it.
    let (option_row, col) = at(&s, "-a, --alle");
    assert_eq!(col, left, "{screen}");
    let (row, col) = at(&s, "zeigt auch die Wörter");
    assert_eq!((row, col), (option_row + 1, left + 6), "{screen}");
    let (option_row, _) = at(&s, "--trennzeichen=ZEICHEN");
    let (row, col) = at(&s, "trennt die Ausgabe mit ZEICHEN");
    assert_eq!((row, col), (option_row + 1, left + 6), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_man_page_without_overstrikes_opens_from_a_file() {
    let home = Home::without_dictionaries();
    let file = fixture("wortliste.1.plain.txt");
    let path = file.to_string_lossy().into_owned();
    let mut s = Session::start(&home, &[&path], 100, 40);
    s.wait_for("wortliste — zählt die Wörter eines deutschen Textes");
    let screen = s.settle();
    assert!(!screen.contains("WORTLISTE(1)"), "{screen}");
    let (_, left) = at(&s, "OPTIONEN");
    let (_, col) = at(&s, "zeigt auch die Wörter");
    assert_eq!(col, left + 6, "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn lesepult_is_the_pager_of_man() {
    let found = std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: `man` is not installed (apt-get install man-db groff-base)");
        return;
    }
    let home = Home::without_dictionaries();
    let page = fixture("wortliste.1");
    let script = format!(
        "MANPAGER=\"$LESEPULT\" man -l '{}'",
        page.to_string_lossy().replace('\'', "'\\''")
    );
    let mut s = Session::start_shell(&home, &script, &[], 100, 40);
    s.wait_for("wortliste — zählt die Wörter eines deutschen Textes");
    let screen = s.settle();
    assert!(!screen.contains("WORTLISTE(1)"), "{screen}");
    let (_, left) = at(&s, "BESCHREIBUNG");
    let (row, col) = at(&s, "-a, --alle");
    assert_eq!(col, left, "{screen}");
    assert!(s.cell(row, col).is_some_and(|c| c.bold()), "{screen}");
    let (_, col) = at(&s, "zeigt auch die Wörter");
    assert_eq!(col, left + 6, "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_man_page_is_read_like_any_text_search_and_word_status() {
    let home = Home::without_dictionaries();
    let mut s = Session::start_piped(&home, &fixture("wortliste.1.txt"), &[], 100, 40);
    s.wait_for("wortliste — zählt");
    s.settle();
    // The search sees plain words: no backspaces, no doubled letters, umlauts folded.
    s.send("/Haeufigkeit\r");
    s.wait_for("match 1 of 2");
    s.send(ESC);
    s.settle();
    // A word status is kept as in any text.
    s.send("w");
    s.send("s1");
    s.wait_for("learning 1");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let vocabulary = std::fs::read_to_string(home.path().join("data/lesepult/vocabulary.toml"))
        .unwrap_or_default();
    assert!(vocabulary.contains("status = \"1\""), "{vocabulary}");
    // The sentence kept with the word is the text as shown, joined again.
    assert!(
        vocabulary.contains(
            "sentence = \"sortiert nach Häufigkeit, die häufigsten Wörter zuerst; bei gleicher"
        ),
        "{vocabulary}"
    );
}
