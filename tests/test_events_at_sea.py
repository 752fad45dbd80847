"""Generic rules for events at sea, driven by a pack's data (place_offsets, a ships section, the
order of its outcome values): positions off a coast, vessels as targets not places, outcomes."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import Run
from test_pack_schema import _copy

from salvo.extract import lexicon_for
from salvo.extract.outcomes import outcome_of
from salvo.extract.places import offset_before
from salvo.extract.ships import ship_in, ship_name_spans
from salvo.packs import load_pack

SEA = load_pack("red_sea_shipping")


@pytest.mark.parametrize("before, km, bearing", [
    ("76 nautical miles west of Yemen's ", 140.8, 270.0),
    ("around 77 nautical miles (143 km) west of Yemen’s port city of ", 142.6, 270.0),
    ("90 nautical miles west-northwest of ", 166.7, 292.5),
    ("24 nm north-northwest of ", 44.4, 337.5),
    ("some 110 miles (177 kilometers) miles southeast of ", 177.0, 135.0),
    ("125 nautical miles east of the Yemeni coastal town of ", 231.5, 90.0),
    ("the incident took place 50 nautical miles southeast of Yemen, ", 92.6, 135.0),  # the country, then the port
])
def test_offsets_read_sixteen_point_bearings_and_the_words_before_the_port(before, km, bearing):
    assert offset_before(before) == (km, bearing)


def test_no_bearing_without_a_direction_and_no_offset_far_from_the_name():
    assert offset_before("some 60 nautical miles off the port of ") == (111.1, None)  # a distance alone
    assert offset_before("76 nautical miles west of the coast, officials in ") is None


def test_ship_names_in_the_shapes_reports_use_and_words_that_are_none():
    ships = lexicon_for(SEA).ships
    assert ship_in("The Galaxy Leader commercial ship was boarded", ships).name == "Galaxy Leader"
    assert ship_in("Houthi gunmen attack Maersk Hangzhou ship in Red Sea", ships).name == "Maersk Hangzhou"
    assert ship_in("a Royal Navy destroyer, HMS Diamond, shot down drones", ships).name == "Diamond"
    assert ship_in("the Greek-owned tanker was hit", ships) is None  # an adjective, no name
    assert ship_in("officials told Reuters the vessel was hit", ships) is None
    # the name, not the class: "Arleigh-Burke" is no vessel
    assert ship_in("the Carney, an Arleigh-Burke class destroyer", ships).name == "Carney"
    text = "Drones flew at the tanker Sounion. Men fired at the Sounion later."
    assert {text[a:b] for a, b in ship_name_spans(text, ships)} == {"Sounion"}


def test_outcome_values_are_the_packs_in_its_order():
    lex = lexicon_for(SEA)
    assert list(lex.outcome)[:3] == ["seized", "sunk", "intercepted"]
    assert outcome_of("the ship sank two weeks after it was hit", lex) == "sunk"
    assert outcome_of("the destroyer shot down two drones", lex) == "intercepted"
    assert outcome_of("the missile splashed into the water near the vessel", lex) == "missed"
    assert outcome_of("the missile struck the tanker, causing a fire", lex) == "hit"
    us = lexicon_for(load_pack())
    assert list(us.outcome) == ["intercepted", "no_damage", "damage", "hit"]
    assert outcome_of("the rockets caused no damage", us) == "no_damage"


def test_an_outcome_order_is_the_packs_to_change(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "lexicon.yaml"
    lexicon = yaml.safe_load(path.read_text())
    order = list(lexicon["outcome"])
    lexicon["outcome"] = {k: lexicon["outcome"][k] for k in reversed(order)}
    path.write_text(yaml.safe_dump(lexicon, sort_keys=False, allow_unicode=True), encoding="utf-8")
    lex = lexicon_for(load_pack(str(folder)))
    assert list(lex.outcome) == list(reversed(order))
    # "hit" now comes first: "directly hit ... no damage" reads as a hit, not as no damage
    assert outcome_of("a rocket directly hit the base but caused no damage", lex) == "hit"


def test_a_vessel_named_elsewhere_in_the_article_is_no_place(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Gunmen attack ship\n\nHouthi gunmen in small boats fired at the container ship Coral Reach in the Red Sea on "
        "Sunday, CENTCOM said. The boats fired small arms at the Coral Reach and tried to board it.\n", encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("--pack", "red_sea_shipping", "ingest", "--published", "2024-01-01", str(tmp_path / "a.txt")).code == 0
    events = [json.loads(x) for x in run("--pack", "red_sea_shipping", "export").out.splitlines()]
    assert [e["location"] for e in events] == ["Red Sea"]
    assert events[0]["ship"]["name"] == "Coral Reach" and events[0]["weapon"] == "gunfire"


def _events(tmp_path, reports: dict[str, str], published="2024-03-05") -> list[dict]:
    """The events `salvo --pack red_sea_shipping ingest` stores for reports written here."""
    for name, text in reports.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    run = Run(tmp_path / "x.db")
    files = [str(tmp_path / f"{name}.txt") for name in reports]
    assert run("--pack", "red_sea_shipping", "ingest", "--published", published, *files).code == 0
    return [json.loads(x) for x in run("--pack", "red_sea_shipping", "export").out.splitlines()]


def test_several_vessels_attacked_on_one_day_are_one_event_each(tmp_path):
    events = _events(tmp_path, {"three": (
        "Three vessels targeted\n\nHouthi forces went after three merchant vessels in the southern Red Sea on Monday, "
        "4 March 2024, the command reported.\n\nA drone struck the container ship Pale Lantern about 40 nautical "
        "miles west of Mokha, starting a small fire.\n\nTwo missiles splashed into the sea close to the bulk carrier "
        "Tin Orchard without damaging it.\n\nLater an allied frigate shot down a drone heading for the tanker Slow "
        "Meridian in the southern Red Sea.\n")})
    attacks = sorted((e for e in events if e["kind"] == "attack"), key=lambda e: e["ship"]["name"])
    assert [e["ship"]["name"] for e in attacks] == ["Pale Lantern", "Slow Meridian", "Tin Orchard"]
    assert {e["ship"]["name"]: e["outcome"] for e in attacks} == {
        "Pale Lantern": "hit", "Slow Meridian": "intercepted", "Tin Orchard": "missed"}
    assert {e["event_date"] for e in attacks} == {"2024-03-04"}


def test_one_vessel_told_by_two_outlets_is_one_event_and_two_vessels_stay_two(tmp_path):
    one = ("Tanker hit off Hodeidah\n\nA Houthi missile hit the tanker Grey Falcon about 60 nautical miles west of "
           "Hodeidah on Monday, 4 March 2024, causing damage to its deck.\n")
    other = ("Houthis strike tanker\n\nThe tanker Grey Falcon was struck by a missile in the Red Sea on Monday, "
             "4 March 2024, the UK maritime agency said.\n")
    third = ("Bulk carrier attacked\n\nA Houthi drone hit the bulk carrier Amber Gull about 60 nautical miles west of "
             "Hodeidah on Monday, 4 March 2024.\n")
    events = _events(tmp_path, {"one": one, "other": other, "third": third})
    by_ship = {e["ship"]["name"]: e for e in events if e["kind"] == "attack"}
    assert set(by_ship) == {"Grey Falcon", "Amber Gull"}
    assert len(by_ship["Grey Falcon"]["sources"]) == 2 and len(by_ship["Amber Gull"]["sources"]) == 1


def test_a_sea_area_told_after_the_attack_places_it(tmp_path):
    events = _events(tmp_path, {"after": (
        "Cargo ship sinks\n\nThe bulk carrier Salt Harrow, struck by a Houthi missile on 18 February 2024, has sunk. "
        "The strike happened in the Gulf of Aden, the ship's manager said.\n")})
    attacks = [e for e in events if e["kind"] == "attack"]
    assert [(e["location"], e["ship"]["name"], e["event_date"]) for e in attacks] == [
        ("Gulf of Aden", "Salt Harrow", "2024-02-18")]


def test_an_attack_is_coded_to_the_attacked_party_its_clause_names(tmp_path):
    events = _events(tmp_path, {"two": (
        "Warship and tanker targeted\n\nHouthi forces fired two missiles at the destroyer USS Harlan Vale in the Red "
        "Sea on Monday, 4 March 2024, the command said.\n\nLater the same day a drone hit the tanker Quiet Harbour "
        "about 50 nautical miles west of Hodeidah.\n")})
    sides = {e["ship"]["name"]: e["actor2"] for e in events if e["kind"] == "attack"}
    assert sides == {"Harlan Vale": "Military Forces of the United States",
                     "Quiet Harbour": "Civilians (International)"}


def test_a_distance_without_a_direction_is_an_area_around_the_place():
    assert offset_before("some 60 nautical miles off the Yemeni ") == (111.1, None)
    from salvo.geo import Gazetteer
    from salvo.geo.resolver import resolve
    from salvo.model import PlaceRef

    place = resolve(Gazetteer.load(SEA), PlaceRef(text="Aden", offset_km=111.1, bearing=None))
    assert place.geo_precision == 3 and place.site_id is None and "off" in place.location


def test_the_attacked_ship_is_the_one_aimed_at():
    from salvo.extract.ships import attacked_ship, other_ships
    from salvo.model import Ship

    ships = lexicon_for(SEA).ships
    text = "The USS Birch Hollow shot down a missile fired toward the tanker Silent Reed"
    assert attacked_ship(text, ships).name == "Silent Reed"
    assert ship_in(text, ships).name == "Birch Hollow"
    assert other_ships(Ship("Pale Lantern"), Ship("Tin Orchard"))
    assert not other_ships(Ship("Maersk Linden"), Ship("Linden")) and not other_ships(None, Ship("Linden"))


def test_a_pack_may_count_munitions_only_from_numbers():
    from salvo.extract.weapons import munitions_of

    sea, us = lexicon_for(SEA), lexicon_for(load_pack())
    assert munitions_of("the tanker was struck by a missile", sea)[0] is None
    assert munitions_of("two missiles flew over the tanker", sea)[0] == 2
    assert munitions_of("a rocket hit the base", us)[0] == 1  # the US-forces pack counts the article


def test_one_vessel_told_twice_in_a_report_is_one_attack_where_it_was_told_best(tmp_path):
    events = _events(tmp_path, {"twice": (
        "Tanker attacked\n\nThe tanker Dune Sparrow was struck by a Houthi drone boat in the Red Sea on Monday, "
        "15 July 2024.\n\nThe Dune Sparrow was about 90 nautical miles northwest of Hodeidah when the boat hit it, "
        "the maritime agency said on Tuesday.\n")}, published="2024-07-16")
    attacks = [e for e in events if e["kind"] == "attack"]
    assert len(attacks) == 1 and attacks[0]["ship"]["name"] == "Dune Sparrow"
    assert attacks[0]["event_date"] == "2024-07-15" and "Hodeidah" in attacks[0]["location"]


def test_one_vessel_whose_weapon_two_outlets_tell_differently_is_one_event(tmp_path):
    one = ("Tanker hit\n\nA Houthi drone hit the tanker Grey Falcon about 60 nautical miles west of Hodeidah on "
           "Monday, 4 March 2024.\n")
    other = ("Tanker struck\n\nThe tanker Grey Falcon was struck by a missile in the Red Sea on Monday, 4 March 2024, "
             "the UK maritime agency said.\n")
    events = [e for e in _events(tmp_path, {"one": one, "other": other}) if e["kind"] == "attack"]
    assert len(events) == 1 and len(events[0]["sources"]) == 2
