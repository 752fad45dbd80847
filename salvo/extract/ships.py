"""Ships as targets: the vessel a clause names, with its flag and type as the text gives them.

Only for packs whose lexicon.yaml has a ``ships`` section (the words are pack data: vessel types,
name prefixes such as "M/V"); the code knows the shapes reports use:

    the Marshall Islands-flagged bulk carrier Tutor       flag, type, name
    the tanker Marlin Luanda / the container ship X       type, name
    M/V Galaxy Leader, MV Rubymar                         prefix, name (kept without the prefix)
    Tutor, a Liberian-flagged bulk carrier                name, flag, type
"""

from __future__ import annotations

import calendar
import functools
import re
from typing import Optional

from salvo.extract.numbers import NUMBER, QUALIFIERS, parse_number
from salvo.model import Ship

# a vessel's name: capitalised words (and numbers), stopping at the first lower-case word
# (a dot only inside a word: "Sounion. Men fired" ends the name at the full stop)
_W = r"[\w'’-]*(?:\.(?=[\w'’-])[\w'’-]*)*"
# ("USS Dwight D. Eisenhower": an initial before a capitalised word keeps its dot)
_NAME = rf"(?<![\w/])(?P<name>[A-Z]{_W}(?:\s+(?:[A-Z]\.(?=\s+[A-Z])|[A-Z0-9]{_W}|of|de|la))*?)(?=\s*(?:[,;:)]|(?<!\b[A-Z])\.|$|\s+[a-z(]|\s+[–—-]\s))"
_FLAG = r"(?P<flag>[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,2})-flag(?:ged)?"
# "Greek-owned", "-operated": words of who owns or runs a vessel, listed before its type
_OWNED = r"(?:[\w'’]*-[\w'’-]+,?\s+(?:and\s+)?){0,4}"


@functools.lru_cache(maxsize=8)
def _patterns(types: tuple[str, ...], prefixes: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    t = _alternation(types)
    p = _alternation(prefixes)
    kind = rf"(?P<type>(?i:{t}))"
    adj = rf"(?:(?!(?i:{t})\b)(?i:[a-z][\w-]*)\s+)?"  # "the Greek-owned tanker", not the "cargo" of "cargo ship"
    return (
        re.compile(rf"(?:{_FLAG}\s+)?{adj}{kind}\s+(?:(?:called|named)\s+)?{_NAME}"),
        re.compile(rf"(?<![\w/])(?:{p})\s+{_NAME}"),
        # ("X, a Singapore-flagged, Danish-owned and -operated container ship": a list of such words)
        re.compile(rf"(?:\b[Tt]he\s+)?{_NAME},\s+(?:an?|the)\s+(?:{_FLAG},?\s+(?:and\s+)?)?{_OWNED}{adj}{kind}\b(?!['’])"),
        # "the Galaxy Leader commercial ship", "attack Maersk Hangzhou ship": the name before the type
        # (not a class before the name: "the FREMM frigate Languedoc" is Languedoc)
        re.compile(rf"(?:\b[Tt]he\s+)?{_NAME}\s+(?!(?i:the|a|an|its|their|his|her|this|that|which|whose)\s){adj}{kind}\b(?!['’])(?!\s+[A-Z])"),
        # "a commercial ship, Transworld Navigator, in ...", "its ship, the X, en route", "a Malta-flagged
        # Greek-owned bulk carrier, the X,": the name in apposition after the type
        re.compile(rf"\b(?:an?|the|its|their)\s+(?:{_FLAG},?\s+)?{_OWNED}{adj}{kind},\s+(?:the\s+)?{_NAME}(?=\s*,)"),
        # "the Liberia-flagged Kestrel Dawn", "the Liberian-flagged, Greek-owned X", "Panama-flagged X"
        # opening a clause: a flag (and owners' words), then the name, no type between
        re.compile(rf"(?:\b[Tt]he\s+|^\s*){_FLAG},?\s+{_OWNED}(?!(?i:{t})\b){_NAME}"),
        # "officials identified the ship as X", "a tanker identified as X"
        re.compile(rf"\b(?:identified|specified|named)\s+(?:the|a|an)\s+{adj}{kind}\s+as\s+(?:the\s+)?{_NAME}"),
        re.compile(rf"{kind}\s+(?:(?:was|has\s+been|had\s+been)\s+)?identified\s+as\s+(?:the\s+)?{_NAME}"),
        # "a British ship (Islander)": the name in brackets right after the type
        re.compile(rf"(?:{_FLAG}\s+)?{adj}{kind}\s+\({_NAME}\)"),
        # "the 82,000-dwt X", "the 300-metre X": a vessel's size before its name; "X (built 2019)",
        # "X (IMO 9876543)": a build year or IMO number after it
        re.compile(rf"\b(?:[Tt]he|an?)\s+[\d,.]+[\s-]?(?i:dwt|gt|teu|tonnes?|tons?|metres?|meters?|m|feet|ft)\s+(?:[a-z][\w-]*\s+)?{_NAME}"),
        re.compile(rf"(?:\b[Tt]he\s+)?{_NAME}\s+\((?i:built\s+(?:in\s+)?\d{{4}}|IMO[\s:]*\d{{7}})"),
    )


@functools.lru_cache(maxsize=8)
def _bare(verbs: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """"targeted the Seaguardian and Athina in the Red Sea": names with no type or prefix, right after
    an attack verb of the pack's (``ships.bare_name_verbs``) and before a sea told with "in/off the"."""
    if not verbs:
        return ()
    v = _alternation(verbs)
    run = r"[A-Z][\w'’-]*(?:\s+[A-Z0-9][\w'’-]*)*"
    sea = r"(?=\s+(?:in|off|near)\s+the\s+[A-Z])"
    return (re.compile(rf"\b(?:{v})\s+the\s+{_NAME}(?=\s+and\s+(?:the\s+)?{run}{sea}|{sea})"),
            re.compile(rf"\b(?:{v})\s+the\s+{run}\s+and\s+(?:the\s+)?{_NAME}{sea}"))


def _all_patterns(ships: dict) -> tuple[re.Pattern, ...]:
    return _patterns(tuple(ships.get("types") or ()), tuple(ships.get("prefixes") or ())) \
        + _bare(tuple(ships.get("bare_name_verbs") or ()))


def _not_a_name(name: str, ships: dict) -> bool:
    """"Houthi", "Liberian-flagged", "Greek-owned": a word the pack says is no name, or an adjective."""
    words = name.split()
    no = ships.get("not_names") or ()
    # ("Chinese Tanker Hit with ...", "Missile Hits Tanker": a headline's verb in title case)
    verbs = ships.get("headline_verbs") or ()
    if any(w in verbs for w in words):
        return True
    # ("Type-45 destroyer": a class, its first part a word that is no name; "United States ...":
    # the words an entry of several words gives, first)
    return (words[0] in no or words[-1] in no or words[0].split("-")[0] in no
            or any(" " in w and (name + " ").startswith(w + " ") for w in no)
            or words[-1].islower()
            or bool(re.search(r"-[a-z]|(?<!\b[A-Z])\.\s|['’]s\b", name)))


def ship_name_spans(text: str, ships: Optional[dict]) -> list[tuple[int, int]]:
    """(start, end) of every vessel name ``text`` gives in one of the shapes above: a ship is a
    target, not a place ("USS Carney", "the tanker Marlin Luanda")."""
    if not ships:
        return []
    spans = []
    for rx in _all_patterns(ships):
        for m in rx.finditer(text):
            if not _not_a_name(m.group("name"), ships):
                spans.append((m.start("name"), m.end("name")))
    return spans


# words any vessel's type may carry: "a merchant vessel" or "a cargo ship" tells no other kind of vessel
_ANY_VESSEL = frozenset({"vessel", "ship", "merchant", "commercial", "cargo", "freighter", "general"})


def _alternation(words: tuple[str, ...]) -> str:
    """The words as one regex alternation, longest first; a pattern that never matches when none."""
    return "|".join(sorted(words, key=len, reverse=True)) or r"(?!x)x"


@functools.lru_cache(maxsize=8)
def _unnamed_vessel(types: tuple[str, ...]) -> re.Pattern:
    t = _alternation(types)
    return re.compile(rf"\b(?i:a|an|another)\s+(?:[\w-]+\s+){{0,2}}?(?P<type>(?i:{t}))\b(?![-'’s])")


@functools.lru_cache(maxsize=8)
def _another(types: tuple[str, ...]) -> re.Pattern:
    t = _alternation(types)
    return re.compile(rf"\b(?i:another|a\s+second|a\s+third|a\s+further)\s+(?:[\w-]+\s+){{0,2}}?(?i:{t})\b(?![-'’s])")


def another_vessel(text: str, ships: Optional[dict]) -> Optional[re.Match]:
    """"another ship", "a second tanker": a vessel told as other than the one told before."""
    return _another(tuple(ships.get("types") or ())).search(text) if ships else None


def other_kind_told(text: str, ship: Optional[Ship], ships: Optional[dict]) -> bool:
    """Does ``text`` tell an unnamed vessel of another kind than ``ship`` ("a commercial tanker"
    beside the container ship X), and none of its kind? Kinds differ when their type words, less the
    words any vessel may carry, share none."""
    if not ships or ship is None or not ship.type:
        return False
    own = set(ship.type.lower().split()) - _ANY_VESSEL
    kinds = [m.group("type").lower() for m in _unnamed_vessel(tuple(ships.get("types") or ())).finditer(text)]
    told = [w for w in (set(k.split()) - _ANY_VESSEL for k in kinds) if w]
    if not own:
        # ("a British ship (X)" ... "an American destroyer": a vessel told only as a ship is no
        # warship, so a warship the pack's ``warships`` words name unnamed is another kind)
        war = {w.lower() for w in ships.get("warships") or ()}
        return bool(told) and all(k in war for k in kinds if set(k.split()) - _ANY_VESSEL)
    return bool(told) and all(not (w & own) for w in told)


def ship_in(text: str, ships: Optional[dict]) -> Optional[Ship]:
    """The first ship ``text`` names, or None (and None where the pack has no ``ships`` section)."""
    told = ships_in(text, ships)
    return told[0][1] if told else None


# what a vessel attacked is told after: "fired at", "toward the tanker", "heading for"
_AIMED_AT = re.compile(r"\b(?:at|toward|towards|targeting|targeted|against|on|for|near|struck|hit|hitting|striking|attacked|attacking|seized|boarded)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,4}$", re.I)


# ... or before a passive attack verb: "another vessel, the X, was hit by a missile"
_WAS_HIT = re.compile(r"[^.;]{0,30}?\b(?:was|were|had\s+been|has\s+been|came\s+under)\s+(?:\w+\s+)?(?:hit|struck|targeted|attacked|seized|boarded|fire|attack)\b", re.I)


def attacked_ship(text: str, ships: Optional[dict]) -> Optional[Ship]:
    """The vessel a clause tells as attacked: of several, the one named after a word aiming at it
    ("USS X shot down a missile fired toward the tanker Y" is Y's attack) or before a passive
    attack verb ("the X was struck"), else the first."""
    told = ships_in(text, ships)
    if len(told) > 1:
        aimed = [s for start, s in told if _AIMED_AT.search(text, max(0, start - 60), start)
                 or _WAS_HIT.match(text, start + len(s.name))]
        if aimed:
            return aimed[0]
    return told[0][1] if told else None


def ships_in(text: str, ships: Optional[dict]) -> list[tuple[int, Ship]]:
    """(offset, ship) of each vessel ``text`` names, in order, one entry per name."""
    if not ships:
        return []
    found: list[tuple[int, Ship]] = []
    prefix_alt = "|".join(ships.get("prefixes") or ()) or r"(?!x)x"
    for rx in _all_patterns(ships):
        for m in rx.finditer(text):
            # one vessel, one name: "USS Mason" and "Mason", "M/V Galaxy Leader" and "Galaxy Leader"
            name = re.sub(rf"^(?:{prefix_alt})\s+", "", m.group("name").strip().rstrip("."))
            if _not_a_name(name, ships):
                continue
            groups = m.groupdict()
            found.append((m.start("name"), Ship(name, groups.get("flag"), (groups.get("type") or "").lower() or None)))
    # a name the report gives elsewhere with its type or prefix, told bare ("the Unity Explorer was struck")
    known = tuple(ships.get("known") or ())
    for m in _known(known).finditer(text) if known else ():
        if not any(a < m.end() and m.start() < a + len(s.name) for a, s in found):
            found.append((m.start(), Ship(m.group(0), None, None)))
    # each name once, where first told; flag and type from whichever shape told them
    found.sort(key=lambda x: x[0])
    out: list[tuple[int, Ship]] = []
    for start, s in found:
        if any(o.name == s.name for _, o in out):
            continue
        same = [x for _, x in found if x.name == s.name]
        out.append((start, Ship(s.name, next((x.flag for x in same if x.flag), None),
                                next((x.type for x in same if x.type), None))))
    return out


@functools.lru_cache(maxsize=64)
def _known(names: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w/'’-])(?:{alt})(?![\w-])")


def with_known_names(text: str, ships: Optional[dict]) -> Optional[dict]:
    """The pack's ``ships`` words with the names of the vessels ``text`` tells in one of the shapes
    above added as ``known``: a report names "the bulk carrier X" once, then "X" or "the X"."""
    if not ships:
        return ships
    names = sorted({s.name for _, s in ships_in(text, ships)})
    return dict(ships, known=tuple(names)) if names else ships


def _words(ship: Ship) -> list[str]:
    return ship.name.lower().replace("’", "'").split()


def other_ships(a: Optional[Ship], b: Optional[Ship]) -> bool:
    """Two vessels, not one told twice: both named, and neither name is the other's words
    ("Maersk Hangzhou" and "Hangzhou" are one ship; "Amber Crest" and "Northern Isle" two)."""
    if a is None or b is None:
        return False
    wa, wb = _words(a), _words(b)
    short, long_ = sorted((wa, wb), key=len)
    n = len(short)
    return not any(long_[i:i + n] == short for i in range(len(long_) - n + 1))


@functools.lru_cache(maxsize=8)
def _vessel_words(types: tuple[str, ...], prefixes: tuple[str, ...]) -> re.Pattern:
    t = _alternation(types)
    p = _alternation(prefixes)
    # one vessel: "a tanker", "the Greek-owned bulk carrier", "USS Carney" (not "container ships")
    return re.compile(rf"\b(?i:a|an|the|one|another)\s+(?:[\w-]+\s+){{0,2}}?(?i:{t})\b(?!-)|(?<![\w/])(?:{p})\s+[A-Z]")


@functools.lru_cache(maxsize=8)
def _the_vessel(types: tuple[str, ...]) -> re.Pattern:
    t = _alternation(types)
    # "the destroyer", "The Type-45 destroyer", "the vessel" (not "the destroyers", "the ship's crew")
    return re.compile(rf"\b[Tt]he\s+(?:[\w-]+\s+){{0,2}}?(?i:{t})\b(?![-'’s])")


def the_vessel_told(text: str, ships: Optional[dict]) -> bool:
    """Does the clause name a vessel by its type with the definite article and no name ("the
    Type-45 destroyer repelled ..."), the vessel the report is telling of?"""
    return bool(ships) and not ships_in(text, ships) and bool(_the_vessel(tuple(ships.get("types") or ())).search(text))


# "all the drones were shot down by jets from USS X and the destroyer Y": the vessels named after a
# word of downing and "by" are the defenders, not vessels attacked (up to the clause's end)
_DEFENDED_BY = re.compile(r"\b(?:shot\s+down|intercepted|downed|destroyed|repelled|thwarted|foiled|neutrali[sz]ed)"
                          r"\s+by\b[^.;]*", re.I)


def without_defenders(text: str) -> str:
    """The clause with its stretches naming who shot the weapons down ("... intercepted by USS X") cut."""
    return _DEFENDED_BY.sub(" ", text)


def sea_scene(text: str, ships: Optional[dict]) -> bool:
    """Does the clause tell of one vessel (named, or a type word with its article)? Then an attack
    it tells with no place of its own was at sea, where the report's sea area says."""
    if not ships:
        return False
    return ship_in(text, ships) is not None or bool(_vessel_words(tuple(ships.get("types") or ()), tuple(ships.get("prefixes") or ())).search(text))


_SHIP_QUAL = rf"(?P<q>{QUALIFIERS})"
# a running count of vessels attacked: "they have attacked more than 30 merchant ships since ...",
# "bringing the number of targeted ships to 86" (a perfect tense or a total brought to, never "a
# drone attacked two ships on Monday")
_SHIPS_SO_FAR = (
    re.compile(rf"\b(?:have|has|had)\s+(?:now\s+|so\s+far\s+|already\s+)?(?:attacked|targeted|struck|hit)\s+{_SHIP_QUAL}"
               rf"(?<![\w-])(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:ships|vessels)\b", re.I),
    re.compile(rf"\b(?:bring(?:s|ing)?|brought|rais(?:es|ing|ed))\s+the\s+(?:total\s+)?number\s+of\s+(?:targeted|attacked)\s+"
               rf"(?:ships|vessels)\s+to\s+{_SHIP_QUAL}(?<![\w-])(?P<n>{NUMBER})(?![\w-])", re.I),
    # ("... said that 90 ships had been targeted": the perfect passive)
    re.compile(rf"{_SHIP_QUAL}(?<![\w-])(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:ships|vessels)\s+(?:have|has|had)\s+"
               rf"(?:now\s+|so\s+far\s+|already\s+)?been\s+(?:attacked|targeted|struck|hit)\b", re.I),
    # ("the leader claimed the targeting of 54 ships", "targeting a total of 10 merchant ships": a
    # claimed or totalled count, unless a day follows: "claimed attacks on two ships on Monday")
    re.compile(rf"(?:\bclaim(?:s|ed|ing)?\s+(?:the\s+)?(?:targeting\s+of|attacks?\s+on)|\b(?:targeting|targeted|attacking|attacked)"
               rf"\s+a\s+total\s+of)\s+{_SHIP_QUAL}(?<![\w-])(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:ships|vessels)\b"
               rf"(?![^.;]{{0,40}}\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|overnight|today)\b)", re.I),
)


# "... 28 vessels in the first five months of 2024": the count runs to that month's end
_FIRST_MONTHS = re.compile(rf"\s+in\s+the\s+first\s+(?P<k>{NUMBER})\s+months\s+of\s+(?P<y>(?:19|20)\d\d)\b", re.I)


def _first_months_end(text: str, at: int) -> Optional[str]:
    m = _FIRST_MONTHS.match(text, at)
    k = parse_number(m.group("k")) if m else None
    if k is None or not 1 <= k <= 12:
        return None
    y = int(m.group("y"))
    return f"{y:04d}-{k:02d}-{calendar.monthrange(y, k)[1]:02d}"


def ship_counts(text: str, ships: Optional[dict]) -> list[tuple[int, str, tuple[int, int], Optional[str]]]:
    """(count, qualifier words, span, the day it runs to when told) of each running count of vessels
    attacked the sentence tells (packs with a ``ships`` section only): a count of ships attacked is
    a count of attacks."""
    if not ships:
        return []
    out = []
    for rx in _SHIPS_SO_FAR:
        for m in rx.finditer(text):
            n = parse_number(m.group("n"))
            if n is not None and n >= 2:
                out.append((n, m.group("q") or "", m.span(), _first_months_end(text, m.end())))
    return out
