"""PlaceRef -> Place: which place the text names, and how precisely (ACLED geo_precision).

Evidence, strongest first:
1. the span (``ref.text``): a site or town it names is the place (precision 1; 2 when the span
   or the ref says "near"/"outside" it); an admin1, region or country it names is an area (3);
2. the context (``ref.context``, the surrounding words): a site/town there is where the event was
   *near* (2), if it agrees with the areas the text states; areas there give precision 3;
3. ``ref.admin1_hint`` / ``ref.country_hint``: the area the extractor knows (3);
4. the dateline and the article text: tie-breakers only. The dateline is where the reporter
   sits, so it never places an event by itself and never overrides a named place.

A name found nowhere is reported in ``Place.unresolved`` and the Place keeps the best level known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from rapidfuzz.distance import Levenshtein

from salvo.model import Place, PlaceRef

from .gazetteer import ADMIN1, COUNTRY, FOREIGN, REGION, SITE, TOWN, Alias, Entry, Gazetteer, km
from .normalize import Token, fold, key_of, tokenize

# Words that make a bare, ambiguous alias ("al-Asad") a facility: "al-Asad air base".
# Word lists are folded like keys (doubled letters collapsed: "installation" -> "instalation").
def _words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


FACILITY_CUES = _words(
    """base bases airbase airbases airfield airfields airport airstrip garrison camp outpost
    facility installation field oilfield gasfield landing compound headquarters"""
)
NEAR_WORDS = _words("near outside nearby close vicinity outskirts around beside next")
DIRECTIONS = _words(
    """north south east west northeast northwest southeast southwest northeastern northwestern
    southeastern southwestern northern southern eastern western"""
)
PROVINCE_WORDS = _words("province governorate countryside provinces governorates")
# Capitalised words that are not place names; what is left over is reported as unresolved.
NOT_NAMES = FACILITY_CUES | DIRECTIONS | PROVINCE_WORDS | _words(
    """the a an us usa american americans iraqi iraqis syrian syrians jordanian kurdish iranian
    coalition forces force troops military army air international city town village region
    district central islamic resistance in at on of and near outside"""
)

# Levenshtein budget for misspelt site names, on folded keys (articles dropped, doubled letters
# collapsed, so "Ain al-Assad" and "Ayn al Asad" are already equal) of the name alone ("base",
# "the" trimmed off the ends). Calibrated on tests/fixtures/geo: 99 spellings (15 of them
# misspellings no table lists) must resolve, 79 unrelated names must never become a base. Keys
# under 8 letters get 1 edit and only between vowels ("Qasrek"; "Harim" is a town, not "Harir");
# from 8 letters 2 edits ("Kharab al-Jiir"). On those fixtures budgets of 0-2 / 1-3 edits made no
# difference once names were trimmed; before trimming, 3 edits on long keys turned "Rumaila oil
# field" into Rumalyn and 2 on short keys turned "Camp Ashraf" into a base. Every fuzzy hit on a
# key under 10 letters also needs a facility word, and a person word vetoes it.
_FUZZY_MIN_LEN = 5
_FUZZY_LONG = 8
_SHORT_EDITS, _LONG_EDITS = 1, 2
# A generic alias ("the US embassy") yields to any other named place farther than this.
_GENERIC_CONFLICT_KM = 50.0

_LEVEL_RANK = {SITE: 0, TOWN: 1, ADMIN1: 2, REGION: 3, COUNTRY: 4, FOREIGN: 5}


@dataclass(frozen=True)
class Match:
    """A run of tokens whose key is one or more gazetteer aliases."""

    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    aliases: tuple[Alias, ...]
    fuzzy: int = 0  # edit distance when found by the fuzzy step


@dataclass(frozen=True)
class Found:
    """A place named in a text, with where (scan result)."""

    start: int
    end: int
    text: str
    place: Place


@dataclass(frozen=True)
class _Cand:
    entry: Entry
    text: str  # as written
    where: str  # span | context
    precision: int
    position: int
    generic: bool = False  # found through a generic alias ("the US embassy")


class _Text:
    """Tokens of one text, its matches, and the checks that need both."""

    def __init__(self, gaz: Gazetteer, text: str, *, cased: bool):
        self.raw = text or ""
        self.tokens = tokenize(self.raw)
        self.keys = {t.key for t in self.tokens}
        # Lowercase input (a user typing at the CLI) cannot tell names from words by case.
        self.cased = cased and any(t.text[:1].isupper() for t in self.tokens)
        self.matches = _exact_matches(gaz, self.tokens, self.raw)

    def cut(self, start: int, end: int) -> str:
        return self.raw[self.tokens[start].start : self.tokens[end - 1].end]

    def named(self, match: Match) -> bool:
        """Some word of the match is capitalised (or has a digit), as names are."""
        if not self.cased:
            return True
        return any(t.key and t.capitalized for t in self.tokens[match.start : match.end])

    def near_before(self, match: Match) -> bool:
        """'near X', 'outside X', 'north of X', '20 km west of X'."""
        before = [t.key for t in self.tokens[max(0, match.start - 4) : match.start]]
        if any(w in NEAR_WORDS for w in before):
            return True
        return len(before) >= 2 and before[-1] == "of" and before[-2] in DIRECTIONS - _words("northern southern eastern western")

    def province_next_to(self, match: Match) -> bool:
        after = [t.key for t in self.tokens[match.end : match.end + 1]]
        before = [t.key for t in self.tokens[max(0, match.start - 2) : match.start]]
        return any(w in PROVINCE_WORDS for w in after) or (len(before) == 2 and before[0] in PROVINCE_WORDS)


def _exact_matches(gaz: Gazetteer, tokens: list[Token], raw: str) -> list[Match]:
    """Longest alias at each position, then non-overlapping, longest first."""

    def text_between(a: Token, b: Token) -> str:
        return raw[a.end : b.start]

    found: list[Match] = []
    for i, tok in enumerate(tokens):
        if not tok.key:
            continue
        keyed, j = 0, i
        spans = []
        while j < len(tokens) and keyed < gaz.max_words:
            if tokens[j].key:
                keyed += 1
                spans.append(j + 1)
            j += 1
        for end in reversed(spans):
            aliases = gaz.lookup(key_of(tokens[i:end]))
            if aliases:
                start = i
                # keep a leading "al-" in the reported text ("at" in "at Tanf" is English)
                while start > 0 and not tokens[start - 1].key and (
                    tokens[start - 1].text.lower() in ("al", "el") or tokens[start - 1].end < tokens[start].start
                    and text_between(tokens[start - 1], tokens[start]) == "-"
                ):
                    start -= 1
                found.append(Match(start, end, tuple(aliases)))
                break
    found.sort(key=lambda m: (-len(key_of(tokens[m.start : m.end]).split()), m.start))
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in found:
        if not taken.intersection(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


_VOWELS = frozenset("aeiouy ")


def _vowel_edits(a: str, b: str) -> bool:
    """Only vowels differ: transliteration noise ("Qasrek"/"Qasrak"), not another name
    ("Harim"/"Harir")."""
    for op, i, j in Levenshtein.editops(a, b):
        chars = {a[i]} if op == "delete" else {b[j]} if op == "insert" else {a[i], b[j]}
        if not chars <= _VOWELS:
            return False
    return True


def _fuzzy_matches(gaz: Gazetteer, txt: _Text) -> list[Match]:
    """Misspelt site names among the words no exact match covers."""
    covered = {i for m in txt.matches for i in range(m.start, m.end)}
    site_keys: dict[str, list[Alias]] = {}
    for alias in gaz.all_aliases():
        if alias.entry.level == SITE and not alias.generic:
            site_keys.setdefault(alias.key, []).append(alias)
    best: list[Match] = []
    toks = txt.tokens
    for i in range(len(toks)):
        if i in covered or not toks[i].key:
            continue
        for end in range(i + 1, min(len(toks), i + 5) + 1):
            if covered.intersection(range(i, end)):
                break
            words = [t.key for t in toks[i:end] if t.key]
            # the name itself, without "base"/"the" at its ends: those would dilute the edit budget
            if words[0] in NOT_NAMES or words[-1] in NOT_NAMES or (txt.cased and not any(t.capitalized for t in toks[i:end] if t.key)):
                continue
            key = " ".join(words)
            if len(key.replace(" ", "")) < _FUZZY_MIN_LEN:
                continue
            budget = _LONG_EDITS if len(key) >= _FUZZY_LONG else _SHORT_EDITS
            for alias_key, aliases in site_keys.items():
                if alias_key[0] != key[0] or abs(len(alias_key) - len(key)) > budget:
                    continue
                dist = Levenshtein.distance(key, alias_key, score_cutoff=budget)
                if dist <= budget and (len(key) >= _FUZZY_LONG or _vowel_edits(key, alias_key)):
                    best.append(Match(i, end, tuple(aliases), fuzzy=max(dist, 1)))
    best.sort(key=lambda m: (m.fuzzy, -(m.end - m.start), m.start))
    return best[:1]


def _has_cue(txt: _Text, other: Optional[_Text]) -> bool:
    keys = txt.keys | (other.keys if other else set())
    return bool(keys & FACILITY_CUES)


def _part_of_longer_name(alias: Alias, match: Match, txt: _Text) -> bool:
    """A one-word site name followed by another capitalised word is part of a longer name
    ("Conoco Phillips"), not the site ("Conoco Base", "Tanf Garrison" are fine: NOT_NAMES)."""
    if not txt.cased or alias.entry.level != SITE or len(alias.key.split()) > 1:
        return False
    if match.end >= len(txt.tokens):
        return False
    nxt = txt.tokens[match.end]
    return bool(nxt.key) and nxt.capitalized and nxt.key not in NOT_NAMES and not nxt.text.isdigit()


def _alias_ok(gaz: Gazetteer, alias: Alias, match: Match, txt: _Text, other: Optional[_Text]) -> bool:
    """needs_cue aliases and fuzzy hits on short keys need a facility word and no person word."""
    if alias.entry.level == FOREIGN:
        return True
    if not txt.named(match) and alias.entry.level in (TOWN, SITE) and not alias.entry.is_facility:
        return False
    if _part_of_longer_name(alias, match, txt):
        return False
    before = {t.key for t in txt.tokens[max(0, match.start - 2) : match.start]}
    if alias.entry.level in (SITE, TOWN) and before & gaz.person_words:  # "President al-Assad's air base"
        return False
    if re.match(r"-[a-z]", txt.raw[txt.tokens[match.end - 1].end :]):  # "Iran-backed", "Iraq-based"
        return False
    weak = alias.needs_cue or (match.fuzzy and len(alias.key) < _FUZZY_LONG + 2)
    if not weak:
        return True
    if txt.keys & gaz.person_words:
        return False
    return _has_cue(txt, other)


def _pick(aliases: list[Alias], match: Match, txt: _Text, iso: Optional[str], admin1: Optional[str],
          weak_iso: set[str]) -> Alias:
    """One alias among several sharing a key: the text's country, then rank, then size."""
    if len(aliases) == 1:
        return aliases[0]
    province = txt.province_next_to(match)

    def score(a: Alias) -> tuple:
        e = a.entry
        level = _LEVEL_RANK[e.level]
        if province and e.level == ADMIN1:
            level = -1
        return (
            0 if iso is None or e.iso == iso else 1,
            0 if admin1 is None or (e.admin1 or "").lower() == admin1.lower() else 1,
            0 if e.iso in weak_iso else 1,
            level,
            a.generic,
            -e.population,
        )

    return min(aliases, key=score)


def _country_of(cands: list[_Cand]) -> Optional[str]:
    for level in (COUNTRY, REGION, ADMIN1):
        for c in cands:
            if c.entry.level == level and c.entry.iso:
                return c.entry.iso
    return None


def _inside(entry: Entry, area: Entry) -> bool:
    """Is a named place consistent with an area the text states?"""
    if entry.iso and area.iso and entry.iso != area.iso:
        return False
    if area.level == ADMIN1 and entry.admin1:
        return entry.admin1.lower() == (area.admin1 or area.name).lower()
    if area.level == REGION and area.radius_km and entry.lat is not None:
        return km(entry.lat, entry.lon, area.lat, area.lon) <= area.radius_km
    return True


def _unknown_names(txt: _Text, used: list[Match]) -> list[str]:
    """Capitalised runs no alias covers: names we could not place."""
    covered = {i for m in used for i in range(m.start, m.end)}
    runs, run = [], []
    for i, t in enumerate(txt.tokens):
        name_like = i not in covered and t.key not in NOT_NAMES and (t.capitalized or not t.key)
        if name_like:
            run.append(i)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    names = []
    for run in runs:
        while run and not txt.tokens[run[-1]].key:
            run.pop()
        if run and not any(txt.tokens[i].key for i in run):
            continue
        if run and (txt.cased or any(txt.tokens[i].key not in NOT_NAMES for i in run)):
            names.append(txt.cut(run[0], run[-1] + 1))
    return names if txt.cased else ([txt.raw.strip()] if names else [])


def _candidates(gaz: Gazetteer, txt: _Text, other: Optional[_Text], where: str, iso: Optional[str],
                admin1: Optional[str], weak_iso: set[str], near_flag: bool) -> tuple[list[_Cand], list[Match]]:
    cands, used = [], []
    has_near_word = any(t.key in NEAR_WORDS for t in txt.tokens)
    for match in txt.matches:
        ok = [a for a in match.aliases if _alias_ok(gaz, a, match, txt, other)]
        if not ok:
            continue
        used.append(match)
        alias = _pick(ok, match, txt, iso, admin1, weak_iso)
        entry = alias.entry
        if entry.level in (SITE, TOWN):
            near = txt.near_before(match) or (near_flag and not has_near_word)
            precision = 2 if (near or where == "context") else 1
        else:
            precision = 3
        cands.append(_Cand(entry, txt.cut(match.start, match.end), where, precision, match.start, alias.generic))
    return cands, used


def _drop_generic(cands: list[_Cand], unknown: list[str], iso: Optional[str]) -> list[_Cand]:
    """'the US embassy' is Baghdad's only if nothing in the text puts it elsewhere."""
    named = [c for c in cands if not c.generic and c.entry.level in (SITE, TOWN, FOREIGN)]
    keep = []
    for c in cands:
        if c.generic:
            e = c.entry
            if unknown or (iso and e.iso != iso):
                continue
            if any(n.entry.level == FOREIGN or (n.entry.lat is not None and km(n.entry.lat, n.entry.lon, e.lat, e.lon) > _GENERIC_CONFLICT_KM) for n in named):
                continue
        keep.append(c)
    return keep


def _place(c: _Cand, unresolved: list[str]) -> Place:
    e = c.entry
    return Place(
        location=e.name, site_id=e.site_id, admin1=e.admin1 if e.level != COUNTRY else None,
        country=e.country, iso=e.iso, latitude=e.lat, longitude=e.lon, geo_precision=c.precision,
        resolved_from=c.text, unresolved=tuple(unresolved),
    )


def _best(cands: list[_Cand]) -> Optional[_Cand]:
    if not cands:
        return None
    return min(cands, key=lambda c: (_LEVEL_RANK[c.entry.level], c.position))


class _LazyCountries:
    """The countries the dateline and article text name, computed only when a tie needs them:
    scanning a whole article is most of a resolve's cost, and most names have one reading."""

    def __init__(self, gaz: Gazetteer, *texts: Optional[str]):
        self._args = (gaz, *texts)
        self._value: Optional[set[str]] = None

    def __contains__(self, iso: object) -> bool:
        if self._value is None:
            self._value = _weak_countries(*self._args)
        return iso in self._value


def _weak_countries(gaz: Gazetteer, *texts: Optional[str]) -> set[str]:
    out: set[str] = set()
    cache = gaz.weak_country_cache
    for text in texts:
        if not text:
            continue
        found = cache.get(text)
        if found is None:
            found = frozenset(a.entry.iso for m in _Text(gaz, text, cased=True).matches for a in m.aliases
                              if a.entry.iso and a.entry.level != FOREIGN)
            if len(cache) > 256:
                cache.clear()
            cache[text] = found
        out.update(found)
    return out


NEAR_KM = 25.0  # a distance with no direction within this is "near" the place (precision 2)


def resolve(gaz: Gazetteer, ref: Optional[PlaceRef], *, dateline: Optional[str] = None,
            text: Optional[str] = None) -> Place:
    """The place ``ref`` names. With no ref, ``text`` is read as context (precision 2 at best).
    A ref told by distance and bearing from the place it names ("100 nm west of Hodeidah") is the
    point that far that way: the named place's country (the nearest coast, as ACLED codes events
    at sea), geo_precision 2 at best."""
    place = _resolve(gaz, ref, dateline=dateline, text=text)
    if ref is None or ref.offset_km is None or place.latitude is None:
        return place
    from dataclasses import replace

    from .earth import BEARINGS, destination

    if ref.bearing is None:  # "60 nm off Aden": somewhere that far around it, an area (precision 3)
        far = ref.offset_km > NEAR_KM
        return replace(place, geo_precision=3 if far else max(2, place.geo_precision or 2),
                       location=f"{ref.offset_km:.0f} km off {place.location}", site_id=None)

    lat, lon = destination(place.latitude, place.longitude, ref.bearing, ref.offset_km)
    # the nearest of the eight points names the way ("south-southwest", 202.5°, reads as southwest)
    way = min(BEARINGS, key=lambda k: abs((BEARINGS[k] - ref.bearing + 180.0) % 360.0 - 180.0))
    return replace(place, latitude=lat, longitude=lon, geo_precision=max(2, place.geo_precision or 2),
                   location=f"{ref.offset_km:.0f} km {way} of {place.location}", site_id=None)


def _resolve(gaz: Gazetteer, ref: Optional[PlaceRef], *, dateline: Optional[str] = None,
             text: Optional[str] = None) -> Place:
    if ref is None:
        if not text:
            return Place()
        ref, text = PlaceRef(text="", context=text), None
    hint = gaz.country(ref.country_hint)
    weak_iso = _LazyCountries(gaz, dateline, text)
    span = _Text(gaz, ref.text, cased=True)
    ctx = _Text(gaz, ref.context, cased=True) if ref.context else None

    # The country the text places the name in: the extractor's hint, else an area the span or
    # context names. Dateline and article text only break ties (weak_iso).
    span_areas = [
        _Cand(a.entry, "", "span", 3, m.start) for m in span.matches for a in m.aliases
        if a.entry.level in (COUNTRY, REGION, ADMIN1)
    ]
    ctx_areas = [
        _Cand(a.entry, "", "context", 3, m.start) for m in (ctx.matches if ctx else []) for a in m.aliases
        if a.entry.level in (COUNTRY, REGION, ADMIN1)
    ]
    iso = hint.iso if hint else (_country_of(span_areas) or _country_of(ctx_areas))
    admin1 = ref.admin1_hint

    cands, used = _candidates(gaz, span, ctx, "span", iso, admin1, weak_iso, ref.near)
    if not any(c.entry.level in (SITE, TOWN) and not c.generic for c in cands):
        fuzzy = _fuzzy_matches(gaz, span)
        if fuzzy:
            span.matches = sorted(span.matches + fuzzy, key=lambda m: m.start)
            cands, used = _candidates(gaz, span, ctx, "span", iso, admin1, weak_iso, ref.near)
    unknown = _unknown_names(span, used)
    cands = _drop_generic(cands, unknown, iso)
    foreign = [c.text for c in cands if c.entry.level == FOREIGN]
    cands = [c for c in cands if c.entry.level != FOREIGN]

    named = [c for c in cands if c.entry.level in (SITE, TOWN)]
    if named:
        # A facility beats a town in the same span ("Conoco field near Deir ez-Zor"); in-country first.
        return _place(min(named, key=lambda c: (iso is not None and c.entry.iso != iso, _LEVEL_RANK[c.entry.level], c.position)), [])

    unresolved = unknown + foreign
    ctx_cands: list[_Cand] = []
    if ctx is not None:
        ctx_cands, _ = _candidates(gaz, ctx, span, "context", iso, admin1, weak_iso, False)
        ctx_cands = _drop_generic(ctx_cands, [], iso)
        ctx_cands = [c for c in ctx_cands if c.entry.level != FOREIGN]
    areas = [c for c in cands + ctx_cands if c.entry.level in (ADMIN1, REGION, COUNTRY)]
    if admin1 and not any(a.entry.level == ADMIN1 for a in areas):
        entry = gaz.admin1_of(iso, admin1)
        if entry is not None:
            areas.append(_Cand(entry, admin1, "hint", 3, 10**6))
    if hint is not None:
        areas.append(_Cand(hint, ref.country_hint or hint.name, "hint", 3, 10**6))
    if iso:
        areas = [a for a in areas if a.entry.iso == iso]
    ctx_named = [c for c in ctx_cands if c.entry.level in (SITE, TOWN) and all(_inside(c.entry, a.entry) for a in areas)]
    if ctx_named and not foreign:
        return _place(min(ctx_named, key=lambda c: (_LEVEL_RANK[c.entry.level], c.position)), unresolved)
    best = _best(areas)
    if best is None:
        return Place(unresolved=tuple(unresolved))
    return _place(best, unresolved)


def scan(gaz: Gazetteer, text: str) -> list[Found]:
    """Every place named in ``text`` (exact names only; needs-cue names need a cue in the sentence)."""
    txt = _Text(gaz, text, cased=True)
    out = []
    for match in txt.matches:
        # in a long text the facility word must be close by: "al-Asad air base", not a base
        # mentioned three sentences later
        window = {t.key for t in txt.tokens[max(0, match.start - 4) : match.end + 4]}
        ok = [a for a in match.aliases if _alias_ok(gaz, a, match, txt, None)]
        ok = [a for a in ok if not (a.needs_cue and not (window & FACILITY_CUES))]
        ok = [a for a in ok if a.entry.level != FOREIGN and not a.generic]
        if not ok:
            continue
        alias = _pick(ok, match, txt, None, None, set())
        precision = 3 if alias.entry.level in (ADMIN1, REGION, COUNTRY) else (2 if txt.near_before(match) else 1)
        cand = _Cand(alias.entry, txt.cut(match.start, match.end), "span", precision, match.start)
        start, end = txt.tokens[match.start].start, txt.tokens[match.end - 1].end
        out.append(Found(start, end, text[start:end], _place(cand, [])))
    return out


def resolve_text(gaz: Gazetteer, phrase: str, *, country_hint: Optional[str] = None, near: bool = False) -> Place:
    """Resolve a phrase typed by a user or a test ("al-Asaf airbase")."""
    return resolve(gaz, PlaceRef(text=phrase, country_hint=country_hint, near=near))
