"""Scores events and tallies against gold annotations (DESIGN.md, "Gold annotations").

Works on plain dicts in the ``salvo export`` JSONL form, so it scores whatever produced them: a
store (``salvo eval`` and the accuracy gate both read it with :func:`system_from_store`, after
:func:`ingest_for_scoring` ran the set through ``salvo ingest``'s own pipeline), or another
tool's output. There is one path to score: what the product stores.

The rule, exactly as DESIGN.md states it: a system event matches a gold event of the same kind
and country when its coordinates lie within the gold radius_km + 10 km of the gold point and, when
both dates are known, the dates differ by at most one day; pairs are assigned greedily, closest
date first. An event at sea (gold ``country`` null with a ``coast`` key, the sea extension of the
gold format) has no country: the system's country (the nearest coast, as ACLED codes it) must be
the gold ``coast`` when one is given, and is not compared for a whole sea with several coasts.
Gold events that carry ship facts (a ``ship_name`` key) are also scored on ``SEA_FIELDS``: the
ship's name, the outcome, and ``placed_50km`` (over gold positions told to 50 km or better: the
system point lies within 50 km of the gold point). Optional gold events neither count for nor against. Tallies match on what + count
(+ as_of within 3 days when both are known).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional

from salvo.geo.earth import km

SLACK_KM = 10.0
DATE_DAYS = 1
TALLY_DAYS = 3
FIELDS = ("date", "weapon", "munitions", "killed", "injured", "actor_basis")
SEA_FIELDS = ("ship_name", "outcome", "placed_50km")
PLACED_KM = 50.0


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class EvalReport:
    events: PRF
    tallies: PRF
    fields: dict[str, tuple[int, int]]  # field -> (correct, compared)
    misses: tuple[dict, ...] = ()  # gold events / tallies nothing matched
    false_alarms: tuple[dict, ...] = ()  # system events / tallies matching no gold
    field_errors: tuple[dict, ...] = ()  # matched pairs that disagree on a field
    articles: int = 0
    responses: PRF = PRF(0, 0, 0)  # scored apart from the headline (gold sets may not code them)
    kinds: tuple[str, ...] = ("attack",)  # the kinds of the headline event scores
    # (gold "negative" reports scored, headline-kind events extracted from them): a negative report
    # must yield no such event, so every one is a false alarm worth seeing on its own line
    negatives: tuple[int, int] = (0, 0)

    def accuracy(self, name: str) -> Optional[float]:
        ok, n = self.fields.get(name, (0, 0))
        return ok / n if n else None

    def metrics(self) -> dict[str, Optional[float]]:
        """The flat scores floors are pinned on: event_f1 (the headline kinds, attacks by default),
        response_f1, tally_f1 and each field accuracy (over matched headline events)."""
        out: dict[str, Optional[float]] = {"event_f1": self.events.f1, "response_f1": self.responses.f1,
                                           "tally_f1": self.tallies.f1}
        out.update({name: self.accuracy(name) for name in FIELDS})
        out.update({name: self.accuracy(name) for name in SEA_FIELDS if name in self.fields})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "kinds": list(self.kinds),
            "metrics": {k: (None if v is None else round(v, 4)) for k, v in self.metrics().items()},
            "events": self.events.to_dict(),
            "responses": self.responses.to_dict(),
            "tallies": self.tallies.to_dict(),
            "negatives": {"reports": self.negatives[0], "events": self.negatives[1]},
            "fields": {k: {"correct": c, "compared": n, "accuracy": (round(c / n, 4) if n else None)}
                       for k, (c, n) in self.fields.items()},
            "misses": list(self.misses),
            "false_alarms": list(self.false_alarms),
            # largest group first (salvo.reasons.with_reasons fills the reasons)
            "miss_groups": _group_dicts(self.misses),
            "false_alarm_groups": _group_dicts(self.false_alarms),
            "field_errors": list(self.field_errors),
        }

    def to_text(self) -> str:
        e, r, t = self.events, self.responses, self.tallies
        head = "/".join(k + "s" for k in self.kinds)
        lines = [
            f"articles scored: {self.articles}",
            f"{head:9} P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}   (tp {e.tp}, fp {e.fp}, fn {e.fn})",
            f"{'tallies':9} P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}   (tp {t.tp}, fp {t.fp}, fn {t.fn})",
            f"{'responses':9} P {r.precision:.3f}  R {r.recall:.3f}  F1 {r.f1:.3f}   (tp {r.tp}, fp {r.fp}, fn {r.fn};"
            " scored apart: a response is never a false attack)",
            f"negative reports {self.negatives[0]}: {head} extracted from them {self.negatives[1]}",
            f"field accuracy over matched {head}:",
        ]
        for name in FIELDS:
            ok, n = self.fields.get(name, (0, 0))
            lines.append(f"  {name:12} {ok / n:.3f}  ({ok}/{n})" if n else f"  {name:12} -      (0/0)")
        for name in SEA_FIELDS:  # only where the gold has sea events
            ok, n = self.fields.get(name, (0, 0))
            if n:
                lines.append(f"  {name:12} {ok / n:.3f}  ({ok}/{n})")
        lines += _group_lines(self.misses, self.false_alarms)
        for title, items in (("misses", self.misses), ("false alarms", self.false_alarms)):
            scored = [m for m in items if m.get("scored", True)]
            apart = [m for m in items if not m.get("scored", True)]
            if scored:
                lines.append(f"{title} ({len(scored)}):")
                lines += [f"  [{m['article_id']}] {m['what']}{' <' + m['reason'] + '>' if 'reason' in m else ''}:"
                          f" {m['evidence']}" for m in scored]
            if apart:
                lines.append(f"response {title} ({len(apart)}, not in the headline):")
                lines += [f"  [{m['article_id']}] {m['what']}: {m['evidence']}" for m in apart]
        if self.field_errors:
            lines.append(f"field errors ({len(self.field_errors)}):")
            lines += [f"  [{m['article_id']}] {m['field']}: system {m['system']!r} gold {m['gold']!r} ({m['location']})"
                      + merged_note(m) for m in self.field_errors]
        return "\n".join(lines)


def _group_dicts(items) -> list[dict[str, Any]]:
    from salvo.reasons import groups

    return [{"reason": r, "count": len(xs), "items": [x["what"] for x in xs]} for r, xs in groups(items)]


def _group_lines(misses, alarms) -> list[str]:
    from salvo.reasons import groups

    lines = []
    for title, items in (("false alarms", alarms), ("misses", misses)):
        gs = groups(items)
        if gs:
            lines.append(f"{title} by reason, largest first:")
            lines += [f"  {len(xs):4}  {r}" for r, xs in gs]
    return lines


# ---------------------------------------------------------------------- matching helpers


def _day(value: Any) -> Optional[date]:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip().lower().replace(" ", "_")
    return value


def _evidence_text(ev: Any) -> str:
    if isinstance(ev, list):
        ev = ev[0] if ev else ""
    if isinstance(ev, dict):
        ev = ev.get("text", "")
    return str(ev)[:160]


def _event_pairs(sys_events: list[dict], gold_events: list[dict]) -> list[tuple[int, float, float, int, int]]:
    """Candidate (system, gold) pairs, best first: the ship the gold names (several attacks at one
    sea area on one day are told apart by their ships), then the closest date, then distance."""
    pairs = []
    for i, s in enumerate(sys_events):
        if s.get("latitude") is None or s.get("longitude") is None:
            continue
        for j, g in enumerate(gold_events):
            if _norm(s.get("kind")) != _norm(g.get("kind")):
                continue
            if not _country_agrees(s, g):
                continue
            dist = km(float(s["latitude"]), float(s["longitude"]), float(g["lat"]), float(g["lon"]))
            if dist > float(g.get("radius_km") or 0) + SLACK_KM:
                continue
            sd, gd = _day(s.get("event_date")), _day(g.get("date"))
            if sd and gd:
                diff = abs((sd - gd).days)
                if diff > DATE_DAYS:
                    continue
            else:
                diff = DATE_DAYS + 0.5  # unknown: after every pair whose dates agree
            other_ship = int("ship_name" in g and _ship_name((s.get("ship") or {}).get("name")) != _ship_name(g["ship_name"]))
            pairs.append((other_ship, diff, dist, i, j))
    pairs.sort()
    return pairs


def _country_agrees(s: dict, g: dict) -> bool:
    if g.get("country") is None and "coast" in g:  # at sea: the nearest coast, if one
        return g["coast"] is None or _norm(s.get("country")) == _norm(g["coast"])
    return _norm(s.get("country")) == _norm(g.get("country"))


def match_events(sys_events: list[dict], gold_events: list[dict]) -> list[tuple[int, int]]:
    """(system index, gold index) pairs that :func:`score` counts as matches for one article."""
    return _greedy(_event_pairs(sys_events, gold_events), 3, 4)


def _field_values(s: dict, g: dict) -> dict[str, tuple[Any, Any]]:
    return {
        "date": (s.get("event_date"), g.get("date")),
        "weapon": (_norm(s.get("weapon")), _norm(g.get("weapon"))),
        "munitions": (s.get("munitions"), g.get("munitions_count")),
        "killed": (s.get("killed"), g.get("killed")),
        "injured": (s.get("injured"), g.get("injured")),
        "actor_basis": (_norm(s.get("actor1_basis") or "unknown"), _norm(g.get("perpetrator_basis") or "unknown")),
    }


def _ship_name(value: Any) -> Any:
    if not isinstance(value, str):
        return None
    name = value.strip().lower()
    # vessel prefixes (merchant and naval) are not part of the name: "USS Carney" is "Carney"
    name = re.sub(r"^(?:the\s+)?(?:(?:m/v|mv|m/t|mt|uss|usns|hms|fs|ins|hdms|its|fgs|hs)\s+)?", "", name)
    return " ".join(name.replace("-", " ").split()) or None


def _sea_values(s: dict, g: dict) -> dict[str, tuple[Any, Any]]:
    """The sea fields of a matched pair whose gold carries ship facts (see the module's note)."""
    ship = s.get("ship") or {}
    out = {"ship_name": (_ship_name(ship.get("name")), _ship_name(g.get("ship_name"))),
           "outcome": (_norm(s.get("outcome") or "unknown"), _norm(g.get("outcome") or "unknown"))}
    if float(g.get("radius_km") or 0) <= PLACED_KM:
        d = km(float(s["latitude"]), float(s["longitude"]), float(g["lat"]), float(g["lon"]))
        out["placed_50km"] = (d <= PLACED_KM, True)
    return out


def _tally_pairs(sys_t: list[dict], gold_t: list[dict]) -> list[tuple[int, int, int]]:
    pairs = []
    for i, s in enumerate(sys_t):
        for j, g in enumerate(gold_t):
            if _norm(s.get("what")) != _norm(g.get("what")) or s.get("count") != g.get("count"):
                continue
            sa, ga = _day(s.get("as_of")), _day(g.get("as_of"))
            diff = abs((sa - ga).days) if sa and ga else 0
            if sa and ga and diff > TALLY_DAYS:
                continue
            pairs.append((diff, i, j))
    pairs.sort()
    return pairs


def _greedy(pairs, key_i, key_j):
    used_i, used_j, out = set(), set(), []
    for p in pairs:
        i, j = p[key_i], p[key_j]
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        out.append((i, j))
    return out


# ---------------------------------------------------------------------- scoring


def merged_note(err: dict) -> str:
    """' [merged with X; X's gold gives this value]' for a field error on a merged event."""
    if not err.get("merged_with"):
        return ""
    agree = err.get("other_gold_agrees") or []
    tail = f"; the gold of {', '.join(agree)} gives this value" if agree else ""
    return f" [merged with {', '.join(err['merged_with'])}{tail}]"


def load_gold(gold_dir: Path) -> dict[str, dict]:
    gold_dir = Path(gold_dir)
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}


def score(system: dict[str, dict], gold_dir: Path, *, kinds: tuple[str, ...] = ("attack",)) -> EvalReport:
    """Score ``system`` (article_id -> {"events": [...], "tallies": [...]}, export form) against
    every ``<article_id>.json`` in ``gold_dir``. Articles without a gold file are not scored.

    ``kinds``: the event kinds of the headline scores and field accuracies (attacks: what gold
    sets code everywhere); responses are scored apart (``EvalReport.responses``), so a response
    is never a false attack."""
    ev = {"head": [0, 0, 0], "response": [0, 0, 0]}
    tallies = [0, 0, 0]
    fields = {f: [0, 0] for f in FIELDS + SEA_FIELDS}
    misses, alarms, errors = [], [], []
    seen: dict[str, list] = {}  # event id -> (article id, field values) of every gold event it matched
    neg = [0, 0]
    gold = load_gold(gold_dir)
    for aid, g in gold.items():
        out = system.get(aid) or {}
        if g.get("kind") == "negative":
            neg[0] += 1
            neg[1] += sum(1 for e in out.get("events") or [] if e.get("kind") in kinds)
        _score_events(aid, list(out.get("events") or []), list(g.get("events") or []), kinds, ev, fields,
                      misses, alarms, errors, seen)
        _score_tallies(aid, list(out.get("tallies") or []), list(g.get("tallies") or []), tallies, misses, alarms)
    _note_other_gold(errors, seen)
    return EvalReport(PRF(*ev["head"]), PRF(*tallies), {k: (v[0], v[1]) for k, v in fields.items()
                                                             if k in FIELDS or v[1]},
                      tuple(misses), tuple(alarms), tuple(errors), len(gold), PRF(*ev["response"]),
                      tuple(kinds), (neg[0], neg[1]))


def _note_other_gold(errors: list[dict], seen: dict[str, list]) -> None:
    """A merged event's field is scored against each report's own gold, so a value another report
    gives (a toll or a blame this report does not tell) counts as an error here. The score stays
    as it is; the error notes which merged report's gold gives the system's value, so a round of
    work can tell these from the errors no report supports."""
    for err in errors:
        if not err.get("merged_with"):
            continue
        agree = sorted({aid for aid, values in seen.get(err.get("event_id")) or []
                        if aid != err["article_id"] and err["field"] in values
                        and values[err["field"]][1] == err["system"]})
        if agree:
            err["other_gold_agrees"] = agree


def _score_events(aid, sys_events, gold_events, kinds, counts, fields, misses, alarms, errors, seen=None) -> None:
    def bucket(kind):
        k = _norm(kind)
        return "head" if k in kinds else ("response" if k == "response" else None)

    matched = match_events(sys_events, gold_events)
    got_s = {i for i, _ in matched}
    got_g = {j for _, j in matched}
    for i, j in matched:
        ge = gold_events[j]
        b = bucket(ge.get("kind"))
        if ge.get("optional") or b is None:
            continue
        counts[b][0] += 1
        if b != "head":
            continue
        values = _field_values(sys_events[i], ge)
        if "ship_name" in ge:
            values.update(_sea_values(sys_events[i], ge))
        if seen is not None:
            seen.setdefault(sys_events[i].get("event_id"), []).append((aid, values))
        for name, (sv, gv) in values.items():
            fields[name][1] += 1
            if sv == gv:
                fields[name][0] += 1
            else:
                others = sorted({x.get("article_id") for x in sys_events[i].get("sources") or []} - {aid})
                errors.append({"article_id": aid, "field": name, "system": sv, "gold": gv,
                               "location": ge.get("location"), "merged_with": others,
                               "event_id": sys_events[i].get("event_id")})
    for j, ge in enumerate(gold_events):
        b = bucket(ge.get("kind"))
        if j not in got_g and not ge.get("optional") and b is not None:
            counts[b][2] += 1
            misses.append({"article_id": aid, "kind": ge.get("kind"), "scored": b == "head",
                           "what": f"{ge.get('kind')} at {ge.get('location')} on {ge.get('date')}",
                           "evidence": _evidence_text(ge.get("evidence")), "country": ge.get("country"),
                           "lat": ge.get("lat"), "lon": ge.get("lon"), "radius_km": ge.get("radius_km"),
                           "date": ge.get("date")})
    for i, se in enumerate(sys_events):
        b = bucket(se.get("kind"))
        mids = [m for m in se.get("mention_ids") or [] if m.startswith(f"{aid}:")]
        if i not in got_s and b is not None:
            counts[b][1] += 1
            alarms.append({"article_id": aid, "kind": se.get("kind"), "scored": b == "head",
                           "what": f"{se.get('kind')} at {se.get('location')} ({se.get('country')}) on {se.get('event_date')}",
                           "evidence": _evidence_text(se.get("evidence")), "event_id": se.get("event_id"),
                           "mention_ids": mids, "reasons": [(se.get("mention_reasons") or {}).get(m, "") for m in mids]})


def _score_tallies(aid, sys_t, gold_t, counts, misses, alarms) -> None:
    tm = _greedy(_tally_pairs(sys_t, gold_t), 1, 2)
    counts[0] += len(tm)
    got_ts = {i for i, _ in tm}
    got_tg = {j for _, j in tm}
    # unmatched gold tallies are misses (counts[2]); unmatched system tallies false alarms (counts[1])
    for items, got, slot, out in ((gold_t, got_tg, 2, misses), (sys_t, got_ts, 1, alarms)):
        for k, t in enumerate(items):
            if k not in got:
                counts[slot] += 1
                out.append({"article_id": aid, "kind": "tally", "scored": True,
                            "what": f"tally {t.get('what')} {t.get('count')}", "evidence": _evidence_text(t.get("evidence"))})


# ---------------------------------------------------------------------- the one path to score


def system_from_store(store, *, include_proposed: bool = False) -> dict[str, dict]:
    """article_id -> {"events", "tallies"} as ``salvo export`` gives them: the merged events of
    the store listed under every article that reports them; rejected ones left out, and proposed
    ones (the review tier) unless ``include_proposed``, as in the default record."""
    from salvo.export import event_record, tally_record

    system: dict[str, dict] = {aid: {"events": [], "tallies": []} for aid in store.article_ids()}
    reasons = {m.mention_id: m.reason for m in store.mentions()}
    for e in store.events():
        if e.status == "rejected" or (e.status == "proposed" and not include_proposed):
            continue
        rec = event_record(e)
        # the reason code of the decision behind each mention (false alarms are grouped by it)
        rec["mention_reasons"] = {mid: reasons.get(mid, "") for mid in e.mention_ids}
        for s in e.sources:
            system.setdefault(s.article_id, {"events": [], "tallies": []})["events"].append(rec)
    for t in store.tallies():
        system.setdefault(t.article_id, {"events": [], "tallies": []})["tallies"].append(tally_record(t))
    return system


def ingest_for_scoring(index: Path, base: Path, store, process) -> None:
    """Ingest a gold set's reports into ``store`` through :func:`salvo.pipeline.ingest`, the
    function ``salvo ingest`` runs (same cleaning, extraction, whole-article geocoding, merging),
    with the set's index.jsonl as metadata: what is scored is what the product stores."""
    from salvo.config import load_config
    from salvo.ingest.readers import read_meta
    from salvo.pipeline import ingest

    paths = []
    for line in Path(index).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            paths.append(str(Path(base) / d.get("path", d["id"] + ".txt")))
    ingest(paths, store=store, process=process, meta=read_meta(str(index)),
           near_duplicate_threshold=load_config({}).near_duplicate_threshold)


__all__ = ["EvalReport", "PRF", "score", "load_gold", "system_from_store", "ingest_for_scoring", "km"]
