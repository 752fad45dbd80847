"""Export formats follow DESIGN.md's contract (fixed names and column order)."""

from __future__ import annotations

import csv
import io
import json

from salvo.export import ACLED_COLUMNS
from salvo.export.formats import write_acled_csv, write_geojson
from salvo.export.records import EventFilter, event_record
from salvo.model import Event, Evidence, Source

CONTRACT = ["event_id", "kind", "event_date", "date_earliest", "date_latest", "time_precision", "event_type",
            "sub_event_type", "weapon", "munitions", "actor1", "actor1_basis", "actor2", "target", "location",
            "site_id", "admin1", "country", "latitude", "longitude", "geo_precision", "killed", "injured", "outcome",
            "sources", "evidence", "confidence", "status"]


def _event(**kw) -> Event:
    base = dict(event_id="e1", kind="attack", event_date="2024-01-20", date_earliest="2024-01-20",
                date_latest="2024-01-20", time_precision=1, event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack", weapon="rocket", munitions=14,
                actor1="Islamic Resistance in Iraq", actor1_basis="claimed",
                actor2="Military Forces of the United States", target="air base", location="Ain al-Asad",
                site_id="ain_al_asad", admin1="Anbar", country="Iraq", iso="IQ", latitude=33.8, longitude=42.44,
                geo_precision=1, killed=0, injured=2, outcome="hit",
                sources=(Source("a1", "https://x.test/1", "Wire", "2024-01-21"),),
                evidence=(Evidence("a1", 0, 10, "Rockets hit"),), confidence=0.7)
    base.update(kw)
    return Event(**base)


def test_event_record_has_every_contract_field():
    rec = event_record(_event())
    for name in CONTRACT:
        assert name in rec, name
    assert rec["sources"][0] == {"article_id": "a1", "url": "https://x.test/1", "outlet": "Wire", "published": "2024-01-21"}
    assert rec["evidence"][0]["start"] == 0 and rec["evidence"][0]["text"] == "Rockets hit"
    json.dumps(rec)


def test_acled_csv_columns_in_order():
    buf = io.StringIO()
    write_acled_csv([_event(), _event(event_id="e2", killed=None, sources=(Source("a1", None, "Wire"), Source("a2", None, "Post")))], buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert rows[0][: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    recs = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert recs[0]["event_type"] == "Explosions/Remote violence" and recs[0]["iso"] == "368"
    assert recs[0]["event_id_cnty"].startswith("IRQ")
    assert recs[1]["source"] == "Post; Wire"  # outlets listed
    assert recs[1]["fatalities"] == "0" and recs[1]["killed"] == ""  # unknown stays unknown in our column
    assert "Islamic Resistance in Iraq (claimed)" in recs[0]["notes"]


def test_geojson_points_lon_lat():
    buf = io.StringIO()
    n = write_geojson([event_record(_event()), event_record(_event(event_id="nowhere", latitude=None, longitude=None))], buf)
    fc = json.loads(buf.getvalue())
    assert n == 1 and fc["type"] == "FeatureCollection"
    f = fc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [42.44, 33.8]}
    assert f["properties"]["event_id"] == "e1"


def test_filters():
    evs = [_event(), _event(event_id="e2", event_date=None, date_earliest="2024-02-01", date_latest="2024-02-07",
                            country="Syria", iso="SY", weapon="drone"), _event(event_id="e3", status="rejected")]
    assert [e.event_id for e in EventFilter().apply(evs)] == ["e1", "e2"]
    assert [e.event_id for e in EventFilter(country="SY").apply(evs)] == ["e2"]
    assert [e.event_id for e in EventFilter(date_from="2024-02-03").apply(evs)] == ["e2"]  # within its bounds
    assert [e.event_id for e in EventFilter(date_to="2024-01-31").apply(evs)] == ["e1"]
    assert [e.event_id for e in EventFilter(status="rejected").apply(evs)] == ["e3"]
    assert [e.event_id for e in EventFilter(actor="resistance", weapon="rocket").apply(evs)] == ["e1"]


def test_empty_database_exports(run, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Title\nA paragraph about the weather in Basra this week, hot and dry.\n")
    assert run("ingest", "--no-extract", str(f)).code == 0
    assert run("export", "--what", "events").out == ""
    header = run("export", "--what", "events", "--format", "csv").out.splitlines()[0]
    assert header.split(",")[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert json.loads(run("export", "--format", "geojson").out) == {"type": "FeatureCollection", "features": []}
    art = json.loads(run("export", "--what", "articles").out)
    for key in ("article_id", "title", "url", "outlet", "published", "dateline", "text", "removed", "duplicate_of"):
        assert key in art
    out = tmp_path / "x.csv"
    assert run("export", "--format", "csv", "-o", str(out)).code == 0 and out.exists()


def test_acled_ids_stable_and_cells_safe():
    one = io.StringIO()
    write_acled_csv([_event(event_id="ev-00000000abcd", target="=HYPERLINK(\"http://x\")")], one, region="Middle East")
    two = io.StringIO()
    write_acled_csv([_event(event_id="ev-00000001ffff"), _event(event_id="ev-00000000abcd")], two, region="Middle East")
    a = list(csv.DictReader(io.StringIO(one.getvalue())))[0]
    b = {r["salvo_event_id"]: r for r in csv.DictReader(io.StringIO(two.getvalue()))}
    assert a["event_id_cnty"] == b["ev-00000000abcd"]["event_id_cnty"] == "IRQ0"  # not the row number
    assert b["ev-00000001ffff"]["event_id_cnty"] == "IRQ1"
    assert a["region"] == "Middle East"
    assert a["target"].startswith("'=")  # no formula when opened in a spreadsheet
