"""Constant memory: JSONL streams, partitions read what the whole file reads, an oversized article
is refused in one line, and --keep relevant keeps only the id and hash of unrelated articles."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc

from conftest import FIXTURES, Run


def _big_jsonl(path, n: int, size: int = 2000) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i}", "text": f"Article {i}. " + "word " * (size // 5)}) + "\n")


def test_a_large_jsonl_file_is_read_in_bounded_memory(tmp_path):
    from salvo.ingest.readers import iter_documents

    path = tmp_path / "big.jsonl"
    _big_jsonl(path, 15_000)  # 30 MB
    assert path.stat().st_size > 25_000_000
    tracemalloc.start()
    n = sum(1 for _ in iter_documents([str(path)]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 15_000
    assert peak < 3_000_000, f"peak {peak:,} bytes reading a {path.stat().st_size:,}-byte file"


def test_partitions_read_exactly_what_the_whole_file_reads(tmp_path):
    from salvo.ingest.partitions import plan, read_partition
    from salvo.ingest.readers import iter_documents

    path = tmp_path / "mixed.jsonl"
    _big_jsonl(path, 300, size=300)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n{not json\n" + json.dumps({"id": "last", "text": "The end."}) + "\n")
    whole = [(getattr(x, "doc_id", None), x.source_path, getattr(x, "message", None)) for x in iter_documents([str(path)])]
    parts = list(plan([str(path)], target_bytes=3_000))
    assert len(parts) > 10
    pieces = [(getattr(x, "doc_id", None), x.source_path, getattr(x, "message", None))
              for p in parts for x in read_partition(p)]
    assert pieces == whole
    assert whole[-1][1] == f"{path}:303" and "invalid JSON" in (whole[-2][2] or "")


def test_an_oversized_article_is_refused_in_one_line_and_the_batch_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("SALVO_MAX_ARTICLE_BYTES", "1000000")
    path = tmp_path / "batch.jsonl"
    rows = [{"id": "small", "text": "Markets were calm on Tuesday."},
            {"id": "huge", "text": "filler " * 400_000},
            {"id": "after", "text": "Rain is expected on Friday."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    big_txt = tmp_path / "huge.txt"
    big_txt.write_text("Title\n" + "filler " * 300_000, encoding="utf-8")
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(json.dumps(r) for r in rows if r["id"] != "huge") + "\n", encoding="utf-8")

    def ingest(name, *paths):
        tracemalloc.start()
        result = Run(tmp_path / name)("ingest", *map(str, paths), "--workers", "1")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result, peak

    ingest("warm.db", small)  # caches (pack, gazetteer) filled before measuring
    _, without = ingest("a.db", small)
    r, peak = ingest("b.db", path, big_txt)
    assert r.code == 1
    errors = [line for line in r.err.splitlines() if "over the 1.0 MB limit" in line]
    assert len(errors) == 2 and f"{path}:2" in errors[0] and "huge.txt" in errors[1], r.err
    assert "max_article_bytes" in errors[0]
    assert "2 added" in r.err
    assert peak < without + 5_000_000, (peak, without)  # the 2.8 MB line was never held whole, nor cleaned


def test_keep_relevant_stores_only_id_and_hash_of_unrelated_articles(tmp_path):
    rows = [{"id": "rel", "text": (FIXTURES / "reports" / "r01_tower22_wire.txt").read_text(encoding="utf-8"),
             "published": "2024-01-28"},
            {"id": "sport", "text": "The home side won the derby two goals to one after a late header."}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    run = Run(tmp_path / "s.db")
    r = run("ingest", str(path), "--keep", "relevant", "--workers", "1")
    assert r.code == 0, r
    assert "1 added" in r.err and "1 not relevant (id and hash kept)" in r.err
    with sqlite3.connect(tmp_path / "s.db") as c:
        assert [x[0] for x in c.execute("SELECT article_id FROM articles")] == ["rel"]
        assert [x[0] for x in c.execute("SELECT article_id FROM screened_out")] == ["sport"]
    again = run("ingest", str(path), "--keep", "relevant", "--workers", "1")
    assert "0 added" in again.err and "2 unchanged" in again.err, again.err
    assert run("ingest", str(path), "--keep", "relevant", "--no-extract").code == 2
