//! The lookup of a word, analysed in its sentence: the glossary; a fixed phrase around the
//! word that a dictionary lists (*in der Regel*, *vor allem*); the word's lemma as the
//! lexicon and the sentence decide it (a split separable verb as the whole verb), with
//! gender and plural from the lexicon and the senses of every installed dictionary ranked
//! together; for a compound no dictionary lists, its parts. Every result names its source.

use serde::Serialize;

use super::rank::{self, Ranked};
use super::usage::{self, Class};
use super::verb_phrases;
use crate::german::Pos;
use crate::german::analysis::{Analysis, Basis, analyse_at};
use crate::german::tags::Degree;

use super::entry::Entry;
use super::{DictError, Dictionaries};
use crate::glossary::{Gender, Glossary, Source};

/// How a result was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Method {
    /// A term of the document's or the user's glossary.
    Glossary,
    /// The headword exactly as written.
    Exact,
    /// The headword in another case ("monopol" for "Monopol").
    CaseFolded,
    /// The lemma of an inflected form.
    Lemma { from: String, via: String },
    /// A compound split into known words; `parts` include linking elements.
    Compound { parts: Vec<String> },
    /// One part of a compound.
    Part { of: String },
    /// A fixed phrase around the word (`in der Regel`).
    Phrase { word: String },
    /// Another reading of the word, less likely in its sentence.
    Alternative { from: String },
    /// A noun no dictionary lists under its lemma, found under another headword: its
    /// strong form (*Beamter*) or the masculine it is made from (*Arzt* for *Ärztin*).
    Cited { under: String, how: String },
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub source: String,
    pub method: Method,
    pub headword: String,
    #[serde(serialize_with = "ser_gender")]
    pub gender: Option<Gender>,
    /// The gender is the last part's (compounds).
    pub gender_inferred: bool,
    /// A noun the lexicon knows in more than one gender, where the sentence does not tell
    /// which (*die Jungen*: der or das Junge): those genders, and `gender` is none.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "ser_genders")]
    pub open_genders: Vec<Gender>,
    pub plural: Option<String>,
    pub pronunciation: Option<String>,
    pub pos: Option<String>,
    pub senses: Vec<String>,
}

fn ser_gender<S: serde::Serializer>(g: &Option<Gender>, s: S) -> Result<S::Ok, S::Error> {
    match g {
        Some(g) => s.serialize_str(g.article()),
        None => s.serialize_none(),
    }
}

fn ser_genders<S: serde::Serializer>(g: &[Gender], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(g.iter().map(|g| g.article()))
}

/// The genders of a noun whose gender its sentence leaves open, when the lexicon knows
/// more than one.
fn open_genders(a: Option<&Analysis>) -> Vec<Gender> {
    let Some(a) = a.filter(|a| a.gender.is_none() && a.pos == Pos::Noun) else {
        return Vec::new();
    };
    let genders = crate::german::lexicon()
        .map(|lex| lex.genders(&a.lemma))
        .unwrap_or_default();
    if genders.len() > 1 {
        genders
    } else {
        Vec::new()
    }
}

/// The auxiliary German forms the passive with (a fact of its grammar: *wurde gebaut*
/// "was built"), and what it means there.
const PASSIVE_AUXILIARY: &str = "werden";
const PASSIVE_GLOSS: &str = "be (with a past participle: the passive)";

/// What the auxiliaries of the perfect mean there (*hat gebaut* "has built", *ist
/// gekommen* "has come"; *sein* with a participle also tells a state: *ist geschlossen*
/// "is closed"). The dictionaries give their uses as full verbs only ("have sth.").
/// The glosses of `analysis::PERFECT_AUXILIARIES`, in its order.
const PERFECT_GLOSSES: [&str; 2] = [
    "have (with a past participle: the perfect)",
    "be, have (with a past participle: a state, or the perfect)",
];

/// Senses shown per result.
const MAX_SENSES: usize = 6;
/// Entries read per dictionary and headword (FreeDict lists a few words in more; each
/// entry read may inflate a dictzip chunk: this bounds the work of a lookup).
const MAX_ENTRIES: usize = 16;
/// Entries read for a phrase, a verb's frame or another reading of the word.
const MAX_SIDE_ENTRIES: usize = 12;
/// Words back from a word that a comparative it follows may stand (*teurer ist als*).
const COMPARATIVE_REACH: usize = 3;
/// Words in a fixed phrase, at most.
const MAX_PHRASE: usize = 4;

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The entries of a headword in every German dictionary.
fn entries(
    dicts: &Dictionaries,
    word: &str,
    problems: &mut Vec<DictError>,
) -> Vec<(String, Entry)> {
    entries_up_to(dicts, word, MAX_ENTRIES, problems)
}

fn entries_up_to(
    dicts: &Dictionaries,
    word: &str,
    limit: usize,
    problems: &mut Vec<DictError>,
) -> Vec<(String, Entry)> {
    let (found, errs) = dicts.entries(word, limit);
    problems.extend(errs);
    found
}

/// A part's meaning as it stands in an English compound: the alternative that is the
/// part's cognate (*Sensor* → "sensor" of "measuring element, sensor"), else its everyday
/// alternative, without "to", object placeholders and notes ("to log in (to sth.)" → "log
/// in").
fn compound_gloss(part: &str, sense: &str) -> String {
    let first = rank::cognate_alternative(part, sense)
        .unwrap_or_else(|| rank::most_common_alternative(sense));
    let mut depth = 0usize;
    let bare: String = first
        .chars()
        .filter(|&c| {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect();
    let words: Vec<&str> = bare
        .split_whitespace()
        .filter(|w| !matches!(*w, "sth." | "sb." | "sb./sth." | "sth./sb." | "sth" | "sb"))
        .collect();
    let words = match words.split_first() {
        Some((&"to", rest)) => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// How common (Zipf) an English word a compound's first part no dictionary lists must
/// be to stand for itself.
const ENGLISH_LOAN_MIN_ZIPF: f32 = 3.5;

/// A compound's part that no dictionary lists, as English: an English word German took
/// over (*Chat* of *Chatgruppe*: "chat"), not the head, which says what the compound is.
fn english_loan(part: &str, last: bool) -> Option<String> {
    let lower = part.to_lowercase();
    (!last
        && lower.chars().all(|c| c.is_ascii_alphabetic())
        && crate::german::frequency::english_zipf(&lower)
            .is_some_and(|z| z >= ENGLISH_LOAN_MIN_ZIPF))
    .then_some(lower)
}

/// The word class a result shows: the analysis's; for a word it cannot class, the best
/// entry's (*viertens* "fourthly", an adverb), a noun only under a capitalised headword.
/// A capitalised word the lexicon lacks, taken for a name, is a noun where the best
/// entry is one (*Hirse* {f} "millet").
fn shown_pos(a: &Analysis, best: &Ranked) -> Option<Pos> {
    match a.pos {
        Pos::Name if a.basis == Basis::Unknown && best.pos == Some(Pos::Noun) => Some(Pos::Noun),
        Pos::Unknown => best
            .pos
            .filter(|p| *p != Pos::Noun || best.headword.starts_with(char::is_uppercase)),
        pos => Some(pos),
    }
}

/// The class to rank entries for: none where the analysis cannot tell.
fn rank_pos(a: &Analysis) -> Option<Pos> {
    Some(a.pos).filter(|p| *p != Pos::Unknown)
}

/// One result from ranked senses of a headword.
fn found_from(
    ranked: Vec<Ranked>,
    headword: &str,
    method: Method,
    a: Option<&Analysis>,
) -> Option<Found> {
    let first = ranked.first()?;
    let pronunciation = ranked.iter().find_map(|r| r.pronunciation.clone());
    // A word the lexicon does not know is shown as the dictionary spells it.
    let headword = match a {
        Some(a) if a.basis == Basis::Unknown => first.headword.as_str(),
        _ => headword,
    }
    .to_string();
    let mut sources: Vec<String> = Vec::new();
    for r in &ranked {
        if !sources.contains(&r.source) {
            sources.push(r.source.clone());
        }
    }
    Some(Found {
        source: first.source.clone(),
        method,
        headword,
        gender: a.and_then(|a| a.gender),
        gender_inferred: false,
        open_genders: open_genders(a),
        plural: a.and_then(|a| a.plural.clone()),
        pronunciation,
        pos: a
            .and_then(|a| shown_pos(a, first))
            .map(|p| p.name().to_string()),
        senses: ranked
            .into_iter()
            .take(MAX_SENSES)
            .map(|r| r.sense)
            .collect(),
    })
}

/// The entries of `lemma` (its own headword, in either case), ranked for `pos`.
fn ranked_for(
    dicts: &Dictionaries,
    lemma: &str,
    pos: Option<Pos>,
    problems: &mut Vec<DictError>,
) -> Vec<Ranked> {
    ranked_in(dicts, lemma, pos, rank::InSentence::default(), problems)
}

/// Another reading's entries: fewer of them.
fn ranked_side(
    dicts: &Dictionaries,
    lemma: &str,
    pos: Option<Pos>,
    problems: &mut Vec<DictError>,
) -> Vec<Ranked> {
    let own: Vec<(String, Entry)> = entries_up_to(dicts, lemma, MAX_SIDE_ENTRIES, problems)
        .into_iter()
        .filter(|(_, e)| e.headword.to_lowercase() == lemma.to_lowercase())
        .collect();
    // A compound's first part names a kind, as the singular does ("terrier mix", not
    // "terriers mix"): a plural entry of the same spelling is not its meaning.
    let here = rank::InSentence {
        singular: pos.is_none(),
        ..rank::InSentence::default()
    };
    rank::rank_in(&own, lemma, pos, here)
}

/// A compound's first part as the dictionary lists it for compounds: its prefix entry
/// (*Elektro…* "electric"), ranked as the part.
fn ranked_prefix(dicts: &Dictionaries, part: &str, problems: &mut Vec<DictError>) -> Vec<Ranked> {
    let lower = part.to_lowercase();
    let own: Vec<(String, Entry)> = entries_up_to(dicts, part, MAX_SIDE_ENTRIES, problems)
        .into_iter()
        .filter_map(|(source, mut e)| {
            let h = e.headword.to_lowercase();
            let bare = h.strip_suffix('…').or_else(|| h.strip_suffix('-'))?;
            (bare == lower).then(|| {
                e.headword = part.to_string();
                (source, e)
            })
        })
        .collect();
    rank::rank(&own, part, None)
}

/// The same, ranked for the sentence's words too.
fn ranked_in(
    dicts: &Dictionaries,
    lemma: &str,
    pos: Option<Pos>,
    here: rank::InSentence,
    problems: &mut Vec<DictError>,
) -> Vec<Ranked> {
    let all = entries(dicts, lemma, problems);
    let mut own: Vec<(String, Entry)> = all
        .into_iter()
        .filter(|(_, e)| e.headword.to_lowercase() == lemma.to_lowercase())
        .collect();
    // A verb's transitive senses stand under its object frame ("jdn./etw. beeinflussen"
    // "influence sb./sth."), often the main ones: read them as the verb's own.
    if pos == Some(Pos::Verb) {
        // As written: a dictd index that keys it by its letters and spaces ("etw
        // beeinflussen") is searched so where the written form has no line.
        let heads: Vec<String> = rank::OBJECT_FRAMES
            .iter()
            .map(|frame| format!("{frame} {lemma}"))
            .collect();
        for head in heads {
            if !dicts.contains(&head) {
                continue;
            }
            for mut found in entries_up_to(dicts, &head, MAX_SIDE_ENTRIES, problems) {
                // The frame's pronunciation says its placeholder too ("ˈɛtf …").
                found.1.pronunciation = None;
                if rank::is_object_frame(&found.1.headword, lemma) && !own.contains(&found) {
                    own.push(found);
                }
            }
        }
        // Its main senses may stand under a frame with a note in brackets (*jdn. (von
        // einem Ort) abholen* "collect sb."), which the examples' index lists: the
        // verb's own too, the note's words its context.
        let noted = dicts
            .usage_for_lookup()
            .map(|u| u.noted_frames(lemma))
            .unwrap_or_default();
        for key in noted {
            for mut found in entries_up_to(dicts, &key, MAX_SIDE_ENTRIES, problems) {
                let (frame, note) = without_note(&found.1.headword);
                if frame != lemma && !rank::is_object_frame(&frame, lemma) {
                    continue;
                }
                found.1.pronunciation = None;
                found.1.headword = frame;
                found.1.context.extend(note);
                if !own.contains(&found) {
                    own.push(found);
                }
            }
        }
    }
    rank::rank_in(&own, lemma, pos, here)
}

/// The parts of a noun the lexicon lists, split as a compound (`Grafik`, `Designerin`):
/// the parts before the head as words, then the head's lemma.
fn listed_compound_parts(lemma: &str) -> Option<Vec<String>> {
    let lex = crate::german::lexicon().ok()?;
    let split = crate::german::compound::split(lex, lemma)?;
    let head = split.head_readings.first()?.lemma.clone();
    let mut parts = split.parts;
    parts.push(head);
    Some(parts)
}

/// A headword without its notes in brackets, and the notes' words in lower case:
/// "jdn. (von einem Ort) abholen" → ("jdn. abholen", [von, einem, ort]).
fn without_note(headword: &str) -> (String, Vec<String>) {
    let mut bare = String::new();
    let mut note = String::new();
    let mut depth = 0usize;
    for c in headword.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                note.push(' ');
            }
            _ if depth > 0 => note.push(c),
            _ => bare.push(c),
        }
    }
    let words = note
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (bare.split_whitespace().collect::<Vec<_>>().join(" "), words)
}

/// A noun's entries under another headword a dictionary may cite it by (*Beamtin* under
/// *Beamte*, then *Beamter*), for a lemma no dictionary lists: the first headword with
/// entries, and how it was found. Ranked without the noun's gender, which the masculine
/// does not share.
fn ranked_cited(
    dicts: &Dictionaries,
    lemma: &str,
    here: rank::InSentence,
    problems: &mut Vec<DictError>,
) -> Option<(Vec<Ranked>, Method)> {
    let lex = crate::german::lexicon().ok()?;
    let here = rank::InSentence {
        gender: None,
        ..here
    };
    crate::german::citation::other_citations(lex, lemma)
        .into_iter()
        .find_map(|c| {
            let mut ranked = ranked_in(dicts, &c.headword, Some(Pos::Noun), here, problems);
            // The other headword's pronunciation is not the noun's.
            for r in &mut ranked {
                r.pronunciation = None;
            }
            (!ranked.is_empty()).then(|| {
                let how = c.relation.describe().to_string();
                (
                    ranked,
                    Method::Cited {
                        under: c.headword,
                        how,
                    },
                )
            })
        })
}

/// A pronoun lemma's nominatives as the lexicon lists them, the masculine singular first:
/// the headwords a dictionary may list it under. Those of the same use where the lexicon
/// tells (`BEG`: before a noun, *keine Zeit*; `STV`: alone, *keiner*).
fn pronoun_nominatives(
    lemma: &str,
    tag: Option<&crate::german::tags::Tag>,
    plural_only: bool,
) -> Vec<String> {
    let Ok(lex) = crate::german::lexicon() else {
        return Vec::new();
    };
    let mut forms: Vec<(String, String)> = lex
        .forms(lemma, "PRO:")
        .into_iter()
        .filter(|(_, tag)| tag.contains(":NOM:") && (!plural_only || tag.contains(":PLU")))
        .collect();
    let usage = match tag {
        Some(t) if t.determiner => Some(":BEG"),
        Some(t) if t.standalone => Some(":STV"),
        _ => None,
    };
    if let Some(u) = usage
        && forms.iter().any(|(_, tag)| tag.contains(u))
    {
        forms.retain(|(_, tag)| tag.contains(u));
    }
    forms.sort_by_key(|(_, tag)| !tag.contains(":SIN:MAS"));
    let mut out: Vec<String> = Vec::new();
    for (form, _) in forms {
        if form != lemma && !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// Whether a two-word headword is a row of a verb's conjugation table ("wir haben" "we
/// have", "es bedeutet" "it means"): its entry links to the verb's own entry or forms
/// ("etw. haben", "gehabt") of one of `words`. Such a row is the verb's form, no phrase:
/// the verb's entry is the word's meaning (*haben wir … geschrieben* is *haben*). Only
/// where a dictionary lists the verb itself, or reflexive (*freut sich*: "sich freuen"):
/// *bedankt sich* "thanks" stays, as no entry is *bedanken* or *sich bedanken* alone.
fn conjugation_row(dicts: &Dictionaries, own: &[(String, Entry)], words: &[&str]) -> bool {
    let Ok(lex) = crate::german::lexicon() else {
        return false;
    };
    // A capitalised word is read as written but for the first, which may open the
    // sentence (*Wir haben*): *Glück* of *zum Glück* is the noun, not *glücken*.
    let lemmas: Vec<String> = words
        .iter()
        .enumerate()
        .flat_map(|(k, w)| {
            if k == 0 {
                lex.readings(&w.to_lowercase())
            } else {
                lex.readings(w)
            }
        })
        .filter(|r| r.tag.pos == Pos::Verb)
        .map(|r| r.lemma)
        .filter(|l| dicts.contains(l) || dicts.contains(&format!("sich {l}")))
        .collect();
    if lemmas.is_empty() {
        return false;
    }
    let of_the_verb = |link: &String| {
        link.split_whitespace().last().is_some_and(|last| {
            lex.readings(last).iter().any(|r| {
                matches!(r.tag.pos, Pos::Verb | Pos::Participle) && lemmas.contains(&r.lemma)
            })
        })
    };
    own.iter().any(|(_, e)| e.see.iter().any(of_the_verb))
}

/// A dictionary's multi-word entry around the word: the longest phrase first.
fn phrase(
    dicts: &Dictionaries,
    sentence: &str,
    at: usize,
    pos: Option<Pos>,
    problems: &mut Vec<DictError>,
) -> Option<Found> {
    let toks = crate::german::sentence::tokens(sentence);
    let i = toks
        .iter()
        .position(|t| t.is_word && t.start <= at && at < t.end())?;
    let word = toks[i].text;
    let nominal = toks[i].is_capitalised()
        || pos
            .is_none_or(|p| matches!(p, Pos::Noun | Pos::Name | Pos::Adjective | Pos::Participle));
    let mut analysed: Option<std::rc::Rc<Vec<crate::german::analysis::Analysis>>> = None;
    for len in (2..=MAX_PHRASE).rev() {
        for first in i.saturating_sub(len - 1)..=i {
            let Some(window) = toks.get(first..first + len) else {
                continue;
            };
            if !window.iter().all(|t| t.is_word) {
                continue;
            }
            let mut text = window.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            if !dicts.contains(&text) {
                text = lower_first(&text);
                if !dicts.contains(&text) {
                    continue;
                }
            }
            // An article with a noun or an adjective is a noun phrase, no phrase of its
            // own ("die Regel", "das beste Beispiel", looked up from either word); with
            // another word it may be one ("ein paar").
            let article = |t: &crate::german::sentence::Token<'_>| {
                crate::german::lexicon().is_ok_and(|lex| {
                    lex.readings(&t.text.to_lowercase())
                        .iter()
                        .any(|r| r.tag.pos == Pos::Article)
                })
            };
            let nominal_at = |k: usize| {
                if first + k == i {
                    nominal
                } else {
                    first + k > 0 && window[k].is_capitalised()
                }
            };
            let noun_phrase = window
                .iter()
                .enumerate()
                .all(|(k, t)| article(t) || nominal_at(k))
                && window.iter().any(article)
                && (0..len).any(|k| nominal_at(k) && !article(&window[k]));
            // A phrase that ends in an article leaves it without the noun that follows
            // ("in der" of *in der Innenstadt*).
            let article_last = window.last().is_some_and(article)
                && toks.get(first + len).is_some_and(|t| t.is_word);
            // So does one that ends in an inflected adjective before its noun ("am
            // nächsten" "nearest" of *am nächsten Wochenende*).
            let adjective_last = window.last().is_some_and(|t| {
                !t.is_capitalised()
                    && crate::german::lexicon().is_ok_and(|lex| {
                        lex.readings(&t.text.to_lowercase())
                            .iter()
                            .any(|r| r.tag.pos == Pos::Adjective && r.tag.case.is_some())
                    })
            }) && toks
                .get(first + len)
                .is_some_and(|t| t.is_word && t.is_capitalised());
            // Nor is a phrase made of words of a prepositional phrase that starts before
            // them (*ihn um sein Geld bringen* has no "Geld bringen").
            if noun_phrase
                || article_last
                || adjective_last
                || verb_phrases::in_prepositional_phrase(&toks, first)
            {
                continue;
            }
            // An infinitive with its particle is the verb's form, no phrase (*die Tore zu
            // schließen* is not "zu schließen" "inferable").
            if len == 2 {
                let analysed = analysed
                    .get_or_insert_with(|| crate::german::analysis::analysed_sentence(sentence));
                let at = |t: &crate::german::sentence::Token<'_>| {
                    analysed.iter().find(|a| a.start == t.start)
                };
                let pos_at = |t| at(t).map(|a| a.pos);
                if pos_at(&window[0]) == Some(Pos::Particle)
                    && pos_at(&window[1]) == Some(Pos::Verb)
                {
                    continue;
                }
                // A finite verb and the next word as a particle verb's form (*kam nach*
                // "complied", of *nachkommen*) only where the analysis links them: in
                // *kam nach Hause*, *nach* is a preposition.
                if let Some(v) = at(&window[0]).filter(|v| v.pos == Pos::Verb)
                    && !matches!(v.basis, Basis::Separable { .. })
                    && crate::german::lexicon().is_ok_and(|lex| {
                        let whole = format!("{}{}", window[1].text.to_lowercase(), v.lemma);
                        crate::german::analysis::is_attested_verb(lex, &whole)
                    })
                {
                    continue;
                }
            }
            // Capitals as written (*zu ihrem* is not "zu Ihrem" "your"; *wenn es* is not
            // the example sentence "Wenn es …"), but for the sentence's first word.
            let written = window.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            let initial = toks[..first].iter().all(|t| !t.is_word);
            let es = entries_up_to(dicts, &text, MAX_SIDE_ENTRIES, problems);
            let own: Vec<(String, Entry)> = es
                .into_iter()
                .filter(|(_, e)| {
                    e.headword == written || initial && e.headword == lower_first(&written)
                })
                .collect();
            // As the dictionary writes it, not as the sentence's first word (*Bis dahin*).
            let text = own.first().map_or(text, |(_, e)| e.headword.clone());
            let words: Vec<&str> = window.iter().map(|t| t.text).collect();
            if len == 2 && conjugation_row(dicts, &own, &words) {
                continue;
            }
            let ranked = rank::rank(&own, &text, None);
            // Only example sentences: no meaning of a phrase.
            if ranked.iter().all(|r| rank::is_sentence(&r.sense)) {
                continue;
            }
            if let Some(f) = found_from(
                ranked,
                &text,
                Method::Phrase {
                    word: word.to_string(),
                },
                None,
            ) {
                return Some(f);
            }
        }
    }
    None
}

/// A verb's two-word entry with a pronoun of its clause that does not stand next to it, as
/// German word order splits them ("weil es dort viele Unternehmen gibt", "gibt es"): the
/// dictionary's "es gibt". Only pronouns (by the lexicon) are tried, in both orders.
fn split_phrase(
    dicts: &Dictionaries,
    sentence: &str,
    at: usize,
    lemma: &str,
    problems: &mut Vec<DictError>,
) -> Option<Found> {
    let lex = crate::german::lexicon().ok()?;
    let toks = crate::german::sentence::tokens(sentence);
    let i = toks
        .iter()
        .position(|t| t.is_word && t.start <= at && at < t.end())?;
    let word = toks[i].text;
    let boundary = |t: &crate::german::sentence::Token| {
        !t.is_word && t.text.contains([',', ';', ':', '.', '!', '?', '–'])
    };
    let from = toks[..i].iter().rposition(boundary).map_or(0, |b| b + 1);
    let to = toks[i..]
        .iter()
        .position(boundary)
        .map_or(toks.len(), |b| i + b);
    for t in toks[from..to]
        .iter()
        .filter(|t| t.is_word && t.start != toks[i].start)
    {
        let other = t.text.to_lowercase();
        // A reflexive pronoun is the verb's frame ("sich wünschen", looked up by its
        // lemma), not a phrase with the verb's form ("sich gewünscht"). A word that may
        // be a verb is no such pronoun: the phrase would take it for the verb (*sein* of
        // *sein letztes Spiel … verloren* is not the verb of "verloren sein").
        let readings = lex.readings(&other);
        let pronoun = readings
            .iter()
            .any(|r| r.tag.pos == Pos::Pronoun && !r.tag.reflexive)
            && !readings.iter().any(|r| r.tag.pos == Pos::Verb);
        if !pronoun {
            continue;
        }
        // A verb first in its sentence is written lower case in a phrase (*Kannst du*).
        let verb = lower_first(word);
        let mut pairs = vec![
            (format!("{other} {word}"), format!("{other} {verb}")),
            (format!("{word} {other}"), format!("{verb} {other}")),
        ];
        // An impersonal phrase is listed in the present ("es gibt"); it is the verb's in
        // any form with *es* in its clause (*habe es nicht gegeben*, *wird es geben*).
        if impersonal(lex, &other) {
            for (present, _) in lex.forms(lemma, "VER:3:SIN:PRÄ") {
                if present != verb {
                    pairs.push((format!("{other} {present}"), format!("{other} {present}")));
                }
            }
        }
        for (text, listed) in pairs {
            if !dicts.contains(&text) {
                continue;
            }
            // The pronoun in lower case, the verb as written (*ich hatte* is not the
            // example sentence "Ich hatte …").
            let own: Vec<(String, Entry)> = entries_up_to(dicts, &text, MAX_SIDE_ENTRIES, problems)
                .into_iter()
                .filter(|(_, e)| e.headword == listed)
                .collect();
            if conjugation_row(dicts, &own, &[word]) {
                continue;
            }
            let text = listed;
            let ranked = rank::rank(&own, &text, None);
            if ranked.iter().all(|r| rank::is_sentence(&r.sense)) {
                continue;
            }
            if let Some(f) = found_from(
                ranked,
                &text,
                Method::Phrase {
                    word: word.to_string(),
                },
                None,
            ) {
                return Some(f);
            }
        }
    }
    None
}

/// Whether a pronoun is the impersonal subject (*es*): personal, neuter, singular and in
/// the nominative.
fn impersonal(lex: &crate::german::lexicon::Lexicon, word: &str) -> bool {
    use crate::german::tags::{Case, Number};
    lex.readings(word).iter().any(|r| {
        r.tag.personal
            && r.tag.case == Some(Case::Nominative)
            && r.tag.number == Some(Number::Singular)
            && r.tag.gender == Some(crate::german::Gender::Neuter)
    })
}

/// The lemma's senses a comparative's own sense is compared with.
const MAIN_SENSES: usize = 1;

/// The forms a comparative or superlative adjective may be listed under: as written,
/// then its predicative comparative (*größer*) or its superlative after *der* (*größte*).
/// None for an adjective in the positive.
fn degree_forms(a: &Analysis, word: &str) -> Vec<String> {
    use crate::german::tags::Degree;
    let cited = match a.tag.as_ref().and_then(|t| t.degree) {
        Some(Degree::Comparative) => "ADJ:PRD:KOM",
        Some(Degree::Superlative) => "ADJ:NOM:SIN:MAS:SUP:DEF",
        _ => return Vec::new(),
    };
    let mut forms = vec![word.to_lowercase()];
    if let Ok(lex) = crate::german::lexicon() {
        for (form, _) in lex.forms(&a.lemma, cited) {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// A verb phrase found around `word`, as a result: a verb's entry.
fn verb_phrase_found(p: verb_phrases::VerbPhrase, word: &str) -> Option<Found> {
    let f = found_from(
        p.ranked,
        &p.headword,
        Method::Phrase {
            word: word.to_string(),
        },
        None,
    )?;
    Some(Found {
        pos: Some(Pos::Verb.name().to_string()),
        ..f
    })
}

/// Look up a word on its own (no sentence around it).
pub fn lookup(
    word: &str,
    glossary: Option<&Glossary>,
    dicts: &Dictionaries,
) -> (Vec<Found>, Vec<DictError>) {
    lookup_in(word, None, glossary, dicts)
}

/// Look up `word`, analysed in `context` (the sentence and the word's byte offset in it)
/// where there is one: results best first, and the problems met (unreadable entries).
/// A content word's main sense, as the dictionaries' examples use it, comes first.
pub fn lookup_in(
    word: &str,
    context: Option<(&str, usize)>,
    glossary: Option<&Glossary>,
    dicts: &Dictionaries,
) -> (Vec<Found>, Vec<DictError>) {
    let (mut results, problems, told) = lookup_ranked(word, context, glossary, dicts);
    let Some(examples) = dicts.usage_for_lookup() else {
        return (results, problems);
    };
    for found in &mut results {
        // A sense the sentence itself told stays first.
        if found.senses.first().is_some_and(|s| told.contains(s)) {
            continue;
        }
        if let Some((class, lemma)) = weighed_by_usage(found, word) {
            usage::main_sense_first(
                examples,
                &lemma,
                class,
                &mut found.senses,
                usage::telling_words,
            );
        }
    }
    (results, problems)
}

/// The class and lemma whose examples weigh a result's senses: a dictionary's result for
/// a content word in its plain degree, or a verb's frame by the verb's own examples (a
/// headword of the verb, prepositions and placeholders: "von etw. abhängen" by
/// *abhängen*'s; an idiom with a noun, "etw. auf den Markt bringen", is not weighed by
/// *bringen*'s). A function word's examples use it in all its senses (*sich* is "each
/// other" in 209 of them; an adverb that may be a preposition, *zu*), and so do an
/// auxiliary's or a modal verb's; a comparative's
/// senses were chosen for its degree (*länger* "longer", not "long").
fn weighed_by_usage(found: &Found, word: &str) -> Option<(Class, String)> {
    let class = match found.pos.as_deref() {
        Some("verb") => Class::Verb,
        Some("noun") => Class::Noun,
        Some("adjective" | "participle" | "adverb") => Class::Adjective,
        _ => return None,
    };
    let lex = crate::german::lexicon().ok()?;
    // A sentence's first word is read in lower case too (*Wäre* is *sein*'s).
    let mut readings = lex.readings(word);
    readings.extend(lex.readings(&word.to_lowercase()));
    let graded = readings
        .iter()
        .any(|r| r.tag.degree.is_some_and(|d| d != Degree::Positive));
    let helper = readings.iter().any(|r| r.tag.auxiliary || r.tag.modal);
    // An adverb that is also a function word (*zu*, *da*) is used in all its senses.
    let function_word =
        found.pos.as_deref() == Some("adverb") && readings.iter().any(|r| r.tag.pos.is_closed());
    if found.method == Method::Glossary || graded || helper || function_word {
        return None;
    }
    let words: Vec<&str> = found.headword.split_whitespace().collect();
    match words.split_last() {
        Some((only, [])) => Some((class, (*only).to_string())),
        Some((verb, rest))
            if class == Class::Verb
                && lex.is_verb(verb)
                && rest
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_lowercase)) =>
        {
            Some((class, (*verb).to_string()))
        }
        _ => None,
    }
}

/// [`lookup_in`] before the examples weigh the senses.
fn lookup_ranked(
    word: &str,
    context: Option<(&str, usize)>,
    glossary: Option<&Glossary>,
    dicts: &Dictionaries,
) -> (Vec<Found>, Vec<DictError>, Vec<String>) {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let mut results: Vec<Found> = Vec::new();
    let mut problems = Vec::new();
    // The senses the sentence itself told (`Ranked::told`), which the examples do not move.
    let mut told: Vec<String> = Vec::new();
    if word.is_empty() {
        return (results, problems, told);
    }
    let (sentence, at) = context.unwrap_or((word, 0));
    let analysis = analyse_at(sentence, at)
        .filter(|a| a.word == word)
        .or_else(|| analyse_at(word, 0));
    if let Some(g) = glossary {
        let term = g
            .lookup(word)
            .or_else(|| analysis.as_ref().and_then(|a| g.lookup(&a.lemma)));
        if let Some(t) = term {
            let term = &g.terms[t];
            let mut senses = vec![term.english.join(", ")];
            if !term.explanation_de.is_empty() {
                senses.push(term.explanation_de.clone());
            }
            results.push(Found {
                source: if term.source == Source::User {
                    "your glossary".into()
                } else {
                    "glossary".into()
                },
                method: Method::Glossary,
                headword: term.lemma.clone(),
                gender: term.gender,
                gender_inferred: false,
                open_genders: Vec::new(),
                plural: term.plural.clone(),
                pronunciation: None,
                pos: Some(term.pos.name().to_string()),
                senses,
            });
        }
    }
    if dicts.is_empty() {
        return (results, problems, told);
    }
    let Some(a) = analysis else {
        if context.is_some()
            && let Some(f) = phrase(dicts, sentence, at, None, &mut problems)
        {
            results.push(f);
        }
        return (results, problems, told);
    };
    // A split separable verb is looked up whole, not as a phrase of its particle; a word
    // the user gave its lemma by hand is looked up as that lemma first.
    let own_lemma_first = matches!(a.basis, Basis::Separable { .. } | Basis::Corrected);
    if context.is_some() && !own_lemma_first {
        let found = phrase(dicts, sentence, at, Some(a.pos), &mut problems).or_else(|| {
            (a.pos == Pos::Verb)
                .then(|| split_phrase(dicts, sentence, at, &a.lemma, &mut problems))
                .flatten()
        });
        results.extend(found);
    }
    // A preposition in the frame of its clause's verb: the verb with it ("über etw.
    // nachdenken" for *über* of *über … nachdenken*), before the preposition alone.
    if context.is_some() && a.basis != Basis::Corrected {
        let lower = word.to_lowercase();
        let preposition = match a.pos {
            Pos::Preposition => crate::german::lexicon()
                .ok()
                .and_then(|lex| crate::german::government::contracted_preposition(lex, word))
                .or(Some(lower)),
            _ => crate::german::government::pronominal_preposition(&lower).map(str::to_string),
        };
        if let Some(p) = preposition
            && results.is_empty()
            && let Some(v) = verb_phrases::preposition_frame(
                dicts,
                sentence,
                a.start,
                &p,
                a.pos != Pos::Preposition,
                &mut problems,
            )
            && let Some(f) = verb_phrase_found(v, &a.word)
        {
            results.push(f);
        }
    }
    // The verb with the words of its clause: an idiom, then its preposition or
    // reflexive pronoun.
    if context.is_some() && a.basis != Basis::Corrected {
        for p in verb_phrases::verb_phrases(dicts, &a, sentence, &mut problems) {
            if results.iter().any(|f| f.headword == p.headword) {
                continue;
            }
            results.extend(verb_phrase_found(p, &a.word));
        }
    }
    // um … zu, ohne … zu: the dictionary lists the pair.
    if a.tag.as_ref().is_some_and(|t| t.infinitive_conjunction) {
        let pair = format!("{} zu", a.word.to_lowercase());
        let own: Vec<(String, Entry)> = entries(dicts, &pair, &mut problems)
            .into_iter()
            .filter(|(_, e)| {
                // Written with its gap or without ("um … zu").
                let words: Vec<&str> = e
                    .headword
                    .split_whitespace()
                    .filter(|w| *w != "…")
                    .collect();
                words.join(" ").to_lowercase() == pair
            })
            .collect();
        if let Some(f) = found_from(
            rank::rank(&own, &pair, None),
            &pair,
            Method::Phrase {
                word: a.word.clone(),
            },
            None,
        ) {
            results.push(f);
        }
    }
    let via = match &a.basis {
        Basis::Lexicon => "the lexicon".to_string(),
        Basis::Separable { verb, particle } => format!("separable verb: {verb} … {particle}"),
        Basis::Participle => "participle of the verb".to_string(),
        Basis::Compound { parts } => format!("compound: {}", parts.join(" + ")),
        Basis::Genitive => "genitive of the name".to_string(),
        Basis::Unknown => "as written".to_string(),
        Basis::Corrected => "your correction".to_string(),
    };
    let method = if a.lemma == word {
        Method::Exact
    } else {
        Method::Lemma {
            from: word.to_string(),
            via,
        }
    };
    // The sentence's words, for senses whose examples share them.
    let sentence_words: Vec<String> = if context.is_some() {
        let mut words: Vec<String> = crate::german::sentence::tokens(sentence)
            .iter()
            .filter(|t| t.is_word && t.start != a.start)
            .map(|t| t.text.to_lowercase())
            .collect();
        // And their lemmas: examples cite a verb as its infinitive (*spielt* of "eine
        // wichtige Rolle spielt" is the "spielen" of "eine Rolle spielen").
        for (start, _, lemma) in crate::german::analysis::listed_lemmas(sentence) {
            let lemma = lemma.to_lowercase();
            if start != a.start && !words.contains(&lemma) {
                words.push(lemma);
            }
        }
        // And the prepositions in pronominal adverbs (*davon*: "von"), for senses noted
        // with one.
        let inside: Vec<String> = words
            .iter()
            .filter_map(|w| {
                crate::german::government::pronominal_preposition(w).map(str::to_string)
            })
            .collect();
        for p in inside {
            if !words.contains(&p) {
                words.push(p);
            }
        }
        words
    } else {
        Vec::new()
    };
    // A gender the analysis is sure of picks the noun's senses: the user's own, or the
    // only one the lexicon knows for the lemma.
    let sure_gender = a.gender;
    // A comparative shortly before it in its clause, for a sense used after one
    // (*billiger als*, *kostengünstiger sind als*).
    let after_comparative = context.is_some() && {
        let toks = crate::german::sentence::tokens(sentence);
        let before: Vec<_> = toks.iter().filter(|t| t.end() <= a.start).collect();
        before
            .iter()
            .rev()
            .take_while(|t| !t.ends_clause())
            .filter(|t| t.is_word)
            .take(COMPARATIVE_REACH)
            .any(|t| rank::is_comparative(&t.text.to_lowercase()))
    };
    // An auxiliary or modal verb with an infinitive or participle in its clause is used
    // as one (*wird … kommen* "will"); without, as a full verb (*wird Lehrer*).
    // A full verb is never used as an auxiliary: an auxiliary's gloss ("will be" for
    // *geben*, from *es wird … geben*) is not its meaning.
    let auxiliary_use = match a.tag.as_ref().filter(|_| a.pos == Pos::Verb) {
        Some(t) if t.auxiliary || t.modal => context
            .is_some()
            .then(|| crate::german::analysis::governs_verb_form(sentence, a.start)),
        Some(_) => Some(false),
        None => None,
    };
    // The passive's auxiliary with a past participle in its clause: finite, with no
    // infinitive it would form the future with (*wurde gebaut*, not *wird … kommen*); as
    // an infinitive or participle itself, with the verb's participle (*soll gebaut
    // werden*, *gebaut worden*; not *Lehrer geworden*).
    let non_finite = a.tag.as_ref().is_some_and(|t| {
        matches!(
            t.verb_form,
            Some(
                crate::german::tags::VerbForm::PastParticiple
                    | crate::german::tags::VerbForm::Infinitive
            )
        )
    });
    // So too the perfect's auxiliaries (*hat … geschrieben*, *ist … gekommen*).
    // The perfect's auxiliaries form no tense with a bare infinitive: a form that may be
    // one is the participle there (*hat mir geraten*).
    let perfect = crate::german::analysis::PERFECT_AUXILIARIES
        .iter()
        .position(|aux| *aux == a.lemma);
    let participle_gloss = perfect
        .and_then(|k| PERFECT_GLOSSES.get(k).copied())
        .or((a.lemma == PASSIVE_AUXILIARY).then_some(PASSIVE_GLOSS))
        .filter(|_| context.is_some() && a.pos == Pos::Verb)
        .filter(|_| {
            let g = crate::german::analysis::governed_forms(sentence, a.start);
            g.participle && (non_finite || perfect.is_some() || !g.infinitive)
        });
    let here = rank::InSentence {
        gender: sure_gender,
        words: &sentence_words,
        after_comparative,
        auxiliary_use,
        owner_plural: (context.is_some() && a.tag.as_ref().is_some_and(|t| t.possessive))
            .then(|| crate::german::analysis::owner_plural(sentence, a.start))
            .flatten(),
        object: a
            .tag
            .as_ref()
            .filter(|t| (t.personal || t.reflexive) && t.case.is_some())
            .and_then(|t| {
                let lex = crate::german::lexicon().ok()?;
                let person = crate::german::analysis::pronoun_person(lex, &a.word, t)?;
                Some((person, t.number?))
            })
            .map(|(person, number)| rank::ObjectPronoun {
                person,
                plural: number == crate::german::tags::Number::Plural,
                subject: a.tag.as_ref().and_then(|t| t.case)
                    == Some(crate::german::tags::Case::Nominative),
                // The third person's reflexive is *sich*, a word of its own.
                reflexive: person < 3
                    && a.tag.as_ref().and_then(|t| t.case)
                        != Some(crate::german::tags::Case::Nominative)
                    && context.is_some()
                    && crate::german::analysis::subject_of_person(
                        sentence, a.start, person, number,
                    ),
            })
            // A subject's number is told by its verb for the third person (*sie
            // telefonieren* "they"); the second person's *ihr* shares its form with the
            // third's dative and the possessive, which the verb does not tell apart.
            .filter(|o| !o.subject || o.person == 3),
        before_noun: a
            .tag
            .as_ref()
            .filter(|t| {
                context.is_some() && a.pos == Pos::Pronoun && (t.determiner || t.standalone)
            })
            .map(|t| t.determiner),
        governed_case: (a.pos == Pos::Preposition)
            .then(|| {
                crate::german::lexicon().ok().and_then(|lex| {
                    crate::german::government::governed_case(lex, sentence, a.start)
                })
            })
            .flatten(),
        person_object: context.is_some()
            && a.pos == Pos::Verb
            && crate::german::analysis::person_object(sentence, a.start),
        before_name: context.is_some()
            && a.pos == Pos::Noun
            && crate::german::analysis::name_follows(sentence, a.end),
        singular: context.is_some()
            && a.pos == Pos::Noun
            && a.tag.as_ref().and_then(|t| t.number) == Some(crate::german::tags::Number::Singular),
        adverbial: context.is_some()
            && matches!(a.pos, Pos::Adjective | Pos::Participle)
            && a.tag.as_ref().is_some_and(|t| t.predicative)
            && crate::german::analysis::adverbial_use(sentence, a.start),
    };
    // A personal pronoun in another case than the nominative means its own form (*ihm*
    // "him", not *er* "he"): the form's own entry, where a dictionary has one, first.
    let oblique = a.tag.as_ref().is_some_and(|t| {
        t.personal
            && t.case
                .is_some_and(|c| c != crate::german::tags::Case::Nominative)
    });
    // Not an entry of another class the form also is (*einigen* "unify", the verb, is no
    // sense of the pronoun *einige*).
    let own_senses = |form: &str, problems: &mut Vec<DictError>| -> Vec<String> {
        ranked_in(dicts, form, Some(a.pos), here, problems)
            .into_iter()
            .filter(|r| r.headword.to_lowercase() == form.to_lowercase())
            .filter(|r| r.pos.is_none_or(|p| p == a.pos || a.pos != Pos::Pronoun))
            .map(|r| r.sense)
            .collect()
    };
    // So too a pronoun's plural, where dictionaries list it (*viele* "many", *diese*
    // "these"; the lemma *viel* is "much").
    let plural_pronoun = a.pos == Pos::Pronoun
        && a.tag
            .as_ref()
            .is_some_and(|t| !t.personal && t.number == Some(crate::german::tags::Number::Plural));
    let mut form_senses: Vec<String> =
        if (oblique || plural_pronoun) && a.lemma.to_lowercase() != word.to_lowercase() {
            // A plural's entries marked plural first (*diese* <pl> "these").
            let mut senses: Vec<String> = Vec::new();
            if plural_pronoun {
                let plural: Vec<(String, Entry)> =
                    entries_up_to(dicts, word, MAX_SIDE_ENTRIES, &mut problems)
                        .into_iter()
                        .filter(|(_, e)| {
                            e.is_plural() && e.headword.to_lowercase() == word.to_lowercase()
                        })
                        .collect();
                senses.extend(rank::rank(&plural, word, None).into_iter().map(|r| r.sense));
            }
            for s in own_senses(word, &mut problems) {
                if !senses.contains(&s) {
                    senses.push(s);
                }
            }
            // A plural form no dictionary lists means what its nominative does (*vielen
            // Leuten*: *viele* "many").
            if senses.is_empty() && plural_pronoun {
                for form in pronoun_nominatives(&a.lemma, a.tag.as_ref(), true) {
                    if form.to_lowercase() != word.to_lowercase() {
                        senses.extend(own_senses(&form, &mut problems));
                    }
                    if !senses.is_empty() {
                        break;
                    }
                }
            }
            senses
        } else {
            Vec::new()
        };
    // A noun in the plural means what the dictionaries give for its plural, where they
    // list it as an entry of its own (*Kräuter* <pl> "herbs"; *Kraut* is "cabbage").
    let plural_noun = a.pos == Pos::Noun
        && a.lemma.to_lowercase() != word.to_lowercase()
        && a.tag
            .as_ref()
            .is_some_and(|t| t.number == Some(crate::german::tags::Number::Plural));
    if form_senses.is_empty() && plural_noun && context.is_some() {
        let plural: Vec<(String, Entry)> =
            entries_up_to(dicts, word, MAX_SIDE_ENTRIES, &mut problems)
                .into_iter()
                .filter(|(_, e)| e.is_plural() && e.headword == word)
                .collect();
        form_senses.extend(
            rank::rank_in(&plural, word, Some(Pos::Noun), here)
                .into_iter()
                .map(|r| r.sense),
        );
    }
    // A comparative or superlative means what dictionaries give for it, where they list
    // it (*weitere* "further, additional", *größer* "bigger"): as written, or in the
    // form they cite it by (*größer*, *größte*).
    let mut degree_senses: Vec<Vec<String>> = Vec::new();
    if form_senses.is_empty() && a.pos == Pos::Adjective {
        for form in degree_forms(&a, word) {
            let senses = own_senses(&form, &mut problems);
            if !senses.is_empty() {
                degree_senses.push(senses);
            }
        }
    }
    // A contraction (*im*, *zum*) is looked up as its preposition, for the case it
    // governs: dictionaries list it only in examples ("im Haus" "in the house").
    let contracted = (a.pos == Pos::Preposition)
        .then(|| {
            crate::german::lexicon()
                .ok()
                .and_then(|lex| crate::german::government::contracted_preposition(lex, word))
        })
        .flatten();
    let mut method = method;
    let mut ranked = match &contracted {
        Some(p) => {
            let r = ranked_in(dicts, p, rank_pos(&a), here, &mut problems);
            if !r.is_empty() {
                method = Method::Cited {
                    under: p.clone(),
                    how: "a preposition and an article in one word".to_string(),
                };
            }
            r
        }
        None => Vec::new(),
    };
    if ranked.is_empty() {
        ranked = ranked_in(dicts, &a.lemma, rank_pos(&a), here, &mut problems);
    }
    // An adjective the dictionaries list only by its forms after an article
    // ("sogenannte/r/s", keyed `sogenannters`), under its lemma.
    if ranked.is_empty() && matches!(a.pos, Pos::Adjective | Pos::Participle) {
        let forms = if a.lemma.ends_with('e') {
            format!("{}/r/s", a.lemma)
        } else {
            format!("{}e/r/s", a.lemma)
        };
        ranked = ranked_in(dicts, &forms, rank_pos(&a), here, &mut problems);
        for r in &mut ranked {
            if r.headword == forms {
                r.headword.clone_from(&a.lemma);
            }
        }
    }
    if ranked.is_empty()
        && a.pos == Pos::Noun
        && let Some((cited, how)) = ranked_cited(dicts, &a.lemma, here, &mut problems)
    {
        ranked = cited;
        method = how;
    }
    // A pronoun the dictionaries list by its other nominatives (*kein* under *keiner*,
    // *keine*): their senses ranked together, under the lemma.
    if ranked.is_empty() && a.pos == Pos::Pronoun {
        for form in pronoun_nominatives(&a.lemma, a.tag.as_ref(), false) {
            ranked.extend(ranked_in(dicts, &form, rank_pos(&a), here, &mut problems));
        }
        ranked.sort_by(|x, y| y.score.total_cmp(&x.score));
        for r in &mut ranked {
            r.headword.clone_from(&a.lemma);
            r.pronunciation = None;
        }
    }
    // In a sentence, a lower-case word of unknown class is no noun: not the capitalised
    // entry of one (*paar* is not *Paar* "pair"). Typed alone, it may be one.
    // Nor is a lower-case word read as another class (the verb *backen* is not *Backen*
    // "cheeks", which is all the dictionaries list under its letters).
    let lower_case_non_noun = !word.starts_with(char::is_uppercase)
        && !matches!(a.pos, Pos::Noun | Pos::Name | Pos::Unknown);
    if (a.pos == Pos::Unknown || lower_case_non_noun) && context.is_some() {
        ranked.retain(|r| !r.headword.starts_with(char::is_uppercase));
    }
    let main_found = !ranked.is_empty();
    told.extend(ranked.iter().filter(|r| r.told).map(|r| r.sense.clone()));
    if let Some(mut f) = found_from(ranked, &a.lemma, method, Some(&a)) {
        // A comparative's or superlative's own sense that is the English comparative or
        // superlative of one of the lemma's main senses ("cheaper" of "cheap"): the
        // form's other entries are other words (*besten* "bests", *älteren* "earlier").
        let superlative = a
            .tag
            .as_ref()
            .is_some_and(|t| t.degree == Some(crate::german::tags::Degree::Superlative));
        let main = &f.senses[..f.senses.len().min(MAIN_SENSES)];
        if let Some(own) = degree_senses.iter().find_map(|senses| {
            senses
                .iter()
                .find(|s| rank::degree_of(s, main, superlative))
                .cloned()
        }) {
            form_senses.push(own);
        }
        // The auxiliary of the passive means "be" there, the perfect's "have"; the
        // dictionaries give their other uses only ("will", "become", "have sth.").
        if let Some(gloss) = participle_gloss {
            form_senses.insert(0, gloss.to_string());
        }
        // The lemma stays the result's headword; the form's own senses come first. But
        // an object pronoun's own sense of the other use goes last: *uns* is listed as
        // "ourselves", which *das erschien uns* is not.
        // So too a sense of another person's form (*euch* is listed under *ihr*, whose
        // dative is "her"); the English pronoun of its person and use comes first (*dich*
        // "you", not the form's own "thee").
        let mut senses = form_senses;
        senses.append(&mut f.senses);
        if let Some(o) = here.object {
            senses.sort_by_key(|s| {
                if rank::object_gloss(s, o) {
                    0
                } else if rank::object_misfit(s, o) {
                    2
                } else {
                    1
                }
            });
        }
        // A possessive's English possessive of its owner's number first, the form's own
        // senses too (*ihre* of *Die Eltern lieben ihre Kinder*: "their", not "her").
        if let Some(plural) = here.owner_plural {
            senses.sort_by_key(|s| !rank::possessive_gloss(s, plural));
        }
        senses.dedup();
        f.senses = senses;
        results.push(f);
    }
    // A compound no dictionary lists: its parts. So too a split particle verb no
    // dictionary lists (*brachte … vorbei*: *vorbei* + *bringen*).
    let split_parts = match &a.basis {
        Basis::Compound { parts } => Some(parts.clone()),
        Basis::Separable { particle, .. } => {
            let particle = particle.to_lowercase();
            a.lemma
                .strip_prefix(&particle)
                .map(|verb| vec![particle.clone(), verb.to_string()])
        }
        // A compound the lexicon lists but no dictionary (*Grafikdesignerin*): its parts,
        // as for one the lexicon does not list.
        _ if a.pos == Pos::Noun && !main_found => listed_compound_parts(&a.lemma),
        _ => None,
    };
    if !main_found && let Some(parts) = &split_parts {
        let mut part_results: Vec<Found> = Vec::new();
        // Each part's gloss in the compound, where it has one.
        let mut part_glosses: Vec<Option<String>> = Vec::new();
        for (k, p) in parts.iter().enumerate() {
            let last = k + 1 == parts.len();
            let pos = if last { Some(a.pos) } else { None };
            // A verb's senses with its object frames, as for the verb alone.
            let mut r = if last && a.pos == Pos::Verb {
                ranked_for(dicts, p, pos, &mut problems)
            } else {
                ranked_side(dicts, p, pos, &mut problems)
            };
            if r.is_empty() && !last {
                r = ranked_prefix(dicts, p, &mut problems);
            }
            let mut method = Method::Part {
                of: word.to_string(),
            };
            if r.is_empty()
                && last
                && a.pos == Pos::Noun
                && let Some((cited, how)) =
                    ranked_cited(dicts, p, rank::InSentence::default(), &mut problems)
            {
                r = cited;
                method = how;
            }
            let info = crate::german::lexicon().ok().map(|lex| {
                let gs = lex.genders(p);
                let g = gs.first().copied();
                (g, lex.plurals(p, g).into_iter().next())
            });
            let found = found_from(r, p, method, None);
            if found.is_none() {
                part_glosses.push(english_loan(p, last));
            }
            if let Some(mut f) = found {
                // A part's main sense, as the examples use it (*Spiel*: "game", not
                // "play"), is what it means in the compound.
                if let Some(class) = crate::german::lexicon().ok().and_then(|lex| {
                    lex.readings(p)
                        .into_iter()
                        .find_map(|r| Class::of(r.tag.pos))
                }) && let Some(examples) = dicts.usage_for_lookup()
                {
                    usage::main_sense_first(
                        examples,
                        p,
                        class,
                        &mut f.senses,
                        usage::telling_words,
                    );
                }
                if let Some((g, pl)) = info {
                    f.gender = g;
                    f.plural = pl;
                }
                part_glosses.push(
                    f.senses
                        .first()
                        .map(|s| compound_gloss(&f.headword, s))
                        .filter(|g| !g.is_empty()),
                );
                part_results.push(f);
            }
        }
        if !part_results.is_empty() {
            // Each part's meaning, the head first: it says what the compound is (a
            // *strategy*). Where every part of a noun is found, their meanings as
            // English puts a compound together go before (*Technologieunternehmen*: "≈ technology
            // company").
            let mut senses: Vec<String> = Vec::new();
            // Only nouns: a particle verb's or an adjective's meaning is no sum of
            // its parts (*vorbei* + *bringen*).
            // A part no dictionary lists that is an English word (*Chat*, *Trekking*)
            // stands for itself.
            if a.pos == Pos::Noun
                && let Some(glosses) = part_glosses.iter().cloned().collect::<Option<Vec<_>>>()
                && glosses.len() == parts.len()
            {
                // "≈": put together here, not a dictionary's word.
                senses.push(format!("≈ {}", glosses.join(" ")));
            }
            senses.extend(part_results.iter().rev().map(|f| {
                format!(
                    "{}: {}",
                    f.headword,
                    f.senses.first().cloned().unwrap_or_default()
                )
            }));
            results.push(Found {
                source: part_results
                    .last()
                    .map(|f| f.source.clone())
                    .unwrap_or_default(),
                method: Method::Compound {
                    parts: parts.clone(),
                },
                headword: a.lemma.clone(),
                gender: a.gender,
                gender_inferred: a.gender.is_some(),
                open_genders: Vec::new(),
                plural: a.plural.clone(),
                pronunciation: None,
                // A particle verb's parts make a verb (*vorbei* + *bringen*).
                pos: Some(a.pos)
                    .filter(|p| *p != Pos::Unknown)
                    .map(|p| p.name().to_string()),
                senses,
            });
            results.extend(part_results);
        }
    }
    // The word as written, when it is a headword of its own (a name's genitive, a form
    // the dictionary lists), and other readings of it: after the best one.
    if !main_found && a.lemma != word {
        let r = ranked_for(dicts, word, None, &mut problems);
        if let Some(f) = found_from(r, word, Method::Exact, None) {
            results.push(f);
        }
    }
    // A name no dictionary lists is still a name, not an unknown word.
    if results.is_empty() && a.pos == Pos::Name {
        results.push(Found {
            source: "lexicon".into(),
            method: if a.lemma == word {
                Method::Exact
            } else {
                Method::Lemma {
                    from: word.to_string(),
                    via: "genitive of the name".into(),
                }
            },
            headword: a.lemma.clone(),
            gender: a.gender,
            gender_inferred: false,
            open_genders: Vec::new(),
            plural: None,
            pronunciation: None,
            pos: Some(Pos::Name.name().to_string()),
            senses: vec![format!("{} (a name)", a.lemma)],
        });
    }
    // A number written out that no dictionary lists: its value, as English says it.
    if results.is_empty()
        && a.pos == Pos::Number
        && let Some(n) = crate::german::numbers::cardinal(word)
    {
        results.push(Found {
            source: "number words".into(),
            method: Method::Exact,
            headword: a.lemma.clone(),
            gender: None,
            gender_inferred: false,
            open_genders: Vec::new(),
            plural: None,
            pronunciation: None,
            pos: Some(Pos::Number.name().to_string()),
            senses: vec![format!("{} ({n})", crate::german::numbers::english(n))],
        });
    }
    // Other readings: the first two, each with fewer entries read.
    for (lemma, pos) in a.alternatives.iter().take(2) {
        if *lemma == a.lemma || results.iter().any(|f| f.headword == *lemma) {
            continue;
        }
        let r = ranked_side(dicts, lemma, Some(*pos), &mut problems);
        if let Some(mut f) = found_from(
            r,
            lemma,
            Method::Alternative {
                from: word.to_string(),
            },
            None,
        ) {
            f.pos = Some(pos.name().to_string());
            if *pos == Pos::Noun
                && let Ok(lex) = crate::german::lexicon()
            {
                f.gender = lex.genders(lemma).first().copied();
                f.plural = lex.plurals(lemma, f.gender).into_iter().next();
            }
            results.push(f);
        }
    }
    (results, problems, told)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(headword: &str, pos: &str, method: Method) -> Found {
        Found {
            source: "test".into(),
            method,
            headword: headword.into(),
            gender: None,
            gender_inferred: false,
            open_genders: Vec::new(),
            plural: None,
            pronunciation: None,
            pos: Some(pos.into()),
            senses: vec!["a sense".into()],
        }
    }

    #[test]
    fn content_words_and_verb_frames_are_weighed_by_their_examples() {
        let phrase = || Method::Phrase {
            word: "hängt".into(),
        };
        let weighed = |f: &Found, word: &str| weighed_by_usage(f, word);
        assert_eq!(
            weighed(&result("Amt", "noun", Method::Exact), "Ämtern"),
            Some((Class::Noun, "Amt".to_string()))
        );
        // A frame by its verb's examples; an idiom with a noun is not its verb's.
        assert_eq!(
            weighed(&result("von etw. abhängen", "verb", phrase()), "hängt"),
            Some((Class::Verb, "abhängen".to_string()))
        );
        assert_eq!(
            weighed(
                &result("etw. auf den Markt bringen", "verb", phrase()),
                "bringt"
            ),
            None
        );
        assert_eq!(
            weighed(&result("bisher", "adverb", Method::Exact), "bisher"),
            Some((Class::Adjective, "bisher".to_string()))
        );
        // Function words, helpers, comparatives and the glossary's terms are not.
        assert_eq!(weighed(&result("zu", "adverb", Method::Exact), "zu"), None);
        assert_eq!(
            weighed(&result("sich", "pronoun", Method::Exact), "sich"),
            None
        );
        assert_eq!(
            weighed(&result("werden", "verb", Method::Exact), "wurde"),
            None
        );
        assert_eq!(
            weighed(&result("lang", "adjective", Method::Exact), "länger"),
            None
        );
        assert_eq!(
            weighed(&result("Amt", "noun", Method::Glossary), "Amt"),
            None
        );
    }

    #[test]
    fn without_dictionaries_only_the_glossary_answers() {
        let (r, p) = lookup("Modelle", None, &Dictionaries::default());
        assert!(r.is_empty() && p.is_empty());
    }

    #[test]
    fn an_english_first_part_no_dictionary_lists_stands_for_itself() {
        assert_eq!(english_loan("Chat", false).as_deref(), Some("chat"));
        // Not the head, and not a German word.
        assert_eq!(english_loan("Chat", true), None);
        assert_eq!(english_loan("Kleinanzeigen", false), None);
    }

    #[test]
    fn a_parts_gloss_in_a_compound_is_its_bare_everyday_alternative() {
        assert_eq!(compound_gloss("einloggen", "to log in (to sth.)"), "log in");
        assert_eq!(compound_gloss("Technologie", "technology"), "technology");
        assert_eq!(compound_gloss("Schlaf", "sleep [med.]"), "sleep");
        let g = compound_gloss("Unternehmen", "business venture, company, enterprise");
        assert_eq!(
            g,
            rank::most_common_alternative("business venture, company, enterprise")
        );
        // The part's cognate, where one alternative is, whatever its frequency.
        let sense = "measuring element, sensing element, sensor, transducer";
        assert_ne!(rank::most_common_alternative(sense), "sensor");
        assert_eq!(compound_gloss("Sensor", sense), "sensor");
    }

    #[test]
    fn a_noun_whose_sentence_leaves_its_gender_open_shows_the_genders_it_may_have() {
        let ranked = || {
            vec![Ranked {
                source: "d".into(),
                headword: "Junge".into(),
                sense: "boy".into(),
                score: 1.0,
                pronunciation: None,
                pos: Some(Pos::Noun),
                told: false,
            }]
        };
        let a = crate::german::analysis::analyse_word("Die Jungen spielen im Park.", "Jungen");
        let a = a.expect("analysed");
        assert_eq!(a.gender, None);
        let f = found_from(ranked(), "Junge", Method::Exact, Some(&a)).expect("found");
        assert!(
            f.open_genders.len() == 2
                && f.open_genders.contains(&Gender::Masculine)
                && f.open_genders.contains(&Gender::Neuter),
            "{:?}",
            f.open_genders
        );
        let json = serde_json::to_string(&f).unwrap_or_default();
        assert!(json.contains("\"open_genders\":[\""), "{json}");
        // The article decides: one gender, none open.
        let b = crate::german::analysis::analyse_word("Der Junge spielt im Park.", "Junge");
        let f = found_from(ranked(), "Junge", Method::Exact, b.as_ref()).expect("found");
        assert_eq!(f.gender, Some(Gender::Masculine));
        assert!(f.open_genders.is_empty());
        assert!(
            !serde_json::to_string(&f)
                .unwrap_or_default()
                .contains("open_genders")
        );
    }
}
