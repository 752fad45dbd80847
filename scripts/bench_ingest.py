#!/usr/bin/env python
"""End-to-end ingest throughput: read -> clean -> near-duplicates -> extract -> geocode -> store -> merge.

    python scripts/bench_ingest.py            # 20,000 articles, 95% unrelated (same mix as benchmark.py)
    python scripts/bench_ingest.py --n 5000

Complements scripts/benchmark.py (clean + extract only): this one goes through `salvo ingest`'s
library path into a real SQLite file, so it includes MinHash signatures, LSH queries, one
transaction per article and the final merge. One process: the rate is per core.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import batch  # noqa: E402  (the generated mix)
from salvo.packs import load_pack  # noqa: E402
from salvo.pipeline import Processor, ingest  # noqa: E402
from salvo.store import Store  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="articles in the batch")
    ap.add_argument("--relevant", type=float, default=0.05, help="share of relevant articles")
    args = ap.parse_args(argv)
    docs = batch(args.n, args.relevant)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "batch.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for n, d in enumerate(docs):
                body = d.raw_text.split("\n", 1)[1] if d.format == "txt" else d.raw_text
                # cycled copies of one report would be skipped as "same text": make each copy a
                # syndicated variant (one extra line) so every relevant article is really extracted
                body += f"\n\nDistributed by feed {n}."
                fh.write(json.dumps({"id": d.doc_id, "title": d.title, "text": body, "published": d.published}) + "\n")
        store = Store.open(Path(tmp) / "bench.db")
        process = Processor(load_pack())
        process.nlp, process.gazetteer  # load models before the clock starts
        t0 = time.perf_counter()
        report = ingest([str(src)], store=store, process=process)
        secs = time.perf_counter() - t0
        counts = store.counts()
    rate = len(docs) / secs
    print(f"ingest {len(docs)} articles ({args.relevant:.0%} relevant): {secs:.1f} s, {rate:.0f} articles/s per core; "
          f"{counts['events']} events, {counts['tallies']} tallies, {len(report.errors)} errors, "
          f"{len(report.near_duplicates)} near-duplicate links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
