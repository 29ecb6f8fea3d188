//! Vocabulary files written before the German lexicon keyed some words by a wrong lemma:
//! an inflected form (*Modelle*), a verb the old separable-verb linker made up
//! (*hinneuen*). At start-up each entry is checked against the lexicon: an entry whose
//! lemma the analysis corrects moves to the right key (nothing is dropped: where the right
//! key is taken, the old entry stays and is marked doubtful), and a lemma the lexicon does
//! not know is marked doubtful, so that it reaches no review card and no Anki deck.

use super::{Vocabulary, key_of, stemmer};
use crate::german::analysis::{Basis, analyse_word};
use crate::german::{Pos, frequency, lexicon};

/// What a check changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Migration {
    /// (old lemma, new lemma) of entries moved.
    pub moved: Vec<(String, String)>,
    /// Lemmas marked doubtful.
    pub doubtful: Vec<String>,
}

impl Migration {
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty() && self.doubtful.is_empty()
    }

    /// One line for the status line or the terminal.
    pub fn message(&self) -> String {
        let mut parts = Vec::new();
        if !self.moved.is_empty() {
            let shown: Vec<String> = self
                .moved
                .iter()
                .take(3)
                .map(|(a, b)| format!("{a} → {b}"))
                .collect();
            parts.push(format!(
                "{} word status(es) moved to their lemma ({}{})",
                self.moved.len(),
                shown.join(", "),
                if self.moved.len() > 3 { ", …" } else { "" }
            ));
        }
        if !self.doubtful.is_empty() {
            parts.push(format!(
                "{} kept but left out of reviews and Anki until you check them: {}",
                self.doubtful.len(),
                self.doubtful
                    .iter()
                    .take(5)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        format!("Vocabulary: {}.", parts.join("; "))
    }
}

/// The right lemma of an entry: its word analysed in its sentence when the entry kept
/// them, else its lemma analysed alone. `None` when the lexicon cannot tell.
fn right_lemma(lemma: &str, form: &str, sentence: &str) -> Option<String> {
    let lex = lexicon().ok()?;
    if lex
        .readings(lemma)
        .iter()
        .any(|r| r.lemma == lemma || r.tag.pos == Pos::Name)
    {
        return Some(lemma.to_string());
    }
    if !form.is_empty()
        && let Some(a) = analyse_word(sentence, form)
        && a.basis != Basis::Unknown
    {
        return Some(a.lemma);
    }
    let a = analyse_word(lemma, lemma)?;
    (a.basis != Basis::Unknown).then_some(a.lemma)
}

/// Check every entry; move or mark what the lexicon corrects.
pub fn migrate(vocab: &mut Vocabulary) -> Migration {
    let mut report = Migration::default();
    let stemmer = stemmer();
    let keys: Vec<String> = vocab.entries.keys().cloned().collect();
    for key in keys {
        let Some(e) = vocab.entries.get(&key) else {
            continue;
        };
        if e.doubtful {
            continue;
        }
        // Multi-word terms of a glossary ("nationaler Champion") are the glossary's.
        if e.lemma.contains(' ') {
            continue;
        }
        match right_lemma(&e.lemma, &e.form, &e.sentence) {
            Some(right) if right == e.lemma => {}
            Some(right) => {
                let new_key = key_of(&stemmer, &right);
                let old = e.lemma.clone();
                if new_key == key {
                    if let Some(e) = vocab.entries.get_mut(&key) {
                        e.lemma = right.clone();
                    }
                    report.moved.push((old, right));
                } else if vocab.entries.contains_key(&new_key) {
                    if let Some(e) = vocab.entries.get_mut(&key) {
                        e.doubtful = true;
                    }
                    report.doubtful.push(old);
                } else if let Some(mut e) = vocab.entries.remove(&key) {
                    e.key = new_key.clone();
                    e.lemma = right.clone();
                    vocab.entries.insert(new_key, e);
                    report.moved.push((old, right));
                }
            }
            None => {
                // Neither the lexicon nor the frequency list knows it: a made-up word.
                let known = frequency::zipf(&e.lemma).is_some()
                    || e.lemma.chars().next().is_some_and(char::is_uppercase);
                if !known && let Some(e) = vocab.entries.get_mut(&key) {
                    e.doubtful = true;
                    report.doubtful.push(e.lemma.clone());
                }
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::super::{Status, VocabEntry};
    use super::*;

    fn entry(lemma: &str, form: &str, sentence: &str) -> VocabEntry {
        VocabEntry {
            key: key_of(&stemmer(), lemma),
            lemma: lemma.into(),
            status: Status::L2,
            updated: "2026-11-01T10:00:00Z".into(),
            learned: None,
            article: String::new(),
            plural: String::new(),
            meaning: String::new(),
            category: String::new(),
            sentence: sentence.into(),
            form: form.into(),
            document: String::new(),
            review: None,
            doubtful: false,
        }
    }

    #[test]
    fn wrong_lemmas_move_and_made_up_verbs_are_marked() {
        let mut v = Vocabulary::default();
        for e in [
            entry("Modelle", "Modelle", "Die Modelle sind neu."),
            entry("hinneuen", "deutet", "Das deutet auf Neues hin."),
            entry("Leerverkauf", "Leerverkäufe", "Die Leerverkäufe steigen."),
        ] {
            v.entries.insert(e.key.clone(), e);
        }
        let before = v.entries.len();
        let m = migrate(&mut v);
        assert_eq!(v.entries.len(), before, "nothing is dropped");
        assert!(
            m.moved.contains(&("Modelle".into(), "Modell".into())),
            "{m:?}"
        );
        let modell = key_of(&stemmer(), "Modell");
        assert_eq!(v.entries[&modell].lemma, "Modell");
        assert_eq!(v.entries[&modell].status, Status::L2);
        // The sentence shows what the word was: the entry moves to hindeuten.
        assert!(
            m.moved.contains(&("hinneuen".into(), "hindeuten".into())),
            "{m:?}"
        );
        assert!(!m.message().is_empty());
        // Right lemmas stay as they are.
        assert!(!m.moved.iter().any(|(a, _)| a == "Leerverkauf"));
        // A second check changes nothing.
        assert!(migrate(&mut v).is_empty());
    }

    #[test]
    fn a_made_up_word_without_a_sentence_is_marked_not_dropped() {
        let mut v = Vocabulary::default();
        let e = entry("ausimmeren", "", "");
        v.entries.insert(e.key.clone(), e);
        let m = migrate(&mut v);
        assert_eq!(m.doubtful, vec!["ausimmeren".to_string()]);
        assert_eq!(v.entries.len(), 1);
        assert!(v.entries.values().all(|e| e.doubtful));
    }
}
