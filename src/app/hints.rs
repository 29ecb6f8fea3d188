//! Hint jumps (`f`), as vim-easymotion, hop.nvim and Vimium do them: every word on screen
//! gets a label of one or two letters; typing a label puts the word cursor on its word.

use super::cursor::{WordCursor, visible_words};
use super::{App, Hint, Mode};

/// The letters of the labels, the home row first.
const LETTERS: &str = "asdfghjklqwertyuiopzxcvbnm";

/// `n` labels: one letter each while they suffice, else two letters each (so that no
/// label is the beginning of another).
pub fn labels(n: usize) -> Vec<String> {
    let letters: Vec<char> = LETTERS.chars().collect();
    if n <= letters.len() {
        return letters.iter().take(n).map(|c| c.to_string()).collect();
    }
    letters
        .iter()
        .flat_map(|a| letters.iter().map(move |b| format!("{a}{b}")))
        .take(n)
        .collect()
}

/// Label the words on screen.
pub fn show(app: &mut App) {
    let words = visible_words(app);
    if words.is_empty() {
        app.info("No words on screen.");
        return;
    }
    let hints: Vec<Hint> = labels(words.len())
        .into_iter()
        .zip(words)
        .map(|(label, w)| Hint {
            label,
            block: w.block,
            range: w.range,
        })
        .collect();
    app.mode = Mode::Hints {
        hints,
        typed: String::new(),
    };
    app.info("Type the label of a word (Esc cancels).");
}

/// A letter typed (or Backspace) while the labels are shown.
pub fn typed(app: &mut App, c: Option<char>) {
    let Mode::Hints { hints, typed } = &mut app.mode else {
        return;
    };
    match c {
        Some(c) => typed.extend(c.to_lowercase()),
        None => {
            typed.pop();
        }
    }
    let typed = typed.clone();
    let matching: Vec<Hint> = hints
        .iter()
        .filter(|h| h.label.starts_with(&typed))
        .cloned()
        .collect();
    match matching.as_slice() {
        [] => {
            app.mode = Mode::Reading;
            app.info(format!("No word has the label „{typed}“."));
        }
        [hit] if hit.label == typed => {
            app.mode = Mode::Reading;
            app.cursor = Some(WordCursor {
                block: hit.block,
                range: hit.range.clone(),
            });
            let word = app
                .doc
                .text
                .get(hit.range.clone())
                .unwrap_or("")
                .to_string();
            app.info(format!(
                "„{word}“ · l looks it up, s sets its status, a adds a note"
            ));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_unique_and_none_begins_another() {
        for n in [1, 26, 27, 300] {
            let l = labels(n);
            assert_eq!(l.len(), n);
            for (i, a) in l.iter().enumerate() {
                for (j, b) in l.iter().enumerate() {
                    assert!(i == j || !b.starts_with(a.as_str()), "{a} {b}");
                }
            }
        }
    }
}
