//! End to end: exports never overwrite a file without asking and never create a folder,
//! in the app (a pseudo-terminal) and on the command line.

mod common;

use std::path::Path;

use common::{Home, Session, run_plain};

const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";
const BACKSPACE: &str = "\x7f";

/// The file the export dialog suggests for the bundled article in Markdown.
const SUGGESTED: &str = "deepseek-boeing-moment-notes.md";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Start the app and write one note on the paragraph below the top.
fn with_a_note(home: &Home) -> Session {
    let mut s = Session::start(home, &[], 120, 40);
    s.wait_for("Notes (0)");
    s.send("}");
    s.send("a");
    s.wait_for("Note on");
    s.send("Notiz über „Größe“");
    s.send(CTRL_S);
    s.wait_for("Saved.");
    s
}

#[test]
fn exporting_onto_an_existing_file_asks_and_esc_keeps_the_file() {
    let home = Home::new();
    let target = home.path().join(SUGGESTED);
    std::fs::write(&target, "alter Inhalt: „bleibt“\n").expect("write");
    let mut s = with_a_note(&home);
    s.send("x");
    s.wait_for("Export notes");
    s.send("\r");
    let screen = s.wait_for("exists");
    assert!(
        screen.contains("o overwrite") && screen.contains("n new name"),
        "{screen}"
    );
    s.send(ESC);
    s.wait_for("not exported");
    assert_eq!(
        read(&target),
        "alter Inhalt: „bleibt“\n",
        "Esc keeps the file"
    );

    // n: the dialog again with a free name; Enter writes that one.
    s.send("x");
    s.wait_for("Export notes");
    s.send("\r");
    s.wait_for("exists");
    s.send("n");
    s.wait_for("deepseek-boeing-moment-notes-2.md");
    s.send("\r");
    let free = home.path().join("deepseek-boeing-moment-notes-2.md");
    s.wait_for("Exported 1 notes");
    assert!(read(&free).contains("Notiz über „Größe“"));
    assert_eq!(read(&target), "alter Inhalt: „bleibt“\n");

    // o: overwritten; the message names the absolute path.
    s.send("x");
    s.wait_for("Export notes");
    s.send("\r");
    s.wait_for("exists");
    s.send("o");
    s.wait_for("Exported 1 notes");
    assert!(read(&target).contains("Notiz über „Größe“"));
    let status = s.rows().join("\n");
    let absolute = home.path().display().to_string();
    assert!(
        status.contains(&absolute[..absolute.len().min(20)]),
        "the message gives the absolute path: {status}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn exporting_into_a_missing_folder_creates_nothing() {
    let home = Home::new();
    let mut s = with_a_note(&home);
    s.send("x");
    s.wait_for("Export notes");
    s.send(&BACKSPACE.repeat(SUGGESTED.len() + 2));
    s.send("fehlt/unter/notes.md");
    s.wait_for("fehlt/unter/notes.md");
    s.send("\r");
    s.wait_for("does not exist");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!home.path().join("fehlt").exists(), "no folder was created");
}

#[test]
fn output_onto_an_existing_file_needs_force() {
    let home = Home::new();
    let target = home.path().join("notes.md");
    std::fs::write(&target, "alter Inhalt\n").expect("write");
    let out = target.display().to_string();
    let (code, stdout, err) =
        run_plain(&home, &["export", "--format", "markdown", "--output", &out]);
    assert_eq!(code, 2, "{stdout}{err}");
    assert!(err.contains(&out) && err.contains("--force"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert_eq!(read(&target), "alter Inhalt\n");

    let (code, _, err) = run_plain(
        &home,
        &[
            "export", "--format", "markdown", "--output", &out, "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(read(&target).starts_with("# Notes: "));
    assert!(err.contains(&out), "the absolute path: {err}");
}

#[test]
fn output_into_a_missing_folder_exits_2_and_creates_nothing() {
    let home = Home::new();
    let folder = home.path().join("fehlt").join("unter");
    let out = folder.join("notes.md").display().to_string();
    let (code, _, err) = run_plain(&home, &["export", "--format", "markdown", "--output", &out]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&folder.display().to_string()), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(!home.path().join("fehlt").exists(), "no folder was created");
    // A relative path is named absolute in the message.
    let (code, _, err) = run_plain(
        &home,
        &[
            "export",
            "--format",
            "csv",
            "--output",
            "fehlt/x.csv",
            "--force",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&home.path().join("fehlt").display().to_string()),
        "{err}"
    );
    assert!(!home.path().join("fehlt").exists());
}
