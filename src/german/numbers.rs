//! Cardinal numbers written out as one word (*zweihundertachtzig*, *einundzwanzig*,
//! *dreitausendfünfhundert*): their value, by the rules German builds them with, and how
//! English says them. Dictionaries list a few of them; the lexicon lists fewer.

/// The words below twenty.
const SMALL: [(&str, u32); 20] = [
    ("null", 0),
    ("eins", 1),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
    ("dreizehn", 13),
    ("vierzehn", 14),
    ("fünfzehn", 15),
    ("sechzehn", 16),
    ("siebzehn", 17),
    ("achtzehn", 18),
    ("neunzehn", 19),
];

/// The tens from twenty.
const TENS: [(&str, u32); 8] = [
    ("zwanzig", 20),
    ("dreißig", 30),
    ("vierzig", 40),
    ("fünfzig", 50),
    ("sechzig", 60),
    ("siebzig", 70),
    ("achtzig", 80),
    ("neunzig", 90),
];

/// A unit before *und*, *hundert* or *tausend*: *ein*, not *eins*.
fn unit(s: &str) -> Option<u32> {
    match s {
        "ein" => Some(1),
        "eins" => None,
        _ => SMALL
            .iter()
            .find(|(w, n)| *w == s && (1..10).contains(n))
            .map(|(_, n)| *n),
    }
}

fn below_hundred(s: &str) -> Option<u32> {
    if let Some((_, n)) = SMALL.iter().chain(TENS.iter()).find(|(w, _)| *w == s) {
        return Some(*n);
    }
    // *einundzwanzig*: the unit, *und*, the ten.
    let (u, t) = s.split_once("und")?;
    let tens = TENS.iter().find(|(w, _)| *w == t)?.1;
    Some(unit(u)? + tens)
}

fn below_thousand(s: &str) -> Option<u32> {
    match s.split_once("hundert") {
        Some((before, after)) => {
            let hundreds = if before.is_empty() { 1 } else { unit(before)? };
            let rest = if after.is_empty() {
                0
            } else {
                below_hundred(after)?
            };
            Some(hundreds * 100 + rest)
        }
        None => below_hundred(s),
    }
}

/// The value of a cardinal number written as one word, up to 999,999; None for any other
/// word. Case does not matter (*Zweihundert* first in a sentence).
pub fn cardinal(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    match w.split_once("tausend") {
        Some((before, after)) => {
            let thousands = if before.is_empty() {
                1
            } else {
                match before {
                    "ein" => 1,
                    _ => below_thousand(before)?,
                }
            };
            let rest = if after.is_empty() {
                0
            } else {
                below_thousand(after)?
            };
            Some(thousands * 1000 + rest)
        }
        None => below_thousand(&w),
    }
}

const ENGLISH_SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const ENGLISH_TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn english_below_hundred(n: u32) -> String {
    let n = n as usize;
    if n < 20 {
        return ENGLISH_SMALL[n].to_string();
    }
    let tens = ENGLISH_TENS[n / 10 - 2];
    match n % 10 {
        0 => tens.to_string(),
        u => format!("{tens}-{}", ENGLISH_SMALL[u]),
    }
}

fn english_below_thousand(n: u32) -> String {
    match (n / 100, n % 100) {
        (0, rest) => english_below_hundred(rest),
        (h, 0) => format!("{} hundred", ENGLISH_SMALL[h as usize]),
        (h, rest) => format!(
            "{} hundred and {}",
            ENGLISH_SMALL[h as usize],
            english_below_hundred(rest)
        ),
    }
}

/// How (British) English says a number below a million: "two hundred and eighty".
pub fn english(n: u32) -> String {
    match (n / 1000, n % 1000) {
        (0, rest) => english_below_thousand(rest),
        (t, 0) => format!("{} thousand", english_below_thousand(t)),
        (t, rest) if rest < 100 => format!(
            "{} thousand and {}",
            english_below_thousand(t),
            english_below_hundred(rest)
        ),
        (t, rest) => format!(
            "{} thousand {}",
            english_below_thousand(t),
            english_below_thousand(rest)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_word_is_read_by_the_rules_german_builds_it_with() {
        assert_eq!(cardinal("zweihundertachtzig"), Some(280));
        assert_eq!(cardinal("einundzwanzig"), Some(21));
        assert_eq!(cardinal("Hundert"), Some(100));
        assert_eq!(cardinal("einhundertsieben"), Some(107));
        assert_eq!(cardinal("dreitausendfünfhundert"), Some(3500));
        assert_eq!(cardinal("zwölftausend"), Some(12_000));
        assert_eq!(cardinal("siebzehn"), Some(17));
        // Not numbers: a word that only starts or ends like one, or one built wrongly.
        for w in [
            "achtung",
            "zweifel",
            "einsundzwanzig",
            "hundertzwei und",
            "undzwanzig",
        ] {
            assert_eq!(cardinal(w), None, "{w}");
        }
    }

    #[test]
    fn english_says_it_with_hyphens_and_and() {
        assert_eq!(english(280), "two hundred and eighty");
        assert_eq!(english(21), "twenty-one");
        assert_eq!(english(3500), "three thousand five hundred");
        assert_eq!(english(1007), "one thousand and seven");
        assert_eq!(english(12_000), "twelve thousand");
    }

    #[test]
    fn every_number_below_a_thousand_reads_back_from_its_german_word() {
        // Build each German word by the rules and read it back.
        let german = |n: u32| -> String {
            let below_hundred = |m: u32| -> String {
                if m < 20 {
                    SMALL[m as usize].0.to_string()
                } else {
                    let tens = TENS[(m / 10 - 2) as usize].0;
                    match m % 10 {
                        0 => tens.to_string(),
                        1 => format!("einund{tens}"),
                        u => format!("{}und{tens}", SMALL[u as usize].0),
                    }
                }
            };
            match (n / 100, n % 100) {
                (0, r) => below_hundred(r),
                (h, 0) => format!(
                    "{}hundert",
                    if h == 1 { "ein" } else { SMALL[h as usize].0 }
                ),
                (h, r) => format!(
                    "{}hundert{}",
                    if h == 1 { "ein" } else { SMALL[h as usize].0 },
                    below_hundred(r)
                ),
            }
        };
        for n in 0..1000 {
            assert_eq!(cardinal(&german(n)), Some(n), "{}", german(n));
        }
    }
}
