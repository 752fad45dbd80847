"""Red Sea conventions for who did it and how an attack ended: a group the outlet alone names is
basis unknown, the group's own claim (its video, its word) beats a blame, and a vessel told as
hit and then as sunk was sunk, within a report and across reports."""

from __future__ import annotations

import json

from conftest import Run

from salvo.extract import lexicon_for
from salvo.extract.actors import basis, perpetrator
from salvo.extract.drafts import outcome_beats
from salvo.packs import load_pack

SEA = load_pack("red_sea_shipping")


def _events(tmp_path, reports: dict[str, str], published: str = "2024-03-05") -> list[dict]:
    for name, text in reports.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    run = Run(tmp_path / "x.db")
    files = [str(tmp_path / f"{name}.txt") for name in reports]
    assert run("--pack", "red_sea_shipping", "ingest", "--published", published, *files).code == 0
    return [e for e in (json.loads(x) for x in run("--pack", "red_sea_shipping", "export").out.splitlines())
            if e["kind"] == "attack"]


def test_a_group_only_the_outlet_names_is_no_blame():
    lex = lexicon_for(SEA)
    text = "A Houthi missile tore a hole in the hull of the cargo ship"
    assert basis(text, lex, perpetrator(text, lex)) == "unknown"
    said = "A Houthi missile tore a hole in the hull of the cargo ship, the navy said"
    assert basis(said, lex, perpetrator(said, lex)) == "attributed"
    cued = "A missile launched from Houthi-held areas tore a hole in the hull"
    assert basis(cued, lex, perpetrator(cued, lex)) == "attributed"
    us = lexicon_for(load_pack())  # the US pack keeps its own convention
    bare = "Kataib Hezbollah rockets hit the base"
    assert basis(bare, us, perpetrator(bare, us)) == "attributed"


def test_the_groups_video_or_word_is_its_claim():
    lex = lexicon_for(SEA)
    for text in ("The Houthis released a video of the boarding of the car carrier",
                 "The Houthis said they targeted the tanker with drones"):
        assert basis(text, lex, perpetrator(text, lex)) == "claimed"


def test_a_claim_beats_an_earlier_blame_of_the_same_attack(tmp_path):
    events = _events(tmp_path, {"r": (
        "Tanker hit\n\nOn Monday a drone boat launched from Houthi-held areas struck the tanker Amber Wren about "
        "70 nautical miles west of Hodeidah, the agency said.\n\nThe Houthis later released footage of the attack "
        "on the Amber Wren.\n")})
    assert [(e["ship"]["name"], e["actor1_basis"]) for e in events] == [("Amber Wren", "claimed")]


def test_sunk_and_seized_end_an_attack_told_as_hit():
    assert outcome_beats("sunk", "hit") and outcome_beats("seized", "hit")
    assert outcome_beats("intercepted", "hit") and outcome_beats("hit", None)
    assert not outcome_beats("hit", "sunk") and not outcome_beats("missed", "hit")


def test_a_vessel_hit_in_one_report_and_sunk_in_another_is_sunk(tmp_path):
    first = ("Cargo ship struck\n\nA missile launched from Houthi-held areas struck the bulk carrier Lark Song in "
             "the Gulf of Aden on Sunday, 3 March 2024, the agency said.\n")
    later = ("Cargo ship sinks\n\nThe bulk carrier Lark Song, which a Houthi missile hit off Aden in the Gulf of Aden "
             "on Sunday, 3 March 2024, has sunk, the agency said.\n")
    events = _events(tmp_path, {"first": first, "later": later})
    assert [(e["ship"]["name"], e["outcome"], len(e["sources"])) for e in events] == [("Lark Song", "sunk", 2)]
