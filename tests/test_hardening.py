"""Regressions from the review: provenance on replace, syndicated copies, concurrency, bad settings."""

from __future__ import annotations

import io
import json
import multiprocessing
import sqlite3

import pytest

from conftest import FIXTURES, Run
from salvo.ingest.clean import clean_document
from salvo.ingest.readers import decode
from salvo.model import RawDocument
from salvo.store import Store

ASAD = ("Rockets hit Ain al-Asad\n"
        "Three rockets struck Ain al-Asad air base in Anbar province on Tuesday, a US official told Reuters.\n"
        "No casualties were reported, the spokesman told AFP.\n")
ERBIL = ("Drones near Erbil\n"
         "Two drones were shot down near Erbil International Airport on Wednesday, officials said.\n")


def test_sentences_ending_with_an_agency_are_not_captions():
    a = clean_document(RawDocument("x", ASAD + "Related attacks were reported near Erbil the same week, police said.\n",
                                   "x.txt", "txt", title="Rockets hit Ain al-Asad"))
    assert "told Reuters." in a.text and "told AFP." in a.text and "Related attacks" in a.text
    assert not a.removed


def test_replace_drops_what_came_from_the_old_text(run, tmp_path):
    long = ASAD + ("The base hosts American and coalition troops who train Iraqi forces in the western desert. "
                   "Iraqi security forces later found the launch site in a farm east of the base, "
                   "with a burnt truck and two unused rockets, a police officer said.\n")
    f = tmp_path / "story.txt"
    f.write_text(long)
    twin = tmp_path / "twin.txt"
    twin.write_text(long + "The attack was the third on the base this month.\n")
    assert run("ingest", "--published", "2024-01-10", str(f), str(twin)).code == 0
    with Store.open(run.db) as s:
        assert s.links()["story"] and any(m.article_id == "story" for m in s.mentions())
    f.write_text(ERBIL)
    assert run("ingest", "--replace", "--no-extract", str(f)).code == 0
    with Store.open(run.db) as s:
        text = s.article("story").text
        assert not [m for m in s.mentions() if m.article_id == "story"]  # no evidence into vanished text
        assert "story" not in s.links() and all(o != "story" for v in s.links().values() for o, _ in v)
        for e in s.events():
            for ev in e.evidence:
                if ev.article_id == "story":
                    assert text[ev.start:ev.end] == ev.text


def test_identical_copy_from_another_outlet_is_a_linked_source(run, tmp_path):
    body = ASAD.split("\n", 1)[1]
    f = tmp_path / "wire.jsonl"
    f.write_text("".join(json.dumps({"id": i, "text": body, "outlet": o, "published": "2024-01-10"}) + "\n"
                         for i, o in (("ap-1", "AP"), ("post-7", "Morning Post"))))
    r = run("ingest", str(f))
    assert r.code == 0, r
    with Store.open(run.db) as s:
        assert set(s.article_ids()) == {"ap-1", "post-7"}
        assert s.links()["post-7"] == [("ap-1", 1.0)]
        (e,) = [e for e in s.events() if e.site_id == "ain_al_asad"]
    assert {x.article_id for x in e.sources} == {"ap-1", "post-7"}
    assert e.independent_sources == 1  # one wire story, counted once


def test_no_extract_then_ingest_extracts(run, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ASAD)
    assert run("ingest", "--no-extract", "--published", "2024-01-10", str(f)).code == 0
    assert run("events", "--format", "jsonl").out == ""
    assert run("ingest", "--published", "2024-01-10", str(f)).code == 0
    assert json.loads(run("events", "--format", "jsonl").out.splitlines()[0])["site_id"] == "ain_al_asad"


def test_reprocess_goes_on_past_a_failing_article(run, tmp_path):
    from salvo.packs import load_pack
    from salvo.pipeline import Processor, reprocess

    for name, text in (("a", ASAD), ("b", ERBIL)):
        (tmp_path / f"{name}.txt").write_text(text)
    assert run("ingest", "--published", "2024-01-10", str(tmp_path)).code == 0

    class Fails(Processor):
        def __call__(self, article):
            if article.article_id == "a":
                raise RuntimeError("boom")
            return super().__call__(article)

    with Store.open(run.db) as s:
        n, orphans, errors = reprocess(store=s, process=Fails(load_pack()))
        assert n == 1 and [e.source_path for e in errors] == ["a"] and "boom" in errors[0].message
        assert any(e.site_id == "erbil_airbase" for e in s.events())


def test_merge_override_survives_both_events_being_renamed(run):
    import dataclasses

    from salvo.packs import load_pack
    from salvo.pipeline import Processor, reprocess

    class Renamed(Processor):
        def __call__(self, article):
            ex = super().__call__(article)
            return dataclasses.replace(ex, mentions=tuple(m.replace(mention_id=m.mention_id + "~v2") for m in ex.mentions))

    files = sorted(str(p) for p in (FIXTURES / "merge_set").glob("*.txt"))
    assert run("ingest", *files, "--meta", str(FIXTURES / "merge_set" / "index.jsonl")).code == 0
    with Store.open(run.db) as s:
        a, b = sorted((e for e in s.events() if e.site_id == "conoco" and e.kind == "attack"),
                      key=lambda e: e.event_date)
    assert run("merge", a.event_id, b.event_id, "--why", "one attack, two reports").code == 0
    with Store.open(run.db) as s:
        _, orphans, _ = reprocess(store=s, process=Renamed(load_pack()))
        merged = [e for e in s.events() if e.site_id == "conoco" and e.kind == "attack"]
    assert orphans == [] and len(merged) == 1
    hist = run("history", merged[0].event_id).out
    assert "merge" in hist and "one attack, two reports" in hist


def test_arabic_8bit_text_is_reported_not_mangled():
    with pytest.raises(ValueError, match="convert it to UTF-8"):
        decode("هجوم صاروخي على قاعدة عين الأسد في الأنبار".encode("cp1256"))


def _open(path):
    Store.open(path).close()


def test_concurrent_first_open_is_safe(tmp_path):
    db = str(tmp_path / "new.db")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_open, args=(db,)) for _ in range(6)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * 6
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] >= 2


def test_tallies_export_follows_the_contract(run, tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("Pentagon count\nAs of Monday, US forces had been attacked 40 times since Oct. 17, "
                 "18 times in Iraq and 22 times in Syria, spokesman Pat Ryder said.\n")
    assert run("ingest", "--published", "2023-11-07", str(f)).code == 0
    (t,) = [json.loads(l) for l in run("export", "--what", "tallies").out.splitlines()]
    assert t["count"] == 40 and t["sources"] == [{"article_id": "t"}] and t["evidence"][0]["article_id"] == "t"
    bad = run("export", "--what", "tallies", "--country", "Iraq")
    assert bad.code == 2 and "events only" in bad.err


def test_bad_settings_and_flags_are_one_line_errors(tmp_path, monkeypatch):
    from salvo.cli import main

    monkeypatch.setenv("SALVO_PORT", "abc")
    err = io.StringIO()
    assert main(["config"], out=io.StringIO(), err=err) == 3
    assert "SALVO_PORT" in err.getvalue() and err.getvalue().count("\n") == 1
    monkeypatch.delenv("SALVO_PORT")
    run = Run(tmp_path / "x.db")
    f = tmp_path / "a.txt"
    f.write_text(ERBIL)
    run("ingest", "--no-extract", str(f))
    r = run("events", "--from", "2023-11-1")
    assert r.code == 2 and "YYYY-MM-DD" in r.err
    r = run("export", "--format", "csv", "-o", str(tmp_path / "missing" / "x.csv"))
    assert r.code == 2 and "cannot write" in r.err
    assert not list(tmp_path.glob("missing*"))


def test_article_ids_with_slashes_reach_the_api(tmp_path):
    from fastapi.testclient import TestClient

    from salvo.web.server import create_app

    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "https://news.test/2024/01/asad", "text": ASAD.split("\n", 1)[1]}) + "\n")
    assert Run(tmp_path / "w.db")("ingest", "--no-extract", str(f)).code == 0
    client = TestClient(create_app(str(tmp_path / "w.db"), "us_forces_iraq_syria", "tok"), base_url="http://127.0.0.1")
    r = client.get("/api/articles/https%3A%2F%2Fnews.test%2F2024%2F01%2Fasad")
    assert r.status_code == 200 and r.json()["article_id"] == "https://news.test/2024/01/asad"
