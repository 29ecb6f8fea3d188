//! Known words in and out: `lesepult vocab import FILE` reads a word list (one word a
//! line), a CSV or TSV (Lute's and LingQ's term exports, an Anki notes export: a column
//! chosen by name or number) and sets statuses by lemma through the lexicon;
//! `lesepult vocab export` writes the statuses as CSV or JSON. Pure: the caller reads and
//! writes the files.

use super::{Status, VocabEntry, Vocabulary, key_of, stemmer};

/// Which column holds the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// A header's name (case does not matter).
    Name(String),
    /// 1-based.
    Number(usize),
}

impl Column {
    /// `"3"` is a number, anything else a name.
    pub fn parse(s: &str) -> Column {
        match s.trim().parse::<usize>() {
            Ok(n) if n > 0 => Column::Number(n),
            _ => Column::Name(s.trim().to_string()),
        }
    }
}

/// A line that set no status, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Lemmas that had no entry.
    pub added: usize,
    /// Entries whose status changed.
    pub changed: usize,
    /// Entries that had that status already.
    pub unchanged: usize,
    pub skipped: Vec<Skipped>,
    /// The lines read (without headers and blank lines).
    pub lines: usize,
}

impl Imported {
    /// "100 lines: 80 words added, 15 changed, 3 unchanged, 2 skipped".
    pub fn summary(&self) -> String {
        format!(
            "{} lines: {} words added, {} changed, {} unchanged, {} skipped",
            self.lines,
            self.added,
            self.changed,
            self.unchanged,
            self.skipped.len()
        )
    }
}

/// Header names that hold the word, most likely first (Lute: term; LingQ: term; Anki's
/// note fields as exported with a header: front).
const WORD_HEADERS: [&str; 7] = [
    "term",
    "word",
    "lemma",
    "expression",
    "front",
    "text",
    "wort",
];

/// Header names that hold a meaning.
const MEANING_HEADERS: [&str; 5] = ["translation", "meaning", "hint", "definition", "back"];

/// A header line of Anki's export (`#separator:tab`, `#html:true`, …).
fn is_header(line: &str) -> bool {
    line.starts_with('#') && line.contains(':')
}

/// The separator of a table: tab, comma or semicolon; `None` for a word list.
fn separator(first: &str, anki_tab: bool) -> Option<u8> {
    if anki_tab || first.contains('\t') {
        Some(b'\t')
    } else if first.contains(',') {
        Some(b',')
    } else if first.contains(';') {
        Some(b';')
    } else {
        None
    }
}

/// A cell's word: HTML tags and entities of Anki fields removed, a leading article
/// dropped ("der Leerverkauf"), spaces trimmed.
fn cell_word(cell: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&quot;", "\"");
    let out = out.trim().trim_matches(|c: char| c == '"' || c == '\'');
    for article in ["der ", "die ", "das ", "Der ", "Die ", "Das "] {
        if let Some(rest) = out.strip_prefix(article)
            && !rest.contains(' ')
        {
            return rest.trim().to_string();
        }
    }
    out.to_string()
}

/// A Lute status (1-5, 99 well known, 98 ignored, 0 new) or one of lesepult's names.
pub fn parse_status(s: &str) -> Option<Status> {
    match s.trim().to_lowercase().as_str() {
        "99" | "known" | "well known" | "wellknown" | "k" => Some(Status::Known),
        "98" | "ignored" | "ignore" | "i" => Some(Status::Ignored),
        "0" | "new" => Some(Status::New),
        n => n
            .parse::<usize>()
            .ok()
            .and_then(|n| (1..=5).contains(&n).then_some(n))
            .and_then(Status::from_level),
    }
}

/// The lemma of a word through the lexicon, as the text would give it; `None` when the
/// lexicon does not know the word in either case.
fn lemma_of(word: &str) -> Option<String> {
    use crate::german::analysis::{Basis, analyse_word};
    let mut tries = vec![word.to_string()];
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        let capital: String = first.to_uppercase().chain(chars.clone()).collect();
        let small: String = first.to_lowercase().chain(chars).collect();
        tries.push(capital);
        tries.push(small);
    }
    tries.iter().find_map(|w| {
        analyse_word(w, w)
            .filter(|a| a.basis != Basis::Unknown)
            .map(|a| a.lemma)
    })
}

/// Read `text` and set the statuses in `vocab`: `status` for every word, or, without it,
/// the file's own status column (Lute's), else well known. `now` is the timestamp the
/// entries get.
pub fn import(
    vocab: &mut Vocabulary,
    text: &str,
    column: Option<&Column>,
    status: Option<Status>,
    now: &str,
) -> Result<Imported, String> {
    let mut result = Imported::default();
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .collect();
    // Anki's notes export starts with `#separator:tab`, `#html:true`, … lines.
    let anki_tab = lines
        .iter()
        .any(|(_, l)| l.starts_with("#separator:tab") || l.starts_with("#separator:Tab"));
    let body: Vec<(usize, &str)> = lines
        .into_iter()
        .filter(|(_, l)| !l.trim().is_empty() && !is_header(l))
        .collect();
    let Some((_, first)) = body.first() else {
        return Ok(result);
    };
    let rows: Vec<(usize, Vec<String>)> = match separator(first, anki_tab) {
        None => body
            .iter()
            .map(|(n, l)| (*n, vec![l.trim().to_string()]))
            .collect(),
        Some(sep) => {
            let mut rows = Vec::new();
            let joined: String = body.iter().map(|(_, l)| format!("{l}\n")).collect();
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(sep)
                .has_headers(false)
                .flexible(true)
                .quoting(sep != b'\t')
                .from_reader(joined.as_bytes());
            for (i, record) in reader.records().enumerate() {
                let line = body.get(i).map_or(0, |(n, _)| *n);
                match record {
                    Ok(r) => rows.push((line, r.iter().map(ToString::to_string).collect())),
                    Err(e) => result.skipped.push(Skipped {
                        line,
                        text: body.get(i).map_or("", |(_, l)| l).to_string(),
                        reason: format!("not a table row: {e}"),
                    }),
                }
            }
            rows
        }
    };
    // A header row: a cell named like a word column (or the column asked for by name).
    let header: Option<Vec<String>> = rows.first().and_then(|(_, cells)| {
        let lower: Vec<String> = cells.iter().map(|c| c.trim().to_lowercase()).collect();
        let named = match column {
            Some(Column::Name(n)) => lower.contains(&n.to_lowercase()),
            _ => false,
        };
        (named || lower.iter().any(|c| WORD_HEADERS.contains(&c.as_str()))).then_some(lower)
    });
    let find = |names: &[&str]| {
        header
            .as_ref()
            .and_then(|h| names.iter().find_map(|n| h.iter().position(|c| c == n)))
    };
    let word_column = match column {
        Some(Column::Number(n)) => n - 1,
        Some(Column::Name(name)) => match header
            .as_ref()
            .and_then(|h| h.iter().position(|c| *c == name.to_lowercase()))
        {
            Some(i) => i,
            None => {
                return Err(format!(
                    "no column named {name:?} in the first row{}",
                    header
                        .as_ref()
                        .map(|h| format!(" ({})", h.join(", ")))
                        .unwrap_or_default()
                ));
            }
        },
        None => find(&WORD_HEADERS).unwrap_or(0),
    };
    let status_column = if status.is_none() {
        find(&["status"])
    } else {
        None
    };
    let meaning_column = find(&MEANING_HEADERS);
    let stem = stemmer();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let skip_header = usize::from(header.is_some());
    for (line, cells) in rows.into_iter().skip(skip_header) {
        result.lines += 1;
        let shown = cells.join(" | ");
        let mut skip = |reason: String| {
            result.skipped.push(Skipped {
                line,
                text: shown.clone(),
                reason,
            })
        };
        let Some(cell) = cells.get(word_column) else {
            skip(format!("no column {}", word_column + 1));
            continue;
        };
        let word = cell_word(cell);
        if word.is_empty() {
            skip("empty".to_string());
            continue;
        }
        if word.split_whitespace().count() > 1 {
            skip("several words: lesepult keeps statuses of single words".to_string());
            continue;
        }
        if !word.chars().any(char::is_alphabetic) {
            skip("not a word".to_string());
            continue;
        }
        let wanted = match (status, status_column.and_then(|c| cells.get(c))) {
            (Some(s), _) => s,
            (None, Some(s)) => match parse_status(s) {
                Some(s) => s,
                None => {
                    skip(format!("unknown status {s:?}"));
                    continue;
                }
            },
            (None, None) => Status::Known,
        };
        let Some(lemma) = lemma_of(&word) else {
            skip(format!(
                "„{word}“ is not in the lexicon (a typo, or not German?)"
            ));
            continue;
        };
        let key = key_of(&stem, &lemma);
        if let Some(first) = seen.get(&key) {
            skip(format!("the same lemma ({lemma}) as line {first}"));
            continue;
        }
        seen.insert(key.clone(), line);
        let meaning = meaning_column
            .and_then(|c| cells.get(c))
            .map(|m| cell_word(m))
            .unwrap_or_default();
        let learned = (wanted == Status::Known).then(|| crate::notes::date_of(now).to_string());
        match vocab.entries.get_mut(&key) {
            Some(e) if e.status == wanted => result.unchanged += 1,
            Some(e) => {
                e.status = wanted;
                e.updated = now.to_string();
                e.doubtful = false;
                if e.learned.is_none() {
                    e.learned = learned;
                }
                if e.meaning.is_empty() {
                    e.meaning = meaning;
                }
                result.changed += 1;
            }
            None if wanted == Status::New => result.unchanged += 1,
            None => {
                let (article, plural) = noun_facts(&lemma);
                vocab.entries.insert(
                    key.clone(),
                    VocabEntry {
                        key,
                        lemma,
                        status: wanted,
                        updated: now.to_string(),
                        learned,
                        article,
                        plural,
                        meaning,
                        category: String::new(),
                        sentence: String::new(),
                        form: word,
                        document: String::new(),
                        review: None,
                        doubtful: false,
                    },
                );
                result.added += 1;
            }
        }
    }
    Ok(result)
}

/// A noun's article and plural, from the lexicon (empty for other words, or when it
/// allows several genders).
fn noun_facts(lemma: &str) -> (String, String) {
    let Ok(lex) = crate::german::lexicon() else {
        return Default::default();
    };
    match lex.genders(lemma).as_slice() {
        [g] => (
            g.article().to_string(),
            lex.plurals(lemma, Some(*g))
                .first()
                .cloned()
                .unwrap_or_default(),
        ),
        _ => Default::default(),
    }
}

/// The export formats of `lesepult vocab export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// The vocabulary as CSV (a header row; lemma first, so that `vocab import` reads it
/// back) or JSON (an array of entries as the vocabulary file holds them).
pub fn export(vocab: &Vocabulary, format: ExportFormat) -> Result<String, String> {
    match format {
        ExportFormat::Json => {
            let entries: Vec<&VocabEntry> = vocab.entries.values().collect();
            serde_json::to_string_pretty(&entries)
                .map(|s| s + "\n")
                .map_err(|e| format!("cannot write JSON: {e}"))
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let row_error = |e: csv::Error| format!("cannot write CSV: {e}");
            w.write_record([
                "lemma", "status", "article", "plural", "meaning", "sentence", "document",
                "updated",
            ])
            .map_err(row_error)?;
            for e in vocab.entries.values() {
                w.write_record([
                    e.lemma.as_str(),
                    e.status.tag(),
                    &e.article,
                    &e.plural,
                    &e.meaning,
                    &e.sentence,
                    &e.document,
                    &e.updated,
                ])
                .map_err(row_error)?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| format!("cannot write CSV: {e}"))?;
            String::from_utf8(bytes).map_err(|e| format!("cannot write CSV: {e}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-11-30T12:00:00Z";

    fn import_text(
        text: &str,
        column: Option<&Column>,
        status: Option<Status>,
    ) -> (Vocabulary, Imported) {
        let mut v = Vocabulary::default();
        let r = import(&mut v, text, column, status, NOW).expect("import");
        (v, r)
    }

    fn status_of(v: &Vocabulary, lemma: &str) -> Status {
        v.status(&key_of(&stemmer(), lemma))
    }

    #[test]
    fn a_word_list_sets_lemmas_known_and_says_what_it_skipped() {
        let (v, r) = import_text(
            "Häuser\nging\n\nHaus\nXqzvbrmpf\nzum Beispiel\n",
            None,
            None,
        );
        assert_eq!(status_of(&v, "Haus"), Status::Known);
        assert_eq!(status_of(&v, "gehen"), Status::Known, "ging → gehen");
        assert_eq!((r.added, r.lines), (2, 5));
        let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(r.skipped.len(), 3, "{reasons:?}");
        assert!(
            reasons[0].contains("same lemma (Haus) as line 1"),
            "{reasons:?}"
        );
        assert!(reasons[1].contains("not in the lexicon"), "{reasons:?}");
        assert!(reasons[2].contains("several words"), "{reasons:?}");
        assert_eq!(r.skipped[1].line, 5);
        let e = v.entries.get(&key_of(&stemmer(), "Haus")).expect("Haus");
        assert_eq!(e.article, "das");
        assert_eq!(e.learned.as_deref(), Some("2026-11-30"));
    }

    #[test]
    fn lutes_export_gives_its_own_statuses_and_translations() {
        let lute = "term,parent,translation,language,tags,added,status,link_status,pronunciation\n\
                    Hund,,dog,German,,2024-01-01,3,,\n\
                    Katze,,cat,German,,2024-01-01,99,,\n\
                    und,,and,German,,2024-01-01,98,,\n\
                    Baum,,tree,German,,2024-01-01,7,,\n";
        let (v, r) = import_text(lute, None, None);
        assert_eq!(status_of(&v, "Hund"), Status::L3);
        assert_eq!(status_of(&v, "Katze"), Status::Known);
        assert_eq!(status_of(&v, "und"), Status::Ignored);
        assert_eq!(r.added, 3);
        assert!(
            r.skipped[0].reason.contains("unknown status"),
            "{:?}",
            r.skipped
        );
        let e = v.entries.get(&key_of(&stemmer(), "Hund")).expect("Hund");
        assert_eq!(e.meaning, "dog");
    }

    #[test]
    fn an_anki_notes_export_takes_a_column_by_number_and_a_given_status() {
        let anki = "#separator:tab\n#html:true\n#guid column:1\n\
                    ls1\tBasic\tDeck\t<b>der Leerverkauf</b>\tshort sale\n\
                    ls2\tBasic\tDeck\tWettbewerb\tcompetition\n";
        let (v, r) = import_text(anki, Some(&Column::Number(4)), Some(Status::L2));
        assert_eq!(r.added, 2, "{:?}", r.skipped);
        assert_eq!(status_of(&v, "Leerverkauf"), Status::L2);
        assert_eq!(status_of(&v, "Wettbewerb"), Status::L2);
        // By name, from a header; an unknown name is an error that names the columns.
        let (v, _) = import_text(
            "Wort;Bedeutung\nTisch;table\n",
            Some(&Column::parse("wort")),
            None,
        );
        assert_eq!(status_of(&v, "Tisch"), Status::Known);
        let mut v = Vocabulary::default();
        let err = import(
            &mut v,
            "a,b\nx,y\n",
            Some(&Column::parse("term")),
            None,
            NOW,
        )
        .expect_err("no such column");
        assert!(err.contains("no column named \"term\""), "{err}");
    }

    #[test]
    fn a_second_import_changes_nothing_and_the_csv_export_reads_back() {
        let mut v = Vocabulary::default();
        import(&mut v, "Haus\nBaum\n", None, Some(Status::L4), NOW).expect("import");
        let again = import(&mut v, "Haus\nBaum\n", None, Some(Status::L4), NOW).expect("import");
        assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 2));
        let csv = export(&v, ExportFormat::Csv).expect("csv");
        assert!(csv.starts_with("lemma,status,"), "{csv}");
        let mut back = Vocabulary::default();
        let r = import(&mut back, &csv, None, None, NOW).expect("reads back");
        assert_eq!(r.added, 2, "{:?}", r.skipped);
        assert_eq!(status_of(&back, "Baum"), Status::L4);
        let json = export(&v, ExportFormat::Json).expect("json");
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("json parses");
        assert_eq!(parsed.as_array().map(Vec::len), Some(2));
    }
}
