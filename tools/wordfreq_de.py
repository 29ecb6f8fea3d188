#!/usr/bin/env python3
"""Build assets/german/frequency-de.tsv, lesepult's German word-frequency list.

What it does
    Reads the German 'large' word list of the Python package wordfreq
    (version 3.1.1), keeps the words that are made only of Latin letters
    (a-z, ä ö ü and other accented Latin letters; one internal hyphen
    between letter runs is allowed, though wordfreq's tokenizer leaves none
    in this list) and are at least two letters long, and writes one line per
    word:

        WORD<TAB>ZIPF\\n

    WORD is the word as wordfreq stores it: NFC, case-folded. Case folding
    turns "ß" into "ss", so the file has "strasse", "gross", never "straße";
    a program looking a word up must case-fold it (and NFC-normalise it) the
    same way first. ZIPF is wordfreq.zipf_frequency(word, 'de',
    wordlist='large') written with two decimals (log10 of the word's
    occurrences per billion words; wordfreq stores frequencies in steps of
    0.01 Zipf, so nothing is lost).

    Lines are sorted by the bytes of the word's UTF-8 encoding (as
    `LC_ALL=C sort` would), with no header and no duplicates, so a program
    can binary-search the file by bytes.

    Which words: every word with Zipf >= --min-zipf (1.5 by default), but at
    most --max-words words (300,000 by default). The list is walked from the
    most frequent band down and a band (all words of one Zipf value) is taken
    whole or not at all, so the file never holds half of a band (inside a
    band wordfreq orders words alphabetically, and cutting one would favour
    words early in the alphabet). With the defaults the limit of 300,000
    words is what stops it: the file holds every kept word with Zipf >= 1.58.
    The script prints the lowest Zipf value it kept and the line count.

How to run it (from the repository root)
    pip install wordfreq==3.1.1
    python3 tools/wordfreq_de.py                # writes assets/german/frequency-de.tsv
    python3 tools/wordfreq_de.py --out FILE --min-zipf 1.5 --max-words 300000

    It needs only the standard library and wordfreq, whose data ships inside
    the package; it uses no network. It refuses to run with a wordfreq other
    than 3.1.1 unless --any-version is given, so that the file stays
    reproducible.

Licence
    wordfreq's code is under the Apache License 2.0; its data, and so the
    file this script writes, is under the Creative Commons
    Attribution-ShareAlike 4.0 licence (CC BY-SA 4.0), with the credits that
    wordfreq's README asks for (Google Books Ngrams, OpenSubtitles, SUBTLEX
    by Marc Brysbaert et al., Wikipedia, the Leeds Internet Corpus,
    ParaCrawl). See tools/README.md, section "frequency-de.tsv". This script
    itself is part of lesepult.
"""

import argparse
import os
import sys
import unicodedata

import wordfreq

WORDFREQ_VERSION = "3.1.1"
LANG = "de"
# The language read (--lang): German for the lexicon's side, English to rank dictionary
# senses by how common their English gloss is.
ARGS_LANG = [LANG]
WORDLIST = "large"

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO_ROOT, "assets", "german", "frequency-de.tsv")


def is_latin_letter(ch: str) -> bool:
    """A single alphabetic character of the Latin script (a, ä, ß, é, ø, ...).

    Digits, punctuation, apostrophes, combining marks, soft hyphens, ordinal
    indicators (º, ª) and letters of other scripts are not.
    """
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN ")


def is_kept_word(word: str) -> bool:
    """Letters only, with at most internal single hyphens; two letters or more."""
    if len(word) < 2:
        return False
    parts = word.split("-")
    return all(part and all(is_latin_letter(ch) for ch in part) for part in parts)


def select_words(min_zipf: float, max_words: int) -> tuple[list[str], float]:
    """Kept words, walking wordfreq's bands from most frequent down.

    Returns the words and the lowest band's Zipf value that was taken.
    """
    bands = wordfreq.get_frequency_list(ARGS_LANG[0], WORDLIST)
    words: list[str] = []
    lowest = None
    for index, band in enumerate(bands):
        # Band `index` holds the words of frequency 10 ** (-index / 100),
        # that is Zipf 9 - index / 100.
        zipf = round(9 - index / 100, 2)
        if zipf < min_zipf - 1e-9:
            break
        kept = [w for w in band if is_kept_word(w)]
        if len(words) + len(kept) > max_words:
            break
        words.extend(kept)
        if kept:
            lowest = zipf
    return words, lowest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="output file (default: %(default)s)")
    parser.add_argument("--min-zipf", type=float, default=1.5, help="lowest Zipf value to keep (default: %(default)s)")
    parser.add_argument("--max-words", type=int, default=300_000, help="most words to write (default: %(default)s)")
    parser.add_argument("--lang", default=LANG, help="wordfreq language code (default: %(default)s)")
    parser.add_argument("--any-version", action="store_true", help=f"run with a wordfreq other than {WORDFREQ_VERSION}")
    args = parser.parse_args()

    version = getattr(wordfreq, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("wordfreq")
    if version != WORDFREQ_VERSION and not args.any_version:
        print(f"wordfreq {version} is installed; this file is built from {WORDFREQ_VERSION} "
              f"(pip install wordfreq=={WORDFREQ_VERSION}, or pass --any-version)", file=sys.stderr)
        return 2

    ARGS_LANG[0] = args.lang
    words, lowest = select_words(args.min_zipf, args.max_words)

    lines = []
    for word in words:
        zipf = wordfreq.zipf_frequency(word, args.lang, wordlist=WORDLIST)
        if zipf <= 0:
            # Every listed single token has a frequency; a word the lookup
            # cannot find (it would be tokenized differently) is left out.
            print(f"skipped {word!r}: zipf_frequency gives {zipf}", file=sys.stderr)
            continue
        lines.append((word.encode("utf-8"), f"{zipf:.2f}".encode("ascii")))

    lines.sort(key=lambda pair: pair[0])
    for (a, _), (b, _) in zip(lines, lines[1:]):
        if a >= b:
            raise SystemExit(f"duplicate or unsorted word: {a!r} / {b!r}")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        for word, zipf in lines:
            f.write(word + b"\t" + zipf + b"\n")
    os.replace(tmp, args.out)

    print(f"wrote {len(lines)} words (Zipf >= {lowest:.2f}) to {args.out}, "
          f"{os.path.getsize(args.out)} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
