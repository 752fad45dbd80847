"""The gold format of the real-report sets: its vocabulary, and the checks of index rows and gold files.

``realworld.py`` validates staged rows with these before ``add`` appends them, and
tests/test_realworld*.py runs them over every committed row (facts only, no article text).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional

from realworld_urls import SHA_RE, is_url, url_sha256

PARTS = ("dev", "sealed")

# The gold vocabulary (/work/staging/DATA.md); anything else is a typo or a new convention to agree on.
KINDS = ("attack", "negative", "tally")
TITLE_SOURCES = ("text", "url", "text_embedded", "lead")
WEAPONS = ("rocket", "drone", "missile", "mortar", "indirect_fire", "artillery", "ied", "gunfire", "unknown")
BASES = ("claimed", "attributed", "unknown")
ROLES = ("main", "background")
OUTCOMES = ("hit", "intercepted", "no_damage", "damage", "unknown")
WHATS = ("attacks", "injured", "killed")
# a committed row names its page by host and URL hash (realworld_urls.py); a staged row by its URL
ROW_KEYS = {"id", "url_host", "url_sha256", "title_words", "outlet", "published", "kind", "title_source", "partial", "split", "source"}
GOLD_KEYS = {"id", "kind", "published", "events", "tallies", "must_not", "notes"}
EVENT_KEYS = {"kind", "role", "date", "location", "country", "site", "lat", "lon", "radius_km", "weapon",
              "munitions_count", "perpetrator", "perpetrator_basis", "target", "killed", "injured", "outcome",
              "optional", "notes", "event_count"}
TALLY_KEYS = {"count", "what", "since", "as_of", "breakdown", "speaker", "notes", "qualifier"}
# Facts are short; a longer string is pasted article text. Notes are the annotator's own words.
MAX_FIELD = 400
MAX_NOTES = 1000
ID_RE = re.compile(r"^[a-z]{2}\d{3}$")
# The Red Sea set codes attacks at sea: ships as targets, a sea area or a bearing/distance as the
# place, `country` null at sea with the nearest coast in `coast`, and outcomes a ship can suffer.
SEA_WEAPONS = ("drone", "missile", "usv", "boarding", "gunfire", "unknown")
SEA_OUTCOMES = ("hit", "intercepted", "missed", "seized", "sunk", "unknown")
SEA_EVENT_KEYS = EVENT_KEYS | {"coast", "ship_name", "ship_flag", "ship_type"}


@dataclass(frozen=True)
class Vocab:
    """What a set's gold events may hold."""

    weapons: tuple
    outcomes: tuple
    event_keys: frozenset
    country_required: bool  # False at sea: an event on open water has no country


US_VOCAB = Vocab(WEAPONS, OUTCOMES, frozenset(EVENT_KEYS), True)
SEA_VOCAB = Vocab(SEA_WEAPONS, SEA_OUTCOMES, frozenset(SEA_EVENT_KEYS), False)


def _is_day(value: Any) -> bool:
    try:
        return isinstance(value, str) and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _strings_ok(obj: Any, where: str) -> list[str]:
    """Every string under ``obj`` within its length limit (notes get more room than facts)."""
    out: list[str] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, str):
                limit = MAX_NOTES if k == "notes" else MAX_FIELD
                if len(v) > limit:
                    out.append(f"{where}.{k} is {len(v)} characters (limit {limit}): facts only, no article text")
            else:
                out += _strings_ok(v, f"{where}.{k}")
    elif isinstance(obj, list):
        for n, v in enumerate(obj):
            if isinstance(v, str) and len(v) > MAX_FIELD:
                out.append(f"{where}[{n}] is {len(v)} characters (limit {MAX_FIELD})")
            elif not isinstance(v, str):
                out += _strings_ok(v, f"{where}[{n}]")
    return out


def check_row(row: Any, *, indexed: bool) -> list[str]:
    """Problems with one index row; ``indexed`` rows also carry split and source."""
    if not isinstance(row, dict):
        return ["not a JSON object"]
    keys = ROW_KEYS if indexed else ROW_KEYS - {"url_host", "url_sha256"} | {"url"}
    p = [f"unknown field {k!r}" for k in sorted(set(row) - keys)]
    if not ID_RE.match(str(row.get("id", ""))):
        p.append(f"id {row.get('id')!r} is not two letters and three digits")
    if indexed and not (row.get("url_host") and SHA_RE.match(str(row.get("url_sha256", "")))):
        p.append("url_host or url_sha256 missing (a committed row names its page by host and URL hash)")
    if not indexed and not is_url(row.get("url")):
        p.append("url missing or not http(s)")
    for key in ("title_words", "outlet"):
        if not isinstance(row.get(key), str) or not row[key].strip():
            p.append(f"{key} missing")
    if row.get("published") is not None and not _is_day(row.get("published")):
        p.append(f"published {row.get('published')!r} is neither null nor YYYY-MM-DD")
    if row.get("kind") not in KINDS:
        p.append(f"kind {row.get('kind')!r} not one of {'/'.join(KINDS)}")
    if row.get("title_source") not in TITLE_SOURCES:
        p.append(f"title_source {row.get('title_source')!r} not one of {'/'.join(TITLE_SOURCES)}")
    if not isinstance(row.get("partial"), bool):
        p.append("partial is not true/false")
    if indexed:
        if row.get("split") not in (None, *PARTS):
            p.append(f"split {row.get('split')!r} not null/dev/sealed")
        if not isinstance(row.get("source"), str) or not row["source"]:
            p.append("source missing")
    elif "split" in row:
        p.append("a staged row must not carry a split (split assigns it)")
    return p + _strings_ok(row, "row")


def _check_event(e: Any, where: str, vocab: Vocab = US_VOCAB) -> list[str]:
    if not isinstance(e, dict):
        return [f"{where} is not an object"]
    p = [f"{where}: unknown field {k!r}" for k in sorted(set(e) - vocab.event_keys)]
    country_ok = isinstance(e.get("country"), str) and bool(e["country"])
    if not vocab.country_required:
        country_ok = e.get("country") is None or country_ok
    checks = [
        (e.get("kind") == "attack", "kind must be 'attack' (responses are not coded)"),
        (e.get("role") in ROLES, f"role {e.get('role')!r}"),
        (e.get("date") is None or _is_day(e.get("date")), f"date {e.get('date')!r}"),
        (isinstance(e.get("location"), str) and bool(e["location"]), "location missing"),
        (country_ok, "country missing" if vocab.country_required else "country is neither null nor a name"),
        (_num(e.get("lat"), -90, 90) and _num(e.get("lon"), -180, 180), "lat/lon missing or out of range"),
        (_num(e.get("radius_km"), 0.1, 2000), "radius_km missing or not positive"),
        (e.get("weapon") in vocab.weapons, f"weapon {e.get('weapon')!r}"),
        (e.get("perpetrator_basis") in BASES, f"perpetrator_basis {e.get('perpetrator_basis')!r}"),
        (e.get("outcome") is None or e.get("outcome") in vocab.outcomes, f"outcome {e.get('outcome')!r}"),
        (isinstance(e.get("optional", False), bool), "optional is not true/false"),
    ]
    for key in ("munitions_count", "killed", "injured"):
        checks.append((e.get(key) is None or _count(e.get(key)), f"{key} {e.get(key)!r} is not a count or null"))
    return p + [f"{where}: {msg}" for ok, msg in checks if not ok]


def _check_tally(t: Any, where: str) -> list[str]:
    if not isinstance(t, dict):
        return [f"{where} is not an object"]
    p = [f"{where}: unknown field {k!r}" for k in sorted(set(t) - TALLY_KEYS)]
    checks = [
        (_count(t.get("count")), f"count {t.get('count')!r}"),
        (t.get("what") in WHATS, f"what {t.get('what')!r}"),
        (t.get("since") is None or _is_day(t.get("since")), f"since {t.get('since')!r}"),
        (t.get("as_of") is None or _is_day(t.get("as_of")), f"as_of {t.get('as_of')!r}"),
        (t.get("breakdown") is None or isinstance(t.get("breakdown"), dict), "breakdown is not an object or null"),
    ]
    return p + [f"{where}: {msg}" for ok, msg in checks if not ok]


def _num(v: Any, lo: float, hi: float) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and lo <= v <= hi


def _count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def check_gold(gold: Any, row: dict, vocab: Vocab = US_VOCAB) -> list[str]:
    """Problems with a row's gold file (the shared realworld gold format, without evidence quotes)."""
    if not isinstance(gold, dict):
        return ["gold is not a JSON object"]
    p = [f"gold: unknown field {k!r}" for k in sorted(set(gold) - GOLD_KEYS)]
    for key in ("id", "kind", "published"):
        if gold.get(key) != row.get(key):
            p.append(f"gold {key} {gold.get(key)!r} differs from the row's {row.get(key)!r}")
    events, tallies = gold.get("events"), gold.get("tallies")
    if not isinstance(events, list) or not isinstance(tallies, list):
        return p + ["gold needs 'events' and 'tallies' lists"]
    if row.get("kind") == "negative" and events:
        p.append("a negative report has events: []")
    for n, e in enumerate(events):
        p += _check_event(e, f"events[{n}]", vocab)
    for n, t in enumerate(tallies):
        p += _check_tally(t, f"tallies[{n}]")
    return p + _strings_ok(gold, "gold")


def check_index(rows: list[dict], gold_dir: Path, vocab: Vocab = US_VOCAB) -> list[str]:
    """Every problem in the committed index and gold folder, one line each."""
    out: list[str] = []
    seen_ids: set[str] = set()
    seen_urls: set[str] = set()
    for n, row in enumerate(rows, 1):
        rid = row.get("id") if isinstance(row, dict) else None
        out += [f"index line {n} ({rid}): {x}" for x in check_row(row, indexed=True)]
        if not isinstance(row, dict):
            continue
        out += [f"index line {n} ({rid}): {x}" for x in _duplicates(row, seen_ids, seen_urls)]
        gpath = gold_dir / f"{rid}.json"
        if not gpath.is_file():
            out.append(f"index line {n} ({rid}): no gold file {gpath.name}")
            continue
        out += [f"{gpath.name}: {x}" for x in check_gold(json.loads(gpath.read_text(encoding="utf-8")), row, vocab)]
    stray = sorted({p.stem for p in gold_dir.glob("*.json")} - seen_ids)
    out += [f"{s}.json: gold file with no index row" for s in stray]
    return out


def _duplicates(row: dict, seen_ids: set[str], seen_urls: set[str]) -> list[str]:
    """(``seen_urls`` holds URL hashes: a staged row's URL is hashed to compare it.)"""
    out = []
    sha = row.get("url_sha256") or url_sha256(row.get("url"))
    if row.get("id") in seen_ids:
        out.append(f"duplicate id {row.get('id')}")
    if sha in seen_urls:
        out.append(f"duplicate url {row.get('url') or row.get('url_host')}")
    seen_ids.add(row.get("id"))
    seen_urls.add(sha)
    return out
