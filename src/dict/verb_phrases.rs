//! A verb's entries with the words of its clause, as dictionaries list them: its
//! preposition and object ("von etw. abhängen", "von einer Sache abhängen" for *hängt …
//! davon ab*), its reflexive pronoun ("sich wundern"), and an idiom it makes with the
//! words before the clause's end ("etw. auf den Markt bringen" for *bringt … auf den
//! Markt*). Only what the sentence holds is tried, and only what a dictionary lists is
//! found: nothing is made up.

use super::entry::Entry;
use super::rank::{self, Ranked};
use super::{DictError, Dictionaries};
use crate::german::Pos;
use crate::german::analysis::{Analysis, pronoun_person, subject_of_person};
use crate::german::lexicon::Lexicon;
use crate::german::sentence::{Token, tokens};
use crate::german::tags::{Case, VerbForm};

/// Whether the lexicon reads a word as an article.
fn is_article(word: &str) -> bool {
    crate::german::lexicon().is_ok_and(|lex| {
        lex.readings(&word.to_lowercase())
            .iter()
            .any(|r| r.tag.pos == Pos::Article)
    })
}

/// A text with its first letter in lower case, as a phrase is listed ("Zum Glück" is
/// "zum Glück").
fn lower_first(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Entries read per headword tried.
const ENTRIES_PER_HEAD: usize = 12;
/// Words of an idiom besides the verb and its object placeholder, at most.
const MAX_IDIOM_WORDS: usize = 3;

/// How dictionaries write a verb's objects before it, besides the frames the ranking knows
/// ("etw.", "jdn./etw." …): Ding also writes "einer Sache", and a dative object after a
/// preposition "jdm./etw." ("jdn./etw. vor jdm./etw. schützen").
const MORE_OBJECTS: [&str; 2] = ["einer Sache", "jdm./etw."];

/// How dictionaries write an object before a verb's preposition ("jdn. an etw.
/// erinnern", "jdn./etw. vor jdm./etw. schützen"): tried for a preposition looked up, as
/// each form costs a look at every index.
const OBJECTS_BEFORE: [&str; 4] = ["etw.", "jdn.", "jdm.", "jdn./etw."];

/// The objects after the preposition where one stands before it, as dictionaries write
/// nearly all such frames.
const OBJECTS_AFTER: [&str; 4] = ["etw.", "jdm.", "jdn.", "jdm./etw."];

/// The person a reflexive verb's frame may name before its preposition, though the
/// sentence leaves it out: "sich bei jdm. für etw. bedanken" for *bedanke mich für Ihre
/// Mühe*.
const PERSONS_BEFORE: [&str; 2] = ["bei jdm.", "mit jdm."];

/// A verb phrase found: the headword as the dictionary writes it, and its ranked senses.
pub(super) struct VerbPhrase {
    pub headword: String,
    pub ranked: Vec<Ranked>,
}

/// A headword as a dictd index keys it: lower case, letters, digits and single spaces.
fn keyed(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `middle lemma` with each way of writing an object before it, and without one: as a
/// dictd index keys it, and as written where a StarDict dictionary is installed. No
/// duplicates.
fn heads_with_objects(middle: &str, lemma: &str, as_written: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let plain = format!("{middle} {lemma}");
    let objects = rank::OBJECT_FRAMES.iter().chain(MORE_OBJECTS.iter());
    for written in objects
        .map(|o| format!("{o} {plain}"))
        .chain(std::iter::once(plain.clone()))
    {
        push_forms(&mut out, written, as_written);
    }
    out
}

/// A headword as a dictd index keys it, and as written if asked; each once.
fn push_forms(out: &mut Vec<String>, written: String, as_written: bool) {
    let key = keyed(&written);
    if !out.contains(&key) {
        out.push(key);
    }
    if as_written && !out.contains(&written) {
        out.push(written);
    }
}

/// The senses of every listed headword among `heads`, each entry ranked under its own
/// headword, best first. A sense whose English word other headwords of the verb or the
/// bare `verb` give too is a main one ([`rank::agree_on_words`]): *hängt vom Wetter ab* is
/// "depend on sth." (Ding's "von einer Sache abhängen", FreeDict's "abhängen" with its
/// note "on"), not FreeDict's lone "ride on sth." under "von etw. abhängen".
fn ranked_heads(
    dicts: &Dictionaries,
    heads: &[String],
    verb: &str,
    problems: &mut Vec<DictError>,
) -> Option<VerbPhrase> {
    let mut ranked: Vec<Ranked> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for head in heads {
        let key = keyed(head);
        if seen.contains(&key) || !dicts.contains(head) {
            continue;
        }
        seen.push(key.clone());
        let (found, errs) = dicts.entries(head, ENTRIES_PER_HEAD);
        problems.extend(errs);
        let mut own: Vec<(String, Entry)> = found
            .into_iter()
            .filter(|(_, e)| keyed(&e.headword) == key)
            .collect();
        // One dictionary's headword spelling for all of them ("von etw. abhängen").
        let Some(headword) = own.first().map(|(_, e)| e.headword.clone()) else {
            continue;
        };
        for (_, e) in &mut own {
            e.headword.clone_from(&headword);
        }
        ranked.extend(rank::rank(&own, &headword, Some(Pos::Verb)));
    }
    if ranked.is_empty() {
        return None;
    }
    let (bare, errs) = dicts.entries(verb, ENTRIES_PER_HEAD);
    problems.extend(errs);
    let bare: Vec<(String, Entry)> = bare
        .into_iter()
        .filter(|(_, e)| e.headword == verb)
        .collect();
    rank::agree_on_words(&mut ranked, &rank::rank(&bare, verb, Some(Pos::Verb)));
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
    let headword = ranked.first()?.headword.clone();
    Some(VerbPhrase { headword, ranked })
}

/// A verb's phrases in its sentence: an idiom its clause ends with, then its preposition
/// or reflexive frame. Nothing for a word that is not a verb.
pub(super) fn verb_phrases(
    dicts: &Dictionaries,
    a: &Analysis,
    sentence: &str,
    problems: &mut Vec<DictError>,
) -> Vec<VerbPhrase> {
    if a.pos != Pos::Verb {
        return Vec::new();
    }
    let idiom = idiom(dicts, a, sentence, problems);
    idiom
        .into_iter()
        .chain(frame(dicts, a, sentence, problems))
        .collect()
}

/// The tokens of the clause that holds the byte range `from..to` (a verb, or a split verb
/// with its particle): between the clause-ending punctuation before and after it.
pub(super) fn clause_of<'a>(toks: &[Token<'a>], from: usize, to: usize) -> Vec<Token<'a>> {
    let first = toks
        .iter()
        .rposition(|t| t.end() <= from && t.ends_clause())
        .map_or(0, |b| b + 1);
    let last = toks
        .iter()
        .position(|t| t.start >= to && t.ends_clause())
        .unwrap_or(toks.len());
    toks.get(first..last).map(<[_]>::to_vec).unwrap_or_default()
}

/// The byte range of the verb with its particle, if it is split.
fn verb_range(a: &Analysis) -> (usize, usize) {
    match a.partner {
        Some((s, e)) => (a.start.min(s), a.end.max(e)),
        None => (a.start, a.end),
    }
}

/// Whether a token is the verb or its particle.
fn is_verb_part(t: &Token, a: &Analysis) -> bool {
    t.start == a.start || a.partner.is_some_and(|(s, _)| t.start == s)
}

/// The part of a clause that holds the verb, where *und*, *oder* or *aber* join it to
/// another part with a finite verb of its own: "Die Bahn entschuldigte sich … und bot
/// eine Entschädigung an" gives *anbieten* no *sich*. A clause whose other parts have no
/// finite verb is the verb's whole (*Er hat sich und die Familie …*).
fn own_conjunct<'a>(sentence: &str, clause: Vec<Token<'a>>, a: &Analysis) -> Vec<Token<'a>> {
    let Ok(lex) = crate::german::lexicon() else {
        return clause;
    };
    let coordinating = |t: &Token| {
        t.is_word
            && lex
                .readings(&t.text.to_lowercase())
                .iter()
                .any(|r| r.tag.pos == Pos::Conjunction && r.tag.coordinating)
    };
    // Only a clause with a conjunction needs the sentence analysed.
    if !clause.iter().any(coordinating) {
        return clause;
    }
    let analysed = crate::german::analysis::analysed_sentence(sentence);
    let finite = |t: &Token| {
        analysed.iter().any(|x| {
            x.start == t.start
                && x.pos == Pos::Verb
                && x.tag.as_ref().is_some_and(|g| g.is_finite())
        })
    };
    let mut parts: Vec<Vec<Token<'a>>> = vec![Vec::new()];
    for t in clause {
        if coordinating(&t) {
            parts.push(Vec::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(t);
        }
    }
    let own = parts
        .iter()
        .position(|p| p.iter().any(|t| t.start == a.start));
    let all_finite = parts.iter().all(|p| p.iter().any(&finite));
    match own {
        Some(k) if parts.len() > 1 && all_finite => parts.swap_remove(k),
        _ => parts.into_iter().flatten().collect(),
    }
}

/// Whether a word of a verb's clause is its reflexive pronoun: *sich* always; a first- or
/// second-person form the lexicon also lists under *sich* (*mich*, *uns*) only with a
/// subject of its person (*ich freue mich*; not *sie nahm mich in den Arm*).
fn reflexive_here(lex: &Lexicon, sentence: &str, t: &Token) -> bool {
    let w = t.text.to_lowercase();
    let readings = lex.readings(&w);
    if !readings
        .iter()
        .any(|r| r.tag.pos == Pos::Pronoun && r.lemma == "sich")
    {
        return false;
    }
    w == "sich"
        || readings.iter().any(|r| {
            r.tag.personal
                && r.tag.number.is_some_and(|n| {
                    pronoun_person(lex, &w, &r.tag)
                        .is_some_and(|p| p < 3 && subject_of_person(sentence, t.start, p, n))
                })
        })
}

/// The prepositions of the verb's clause, also inside pronominal adverbs (*davon* → *von*,
/// *darauf* → *auf*), and whether the clause has a reflexive pronoun. Words of other
/// clauses belong to other verbs: "konzentrierte sich … auf Effizienz, anstatt … Leistung
/// aufzubauen" gives *aufbauen* no "auf".
fn sentence_frame(
    sentence: &str,
    a: &Analysis,
    fixed_phrase: &dyn Fn(&[&str]) -> bool,
) -> (Vec<Preposition>, bool) {
    let Ok(lex) = crate::german::lexicon() else {
        return (Vec::new(), false);
    };
    let (from, to) = verb_range(a);
    let toks = tokens(sentence);
    let mut preps: Vec<Preposition> = Vec::new();
    let mut reflexive = false;
    let mut analysed: Option<std::rc::Rc<Vec<Analysis>>> = None;
    let infinitive = a
        .tag
        .as_ref()
        .is_some_and(|g| g.verb_form == Some(VerbForm::Infinitive));
    let clause = own_conjunct(sentence, clause_of(&toks, from, to), a);
    let first_word = clause.iter().position(|t| t.is_word);
    // A preposition that opens a phrase a dictionary lists with the words after it is
    // that phrase's (*Zum Glück hielt der Torwart*: no "zu jdm. halten").
    let opens_phrase = |k: usize| {
        (2..=3).any(|len| {
            let words: Vec<&str> = clause
                .iter()
                .skip(k)
                .take(len)
                .take_while(|t| t.is_word)
                .map(|t| t.text)
                .collect();
            words.len() == len && fixed_phrase(&words)
        })
    };
    for (k, t) in clause.iter().enumerate() {
        // The verb's own particle is no preposition of its frame (*kam … an*: not "an
        // jdn./etw. ankommen").
        if !t.is_word || is_verb_part(t, a) {
            continue;
        }
        let w = t.text.to_lowercase();
        let readings = lex.readings(&w);
        // The conjunction that opens an infinitive's group is none either (*um* of *um
        // ihre Tiere durch den Winter zu bringen*: not "jdn. um etw. bringen").
        if infinitive
            && first_word == Some(k)
            && readings.iter().any(|r| r.tag.infinitive_conjunction)
        {
            continue;
        }
        // A word right before the verb's infinitive is no preposition, which would have
        // no noun: it is the infinitive's particle (*zu bringen*).
        let infinitive_particle = t.end() <= a.start
            && infinitive
            && sentence
                .get(t.end()..a.start)
                .is_some_and(|between| between.trim().is_empty());
        // A word that is also an adverb is a preposition only where the analysis reads
        // it so: *für zu hoch hielt* has no "zu jdm. halten" ("too high").
        let adverb_here = readings.iter().any(|r| r.tag.pos == Pos::Adverb) && {
            let all = analysed
                .get_or_insert_with(|| crate::german::analysis::analysed_sentence(sentence));
            all.iter()
                .any(|x| x.start == t.start && x.pos == Pos::Adverb)
        };
        if readings.iter().any(|r| r.tag.pos == Pos::Preposition)
            && !infinitive_particle
            && !adverb_here
            && !opens_phrase(k)
        {
            // A contraction stands for its preposition (*hängt vom Wetter ab*: "von etw.
            // abhängen").
            let word = crate::german::government::contracted_preposition(lex, &w)
                .unwrap_or_else(|| w.clone());
            preps.push(Preposition {
                word,
                of_adverb: false,
                case: crate::german::government::governed_case(lex, sentence, t.start),
            });
        }
        if reflexive_here(lex, sentence, t) {
            reflexive = true;
        }
        if let Some(p) = crate::german::government::pronominal_preposition(&w) {
            preps.push(Preposition {
                word: p.to_string(),
                of_adverb: true,
                case: None,
            });
        }
    }
    preps.dedup();
    (preps, reflexive)
}

/// A verb's entry with its preposition or reflexive pronoun, as dictionaries write it
/// ("von etw. abhängen", "von einer Sache abhängen" for *hängt … davon ab*, "sich
/// wundern"), when the sentence has them: the senses of every such headword ranked
/// together.
fn frame(
    dicts: &Dictionaries,
    a: &Analysis,
    sentence: &str,
    problems: &mut Vec<DictError>,
) -> Option<VerbPhrase> {
    // An auxiliary's frames ("für etw. sein" "approve of sth.", "etw. mit jdm. haben")
    // are not read from its clause's prepositions: with *haben* and *sein* nearly every
    // clause has one that belongs to a noun, an adjective or another verb (*Erfolg mit
    // Hirse gehabt*, *für diese Sorten geeignet sind*).
    if is_auxiliary(&a.lemma) {
        return None;
    }
    // Not a preposition and an article alone ("mit dem", "in der" are listed): the
    // noun after them is the verb's object.
    let listed = |words: &[&str]| {
        let text = words.join(" ");
        !words.last().is_some_and(|w| is_article(w))
            && (dicts.contains(&text) || dicts.contains(&lower_first(&text)))
    };
    let (preps, reflexive) = sentence_frame(sentence, a, &listed);
    let found = |things_only: bool, problems: &mut Vec<DictError>| {
        let mut heads = frame_heads(&preps, things_only, reflexive, &a.lemma, dicts);
        if reflexive {
            push_forms(
                &mut heads,
                format!("sich {}", a.lemma),
                dicts.any_stardict(),
            );
            // With its object: "sich etw. leisten" "afford sth." (*sich den Flug leisten*).
            for obj in rank::OBJECT_FRAMES {
                push_forms(
                    &mut heads,
                    format!("sich {obj} {}", a.lemma),
                    dicts.any_stardict(),
                );
            }
        }
        ranked_heads(dicts, &heads, &a.lemma, problems)
    };
    if preps.iter().any(|p| p.of_adverb) {
        found(true, problems).or_else(|| found(false, problems))
    } else {
        found(false, problems)
    }
}

/// Whether the lexicon reads a verb lemma as an auxiliary (*haben*, *sein*, *werden*),
/// whatever form of it stands in the sentence (*gehabt* is read as a full verb's).
fn is_auxiliary(lemma: &str) -> bool {
    crate::german::lexicon().is_ok_and(|lex| {
        lex.readings(lemma)
            .iter()
            .any(|r| r.lemma == lemma && r.tag.auxiliary)
    })
}

/// A preposition of a verb's clause, and whether it stands in a pronominal adverb
/// (*davon*), which stands for a thing or a clause, never a person: its frames with a
/// thing's placeholder ("von etw. ausgehen" "assume") come before those with a person's
/// ("von jdm./etw. ausgehen" "originate from").
#[derive(PartialEq)]
struct Preposition {
    word: String,
    of_adverb: bool,
    /// The case it governs in the sentence, where that can be told (*am Freitag*:
    /// dative).
    case: Option<Case>,
}

/// The case an object placeholder after a preposition stands in: "jdn." (and
/// "jdn./etw.") the accusative, "jdm." and "einer Sache" the dative; "etw." either.
fn placeholder_case(object: &str) -> Option<Case> {
    let first = object.split_whitespace().next()?;
    if first.contains("jdn") {
        Some(Case::Accusative)
    } else if first.contains("jdm") || object.starts_with("einer ") {
        Some(Case::Dative)
    } else {
        None
    }
}

/// Whether a frame's object may stand after a preposition governing `case` there: a
/// two-way preposition's frame is of one case ("an jdn./etw. ankommen", accusative, is
/// not the *an* of *kommt am Freitag an*, dative).
fn case_fits(object: &str, case: Option<Case>) -> bool {
    match (placeholder_case(object), case) {
        (Some(wanted), Some(here)) => wanted == here,
        _ => true,
    }
}

/// Whether an object placeholder may stand for a person.
fn names_a_person(object: &str) -> bool {
    object.contains("jd")
}

/// The headwords a verb's frame with these prepositions may be listed under: "auf etw.
/// warten", "sich auf etw. konzentrieren", "jdn. vor etw. warnen", "jdn./etw. für etw.
/// halten" (for *hält das Projekt für unverzichtbar*), "stimmen für".
fn frame_heads(
    preps: &[Preposition],
    things_only: bool,
    reflexive: bool,
    lemma: &str,
    dicts: &Dictionaries,
) -> Vec<String> {
    let as_written = dicts.any_stardict();
    let mut heads: Vec<String> = Vec::new();
    for Preposition {
        word: p,
        of_adverb,
        case,
    } in preps
    {
        // Objects before the preposition only where a headword starts so: one look at
        // the index instead of one per object after it.
        let objects_before: Vec<&str> = OBJECTS_BEFORE
            .into_iter()
            .filter(|first| {
                let start = format!("{first} {p} ");
                dicts.has_prefix(&format!("{} ", keyed(&start)))
                    || as_written && dicts.has_prefix(&start)
            })
            .collect();
        // The same, one look at the index for each person a reflexive frame may name.
        let persons_before: Vec<&str> = PERSONS_BEFORE
            .into_iter()
            .filter(|person| {
                let start = format!("sich {person} {p} ");
                reflexive
                    && (dicts.has_prefix(&format!("{} ", keyed(&start)))
                        || as_written && dicts.has_prefix(&start))
            })
            .collect();
        let objects = rank::OBJECT_FRAMES.iter().chain(MORE_OBJECTS.iter());
        for obj in objects
            .filter(|o| !(things_only && *of_adverb && names_a_person(o)))
            .filter(|o| case_fits(o, *case))
        {
            let mut written = vec![format!("{p} {obj} {lemma}")];
            if reflexive {
                written.insert(0, format!("sich {p} {obj} {lemma}"));
                written.extend(
                    persons_before
                        .iter()
                        .map(|person| format!("sich {person} {p} {obj} {lemma}")),
                );
            }
            if OBJECTS_AFTER.contains(obj) {
                written.extend(
                    objects_before
                        .iter()
                        .map(|first| format!("{first} {p} {obj} {lemma}")),
                );
            }
            for w in written {
                push_forms(&mut heads, w, as_written);
            }
        }
        // Ding lists a verb with its preposition after it among its synonyms too
        // ("stimmen für; wählen; abstimmen {vi} (für)").
        push_forms(&mut heads, format!("{lemma} {p}"), as_written);
    }
    heads
}

/// The frame of a verb of its clause that a preposition (or the preposition in a
/// pronominal adverb: *darüber* → *über*) stands in, where a dictionary lists it: *über*
/// of *will über einen neuen Stürmer nachdenken* is the "über" of "über etw. nachdenken"
/// "think about sth.". Full verbs are tried before auxiliaries and modals.
pub(super) fn preposition_frame(
    dicts: &Dictionaries,
    sentence: &str,
    at: usize,
    preposition: &str,
    of_adverb: bool,
    problems: &mut Vec<DictError>,
) -> Option<VerbPhrase> {
    let analysed = crate::german::analysis::analysed_sentence(sentence);
    let me = analysed.iter().find(|x| x.start <= at && at < x.end)?;
    let toks = tokens(sentence);
    // Not an auxiliary's frames (see `frame`).
    let mut verbs: Vec<&Analysis> = analysed
        .iter()
        .filter(|x| x.pos == Pos::Verb && x.start != me.start)
        .filter(|x| !is_auxiliary(&x.lemma))
        .collect();
    verbs.sort_by_key(|v| v.tag.as_ref().is_some_and(|t| t.modal));
    let mut tried: Vec<&str> = Vec::new();
    for v in verbs {
        if tried.contains(&v.lemma.as_str()) {
            continue;
        }
        tried.push(&v.lemma);
        let (from, to) = verb_range(v);
        let clause = own_conjunct(sentence, clause_of(&toks, from, to), v);
        if !clause.iter().any(|t| t.start == me.start) {
            continue;
        }
        let reflexive = clause.iter().any(|t| {
            t.is_word && crate::german::lexicon().is_ok_and(|lex| reflexive_here(lex, sentence, t))
        });
        // An idiom of the verb with the preposition's own words first: *nach* of *kam
        // nach Hause* is the "nach" of "nach Hause kommen", not of "nach jdm. kommen".
        if !of_adverb
            && let Some(i) = idiom(dicts, v, sentence, problems)
            && i.headword
                .split_whitespace()
                .any(|w| w.to_lowercase() == preposition)
        {
            return Some(i);
        }
        let preps = [Preposition {
            word: preposition.to_string(),
            of_adverb,
            case: (!of_adverb)
                .then(|| {
                    crate::german::lexicon()
                        .ok()
                        .and_then(|lex| crate::german::government::governed_case(lex, sentence, at))
                })
                .flatten(),
        }];
        let mut found = None;
        for things_only in [true, false].into_iter().filter(|t| of_adverb || !t) {
            let heads = frame_heads(&preps, things_only, reflexive, &v.lemma, dicts);
            found = found.or_else(|| ranked_heads(dicts, &heads, &v.lemma, problems));
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

/// An idiom the verb makes with the words that end its clause, or stand just before it
/// or its particle ("auf den Markt bringt", "bringt … auf den Markt"): the dictionary's
/// "etw. auf den Markt bringen". The longest listed one.
fn idiom(
    dicts: &Dictionaries,
    a: &Analysis,
    sentence: &str,
    problems: &mut Vec<DictError>,
) -> Option<VerbPhrase> {
    let lex = crate::german::lexicon().ok()?;
    let (from, to) = verb_range(a);
    let toks = tokens(sentence);
    let clause = clause_of(&toks, from, to);
    // Where an idiom's words end: before the verb, before its particle, before a "zu" of
    // a zu-infinitive, and at the clause's end.
    // The idiom's words stand before the verb parts that end the clause (*auf den Markt
    // bringt*, *… auf den Markt zu bringen*, *bringt … auf den Markt*): not before a verb
    // in second place, where the subject stands.
    let verb_or_zu = |k: usize| {
        clause.get(k).is_some_and(|t| {
            is_verb_part(t, a)
                || t.text == "zu" && clause.get(k + 1).is_some_and(|n| is_verb_part(n, a))
        })
    };
    let mut ends: Vec<usize> = vec![clause.len()];
    let mut k = clause.len();
    while k > 0 && (verb_or_zu(k - 1) || !clause[k - 1].is_word) {
        k -= 1;
        if verb_or_zu(k) {
            ends.push(k);
        }
    }
    // Words that make no idiom alone: articles and pronouns (*es gibt* is the phrase
    // search's), prepositions and pronominal adverbs (*davon*: the frame search's).
    let bare = |t: &Token| {
        let w = t.text.to_lowercase();
        crate::german::government::pronominal_preposition(&w).is_some()
            || lex
                .readings(&w)
                .iter()
                .any(|r| matches!(r.tag.pos, Pos::Article | Pos::Pronoun | Pos::Preposition))
    };
    // An auxiliary or modal with the infinitive or participle it governs makes a verb
    // form, not an idiom (*warten musste*: not the entry "warten müssen" "kick one's
    // heels").
    let helper = a.tag.as_ref().is_some_and(|t| t.auxiliary || t.modal);
    let governed = |t: &Token| {
        lex.readings(t.text).iter().any(|r| {
            r.tag.pos == Pos::Verb
                && matches!(
                    r.tag.verb_form,
                    Some(VerbForm::Infinitive | VerbForm::PastParticiple)
                )
        })
    };
    for len in (1..=MAX_IDIOM_WORDS).rev() {
        for &end in &ends {
            let Some(window) = end.checked_sub(len).and_then(|s| clause.get(s..end)) else {
                continue;
            };
            if window
                .iter()
                .any(|t| !t.is_word || is_verb_part(t, a) || t.text == "zu")
                || window.iter().all(bare)
                || helper && window.iter().all(governed)
                || in_prepositional_phrase(&clause, end - len)
            {
                continue;
            }
            let middle = window.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            let heads = heads_with_objects(&middle, &a.lemma, dicts.any_stardict());
            if let Some(found) = ranked_heads(dicts, &heads, &a.lemma, problems) {
                return Some(found);
            }
        }
    }
    None
}

/// Whether the words from `start` on stand in a prepositional phrase that starts before
/// them: past the articles, pronouns and adjectives of their noun phrase, a preposition
/// (*um sein Geld*). An idiom without the preposition is not made of them (*ihn um sein
/// Geld bringen* is not "Geld bringen" "be a moneymaker").
pub(super) fn in_prepositional_phrase(clause: &[Token], start: usize) -> bool {
    let Ok(lex) = crate::german::lexicon() else {
        return false;
    };
    let can_be = |t: &Token, classes: &[Pos]| {
        lex.readings(&t.text.to_lowercase())
            .iter()
            .any(|r| classes.contains(&r.tag.pos))
    };
    let Some(before) = clause.get(..start) else {
        return false;
    };
    before
        .iter()
        .rev()
        .find(|t| {
            !t.is_word
                || !can_be(
                    t,
                    &[Pos::Article, Pos::Pronoun, Pos::Adjective, Pos::Participle],
                )
        })
        .is_some_and(|t| t.is_word && can_be(t, &[Pos::Preposition]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause_words(sentence: &str, word: &str) -> Vec<String> {
        let toks = tokens(sentence);
        let at = sentence.find(word).unwrap_or(0);
        clause_of(&toks, at, at + word.len())
            .iter()
            .filter(|t| t.is_word)
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn a_placeholder_after_a_preposition_has_its_case() {
        assert_eq!(placeholder_case("jdn./etw."), Some(Case::Accusative));
        assert_eq!(placeholder_case("jdm. etw."), Some(Case::Dative));
        assert_eq!(placeholder_case("einer Sache"), Some(Case::Dative));
        assert_eq!(placeholder_case("etw."), None);
        assert!(!case_fits("jdn.", Some(Case::Dative)));
        assert!(case_fits("etw.", Some(Case::Dative)));
        assert!(case_fits("jdn.", None));
    }

    #[test]
    fn a_verbs_clause_ends_at_its_commas() {
        let s = "Er konzentrierte sich auf Effizienz, anstatt mehr Leistung aufzubauen.";
        assert_eq!(
            clause_words(s, "aufzubauen"),
            ["anstatt", "mehr", "Leistung", "aufzubauen"]
        );
        assert_eq!(
            clause_words(s, "konzentrierte"),
            ["Er", "konzentrierte", "sich", "auf", "Effizienz"]
        );
        // A range across the whole clause (a split verb and its particle).
        let s = "Ob es klappt, hängt davon ab, wer kommt.";
        let toks = tokens(s);
        let (from, to) = (s.find("hängt").unwrap_or(0), s.find("ab,").unwrap_or(0) + 2);
        let words: Vec<&str> = clause_of(&toks, from, to)
            .iter()
            .filter(|t| t.is_word)
            .map(|t| t.text)
            .collect();
        assert_eq!(words, ["hängt", "davon", "ab"]);
    }

    #[test]
    fn an_adverb_that_is_also_a_preposition_is_none_of_the_frame() {
        let Ok(_) = crate::german::lexicon() else {
            return;
        };
        let s = "Sie lehnte den Entwurf ab, weil sie die Kosten für zu hoch hielt.";
        let hielt = crate::german::analysis::analyse_word(s, "hielt").expect("hielt");
        let (preps, _) = sentence_frame(s, &hielt, &|_| false);
        let words: Vec<&str> = preps.iter().map(|p| p.word.as_str()).collect();
        assert_eq!(words, ["für"]);
    }

    #[test]
    fn a_preposition_that_opens_a_listed_phrase_is_none_of_the_frame() {
        let Ok(_) = crate::german::lexicon() else {
            return;
        };
        let s = "Zum Glück hielt der Torwart den Elfmeter.";
        let hielt = crate::german::analysis::analyse_word(s, "hielt").expect("hielt");
        let listed = |words: &[&str]| words.join(" ") == "Zum Glück";
        let (preps, _) = sentence_frame(s, &hielt, &listed);
        assert!(preps.is_empty());
        let (preps, _) = sentence_frame(s, &hielt, &|_| false);
        assert_eq!(preps.len(), 1);
    }

    #[test]
    fn a_first_or_second_person_object_is_reflexive_only_with_its_subject() {
        let Ok(lex) = crate::german::lexicon() else {
            return;
        };
        let reflexive = |s: &str, word: &str| {
            tokens(s)
                .iter()
                .find(|t| t.text == word)
                .is_some_and(|t| reflexive_here(lex, s, t))
        };
        assert!(reflexive("Er freut sich auf den Urlaub.", "sich"));
        assert!(reflexive("Ich freue mich auf den Urlaub.", "mich"));
        assert!(reflexive(
            "Wir konzentrieren uns auf das Wesentliche.",
            "uns"
        ));
        assert!(!reflexive("Sie nahm mich fest in den Arm.", "mich"));
        assert!(!reflexive("Das erschien uns seltsam.", "uns"));
        // *die* of the object is no subject of the first person.
        assert!(!reflexive("Damals stellte er uns die Pläne vor.", "uns"));
        assert!(!reflexive("Sie nahm den Zug.", "den"));
    }

    #[test]
    fn headwords_are_tried_as_written_and_as_an_index_keys_them() {
        assert_eq!(
            keyed("jdn./etw.  auf den Markt bringen"),
            "jdnetw auf den markt bringen"
        );
        let heads = heads_with_objects("auf den Markt", "bringen", true);
        for h in [
            "etw. auf den Markt bringen",
            "etw auf den markt bringen",
            "einer sache auf den markt bringen",
            "auf den Markt bringen",
            "auf den markt bringen",
        ] {
            assert!(heads.iter().any(|x| x == h), "{h} in {heads:?}");
        }
        let mut unique = heads.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), heads.len());
        // Only the index's keys where no StarDict dictionary is installed.
        let keyed_only = heads_with_objects("auf den Markt", "bringen", false);
        assert!(keyed_only.iter().all(|h| *h == keyed(h)), "{keyed_only:?}");
        assert!(keyed_only.contains(&"etw auf den markt bringen".to_string()));
    }
}
