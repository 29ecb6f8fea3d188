//! End to end: the learner's own lookup and translation commands (`[[tool]]`), run on the
//! word under the cursor with the context in their environment, shown in the lookup pane;
//! Esc stops a slow one; `y` copies through OSC 52.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use common::{Home, Session};

/// An executable script in the home folder.
fn script(home: &Home, name: &str, body: &str) -> String {
    let path = home.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path.to_string_lossy().into_owned()
}

/// A home whose config has a word tool on `D`, a slow one on `Z` and a translator that
/// takes 400 ms.
fn home_with_tools() -> Home {
    let home = Home::without_dictionaries();
    let word = script(
        &home,
        "wort.sh",
        r#"printf '\033[1;31mWORT=%s\033[0m\n' "$LESEPULT_WORD"
printf 'LEMMA=%s POS=%s ARG=%s\n' "$LESEPULT_LEMMA" "$LESEPULT_POS" "$1"
printf 'TITEL=%s\n' "$LESEPULT_TITLE""#,
    );
    let slow = script(&home, "langsam.sh", "sleep 30; echo never");
    let translate = script(
        &home,
        "uebersetze.sh",
        r#"sleep 0.4; printf 'EN: %s\n' "$LESEPULT_SENTENCE""#,
    );
    let config = format!(
        "[dictionaries]\nstandard_folders = false\n\n\
         [[tool]]\nname = \"Wortprobe\"\nkey = \"D\"\ncommand = [\"{word}\", \"{{lemma}}\"]\n\n\
         [[tool]]\nname = \"Langsam\"\nkey = \"Z\"\ncommand = [\"{slow}\"]\n\n\
         [[tool]]\nname = \"Übersetzer\"\ncommand = [\"{translate}\"]\ntimeout_seconds = 5\n\n\
         [translate]\ntool = \"Übersetzer\"\n"
    );
    std::fs::write(home.config_file(), config).expect("config");
    home
}

#[test]
fn a_tool_shows_its_cleaned_output_under_its_name_in_the_lookup_pane() {
    let home = home_with_tools();
    let mut s = Session::start(&home, &[], 140, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    s.send("w");
    s.send("D");
    let screen = s.wait_for("WORT=DeepSeek");
    assert!(
        screen.contains("Wortprobe"),
        "the command's name:\n{screen}"
    );
    assert!(screen.contains("LEMMA=DeepSeek"), "{screen}");
    assert!(screen.contains("ARG=DeepSeek"), "the placeholder: {screen}");
    assert!(
        screen.contains("TITEL=DeepSeek: China blamiert"),
        "{screen}"
    );
    assert!(
        !s.output().contains("\u{1b}[1;31mWORT"),
        "the command's escape sequences never reach the terminal"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_sentence_is_translated_in_the_background_and_esc_stops_a_slow_tool() {
    let home = home_with_tools();
    let mut s = Session::start(&home, &[], 140, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    s.send("w");
    let started = Instant::now();
    s.send_raw("T");
    s.wait_for("Running");
    // The app answers keys while the translator runs: the help opens and closes.
    s.send("?");
    s.wait_for("Scroll down one line");
    s.send("\u{1b}");
    let screen = s.wait_for("EN: DeepSeek: China blamiert");
    let took = started.elapsed();
    assert!(screen.contains("Übersetzer"), "{screen}");
    eprintln!("translation shown after {took:?} (the command takes 400 ms)");
    assert!(took < Duration::from_millis(400 + 1500), "{took:?}");

    // A slow command is stopped by Esc, and says so.
    s.send("Z");
    s.wait_for("Running");
    s.send("\u{1b}");
    s.wait_for("Langsam stopped");
    s.settle();
    std::thread::sleep(Duration::from_millis(300));
    assert!(!s.screen().contains("never"));

    // `y` copies the word under the cursor through OSC 52.
    s.send("y");
    s.wait_for("Copied „DeepSeek“");
    assert!(
        s.output().contains("\u{1b}]52;c;RGVlcFNlZWs=\u{7}"),
        "the OSC 52 sequence with the word in base64"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
