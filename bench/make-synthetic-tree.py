#!/usr/bin/env python3
"""Writes a tree of C files whose functions are all different, for indexing benchmarks that
need a known, large number of distinct chunks (no text repeats, so nothing is deduplicated).

    make-synthetic-tree.py OUT_DIR FUNCTIONS [--per-file 100]

Each function is about 60 cl100k tokens; with `--chunk-tokens 64` the chunker cuts about two
chunks per function (2.0 measured: 20,000 functions gave 40,054 chunks), in FUNCTIONS / per-file
files. Deterministic: the same arguments
give the same bytes."""
import argparse
import os
import random


def function(rng, n):
    a, b, c = rng.randrange(1 << 32), rng.randrange(1 << 16), rng.randrange(1 << 31)
    name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))
    return (f"/* block {n}: checksum 0x{a:08x} */\n"
            f"static int f_{n}_{name}(int a, int b)\n"
            "{\n"
            f"    int x = a * {b} + b;\n"
            f"    if (x > {c})\n"
            f"        x -= {c};\n"
            f"    return x ^ 0x{a:08x};\n"
            "}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("functions", type=int)
    parser.add_argument("--per-file", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(1536)
    os.makedirs(args.out, exist_ok=True)
    n = 0
    file_index = 0
    while n < args.functions:
        folder = os.path.join(args.out, f"d{file_index // 100:03d}")
        os.makedirs(folder, exist_ok=True)
        parts = []
        for _ in range(min(args.per_file, args.functions - n)):
            parts.append(function(rng, n))
            n += 1
        with open(os.path.join(folder, f"f{file_index:05d}.c"), "w") as out:
            out.write("\n".join(parts))
        file_index += 1
    print(f"{n} functions in {file_index} files under {args.out}")


if __name__ == "__main__":
    main()
