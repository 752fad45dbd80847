"""Official tallies against the record."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from salvo.coverage import TallyCoverage, coverage, dedupe_tallies
from salvo.merge import build_event
from salvo.model import Evidence, Tally
from test_merge_helpers import mention, span

COUNTRIES = ("Iraq", "Syria", "Jordan")


def tally(tid, article, count, as_of, *, what="attacks", since="2023-10-17", breakdown=None, qualifier=None):
    return Tally(tid, article, what, count, qualifier=qualifier, since=since, as_of=as_of, breakdown=breakdown,
                 speaker="Pentagon spokesperson", evidence=(Evidence(article, 0, 5, "count"),))


def event(mid, site, date, **kw):
    status = kw.pop("status", "auto")
    return build_event([mention(mid, mid, site=site, date=date, **kw)], sources={}, duplicate_of={}).replace(status=status)


def record():
    return [
        event("a", "ain_al_asad", "2023-10-18", injured=2),
        event("b", "al_tanf", "2023-10-18", injured=20),
        event("c", "conoco", "2023-10-19"),
        event("d", "erbil_airbase", "2023-10-25"),
        event("e", "ain_al_asad", "2023-10-16"),  # before the window
        event("f", "ain_al_asad", "2023-10-20", status="rejected"),
        event("g", "ain_al_asad", "2023-10-21", kind="response"),
        event("h", "tower_22", span("2023-10-20", "2023-10-23")),  # bounds inside the window
        event("i", "erbil_airbase", span("2023-10-22", "2023-10-30")),  # straddles as_of
    ]


def test_time_order_and_dedup_across_articles():
    ts = [
        tally("t3", "art3", 78, "2023-12-07", qualifier="about"),
        tally("t1", "art1", 13, "2023-10-24"),
        tally("t1b", "art2", 13, "2023-10-25", since=None),  # the same briefing, reported next day
        tally("t2", "art2", 38, "2023-11-09", breakdown={"Iraq": 20, "Syria": 18}),
    ]
    out = coverage(ts, record(), countries=COUNTRIES)
    assert [c.count for c in out] == [13, 38, 78]
    first = out[0]
    assert isinstance(first, TallyCoverage)
    assert first.sources == ("art1", "art2") and first.tally_ids == ("t1", "t1b")
    assert first.since == "2023-10-17" and len(first.evidence) == 2


def test_record_count_window_countries_status_and_kind():
    out = coverage([tally("t1", "art1", 13, "2023-10-24")], record(), countries=COUNTRIES)
    (c,) = out
    # a, b, c, h: in the window; not e (before), f (rejected), g (response), d (after), i (straddles).
    assert c.record_count == 4 and c.ratio == round(4 / 13, 3)
    assert c.record_possible == 1
    assert c.countries == tuple(sorted(COUNTRIES))


def test_breakdown_restricts_countries():
    t = tally("t2", "art2", 38, "2023-11-09", breakdown={"Iraq": 20, "Syria": 18})
    (c,) = coverage([t], record(), countries=COUNTRIES)
    assert c.countries == ("Iraq", "Syria")
    assert c.record_breakdown == {"Iraq": 3, "Syria": 2}  # a, d, i / b, c (h is in Jordan)
    assert c.record_count == 5


def test_injured_tally_sums_reported_injuries():
    t = tally("t4", "art4", 66, "2023-12-04", what="injured")
    (c,) = coverage([t], record(), countries=COUNTRIES)
    assert c.record_count == 22 and c.ratio == round(22 / 66, 3)


def test_tally_without_window_has_no_ratio():
    (c,) = coverage([tally("t5", "a", 10, None)], record())
    assert c.record_count is None and c.ratio is None


def test_different_figures_are_not_merged_and_chains_do_not_grow():
    ts = [tally(f"t{i}", f"a{i}", 40, f"2023-11-0{i}") for i in range(1, 5)]
    groups = dedupe_tallies(ts)
    assert [[t.tally_id for t in g] for g in groups] == [["t1", "t2"], ["t3", "t4"]]
    assert len(dedupe_tallies([tally("x", "a", 40, "2023-11-01"), tally("y", "b", 41, "2023-11-01")])) == 2


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([13, 38, 78]), st.integers(1, 20)), max_size=12), st.randoms(use_true_random=False))
def test_coverage_is_order_independent(specs, rnd):
    ts = [tally(f"t{i}", f"a{i}", n, f"2023-11-{d:02d}") for i, (n, d) in enumerate(specs)]
    shuffled = list(ts)
    rnd.shuffle(shuffled)
    assert coverage(shuffled, record(), countries=COUNTRIES) == coverage(ts, record(), countries=COUNTRIES)
    out = coverage(ts, record(), countries=COUNTRIES)
    assert [c.as_of for c in out] == sorted(c.as_of for c in out)
    assert sum(len(c.tally_ids) for c in out) == len(ts)
