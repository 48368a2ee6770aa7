#!/usr/bin/env python3
"""Checks that the pipeline's direction holds: a file in a stage folder includes headers of
its own folder and of earlier stages only. The build enforces the same through each stage's
include directory; this check names the offending line when someone widens one.

Usage: check-includes.py SOURCE_DIR
"""
import pathlib
import re
import sys

# The pipeline in the order data flows; the front ends come last.
STAGES = ["core", "scan", "tokens", "chunk", "model", "embed", "store", "search", "run", "mcp",
          "settings", "ui", "app"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    owner = {}
    for stage in STAGES:
        for header in (root / stage).rglob("*.h"):
            owner.setdefault(header.name, stage)
    problems = []
    for index, stage in enumerate(STAGES):
        for source in sorted((root / stage).rglob("*")):
            if source.suffix not in (".h", ".cpp"):
                continue
            for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                name = pathlib.PurePosixPath(match.group(1)).name
                target = owner.get(name)
                if target is not None and STAGES.index(target) > index:
                    problems.append(f"{source.relative_to(root)}:{number}: {stage}/ includes "
                                    f"{target}/{name}, which comes after it in the pipeline")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} include(s) against the pipeline's direction")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
