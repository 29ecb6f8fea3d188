//! End to end: word statuses set in the app survive a restart, with their colours and the
//! known share; the Anki vocabulary deck from the command line.

mod common;

use common::{Home, Session, run_plain};

/// The status-line text "known N%".
fn known_share(screen: &str) -> Option<String> {
    let at = screen.find("known ")?;
    let rest = &screen[at..];
    let end = rest.find('%')?;
    Some(rest[..=end].to_string())
}

#[test]
fn statuses_colours_and_share_survive_a_restart() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    // Title: DeepSeek (learning 2), China (well known), then the page well known.
    s.send("w");
    s.send("s2");
    s.wait_for("learning 2");
    s.send("w");
    s.send("K");
    s.wait_for("well known");
    s.send("c");
    s.wait_for("Status colours on");
    let screen = s.settle();
    let share = known_share(&screen).expect("known share on the status line");
    let (row, col) = s.find("DeepSeek").expect("title on screen");
    let learning_bg = s.cell(row, col).expect("cell").bgcolor();
    assert_ne!(
        learning_bg,
        vt100::Color::Default,
        "a learning word is coloured"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let file = std::fs::read_to_string(home.path().join("data/lesepult/vocabulary.toml"))
        .expect("vocabulary saved");
    assert!(
        file.contains("status = \"2\"") && file.contains("status = \"known\""),
        "{file}"
    );

    let mut again = Session::start(&home, &["--from-start"], 120, 40);
    again.wait_for("Wettbewerbsvorteil");
    again.send("c");
    again.wait_for("Status colours on");
    let screen = again.settle();
    assert_eq!(known_share(&screen), Some(share), "the same known share");
    let (row, col) = again.find("DeepSeek").expect("title");
    assert_eq!(
        again.cell(row, col).expect("cell").bgcolor(),
        learning_bg,
        "the same colour"
    );
    let (row, col) = again.find("China").expect("title");
    assert_eq!(
        again.cell(row, col).expect("cell").bgcolor(),
        vt100::Color::Default,
        "known words are plain"
    );
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let (code, deck, err) = run_plain(&home, &["export", "--format", "anki", "--vocab"]);
    assert_eq!(code, 0, "{err}");
    assert!(deck.starts_with("#separator:tab\n#html:true\n"));
    assert!(
        deck.lines()
            .any(|l| l.contains("card::cloze") && l.contains("{{c1::DeepSeek}}")),
        "{deck}"
    );
}

/// "Exported N words" in a message: N.
fn words_said(text: &str) -> Option<usize> {
    let at = text.find("Exported ")? + "Exported ".len();
    let rest = &text[at..];
    let n = rest.split_whitespace().next()?.parse().ok()?;
    rest.contains(" words").then_some(n)
}

#[test]
fn the_app_and_the_command_line_count_the_same_words_in_the_deck() {
    use lesepult::vocab::{Status, VocabEntry, Vocabulary};
    let home = Home::without_dictionaries();
    let entry = |lemma: &str, status: Status| VocabEntry {
        key: lemma.to_lowercase(),
        lemma: lemma.into(),
        status,
        updated: "2026-11-28T20:00:00Z".into(),
        learned: None,
        article: String::new(),
        plural: String::new(),
        meaning: "something".into(),
        category: String::new(),
        sentence: String::new(),
        form: String::new(),
        document: String::new(),
        review: None,
        doubtful: false,
    };
    let mut vocab = Vocabulary::default();
    for e in [
        entry("Monopol", Status::L2),
        entry("Wettbewerb", Status::Known),
        entry("Kartell", Status::New),
        entry("Aktie", Status::Ignored),
        // A lemma the lexicon does not know: doubtful, in no deck.
        entry("Xqzvbrmpf", Status::L3),
    ] {
        vocab.entries.insert(e.key.clone(), e);
    }
    let dir = home.path().join("data/lesepult");
    std::fs::create_dir_all(&dir).expect("data dir");
    std::fs::write(
        dir.join("vocabulary.toml"),
        lesepult::vocab::file::to_string(&vocab),
    )
    .expect("vocabulary");

    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    s.send("x");
    s.wait_for("Export notes");
    // markdown → json → csv → anki → anki + glossary → anki-vocab
    s.send("\t\t\t\t\t");
    s.wait_for("words of your vocabulary");
    s.send("\r");
    let screen = s.wait_for("Exported");
    let app = words_said(&screen).expect("the app's count");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let out = home.path().join("cli-deck.txt").display().to_string();
    let (code, _, err) = run_plain(
        &home,
        &["export", "--format", "anki", "--vocab", "--output", &out],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        words_said(&err),
        Some(app),
        "app: {app}; command line: {err}"
    );
    // The new and the ignored word are in no deck (nor a doubtful one, if the lexicon
    // marks the made-up lemma so).
    assert!((2..=3).contains(&app), "{screen}");
}
