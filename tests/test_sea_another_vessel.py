"""A second, unnamed vessel told as "another ship" (its own attack, placed near the first), a
warship told beside a vessel told only as a ship, a name in brackets or after "its ship", a wire
dateline in title case, and what a clause after another party's strike still tells at sea."""

from __future__ import annotations

import json

from conftest import Run

from salvo.extract import lexicon_for
from salvo.extract.ships import another_vessel, other_kind_told, ship_in
from salvo.ingest.clean import clean_document
from salvo.model import RawDocument, Ship
from salvo.packs import load_pack

SEA = load_pack("red_sea_shipping")


def _events(tmp_path, text: str, published: str = "2024-08-21") -> list[dict]:
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("--pack", "red_sea_shipping", "ingest", "--published", published, str(tmp_path / "r.txt")).code == 0
    return [e for e in (json.loads(x) for x in run("--pack", "red_sea_shipping", "export").out.splitlines())
            if e["kind"] == "attack"]


def test_a_name_in_brackets_after_the_type_and_after_its_ship_is_the_vessel():
    ships = lexicon_for(SEA).ships
    assert ship_in("the group said it fired at a Dutch ship (Lantern Bay) near the strait", ships).name == "Lantern Bay"
    s = ship_in("the owner said its ship, the United Harvest, had sailed on", ships)
    assert s.name == "United Harvest"
    assert ship_in("the ship, United States officials said, was hit", ships) is None


def test_another_vessel_is_told_as_other_than_the_first():
    ships = lexicon_for(SEA).ships
    assert another_vessel("another ship was fired upon by a skiff", ships)
    assert another_vessel("a second tanker reported an explosion nearby", ships)
    assert not another_vessel("the ship was fired upon by a skiff", ships)


def test_an_unnamed_warship_is_another_kind_than_a_vessel_told_only_as_a_ship():
    ships = lexicon_for(SEA).ships
    plain = Ship("Lantern Bay", None, "ship")
    assert other_kind_told("Our drones then went for a US destroyer", plain, ships)
    assert not other_kind_told("Our drones then went for a merchant vessel", plain, ships)
    assert not other_kind_told("Our drones then went for a US destroyer", Ship("X", None, None), ships)


def test_a_title_case_wire_dateline_is_no_place_of_the_attack():
    raw = ("Rebels say they struck a ship\n\nAden, Mar 4 (WNA): The rebels said they struck a cargo ship in the "
           "Gulf of Aden with two missiles.\n")
    art = clean_document(RawDocument(doc_id="d", raw_text=raw, source_path="d.txt", format="txt",
                                     title="Rebels say they struck a ship"))
    assert art.dateline == "Aden, Mar 4 (WNA)"
    assert art.text.startswith("The rebels said")
    # without the agency a title-case opening stays the sentence's own
    raw2 = "A headline here\n\nErbil Feb. 15, 2021: The truck was hit.\n"
    art2 = clean_document(RawDocument(doc_id="e", raw_text=raw2, source_path="e.txt", format="txt", title="A headline here"))
    assert art2.dateline is None


def test_a_warship_claimed_beside_a_named_ship_is_an_attack_of_its_own(tmp_path):
    events = _events(tmp_path, (
        "Claim\n\nThe Houthis said they fired several missiles at a Dutch ship (Lantern Bay) in the Gulf of Aden on "
        "Tuesday, setting it on fire.\n\n\"A US destroyer in the Red Sea was our second target, hit by drones,\" the "
        "spokesman said.\n"))
    assert sorted((e["location"], (e["ship"] or {}).get("name")) for e in events) == [
        ("Gulf of Aden", "Lantern Bay"), ("Red Sea", None)]


def test_another_ship_fired_upon_near_the_first_attack_is_its_own_event(tmp_path):
    events = _events(tmp_path, (
        "Tanker attacked\n\nA merchant tanker was damaged in a Houthi attack in the Red Sea on Wednesday.\n\n"
        "This follows weeks of calm since July 20, when Israel bombed the port of Hodeidah.\n\n"
        "The agency said two skiffs attacked the tanker Blue Lagoon near the coast of Hodeidah.\n\n"
        "The boats came close and an exchange of small arms fire followed, 60 nautical miles west of Hodeidah.\n\n"
        "In a separate incident, another ship was fired upon by two boats 8 miles south of the site of the first "
        "attack, the firm said.\n"))
    assert len(events) == 2
    assert {e["event_date"] for e in events} == {"2024-08-21"}
    named = [e for e in events if e["ship"]]
    assert [e["ship"]["name"] for e in named] == ["Blue Lagoon"]
    assert all(e["location"] != "Red Sea" for e in events)  # both near the position told
