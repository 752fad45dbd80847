"""Does a change to extraction leave its output untouched? Snapshot it, then compare byte for byte.

    python scripts/same_output.py snapshot /tmp/before      # on the old tree
    python scripts/same_output.py snapshot /tmp/after       # on the new tree
    python scripts/same_output.py compare /tmp/before /tmp/after

For every gold set (../shared/corpus, each tests/fixtures set, the real-report cache when present)
a snapshot holds what ``salvo ingest`` + ``salvo export --format jsonl`` give (events and tallies,
with spaCy's entities as the product runs), and the rules-only mentions of each article
(``extract_article`` without NER, the path a worker without the model runs). A refactor that
must not change behaviour passes ``compare`` with no difference.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SALVO = [sys.executable, "-m", "salvo"]


def shared() -> Path:
    """../shared next to the checkout (or next to any folder above it: worktrees sit deeper);
    $SALVO_SHARED overrides."""
    import os

    if os.environ.get("SALVO_SHARED"):
        return Path(os.environ["SALVO_SHARED"])
    for up in ROOT.parents:
        if (up / "shared" / "corpus").is_dir():
            return up / "shared"
    return ROOT.parent / "shared"


def gold_sets() -> dict[str, tuple[Path, Path]]:
    """name -> (index.jsonl, folder its paths are relative to)."""
    fx = ROOT / "tests" / "fixtures"
    sh = shared()
    sets = {"corpus": (sh / "corpus" / "index.jsonl", sh / "corpus"),
            "fixtures": (fx / "reports" / "index.jsonl", fx / "reports"),
            "merge_set": (fx / "merge_set" / "index.jsonl", fx / "merge_set")}
    for h in sorted(fx.glob("heldout*")):
        sets[h.name] = (h / "reports" / "index.jsonl", h / "reports")
    # $SALVO_REAL_CACHE: a fixed copy of the text cache, when another process is still filling it
    import os

    real = Path(os.environ.get("SALVO_REAL_CACHE") or ROOT / ".cache" / "realworld")
    rw_index = sh / "realworld" / "index.jsonl"
    if real.is_dir() and rw_index.is_file():
        sets["realworld"] = (rw_index, real)
    return {k: v for k, v in sets.items() if v[0].is_file()}


def _files(index: Path, base: Path) -> list[Path]:
    out = []
    for line in index.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            p = base / d.get("path", d["id"] + ".txt")
            if p.is_file():
                out.append(p)
    return out


def _salvo(db: Path, *args: str) -> str:
    res = subprocess.run(SALVO + ["--db", str(db), "-q", *args], capture_output=True, text=True, cwd=ROOT)
    if res.returncode not in (0, 1):  # 1: some inputs failed, the rest stored
        raise SystemExit(f"salvo {' '.join(args)} failed ({res.returncode}): {res.stderr.strip()}")
    return res.stdout


def _mentions(index: Path, base: Path) -> str:
    from salvo.extract import extract_article
    from salvo.ingest.clean import clean_document
    from salvo.model import RawDocument, to_dict
    from salvo.packs import load_pack

    pack = load_pack()
    lines = []
    for line in index.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        p = base / d.get("path", d["id"] + ".txt")
        if not p.is_file():
            continue
        raw = p.read_text(encoding="utf-8")
        doc = RawDocument(doc_id=d["id"], raw_text=raw, source_path=str(p), format="txt",
                          title=raw.split("\n", 1)[0], published=d.get("published"))
        ex = extract_article(clean_document(doc), pack)
        for m in ex.mentions:
            rec = to_dict(m)
            rec.pop("reason", None)  # the decision's name is new information, not a changed output
            lines.append(json.dumps(rec, sort_keys=True, ensure_ascii=False))
        lines.extend(json.dumps(to_dict(t), sort_keys=True, ensure_ascii=False) for t in ex.tallies)
    return "\n".join(lines) + "\n"


def snapshot(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, (index, base) in gold_sets().items():
        files = _files(index, base)
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "s.db"
            _salvo(db, "ingest", *map(str, files), "--meta", str(index))
            (out / f"{name}.events.jsonl").write_text(_salvo(db, "export", "--format", "jsonl"), encoding="utf-8")
            (out / f"{name}.tallies.jsonl").write_text(_salvo(db, "export", "--what", "tallies", "--format", "jsonl"),
                                                       encoding="utf-8")
        (out / f"{name}.mentions-rules.jsonl").write_text(_mentions(index, base), encoding="utf-8")
        n = sum(1 for _ in (out / f"{name}.events.jsonl").open(encoding="utf-8"))
        print(f"{name}: {len(files)} articles, {n} events")


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    bad = [n for n in names if not ((a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, shallow=False))]
    for n in names:
        print(f"{'DIFFERENT' if n in bad else 'same     '} {n}")
    print(f"{len(names) - len(bad)}/{len(names)} files byte-identical")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args()
    if args.cmd == "snapshot":
        snapshot(args.out)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
