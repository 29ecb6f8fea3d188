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
