//! Benchmarks: opening, wrapping, paging and drawing, on the bundled article and on a
//! generated ~10 MB German text (made at run time from the article; nothing large is
//! committed). A key press should cost the same on both.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lesepult::app::{Action, App, Command, update};
use lesepult::config::Config;
use lesepult::document::{Origin, bundled, parse_str};
use lesepult::layout::wrap_text;
use lesepult::ui::{Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A fixed time for the actions: 2026-11-28T20:01:02Z.
fn t0() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_795_896_062, 0).unwrap_or_default()
}

/// About `mb` megabytes of German text made from the article.
fn big_text(mb: usize) -> String {
    lesepult::sample::long_text(mb << 20)
}

fn app_for(text: &str, w: u16, h: u16) -> App {
    let doc = parse_str(text.to_string(), Origin::Bundled("bench"), "bench", false);
    App::new(doc, Config::builtin(), w, h)
}

fn benches(c: &mut Criterion) {
    let article = bundled().text;
    let big = big_text(10);

    let mut open = c.benchmark_group("open");
    open.sample_size(10);
    for (name, text) in [("article", &article), ("10MB", &big)] {
        open.bench_with_input(BenchmarkId::new("parse", name), text, |b, t| {
            b.iter(|| parse_str(t.clone(), Origin::Bundled("bench"), "bench", false))
        });
    }
    open.finish();

    let mut keys = c.benchmark_group("key");
    for (name, text) in [("article", &article), ("10MB", &big)] {
        let mut app = app_for(text, 120, 40);
        keys.bench_function(BenchmarkId::new("page_down_and_up", name), |b| {
            b.iter(|| {
                update(&mut app, Action::Command(Command::PageDown), t0());
                update(&mut app, Action::Command(Command::PageUp), t0());
            })
        });
        let mut app = app_for(text, 120, 40);
        keys.bench_function(BenchmarkId::new("end_and_start", name), |b| {
            b.iter(|| {
                update(&mut app, Action::Command(Command::Bottom), t0());
                update(&mut app, Action::Command(Command::Top), t0());
            })
        });
        let mut app = app_for(text, 120, 40);
        let mut wide = true;
        keys.bench_function(BenchmarkId::new("resize", name), |b| {
            b.iter(|| {
                wide = !wide;
                let (width, height) = if wide { (120, 40) } else { (100, 30) };
                update(&mut app, Action::Resize { width, height }, t0());
            })
        });
        let app = app_for(text, 120, 40);
        let theme = Theme::new(&app.config.theme, false);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        keys.bench_function(BenchmarkId::new("draw_frame", name), |b| {
            b.iter(|| terminal.draw(|f| draw(&app, &theme, f)).map(|_| ()))
        });
    }
    keys.finish();

    let mut terms = c.benchmark_group("glossary");
    terms.sample_size(20);
    let doc = bundled();
    let glossary_terms = lesepult::glossary::bundled();
    terms.bench_function("build_and_match_whole_article", |b| {
        b.iter(|| lesepult::glossary::Glossary::build(&doc, Vec::new(), glossary_terms.clone()))
    });
    let matcher = lesepult::glossary::Matcher::new(&glossary_terms);
    // About one 120x40 screen of text: the first 3,000 bytes of the article.
    let screen_text = &doc.text[..doc.text.floor_char_boundary(3000)];
    terms.bench_function("match_one_screen", |b| {
        b.iter(|| matcher.find(black_box(screen_text)))
    });
    terms.finish();

    let longest = doc
        .blocks
        .iter()
        .max_by_key(|b| b.text.len())
        .map(|b| &doc.text[b.text.clone()])
        .unwrap_or("");
    let splitter = lesepult::layout::german_splitter();
    c.bench_function("wrap/longest_paragraph_68", |b| {
        b.iter(|| wrap_text(black_box(longest), 0, 68, false, None))
    });
    c.bench_function("wrap/longest_paragraph_68_hyphenated", |b| {
        b.iter(|| wrap_text(black_box(longest), 0, 68, false, splitter))
    });
}

criterion_group!(all, benches);
criterion_main!(all);
