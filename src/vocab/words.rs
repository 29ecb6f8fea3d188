//! The running words of a document with their lemma keys: glossary terms by their lemma,
//! every other word by the lemma its sentence gives it (`german::analysis`: "ist" → sein,
//! "reichte … ein" → einreichen), stemmed for the key.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use super::{Status, Vocabulary, key_of, stemmer};
use crate::document::{Document, word_ranges};
use crate::glossary::Glossary;

/// One running word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub block: usize,
    /// Byte range in `Document::text`.
    pub range: Range<usize>,
    /// Index into `DocWords::keys` (`u32::MAX` for a word the counts have not seen).
    pub key: u32,
}

/// The lemma keys of a document and how often each occurs, found once (in the background
/// for a long text). The words of a block are found again when they are drawn: keeping a
/// token per running word would cost more memory than the text itself.
#[derive(Debug, Clone, Default)]
pub struct DocWords {
    /// Lemma keys, and how each is shown.
    pub keys: Vec<String>,
    pub lemmas: Vec<String>,
    /// Running words per key.
    pub counts: Vec<usize>,
    index: HashMap<String, u32>,
    total: usize,
    memo: BlockMemo,
}

/// The words of a block with (range, key, lemma).
type BlockWords = Arc<Vec<(Range<usize>, String, String)>>;

/// The analysed words of the blocks drawn lately: a block's sentences are analysed once,
/// not at every frame or cursor move (a cache only: the same block gives the same words).
#[derive(Debug, Clone, Default)]
struct BlockMemo(Arc<Mutex<HashMap<usize, BlockWords>>>);

/// Blocks kept in the memo at most (the screens around the reading place).
const MEMO_BLOCKS: usize = 1024;

fn is_word(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// Where a word's (key, lemma) comes from.
enum Lemma<'a> {
    /// A separable verb or a glossary term: its lemma, stemmed for the key.
    Of(&'a str),
    /// Any other word: its own stem.
    Itself,
}

/// The words of one block, each with where its lemma comes from: separable verbs joined,
/// glossary terms by their lemma, the rest by stem.
fn block_lemmas<'a>(
    doc: &'a Document,
    glossary: Option<&'a Glossary>,
    b: usize,
    mut each: impl FnMut(Range<usize>, &'a str, Lemma<'_>),
) {
    let Some(block) = doc.blocks.get(b) else {
        return;
    };
    let text = doc.block_text(b);
    let base = block.text.start;
    // Each word's lemma in its sentence: (start in the block, lemma).
    let mut lemmas: Vec<(usize, String)> = Vec::new();
    for s in crate::document::text::sentence_ranges(text) {
        for (start, _, lemma) in crate::german::analysis::sentence_lemmas(&text[s.clone()]) {
            lemmas.push((s.start + start, lemma));
        }
    }
    let terms = glossary.map(|g| g.in_block(b)).unwrap_or(&[]);
    for r in word_ranges(text) {
        let word = &text[r.clone()];
        if !is_word(word) {
            continue;
        }
        let abs = base + r.start..base + r.end;
        if let Some(t) = terms
            .iter()
            .find(|o| o.range.start <= abs.start && abs.end <= o.range.end)
            .and_then(|o| glossary.and_then(|g| g.terms.get(o.term)))
        {
            each(abs, word, Lemma::Of(&t.lemma));
        } else if let Ok(i) = lemmas.binary_search_by_key(&r.start, |(s, _)| *s) {
            each(abs, word, Lemma::Of(&lemmas[i].1));
        } else {
            each(abs, word, Lemma::Itself);
        }
    }
}

/// The words of one block with their (key, lemma).
fn block_words(
    doc: &Document,
    glossary: Option<&Glossary>,
    stemmer: &rust_stemmers::Stemmer,
    b: usize,
) -> Vec<(Range<usize>, String, String)> {
    let mut out = Vec::new();
    block_lemmas(doc, glossary, b, |range, word, lemma| {
        let lemma = match lemma {
            Lemma::Of(l) => l,
            Lemma::Itself => word,
        };
        out.push((range, key_of(stemmer, lemma), lemma.to_string()));
    });
    out
}

impl DocWords {
    /// Count the words of `doc` by lemma key; glossary occurrences take their term's lemma.
    pub fn build(doc: &Document, glossary: Option<&Glossary>) -> DocWords {
        let stemmer = stemmer();
        let mut words = DocWords::default();
        // A book repeats its words: each distinct spelling is stemmed once.
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let mut seen_lemmas: HashMap<String, u32> = HashMap::new();
        for b in 0..doc.blocks.len() {
            block_lemmas(doc, glossary, b, |_, word, lemma| {
                let k = match lemma {
                    Lemma::Of(l) => match seen_lemmas.get(l) {
                        Some(&k) => k,
                        None => {
                            let k = words.intern(key_of(&stemmer, l), l);
                            seen_lemmas.insert(l.to_string(), k);
                            k
                        }
                    },
                    Lemma::Itself => match seen.get(word) {
                        Some(&k) => k,
                        None => {
                            let k = words.intern(key_of(&stemmer, word), word);
                            seen.insert(word, k);
                            k
                        }
                    },
                };
                words.counts[k as usize] += 1;
                words.total += 1;
            });
        }
        words
    }

    fn intern(&mut self, key: String, lemma: &str) -> u32 {
        if let Some(&k) = self.index.get(&key) {
            // A word first met at the start of a sentence („Das“) is shown as it is written
            // inside one („das“).
            let shown = &mut self.lemmas[k as usize];
            let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
            if capital(shown) && !capital(lemma) && shown.to_lowercase() == lemma.to_lowercase() {
                *shown = lemma.to_string();
            }
            return k;
        }
        let k = self.keys.len() as u32;
        self.index.insert(key.clone(), k);
        self.keys.push(key);
        self.lemmas.push(lemma.to_string());
        self.counts.push(0);
        k
    }

    /// The key index of a lemma key.
    pub fn key_index(&self, key: &str) -> Option<usize> {
        self.index.get(key).map(|&k| k as usize)
    }

    /// A block's words, analysed once and then kept (work for the blocks on screen).
    fn block_words(&self, doc: &Document, glossary: Option<&Glossary>, block: usize) -> BlockWords {
        if let Ok(memo) = self.memo.0.lock()
            && let Some(words) = memo.get(&block)
        {
            return Arc::clone(words);
        }
        let words = Arc::new(block_words(doc, glossary, &stemmer(), block));
        if let Ok(mut memo) = self.memo.0.lock() {
            if memo.len() >= MEMO_BLOCKS {
                memo.clear();
            }
            memo.insert(block, Arc::clone(&words));
        }
        words
    }

    /// The words of one block (found again, as they are drawn: work for one block only).
    pub fn in_block(
        &self,
        doc: &Document,
        glossary: Option<&Glossary>,
        block: usize,
    ) -> Vec<Token> {
        self.block_words(doc, glossary, block)
            .iter()
            .map(|(range, key, _)| Token {
                block,
                range: range.clone(),
                key: self.index.get(key).copied().unwrap_or(u32::MAX),
            })
            .collect()
    }

    /// The words of one block as (range, key, lemma).
    pub fn words(
        &self,
        doc: &Document,
        glossary: Option<&Glossary>,
        block: usize,
    ) -> Vec<(Range<usize>, String, String)> {
        self.block_words(doc, glossary, block).to_vec()
    }

    /// The word at a byte of the text, with its key and lemma (even if not counted yet).
    pub fn word_at(
        &self,
        doc: &Document,
        glossary: Option<&Glossary>,
        block: usize,
        offset: usize,
    ) -> Option<(Range<usize>, String, String)> {
        self.block_words(doc, glossary, block)
            .iter()
            .find(|(r, _, _)| r.start <= offset && offset < r.end)
            .cloned()
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// Share of known running words: well known, over all but the ignored.
    pub fn known_share(&self, vocab: &Vocabulary) -> f64 {
        let mut known = 0usize;
        let mut ignored = 0usize;
        for (i, key) in self.keys.iter().enumerate() {
            match vocab.status(key) {
                Status::Known => known += self.counts[i],
                Status::Ignored => ignored += self.counts[i],
                _ => {}
            }
        }
        let counted = self.total().saturating_sub(ignored);
        if counted == 0 {
            0.0
        } else {
            known as f64 / counted as f64
        }
    }

    /// Running words and distinct lemmas of the document per status.
    pub fn by_status(&self, vocab: &Vocabulary) -> Vec<(Status, usize, usize)> {
        Status::ALL
            .iter()
            .map(|&s| {
                let (mut words, mut lemmas) = (0, 0);
                for (i, key) in self.keys.iter().enumerate() {
                    if vocab.status(key) == s {
                        words += self.counts[i];
                        lemmas += 1;
                    }
                }
                (s, words, lemmas)
            })
            .collect()
    }

    /// New lemmas ranked by how much learning each would raise the known share:
    /// (key index, points of the share).
    pub fn best_to_learn(&self, vocab: &Vocabulary, n: usize) -> Vec<(usize, f64)> {
        let total = self.total().max(1) as f64;
        let mut ranked: Vec<(bool, usize, f64)> = self
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| vocab.status(k) == Status::New)
            .map(|(i, _)| {
                let grammar = is_grammar_word(&self.lemmas[i]);
                (grammar, i, self.counts[i] as f64 * 100.0 / total)
            })
            .collect();
        // Words that carry meaning first (articles, pronouns, prepositions and
        // conjunctions come with the grammar), each group by its share of the text.
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(&b.1)));
        ranked.truncate(n);
        ranked.into_iter().map(|(_, i, p)| (i, p)).collect()
    }
}

/// A lemma the lexicon lists only as a closed-class word (article, pronoun, preposition,
/// conjunction, particle).
fn is_grammar_word(lemma: &str) -> bool {
    let Ok(lex) = crate::german::lexicon() else {
        return false;
    };
    let own: Vec<_> = lex
        .readings(lemma)
        .into_iter()
        .filter(|r| r.lemma == lemma)
        .collect();
    !own.is_empty() && own.iter().all(|r| r.tag.pos.is_closed())
}

#[cfg(test)]
mod tests {
    #[test]
    fn learn_next_puts_words_of_meaning_before_grammar_words() {
        let doc = crate::document::parse_str(
            "Titel\n\nDie Firma und die Bank. Die Firma zahlt und die Bank zahlt mit der Firma.\n"
                .to_string(),
            crate::document::Origin::Bundled("t"),
            "t",
            false,
        );
        let w = DocWords::build(&doc, None);
        let next: Vec<&str> = w
            .best_to_learn(&Vocabulary::default(), 3)
            .into_iter()
            .map(|(k, _)| w.lemmas[k].as_str())
            .collect();
        // "der" is the most frequent lemma, yet comes after the words of meaning.
        assert_eq!(next, vec!["Firma", "Bank", "zahlen"]);
    }

    #[test]
    fn a_word_is_shown_as_written_inside_a_sentence() {
        let doc = crate::document::parse_str(
            "Titel\n\nDas Haus steht. In der Stadt sah er das Haus in der Sonne.\n".to_string(),
            crate::document::Origin::Bundled("t"),
            "t",
            false,
        );
        let w = DocWords::build(&doc, None);
        // Words are counted by lemma (the article's is "der"), never by a capital that
        // only marks the sentence's start.
        for (written, shown) in [
            ("das", "der"),
            ("in", "in"),
            ("Haus", "Haus"),
            ("sah", "sehen"),
        ] {
            assert!(
                w.lemmas.iter().any(|l| l == shown),
                "{written}: {:?}",
                w.lemmas
            );
        }
        assert!(
            !w.lemmas.iter().any(|l| l == "Das" || l == "In"),
            "{:?}",
            w.lemmas
        );
    }

    use super::super::VocabEntry;
    use super::*;
    use crate::document::bundled;

    #[test]
    fn counts_match_the_words_found_block_by_block() {
        let doc = bundled();
        let glossary = Glossary::build(&doc, Vec::new(), crate::glossary::bundled());
        let words = DocWords::build(&doc, Some(&glossary));
        let mut counts: HashMap<String, usize> = HashMap::new();
        for b in 0..doc.blocks.len() {
            for (_, key, _) in words.words(&doc, Some(&glossary), b) {
                *counts.entry(key).or_default() += 1;
            }
        }
        assert_eq!(counts.len(), words.keys.len());
        for (k, key) in words.keys.iter().enumerate() {
            assert_eq!(counts.get(key), Some(&words.counts[k]), "{key}");
        }
    }

    fn entry(key: &str, status: Status) -> VocabEntry {
        VocabEntry {
            key: key.into(),
            lemma: key.into(),
            status,
            updated: String::new(),
            learned: None,
            article: String::new(),
            plural: String::new(),
            meaning: String::new(),
            category: String::new(),
            sentence: String::new(),
            form: String::new(),
            document: String::new(),
            review: None,
            doubtful: false,
        }
    }

    #[test]
    fn a_status_covers_every_form_and_the_share_counts_running_words() {
        let doc = bundled();
        let g = Glossary::build(&doc, Vec::new(), crate::glossary::bundled());
        let w = DocWords::build(&doc, Some(&g));
        let s = stemmer();
        let all: Vec<Token> = (0..doc.blocks.len())
            .flat_map(|b| w.in_block(&doc, Some(&g), b))
            .collect();
        assert_eq!(all.len(), w.total());
        let key = key_of(&s, "Leerverkauf");
        let k = w.key_index(&key).expect("Leerverkauf is a key");
        // Both the form in the text and the lemma map to one key.
        let forms: Vec<&str> = all
            .iter()
            .filter(|t| t.key as usize == k)
            .map(|t| &doc.text[t.range.clone()])
            .collect();
        assert_eq!(forms, vec!["Leerverkäufe"]);
        assert_eq!(w.lemmas[k], "Leerverkauf");

        let mut vocab = Vocabulary::default();
        assert_eq!(w.known_share(&vocab), 0.0);
        // Mark the article "der" known: the share is its running words (der, die, das,
        // dem, den, des) over all words.
        let count = |lemma: &str| {
            let k = w.key_index(&key_of(&s, lemma)).expect("a key");
            all.iter().filter(|t| t.key as usize == k).count()
        };
        let die = key_of(&s, "der");
        vocab
            .entries
            .insert(die.clone(), entry(&die, Status::Known));
        let expected = count("der") as f64 / w.total() as f64;
        assert!((w.known_share(&vocab) - expected).abs() < 1e-9);
        // Ignoring a word takes it out of the count.
        let und = key_of(&s, "und");
        vocab
            .entries
            .insert(und.clone(), entry(&und, Status::Ignored));
        let expected = count("der") as f64 / (w.total() - count("und")) as f64;
        assert!((w.known_share(&vocab) - expected).abs() < 1e-9);
        // The most frequent new lemma is ranked first.
        let best = w.best_to_learn(&vocab, 3);
        assert!(best[0].1 >= best[1].1);
    }
}
