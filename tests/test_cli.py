"""The command line: help everywhere, documented settings, one-line errors with exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT
from salvo.cli import build_parser
from salvo.config import SETTINGS, load_config


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command, run):
    from salvo.cli import main
    import io
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main([command, "--help"])
    assert code == 0
    assert "usage: salvo " + command in buf.getvalue()
    assert "exit codes" in buf.getvalue()


def test_every_command_and_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for command in _commands():
        assert f"salvo {command}" in readme or f"`{command}`" in readme, command
    for s in SETTINGS:
        assert s.env in readme, s.env


def test_settings_precedence():
    cfg = load_config({"db": None}, environ={"SALVO_DB": "/tmp/env.db", "SALVO_PORT": "9000"})
    assert cfg.db == "/tmp/env.db" and cfg.port == 9000
    assert load_config({"db": "flag.db"}, environ={"SALVO_DB": "/tmp/env.db"}).db == "flag.db"


def test_missing_database_is_a_one_line_error(run, tmp_path):
    r = run("events")
    assert r.code == 4
    assert r.err.count("\n") == 1 and "no database here" in r.err and str(run.db) in r.err


def test_unknown_id_is_not_found(run, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Title\nA paragraph about a football match and nothing else at all.\n")
    assert run("ingest", "--no-extract", str(f)).code == 0
    r = run("show", "nope")
    assert r.code == 5 and "no article 'nope'" in r.err and r.err.count("\n") == 1


def test_bad_published_option(run, tmp_path):
    r = run("ingest", "--published", "last tuesday", str(tmp_path))
    assert r.code == 2 and "YYYY-MM-DD" in r.err


def test_not_a_database(run, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    from salvo.cli import main
    import io

    err = io.StringIO()
    code = main(["--db", str(bogus), "articles"], out=io.StringIO(), err=err)
    assert code == 4 and "not a usable salvo database" in err.getvalue()


def test_python_dash_m_entry_point():
    r = subprocess.run([sys.executable, "-m", "salvo", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and r.stdout.startswith("salvo ")


def test_schema_migrations_recorded(run, tmp_path):
    import sqlite3

    f = tmp_path / "a.txt"
    f.write_text("Title\nSome body text that is long enough to be a paragraph here.\n")
    run("ingest", "--no-extract", str(f))
    rows = sqlite3.connect(run.db).execute("SELECT version, description FROM schema_migrations").fetchall()
    assert rows and rows[0][0] == 1
