//! Dictionaries: small dictd and StarDict files made here, and (ignored by default) the real
//! FreeDict German-English dictionary when it is installed.

use std::path::Path;

use lesepult::dict::dictd::write_dictd;
use lesepult::dict::stardict::write_stardict;
use lesepult::dict::{Dictionaries, Found, Method, lookup, lookup_in};
use lesepult::glossary::Gender;

const ENTRIES: &[(&str, &str)] = &[
    (
        "Leerverkauf",
        "Leerverkauf /lˈeːɾfɜkˌaʊf/ <masc, n, sg>\nshort sale <n>\n see: {Leerverkäufe}\n",
    ),
    (
        "Leerverkäufe",
        "Leerverkäufe /lˈeːɾfɜkˌɔʏfə/ <pl>\nshort sales\n see: {Leerverkauf}\n",
    ),
    (
        "Rechenzentrum",
        "Rechenzentrum <neut, n, sg>\ndata centre <n>\n see: {Rechenzentren}\n",
    ),
    (
        "Rechenzentren",
        "Rechenzentren <pl>\ndata centres\n see: {Rechenzentrum}\n",
    ),
    (
        "Monopol",
        "Monopol /mˌoːnoːpˈoːl/ <neut, n, sg>\nmonopoly <n>\n",
    ),
    ("schwerfällig", "schwerfällig <adj>\nponderous, sluggish\n"),
    ("Wettbewerb", "Wettbewerb <masc, n, sg>\ncompetition <n>\n"),
    ("Vorteil", "Vorteil <masc, n, sg>\nadvantage <n>\n"),
    ("Kartell", "Kartell <neut, n, sg>\ncartel <n>\n"),
    (
        "Verfahren",
        "Verfahren <neut, n, sg>\nprocedure <n>, proceedings <n>\n",
    ),
    ("Verein", "Verein <masc, n, sg>\nclub <n>\n"),
    ("Bart", "Bart <masc, n, sg>\nbeard <n>\n"),
    ("vereinbaren", "vereinbaren <vt>\nto agree on\n"),
    ("Export", "Export <masc, n, sg>\nexport <n>\n"),
    (
        "Kontrolle",
        "Kontrolle <fem, n, sg>\ncontrol <n>\n see: {Kontrollen}\n",
    ),
    (
        "Kontrollen",
        "Kontrollen <pl>\ncontrols\n see: {Kontrolle}\n",
    ),
];

fn found(results: &[Found], headword: &str) -> Option<Found> {
    results.iter().find(|f| f.headword == headword).cloned()
}

fn check_lookups(dicts: &Dictionaries) {
    let l = |w: &str| lookup(w, None, dicts).0;

    let r = l("Monopol");
    assert_eq!(r[0].method, Method::Exact);
    assert_eq!(r[0].gender, Some(Gender::Neuter));
    assert_eq!(r[0].pronunciation.as_deref(), Some("mˌoːnoːpˈoːl"));

    let r = l("monopol");
    assert_eq!(r[0].headword, "Monopol");

    // An inflected form: its lemma from the lexicon, gender and plural from the lexicon
    // too (not from the dictionary's links).
    let r = l("Rechenzentren");
    assert_eq!(r[0].headword, "Rechenzentrum", "{r:?}");
    assert!(matches!(r[0].method, Method::Lemma { .. }));
    assert_eq!(r[0].plural.as_deref(), Some("Rechenzentren"));
    let r = l("Leerverkäufen");
    assert_eq!(r[0].headword, "Leerverkauf", "{r:?}");
    assert_eq!(r[0].plural.as_deref(), Some("Leerverkäufe"));
    let r = l("schwerfällige");
    assert_eq!(r[0].headword, "schwerfällig", "{r:?}");
    assert!(matches!(&r[0].method, Method::Lemma { from, .. } if from == "schwerfällige"));
    let r = l("Monopole");
    assert_eq!(r[0].headword, "Monopol");

    // Compounds no dictionary lists: split by the lexicon and frequencies, the head's
    // gender, the parts' own entries after the whole.
    let r = l("Kartellverfahren");
    assert!(
        r.iter().any(|f| matches!(&f.method, Method::Compound { parts } if parts == &vec!["Kartell".to_string(), "Verfahren".into()])),
        "{r:?}"
    );
    let r = l("Exportkontrollen");
    let Some(whole) = r
        .iter()
        .find(|f| matches!(f.method, Method::Compound { .. }))
    else {
        panic!("a compound: {r:?}");
    };
    assert_eq!(whole.headword, "Exportkontrolle");
    assert_eq!(whole.gender, Some(Gender::Feminine));
    assert!(found(&r, "Export").is_some() && found(&r, "Kontrolle").is_some());

    // Not words: no split of "vereinbart" into Verein + Bart; its lemma is the verb.
    let r = l("vereinbart");
    assert!(
        !r.iter()
            .any(|f| matches!(f.method, Method::Compound { .. })),
        "{r:?}"
    );
    assert_eq!(r.first().map(|f| f.headword.as_str()), Some("vereinbaren"));
    let r = l("Vereinbart");
    assert!(
        !r.iter()
            .any(|f| matches!(f.method, Method::Compound { .. })),
        "{r:?}"
    );

    // Nothing at all.
    assert!(l("Xylophonbaum").is_empty());
}

#[test]
fn dictd_plain_and_dictzip() {
    for chunk in [None, Some(64)] {
        let dir = tempfile::tempdir().expect("tempdir");
        write_dictd(&dir.path().join("test-deu-eng"), ENTRIES, chunk).expect("write");
        let dicts = Dictionaries::discover(&[dir.path().to_path_buf()]);
        assert_eq!(dicts.list.len(), 1, "{:?}", dicts.problems);
        assert!(dicts.problems.is_empty());
        check_lookups(&dicts);
    }
}

#[test]
fn a_dictionary_into_german_is_listed_but_not_opened_for_german_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_dictd(&dir.path().join("german-english"), ENTRIES, None).expect("write");
    write_dictd(&dir.path().join("english-german"), ENTRIES, None).expect("write");
    write_dictd(&dir.path().join("mystery"), ENTRIES, None).expect("write");
    let folders = [dir.path().to_path_buf()];
    let all = Dictionaries::discover(&folders);
    assert_eq!(all.list.len(), 3, "{:?}", all.problems);
    let german = Dictionaries::discover_german(&folders);
    let names: Vec<&str> = german.list.iter().map(|d| d.name()).collect();
    assert_eq!(german.list.len(), 2, "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("english")), "{names:?}");
    check_lookups(&german);
}

#[test]
fn stardict_plain_and_dictzip() {
    for chunk in [None, Some(100)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("test");
        std::fs::create_dir(&sub).expect("mkdir");
        write_stardict(&sub.join("test"), "Test Deutsch-Englisch", ENTRIES, chunk).expect("write");
        let dicts = Dictionaries::discover(&[dir.path().to_path_buf()]);
        assert_eq!(dicts.list.len(), 1, "{:?}", dicts.problems);
        assert_eq!(dicts.list[0].name(), "Test Deutsch-Englisch");
        check_lookups(&dicts);
    }
}

#[test]
fn broken_files_give_messages_not_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good");
    write_dictd(&good, ENTRIES, Some(64)).expect("write");
    // A truncated index: the last line cut in the middle, and a garbage line.
    let idx = std::fs::read_to_string(good.with_extension("index")).expect("index");
    let cut = format!("{}\nkaputt\tAB\n", &idx[..idx.len() - 5]);
    let truncated = dir.path().join("truncated");
    std::fs::write(truncated.with_extension("index"), cut).expect("write");
    std::fs::copy(
        good.with_extension("dict.dz"),
        truncated.with_extension("dict.dz"),
    )
    .expect("copy");
    // An index without its data file.
    std::fs::write(dir.path().join("nodata.index"), "wort\tA\tB\n").expect("write");
    // A StarDict .ifo that is not one, and an .idx cut short.
    std::fs::write(dir.path().join("bad.ifo"), "hello\n").expect("write");
    let sd = dir.path().join("short");
    write_stardict(&sd, "Short", ENTRIES, None).expect("write");
    let idx = std::fs::read(sd.with_extension("idx")).expect("idx");
    std::fs::write(sd.with_extension("idx"), &idx[..idx.len() - 3]).expect("write");
    // A data file shorter than the index says.
    let short_data = dir.path().join("shortdata");
    write_dictd(&short_data, ENTRIES, None).expect("write");
    std::fs::write(short_data.with_extension("dict"), "Leerverkauf").expect("write");

    let dicts = Dictionaries::discover(&[dir.path().to_path_buf()]);
    let messages: Vec<String> = dicts.problems.iter().map(ToString::to_string).collect();
    let has = |needle: &str| messages.iter().any(|m| m.contains(needle));
    assert!(
        has("nodata.index: its data file is missing"),
        "{messages:?}"
    );
    assert!(has("bad.ifo: not a StarDict"), "{messages:?}");
    assert!(has("short.idx: truncated"), "{messages:?}");
    assert!(
        has("truncated.index: 2 index lines could not be read"),
        "{messages:?}"
    );
    // The readable ones still answer; the short data file reports, not panics.
    let (results, problems) = lookup("Monopol", None, &dicts);
    assert!(results.iter().any(|f| f.headword == "Monopol"));
    assert!(
        problems
            .iter()
            .any(|p| p.path.ends_with(Path::new("shortdata.dict"))),
        "{problems:?}"
    );
}

/// The real FreeDict German–English dictionary (`apt install dict-freedict-deu-eng`);
/// `.ci/run` installs it and runs the ignored tests.
#[test]
#[ignore = "needs dict-freedict-deu-eng installed"]
fn real_freedict() {
    let index = Path::new("/usr/share/dictd/freedict-deu-eng.index");
    assert!(
        index.exists(),
        "install dict-freedict-deu-eng to run this test"
    );
    let dicts = Dictionaries::discover(&[index.parent().expect("dir").to_path_buf()]);
    assert!(
        dicts.list.iter().any(|d| d.headwords() > 400_000),
        "{:?}",
        dicts.problems
    );
    let l = |w: &str| lookup(w, None, &dicts).0;
    let r = l("Leerverkäufe");
    assert!(
        r.iter()
            .any(|f| f.headword == "Leerverkauf" && f.gender == Some(Gender::Masculine)),
        "{r:?}"
    );
    let r = l("Rechenzentren");
    assert_eq!(r[0].headword, "Rechenzentrum", "{r:?}");
    let r = l("schwerfällige");
    assert_eq!(r[0].headword, "schwerfällig", "{r:?}");
    let r = l("Monopol");
    assert_eq!(r[0].gender, Some(Gender::Neuter));
    let r = l("Wettbewerbshemmnis");
    assert!(!r.is_empty(), "found as an entry or a compound");
    // A compound no dictionary lists: its parts' meanings put together first, then each
    // part's, the head first.
    let r = l("Technologieunternehmen");
    let c = r
        .iter()
        .find(|f| matches!(f.method, Method::Compound { .. }))
        .expect("a compound");
    assert!(
        c.senses.len() == 3 && !c.senses[0].contains(':') && c.senses[0].starts_with("≈ "),
        "{c:?}"
    );
    assert!(c.senses[1].starts_with("Unternehmen: "), "{c:?}");
    let r = l("vereinbart");
    assert!(
        !r.iter()
            .any(|f| matches!(f.method, Method::Compound { .. }))
    );
}

/// A word with the words of its sentence, in the real dictionaries (FreeDict, and Ding's
/// `german-english` where `dict-de-en` is installed): an idiom a verb's clause ends with,
/// a preposition frame written with any of the dictionaries' object placeholders, and a
/// sense used after a comparative.
#[test]
#[ignore = "needs dict-freedict-deu-eng installed"]
fn real_verb_idioms_and_frames() {
    let folder = Path::new("/usr/share/dictd");
    assert!(
        folder.join("freedict-deu-eng.index").exists(),
        "install dict-freedict-deu-eng to run this test"
    );
    let dicts = Dictionaries::discover(&[folder.to_path_buf()]);
    let at = |s: &str, w: &str| {
        let start = s.find(w).expect("the word is in the sentence");
        lookup_in(w, Some((s, start)), None, &dicts).0
    };
    // The idiom, before the verb (a subordinate clause) and at the clause's end (a main
    // clause): the dictionary's own headword, first.
    for s in [
        "Wenn ein Unternehmen ein neues Produkt auf den Markt bringt, wird es teuer.",
        "Das Unternehmen bringt im Herbst ein neues Produkt auf den Markt.",
    ] {
        let r = at(s, "bringt");
        let first = r.first().expect("found");
        assert!(matches!(first.method, Method::Phrase { .. }), "{r:?}");
        assert!(first.headword.contains("auf den Markt bringen"), "{r:?}");
    }
    // Without the idiom's words, the verb alone.
    let r = at("Er bringt ihr ein Buch.", "bringt");
    assert!(!r.iter().any(|f| f.headword.contains("Markt")), "{r:?}");
    // After a comparative, the sense whose examples follow one: *als* "than".
    let first_sense = |s: &str, w: &str| {
        at(s, w)
            .first()
            .and_then(|f| f.senses.first().cloned())
            .unwrap_or_default()
    };
    assert_eq!(
        first_sense("Die neuen Modelle sind billiger als die alten.", "als"),
        "than"
    );
    assert_ne!(first_sense("Sie arbeitet als Lehrerin.", "als"), "than");
    // A pronominal adverb is the frame's, not an idiom: *davon* → "von etw. ausgehen".
    let r = at("Man ging davon aus, dass es klappt.", "ging");
    let first = r.first().expect("found");
    assert!(first.headword.contains("von"), "{r:?}");
    assert_ne!(first.headword, "davon ausgehen", "{r:?}");
    // A modal with the infinitive it governs is no idiom ("warten müssen" "kick one's
    // heels" is listed).
    assert!(dicts.contains("warten müssen"));
    let r = at("Sie musste lange auf dem Bahnsteig warten.", "musste");
    let first = r.first().expect("found");
    assert_eq!(first.headword, "müssen", "{r:?}");
    // A preposition that opens a listed phrase is that phrase's, not the verb's frame
    // (*Zum Glück hielt*: not "zu jdm. halten"); a preposition and an article alone are
    // no such phrase ("mit dem" is listed).
    assert!(dicts.contains("mit dem"));
    let r = at("Zum Glück hielt der Torwart den Elfmeter.", "hielt");
    let first = r.first().expect("found");
    assert_eq!(first.headword, "halten", "{r:?}");
    let r = at("Zum Glück hielt der Torwart den Elfmeter.", "Zum");
    let first = r.first().expect("found");
    assert_eq!(first.headword, "zum Glück", "{r:?}");
    let r = at("Er beschäftigt sich mit dem Problem.", "beschäftigt");
    let first = r.first().expect("found");
    assert!(first.headword.contains("mit"), "{r:?}");
}

/// Pronouns and auxiliaries in their sentences, with the real FreeDict: an oblique
/// personal pronoun under its nominative with its own form's sense first, a possessive
/// glossed for its owner's number, an auxiliary used as one.
#[test]
#[ignore = "needs dict-freedict-deu-eng installed"]
fn real_pronouns_possessives_and_auxiliaries() {
    let folder = Path::new("/usr/share/dictd");
    assert!(
        folder.join("freedict-deu-eng.index").exists(),
        "install dict-freedict-deu-eng to run this test"
    );
    let dicts = Dictionaries::discover(&[folder.to_path_buf()]);
    let first = |s: &str, w: &str| {
        let start = s.find(w).expect("the word is in the sentence");
        let r = lookup_in(w, Some((s, start)), None, &dicts).0;
        let f = r.first().expect("found");
        (
            f.headword.clone(),
            f.senses.first().cloned().unwrap_or_default(),
        )
    };
    let (head, sense) = first("Sie hilft ihm gern.", "ihm");
    assert_eq!(head, "er");
    assert!(sense.split(", ").any(|s| s == "him"), "{sense}");
    let (head, sense) = first("Die Firmen schützen ihre Monopole.", "ihre");
    assert_eq!(head, "ihr");
    assert!(sense.contains("their"), "{sense}");
    let (_, sense) = first("Die Frau verkauft ihre Bücher.", "ihre");
    assert!(sense.split(", ").any(|s| s == "her"), "{sense}");
    let (head, _) = first("Er blieb ein paar Tage in Berlin.", "paar");
    assert_eq!(head, "ein paar");
    let (head, sense) = first("Er sagte, er würde morgen kommen.", "würde");
    assert_eq!(head, "werden");
    assert!(sense.contains("will") || sense.contains("would"), "{sense}");
    // A two-way preposition by the case of its noun phrase; a contraction as its
    // preposition; an article with its noun is no phrase of its own.
    let words = |sense: &str| -> Vec<String> {
        sense
            .split([',', ';'])
            .map(|w| w.trim().to_string())
            .collect()
    };
    let (_, sense) = first("Er wohnt in der Innenstadt.", "in");
    assert!(words(&sense).contains(&"in".to_string()), "{sense}");
    let (_, sense) = first("Er fährt in die Innenstadt.", "in");
    assert!(words(&sense).contains(&"into".to_string()), "{sense}");
    let (head, sense) = first("Er wohnt im Süden der Stadt.", "im");
    assert_eq!(head, "im");
    assert!(words(&sense).contains(&"in".to_string()), "{sense}");
    let (head, _) = first("Die Stadtverwaltung hat es angekündigt.", "Die");
    assert_eq!(head, "der");
    let (_, sense) = first("Er kam nicht, weil er krank war.", "weil");
    assert!(words(&sense).contains(&"because".to_string()), "{sense}");
}

/// Made-up dictionaries in a temporary folder, which lives as long as the guard.
fn made_up(entries: &[(&str, &str)]) -> (tempfile::TempDir, Dictionaries) {
    let dir = tempfile::tempdir().expect("tempdir");
    write_dictd(&dir.path().join("test-deu-eng"), entries, None).expect("write");
    let dicts = Dictionaries::discover(&[dir.path().to_path_buf()]);
    (dir, dicts)
}

/// The headword of the first result of a word looked up in its sentence.
fn first_headword(dicts: &Dictionaries, sentence: &str, word: &str) -> String {
    look_in(dicts, sentence, word)
        .first()
        .map(|f| f.headword.clone())
        .unwrap_or_default()
}

/// The results of a word looked up in its sentence.
fn look_in(dicts: &Dictionaries, sentence: &str, word: &str) -> Vec<Found> {
    let start = sentence.find(word).expect("the word is in the sentence");
    lookup_in(word, Some((sentence, start)), None, dicts).0
}

#[test]
fn a_full_verbs_auxiliary_gloss_and_an_unclassed_words_class() {
    let (_dir, dicts) = made_up(&[
        ("geben", "geben <v>\nwill be <v>\n"),
        ("geben", "geben <v>\ngive <v>\n"),
        ("werden", "werden <v>\nwill be <v>\n"),
        ("werden", "werden <v>\nbecome <v>\n"),
        ("viertens", "viertens <adv>\nfourthly <adv>\n"),
    ]);
    let first = |s: &str, w: &str| {
        let r = look_in(&dicts, s, w);
        r.first().cloned().expect("found")
    };
    // *geben* is no auxiliary: "will be" (from *es wird … geben*) is not its meaning.
    let f = first("Sie hat ihm das Buch gegeben.", "gegeben");
    assert_eq!(f.senses.first().map(String::as_str), Some("give"));
    // *werden* with an infinitive in its clause is one.
    let f = first("Morgen wird es regnen.", "wird");
    assert_eq!(f.senses.first().map(String::as_str), Some("will be"));
    // A lower-case word the lexicon does not list is no noun: the entry tells its class.
    let f = first("Und viertens hatten sie Recht.", "viertens");
    assert_eq!(f.pos.as_deref(), Some("adverb"));
}

#[test]
fn an_article_makes_a_phrase_with_a_word_that_is_no_noun_or_adjective() {
    let (_dir, dicts) = made_up(&[
        ("ein paar", "ein paar\na few\n"),
        ("Paar", "Paar <neut, n, sg>\npair <n>\n"),
        ("die Regel", "die Regel\nperiod, menses\n"),
        ("Regel", "Regel <fem, n, sg>\nrule <n>\n"),
        ("das beste", "das beste\nthe cream\n"),
        ("gut", "gut <adj>\ngood <adj>\n"),
    ]);
    let look = |s: &str, w: &str| look_in(&dicts, s, w);
    let r = look("Er blieb ein paar Tage.", "paar");
    assert_eq!(r.first().map(|f| f.headword.as_str()), Some("ein paar"));
    // A lower-case word is no noun: not the capitalised entry.
    assert!(r.iter().all(|f| f.headword != "Paar"), "{r:?}");
    let r = look("Das ist die Regel.", "Regel");
    assert_eq!(r.first().map(|f| f.headword.as_str()), Some("Regel"));
    let r = look("Das beste Beispiel ist Boeing.", "beste");
    assert_eq!(r.first().map(|f| f.headword.as_str()), Some("gut"));
}

#[test]
fn a_noun_no_dictionary_lists_is_found_under_its_masculine_or_strong_form() {
    let (_dir, dicts) = made_up(&[
        ("Beamter", "Beamter <masc, n, sg>\ncivil servant <n>\n"),
        ("Arzt", "Arzt <masc, n, sg>\ndoctor <n>\n"),
    ]);
    let look = |s: &str, w: &str| look_in(&dicts, s, w);
    // The feminine keeps its own lemma, gender and plural; the meaning is the masculine's.
    for (sentence, word, lemma, under) in [
        ("Die Ärztin kam spät.", "Ärztin", "Ärztin", "Arzt"),
        (
            "Er sprach mit der Beamtin.",
            "Beamtin",
            "Beamtin",
            "Beamter",
        ),
        ("Der Beamte kam spät.", "Beamte", "Beamte", "Beamter"),
    ] {
        let r = look(sentence, word);
        let f = r.first().expect("found");
        assert_eq!(f.headword, lemma);
        assert_eq!(
            f.method,
            Method::Cited {
                under: under.to_string(),
                how: match under {
                    "Beamter" if lemma == "Beamte" => "as dictionaries cite it",
                    _ => "the masculine it is made from",
                }
                .to_string()
            }
        );
        assert_eq!(f.pronunciation, None, "not the other headword's");
    }
    let r = look("Er sprach mit der Ärztin.", "Ärztin");
    let f = r.first().expect("found");
    assert_eq!(f.gender, Some(Gender::Feminine));
    assert_eq!(f.plural.as_deref(), Some("Ärztinnen"));
    assert_eq!(f.senses.first().map(String::as_str), Some("doctor"));
    // A compound whose head is such a noun.
    let r = look("Die FTC-Beamtin sprach.", "FTC-Beamtin");
    let f = r.first().expect("found");
    assert!(
        f.senses.iter().any(|s| s.contains("civil servant")),
        "{f:?}"
    );
}

#[test]
fn a_reflexive_pronoun_makes_no_phrase_with_the_verbs_form() {
    let (_dir, dicts) = made_up(&[
        ("sich gewünscht", "sich gewünscht\nwished for\n"),
        ("wünschen", "wünschen <v>\nwish <v>\n"),
        ("es gibt", "es gibt\nthere is\n"),
        ("verloren sein", "verloren sein\nbe all at sea\n"),
        ("verlieren", "verlieren <v>\nlose <v>\n"),
    ]);
    let first = |s: &str, w: &str| first_headword(&dicts, s, w);
    // *sich* belongs to the verb's frame, looked up by its lemma.
    assert_eq!(
        first("Sie hatten sich eine Bahn gewünscht.", "gewünscht"),
        "wünschen"
    );
    // Another pronoun of the clause still makes the phrase.
    assert_eq!(first("Weil es dort viele Firmen gibt.", "gibt"), "es gibt");
    // A possessive that may be a verb (*sein*) makes no phrase in which it is the verb.
    assert_eq!(
        first("Der Verein hat sein letztes Spiel verloren.", "verloren"),
        "verlieren"
    );
}

#[test]
fn an_infinitive_with_its_particle_is_no_phrase() {
    let (_dir, dicts) = made_up(&[
        ("zu schließen", "zu schließen\ninferable\n"),
        ("schließen", "schließen <v>\nclose <v>\n"),
        ("zu", "zu <prep>\nto <prep>\n"),
    ]);
    let first = |s: &str, w: &str| first_headword(&dicts, s, w);
    let s = "Sie half ihm, die Tore zu schließen.";
    assert_eq!(first(s, "schließen"), "schließen");
    assert_eq!(first(s, "zu"), "zu");
}

#[test]
fn a_preposition_takes_its_verbs_idiom_before_a_frame_and_no_particle_verbs_form() {
    let (_dir, dicts) = made_up(&[
        ("nach Hause kommen", "nach Hause kommen\nget home\n"),
        ("nach jdm. kommen", "nach jdm. kommen\ntake after sb.\n"),
        ("kam nach", "kam nach\ncomplied\n"),
        ("kommen", "kommen <v>\ncome <v>\n"),
        ("nach", "nach <prep>\nafter <prep>\n"),
    ]);
    let first = |s: &str, w: &str| first_headword(&dicts, s, w);
    let s = "Er kam nach Hause.";
    assert_eq!(first(s, "nach"), "nach Hause kommen");
    assert_ne!(first(s, "kam"), "kam nach");
}

#[test]
fn the_passives_auxiliary_means_be_where_it_forms_the_passive() {
    let (_dir, dicts) = made_up(&[("werden", "werden <v>\nwill <v>\ngrow <v>\nbecome <v>\n")]);
    let first_sense = |s: &str, w: &str| {
        look_in(&dicts, s, w)
            .first()
            .and_then(|f| f.senses.first().cloned())
            .unwrap_or_default()
    };
    let passive = |s: &str, w: &str| first_sense(s, w).starts_with("be (");
    assert!(passive("Das Haus wurde gebaut.", "wurde"));
    assert!(passive("Die Anträge können gestellt werden.", "werden"));
    assert!(passive("Sie seien nicht eingebunden worden.", "worden"));
    // The future, and *werden* as a full verb: not the passive.
    assert_eq!(first_sense("Er wird morgen kommen.", "wird"), "will");
    assert!(!passive("Er ist Lehrer geworden.", "geworden"));
    assert!(!passive("Er wird Lehrer.", "wird"));
}

#[test]
fn a_pronouns_plural_means_what_its_plural_entry_gives() {
    let (_dir, dicts) = made_up(&[
        ("diese", "diese <pron>\nthis <pron>\n"),
        ("diese", "diese <pl>\nthese\n"),
        ("dieser", "dieser <pron>\nthis <pron>\n"),
    ]);
    let first_sense = |s: &str, w: &str| {
        look_in(&dicts, s, w)
            .first()
            .and_then(|f| f.senses.first().cloned())
            .unwrap_or_default()
    };
    assert_eq!(first_sense("Ich kenne diese Leute.", "diese"), "these");
    assert_eq!(first_sense("Er mag diese Firma.", "diese"), "this");
}

#[test]
fn a_number_written_out_that_no_dictionary_lists_is_its_value() {
    let (_dir, dicts) = made_up(&[("zwanzig", "zwanzig <num>\ntwenty\n")]);
    let s = "Am Ende zahlte sie dreihundertvierzig Euro.";
    let found = look_in(&dicts, s, "dreihundertvierzig");
    let first = found.first().expect("a result");
    assert_eq!(first.pos.as_deref(), Some("number"));
    assert_eq!(
        first.senses.first().map(String::as_str),
        Some("three hundred and forty (340)")
    );
    // A listed one is the dictionary's.
    assert_eq!(
        first_sense_in(&dicts, "Sie zahlte zwanzig Euro.", "zwanzig"),
        "twenty"
    );
}

#[test]
fn a_term_of_address_before_a_name_takes_its_address_sense() {
    let (_dir, dicts) = made_up(&[
        (
            "Frau",
            "Frau <fem, n, sg>\nwoman <n>\n      \"die Frau von heute\"  - the new woman\n",
        ),
        (
            "Frau",
            "Frau <fem, n, sg>\nMs <n>\n         Note: term of address\n",
        ),
    ]);
    assert_eq!(
        first_sense_in(&dicts, "Frau Albrecht lobte mich.", "Frau"),
        "Ms"
    );
    assert_eq!(
        first_sense_in(&dicts, "Die Frau lobte mich.", "Frau"),
        "woman"
    );
}

#[test]
fn an_adjective_listed_only_by_its_forms_after_an_article_is_found_under_its_lemma() {
    let (_dir, dicts) = made_up(&[("sogenannte/r/s", "sogenannte/r/s <adj>\nso-called <adj>\n")]);
    let found = look_in(&dicts, "Das ist eine sogenannte Studie.", "sogenannte");
    let first = found.first().expect("a result");
    assert_eq!(first.headword, "sogenannt");
    assert_eq!(first.senses.first().map(String::as_str), Some("so-called"));
}

#[test]
fn a_nouns_plural_means_what_its_own_plural_entry_gives() {
    let (_dir, dicts) = made_up(&[
        ("Kraut", "Kraut <neut, n, sg>\ncabbage <n>\n"),
        ("Kräuter", "Kräuter <pl>\nherbs\n see: {Kraut}\n"),
    ]);
    let s = "Wir kauften frische Kräuter.";
    let found = look_in(&dicts, s, "Kräuter");
    let first = found.first().expect("a result");
    // The lemma stays the headword; the plural's own sense comes first.
    assert_eq!(first.headword, "Kraut");
    assert_eq!(first.senses.first().map(String::as_str), Some("herbs"));
    assert_eq!(
        first_sense_in(&dicts, "Das Kraut wächst.", "Kraut"),
        "cabbage"
    );
}

#[test]
fn a_particle_verb_no_dictionary_lists_is_a_verb_shown_by_its_parts() {
    let (_dir, dicts) = made_up(&[
        ("bringen", "bringen <v>\nbring <v>\n"),
        ("vorbei", "vorbei <adv>\npast <adv>\n"),
    ]);
    for (sentence, word) in [
        ("Sie brachte ihm das Obst vorbei.", "brachte"),
        (
            "Sie versprach, das Obst vorbeizubringen.",
            "vorbeizubringen",
        ),
    ] {
        let found = look_in(&dicts, sentence, word);
        let first = found.first().expect("a result");
        assert_eq!(first.headword, "vorbeibringen", "{sentence}");
        assert_eq!(first.pos.as_deref(), Some("verb"), "{sentence}");
        assert!(
            first.senses.iter().any(|s| s == "bringen: bring"),
            "{:?}",
            first.senses
        );
    }
}

#[test]
fn a_reflexive_pronoun_of_another_coordinated_verb_is_not_this_verbs() {
    let (_dir, dicts) = made_up(&[
        ("sich anbieten", "sich anbieten <v>\nsuggest itself <v>\n"),
        ("anbieten", "anbieten <v>\noffer <v>\n"),
        (
            "sich entschuldigen",
            "sich entschuldigen <v>\napologize <v>\n",
        ),
    ]);
    let first = |s: &str, w: &str| first_headword(&dicts, s, w);
    let s = "Die Bahn entschuldigte sich später und bot eine Entschädigung an.";
    assert_eq!(first(s, "bot"), "anbieten");
    assert_eq!(first(s, "entschuldigte"), "sich entschuldigen");
    // One verb: its clause's reflexive pronoun is its own.
    assert_eq!(first("Die Lösung bot sich an.", "bot"), "sich anbieten");
}

#[test]
fn a_preposition_in_its_verbs_frame_is_looked_up_with_the_verb() {
    let (_dir, dicts) = made_up(&[
        (
            "über etw nachdenken",
            "über etw. nachdenken <v>\nthink about sth. <v>\n",
        ),
        ("über", "über <prep>\nvia <prep>\n"),
        ("darüber", "darüber <adv>\nabove it <adv>\n"),
        (
            "jdnetw vor jdmetw schützen",
            "jdn./etw. vor jdm./etw. schützen <v>\nprotect sb./sth. from sb./sth. <v>\n",
        ),
        ("schützen", "schützen <v>\nshelter <v>\n"),
        ("vor", "vor <prep>\nin front of <prep>\n"),
        ("in", "in <prep>\nin <prep>\n"),
    ]);
    let first = |s: &str, w: &str| {
        let r = look_in(&dicts, s, w);
        r.first()
            .map(|f| {
                (
                    f.headword.clone(),
                    f.senses.first().cloned().unwrap_or_default(),
                )
            })
            .unwrap_or_default()
    };
    // The preposition, and the one inside a pronominal adverb, with the (split) verb.
    let s = "Der Verein will über einen neuen Stürmer nachdenken.";
    assert_eq!(first(s, "über").0, "über etw. nachdenken");
    let s = "Auf der Rückfahrt dachte sie darüber nach, wie schnell die Zeit vergeht.";
    assert_eq!(first(s, "darüber").0, "über etw. nachdenken");
    // A frame with an object before the preposition, from the preposition.
    let s = "Sie müssen ihre Innovationen vor Monopolen schützen.";
    assert_eq!(first(s, "vor").1, "protect sb./sth. from sb./sth.");
    // From the verb too.
    assert_eq!(first(s, "schützen").1, "protect sb./sth. from sb./sth.");
    // A preposition no listed frame of its verb holds is itself.
    let s = "Sie müssen ihre Innovationen in Europa schützen.";
    assert_eq!(first(s, "in").0, "in");
    // Another clause's verb has no frame with it.
    let s = "Er wartet, weil sie über die Brücke gehen.";
    assert_eq!(first(s, "über").0, "über");
}

#[test]
fn a_pronominal_adverb_stands_for_a_thing_in_its_verbs_frame() {
    let (_dir, dicts) = made_up(&[
        (
            "von jdmetw ausgehen",
            "von jdm./etw. ausgehen <v>\noriginate from sb./sth. <v>\n",
        ),
        (
            "von etw ausgehen",
            "von etw. ausgehen <v>\nassume sth. <v>\n",
        ),
        ("ausgehen", "ausgehen <v>\ngo out <v>\n"),
    ]);
    let first = |s: &str, w: &str| {
        let r = look_in(&dicts, s, w);
        r.first()
            .and_then(|f| f.senses.first().cloned())
            .unwrap_or_default()
    };
    // *davon* is "von" with a thing or a clause: the frame with a thing's placeholder.
    let s = "Man ging davon aus, dass alles gut wird.";
    assert_eq!(first(s, "ging"), "assume sth.");
    assert_eq!(first(s, "davon"), "assume sth.");
    // With a noun phrase, both frames are the verb's.
    let s = "Die Gefahr ging von ihm aus.";
    let r = look_in(&dicts, s, "ging");
    let senses = &r.first().expect("found").senses;
    assert!(
        senses.iter().any(|x| x == "originate from sb./sth."),
        "{senses:?}"
    );
}

#[test]
fn an_example_with_the_lemma_of_a_sentence_word_points_to_its_sense() {
    let (_dir, dicts) = made_up(&[
        (
            "Rolle",
            "Rolle <fem, n, sg>\nreel <n>, roll <n>\n      \"eine Rolle Garn\"  - a reel of yarn\n      \"eine Rolle Draht\"  - a reel of wire\n      \"eine Rolle Film\"  - a reel of film\n",
        ),
        (
            "Rolle",
            "Rolle <fem, n, sg>\nrole <n>\n      \"eine Rolle spielen\"  - play a role\n",
        ),
    ]);
    // *spielt* is the *spielen* of the example.
    let r = look_in(&dicts, "Das Geld spielt eine wichtige Rolle.", "Rolle");
    let f = r.first().expect("found");
    assert_eq!(f.senses.first().map(String::as_str), Some("role"), "{f:?}");
}

#[test]
fn a_phrase_first_in_its_sentence_is_shown_as_the_dictionary_writes_it() {
    let (_dir, dicts) = made_up(&[("bis dahin", "bis dahin\nby then\n")]);
    let r = look_in(&dicts, "Bis dahin bleibt alles, wie es ist.", "Bis");
    assert_eq!(r.first().map(|f| f.headword.as_str()), Some("bis dahin"));
}

#[test]
fn a_comparative_takes_its_own_entry_where_it_is_the_english_comparative() {
    let (_dir, dicts) = made_up(&[
        ("günstig", "günstig <adj>\ncheap <adj>\n"),
        ("günstiger", "günstiger <adj>\npreferable <adj>\n"),
        ("günstiger", "günstiger <adj>\ncheaper <adj>\n"),
        ("alt", "alt <adj>\nold <adj>\n"),
        ("älter", "älter <adj>\nearlier <adj>\n"),
    ]);
    let first = |s: &str, w: &str| {
        let r = look_in(&dicts, s, w);
        let f = r.first().expect("found").clone();
        (f.headword, f.senses.first().cloned().unwrap_or_default())
    };
    // The lemma stays the headword; the comparative's own "cheaper" comes first, also
    // for an inflected form the dictionary cites uninflected.
    assert_eq!(
        first("Sie kauft die günstigeren Äpfel.", "günstigeren"),
        ("günstig".to_string(), "cheaper".to_string())
    );
    // Another word the form is listed as is not its meaning.
    assert_eq!(first("Die älteren Leute warten.", "älteren").1, "old");
}

#[test]
fn a_sense_noted_with_the_preposition_of_a_pronominal_adverb_comes_first() {
    let (_dir, dicts) = made_up(&[
        ("abhängen", "abhängen <v>\nunhook <v>\n"),
        (
            "abhängen",
            "abhängen <v, intr>\ndepend <v>\n         Note: on\n\n         Note: von +Dat.\n",
        ),
    ]);
    let r = look_in(
        &dicts,
        "Allerdings hängt viel davon ab, wie es läuft.",
        "hängt",
    );
    let f = r.first().expect("found");
    assert_eq!(
        f.senses.first().map(String::as_str),
        Some("depend"),
        "{f:?}"
    );
}

#[test]
fn a_phrase_keeps_its_capitals_and_is_no_example_sentence() {
    let (_dir, dicts) = made_up(&[
        ("zu Ihrem", "zu Ihrem\nyour\n"),
        ("ihr", "ihr <pron>\nher <pron>\n"),
        ("Wenn es", "Wenn es\nWhen it rains, it pours.\n"),
        ("es", "es <pron>\nit <pron>\n"),
        ("Ich hatte", "Ich hatte\nI had no idea!\n"),
        ("haben", "haben <v>\nhave <v>\n"),
        ("du kannst", "du kannst\nyou can\n"),
        ("können", "können <v>\nbe able <v>\n"),
        (
            "an jdnetw ankommen",
            "an jdn./etw. ankommen <v>\nget to sb./sth. <v>\n",
        ),
        ("ankommen", "ankommen <v>\narrive <v>\n"),
    ]);
    for (sentence, word, headword) in [
        // *ihrem* is not the polite *Ihrem*.
        ("Sie lud mich zu ihrem Geburtstag ein.", "ihrem", "ihr"),
        // An example sentence is no phrase's meaning, first in the sentence or not.
        ("Wenn es regnet, bleibt er zu Hause.", "es", "es"),
        ("Er bleibt, obwohl ich keine Zeit hatte.", "hatte", "haben"),
        // A verb first in its sentence is the phrase's lower-case verb.
        ("Kannst du bitte kommen?", "Kannst", "du kannst"),
        // A verb's own particle is not the preposition of a frame.
        ("Der Zug kam pünktlich an.", "kam", "ankommen"),
    ] {
        assert_eq!(
            first_headword(&dicts, sentence, word),
            headword,
            "{sentence}"
        );
    }
}

/// The first sense of the first result of a word looked up in its sentence.
fn first_sense_in(dicts: &Dictionaries, sentence: &str, word: &str) -> String {
    look_in(dicts, sentence, word)
        .first()
        .and_then(|f| f.senses.first().cloned())
        .unwrap_or_default()
}

#[test]
fn a_row_of_a_verbs_conjugation_is_the_verbs_form_where_the_verb_is_listed() {
    let (_dir, dicts) = made_up(&[
        (
            "wir haben",
            "wir haben\nwe have\n see: {etw. haben}, {gehabt}, {ich habe}\n",
        ),
        ("haben", "haben <v>\nhave sth. <v>\n"),
        (
            "bedankt sich",
            "bedankt sich\nthanks\n see: {sich bei jdm. für etw. bedanken}, {gedankt}\n",
        ),
        ("es gibt", "es gibt\nthere is\n see: {es}, {es ist}\n"),
        ("geben", "geben <v>\ngive <v>\n"),
        (
            "freut sich",
            "freut sich\nrejoices\n see: {sich freuen}, {gefreut}\n",
        ),
        ("sich freuen", "sich freuen <v>\nbe glad <v>\n"),
    ]);
    // A reflexive verb's row, where the dictionary lists the verb with *sich*.
    assert_eq!(
        first_headword(&dicts, "Sie freut sich sehr.", "freut"),
        "sich freuen"
    );
    let s = "Stattdessen haben wir einen Brief geschrieben.";
    assert_eq!(first_headword(&dicts, s, "haben"), "haben");
    // With its participle, the perfect's auxiliary; alone, the full verb.
    assert!(first_sense_in(&dicts, s, "haben").contains("the perfect"));
    assert_eq!(
        first_sense_in(&dicts, "Er hat ein Auto.", "hat"),
        "have sth."
    );
    // No dictionary lists *bedanken* alone: the row is the meaning.
    assert_eq!(
        first_headword(&dicts, "Jana bedankt sich.", "bedankt"),
        "bedankt sich"
    );
    // An idiom links to no form of its verb.
    let s = "Weil es dort viele Firmen gibt, ist die Miete hoch.";
    assert_eq!(first_headword(&dicts, s, "gibt"), "es gibt");
}

#[test]
fn an_impersonal_phrase_is_its_verbs_in_any_form_with_es() {
    let (_dir, dicts) = made_up(&[
        ("es gibt", "es gibt\nthere is\n"),
        ("geben", "geben <v>\ngive <v>\n"),
    ]);
    for (s, w) in [
        ("So viele Gäste habe es nie gegeben, sagte er.", "gegeben"),
        ("Morgen wird es Regen geben.", "geben"),
        ("Damals gab es kein Internet.", "gab"),
    ] {
        assert_eq!(first_headword(&dicts, s, w), "es gibt", "{s}");
    }
    // Without *es*, the verb.
    assert_eq!(
        first_headword(&dicts, "Sie hat ihm das Buch gegeben.", "gegeben"),
        "geben"
    );
}

#[test]
fn a_capitalised_word_of_a_phrase_is_no_verb_form() {
    // *Glück* is the noun, though *glück* is an imperative of *glücken*: "zum Glück" is
    // a phrase, not a row of *glücken*'s conjugation.
    let (_dir, dicts) = made_up(&[
        (
            "zum Glück",
            "zum Glück
fortunately
 see: {Glück}
",
        ),
        (
            "glücken",
            "glücken <v>
succeed <v>
",
        ),
        (
            "zu etw. kommen",
            "zu etw. kommen <v>
come about <v>
",
        ),
    ]);
    for s in ["Er kam zum Glück.", "Zum Glück kam er."] {
        let word = if s.starts_with("Zum") { "Zum" } else { "zum" };
        assert_eq!(first_headword(&dicts, s, word), "zum Glück", "{s}");
    }
}

#[test]
fn a_verbs_frame_with_an_object_before_its_preposition_or_the_preposition_after_it() {
    let (_dir, dicts) = made_up(&[
        ("stimmen für", "stimmen für <v>\nvote <v>\n"),
        ("stimmen", "stimmen <v>\nbe true <v>\n"),
        (
            "jdnetw für etw halten",
            "jdn./etw. für etw. halten <v>\nconsider sb./sth. sth. <v>\n",
        ),
        ("halten", "halten <v>\nstop <v>\n"),
    ]);
    let s = "Am Ende stimmte eine knappe Mehrheit dafür.";
    assert_eq!(first_headword(&dicts, s, "stimmte"), "stimmen für");
    let s = "Der Bürgermeister hält das Projekt für unverzichtbar.";
    assert_eq!(
        first_headword(&dicts, s, "hält"),
        "jdn./etw. für etw. halten"
    );
    assert_eq!(
        first_headword(&dicts, "Der Bus hält hier.", "hält"),
        "halten"
    );
}

#[test]
fn a_reflexive_frame_may_name_a_person_the_sentence_leaves_out() {
    let (_dir, dicts) = made_up(&[(
        "sich bei jdm für etw bedanken",
        "sich bei jdm. für etw. bedanken <v>\nthank sb. for sth. <v>\n",
    )]);
    let s = "Ich bedanke mich im Voraus für Ihre Mühe.";
    assert_eq!(
        first_headword(&dicts, s, "bedanke"),
        "sich bei jdm. für etw. bedanken"
    );
    // Not without the reflexive pronoun: the frame is the reflexive verb's.
    let s = "Ich bedanke den Freund für die Mühe.";
    assert_ne!(
        first_headword(&dicts, s, "bedanke"),
        "sich bei jdm. für etw. bedanken"
    );
}

#[test]
fn a_two_way_prepositions_frame_is_found_only_in_its_case() {
    let (_dir, dicts) = made_up(&[
        (
            "an jdnetw ankommen",
            "an jdn./etw. ankommen <v>\nget to sb./sth. <v>\n",
        ),
        ("ankommen", "ankommen <v>\narrive <v>\n"),
        ("an jdm zweifeln", "an jdm. zweifeln <v>\ndoubt sb. <v>\n"),
        ("zweifeln", "zweifeln <v>\nwaver <v>\n"),
    ]);
    // *am Freitag* is dative: not the accusative frame "an jdn./etw. ankommen".
    let s = "Der Bus kommt am Freitag gegen fünf Uhr wieder an.";
    assert_eq!(first_headword(&dicts, s, "kommt"), "ankommen");
    let s = "Der Bus kommt an die Grenze des Landes an.";
    assert_eq!(first_headword(&dicts, s, "kommt"), "an jdn./etw. ankommen");
    // A dative frame in the dative.
    let s = "Sie zweifelt an dem Plan.";
    assert_eq!(first_headword(&dicts, s, "zweifelt"), "an jdm. zweifeln");
}

#[test]
fn an_object_pronoun_is_reflexive_only_with_a_subject_of_its_person() {
    let (_dir, dicts) = made_up(&[
        ("uns", "uns <pron>\nourselves <pron>\n"),
        ("wir", "wir <pron>\nwe (us) <pron>\n"),
    ]);
    assert_eq!(
        first_sense_in(&dicts, "Das erschien uns übertrieben.", "uns"),
        "we (us)"
    );
    assert_eq!(
        first_sense_in(&dicts, "Wir haben uns gestern gesehen.", "uns"),
        "ourselves"
    );
}

#[test]
fn um_with_zu_is_the_infinitive_conjunction_only_where_it_opens_its_group() {
    let (_dir, dicts) = made_up(&[
        ("um zu", "um … zu\nin order to\n"),
        ("um", "um <prep>\naround <prep>\n"),
    ]);
    let s = "Sie stimmten dafür, die Entscheidung um ein Jahr zu verschieben.";
    assert_eq!(first_headword(&dicts, s, "um"), "um");
    let s = "Sie sparte, um ein Auto zu kaufen.";
    assert_eq!(first_sense_in(&dicts, s, "um"), "in order to");
}

#[test]
fn a_pronoun_listed_by_other_forms_is_found_and_means_its_use() {
    let (_dir, dicts) = made_up(&[
        ("keiner", "keiner <pron>\nnone <pron>\n"),
        ("keine", "keine <pron>\nno <pron>\n"),
        ("einigen", "einigen <v>\nunify <v>\n"),
        ("einige", "einige <pron>\nsome <pron>\n"),
        ("viele", "viele <pron>\nmany <pron>\n"),
        ("viel", "viel <pron>\nmuch <pron>\n"),
    ]);
    // *kein* is listed by no dictionary: its nominatives are, before a noun *keine*.
    let s = "Bisher ist kein Geld angekommen.";
    assert_eq!(first_headword(&dicts, s, "kein"), "kein");
    assert_eq!(first_sense_in(&dicts, s, "kein"), "no");
    assert_eq!(first_sense_in(&dicts, "Das weiß keiner.", "keiner"), "none");
    // The verb *einigen* is no sense of the pronoun.
    let s = "Das zeigt sich erst in einigen Jahren.";
    assert_eq!(first_sense_in(&dicts, s, "einigen"), "some");
    // A plural form no dictionary lists means what its nominative plural does.
    let s = "Er hat mit vielen Leuten gesprochen.";
    assert_eq!(first_sense_in(&dicts, s, "vielen"), "many");
}

#[test]
fn no_frame_of_an_auxiliary_an_infinitives_particle_or_conjunction_or_a_phrase_in_a_pp() {
    let (_dir, dicts) = made_up(&[
        (
            "etw mit jdm haben",
            "etw. mit jdm. haben <v>\ncarry on with sb. <v>\n",
        ),
        ("haben", "haben <v>\nhave sth. <v>\n"),
        (
            "jdn zu etw bringen",
            "jdn. zu etw. bringen <v>\nget sb. to sth. <v>\n",
        ),
        (
            "jdn um etw bringen",
            "jdn. um etw. bringen <v>\nscam sb. out of sth. <v>\n",
        ),
        ("Geld bringen", "Geld bringen <v>\nbe a moneymaker <v>\n"),
        ("bringen", "bringen <v>\nbring <v>\n"),
    ]);
    let s = "Manche Höfe haben bereits Erfolg mit Hirse gehabt.";
    assert_eq!(first_headword(&dicts, s, "gehabt"), "haben");
    let s = "Sie kaufen Futter, um ihre Tiere durch den Winter zu bringen.";
    assert_eq!(first_headword(&dicts, s, "bringen"), "bringen");
    // The preposition's frame, and no idiom of a word inside its phrase.
    let s = "Sie wollten ihn um sein Geld bringen.";
    assert_eq!(first_headword(&dicts, s, "bringen"), "jdn. um etw. bringen");
    assert_eq!(
        first_headword(&dicts, "Das soll Geld bringen.", "bringen"),
        "Geld bringen"
    );
}

#[test]
fn a_possessive_means_the_possessive_of_its_owners_number_its_forms_senses_too() {
    let (_dir, dicts) = made_up(&[
        ("ihre", "ihre <pron>\nher <pron>\n"),
        ("ihre", "ihre <pron>\ntheir <pron>\n"),
    ]);
    let first = |s: &str| first_sense_in(&dicts, s, "ihre");
    assert_eq!(first("Die Eltern lieben ihre Kinder."), "their");
    assert_eq!(first("Die Frau liebt ihre Kinder."), "her");
    // An infinitive's group has its clause's subject.
    assert_eq!(
        first("Viele Betriebe kaufen Futter, um ihre Tiere durch den Winter zu bringen."),
        "their"
    );
}

#[test]
fn a_capitalised_word_the_lexicon_lacks_is_a_noun_where_its_entry_is_one() {
    let (_dir, dicts) = made_up(&[("Hirse", "Hirse <fem, n, sg>\nmillet <n>\n")]);
    let r = look_in(
        &dicts,
        "Manche Höfe haben Erfolg mit Hirse gehabt.",
        "Hirse",
    );
    assert_eq!(
        r.first().and_then(|f| f.pos.clone()).as_deref(),
        Some("noun")
    );
}

#[test]
fn a_subject_pronoun_means_its_number_and_a_reflexive_frame_its_object() {
    let (_dir, dicts) = made_up(&[
        ("sie", "sie <pron>\nthey (them) <pron>\n"),
        ("sie", "sie <pron>\nshe (her) <pron>\n"),
        (
            "sich etw leisten",
            "sich etw. leisten <v>\nafford sth. <v>\n",
        ),
        ("leisten", "leisten <v>\nperform sth. <v>\n"),
        ("haben", "haben <v>\nhave sth. <v>\n"),
    ]);
    let s = "Sie kam, weil sie ebenfalls abnehmen möchte.";
    assert_eq!(first_sense_in(&dicts, s, "sie"), "she (her)");
    let s = "Er ruft an, aber sie telefonieren jede Woche.";
    assert_eq!(first_sense_in(&dicts, s, "sie"), "they (them)");
    let s = "Sie fliegt, sofern sie sich den teuren Flug leisten kann.";
    assert_eq!(first_headword(&dicts, s, "leisten"), "sich etw. leisten");
    // The perfect's auxiliary with a participle spelled as an infinitive (*geraten*).
    let s = "Der Arzt hat mir geraten, mehr zu laufen.";
    assert!(first_sense_in(&dicts, s, "hat").contains("the perfect"));
}

#[test]
fn a_phrase_ending_in_an_adjective_before_its_noun_is_none() {
    let (_dir, dicts) = made_up(&[
        ("am nächsten", "am nächsten\nnearest\n"),
        ("nah", "nah <adj>\nnear <adj>\n"),
    ]);
    let s = "Am nächsten Wochenende spielt der Verein.";
    assert_eq!(first_headword(&dicts, s, "nächsten"), "nah");
    assert_eq!(
        first_headword(&dicts, "Er wohnt am nächsten.", "nächsten"),
        "am nächsten"
    );
}

#[test]
fn a_lower_case_verb_is_no_capitalised_nouns_entry() {
    let (_dir, dicts) = made_up(&[("Backen", "Backen <pl>\ncheeks\n")]);
    // The verb: the dictionary lists only the noun under its letters.
    let s = "Am Sonntag will sie Kuchen backen.";
    assert!(look_in(&dicts, s, "backen").is_empty());
    // The noun, and the word typed alone, find it.
    let s = "Er hat rote Backen.";
    assert_eq!(first_sense_in(&dicts, s, "Backen"), "cheeks");
}

#[test]
fn a_contraction_stands_for_its_preposition_and_the_sense_entries_agree_on_leads() {
    let (_dir, dicts) = made_up(&[
        (
            "von etw abhängen",
            "von etw. abhängen <v>\nride on sth. <v>\n",
        ),
        (
            "von einer Sache abhängen",
            "von einer Sache abhängen <v>\ndepend on sth. <v>\n",
        ),
        ("abhängen", "abhängen <v>\ndepend; unhitch <v>\n"),
    ]);
    let s = "Die Ernte hängt vom Wetter ab.";
    let found = look_in(&dicts, s, "hängt");
    let first = found.first().expect("a result");
    assert!(first.headword.starts_with("von "), "{}", first.headword);
    assert!(
        first_sense_in(&dicts, s, "hängt").contains("depend"),
        "{found:?}"
    );
}

#[test]
fn a_compounds_first_part_means_its_singular_not_a_plural_entry() {
    let (_dir, dicts) = made_up(&[
        ("Terrier", "Terrier <pl>\nterriers\n"),
        ("Terrier", "Terrier <masc, n, sg>\n [zool.] terrier <n>\n"),
        ("Mischling", "Mischling <masc, n, sg>\nmongrel <n>\n"),
    ]);
    let results = look_in(
        &dicts,
        "Wir haben einen Terrier-Mischling.",
        "Terrier-Mischling",
    );
    let part = results
        .iter()
        .find(|f| f.headword == "Terrier")
        .expect("the first part is shown");
    assert_eq!(part.senses.first().map(String::as_str), Some("terrier"));
    let whole = results.first().expect("found");
    assert!(
        whole.senses.iter().all(|s| !s.contains("terriers")),
        "{:?}",
        whole.senses
    );
}

#[test]
fn a_verbs_frame_with_a_note_is_read_as_the_verbs_own_entry() {
    let (_dir, dicts) = made_up(&[
        ("abholen", "abholen <v>\ncome for sb. <v>\n"),
        (
            "jdn von einem ort abholen",
            "jdn. (von einem Ort) abholen <v, trans>\ncollect sb./sth. <v>\n",
        ),
    ]);
    // The examples' index lists the frame by its verb.
    assert_eq!(
        dicts.usage().noted_frames("abholen"),
        vec!["jdn von einem ort abholen"]
    );
    let results = look_in(&dicts, "Wir holten sie am Bahnhof ab.", "holten");
    let verb = results
        .iter()
        .find(|f| f.headword == "abholen")
        .expect("the verb is found");
    assert!(
        verb.senses.iter().any(|s| s == "collect sb./sth."),
        "{:?}",
        verb.senses
    );
}

#[test]
fn a_compound_the_lexicon_lists_but_no_dictionary_is_shown_by_its_parts() {
    let (_dir, dicts) = made_up(&[
        ("Grafik", "Grafik <fem, n, sg>\ngraphic <n>\n"),
        ("Designerin", "Designerin <fem, n, sg>\ndesigner <n>\n"),
    ]);
    let lex = lesepult::german::lexicon().expect("lexicon");
    let word = "Grafikdesignerin";
    assert!(
        lex.readings(word).iter().any(|r| r.lemma == word),
        "the lexicon lists the compound"
    );
    let results = look_in(&dicts, "Sie sucht eine Stelle als Grafikdesignerin.", word);
    let whole = results.first().expect("found by its parts");
    assert_eq!(whole.headword, word);
    assert_eq!(
        whole.senses.first().map(String::as_str),
        Some("≈ graphic designer")
    );
    assert!(results.iter().any(|f| f.headword == "Designerin"));
}
