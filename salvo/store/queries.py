"""Event list queries in portable SQL: an EventFilter as a WHERE clause, a sort key as ORDER BY.

The events table keeps, besides the JSON record, the plain columns these clauses read (written by
:func:`event_columns`, added by migration 7 with their indexes): the date bounds a filter compares
(``date_lo``/``date_hi``), lower-cased keys for case-blind sorting and matching, the country's
ISO code, and ``event_sources`` for "events reported by this article". The Python rule
(:meth:`salvo.export.filters.EventFilter.matches` and the API's former in-memory sort) is the
reference; tests check both give the same events in the same order.
"""

from __future__ import annotations

from typing import Any, Optional

from salvo.export.filters import EventFilter, event_country_code
from salvo.model import Event

_INT64 = 2 ** 63


def _int(v: Any) -> Optional[int]:
    """An integer column value; what does not fit a 64-bit column (1e308 typed in an edit) is None."""
    return v if isinstance(v, int) and not isinstance(v, bool) and -_INT64 < v < _INT64 else None


def _lower(v: Optional[str]) -> Optional[str]:
    return v.lower() if isinstance(v, str) else None


def event_columns(e: Event) -> dict[str, Any]:
    """The plain columns of one events row (everything but ``data``), by column name."""
    return {
        "event_id": e.event_id, "kind": e.kind, "event_date": e.event_date, "date_earliest": e.date_earliest,
        "date_latest": e.date_latest, "country": e.country, "admin1": e.admin1, "site_id": e.site_id,
        "actor1": e.actor1, "weapon": e.weapon, "status": e.status,
        "date_lo": e.event_date or e.date_earliest, "date_hi": e.event_date or e.date_latest,
        "time_precision": _int(e.time_precision), "iso_key": event_country_code(e),
        "country_key": _lower(e.country), "actor_key": _lower(e.actor1), "site_key": _lower(e.location or e.site_id),
        "outcome": e.outcome, "killed": _int(e.killed), "injured": _int(e.injured),
        "confidence": float(e.confidence) if e.confidence is not None else None, "n_sources": len(e.sources),
        "pack": e.pack,
    }


# sort key of GET /api/events -> column; missing values always sort last
SORT_COLUMNS = {
    "date": "date_lo", "country": "country_key", "site": "site_key", "actor": "actor_key", "weapon": "weapon",
    "kind": "kind", "status": "status", "outcome": "outcome", "killed": "killed", "injured": "injured",
    "confidence": "confidence", "sources": "n_sources", "id": "event_id",
}


def order_by(sort: Optional[str]) -> str:
    """ORDER BY for a sort key (``-key`` descending; ties by id); None: the stored order."""
    if sort is None:
        return "COALESCE(date_lo, ''), event_id"
    key = sort.lstrip("-+ ")
    col = SORT_COLUMNS[key]  # the caller has checked the key
    if not sort.startswith("-"):
        return f"({col} IS NULL), {col}, event_id"
    return f"({col} IS NULL), {col} DESC, CASE WHEN {col} IS NULL THEN event_id END, event_id DESC"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where(flt: EventFilter, *, period=None, all_statuses: bool = False) -> tuple[str, tuple]:
    """The WHERE clause (and its arguments) selecting what ``flt.matches`` selects."""
    clauses: list[str] = []
    args: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        args.extend(values)

    if not (all_statuses or flt.all_statuses):
        if flt.status:
            add("status = ?", flt.status)
        elif flt.include_proposed:
            add("status <> 'rejected'")
        else:
            add("status NOT IN ('rejected', 'proposed')")
    if flt.date_from:
        add("date_hi >= ?", flt.date_from)
    if flt.date_to:
        add("date_lo <= ?", flt.date_to)
    period = period or flt.period
    if flt.dated_only:  # the negation of salvo.export.formats.undated
        if period:
            add("(event_date IS NOT NULL OR (date_earliest IS NOT NULL AND date_latest IS NOT NULL"
                " AND (time_precision IS NOT NULL OR date_earliest > ?)))", period[0])
        else:
            add("(event_date IS NOT NULL OR (date_earliest IS NOT NULL AND date_latest IS NOT NULL))")
    if flt.country:
        iso = flt.country_iso
        if iso:
            add("iso_key = ?", iso)
        else:
            add("country_key = ?", flt.country.lower())
    for column, value in (("kind", flt.kind), ("weapon", flt.weapon), ("site_id", flt.site), ("pack", flt.pack)):
        if value:
            add(f"{column} = ?", value)
    if flt.actor:
        add("actor_key LIKE ? ESCAPE '\\'", "%" + _escape_like(flt.actor.lower()) + "%")
    if flt.article:
        add("EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = events.event_id AND s.article_id = ?)",
            flt.article)
    return (" AND ".join(clauses) or "1=1"), tuple(args)


def backfill_event_columns(store) -> None:
    """Migration 7's data step: fill the new columns of events stored before it from their JSON."""
    import json

    from salvo.model import from_dict

    rows = store.conn.execute("SELECT data FROM events").fetchall()
    for r in rows:
        e = from_dict(Event, json.loads(r[0]))
        cols = event_columns(e)
        event_id = cols.pop("event_id")
        store.conn.execute(f"UPDATE events SET {', '.join(c + '=?' for c in cols)} WHERE event_id=?",
                           (*cols.values(), event_id))
        store.conn.executemany("INSERT INTO event_sources (event_id, article_id) VALUES (?, ?)",
                               [(event_id, a) for a in sorted({s.article_id for s in e.sources})])
