"""Measure a lesepult binary's `lookup WORD --json` (the word alone, no sentence) on the
labelled cases in tests/data/lookup/: first result's headword against the lemma, its first
sense against the acceptable meanings. Used to compare a build from before the German
lexicon with the current one (README, "Before the lexicon").

Usage: python3 tools/measure_lookup_cli.py PATH/TO/lesepult
(uses a scratch home in /tmp/mo; put a config.toml in /tmp/mo/c/lesepult/ to choose the
dictionaries)
"""
import json, subprocess, sys, re, os
binary = sys.argv[1]
env = dict(os.environ, XDG_CONFIG_HOME="/tmp/mo/c", XDG_DATA_HOME="/tmp/mo/d", XDG_STATE_HOME="/tmp/mo/s", HOME="/tmp/mo")
os.makedirs("/tmp/mo", exist_ok=True)
open("/tmp/mo/empty.txt", "w").write("Leer\n\nNichts.\n")
def fits(sense, meanings):
    words = [w for w in re.split(r"[^\w'\-]+", sense.lower()) if w]
    for m in meanings:
        mw = m.split()
        for i in range(len(words) - len(mw) + 1):
            if words[i:i+len(mw)] == mw:
                return True
    return False
for name in ["dev.tsv", "heldout.tsv"]:
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "lookup", name), encoding="utf-8")][1:]
    n = lemma = meaning = found = 0
    sep_n = sep_ok = 0
    for r in rows:
        if len(r) < 9: continue
        word, want_lemma, meanings, kinds = r[2], r[3], [m.strip().lower() for m in r[7].split("|") if m.strip()], r[8]
        out = subprocess.run([binary, "lookup", "--json", "--doc", "/tmp/mo/empty.txt", word], capture_output=True, text=True, env=env).stdout
        try: res = json.loads(out)
        except Exception: res = []
        n += 1
        if res:
            found += 1
            lemma += res[0]["headword"] == want_lemma
            meaning += bool(res[0]["senses"]) and fits(res[0]["senses"][0], meanings)
            if "sep" in kinds.split(","):
                sep_ok += res[0]["headword"] == want_lemma
        if "sep" in kinds.split(","): sep_n += 1
    print(f"{name}: n={n} lemma={100*lemma/n:.1f}% meaning={100*meaning/n:.1f}% found={100*found/n:.1f}% sep-lemma={100*sep_ok/max(sep_n,1):.1f}%")
