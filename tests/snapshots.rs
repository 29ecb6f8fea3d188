//! Snapshots of each pane and overlay, drawn into ratatui's TestBackend.

use lesepult::app::{Action, App, Command, update};
use lesepult::config::Config;
use lesepult::document::bundled;
use lesepult::ui::{Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(width: u16, height: u16) -> App {
    App::new(bundled(), Config::builtin().expect("config"), width, height)
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
        update(app, Action::Command(*c));
    }
}

#[test]
fn full_screen_120x40() {
    insta::assert_snapshot!(render(&app(120, 40)));
}

#[test]
fn full_screen_80x24() {
    insta::assert_snapshot!(render(&app(80, 24)));
}

#[test]
fn narrow_screen_with_notes_focused() {
    let mut a = app(80, 24);
    run(&mut a, &[Command::FocusPrevious]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn quote_and_aside_sections() {
    let mut a = app(120, 40);
    run(
        &mut a,
        &[
            Command::NextSection,
            Command::NextSection,
            Command::PageDown,
        ],
    );
    insta::assert_snapshot!(render(&a));
}

#[test]
fn zoomed_article() {
    let mut a = app(120, 30);
    run(&mut a, &[Command::Zoom]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn table_of_contents_overlay() {
    let mut a = app(120, 40);
    run(&mut a, &[Command::TableOfContents, Command::ScrollDown]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn help_overlay() {
    let mut a = app(120, 40);
    run(&mut a, &[Command::Help]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn search_prompt_and_highlight() {
    let mut a = app(120, 40);
    run(&mut a, &[Command::Search]);
    for c in "deepseek".chars() {
        update(&mut a, Action::Input(c));
    }
    insta::assert_snapshot!(render(&a));
}

#[test]
fn too_small() {
    insta::assert_snapshot!(render(&app(20, 5)));
}

#[test]
fn search_matches_are_highlighted_in_the_buffer() {
    let mut a = app(120, 40);
    run(&mut a, &[Command::Search]);
    for c in "deepseek".chars() {
        update(&mut a, Action::Input(c));
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let theme = Theme::new(&a.config.theme, false);
    terminal.draw(|f| draw(&a, &theme, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    // Find "DeepSeek" on the screen and check the cells carry a match style.
    let mut highlighted = 0;
    let mut plain = 0;
    for y in 0..40 {
        let row: String = (0..120)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        if let Some(byte) = row.find("DeepSeek") {
            let x = row[..byte].chars().count() as u16;
            let cell = &buffer[(x, y)];
            if cell.bg == theme.search_match.bg.unwrap_or_default()
                || cell.bg == theme.search_current.bg.unwrap_or_default()
            {
                highlighted += 1;
            }
            let other = &buffer[(x.saturating_sub(2), y)];
            if other.bg == ratatui::style::Color::Reset {
                plain += 1;
            }
        }
    }
    assert!(highlighted >= 2, "matches on screen are highlighted");
    assert!(plain >= 1, "text around a match is not");
}
