//! Reading and writing glossary files (TOML), with errors that name the file, line,
//! column and field.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::term::{Gender, PartOfSpeech, Source, Term};
use crate::location::line_column;

/// The glossary of the bundled article.
pub const BUNDLED_GLOSSARY: &str =
    include_str!("../../assets/glossary/deepseek-boeing-moment.toml");

/// A glossary file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", crate::location::place(.path.as_path(), *.line, *.column))]
pub struct GlossaryError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: Spanned<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    document: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(default)]
    term: Vec<Spanned<RawTerm>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    lemma: Spanned<String>,
    pos: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gender: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plural: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    singular_only: bool,
    english: Spanned<Vec<String>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    explanation_de: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    explanation_en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    category: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    forms: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Parse a glossary file's text. `path` is only used in messages.
pub fn parse(text: &str, path: &Path, source: Source) -> Result<Vec<Term>, GlossaryError> {
    let err = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        GlossaryError {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        err(offset, crate::location::plain_toml_message(e.message()))
    })?;
    if *raw.version.get_ref() != 1 {
        return Err(err(
            raw.version.span().start,
            format!(
                "field `version`: unsupported version {}, expected 1",
                raw.version.get_ref()
            ),
        ));
    }
    let mut terms = Vec::with_capacity(raw.term.len());
    for spanned in raw.term {
        let at = spanned.span().start;
        let t = spanned.into_inner();
        let lemma = t.lemma.get_ref().trim().to_string();
        let field =
            |name: &str, message: &str| format!("term `{lemma}`: field `{name}`: {message}");
        if lemma.is_empty() {
            return Err(err(
                t.lemma.span().start,
                field("lemma", "must not be empty"),
            ));
        }
        let pos = PartOfSpeech::parse(t.pos.get_ref()).ok_or_else(|| {
            err(
                t.pos.span().start,
                field(
                    "pos",
                    &format!(
                        "unknown part of speech {:?} (noun, verb, adjective, adverb, phrase, other)",
                        t.pos.get_ref()
                    ),
                ),
            )
        })?;
        let gender = match &t.gender {
            Some(g) => Some(Gender::parse(g.get_ref()).ok_or_else(|| {
                err(
                    g.span().start,
                    field(
                        "gender",
                        &format!("expected \"m\", \"f\" or \"n\", found {:?}", g.get_ref()),
                    ),
                )
            })?),
            None => None,
        };
        if t.english.get_ref().iter().all(|e| e.trim().is_empty()) {
            return Err(err(
                t.english.span().start,
                field("english", "needs at least one translation"),
            ));
        }
        if source == Source::Document && pos == PartOfSpeech::Noun {
            if gender.is_none() {
                return Err(err(
                    at,
                    field("gender", "a noun needs a gender (m, f or n)"),
                ));
            }
            if t.plural.is_none() != t.singular_only {
                return Err(err(
                    at,
                    field(
                        "plural",
                        "a noun needs either `plural` or `singular_only = true`",
                    ),
                ));
            }
        }
        terms.push(Term {
            lemma,
            pos,
            gender,
            plural: t.plural.filter(|p| !p.trim().is_empty()),
            singular_only: t.singular_only,
            english: t.english.into_inner(),
            explanation_de: t.explanation_de,
            explanation_en: t.explanation_en,
            category: t.category,
            forms: t.forms,
            note: t.note,
            source,
        });
    }
    Ok(terms)
}

/// The largest glossary file read (bytes).
const MAX_GLOSSARY: u64 = 64 << 20;

/// Read a glossary file.
pub fn load(path: &Path, source: Source) -> Result<Vec<Term>, GlossaryError> {
    let err = |message: String| GlossaryError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message,
    };
    // A FIFO or a device named NAME.glossary.toml is refused, not read forever.
    let bytes = crate::input::read_regular(path, MAX_GLOSSARY).map_err(err)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        err(format!(
            "cannot read: not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    parse(&text, path, source)
}

/// The glossary of the bundled article.
pub fn bundled() -> Vec<Term> {
    parse(
        BUNDLED_GLOSSARY,
        Path::new("assets/glossary/deepseek-boeing-moment.toml"),
        Source::Document,
    )
    .unwrap_or_default()
}

fn sp<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

/// Terms as glossary-file TOML (for the user's own glossary).
pub fn to_toml(terms: &[Term]) -> String {
    let file = RawFile {
        version: sp(1),
        document: None,
        language: Some("de".to_string()),
        term: terms
            .iter()
            .map(|t| {
                sp(RawTerm {
                    lemma: sp(t.lemma.clone()),
                    pos: sp(t.pos.name().to_string()),
                    gender: t.gender.map(|g| sp(g.code().to_string())),
                    plural: t.plural.clone(),
                    singular_only: t.singular_only,
                    english: sp(t.english.clone()),
                    explanation_de: t.explanation_de.clone(),
                    explanation_en: t.explanation_en.clone(),
                    category: t.category.clone(),
                    forms: t.forms.clone(),
                    note: t.note.clone(),
                })
            })
            .collect(),
    };
    let body = toml::to_string(&file).unwrap_or_default();
    format!("# lesepult: your own glossary terms (edited in the app; safe to edit by hand)\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_glossary_is_complete() {
        let terms = parse(BUNDLED_GLOSSARY, Path::new("bundled"), Source::Document)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(terms.len() >= 40, "{} terms", terms.len());
        let mut lemmas: Vec<&str> = terms.iter().map(|t| t.lemma.as_str()).collect();
        lemmas.sort_unstable();
        lemmas.dedup();
        assert_eq!(lemmas.len(), terms.len(), "lemmas are unique");
        for t in &terms {
            assert!(
                !t.explanation_de.is_empty(),
                "{}: German explanation",
                t.lemma
            );
            assert!(
                !t.explanation_en.is_empty(),
                "{}: English explanation",
                t.lemma
            );
            assert!(!t.category.is_empty(), "{}: category", t.lemma);
        }
        for required in [
            "Hyperscaler",
            "Leerverkauf",
            "Kartellverfahren",
            "Kartellgesetz",
            "Exportkontrolle",
            "Rechenzentrum",
            "Rechenleistung",
            "Monopol",
            "nationaler Champion",
            "Börsenbewertung",
            "Aktienkurs",
            "Wettbewerbsvorteil",
            "Wettbewerbshemmnis",
            "Subvention",
            "Hedgefonds",
            "Spin-off",
            "Big Tech",
            "Start-up",
            "Bürokratie",
            "Innovation",
            "Kernreaktor",
            "Stromnetz",
            "Nullsummenspiel",
            "Wettrüsten",
            "Spionageapparat",
            "Sicherheitsapparat",
            "Propaganda",
            "Regulierung",
            "Vorherrschaft",
            "Open Source",
        ] {
            assert!(lemmas.contains(&required), "{required} is in the glossary");
        }
    }

    #[test]
    fn errors_name_line_column_and_field() {
        let text = "version = 1\n[[term]]\nlemma = \"Monopol\"\npos = \"noun\"\ngender = \"x\"\nplural = \"Monopole\"\nenglish = [\"monopoly\"]\n";
        let e = parse(text, Path::new("g.toml"), Source::Document).expect_err("bad gender");
        assert_eq!((e.line, e.column), (5, 10));
        assert!(
            e.to_string()
                .starts_with("g.toml:5:10: term `Monopol`: field `gender`"),
            "{e}"
        );

        let text = "version = 1\n[[term]]\nlemma = \"Monopol\"\npos = \"noun\"\n";
        let e = parse(text, Path::new("g.toml"), Source::Document).expect_err("missing");
        assert!(e.message.contains("english"), "{e}");

        let text = "version = 1\n[[term]]\nlemma = \"Monopol\"\npos = \"noun\"\ngender = \"n\"\nenglish = [\"monopoly\"]\n";
        let e = parse(text, Path::new("g.toml"), Source::Document).expect_err("plural");
        assert!(e.message.contains("plural"), "{e}");

        let e = parse("", Path::new("g.toml"), Source::User).expect_err("empty");
        assert!(e.message.contains("version"), "{e}");
        let e = parse(
            "version = 1\nterms = []\n",
            Path::new("g.toml"),
            Source::User,
        )
        .expect_err("unknown field");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn user_terms_round_trip() {
        let term = Term {
            lemma: "Größenwahn".into(),
            pos: PartOfSpeech::Noun,
            gender: Some(Gender::Masculine),
            plural: None,
            singular_only: false,
            english: vec!["megalomania".into()],
            explanation_de: String::new(),
            explanation_en: String::new(),
            category: String::new(),
            forms: vec![],
            note: "„aus dem Text“".into(),
            source: Source::User,
        };
        let text = to_toml(std::slice::from_ref(&term));
        let back = parse(&text, Path::new("u.toml"), Source::User).expect("parses");
        assert_eq!(back, vec![term]);
    }
}
