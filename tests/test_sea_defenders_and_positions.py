"""Warships named as the ones that shot the weapons down are defenders, not vessels attacked; and
positions at sea told from a port named with several words before it."""

from __future__ import annotations

import json

from conftest import Run

from salvo.extract.ships import without_defenders


def _events(tmp_path, text: str, published: str = "2024-05-07") -> list[dict]:
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("--pack", "red_sea_shipping", "ingest", "--published", published, str(tmp_path / "r.txt")).code == 0
    return [e for e in (json.loads(x) for x in run("--pack", "red_sea_shipping", "export").out.splitlines())
            if e["kind"] == "attack"]


def test_the_stretch_naming_who_downed_the_weapons_is_cut():
    assert without_defenders("every drone was intercepted by the frigate HMS Lark; a tanker burned") \
        == "every drone was  ; a tanker burned"
    assert without_defenders("a drone hit the tanker Opal Bay") == "a drone hit the tanker Opal Bay"


def test_warships_that_shot_a_salvo_down_are_no_second_attack(tmp_path):
    events = _events(tmp_path, (
        "Salvo foiled\n\nOn Monday night the Houthis fired 12 drones and two missiles at merchant shipping in the "
        "Red Sea, the command said.\n\nAccording to the command, all drones and missiles were shot down by jets "
        "from the carrier USS Heron, two destroyers and the frigate HMS Lark.\n"))
    assert [e["location"] for e in events] == ["Red Sea"]


def test_a_position_from_a_port_named_with_three_words_before_it_is_a_point(tmp_path):
    events = _events(tmp_path, (
        "Bulk carrier struck\n\nOn Monday the agency said the bulk carrier Opal Bay was hit by a Houthi missile about "
        "40 nautical miles (74km) west of the Yemeni Red Sea port of Mocha.\n"))
    assert [e["location"] for e in events] == ["74 km west of Mokha"]


def test_an_announced_start_of_attacks_is_no_attack(tmp_path):
    events = _events(tmp_path, (
        "Rebels widen campaign\n\nLast autumn the rebels said they would begin targeting cargo ships sailing "
        "through the Bab el-Mandeb Strait and the Red Sea.\n"))
    assert events == []


def test_ships_attacked_so_far_are_a_running_count():
    from salvo.extract import lexicon_for
    from salvo.extract.ships import ship_counts
    from salvo.packs import load_pack

    ships = lexicon_for(load_pack("red_sea_shipping")).ships
    assert [(n, q) for n, q, _, _ in ship_counts("So far the rebels have attacked more than 40 merchant ships.", ships)] \
        == [(40, "more than ")]
    assert [n for n, *_ in ship_counts("The strike, they said, raised the number of targeted ships to 61.", ships)] == [61]
    assert [x[3] for x in ship_counts("The group has hit 19 vessels in the first three months of 2024.", ships)] \
        == ["2024-03-31"]
    assert ship_counts("A drone attacked two ships on Monday.", ships) == []
    assert ship_counts("So far the rebels have attacked more than 40 merchant ships.", None) == []
