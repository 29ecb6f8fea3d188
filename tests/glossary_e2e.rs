//! End to end: the glossary in a pseudo-terminal, and the `glossary` subcommand.

mod common;

use common::{Home, Session, run_plain, seed_text};

fn find_on_screen(s: &Session, word: &str) -> Option<(u16, u16)> {
    s.find(word)
}

/// The rows of the article pane only (the left 60 % of a 120-column screen).
fn article_rows(s: &Session) -> Vec<String> {
    s.rows()
        .iter()
        .map(|l| l.chars().take(72).collect())
        .collect()
}

fn click(s: &mut Session, row: u16, col: u16) {
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    ));
}

#[test]
fn filter_open_entry_and_see_the_term_highlighted() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Glossary (");
    s.send("\t");
    s.send("leer");
    s.wait_for("Filter: leer");
    s.send("\r");
    s.wait_for("der Leerverkauf");
    s.wait_for("Pl. die Leerverkäufe");
    // The article moved to the occurrence, which is highlighted (underlined as a term and
    // marked as the current match).
    s.wait_until(
        |_| article_rows(&s).iter().any(|l| l.contains("Leerverkäufe")),
        "the article to show Leerverkäufe",
    );
    s.settle();
    let (row, col) = article_rows(&s)
        .iter()
        .enumerate()
        .find_map(|(r, l)| {
            l.find("Leerverkäufe")
                .map(|b| (r as u16, l[..b].chars().count() as u16))
        })
        .expect("Leerverkäufe in the article");
    let cell = s.cell(row, col).expect("cell");
    assert!(cell.underline(), "a term is underlined");
    assert!(
        cell.bgcolor() != vt100::Color::Default,
        "the current occurrence is highlighted"
    );
    s.send("q");
    s.send("\x03");
    s.wait_exit();
}

#[test]
fn look_up_an_inflected_word_with_a_click() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Glossary (");
    // Bring "Monopolen" on screen with a search, then clear the search.
    s.send("/Monopolen\r");
    s.wait_for("match 1 of");
    s.send("\x1b");
    s.settle();
    let (row, col) = find_on_screen(&s, "Monopolen").expect("Monopolen on screen");
    click(&mut s, row, col + 2);
    s.send("l");
    s.wait_for("das Monopol");
    s.wait_for("Pl. die Monopole");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_user_term_is_saved_and_highlighted_after_a_restart() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Offensichtlich");
    s.settle();
    let (row, col) = find_on_screen(&s, "Effizienz,").expect("a word on screen");
    // "Effizienz" is a glossary term already; take the word before it instead.
    let _ = (row, col);
    let (row, col) = find_on_screen(&s, "Offensichtlich").expect("Offensichtlich on screen");
    click(&mut s, row, col + 1);
    s.send("l");
    s.wait_for("is not in the glossary or in any dictionary");
    s.send("+");
    s.wait_for("Add to your glossary");
    s.send("obviously, apparently");
    s.send("\r");
    s.wait_for("(saved)");
    s.wait_for("your term");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let file = home.path().join("data/lesepult/glossary.toml");
    let saved = std::fs::read_to_string(&file).expect("user glossary written");
    assert!(saved.contains("lemma = \"Offensichtlich\"") && saved.contains("obviously"));

    let mut again = Session::start(&home, &["--from-start"], 120, 40);
    again.wait_for("Offensichtlich");
    again.settle();
    let (row, col) = find_on_screen(&again, "Offensichtlich").expect("on screen");
    assert!(
        again.cell(row, col).expect("cell").underline(),
        "the user term is highlighted"
    );
    again.send("\t");
    again.send("offensichtlich");
    again.wait_for("★");
    // Delete it again: open, d, d.
    again.send("\r");
    again.wait_for("your term");
    again.send("d");
    again.wait_for("again to delete");
    again.send("d");
    again.wait_for("Deleted");
    again.send("\x03");
    assert_eq!(again.wait_exit(), 0);
    let saved = std::fs::read_to_string(&file).expect("user glossary");
    assert!(!saved.contains("Offensichtlich"));
    let backup = std::fs::read_to_string(home.path().join("data/lesepult/glossary.toml.bak"))
        .expect("backup kept");
    assert!(backup.contains("Offensichtlich"));
}

#[test]
fn a_broken_glossary_file_is_reported_and_the_document_still_opens() {
    let home = Home::new();
    std::fs::write(
        home.path().join("text.txt"),
        "Titel\nEin Absatz über Monopole und noch mehr Text, damit es ein Absatz ist.\n",
    )
    .expect("write");
    std::fs::write(
        home.path().join("broken.toml"),
        "version = 1\n[[term]]\nlemma = \"Monopol\"\npos = \"noun\"\ngender = \"x\"\nplural = \"Monopole\"\nenglish = [\"monopoly\"]\n",
    )
    .expect("write");
    let mut s = Session::start(&home, &["--glossary", "broken.toml", "text.txt"], 120, 40);
    s.wait_for("broken.toml:5:10: term `Monopol`: field `gender`");
    s.wait_for("Ein Absatz über Monopole");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_broken_user_glossary_is_left_out_of_the_commands_with_a_warning() {
    let home = Home::new();
    let file = home.path().join("data/lesepult/glossary.toml");
    std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
    let broken = "version = 1\n[[term]]\nlemma = \"blamieren\"\npos = \"verb\"\ngender = \"x\"\n";
    std::fs::write(&file, broken).expect("write");
    for args in [
        &["glossary", "Leerverkauf"][..],
        &["lookup", "Leerverkäufe"],
    ] {
        let (code, out, err) = run_plain(&home, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("Leerverkauf"), "{args:?} still answers: {out}");
        assert!(
            err.contains(&format!("{}:2:1: ", file.display())),
            "{args:?}: {err}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        broken,
        "the broken file is left as it is"
    );
}

#[test]
fn a_glossary_beside_the_file_is_used() {
    let home = Home::new();
    std::fs::write(
        home.path().join("text.txt"),
        "Titel\nEin Absatz über Monopole und noch mehr Text, damit es ein Absatz ist.\n",
    )
    .expect("write");
    std::fs::write(
        home.path().join("text.glossary.toml"),
        "version = 1\n[[term]]\nlemma = \"Monopol\"\npos = \"noun\"\ngender = \"n\"\nplural = \"Monopole\"\nenglish = [\"monopoly\"]\n",
    )
    .expect("write");
    let (code, out, err) = run_plain(&home, &["glossary", "--doc", "text.txt", "Monopole"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("das Monopol"), "{out}");
}

#[test]
fn cli_looks_up_any_form_and_prints_json() {
    let home = Home::new();
    let (code, out, err) = run_plain(&home, &["glossary", "Leerverkäufe"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("der Leerverkauf (Pl. die Leerverkäufe)"),
        "{out}"
    );
    let occurrence = out
        .lines()
        .find(|l| l.trim_start().starts_with('¶'))
        .expect("an occurrence line");
    assert!(occurrence.contains("Leerverkäufe"), "{occurrence}");

    let (code, out, _) = run_plain(&home, &["glossary", "--json", "Monopolen"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["lemma"], "Monopol");
    assert_eq!(v["gender"], "das");
    assert_eq!(v["plural"], "Monopole");
    assert!(v["english"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["german"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(v["category"].as_str().is_some());
    // Offsets point at the form in the bundled article.
    let text = seed_text();
    let occurrences = v["occurrences"].as_array().expect("occurrences");
    assert!(!occurrences.is_empty());
    for o in occurrences {
        let (start, end) = (
            o["start"].as_u64().expect("start") as usize,
            o["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(&text[start..end], o["text"].as_str().expect("text"));
        assert!(o["block"].as_u64().is_some());
    }

    let (code, out, _) = run_plain(&home, &["glossary"]);
    assert_eq!(code, 0);
    assert!(out.lines().count() >= 40);
    assert!(
        out.lines()
            .any(|l| l.starts_with("der Leerverkauf") || l.starts_with("der Leerverkauf "))
    );

    let (code, _, err) = run_plain(&home, &["glossary", "Monopoll"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("not in the glossary") && err.contains("das Monopol"),
        "{err}"
    );
}
