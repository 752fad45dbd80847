"""The per-article work of an ingest, run in this process, in worker processes or on Dask.

:func:`prepare` is that work for one document: clean, the relevance screen, MinHash (relevant
articles only: an unrelated one is never an event's source, so nothing needs its near-duplicates)
and extraction (a pure function of (article, pack): the same code on every path). It touches no
database, except to ask a read-only question: is this exact text stored already (then the work is
skipped)? The writer (:func:`salvo.pipeline.ingest`, one process) consumes :class:`Prepared`
results in input order and decides what is stored, so ``--workers N`` and ``--dask`` store what a
single-process run stores. Work a worker skipped or could not know about is done by the writer.

Inputs are cut into :mod:`salvo.ingest.partitions`; at most a few partitions per worker are in
flight at once, so memory stays bounded however large the input.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import itertools
import logging
import os
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterable, Iterator, Optional

from salvo.ingest.partitions import Partition, plan, read_partition
from salvo.ingest.readers import with_defaults
from salvo.model import Article, Extraction, RawDocument, ReadError

IN_FLIGHT = 3  # partitions per worker submitted ahead of the writer
log = logging.getLogger("salvo")

# The store's password (from a ``postgresql://user:PASSWORD@...`` URL) in this process's memory:
# set by the writer, handed to forked/spawned workers by the pool's initializer and to a local Dask
# cluster's workers as PGPASSWORD in their environment; Settings (the pickled task) never holds it.
_password: Optional[str] = None


@dataclass(frozen=True)
class Prepared:
    """One document after the per-article work, ready for the writer."""

    doc_id: str
    source_path: str
    article: Article
    relevant: Optional[bool] = None  # the screen's verdict (None: no pack to screen with)
    sig: Optional[bytes] = None
    signed: bool = False  # sig computed (None for an unrelated article)
    extraction: Optional[Extraction] = None
    problem: Optional[str] = None
    extracted: bool = False  # extraction was run (its result or problem is above)
    stored: bool = False  # the same text was already stored under this id: the work was skipped


@dataclass(frozen=True)
class Settings:
    """What a worker needs (picklable, so it travels to processes and Dask workers)."""

    pack: Optional[str] = None  # pack folder; None: no screen, no extraction
    extract: bool = True
    db: Optional[str] = None  # store to ask whether an article is stored already
    max_bytes: Optional[int] = None
    meta: Optional[dict] = None
    published: Optional[str] = None
    outlet: Optional[str] = None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def screen(article: Article, pack) -> bool:
    from salvo.extract import is_relevant

    return is_relevant(article.text, pack)


def needs_signature(relevant: Optional[bool]) -> bool:
    return relevant is not False


def prepare(doc: RawDocument, *, pack=None, process: Optional[Callable] = None,
            stored: Optional[Callable[[Article], bool]] = None) -> Prepared:
    """The per-article work for one document (see the module docstring)."""
    from salvo.ingest.clean import clean_document
    from salvo.ingest.dedup import signature
    from salvo.pipeline import run_extraction

    article = clean_document(doc)
    base = Prepared(doc.doc_id, doc.source_path, article)
    if not article.text.strip() or (stored is not None and stored(article)):
        return dataclasses.replace(base, stored=bool(article.text.strip()))
    relevant = screen(article, pack) if pack is not None else None
    sig = signature(article.text) if needs_signature(relevant) else None
    extraction, problem = None, None
    if process is not None:
        if relevant is False and hasattr(process, "screen"):  # the processor would screen it out too
            extraction = Extraction(article_id=article.article_id, relevant=False)
        else:
            extraction, problem = run_extraction(process, article)
    return dataclasses.replace(base, relevant=relevant, sig=sig, signed=True, extraction=extraction,
                               problem=problem, extracted=process is not None)


# ---------------------------------------------------------------------------- workers


@functools.lru_cache(maxsize=4)
def _worker_state(pack_path: Optional[str], extract: bool, db: Optional[str], password: Optional[str]):
    """(pack, processor, stored-check) of this worker process, built once (per store login)."""
    from salvo.packs import load_pack
    from salvo.pipeline import Processor

    pack = load_pack(pack_path) if pack_path else None
    process = Processor(pack) if pack is not None and extract else None
    return pack, process, _stored_check(db, password)


@dataclass(frozen=True)
class WorkerNote:
    """A worker's remark for the writer to show once (not an input's problem)."""

    message: str


def _stored_check(db: Optional[str], password: Optional[str]):
    """A read-only 'is this text stored under this id?' for workers that can reach the store, or
    the WorkerNote saying why this worker cannot (it then does all the work: the same record)."""
    if not db or db == ":memory:" or ("://" not in db and not os.path.exists(db)):
        return None
    from salvo.store import Store
    from salvo.store.dialect import with_password

    try:
        store = Store.open(with_password(db, password), create=False)
    except Exception as exc:  # a worker that cannot open the store just does the work
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        return WorkerNote(f"workers could not read the store, so they prepared every article, stored or "
                          f"not (same record, more work): {first}")

    def stored(article: Article) -> bool:
        aid, h = article.article_id, article.content_hash
        stored_hash = store.article_hash(aid)
        if stored_hash is None:
            return store.screened_out_hash(aid) == h
        return stored_hash == h and not store.needs_extraction(aid)

    return stored


def run_partition(part: Partition, settings: Settings) -> list:
    """A worker's task: read one partition and prepare every document in it (input order)."""
    pack, process, stored = _worker_state(settings.pack, settings.extract, settings.db, _password)
    items = with_defaults(read_partition(part, max_bytes=settings.max_bytes), meta=settings.meta,
                          published=settings.published, outlet=settings.outlet)
    out: list = []
    if isinstance(stored, WorkerNote):
        out.append(stored)
        stored = None
    for item in items:
        if isinstance(item, ReadError):
            out.append(item)
            continue
        try:
            out.append(prepare(item, pack=pack, process=process, stored=stored))
        except Exception as exc:  # one bad article never stops the batch
            out.append(ReadError(item.source_path, f"could not be processed ({type(exc).__name__}: {exc})"))
    return out


# ---------------------------------------------------------------------------- the three paths


def prepared_items(paths: Iterable[str], settings: Settings, *, workers: int = 1, dask: Optional[str] = None,
                   stdin: Optional[IO[str]] = None, exclude: Iterable[str] = (),
                   password: Optional[str] = None) -> Iterator[Any]:
    """Prepared documents and ReadErrors of ``paths`` in input order, from ``workers`` processes
    (1: this process, with no pool) or from a Dask cluster (``dask``: a scheduler address or
    ``local``). ``password``: the store's, kept apart from ``settings.db`` (see ``_password``); a
    remote Dask cluster's workers need their own (PGPASSWORD or ~/.pgpass there)."""
    global _password
    _password = password
    noted: set[str] = set()
    for item in _prepared(paths, settings, workers, dask, stdin, exclude, password):
        if isinstance(item, WorkerNote):
            if item.message not in noted:
                noted.add(item.message)
                log.warning("%s", item.message)
            continue
        yield item


def _prepared(paths, settings: Settings, workers: int, dask: Optional[str], stdin, exclude, password) -> Iterator[Any]:
    parts = plan(paths, exclude=exclude, stdin=stdin, max_bytes=settings.max_bytes)
    first = list(itertools.islice(parts, 2))
    parts = itertools.chain(first, parts)
    if len(first) < 2 and dask != "local":  # one partition: starting workers would cost more than it saves
        workers, dask = 1, dask if dask else None
    if dask:
        yield from _on_dask(parts, settings, dask, workers, password)
    elif workers > 1:
        yield from _on_processes(parts, settings, workers, password)
    else:
        for part in parts:
            yield from run_partition(part, settings)


def _in_order(parts: Iterable[Partition], submit: Callable[[Partition], Any], result: Callable[[Any], list],
              window: int) -> Iterator[Any]:
    """Submit partitions ahead, at most ``window`` in flight; yield their results in input order."""
    pending: collections.deque = collections.deque()
    for part in parts:
        pending.append(submit(part))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def _start_worker(password: Optional[str]) -> None:
    """A pool worker's start: its own store connections, the writer's password in memory."""
    global _password
    _password = password
    _worker_state.cache_clear()


def _on_processes(parts, settings: Settings, workers: int, password: Optional[str]) -> Iterator[Any]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start at once and share the loaded code; they open no store the parent holds
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    # a forked worker must not reuse a store connection the parent opened: its state starts empty
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_start_worker,
                             initargs=(password,)) as pool:
        yield from _in_order(parts, lambda p: pool.submit(run_partition, p, settings), lambda f: f.result(),
                             IN_FLIGHT * workers)


def _on_dask(parts, settings: Settings, address: str, workers: int, password: Optional[str]) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    cluster = None
    if address == "local":  # its worker processes get the password in their environment, as libpq reads it
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               env={"PGPASSWORD": password} if password else None)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        window = IN_FLIGHT * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        yield from _in_order(parts, lambda p: client.submit(run_partition, p, settings, pure=False),
                             lambda f: f.result(), window)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
