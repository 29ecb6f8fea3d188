//! The user's corrections of lemmas: a word as written → the lemma the user gave it by hand
//! (`L` on the word in the app). They override the analysis wherever a
//! word is analysed, so lookups, word statuses, review cards and exports all follow them.
//!
//! Like the lexicon, they are process-wide: the app and the commands install them once read
//! from the user's data ([`install`]), and the analysis reads them ([`installed`]). The
//! analysis itself takes them as a value ([`Corrections`]), so it is tested without the
//! process-wide copy.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

/// Word forms (as written) and their lemmas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrections {
    lemmas: BTreeMap<String, String>,
}

impl Corrections {
    pub fn new(lemmas: BTreeMap<String, String>) -> Corrections {
        Corrections { lemmas }
    }

    pub fn is_empty(&self) -> bool {
        self.lemmas.is_empty()
    }

    /// The corrected lemma of `form` as written; a sentence's first word (`initial`) is
    /// also found under its lower-case spelling („Damit“ as „damit“).
    pub fn lemma_of(&self, form: &str, initial: bool) -> Option<&str> {
        if let Some(l) = self.lemmas.get(form) {
            return Some(l);
        }
        if !initial {
            return None;
        }
        let mut chars = form.chars();
        let first = chars.next()?;
        let lower: String = first.to_lowercase().chain(chars).collect();
        self.lemmas.get(&lower).map(String::as_str)
    }
}

static INSTALLED: RwLock<Option<Arc<Corrections>>> = RwLock::new(None);

/// Make `corrections` the ones every analysis of this process uses.
pub fn install(corrections: Corrections) {
    if let Ok(mut slot) = INSTALLED.write() {
        *slot = (!corrections.is_empty()).then(|| Arc::new(corrections));
    }
}

/// The corrections installed for this process (none until [`install`]).
pub fn installed() -> Option<Arc<Corrections>> {
    INSTALLED.read().ok().and_then(|slot| slot.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_found_as_written_and_a_first_word_also_in_lower_case() {
        let c = Corrections::new(BTreeMap::from([
            ("Jungen".to_string(), "Junge".to_string()),
            ("lade".to_string(), "laden".to_string()),
        ]));
        assert_eq!(c.lemma_of("Jungen", false), Some("Junge"));
        assert_eq!(c.lemma_of("jungen", false), None);
        assert_eq!(c.lemma_of("Lade", false), None);
        assert_eq!(c.lemma_of("Lade", true), Some("laden"));
    }
}
