//! German sorting and forgiving filtering.

use std::cmp::Ordering;

/// Sort key after DIN 5007-1: umlauts sort with their base letter, ß as "ss", case ignored.
pub fn sort_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push('a'),
            'ö' => out.push('o'),
            'ü' => out.push('u'),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// Compare two words the German way; ties broken by the exact spelling (so "Bar" and "Bär"
/// keep a stable order).
pub fn german_cmp(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b)).then_with(|| a.cmp(b))
}

/// Fold for filtering: lower case, umlauts and their two-letter spellings to the base
/// letter ("ä", "ae" → "a"), ß to "ss", hyphens and spaces dropped. "Leerverkaeufe",
/// "leerverkaufe" and "Leerverkäufe" all fold to the same string.
pub fn filter_fold(s: &str) -> String {
    let base = sort_key(s);
    let mut out = String::with_capacity(base.len());
    let mut chars = base.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '-' || c.is_whitespace() {
            continue;
        }
        out.push(c);
        if matches!(c, 'a' | 'o' | 'u') && chars.peek() == Some(&'e') {
            chars.next();
        }
    }
    out
}

/// Edit distance (Levenshtein) over characters, for "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_the_german_way() {
        let mut words = vec![
            "Zoll",
            "Übernahme",
            "Ubahn",
            "Straße",
            "Strasse",
            "Apfel",
            "Ärger",
        ];
        words.sort_by(|a, b| german_cmp(a, b));
        assert_eq!(
            words,
            vec![
                "Apfel",
                "Ärger",
                "Strasse",
                "Straße",
                "Ubahn",
                "Übernahme",
                "Zoll"
            ]
        );
    }

    #[test]
    fn filter_is_forgiving() {
        let target = filter_fold("Leerverkäufe");
        for q in ["leerverkaufe", "leerverkaeufe", "Leerverk", "LEERVERKÄUFE"] {
            assert!(target.contains(&filter_fold(q)), "{q}");
        }
        assert_eq!(filter_fold("Big Tech"), filter_fold("bigtech"));
        assert!(!target.contains(&filter_fold("leerkauf")));
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("Monopol", "Monopol"), 0);
        assert_eq!(edit_distance("Monopoll", "Monopol"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
