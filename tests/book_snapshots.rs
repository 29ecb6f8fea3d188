//! Snapshots of a book's chapter and contents, and of a web page, drawn into ratatui's
//! TestBackend. The book is zipped by the test from small XHTML files.

mod common;

use lesepult::app::{Action, App, Command, update};
use lesepult::config::Config;
use lesepult::document::{Document, load_book, load_path};
use lesepult::ui::{Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn t0() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_795_896_062, 0).unwrap_or_default()
}

fn render(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let theme = Theme::new(&app.config.theme, false);
    terminal.draw(|f| draw(app, &theme, f)).expect("draw");
    terminal.backend().to_string()
}

fn run(app: &mut App, commands: &[Command]) {
    for c in commands {
        update(app, Action::Command(*c), t0());
    }
}

fn book() -> (tempfile::TempDir, Document) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("verwandlung.epub");
    common::book::small_book(&path);
    let (doc, complete) = load_book(&path, None).expect("book");
    assert!(complete);
    (dir, doc)
}

#[test]
fn a_book_chapter_zoomed() {
    let (_dir, doc) = book();
    let mut a = App::new(doc, Config::builtin(), 90, 44);
    run(&mut a, &[Command::Zoom]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn a_book_contents() {
    let (_dir, doc) = book();
    let mut a = App::new(doc, Config::builtin(), 100, 30);
    run(&mut a, &[Command::TableOfContents]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn a_news_page_zoomed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("radwege.html");
    std::fs::write(&path, common::book::NEWS_PAGE).expect("write");
    let doc = load_path(&path).expect("page");
    let mut a = App::new(doc, Config::builtin(), 90, 24);
    run(&mut a, &[Command::Zoom]);
    insta::assert_snapshot!(render(&a));
}
