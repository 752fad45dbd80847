"""--workers N and --dask: the same record as one process; a kill -9 then a re-run loses nothing.

Real worker processes, a real Dask LocalCluster and a real SQLite file; the input is the
project's own reports (tests/fixtures/reports, samples) plus unrelated articles written here.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SAMPLES, Run

WORDS = ("harbor council budget season rainfall match striker league harvest museum exhibit orchestra "
         "festival bridge tram election poll vaccine trial satellite launch market index shares bakery").split()


def unrelated(i: int, rng: random.Random) -> dict:
    """A made-up article about nothing the pack screens for (sports, markets, weather)."""
    sents = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "." for _ in range(12)]
    return {"id": f"u{i:04d}", "title": f"Roundup {i}", "text": " ".join(sents), "published": "2024-02-01"}


def write_input(folder: Path, n_unrelated: int = 120) -> list[str]:
    """A JSONL file of the fixture reports shuffled among unrelated articles, and the samples."""
    rng = random.Random(3)
    rows = [unrelated(i, rng) for i in range(n_unrelated)]
    for line in (FIXTURES / "reports" / "index.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        text = (FIXTURES / "reports" / d["path"]).read_text(encoding="utf-8")
        rows.append({"id": d["id"], "text": text, "title": d.get("title"), "published": d.get("published")})
    rng.shuffle(rows)
    path = folder / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return [str(path), str(SAMPLES / "txt"), str(SAMPLES / "jsonl")]


def events_export(run: Run) -> str:
    r = run("export", "--what", "events", "--format", "jsonl")
    assert r.code == 0, r
    return r.out


@pytest.fixture
def small_partitions(monkeypatch):
    import salvo.ingest.partitions as partitions

    monkeypatch.setattr(partitions, "TARGET_BYTES", 20_000)  # several partitions of this input


def test_workers_and_dask_store_the_single_process_record(tmp_path, small_partitions):
    from salvo.ingest.partitions import plan

    inputs = write_input(tmp_path)
    assert len(list(plan(inputs))) >= 4  # the input really is shared out
    records = {}
    for name, opts in (("one", ["--workers", "1"]), ("two", ["--workers", "2"]), ("dask", ["--dask", "local", "--workers", "2"])):
        run = Run(tmp_path / f"{name}.db")
        r = run("-q", "ingest", *inputs, *opts)
        assert r.code == 0, r
        records[name] = events_export(run)
        with sqlite3.connect(tmp_path / f"{name}.db") as c:
            records[name + " articles"] = c.execute(
                "SELECT article_id, content_hash, relevant, minhash IS NOT NULL FROM articles ORDER BY article_id").fetchall()
            records[name + " links"] = c.execute("SELECT * FROM article_links ORDER BY 1, 2").fetchall()
    assert records["one"].count("\n") >= 10  # events were found
    assert records["two"] == records["one"]
    assert records["dask"] == records["one"]
    for what in ("articles", "links"):
        assert records[f"two {what}"] == records[f"one {what}"]
        assert records[f"dask {what}"] == records[f"one {what}"]
    # MinHash runs on the relevant articles only
    assert not any(sig for _, _, rel, sig in records["one articles"] if rel == 0)


def _salvo(db: Path | str, *args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    """salvo in a process of its own (its own session, so a kill reaches its workers too); ``env``
    adds variables (``db=""`` with SALVO_DB in ``env``: no --db on the command line)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), SALVO_PARTITION_BYTES="20000", **(env or {}))
    where = ["--db", str(db)] if db else []
    return subprocess.Popen([sys.executable, "-m", "salvo", *where, "-q", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, **kw)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("where", [["--workers", "2"], ["--dask", "local", "--workers", "2"]], ids=["workers", "dask"])
def test_kill_9_during_a_parallel_ingest_then_a_rerun_gives_the_uninterrupted_record(tmp_path, where):
    inputs = write_input(tmp_path, n_unrelated=600)
    full, cut = tmp_path / "full.db", tmp_path / "cut.db"
    p = _salvo(full, "ingest", *inputs, "--workers", "1")
    assert p.wait(timeout=600) == 0, p.stderr.read()

    p = _salvo(cut, "ingest", *inputs, *where)
    deadline = time.time() + 300
    while _stored(cut) < 5 and time.time() < deadline and p.poll() is None:
        time.sleep(0.05)
    total = _stored(full)
    assert p.poll() is None, "the ingest ended before it could be killed"
    os.killpg(p.pid, signal.SIGKILL)  # the writer and its workers (Dask: the cluster's nannies and workers too)
    p.wait(timeout=60)
    assert 0 < _stored(cut) < total  # killed part way: the writer had stored part of the batch

    p = _salvo(cut, "ingest", *inputs, *where)
    assert p.wait(timeout=600) == 0, p.stderr.read()
    assert events_export(Run(cut)) == events_export(Run(full))
    assert _stored(cut) == total


def test_bad_workers_and_dask_values_are_one_line_usage_errors(tmp_path, capsys):
    run = Run(tmp_path / "s.db")
    r = run("ingest", str(SAMPLES / "txt"), "--dask", "scheduler:8786")
    assert r.code == 2 and "tcp://HOST:8786" in r.err and len(r.err.strip().splitlines()) == 1, r
    r = run("ingest", str(SAMPLES / "txt"), "--workers", "0")
    assert r.code == 2 and "'0' is not a whole number of 1 or more" in capsys.readouterr().err
    assert not (tmp_path / "s.db").exists()


def test_an_existing_dask_cluster_by_address_stores_the_same_record(tmp_path, small_partitions):
    from distributed import LocalCluster

    inputs = write_input(tmp_path, n_unrelated=40)
    one = Run(tmp_path / "one.db")
    assert one("-q", "ingest", *inputs, "--workers", "1").code == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        remote = Run(tmp_path / "remote.db")
        r = remote("-q", "ingest", *inputs, "--dask", cluster.scheduler_address)
        assert r.code == 0, r
    assert events_export(remote) == events_export(one)


def _command_lines_while_running(p: subprocess.Popen) -> tuple[int, str, str, dict[int, str]]:
    """Wait for ``p``; its exit code, output, errors and the command line of every process its tree
    showed (by process id)."""
    import psutil

    seen: dict[int, str] = {}
    while p.poll() is None:
        try:
            procs = [psutil.Process(p.pid), *psutil.Process(p.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for proc in procs:
            try:
                seen[proc.pid] = " ".join(proc.cmdline())
            except psutil.Error:
                pass
        time.sleep(0.1)
    out, err = p.communicate(timeout=600)
    return p.returncode, out, err, seen


def test_workers_and_dask_open_a_postgresql_store_that_needs_a_password(tmp_path, pg_server):
    """The workers' read-only store check logs in with the writer's password, which appears on no
    command line and in no message (before: workers got the URL without it and could not log in)."""
    import uuid

    role, password = "salvo_" + uuid.uuid4().hex[:8], "pw" + uuid.uuid4().hex
    pg_server.password_role(role, password)
    inputs = write_input(tmp_path, n_unrelated=120)
    reference = pg_server.database_of(role, password)
    p = _salvo("", "ingest", *inputs, "--workers", "1", env={"SALVO_DB": reference})
    assert p.wait(timeout=600) == 0, p.stderr.read()
    expected = events_export(Run(reference))
    assert expected.count("\n") >= 10
    for opts in (["--workers", "2"], ["--dask", "local", "--workers", "2"]):
        url = pg_server.database_of(role, password)
        for attempt in ("first", "re-run"):  # the re-run: workers find every article stored
            code, out, err, command_lines = _command_lines_while_running(
                _salvo("", "ingest", *inputs, *opts, env={"SALVO_DB": url}))
            assert code == 0, err
            assert "could not read the store" not in err, (opts, attempt, err)
            assert password not in out + err
            # (the first run lasts long enough to see its workers; a re-run that finds every article
            # stored may end between two looks, so only the command lines seen are checked there)
            assert attempt == "re-run" or len(command_lines) >= 3, (opts, attempt)
            assert not any(password in c for c in command_lines.values()), (opts, attempt)
        assert events_export(Run(url)) == expected, opts
    assert password not in (pg_server.dir / "server.log").read_text(errors="replace")
