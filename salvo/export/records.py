"""Records in the export contract of DESIGN.md (field names fixed), and the filters on them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional

from salvo.model import Article, Event, Tally, to_dict


def event_record(e: Event) -> dict[str, Any]:
    d = to_dict(e)
    d["sources"] = [to_dict(s) for s in e.sources]
    d["evidence"] = [{"article_id": x.article_id, "start": x.start, "end": x.end, "text": x.text,
                      "supports": list(x.supports)} for x in e.evidence]
    d["conflicts"] = [{"field": c.field, "values": [{"value": v, "article_id": a} for v, a in c.values],
                       "chosen": c.chosen} for c in e.conflicts]
    return d


def tally_record(t: Tally, **extra: Any) -> dict[str, Any]:
    d = to_dict(t)
    d["sources"] = [{"article_id": t.article_id}]
    d.update(extra)
    return d


def article_record(a: Article, *, duplicate_of: Optional[str] = None, links: Iterable = ()) -> dict[str, Any]:
    return {
        "article_id": a.article_id,
        "title": a.title,
        "url": a.url,
        "outlet": a.outlet,
        "published": a.published,
        "published_source": a.published_source,
        "dateline": a.dateline,
        "text": a.text,
        "removed": [{"kind": r.kind, "text": r.text, "raw_start": r.raw_start, "raw_end": r.raw_end} for r in a.removed],
        "duplicate_of": duplicate_of,
        "near_duplicates": [{"article_id": o, "similarity": s} for o, s in links],
        "source_path": a.source_path,
        "encoding": a.encoding,
    }


@dataclass(frozen=True)
class EventFilter:
    """The filters shared by `salvo events`, `salvo export` and the web API."""

    date_from: Optional[str] = None
    date_to: Optional[str] = None
    country: Optional[str] = None
    kind: Optional[str] = None
    actor: Optional[str] = None
    weapon: Optional[str] = None
    site: Optional[str] = None
    status: Optional[str] = None  # default: everything but rejected (and proposed)
    article: Optional[str] = None
    include_proposed: bool = False  # proposed events (weak evidence) are out of the default record
    pack: Optional[str] = None  # only events this theater pack produced

    def matches(self, e: Event) -> bool:
        if self.status:
            if e.status != self.status:
                return False
        elif e.status == "rejected" or (e.status == "proposed" and not self.include_proposed):
            return False
        latest = e.event_date or e.date_latest
        earliest = e.event_date or e.date_earliest
        if self.date_from and (latest is None or latest < self.date_from):
            return False
        if self.date_to and (earliest is None or earliest > self.date_to):
            return False
        if self.country and (e.country or "").lower() != self.country.lower() and (e.iso or "").lower() != self.country.lower():
            return False
        if self.kind and e.kind != self.kind:
            return False
        if self.actor and self.actor.lower() not in (e.actor1 or "").lower():
            return False
        if self.weapon and e.weapon != self.weapon:
            return False
        if self.site and e.site_id != self.site:
            return False
        if self.article and all(s.article_id != self.article for s in e.sources):
            return False
        if self.pack and e.pack != self.pack:
            return False
        return True

    def apply(self, events: Iterable[Event]) -> list[Event]:
        return [e for e in events if self.matches(e)]
