//! The vocabulary keys: word statuses on the word cursor, "the page is known", the review
//! session, speaking a word. Part of `update`: state changes only.

use super::effect::Effect;
use super::{App, Mode, ReviewSession, UndoStep};
use crate::keys::Command;
use crate::vocab::review::{self, Grade};
use crate::vocab::{Status, VocabEntry};

/// What the learner's part offers, for the help screen.
pub const COMMANDS: &[Command] = {
    use Command::*;
    &[
        Status1,
        Status2,
        Status3,
        Status4,
        Status5,
        StatusKnown,
        StatusIgnored,
        StatusNew,
        SetStatus,
        PageKnown,
        StatusColours,
        Stats,
        Review,
        Speak,
        AnkiSync,
    ]
};

/// The word under the cursor: (block, range, key, lemma).
fn cursor_word(app: &App) -> Option<(usize, std::ops::Range<usize>, String, String)> {
    let c = app.cursor.as_ref()?;
    let (range, key, lemma) =
        app.learning
            .words
            .word_at(&app.doc, Some(&app.terms.glossary), c.block, c.range.start)?;
    Some((c.block, range, key, lemma))
}

/// A new entry for a word, filled from the glossary and the word's sentence.
fn new_entry(
    app: &App,
    block: usize,
    range: std::ops::Range<usize>,
    key: String,
    lemma: String,
    status: Status,
) -> VocabEntry {
    let term = app.terms.glossary.terms.iter().find(|t| t.lemma == lemma);
    let form = app.doc.text[range.clone()].to_string();
    let block_text = app.doc.block_text(block);
    let base = app.doc.blocks.get(block).map_or(0, |b| b.text.start);
    let sentence = crate::document::sentence_ranges(block_text)
        .into_iter()
        .find(|s| base + s.start <= range.start && range.end <= base + s.end)
        .map(|s| {
            block_text[s]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    // A word outside the glossary takes what its dictionary lookup found, if it was
    // looked up (a later lookup fills it in too: `study::show_lookup`).
    let looked_up = app
        .terms
        .lookup
        .as_ref()
        .filter(|l| l.word == form || l.word == lemma)
        .and_then(|l| l.results.as_ref())
        .and_then(|r| r.first())
        .map(super::study::entry_facts)
        .unwrap_or_default();
    let (meaning, article, plural) = match term {
        Some(t) => (
            t.english.join(", "),
            t.gender
                .map(|g| g.article().to_string())
                .unwrap_or_default(),
            t.plural.clone().unwrap_or_default(),
        ),
        None => looked_up,
    };
    VocabEntry {
        key,
        lemma,
        status,
        updated: crate::notes::timestamp(app.now),
        learned: None,
        article,
        plural,
        meaning,
        category: term.map(|t| t.category.clone()).unwrap_or_default(),
        sentence,
        form,
        document: app.doc.id(),
        review: None,
        doubtful: false,
    }
}

fn apply(
    app: &mut App,
    block: usize,
    range: std::ops::Range<usize>,
    key: &str,
    lemma: &str,
    status: Status,
) {
    let now = crate::notes::timestamp(app.now);
    let learned = (status == Status::Known).then(|| crate::notes::date_of(&now).to_string());
    match app.learning.vocab.entries.get_mut(key) {
        Some(e) => {
            e.status = status;
            e.updated = now;
            // Set again from the text: the lemma is the analysis's, no longer in doubt.
            e.lemma = lemma.to_string();
            e.doubtful = false;
            if e.learned.is_none() {
                e.learned = learned;
            }
        }
        None => {
            let mut e = new_entry(
                app,
                block,
                range,
                key.to_string(),
                lemma.to_string(),
                status,
            );
            e.learned = learned;
            app.learning.vocab.entries.insert(key.to_string(), e);
        }
    }
}

/// Set the status of the lemma under the word cursor (all its forms, in all documents).
pub fn set_status(app: &mut App, status: Status, effects: &mut Vec<Effect>) {
    if app.cursor.is_none() {
        super::cursor::step(app, true);
    }
    let Some((block, range, key, lemma)) = cursor_word(app) else {
        app.info("Put the word cursor on a word first (w, f, or a click).");
        return;
    };
    let before = vec![(key.clone(), app.learning.vocab.entries.get(&key).cloned())];
    app.remember(UndoStep::Statuses {
        what: format!("{lemma} {}", status.label()),
        before,
    });
    apply(app, block, range, &key, &lemma, status);
    app.refresh_vocab_numbers();
    app.learning.unsaved = true;
    effects.push(Effect::SaveVocab);
    let forms = app
        .learning
        .words
        .key_index(&key)
        .map_or(0, |k| app.learning.words.counts[k]);
    let times = if forms == 1 {
        "once".to_string()
    } else {
        format!("{forms} times")
    };
    app.info(format!(
        "{lemma}: {} ({times} in this text) · known {:.0}%",
        status.label(),
        app.learning.known_share * 100.0
    ));
}

/// `s`: with a count (`3s`), that status at once; else ask for it (the next key).
pub fn ask_status(app: &mut App, count: Option<usize>, effects: &mut Vec<Effect>) {
    if let Some(n) = count {
        return match Status::from_level(n) {
            Some(status) => set_status(app, status, effects),
            None => app.error(format!(
                "{n}s: a status is 0 (new) to 5; s then k or i for well known or ignored."
            )),
        };
    }
    if app.cursor.is_none() {
        super::cursor::step(app, true);
    }
    let Some((_, _, _, lemma)) = cursor_word(app) else {
        app.info("Put the word cursor on a word first (w, f, or a click).");
        return;
    };
    app.mode = Mode::AskStatus;
    app.info(format!(
        "Status of „{lemma}“: 1-5 learning · k well known · i ignored · 0 new · Esc cancels"
    ));
}

/// A key answering `s`: a status command sets it; anything else cancels.
pub fn status_answer(app: &mut App, c: Command, effects: &mut Vec<Effect>) {
    app.mode = Mode::Reading;
    let status = match c {
        Command::Status1 => Status::L1,
        Command::Status2 => Status::L2,
        Command::Status3 => Status::L3,
        Command::Status4 => Status::L4,
        Command::Status5 => Status::L5,
        Command::StatusKnown => Status::Known,
        Command::StatusIgnored => Status::Ignored,
        Command::StatusNew => Status::New,
        _ => {
            app.info("No status set.");
            return;
        }
    };
    set_status(app, status, effects);
}

/// `P`: the new words on screen, to mark well known once the user says yes.
pub fn page_known(app: &mut App) {
    let words = new_words_on_screen(app);
    if words.is_empty() {
        app.info("No new words on this page.");
        return;
    }
    let n = words.len();
    app.mode = Mode::ConfirmPageKnown { words };
    app.info(format!(
        "Mark {n} new words on this page well known? y yes · n or Esc no (u undoes it)"
    ));
}

/// The answer to `P`.
pub fn page_known_answer(
    app: &mut App,
    yes: bool,
    words: Vec<(usize, std::ops::Range<usize>, String, String)>,
    effects: &mut Vec<Effect>,
) {
    app.mode = Mode::Reading;
    if !yes {
        app.info("No word marked.");
        return;
    }
    let before = words
        .iter()
        .map(|(_, _, key, _)| (key.clone(), app.learning.vocab.entries.get(key).cloned()))
        .collect();
    let n = words.len();
    app.remember(UndoStep::Statuses {
        what: format!("{n} words marked well known"),
        before,
    });
    for (block, range, key, lemma) in words {
        apply(app, block, range, &key, &lemma, Status::Known);
    }
    app.refresh_vocab_numbers();
    app.learning.unsaved = true;
    effects.push(Effect::SaveVocab);
    let undo = app.keymap.describe(Command::UndoDelete);
    app.info(format!(
        "{n} new words on this page marked well known · known {:.0}% · {undo} undoes it",
        app.learning.known_share * 100.0
    ));
}

/// The new words on the screen, each lemma once: (block, range, key, lemma).
fn new_words_on_screen(app: &mut App) -> Vec<(usize, std::ops::Range<usize>, String, String)> {
    if app.doc.is_empty() {
        return Vec::new();
    }
    let top = app.anchor();
    let bottom = app.bottom();
    let last_block = bottom.block.min(app.doc.blocks.len() - 1);
    let width = app.text_width();
    let from = app.doc.blocks[top.block].text.start + top.offset;
    let to = app
        .layout
        .get(&app.doc, last_block, width)
        .line_at_row(bottom.row)
        .map_or(app.doc.blocks[last_block].text.end, |l| l.range.end);
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for block in top.block..=last_block {
        let words: Vec<(std::ops::Range<usize>, String, String)> = app
            .learning
            .words
            .words(&app.doc, Some(&app.terms.glossary), block)
            .into_iter()
            .filter(|(r, _, _)| r.start >= from && r.end <= to)
            .collect();
        for (range, key, lemma) in words {
            if app.learning.vocab.status(&key) == Status::New && seen.insert(key.clone()) {
                out.push((block, range, key, lemma));
            }
        }
    }
    out
}

/// Start reviewing the words with a learning status that are due.
pub fn start_review(app: &mut App) {
    let now = app.now;
    let queue: Vec<String> = app
        .learning
        .vocab
        .entries
        .values()
        .filter(|e| !e.doubtful && e.status.is_learning() && review::due(e.review.as_ref(), now))
        .map(|e| e.key.clone())
        .collect();
    if queue.is_empty() {
        app.info("Nothing to review: no word with a learning status (1-5) is due.");
        return;
    }
    app.mode = Mode::Review(ReviewSession::new(queue));
}

/// Keys of the review: Space/Enter shows the answer, 1-4 grade (Again, Hard, Good, Easy).
pub fn review_command(
    app: &mut App,
    c: Command,
    mut session: ReviewSession,
    effects: &mut Vec<Effect>,
) {
    let grade = match c {
        Command::Status1 => Some(Grade::Again),
        Command::Status2 => Some(Grade::Hard),
        Command::Status3 => Some(Grade::Good),
        Command::Status4 => Some(Grade::Easy),
        _ => None,
    };
    match (c, grade) {
        (Command::Cancel | Command::Review, _) => {
            app.mode = Mode::Reading;
            app.info(format!("Review ended after {}.", session.summary()));
            return;
        }
        (Command::Quit, _) => {
            app.mode = Mode::Reading;
            return notes_quit(app, effects);
        }
        (_, Some(g)) if session.revealed => {
            if let Some(key) = session.current().map(str::to_string)
                && let Some(e) = app.learning.vocab.entries.get_mut(&key)
            {
                e.review = Some(review::schedule(e.review.as_ref(), g, app.now));
                e.updated = crate::notes::timestamp(app.now);
                app.learning.unsaved = true;
                effects.push(Effect::SaveVocab);
            }
            session.graded(g);
            app.refresh_vocab_numbers();
            if session.current().is_none() {
                app.mode = Mode::Reading;
                app.info(format!(
                    "Review done: {}. Next ones are due later.",
                    session.summary()
                ));
                return;
            }
        }
        (Command::PageDown | Command::Confirm | Command::ScrollDown, _) => session.revealed = true,
        _ => {}
    }
    app.mode = Mode::Review(session);
}

fn notes_quit(app: &mut App, effects: &mut Vec<Effect>) {
    super::notes_keys::request_quit(app, effects);
}

/// Speak the word under the cursor (or the selection).
pub fn speak(app: &mut App, effects: &mut Vec<Effect>) {
    let text = match app.selection_range() {
        Some((_, r)) => app.doc.text[r].to_string(),
        None => match &app.cursor {
            Some(c) => app.doc.text[c.range.clone()].to_string(),
            None => {
                app.info("Put the word cursor on a word first (w, or a click).");
                return;
            }
        },
    };
    effects.push(Effect::Speak(text));
}
