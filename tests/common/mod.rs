//! A pseudo-terminal harness: runs the real binary at a given size with HOME and the XDG
//! directories in a temp dir, types keys, and reads the screen through a vt100 emulator.

#![allow(dead_code)]

pub mod book;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const TIMEOUT: Duration = Duration::from_secs(10);

/// A private home: `HOME`, `XDG_CONFIG_HOME`, `XDG_DATA_HOME`, `XDG_STATE_HOME`,
/// `XDG_CACHE_HOME` all inside one temp dir.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp home"),
        }
    }

    /// A home whose config searches only its own, empty folder `dicts`: (home, folder).
    pub fn with_dictionary_folder() -> (Home, PathBuf) {
        let home = Home::new();
        let folder = home.path().join("dicts");
        std::fs::create_dir_all(&folder).expect("mkdir");
        let config = home.config_file();
        std::fs::create_dir_all(config.parent().expect("parent")).expect("mkdir");
        std::fs::write(
            &config,
            format!(
                "[dictionaries]\nstandard_folders = false\nfolders = [\"{}\"]\n",
                folder.display()
            ),
        )
        .expect("config");
        (home, folder)
    }

    /// A home whose config searches no dictionary folder (results do not depend on what
    /// the machine has installed).
    pub fn without_dictionaries() -> Home {
        let home = Home::new();
        let config = home.config_file();
        if let Some(dir) = config.parent() {
            std::fs::create_dir_all(dir).expect("config dir");
        }
        std::fs::write(&config, "[dictionaries]\nstandard_folders = false\n").expect("config");
        home
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn env(&self) -> Vec<(String, PathBuf)> {
        let p = self.path();
        vec![
            ("HOME".into(), p.to_path_buf()),
            ("XDG_CONFIG_HOME".into(), p.join("config")),
            ("XDG_DATA_HOME".into(), p.join("data")),
            ("XDG_STATE_HOME".into(), p.join("state")),
            ("XDG_CACHE_HOME".into(), p.join("cache")),
        ]
    }

    pub fn config_file(&self) -> PathBuf {
        self.path()
            .join("config")
            .join("lesepult")
            .join("config.toml")
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN)
}

/// The binary under test: cargo's, or the one `LESEPULT_TEST_BIN` names by its absolute
/// path (CI runs the end-to-end tests again on the static build that is shipped).
pub fn binary() -> &'static str {
    static BINARY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BINARY.get_or_init(|| {
        std::env::var("LESEPULT_TEST_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_lesepult").to_owned())
    })
}

/// A running lesepult in a pseudo-terminal.
pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    pub fn start(home: &Home, args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with_env(home, args, &[], cols, rows)
    }

    pub fn start_with_env(
        home: &Home,
        args: &[&str],
        extra_env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let mut cmd = CommandBuilder::new(binary());
        cmd.args(args);
        Session::spawn(home, cmd, extra_env, cols, rows)
    }

    /// lesepult with `file` piped into its standard input (`cat file | lesepult ARGS`); the
    /// keys still come from the terminal.
    pub fn start_piped(home: &Home, file: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", "f=$1; shift; cat \"$f\" | \"$0\" \"$@\"", binary()]);
        cmd.arg(file);
        cmd.args(args);
        Session::spawn(home, cmd, &[], cols, rows)
    }

    /// A shell command line (`sh -c SCRIPT`), with `$LESEPULT` naming the binary under test
    /// (`MANPAGER="$LESEPULT" man -l page.1`).
    pub fn start_shell(
        home: &Home,
        script: &str,
        extra_env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        let mut env = vec![("LESEPULT", binary())];
        env.extend_from_slice(extra_env);
        Session::spawn(home, cmd, &env, cols, rows)
    }

    fn spawn(
        home: &Home,
        mut cmd: CommandBuilder,
        extra_env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        cmd.cwd(home.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn lesepult");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let handle = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Ok(mut parser) = p.lock() {
                            parser.process(&buf[..n]);
                        }
                        if let Ok(mut raw) = r.lock() {
                            raw.extend_from_slice(&buf[..n]);
                        }
                    }
                }
            }
        });
        Session {
            parser,
            raw,
            writer,
            master: pair.master,
            child,
            reader: Some(handle),
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// The screen's rows (a full row is one entry, unlike `contents()` which joins rows
    /// that the terminal wrapped).
    pub fn rows(&self) -> Vec<String> {
        let parser = self.parser.lock().expect("parser");
        let (rows, cols) = parser.screen().size();
        (0..rows.get())
            .map(|r| parser.screen().contents_between(r, 0, r, cols.get()))
            .collect()
    }

    /// (row, column) of the first occurrence of `text` on the screen, 0-based, counting
    /// columns in characters (the screen here holds no wide characters).
    pub fn find(&self, text: &str) -> Option<(u16, u16)> {
        self.rows().iter().enumerate().find_map(|(row, line)| {
            line.find(text)
                .map(|b| (row as u16, line[..b].chars().count() as u16))
        })
    }

    /// One row of the screen.
    pub fn row(&self, row: u16) -> String {
        let parser = self.parser.lock().expect("parser");
        let (_, cols) = parser.screen().size();
        parser.screen().contents_between(row, 0, row, cols.get())
    }

    /// A copy of one cell (0-based row and column), for its attributes.
    pub fn cell(&self, row: u16, col: u16) -> Option<vt100::Cell> {
        self.parser.lock().ok()?.screen().cell(row, col).cloned()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .expect("parser")
            .screen()
            .alternate_screen()
    }

    /// Everything the program wrote, as text.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().expect("raw")).into_owned()
    }

    /// Wait until the screen contains `needle`; the screen on success, a report on failure.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(
            |s| s.contains(needle),
            &format!("screen to show {needle:?}"),
        )
    }

    pub fn wait_until(&self, mut done: impl FnMut(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until two screens 150 ms apart are the same (the frame is finished).
    pub fn settle(&self) -> String {
        let mut last = self.screen();
        let start = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(150));
            let now = self.screen();
            if now == last || start.elapsed() > TIMEOUT {
                return now;
            }
            last = now;
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Write bytes without the pause `send` makes.
    pub fn send_raw(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
        self.parser
            .lock()
            .expect("parser")
            .set_size(nz(rows), nz(cols));
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Whether the process is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Wait for the process to end; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader drain what was written last.
                if let Some(handle) = self.reader.take() {
                    let deadline = Instant::now() + Duration::from_secs(2);
                    while !handle.is_finished() && Instant::now() < deadline {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                }
                return status.exit_code();
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("lesepult did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Run lesepult to completion without a terminal: (exit code, stdout, stderr).
pub fn run_plain(home: &Home, args: &[&str]) -> (i32, String, String) {
    let mut cmd = std::process::Command::new(binary());
    cmd.args(args).env_clear().current_dir(home.path());
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (k, v) in home.env() {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run lesepult");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The bundled article's text, read by the test itself.
pub fn seed_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/deepseek-boeing-moment.txt"
    ))
    .expect("seed")
}
