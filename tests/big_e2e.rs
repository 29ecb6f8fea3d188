//! End to end: a long file shows its beginning at once, loads the rest in the background,
//! and `G` reaches its real end.

mod common;

use common::{Home, Session};

/// A 6 MB book from the article's paragraphs, numbered, in `buch.txt`; its text and the
/// number of paragraphs.
fn write_book(home: &Home) -> (String, usize) {
    let article = common::seed_text();
    let paragraphs: Vec<&str> = article.lines().filter(|l| l.len() > 100).collect();
    let mut text = String::from("Ein langes Buch\n");
    let mut n = 0;
    while text.len() < 6 << 20 {
        text.push_str(paragraphs[n % paragraphs.len()]);
        text.push_str(&format!(" (Absatz {n}.)\n"));
        n += 1;
    }
    let last = format!("Das ist das Ende, Absatz {n}, wirklich das letzte Wort.");
    text.push_str(&last);
    text.push('\n');
    std::fs::write(home.path().join("buch.txt"), &text).expect("write");
    (text, n)
}

/// The text of the book's notes files (named `buch-` and a hash of its path).
fn book_notes(home: &Home) -> Vec<String> {
    std::fs::read_dir(home.path().join("data/lesepult/notes"))
        .expect("a notes folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("buch-"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

#[test]
fn a_long_file_opens_at_once_and_reaches_its_end() {
    let home = Home::without_dictionaries();
    let (text, _) = write_book(&home);
    let mut s = Session::start(&home, &["buch.txt"], 120, 40);
    s.wait_for("Ein langes Buch");
    s.wait_for("The whole text is loaded");
    s.send("G");
    s.wait_for("das letzte Wort");
    s.wait_for("100%");
    s.send("g");
    s.wait_for("Ein langes Buch");
    // 50% as in less: the paragraph around the middle byte of the file.
    let middle = text.len() / 2;
    let end = middle
        + text[middle..]
            .find('\n')
            .expect("a line ends after the middle");
    let line = &text[text[..middle].rfind('\n').map_or(0, |i| i + 1)..end];
    let label = line
        .rsplit_once(" (Absatz ")
        .map(|(_, n)| format!("(Absatz {n}"))
        .expect("the middle line has its number");
    s.send("50%");
    s.wait_for(&label);
    s.send("g");
    s.wait_for("Ein langes Buch");
    // Search runs on a thread for a long text; the match streams in and is shown.
    s.send("/wirklich das letzte");
    s.wait_for("match 1 of 1");
    s.wait_for("das letzte Wort");
    s.send("\r");
    s.send("g");
    s.send("n");
    s.wait_for("das letzte Wort");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn what_is_done_while_the_rest_of_a_file_is_read_is_kept() {
    let home = Home::without_dictionaries();
    // A vocabulary from before, made on the bundled article: DeepSeek is learning (2).
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    s.send("w");
    s.send("s2");
    s.wait_for("learning 2");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let vocabulary = home.path().join("data/lesepult/vocabulary.toml");
    let before = std::fs::read_to_string(&vocabulary).expect("vocabulary saved");
    assert!(before.contains("status = \"2\""), "{before}");

    // The book, with a disk slow enough to set a status and take a note meanwhile.
    write_book(&home);
    let mut s = Session::start_with_env(
        &home,
        &["buch.txt"],
        &[("LESEPULT_TEST_SLOW_LOAD_MS", "2500")],
        120,
        40,
    );
    s.wait_for("Reading the rest of the file");
    s.wait_for("Your notes are read once");
    s.send("w");
    s.send("K");
    s.wait_for("well known");
    assert!(
        !s.screen().contains("The whole text is loaded"),
        "the status was set after the file was read; the test proves nothing"
    );
    // Saved at once: the vocabulary from before is still in the file.
    let during = std::fs::read_to_string(&vocabulary).expect("vocabulary");
    assert!(
        during.contains("status = \"2\"") && during.contains("status = \"known\""),
        "{during}"
    );
    s.send("a");
    s.send("Notiz beim Laden");
    s.send("\x13");
    s.wait_for("as soon as the whole text is loaded");
    // The whole text arrives, the notes file is read, and the note taken meanwhile is
    // saved with it.
    s.wait_for(" Saved.");
    s.wait_for("Notiz beim Laden");
    s.settle();
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let after = std::fs::read_to_string(&vocabulary).expect("vocabulary");
    assert!(
        after.contains("status = \"2\"") && after.contains("status = \"known\""),
        "{after}"
    );
    let notes = book_notes(&home);
    assert!(
        notes.iter().any(|n| n.contains("Notiz beim Laden")),
        "{notes:?}"
    );
}

#[test]
fn a_note_taken_while_the_file_is_read_is_saved_on_quitting_early() {
    let home = Home::without_dictionaries();
    write_book(&home);
    let mut s = Session::start_with_env(
        &home,
        &["buch.txt"],
        &[("LESEPULT_TEST_SLOW_LOAD_MS", "2000")],
        120,
        40,
    );
    s.wait_for("Reading the rest of the file");
    s.send("a");
    s.send("Schnell notiert");
    s.send("\x13");
    s.wait_for("as soon as the whole text is loaded");
    // Quit before the whole text is there: lesepult waits for it and saves the note.
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let notes = book_notes(&home);
    assert!(
        notes.iter().any(|n| n.contains("Schnell notiert")),
        "{notes:?}"
    );
}

#[test]
fn a_job_that_finishes_while_no_key_is_pressed_is_drawn_at_once() {
    // The loop has no timer: it sleeps on its queue. The rest of the file is read on a
    // thread that reports to that queue, and its arrival alone draws the next frame.
    let home = Home::without_dictionaries();
    write_book(&home);
    let s = Session::start_with_env(
        &home,
        &["buch.txt"],
        &[("LESEPULT_TEST_SLOW_LOAD_MS", "800")],
        120,
        40,
    );
    s.wait_for("Reading the rest of the file");
    let started = std::time::Instant::now();
    s.wait_for("The whole text is loaded");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(700),
        "the whole text came before the slow disk could give it; the test proves nothing"
    );
    // The position is the share of the whole file now, and the notes file was read.
    s.wait_until(
        |screen| !screen.contains("Your notes are read once"),
        "notes read",
    );
}
