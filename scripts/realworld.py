"""Real-report evaluation: the facts-only index in tests/realworld and its git-ignored text cache.

The project keeps, for each real news report, only facts (URL, the headline's first words, outlet, date, kind and the
gold events and tallies); the report's text is other people's writing and lives in a git-ignored
cache, one ``<id>.txt`` per report, rebuilt each session with the ``search`` tool (see
``HOW_TO_BUILD``). Every row has a ``split``: ``dev`` rows may be read and tuned on; ``sealed`` rows
are scored once per round and only their summary numbers are ever printed.

    python scripts/realworld.py status
    python scripts/realworld.py add /work/staging/D2 [--dry-run]
    python scripts/realworld.py split --seed 7
    python scripts/realworld.py eval [--part dev|sealed|both] [--floors tests/accuracy_floors.json]
    python scripts/realworld.py --set redsea status     (the Red Sea set: tests/realworld_redsea)

``eval`` ingests each part's cached texts with the real ``salvo ingest`` into a temporary SQLite
database (one per part, so events never merge across parts) and scores it with the real
``salvo eval`` against a gold folder holding only that part's rows that have a text.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realworld_gold import (KINDS, PARTS, SEA_VOCAB, US_VOCAB, Vocab, _check_event, _check_tally,  # noqa: E402,F401
                            _duplicates, check_gold, check_row)
import realworld_gold  # noqa: E402
from realworld_urls import cached_url, is_url, url_fields, url_sha256  # noqa: E402,F401

ROOT = Path(__file__).resolve().parents[1]
INDEX = ROOT / "tests" / "realworld" / "index.jsonl"
GOLD = ROOT / "tests" / "realworld" / "gold"
CACHE = Path(os.environ.get("SALVO_REALWORLD_CACHE") or ROOT / ".cache" / "realworld")
REDSEA = ROOT / "tests" / "realworld_redsea"
REDSEA_CACHE = Path(os.environ.get("SALVO_REDSEA_CACHE") or ROOT / ".cache" / "redsea")
FIELDS = ("date", "weapon", "munitions", "killed", "injured", "actor_basis")
SEA_FIELDS = ("ship_name", "outcome", "placed_50km")  # scored where the gold has sea events

HOW_TO_BUILD = """\
How to build the real-report text cache (texts are never committed):
  The texts come from the `search` tool, corpus `pages`. For each row of {index}, search its
  `title_words` (the headline's first words) with its outlet or `url_host`, and take the result
  whose URL is the row's: `python scripts/realworld_urls.py URL` names the row a URL belongs to
  (the index keeps only the URL's host and SHA-256: a slug is the outlet's headline). Write the
  result's excerpt, exactly as returned, to {cache}/<id>.txt and its URL to {cache}/<id>.url (the
  folder is git-ignored; in a worktree `ln -s /work/main/.cache .cache` shares the main checkout's
  cache). Results carry no headline: for rows whose `title_source` is not "text",
  `python scripts/realworld_titles.py` then puts the headline on line 1 (from git history).
  Then: python scripts/realworld.py{set_flag} status   and   python scripts/realworld.py{set_flag} eval"""



@dataclass(frozen=True)
class DataSet:
    """One real-report set: its index, gold folder, text cache, vocabulary, floors and pack."""

    name: str
    index: Path
    gold: Path
    cache: Path
    vocab: Vocab
    floors_prefix: str  # floors sections are <prefix>_dev and <prefix>_sealed
    pack: Optional[str] = None  # salvo --pack for ingest; None = the default pack

    def how_to_build(self, cache: Optional[Path] = None) -> str:
        flag = "" if self.name == "realworld" else f" --set {self.name}"
        return HOW_TO_BUILD.format(cache=cache or self.cache, index=_rel(self.index), set_flag=flag)


SET_NAMES = ("realworld", "redsea")


def data_set(name: str = "realworld") -> DataSet:
    """The named set; paths are read when called, so a test can point INDEX/GOLD elsewhere."""
    if name == "realworld":
        return DataSet("realworld", INDEX, GOLD, CACHE, US_VOCAB, "realworld")
    if name == "redsea":
        return DataSet("redsea", REDSEA / "index.jsonl", REDSEA / "gold", REDSEA_CACHE, SEA_VOCAB,
                       "realworld_redsea", pack="red_sea_shipping")
    raise ValueError(f"unknown set {name!r} (one of {', '.join(SET_NAMES)})")


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------- reading and checking


def load_index(path: Optional[Path] = None) -> list[dict]:
    text = (path or INDEX).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def write_index(rows: list[dict], path: Optional[Path] = None) -> None:
    (path or INDEX).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def check_index(rows: list[dict], gold_dir: Optional[Path] = None, vocab: Vocab = US_VOCAB) -> list[str]:
    """Problems with the index rows and their gold files (the first set's gold folder by default)."""
    return realworld_gold.check_index(rows, gold_dir or GOLD, vocab)


def text_path(row: dict, cache: Path) -> Path:
    return cache / f"{row['id']}.txt"


# ---------------------------------------------------------------------- commands


def _set_and_cache(args) -> tuple[DataSet, Path]:
    ds = data_set(args.set)
    return ds, Path(args.cache) if args.cache else ds.cache


def cmd_status(args) -> int:
    ds, cache = _set_and_cache(args)
    rows = load_index(ds.index)
    texts = {p.stem for p in cache.glob("*.txt")} if cache.is_dir() else set()
    print(f"index: {len(rows)} rows in {ds.index}; text cache: {cache}")
    for part in (*PARTS, None):
        part_rows = [r for r in rows if r.get("split") == part]
        if not part_rows:
            continue
        have = [r["id"] for r in part_rows if r["id"] in texts]
        missing = [r["id"] for r in part_rows if r["id"] not in texts]
        name = part or "no split yet (run split)"
        print(f"  {name}: {len(have)} of {len(part_rows)} texts cached"
              + (f"; missing: {' '.join(missing)}" if missing else ""))
    if not texts & {r["id"] for r in rows}:
        print("\nThe text cache is absent or holds none of these rows.\n" + ds.how_to_build(cache))
    return 0


def cmd_add(args) -> int:
    ds = data_set(args.set)
    staging = Path(args.staging_dir)
    index_file = staging / "index.jsonl"
    if not index_file.is_file():
        print(f"realworld: {index_file}: no such file (a staging folder holds index.jsonl and gold/)", file=sys.stderr)
        return 2
    rows = load_index(ds.index)
    ids = {r["id"] for r in rows}
    urls = {r["url_sha256"] for r in rows}
    added, bad = [], 0
    for n, line in enumerate(index_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{index_file}:{n}"
        problems, row, gold = _staged(line, staging, ds.vocab)
        if row is not None:
            where += f" ({row.get('id')})"
            problems += _duplicates(row, ids, urls)
        if problems:
            bad += 1
            print(f"realworld: {where}: {'; '.join(problems)}", file=sys.stderr)
            continue
        url = row.pop("url")
        added.append(({"id": row.pop("id"), **url_fields(url), **row, "split": None,
                       "source": args.source or f"staging/{staging.name}"}, gold, url))
    if not args.dry_run and added:
        write_index(rows + [r for r, _, _ in added], ds.index)
        ds.cache.mkdir(parents=True, exist_ok=True)
        for r, gold, url in added:
            shutil.copyfile(gold, ds.gold / f"{r['id']}.json")
            (ds.cache / f"{r['id']}.url").write_text(url + "\n", encoding="utf-8")  # the URL, kept out of git
    verb = "would add" if args.dry_run else "added"
    print(f"{verb} {len(added)} rows from {staging} (no split yet: run split); {bad} rejected")
    return 1 if bad else 0


def _staged(line: str, staging: Path, vocab: Vocab = US_VOCAB) -> tuple[list[str], Optional[dict], Optional[Path]]:
    """(problems, row, gold path) for one staged index line."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return [f"invalid JSON ({exc.msg})"], None, None
    problems = check_row(row, indexed=False)
    if not isinstance(row, dict):
        return problems, None, None
    gold = staging / "gold" / f"{row.get('id')}.json"
    if not gold.is_file():
        return problems + [f"no gold file {gold}"], row, None
    try:
        problems += check_gold(json.loads(gold.read_text(encoding="utf-8")), row, vocab)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        problems.append(f"{gold.name}: unreadable ({type(exc).__name__})")
    return problems, row, gold


def assign_splits(rows: list[dict], seed: int) -> dict[str, dict[str, int]]:
    """Give every row without a split one, so that a third of each kind (rounded) is sealed.

    Deterministic for a seed (rows are ordered by id before shuffling); rows that already have a
    split keep it, so adding rows later never moves a known row into the sealed part or out of it.
    """
    counts: dict[str, dict[str, int]] = {}
    for kind in KINDS:
        todo = sorted((r for r in rows if r.get("split") is None and r.get("kind") == kind), key=lambda r: r["id"])
        random.Random(f"{seed}:{kind}").shuffle(todo)
        # a third of the whole kind, counting rows sealed earlier; rows known before the split
        # (dev) stay dev, so the new rows make up the sealed third
        total = sum(1 for r in rows if r.get("kind") == kind)
        already = sum(1 for r in rows if r.get("kind") == kind and r.get("split") == "sealed")
        n_sealed = min(len(todo), max(0, round(total / 3) - already))
        for n, r in enumerate(todo):
            r["split"] = "sealed" if n < n_sealed else "dev"
        if todo:
            counts[kind] = {"sealed": n_sealed, "dev": len(todo) - n_sealed}
    return counts


def cmd_split(args) -> int:
    ds = data_set(args.set)
    rows = load_index(ds.index)
    counts = assign_splits(rows, args.seed)
    if not counts:
        print("every row already has a split; nothing to do")
        return 0
    write_index(rows, ds.index)
    for kind, c in counts.items():
        print(f"  {kind}: {c['sealed']} sealed, {c['dev']} dev")
    return 0


# ---------------------------------------------------------------------- scoring a part


@dataclass
class PartResult:
    part: str
    expected: int
    present: list[str]
    missing: list[str]
    report: dict = field(default_factory=dict)
    below: list[str] = field(default_factory=list)  # floors not met, one line each
    ingest_errors: list[str] = field(default_factory=list)
    floors_note: str = ""  # why floors were not checked, when they were asked for
    with_proposed: dict = field(default_factory=dict)  # events scored on the record plus the review tier

    def metrics(self) -> dict[str, Optional[float]]:
        return dict(self.report.get("metrics") or {})


def _salvo(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "salvo", *argv], capture_output=True, text=True, cwd=ROOT)


def floors_for(floors_file: Optional[Path], part: str, prefix: str = "realworld") -> Optional[dict]:
    if floors_file is None:
        return None
    return json.loads(Path(floors_file).read_text(encoding="utf-8")).get(f"{prefix}_{part}")


def score_part(part: str, rows: list[dict], cache: Path, floors_file: Optional[Path] = None,
               ds: Optional[DataSet] = None) -> PartResult:
    """Ingest the part's cached texts with ``salvo ingest`` and score them with ``salvo eval``."""
    ds = ds or data_set()
    mine = [r for r in rows if r.get("split") == part]
    present = [r for r in mine if text_path(r, cache).is_file()]
    res = PartResult(part, len(mine), [r["id"] for r in present], [r["id"] for r in mine if r not in present])
    if not present:
        return res
    floors = floors_for(floors_file, part, ds.floors_prefix)
    if floors_file is not None and floors is None:
        res.floors_note = f"no section {ds.floors_prefix}_{part} in {floors_file}: floors not checked"
    pinned_on = (floors or {}).get("_texts")
    if pinned_on is not None and pinned_on != len(present):
        # the search corpus does not return every page each session: scores on another set of
        # texts are not comparable with the floors
        res.floors_note = (f"floors {ds.floors_prefix}_{part} were pinned on {pinned_on} cached texts, "
                           f"{len(present)} are cached now: not comparable, floors not checked")
        floors = None
    with tempfile.TemporaryDirectory(prefix=f"salvo-real-{part}-") as tmp:
        tmpdir = Path(tmp)
        gold = tmpdir / "gold"
        gold.mkdir()
        meta = tmpdir / "meta.jsonl"
        meta.write_text("".join(json.dumps({"id": r["id"], "published": r.get("published"),
                                            "url": cached_url(cache, r["id"]), "outlet": r.get("outlet")}) + "\n"
                                for r in present), encoding="utf-8")
        for r in present:
            shutil.copyfile(ds.gold / f"{r['id']}.json", gold / f"{r['id']}.json")
        db = str(tmpdir / "eval.db")
        pack = ["--pack", ds.pack] if ds.pack else []
        ing = _salvo("--db", db, *pack, "-q", "ingest", *(str(text_path(r, cache)) for r in present), "--meta", str(meta))
        res.ingest_errors = [x for x in ing.stderr.splitlines() if x.strip()]
        argv = ["--db", db, *pack, "eval", str(gold), "--format", "json"]
        if floors:
            (tmpdir / "floors.json").write_text(json.dumps({part: floors}), encoding="utf-8")
            argv += ["--floors", str(tmpdir / "floors.json"), "--section", part]
        ev = _salvo(*argv)
        if not ev.stdout.strip():
            raise RuntimeError(f"salvo eval produced no report for {part}: {ev.stderr.strip()[:300]}")
        res.report = json.loads(ev.stdout)
        res.below = [x.split("eval below floor: ", 1)[1] for x in ev.stderr.splitlines() if "eval below floor: " in x]
        wp = _salvo("--db", db, *pack, "eval", str(gold), "--format", "json", "--include-proposed")
        res.with_proposed = json.loads(wp.stdout)["events"] if wp.stdout.strip() else {}
    ceiling = (floors or {}).get("_negative_events_max")
    got = res.report.get("negatives", {}).get("events", 0)
    if ceiling is not None and got > ceiling:
        res.below.append(f"events from negative reports {got} > ceiling {ceiling}")
    return res


def summary_lines(res: PartResult) -> list[str]:
    """The numbers a part is judged by; nothing that names a miss or a false alarm."""
    head = f"== {res.part}: {len(res.present)} of {res.expected} reports have a cached text"
    if res.missing:
        head += f"; scored on the {len(res.present)} present ({len(res.missing)} missing)"
    if not res.present:
        return [head]
    r = res.report
    e, t, neg = r["events"], r["tallies"], r.get("negatives", {})
    lines = [head,
             f"events   P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}   "
             f"(tp {e['tp']}, fp {e['fp']}, fn {e['fn']})",
             f"tallies  P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}   "
             f"(tp {t['tp']}, fp {t['fp']}, fn {t['fn']})",
             f"events from negative reports: {neg.get('events', 0)} (in {neg.get('reports', 0)} negative reports)"]
    if (w := res.with_proposed) and w != e:
        lines.insert(2, f"  + proposed  P {w['precision']:.3f}  R {w['recall']:.3f}  F1 {w['f1']:.3f}   "
                        f"(the record plus the review tier: tp {w['tp']}, fp {w['fp']}, fn {w['fn']})")
    for name in FIELDS + tuple(x for x in SEA_FIELDS if x in r["fields"]):
        f = r["fields"].get(name, {})
        acc = "-    " if f.get("accuracy") is None else f"{f['accuracy']:.3f}"
        lines.append(f"  {'basis' if name == 'actor_basis' else name:10} {acc}  ({f.get('correct', 0)}/{f.get('compared', 0)})")
    if res.ingest_errors:
        lines.append(f"ingest reported {len(res.ingest_errors)} problem lines")
    lines += [f"BELOW FLOOR: {b}" for b in res.below] + ([res.floors_note] if res.floors_note else [])
    return lines


def detail_lines(res: PartResult) -> list[str]:
    """Dev only: what was missed, what was invented, which fields disagreed."""
    r = res.report
    out = [f"missing texts: {' '.join(res.missing)}"] if res.missing else []
    out += [f"ingest: {x}" for x in res.ingest_errors]
    for key, label in (("misses", "miss"), ("false_alarms", "false alarm")):
        out += [f"  {label} [{m['article_id']}] {m['what']}" for m in r.get(key, [])]
    out += [f"  field [{m['article_id']}] {m['field']}: system {m['system']!r} gold {m['gold']!r} ({m['location']})"
            + merged_note(m)
            for m in r.get("field_errors", [])]
    return out


def merged_note(err: dict) -> str:
    sys.path.insert(0, str(ROOT))  # the scorer's own wording of a merged event's field error
    from salvo.evaluate import merged_note as note
    return note(err)


def cmd_eval(args) -> int:
    ds, cache = _set_and_cache(args)
    if args.pack:
        ds = replace(ds, pack=args.pack)
    rows = load_index(ds.index)
    if args.source:  # one batch alone (a round's new reports): no floor applies to a subset
        rows = [r for r in rows if r.get("source") == args.source]
        args.floors = None
    parts = PARTS if args.part == "both" else (args.part,)
    ids = {r["id"] for r in rows if r.get("split") in parts}
    if not cache.is_dir() or not any(text_path({"id": i}, cache).is_file() for i in ids):
        print(f"realworld: no real-report text cache at {cache}; nothing scored.\n" + ds.how_to_build(cache))
        return 0
    failed = False
    for part in parts:
        try:
            res = score_part(part, rows, cache, Path(args.floors) if args.floors else None, ds)
        except RuntimeError as exc:
            print(f"realworld: {ds.name} {part}: {exc}", file=sys.stderr)
            return 2
        if not res.expected:
            print(f"== {part}: no rows in this part yet")
            continue
        print("\n".join(summary_lines(res)))
        if part == "dev" and args.details:
            print("\n".join(detail_lines(res)))
        failed = failed or bool(res.below)
    return 1 if failed else 0


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="realworld.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--set", choices=SET_NAMES, default="realworld",
                   help="which real-report set: realworld (tests/realworld, US forces) or redsea (tests/realworld_redsea)")
    p.add_argument("--cache", help=f"text cache folder (default {_rel(CACHE)} or $SALVO_REALWORLD_CACHE; "
                                   f"for redsea {_rel(REDSEA_CACHE)} or $SALVO_REDSEA_CACHE)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("status", help="which rows have a cached text, and how to build the cache")
    sp = sub.add_parser("add", help="validate staged rows and append them (without a split)")
    sp.add_argument("staging_dir", metavar="STAGING_DIR", help="folder with index.jsonl and gold/<id>.json")
    sp.add_argument("--source", help="source recorded on each row (default staging/<folder name>)")
    sp.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    sp = sub.add_parser("split", help="assign dev/sealed once to rows without a split")
    sp.add_argument("--seed", type=int, required=True)
    sp = sub.add_parser("eval", help="ingest and score each part with the real salvo ingest and eval")
    sp.add_argument("--part", choices=("dev", "sealed", "both"), default="both")
    sp.add_argument("--floors", metavar="FILE",
                    help="floors file; sections realworld_dev / realworld_sealed (redsea: realworld_redsea_dev / _sealed)")
    sp.add_argument("--pack", help="theater pack for ingest and eval (default: the set's own pack)")
    sp.add_argument("--source", help="score only the rows of this source (a batch's new reports); floors are not checked")
    sp.add_argument("--no-details", dest="details", action="store_false",
                    help="dev: summary only (sealed always prints only its summary)")
    args = p.parse_args(argv)
    return {"status": cmd_status, "add": cmd_add, "split": cmd_split, "eval": cmd_eval}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
