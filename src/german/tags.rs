//! LanguageTool's German part-of-speech tags ("SUB:NOM:PLU:MAS", "VER:3:SIN:PRT:SFT",
//! "ADJ:AKK:SIN:FEM:KOM:DEF") read into typed features. The tag set is documented in
//! german-pos-dict's `german_tags.txt`.

use super::Gender;

/// The word class of a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    Noun,
    Name,
    Verb,
    /// A participle (present or past) inflected or used as an adjective.
    Participle,
    Adjective,
    Adverb,
    Article,
    Pronoun,
    Preposition,
    Conjunction,
    /// A particle: `nicht`, `zu`, sentence particles, answer words.
    Particle,
    /// The separable part of a verb (`aus` in *sieht … aus*).
    VerbParticle,
    Number,
    Interjection,
    Abbreviation,
    /// A lower-case word the lexicon does not list and word formation does not explain:
    /// no noun (it would be capitalised), and nothing else the analysis can tell.
    Unknown,
}

impl Pos {
    /// The name shown to a learner.
    pub fn name(self) -> &'static str {
        match self {
            Pos::Noun => "noun",
            Pos::Name => "name",
            Pos::Verb => "verb",
            Pos::Participle => "participle",
            Pos::Adjective => "adjective",
            Pos::Adverb => "adverb",
            Pos::Article => "article",
            Pos::Pronoun => "pronoun",
            Pos::Preposition => "preposition",
            Pos::Conjunction => "conjunction",
            Pos::Particle => "particle",
            Pos::VerbParticle => "verb particle",
            Pos::Number => "number",
            Pos::Interjection => "interjection",
            Pos::Abbreviation => "abbreviation",
            Pos::Unknown => "unknown",
        }
    }

    /// Closed classes: a short, fixed list of words (articles, pronouns, prepositions…).
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Pos::Article
                | Pos::Pronoun
                | Pos::Preposition
                | Pos::Conjunction
                | Pos::Particle
                | Pos::VerbParticle
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Nominative,
    Accusative,
    Dative,
    Genitive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    Singular,
    Plural,
}

/// Tense, mood or non-finite form of a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    Present,
    Past,
    SubjunctiveI,
    SubjunctiveII,
    Imperative,
    Infinitive,
    /// The infinitive with `zu` inside (`aufzubauen`).
    ZuInfinitive,
    PresentParticiple,
    PastParticiple,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Degree {
    Positive,
    Comparative,
    Superlative,
}

/// One tag, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub pos: Pos,
    pub case: Option<Case>,
    pub number: Option<Number>,
    pub gender: Option<Gender>,
    pub person: Option<u8>,
    pub verb_form: Option<VerbForm>,
    pub degree: Option<Degree>,
    /// `sein`, `haben`, `werden` as auxiliaries.
    pub auxiliary: bool,
    pub modal: bool,
    /// A form of a separable verb written joined (`aussieht`), as in a subordinate clause.
    pub joined_separable: bool,
    /// A noun made from an adjective (`der Deutsche`) or an infinitive (`das Schützen`).
    pub nominalised: bool,
    /// Predicative or adverbial use of an adjective or participle (`ist gut`).
    pub predicative: bool,
    /// A pronoun used before a noun, as a determiner (`diese Firma`, `sein Modell`).
    pub determiner: bool,
    /// A pronoun that also stands alone (`dieser` in "dieser ist neu").
    pub standalone: bool,
    /// A personal pronoun (`er`, `ihm`, `uns`).
    pub personal: bool,
    /// A possessive pronoun (`sein`, `ihre`).
    pub possessive: bool,
    /// A reflexive pronoun (`sich`, and `uns` read as one).
    pub reflexive: bool,
    /// A relative or interrogative pronoun (`was`, `wer`).
    pub interrogative: bool,
    /// A coordinating conjunction (`und`, `aber`): the clause before it may end there.
    pub coordinating: bool,
    /// A subordinating conjunction (`dass`, `weil`): a new clause starts.
    pub subordinating: bool,
    /// A conjunction that opens an infinitive clause (`um … zu`, `ohne … zu`).
    pub infinitive_conjunction: bool,
    /// A comparison conjunction (`als`, `wie`).
    pub comparison: bool,
    /// An adjective's strong form, as it stands without an article (`SOL`: *viele
    /// Versicherte*, not *die Versicherten*).
    pub strong: bool,
}

impl Tag {
    pub(crate) fn new(pos: Pos) -> Tag {
        Tag {
            pos,
            case: None,
            number: None,
            gender: None,
            person: None,
            verb_form: None,
            degree: None,
            auxiliary: false,
            modal: false,
            joined_separable: false,
            nominalised: false,
            predicative: false,
            determiner: false,
            standalone: false,
            personal: false,
            possessive: false,
            reflexive: false,
            interrogative: false,
            coordinating: false,
            subordinating: false,
            infinitive_conjunction: false,
            comparison: false,
            strong: false,
        }
    }

    /// Read a tag; `None` for a tag outside the documented set.
    pub fn parse(tag: &str) -> Option<Tag> {
        let mut parts = tag.split(':');
        let pos = match parts.next()? {
            "SUB" => Pos::Noun,
            "EIG" => Pos::Name,
            "VER" => Pos::Verb,
            "PA1" | "PA2" => Pos::Participle,
            "ADJ" => Pos::Adjective,
            "ADV" => Pos::Adverb,
            "ART" => Pos::Article,
            "PRO" => Pos::Pronoun,
            "PRP" => Pos::Preposition,
            "KON" => Pos::Conjunction,
            "PAR" | "NEG" => Pos::Particle,
            "ZUS" => Pos::VerbParticle,
            "ZAL" => Pos::Number,
            "INJ" => Pos::Interjection,
            "ABK" => Pos::Abbreviation,
            _ => return None,
        };
        let mut t = Tag::new(pos);
        match tag.get(..3) {
            Some("PA1") => t.verb_form = Some(VerbForm::PresentParticiple),
            Some("PA2") => t.verb_form = Some(VerbForm::PastParticiple),
            _ => {}
        }
        for p in parts {
            match p {
                "NOM" => t.case = Some(Case::Nominative),
                "AKK" => t.case = t.case.or(Some(Case::Accusative)),
                "DAT" => t.case = t.case.or(Some(Case::Dative)),
                "GEN" => t.case = t.case.or(Some(Case::Genitive)),
                "SIN" | "SIG" => t.number = Some(Number::Singular),
                "PLU" | "PLT" => t.number = Some(Number::Plural),
                "MAS" => t.gender = Some(Gender::Masculine),
                "FEM" => t.gender = Some(Gender::Feminine),
                "NEU" => t.gender = Some(Gender::Neuter),
                "1" => t.person = Some(1),
                "2" => t.person = Some(2),
                "3" => t.person = Some(3),
                "PRÄ" => t.verb_form = Some(VerbForm::Present),
                "PRT" => t.verb_form = Some(VerbForm::Past),
                "KJ1" => t.verb_form = Some(VerbForm::SubjunctiveI),
                "KJ2" => t.verb_form = Some(VerbForm::SubjunctiveII),
                "IMP" => t.verb_form = Some(VerbForm::Imperative),
                "INF" if pos == Pos::Verb => t.verb_form = Some(VerbForm::Infinitive),
                "INF" | "ADJ" if pos == Pos::Noun => t.nominalised = true,
                "EIZ" => t.verb_form = Some(VerbForm::ZuInfinitive),
                "PA1" if pos == Pos::Verb => t.verb_form = Some(VerbForm::PresentParticiple),
                "PA2" if pos == Pos::Verb => t.verb_form = Some(VerbForm::PastParticiple),
                "GRU" => t.degree = Some(Degree::Positive),
                "KOM" => t.degree = Some(Degree::Comparative),
                "SUP" => t.degree = Some(Degree::Superlative),
                "PRD" => t.predicative = true,
                "SOL" => t.strong = true,
                "AUX" => t.auxiliary = true,
                "MOD" if pos == Pos::Verb => t.modal = true,
                "NEB" if pos == Pos::Verb => t.joined_separable = true,
                "NEB" if pos == Pos::Conjunction => t.coordinating = true,
                "UNT" if pos == Pos::Conjunction => t.subordinating = true,
                "INF" if pos == Pos::Conjunction => t.infinitive_conjunction = true,
                "VGL" if pos == Pos::Conjunction => t.comparison = true,
                "BEG" => t.determiner = true,
                "STV" => t.standalone = true,
                "B/S" => {
                    t.determiner = true;
                    t.standalone = true;
                }
                "PER" if pos == Pos::Pronoun => t.personal = true,
                "POS" if pos == Pos::Pronoun => t.possessive = true,
                "REF" if pos == Pos::Pronoun => t.reflexive = true,
                "RIN" | "INR" | "REL" if pos == Pos::Pronoun => t.interrogative = true,
                _ => {}
            }
        }
        Some(t)
    }

    /// A finite verb form (one that agrees with a subject).
    pub fn is_finite(&self) -> bool {
        self.pos == Pos::Verb
            && matches!(
                self.verb_form,
                Some(
                    VerbForm::Present
                        | VerbForm::Past
                        | VerbForm::SubjunctiveI
                        | VerbForm::SubjunctiveII
                        | VerbForm::Imperative
                )
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reflexive_pronoun_is_marked() {
        let t = Tag::parse("PRO:REF:AKK:SIN:ALG").expect("a pronoun tag");
        assert!(t.reflexive && t.pos == Pos::Pronoun);
        let t = Tag::parse("PRO:PER:AKK:SIN:NOG").expect("a pronoun tag");
        assert!(!t.reflexive);
    }

    #[test]
    fn tags_are_read_into_features() {
        let t = Tag::parse("SUB:NOM:PLU:MAS").expect("a noun tag");
        assert_eq!(t.pos, Pos::Noun);
        assert_eq!(t.case, Some(Case::Nominative));
        assert_eq!(t.number, Some(Number::Plural));
        assert_eq!(t.gender, Some(Gender::Masculine));
        let t = Tag::parse("VER:MOD:3:SIN:KJ2").expect("a verb tag");
        assert!(t.modal && t.is_finite());
        assert_eq!(t.verb_form, Some(VerbForm::SubjunctiveII));
        let t = Tag::parse("PA2:AKK:PLU:FEM:GRU:DEF:VER").expect("a participle tag");
        assert_eq!(t.pos, Pos::Participle);
        assert_eq!(t.verb_form, Some(VerbForm::PastParticiple));
        let t = Tag::parse("VER:EIZ:SFT").expect("a zu-infinitive");
        assert_eq!(t.verb_form, Some(VerbForm::ZuInfinitive));
        let t = Tag::parse("VER:3:SIN:PRÄ:NON:NEB").expect("a joined separable verb");
        assert!(t.joined_separable);
        assert!(Tag::parse("XYZ:1").is_none());
    }
}
