//! lesepult next to `less`, through a real pseudo-terminal at 120x40 (run by hand):
//!
//!     cargo build --release && cargo run --release --example vs_less [-- FILE | --article]
//!
//! First the bundled article (less on the seed file, lesepult without arguments), then
//! FILE (none with `--article`), or without FILE a 50 MB German text made from the
//! bundled article in a temp dir.
//! Reports, for both programs: time to the first full screen, page-down latency (median
//! and 99th percentile over 200 presses), time for `G`, bytes written per page-down, and
//! peak resident memory.
//!
//! lesepult is the build of `cargo build --release` and, if it was made, also that of
//! `cargo build-static` (target/x86_64-unknown-linux-gnu/dist), each against less
//! anew; LESEPULT_BIN names one other binary instead.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Output chunks with the moment each arrived.
type Chunks = Arc<Mutex<Vec<(Instant, Vec<u8>)>>>;

struct Run {
    /// The screen so far, and how many of `chunks` it has seen. Fed on the measuring
    /// thread, not the reader's: parsing a chunk there would delay the reading (and the
    /// time stamp) of the next one, and so charge a program for its own output's size.
    parser: Mutex<(vt100::Parser, usize)>,
    bytes: Arc<AtomicUsize>,
    /// When output last arrived (read by the reader thread, the moment `read` returned).
    last_output: Arc<Mutex<Instant>>,
    /// Every chunk of output with the moment it arrived, to find the one that completed
    /// a screen.
    chunks: Chunks,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Just before the program was spawned.
    started: Instant,
}

impl Run {
    fn start(program: &str, args: &[&str], home: &std::path::Path) -> Run {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("LESSCHARSET", "utf-8");
        cmd.env("HOME", home);
        for v in [
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
        ] {
            cmd.env(v, home.join(v));
        }
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let parser = Mutex::new((
            vt100::Parser::new(
                std::num::NonZeroU16::new(40).expect("rows"),
                std::num::NonZeroU16::new(120).expect("cols"),
                0,
            ),
            0,
        ));
        let bytes = Arc::new(AtomicUsize::new(0));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let last_output = Arc::new(Mutex::new(Instant::now()));
        let chunks = Arc::new(Mutex::new(Vec::new()));
        let (b, l, c) = (
            Arc::clone(&bytes),
            Arc::clone(&last_output),
            Arc::clone(&chunks),
        );
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let now = Instant::now();
                if let Ok(mut at) = l.lock() {
                    *at = now;
                }
                if let Ok(mut chunks) = c.lock() {
                    chunks.push((now, buf[..n].to_vec()));
                }
                b.fetch_add(n, Ordering::SeqCst);
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        std::mem::forget(pair.master);
        Run {
            parser,
            bytes,
            last_output,
            chunks,
            writer,
            child,
            started,
        }
    }

    /// The moment the output that first made `shown` true arrived (the screen replayed
    /// chunk by chunk).
    fn completed_at(&self, shown: impl Fn(&vt100::Screen) -> bool) -> Option<Instant> {
        let chunks = self.chunks.lock().ok()?;
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::new(40).expect("rows"),
            std::num::NonZeroU16::new(120).expect("cols"),
            0,
        );
        chunks.iter().find_map(|(at, bytes)| {
            parser.process(bytes);
            shown(parser.screen()).then_some(*at)
        })
    }

    /// `look` at the screen as the output received so far draws it.
    /// The new chunks are copied out first: the reader thread must not wait for the lock
    /// while they are parsed.
    fn look<T: Default>(&self, look: impl Fn(&vt100::Screen) -> T) -> T {
        let Ok(mut parser) = self.parser.lock() else {
            return T::default();
        };
        let (parser, seen) = &mut *parser;
        let new: Vec<u8> = match self.chunks.lock() {
            Ok(chunks) => {
                let new = chunks[*seen..]
                    .iter()
                    .flat_map(|(_, b)| b.iter().copied())
                    .collect();
                *seen = chunks.len();
                new
            }
            Err(_) => Vec::new(),
        };
        parser.process(&new);
        look(parser.screen())
    }

    fn screen(&self) -> String {
        self.look(|s| s.contents())
    }

    /// The bottom row of the screen.
    fn last_row(&self) -> String {
        self.look(|s| s.contents_between(39, 0, 39, 120))
    }

    fn wait(&self, what: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        while !what(&self.screen()) {
            if start.elapsed() > Duration::from_secs(60) {
                panic!("timed out; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        start.elapsed()
    }

    /// Send a key and wait until the output has come and then rested for 30 ms: (time from
    /// the key to the last output of the frame, bytes written). Taken from the moments the
    /// reader thread received output, so it does not depend on how often this side looks.
    fn press(&mut self, key: &str) -> (Duration, usize) {
        let bytes_before = self.bytes.load(Ordering::SeqCst);
        let start = Instant::now();
        self.writer.write_all(key.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        while self.bytes.load(Ordering::SeqCst) == bytes_before {
            if start.elapsed() > Duration::from_secs(60) {
                panic!("no output after a key; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_micros(100));
        }
        let mut last = self.bytes.load(Ordering::SeqCst);
        loop {
            std::thread::sleep(Duration::from_millis(30));
            let now = self.bytes.load(Ordering::SeqCst);
            if now == last {
                break;
            }
            last = now;
        }
        let finished = self.last_output.lock().map(|t| *t).unwrap_or(start);
        (finished.duration_since(start), last - bytes_before)
    }

    fn peak_rss_kb(&self) -> u64 {
        let Some(pid) = self.child.process_id() else {
            return 0;
        };
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
            })
            .unwrap_or(0)
    }
}

fn make_text(path: &std::path::Path) {
    std::fs::write(path, lesepult::sample::long_text(50 << 20)).expect("write the text");
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One program on one file, and what tells that its screens are there: the first line of
/// the text, a mark on the bottom row (less's file name, lesepult's percentage), the last
/// word of the text (after `G`).
struct Subject {
    name: &'static str,
    program: String,
    args: Vec<String>,
    first: String,
    ready: String,
    last: String,
}

impl Subject {
    fn start(&self, home: &std::path::Path) -> Run {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        Run::start(&self.program, &args, home)
    }

    fn first_screen_shown(&self, run: &Run) -> bool {
        run.screen().contains(&self.first) && run.last_row().contains(&self.ready)
    }

    /// Time from the spawn to the output that completed the first screen.
    fn first_screen(&self, home: &std::path::Path) -> Duration {
        let mut run = self.start(home);
        run.wait(|_| self.first_screen_shown(&run));
        let done = run
            .completed_at(|s| {
                s.contents().contains(&self.first)
                    && s.contents_between(39, 0, 39, 120).contains(&self.ready)
            })
            .unwrap_or(run.started);
        let _ = run.child.kill();
        let _ = run.child.wait();
        done.duration_since(run.started)
    }
}

/// What was measured of one program.
struct Measured {
    first: Vec<Duration>,
    settled: Duration,
    page_down: Vec<Duration>,
    bytes_per_page: usize,
    g: Duration,
    rss_mb: f64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Page-down `presses` times (after the background work), then `G`; memory at the end.
fn measure(
    subject: &Subject,
    home: &std::path::Path,
    presses: usize,
    first: Vec<Duration>,
) -> Measured {
    let mut run = subject.start(home);
    run.wait(|_| subject.first_screen_shown(&run));
    let settled = run.wait(|_| {
        !run.last_row().contains("analysing") && !run.screen().contains("Reading the rest")
    });
    std::thread::sleep(Duration::from_millis(300));
    let mut page_down = Vec::new();
    let mut bytes = 0;
    // A short text is paged down and up in turn (at its end a page-down shows nothing).
    let short = PAGE_UP_TOO.load(Ordering::SeqCst);
    for i in 0..presses {
        let key = if short && i % 2 == 1 { "b" } else { " " };
        let (l, b) = run.press(key);
        page_down.push(l);
        bytes += b;
    }
    page_down.sort();
    // Catch up with the page-downs' output before the clock starts.
    run.screen();
    let start = Instant::now();
    run.writer.write_all(b"G").expect("G");
    run.writer.flush().expect("flush");
    run.wait(|s| s.contains(&subject.last));
    let g = run
        .completed_at(|s| s.contents().contains(&subject.last))
        .map(|t| t.duration_since(start))
        .unwrap_or_default();
    let rss_mb = run.peak_rss_kb() as f64 / 1024.0;
    let _ = run.writer.write_all(b"q");
    let _ = run.writer.flush();
    std::thread::sleep(Duration::from_millis(200));
    let _ = run.child.kill();
    Measured {
        first,
        settled,
        page_down,
        bytes_per_page: bytes / presses.max(1),
        g,
        rss_mb,
    }
}

/// less and lesepult on one file: first screens from alternating starts, then the rest;
/// a table with the ratios.
fn compare(less: &Subject, lesepult: &Subject, home: &std::path::Path, presses: usize) {
    let mut firsts = (Vec::new(), Vec::new());
    for _ in 0..TRIALS {
        firsts.0.push(less.first_screen(home));
        firsts.1.push(lesepult.first_screen(home));
    }
    firsts.0.sort();
    firsts.1.sort();
    let a = measure(less, home, presses, firsts.0);
    let b = measure(lesepult, home, presses, firsts.1);
    let row = |what: &str, x: f64, y: f64, unit: &str| {
        let ratio = if x > 0.0 {
            format!("{:.2}", y / x)
        } else {
            "-".into()
        };
        println!("| {what} | {x:.2} {unit} | {y:.2} {unit} | {ratio} |");
    };
    println!(
        "| measure | {} | {} | {} / {} |",
        less.name, lesepult.name, lesepult.name, less.name
    );
    println!("| --- | --- | --- | --- |");
    row(
        &format!("first full screen, median of {TRIALS} starts"),
        ms(percentile(&a.first, 0.5)),
        ms(percentile(&b.first, 0.5)),
        "ms",
    );
    row(
        "first full screen, fastest start",
        ms(a.first[0]),
        ms(b.first[0]),
        "ms",
    );
    if presses > 0 {
        row(
            &format!("page-down (or up) to finished frame, median of {presses}"),
            ms(percentile(&a.page_down, 0.5)),
            ms(percentile(&b.page_down, 0.5)),
            "ms",
        );
        row(
            "page-down to finished frame, 99th percentile",
            ms(percentile(&a.page_down, 0.99)),
            ms(percentile(&b.page_down, 0.99)),
            "ms",
        );
        row(
            "bytes written per page-down",
            a.bytes_per_page as f64,
            b.bytes_per_page as f64,
            "B",
        );
    }
    row("`G` to the last screen", ms(a.g), ms(b.g), "ms");
    row("peak resident memory", a.rss_mb, b.rss_mb, "MB");
    println!(
        "(background work of {} done {:.0} ms after its first screen)",
        lesepult.name,
        ms(b.settled)
    );
}

const TRIALS: usize = 100;
const PRESSES: usize = 200;

fn first_line(file: &std::path::Path) -> String {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .map(|l| l.chars().take(20).collect::<String>())
        })
        .unwrap_or_default()
}

fn last_words(file: &std::path::Path) -> String {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|t| {
            t.lines()
                .rev()
                .find(|l| l.chars().any(char::is_alphabetic))
                .and_then(|l| l.split_whitespace().last().map(str::to_string))
        })
        .unwrap_or_default()
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Page down and up in turn: set while the short article is measured.
static PAGE_UP_TOO: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn main() {
    let home = tempfile::tempdir().expect("temp home");
    let article_only = std::env::args().nth(1).as_deref() == Some("--article");
    let file = match std::env::args().nth(1).filter(|_| !article_only) {
        Some(f) => std::path::PathBuf::from(f),
        None if article_only => std::path::PathBuf::new(),
        None => {
            let f = home.path().join("buch.txt");
            make_text(&f);
            f
        }
    };
    // The build `cargo run --release` makes, and the static one of `cargo build-static`
    // if it was made (or the one binary in LESEPULT_BIN).
    let canonical = |bin: &str| {
        std::fs::canonicalize(bin)
            .ok()
            .map(|p| p.display().to_string())
    };
    let builds: Vec<(&'static str, String)> = match std::env::var("LESEPULT_BIN") {
        Ok(bin) => vec![("lesepult", canonical(&bin).unwrap_or(bin))],
        Err(_) => [
            ("lesepult", "target/release/lesepult"),
            (
                "lesepult, shipped build (cargo build-static)",
                "target/x86_64-unknown-linux-gnu/dist/lesepult",
            ),
        ]
        .into_iter()
        .filter_map(|(name, bin)| canonical(bin).map(|b| (name, b)))
        .collect(),
    };
    let glossary = std::fs::canonicalize("assets/glossary/deepseek-boeing-moment.toml")
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let subject =
        |name, program: &str, args: Vec<String>, file: &std::path::Path, ready: String| Subject {
            name,
            program: program.to_string(),
            args,
            first: first_line(file),
            ready,
            last: last_words(file),
        };

    // The bundled article: less on the seed file, lesepult with no arguments.
    let seed = std::fs::canonicalize("seeds/deepseek-boeing-moment.txt").expect("the seed");
    println!(
        "Bundled article ({} bytes), terminal 120x40:\n",
        std::fs::metadata(&seed).map(|m| m.len()).unwrap_or(0)
    );
    PAGE_UP_TOO.store(true, Ordering::SeqCst);
    for (name, bin) in &builds {
        // A home of its own: the last run of a build saves its place (at the end).
        let own_home = tempfile::tempdir().expect("temp home");
        compare(
            &subject(
                "less",
                "less",
                vec![seed.display().to_string()],
                &seed,
                file_name(&seed),
            ),
            &subject(
                name,
                bin,
                // No arguments, as `cargo run --release` starts it (the first screens are
                // killed before a position is saved).
                Vec::new(),
                &seed,
                "%".into(),
            ),
            own_home.path(),
            100,
        );
        println!();
    }
    PAGE_UP_TOO.store(false, Ordering::SeqCst);
    if article_only {
        return;
    }

    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "\n{} ({:.1} MB), terminal 120x40, lesepult with the article's glossary:\n",
        file.display(),
        size as f64 / 1e6
    );
    let path = file.display().to_string();
    for (name, bin) in &builds {
        compare(
            &subject("less", "less", vec![path.clone()], &file, file_name(&file)),
            &subject(
                name,
                bin,
                vec![
                    "--from-start".into(),
                    "--glossary".into(),
                    glossary.clone(),
                    path.clone(),
                ],
                &file,
                "%".into(),
            ),
            home.path(),
            PRESSES,
        );
        println!();
    }
}
