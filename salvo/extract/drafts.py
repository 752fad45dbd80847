"""The drafts an article's events are built from, and the rules that compare two of them.

Split from events.py (which reads the sentences): what makes two mentions one attack (same day,
a place that restates or situates the other) and how a merged draft fills its fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from salvo.extract.actors import ActorHit
from salvo.extract.dates import parse_iso
from salvo.extract.lexicon import name_key
from salvo.extract.places import _POINT, AREA, SPECIFIC, Place
from salvo.extract.ships import other_ships
from salvo.model import DateSpan, Evidence, Ship


@dataclass
class Draft:
    kind: str
    place: Place
    base: int  # clause offset the place's spans are relative to
    date: DateSpan
    weapon: str = "unknown"
    sub_event_type: Optional[str] = None
    munitions: Optional[int] = None
    munitions_text: Optional[str] = None
    actor: Optional[str] = None
    actor_generic: bool = True
    basis: str = "unknown"
    actor2: Optional[str] = None
    target: Optional[str] = None
    killed: Optional[int] = None
    injured: Optional[int] = None
    outcome: Optional[str] = None
    role: str = "main"
    summary: bool = False  # "struck two bases in eastern Syria": stands in for details told later
    evidence: list = field(default_factory=list)
    last_sentence: int = 0
    own_date: bool = True  # False: the day is only that of the event the clause referred back to
    reason: str = ""  # the reason code of the decision that made the draft (decisions.py)
    clause: tuple = (-1, -1)  # span of the clause that made it
    ship: Optional[Ship] = None  # the vessel its clause names as attacked (packs with ships): one event per ship
    another: bool = False  # told as another vessel, unnamed ("another ship was fired upon"): joins no other draft

    def add_evidence(self, ev: Evidence) -> None:
        if all((e.start, e.end) != (ev.start, ev.end) for e in self.evidence):
            self.evidence.append(ev)


@dataclass
class Scene:
    """What the last attack clause set up, for the sentences that continue it."""

    date: Optional[DateSpan] = None
    actor: Optional[ActorHit] = None
    basis: str = "unknown"
    actor_at: int = -1  # offset of the sentence that named the actor
    weapon: str = "unknown"
    munitions: Optional[tuple] = None  # (count, text, sentence index) launched with no target told
    # (outcome, killed, injured, sentence index) of an attack told with no place, for the event the
    # next sentence places ("A missile struck a tanker, causing a fire. The attack took place 60 nm off X")
    placeless: Optional[tuple] = None


def _other_weekdays(a: DateSpan, b: DateSpan) -> bool:
    """"Tuesday" and "on Saturday" in a report with no publication date: the same bounds, two days."""
    wa, wb = _WEEKDAY.search(a.text or ""), _WEEKDAY.search(b.text or "")
    return bool(wa and wb) and wa.group(0).lower() != wb.group(0).lower()


def _same_day(a: DateSpan, b: DateSpan) -> bool:
    if a.event_date and b.event_date:
        return a.event_date == b.event_date
    if a.event_date or b.event_date:
        return False
    return (a.date_earliest, a.date_latest) == (b.date_earliest, b.date_latest) and not _other_weekdays(a, b)


def _overlap(a: DateSpan, b: DateSpan) -> bool:
    lo_a, hi_a = a.event_date or a.date_earliest, a.event_date or a.date_latest
    lo_b, hi_b = b.event_date or b.date_earliest, b.event_date or b.date_latest
    if not (lo_a and hi_a and lo_b and hi_b):
        return True
    return lo_a <= hi_b and lo_b <= hi_a


_HYPERNYMS = {"base", "compound", "facility", "installation", "site", "complex", "garrison", "outpost", "premises"}


def _agrees(p: Place, known: Place) -> bool:
    """Does every span situating ``p`` fit the known place (same site, its town, its province)?"""
    keys = {known.key} | {h.key for h in known.context if h.key}
    for h in p.context:
        if h.kind == "generic":
            continue  # "the military complex at the airport": a noun, no name to contradict
        if h.key in keys or (h.admin1 and known.head.admin1 and h.admin1.lower() == known.head.admin1.lower()):
            continue
        if h.kind in AREA and (h.country or None) in (None, known.head.country or known.country_hint):
            continue
        return False
    return True


def _restates(known: Place, new: Place) -> bool:
    """Is ``new`` only the town or area of a place already told ("the airport in Erbil" ... "the
    attack in Erbil")? Then, on the same day, it is the same attack told less precisely."""
    # (what situates the town or area is no place of its own: "in Erbil, Iraqi Kurdistan",
    # "Baghdad's Green Zone")
    if new.head.kind not in ("town", "admin1", "region") or any(h.kind not in AREA | {"town"} for h in new.context):
        return False
    if any(h.key == new.head.key for h in known.context):
        return True
    # "Balad air base" ... "left Balad": the town a site is named after
    # (or owns: "Baghdad's Green Zone" ... "rockets in Baghdad")
    return new.head.kind == "town" and known.head.kind in ("site", "named_facility", "town") \
        and name_key(known.head.text).startswith(name_key(new.head.text) + " ")


_COUNTED_ATTACKS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
                              r"(?:[\w-]+\s+(?:and\s+[\w-]+\s+)?)?(?:attacks|assaults)\b", re.I)


def counted_over_period(text: str, date: DateSpan) -> bool:
    """A count of attacks whose only date is a month or longer ("Ten attacks on X" under a
    month's heading, or with no date at all) counts attacks on unknown days: no event of its own."""
    if date.event_date or not _COUNTED_ATTACKS.search(text):
        return False
    # (a day told without its year, "on Tuesday" in an undated report, is a day still)
    if not (date.time_precision == 3 or (date.text is None and date.time_precision is None)):
        return False
    lo, hi = parse_iso(date.date_earliest), parse_iso(date.date_latest)
    return bool(lo and hi and (hi - lo).days >= 27)


# how finely a context word situates a generic noun: a point, a town, a province, a region, a country
_CTX_RANK = {"site": 0, "named_facility": 0, "town": 1, "ner": 1, "border": 2, "admin1": 3, "region": 4, "country": 5}


def finer_generic(old: Place, new: Place) -> bool:
    """Two generic nouns told of one attack ("a convoy ... in northern Iraq", then "the convoy
    ... on a highway in Saladin"): does the second one's context situate it more finely?"""
    if old.head.kind != "generic" or new.head.kind != "generic":
        return False

    def rank(p: Place) -> int:
        r = [_CTX_RANK.get(h.kind, 9) for h in p.context if h.kind != "generic"]
        r += [3] if p.admin1_hint else []
        r += [5] if p.country_hint else []
        return min(r, default=9)

    return rank(new) < rank(old)


def _compatible_areas(a: Place, b: Place, *, admin: bool = True) -> bool:
    """May a generic place ("a US airbase in Anbar") and a named one be the same place?
    ``admin=False``: the caller compares provinces itself."""
    if a.head.kind != "generic" and b.head.kind != "generic":
        return a.key == b.key
    ca = a.country_hint or a.head.country
    cb = b.country_hint or b.head.country
    if ca and cb and ca != cb:
        return False
    # "the international airport in Erbil" is no place in Baghdad: a named context must fit
    for g, o in ((a, b), (b, a)):
        if g.head.kind == "generic" and o.head.kind != "generic":
            spots = [h for h in g.context if h.kind in ("site", "named_facility", "town") and h.key]
            keys = {o.key} | {h.key for h in o.context if h.key}
            if spots and not any(h.key in keys or name_key(h.text) in name_key(o.head.text) for h in spots):
                return False
    aa = a.admin1_hint or a.head.admin1
    ab = b.admin1_hint or b.head.admin1
    return not (admin and aa and ab and aa.lower() != ab.lower())


# what a vessel suffered after it was hit: one account's "sank" or "seized" is the attack's end
CONSEQUENCES = ("sunk", "seized")


def outcome_beats(new: Optional[str], old: Optional[str]) -> bool:
    """Does an outcome told of an attack replace the one known ("intercepted" always; "sunk" a "hit")?"""
    return bool(new) and (old in (None, "unknown") or new == "intercepted" or (new in CONSEQUENCES and old == "hit"))


def _fill(d: Draft, new: Draft, *, counted_beats_zero: bool = False) -> None:
    if d.weapon == "unknown" and new.weapon != "unknown":
        d.weapon, d.sub_event_type = new.weapon, new.sub_event_type
    if d.munitions is None:
        d.munitions, d.munitions_text = new.munitions, new.munitions_text
    if new.actor and (d.actor is None or (d.actor_generic and not new.actor_generic)):
        d.actor, d.actor_generic, d.basis = new.actor, new.actor_generic, new.basis
    # (folding a duplicate at the end: "no casualties reported" in one account, "one contractor
    # killed, eight wounded" in another of the same attack: the people counted are the toll)
    counted = counted_beats_zero and new.role != "background" and d.role != "background"
    if d.killed is None or (d.killed == 0 and new.killed and counted):
        d.killed = new.killed
    if d.injured is None or (d.injured == 0 and new.injured and counted):
        d.injured = new.injured
    if new.outcome and (d.outcome is None or outcome_beats(new.outcome, d.outcome)):
        d.outcome = new.outcome
    if d.target is None:
        d.target = new.target
    d.ship = d.ship or new.ship
    if d.date.time_of_day is None and new.date.time_of_day:
        d.date = new.date if new.date.event_date == d.date.event_date else d.date
    for e in new.evidence:
        d.add_evidence(e)
    d.last_sentence = max(d.last_sentence, new.last_sentence)


def _confidence(d: Draft) -> float:
    c = 0.5
    if d.place.head.kind in ("site", "named_facility", "town"):
        c += 0.15
    if d.date.event_date:
        c += 0.1
    if d.weapon != "unknown":
        c += 0.1
    if d.actor:
        c += 0.05
    if len(d.evidence) > 1:
        c += 0.05
    return round(min(c, 0.95), 2)


# ---------------------------------------------------------------------- end of article

_FAMILY = {"rocket": "indirect", "mortar": "indirect", "indirect_fire": "indirect", "artillery": "indirect"}


def _near_the_same_town(d: Draft, o: Draft) -> bool:
    """Is the facility ``d`` told only as near a town ("a base near Baghdad") and ``o`` told as near
    or at a distance from the same town ("the al-Taji base, 20 km north of Baghdad")?"""
    hits = [h for h in d.place.context if h.kind == "town" and h.text[:1].isupper()]
    towns = [h.text for h in hits]
    if not towns or not _NEAR_BEFORE.search(d.place.ctx_text or "") and not any(
            re.search(rf"\b(?:near|outside|{_POINT}\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}{re.escape(t)}\b", e.text, re.I)
            for e in d.evidence for t in towns):
        return False
    if any(name_key(h.text) in {name_key(t) for t in towns} for h in o.place.context if h.kind == "town"):
        return True
    if o.place.head.kind == "site" and o.place.head.admin1 and any(h.admin1 == o.place.head.admin1 for h in hits):
        return True  # "a base north of Baghdad" ... "rockets struck Camp Taji" (a site in Baghdad province)
    return any(re.search(rf"\b(?:of|near|outside)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}{re.escape(t)}\b", e.text) for e in o.evidence for t in towns)


_NEAR_BEFORE = re.compile(rf"\b(?:near|outside|(?:{_POINT})\s+of)\b", re.I)


def _rank(p: Place) -> int:
    """How precisely a place is told: 3 a point (site, town, a noun at a named place), 2 a province
    or region, 1 a country only, 0 nothing."""
    if p.head.kind != "border" and (p.head.kind in SPECIFIC or any(h.kind in SPECIFIC - {"border"} for h in p.context)):
        return 3
    # (a border is a line: "the Tower 22 base ... on the Jordan-Syria border" is the base)
    if p.head.kind in ("admin1", "region", "border") or p.admin1_hint or any(h.kind in ("admin1", "region") for h in p.context):
        return 2
    return 1 if (p.country_hint or p.head.country) else 0


def _country(p: Place) -> Optional[str]:
    return p.country_hint or p.head.country


def _admin1(p: Place) -> Optional[str]:
    a = p.admin1_hint or p.head.admin1 or next((h.admin1 for h in p.context if h.admin1), None)
    return a.lower() if a else None


_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def _within(a: DateSpan, b: DateSpan, unknown: Optional[str] = None) -> bool:
    """May the attack dated ``a`` be the one dated ``b``: the same day, or one of them only
    bounded (no day of its own) and the other's day inside the bounds?"""
    if a.event_date and b.event_date:
        return a.event_date == b.event_date
    if not a.event_date and not b.event_date:
        return (a.date_earliest, a.date_latest) == (b.date_earliest, b.date_latest) and not _other_weekdays(a, b)
    day, span = (a, b) if a.event_date else (b, a)
    lo, hi = span.date_earliest, span.date_latest
    if unknown and lo == unknown:
        # a report with no publication date: "late on Tuesday" bounds nothing, so the attack
        # told with a day (a photo caption's) at the same place may be it, if that day was a Tuesday
        named = _WEEKDAY.search(span.text or "")
        return named is None or date.fromisoformat(day.event_date).strftime("%A").lower() == named.group(0).lower()
    # only bounds of about a week (the days before publication) say it may be that day; a month,
    # a year or the whole period ("Wednesday" with no publication date) say nothing
    if not (lo and hi) or (date.fromisoformat(hi) - date.fromisoformat(lo)).days > 7:
        return False
    return lo <= day.event_date <= hi


def _vaguer_of(d: Draft, o: Draft) -> bool:
    """Is ``d`` the same attack as ``o`` told less precisely: its town ("in Erbil" for Erbil
    airport), province, region or country, or the same place with no day of its own?"""
    if d.place.key == o.place.key or (d.place.head.kind == o.place.head.kind == "site"
                                      and name_key(d.place.head.text) == name_key(o.place.head.text)):
        return True  # the same place told twice (the same day, or one of them without a day)
    if _one_facility(d.place, o.place):
        return True  # "Erbil base" in a headline, "Erbil Air Base" in the text
    if o.place.head.kind == "site" and any(h.kind == "site" and h.key == o.place.head.key for h in d.place.context):
        return True  # "near Union III and the embassy compound" after "rockets fired at the embassy"
    if _restates(o.place, d.place):
        return True  # "in Erbil tonight" after or before "Erbil International Airport"
    if d.place.head.kind == "generic" and o.place.head.kind in ("site", "named_facility") and _near_the_same_town(d, o):
        return True  # "a military base near Baghdad" ... "the al-Taji base, some 20 km north of Baghdad"
    if _rank(d.place) >= _rank(o.place):
        return False
    pd, po = ({h.key for h in p.context if h.kind == "admin1" and h.key} for p in (d.place, o.place))
    if pd and po and not pd & po:
        return False  # "a convoy on a road in Dhi Qar" is no vaguer telling of "a convoy in Babil"
    cd, co = _country(d.place), _country(o.place)
    if cd and co and cd != co:
        return False
    ad, ao = _admin1(d.place), _admin1(o.place)
    if ad and ao and ad != ao and not (ad in ao or ao in ad):
        return False  # ("Hasakah" and "al-Hasakah" are one province)
    if d.place.head.kind == "generic" and not _compatible_areas(d.place, o.place, admin=False):
        return False
    return True


# words that name the kind of a facility, not which one it is
_FACILITY_WORDS = {"air", "airbase", "airfield", "airport", "base", "camp", "international", "military", "field", "the"}


def _one_facility(a: Place, b: Place) -> bool:
    """Are two named facilities one ("Erbil base", "Erbil Air Base"): the same name once the
    words for a kind of facility are left out, at least one of them a gazetteer site?"""
    if {a.head.kind, b.head.kind} - {"site", "named_facility"} or "site" not in (a.head.kind, b.head.kind):
        return False

    def bare(p: Place) -> tuple[str, ...]:
        return tuple(w for w in name_key(p.head.text).split() if w not in _FACILITY_WORDS)
    ka, kb = bare(a), bare(b)
    ca, cb = _country(a), _country(b)
    return bool(ka) and ka == kb and not (ca and cb and ca != cb)


# words that tell an attack apart from the one the report is about
_OTHER_ATTACK = re.compile(r"\b(?:similar|separate|(?<!reported )(?<!said )(?<!announced )(?<!stated )earlier|previous|prior)\b", re.I)


def _headline_told_again(d: Draft, o: Draft) -> bool:
    """"Iraqi forces hit US Embassy in Baghdad" (the headline, with no day) and "Five rockets landed
    near the US Embassy in Baghdad, authorities said Sunday": the story's own account of the
    headline's attack, at the same place, in days that may be one."""
    return all(e.start == 0 for e in d.evidence) and not d.date.event_date and d.date.text is None \
        and d.place.key == o.place.key and min(e.start for e in o.evidence) > 0 and _overlap(d.date, o.date)


def _told_as_other(d: Draft) -> bool:
    """Is ``d`` told as another attack than the report's ("a similar attack ... on a base")? In the
    sentence naming its place only the words before the place count: "rockets hit a base north of
    Baghdad, days after a similar attack killed three" tells the similar one after it."""
    at = d.base + d.place.head.start
    for e in d.evidence:
        text = e.text[:at - e.start] if e.start <= at < e.end else e.text
        if _OTHER_ATTACK.search(text):
            return True
    return False


def _carried_over(d: Draft, o: Draft) -> bool:
    """"Last Tuesday, rockets hit X ... The rockets landed at the base near Baghdad airport": a
    clause with no day of its own that places the attack where another one was told is that
    attack, whatever day the scene carried over."""
    if d.own_date or not o.own_date or not o.date.event_date:
        return False
    return d.place.key == o.place.key or _restates(d.place, o.place) or _restates(o.place, d.place) \
        or _in_town(d.place, o.place) or _in_town(o.place, d.place)


def _in_town(p: Place, town: Place) -> bool:
    """Is ``p`` at ``town`` by its name or its context ("the base near Baghdad airport", Baghdad)?"""
    if town.head.kind != "town" or town.context:
        return False
    t = name_key(town.head.text)
    return any(h.key == town.head.key or name_key(h.text).startswith(t + " ") for h in [p.head] + p.context)


def _other_points(a: Place, b: Place) -> bool:
    """"76 nautical miles west of X" and "50 nautical miles southwest of X": one port, two positions
    (packs with place_offsets), not one place told twice."""
    if not (a.offset and b.offset):
        return False
    (ka, ba), (kb, bb) = a.offset, b.offset
    return abs(ka - kb) > 0.15 * max(ka, kb) or (ba is not None and bb is not None and ba != bb)


# ("A roof is seen damaged ... after rockets hit the airport on Feb. 16"): a photo of the aftermath
CAPTION = re.compile(r"\b(?:is|are)\s+seen\b|\bpictured\b|\b(?:picture|photo|image)\s+(?:shows|taken)\b|\bin\s+this\s+(?:handout\s+)?(?:photo|picture|image)\b"
                      # a wire photo's caption: present tense, the day in full at its end ("Workers clear
                      # debris after the attack in X, Tuesday, Feb. 16, 2021.")
                      r"|\b(?:clear|inspect|survey|examine|gather|stand|look)s?\b[^.]{0,160},\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,"
                      r"\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\.?\s*$", re.I)


_SAID = re.compile(r"\b(?:said|says|announced|stated|confirmed)\b", re.I)


def _photo_of_the_day_after(d: Draft, o: Draft) -> bool:
    """Is ``d`` dated the day after ``o``'s day by a photo of the aftermath (told only in captions),
    or by a statement that places it only by its country ("On Feb. 16 the administration said a
    rocket attack in Iraq ...")?"""
    a, b = parse_iso(d.date.event_date), parse_iso(o.date.event_date)
    caption = bool(a and b) and all(CAPTION.search(e.text) for e in d.evidence)
    if caption and 1 <= (a - b).days <= 14 and d.place.key == o.place.key:
        return True  # (a photo of the same site days later: "rubble is seen at X on Jan. 13")
    if not (a and b and (a - b).days == 1):
        return False
    return caption or (
        d.place.kind == "country" and all(_SAID.search(e.text) for e in d.evidence))


def _fold_into(d: Draft, drafts: list[Draft], unknown: Optional[str] = None) -> Optional[Draft]:
    """The one more precisely told draft ``d`` duplicates, if there is exactly one."""
    cands = []
    for o in drafts:
        if o is d or o.kind != d.kind or o.summary or d.another or o.another:
            continue
        if d.ship is not None and o.ship is not None and not other_ships(d.ship, o.ship) \
                and not d.date.event_date and o.date.event_date:
            cands.append(o)  # one vessel told twice, once with its day
            continue
        carried = _carried_over(d, o) or _headline_told_again(d, o)
        if not carried and not _within(d.date, o.date) and not _photo_of_the_day_after(d, o):
            # (an undated report: only a day the other's weekday fits, and counts that agree)
            if not _within(d.date, o.date, unknown) or None not in (d.munitions, o.munitions) and d.munitions != o.munitions:
                continue
        wd, wo = _FAMILY.get(d.weapon, d.weapon), _FAMILY.get(o.weapon, o.weapon)
        if "unknown" not in (d.weapon, o.weapon) and wd != wo:
            continue  # "rockets hit X ... a drone struck the base in Anbar": two attacks
        if d.actor and o.actor and d.actor != o.actor and not (d.actor_generic or o.actor_generic):
            continue
        if other_ships(d.ship, o.ship) or _other_points(d.place, o.place):
            continue  # two vessels named, or two positions told: two attacks, however the places compare
        if carried or _vaguer_of(d, o):
            cands.append(o)
    if not cands:
        return None
    if len(cands) > 1 and d.place.head.kind == "generic":
        # "Militants attack another supply convoy in southern Iraq" ... "the convoy was targeted
        # near Nasiriyah": the attack told with the same noun
        noun = name_key(d.place.head.text).split()[-1].rstrip("s")
        same = [o for o in cands if any(re.search(rf"\b{re.escape(noun)}", e.text, re.I) for e in o.evidence)]
        cands = same or cands
    if len(cands) > 1:
        # "In an earlier incident, another IED targeted a convoy ...": told as another attack
        main = [o for o in cands if not any(_OTHER_ATTACK.search(e.text) for e in o.evidence)]
        cands = main or cands
    # (a point told by bearing and distance from a port beats a place named alone)
    best = max((_rank(o.place), o.place.offset is not None) for o in cands)
    top = [o for o in cands if (_rank(o.place), o.place.offset is not None) == best]
    keys = {o.place.key for o in top}
    if len(keys) != 1:
        return None
    if any(_other_points(a.place, b.place) for a in top for b in top):
        # ("76 nm west of X" and "50 nm southwest of X" told before "the vessel was not damaged"):
        # the position told last before it
        told = min(e.start for e in d.evidence)
        before = [o for o in top if min(e.start for e in o.evidence) < told]
        return max(before, key=lambda o: min(e.start for e in o.evidence)) if before else None
    if top[0].place.key != d.place.key and _told_as_other(d):
        return None  # "a month after a similar attack killed a contractor on a base in northern Iraq"
    if all(_OTHER_ATTACK.search(e.text) for o in top for e in o.evidence) \
            and not any(_OTHER_ATTACK.search(e.text) for e in d.evidence):
        return None  # the attack the report is about is not the one "a day earlier" it sets beside it
    return min(top, key=lambda o: not o.date.event_date)  # (one place told twice: either will do)


def pass_down(summary: Draft, details: list[Draft]) -> None:
    """"On March 25, two US bases came under rocket attacks, which caused no casualties. The
    bases targeted were near X and Y": what the summary says of all of them (the weapon, a
    zero toll, who did it) holds for each detail that does not say otherwise. A count does
    not: it is the summary's total."""
    for o in details:
        if o.weapon == "unknown" and summary.weapon != "unknown":
            o.weapon, o.sub_event_type = summary.weapon, summary.sub_event_type
        if o.killed is None and summary.killed == 0:
            o.killed = 0
        if o.injured is None and summary.injured == 0:
            o.injured = 0
        if o.actor is None and summary.actor and o.kind == "attack":
            o.actor, o.actor_generic, o.basis = summary.actor, summary.actor_generic, summary.basis
    if len(details) == 1 and details[0].ship is None:
        details[0].ship = summary.ship  # (at sea: the one vessel the summary named)


def _days_apart(a: DateSpan, b: DateSpan) -> int:
    if a.event_date and b.event_date:
        return abs((date.fromisoformat(a.event_date) - date.fromisoformat(b.event_date)).days)
    return 0  # one of them has no day: it may be the other's


def _lies_within(a: Place, b: Place, within: Optional[dict]) -> bool:
    """Is the sea area ``a`` one the pack says lies within the area ``b`` (``ships.areas_within``)?"""
    if not within or a.head.kind != "region" or b.head.kind != "region" or not (a.head.key and b.head.key):
        return False
    return b.head.key.removeprefix("region:") in (within.get(a.head.key.removeprefix("region:")) or ())


def _fold_vessels(drafts: list[Draft], folded: Optional[list], within: Optional[dict] = None) -> list[Draft]:
    """One report, one vessel, one attack: the mentions of a vessel told a day apart at most (the
    day of the attack, the day of the telling) and in the same role are one draft, kept where it
    was told most precisely (a point from a bearing, then a named place, then an area; a summary last)."""
    out = list(drafts)
    for d in list(out):
        if d not in out or d.kind != "attack" or d.ship is None:
            continue
        group = [d] + [o for o in out if o is not d and o.kind == "attack" and o.ship is not None and o.role == d.role
                       and not other_ships(d.ship, o.ship) and _days_apart(d.date, o.date) <= 1]
        if len(group) == 1:
            continue
        # (a summary of the day's attacks that names the vessel is no place of its own)
        keep = max(group, key=lambda x: (not x.summary, x.place.offset is not None, _rank(x.place), bool(x.date.event_date),
                                         -min(e.start for e in x.evidence)))
        # ("in the Red Sea" and "at the Bab el-Mandeb" the same day: the strait, the narrower area)
        inner = [o for o in group if keep.place.offset is None and _lies_within(o.place, keep.place, within)]
        if inner:
            keep.place, keep.base = inner[0].place, inner[0].base
        if keep.reason == "ship_at_sea_scene":
            # (placed only by the report's sea area: a strait or position another mention tells is where it was)
            told = [o for o in group if o.reason != "ship_at_sea_scene" and (o.place.offset is not None or o.place.head.kind == "region")
                    and o.place.key != keep.place.key]
            if told:
                keep.place, keep.base = told[0].place, told[0].base
        for o in group:
            if o is keep:
                continue
            _fill(keep, o, counted_beats_zero=True)
            if not keep.date.event_date and o.date.event_date:
                keep.date, keep.own_date = o.date, o.own_date
            out.remove(o)
            if folded is not None:
                folded.append((o, keep))
    return out


def consolidate(drafts: list[Draft], folded: Optional[list] = None, unknown: Optional[str] = None,
                within: Optional[dict] = None) -> list[Draft]:
    """One draft per attack at the end of an article: a mention of an attack already placed more
    precisely on the same day (at its town, province, region or country, or at the same place
    without a day, as headlines and first paragraphs tell it) is folded into that one. Each fold
    is appended to ``folded`` as (the draft folded, the draft it went into). ``unknown``: the
    first day of the period when the report has no publication date (bounds from it say nothing).
    ``within``: the pack's sea areas lying within others (``ships.areas_within``)."""
    out = _fold_vessels(list(drafts), folded, within)
    changed = True
    # (US strikes are coded per site, several a day and often one told only by its country)
    while changed:
        changed = False
        for d in out:
            if d.summary or d.kind != "attack":
                continue
            o = _fold_into(d, out, unknown)
            if o is None:
                continue
            if folded is not None:
                folded.append((d, o))
            if not _photo_of_the_day_after(d, o) and ((not o.date.event_date and d.date.event_date) or (d.own_date and not o.own_date)):
                o.date, o.own_date = d.date, d.own_date
            if _restates(d.place, o.place) or _in_town(d.place, o.place):
                o.place, o.base = d.place, d.base  # the town told first, its airport after
            if all(CAPTION.search(e.text) for e in d.evidence):
                d.munitions = d.munitions_text = None  # ("rubble where a missile hit": a photo counts nothing)
            _fill(o, d, counted_beats_zero=True)
            o.role = "main" if "main" in (o.role, d.role) else o.role
            out.remove(d)
            changed = True
            break
    return out
