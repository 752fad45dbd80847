"""The pipeline: read -> clean -> extract -> geocode -> store -> merge.

Library entry points used by the CLI and the web server. Each article is stored (with what was
extracted from it) in its own transaction, so a failure in one article never takes the batch or
the database with it. Near-duplicates are looked up in the band index kept in the database
(:class:`salvo.ingest.dedup.StoredNearDuplicateIndex`), under the same write lock as the article
is stored, so concurrent ingests see each other. Merging runs once at the end, over the blocks the
batch touched (:func:`salvo.remerge.remerge`); :func:`rebuild_events` is the full path.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from dataclasses import dataclass, field
from typing import IO, Callable, Iterable, Optional

from salvo.ingest.dedup import StoredNearDuplicateIndex, signature
from salvo.model import Article, Extraction, Override, ReadError, Source
from salvo.packs import Pack
from salvo.store import Store

log = logging.getLogger("salvo")


@dataclass(frozen=True)
class IngestReport:
    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    same_content: tuple[tuple[str, str], ...] = ()  # (input id, stored id with the same text)
    near_duplicates: tuple[tuple[str, str, float], ...] = ()
    errors: tuple[ReadError, ...] = ()
    deleted: tuple[tuple[str, int], ...] = ()  # (input id, override id of the analyst's deletion)
    events: int = 0
    tallies: int = 0
    orphans: tuple = ()  # analyst overrides whose event no longer exists
    screened_out: tuple[str, ...] = ()  # --keep relevant: not relevant, only id + hash stored


class ArticleTooLong(ValueError):
    pass


class Processor:
    """Extraction + geocoding for one article: a pure function of (article, pack).

    The spaCy model and the gazetteer are loaded once, on first use; a caller may pass its own
    gazetteer (a service: tests and workers swap it, e.g. one built from another pack folder).
    """

    def __init__(self, pack: Pack, *, gazetteer=None):
        self.pack = pack
        if gazetteer is not None:
            self.__dict__["gazetteer"] = gazetteer  # fills the cached property below

    @functools.cached_property
    def nlp(self):
        from salvo.extract import load_nlp

        return load_nlp()

    @functools.cached_property
    def gazetteer(self):
        from salvo.geo import Gazetteer

        return Gazetteer.load(self.pack)

    def screen(self, article: Article) -> bool:
        from salvo.extract import is_relevant

        return is_relevant(article.text, self.pack)

    def __call__(self, article: Article) -> Extraction:
        from salvo.extract import extract_article
        from salvo.confidence import assess

        if not self.screen(article):
            return Extraction(article_id=article.article_id, relevant=False)
        nlp = self.nlp  # None: the rules alone, without spaCy's entities
        if nlp is not None and len(article.text) > nlp.max_length:  # spaCy refuses it (memory grows with length)
            raise ArticleTooLong(f"{len(article.text):,} characters is too long for the language model "
                                 f"(at most {nlp.max_length:,})")
        ex = extract_article(article, self.pack, nlp=self.nlp)
        placed = (m.replace(place=self.gazetteer.resolve(m.place_ref, dateline=article.dateline, text=article.text),
                            pack=self.pack.name)
                  for m in ex.mentions)
        # an attack no gazetteer entry or country can place ("rockets targeting a square", a
        # strike told with no place at all) is no event of the record: it cannot be mapped,
        # counted by country or matched to another report of it; each kept one gets its confidence
        # from the evidence the article gives (salvo/confidence.py)
        mentions = assess([m for m in placed if m.place is not None and m.place.country], self.pack)
        return dataclasses.replace(ex, mentions=mentions)


def ingest(
    paths: Iterable[str],
    *,
    store: Store,
    process: Optional[Callable[[Article], Extraction]],
    near_duplicate_threshold: float = 0.7,
    published: Optional[str] = None,
    outlet: Optional[str] = None,
    replace: bool = False,
    stdin: Optional[IO[str]] = None,
    meta: Optional[dict[str, dict]] = None,
    on_item: Optional[Callable[[str], None]] = None,
    merge: bool = True,
    propose_below: float = 0.0,
    workers: int = 1,
    dask: Optional[str] = None,
    max_bytes: Optional[int] = None,
    keep: str = "all",
) -> IngestReport:
    """Read, clean, store and extract every article under ``paths``; then re-merge events.

    Re-ingesting an article with the same id and content, or the same content under another id,
    changes nothing. An id already stored with different content is kept unless ``replace``.
    ``propose_below`` is the pack's review threshold (:attr:`salvo.packs.Pack.propose_below`).
    ``workers``/``dask``: where the per-article work runs (:mod:`salvo.parallel`); this process
    stays the one writer. ``max_bytes`` refuses larger articles (see :func:`salvo.ingest.readers.read_file`).
    ``keep="relevant"`` stores only the id and text hash of an article the screen finds unrelated.
    """
    from salvo.parallel import Settings, prepared_items

    batch = store.start_batch("ingest " + " ".join(paths if isinstance(paths, list) else []))
    index = StoredNearDuplicateIndex(store, near_duplicate_threshold)
    index.ensure()
    added, replaced, unchanged, same, near, errors, skipped, screened = [], [], [], [], [], [], [], []
    deleted = deleted_articles(store)
    pack = getattr(process, "pack", None)
    where, password = store.worker_target()
    settings = Settings(pack=str(pack.path) if pack is not None else None, extract=process is not None,
                        db=where, max_bytes=max_bytes, meta=meta, published=published, outlet=outlet)
    if process is not None and type(process) is not Processor:  # a caller's own extractor: run here
        workers, dask, settings = 1, None, dataclasses.replace(settings, extract=False)
    for item in prepared_items(paths, settings, workers=workers, dask=dask, stdin=stdin, password=password,
                               exclude=[store.path + suffix for suffix in ("", "-wal", "-shm", "-journal")]):
        if on_item:
            on_item(getattr(item, "source_path", ""))
        if isinstance(item, ReadError):
            errors.append(item)
            store.record_error(batch, item.source_path, item.message)
            continue
        if item.doc_id in deleted:  # an analyst removed it: a re-ingest must not bring it back
            skipped.append((item.doc_id, deleted[item.doc_id].override_id))
            continue
        try:
            outcome = _ingest_one(item, store=store, process=process, index=index, replace=replace, batch=batch,
                                  keep=keep)
        except Exception as exc:  # one bad article never stops the batch
            log.debug("failed on %s", item.source_path, exc_info=True)
            err = ReadError(item.source_path, f"could not be processed ({type(exc).__name__}: {exc})")
            errors.append(err)
            store.record_error(batch, err.source_path, err.message)
            continue
        kind, links, problem = outcome
        if kind == "added":
            added.append(item.doc_id)
            near.extend(links)
        elif kind == "replaced":
            replaced.append(item.doc_id)
            near.extend(links)
        elif kind in ("unchanged", "extracted"):
            unchanged.append(item.doc_id)
        elif kind == "screened_out":
            screened.append(item.doc_id)
        elif kind == "same_content":
            same.append((item.doc_id, links[0][1]))
        if problem:
            errors.append(ReadError(item.source_path, problem))
            store.record_error(batch, item.source_path, problem)
    store.finish_batch(batch, added=len(added) + len(replaced), unchanged=len(unchanged) + len(same), failed=len(errors))
    orphans: list = []
    # a replaced article drops its old mentions: events must follow even without extraction
    if merge and (process is not None or replaced):
        from salvo.remerge import remerge

        n_events, orphans = remerge(store, propose_below=propose_below)
    else:
        n_events = store.event_count()
    return IngestReport(
        added=tuple(added), replaced=tuple(replaced), unchanged=tuple(unchanged), same_content=tuple(same),
        near_duplicates=tuple(near), errors=tuple(errors), deleted=tuple(skipped), events=n_events, tallies=len(store.tallies()),
        orphans=tuple(orphans), screened_out=tuple(screened),
    )


def run_extraction(process, article: Article) -> tuple[Optional[Extraction], Optional[str]]:
    """Run extraction; a failure is reported and the article is still stored (re-tried next run)."""
    try:
        return process(article), None
    except ArticleTooLong as exc:  # retrying cannot help: say what can
        return None, (f"stored, but not extracted: {exc}; split it into separate reports, or remove it with "
                      f"`salvo delete {article.article_id} --why ...`")
    except Exception as exc:
        log.debug("extraction failed on %s", article.article_id, exc_info=True)
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        return None, f"stored, but extraction failed ({type(exc).__name__}: {first}); `salvo reprocess` retries it"


def _another_source(article: Article, twin: dict) -> bool:
    """Same text, but a different outlet or URL: a syndicated copy, which is a source of its own."""
    for key in ("outlet", "url"):
        mine = getattr(article, key)
        if mine and mine != twin.get(key):
            return True
    return False


def _ingest_one(p, *, store, process, index, replace, batch, keep="all"):
    """Store one prepared document (:class:`salvo.parallel.Prepared`): the writer's part.
    Returns (kind, near-duplicate links, problem or None).

    What is stored is decided twice: first without a lock (to skip extracting what is already
    there), then again under the write lock, where another process may have stored it meanwhile.
    """
    article = p.article
    if not article.text.strip():
        return "conflict", [], "no article text left after cleaning (only page furniture?)"
    stored_hash = store.article_hash(article.article_id)
    if stored_hash == article.content_hash:
        return _extract_stored(store, process, article.article_id)
    if stored_hash is not None and not replace:
        return _conflict(article)
    if stored_hash is None and store.screened_out_hash(article.article_id) == article.content_hash:
        return "unchanged", [], None  # left out by an earlier --keep relevant run: same text, same verdict
    twin = store.article_with_hash(article.content_hash) if stored_hash is None else None
    if twin is not None and not _another_source(article, store.article_meta(twin)):
        return "same_content", [(article.article_id, twin, 1.0)], None
    p = _completed(p, process)  # what a worker skipped (it found the text stored then) or could not run
    sig, extraction, problem = p.sig, p.extraction, p.problem
    if keep == "relevant" and p.relevant is False:
        store.put_screened_out(article.article_id, article.content_hash, batch)
        return "screened_out", [], None
    with store.transaction():
        now_hash = store.article_hash(article.article_id)
        if now_hash == article.content_hash:  # another ingest stored it first
            if extraction is not None and store.needs_extraction(article.article_id):
                store.put_extraction(extraction)
            return "unchanged", [], None
        if now_hash is not None and not replace:
            return _conflict(article)
        twin = store.article_with_hash(article.content_hash) if now_hash is None else None
        if twin is not None and not _another_source(article, store.article_meta(twin)):
            return "same_content", [(article.article_id, twin, 1.0)], None
        if now_hash is not None:  # a new version: what came from the old text is re-merged away
            store.queue_remerge_articles([article.article_id])
            index.drop(article.article_id)
        store.put_article(article, minhash=sig, batch_id=batch)
        if keep == "relevant":
            store.put_screened_out(article.article_id, None, batch)
        # an unrelated article has no signature (MinHash runs on relevant ones only): no links
        links = index.link(article.article_id, sig, twin) if sig is not None else []
        if extraction is not None:
            store.put_extraction(extraction)
    kind = "replaced" if now_hash else "added"
    return kind, [(article.article_id, o, sim) for o, sim in links], problem


def _completed(p, process):
    from salvo.parallel import needs_signature

    if not p.signed:
        relevant = process.screen(p.article) if hasattr(process, "screen") else None
        p = dataclasses.replace(p, relevant=relevant, signed=True,
                                sig=signature(p.article.text) if needs_signature(relevant) else None)
    if process is not None and not p.extracted:
        extraction, problem = run_extraction(process, p.article)
        p = dataclasses.replace(p, extraction=extraction, problem=problem, extracted=True)
    return p


def _conflict(article: Article):
    return "conflict", [], (f"id {article.article_id!r} is already stored with different text; "
                            "pass --replace to overwrite it, or give the new version another id")


def _extract_stored(store, process, article_id: str):
    """The same text is stored: extract it if it never was (--no-extract, or a failed extraction)."""
    if process is not None and store.needs_extraction(article_id):
        extraction, problem = run_extraction(process, store.article(article_id))
        if extraction is not None:
            store.put_extraction(extraction)
        return "extracted", [], problem
    return "unchanged", [], None


def reprocess(*, store: Store, process: Callable[[Article], Extraction], on_item=None,
              propose_below: float = 0.0) -> tuple[int, list, list]:
    """Re-run extraction and geocoding over every stored article, then re-merge (edits re-applied).

    Returns (articles processed, orphaned overrides, errors); one failing article never stops the run.
    An article whose stored mentions another theater pack produced is left to that pack: one
    database holds several theaters, and reprocessing one never re-reads another's reports.
    """
    n = 0
    errors: list[ReadError] = []
    pack = getattr(getattr(process, "pack", None), "name", None)
    owner = {m.article_id: m.pack for m in store.mentions()} if pack else {}
    for article in store.articles():
        if owner.get(article.article_id) not in (None, pack):
            continue
        if on_item:
            on_item(article.article_id)
        extraction, problem = run_extraction(process, article)
        if extraction is None:
            errors.append(ReadError(article.article_id, problem or "extraction failed"))
            continue
        store.put_extraction(extraction)
        n += 1
    _, orphans = rebuild_events(store, propose_below=propose_below)
    return n, orphans, errors


def duplicate_groups(store: Store, article_ids: Optional[Iterable[str]] = None) -> dict[str, str]:
    """article_id -> the canonical id (smallest) of its near-duplicate group, for grouped articles
    (of ``article_ids`` only, if given)."""
    if store.meta("lsh_scheme") is None:  # a store from before the band index: groups from its links
        from salvo.merge import duplicate_groups as groups

        found = groups(store.links(kind="near_duplicate"))
        return found if article_ids is None else {a: found[a] for a in set(article_ids) if a in found}
    return store.near_duplicate_of(article_ids)


def duplicate_of(store: Store, article_ids: Optional[Iterable[str]] = None) -> dict[str, str]:
    """article_id -> the article it is a copy of, for every article (of ``article_ids``) that is not
    its group's first."""
    return {a: root for a, root in duplicate_groups(store, article_ids).items() if a != root}


def sources(store: Store) -> dict[str, Source]:
    return {
        r["article_id"]: Source(r["article_id"], r["url"], r["outlet"], r["published"]) for r in store.article_rows()
    }


def rebuild_events(store: Store, *, propose_below: float = 0.0) -> tuple[int, list]:
    """Merge every stored mention into events and re-apply analyst overrides.

    Always over the whole stored mention set: event ids depend only on each cluster, so a re-run
    is idempotent and a new source joins its old event without renaming it. Events below
    ``propose_below`` are stored as ``proposed``; an analyst's confirm, edit or reject replaces
    that status as it replaces ``auto``. Returns the number of events and the overrides that no
    longer match an event (reported, never dropped).
    """
    from salvo.merge import merge_mentions
    from salvo.overrides import apply_overrides

    from salvo.remerge import MERGE_STATE, block_row

    # read and write in one transaction: a concurrent ingest cannot slip its mentions in between
    with store.transaction():
        mentions = store.mentions()
        srcs = sources(store)
        dup = duplicate_groups(store)
        events = merge_mentions(mentions, sources=srcs, duplicate_of=dup, propose_below=propose_below)
        by_id = {m.mention_id: m for m in mentions}
        blocks = [block_row(by_id[i], e.event_id) for e in events for i in e.mention_ids]
        events, orphans = apply_overrides(
            events, store.overrides(), mentions_by_id=by_id, sources=srcs, duplicate_of=dup,
        )
        n = store.replace_events(events)
        store.set_blocks(blocks, replace_all=True)  # what incremental merging starts from
        store.set_meta("merge_state", MERGE_STATE)
        return n, list(orphans)


def deleted_articles(store: Store) -> dict[str, Override]:
    """article id -> the analyst's deletion of it (the latest), for every deleted article."""
    return {o.event_id: o for o in store.overrides() if o.action == "delete"}


def delete_article(store: Store, o: Override, *, propose_below: float = 0.0) -> tuple[int, list]:
    """Remove an article and what came from it, record the deletion as an override, re-merge
    (``propose_below`` as for :func:`ingest`)."""
    from salvo.overrides import validate_override

    from salvo.remerge import remerge

    validate_override(o)
    with store.transaction():
        store.article(o.event_id)  # NotFound: a one-line error naming the id
        store.queue_remerge_articles([o.event_id, *store.drop_near(o.event_id)])
        store.delete_article(o.event_id)
        oid = store.add_override(o)
        _, orphans = remerge(store, propose_below=propose_below)
    return oid, orphans


def record_override(store: Store, o: Override, *more: Override, propose_below: float = 0.0) -> tuple[int, list]:
    """Validate analyst overrides, store each with its event's anchor, and re-merge once.

    The one way overrides are made (CLI and web alike); all or none are stored; ``propose_below``
    as for :func:`ingest`. Returns (id of the first override, orphans).
    """
    from salvo.overrides import anchor_for, validate_override, with_edit

    rows, current = [], {}
    for x in (o, *more):
        # NotFound: a one-line error naming the id. Edits made together anchor each one on the
        # event as the ones before it left it, as the replay will see it.
        e = current.get(x.event_id) or store.event(x.event_id)
        anchor = anchor_for(e)
        if x.action == "merge":  # remember B too, so the merge survives B being renamed
            anchor["other"] = anchor_for(store.event(str(x.value)))
        validate_override(x)
        rows.append(dataclasses.replace(x, anchor=anchor))
        if x.action == "edit":
            current[x.event_id] = with_edit(e, x.field, x.value)
    from salvo.remerge import remerge

    with store.transaction():
        ids = [store.add_override(x) for x in rows]
        made = [dataclasses.replace(x, override_id=i) for x, i in zip(rows, ids)]
        _, orphans = remerge(store, propose_below=propose_below, overrides_made=made)
    return ids[0], orphans
