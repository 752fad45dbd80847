"""One attack told several times in a report: details, definite names, a claim and a blame.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex, got

NOV10 = "2023-11-10"  # the publication day these reports were written against


def test_an_unnamed_facility_right_after_the_attack_is_its_detail():
    x = ex("Drones targeted the al-Tanf garrison on Monday, the military said. Three drones flew at a "
           "compound used by partner forces who patrol the desert nearby.")
    assert got(x) == [("attack", "al-Tanf garrison", "2023-11-27")]


def test_a_claim_and_a_blame_for_one_attack_make_one_event():
    x = ex("A drone struck Erbil air base on Monday; officials blamed Kataib Hezbollah. "
           "The Islamic Resistance in Iraq said it had targeted the base at Erbil airport.")
    assert len([m for m in x.mentions if m.kind == "attack"]) == 1


def test_definite_name_of_a_told_event_adds_no_event():
    x = ex("A US drone strike near Kirkuk on Monday killed three militants. Officials said the Kirkuk strike "
           "was carefully planned.", published=NOV10)
    assert len(x.mentions) == 1 and len(x.mentions[0].evidence) == 2


def test_same_day_event_wins_the_definite_noun():
    x = ex("On Monday, a drone targeted Harir air base. On Tuesday, two drones were launched at al-Tanf garrison. "
           "One was downed and the other hit the base, lightly wounding a soldier.", published=NOV10)
    tanf = [m for m in x.mentions if "Tanf" in m.place_ref.text]
    assert len(x.mentions) == 2 and tanf[0].injured == 1
