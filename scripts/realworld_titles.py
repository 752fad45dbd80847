"""Put each cached real report's headline on its line 1 where the cached excerpt lacks it.

The `search` tool's page results carry no headline, and the index keeps only a headline's first
words (`title_words`: the headline is the outlet's wording). The full headlines of the rows whose
excerpt does not start with one (`title_source` other than "text") were in the index until commit
d7aeca9; this reads them from git history into the git-ignored cache, never into a tracked file.
Idempotent: a text whose line 1 is already the headline is left alone.

    python scripts/realworld_titles.py            # both sets
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realworld  # noqa: E402

# the last commit whose indexes held full headlines
HEADLINES_AT = "d7aeca9^"


def headlines(index: Path) -> dict[str, str]:
    rel = index.relative_to(realworld.ROOT).as_posix()
    out = subprocess.run(["git", "-C", str(realworld.ROOT), "show", f"{HEADLINES_AT}:{rel}"],
                         capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"realworld_titles: {rel}: no headlines at {HEADLINES_AT} ({out.stderr.strip()})")
    return {r["id"]: r["title"] for r in map(json.loads, out.stdout.splitlines()) if r.get("title")}


def title_set(ds: realworld.DataSet) -> tuple[int, int]:
    """(texts given a headline, rows with no known headline) for one set's cache."""
    known = headlines(ds.index)
    done = unknown = 0
    for row in realworld.load_index(ds.index):
        path = ds.cache / f"{row['id']}.txt"
        if row["title_source"] == "text" or not path.exists():
            continue
        title = known.get(row["id"])
        if title is None:
            unknown += 1
            continue
        text = path.read_text(encoding="utf-8")
        if text.split("\n", 1)[0] != title:
            path.write_text(f"{title}\n{text}", encoding="utf-8")
            done += 1
    return done, unknown


def main() -> int:
    for name in realworld.SET_NAMES:
        ds = realworld.data_set(name)
        done, unknown = title_set(ds)
        print(f"{name}: {done} cached texts given their headline; {unknown} rows with no headline on record")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
