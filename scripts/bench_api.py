#!/usr/bin/env python
"""List-query latency against the size of the record: `GET /api/events?limit=50` at 500 and 30,000 articles.

    python scripts/bench_api.py                          # SQLite, 500 and 30,000 articles
    python scripts/bench_api.py --sizes 500 30000 --db postgresql://user@host/dbname
    python scripts/bench_api.py --tree /path/to/other/checkout   # the same input on another version
    python scripts/bench_api.py --query /api/facets "/api/articles?limit=50"   # other calls, one table each

Each store is made the same way: N short generated articles and one event per 20 articles (the
events the bundled samples give when ingested, copied with new ids, days and sources), written
through the Store API. Then the API is called in-process (FastAPI's test client) and the median of
``--repeat`` calls is reported, with the ratio of the largest store to the smallest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--sizes", type=int, nargs="+", default=[500, 30000], help="articles per store")
ap.add_argument("--per-event", type=int, default=20, help="articles per event")
ap.add_argument("--repeat", type=int, default=30)
ap.add_argument("--db", help="a postgresql:// URL: the stores are new databases beside it, instead of SQLite files")
ap.add_argument("--tree", default=str(Path(__file__).resolve().parents[1]), help="the salvo checkout to measure")
ap.add_argument("--query", nargs="+", default=["/api/events?limit=50"], help="the calls measured (each on its own)")
args = ap.parse_args()
sys.path.insert(0, args.tree)

from salvo.model import Article, Source  # noqa: E402
from salvo.store import Store  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def sample_events(tmp: Path):
    from salvo.cli import main

    db = tmp / "samples.db"
    main(["--db", str(db), "-q", "ingest", str(SAMPLES / "txt"), str(SAMPLES / "html"), str(SAMPLES / "jsonl"),
          "--meta", str(SAMPLES / "meta" / "txt-published.jsonl")])
    with Store.open(db) as s:
        return s.events()


def fill(store: Store, n_articles: int, templates) -> int:
    import datetime as dt

    with store.transaction():
        for i in range(n_articles):
            text = f"Report {i}: officials met to discuss trade and the weather in the capital. " * 20
            store.put_article(Article(article_id=f"gen-{i:06d}", text=text, raw_text=text, content_hash=f"h{i}",
                                      published="2024-01-01"), minhash=None, batch_id=None)
    n_events = max(1, n_articles // args.per_event)
    start = dt.date(2023, 10, 17)
    events = []
    for i in range(n_events):
        t = templates[i % len(templates)]
        day = (start + dt.timedelta(days=i % 400)).isoformat()
        events.append(t.replace(event_id=f"ev-{i:06d}", event_date=day, date_earliest=day, date_latest=day,
                                status="auto", sources=(Source(f"gen-{i * args.per_event:06d}", None, "Wire", day),)))
    return store.replace_events(events)


def measure(dbs: list[str], query: str) -> list[float]:
    """Median latency of ``query`` per store; calls alternate between the stores so that load on a
    shared machine falls on all of them alike."""
    from fastapi.testclient import TestClient

    from salvo.web.server import create_app

    clients = [TestClient(create_app(db, "us_forces_iraq_syria", "bench-token-0123456789")) for db in dbs]
    for c in clients:
        assert c.get(query).status_code == 200
    times: list[list[float]] = [[] for _ in clients]
    for _ in range(args.repeat):
        for c, t in zip(clients, times):
            t0 = time.perf_counter()
            r = c.get(query)
            t.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text
    return [statistics.median(t) for t in times]


def _pg_database(url: str, suffix: str) -> str:
    """A fresh database beside the one in ``url`` (dropped first if an earlier run left it)."""
    import psycopg
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    name = (parts.path.lstrip("/") or "salvo") + "_bench_" + suffix
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path="/" + name))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        templates = sample_events(Path(tmp))
        dbs, sizes = [], []
        for i, n in enumerate(args.sizes):
            db = str(Path(tmp) / f"bench-{n}.db")
            if args.db:  # one database per size, named after the URL's
                db = _pg_database(args.db, f"{i}_{n}")
            with Store.open(db) as s:
                sizes.append((n, fill(s, n, templates)))
            dbs.append(db)
        for query in args.query:
            results = []
            for (n, n_events), secs in zip(sizes, measure(dbs, query)):
                results.append((n, n_events, secs))
                print(f"{n:>7} articles, {n_events:>5} events: GET {query} median {secs * 1000:.1f} ms "
                      f"({args.repeat} calls)", flush=True)
            if len(results) > 1:
                print(f"ratio {results[-1][0]} / {results[0][0]} articles: {results[-1][2] / results[0][2]:.2f}x "
                      f"(tree {os.path.basename(os.path.normpath(args.tree))}, {'postgresql' if args.db else 'sqlite'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
