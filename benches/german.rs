//! The German layer: the lexicon, the analysis of a word in its sentence, and a whole
//! lookup with its analysis in the installed dictionaries (FreeDict deu-eng and Ding,
//! when present).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use lesepult::dict::{Dictionaries, lookup_in};
use lesepult::german::analysis::{analyse_at, analyse_sentence};
use lesepult::german::lexicon;

const SENTENCE: &str = "Im Jahr 2021 reichte die Federal Trade Commission erneut eine Klage \
gegen Facebook wegen der Übernahme von Instagram und WhatsApp ein.";

fn benches(c: &mut Criterion) {
    let lex = lexicon().expect("the bundled lexicon");
    let mut g = c.benchmark_group("german");
    g.bench_function("lexicon_readings", |b| {
        b.iter(|| lex.readings(black_box("Leerverkäufe")))
    });
    g.bench_function("noun_plural", |b| {
        b.iter(|| lex.plurals(black_box("Strom"), None))
    });
    g.bench_function("analyse_sentence_19_words", |b| {
        b.iter(|| analyse_sentence(black_box(SENTENCE)))
    });
    let at = SENTENCE.find("reichte").unwrap_or(0);
    g.bench_function("analyse_word_in_sentence", |b| {
        b.iter(|| analyse_at(black_box(SENTENCE), at))
    });
    g.bench_function("compound_not_in_lexicon", |b| {
        b.iter(|| analyse_sentence(black_box("Die Kostenangaben stimmen.")))
    });
    g.finish();

    let folder = PathBuf::from("/usr/share/dictd");
    if folder.join("freedict-deu-eng.index").exists() {
        let dicts = Dictionaries::discover(&[folder]);
        // The index of the dictionaries' examples is built once, before measuring.
        dicts.usage();
        let mut g = c.benchmark_group("lookup_in_sentence");
        for (name, word, sentence) in [
            ("separable_verb", "reichte", SENTENCE),
            (
                "noun_plural",
                "Leerverkäufe",
                "Die Leerverkäufe haben Hochkonjunktur.",
            ),
            ("phrase", "Regel", "Das ist in der Regel so."),
            // A common verb: a thousand examples weigh its senses.
            ("common_verb", "macht", "Sie macht heute früher Schluss."),
            (
                "compound",
                "Kostenangaben",
                "Die Kostenangaben stimmen nicht.",
            ),
        ] {
            let at = sentence.find(word).unwrap_or(0);
            g.bench_function(name, |b| {
                b.iter(|| lookup_in(black_box(word), Some((sentence, at)), None, &dicts))
            });
            // From cold: no chunk of the compressed dictionaries kept inflated.
            g.bench_function(format!("{name}_cold"), |b| {
                b.iter(|| {
                    dicts.forget_recent();
                    lookup_in(black_box(word), Some((sentence, at)), None, &dicts)
                })
            });
        }
        g.finish();
    } else {
        eprintln!("lookup_in_sentence: skipped (apt install dict-freedict-deu-eng dict-de-en)");
    }
}

criterion_group!(all, benches);
criterion_main!(all);
