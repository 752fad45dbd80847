"""Red Sea round sea16: a ship's port side is no port, "from above" is no launch place, vessel names
told after flag and owner words or "identified the ship as", title-case headline verbs that are no
names, Iran's own strikes and seizures at sea, and a sea area lying within another (pack
``ships.areas_within``)."""

from __future__ import annotations

import json

from conftest import Run
from test_sea_vessels_told_again import _events

from salvo.extract import lexicon_for
from salvo.extract.ships import ship_in, ships_in
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
    assert ship_in("Navy Frigate Shoots Down Four Drones Over Gulf", ships) is None
    assert ship_in("the tanker Quiet Meadow sailed on", ships).name == "Quiet Meadow"


def _places(text: str, pack=SEA) -> list:
    from salvo.extract import _finder

    return _finder(lexicon_for(pack), pack.path).places(text)


def test_a_ships_port_side_is_no_port():
    for side in ("port side", "port bow", "port quarter"):
        text = f"A drone tore a hole in the freighter's {side} overnight."
        assert [p.head.text for p in _places(text)] == [], side
    assert [p.head.text for p in _places("A drone hit the port overnight.")] == ["the port"]


def test_the_port_city_of_a_town_places_the_event_at_the_town():
    assert [p.head.text for p in _places("The tanker was struck close to the port city of Mokha.")] == ["Mokha"]
    assert [p.head.text for p in _places("The tanker was struck close to the port of Mukalla.")] == ["Mukalla"]


def test_from_above_is_no_launch_place():
    for pack in (SEA, load_pack("us_forces_iraq_syria")):
        where = "60 miles east of Aden" if pack is SEA else "at the Erbil airport"
        ps = _places(f"The crew said the blast came from above {where}.", pack)
        assert ps and not any(p.origin for p in ps), pack.name
    # a launch place is still one
    assert any(p.origin for p in _places("The drone came from Hodeidah, the crew said."))


def test_iran_seizing_a_ship_is_another_party_not_a_houthi_attack(tmp_path):
    text = ("Tanker taken at sea\n\nOn Sunday Iran, which arms the Houthi movement, seized a Greek-run tanker, "
            "the Quiet Meadow, in the Red Sea, officials said.\n")
    assert _events(tmp_path, text) == []


def test_the_irgc_boarding_a_ship_is_another_party(tmp_path):
    text = ("Boat held by Guards\n\nOn Tuesday the IRGC, which trains Houthi forces, boarded a Maltese-run "
            "freighter, the Amber Quay, in the Red Sea, state media said.\n")
    assert _events(tmp_path, text) == []


def test_the_houthis_backed_by_iran_stay_the_doers(tmp_path):
    text = ("Tanker struck\n\nThe Houthis, backed by Iran, fired two missiles at the tanker Quiet Meadow in the "
            "Red Sea on Monday, the navy said.\n")
    (e,) = _events(tmp_path, text)
    assert e["actor1"] == "Ansar Allah (Houthis)"


def test_one_vessel_told_in_the_red_sea_and_at_the_strait_is_one_attack_at_the_strait(tmp_path):
    text = ("Ship struck twice over\n\nOn Monday the Houthis fired drones at the bulk carrier Pelican Ridge in the "
            "Red Sea, their spokesman said.\n\nA maritime agency said the Pelican Ridge was struck by a drone on "
            "Monday at the Bab el-Mandeb, and its crew were unhurt.\n")
    (e,) = _events(tmp_path, text)
    assert e["location"] == "Bab el-Mandeb Strait"
    assert lexicon_for(SEA).ships["areas_within"]["bab_el_mandeb"] == ["red_sea", "red_sea_south"]


def test_areas_within_is_checked_by_the_pack_schema(tmp_path):
    import shutil

    import pytest

    from salvo.errors import ConfigError
    from salvo.packs.schema import check_pack

    pack = tmp_path / "p"
    shutil.copytree(SEA.path, pack)
    lx = pack / "lexicon.yaml"
    lx.write_text(lx.read_text(encoding="utf-8").replace("bab_el_mandeb: [red_sea, red_sea_south]",
                                                         "bab_el_mandeb: red_sea"), encoding="utf-8")
    with pytest.raises(ConfigError, match="areas_within"):
        check_pack(pack)


def test_an_attack_on_land_telling_no_vessel_is_no_attack_on_shipping(tmp_path):
    text = "Plant hit\n\nOn Sunday a Houthi drone attack struck a power plant near Mokha, officials said.\n"
    assert _events(tmp_path, text) == []
    text = "Tanker hit\n\nOn Sunday a Houthi drone struck the tanker Quiet Meadow near Mokha, officials said.\n"
    (tmp_path / "b").mkdir()
    (e,) = _events(tmp_path / "b", text)
    assert e["ship"]["name"] == "Quiet Meadow"


def test_a_strike_on_an_airport_told_beside_raids_on_a_port_is_no_attack_on_shipping(tmp_path):
    text = ("Port raided\n\nIsrael bombed the Yemeni port of Hodeidah on Monday in answer to a Houthi strike on "
            "an Israeli airport, its army said.\n")
    assert _events(tmp_path, text) == []


def test_a_name_after_the_vessels_size_or_before_its_build_year_is_the_vessel():
    ships = lexicon_for(SEA).ships
    assert ship_in("Navies lost track of the 64,000-dwt Harbour Finch after the blast", ships).name == "Harbour Finch"
    assert ship_in("the 210-metre long Quiet Meadow took on water", ships).name == "Quiet Meadow"
    assert ship_in("Amber Quay (built 2015) was drifting north", ships).name == "Amber Quay"
    assert ship_in("Iron Lark (IMO 9123456) reported a blast", ships).name == "Iron Lark"
    # a size that is no vessel's
    assert ship_in("a 5,000-tonne cargo of wheat was lost", ships) is None


def test_a_vessel_placed_by_the_scene_takes_the_day_told_there():
    """In a report with no publication date, a vessel's attack told with no sea area and no day of
    its own ("one of the merchant ships hit this week") is placed by the scene's area and dated by
    the day the scene's sentence tells."""
    from salvo.extract import extract_article
    from salvo.model import Article

    text = ("Tanker struck\n\nThe strike on Tuesday 9 July 2024 shows the risk for ships in the southern Red Sea. "
            "The Panama-flagged tanker Quiet Meadow was one of the merchant ships hit this week.\n")
    x = extract_article(Article(article_id="t", text=text, raw_text=text, published=None), SEA)
    scene = [t for t in x.trace if t.reason == "ship_at_sea_scene"]
    assert [(t.place.text, t.date.event_date) for t in scene] == [("southern Red Sea", "2024-07-09")]

def test_vessels_named_together_as_the_ones_attacked_are_one_attack_each(tmp_path):
    evs = _events(tmp_path, "Tankers hit\n\nRebel forces struck two tankers - the Malta-flagged Amber Quay and the Liberia-flagged "
                  "Pelican Ridge - in the Red Sea on Monday, the navy said.", published="2024-03-05")
    assert sorted(e["ship"]["name"] for e in evs) == ["Amber Quay", "Pelican Ridge"]


def test_a_defender_and_the_vessel_it_guarded_are_one_attack(tmp_path):
    evs = _events(tmp_path, "Drone downed\n\nThe destroyer USS Harbour Finch shot down a drone fired at the tanker Quiet Meadow in "
                  "the Red Sea on Monday, the navy said.", published="2024-03-05")
    assert len(evs) == 1


def test_where_a_vessel_was_bound_is_no_doer():
    from salvo.extract import kinds

    assert kinds.DESTINATION.search("A firm said the ship, reportedly sailing to ")
    assert kinds.DESTINATION.search("the tanker, bound for the port of ")
    assert not kinds.DESTINATION.search("drones launched from ")


def test_an_attack_on_a_ship_bound_for_another_party_is_an_attack(tmp_path):
    evs = _events(tmp_path, "Bulker damaged\n\nA security firm said a cargo ship, reportedly sailing to Iran, was "
                  "struck by two missiles while crossing the Bab el-Mandeb Strait on Monday.", published="2024-03-05")
    assert [e["location"] for e in evs] == ["Bab el-Mandeb Strait"]


def test_a_name_after_specified_the_ship_as_is_the_vessel():
    ships = lexicon_for(SEA).ships
    assert ship_in("The rebels specified the ship as the Harbour Finch.", ships).name == "Harbour Finch"


def test_where_vessels_were_bound_is_not_where_an_attack_was(tmp_path):
    evs = _events(tmp_path, "Liner halts transits\n\nOn Jan. 2 the liner told clients it would stop every boxship bound "
                  "for the Red Sea and the Suez shortcut to Europe after the strike on one of its vessels by "
                  "Yemen's Houthi movement, and its fleet now sails around the Cape.", published="2024-01-05")
    assert evs == []

def test_an_explosion_reported_near_a_vessel_is_an_attack(tmp_path):
    evs = _events(tmp_path, "Blast near ship\n\nMaritime agencies on Monday reported a possible explosion in the "
                  "water near a merchant vessel about 40 nautical miles west of Hodeidah.",
                  published="2024-03-05")
    assert [(e["event_date"], e["outcome"]) for e in evs] == [("2024-03-04", "missed")]


def test_a_ship_taken_by_pirates_in_a_report_naming_no_theater_actor_is_no_attack(tmp_path):
    evs = _events(tmp_path, "Navy answers call\n\nOn Saturday a navy reported that it answered a distress call over "
                  "a hijacking from Liberia-flagged Vessel MV Amber Quay and dispatched a frigate and a plane in the "
                  "Arabian Sea. The plane circled the ship at first light. The frigate closed in during the day. "
                  "Its owners stayed silent. By evening officials said armed pirates were in control of the ship.",
                  published="2023-12-16")
    assert evs == []

def test_a_campaigns_running_score_and_a_rate_are_no_attacks(tmp_path):
    evs = _events(tmp_path, "Master reports blasts\n\nOn Tuesday a master told the agency that four missiles fell near "
                  "his bulk carrier in the Red Sea, 120 nautical miles northwest of Hodeidah. No damage was found. "
                  "Rebel strikes on merchant shipping have recurred for months. The Houthis have so far sunk one "
                  "vessel, taken a second and left three seafarers dead in separate attacks.",
                  published="2024-06-28")
    assert len(evs) == 1
    # a rate is a habit, not an attack (pack aggregate_cues)
    assert lexicon_for(SEA).aggregate.search("the group strikes one ship every two days, he said")

def test_names_told_bare_after_an_attack_verb_before_a_sea_are_vessels():
    ships = lexicon_for(SEA).ships
    told = ships_in("The spokesman said they targeted the Harbour Finch and Iron Lark in the Red Sea.", ships)
    assert [s.name for _, s in told] == ["Harbour Finch", "Iron Lark"]
    # a side, or a name with no sea after it, is no vessel
    assert ships_in("Jets struck the Houthis in the Red Sea port", ships) == []
    assert ships_in("Missiles targeted the Amber Quay on Monday", ships) == []
