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
