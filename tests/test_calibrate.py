"""scripts/calibrate.py picks only development rows (never a sealed text) and recommends honestly."""

from __future__ import annotations

import importlib.util
import json
import sys

from conftest import ROOT
from salvo.evaluate import PRF

spec = importlib.util.spec_from_file_location("calibrate", ROOT / "scripts" / "calibrate.py")
calibrate = sys.modules["calibrate"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(calibrate)


def test_only_development_rows_are_read(tmp_path):
    rows = [{"id": "rw001"}, {"id": "rw048"}, {"id": "rw049"}, {"id": "rr101"},
            {"id": "x1", "split": "dev"}, {"id": "x2", "split": "sealed"}, {"id": "rw002", "split": "sealed"}]
    (tmp_path / "index.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    for r in rows:
        (cache / f"{r['id']}.txt").write_text("text\n", encoding="utf-8")
    (cache / "rw048.txt").unlink()
    got, missing = calibrate.dev_rows(tmp_path / "index.jsonl", cache)
    assert [r["id"] for r in got] == ["rw001", "x1"] and missing == ["rw048"]


def test_recommendation_keeps_floors_and_says_when_the_target_is_out_of_reach():
    rows = [(0.0, PRF(8, 4, 0), None, 0), (0.3, PRF(8, 1, 0), None, 2), (0.6, PRF(5, 0, 3), None, 6)]
    floors = {"corpus": [(-1.0, 1.0), (0.0, 1.0), (0.3, 1.0), (0.6, 0.8)]}
    t, why = calibrate.recommend(rows, 0.85, floors)
    assert t == 0.3 and "lowest threshold" in why
    t, why = calibrate.recommend(rows, 0.95, floors)  # only 0.6 reaches it, and it drops the corpus floor
    assert t == 0.3 and "drops corpus" in why
    t, why = calibrate.recommend(rows, 0.99, {"corpus": [(-1.0, 1.0), (0.0, 1.0), (0.3, 0.9), (0.6, 0.8)]})
    assert t == 0.0 and "needs threshold 0.60" in why
    t, why = calibrate.recommend(rows[:2], 0.95, floors)
    assert t == 0.3 and "out of reach" in why
