//! End to end: `lesepult export --format apkg --vocab` makes a package that Anki's own
//! backend (the `anki` package from PyPI, headless) imports: 100 words give 100 notes and
//! 200 cards with lesepult's note type, and importing the package again adds nothing.
//! Skipped, with a message, where Python or the `anki` module is missing
//! (`LESEPULT_TEST_PYTHON` names the interpreter; `.ci/run` installs the module).

mod common;

use common::{Home, run_plain};
use lesepult::vocab::{Status, VocabEntry, Vocabulary, key_of, stemmer};

/// The Python with Anki's backend, or why there is none.
fn anki_python() -> Result<String, String> {
    let python = std::env::var("LESEPULT_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    match std::process::Command::new(&python)
        .args(["-c", "import anki.collection"])
        .output()
    {
        Ok(o) if o.status.success() => Ok(python),
        Ok(o) => Err(format!(
            "the anki module is missing ({}): python3 -m pip install anki",
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .last()
                .unwrap_or("")
        )),
        Err(e) => Err(format!("{python} cannot run: {e}")),
    }
}

/// 100 nouns, each met in a sentence.
const WORDS: [&str; 100] = [
    "Haus",
    "Baum",
    "Stadt",
    "Schule",
    "Buch",
    "Tisch",
    "Fenster",
    "Garten",
    "Straße",
    "Wagen",
    "Hund",
    "Katze",
    "Vogel",
    "Fisch",
    "Pferd",
    "Blume",
    "Wald",
    "Berg",
    "Fluss",
    "Meer",
    "Himmel",
    "Sonne",
    "Mond",
    "Stern",
    "Regen",
    "Schnee",
    "Wind",
    "Wolke",
    "Winter",
    "Sommer",
    "Frühling",
    "Herbst",
    "Morgen",
    "Abend",
    "Nacht",
    "Woche",
    "Monat",
    "Jahr",
    "Stunde",
    "Minute",
    "Brot",
    "Milch",
    "Wasser",
    "Kaffee",
    "Zucker",
    "Apfel",
    "Kuchen",
    "Suppe",
    "Teller",
    "Löffel",
    "Gabel",
    "Messer",
    "Flasche",
    "Tasse",
    "Kino",
    "Zimmer",
    "Treppe",
    "Wand",
    "Decke",
    "Boden",
    "Lampe",
    "Uhr",
    "Spiegel",
    "Bett",
    "Stuhl",
    "Schrank",
    "Kleid",
    "Hemd",
    "Hose",
    "Schuh",
    "Mantel",
    "Hut",
    "Brief",
    "Zeitung",
    "Bild",
    "Lied",
    "Sprache",
    "Wort",
    "Satz",
    "Frage",
    "Antwort",
    "Arbeit",
    "Geld",
    "Preis",
    "Markt",
    "Laden",
    "Bahnhof",
    "Zug",
    "Flughafen",
    "Hafen",
    "Brücke",
    "Kirche",
    "Turm",
    "Schloss",
    "Insel",
    "Dorf",
    "Feld",
    "Wiese",
    "Ufer",
    "Gipfel",
];

fn vocabulary() -> Vocabulary {
    let stem = stemmer();
    let mut v = Vocabulary::default();
    for (i, w) in WORDS.iter().enumerate() {
        let e = VocabEntry {
            key: key_of(&stem, w),
            lemma: (*w).into(),
            status: Status::learning(1 + (i % 5) as u8),
            updated: "2026-11-30T07:00:00Z".into(),
            learned: None,
            article: String::new(),
            plural: String::new(),
            meaning: format!("meaning {i}"),
            category: String::new(),
            sentence: format!("Hier steht das Wort {w} in einem Satz."),
            form: (*w).into(),
            document: "wortliste".into(),
            review: None,
            doubtful: false,
        };
        if let Some(old) = v.entries.insert(e.key.clone(), e) {
            panic!("{} and {w} share the key {}", old.lemma, old.key);
        }
    }
    v
}

#[test]
fn a_vocabulary_package_imports_into_anki_and_a_second_import_adds_nothing() {
    let python = match anki_python() {
        Ok(p) => p,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let home = Home::without_dictionaries();
    let dir = home.path().join("data/lesepult");
    std::fs::create_dir_all(&dir).expect("data dir");
    std::fs::write(
        dir.join("vocabulary.toml"),
        lesepult::vocab::file::to_string(&vocabulary()),
    )
    .expect("vocabulary");
    let first = home.path().join("wortschatz.apkg");
    let first_s = first.display().to_string();
    let (code, _, err) = run_plain(
        &home,
        &[
            "export", "--format", "apkg", "--vocab", "--output", &first_s,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Exported 100 words (200 cards"), "{err}");
    // With espeak-ng installed, every word is spoken on its cards.
    let espeak = std::process::Command::new("espeak-ng")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if espeak {
        assert!(err.contains("100 with audio"), "{err}");
    } else {
        eprintln!("espeak-ng is not installed: the package has no audio");
    }
    // The package written again later (as after more reading): the same GUIDs, newer
    // notes (a note's time is the export's, in seconds).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = home.path().join("wortschatz-2.apkg");
    let second_s = second.display().to_string();
    let (code, _, err) = run_plain(
        &home,
        &[
            "export",
            "--format",
            "apkg",
            "--vocab",
            "--no-audio",
            "--output",
            &second_s,
        ],
    );
    assert_eq!(code, 0, "{err}");

    let collection = home.path().join("collection.anki2");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/anki/import.py");
    let started = std::time::Instant::now();
    let out = std::process::Command::new(&python)
        .arg(script)
        .arg(&collection)
        .arg(&first)
        .arg(&second)
        .env("LESEPULT_ANKI_QUERY", lesepult::anki_connect::notes_query())
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the script's JSON");
    eprintln!("Anki imported in {:?}: {report}", started.elapsed());
    let imports = &report["imports"];
    assert_eq!(imports[0]["new"], 100, "{report}");
    assert_eq!(
        imports[1]["new"], 0,
        "the second import adds no note: {report}"
    );
    assert_eq!(imports[1]["updated"], 100, "it updates them: {report}");
    for i in 0..2 {
        for key in [
            "conflicting",
            "missing_notetype",
            "missing_deck",
            "empty_first_field",
        ] {
            assert_eq!(imports[i][key], 0, "import {i}: {key}: {report}");
        }
    }
    assert_eq!(report["notes"], 100, "{report}");
    // Anki's search finds every note by its GUID field, as a sync through AnkiConnect
    // looks them up, and one by its GUID alone.
    assert_eq!(report["found"], 100, "{report}");
    assert_eq!(report["found_one"], 1, "{report}");
    assert_eq!(report["cards"], 200, "{report}");
    let model = &report["models"]["lesepult vocabulary"];
    assert_eq!(
        model["fields"],
        serde_json::json!([
            "Lemma",
            "Article",
            "Plural",
            "PartOfSpeech",
            "Meaning",
            "Sentence",
            "Cloze",
            "Source",
            "Audio",
            "LesepultId"
        ]),
        "{report}"
    );
    assert_eq!(
        model["templates"],
        serde_json::json!(["Recognition", "Cloze"])
    );
    if espeak {
        assert_eq!(
            report["media"].as_array().map(Vec::len),
            Some(100),
            "the spoken words are in Anki's media folder: {report}"
        );
    }
    let rendered = report["rendered"].to_string();
    assert!(rendered.contains("<b>"), "the word marked: {rendered}");
}
