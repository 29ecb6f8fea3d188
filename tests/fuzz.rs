//! Fuzzing on stable Rust: property tests that every parser of a file lesepult reads
//! (plain text, Markdown, glossary TOML, notes TOML, vocabulary TOML, the config) gives a
//! value or an error and never panics, on input made from the format's own pieces mixed
//! with arbitrary text. The dictionary parsers (dictd index, dictzip header, StarDict .ifo
//! and .idx) have theirs beside them in `src/dict/`.
//!
//! Each runs 256 cases by default (a few seconds); run longer with
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz` (README, "Fuzzing").

use std::path::Path;

use lesepult::document::{Origin, parse_str};
use proptest::prelude::*;

/// proptest's defaults (`PROPTEST_CASES` sets the number of cases); a failing case is saved
/// to `proptest-regressions/fuzz.txt` and tried first from then on.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("proptest-regressions/fuzz.txt"),
        )),
        ..ProptestConfig::default()
    }
}

/// Text made of the pieces plain text and Markdown are parsed by (headings, lists at any
/// depth, quotes, fences, tables, HTML, emphasis, control characters), German words and
/// arbitrary characters.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        "#{1,7} ",
        "( {0,40})[-*+] ",
        "( {0,8})[0-9]{1,3}[.)] ",
        "(> ){1,40}",
        Just("```".to_string()),
        Just("~~~".to_string()),
        Just("---".to_string()),
        Just("***".to_string()),
        "\\|[ a-z|:-]{0,12}\\|",
        "<[a-z/]{1,8}( [a-z]+=\"[^\"]{0,6}\")?>",
        "[*_`~\\[\\]()!]{1,3}",
        "[a-zäöüßA-ZÄÖÜ„“‚‘»«–—]{1,12}",
        "[A-Z][A-Z ]{2,12}\n=+",
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{200b}\\u{feff}]",
        "\\PC{0,6}",
        "[a-z]+-\n[a-z]+",
        ".\u{8}.",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn check_document(text: String, markdown: bool) {
    let doc = parse_str(text, Origin::Bundled("fuzz"), "fuzz", markdown);
    for (i, b) in doc.blocks.iter().enumerate() {
        assert!(
            doc.text.get(b.text.clone()).is_some(),
            "block {i}: {:?} is not a range of the text",
            b.text
        );
        // Laying the blocks out at a narrow and a usual width never panics either.
        for width in [1, 7, 80] {
            let _ = lesepult::layout::layout_block(&doc, i, width, true);
        }
    }
}

/// TOML lines of a given format's keys, with values right, wrong and odd.
fn toml_lines(lines: &'static [&'static str]) -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => proptest::sample::select(lines).prop_map(str::to_string),
        1 => "[a-z_]{1,10} = (\"[^\"\\\\\n]{0,10}\"|[0-9-]{1,12}|true|\\[\\]|\\{\\})",
        1 => "\\PC{0,20}",
        1 => "[\\x00-\\x1f\\x7f]{1,3}",
    ];
    proptest::collection::vec(line, 0..40).prop_map(|v| v.join("\n"))
}

const GLOSSARY_LINES: &[&str] = &[
    "version = 1",
    "version = 99",
    "document = \"x\"",
    "[[term]]",
    "lemma = \"Leerverkauf\"",
    "lemma = \"\"",
    "lemma = \"Wort\\u001b]0;X\\u0007\"",
    "pos = \"noun\"",
    "pos = \"verb\"",
    "pos = \"other\"",
    "pos = \"x\"",
    "gender = \"m\"",
    "gender = \"q\"",
    "plural = \"Leerverkäufe\"",
    "singular_only = true",
    "english = [\"short sale\"]",
    "english = []",
    "english = \"x\"",
    "forms = [\"Leerverkäufe\", \"\", \"a b c\"]",
    "category = \"Wirtschaft\"",
    "explanation_de = \"„Größe“\"",
    "note = \"\"\"\nmehr\n\"\"\"",
];

const NOTES_LINES: &[&str] = &[
    "# lesepult notes",
    "version = 1",
    "count = 1",
    "count = 99",
    "document = \"deepseek\"",
    "title = \"Titel\"",
    "text_hash = \"abc\"",
    "[[note]]",
    "id = \"n1\"",
    "created = \"2026-11-28T20:00:00Z\"",
    "updated = \"nonsense\"",
    "text = \"Meine Notiz\"",
    "[note.anchor]",
    "kind = \"word\"",
    "kind = \"span\"",
    "kind = \"x\"",
    "block = 3",
    "block = -1",
    "block = 99999999999",
    "start = 10",
    "end = 2",
    "quote = \"Leerverkäufe\"",
    "[end]",
];

const VOCAB_LINES: &[&str] = &[
    "version = 1",
    "version = 2",
    "[words]",
    "[words.leerverkauf]",
    "[words.\"\"]",
    "lemma = \"Leerverkauf\"",
    "status = 1",
    "status = 9",
    "status = \"known\"",
    "article = \"der\"",
    "plural = \"Leerverkäufe\"",
    "meaning = \"short sale\"",
    "sentence = \"Die Leerverkäufe haben Hochkonjunktur.\"",
    "form = \"Leerverkäufe\"",
    "document = \"x\"",
    "due = \"2026-11-28T20:00:00Z\"",
    "[words.leerverkauf.card]",
    "stability = -1.0",
    "difficulty = 1e308",
    "reps = 4294967296",
];

const CONFIG_LINES: &[&str] = &[
    "[reading]",
    "max_width = 66",
    "max_width = 0",
    "max_width = -1",
    "hyphenation = true",
    "max_input_mb = 0",
    "max_input_mb = 18446744073709551615",
    "[layout]",
    "article_percent = 60",
    "article_percent = 65535",
    "narrow_below = 0",
    "[theme]",
    "title = \"red\"",
    "title = \"#12345\"",
    "accent = \"rgb(1,2,3)\"",
    "[keys]",
    "quit = []",
    "quit = [\"q\", \"Ctrl-\"]",
    "search = [\"Ctrl-Alt-Shift-F13\"]",
    "scroll_down = [\"\"]",
    "[dictionaries]",
    "folders = [\"/nope\", \"\"]",
    "standard_folders = false",
];

proptest! {
    #![proptest_config(config())]
    #[test]
    fn plain_text_never_panics(text in texty()) {
        check_document(text, false);
    }

    #[test]
    fn markdown_never_panics(text in texty()) {
        check_document(text, true);
    }

    #[test]
    fn glossary_toml_never_panics(text in toml_lines(GLOSSARY_LINES)) {
        for source in [lesepult::glossary::Source::Document, lesepult::glossary::Source::User] {
            let _ = lesepult::glossary::load::parse(&text, Path::new("g.toml"), source);
        }
    }

    #[test]
    fn notes_toml_never_panics(text in toml_lines(NOTES_LINES)) {
        let _ = lesepult::notes::file::parse(text.as_bytes());
    }

    #[test]
    fn vocabulary_toml_never_panics(text in toml_lines(VOCAB_LINES)) {
        let _ = lesepult::vocab::file::parse(text.as_bytes());
    }

    #[test]
    fn config_never_panics(text in toml_lines(CONFIG_LINES)) {
        let _ = lesepult::config::Config::with_user_file(Path::new("config.toml"), &text);
    }

    #[test]
    fn any_bytes_as_a_file_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        check_document(text.to_string(), false);
        check_document(text.to_string(), true);
        let _ = lesepult::glossary::load::parse(&text, Path::new("g.toml"), lesepult::glossary::Source::User);
        let _ = lesepult::notes::file::parse(&bytes);
        let _ = lesepult::vocab::file::parse(&bytes);
        let _ = lesepult::config::Config::with_user_file(Path::new("config.toml"), &text);
    }
}

/// One input: a command (any key binding's), a typed character, a backspace, a resize
/// (down to nothing), a wheel turn or a paste.
#[derive(Debug, Clone)]
enum Input {
    Command(lesepult::app::Command),
    Char(char),
    DeleteBack,
    Resize(u16, u16),
    Wheel(u16, u16, i16),
    Paste(String),
}

impl Input {
    fn action(self) -> lesepult::app::Action {
        use lesepult::app::Action;
        match self {
            Input::Command(c) => Action::Command(c),
            Input::Char(c) => Action::Input(c),
            Input::DeleteBack => Action::DeleteBack,
            Input::Resize(width, height) => Action::Resize { width, height },
            Input::Wheel(column, row, delta) => Action::Wheel { column, row, delta },
            Input::Paste(s) => Action::Paste(s),
        }
    }
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        6 => proptest::sample::select(&lesepult::app::Command::ALL[..]).prop_map(Input::Command),
        2 => proptest::char::range('a', 'ü').prop_map(Input::Char),
        1 => Just(Input::DeleteBack),
        2 => (0u16..260, 0u16..90).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => (0u16..200, 0u16..60, -20i16..20).prop_map(|(c, r, d)| Input::Wheel(c, r, d)),
        1 => "\\PC{0,30}".prop_map(Input::Paste),
    ]
}

proptest! {
    #![proptest_config(config())]
    /// A storm of keys and resizes against `update`, drawing after each: never a panic.
    #[test]
    fn a_key_and_resize_storm_never_panics(
        inputs in proptest::collection::vec(input(), 1..120),
        text in prop_oneof![Just(None), texty().prop_map(Some)],
    ) {
        use lesepult::app::{Action, App, update};
        let doc = match text {
            Some(t) => parse_str(t, Origin::Bundled("fuzz"), "fuzz", false),
            None => lesepult::document::bundled(),
        };
        let config = lesepult::config::Config::builtin();
        let theme = lesepult::ui::Theme::new(&config.theme, false);
        let mut app = App::new(doc, config, 100, 30);
        let now = chrono::DateTime::from_timestamp(1_795_896_062, 0).unwrap_or_default();
        for input in inputs {
            let _ = update(&mut app, input.action(), now);
            let (w, h) = app.size;
            let _ = lesepult::ui::render(&app, &theme, ratatui::layout::Rect::new(0, 0, w, h));
            if app.quit {
                // Quitting ends a real session; the storm goes on in a new one.
                app.quit = false;
                let _ = update(&mut app, Action::Resize { width: w, height: h }, now);
            }
        }
    }
}
