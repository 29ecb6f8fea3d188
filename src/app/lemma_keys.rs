//! `L`: the lemma of the word under the cursor, corrected by hand. The lookup's lemma is
//! prefilled (a noun with its article); Enter keeps the typed one for this spelling in
//! every text (saved to `lemmas.toml` in the data dir), an empty one removes the
//! correction. An article before a noun ("der Junge") sets its gender. Lookups, word
//! statuses, review cards and exports follow it from then on, since the analysis itself
//! does ([`crate::german::corrections`]).

use super::{App, Effect, Mode};
use crate::german::corrections::{self, Corrections};
use crate::keys::Command;

/// Open the prompt for the word under the cursor.
pub fn open(app: &mut App) {
    let Some(c) = app.cursor.clone() else {
        app.info("Put the word cursor on a word first (w, or a click).");
        return;
    };
    let Some(word) = app.doc.text.get(c.range.clone()).map(str::to_string) else {
        return;
    };
    // The lookup's lemma when the lookup shows this word, else the analysis's.
    let looked_up = super::study::best_lookup_of(app, &word).map(|f| match f.gender {
        // A noun with its article: the learner corrects "das Junge" to "der Junge".
        Some(g) => format!("{} {}", g.article(), f.headword),
        None => f.headword.clone(),
    });
    let analysed = || {
        app.learning
            .words
            .word_at(&app.doc, Some(&app.terms.glossary), c.block, c.range.start)
            .map(|(_, _, lemma)| lemma)
    };
    let was = looked_up.or_else(analysed).unwrap_or_else(|| word.clone());
    app.mode = Mode::CorrectLemma {
        word,
        input: was.clone(),
        was,
    };
}

/// Keys of the prompt.
pub fn command(app: &mut App, c: Command, word: String, input: String, effects: &mut Vec<Effect>) {
    match c {
        Command::Confirm => {
            app.mode = Mode::Reading;
            apply(app, &word, &input, effects);
        }
        Command::Cancel => {
            app.mode = Mode::Reading;
            app.info("Lemma unchanged.");
        }
        _ => {}
    }
}

/// The typed lemma: what is left of it without control characters and outer spaces.
fn cleaned(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Keep (or, for an empty lemma, remove) the correction of `word`, and read the text
/// again with it.
pub fn apply(app: &mut App, word: &str, input: &str, effects: &mut Vec<Effect>) {
    let lemma = cleaned(input);
    let before = app.learning.lemmas.get(word).cloned();
    if lemma.is_empty() {
        if before.is_none() {
            app.info("No lemma given: nothing changed.");
            return;
        }
        app.learning.lemmas.remove(word);
        app.info(format!(
            "„{word}“: your correction is removed; the analysis decides again."
        ));
    } else if !lemma.chars().any(char::is_alphabetic) {
        app.error(format!("„{lemma}“ is no word: nothing changed."));
        return;
    } else if before.as_deref() == Some(lemma.as_str()) {
        app.info(format!("„{word}“ is already read as „{lemma}“."));
        return;
    } else {
        app.learning.lemmas.insert(word.to_string(), lemma.clone());
        app.info(format!(
            "„{word}“ is now read as „{lemma}“ in every text: lookups, word statuses and \
             exports."
        ));
    }
    changed(app, effects);
    app.learning.lemmas_unsaved = true;
    effects.push(Effect::SaveLemmas);
}

/// The corrections changed: the analysis takes them, the words are counted again, and a
/// lookup of a corrected word shows its new lemma.
fn changed(app: &mut App, effects: &mut Vec<Effect>) {
    corrections::install(Corrections::new(app.learning.lemmas.clone()));
    app.terms_changed(effects);
    app.refresh_vocab_numbers();
    if let Some(l) = &app.terms.lookup {
        effects.push(Effect::Lookup(l.word.clone()));
    }
}

/// The corrections were saved (merged with another lesepult's), or not.
pub fn saved(
    app: &mut App,
    saved: Result<crate::vocab::lemmas::Lemmas, String>,
    effects: &mut Vec<Effect>,
) {
    match saved {
        Ok(merged) => {
            app.learning.lemmas_unsaved = false;
            app.learning.lemmas_error = None;
            if merged != app.learning.lemmas {
                app.learning.lemmas = merged;
                changed(app, effects);
            }
        }
        Err(e) => {
            app.error(format!(
                "Lemma corrections NOT saved: {e}. They stay in memory; the next change \
                 tries again."
            ));
            app.learning.lemmas_error = Some(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::app::term_parts::tests::{app_on, cursor_on, run};

    #[test]
    fn a_corrected_lemma_is_kept_saved_and_counts_the_word_under_it() {
        // A made-up word: the corrections are process-wide, and no other test reads it.
        let mut a = app_on("Die Quaxeln tanzen. Die Quaxeln singen.");
        a.set_vocabulary(crate::vocab::Vocabulary::default());
        cursor_on(&mut a, "Quaxeln", 0);
        run(&mut a, Command::CorrectLemma);
        let Mode::CorrectLemma { word, was, .. } = a.mode.clone() else {
            panic!("the prompt opens: {:?}", a.message);
        };
        assert_eq!((word.as_str(), was.as_str()), ("Quaxeln", "Quaxeln"));
        a.mode = Mode::CorrectLemma {
            word,
            was,
            input: " Quaxel ".into(),
        };
        let effects = run(&mut a, Command::Confirm);
        assert!(effects.contains(&Effect::SaveLemmas), "{effects:?}");
        assert_eq!(
            a.learning.lemmas.get("Quaxeln").map(String::as_str),
            Some("Quaxel")
        );
        let Some(c) = a.cursor.clone() else {
            panic!("the cursor stays");
        };
        let lemma = a
            .learning
            .words
            .word_at(&a.doc, Some(&a.terms.glossary), c.block, c.range.start)
            .map(|(_, _, l)| l);
        assert_eq!(lemma.as_deref(), Some("Quaxel"));
        // Saved (as merged): nothing left unsaved; an empty lemma removes the correction.
        let kept = a.learning.lemmas.clone();
        saved(&mut a, Ok(kept), &mut Vec::new());
        assert!(!a.learning.lemmas_unsaved);
        let mut effects = Vec::new();
        apply(&mut a, "Quaxeln", "", &mut effects);
        assert!(a.learning.lemmas.is_empty());
        assert!(effects.contains(&Effect::SaveLemmas));
        corrections::install(Corrections::default());
    }

    #[test]
    fn a_typed_lemma_is_cleaned_of_controls_and_spaces() {
        assert_eq!(cleaned("  Junge\u{1b}[31m \n"), "Junge[31m");
        assert_eq!(cleaned(" \t "), "");
    }
}
