"""GET /api/facets and GET /api/articles count, group and page in SQL (salvo.store.listing) and give
what the former in-Python versions gave (the reference rules below), on SQLite and PostgreSQL.

The record is generated here: events with values that differ only in case, empty strings, missing
values and several place names per site; articles with non-ASCII titles, links, near-duplicate
groups and events.
"""

from __future__ import annotations

import random
from typing import Any, Callable

import pytest

from salvo.model import Article, Event, Evidence, Source
from salvo.store import Store
from salvo.store.schema import MIGRATIONS

COUNTRIES = ["Iraq", "iraq", "Syria", "SYRIA", "", None, "Jordan", "Ölkə"]
ACTORS = [None, "", "Kata'ib Hezbollah", "kata'ib hezbollah", "Islamic Resistance in Iraq", "ÉLITE_50% Group"]
SITES = [(None, None), ("ain_al_asad", "Ain al-Asad"), ("ain_al_asad", "ain al-Asad air base"), ("al_tanf", None),
         ("al_tanf", "al-Tanf"), ("a_tanf", "AL-TANF"), ("erbil", "Erbil"), ("", "nowhere")]
TITLES = [None, "", "Rockets at the base", "ROCKETS again", "İzmir port notes", "Straße closed", "50% of _all_ drones",
          "Drone strike", "drone STRIKE follow-up"]


def _event(i: int, rng: random.Random) -> Event:
    day = rng.choice([None, "", f"2024-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"])
    site_id, location = rng.choice(SITES)
    source = f"art-{rng.randint(0, 59):03d}"
    return Event(
        event_id=f"ev-{rng.randint(0, 10**6):07d}-{i}", kind=rng.choice(["attack", "response", "Attack", None]),
        event_date=day, date_earliest=rng.choice([None, "", "2023-12-01", "2024-02-02"]), date_latest=None,
        time_precision=None, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        weapon=rng.choice([None, "rocket", "drone", "Drone", ""]), munitions=None,
        actor1=rng.choice(ACTORS), actor1_basis=None, actor2=None, target=None, location=location, site_id=site_id,
        admin1=None, country=rng.choice(COUNTRIES), iso=None, latitude=None, longitude=None, geo_precision=None,
        killed=None, injured=None, outcome=rng.choice(["hit", "intercepted", None, ""]),
        sources=(Source(source, None, "Wire", None),), evidence=(Evidence(source, 0, 4, "text"),), confidence=0.5,
        status=rng.choice(["auto", "confirmed", "proposed", "rejected"]),
        pack=rng.choice([None, "us_forces_iraq_syria", "red_sea_shipping"]),
    )


def _fill(db: str, seed: int) -> None:
    rng = random.Random(seed)
    with Store.open(db) as s:
        for i in range(60):
            text = f"Made-up article number {i} about nothing in particular."
            s.put_article(Article(article_id=f"art-{i:03d}", text=text, raw_text=text, content_hash=f"h{i}",
                                  title=rng.choice(TITLES), published=rng.choice([None, "2024-01-02", "2024-01-01"])),
                          minhash=None, batch_id=None)
        for _ in range(25):
            a, b = rng.sample(range(60), 2)
            s.link_articles(f"art-{a:03d}", f"art-{b:03d}", round(rng.uniform(0.7, 1.0), 3))
        s.set_meta("lsh_scheme", "test")
        for i in range(0, 30, 3):  # near-duplicate groups of three
            for j in range(3):
                s.set_near_group(f"art-{i + j:03d}", f"g{i}")
        s.replace_events([_event(i, rng) for i in range(150)])


# --------------------------------------------------------------------------- the former rules


def reference_facets(events: list[Event]) -> dict[str, Any]:
    """What GET /api/facets computed from every event, before it was SQL."""
    def count(get: Callable[[Event], Any]) -> list[dict[str, Any]]:
        c: dict[Any, int] = {}
        for e in events:
            v = get(e)
            if v is not None and v != "":
                c[v] = c.get(v, 0) + 1
        return [{"value": k, "count": n} for k, n in sorted(c.items(), key=lambda kv: str(kv[0]).lower())]

    dates = sorted(d for e in events for d in (e.event_date or e.date_earliest,) if d)
    sites: dict[str, str] = {}
    for e in events:
        if e.site_id:
            sites.setdefault(e.site_id, e.location or e.site_id)
    return {
        "countries": count(lambda e: e.country), "actors": count(lambda e: e.actor1),
        "weapons": count(lambda e: e.weapon), "kinds": count(lambda e: e.kind),
        "statuses": count(lambda e: e.status), "outcomes": count(lambda e: e.outcome),
        "packs": count(lambda e: e.pack),
        "sites": [{"value": k, "label": v} for k, v in sorted(sites.items(), key=lambda kv: kv[1].lower())],
        "date_min": dates[0] if dates else None, "date_max": dates[-1] if dates else None,
    }


def reference_articles(store: Store, q, limit: int, offset: int) -> dict[str, Any]:
    """What GET /api/articles computed from every article, before it was SQL."""
    from salvo.pipeline import duplicate_of
    from salvo.web.api import article_row  # one row's shape (not what changed): shared

    dup, links, per_article = duplicate_of(store), store.links(), store.events_per_article()
    rows = [article_row(r, dup, links, per_article) for r in store.article_rows()
            if not q or q.lower() in f"{r['article_id']} {r['title'] or ''}".lower()]
    return {"total": len(rows), "limit": limit, "offset": offset, "articles": rows[offset: offset + limit]}


# --------------------------------------------------------------------------- tests


@pytest.fixture
def client_of():
    from fastapi.testclient import TestClient

    from salvo.web.server import create_app

    return lambda db: TestClient(create_app(db, "us_forces_iraq_syria", "test-token-0123456789abcdef"))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_facets_in_sql_equal_the_former_python_rule(db_target, client_of, seed):
    _fill(db_target, seed)
    with Store.open(db_target) as s:
        want = reference_facets(s.events())
    got = client_of(db_target).get("/api/facets").json()
    assert {k: got[k] for k in want} == want
    assert len(want["countries"]) >= 4 and len(want["sites"]) == 4  # the cases that could differ are there


@pytest.mark.parametrize("seed", [1, 2])
def test_article_listing_in_sql_equals_the_former_python_rule(db_target, client_of, seed):
    _fill(db_target, seed)
    http = client_of(db_target)
    queries = [None, "", "rockets", "ROCK", "drone strike", "i̇zmir", "İZMİR", "strasse", "straße", "50%", "_all_",
               "art-01", "nothing at all"]
    with Store.open(db_target) as s:
        for q in queries:
            for limit, offset in ((100, 0), (7, 0), (7, 14), (5, 58), (0, 0), (10, 1000)):
                params = {"limit": limit, "offset": offset, **({"q": q} if q is not None else {})}
                got = http.get("/api/articles", params=params).json()
                assert got == reference_articles(s, q, limit, offset), (q, limit, offset)
        full = reference_articles(s, None, 100, 0)["articles"]
    assert any(r["duplicate_of"] for r in full) and any(r["near_duplicates"] for r in full)
    assert any(r["events"] for r in full)


def test_a_store_from_before_migration_8_gets_its_search_keys(tmp_path, client_of):
    db = str(tmp_path / "old.db")
    _fill(db, 4)
    with Store.open(db) as s:  # as migration 8 finds an older store: no keys yet
        s.conn.execute("UPDATE articles SET search_key = NULL")
        s.conn.execute("DELETE FROM schema_migrations WHERE version = 8")
        for step in dict((v, steps) for v, _, steps in MIGRATIONS)[8]:
            if isinstance(step, str) and step.startswith("CREATE INDEX"):
                s.conn.execute(f"DROP INDEX {step.split()[2]}")
        s.conn.execute("ALTER TABLE articles DROP COLUMN search_key")
    with Store.open(db) as s:
        want = reference_articles(s, "rockets", 100, 0)
    assert want["total"] > 0
    assert client_of(db).get("/api/articles", params={"q": "rockets"}).json() == want


def _cli_articles(db: str, *args: str) -> tuple[list[dict[str, Any]], str]:
    import json
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "salvo", "--db", db, "articles", "--format", "jsonl", *args],
                       capture_output=True, text=True, check=True)
    return [json.loads(line) for line in p.stdout.splitlines()], p.stderr


def test_cli_articles_pages_and_searches_in_sql_like_the_full_listing(db_target):
    _fill(db_target, 4)
    full, note = _cli_articles(db_target)
    assert len(full) == 60 and note == ""
    with Store.open(db_target) as s:
        assert [r["article_id"] for r in full] == [r["article_id"] for r in s.article_rows()]
    pages = [_cli_articles(db_target, "--limit", "7", "--offset", str(k))[0] for k in range(0, 60, 7)]
    assert [r for p in pages for r in p] == full
    first, note = _cli_articles(db_target, "--limit", "7", "--offset", "14")
    assert "7 of 60 articles shown (from 15" in note
    hits, _ = _cli_articles(db_target, "--search", "drone")
    want = [r for r in full if "drone" in (r["title"] or "").lower() or "drone" in r["article_id"]]
    assert hits == want and hits
