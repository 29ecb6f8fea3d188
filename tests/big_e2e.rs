//! End to end: a long file shows its beginning at once, loads the rest in the background,
//! and `G` reaches its real end.

mod common;

use common::{Home, Session};

#[test]
fn a_long_file_opens_at_once_and_reaches_its_end() {
    let home = Home::without_dictionaries();
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
