//! Splitting a sentence into word and punctuation tokens, with byte ranges into it.

/// A token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub is_word: bool,
}

impl Token<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The first letter is a capital.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Punctuation that ends a clause.
    pub fn ends_clause(&self) -> bool {
        !self.is_word
            && self
                .text
                .chars()
                .any(|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '–' | '—'))
    }

    /// Punctuation that ends a sentence.
    pub fn ends_sentence(&self) -> bool {
        !self.is_word
            && self
                .text
                .chars()
                .any(|c| matches!(c, '.' | '!' | '?' | ':'))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The tokens of a sentence. A word is letters and digits, joined by inner hyphens,
/// apostrophes, the dots of initials ("U.S."), a number's inner commas and dots ("1,5",
/// "20.000") and colons ("2:1", "10:30"); everything else that is not space is
/// punctuation, one character a token.
pub fn tokens(sentence: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            let end = start + c.len_utf8();
            out.push(Token {
                text: &sentence[start..end],
                start,
                is_word: false,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if is_word_char(c) {
                j += 1;
                continue;
            }
            let next_is_word = chars.get(j + 1).is_some_and(|&(_, n)| is_word_char(n));
            let digits = chars[j - 1].1.is_ascii_digit()
                && chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
            let joins = match c {
                '-' | '\'' | '’' => next_is_word,
                // A number's decimal comma or thousands dot ("5,2", "20.000"), a score's
                // or a time's colon ("2:1", "10:30").
                ',' | '.' | ':' if digits => true,
                // An initial: a single letter before the dot and after it ("U.S.").
                '.' => {
                    next_is_word
                        && chars.get(j + 2).is_none_or(|&(_, n)| !is_word_char(n))
                        && (j < i + 2 || chars[j - 2].1 == '.')
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(sentence.len(), |&(b, _)| b);
        out.push(Token {
            text: &sentence[start..end],
            start,
            is_word: true,
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokens(s).iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_punctuation_and_ranges() {
        assert_eq!(
            words("Das sieht „gut“ aus, sagt die KI-Firma."),
            vec![
                "Das", "sieht", "„", "gut", "“", "aus", ",", "sagt", "die", "KI-Firma", "."
            ]
        );
        let s = "Die U.S. Big Tech";
        let t = tokens(s);
        assert_eq!(t[1].text, "U.S");
        for tok in &t {
            assert_eq!(&s[tok.start..tok.end()], tok.text);
        }
        assert!(tokens("").is_empty());
        assert_eq!(
            words("Nach dem 2:1-Sieg um 10:30 Uhr: Jubel."),
            vec![
                "Nach", "dem", "2:1-Sieg", "um", "10:30", "Uhr", ":", "Jubel", "."
            ]
        );
        assert_eq!(
            words("Er zahlte 1,5 oder 20.000 Euro, 3 Mal."),
            vec![
                "Er", "zahlte", "1,5", "oder", "20.000", "Euro", ",", "3", "Mal", "."
            ]
        );
    }
}
