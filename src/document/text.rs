//! Words and sentences of a text, as byte ranges.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "z.B.", "z. B.", "bzw.", "usw.", "etc.", "ca.", "Dr.", "Prof.", "Nr.", "vgl.", "d.h.", "u.a.",
    "S.", "St.", "Mio.", "Mrd.", "Jh.", "evtl.", "ggf.", "inkl.", "u.", "Hr.", "Fr.",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\u{2011}' | '\'' | '’')
}

/// Whether the `.` at `dot` joins single letters into one abbreviation: „U.S.“, „z.B.“,
/// „d.h.“ (one letter before it, one letter after it, and no letter or digit after that).
fn joins_initials(text: &str, segment_start: usize, dot: usize) -> bool {
    let mut before = text[segment_start..dot].chars();
    let one_before = before.next().is_some_and(char::is_alphabetic) && before.next().is_none();
    let mut after = text[dot + 1..].chars();
    let one_after =
        after.next().is_some_and(char::is_alphabetic) && !after.next().is_some_and(is_word_char);
    one_before && one_after
}

/// The words of `text`: runs of letters and digits, joined by inner hyphens and apostrophes
/// ("KI-Unternehmen", "Spin-off" are one word) and by the dots of initials ("U.S", "z.B").
/// Ranges are relative to `text`.
pub fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    // Where the part of the word after its last joining dot starts.
    let mut segment = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
                segment = i;
            }
        } else if let Some(s) = start {
            let initials = c == '.' && joins_initials(text, segment, i);
            if initials {
                segment = i + 1;
            }
            let joined =
                initials || is_joiner(c) && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
            if !joined {
                out.push(s..i);
                start = None;
            }
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The sentences of `text` (Unicode sentence boundaries, mended after abbreviations such as
/// "U.S." or "z.B."). Ranges are relative to `text` and trimmed of surrounding whitespace.
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (start, s) in text.split_sentence_bound_indices() {
        let trimmed = s.trim_end();
        let lead = s.len() - s.trim_start().len();
        if trimmed.trim().is_empty() {
            continue;
        }
        let range = start + lead..start + trimmed.len();
        if let Some(prev) = out.last_mut()
            && ends_with_abbreviation(&text[prev.clone()])
        {
            prev.end = range.end;
            continue;
        }
        out.push(range);
    }
    out
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    if ABBREVIATIONS.iter().any(|a| {
        sentence.ends_with(a)
            && sentence[..sentence.len() - a.len()]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric())
    }) {
        return true;
    }
    // Initials such as "U.S." or "J." (one capital letter and a dot).
    let last_word = sentence.rsplit(char::is_whitespace).next().unwrap_or("");
    let letters: Vec<char> = last_word.chars().filter(|c| *c != '.').collect();
    last_word.ends_with('.')
        && !letters.is_empty()
        && letters.iter().all(|c| c.is_uppercase())
        && last_word.matches('.').count() == letters.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        word_ranges(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn words_keep_hyphenated_compounds_and_umlauts() {
        assert_eq!(
            words("Die KI-Unternehmen – „Spin-offs“ und Größe, 2025."),
            vec!["Die", "KI-Unternehmen", "Spin-offs", "und", "Größe", "2025"]
        );
        assert_eq!(words("Anti-Monopolisten-"), vec!["Anti-Monopolisten"]);
    }

    #[test]
    fn initials_with_dots_are_one_word() {
        assert_eq!(
            words("China blamiert U.S. Big Tech, d.h. z.B. A. Merkel und S.1 im Jahr."),
            vec![
                "China", "blamiert", "U.S", "Big", "Tech", "d.h", "z.B", "A", "Merkel", "und", "S",
                "1", "im", "Jahr"
            ]
        );
    }

    #[test]
    fn sentences_survive_abbreviations() {
        let s = "China blamiert U.S. Big Tech. Das ist z.B. neu! Wirklich?";
        let got: Vec<&str> = sentence_ranges(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            got,
            vec![
                "China blamiert U.S. Big Tech.",
                "Das ist z.B. neu!",
                "Wirklich?"
            ]
        );
    }
}
