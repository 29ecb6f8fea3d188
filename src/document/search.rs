//! Case-insensitive search: "boeing" finds "Boeing".
//!
//! Letters are compared by their lower case (so Ä matches ä and ẞ matches ß). A query with
//! no umlaut and no ß of its own is compared with the text's umlauts and ß spelled out, as
//! on a keyboard without them: "fuehrung" finds „Führung“, "strasse" finds „Straße“ (and
//! "Strasse"). A query with an umlaut or ß matches it exactly: "größe" finds „Größe“ only,
//! "grösse" finds „grösse“ and not „Größe“. A spelled-out letter is matched whole or not at
//! all ("fu" does not find the "fü" of „Führung“). Matches are byte ranges of the text
//! itself, never of a folded copy.

use std::ops::Range;

use super::Document;

/// One match: the block and the byte range in [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub block: usize,
    pub range: Range<usize>,
}

/// A text folded to lower case, with a map from folded byte offsets back to the original.
struct Folded {
    text: String,
    /// `origin[i]` is the original byte offset of folded byte `i`; one extra entry at the end.
    origin: Vec<usize>,
}

/// How an umlaut or ß is written out when the query has none of its own.
fn spelled_out(c: char) -> Option<&'static str> {
    match c {
        'ä' | 'Ä' => Some("ae"),
        'ö' | 'Ö' => Some("oe"),
        'ü' | 'Ü' => Some("ue"),
        'ß' | 'ẞ' => Some("ss"),
        _ => None,
    }
}

/// Whether a folded query is compared with the text's umlauts and ß spelled out: when it
/// has none of its own.
fn spells_out(folded_query: &str) -> bool {
    !folded_query.contains(['ä', 'ö', 'ü', 'ß'])
}

/// How many characters are folded, or matches found, between two looks at the stop flag.
const STOP_EVERY: usize = 1 << 16;

fn fold(text: &str, base: usize, spell: bool, stop: &dyn Fn() -> bool) -> Option<Folded> {
    let mut folded = String::with_capacity(text.len() + text.len() / 16);
    let mut origin = Vec::with_capacity(text.len() + text.len() / 16 + 1);
    let mut in_space = false;
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n % STOP_EVERY == STOP_EVERY - 1 && stop() {
            return None;
        }
        // A run of whitespace, line breaks and a hard-wrapped text's indentation included,
        // is one space: a phrase is found across the source's line breaks.
        if c.is_whitespace() {
            if !in_space {
                folded.push(' ');
                origin.push(base + i);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            origin.push(base + i);
            continue;
        }
        if spell && let Some(s) = spelled_out(c) {
            folded.push_str(s);
            origin.extend([base + i; 2]);
            continue;
        }
        for lc in c.to_lowercase() {
            let before = folded.len();
            folded.push(lc);
            origin.extend(std::iter::repeat_n(base + i, folded.len() - before));
        }
    }
    origin.push(base + text.len());
    Some(Folded {
        text: folded,
        origin,
    })
}

/// Lower-case form of a query, as compared by [`find_in_block`]: a run of whitespace is
/// one space, as in the folded text.
pub fn fold_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    let mut in_space = false;
    for c in query.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// All matches of the folded `query` in one block.
pub fn find_in_block(doc: &Document, block: usize, folded_query: &str) -> Vec<Match> {
    find_in_block_until(doc, block, folded_query, &|| false).unwrap_or_default()
}

/// [`find_in_block`] that gives up (`None`) soon after `stop` says so: a block of a
/// megabyte or more (a text in one line) is searched in steps, and a new key or Esc ends
/// the search at once instead of after the whole block.
pub fn find_in_block_until(
    doc: &Document,
    block: usize,
    folded_query: &str,
    stop: &dyn Fn() -> bool,
) -> Option<Vec<Match>> {
    let Some(b) = doc.blocks.get(block) else {
        return Some(Vec::new());
    };
    if folded_query.is_empty() {
        return Some(Vec::new());
    }
    let spell = spells_out(folded_query);
    let folded = fold(&doc.text[b.text.clone()], b.text.start, spell, stop)?;
    // Folded byte `at` lies inside a spelled-out letter (between its two letters).
    let inside = |at: usize| {
        spell
            && at > 0
            && at < folded.text.len()
            && folded.origin[at - 1] == folded.origin[at]
            && doc.text[folded.origin[at]..]
                .chars()
                .next()
                .is_some_and(|c| spelled_out(c).is_some())
    };
    let mut out = Vec::new();
    let mut from = 0;
    let mut looked = 0usize;
    while let Some(pos) = folded.text[from..].find(folded_query) {
        looked += 1;
        if looked.is_multiple_of(STOP_EVERY) && stop() {
            return None;
        }
        let start = from + pos;
        let end = start + folded_query.len();
        if inside(start) || inside(end) {
            // Half of a spelled-out letter: try again one character on.
            from = start
                + folded.text[start..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            continue;
        }
        let range = folded.origin[start]..end_origin(&folded, end);
        out.push(Match { block, range });
        from = end;
    }
    Some(out)
}

fn end_origin(folded: &Folded, end: usize) -> usize {
    // The end maps to the start of the next original character.
    let last = folded.origin[end - 1];
    let mut e = end;
    while e < folded.origin.len() - 1 && folded.origin[e] == last {
        e += 1;
    }
    folded.origin[e]
}

/// All matches in the document, in order.
pub fn find_all(doc: &Document, query: &str) -> Vec<Match> {
    let q = fold_query(query);
    (0..doc.blocks.len())
        .flat_map(|i| find_in_block(doc, i, &q))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Origin, parse_str};
    use super::*;
    use proptest::prop_assume;

    fn doc(s: &str) -> Document {
        parse_str(s.to_string(), Origin::Bundled("t"), "t", false)
    }

    fn found(d: &Document, q: &str) -> Vec<String> {
        find_all(d, q)
            .into_iter()
            .map(|m| d.text[m.range].to_string())
            .collect()
    }

    #[test]
    fn a_search_in_one_huge_line_stops_when_asked() {
        let d = doc(&"Wettbewerb und Größe ".repeat(200_000));
        assert_eq!(d.blocks.len(), 1);
        let q = fold_query("größe");
        let looks = std::cell::Cell::new(0);
        let stop = || {
            looks.set(looks.get() + 1);
            true
        };
        assert!(find_in_block_until(&d, 0, &q, &stop).is_none());
        assert_eq!(looks.get(), 1, "stopped at the first look");
        let all = find_in_block_until(&d, 0, &q, &|| false).expect("whole");
        assert_eq!(all.len(), 200_000);
    }

    #[test]
    fn a_query_without_umlauts_finds_them_spelled_out() {
        let d =
            doc("Die Führung der Fuehrung; die Straße, die STRASSE, die Strasse. Größe und Maß");
        assert_eq!(found(&d, "fuehrung"), vec!["Führung", "Fuehrung"]);
        assert_eq!(found(&d, "Fuehrung"), vec!["Führung", "Fuehrung"]);
        assert_eq!(found(&d, "FÜHRUNG"), vec!["Führung"]);
        assert_eq!(found(&d, "strasse"), vec!["Straße", "STRASSE", "Strasse"]);
        assert_eq!(found(&d, "straße"), vec!["Straße"]);
        assert_eq!(found(&d, "groesse"), vec!["Größe"]);
        assert_eq!(found(&d, "mass"), vec!["Maß"]);
        // Half a spelled-out letter is no match: "u" is not ü, "s" is not ß.
        assert_eq!(found(&d, "fu"), vec!["Fu"]);
        assert_eq!(found(&d, "fue"), vec!["Fü", "Fue"]);
        assert_eq!(found(&d, "ma"), vec!["Ma"]);
        assert_eq!(found(&d, "stras"), vec!["STRAS", "Stras"]);
        assert_eq!(found(&d, "ehrung"), vec!["ehrung"]);
        // An umlaut in the query matches only itself.
        assert_eq!(found(&d, "ü"), vec!["ü"]);
        assert!(found(&doc("ae oe ue ss"), "ä").is_empty());
    }

    #[test]
    fn ranges_are_those_of_the_original_text() {
        let d = doc("Übermaß");
        let m = find_all(&d, "uebermass");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].range, 0.."Übermaß".len());
        // At the ends of a block, and a match that is one letter spelled out.
        let d = doc("ß");
        assert_eq!(found(&d, "ss"), vec!["ß"]);
        assert!(found(&d, "s").is_empty());
        let d = doc("sß ßs");
        let ranges: Vec<_> = find_all(&d, "ss").into_iter().map(|m| m.range).collect();
        assert_eq!(ranges, vec![1..3, 4..6]);
    }

    /// The matches by brute force: from each character on, the shortest stretch of whole
    /// characters whose folding is the query, left to right without overlap.
    fn reference(text: &str, query: &str) -> Vec<Range<usize>> {
        let q = fold_query(query);
        let spell = spells_out(&q);
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut out: Vec<Range<usize>> = Vec::new();
        for (k, &s) in bounds.iter().enumerate() {
            if out.last().is_some_and(|r| r.end > s) || q.is_empty() {
                continue;
            }
            for &e in &bounds[k + 1..] {
                let f = fold(&text[s..e], 0, spell, &|| false)
                    .map(|f| f.text)
                    .unwrap_or_default();
                if f == q {
                    out.push(s..e);
                    break;
                }
                if f.len() >= q.len() {
                    break;
                }
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn matches_agree_with_brute_force(
            text in "[aesuoxAESUOäöüßÄÖÜẞé ]{0,24}",
            query in "[aesuoxAESUOäöüßÄÖÜẞé]{1,5}",
        ) {
            // One block of text (no title line): a single paragraph.
            let d = doc(&format!("T\n\n{text}x"));
            let start = d.blocks.last().map_or(0, |b| b.text.start);
            let block_text = d.block_text(d.blocks.len() - 1).to_string();
            let got: Vec<Range<usize>> = find_in_block(&d, d.blocks.len() - 1, &fold_query(&query))
                .into_iter()
                .map(|m| m.range.start - start..m.range.end - start)
                .collect();
            proptest::prop_assert_eq!(got, reference(&block_text, &query));
        }

        #[test]
        fn a_query_taken_from_the_text_is_found(
            text in "[aesuoxAESUOäöüßÄÖÜẞé ]{1,24}",
            cut in 0usize..24,
            len in 1usize..6,
        ) {
            // The query is cut from the paragraph as the document holds it (its spaces
            // at the start are not part of it).
            let d = doc(&format!("T\n\n{text}x"));
            let i = d.blocks.len() - 1;
            let chars: Vec<char> = d.block_text(i).chars().collect();
            let from = cut.min(chars.len() - 1);
            let to = (from + len).min(chars.len());
            let query: String = chars[from..to].iter().collect();
            prop_assume!(!query.trim().is_empty());
            let found = find_in_block(&d, i, &fold_query(&query));
            proptest::prop_assert!(!found.is_empty(), "{query:?} not found in {text:?}");
            for m in &found {
                let f = fold(&d.text[m.range.clone()], 0, spells_out(&fold_query(&query)), &|| false)
                    .map(|f| f.text)
                    .unwrap_or_default();
                proptest::prop_assert_eq!(f, fold_query(&query));
            }
        }
    }

    #[test]
    fn a_phrase_is_found_across_line_breaks_and_indentation() {
        let d = doc(
            "Titel\n\n    Die Software steht unter der GNU General Public License\n    in der Version 2. Das Erlernen\n    einer Sprache.\n",
        );
        assert_eq!(
            found(&d, "GNU General Public License in"),
            vec!["GNU General Public License\n    in".to_string()]
        );
        assert_eq!(found(&d, "erlernen einer").len(), 1);
        assert_eq!(found(&d, "Erlernen   einer").len(), 1);
    }

    #[test]
    fn counts_equal_grep_with_line_breaks_as_spaces() {
        // A hard-wrapped, indented text; the reference counts what `grep -o -i` counts on
        // the same text with every run of whitespace read as one space.
        let mut text = String::from("Handbuch\n\n");
        for i in 0..40 {
            text.push_str(&format!(
                "    Absatz {i}: Die Software steht unter der GNU General Public\n    License. Das Erlernen einer Sprache braucht Zeit, und\n    die General Public License erlaubt das Erlernen.\n\n"
            ));
        }
        let d = doc(&text);
        let flat: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        for q in [
            "General Public License",
            "erlernen einer",
            "public license erlaubt",
            "zeit, und die",
        ] {
            let want = flat.matches(&q.to_lowercase()).count();
            assert!(want > 0, "{q}");
            assert_eq!(find_all(&d, q).len(), want, "{q}");
        }
    }

    #[test]
    fn case_insensitive_but_umlauts_exact() {
        let d = doc("Größe und GRÖSSE und grösse; Äpfel, äpfel, Apfel. STRASSE Straße");
        assert_eq!(found(&d, "größe"), vec!["Größe"]);
        assert_eq!(found(&d, "äpfel"), vec!["Äpfel", "äpfel"]);
        assert_eq!(found(&d, "apfel"), vec!["Apfel"]);
        assert_eq!(found(&d, "straße"), vec!["Straße"]);
        assert_eq!(found(&d, "GRÖSSE"), vec!["GRÖSSE", "grösse"]);
    }

    #[test]
    fn ranges_are_in_the_original_text() {
        let d = doc("İstanbul und Boeing, BOEING");
        assert_eq!(found(&d, "boeing"), vec!["Boeing", "BOEING"]);
        assert_eq!(found(&d, "i̇stanbul"), vec!["İstanbul"]);
    }
}
