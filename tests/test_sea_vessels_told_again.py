"""A vessel a report names once with its type and then again bare, by its type alone, or among
its owners' words; and sea-pack words for what is no attack on a ship (a campaign begun, a habit
of recent weeks, a missile fired at a country outside the theater, an owner named before a verb)."""

from __future__ import annotations

import json

from conftest import Run

from salvo.extract import lexicon_for
from salvo.extract.ships import other_kind_told, ship_in, ships_in, the_vessel_told, with_known_names
from salvo.packs import load_pack

SEA = load_pack("red_sea_shipping")


def _events(tmp_path, text: str, published: str = "2024-03-05") -> list[dict]:
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("--pack", "red_sea_shipping", "ingest", "--published", published, str(tmp_path / "r.txt")).code == 0
    return [e for e in (json.loads(x) for x in run("--pack", "red_sea_shipping", "export").out.splitlines())
            if e["kind"] == "attack"]


def test_a_name_before_a_list_of_owner_words_and_its_type_is_the_vessel():
    ships = lexicon_for(SEA).ships
    s = ship_in("at dawn the Blue Heron, a Malta-flagged, Greek-owned and -managed bulk carrier, radioed", ships)
    assert (s.name, s.flag, s.type) == ("Blue Heron", "Malta", "bulk carrier")


def test_a_class_word_before_the_name_is_no_vessel():
    ships = lexicon_for(SEA).ships
    assert [s.name for _, s in ships_in("the FREMM frigate Aquitaine (D650) fired twice", ships)] == ["Aquitaine"]
    assert ships_in("The Type-45 destroyer fired its missiles", ships) == []


def test_a_name_told_with_its_type_is_known_when_told_bare():
    ships = lexicon_for(SEA).ships
    text = "A drone flew at the M/V Quiet Harbour in the morning. At noon the Quiet Harbour was struck."
    known = with_known_names(text, ships)
    assert ship_in("At noon the Quiet Harbour was struck.", ships) is None
    assert ship_in("At noon the Quiet Harbour was struck.", known).name == "Quiet Harbour"
    assert with_known_names("no vessel named here", ships) is ships


def test_the_vessel_by_its_type_alone_is_the_one_told():
    ships = lexicon_for(SEA).ships
    assert the_vessel_told("The Type-45 destroyer downed two drones", ships)
    assert not the_vessel_told("A destroyer downed two drones", ships)
    assert not the_vessel_told("The destroyers downed two drones", ships)
    assert not the_vessel_told("The destroyer USS Nitze downed two drones", ships)


def test_a_vessel_told_again_bare_is_its_attack_not_another(tmp_path):
    events = _events(tmp_path, (
        "Bulk carrier hit\n\nOn Monday a Houthi missile fell close to the M/V Quiet Harbour in the southern Red Sea, "
        "the command said.\n\nTwo hours later the Quiet Harbour was struck by a second missile, which started a "
        "small fire on deck.\n"))
    assert [(e["ship"]["name"], e["outcome"]) for e in events] == [("Quiet Harbour", "hit")]


def test_a_warship_told_again_by_its_type_is_one_event(tmp_path):
    events = _events(tmp_path, (
        "Destroyer downs drones\n\nThe Royal Navy destroyer HMS Tern shot down several Houthi drones in the Red Sea, "
        "the minister said.\n\nThe Type-45 destroyer, sailing with allied ships, fought off what he called the "
        "biggest wave so far.\n"))
    assert [e["ship"]["name"] for e in events] == ["Tern"]


def test_owner_words_are_no_doer(tmp_path):
    events = _events(tmp_path, (
        "Ship struck\n\nShipping in the Red Sea came under fire again on Monday.\n\nThe M/V Pale Orchid, a "
        "Panama-flagged, Ukrainian-owned general cargo ship, was struck by a missile fired from Houthi-held Yemen, "
        "the command said.\n"))
    assert [e["ship"]["name"] for e in events] == ["Pale Orchid"]


def test_a_campaign_begun_and_a_habit_of_recent_weeks_are_no_attack(tmp_path):
    events = _events(tmp_path, (
        "Tension at sea\n\nIn January the strait grew tense once the allies began striking rebel bases, and the "
        "rebels added allied ships to their targets in the Red Sea.\n\nIn recent weeks the destroyer USS Kite and "
        "the frigate HMS Wren have downed drones in the Red Sea.\n"))
    assert events == []


def test_a_missile_fired_toward_israel_is_no_attack_at_sea(tmp_path):
    events = _events(tmp_path, (
        "Missile at Israel\n\nOn Saturday night a missile from Yemen was fired toward Israel and intercepted before "
        "it reached its territory, the army said.\n"))
    assert events == []


def test_a_maritime_centre_named_after_its_seas_is_no_place():
    lex = lexicon_for(SEA)
    text = "the Gulf of Aden Joint Maritime Information Centre said a tanker was hit"
    assert lex.organisation.match(text, text.index(" Joint"))


def test_the_day_a_later_clause_gives_the_attack_beats_the_day_of_the_telling(tmp_path):
    events = _events(tmp_path, (
        "Tanker turns back\n\nMarch 5 ------ The oil tanker Dawn Kestrel turned back in the Red Sea after a Houthi "
        "attack.\n\nIts master said the crew was unhurt after the attack at dawn on Sunday, March 3.\n\nThe attack "
        "took place about 80 nautical miles northwest of Hodeidah, Yemen.\n"))
    assert [(e["ship"]["name"], e["event_date"]) for e in events] == [("Dawn Kestrel", "2024-03-03")]
    assert events[0]["location"].endswith("northwest of Hodeidah")


def test_a_salvo_at_a_sea_area_naming_no_vessel_is_its_own_attack(tmp_path):
    (tmp_path / "r.txt").write_text(
        "Ships attacked\n\nIn the last day the Houthis launched two ballistic missiles toward the Red Sea, and neither "
        "of them did any damage.\n\nLater a drone boat struck the M/V Grey Plover, a Liberian-flagged bulk "
        "carrier, in the Red Sea.\n\nA day earlier a missile hit the M/V Sand Piper in the Red Sea.\n", encoding="utf-8")
    run = Run(tmp_path / "x.db")  # (an undated page: the three may be told of the same days)
    assert run("--pack", "red_sea_shipping", "ingest", str(tmp_path / "r.txt")).code == 0
    events = [json.loads(x) for x in run("--pack", "red_sea_shipping", "export").out.splitlines()]
    by_ship = {(e["ship"] or {}).get("name"): e for e in events if e["kind"] == "attack"}
    assert set(by_ship) == {None, "Grey Plover", "Sand Piper"}
    assert (by_ship[None]["munitions"], by_ship[None]["outcome"]) == (2, "missed")


def test_an_attack_told_before_its_running_count_is_an_event_not_dated_by_the_count(tmp_path):
    (tmp_path / "r.txt").write_text(
        "Missile fired\n\nThe navy said on Tuesday that the Houthis fired a ballistic missile at the tanker Marsh "
        "Tern in the Gulf of Aden, the 31st attack on shipping since Nov. 19.\n", encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("--pack", "red_sea_shipping", "ingest", "--published", "2024-01-10", str(tmp_path / "r.txt")).code == 0
    events = [json.loads(x) for x in run("--pack", "red_sea_shipping", "export").out.splitlines()]
    tallies = [json.loads(x) for x in run("--pack", "red_sea_shipping", "export", "--what", "tallies").out.splitlines()]
    attacks = [e for e in events if e["kind"] == "attack"]
    assert [(e["ship"]["name"], e["event_date"] != "2023-11-19") for e in attacks] == [("Marsh Tern", True)]
    assert [t["count"] for t in tallies] == [31]


def test_two_positions_off_one_port_are_two_attacks_and_details_go_to_the_last_told(tmp_path):
    events = _events(tmp_path, (
        "Two ships targeted\n\nA merchant ship said it was hit by a missile 80 nautical miles west of Hodeidah on "
        "Monday, the agency said.\n\nThe agency added that a second ship, some 40 nautical miles southwest of "
        "Hodeidah, saw two missiles pass overhead and explode at a distance.\n\nThat vessel was not damaged and its "
        "crew are safe.\n"))
    by_place = {e["location"]: e for e in events}
    assert len(events) == 2 and len(by_place) == 2
    second = next(e for loc, e in by_place.items() if "southwest" in loc)
    assert (second["outcome"], second["injured"]) == ("missed", 0)


def test_an_unnamed_vessel_of_another_kind_is_not_the_reports_named_one():
    ships = lexicon_for(SEA).ships
    named = ship_in("the container ship Silver Gannet sailed north", ships)
    assert other_kind_told("Two days earlier a missile landed near a loaded chemical tanker.", named, ships)
    assert not other_kind_told("Two days earlier a missile landed near a merchant vessel.", named, ships)
    assert not other_kind_told("A missile landed near a container ship at dawn.", named, ships)


def test_the_reports_one_named_vessel_is_not_given_to_an_earlier_tankers_attack(tmp_path):
    events = _events(tmp_path, (
        "Missile misses boxship\n\nOn Monday a missile fired from Houthi-held land fell into the water near a "
        "container ship crossing the Bab el-Mandeb Strait, officials said.\n\nThe ship, the container ship Silver "
        "Gannet, was not damaged.\n\nOn Sunday two missiles fired from the same area narrowly missed a chemical tanker near the Bab "
        "el-Mandeb Strait, the officials added.\n"))
    assert sorted((e["event_date"], (e.get("ship") or {}).get("name")) for e in events) == [
        ("2024-03-03", None), ("2024-03-04", "Silver Gannet")]


def test_sea_words_for_danger_a_dated_vow_and_the_campaign_are_no_attack(tmp_path):
    assert _events(tmp_path, (
        "Shipping costs rise\n\nThe rebels' attacks on commercial ships in the Red Sea pushed insurers to raise "
        "their rates again.\n\nThe group vowed in late 2023 to strike any vessel bound for Israel.\n\nAnalysts "
        "said a militia is targeting commercial shipping to press a political demand.\n")) == []
