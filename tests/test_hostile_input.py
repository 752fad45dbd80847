"""Hostile or broken inputs: each is one bad input, reported in one line; the rest goes through."""

from __future__ import annotations

import os

import pytest

from salvo.store import Store

ASAD = ("Rockets hit Ain al-Asad\n"
        "Three rockets struck Ain al-Asad air base in Anbar province on Tuesday, a US official said.\n")


def test_a_symlink_loop_is_one_bad_input_and_the_folder_is_still_ingested(run, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "real.txt").write_text(ASAD)
    os.symlink(folder / "y.txt", folder / "x.txt")
    os.symlink(folder / "x.txt", folder / "y.txt")
    r = run("ingest", "--no-extract", str(folder))
    assert r.code == 1, r
    assert "internal error" not in r.err
    bad = [line for line in r.err.splitlines() if line.startswith("salvo: ") and "symbolic link loop" in line]
    assert len(bad) == 2 and any("x.txt" in line for line in bad)
    with Store.open(run.db, create=False) as s:
        assert s.article_ids() == ["real"]


def test_a_symlink_loop_given_by_name_is_reported(run, tmp_path):
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    (tmp_path / "ok.txt").write_text(ASAD)
    r = run("ingest", "--no-extract", str(tmp_path / "a.txt"), str(tmp_path / "ok.txt"))
    assert r.code == 1 and "a.txt: symbolic link loop" in r.err and "internal error" not in r.err, r


def test_nul_bytes_late_in_a_text_file_are_not_stored(run, tmp_path):
    f = tmp_path / "late-nul.txt"
    f.write_bytes(ASAD.encode() + b"More text follows here. " * 300 + b"Hidden\x00byte\x00here.\n")
    r = run("ingest", "--no-extract", str(f))
    with Store.open(run.db, create=False) as s:
        stored = [s.article(a) for a in s.article_ids()]
    assert all("\x00" not in a.text and "\x00" not in a.raw_text for a in stored)
    assert r.code == 1 and "late-nul.txt" in r.err and "NUL" in r.err, r


def test_nul_characters_in_a_jsonl_text_are_one_bad_line(run, tmp_path):
    import json

    f = tmp_path / "n.jsonl"
    f.write_text(json.dumps({"id": "bad", "text": "Rockets\u0000 hit a base."}) + "\n"
                 + json.dumps({"id": "good", "text": ASAD}) + "\n")
    r = run("ingest", "--no-extract", str(f))
    assert r.code == 1 and "n.jsonl:1" in r.err and "NUL" in r.err, r
    with Store.open(run.db, create=False) as s:
        assert s.article_ids() == ["good"]


CONTROL = ("\x1b", "\x07", "\x08", "\x9b", "\r", "\u202e")


def test_control_characters_in_stored_text_never_reach_the_terminal_raw(run, tmp_path):
    import json

    f = tmp_path / "evil.jsonl"
    text = ("Three rockets struck Ain al-Asad air base\x08\x08\x08 in Anbar province on Tuesday \x1b[2J\x9b2J, "
            "a US official said.\n\nNo casualties were reported\r\u202e, the official added.")
    f.write_text(json.dumps({"id": "evil\x1b[1A", "title": "\x1b]0;pwned\x07Rockets hit Ain al-Asad",
                             "outlet": "Bad\x1b[2JOutlet", "published": "2024-01-10", "text": text}) + "\n")
    outputs = [run("ingest", str(f))]
    outputs += [run("articles"), run("show", "evil\x1b[1A"), run("events", "--evidence"), run("events", "--format", "jsonl")]
    (event_id,) = [json.loads(line)["event_id"] for line in outputs[-1].out.splitlines()]
    outputs += [run("show", event_id), run("edit", event_id, "killed=0", "--why", "typo\x1b[2J fixed"),
                run("history", event_id)]
    for r in outputs:
        assert r.code == 0, r
        for c in CONTROL:
            assert c not in r.out and c not in r.err, (c, r)
    assert "\\u001b]0;pwned\\u0007Rockets hit Ain al-Asad" in outputs[2].out  # shown, visibly escaped
    assert "Bad\\u001b[2JOutlet" in outputs[2].out
    assert "typo\\u001b[2J fixed" in outputs[-1].out
    evidence = outputs[3].out.split(event_id + ":", 1)[1]
    assert "\\u0008" in evidence and "\\u009b" in evidence
    rec = json.loads(outputs[4].out)  # JSON output stays valid and means the same text
    assert "\x1b[2J\x9b2J" in rec["evidence"][0]["text"]


def test_an_export_piped_to_a_file_keeps_the_stored_text_unchanged(run, tmp_path):
    import csv
    import io
    import json

    f = tmp_path / "e.jsonl"
    f.write_text(json.dumps({"id": "e1", "title": "Odd\x1b title", "text": ASAD}) + "\n")
    assert run("ingest", "--no-extract", str(f)).code == 0
    r = run("export", "--what", "articles", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(r.out)))
    assert row["title"] == "Odd\x1b title"


def _jsonl_errors(run, tmp_path, *lines):
    f = tmp_path / "in.jsonl"
    f.write_text("".join(line + "\n" for line in lines))
    r = run("ingest", "--no-extract", str(f))
    return r, [line for line in r.err.splitlines() if line.startswith("salvo: ")]


def test_a_line_that_is_not_json_is_not_called_truncated(run, tmp_path):
    import json

    r, errors = _jsonl_errors(run, tmp_path, "this is not json at all",
                              '{"id": "cut", "text": "Rockets struck the ba', json.dumps({"id": "ok", "text": ASAD}))
    assert r.code == 1
    assert errors[0].startswith(f"salvo: {tmp_path / 'in.jsonl'}:1: invalid JSON") and "truncated" not in errors[0]
    assert ":2: truncated line" in errors[1] and "at at" not in errors[1]


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "text": 0}', "field 'text' must be a string"),
    ('{"id": "a", "text": ""}', "missing field 'text'"),
    ('{"id": ["a", "b"], "text": "Rockets hit."}', "field 'id' must be a string or a number"),
    ('{"id": {"x": 1}, "text": "Rockets hit."}', "field 'id' must be a string or a number"),
    ('{"id": "a", "title": ["x"], "text": "Rockets hit."}', "field 'title' must be a string"),
    ('{"id": "a", "outlet": {"n": 1}, "text": "Rockets hit."}', "field 'outlet' must be a string"),
])
def test_wrongly_typed_fields_are_named(run, tmp_path, line, message):
    r, errors = _jsonl_errors(run, tmp_path, line)
    assert r.code == 1 and len(errors) == 1 and errors[0].endswith(message), errors
    with Store.open(run.db, create=False) as s:
        assert s.article_ids() == []
