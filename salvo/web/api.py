"""The JSON API under ``/api`` (described at ``/openapi.json``, browsable at ``/docs``).

Reads: events with the export filters (the same :class:`~salvo.export.EventFilter` as `salvo
events` and `salvo export`), pagination and sorting; one event with its sources, evidence in
context, conflicts and edit history; tallies against the record; sites; articles; CSV / GeoJSON /
JSONL downloads of the current filter.

Writes (``POST /api/events/{id}/confirm|reject|edit|merge|split``) need ``Authorization: Bearer
<token>`` (printed by `salvo serve`) and record an :class:`~salvo.model.Override` exactly as the
command line does, then re-merge (:func:`salvo.pipeline.rebuild_events`), both in one transaction.

A fresh :class:`~salvo.store.Store` is opened per request: SQLite connections are cheap and this
keeps the server free of shared mutable state across worker threads.
"""

from __future__ import annotations

import hmac
import io
import json
from typing import Any, Iterator, Optional, Union

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, StrictFloat, StrictInt, StrictStr

from salvo.errors import NotFound, UsageError
from salvo.pipeline import duplicate_of
from salvo.export import EventFilter, article_record, event_record, write_acled_csv, write_geojson, write_jsonl
from salvo.model import OUTCOMES, STATUSES, Event, Override, to_dict
from salvo.store import Store
from salvo.store.queries import SORT_COLUMNS
from salvo.export.filters import api_name, parse_filter
from salvo.web.guard import NEEDS_TOKEN

router = APIRouter(prefix="/api")
bearer = HTTPBearer(auto_error=False, description="the write token `salvo serve` prints at start-up")

MAX_LIMIT = 100_000


SORT_KEYS = tuple(SORT_COLUMNS)  # sort keys of GET /api/events; missing values always sort last


def get_store(request: Request) -> Iterator[Store]:
    store = Store.open(request.app.state.db_path, create=False)
    try:
        yield store
    finally:
        store.close()


# --------------------------------------------------------------------------- filters


def selection(
    request: Request,
    date_from: Optional[str] = Query(None, alias="from", description="events on or after this day (YYYY-MM-DD)"),
    date_to: Optional[str] = Query(None, alias="to", description="events on or before this day (YYYY-MM-DD)"),
    country: Optional[str] = Query(None, description="country name or ISO code (Iraq, Syria, SY...)"),
    kind: Optional[str] = Query(None, description="attack | response"),
    actor: Optional[str] = Query(None, description="perpetrator name contains this text"),
    weapon: Optional[str] = Query(None, description="a weapon value of the pack (GET /api/facets: all_weapons)"),
    site: Optional[str] = Query(None, description="site id (GET /api/sites)"),
    status: Optional[str] = Query(None, description=" | ".join(STATUSES) + " | all "
                                                    "(default: everything but rejected and proposed)"),
    article: Optional[str] = Query(None, description="only events reported by this article id"),
    include_proposed: bool = Query(False, description="also proposed events (weak evidence, waiting for review)"),
    include_undated: bool = Query(False, description="with from/to: also undated events"),
    pack: Optional[str] = Query(None, description="only events this theater pack produced (GET /api/packs)"),
) -> EventFilter:
    """The shared filter parser (salvo.export.filters) on the query string: the CLI's validation."""
    values = {"from": date_from, "to": date_to, "country": country, "kind": kind, "actor": actor,
              "weapon": weapon, "site": site, "status": status, "article": article,
              "include_proposed": include_proposed, "include_undated": include_undated, "pack": pack}
    return parse_filter(values, period=_period(request), say=api_name, weapons=request.app.state.pack.weapons)


def _sort(sort: str) -> str:
    if sort.lstrip("-+ ") not in SORT_COLUMNS:
        raise UsageError(f"sort={sort!r}: use one of {', '.join(SORT_KEYS)} (prefix - for descending)")
    return sort.strip()


# --------------------------------------------------------------------------- events


@router.get("/events", tags=["events"], summary="Events matching the export filters, sorted and paginated")
def list_events(
    request: Request,
    flt: EventFilter = Depends(selection),
    sort: str = Query("date", description=f"{' | '.join(SORT_KEYS)}; prefix - for descending"),
    limit: int = Query(100, ge=0, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    sort = _sort(sort)
    page = store.query_events(flt, sort=sort, limit=limit, offset=offset)  # filtered, sorted, paged in SQL
    period = _period(request)
    return {"total": store.count_events(flt), "limit": limit, "offset": offset, "sort": sort,
            "events": [_labelled(e, period) for e in page]}


def _period(request: Request) -> tuple[str, str]:
    from salvo.extract.lexicon import lexicon_for

    return tuple(lexicon_for(request.app.state.pack).period)


def _labelled(e: Event, period: tuple[str, str]) -> dict[str, Any]:
    """The contract record plus ``date_label``, the date as `salvo events` shows it ("undated"...)."""
    from salvo.confidence import describe
    from salvo.export.formats import date_label

    return {**event_record(e), "date_label": date_label(e, period), "weak_evidence_text": describe(e.weak_evidence)}


def _evidence_in(text: Optional[str], ev) -> dict[str, Any]:
    """An evidence span with ``located``: exact (offsets point at the text), moved (found elsewhere)
    or missing (the article text no longer holds it, e.g. after re-ingest with --replace)."""
    rec = {"start": ev.start, "end": ev.end, "text": ev.text, "supports": list(ev.supports), "located": "missing"}
    if text is None:
        return rec
    if 0 <= ev.start <= ev.end <= len(text) and text[ev.start:ev.end] == ev.text:
        rec["located"] = "exact"
    elif ev.text and (i := text.find(ev.text)) >= 0:
        rec.update(start=i, end=i + len(ev.text), located="moved")
    return rec


def override_record(o: Override) -> dict[str, Any]:
    return to_dict(o)


@router.get("/events/{event_id}", tags=["events"], summary="One event: fields, sources with evidence in context, conflicts, history")
def get_event(event_id: str, request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    e = store.event(event_id)
    evidence: dict[str, list] = {}
    for ev in e.evidence:
        evidence.setdefault(ev.article_id, []).append(ev)
    sources = []
    for s in e.sources:
        try:
            a = store.article(s.article_id)
        except NotFound:
            a = None
        text = a.text if a else None
        spans = sorted((_evidence_in(text, ev) for ev in evidence.get(s.article_id, [])), key=lambda r: r["start"])
        sources.append({
            "article_id": s.article_id, "url": s.url, "outlet": s.outlet, "published": s.published,
            "title": a.title if a else None, "dateline": a.dateline if a else None, "text": text,
            "evidence": spans,
        })
    mentions = [{"mention_id": m.mention_id, "article_id": m.article_id, "role": m.role,
                 "event_date": m.date.event_date, "weapon": m.weapon, "location": m.place.location,
                 "actor1": m.actor1, "killed": m.killed, "injured": m.injured}
                for m in store.mentions(ids=e.mention_ids)]
    return {"event": _labelled(e, _period(request)), "sources": sources, "mentions": mentions,
            "history": [override_record(o) for o in store.overrides()
                        if o.override_id in set(e.override_ids) or o.event_id == event_id]}


# --------------------------------------------------------------------------- tallies, sites, facets


@router.get("/tallies", tags=["tallies"], summary="Official running counts in time order, with the record's count for each window")
def list_tallies(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    from salvo.coverage import coverage

    countries = request.app.state.pack.meta.get("countries")
    return {"tallies": [to_dict(r) for r in coverage(store.tallies(), store.events(), countries=countries)]}


@router.get("/sites", tags=["record"], summary="The theater pack's sites (bases, embassies...) with their event counts")
def list_sites(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    from salvo.geo import Gazetteer

    pack = request.app.state.pack
    counts = store.site_event_counts()
    sites = [{"site_id": x.site_id, "name": x.name, "kind": x.kind, "country": x.country, "iso": x.iso,
              "admin1": x.admin1, "latitude": x.lat, "longitude": x.lon, "aliases": list(x.aliases),
              "events": counts.get(x.site_id, 0)} for x in Gazetteer.load(pack).sites()]
    return {"pack": pack.name, "sites": sites}


@router.get("/facets", tags=["record"], summary="Values present in the record, for filter menus; editable fields")
def facets(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Counted and grouped in SQL (salvo.store.listing): the cost does not grow with parsing events."""
    from salvo.overrides import EDITABLE

    def count(column: str) -> list[dict[str, Any]]:
        return [{"value": v, "count": n} for v, n in store.facet_counts(column)]

    date_min, date_max = store.event_date_range()
    return {
        "countries": count("country"), "actors": count("actor1"), "weapons": count("weapon"),
        "kinds": count("kind"), "statuses": count("status"), "outcomes": count("outcome"), "packs": count("pack"),
        "sites": [{"value": k, "label": v} for k, v in store.facet_sites()],
        "date_min": date_min, "date_max": date_max,
        "all_weapons": list(request.app.state.pack.weapons), "all_outcomes": list(OUTCOMES), "all_statuses": list(STATUSES),
        "editable": list(EDITABLE), "sort_keys": list(SORT_KEYS),
    }


@router.get("/packs", tags=["record"], summary="Theater packs: name, title and map view of each")
def packs(request: Request) -> dict[str, Any]:
    """The shipped packs and the server's own (first): the dashboard frames the chosen one."""
    from salvo.packs import PACKS_DIR, load_pack

    own = request.app.state.pack
    found = [own] + [load_pack(str(p)) for p in sorted(PACKS_DIR.iterdir())
                     if (p / "pack.yaml").is_file() and p.name != own.name]
    return {"default": own.name,
            "packs": [{"name": p.name, "title": p.meta["title"], "map": p.meta["map"]} for p in found]}


@router.get("/status", tags=["record"], summary="Version, pack, row counts, schema version")
def status(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    from salvo import __version__

    # no database path: it tells a visitor about the machine, and the dashboard does not need it
    return {"version": __version__, "pack": request.app.state.pack.name,
            "schema": store.schema_version(), "counts": store.counts()}


# --------------------------------------------------------------------------- articles




@router.get("/articles", tags=["articles"], summary="Stored articles (no texts), paginated")
def list_articles(
    q: Optional[str] = Query(None, description="title or id contains this text"),
    limit: int = Query(100, ge=0, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Filtered, counted and paged in SQL; duplicates, links and events are read for the page only."""
    total, page = store.article_page(q, limit, offset)
    ids = [r["article_id"] for r in page]
    dup, links, per_article = duplicate_of(store, ids), store.links_of(ids), store.events_per_article_of(ids)
    return {"total": total, "limit": limit, "offset": offset,
            "articles": [article_row(r, dup, links, per_article) for r in page]}


def article_row(r: dict[str, Any], dup: dict[str, str], links: dict[str, list], per_article: dict[str, int]) -> dict[str, Any]:
    """One row of GET /api/articles: the stored row with removals counted by kind, its links and events."""
    removed: dict[str, int] = {}
    for x in json.loads(r["removed"] or "[]"):
        removed[x["kind"]] = removed.get(x["kind"], 0) + 1
    rel = r.get("relevant")
    return {**r, "removed": removed, "relevant": None if rel is None else bool(rel),
            "duplicate_of": dup.get(r["article_id"]),
            "near_duplicates": [o for o, _ in links.get(r["article_id"], [])],
            "events": per_article.get(r["article_id"], 0)}


@router.get("/articles/{article_id:path}", tags=["articles"], summary="One article: clean text, what cleaning removed, its events")
def get_article(article_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    a = store.article(article_id)
    rec = article_record(a, duplicate_of=duplicate_of(store, [article_id]).get(article_id),
                         links=store.links(article_id).get(article_id, []))
    rec["events"] = [{"event_id": e.event_id, "event_date": e.event_date, "location": e.location,
                      "weapon": e.weapon, "status": e.status,
                      "evidence": [{"start": x.start, "end": x.end, "text": x.text}
                                   for x in e.evidence if x.article_id == article_id]}
                     for e in store.query_events(EventFilter(article=article_id), sort=None, all_statuses=True)]
    return rec


# --------------------------------------------------------------------------- downloads


def _download(body: str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/export.csv", tags=["exports"], summary="ACLED-column CSV of the events matching the filter",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_csv(request: Request, flt: EventFilter = Depends(selection), store: Store = Depends(get_store)) -> Response:
    buf = io.StringIO()
    write_acled_csv(store.query_events(flt), buf, region=request.app.state.pack.meta.get("acled_region", ""),
                    period=_period(request), inter=request.app.state.pack.meta.get("acled_inter"))
    return _download(buf.getvalue(), "text/csv; charset=utf-8", "salvo-events.csv")


@router.get("/export.geojson", tags=["exports"], summary="GeoJSON FeatureCollection of the events matching the filter",
            response_class=Response, responses={200: {"content": {"application/geo+json": {}}}})
def export_geojson(flt: EventFilter = Depends(selection), store: Store = Depends(get_store)) -> Response:
    buf = io.StringIO()
    write_geojson((event_record(e) for e in store.query_events(flt)), buf)
    return _download(buf.getvalue(), "application/geo+json", "salvo-events.geojson")


@router.get("/export.jsonl", tags=["exports"], summary="JSONL (the DESIGN.md contract) of the events matching the filter",
            response_class=Response, responses={200: {"content": {"application/x-ndjson": {}}}})
def export_jsonl(flt: EventFilter = Depends(selection), store: Store = Depends(get_store)) -> Response:
    buf = io.StringIO()
    write_jsonl((event_record(e) for e in store.query_events(flt)), buf)
    return _download(buf.getvalue(), "application/x-ndjson; charset=utf-8", "salvo-events.jsonl")


# --------------------------------------------------------------------------- analyst overrides


def require_token(request: Request, cred: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> None:
    expected = request.app.state.token.encode()
    given = (cred.credentials if cred else "").encode()
    if not given or not hmac.compare_digest(given, expected):
        raise HTTPException(401, NEEDS_TOKEN, headers={"WWW-Authenticate": "Bearer"})


class Decision(BaseModel):
    why: Optional[str] = Field(None, description="reason recorded with the decision")
    author: Optional[str] = Field(None, description="who decided (default: the server's $SALVO_AUTHOR / $USER)")


class Rejection(Decision):
    why: str = Field(..., min_length=1, description="why the event is rejected (required, as on the CLI)")


class Edit(Decision):
    field: str = Field(..., description="an editable field (GET /api/facets: editable)")
    # strict: JSON true must not become killed=1
    value: Union[StrictStr, StrictInt, StrictFloat, None] = Field(..., description="new value; null or '' = not reported")
    why: str = Field(..., min_length=1)


class Merge(Decision):
    other: str = Field(..., description="event B, merged into this event (A)")
    why: str = Field(..., min_length=1)


class Split(Decision):
    mention_ids: list[str] = Field(..., min_length=1, description="mentions moved out into a new event")
    why: str = Field(..., min_length=1)


def _record(request: Request, store: Store, event_id: str, action: str, body: Decision, *,
            field: Optional[str] = None, value: Any = None, more: list = (), **extra: Any) -> dict[str, Any]:
    """What `salvo reject|confirm|edit|merge|split` do: store the override(s), re-merge."""
    from salvo.pipeline import record_override

    why = (body.why or "").strip() or None
    author = (body.author or "").strip() or request.app.state.author
    made = [Override(0, event_id, action, f, v, why, author) for f, v in [(field, value), *more]]
    with request.app.state.write_lock:
        oid, _orphans = record_override(store, *made, propose_below=request.app.state.pack.propose_below)
    try:
        now = event_record(store.event(event_id))
    except NotFound:
        now = None
    return {"override_id": oid, "event_id": event_id, "action": action, "field": field, "value": value,
            "event": now, **extra}


@router.post("/events/{event_id}/confirm", tags=["review"], summary="Mark an event confirmed (as `salvo confirm`)",
             dependencies=[Depends(require_token)])
def confirm(event_id: str, request: Request, body: Decision = Decision(),
            store: Store = Depends(get_store)) -> dict[str, Any]:
    store.event(event_id)
    return _record(request, store, event_id, "confirm", body)


@router.post("/events/{event_id}/reject", tags=["review"], summary="Mark an event rejected (as `salvo reject`)",
             dependencies=[Depends(require_token)])
def reject(event_id: str, body: Rejection, request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    store.event(event_id)
    return _record(request, store, event_id, "reject", body)


@router.post("/events/{event_id}/edit", tags=["review"], summary="Correct one field (as `salvo edit ID field=value`)",
             dependencies=[Depends(require_token)])
def edit(event_id: str, body: Edit, request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    from salvo.geo import Gazetteer
    from salvo.overrides import complete_edits, validate_edit

    e = store.event(event_id)
    field = body.field.strip()
    value = validate_edit(field, body.value, weapons=request.app.state.pack.weapons)
    (field, value), *more = complete_edits(e, [(field, value)],
                                           site=lambda sid: Gazetteer.load(request.app.state.pack).site(sid))
    return _record(request, store, event_id, "edit", body, field=field, value=value, more=more)


@router.post("/events/{event_id}/merge", tags=["review"], summary="Merge event `other` into this one (as `salvo merge A B`)",
             dependencies=[Depends(require_token)])
def merge(event_id: str, body: Merge, request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    store.event(event_id)
    other = body.other.strip()
    if other == event_id:
        raise UsageError("merge needs two different event ids")
    store.event(other)
    return _record(request, store, event_id, "merge", body, value=other)


@router.post("/events/{event_id}/split", tags=["review"], summary="Split mentions off into a new event (as `salvo split`)",
             dependencies=[Depends(require_token)])
def split(event_id: str, body: Split, request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    from salvo.overrides import split_event_id

    e = store.event(event_id)
    unknown = [m for m in body.mention_ids if m not in e.mention_ids]
    if unknown:
        raise UsageError(f"{', '.join(unknown)}: not mentions of {e.event_id} (it has {', '.join(e.mention_ids)})")
    if len(set(body.mention_ids)) >= len(e.mention_ids):
        raise UsageError("splitting off every mention leaves nothing behind; give a subset")
    return _record(request, store, event_id, "split", body, value=list(body.mention_ids),
                   new_event_id=split_event_id(event_id, body.mention_ids))
