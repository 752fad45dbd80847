"""Writers: JSONL, ACLED-column CSV, GeoJSON. Each takes records and a text stream."""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import IO, Any, Iterable, Optional

from salvo.model import Event

# ACLED's columns, in ACLED's order (DESIGN.md); salvo's own columns follow them.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
EXTRA_COLUMNS = [
    "salvo_event_id", "kind", "date_earliest", "date_latest", "weapon", "munitions", "actor1_basis", "target",
    "site_id", "killed", "injured", "outcome", "confidence", "status", "independent_sources", "article_ids",
    "conflicts",
]
Inter = dict  # kind -> (inter1, inter2): the pack's acled_inter (pack.yaml)


def interaction(inter: Optional[Inter], kind: str) -> tuple[str, str, str]:
    """inter1, inter2 and ACLED's interaction code (the two codes, lower first) of an event kind."""
    pair = (inter or {}).get(kind)
    if not pair:
        return "", "", ""
    a, b = (str(x) for x in pair)
    return a, b, "".join(sorted((a, b)))


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


Period = Optional[tuple[str, str]]  # the theater pack's (start, end), ISO days


def undated(e: Event, period: Period = None) -> bool:
    """The report gives no date: the bounds are only the theater's period, cut at publication."""
    if e.event_date is not None:
        return False
    if e.date_earliest is None or e.date_latest is None:
        return True
    return e.time_precision is None and period is not None and e.date_earliest <= period[0]


def _published_bound(e: Event, period: Period) -> Optional[str]:
    """The publication date that bounds an undated event, when there is one."""
    if e.date_latest and not (period and e.date_latest >= period[1]):
        return e.date_latest
    return None


def date_label(e: Event, period: Period = None) -> str:
    """The date as a table shows it: a day, a range, or "undated" (with the publication bound)."""
    if e.event_date:
        return e.event_date
    if undated(e, period):
        hi = _published_bound(e, period)
        return f"undated, ≤{hi}" if hi else "undated"
    return f"{e.date_earliest}..{e.date_latest}"


def _year(e: Event, period: Period) -> str:
    """ACLED's year: empty unless the record knows it."""
    if e.event_date:
        return e.event_date[:4]
    if not undated(e, period) and e.date_earliest[:4] == e.date_latest[:4]:
        return e.date_earliest[:4]
    return ""


def _when(e: Event, period: Period) -> str:
    if e.event_date:
        return f"On {e.event_date}"
    if undated(e, period):
        hi = _published_bound(e, period)
        return "On a date the report does not give" + (f" (on or before {hi})" if hi else "")
    return f"Between {e.date_earliest} and {e.date_latest}"


def _notes(e: Event, period: Period = None) -> str:
    who = e.actor1 or "unidentified attackers"
    basis = {"claimed": " (claimed)", "attributed": " (attributed)"}.get(e.actor1_basis, "")
    what = f"{e.munitions} {e.weapon}" if e.munitions else e.weapon
    where = e.location or e.country or "unknown location"
    parts = [f"{_when(e, period)}, {who}{basis} {'attacked' if e.kind == 'attack' else 'struck'} {e.target or where} "
             f"({where}) with {what}."]
    if e.ship is not None:
        told = ", ".join(x for x in (e.ship.type, f"flag {e.ship.flag}" if e.ship.flag else None) if x)
        parts.append(f"Vessel: {e.ship.name}" + (f" ({told})." if told else "."))
    if e.outcome and e.outcome != "unknown":
        parts.append(f"Outcome: {e.outcome}.")
    cas = []
    if e.killed is not None:
        cas.append(f"{e.killed} killed")
    if e.injured is not None:
        cas.append(f"{e.injured} injured")
    if cas:
        parts.append("Casualties: " + ", ".join(cas) + ".")
    if e.conflicts:
        parts.append("Sources disagree on " + ", ".join(c.field for c in e.conflicts) + ".")
    return " ".join(parts)


def _country(iso2: Optional[str]):
    import pycountry

    return pycountry.countries.get(alpha_2=iso2) if iso2 else None


def _cell(value: Any) -> Any:
    """Spreadsheet-safe: text from articles must not start a formula when the CSV is opened."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def acled_row(e: Event, *, region: str = "", period: Period = None, inter: Optional[Inter] = None) -> dict[str, Any]:
    inter1, inter2, inter12 = interaction(inter, e.kind)
    country = _country(e.iso)
    # ACLED ids are a country code and a number; ours derive from the stable event id, so the same
    # event keeps its id whatever the filter or the run
    number = int(e.event_id.removeprefix("ev-")[:8], 16) if e.event_id.startswith("ev-") else abs(hash(e.event_id))
    year = _year(e, period)
    outlets = sorted({s.outlet or s.article_id for s in e.sources})
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}{number}",
        "event_date": e.event_date or "",
        "year": year,
        "time_precision": e.time_precision or "",
        "disorder_type": "Political violence" if e.event_type != "Strategic developments" else "Strategic developments",
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1 or "Unidentified Armed Group",
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": e.actor2 or "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": inter12,
        "civilian_targeting": "",
        "iso": int(country.numeric) if country else "",
        "region": region,
        "country": e.country or "",
        "admin1": e.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": e.location or "",
        "latitude": "" if e.latitude is None else f"{e.latitude:.4f}",
        "longitude": "" if e.longitude is None else f"{e.longitude:.4f}",
        "geo_precision": e.geo_precision or "",
        "source": "; ".join(outlets),
        "source_scale": "International" if len(outlets) > 1 else "",
        "notes": _notes(e, period),
        # ACLED's rule: the most conservative figure; unknown counts as 0 in ACLED's column
        "fatalities": e.killed or 0,
        "tags": "",
        "timestamp": int(dt.datetime.now(dt.timezone.utc).timestamp()),
        "salvo_event_id": e.event_id,
        "kind": e.kind,
        "date_earliest": e.date_earliest or "",
        "date_latest": e.date_latest or "",
        "weapon": e.weapon,
        "munitions": "" if e.munitions is None else e.munitions,
        "actor1_basis": e.actor1_basis,
        "target": e.target or "",
        "site_id": e.site_id or "",
        "killed": "" if e.killed is None else e.killed,
        "injured": "" if e.injured is None else e.injured,
        "outcome": e.outcome,
        "confidence": e.confidence,
        "status": e.status,
        "independent_sources": e.independent_sources,
        "article_ids": ";".join(s.article_id for s in e.sources),
        "conflicts": ";".join(c.field for c in e.conflicts),
    }


def write_acled_csv(events: Iterable[Event], out: IO[str], *, region: str = "", period: Period = None,
                    inter: Optional[Inter] = None) -> int:
    """``region`` is ACLED's region name for the theater (the pack's ``acled_region``); ``period`` its
    (start, end), which tells an undated event from a dated range; ``inter`` the pack's
    ``acled_inter`` (kind -> [inter1, inter2])."""
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for n, e in enumerate(events, 1):
        w.writerow({k: _cell(v) for k, v in acled_row(e, region=region, period=period, inter=inter).items()})
    return n


def write_csv(records: Iterable[dict[str, Any]], out: IO[str], columns: list[str]) -> int:
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    n = 0
    for n, r in enumerate(records, 1):
        w.writerow({k: _cell(json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                    for k, v in r.items()})
    return n


def write_geojson(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A FeatureCollection, one Point per located event (events without coordinates are left out)."""
    features = []
    for r in records:
        if r.get("latitude") is None or r.get("longitude") is None:
            continue
        features.append({
            "type": "Feature",
            "id": r["event_id"],
            "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
            "properties": r,
        })
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
