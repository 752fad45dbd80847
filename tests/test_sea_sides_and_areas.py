"""Red Sea round sea16: a ship's port side is no port, "from above" is no launch place, vessel names
told after flag and owner words or "identified the ship as", title-case headline verbs that are no
names, Iran's own strikes and seizures at sea, and a sea area lying within another (pack
``ships.areas_within``)."""

from __future__ import annotations

from salvo.extract import lexicon_for
from salvo.extract.ships import ship_in
from salvo.packs import load_pack

SEA = load_pack("red_sea_shipping")


def test_a_name_after_flag_and_owner_words_is_the_vessel():
    ships = lexicon_for(SEA).ships
    s = ship_in("Officials said the Marshall Islands-flagged, Dutch-owned Amber Quay took water", ships)
    assert (s.name, s.flag) == ("Amber Quay", "Marshall Islands")
    assert ship_in("Togo-flagged Willow Dawn radioed for help after the blast", ships).name == "Willow Dawn"
    s = ship_in("a Cyprus-flagged Turkish-run bulk carrier, the Pelican Ridge, was struck late on Friday", ships)
    assert (s.name, s.type) == ("Pelican Ridge", "bulk carrier")


def test_a_name_after_identified_the_ship_as_is_the_vessel():
    ships = lexicon_for(SEA).ships
    assert ship_in("The agency later identified the vessel as the Harbour Finch.", ships).name == "Harbour Finch"
    assert ship_in("footage of a blast on a small tanker identified as Iron Lark (IMO 1234567)", ships).name == "Iron Lark"
    # a person identified as someone is no vessel
    assert ship_in("a sailor identified as Tomas Reyes was taken to hospital", ships) is None


def test_a_title_case_headline_verb_is_no_vessel_name():
    ships = lexicon_for(SEA).ships
    assert ship_in("Korean Tanker Hit by Drone Off Eritrea", ships) is None
    assert ship_in("Rebels Attack Ship Carrying Wheat Near Strait", ships) is None
    assert ship_in("the tanker Quiet Meadow sailed on", ships).name == "Quiet Meadow"
