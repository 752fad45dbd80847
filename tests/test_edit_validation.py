"""Analyst edits are checked before they are stored: sizes, ranges, places that exist, dates in order.

The database is the web tests' one (invented reports, hand-made mentions at known sites); the CLI
and a real `salvo serve` process must refuse the same things.
"""

from __future__ import annotations

import json

import httpx
import pytest

from conftest import Run
from test_web_api import Server, build_db


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("edits"))


def _event(run, site):
    (e,) = [json.loads(line) for line in run("events", "--format", "jsonl", "--status", "auto").out.splitlines()
            if json.loads(line)["site_id"] == site]
    return e


@pytest.mark.parametrize("assignment, why, message", [
    ("killed=1e308", "typo", "killed"),
    ("killed=99999999999999999999999", "typo", "killed"),
    ("munitions=1000001", "typo", "munitions"),
    ("injured=2", "", "reason"),
    ("injured=2", "   ", "reason"),
    ("injured=2", "x" * 5000, "reason"),
    ("location=" + "y" * 5000, "typo", "location"),
    ("site_id=nonexistent_site", "typo", "nonexistent_site"),
    ("country=Narnia", "typo", "Narnia"),
    ("iso=999", "typo", "999"),
    ("date_earliest=2024-02-01", "typo", "date_earliest"),  # after the event's day (2024-01-28)
    ("date_latest=2024-01-01", "typo", "date_latest"),
])
def test_the_cli_refuses_bad_edits_in_one_line_and_stores_nothing(db, assignment, why, message):
    run = Run(db)
    e = _event(run, "tower_22")
    r = run("edit", e["event_id"], assignment, "--why", why)
    assert r.code == 2, r
    assert r.err.count("\n") == 1 and message in r.err
    assert "no analyst edits" in run("history", e["event_id"]).err


def test_editing_the_site_moves_the_place_with_it(tmp_path):
    run = Run(build_db(tmp_path))
    e = _event(run, "ain_al_asad")
    r = run("edit", e["event_id"], "site_id=tower_22", "--why", "the report named the wrong base")
    assert r.code == 0, r
    after = json.loads(run("show", e["event_id"]).out and run("events", "--format", "jsonl", "--site", "tower_22",
                                                                  "--status", "edited").out.splitlines()[0])
    assert after["event_id"] == e["event_id"]
    assert (after["location"], after["country"], after["iso"], after["admin1"]) == ("Tower 22", "Jordan", "JO", "Mafraq")
    assert after["latitude"] == pytest.approx(33.30, abs=0.2) and after["longitude"] == pytest.approx(38.69, abs=0.2)
    assert after["geo_precision"] == 1
    r = run("edit", e["event_id"], "country=Syrian Arab Republic", "--why", "it was across the border")
    assert r.code == 0, r
    now = json.loads(run("events", "--format", "jsonl", "--status", "edited").out.splitlines()[0])
    assert (now["country"], now["iso"]) == ("Syria", "SY")


def test_the_api_refuses_the_same_bad_edits(db):
    run = Run(db)
    e = _event(run, "al_tanf")
    srv = Server(db)
    try:
        with srv.client() as http:
            url = f"/api/events/{e['event_id']}/edit"
            for body in ({"field": "killed", "value": 1e308, "why": "t"},
                         {"field": "killed", "value": "99999999999999999999999", "why": "t"},
                         {"field": "site_id", "value": "nonexistent_site", "why": "t"},
                         {"field": "country", "value": "Narnia", "why": "t"},
                         {"field": "iso", "value": "999", "why": "t"},
                         {"field": "date_latest", "value": "2023-01-01", "why": "t"},
                         {"field": "injured", "value": 1, "why": "w" * 5000}):
                r = http.post(url, json=body, headers=srv.auth())
                assert r.status_code in (400, 422), (body, r.text)
                assert r.json()["detail"]
            assert http.get(f"/api/events/{e['event_id']}").json()["history"] == []
            ok = http.post(url, json={"field": "site_id", "value": "tower_22", "why": "wrong base"}, headers=srv.auth())
            assert ok.status_code == 200, ok.text
            assert (ok.json()["event"]["location"], ok.json()["event"]["country"]) == ("Tower 22", "Jordan")
    finally:
        srv.stop()
