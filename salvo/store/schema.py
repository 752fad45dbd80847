"""Database schema as an ordered list of migrations, recorded in ``schema_migrations``.

SQL here is kept portable (SQLite and PostgreSQL): TEXT/INTEGER/REAL/BLOB types, JSON stored as
TEXT, ``ON CONFLICT`` upserts, no SQLite-only functions in queries; :mod:`salvo.store.dialect`
turns the types into PostgreSQL's. A step may also be a Python function of the store (a data step
that SQL alone cannot write portably). Add a migration; never edit one that has shipped. Numbers
are applied in order, whichever order they are listed in.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "articles, links, batches, extraction results, events, analyst overrides",
        [
            """CREATE TABLE articles (
                article_id TEXT PRIMARY KEY,
                title TEXT, url TEXT, outlet TEXT,
                published TEXT, published_source TEXT, dateline TEXT,
                text TEXT NOT NULL,          -- clean text: evidence offsets point here
                raw_text TEXT NOT NULL,      -- what the reader produced (txt/jsonl: as given)
                original TEXT,               -- the HTML page, for HTML inputs
                removed TEXT NOT NULL,       -- JSON [{kind, text, raw_start, raw_end}]
                segments TEXT NOT NULL,      -- JSON [[clean_start, raw_start, length]]
                content_hash TEXT NOT NULL,
                minhash BLOB,
                source_path TEXT, format TEXT, encoding TEXT,
                relevant INTEGER,            -- relevance filter verdict (NULL: not yet extracted)
                extracted_at TEXT,
                batch_id INTEGER, ingested_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_hash ON articles(content_hash)",
            """CREATE TABLE article_links (
                article_id TEXT NOT NULL, other_id TEXT NOT NULL,
                kind TEXT NOT NULL,          -- near_duplicate
                similarity REAL,
                PRIMARY KEY (article_id, other_id)
            )""",
            """CREATE TABLE batches (
                batch_id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL, finished_at TEXT,
                command TEXT, added INTEGER DEFAULT 0, unchanged INTEGER DEFAULT 0,
                failed INTEGER DEFAULT 0
            )""",
            """CREATE TABLE input_errors (
                batch_id INTEGER NOT NULL, source TEXT NOT NULL, message TEXT NOT NULL
            )""",
            """CREATE TABLE mentions (
                mention_id TEXT PRIMARY KEY,
                article_id TEXT NOT NULL,
                kind TEXT, event_date TEXT, country TEXT, site_id TEXT,
                data TEXT NOT NULL           -- JSON of salvo.model.Mention
            )""",
            "CREATE INDEX mentions_article ON mentions(article_id)",
            """CREATE TABLE tallies (
                tally_id TEXT PRIMARY KEY,
                article_id TEXT NOT NULL,
                what TEXT, count INTEGER, as_of TEXT,
                data TEXT NOT NULL           -- JSON of salvo.model.Tally
            )""",
            "CREATE INDEX tallies_article ON tallies(article_id)",
            """CREATE TABLE events (
                event_id TEXT PRIMARY KEY,
                kind TEXT, event_date TEXT, date_earliest TEXT, date_latest TEXT,
                country TEXT, admin1 TEXT, site_id TEXT, actor1 TEXT, weapon TEXT, status TEXT,
                data TEXT NOT NULL           -- JSON of salvo.model.Event
            )""",
            "CREATE INDEX events_date ON events(event_date)",
            """CREATE TABLE overrides (
                override_id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL,
                action TEXT NOT NULL,        -- edit | reject | confirm | merge | split
                field TEXT, value TEXT,      -- value is JSON
                reason TEXT, author TEXT, created_at TEXT NOT NULL
            )""",
            "CREATE INDEX overrides_event ON overrides(event_id)",
        ],
    ),
]

MIGRATIONS.append(
    (2, "overrides remember their event's anchor (mentions, articles, date, place)",
     ["ALTER TABLE overrides ADD COLUMN anchor TEXT"]),
)

MIGRATIONS.append(
    (3, "index article links by the other article (replacing an article drops links both ways)",
     ["CREATE INDEX article_links_other ON article_links(other_id)"]),
)

MIGRATIONS.append(
    (4, "near-duplicate LSH band index and near-duplicate groups in the database", [
        """CREATE TABLE article_bands (
            bucket INTEGER NOT NULL,         -- one LSH band of the MinHash signature, hashed (band number included)
            article_id TEXT NOT NULL,
            PRIMARY KEY (bucket, article_id)
        )""",
        "CREATE INDEX article_bands_article ON article_bands(article_id)",
        """CREATE TABLE near_groups (
            article_id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL           -- articles with one group_id are one wire story
        )""",
        "CREATE INDEX near_groups_group ON near_groups(group_id)",
        "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT)",
    ]),
)

MIGRATIONS.append(
    (5, "articles screened out by `ingest --keep relevant`: id and text hash only, so a re-ingest skips them",
     ["""CREATE TABLE screened_out (
            article_id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            batch_id INTEGER, seen_at TEXT NOT NULL
        )"""]),
)

MIGRATIONS.append(
    (6, "incremental merging: each merged mention's block and machine event; the re-merge queue", [
        """CREATE TABLE mention_blocks (
            mention_id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            country TEXT, day_lo INTEGER, day_hi INTEGER,   -- blocking key (days as ordinals)
            ship TEXT,                       -- the vessel named (one ship's reports merge wherever they put it)
            event_id TEXT NOT NULL           -- the machine event (before analyst overrides)
        )""",
        "CREATE INDEX mention_blocks_day ON mention_blocks(country, day_lo)",
        "CREATE INDEX mention_blocks_ship ON mention_blocks(ship, day_lo)",
        "CREATE INDEX mention_blocks_article ON mention_blocks(article_id)",
        "CREATE INDEX mention_blocks_event ON mention_blocks(event_id)",
        """CREATE TABLE merge_queue (
            mention_id TEXT NOT NULL, article_id TEXT NOT NULL,
            country TEXT, day_lo INTEGER, day_hi INTEGER, ship TEXT, event_id TEXT NOT NULL
        )""",
        "CREATE TABLE merge_dirty (article_id TEXT PRIMARY KEY)",  # articles whose mentions await merging
    ]),
)

def _backfill_event_columns(store) -> None:
    from salvo.store.queries import backfill_event_columns

    backfill_event_columns(store)


MIGRATIONS.append(
    (7, "events: the columns list queries filter and sort on, event_sources, and their indexes",
     [*(f"ALTER TABLE events ADD COLUMN {col}" for col in (
         "date_lo TEXT", "date_hi TEXT", "time_precision INTEGER", "iso_key TEXT", "country_key TEXT",
         "actor_key TEXT", "site_key TEXT", "outcome TEXT", "killed INTEGER", "injured INTEGER",
         "confidence REAL", "n_sources INTEGER", "pack TEXT")),
      """CREATE TABLE event_sources (
             event_id TEXT NOT NULL, article_id TEXT NOT NULL,
             PRIMARY KEY (event_id, article_id)
         )""",
      "CREATE INDEX event_sources_article ON event_sources(article_id)",
      # the orders list queries page in (queries.order_by): stored order, and by date
      "CREATE INDEX events_stored_order ON events(COALESCE(date_lo, ''), event_id)",
      "CREATE INDEX events_by_date ON events((date_lo IS NULL), date_lo, event_id)",
      "CREATE INDEX events_status ON events(status)",
      "CREATE INDEX events_date_hi ON events(date_hi)",
      "CREATE INDEX events_iso ON events(iso_key, date_lo)",
      "CREATE INDEX events_country_key ON events(country_key)",
      "CREATE INDEX events_site ON events(site_id)",
      "CREATE INDEX events_weapon ON events(weapon)",
      "CREATE INDEX events_pack ON events(pack)",
      _backfill_event_columns]),
)

def _backfill_search_keys(store) -> None:
    from salvo.store.listing import backfill_search_keys

    backfill_search_keys(store)


MIGRATIONS.append(
    (8, "the API's listings in SQL: the articles' search key and listing order; the facet columns of events",
     ["ALTER TABLE articles ADD COLUMN search_key TEXT",
      "CREATE INDEX articles_listing ON articles(COALESCE(published, ''), article_id)",
      # GET /api/facets counts over these (weapon, status and pack have theirs since migration 7)
      "CREATE INDEX events_country ON events(country)",
      "CREATE INDEX events_actor1 ON events(actor1)",
      "CREATE INDEX events_kind ON events(kind)",
      "CREATE INDEX events_outcome ON events(outcome)",
      "CREATE INDEX events_site_first ON events(site_id, COALESCE(event_date, date_earliest, ''), event_id)",
      _backfill_search_keys]),
)

MIGRATIONS.sort(key=lambda m: m[0])  # numbers may be taken in advance by parallel work: keep them in order
LATEST = MIGRATIONS[-1][0]
