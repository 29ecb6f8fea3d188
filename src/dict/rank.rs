//! Ranking a headword's senses across dictionaries: the sense whose part of speech fits
//! the word's analysis, the exact headword, plain senses before ones marked as slang,
//! pejorative, historical or of a special field, and common English glosses before rare
//! ones. Senses are cleaned of what the dictionary format leaves in them.

use super::entry::{Entry, clean};
use super::rank_weights::{Term, weights};
use crate::german::frequency::english_zipf;
use crate::german::tags::Case;
use crate::german::{Gender, Pos};

/// A sense with the dictionary it came from and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub source: String,
    pub headword: String,
    pub sense: String,
    pub score: f32,
    pub pronunciation: Option<String>,
    /// The word class the entry's grammar tags name.
    pub pos: Option<Pos>,
    /// The sentence itself tells this sense: a noun its note names stands there, or it
    /// is a term of address before a name. The examples' usage does not move it.
    pub told: bool,
}

/// Labels that make a sense a poor first meaning for a learner, and their cost.
fn label_cost(label: &str) -> f32 {
    let l = label.trim().trim_end_matches('.').to_lowercase();
    match l.as_str() {
        "pej" | "vulg" | "slang" | "derog" | "offensive" | "sl" => 6.0,
        "hist" | "obs" | "veraltet" | "archaic" | "poet" | "dated" | "rare" | "selten"
        | "altertümlich" | "obsolete" | "old" => 3.0,
        // The German word colloquial in this sense (ugs.): less likely in the written
        // texts lesepult is for than a field's plain word ("Verkehr" "traffic", not
        // "sexual intercourse"). An English gloss that is colloquial costs less.
        "ugs" => 1.5,
        "coll" | "fam" | "informal" => 0.7,
        "fig" | "übtr" => 0.8,
        "" => 0.0,
        // A region's word or spelling is right German or English, only less general.
        l if is_region(l) => 0.3,
        // A field's word (`econ.`, `comp.`, `bot.`): often the plain sense in a text of
        // that field.
        _ => 1.0,
    }
}

/// A label this marginal (slang, pejorative, obsolete) takes its alternative out of a
/// sense that has others.
const MARGINAL: f32 = 3.0;

/// A raw sense's alternatives at its top level (not inside brackets), each with the
/// separator before it.
fn top_level_alternatives(raw: &str) -> Vec<(Option<char>, &str)> {
    let mut out = Vec::new();
    let (mut depth, mut from, mut sep) = (0usize, 0usize, None);
    // The end of a list of abbreviations between slashes ("number /no.; No./"): one
    // alternative with its word, not two.
    let mut skip_to = 0usize;
    for (i, c) in raw.char_indices() {
        if i < skip_to {
            continue;
        }
        if c == '/'
            && let Some(len) = raw[i + 1..].find('/')
            && raw[i + 1..i + 1 + len].contains("; ")
            && raw[i + 1..i + 1 + len]
                .split("; ")
                .all(|a| !a.is_empty() && !a.contains(' '))
        {
            skip_to = i + 2 + len;
            continue;
        }
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                out.push((sep, &raw[from..i]));
                sep = Some(c);
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push((sep, &raw[from..]));
    out
}

/// Whether an alternative starts with a pronunciation between slashes (IPA stress or
/// length marks inside).
fn starts_with_pronunciation(alt: &str) -> bool {
    alt.trim_start()
        .strip_prefix('/')
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(inner, _)| inner.contains(['ˈ', 'ˌ', 'ː']))
}

/// A sense as shown and what its labels cost. A label before the first word is the whole
/// sense's ("[econ.] good"); a label after an alternative is that alternative's
/// ("because; cos; cuz [slang]"). An alternative with a marginal label of its own is left
/// out where others remain, and the sense costs what its least marked alternative does,
/// and at least what its leading labels do.
fn labelled_sense(raw: &str) -> (String, f32) {
    let cost_of = |labels: &[String]| labels.iter().map(|l| label_cost(l)).fold(0.0, f32::max);
    let lead_end = raw
        .char_indices()
        .scan(0usize, |depth, (i, c)| {
            match c {
                '[' => *depth += 1,
                ']' => *depth = depth.saturating_sub(1),
                _ => {}
            }
            Some((i, c, *depth))
        })
        .find(|&(_, c, depth)| depth == 0 && c.is_alphanumeric())
        .map_or(raw.len(), |(i, _, _)| i);
    let (_, leading) = clean(&raw[..lead_end]);
    let lead_cost = cost_of(&leading);
    let mut alternatives: Vec<(Option<char>, String, f32)> = Vec::new();
    for (sep, alt) in top_level_alternatives(&raw[lead_end..]) {
        // FreeDict gives an abbreviation as an alternative followed by its pronunciation
        // ("number <n>no.,  /nˈoː/ No.,  /nˈoː/"): the alternative after it starts with
        // that pronunciation. Neither abbreviation is a gloss.
        if starts_with_pronunciation(alt) {
            if let Some((_, before, _)) = alternatives.last_mut()
                && let Some((kept, last)) = before.rsplit_once(' ')
                && last.ends_with('.')
            {
                *before = kept.trim_end().to_string();
            }
            let (text, labels) = clean(alt);
            // What is left is the next abbreviation ("No."), or a gloss.
            let abbreviation = text.ends_with('.') && !text.contains(' ');
            if !abbreviation {
                alternatives.push((sep, text, cost_of(&labels)));
            }
            continue;
        }
        let (text, labels) = clean(alt);
        alternatives.push((sep, text, cost_of(&labels)));
    }
    alternatives.retain(|(_, text, _)| !text.is_empty());
    let plain = alternatives.iter().any(|(_, _, c)| *c < MARGINAL);
    let kept: Vec<&(Option<char>, String, f32)> = alternatives
        .iter()
        .filter(|(_, _, c)| !plain || *c < MARGINAL)
        .collect();
    let mut text = String::new();
    for (k, (sep, alt, _)) in kept.iter().enumerate() {
        if k > 0 {
            text.push(sep.unwrap_or(','));
            text.push(' ');
        }
        text.push_str(alt);
    }
    let least = kept
        .iter()
        .map(|(_, _, c)| *c)
        .fold(f32::INFINITY, f32::min);
    let least = if least.is_finite() { least } else { 0.0 };
    (text, lead_cost.max(least))
}

/// Labels of a region or country (German: `Norddt.`, `Schw.`, `Ostös.`; English: `Am.`,
/// `Br.`).
fn is_region(label: &str) -> bool {
    const REGIONS: &[&str] = &[
        "am", "br", "brit", "us", "uk", "sc", "can", "ir", "aus", "nz", "dt", "schw", "austr",
        "österr", "ös", "bayr", "sächs", "schwäb", "rheinl", "lie", "lux", "südd", "nordd",
    ];
    REGIONS.contains(&label) || label.ends_with("dt") || label.ends_with("ös")
}

/// The word class a dictionary's grammar tags name.
fn entry_pos(tags: &[String]) -> Option<Pos> {
    tags.iter().find_map(|t| match t.as_str() {
        "n" | "masc" | "fem" | "neut" | "m" | "f" | "nt" | "pl" => Some(Pos::Noun),
        "v" | "vi" | "vt" | "vr" | "verb" => Some(Pos::Verb),
        "adj" => Some(Pos::Adjective),
        "art" => Some(Pos::Article),
        "adv" => Some(Pos::Adverb),
        "prep" => Some(Pos::Preposition),
        "conj" => Some(Pos::Conjunction),
        "pron" | "ppron" | "relpron" => Some(Pos::Pronoun),
        _ => None,
    })
}

/// An entry without grammar tags whose every sense is an English infinitive ("to depend
/// on sth."): Ding writes a verb's senses so, and leaves many verb lines untagged.
fn english_verb_entry(e: &Entry) -> Option<Pos> {
    let infinitive = |s: &String| s.trim_start().starts_with("to ");
    (!e.senses.is_empty() && e.senses.iter().all(infinitive)).then_some(Pos::Verb)
}

/// How well a noun entry's gender fits the gender the analysis is sure of (*der Junge*
/// "boy", *das Junge* "young animal").
fn gender_fit(analysed: Option<Gender>, entry: Option<Gender>) -> f32 {
    match (analysed, entry) {
        (Some(a), Some(e)) if a == e => 1.0,
        (Some(_), Some(_)) => -2.5,
        _ => 0.0,
    }
}

/// How well the dictionary's word class fits the analysis.
fn pos_fit(analysed: Option<Pos>, entry: Option<Pos>) -> f32 {
    let (Some(a), Some(e)) = (analysed, entry) else {
        return 0.0;
    };
    let a = match a {
        Pos::Participle => Pos::Adjective,
        Pos::VerbParticle => Pos::Adverb,
        // FreeDict and Ding tag the infinitive's particle (*zu arbeiten*) a conjunction.
        Pos::Particle => Pos::Conjunction,
        other => other,
    };
    if a == e {
        3.0
    } else if matches!(
        (a, e),
        (Pos::Adjective, Pos::Adverb) | (Pos::Adverb, Pos::Adjective)
    ) {
        1.0
    } else {
        -3.0
    }
}

/// English words that say little of a gloss's meaning: particles of phrasal verbs,
/// articles, the placeholders of dictionary glosses.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "to",
    "sth",
    "sb",
    "of",
    "a",
    "an",
    "the",
    "off",
    "up",
    "out",
    "down",
    "in",
    "on",
    "away",
    "back",
    "over",
    "with",
    "for",
    "at",
    "by",
    "from",
    "oneself",
    "one's",
    "something",
    "someone",
    "be",
];

/// How common a gloss's English words are (the first alternative; "to" of a verb not
/// counted), around 0 for an everyday word.
fn commonness(sense: &str) -> f32 {
    alternative_commonness(sense.split([';', ',']).next().unwrap_or(sense))
}

/// How common one English alternative's words are, around 0 for an everyday word.
fn alternative_commonness(alternative: &str) -> f32 {
    let words: Vec<&str> = alternative
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty() && !ENGLISH_FUNCTION_WORDS.contains(w))
        .collect();
    if words.is_empty() {
        // Only function words: the gloss of a function word ("the" for *der*, "to" for
        // *zu*) is as common as English gets; a gloss with no word says nothing.
        let function_word = alternative
            .split(|c: char| !c.is_alphabetic() && c != '\'')
            .any(|w| !w.is_empty() && !matches!(w, "sth" | "sb"));
        return if function_word { 0.0 } else { -2.0 };
    }
    let total: f32 = words
        .iter()
        .map(|w| english_zipf(w).unwrap_or(2.0))
        .sum::<f32>();
    total / words.len() as f32 - 4.5
}

/// The everyday word among a sense's alternatives ("business venture, company,
/// enterprise" → "company"); the first where they are as common.
/// An alternative whose words another alternative has all of ("raspberry" of "raspberry
/// bush, raspberry") is the more general word, and as common as that one.
pub fn most_common_alternative(sense: &str) -> &str {
    let alternatives: Vec<&str> = sense
        .split([';', ','])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    let words = |a: &str| -> Vec<String> {
        a.split(|c: char| !c.is_alphabetic() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut best: Option<(&str, f32)> = None;
    for &alt in &alternatives {
        let mine = words(alt);
        let wider: Vec<f32> = alternatives
            .iter()
            .filter(|other| {
                let theirs = words(other);
                theirs.len() > mine.len() && mine.iter().all(|w| theirs.contains(w))
            })
            .map(|other| alternative_commonness(other))
            .collect();
        // Ahead of the phrases made of it, where they are more common.
        let c = wider
            .iter()
            .fold(alternative_commonness(alt), |c, w| c.max(w + 0.01));
        if best.is_none_or(|(_, b)| c > b) {
            best = Some((alt, c));
        }
    }
    best.map_or(sense, |(a, _)| a)
}

/// The alternative of a sense that is the German word's cognate ("sensor" of "measuring
/// element, sensor" for *Sensor*), where one is.
pub fn cognate_alternative<'a>(lemma: &str, sense: &'a str) -> Option<&'a str> {
    sense
        .split([';', ','])
        .map(str::trim)
        .find(|alt| !alt.is_empty() && cognate(lemma, alt))
}

/// How dictionaries write a verb's objects before it: "etw. beeinflussen",
/// "jdn./etw. beeinflussen", "jdm. etw. bringen".
pub const OBJECT_FRAMES: [&str; 6] = [
    "etw.",
    "jdn.",
    "jdm.",
    "jdn./etw.",
    "etw./jdn.",
    "jdm. etw.",
];

/// The placeholders of those frames, as their letters.
const OBJECT_PLACEHOLDERS: [&str; 6] = ["etw", "jdn", "jdm", "jdnetw", "etwjdn", "jdmetw"];

/// Whether `headword` is `lemma` with object placeholders before it ("jdn./etw. lemma").
pub fn is_object_frame(headword: &str, lemma: &str) -> bool {
    let letters = |w: &str| -> String { w.chars().filter(|c| c.is_alphanumeric()).collect() };
    let words: Vec<&str> = headword.split_whitespace().collect();
    match words.split_last() {
        Some((last, before)) if !before.is_empty() => {
            last.to_lowercase() == lemma.to_lowercase()
                && before
                    .iter()
                    .all(|w| OBJECT_PLACEHOLDERS.contains(&letters(&w.to_lowercase()).as_str()))
        }
        _ => false,
    }
}

/// Whether a headword is a prefix or suffix entry (`Groß…`, `-los`), not a word.
pub fn is_affix(headword: &str) -> bool {
    // Each alternative one word ("non-, non…"): "to let oneself …" is a sense with a
    // gap, not an affix.
    headword.split([',', ';']).all(|a| one_affix(a.trim()))
}

fn one_affix(h: &str) -> bool {
    !h.is_empty()
        && !h.contains(char::is_whitespace)
        && (h.ends_with('…') || h.ends_with("...") || h.ends_with('-') || h.starts_with('-'))
}

/// The letters of a word as a cognate is compared: German spellings of Latin and Greek
/// roots written as English writes them (z, k → c; umlauts without dots).
fn cognate_form(w: &str) -> Vec<char> {
    w.to_lowercase()
        .chars()
        .map(|c| match c {
            'z' | 'k' => 'c',
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            other => other,
        })
        .collect()
}

/// A gloss that is the German word's cognate (*effizient* → "efficient", *Strategie* →
/// "strategy"): the first five letters agree, and most of the shorter word.
fn cognate(lemma: &str, sense: &str) -> bool {
    let g = cognate_form(lemma);
    sense
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 5)
        .any(|w| {
            let e = cognate_form(w);
            let common = g.iter().zip(e.iter()).take_while(|(a, b)| a == b).count();
            common >= 5 && common * 10 >= g.len().min(e.len()) * 6
        })
}

/// A gloss shaped as an English verb: "to" and a word after it, or a first word with its
/// object right after ("suppose sth.", "influence sb./sth.").
fn verbal_gloss(sense: &str) -> bool {
    let first = sense.split([',', ';']).next().unwrap_or(sense).trim();
    let words: Vec<&str> = first.split_whitespace().collect();
    match words.as_slice() {
        ["to", _, ..] => true,
        [_, object, ..] => object.starts_with("sth.") || object.starts_with("sb."),
        _ => false,
    }
}

/// An English participle of a regular verb whose stem the English list knows
/// ("created", "framed", "stopped", "carried", "surprising").
fn english_participle(word: &str) -> bool {
    let Some(stem) = word.strip_suffix("ed").or_else(|| word.strip_suffix("ing")) else {
        return false;
    };
    if stem.len() < 3 || !stem.is_ascii() {
        return false;
    }
    let known = |w: &str| english_zipf(w).is_some();
    let b = stem.as_bytes();
    let doubled = b[b.len() - 1] == b[b.len() - 2];
    known(&format!("{stem}e"))
        || known(stem)
        || doubled && known(&stem[..stem.len() - 1])
        || stem
            .strip_suffix('i')
            .is_some_and(|s| known(&format!("{s}y")))
}

/// A gloss that gives only participles ("created; framed"): the meaning of a
/// participle's own entry (*erschaffen* "created", *überraschend* "surprising"), not of
/// the verb.
fn participle_gloss(sense: &str) -> bool {
    sense.split([',', ';']).all(|alt| {
        let alt = alt.split('(').next().unwrap_or(alt).trim();
        !alt.contains(' ') && english_participle(alt)
    })
}

/// What a participle's gloss costs for a verb: the learner sees the infinitive.
const PARTICIPLE_GLOSS_MISFIT: f32 = 2.0;

/// A word read as a verb, or not read at all: a verb's gloss fits it.
fn verb_like(pos: Option<Pos>) -> bool {
    matches!(pos, None | Some(Pos::Verb))
}

/// What a verb's gloss costs for a word read as another class (*vermutlich* "suppose
/// sth." from a line that gives the verb beside the adverb).
const VERB_GLOSS_MISFIT: f32 = 3.0;

/// What a cognate gloss adds: the dictionary lists it, and it is the plain equivalent.
const COGNATE: f32 = 0.8;

/// How much a common English gloss counts.
const COMMONNESS: f32 = 0.6;

/// What a plural entry costs where the noun's singular is listed.
const PLURAL: f32 = 1.0;

/// What a second entry giving the same sense adds to it.
const AGREEMENT: f32 = 0.3;

/// Words that say nothing of a sense when an example shares them.
const GERMAN_FUNCTION_WORDS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "und", "oder", "ist", "sind", "es", "er", "sie", "ich", "du", "wir", "ihr", "nicht", "zu",
    "jdn", "jdm", "etw", "sich",
];

/// A German word this frequent (Zipf) is shared by too many examples to point to a sense.
const COMMON_WORD: f32 = 5.5;

/// How much an entry's examples and links share with the sentence (its lower-case words):
/// *davon* in "ging davon aus" points to *ausgehen von* "assume".
fn context_fit(e: &Entry, sentence: &[String], lemma: &str) -> f32 {
    if sentence.is_empty() {
        return 0.0;
    }
    let lemma = lemma.to_lowercase();
    let mut shared: Vec<&String> = e
        .context
        .iter()
        .filter(|w| {
            **w != lemma
                && !GERMAN_FUNCTION_WORDS.contains(&w.as_str())
                // Words met everywhere say little (Zipf 5.5: "mit", "auch", "werden").
                && crate::german::frequency::zipf_or_rare(w) < COMMON_WORD
                && sentence.contains(w)
        })
        .collect();
    shared.sort();
    shared.dedup();
    0.6 * shared.len().min(3) as f32
}

/// What a term of address's entry gains right before a name (*Frau Albrecht*: "Ms",
/// not "woman").
const ADDRESS: f32 = 3.0;

/// What an entry gains whose German note names a noun of the sentence ("einsteigen [in
/// einen Bus/LKW/Zug]" "get on" where a *Zug* is in the sentence).
const NOTE_NOUN: f32 = 4.5;

/// Whether one of the entry's note nouns stands in the sentence, as written or as the
/// lemma of a sentence word (`lemmas`, lower case).
fn note_fit(e: &Entry, sentence: &[String], lemmas: &[String]) -> f32 {
    let named = e
        .note_nouns
        .iter()
        .any(|n| sentence.contains(n) || lemmas.contains(n));
    if named { NOTE_NOUN } else { 0.0 }
}

/// The lower-case lemmas of the sentence's words read as nouns (*Muskeln* → *muskel*).
fn noun_lemmas(sentence: &[String]) -> Vec<String> {
    let Ok(lex) = crate::german::lexicon() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for w in sentence {
        let mut chars = w.chars();
        let Some(first) = chars.next() else { continue };
        let capitalised: String = first.to_uppercase().chain(chars).collect();
        for r in lex.readings(&capitalised) {
            if r.tag.pos == Pos::Noun {
                let lemma = r.lemma.to_lowercase();
                if !out.contains(&lemma) {
                    out.push(lemma);
                }
            }
        }
    }
    out
}

/// What an entry whose complement note names a preposition of the sentence gains
/// ("klagen {vi} (über)" "complain" for *klagten über sinkende Umsätze*), also one inside
/// a pronominal adverb (*stimmte dafür*: "abstimmen {vi} (für)" "vote").
const COMPLEMENT: f32 = 1.0;

fn complement_fit(e: &Entry, sentence: &[String]) -> f32 {
    let preposition = |w: &String| {
        crate::german::lexicon().is_ok_and(|lex| {
            lex.readings(w)
                .iter()
                .any(|r| r.tag.pos == Pos::Preposition)
        })
    };
    let in_sentence = |w: &String| {
        sentence.contains(w)
            || sentence
                .iter()
                .any(|s| crate::german::government::pronominal_preposition(s) == Some(w.as_str()))
    };
    if e.complement
        .iter()
        .any(|w| in_sentence(w) && preposition(w))
    {
        COMPLEMENT
    } else {
        0.0
    }
}

/// A sense as compared across dictionaries: "to bet on sth.; to back sth." and "bet on
/// sth., back sth." are one.
fn sense_key(sense: &str) -> String {
    sense
        .split([',', ';'])
        .map(|alt| {
            let alt = alt.trim().to_lowercase().replace('’', "'");
            let alt = alt.strip_prefix("to ").unwrap_or(&alt);
            alt.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the sentence tells the ranking about the word.
#[derive(Debug, Default, Clone, Copy)]
pub struct InSentence<'a> {
    /// The noun's gender, where the analysis is sure of it.
    pub gender: Option<Gender>,
    /// The sentence's other words, lower case.
    pub words: &'a [String],
    /// A comparative stands right before the word (*billiger als*).
    pub after_comparative: bool,
    /// How an auxiliary or modal verb is used: with a verb form depending on it in its
    /// clause (*wird kommen*: Some(true)), or alone (*wird Lehrer*: Some(false)).
    pub auxiliary_use: Option<bool>,
    /// For a possessive: whether the owner it refers to is plural (*ihre* "their").
    pub owner_plural: Option<bool>,
    /// For a personal pronoun in another case than the nominative: its person and
    /// number, and whether it is reflexive in its clause (*ihnen* "them", *ihm* "him",
    /// *uns* "us", *wir freuen uns* "ourselves").
    pub object: Option<ObjectPronoun>,
    /// For a preposition: the case it governs here (*in der Stadt*: dative).
    pub governed_case: Option<Case>,
    /// A pronoun used before its noun, as a determiner (*kein Geld*: "no", not "none"):
    /// Some(true); alone (*keiner*: "none", not "no"): Some(false).
    pub before_noun: Option<bool>,
    /// For a verb: its clause has an object that is surely a person (*sprach mich an*).
    pub person_object: bool,
    /// An uninflected adjective or participle used as an adverb (*lehne entschieden
    /// ab*): an adverb's entry fits it as well as the adjective's.
    pub adverbial: bool,
    /// A noun right before a name (*Frau Albrecht*): a term of address there.
    pub before_name: bool,
    /// A noun the sentence shows in the singular (*der Rücken*): a plural entry of the
    /// same spelling ("backs") is not its meaning where the singular is listed.
    pub singular: bool,
}

/// What a verb's sense whose object is only a thing ("broach the issue of sth.") costs,
/// and what one whose object is a person ("speak to sb.") gains, where the verb's object
/// is surely a person (*sprach mich an*).
const THING_OBJECT_MISFIT: f32 = 1.0;

/// A sense that takes a thing as its object and no person: "sth." and no "sb.".
fn thing_object_only(sense: &str) -> bool {
    let words: Vec<&str> = sense.split(|c: char| !c.is_alphabetic()).collect();
    words.contains(&"sth") && !words.contains(&"sb")
}

/// A sense that names a person as its object ("advise sb. of sth.", "address sb.").
fn person_object_gloss(sense: &str) -> bool {
    sense.split(|c: char| !c.is_alphabetic()).any(|w| w == "sb")
}

/// English pronouns that stand only alone, never before a noun: a German determiner's
/// gloss that starts with one is its standalone use ("none" of *keiner*).
const ENGLISH_STANDALONE: &[&str] = &[
    "none",
    "nobody",
    "no one",
    "mine",
    "yours",
    "hers",
    "ours",
    "theirs",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "nothing",
    "something",
    "anything",
];

/// English determiners that never stand alone: the gloss of a German pronoun's
/// determiner use ("no" of *keine*), not of its use alone.
const ENGLISH_DETERMINERS_ONLY: &[&str] = &["no", "every", "my", "our", "your", "their"];

/// Whether a gloss starts with a word of the list.
fn gloss_starts_with(sense: &str, words: &[&str]) -> bool {
    let first = sense.split([',', ';', '(']).next().unwrap_or("").trim();
    words.contains(&first)
}

/// What a gloss of the other use costs a determiner or a pronoun alone.
const USE_MISFIT: f32 = 1.0;

/// The case an entry says its preposition governs, where it names one: Ding's grammar
/// line ("in {prp; wo?, wann? +Dat.}") or FreeDict's note ("in ([wohin?+ acc]) <prep>").
fn entry_case(e: &Entry) -> Option<Case> {
    let mut found = None;
    for t in e.tags.iter().chain(&e.labels) {
        let t: String = t
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let c = if t.contains("+dat") {
            Case::Dative
        } else if t.contains("+akk") || t.contains("+acc") {
            Case::Accusative
        } else if t.contains("+gen") {
            Case::Genitive
        } else {
            continue;
        };
        if found.is_some_and(|f| f != c) {
            return None;
        }
        found = Some(c);
    }
    found
}

/// What an entry for another case than its preposition governs here loses (*in der
/// Stadt* "in, at", not "into, to"). An entry for the case gains nothing over one that
/// names none: a preposition of one case names it in most of its entries.
const CASE_MISFIT: f32 = 1.5;

fn case_fit(governed: Option<Case>, entry: Option<Case>) -> f32 {
    match (governed, entry) {
        (Some(g), Some(e)) if g != e => -CASE_MISFIT,
        _ => 0.0,
    }
}

/// English possessives of one owner and of several: the gloss of a German possessive
/// whose owner's number the sentence tells.
const ENGLISH_POSSESSIVES: [(&str, bool); 4] = [
    ("her", false),
    ("his", false),
    ("its", false),
    ("their", true),
];

/// Whether a gloss has a word of the table for that number.
fn gloss_has(sense: &str, table: &[(&str, bool)], plural: bool) -> bool {
    sense
        .split(|c: char| !c.is_alphabetic())
        .any(|w| table.contains(&(w, plural)))
}

/// Whether a gloss gives the possessive of an owner of that number ("hers, their").
pub(super) fn possessive_gloss(sense: &str, plural: bool) -> bool {
    gloss_has(sense, &ENGLISH_POSSESSIVES, plural)
}

/// What the possessive of the owner's number gains.
const POSSESSIVE: f32 = 1.5;

/// A personal pronoun as its clause uses it: as the subject, or in another case than
/// the nominative.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ObjectPronoun {
    pub person: u8,
    pub plural: bool,
    /// The clause's subject is the same person (*wir freuen uns*): the pronoun is
    /// reflexive.
    pub reflexive: bool,
    /// In the nominative: the subject (*sie telefonieren* "they").
    pub subject: bool,
}

/// English personal pronouns as subjects: the word, its person, whether it is plural.
const ENGLISH_SUBJECT_PRONOUNS: [(&str, u8, bool); 8] = [
    ("I", 1, false),
    ("you", 2, false),
    ("he", 3, false),
    ("she", 3, false),
    ("it", 3, false),
    ("we", 1, true),
    ("you", 2, true),
    ("they", 3, true),
];

/// English personal pronouns as objects: the word, its person, whether it is plural and
/// whether it is reflexive.
const ENGLISH_OBJECT_PRONOUNS: [(&str, u8, bool, bool); 16] = [
    ("me", 1, false, false),
    ("myself", 1, false, true),
    ("you", 2, false, false),
    ("yourself", 2, false, true),
    ("him", 3, false, false),
    ("her", 3, false, false),
    ("it", 3, false, false),
    ("himself", 3, false, true),
    ("herself", 3, false, true),
    ("itself", 3, false, true),
    ("us", 1, true, false),
    ("ourselves", 1, true, true),
    ("you", 2, true, false),
    ("yourselves", 2, true, true),
    ("them", 3, true, false),
    ("themselves", 3, true, true),
];

/// Whether a gloss gives the English object pronoun of that person and number, reflexive
/// or not as the clause uses it ("they (them)", "ourselves").
pub(super) fn object_gloss(sense: &str, object: ObjectPronoun) -> bool {
    let ObjectPronoun {
        person,
        plural,
        reflexive,
        subject,
    } = object;
    sense.split(|c: char| !c.is_alphabetic()).any(|w| {
        if subject {
            ENGLISH_SUBJECT_PRONOUNS.contains(&(w, person, plural))
        } else {
            ENGLISH_OBJECT_PRONOUNS.contains(&(w, person, plural, reflexive))
        }
    })
}

/// Whether a gloss gives an English object pronoun, but none of this person and number
/// used so: "ourselves" for *uns* in *das erschien uns*, "her" for *euch*.
pub(super) fn object_misfit(sense: &str, object: ObjectPronoun) -> bool {
    let pronoun = |w: &str| {
        ENGLISH_OBJECT_PRONOUNS.iter().any(|e| e.0 == w)
            || ENGLISH_SUBJECT_PRONOUNS.iter().any(|e| e.0 == w)
    };
    sense.split(|c: char| !c.is_alphabetic()).any(pronoun) && !object_gloss(sense, object)
}

/// English auxiliaries and modals: the gloss of a German auxiliary or modal used as one.
const ENGLISH_AUXILIARIES: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "be", "have",
    "ought",
];

/// Whether a gloss gives an English auxiliary or modal ("will", "will, shall", "be able,
/// can").
fn auxiliary_gloss(sense: &str) -> bool {
    sense.split([',', ';']).any(|alt| {
        let alt = alt.split('(').next().unwrap_or(alt).trim();
        let alt = alt.strip_prefix("to ").unwrap_or(alt);
        !alt.is_empty() && alt.split(' ').all(|w| ENGLISH_AUXILIARIES.contains(&w))
    })
}

/// What an auxiliary's gloss gains where the verb is used as one, or costs where not.
const AUXILIARY: f32 = 1.5;

/// Whether the lexicon reads a word as a comparative (*teurer*, *mehr*).
pub fn is_comparative(word: &str) -> bool {
    crate::german::lexicon().is_ok_and(|lex| {
        lex.readings(word)
            .iter()
            .any(|r| r.tag.degree == Some(crate::german::tags::Degree::Comparative))
    })
}

/// What a sense used after a comparative in its examples adds where the word stands
/// after one (*als* "than").
const COMPARISON: f32 = 1.0;

/// What an adverb's entry gains over the adjective's where the adjective is used as an
/// adverb (*wurde einstimmig gewählt*: "unanimously").
const ADVERBIAL_ADVERB: f32 = 1.0;

/// What an entry's linked conjugation rows add to its richness.
const CONJUGATION_ROW: f32 = 0.5;

/// A linked row of a verb's conjugation with its persons ("er/sie steht auf",
/// "ich/er/sie stand auf"), as Ding writes it for a verb's main senses.
fn is_conjugation_row(link: &str) -> bool {
    link.starts_with("er/sie ") || link.starts_with("ich/er/sie ")
}

/// Rank the senses of `entries` (dictionary name, entry) for `lemma` read as `pos`.
pub fn rank(entries: &[(String, Entry)], lemma: &str, pos: Option<Pos>) -> Vec<Ranked> {
    rank_in(entries, lemma, pos, InSentence::default())
}

/// Rank, with what the sentence the word stands in tells.
pub fn rank_in(
    entries: &[(String, Entry)],
    lemma: &str,
    pos: Option<Pos>,
    here: InSentence,
) -> Vec<Ranked> {
    let (gender, sentence) = (here.gender, here.words);
    let w = weights();
    let agreement = w.of(Term::Agreement) * AGREEMENT;
    let mut out: Vec<Ranked> = Vec::new();
    // A noun's lemma is its singular: a plural entry of the same spelling ("Unternehmen
    // <pl>" "companies") comes after the singular's, unless the noun has no singular.
    let singular_listed = entries.iter().any(|(_, e)| e.is_noun() && !e.is_plural());
    // A noun entry of another gender than the sentence gives the word is another word
    // (*der Band* "volume", *die Band* "band"): left out where an entry of its gender is.
    let gender_listed = gender.is_some() && entries.iter().any(|(_, e)| e.gender() == gender);
    // The sentence's nouns as lemmas, for entries with notes naming nouns.
    let lemmas = if entries.iter().any(|(_, e)| !e.note_nouns.is_empty()) {
        noun_lemmas(sentence)
    } else {
        Vec::new()
    };
    for (n, (source, e)) in entries.iter().enumerate() {
        if is_affix(&e.headword)
            || gender_listed && e.gender().is_some_and(|g| Some(g) != gender)
            || here.singular && singular_listed && e.is_plural()
        {
            continue;
        }
        let class = entry_pos(&e.tags).or_else(|| english_verb_entry(e));
        let plural_cost = if pos == Some(Pos::Noun) && singular_listed && e.is_plural() {
            PLURAL
        } else {
            0.0
        };
        // A verb with its object ("etw. aufmachen" "open sth.") is the verb itself, used
        // transitively: as much its own entry as the bare headword.
        let head = if e.headword == lemma || is_object_frame(&e.headword, lemma) {
            3.0
        } else if e.headword.to_lowercase() == lemma.to_lowercase() {
            0.0
        } else {
            -4.0
        };
        let entry_labels: f32 = e.labels.iter().map(|l| label_cost(l)).fold(0.0, f32::max);
        // A main sense is where the dictionary links the word's own phrases ("sehr groß"
        // under "very").
        let lower = lemma.to_lowercase();
        let phrases = e
            .see
            .iter()
            .filter(|s| s.contains(' ') && s.to_lowercase().split(' ').any(|w| w == lower))
            .count();
        let linked = if phrases > 0 { 0.5 } else { 0.0 };
        // A main sense comes with examples and links to the word's forms and phrases.
        // Ding gives a verb's whole conjugation ("er/sie steht auf", "ich/er/sie stand
        // auf") with its main senses only: "get up", not "arise".
        let conjugated = e.see.iter().any(|s| is_conjugation_row(s));
        let richness = 0.35 * (e.examples + e.see.len()).min(6) as f32
            + if conjugated { CONJUGATION_ROW } else { 0.0 };
        let comparison =
            if here.after_comparative && e.before_headword.iter().any(|w| is_comparative(w)) {
                COMPARISON
            } else {
                0.0
            };
        // A note on a verb with its object says what the object is ("etw. ausschalten":
        // "switch, light, device etc."), not a special use.
        let noted = if e.noted && !is_object_frame(&e.headword, lemma) {
            1.5
        } else {
            0.0
        };
        // What the sentence itself tells of the entry.
        let told = note_fit(e, sentence, &lemmas)
            + if here.before_name && e.address {
                ADDRESS
            } else {
                0.0
            };
        let base = w.of(Term::Head) * head
            + w.of(Term::Linked) * linked
            + w.of(Term::Comparison) * comparison
            + w.of(Term::Richness) * richness
            + w.of(Term::Context) * context_fit(e, sentence, lemma)
            + w.of(Term::PosFit)
                * pos_fit(pos, class).max(if here.adverbial {
                    pos_fit(Some(Pos::Adverb), class) + ADVERBIAL_ADVERB
                } else {
                    f32::MIN
                })
            + w.of(Term::GenderFit) * gender_fit(gender, e.gender())
            + w.of(Term::CaseFit) * case_fit(here.governed_case, entry_case(e))
            + w.of(Term::Complement) * complement_fit(e, sentence)
            + w.of(Term::NoteNoun) * told
            - w.of(Term::EntryLabels) * entry_labels
            - w.of(Term::Noted) * noted
            - w.of(Term::Plural) * plural_cost
            - w.of(Term::EntryOrder) * 0.05 * n as f32;
        for (k, raw) in e.senses.iter().enumerate() {
            let (sense, cost) = labelled_sense(raw);
            // Not a meaning: an empty or bracketed note, or an English affix ("un…").
            if sense.is_empty()
                || sense.starts_with('(') && sense.ends_with(')')
                || is_affix(&sense)
            {
                continue;
            }
            // A sense given with several English words is a main one.
            let alternatives = sense.split([',', ';']).count().min(3) as f32 - 1.0;
            let sentence_cost = if is_sentence(&sense) { 3.0 } else { 0.0 };
            // A sense bound to a complement ("opt for sth.", "perch oneself on sth.") is a
            // narrower one than a plain gloss; a plain object ("affect sth.",
            // "influence sb./sth.") is not.
            let bound = sense.split([',', ';']).next().is_some_and(|first| {
                let words: Vec<&str> = first
                    .split(|c: char| !c.is_alphabetic() && c != '\'')
                    .filter(|w| !w.is_empty() && !matches!(*w, "to" | "a" | "an" | "the"))
                    .collect();
                let object = |w: &&str| matches!(*w, "sth" | "sb");
                words.iter().any(object) && words.iter().skip(1).any(|w| !object(w))
            });
            // A German phrase with its complement ("auf etw. setzen") is rendered with
            // the English one ("bet on sth."): no narrower sense there.
            let phrase = e.headword.trim().contains(' ');
            let bound_cost = if bound && !phrase { 0.8 } else { 0.0 };
            let cognate_bonus = if cognate(lemma, &sense) { COGNATE } else { 0.0 };
            let shape_cost = if verbal_gloss(&sense) && !verb_like(pos) {
                VERB_GLOSS_MISFIT
            } else if pos == Some(Pos::Verb) && class != Some(Pos::Verb) && participle_gloss(&sense)
            {
                PARTICIPLE_GLOSS_MISFIT
            } else {
                0.0
            };
            let auxiliary = match here.auxiliary_use {
                Some(used) if auxiliary_gloss(&sense) => {
                    if used {
                        AUXILIARY
                    } else {
                        -AUXILIARY
                    }
                }
                _ => 0.0,
            };
            let owner = match (here.owner_plural, here.object) {
                (Some(plural), _) if possessive_gloss(&sense, plural) => POSSESSIVE,
                (_, Some(object)) if object_gloss(&sense, object) => POSSESSIVE,
                _ => 0.0,
            };
            let standalone_cost = match here.before_noun {
                Some(true) if gloss_starts_with(&sense, ENGLISH_STANDALONE) => USE_MISFIT,
                Some(false) if gloss_starts_with(&sense, ENGLISH_DETERMINERS_ONLY) => USE_MISFIT,
                _ => 0.0,
            };
            let person_cost = if here.person_object && thing_object_only(&sense) {
                THING_OBJECT_MISFIT
            } else if here.person_object && person_object_gloss(&sense) {
                -THING_OBJECT_MISFIT
            } else {
                0.0
            };
            let score = base
                - w.of(Term::SenseLabels) * cost
                - w.of(Term::Sentence) * sentence_cost
                - w.of(Term::Bound) * bound_cost
                - w.of(Term::Shape) * shape_cost
                - w.of(Term::Standalone) * standalone_cost
                - w.of(Term::PersonObject) * person_cost
                + w.of(Term::Auxiliary) * auxiliary
                + w.of(Term::Owner) * owner
                + w.of(Term::Cognate) * cognate_bonus
                + w.of(Term::Commonness) * COMMONNESS * commonness(&sense)
                + w.of(Term::Alternatives) * 0.25 * alternatives
                - w.of(Term::SenseOrder) * 0.3 * k as f32;
            // The same sense written otherwise in another dictionary (other separators,
            // "to" before a verb, another apostrophe).
            let key = sense_key(&sense);
            let same = |a: &str| sense_key(a) == key;
            // A sense that several entries give is a main one.
            match out.iter_mut().find(|r| same(&r.sense)) {
                Some(r) if r.score >= score => {
                    r.score += agreement;
                    r.told |= told > 0.0;
                }
                Some(r) => {
                    r.score = score + agreement;
                    r.source = source.clone();
                    r.headword = e.headword.clone();
                    r.pos = class;
                    r.told |= told > 0.0;
                }
                None => out.push(Ranked {
                    source: source.clone(),
                    pronunciation: e.pronunciation.clone(),
                    headword: e.headword.clone(),
                    pos: class,
                    sense,
                    score,
                    told: told > 0.0,
                }),
            }
        }
    }
    // An English word that several senses give is a main meaning ("hard" in "hard" and
    // "difficult, hard"): each sense gains for the other senses it shares a word with.
    let alternatives: Vec<Vec<String>> = out.iter().map(|r| alternative_keys(&r.sense)).collect();
    let shared: Vec<usize> = alternatives
        .iter()
        .enumerate()
        .map(|(i, mine)| {
            alternatives
                .iter()
                .enumerate()
                .filter(|(j, theirs)| *j != i && theirs.iter().any(|t| mine.contains(t)))
                .count()
        })
        .collect();
    for (r, n) in out.iter_mut().zip(shared) {
        r.score += w.of(Term::SharedWord) * SHARED_WORD * n.min(3) as f32;
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// English verbs that say little of a sense on their own ("be conditional on", "take
/// part in"): the word after them tells it.
const LIGHT_VERBS: [&str; 8] = ["be", "get", "have", "make", "take", "do", "give", "put"];

/// The word that carries each alternative of a sense: its first word, after "to" and a
/// light verb ("to depend on sth." → "depend", "be reliant on sb." → "reliant").
pub(super) fn content_words(sense: &str) -> Vec<String> {
    sense
        .split([',', ';'])
        .filter_map(|alt| {
            let alt = alt.split('(').next().unwrap_or(alt).to_lowercase();
            let words: Vec<String> = alt
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty() && *w != "to")
                .map(str::to_string)
                .collect();
            let skip = words
                .iter()
                .take_while(|w| LIGHT_VERBS.contains(&w.as_str()))
                .count();
            words.get(skip).cloned()
        })
        .collect()
}

/// What each other headword's or the bare verb's sense with the same word adds.
const WORD_AGREEMENT: f32 = 0.4;

/// Senses of a verb's phrases (`ranked`, several headwords) gain for each sense of
/// another headword or dictionary, or of the bare verb (`bare`), that gives the same
/// English word: the
/// meaning the dictionaries agree on is the main one, a word one entry alone gives is
/// not. At most three count.
pub fn agree_on_words(ranked: &mut [Ranked], bare: &[Ranked]) {
    let words: Vec<Vec<String>> = ranked.iter().map(|r| content_words(&r.sense)).collect();
    let bare_words: Vec<Vec<String>> = bare.iter().map(|r| content_words(&r.sense)).collect();
    let shares = |mine: &[String], theirs: &[String]| theirs.iter().any(|t| mine.contains(t));
    let keys: Vec<String> = ranked.iter().map(|r| sense_key(&r.sense)).collect();
    let gains: Vec<f32> = (0..ranked.len())
        .map(|i| {
            // FreeDict's German–English data is made from Ding's: the same sense of the
            // same headword in the other dictionary is a copy, not a second voice.
            let others = (0..ranked.len())
                .filter(|&j| {
                    ranked[j].headword != ranked[i].headword
                        || ranked[j].source != ranked[i].source && keys[j] != keys[i]
                })
                .filter(|&j| shares(&words[i], &words[j]))
                .count();
            let from_bare = bare_words.iter().filter(|b| shares(&words[i], b)).count();
            weights().of(Term::WordAgreement) * WORD_AGREEMENT * (others + from_bare).min(3) as f32
        })
        .collect();
    for (r, gain) in ranked.iter_mut().zip(gains) {
        r.score += gain;
    }
}

/// A whole sentence is an example or an idiom, not a word's meaning. A list that ends in
/// an abbreviation ("Mister, Mr, Mr.", "Doctor, Dr.") is none: a sentence's last part has
/// more than one word, or ends in `!` or `?`.
pub fn is_sentence(sense: &str) -> bool {
    let last_part = sense.rsplit([',', ';']).next().unwrap_or(sense);
    sense.chars().next().is_some_and(char::is_uppercase)
        && (sense.ends_with(['!', '?'])
            || sense.ends_with('.') && last_part.split_whitespace().count() > 1)
}

/// English adjectives and adverbs compared irregularly: base, comparative, superlative.
const ENGLISH_IRREGULAR_DEGREES: [(&str, &str, &str); 9] = [
    ("good", "better", "best"),
    ("well", "better", "best"),
    ("bad", "worse", "worst"),
    ("badly", "worse", "worst"),
    ("far", "further", "furthest"),
    ("far", "farther", "farthest"),
    ("much", "more", "most"),
    ("many", "more", "most"),
    ("little", "less", "least"),
];

/// Whether a gloss's first alternative is the English comparative ("cheaper", "bigger",
/// "more convenient") or, for `superlative`, the superlative of an alternative of one of
/// `bases` ("cheap", "big", "convenient").
pub fn degree_of(sense: &str, bases: &[String], superlative: bool) -> bool {
    let first = sense.split([',', ';']).next().unwrap_or("").trim();
    let (markers, ending) = if superlative {
        (["most ", "least "], "est")
    } else {
        (["more ", "less "], "er")
    };
    // "more convenient" → "convenient"; "bigger" → "bigg", "big"; "cheaper" → "cheap";
    // "larger" → "larg", "large"; "happier" → "happi", "happy".
    let mut stems: Vec<String> = Vec::new();
    if let Some(rest) = markers.iter().find_map(|m| first.strip_prefix(m)) {
        stems.push(rest.to_string());
    } else if !first.contains(' ')
        && let Some(stem) = first.strip_suffix(ending)
        && stem.chars().count() >= 2
    {
        stems.push(stem.to_string());
        stems.push(format!("{stem}e"));
        if let Some(y) = stem.strip_suffix('i') {
            stems.push(format!("{y}y"));
        }
        let mut chars = stem.chars().rev();
        if let (Some(a), Some(b)) = (chars.next(), chars.next())
            && a == b
        {
            stems.push(stem[..stem.len() - a.len_utf8()].to_string());
        }
    }
    // English's own irregular comparison.
    for (base, comparative, superlative_form) in ENGLISH_IRREGULAR_DEGREES {
        let form = if superlative {
            superlative_form
        } else {
            comparative
        };
        if first == form {
            stems.push(base.to_string());
        }
    }
    !stems.is_empty()
        && bases.iter().any(|b| {
            b.split([',', ';'])
                .map(|alt| alt.trim().strip_prefix("to ").unwrap_or(alt.trim()))
                .any(|alt| stems.iter().any(|s| s == alt))
        })
}

/// How glosses write a verb's objects: "give sth.", "help sb./sth.".
const OBJECT_WORDS: [&str; 6] = ["sth.", "sb.", "sb./sth.", "sth./sb.", "sb.'s", "sth.'s"];

/// What each other sense that shares an English alternative adds.
const SHARED_WORD: f32 = 0.15;

/// A sense's alternatives as compared across senses: lower case, without "to" and
/// without bracketed notes.
fn alternative_keys(sense: &str) -> Vec<String> {
    sense_key(sense)
        .split(", ")
        .map(|a| {
            let a = a.split(" (").next().unwrap_or(a);
            a.split(' ')
                .filter(|w| !OBJECT_WORDS.contains(w))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|a| !a.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::entry::parse;

    fn ranked(headword: &str, source: &str, sense: &str) -> Ranked {
        Ranked {
            headword: headword.to_string(),
            source: source.to_string(),
            sense: sense.to_string(),
            score: 0.0,
            pronunciation: None,
            pos: None,
            told: false,
        }
    }

    #[test]
    fn a_list_ending_in_an_abbreviation_is_no_sentence() {
        assert!(is_sentence("He is ill."));
        assert!(is_sentence("Stop!"));
        assert!(!is_sentence("Mister, Mr, Mr., MR."));
        assert!(!is_sentence("Doctor; Dr."));
        assert!(!is_sentence("mister"));
        // Ranked so: the title before a plainer but rarer word.
        let entries = [
            parse("Herr", "Herr <masc, n, sg>\nMister <n>, Mr <n>, Mr. <n>\n"),
            parse("Herr", "Herr <masc, n, sg>\nsignor <n>\n"),
        ];
        let first = rank(
            &entries.map(|e| ("d".to_string(), e)),
            "Herr",
            Some(Pos::Noun),
        );
        assert_eq!(first[0].sense, "Mister, Mr, Mr.", "{first:?}");
    }

    #[test]
    fn the_sense_linked_to_the_whole_conjugation_comes_first() {
        assert!(is_conjugation_row("er/sie steht auf"));
        assert!(is_conjugation_row("ich/er/sie stand auf"));
        assert!(!is_conjugation_row("steht auf"));
        // A line of two headwords links both verbs' bare forms; the main sense links
        // its own forms with their persons, and as many links in all.
        let entries = [
            parse(
                "aufstehen",
                "aufstehen <v>\nrise up <v>\n   Synonym: {aufsteigen}\n\n see: {aufstehend}, \
                 {aufsteigend}, {aufgestanden}, {aufgestiegen}\n",
            ),
            parse(
                "aufstehen",
                "aufstehen <v, intr>\nget up <v>\n see: {aufstehend}, {aufgestanden}, \
                 {er/sie steht auf}, {ich/er/sie stand auf}\n",
            ),
        ];
        let first = rank(
            &entries.map(|e| ("d".to_string(), e)),
            "aufstehen",
            Some(Pos::Verb),
        );
        assert_eq!(first[0].sense, "get up", "{first:?}");
    }

    #[test]
    fn an_adjective_used_as_an_adverb_takes_the_adverbs_entry_first() {
        let entries = [
            parse("einstimmig", "einstimmig <adj>\nunanimous <adj>\n"),
            parse("einstimmig", "einstimmig <adv>\nunanimously <adv>\n"),
        ];
        let entries = entries.map(|e| ("d".to_string(), e));
        let as_adverb = InSentence {
            adverbial: true,
            ..InSentence::default()
        };
        let first = |here| rank_in(&entries, "einstimmig", Some(Pos::Adjective), here);
        assert_eq!(first(as_adverb)[0].sense, "unanimously");
        assert_eq!(first(InSentence::default())[0].sense, "unanimous");
    }

    #[test]
    fn a_noun_in_the_singular_takes_no_plural_entry_of_its_spelling() {
        let entries = [
            parse("Rücken", "Rücken <masc, n, sg>\nback <n>\n"),
            parse("Rücken", "Rücken <masc, n, pl>\nbacks <n>\n"),
        ];
        let entries = entries.map(|e| ("d".to_string(), e));
        let senses = |here| -> Vec<String> {
            rank_in(&entries, "Rücken", Some(Pos::Noun), here)
                .into_iter()
                .map(|r| r.sense)
                .collect()
        };
        let singular = InSentence {
            singular: true,
            ..InSentence::default()
        };
        assert_eq!(senses(singular), ["back"]);
        // Where the number is not known, the plural comes after the singular.
        assert_eq!(senses(InSentence::default()), ["back", "backs"]);
    }

    #[test]
    fn a_note_on_a_verb_with_its_object_is_no_special_use() {
        let score = |headword: &str, text: &str| {
            let entries = [("d".to_string(), parse(headword, text))];
            rank(&entries, "ausschalten", Some(Pos::Verb))[0].score
        };
        let note = "         Note: switch, light, device etc.\n";
        let frame = "etw. ausschalten <v>\nswitch off sth. <v>\n";
        // The note says what the object is: the sense costs nothing for it.
        assert_eq!(
            score("etw ausschalten", &format!("{frame}{note}")),
            score("etw ausschalten", frame)
        );
        // On the bare verb, a note marks a special use.
        let bare = "ausschalten <v>\nswitch off <v>\n";
        assert!(score("ausschalten", &format!("{bare}{note}")) < score("ausschalten", bare));
    }

    #[test]
    fn a_sense_is_known_by_its_content_word() {
        assert_eq!(content_words("to depend on sth."), vec!["depend"]);
        assert_eq!(
            content_words("to be reliant on sb.; to take part (in)"),
            vec!["reliant", "part"]
        );
        assert!(content_words("to be").is_empty());
    }

    #[test]
    fn phrase_senses_the_dictionaries_agree_on_come_first() {
        let mut phrases = vec![
            ranked("von etw. abhängen", "a", "to ride on sth."),
            ranked("von einer Sache abhängen", "b", "to depend on sth."),
        ];
        let bare = vec![ranked("abhängen", "a", "depend")];
        agree_on_words(&mut phrases, &bare);
        assert!(phrases[1].score > phrases[0].score);
        assert_eq!(phrases[0].score, 0.0);
        assert_eq!(phrases[1].score, WORD_AGREEMENT);
        // Senses of one headword in one dictionary do not vouch for each other.
        let mut same = vec![
            ranked("abhängen", "a", "to depend"),
            ranked("abhängen", "a", "to depend on"),
        ];
        agree_on_words(&mut same, &[]);
        assert!(same.iter().all(|r| r.score == 0.0));
        // Nor does the same sense of the headword in the other dictionary: a copy.
        let mut copied = vec![
            ranked("von etw. abhängen", "a", "ride on sth., turn on sth."),
            ranked("von etw. abhängen", "b", "to ride on sth.; to turn on sth."),
        ];
        agree_on_words(&mut copied, &[]);
        assert!(copied.iter().all(|r| r.score == 0.0));
    }

    #[test]
    fn an_untagged_entry_of_english_infinitives_is_a_verb() {
        let verb = parse("abhängen", "abhängen\nto depend; to unhitch\n");
        assert_eq!(english_verb_entry(&verb), Some(Pos::Verb));
        let noun = parse("Abhang", "Abhang\nslope; to the slope\n");
        assert_eq!(english_verb_entry(&noun), None);
    }

    #[test]
    fn cleaning_takes_out_format_leftovers() {
        assert_eq!(
            clean(" [econ.] good <n>"),
            ("good".to_string(), vec!["econ.".to_string()])
        );
        // Abbreviations are no glosses: FreeDict's with their pronunciation, Ding's
        // between slashes.
        assert_eq!(clean("government <n>Gov., /ɡˈoːf/").0, "government");
        assert_eq!(clean("number <n>no.,  /nˈoː/ No.,  /nˈoː/").0, "number");
        // Alternative by alternative, as senses are shown.
        assert_eq!(
            labelled_sense("number <n>no.,  /nˈoː/ No.,  /nˈoː/").0,
            "number"
        );
        assert_eq!(
            labelled_sense("government <n>Gov.,  /ɡˈoːf/ Govt.,  /ɡˈɔft/ , administration <n>").0,
            "government, administration"
        );
        assert_eq!(
            labelled_sense("on averageon avg.,  /ˈoːn ˈafk/").0,
            "on average"
        );
        assert_eq!(labelled_sense("number /no.; No./").0, "number");
        assert_eq!(
            labelled_sense("government /Gov.; Govt./; administration").0,
            "government; administration"
        );
        assert_eq!(labelled_sense("at/in; sb./sth.").0, "at/in; sb./sth.");
        assert_eq!(
            clean("government <n>Gov.,  /ɡˈoːf/ Govt.,  /ɡˈɔft/ , administration <n>").0,
            "government, administration"
        );
        assert_eq!(
            clean("government /Gov.; Govt./; administration").0,
            "government; administration"
        );
        assert_eq!(
            clean("protect sb./sth. from sb./sth.").0,
            "protect sb./sth. from sb./sth."
        );
        assert_eq!(clean("to be {was, were; been}").0, "to be");
        assert_eq!(clean("either/or").0, "either/or");
    }

    #[test]
    fn the_gender_the_analysis_is_sure_of_picks_the_noun_and_regions_cost_little() {
        let entries = vec![
            (
                "d".to_string(),
                parse("Junge", "Junge /jˈʊŋə/ <neut, n, sg>\nyoung one <n>\n"),
            ),
            (
                "d".to_string(),
                parse(
                    "Junge",
                    "Junge /jˈʊŋə/ <masc, n, sg>\n [Norddt.]  [Mitteldt.] boy <n>\n",
                ),
            ),
        ];
        let first = |g| {
            rank_in(
                &entries,
                "Junge",
                Some(Pos::Noun),
                InSentence {
                    gender: g,
                    ..InSentence::default()
                },
            )
            .first()
            .map(|r| r.sense.clone())
            .unwrap_or_default()
        };
        assert_eq!(first(Some(Gender::Masculine)), "boy");
        assert_eq!(first(Some(Gender::Neuter)), "young one");
        // An entry of another gender is another word: none of its senses, however
        // many entries agree on them.
        let band = |g: &str, sense: &str| {
            let text = format!("Band /bˈant/ <{g}, n, sg>\n{sense} <n>\n");
            ("d".to_string(), parse("Band", &text))
        };
        let entries = vec![
            band("neut", "band"),
            band("fem", "band"),
            band("neut", "band"),
            band("masc", "volume"),
        ];
        let masculine = rank_in(
            &entries,
            "Band",
            Some(Pos::Noun),
            InSentence {
                gender: Some(Gender::Masculine),
                ..InSentence::default()
            },
        );
        let senses: Vec<&str> = masculine.iter().map(|r| r.sense.as_str()).collect();
        assert_eq!(senses, ["volume"]);
        assert!(is_region("norddt") && is_region("am") && is_region("westös"));
        assert!(!is_region("econ") && !is_region("hist"));
    }

    #[test]
    fn the_fitting_plain_common_sense_comes_first() {
        let entries = vec![
            (
                "d".to_string(),
                parse(
                    "gut",
                    "gut /ɡˈuːt/\ncum laude\n         Note: akademische Bewertung\n",
                ),
            ),
            (
                "d".to_string(),
                parse("gut", "Gut /ɡˈuːt/ <neut, n, sg>\n [econ.] good <n>\n"),
            ),
            (
                "d".to_string(),
                parse("gut", "gut /ɡˈuːt/ <adj>\nproficient <adj>\n"),
            ),
            (
                "d".to_string(),
                parse("gut", "gut /ɡˈuːt/ <adj>\ngood <adj>\n"),
            ),
        ];
        let r = rank(&entries, "gut", Some(Pos::Adjective));
        assert_eq!(r[0].sense, "good");
        assert_eq!(r[0].headword, "gut");
    }

    #[test]
    fn a_sense_written_otherwise_in_another_dictionary_is_the_same_sense() {
        assert_eq!(
            sense_key("to bet on sth.; to place one’s bet on sth."),
            sense_key("bet on sth., place one's bet on sth.")
        );
        assert_ne!(sense_key("to show off"), sense_key("show"));
        let entries = vec![
            ("a".to_string(), parse("x", "x <v>\nshow off <v>\n")),
            ("b".to_string(), parse("x", "x <v>\nto show off\n")),
        ];
        let r = rank(&entries, "x", Some(Pos::Verb));
        assert_eq!(r.len(), 1, "{r:?}");
    }

    /// The first sense ranked for a lemma of a class in a sentence.
    fn first_sense(entries: &[(String, Entry)], lemma: &str, pos: Pos, here: InSentence) -> String {
        rank_in(entries, lemma, Some(pos), here)
            .first()
            .map(|r| r.sense.clone())
            .unwrap_or_default()
    }

    #[test]
    fn a_sense_whose_german_note_names_a_noun_of_the_sentence_comes_first() {
        let entries = [
            (
                "d".to_string(),
                parse("aufgehen", "aufgehen <v, intr>\nmerge <v>\n"),
            ),
            (
                "d".to_string(),
                parse(
                    "aufgehen",
                    "aufgehen <v, intr>\nprove <v>\n         Note: dough\n\n         Note: Teig\n",
                ),
            ),
            (
                "d".to_string(),
                parse(
                    "aufgehen",
                    "aufgehen\n {vi} (Knoten, Knopf usw.)\n   to come undone\n",
                ),
            ),
            (
                "d".to_string(),
                parse(
                    "einsteigen",
                    "einsteigen <v, intr>\n [transp.]  [in einen Bus/LKW/Zug] get on <v>\n",
                ),
            ),
        ];
        assert_eq!(entries[1].1.note_nouns, vec!["teig".to_string()]);
        assert_eq!(entries[2].1.note_nouns, vec!["knoten", "knopf"]);
        assert_eq!(entries[3].1.note_nouns, vec!["bus", "lkw", "zug"]);
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let first = |sentence: &[String]| {
            first_sense(
                &entries[..3],
                "aufgehen",
                Pos::Verb,
                InSentence {
                    words: sentence,
                    ..InSentence::default()
                },
            )
        };
        // The noun as written or as the lemma of a form of it.
        assert_eq!(first(&words("der teig ging gut auf")), "prove");
        assert_eq!(first(&words("die knöpfe gingen auf")), "to come undone");
        assert_ne!(first(&words("alles ging auf")), "prove");
    }

    #[test]
    fn a_person_as_object_leaves_out_senses_for_things_only() {
        let entries = vec![
            (
                "d".to_string(),
                parse(
                    "ansprechen",
                    "ansprechen <v, trans>
broach the issue of sth. <v>
",
                ),
            ),
            (
                "d".to_string(),
                parse(
                    "ansprechen",
                    "ansprechen <v, trans>
speak to sb. <v>
",
                ),
            ),
        ];
        let first = |person_object| {
            first_sense(
                &entries,
                "ansprechen",
                Pos::Verb,
                InSentence {
                    person_object,
                    ..InSentence::default()
                },
            )
        };
        assert_eq!(first(true), "speak to sb.");
        let score_of = |person_object, sense: &str| {
            let here = InSentence {
                person_object,
                ..InSentence::default()
            };
            rank_in(&entries, "ansprechen", Some(Pos::Verb), here)
                .iter()
                .find(|r| r.sense == sense)
                .map(|r| r.score)
                .unwrap_or_default()
        };
        let thing = "broach the issue of sth.";
        assert!(score_of(true, thing) < score_of(false, thing));
        // A sense whose object is a person gains there ("advise sb. of sth." before
        // "communicate" for *teilte mir mit*).
        assert!(score_of(true, "speak to sb.") > score_of(false, "speak to sb."));
        assert!(person_object_gloss("advise sb. of sth."));
        assert!(!person_object_gloss("communicate"));
        assert!(thing_object_only("make sth. ready"));
        assert!(!thing_object_only("give sb. sth."));
        assert!(!thing_object_only("sleep"));
    }

    #[test]
    fn an_auxiliary_used_as_one_gets_its_auxiliary_sense() {
        let entries = vec![
            ("d".to_string(), parse("werden", "werden <v>\ngrow <v>\n")),
            (
                "d".to_string(),
                parse("werden", "werden <v>\nwill, shall <v>\n"),
            ),
            ("d".to_string(), parse("werden", "werden <v>\nbecome <v>\n")),
        ];
        let first = |auxiliary_use| {
            first_sense(
                &entries,
                "werden",
                Pos::Verb,
                InSentence {
                    auxiliary_use,
                    ..InSentence::default()
                },
            )
        };
        assert_eq!(first(Some(true)), "will, shall");
        assert_ne!(first(Some(false)), "will, shall");
        assert!(auxiliary_gloss("be able, can"));
        assert!(auxiliary_gloss("will be"));
        assert!(!auxiliary_gloss("grow"));
        assert!(!auxiliary_gloss("will power"));
    }

    #[test]
    fn a_possessive_is_glossed_for_its_owner_s_number() {
        let entries = vec![
            ("d".to_string(), parse("ihr", "ihr <pron>\nher <pron>\n")),
            (
                "d".to_string(),
                parse("ihr", "ihr <pron>\nhers, their, theirs <pron>\n"),
            ),
        ];
        let first = |owner_plural| {
            first_sense(
                &entries,
                "ihr",
                Pos::Pronoun,
                InSentence {
                    owner_plural,
                    ..InSentence::default()
                },
            )
        };
        assert_eq!(first(Some(true)), "hers, their, theirs");
        assert_eq!(first(Some(false)), "her");
    }

    #[test]
    fn a_pronoun_object_is_glossed_as_an_english_object_of_its_number() {
        let entries = vec![
            (
                "d".to_string(),
                parse(
                    "sie",
                    "sie <pron>
she (her) <pron>
",
                ),
            ),
            (
                "d".to_string(),
                parse(
                    "sie",
                    "sie <pron>
they (them) <pron>
",
                ),
            ),
        ];
        let first = |plural| {
            first_sense(
                &entries,
                "sie",
                Pos::Pronoun,
                InSentence {
                    object: Some(ObjectPronoun {
                        person: 3,
                        plural,
                        reflexive: false,
                        subject: false,
                    }),
                    ..InSentence::default()
                },
            )
        };
        assert_eq!(first(true), "they (them)");
        assert_eq!(first(false), "she (her)");
    }

    #[test]
    fn an_object_pronoun_means_its_person_reflexive_where_its_subject_is_the_same() {
        let entries = vec![
            (
                "d".to_string(),
                parse("uns", "uns <pron>\nourselves <pron>\n"),
            ),
            ("d".to_string(), parse("uns", "uns <pron>\nus <pron>\n")),
            ("d".to_string(), parse("ihr", "ihr <pron>\nher <pron>\n")),
        ];
        let first = |person, plural, reflexive| {
            first_sense(
                &entries,
                "uns",
                Pos::Pronoun,
                InSentence {
                    object: Some(ObjectPronoun {
                        person,
                        plural,
                        reflexive,
                        subject: false,
                    }),
                    ..InSentence::default()
                },
            )
        };
        assert_eq!(first(1, true, false), "us");
        assert_eq!(first(1, true, true), "ourselves");
        // *euch* is no "her", a sense of another person's form.
        assert!(!object_gloss(
            "her",
            ObjectPronoun {
                person: 2,
                plural: true,
                reflexive: false,
                subject: false,
            }
        ));
        assert!(object_gloss(
            "you",
            ObjectPronoun {
                person: 2,
                plural: true,
                reflexive: false,
                subject: false,
            }
        ));
    }

    #[test]
    fn a_participles_entry_does_not_give_the_verbs_meaning() {
        let entries = vec![
            (
                "d".to_string(),
                parse("erschaffen", "erschaffen\ncreated\n"),
            ),
            (
                "d".to_string(),
                parse("erschaffen", "erschaffen <v>\ncreate sth. (new) <v>\n"),
            ),
        ];
        let first = |pos| first_sense(&entries, "erschaffen", pos, InSentence::default());
        assert_eq!(first(Pos::Verb), "create sth. (new)");
        assert_eq!(first(Pos::Participle), "created");
        assert!(participle_gloss("created; framed") && participle_gloss("stopped, carried"));
        assert!(participle_gloss("surprising") && !participle_gloss("thing"));
        assert!(!participle_gloss("red") && !participle_gloss("created anew, new"));
    }

    #[test]
    fn a_word_several_senses_give_is_a_main_meaning() {
        let entry = |gloss: &str| {
            (
                "d".to_string(),
                parse("schwer", &format!("schwer <adj>\n{gloss} <adj>\n")),
            )
        };
        let entries = vec![
            entry("big"),
            entry("hard"),
            entry("difficult, hard"),
            entry("toilsome"),
        ];
        let r = rank(&entries, "schwer", Some(Pos::Adjective));
        let at = |s: &str| r.iter().position(|x| x.sense == s).expect("ranked");
        assert!(at("hard") < at("big"), "{r:?}");
        assert!(at("difficult, hard") < at("toilsome"), "{r:?}");
        // A verb's object placeholder does not make another word.
        assert_eq!(
            alternative_keys("to give sth. (to sb.), help sb./sth."),
            ["give", "help"]
        );
    }

    #[test]
    fn the_everyday_alternative_is_the_most_common_one() {
        let sense = "business venture, company, enterprise";
        let pick = most_common_alternative(sense);
        let c = |w: &str| alternative_commonness(w);
        assert!(
            sense
                .split(", ")
                .all(|alt| alt == pick || c(alt) <= c(pick)),
            "{pick}"
        );
        assert_eq!(most_common_alternative("race"), "race");
        // The general word before the phrases made of it.
        assert_eq!(
            most_common_alternative("raspberry bush, raspberry shrub, raspberry"),
            "raspberry"
        );
    }

    #[test]
    fn a_function_words_gloss_is_common_and_its_class_decides() {
        let entries = vec![
            ("d".to_string(), parse("der", "der <pron>\nthat <pron>\n")),
            ("d".to_string(), parse("der", "der <art>\nthe <art>\n")),
            ("d".to_string(), parse("der", "der\nwho\n")),
        ];
        assert_eq!(rank(&entries, "der", Some(Pos::Article))[0].sense, "the");
        let entries = vec![
            ("d".to_string(), parse("zu", "zu <adv>\ntoo <adv>\n")),
            ("d".to_string(), parse("zu", "zu <conj>\nto <conj>\n")),
        ];
        assert_eq!(rank(&entries, "zu", Some(Pos::Particle))[0].sense, "to");
        assert_eq!(rank(&entries, "zu", Some(Pos::Adverb))[0].sense, "too");
    }

    #[test]
    fn after_a_comparative_the_sense_used_after_one_comes_first() {
        let entries = vec![
            ("d".to_string(), parse("als", "als <conj>\nas <conj>\n")),
            (
                "d".to_string(),
                parse(
                    "als",
                    "als <conj>\nthan <conj>\n  \"teurer als das alte\"  - dearer than the old one\n",
                ),
            ),
        ];
        assert!(entries[1].1.before_headword.contains(&"teurer".to_string()));
        let first = |after_comparative| {
            first_sense(
                &entries,
                "als",
                Pos::Conjunction,
                InSentence {
                    after_comparative,
                    ..InSentence::default()
                },
            )
        };
        assert_eq!(first(true), "than");
        assert_ne!(first(true), first(false));
    }

    #[test]
    fn a_verbs_gloss_does_not_lead_for_another_class() {
        assert!(verbal_gloss("suppose sth."));
        assert!(verbal_gloss("to suppose sth."));
        assert!(verbal_gloss("influence sb./sth., affect sth."));
        assert!(!verbal_gloss("capable of sth."));
        assert!(!verbal_gloss("to"));
        assert!(!verbal_gloss("probably"));
        let entries = vec![
            (
                "d".to_string(),
                parse("vermutlich", "vermutlich <adv, v>\nsuppose sth. <v, adv>\n"),
            ),
            (
                "d".to_string(),
                parse("vermutlich", "vermutlich <adv>\npresumably <adv>\n"),
            ),
        ];
        assert_eq!(
            rank(&entries, "vermutlich", Some(Pos::Adverb))[0].sense,
            "presumably"
        );
    }

    #[test]
    fn a_sense_is_as_marginal_as_its_most_marginal_label() {
        let entries = vec![
            (
                "d".to_string(),
                parse(
                    "Hemmnis",
                    "Hemmnis <neut, n, sg>\n [geh.]  [übtr.] barrier <n> [fig.]\n",
                ),
            ),
            (
                "d".to_string(),
                parse("Hemmnis", "Hemmnis <neut, n, sg>\n [econ.] blocker <n>\n"),
            ),
        ];
        let r = rank(&entries, "Hemmnis", Some(Pos::Noun));
        assert_eq!(r[0].sense, "barrier", "{r:?}");
    }

    #[test]
    fn a_colloquial_german_sense_comes_after_a_fields_plain_word() {
        let entries = vec![
            (
                "d".to_string(),
                parse(
                    "Verkehr",
                    "Verkehr <masc, n, sg>\n [ugs.] sexual intercourse <n>, sex <n> [coll.]\n",
                ),
            ),
            (
                "d".to_string(),
                parse("Verkehr", "Verkehr <masc, n, sg>\n [transp.] traffic <n>\n"),
            ),
        ];
        assert!(label_cost("ugs.") > label_cost("transp."));
        assert!(label_cost("coll.") < label_cost("transp."));
        let r = rank(&entries, "Verkehr", Some(Pos::Noun));
        assert_eq!(r[0].sense, "traffic", "{r:?}");
    }

    #[test]
    fn a_sense_whose_preposition_the_sentence_has_comes_first() {
        let entries = vec![
            ("d".to_string(), parse("klagen", "klagen\n\n   to sue\n")),
            (
                "d".to_string(),
                parse("klagen", "klagen\n {vi} (über)\n   to complain (of)\n"),
            ),
        ];
        assert_eq!(entries[1].1.complement, vec!["über"]);
        assert!(!entries[1].1.noted, "a complement is no special use");
        let words: Vec<String> = ["andere", "über", "sinkende", "umsätze"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let r = rank_in(
            &entries,
            "klagen",
            Some(Pos::Verb),
            InSentence {
                words: &words,
                ..InSentence::default()
            },
        );
        assert_eq!(r[0].sense, "to complain (of)");
        // Without the preposition, the other reading is as likely: no gain.
        assert_eq!(complement_fit(&entries[1].1, &[]), 0.0);
        // A pronominal adverb holds the preposition (*klagten darüber*).
        let adverb = ["klagten".to_string(), "darüber".to_string()];
        assert_eq!(complement_fit(&entries[1].1, &adverb), COMPLEMENT);
    }

    #[test]
    fn cognates_are_found_by_their_roots() {
        assert!(cognate("effizient", "efficient"));
        assert!(cognate("Strategie", "game plan; strategy"));
        assert!(!cognate("Strategie", "game plan"));
        assert!(!cognate("gut", "good"));
    }

    #[test]
    fn a_label_after_an_alternative_is_that_alternatives() {
        // The slang word goes, the sense stays plain.
        assert_eq!(
            labelled_sense("because; cos; cuz [slang]; as; since"),
            ("because; cos; as; since".to_string(), 0.0)
        );
        // A label before the first word is the whole sense's.
        let (text, cost) = labelled_sense(" [econ.] good <n>");
        assert_eq!(text, "good");
        assert_eq!(cost, label_cost("econ."));
        // Every alternative marked: the least marked one's cost.
        let (text, cost) = labelled_sense("cuz [slang], cos [coll.]");
        assert_eq!(text, "cos");
        assert_eq!(cost, label_cost("coll."));
        let (text, cost) = labelled_sense("gee [slang]");
        assert_eq!(text, "gee");
        assert_eq!(cost, label_cost("slang"));
        // Commas inside brackets do not split.
        assert_eq!(
            labelled_sense("to switch off sth. (switch, light, device etc.)").0,
            "to switch off sth. (switch, light, device etc.)"
        );
    }

    #[test]
    fn a_preposition_is_glossed_for_the_case_it_governs() {
        let entries = vec![
            (
                "d".to_string(),
                parse(
                    "in",
                    "in /ˈɪn/ ([wohin?, bis wann?+ acc]) <prep>\ninto <prep>, to <prep>\n",
                ),
            ),
            (
                "d".to_string(),
                parse(
                    "in",
                    "in /ˈɪn/ ([wo?, wann?+ dat]) <prep>\nin <prep>, at <prep>\n",
                ),
            ),
            (
                "d".to_string(),
                parse("in", "in\n {prp; wo? +Dat.}\n   in; at\n"),
            ),
        ];
        assert_eq!(entry_case(&entries[0].1), Some(Case::Accusative));
        assert_eq!(entry_case(&entries[1].1), Some(Case::Dative));
        assert_eq!(entry_case(&entries[2].1), Some(Case::Dative));
        let first = |case| {
            rank_in(
                &entries,
                "in",
                Some(Pos::Preposition),
                InSentence {
                    governed_case: Some(case),
                    ..InSentence::default()
                },
            )[0]
            .sense
            .clone()
        };
        assert_eq!(first(Case::Dative), "in, at");
        assert_eq!(first(Case::Accusative), "into, to");
    }

    #[test]
    fn object_frames_are_the_verbs_own() {
        assert!(is_object_frame("jdn./etw. beeinflussen", "beeinflussen"));
        assert!(is_object_frame("etw. untersuchen", "untersuchen"));
        assert!(is_object_frame("jdm. etw. bringen", "bringen"));
        assert!(!is_object_frame("etw. in Gang setzen", "setzen"));
        assert!(!is_object_frame("beeinflussen", "beeinflussen"));
        assert!(!is_object_frame("sich setzen", "setzen"));
    }

    #[test]
    fn a_verb_with_its_object_weighs_as_the_verb_itself() {
        // The bare headword first, with a rarer gloss; the frame's gloss is the common
        // one, and nothing else tells them apart.
        let entries = vec![
            (
                "d".to_string(),
                parse("aufmachen", "aufmachen <v>\nundo <v>\n"),
            ),
            (
                "d".to_string(),
                parse("etw. aufmachen", "etw. aufmachen <v>\nopen sth. <v>\n"),
            ),
        ];
        assert!(commonness("open sth.") > commonness("undo"));
        let r = rank(&entries, "aufmachen", Some(Pos::Verb));
        assert_eq!(r[0].sense, "open sth.");
    }

    #[test]
    fn an_english_comparative_is_known_by_its_base() {
        let bases = |b: &[&str]| b.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(degree_of("cheaper", &bases(&["reasonable, cheap"]), false));
        assert!(degree_of("bigger", &bases(&["big"]), false));
        assert!(degree_of("larger", &bases(&["large"]), false));
        assert!(degree_of("happier", &bases(&["happy"]), false));
        assert!(degree_of("more convenient", &bases(&["convenient"]), false));
        assert!(degree_of("better", &bases(&["good"]), false));
        assert!(degree_of("further", &bases(&["far"]), false));
        assert!(degree_of("biggest", &bases(&["big"]), true));
        assert!(degree_of("best", &bases(&["good"]), true));
        // Another word, or another degree.
        assert!(!degree_of("earlier, anterior", &bases(&["old"]), false));
        assert!(!degree_of("more base, baser", &bases(&["low"]), false));
        assert!(!degree_of("bigger", &bases(&["big"]), true));
        assert!(!degree_of("cheap", &bases(&["cheap"]), false));
    }

    #[test]
    fn affix_entries_are_not_words() {
        assert!(is_affix("Groß…"));
        assert!(is_affix("-los"));
        assert!(!is_affix("groß"));
        assert!(!is_affix("to let oneself …") && !is_affix("sich … lassen"));
        assert!(is_affix("non-, non…"));
    }
}
