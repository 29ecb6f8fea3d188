//! End to end: the real binary in a pseudo-terminal, keys typed, the screen read back.

mod common;

use common::{Home, Session, run_plain, seed_text};

const ESC: &str = "\x1b";

fn heading_lines() -> Vec<String> {
    // The headings as a reader sees them in the source: short lines without a final full
    // stop between two long lines (computed here, independently of the parser).
    let text = seed_text();
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(3)
        .filter(|w| {
            w[1].chars().count() < 60
                && !w[1].ends_with(['.', ':'])
                && w[0].chars().count() > 100
                && w[2].chars().count() > 100
        })
        .map(|w| w[1].to_string())
        .collect()
}

/// The first text row inside the article pane.
fn first_text_row(s: &Session) -> String {
    s.row(1)
}

#[test]
fn reads_searches_jumps_resizes_quits_and_resumes() {
    let home = Home::new();
    let text = seed_text();
    let title = text.lines().next().expect("title line").to_string();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for(&title);
    assert!(s.alternate_screen());
    s.wait_until(
        |scr| scr.contains("Glossary") && scr.contains("Notes"),
        "the side panes",
    );
    let first = s.settle();

    // Scroll a page.
    s.send(" ");
    s.wait_until(|scr| scr != first, "the page to change");

    // Search "Boeing": the match count is the number of case-insensitive occurrences.
    let expected = text.to_lowercase().matches("boeing").count();
    s.send("g");
    s.send("/Boeing");
    s.wait_for(&format!("match 1 of {expected}"));
    s.send("\r");
    s.send("n");
    s.wait_for(&format!("match 2 of {expected}"));

    // The table of contents jumps to the last section.
    let headings = heading_lines();
    let target = headings.last().expect("a heading").clone();
    s.send("g");
    s.send("t");
    s.wait_for("Contents");
    for _ in 0..headings.len() {
        s.send("j");
    }
    s.send("\r");
    s.wait_until(
        |_| first_text_row(&s).contains(&target),
        "the last section heading at the top",
    );

    // Resize: the same paragraph stays on top, and the narrow layout shows the tab bar.
    s.resize(60, 20);
    s.wait_until(
        |scr| scr.contains(" Glossary ") && !scr.contains("Contents"),
        "the narrow layout",
    );
    s.wait_until(
        |_| first_text_row(&s).contains(target.split(' ').next().unwrap_or("")),
        "the section still on top after the resize",
    );

    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.alternate_screen(), "the alternate screen was left");
    assert!(s.output().contains("\x1b[?1049l"));

    // Start again: the position is resumed, and says so.
    let mut again = Session::start(&home, &[], 60, 20);
    again.wait_for("Resumed");
    again.wait_until(
        |_| first_text_row(&again).contains(target.split(' ').next().unwrap_or("")),
        "the resumed section on top",
    );
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    // --from-start ignores it.
    let mut fresh = Session::start(&home, &["--from-start"], 120, 40);
    fresh.wait_until(
        |_| first_text_row(&fresh).contains(&title),
        "the title on top",
    );
    assert!(!fresh.screen().contains("Resumed"));
    fresh.send("q");
    fresh.wait_exit();
}

#[test]
fn help_and_overlays_close() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 80, 24);
    s.wait_for("Article");
    s.send("?");
    let help = s.wait_for("Keys");
    assert!(help.contains("Scroll down one line") && help.contains("j, Down"));
    s.send("G");
    s.wait_for("Quit");
    s.send(ESC);
    s.wait_until(|scr| !scr.contains("Table of contents"), "help to close");
    s.send("\t");
    s.wait_for("Filter:");
    // In the glossary list, letters filter; Esc gives the keys back to the article.
    s.send("q");
    s.wait_for("Filter: q");
    s.send(ESC);
    s.settle();
    s.send(ESC);
    s.settle();
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal_and_saves_the_position() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 100, 30);
    s.wait_for("Article");
    s.send("]");
    s.settle();
    let pid = s.pid().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.alternate_screen());
    let out = s.output();
    assert!(out.contains("\x1b[?1049l"), "left the alternate screen");
    let positions = home.path().join("state/lesepult/positions");
    let saved: Vec<_> = std::fs::read_dir(&positions)
        .expect("positions dir")
        .flatten()
        .collect();
    assert_eq!(
        saved.len(),
        1,
        "one position file in {}",
        positions.display()
    );
}

#[test]
fn sighup_restores_the_terminal() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 100, 30);
    s.wait_for("Article");
    let pid = s.pid().expect("pid");
    std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .expect("kill");
    s.wait_exit();
    assert!(s.output().contains("\x1b[?1049l"));
}

/// Bad input: one line on stderr, exit code 2, and the terminal never in raw mode.
#[test]
fn bad_input_exits_2_with_a_message_and_no_raw_mode() {
    let home = Home::new();
    let dir = home.path();
    std::fs::write(dir.join("binary.txt"), b"Hallo\0Welt").expect("write");
    std::fs::write(dir.join("latin1.txt"), b"Gr\xf6\xdfe\n").expect("write");
    std::fs::create_dir(dir.join("folder.md")).expect("mkdir");
    let cases: [(&str, &str); 4] = [
        ("missing.txt", "missing.txt: no such file"),
        ("folder.md", "folder.md: is a directory"),
        ("binary.txt", "binary.txt: binary file (NUL byte at byte 5)"),
        (
            "latin1.txt",
            "latin1.txt: not valid UTF-8 (invalid byte at offset 2",
        ),
    ];
    for (file, message) in cases {
        let (code, _, stderr) = run_plain(&home, &[file]);
        assert_eq!(code, 2, "{file}: {stderr}");
        assert!(stderr.contains(message), "{file}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");

        let mut s = Session::start(&home, &[file], 80, 24);
        assert_eq!(s.wait_exit(), 2);
        let out = s.output();
        assert!(
            !out.contains("\x1b[?1049h"),
            "{file}: entered the alternate screen"
        );
        assert!(out.contains(message));
    }
}

#[test]
fn an_empty_file_opens_and_says_so() {
    let home = Home::new();
    std::fs::write(home.path().join("leer.txt"), b"").expect("write");
    let mut s = Session::start(&home, &["leer.txt"], 80, 24);
    s.wait_for("This document is empty.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_markdown_file_opens_with_its_structure() {
    let home = Home::new();
    std::fs::write(
        home.path().join("notiz.md"),
        "# Überschrift\n\nEin Absatz über „Größe“.\n\n## Teil zwei\n\n> Ein Zitat.\n",
    )
    .expect("write");
    let mut s = Session::start(&home, &["notiz.md"], 100, 30);
    let screen = s.wait_for("Teil zwei");
    assert!(screen.contains("Überschrift") && screen.contains("„Größe“"));
    assert!(screen.contains("┃ Ein Zitat."));
    s.send("q");
    s.wait_exit();
}

#[test]
fn a_broken_config_exits_2_naming_file_line_and_column() {
    let home = Home::new();
    let config = home.config_file();
    std::fs::create_dir_all(config.parent().expect("parent")).expect("mkdir");
    std::fs::write(&config, "[keys]\nquit = [\"q\"]\nfly = [\"x\"]\n").expect("write");
    let (code, _, stderr) = run_plain(&home, &[]);
    assert_eq!(code, 2);
    let expected = format!(
        "{}:3:1: key `keys.fly`: unknown action \"fly\"",
        config.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");

    std::fs::write(&config, "[reading]\nmax_width = \"wide\"\n").expect("write");
    let (code, _, stderr) = run_plain(&home, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!("{}:2:", config.display())),
        "{stderr}"
    );
    assert!(stderr.contains("reading.max_width"), "{stderr}");
}

#[test]
fn a_user_binding_replaces_the_default() {
    let home = Home::new();
    let config = home.config_file();
    std::fs::create_dir_all(config.parent().expect("parent")).expect("mkdir");
    std::fs::write(&config, "[keys]\nquit = [\"x\"]\n").expect("write");
    let mut s = Session::start(&home, &[], 100, 30);
    s.wait_for("Article");
    s.send("?");
    s.wait_for("Keys");
    s.send("G");
    let help = s.wait_for("Quit");
    assert!(
        help.lines()
            .any(|l| l.contains(" x ") && l.contains("Quit")),
        "{help}"
    );
    s.send(ESC);
    s.settle();
    s.send("q");
    s.settle();
    s.send("x");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn cli_prints_paths_default_config_and_version() {
    let home = Home::new();
    let (code, stdout, _) = run_plain(&home, &["paths"]);
    assert_eq!(code, 0);
    let root = home.path().display().to_string();
    assert!(
        stdout.contains(&format!("{root}/config/lesepult/config.toml")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{root}/data/lesepult")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{root}/state/lesepult")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{root}/cache/lesepult")),
        "{stdout}"
    );

    let (code, stdout, _) = run_plain(&home, &["--print-default-config"]);
    assert_eq!(code, 0);
    let builtin =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/default.toml"))
            .expect("default config");
    assert_eq!(stdout, builtin);

    let (code, stdout, _) = run_plain(&home, &["--version"]);
    assert_eq!(code, 0);
    assert!(stdout.contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn tiny_terminal_says_so_and_grows_back() {
    let home = Home::new();
    let mut s = Session::start(&home, &[], 20, 4);
    s.wait_for("terminal too small");
    s.resize(1, 1);
    s.settle();
    s.resize(100, 30);
    s.wait_for("Article");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_text_piped_in_is_read_and_keeps_its_place() {
    let home = Home::new();
    let text = home.path().join("piped.md");
    let body: String = (1..=60)
        .map(|i| format!("Absatz {i} über die Größe der Straße.\n\n"))
        .collect();
    std::fs::write(&text, format!("# Aus der Leitung\n\n{body}")).expect("write");
    let mut s = Session::start_piped(&home, &text, &[], 80, 24);
    s.wait_for("Aus der Leitung");
    s.send("G");
    s.wait_for("Absatz 60");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    // The same text piped again opens where it was left; `-` reads standard input too.
    let mut again = Session::start_piped(&home, &text, &["-"], 80, 24);
    again.wait_for("Absatz 60");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    // Bad bytes are named as coming from standard input.
    let binary = home.path().join("binary.txt");
    std::fs::write(&binary, b"a\0b").expect("write");
    let mut bad = Session::start_piped(&home, &binary, &["-"], 80, 24);
    assert_eq!(bad.wait_exit(), 2);
    assert!(
        bad.output().contains("standard input: binary file"),
        "{}",
        bad.output()
    );
}

#[test]
fn the_reader_refuses_an_output_that_is_not_a_terminal() {
    let home = Home::new();
    let (code, stdout, stderr) = run_plain(&home, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "", "no escape codes written into a file");
    assert!(
        stderr.contains("standard output is not a terminal"),
        "{stderr}"
    );
}

#[test]
fn two_paths_are_refused_plainly() {
    let home = Home::new();
    let (code, _, stderr) = run_plain(&home, &["a.txt", "b.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("one text at a time"), "{stderr}");
}

#[test]
fn a_config_that_cannot_be_read_is_named_without_a_made_up_line() {
    let home = Home::new();
    let config = home.config_file();
    std::fs::create_dir_all(&config).expect("a directory where the config goes");
    let (code, _, stderr) = run_plain(&home, &[]);
    assert_eq!(code, 2);
    let named = format!("{}: cannot read", config.display());
    assert!(stderr.contains(&named), "{stderr}");
    assert!(!stderr.contains(":0:0"), "{stderr}");
}

#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    let home = Home::new();
    let mut cmd = std::process::Command::new(common::binary());
    cmd.arg("glossary").env_clear().current_dir(home.path());
    for (k, v) in home.env() {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run lesepult");
    // The reader is gone before the first line is written, as with `| head -0`.
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    let mut message = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut message)
        .expect("stderr");
    assert_eq!(message, "", "no panic, no error message");
    assert!(status.success(), "a closed pipe is no failure: {status:?}");
}

#[test]
fn a_panic_restores_the_terminal_before_the_message() {
    let home = Home::new();
    let mut s = Session::start_with_env(&home, &[], &[("LESEPULT_TEST_PANIC", "1")], 80, 24);
    // Rust's code for a panic, though `main` is C's: the panic does not unwind into C.
    assert_eq!(s.wait_exit(), 101);
    let out = s.output();
    let left = out.find("\x1b[?1049l").expect("left the alternate screen");
    let message = out
        .find("LESEPULT_TEST_PANIC is set")
        .expect("panic message");
    assert!(
        left < message,
        "the terminal is restored before the message is printed"
    );
    assert!(!s.alternate_screen());
}

#[test]
fn an_idle_reader_writes_nothing_and_a_page_is_one_frame() {
    let home = Home::without_dictionaries();
    let mut s = Session::start(&home, &[], 120, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let before = s.output().len();
    // Several idle ticks (one each 200 ms): no output at all.
    std::thread::sleep(std::time::Duration::from_millis(1000));
    assert_eq!(
        s.output().len(),
        before,
        "an idle reader wrote to the terminal"
    );
    // A page down is written as a difference, never a full clear of the screen.
    s.send(" ");
    s.settle();
    let page = &s.output()[before..];
    assert!(!page.is_empty(), "page down drew nothing");
    assert!(!page.contains("\x1b[2J"), "page down cleared the screen");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// The terminal goes away (a closed window, a dropped SSH connection): lesepult leaves,
/// saving what it has, instead of reading an ended input forever. Here a shell that
/// ignores SIGHUP stands between them (as in tmux), so lesepult only sees its input end.
#[test]
fn a_terminal_that_hangs_up_ends_the_program() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let home = Home::without_dictionaries();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        &format!("trap '' HUP; '{}'; sleep 30", common::binary()),
    ]);
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("TERM", "xterm-256color");
    for (k, v) in home.env() {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let writer = pair.master.take_writer().expect("writer");
    // Read until the first screen is there.
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("Article") {
        let n = reader.read(&mut buf).expect("read the screen");
        assert!(n > 0, "the program ended before its first screen");
        seen.extend_from_slice(&buf[..n]);
    }
    // Hang up: every handle on the terminal's side closes.
    drop(reader);
    drop(writer);
    drop(pair.master);
    // The shell waits after lesepult: lesepult's own process must be gone.
    let shell = child.process_id().expect("the shell's pid").to_string();
    let start = std::time::Instant::now();
    let running = || {
        std::process::Command::new("pgrep")
            .args(["-P", &shell, "-x", "lesepult"])
            .output()
            .map(|o| !o.stdout.is_empty())
            .unwrap_or(false)
    };
    while running() {
        if start.elapsed() > std::time::Duration::from_secs(5) {
            let _ = std::process::Command::new("pkill")
                .args(["-P", &shell, "-x", "lesepult"])
                .status();
            let _ = child.kill();
            panic!("lesepult still runs 5 s after its terminal hung up");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
}
