//! Benchmarks on a 50 MB German book (issue #7), generated at run time from the bundled
//! article (`lesepult::sample::long_text`; nothing large is committed): open to the first
//! frame, page down, `G`, a percentage jump, search, term matching for one screen, drawing
//! a frame with the glossary on, and the background analysis.
//!
//! `cargo bench --bench big` (about two minutes; the text is written to a temp dir).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use lesepult::app::{Action, App, Command, update};
use lesepult::config::Config;
use lesepult::document::{Document, load_path, search};
use lesepult::glossary::{Glossary, Matcher};
use lesepult::term::compact_backend::CompactBackend;
use lesepult::ui::{Theme, draw};
use ratatui::backend::TestBackend;
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};

/// A fixed time for the actions: 2026-11-28T20:01:02Z.
fn t0() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_795_896_062, 0).unwrap_or_default()
}

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn config() -> Config {
    Config::builtin()
}

/// The app as the binary has it at its first frame: the beginning of the file, the terms
/// known but not yet found (that runs in the background).
fn first_app(path: &std::path::Path) -> App {
    let (doc, rest) = lesepult::cli::open_for_reading(Some(path)).expect("open");
    let mut app = App::new(doc, config(), WIDTH, HEIGHT);
    app.set_glossary_deferred(lesepult::glossary::bundled(), Vec::new());
    if rest.is_some() {
        app.partial_of = Some(std::fs::metadata(path).map_or(0, |m| m.len() as usize));
    }
    app
}

/// The app once the whole book is read and analysed.
fn full_app(doc: Document, glossary: Glossary) -> App {
    let mut app = App::new(doc, config(), WIDTH, HEIGHT);
    app.set_glossary_deferred(lesepult::glossary::bundled(), Vec::new());
    let words = lesepult::vocab::DocWords::build(&app.doc, Some(&glossary));
    app.finish_analysis(glossary, words);
    app
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("buch.txt");
    std::fs::write(&path, lesepult::sample::long_text(50 << 20)).expect("write the book");
    let theme = Theme::new(&config().theme, false);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");

    let mut open = c.benchmark_group("50MB/open");
    open.sample_size(10).warm_up_time(Duration::from_secs(1));
    open.bench_function("first_frame", |b| {
        b.iter(|| {
            let app = first_app(&path);
            terminal.draw(|f| draw(&app, &theme, f)).map(|_| ())
        })
    });
    open.measurement_time(Duration::from_secs(10));
    open.bench_function("read_and_parse_whole_file (background)", |b| {
        b.iter(|| load_path(&path).expect("load"))
    });
    let doc = load_path(&path).expect("load");
    let terms = lesepult::glossary::bundled();
    open.measurement_time(Duration::from_secs(20));
    open.bench_function("find_terms_and_count_words (background)", |b| {
        b.iter(|| {
            let g = Glossary::build(&doc, Vec::new(), terms.clone());
            lesepult::vocab::DocWords::build(&doc, Some(&g))
        })
    });
    open.finish();

    let glossary = Glossary::build(&doc, Vec::new(), terms.clone());
    let mut app = full_app(doc.clone(), glossary);
    let mut keys = c.benchmark_group("50MB/key");
    update(&mut app, Action::Command(Command::PageDown), t0());
    keys.bench_function("page_down_and_up", |b| {
        b.iter(|| {
            update(&mut app, Action::Command(Command::PageDown), t0());
            update(&mut app, Action::Command(Command::PageUp), t0());
        })
    });
    keys.bench_function("G_and_g", |b| {
        b.iter(|| {
            update(&mut app, Action::Command(Command::Bottom), t0());
            update(&mut app, Action::Command(Command::Top), t0());
        })
    });
    let mut percent = 0usize;
    keys.bench_function("percent_jump", |b| {
        b.iter(|| {
            percent = (percent + 37) % 100;
            app.go_to_percent(black_box(percent));
        })
    });
    app.go_to_percent(50);
    keys.bench_function("draw_frame_with_glossary_at_50%", |b| {
        b.iter(|| terminal.draw(|f| draw(&app, &theme, f)).map(|_| ()))
    });
    keys.bench_function("page_down_and_draw", |b| {
        b.iter(|| {
            update(&mut app, Action::Command(Command::PageDown), t0());
            terminal.draw(|f| draw(&app, &theme, f)).map(|_| ())
        })
    });
    // As the binary draws: through the compact backend, escape codes and all (into a sink).
    let mut real = Terminal::with_options(
        CompactBackend::new(std::io::sink(), Size::new(WIDTH, HEIGHT)),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        },
    )
    .expect("terminal");
    // The pages around the screen are wrapped while the binary waits for a key: not timed.
    keys.bench_function("page_down_and_draw_to_terminal", |b| {
        b.iter_custom(|n| {
            let mut total = Duration::ZERO;
            for _ in 0..n {
                app.prefetch();
                let start = std::time::Instant::now();
                update(&mut app, Action::Command(Command::PageDown), t0());
                let _ = real.draw(|f| draw(&app, &theme, f));
                total += start.elapsed();
            }
            total
        })
    });
    keys.finish();

    let mut find = c.benchmark_group("50MB/search");
    find.sample_size(10).warm_up_time(Duration::from_secs(1));
    find.measurement_time(Duration::from_secs(10));
    find.bench_function("whole_text (background thread)", |b| {
        b.iter(|| search::find_all(&doc, black_box("das letzte wort")))
    });
    find.finish();

    // The terms of one screen (about 3,000 bytes of text at 120x40): the paragraphs from
    // the middle of the book on.
    let matcher = Matcher::new(&terms);
    let middle = doc.blocks.len() / 2;
    let mut screen: Vec<&str> = Vec::new();
    let mut bytes = 0;
    for b in middle..doc.blocks.len() {
        if bytes >= 3000 {
            break;
        }
        screen.push(doc.block_text(b));
        bytes += doc.block_text(b).len();
    }
    c.bench_function("50MB/glossary/match_one_screen", |b| {
        b.iter(|| {
            screen
                .iter()
                .map(|t| matcher.find(black_box(t)).len())
                .sum::<usize>()
        })
    });
}

criterion_group!(all, benches);
criterion_main!(all);
