"""Analyst corrections, applied on top of the machine's events after every run.

Overrides are stored, never applied destructively: each re-run rebuilds events from the mentions
(merge ids are stable, see :mod:`salvo.merge`) and then replays every override in the order it was
made. An override whose event no longer exists is returned as an orphan so the CLI can report it;
nothing is dropped silently.

Actions
-------
edit     ``field=value`` (validated and coerced by :func:`validate_edit`); status -> "edited".
reject   status -> "rejected"; the event stays in the record, flagged (exports filter on status).
confirm  status -> "confirmed".
merge    ``event_id`` = A, ``value`` = B: one event with both events' mentions, id A. Later
         overrides addressed to B follow it to A.
split    ``value`` = mention ids to take out of the event into a new one whose id is derived from
         those mention ids (:func:`split_event_id`), so it is the same after every re-run.
delete   ``event_id`` holds an *article* id: the article was removed (`salvo delete`); kept here so
         the history shows it and a re-ingest skips it. Not replayed on events.

The status is the last status-setting action (edit, reject, confirm, merge, split) in time order,
so an analyst can confirm an event they had rejected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Callable, Mapping, Optional, Sequence

from salvo.errors import SalvoError, UsageError
from salvo.merge import build_event, event_id_for
from salvo.model import OUTCOMES, Event, Mention, Override, Source

ACTIONS = ("edit", "reject", "confirm", "merge", "split", "delete")

_INT_FIELDS = ("munitions", "killed", "injured")
_PRECISION_FIELDS = ("time_precision", "geo_precision")
_DATE_FIELDS = ("event_date", "date_earliest", "date_latest")
_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": ("attack", "response"),
    "weapon": (),  # the pack's weapon values (weapons.yaml `values`), see _choices
    "outcome": OUTCOMES,
    "actor1_basis": ("claimed", "attributed", "unknown"),
    "role": ("main", "background"),
}
_TEXT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "target", "location", "site_id", "admin1",
                "country", "iso")
_COORD_LIMITS = {"latitude": 90.0, "longitude": 180.0}
# Everything an analyst may correct. Provenance (sources, evidence, mention_ids, conflicts,
# independent_sources), confidence and status are the machine's record or set by other actions.
EDITABLE = tuple(sorted(set(_INT_FIELDS) | set(_PRECISION_FIELDS) | set(_DATE_FIELDS) | set(_CHOICES)
                        | set(_TEXT_FIELDS) | set(_COORD_LIMITS)))
_NULLS = ("", "null", "none", "-")
# Caps on what an analyst (or anyone holding the token) can store: a value is shown on every page
# and in every export, so a runaway paste must be refused, not stored. No attack involves more than
# this many people or munitions; a larger number is a typo.
MAX_COUNT = 100_000
MAX_TEXT = 300
MAX_REASON = 2_000
MAX_AUTHOR = 100


def _choices(field: str, weapons: Optional[Sequence[str]]) -> tuple[str, ...]:
    if field != "weapon":
        return _CHOICES[field]
    if weapons is None:  # re-applied overrides, no pack at hand: any shipped pack's value
        from salvo.packs import PACKS_DIR, load_pack

        weapons = dict.fromkeys(load_pack().weapons)
        for folder in sorted(PACKS_DIR.iterdir()):
            if (folder / "pack.yaml").is_file():
                weapons.update(dict.fromkeys(load_pack(str(folder)).weapons))
    return tuple(weapons)


def validate_edit(field: str, value: Any, *, weapons: Optional[Sequence[str]] = None) -> Any:
    """Coerce an analyst's ``field=value`` to the field's type; UsageError (one line) if it can't be.
    ``weapons``: the pack's weapon values (:attr:`salvo.packs.Pack.weapons`; default: those of every
    shipped pack, the default pack's first)."""
    if field not in EDITABLE:
        raise UsageError(f"cannot edit {field!r}: editable fields are {', '.join(EDITABLE)}")
    if isinstance(value, str):
        value = value.strip()
        if value.lower() in _NULLS:
            value = None
    if value is None:
        if field in _CHOICES:
            return "unknown" if "unknown" in _choices(field, weapons) else _bad(field, value, "a value is required")
        return None
    if field in _INT_FIELDS:
        n = _int(field, value)
        if not 0 <= n <= MAX_COUNT:
            _bad(field, value, f"must be 0 or more, at most {MAX_COUNT} (use null for 'not reported')")
        return n
    if field in _PRECISION_FIELDS:
        n = _int(field, value)
        if n not in (1, 2, 3):
            _bad(field, value, "must be 1, 2 or 3")
        return n
    if field in _DATE_FIELDS:
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            _bad(field, value, "must be a date YYYY-MM-DD")
    if field in _CHOICES:
        v = str(value).lower()
        allowed = _choices(field, weapons)
        if v not in allowed:
            _bad(field, value, "must be one of " + " | ".join(allowed))
        return v
    if field in _COORD_LIMITS:
        try:
            f = float(value)
        except (TypeError, ValueError):
            _bad(field, value, "must be a number")
        if isinstance(value, bool) or not -_COORD_LIMITS[field] <= f <= _COORD_LIMITS[field]:
            _bad(field, value, f"must be between -{_COORD_LIMITS[field]:g} and {_COORD_LIMITS[field]:g}")
        return f
    text = str(value)
    if len(text) > MAX_TEXT:
        _bad(field, text[:20] + "...", f"at most {MAX_TEXT} characters (this one has {len(text)})")
    return text


def _int(field: str, value: Any) -> int:
    if isinstance(value, bool):
        _bad(field, value, "must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value))
    except ValueError:
        _bad(field, value, "must be a whole number")
    raise AssertionError  # unreachable: _bad raises


def _bad(field: str, value: Any, why: str) -> Any:
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    raise UsageError(f"{field}={shown}: {why}")


def validate_override(o: Override) -> None:
    """Check an override before it is stored (the CLI calls this so bad input never lands)."""
    if o.action not in ACTIONS:
        raise UsageError(f"unknown action {o.action!r}: use one of {', '.join(ACTIONS)}")
    reason = (o.reason or "").strip()
    if not reason and o.action != "confirm":
        raise UsageError(f"{o.action} needs a reason: --why '...' (what the analyst saw)")
    if len(reason) > MAX_REASON:
        raise UsageError(f"the reason (--why) has {len(reason)} characters; at most {MAX_REASON}")
    if len(o.author or "") > MAX_AUTHOR:
        raise UsageError(f"the author name has {len(o.author)} characters; at most {MAX_AUTHOR}")
    if o.action == "edit":
        if not o.field:
            raise UsageError("edit needs field=value, e.g. `salvo edit EVENT_ID killed=2 --why ...`")
        validate_edit(o.field, o.value)
    elif o.action == "merge":
        if not isinstance(o.value, str) or not o.value or o.value == o.event_id:
            raise UsageError("merge needs two different event ids: `salvo merge A B`")
    elif o.action == "split":
        if not isinstance(o.value, (list, tuple)) or not o.value or not all(isinstance(v, str) for v in o.value):
            raise UsageError("split needs the mention ids to move out: `salvo split EVENT_ID MENTION_ID...`")


def complete_edits(e: Event, changes: Sequence[tuple[str, Any]], *,
                   site: Callable[[str], Any]) -> list[tuple[str, Any]]:
    """Validated ``changes`` to event ``e`` with what follows from them, checked against the event.

    A new site brings its place (name, admin1, country, ISO code, coordinates, precision 1) from the
    pack's gazetteer (``site(site_id)`` returns a :class:`salvo.geo.gazetteer.Site` or raises); a
    country or ISO code must be a real one and brings the other; the dates must stay in order.
    Each resulting change is stored as an override of its own, so re-runs replay them as they are.
    """
    out: list[tuple[str, Any]] = []
    for field, value in changes:
        if field == "site_id" and value is not None:
            try:
                x = site(value)
            except SalvoError:
                _bad(field, value, "no such site in the theater pack (`salvo places` lists them)")
            out += [("site_id", x.site_id), ("location", x.name), ("admin1", x.admin1), ("country", x.country),
                    ("iso", x.iso), ("latitude", x.lat), ("longitude", x.lon), ("geo_precision", 1)]
        elif field in ("country", "iso") and value is not None:
            c = _country(field, value)
            out += [(field, c[0] if field == "country" else c[1]), ("iso" if field == "country" else "country",
                                                                    c[1] if field == "country" else c[0])]
        else:
            out.append((field, value))
    after = e
    for field, value in out:
        after = with_edit(after, field, value)
    lo, hi, day = after.date_earliest, after.date_latest, after.event_date
    for field, value in out:
        if field in _DATE_FIELDS and value is not None:
            if lo and hi and lo > hi:
                _bad(field, value, f"leaves date_earliest {lo} after date_latest {hi}; edit both")
            if day and ((lo and day < lo) or (hi and day > hi)):
                _bad(field, value, f"leaves event_date {day} outside {lo or '?'}..{hi or '?'}; edit event_date too")
    return out


def _country(field: str, value: str) -> tuple[str, str]:
    """(common name, ISO alpha-2) of a country given by name, official name or ISO code."""
    import pycountry

    try:
        c = pycountry.countries.lookup(str(value).strip())
    except LookupError:
        _bad(field, value, "not a country name or ISO 3166 code (e.g. Iraq, SY, JOR)")
    return getattr(c, "common_name", None) or c.name, c.alpha_2


def anchor_for(e: Event) -> dict[str, Any]:
    """What identifies an event beyond its id, stored with each override made on it."""
    return {
        "mention_ids": list(e.mention_ids),
        "article_ids": sorted({s.article_id for s in e.sources}),
        "kind": e.kind,
        "event_date": e.event_date,
        "date_earliest": e.date_earliest,
        "date_latest": e.date_latest,
        "site_id": e.site_id,
        "country": e.country,
    }


def reanchor(anchor: Optional[Mapping[str, Any]], events: Sequence[Event]) -> Optional[str]:
    """The event an orphaned override most plausibly meant, or None when no event clearly fits.

    A shared mention id is decisive. Otherwise the event must come from one of the same articles,
    be of the same kind, at the same site (or in the same country when neither names a site) and
    on a compatible date; ambiguity (two candidates equally good) returns None: never guess.
    """
    if not anchor:
        return None
    mids = set(anchor.get("mention_ids") or ())
    arts = set(anchor.get("article_ids") or ())
    scored: list[tuple[int, str]] = []
    for e in events:
        shared = len(mids & set(e.mention_ids))
        if shared and fits(anchor, e):
            scored.append((100 + shared, e.event_id))
            continue
        if not arts & {s.article_id for s in e.sources}:
            continue
        if not (anchor.get("site_id") or e.site_id) and e.country != anchor.get("country"):
            continue
        if anchor.get("site_id") != e.site_id or not fits(anchor, e):
            continue
        scored.append((10, e.event_id))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def fits(anchor: Optional[Mapping[str, Any]], e: Event) -> bool:
    """Whether ``e`` can still be the attack an override was made on: same kind, no other site, no
    other country, dates that overlap. An id or a mention id alone is not enough: `--replace` of an
    article with a different attack gives the new one the old ids (they come from text offsets).
    """
    if not anchor:
        return True  # made before anchors were stored: nothing to check against
    if anchor.get("kind") and e.kind != anchor["kind"]:
        return False
    if anchor.get("site_id") and e.site_id and e.site_id != anchor["site_id"]:
        return False
    if anchor.get("country") and e.country and e.country != anchor["country"]:
        return False
    lo = anchor.get("event_date") or anchor.get("date_earliest")
    hi = anchor.get("event_date") or anchor.get("date_latest")
    elo, ehi = e.event_date or e.date_earliest, e.event_date or e.date_latest
    return not (lo and hi and elo and ehi and (ehi < lo or elo > hi))


def split_event_id(event_id: str, mention_ids: Sequence[str]) -> str:
    """The id of the event split off ``event_id``: a function of the moved mentions only."""
    return event_id_for(min(mention_ids), salt="split:")


def with_edit(e: Event, field: str, value: Any) -> Event:
    changes: dict[str, Any] = {field: value}
    if field == "event_date" and value is not None:
        # A day the analyst states is exact: the bounds and precision follow it.
        changes.update(date_earliest=value, date_latest=value, time_precision=1)
    return dataclasses.replace(e, **changes)


def apply_overrides(
    events: list[Event],
    overrides: Sequence[Override],
    *,
    mentions_by_id: Mapping[str, Mention],
    sources: Optional[Mapping[str, Source]] = None,
    duplicate_of: Optional[Mapping[str, str]] = None,
) -> tuple[list[Event], list[Override]]:
    """Replay overrides (by override_id, i.e. oldest first) on freshly merged events; return (events, orphans).

    ``sources``/``duplicate_of`` are what :func:`salvo.merge.merge_mentions` got; when given,
    merged and split events count independent sources exactly, otherwise each article counts once
    (sources are then taken from the events themselves).
    """
    by_id: dict[str, Event] = {e.event_id: e for e in events}
    order = [e.event_id for e in events]
    edits: dict[str, dict[str, Any]] = {}  # event_id -> field -> value, replayed after rebuilds
    moved: dict[str, str] = {}  # merged-away id -> surviving id
    orphans: list[Override] = []
    srcs: dict[str, Source] = {s.article_id: s for e in events for s in e.sources}
    srcs.update(sources or {})
    dups = duplicate_of or {}

    def resolve(event_id: str, anchor: Optional[Mapping[str, Any]] = None) -> Optional[str]:
        seen = set()
        while event_id in moved and event_id not in seen:
            seen.add(event_id)
            event_id = moved[event_id]
        if event_id in by_id and fits(anchor, by_id[event_id]):
            return event_id
        # renamed by a changed extractor, or the id now names another attack: follow the anchor
        found = reanchor(anchor, [e for e in by_id.values() if e.event_id != event_id or fits(anchor, e)])
        if found is not None:
            moved[event_id] = found
        return found

    def rebuild(event_id: str, mention_ids: Sequence[str]) -> Optional[Event]:
        ms = [mentions_by_id[i] for i in mention_ids if i in mentions_by_id]
        if not ms:
            return None
        e = build_event(ms, sources=srcs, duplicate_of=dups, event_id=event_id)
        for f, v in edits.get(event_id, {}).items():
            e = with_edit(e, f, v)
        return e

    applied_to: dict[int, str] = {}  # override id -> the event it was applied to (followed through merges)

    def resolve_final(event_id: str) -> Optional[str]:
        seen = set()
        while event_id in moved and event_id not in seen:
            seen.add(event_id)
            event_id = moved[event_id]
        return event_id if event_id in by_id else None

    for o in sorted(overrides, key=lambda o: o.override_id):  # the store numbers them in time order
        if o.action == "delete":
            continue  # an article's deletion: done in the store, nothing to replay on events
        target = resolve(o.event_id, o.anchor)
        if target is not None:
            applied_to[o.override_id] = target
        if target is None:
            orphans.append(o)
            continue
        e = by_id[target]
        try:
            if o.action == "edit":
                value = validate_edit(o.field or "", o.value)
                edits.setdefault(target, {})[o.field] = value
                by_id[target] = with_edit(e, o.field, value).replace(status="edited")
            elif o.action in ("reject", "confirm"):
                by_id[target] = e.replace(status="rejected" if o.action == "reject" else "confirmed")
            elif o.action == "merge":
                other = resolve(str(o.value), (o.anchor or {}).get("other"))
                if other is None or other == target:
                    orphans.append(o)
                    continue
                b = by_id.pop(other)
                # The surviving event's own edits win over the absorbed one's.
                edits[target] = {**edits.pop(other, {}), **edits.get(target, {})}
                ids = sorted(set(e.mention_ids) | set(b.mention_ids))
                merged = rebuild(target, ids) or e
                by_id[target] = merged.replace(status="edited")
                moved[other] = target
            elif o.action == "split":
                take = sorted(set(o.value or ()) & set(e.mention_ids))
                keep = [i for i in e.mention_ids if i not in take]
                if not take:
                    continue  # already apart after this re-run: nothing to do, nothing lost
                if not keep:
                    orphans.append(o)  # would empty the event: cannot apply as stated
                    continue
                new_id = split_event_id(target, take)
                rest, part = rebuild(target, keep), rebuild(new_id, take)
                if rest is None or part is None:
                    orphans.append(o)
                    continue
                by_id[target] = rest.replace(status="edited")
                by_id[new_id] = part.replace(status="edited")
                order.append(new_id)
            else:
                orphans.append(o)
        except UsageError:
            # A stored override that no longer validates (e.g. a field was renamed) is reported.
            orphans.append(o)
    applied: dict[str, list[int]] = {}
    orphan_ids = {o.override_id for o in orphans}
    for oid, tid in applied_to.items():
        if oid in orphan_ids:
            continue
        final = resolve_final(tid)
        if final is not None:
            applied.setdefault(final, []).append(oid)
    for eid, oids in applied.items():
        by_id[eid] = by_id[eid].replace(override_ids=tuple(sorted(oids)))
    out = [by_id[i] for i in dict.fromkeys(order) if i in by_id]
    return sorted(out, key=lambda e: (e.event_date or e.date_earliest or "", e.event_id)), orphans
