"""Cross-article merging: the five-reports case, consecutive days, conflicts, blocking."""

from __future__ import annotations

import random

import pytest

from salvo.merge import (
    build_event, compatible, duplicate_groups, event_id_for, merge_mentions, weapons_compatible,
)
from salvo.model import to_dict
from test_merge_helpers import mention, place, source, span

# The tests/fixtures/merge_set reports, coded by hand as extraction would code them.
SOURCES = {
    "m1": source("m1", "2024-01-20", "Levant Wire Service"),
    "m2": source("m2", "2024-01-20", "Gulf Daily Digest"),
    "m3": source("m3", "2024-01-21", "The Capital Tab"),
    "m4": source("m4", "2024-01-20", "Militia Monitor"),
    "m5": source("m5", "2024-01-27", "Gulf Daily Digest"),
    "m6": source("m6", "2023-11-09", "Pentagon Press Digest"),
    "m7": source("m7", "2023-11-10", "Levant Wire Service"),
}
IRI = "Islamic Resistance in Iraq"


def five_reports():
    return [
        mention("m1#0", "m1", date="2024-01-20", weapon="rocket", munitions=14, munitions_text="14",
                actor1=IRI, actor1_basis="claimed", injured=0, outcome="hit"),
        mention("m2#0", "m2", date="2024-01-20", weapon="rocket", munitions=14, munitions_text="A total of 14",
                actor1=IRI, actor1_basis="claimed", injured=0, outcome="hit"),
        mention("m3#0", "m3", date="2024-01-20", weapon="rocket", munitions=12, munitions_text="more than a dozen",
                actor1=IRI, actor1_basis="claimed", injured=2),
        mention("m4#0", "m4", date="2024-01-20", weapon="rocket", actor1=IRI, actor1_basis="claimed"),
        mention("m5#0", "m5", date="2024-01-20", weapon="rocket", role="background"),
    ]


def euphrates():
    site = dict(place=place("green_village"))
    return [
        mention("m6#0", "m6", date="2023-11-09", weapon="drone", injured=0, outcome="damage", **site),
        mention("m7#0", "m7", date="2023-11-10", weapon="rocket", injured=0, outcome="no_damage", **site),
        mention("m7#1", "m7", date="2023-11-09", weapon="drone", outcome="damage", role="background", **site),
    ]


def test_five_reports_one_event_with_all_sources():
    (e,) = merge_mentions(five_reports(), sources=SOURCES, duplicate_of={})
    assert [s.article_id for s in e.sources] == ["m1", "m2", "m4", "m3", "m5"]  # by publication, then id
    assert e.independent_sources == 5
    assert e.event_date == "2024-01-20" and e.time_precision == 1
    assert e.site_id == "ain_al_asad" and e.country == "Iraq"
    assert (e.weapon, e.munitions, e.actor1, e.actor1_basis) == ("rocket", 14, IRI, "claimed")
    assert e.role == "main"
    assert len(e.evidence) == 5 and len(e.mention_ids) == 5


def test_near_duplicates_count_once():
    # m2 is a syndicated copy of m1: five sources, four independent ones, lower confidence.
    (alone,) = merge_mentions(five_reports(), sources=SOURCES, duplicate_of={})
    (dup,) = merge_mentions(five_reports(), sources=SOURCES, duplicate_of={"m2": "m1"})
    assert len(dup.sources) == 5
    assert dup.independent_sources == 4
    assert dup.confidence < alone.confidence


def test_conflicts_are_kept_and_the_conservative_figure_shown():
    (e,) = merge_mentions(five_reports(), sources=SOURCES, duplicate_of={})
    conflicts = {c.field: c for c in e.conflicts}
    assert e.injured == 0  # ACLED: lowest figure
    assert set(conflicts["injured"].values) == {(0, "m1"), (0, "m2"), (2, "m3")}
    assert conflicts["injured"].chosen == 0
    # "more than a dozen" is not a definite number: the lowest *definite* figure is 14.
    assert e.munitions == 14
    assert ("more than a dozen", "m3") in conflicts["munitions"].values
    assert "weapon" not in conflicts and "actor1" not in conflicts  # everyone agreed


def test_lowest_killed_and_hedged_only_munitions():
    ms = [
        mention("a#0", "a", weapon="drone", killed=3, munitions=3, munitions_text="about three"),
        mention("b#0", "b", weapon="drone", killed=1, munitions=2, munitions_text="at least two"),
    ]
    (e,) = merge_mentions(ms, sources={}, duplicate_of={})
    assert e.killed == 1 and e.munitions == 2
    assert {c.field for c in e.conflicts} >= {"killed", "munitions"}


def test_consecutive_days_same_base_stay_apart():
    events = merge_mentions(euphrates(), sources=SOURCES, duplicate_of={})
    assert len(events) == 2
    by_date = {e.event_date: e for e in events}
    assert by_date["2023-11-09"].mention_ids == ("m6#0", "m7#1")
    assert by_date["2023-11-10"].mention_ids == ("m7#0",)
    assert by_date["2023-11-09"].weapon == "drone"


def test_consecutive_days_even_with_the_same_weapon():
    ms = [mention("a#0", "a", date="2023-11-09", weapon="rocket"), mention("b#0", "b", date="2023-11-10", weapon="rocket")]
    assert len(merge_mentions(ms, sources={}, duplicate_of={})) == 2


def test_whole_fixture_gives_three_events():
    events = merge_mentions(five_reports() + euphrates(), sources=SOURCES, duplicate_of={})
    assert sorted(len(e.sources) for e in events) == [1, 2, 5]


def test_imprecise_date_joins_within_one_day():
    week = span("2024-01-21", "2024-01-27")  # "last week", one day off the exact report
    ms = [mention("a#0", "a", date="2024-01-20"), mention("b#0", "b", date=week)]
    (e,) = merge_mentions(ms, sources={}, duplicate_of={})
    assert e.event_date == "2024-01-20" and ("2024-01-21/2024-01-27", "b") in e.conflicts[0].values


def test_vague_report_between_two_attacks_stays_alone():
    # "an attack on Ain al-Asad this week" fits both the Monday and the Thursday attack.
    ms = [
        mention("a#0", "a", date="2024-01-15"),
        mention("b#0", "b", date="2024-01-18"),
        mention("c#0", "c", date=span("2024-01-14", "2024-01-20")),
    ]
    events = merge_mentions(ms, sources={}, duplicate_of={})
    assert sorted(e.mention_ids for e in events) == [("a#0",), ("b#0",), ("c#0",)]


def test_province_level_report_attaches_only_when_unambiguous():
    anbar = place(admin1="Anbar", country="Iraq")
    ms = [mention("a#0", "a"), mention("b#0", "b", place=anbar)]
    (e,) = merge_mentions(ms, sources={}, duplicate_of={})
    assert e.site_id == "ain_al_asad" and e.geo_precision == 1
    # A second attack in Anbar the same day (al-Taqaddum) makes "a base in Anbar" ambiguous.
    ms.append(mention("c#0", "c", site="taqaddum_airbase"))
    assert len(merge_mentions(ms, sources={}, duplicate_of={})) == 3
    # ...but a report from another province never attaches.
    erbil = place(admin1="Erbil", country="Iraq")
    assert len(merge_mentions([mention("a#0", "a"), mention("d#0", "d", place=erbil)], sources={}, duplicate_of={})) == 2


def test_nearby_sites_merge_far_ones_do_not():
    near = [mention("a#0", "a", site="baghdad_airport"), mention("b#0", "b", site="baghdad_diplomatic_support_center")]
    assert len(merge_mentions(near, sources={}, duplicate_of={})) == 1
    far = [mention("a#0", "a", site="conoco"), mention("b#0", "b", site="green_village")]
    assert len(merge_mentions(far, sources={}, duplicate_of={})) == 2


def test_same_article_never_merged():
    ms = [mention("a#0", "a", weapon="rocket"), mention("a#1", "a", weapon="unknown")]
    assert len(merge_mentions(ms, sources={}, duplicate_of={})) == 2


def test_claim_attaches_to_attribution_but_two_claims_do_not():
    kh = "Kata'ib Hezbollah"
    attributed = mention("a#0", "a", weapon="drone", actor1=kh, actor1_basis="attributed")
    claim = mention("b#0", "b", weapon="drone", actor1=IRI, actor1_basis="claimed")
    (e,) = merge_mentions([attributed, claim], sources={}, duplicate_of={})
    assert (e.actor1, e.actor1_basis) == (IRI, "claimed")
    assert {v for v, _ in next(c for c in e.conflicts if c.field == "actor1").values} == {IRI, kh}
    other_claim = mention("c#0", "c", weapon="drone", actor1=kh, actor1_basis="claimed")
    assert not compatible(claim, other_claim)


@pytest.mark.parametrize("a,b,ok", [
    ("rocket", "indirect_fire", True), ("rocket", "unknown", True), ("mortar", "indirect_fire", True),
    ("rocket", "drone", False), ("drone", "missile", False), ("ied", "rocket", False),
])
def test_weapon_families(a, b, ok):
    assert weapons_compatible(a, b) is ok and weapons_compatible(b, a) is ok


def test_specific_weapon_beats_generic():
    ms = [mention("a#0", "a", weapon="indirect_fire"), mention("b#0", "b", weapon="rocket")]
    (e,) = merge_mentions(ms, sources={}, duplicate_of={})
    assert e.weapon == "rocket"


def test_kinds_and_countries_stay_apart():
    ms = [mention("a#0", "a"), mention("b#0", "b", kind="response")]
    assert len(merge_mentions(ms, sources={}, duplicate_of={})) == 2


def test_undated_or_unplaced_mentions_stay_single():
    ms = [
        mention("a#0", "a", date=span(None, None)),
        mention("b#0", "b", date=span(None, None)),
        mention("c#0", "c", place=place(country=None)),
        mention("d#0", "d", place=place(country=None)),
    ]
    assert len(merge_mentions(ms, sources={}, duplicate_of={})) == 4


def test_event_id_follows_the_earliest_published_source():
    ms = five_reports()
    (e,) = merge_mentions(ms, sources=SOURCES, duplicate_of={})
    assert e.event_id == event_id_for("m1#0")  # published 2024-01-20, smallest id among that day
    (alone,) = merge_mentions(ms[:1], sources=SOURCES, duplicate_of={})
    assert alone.event_id == e.event_id  # later sources joining leave the id alone


def test_duplicate_mentions_in_input_are_one():
    ms = five_reports()
    assert merge_mentions(ms + ms, sources=SOURCES, duplicate_of={}) == merge_mentions(ms, sources=SOURCES, duplicate_of={})


def test_confidence_rises_with_independent_sources():
    one = merge_mentions([mention("a#0", "a")], sources={}, duplicate_of={})[0]
    two = merge_mentions([mention("a#0", "a"), mention("b#0", "b")], sources={}, duplicate_of={})[0]
    assert one.confidence == 0.5 and two.confidence == 0.75  # (evidence: tests/test_review_tier.py)


def test_output_is_json_ready_and_order_free():
    ms = five_reports() + euphrates()
    first = merge_mentions(ms, sources=SOURCES, duplicate_of={"m2": "m1"})
    random.Random(4).shuffle(ms)
    assert merge_mentions(ms, sources=SOURCES, duplicate_of={"m2": "m1"}) == first
    assert all(isinstance(to_dict(e), dict) for e in first)


def test_build_event_uses_given_id():
    e = build_event(five_reports()[:2], sources=SOURCES, duplicate_of={}, event_id="ev-x")
    assert e.event_id == "ev-x" and len(e.sources) == 2


def test_duplicate_groups_from_store_links():
    links = {"b": [("c", 0.9)], "c": [("b", 0.9), ("a", 0.8)], "a": [("c", 0.8)], "x": [("y", 0.95)]}
    assert duplicate_groups(links) == {"a": "a", "b": "a", "c": "a", "x": "x", "y": "x"}


def test_events_survive_the_store_round_trip():
    from salvo.store.db import Store

    events = merge_mentions(five_reports() + euphrates(), sources=SOURCES, duplicate_of={"m2": "m1"})
    store = Store.open(":memory:")
    store.replace_events(events)
    assert sorted(store.events(), key=lambda e: e.event_id) == sorted(events, key=lambda e: e.event_id)
