//! The small form that adds a word to (or edits a term of) the user's own glossary.

use crate::glossary::{Gender, PartOfSpeech, Source, Term};

/// Field labels, in order.
pub const FIELDS: [&str; 5] = [
    "Lemma",
    "Meaning (English)",
    "Gender (der/die/das)",
    "Plural",
    "Note",
];

/// The form's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermForm {
    pub values: [String; 5],
    pub focus: usize,
    /// The lemma of the user term being edited, if editing.
    pub editing: Option<String>,
    pub error: Option<String>,
    /// The word of the text the form was opened on: kept as a form of the term when the
    /// lemma differs („blamiert“ for „blamieren“), so the term is found where it was met.
    pub word: String,
}

impl TermForm {
    /// A new form for `word`.
    pub fn new(word: &str) -> TermForm {
        TermForm {
            values: [
                word.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
            focus: 1,
            editing: None,
            error: None,
            word: word.trim().to_string(),
        }
    }

    /// A form to edit a user term.
    pub fn edit(term: &Term) -> TermForm {
        TermForm {
            values: [
                term.lemma.clone(),
                term.english.join(", "),
                term.gender
                    .map(|g| g.article().to_string())
                    .unwrap_or_default(),
                term.plural.clone().unwrap_or_default(),
                term.note.clone(),
            ],
            focus: 1,
            editing: Some(term.lemma.clone()),
            error: None,
            word: String::new(),
        }
    }

    pub fn input(&mut self, c: Option<char>) {
        let field = &mut self.values[self.focus];
        match c {
            Some(c) => field.push(c),
            None => {
                field.pop();
            }
        }
        self.error = None;
    }

    pub fn next_field(&mut self, forward: bool) {
        let n = FIELDS.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// The term, or what is wrong with the form.
    pub fn to_term(&self) -> Result<Term, String> {
        let [lemma, english, gender, plural, note] = &self.values;
        let lemma = lemma.trim();
        if lemma.is_empty() {
            return Err("The lemma must not be empty.".into());
        }
        let english: Vec<String> = english
            .split([',', ';'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if english.is_empty() {
            return Err("Give at least one meaning.".into());
        }
        let gender = if gender.trim().is_empty() {
            None
        } else {
            Some(Gender::parse(gender).ok_or("Gender: der, die, das (or m, f, n), or empty.")?)
        };
        let plural = plural.trim().trim_start_matches("die ").trim();
        Ok(Term {
            lemma: lemma.to_string(),
            pos: if gender.is_some() {
                PartOfSpeech::Noun
            } else {
                PartOfSpeech::Other
            },
            gender,
            plural: (!plural.is_empty()).then(|| plural.to_string()),
            singular_only: false,
            english,
            explanation_de: String::new(),
            explanation_en: String::new(),
            category: String::new(),
            forms: if self.word.is_empty() || self.word == lemma {
                Vec::new()
            } else {
                vec![self.word.clone()]
            },
            note: note.trim().to_string(),
            source: Source::User,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_form_makes_a_term() {
        let mut form = TermForm::new("Trägheit");
        for c in "inertia, sluggishness".chars() {
            form.input(Some(c));
        }
        form.next_field(true);
        for c in "die".chars() {
            form.input(Some(c));
        }
        let term = form.to_term().expect("valid");
        assert_eq!(term.headword(), "die Trägheit");
        assert_eq!(term.english, vec!["inertia", "sluggishness"]);
        assert_eq!(term.source, Source::User);
    }

    #[test]
    fn a_bad_gender_or_no_meaning_is_refused() {
        let form = TermForm::new("Wort");
        assert!(form.to_term().is_err());
        let mut form = TermForm::new("Wort");
        form.values[1] = "word".into();
        form.values[2] = "dem".into();
        assert!(form.to_term().unwrap_err().contains("Gender"));
    }

    #[test]
    fn the_word_met_in_the_text_stays_a_form_of_its_lemma() {
        let mut form = TermForm::new("blamiert");
        form.values[0] = "blamieren".into();
        form.values[1] = "to embarrass".into();
        let term = form.to_term().expect("a term");
        assert_eq!(term.lemma, "blamieren");
        assert_eq!(term.forms, ["blamiert"]);
        // A lemma that is the word itself needs no form.
        let mut same = TermForm::new("Monopol");
        same.values[1] = "monopoly".into();
        assert!(same.to_term().expect("a term").forms.is_empty());
    }
}
