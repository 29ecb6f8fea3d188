//! End to end: `lesepult vocab import` sets statuses from a word list and a Lute export,
//! saying what it skipped and why; `lesepult vocab export` writes them back out.

mod common;

use common::{Home, run_plain};

#[test]
fn known_words_come_in_from_a_list_and_go_out_as_csv_and_json() {
    let home = Home::without_dictionaries();
    let list = home.path().join("bekannt.txt");
    std::fs::write(&list, "Häuser\nging\nXqzvbrmpf\n\nWettbewerb\n").expect("list");
    let list_s = list.display().to_string();
    let (code, out, err) = run_plain(&home, &["vocab", "import", &list_s]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("4 lines: 3 words added, 0 changed, 0 unchanged, 1 skipped"),
        "{out}"
    );
    assert!(
        err.contains("bekannt.txt:3: skipped: „Xqzvbrmpf“ is not in the lexicon"),
        "{err}"
    );
    let file =
        std::fs::read_to_string(home.path().join("data/lesepult/vocabulary.toml")).expect("saved");
    assert!(file.contains("lemma = \"gehen\""), "{file}");

    let lute = home.path().join("lute.csv");
    std::fs::write(
        &lute,
        "term,parent,translation,language,tags,added,status,link_status,pronunciation\n\
         Wettbewerb,,competition,German,,2024-01-01,2,,\n",
    )
    .expect("lute");
    let (code, out, err) = run_plain(&home, &["vocab", "import", &lute.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 words added, 1 changed"), "{out}");

    let (code, csv, err) = run_plain(&home, &["vocab", "export", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(csv.starts_with("lemma,status,"), "{csv}");
    assert!(csv.contains("Wettbewerb,2,"), "{csv}");
    let (code, json, err) = run_plain(&home, &["vocab", "export", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(parsed.as_array().map(Vec::len), Some(3), "{json}");
    assert!(err.contains("Exported 3 words"), "{err}");

    let (code, _, err) = run_plain(&home, &["vocab", "import", &list_s, "--status", "7"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown status \"7\""), "{err}");
}
