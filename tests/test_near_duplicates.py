"""Near-duplicates in bounded space (issue 12.1) and concurrent ingests (issue 12.3), on real SQLite files."""

from __future__ import annotations

import pytest

import json
import os
import re
import subprocess
import sys

from conftest import ROOT, SAMPLES, Run
from salvo.ingest.dedup import lsh_params
from salvo.pipeline import duplicate_of
from salvo.store import Store

WIRE = ("Officials in the provincial capital said the new bridge over the river would open to traffic next "
        "month after two years of work, and that a second crossing was planned further south, copy {i}.")


def _templated(folder, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"copy{i:04d}.txt").write_text(f"Bridge to open\n{WIRE.format(i=i)}\n")
    (folder / "other.txt").write_text("Harvest\nFarmers in the north reported a record wheat harvest this "
                                      "year thanks to late spring rain and cooler summer nights.\n")


def test_copies_of_one_story_are_one_group_with_links_bounded_by_articles(tmp_path):
    n = 300
    _templated(tmp_path / "in", n)
    run = Run(tmp_path / "t.db")
    r = run("ingest", "--no-extract", str(tmp_path / "in"))
    assert r.code == 0, r
    with Store.open(run.db) as s:
        counts = s.counts()
        bands = s.conn.execute("SELECT COUNT(*) FROM article_bands").fetchone()[0]
        dup = duplicate_of(s)
    assert counts["articles"] == n + 1
    assert counts["article_links"] <= counts["articles"] - 1  # all-pairs linking stored n*(n-1) rows
    assert bands <= counts["articles"] * lsh_params(0.7)[0]
    assert {dup[f"copy{i:04d}"] for i in range(1, n)} == {"copy0000"} and "other" not in dup
    # the summary gives a count and a few examples, not a line per copy
    assert len(re.findall("near-duplicate of", r.err)) <= 3 and f"{n - 1} near-duplicate links" in r.err
    rows = [json.loads(l) for l in run("articles", "--format", "jsonl").out.splitlines()]
    assert {x["duplicate_of"] for x in rows if x["article_id"].startswith("copy") and x["article_id"] != "copy0000"} \
        == {"copy0000"}


def _summary_added(err: str) -> int:
    m = re.search(r"ingest: (\d+) added", err)
    assert m, err
    return int(m.group(1))


def _record(db) -> tuple:
    out = subprocess.run([sys.executable, "-m", "salvo", "--db", str(db), "export", "--what", "events",
                          "--format", "jsonl"], capture_output=True, text=True, env=_env(), check=True).stdout
    with Store.open(db) as s:
        groups: dict[str, set] = {}
        for a, root in duplicate_of(s).items():
            groups.setdefault(root, set()).add(a)
        return out, sorted(sorted(g | {r}) for r, g in groups.items()), s.counts()["articles"]


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_ingests_give_the_sequential_record(tmp_path, request, backend):
    inputs = [[str(SAMPLES / "jsonl"), str(SAMPLES / "txt")], [str(SAMPLES / "txt"), str(SAMPLES / "jsonl")],
              [str(SAMPLES / "jsonl")]]
    meta = ["--meta", str(SAMPLES / "meta" / "txt-published.jsonl")]
    if backend == "sqlite":
        seq, par = tmp_path / "seq.db", tmp_path / "par.db"
    else:  # two fresh databases on the tests' own PostgreSQL server
        server = request.getfixturevalue("pg_server")
        seq, par = server.new_database(), server.new_database()
    for paths in inputs:
        subprocess.run([sys.executable, "-m", "salvo", "--db", str(seq), "ingest", *paths, *meta],
                       capture_output=True, text=True, env=_env())
    procs = [subprocess.Popen([sys.executable, "-m", "salvo", "--db", str(par), "ingest", *paths, *meta],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
             for paths in inputs]
    added = 0
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode in (0, 1), err  # 1: the samples' one bad-encoding file
        added += _summary_added(err)
    events_seq, groups_seq, n_seq = _record(seq)
    events_par, groups_par, n_par = _record(par)
    assert groups_seq and groups_par == groups_seq  # the wire copies are linked, whoever stored them
    assert n_par == n_seq and added == n_par  # every article counted as added once
    assert events_par == events_seq


def test_a_store_from_before_the_band_index_keeps_its_groups(tmp_path):
    _templated(tmp_path / "in", 6)
    run = Run(tmp_path / "t.db")
    assert run("ingest", "--no-extract", *[str(p) for p in sorted((tmp_path / "in").glob("copy000[0-4].txt"))]).code == 0
    with Store.open(run.db) as s, s.transaction():  # as a v3 store left it: links both ways, no index
        for table in ("article_bands", "near_groups", "store_meta"):
            s.conn.execute(f"DELETE FROM {table}")
        s.conn.execute("INSERT INTO article_links (article_id, other_id, kind, similarity) "
                       "SELECT other_id, article_id, kind, similarity FROM article_links")
        assert set(duplicate_of(s)) == {f"copy000{i}" for i in range(1, 5)}  # read from the links
    assert run("ingest", "--no-extract", str(tmp_path / "in" / "copy0005.txt")).code == 0
    with Store.open(run.db) as s:
        assert duplicate_of(s) == {f"copy000{i}": "copy0000" for i in range(1, 6)}
        assert s.meta("lsh_scheme") is not None


def test_storing_an_article_again_keeps_its_links(tmp_path):
    _templated(tmp_path / "in", 3)
    run = Run(tmp_path / "t.db")
    assert run("ingest", "--no-extract", str(tmp_path / "in")).code == 0
    with Store.open(run.db) as s:
        links = s.links()
        sig = s.conn.execute("SELECT minhash FROM articles WHERE article_id='copy0001'").fetchone()[0]
        s.put_article(s.article("copy0001"), minhash=sig, batch_id=None)  # an upsert, not delete + insert
        assert s.links() == links and links["copy0001"]
