//! Application state and the one function that changes it.

mod action;
mod anki;
pub mod cursor;
mod effect;
mod footnote;
mod glossary_pane;
pub mod help;
mod hints;
pub mod lemma_keys;
pub mod notes_keys;
mod notes_pane;
pub mod outcome;
pub mod panes;
mod results;
mod router;
pub mod study;
pub mod term_form;
pub mod term_parts;
pub mod tools;
pub mod undo;
mod update;
pub mod vocab_keys;

pub use crate::keys::{Command, KeyChord, Keymap, UnknownKey};
pub use action::{Action, PaneId};
pub use cursor::WordCursor;
pub use effect::Effect;
pub use glossary_pane::{GlossaryPane, GlossaryView, LookupState, ToolOutput};
pub use notes_pane::{
    EXPORT_CHOICES, ExportDialog, NoteEditor, NotesPane, choice_name, default_path, note_matches,
};
pub use panes::{Panes, View};
pub use router::action_for_key;
pub use term_form::TermForm;
pub use update::update;

use crate::config::Config;
use crate::document::Document;
use crate::document::search::Match;
use crate::glossary::{Glossary, Term};
use crate::layout::{Anchor, LayoutCache, Position};
use crate::notes::Note;

/// What the keys currently drive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Reading,
    /// Typing a search; `origin` is where the view was before, for Esc.
    Searching {
        input: String,
        origin: Position,
    },
    /// The table of contents, with the selected heading (index into `Document::headings`).
    Contents {
        selected: usize,
    },
    /// The help overlay, scrolled by `scroll` rows.
    Help {
        scroll: usize,
    },
    /// Adding or editing a term of the user's glossary.
    TermForm(TermForm),
    /// Writing a note in the notes pane.
    Editing,
    /// The export dialog.
    Export(ExportDialog),
    /// The export's file exists: overwrite, choose a new name, or cancel.
    ExportExists(outcome::ExistingFile),
    /// Quitting with notes that are not saved: retry, write elsewhere, or quit anyway.
    ConfirmQuit,
    /// Typing a path to write the unsaved notes to.
    WriteElsewhere {
        input: String,
    },
    /// The notes file is broken and has a readable backup: load it?
    AskBackup,
    /// Vocabulary statistics.
    Stats,
    /// Reviewing words.
    Review(ReviewSession),
    /// `s` was pressed: which status for the word under the cursor?
    AskStatus,
    /// `P` was pressed: mark these new words on screen well known? (block, range, key,
    /// lemma of each)
    ConfirmPageKnown {
        words: Vec<(usize, std::ops::Range<usize>, String, String)>,
    },
    /// Labels on the words on screen; typing one puts the word cursor there.
    Hints {
        hints: Vec<Hint>,
        typed: String,
    },
    /// `L`: typing the lemma of `word` (the analysis gave it `was`).
    CorrectLemma {
        word: String,
        was: String,
        input: String,
    },
}

/// One thing `u` can take back.
#[derive(Debug, Clone, PartialEq)]
pub enum UndoStep {
    /// Word statuses as they were before a change: each word's key and its entry then
    /// (none: the word was new).
    Statuses {
        what: String,
        before: Vec<(String, Option<crate::vocab::VocabEntry>)>,
    },
    /// A note was deleted (it waits in `NotesStatus::deleted`).
    NoteDeleted,
    /// A term was deleted from the user's glossary.
    TermDeleted(crate::glossary::Term),
}

/// A label on a word on screen (hint jumps, `f`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub label: String,
    pub block: usize,
    pub range: std::ops::Range<usize>,
}

/// A review in progress: the keys of the words to review, the current one, and whether its
/// answer is shown. A card graded Again comes back after the others (a learning step, as
/// in Anki), as often as it is graded Again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSession {
    /// The cards in the order they are shown; one graded Again is put at the end again.
    pub queue: Vec<String>,
    pub position: usize,
    pub revealed: bool,
    /// Grades given (a card that came back counts each time).
    pub reviewed: usize,
    /// The words due when the session started.
    pub words: usize,
    /// The words graded Again at least once, so that they came back.
    pub again: Vec<String>,
}

impl ReviewSession {
    /// A session over the due words `queue`.
    pub fn new(queue: Vec<String>) -> Self {
        ReviewSession {
            words: queue.len(),
            queue,
            position: 0,
            revealed: false,
            reviewed: 0,
            again: Vec::new(),
        }
    }

    pub fn current(&self) -> Option<&str> {
        self.queue.get(self.position).map(String::as_str)
    }

    /// Whether the current card is one that came back after Again.
    pub fn is_repeat(&self) -> bool {
        self.position >= self.words
    }

    /// The current card was graded: on to the next, and a card graded Again goes to the
    /// end of the queue, to come back after the others.
    pub fn graded(&mut self, grade: crate::vocab::review::Grade) {
        if let Some(key) = self.current().map(str::to_string) {
            if grade == crate::vocab::review::Grade::Again {
                if !self.again.contains(&key) {
                    self.again.push(key.clone());
                }
                self.queue.push(key);
            }
            self.reviewed += 1;
            self.position += 1;
        }
        self.revealed = false;
    }

    /// "5 words, 2 again (7 reviews)": the words reviewed (each once), the ones that came
    /// back, and the grades given when that is more than the words.
    pub fn summary(&self) -> String {
        let words = self.reviewed.min(self.words);
        let noun = if words == 1 { "word" } else { "words" };
        if self.again.is_empty() {
            format!("{words} {noun}")
        } else {
            let reviews = if self.reviewed == 1 {
                "review"
            } else {
                "reviews"
            };
            format!(
                "{words} {noun}, {} again ({} {reviews})",
                self.again.len(),
                self.reviewed
            )
        }
    }
}

/// Where the notes stand on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesStatus {
    /// Notes changed since the last successful save.
    pub unsaved: bool,
    /// The last save error, shown until a save succeeds.
    pub error: Option<String>,
    /// The notes file is broken: notes go to this recovery file.
    pub recovery: Option<std::path::PathBuf>,
    /// Notes of a broken file's backup, offered at the start.
    pub backup: Option<Vec<Note>>,
    /// The deleted notes, the last one last, for undo (`u` brings back one after the other).
    pub deleted: Vec<Note>,
    /// What to say once the next save succeeds, instead of a bare "Saved".
    pub after_save: Option<String>,
}

/// The user's own glossary file and whether it may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserGlossary {
    pub path: std::path::PathBuf,
    /// Why the file must not be overwritten (it did not parse), if so.
    pub broken: Option<String>,
}

/// An active search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Match>,
    /// Index of the current match.
    pub current: Option<usize>,
    /// A search over a long text runs on a thread: percent done, while it runs.
    pub progress: Option<u8>,
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Everything the screen shows, and nothing about how it is drawn: the reader (the text,
/// its layout and the viewport) at the top, and one part each for the terms, the notes and
/// the learner's words.
#[derive(Debug)]
pub struct App {
    /// Shared with background work (analysis, search).
    pub doc: std::sync::Arc<Document>,
    pub config: Config,
    pub keymap: Keymap,
    pub layout: LayoutCache,
    pub top: Position,
    /// The anchor the view was last placed at, and the top it gave: while the top has not
    /// moved, a resize goes back to that anchor, so that resizing back and forth does not
    /// drift (each width's row starts at or before the anchor, never after it).
    placed_at: Option<(Anchor, Position)>,
    pub size: (u16, u16),
    pub view: View,
    pub panes: Panes,
    pub mode: Mode,
    pub search: Option<Search>,
    pub message: Option<Message>,
    pub quit: bool,
    pub cursor: Option<WordCursor>,
    /// After `Enter` on a footnote reference: the note's block and the reference, to
    /// return to with `Enter` in the note.
    pub note_return: Option<(usize, WordCursor)>,
    /// The fixed end of a selection (the word cursor is the moving end).
    pub selection: Option<WordCursor>,
    /// Parts of a term kept while selecting (`m`): block and byte range of each, in text
    /// order.
    pub parts: Vec<(usize, std::ops::Range<usize>)>,
    /// The glossary, the lookup and the dictionaries.
    pub terms: Terms,
    /// The notes, their pane and where they stand on disk.
    pub notebook: Notebook,
    /// The learner's word statuses and this text's words.
    pub learning: Learning,
    /// What `u` can take back, the last last.
    pub undo: Vec<UndoStep>,
    /// The word last copied with `y` (its range): `y` on it again copies its sentence.
    pub copied_word: Option<std::ops::Range<usize>>,
    /// Columns the preformatted rows (code, tables) are scrolled to the left (`<`, `>`).
    pub hscroll: usize,
    /// A count typed before a command (`50` of `50%`).
    pub count: Option<usize>,
    /// While only the beginning of a long file is shown: the whole file's length in bytes
    /// (positions are shown as a share of it).
    pub partial_of: Option<usize>,
    /// A percentage asked for before the whole file was read: gone to when it is.
    pub pending_percent: Option<usize>,
    /// The time of the action being handled: `update` is given it, nothing here reads a
    /// clock.
    pub now: chrono::DateTime<chrono::Utc>,
}

/// The terms part: the document's glossary with the user's terms and every occurrence in
/// the text, the glossary pane, the last lookup and the dictionaries.
#[derive(Debug)]
pub struct Terms {
    pub glossary: Glossary,
    pub pane: GlossaryPane,
    /// The document's own terms and the user's, kept to rebuild after an edit.
    pub document: Vec<Term>,
    pub user: Vec<Term>,
    /// The user's glossary file.
    pub user_file: Option<UserGlossary>,
    /// What the dictionaries loaded in the background hold (`None` until loaded).
    pub dictionaries: Option<DictionaryStatus>,
    /// The last dictionary lookup.
    pub lookup: Option<LookupState>,
    /// A long text's glossary occurrences and word counts are still being found.
    pub analysing: bool,
    /// Why the last save of the user's glossary failed (until one succeeds).
    pub save_error: Option<String>,
    /// The last run of one of the user's lookup commands.
    pub tool: Option<glossary_pane::ToolOutput>,
    /// How many lookup commands were started (numbers the runs).
    pub tool_runs: u64,
}

/// The notes part: the document's notes in text order, the pane, the editor and where the
/// notes stand on disk.
#[derive(Debug, Default)]
pub struct Notebook {
    pub notes: Vec<Note>,
    /// Ids of deleted notes (kept so a merge does not bring them back).
    pub deleted: Vec<String>,
    pub pane: NotesPane,
    pub status: NotesStatus,
    pub editor: Option<NoteEditor>,
    /// The notes file is still to be read (it is read after the first frame, and for a
    /// long file once the whole text is there); notes taken meanwhile are kept.
    pub pending: bool,
}

/// The learner's part: word statuses (all documents) and this text's running words.
#[derive(Debug, Default)]
pub struct Learning {
    pub vocab: crate::vocab::Vocabulary,
    /// The running words of this document with their lemma keys.
    pub words: crate::vocab::DocWords,
    /// Share of known running words, kept up to date on each status change.
    pub known_share: f64,
    /// Words due for review now.
    pub due: usize,
    /// Colour the text by word status.
    pub colours: bool,
    /// The vocabulary has changes not yet written.
    pub unsaved: bool,
    /// Why the last save of the vocabulary failed (until one succeeds).
    pub save_error: Option<String>,
    /// The user's lemma corrections (word as written → lemma), as installed for the
    /// analysis ([`crate::german::corrections`]).
    pub lemmas: crate::vocab::lemmas::Lemmas,
    /// The corrections have changes not yet written, and why the last save failed.
    pub lemmas_unsaved: bool,
    pub lemmas_error: Option<String>,
    /// A sync to Anki is running.
    pub anki_syncing: bool,
}

impl Learning {
    /// The known share and the number of words due at `now`.
    pub fn refresh_numbers(&mut self, now: chrono::DateTime<chrono::Utc>) {
        self.known_share = self.words.known_share(&self.vocab);
        self.due = self
            .vocab
            .entries
            .values()
            .filter(|e| {
                !e.doubtful
                    && e.status.is_learning()
                    && crate::vocab::review::due(e.review.as_ref(), now)
            })
            .count();
    }
}

/// A fixed time for tests: 2026-11-28T20:01:02Z.
#[cfg(test)]
pub(crate) fn t0() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_795_896_062, 0).unwrap_or_default()
}

/// The dictionaries found at start-up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DictionaryStatus {
    pub count: usize,
    pub names: Vec<String>,
}

/// Texts longer than this (bytes) are analysed for the glossary and the vocabulary in the
/// background.
pub const ANALYSE_IN_BACKGROUND: usize = 1 << 20;

impl App {
    pub fn new(doc: Document, config: Config, width: u16, height: u16) -> App {
        let keymap = Keymap::from_bindings(&config.keys);
        let layout = LayoutCache::new(config.reading.hyphenation);
        let view = View {
            show_glossary: true,
            show_notes: true,
            zoom: false,
            focus: PaneId::Article,
        };
        let mut app = App {
            doc: std::sync::Arc::new(doc),
            config,
            keymap,
            layout,
            top: Position::default(),
            placed_at: None,
            size: (width, height),
            view,
            panes: Panes::default(),
            mode: Mode::Reading,
            search: None,
            message: None,
            quit: false,
            cursor: None,
            note_return: None,
            selection: None,
            parts: Vec::new(),
            terms: Terms {
                glossary: Glossary::build(&Document::empty(), Vec::new(), Vec::new()),
                pane: GlossaryPane::new(Vec::new()),
                document: Vec::new(),
                user: Vec::new(),
                user_file: None,
                dictionaries: None,
                lookup: None,
                analysing: false,
                save_error: None,
                tool: None,
                tool_runs: 0,
            },
            notebook: Notebook::default(),
            learning: Learning::default(),
            undo: Vec::new(),
            copied_word: None,
            hscroll: 0,
            count: None,
            partial_of: None,
            pending_percent: None,
            now: chrono::DateTime::UNIX_EPOCH,
        };
        app.relayout();
        if app.doc.is_empty() {
            app.info("This document is empty.");
        }
        app
    }

    /// Set the document's and the user's terms and find them in the text (once).
    pub fn set_glossary(&mut self, document_terms: Vec<Term>, user_terms: Vec<Term>) {
        self.terms.document = document_terms;
        self.terms.user = user_terms;
        self.rebuild_glossary();
    }

    /// Set the vocabulary and find the document's words (once per document).
    pub fn set_vocabulary(&mut self, vocab: crate::vocab::Vocabulary) {
        self.learning.words = crate::vocab::DocWords::build(&self.doc, Some(&self.terms.glossary));
        self.learning.vocab = vocab;
        self.refresh_vocab_numbers();
    }

    /// The whole text arrived (a long file shows its beginning first): keep the reading
    /// place, drop what depended on the part.
    pub fn replace_document(&mut self, doc: Document) {
        let anchor = self.anchor();
        self.doc = std::sync::Arc::new(doc);
        self.layout = LayoutCache::new(self.config.reading.hyphenation);
        self.top = Position::default();
        self.search = None;
        self.cursor = None;
        self.note_return = None;
        self.selection = None;
        self.parts.clear();
        self.partial_of = None;
        match self.pending_percent.take() {
            Some(p) => self.go_to_percent(p),
            None => self.go_to_anchor(anchor),
        }
    }

    /// Show the paragraph at `percent` of the text (by bytes, as less counts) on the top row.
    /// A binary search over the paragraphs: the same work for any length.
    pub fn go_to_percent(&mut self, percent: usize) {
        let percent = percent.min(100);
        if self.partial_of.is_some() {
            self.pending_percent = Some(percent);
            self.info(format!(
                "Going to {percent}% as soon as the whole file is read…"
            ));
            return;
        }
        let len = self.doc.text.len();
        let target = (len as u128 * percent as u128 / 100) as usize;
        let mut block = self
            .doc
            .blocks
            .partition_point(|b| b.text.end <= target)
            .min(self.doc.blocks.len().saturating_sub(1));
        // A heading that starts within this percent (the contents list shows it at `N%`)
        // is where `N%` goes, not the end of the paragraph before it.
        if let Some(next) = self.doc.blocks.get(block + 1)
            && next.kind.is_heading()
            && self.doc.blocks[block].text.start < target
            && (next.text.start as u128 * 100 / len.max(1) as u128) as usize == percent
        {
            block += 1;
        }
        let offset = self
            .doc
            .blocks
            .get(block)
            .map_or(0, |b| target.saturating_sub(b.text.start).min(b.text.len()));
        self.go_to_anchor(Anchor { block, offset });
    }

    /// Matches found by a background search for `query` (the part up to `done` of the
    /// text, `finished` at the end). The first one at or after where the search started
    /// is shown.
    pub fn add_search_results(
        &mut self,
        query: &str,
        found: Vec<crate::document::search::Match>,
        done: u8,
        finished: bool,
    ) {
        let origin = match &self.mode {
            Mode::Searching { origin, .. } => Some(*origin),
            _ => None,
        };
        let Some(search) = self.search.as_mut().filter(|s| s.query == query) else {
            return;
        };
        search.matches.extend(found);
        search.progress = (!finished).then_some(done);
        if search.current.is_none() && !search.matches.is_empty() {
            let matches = std::mem::take(&mut search.matches);
            let first = self.first_match_from(&matches, origin.unwrap_or_default());
            let current = first.or(finished.then_some(0));
            let shown = current.and_then(|i| matches.get(i)).cloned();
            if let Some(search) = self.search.as_mut() {
                search.matches = matches;
                search.current = current;
            }
            if let Some(m) = shown {
                self.reveal(m.block, m.range.start, true);
            }
        }
        if finished
            && let Some(s) = &self.search
            && s.matches.is_empty()
            && !matches!(self.mode, Mode::Searching { .. })
        {
            let q = s.query.clone();
            self.error(format!("Pattern not found: {q}"));
        }
    }

    /// Take over the results of the background analysis of a long text.
    pub fn finish_analysis(&mut self, glossary: Glossary, words: crate::vocab::DocWords) {
        let selected = self.selected_lemma();
        self.terms.glossary = glossary;
        self.refilter();
        if let Some(lemma) = selected {
            self.select_lemma(&lemma);
        }
        self.learning.words = words;
        self.refresh_vocab_numbers();
        self.terms.analysing = false;
    }

    /// The known share and the number of due words.
    pub fn refresh_vocab_numbers(&mut self) {
        self.learning.refresh_numbers(self.now);
    }

    /// Set the terms without finding them in the text yet (a long text is analysed in the
    /// background; see `finish_analysis`).
    pub fn set_glossary_deferred(&mut self, document_terms: Vec<Term>, user_terms: Vec<Term>) {
        self.terms.glossary = Glossary::terms_only(user_terms.clone(), document_terms.clone());
        self.terms.document = document_terms;
        self.terms.user = user_terms;
        self.refilter();
        self.terms.analysing = true;
    }

    /// The user's terms changed: find the terms again (keeping the selection by lemma) and
    /// count the words by their lemmas. In a long text this runs on a thread: the list of
    /// terms is there at once, the occurrences follow (`Effect::Analyse`).
    pub fn terms_changed(&mut self, effects: &mut Vec<Effect>) {
        if self.doc.text.len() > ANALYSE_IN_BACKGROUND {
            let selected = self.selected_lemma();
            self.set_glossary_deferred(self.terms.document.clone(), self.terms.user.clone());
            if let Some(lemma) = selected {
                self.select_lemma(&lemma);
            }
            effects.push(Effect::Analyse);
        } else {
            self.rebuild_glossary();
            self.learning.words =
                crate::vocab::DocWords::build(&self.doc, Some(&self.terms.glossary));
            self.refresh_vocab_numbers();
        }
    }

    /// Find the terms again after the user's terms changed; keep the selection by lemma.
    pub fn rebuild_glossary(&mut self) {
        let selected = self.selected_lemma();
        self.terms.glossary = Glossary::build(
            &self.doc,
            self.terms.user.clone(),
            self.terms.document.clone(),
        );
        self.refilter();
        if let Some(lemma) = selected {
            self.select_lemma(&lemma);
        }
    }

    /// Recompute the glossary list for the current filter.
    pub fn refilter(&mut self) {
        self.terms.pane.items = self.terms.glossary.filtered(&self.terms.pane.filter);
        self.terms.pane.move_selection(0);
    }

    /// The lemma of the term selected in the glossary list.
    fn selected_lemma(&self) -> Option<String> {
        self.terms
            .pane
            .selected_term()
            .and_then(|t| self.terms.glossary.terms.get(t))
            .map(|t| t.lemma.clone())
    }

    /// Select a term in the list by its lemma; its index in `glossary.terms`.
    pub fn select_lemma(&mut self, lemma: &str) -> Option<usize> {
        let term = self
            .terms
            .glossary
            .terms
            .iter()
            .position(|t| t.lemma == lemma)?;
        if let Some(i) = self.terms.pane.items.iter().position(|&t| t == term) {
            self.terms.pane.selected = i;
        }
        Some(term)
    }

    /// The position of the row that shows byte `offset` of `block`'s text (absolute).
    /// The first of `matches` (in text order) at or after `from`, to the row: a search
    /// starts where the reader is, not at the top of a long paragraph.
    pub fn first_match_from(
        &mut self,
        matches: &[crate::document::search::Match],
        from: Position,
    ) -> Option<usize> {
        matches.iter().position(|m| {
            m.block > from.block
                || (m.block == from.block && self.position_of(m.block, m.range.start) >= from)
        })
    }

    /// The help overlay's columns: keys (at most 24 wide) and descriptions.
    pub fn help_columns(&self) -> (usize, usize) {
        let key_w = Command::ALL
            .iter()
            .map(|c| self.keymap.describe(*c).chars().count())
            .max()
            .unwrap_or(0)
            .min(24);
        let desc_w = Command::ALL
            .iter()
            .map(|c| c.description().chars().count())
            .max()
            .unwrap_or(0);
        (key_w, desc_w)
    }

    /// Whether the help overlay shows keys and descriptions side by side (else stacked:
    /// the keys, then the description wrapped under them).
    pub fn help_side_by_side(&self) -> bool {
        let (key_w, desc_w) = self.help_columns();
        key_w + desc_w + 7 <= usize::from(self.size.0)
    }

    /// A command's description as the help overlay's rows show it: one row side by side,
    /// else wrapped to the width of the overlay (the screen less its border and indent).
    pub fn help_lines(&self, c: Command) -> Vec<String> {
        let description = self.command_description(c);
        if self.help_side_by_side() {
            return vec![description];
        }
        let width = usize::from(self.size.0).saturating_sub(6).max(8);
        textwrap::wrap(&description, width)
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    }

    pub fn position_of(&mut self, block: usize, offset: usize) -> Position {
        let width = self.text_width();
        let base = self.doc.blocks.get(block).map_or(0, |b| b.text.start);
        let anchor = Anchor {
            block,
            offset: offset.saturating_sub(base),
        };
        Position::from_anchor(anchor, &mut self.layout, &self.doc, width)
    }

    /// The position of the last row on screen.
    pub fn bottom(&mut self) -> Position {
        let (width, height) = (self.text_width(), self.text_height());
        let unbounded = Position {
            block: usize::MAX,
            row: 0,
        };
        self.top.down(
            height.saturating_sub(1),
            unbounded,
            &mut self.layout,
            &self.doc,
            width,
        )
    }

    /// Scroll so that byte `offset` of `block` is on screen: a third down from the top if
    /// `center`, else as little as needed.
    pub fn reveal(&mut self, block: usize, offset: usize, center: bool) {
        if self.doc.is_empty() {
            return;
        }
        let target = self.position_of(block, offset);
        let bottom = self.bottom();
        if target >= self.top && target <= bottom {
            return;
        }
        let (width, height) = (self.text_width(), self.text_height());
        let up = if center {
            height / 3
        } else if target > bottom {
            height.saturating_sub(1)
        } else {
            0
        };
        let top = target.up(up, &mut self.layout, &self.doc, width);
        self.set_top(top);
    }

    /// Width of the text column.
    pub fn text_width(&self) -> usize {
        usize::from(self.panes.text.width).max(2)
    }

    /// Rows of the text column.
    pub fn text_height(&self) -> usize {
        usize::from(self.panes.text.height).max(1)
    }

    /// Recompute the panes for the current size and view, keeping the reading place.
    pub fn relayout(&mut self) {
        let anchor = self.anchor();
        self.panes = panes::compute(
            self.size.0,
            self.size.1,
            self.view,
            &self.config.layout,
            self.config.reading.max_width,
        );
        self.go_to_anchor(anchor);
    }

    /// The reading place, independent of the width.
    pub fn anchor(&mut self) -> Anchor {
        if let Some((anchor, top)) = self.placed_at
            && top == self.top
        {
            return anchor;
        }
        if self.doc.is_empty() || self.panes.text.width == 0 {
            return Anchor {
                block: self.top.block,
                offset: 0,
            };
        }
        let width = self.text_width();
        self.top.anchor(&mut self.layout, &self.doc, width)
    }

    /// Show `anchor` on the top row (as far as the end of the document allows).
    pub fn go_to_anchor(&mut self, anchor: Anchor) {
        if self.doc.is_empty() {
            return;
        }
        let width = self.text_width();
        let pos = Position::from_anchor(anchor, &mut self.layout, &self.doc, width);
        self.set_top(pos);
        self.placed_at = Some((anchor, self.top));
    }

    /// The last position the top row can take.
    pub fn last_top(&mut self) -> Position {
        let (width, height) = (self.text_width(), self.text_height());
        Position::last_top(height, &mut self.layout, &self.doc, width)
    }

    /// Set the top row, clamped to the end of the document.
    pub fn set_top(&mut self, pos: Position) {
        // A screen full of text from `pos` on needs no clamping, and finding that out
        // wraps only the blocks on screen, not those of the last screen too.
        self.top = if self.fills_screen(pos) {
            pos
        } else {
            pos.min(self.last_top())
        };
        self.warm_visible();
    }

    /// Whether the text from `pos` on fills the screen.
    fn fills_screen(&mut self, pos: Position) -> bool {
        let (width, height) = (self.text_width(), self.text_height());
        let mut rows = 0;
        for block in pos.block..self.doc.blocks.len() {
            let in_block = self.layout.get(&self.doc, block, width).rows();
            rows += if block == pos.block {
                in_block.saturating_sub(pos.row)
            } else {
                in_block
            };
            if rows >= height {
                return true;
            }
        }
        false
    }

    /// Wrap the blocks on screen, so drawing finds them cached.
    pub fn warm_visible(&mut self) {
        self.warm_below(1);
    }

    /// Wrap `pages` screens of blocks from the top row down.
    fn warm_below(&mut self, pages: usize) {
        if self.doc.is_empty() {
            return;
        }
        let (width, height) = (self.text_width(), self.text_height());
        let mut rows = 0;
        let mut block = self.top.block;
        while block < self.doc.blocks.len() && rows < height * pages {
            rows += self.layout.get(&self.doc, block, width).rows();
            block += 1;
        }
    }

    /// Wrap the page below and the page above the screen ahead of time (called while
    /// waiting for a key), so that paging finds them cached.
    pub fn prefetch(&mut self) {
        self.warm_below(2);
        if self.doc.is_empty() {
            return;
        }
        let (width, height) = (self.text_width(), self.text_height());
        let mut rows = 0;
        let mut block = self.top.block;
        while block > 0 && rows < height {
            block -= 1;
            rows += self.layout.get(&self.doc, block, width).rows();
        }
    }

    /// Percent of the text above the bottom of the screen.
    pub fn percent(&self) -> u8 {
        // Nothing to read (an empty or a blank file) is all read.
        if self.doc.is_empty() {
            return 100;
        }
        let width = self.text_width();
        let mut left = self.text_height();
        let mut pos = self.top;
        let mut end = 0;
        // Walk the visible rows (cached by `warm_visible`): work proportional to the screen.
        while let Some(layout) = self.layout.peek(pos.block, width) {
            for row in pos.row..layout.rows() {
                if left == 0 {
                    break;
                }
                if let Some(line) = layout.line_at_row(row) {
                    end = line.range.end;
                }
                left -= 1;
            }
            if left == 0 {
                break;
            }
            if pos.block + 1 >= self.doc.blocks.len() {
                end = self.doc.text.len();
                break;
            }
            pos = Position {
                block: pos.block + 1,
                row: 0,
            };
        }
        // Only the beginning of a long file so far: a share of the whole file.
        let total = self.partial_of.unwrap_or(0).max(self.doc.text.len());
        let pct = end as f64 * 100.0 / total as f64;
        pct.round().clamp(0.0, 100.0) as u8
    }

    /// The title of the section the top row is in.
    pub fn current_section(&self) -> Option<&str> {
        let block = self.doc.section_of(self.top.block)?;
        if block == 0 && self.doc.blocks.first().is_some_and(|b| b.kind.is_heading()) {
            return None;
        }
        Some(self.doc.block_text(block))
    }

    /// Give the keys to a pane (a narrow screen shows the focused pane in full).
    pub fn focus(&mut self, pane: PaneId) {
        if self.view.focus != pane {
            self.view.focus = pane;
            if self.panes.narrow {
                self.relayout();
            }
        }
    }

    /// Scroll so that match `i` is on screen (a third down from the top if it was not).
    pub fn reveal_match(&mut self, i: usize) {
        if let Some(m) = self.search.as_ref().and_then(|s| s.matches.get(i)).cloned() {
            self.reveal(m.block, m.range.start, true);
        }
    }

    /// The widest preformatted row on screen (0: none).
    pub fn widest_preformatted_on_screen(&mut self) -> usize {
        if self.doc.is_empty() {
            return 0;
        }
        let width = self.text_width();
        let bottom = self.bottom();
        let last = bottom.block.min(self.doc.blocks.len() - 1);
        (self.top.block..=last)
            .filter(|&b| self.doc.blocks[b].kind == crate::document::BlockKind::Code)
            .map(|b| {
                let layout = self.layout.get(&self.doc, b, width);
                let rows = layout.lines.iter().map(|l| l.width).max().unwrap_or(0);
                rows + layout.shape.indent
            })
            .max()
            .unwrap_or(0)
    }

    /// Remember a step for `u` (the oldest are forgotten beyond a hundred).
    pub fn remember(&mut self, step: UndoStep) {
        self.undo.push(step);
        if self.undo.len() > undo::KEPT {
            self.undo.remove(0);
        }
    }

    /// Put the word cursor on search match `i` (Enter on a search, `n`, `N`).
    pub fn cursor_on_match(&mut self, i: usize) {
        if let Some(m) = self.search.as_ref().and_then(|s| s.matches.get(i)).cloned() {
            cursor::place_on(self, m.block, m.range.start);
        }
    }

    /// Keep the word cursor, and the start of its sentence, on screen (after the panes
    /// changed size, as a lookup on a small screen makes them).
    pub fn keep_cursor_in_view(&mut self) {
        let Some(c) = self.cursor.clone() else {
            return;
        };
        let base = self.doc.blocks.get(c.block).map_or(0, |b| b.text.start);
        let text = self.doc.block_text(c.block);
        let sentence_start = crate::document::sentence_ranges(text)
            .into_iter()
            .find(|r| {
                base + r.start <= c.range.start && c.range.start < base + r.end.max(r.start + 1)
            })
            .map_or(c.range.start, |r| base + r.start);
        self.reveal(c.block, sentence_start, false);
        self.reveal(c.block, c.range.start, false);
    }

    /// The selected span: from the selection's fixed word to the cursor, in text order.
    pub fn selection_range(&self) -> Option<(usize, std::ops::Range<usize>)> {
        let fixed = self.selection.as_ref()?;
        let cursor = self.cursor.as_ref().unwrap_or(fixed);
        let (first, last) = if fixed.range.start <= cursor.range.start {
            (fixed, cursor)
        } else {
            (cursor, fixed)
        };
        Some((first.block, first.range.start..last.range.end))
    }

    /// Word statuses changed and their last save failed: quitting asks first.
    pub fn unsaved_statuses(&self) -> bool {
        self.learning.unsaved && self.learning.save_error.is_some()
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Panes that Tab cycles through, in order.
    pub fn focusable(&self) -> Vec<PaneId> {
        let mut panes = vec![PaneId::Article];
        if !self.view.zoom {
            if self.view.show_glossary {
                panes.push(PaneId::Glossary);
            }
            if self.view.show_notes {
                panes.push(PaneId::Notes);
            }
        }
        panes
    }
}

#[cfg(test)]
mod review_tests {
    use super::ReviewSession;
    use crate::vocab::review::Grade;

    fn keys(s: &ReviewSession) -> Vec<&str> {
        s.queue[s.position..].iter().map(String::as_str).collect()
    }

    #[test]
    fn again_puts_the_card_at_the_end_and_good_lets_it_go() {
        let mut s = ReviewSession::new(vec!["a".into(), "b".into(), "c".into()]);
        s.revealed = true;
        s.graded(Grade::Again);
        assert!(!s.revealed, "the next card starts hidden");
        assert_eq!(keys(&s), ["b", "c", "a"]);
        s.graded(Grade::Hard);
        s.graded(Grade::Easy);
        assert_eq!(keys(&s), ["a"]);
        assert!(s.is_repeat());
        s.graded(Grade::Again);
        assert_eq!(keys(&s), ["a"], "again and again, until it is known");
        s.graded(Grade::Good);
        assert_eq!(s.current(), None);
        assert_eq!((s.reviewed, s.words, s.again.len()), (5, 3, 1));
        assert_eq!(s.summary(), "3 words, 1 again (5 reviews)");
    }

    #[test]
    fn the_summary_of_a_session_ended_early() {
        let mut s = ReviewSession::new(vec!["a".into(), "b".into()]);
        assert_eq!(s.summary(), "0 words");
        s.graded(Grade::Good);
        assert_eq!(s.summary(), "1 word");
        s.graded(Grade::Again);
        assert_eq!(s.summary(), "2 words, 1 again (2 reviews)");
        // Grading with no card left changes nothing.
        let mut done = ReviewSession::new(Vec::new());
        done.graded(Grade::Again);
        assert_eq!((done.reviewed, done.queue.len()), (0, 0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::{Origin, parse_str};

    #[test]
    fn an_empty_and_a_blank_text_are_both_read_to_the_end() {
        for text in ["", "  \n\n\t \n"] {
            let doc = parse_str(text.to_string(), Origin::Bundled("leer"), "leer", false);
            let app = App::new(doc, Config::builtin(), 80, 24);
            assert_eq!(app.percent(), 100, "{text:?}");
        }
    }
}
