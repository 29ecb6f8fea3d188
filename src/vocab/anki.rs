//! Anki decks from the vocabulary: tab-separated text with Anki's headers and stable GUIDs,
//! several card kinds per word: meaning (der Leerverkauf → short sale), gender
//! ({{c1::der}} Leerverkauf), plural, and a cloze from the article's sentence.

use super::{Status, Vocabulary};
use crate::notes::export::{anki_field, guid};

/// The vocabulary deck as exported, and how many words it holds: the one function the
/// app and `lesepult export --format anki --vocab` both use, so both say the same count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub text: String,
    pub words: usize,
}

pub fn export(vocab: &Vocabulary) -> Deck {
    Deck {
        text: deck(vocab),
        words: words_in_deck(vocab),
    }
}

/// How many words the deck has: those being learned and those known that get a card (not
/// every entry of the vocabulary file: new, ignored and doubtful words are left out).
pub fn words_in_deck(vocab: &Vocabulary) -> usize {
    vocab.entries.values().filter(|e| in_deck(e)).count()
}

/// Learning and known words, not those whose lemma the lexicon did not confirm, and only
/// those with something to put on a card.
pub(crate) fn in_deck(e: &super::VocabEntry) -> bool {
    !e.doubtful && (e.status.is_learning() || e.status == Status::Known) && has_card(e)
}

/// Whether an entry makes at least one card (see [`deck`]).
fn has_card(e: &super::VocabEntry) -> bool {
    !e.meaning.is_empty()
        || !e.article.is_empty()
        || !e.plural.is_empty()
        || (!e.sentence.is_empty() && !e.form.is_empty() && whole_word(e).is_some())
}

/// The deck. Words with a learning status (1-5) and well-known words that have a meaning
/// are exported; tags name the document, the category and the status.
pub fn deck(vocab: &Vocabulary) -> String {
    let mut out = String::from(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n",
    );
    let deck = "lesepult::Vocabulary";
    for e in vocab.entries.values() {
        if !in_deck(e) {
            continue;
        }
        let mut tags = vec![
            "lesepult".to_string(),
            format!("status::{}", e.status.tag()),
        ];
        if !e.document.is_empty() {
            tags.push(format!(
                "doc::{}",
                crate::notes::export::anki_tag(&e.document)
            ));
        }
        if !e.category.is_empty() {
            tags.push(crate::notes::export::anki_tag(&e.category));
        }
        let tags = tags.join(" ");
        let head = if e.article.is_empty() {
            e.lemma.clone()
        } else {
            crate::glossary::with_article(&e.article, &e.lemma)
        };
        let mut row = |kind: &str, notetype: &str, front: String, back: String| {
            out.push_str(&format!(
                "{}\t{notetype}\t{deck}\t{front}\t{back}\t{tags} card::{kind}\n",
                guid("vocabulary", kind, &e.key)
            ));
        };
        if !e.meaning.is_empty() {
            row(
                "meaning",
                "Basic",
                anki_field(&head),
                anki_field(&e.meaning),
            );
        }
        if !e.article.is_empty() {
            row(
                "gender",
                "Cloze",
                format!(
                    "{{{{c1::{}}}}} {}",
                    anki_field(&e.article),
                    anki_field(
                        head.strip_prefix(e.article.as_str())
                            .unwrap_or(&e.lemma)
                            .trim_start()
                    )
                ),
                anki_field(&e.meaning),
            );
        }
        if !e.plural.is_empty() {
            row(
                "plural",
                "Basic",
                format!("Plural: {}", anki_field(&head)),
                anki_field(&crate::glossary::plural_with_article(&e.plural)),
            );
        }
        if !e.sentence.is_empty() && !e.form.is_empty() && whole_word(e).is_some() {
            row("cloze", "Cloze", cloze(e), anki_field(&head));
        }
    }
    out
}

/// The entry's sentence with the word hidden, and with it the particle of a separable verb
/// at the end of the clause („Die FTC {{c1::reichte}} … eine Klage {{c1::ein}}.“).
/// The first place where the entry's form stands in its sentence as a whole word (never
/// "die" inside "diese", "war" inside "zwar").
fn whole_word(e: &super::VocabEntry) -> Option<std::ops::Range<usize>> {
    crate::document::word_ranges(&e.sentence)
        .into_iter()
        .find(|r| e.sentence[r.clone()] == e.form)
}

fn cloze(e: &super::VocabEntry) -> String {
    let mut hidden: Vec<std::ops::Range<usize>> = Vec::new();
    let Some(word) = whole_word(e) else {
        return anki_field(&e.sentence);
    };
    let at = word.start;
    hidden.push(word);
    if let Some(particle) = super::separable::split_particle(&e.lemma, &e.form)
        && let Some(word) = crate::document::word_ranges(&e.sentence)
            .into_iter()
            .rfind(|r| r.start > at && e.sentence[r.clone()].eq_ignore_ascii_case(&particle))
    {
        hidden.push(word);
    }
    let mut out = String::new();
    let mut from = 0;
    for r in hidden {
        out.push_str(&e.sentence[from..r.start]);
        out.push_str(&format!("{{{{c1::{}}}}}", &e.sentence[r.clone()]));
        from = r.end;
    }
    out.push_str(&e.sentence[from..]);
    anki_field(&out)
}

#[cfg(test)]
mod tests {
    use super::super::VocabEntry;
    use super::*;

    #[test]
    fn a_cloze_hides_the_whole_word_never_letters_inside_another() {
        let e = VocabEntry {
            key: "sein".into(),
            lemma: "sein".into(),
            status: Status::L3,
            updated: "2026-11-30T07:00:00Z".into(),
            learned: None,
            article: String::new(),
            plural: String::new(),
            meaning: "be".into(),
            category: String::new(),
            form: "war".into(),
            sentence: "Das zwar billige Modell war schnell.".into(),
            document: String::new(),
            review: None,
            doubtful: false,
        };
        assert_eq!(cloze(&e), "Das zwar billige Modell {{c1::war}} schnell.");
    }

    fn vocab() -> Vocabulary {
        let mut v = Vocabulary::default();
        v.entries.insert(
            "leerverkauf".into(),
            VocabEntry {
                key: "leerverkauf".into(),
                lemma: "Leerverkauf".into(),
                status: Status::L3,
                updated: "2026-11-28T20:00:00Z".into(),
                learned: None,
                article: "der".into(),
                plural: "Leerverkäufe".into(),
                meaning: "short sale".into(),
                category: "Wirtschaft".into(),
                sentence:
                    "Inzwischen stürzen die Aktienkurse, und die Leerverkäufe haben Hochkonjunktur"
                        .into(),
                form: "Leerverkäufe".into(),
                document: "deepseek-boeing-moment".into(),
                review: None,
                doubtful: false,
            },
        );
        v
    }

    #[test]
    fn a_separable_verbs_particle_is_hidden_with_it() {
        let mut e = vocab().entries["leerverkauf"].clone();
        e.lemma = "einreichen".into();
        e.form = "reichte".into();
        e.sentence =
            "Im Jahr 2021 reichte die Federal Trade Commission erneut eine Klage ein.".into();
        assert_eq!(
            cloze(&e),
            "Im Jahr 2021 {{c1::reichte}} die Federal Trade Commission erneut eine Klage {{c1::ein}}."
        );
        // Not a separable verb: only the word.
        let plain = vocab().entries["leerverkauf"].clone();
        assert!(cloze(&plain).contains("{{c1::Leerverkäufe}}"));
        assert_eq!(cloze(&plain).matches("{{c1::").count(), 1);
    }

    #[test]
    fn the_count_is_of_the_words_in_the_deck() {
        let mut v = vocab();
        let mut other = |key: &str, status: Status| {
            let mut e = v.entries["leerverkauf"].clone();
            e.key = key.into();
            e.lemma = key.into();
            e.status = status;
            v.entries.insert(key.into(), e);
        };
        other("neu", Status::New);
        other("bekannt", Status::Known);
        other("egal", Status::Ignored);
        other("zweifel", Status::L2);
        other("leer", Status::L1);
        if let Some(e) = v.entries.get_mut("zweifel") {
            e.doubtful = true;
        }
        if let Some(e) = v.entries.get_mut("leer") {
            // Nothing to put on a card: no meaning, article, plural or sentence.
            e.meaning.clear();
            e.article.clear();
            e.plural.clear();
            e.sentence.clear();
        }
        let text = deck(&v);
        let in_deck = v
            .entries
            .values()
            .filter(|e| {
                text.contains(&format!("\t{}\t", e.lemma))
                    || text.contains(&format!(" {}\t", e.lemma))
            })
            .count();
        assert_eq!(words_in_deck(&v), in_deck);
        assert_eq!(words_in_deck(&v), 2, "leerverkauf and bekannt");
        assert!(
            words_in_deck(&v) < v.entries.len(),
            "new, ignored, doubtful and empty words are left out"
        );
        assert_eq!(export(&v).words, words_in_deck(&v));
        assert_eq!(export(&v).text, text);
    }

    #[test]
    fn card_kinds_headers_and_stable_guids() {
        let one = deck(&vocab());
        assert_eq!(one, deck(&vocab()), "GUIDs are stable");
        let headers: Vec<&str> = one.lines().take(6).collect();
        assert_eq!(headers[0], "#separator:tab");
        assert_eq!(headers[5], "#tags column:6");
        let rows: Vec<Vec<&str>> = one
            .lines()
            .skip(6)
            .map(|l| l.split('\t').collect())
            .collect();
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|r| r.len() == 6));
        assert!(
            rows.iter()
                .any(|r| r[1] == "Basic" && r[3] == "der Leerverkauf" && r[4] == "short sale")
        );
        assert!(
            rows.iter()
                .any(|r| r[1] == "Cloze" && r[3] == "{{c1::der}} Leerverkauf")
        );
        assert!(
            rows.iter()
                .any(|r| r[3] == "Plural: der Leerverkauf" && r[4] == "die Leerverkäufe")
        );
        let cloze = rows
            .iter()
            .find(|r| r[5].contains("card::cloze"))
            .expect("cloze");
        assert!(cloze[3].contains("die {{c1::Leerverkäufe}} haben"));
        assert!(
            cloze[5].contains("status::3")
                && cloze[5].contains("doc::deepseek-boeing-moment")
                && cloze[5].contains("Wirtschaft")
        );
        let mut guids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
        guids.sort_unstable();
        guids.dedup();
        assert_eq!(guids.len(), 4);
    }
}
