"""`salvo explain ARTICLE_ID` against a real SQLite store (reports written for this test)."""

from __future__ import annotations

import io
import json

import pytest

from salvo.cli import main
from salvo.explain import printable

REPORT = """Drone hits US base in Syria
Two drones struck the Conoco base in Deir ez-Zor province on Friday, officials said.
No one was hurt in the attack, a spokesman said.
Kataib Hezbollah threatened to attack more US bases in Iraq \x1b[31mred\x1b[0m \u202eevil.
"""


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = tmp_path_factory.mktemp("explain")
    (d / "conoco_drones.txt").write_text(REPORT, encoding="utf-8")
    path = str(d / "x.db")
    code, _, err = _run("--db", path, "-q", "ingest", str(d / "conoco_drones.txt"), "--published", "2024-02-03")
    assert code == 0, err
    return path


def test_explain_prints_each_sentence_with_decisions(db):
    code, out, err = _run("--db", db, "explain", "conoco_drones")
    assert code == 0, err
    assert "[1] @" in out and "Conoco base" in out
    assert "-> new_event (named_place)" in out
    assert "-> attach_to_told_event (detail_without_place): added injured, killed" in out
    assert "\\u001b[31mred" in out  # shown, escaped
    assert "-> not_an_attack (negative_cue)" in out
    # the stored event is the mention the trace names
    code, events, _ = _run("--db", db, "export", "--format", "jsonl")
    (ev,) = [json.loads(x) for x in events.splitlines()]
    assert ev["mention_ids"][0] in out
    # nothing from the text can drive the terminal
    assert not any(ord(c) < 32 and c != "\n" for c in out) and "\u202e" not in out


def test_explain_jsonl(db):
    code, out, _ = _run("--db", db, "explain", "conoco_drones", "--format", "jsonl")
    assert code == 0
    lines = [json.loads(x) for x in out.splitlines()]
    sentences, summary = lines[:-1], lines[-1]
    assert [s["sentence"] for s in sentences] == list(range(len(sentences)))
    reasons = [c["reason"] for s in sentences for c in s["candidates"]]
    assert "named_place" in reasons and "negative_cue" in reasons
    assert summary["mentions"] and summary["mentions"][0]["reason"] == "named_place"


def test_explain_errors(tmp_path, db):
    missing = tmp_path / "none.db"
    code, _, err = _run("--db", str(missing), "explain", "conoco_drones")
    assert code == 4 and "no database here" in err and not missing.exists()
    code, _, err = _run("--db", db, "explain", "no_such_article")
    assert code == 5 and "no_such_article" in err


def test_printable():
    assert printable("a\x1b[2Jb\u202ec\nd") == "a\\u001b[2Jb\\u202ec d"
