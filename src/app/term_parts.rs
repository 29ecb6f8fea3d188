//! Terms made by hand from several words: a selection (`v`) of a few words becomes a
//! multi-word term with `+`; parts apart (a separable verb met split, *lade … ein*) are
//! kept one by one with `m` while selecting. The term goes through the add-term form into
//! the user's glossary, and the glossary finds it again in any form (split verbs through
//! the sentence analysis, see `glossary::index`).

use std::ops::Range;

use super::term_form::TermForm;
use super::{App, Mode};
use crate::german::{Pos, lexicon};
use crate::keys::Command;

/// The most words a term may have (as the glossary's matcher finds them).
pub const MAX_TERM_WORDS: usize = crate::glossary::MAX_TERM_WORDS;

/// `m`: keep what is selected as one part of a term; with parts kept and no selection
/// running, the word under the cursor is kept as the next part.
pub fn mark_part(app: &mut App) {
    let part = match app.selection_range() {
        Some(r) => Some(r),
        None if !app.parts.is_empty() => app.cursor.as_ref().map(|c| (c.block, c.range.clone())),
        None => None,
    };
    let Some((block, range)) = part else {
        let select = app.keymap.describe(Command::Select);
        app.info(format!(
            "{select} starts a selection; then this key keeps it as a part of a term."
        ));
        return;
    };
    if app
        .parts
        .iter()
        .any(|(b, r)| *b == block && overlaps(r, &range))
    {
        app.info("That part is kept already: move to the next one.");
        return;
    }
    app.parts.push((block, range));
    app.parts.sort_by_key(|(b, r)| (*b, r.start));
    app.selection = None;
    let kept = parts_text(app, &app.parts);
    let word = app.keymap.describe(Command::NextWord);
    let add = app.keymap.describe(Command::AddTerm);
    app.info(format!(
        "Kept: {kept}. {word} moves to the next part, {add} makes the term, Esc cancels."
    ));
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The parts as the learner sees them: „lade … ein“.
fn parts_text(app: &App, parts: &[(usize, Range<usize>)]) -> String {
    let texts: Vec<&str> = parts
        .iter()
        .filter_map(|(_, r)| app.doc.text.get(r.clone()))
        .collect();
    format!("„{}“", texts.join(" … "))
}

/// Whether `+` makes a term of several words now: a selection runs, or parts are kept.
pub fn selecting(app: &App) -> bool {
    app.selection.is_some() || !app.parts.is_empty()
}

/// The kept parts and the running one (the selection, else the word under the cursor),
/// in text order, touching ones joined.
fn all_parts(app: &App) -> Vec<(usize, Range<usize>)> {
    let mut parts = app.parts.clone();
    let live = app
        .selection_range()
        .or_else(|| app.cursor.as_ref().map(|c| (c.block, c.range.clone())));
    if let Some((b, r)) = live
        && !parts.iter().any(|(pb, pr)| *pb == b && overlaps(pr, &r))
    {
        parts.push((b, r));
    }
    parts.sort_by_key(|(b, r)| (*b, r.start));
    let mut joined: Vec<(usize, Range<usize>)> = Vec::new();
    for (b, r) in parts {
        match joined.last_mut() {
            // Only spaces between them: one part.
            Some((lb, lr))
                if *lb == b
                    && app
                        .doc
                        .text
                        .get(lr.end..r.start)
                        .is_some_and(|gap| gap.trim().is_empty()) =>
            {
                lr.end = r.end;
            }
            _ => joined.push((b, r)),
        }
    }
    joined
}

/// What the parts make: a term of words side by side, or a separable verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Made {
    /// Words side by side, as written („nationalen Champions“).
    Words(String),
    /// A separable verb met split: its lemma and the parts as written.
    Verb { lemma: String, written: String },
}

/// The term the parts make, or why they make none.
pub fn make(parts: &[&str], sentence_lemma: Option<String>) -> Result<Made, String> {
    let count = |s: &str| s.split_whitespace().count();
    match parts {
        [] => Err("Nothing is selected.".into()),
        [one] => {
            let words = count(one);
            if words > MAX_TERM_WORDS {
                Err(format!(
                    "A term has at most {MAX_TERM_WORDS} words; this selection has {words}."
                ))
            } else {
                Ok(Made::Words(one.trim().to_string()))
            }
        }
        [a, b] if count(a) == 1 && count(b) == 1 => {
            let written = format!("{a} … {b}");
            let lemma = sentence_lemma
                .or_else(|| separable_lemma(a, b))
                .or_else(|| separable_lemma(b, a));
            lemma
                .map(|lemma| Made::Verb { lemma, written })
                .ok_or_else(|| {
                    format!(
                        "„{a} … {b}“ is no separable verb the lexicon knows: parts apart make a \
                         term only as one (lade … ein → einladen). Select words side by side \
                         for other terms."
                    )
                })
        }
        _ => Err(
            "Parts apart make a term only as a separable verb: the verb and its particle, \
             one word each."
                .into(),
        ),
    }
}

/// The separable verb of a finite `verb` and its `particle` (*lade* + *ein* → *einladen*),
/// when the lexicon lists it: no verb is made up. The verb is read as written (a
/// capitalised word inside a sentence is a noun; the sentence's own link covers a verb
/// that opens it).
fn separable_lemma(verb: &str, particle: &str) -> Option<String> {
    let lex = lexicon().ok()?;
    let particle = particle.to_lowercase();
    let is_particle = lex
        .readings(&particle)
        .iter()
        .any(|r| r.tag.pos == Pos::VerbParticle);
    if !is_particle {
        return None;
    }
    let mut verbs: Vec<String> = lex
        .readings(verb)
        .iter()
        .filter(|r| r.tag.pos == Pos::Verb)
        .map(|r| format!("{particle}{}", r.lemma))
        .filter(|whole| lex.is_verb(whole))
        .collect();
    verbs.sort();
    verbs.dedup();
    // Two verbs would be a guess.
    (verbs.len() == 1).then(|| verbs.remove(0))
}

/// The lemma the sentence analysis gives the first part when it links it to the second
/// as a split separable verb.
fn linked_lemma(app: &App, parts: &[(usize, Range<usize>)]) -> Option<String> {
    let [(block, verb), (_, particle)] = parts else {
        return None;
    };
    let base = app.doc.blocks.get(*block)?.text.start;
    let text = app.doc.block_text(*block);
    let (vs, ps) = (verb.start - base, particle.start - base);
    let sentence = crate::document::sentence_ranges(text)
        .into_iter()
        .find(|s| s.start <= vs && ps < s.end)?;
    let a = crate::german::analysis::analyse_at(&text[sentence.clone()], vs - sentence.start)?;
    let partner = a.partner?;
    (partner.0 == ps - sentence.start
        && matches!(a.basis, crate::german::analysis::Basis::Separable { .. }))
    .then_some(a.lemma)
}

/// `+` while selecting: the add-term form for the term the parts make.
pub fn add_term(app: &mut App) {
    let parts = all_parts(app);
    if parts
        .iter()
        .any(|(b, _)| Some(b) != parts.first().map(|(b, _)| b))
    {
        app.error("The parts of a term stand in one paragraph.");
        return;
    }
    let texts: Vec<&str> = parts
        .iter()
        .filter_map(|(_, r)| app.doc.text.get(r.clone()))
        .collect();
    let made = make(&texts, linked_lemma(app, &parts));
    match made {
        Err(e) => app.error(e),
        Ok(made) => {
            let (lemma, written) = match &made {
                Made::Words(w) => (w.clone(), w.clone()),
                Made::Verb { lemma, written } => (lemma.clone(), written.clone()),
            };
            let mut form = TermForm::new(&lemma);
            // Words side by side are kept as the form met; a split verb is found by its
            // lemma in any form.
            form.word = match made {
                Made::Words(w) => w,
                Made::Verb { .. } => String::new(),
            };
            super::study::prefill(app, &mut form, &lemma);
            app.parts.clear();
            app.selection = None;
            app.info(format!("A term of „{written}“: give its meaning."));
            app.mode = Mode::TermForm(form);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn words_side_by_side_make_a_term_of_at_most_four_words() {
        assert_eq!(
            make(&["nationalen Champions"], None),
            Ok(Made::Words("nationalen Champions".into()))
        );
        assert!(make(&["eins zwei drei vier fünf"], None).is_err());
        assert!(make(&[], None).is_err());
    }

    #[test]
    fn parts_apart_make_only_a_separable_verb_the_lexicon_knows() {
        let made = make(&["lade", "ein"], None).expect("a separable verb");
        assert_eq!(
            made,
            Made::Verb {
                lemma: "einladen".into(),
                written: "lade … ein".into()
            }
        );
        // The particle first is read the same way.
        assert!(matches!(
            make(&["ein", "lade"], None),
            Ok(Made::Verb { .. })
        ));
        // No verb is made up of words that are not one.
        assert!(make(&["Haus", "ein"], None).is_err());
        assert!(make(&["lade", "Haus"], None).is_err());
        assert!(make(&["a", "b", "c"], None).is_err());
        // The sentence's own link wins.
        let linked = make(&["warf", "zu"], Some("zuwerfen".into())).expect("linked");
        assert!(matches!(linked, Made::Verb { lemma, .. } if lemma == "zuwerfen"));
    }

    pub(crate) fn app_on(text: &str) -> App {
        let doc = crate::document::parse_str(
            format!("Titel\n\n{text}\n"),
            crate::document::Origin::Bundled("t"),
            "t",
            false,
        );
        App::new(doc, crate::config::Config::builtin(), 120, 40)
    }

    /// Put the word cursor on the `n`th occurrence (from 0) of `word` in the text.
    pub(crate) fn cursor_on(a: &mut App, word: &str, n: usize) {
        let at = a
            .doc
            .text
            .match_indices(word)
            .nth(n)
            .map(|(i, _)| i)
            .expect("the word is in the text");
        let block = a
            .doc
            .blocks
            .iter()
            .position(|b| b.text.start <= at && at < b.text.end)
            .expect("a block");
        a.cursor = Some(crate::app::cursor::WordCursor {
            block,
            range: at..at + word.len(),
        });
    }

    pub(crate) fn run(a: &mut App, c: Command) -> Vec<crate::app::Effect> {
        crate::app::update(a, crate::app::Action::Command(c), chrono::Utc::now())
    }

    #[test]
    fn a_split_verb_kept_in_two_parts_becomes_one_term() {
        let mut a = app_on("Sie lädt ihn morgen ein.");
        cursor_on(&mut a, "lädt", 0);
        run(&mut a, Command::Select);
        run(&mut a, Command::MarkPart);
        assert_eq!(a.parts.len(), 1);
        assert!(a.selection.is_none());
        cursor_on(&mut a, "ein", 0);
        run(&mut a, Command::AddTerm);
        let Mode::TermForm(form) = &a.mode else {
            panic!("the term form opens: {:?} {:?}", a.mode, a.message);
        };
        assert_eq!(form.values[0], "einladen");
        assert!(a.parts.is_empty());
    }

    #[test]
    fn words_side_by_side_become_a_term_and_esc_drops_kept_parts() {
        let mut a = app_on("Die nationalen Champions siegen.");
        cursor_on(&mut a, "nationalen", 0);
        run(&mut a, Command::Select);
        cursor_on(&mut a, "Champions", 0);
        run(&mut a, Command::AddTerm);
        let Mode::TermForm(form) = &a.mode else {
            panic!("the term form opens: {:?}", a.message);
        };
        assert_eq!(form.word, "nationalen Champions");
        // Kept parts go with Esc.
        a.mode = Mode::Reading;
        cursor_on(&mut a, "Die", 0);
        run(&mut a, Command::Select);
        run(&mut a, Command::MarkPart);
        run(&mut a, Command::Cancel);
        assert!(a.parts.is_empty() && a.selection.is_none());
        // Parts apart that are no separable verb make no term.
        cursor_on(&mut a, "Die", 0);
        run(&mut a, Command::Select);
        run(&mut a, Command::MarkPart);
        cursor_on(&mut a, "siegen", 0);
        run(&mut a, Command::AddTerm);
        assert!(!matches!(a.mode, Mode::TermForm(_)));
        assert!(a.message.as_ref().is_some_and(|m| m.error));
    }
}
