"""Incremental merging: re-merge only what a batch or an edit touched, with the same result as a full merge.

Why it is exact. Merging (:mod:`salvo.merge`) clusters each connected component of the graph of
compatible mention pairs on its own: ambiguity looks at a mention's neighbours, edges are taken in
an order fixed by their content, and a union only looks at the two clusters. So the events of a
component depend on that component alone, and a batch changes only the components holding its new,
removed or regrouped mentions. :func:`remerge` finds those components by walking compatible
neighbours through the ``mention_blocks`` index (country and day span), re-clusters them with
:func:`salvo.merge.merge_mentions`, and swaps their machine events.

Analyst overrides are replayed on the *region* they can reach: starting from the changed machine
events, every override sharing an event id, a mention id or an article id with the region joins it,
and so does every machine event sharing one with those overrides, until nothing is added. Overrides
only ever act on events they reach this way (by id, through merges, or by their anchor's mentions and
articles), so replaying the region's overrides on the region's events gives what a full replay gives
there; only events whose stored JSON differs are written. Orphaned overrides are reported for the
region re-merged (a full `salvo reprocess` reports every one).

Concurrency: everything runs under the store's write lock (one transaction), so a second ingest
merges after the first has committed and sees its mentions.
"""

from __future__ import annotations

from typing import Iterable, Optional, Sequence

from salvo.merge import DATE_SLACK, MAX_SPAN_DAYS, _compatible, _M, build_event, merge_mentions
from salvo.model import Event, Mention, Override, Source

MERGE_STATE = "blocks-1"  # what store_meta 'merge_state' says once mention_blocks is complete
SPAN = MAX_SPAN_DAYS + 2 * DATE_SLACK + 1  # longest stored day span, with room for the slack


def block_row(m: Mention, event_id: str) -> tuple:
    x = _M(m, 0, m.article_id, None)
    return (m.mention_id, m.article_id, x.country, x.lo, x.hi, _ship(x), event_id)


def _ship(x: _M) -> Optional[str]:
    return getattr(x, "ship", None)  # the vessel key, where merging has one (one ship merges across places)


def _near(store, country: Optional[str], lo: int, hi: int, ship: Optional[str]) -> list:
    """Merged mentions that may be compatible with one in ``country`` (or naming ``ship``) on lo..hi."""
    out = store.merged_near(country, lo - DATE_SLACK, hi + DATE_SLACK, SPAN) if country is not None else []
    if ship is not None:
        out += store.merged_near(None, lo - DATE_SLACK, hi + DATE_SLACK, SPAN, ship=ship)
    return out


def _sources(store, article_ids: Iterable[str]) -> dict[str, Source]:
    return {r["article_id"]: Source(r["article_id"], r["url"], r["outlet"], r["published"])
            for r in store.source_rows(article_ids)}


def _component(store, seeds: Sequence[Mention], windows: Sequence[tuple]) -> tuple[dict[str, Mention], set[str]]:
    """Mentions connected to ``seeds`` or to the removed mentions' ``windows`` by compatible pairs,
    and the machine events they were in."""
    found: dict[str, Mention] = {m.mention_id: m for m in seeds}
    old_events: set[str] = set()
    frontier = list(seeds)
    for country, lo, hi, ship in windows:  # a removed mention: everything that could have been its neighbour
        for eid, m in _near(store, country, lo, hi, ship):
            old_events.add(eid)
            if m.mention_id not in found:
                found[m.mention_id] = m
                frontier.append(m)
    looked: dict[tuple, list] = {}
    while frontier:
        m = frontier.pop()
        x = _M(m, 0, m.article_id, None)
        if not x.usable:
            continue
        key = (x.country, x.lo, x.hi, _ship(x))
        if key not in looked:
            looked[key] = _near(store, *key[:3], key[3])
        for eid, other in looked[key]:
            if other.mention_id in found:
                continue
            if _compatible(x, _M(other, 1, other.article_id, None)):
                found[other.mention_id] = other
                frontier.append(other)
    old_events |= store.machine_events_of(mentions=found)
    return found, old_events


def _override_keys(o: Override) -> set[str]:
    from salvo.overrides import split_event_id

    keys = {"e:" + o.event_id}
    if o.action == "merge" and isinstance(o.value, str):
        keys.add("e:" + o.value)
    if o.action == "split" and isinstance(o.value, (list, tuple)) and o.value:
        keys.add("e:" + split_event_id(o.event_id, list(o.value)))
        keys |= {"m:" + str(v) for v in o.value}
    for anchor in (o.anchor or {}, (o.anchor or {}).get("other") or {}):
        keys |= {"m:" + str(v) for v in anchor.get("mention_ids") or ()}
        keys |= {"a:" + str(v) for v in anchor.get("article_ids") or ()}
    return keys


def _event_keys(eid: str, ms: Sequence[Mention]) -> set[str]:
    return {"e:" + eid} | {"m:" + m.mention_id for m in ms} | {"a:" + m.article_id for m in ms}


def _region(store, machine: dict[str, list[Mention]], extra_keys: set[str], overrides: Sequence[Override]):
    """Grow (machine events, overrides) until no override or machine event outside shares a key."""
    by_key: dict[str, list[Override]] = {}
    okeys = {}
    for o in overrides:
        if o.action == "delete":
            continue
        okeys[o.override_id] = _override_keys(o)
        for k in okeys[o.override_id]:
            by_key.setdefault(k, []).append(o)
    chosen: dict[int, Override] = {}
    keys: set[str] = set()
    pending = set(extra_keys)
    for eid, ms in machine.items():
        pending |= _event_keys(eid, ms)
    while pending:
        keys |= pending
        reached: set[str] = set()
        kinds = {p: [k[2:] for k in pending if k.startswith(p)] for p in ("e:", "m:", "a:")}
        more = store.machine_events_of(events=kinds["e:"], mentions=kinds["m:"], articles=kinds["a:"]) - set(machine)
        for eid, ms in store.machine_event_mentions(more).items():
            machine[eid] = ms
            reached |= _event_keys(eid, ms)
        for k in pending:
            for o in by_key.get(k, ()):
                if o.override_id not in chosen:
                    chosen[o.override_id] = o
                    reached |= okeys[o.override_id]
        pending = reached - keys
    return machine, sorted(chosen.values(), key=lambda o: o.override_id), keys


def remerge(store, *, propose_below: float = 0.0, overrides_made: Sequence[Override] = ()) -> tuple[int, list]:
    """Re-merge what changed since the last merge (inside the caller's transaction, or its own).

    What changed: mentions not merged yet, the merge queue (mentions of replaced, deleted or
    regrouped articles), and ``overrides_made`` (just stored). Returns (events in the store, orphaned
    overrides of the re-merged region).
    """
    from salvo.overrides import apply_overrides

    with store.transaction():
        if store.meta("merge_state") != MERGE_STATE:
            from salvo.pipeline import rebuild_events

            return rebuild_events(store, propose_below=propose_below)
        seeds = store.unmerged_mentions()
        queued = store.merge_queue()
        if not seeds and not queued and not overrides_made:
            return store.event_count(), []
        windows = [(c, lo, hi, ship) for c, lo, hi, ship, _ in queued if lo is not None]
        found, old_events = _component(store, seeds, windows)
        old_events |= {eid for *_, eid in queued}
        ms = list(found.values())
        arts = {m.article_id for m in ms}
        srcs, dup = _sources(store, arts), store.near_duplicate_of(arts)
        fresh = merge_mentions(ms, sources=srcs, duplicate_of=dup, propose_below=propose_below)
        by_id = {m.mention_id: m for m in ms}
        machine = {e.event_id: [by_id[i] for i in e.mention_ids] for e in fresh}
        blocks = [block_row(by_id[i], e.event_id) for e in fresh for i in e.mention_ids]
        store.set_blocks(blocks)  # first: the region is looked up in the new state
        extra = {"e:" + eid for eid in old_events}
        for o in overrides_made:
            extra |= _override_keys(o)
        machine, overrides, keys = _region(store, machine, extra, store.overrides())
        # machine events the region reached but did not re-cluster are rebuilt as they are
        region_ms = {m.mention_id: m for v in machine.values() for m in v}
        arts = {m.article_id for m in region_ms.values()}
        srcs, dup = _sources(store, arts), store.near_duplicate_of(arts)
        fresh_ids = {e.event_id for e in fresh}
        events: list[Event] = list(fresh)
        for eid, v in machine.items():
            if eid not in fresh_ids:
                e = build_event(v, sources=srcs, duplicate_of=dup, event_id=eid)
                events.append(e.replace(status="proposed") if e.confidence < propose_below else e)
        final, orphans = apply_overrides(events, overrides, mentions_by_id=region_ms, sources=srcs, duplicate_of=dup)
        drop = {k[2:] for k in keys if k.startswith("e:")} | set(machine) | old_events
        store.write_events(final, drop=drop)
        return store.event_count(), list(orphans)
