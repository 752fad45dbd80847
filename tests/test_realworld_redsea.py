"""The Red Sea data: the real-report set in tests/realworld_redsea (facts only) and the fixture
reports in tests/fixtures/red_sea (our own words), checked for the conventions their READMEs give.

Scoring them needs the pack red_sea_shipping; these tests check only the data and the script's
``--set redsea`` plumbing, so they run everywhere (no text cache needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_realworld import assert_facts_only, rw

ROOT = Path(__file__).resolve().parents[1]
SEA = rw.data_set("redsea")
ROWS = rw.load_index(SEA.index)
FIXTURES = ROOT / "tests" / "fixtures" / "red_sea"
FIXTURE_ROWS = [json.loads(x) for x in (FIXTURES / "reports" / "index.jsonl").read_text().splitlines() if x.strip()]


def _gold(rid: str) -> dict:
    return json.loads((SEA.gold / f"{rid}.json").read_text(encoding="utf-8"))


def test_the_red_sea_index_and_gold_are_well_formed():
    assert rw.check_index(ROWS, SEA.gold, SEA.vocab) == []
    kinds = [r["kind"] for r in ROWS]
    assert len(ROWS) >= 40 and kinds.count("negative") >= 10 and kinds.count("tally") >= 5
    # split once, a third of each kind sealed
    assert {r["split"] for r in ROWS} == {"dev", "sealed"}
    for kind in rw.KINDS:
        mine = [r for r in ROWS if r["kind"] == kind]
        assert sum(r["split"] == "sealed" for r in mine) == round(len(mine) / 3)


def test_sea_events_carry_ship_and_place_facts():
    for row in ROWS:
        for e in _gold(row["id"])["events"]:
            assert e["country"] is None  # every event of this set is at sea
            assert e["coast"] in (None, "Yemen", "Eritrea", "Djibouti", "Somalia", "Oman", "Saudi Arabia")
            assert {"ship_name", "ship_flag", "ship_type", "target"} <= set(e), row["id"]
            assert 10 <= e["lat"] <= 26 and 35 <= e["lon"] <= 63, f"{row['id']}: outside the theater's waters"


def test_the_vocabulary_is_the_sea_one_and_the_first_set_keeps_its_own():
    sea_event = {"kind": "attack", "role": "main", "date": None, "location": "Gulf of Aden", "country": None,
                 "coast": "Yemen", "lat": 12.5, "lon": 47.5, "radius_km": 400, "weapon": "usv", "outcome": "sunk",
                 "perpetrator": None, "perpetrator_basis": "unknown", "ship_name": "X"}
    assert rw._check_event(sea_event, "e", SEA.vocab) == []
    problems = rw._check_event(sea_event, "e")  # the US-forces vocabulary
    assert any("weapon 'usv'" in p for p in problems) and any("outcome 'sunk'" in p for p in problems)
    assert any("country missing" in p for p in problems) and any("unknown field 'ship_name'" in p for p in problems)
    assert rw._check_event(dict(sea_event, weapon="catapult"), "e", SEA.vocab) == ["e: weapon 'catapult'"]


def test_the_red_sea_files_hold_facts_not_article_text():
    assert_facts_only(SEA.index, SEA.gold, ROWS)
    assert not list((ROOT / "tests" / "realworld_redsea").rglob("*.txt")), "texts belong in .cache/redsea only"


def test_set_redsea_status_without_a_cache_says_how_to_build_it(tmp_path, capsys):
    assert rw.main(["--set", "redsea", "--cache", str(tmp_path / "absent"), "status"]) == 0
    out = capsys.readouterr().out
    assert f"{len(ROWS)} rows" in out and "tests/realworld_redsea/index.jsonl" in out and "--set redsea" in out
    assert rw.main(["--set", "redsea", "--cache", str(tmp_path / "absent"), "eval"]) == 0
    assert "no real-report text cache" in capsys.readouterr().out


def test_split_on_the_red_sea_set_changes_nothing_once_done(tmp_path, monkeypatch):
    index = tmp_path / "index.jsonl"
    rw.write_index(ROWS, index)
    monkeypatch.setattr(rw, "REDSEA", tmp_path)
    assert rw.main(["--set", "redsea", "split", "--seed", "2026"]) == 0
    assert rw.load_index(index) == ROWS


@pytest.mark.parametrize("row", FIXTURE_ROWS, ids=lambda r: r["id"])
def test_fixture_gold_evidence_is_the_reports_own_text(row):
    text = (FIXTURES / "reports" / row["path"]).read_text(encoding="utf-8")
    assert text.split("\n", 1)[0] == row["title"]
    gold = json.loads((FIXTURES / "gold" / f"{row['id']}.json").read_text(encoding="utf-8"))
    assert gold["published"] == row["published"]
    for n, e in enumerate(gold["events"]):
        assert rw._check_event({k: v for k, v in e.items() if k != "evidence"}, f"{row['id']}[{n}]", SEA.vocab) == []
        assert e["evidence"] and all(s in text for s in e["evidence"])
    for t in gold["tallies"]:
        assert t["evidence"] in text and rw._check_tally({k: v for k, v in t.items() if k != "evidence"}, "t") == []
    if row["id"].startswith("n"):
        assert gold["events"] == [] and gold["must_not"]


def test_the_wire_told_twice_is_one_attack_in_both_golds():
    a, b = (json.loads((FIXTURES / "gold" / f"{i}.json").read_text())["events"][0]
            for i in ("f06_usv_tanker_wire_a", "f07_usv_tanker_wire_b"))
    same = ("date", "ship_name", "lat", "lon", "weapon", "outcome")
    assert [a[k] for k in same] == [b[k] for k in same]


def test_eval_with_an_unknown_pack_says_so_in_one_line_and_fails(tmp_path, capsys):
    dev = next(r for r in ROWS if r["split"] == "dev" and r["kind"] == "attack")
    (tmp_path / f"{dev['id']}.txt").write_text("A drone hit a ship\n\nA drone hit a ship off Aden on Monday.\n")
    argv = ["--set", "redsea", "--cache", str(tmp_path), "eval", "--part", "dev", "--pack", "no_such_pack"]
    assert rw.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("realworld: redsea dev: ") and "no_such_pack" in err[0]


# ---------------------------------------------------------------------- with the cache: the floors


def test_red_sea_dev_floors():
    """The dev part through ``salvo --pack red_sea_shipping`` against tests/accuracy_floors.json
    (section realworld_redsea_dev); skips where the text cache is absent or holds another number
    of texts than the floors were pinned on. The sealed part is scored by hand, once a round."""
    cache = SEA.cache
    dev = [r for r in ROWS if r["split"] == "dev"]
    if not cache.is_dir() or not any(rw.text_path(r, cache).is_file() for r in dev):
        pytest.skip(f"no Red Sea text cache at {cache} (scripts/realworld.py --set redsea status says how to build it)")
    floors_file = ROOT / "tests" / "accuracy_floors.json"
    floors = json.loads(floors_file.read_text())["realworld_redsea_dev"]
    res = rw.score_part("dev", ROWS, cache, floors_file, SEA)
    if "not comparable" in res.floors_note:
        pytest.skip(res.floors_note)
    assert not res.below, "\n".join(rw.summary_lines(res))
    assert res.present and res.report["articles"] == len(res.present)
    assert res.report["negatives"]["events"] <= floors["_negative_events_max"]
