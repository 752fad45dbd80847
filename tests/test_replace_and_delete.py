"""A replaced or deleted article: what was derived from the old text never carries over unseen."""

from __future__ import annotations

import json

from salvo.store import Store

OLD = ("Rockets hit Ain al-Asad\n"
       "Three rockets struck Ain al-Asad air base in Anbar province on Tuesday, a US official said.\n")
# The same layout as OLD (the place at the same offset), so the extractor's mention id is the same
NEW = ("Drones over Erbil town\n"
       "Two drones flew into Erbil air base in the Kurdistan Region on Friday and were shot down, officials said.\n")


def _events(run):
    return [json.loads(line) for line in run("events", "--format", "jsonl", "--status", "edited").out.splitlines()
            + run("events", "--format", "jsonl", "--status", "auto").out.splitlines()]


def test_replacing_an_article_with_another_attack_does_not_move_its_edits(run, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(OLD)
    assert run("ingest", "--published", "2024-01-10", str(f)).code == 0
    (old,) = _events(run)
    assert old["site_id"] == "ain_al_asad"
    assert run("edit", old["event_id"], "killed=1", "--why", "a later statement").code == 0
    f.write_text(NEW)
    r = run("ingest", "--replace", "--published", "2024-01-20", str(f))
    assert r.code == 0, r
    (new,) = _events(run)
    assert new["site_id"] == "erbil_airbase"
    assert new["killed"] is None and new["status"] == "auto", new  # the Ain al-Asad edit is not applied here
    assert "no longer match" in r.err and old["event_id"] in r.err  # and the analyst is told
    assert "killed=1" in run("history", old["event_id"]).out  # the edit itself is kept


def test_replacing_an_article_with_a_corrected_version_keeps_its_edits(run, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(OLD)
    assert run("ingest", "--published", "2024-01-10", str(f)).code == 0
    (old,) = _events(run)
    assert run("edit", old["event_id"], "killed=1", "--why", "a later statement").code == 0
    f.write_text(OLD.replace("a US official said", "a US defense official said"))
    r = run("ingest", "--replace", "--published", "2024-01-10", str(f))
    assert r.code == 0 and "no longer match" not in r.err, r
    (new,) = _events(run)
    assert new["killed"] == 1 and new["site_id"] == "ain_al_asad"
