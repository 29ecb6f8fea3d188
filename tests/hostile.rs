//! Hostile input (issue #18): dictionaries with lying lengths, FIFOs and devices where files
//! belong, damaged compressed data, escape codes in files, a full standard output, endless
//! inputs. Each test failed before the fix it names.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Home, binary, run_plain};
use lesepult::dict::dictd::write_dictd;

/// A home whose config searches only `dicts/` in it.
fn home_with_folder() -> (Home, std::path::PathBuf) {
    Home::with_dictionary_folder()
}

/// Run lesepult with standard output to `stdout` (or captured) and a time limit: (exit
/// code, stdout, stderr); `None` if it was still running after `limit` (then it is killed).
fn run_limited(
    home: &Home,
    args: &[&str],
    stdin: Stdio,
    stdout: Option<std::fs::File>,
    limit: Duration,
) -> Option<(i32, String, String)> {
    let mut cmd = Command::new(binary());
    cmd.args(args).env_clear().current_dir(home.path());
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (k, v) in home.env() {
        cmd.env(k, v);
    }
    cmd.stdin(stdin).stderr(Stdio::piped());
    match stdout {
        Some(f) => cmd.stdout(f),
        None => cmd.stdout(Stdio::piped()),
    };
    let mut child = cmd.spawn().expect("run lesepult");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Some((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[test]
fn a_huge_length_in_a_dictd_index_is_an_error_not_an_abort() {
    let (home, folder) = home_with_folder();
    // 68 GB from a seven-digit length: lesepult allocated it and aborted (exit 134).
    std::fs::write(folder.join("test.index"), "testwort\tA\tBAAAAAA\n").expect("index");
    std::fs::write(folder.join("test.dict"), "Testwort\nein Wort\n").expect("dict");
    let (code, out, err) = run_plain(&home, &["lookup", "Testwort"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("past the end of the data"), "{err}");
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_in_a_dictionary_folder_are_skipped_with_a_warning() {
    let (home, folder) = home_with_folder();
    write_dictd(
        &folder.join("deu-eng"),
        &[("Wort", "Wort <n>\nword\n")],
        None,
    )
    .expect("dictd");
    let fifo = folder.join("X.index");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::fs::write(folder.join("X.dict"), "x").expect("dict");
    if Path::new("/dev/zero").exists() {
        std::os::unix::fs::symlink("/dev/zero", folder.join("Z.index")).expect("symlink");
        std::fs::write(folder.join("Z.dict"), "x").expect("dict");
    }
    for args in [&["dict", "list"][..], &["lookup", "Wort"][..]] {
        let (code, out, err) =
            run_limited(&home, args, Stdio::null(), None, Duration::from_secs(20))
                .unwrap_or_else(|| panic!("lesepult {args:?} hangs"));
        assert_eq!(code, 0, "{out}{err}");
        if args[0] == "dict" {
            assert!(out.contains("X.index: a FIFO"), "{out}");
            if Path::new("/dev/zero").exists() {
                assert!(out.contains("Z.index: a character device"), "{out}");
            }
            assert!(out.contains("deu-eng"), "{out}");
        } else {
            assert!(out.contains("word"), "{out}");
        }
    }
}

#[test]
fn a_damaged_dictzip_is_broken_in_dict_list_and_shows_no_garbage() {
    let (home, folder) = home_with_folder();
    let text = "Wort <n>\nword, term\n".repeat(40);
    write_dictd(&folder.join("kaputt"), &[("Wort", &text)], Some(4000)).expect("dictd");
    let dz = folder.join("kaputt.dict.dz");
    let mut bytes = std::fs::read(&dz).expect("read");
    // Damage the compressed data after the header (the chunk table and the trailer stay).
    let header = 10 + 2 + usize::from(u16::from_le_bytes([bytes[10], bytes[11]]));
    let end = bytes.len() - 8;
    let mut x = 0x5au8;
    for b in &mut bytes[header + 20..end - 4] {
        x = x.wrapping_mul(31).wrapping_add(7);
        *b ^= x | 1;
    }
    std::fs::write(&dz, bytes).expect("write");
    let (code, out, _) = run_plain(&home, &["dict", "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("broken:") && out.contains("damaged"), "{out}");
    let (code, out, err) = run_plain(&home, &["lookup", "Wort"]);
    assert_eq!(code, 1, "not found, no garbage shown: {out}");
    assert!(err.contains("damaged"), "{err}");
    assert!(!out.contains('\u{fffd}') && !out.contains('^'), "{out}");
}

#[test]
fn a_glossary_cannot_send_escape_codes_to_the_terminal() {
    let home = Home::new();
    let glossary = home.path().join("g.toml");
    std::fs::write(
        &glossary,
        "version = 1\n\n[[term]]\nlemma = \"Boeing\\u001b]0;GLOSSPWN\\u0007\"\npos = \"other\"\n\
         english = [\"x\\u001b[31m rot\"]\nforms = [\"Boeing\"]\n",
    )
    .expect("glossary");
    let g = glossary.to_string_lossy().into_owned();
    let (code, out, err) = run_plain(&home, &["glossary", "--glossary", &g]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("GLOSSPWN"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("Boeing^[]0;GLOSSPWN^G"), "{out:?}");
    // German text is kept as it is.
    let (_, out, _) = run_plain(&home, &["glossary", "Leerverkäufe"]);
    assert!(
        out.contains("der Leerverkauf") && out.contains("Leerverkäufe"),
        "{out}"
    );
}

#[test]
fn every_write_to_standard_output_is_checked() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let home = Home::new();
    for args in [
        &["paths"][..],
        &["glossary"][..],
        &["--help"][..],
        &["--print-default-config"][..],
        &["export", "--format", "json"][..],
        &["export", "--format", "markdown"][..],
        &["notes"][..],
        &["dict", "list"][..],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let (code, _, err) = run_limited(
            &home,
            args,
            Stdio::null(),
            Some(full),
            Duration::from_secs(20),
        )
        .expect("finishes");
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains("standard output") || err.contains("No space"),
            "{args:?}: {err}"
        );
    }
    // A closed pipe stays quiet (`| head`).
    let mut child = Command::new(binary())
        .args(["glossary"])
        .env_clear()
        .envs(home.env())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_endless_stdin_shows_its_first_screen_at_once_and_ends_at_the_limit() {
    let home = Home::new();
    // `yes` read 2.4 GB before drawing; now the first screen comes at once and the rest
    // ends at the configured limit.
    let config = home.config_file();
    std::fs::create_dir_all(config.parent().expect("parent")).expect("mkdir");
    std::fs::write(&config, "[reading]\nmax_input_mb = 8\n").expect("config");
    let mut s = common::Session::start_shell(
        &home,
        "yes 'Ein Satz über die Größe.' | \"$LESEPULT\"",
        &[],
        80,
        24,
    );
    s.wait_for("Ein Satz über die Größe.");
    s.wait_for("longer than 8 MB");
    s.send("q");
    s.wait_exit();
}

#[cfg(unix)]
#[test]
fn devices_are_binary_at_once_and_a_file_over_the_limit_is_refused() {
    let home = Home::new();
    for dev in ["/dev/zero", "/dev/urandom"] {
        if !Path::new(dev).exists() {
            continue;
        }
        for args in [&["notes", "--doc", dev][..], &[dev][..]] {
            let (code, _, err) =
                run_limited(&home, args, Stdio::null(), None, Duration::from_secs(20))
                    .unwrap_or_else(|| panic!("{args:?} reads forever"));
            assert_eq!(code, 2, "{args:?}: {err}");
            assert!(err.contains("binary file"), "{args:?}: {err}");
        }
    }
    let config = home.config_file();
    std::fs::create_dir_all(config.parent().expect("parent")).expect("mkdir");
    std::fs::write(&config, "[reading]\nmax_input_mb = 1\n").expect("config");
    let big = home.path().join("gross.txt");
    std::fs::write(&big, "Ein Satz.\n".repeat(200_000)).expect("write");
    let (code, _, err) = run_plain(&home, &["notes", "--doc", &big.to_string_lossy()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("gross.txt: longer than 1 MB"), "{err}");
    // `yes |` into a command ends at the limit too.
    let mut child = Command::new("sh")
        .args(["-c", "yes | \"$0\" notes", binary()])
        .env_clear()
        .envs(home.env())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        assert!(start.elapsed() < Duration::from_secs(30), "reads forever");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard input: longer than 1 MB"), "{err}");
}

#[test]
fn searching_a_huge_single_line_never_blocks_the_keys() {
    let home = Home::new();
    let file = home.path().join("eine-zeile.txt");
    // 10 MB in one line (one block, one word): a keystroke in the search prompt froze the
    // screen for ~20 s in the hostile test.
    let mut x = 12345u32;
    let line: String = (0..10_000_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                    [(x >> 16) as usize % 64],
            )
        })
        .collect();
    std::fs::write(&file, format!("{line}\n")).expect("write");
    let mut s = common::Session::start(&home, &[&file.to_string_lossy()], 100, 30);
    s.wait_for(&line[..20]);
    s.wait_until(
        |screen| !screen.contains("Reading the rest"),
        "the whole file",
    );
    for (keys, expect) in [
        ("/", "/"),
        ("W", "/W▏"),
        ("e", "/We▏"),
        ("t", "/Wet▏"),
        ("\u{7f}", "/We▏"),
        ("\u{7f}", "/W▏"),
        ("t", "/Wt▏"),
    ] {
        let start = Instant::now();
        s.send(keys);
        s.wait_for(expect);
        let took = start.elapsed();
        assert!(took < Duration::from_secs(3), "{keys:?} took {took:?}");
    }
    // Once the matches are in, a key is as quick.
    s.wait_for("match 1 of");
    let start = Instant::now();
    s.send("x");
    s.wait_for("/Wtx");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    let start = Instant::now();
    s.send("\u{1b}");
    s.wait_until(|screen| !screen.contains("/Wtx"), "the prompt closed");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "Esc took {:?}",
        start.elapsed()
    );
    s.send("q");
    s.wait_exit();
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_glossary_is_refused_not_waited_for() {
    let home = Home::new();
    let fifo = home.path().join("text.glossary.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let g = fifo.to_string_lossy().into_owned();
    let (code, _, err) = run_limited(
        &home,
        &["glossary", "--glossary", &g],
        Stdio::null(),
        None,
        Duration::from_secs(20),
    )
    .expect("a FIFO glossary hangs");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("a FIFO"), "{err}");
}

#[test]
fn a_huge_dictionary_entry_is_cut_and_keys_stay_quick() {
    let (home, folder) = home_with_folder();
    // 50 MB in one entry: the lookup took 8 s and 1.1 GB, and every later key seconds.
    let entry = format!(
        "Xylophonbaum <masc>\n{}\n",
        "tree of xylophones; ".repeat(2_500_000)
    );
    write_dictd(&folder.join("deu-eng"), &[("Xylophonbaum", &entry)], None).expect("dictd");
    std::fs::write(
        home.path().join("text.txt"),
        "Titel\nEin Xylophonbaum steht im langen Absatz, der lang genug ist, um ein Absatz zu sein.\n",
    )
    .expect("write");
    let mut s = common::Session::start(&home, &["text.txt"], 120, 40);
    s.wait_for("Ein Xylophonbaum");
    let (row, col) = s.find("Xylophonbaum").expect("on screen");
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 2,
        row + 1,
        col + 2,
        row + 1
    ));
    let start = Instant::now();
    s.send("l");
    s.wait_for("tree of xylophones");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "lookup took {:?}",
        start.elapsed()
    );
    s.send("\t");
    for _ in 0..5 {
        let start = Instant::now();
        s.send("G");
        s.send("g");
        s.send("?");
        s.wait_for("Keys");
        s.send("\u{1b}");
        s.wait_until(|screen| !screen.contains("Keys"), "help closed");
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "a key took {:?}",
            start.elapsed()
        );
    }
    s.send("q");
    s.wait_exit();
}
