//! German word frequencies (Zipf scale: 7 is *die*, 3 a word met once in a million),
//! from wordfreq 3.1.1 (CC BY-SA 4.0; see NOTICE), bundled as lines `word<TAB>zipf`
//! sorted by bytes. The line starts are found once, at the first look-up; then a word is a
//! binary search away. wordfreq folds case and writes ß as ss.

use std::sync::OnceLock;

static GERMAN: &str = include_str!("../../assets/german/frequency-de.tsv");
/// English words (Zipf >= 3), to rank a dictionary's English glosses.
static ENGLISH: &str = include_str!("../../assets/english/frequency-en.tsv");

/// A sorted table and where its lines start.
struct Table {
    text: &'static str,
    starts: Vec<u32>,
}

impl Table {
    fn new(text: &'static str) -> Table {
        let mut starts = vec![0u32];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(i, b)| b == b'\n' && i + 1 < text.len())
                .map(|(i, _)| (i + 1) as u32),
        );
        Table { text, starts }
    }

    /// The word of line `n`, and the rest of the line (the Zipf value).
    fn line(&self, n: usize) -> (&'static str, &'static str) {
        let start = self.starts[n] as usize;
        let end = self
            .starts
            .get(n + 1)
            .map_or(self.text.len(), |&e| e as usize - 1);
        let line = &self.text[start..end];
        line.split_once('\t').unwrap_or((line, "0"))
    }

    fn get(&self, key: &str) -> Option<f32> {
        let n = self
            .starts
            .binary_search_by(|&s| {
                let rest = &self.text.as_bytes()[s as usize..];
                let word_end = rest.iter().position(|&b| b == b'\t').unwrap_or(rest.len());
                rest[..word_end].cmp(key.as_bytes())
            })
            .ok()?;
        self.line(n).1.trim_end().parse().ok()
    }
}

fn german() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| Table::new(GERMAN))
}

fn english() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| Table::new(ENGLISH))
}

/// The key wordfreq files a word under: lower case, ß as ss.
fn key(word: &str) -> String {
    word.to_lowercase().replace('ß', "ss")
}

/// The Zipf frequency of a word, `None` for a word rarer than the list (Zipf < 2).
pub fn zipf(word: &str) -> Option<f32> {
    german().get(&key(word))
}

/// The Zipf frequency of an English word, `None` below Zipf 3.
pub fn english_zipf(word: &str) -> Option<f32> {
    english().get(&word.to_lowercase())
}

/// The Zipf frequency, with words off the list counted as 1.5.
pub fn zipf_or_rare(word: &str) -> f32 {
    zipf(word).unwrap_or(1.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_the_table_is_found() {
        for l in GERMAN.lines().step_by(997).chain(GERMAN.lines().last()) {
            let (w, z) = l.split_once('\t').expect("a tab");
            assert_eq!(zipf(w), z.parse().ok(), "{w}");
        }
        let first = GERMAN.lines().next().and_then(|l| l.split_once('\t'));
        assert!(first.is_some_and(|(w, _)| zipf(w).is_some()));
    }

    #[test]
    fn common_words_are_frequent_and_case_and_eszett_fold() {
        assert!(zipf_or_rare("die") > zipf_or_rare("Kosten"));
        assert_eq!(zipf("Straße"), zipf("strasse"));
        assert!(zipf("Straße").is_some());
        assert_eq!(zipf("qqqxz"), None);
        assert_eq!(zipf(""), None);
        assert!(english_zipf("good") > english_zipf("proficient"));
    }
}
