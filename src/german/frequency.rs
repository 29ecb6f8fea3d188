//! German word frequencies (Zipf scale: 7 is *die*, 3 a word met once in a million),
//! from wordfreq 3.1.1 (CC BY-SA 4.0; see NOTICE), bundled as lines `word<TAB>zipf`
//! sorted by bytes. A word is a binary search over the text's bytes away: nothing is built
//! at start-up. wordfreq folds case and writes ß as ss.

static GERMAN: &str = include_str!("../../assets/german/frequency-de.tsv");
/// English words (Zipf >= 3), to rank a dictionary's English glosses.
static ENGLISH: &str = include_str!("../../assets/english/frequency-en.tsv");

/// A table of lines sorted by bytes, searched in place: nothing is built before the first
/// look-up.
struct Table {
    text: &'static str,
}

impl Table {
    /// The start of the line that holds byte `at`.
    fn line_start(&self, at: usize) -> usize {
        memchr::memrchr(b'\n', &self.text.as_bytes()[..at]).map_or(0, |i| i + 1)
    }

    /// The line at `start`, without its line break.
    fn line(&self, start: usize) -> &'static str {
        let rest = &self.text[start..];
        rest.split_once('\n').map_or(rest, |(line, _)| line)
    }

    /// The value of `key`'s line: a binary search over the text's bytes.
    fn get(&self, key: &str) -> Option<f32> {
        let (mut lo, mut hi) = (0usize, self.text.len());
        while lo < hi {
            let start = self.line_start(lo + (hi - lo) / 2);
            let line = self.line(start);
            let (word, value) = line.split_once('\t').unwrap_or((line, "0"));
            match word.as_bytes().cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = (start + line.len() + 1).max(lo + 1),
                std::cmp::Ordering::Greater => hi = start,
                std::cmp::Ordering::Equal => return value.trim_end().parse().ok(),
            }
        }
        None
    }
}

static GERMAN_TABLE: Table = Table { text: GERMAN };
static ENGLISH_TABLE: Table = Table { text: ENGLISH };

fn german() -> &'static Table {
    &GERMAN_TABLE
}

fn english() -> &'static Table {
    &ENGLISH_TABLE
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
