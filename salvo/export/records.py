"""Records in the export contract of DESIGN.md (field names fixed); the filters are in filters.py."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from salvo.export.filters import EventFilter  # noqa: F401  (its old home)
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
