"""Property tests (Hypothesis) for the merge rules: order, idempotence, id stability, invariants."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from salvo.merge import compatible, merge_mentions
from salvo.model import DateSpan, Mention
from test_merge_helpers import mention, place, source

BASE = dt.date(2024, 1, 10)
ARTICLES = [f"art{i}" for i in range(7)]
SITE_CHOICES = ["ain_al_asad", "taqaddum_airbase", "baghdad_airport", "baghdad_diplomatic_support_center", "al_tanf"]
ACTORS = [(None, "unknown"), ("Islamic Resistance in Iraq", "claimed"), ("Kata'ib Hezbollah", "attributed"),
          ("Kata'ib Hezbollah", "claimed")]


@st.composite
def date_spans(draw) -> DateSpan:
    offset = draw(st.integers(0, 5))
    d = (BASE + dt.timedelta(days=offset)).isoformat()
    if draw(st.booleans()):
        return DateSpan(event_date=d, date_earliest=d, date_latest=d, time_precision=1)
    width = draw(st.integers(1, 6))
    hi = (BASE + dt.timedelta(days=offset + width)).isoformat()
    return DateSpan(event_date=None, date_earliest=d, date_latest=hi, time_precision=2)


@st.composite
def one_mention(draw, mid: str, article: str) -> Mention:
    where = draw(st.sampled_from(SITE_CHOICES + ["<anbar>", "<iraq>"]))
    if where == "<anbar>":
        p = place(admin1="Anbar", country="Iraq")
    elif where == "<iraq>":
        p = place(country="Iraq")
    else:
        p = place(where, precision=draw(st.sampled_from([1, 2])))
    actor, basis = draw(st.sampled_from(ACTORS))
    return mention(
        mid, article, place=p, date=draw(date_spans()),
        kind=draw(st.sampled_from(["attack", "attack", "attack", "response"])),
        weapon=draw(st.sampled_from(["rocket", "drone", "unknown", "indirect_fire"])),
        munitions=draw(st.none() | st.integers(1, 20)),
        injured=draw(st.none() | st.integers(0, 3)),
        killed=draw(st.none() | st.integers(0, 2)),
        outcome=draw(st.sampled_from(["unknown", "hit", "intercepted"])),
        actor1=actor, actor1_basis=basis,
        role=draw(st.sampled_from(["main", "background"])),
        confidence=draw(st.sampled_from([0.3, 0.5, 0.8])),
    )


@st.composite
def corpora(draw):
    n = draw(st.integers(1, 18))
    per_article: dict[str, int] = {}
    ms = []
    for _ in range(n):
        art = draw(st.sampled_from(ARTICLES))
        k = per_article.get(art, 0)
        per_article[art] = k + 1
        ms.append(draw(one_mention(f"{art}#{k}", art)))
    sources = {a: source(a, draw(st.none() | st.sampled_from(["2024-01-12", "2024-01-13", "2024-01-20"])))
               for a in ARTICLES}
    # Syndicated copies: art1 and art2 reprint art0's wire story; art5 reprints art4.
    dup = draw(st.sampled_from([{}, {"art1": "art0", "art2": "art0"}, {"art5": "art4", "art1": "art0"}]))
    return ms, sources, dup


COMMON = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(corpora(), st.randoms(use_true_random=False))
def test_order_independent(data, rnd):
    ms, sources, dup = data
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    assert merge_mentions(shuffled, sources=sources, duplicate_of=dup) == merge_mentions(ms, sources=sources, duplicate_of=dup)


@COMMON
@given(corpora())
def test_idempotent(data):
    ms, sources, dup = data
    by_id = {m.mention_id: m for m in ms}
    events = merge_mentions(ms, sources=sources, duplicate_of=dup)
    again = merge_mentions([by_id[i] for e in events for i in e.mention_ids], sources=sources, duplicate_of=dup)
    assert again == events
    # Each event is a fixed point on its own: its mentions alone give it back, same id.
    for e in events:
        assert merge_mentions([by_id[i] for i in e.mention_ids], sources=sources, duplicate_of=dup) == [e]


@COMMON
@given(corpora())
def test_every_mention_lands_in_exactly_one_event(data):
    ms, sources, dup = data
    events = merge_mentions(ms, sources=sources, duplicate_of=dup)
    ids = [i for e in events for i in e.mention_ids]
    assert sorted(ids) == sorted(m.mention_id for m in ms)
    assert len({e.event_id for e in events}) == len(events)


@COMMON
@given(corpora())
def test_events_are_cliques_of_compatible_reports(data):
    """No two mentions of one event are incompatible: in particular two reports dated to
    different days (consecutive or not) are never one event, nor two from one article."""
    ms, sources, dup = data
    by_id = {m.mention_id: m for m in ms}
    for e in merge_mentions(ms, sources=sources, duplicate_of=dup):
        members = [by_id[i] for i in e.mention_ids]
        assert len({m.article_id for m in members}) == len(members)
        exact = {m.date.event_date for m in members if m.date.time_precision == 1}
        assert len(exact) <= 1
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                assert compatible(a, b), (a.mention_id, b.mention_id)
        assert 1 <= e.independent_sources <= len(e.sources) == len(members)
        assert 0 < e.confidence <= 1


@COMMON
@given(corpora(), st.sampled_from(["tower_22", "al_tanf"]), st.integers(0, 3))
def test_ids_stable_when_an_unrelated_mention_arrives(data, site, n):
    ms, sources, dup = data
    before = merge_mentions(ms, sources=sources, duplicate_of=dup)
    # Unrelated: a report months earlier (another attack entirely), possibly several.
    extra = [mention(f"new{i}#0", f"new{i}", site=site, date=f"2023-0{i + 1}-0{i + 1}") for i in range(n + 1)]
    after = merge_mentions(ms + extra, sources=sources, duplicate_of=dup)
    assert set(before) <= set(after)
    assert len(after) == len(before) + len(extra)


@COMMON
@given(st.lists(st.sampled_from(SITE_CHOICES), min_size=1, max_size=4), st.integers(2, 5),
       st.sampled_from(["rocket", "unknown", "drone"]))
def test_consecutive_day_attacks_never_merged(sites, reports, weapon):
    """Each site is attacked on two consecutive days, each attack reported by several outlets
    (with the weapon sometimes unknown): the days never fuse, each day's reports always do."""
    ms = []
    for s in dict.fromkeys(sites):
        for offset in (0, 1):
            d = (BASE + dt.timedelta(days=offset)).isoformat()
            for r in range(reports):
                art = f"{s}-{offset}-{r}"
                ms.append(mention(f"{art}#0", art, site=s, date=d, weapon=weapon if r else "unknown"))
    events = merge_mentions(ms, sources={}, duplicate_of={})
    for e in events:
        assert len({i.split("-")[1] for i in e.mention_ids}) == 1
    # Nearby sites (Baghdad airport / BDSC, 1.5 km) on the same day are one attack.
    days = {(e.event_date) for e in events}
    assert days == {BASE.isoformat(), (BASE + dt.timedelta(days=1)).isoformat()}
    assert all(len(e.mention_ids) >= reports for e in events)
