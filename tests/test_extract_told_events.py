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


def test_one_of_many_attacks_told_at_a_named_place_is_an_attack():
    from conftest import ex

    x = ex("Militias have attacked U.S. forces dozens of times this winter. Two sergeants died in one of these "
           "attacks at Tower 22, near the border with Syria.", published="2024-02-20")
    assert [m.place_ref.text for m in x.mentions if m.kind == "attack"] == ["Tower 22"]


def test_an_attack_named_only_to_say_when_is_no_attack_told():
    from conftest import ex

    x = ex("Rockets hit Ain al-Asad on Monday. In the weeks after that attack, an envoy met the armed "
           "factions in Baghdad.", published="2024-02-20")
    assert [m.place_ref.text for m in x.mentions if m.kind == "attack"] == ["Ain al-Asad"]


def test_a_clause_naming_its_doer_by_an_attackers_noun_is_not_another_partys_scene():
    from conftest import ex

    x = ex("A drone struck Ain al-Asad on Monday, wounding two soldiers. The base has been a frequent target "
           "since October, when Israel launched its operation against Hamas in Gaza. Militants fired three "
           "rockets at the base last week as well, officials said.", published="2024-08-05")
    assert len([m for m in x.mentions if m.kind == "attack"]) == 2
