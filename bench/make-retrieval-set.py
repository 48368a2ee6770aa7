#!/usr/bin/env python3
"""Writes the retrieval benchmark's queries: the NAME descriptions of the C library's manual
pages (Debian's manpages-dev, sections 2 and 3), each with the declarations it is about.

Only the words after " - " are the query: the function names before it would make keyword
search trivial. A page's targets are the lines of a header in the corpus that declare one of
its functions (or define it as a macro); pages with none are dropped. About a third of the
pages, chosen by a hash of the page's name, form the held-out part that is never tuned on.

Usage: make-retrieval-set.py CORPUS OUT.jsonl [MANDIR]
"""
import gzip
import hashlib
import json
import os
import re
import sys

ESCAPES = [(r"\f[BIRP]", ""), (r"\fB", ""), (r"\(em", "-"), (r"\-", "-"), (r"\[aq]", "'"),
           (r"\(aq", "'"), (r"\[rs]", "\\"), (r"\e", "\\"), (r"\&", ""), (r'\"', ""),
           (r"\ ", " "), (r"\~", " ")]


def unroff(text):
    text = re.sub(r"\\f(\[[^]]*\]|.)", "", text)
    for escape, plain in ESCAPES:
        text = text.replace(escape, plain)
    text = re.sub(r'^\.[A-Z]+ ?', "", text, flags=re.M)
    return text.replace('"', "").strip()


def sections(page):
    out, name = {}, None
    for line in page.splitlines():
        heading = re.match(r'^\.SH\s+"?([^"]*)"?\s*$', line)
        if heading:
            name = heading.group(1).strip().upper()
            out[name] = []
        elif name is not None and not line.startswith(".\\\""):
            out[name].append(line)
    return out


def declaration(name):
    # A prototype or a function-like macro whose name starts the call, not a mention of it.
    return re.compile(r"^(?:\s*#\s*define\s+" + re.escape(name) + r"\(|(?!\s*(?://|/?\*)).*"
                      r"(?<![\w.>])" + re.escape(name) + r"\s*\()")


def declarations(corpus, files, names, headers):
    targets = []
    preferred = [h for h in headers if h in files] + [f for f in files if f not in headers]
    for name in names:
        pattern = declaration(name)
        for path in preferred:
            lines = files[path]
            for number, line in enumerate(lines, 1):
                if pattern.search(line) and not line.rstrip().endswith(("{", "}")):
                    targets.append({"path": path, "line": number})
                    break
            else:
                continue
            break
    return targets


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    mandir = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/man"
    files = {}
    for root, _, names in os.walk(corpus):
        for file in names:
            path = os.path.join(root, file)
            with open(path, encoding="utf-8", errors="replace") as f:
                files[os.path.relpath(path, corpus)] = f.read().splitlines()
    kept = dropped = 0
    seen = set()
    with open(out, "w") as sink:
        for section in ("man2", "man3"):
            folder = os.path.join(mandir, section)
            for file in sorted(os.listdir(folder)):
                with gzip.open(os.path.join(folder, file), "rt", errors="replace") as f:
                    page = f.read()
                if page.lstrip().startswith(".so "):
                    continue  # an alias of another page
                parts = sections(page)
                name_lines = " ".join(parts.get("NAME", []))
                if "\\-" not in name_lines:
                    continue
                names_part, description = name_lines.split("\\-", 1)
                names = [n.strip() for n in unroff(names_part).split(",") if n.strip()]
                query = unroff(description)
                headers = re.findall(r"#include <([^>]+)>", unroff("\n".join(parts.get("SYNOPSIS", []))))
                targets = declarations(corpus, files, names, headers)
                if not query or not targets:
                    dropped += 1
                    continue
                if query in seen:
                    continue  # another page of the same functions (_exit and _Exit)
                seen.add(query)
                page_name = file.rsplit(".gz", 1)[0]
                digest = hashlib.sha256(page_name.encode()).digest()[0]
                sink.write(json.dumps({"page": page_name, "query": query,
                                       "split": "heldout" if digest % 3 == 0 else "tune",
                                       "targets": targets}) + "\n")
                kept += 1
    print(f"{kept} queries, {dropped} pages without a declaration in the corpus", file=sys.stderr)


if __name__ == "__main__":
    main()
