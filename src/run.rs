//! The edges: command line, files and the terminal event loop.

use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::app::{
    ANALYSE_IN_BACKGROUND, Action, App, Effect, Mode, UserGlossary, notes_keys, update,
};
use crate::cli::{Cli, Subcommands};
use crate::config::{Config, DEFAULT_CONFIG};
use crate::document::{self, Document};
use crate::effects::Progress;
use crate::glossary::user::UserGlossaryStore;
use crate::notes::NotesStore;
use crate::notes::export::Format;
use crate::paths::Paths;
use crate::terminal::{TerminalGuard, termination_flag};
use crate::ui::{self, Theme};
use crate::vocab::store::VocabStore;
use crate::{commands, dict, effects, glossary, resume, sources, storage};
use ratatui::layout::Rect;

/// How a run failed: bad input (exit code 2) or a failure while running (exit code 1).
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

fn bad_input(error: impl Into<anyhow::Error>) -> Failure {
    Failure {
        code: 2,
        error: error.into(),
    }
}

fn failed(error: impl Into<anyhow::Error>) -> Failure {
    Failure {
        code: 1,
        error: error.into(),
    }
}

/// Minimum time between two saves of the reading position while scrolling.
const SAVE_INTERVAL: Duration = Duration::from_secs(1);

/// Run the command line.
pub fn main(cli: Cli) -> Result<(), Failure> {
    if cli.print_default_config {
        print!("{DEFAULT_CONFIG}");
        return Ok(());
    }
    let paths = Paths::from_env().map_err(bad_input)?;
    match cli.command {
        Some(Subcommands::Paths) => {
            commands::paths(&paths);
            return Ok(());
        }
        Some(Subcommands::Glossary {
            word,
            doc,
            glossary,
            json,
        }) => {
            let doc = open(doc.as_deref())?;
            return commands::glossary(&doc, glossary.as_deref(), &paths, word.as_deref(), json)
                .map_err(|e| Failure {
                    code: e.code,
                    error: anyhow::anyhow!(e.message),
                });
        }
        Some(Subcommands::Lookup {
            word,
            sentence,
            doc,
            json,
        }) => {
            let config = Config::load(&paths.config_file).map_err(bad_input)?;
            let doc = open(doc.as_deref())?;
            return commands::lookup(&doc, &paths, &config, &word, sentence.as_deref(), json)
                .map_err(command_failure);
        }
        Some(Subcommands::Dict {
            command: crate::cli::DictCommand::List,
        }) => {
            let config = Config::load(&paths.config_file).map_err(bad_input)?;
            commands::dict_list(&paths, &config);
            return Ok(());
        }
        Some(Subcommands::Notes { doc, json }) => {
            let doc = open(doc.as_deref())?;
            return commands::notes(&doc, &paths, json).map_err(command_failure);
        }
        Some(Subcommands::Export {
            format,
            doc,
            output,
            glossary,
            vocab,
        }) => {
            let doc = open(doc.as_deref())?;
            let format = if vocab { Format::AnkiVocab } else { format };
            return commands::export(&doc, &paths, format, output.as_deref(), glossary.as_deref())
                .map_err(command_failure);
        }
        None => {}
    }
    if !cli.more_paths.is_empty() {
        return Err(bad_input(anyhow::anyhow!(
            "lesepult reads one text at a time ({} paths given); open them one after the other",
            cli.more_paths.len() + 1
        )));
    }
    // Everything that can be wrong with the input is checked before raw mode.
    let config = Config::load(&paths.config_file).map_err(bad_input)?;
    let (doc, full) = open_for_reading(cli.path.as_deref())?;
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(bad_input(anyhow::anyhow!(
            "standard output is not a terminal: lesepult shows the text on one \
             (`lesepult notes` and `lesepult export` write to a pipe or a file)"
        )));
    }
    read(
        doc,
        full,
        config,
        &paths,
        cli.from_start,
        cli.glossary.as_deref(),
    )
}

fn command_failure(e: commands::CommandError) -> Failure {
    Failure {
        code: e.code,
        error: anyhow::anyhow!(e.message),
    }
}

/// The document at `path` (`-`: standard input), or without one the text piped in, or
/// else the bundled article.
fn open(path: Option<&std::path::Path>) -> Result<Document, Failure> {
    match path {
        Some(path) if path == std::path::Path::new("-") => {
            document::load_stdin().map_err(bad_input)
        }
        Some(path) => document::load_path(path).map_err(bad_input),
        None if stdin_is_a_pipe() => document::load_stdin().map_err(bad_input),
        None => Ok(document::bundled()),
    }
}

/// Whether standard input is a pipe (`cat text.txt | lesepult`), as `less` reads it then.
/// Not a terminal, and not /dev/null or a file a script left it on.
fn stdin_is_a_pipe() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata("/dev/stdin").is_ok_and(|m| m.file_type().is_fifo())
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Files longer than this (bytes) show their beginning at once and load the rest in the
/// background.
const OPEN_LAZILY: usize = 4 << 20;

/// How much of a long file is shown at once (about twenty screens).
const FIRST_PART: usize = 64 << 10;

/// A long file's beginning, and a thread reading the whole of it.
type FullLoad = std::sync::mpsc::Receiver<Result<Document, document::LoadError>>;

/// The document to show first, and the file to read whole if that was only its beginning.
pub fn open_for_reading(
    path: Option<&std::path::Path>,
) -> Result<(Document, Option<std::path::PathBuf>), Failure> {
    if let Some(path) = path.filter(|p| *p != std::path::Path::new("-"))
        && let Some(prefix) =
            document::load_prefix(path, OPEN_LAZILY, FIRST_PART).map_err(bad_input)?
    {
        return Ok((prefix, Some(path.to_path_buf())));
    }
    Ok((open(path)?, None))
}

/// Read a whole file on a thread.
fn load_in_background(path: std::path::PathBuf) -> FullLoad {
    // For the end-to-end tests only: a slow disk, so that keys come while the file is read.
    let delay = std::env::var("LESEPULT_TEST_SLOW_LOAD_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map(Duration::from_millis);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if let Some(delay) = delay {
            std::thread::sleep(delay);
        }
        let _ = tx.send(document::load_path(&path));
    });
    rx
}

/// Glossary results of a long text's background analysis.
type Analysis = std::sync::mpsc::Receiver<(glossary::Glossary, crate::vocab::DocWords)>;

/// Find the app's terms in its text and count the words, on a thread.
fn analyse_in_background(app: &App) -> Analysis {
    let doc = std::sync::Arc::clone(&app.doc);
    let (user, document) = (app.user_terms.clone(), app.document_terms.clone());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let glossary = glossary::Glossary::build(&doc, user, document);
        let words = crate::vocab::DocWords::build(&doc, Some(&glossary));
        let _ = tx.send((glossary, words));
    });
    rx
}

/// Everything that needs the whole text: the saved position, the notes, and for a long
/// text the glossary's occurrences and the word counts (found in the background, for the
/// terms the app has then: the user may have added some while the text was read).
struct Attach<'a> {
    paths: &'a Paths,
    /// Go to the saved position (not if the first frame already did, or `--from-start`).
    resume: bool,
}

impl Attach<'_> {
    fn run(self, app: &mut App, problems: &mut Vec<String>) -> (NotesStore, Option<Analysis>) {
        if self.resume {
            resume_position(app, self.paths);
        }
        let notes_dir = self.paths.notes_dir();
        storage::remove_stale_temps(&notes_dir);
        let (store, loaded) = NotesStore::open(&notes_dir, &app.doc);
        let analysis =
            (app.doc.text.len() > ANALYSE_IN_BACKGROUND).then(|| analyse_in_background(app));
        notes_keys::attach_notes(app, loaded.notes, loaded.deleted);
        let mut store = store;
        if store.has_merged_recovery() {
            effects::save_notes(app, &mut store);
            if !store.has_merged_recovery() {
                app.info("Notes from the recovery file are back in the notes file.");
            }
        }
        if let Some(bad) = &loaded.unreadable {
            app.notes_status.recovery = Some(store.recovery_path.clone());
            let from = if loaded.from_recovery {
                format!(" Notes were read from {}.", store.recovery_path.display())
            } else {
                String::new()
            };
            problems.push(format!(
                "Notes file broken: {bad}. It is left as it is; new notes go to {}.{from}",
                store.recovery_path.display()
            ));
            if let Some(backup) = bad.backup.clone().filter(|b| !b.is_empty()) {
                app.notes_status.backup = Some(backup);
                app.mode = Mode::AskBackup;
            }
        }
        (store, analysis)
    }
}

/// Go to the place saved for this very text, if there is one.
fn resume_position(app: &mut App, paths: &Paths) {
    if let Some(anchor) = resume::load(&paths.positions_dir(), &app.doc) {
        app.go_to_anchor(anchor);
        let pct = app.percent();
        app.info(format!(
            "Resumed where you left off ({pct}%). g goes to the start."
        ));
    }
}

/// What is read from disk right after the first frame: the glossaries, the vocabulary
/// and (for a text read whole) the notes, with their problems as one message.
struct Started<'a> {
    store: Option<NotesStore>,
    analysis: Option<Analysis>,
    vocab_store: VocabStore,
    glossary_store: UserGlossaryStore,
    /// For a long file: what waits for the whole text.
    attach: Option<Attach<'a>>,
}

fn start<'a>(
    app: &mut App,
    paths: &'a Paths,
    glossary_file: Option<&std::path::Path>,
    whole: bool,
    resume: bool,
) -> Started<'a> {
    storage::remove_stale_temps(&paths.positions_dir());
    storage::remove_stale_temps(&paths.data_dir);
    // Glossaries: a broken file is a message, and the document opens all the same.
    let mut problems = Vec::new();
    let document_terms = sources::document_terms(&app.doc, glossary_file).unwrap_or_else(|e| {
        problems.push(e.to_string());
        Vec::new()
    });
    let (glossary_store, user_terms, broken) = UserGlossaryStore::open(&paths.data_dir);
    if let Some(e) = &broken {
        problems.push(format!("{e} (your glossary; it will not be overwritten)"));
    }
    app.user_glossary = Some(UserGlossary {
        path: glossary_store.path.clone(),
        broken: broken.map(|e| e.to_string()),
    });
    let (vocab_store, mut vocabulary, vocab_problem) = VocabStore::open(&paths.data_dir);
    if let Some(p) = vocab_problem {
        problems.push(p);
    }
    // Entries from before the lexicon: moved to their right lemma or marked doubtful,
    // and saved so (the file's previous version stays as its backup).
    let migration = crate::vocab::migrate::migrate(&mut vocabulary);
    // The terms and the vocabulary are the app's from now on, also while the rest of a
    // long file is read (a status or a term set meanwhile is kept, and saved over nothing
    // older). A long text's occurrences and word counts are found in the background.
    if whole && app.doc.text.len() <= ANALYSE_IN_BACKGROUND {
        app.set_glossary(document_terms, user_terms);
        app.set_vocabulary(vocabulary);
        app.analysing = false;
    } else {
        app.set_glossary_deferred(document_terms, user_terms);
        app.vocab = vocabulary;
    }
    let attach = Attach { paths, resume };
    let mut started = Started {
        store: None,
        analysis: None,
        vocab_store,
        glossary_store,
        attach: None,
    };
    if whole {
        let (store, analysis) = attach.run(app, &mut problems);
        started.store = Some(store);
        started.analysis = analysis;
    } else {
        started.attach = Some(attach);
    }
    if !migration.is_empty() {
        app.vocab_unsaved = true;
    }
    if !problems.is_empty() {
        if !migration.is_empty() {
            problems.push(migration.message());
        }
        app.error(problems.join(" · "));
    } else if !migration.is_empty() {
        app.info(migration.message());
    }
    started
}

fn read(
    doc: Document,
    rest: Option<std::path::PathBuf>,
    config: Config,
    paths: &Paths,
    from_start: bool,
    glossary_file: Option<&std::path::Path>,
) -> Result<(), Failure> {
    let positions = paths.positions_dir();
    // Dictionaries are opened in the background: the first frame does not wait for them.
    let folders = dict::folders(
        paths.data_dir.parent(),
        &config.dictionary_folders,
        config.standard_dictionary_folders,
    );
    // Started after the first frame: on two cores, background work would delay it.
    let mut dictionaries: Option<effects::DictionaryLoader> = None;
    let mut folders = Some(folders);

    let terminate = termination_flag().map_err(failed)?;
    let theme = Theme::new(&config.theme, Theme::no_color_from_env());
    // The first frame is laid out and drawn before the terminal is touched, then written
    // at once. It shows the text at its saved place; the glossary, the word counts and the
    // notes follow in the next frame, a few milliseconds later.
    let (width, height) = crossterm::terminal::size().map_err(|e| {
        bad_input(anyhow::anyhow!(
            "no terminal to show the text on (/dev/tty: {e}); run lesepult in a terminal"
        ))
    })?;
    let mut app = App::new(doc, config, width, height);
    let whole = rest.is_none();
    if whole && !from_start {
        resume_position(&mut app, paths);
    }
    app.notes_pending = true;
    if whole {
        app.analysing = true;
    } else {
        app.partial_of = rest
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok())
            .and_then(|m| usize::try_from(m.len()).ok());
        app.info("Reading the rest of the file…");
    }
    let first = ui::render(&app, &theme, Rect::new(0, 0, width, height));
    let mut guard = TerminalGuard::enter(first).map_err(failed)?;
    let mut pending_start = true;
    let mut attach: Option<Attach> = None;
    let mut store: Option<NotesStore> = None;
    let mut analysis: Option<Analysis> = None;
    let mut vocab_store: Option<VocabStore> = None;
    let mut glossary_store: Option<UserGlossaryStore> = None;
    let mut rest = rest;
    let mut full: Option<FullLoad> = None;
    let mut search: Option<effects::SearchJob> = None;

    let mut position = PositionSaver {
        dir: positions,
        last: Instant::now(),
        pending: false,
        error: None,
    };
    // For the end-to-end test of the panic hook only.
    let panic_for_test = std::env::var_os("LESEPULT_TEST_PANIC").is_some();
    // A frame is drawn only when something changed: an idle reader writes nothing.
    let mut dirty = false;
    loop {
        if dirty {
            guard
                .terminal
                .draw(|frame| ui::draw(&app, &theme, frame))
                .map_err(failed)?;
            dirty = false;
        }
        if panic_for_test {
            panic!("LESEPULT_TEST_PANIC is set");
        }
        if pending_start {
            pending_start = false;
            let started = start(&mut app, paths, glossary_file, whole, !from_start && !whole);
            (store, analysis, attach) = (started.store, started.analysis, started.attach);
            vocab_store = Some(started.vocab_store);
            glossary_store = Some(started.glossary_store);
            dirty = true;
            continue;
        }
        // After the first frame: start the background work.
        if let Some(f) = folders.take() {
            dictionaries = Some(effects::DictionaryLoader::start(f));
        }
        if let Some(path) = rest.take() {
            full = Some(load_in_background(path));
        }
        if app.quit {
            break;
        }
        let action = if terminate.load(std::sync::atomic::Ordering::Relaxed) {
            Action::Terminate
        } else {
            match next_action(&mut app).map_err(failed)? {
                Some(action) => action,
                None => continue,
            }
        };
        let idle = action == Action::Tick;
        dirty |= !idle;
        for effect in update(&mut app, action) {
            match effect {
                Effect::SavePosition => position.pending = true,
                Effect::Quit => {}
                Effect::SaveUserGlossary => save_user_glossary(&mut app, glossary_store.as_mut()),
                Effect::SaveNotes => match &mut store {
                    Some(s) => effects::save_notes(&mut app, s),
                    None => app.info("Notes are saved as soon as the whole text is loaded."),
                },
                Effect::Export { format, path } => effects::export(&mut app, format, &path),
                Effect::WriteNotesTo(path) => effects::write_notes_to(&mut app, &path),
                Effect::ExternalEditor => effects::external_editor(&mut app, &mut guard),
                Effect::Lookup(word) => {
                    let d = dictionaries.get_or_insert_with(|| {
                        effects::DictionaryLoader::start(folders.take().unwrap_or_default())
                    });
                    if effects::lookup(&mut app, d.get(), &word)
                        && let Some(vs) = &mut vocab_store
                    {
                        effects::save_vocab(&mut app, vs);
                    }
                }
                Effect::SaveVocab => {
                    if let Some(vs) = &mut vocab_store {
                        effects::save_vocab(&mut app, vs);
                    }
                }
                Effect::Search(query) => {
                    if let Some(job) = search.take() {
                        job.cancel();
                    }
                    search = Some(effects::SearchJob::start(
                        std::sync::Arc::clone(&app.doc),
                        query,
                    ));
                }
                Effect::CancelSearch => {
                    if let Some(job) = search.take() {
                        job.cancel();
                    }
                }
                Effect::Speak(text) => effects::speak(&mut app, &text),
                // A newer analysis replaces one still running (its result is dropped).
                Effect::Analyse => analysis = Some(analyse_in_background(&app)),
            }
        }
        if let Some(d) = &mut dictionaries {
            dirty |= d.poll(&mut app);
        }
        if let Some(rx) = &full
            && let Ok(loaded) = rx.try_recv()
        {
            full = None;
            dirty = true;
            match loaded {
                Ok(doc) => {
                    app.replace_document(doc);
                    app.info("The whole text is loaded.");
                }
                Err(e) => {
                    app.partial_of = None;
                    app.error(format!("{e}: only the beginning is shown."));
                }
            }
            if let Some(a) = attach.take() {
                let mut problems = Vec::new();
                let (s, an) = a.run(&mut app, &mut problems);
                store = Some(s);
                analysis = an;
                if !problems.is_empty() {
                    app.error(problems.join(" · "));
                }
                if app.notes_status.unsaved
                    && let Some(s) = &mut store
                {
                    effects::save_notes(&mut app, s);
                }
            }
        }
        if let Some(job) = &search {
            match job.poll(&mut app) {
                Progress::Waiting => {}
                Progress::Changed => dirty = true,
                Progress::Finished => {
                    search = None;
                    dirty = true;
                }
            }
        }
        if let Some(rx) = &analysis
            && let Ok((glossary, words)) = rx.try_recv()
        {
            app.finish_analysis(glossary, words);
            analysis = None;
            dirty = true;
        }
        // Written when the keys rest (never between a key and its frame), at most once
        // a second, and on leaving.
        if idle && position.pending && position.last.elapsed() >= SAVE_INTERVAL {
            dirty |= position.save(&mut app);
        }
    }
    let _ = position.save(&mut app);
    drop(guard);
    if let Some(e) = position.error {
        eprintln!("lesepult: {e}");
    }
    if app.vocab_unsaved
        && let Some(vs) = &mut vocab_store
    {
        effects::save_vocab(&mut app, vs);
    }
    // Notes taken while a long file was still read are saved with the notes file, which
    // is read once the whole text is there: wait for it rather than lose them.
    if app.notes_status.unsaved
        && store.is_none()
        && let Some(attach) = attach.take()
    {
        eprintln!("lesepult: saving your notes once the whole file is read…");
        let whole = match (full.take(), rest.take()) {
            (Some(rx), _) => rx.recv().ok().and_then(Result::ok),
            (None, Some(path)) => document::load_path(&path).ok(),
            (None, None) => None,
        };
        if let Some(doc) = whole {
            app.replace_document(doc);
        }
        let mut problems = Vec::new();
        let (mut notes_store, _) = attach.run(&mut app, &mut problems);
        for problem in problems {
            eprintln!("lesepult: {problem}");
        }
        effects::save_notes(&mut app, &mut notes_store);
    }
    if app.notes_status.unsaved {
        eprintln!(
            "lesepult: {} note change(s) were not saved: {}",
            app.notes.len(),
            app.notes_status.error.clone().unwrap_or_default()
        );
    }
    Ok(())
}

/// Saves the reading position, at most about once a second while scrolling.
struct PositionSaver {
    dir: std::path::PathBuf,
    last: Instant,
    pending: bool,
    error: Option<String>,
}

impl PositionSaver {
    /// Save the position; `true` if that put a message on the screen (it failed).
    fn save(&mut self, app: &mut App) -> bool {
        let anchor = app.anchor();
        self.last = Instant::now();
        match resume::save(&self.dir, &app.doc, anchor) {
            Ok(()) => {
                self.pending = false;
                self.error = None;
                false
            }
            Err(e) => {
                let text = format!("Reading position not saved: {e}");
                app.error(text.clone());
                self.error = Some(text);
                true
            }
        }
    }
}

/// Wait a little for an input event and turn it into an action (`Tick` if none came).
fn next_action(app: &mut App) -> std::io::Result<Option<Action>> {
    // While no key waits: wrap the pages around the screen ahead of time.
    if !event::poll(Duration::ZERO)? {
        app.prefetch();
    }
    if !event::poll(Duration::from_millis(200))? {
        // A terminal that hung up (closed window, dropped connection) is no terminal
        // any more, even if no SIGHUP came: leave, saving what there is.
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() && !std::io::stdout().is_terminal() {
            return Ok(Some(Action::Terminate));
        }
        return Ok(Some(Action::Tick));
    }
    Ok(match event::read()? {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            crate::app::action_for_key(app, &key)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                delta: 1,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                delta: -1,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    })
}

/// Write the user's glossary (lock, merge with another lesepult's terms, atomic write);
/// the message says where, or what went wrong.
fn save_user_glossary(app: &mut App, store: Option<&mut UserGlossaryStore>) {
    let (Some(user), Some(store)) = (app.user_glossary.clone(), store) else {
        return;
    };
    if user.broken.is_some() {
        app.error(format!(
            "{} could not be read, so it is not overwritten; fix it and restart.",
            user.path.display()
        ));
        return;
    }
    let note = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    match store.save(&app.user_terms) {
        Ok(terms) if terms != app.user_terms => {
            // Another lesepult's terms were merged in.
            app.user_terms = terms;
            app.rebuild_glossary();
            app.info(
                format!("{note} (saved, with another lesepult's changes)")
                    .trim()
                    .to_string(),
            );
        }
        Ok(_) => app.info(format!("{note} (saved)").trim().to_string()),
        Err(e) => app.error(format!(
            "Not saved: {e}. Your term stays in memory; it is written with the next change."
        )),
    }
}
