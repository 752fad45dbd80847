"""The store on SQLite and on a real PostgreSQL server (started by the tests): same schema, same results."""

from __future__ import annotations

import io
import random
import sqlite3

import pytest

from conftest import SAMPLES
from salvo.cli import main
from salvo.errors import ConfigError, NotFound
from salvo.export.filters import EventFilter
from salvo.model import Article, Event, Evidence, Override, Source
from salvo.store import Store
from salvo.store.dialect import parse_target, postgres_params, redact, split_password, with_password
from salvo.store.schema import LATEST, MIGRATIONS


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _event(i: int, rng: random.Random) -> Event:
    day = f"2024-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"
    dated = rng.random() < 0.6
    undated = not dated and rng.random() < 0.5
    country, iso = rng.choice([("Iraq", "IQ"), ("Syria", "SY"), ("Jordan", "JO"), ("Syria", None), (None, None)])
    sources = tuple(Source(f"a{rng.randint(0, 9)}", None, rng.choice(["Wire", "Post", None]), day)
                    for _ in range(rng.randint(1, 3)))
    return Event(
        event_id=f"ev-{i:04d}", kind=rng.choice(["attack", "attack", "response"]),
        event_date=day if dated else None,
        date_earliest="2019-01-01" if undated else (day if dated else "2024-01-05"),
        date_latest=day if dated or not undated else "2024-02-01", time_precision=1 if dated else (None if undated else 2),
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        weapon=rng.choice(["rocket", "drone", "missile"]), munitions=rng.choice([None, 1, 3]),
        actor1=rng.choice([None, "Islamic Resistance in Iraq", "Kata'ib Hezbollah", "ÉLITE_50% Group"]),
        actor1_basis="claimed", actor2=None, target=None,
        location=rng.choice([None, "Ain al-Asad", "al-Tanf", "Erbil"]), site_id=rng.choice([None, "ain_al_asad", "al_tanf"]),
        admin1=None, country=country, iso=iso, latitude=None, longitude=None, geo_precision=None,
        killed=rng.choice([None, 0, 2]), injured=rng.choice([None, 0, 5]),
        outcome=rng.choice(["hit", "intercepted", "unknown"]), sources=sources,
        evidence=(Evidence(sources[0].article_id, 0, 5, "words"),), confidence=rng.choice([0.3, 0.55, 0.9]),
        status=rng.choice(["auto", "auto", "confirmed", "proposed", "rejected"]),
        pack=rng.choice([None, "us_forces_iraq_syria", "red_sea_shipping"]),
    )


def _reference_sort(events: list[Event], sort: str) -> list[Event]:
    """The API's former in-memory sort (missing last, ties by id), the reference for SQL's ORDER BY."""
    low = lambda v: v.lower() if isinstance(v, str) else v  # noqa: E731
    get = {"date": lambda e: e.event_date or e.date_earliest, "country": lambda e: low(e.country),
           "site": lambda e: low(e.location or e.site_id), "actor": lambda e: low(e.actor1),
           "weapon": lambda e: e.weapon, "killed": lambda e: e.killed, "confidence": lambda e: e.confidence,
           "sources": lambda e: len(e.sources), "id": lambda e: e.event_id}[sort.lstrip("-")]
    present = sorted((e for e in events if get(e) is not None), key=lambda e: (get(e), e.event_id),
                     reverse=sort.startswith("-"))
    return present + sorted((e for e in events if get(e) is None), key=lambda e: e.event_id)


# --------------------------------------------------------------------------- targets


def test_db_targets_are_a_path_a_postgresql_url_or_a_clear_error(tmp_path, monkeypatch):
    assert parse_target("x/salvo.db") == ("sqlite", "x/salvo.db")
    assert parse_target("postgresql://u@h/db")[0] == "postgresql"
    assert parse_target("postgres://u@h/db")[0] == "postgresql"
    assert redact("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"
    with pytest.raises(ConfigError):
        parse_target("mysql://u@h/db")
    monkeypatch.chdir(tmp_path)
    code, _, err = _cli("--db", "mysql://u:secret@h/db", "articles")
    assert code == 3 and len(err.strip().splitlines()) == 1 and "mysql" in err and "secret" not in err
    monkeypatch.setenv("SALVO_DB", "oracle://h/db")
    code, _, err = _cli("articles")
    assert code == 3 and "oracle" in err
    assert list(tmp_path.iterdir()) == []  # no folder named after the URL, no SQLite file


def test_a_password_is_split_from_the_url_and_put_back_unchanged():
    url = "postgresql://ana:p%40ss%3Aw%2Frd@db.example:5433/salvo?sslmode=require"
    where, password = split_password(url)
    assert where == "postgresql://ana@db.example:5433/salvo?sslmode=require"
    assert password == "p@ss:w/rd"  # as libpq's PGPASSWORD wants it
    assert split_password(with_password(where, password)) == (where, password)
    assert split_password("postgresql://ana@/salvo?host=/tmp") == ("postgresql://ana@/salvo?host=/tmp", None)
    assert split_password("store/salvo.db") == ("store/salvo.db", None)
    assert with_password("postgresql://ana@h/db", None) == "postgresql://ana@h/db"


def test_placeholders_are_rewritten_outside_string_literals_only():
    assert postgres_params("SELECT 'a?b', x FROM t WHERE y=? AND z LIKE '%q'") == \
        "SELECT 'a?b', x FROM t WHERE y=%s AND z LIKE '%%q'"


def test_cli_with_a_postgresql_url_stores_in_postgresql(pg_url, tmp_path, monkeypatch):
    import psycopg

    monkeypatch.chdir(tmp_path)
    code, _, err = _cli("--db", pg_url, "-q", "ingest", "--no-extract", str(SAMPLES / "txt"))
    assert code == 0, err
    with psycopg.connect(pg_url) as conn:
        n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert n == len(list((SAMPLES / "txt").glob("*.txt"))) and n > 0
    assert not any(p.name.startswith("postgresql") for p in tmp_path.iterdir())
    monkeypatch.setenv("SALVO_DB", pg_url)  # the environment variable reaches the same database
    code, out, _ = _cli("articles", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == n


def test_a_read_command_does_not_create_a_postgresql_schema(pg_url):
    code, _, err = _cli("--db", pg_url, "events")
    assert code == 4 and "no salvo database" in err
    with pytest.raises(Exception):
        Store.open(pg_url.replace("port=", "port=1"), create=False)  # nobody listens there


# --------------------------------------------------------------------------- the store API, both backends


def test_store_round_trips_on_both_backends(db_target):
    with Store.open(db_target) as s:
        assert s.schema_version() == LATEST
        a = Article(article_id="Zeta/1", text="Rockets hit the base.", raw_text="Rockets hit the base.",
                    title="Base hit", published="2024-01-05", content_hash="h1")
        b = Article(article_id="alpha", text="A drone was shot down.", raw_text="A drone was shot down.",
                    content_hash="h2")
        s.put_article(a, minhash=b"\x00\x01\xff" * 4, batch_id=s.start_batch("test"))
        s.put_article(b, minhash=None, batch_id=s.start_batch("test"))
        assert s.article("Zeta/1").title == "Base hit" and s.article_hash("alpha") == "h2"
        assert dict(s.signatures()) == {"Zeta/1": b"\x00\x01\xff" * 4}
        assert s.article_ids() == ["Zeta/1", "alpha"]  # byte order, as SQLite sorts
        s.link_articles("Zeta/1", "alpha", 0.8125)
        s.link_articles("Zeta/1", "alpha", 0.9)
        assert s.links()["alpha"] == [("Zeta/1", 0.9)]
        first = s.add_override(Override(None, "ev-1", "edit", "killed", 2, "seen in the photo", "ana"))
        second = s.add_override(Override(None, "ev-1", "reject", None, None, "duplicate", "ana"))
        assert second == first + 1 and [o.action for o in s.overrides("ev-1")] == ["edit", "reject"]
        s.delete_article("alpha")
        with pytest.raises(NotFound):
            s.article("alpha")
        assert s.counts()["article_links"] == 0
    with Store.open(db_target, create=False) as s:  # migrations are applied once
        assert s.schema_version() == LATEST and s.article_ids() == ["Zeta/1"]


def test_a_failed_transaction_leaves_nothing_on_both_backends(db_target):
    with Store.open(db_target) as s:
        with pytest.raises(RuntimeError):
            with s.transaction():
                s.start_batch("doomed")
                raise RuntimeError("stop")
        assert s.conn.execute("SELECT COUNT(*) FROM batches").fetchone()[0] == 0


@pytest.mark.parametrize("seed", [1, 2])
def test_sql_filters_sorts_and_pages_match_the_python_rule(db_target, seed):
    rng = random.Random(seed)
    events = [_event(i, rng) for i in range(120)]
    period = ("2019-01-01", "2024-12-31")
    with Store.open(db_target) as s:
        s.replace_events(events)
        filters = [EventFilter(), EventFilter(include_proposed=True), EventFilter(status="rejected"),
                   EventFilter(all_statuses=True), EventFilter(date_from="2024-02-01", period=period),
                   EventFilter(date_to="2024-01-31", include_undated=True, period=period),
                   EventFilter(date_from="2024-01-15", date_to="2024-02-15", period=period),
                   EventFilter(country="Syrian Arab Republic"), EventFilter(country="SY"), EventFilter(country="iraq"),
                   EventFilter(actor="HEZB"), EventFilter(actor="50%"), EventFilter(actor="_"),
                   EventFilter(weapon="drone", kind="attack"), EventFilter(site="al_tanf"), EventFilter(article="a3"),
                   EventFilter(pack="red_sea_shipping", include_proposed=True)]
        for flt in filters:
            want = [e for e in events if flt.matches(e)]
            stored_order = sorted(want, key=lambda e: (e.event_date or e.date_earliest or "", e.event_id))
            assert [e.event_id for e in s.query_events(flt)] == [e.event_id for e in stored_order], flt
            assert s.count_events(flt) == len(want)
            for sort in ("date", "-date", "country", "-site", "actor", "-killed", "confidence", "-sources", "id"):
                got = [e.event_id for e in s.query_events(flt, sort=sort, limit=7, offset=3)]
                assert got == [e.event_id for e in _reference_sort(want, sort)][3:10], (flt, sort)
        per_article: dict[str, int] = {}
        for e in events:
            for a in {x.article_id for x in e.sources}:
                per_article[a] = per_article.get(a, 0) + 1
        assert s.events_per_article() == per_article
        syria = {e.event_id for e in s.query_events(EventFilter(country="Syria"))}
        assert syria and syria == {e.event_id for e in s.query_events(EventFilter(country="SYR"))}


def test_migration_7_fills_the_query_columns_of_events_stored_before_it(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT)")
    for version, description, steps in sorted(MIGRATIONS):
        if version >= 7:
            continue
        for sql in steps:
            conn.execute(sql)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, description))
    from salvo.store.db import _json

    e = _event(1, random.Random(5)).replace(status="auto", country="Syria", iso="SY", sources=(Source("old", None, None),))
    conn.execute("INSERT INTO events (event_id, kind, status, data) VALUES (?, ?, ?, ?)", (e.event_id, e.kind, e.status, _json(e)))
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        assert [x.event_id for x in s.query_events(EventFilter(country="Syrian Arab Republic"))] == [e.event_id]
        assert [x.event_id for x in s.query_events(EventFilter(article="old"))] == [e.event_id]


# --------------------------------------------------------------------------- the same record on both


def _ingest_and_export(db: str) -> dict[str, str]:
    code, _, err = _cli("--db", db, "-q", "ingest", str(SAMPLES / "txt"), str(SAMPLES / "html"),
                        str(SAMPLES / "jsonl"), "--meta", str(SAMPLES / "meta" / "txt-published.jsonl"))
    assert code in (0, 1), err
    out = {}
    for what in ("events", "tallies", "articles"):
        code, text, err = _cli("--db", db, "-q", "export", "--what", what, "--format", "jsonl")
        assert code == 0, err
        out[what] = text
    code, out["table"], _ = _cli("--db", db, "-q", "events", "--include-proposed", "--country", "Iraq")
    return out


@pytest.mark.slow
def test_ingest_then_export_is_byte_identical_on_sqlite_and_postgresql(tmp_path, pg_url):
    lite = _ingest_and_export(str(tmp_path / "lite.db"))
    pg = _ingest_and_export(pg_url)
    assert lite["events"].count("\n") > 3  # a record worth comparing
    for what in lite:
        assert pg[what] == lite[what], what
