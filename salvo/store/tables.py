"""The store's SQL for the near-duplicate band index and for incremental merging.

A mixin of :class:`salvo.store.db.Store` (same connection, same transactions), kept apart so the
store module stays readable. Portable SQL only (TEXT/INTEGER, ``ON CONFLICT`` upserts, no
SQLite-only functions). Tables (migrations 4 and 6 in :mod:`salvo.store.schema`):

- ``article_bands (bucket, article_id)``: the LSH band keys of each article's MinHash signature,
  at most a few articles of one near-duplicate group per key (:data:`salvo.ingest.dedup.BAND_CAP`);
- ``near_groups (article_id, group_id)``: the near-duplicate group of each article;
- ``mention_blocks (mention_id, article_id, country, day_lo, day_hi, ship, event_id)``: each merged
  mention's blocking key (country and day span) and the machine event (before analyst overrides)
  it belongs to;
- ``merge_queue``: rows moved out of ``mention_blocks`` when their article changed (replaced,
  deleted, or its near-duplicate group changed), to be re-merged with their neighbours, and
  ``merge_dirty``: the articles whose mentions await merging (written with their extraction);
- ``store_meta (key, value)``: which band scheme and merge state the tables hold.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Optional, Sequence

from salvo.model import Event, Mention, from_dict, to_dict

CHUNK = 500  # ids per IN (...) list: below every database's parameter limit


def _chunks(xs: Sequence, n: int = CHUNK) -> Iterator[list]:
    xs = list(xs)
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def _marks(xs: Sequence) -> str:
    return ", ".join("?" for _ in xs)


class IndexTables:
    conn: Any

    # ------------------------------------------------------------------ settings of the tables

    def meta(self, key: str) -> Optional[str]:
        r = self.conn.execute("SELECT value FROM store_meta WHERE key=?", (key,)).fetchone()
        return r[0] if r else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO store_meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value=excluded.value", (key, value))

    # ------------------------------------------------------------------ near-duplicate band index

    def near_candidates(self, keys: Sequence[int]) -> list[tuple[str, str, int, bytes]]:
        """(article_id, group_id, bucket, signature) of the articles sharing one of ``keys``."""
        out = []
        for part in _chunks(keys):
            out += [(r[0], r[1], r[2], r[3]) for r in self.conn.execute(
                f"""SELECT b.article_id, COALESCE(g.group_id, b.article_id), b.bucket, a.minhash
                    FROM article_bands b JOIN articles a ON a.article_id = b.article_id
                    LEFT JOIN near_groups g ON g.article_id = b.article_id
                    WHERE b.bucket IN ({_marks(part)}) AND a.minhash IS NOT NULL
                    ORDER BY b.article_id, b.bucket""", part)]
        return out

    def put_bands(self, article_id: str, keys: Iterable[int]) -> None:
        for k in keys:
            self.conn.execute("INSERT INTO article_bands (bucket, article_id) VALUES (?, ?) "
                              "ON CONFLICT (bucket, article_id) DO NOTHING", (k, article_id))

    def near_group(self, article_id: str) -> Optional[str]:
        r = self.conn.execute("SELECT group_id FROM near_groups WHERE article_id=?", (article_id,)).fetchone()
        return r[0] if r else None

    def set_near_group(self, article_id: str, group_id: str) -> None:
        self.conn.execute("INSERT INTO near_groups (article_id, group_id) VALUES (?, ?) "
                          "ON CONFLICT (article_id) DO UPDATE SET group_id=excluded.group_id", (article_id, group_id))

    def _members(self, groups: Sequence[str]) -> list[str]:
        out = []
        for part in _chunks(groups):
            out += [r[0] for r in self.conn.execute(
                f"SELECT article_id FROM near_groups WHERE group_id IN ({_marks(part)})", part)]
        return sorted(out)

    def merge_near_groups(self, into: str, others: Sequence[str]) -> list[str]:
        """Make ``others`` part of group ``into``; returns every member of the merged group."""
        members = self._members([into, *others])
        for part in _chunks(others):
            self.conn.execute(f"UPDATE near_groups SET group_id=? WHERE group_id IN ({_marks(part)})", [into, *part])
        return members

    def drop_near(self, article_id: str) -> list[str]:
        """Remove an article from the index and its group (which may fall apart into several:
        regrouped by the links left); returns the other members, whose groups may have changed."""
        group = self.near_group(article_id)
        self.conn.execute("DELETE FROM article_bands WHERE article_id=?", (article_id,))
        self.conn.execute("DELETE FROM near_groups WHERE article_id=?", (article_id,))
        self.conn.execute("DELETE FROM article_links WHERE article_id=? OR other_id=?", (article_id, article_id))
        if group is None:
            return []
        members = self._members([group])
        parent = {m: m for m in members}

        def find(a: str) -> str:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for part in _chunks(members):
            for a, b in self.conn.execute(
                    f"SELECT article_id, other_id FROM article_links WHERE article_id IN ({_marks(part)})", part):
                if a in parent and b in parent:
                    ra, rb = find(a), find(b)
                    parent[max(ra, rb)] = min(ra, rb)
        for m in members:
            self.set_near_group(m, find(m))
        return members

    def rebuild_near_groups(self) -> dict[str, str]:
        """Groups from the stored links (connected components), written to ``near_groups``; also
        empties the band table, which the caller refills. Returns article -> group."""
        from salvo.merge import duplicate_groups

        self.conn.execute("DELETE FROM article_bands")
        self.conn.execute("DELETE FROM near_groups")
        groups = duplicate_groups(self.links())
        for a, g in groups.items():
            self.set_near_group(a, g)
        return groups

    def near_duplicate_of(self, article_ids: Optional[Iterable[str]] = None) -> dict[str, str]:
        """article -> the smallest id of its near-duplicate group, for articles in groups of two or more."""
        if article_ids is None:
            rows = list(self.conn.execute("SELECT article_id, group_id FROM near_groups"))
        else:
            rows = []
            for part in _chunks(sorted(set(article_ids))):
                rows += list(self.conn.execute(
                    f"SELECT article_id, group_id FROM near_groups WHERE article_id IN ({_marks(part)})", part))
        groups = sorted({r[1] for r in rows})
        roots: dict[str, tuple[str, int]] = {}
        for part in _chunks(groups):
            for g, root, n in self.conn.execute(
                    f"SELECT group_id, MIN(article_id), COUNT(*) FROM near_groups WHERE group_id IN ({_marks(part)}) "
                    "GROUP BY group_id", part):
                roots[g] = (root, n)
        return {a: roots[g][0] for a, g in rows if g in roots and roots[g][1] > 1}

    # ------------------------------------------------------------------ incremental merging

    def unmerged_mentions(self) -> list[Mention]:
        """The mentions of the articles marked for merging (new, re-extracted or queued)."""
        rows = self.conn.execute(  # through the mentions' article index: never a scan of all mentions
            "SELECT data FROM mentions WHERE article_id IN (SELECT article_id FROM merge_dirty) ORDER BY mention_id")
        return [from_dict(Mention, json.loads(r[0])) for r in rows]

    def queue_remerge_articles(self, article_ids: Iterable[str]) -> None:
        """Move these articles' merged mentions to the merge queue and mark the articles for merging."""
        for part in _chunks(sorted(set(article_ids))):
            for a in part:
                self.conn.execute("INSERT INTO merge_dirty (article_id) VALUES (?) ON CONFLICT (article_id) DO NOTHING",
                                  (a,))
            self.conn.execute(
                f"""INSERT INTO merge_queue (mention_id, article_id, country, day_lo, day_hi, ship, event_id)
                    SELECT mention_id, article_id, country, day_lo, day_hi, ship, event_id FROM mention_blocks
                    WHERE article_id IN ({_marks(part)})""", part)
            self.conn.execute(f"DELETE FROM mention_blocks WHERE article_id IN ({_marks(part)})", part)

    def merge_queue(self) -> list[tuple[Optional[str], Optional[int], Optional[int], Optional[str], str]]:
        """(country, day_lo, day_hi, ship, old event id) of each queued mention."""
        return [(r[0], r[1], r[2], r[3], r[4]) for r in
                self.conn.execute("SELECT country, day_lo, day_hi, ship, event_id FROM merge_queue")]

    def merged_near(self, country: Optional[str], lo: int, hi: int, span: int, *,
                    ship: Optional[str] = None) -> list[tuple[str, Mention]]:
        """(machine event id, mention) of merged mentions in ``country`` (or naming ``ship``) whose
        day span meets lo..hi (spans are at most ``span`` days long, which bounds the index range)."""
        col, key = ("ship", ship) if ship is not None else ("country", country)
        rows = self.conn.execute(
            f"""SELECT b.event_id, m.data FROM mention_blocks b JOIN mentions m ON m.mention_id = b.mention_id
                WHERE b.{col}=? AND b.day_lo BETWEEN ? AND ? AND b.day_hi >= ?""",
            (key, lo - span, hi, lo))
        return [(r[0], from_dict(Mention, json.loads(r[1]))) for r in rows]

    def machine_events_of(self, *, events: Iterable[str] = (), mentions: Iterable[str] = (),
                          articles: Iterable[str] = ()) -> set[str]:
        """Ids of the machine events with one of these ids, holding one of these mentions, or from these articles."""
        out: set[str] = set()
        for col, ids in (("event_id", events), ("mention_id", mentions), ("article_id", articles)):
            for part in _chunks(sorted(set(ids))):
                out |= {r[0] for r in self.conn.execute(
                    f"SELECT DISTINCT event_id FROM mention_blocks WHERE {col} IN ({_marks(part)})", part)}
        return out

    def machine_event_mentions(self, event_ids: Iterable[str]) -> dict[str, list[Mention]]:
        out: dict[str, list[Mention]] = {}
        for part in _chunks(sorted(set(event_ids))):
            for eid, data in self.conn.execute(
                    f"""SELECT b.event_id, m.data FROM mention_blocks b JOIN mentions m ON m.mention_id = b.mention_id
                        WHERE b.event_id IN ({_marks(part)}) ORDER BY b.mention_id""", part):
                out.setdefault(eid, []).append(from_dict(Mention, json.loads(data)))
        return out

    def set_blocks(self, rows: Iterable[tuple], *,
                   replace_all: bool = False) -> None:
        """Store (mention_id, article_id, country, day_lo, day_hi, ship, event_id) rows; empties the queue."""
        if replace_all:
            self.conn.execute("DELETE FROM mention_blocks")
        self.conn.execute("DELETE FROM merge_queue")
        self.conn.execute("DELETE FROM merge_dirty")
        for r in rows:
            self.conn.execute(
                """INSERT INTO mention_blocks (mention_id, article_id, country, day_lo, day_hi, ship, event_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mention_id) DO UPDATE SET article_id=excluded.article_id,
                   country=excluded.country, day_lo=excluded.day_lo, day_hi=excluded.day_hi, ship=excluded.ship,
                   event_id=excluded.event_id""", r)

    def source_rows(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        out = []
        for part in _chunks(sorted(set(article_ids))):
            out += [dict(r) for r in self.conn.execute(
                f"SELECT article_id, url, outlet, published FROM articles WHERE article_id IN ({_marks(part)})", part)]
        return out

    def event_rows(self, event_ids: Iterable[str]) -> dict[str, str]:
        """event id -> its stored JSON, for those of ``event_ids`` that are stored."""
        out = {}
        for part in _chunks(sorted(set(event_ids))):
            out.update((r[0], r[1]) for r in self.conn.execute(
                f"SELECT event_id, data FROM events WHERE event_id IN ({_marks(part)})", part))
        return out

    def write_events(self, events: Sequence[Event], *, drop: Iterable[str] = ()) -> int:
        """Rewrite the events whose stored JSON differs, delete ``drop`` ids not among them; returns rows written.

        Each row goes through the store's ``write_event`` (query columns and event_sources with it)."""
        keep = {e.event_id for e in events}
        gone = sorted(set(drop) - keep)
        stored = self.event_rows(keep)
        n = len(self.event_rows(gone))
        self.delete_event_rows(gone)
        for e in events:
            if stored.get(e.event_id) == json.dumps(to_dict(e), ensure_ascii=False, sort_keys=True):
                continue
            self.delete_event_rows([e.event_id])
            self.write_event(e)
            n += 1
        return n

    def event_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
