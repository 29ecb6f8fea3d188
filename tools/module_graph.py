#!/usr/bin/env python3
"""The module graph of src/, from the `use` lines and `crate::`/`super::` paths of each file.

An edge A -> B means a file of module A names something of module B. A module naming its
own descendants is composition (app -> app::update), not an edge; a descendant naming its
ancestor (app::update -> app) is. Re-exports are followed to the module that defines the
item, so `use crate::app::Effect` points at app::update when app/mod.rs only re-exports it.

    python3 tools/module_graph.py            # cycles, if any (exit 1 when there are)
    python3 tools/module_graph.py --dot      # the graph for Graphviz: | dot -Tsvg > m.svg
    python3 tools/module_graph.py --top      # the same between top-level modules only
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# Every module of the crate, by path from the root.
MODULES = set()


def module_of(path: Path) -> tuple:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def strip_comments(text: str) -> str:
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    # String literals may contain `crate::` in messages.
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def cfg_test_removed(text: str) -> str:
    """Drop `#[cfg(test)] mod tests { ... }` blocks: tests may use anything."""
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text):
        if m.start() < i:
            continue
        out.append(text[i : m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def use_trees(text: str):
    """Every path named by a `use` declaration, expanded (`a::{b, c::d}` -> a::b, a::c::d)."""
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        yield from expand(m.group(1).replace("\n", " ").strip())


def expand(tree: str):
    tree = tree.strip()
    if "{" not in tree:
        yield re.sub(r"\s+as\s+\w+$", "", tree).strip()
        return
    head, rest = tree.split("{", 1)
    body = rest.rsplit("}", 1)[0]
    depth, cur, items = 0, "", []
    for ch in body:
        if ch == "," and depth == 0:
            items.append(cur)
            cur = ""
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        cur += ch
    items.append(cur)
    for item in items:
        item = item.strip()
        if not item:
            continue
        if item == "self":
            yield head.rstrip(":").strip()
        else:
            yield from expand(head + item)


def main() -> int:
    files = sorted(SRC.rglob("*.rs"))
    modules = {module_of(f): f for f in files}
    MODULES.update(modules)
    texts = {module_of(f): cfg_test_removed(strip_comments(f.read_text())) for f in files}
    # Re-exports: (module, name) -> module path it comes from.
    reexports = {}
    for mod, text in texts.items():
        for m in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]+);", text):
            for path in expand(m.group(1).replace("\n", " ")):
                parts = absolute(mod, path.split("::"))
                if parts:
                    reexports[(mod, parts[-1])] = tuple(parts[:-1])

    def resolve(parts):
        """The module that defines the item named by `parts`."""
        parts = list(parts)
        for _ in range(8):
            n = len(parts)
            while n > 0 and tuple(parts[:n]) not in modules:
                n -= 1
            mod = tuple(parts[:n])
            if n < len(parts) and (mod, parts[n]) in reexports:
                parts = list(reexports[(mod, parts[n])]) + parts[n:]
                continue
            return mod
        return tuple(parts[:1])

    edges = {}
    for mod, text in texts.items():
        paths = [p.split("::") for p in use_trees(text)]
        paths += [p.split("::") for p in re.findall(r"\b(?:crate|super)(?:::\w+)+", text)]
        for p in paths:
            parts = absolute(mod, [x.strip() for x in p])
            if not parts:
                continue
            target = resolve(parts)
            if not target or target == mod or target[: len(mod)] == mod:
                continue
            edges.setdefault(mod, set()).add(target)

    if "--top" in sys.argv:
        top = {}
        for a, bs in edges.items():
            for b in bs:
                if a[:1] != b[:1]:
                    top.setdefault(a[:1], set()).add(b[:1])
        edges = top

    name = lambda m: "::".join(m) or "crate"
    if "--dot" in sys.argv:
        print("digraph modules {\n  rankdir=LR; node [shape=box, fontsize=10];")
        for a in sorted(edges):
            for b in sorted(edges[a]):
                print(f'  "{name(a)}" -> "{name(b)}";')
        print("}")
        return 0
    cycles = [c for c in strongly_connected(edges) if len(c) > 1]
    for c in cycles:
        print("cycle:", " <-> ".join(sorted(name(m) for m in c)))
        for a in sorted(c):
            for b in sorted(edges.get(a, ())):
                if b in c:
                    print(f"    {name(a)} -> {name(b)}")
    if not cycles:
        print(f"no cycles among {len(texts)} modules ({sum(map(len, edges.values()))} edges)")
    return 1 if cycles else 0


def absolute(mod, parts):
    """A `use` path as a path from the crate root; None for external crates and std."""
    if not parts or not parts[0]:
        return None
    if parts[0] == "crate":
        return parts[1:]
    if parts[0] in ("super", "self"):
        # `super` from a file module is relative to its parent.
        base = list(mod)
        while parts and parts[0] in ("super", "self"):
            if parts[0] == "super":
                base = base[:-1]
            parts = parts[1:]
        return base + parts
    # A path starting with a child module of this one (`use cursor::WordCursor`).
    if tuple(mod) + (parts[0],) in MODULES:
        return list(mod) + parts
    return None


def strongly_connected(edges):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    nodes = set(edges) | {b for bs in edges.values() for b in bs}

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


if __name__ == "__main__":
    sys.exit(main())
