"""Dump a Morfologik CFSA2 automaton (LanguageTool german-pos-dict) as one byte sequence a line.

Usage: python3 tools/dump_cfsa2.py IN.dict OUT.txt
"""
import sys
def load(path):
    d = open(path,'rb').read()
    assert d[:4] == b'\\fsa' and d[4] == 0xc6, d[:5]
    flags = int.from_bytes(d[5:7],'big')
    n = d[7]
    mapping = d[8:8+n]
    arcs = d[8+n:]
    return flags, mapping, arcs
def main(path, out):
    flags, mapping, arcs = load(path)
    numbers = bool(flags & 256)
    print('flags', flags, 'labels', len(mapping), 'arcs', len(arcs), file=sys.stderr)
    def vint(o):
        b = arcs[o]; v = b & 0x7f; s = 7
        while b & 0x80:
            o += 1; b = arcs[o]; v |= (b & 0x7f) << s; s += 7
        return v
    def skipvint(o):
        while arcs[o] & 0x80: o += 1
        return o + 1
    def first(node): return skipvint(node) if numbers else node
    def last(a): return arcs[a] & 0x40
    def skiparc(o):
        f = arcs[o]; o += 1
        if f & 0x1f == 0: o += 1
        if not f & 0x80: o = skipvint(o)
        return o
    def label(a):
        i = arcs[a] & 0x1f
        return mapping[i] if i else arcs[a+1]
    def dest(a):
        if arcs[a] & 0x80:
            while not last(a): a = skiparc(a)
            return skiparc(a)
        return vint(a + (2 if arcs[a] & 0x1f == 0 else 1))
    root = dest(first(0))
    w = open(out,'wb')
    stack = [(root, b'')]
    count = 0
    while stack:
        node, pre = stack.pop()
        a = first(node)
        items = []
        while True:
            l = label(a); seq = pre + bytes([l])
            if arcs[a] & 0x20:
                w.write(seq + b'\n'); count += 1
            dn = dest(a)
            if dn != 0:
                items.append((dn, seq))
            if last(a): break
            a = skiparc(a)
        stack.extend(reversed(items))
    print('sequences', count, file=sys.stderr)
main(sys.argv[1], sys.argv[2])
