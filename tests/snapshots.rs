//! Snapshots of each pane and overlay, drawn into ratatui's TestBackend.

use lesepult::app::{Action, App, Command, update};
use lesepult::config::Config;
use lesepult::document::bundled;
use lesepult::ui::{Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A fixed time for the actions: 2026-11-28T20:01:02Z.
fn t0() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_795_896_062, 0).unwrap_or_default()
}

fn app(width: u16, height: u16) -> App {
    App::new(bundled(), Config::builtin(), width, height)
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
        update(&mut a, Action::Input(c), t0());
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
        update(&mut a, Action::Input(c), t0());
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

fn with_glossary(width: u16, height: u16) -> App {
    let mut a = app(width, height);
    a.set_glossary(lesepult::glossary::bundled(), Vec::new());
    a
}

#[test]
fn glossary_pane_list_focused_and_filtered() {
    let mut a = with_glossary(120, 40);
    run(&mut a, &[Command::FocusNext]);
    insta::assert_snapshot!("glossary_list", render(&a));
    for c in "wettb".chars() {
        update(&mut a, Action::Input(c), t0());
    }
    insta::assert_snapshot!("glossary_filtered", render(&a));
}

#[test]
fn glossary_entry_open() {
    let mut a = with_glossary(120, 40);
    run(&mut a, &[Command::FocusNext]);
    for c in "leerverkaeufe".chars() {
        update(&mut a, Action::Input(c), t0());
    }
    run(&mut a, &[Command::Confirm]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn glossary_entry_at_80x24_after_a_lookup() {
    let mut a = with_glossary(80, 24);
    run(&mut a, &[Command::NextWord; 6]);
    run(&mut a, &[Command::Lookup]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn correct_lemma_prompt() {
    let mut a = with_glossary(80, 24);
    a.mode = lesepult::app::Mode::CorrectLemma {
        word: "Jungen".into(),
        was: "Junge".into(),
        input: "der Junge".into(),
    };
    insta::assert_snapshot!(render(&a));
}

#[test]
fn a_kept_part_is_drawn_selected_and_the_words_after_it_are_not() {
    let mut a = with_glossary(120, 40);
    // The title's first word kept as a part, the third selected: both are drawn selected.
    run(
        &mut a,
        &[Command::NextWord, Command::Select, Command::MarkPart],
    );
    run(
        &mut a,
        &[Command::NextWord, Command::NextWord, Command::Select],
    );
    assert_eq!(a.parts.len(), 1);
    let (buffer, theme) = drawn(&a);
    let row_text = |y: u16| row_of(&buffer, y);
    let y = (0..40)
        .find(|&y| row_text(y).contains("DeepSeek: China"))
        .expect("title");
    let x_of = |word: &str| {
        let line = row_text(y);
        line[..line.find(word).unwrap_or(0)].chars().count() as u16
    };
    let selected = theme.selection.bg;
    assert_eq!(
        Some(buffer[(x_of("DeepSeek"), y)].bg),
        selected,
        "the kept part"
    );
    assert_ne!(
        Some(buffer[(x_of("China"), y)].bg),
        selected,
        "a word between"
    );
}

#[test]
fn add_term_form() {
    let mut a = with_glossary(120, 40);
    run(&mut a, &[Command::NextWord, Command::AddTerm]);
    for c in "to reveal".chars() {
        update(&mut a, Action::Input(c), t0());
    }
    insta::assert_snapshot!(render(&a));
}

/// The app drawn at 120×40, with its theme.
fn drawn(a: &App) -> (ratatui::buffer::Buffer, Theme) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let theme = Theme::new(&a.config.theme, false);
    terminal.draw(|f| draw(a, &theme, f)).expect("draw");
    (terminal.backend().buffer().clone(), theme)
}

/// The symbols of one row of a 120-column buffer.
fn row_of(buffer: &ratatui::buffer::Buffer, y: u16) -> String {
    (0..120)
        .map(|x| buffer[(x, y)].symbol().to_string())
        .collect()
}

#[test]
fn terms_and_the_word_cursor_are_styled_in_the_article() {
    let mut a = with_glossary(120, 40);
    run(&mut a, &[Command::NextWord]);
    let (buffer, theme) = drawn(&a);
    let row_text = |y: u16| row_of(&buffer, y);
    // The cursor is on the first word of the title, drawn reversed.
    let title_row = (0..40)
        .find(|&y| row_text(y).contains("DeepSeek: China"))
        .expect("title");
    let x = row_text(title_row)
        .find("DeepSeek")
        .map(|b| row_text(title_row)[..b].chars().count() as u16)
        .expect("x");
    assert!(
        buffer[(x, title_row)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    // "Rechenzentren" is a glossary term: underlined in the term colour.
    let (y, line) = (0..40)
        .map(|y| (y, row_text(y)))
        .find(|(_, l)| l.contains("Rechenzentren"))
        .expect("on screen");
    let x = line[..line.find("Rechenzentren").unwrap_or(0)]
        .chars()
        .count() as u16;
    assert!(
        buffer[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
    assert_eq!(Some(buffer[(x, y)].fg), theme.term.fg);
    // "Unternehmen" alone is not a term.
    let (y, line) = (0..40)
        .map(|y| (y, row_text(y)))
        .find(|(_, l)| l.contains("Das chinesische Unternehmen"))
        .expect("lead");
    let x = line[..line.find("Unternehmen").unwrap_or(0)]
        .chars()
        .count() as u16;
    assert!(
        !buffer[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
}

#[test]
fn note_editor() {
    let mut a = with_glossary(120, 40);
    run(&mut a, &[Command::NextParagraph, Command::AddNote]);
    for c in "Zwei Zeilen über „Größe“".chars() {
        update(&mut a, Action::EditorKey(key(c)), t0());
    }
    update(
        &mut a,
        Action::EditorKey(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Enter,
        )),
        t0(),
    );
    for c in "und #tags".chars() {
        update(&mut a, Action::EditorKey(key(c)), t0());
    }
    insta::assert_snapshot!(render(&a));
}

#[test]
fn note_editor_wraps_a_long_line() {
    let mut a = with_glossary(120, 40);
    run(&mut a, &[Command::NextParagraph, Command::AddNote]);
    let long = "Eine lange Zeile ohne Zeilenumbruch, die breiter ist als der Bereich der Notizen \
                und deshalb an Wortgrenzen umbrochen wird, damit man sie ganz lesen kann.";
    for c in long.chars() {
        update(&mut a, Action::EditorKey(key(c)), t0());
    }
    let screen = render(&a);
    assert!(screen.contains("ganz lesen kann."), "{screen}");
    insta::assert_snapshot!(screen);
}

fn key(c: char) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c))
}

fn type_note(a: &mut App, text: &str) {
    for c in text.chars() {
        let k = if c == '\n' {
            crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Enter)
        } else {
            key(c)
        };
        update(a, Action::EditorKey(k), t0());
    }
    run(a, &[Command::SaveNote]);
}

#[test]
fn notes_pane_with_notes() {
    let mut a = with_glossary(120, 40);
    run(&mut a, &[Command::NextParagraph, Command::AddNote]);
    type_note(&mut a, "Ein Absatz-Kommentar\nmit zweiter Zeile #absatz");
    run(
        &mut a,
        &[
            Command::Cancel,
            Command::NextWord,
            Command::NextWord,
            Command::Select,
            Command::NextWord,
            Command::NextWord,
            Command::AddNote,
        ],
    );
    type_note(&mut a, "Eine Auswahl #auswahl");
    // Dates are those of the actions (t0), not of the day the test runs.
    assert_eq!(a.view.focus, lesepult::app::PaneId::Notes);
    insta::assert_snapshot!(render(&a));
}

fn with_vocabulary() -> App {
    let mut a = with_glossary(120, 40);
    a.set_vocabulary(lesepult::vocab::Vocabulary::default());
    // Mark the title's words: 1-5 and well known, then the page.
    run(
        &mut a,
        &[
            Command::NextWord,
            Command::Status1,
            Command::NextWord,
            Command::Status3,
        ],
    );
    run(
        &mut a,
        &[Command::NextWord, Command::Status5, Command::PageKnown],
    );
    // P asks first: yes.
    update(&mut a, Action::Input('y'), t0());
    a
}

#[test]
fn vocabulary_stats_overlay() {
    let mut a = with_vocabulary();
    run(&mut a, &[Command::Stats]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn review_card_before_and_after_the_answer() {
    let mut a = with_vocabulary();
    run(&mut a, &[Command::Review]);
    insta::assert_snapshot!("review_card_question", render(&a));
    run(&mut a, &[Command::PageDown]);
    insta::assert_snapshot!("review_card_answer", render(&a));
}

fn app_for_text(text: String, width: u16, height: u16) -> App {
    let doc = lesepult::document::parse_str(
        text,
        lesepult::document::Origin::Bundled("book"),
        "book",
        false,
    );
    App::new(doc, Config::builtin(), width, height)
}

#[test]
fn contents_while_the_rest_of_a_file_is_read() {
    let mut a = app(120, 40);
    // Only a tenth of the file is here so far.
    a.partial_of = Some(a.doc.text.len() * 10);
    run(&mut a, &[Command::TableOfContents]);
    let screen = render(&a);
    assert!(
        screen.contains("Contents (reading the rest of the file…)"),
        "{screen}"
    );
    let last = a.doc.headings().last().copied().expect("headings");
    let text = a.doc.block_text(last).to_string();
    let row = screen
        .lines()
        .find(|l| l.contains(&text))
        .expect("the last heading is listed");
    // Its position counts the whole file: under 10 %.
    assert!(
        row.contains("  7%") || row.contains("  8%") || row.contains("  9%"),
        "{row}"
    );
}

#[test]
fn a_term_entry_lists_a_window_of_its_sentences() {
    // Tall enough to show the whole entry.
    let mut a = app_for_text(lesepult::sample::long_text(200_000), 120, 400);
    a.set_glossary(lesepult::glossary::bundled(), Vec::new());
    run(&mut a, &[Command::FocusNext]);
    for c in "Big Tech".chars() {
        update(&mut a, Action::Input(c), t0());
    }
    run(&mut a, &[Command::Confirm]);
    let t = a
        .terms
        .glossary
        .terms
        .iter()
        .position(|t| t.lemma == "Big Tech")
        .expect("Big Tech");
    let count = a.terms.glossary.count(t);
    assert!(count > 40, "{count} occurrences");
    let screen = render(&a);
    assert!(
        screen.contains(&format!("In the text ({count}):")),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("… {} more", count - 40)),
        "{screen}"
    );
}

#[test]
fn the_notes_pane_says_while_the_notes_are_still_read() {
    let mut a = app(120, 40);
    a.notebook.pending = true;
    let screen = render(&a);
    assert!(screen.contains("Reading your notes…"), "{screen}");
    assert!(!screen.contains("No notes on this document yet."));
    // In a long file, the notes are read with the rest of the file.
    a.partial_of = Some(a.doc.text.len() * 10);
    assert!(render(&a).contains("Your notes are read once"));
    lesepult::app::notes_keys::attach_notes(&mut a, Vec::new(), Vec::new());
    assert!(render(&a).contains("No notes on this document yet."));
}

#[test]
fn the_status_line_says_the_match_count_once() {
    let mut a = app(120, 40);
    run(&mut a, &[Command::Search]);
    for c in "deepseek".chars() {
        update(&mut a, Action::Input(c), t0());
    }
    run(&mut a, &[Command::Confirm, Command::NextMatch]);
    let screen = render(&a);
    let status = screen.lines().last().unwrap_or_default();
    let count = a.search.as_ref().map_or(0, |s| s.matches.len());
    assert_eq!(
        status.matches(&format!(" of {count}")).count(),
        1,
        "{status}"
    );
}

#[test]
fn markdown_lists_tables_and_code() {
    let md = "# Titel\n\n- Erster Punkt mit Äpfeln\n  - Verschachtelt: Öl\n    - Noch tiefer: Überfluss, und dieser Punkt ist lang, damit er umbrechen muss.\n  1. nummeriert\n- [x] erledigt\n\n| Wort | Artikel |\n|---|---|\n| Straße | die |\n\n```\nfn main() {\n\tlet eine_sehr_lange_zeile_die_umbricht = 1;\n}\n```\n";
    let doc = lesepult::document::parse_str(
        md.to_string(),
        lesepult::document::Origin::Bundled("md"),
        "md",
        true,
    );
    let mut a = App::new(doc, Config::builtin(), 60, 24);
    run(&mut a, &[Command::Zoom]);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn a_wide_table_scrolls_sideways() {
    let header: Vec<String> = (1..=12).map(|i| format!("Spalte {i:02}")).collect();
    let cells: Vec<String> = (1..=12).map(|i| format!("Größe {i:02} ü")).collect();
    let md = format!(
        "# Tabelle\n\nDavor ein Absatz.\n\n| {} |\n|{}\n| {} |\n",
        header.join(" | "),
        "---|".repeat(12),
        cells.join(" | ")
    );
    let doc =
        lesepult::document::parse_str(md, lesepult::document::Origin::Bundled("md"), "md", true);
    let mut a = App::new(doc, Config::builtin(), 80, 24);
    let before = render(&a);
    assert!(
        before.contains("Spalte 01") && !before.contains("Spalte 12"),
        "{before}"
    );
    assert!(before.contains('›'), "{before}");
    run(
        &mut a,
        &[
            Command::ScrollRight,
            Command::ScrollRight,
            Command::ScrollRight,
        ],
    );
    let after = render(&a);
    assert!(
        after.contains("Spalte 12") && after.contains('‹'),
        "{after}"
    );
    assert!(
        after.contains("Davor ein Absatz."),
        "prose is not scrolled: {after}"
    );
    insta::assert_snapshot!(after);
}

#[test]
fn help_overlay_in_a_narrow_terminal_wraps_its_descriptions() {
    let mut a = app(40, 24);
    run(&mut a, &[Command::Help]);
    let screen = render(&a);
    for c in Command::ALL.iter().take(3) {
        let first_word = c.description().split(' ').next().unwrap_or_default();
        assert!(screen.contains(first_word), "{screen}");
    }
    let overlay: Vec<&str> = screen.lines().filter(|l| l.contains('│')).collect();
    assert!(
        overlay.iter().all(|l| !l.contains('…')),
        "nothing is cut off: {screen}"
    );
    insta::assert_snapshot!(screen);
    // Scrolled to the end, the last command shows whole.
    for _ in 0..Command::ALL.len() * 3 {
        run(&mut a, &[Command::ScrollDown]);
    }
    let end = render(&a);
    let last = Command::ALL
        .last()
        .map(|c| c.description())
        .unwrap_or_default();
    let last_words: Vec<&str> = last.split_whitespace().collect();
    assert!(end.contains(last_words[last_words.len() - 1]), "{end}");
}

#[test]
fn wrapped_dialog_lines_keep_off_the_border() {
    let mut a = app(60, 24);
    a.notebook.status.backup = Some(Vec::new());
    a.notebook.status.recovery = Some(std::path::PathBuf::from(
        "/home/leserin/.local/share/lesepult/notes/deepseek-boeing-moment.recovery.toml",
    ));
    a.mode = lesepult::app::Mode::AskBackup;
    let screen = render(&a);
    let dialog: Vec<&str> = screen.lines().filter(|l| l.contains('│')).collect();
    assert!(dialog.len() > 3, "{screen}");
    for row in dialog {
        let inside = row.split('│').nth(1).unwrap_or_default();
        assert!(
            inside.starts_with(' ') && inside.ends_with(' '),
            "text touches the border: {row}"
        );
    }
}

#[test]
fn an_indented_hard_wrapped_handbook_is_reflowed() {
    let text = include_str!("data/texts/handbuch.txt").to_string();
    let mut a = app_for_text(text, 80, 24);
    // To "1. Einleitung": the title, then "Inhaltsverzeichnis", then the section.
    run(&mut a, &[Command::NextSection, Command::NextSection]);
    let screen = render(&a);
    assert!(screen.contains("1. Einleitung"), "{screen}");
    assert!(screen.contains("regelmäßig"), "{screen}");
    // No run of spaces inside a paragraph's row (the panes' padding aside).
    for row in screen
        .lines()
        .filter(|l| l.contains("Paketverwalter installiert"))
    {
        let inner = row.trim_matches(|c: char| "┃│\" ".contains(c));
        assert!(!inner.contains("  "), "{row}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn the_handbook_at_120x40_keeps_its_session_and_table() {
    let text = include_str!("data/texts/handbuch.txt").to_string();
    let mut a = app_for_text(text, 120, 40);
    run(
        &mut a,
        &[
            Command::NextSection,
            Command::NextSection,
            Command::NextSection,
        ],
    );
    let screen = render(&a);
    insta::assert_snapshot!(screen);
}
