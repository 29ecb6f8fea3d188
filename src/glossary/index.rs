//! A document's glossary: its terms (the document's and the user's), every occurrence in
//! the text with its sentence, found once when the document is opened.

use super::fold::{edit_distance, filter_fold, german_cmp};
use super::matcher::Matcher;
pub use super::occurrence::Occurrence;
use super::term::Term;
use crate::document::Document;

/// Terms, their matcher and their occurrences in one document.
#[derive(Debug)]
pub struct Glossary {
    pub terms: Vec<Term>,
    matcher: Matcher,
    /// All occurrences, in text order.
    pub occurrences: Vec<Occurrence>,
    /// Indices into `occurrences`, per term.
    per_term: Vec<Vec<usize>>,
    /// Term indices in German alphabetical order.
    sorted: Vec<usize>,
}

impl Glossary {
    /// Build from the user's terms and the document's terms (the user's win a shared form),
    /// and find every occurrence in `doc`.
    /// The terms alone, no occurrences yet (while a long text is analysed in the
    /// background, lookups already work).
    pub fn terms_only(user: Vec<Term>, document: Vec<Term>) -> Glossary {
        Glossary::build(&Document::empty(), user, document)
    }

    pub fn build(doc: &Document, user: Vec<Term>, document: Vec<Term>) -> Glossary {
        let mut terms = user;
        for t in document {
            if !terms.iter().any(|u| u.lemma == t.lemma) {
                terms.push(t);
            }
        }
        let matcher = Matcher::new(&terms);
        let mut occurrences = Vec::new();
        let mut memo = super::matcher::Memo::default();
        for (b, block) in doc.blocks.iter().enumerate() {
            let base = block.text.start;
            for f in matcher.find_memo(doc.block_text(b), &mut memo) {
                occurrences.push(Occurrence {
                    term: f.term,
                    block: b,
                    range: base + f.range.start..base + f.range.end,
                    particle: false,
                });
            }
        }
        // Separable verbs met split (*lädt … ein*): the sentence analysis links the parts.
        let split = super::split_verbs::occurrences(doc, &terms, &occurrences);
        if !split.is_empty() {
            occurrences.extend(split);
            occurrences.sort_by_key(|o| (o.range.start, o.range.end));
        }
        let mut per_term = vec![Vec::new(); terms.len()];
        for (i, o) in occurrences.iter().enumerate() {
            if !o.particle {
                per_term[o.term].push(i);
            }
        }
        let mut sorted: Vec<usize> = (0..terms.len()).collect();
        sorted.sort_by(|&a, &b| german_cmp(&terms[a].lemma, &terms[b].lemma));
        Glossary {
            terms,
            matcher,
            occurrences,
            per_term,
            sorted,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Occurrences of one term, in text order.
    pub fn occurrences_of(&self, term: usize) -> impl Iterator<Item = &Occurrence> {
        self.per_term
            .get(term)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.occurrences.get(i))
    }

    /// Occurrences of one term from the `start`th on, in text order.
    pub fn occurrences_from(&self, term: usize, start: usize) -> impl Iterator<Item = &Occurrence> {
        let all = self.per_term.get(term).map_or(&[][..], Vec::as_slice);
        all[start.min(all.len())..]
            .iter()
            .filter_map(|&i| self.occurrences.get(i))
    }

    /// How many occurrences of one term start before byte `offset` (a binary search).
    pub fn occurrences_before(&self, term: usize, offset: usize) -> usize {
        let all = self.per_term.get(term).map_or(&[][..], Vec::as_slice);
        all.partition_point(|&i| {
            self.occurrences
                .get(i)
                .is_some_and(|o| o.range.start < offset)
        })
    }

    pub fn count(&self, term: usize) -> usize {
        self.per_term.get(term).map_or(0, Vec::len)
    }

    /// Occurrences in one block (for drawing): a slice of the text-ordered list.
    pub fn in_block(&self, block: usize) -> &[Occurrence] {
        let start = self.occurrences.partition_point(|o| o.block < block);
        let end = self.occurrences.partition_point(|o| o.block <= block);
        &self.occurrences[start..end]
    }

    /// The occurrence that covers a byte of the text, if any.
    pub fn occurrence_at(&self, block: usize, offset: usize) -> Option<&Occurrence> {
        self.in_block(block)
            .iter()
            .find(|o| o.range.start <= offset && offset < o.range.end)
    }

    /// Term indices in German alphabetical order, filtered by a forgiving query that is
    /// looked for in the lemma, the forms and the English meanings.
    pub fn filtered(&self, query: &str) -> Vec<usize> {
        let q = filter_fold(query);
        self.sorted
            .iter()
            .copied()
            .filter(|&i| {
                q.is_empty() || {
                    let t = &self.terms[i];
                    t.surface_forms()
                        .chain(t.english.iter().map(String::as_str))
                        .any(|f| filter_fold(f).contains(&q))
                }
            })
            .collect()
    }

    /// The term of a word in any form.
    pub fn lookup(&self, word: &str) -> Option<usize> {
        self.matcher.lookup(word)
    }

    /// `lookup`, or else the term with a form that reads the same once folded as the
    /// glossary filter folds (case, umlauts written as „ae“, hyphens and spaces):
    /// „Leerverkaeufe“ finds „Leerverkauf“. For a word typed by hand.
    pub fn lookup_typed(&self, word: &str) -> Option<usize> {
        self.lookup(word).or_else(|| {
            let w = filter_fold(word);
            if w.is_empty() {
                return None;
            }
            self.sorted
                .iter()
                .copied()
                .find(|&i| self.terms[i].surface_forms().any(|f| filter_fold(f) == w))
        })
    }

    /// Up to `n` terms closest in spelling to `word`, for "did you mean".
    pub fn nearest(&self, word: &str, n: usize) -> Vec<usize> {
        let w = filter_fold(word);
        let mut scored: Vec<(usize, usize)> = self
            .sorted
            .iter()
            .map(|&i| {
                let best = self.terms[i]
                    .surface_forms()
                    .map(|f| {
                        let f = filter_fold(f);
                        let prefix = f.len().min(w.len());
                        edit_distance(&w, &f).min(edit_distance(&w, &f[..floor(&f, prefix)]) + 2)
                    })
                    .min()
                    .unwrap_or(usize::MAX);
                (best, i)
            })
            .collect();
        scored.sort_by_key(|&(d, _)| d);
        scored.into_iter().take(n).map(|(_, i)| i).collect()
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document;
    use crate::glossary::load::bundled;

    fn user_term(lemma: &str) -> Term {
        Term {
            lemma: lemma.into(),
            pos: super::super::term::PartOfSpeech::Other,
            gender: None,
            plural: None,
            singular_only: false,
            english: vec!["to invite".into()],
            explanation_de: String::new(),
            explanation_en: String::new(),
            category: String::new(),
            forms: vec![],
            note: String::new(),
            source: super::super::term::Source::User,
        }
    }

    #[test]
    fn a_separable_verb_is_found_split_and_joined() {
        let text = "Sie lädt ihn morgen ein. Er hat sie eingeladen. Ein Haus steht dort.";
        let doc = document::parse_str(
            format!("Titel\n\n{text}\n"),
            document::Origin::Bundled("t"),
            "t",
            false,
        );
        let g = Glossary::build(&doc, vec![user_term("einladen")], Vec::new());
        let found: Vec<&str> = g
            .occurrences
            .iter()
            .map(|o| &doc.text[o.range.clone()])
            .collect();
        assert_eq!(found, ["lädt", "ein", "eingeladen"]);
        // One use of the verb is one occurrence: the particle is drawn, not counted.
        let counted: Vec<&str> = g
            .occurrences_of(0)
            .map(|o| &doc.text[o.range.clone()])
            .collect();
        assert_eq!(counted, ["lädt", "eingeladen"]);
    }

    #[test]
    fn a_term_that_is_no_separable_verb_is_not_analysed() {
        let doc = document::parse_str(
            "Titel\n\nSie lädt ihn morgen ein.\n".to_string(),
            document::Origin::Bundled("t"),
            "t",
            false,
        );
        let split = super::super::split_verbs::occurrences(&doc, &[user_term("Haus")], &[]);
        assert!(split.is_empty());
    }

    fn article() -> (Document, Glossary) {
        let doc = document::bundled();
        let g = Glossary::build(&doc, Vec::new(), bundled());
        (doc, g)
    }

    fn term(g: &Glossary, lemma: &str) -> usize {
        g.terms
            .iter()
            .position(|t| t.lemma == lemma)
            .unwrap_or_else(|| panic!("{lemma} in the glossary"))
    }

    #[test]
    fn a_word_typed_without_umlauts_finds_its_term() {
        let (_, g) = article();
        let term = g.lookup("Leerverkäufe");
        assert!(term.is_some());
        assert_eq!(g.lookup("Leerverkaeufe"), None, "not a form of the text");
        assert_eq!(g.lookup_typed("Leerverkaeufe"), term);
        assert_eq!(g.lookup_typed("leerverkaeufe"), term);
        assert_eq!(g.lookup_typed("Leerverkäufe"), term);
        assert_eq!(g.lookup_typed("Flugzeugträgerxyz"), None);
    }

    #[test]
    fn every_required_form_of_the_article_is_found() {
        let (doc, g) = article();
        let forms = |lemma: &str| -> Vec<String> {
            g.occurrences_of(term(&g, lemma))
                .map(|o| doc.text[o.range.clone()].to_string())
                .collect()
        };
        assert!(forms("Leerverkauf").contains(&"Leerverkäufe".to_string()));
        assert!(
            forms("Monopol").contains(&"Monopolen".to_string()),
            "{:?}",
            forms("Monopol")
        );
        assert!(forms("Kernreaktor").contains(&"Kernreaktors".to_string()));
        assert!(forms("Rechenzentrum").contains(&"Rechenzentren".to_string()));
        assert!(forms("Big Tech").contains(&"Big Techs".to_string()));
        assert!(forms("Hyperscaler").contains(&"Hyperscaler".to_string()));
        assert!(
            forms("nationaler Champion").contains(&"nationalen Champions".to_string()),
            "{:?}",
            forms("nationaler Champion")
        );
        // Every occurrence of a word the source spells like a listed Monopol form is found,
        // and the look-alikes are not counted as Monopol.
        let monopol = forms("Monopol");
        assert!(
            !monopol
                .iter()
                .any(|f| f.starts_with("monopolist") || f.contains("Monopolis"))
        );
        // Counted independently: whole words "Monopol", "Monopole", "Monopolen", "Monopols".
        let expected = doc
            .text
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| matches!(*w, "Monopol" | "Monopole" | "Monopolen" | "Monopols"))
            .count();
        assert_eq!(monopol.len(), expected);
    }

    #[test]
    fn sentences_hold_their_occurrence() {
        let (doc, g) = article();
        for o in &g.occurrences {
            let sentence = o.sentence(&doc);
            assert!(sentence.start <= o.range.start && o.range.end <= sentence.end);
            assert!(doc.text.get(sentence).is_some());
        }
        let leer = g
            .occurrences_of(term(&g, "Leerverkauf"))
            .next()
            .expect("occurs");
        assert!(doc.text[leer.sentence(&doc)].contains("Hochkonjunktur"));
    }

    #[test]
    fn sorted_and_filtered_the_german_way() {
        let (_, g) = article();
        let all = g.filtered("");
        assert_eq!(all.len(), g.terms.len());
        for w in all.windows(2) {
            let (a, b) = (&g.terms[w[0]].lemma, &g.terms[w[1]].lemma);
            assert_ne!(
                german_cmp(a, b),
                std::cmp::Ordering::Greater,
                "{a} before {b}"
            );
        }
        let leer = term(&g, "Leerverkauf");
        for q in ["leerverkaufe", "leerverkaeufe", "Leerverk", "short sale"] {
            assert!(g.filtered(q).contains(&leer), "{q}");
        }
    }

    #[test]
    fn user_terms_are_matched_too() {
        let doc = document::bundled();
        let mine = crate::glossary::Term {
            lemma: "Clippy".into(),
            pos: crate::glossary::PartOfSpeech::Noun,
            gender: None,
            plural: None,
            singular_only: false,
            english: vec!["Clippy".into()],
            explanation_de: String::new(),
            explanation_en: String::new(),
            category: String::new(),
            forms: vec![],
            note: String::new(),
            source: crate::glossary::Source::User,
        };
        let g = Glossary::build(&doc, vec![mine], bundled());
        assert_eq!(g.count(term(&g, "Clippy")), 1);
    }

    #[test]
    fn nearest_terms_for_a_typo() {
        let (_, g) = article();
        let near = g.nearest("Monopoll", 3);
        assert!(near.contains(&term(&g, "Monopol")));
    }
}
