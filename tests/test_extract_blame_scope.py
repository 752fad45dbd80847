"""Whose attack a group is named for: a claim or a blame stays with the attack it is about.

Each report is written for the test in its own words (salvo/extract/NOTES.md, round fields12)."""

from __future__ import annotations

from conftest import ex

from salvo.merge import merge_mentions
from test_merge_helpers import mention


def _attacks(x):
    return sorted((m for m in x.mentions if m.kind == "attack"), key=lambda m: m.evidence[0].start)


def test_a_claim_for_tuesdays_drones_is_not_saturdays_rockets():
    x = ex("Two drones were shot down on Tuesday over Ain al-Asad Air Base. The Islamic Resistance in Iraq said "
           "in a statement that its fighters had launched two drone attacks on Ain al-Asad Air Base. On Saturday, "
           "about 15 rockets were fired toward Ain al-Asad Air Base. Air defences shot down most of the rockets "
           "except one, which fell on open ground inside the base.", published=None)
    tuesday, saturday = _attacks(x)
    assert (tuesday.actor1, tuesday.actor1_basis) == ("Islamic Resistance in Iraq", "claimed")
    assert saturday.actor1 is None and saturday.actor1_basis == "unknown"


def test_a_blame_told_before_the_attack_still_reaches_it():
    x = ex("Kataib Hezbollah is the only group known to have carried out a rocket attack of this size against "
           "US forces, a general said. At least 20 rockets struck Camp Taji on Wednesday. An official said the "
           "attack also damaged a hangar at the base.", published="2020-03-12")
    (taji,) = _attacks(x)
    assert (taji.actor1, taji.actor1_basis) == ("Kata'ib Hezbollah", "attributed")


def test_a_group_named_in_an_aside_on_people_is_no_doer():
    x = ex("Four rockets hit Balad Air Base on Monday, a security source said. The rocket attacks are "
           "seen as a way to push out the foreign staff, whom Iran-backed militias regard as occupiers.",
           published="2021-05-04")
    (balad,) = _attacks(x)
    assert balad.actor1 is None


def test_similar_operations_are_many_attacks_and_name_no_doer_for_the_next():
    x = ex("A drone hit a US base in northeast Syria on Friday. Iran-backed militias in Iraq have launched "
           "similar operations on American bases. The attack in Syria came days after rockets hit Ain al-Asad "
           "air base in Iraq.", published="2024-08-11")
    assert all(m.actor1 is None for m in _attacks(x))


def test_a_group_named_on_no_ones_word_stays_unknown_after_merging():
    seen = mention("a#0", "a", weapon="rocket", actor1="Iran-backed militias", actor1_basis="unknown")
    (e,) = merge_mentions([seen], sources={}, duplicate_of={})
    assert (e.actor1, e.actor1_basis) == ("Iran-backed militias", "unknown")
    blamed = mention("b#0", "b", weapon="rocket", actor1="Kataib Hezbollah", actor1_basis="attributed")
    (e,) = merge_mentions([seen, blamed], sources={}, duplicate_of={})
    assert (e.actor1, e.actor1_basis) == ("Kataib Hezbollah", "attributed")


def test_a_claim_for_the_attack_covers_the_targets_told_with_it():
    x = ex("In Iraq, several drones were launched at Ain al-Asad Air Base on Thursday and another was launched "
           "at Harir Air Base near Erbil, an official said. The Islamic Resistance in Iraq, an umbrella "
           "of militias, claimed responsibility for the attack.", published="2023-11-24")
    assert {m.place_ref.text: m.actor1_basis for m in _attacks(x)} == {
        "Ain al-Asad Air Base": "claimed", "Harir Air Base": "claimed"}



def test_a_claim_of_a_series_at_the_place_just_told_covers_its_attack():
    x = ex("Two drones hit Harir Air Base in Erbil province overnight, a Kurdish security body said on Thursday. "
           "The Islamic Resistance in Iraq claimed responsibility for striking the said base in a string of "
           "recent attacks.", published="2023-11-09")
    (a,) = _attacks(x)
    assert (a.actor1, a.actor1_basis) == ("Islamic Resistance in Iraq", "claimed")
    # a series named by no place told: no one attack's claim
    x = ex("Two drones hit Harir Air Base in Erbil province overnight, a Kurdish security body said on Thursday. "
           "The Islamic Resistance in Iraq has claimed responsibility for dozens of recent attacks on US forces.",
           published="2023-11-09")
    (a,) = _attacks(x)
    assert a.actor1 is None
