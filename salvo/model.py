"""Typed records passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; nothing else crosses a stage boundary.
Offsets (``start``/``end``) always index the article's *clean* text (``Article.text``), which is
what the store keeps and what ``salvo show`` prints; ``Article.to_raw`` maps them back to the text
the user gave.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, Literal, Optional

Kind = Literal["attack", "response"]
Basis = Literal["claimed", "attributed", "unknown"]
OUTCOMES = ("hit", "intercepted", "no_damage", "damage", "missed", "seized", "sunk", "unknown")
# proposed: stored, but the evidence is weak (confidence below the pack's review.propose_below);
# left out of the default record until an analyst confirms it.
STATUSES = ("auto", "proposed", "confirmed", "edited", "rejected")


def to_dict(obj: Any) -> Any:
    """Dataclass -> plain JSON-able structure (tuples become lists)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class RawDocument:
    """One input document as a reader found it, before cleaning."""

    doc_id: str
    raw_text: str
    source_path: str  # file path, "file.jsonl:LINE" or "<stdin>:LINE"
    format: str  # txt | html | jsonl
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD
    published_source: Optional[str] = None  # input | html | option
    outlet: Optional[str] = None
    encoding: str = "utf-8"
    original: Optional[str] = None  # the HTML page, when raw_text was extracted from one
    page_removed: tuple[str, ...] = ()  # HTML: page text the main-text extraction left out


@dataclass(frozen=True)
class ReadError:
    """A document (or line) a reader could not use; the batch goes on without it."""

    source_path: str
    message: str


@dataclass(frozen=True)
class Removed:
    """A piece of the raw text that cleaning took out, and why."""

    kind: str  # duplicate | caption | furniture | teaser | dateline | metadata | blank
    text: str
    raw_start: int
    raw_end: int


@dataclass(frozen=True)
class Segment:
    """clean[clean_start:clean_start+length] == raw[raw_start:raw_start+length]."""

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True)
class Article:
    article_id: str
    text: str  # clean text: what evidence offsets point into
    raw_text: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    published_source: Optional[str] = None
    dateline: Optional[str] = None
    removed: tuple[Removed, ...] = ()
    segments: tuple[Segment, ...] = ()
    content_hash: str = ""
    source_path: str = ""
    format: str = "txt"
    encoding: str = "utf-8"
    original: Optional[str] = None  # the HTML page, when raw_text was extracted from one

    def to_raw(self, clean_offset: int) -> int:
        """Map an offset in ``text`` back to ``raw_text``."""
        for seg in self.segments:
            if seg.clean_start <= clean_offset <= seg.clean_start + seg.length:
                return seg.raw_start + (clean_offset - seg.clean_start)
        raise ValueError(f"offset {clean_offset} is not inside kept text")


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class Evidence:
    article_id: str
    start: int
    end: int
    text: str
    supports: tuple[str, ...] = ()  # field names this span supports ("event", "date", "killed"...)


@dataclass(frozen=True)
class PlaceRef:
    """A place as the text names it, before geocoding.

    ``text`` is the span (e.g. "al-Asaf airbase"); ``context`` carries the surrounding words the
    resolver may use ("in western Iraq", "Anbar province"); ``country_hint`` is a country the text
    puts it in, when it says so.
    """

    text: str
    start: int = -1
    end: int = -1
    context: str = ""
    country_hint: Optional[str] = None
    admin1_hint: Optional[str] = None
    near: bool = False  # "near X", "outside X": precision 2 at best
    # "about 100 nautical miles west of Hodeidah": the point that far that way from the place named
    # (only where the pack's place_offsets is on)
    offset_km: Optional[float] = None
    bearing: Optional[float] = None


@dataclass(frozen=True)
class Place:
    """A resolved place. geo_precision follows ACLED: 1 place itself, 2 near/part, 3 region."""

    location: Optional[str] = None
    site_id: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    iso: Optional[str] = None  # ISO 3166-1 alpha-2
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    resolved_from: Optional[str] = None  # the text that was resolved
    unresolved: tuple[str, ...] = ()  # place names seen but not resolved


@dataclass(frozen=True)
class DateSpan:
    event_date: Optional[str] = None  # YYYY-MM-DD when known to the day
    date_earliest: Optional[str] = None
    date_latest: Optional[str] = None
    time_precision: Optional[int] = None  # 1 day, 2 week, 3 month (ACLED)
    time_of_day: Optional[str] = None  # "04:15" when the text gives it
    text: Optional[str] = None  # the phrase resolved


@dataclass(frozen=True)
class Ship:
    """A vessel attacked, as the text names it (events at sea)."""

    name: str
    flag: Optional[str] = None  # as told ("Marshall Islands", "Liberian")
    type: Optional[str] = None  # "bulk carrier", "tanker", "destroyer"


@dataclass(frozen=True)
class Mention:
    """One event as a single article reports it (before cross-article merging)."""

    mention_id: str
    article_id: str
    kind: str  # attack | response
    role: str = "main"  # main | background
    date: DateSpan = field(default_factory=DateSpan)
    event_type: str = "Explosions/Remote violence"
    sub_event_type: str = "Shelling/artillery/missile attack"
    weapon: str = "unknown"
    munitions: Optional[int] = None
    munitions_text: Optional[str] = None  # "roughly 14", "more than a dozen"
    actor1: Optional[str] = None
    actor1_basis: str = "unknown"
    actor2: Optional[str] = None
    target: Optional[str] = None
    place_ref: Optional[PlaceRef] = None
    place: Place = field(default_factory=Place)
    killed: Optional[int] = None
    injured: Optional[int] = None
    outcome: str = "unknown"
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    weak_evidence: tuple[str, ...] = ()  # the evidence features that lowered it (salvo.confidence)
    reason: str = ""  # the reason code of the extraction decision that created it (salvo explain)
    pack: Optional[str] = None  # the theater pack that produced it (events of two packs never merge)
    ship: Optional[Ship] = None  # the vessel attacked, where the pack knows ships

    def replace(self, **changes: Any) -> "Mention":
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Tally:
    tally_id: str
    article_id: str
    what: str  # attacks | injured | killed
    count: int
    qualifier: Optional[str] = None  # at least | about | more than | None
    since: Optional[str] = None
    as_of: Optional[str] = None
    breakdown: Optional[dict[str, int]] = None
    speaker: Optional[str] = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class TraceRecord:
    """One candidate extraction weighed, and what became of it (``salvo explain``).

    Offsets are into the article's clean text; ``clause_start`` is -1 for a draft dropped at the
    end of the article (its sentence is the first it was told in)."""

    sentence_start: int
    sentence_end: int
    clause_start: int
    clause_end: int
    candidate: str  # "attack at 'Ain al-Asad' 2024-01-20", or "clause" before a place is read
    action: str  # new_event | response | background | merged | attach_to_told_event | other_party | ...
    reason: str  # stable snake_case code (salvo/extract/decisions.py)
    detail: str = ""
    kind: Optional[str] = None  # attack | response, once read
    place: Optional[PlaceRef] = None
    date: Optional[DateSpan] = None
    mention_id: Optional[str] = None  # the mention it became, joined or was dropped as


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one article: a pure function of (article, pack)."""

    article_id: str
    relevant: bool
    mentions: tuple[Mention, ...] = ()
    tallies: tuple[Tally, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. "no publication date: relative dates left open"
    trace: tuple[TraceRecord, ...] = ()  # every candidate, kept or dropped, with its reason


# --------------------------------------------------------------------------- merged record


@dataclass(frozen=True)
class Source:
    article_id: str
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


@dataclass(frozen=True)
class Conflict:
    """Sources disagree on a field: every reported value with the article that reported it."""

    field: str
    values: tuple[tuple[Any, str], ...]  # (value, article_id)
    chosen: Any = None


@dataclass(frozen=True)
class Event:
    """A merged event: one attack, however many articles report it."""

    event_id: str
    kind: str
    event_date: Optional[str]
    date_earliest: Optional[str]
    date_latest: Optional[str]
    time_precision: Optional[int]
    event_type: str
    sub_event_type: str
    weapon: str
    munitions: Optional[int]
    actor1: Optional[str]
    actor1_basis: str
    actor2: Optional[str]
    target: Optional[str]
    location: Optional[str]
    site_id: Optional[str]
    admin1: Optional[str]
    country: Optional[str]
    iso: Optional[str]
    latitude: Optional[float]
    longitude: Optional[float]
    geo_precision: Optional[int]
    killed: Optional[int]
    injured: Optional[int]
    outcome: str
    sources: tuple[Source, ...]
    evidence: tuple[Evidence, ...]
    confidence: float
    status: str = "auto"
    role: str = "main"
    mention_ids: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    independent_sources: int = 1
    override_ids: tuple[int, ...] = ()  # analyst overrides applied to this event (its history)
    pack: Optional[str] = None  # the theater pack that produced it (`salvo events --pack NAME`)
    ship: Optional[Ship] = None  # the vessel attacked (events at sea)
    # why the evidence is weak: the features that lowered its best source's confidence (salvo.confidence)
    weak_evidence: tuple[str, ...] = ()

    def replace(self, **changes: Any) -> "Event":
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Override:
    """An analyst's correction, re-applied after every re-run."""

    override_id: int
    event_id: str
    action: str  # edit | reject | confirm | merge | split
    field: Optional[str] = None
    value: Any = None
    reason: Optional[str] = None
    author: Optional[str] = None
    created_at: Optional[str] = None
    # what the event looked like when the analyst acted (mention ids, articles, kind, date, place):
    # lets the override find its event again if a changed extractor renames it
    anchor: Optional[dict[str, Any]] = None


@functools.lru_cache(maxsize=None)
def _field_types(cls: Any) -> tuple[tuple[str, Any], ...]:
    import typing

    hints = typing.get_type_hints(cls)  # slow (evaluates annotations): once per class
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _same(data: Any) -> Any:
    return data


@functools.lru_cache(maxsize=None)
def _converter(cls: Any) -> Any:
    """data -> value of type ``cls``, worked out once per type (stored records are read by the thousand)."""
    import typing

    if dataclasses.is_dataclass(cls):
        fields: list = []

        def dc(data: Any) -> Any:
            if not fields:
                fields.extend((name, _converter(hint)) for name, hint in _field_types(cls))
            return None if data is None else cls(**{n: c(data[n]) for n, c in fields if n in data})

        return dc
    origin, args = typing.get_origin(cls), typing.get_args(cls)
    if origin is typing.Union:
        inner = [a for a in args if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _same
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            one = _converter(args[0])
            return lambda data: None if data is None else tuple(one(x) for x in data)
        if args:
            each = [_converter(a) for a in args]
            return lambda data: None if data is None else tuple(c(x) for c, x in zip(each, data))
        return lambda data: None if data is None else tuple(data)
    return _same


def from_dict(cls: Any, data: Any) -> Any:
    """Inverse of :func:`to_dict` for the dataclasses above (unknown keys are ignored)."""
    return None if data is None else _converter(cls)(data)
    return data
