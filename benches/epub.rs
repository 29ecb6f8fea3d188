//! Benchmarks of books (issue #17): a long EPUB generated at run time from the bundled
//! article (`lesepult::sample::long_epub`), opened to its first screen (the first
//! chapters; the rest is read in the background) next to the same text as `.txt`, and
//! read whole (what `G` waits for).
//!
//! `cargo bench --bench epub`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

/// Bytes of text in the book (a long novel; the EPUB is smaller, zipped).
const TEXT: usize = 10 << 20;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let epub = dir.path().join("buch.epub");
    let txt = dir.path().join("buch.txt");
    lesepult::sample::long_epub(&epub, TEXT).expect("write the book");
    std::fs::write(&txt, lesepult::sample::long_text(TEXT)).expect("write the text");
    let mut g = c.benchmark_group("epub");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("first screen: epub", |b| {
        b.iter(|| black_box(lesepult::cli::open_for_reading(Some(&epub)).expect("open")))
    });
    g.bench_function("first screen: same text as txt", |b| {
        b.iter(|| black_box(lesepult::cli::open_for_reading(Some(&txt)).expect("open")))
    });
    g.bench_function("whole book: epub", |b| {
        b.iter(|| black_box(lesepult::document::load_book(&epub, None).expect("book")))
    });
    g.bench_function("whole text: txt", |b| {
        b.iter(|| black_box(lesepult::document::load_path(&txt).expect("text")))
    });
    g.finish();
}

criterion_group!(epub, benches);
criterion_main!(epub);
