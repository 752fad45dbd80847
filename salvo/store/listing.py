"""The API's filter menus (facets) and article listing in SQL: counts, grouping and paging run in
the database and only the rows returned are read, whatever the size of the record.

The former in-Python versions (every event parsed, every article listed, then counted, filtered
and sliced) are the reference: tests/test_listing.py checks both give the same values in the same
order on SQLite and PostgreSQL. Where that order had ties (values equal but for case), it was the
first event in the stored order (``COALESCE(event_date, date_earliest, '')``, ``event_id``):
:data:`FIRST_EVENT` keeps that key per group.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional, Sequence

from salvo.store.queries import _escape_like
from salvo.store.tables import _chunks, _marks

FACET_COLUMNS = ("country", "actor1", "weapon", "kind", "status", "outcome", "pack")
ORDER_KEY = "COALESCE(event_date, date_earliest, '')"  # the stored order: this, then event_id
# that order as one string (dates have no spaces, and a space sorts before any other character they
# hold): MIN() is a group's first event
FIRST_EVENT = f"MIN({ORDER_KEY} || ' ' || event_id)"
ARTICLE_COLUMNS = "article_id, title, url, outlet, published, dateline, removed, relevant, format"


def search_key(article_id: str, title: Optional[str]) -> str:
    """What `GET /api/articles?q=` matches: id and title, lower-cased as Python does (SQL's LOWER
    is ASCII-only on both backends)."""
    return f"{article_id} {title or ''}".lower()


class ListingQueries:
    conn: Any

    def facet_counts(self, column: str) -> list[tuple[Any, int]]:
        """(value, events) of one events column, by value case-blind (ties: first seen first).

        Counted over the column's index; only values equal but for case need their first event."""
        if column not in FACET_COLUMNS:
            raise ValueError(f"{column}: not a facet column")
        counts = {r[0]: int(r[1]) for r in self.conn.execute(
            f"SELECT {column}, COUNT(*) FROM events WHERE {column} IS NOT NULL AND {column} <> '' GROUP BY {column}")}
        by_case: dict[str, list] = {}
        for v in counts:
            by_case.setdefault(str(v).lower(), []).append(v)
        tied = sorted(v for vs in by_case.values() if len(vs) > 1 for v in vs)
        first: dict[Any, str] = {}
        for part in _chunks(tied):
            first.update(self.conn.execute(f"SELECT {column}, {FIRST_EVENT} FROM events WHERE {column} IN "
                                           f"({_marks(part)}) GROUP BY {column}", part).fetchall())
        return [(v, counts[v]) for v in sorted(counts, key=lambda v: (str(v).lower(), first.get(v, "")))]

    def facet_sites(self) -> list[tuple[str, str]]:
        """(site_id, label) of every site with an event; the label is its first event's place name
        (read through the index in stored order per site: one row a site)."""
        sites = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT site_id FROM events WHERE site_id IS NOT NULL AND site_id <> ''")]
        labels: dict[str, tuple[str, str]] = {}  # site -> (label, its first event's key)
        for site in sites:
            key, data = self.conn.execute(
                f"SELECT {ORDER_KEY} || ' ' || event_id, data FROM events WHERE site_id = ? "
                f"ORDER BY site_id, {ORDER_KEY}, event_id LIMIT 1", (site,)).fetchone()
            labels[site] = (json.loads(data).get("location") or site, key)
        return [(site, label) for site, (label, _) in sorted(labels.items(), key=lambda kv: (kv[1][0].lower(), kv[1][1]))]

    def event_date_range(self) -> tuple[Optional[str], Optional[str]]:
        r = self.conn.execute("SELECT MIN(date_lo), MAX(date_lo) FROM events WHERE date_lo <> ''").fetchone()
        return r[0], r[1]

    def article_page(self, q: Optional[str], limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """(articles matching ``q`` in id or title, case-blind; the page of them, listing order)."""
        cond, args = "1=1", ()
        if q:
            cond, args = "search_key LIKE ? ESCAPE '\\'", ("%" + _escape_like(q.lower()) + "%",)
        total = self.conn.execute(f"SELECT COUNT(*) FROM articles WHERE {cond}", args).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE {cond} ORDER BY COALESCE(published, ''), article_id "
            "LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        return int(total), [dict(r) for r in rows]

    def events_per_article_of(self, article_ids: Iterable[str]) -> dict[str, int]:
        """How many events (of any status) each of these articles is a source of."""
        out: dict[str, int] = {}
        for part in _chunks(sorted(set(article_ids))):
            for a, n in self.conn.execute("SELECT article_id, COUNT(*) FROM event_sources "
                                          f"WHERE article_id IN ({_marks(part)}) GROUP BY article_id", part):
                out[a] = int(n)
        return out

    def links_of(self, article_ids: Sequence[str]) -> dict[str, list[tuple[str, float]]]:
        """:meth:`links` for these articles only (each link seen from their end)."""
        out: dict[str, list[tuple[str, float]]] = {}
        for part in _chunks(sorted(set(article_ids))):
            marks = _marks(part)
            sql = (f"SELECT article_id, other_id, similarity FROM article_links WHERE article_id IN ({marks})"
                   f" UNION SELECT other_id, article_id, similarity FROM article_links WHERE other_id IN ({marks})")
            for r in self.conn.execute(f"SELECT * FROM ({sql}) l ORDER BY 1, 2", (*part, *part)):
                out.setdefault(r[0], []).append((r[1], r[2]))
        return out


def backfill_search_keys(store) -> None:
    """Migration 8's data step: the search key of articles stored before it."""
    rows = store.conn.execute("SELECT article_id, title FROM articles").fetchall()
    store.conn.executemany("UPDATE articles SET search_key=? WHERE article_id=?",
                           [(search_key(a, t), a) for a, t in rows])
