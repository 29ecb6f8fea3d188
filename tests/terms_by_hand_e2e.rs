//! End to end: a term made by hand from two parts apart (a separable verb), found again
//! split elsewhere in the text; a lemma corrected by hand, saved, and used by the command
//! line's lookup.

mod common;

use common::{Home, Session, run_plain};

const TEXT: &str = "Titel\n\nMorgen lädt sie ihre Freunde ein. Die Jungen spielen im Park.\n\n\
                    Nächste Woche lädt er uns alle ein.\n";

fn text_in(home: &Home) -> String {
    let path = home.path().join("einladung.txt");
    std::fs::write(&path, TEXT).expect("text");
    path.display().to_string()
}

/// The text open in a session, the word cursor on the first `word` (a search).
fn open_on(home: &Home, word: &str) -> Session {
    let path = text_in(home);
    let mut s = Session::start(home, &[&path], 120, 30);
    s.wait_for("Nächste Woche");
    s.send(&format!("/{word}"));
    s.send("\r");
    s.wait_for("match 1 of");
    s
}

/// The look of a cell: colours and attributes.
fn look(s: &Session, row: u16, col: u16) -> (vt100::Color, vt100::Color, bool, bool) {
    let c = s.cell(row, col).expect("cell");
    (c.fgcolor(), c.bgcolor(), c.bold(), c.underline())
}

#[test]
fn a_split_verb_kept_in_parts_becomes_a_term_found_split_again() {
    let home = Home::without_dictionaries();
    let mut s = open_on(&home, "lädt");
    s.send("v");
    s.send("m");
    s.wait_for("Kept: „lädt“");
    // sie, ihre, Freunde, ein
    s.send("wwww");
    s.send("+");
    s.wait_for("Lemma: einladen");
    s.send("to invite");
    s.send("\r");
    let screen = s.wait_for("2 times in the text");
    assert!(screen.contains("English: to invite"), "{screen}");
    // Esc ends the search, whose matches („lädt“) are drawn as matches.
    s.send("\x1b");
    s.settle();
    // In the other paragraph the verb and its particle are drawn as the term, the words
    // between them are not.
    let (row, col) = s.find("Nächste Woche lädt er uns alle ein.").expect("line");
    let at = |word: &str| {
        let line = "Nächste Woche lädt er uns alle ein.";
        let byte = line.find(word).unwrap_or(0);
        col + line[..byte].chars().count() as u16
    };
    let verb = look(&s, row, at("lädt"));
    assert_eq!(
        look(&s, row, at("ein.")),
        verb,
        "the particle looks like its verb"
    );
    assert_ne!(look(&s, row, at("uns")), verb, "a word between is plain");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let saved = std::fs::read_to_string(home.path().join("data/lesepult/glossary.toml"))
        .expect("the user's glossary");
    assert!(saved.contains("lemma = \"einladen\""), "{saved}");
}

#[test]
fn parts_that_make_no_verb_make_no_term() {
    let home = Home::without_dictionaries();
    let mut s = open_on(&home, "Freunde");
    s.send("vm");
    s.send("ww");
    s.send("+");
    s.wait_for("no separable verb the lexicon knows");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!home.path().join("data/lesepult/glossary.toml").exists());
}

#[test]
fn a_lemma_corrected_by_hand_is_kept_and_used_by_lookup() {
    let home = Home::new();
    let mut s = open_on(&home, "Jungen");
    s.send("L");
    s.wait_for("Correct the lemma");
    for _ in 0..20 {
        s.send_raw("\x7f");
    }
    s.send("der Junge");
    s.send("\r");
    s.wait_for("is now read as „der Junge“");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let saved = std::fs::read_to_string(home.path().join("data/lesepult/lemmas.toml"))
        .expect("the corrections are saved");
    assert!(saved.contains("Jungen = \"der Junge\""), "{saved}");

    // The command line reads words as the app does.
    if !std::path::Path::new("/usr/share/dictd/freedict-deu-eng.index").exists() {
        eprintln!("skipped the lookup: dict-freedict-deu-eng is not installed");
        return;
    }
    let (code, out, err) = run_plain(
        &home,
        &[
            "lookup",
            "Jungen",
            "--in",
            "Die Jungen spielen im Park.",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let first = &json[0];
    assert_eq!(first["headword"], "Junge", "{out}");
    assert_eq!(first["gender"], "der", "{out}");
    assert_eq!(first["method"]["via"], "your correction", "{out}");
}
