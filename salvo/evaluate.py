"""Scores events and tallies against gold annotations (DESIGN.md, "Gold annotations").

Works on plain dicts in the ``salvo export`` JSONL form, so it scores whatever produced them: the
store (``salvo eval``), a test calling extraction directly, or another tool's output.

The rule, exactly as DESIGN.md states it: a system event matches a gold event of the same kind
and country when its coordinates lie within the gold radius_km + 10 km of the gold point and, when
both dates are known, the dates differ by at most one day; pairs are assigned greedily, closest
date first. Optional gold events neither count for nor against. Tallies match on what + count
(+ as_of within 3 days when both are known).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from salvo.model import Article, Extraction, Mention, Place, to_dict

SLACK_KM = 10.0
DATE_DAYS = 1
TALLY_DAYS = 3
FIELDS = ("date", "weapon", "munitions", "killed", "injured", "actor_basis")


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
    # (gold "negative" reports scored, system events extracted from them): a negative report must
    # yield no event, so every event there is a false alarm worth seeing on its own line
    negatives: tuple[int, int] = (0, 0)

    def accuracy(self, name: str) -> Optional[float]:
        ok, n = self.fields.get(name, (0, 0))
        return ok / n if n else None

    def metrics(self) -> dict[str, Optional[float]]:
        """The flat scores floors are pinned on: event_f1, tally_f1 and each field accuracy."""
        out: dict[str, Optional[float]] = {"event_f1": self.events.f1, "tally_f1": self.tallies.f1}
        out.update({name: self.accuracy(name) for name in FIELDS})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "metrics": {k: (None if v is None else round(v, 4)) for k, v in self.metrics().items()},
            "events": self.events.to_dict(),
            "tallies": self.tallies.to_dict(),
            "negatives": {"reports": self.negatives[0], "events": self.negatives[1]},
            "fields": {k: {"correct": c, "compared": n, "accuracy": (round(c / n, 4) if n else None)}
                       for k, (c, n) in self.fields.items()},
            "misses": list(self.misses),
            "false_alarms": list(self.false_alarms),
            "field_errors": list(self.field_errors),
        }

    def to_text(self) -> str:
        e, t = self.events, self.tallies
        lines = [
            f"articles scored: {self.articles}",
            f"events   P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}   (tp {e.tp}, fp {e.fp}, fn {e.fn})",
            f"tallies  P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}   (tp {t.tp}, fp {t.fp}, fn {t.fn})",
            f"negative reports {self.negatives[0]}: events extracted from them {self.negatives[1]}",
            "field accuracy over matched events:",
        ]
        for name in FIELDS:
            ok, n = self.fields.get(name, (0, 0))
            lines.append(f"  {name:12} {ok / n:.3f}  ({ok}/{n})" if n else f"  {name:12} -      (0/0)")
        if self.misses:
            lines.append(f"misses ({len(self.misses)}):")
            lines += [f"  [{m['article_id']}] {m['what']}: {m['evidence']}" for m in self.misses]
        if self.false_alarms:
            lines.append(f"false alarms ({len(self.false_alarms)}):")
            lines += [f"  [{m['article_id']}] {m['what']}: {m['evidence']}" for m in self.false_alarms]
        if self.field_errors:
            lines.append(f"field errors ({len(self.field_errors)}):")
            lines += [f"  [{m['article_id']}] {m['field']}: system {m['system']!r} gold {m['gold']!r} ({m['location']})"
                      for m in self.field_errors]
        return "\n".join(lines)


# ---------------------------------------------------------------------- matching helpers


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


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


def _event_pairs(sys_events: list[dict], gold_events: list[dict]) -> list[tuple[float, float, int, int]]:
    pairs = []
    for i, s in enumerate(sys_events):
        if s.get("latitude") is None or s.get("longitude") is None:
            continue
        for j, g in enumerate(gold_events):
            if _norm(s.get("kind")) != _norm(g.get("kind")):
                continue
            if _norm(s.get("country")) != _norm(g.get("country")):
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
            pairs.append((diff, dist, i, j))
    pairs.sort()
    return pairs


def match_events(sys_events: list[dict], gold_events: list[dict]) -> list[tuple[int, int]]:
    """(system index, gold index) pairs that :func:`score` counts as matches for one article."""
    return _greedy(_event_pairs(sys_events, gold_events), 2, 3)


def _field_values(s: dict, g: dict) -> dict[str, tuple[Any, Any]]:
    return {
        "date": (s.get("event_date"), g.get("date")),
        "weapon": (_norm(s.get("weapon")), _norm(g.get("weapon"))),
        "munitions": (s.get("munitions"), g.get("munitions_count")),
        "killed": (s.get("killed"), g.get("killed")),
        "injured": (s.get("injured"), g.get("injured")),
        "actor_basis": (_norm(s.get("actor1_basis") or "unknown"), _norm(g.get("perpetrator_basis") or "unknown")),
    }


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


def load_gold(gold_dir: Path) -> dict[str, dict]:
    gold_dir = Path(gold_dir)
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}


def score(system: dict[str, dict], gold_dir: Path) -> EvalReport:
    """Score ``system`` (article_id -> {"events": [...], "tallies": [...]}, export form) against
    every ``<article_id>.json`` in ``gold_dir``. Articles without a gold file are not scored."""
    tp = fp = fn = ttp = tfp = tfn = 0
    fields = {f: [0, 0] for f in FIELDS}
    misses, alarms, errors = [], [], []
    neg_reports = neg_events = 0
    gold = load_gold(gold_dir)
    for aid, g in gold.items():
        out = system.get(aid) or {}
        sys_events = list(out.get("events") or [])
        gold_events = list(g.get("events") or [])
        if g.get("kind") == "negative":
            neg_reports += 1
            neg_events += len(sys_events)
        matched = match_events(sys_events, gold_events)
        got_s = {i for i, _ in matched}
        got_g = {j for _, j in matched}
        for i, j in matched:
            ge = gold_events[j]
            if ge.get("optional"):
                continue
            tp += 1
            for name, (sv, gv) in _field_values(sys_events[i], ge).items():
                fields[name][1] += 1
                if sv == gv:
                    fields[name][0] += 1
                else:
                    errors.append({"article_id": aid, "field": name, "system": sv, "gold": gv,
                                   "location": ge.get("location")})
        for j, ge in enumerate(gold_events):
            if j not in got_g and not ge.get("optional"):
                fn += 1
                misses.append({"article_id": aid, "what": f"{ge.get('kind')} at {ge.get('location')} on {ge.get('date')}",
                               "evidence": _evidence_text(ge.get("evidence"))})
        for i, se in enumerate(sys_events):
            if i not in got_s:
                fp += 1
                alarms.append({"article_id": aid, "what": f"{se.get('kind')} at {se.get('location')} "
                               f"({se.get('country')}) on {se.get('event_date')}",
                               "evidence": _evidence_text(se.get("evidence"))})
        sys_t = list(out.get("tallies") or [])
        gold_t = list(g.get("tallies") or [])
        tm = _greedy(_tally_pairs(sys_t, gold_t), 1, 2)
        ttp += len(tm)
        got_ts = {i for i, _ in tm}
        got_tg = {j for _, j in tm}
        for j, gt in enumerate(gold_t):
            if j not in got_tg:
                tfn += 1
                misses.append({"article_id": aid, "what": f"tally {gt.get('what')} {gt.get('count')}",
                               "evidence": _evidence_text(gt.get("evidence"))})
        for i, st in enumerate(sys_t):
            if i not in got_ts:
                tfp += 1
                alarms.append({"article_id": aid, "what": f"tally {st.get('what')} {st.get('count')}",
                               "evidence": _evidence_text(st.get("evidence"))})
    return EvalReport(PRF(tp, fp, fn), PRF(ttp, tfp, tfn), {k: (v[0], v[1]) for k, v in fields.items()},
                      tuple(misses), tuple(alarms), tuple(errors), len(gold), (neg_reports, neg_events))


# ---------------------------------------------------------------------- export-form helpers


def event_dict(m: Mention, place: Place, article: Optional[Article] = None) -> dict[str, Any]:
    """One mention in the DESIGN.md export form (one article's view of an event)."""
    d = m.date
    return {
        "event_id": m.mention_id, "kind": m.kind, "role": m.role,
        "event_date": d.event_date, "date_earliest": d.date_earliest, "date_latest": d.date_latest,
        "time_precision": d.time_precision, "event_type": m.event_type, "sub_event_type": m.sub_event_type,
        "weapon": m.weapon, "munitions": m.munitions, "actor1": m.actor1, "actor1_basis": m.actor1_basis,
        "actor2": m.actor2, "target": m.target, "location": place.location, "site_id": place.site_id,
        "admin1": place.admin1, "country": place.country, "latitude": place.latitude,
        "longitude": place.longitude, "geo_precision": place.geo_precision, "killed": m.killed,
        "injured": m.injured, "outcome": m.outcome,
        "sources": [{"article_id": m.article_id, "url": getattr(article, "url", None),
                     "outlet": getattr(article, "outlet", None), "published": getattr(article, "published", None)}],
        "evidence": [{"article_id": e.article_id, "start": e.start, "end": e.end, "text": e.text} for e in m.evidence],
        "confidence": m.confidence, "status": "auto",
    }


def tally_dict(t) -> dict[str, Any]:
    d = to_dict(t)
    d["sources"] = [{"article_id": t.article_id}]
    return d


def system_from_extractions(items: Iterable[tuple[Article, Extraction]],
                            resolve: Callable[[Mention, Article], Place]) -> dict[str, dict]:
    """article_id -> {"events", "tallies"} in export form, geocoding each mention with ``resolve``."""
    out: dict[str, dict] = {}
    for article, ex in items:
        out[article.article_id] = {
            "events": [event_dict(m, resolve(m, article), article) for m in ex.mentions],
            "tallies": [tally_dict(t) for t in ex.tallies],
        }
    return out


def gazetteer_resolver(pack) -> Callable[[Mention, Article], Place]:
    """Geocode mentions with the pack's gazetteer (salvo.geo), passing the supporting sentence."""
    from salvo.geo import Gazetteer

    gaz = Gazetteer.load(pack)

    def resolve(m: Mention, article: Article) -> Place:
        if m.place_ref is None:
            return Place()
        sentence = m.evidence[0].text if m.evidence else None
        return gaz.resolve(m.place_ref, dateline=article.dateline, text=sentence)

    return resolve


__all__ = ["EvalReport", "PRF", "score", "match_events", "load_gold", "event_dict", "tally_dict", "system_from_extractions",
           "gazetteer_resolver", "km"]
