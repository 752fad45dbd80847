"""How likely a mention is a true attack, from the evidence its article gives (the review tier).

Each mention of an article gets a few yes/no **evidence features** (:data:`FEATURES`), read from
the mention, its article's other mentions and the sentences that told it, once per article after
geocoding (:func:`assess`, called by salvo.pipeline.Processor). Its confidence is a small
logistic model over them::

    c = 1 / (1 + exp(-(intercept + sum of the weights of the features present)))

The intercept and weights are pack data: ``review: {evidence: {attack: {...}, response: {...}}}``
in pack.yaml, fitted for attacks on the development part of the real-report set by
``scripts/fit_confidence.py`` (which rewrites that block and reports a split-half check). A pack
without the key uses :data:`DEFAULT_WEIGHTS`. salvo.merge combines the mentions of one event over
its independent source groups (``1 - prod(1 - c_g)``); an event below ``review.propose_below``
is stored ``proposed``.

Every mention also carries ``weak_evidence``: the features that lowered its confidence (a
feature with a negative weight that is present, or one with a positive weight that is absent),
so `salvo explain`, the event page and the review queue can say why an event waits for review.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Iterable, Mapping, Optional, Sequence

from salvo.model import Mention

# feature -> (what it means when present, the code shown when it lowers the confidence:
# (when present, when absent))
FEATURES: dict[str, tuple[str, tuple[str, str]]] = {
    "named_site": ("the place is a site of the gazetteer that is not a town (a base, embassy, airport...)",
                   ("", "no_named_site")),
    "region_only": ("the place is known only to a province, region or country",
                    ("region_only", "")),
    "restates": ("the article reports an attack of the same kind on a compatible day at a named site inside"
                 " this place (the town or region it lies in): the same attack told at a coarser level",
                 ("restates_a_site_attack", "")),
    "day_told": ("the text gives the day of the attack (not only the day of the report)",
                 ("", "day_not_told")),
    "us_target": ("a sentence telling it names the US or coalition side", ("", "no_us_side_named")),
    "claimed": ("a group claimed it", ("", "")),
    "toll": ("the article tells its outcome or casualties", ("", "no_outcome_told")),
    "told_again": ("more than one sentence tells it", ("", "told_once")),
    "background": ("told as an earlier attack recalled", ("background", "")),
    "hedged": ("the sentence that told it is hedged (reportedly, unconfirmed...)", ("hedged", "")),
    "tally_context": ("the sentence that told it counts or sums up attacks", ("tally_context", "")),
    "caption": ("the sentence that told it is a photo caption (its day is the photo's)", ("photo_caption", "")),
}

# What each code of ``weak_evidence`` tells an analyst (salvo explain, salvo show, the dashboard).
WEAK_TEXT = {
    "no_named_site": "no named site (only a town, region or country)",
    "region_only": "the place is known only to a province, region or country",
    "restates_a_site_attack": "the report also places an attack that day at a site inside this place",
    "day_not_told": "the text does not give the day of the attack",
    "no_us_side_named": "the sentences telling it do not name the US or coalition side",
    "no_outcome_told": "no outcome or casualties told",
    "told_once": "told in one sentence only",
    "background": "told as an earlier attack recalled",
    "hedged": "told in a hedged sentence (reportedly, unconfirmed...)",
    "tally_context": "told in a sentence that counts or sums up attacks",
    "photo_caption": "told in a photo caption",
}


def describe(codes) -> list[str]:
    """The analyst's words for weak-evidence codes (an unknown code is shown as it is)."""
    return [WEAK_TEXT.get(c, c) for c in codes]


# Used by a pack whose pack.yaml has no review.evidence (hand-set, the signs the US fit found).
DEFAULT_WEIGHTS: dict[str, dict[str, float]] = {
    "attack": {"intercept": 0.0, "named_site": 1.5, "region_only": -1.0, "restates": -2.0, "day_told": 0.5,
               "us_target": 0.5, "claimed": 1.0, "toll": 0.5},
    "response": {"intercept": 1.5, "day_told": 0.5, "background": -0.5},
}
# Cues of the sentence-level features (pack.yaml review.cues overrides them, per feature).
DEFAULT_CUES: dict[str, tuple[str, ...]] = {
    "hedged": ("reportedly", "allegedly", "unconfirmed", "unverified", "purportedly", "may have", "might have",
               r"could not (?:be )?(?:independently )?(?:verified|confirmed|verify|confirm)",
               r"(?:was|is) not (?:immediately )?clear"),
    "caption": (r"(?:is|are) seen", "pictured", r"photo credit", "file photo", "in this (?:handout )?(?:photo|picture|image)",
                r"(?:photo|picture|image) (?:taken|shows|released)", "Getty Images", r"AFP via Getty"),
}
TOWN_KINDS = frozenset({"town", "district", "island", "city", "village"})
TOWN_AREA_KM = 15.0  # a town's own extent: "rockets hit Baghdad" and "the embassy in Baghdad" are one place


class Model:
    """The evidence model of one pack: weights per kind, the hedge cues and the site kinds."""

    def __init__(self, pack):
        review = (pack.meta or {}).get("review") or {}
        ev = review.get("evidence") or {}
        self.weights = {k: dict(ev.get(k) or DEFAULT_WEIGHTS[k]) for k in DEFAULT_WEIGHTS}
        cues = {**DEFAULT_CUES, **(review.get("cues") or {})}
        self.cues = {k: re.compile(r"\b(?:" + "|".join(v) + r")(?!\w)", re.I) for k, v in cues.items()}
        self.sites = {r["site_id"]: (r.get("kind") or "").strip().lower()
                      for r in (pack.table("sites.csv") if pack.has("sites.csv") else [])}
        from salvo.extract.lexicon import lexicon_for

        self.lex = lexicon_for(pack)

    def is_site(self, m: Mention) -> bool:
        kind = self.sites.get(m.place.site_id or "")
        return kind is not None and kind not in TOWN_KINDS

    def score(self, kind: str, feats: Mapping[str, bool]) -> float:
        w = self.weights.get(kind) or self.weights["attack"]
        z = w.get("intercept", 0.0) + sum(v for f, v in w.items() if f != "intercept" and feats.get(f))
        return 1.0 / (1.0 + math.exp(-z))

    def weak(self, kind: str, feats: Mapping[str, bool]) -> tuple[str, ...]:
        """The codes of the features that lowered the confidence, strongest first."""
        w = self.weights.get(kind) or self.weights["attack"]
        out = []
        for f, v in w.items():
            if f == "intercept" or f not in FEATURES:
                continue
            on, off = FEATURES[f][1]
            if feats.get(f) and v < 0 and on:
                out.append((v, on))
            elif not feats.get(f) and v > 0 and off:
                out.append((-v, off))
        return tuple(code for _, code in sorted(out))


@functools.lru_cache(maxsize=16)
def _model(path, name) -> Model:
    from salvo.packs import Pack

    return Model(Pack(name=name, path=path))


def model_for(pack) -> Model:
    return _model(pack.path, pack.name)


# --------------------------------------------------------------------------- features


def _span(m: Mention) -> tuple[Optional[int], Optional[int]]:
    def day(s):
        try:
            return dt.date.fromisoformat(s[:10]).toordinal() if s else None
        except ValueError:
            return None
    from salvo.merge import MAX_SPAN_DAYS

    d = m.date
    lo, hi = day(d.event_date or d.date_earliest), day(d.event_date or d.date_latest)
    if lo is None or hi is None or hi < lo or hi - lo > MAX_SPAN_DAYS:
        return None, None  # "earlier this year": no day to compare (salvo.merge's rule)
    return lo, hi


def _dates_fit(a: Mention, b: Mention) -> bool:
    """Could a and b be one day? Two days told exactly must be equal; else the bounds overlap
    allowing one day (salvo.merge's rule)."""
    (alo, ahi), (blo, bhi) = _span(a), _span(b)
    if alo is None:
        return True  # an undated restatement of a dated attack
    if blo is None:
        return False  # never a dated mention by an undated one
    if a.date.event_date and b.date.event_date:
        return alo == blo
    return alo <= bhi + 1 and blo <= ahi + 1


def _inside(coarse: Mention, site: Mention) -> bool:
    """Does the named site lie in the place ``coarse`` names (its town, province or country)?"""
    from salvo.geo.earth import km

    c, s = coarse.place, site.place
    if c.country is not None and s.country != c.country:
        return False
    if c.geo_precision in (1, 2) and c.latitude is not None:
        if km(c.latitude, c.longitude, s.latitude, s.longitude) <= TOWN_AREA_KM:
            return True
        # "al-Harir airbase ... near the capital of the region, Erbil": the town the text places the site by
        name = (coarse.place_ref.text if coarse.place_ref else "") or ""
        where = (site.place_ref.context if site.place_ref else "") or ""
        return bool(name) and re.search(r"\b" + re.escape(name) + r"\b", where, re.I) is not None
    if c.geo_precision == 3 and c.admin1 is not None:
        return s.admin1 == c.admin1
    return True


def restates(m: Mention, siblings: Sequence[Mention], model: Model) -> bool:
    """A mention at a town or region that another mention of the same article places at a named
    site inside it (same kind, a day that fits): the "in Iraq" / "in Baghdad" copy of the attack
    on the base or the embassy."""
    if model.is_site(m):
        return False
    return any(o is not m and o.article_id == m.article_id and o.kind == m.kind and model.is_site(o)
               and o.place.latitude is not None and _inside(m, o) and _dates_fit(m, o)
               for o in siblings)


def features(m: Mention, siblings: Sequence[Mention], model: Model) -> dict[str, bool]:
    """The evidence features of one mention (see :data:`FEATURES`)."""
    lex = model.lex
    ev = sorted(m.evidence, key=lambda e: e.start)
    first = ev[0].text if ev else ""
    told = " ".join(e.text for e in ev)
    gp = m.place.geo_precision
    return {
        "named_site": model.is_site(m),
        "region_only": gp is None or gp >= 3 or m.place.latitude is None,
        "restates": restates(m, siblings, model),
        "day_told": bool(m.date.event_date and m.date.text),
        "us_target": bool(lex.target_side.search(told)),
        "claimed": m.actor1_basis == "claimed",
        "toll": m.killed is not None or m.injured is not None or m.outcome not in (None, "unknown"),
        "told_again": len({e.start for e in ev}) > 1,
        "background": m.role == "background",
        "hedged": bool(model.cues["hedged"].search(first)),
        "tally_context": bool(lex.aggregate.search(first)),
        "caption": bool(model.cues["caption"].search(first)),
    }


def assess(mentions: Sequence[Mention], pack) -> tuple[Mention, ...]:
    """One article's mentions with their confidence and weak evidence set from their features."""
    model = model_for(pack)
    out = []
    for m in mentions:
        f = features(m, mentions, model)
        out.append(m.replace(confidence=round(model.score(m.kind, f), 3), weak_evidence=model.weak(m.kind, f)))
    return tuple(out)


# --------------------------------------------------------------------------- fitting


def fit(rows: Iterable[tuple[Mapping[str, bool], bool]], names: Sequence[str], l2: float = 1.0,
        iterations: int = 50) -> dict[str, float]:
    """Logistic regression by Newton's method with an L2 penalty ``l2`` on the weights (not the
    intercept): rows of (features, is a true event) -> {"intercept": b, name: w, ...}."""
    xs = [[1.0] + [1.0 if f.get(n) else 0.0 for n in names] for f, _ in rows]
    ys = [1.0 if y else 0.0 for _, y in rows]
    k = len(names) + 1
    w = [0.0] * k
    for _ in range(iterations):
        grad = [-(l2 * w[j] if j else 0.0) for j in range(k)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(k)] for i in range(k)]
        for x, y in zip(xs, ys):
            p = 1.0 / (1.0 + math.exp(-sum(a * b for a, b in zip(w, x))))
            for i in range(k):
                grad[i] += (y - p) * x[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        step = _solve(hess, grad)
        w = [a + b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return {"intercept": w[0], **{n: w[i + 1] for i, n in enumerate(names)}}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b (Gaussian elimination with partial pivoting; a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= f * m[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        s = m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))
        x[r] = s / m[r][r] if abs(m[r][r]) > 1e-12 else 0.0
    return x
