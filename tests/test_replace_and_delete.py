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


def _huge(tmp_path):
    # one paragraph over spaCy's 1,000,000-character limit (paragraphs, not sentences, are de-duplicated)
    body = " ".join(f"Rocket number {i} struck Ain al-Asad air base on Tuesday." for i in range(21000))
    f = tmp_path / "huge.txt"
    f.write_text("A very long report\n" + body + "\n")
    return f


def test_an_article_too_long_to_extract_says_what_to_do_and_can_be_deleted(run, tmp_path):
    f = _huge(tmp_path)
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "asad.txt").write_text(OLD)
    r = run("ingest", "--published", "2024-01-10", str(f), str(tmp_path / "ok"))
    assert r.code == 1, r
    (problem,) = [line for line in r.err.splitlines() if "huge" in line]
    assert "too long" in problem and "salvo delete huge" in problem and "retries" not in problem
    r = run("reprocess")
    assert r.code == 1 and "salvo delete huge" in r.err, r
    assert run("delete", "huge").code == 2  # a reason is required, as for reject
    r = run("delete", "huge", "--why", "a whole month's digest, not one report")
    assert r.code == 0, r
    with Store.open(run.db, create=False) as s:
        assert s.article_ids() == ["asad"]
        assert all(m.article_id != "huge" for m in s.mentions())
    assert run("reprocess").code == 0
    assert "delete" in run("history", "huge").out and "digest" in run("history", "huge").out
    shown = run("show", "huge")
    assert shown.code == 5 and "deleted" in shown.err
    again = run("ingest", "--published", "2024-01-10", str(f))  # the deletion survives a re-ingest
    assert again.code == 0 and "deleted by an analyst" in again.err, again
    with Store.open(run.db, create=False) as s:
        assert s.article_ids() == ["asad"]


def test_deleting_an_unknown_article_is_not_found(run, tmp_path):
    (tmp_path / "a.txt").write_text(OLD)
    assert run("ingest", "--no-extract", str(tmp_path / "a.txt")).code == 0
    r = run("delete", "nope", "--why", "x")
    assert r.code == 5 and "nope" in r.err
