"""One filter parser for `salvo events`, `salvo export` and the API: the same validation, the same events."""

from __future__ import annotations

import io
import json

import pytest

from salvo.cli import main
from salvo.errors import UsageError
from salvo.export.filters import api_name, parse_filter
from salvo.model import Event, Evidence, Source
from salvo.store import Store

PERIOD = ("2019-01-01", "2024-12-31")


def _event(event_id: str, **kw) -> Event:
    base = dict(event_id=event_id, kind="attack", event_date="2024-01-20", date_earliest="2024-01-20",
                date_latest="2024-01-20", time_precision=1, event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike", weapon="drone", munitions=1, actor1=None, actor1_basis="unknown",
                actor2=None, target=None, location="al-Tanf", site_id="al_tanf", admin1=None, country="Syria",
                iso="SY", latitude=None, longitude=None, geo_precision=None, killed=None, injured=None,
                outcome="hit", sources=(Source("a1", None, "Wire", "2024-01-21"),),
                evidence=(Evidence("a1", 0, 5, "words"),), confidence=0.7)
    base.update(kw)
    return Event(**base)


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "f.db")
    with Store.open(path) as s:
        s.replace_events([
            _event("ev-syria"),
            _event("ev-syria-name-only", iso=None, event_date="2024-01-22", date_earliest="2024-01-22",
                   date_latest="2024-01-22"),
            _event("ev-iraq", country="Iraq", iso="IQ", weapon="rocket", location="Ain al-Asad", site_id="ain_al_asad"),
            # undated: the report gives no day, its bounds are the theater period cut at publication
            _event("ev-undated", event_date=None, date_earliest="2019-01-01", date_latest="2024-01-25",
                   time_precision=None),
            _event("ev-proposed", status="proposed"),
        ])
    return path


def _cli(db: str, *argv: str) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", db, "-q", *argv], out=out, err=err)
    return code, [json.loads(line)["event_id"] for line in out.getvalue().splitlines() if line.startswith("{")], err.getvalue()


@pytest.mark.parametrize("command", [("events", "--format", "jsonl"), ("export", "--what", "events", "--format", "jsonl")])
def test_country_name_official_name_and_code_find_the_same_events(db, command):
    found = [_cli(db, *command, "--country", c)[1] for c in ("Syrian Arab Republic", "Syria", "SY", "syr")]
    assert found[0] == ["ev-undated", "ev-syria", "ev-syria-name-only"]  # the stored order
    assert all(f == found[0] for f in found)
    assert _cli(db, *command, "--country", "Iraq")[1] == ["ev-iraq"]


@pytest.mark.parametrize("argv, names", [
    (("--from", "2024-02-01", "--to", "2024-01-01"), ("--from", "--to")),
    (("--weapon", "laser"), ("--weapon", "laser")),
    (("--from", "2024-13-01"), ("--from",)),
    (("--kind", "raid"), ("--kind",)),
    (("--status", "maybe"), ("--status",)),
])
def test_bad_filters_are_one_line_and_exit_2_in_events_and_export(db, argv, names):
    for command in (("events",), ("export", "--what", "events")):
        code, ids, err = _cli(db, *command, *argv)
        assert code == 2 and ids == [] and len(err.strip().splitlines()) == 1, err
        assert all(n in err for n in names), err


def test_undated_events_are_outside_date_filters_unless_asked_for(db):
    _, ids, _ = _cli(db, "events", "--format", "jsonl", "--from", "2024-01-20", "--to", "2024-01-20")
    assert ids == ["ev-iraq", "ev-syria"]  # same day: by id
    _, ids, _ = _cli(db, "events", "--format", "jsonl", "--from", "2024-01-20", "--to", "2024-01-20",
                     "--include-undated")
    assert ids == ["ev-undated", "ev-iraq", "ev-syria"]
    _, ids, _ = _cli(db, "events", "--format", "jsonl")  # without a date filter an undated event is listed
    assert "ev-undated" in ids and "ev-proposed" not in ids
    _, ids, _ = _cli(db, "events", "--format", "jsonl", "--include-proposed", "--weapon", "drone")
    assert "ev-proposed" in ids and "ev-iraq" not in ids


def test_the_api_refuses_what_the_cli_refuses_and_finds_what_it_finds(db):
    from fastapi.testclient import TestClient

    from salvo.web.server import create_app

    client = TestClient(create_app(db, "us_forces_iraq_syria", "t" * 32))
    for query in ("from=2024-02-01&to=2024-01-01", "weapon=laser", "from=2024-13-01", "kind=raid", "status=maybe",
                  "sort=nonsense"):
        r = client.get(f"/api/events?{query}")
        assert r.status_code == 400, (query, r.text)
    for query in ("from=2024-02-01&to=2024-01-01", "weapon=laser"):
        assert client.get(f"/api/export.jsonl?{query}").status_code == 400
    ids = {c: [e["event_id"] for e in client.get(f"/api/events?country={c}&sort=id").json()["events"]]
           for c in ("Syrian Arab Republic", "Syria", "SY")}
    assert ids["SY"] == ["ev-syria", "ev-syria-name-only", "ev-undated"] and ids["Syria"] == ids["SY"] == ids["Syrian Arab Republic"]
    page = client.get("/api/events?from=2024-01-20&to=2024-01-20&sort=id").json()
    assert [e["event_id"] for e in page["events"]] == ["ev-iraq", "ev-syria"] and page["total"] == 2
    page = client.get("/api/events?from=2024-01-20&to=2024-01-20&include_undated=true&sort=id").json()
    assert page["total"] == 3
    page = client.get("/api/events?sort=-date&limit=2&offset=1").json()
    assert page["total"] == 4 and [e["event_id"] for e in page["events"]] == ["ev-syria", "ev-iraq"]


def test_the_parser_names_values_the_way_each_side_spells_them():
    with pytest.raises(UsageError, match=r"^from='2024-02-01' is after to='2024-01-01'"):
        parse_filter({"from": "2024-02-01", "to": "2024-01-01"}, say=api_name)
    with pytest.raises(UsageError, match=r"^--weapon 'laser': use one of"):
        parse_filter({"weapon": "laser"})
    flt = parse_filter({"from": "2024-01-01", "to": "2024-01-01", "status": "all"}, period=PERIOD)
    assert flt.all_statuses and flt.status is None and flt.period == PERIOD
