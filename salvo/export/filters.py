"""The event filter, and the one parser that builds it for the command line and the API.

`salvo events`, `salvo export --what events` and ``GET /api/events`` (and the API's downloads) all
call :func:`parse_filter` on their raw values, so they accept and refuse the same things with the
same message: dates are ISO days and ``from`` may not be after ``to``; ``kind``, ``weapon`` and
``status`` are one of the model's values; a country is a name or an ISO code (``Syria``, ``Syrian
Arab Republic``, ``SY`` and ``SYR`` are one country). The store runs the filter in SQL
(:mod:`salvo.store.queries`); :meth:`EventFilter.matches` is the same rule in Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from salvo.errors import UsageError
from salvo.export.formats import undated
from salvo.model import STATUSES, Event

KINDS = ("attack", "response")
Period = Optional[tuple[str, str]]


@functools.lru_cache(maxsize=1024)
def country_code(value: Optional[str]) -> Optional[str]:
    """ISO 3166 alpha-2 of a country name or code ("Syria", "SY", "SYR" -> "SY"); None if unknown."""
    if not value or not value.strip():
        return None
    import pycountry  # deferred: ~0.1 s

    try:
        return pycountry.countries.lookup(value.strip()).alpha_2
    except LookupError:
        return None


def event_country_code(e: Event) -> Optional[str]:
    return (e.iso or "").upper() or country_code(e.country)


@dataclass(frozen=True)
class EventFilter:
    """The filters shared by `salvo events`, `salvo export` and the web API."""

    date_from: Optional[str] = None
    date_to: Optional[str] = None
    country: Optional[str] = None
    kind: Optional[str] = None
    actor: Optional[str] = None
    weapon: Optional[str] = None
    site: Optional[str] = None
    status: Optional[str] = None  # default: everything but rejected (and proposed)
    article: Optional[str] = None
    include_proposed: bool = False  # proposed events (weak evidence) are out of the default record
    include_undated: bool = False  # undated events are outside date filters unless asked for
    all_statuses: bool = False  # the API's status=all: rejected events too
    period: Period = None  # the theater's (start, end): bounds that are only these are no date
    pack: Optional[str] = None  # only events this theater pack produced

    @property
    def country_iso(self) -> Optional[str]:
        return country_code(self.country)

    @property
    def dated_only(self) -> bool:
        return bool(self.date_from or self.date_to) and not self.include_undated

    def _status_ok(self, e: Event) -> bool:
        if self.all_statuses:
            return True
        if self.status:
            return e.status == self.status
        return e.status != "rejected" and (e.status != "proposed" or self.include_proposed)

    def _dates_ok(self, e: Event) -> bool:
        latest = e.event_date or e.date_latest
        earliest = e.event_date or e.date_earliest
        if self.date_from and (latest is None or latest < self.date_from):
            return False
        if self.date_to and (earliest is None or earliest > self.date_to):
            return False
        return not (self.dated_only and undated(e, self.period))

    def _country_ok(self, e: Event) -> bool:
        if not self.country:
            return True
        iso = self.country_iso
        if iso:
            return event_country_code(e) == iso
        return (e.country or "").lower() == self.country.lower()

    def matches(self, e: Event) -> bool:
        if not (self._status_ok(e) and self._dates_ok(e) and self._country_ok(e)):
            return False
        if self.kind and e.kind != self.kind:
            return False
        if self.actor and self.actor.lower() not in (e.actor1 or "").lower():
            return False
        if self.weapon and e.weapon != self.weapon:
            return False
        if self.site and e.site_id != self.site:
            return False
        if self.article and all(s.article_id != self.article for s in e.sources):
            return False
        if self.pack and e.pack != self.pack:
            return False
        return True

    def apply(self, events: Iterable[Event]) -> list[Event]:
        return [e for e in events if self.matches(e)]

    def hidden_proposed(self) -> Optional["EventFilter"]:
        """The filter for the proposed events this one leaves out (None when it leaves none out)."""
        if self.include_proposed or self.status or self.all_statuses:
            return None
        return dataclasses.replace(self, include_proposed=True, status="proposed")


# --------------------------------------------------------------------------- the parser

FILTER_NAMES = ("from", "to", "country", "kind", "actor", "weapon", "site", "status", "article",
                "include_proposed", "include_undated", "pack")


def cli_name(name: str, value: Any) -> str:
    return f"--{name.replace('_', '-')} {value!r}"


def api_name(name: str, value: Any) -> str:
    return f"{name}={value!r}"


def _day(name: str, value: Optional[str], say: Callable[[str, Any], str]) -> Optional[str]:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise UsageError(f"{say(name, value)} is not a date; use YYYY-MM-DD (e.g. 2023-11-01)") from None


def _choice(name: str, value: Optional[str], choices: tuple[str, ...], say) -> Optional[str]:
    if value is None or value == "":
        return None
    if value not in choices:
        raise UsageError(f"{say(name, value)}: use one of {', '.join(choices)}")
    return value


def _text(value: Optional[str]) -> Optional[str]:
    return value if value not in (None, "") and str(value).strip() else None


def parse_filter(values: Mapping[str, Any], *, period: Period = None, say: Callable[[str, Any], str] = cli_name,
                 weapons: Optional[Sequence[str]] = None) -> EventFilter:
    """An :class:`EventFilter` from raw values keyed by :data:`FILTER_NAMES` (missing = not given).

    ``say(name, value)`` names a value in messages (``--from '2024-13-01'`` or ``from='...'``);
    every problem is a :class:`~salvo.errors.UsageError` of one line. ``weapons``: the pack's
    weapon values (default: the default pack's).
    """
    if weapons is None:
        from salvo.packs import load_pack

        weapons = load_pack().weapons
    unknown = set(values) - set(FILTER_NAMES)
    if unknown:
        raise ValueError(f"not filter names: {sorted(unknown)}")
    date_from = _day("from", values.get("from"), say)
    date_to = _day("to", values.get("to"), say)
    if date_from and date_to and date_from > date_to:
        raise UsageError(f"{say('from', date_from)} is after {say('to', date_to)}: the range is reversed")
    status = values.get("status") or None
    if status != "all":
        _choice("status", status, STATUSES, say)
    return EventFilter(
        date_from=date_from, date_to=date_to, country=_text(values.get("country")),
        kind=_choice("kind", values.get("kind"), KINDS, say), actor=_text(values.get("actor")),
        weapon=_choice("weapon", values.get("weapon"), tuple(weapons), say), site=_text(values.get("site")),
        status=None if status == "all" else status, article=_text(values.get("article")),
        include_proposed=bool(values.get("include_proposed")), include_undated=bool(values.get("include_undated")),
        all_statuses=status == "all", period=tuple(period) if period else None, pack=_text(values.get("pack")),
    )
