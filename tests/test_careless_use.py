"""What a new or careless user trips over: options on either side, unclear output, silent mistakes."""

from __future__ import annotations

import io
import json

import pytest

from conftest import Run
from salvo.store import Store

ASAD = ("Rockets hit Ain al-Asad\n"
        "Three rockets struck Ain al-Asad air base in Anbar province on Tuesday, a US official said.\n")


def _main(*argv):
    from salvo.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_work_on_both_sides_of_the_command(tmp_path, where):
    f = tmp_path / "a.txt"
    f.write_text(ASAD)
    db = tmp_path / "x.db"
    opts = ["--db", str(db), "-q", "--pack", "us_forces_iraq_syria"]
    argv = [*opts, "ingest", "--no-extract", str(f)] if where == "before" else ["ingest", *opts, "--no-extract", str(f)]
    code, out, err = _main(*argv)
    assert code == 0, err
    assert err == ""  # -q took effect
    with Store.open(db, create=False) as s:
        assert s.article_ids() == ["a"]
    code, out, err = _main("articles", "--db", str(db), "--debug")
    assert code == 0 and "Rockets hit Ain al-Asad" in out


def test_an_option_after_the_command_wins_over_one_before(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ASAD)
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    code, _, err = _main("--db", str(first), "ingest", "--db", str(second), "-q", "--no-extract", str(f))
    assert code == 0, err
    assert second.exists() and not first.exists()
