"""Misses and false alarms of an evaluation grouped by the extraction decision behind them.

A false alarm takes the reason code of the mention(s) its event was built from in that article
(``Mention.reason``). A miss takes the reason of the closest candidate extraction dropped in the
same article (same country, within the gold radius + the scoring slack, dates within a day when
both are known), or ``no_candidate`` when nothing was even weighed there. Groups are listed
largest first, so a round of rule work starts from the largest one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Optional

from salvo.evaluate import DATE_DAYS, SLACK_KM, EvalReport, _day, _norm, km
from salvo.model import Article, Extraction

KEPT = ("new_event", "response", "background")  # candidates that made a draft of their own
NO_CANDIDATE = "no_candidate"
UNKNOWN = "unknown_reason"  # mentions stored before reasons were recorded (`salvo reprocess`)


@dataclass(frozen=True)
class Candidate:
    """A dropped candidate, placed: what a miss may be explained by."""

    reason: str
    action: str
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    date: Optional[str]
    text: str


def dropped_candidates(article: Article, ex: Extraction, geocode: Callable) -> list[Candidate]:
    """The candidates extraction weighed in ``article`` and did not keep as an event of their own,
    geocoded: by their place when they had one, else by the places their clause names."""
    text = article.text or ""
    out = []
    for r in ex.trace:
        if r.action in KEPT:
            continue
        start, end = (r.clause_start, r.clause_end) if r.clause_start >= 0 else (r.sentence_start, r.sentence_end)
        clause = text[start:end]
        place = geocode(r.place, article.dateline, text) if r.place is not None else geocode(None, article.dateline, clause)
        if place is None or place.latitude is None:
            continue
        out.append(Candidate(r.reason, r.action, place.country, place.latitude, place.longitude,
                             r.date.event_date if r.date else None, clause))
    return out


def miss_reason(miss: dict, candidates: list[Candidate]) -> str:
    """The reason of the closest dropped candidate that could have been this gold event."""
    if miss.get("lat") is None or miss.get("lon") is None:
        return NO_CANDIDATE
    best = None
    for c in candidates:
        if _norm(c.country) != _norm(miss.get("country")):
            continue
        dist = km(c.lat, c.lon, float(miss["lat"]), float(miss["lon"]))
        if dist > float(miss.get("radius_km") or 0) + SLACK_KM:
            continue
        cd, gd = _day(c.date), _day(miss.get("date"))
        diff = abs((cd - gd).days) if cd and gd else DATE_DAYS + 0.5
        if diff > DATE_DAYS + 0.5:
            continue
        if best is None or (diff, dist) < best[0]:
            best = ((diff, dist), c)
    return best[1].reason if best else NO_CANDIDATE


def alarm_reason(alarm: dict) -> str:
    reasons = sorted({r or UNKNOWN for r in alarm.get("reasons") or []})
    return "+".join(reasons) or UNKNOWN


def with_reasons(report: EvalReport, articles: Callable[[str], Article], process: Callable[[Article], Extraction],
                 geocode: Callable) -> EvalReport:
    """``report`` with a "reason" on every event miss and false alarm.

    ``articles``: article id -> stored Article; ``process``: the extraction ``salvo ingest`` runs
    (re-run here, only for articles with misses, to read its trace); ``geocode(ref, dateline, text)``.
    """
    event_misses = [m for m in report.misses if m.get("kind") != "tally"]
    cands: dict[str, list[Candidate]] = {}
    for aid in sorted({m["article_id"] for m in event_misses}):
        article = articles(aid)
        cands[aid] = dropped_candidates(article, process(article), geocode) if article is not None else []
    misses = tuple(dict(m, reason=miss_reason(m, cands.get(m["article_id"], []))) if m.get("kind") != "tally" else m
                   for m in report.misses)
    alarms = tuple(dict(a, reason=alarm_reason(a)) if a.get("kind") != "tally" else a for a in report.false_alarms)
    return dataclasses.replace(report, misses=misses, false_alarms=alarms)


def groups(items) -> list[tuple[str, list[dict]]]:
    """(reason, items) for the scored items that carry a reason, largest group first."""
    by: dict[str, list[dict]] = {}
    for m in items:
        if m.get("scored", True) and "reason" in m:
            by.setdefault(m["reason"], []).append(m)
    return sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))
