"""Official running counts against the record: how complete is the database?

The Pentagon says "about 78 attacks since Oct. 17"; the record holds N attack events in that window
and those countries; N / 78 is how much of the campaign the record has caught. Several outlets
repeat the same figure, so tallies are first de-duplicated: same ``what`` and ``count`` with
``as_of`` at most a day apart (one briefing reported the day of and the day after) are one tally
with several sources.

Counting rule: non-rejected events of kind "attack" whose date is *known to lie inside*
[since, as_of] (event_date, or both bounds when only bounds are known) and whose country is one the
tally covers: its breakdown's keys, else the theater's countries. An event whose bounds straddle
the window edge is not counted but reported in ``record_possible``, so the ratio never overstates
coverage. For ``what`` = injured / killed the record figure is the sum of the events' reported
injured / killed (unreported counts as nothing); when no event in the window reports the figure at
all (or only as 0), the tally is not comparable (record_count None) rather than "0 in record, 0%".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Collection, Optional, Sequence

from salvo.model import Event, Evidence, Tally

AS_OF_WINDOW_DAYS = 1


@dataclass(frozen=True)
class TallyCoverage:
    tally_id: str  # the representative tally (see _representative)
    article_id: str
    what: str
    count: int
    qualifier: Optional[str]
    since: Optional[str]
    as_of: Optional[str]
    breakdown: Optional[dict[str, int]]
    speaker: Optional[str]
    evidence: tuple[Evidence, ...]
    record_count: Optional[int]  # None when the tally has no window to compare against
    ratio: Optional[float]  # record_count / count, 3 decimals
    sources: tuple[str, ...]  # article ids that reported this tally
    tally_ids: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # the countries counted ("" = no restriction)
    record_breakdown: Optional[dict[str, int]] = None  # per breakdown key, when the tally has one
    record_possible: int = 0  # events whose bounds overlap the window without lying inside it
    # False when the record cannot be set against the figure: no window, or a killed/injured
    # tally where no event in the window counts anyone hurt (officials count injuries diagnosed
    # weeks later; the record's "0 injured" at the time would read as "none caught")
    comparable: bool = True


def _day(s: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def dedupe_tallies(tallies: Sequence[Tally]) -> list[list[Tally]]:
    """Groups of tallies that are one official figure, in time order (undated last)."""
    ordered = sorted(tallies, key=lambda t: (t.what, t.count, t.as_of is None, t.as_of or "", t.tally_id))
    groups: list[list[Tally]] = []
    for t in ordered:
        last = groups[-1] if groups else None
        if last and last[0].what == t.what and last[0].count == t.count:
            a, b = _day(last[0].as_of), _day(t.as_of)
            # Anchored on the group's first date so a chain of day-apart briefings cannot grow
            # into one week-long "tally".
            if (a is None and b is None) or (a and b and (b - a).days <= AS_OF_WINDOW_DAYS):
                last.append(t)
                continue
        groups.append([t])
    return sorted(groups, key=lambda g: (_representative(g).as_of is None, _representative(g).as_of or "",
                                         g[0].what, g[0].count))


def _representative(group: list[Tally]) -> Tally:
    # The most complete statement: with a window start, with a breakdown, then the smallest id.
    return min(group, key=lambda t: (t.since is None, t.breakdown is None, t.speaker is None, t.tally_id))


def _first(group: list[Tally], attr: str, rep: Tally):
    value = getattr(rep, attr)
    if value is not None:
        return value
    return next((getattr(t, attr) for t in sorted(group, key=lambda t: t.tally_id) if getattr(t, attr) is not None), None)


def _inside(e: Event, lo: dt.date, hi: dt.date) -> Optional[bool]:
    """True: date known inside; None: bounds overlap the window; False: outside or unknown."""
    d = _day(e.event_date)
    if d is not None:
        return lo <= d <= hi
    a, b = _day(e.date_earliest), _day(e.date_latest)
    if a is None or b is None:
        return False
    if lo <= a and b <= hi:
        return True
    return None if a <= hi and lo <= b else False


def _country_keys(e: Event) -> set[str]:
    return {k.casefold() for k in (e.country, e.iso) if k}


def coverage(tallies: Sequence[Tally], events: Sequence[Event], *,
             countries: Optional[Collection[str]] = None) -> list[TallyCoverage]:
    """Each de-duplicated tally beside what the record holds for its window and countries.

    ``countries``: the theater's countries (names or ISO codes) used when a tally has no
    breakdown; None counts events anywhere.
    """
    attacks = [e for e in events if e.kind == "attack" and e.status not in ("rejected", "proposed")]
    out = []
    for group in dedupe_tallies(tallies):
        rep = _representative(group)
        since, as_of = _first(group, "since", rep), _first(group, "as_of", rep)
        breakdown = _first(group, "breakdown", rep)
        wanted = tuple(sorted(breakdown)) if breakdown else tuple(sorted(countries or ()))
        wanted_keys = {w.casefold() for w in wanted}
        lo, hi = _day(since), _day(as_of)
        record: Optional[int] = None
        possible = 0
        per_key: Optional[dict[str, int]] = None
        reported = rep.what == "attacks"
        if lo is not None and hi is not None:
            record = 0
            per_key = {k: 0 for k in breakdown} if breakdown else None
            for e in attacks:
                keys = _country_keys(e)
                if wanted_keys and not (keys & wanted_keys):
                    continue
                where = _inside(e, lo, hi)
                if where is None:
                    possible += 1
                if not where:
                    continue
                n = 1 if rep.what == "attacks" else getattr(e, rep.what, None)
                reported = reported or bool(n)
                n = n or 0
                record += n
                if per_key is not None:
                    for k in breakdown:
                        if k.casefold() in keys:
                            per_key[k] += n
        if not reported:
            record, per_key = None, None
        ratio = round(record / rep.count, 3) if record is not None and rep.count > 0 else None
        evidence = sorted({ev for t in group for ev in t.evidence}, key=lambda v: (v.article_id, v.start, v.end))
        out.append(TallyCoverage(
            tally_id=rep.tally_id, article_id=rep.article_id, what=rep.what, count=rep.count,
            qualifier=_first(group, "qualifier", rep), since=since, as_of=as_of, breakdown=breakdown,
            speaker=_first(group, "speaker", rep), evidence=tuple(evidence), record_count=record, ratio=ratio,
            sources=tuple(sorted({t.article_id for t in group})), tally_ids=tuple(sorted(t.tally_id for t in group)),
            countries=wanted, record_breakdown=per_key, record_possible=possible, comparable=record is not None,
        ))
    return out
