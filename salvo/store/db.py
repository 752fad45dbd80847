"""The store: the only module that speaks SQL.

SQLite by default (a file on disk, WAL journal so a killed run leaves every committed article
intact), PostgreSQL for ``--db postgresql://user@host/dbname``. One portable SQL for both: the
connection, transactions, placeholders and DDL types are handled by :mod:`salvo.store.dialect`, and
list queries are built by :mod:`salvo.store.queries`. Every write happens inside
:meth:`Store.transaction`. Records go in and come out as the dataclasses of :mod:`salvo.model`;
JSON columns hold the full record and plain columns the fields queries filter and sort on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from salvo.errors import NotFound, StoreError
from salvo.model import (
    Article, Event, Extraction, Mention, Override, Removed, Segment, Tally, from_dict, to_dict,
)
from salvo.store import queries
from salvo.store.dialect import Connection, connect, database_errors, split_password
from salvo.store.schema import LATEST, MIGRATIONS
from salvo.store.listing import ListingQueries, search_key
from salvo.store.tables import IndexTables


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _json(obj: Any) -> str:
    return json.dumps(to_dict(obj), ensure_ascii=False, sort_keys=True)


class Store(IndexTables, ListingQueries):
    def __init__(self, conn: Connection, path: str):
        self.conn = conn
        self.path = path  # for messages (a PostgreSQL URL without its password)
        self._target = path  # what it was opened with (may hold a password: never shown)
        self._depth = 0

    @property
    def dialect(self) -> str:
        return self.conn.dialect

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> "Store":
        """A file path (SQLite) or a ``postgresql://`` URL; ``create=False`` never makes a database."""
        try:
            conn, shown = connect(str(path), create=create)
        except database_errors() as exc:
            raise StoreError(f"{path}: not a usable salvo database ({exc})") from None
        try:
            store = cls(conn, shown)
            store._target = str(path)
            if not create and conn.dialect != "sqlite" and not conn.has_table("schema_migrations"):
                raise StoreError(f"{shown}: no salvo database here (run `salvo ingest` first)")
            store.migrate()
        except database_errors() as exc:
            conn.close()
            raise StoreError(f"{shown}: not a usable salvo database ({exc})") from None
        except BaseException:
            conn.close()
            raise
        return store

    def worker_target(self) -> tuple[str, Optional[str]]:
        """``(where, password)`` for worker processes to open this store read-only: ``where`` holds
        no password, which travels apart (see :func:`salvo.store.dialect.split_password`)."""
        return split_password(self._target)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Nested calls join the outer transaction; an exception rolls the whole of it back."""
        if self._depth == 0:
            self.conn.begin()
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.rollback()
            raise
        else:
            self._depth -= 1
            if self._depth == 0:
                self.conn.commit()

    def migrate(self) -> None:
        # In one transaction under the dialect's schema lock: two processes opening a new database
        # at once must not both create the tables; the second waits and finds the migrations applied.
        with self.transaction():
            self.conn.lock_schema()
            self.conn.ddl(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT)"
            )
            done = {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}
            if done and max(done) > LATEST:
                raise StoreError(
                    f"{self.path}: database schema v{max(done)} is newer than this salvo (v{LATEST}); upgrade salvo"
                )
            for version, description, statements in sorted(MIGRATIONS, key=lambda m: m[0]):
                if version in done:
                    continue
                for step in statements:
                    if callable(step):  # a data step written in Python (schema.py says which)
                        step(self)
                    else:
                        self.conn.ddl(step)
                self.conn.execute(
                    "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                    (version, description, now()),
                )

    def schema_version(self) -> int:
        return self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]

    # ------------------------------------------------------------------ batches

    def start_batch(self, command: str) -> int:
        with self.transaction():
            cur = self.conn.execute("INSERT INTO batches (started_at, command) VALUES (?, ?) RETURNING batch_id",
                                    (now(), command))
            return int(cur.fetchone()[0])

    def finish_batch(self, batch_id: int, *, added: int, unchanged: int, failed: int) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE batches SET finished_at=?, added=?, unchanged=?, failed=? WHERE batch_id=?",
                (now(), added, unchanged, failed, batch_id),
            )

    def record_error(self, batch_id: int, source: str, message: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO input_errors (batch_id, source, message) VALUES (?, ?, ?)", (batch_id, source, message)
            )

    # ------------------------------------------------------------------ articles

    def article_hash(self, article_id: str) -> Optional[str]:
        row = self.conn.execute("SELECT content_hash FROM articles WHERE article_id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def article_with_hash(self, content_hash: str) -> Optional[str]:
        row = self.conn.execute(
            "SELECT article_id FROM articles WHERE content_hash=? ORDER BY article_id LIMIT 1", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def article_meta(self, article_id: str) -> dict[str, Any]:
        r = self.conn.execute("SELECT outlet, url, published FROM articles WHERE article_id=?", (article_id,)).fetchone()
        return dict(r) if r else {}

    def needs_extraction(self, article_id: str) -> bool:
        """Stored but never extracted (ingested with --no-extract, or extraction failed)."""
        r = self.conn.execute("SELECT relevant FROM articles WHERE article_id=?", (article_id,)).fetchone()
        return r is not None and r[0] is None

    def put_article(self, a: Article, *, minhash: bytes | None, batch_id: int | None) -> None:
        """Store an article; a new version of a stored one drops what was derived from the old text."""
        removed = json.dumps([to_dict(r) for r in a.removed], ensure_ascii=False)
        segments = json.dumps([[s.clean_start, s.raw_start, s.length] for s in a.segments])
        with self.transaction():
            # an upsert, never delete-then-insert: links and group rows of the article stay (the
            # caller drops near-duplicate state of a replaced text through the index)
            existed = self.conn.execute("SELECT 1 FROM articles WHERE article_id=?", (a.article_id,)).fetchone()
            if existed:  # evidence offsets of the old text no longer hold
                self.conn.execute("DELETE FROM mentions WHERE article_id=?", (a.article_id,))
                self.conn.execute("DELETE FROM tallies WHERE article_id=?", (a.article_id,))
            self.conn.execute(
                """INSERT INTO articles (article_id, title, url, outlet, published, published_source, dateline,
                   text, raw_text, original, removed, segments, content_hash, minhash, source_path, format,
                   encoding, batch_id, ingested_at, relevant, extracted_at, search_key)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)
                   ON CONFLICT (article_id) DO UPDATE SET title=excluded.title, url=excluded.url,
                   outlet=excluded.outlet, published=excluded.published, published_source=excluded.published_source,
                   dateline=excluded.dateline, text=excluded.text, raw_text=excluded.raw_text,
                   original=excluded.original, removed=excluded.removed, segments=excluded.segments,
                   content_hash=excluded.content_hash, minhash=excluded.minhash, source_path=excluded.source_path,
                   format=excluded.format, encoding=excluded.encoding, batch_id=excluded.batch_id,
                   ingested_at=excluded.ingested_at, relevant=NULL, extracted_at=NULL,
                   search_key=excluded.search_key""",
                (a.article_id, a.title, a.url, a.outlet, a.published, a.published_source, a.dateline, a.text,
                 a.raw_text, a.original, removed, segments, a.content_hash, minhash, a.source_path, a.format,
                 a.encoding, batch_id, now(), search_key(a.article_id, a.title)),
            )

    def screened_out_hash(self, article_id: str) -> Optional[str]:
        """The text hash of an article `ingest --keep relevant` left out (not relevant), if any."""
        row = self.conn.execute("SELECT content_hash FROM screened_out WHERE article_id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def put_screened_out(self, article_id: str, content_hash: Optional[str], batch_id: int | None) -> None:
        """Remember (id, hash) of a left-out article; ``content_hash`` None forgets it (it is stored now)."""
        with self.transaction():
            self.conn.execute("DELETE FROM screened_out WHERE article_id=?", (article_id,))
            if content_hash is not None:
                self.conn.execute("INSERT INTO screened_out (article_id, content_hash, batch_id, seen_at) VALUES (?, ?, ?, ?)",
                                  (article_id, content_hash, batch_id, now()))

    def delete_article(self, article_id: str) -> None:
        """Remove an article and everything derived from it (mentions, tallies, links both ways)."""
        with self.transaction():
            if not self.conn.execute("DELETE FROM articles WHERE article_id=?", (article_id,)).rowcount:
                raise NotFound(f"no article {article_id!r} in {self.path} (see `salvo articles`)")
            for table in ("mentions", "tallies"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id=?", (article_id,))
            self.conn.execute("DELETE FROM article_links WHERE article_id=? OR other_id=?", (article_id, article_id))

    def link_articles(self, a: str, b: str, similarity: float, kind: str = "near_duplicate") -> None:
        """One row per link (``a`` the newer article): :meth:`links` reads it both ways."""
        with self.transaction():
            self.conn.execute(
                """INSERT INTO article_links (article_id, other_id, kind, similarity) VALUES (?, ?, ?, ?)
                   ON CONFLICT (article_id, other_id) DO UPDATE SET similarity=excluded.similarity""",
                (a, b, kind, similarity),
            )

    def links(self, article_id: str | None = None, *, kind: str | None = None) -> dict[str, list[tuple[str, float]]]:
        """article -> [(linked article, similarity)], each link seen from both ends."""
        where, args = "", ()
        if kind:
            where, args = " WHERE kind=?", (kind,)
        if article_id:
            sql = (f"SELECT article_id, other_id, similarity FROM article_links WHERE article_id=?{where.replace(' WHERE', ' AND')}"
                   f" UNION SELECT other_id, article_id, similarity FROM article_links WHERE other_id=?{where.replace(' WHERE', ' AND')}")
            args = (article_id, *args, article_id, *args)
        else:
            sql = (f"SELECT article_id, other_id, similarity FROM article_links{where}"
                   f" UNION SELECT other_id, article_id, similarity FROM article_links{where}")
            args = args + args
        out: dict[str, list[tuple[str, float]]] = {}
        for r in self.conn.execute(f"SELECT * FROM ({sql}) l ORDER BY 1, 2", args):
            out.setdefault(r[0], []).append((r[1], r[2]))
        return out

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        for r in self.conn.execute("SELECT article_id, minhash FROM articles WHERE minhash IS NOT NULL"):
            yield r[0], bytes(r[1])

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT article_id FROM articles ORDER BY article_id")]

    def _article(self, r) -> Article:
        return Article(
            article_id=r["article_id"], text=r["text"], raw_text=r["raw_text"], title=r["title"], url=r["url"],
            outlet=r["outlet"], published=r["published"], published_source=r["published_source"],
            dateline=r["dateline"], removed=tuple(Removed(**x) for x in json.loads(r["removed"])),
            segments=tuple(Segment(*x) for x in json.loads(r["segments"])), content_hash=r["content_hash"],
            source_path=r["source_path"] or "", format=r["format"] or "txt", encoding=r["encoding"] or "utf-8",
            original=r["original"],
        )

    def article(self, article_id: str) -> Article:
        r = self.conn.execute("SELECT * FROM articles WHERE article_id=?", (article_id,)).fetchone()
        if r is None:
            raise NotFound(f"no article {article_id!r} in {self.path} (see `salvo articles`)")
        return self._article(r)

    def articles(self) -> Iterator[Article]:
        for r in self.conn.execute("SELECT * FROM articles ORDER BY article_id"):
            yield self._article(r)

    def article_rows(self) -> list[dict[str, Any]]:
        """Light listing (no texts) for tables and the API."""
        rows = self.conn.execute(
            """SELECT article_id, title, url, outlet, published, dateline, removed, relevant, format
               FROM articles ORDER BY COALESCE(published, ''), article_id"""
        ).fetchall()
        return [dict(r) for r in rows]

    # ------------------------------------------------------------------ extraction results

    def put_extraction(self, ex: Extraction) -> None:
        """Replace everything previously extracted from this article (marked for merging)."""
        with self.transaction():
            self.queue_remerge_articles([ex.article_id])  # the old mentions' events are re-merged away
            self.conn.execute("DELETE FROM mentions WHERE article_id=?", (ex.article_id,))
            self.conn.execute("DELETE FROM tallies WHERE article_id=?", (ex.article_id,))
            for m in ex.mentions:
                self.conn.execute(
                    "INSERT INTO mentions (mention_id, article_id, kind, event_date, country, site_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (m.mention_id, m.article_id, m.kind, m.date.event_date, m.place.country, m.place.site_id, _json(m)),
                )
            for t in ex.tallies:
                self.conn.execute(
                    "INSERT INTO tallies (tally_id, article_id, what, count, as_of, data) VALUES (?, ?, ?, ?, ?, ?)",
                    (t.tally_id, t.article_id, t.what, t.count, t.as_of, _json(t)),
                )
            self.conn.execute(
                "UPDATE articles SET relevant=?, extracted_at=? WHERE article_id=?",
                (1 if ex.relevant else 0, now(), ex.article_id),
            )

    def mentions(self, ids: Iterable[str] | None = None) -> list[Mention]:
        """Every stored mention, or just those with the given ids (looked up by primary key)."""
        if ids is None:
            rows = self.conn.execute("SELECT data FROM mentions ORDER BY mention_id").fetchall()
        else:
            rows = [r for i in sorted(set(ids))
                    for r in self.conn.execute("SELECT data FROM mentions WHERE mention_id=?", (i,))]
        return [from_dict(Mention, json.loads(r[0])) for r in rows]

    def tallies(self) -> list[Tally]:
        return [from_dict(Tally, json.loads(r[0])) for r in self.conn.execute("SELECT data FROM tallies ORDER BY tally_id")]

    # ------------------------------------------------------------------ events

    def replace_events(self, events: Iterable[Event]) -> int:
        n = 0
        with self.transaction():
            self.conn.execute("DELETE FROM events")
            self.conn.execute("DELETE FROM event_sources")
            for e in events:
                self.write_event(e)
                n += 1
        return n

    def write_event(self, e: Event) -> None:
        """Insert one event with its query columns and sources (the caller deletes any old row)."""
        row = queries.event_columns(e)
        names = ", ".join(row)
        self.conn.execute(f"INSERT INTO events ({names}, data) VALUES ({', '.join('?' * (len(row) + 1))})",
                          (*row.values(), _json(e)))
        self.conn.executemany("INSERT INTO event_sources (event_id, article_id) VALUES (?, ?)",
                              [(e.event_id, a) for a in sorted({s.article_id for s in e.sources})])

    def delete_event_rows(self, event_ids: Iterable[str]) -> None:
        """Remove events (and their source rows) by id, for writers that rewrite only some events."""
        for event_id in event_ids:
            self.conn.execute("DELETE FROM events WHERE event_id=?", (event_id,))
            self.conn.execute("DELETE FROM event_sources WHERE event_id=?", (event_id,))

    def query_events(self, flt, *, period=None, sort: str = "date", limit: Optional[int] = None,
                     offset: int = 0, all_statuses: bool = False) -> list[Event]:
        """Events matching an :class:`~salvo.export.EventFilter`, filtered, sorted and paged in SQL."""
        where, args = queries.where(flt, period=period, all_statuses=all_statuses)
        sql = f"SELECT data FROM events WHERE {where} ORDER BY {queries.order_by(sort)}"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            args = (*args, int(2 ** 62 if limit is None else limit), int(offset))
        return [from_dict(Event, json.loads(r[0])) for r in self.conn.execute(sql, args)]

    def count_events(self, flt, *, period=None, all_statuses: bool = False) -> int:
        where, args = queries.where(flt, period=period, all_statuses=all_statuses)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM events WHERE {where}", args).fetchone()[0])

    def events(self) -> list[Event]:
        rows = self.conn.execute(
            "SELECT data FROM events ORDER BY COALESCE(event_date, date_earliest, ''), event_id"
        )
        return [from_dict(Event, json.loads(r[0])) for r in rows]

    def event(self, event_id: str) -> Event:
        r = self.conn.execute("SELECT data FROM events WHERE event_id=?", (event_id,)).fetchone()
        if r is None:
            raise NotFound(f"no event {event_id!r} in {self.path} (see `salvo events`)")
        return from_dict(Event, json.loads(r[0]))

    def events_per_article(self) -> dict[str, int]:
        """How many events (of any status) each article is a source of."""
        rows = self.conn.execute("SELECT article_id, COUNT(*) FROM event_sources GROUP BY article_id")
        return {r[0]: int(r[1]) for r in rows}

    def site_event_counts(self) -> dict[str, int]:
        """Events per site (rejected events not counted), for `salvo places` and the API."""
        rows = self.conn.execute(
            "SELECT site_id, COUNT(*) FROM events WHERE site_id IS NOT NULL AND status NOT IN ('rejected', 'proposed') GROUP BY site_id"
        )
        return {r[0]: r[1] for r in rows}

    # ------------------------------------------------------------------ analyst overrides

    def add_override(self, o: Override) -> int:
        with self.transaction():
            cur = self.conn.execute(
                """INSERT INTO overrides (event_id, action, field, value, reason, author, created_at, anchor)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING override_id""",
                (o.event_id, o.action, o.field, json.dumps(o.value, ensure_ascii=False), o.reason, o.author,
                 o.created_at or now(), json.dumps(o.anchor) if o.anchor else None),
            )
            return int(cur.fetchone()[0])

    def overrides(self, event_id: str | None = None) -> list[Override]:
        sql = "SELECT * FROM overrides"
        args: tuple = ()
        if event_id:
            sql += " WHERE event_id=?"
            args = (event_id,)
        return [
            Override(r["override_id"], r["event_id"], r["action"], r["field"], json.loads(r["value"]),
                     r["reason"], r["author"], r["created_at"], json.loads(r["anchor"]) if r["anchor"] else None)
            for r in self.conn.execute(sql + " ORDER BY override_id", args)
        ]

    # ------------------------------------------------------------------ stats

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "mentions", "tallies", "events", "overrides", "article_links"):
            out[table] = self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return out
