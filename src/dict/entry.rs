//! Reading a dictionary entry's text: headword, pronunciation, grammar, senses, links.
//! Written for FreeDict's layout ("Leerverkauf /lˈeːɾ…/ <masc, n, sg>", senses, "see:
//! {…}"), and harmless on others: what it does not recognise stays as plain sense lines.

use crate::glossary::Gender;

/// A parsed entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub headword: String,
    pub pronunciation: Option<String>,
    /// Grammar tags such as "masc", "n", "sg", "pl", "adj".
    pub tags: Vec<String>,
    pub senses: Vec<String>,
    /// Words in `see: {…}` links.
    pub see: Vec<String>,
    /// Labels of the whole entry (`econ.`, `hist.`), from a Ding-style tag line.
    pub labels: Vec<String>,
    /// Example sentences given with the entry: a main sense has them (and links to the
    /// word's forms and phrases), a marginal one rarely does.
    pub examples: usize,
    /// The German words of the examples and links, lower case: where they meet the
    /// words around a looked-up word, the entry is the sense meant there.
    pub context: Vec<String>,
    /// The words right before the headword in the examples (*teurer* in "teurer als das
    /// alte"): the grammatical frame the sense is used in.
    pub before_headword: Vec<String>,
    /// The entry carries a usage note or context (`Note: …`, `(akademische Bewertung)`):
    /// a special use of the word.
    pub noted: bool,
    /// The words of a short complement note on Ding's grammar line, lower case: the
    /// preposition the sense takes ("klagen {vi} (über)" → `über`).
    pub complement: Vec<String>,
    /// The capitalised words of the entry's German notes, lower case: what the sense is
    /// said of ("aufgehen {vi} (Teig)", "[in einen Bus/LKW/Zug] get on"). Where one
    /// stands in the sentence, the entry is the sense meant there.
    pub note_nouns: Vec<String>,
    /// The entry is the word as a term of address (*Frau* "Ms", noted "Anrede" or "term
    /// of address"): its sense before a name.
    pub address: bool,
}

impl Entry {
    pub fn gender(&self) -> Option<Gender> {
        self.tags.iter().find_map(|t| match t.as_str() {
            "masc" | "m" => Some(Gender::Masculine),
            "fem" | "f" => Some(Gender::Feminine),
            "neut" | "nt" => Some(Gender::Neuter),
            _ => None,
        })
    }

    pub fn is_plural(&self) -> bool {
        self.tags.iter().any(|t| t == "pl")
    }

    pub fn is_noun(&self) -> bool {
        self.gender().is_some() || self.tags.iter().any(|t| t == "n")
    }

    /// A short part-of-speech label.
    pub fn pos(&self) -> Option<&str> {
        self.tags.iter().find_map(|t| match t.as_str() {
            "n" => Some("noun"),
            "v" | "vi" | "vt" | "vr" => Some("verb"),
            "adj" => Some("adjective"),
            "adv" => Some("adverb"),
            "prep" => Some("preposition"),
            "conj" => Some("conjunction"),
            "pl" => Some("plural"),
            _ => None,
        })
    }
}

/// A case a German preposition note names ("Note: von +Dat.", "auf +Akk").
fn is_case_note(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    matches!(w.as_str(), "+dat" | "+akk" | "+acc" | "+gen")
}

/// English prepositions, as FreeDict notes the complement of a sense ("Note: of").
const ENGLISH_PREPOSITIONS: [&str; 16] = [
    "of", "to", "for", "with", "about", "over", "on", "in", "at", "from", "by", "into", "against",
    "after", "upon", "onto",
];

/// Whether the lexicon reads a word as a German preposition (and it is no English one).
fn german_preposition(word: &str) -> bool {
    !ENGLISH_PREPOSITIONS.contains(&word)
        && crate::german::lexicon().is_ok_and(|lex| {
            lex.readings(word)
                .iter()
                .any(|r| r.tag.pos == crate::german::Pos::Preposition)
        })
}

/// The words of a headword besides its placeholders for an object or a person ("jdm.",
/// "etw.", "sb.").
fn spoken_words(headword: &str) -> usize {
    headword
        .split_whitespace()
        .filter(|w| {
            !w.split('/').all(|part| {
                matches!(
                    part,
                    "jd." | "jdn." | "jdm." | "jds." | "etw." | "sb." | "sth."
                )
            })
        })
        .count()
}

/// Parse one entry; `key` is the index headword (used when the text has no head line).
pub fn parse(key: &str, text: &str) -> Entry {
    let mut lines = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty());
    let mut entry = Entry {
        headword: key.to_string(),
        ..Entry::default()
    };
    if let Some(first) = lines.next() {
        let (head, tags) = match (first.find('<'), first.rfind('>')) {
            (Some(a), Some(b)) if b > a => (
                first[..a].trim(),
                first[a + 1..b]
                    .split(',')
                    .map(|t| t.trim().trim_end_matches('.').to_string())
                    .filter(|t| !t.is_empty())
                    .collect(),
            ),
            _ => (first.trim(), Vec::new()),
        };
        // The pronunciation starts at the first `/` after a space: a headword may have
        // slashes of its own ("jdn./etw. beeinflussen /…/").
        // It ends at the next `/`: an abbreviation after it has its own ("Herr /hˈɛɾ/ (Hr.
        // /hˌɑːˈɛɾ/)").
        let pron_at = head.find(" /").and_then(|space| {
            let a = space + 1;
            head[a + 1..].find('/').map(|len| (a, a + 1 + len))
        });
        let (word, pron) = match pron_at {
            Some((a, b)) if b > a => (head[..a].trim(), Some(head[a + 1..b].to_string())),
            _ => (head, None),
        };
        // A pronunciation that spells out a headword's object placeholders is one no one
        // says ("sich bei jdm. für etw. bedanken" /… jˌɔtdˌeːˈɛm …/); one of its other
        // words only is kept ("jdn./etw. beeinflussen" /bəʔˈaɪnflʊsən/).
        let pron = pron.filter(|p| p.split_whitespace().count() <= spoken_words(word));
        // A grammar note after the pronunciation: the case a preposition governs
        // ("in /ˈɪn/ ([wo?, wann?+ dat]) <prep>").
        let note: Option<String> = pron_at.and_then(|(_, b)| {
            let rest = head[b + 1..].trim();
            let inner = rest
                .trim_start_matches(['(', '['])
                .trim_end_matches([')', ']'])
                .trim();
            // Not an abbreviation with its own pronunciation ("(lt.) /lˈeːtˈeː/").
            (!inner.is_empty() && !inner.contains('/')).then(|| inner.to_string())
        });
        // An index keys a headword by its letters and spaces ("jdnetw beeinflussen" for
        // "jdn./etw. beeinflussen").
        // A gap in a phrase ("sich … lassen") is keyed without it.
        let letters = |s: &str| -> String {
            let kept: String = s
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ')
                .collect();
            kept.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let looks_like_head = word.to_lowercase() == key.to_lowercase()
            || (word.contains(['.', '/', '…']) && letters(word) == letters(key))
            || pron.is_some()
            || !tags.is_empty();
        if looks_like_head {
            if !word.is_empty() {
                entry.headword = word.to_string();
            }
            // FreeDict lost characters of some 10,000 pronunciations, each now a `?`
            // ("kurz" /kˈ??ts/): a damaged one is not shown.
            entry.pronunciation = pron.filter(|p| !p.contains('?'));
            entry.tags = tags;
            entry.tags.extend(note);
        } else {
            entry.senses.push(first.trim().to_string());
        }
    }
    // Ding's senses are indented, and a long one goes on at the start of the next line
    // ("   to hold; … to\nhave possession of sth."): that line is the same sense.
    let mut indented_sense = false;
    let mut german_rest = false;
    // Ding's layout: the German side on lines indented by one space, the English senses
    // by three. FreeDict indents notes, examples and synonyms, never a sense, and starts a
    // labelled sense with one space (" [electr.] power").
    let ding_layout = text.lines().any(|l| {
        let t = l.trim_start();
        l.starts_with("   ")
            && !l.starts_with("    ")
            && !t.is_empty()
            && !t.starts_with("Synonym")
            && !t.starts_with("Note:")
            && !t.starts_with('"')
    });
    for line in lines {
        let l = line.trim();
        let indented = line.starts_with("   ");
        if indented_sense
            && !line.starts_with(char::is_whitespace)
            && let Some(last) = entry.senses.last_mut()
        {
            last.push(' ');
            last.push_str(l);
            continue;
        }
        indented_sense = false;
        if let Some(links) = l.strip_prefix("see:") {
            entry.see.extend(braced(links));
            entry.context.extend(german_words(links));
        } else if let Some(note) = l.strip_prefix("Note:") {
            entry.note_nouns.extend(capitalised_words(note));
            entry.address |= is_address_note(note);
            // An English preposition the sense takes ("Note: of", "Note: over sth.") is
            // its complement, not a special use ("Note: akademische Bewertung").
            // Only a preposition and object placeholders: "of a thing" says what the
            // subject is, a special use. A German preposition ("Note: über") is kept as
            // the sense's complement.
            let mut words = note.split_whitespace();
            let first = words.next().unwrap_or("");
            let german = german_preposition(first);
            let complement = (ENGLISH_PREPOSITIONS.contains(&first) || german)
                && words.all(|w| {
                    matches!(
                        w,
                        "sth." | "sb." | "sb./sth." | "sth./sb." | "etw." | "jdn." | "jdm."
                    ) || german && is_case_note(w)
                });
            if !complement {
                entry.noted = true;
            } else if german {
                entry.complement.push(first.to_lowercase());
            }
        } else if l.starts_with("Synonym") {
            continue;
        } else if entry.senses.is_empty()
            && (l.starts_with('{')
                || l.starts_with('(')
                || l.starts_with('[') && l.contains('{') && clean(l).0.is_empty())
        {
            // Ding's grammar line: `{f}`, `{adj} [econ.]`, `(Note 2) …`, `[ugs.] {vt}`.
            let (text, labels) = clean(l);
            entry.note_nouns.extend(capitalised_words(&text));
            entry.address |= is_address_note(l);
            // Ding's `{n}` is the neuter (`{m}`, `{f}`, `{n}`), not FreeDict's "noun".
            entry.tags.extend(braced(l).iter().flat_map(|t| {
                t.split([',', ';'])
                    .map(|x| match x.trim().trim_end_matches('.') {
                        "n" => "neut".to_string(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
            }));
            entry.labels.extend(labels);
            // A short bracketed note is the sense's complement ("(über)", "(an etw.)"),
            // not a special use.
            let complement = text
                .strip_prefix('(')
                .and_then(|t| t.strip_suffix(')'))
                .map(german_words)
                .filter(|w| !w.is_empty() && w.len() <= 3 && !text[1..].contains('('));
            match complement {
                Some(words) => entry.complement = words,
                None if !text.is_empty() => entry.noted = true,
                None => {}
            }
        } else if let Some(example) = l.strip_prefix('"') {
            entry.examples += 1;
            // `"German example"  - English translation`: the German half.
            let german = example.split('"').next().unwrap_or("");
            let words = german_words(german);
            let head = entry.headword.to_lowercase();
            entry.before_headword.extend(
                words
                    .windows(2)
                    .filter(|w| w[1] == head)
                    .map(|w| w[0].clone()),
            );
            entry.context.extend(words);
        } else if ding_layout
            && entry.senses.is_empty()
            && line.starts_with(' ')
            && !line.starts_with("  ")
        {
            // Ding's German side goes on past its grammar line: the headword is the start
            // of an example sentence ("Ich" of "Ich [bot.] ihr noch etwas Tee an.", the
            // past tense read as a label), whose translation is no sense of the word.
            german_rest = true;
        } else {
            for label in clean(l).1 {
                entry.note_nouns.extend(capitalised_words(&label));
            }
            entry.senses.push(l.to_string());
            indented_sense = indented;
        }
    }
    if german_rest {
        entry.senses.clear();
    }
    entry
}

/// A note marking a term of address ("Anrede", "term of address").
fn is_address_note(note: &str) -> bool {
    note.contains("Anrede") || note.contains("term of address")
}

/// The capitalised words of a German note, lower case: the nouns it names ("Knoten,
/// Knopf usw.", "in einen Bus/LKW/Zug"); not abbreviations ("Am.", "Sprw.").
fn capitalised_words(note: &str) -> Vec<String> {
    note.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '/' | '(' | ')'))
        .filter(|t| !t.ends_with('.'))
        .map(|t| t.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 3 && w.starts_with(char::is_uppercase))
        .map(str::to_lowercase)
        .collect()
}

/// The lower-case words of German text.
fn german_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .collect()
}

/// The words inside `{…}`.
fn braced(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find('{') {
        let Some(b) = rest[a..].find('}') else { break };
        out.push(rest[a + 1..a + b].to_string());
        rest = &rest[a + b + 1..];
    }
    out
}

/// A sense as a learner should read it, and the labels taken out of it: no grammar
/// markers (`<n>`), no pronunciation (`/ɡˈoːf/`), no irregular-form lists (`{was, were}`).
pub fn clean(sense: &str) -> (String, Vec<String>) {
    let mut labels = Vec::new();
    let mut out = String::new();
    let mut rest = sense;
    // Where the alternatives start: after a comma or semicolon, or a grammar marker.
    let mut starts: Vec<usize> = vec![0];
    while let Some(c) = rest.chars().next() {
        let close = match c {
            '<' => Some('>'),
            '{' => Some('}'),
            '[' => Some(']'),
            '/' => Some('/'),
            _ => None,
        };
        if let Some(close) = close
            && let Some(end) = rest[1..].find(close)
        {
            let inner = &rest[1..1 + end];
            if c == '[' {
                labels.push(inner.to_string());
            }
            // A slash pair only when it holds a pronunciation: no spaces (not a choice),
            // or the stress and length marks of IPA ("/ˈoːn ˈafk/"); or Ding's list of
            // abbreviations, one word each ("/Gov.; Govt./").
            let ipa = inner.contains(['ˈ', 'ˌ', 'ː']);
            let abbreviations = inner.split("; ").all(|a| !a.trim().contains(' '));
            // Glued to words on both sides, slashes make a choice ("at/in/over").
            let choice = !ipa
                && out.chars().last().is_some_and(char::is_alphanumeric)
                && rest[end + 2..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if c != '/' || !choice && (!inner.contains(' ') || ipa || abbreviations) {
                // FreeDict gives an abbreviation as an alternative with its pronunciation
                // ("government <n>Gov.,  /ɡˈoːf/ Govt.,  /ɡˈɔft/"): no gloss, left out.
                if c == '/'
                    && ipa
                    && let Some(before) = out.trim_end().strip_suffix(',')
                    && let Some(&from) = starts.iter().rev().find(|&&k| k < before.len())
                    && from > 0
                {
                    out.truncate(from);
                    starts.retain(|&k| k <= from);
                } else if c == '/'
                    && ipa
                    && let Some(head) = out
                        .trim_end()
                        .strip_suffix(',')
                        .filter(|b| !b.contains([',', ';']))
                        .and_then(unglue_initialism)
                {
                    // The first alternative with its abbreviation glued on ("peopleppl,
                    // /pˌeːpˌeːˈɛl/"): the gloss alone.
                    out = head;
                    starts = vec![0];
                }
                rest = &rest[end + 2..];
                if c == '<' {
                    starts.push(out.len());
                }
                continue;
            }
        }
        out.push(c);
        if matches!(c, ',' | ';') {
            starts.push(out.len());
        }
        rest = &rest[c.len_utf8()..];
    }
    let mut text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    text = text.replace(" ,", ",").replace(" ;", ";");
    let text = text
        .trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .to_string();
    (drop_abbreviations(unglue_abbreviation(&text)), labels)
}

/// Placeholders dictionaries write with a full stop: no abbreviation of the word before.
const PLACEHOLDERS: [&str; 6] = ["sth", "sb", "etw", "jdn", "jdm", "jds"];

/// An abbreviation left after the word it stands for, as FreeDict gives one without its
/// pronunciation ("department dept.", "edition ed.", "honorary Hon., volunteer",
/// "handbook hdbk,"): a word with a full stop, or one English does not have, whose
/// letters the word before holds in order, from its first. Left out, with the comma or
/// semicolon after it.
fn drop_abbreviations(text: &str) -> String {
    let mut kept: Vec<String> = Vec::new();
    for token in text.split(' ') {
        let core = token.trim_end_matches([',', ';']);
        let after = &token[core.len()..];
        let stopped = core.strip_suffix('.');
        let letters = stopped.unwrap_or(core);
        let previous = kept.last().map(String::as_str).unwrap_or("");
        let abbreviates = |word: &str| {
            let word = word.to_lowercase();
            let short = letters.to_lowercase();
            let mut rest = word.chars();
            word.chars().count() >= 4
                && word.chars().all(char::is_alphabetic)
                && !short.is_empty()
                && short.chars().all(char::is_alphabetic)
                && short.len() < word.len()
                && word.chars().next() == short.chars().next()
                && short.chars().all(|c| rest.any(|w| w == c))
        };
        // Without its full stop, only a word of two letters or more that English does
        // not have ("handbook hdbk,"; not "about a"); asked last, as it costs a search.
        let abbreviation = stopped.is_some()
            || letters.chars().count() >= 2
                && abbreviates(previous)
                && crate::german::frequency::english_zipf(letters).is_none();
        if abbreviation
            && !PLACEHOLDERS.contains(&letters.to_lowercase().as_str())
            && abbreviates(previous)
        {
            if let Some(last) = kept.last_mut() {
                last.push_str(after);
            }
            continue;
        }
        kept.push(token.to_string());
    }
    kept.join(" ")
}

/// A one-word gloss with its abbreviation glued to its end ("peopleppl"): the gloss is
/// an English word the word list knows, the abbreviation starts with its first letter
/// and takes its letters in order ("ppl" of "people"). The gloss alone, where there is
/// such an end.
fn unglue_initialism(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 4
        || !chars.iter().all(|c| c.is_alphabetic())
        || crate::german::frequency::english_zipf(word).is_some()
    {
        return None;
    }
    (chars.len().div_ceil(2)..chars.len() - 1)
        .rev()
        .find(|&k| {
            let (head, tail) = chars.split_at(k);
            let mut letters = head.iter();
            tail[0] == head[0]
                && tail.iter().all(|c| letters.any(|h| h == c))
                && crate::german::frequency::english_zipf(&head.iter().collect::<String>())
                    .is_some()
        })
        .map(|k| chars[..k].iter().collect())
}

/// A gloss with its abbreviation glued to its end, as some FreeDict entries have it
/// ("on averageon avg."): the abbreviation starts with the gloss's first word, right after
/// a letter. The gloss alone.
fn unglue_abbreviation(text: &str) -> &str {
    let Some(first) = text.split_whitespace().next().filter(|w| w.len() >= 2) else {
        return text;
    };
    let glued = text.match_indices(first).find(|&(k, _)| {
        k > 0
            && text[..k].chars().last().is_some_and(char::is_alphabetic)
            // The first word whole ("on avg."), not letters of a longer one ("fac|tor to
            // sth." of "factor to sth." in a sense that starts with "to").
            && text[k + first.len()..].starts_with([' ', '.'])
            && text[k..].ends_with('.')
            && text[k..].len() < text[..k].len()
    });
    match glued {
        Some((k, _)) => text[..k].trim_end(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glued_abbreviation_and_a_spaced_pronunciation_are_cleaned_away() {
        assert_eq!(clean("on averageon avg.,  /ˈoːn ˈafk/").0, "on average");
        assert_eq!(clean("government <n>Gov.,  /ɡˈoːf/").0, "government");
        // An abbreviation glued to the first gloss, with its pronunciation after it.
        assert_eq!(
            clean("peopleppl,  /pˌeːpˌeːˈɛl/ , folk [Am.] , folks [Am.]").0,
            "people, folk, folks"
        );
        // An abbreviation without its full stop, before its pronunciation.
        assert_eq!(
            clean("handbook <n>hdbk,  /hˌɑːdˌeːbˌeːkˈɑː/ , manual <n>").0,
            "handbook, manual"
        );
        // Not an English word whose letters the word before holds ("information info"),
        // nor one letter ("about a").
        assert_eq!(clean("bring about a change").0, "bring about a change");
        assert_eq!(clean("information info").0, "information info");
        // Without a pronunciation after it, a word is left as it is.
        assert_eq!(clean("people, folk").0, "people, folk");
        // The first word's letters inside a longer word are no abbreviation.
        let factor = "to be a (contributing) factor to sth.";
        assert_eq!(clean(factor).0, factor);
        // Choices between slashes and words that only repeat stay.
        assert_eq!(clean("sb./sth. and/or it").0, "sb./sth. and/or it");
        assert_eq!(
            clean("rejoice at/in/over sth.").0,
            "rejoice at/in/over sth."
        );
        assert_eq!(clean("on and on").0, "on and on");
        // An abbreviation after its word, without a pronunciation.
        assert_eq!(clean("[adm.] department <n>dept.,").0, "department");
        assert_eq!(clean("honorary Hon., volunteer").0, "honorary, volunteer");
        assert_eq!(clean("edition ed.").0, "edition");
        // A placeholder is none, nor a word that is not the one before shortened.
        assert_eq!(clean("stab sb.").0, "stab sb.");
        assert_eq!(clean("set sth. up").0, "set sth. up");
        assert_eq!(clean("go to bed.").0, "go to bed.");
        assert_eq!(clean("bye-bye").0, "bye-bye");
    }

    #[test]
    fn a_pronunciation_ends_at_its_own_slash() {
        let e = parse(
            "Herr",
            "Herr /hˈɛɾ/ (Hr. /hˌɑːˈɛɾ/) <masc, n, sg>\nMister <n>, Mr <n>\n",
        );
        assert_eq!(e.headword, "Herr");
        assert_eq!(e.pronunciation.as_deref(), Some("hˈɛɾ"));
        assert_eq!(e.senses, ["Mister <n>, Mr <n>"]);
        let e = parse(
            "jdnetw beeinflussen",
            "jdn./etw. beeinflussen /bəʔˈaɪnflʊsən/ <v>\ninfluence sb./sth. <v>\n",
        );
        assert_eq!(e.headword, "jdn./etw. beeinflussen");
        assert_eq!(e.pronunciation.as_deref(), Some("bəʔˈaɪnflʊsən"));
        // Not one that spells the placeholders out.
        let e = parse(
            "sich bei jdm für etw bedanken",
            "sich bei jdm. für etw. bedanken /zɪç baɪ jˌɔtdˌeːˈɛm fyːɾ ˈɛtf bədˈaŋkən/ <v>\nthank sb. for sth. <v>\n",
        );
        assert_eq!(e.headword, "sich bei jdm. für etw. bedanken");
        assert_eq!(e.pronunciation, None);
        // Nor one whose characters were lost (the IPA glottal stop ʔ is no loss).
        let e = parse("kurz", "kurz /kˈ??ts/ <adj>\nshort <adj>\n");
        assert_eq!(e.headword, "kurz");
        assert_eq!(e.pronunciation, None);
        assert_eq!(e.senses, ["short <adj>"]);
    }

    #[test]
    fn a_ding_entry_keeps_its_labels_tags_and_a_sense_that_goes_on_a_line() {
        let text = "haben\n [ugs.] {vt}\n   to hold; to have {had; had}; to own; to possess sth. [formal]; to\nhave possession of sth. [formal]\n";
        let e = parse("haben", text);
        assert_eq!(e.tags, ["vt"]);
        assert_eq!(e.labels, ["ugs."]);
        assert_eq!(
            e.senses,
            [
                "to hold; to have {had; had}; to own; to possess sth. [formal]; to have possession of sth. [formal]"
            ]
        );
        // A FreeDict sense that starts with a label is a sense.
        let e = parse(
            "haben",
            "haben /hˈɑːbən/ <v, trans>\n [ugs.] hold <v>, have <v>\n",
        );
        assert_eq!(e.senses, [" [ugs.] hold <v>, have <v>".trim()]);
    }

    #[test]
    fn a_ding_phrase_with_a_gap_has_its_grammar_and_sense() {
        let e = parse(
            "sich lassen",
            "sich … lassen\n {vr}\n   to let oneself …; to allow oneself to …\n",
        );
        assert_eq!(e.headword, "sich … lassen");
        assert_eq!(e.tags, ["vr"]);
        assert_eq!(e.senses, ["to let oneself …; to allow oneself to …"]);
    }

    #[test]
    fn a_ding_sentence_cut_at_a_label_gives_no_sense() {
        let e = parse(
            "ich",
            "Ich\n [bot.] ihr noch etwas Tee an.\n   I offered her some more tea.\n",
        );
        assert!(e.senses.is_empty(), "{:?}", e.senses);
        // A grammar line keeps its senses.
        let e = parse("ich", "ich\n {ppron}\n   I; me\n");
        assert_eq!(e.senses, vec!["I; me"]);
        // FreeDict starts a labelled sense so.
        let e = parse(
            "strom",
            "Strom /ʃtɾˈoːm/ <masc, n, sg>\n [electr.] power <n>\n   Synonyms: {Energie}\n",
        );
        assert_eq!(e.senses.len(), 1, "{:?}", e.senses);
    }

    #[test]
    fn a_ding_entry_gives_its_gender_the_neuter_too() {
        let e = parse("tor", "Tor\n {n}\n   goal; hit\n");
        assert_eq!(e.gender(), Some(Gender::Neuter));
        assert!(e.is_noun());
        let e = parse("tor", "Tor\n {m} [poet.]\n   fool\n");
        assert_eq!(e.gender(), Some(Gender::Masculine));
    }

    #[test]
    fn parses_a_freedict_entry() {
        let text = "Leerverkauf /lˈeːɾfɜkˌaʊf/ <masc, n, sg>\nuncovered sale <n>, short sale <n>\n         Note: stock exchange\n      \"einen Leerverkauf tätigen\"  - short\n   Synonym: {Blankoverkauf}\n\n see: {Leerverkäufe}, {blanko verkaufen}\n";
        let e = parse("leerverkauf", text);
        assert_eq!(e.headword, "Leerverkauf");
        assert_eq!(e.pronunciation.as_deref(), Some("lˈeːɾfɜkˌaʊf"));
        assert_eq!(e.gender(), Some(Gender::Masculine));
        assert!(e.is_noun() && !e.is_plural());
        assert_eq!(e.senses, vec!["uncovered sale <n>, short sale <n>"]);
        assert_eq!(e.see, vec!["Leerverkäufe", "blanko verkaufen"]);
    }

    #[test]
    fn a_note_of_a_preposition_is_no_special_use() {
        let e = parse(
            "klagen",
            "klagen /klˈɑːɡən/ <v, intr>\ncomplain <v>\n         Note: of\n see: {klagend}\n\n         Note: über\n",
        );
        assert!(!e.noted);
        assert_eq!(e.complement, vec!["über"]);
        // With the case it governs.
        let e = parse(
            "abhängen",
            "abhängen <v, intr>
depend <v>
         Note: on
 see: {abhängend}

         Note: von +Dat.
",
        );
        assert!(!e.noted);
        assert_eq!(e.complement, vec!["von"]);
        let e = parse(
            "gut",
            "gut /ɡˈuːt/\ncum laude\n         Note: akademische Bewertung\n",
        );
        assert!(e.noted);
        let e = parse(
            "Leerverkauf",
            "Leerverkauf <masc, n, sg>\nshort sale <n>\n         Note: stock exchange\n",
        );
        assert!(e.noted);
        let e = parse(
            "wehklagen",
            "wehklagen <v>\nlament <v>\n         Note: over sth.\n",
        );
        assert!(!e.noted);
        let e = parse(
            "verdienen",
            "etw. verdienen <v>\nmerit sth. <v>\n         Note: of a thing\n",
        );
        assert!(e.noted);
    }

    #[test]
    fn a_grammar_note_after_the_pronunciation_is_a_tag() {
        let e = parse(
            "in",
            "in /ˈɪn/ ([wo?, wann?+ dat]) <prep>\nin <prep>, at <prep>\n",
        );
        assert_eq!(e.headword, "in");
        assert_eq!(e.pronunciation.as_deref(), Some("ˈɪn"));
        assert_eq!(e.tags, vec!["prep", "wo?, wann?+ dat"]);
    }

    #[test]
    fn a_headword_with_slashes_keeps_them_and_not_a_pronunciation_spelling_them() {
        let text = "jdn./etw. beeinflussen /jˌɔtdˌeːˈɛn ˈɛtf bəˈaɪnflˌʊsən/ <v, trans>\ninfluence sb./sth. <v>\n";
        let e = parse("jdnetw beeinflussen", text);
        assert_eq!(e.headword, "jdn./etw. beeinflussen");
        assert_eq!(e.pronunciation, None);
        assert_eq!(e.senses, vec!["influence sb./sth. <v>"]);
    }

    #[test]
    fn a_headword_with_two_pronunciations_is_the_word_before_them() {
        let e = parse(
            "laut",
            "laut /lˈaʊt/ (lt.) /lˈeːtˈeː/ <prep>\naccording to <prep>\n",
        );
        assert_eq!(e.headword, "laut");
        assert_eq!(e.tags, vec!["prep"]);
    }

    #[test]
    fn a_ding_entry_keyed_by_letters_has_its_headword_and_grammar() {
        let e = parse(
            "jdnetw beeinflussen",
            "jdn./etw. beeinflussen\n{vt}\nto influence sb./sth.\n",
        );
        assert_eq!(e.headword, "jdn./etw. beeinflussen");
        assert_eq!(e.tags, vec!["vt"]);
        assert_eq!(e.senses, vec!["to influence sb./sth."]);
    }

    #[test]
    fn a_plain_entry_is_all_senses() {
        let e = parse("haus", "house; home");
        assert_eq!(e.headword, "haus");
        assert_eq!(e.senses, vec!["house; home"]);
    }
}
