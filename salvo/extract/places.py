"""Place spans in a clause, grouped into the places an attack hit, each with its context.

Not geocoding: this finds *where the text says* ("a US airbase" + "in the western province of
Anbar", "al-Asaf airbase" + "in western Iraq") and hands a PlaceRef to the geo stage. It tells the
target of an attack from the launch site ("fired from a rural area outside X"), folds containment
chains ("X in Y's Z province") into one place with context, and splits coordinations ("in Baghdad
and western Iraq") into separate places, because ACLED codes one event per place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from salvo.extract.lexicon import Lexicon, alt, name_key
from salvo.extract.ships import ship_name_spans
from salvo.model import PlaceRef

# ranks: which reading of overlapping spans wins
# spaCy's entities rank last: the gazetteer and the patterns know this theater's names better,
# NER only adds names they do not know
_RANK = {"site": 0, "named_facility": 1, "border": 2, "region": 3, "admin1": 4, "town": 5, "country": 6,
         "generic": 7, "ner": 8}
_LOCATIVE = re.compile(r"(?:\b(?:in|at|on|near|outside|inside|targeting|targeted|hit|struck|into|toward|towards)\s+(?:the\s+)?(?:town|city|village|area|district)?\s*(?:of\s+)?)$", re.I)
# "the Malta-flagged ship", "a Greek-owned tanker": a vessel's flag or owner, not where it was
_OWNERSHIP = re.compile(r"[-‑](?:flag(?:ged)?|owned|operated|managed|registered|bound)\b", re.I)
_AREA_AFTER = re.compile(r"\s+(?:area|region|district|countryside|outskirts|vicinity)\b", re.I)
_FIRED_AT = re.compile(r"\s(?:at|toward|towards|against)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
_CLOCK = re.compile(r"\s+(?:local\s+)?time\b", re.I)
SPECIFIC = {"site", "named_facility", "town", "ner", "border"}  # a point a geocoder can place
# "the port city of Mokha", "the port of Aden": the noun names the town itself (not "a base near X";
# packs with ships only: "the Green Zone of the capital" stays the zone)
_NAMED_BY = re.compile(r"\s+(?:(?:city|town)\s+)?of\s+(?:the\s+)?$", re.I)
AREA = {"region", "admin1", "country"}


# a bare facility noun right after a relative pronoun or "to" is a verb ("who patrol", "to base")
# where a sentence or a heading starts: a capital there says nothing about a name
_STARTS = re.compile(r"(?:^|[:.!?]\s+|[—–-]\s+)\W*$")
_VERB_USE = re.compile(r"\b(?:who|which|that|to|they|we)\s+$", re.I)


_SIDE_HEADS = {"us", "u.s.", "american", "coalition", "joint", "allied", "nato", "led", "run", "held", "controlled",
               "operated", "used", "backed"}


_RUN_BY = re.compile(r"-(?:run|held|controlled|dominated|led|backed|based|majority|populated)$", re.I)


def _sides_only(head: str, lex) -> bool:
    """Is a capitalised word before a facility noun only the sides that hold it ("US-led",
    "Coalition-SDF", "U.S.-Iraqi"), not a name?"""
    parts = [p for p in re.split(r"[-/–]", head.rstrip("'’s")) if p]
    mods = re.compile(lex.side_fragments["facility_modifiers"], re.I)

    def side(p: str) -> bool:
        return p.lower() in _SIDE_HEADS or bool(mods.fullmatch(p) or lex.other_parties.fullmatch(p)) or lex.countries_any(p)

    # (an acronym joined to a side word is a partner force: "Coalition-SDF")
    return bool(parts) and all(side(p) or (len(parts) > 1 and re.fullmatch(r"[A-Z]{2,6}", p)) for p in parts) \
        and any(side(p) for p in parts)


@dataclass
class Hit:
    start: int  # offsets into the clause text
    end: int
    text: str
    kind: str
    key: Optional[str] = None
    country: Optional[str] = None  # from the gazetteer (identity), not a text hint
    admin1: Optional[str] = None
    plural: bool = False


@dataclass
class Place:
    """A place an event may be at: its head span, and the spans that situate it."""

    head: Hit
    context: list[Hit] = field(default_factory=list)
    generic: Optional[Hit] = None  # "the US base" in "the US base near Erbil airport"
    near: bool = False
    origin: bool = False  # a launch site, not a target
    ctx_text: str = ""
    country_hint: Optional[str] = None
    admin1_hint: Optional[str] = None
    offset: Optional[tuple[float, Optional[float]]] = None  # (km, bearing or None) from the head: see offset_before

    @property
    def kind(self) -> str:
        return self.head.kind

    @property
    def key(self) -> str:
        if self.head.key:
            return self.head.key
        # "a storage facility and a depot near Abu Kamal": one place for ACLED, the named one
        anchor = next((h for h in self.context if h.key and h.kind in SPECIFIC | {"town"}), None)
        if anchor:
            return "at:" + anchor.key
        # "a convoy on a highway in Babil" and "a convoy on a road in Dhi Qar": two places
        area = next((h for h in self.context if h.key and h.kind in ("admin1", "border")), None)
        return "generic:" + name_key(self.head.text) + (" in " + area.key if area else "")

    def ref(self, base: int) -> PlaceRef:
        text = self.head.text
        if self.head.start < 0:  # a place the text implies without naming it here (a country)
            return PlaceRef(text="", country_hint=self.country_hint, admin1_hint=self.admin1_hint)
        return PlaceRef(text=text, start=base + self.head.start, end=base + self.head.end,
                        context=self.ctx_text.strip(), country_hint=self.country_hint,
                        admin1_hint=self.admin1_hint, near=self.near,
                        offset_km=self.offset[0] if self.offset else None,
                        bearing=self.offset[1] if self.offset else None)


# "about 100 nautical miles west of", "70 nm southeast of", "40 km (25 miles) north of": a point
# told by its distance and bearing from the place named next
# ("west-northwest of Yemen's port city of Hodeidah": a sixteen-point bearing, the country's
# possessive and a port or city word between the bearing and the name; up to three words before
# the port word: "south of the Yemeni Red Sea port of Mocha")
_POINT = r"(?:north|south)(?:[\s-]?(?:east|west))?|east|west"
_OFFSET = re.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<u>nautical\s+miles?|nm|km|kilomet(?:re|er)s?|miles?|mi)\b\.?\s*"
                     rf"(?:\([^)]{{0,25}}\)\s*)?(?:(?:nautical\s+)?miles\s+)?(?:to\s+the\s+)?(?P<d>(?:{_POINT})(?:-(?:{_POINT}))?)"
                     r"(?:ern)?\s+(?:of|from)\s+(?:the\s+)?(?:(?-i:[A-Z][\w-]*)['’]s\s+)?"
                     # ("southeast of Yemen, Aden": the country, then the port)
                     r"(?:(?:[\w-]+\s+){0,3}(?:port|city|town|coast|island)\s+(?:of\s+)?|(?-i:[A-Z][\w-]*),\s+)?$", re.I)


# "some 60 nautical miles off Aden": a distance with no direction (the resolver places it no
# better than the area around the place)
_OFF = re.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<u>nautical\s+miles?|nm|km|kilomet(?:re|er)s?|miles?|mi)\b\.?\s*"
                  r"(?:\([^)]{0,25}\)\s*)?(?:off|from)\s+(?:the\s+)?(?:(?-i:[A-Z][\w-]*)['’]s\s+)?"
                  r"(?:(?:[\w-]+\s+){0,2}(?:port|city|town|coast|island)\s+(?:of\s+)?|(?-i:[A-Z][\w-]*)\s+)?$", re.I)


def _km(m: re.Match) -> float:
    from salvo.geo.earth import UNITS_KM

    unit = re.sub(r"\s+", " ", m.group("u").lower()).rstrip("s")
    unit = "kilometre" if unit.startswith("kilomet") else unit
    return round(float(m.group("n").replace(",", "")) * UNITS_KM[unit], 1)


def offset_before(before: str) -> Optional[tuple[float, Optional[float]]]:
    """(km, bearing) of a distance and compass direction right before a place name, (km, None)
    for a distance alone ("60 nm off"), or None."""
    from salvo.geo.earth import BEARINGS

    m = _OFFSET.search(before[-70:])
    if not m:
        off = _OFF.search(before[-70:])
        return (_km(off), None) if off else None
    # "west-northwest": the bearing halfway between its two points
    points = [BEARINGS[re.sub(r"[\s-]", "", x)] for x in re.split(r"-(?=(?:north|south|east|west))", m.group("d").lower())]
    bearing = points[0] if len(points) == 1 else _between(*points)
    return _km(m), bearing


def _between(a: float, b: float) -> float:
    d = (b - a + 180.0) % 360.0 - 180.0
    return (a + d / 2.0) % 360.0


class PlaceFinder:
    def __init__(self, lex: Lexicon, pack_lexicon: dict):
        self.lex = lex
        fac = alt(pack_lexicon["facility_nouns"], bound=False)
        self.fac_re = re.compile(rf"^\s*(?:{fac})s?\b", re.I)
        # the sides' words first ("US", "coalition", "Iraqi": lexicon.yaml side_words)
        mods = (rf"(?:(?:{lex.side_fragments['facility_modifiers']}|joint|"
                r"main|key|major|small|remote|large|nearby|other|second|logistics|diplomatic|international|fortified|third|fourth|\w+-based)\s+){0,3}")
        # free modifiers only after a determiner ("the sprawling compound", "the same base"), so a
        # bare noun still starts where the noun starts
        free = r"(?:(?!(?:and|or|of|in|at|on|to|from|with|by|near|for)\s)[a-z][\w-]*\s+){0,2}"
        self.generic_re = re.compile(
            rf"(?<![\w-])(?:(?P<det>a|an|the|one|another|that|this|its|his|their)\s+{mods}{free}|{mods})(?P<noun>(?:{fac}))(?P<pl>s)?(?![\w])", re.I)
        # unknown names: "Kharab al-Jir airbase", "Omar oil field", "Camp Victory"
        name = r"(?:(?:al|Al|el|El|Ain|Ayn|Tel|Tal|Tell|Abu|Camp|Forward Operating Base|FOB|Mission Support Site)[\s-])?[A-Z][\w'-]+(?:\s(?:al-)?[A-Z0-9][\w'-]*){0,2}"
        self.named_fac_re = re.compile(rf"(?P<name>{name})\s+(?:{fac})(?![\w])")
        self.camp_re = re.compile(rf"\b(?:Camp|FOB|Forward Operating Base|Mission Support Site|Patrol Base)\s+[A-Z][\w'-]+(?:\s[A-Z0-9][\w'-]+)?")
        d = lex.direction
        countries = "|".join(lex.countries)
        self.region_re = re.compile(rf"(?:the\s+)?(?:{d})(?:\s+part\s+of|\s+parts\s+of)?\s+(?:{countries})\b", re.I)
        admin = alt(pack_lexicon["admin_words"], bound=False)
        self.admin_re = re.compile(
            rf"(?:(?:the\s+)?(?:{d}\s+)?(?:{admin})\s+of\s+(?P<a>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?))|(?:(?P<b>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\s+(?:{admin}))")
        self.border_re = re.compile(pack_lexicon["border"], re.I)
        self.capitals = pack_lexicon.get("capitals", {})
        adj = {c: p for c, p in lex.countries.items()}
        self.capital_re = {c: re.compile(rf"the\s+(?:{p.pattern})\s+capital") for c, p in adj.items()}
        # "a compound near the city of Hillah, about 100 km (60 miles) south of Baghdad", "an airport
        # under construction outside Karbala": a distance or a short modifier before the preposition
        dist = r"(?:(?:about|some|roughly|around|nearly|approximately|just|only)\s+)?[\d.,]+\s*(?:-\s*)?(?:km|kilometres|kilometers|miles|mi)\b\s*(?:\([^)]{0,20}\)\s*)?"
        mod = r"(?:(?!(?:and|or|but|then|while|as|that|which|who)\b)[a-z]+\s+){0,2}"
        # "the base, some 80 km west of Kirkuk", "the town, located 50 km south of X"
        self.distance_gap = re.compile(rf"{dist}(?:(?:{d})\s+of|from)", re.I)
        self.distance_before = re.compile(rf"{dist}(?:(?:{d})\s+of|from)\s+(?:the\s+)?(?:(?:capital|city|town)\s+(?:of\s+)?)?$", re.I)
        situated = r"(?:(?:(?:which|that)\s+(?:is|lies|sits)|(?:located|situated|lying))\s+)?"
        # "an airbase hosting US forces near X": who the base holds stands between it and its place
        holding = r"(?:(?:hosting|housing|used\s+by|(?:that|which)\s+(?:hosts|houses))\s+(?:[\w.-]+\s+){1,4}?(?:forces|troops|personnel|soldiers|contractors)\s+)?"
        self.gap_contain = re.compile(
            rf"^\s*(?:(?:{fac}|town|city|village)s?\s*)?,?\s*(?:{situated}{dist}(?:(?:{d})\s+of|from)|{holding}{mod}(?:near|outside|close to|(?:{d})\s+of)|{holding}in|in|inside|within|at|of|on|near|next to|outside|close to|on the outskirts of|(?:{d})\s+of|in\s+the\s+vicinity\s+of)?\s+(?:the\s+)?(?:(?:{d}|fortified|heavily fortified|restive|oil-rich|northern|southern|eastern|western)\s+)*(?:(?:province|governorate|region|city|town|part|outskirts|area|village|capital(?:\s+city)?)\s+(?:of\s+)?)?(?:the\s+)?$"
            r"|^\s*,\s*$|^['’]s\s+$|^\s+in\s+(?:\w+\s+)?$", re.I)
        self.gap_coord = re.compile(r"^\s*(?:,|,?\s*and|,?\s*as well as|&|,?\s*or)\s*(?:the\s+|at\s+the\s+|at\s+|on\s+|in\s+)?$", re.I)
        self.near_re = re.compile(rf"\b(?:near|next to|outside|close to|on the outskirts of|in the vicinity of|(?:{d})\s+of|(?:kilometres|kilometers|km|miles)\s+from)\s*(?:the\s+)?(?:\w+\s+){{0,2}}$", re.I)
        self.apposition = re.compile(
            r"^\s*,\s*(?:(?:an?\s+)?(?:apparent\s+|likely\s+|probable\s+|clear\s+)?reference\s+to|believed\s+to\s+be|thought\s+to\s+be"
            r"|identified\s+as|namely|apparently|presumably|probably|likely|i\.e\.)\s+(?:the\s+)?$", re.I)
        self.inside_re = re.compile(r"^\s+(?:on|in|inside|within|at)\s+$", re.I)
        self.beside_re = re.compile(r"^\s*,?\s*(?:near|next to|beside|outside|close to|adjacent to|at)\s+(?:the\s+)?$", re.I)
        src = pack_lexicon.get("source_context") or {}
        self.source_before = re.compile(rf"(?:{alt(src.get('before') or [])})\s+(?:the\s+)?$", re.I)
        self.source_after = re.compile(rf"(?:['’]s)?\s+(?:{alt(src.get('after') or [])})", re.I)
        self.launch_chain = re.compile(r"\b(?:launched|fired)\s+from\s+(?:[^,;.]{1,40}?\s+in\s+){1,3}(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
        # ("hit the ship's side from above ... 95 miles southeast of X": a direction, no launch point)
        self.origin_re = re.compile(r"\bfrom\b(?!\s+(?:above|overhead|below)\b)(?:(?!\band\b)[^,;.]){0,60}$|\blaunch(?:ed|ing)?\s+(?:\w+\s+){0,3}from\s+[^,;.]{0,40}$", re.I)

    # ------------------------------------------------------------------ spans

    def hits(self, text: str, ner: list[tuple[int, int, str]] = ()) -> list[Hit]:
        lex = self.lex
        cands: list[Hit] = []
        for m in lex.places[0].finditer(text):
            s = m.group(0)
            if not any(c.isupper() for c in s):
                continue
            info = lex.places[1].get(name_key(s))
            if info is None:
                continue
            end = m.end()
            fm = self.fac_re.match(text[end:])
            if fm and info.kind in ("site", "town") and not text[end:end + fm.end()].rstrip().endswith("s"):
                end += fm.end()
            kind = info.kind if info.kind != "admin1" else "admin1"
            cands.append(Hit(m.start(), end, text[m.start():end], kind, info.key, info.country, info.admin1))
        for m in self.border_re.finditer(text):
            cands.append(Hit(m.start(), m.end(), m.group(0), "border", "border:" + name_key(m.group(0))))
        for m in self.region_re.finditer(text):
            country = next((c for c, p in lex.countries.items() if p.search(m.group(0))), None)
            cands.append(Hit(m.start(), m.end(), m.group(0), "region", "region:" + name_key(m.group(0)), country))
        for m in self.admin_re.finditer(text):
            name = m.group("a") or m.group("b")
            # ("Iraq's semi-autonomous Kurdish-run region": whose it is, no name of a province)
            if name and not lex.countries_any(name) and not _RUN_BY.search(name):
                cands.append(Hit(m.start(), m.end(), m.group(0), "admin1", "admin1:" + name_key(name), None, name))
        for rx in (self.camp_re, self.named_fac_re):
            for m in rx.finditer(text):
                s = m.group(0)
                head = s.split()[0]
                if head.lower() in ("the", "a", "an") or _sides_only(head, lex):
                    continue  # "a US-led military base", "the Coalition-SDF patrol": whose it is, no name
                if lex.countries_any(head.rstrip("'s")):
                    continue
                if "name" in m.groupdict() and " " not in m.group("name").strip() and _STARTS.search(text, 0, m.start()):
                    continue  # "Iraq: Supply convoy for US-led forces struck": a capital at the start, no name
                info = lex.places[1].get(name_key(m.group("name"))) if "name" in m.groupdict() else None
                if info is not None and info.kind in ("admin1", "region", "country"):
                    continue  # "the sprawling Anbar installation": a facility in Anbar, named by it
                cands.append(Hit(m.start(), m.end(), s, "named_facility", "named:" + name_key(s)))
        for c, rxc in self.capital_re.items():
            for m in rxc.finditer(text):
                cap = self.capitals.get(c)
                if cap:
                    info = lex.places[1].get(name_key(cap))
                    cands.append(Hit(m.start(), m.end(), m.group(0), "town", info.key if info else "town:" + name_key(cap), c))
        for s, e, label in ner:
            t = text[s:e]
            t2 = re.sub(r"^(?:the|The)\s+", "", t)
            s += len(t) - len(t2)
            # an entity the gazetteer does not know counts only where the text uses it as a place
            if (t2 and t2[0].isupper() and not lex.out_of_theater.fullmatch(t2) and not lex.countries_any(t2)
                    and not re.fullmatch(r"U\.?S\.?A?\.?|America|United States|the West", t2)
                    and _LOCATIVE.search(text[max(0, s - 40):s])):
                cands.append(Hit(s, e, t2, "ner", "ner:" + name_key(t2)))
        for m in self.generic_re.finditer(text):
            if not m.group("det") and _VERB_USE.search(text, 0, m.start()):
                continue  # "fighters who patrol the area", "to camp near": a verb, no facility
            plural = bool(m.group("pl")) or m.group("noun").lower().endswith("ies")
            cands.append(Hit(m.start(), m.end(), m.group(0).strip(), "generic", None, None, None, plural))
        # keep the best reading of overlapping spans: by rank, then length
        cands.sort(key=lambda h: (_RANK[h.kind], -(h.end - h.start), h.start))
        chosen: list[Hit] = []
        for h in cands:
            if any(h.start < c.end and c.start < h.end for c in chosen):
                # a generic noun right after a chosen name belongs to it ("al-Tanf base"); skip
                continue
            chosen.append(h)
        chosen.sort(key=lambda h: h.start)
        if lex.ships:  # a vessel's name is what was attacked, not where ("USS Carney", "the tanker Sounion")
            names = ship_name_spans(text, lex.ships)
            chosen = [h for h in chosen if (h.kind not in ("ner", "named_facility")
                      or not any(h.start < e and s < h.end for s, e in names)) and not _OWNERSHIP.match(text, h.end)]
        # "the Kurdistan Regional Government", "the Syrian Democratic Forces": organisations;
        # "6:30 p.m. (Baghdad time)": a clock, not a place
        return [h for h in chosen if not lex.out_of_theater.fullmatch(h.text)
                and not lex.organisation.match(text, h.end) and not _CLOCK.match(text, h.end)
                and not (h.kind in ("town", "ner") and self._source(text, h))]

    def _source(self, text: str, h: Hit) -> bool:
        """"sources speaking with Al-Mayadeen said", "Al-Mayadeen television": an outlet named
        after a place is who reports, not where the attack was."""
        return bool(self.source_before.search(text, 0, h.start) or self.source_after.match(text, h.end))

    # ------------------------------------------------------------------ grouping

    def places(self, text: str, ner=()) -> list[Place]:
        """Places in a clause, in order: each a head with its context; origins flagged."""
        hits = self.hits(text, ner)
        out: list[Place] = []
        prev_end = 0
        coord_group: list[Place] = []
        for h in hits:
            gap = text[prev_end:h.start]
            cur = out[-1] if out else None
            if cur is not None and self.apposition.match(gap) and cur.head.kind == "generic" and h.kind in SPECIFIC:
                # "a US base in Anbar, a reference to Ain al-Asad": the name says which base
                cur.generic, cur.head = cur.head, h
                prev_end = h.end
                continue
            if cur is not None and h.kind != "generic" and (
                    (self.gap_contain.match(gap) and self.distance_gap.search(gap))
                    or self.distance_before.search(text, max(0, h.start - 70), h.start)):
                # "the base, some 80 km west of Kirkuk": a far town the distance is
                # measured from, neither where it is nor a target
                prev_end = h.end
                continue
            if cur is not None and cur.head.kind in ("site", "named_facility") and h.kind in ("site", "town") \
                    and self.gap_contain.match(gap) and _AREA_AFTER.match(text, h.end):
                # "the X base, in the Y area of Z": a place named as an area situates the base
                cur.context.append(h)
                cur.ctx_text += gap + h.text
                prev_end = h.end
                continue
            if cur is not None and self.gap_contain.match(gap) and self._contains(cur, h, gap):
                if cur.head.kind == "generic" and not h.plural and (
                        h.kind in SPECIFIC - {"town"} or (h.kind == "town" and self.lex.ships and _NAMED_BY.match(gap))):
                    # "the US base near Erbil airport": the name is what a geocoder can place
                    cur.generic = cur.head
                    cur.head = h
                    cur.near = cur.near or bool(re.search(r"near|outside|close|vicinity|outskirts|of$", gap.strip(), re.I) and "of" != gap.strip())
                    cur.ctx_text = text[cur.generic.start:h.start]
                else:
                    cur.context.append(h)
                    cur.ctx_text += gap + h.text
                prev_end = h.end
                continue
            if cur is not None and h.kind == "generic" and not h.plural and cur.head.kind in SPECIFIC \
                    and re.fullmatch(r"\s*,\s*", gap) and re.match(r"(?i)an?\s", h.text):
                # "Tower 22, a logistics support outpost near ...": an apposition says what the
                # named place is; it is no second place
                cur.generic = cur.generic or h
                prev_end = h.end
                continue
            if cur is not None and cur.near and not cur.context and h.kind == "site" and cur.head.kind == "site" \
                    and cur.head.admin1 and cur.head.admin1 == h.admin1 and self.gap_coord.match(gap) \
                    and not (cur.generic and cur.generic.plural):
                # "fire at troops in the vicinity of the embassy and a base beside it": what lies
                # near two sites of one city is one place, the first named ("the bases targeted
                # were near A and B" are two)
                cur.context.append(h)
                cur.ctx_text += gap + h.text
                prev_end = h.end
                continue
            if h.kind == "generic" and h.plural and cur and h.start - prev_end < 3:
                # "the Tel Baydar and al-Tanf bases": a plural noun closes a coordination
                prev_end = h.end
                continue
            # other plurals ("two bases in northeastern Syria") become places too, so that the
            # area situating them is not read as a target of its own; events.py decides
            p = Place(h)
            before = text[max(0, h.start - 80):h.start]
            # "militias that operate around X": where the attackers are, not what they hit
            # ("launched from the X neighbourhood in the Y district in Z": a launch point told as a
            # chain of places, each inside the next, is an origin to its end)
            om = self.origin_re.search(before) or self.launch_chain.search(text, max(0, h.start - 140), h.start)
            # "rockets launched from south of X struck the airport": a verb after the launch
            # point starts the target
            if om and self.lex.trigger_verbs.search(before[om.start() + 4:]):
                om = None
            # "rockets fired from Iraqi territory at the X base": what they were fired at is a target
            if om and _FIRED_AT.search(before[om.start() + 4:]):
                om = None
            p.origin = bool(om or self.lex.operating_area.search(before))
            p.near = bool(self.near_re.search(before[-40:]))
            if self.lex.place_offsets:
                p.offset = offset_before(before)
            if cur is not None and self.gap_coord.match(gap):
                coord_group.append(p)
            else:
                coord_group = [p]
            p._group = coord_group  # type: ignore[attr-defined]
            out.append(p)
            prev_end = h.end
        self._hints(text, out)
        return out

    def _contains(self, cur: Place, h: Hit, gap: str = "") -> bool:
        """May ``h`` situate ``cur`` (a town in a province, a site in a country...)?"""
        if h.kind == "generic":
            # "a maintenance facility on a coalition base": the second noun situates the first
            return cur.head.kind == "generic" and not h.plural and bool(self.inside_re.match(gap))
        if cur.head.kind == "generic":
            return True
        if cur.head.kind in ("site", "named_facility") and h.kind in ("site", "named_facility") and self.beside_re.match(gap):
            # "Victory Base Complex near Baghdad International Airport": one place, described
            return True
        order = ["site", "named_facility", "ner", "town", "border", "admin1", "region", "country"]
        a = order.index(cur.head.kind) if cur.head.kind in order else 0
        b = order.index(h.kind) if h.kind in order else 0
        if cur.head.kind == h.kind == "town":
            # "Jurf al-Sakhar, south of Baghdad": a town situated by a bigger one; "Baghdad and
            # Erbil" stay two places (the coordination gap never reaches here)
            return bool(re.search(r"(?:\bof|\bnear|\boutside|close to|from)\s*(?:the\s+)?(?:city\s+of\s+)?$", gap, re.I))
        return b >= a and h.kind in AREA | {"town", "ner", "border"}

    def _hints(self, text: str, places: list[Place]) -> None:
        lex = self.lex
        for p in places:
            spans = [p.head] + p.context + ([p.generic] if p.generic else [])
            for h in p.context:
                if h.kind == "admin1" and h.admin1:
                    p.admin1_hint = p.admin1_hint or h.admin1
                c = h.country or lex.country_of(h.text)
                if c and not p.country_hint:
                    p.country_hint = c
            if p.head.kind in ("region", "country", "admin1"):
                p.country_hint = p.country_hint or p.head.country or lex.country_of(p.head.text)
                if p.head.kind == "admin1":
                    p.admin1_hint = p.head.admin1
            if p.head.kind == "generic" and not p.country_hint:
                # "A base used by Syrian groups ...": the words after the noun situate it
                tail = text[p.head.end:p.head.end + 90].split(",")[0]
                c = lex.country_of(p.head.text + " " + tail)
                if c:
                    p.country_hint = c
                    p.ctx_text = p.ctx_text or tail.strip()
            del spans
        # a coordination shares its context: "the Qasrak and Shaddadi bases in eastern Syria"
        for p in places:
            group = getattr(p, "_group", [p])
            last = group[-1]
            if p is not last and last.context and not p.context:
                p.context = list(last.context)
                p.country_hint = p.country_hint or last.country_hint
                p.admin1_hint = p.admin1_hint or last.admin1_hint
                p.ctx_text = p.ctx_text or last.ctx_text
