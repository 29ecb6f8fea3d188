//! A word analysed in its sentence: which of the lexicon's readings fits (capitals, the
//! words around it), split separable verbs linked by clause, participles led to their
//! verb, compounds and names the lexicon does not list. Rules over the lexicon's data;
//! no word is special-cased.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;

use super::Gender;
use super::compound;
use super::corrections::{Corrections, installed};
use super::frequency;
use super::government::Features;
use super::lexicon::{Lexicon, Reading, lexicon};
use super::sentence::{Token, tokens};
use super::tags::{Pos, Tag, VerbForm};
use super::unlisted;

/// How the lemma was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Basis {
    /// The lexicon lists the form.
    Lexicon,
    /// A split separable verb: the finite verb and its particle at the clause's end.
    Separable { verb: String, particle: String },
    /// A participle used as an adjective, led to its verb.
    Participle,
    /// A compound the lexicon does not list, split into known words.
    Compound { parts: Vec<String> },
    /// The -s genitive of a name.
    Genitive,
    /// Not in the lexicon: taken as written.
    Unknown,
    /// The lemma the user gave the word by hand ([`super::corrections`]).
    Corrected,
}

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The word as written.
    pub word: String,
    /// Its byte range in the sentence.
    pub start: usize,
    pub end: usize,
    /// The dictionary form (for a split separable verb, the whole verb).
    pub lemma: String,
    pub pos: Pos,
    /// The chosen reading's features, when the lexicon had one.
    pub tag: Option<Tag>,
    pub gender: Option<Gender>,
    /// The nominative plural (nouns), from the lexicon.
    pub plural: Option<String>,
    pub basis: Basis,
    /// The other part of a split separable verb: its byte range in the sentence.
    pub partner: Option<(usize, usize)>,
    /// Other lemmas the lexicon allows for the form, with their word classes.
    pub alternatives: Vec<(String, Pos)>,
}

/// A reading, and whether it came from the lower-cased form of a capitalised word.
#[derive(Debug, Clone)]
struct Candidate {
    reading: Reading,
    lowered: bool,
    /// The lemma's frequency (Zipf), to choose between readings of one class.
    zipf: f32,
}

/// A form's readings with their lemmas' frequencies.
type Readings = Arc<Vec<(Reading, f32)>>;

/// Forms met lately and their readings: a book repeats its words, and the lexicon and
/// frequency look-ups are the analysis's main cost. A cache only (bounded; cleared when
/// full).
fn readings_of(lex: &Lexicon, form: &str) -> Readings {
    static MEMO: OnceLock<Mutex<HashMap<String, Readings>>> = OnceLock::new();
    const MEMO_FORMS: usize = 50_000;
    let memo = MEMO.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(m) = memo.lock()
        && let Some(r) = m.get(form)
    {
        return Arc::clone(r);
    }
    let readings: Readings = Arc::new(
        lex.readings(form)
            .into_iter()
            .map(|r| {
                let z = frequency::zipf_or_rare(&r.lemma);
                (r, z)
            })
            .collect(),
    );
    if let Ok(mut m) = memo.lock() {
        if m.len() >= MEMO_FORMS {
            m.clear();
        }
        m.insert(form.to_string(), Arc::clone(&readings));
    }
    readings
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The readings of a word as written, and of its lower-cased form where a capital may
/// only mark the sentence's start.
fn candidates(lex: &Lexicon, word: &str, initial: bool) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = readings_of(lex, word)
        .iter()
        .map(|(reading, zipf)| Candidate {
            reading: reading.clone(),
            lowered: false,
            zipf: *zipf,
        })
        .collect();
    // Swiss spelling writes ss for ß (*grosse*, *ausserdem*): a form the lexicon does not
    // list is read as the standard spelling.
    if out.is_empty() && word.contains("ss") {
        let standard = word.replace("ss", "ß");
        out.extend(
            readings_of(lex, &standard)
                .iter()
                .map(|(reading, zipf)| Candidate {
                    reading: reading.clone(),
                    lowered: false,
                    zipf: *zipf,
                }),
        );
    }
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let listed = !out.is_empty();
    // A noun declined as an adjective in its strong form after *ein* or no article
    // (*ein Erwachsener*, *Angestellter*, *ein Deutsches*), where the lexicon lists only
    // its forms in *-e* and *-en*: the noun in *-e*, masculine with *-r*, neuter with *-s*.
    if capital && out.is_empty() {
        for (ending, gender) in [('r', Gender::Masculine), ('s', Gender::Neuter)] {
            let Some(stem) = word.strip_suffix(ending) else {
                continue;
            };
            if !lex.is_adjectival_noun(stem) {
                continue;
            }
            out.extend(
                readings_of(lex, stem)
                    .iter()
                    .filter(|(r, _)| {
                        r.lemma == stem
                            && r.tag.pos == Pos::Noun
                            && r.tag.gender == Some(gender)
                            && r.tag.case == Some(super::tags::Case::Nominative)
                            && r.tag.number == Some(super::tags::Number::Singular)
                    })
                    .map(|(reading, zipf)| Candidate {
                        reading: reading.clone(),
                        lowered: false,
                        zipf: *zipf,
                    }),
            );
        }
    }
    if capital && (initial || !listed) {
        let lower = lower_first(word);
        if lower != word {
            out.extend(
                readings_of(lex, &lower)
                    .iter()
                    .map(|(reading, zipf)| Candidate {
                        reading: reading.clone(),
                        lowered: true,
                        zipf: *zipf,
                    }),
            );
        }
    }
    out
}

/// A sentence's words with their candidates: the shared view of the context rules.
struct Context<'a> {
    toks: Vec<Token<'a>>,
    cands: Vec<Vec<Candidate>>,
    /// Per token: no other word of its clause can be a finite verb
    /// ([`Context::only_possible_finite`]), worked out once for all its readings.
    finite_alone: Vec<bool>,
}

impl Context<'_> {
    fn word(&self, i: usize) -> Option<&Token<'_>> {
        self.toks.get(i).filter(|t| t.is_word)
    }

    /// The next token is a word that can only be (or is written as) a noun or name.
    fn noun_at(&self, i: usize) -> bool {
        let Some(t) = self.word(i) else { return false };
        if !t.is_capitalised() {
            return false;
        }
        let c = &self.cands[i];
        c.is_empty()
            || c.iter()
                .any(|c| !c.lowered && matches!(c.reading.tag.pos, Pos::Noun | Pos::Name))
    }

    /// Whether a determiner's or adjective's reading agrees in case, number and gender
    /// with a reading of the noun it stands before (*diese Leute*: the plural; *viele
    /// Reisende*, a noun made from an adjective, strong as the adjective).
    fn agrees_with_next_noun(&self, i: usize, t: &Tag) -> bool {
        let Some(j) = (i + 1..self.toks.len().min(i + 5)).find(|&j| self.noun_at(j)) else {
            return false;
        };
        let agrees = |n: &Tag| {
            n.case == t.case
                && n.number == t.number
                && (t.gender.is_none() || n.gender.is_none() || n.gender == t.gender)
        };
        self.cands[j].iter().any(|c| {
            let n = &c.reading.tag;
            n.pos == Pos::Noun && agrees(n)
        }) || self.cands[j].iter().any(|c| c.reading.tag.nominalised)
            && lexicon().is_ok_and(|lex| {
                lex.readings(&self.toks[j].text.to_lowercase())
                    .iter()
                    .any(|r| r.tag.strong && agrees(&r.tag))
            })
    }

    fn can_be(&self, i: usize, pos: &[Pos]) -> bool {
        self.word(i).is_some()
            && self.cands[i]
                .iter()
                .any(|c| pos.contains(&c.reading.tag.pos))
    }

    /// The determiner that opens the noun phrase the word at `i` ends, past the
    /// adjectives, participles and numbers between them (*die neue Rate*).
    fn determiner_before(&self, i: usize) -> Option<usize> {
        let mut j = i;
        while j > 0 && i - j < 4 {
            j -= 1;
            self.word(j)?;
            if self.cands[j].iter().any(|c| is_determiner(&c.reading.tag)) {
                return Some(j);
            }
            if !self.can_be(j, &[Pos::Adjective, Pos::Participle, Pos::Number]) {
                return None;
            }
        }
        None
    }

    /// A noun follows, possibly after adjectives, participles or numbers, also ones
    /// joined by a comma or a conjunction (*einen schnellen und günstigen Service*).
    fn noun_follows(&self, i: usize) -> bool {
        let mut j = i + 1;
        while j < self.toks.len() && j < i + 7 {
            if self.noun_at(j) {
                return true;
            }
            let joined = self.toks[j].text == ","
                || self.word(j).is_some()
                    && self.cands[j].iter().any(|c| c.reading.tag.coordinating);
            // A determiner that is no article inflects as an adjective right after one
            // (*die beiden Frauen*, *die vielen Leute*). First in a sentence, where no
            // relative pronoun stands, one that may be an article is none there either
            // (*Die eine Hälfte*).
            let determiner = j == i + 1
                && self.can_be(i, &[Pos::Article])
                && if self.can_be(j, &[Pos::Article]) {
                    self.initial(i)
                } else {
                    self.cands[j]
                        .iter()
                        .any(|c| c.reading.tag.pos == Pos::Pronoun && c.reading.tag.determiner)
                };
            let modifier = self.can_be(
                j,
                &[Pos::Adjective, Pos::Participle, Pos::Number, Pos::Adverb],
            ) || determiner
                || self.unlisted_inflected(j)
                || self.digits(j);
            if !(modifier || joined && j > i + 1) {
                return false;
            }
            j += 1;
        }
        false
    }

    /// A number in digits (*in den 5 Jahren*, *1,5*).
    fn digits(&self, j: usize) -> bool {
        self.word(j).is_some_and(|t| {
            t.text.starts_with(|c: char| c.is_ascii_digit())
                && t.text
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':'))
        })
    }

    /// A lower-case word the lexicon does not list, with an adjective's ending: an
    /// adjective it does not know (*dreiminütige*), or one spelled otherwise.
    fn unlisted_inflected(&self, j: usize) -> bool {
        self.word(j).is_some_and(|t| {
            !t.is_capitalised()
                && self.cands[j].is_empty()
                && ["e", "en", "er", "es", "em"]
                    .iter()
                    .any(|e| t.text.ends_with(e))
        })
    }

    /// The word can be an infinitive.
    fn infinitive_at(&self, i: usize) -> bool {
        self.word(i).is_some()
            && self.cands[i].iter().any(|c| {
                c.reading.tag.pos == Pos::Verb
                    && c.reading.tag.verb_form == Some(VerbForm::Infinitive)
            })
    }

    /// An infinitive with zu follows later in the sentence (`zu setzen`, `aufzubauen`).
    fn zu_infinitive_after(&self, i: usize) -> bool {
        (i + 1..self.toks.len()).any(|j| {
            self.cands[j]
                .iter()
                .any(|c| c.reading.tag.verb_form == Some(VerbForm::ZuInfinitive))
                || self.word(j).is_some_and(|w| w.text == "zu") && self.infinitive_at(j + 1)
        })
    }

    /// A comparative stands shortly before (`billiger als`, `mehr als`).
    fn comparative_before(&self, i: usize) -> bool {
        (i.saturating_sub(4)..i).any(|j| {
            self.cands[j]
                .iter()
                .any(|c| c.reading.tag.degree == Some(super::tags::Degree::Comparative))
        })
    }

    /// The word at `i` can only be a finite verb.
    fn surely_finite(&self, i: usize) -> bool {
        self.word(i).is_some()
            && !self.cands[i].is_empty()
            && self.cands[i].iter().all(|c| c.reading.tag.is_finite())
    }

    /// The word right after `i` opens a clause with its finite verb, after a comma or a
    /// coordinating conjunction, in a sentence that asks nothing: a second verb of the
    /// sentence's subject, left out (*Er erzählt …, und schenkt ihr Früchte*), so the
    /// word after it is no subject.
    fn verb_of_left_out_subject(&self, i: usize) -> bool {
        let asks = self
            .toks
            .iter()
            .rev()
            .find(|t| !t.is_word)
            .is_some_and(|t| t.text.contains('?'));
        let Some(verb) = i.checked_sub(1) else {
            return false;
        };
        let opens = verb > 0 && {
            let before = &self.toks[verb - 1];
            before.ends_clause()
                || before.is_word
                    && self.cands[verb - 1]
                        .iter()
                        .any(|c| c.reading.tag.coordinating)
        };
        !asks && opens && !self.initial(verb) && self.surely_finite(verb)
    }

    /// The word indices of `i`'s clause (between clause-ending punctuation).
    fn clause(&self, i: usize) -> std::ops::Range<usize> {
        let from = self.toks[..i]
            .iter()
            .rposition(Token::ends_clause)
            .map_or(0, |b| b + 1);
        let to = self.toks[i..]
            .iter()
            .position(Token::ends_clause)
            .map_or(self.toks.len(), |b| i + b);
        from..to
    }

    /// A past participle at `i` is no verb form: its clause has no auxiliary or modal
    /// verb, and a word before it (or last in its clause) can only be a finite verb
    /// (*kommt erschöpft vom Platz*, *wirkt gestresst*), not one joined to it by a
    /// conjunction (*lacht und bedankt sich*). It is used as an adjective or adverb there.
    /// A form of *haben* or *werden* in the clause makes a past participle in it part of
    /// the perfect or the passive (*hat … verloren*, *wurde … entworfen*); *sein* may
    /// also have an adjective (*ist betroffen*).
    fn perfect_or_passive(&self, i: usize) -> bool {
        self.clause(i).any(|j| {
            j != i
                && self.cands[j].iter().any(|c| {
                    c.reading.tag.auxiliary
                        && matches!(c.reading.lemma.as_str(), "haben" | "werden")
                })
        })
    }

    /// The number of the finite verb of the third person that a subject at `i` goes
    /// with: the clause's words that can only be finite (*weil sie abnehmen möchte*),
    /// else the verb right next to it (*sie telefonieren*). None where they differ or
    /// none tells.
    fn third_person_verb_number(&self, i: usize) -> Option<super::tags::Number> {
        let numbers = |j: usize| -> Vec<super::tags::Number> {
            self.cands[j]
                .iter()
                .filter(|c| c.reading.tag.is_finite() && c.reading.tag.person == Some(3))
                .filter_map(|c| c.reading.tag.number)
                .collect()
        };
        let one = |found: Vec<super::tags::Number>| {
            let first = *found.first()?;
            found.iter().all(|n| *n == first).then_some(first)
        };
        let next: Vec<super::tags::Number> = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter(|j| self.word(*j).is_some() && self.clause(i).contains(j))
            .flat_map(numbers)
            .collect();
        let surely: Vec<super::tags::Number> = self
            .clause(i)
            .filter(|j| *j != i && self.surely_finite(*j))
            .flat_map(numbers)
            .collect();
        if !surely.is_empty() {
            return one(surely);
        }
        one(next)
    }

    /// A personal pronoun in the nominative of the finite reading's person and number
    /// stands right before or after the word: its subject (*Wir unterhalten uns*,
    /// *unterhalten wir*), and the word is the finite verb, not the participle or
    /// infinitive it is spelled as too.
    fn subject_next_to(&self, i: usize, t: &Tag) -> bool {
        let Ok(lex) = lexicon() else {
            return false;
        };
        [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter(|j| self.word(*j).is_some() && self.clause(i).contains(j))
            // Not a form of the article (*die bestellten Artikel*).
            .filter(|j| !self.can_be(*j, &[Pos::Article]))
            // Not a pronoun a preposition governs, never in the nominative (*bei ihr
            // verbracht*: not *ihr verbracht*, "you committed").
            .filter(|j| !(*j > 0 && self.only_preposition(j - 1)))
            .any(|j| {
                let word = self.toks[j].text.to_lowercase();
                self.cands[j].iter().any(|c| {
                    let p = &c.reading.tag;
                    p.personal
                        && p.case == Some(super::tags::Case::Nominative)
                        && p.number == t.number
                        && t.person.is_some()
                        && pronoun_person(lex, &word, p) == t.person
                })
            })
    }

    /// Another word of the clause of `i` can only be a personal pronoun in the nominative
    /// (*er*, *ich*, *wir*): the clause's subject.
    fn other_sure_subject(&self, i: usize) -> bool {
        self.clause(i).filter(|j| *j != i).any(|j| {
            self.word(j).is_some()
                && !self.cands[j].is_empty()
                && self.cands[j].iter().all(|c| {
                    c.reading.tag.personal
                        && c.reading.tag.case == Some(super::tags::Case::Nominative)
                })
        })
    }

    /// The word at `i` can only be a preposition, or a verb's particle, which stands last
    /// in its clause and so not before another word.
    fn only_preposition(&self, i: usize) -> bool {
        self.word(i).is_some()
            && self.word(i + 1).is_some()
            && self.cands[i]
                .iter()
                .any(|c| c.reading.tag.pos == Pos::Preposition)
            && self.cands[i]
                .iter()
                .all(|c| matches!(c.reading.tag.pos, Pos::Preposition | Pos::VerbParticle))
    }

    /// Right after a coordinating conjunction, the word agrees with a finite verb before
    /// it in its clause that stands next to its subject: a second verb of that subject
    /// (*Wir unterhalten uns … und vergessen dabei die Zeit*).
    fn joined_to_verb_with_subject(&self, i: usize, t: &Tag) -> bool {
        let after_conjunction = i > 0
            && self.cands[i - 1]
                .iter()
                .any(|c| c.reading.tag.pos == Pos::Conjunction && c.reading.tag.coordinating);
        after_conjunction
            && (self.clause(i).start..i - 1).any(|j| {
                self.cands[j].iter().any(|c| {
                    let f = &c.reading.tag;
                    f.is_finite()
                        && f.person == t.person
                        && f.number == t.number
                        && self.subject_next_to(j, f)
                })
            })
    }

    /// The clause of `i` has a finite form of an auxiliary of the perfect, and no
    /// modal or other auxiliary that governs an infinitive.
    fn perfect_auxiliary(&self, i: usize) -> bool {
        let finite_of = |j: usize, f: &dyn Fn(&Tag, &str) -> bool| {
            j != i
                && self.cands[j]
                    .iter()
                    .any(|c| c.reading.tag.is_finite() && f(&c.reading.tag, &c.reading.lemma))
        };
        let perfect = |t: &Tag, lemma: &str| t.auxiliary && PERFECT_AUXILIARIES.contains(&lemma);
        let other =
            |t: &Tag, lemma: &str| t.modal || t.auxiliary && !PERFECT_AUXILIARIES.contains(&lemma);
        self.clause(i).any(|j| finite_of(j, &perfect))
            && !self.clause(i).any(|j| finite_of(j, &other))
    }

    fn participle_stands_alone(&self, i: usize) -> bool {
        let clause = self.clause(i);
        let helper = clause.clone().any(|j| {
            self.cands[j]
                .iter()
                .any(|c| c.reading.tag.auxiliary || c.reading.tag.modal)
        });
        let conjunction = |j: usize| {
            self.cands[j]
                .iter()
                .any(|c| c.reading.tag.pos == Pos::Conjunction)
        };
        let joined_to_finite =
            i >= clause.start + 2 && conjunction(i - 1) && self.surely_finite(i - 2);
        // The finite verb stands before it, or last in a subordinate clause (*die sehr
        // motiviert wirkten*).
        let finite = (clause.start..i).any(|j| self.surely_finite(j))
            || (i + 1..clause.end)
                .take_while(|j| !self.cands[*j].iter().any(|c| c.reading.tag.coordinating))
                .any(|j| self.surely_finite(j) && clause_final(self, j));
        !helper && !joined_to_finite && finite
    }

    /// A clause has a finite verb: where no other word of its clause can be one, and no
    /// article or preposition stands right before, the word at `i` is it (*„…“,
    /// versicherte Waigel.*, *Der Biologe beobachtete Deutsche am Steuer.*).
    fn only_possible_finite(&self, i: usize) -> bool {
        let after_article = i > 0
            && self.can_be(i - 1, &[Pos::Article, Pos::Preposition])
            && self.word(i - 1).is_some();
        !after_article
            && self
                .clause(i)
                .filter(|j| *j != i)
                .all(|j| !self.cands[j].iter().any(|c| c.reading.tag.is_finite()))
    }

    /// A past tense at `i` spelled as its verb's inflected participle, right after a
    /// coordinating conjunction and agreeing in person and number with a word before it
    /// in its clause that can only be a finite verb, is a second verb of that subject
    /// (*gingen … und bestellten frischen Fisch*, *seien leiser und verbrauchten weniger
    /// Strom*), not the participle used as an adjective (*Brot und frischen Käse* stays
    /// the adjective: *frisch* is no participle of *frischen*).
    fn coordinated_finite(&self, i: usize, c: &Candidate) -> bool {
        let t = &c.reading.tag;
        // A present tense spelled as the bare participle (*erschöpft*) is left to
        // `participle_stands_alone` (*verschwitzt und erschöpft*).
        if t.verb_form != Some(VerbForm::Past) || i == 0 || self.word(i - 1).is_none() {
            return false;
        }
        let verb = &c.reading.lemma;
        let own_participle = self.cands[i].iter().any(|o| {
            matches!(o.reading.tag.pos, Pos::Participle | Pos::Adjective)
                && (o.reading.lemma == *verb
                    || lexicon().is_ok_and(|lex| {
                        participle_verb(lex, &o.reading.lemma).as_ref() == Some(verb)
                    }))
        });
        if !own_participle {
            return false;
        }
        let after_conjunction = self.cands[i - 1]
            .iter()
            .any(|c| c.reading.tag.pos == Pos::Conjunction && c.reading.tag.coordinating);
        after_conjunction
            && (self.clause(i).start..i - 1).any(|j| {
                self.surely_finite(j)
                    && self.cands[j].iter().any(|c| {
                        c.reading.tag.person == t.person && c.reading.tag.number == t.number
                    })
            })
    }

    /// A finite verb of the clause agrees with the subject `subject` at `i` in person and
    /// number.
    fn verb_agrees(&self, i: usize, subject: &Tag) -> bool {
        self.clause(i).filter(|j| *j != i).any(|j| {
            self.cands[j].iter().any(|c| {
                c.reading.tag.is_finite()
                    && c.reading.tag.person == subject.person
                    && c.reading.tag.number == subject.number
            })
        })
    }

    /// The word at `i` can only start a noun phrase that is no genitive: an article or
    /// pronoun with no genitive reading.
    fn noun_phrase_starts(&self, i: usize) -> bool {
        self.word(i).is_some()
            && !self.cands[i].is_empty()
            && self.cands[i].iter().all(|c| {
                matches!(c.reading.tag.pos, Pos::Article | Pos::Pronoun)
                    && c.reading.tag.case != Some(super::tags::Case::Genitive)
            })
    }

    /// The word can be a verb's past participle: the verb's frequency (Zipf).
    fn past_participle(&self, i: usize) -> Option<f32> {
        self.cands[i]
            .iter()
            .filter(|c| {
                c.reading.tag.pos == Pos::Verb
                    && c.reading.tag.verb_form == Some(VerbForm::PastParticiple)
            })
            .map(|c| c.zipf)
            .reduce(f32::max)
    }

    /// The word starts a clause: first in its sentence, or after a clause's end.
    /// The word before `i` may stand before an imperative: a conjunction, an adverb, a
    /// particle or an interjection (*bitte*, *und*, *doch*, *jetzt*).
    fn imperative_may_follow(&self, i: usize) -> bool {
        i > 0
            && self.toks[i - 1].is_word
            && self.can_be(
                i - 1,
                &[
                    Pos::Conjunction,
                    Pos::Adverb,
                    Pos::Particle,
                    Pos::Interjection,
                ],
            )
    }

    /// The word at `i` may be a personal pronoun of the second person (*du*, *ihr*).
    fn second_person_pronoun(&self, i: usize) -> bool {
        self.word(i).is_some()
            && self.cands[i].iter().any(|c| {
                let t = &c.reading.tag;
                t.pos == Pos::Pronoun && t.personal && t.person == Some(2)
            })
    }

    fn clause_start(&self, i: usize) -> bool {
        i == 0 || self.initial(i) || self.toks.get(i - 1).is_some_and(|p| p.ends_clause())
    }

    /// The word is first in its sentence (or after an opening quote or a colon).
    fn initial(&self, i: usize) -> bool {
        initial_in(&self.toks, i)
    }
}

/// Whether the word at `i` is first in its sentence (or after an opening quote or a
/// colon), where a capital says nothing of its class. A word alone, without so much as a
/// full stop (one looked up by itself, a one-word heading), keeps its capital as
/// written: *Leben* is the noun, *leben* the verb.
fn initial_in(toks: &[Token], i: usize) -> bool {
    toks.len() > 1
        && toks[..i]
            .iter()
            .rev()
            .find(|t| t.is_word || t.ends_sentence())
            .is_none_or(|t| !t.is_word)
}

/// The auxiliaries German forms the perfect with, with a past participle (*hat
/// gebaut*, *ist gekommen*): a fact of its grammar. Neither forms a tense with a bare
/// infinitive, as *werden* and the modals do.
pub const PERFECT_AUXILIARIES: [&str; 2] = ["haben", "sein"];

/// The prior of a word class, before context: closed classes are short lists of very
/// frequent words, so a form that can be one usually is.
fn prior(pos: Pos) -> f32 {
    match pos {
        Pos::Article => 6.0,
        Pos::Preposition | Pos::Conjunction => 5.0,
        Pos::Pronoun | Pos::Particle => 4.0,
        Pos::Adverb => 3.5,
        Pos::Verb | Pos::Adjective | Pos::Noun => 3.0,
        Pos::Name => 2.5,
        Pos::Participle => 2.0,
        Pos::Number | Pos::Abbreviation => 1.0,
        Pos::VerbParticle | Pos::Interjection | Pos::Unknown => 0.5,
    }
}

/// What a noun reading that agrees with no reading of its noun phrase's determiner costs.
const NOUN_PHRASE_MISFIT: f32 = 1.0;

/// What a finite verb's reading loses inside a noun phrase, where the form agrees with the
/// noun as an adjective: more than a clause's only finite form and a coordinated one gain.
const ATTRIBUTE_MISFIT: f32 = 6.0;

/// What a predicative reading loses past a determiner the word's inflected reading agrees
/// with.
const PREDICATIVE_IN_NOUN_PHRASE: f32 = 1.5;

/// What an inflected adjective's reading loses with neither a noun after it nor a
/// determiner before it.
const ORPHAN_ATTRIBUTE: f32 = 1.5;

/// An article, or a pronoun used as one (*diese*, *unsere*).
fn is_determiner(t: &Tag) -> bool {
    t.pos == Pos::Article || t.pos == Pos::Pronoun && t.determiner
}

/// How well a candidate fits its place in the sentence.
/// What a reading gains for agreeing with the noun after it: it picks among one word's
/// readings (their features), not between words.
const AGREEING_READING: f32 = 0.2;

fn score(ctx: &Context, i: usize, c: &Candidate) -> f32 {
    let t = &c.reading.tag;
    let tok = &ctx.toks[i];
    let initial = ctx.initial(i);
    let mut s = prior(t.pos);
    let noun_like = matches!(t.pos, Pos::Noun | Pos::Name | Pos::Abbreviation);
    // An adjective the lexicon spells with a capital (*Berliner*, *Schweizer*) has its
    // capital as a noun does: the noun after it decides (*das Berliner Landgericht*).
    let capital_adjective =
        t.pos == Pos::Adjective && c.reading.lemma.starts_with(char::is_uppercase);
    if capital_adjective && !ctx.noun_follows(i) {
        // It only stands before a noun (*die Schweizer Banken*; *die Schweizer lieben …*).
        s -= 4.0;
    }
    if tok.is_capitalised() && !c.lowered && (noun_like || capital_adjective) {
        s += if initial { 2.0 } else { 10.0 };
    }
    // A noun declined as an adjective is none before a noun: there the word is the
    // adjective (*Lebendiger Ortsverein*, *die Deutsche Bank*).
    if t.pos == Pos::Noun && t.nominalised && ctx.noun_follows(i) {
        s -= 12.0;
    }
    if c.lowered {
        // A capital at the start of a sentence: a closed-class word keeps its reading;
        // an adjective or a number before a noun is one.
        if t.pos.is_closed() || t.pos == Pos::Adverb {
            s += 3.0;
        } else if matches!(t.pos, Pos::Adjective | Pos::Participle | Pos::Number)
            && ctx.noun_follows(i)
        {
            s += 4.0;
        } else if t.pos == Pos::Verb && !ctx.noun_at(i + 1) {
            s += 0.5;
        } else {
            s -= 1.0;
        }
    }
    // A noun agrees with the determiner of its noun phrase: *die Rate* is not the
    // lexicon's old dative of *Rat*.
    if t.pos == Pos::Noun
        && let Some(noun) = super::government::features(t)
        && let Some(d) = ctx.determiner_before(i)
        && !ctx.cands[d].iter().any(|a| {
            is_determiner(&a.reading.tag)
                && super::government::features(&a.reading.tag)
                    .is_some_and(|f| super::government::agree(&f, &noun))
        })
    {
        s -= NOUN_PHRASE_MISFIT;
    }
    match t.pos {
        Pos::Article if !ctx.noun_follows(i) => s -= 4.0,
        Pos::Pronoun => {
            if t.determiner && ctx.noun_follows(i) {
                s += 2.5;
                // Of its readings, one that agrees with the noun (*diese Leute*: plural).
                if ctx.agrees_with_next_noun(i, t) {
                    s += AGREEING_READING;
                }
            } else if t.determiner && !t.standalone {
                s -= 2.0;
            }
            // A preposition governs no nominative (*bei ihr*: dative "her", not the
            // subject "you").
            if t.personal
                && t.case == Some(super::tags::Case::Nominative)
                && i > 0
                && ctx.only_preposition(i - 1)
            {
                s -= 3.0;
            }
            // A question or a relative clause starts with it.
            // A subject of the second person (*ihr*, *du*) has its verb in the second
            // person; without one it is another case (*gab ihr das Buch*).
            if t.personal
                && t.person == Some(2)
                && t.case == Some(super::tags::Case::Nominative)
                && (!ctx.verb_agrees(i, t)
                    || ctx.other_sure_subject(i)
                    || ctx.verb_of_left_out_subject(i))
            {
                s -= 2.0;
            }
            if t.interrogative && ctx.clause_start(i) {
                s += 1.0;
            }
            // A subject of the third person has the number of its finite verb (*weil sie
            // … abnehmen möchte*: she; *aber sie telefonieren*: they).
            if t.personal
                && t.person != Some(2)
                && t.case == Some(super::tags::Case::Nominative)
                && t.number.is_some()
                && let Some(number) = ctx.third_person_verb_number(i)
            {
                s += if t.number == Some(number) { 1.0 } else { -1.0 };
            }
            // The polite address is written with a capital (*Ihnen*, *Sie*): a form it
            // shares with the third person plural, written lower case inside a sentence,
            // is the third person's (*ihnen* "them").
            if t.personal
                && t.person == Some(2)
                && !ctx.initial(i)
                && !ctx.toks[i].is_capitalised()
                && ctx.cands[i].iter().any(|o| {
                    o.reading.tag.personal
                        && o.reading.tag.person != Some(2)
                        && o.reading.tag.number == Some(super::tags::Number::Plural)
                })
            {
                s -= 2.0;
            }
        }
        Pos::Adjective | Pos::Participle => {
            if ctx.noun_follows(i) && !t.predicative {
                s += 2.0;
                if ctx.agrees_with_next_noun(i, t) {
                    s += AGREEING_READING;
                }
            }
            if t.predicative && !ctx.noun_follows(i) {
                s += 0.5;
            }
            // Past a determiner its inflected reading agrees with (*ein flacher, leicht
            // verbrannter Pfannkuchen*), a word is that inflected form in the noun
            // phrase, not a predicative one (the comparative *flacher*).
            if t.predicative
                && let Some(d) = ctx.determiner_before(i)
                && ctx.cands[i].iter().any(|o| {
                    !o.reading.tag.predicative
                        && super::government::features(&o.reading.tag).is_some_and(|f| {
                            ctx.cands[d].iter().any(|dc| {
                                is_determiner(&dc.reading.tag)
                                    && super::government::features(&dc.reading.tag)
                                        .is_some_and(|df| super::government::agree(&df, &f))
                            })
                        })
                })
            {
                s -= PREDICATIVE_IN_NOUN_PHRASE;
            }
            // An inflected form stands in a noun phrase, before its noun: right before
            // a word that cannot go on a noun phrase (*Mia verliebte sich*) or at its
            // clause's end (*nicht scheuen,*), with no determiner before it, it is no
            // adjective.
            let phrase_ends = match ctx.word(i + 1) {
                None => true,
                Some(_) => {
                    !ctx.cands[i + 1].is_empty()
                        && !ctx.noun_at(i + 1)
                        && !ctx.can_be(
                            i + 1,
                            &[
                                Pos::Adjective,
                                Pos::Participle,
                                Pos::Number,
                                Pos::Adverb,
                                Pos::Noun,
                            ],
                        )
                }
            };
            if !t.predicative
                && t.case.is_some()
                && phrase_ends
                && ctx.determiner_before(i).is_none()
            {
                s -= ORPHAN_ATTRIBUTE;
            }
            // A verb's past participle that the lexicon also lists as an adjective
            // (*geworden*, *gespart*) is weighed as a participle.
            let participle = t.pos == Pos::Participle
                || ctx.past_participle(i).is_some_and(|z| z > c.zipf)
                || ctx.past_participle(i).is_some() && ctx.perfect_or_passive(i);
            if participle && t.pos == Pos::Adjective {
                s -= prior(Pos::Adjective) - prior(Pos::Participle);
            } else if t.pos == Pos::Adjective {
                s += 0.5;
            }
            if participle && ctx.participle_stands_alone(i) {
                s += 1.5;
            }
        }
        Pos::Noun if t.nominalised => s -= 1.0,
        // A number before its noun counts it (*Zwei Spieler*, first in the sentence: not
        // the noun *die Zwei*).
        Pos::Number if ctx.noun_follows(i) => s += 2.5,
        Pos::Conjunction if t.infinitive_conjunction => {
            // um … zu, ohne … zu: an infinitive with zu follows, and the conjunction opens
            // its group, which a comma sets off (*, um … zu*) or which starts the sentence
            // or follows another joined by *und*. Inside a clause it is a preposition
            // (*die Entscheidung um ein Jahr zu verschieben*).
            let opens = ctx.clause_start(i)
                || i > 0
                    && ctx.cands[i - 1].iter().any(|c| {
                        c.reading.tag.pos == Pos::Conjunction && c.reading.tag.coordinating
                    });
            s += if opens && ctx.zu_infinitive_after(i) {
                2.5
            } else {
                -1.0
            };
        }
        Pos::Conjunction if t.comparison && ctx.comparative_before(i) => s += 1.5,
        // First in the sentence and right before its finite verb, a word stands in the
        // place before the verb, where no conjunction stands (*Allerdings hängt …*).
        Pos::Conjunction if initial && ctx.surely_finite(i + 1) => s -= 2.0,
        // Inside a clause, a word that may be an adverb is one (*ist auch teuer*, *kam
        // noch nicht*): a conjunction starts the clause or the words it joins.
        Pos::Conjunction
            if !t.comparison && !ctx.clause_start(i) && ctx.can_be(i, &[Pos::Adverb]) =>
        {
            s -= 2.5
        }
        Pos::Particle if ctx.infinitive_at(i + 1) => s += 2.5,
        // A word listed as an adverb too is one where it modifies what follows, not a
        // noun (*wirklich gut*, *erst im Oktober*); at its clause's end it may be a
        // predicative adjective (*Das ist einfach.*).
        // A pronoun keeps its reading (*etwas gekauft*).
        Pos::Adverb
            if !ctx.noun_follows(i) && !clause_final(ctx, i) && !ctx.can_be(i, &[Pos::Pronoun]) =>
        {
            s += 1.0
        }
        Pos::Verb => {
            let after_zu = i > 0 && ctx.word(i - 1).is_some_and(|w| w.text == "zu");
            if after_zu && t.verb_form == Some(VerbForm::Infinitive) {
                s += 2.0;
            }
            if t.verb_form == Some(VerbForm::Imperative) {
                s -= 1.0;
            }
            // A present participle is never part of a verb form: *führend* is used as an
            // adjective or adverb.
            if t.verb_form == Some(VerbForm::PresentParticiple) {
                s -= 2.0;
            }
            if t.joined_separable && !clause_final(ctx, i) {
                s -= 1.5;
            }
            // With a finite form of the perfect's auxiliaries and no modal, a form that
            // may be an infinitive or a past participle is the participle (*hat mir
            // geraten*: *raten*, not the infinitive *geraten*).
            if ctx.perfect_auxiliary(i) {
                match t.verb_form {
                    Some(VerbForm::PastParticiple) => s += 1.0,
                    Some(VerbForm::Infinitive) => s -= 1.0,
                    _ => {}
                }
            }
            if t.is_finite()
                && (ctx.finite_alone[i]
                    || ctx.subject_next_to(i, t)
                    || ctx.joined_to_verb_with_subject(i, t))
            {
                s += 2.0;
            }
            if ctx.coordinated_finite(i, c) {
                s += 3.0;
            }
            // Inside a noun phrase, past its determiner and a word that qualifies it,
            // before its noun, a form that may be an adjective agreeing with the noun is
            // that adjective (*das gut besuchte Sommerfest*), not a finite verb.
            if t.is_finite()
                && ctx.noun_at(i + 1)
                && ctx.determiner_before(i).is_some_and(|d| d + 1 < i)
                && ctx.cands[i].iter().any(|o| {
                    // A noun the lexicon lacks (*Sommerfest*) cannot disagree.
                    matches!(o.reading.tag.pos, Pos::Adjective | Pos::Participle)
                        && (ctx.cands[i + 1].is_empty()
                            || ctx.agrees_with_next_noun(i, &o.reading.tag))
                })
            {
                s -= ATTRIBUTE_MISFIT;
            }
            // The indicative is far more frequent than the subjunctive: of a form that
            // may be either (*führen*: *führen*, or *fahren*'s subjunctive), it is the
            // indicative, where the lemmas' frequencies alone would not tell.
            if matches!(
                t.verb_form,
                Some(VerbForm::SubjunctiveI | VerbForm::SubjunctiveII)
            ) {
                s -= 0.3;
            }
            // First in its sentence and right before an article or pronoun that is no
            // genitive, a word is a verb (*Habe die Artikel erhalten*, *Essen die Kinder
            // gern?*), not a noun with a noun phrase after it.
            if c.lowered && t.is_finite() && ctx.noun_phrase_starts(i + 1) {
                s += 1.5;
            }
        }
        Pos::Preposition => {
            // A preposition heads a noun phrase: not before punctuation, a verb or a
            // subject pronoun.
            let next_fits = ctx.word(i + 1).is_some()
                && ctx.cands[i + 1].iter().any(|c| {
                    let t = &c.reading.tag;
                    let subject = t.pos == Pos::Pronoun
                        && t.case == Some(super::tags::Case::Nominative)
                        && !t.determiner;
                    !matches!(t.pos, Pos::Verb | Pos::Conjunction) && !subject
                })
                || ctx.word(i + 1).is_some_and(|_| ctx.cands[i + 1].is_empty());
            if !next_fits {
                s -= 3.0;
            }
            // Nor before an uninflected adjective that no noun follows (*zu hoch*, *zu
            // teuer*; not *vor kurzem*): a word that is also an adverb is the adverb there
            // ("too").
            let before_bare_adjective = ctx.word(i + 1).is_some()
                && ctx.cands[i + 1]
                    .iter()
                    .any(|c| c.reading.tag.pos == Pos::Adjective && c.reading.tag.predicative)
                && !ctx.can_be(i + 1, &[Pos::Noun, Pos::Article, Pos::Pronoun, Pos::Number])
                && !ctx.noun_follows(i);
            if before_bare_adjective && ctx.can_be(i, &[Pos::Adverb]) {
                s -= 3.0;
            }
        }
        _ => {}
    }
    let lower = tok.text.to_lowercase();
    if t.pos.is_closed() && c.reading.lemma == lower {
        // A function word is usually its own dictionary form ("was", not "etwas").
        s += 0.3;
    } else if t.pos == Pos::Pronoun {
        // Of a pronoun's lemmas, the one it is a form of (*unsere*: *unser*, not the
        // *mein* the lexicon files all possessives under too).
        let shared = lower
            .chars()
            .zip(c.reading.lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        s += 0.1 * shared.min(3) as f32;
    }
    // Between readings of one class: the more frequent lemma.
    s + 0.1 * c.zipf
}

/// The word is the last one of its clause.
fn clause_final(ctx: &Context, i: usize) -> bool {
    match ctx.toks.get(i + 1) {
        None => true,
        Some(t) => t.ends_clause() || clause_break(ctx, i + 1),
    }
}

/// A conjunction that starts a new clause.
fn clause_break(ctx: &Context, i: usize) -> bool {
    ctx.word(i).is_some()
        && ctx.cands[i].iter().any(|c| {
            c.reading.tag.pos == Pos::Conjunction
                && (c.reading.tag.coordinating || c.reading.tag.subordinating)
        })
        && !ctx.cands[i]
            .iter()
            .any(|c| c.reading.tag.pos == Pos::Preposition)
}

/// A particle of a separable verb may be an adjective too (*fest*, *gut*); then only a
/// frequent joined verb counts (*feststellen*), not a rare one (*gutmachen* for *macht
/// es gut*).
const ADJECTIVE_PARTICLE_MIN_ZIPF: f32 = 3.0;

/// A verb the lexicon does not list counts as one when the word list attests its
/// infinitive this often (Zipf; *vorbeibringen* 2.6): a particle verb the lexicon misses,
/// never a joined form no text has.
const UNLISTED_VERB_MIN_ZIPF: f32 = 2.5;

/// A separable verb's infinitive that is a verb: listed by the lexicon, or a particle and
/// a listed verb that German text attests (*vorbei* + *bringen*), by its infinitive or by
/// its past participle, the form text has most (*hervorgeholt*, where *hervorholen* is
/// rarer), or by its past as a subordinate clause joins it (*vorhatte*).
pub fn is_attested_verb(lex: &Lexicon, whole: &str) -> bool {
    lex.is_verb(whole)
        || frequency::zipf(whole).is_some_and(|z| z >= UNLISTED_VERB_MIN_ZIPF)
        || attested_forms(&joined_participles(lex, whole))
        || attested_forms(&joined_pasts(lex, whole))
}

/// Whether text attests one of these forms often enough.
fn attested_forms(forms: &[String]) -> bool {
    forms
        .iter()
        .any(|p| frequency::zipf(p).is_some_and(|z| z >= UNLISTED_VERB_MIN_ZIPF))
}

/// The past participles a particle verb the lexicon lacks would have: its particle before
/// the participle of the listed verb after it (*hervor* + *geholt*).
fn joined_participles(lex: &Lexicon, whole: &str) -> Vec<String> {
    joined_forms(lex, whole, "VER:PA2", |_| true)
}

/// The third person singular past a particle verb would have where a subordinate clause
/// joins its particle to it (*vor* + *hatte*, of *vorhaben*): only a separable verb is
/// written so. Unlike the infinitive (the word list folds *Vorhaben* into it) or the
/// participle (*dagewesen* of *da sein*), it is evidence for an auxiliary's particle verb.
fn joined_pasts(lex: &Lexicon, whole: &str) -> Vec<String> {
    joined_forms(lex, whole, "VER:", |tag| tag.contains("3:SIN:PRT"))
}

/// The forms (by tag) of the listed verb after a particle, with the particle before them.
fn joined_forms(
    lex: &Lexicon,
    whole: &str,
    tag_prefix: &str,
    keep: impl Fn(&str) -> bool,
) -> Vec<String> {
    whole
        .char_indices()
        .skip(2)
        .map(|(i, _)| whole.split_at(i))
        .filter(|(particle, base)| {
            lex.is_verb(base)
                && lex
                    .readings(particle)
                    .iter()
                    .any(|r| r.tag.pos == Pos::VerbParticle)
        })
        .flat_map(|(particle, base)| {
            lex.forms(base, tag_prefix)
                .into_iter()
                .filter(|(_, tag)| keep(tag))
                .map(move |(form, _)| format!("{particle}{form}"))
        })
        .collect()
}

/// Whether a particle that may be an adjective (*hoch*, *bereit*) at the end of a clause
/// cannot be read as the predicate or an adverb there: its verb (at `v`) is no copula
/// (*ist hoch*, *finde es gut*, *macht es fertig*), and no adverb, preposition or
/// conjunction stands right before it (*so hoch*, *für gut*, *als fertig*).
fn particle_not_predicate(ctx: &Context, v: usize, p: usize) -> bool {
    let copula = ctx.cands[v]
        .iter()
        .any(|c| COPULAS.contains(&c.reading.lemma.as_str()));
    let modified = p > 0
        && (ctx.word(p - 1).is_none()
            || ctx.can_be(p - 1, &[Pos::Adverb, Pos::Preposition, Pos::Conjunction]));
    !copula && !modified
}

/// Separable verbs split in their sentence: (verb token, particle token, whole verb).
/// A particle stands at the end of its clause (before punctuation, a conjunction or the
/// sentence's end); its verb is the nearest finite verb before it whose joined form is a
/// verb ([`is_attested_verb`]). The search passes over words that may be something else, and
/// stops at the first word that can only be a verb.
fn separable_links(lex: &Lexicon, ctx: &Context) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    for p in 0..ctx.toks.len() {
        // A particle, or a word that ends a verb the lexicon lists with it (*weh* of
        // *wehtun*, *schief* of *schiefgehen*).
        if ctx.word(p).is_none()
            || !ctx.cands[p].iter().any(|c| {
                matches!(c.reading.tag.pos, Pos::VerbParticle | Pos::Interjection)
                    || c.reading.tag.pos == Pos::Adjective && c.reading.tag.predicative
            })
        {
            continue;
        }
        let at_end = match ctx.toks.get(p + 1) {
            None => true,
            Some(t) if !t.is_word => t.ends_clause(),
            // Before a conjunction: "sieht anders aus als …", "kauft ein und …"; not
            // prepositions joined by one (*mit und ohne Leine*).
            Some(_) => {
                ctx.cands[p + 1]
                    .iter()
                    .any(|c| c.reading.tag.pos == Pos::Conjunction)
                    && !(ctx.can_be(p, &[Pos::Preposition])
                        && ctx.word(p + 2).is_some()
                        && ctx.can_be(p + 2, &[Pos::Preposition]))
            }
        };
        if !at_end {
            continue;
        }
        if let Some(link) = verb_for_particle(lex, ctx, p, &out) {
            out.push(link);
        }
    }
    out
}

fn verb_for_particle(
    lex: &Lexicon,
    ctx: &Context,
    p: usize,
    taken: &[(usize, usize, String)],
) -> Option<(usize, usize, String)> {
    let particle = ctx.toks[p].text.to_lowercase();
    let adjective = ctx.cands[p]
        .iter()
        .any(|c| c.reading.tag.pos == Pos::Adjective);
    // A word the lexicon lists as no particle (*weh* of *tut … weh*) joins only into a
    // verb the lexicon lists (*wehtun*), and a frequent one.
    let listed_only = !ctx.cands[p]
        .iter()
        .any(|c| c.reading.tag.pos == Pos::VerbParticle);
    for v in (0..p).rev() {
        let Some(tok) = ctx.word(v) else {
            // A sentence's end ends the search.
            if ctx.toks[v].ends_sentence() {
                return None;
            }
            continue;
        };
        if taken.iter().any(|(tv, _, _)| *tv == v) {
            return None;
        }
        // A capital inside the sentence marks a noun, not a verb.
        if tok.is_capitalised() && !ctx.initial(v) {
            continue;
        }
        // Between an article and its noun, a word is an adjective (*nahm einen langen
        // Pass an*: not *anlangen*).
        if v > 0
            && ctx.can_be(v - 1, &[Pos::Article])
            && ctx.noun_at(v + 1)
            && ctx.can_be(v, &[Pos::Adjective, Pos::Participle])
        {
            continue;
        }
        let finite: Vec<&Reading> = ctx.cands[v]
            .iter()
            .filter(|c| !c.lowered || ctx.initial(v))
            .map(|c| &c.reading)
            .filter(|r| r.tag.is_finite() && !r.tag.joined_separable && !r.tag.modal)
            .collect();
        let mut lemmas: Vec<(&str, bool)> = finite
            .iter()
            .map(|r| {
                let auxiliary = finite.iter().any(|o| o.lemma == r.lemma && o.tag.auxiliary);
                (r.lemma.as_str(), auxiliary)
            })
            .collect();
        lemmas.dedup();
        // Of two verbs the form may belong to, the more frequent joined one (*fällt … aus*
        // is *ausfallen*, not *ausfällen*).
        let joined = lemmas
            .into_iter()
            .map(|(lemma, auxiliary)| (format!("{particle}{lemma}"), auxiliary))
            .filter(|(whole, auxiliary)| {
                // An auxiliary's particle verb only as the lexicon lists it or as a
                // subordinate clause writes its past: the word list folds case (*Dasein*
                // is no *da sein*), a participle may be an adjective (*dagewesen*).
                let verb = if *auxiliary {
                    lex.is_verb(whole) || attested_forms(&joined_pasts(lex, whole))
                } else {
                    is_attested_verb(lex, whole)
                };
                let verb = verb && (!listed_only || lex.is_verb(whole));
                // An adjective that is no particle (*ging alles schief*) only where it
                // cannot be the predicate or an adverb.
                let adjective_only = listed_only
                    && !ctx.cands[p]
                        .iter()
                        .any(|c| c.reading.tag.pos == Pos::Interjection);
                let verb = verb && (!adjective_only || particle_not_predicate(ctx, v, p));
                let plain_particle = !adjective && !listed_only;
                let frequent = frequency::zipf_or_rare(whole) >= ADJECTIVE_PARTICLE_MIN_ZIPF;
                let no_predicate =
                    !listed_only && lex.is_verb(whole) && particle_not_predicate(ctx, v, p);
                verb && (plain_particle || frequent || no_predicate)
            })
            .max_by(|a, b| frequency::zipf_or_rare(&a.0).total_cmp(&frequency::zipf_or_rare(&b.0)));
        if let Some((whole, _)) = joined {
            return Some((v, p, whole));
        }
        // A form that is also a participle used as an adjective or adverb (*lehne ich
        // entschieden ab*) may be that: the search goes on past it.
        let only_verb =
            !ctx.cands[v].is_empty() && ctx.cands[v].iter().all(|c| c.reading.tag.pos == Pos::Verb);
        if only_verb && ctx.cands[v].iter().any(|c| c.reading.tag.is_finite()) {
            return None;
        }
    }
    None
}

/// Noun facts for a lemma: the gender (the reading's, else the lexicon's) and plural.
fn noun_facts(lex: &Lexicon, lemma: &str, tag: Option<&Tag>) -> (Option<Gender>, Option<String>) {
    let genders = lex.genders(lemma);
    let gender = tag
        .and_then(|t| t.gender)
        .filter(|g| genders.is_empty() || genders.contains(g))
        .or_else(|| genders.first().copied());
    let plural = lex.plurals(lemma, gender).into_iter().next();
    (gender, plural)
}

/// The gender of the noun at `i` read as `lemma`, a lemma the lexicon knows in more than
/// one gender: the one its readings agree on, else the one the article or determiner before
/// it agrees with in case, number and gender (*der Junge* is masculine; *die Jungen* may be
/// either). None when the sentence cannot tell: a gender is never guessed.
fn noun_gender(lex: &Lexicon, ctx: &Context, i: usize, lemma: &str) -> Option<Gender> {
    let mut readings: Vec<Tag> = ctx.cands[i]
        .iter()
        .filter(|c| c.reading.lemma == lemma && c.reading.tag.pos == Pos::Noun)
        .map(|c| c.reading.tag.clone())
        .collect();
    // A noun that is also a verb's infinitive made a noun, always neuter (*das Regen*, of
    // *regen* "stir"), is the noun of its own gender (*der Regen*): every verb's
    // infinitive may be used so, the noun is what the word means.
    let infinitive = lex
        .readings(&lemma.to_lowercase())
        .iter()
        .any(|r| r.tag.pos == Pos::Verb && r.tag.verb_form == Some(VerbForm::Infinitive));
    if infinitive && readings.iter().any(|t| !t.nominalised) {
        readings.retain(|t| !t.nominalised);
    }
    let mut genders: Vec<Gender> = Vec::new();
    for g in readings.iter().filter_map(|t| t.gender) {
        if !genders.contains(&g) {
            genders.push(g);
        }
    }
    if genders.len() <= 1 {
        return genders.first().copied();
    }
    let det = determiner_before(ctx, i)?;
    // A noun made from an adjective inflects as the adjective: after a determiner that
    // inflects as an adjective itself, strong (*viele Versicherte*, a plural of any
    // gender; but *diese Angestellte*, weak), forms the lexicon lists under the adjective
    // only.
    let adjective_determiner = ctx.cands[det]
        .iter()
        .any(|c| c.reading.tag.pos == Pos::Adjective);
    if adjective_determiner && readings.iter().any(|t| t.nominalised) {
        readings.extend(
            lex.readings(&ctx.toks[i].text.to_lowercase())
                .into_iter()
                .filter(|r| matches!(r.tag.pos, Pos::Adjective | Pos::Participle) && r.tag.strong)
                .map(|r| r.tag),
        );
    }
    // An adjective between them agrees too (*der dritte Band* is masculine: a feminine
    // dative would be *der dritten Band*); an uninflected one (*drei*) says nothing.
    let modifier_agrees = |j: usize, n: &Tag| {
        let inflected: Vec<&Tag> = ctx.cands[j]
            .iter()
            .map(|c| &c.reading.tag)
            .filter(|m| {
                matches!(m.pos, Pos::Adjective | Pos::Participle | Pos::Number) && m.case.is_some()
            })
            .collect();
        inflected.is_empty()
            || inflected.iter().any(|m| {
                m.case == n.case
                    && m.number == n.number
                    && (m.gender == n.gender || m.gender.is_none())
            })
    };
    let agrees = |g: Gender| {
        readings.iter().filter(|n| n.gender == Some(g)).any(|n| {
            ctx.cands[det].iter().any(|c| {
                let d = &c.reading.tag;
                (d.pos == Pos::Article || d.determiner)
                    && d.case == n.case
                    && d.number == n.number
                    && (d.gender == n.gender || d.gender.is_none())
            }) && (det + 1..i).all(|j| modifier_agrees(j, n))
        })
    };
    let fitting: Vec<Gender> = genders.into_iter().filter(|g| agrees(*g)).collect();
    match fitting.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The features of a contraction's article (*beim*, *zur*) that opens the noun phrase
/// ending with the noun at `i`, past its adjectives, participles and numbers.
fn contraction_before(lex: &Lexicon, ctx: &Context, i: usize) -> Vec<Features> {
    let mut j = i;
    while j > 0 && i - j < 5 {
        j -= 1;
        let Some(w) = ctx.word(j) else {
            return Vec::new();
        };
        if ctx.can_be(j, &[Pos::Preposition]) {
            return super::government::contraction_features(lex, w.text);
        }
        if !ctx.can_be(j, &[Pos::Adjective, Pos::Participle, Pos::Number]) {
            return Vec::new();
        }
    }
    Vec::new()
}

/// The article or determiner of the noun phrase that ends with the noun at `i` (adjectives,
/// participles and numbers may stand between them).
fn determiner_before(ctx: &Context, i: usize) -> Option<usize> {
    let mut j = i;
    while j > 0 && i - j < 5 {
        j -= 1;
        if !ctx.toks[j].is_word {
            return None;
        }
        let tags = || ctx.cands[j].iter().map(|c| &c.reading.tag);
        if tags().any(|t| t.pos == Pos::Article || t.determiner) {
            return Some(j);
        }
        if !tags().any(|t| matches!(t.pos, Pos::Adjective | Pos::Participle | Pos::Number)) {
            return None;
        }
    }
    None
}

/// The person of a personal pronoun's reading (also of its reflexive use: *uns* in *wir
/// freuen uns*). The lexicon marks only the second; the third has a gender in the
/// singular (*ihn*, *ihm*) and shares its plural forms with the polite address (*ihnen*,
/// *Ihnen*), which the first never does (*uns*, *mich*); a form of the article used as
/// a pronoun (*die*) is the third's. None for a word that is no personal pronoun
/// (*sich*).
pub fn pronoun_person(lex: &Lexicon, word: &str, t: &super::tags::Tag) -> Option<u8> {
    let readings = lex.readings(word);
    if !readings.iter().any(|x| x.tag.personal) {
        return None;
    }
    let polite = readings
        .iter()
        .any(|x| x.tag.personal && x.tag.person == Some(2));
    // A form of the article used as a personal pronoun (*die* "they", filed under the
    // article's lemma) is a demonstrative: the third person.
    let demonstrative = readings.iter().any(|x| {
        x.tag == *t
            && readings
                .iter()
                .any(|a| a.tag.pos == Pos::Article && a.lemma == x.lemma)
    });
    Some(match t.person {
        Some(p) => p,
        None if t.gender.is_some() || polite || demonstrative => 3,
        None => 1,
    })
}

/// The dictionary form of a pronoun, as dictionaries list it: a personal pronoun by its
/// nominative of the same number, gender and person (*ihm* → *er*; the lexicon files
/// them all under the first person), a relative or interrogative pronoun in the
/// nominative as written (*was*), a determiner by its masculine nominative singular
/// (*dieser*, *jeder*; the lexicon has stems such as *dies*, *jed*).
fn pronoun_lemma(lex: &Lexicon, word: &str, r: &Reading) -> String {
    use super::tags::{Case, Number};
    let lower = word.to_lowercase();
    let t = &r.tag;
    // A form of the definite article used as a pronoun (*die* in "die Frau, die …", *das*
    // in "Das ist gut") keeps the article's lemma, as dictionaries cite *der, die, das*;
    // the lexicon files it as personal or demonstrative.
    let article_lemma = lex
        .readings(&r.lemma)
        .iter()
        .any(|x| x.lemma == r.lemma && x.tag.pos == Pos::Article);
    if t.personal && !article_lemma {
        if t.case == Some(Case::Nominative) {
            return lower;
        }
        let number = match t.number {
            Some(Number::Plural) => "PLU",
            _ => "SIN",
        };
        // A form of two genders (*ihm*) is cited by the first, as dictionaries order
        // them (*er*, *es*).
        let genders: Vec<Option<Gender>> = lex
            .readings(word)
            .iter()
            .filter(|x| x.tag.personal && x.tag.case == t.case && x.tag.number == t.number)
            .map(|x| x.tag.gender)
            .collect();
        let first = [Gender::Masculine, Gender::Feminine, Gender::Neuter]
            .into_iter()
            .find(|g| genders.contains(&Some(*g)));
        let gender = match t.gender.and(first) {
            Some(Gender::Masculine) => "MAS",
            Some(Gender::Feminine) => "FEM",
            Some(Gender::Neuter) => "NEU",
            None => "ALG",
        };
        let nominatives = lex.forms(&r.lemma, &format!("PRO:PER:NOM:{number}:{gender}"));
        if t.person == Some(2) {
            // The familiar address's forms are its own (*dich* → *du*, *euch* → *ihr*);
            // the polite address's are the third person plural's too (*Ihnen* → *Sie*).
            // Written as the word is: lower case but for a capital it has.
            let third = |w: &str| {
                [w.to_string(), w.to_lowercase()].iter().any(|w| {
                    lex.readings(w).iter().any(|x| {
                        x.tag.personal
                            && x.tag.person != Some(2)
                            && x.tag.number == Some(Number::Plural)
                    })
                })
            };
            let word_third = third(word);
            let capital = word.starts_with(char::is_uppercase);
            let second: Vec<&String> = nominatives
                .iter()
                .filter(|(f, rest)| rest.contains(":2") && third(f) == word_third)
                .map(|(f, _)| f)
                .collect();
            return second
                .iter()
                .find(|f| f.starts_with(char::is_uppercase) == capital)
                .or(second.first())
                .map_or(lower, |f| f.to_string());
        }
        // The lexicon does not tell the first person from the third (*uns*, *ihnen*: both
        // plural, no person). The third person's forms are also the polite address's
        // (*ihnen*, *Ihnen*), the first person's never: the nominative is the one with
        // the same kind of forms (*sie*, *wir*).
        let polite = |w: &str| {
            lex.readings(w)
                .iter()
                .any(|x| x.tag.personal && x.tag.person == Some(2))
        };
        let word_polite = polite(word);
        let kind = |f: &str| polite(f) == word_polite;
        return nominatives
            .iter()
            .find(|(f, rest)| !rest.contains(":2") && kind(f))
            .or_else(|| nominatives.iter().find(|(_, rest)| !rest.contains(":2")))
            .map_or(lower, |(f, _)| f.clone());
    }
    if t.interrogative && t.case == Some(Case::Nominative) {
        return lower;
    }
    if t.determiner || !lex.knows(&r.lemma) {
        // Cited by its masculine nominative singular (*dieser*, *jeder*; the lexicon has
        // stems such as *dies*, *jed*), or by its plural nominative where it has no
        // singular (*einige*, *alle*); by the lexicon's lemma where that is a word of its
        // own and the more frequent (*viel*, not *vieler*; *kein*).
        // Forms of the lemma itself: the lexicon files all possessives under *mein*.
        let forms: Vec<(String, String)> = lex
            .forms(&r.lemma, "PRO:")
            .into_iter()
            .filter(|(f, _)| f.starts_with(r.lemma.as_str()))
            .collect();
        let nominative = forms
            .iter()
            .find(|(_, rest)| rest.contains("NOM:SIN:MAS"))
            .or_else(|| forms.iter().find(|(_, rest)| rest.contains("NOM:PLU")))
            .map(|(f, _)| f.clone());
        let own = lex.knows(&r.lemma).then(|| r.lemma.clone());
        let zipf = |w: &String| super::frequency::zipf_or_rare(w);
        let best = match (own, nominative) {
            (Some(own), Some(nom)) if zipf(&own) >= zipf(&nom) => Some(own),
            (_, Some(nom)) => Some(nom),
            (own, None) => own,
        };
        return best.unwrap_or(lower);
    }
    r.lemma.clone()
}

/// The verb a participle form belongs to (`investiert` → `investieren`).
fn participle_verb(lex: &Lexicon, participle: &str) -> Option<String> {
    lex.readings(participle)
        .into_iter()
        .find(|r| {
            r.tag.pos == Pos::Verb
                && matches!(
                    r.tag.verb_form,
                    Some(VerbForm::PastParticiple | VerbForm::PresentParticiple)
                )
        })
        .map(|r| r.lemma)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A word the lexicon does not list: a hyphenated or closed compound, a name's genitive,
/// or unknown.
fn analyse_unlisted(
    lex: &Lexicon,
    tok: &Token,
    initial: bool,
    determiner: &[Features],
    before_noun: bool,
) -> Analysis {
    let word = tok.text;
    // Of a compound head's readings, one that agrees with the noun phrase's determiner
    // (*die Inflationsrate*: *Rate*, not the old dative of *Rat*), else the first.
    let agrees = |r: &Reading| {
        determiner.is_empty()
            || super::government::features(&r.tag)
                .is_some_and(|n| determiner.iter().any(|d| super::government::agree(d, &n)))
    };
    let agreeing = |readings: &[Reading]| -> Option<Reading> {
        readings
            .iter()
            .find(|r| agrees(r))
            .or_else(|| readings.first())
            .cloned()
    };
    // A head whose noun readings all disagree with the determiner may be a verb's
    // infinitive made a noun (*beim Korrekturlesen*: *das Lesen*, not the plural of *die
    // Lese*): the head's readings with that one among them.
    let with_infinitive = |head: &str, readings: &[Reading]| -> Vec<Reading> {
        if determiner.is_empty() || readings.iter().any(&agrees) {
            return readings.to_vec();
        }
        let mut out: Vec<Reading> = lex
            .readings(&capitalised(head))
            .into_iter()
            .filter(|r| r.tag.pos == Pos::Noun && r.tag.nominalised && agrees(r))
            .collect();
        out.extend(readings.iter().cloned());
        out
    };
    // A compound's gender and plural are its head's; where the lexicon knows the head in
    // two genders (*der Mangel* "lack", *die Mangel* "mangle"), only the one its readings
    // that agree with the determiner share, else none: a gender is never guessed
    // (*der Schlafmangel* may be a feminine dative).
    let head_facts = |readings: &[Reading], head: &Reading| -> (Option<Gender>, Option<String>) {
        let mut own: Vec<&Reading> = readings
            .iter()
            .filter(|r| r.lemma == head.lemma && r.tag.pos == Pos::Noun)
            .collect();
        // A verb's infinitive made a noun (*das Laden*) is not the noun of its own gender
        // (*der Laden*), as in `noun_gender`.
        let infinitive = lex
            .readings(&head.lemma.to_lowercase())
            .iter()
            .any(|r| r.tag.pos == Pos::Verb && r.tag.verb_form == Some(VerbForm::Infinitive));
        if infinitive && own.iter().any(|r| !r.tag.nominalised) {
            own.retain(|r| !r.tag.nominalised);
        }
        let mut genders: Vec<Gender> = own.iter().filter_map(|r| r.tag.gender).collect();
        genders.sort_by_key(|g| g.article());
        genders.dedup();
        if genders.len() <= 1 {
            return noun_facts(lex, &head.lemma, Some(&head.tag));
        }
        let mut fitting: Vec<Gender> = Vec::new();
        for r in own {
            let agrees = !determiner.is_empty()
                && super::government::features(&r.tag)
                    .is_some_and(|n| determiner.iter().any(|d| super::government::agree(d, &n)));
            if let Some(g) = r.tag.gender.filter(|g| agrees && !fitting.contains(g)) {
                fitting.push(g);
            }
        }
        match fitting[..] {
            [g] => (
                Some(g),
                lex.plurals(&head.lemma, Some(g)).into_iter().next(),
            ),
            _ => (None, None),
        }
    };
    let mut a = Analysis {
        word: word.to_string(),
        start: tok.start,
        end: tok.end(),
        lemma: word.to_string(),
        pos: if tok.is_capitalised() {
            Pos::Name
        } else if word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':'))
        {
            Pos::Number
        } else {
            Pos::Unknown
        },
        tag: None,
        gender: None,
        plural: None,
        basis: Basis::Unknown,
        partner: None,
        alternatives: Vec::new(),
    };
    // KI-Wettrennen: the head is the last part.
    if let Some((first, last)) = word.rsplit_once('-')
        && !first.is_empty()
        && !last.is_empty()
    {
        let head = capitalised(last);
        let readings = lex.readings(&head);
        let nouns = compound::noun_readings(lex, &head);
        if let Some(r) = agreeing(&nouns)
            .as_ref()
            .or_else(|| readings.iter().find(|r| r.tag.pos == Pos::Noun))
        {
            let (gender, plural) = head_facts(&nouns, r);
            a.lemma = format!("{first}-{}", r.lemma);
            a.pos = Pos::Noun;
            a.gender = gender;
            a.plural = plural.map(|p| format!("{first}-{p}"));
            a.tag = Some(r.tag.clone());
            a.basis = Basis::Compound {
                parts: vec![first.to_string(), r.lemma.clone()],
            };
            return a;
        }
        // A head that is a closed compound itself (*Top-KI-Projektmanager*: *Projekt* +
        // *Manager*).
        if let Some(split) = compound::split(lex, &head)
            && let Some(r) = agreeing(&split.head_readings)
        {
            let r = &r;
            let own = &head[..head.len() - split.head.len()];
            let lemma = format!("{own}{}", r.lemma.to_lowercase());
            let (gender, plural) = head_facts(&split.head_readings, r);
            a.lemma = format!("{first}-{lemma}");
            a.pos = Pos::Noun;
            a.gender = gender;
            a.plural = plural.map(|p| format!("{first}-{own}{}", p.to_lowercase()));
            a.tag = Some(r.tag.clone());
            let mut parts = vec![first.to_string()];
            parts.extend(split.parts.iter().cloned());
            parts.push(r.lemma.clone());
            a.basis = Basis::Compound { parts };
        }
        return a;
    }
    // A number written out as one word (*zweihundertachtzig*), lower case or first in
    // its sentence.
    if (!tok.is_capitalised() || initial) && super::numbers::cardinal(word).is_some() {
        a.lemma = word.to_lowercase();
        a.pos = Pos::Number;
        a.tag = Some(Tag::new(Pos::Number));
        return a;
    }
    // A lower-case word by word formation: a verb, an adjective or a number, never a
    // noun. First in a sentence, a capital says nothing: a form of a word the lexicon
    // lists, read so, is that word (*Wahrscheinlicher ist, …* → *wahrscheinlich*), not a
    // name; a suffix alone does not make a name an adjective (*Powell*).
    let derived = unlisted::derive(lex, word).or_else(|| {
        unlisted::derive(lex, &word.to_lowercase()).filter(|d| {
            initial && (d.sure || lex.readings(&d.lemma).iter().any(|r| r.lemma == d.lemma))
        })
    });
    if let Some(d) = derived {
        a.lemma = d.lemma;
        a.pos = d.tag.pos;
        a.tag = Some(d.tag);
        if !d.parts.is_empty() {
            a.basis = Basis::Compound { parts: d.parts };
        }
        return a;
    }
    if tok.is_capitalised() {
        if let Some(mut split) = compound::split(lex, word)
            && let Some(head) = {
                split.head_readings = with_infinitive(&split.head, &split.head_readings);
                agreeing(&split.head_readings)
            }
        {
            let head = &head;
            let prefix = &word[..word.len() - split.head.len()];
            let lemma = format!("{prefix}{}", head.lemma.to_lowercase());
            let (gender, plural) = head_facts(&split.head_readings, head);
            a.lemma = lemma;
            a.pos = Pos::Noun;
            a.gender = gender;
            a.plural = plural.map(|p| format!("{prefix}{}", p.to_lowercase()));
            a.tag = Some(head.tag.clone());
            let mut parts = split.parts.clone();
            parts.push(head.lemma.clone());
            a.basis = Basis::Compound { parts };
            return a;
        }
        if let Some(n) = unlisted::noun_by_suffix(word) {
            let mut tag = Tag::new(Pos::Noun);
            tag.gender = Some(n.gender);
            tag.number = Some(n.number);
            a.lemma = n.lemma;
            a.pos = Pos::Noun;
            a.gender = Some(n.gender);
            a.plural = Some(n.plural);
            a.tag = Some(tag);
            return a;
        }
        // Amerikas, Trumps: a name's genitive when the name itself is listed as one;
        // right before a noun with no determiner, an unknown name's too (*Selins
        // Vorschlag*): a name ending in an s sound takes an apostrophe instead.
        if let Some(stem) = word.strip_suffix('s')
            && (lex
                .readings(stem)
                .iter()
                .any(|r| matches!(r.tag.pos, Pos::Name | Pos::Noun))
                || before_noun
                    && stem.chars().count() >= 2
                    && !stem.ends_with(['s', 'x', 'z', 'ß']))
        {
            a.lemma = stem.to_string();
            a.basis = Basis::Genitive;
        }
    }
    a
}

/// Analyse every word of a sentence.
pub fn analyse_sentence(sentence: &str) -> Vec<Analysis> {
    analyse_tokens(sentence, |_| true, true, installed().as_deref())
}

/// The analysis of a sentence, as the corrections now installed make it.
type Remembered = (String, Option<Arc<Corrections>>, Rc<Vec<Analysis>>);

thread_local! {
    /// The last sentence analysed by [`analysed_sentence`] on this thread.
    static LAST_ANALYSED: RefCell<Option<Remembered>> = const { RefCell::new(None) };
}

/// [`analyse_sentence`], remembered for the last sentence (and corrections) of this
/// thread: a lookup's rules ask for its sentence's analysis several times.
pub fn analysed_sentence(sentence: &str) -> Rc<Vec<Analysis>> {
    let fixes = installed();
    let same_fixes = |kept: &Option<Arc<Corrections>>| match (kept, &fixes) {
        (None, None) => true,
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        _ => false,
    };
    let kept = LAST_ANALYSED.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|(text, f, _)| text == sentence && same_fixes(f))
            .map(|(_, _, analysed)| Rc::clone(analysed))
    });
    if let Some(analysed) = kept {
        return analysed;
    }
    let analysed = Rc::new(analyse_tokens(sentence, |_| true, true, fixes.as_deref()));
    LAST_ANALYSED.with(|last| {
        *last.borrow_mut() = Some((sentence.to_string(), fixes, Rc::clone(&analysed)));
    });
    analysed
}

/// The lemma of every word of a sentence, without the facts a lookup shows (gender,
/// plural): what counting a book's words by lemma needs. (start, end, lemma) in bytes.
/// The lemmas of the sentence's words the lexicon lists (no compound is split, no name
/// guessed): cheap enough for every lookup.
pub fn listed_lemmas(sentence: &str) -> Vec<(usize, usize, String)> {
    let Ok(lex) = lexicon() else {
        return Vec::new();
    };
    let listed = |t: &Token| {
        !lex.readings(t.text).is_empty() || !lex.readings(&lower_first(t.text)).is_empty()
    };
    analyse_tokens(sentence, listed, false, installed().as_deref())
        .into_iter()
        .map(|a| (a.start, a.end, a.lemma))
        .collect()
}

pub fn sentence_lemmas(sentence: &str) -> Vec<(usize, usize, String)> {
    analyse_tokens(sentence, |_| true, false, installed().as_deref())
        .into_iter()
        .map(|a| (a.start, a.end, a.lemma))
        .collect()
}

/// A word the user gave a lemma by hand: the lemma's word class and (for a noun) gender
/// and plural from the lexicon, where it lists the lemma. An article before the lemma
/// ("der Junge") gives the noun's gender (*das Junge* is another noun).
fn corrected(lex: &Lexicon, tok: &Token, given: &str, facts: bool) -> Analysis {
    let (article, lemma) = match given.split_once(' ') {
        Some((a, rest)) if matches!(a, "der" | "die" | "das") && !rest.trim().is_empty() => {
            (Gender::parse(a), rest.trim())
        }
        _ => (None, given),
    };
    let own = lex
        .readings(lemma)
        .into_iter()
        .filter(|r| r.lemma == lemma)
        .find(|r| article.is_none() || r.tag.gender.is_none() || r.tag.gender == article);
    let pos = own.as_ref().map_or(Pos::Noun, |r| r.tag.pos);
    let pos = if article.is_some() {
        Pos::Noun
    } else if own.is_none() && !lemma.chars().next().is_some_and(char::is_uppercase) {
        // Not listed: a lower-case lemma is no noun; the word's own readings may say more.
        lex.readings(&tok.text.to_lowercase())
            .first()
            .map_or(Pos::Verb, |r| r.tag.pos)
    } else {
        pos
    };
    let (gender, plural) = match (pos, article) {
        (Pos::Noun, Some(g)) if facts => (Some(g), lex.plurals(lemma, Some(g)).into_iter().next()),
        (Pos::Noun, None) if facts => noun_facts(lex, lemma, None),
        _ => (None, None),
    };
    Analysis {
        word: tok.text.to_string(),
        start: tok.start,
        end: tok.end(),
        lemma: lemma.to_string(),
        pos,
        tag: own.map(|r| r.tag),
        gender,
        plural,
        basis: Basis::Corrected,
        partner: None,
        alternatives: Vec::new(),
    }
}

/// Analyse the words of a sentence that `wanted` picks (every word still serves as
/// context; only the picked ones are analysed to the end, compounds split). A word the
/// user corrected (`fixes`) takes the user's lemma.
fn analyse_tokens(
    sentence: &str,
    wanted: impl Fn(&Token) -> bool,
    facts: bool,
    fixes: Option<&Corrections>,
) -> Vec<Analysis> {
    let Ok(lex) = lexicon() else {
        return Vec::new();
    };
    let toks = tokens(sentence);
    let mut ctx = Context {
        cands: Vec::with_capacity(toks.len()),
        toks: Vec::new(),
        finite_alone: Vec::new(),
    };
    for (i, t) in toks.iter().enumerate() {
        let initial = initial_in(&toks, i);
        ctx.cands.push(if t.is_word {
            candidates(lex, t.text, initial)
        } else {
            Vec::new()
        });
    }
    ctx.toks = toks;
    // An imperative stands first in its clause, or after a word that may be a
    // conjunction, an adverb, a particle or an interjection (*Bitte komm*, *und mach*):
    // elsewhere it is no reading (*ein paar Tage*: not *paaren*).
    let misplaced: Vec<usize> = (0..ctx.toks.len())
        .filter(|&i| !ctx.clause_start(i) && !ctx.imperative_may_follow(i))
        .collect();
    for i in misplaced {
        ctx.cands[i].retain(|c| c.reading.tag.verb_form != Some(VerbForm::Imperative));
    }
    // A finite verb of the second person has *du* or *ihr* for its subject (*ihr
    // gelangt*; *Du kommst, gehst …*): in a sentence without one, *gelangt* is no form of
    // *gelingen*.
    let second_person = (0..ctx.toks.len()).any(|j| ctx.second_person_pronoun(j));
    for i in (0..ctx.toks.len()).filter(|_| !second_person) {
        ctx.cands[i].retain(|c| {
            let t = &c.reading.tag;
            !(t.pos == Pos::Verb
                && t.person == Some(2)
                && t.is_finite()
                && t.verb_form != Some(VerbForm::Imperative))
        });
    }
    ctx.finite_alone = (0..ctx.toks.len())
        .map(|i| ctx.word(i).is_some() && ctx.only_possible_finite(i))
        .collect();
    let links = separable_links(lex, &ctx);
    let mut out = Vec::new();
    for i in 0..ctx.toks.len() {
        let tok = &ctx.toks[i];
        if !tok.is_word || !wanted(tok) {
            continue;
        }
        if let Some(lemma) = fixes.and_then(|f| f.lemma_of(tok.text, ctx.initial(i))) {
            out.push(corrected(lex, tok, lemma, facts));
            continue;
        }
        if let Some((v, p, whole)) = links.iter().find(|(v, p, _)| *v == i || *p == i) {
            let other = &ctx.toks[if *v == i { *p } else { *v }];
            let tag = ctx.cands[i]
                .iter()
                .map(|c| &c.reading.tag)
                .find(|t| {
                    if *v == i {
                        t.is_finite()
                    } else {
                        t.pos == Pos::VerbParticle
                    }
                })
                .cloned();
            out.push(Analysis {
                word: tok.text.to_string(),
                start: tok.start,
                end: tok.end(),
                lemma: whole.clone(),
                pos: Pos::Verb,
                tag,
                gender: None,
                plural: None,
                basis: Basis::Separable {
                    verb: ctx.toks[*v].text.to_string(),
                    particle: ctx.toks[*p].text.to_string(),
                },
                partner: Some((other.start, other.end())),
                alternatives: Vec::new(),
            });
            continue;
        }
        let cands = &ctx.cands[i];
        if cands.is_empty() {
            let determiner: Vec<Features> = ctx
                .determiner_before(i)
                .map(|d| {
                    ctx.cands[d]
                        .iter()
                        .filter(|c| is_determiner(&c.reading.tag))
                        .filter_map(|c| super::government::features(&c.reading.tag))
                        .collect()
                })
                .unwrap_or_else(|| contraction_before(lex, &ctx, i));
            // A noun after it (past its adjectives), a known word right after it, and
            // no determiner before it: the word may be a genitive before its noun
            // (*Selins Vorschlag*, *Resis altem Ofen*).
            let before_noun = ctx.noun_follows(i)
                && ctx.word(i + 1).is_some()
                && !ctx.cands[i + 1].is_empty()
                && ctx.determiner_before(i).is_none();
            out.push(analyse_unlisted(
                lex,
                tok,
                ctx.initial(i),
                &determiner,
                before_noun,
            ));
            continue;
        }
        let best = cands
            .iter()
            .map(|c| (score(&ctx, i, c), c))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c);
        let Some(best) = best else { continue };
        let r = &best.reading;
        let mut a = Analysis {
            word: tok.text.to_string(),
            start: tok.start,
            end: tok.end(),
            lemma: r.lemma.clone(),
            pos: r.tag.pos,
            tag: Some(r.tag.clone()),
            gender: None,
            plural: None,
            basis: Basis::Lexicon,
            partner: None,
            alternatives: Vec::new(),
        };
        match r.tag.pos {
            Pos::Noun if facts => {
                let (g, p) = if lex.genders(&r.lemma).len() > 1 {
                    // A lemma of two genders (der/das Junge, der/die See): the sentence
                    // decides, or no gender is given.
                    let g = noun_gender(lex, &ctx, i, &r.lemma);
                    (
                        g,
                        g.and_then(|g| lex.plurals(&r.lemma, Some(g)).into_iter().next()),
                    )
                } else {
                    noun_facts(lex, &r.lemma, Some(&r.tag))
                };
                a.gender = g;
                a.plural = p;
            }
            Pos::Name => {
                a.gender = r.tag.gender;
            }
            Pos::Participle => {
                // Used as an adjective, a participle is learnt as one (*beeindruckend*,
                // *erschöpft*); the verb stays among the alternatives.
                a.basis = Basis::Participle;
                if let Some(verb) = participle_verb(lex, &r.lemma) {
                    a.alternatives.push((verb, Pos::Verb));
                }
            }
            Pos::Pronoun => {
                // A sentence's first word read in lower case is cited so (*Ihm* → *er*).
                let written = if best.lowered {
                    lower_first(tok.text)
                } else {
                    tok.text.to_string()
                };
                a.lemma = pronoun_lemma(lex, &written, r);
                // A pronoun that may stand before a noun or alone (*jeder*): alone where
                // no noun follows ("Jeder, der …").
                if r.tag.determiner && r.tag.standalone && !ctx.noun_follows(i) {
                    a.tag = a.tag.take().map(|mut t| {
                        t.determiner = false;
                        t
                    });
                }
            }
            Pos::VerbParticle | Pos::Adverb
                if ctx.infinitive_at(i + 1)
                    && cands.iter().any(|c| c.reading.tag.pos == Pos::VerbParticle) =>
            {
                // A verb particle before an infinitive is the infinitive's particle (*zu
                // gestalten*), not an adverb ("too").
                a.pos = Pos::Particle;
            }
            Pos::VerbParticle => {
                // A particle without its verb is read as the preposition or adverb.
                a.pos = Pos::Adverb;
            }
            _ => {}
        }
        for c in cands {
            let alt = (c.reading.lemma.clone(), c.reading.tag.pos);
            if (alt.0 != a.lemma || alt.1 != a.pos) && !a.alternatives.contains(&alt) {
                a.alternatives.push(alt);
            }
        }
        out.push(a);
    }
    out
}

/// Whether the clause of the word at byte `at` holds another word that can be an
/// infinitive or a past participle: a verb form an auxiliary or modal there governs
/// (*wird morgen kommen*, *wurde gebaut*).
pub fn governs_verb_form(sentence: &str, at: usize) -> bool {
    let g = governed_forms(sentence, at);
    g.infinitive || g.participle
}

/// Verbs an adjective is the predicate of: *ist gut*, *wird teurer*, *finde es gut*.
const COPULAS: [&str; 10] = [
    "sein",
    "werden",
    "bleiben",
    "scheinen",
    "wirken",
    "aussehen",
    "erscheinen",
    "finden",
    "machen",
    "gelten",
];

/// Whether the word right after byte `end` of the sentence is a name (*Frau Albrecht*):
/// analysed as one, or a capitalised word the lexicon lacks.
pub fn name_follows(sentence: &str, end: usize) -> bool {
    analysed_sentence(sentence)
        .iter()
        .find(|a| a.start > end)
        .is_some_and(|a| {
            sentence[end..a.start].trim().is_empty()
                && a.word.starts_with(char::is_uppercase)
                && (a.pos == Pos::Name || a.pos == Pos::Unknown)
        })
}

/// Whether the uninflected adjective or participle at byte `at` is used as an adverb:
/// no copula stands in its clause as a full verb (*lehne ich entschieden ab*, *wurde
/// einstimmig gewählt*, *überraschend groß*; not *Überraschend war, dass …*).
pub fn adverbial_use(sentence: &str, at: usize) -> bool {
    let toks = tokens(sentence);
    let Some((i, clause)) = clause_around(&toks, at) else {
        return false;
    };
    let (from, to) = (toks[clause.start].start, toks[clause.end - 1].end());
    !analyse_sentence(sentence).iter().any(|v| {
        v.start >= from
            && v.end <= to
            && v.start != toks[i].start
            && v.pos == Pos::Verb
            && COPULAS.contains(&v.lemma.as_str())
            && {
                let g = governed_forms_besides(sentence, v.start, Some(toks[i].start));
                !(g.infinitive || g.participle)
            }
    })
}

/// The token at byte `at` and the token range of its clause (between clause-ending
/// punctuation).
fn clause_around(toks: &[Token], at: usize) -> Option<(usize, std::ops::Range<usize>)> {
    let i = toks.iter().position(|t| t.start <= at && at < t.end())?;
    let from = toks[..i]
        .iter()
        .rposition(Token::ends_clause)
        .map_or(0, |b| b + 1);
    let to = toks[i..]
        .iter()
        .position(Token::ends_clause)
        .map_or(toks.len(), |b| i + b);
    Some((i, from..to))
}

/// The verb forms the clause of the word at byte `at` holds besides it.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct GovernedForms {
    /// A word that can be an infinitive (*wird morgen kommen*).
    pub infinitive: bool,
    /// A word that can be a past participle (*wurde gebaut*).
    pub participle: bool,
}

/// Which verb forms an auxiliary or modal at byte `at` may govern in its clause.
pub fn governed_forms(sentence: &str, at: usize) -> GovernedForms {
    governed_forms_besides(sentence, at, None)
}

/// The same, leaving out the word at byte `besides` (an adjective that may be a
/// participle, *ist weit entfernt*).
fn governed_forms_besides(sentence: &str, at: usize, besides: Option<usize>) -> GovernedForms {
    let mut out = GovernedForms::default();
    let Ok(lex) = lexicon() else {
        return out;
    };
    let toks = tokens(sentence);
    let Some((i, clause)) = clause_around(&toks, at) else {
        return out;
    };
    for j in clause.filter(|j| *j != i) {
        if !toks[j].is_word || toks[j].is_capitalised() || Some(toks[j].start) == besides {
            continue;
        }
        // A comparison's own short clause (*besser als erwartet*, *wie geplant*): no form
        // the auxiliary governs.
        let after_comparison = j > 0
            && lex
                .readings(&toks[j - 1].text.to_lowercase())
                .iter()
                .any(|r| r.tag.comparison);
        if after_comparison {
            continue;
        }
        for r in lex.readings(toks[j].text) {
            if r.tag.pos == Pos::Verb {
                match r.tag.verb_form {
                    Some(VerbForm::Infinitive) => out.infinitive = true,
                    Some(VerbForm::PastParticiple) => out.participle = true,
                    _ => {}
                }
            }
        }
    }
    out
}

/// Whether the clause of the verb at byte `at` has an object that is a person: a
/// first- or second-person pronoun in another case than the nominative, not reflexive
/// to a subject of its person (*sprach mich an*, *ruft dich an*; not *ich freue mich*),
/// or a third person's dative pronoun no preposition governs (*riet ihr*).
pub fn person_object(sentence: &str, at: usize) -> bool {
    let Ok(lex) = lexicon() else {
        return false;
    };
    let toks = tokens(sentence);
    let Some((i, clause)) = clause_around(&toks, at) else {
        return false;
    };
    // A third person's dative pronoun, as the sentence's analysis reads it (*riet ihr*,
    // *half ihm*), and no preposition's (*von ihnen*): a person, whom things are given,
    // said or advised.
    let analysed = analysed_sentence(sentence);
    let after_preposition = |j: usize| {
        j > 0
            && toks[j - 1].is_word
            && lex
                .readings(&toks[j - 1].text.to_lowercase())
                .iter()
                .any(|r| r.tag.pos == Pos::Preposition)
    };
    let dative_person = |j: usize| {
        !after_preposition(j)
            && analysed.iter().any(|a| {
                a.start == toks[j].start
                    && a.pos == Pos::Pronoun
                    && a.tag.as_ref().is_some_and(|t| {
                        t.personal
                            && !t.reflexive
                            && t.case == Some(super::tags::Case::Dative)
                            && pronoun_person(lex, &toks[j].text.to_lowercase(), t) == Some(3)
                    })
            })
    };
    clause.filter(|j| *j != i && toks[*j].is_word).any(|j| {
        if dative_person(j) {
            return true;
        }
        let word = toks[j].text.to_lowercase();
        let readings = lex.readings(&word);
        let personal: Vec<_> = readings.iter().filter(|r| r.tag.personal).collect();
        // Only personal readings, or a reflexive one beside them (*mich*: *ich*, *sich*).
        !personal.is_empty()
            && readings.iter().all(|r| r.tag.personal || r.tag.reflexive)
            && personal.iter().all(|r| {
                r.tag.case != Some(super::tags::Case::Nominative)
                    && r.tag.number.is_some_and(|n| {
                        pronoun_person(lex, &word, &r.tag).is_some_and(|p| {
                            p < 3 && !subject_of_person(sentence, toks[j].start, p, n)
                        })
                    })
            })
    })
}

/// Whether the clause of the word at byte `at` has a personal pronoun in the nominative
/// of that person and number besides it: the subject an object pronoun of the same
/// person is reflexive to (*wir freuen uns*, not *das erschien uns*).
pub fn subject_of_person(
    sentence: &str,
    at: usize,
    person: u8,
    number: super::tags::Number,
) -> bool {
    let Ok(lex) = lexicon() else {
        return false;
    };
    let toks = tokens(sentence);
    let Some((i, clause)) = clause_around(&toks, at) else {
        return false;
    };
    clause.filter(|j| *j != i && toks[*j].is_word).any(|j| {
        let word = toks[j].text.to_lowercase();
        lex.readings(&word).iter().any(|r| {
            r.tag.personal
                && r.tag.case == Some(super::tags::Case::Nominative)
                && r.tag.number == Some(number)
                && pronoun_person(lex, &word, &r.tag) == Some(person)
        })
    })
}

/// The number of the subject a possessive at byte `at` most likely refers to: the
/// number of the nearest finite verb of the third person before it in its clause
/// (*müssen sie ihre Monopole …*: plural, "their"). None where no verb before it tells.
pub fn owner_plural(sentence: &str, at: usize) -> Option<bool> {
    use super::tags::Number;
    let lex = lexicon().ok()?;
    let toks = tokens(sentence);
    let (i, clause) = clause_around(&toks, at)?;
    // An infinitive's group has the subject of the clause it depends on (*Viele Betriebe
    // müssen Futter zukaufen, um ihre Tiere … zu bringen*: "their"): past its comma.
    let verb_readings = |j: usize| {
        let t = &toks[j];
        let mut r = lex.readings(t.text);
        r.extend(lex.readings(&t.text.to_lowercase()));
        r
    };
    let words: Vec<usize> = clause.clone().filter(|j| toks[*j].is_word).collect();
    let zu_infinitive = words.iter().enumerate().any(|(k, &j)| {
        verb_readings(j)
            .iter()
            .any(|r| r.tag.verb_form == Some(VerbForm::ZuInfinitive))
            || toks[j].text == "zu"
                && words.get(k + 1).is_some_and(|&n| {
                    verb_readings(n)
                        .iter()
                        .any(|r| r.tag.verb_form == Some(VerbForm::Infinitive))
                })
    });
    let surely_finite = words.iter().any(|&j| {
        let r = verb_readings(j);
        !r.is_empty() && r.iter().all(|r| r.tag.is_finite())
    });
    let mut boundaries_to_pass = usize::from(zu_infinitive && !surely_finite);
    for t in toks[..i].iter().rev() {
        if t.ends_clause() {
            if boundaries_to_pass == 0 {
                return None;
            }
            boundaries_to_pass -= 1;
            continue;
        }
        if !t.is_word {
            continue;
        }
        let numbers: Vec<Option<Number>> = lex
            .readings(t.text)
            .iter()
            .chain(lex.readings(&t.text.to_lowercase()).iter())
            .filter(|r| r.tag.is_finite() && r.tag.person == Some(3))
            .map(|r| r.tag.number)
            .collect();
        if let Some(first) = numbers.first() {
            return numbers
                .iter()
                .all(|n| n == first)
                .then_some(*first == Some(Number::Plural));
        }
    }
    None
}

/// The analysis of the word at byte `at` of the sentence.
pub fn analyse_at(sentence: &str, at: usize) -> Option<Analysis> {
    analyse_tokens(
        sentence,
        |t| t.start <= at && at < t.end().max(t.start + 1),
        true,
        installed().as_deref(),
    )
    .into_iter()
    .next()
}

/// The analysis of the first occurrence of `word` in the sentence.
pub fn analyse_word(sentence: &str, word: &str) -> Option<Analysis> {
    let first = tokens(sentence)
        .into_iter()
        .find(|t| t.is_word && t.text == word)?;
    analyse_at(sentence, first.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_particle_verb_the_lexicon_lacks_is_attested_by_its_infinitive_or_participle() {
        let Ok(lex) = lexicon() else {
            return;
        };
        // *hervorholen* is rarer in text than its participle *hervorgeholt*.
        assert!(!lex.is_verb("hervorholen"));
        assert!(is_attested_verb(lex, "hervorholen"));
        let s = "Dann holte sie ein altes Fotoalbum hervor.";
        assert_eq!(
            analyse_word(s, "holte").map(|a| a.lemma).as_deref(),
            Some("hervorholen")
        );
        // An auxiliary's particle verb by its joined past (*vorhatte*), not by a
        // participle that is an adjective too (*dagewesen*, of *da sein*).
        let s = "Eigentlich hatte ich vor, noch kurz auszugehen.";
        assert_eq!(
            analyse_word(s, "vor").map(|a| a.lemma).as_deref(),
            Some("vorhaben")
        );
        let s = "Ich bin gleich da.";
        assert_eq!(
            analyse_word(s, "bin").map(|a| a.lemma).as_deref(),
            Some("sein")
        );
        // Never a joined form no text has (*deutet … hin* is no *hindeuen*).
        for invented in ["hinneuen", "hindeuen", "ausimmeren"] {
            assert!(!is_attested_verb(lex, invented), "{invented}");
        }
    }

    #[test]
    fn a_participle_inside_a_noun_phrase_is_its_adjective() {
        let read = |s: &str, w: &str| analyse_word(s, w).map(|a| (a.lemma, a.pos));
        let s = "Die Einnahmen seien gestiegen, vor allem durch das gut besuchte Sommerfest.";
        assert_eq!(read(s, "besuchte").map(|r| r.0).as_deref(), Some("besucht"));
        // A finite verb after a pronoun stays one (*Das kostete Geld*).
        let s = "Das kostete viel Geld.";
        assert_eq!(read(s, "kostete").map(|r| r.1), Some(Pos::Verb));
    }

    #[test]
    fn zu_before_a_bare_adjective_is_the_adverb_too() {
        let pos = |s: &str| analyse_word(s, "zu").map(|a| a.pos);
        assert_eq!(pos("Das ist mir zu teuer."), Some(Pos::Adverb));
        assert_eq!(pos("Sie hielt die Kosten für zu hoch."), Some(Pos::Adverb));
        assert_eq!(pos("Er ging zu seiner Mutter."), Some(Pos::Preposition));
        // An inflected adjective after it is a phrase's noun (*vor kurzem*).
        assert_eq!(
            analyse_word("Ich traf ihn vor kurzem.", "vor").map(|a| a.pos),
            Some(Pos::Preposition)
        );
    }

    #[test]
    fn a_compound_of_a_head_of_two_genders_takes_only_the_gender_its_article_tells() {
        let gender = |s: &str| analyse_word(s, "Schlafmangel").and_then(|a| a.gender);
        // *der* may be a feminine dative (*die Mangel* "mangle"): no gender.
        assert_eq!(gender("Der Schlafmangel ist schlimm."), None);
        assert_eq!(gender("Chronischer Schlafmangel ist schlimm."), None);
        assert_eq!(
            gender("Den Schlafmangel spürt man."),
            Some(Gender::Masculine)
        );
        // A head of one gender keeps it.
        let a = analyse_word("Die Kostenangaben stimmen nicht.", "Kostenangaben");
        assert_eq!(a.and_then(|a| a.gender), Some(Gender::Feminine));
    }

    #[test]
    fn a_noun_declined_as_an_adjective_is_found_in_its_strong_forms() {
        let a = analyse_word("Dafür braucht ein Erwachsener viel Schlaf.", "Erwachsener")
            .expect("analysed");
        assert_eq!((a.lemma.as_str(), a.pos), ("Erwachsene", Pos::Noun));
        assert_eq!(a.gender, Some(Gender::Masculine));
        let a = analyse_word("Ein Angestellter kam herein.", "Angestellter").expect("analysed");
        assert_eq!((a.lemma.as_str(), a.pos), ("Angestellte", Pos::Noun));
    }

    #[test]
    fn a_particle_finds_its_verb_past_an_adjective_and_a_participle() {
        let lemma = |s: &str, w: &str| analyse_word(s, w).map(|a| a.lemma);
        let s = "Dann nahm der Spieler einen langen Pass an und traf.";
        assert_eq!(lemma(s, "nahm").as_deref(), Some("annehmen"));
        assert_eq!(lemma(s, "langen").as_deref(), Some("lang"));
        let s = "Diese Lösung lehne ich entschieden ab, zumal ich schon gezahlt habe.";
        assert_eq!(lemma(s, "lehne").as_deref(), Some("ablehnen"));
    }

    #[test]
    fn a_word_that_is_no_particle_joins_only_into_a_frequent_listed_verb() {
        let lex = lexicon().expect("lexicon");
        let lemma = |s: &str, w: &str| analyse_word(s, w).map(|a| a.lemma);
        // The lexicon lists the word as no particle, and the joined verb as a verb.
        let word = "weh";
        assert!(
            !lex.readings(word)
                .iter()
                .any(|r| r.tag.pos == Pos::VerbParticle)
        );
        let joined = format!("{word}tun");
        assert!(lex.is_verb(&joined));
        assert!(frequency::zipf_or_rare(&joined) >= ADJECTIVE_PARTICLE_MIN_ZIPF);
        let s = "Nach dem Lauf tut mir das Knie weh.";
        assert_eq!(lemma(s, "tut").as_deref(), Some(joined.as_str()));
        assert_eq!(lemma(s, word).as_deref(), Some(joined.as_str()));
        // An interjection joined to a verb the lexicon lacks stays what it is.
        let s = "Er rief laut: Ach!";
        assert_eq!(lemma(s, "rief").as_deref(), Some("rufen"));
    }

    #[test]
    fn an_uninflected_adjective_without_a_copula_is_used_as_an_adverb() {
        let at = |s: &str, w: &str| adverbial_use(s, s.find(w).unwrap_or(0));
        assert!(at("Der Vorstand wurde einstimmig entlastet.", "einstimmig"));
        assert!(at("Diese Lösung lehne ich entschieden ab.", "entschieden"));
        // The predicate of a copula, also where the adjective may be a participle.
        assert!(!at("Überraschend war, dass es regnete.", "Überraschend"));
        assert!(!at("Das Dorf ist weit entfernt.", "entfernt"));
        assert!(!at("Die Suppe wird kalt.", "kalt"));
    }

    #[test]
    fn a_first_or_second_person_object_or_a_third_persons_dative_is_a_person() {
        let at = |s: &str, w: &str| person_object(s, s.find(w).unwrap_or(0));
        assert!(at(
            "Nach einer Weile sprach sie mich freundlich an.",
            "sprach"
        ));
        assert!(at("Sie gab mir das Buch.", "gab"));
        // A third person's dative: whom a thing is given or advised.
        assert!(at("Sie gab ihr das Buch.", "gab"));
        assert!(at("Die Ärztin tastete ihm den Bauch ab.", "tastete"));
        // Reflexive to its subject, a preposition's, or an accusative of the third
        // person: no sure person.
        assert!(!at("Ich freue mich auf den Urlaub.", "freue"));
        assert!(!at("Wir gaben uns Mühe.", "gaben"));
        assert!(!at("Viele von ihnen gaben an, dass es stimmt.", "gaben"));
        assert!(!at("Sie nahm ihn mit.", "nahm"));
    }

    #[test]
    fn ihr_beside_a_sure_subject_is_the_dative_her() {
        let lemma_case =
            |s: &str| analyse_word(s, "ihr").map(|a| (a.lemma, a.tag.and_then(|t| t.case)));
        let (lemma, case) = lemma_case("Er schenkt ihr ein paar reife Früchte.").expect("ihr");
        assert_eq!(
            (lemma.as_str(), case),
            ("sie", Some(crate::german::tags::Case::Dative))
        );
        let (lemma, _) = lemma_case("Habt ihr das gesehen?").expect("ihr");
        assert_eq!(lemma, "ihr");
    }

    #[test]
    fn ihr_after_a_second_verb_of_a_left_out_subject_is_the_dative_her() {
        let lemma = |s: &str| analyse_word(s, "ihr").map(|a| a.lemma);
        let s = "Er erzählt von seinem Garten und schenkt ihr ein paar Früchte.";
        assert_eq!(lemma(s).as_deref(), Some("sie"));
        let s = "Die Verkäuferin wirkt müde, zeigt ihr aber freundlich den Weg.";
        assert_eq!(lemma(s).as_deref(), Some("sie"));
        // A question keeps the subject *ihr* (*… und habt ihr …?*).
        let s = "Seid ihr schon da, und habt ihr den Schlüssel?";
        assert_eq!(lemma(s).as_deref(), Some("ihr"));
    }

    #[test]
    fn a_pronoun_after_a_preposition_is_no_subject() {
        let s = "Ich habe viele Sommer bei ihr verbracht.";
        let ihr = analyse_word(s, "ihr").expect("ihr");
        assert_eq!(ihr.lemma, "sie");
        assert_eq!(
            ihr.tag.and_then(|t| t.case),
            Some(crate::german::tags::Case::Dative)
        );
        assert_eq!(
            analyse_word(s, "verbracht").map(|a| a.lemma).as_deref(),
            Some("verbringen")
        );
        // A subject still is one.
        let kommt = analyse_word("Kommt ihr mit?", "ihr").and_then(|a| a.tag);
        assert_eq!(
            kommt.and_then(|t| t.case),
            Some(crate::german::tags::Case::Nominative)
        );
    }

    #[test]
    fn a_word_alone_keeps_its_capital_and_a_sentence_initial_one_need_not() {
        let pos_lemma = |s: &str| analyse_at(s, 0).map(|a| (a.pos, a.lemma));
        for (alone, lemma) in [("Leben", "Leben"), ("Essen", "Essen"), ("Kauf", "Kauf")] {
            assert_eq!(
                pos_lemma(alone),
                Some((Pos::Noun, lemma.to_string())),
                "{alone}"
            );
        }
        assert_eq!(pos_lemma("leben").map(|p| p.0), Some(Pos::Verb));
        // First in a sentence, a capital says nothing: the verb of a question.
        assert_eq!(pos_lemma("Essen wir jetzt?").map(|p| p.0), Some(Pos::Verb));
    }

    #[test]
    fn a_noun_of_two_genders_takes_the_one_its_article_agrees_with_or_none() {
        let gender_of = |s: &str, w: &str| analyse_word(s, w).and_then(|a| a.gender);
        assert_eq!(
            gender_of("Der Junge spielt im Park.", "Junge"),
            Some(Gender::Masculine)
        );
        assert_eq!(
            gender_of("Das Junge schläft im Nest.", "Junge"),
            Some(Gender::Neuter)
        );
        // Articles that fit both (accusative singular or dative plural; the plural): no
        // gender is guessed.
        assert_eq!(gender_of("Ich sah den kleinen Jungen.", "Jungen"), None);
        assert_eq!(gender_of("Die Jungen spielen im Park.", "Jungen"), None);
        assert_eq!(gender_of("Jungen spielen im Park.", "Jungen"), None);
        // An adjective between them agrees too: *der dritten Band* would be feminine.
        assert_eq!(
            gender_of("Der dritte Band erscheint bald.", "Band"),
            Some(Gender::Masculine)
        );
        assert_eq!(gender_of("Mit dem roten Band spielt sie.", "Band"), None);
        // A noun made from an adjective inflects as one: *viele Versicherte* is a plural
        // of any gender, *diese Versicherte* a feminine singular.
        assert_eq!(gender_of("Viele Versicherte warten.", "Versicherte"), None);
        assert_eq!(
            gender_of("Diese Versicherte wartet.", "Versicherte"),
            Some(Gender::Feminine)
        );
        // A lemma of one gender keeps it.
        assert_eq!(
            gender_of("Die Firma wächst.", "Firma"),
            Some(Gender::Feminine)
        );
        // A noun that is also a verb's infinitive made a noun (*das Regen*, of *regen*)
        // is the noun of its own gender.
        assert_eq!(
            gender_of("Sie klagen über zu wenig Regen.", "Regen"),
            Some(Gender::Masculine)
        );
    }

    #[test]
    fn a_lemma_corrected_by_hand_wins_over_the_lexicon() {
        let s = "Die Jungen spielen draußen, und sie lädt ihn ein.";
        let fixes = Corrections::new(std::collections::BTreeMap::from([(
            "Jungen".to_string(),
            "Junge".to_string(),
        )]));
        let at = s.find("Jungen").unwrap_or(0);
        let pick = |t: &Token| t.start == at;
        let a = analyse_tokens(s, pick, true, Some(&fixes));
        let a = a.first().expect("the word is analysed");
        assert_eq!(a.lemma, "Junge");
        assert_eq!(a.basis, Basis::Corrected);
        assert_eq!(a.pos, Pos::Noun);
        // Its gender and plural come from the lexicon's entry for the lemma.
        let (gender, plural) = noun_facts(lexicon().expect("lexicon"), "Junge", None);
        assert_eq!((a.gender, a.plural.clone()), (gender, plural));
        // An article says which noun: der Junge (the boy), not das Junge.
        let fixes = Corrections::new(std::collections::BTreeMap::from([(
            "Jungen".to_string(),
            "der Junge".to_string(),
        )]));
        let boy = analyse_tokens(s, pick, true, Some(&fixes));
        let boy = boy.first().expect("analysed");
        assert_eq!(boy.lemma, "Junge");
        assert_eq!(boy.gender, Some(Gender::Masculine));
        let plurals = lexicon()
            .expect("lexicon")
            .plurals("Junge", Some(Gender::Masculine));
        assert_eq!(boy.plural.as_ref(), plurals.first());
        // Without the correction, the lexicon and the sentence decide, and the other
        // words are not touched by it.
        let plain = analyse_tokens(s, pick, true, None);
        assert_ne!(plain.first().map(|a| &a.basis), Some(&Basis::Corrected));
        let others = analyse_tokens(s, |t| t.text == "lädt", true, Some(&fixes));
        assert_eq!(others.first().map(|a| a.lemma.as_str()), Some("einladen"));
    }

    #[test]
    fn a_sentence_analysed_again_is_remembered_not_redone() {
        let s = "Sie reichte den Antrag gestern beim Amt ein.";
        let first = analysed_sentence(s);
        let lemmas = |a: &[Analysis]| a.iter().map(|x| x.lemma.clone()).collect::<Vec<_>>();
        assert_eq!(lemmas(&first), lemmas(&analyse_sentence(s)));
        assert!(Rc::ptr_eq(&first, &analysed_sentence(s)));
        let other = analysed_sentence("Er kommt aus Berlin.");
        assert!(!Rc::ptr_eq(&first, &other));
        assert_eq!(
            lemmas(&other),
            lemmas(&analyse_sentence("Er kommt aus Berlin."))
        );
    }

    #[test]
    fn an_inflected_adjective_before_a_word_no_noun_phrase_goes_on_with_is_the_verb() {
        // Before *sich*, with no determiner: the verb.
        let s = "Der junge Mann verliebte sich in die alte Stadt.";
        assert_eq!(lemma(s, "verliebte"), ("verlieben".into(), Pos::Verb));
        // Before its noun: the adjective.
        // At its clause's end, with no determiner: the verb.
        let s = "Du musst dich nicht scheuen, laut zu fragen.";
        assert_eq!(lemma(s, "scheuen"), ("scheuen".into(), Pos::Verb));
        let s = "Sie sah die verliebte Katze.";
        assert_eq!(lemma(s, "verliebte").0, "verliebt");
    }

    #[test]
    fn a_compound_after_a_contraction_agrees_with_its_article() {
        // *beim*: dative singular, masculine or neuter; the head *Lesen* is the verb's
        // infinitive made a noun, not the plural of the feminine *Lese*.
        let a = analyse_word("Er hilft beim Zeitungslesen.", "Zeitungslesen")
            .expect("the word is in the sentence");
        assert_eq!(
            (a.lemma.as_str(), a.gender, a.plural.as_deref()),
            ("Zeitungslesen", Some(Gender::Neuter), None)
        );
    }

    #[test]
    fn an_adjective_at_the_clause_end_joins_a_listed_verb_only_where_it_is_no_predicate() {
        let s = "Beim Umzug ging leider einiges schief.";
        assert_eq!(lemma(s, "ging"), ("schiefgehen".into(), Pos::Verb));
        assert_eq!(lemma(s, "schief"), ("schiefgehen".into(), Pos::Verb));
        // After an adverb it is the adjective (*so schief*).
        let s = "Die Bilder gingen so schief.";
        assert_eq!(lemma(s, "gingen").0, "gehen");
    }

    #[test]
    fn an_unknown_name_with_s_before_its_noun_is_the_names_genitive() {
        assert_eq!(
            lemma("Wir saßen in Kemals neuem Wohnzimmer.", "Kemals").0,
            "Kemal"
        );
        assert_eq!(lemma("Dann kam Kemals Bruder.", "Kemals").0, "Kemal");
        // With no noun after it, nothing tells a genitive.
        assert_eq!(lemma("Das Buch gehört Kemals.", "Kemals").0, "Kemals");
    }

    #[test]
    fn past_a_determiner_it_agrees_with_a_form_is_inflected_not_the_comparative() {
        let degree = |s: &str, w: &str| {
            analyse_word(s, w)
                .and_then(|a| a.tag)
                .and_then(|t| t.degree)
        };
        let s = "Das war ein flacher, sehr breiter Fluss.";
        assert_eq!(
            degree(s, "flacher"),
            Some(super::super::tags::Degree::Positive)
        );
        let s = "Der Fluss war flacher als der See.";
        assert_eq!(
            degree(s, "flacher"),
            Some(super::super::tags::Degree::Comparative)
        );
    }

    #[test]
    fn a_participle_in_a_comparisons_short_clause_is_not_the_auxiliarys() {
        let s = "Das Essen wurde besser als erwartet.";
        assert!(!governs_verb_form(s, s.find("wurde").unwrap_or(0)));
        let s = "Das Haus wurde schnell gebaut.";
        assert!(governs_verb_form(s, s.find("wurde").unwrap_or(0)));
    }

    fn lemma(sentence: &str, word: &str) -> (String, Pos) {
        let a = analyse_word(sentence, word).expect("the word is in the sentence");
        (a.lemma, a.pos)
    }

    #[test]
    fn finite_and_modal_verbs_lead_to_the_infinitive() {
        assert_eq!(lemma("Das ist gut.", "ist"), ("sein".into(), Pos::Verb));
        assert_eq!(lemma("Sie würden das nie tun.", "würden").0, "werden");
        assert_eq!(lemma("Er kann schwimmen.", "kann").0, "können");
    }

    #[test]
    fn a_verb_next_to_its_subject_pronoun_is_finite_and_the_subject_takes_its_number() {
        let form =
            |s: &str, w: &str| analyse_word(s, w).and_then(|a| a.tag.and_then(|t| t.verb_form));
        let s = "Wir unterhalten uns über alles Mögliche und vergessen dabei die Zeit.";
        assert_eq!(form(s, "unterhalten"), Some(VerbForm::Present));
        assert_eq!(form(s, "vergessen"), Some(VerbForm::Present));
        // Not after an article (*die bestellten Artikel*).
        let s = "Später hatte ich die bestellten Artikel zu Hause.";
        assert_ne!(form(s, "bestellten"), Some(VerbForm::Past));
        let number = |s: &str| analyse_word(s, "sie").and_then(|a| a.tag.and_then(|t| t.number));
        use crate::german::tags::Number;
        assert_eq!(
            number("Sie kam, weil sie abnehmen möchte."),
            Some(Number::Singular)
        );
        assert_eq!(
            number("Er ruft an, aber sie telefonieren lange."),
            Some(Number::Plural)
        );
    }

    #[test]
    fn capitals_decide_between_noun_and_verb() {
        assert_eq!(
            lemma("Wir müssen die Daten schützen.", "schützen").1,
            Pos::Verb
        );
        assert_eq!(lemma("Die Schützen trafen.", "Schützen").1, Pos::Noun);
        assert_eq!(lemma("Als er kam, regnete es.", "Als").1, Pos::Conjunction);
    }

    #[test]
    fn separable_verbs_are_linked_by_clause() {
        let s = "Das sieht heute ganz anders aus, sagt sie.";
        assert_eq!(lemma(s, "sieht").0, "aussehen");
        assert_eq!(lemma(s, "aus").0, "aussehen");
        // No particle at the clause's end: no link, no invented verb.
        assert_eq!(lemma("Er kommt aus Berlin.", "kommt").0, "kommen");
        assert_eq!(lemma("Er kommt aus Berlin.", "aus").1, Pos::Preposition);
        // A particle verb the lexicon misses, attested by the word list.
        let s = "Sie brachte ihm das Obst vorbei.";
        assert_eq!(lemma(s, "brachte").0, "vorbeibringen");
        // Not an auxiliary's (*Dasein* is a noun), nor prepositions joined by *und*.
        assert_eq!(lemma("Ich war heute da.", "war").0, "sein");
        let s = "Der Hund ging mit und ohne Leine.";
        assert_eq!(lemma(s, "ging").0, "gehen");
        // A form of two verbs (*fallen*, *fällen*) joins its particle as the more
        // frequent particle verb.
        let s = "Das Konzert fällt heute aus.";
        let joined = lemma(s, "fällt").0;
        let rival = if joined == "ausfallen" {
            "ausfällen"
        } else {
            "ausfallen"
        };
        assert!(
            frequency::zipf_or_rare(&joined) >= frequency::zipf_or_rare(rival),
            "{joined} is rarer than {rival}"
        );
        assert_eq!(joined, "ausfallen");
        // A particle that is also an adjective joins a verb of middling frequency.
        let s = "Die Polizei nimmt den Täter fest.";
        assert!(frequency::zipf_or_rare("festnehmen") >= ADJECTIVE_PARTICLE_MIN_ZIPF);
        assert_eq!(lemma(s, "nimmt").0, "festnehmen");
        // A rarer one, listed by the lexicon, where the adjective cannot be the predicate
        // (no copula) nor is modified (*so*, *für*).
        let rare = "hochhalten";
        assert!(lexicon().expect("lexicon").is_verb(rare));
        assert!(frequency::zipf_or_rare(rare) < ADJECTIVE_PARTICLE_MIN_ZIPF);
        let s = "Die Kinder hielten ihre Bilder hoch.";
        assert_eq!(lemma(s, "hielten").0, rare);
        assert_eq!(lemma(s, "hoch").0, rare);
        assert_eq!(
            lemma("Die Kinder hielten den Preis für hoch.", "hielten").0,
            "halten"
        );
        assert_eq!(
            lemma("Die Kinder hielten die Köpfe so hoch.", "hielten").0,
            "halten"
        );
        assert_eq!(lemma("Die Preise sind dort hoch.", "sind").0, "sein");
    }

    #[test]
    fn articles_pronouns_and_participles_in_context() {
        assert_eq!(
            lemma("Die Firma wächst.", "Die"),
            ("der".into(), Pos::Article)
        );
        let a = analyse_word("Die investierten Milliarden fehlen.", "investierten").expect("word");
        // Used as an adjective, a participle keeps its adjective form; the verb is an
        // alternative.
        assert_eq!(a.lemma, "investiert");
        assert_eq!(a.basis, Basis::Participle);
        assert!(
            a.alternatives
                .contains(&("investieren".to_string(), Pos::Verb))
        );
        assert_eq!(lemma("Der Plan ist billiger.", "billiger").0, "billig");
    }

    #[test]
    fn nouns_get_gender_and_plural_from_the_lexicon() {
        let a = analyse_word("Die Modelle sind neu.", "Modelle").expect("word");
        assert_eq!(a.lemma, "Modell");
        assert_eq!(a.gender, Some(Gender::Neuter));
        assert_eq!(a.plural.as_deref(), Some("Modelle"));
    }

    #[test]
    fn a_participle_beside_a_finite_verb_and_no_auxiliary_is_used_as_an_adjective() {
        let pos_of = |s: &str, w: &str| analyse_word(s, w).map(|a| (a.lemma, a.pos));
        // Beside a finite verb, with no auxiliary: the adjective's lemma.
        let a = pos_of(
            "Paul kommt verschwitzt und erschöpft vom Platz.",
            "erschöpft",
        );
        assert_eq!(a, Some(("erschöpft".to_string(), Pos::Participle)));
        let a = pos_of("Die Verkäuferin wirkt gestresst.", "gestresst");
        assert_eq!(a, Some(("gestresst".to_string(), Pos::Participle)));
        // With an auxiliary or a modal it is a verb form.
        let a = pos_of("Er hat seine Kräfte erschöpft.", "erschöpft");
        assert_eq!(a.map(|a| a.0), Some("erschöpfen".to_string()));
        // The only finite verb, or joined to one by a conjunction: finite.
        let a = pos_of("Er erschöpft seine Kräfte.", "erschöpft");
        assert_eq!(a, Some(("erschöpfen".to_string(), Pos::Verb)));
        let a = pos_of("Jana lacht und bedankt sich.", "bedankt");
        assert_eq!(a, Some(("bedanken".to_string(), Pos::Verb)));
    }

    #[test]
    fn a_word_s_use_in_its_sentence_sets_its_class() {
        // A pronoun that may be a determiner stands alone where no noun follows.
        let a = analyse_word("Jeder, der kommt, ist willkommen.", "Jeder").expect("analysed");
        assert!(a.tag.as_ref().is_some_and(|t| !t.determiner), "{a:?}");
        let a = analyse_word("Jeder Gast ist willkommen.", "Jeder").expect("analysed");
        assert!(a.tag.as_ref().is_some_and(|t| t.determiner), "{a:?}");
        // First and right before the finite verb: an adverb, not a conjunction.
        let a = analyse_word("Allerdings hängt viel davon ab.", "Allerdings").expect("analysed");
        assert_eq!(a.pos, Pos::Adverb);
        let a = analyse_word("Aber er kommt morgen.", "Aber").expect("analysed");
        assert_eq!(a.pos, Pos::Conjunction);
        // A verb particle before an infinitive is the infinitive's particle.
        let a = analyse_word("Sie versucht, die Welt zu gestalten.", "zu").expect("analysed");
        assert_eq!(a.pos, Pos::Particle);
        let a = analyse_word("Das ist zu teuer.", "zu").expect("analysed");
        assert_ne!(a.pos, Pos::Particle);
    }

    #[test]
    fn inside_a_clause_a_word_that_may_be_an_adverb_is_one() {
        let pos = |s: &str, w: &str| analyse_word(s, w).map(|a| a.pos);
        assert_eq!(pos("Das Essen ist auch teuer.", "auch"), Some(Pos::Adverb));
        assert_eq!(pos("Er kam noch nicht.", "noch"), Some(Pos::Adverb));
        // At the start of a clause the conjunction stays.
        assert_eq!(
            pos("Es ist klein, aber es ist fein.", "aber"),
            Some(Pos::Conjunction)
        );
        // Listed as an adverb too, it modifies what follows; at its clause's end it is
        // predicative.
        assert_eq!(pos("Es ist wirklich gut.", "wirklich"), Some(Pos::Adverb));
        assert_eq!(pos("Sie kaufte etwas Brot.", "etwas"), Some(Pos::Pronoun));
    }

    #[test]
    fn a_determiner_takes_the_reading_that_agrees_with_its_noun() {
        use crate::german::tags::Number;
        let number = |s: &str, w: &str| {
            analyse_word(s, w)
                .and_then(|a| a.tag)
                .and_then(|t| t.number)
        };
        assert_eq!(
            number("Ich kenne diese Leute.", "diese"),
            Some(Number::Plural)
        );
        assert_eq!(
            number("Er mag diese Firma.", "diese"),
            Some(Number::Singular)
        );
    }

    #[test]
    fn a_personal_pronoun_is_cited_by_its_own_nominative() {
        let l = |s: &str, w: &str| analyse_word(s, w).map(|a| a.lemma);
        // First person: no polite forms; third person: the polite address's forms too.
        assert_eq!(l("Das war für uns gut.", "uns").as_deref(), Some("wir"));
        assert_eq!(
            l("Ich gebe ihnen das Buch.", "ihnen").as_deref(),
            Some("sie")
        );
        assert_eq!(l("Er hilft mir.", "mir").as_deref(), Some("ich"));
        // Of two genders, the first as dictionaries order them.
        assert_eq!(l("Sie hilft ihm.", "ihm").as_deref(), Some("er"));
        // A second-person subject needs its verb: otherwise another case.
        assert_eq!(l("Sie gab ihr das Buch.", "ihr").as_deref(), Some("sie"));
        assert_eq!(l("Ihr kommt morgen.", "Ihr").as_deref(), Some("ihr"));
        // A sentence's first word, read in lower case, by the lower case's nominative.
        assert_eq!(l("Ihm sei es wichtig.", "Ihm").as_deref(), Some("er"));
        assert_eq!(l("Uns gefällt das.", "Uns").as_deref(), Some("wir"));
        // The second person: the familiar address's own forms, the polite address's
        // capitals.
        assert_eq!(l("Er sieht dich.", "dich").as_deref(), Some("du"));
        assert_eq!(l("Ich sehe euch morgen.", "euch").as_deref(), Some("ihr"));
        assert_eq!(l("Kann ich Ihnen helfen?", "Ihnen").as_deref(), Some("Sie"));
        let a = analyse_word("Ich helfe ihnen.", "ihnen").expect("analysed");
        assert_eq!(a.tag.and_then(|t| t.person), None);
        // A possessive by its own lemma, not the one the lexicon files them all under.
        assert_eq!(
            l("Wir lieben unsere Küche.", "unsere").as_deref(),
            Some("unser")
        );
    }

    #[test]
    fn a_determiner_or_article_pronoun_is_cited_as_dictionaries_cite_it() {
        let l = |s: &str, w: &str| analyse_word(s, w).map(|a| a.lemma);
        // A form of the article used as a pronoun keeps the article's lemma.
        assert_eq!(
            l("Ich sehe die Frau, die dort steht.", "die").as_deref(),
            Some("der")
        );
        assert_eq!(l("Ich weiß, das ist gut.", "das").as_deref(), Some("der"));
        for (s, w, lemma) in [
            // The masculine nominative, where the lexicon has a stem.
            ("Diese Frau kennt jeden Mann.", "Diese", "dieser"),
            ("Diese Frau kennt jeden Mann.", "jeden", "jeder"),
            // The lexicon's lemma, where it is the more frequent word.
            ("Viele Leute kamen.", "Viele", "viel"),
            // The plural, where there is no singular pronoun (*einig* is "united").
            ("Einige Leute kamen.", "Einige", "einige"),
            // A possessive is no form of another one.
            ("Meine Frau kam.", "Meine", "mein"),
        ] {
            assert_eq!(l(s, w).as_deref(), Some(lemma), "{s}");
        }
    }

    #[test]
    fn an_auxiliary_governs_an_infinitive_or_participle_of_its_clause() {
        let s = "Er wird morgen kommen, sagt sie.";
        assert!(governs_verb_form(s, s.find("wird").expect("in it")));
        let s = "Er wird Lehrer, sagt sie kommen.";
        assert!(!governs_verb_form(s, s.find("wird").expect("in it")));
    }

    #[test]
    fn a_possessive_s_owner_is_the_number_of_the_verb_before_it() {
        let owner = |s: &str| owner_plural(s, s.find("ihre").expect("in it"));
        assert_eq!(owner("Die Firmen schützen ihre Monopole."), Some(true));
        assert_eq!(owner("Die Frau liebt ihre Kinder."), Some(false));
        // No verb before it in its clause: the sentence does not tell.
        assert_eq!(owner("Die Frau und ihre Kinder kommen."), None);
    }

    #[test]
    fn first_in_a_sentence_a_form_of_a_listed_word_is_that_word_not_a_name() {
        let a = analyse_word("Wahrscheinlicher ist, dass es kommt.", "Wahrscheinlicher")
            .expect("analysed");
        assert_eq!(
            (a.lemma.as_str(), a.pos),
            ("wahrscheinlich", Pos::Adjective)
        );
        // A suffix alone makes no name an adjective.
        let a = analyse_word("Powell sagte nichts.", "Powell").expect("analysed");
        assert_eq!(a.pos, Pos::Name);
    }

    #[test]
    fn swiss_spelling_is_read_as_the_standard_one() {
        let a = analyse_word("Das ist eine grosse Auswahl.", "grosse").expect("analysed");
        assert_eq!((a.lemma.as_str(), a.pos), ("groß", Pos::Adjective));
        // A form the lexicon lists with ss stays as it is.
        let a = analyse_word("Wir müssen gehen.", "müssen").expect("analysed");
        assert_eq!(a.lemma, "müssen");
    }

    #[test]
    fn a_number_in_digits_is_a_number() {
        let a = analyse_word("Er zahlte 2007 Euro.", "2007").expect("analysed");
        assert_eq!(a.pos, Pos::Number);
        // First in its sentence and before its noun, a number word is one; alone, the
        // noun.
        let a = analyse_word("Zwei Spieler hatten sich verletzt.", "Zwei").expect("analysed");
        assert_eq!((a.lemma.as_str(), a.pos), ("zwei", Pos::Number));
        let a = analyse_word("Die Zwei ist eine Zahl.", "Zwei").expect("analysed");
        assert_eq!(a.pos, Pos::Noun);
    }

    #[test]
    fn an_imperative_stands_first_in_its_clause() {
        let a = analyse_word("Er blieb ein paar Tage.", "paar").expect("analysed");
        assert_eq!((a.lemma.as_str(), a.pos), ("paar", Pos::Unknown));
        for (s, w) in [
            ("Komm bitte her!", "Komm"),
            ("Bitte komm her!", "komm"),
            ("Er schläft, also sei leise!", "sei"),
        ] {
            let a = analyse_word(s, w).expect("analysed");
            assert_eq!(a.pos, Pos::Verb, "{s}");
        }
    }

    #[test]
    fn a_second_person_verb_needs_du_or_ihr_and_the_indicative_comes_first() {
        let l = |s: &str, w: &str| analyse_word(s, w).map(|a| a.lemma);
        // *verbracht* is also *verbrechen*'s second person plural (*ihr verbracht*).
        assert_eq!(
            l("Ich habe zwei Nächte im Hotel verbracht.", "verbracht").as_deref(),
            Some("verbringen")
        );
        assert_eq!(
            l("Du kommst, gehst und kommst wieder.", "gehst").as_deref(),
            Some("gehen")
        );
        // *führen* is also *fahren*'s subjunctive.
        assert_eq!(
            l("Die Erfahrungen führen dazu, dass man geht.", "führen").as_deref(),
            Some("führen")
        );
        assert_eq!(
            l("Wenn er käme, wäre es gut.", "käme").as_deref(),
            Some("kommen")
        );
    }

    #[test]
    fn an_adjective_spelled_with_a_capital_stands_before_a_noun() {
        let pos = |s: &str, w: &str| analyse_word(s, w).map(|a| a.pos);
        assert_eq!(
            pos("Das Berliner Landgericht hat entschieden.", "Berliner"),
            Some(Pos::Adjective)
        );
        assert_eq!(pos("Der Berliner kam spät.", "Berliner"), Some(Pos::Noun));
        assert_eq!(pos("Ich aß einen Berliner.", "Berliner"), Some(Pos::Noun));
    }

    #[test]
    fn an_unexplained_lower_case_word_is_no_noun() {
        let a = analyse_word("Und viertens hatten sie Recht.", "viertens").expect("analysed");
        assert_eq!((a.pos, &a.basis), (Pos::Unknown, &Basis::Unknown));
        // Capitalised, it may be a name.
        let a = analyse_word("Gestern kam Xaverl.", "Xaverl").expect("analysed");
        assert_eq!(a.pos, Pos::Name);
    }

    #[test]
    fn an_article_before_unknown_or_joined_adjectives_and_a_noun_is_one() {
        let det = |s: &str, w: &str| analyse_word(s, w).map(|a| a.pos);
        assert_eq!(
            det("Es gab eine dreiminütigste Einweisung.", "eine"),
            Some(Pos::Article)
        );
        // A number in digits, too.
        assert_eq!(
            det("Sie hat in den 5 Jahren viel gelernt.", "den"),
            Some(Pos::Article)
        );
        assert_eq!(
            det(
                "Wir fanden einen kompetenten und geduldigen Händler.",
                "einen"
            ),
            Some(Pos::Article)
        );
    }

    #[test]
    fn a_participle_the_lexicon_lists_as_an_adjective_is_weighed_as_a_participle() {
        let a = analyse_word("Er ist Lehrer geworden.", "geworden").expect("analysed");
        assert_eq!((a.lemma.as_str(), a.pos), ("werden", Pos::Verb));
        // A lexicalised adjective, more frequent than its verb, stays one.
        let a = analyse_word("Der Shop ist für Schnäppchen bekannt.", "bekannt").expect("analysed");
        assert_eq!(a.lemma, "bekannt");
        // The finite verb may stand last in a subordinate clause.
        let a = analyse_word(
            "Die Leute, die sehr gestresst wirkten, gingen.",
            "gestresst",
        )
        .expect("analysed");
        assert_eq!(a.lemma, "gestresst");
    }

    #[test]
    fn a_clause_has_a_finite_verb() {
        let a = analyse_word(
            "„Wir haben alles erreicht“, erklärte der Minister.",
            "erklärte",
        )
        .expect("analysed");
        assert_eq!((a.lemma.as_str(), a.pos), ("erklären", Pos::Verb));
        let a = analyse_word("Der Biologe beobachtete Deutsche am Steuer.", "beobachtete")
            .expect("analysed");
        assert_eq!(a.lemma, "beobachten");
        // First, before an article that is no genitive: a verb; before a genitive, a
        // noun may stand (*Ende der Woche*).
        let a = analyse_word("Habe die Artikel prompt erhalten.", "Habe").expect("analysed");
        assert_eq!((a.lemma.as_str(), a.pos), ("haben", Pos::Verb));
        // After an article the participle stays an adjective.
        let a = analyse_word("Die erklärte Absicht.", "erklärte").expect("analysed");
        assert_eq!(a.lemma, "erklärt");
    }

    #[test]
    fn a_past_tense_after_und_is_a_second_verb_of_the_subject() {
        for (sentence, word, verb) in [
            (
                "Abends gingen die Frauen ins Restaurant und bestellten frischen Fisch.",
                "bestellten",
                "bestellen",
            ),
            (
                "Die neuen Wagen seien leiser und verbrauchten weniger Strom.",
                "verbrauchten",
                "verbrauchen",
            ),
        ] {
            let a = analyse_word(sentence, word).expect("analysed");
            assert_eq!((a.lemma.as_str(), a.pos), (verb, Pos::Verb), "{sentence}");
        }
        // An adjective that is no participle of the verb stays one; a bare participle
        // joined to another stays a participle.
        let a = analyse_word("Sie kauften Brot und frischen Käse.", "frischen").expect("analysed");
        assert_eq!((a.lemma.as_str(), a.pos), ("frisch", Pos::Adjective));
        let a = analyse_word(
            "Paul kommt verschwitzt und erschöpft vom Platz.",
            "erschöpft",
        )
        .expect("analysed");
        assert_eq!(a.pos, Pos::Participle);
    }

    #[test]
    fn a_participle_with_haben_or_werden_is_the_verbs() {
        for (sentence, word, lemma) in [
            (
                "Es wurde von einem Architekten entworfen.",
                "entworfen",
                "entwerfen",
            ),
            (
                "Der Verein hat das Spiel verloren.",
                "verloren",
                "verlieren",
            ),
        ] {
            let a = analyse_word(sentence, word).expect("analysed");
            assert_eq!((a.lemma.as_str(), a.pos), (lemma, Pos::Verb), "{sentence}");
        }
    }

    #[test]
    fn a_noun_agrees_with_its_determiner() {
        // The lexicon also reads *Rate* as an old dative of *Rat*: not after *die*.
        for (sentence, word, lemma) in [
            ("Die Rate steigt.", "Rate", "Rate"),
            ("Sie senken die neue Rate.", "Rate", "Rate"),
            (
                "Die Inflationsrate steigt.",
                "Inflationsrate",
                "Inflationsrate",
            ),
            ("Die EU-Rate steigt.", "EU-Rate", "EU-Rate"),
        ] {
            let a = analyse_word(sentence, word).expect("analysed");
            assert_eq!(a.lemma, lemma, "{sentence}");
        }
    }

    #[test]
    fn a_determiner_after_an_article_is_part_of_its_noun_phrase() {
        for (sentence, word) in [
            ("Abends gingen die beiden Frauen aus.", "die"),
            ("Die vielen Leute warten.", "Die"),
            ("Die anderen Kinder spielen.", "Die"),
            // First in a sentence, where no relative pronoun stands.
            ("Die eine Hälfte ging spazieren.", "Die"),
        ] {
            let a = analyse_word(sentence, word).expect("analysed");
            assert_eq!(a.pos, Pos::Article, "{sentence}");
        }
        // A relative pronoun before an article stays one.
        let s = "Das sind die Frauen, die die Kinder lieben.";
        let second = s.find(", die").expect("in the sentence") + 2;
        let a = analyse_at(s, second).expect("analysed");
        assert_eq!(a.pos, Pos::Pronoun);
        // … also before a word that may be an article.
        let s = "Das sind die Firmen, die eine Klage einreichten.";
        let second = s.find(", die").expect("in the sentence") + 2;
        let a = analyse_at(s, second).expect("analysed");
        assert_eq!(a.pos, Pos::Pronoun);
    }

    #[test]
    fn a_hyphenated_compound_whose_head_is_a_closed_compound_is_a_noun() {
        let a = analyse_word(
            "Die Top-KI-Projektmanager verdienen viel.",
            "Top-KI-Projektmanager",
        )
        .expect("analysed");
        assert_eq!(a.pos, Pos::Noun);
        assert_eq!(a.lemma, "Top-KI-Projektmanager");
        let Basis::Compound { parts } = &a.basis else {
            panic!("{a:?}")
        };
        assert_eq!(parts.first().map(String::as_str), Some("Top-KI"));
        assert!(a.gender.is_some(), "{a:?}");
    }

    #[test]
    fn compounds_and_names_the_lexicon_does_not_list() {
        let a = analyse_word("Das KI-Wettrennen beginnt.", "KI-Wettrennen").expect("word");
        assert_eq!(a.lemma, "KI-Wettrennen");
        assert_eq!(a.gender, Some(Gender::Neuter));
        let a = analyse_word("Die US-Firmen wachsen.", "US-Firmen").expect("word");
        assert_eq!(a.lemma, "US-Firma");
        let a = analyse_word("Die Kostenangaben stimmen.", "Kostenangaben").expect("word");
        assert_eq!(a.lemma, "Kostenangabe");
        assert_eq!(a.gender, Some(Gender::Feminine));
    }
}
