"""`salvo places`: the gazetteer with event counts, phrase resolution, unresolved names."""

from __future__ import annotations

import json

from conftest import Run


def test_places_lists_sites_with_event_counts(corpus_db):
    out = Run(corpus_db)("places").out
    rows = {line.split()[0]: line.split()[-1] for line in out.splitlines()[1:]}
    assert len(rows) >= 40
    assert int(rows["ain_al_asad"]) >= 3  # 000, 002, 003 and 004 all report attacks there
    assert int(rows["us_embassy_baghdad"]) == 2
    assert rows["al_tanf"] == "1" and rows["camp_taji"] == "0"


def test_places_resolve_misspelling(run):
    r = run("places", "--resolve", "al-Asaf airbase in western Iraq")
    place = json.loads(r.out)
    assert place["site_id"] == "ain_al_asad" and place["geo_precision"] == 1


def test_places_resolve_region_is_imprecise(run):
    place = json.loads(run("places", "--resolve", "in eastern Syria").out)
    assert place["site_id"] is None and place["country"] == "Syria" and place["geo_precision"] == 3


def test_unresolved_places_are_reported_not_guessed(run, tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("Rockets hit Camp Zarqawi Nowhere\n"
                 "Three rockets struck the outpost at Qaryat al-Zuhur Farms in Syria on Monday, wounding two US troops, "
                 "officials said.\n")
    assert run("ingest", "--published", "2023-11-08", str(f)).code == 0
    ev = [json.loads(l) for l in run("events", "--format", "jsonl").out.splitlines()]
    assert len(ev) == 1
    assert ev[0]["country"] == "Syria" and ev[0]["site_id"] is None and ev[0]["geo_precision"] == 3
    out = run("places", "--unresolved").out
    assert "Zuhur" in out
