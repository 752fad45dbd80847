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


def test_a_missile_aimed_at_israel_downed_over_the_sea_is_no_attack_at_sea(tmp_path):
    events = _events(tmp_path, (
        "Missile downed\n\nA missile was aimed towards Israel, its southern port in particular, before being "
        "shot down over the Red Sea on Tuesday.\n\nThe army said the interception left smoke trails in the sky.\n\n"
        "The Houthi rebels have not yet claimed the launch.\n"))
    assert events == []
