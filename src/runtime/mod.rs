//! The interactive session: one event loop over one queue.
//!
//! ```text
//!  terminal ─┐                       ┌──────────── effects (save, export, lookup, editor)
//!  signals  ─┼─► Message ─► Action ─► update(&mut App, Action, now) ─► Vec<Effect> ─┘
//!  jobs     ─┘      ▲                                                         │
//!                   └──────── results, as actions ◄───────────────────────────┘
//! ```
//!
//! Input is read on its own thread, background jobs (dictionaries, the rest of a long
//! file, search, analysis) run on theirs; all of them send [`events::Message`]s to the
//! queue the loop blocks on. Each message becomes an [`Action`]; [`update`] is the only
//! code that changes the [`App`]; the effects it asks for are carried out here and report
//! back as actions. A frame is drawn once the queue is empty, so a burst of input or
//! results gives one frame, and a finished job is drawn at once.

pub mod effects;
pub mod events;
pub mod jobs;
mod startup;

use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::{Action, App, update};
use crate::config::Config;
use crate::document::Document;
use crate::paths::Paths;
use crate::term::TerminalGuard;
use crate::ui::{self, Theme};
use crate::{dict, resume};
use effects::World;
use events::{InputThread, Message, Queue};

/// How the interactive session is to start.
pub struct Session<'a> {
    pub doc: Document,
    /// A long file or a stream whose beginning `doc` is: read whole in the background.
    pub rest: Option<jobs::Rest>,
    pub config: Config,
    pub paths: &'a Paths,
    pub from_start: bool,
    pub glossary_file: Option<&'a Path>,
}

/// Minimum time between two saves of the reading position while scrolling.
const SAVE_INTERVAL: Duration = Duration::from_secs(1);

/// The position is saved only when the keys have rested this long.
const SAVE_WHEN_RESTING: Duration = Duration::from_millis(200);

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Run the session until the user quits; the terminal is restored on the way out.
pub fn run(session: Session) -> anyhow::Result<()> {
    let Session {
        doc,
        rest,
        config,
        paths,
        from_start,
        glossary_file,
    } = session;
    let theme = Theme::new(&config.theme, Theme::no_color_from_env());
    let (width, height) = crossterm::terminal::size().map_err(|e| {
        anyhow::anyhow!(
            "no terminal to show the text on (/dev/tty: {e}); run lesepult in a terminal"
        )
    })?;
    let queue = Queue::new();
    let mut world = World::new(paths, queue.sender.clone());
    world.dictionary_folders = Some(dict::folders(
        paths.data_dir.parent(),
        &config.dictionary_folders,
        config.standard_dictionary_folders,
    ));
    let whole = rest.is_none();
    world.resume_on_open = !whole && !from_start;
    let partial_of = match &rest {
        Some(jobs::Rest::File(p)) => std::fs::metadata(p)
            .ok()
            .and_then(|m| usize::try_from(m.len()).ok()),
        _ => None,
    };
    let mut app = App::new(doc, config, width, height);
    update(
        &mut app,
        Action::Opening {
            whole_length: (!whole).then(|| partial_of.unwrap_or(0)),
        },
        now(),
    );
    // The first frame shows the text at its saved place; it is laid out and drawn before
    // the terminal is touched, then written at once. The glossary, the word counts and
    // the notes follow in the next frame, a few milliseconds later.
    if whole
        && !from_start
        && let Some(resumed) = resume::load(&paths.positions_dir(), &app.doc)
    {
        update(&mut app, Action::Resume(resumed), now());
    }
    let first = ui::render(&app, &theme, Rect::new(0, 0, width, height));
    let mut terminal = TerminalGuard::enter(first)?;
    events::forward_signals(queue.sender.clone())?;
    // For the end-to-end test of the panic hook only.
    if std::env::var_os("LESEPULT_TEST_PANIC").is_some() {
        panic!("LESEPULT_TEST_PANIC is set");
    }
    let (startup, stores) = startup::read_startup(&app.doc, paths, glossary_file);
    world.vocab = Some(stores.vocab);
    world.glossary = Some(stores.glossary);
    world.lemmas = Some(stores.lemmas);
    let mut pending = vec![Action::Started(Box::new(startup))];
    let mut position = PositionSaver::new(paths.positions_dir());
    if let Some(anchor) = apply_all(&mut app, &mut world, &mut terminal, &mut pending) {
        position.moved_to(anchor);
    }
    // After the first frame: the background work and the input.
    world.open_dictionaries();
    if let Some(rest) = rest {
        jobs::read_rest(rest, queue.sender.clone());
    }
    world.input = Some(InputThread::start(queue.sender.clone()));
    let outcome = event_loop(
        &mut app,
        &mut world,
        &mut terminal,
        &theme,
        &queue,
        &mut position,
    );
    let _ = position.save(&app);
    drop(terminal);
    if let Some(e) = &position.error {
        eprintln!("lesepult: {e}");
    }
    finish(&mut app, &mut world, &queue);
    outcome
}

/// Block on the queue, apply what comes, draw when it is empty, until the app quits.
fn event_loop(
    app: &mut App,
    world: &mut World,
    terminal: &mut TerminalGuard,
    theme: &Theme,
    queue: &Queue,
    position: &mut PositionSaver,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut input_failed = None;
    let mut last_message = Instant::now();
    while !app.quit {
        // Everything that is already there, then one frame.
        let message = match queue.receiver.try_recv() {
            Ok(m) => Some(m),
            Err(_) => {
                if dirty {
                    terminal
                        .terminal
                        .draw(|frame| ui::draw(app, theme, frame))?;
                    dirty = false;
                }
                // While nothing waits: lay out the pages around the screen ahead of time.
                update(app, Action::Idle, now());
                match position.deadline(last_message) {
                    Some(deadline) => {
                        let wait = deadline.saturating_duration_since(Instant::now());
                        match queue.receiver.recv_timeout(wait) {
                            Ok(m) => Some(m),
                            Err(RecvTimeoutError::Timeout) => None,
                            Err(RecvTimeoutError::Disconnected) => break,
                        }
                    }
                    None => match queue.receiver.recv() {
                        Ok(m) => Some(m),
                        Err(_) => break,
                    },
                }
            }
        };
        let Some(message) = message else {
            // The keys rest: save the position (at most about once a second).
            if let Some(problem) = position.save(app) {
                let mut pending = vec![Action::Report {
                    text: problem,
                    error: true,
                }];
                apply_all(app, world, terminal, &mut pending);
                dirty = true;
            }
            continue;
        };
        last_message = Instant::now();
        let action = match message {
            Message::Input(event) => decode(app, event),
            Message::Action(action) => Some(action),
            Message::DictionariesReady => world
                .dictionaries
                .as_mut()
                .map(|d| Action::DictionariesOpened(d.opened())),
            Message::Searched { job, found } => world
                .is_current_search(job)
                .then_some(Action::SearchFound(found)),
            Message::InputFailed(e) => {
                input_failed = Some(e);
                Some(Action::Terminate)
            }
        };
        if let Some(action) = action {
            let mut pending = vec![action];
            if let Some(anchor) = apply_all(app, world, terminal, &mut pending) {
                position.moved_to(anchor);
            }
            dirty = true;
        }
    }
    match input_failed {
        Some(e) => Err(anyhow::anyhow!("cannot read the terminal: {e}")),
        None => Ok(()),
    }
}

/// Apply actions, carry out the effects they ask for, and apply what those report, until
/// nothing is left. Returns where the reading place moved to, if it did (saved later, when
/// the keys rest).
fn apply_all(
    app: &mut App,
    world: &mut World,
    terminal: &mut TerminalGuard,
    pending: &mut Vec<Action>,
) -> Option<crate::layout::Anchor> {
    let mut moved = None;
    while let Some(action) = pending.pop() {
        let effects = update(app, action, now());
        for e in &effects {
            if let crate::app::Effect::SavePosition(anchor) = e {
                moved = Some(*anchor);
            }
        }
        // Results are applied in the order of the effects that gave them.
        let mut results: Vec<Action> = effects
            .into_iter()
            .filter_map(|e| world.perform(e, app, Some(&mut *terminal)))
            .collect();
        results.reverse();
        pending.extend(results);
    }
    moved
}

/// A terminal event as an action, for the mode the app is in.
fn decode(app: &App, event: Event) -> Option<Action> {
    match event {
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
    }
}

/// On the way out, with the terminal restored: what was not saved yet is saved.
fn finish(app: &mut App, world: &mut World, queue: &Queue) {
    // Notes taken while a long file was still read are saved with the notes file, which
    // is read once the whole text is there: wait for it rather than lose them.
    if app.notebook.status.unsaved && world.notes.is_none() && app.partial_of.is_some() {
        eprintln!("lesepult: saving your notes once the whole file is read…");
        while let Ok(message) = queue.receiver.recv() {
            if let Message::Action(rest @ Action::RestOfFile(_)) = message {
                settle_offscreen(app, world, vec![rest]);
                break;
            }
        }
    }
    if app.learning.unsaved {
        let saved = world.perform(crate::app::Effect::SaveVocab, app, None);
        settle_offscreen(app, world, saved.into_iter().collect());
    }
    if app.learning.lemmas_unsaved {
        let saved = world.perform(crate::app::Effect::SaveLemmas, app, None);
        settle_offscreen(app, world, saved.into_iter().collect());
    }
    if app.learning.lemmas_unsaved {
        eprintln!(
            "lesepult: lemma corrections were not saved: {}",
            app.learning.lemmas_error.clone().unwrap_or_default()
        );
    }
    if app.learning.unsaved {
        eprintln!(
            "lesepult: word statuses were not saved: {}",
            app.learning.save_error.clone().unwrap_or_default()
        );
    }
    if app.notebook.status.unsaved {
        eprintln!(
            "lesepult: {} note change(s) were not saved: {}",
            app.notebook.notes.len(),
            app.notebook.status.error.clone().unwrap_or_default()
        );
    }
}

/// Apply actions without a terminal: only the effects that read and write files are
/// carried out.
fn settle_offscreen(app: &mut App, world: &mut World, mut pending: Vec<Action>) {
    use crate::app::Effect;
    while let Some(action) = pending.pop() {
        for effect in update(app, action, now()) {
            if matches!(
                effect,
                Effect::SaveNotes
                    | Effect::SaveVocab
                    | Effect::SaveLemmas
                    | Effect::OpenNotes
                    | Effect::SaveUserGlossary
            ) {
                pending.extend(world.perform(effect, app, None));
            }
        }
    }
}

/// Saves the reading position, at most about once a second while scrolling.
struct PositionSaver {
    dir: PathBuf,
    last: Instant,
    /// Where the reading place is, when it moved since the last save.
    pending: Option<crate::layout::Anchor>,
    error: Option<String>,
}

impl PositionSaver {
    fn new(dir: PathBuf) -> PositionSaver {
        PositionSaver {
            dir,
            last: Instant::now(),
            pending: None,
            error: None,
        }
    }

    /// When to save, if a save is pending: when the keys have rested, at most once a
    /// second.
    fn deadline(&self, last_message: Instant) -> Option<Instant> {
        self.pending
            .map(|_| (self.last + SAVE_INTERVAL).max(last_message + SAVE_WHEN_RESTING))
    }

    fn moved_to(&mut self, anchor: crate::layout::Anchor) {
        self.pending = Some(anchor);
    }

    /// Save the position if it moved; what went wrong, if it failed.
    fn save(&mut self, app: &App) -> Option<String> {
        let anchor = self.pending.take()?;
        self.last = Instant::now();
        match resume::save(&self.dir, &app.doc, anchor) {
            Ok(()) => {
                self.error = None;
                None
            }
            Err(e) => {
                let text = format!("Reading position not saved: {e}");
                self.error = Some(text.clone());
                Some(text)
            }
        }
    }
}
