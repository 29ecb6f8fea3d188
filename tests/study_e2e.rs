//! End to end: the study workflow without surprises (issue 15's findings, each typed as a
//! new user typed it): `q` in a pop-up, a word cursor gone off screen, counts that must not
//! set statuses, a page marked known, hint jumps, a lookup on a small screen.

mod common;

use common::{Home, Session};

const ESC: &str = "\x1b";

fn vocabulary(home: &Home) -> String {
    std::fs::read_to_string(home.path().join("data/lesepult/vocabulary.toml")).unwrap_or_default()
}

#[test]
fn q_in_a_pop_up_closes_it_and_quits_only_from_the_text() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    for (open, shown) in [("?", "Keys"), ("t", "Contents"), ("S", "known")] {
        s.send(open);
        s.wait_for(shown);
        s.settle();
        s.send("q");
        s.settle();
        assert!(s.running(), "q after {open} quit lesepult");
    }
    s.send(ESC);
    s.settle();
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_word_cursor_scrolled_away_takes_no_keys() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    // w, w (on „China“), two pages down, a: the note is on what is on screen.
    s.send("ww");
    s.settle();
    s.send("  ");
    s.settle();
    s.send("a");
    let screen = s.wait_for("Note on");
    assert!(!screen.contains("Note on „China“"), "{screen}");
    s.send(ESC);
    s.settle();
    s.send(ESC);
    s.settle();
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn counts_never_set_a_status() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    // The cursor on a word, then counts: 5j moves, 50% jumps; no status is set.
    s.send("w");
    s.settle();
    s.send("5j");
    s.settle();
    s.send("w");
    s.settle();
    s.send("50%");
    s.settle();
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let file = vocabulary(&home);
    assert!(!file.contains("status ="), "a count set a status:\n{file}");
}

#[test]
fn a_page_marked_known_says_how_many_first_and_u_undoes_it() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    s.send("P");
    let screen = s.wait_for("new words on this page well known?");
    let n: usize = screen
        .split("Mark ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the count in the question");
    assert!(n > 20, "{n}");
    s.send("n");
    s.wait_for("No word marked");
    assert!(!vocabulary(&home).contains("status ="));
    s.send("P");
    s.wait_for("well known?");
    s.send("y");
    s.wait_for(&format!("{n} new words on this page marked well known"));
    s.settle();
    assert_eq!(vocabulary(&home).matches("status = \"known\"").count(), n);
    s.send("u");
    s.wait_for("Undone");
    s.settle();
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        !vocabulary(&home).contains("status ="),
        "{}",
        vocabulary(&home)
    );
}

#[test]
fn hint_labels_reach_a_word_in_two_keys() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    s.send("f");
    s.wait_for("Type the label of a word");
    // The labels are drawn over the words: find the one over „Rechenleistung“.
    let screen = s.settle();
    let row = screen
        .lines()
        .find(|l| l.contains("echenleistung") || l.contains("chenleistung"))
        .expect("a labelled line")
        .to_string();
    let at = row.find("chenleistung").expect("the word");
    let label: String = row[..at]
        .chars()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let label = label.trim().to_string();
    s.send(&label);
    s.wait_for("„Rechenleistung“");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_lookup_on_a_small_screen_keeps_the_word_in_view() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 80, 24);
    s.wait_for("Article");
    let screen = s.settle();
    // The last word of the article's last row on screen, reached with a hint label.
    let rows: Vec<&str> = screen.lines().collect();
    let last_text_row = rows
        .iter()
        .rev()
        .skip(2)
        .find(|l| l.chars().filter(|c| c.is_alphabetic()).count() > 10)
        .expect("a row of text")
        .to_string();
    s.send("f");
    let labelled = s.wait_for("Type the label of a word");
    let row_index = rows
        .iter()
        .position(|l| *l == last_text_row)
        .expect("the row");
    let labelled_row = labelled.lines().nth(row_index).expect("the labelled row");
    // The last word of the row: its label is the two letters where it starts.
    let word = last_text_row
        .trim_end()
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .expect("a word")
        .to_string();
    let at = last_text_row.rfind(&word).expect("the word in its row");
    let label: String = labelled_row[at..].chars().take(2).collect();
    s.send(&label);
    s.wait_for(&format!("„{word}“"));
    s.send("l");
    let screen = s.settle();
    // The word's own row (its sentence's end), not just any „aus“ on the screen.
    let row_text = last_text_row
        .trim_matches(|c: char| c == '┃' || c == '│' || c.is_whitespace())
        .to_string();
    assert!(
        screen.contains(&row_text),
        "the row of the word looked up, „{word}“, is off screen:\n{screen}"
    );
    s.send(ESC);
    s.settle();
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn cards_graded_again_come_back_in_the_same_review() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    // Two words learning: due at once.
    s.send("w");
    s.send("s1");
    s.wait_for("learning 1");
    s.send("w");
    s.send("s2");
    s.wait_for("learning 2");
    s.send("R");
    s.settle();
    // Both graded Again: each comes back after the other.
    for _ in 0..2 {
        s.send(" ");
        s.settle();
        s.send("1");
        s.settle();
    }
    s.wait_for("back after Again");
    for _ in 0..2 {
        s.send(" ");
        s.settle();
        s.send("3");
        s.settle();
    }
    s.wait_for("Review done: 2 words, 2 again (4 reviews)");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_search_typed_without_umlauts_finds_them() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    s.send("/boersenbewertung\r");
    s.wait_for("match 1 of 1");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_command_line_says_no_plural_plainly() {
    let home = Home::without_dictionaries();
    let (code, out, err) = common::run_plain(&home, &["glossary", "Wettrüsten"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(no plural)"), "{out}");
    assert!(!out.contains("Pl. no plural"), "{out}");
}
