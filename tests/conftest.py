"""Shared test helpers. Real articles are read from ../shared/corpus, never copied here."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the checkout, or next to a folder above it (worktrees sit one level deeper)
SHARED = next((up / "shared" for up in ROOT.parents if (up / "shared" / "corpus").is_dir()), ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"


def corpus_index() -> dict[str, dict]:
    return {json.loads(l)["id"]: json.loads(l) for l in (CORPUS / "index.jsonl").read_text().splitlines() if l.strip()}


class Run:
    """The CLI run in-process: result has .code, .out, .err."""

    def __init__(self, db: Path):
        self.db = db

    def __call__(self, *argv: str):
        from salvo.cli import main

        out, err = io.StringIO(), io.StringIO()
        code = main(["--db", str(self.db), *argv], out=out, err=err)
        return Result(code, out.getvalue(), err.getvalue())


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    def __repr__(self):
        return f"Result(code={self.code}, out={self.out[:500]!r}, err={self.err[:500]!r})"


def ex(text: str, published: str = "2023-12-01"):
    """Extraction of a short report written for a test (the rules alone, the bundled pack)."""
    from salvo.extract import extract_article
    from salvo.model import Article
    from salvo.packs import load_pack

    return extract_article(Article(article_id="t", text=text, raw_text=text, published=published), load_pack())


def got(x, kind=None) -> list[tuple]:
    """(kind, place as written, day) of each mention, sorted; only ``kind`` when given."""
    return sorted((m.kind, m.place_ref.text, m.date.event_date) for m in x.mentions if kind in (None, m.kind))


@pytest.fixture
def run(tmp_path) -> Run:
    return Run(tmp_path / "test.db")


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """The shared corpus ingested once (with the index's publication dates) for read-only tests."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    r = Run(db)("-q", "ingest", str(CORPUS / "articles"), "--meta", str(CORPUS / "index.jsonl"))
    assert r.code == 0, r
    return db


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL cluster of the tests' own (tests/pg_server.py); skipped without the binaries."""
    from pg_server import PostgresServer, find_bin

    bindir = find_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin "
                    "(`make test` installs Debian's postgresql package)")
    server = PostgresServer(bindir).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """postgresql:// URL of a fresh empty database on the tests' server."""
    return pg_server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request, tmp_path) -> str:
    """Where a store lives: a SQLite file, then a fresh PostgreSQL database (same test, both)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")
