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


@pytest.fixture
def stored(run, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ASAD)
    assert run("ingest", "--no-extract", str(f)).code == 0
    return run


def test_an_unknown_event_id_is_called_an_event(stored):
    r = stored("show", "ev-000000000000")
    assert r.code == 5 and "no event 'ev-000000000000'" in r.err and "article" not in r.err.split("(")[0]


def test_history_of_an_unknown_event_is_not_found(stored):
    r = stored("history", "ev-nope")
    assert r.code == 5 and "ev-nope" in r.err


def test_config_says_where_each_setting_comes_from(tmp_path, monkeypatch):
    monkeypatch.setenv("SALVO_PORT", "8123")
    monkeypatch.delenv("SALVO_HOST", raising=False)
    code, out, err = _main("--db", str(tmp_path / "c.db"), "config")
    assert code == 0, err
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "--db" in rows["db"] and "$SALVO_PORT" in rows["port"] and "8123" in rows["port"]
    assert "default" in rows["host"]
    assert not (tmp_path / "c.db").exists()


def _serve(db, *args):
    """`salvo serve` in a process of its own; a server that starts when it should not is killed."""
    import subprocess
    import sys

    try:
        p = subprocess.run([sys.executable, "-m", "salvo", "--db", str(db), "serve", *args], capture_output=True,
                           text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"salvo serve {' '.join(args)} started serving instead of refusing")
    return p.returncode, p.stderr


@pytest.mark.parametrize("port", ["99999", "-1", "0"])
def test_serve_refuses_a_port_out_of_range(stored, port):
    code, err = _serve(stored.db, "--port", port, "--token", "a-long-enough-token")
    assert code == 2 and "port" in err and "65535" in err


def test_serve_refuses_a_short_token(stored):
    code, err = _serve(stored.db, "--token", "a")
    assert code == 2 and "--token" in err


def test_serve_and_read_commands_never_create_a_database(tmp_path):
    typo = tmp_path / "typo.db"
    code, err = _serve(typo, "--token", "a-long-enough-token", "--port", "1")
    assert code == 4 and "no database here" in err and not typo.exists()
    for argv in (["events"], ["articles"], ["tallies"], ["config"], ["history", "ev-x"], ["show", "x"], ["export"],
                 ["places"]):
        code, out, err = _main("--db", str(typo), *argv)
        assert not typo.exists(), argv
        if argv[0] not in ("config", "places"):
            assert code == 4 and "no database here" in err, (argv, err)


def test_the_progress_bar_knows_its_total(tmp_path):
    from salvo.ingest.readers import count_inputs

    (tmp_path / "d").mkdir()
    for i in range(3):
        (tmp_path / "d" / f"{i}.txt").write_text(ASAD)
    (tmp_path / "b.jsonl").write_text('{"id": "1", "text": "x"}\n\n{"id": "2", "text": "y"}\n')
    assert count_inputs([str(tmp_path / "d"), str(tmp_path / "b.jsonl")]) == 5
    assert count_inputs(["-"]) is None


def test_html_library_warnings_do_not_leak(tmp_path):
    import subprocess
    import sys

    page = tmp_path / "p.html"
    page.write_text("<html><head><title>Rockets</title></head><body><div></div></body></html>")
    p = subprocess.run([sys.executable, "-m", "salvo", "--db", str(tmp_path / "h.db"), "ingest", "--no-extract",
                        str(page)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "p.html: HTML page has no main text" in p.stderr
    assert "WARNING" not in p.stderr and "trafilatura" not in p.stderr, p.stderr


class Terminal(io.StringIO):
    def isatty(self):
        return True


def _events_table(db, *, tty):
    from salvo.cli import main

    out, err = (Terminal(), Terminal()) if tty else (io.StringIO(), io.StringIO())
    assert main(["--db", str(db), "events", "--status", "auto"], out=out, err=err) == 0, err.getvalue()
    return out.getvalue().splitlines()


def test_the_events_table_fits_the_terminal_and_keeps_basis_and_counts(tmp_path, monkeypatch):
    from test_web_api import build_db

    db = build_db(tmp_path)
    monkeypatch.setenv("COLUMNS", "120")
    lines = _events_table(db, tty=True)
    assert all(len(line) <= 120 for line in lines), max(lines, key=len)
    asad = [line for line in lines if "x4" in line or "x5" in line]
    assert asad and all("(claimed)" in line for line in asad)
    tanf = [line for line in lines if "2024-01-10" in line]
    assert "(attributed)" in tanf[0] and "-/2" in tanf[0]
    full = _events_table(db, tty=False)  # piped: nothing is cut
    assert any("Islamic Resistance in Iraq (claimed)" in line for line in full)
    assert not any("…" in line for line in full)


def test_geo_and_k_i_are_explained_in_help_and_readme():
    from conftest import ROOT

    code, out, err = _main("events", "--help")
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        _main("events", "--help")
    help_text = " ".join(buf.getvalue().split())
    assert "geo: 1 = at the site or town" in help_text and "k/i: killed/injured" in help_text
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert "`geo`" in readme and "`k/i`" in readme and "killed/injured" in readme


def test_the_readme_says_what_make_test_needs_and_where_the_author_comes_from():
    from conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text().split())
    makefile = (ROOT / "Makefile").read_text()
    assert "sudo" in makefile and "apt-get install" in makefile and "npm ci" in makefile  # what the claims rest on
    import re

    assert re.search(r"`make test` needs root or sudo .{0,200}Debian.{0,200}chromium.{0,200}npm", readme)
    assert "`analyst`" in readme and "SALVO_AUTHOR" in readme


def test_the_author_fallback_to_analyst_is_said_not_silent(tmp_path):
    import os
    import subprocess
    import sys

    from test_web_api import build_db

    db = build_db(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("USER", "SALVO_AUTHOR", "LOGNAME")}

    def salvo(*argv):
        return subprocess.run([sys.executable, "-m", "salvo", "--db", str(db), *argv], capture_output=True, text=True,
                              env=env, timeout=120)

    (line,) = [l for l in salvo("config").stdout.splitlines() if l.startswith("author")]
    assert "analyst" in line and "default" in line
    event_id = json.loads(salvo("events", "--format", "jsonl").stdout.splitlines()[0])["event_id"]
    p = salvo("confirm", event_id)
    assert p.returncode == 0 and "'analyst'" in p.stderr and "SALVO_AUTHOR" in p.stderr, p.stderr
    p = salvo("confirm", event_id, "--author", "dana")
    assert p.returncode == 0 and "SALVO_AUTHOR" not in p.stderr
