"""Running counts of ships attacked in the sea pack: a count told with "ships" alone (no word
"attack" in the sentence), the perfect passive ("N ships had been targeted"), and a count over one
short window ("in a month"), which is no count so far."""

from __future__ import annotations

import json

from conftest import Run

from salvo.extract import lexicon_for
from salvo.extract.ships import ship_counts
from salvo.packs import load_pack

SEA = load_pack("red_sea_shipping")


def _tallies(tmp_path, text: str, published: str = "2024-06-20") -> list[dict]:
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("--pack", "red_sea_shipping", "ingest", "--published", published, str(tmp_path / "r.txt")).code == 0
    return [json.loads(x) for x in run("--pack", "red_sea_shipping", "export", "--what", "tallies").out.splitlines()]


def test_a_perfect_passive_count_of_ships_is_a_running_count():
    ships = lexicon_for(SEA).ships
    assert [n for n, *_ in ship_counts("The rebel chief said on Friday that 73 ships had been targeted so far.", ships)] == [73]
    assert [n for n, *_ in ship_counts("He said more than 50 merchant vessels have been attacked.", ships)] == [50]
    assert ship_counts("Two ships were targeted on Monday.", ships) == []


def test_a_ship_count_in_a_sentence_without_an_attack_word_is_read(tmp_path):
    tallies = _tallies(tmp_path, (
        "Rebel leader speaks\n\nThe Houthi group said on Thursday that it has targeted 151 ships linked to Israel "
        "and its allies since November 2023.\n"))
    assert [t["count"] for t in tallies] == [151]


def test_a_count_over_one_month_is_no_running_count(tmp_path):
    tallies = _tallies(tmp_path, (
        "Rebel leader speaks\n\nThe Houthi leader said 27 attacks on ships had been launched in a month, with "
        "dozens of drones and missiles.\n"))
    assert tallies == []


def test_a_claimed_or_totalled_count_of_ships_is_a_running_count():
    from salvo.extract import lexicon_for
    from salvo.extract.ships import ship_counts
    from salvo.packs import load_pack

    ships = lexicon_for(load_pack("red_sea_shipping")).ships
    assert [c[0] for c in ship_counts("Rebel leader claims attacks on 61 ships since the autumn", ships)] == [61]
    assert [c[0] for c in ship_counts("they fired 300 drones, targeting a total of 12 merchant ships", ships)] == [12]
    # one day's claim is no running count
    assert ship_counts("the group claimed attacks on two ships on Monday", ships) == []
