"""Check that no committed file carries real reports' wording.

    .venv/bin/python scripts/wording.py            # every tracked file against the cached texts
    .venv/bin/python scripts/wording.py FILE ...   # only these files

The real reports' texts are other outlets' writing: they live only in the git-ignored text caches
(.cache/realworld, .cache/redsea) and in ../shared/corpus/articles. A committed file that shares a
run of RUN words (lower-cased letters and digits, punctuation ignored) with any of them carries
their sentences; every file is read whole (a URL slug is often the headline, so the indexes keep a
host and a hash, not the URL). Prints one line per file with runs and the first lines they are on;
exits 1 when any file has one, 0 otherwise, 2 when there is no text to compare with.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = 10
SOURCES = (ROOT / ".cache" / "realworld", ROOT / ".cache" / "redsea", ROOT.parent / "shared" / "corpus" / "articles")
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _runs(words: list[str]) -> list[str]:
    return [" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)]


def source_runs(sources=SOURCES) -> set[str]:
    """Every RUN-word run of every cached real text."""
    seen: set[str] = set()
    for folder in sources:
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                if f.is_file():
                    seen.update(_runs(_words(f.read_text(encoding="utf-8", errors="replace"))))
    return seen


def file_hits(path: Path, rel: str, seen: set[str]) -> list[tuple[int, int]]:
    """(line number, runs on it) for each line of the file that shares a run with a real text;
    a run across lines counts on the line where it starts."""
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return []
    lines = text.split("\n")
    tagged = [(n, w) for n, line in enumerate(lines, 1) for w in _words(line)]
    hits: dict[int, int] = {}
    words = [w for _, w in tagged]
    for i, run in enumerate(_runs(words)):
        if run in seen:
            hits[tagged[i][0]] = hits.get(tagged[i][0], 0) + 1
    return sorted(hits.items())


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True)
    return [f for f in out.stdout.splitlines() if (ROOT / f).is_file()]


def main(argv: list[str]) -> int:
    seen = source_runs()
    if not seen:
        print("no real-report text to compare with (.cache/realworld, .cache/redsea, ../shared/corpus)")
        return 2
    files = [str(Path(a).resolve().relative_to(ROOT)) for a in argv] if argv else tracked_files()
    bad = 0
    for rel in files:
        hits = file_hits(ROOT / rel, rel, seen)
        if hits:
            bad += 1
            where = ", ".join(f"line {n} ({c})" for n, c in hits[:8])
            print(f"{rel}: {sum(c for _, c in hits)} runs of {RUN} words from a real report: {where}")
    print(f"{len(files)} files checked against {len(seen):,} runs: {bad} carry real wording")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
