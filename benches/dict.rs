//! Dictionary benchmarks: opening and looking up in a generated dictd dictionary with
//! 519,000 headwords (the size of FreeDict deu-eng, made at run time, dictzip-compressed),
//! and in the real FreeDict deu-eng when it is installed.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use lesepult::dict::dictd::write_dictd;
use lesepult::dict::{Dictionaries, lookup};

const SYLLABLES: &[&str] = &[
    "an", "be", "bahn", "dienst", "er", "fahr", "ge", "haus", "kraft", "lauf", "markt", "netz",
    "ord", "preis", "rat", "schaft", "stand", "tag", "ver", "werk", "zeit", "zug", "ab", "bau",
];

/// `n` made-up headwords plus the real words the lookups need.
fn generated(n: usize) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(n + 10);
    let mut i = 0usize;
    while out.len() < n {
        let mut w = String::new();
        let mut k = i;
        for _ in 0..3 {
            w.push_str(SYLLABLES[k % SYLLABLES.len()]);
            k /= SYLLABLES.len();
        }
        w.push_str(&format!("{}", i / 13824));
        out.push((w.clone(), format!("{w} <masc, n, sg>\nsomething <n>\n")));
        i += 1;
    }
    for (w, t) in [
        (
            "Leerverkauf",
            "Leerverkauf <masc, n, sg>\nshort sale <n>\n see: {Leerverkäufe}\n",
        ),
        (
            "Leerverkäufe",
            "Leerverkäufe <pl>\nshort sales\n see: {Leerverkauf}\n",
        ),
        ("Wettbewerb", "Wettbewerb <masc, n, sg>\ncompetition <n>\n"),
        ("Vorteil", "Vorteil <masc, n, sg>\nadvantage <n>\n"),
        ("schwerfällig", "schwerfällig <adj>\nponderous\n"),
    ] {
        out.push((w.to_string(), t.to_string()));
    }
    out
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let entries = generated(519_000);
    let refs: Vec<(&str, &str)> = entries
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_dictd(&dir.path().join("generated"), &refs, Some(58_315)).expect("write dictionary");
    let folders = vec![dir.path().to_path_buf()];

    let mut g = c.benchmark_group("dict_generated_519k");
    g.sample_size(10);
    g.bench_function("open", |b| {
        b.iter(|| Dictionaries::discover(black_box(&folders)))
    });
    let dicts = Dictionaries::discover(&folders);
    g.finish();
    let mut g = c.benchmark_group("dict_generated_519k");
    for (name, word) in [
        ("exact", "Wettbewerb"),
        ("plural_to_lemma", "Leerverkäufen"),
        ("stemmed_adjective", "schwerfällige"),
        ("compound", "Wettbewerbsvorteil"),
        ("not_found", "Xylophonbaum"),
    ] {
        g.bench_function(name, |b| b.iter(|| lookup(black_box(word), None, &dicts)));
    }
    g.finish();

    let freedict = PathBuf::from("/usr/share/dictd/freedict-deu-eng.index");
    if freedict.exists() {
        let folders = vec![PathBuf::from("/usr/share/dictd")];
        let mut g = c.benchmark_group("dict_freedict");
        g.sample_size(10);
        g.bench_function("open", |b| {
            b.iter(|| Dictionaries::discover(black_box(&folders)))
        });
        g.finish();
        let dicts = Dictionaries::discover(&folders);
        let mut g = c.benchmark_group("dict_freedict");
        for (name, word) in [
            ("exact", "Monopol"),
            ("plural_to_lemma", "Leerverkäufe"),
            ("plural_link", "Rechenzentren"),
            ("stemmed_adjective", "schwerfällige"),
            ("compound", "Wettbewerbshemmnis"),
            ("not_found", "Xylophonbaumhaus"),
        ] {
            g.bench_function(name, |b| b.iter(|| lookup(black_box(word), None, &dicts)));
        }
        g.finish();
    } else {
        eprintln!("dict_freedict: skipped (apt install dict-freedict-deu-eng)");
    }
}

criterion_group!(all, benches);
criterion_main!(all);
