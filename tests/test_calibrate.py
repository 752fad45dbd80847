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


def _scored(pairs):
    from salvo.model import Event

    base = dict(kind="attack", event_date=None, date_earliest=None, date_latest=None, time_precision=None,
                event_type="", sub_event_type="", weapon="unknown", munitions=None, actor1=None, actor1_basis="unknown",
                actor2=None, target=None, location=None, site_id=None, admin1=None, country=None, iso=None,
                latitude=None, longitude=None, geo_precision=None, killed=None, injured=None, outcome="unknown",
                sources=(), evidence=())
    return [calibrate.Scored("a", Event(event_id=f"e{i}", confidence=c, **base), ok) for i, (c, ok) in enumerate(pairs)]


def test_bins_and_the_monotonicity_check():
    rising = _scored([(0.1, False), (0.15, False), (0.5, True), (0.55, False), (0.9, True), (1.0, True), (0.7, None)])
    assert [(lo, n, tp) for lo, _, n, tp in calibrate.bins(rising, 0.2)] == [(0.0, 2, 0), (0.4, 2, 1), (0.8, 2, 2)]
    assert calibrate.monotone(rising, 0.2)  # (the optional match at 0.7 counts neither way)
    falling = _scored([(0.1, True), (0.9, False), (0.95, True)])
    assert not calibrate.monotone(falling, 0.2)


def test_refit_rewrites_only_the_attack_weights(tmp_path):
    spec = importlib.util.spec_from_file_location("fit_confidence", ROOT / "scripts" / "fit_confidence.py")
    fitter = sys.modules["fit_confidence"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fitter)
    yml = tmp_path / "pack.yaml"
    yml.write_text("name: x\nreview:\n  propose_below: 0.35\n  evidence:\n    attack: {intercept: 0.00}\n"
                   "    response: {intercept: 1.50}\n", encoding="utf-8")
    fitter.write(yml, {"intercept": -0.5, "named_site": 1.234})
    assert yml.read_text(encoding="utf-8") == ("name: x\nreview:\n  propose_below: 0.35\n  evidence:\n"
                                               "    attack: {intercept: -0.50, named_site: 1.23}\n"
                                               "    response: {intercept: 1.50}\n")
    assert fitter.half("rw001") in (0, 1) and {fitter.half(f"rw{i:03d}") for i in range(20)} == {0, 1}
