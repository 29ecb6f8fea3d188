//! Finding glossary terms in German text, in any inflected form.
//!
//! A word (or a run of up to four words) matches a term when its lower-case spelling is one
//! of the term's listed forms (lemma, plural, `forms`), or, failing that, when its Snowball
//! stem equals the stem of the lemma or the plural (for nouns only on capitalised words,
//! since German nouns are capitalised). A hyphenated word is tried whole, then part by part
//! ("Open-Source-Basis" contains "Open Source"). Derived words with other stems
//! ("monopolistische", "Monopolisierung") do not match "Monopol".

use std::collections::HashMap;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

use super::term::Term;
use crate::document::word_ranges;

/// The most words a term may have.
pub const MAX_WORDS: usize = 4;

/// An index of term forms.
pub struct Matcher {
    stemmer: Stemmer,
    exact: HashMap<String, usize>,
    /// Stem keys → the term and the forms (lower case, word by word) that gave the key.
    stems: HashMap<String, (usize, Vec<Vec<String>>)>,
    nounlike: Vec<bool>,
    max_words: usize,
    /// First letters (folded) of every form's first word: a word that starts otherwise
    /// cannot begin a term, and is not stemmed at all (most words of a long text).
    prefixes: std::collections::HashSet<[char; 3]>,
}

/// The first three letters, lower case, umlauts folded (stems drop umlauts).
fn prefix_key(word: &str) -> [char; 3] {
    let mut key = ['\0'; 3];
    let letters = word.chars().flat_map(char::to_lowercase).map(|c| match c {
        'ä' => 'a',
        'ö' => 'o',
        'ü' => 'u',
        'ß' => 's',
        c => c,
    });
    for (slot, c) in key.iter_mut().zip(letters) {
        *slot = c;
    }
    key
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("exact", &self.exact.len())
            .field("stems", &self.stems.len())
            .finish()
    }
}

/// Results of earlier lookups while one long text is matched: a book repeats its words, and
/// stemming each of them again is most of the work. Keyed per number of words by the text
/// of the run, which (for a given number of words) determines the words.
#[derive(Default)]
pub struct Memo {
    runs: Vec<HashMap<String, Option<usize>>>,
}

/// A term found in a text: the term's index and the byte range (relative to the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub term: usize,
    pub range: Range<usize>,
}

/// Whether two lower-case words that share a stem write its vowels alike: up to where
/// they part, no letter of one is the other's with an umlaut (a/ä, o/ö, u/ü).
fn umlauts_agree(a: &str, b: &str) -> bool {
    let fold = |c: char| match c {
        'ä' => 'a',
        'ö' => 'o',
        'ü' => 'u',
        c => c,
    };
    a.chars()
        .zip(b.chars())
        .take_while(|&(x, y)| fold(x) == fold(y))
        .all(|(x, y)| x == y)
}

fn words_of(s: &str) -> Vec<&str> {
    word_ranges(s).into_iter().map(|r| &s[r]).collect()
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

impl Matcher {
    /// Index `terms`; earlier terms win a form that two terms share.
    pub fn new(terms: &[Term]) -> Matcher {
        let mut m = Matcher {
            stemmer: Stemmer::create(Algorithm::German),
            exact: HashMap::new(),
            stems: HashMap::new(),
            nounlike: terms.iter().map(Term::is_nounlike).collect(),
            max_words: 1,
            prefixes: std::collections::HashSet::new(),
        };
        for (i, term) in terms.iter().enumerate() {
            for form in term.surface_forms() {
                let words = words_of(form);
                if words.is_empty() || words.len() > MAX_WORDS {
                    continue;
                }
                m.max_words = m.max_words.max(words.len());
                m.exact.entry(Self::exact_key(&words)).or_insert(i);
                m.prefixes.insert(prefix_key(words[0]));
                // A hyphenated form can also be met as its parts ("Open-Source-Basis").
                if let Some(first) = words[0].split('-').next() {
                    m.prefixes.insert(prefix_key(first));
                }
            }
            for form in std::iter::once(term.lemma.as_str()).chain(term.plural.as_deref()) {
                let words = words_of(form);
                if words.is_empty() || words.len() > MAX_WORDS {
                    continue;
                }
                let key = m.stem_key(&words);
                let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                let entry = m.stems.entry(key).or_insert((i, Vec::new()));
                if entry.0 == i {
                    entry.1.push(lower);
                }
            }
        }
        m
    }

    fn exact_key(words: &[&str]) -> String {
        words
            .iter()
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn stem_key(&self, words: &[&str]) -> String {
        words
            .iter()
            .map(|w| self.stemmer.stem(&w.to_lowercase()).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The term that exactly these words are a form of. In running text (`strict`) a noun
    /// only matches a capitalised word, as German writes nouns.
    fn lookup_words(&self, words: &[&str], strict: bool) -> Option<usize> {
        let head = words.last()?;
        let allowed = |t: usize| !strict || !self.nounlike[t] || starts_upper(head);
        if let Some(&t) = self.exact.get(&Self::exact_key(words)) {
            return allowed(t).then_some(t);
        }
        let (t, forms) = self.stems.get(&self.stem_key(words))?;
        // The stemmer drops umlauts: a stem match keeps them (*tragen* is no form of
        // *träge*, *Leerverkäufen* is one of *Leerverkäufe*).
        let same_umlauts = forms.iter().any(|form| {
            form.iter()
                .zip(words)
                .all(|(f, w)| umlauts_agree(f, &w.to_lowercase()))
        });
        (same_umlauts && allowed(*t)).then_some(*t)
    }

    /// The term a single word (any form) belongs to: the whole word, else, for a
    /// hyphenated word, its parts from the last (the head of the compound) to the first.
    /// Case does not matter here: a looked-up word may be typed in lower case.
    pub fn lookup(&self, word: &str) -> Option<usize> {
        let words = words_of(word);
        if let Some(t) = self.lookup_words(&words, false) {
            return Some(t);
        }
        if word.contains('-') {
            let parts: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
            for n in (1..parts.len()).rev() {
                for start in (0..=parts.len() - n).rev() {
                    if let Some(t) = self.lookup_words(&parts[start..start + n], false) {
                        return Some(t);
                    }
                }
            }
        }
        None
    }

    /// All terms in `text`, longest match first, in order.
    pub fn find(&self, text: &str) -> Vec<Found> {
        self.find_memo(text, &mut Memo::default())
    }

    /// [`Matcher::find`], remembering lookups in `memo` (for many texts in a row).
    pub fn find_memo(&self, text: &str, memo: &mut Memo) -> Vec<Found> {
        let tokens = word_ranges(text);
        let mut out = Vec::new();
        self.find_in_tokens(text, &tokens, &mut out, memo);
        out
    }

    fn find_in_tokens(
        &self,
        text: &str,
        tokens: &[Range<usize>],
        out: &mut Vec<Found>,
        memo: &mut Memo,
    ) {
        let mut i = 0;
        while i < tokens.len() {
            if let Some((term, n)) = self.match_at(text, tokens, i, memo) {
                out.push(Found {
                    term,
                    range: tokens[i].start..tokens[i + n - 1].end,
                });
                i += n;
                continue;
            }
            let token = &text[tokens[i].clone()];
            if token.contains('-') {
                let mut parts = Vec::new();
                let mut start = tokens[i].start;
                for part in token.split('-') {
                    if !part.is_empty() {
                        parts.push(start..start + part.len());
                    }
                    start += part.len() + 1;
                }
                self.find_in_tokens(text, &parts, out, memo);
            }
            i += 1;
        }
    }

    /// The longest term starting at token `i`: (term, number of tokens).
    fn match_at(
        &self,
        text: &str,
        tokens: &[Range<usize>],
        i: usize,
        memo: &mut Memo,
    ) -> Option<(usize, usize)> {
        if !self
            .prefixes
            .contains(&prefix_key(&text[tokens[i].clone()]))
        {
            return None;
        }
        let max = self.max_words.min(tokens.len() - i);
        for n in (1..=max).rev() {
            let run = &tokens[i..i + n];
            // Words of a multi-word term stand next to each other, separated by spaces or
            // (inside a compound) a hyphen, never by punctuation.
            let adjacent = run.windows(2).all(|w| {
                text[w[0].end..w[1].start]
                    .chars()
                    .all(|c| c.is_whitespace() || c == '-')
            });
            if !adjacent {
                continue;
            }
            let key = &text[run[0].start..run[n - 1].end];
            if memo.runs.len() < n {
                memo.runs.resize_with(n, HashMap::new);
            }
            let found = match memo.runs[n - 1].get(key) {
                Some(&found) => found,
                None => {
                    let words: Vec<&str> = run.iter().map(|r| &text[r.clone()]).collect();
                    let found = self.lookup_words(&words, true);
                    memo.runs[n - 1].insert(key.to_string(), found);
                    found
                }
            };
            if let Some(t) = found {
                return Some((t, n));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::load::bundled;

    fn lemma_of(terms: &[Term], m: &Matcher, word: &str) -> Option<String> {
        m.lookup(word).map(|t| terms[t].lemma.clone())
    }

    fn found(terms: &[Term], text: &str) -> Vec<(String, String)> {
        let m = Matcher::new(terms);
        m.find(text)
            .into_iter()
            .map(|f| (text[f.range].to_string(), terms[f.term].lemma.clone()))
            .collect()
    }

    #[test]
    fn inflected_forms_find_their_lemma() {
        let terms = bundled();
        let m = Matcher::new(&terms);
        for (word, lemma) in [
            ("Leerverkäufe", "Leerverkauf"),
            ("Monopolen", "Monopol"),
            ("Monopole", "Monopol"),
            ("Kernreaktors", "Kernreaktor"),
            ("Rechenzentren", "Rechenzentrum"),
            ("Wettbewerbsvorteile", "Wettbewerbsvorteil"),
            ("Exportkontrollen", "Exportkontrolle"),
            ("Hyperscaler", "Hyperscaler"),
            ("Kartellgesetze", "Kartellgesetz"),
            ("Subventionen", "Subvention"),
        ] {
            assert_eq!(lemma_of(&terms, &m, word).as_deref(), Some(lemma), "{word}");
        }
    }

    #[test]
    fn look_alikes_are_not_the_term() {
        let terms = bundled();
        let m = Matcher::new(&terms);
        for word in [
            "monopolistische",
            "Monopolisierung",
            "Anti-Monopolisten",
            "Monopolist",
        ] {
            assert_ne!(
                lemma_of(&terms, &m, word).as_deref(),
                Some("Monopol"),
                "{word}"
            );
        }
        assert_ne!(
            lemma_of(&terms, &m, "Innovationskraft").as_deref(),
            Some("Innovation")
        );
        // In running text a noun term is not found in a lower-case word.
        assert!(
            !found(&terms, "die monopole Stellung")
                .iter()
                .any(|(_, l)| l == "Monopol")
        );
        assert_eq!(
            lemma_of(&terms, &m, "leerverkäufe").as_deref(),
            Some("Leerverkauf")
        );
    }

    #[test]
    fn a_stem_match_keeps_its_umlauts() {
        let terms = bundled();
        let m = Matcher::new(&terms);
        let adjective = terms
            .iter()
            .find(|t| {
                t.lemma.contains(['ä', 'ö', 'ü'])
                    && t.lemma.ends_with('e')
                    && !t.is_nounlike()
                    && !t.lemma.contains(' ')
            })
            .expect("an adjective term in -e with an umlaut");
        let without: String = adjective
            .lemma
            .chars()
            .map(|c| match c {
                'ä' => 'a',
                'ö' => 'o',
                'ü' => 'u',
                c => c,
            })
            .collect();
        // The stem's form with an ending, spelled without its umlaut, is another word.
        let inflected = format!("{without}n");
        assert_eq!(
            m.lookup(&format!("{}n", adjective.lemma))
                .map(|t| &terms[t].lemma),
            Some(&adjective.lemma)
        );
        assert_eq!(m.lookup(&inflected), None, "{inflected}");
        assert!(found(&terms, &format!("Sie {inflected} es.")).is_empty());
        // Plurals with umlauts still match in every case (*Leerverkäufen*).
        assert_eq!(
            lemma_of(&terms, &m, "Leerverkäufen").as_deref(),
            Some("Leerverkauf")
        );
    }

    #[test]
    fn finds_terms_in_quotes_multiword_and_across_lines() {
        let terms = bundled();
        let text = "Die „Hyperscaler“ und ‚nationalen Champions‘. Monopole\nsind träge. \
                    Die Big Techs und die nationalen\nChampions; auf Open-Source-Basis.";
        let got = found(&terms, text);
        let has = |form: &str, lemma: &str| got.iter().any(|(f, l)| f == form && l == lemma);
        assert!(has("Hyperscaler", "Hyperscaler"), "{got:?}");
        assert!(
            has("nationalen Champions", "nationaler Champion"),
            "{got:?}"
        );
        assert!(
            has("nationalen\nChampions", "nationaler Champion"),
            "{got:?}"
        );
        assert!(has("Monopole", "Monopol"), "{got:?}");
        assert!(has("Big Techs", "Big Tech"), "{got:?}");
        assert!(has("Open-Source", "Open Source"), "{got:?}");
    }

    #[test]
    fn punctuation_breaks_a_multiword_term() {
        let terms = bundled();
        let got = found(&terms, "Er ist national. Champions gibt es.");
        assert!(
            !got.iter().any(|(_, l)| l == "nationaler Champion"),
            "{got:?}"
        );
    }

    #[test]
    fn a_shared_memo_finds_what_a_fresh_search_finds() {
        let terms = bundled();
        let m = Matcher::new(&terms);
        let doc = crate::document::bundled();
        let mut memo = Memo::default();
        // Twice over the article, so the second round answers from the memo.
        for _ in 0..2 {
            for b in 0..doc.blocks.len() {
                let text = doc.block_text(b);
                assert_eq!(m.find_memo(text, &mut memo), m.find(text), "block {b}");
            }
        }
        assert!(memo.runs.iter().map(HashMap::len).sum::<usize>() > 0);
    }
}
