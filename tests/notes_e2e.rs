//! End to end: notes in a pseudo-terminal, with the data dir in a temp dir.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Home, Session, run_plain};

const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";

fn notes_dir(home: &Home) -> PathBuf {
    home.path().join("data/lesepult/notes")
}

fn notes_file(home: &Home) -> PathBuf {
    notes_dir(home).join("deepseek-boeing-moment.toml")
}

fn parse_file(path: &Path) -> lesepult::notes::file::NotesFile {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    lesepult::notes::file::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Move to a paragraph and write a note on it; returns after the save was reported.
fn add_note(s: &mut Session, lines: &[&str], expect: &str) {
    s.send("}");
    s.send("a");
    s.wait_for("Note on");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            s.send("\r");
        }
        s.send(line);
    }
    s.send(CTRL_S);
    s.wait_for(expect);
}

#[test]
fn a_two_line_note_is_kept_listed_and_jumps_to_its_passage() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes (0)");
    add_note(
        &mut s,
        &["Größe über „Äpfel“ #übung", "zweite Zeile mit ß"],
        "Saved.",
    );
    s.wait_for("Notes (1)");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let file = parse_file(&notes_file(&home));
    assert_eq!(file.notes.len(), 1);
    let note = &file.notes[0];
    assert_eq!(note.text, "Größe über „Äpfel“ #übung\nzweite Zeile mit ß");
    assert_eq!(note.tags(), vec!["übung"]);

    // Start again at the top: the note is listed, and Enter on it moves the article there.
    let mut again = Session::start(&home, &["--from-start"], 120, 40);
    again.wait_for("Notes (1)");
    again.wait_for("Größe über „Äpfel“");
    again.send("\t\t");
    again.wait_for("Enter go");
    again.send("\r");
    let quote: String = note.anchor.quote.chars().take(30).collect();
    again.wait_until(
        |_| {
            again
                .rows()
                .iter()
                .any(|r| r.chars().take(72).collect::<String>().contains(&quote))
        },
        "the passage in the article",
    );
    again.send(ESC);
    again.settle();
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    // The command line lists it too.
    let (code, out, _) = run_plain(&home, &["notes"]);
    assert_eq!(code, 0);
    assert!(out.contains("Größe über „Äpfel“"), "{out}");
}

#[test]
fn kill_9_right_after_saving_leaves_a_whole_file() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes (0)");
    add_note(&mut s, &["vor dem Absturz"], "Saved.");
    let pid = s.pid().expect("pid");
    Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill");
    s.wait_exit();
    let file = parse_file(&notes_file(&home));
    assert_eq!(file.notes.len(), 1);
    assert_eq!(file.notes[0].text, "vor dem Absturz");
    // A stale temp file from a crash is removed at the next start.
    let stale = notes_dir(&home).join(".deepseek-boeing-moment.toml.tmp-999999999");
    std::fs::write(&stale, "half").expect("write");
    let mut again = Session::start(&home, &[], 120, 40);
    again.wait_for("Notes (1)");
    assert!(!stale.exists(), "stale temp file removed");
    again.send("q");
    again.wait_exit();
}

#[test]
fn a_corrupt_notes_file_is_never_changed_and_new_notes_go_to_recovery() {
    let home = Home::new();
    std::fs::create_dir_all(notes_dir(&home)).expect("mkdir");
    let corrupt = b"version = 1\ndocument = \"deepseek-boeing-moment\"\ncount = 3\n[[note]]\nid = \"a\"\ntext = \"abgeschnitt".to_vec();
    std::fs::write(notes_file(&home), &corrupt).expect("write");
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes file broken");
    add_note(&mut s, &["gerettet"], "recovery file");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read(notes_file(&home)).expect("read"),
        corrupt,
        "byte for byte unchanged"
    );
    let recovery = parse_file(&notes_dir(&home).join("deepseek-boeing-moment.recovery.toml"));
    assert_eq!(recovery.notes.len(), 1);
    assert_eq!(recovery.notes[0].text, "gerettet");
    // The command line refuses the broken file with its name and place, and says where
    // the recovered note waits: it does not list a part of the notes without a word.
    let (code, out, err) = run_plain(&home, &["notes"]);
    assert_eq!(code, 2, "{out}");
    let recovery_path = notes_dir(&home).join("deepseek-boeing-moment.recovery.toml");
    assert!(
        err.contains(&notes_file(&home).display().to_string()),
        "{err}"
    );
    assert!(err.contains(&recovery_path.display().to_string()), "{err}");
    // Once the broken file is dealt with (here: moved away), the next start brings the
    // recovered note back into the notes file.
    std::fs::rename(notes_file(&home), notes_dir(&home).join("kaputt.toml")).expect("move");
    let mut again = Session::start(&home, &[], 120, 40);
    again.wait_for("back in the notes file");
    again.wait_for("gerettet");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    assert!(
        !recovery_path.exists(),
        "the recovery file is merged and gone"
    );
    let saved = parse_file(&notes_file(&home));
    assert_eq!(saved.notes.len(), 1);
    assert_eq!(saved.notes[0].text, "gerettet");
    let (code, out, err) = run_plain(&home, &["notes"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("gerettet"), "{out}");
}

#[test]
fn the_backup_of_a_broken_file_is_offered() {
    let home = Home::new();
    // Write one note normally, then a second, so that a .bak with one note exists.
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes (0)");
    add_note(&mut s, &["erste"], "Saved.");
    add_note(&mut s, &["zweite"], "Saved.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    std::fs::write(notes_file(&home), [0u8; 300]).expect("zero the file");
    let mut again = Session::start(&home, &[], 120, 40);
    again.wait_for("holds 1 notes. Load them?");
    again.send("y");
    again.wait_for("Saved to the recovery file");
    again.wait_for("Notes (1)");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    assert_eq!(
        std::fs::read(notes_file(&home)).expect("read"),
        vec![0u8; 300]
    );
}

#[test]
fn two_instances_adding_notes_keep_both() {
    let home = Home::new();
    let mut one = Session::start(&home, &[], 120, 40);
    let mut two = Session::start(&home, &[], 120, 40);
    one.wait_for("Notes (0)");
    two.wait_for("Notes (0)");
    add_note(&mut one, &["von eins"], "Saved.");
    add_note(&mut two, &["von zwei"], "merged in");
    two.wait_for("Notes (2)");
    one.send("q");
    two.send("q");
    assert_eq!(one.wait_exit(), 0);
    assert_eq!(two.wait_exit(), 0);
    let file = parse_file(&notes_file(&home));
    let mut texts: Vec<&str> = file.notes.iter().map(|n| n.text.as_str()).collect();
    texts.sort_unstable();
    assert_eq!(texts, vec!["von eins", "von zwei"]);
}

/// A small tmpfs over the notes folder, unmounted when dropped.
struct TinyDisk {
    dir: PathBuf,
}

impl TinyDisk {
    fn mount(dir: &Path) -> Option<TinyDisk> {
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| TinyDisk {
            dir: dir.to_path_buf(),
        })
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

#[test]
fn a_full_disk_shows_the_error_keeps_the_notes_and_saves_once_space_returns() {
    let home = Home::new();
    let Some(_disk) = TinyDisk::mount(&notes_dir(&home)) else {
        println!("skipped: cannot mount a tmpfs here (needs root and mount permission)");
        return;
    };
    let filler = notes_dir(&home).join("filler");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=1k", "count=64"])
        .arg(format!("of={}", filler.display()))
        .stderr(std::process::Stdio::null())
        .status();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes (0)");
    add_note(&mut s, &["trotz voller Platte"], "Notes NOT saved");
    s.wait_for("unsaved");
    // Quitting asks first.
    s.send("q");
    s.wait_for("Your notes are not saved");
    // Space returns; retry.
    std::fs::remove_file(&filler).expect("free space");
    s.send("r");
    s.wait_for("Saved.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let file = parse_file(&notes_file(&home));
    assert_eq!(file.notes.len(), 1);
    assert_eq!(file.notes[0].text, "trotz voller Platte");
}

#[test]
fn a_read_only_folder_offers_to_write_the_notes_elsewhere() {
    let home = Home::new();
    let dir = notes_dir(&home);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let locked = Command::new("chattr")
        .arg("+i")
        .arg(&dir)
        .status()
        .is_ok_and(|s| s.success());
    if !locked {
        println!("skipped: chattr +i is not available here");
        return;
    }
    struct Unlock(PathBuf);
    impl Drop for Unlock {
        fn drop(&mut self) {
            let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        }
    }
    let _unlock = Unlock(dir.clone());
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes (0)");
    add_note(&mut s, &["woanders hin"], "Notes NOT saved");
    s.send("q");
    s.wait_for("Your notes are not saved");
    s.send("w");
    s.wait_for("Write the notes to");
    // Replace the suggested path with one in the home folder.
    for _ in 0..200 {
        s.send_raw("\x7f");
    }
    let elsewhere = home.path().join("gerettet.toml");
    s.send(&elsewhere.display().to_string());
    s.send("\r");
    assert_eq!(s.wait_exit(), 0);
    let file = parse_file(&elsewhere);
    assert_eq!(file.notes[0].text, "woanders hin");
}

#[test]
fn every_terminating_signal_saves_the_draft_and_restores_the_terminal() {
    for signal in ["TERM", "INT", "QUIT", "HUP"] {
        let home = Home::new();
        let mut s = Session::start(&home, &[], 120, 40);
        s.wait_for("Notes (0)");
        s.send("a");
        s.wait_for("Note on");
        let draft = format!("Entwurf vor SIG{signal}");
        s.send(&draft);
        s.wait_for(&draft);
        let pid = s.pid().expect("pid");
        Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .expect("kill");
        assert_eq!(s.wait_exit(), 0, "SIG{signal}");
        let out = s.output();
        // Alternate screen left, mouse reporting and bracketed paste off, after entering.
        for restore in ["\x1b[?1049l", "\x1b[?1000l", "\x1b[?2004l"] {
            assert!(out.contains(restore), "SIG{signal}: no {restore:?}");
        }
        let file = parse_file(&notes_file(&home));
        assert_eq!(file.notes[0].text, draft, "SIG{signal}");
    }
}

/// The process's state letter from /proc (`T` stopped, `S` sleeping, `R` running).
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?.1.chars().next()
}

fn wait_for_state(pid: u32, want: impl Fn(char) -> bool) -> char {
    let start = std::time::Instant::now();
    loop {
        let state = process_state(pid).unwrap_or('?');
        if want(state) || start.elapsed() > std::time::Duration::from_secs(10) {
            return state;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn ctrl_z_and_sigtstp_leave_the_screen_stop_and_come_back_whole() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes (0)");
    s.send("a");
    s.wait_for("Note on");
    s.send("halb geschrieben");
    s.wait_for("halb geschrieben");
    let pid = s.pid().expect("pid");
    for stop in ["ctrl-z", "TSTP"] {
        if stop == "ctrl-z" {
            s.send("\x1a");
        } else {
            Command::new("kill")
                .args(["-TSTP", &pid.to_string()])
                .status()
                .expect("kill");
        }
        assert_eq!(
            wait_for_state(pid, |c| c == 'T'),
            'T',
            "{stop}: not stopped"
        );
        // The bytes that leave the screen were written before the stop; the reader
        // thread may still be parsing them.
        s.wait_until(
            |_| !s.alternate_screen(),
            &format!("{stop}: the screen left"),
        );
        Command::new("kill")
            .args(["-CONT", &pid.to_string()])
            .status()
            .expect("kill");
        assert_ne!(
            wait_for_state(pid, |c| c != 'T'),
            'T',
            "{stop}: not continued"
        );
        // Back in the alternate screen, in raw mode (keys arrive one by one), redrawn
        // with the draft still open.
        s.wait_until(|_| s.alternate_screen(), "the alternate screen again");
        s.wait_for("halb geschrieben");
        s.send(" weiter");
        s.wait_for("halb geschrieben weiter");
    }
    s.send(CTRL_S);
    s.wait_for("Saved.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        parse_file(&notes_file(&home)).notes[0].text,
        "halb geschrieben weiter weiter"
    );
}

#[test]
fn every_export_format_parses() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes (0)");
    add_note(
        &mut s,
        &["Zeile eins, mit \"Quotes\"", "Zeile\tzwei #export"],
        "Saved.",
    );
    // Export from the app: the dialog writes Markdown to the suggested file.
    s.send("x");
    s.wait_for("Export notes");
    s.send("\r");
    s.wait_for("Exported 1 notes as markdown");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let md =
        std::fs::read_to_string(home.path().join("deepseek-boeing-moment-notes.md")).expect("md");
    assert!(md.starts_with("# Notes: ") && md.contains("\n> ") && md.contains("#export"));

    let (code, json, _) = run_plain(&home, &["export", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json parses");
    assert_eq!(
        v["notes"][0]["text"],
        "Zeile eins, mit \"Quotes\"\nZeile\tzwei #export"
    );

    let (code, csv, _) = run_plain(&home, &["export", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].get(6),
        Some("Zeile eins, mit \"Quotes\"\nZeile\tzwei #export")
    );

    let out = home.path().join("deck.txt");
    let (code, _, err) = run_plain(
        &home,
        &[
            "export",
            "--format",
            "anki",
            "--with-glossary",
            "--output",
            &out.display().to_string(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let anki = std::fs::read_to_string(&out).expect("anki");
    let headers: Vec<&str> = anki.lines().take_while(|l| l.starts_with('#')).collect();
    for h in [
        "#separator:tab",
        "#html:true",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        "#tags column:6",
    ] {
        assert!(headers.contains(&h), "{h}");
    }
    let rows: Vec<Vec<&str>> = anki
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == 6));
    assert!(
        rows.iter()
            .any(|r| r[4] == "Zeile eins, mit &quot;Quotes&quot;<br>Zeile zwei #export")
    );
    assert!(rows.iter().any(|r| r[3] == "der Leerverkauf"));
    // Stable GUIDs: a second export is identical.
    let (_, again, _) = run_plain(&home, &["export", "--format", "anki", "--with-glossary"]);
    assert_eq!(again, anki);
    // Without --with-glossary: the notes only.
    let (_, notes_only, _) = run_plain(&home, &["export", "--format", "anki"]);
    let cards = notes_only.lines().filter(|l| !l.starts_with('#')).count();
    assert_eq!(cards, 1, "{notes_only}");
}

#[test]
fn the_external_editor_writes_the_note() {
    let home = Home::new();
    let script = home.path().join("fake-editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf 'vom Editor: Größe\\nzweite Zeile\\n' > \"$1\"\n",
    )
    .expect("script");
    Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .expect("chmod");
    let editor = script.display().to_string();
    let mut s = Session::start_with_env(&home, &[], &[("EDITOR", editor.as_str())], 120, 40);
    s.wait_for("Notes (0)");
    s.send("a");
    s.wait_for("Note on");
    s.send("\x0f"); // Ctrl-o
    s.wait_for("Back from the editor");
    s.wait_for("vom Editor: Größe");
    // The whole screen was drawn again, not only what changed.
    s.wait_for("Glossary (81)");
    s.send(CTRL_S);
    s.wait_for("Saved.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let file = parse_file(&notes_file(&home));
    assert_eq!(file.notes[0].text, "vom Editor: Größe\nzweite Zeile");
}

/// The files in the notes folder that are notes files (no backups, locks or temp files).
fn notes_files(home: &Home) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(notes_dir(home))
        .expect("notes dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn notes_follow_a_moved_file_and_a_symlink() {
    let home = Home::new();
    let text = home.path().join("text.txt");
    std::fs::write(&text, common::seed_text()).expect("write the text");
    let path = |name: &str| home.path().join(name).to_string_lossy().into_owned();

    let mut s = Session::start(&home, &[&path("text.txt")], 120, 40);
    s.wait_for("Notes (0)");
    add_note(&mut s, &["Notiz zur Größe"], "Saved.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(notes_files(&home).len(), 1);

    // Moved (and renamed): the note is there, and the reader says how it was found.
    std::fs::rename(&text, home.path().join("verschoben.txt")).expect("move");
    let mut moved = Session::start(&home, &[&path("verschoben.txt")], 120, 40);
    moved.wait_for("Notes (1)");
    moved.wait_for("Notes found by the text's fingerprint");
    moved.wait_for("Notiz zur Größe");
    moved.send("q");
    assert_eq!(moved.wait_exit(), 0);
    // The moved file has its notes file of its own now.
    assert_eq!(notes_files(&home).len(), 2);

    // Through a symlink: the file's own notes, by its id.
    std::os::unix::fs::symlink(
        home.path().join("verschoben.txt"),
        home.path().join("link.txt"),
    )
    .expect("symlink");
    let mut linked = Session::start(&home, &[&path("link.txt")], 120, 40);
    linked.wait_for("Notes (1)");
    linked.wait_for("Notiz zur Größe");
    // (Its reading position is the first session's, found by the fingerprint: the moved
    // file was not scrolled, so it saved none of its own.)
    assert!(
        !linked.screen().contains("Notes found by"),
        "{}",
        linked.screen()
    );
    linked.send("q");
    assert_eq!(linked.wait_exit(), 0);
    assert_eq!(notes_files(&home).len(), 2);

    // Moved again, and never opened: the commands find the notes too (and only read).
    std::fs::rename(
        home.path().join("verschoben.txt"),
        home.path().join("nochmal.txt"),
    )
    .expect("move");
    let (code, out, err) = run_plain(&home, &["notes", "--doc", &path("nochmal.txt")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Notiz zur Größe"), "{out}");
    assert!(err.contains("fingerprint"), "{err}");
    let (code, out, err) = run_plain(
        &home,
        &[
            "export",
            "--format",
            "markdown",
            "--doc",
            &path("nochmal.txt"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Notiz zur Größe"), "{out}");
    assert_eq!(notes_files(&home).len(), 2);
}

#[test]
fn a_title_with_escape_codes_keeps_its_notes_readable() {
    // The repro of the hostile test: ESC sequences and DEL in the first line (the title).
    let home = Home::new();
    let text = home.path().join("a.txt");
    std::fs::write(
        &text,
        "Titel\x1b[1m fett\x1b[0m\x7f\n\nText mit „Zitat“ und ß.\n",
    )
    .expect("write the text");
    let doc = text.to_string_lossy().into_owned();
    let mut s = Session::start(&home, &[&doc], 100, 30);
    s.wait_for("Notes (0)");
    s.send("a");
    s.wait_for("Note on");
    s.send("Notiz über Größe");
    s.send(CTRL_S);
    s.wait_for("Saved.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let (code, out, err) = run_plain(&home, &["notes", "--doc", &doc]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Notiz über Größe"), "{out}");
    let files = notes_files(&home);
    assert_eq!(files.len(), 1);
    let file = parse_file(&files[0]);
    assert_eq!(file.notes.len(), 1);
}

#[test]
fn a_symlinked_notes_file_stays_a_link() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes (0)");
    add_note(&mut s, &["erste Notiz"], "Saved.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    // The notes file is moved elsewhere (a synced folder, say) and linked back.
    let elsewhere = home.path().join("sync.toml");
    std::fs::rename(notes_file(&home), &elsewhere).expect("move");
    std::os::unix::fs::symlink(&elsewhere, notes_file(&home)).expect("symlink");

    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Notes (1)");
    add_note(&mut s, &["zweite Notiz"], "Saved.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let meta = std::fs::symlink_metadata(notes_file(&home)).expect("meta");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(parse_file(&elsewhere).notes.len(), 2);
}
