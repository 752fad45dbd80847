"""Analyst overrides: validation, each action, and re-application after a re-run."""

from __future__ import annotations

import pytest

from salvo.errors import UsageError
from salvo.merge import merge_mentions
from salvo.model import Override
from salvo.overrides import apply_overrides, split_event_id, validate_edit, validate_override
from test_merge_helpers import mention, source

SOURCES = {a: source(a, p) for a, p in [("w", "2024-01-20"), ("r", "2024-01-20"), ("c", "2024-01-21"),
                                         ("x", "2024-01-22"), ("y", "2024-01-22")]}


def record(extra=()):
    ms = [
        mention("w#0", "w", date="2024-01-20", weapon="rocket", munitions=14, injured=0),
        mention("r#0", "r", date="2024-01-20", weapon="rocket", injured=2),
        mention("c#0", "c", date="2024-01-20", weapon="rocket", actor1="Islamic Resistance in Iraq", actor1_basis="claimed"),
        mention("x#0", "x", site="al_tanf", date="2024-01-21", weapon="drone"),
        *extra,
    ]
    return ms, merge_mentions(ms, sources=SOURCES, duplicate_of={})


def apply(events, ms, overrides):
    return apply_overrides(events, overrides, mentions_by_id={m.mention_id: m for m in ms}, sources=SOURCES)


def ov(n, event_id, action, field=None, value=None):
    return Override(n, event_id, action, field, value, reason="checked the wire", author="ana",
                    created_at=f"2024-02-01T00:00:0{n}")


def ids(events):
    asad = next(e for e in events if e.site_id == "ain_al_asad")
    tanf = next(e for e in events if e.site_id == "al_tanf")
    return asad.event_id, tanf.event_id


@pytest.mark.parametrize("field,value,expected", [
    ("killed", "2", 2), ("killed", 3, 3), ("killed", "null", None), ("injured", "0", 0),
    ("event_date", "2024-01-21", "2024-01-21"), ("weapon", "Drone", "drone"), ("weapon", "", "unknown"),
    ("latitude", "33.5", 33.5), ("time_precision", "2", 2), ("actor1", " Kata'ib Hezbollah ", "Kata'ib Hezbollah"),
    ("outcome", "intercepted", "intercepted"), ("actor1_basis", "attributed", "attributed"),
])
def test_validate_edit_coerces(field, value, expected):
    assert validate_edit(field, value) == expected


@pytest.mark.parametrize("field,value,message", [
    ("killed", "abc", "killed='abc': must be a whole number"),
    ("killed", "-1", "must be 0 or more"),
    ("killed", True, "whole number"),
    ("event_date", "2024-13-01", "must be a date YYYY-MM-DD"),
    ("weapon", "catapult", "must be one of rocket"),
    ("latitude", "95", "between -90 and 90"),
    ("geo_precision", "4", "must be 1, 2 or 3"),
    ("kind", "", "a value is required"),
    ("nonsense", "1", "cannot edit 'nonsense'"),
    ("sources", "x", "cannot edit 'sources'"),
])
def test_validate_edit_rejects_with_one_line(field, value, message):
    with pytest.raises(UsageError) as err:
        validate_edit(field, value)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_validate_override_shapes():
    validate_override(ov(1, "ev-a", "merge", value="ev-b"))
    validate_override(ov(1, "ev-a", "split", value=["m#1"]))
    for bad in (ov(1, "ev-a", "merge", value="ev-a"), ov(1, "ev-a", "split", value="m#1"),
                ov(1, "ev-a", "explode"), ov(1, "ev-a", "edit", value="3")):
        with pytest.raises(UsageError):
            validate_override(bad)


def test_edit_reject_confirm():
    ms, events = record()
    asad, tanf = ids(events)
    out, orphans = apply(events, ms, [ov(1, asad, "edit", "injured", "2"), ov(2, tanf, "reject")])
    by = {e.event_id: e for e in out}
    assert orphans == []
    assert (by[asad].injured, by[asad].status) == (2, "edited")
    assert by[tanf].status == "rejected" and len(out) == 2  # rejected events stay, flagged
    out, _ = apply(events, ms, [ov(1, tanf, "reject"), ov(2, tanf, "confirm")])
    assert {e.event_id: e.status for e in out}[tanf] == "confirmed"  # last status action wins


def test_date_edit_moves_bounds():
    ms, events = record()
    asad, _ = ids(events)
    out, _ = apply(events, ms, [ov(1, asad, "edit", "event_date", "2024-01-19")])
    e = next(e for e in out if e.event_id == asad)
    assert (e.event_date, e.date_earliest, e.date_latest, e.time_precision) == ("2024-01-19",) * 3 + (1,)


def test_edits_reapply_after_a_rerun_with_a_changed_extractor():
    ms, events = record()
    asad, _ = ids(events)
    overrides = [ov(1, asad, "edit", "killed", "1"), ov(2, asad, "confirm")]
    # The extractor changes: it now finds a later report of the same attack and fixes a figure.
    ms2 = [m.replace(munitions=12) if m.mention_id == "w#0" else m for m in ms]
    ms2.append(mention("y#0", "y", date="2024-01-20", weapon="rocket", role="background"))
    events2 = merge_mentions(ms2, sources=SOURCES, duplicate_of={})
    assert asad in {e.event_id for e in events2}  # the id survived the re-run
    out, orphans = apply(events2, ms2, overrides)
    e = next(e for e in out if e.event_id == asad)
    assert orphans == [] and e.killed == 1 and e.status == "confirmed" and e.munitions == 12
    assert len(e.sources) == 4


def test_orphans_are_reported_not_dropped():
    ms, events = record()
    gone = ov(1, "ev-000000000000", "edit", "killed", "1")
    out, orphans = apply(events, ms, [gone])
    assert orphans == [gone] and out == events


def test_merge_two_events():
    ms, events = record()
    asad, tanf = ids(events)
    out, orphans = apply(events, ms, [ov(1, tanf, "edit", "killed", "3"), ov(2, asad, "merge", value=tanf),
                                      ov(3, tanf, "edit", "injured", "5")])
    assert orphans == [] and len(out) == 1
    (e,) = out
    assert e.event_id == asad and len(e.sources) == 4 and e.status == "edited"
    assert e.killed == 3  # B's edit survives the merge
    assert e.injured == 5  # an override addressed to B after the merge follows it to A
    assert set(e.mention_ids) == {"w#0", "r#0", "c#0", "x#0"}


def test_merge_with_missing_partner_is_orphaned():
    ms, events = record()
    asad, _ = ids(events)
    o = ov(1, asad, "merge", value="ev-gone")
    out, orphans = apply(events, ms, [o])
    assert orphans == [o] and out == events


def test_split_is_deterministic_and_reapplies():
    ms, events = record()
    asad, _ = ids(events)
    split = ov(1, asad, "split", value=["c#0"])
    out, orphans = apply(events, ms, [ov(0, asad, "edit", "killed", "0"), split])
    by = {e.event_id: e for e in out}
    new_id = split_event_id(asad, ["c#0"])
    assert orphans == [] and set(by) == {asad, new_id, ids(events)[1]}
    assert by[new_id].mention_ids == ("c#0",) and by[new_id].actor1_basis == "claimed"
    assert by[asad].mention_ids == ("r#0", "w#0") and by[asad].killed == 0
    again, _ = apply(*reversed(record()), [ov(0, asad, "edit", "killed", "0"), split])
    assert again == out


def test_split_that_would_empty_the_event_is_orphaned():
    ms, events = record()
    _, tanf = ids(events)
    o = ov(1, tanf, "split", value=["x#0"])
    out, orphans = apply(events, ms, [o])
    assert orphans == [o] and out == events


def test_split_of_mentions_no_longer_there_is_a_no_op():
    ms, events = record()
    asad, _ = ids(events)
    out, orphans = apply(events, ms, [ov(1, asad, "split", value=["zz#9"])])
    assert orphans == [] and [e.replace(override_ids=()) for e in out] == events
    # nothing changed, but the analyst's action is still part of the event's history
    assert next(e for e in out if e.event_id == asad).override_ids == (1,)


def test_invalid_stored_edit_becomes_an_orphan():
    ms, events = record()
    asad, _ = ids(events)
    o = ov(1, asad, "edit", "killed", "many")
    _, orphans = apply(events, ms, [o])
    assert orphans == [o]
