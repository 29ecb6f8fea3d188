//! lesepult next to `less`, through a real pseudo-terminal at 120x40 (run by hand):
//!
//!     cargo build --release && cargo run --release --example vs_less [-- FILE]
//!
//! First the bundled article (less on the seed file, lesepult without arguments), then
//! FILE, or without FILE a 50 MB German text made from the bundled article in a temp dir.
//! Reports, for both programs: time to the first full screen, page-down latency (median
//! and 99th percentile over 200 presses), time for `G`, bytes written per page-down, and
//! peak resident memory.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Run {
    parser: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<AtomicUsize>,
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
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(40).expect("rows"),
            std::num::NonZeroU16::new(120).expect("cols"),
            0,
        )));
        let bytes = Arc::new(AtomicUsize::new(0));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let (p, b) = (Arc::clone(&parser), Arc::clone(&bytes));
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = p.lock() {
                    parser.process(&buf[..n]);
                }
                b.fetch_add(n, Ordering::SeqCst);
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        std::mem::forget(pair.master);
        Run {
            parser,
            bytes,
            writer,
            child,
            started,
        }
    }

    fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// The bottom row of the screen.
    fn last_row(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents_between(39, 0, 39, 120))
            .unwrap_or_default()
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

    /// Send a key and time until the screen changed and then stayed the same for 30 ms;
    /// (latency to the first change, bytes written).
    fn press(&mut self, key: &str) -> (Duration, usize) {
        let before = self.screen();
        let bytes_before = self.bytes.load(Ordering::SeqCst);
        let start = Instant::now();
        self.writer.write_all(key.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        let latency = self.wait(|s| s != before);
        let mut last = self.bytes.load(Ordering::SeqCst);
        loop {
            std::thread::sleep(Duration::from_millis(30));
            let now = self.bytes.load(Ordering::SeqCst);
            if now == last {
                break;
            }
            last = now;
        }
        let _ = start;
        (latency, last - bytes_before)
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
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Time to the first full screen: the median and range over `trials` fresh starts.
fn first_screens(
    program: &str,
    args: &[&str],
    home: &std::path::Path,
    first: &str,
    ready: &str,
    trials: usize,
) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..trials)
        .map(|_| {
            let mut run = Run::start(program, args, home);
            run.wait(|s| s.contains(first) && run.last_row().contains(ready));
            let t = run.started.elapsed();
            let _ = run.child.kill();
            let _ = run.child.wait();
            t
        })
        .collect();
    times.sort();
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// What tells that a screen is there: the first line of the text, a mark on the bottom
/// row (less's file name, lesepult's percentage), the last word of the text.
struct Marks<'a> {
    first: &'a str,
    ready: &'a str,
    last: &'a str,
}

/// One program on one file: first screens, then page-down, `G`, bytes and memory.
fn measure(
    name: &str,
    program: &str,
    args: &[&str],
    home: &std::path::Path,
    marks: Marks,
    presses: usize,
) {
    let Marks { first, ready, last } = marks;
    let firsts = first_screens(program, args, home, first, ready, TRIALS);
    let mut run = Run::start(program, args, home);
    run.wait(|s| s.contains(first) && run.last_row().contains(ready));
    // Page-down is measured once the background work (loading, analysis) is done.
    let settled = run.wait(|_| {
        !run.last_row().contains("analysing") && !run.screen().contains("Reading the rest")
    });
    std::thread::sleep(Duration::from_millis(300));
    let mut latencies = vec![Duration::ZERO];
    let mut bytes = Vec::new();
    for _ in 0..presses {
        let (l, b) = run.press(" ");
        latencies.push(l);
        bytes.push(b);
    }
    if presses > 0 {
        latencies.remove(0);
    }
    latencies.sort();
    let start = Instant::now();
    run.writer.write_all(b"G").expect("G");
    run.writer.flush().expect("flush");
    run.wait(|s| s.contains(last));
    let g = start.elapsed();
    let rss = run.peak_rss_kb();
    let _ = run.writer.write_all(b"q");
    let _ = run.writer.flush();
    std::thread::sleep(Duration::from_millis(200));
    let _ = run.child.kill();
    let mean_bytes = bytes.iter().sum::<usize>() / bytes.len().max(1);
    println!(
        "{name:<9} first screen median {:>6.1} ms (min {:.1}, max {:.1}, {TRIALS} starts) | background work done after {:.0} ms",
        ms(percentile(&firsts, 0.5)),
        ms(firsts[0]),
        ms(firsts[firsts.len() - 1]),
        ms(settled),
    );
    println!(
        "{name:<9} page-down median {:>6.2} ms, p99 {:>6.2} ms ({presses} presses) | G {:>6.1} ms | {:>6} bytes/page | peak RSS {:>7.1} MB",
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(g),
        mean_bytes,
        rss as f64 / 1024.0
    );
}

const TRIALS: usize = 15;
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

fn main() {
    let home = tempfile::tempdir().expect("temp home");
    let file = match std::env::args().nth(1) {
        Some(f) => std::path::PathBuf::from(f),
        None => {
            let f = home.path().join("buch.txt");
            make_text(&f);
            f
        }
    };
    let bin = std::env::var("LESEPULT_BIN").unwrap_or_else(|_| "target/release/lesepult".into());
    let bin = std::fs::canonicalize(&bin)
        .map(|p| p.display().to_string())
        .unwrap_or(bin);
    let glossary = std::fs::canonicalize("assets/glossary/deepseek-boeing-moment.toml")
        .map(|p| p.display().to_string())
        .unwrap_or_default();

    // The bundled article: less on the seed file, lesepult with no arguments.
    let seed = std::fs::canonicalize("seeds/deepseek-boeing-moment.txt").expect("the seed");
    println!(
        "bundled article ({} bytes), terminal 120x40",
        std::fs::metadata(&seed).map(|m| m.len()).unwrap_or(0)
    );
    let (first, last) = (first_line(&seed), last_words(&seed));
    let seed_path = seed.display().to_string();
    let seed_name = seed
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    measure(
        "less",
        "less",
        &[&seed_path],
        home.path(),
        Marks {
            first: &first,
            ready: &seed_name,
            last: &last,
        },
        0,
    );
    measure(
        "lesepult",
        &bin,
        &["--from-start"],
        home.path(),
        Marks {
            first: &first,
            ready: "%",
            last: &last,
        },
        0,
    );

    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "\n{} ({:.1} MB), terminal 120x40, lesepult with the article's glossary",
        file.display(),
        size as f64 / 1e6
    );
    let path = file.display().to_string();
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (first, last) = (first_line(&file), last_words(&file));
    measure(
        "less",
        "less",
        &[&path],
        home.path(),
        Marks {
            first: &first,
            ready: &name,
            last: &last,
        },
        PRESSES,
    );
    measure(
        "lesepult",
        &bin,
        &["--from-start", "--glossary", &glossary, &path],
        home.path(),
        Marks {
            first: &first,
            ready: "%",
            last: &last,
        },
        PRESSES,
    );
}
