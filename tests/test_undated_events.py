"""An event whose report gives no date reads as undated everywhere, not as the theater's whole period."""

from __future__ import annotations

import csv
import io
import json

from salvo.export.formats import acled_row, date_label
from salvo.merge import build_event
from test_merge_helpers import mention, span

PERIOD = ("2019-01-01", "2024-12-31")


def _event(date):
    return build_event([mention("m", "a", date=date)], sources={}, duplicate_of={})


def test_acled_year_is_empty_when_the_year_is_unknown():
    from salvo.model import DateSpan

    open_span = DateSpan(None, "2019-01-01", "2024-12-31", None, None, None)
    assert acled_row(_event(open_span), period=PERIOD)["year"] == ""
    assert acled_row(_event("2024-01-28"), period=PERIOD)["year"] == "2024"
    assert acled_row(_event(span("2020-01-01", "2020-01-31", 3)), period=PERIOD)["year"] == "2020"
    assert acled_row(_event(span("2023-12-28", "2024-01-03")), period=PERIOD)["year"] == ""


def test_notes_read_as_a_person_would_write_them():
    from salvo.model import DateSpan

    undated = acled_row(_event(DateSpan(None, "2019-01-01", "2024-12-31", None, None, None)), period=PERIOD)["notes"]
    assert "2019-01-01" not in undated and "On between" not in undated
    assert undated.startswith("On a date the report does not give,")
    before = acled_row(_event(DateSpan(None, "2019-01-01", "2023-11-09", None, None, None)), period=PERIOD)["notes"]
    assert before.startswith("On a date the report does not give (on or before 2023-11-09),")
    week = acled_row(_event(span("2024-01-20", "2024-01-26")), period=PERIOD)["notes"]
    assert week.startswith("Between 2024-01-20 and 2024-01-26,")
    assert acled_row(_event("2024-01-28"), period=PERIOD)["notes"].startswith("On 2024-01-28,")


def test_date_labels():
    from salvo.model import DateSpan

    assert date_label(_event(DateSpan(None, "2019-01-01", "2024-12-31", None, None, None)), PERIOD) == "undated"
    assert date_label(_event(DateSpan(None, "2019-01-01", "2023-11-09", None, None, None)), PERIOD) == "undated, ≤2023-11-09"
    assert date_label(_event(span("2024-01-20", "2024-01-26")), PERIOD) == "2024-01-20..2024-01-26"
    assert date_label(_event("2024-01-28"), PERIOD) == "2024-01-28"


def _ingest_undated(run, tmp_path):
    """A report with no publication date whose attack is "on Sunday": nothing fixes its day."""
    f = tmp_path / "u.jsonl"
    f.write_text(json.dumps({"id": "undated-claim", "title": "Militia claims drone attack",
                             "text": "The Islamic Resistance in Iraq said on Sunday that it had attacked the "
                                     "al-Tanf garrison in Syria with a drone, in a statement on its channel."}) + "\n")
    assert run("ingest", str(f)).code == 0


def test_an_undated_report_gives_undated_events_in_table_and_csv(run, tmp_path):
    _ingest_undated(run, tmp_path)
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").out)))
    assert rows and all(r["year"] == "" and "2019-01-01" not in r["notes"] for r in rows), rows
    table = run("events").out
    assert "undated" in table and "2019-01-01" not in table


def test_the_api_and_dashboard_label_undated_events(run, tmp_path):
    from test_web_api import Server

    _ingest_undated(run, tmp_path)
    srv = Server(run.db)
    try:
        with srv.client() as http:
            (e,) = http.get("/api/events").json()["events"]
            assert e["date_label"] == "undated"
            assert http.get(f"/api/events/{e['event_id']}").json()["event"]["date_label"] == "undated"
            js = http.get("/static/js/common.js").text
            assert "date_label" in js  # the pages show the same label
    finally:
        srv.stop()
