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
])
def test_offsets_read_sixteen_point_bearings_and_the_words_before_the_port(before, km, bearing):
    assert offset_before(before) == (km, bearing)


def test_no_offset_without_a_bearing_or_far_from_the_name():
    assert offset_before("some 60 nautical miles off the port of ") is None
    assert offset_before("76 nautical miles west of the coast, officials in ") is None


def test_ship_names_in_the_shapes_reports_use_and_words_that_are_none():
    ships = lexicon_for(SEA).ships
    assert ship_in("The Galaxy Leader commercial ship was boarded", ships).name == "Galaxy Leader"
    assert ship_in("Houthi gunmen attack Maersk Hangzhou ship in Red Sea", ships).name == "Maersk Hangzhou"
    assert ship_in("a Royal Navy destroyer, HMS Diamond, shot down drones", ships).name == "Diamond"
    assert ship_in("the Greek-owned tanker was hit", ships) is None  # an adjective, no name
    assert ship_in("officials told Reuters the vessel was hit", ships) is None
    assert ship_in("the Carney, an Arleigh-Burke class destroyer", ships) is None  # a class, no name
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
