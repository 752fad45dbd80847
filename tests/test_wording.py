"""No committed file carries real reports' wording (scripts/wording.py): checked wherever the
real texts are at hand (the git-ignored caches, ../shared/corpus); the checker itself is tested on
texts written here."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("wording", ROOT / "scripts" / "wording.py")
wording = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wording)

SOURCE = ("Our own test sentence says that seven drones flew over the river toward a small "
          "base at dawn and two of them fell short of the wire.")


def _seen(tmp_path):
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "a.txt").write_text(SOURCE, encoding="utf-8")
    return wording.source_runs((src,))


def test_a_copied_run_is_found_on_its_line_even_across_a_line_break(tmp_path):
    f = tmp_path / "fixture.txt"
    f.write_text("A first line of our own.\nIt said seven drones flew over the river toward a\n"
                 "small base at dawn, officials added.\n", encoding="utf-8")
    assert wording.file_hits(f, "fixture.txt", _seen(tmp_path)) == [(2, 3)]


def test_nine_shared_words_or_reordered_wording_are_not_a_run(tmp_path):
    f = tmp_path / "fixture.txt"
    f.write_text("drones flew over the river toward a small base\n"
                 "toward a small base seven drones flew at dawn over the river\n", encoding="utf-8")
    assert wording.file_hits(f, "fixture.txt", _seen(tmp_path)) == []


def test_an_index_url_slug_carries_the_headline_like_any_other_field(tmp_path):
    # a URL's slug is the outlet's wording: the indexes keep a host and a hash instead
    slug = "https://example.org/" + "-".join(SOURCE.lower().split()[:12])
    f = tmp_path / "index.jsonl"
    f.write_text(json.dumps({"id": "zz001", "url": slug}) + "\n", encoding="utf-8")
    assert wording.file_hits(f, "tests/realworld/index.jsonl", _seen(tmp_path)) == [(1, 3)]
    f.write_text(json.dumps({"id": "zz001", "url_host": "example.org", "url_sha256": "0" * 64}) + "\n", encoding="utf-8")
    assert wording.file_hits(f, "tests/realworld/index.jsonl", _seen(tmp_path)) == []


@pytest.mark.skipif(not wording.source_runs(), reason="no real-report texts here (.cache/, ../shared/corpus)")
def test_no_committed_file_carries_real_wording(capsys):
    assert wording.main([]) == 0, capsys.readouterr().out
