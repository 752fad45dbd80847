"""Incremental merging (salvo.remerge) gives exactly what a full re-merge gives, on a real SQLite store.

Random articles arrive in random batch orders; between batches articles are replaced or deleted,
near-duplicate groups join, and analyst overrides (edit, reject, confirm, merge, split) are made.
After every step the stored events must equal the full path's: every mention merged from scratch
and every override replayed (what `salvo reprocess` does).
"""

from __future__ import annotations

import hashlib

from hypothesis import HealthCheck, given, settings, strategies as st

from salvo.merge import merge_mentions
from salvo.model import Article, Extraction, Override
from salvo.overrides import apply_overrides
from salvo.pipeline import delete_article, duplicate_groups, rebuild_events, record_override, sources
from salvo.remerge import remerge
from salvo.store import Store
from test_merge_properties import ARTICLES, one_mention

PROPOSE = 0.3


def full(store: Store, propose: float = PROPOSE) -> list:
    """The full path's events, computed without writing anything."""
    ms = store.mentions()
    srcs, dup = sources(store), duplicate_groups(store)
    events = merge_mentions(ms, sources=srcs, duplicate_of=dup, propose_below=propose)
    events, _ = apply_overrides(events, store.overrides(), mentions_by_id={m.mention_id: m for m in ms},
                                sources=srcs, duplicate_of=dup)
    return events


def put(store: Store, aid: str, version: int, ms, published) -> None:
    text = f"{aid} version {version}"
    a = Article(aid, text, text, published=published, content_hash=hashlib.sha1(text.encode()).hexdigest())
    with store.transaction():
        if store.article_hash(aid) is not None:  # a replaced article: as the ingest does it
            store.queue_remerge_articles([aid, *store.drop_near(aid)])
        store.put_article(a, minhash=None, batch_id=None)
        store.set_near_group(aid, aid)
        store.put_extraction(Extraction(aid, True, tuple(m.replace(mention_id=f"{aid}#{version}.{k}")
                                                         for k, m in enumerate(ms))))


@st.composite
def histories(draw):
    steps = []
    for _ in range(draw(st.integers(2, 7))):
        what = draw(st.sampled_from(["batch", "batch", "batch", "replace", "delete", "group", "override"]))
        if what in ("batch", "replace"):
            arts = draw(st.lists(st.sampled_from(ARTICLES), min_size=1, max_size=3, unique=True))
            steps.append((what, [(a, draw(st.lists(one_mention("x", a), min_size=0, max_size=3)),
                                  draw(st.sampled_from([None, "2024-01-12", "2024-01-20"]))) for a in arts]))
        elif what == "delete":
            steps.append((what, draw(st.sampled_from(ARTICLES))))
        elif what == "group":
            steps.append((what, draw(st.lists(st.sampled_from(ARTICLES), min_size=2, max_size=3, unique=True))))
        else:
            steps.append((what, (draw(st.sampled_from(["edit", "reject", "confirm", "merge", "split"])),
                                 draw(st.integers(0, 1000)), draw(st.integers(0, 1000)), draw(st.integers(0, 3)))))
    return steps


def apply_step(store: Store, step, versions: dict) -> None:
    what, arg = step
    if what in ("batch", "replace"):
        for aid, ms, published in arg:
            versions[aid] = versions.get(aid, 0) + 1
            put(store, aid, versions[aid], ms, published)
        remerge(store, propose_below=PROPOSE)
    elif what == "delete":
        if store.article_hash(arg) is not None:
            delete_article(store, Override(0, arg, "delete", "article", None, "gone", "t"), propose_below=PROPOSE)
    elif what == "group":
        stored = [a for a in arg if store.article_hash(a) is not None]
        if len(stored) > 1:  # a new copy bridging groups makes them one (salvo.ingest.dedup)
            with store.transaction():
                groups = sorted({store.near_group(a) or a for a in stored})
                store.queue_remerge_articles(store.merge_near_groups(groups[0], groups[1:]))
                remerge(store, propose_below=PROPOSE)
    else:
        action, i, j, n = arg
        events = store.events()
        if not events:
            return
        e, other = events[i % len(events)], events[j % len(events)]
        if action == "edit":
            o = Override(0, e.event_id, "edit", "killed", n, "seen", "t")
        elif action == "merge":
            if other.event_id == e.event_id:
                return
            o = Override(0, e.event_id, "merge", None, other.event_id, "one attack", "t")
        elif action == "split":
            if len(e.mention_ids) < 2:
                return
            o = Override(0, e.event_id, "split", None, [e.mention_ids[n % len(e.mention_ids)]], "two", "t")
        else:
            o = Override(0, e.event_id, action, None, None, "checked", "t")
        record_override(store, o, propose_below=PROPOSE)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(histories())
def test_incremental_equals_full(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("inc") / "s.db"
    with Store.open(path) as store:
        store.set_meta("lsh_scheme", "test")  # groups come from near_groups, as after any ingest
        rebuild_events(store, propose_below=PROPOSE)  # an empty store starts in the incremental state
        versions: dict = {}
        for step in steps:
            apply_step(store, step, versions)
            assert store.events() == full(store), step


def test_a_batch_rewrites_only_the_events_it_changes(tmp_path):
    from test_merge_helpers import mention

    with Store.open(tmp_path / "s.db") as store:
        rebuild_events(store)
        put(store, "a", 1, [mention("x", "a", site="ain_al_asad", date="2024-01-10")], "2024-01-10")
        put(store, "b", 1, [mention("x", "b", site="al_tanf", date="2024-02-01")], "2024-02-01")
        remerge(store)
        before = {e.event_id: e for e in store.events()}
        put(store, "c", 1, [mention("x", "c", site="al_tanf", date="2024-02-01")], "2024-02-02")
        writes = []
        store.conn.raw.set_trace_callback(lambda sql: writes.append(sql) if "INTO events" in sql or
                                      "DELETE FROM events" in sql else None)
        remerge(store)
        store.conn.raw.set_trace_callback(None)
        after = {e.event_id: e for e in store.events()}
        assert after == {e.event_id: e for e in full(store, 0.0)}
    # the al-Tanf event gained a source and is rewritten (its old row deleted, the new one inserted);
    # the Ain al-Asad one was left alone
    assert sum("INTO events" in w for w in writes) == 1 and sum("DELETE FROM events" in w for w in writes) <= 1
    (asad,) = [i for i, e in before.items() if e.site_id == "ain_al_asad"]
    assert after[asad] == before[asad]
