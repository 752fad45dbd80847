#!/usr/bin/env python
"""Backfill benchmark: per-stage cost per article, --workers 1 vs 2, batch cost as the store grows.

    python scripts/bench_scale.py                       # 4,000 articles, stores of 10k and 100k
    python scripts/bench_scale.py --n 2000 --stored 10000 --json
    python scripts/bench_scale.py --db postgresql://postgres@/postgres?host=/run/postgresql   # on PostgreSQL
    python scripts/bench_scale.py --skip-stages --skip-workers --stored 10000 100000 1000000 --fill bulk

Every article is written here from templates (no news text): unrelated ones (sports, markets,
weather, with "strike", "attack", "fired", "shot" in other senses to stress the screen) and, at
--relevant-share (default 5%), attack reports on the pack's sites with varied weapons, counts,
claims and days. Reported:

- per-stage CPU cost per article in one process: read (the JSONL reader), clean, screen, MinHash,
  extract (relevant articles), write (one writer, SQLite);
- end-to-end `salvo ingest` articles/s with --workers 1 and --workers 2 on the same file, wall and
  CPU time (the machine may be shared: the load average before each run is printed);
- the cost of ingesting one batch into stores already holding 10k / 100k articles. ``--fill
  ingest`` (default) fills them with `salvo ingest --no-extract` of the same mix (every article
  signed and in the band table, no events); ``--fill bulk`` loads them straight into the store as an
  ingest with the pack leaves them (unrelated articles screened out: no signature; the relevant
  share signed and grouped by salvo's own band index; no extraction run, so no events), fast enough
  for a million.

``--db postgresql://...``: every store is a new database beside the one in the URL (dropped at the
end); a store is copied with ``CREATE DATABASE ... TEMPLATE``. Without it: SQLite files in a temp
folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import CITIES, COMPANIES, DAYS, NAMES, TEAMS, TOPICS  # noqa: E402

SITES = ["Ain al-Asad air base", "Erbil air base", "Tower 22", "al-Tanf garrison", "the Conoco gas field base",
         "the Green Village base", "Rumalyn Landing Zone", "al-Shaddadi base", "Harir air base", "Mission Support Site Euphrates"]
PROVINCES = {"Ain al-Asad air base": "Anbar", "Erbil air base": "Erbil", "Harir air base": "Erbil"}
WEAPONS = ["one-way attack drones", "rockets", "a ballistic missile", "mortar rounds", "two drones", "a barrage of rockets"]
GROUPS = ["the Islamic Resistance in Iraq", "Kata'ib Hezbollah", "Harakat al-Nujaba"]
MONTHS = [("October", 10), ("November", 11), ("December", 12)]
REPORT = {
    "lead": [
        "U.S. forces at {site} came under attack on {wd} by {weapon}, a Pentagon spokesperson said.",
        "{weapon_cap} targeted {site} on {wd}, according to U.S. defense officials.",
        "American troops stationed at {site} were attacked with {weapon} early on {wd}, officials said.",
    ],
    "outcome": [
        "{k} service members suffered minor injuries and returned to duty.",
        "There were no injuries and no damage to infrastructure, the official added.",
        "Air defenses shot down one of the drones before it reached the perimeter.",
        "{k} personnel were treated for traumatic brain injuries after the blast.",
    ],
    "claim": [
        "{group} claimed responsibility for the attack in a statement on its channel.",
        "No group immediately claimed the attack, but officials blamed Iran-backed militias.",
        "In a statement, {group} said it had targeted the base in response to the war in Gaza.",
    ],
    "context": [
        "The attack was one of several on U.S. positions in Iraq and Syria since mid-October.",
        "The base hosts coalition troops who advise local forces fighting remnants of the Islamic State.",
        "Washington has about 2,500 troops in Iraq and some 900 in Syria.",
        "The Pentagon has vowed to respond at a time and place of its choosing.",
    ],
}


def relevant(i: int, rng: random.Random) -> dict:
    site, weapon, (month, mnum) = rng.choice(SITES), rng.choice(WEAPONS), rng.choice(MONTHS)
    day = rng.randint(1, 27)
    f = dict(site=site, weapon=weapon, weapon_cap=weapon[0].upper() + weapon[1:], wd=rng.choice(DAYS),
             k=rng.choice(["Two", "Three", "Four", "Five"]), group=rng.choice(GROUPS))
    paras = [REPORT["lead"][i % 3].format(**f) + " " + rng.choice(REPORT["outcome"]).format(**f)]
    paras.append(rng.choice(REPORT["claim"]).format(**f))
    paras += rng.sample(REPORT["context"], 2)
    paras += [_filler(rng, "markets", 3)]  # a paragraph of unrelated news on the page
    title = f"U.S. troops at {site} attacked with {weapon}"
    return {"id": f"r{i:07d}", "title": title, "text": title + "\n\n" + "\n\n".join(paras),
            "published": f"2023-{mnum:02d}-{day + 1:02d}"}


def _filler(rng: random.Random, topic: str, n: int) -> str:
    return " ".join(rng.choice(TOPICS[topic]).format(
        t1=rng.choice(TEAMS), t2=rng.choice(TEAMS), n=rng.choice(NAMES), n2=rng.choice(NAMES), c=rng.choice(COMPANIES),
        city=rng.choice(CITIES), day=rng.choice(DAYS), a=rng.randint(1, 4), b=rng.randint(0, 3), m=rng.randint(10, 89),
        m2=rng.randint(5, 9), k=rng.randint(2, 9), p=round(rng.uniform(0.2, 6.0), 1)) for _ in range(n))


def unrelated(i: int, rng: random.Random) -> dict:
    topic = rng.choice(list(TOPICS))
    body = "\n\n".join(_filler(rng, topic, 4) for _ in range(rng.randint(5, 9)))  # ~2,500-4,500 characters
    return {"id": f"u{i:07d}", "title": f"{topic.title()} roundup {i}", "text": body, "published": "2023-11-01"}


def write_mix(path: Path, n: int, share: float, seed: int, start: int = 0) -> int:
    rng = random.Random(seed)
    n_rel = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            is_rel = rng.random() < share
            n_rel += is_rel
            fh.write(json.dumps(relevant(i, rng) if is_rel else unrelated(i, rng)) + "\n")
    return n_rel


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def stages(path: Path, db: Path) -> dict:
    """Per-stage CPU seconds per article, in this process."""
    from salvo.extract import is_relevant
    from salvo.ingest.clean import clean_document
    from salvo.ingest.dedup import signature
    from salvo.ingest.readers import iter_documents
    from salvo.packs import load_pack
    from salvo.pipeline import Processor
    from salvo.store import Store

    pack = load_pack()
    process = Processor(pack)
    process.nlp, process.gazetteer  # loaded before timing
    t = cpu(); docs = list(iter_documents([str(path)])); read = cpu() - t
    t = cpu(); arts = [clean_document(d) for d in docs]; clean = cpu() - t
    t = cpu(); rel = [is_relevant(a.text, pack) for a in arts]; screen = cpu() - t
    relevant_arts = [a for a, r in zip(arts, rel) if r]
    sample = arts[:1000]
    t = cpu(); [signature(a.text) for a in sample]; mh_all = (cpu() - t) / len(sample)
    t = cpu(); sigs = {a.article_id: signature(a.text) for a in relevant_arts}; mh_rel = cpu() - t
    t = cpu(); exs = [process(a) for a in relevant_arts]; extract = cpu() - t
    store = Store.open(db)
    t = cpu()
    for a in arts:
        with store.transaction():
            store.put_article(a, minhash=sigs.get(a.article_id), batch_id=None)
    for x in exs:
        store.put_extraction(x)
    write = cpu() - t
    store.close()
    n, n_rel = len(arts), len(relevant_arts)
    unrelated_ms = 1e3 * (read + clean + screen + write) / n  # what an unrelated article costs (no MinHash)
    return {
        "articles": n, "relevant": n_rel,
        "ms_per_article": {"read": 1e3 * read / n, "clean": 1e3 * clean / n, "screen": 1e3 * screen / n,
                           "minhash (every article, before)": 1e3 * mh_all,
                           "minhash (relevant only)": 1e3 * mh_rel / max(n_rel, 1),
                           "extract (relevant)": 1e3 * extract / max(n_rel, 1), "write": 1e3 * write / n},
        "unrelated_per_s_per_core": 1e3 / unrelated_ms,
        "relevant_per_s_per_core": 1e3 / (unrelated_ms + 1e3 * (mh_rel + extract) / max(n_rel, 1)),
    }


def ingest(db: str, path: Path, *args: str) -> dict:
    """One `salvo ingest` run in a child process: wall seconds and CPU seconds of it and its workers
    (the database server's own CPU, on PostgreSQL, is not counted)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "salvo", "-q", "ingest", str(path), *args], check=False,
                   env=dict(os.environ, PYTHONPATH=str(ROOT), SALVO_DB=str(db)), stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu_s, 2), "load_before": round(load, 2)}


class Stores:
    """Where the benchmark's stores live: SQLite files in ``tmp``, or databases beside ``url``."""

    def __init__(self, tmp: Path, url: str | None):
        self.tmp, self.url, self.made = tmp, url, []

    def new(self, name: str) -> str:
        if not self.url:
            return str(self.tmp / f"{name}.db")
        return self._create(name)

    def copy(self, src: str, name: str) -> str:
        if not self.url:
            dst = self.tmp / f"{name}.db"
            subprocess.run(["cp", src, str(dst)], check=True)
            return str(dst)
        return self._create(name, template=src)

    def drop(self, db: str) -> None:
        if not self.url:
            Path(db).unlink(missing_ok=True)
            return
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_dbname(db)}"')

    def close(self) -> None:
        for db in list(self.made):
            self.drop(db)

    def _admin(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def _create(self, name: str, template: str | None = None) -> str:
        db = pg_database(self.url, name)
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_dbname(db)}"')
            conn.execute(f'CREATE DATABASE "{_dbname(db)}"' + (f' TEMPLATE "{_dbname(template)}"' if template else ""))
        self.made.append(db)
        return db


def pg_database(url: str, suffix: str) -> str:
    """The URL of the database ``<url's database>_bench_<suffix>`` on the same server."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + (parts.path.lstrip("/") or "salvo") + "_bench_" + suffix))


def _dbname(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path.lstrip("/")


def bulk_fill(db: str, n: int, share: float, seed: int, start: int, chunk: int = 5000) -> None:
    """``n`` generated articles stored as an ingest with the pack leaves them, without running it:
    unrelated ones screened out (relevant=0, no signature), relevant ones signed, in the band table
    and grouped by salvo's own index (:class:`~salvo.ingest.dedup.StoredNearDuplicateIndex`)."""
    import datetime as dt

    from salvo.ingest.clean import content_hash
    from salvo.ingest.dedup import StoredNearDuplicateIndex, signature
    from salvo.remerge import remerge
    from salvo.store import Store
    from salvo.store.listing import search_key

    rng, stamp = random.Random(seed), dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    sql = ("INSERT INTO articles (article_id, title, published, text, raw_text, removed, segments, content_hash,"
           " minhash, source_path, format, relevant, extracted_at, ingested_at, search_key)"
           " VALUES (?, ?, ?, ?, ?, '[]', '[]', ?, ?, 'bulk.jsonl', 'jsonl', ?, ?, ?, ?)")
    with Store.open(db) as store:
        index = StoredNearDuplicateIndex(store, 0.7)  # the default threshold: the batch's ingest keeps the table
        index.ensure()
        for lo in range(start, start + n, chunk):
            rows, signed = [], []
            for i in range(lo, min(lo + chunk, start + n)):
                is_rel = rng.random() < share
                d = relevant(i, rng) if is_rel else unrelated(i, rng)
                sig = signature(d["text"]) if is_rel else None
                rows.append((d["id"], d["title"], d["published"], d["text"], d["text"], content_hash(d["text"]), sig,
                             int(is_rel), stamp, stamp, search_key(d["id"], d["title"])))
                if sig is not None:
                    signed.append((d["id"], sig))
            with store.transaction():
                store.conn.executemany(sql, rows)
                for aid, sig in signed:
                    index.link(aid, sig)
        # what every ingest ends with: the first one merges in full and records the merge state, so a
        # later batch re-merges only what it touches (without this the measured batch would do the full merge)
        remerge(store)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=4000, help="articles in the benchmark mix")
    ap.add_argument("--relevant-share", type=float, default=0.05)
    ap.add_argument("--stored", type=int, nargs="*", default=[10_000, 100_000], help="store sizes for the batch cost")
    ap.add_argument("--batch", type=int, default=500, help="articles of the batch added to each store")
    ap.add_argument("--fill", choices=("ingest", "bulk"), default="ingest", help="how the stores are filled (see above)")
    ap.add_argument("--db", help="a postgresql:// URL: run on PostgreSQL (new databases beside this one)")
    ap.add_argument("--skip-stages", action="store_true")
    ap.add_argument("--skip-workers", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="salvo-bench-"))
    stores = Stores(tmp, a.db)
    try:
        out = run(a, tmp, stores)
    finally:
        stores.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(out, indent=2) if a.json else _table(out))
    return 0


def run(a, tmp: Path, stores: Stores) -> dict:
    mix = tmp / "mix.jsonl"
    n_rel = write_mix(mix, a.n, a.relevant_share, seed=11)
    out: dict = {"n": a.n, "relevant": n_rel, "cores": os.cpu_count(), "store": "postgresql" if a.db else "sqlite",
                 "fill": a.fill}
    if not a.skip_stages:
        out["stages"] = stages(mix, stores.new("stages"))
    if not a.skip_workers:
        runs = {}
        for w in (1, 2):
            runs[w] = ingest(stores.new(f"w{w}"), mix, "--workers", str(w))
            runs[w]["articles_per_s"] = round(a.n / runs[w]["wall_s"], 1)
        out["workers"] = runs
        out["speedup_2_vs_1"] = round(runs[2]["articles_per_s"] / runs[1]["articles_per_s"], 2)
    batch = tmp / "batch.jsonl"
    write_mix(batch, a.batch, a.relevant_share, seed=12, start=10_000_000)
    out["batch_cost"] = {}
    stored_db, have = stores.new("grow"), 0
    for k, size in enumerate(sorted(a.stored)):
        t = time.perf_counter()
        if a.fill == "bulk":
            bulk_fill(stored_db, size - have, a.relevant_share, seed=size, start=have + 20_000_000)
        else:
            fill = tmp / f"fill{size}.jsonl"
            write_mix(fill, size - have, a.relevant_share, seed=size, start=have + 20_000_000)
            ingest(stored_db, fill, "--no-extract", "--workers", "2")
            fill.unlink()
        fill_s, have = time.perf_counter() - t, size
        last = k == len(a.stored) - 1  # the largest store takes the batch itself: no copy
        at = stored_db if last else stores.copy(stored_db, f"at{size}")
        out["batch_cost"][size] = {**ingest(at, batch, "--workers", "2"), "fill_s": round(fill_s, 1)}
        if not last:
            stores.drop(at)
        print(f"batch at {size:,} stored: {out['batch_cost'][size]}", file=sys.stderr, flush=True)
    return out


def _table(out: dict) -> str:
    lines = [f"{out['n']} articles, {out['relevant']} relevant; {out['cores']} cores; {out['store']}, fill {out['fill']}"]
    if "stages" in out:
        for k, v in out["stages"]["ms_per_article"].items():
            lines.append(f"  {k:34} {v:8.3f} ms/article")
        lines.append(f"  unrelated: {out['stages']['unrelated_per_s_per_core']:.0f}/s per core; "
                     f"relevant: {out['stages']['relevant_per_s_per_core']:.1f}/s per core")
    for w, r in out.get("workers", {}).items():
        lines.append(f"  --workers {w}: {r['articles_per_s']} articles/s (wall {r['wall_s']} s, CPU {r['cpu_s']} s,"
                     f" load before {r['load_before']})")
    if "speedup_2_vs_1" in out:
        lines.append(f"  speedup --workers 2 / 1: {out['speedup_2_vs_1']}x")
    for size, r in out["batch_cost"].items():
        lines.append(f"  batch at {size:,} stored: wall {r['wall_s']} s, CPU {r['cpu_s']} s"
                     f" (load before {r['load_before']}; filled in {r['fill_s']} s)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
