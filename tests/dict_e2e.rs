//! End to end: dictionaries made by the test, looked up from the article in a
//! pseudo-terminal and from the command line.

mod common;

use common::{Home, Session, run_plain};
use lesepult::dict::dictd::write_dictd;
use lesepult::dict::stardict::write_stardict;

/// A home whose config searches only the test's own dictionary folder.
fn home_with_dictionaries(entries: &[(&str, &str)]) -> Home {
    let (home, folder) = Home::with_dictionary_folder();
    std::fs::create_dir_all(folder.join("test")).expect("mkdir");
    if !entries.is_empty() {
        write_stardict(
            &folder.join("test").join("test"),
            "Testwörterbuch",
            entries,
            Some(200),
        )
        .expect("stardict");
        write_dictd(&folder.join("klein"), &entries[..1], Some(100)).expect("dictd");
    }
    home
}

const ENTRIES: &[(&str, &str)] = &[
    ("Wettbewerb", "Wettbewerb <masc, n, sg>\ncompetition <n>\n"),
    (
        "Vorteil",
        "Vorteil <masc, n, sg>\nadvantage <n>\n see: {Vorteile}\n",
    ),
    ("Vorteile", "Vorteile <pl>\nadvantages\n see: {Vorteil}\n"),
    ("aussehen", "aussehen <v>\nlook <v>, appear <v>\n"),
    ("sehen", "sehen <v>\nsee <v>\n"),
    ("aus", "aus <prep>\nout of <prep>, from <prep>\n"),
    (
        "Konkurrenz",
        "Konkurrenz <fem, n, sg>\ncompetition <n>, rivalry <n>\n",
    ),
];

#[test]
fn a_compound_from_the_article_shows_both_parts() {
    let home = home_with_dictionaries(ENTRIES);
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    let (row, col) = s.find("Wettbewerbsvorteil").expect("on the first screen");
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 2,
        row + 1,
        col + 2,
        row + 1
    ));
    s.send("l");
    s.wait_for("der Wettbewerbsvorteil");
    // The dictionary results stand below the glossary entry: focus the pane and scroll.
    s.send("\t");
    for _ in 0..22 {
        s.send("j");
    }
    s.wait_for("In the dictionaries");
    let screen = s.wait_for("Wettbewerb + Vorteil");
    assert!(screen.contains("Wettbewerb: competition"), "{screen}");
    assert!(screen.contains("Vorteil: advantage"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn without_a_dictionary_the_pane_says_how_to_add_one() {
    let home = home_with_dictionaries(&[]);
    std::fs::write(
        home.path().join("text.txt"),
        "Titel\nEin Xylophonbaum steht im langen Absatz, der lang genug ist, um ein Absatz zu sein.\n",
    )
    .expect("write");
    let mut s = Session::start(&home, &["text.txt"], 120, 40);
    s.wait_for("Ein Xylophonbaum");
    let (row, col) = s.find("Xylophonbaum").expect("on screen");
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 2,
        row + 1,
        col + 2,
        row + 1
    ));
    s.send("l");
    s.wait_for("No dictionary is installed");
    s.wait_for("apt install dict-freedict-deu-eng");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn lookup_and_dict_list_on_the_command_line() {
    let home = home_with_dictionaries(ENTRIES);
    std::fs::write(
        home.path().join("dicts").join("kaputt.index"),
        "wort\tA\tB\n",
    )
    .expect("write");
    let (code, out, _) = run_plain(&home, &["dict", "list"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("StarDict") && out.contains("Testwörterbuch"),
        "{out}"
    );
    assert!(out.contains("dictd") && out.contains("klein"), "{out}");
    assert!(
        out.contains("kaputt.index: its data file is missing"),
        "{out}"
    );

    let (code, out, err) = run_plain(&home, &["lookup", "--json", "Vorteile"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let first = &v[0];
    assert_eq!(first["headword"], "Vorteil");
    assert_eq!(first["gender"], "der");
    assert_eq!(first["plural"], "Vorteile");
    assert_eq!(first["source"], "Testwörterbuch");
    assert_eq!(first["method"]["kind"], "lemma");

    let (code, out, _) = run_plain(&home, &["lookup", "Konkurrenzvorteil"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("der Konkurrenzvorteil"), "{out}");
    assert!(
        out.contains("compound Konkurrenz + Vorteil") && out.contains("gender inferred"),
        "{out}"
    );

    let (code, _, err) = run_plain(&home, &["lookup", "Xylophonbaum"]);
    assert_eq!(code, 1);
    assert!(err.contains("not found"), "{err}");
    // Found nowhere: exit 1 with --json too (an empty list on standard output).
    let (code, out, _) = run_plain(&home, &["lookup", "--json", "Xylophonbaum"]);
    assert_eq!(code, 1);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn a_word_is_analysed_in_the_sentence_given_with_in() {
    let home = home_with_dictionaries(ENTRIES);
    let sentence = "Das sieht heute ganz anders aus, sagt sie.";
    // Both halves of the split verb lead to the whole verb.
    for word in ["sieht", "aus"] {
        let (code, out, err) = run_plain(&home, &["lookup", "--json", word, "--in", sentence]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v[0]["headword"], "aussehen", "{out}");
        assert_eq!(v[0]["senses"][0], "look, appear", "{out}");
        assert_eq!(v[0]["method"]["kind"], "lemma", "{out}");
    }
    // Alone, "aus" is the preposition and "sieht" the verb sehen.
    let (_, out, _) = run_plain(
        &home,
        &["lookup", "--json", "aus", "--in", "Er kommt aus Berlin."],
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["headword"], "aus", "{out}");
    let (_, out, _) = run_plain(&home, &["lookup", "--json", "sieht"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["headword"], "sehen", "{out}");
    // A word that is not in the sentence is a usage error.
    let (code, _, err) = run_plain(&home, &["lookup", "gut", "--in", sentence]);
    assert_eq!(code, 2);
    assert!(err.contains("not a word of the sentence"), "{err}");
}

/// A dictionary whose noun has three senses, and four examples that use the one the
/// ranking alone puts second: the examples' sense comes first, and their index is kept in
/// the cache.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "Amt",
        "Amt <neut, n, sg>\nspecial administrative district <n>\n",
    ),
    ("Amt", "Amt <neut, n, sg>\ndepartment <n>\n"),
    ("Amt", "Amt <neut, n, sg>\noffice <n>\n"),
    (
        "das Amt für Umwelt",
        "das Amt für Umwelt\nthe department of the environment\n",
    ),
    (
        "ein Amt der Stadt",
        "ein Amt der Stadt\na department of the city\n",
    ),
    ("im Amt anrufen", "im Amt anrufen\nto call the department\n"),
    (
        "das zuständige Amt",
        "das zuständige Amt\nthe department in charge\n",
    ),
];

/// A home whose only dictionary holds `entries`.
fn home_with_dictd(entries: &[(&str, &str)]) -> Home {
    let (home, folder) = Home::with_dictionary_folder();
    write_dictd(&folder.join("deu-eng"), entries, None).expect("dictd");
    home
}

#[test]
fn the_sense_the_dictionarys_examples_use_comes_first_and_their_index_is_cached() {
    // Without the examples, the dictionary's order stands.
    let bare = home_with_dictd(&EXAMPLES[..3]);
    let (_, out, _) = run_plain(
        &bare,
        &[
            "lookup",
            "Ämtern",
            "--in",
            "Sie arbeitete in vielen Ämtern.",
        ],
    );
    assert_eq!(out.lines().nth(1).map(str::trim), Some("office"), "{out}");
    let home = home_with_dictd(EXAMPLES);
    let lookup = || {
        let (code, out, err) = run_plain(
            &home,
            &[
                "lookup",
                "Ämtern",
                "--in",
                "Sie arbeitete in vielen Ämtern.",
            ],
        );
        assert_eq!(code, 0, "{out}{err}");
        out
    };
    let out = lookup();
    let senses: Vec<&str> = out.lines().skip(1).map(str::trim).collect();
    assert_eq!(senses.first(), Some(&"department"), "{out}");
    assert!(senses.contains(&"office"), "{out}");
    let cache = home.path().join("cache").join("lesepult");
    let files: Vec<_> = std::fs::read_dir(&cache)
        .expect("cache dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    // A damaged cache file is built again, not trusted and not an error.
    std::fs::write(&files[0], "lesepult usage index 5\n9\nnot enough\n").expect("damage");
    assert_eq!(lookup(), out);
    let rebuilt = std::fs::read_to_string(&files[0]).expect("cache file");
    assert!(rebuilt.contains("department"), "{rebuilt}");
    // `dict list` counts them.
    let (code, listed, _) = run_plain(&home, &["dict", "list"]);
    assert_eq!(code, 0);
    assert!(
        listed.contains("examples: 4 phrases and sentences"),
        "{listed}"
    );
}
