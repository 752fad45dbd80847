"""Cross-article event resolution: every Mention of one attack becomes one Event.

A wire story, its rewrites, a militia claim and a later background paragraph all describe the same
attack; GDELT would count five events, an ACLED coder codes one. This module does what the coder
does, as a pure function of (mentions, sources, near-duplicate groups) so it can run anywhere
(no database, no clock, no randomness).

How it works
------------
1. **Blocking.** Each mention is indexed under the days its date covers and its place: a 0.1°
   grid cell when the place is known to the site or "near" it (geo_precision 1-2), else its
   province (admin1), else its country. Candidate pairs come only from shared (day, place) blocks,
   so the work grows with the number of reports per day and place, not with the square of the
   whole record.
2. **Compatibility** (:func:`compatible`): same kind; different articles (an article's own
   mentions are already one per place/day/actor, so two of them are never one attack); places
   within :data:`NEAR_KM` or the same site (a province-level report matches anything in that
   province); dates equal when both are known to the day, else their bounds overlap allowing
   :data:`DATE_SLACK` day; weapons equal, one unknown, or the same family (rocket / indirect fire /
   mortar...), unless both name the same ship (outlets tell one ship's attack with other weapons);
   actors equal, one unknown, or not two different groups both *claiming* it.
3. **Ambiguity.** A vague report (date not known to the day, or place only to the province) that
   fits two attacks which cannot be one (two different days at one base, two bases in one
   province) is left on its own instead of being glued to one of them at random: it becomes its
   own low-confidence event an analyst can merge.
4. **Clustering.** Candidate pairs are taken best first (same site, same day, same weapon...,
   ties by mention id) and two clusters join only if *every* cross pair is compatible
   (complete linkage). So an imprecise report can never chain two different attacks together.
   Sorting on content and ids makes the result independent of input order, and because every
   cluster is a clique of compatible mentions, re-merging an event's own mentions gives it back.

Event ids
---------
``ev-`` + 12 hex of SHA-1 of the *anchor* mention id; the anchor is the mention whose article was
published first (ties and unknown dates: smallest mention id). A source published later joining
the event leaves the id alone, so analyst overrides keyed by event id keep applying after every
re-run. Ids are as stable as the extractor's mention ids.

Confidence
----------
How likely the event is a true attack. Each mention already carries its own confidence, set from
the evidence its article gives (salvo/confidence.py: a small logistic model over evidence
features: a named site or only a region, the day told, the US side named, a claim, the outcome
told, a restatement of an attack the article places at a site...; its weights are pack data,
fitted on the development part of the real-report set). Independent source groups (syndicated
copies are one group) corroborate: ``confidence = 1 - prod_g (1 - c_g)`` with c_g the best
mention of group g, so two sources at 0.5 give 0.75. Rounded to 3 decimals. The event's
``weak_evidence`` is that of its most confident mention. Events below the pack's
``review.propose_below`` get status ``proposed`` (see :func:`merge_mentions`); calibrated with
``scripts/calibrate.py``, which prints precision per confidence bin.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from salvo.geo.earth import km
from salvo.model import Conflict, Event, Mention, Source

NEAR_KM = 5.0  # Baghdad airport vs the Diplomatic Support Center (1.5 km), Embassy vs Union III (<1 km)
CELL_DEG = 0.1  # >= 9 km at these latitudes, so two points within NEAR_KM are in adjacent cells
DATE_SLACK = 1  # days, only when at least one side's date is not known to the day
MAX_SPAN_DAYS = 62  # "earlier this year": too vague to attach to any attack

# Reporters call one salvo "rockets", "indirect fire", "mortars" or "missiles"; drones are never
# confused with rockets in our samples, so they stay apart.
_WEAPON_PAIRS = {
    ("indirect_fire", "rocket"), ("indirect_fire", "mortar"), ("indirect_fire", "artillery"),
    ("rocket", "missile"), ("rocket", "mortar"), ("mortar", "artillery"),
}
COMPATIBLE_WEAPONS = frozenset(_WEAPON_PAIRS | {(b, a) for a, b in _WEAPON_PAIRS})
GENERIC_WEAPONS = ("unknown", "indirect_fire")
# Tie-break for outcome votes: the least severe claim wins (ACLED's conservative reading).
OUTCOME_SEVERITY = {"intercepted": 0, "missed": 1, "no_damage": 1, "damage": 2, "hit": 3, "seized": 4, "sunk": 5}
_ENDS = ("sunk", "seized")  # what a vessel suffered after the attack: it ends every account of it
# A number qualified like this is not a definite count ("more than a dozen" rockets).
HEDGES = ("more than", "at least", "over ", "about", "around", "roughly", "approximately", "nearly",
          "almost", "up to", "some ", "several", "dozens", "a dozen", "a number", "estimated", "~")


# --------------------------------------------------------------------------- per-mention facts


def _day(s: Optional[str]) -> Optional[int]:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10]).toordinal()
    except ValueError:
        return None


def _iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


class _M:
    """A mention with the facts compatibility needs, computed once."""

    __slots__ = ("m", "idx", "lo", "hi", "exact", "fine", "lat", "lon", "country", "admin1", "group",
                 "published", "ship")

    def __init__(self, m: Mention, idx: int, group: str, published: Optional[str]):
        self.m, self.idx, self.group, self.published = m, idx, group, published
        d = m.date
        day = _day(d.event_date)
        lo, hi = _day(d.date_earliest), _day(d.date_latest)
        # Known to the day: an event_date with precision 1 (or unstated precision and no wider bounds).
        self.exact = day is not None and (d.time_precision == 1 or (d.time_precision is None and lo in (None, day) and hi in (None, day)))
        if self.exact:
            lo = hi = day
        else:
            lo = lo if lo is not None else day
            hi = hi if hi is not None else day
            if lo is not None and hi is not None and (hi < lo or hi - lo > MAX_SPAN_DAYS):
                lo = hi = None
        self.lo, self.hi = lo, hi
        p = m.place
        self.country = p.country or p.iso
        self.admin1 = p.admin1
        self.lat, self.lon = p.latitude, p.longitude
        self.fine = self.lat is not None and self.lon is not None and p.geo_precision in (1, 2)
        # the vessel attacked, as a key: outlets give one ship's position differently
        self.ship = " ".join(m.ship.name.lower().split()) if m.ship is not None else None

    @property
    def vague(self) -> bool:
        return not (self.exact and self.fine)

    @property
    def usable(self) -> bool:
        return self.lo is not None and self.country is not None


def _date_ok(a: _M, b: _M) -> bool:
    if a.exact and b.exact:
        return a.lo == b.lo  # two attacks on consecutive days at one base stay two
    return a.lo <= b.hi + DATE_SLACK and b.lo <= a.hi + DATE_SLACK


def _place_ok(a: _M, b: _M) -> bool:
    if a.country != b.country:
        return False
    if a.fine and b.fine:
        sa, sb = a.m.place.site_id, b.m.place.site_id
        return (sa is not None and sa == sb) or km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM
    # A province-level report matches only places known to lie in that province (which is also
    # what keeps blocking on admin1 complete).
    coarse = [x for x in (a, b) if not x.fine]
    for c in coarse:
        other = b if c is a else a
        if c.admin1 is not None and c.admin1 != other.admin1:
            return False
    return True


def weapons_compatible(a: str, b: str) -> bool:
    return a == b or a == "unknown" or b == "unknown" or (a, b) in COMPATIBLE_WEAPONS


def actors_compatible(a: Mention, b: Mention) -> bool:
    if not a.actor1 or not b.actor1 or a.actor1 == b.actor1:
        return True
    # Two groups each claiming it are two attacks; a claim vs an official's attribution, or two
    # officials blaming different members of one coalition, is a disagreement about one attack.
    return not (a.actor1_basis == "claimed" and b.actor1_basis == "claimed")


def _compatible(a: _M, b: _M) -> bool:
    same_ship = a.ship is not None and a.ship == b.ship
    return (
        a.m.kind == b.m.kind
        and a.m.pack == b.m.pack  # one theater's event is never another's
        and a.m.article_id != b.m.article_id
        and a.usable and b.usable
        and _date_ok(a, b)
        and (a.ship is None or b.ship is None or a.ship == b.ship)  # two ships named: two attacks
        and (same_ship or _place_ok(a, b))  # the same ship: one place
        # (one ship named by both on one day is one attack however the outlets name the weapon: the
        # sea convention counts a second strike on it that day in the same event)
        and (same_ship or weapons_compatible(a.m.weapon, b.m.weapon))
        and actors_compatible(a.m, b.m)
    )


def compatible(a: Mention, b: Mention) -> bool:
    """True when two mentions may describe the same attack (the merge rule, exposed for tests)."""
    return _compatible(_M(a, 0, a.article_id, None), _M(b, 1, b.article_id, None))


# --------------------------------------------------------------------------- blocking


def _cell(x: _M) -> tuple[int, int]:
    return (math.floor(x.lat / CELL_DEG), math.floor(x.lon / CELL_DEG))


def _candidate_pairs(ms: Sequence[_M]) -> set[tuple[int, int]]:
    """Pairs sharing a (day, place) block. Each mention is *stored* under the days it covers and
    *looks up* those days widened by the slack, which finds every pair :func:`_date_ok` accepts."""
    by_cell: dict[tuple, list[int]] = defaultdict(list)
    by_admin: dict[tuple, list[int]] = defaultdict(list)
    by_country: dict[tuple, list[int]] = defaultdict(list)
    by_ship: dict[tuple, list[int]] = defaultdict(list)
    for x in ms:
        if not x.usable:
            continue
        for day in range(x.lo, x.hi + 1):
            if x.ship is not None:
                by_ship[(day, x.ship)].append(x.idx)
            if x.fine:
                by_cell[(day,) + _cell(x)].append(x.idx)
            if x.admin1 is not None:
                by_admin[(day, x.country, x.admin1)].append(x.idx)
            by_country[(day, x.country)].append(x.idx)
    pairs: set[tuple[int, int]] = set()
    for x in ms:
        if not x.usable:
            continue
        slack = 0 if x.exact else DATE_SLACK
        for day in range(x.lo - slack, x.hi + slack + 1):
            if x.fine:
                cx, cy = _cell(x)
                buckets = [by_cell.get((day, cx + i, cy + j), ()) for i in (-1, 0, 1) for j in (-1, 0, 1)]
            elif x.admin1 is not None:
                buckets = [by_admin.get((day, x.country, x.admin1), ())]
            else:
                buckets = [by_country.get((day, x.country), ())]
            if x.ship is not None:
                buckets.append(by_ship.get((day, x.ship), ()))
            for bucket in buckets:
                for j in bucket:
                    if j != x.idx:
                        pairs.add((x.idx, j) if x.idx < j else (j, x.idx))
    return pairs


def _pair_key(a: _M, b: _M) -> tuple:
    """Best pairs first: agreement on specifics, then ids so ties never depend on input order."""
    ma, mb = a.m, b.m
    score = 0
    if ma.place.site_id is not None and ma.place.site_id == mb.place.site_id:
        score += 4
    elif a.fine and b.fine:
        score += 2
    if a.exact and b.exact:
        score += 4
    else:
        score -= min(a.hi - a.lo, b.hi - b.lo, 7) / 7  # narrower bounds agree more
    if ma.weapon == mb.weapon and ma.weapon != "unknown":
        score += 2
    if ma.actor1 and ma.actor1 == mb.actor1:
        score += 1
    if ma.munitions is not None and ma.munitions == mb.munitions:
        score += 1
    ids = sorted((ma.mention_id, mb.mention_id))
    return (-score, ids[0], ids[1])


# --------------------------------------------------------------------------- clustering


def _clusters(ms: list[_M]) -> list[list[_M]]:
    memo: dict[tuple[int, int], bool] = {}

    def ok(a: _M, b: _M) -> bool:  # _compatible is symmetric: each pair is decided once
        key = (a.idx, b.idx) if a.idx < b.idx else (b.idx, a.idx)
        r = memo.get(key)
        if r is None:
            r = memo[key] = _compatible(a, b)
        return r

    pairs = [(i, j) for i, j in _candidate_pairs(ms) if ok(ms[i], ms[j])]
    neighbours: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        neighbours[i].append(j)
        neighbours[j].append(i)
    ambiguous = set()
    for i, nb in neighbours.items():
        if ms[i].vague and len(nb) > 1 and not _all_compatible([ms[k] for k in nb], ok):
            ambiguous.add(i)
    edges = sorted(
        ((i, j) for i, j in pairs if i not in ambiguous and j not in ambiguous),
        key=lambda p: _pair_key(ms[p[0]], ms[p[1]]),
    )
    parent = list(range(len(ms)))
    members: dict[int, list[_M]] = {x.idx: [x] for x in ms}
    articles: dict[int, set[str]] = {x.idx: {x.m.article_id} for x in ms}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri == rj or not articles[ri].isdisjoint(articles[rj]):
            continue
        if not all(ok(a, b) for a in members[ri] for b in members[rj]):
            continue
        if len(members[ri]) < len(members[rj]):
            ri, rj = rj, ri
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
        articles[ri] |= articles.pop(rj)
    return list(members.values())


def _all_compatible(xs: list[_M], ok: Callable[[_M, _M], bool] = _compatible) -> bool:
    return all(ok(xs[i], xs[j]) for i in range(len(xs)) for j in range(i + 1, len(xs)))


# --------------------------------------------------------------------------- building events


def event_id_for(mention_id: str, salt: str = "") -> str:
    return "ev-" + hashlib.sha1((salt + mention_id).encode("utf-8")).hexdigest()[:12]


def _anchor_key(x: _M) -> tuple:
    return (x.published or "~", x.m.mention_id)  # "~" sorts after any date: undated go last


def _vote(pairs: Iterable[tuple[Any, str]], tiebreak: Callable[[Any], Any] = lambda v: str(v)) -> Any:
    """The value reported by the most independent source groups; ties by ``tiebreak``."""
    groups: dict[Any, set[str]] = defaultdict(set)
    for value, group in pairs:
        groups[value].add(group)
    if not groups:
        return None
    return min(groups, key=lambda v: (-len(groups[v]), tiebreak(v)))


def is_definite(m: Mention) -> bool:
    text = (m.munitions_text or "").lower()
    return m.munitions is not None and not any(h in text for h in HEDGES)


def _date_value(m: Mention) -> Optional[str]:
    d = m.date
    if d.event_date and d.time_precision in (1, None):
        return d.event_date
    if d.date_earliest or d.date_latest:
        return f"{d.date_earliest or '..'}/{d.date_latest or '..'}"  # ISO 8601 interval
    return d.event_date


def _conflict(field: str, values: list[tuple[Any, str]], chosen: Any) -> Optional[Conflict]:
    if len({v for v, _ in values}) < 2:
        return None
    return Conflict(field, tuple(sorted(values, key=lambda p: (p[1], str(p[0])))), chosen)


def _dates(xs: list[_M]) -> tuple[Optional[str], Optional[str], Optional[str], Optional[int]]:
    exact = sorted({x.lo for x in xs if x.exact})
    if exact:
        d = _iso(exact[0])  # complete linkage guarantees they are all the same day
        return d, d, d, 1
    spans = [(x.lo, x.hi) for x in xs if x.lo is not None]
    if not spans:
        raw = [x.m.date for x in xs]
        lo = min((d.date_earliest for d in raw if d.date_earliest), default=None)
        hi = max((d.date_latest for d in raw if d.date_latest), default=None)
        return None, lo, hi, None
    lo, hi = max(s[0] for s in spans), min(s[1] for s in spans)
    if lo > hi:  # bounds only touch within the slack: keep the hull, honestly wider
        lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    if lo == hi:
        return _iso(lo), _iso(lo), _iso(hi), 1
    return None, _iso(lo), _iso(hi), 2 if hi - lo <= 7 else 3


def _best(xs: list[_M]) -> _M:
    return max(xs, key=lambda x: (x.m.confidence, x.m.mention_id))


def _confidence(xs: list[_M]) -> float:
    best: dict[str, float] = {}
    for x in xs:
        best[x.group] = max(best.get(x.group, 0.0), min(1.0, max(0.0, x.m.confidence)))
    p_none = 1.0
    for c in best.values():
        p_none *= 1.0 - c
    return round(1.0 - p_none, 3)


def _build(xs: list[_M], sources: Mapping[str, Source], event_id: Optional[str] = None) -> Event:
    xs = sorted(xs, key=_anchor_key)
    anchor = xs[0]
    ms = [x.m for x in xs]
    conflicts: list[Conflict] = []

    def add(c: Optional[Conflict]) -> None:
        if c is not None:
            conflicts.append(c)

    event_date, lo, hi, time_precision = _dates(xs)
    add(_conflict("event_date", [(_date_value(m), m.article_id) for m in ms if _date_value(m)], event_date))

    weapons = [(m.weapon, x.group) for x, m in zip(xs, ms) if m.weapon != "unknown"]
    specific = [p for p in weapons if p[0] not in GENERIC_WEAPONS] or weapons
    weapon = _vote(specific) or "unknown"
    add(_conflict("weapon", [(m.weapon, m.article_id) for m in ms if m.weapon != "unknown"], weapon))

    definite = [m.munitions for m in ms if is_definite(m)]
    munitions = min(definite) if definite else min((m.munitions for m in ms if m.munitions is not None), default=None)
    add(_conflict("munitions", [(m.munitions if is_definite(m) else (m.munitions_text or m.munitions), m.article_id)
                                for m in ms if m.munitions is not None], munitions))

    figures = {}
    for name in ("killed", "injured"):  # ACLED: the lowest reported figure
        reported = [(getattr(m, name), m.article_id) for m in ms if getattr(m, name) is not None]
        figures[name] = min((v for v, _ in reported), default=None)
        add(_conflict(name, reported, figures[name]))

    # (a vessel one report tells as hit and another as sunk days later was sunk)
    ends = [m.outcome for m in ms if m.outcome in _ENDS]
    outcome = max(ends, key=lambda v: OUTCOME_SEVERITY.get(v, 9)) if ends else _vote(
        [(m.outcome, x.group) for x, m in zip(xs, ms) if m.outcome != "unknown"], lambda v: OUTCOME_SEVERITY.get(v, 9)) or "unknown"
    add(_conflict("outcome", [(m.outcome, m.article_id) for m in ms if m.outcome != "unknown"], outcome))
    typed = [x for x in xs if x.m.outcome == outcome] or xs
    event_type, sub_event_type = _vote([((x.m.event_type, x.m.sub_event_type), x.group) for x in typed])

    actor1, basis = _actor(xs)
    add(_conflict("actor1", [(m.actor1, m.article_id) for m in ms if m.actor1], actor1))

    actor2 = _vote([(m.actor2, x.group) for x, m in zip(xs, ms) if m.actor2])
    target = _vote([(m.target, x.group) for x, m in zip(xs, ms) if m.target])

    site_votes = Counter()
    for x in xs:
        site_votes[x.m.place.site_id or x.m.place.location] += 1
    best_place = min(xs, key=lambda x: (x.m.place.geo_precision or 9, -site_votes[x.m.place.site_id or x.m.place.location],
                                        x.m.place.site_id or "", x.m.place.location or "", x.m.mention_id)).m.place
    sites = [(m.place.site_id, m.article_id) for m in ms if m.place.site_id]
    add(_conflict("site_id", sites, best_place.site_id))

    srcs = {m.article_id: sources.get(m.article_id) or Source(m.article_id) for m in ms}
    evidence = sorted({e for m in ms for e in m.evidence}, key=lambda e: (e.article_id, e.start, e.end, e.text, e.supports))
    groups = {x.group for x in xs}
    return Event(
        event_id=event_id or event_id_for(anchor.m.mention_id),
        kind=anchor.m.kind,
        event_date=event_date, date_earliest=lo, date_latest=hi, time_precision=time_precision,
        event_type=event_type, sub_event_type=sub_event_type,
        weapon=weapon, munitions=munitions,
        actor1=actor1, actor1_basis=basis, actor2=actor2, target=target,
        location=best_place.location, site_id=best_place.site_id, admin1=best_place.admin1,
        country=best_place.country, iso=best_place.iso, latitude=best_place.latitude,
        longitude=best_place.longitude, geo_precision=best_place.geo_precision,
        killed=figures["killed"], injured=figures["injured"], outcome=outcome,
        sources=tuple(sorted(srcs.values(), key=lambda s: (s.published or "~", s.article_id))),
        evidence=tuple(evidence),
        confidence=_confidence(xs),
        status="auto",
        role="main" if any(m.role == "main" for m in ms) else "background",
        mention_ids=tuple(sorted(m.mention_id for m in ms)),
        conflicts=tuple(conflicts),
        independent_sources=len(groups),
        pack=anchor.m.pack,
        ship=_ship(ms),
        weak_evidence=_best(xs).m.weak_evidence,
    )


def _actor(xs: list[_M]) -> tuple[Optional[str], str]:
    """(actor1, basis): a claim beats a blame, a blame beats a group named on no one's word
    ("analysts believe ..."), which stays the actor with its basis unknown, not attributed."""
    named: dict[str, list] = {"claimed": [], "attributed": [], "unknown": []}
    for x in xs:
        if x.m.actor1:
            named.get(x.m.actor1_basis, named["unknown"]).append((x.m.actor1, x.group))
    basis = next((b for b in ("claimed", "attributed") if named[b]), "unknown")
    return _vote(named[basis]), basis


def _ship(ms: Sequence[Mention]):
    """The vessel the reports name (the name most of them give; flag and type from any)."""
    named = [m.ship for m in ms if m.ship is not None]
    if not named:
        return None
    from salvo.model import Ship

    name = Counter(s.name for s in named).most_common(1)[0][0]
    same = [s for s in named if s.name == name]
    return Ship(name, next((s.flag for s in same if s.flag), None), next((s.type for s in same if s.type), None))


def _prepare(mentions: Sequence[Mention], sources: Mapping[str, Source], duplicate_of: Mapping[str, str]) -> list[_M]:
    unique: dict[str, Mention] = {}
    for m in mentions:
        # The same mention given twice (re-ingest) is one report; keep a deterministic copy.
        if m.mention_id not in unique or repr(m) < repr(unique[m.mention_id]):
            unique[m.mention_id] = m
    ordered = [unique[k] for k in sorted(unique)]
    ms = [
        _M(m, i, duplicate_of.get(m.article_id, m.article_id),
           (sources.get(m.article_id) or Source(m.article_id)).published)
        for i, m in enumerate(ordered)
    ]
    return ms


def build_event(mentions: Sequence[Mention], *, sources: Mapping[str, Source],
                duplicate_of: Mapping[str, str], event_id: Optional[str] = None) -> Event:
    """One Event from mentions an analyst says are one attack (used by merge/split overrides)."""
    if not mentions:
        raise ValueError("an event needs at least one mention")
    return _build(_prepare(mentions, sources, duplicate_of), sources, event_id)


def merge_mentions(mentions: Sequence[Mention], *, sources: Mapping[str, Source],
                   duplicate_of: Mapping[str, str], propose_below: float = 0.0) -> list[Event]:
    """Resolve mentions into events (see the module docstring for the rules).

    ``sources`` maps article_id -> Source; ``duplicate_of`` maps an article id to the canonical id
    of its near-duplicate group. An event whose confidence is below ``propose_below`` (the pack's
    ``review.propose_below``) gets status ``proposed``, the others ``auto``. Returns events sorted
    by (date, event_id). Pure and deterministic.
    """
    ms = _prepare(mentions, sources, duplicate_of)
    events = [_build(c, sources) for c in _clusters(ms)]
    events = [e.replace(status="proposed") if e.confidence < propose_below else e for e in events]
    return sorted(events, key=lambda e: (e.event_date or e.date_earliest or "", e.event_id))


def duplicate_groups(links: Mapping[str, Iterable[tuple[str, float]]]) -> dict[str, str]:
    """``Store.links()`` -> duplicate_of: each article maps to the smallest id of its linked group
    (connected components, so a copy of a copy is still the same wire story)."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, others in links.items():
        for b, _sim in others:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {a: find(a) for a in parent}
