//! German word frequencies (Zipf scale: 7 is *die*, 3 a word met once in a million),
//! from wordfreq 3.1.1 (CC BY-SA 4.0; see NOTICE), bundled as lines `word<TAB>zipf`
//! sorted by bytes and searched in place. wordfreq folds case and writes ß as ss.

static TABLE: &str = include_str!("../../assets/german/frequency-de.tsv");
/// English words (Zipf >= 3), to rank a dictionary's English glosses.
static ENGLISH: &str = include_str!("../../assets/english/frequency-en.tsv");

/// The key wordfreq files a word under: lower case, ß as ss.
fn key(word: &str) -> String {
    word.to_lowercase().replace('ß', "ss")
}

/// The start of the line holding byte `at`.
fn line_start(table: &str, at: usize) -> usize {
    table.as_bytes()[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

/// The line starting at `start`: (word, zipf).
fn line(table: &str, start: usize) -> (&str, f32) {
    let rest = &table[start..];
    let end = rest.find('\n').unwrap_or(rest.len());
    let (word, zipf) = rest[..end].split_once('\t').unwrap_or((&rest[..end], "0"));
    (word, zipf.parse().unwrap_or(0.0))
}

/// The Zipf frequency of a word, `None` for a word rarer than the list (Zipf < 2).
pub fn zipf(word: &str) -> Option<f32> {
    search(TABLE, &key(word))
}

/// The Zipf frequency of an English word, `None` below Zipf 3.
pub fn english_zipf(word: &str) -> Option<f32> {
    search(ENGLISH, &word.to_lowercase())
}

fn search(table: &str, k: &str) -> Option<f32> {
    let (mut lo, mut hi) = (0usize, table.len());
    while lo < hi {
        // `lo` is always a line start, so `mid` is one too, and lo <= mid < hi.
        let mid = line_start(table, lo + (hi - lo) / 2);
        let (w, z) = line(table, mid);
        match w.as_bytes().cmp(k.as_bytes()) {
            std::cmp::Ordering::Equal => return Some(z),
            std::cmp::Ordering::Less => {
                lo = table[mid..].find('\n').map_or(table.len(), |i| mid + i + 1);
            }
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    None
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
        for l in TABLE.lines().step_by(997) {
            let (w, z) = l.split_once('\t').expect("a tab");
            assert_eq!(zipf(w), z.parse().ok(), "{w}");
        }
        let first = TABLE.lines().next().and_then(|l| l.split_once('\t'));
        let last = TABLE.lines().last().and_then(|l| l.split_once('\t'));
        for (w, _) in first.into_iter().chain(last) {
            assert!(zipf(w).is_some(), "{w}");
        }
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
