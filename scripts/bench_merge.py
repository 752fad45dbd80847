"""Benchmark merge_mentions on a synthetic record (not a test).

Generates N mentions (default 100,000) that look like the campaign: ~60 sites (the pack's sites
plus a few towns), 5 years, attacks clustered in bursts, each attack reported 1-8 times (wire
copies, rewrites, a claim, later background mentions), some dates known only to the week or month,
some places only to the province, some round-up articles reporting several attacks. Prints the
timing and how well the clusters match the generated truth.

    python scripts/bench_merge.py [--mentions 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from salvo.merge import merge_mentions  # noqa: E402
from salvo.model import DateSpan, Mention, Place, Source  # noqa: E402

PACK_SITES = Path(__file__).resolve().parents[1] / "salvo" / "packs" / "us_forces_iraq_syria" / "sites.csv"
WEAPONS = ["rocket"] * 5 + ["drone"] * 4 + ["indirect_fire", "mortar", "missile"]
GROUPS = ["Islamic Resistance in Iraq", "Kata'ib Hezbollah", "Harakat al-Nujaba", "Kata'ib Sayyid al-Shuhada"]
START = dt.date(2019, 10, 1)
DAYS = 5 * 365


def sites(rng: random.Random) -> list[dict]:
    with open(PACK_SITES, newline="", encoding="utf-8") as f:
        rows = [dict(r, lat=float(r["lat"]), lon=float(r["lon"])) for r in csv.DictReader(f)]
    base = list(rows)
    while len(rows) < 60:  # towns near the bases, 10-40 km off, to fill out ~60 places
        r = rng.choice(base)
        rows.append(dict(r, site_id=f"{r['site_id']}_town{len(rows)}", lat=r["lat"] + rng.uniform(0.1, 0.35),
                         lon=r["lon"] + rng.uniform(0.1, 0.35)))
    return rows


def generate(n: int, seed: int) -> tuple[list[Mention], dict[str, Source], dict[str, str], dict[str, int]]:
    rng = random.Random(seed)
    places = sites(rng)
    hot = [rng.randrange(DAYS) for _ in range(40)]  # campaign bursts
    mentions: list[Mention] = []
    sources: dict[str, Source] = {}
    duplicate_of: dict[str, str] = {}
    truth: dict[str, int] = {}
    attack = 0
    article_n = 0
    pending_roundup: list[tuple] = []

    def new_article(published: dt.date) -> str:
        nonlocal article_n
        article_n += 1
        aid = f"a{article_n:07d}"
        sources[aid] = Source(aid, f"https://example.org/{aid}", rng.choice("ABCDEFGH"), published.isoformat())
        return aid

    while len(mentions) < n:
        attack += 1
        d = START + dt.timedelta(days=(rng.choice(hot) + int(rng.gauss(0, 20))) % DAYS if rng.random() < 0.6 else rng.randrange(DAYS))
        site = rng.choice(places)
        weapon = rng.choice(WEAPONS)
        actor = rng.choice(GROUPS)
        munitions = rng.choice([None, 1, 2, 3, 5, 8, 14])
        reports = min(8, max(1, int(rng.expovariate(1 / 3.0)) + 1))
        wire = None
        for r in range(reports):
            late = rng.random() < 0.15  # a later background mention
            published = d + dt.timedelta(days=rng.randint(7, 60) if late else rng.randint(0, 1))
            aid = new_article(published)
            if r > 0 and wire and rng.random() < 0.3:
                duplicate_of[aid] = wire  # a syndicated copy of the wire story
            wire = wire or aid
            roll = rng.random()
            if roll < 0.75 or not late:
                date = DateSpan(d.isoformat(), d.isoformat(), d.isoformat(), 1)
            elif roll < 0.9:
                lo = d - dt.timedelta(days=rng.randint(0, 6))
                date = DateSpan(None, lo.isoformat(), (lo + dt.timedelta(days=6)).isoformat(), 2)
            else:
                lo = d.replace(day=1)
                date = DateSpan(None, lo.isoformat(), (lo + dt.timedelta(days=27)).isoformat(), 3)
            if rng.random() < 0.12:
                place = Place(location=site["admin1"], admin1=site["admin1"], country=site["country"], geo_precision=3)
            else:
                place = Place(location=site["name"], site_id=site["site_id"], admin1=site["admin1"], country=site["country"],
                              latitude=site["lat"], longitude=site["lon"], geo_precision=rng.choice([1, 1, 1, 2]))
            claimed = rng.random() < 0.3
            m = Mention(
                mention_id=f"{aid}#0", article_id=aid, kind="attack", role="background" if late else "main",
                date=date, weapon=weapon if rng.random() < 0.8 else "unknown",
                munitions=munitions if rng.random() < 0.6 else None,
                actor1=actor if rng.random() < 0.5 else None, actor1_basis="claimed" if claimed else "attributed",
                place=place, injured=rng.choice([None, None, 0, 1, 2]), outcome=rng.choice(["unknown", "hit", "intercepted"]),
            )
            if m.actor1 is None:
                m = m.replace(actor1_basis="unknown")
            mentions.append(m)
            truth[m.mention_id] = attack
            if rng.random() < 0.05:
                pending_roundup.append((attack, m))
        if len(pending_roundup) >= 4:  # a round-up article re-reporting several recent attacks
            aid = new_article(max(dt.date.fromisoformat(sources[m.article_id].published) for _, m in pending_roundup))
            for i, (att, m) in enumerate(pending_roundup):
                mm = m.replace(mention_id=f"{aid}#{i}", article_id=aid, role="background")
                mentions.append(mm)
                truth[mm.mention_id] = att
            pending_roundup = []
    return mentions[:n], sources, duplicate_of, truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    t0 = time.perf_counter()
    mentions, sources, dup, truth = generate(args.mentions, args.seed)
    t1 = time.perf_counter()
    events = merge_mentions(mentions, sources=sources, duplicate_of=dup)
    t2 = time.perf_counter()
    secs = t2 - t1
    attacks = len(set(truth[m.mention_id] for m in mentions))
    pure = sum(1 for e in events if len({truth[i] for i in e.mention_ids}) == 1)
    exact = Counter()
    for e in events:
        exact[frozenset(e.mention_ids)] += 1
    by_attack: dict[int, set] = {}
    for m in mentions:
        by_attack.setdefault(truth[m.mention_id], set()).add(m.mention_id)
    recovered = sum(1 for ids in by_attack.values() if frozenset(ids) in exact)
    print(f"generated {len(mentions):,} mentions of {attacks:,} attacks in {len(sources):,} articles ({t1 - t0:.1f}s)")
    print(f"merge_mentions: {secs:.2f} s total -> {len(events):,} events; "
          f"{len(mentions) / secs:,.0f} mentions/s, {len(events) / secs:,.0f} events/s")
    print(f"quality vs truth: {pure / len(events):.1%} of events pure (one true attack), "
          f"{recovered / attacks:.1%} of attacks recovered exactly")


if __name__ == "__main__":
    main()
