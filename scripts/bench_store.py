#!/usr/bin/env python
"""What a batch costs as the record grows: ingest and edit on a small store vs a large one.

    python scripts/bench_store.py                 # 30,000-article store (5% relevant), 59 new reports
    python scripts/bench_store.py --store 5000    # a smaller large store
    python scripts/bench_store.py --probe 5000    # 5,000 short templated .txt files (near-duplicate linking)

Ratios, measured in one run on the same input (issue 10's targets: <= 1.3x):

- ingest: the new relevant reports (our fixtures and the corpus, under fresh ids, each a syndicated
  variant) into an empty store, then the same into a copy of the large store;
- edit: one `salvo edit killed=N` (library path: validation, override, re-merge) on an event of
  those reports, on the small store (just the new reports) and on the large one.

The large store is made once by the same `ingest` (articles from scripts/benchmark.py's mix; the
relevant copies are spread over months and years, see :func:`shifted`, so that they tell many
attacks, not 37 attacks forty times each). The
language model is loaded before any clock starts, so the times are the batch's own cost.
``--probe N`` is issue 12's near-duplicate probe: N tiny files from three templates that differ
in one word; it prints the seconds, the rows in ``article_links`` and the database size.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import batch, relevant_docs  # noqa: E402
from salvo.model import Override  # noqa: E402
from salvo.packs import load_pack  # noqa: E402
from salvo.pipeline import Processor, ingest, record_override  # noqa: E402
from salvo.store import Store  # noqa: E402


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
_ISO = re.compile(r"\b(20[12]\d)-(\d\d)-(\d\d)\b")
_YEAR = re.compile(r"\b(2019|202[0-4])\b")


def shifted(text: str, k: int) -> str:
    """The k-th copy told in another month and year (2020-2024), so a large store's copies of one
    report spread over the years as a real record does, instead of piling onto one day and base."""
    dy, dm = k % 4, (k // 4) % 12
    text = _MONTH.sub(lambda m: MONTHS[(next(i for i, n in enumerate(MONTHS) if n.startswith(m.group(1)[:3])) + dm) % 12],
                      text)
    text = _YEAR.sub(lambda m: str(max(2019, int(m.group(1)) - dy)), text)
    return _ISO.sub(lambda m: f"{m.group(1)}-{(int(m.group(2)) - 1 + dm) % 12 + 1:02d}-{m.group(3)}", text)


def write_jsonl(path: Path, docs, tag: str, *, spread: bool = False) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for n, d in enumerate(docs):
            body = d.raw_text.split("\n", 1)[1] if d.format == "txt" else d.raw_text
            body += f"\n\nDistributed by feed {tag}{n}."  # a syndicated variant, never the same text
            title, published = d.title, d.published
            if spread and "#" in d.doc_id:  # a relevant report (benchmark.batch names copies id#k)
                k = int(d.doc_id.rsplit("#", 1)[1])
                body, title, published = shifted(body, k), shifted(title or "", k), shifted(published or "", k) or None
            fh.write(json.dumps({"id": f"{tag}{d.doc_id}", "title": title, "text": body,
                                 "published": published}) + "\n")


def new_reports(n: int):
    rel = relevant_docs()
    return [rel[i % len(rel)] for i in range(n)]


def timed_ingest(db: Path, src: Path, process) -> float:
    store = Store.open(db)
    t0 = time.perf_counter()
    ingest([str(src)], store=store, process=process)
    secs = time.perf_counter() - t0
    store.close()
    return secs


def timed_edits(db: Path, tag: str, rounds: int) -> float:
    store = Store.open(db)
    ev = next(e for e in store.events() if any(s.article_id.startswith(tag) for s in e.sources))
    times = []
    record_override(store, Override(0, ev.event_id, "edit", "injured", 1, "warm-up", "bench"))  # first-use costs
    for i in range(rounds):
        o = Override(0, ev.event_id, "edit", "killed", i + 1, f"bench edit {i}", "bench")
        t0 = time.perf_counter()
        record_override(store, o)
        times.append(time.perf_counter() - t0)
    store.close()
    return statistics.median(times)


def probe(n: int) -> int:
    templates = [
        "Rockets struck the base near the river at dawn and officials said nothing more about it, note {i}.",
        "A drone was shot down over the airfield late at night, the coalition said in a statement, ref {i}.",
        "Markets closed higher on the day as traders bought technology shares again after lunch, item {i}.",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        for i in range(n):
            (folder / f"f{i:05d}.txt").write_text(f"Note {i}\n" + templates[i % 3].format(i=i) + "\n")
        db = Path(tmp) / "probe.db"
        process = Processor(load_pack())
        process.nlp, process.gazetteer
        store = Store.open(db)
        t0 = time.perf_counter()
        report = ingest([str(folder)], store=store, process=process)
        secs = time.perf_counter() - t0
        links = store.counts()["article_links"]
        store.close()
        size = db.stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("probe.db-*"))
    print(f"probe: {n} templated files: {secs:.1f} s, {len(report.added)} added, {links} link rows, "
          f"{len(report.near_duplicates)} near-duplicates reported, database {size / 1e6:.1f} MB")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=int, default=30000, help="articles in the large store")
    ap.add_argument("--new", type=int, default=59, help="relevant reports in the measured batch")
    ap.add_argument("--edits", type=int, default=15, help="edits timed on each store (median)")
    ap.add_argument("--probe", type=int, default=0, help="run the near-duplicate probe with N files instead")
    ap.add_argument("--keep", help="folder to keep the large store in (reused when present)")
    args = ap.parse_args(argv)
    if args.probe:
        return probe(args.probe)
    process = Processor(load_pack())
    process.nlp, process.gazetteer  # load the models before any clock starts
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        keep = Path(args.keep) if args.keep else tmp
        keep.mkdir(parents=True, exist_ok=True)
        large = keep / f"large-{args.store}.db"
        if not large.exists():
            src = tmp / "large.jsonl"
            write_jsonl(src, batch(args.store, 0.05), "s", spread=True)
            t0 = time.perf_counter()
            timed_ingest(large, src, process)
            print(f"large store: {args.store} articles in {time.perf_counter() - t0:.0f} s", flush=True)
        new = tmp / "new.jsonl"
        write_jsonl(new, new_reports(args.new), "n")
        timed_ingest(tmp / "warm-up.db", new, process)  # first-use costs (lexicons, caches) on neither store
        small_db, large_db = tmp / "small.db", tmp / "large-copy.db"
        shutil.copy(large, large_db)
        t_small = timed_ingest(small_db, new, process)
        t_large = timed_ingest(large_db, new, process)
        e_small = timed_edits(small_db, "n", args.edits)
        e_large = timed_edits(large_db, "n", args.edits)
    print(f"ingest {args.new} reports: empty store {t_small:.2f} s, {args.store}-article store {t_large:.2f} s "
          f"({t_large / t_small:.2f}x)")
    print(f"one edit: small store {e_small:.3f} s, {args.store}-article store {e_large:.3f} s "
          f"({e_large / e_small:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
