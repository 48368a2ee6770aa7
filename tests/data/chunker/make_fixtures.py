#!/usr/bin/env python3
"""Writes the generated fixtures of tst_chunker next to this script (deterministic).

The hand-written fixtures (shapes.cpp, tasks.py, service.yaml, guide.md, notes.txt,
unbalanced.c) are edited by hand; these are byte-level cases easier to make than to type.
"""
import pathlib
import random

here = pathlib.Path(__file__).resolve().parent


def minified_js():
    # One long line, like a bundler's output, with multi-byte characters in strings so
    # that cutting it must respect UTF-8 character boundaries.
    rng = random.Random(42)
    words = ["render", "state", "props", "value", "index", "node", "list", "item", "key"]
    strings = ["héllo wörld", "naïve café", "€ 12,50", "日本語のテキスト", "emoji 😀 ok"]
    parts = ["!function(e,t){\"use strict\";var n={};"]
    for i in range(300):
        a, b = rng.choice(words), rng.choice(words)
        s = rng.choice(strings)
        parts.append(
            f"function {a}{i}(e,t){{var n=e.{b}||{i};if(n>t)return \"{s}\";"
            f"for(var r=0;r<n;r++)t+=e[r]*{i % 7};return t}}"
        )
    parts.append("e.exports=n}(module,exports);")
    return "".join(parts).encode("utf-8")


def invalid_utf8():
    # Valid lines around a truncated sequence, a lone continuation byte, an overlong
    # encoding and a Latin-1 byte, as in a file saved in the wrong encoding.
    lines = [
        b"Inventory export, 2024",
        b"",
        b"name;price;note",
        b"caf\xe9;3.50;latin-1 e acute",
        b"na\xc3\xafve;1.20;valid utf-8",
        b"broken \xe2\x82 euro;2.00;truncated sequence",
        b"stray \x80 byte;0.10;lone continuation",
        b"overlong \xc0\xaf slash;0.00;overlong encoding",
        b"",
        b"end of export \xff\xfe",
    ]
    return b"\n".join(lines) + b"\n"


def main():
    (here / "minified.js").write_bytes(minified_js())
    (here / "invalid_utf8.txt").write_bytes(invalid_utf8())
    (here / "crlf.cpp").write_bytes((here / "shapes.cpp").read_bytes().replace(b"\n", b"\r\n"))
    tasks = (here / "tasks.py").read_bytes()
    (here / "no_trailing_newline.py").write_bytes(tasks.rstrip(b"\n"))
    (here / "empty.txt").write_bytes(b"")
    (here / "whitespace_only.txt").write_bytes(b"\n   \n\t\n\r\n  ")
    # A byte order mark, which decoding drops: hashes are of the decoded text.
    (here / "bom.md").write_bytes(b"\xef\xbb\xbf# Notes\n\nSaved by an editor that writes a BOM.\n")


if __name__ == "__main__":
    main()
