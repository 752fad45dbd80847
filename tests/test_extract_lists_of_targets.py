"""A list of places struck: every item is a target, the last one after ", and" too.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex, got

from salvo.extract.sentences import Sentence, split_clauses


def _clauses(text: str) -> list[str]:
    return [c.text for c in split_clauses(Sentence(0, 0, len(text), text, 0))]


def test_the_last_item_of_a_serial_list_stays_in_its_clause():
    text = ("Militants sent drones against four sites, among them the Conoco gas field, the al-Omar field, "
            "and the Rukban camp close to the border.")
    assert _clauses(text) == [text]


def test_a_new_statement_after_a_serial_list_still_splits():
    text = "Drones hit the Conoco field, the Tanf garrison, and the attackers were never found."
    assert len(_clauses(text)) == 2
    text = "Rockets hit the base, and the embassy was evacuated later."
    assert len(_clauses(text)) == 2


def test_each_site_of_a_list_is_an_attack():
    x = ex("The faction said on Tuesday that its fighters launched drones at three American positions in Syria, "
           "including the Conoco gas field, the Shaddadi base, and the Rukban camp near the Jordanian border, its channel reported.")
    assert [p for _, p, _ in got(x, "attack")] == ["Conoco gas field", "Rukban camp", "Shaddadi base"]
