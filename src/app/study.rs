//! The study keys: the glossary pane, looking up the word under the cursor, and the form
//! that adds a word to the user's glossary. Part of `update`: state changes only.

use super::action::PaneId;
use super::effect::Effect;
use super::glossary_pane::GlossaryView;
use super::term_form::TermForm;
use super::{App, Mode, Search};
use crate::document::search::Match;
use crate::glossary::Source;
use crate::keys::Command;

/// A character typed into the glossary pane (or `None` for backspace): the filter in the
/// list; backspace leaves an entry.
pub(super) fn filter_input(app: &mut App, c: Option<char>, effects: &mut Vec<Effect>) {
    match (&app.terms.pane.view, c) {
        (GlossaryView::List, Some(c)) => app.terms.pane.filter.push(c),
        (GlossaryView::List, None) => {
            app.terms.pane.filter.pop();
        }
        (_, None) => {
            glossary_command(app, Command::Cancel, effects);
            return;
        }
        _ => return,
    }
    app.terms.pane.selected = 0;
    app.refilter();
}

/// The glossary pane's keys; `false` if the command is not the pane's.
pub(super) fn glossary_command(app: &mut App, c: Command, effects: &mut Vec<Effect>) -> bool {
    let page = app
        .panes
        .glossary
        .map_or(10, |r| r.height.saturating_sub(4).max(1) as isize);
    let pending = app.terms.pane.pending_delete.take();
    match app.terms.pane.view.clone() {
        GlossaryView::List => match c {
            Command::ScrollDown => app.terms.pane.move_selection(1),
            Command::ScrollUp => app.terms.pane.move_selection(-1),
            Command::PageDown | Command::HalfPageDown => app.terms.pane.move_selection(page),
            Command::PageUp | Command::HalfPageUp => app.terms.pane.move_selection(-page),
            Command::Top => app.terms.pane.selected = 0,
            Command::Bottom => app.terms.pane.move_selection(isize::MAX / 2),
            Command::Confirm | Command::Lookup => match app.terms.pane.selected_term() {
                Some(t) => {
                    app.terms.pane.opened_from_text = false;
                    open_entry(app, t, true);
                    let lemma = app.terms.glossary.terms[t].lemma.clone();
                    request_lookup(app, &lemma, None, effects);
                }
                None => app.info("No term matches the filter."),
            },
            Command::Cancel => {
                if app.terms.pane.filter.is_empty() {
                    app.focus(PaneId::Article);
                } else {
                    app.terms.pane.filter.clear();
                    app.refilter();
                }
            }
            _ => return false,
        },
        GlossaryView::Entry { term, scroll } => match c {
            Command::ScrollDown => set_entry_scroll(app, term, scroll + 1),
            Command::ScrollUp => set_entry_scroll(app, term, scroll.saturating_sub(1)),
            Command::PageDown => set_entry_scroll(app, term, scroll + 10),
            Command::PageUp => set_entry_scroll(app, term, scroll.saturating_sub(10)),
            Command::Confirm => open_entry(app, term, true),
            Command::Cancel => back_from_entry(app),
            Command::Edit | Command::Delete if !is_user_term(app, term) => {
                app.info("Only your own terms can be edited or deleted.");
            }
            Command::Edit => {
                if let Some(t) = app.terms.glossary.terms.get(term) {
                    app.mode = Mode::TermForm(TermForm::edit(t));
                }
            }
            Command::Delete => delete_term(app, term, pending == Some(term), effects),
            _ => return false,
        },
        GlossaryView::Lookup { word, scroll } => match c {
            Command::AddTerm => app.mode = Mode::TermForm(term_form_for(app, &word)),
            Command::ScrollDown => set_lookup_scroll(app, scroll + 1),
            Command::ScrollUp => set_lookup_scroll(app, scroll.saturating_sub(1)),
            Command::PageDown => set_lookup_scroll(app, scroll + 10),
            Command::PageUp => set_lookup_scroll(app, scroll.saturating_sub(10)),
            Command::Cancel => back_from_entry(app),
            _ => return false,
        },
        GlossaryView::Tool { scroll } => match c {
            Command::ScrollDown => set_tool_scroll(app, scroll + 1),
            Command::ScrollUp => set_tool_scroll(app, scroll.saturating_sub(1)),
            Command::PageDown => set_tool_scroll(app, scroll + 10),
            Command::PageUp => set_tool_scroll(app, scroll.saturating_sub(10)),
            Command::Cancel => back_from_entry(app),
            _ => return false,
        },
    }
    true
}

fn set_tool_scroll(app: &mut App, scroll: usize) {
    if let GlossaryView::Tool { scroll: s } = &mut app.terms.pane.view {
        *s = scroll.min(5000);
    }
}

/// Delete a user term on the second press of the key.
fn delete_term(app: &mut App, term: usize, confirmed: bool, effects: &mut Vec<Effect>) {
    let lemma = app
        .terms
        .glossary
        .terms
        .get(term)
        .map(|t| t.lemma.clone())
        .unwrap_or_default();
    if confirmed {
        if let Some(term) = app.terms.user.iter().find(|t| t.lemma == lemma).cloned() {
            app.remember(super::UndoStep::TermDeleted(term));
        }
        app.terms.user.retain(|t| t.lemma != lemma);
        app.terms.pane.view = GlossaryView::List;
        app.search = None;
        app.terms_changed(effects);
        let undo = app.keymap.describe(Command::UndoDelete);
        app.info(format!(
            "Deleted „{lemma}“ from your glossary ({undo} brings it back)."
        ));
        effects.push(Effect::SaveUserGlossary);
    } else {
        app.terms.pane.pending_delete = Some(term);
        let keys = app.keymap.describe(Command::Delete);
        app.info(format!(
            "Press {keys} again to delete „{lemma}“ from your glossary."
        ));
    }
}

/// A dictionary sense without grammar marks: "short sale <n>, bear sale <n> [Br.]" →
/// "short sale, bear sale".
fn clean_sense(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '<' | '[' => depth += 1,
            '>' | ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn set_lookup_scroll(app: &mut App, scroll: usize) {
    if let GlossaryView::Lookup { scroll: s, .. } = &mut app.terms.pane.view {
        *s = scroll.min(500);
    }
}

/// What a dictionary result gives a vocabulary entry: the meaning (its first two senses),
/// the article and the plural.
pub(super) fn entry_facts(found: &crate::dict::Found) -> (String, String, String) {
    let meaning = found
        .senses
        .iter()
        .take(2)
        .map(|s| clean_sense(s))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let article = found
        .gender
        .map(|g| g.article().to_string())
        .unwrap_or_default();
    (meaning, article, found.plural.clone().unwrap_or_default())
}

/// Dictionary results arrived for `word`. Returns whether words of the vocabulary that had
/// no meaning got one from them (then the vocabulary is to be saved).
pub fn show_lookup(app: &mut App, word: &str, results: Vec<crate::dict::Found>) -> bool {
    let add = app.keymap.describe(Command::AddTerm);
    let message = if results.is_empty() {
        format!("„{word}“: not in the glossary or the dictionaries; {add} adds it to yours.")
    } else {
        let n = results.len();
        let results = if n == 1 { "result" } else { "results" };
        format!("„{word}“: {n} {results}; {add} adds it to your glossary.")
    };
    let mut filled = false;
    if let Some(best) = results.first() {
        let (meaning, article, plural) = entry_facts(best);
        for e in app.learning.vocab.entries.values_mut() {
            if e.meaning.is_empty() && !meaning.is_empty() && (e.form == word || e.lemma == word) {
                e.meaning = meaning.clone();
                if e.article.is_empty() {
                    e.article = article.clone();
                }
                if e.plural.is_empty() {
                    e.plural = plural.clone();
                }
                filled = true;
            }
        }
    }
    let Some(state) = &mut app.terms.lookup else {
        return filled;
    };
    if state.word != word {
        return filled;
    }
    state.results = Some(results);
    if matches!(app.terms.pane.view, GlossaryView::Lookup { .. }) {
        app.info(message);
    }
    filled
}

/// Ask for the dictionary results of a word (carried out as an effect).
fn request_lookup(
    app: &mut App,
    word: &str,
    context: Option<(String, usize)>,
    effects: &mut Vec<Effect>,
) {
    if app
        .terms
        .lookup
        .as_ref()
        .is_some_and(|l| l.word == word && l.context == context && l.results.is_some())
    {
        return;
    }
    app.terms.lookup = Some(super::LookupState {
        word: word.to_string(),
        context,
        results: None,
    });
    effects.push(Effect::Lookup(word.to_string()));
}

fn is_user_term(app: &App, term: usize) -> bool {
    app.terms
        .glossary
        .terms
        .get(term)
        .is_some_and(|t| t.source == Source::User)
}

fn set_entry_scroll(app: &mut App, term: usize, scroll: usize) {
    app.terms.pane.view = GlossaryView::Entry {
        term,
        scroll: scroll.min(200),
    };
}

/// Open a term's entry; its occurrences become the `n` / `N` matches. With `jump`, the
/// article moves to the first occurrence, else the current one is the first at or after
/// the word cursor.
pub(super) fn open_entry(app: &mut App, term: usize, jump: bool) {
    let Some(t) = app.terms.glossary.terms.get(term) else {
        return;
    };
    let headword = t.headword();
    let matches: Vec<Match> = app
        .terms
        .glossary
        .occurrences_of(term)
        .map(|o| Match {
            block: o.block,
            range: o.range.clone(),
        })
        .collect();
    app.terms.pane.view = GlossaryView::Entry { term, scroll: 0 };
    app.terms.lookup = None;
    if let Some(i) = app.terms.pane.items.iter().position(|&x| x == term) {
        app.terms.pane.selected = i;
    }
    let count = matches.len();
    let current = if jump {
        0
    } else {
        let at = app.cursor.as_ref().map_or(0, |c| c.range.start);
        matches.iter().position(|m| m.range.end > at).unwrap_or(0)
    };
    app.search = (count > 0).then(|| Search {
        query: headword.clone(),
        matches,
        current: Some(current),
        progress: None,
    });
    if count == 0 {
        if app.terms.analysing {
            app.info(format!(
                "{headword}: still finding the terms in this long text; open it again in a moment."
            ));
        } else {
            app.info(format!("{headword}: not in this text."));
        }
        return;
    }
    if jump {
        app.reveal_match(0);
    }
    let keys = format!(
        "{}/{}",
        app.keymap.describe(Command::NextMatch),
        app.keymap.describe(Command::PreviousMatch)
    );
    let times = if count == 1 {
        "once".to_string()
    } else {
        format!("{count} times")
    };
    app.info(format!(
        "{headword}: {times} in the text; {keys} steps through."
    ));
}

/// Look up the word under the cursor: the term it belongs to opens in the glossary pane;
/// otherwise the pane says so and offers to add it.
pub(super) fn lookup(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(c) = app.cursor.clone() else {
        return;
    };
    let word = app.doc.text[c.range.clone()].to_string();
    let term = app
        .terms
        .glossary
        .occurrence_at(c.block, c.range.start)
        .map(|o| o.term)
        .or_else(|| app.terms.glossary.lookup(&word));
    show_pane(app);
    match term {
        Some(t) => open_entry(app, t, false),
        None => {
            app.terms.pane.view = GlossaryView::Lookup {
                word: word.clone(),
                scroll: 0,
            };
            app.info(format!("Looking up „{word}“…"));
        }
    }
    let context = sentence_context(app, c.block, c.range.start);
    request_lookup(app, &word, Some(context), effects);
    // The panes may have changed size: the word and its sentence stay in view.
    app.keep_cursor_in_view();
}

/// Show the glossary pane for a lookup from the text (in a narrow terminal it covers the
/// text, and takes the keys).
pub(super) fn show_pane(app: &mut App) {
    if !app.view.show_glossary || app.view.zoom {
        app.view.show_glossary = true;
        app.view.zoom = false;
        app.relayout();
    }
    if app.panes.narrow {
        app.focus(PaneId::Glossary);
        app.terms.pane.opened_from_text = true;
    }
}

/// The sentence around byte `at` of the text (in block `block`), and `at`'s offset in it.
pub(super) fn sentence_context(app: &App, block: usize, at: usize) -> (String, usize) {
    let Some(b) = app.doc.blocks.get(block) else {
        return (String::new(), 0);
    };
    let base = b.text.start;
    let text = app.doc.block_text(block);
    let rel = at.saturating_sub(base);
    let s = crate::document::text::sentence_ranges(text)
        .into_iter()
        .find(|s| s.start <= rel && rel < s.end.max(s.start + 1))
        .unwrap_or(0..text.len());
    (text[s.clone()].to_string(), rel.saturating_sub(s.start))
}

/// `Esc` on an entry or a lookup: back to the list, or, when a lookup in a narrow
/// terminal opened it over the text, back to the text (the pane closes).
fn back_from_entry(app: &mut App) {
    app.terms.pane.view = GlossaryView::List;
    // The entry's occurrences were the search: they go with it ("match 1 of 5", `n`).
    app.search = None;
    app.message = None;
    if std::mem::take(&mut app.terms.pane.opened_from_text) && app.panes.narrow {
        app.focus(PaneId::Article);
    }
}

/// Fill a new term's form for `lemma` from the lookup shown, when its best result is that
/// lemma (a term made of several words, looked up at one of them).
pub(super) fn prefill(app: &App, form: &mut TermForm, lemma: &str) {
    let best = app
        .terms
        .lookup
        .as_ref()
        .and_then(|l| l.results.as_ref())
        .and_then(|r| r.first())
        .filter(|f| f.headword == lemma);
    if let Some(best) = best {
        let (meaning, article, plural) = entry_facts(best);
        form.values[1] = meaning;
        form.values[2] = article;
        form.values[3] = plural;
    }
}

/// The best result of the lookup shown, when it is the lookup of `word`.
pub(super) fn best_lookup_of<'a>(app: &'a App, word: &str) -> Option<&'a crate::dict::Found> {
    app.terms
        .lookup
        .as_ref()
        .filter(|l| l.word == word)
        .and_then(|l| l.results.as_ref())
        .and_then(|r| r.first())
}

/// The form that adds `word` to the user's glossary, prefilled from the best dictionary
/// result when the lookup of that word has one.
pub(super) fn term_form_for(app: &App, word: &str) -> TermForm {
    let mut form = TermForm::new(word);
    if let Some(best) = best_lookup_of(app, word) {
        let (meaning, article, plural) = entry_facts(best);
        form.values = [
            best.headword.clone(),
            meaning,
            article,
            plural,
            std::mem::take(&mut form.values[4]),
        ];
    }
    form
}

/// Keys of the add/edit term form.
pub(super) fn form_command(
    app: &mut App,
    c: Command,
    mut form: TermForm,
    effects: &mut Vec<Effect>,
) {
    match c {
        Command::FocusNext | Command::ScrollDown => form.next_field(true),
        Command::FocusPrevious | Command::ScrollUp => form.next_field(false),
        Command::Cancel => {
            app.mode = Mode::Reading;
            app.info("Nothing added.");
            return;
        }
        Command::Quit => {
            app.quit = true;
            effects.push(Effect::Quit);
            return;
        }
        Command::Confirm => match form.to_term() {
            Ok(term)
                if app
                    .terms
                    .user_file
                    .as_ref()
                    .is_some_and(|u| u.broken.is_some()) =>
            {
                let _ = term;
                form.error = Some("Your glossary file is broken; fix it first.".into());
            }
            Ok(term) => {
                let lemma = term.lemma.clone();
                let replaced = form.editing.clone().unwrap_or_else(|| lemma.clone());
                app.terms
                    .user
                    .retain(|t| t.lemma != replaced && t.lemma != lemma);
                app.terms.user.push(term);
                app.mode = Mode::Reading;
                app.terms_changed(effects);
                if let Some(t) = app.select_lemma(&lemma) {
                    open_entry(app, t, false);
                }
                effects.push(Effect::SaveUserGlossary);
                return;
            }
            Err(e) => form.error = Some(e),
        },
        _ => {}
    }
    app.mode = Mode::TermForm(form);
}
