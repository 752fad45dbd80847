"""A count of attacks that hurt no one gives a zero toll to the attacks the report then tells.

"Troops were attacked three times this week, but no one was hurt. Rockets hit X on Tuesday. Two
drones were downed near Y on Thursday": each of the two attacks told has a zero toll, unless it
tells one of its own. Each report is written for the test in its own words (salvo/extract/NOTES.md,
round us15)."""

from __future__ import annotations

import pytest
from conftest import ex

_TWO_ATTACKS = ("Rockets hit Ain al-Asad Air Base on Tuesday, a spokesman said. "
                "Two drones were shot down near Erbil airport on Thursday.")


def _tolls(x):
    return [(m.place_ref.text, m.killed, m.injured) for m in x.mentions if m.kind == "attack"]


def test_a_count_of_attacks_with_no_casualties_zeroes_the_attacks_told_next():
    x = ex("US troops came under attack three times in the past week, but no one was hurt, a Pentagon "
           "official said. " + _TWO_ATTACKS, published="2023-11-20")
    assert _tolls(x) == [("Ain al-Asad Air Base", 0, 0), ("Erbil airport", 0, 0)]
    # the count sentence is the evidence of the zero
    assert all(any("three times" in e.text for e in m.evidence) for m in x.mentions if m.kind == "attack")


def test_without_the_count_the_tolls_stay_unknown():
    x = ex(_TWO_ATTACKS, published="2023-11-20")
    assert _tolls(x) == [("Ain al-Asad Air Base", None, None), ("Erbil airport", None, None)]


def test_a_running_count_in_a_tally_sentence_with_no_injuries():
    x = ex("American forces have been attacked 12 times since October 17, with no injuries, the "
           "Pentagon said. On Sunday a drone struck Al-Tanf garrison in Syria.", published="2023-11-20")
    assert _tolls(x) == [("Al-Tanf garrison", 0, 0)]


def test_an_attack_with_a_toll_of_its_own_keeps_it():
    x = ex("US troops came under attack three times in the past week, but no one was hurt, a Pentagon "
           "official said. Rockets hit Ain al-Asad Air Base on Tuesday. A soldier was slightly wounded "
           "there. Two drones were shot down near Erbil airport on Thursday.", published="2023-11-20")
    assert _tolls(x) == [("Ain al-Asad Air Base", 0, 1), ("Erbil airport", 0, 0)]


def test_a_count_that_names_people_hurt_gives_no_zero():
    x = ex("US troops came under attack three times in the past week, and four soldiers were hurt, a "
           "Pentagon official said. " + _TWO_ATTACKS, published="2023-11-20")
    assert _tolls(x) == [("Ain al-Asad Air Base", None, None), ("Erbil airport", None, None)]


def test_an_attack_told_on_another_day_than_the_count_is_not_counted():
    x = ex("US troops came under attack twice on Monday, but no one was hurt, a Pentagon official said. "
           "Rockets hit Ain al-Asad Air Base on Monday night. Two drones were shot down near Erbil "
           "airport on Thursday.", published="2023-11-20")
    assert _tolls(x) == [("Ain al-Asad Air Base", 0, 0), ("Erbil airport", None, None)]


@pytest.mark.parametrize("text, published, tolls", [
    # a zero told of "the attacks": the attacks just told
    ("Four rockets struck near the US Embassy in Baghdad on Tuesday, police said. No injuries or damage "
     "were reported in the attacks on the fortified Green Zone, the police added.", "2020-02-05",
     [("US Embassy in Baghdad", 0, 0)]),
    # a zero told before any attack: the first attack told next
    ("Central Command has confirmed a blast outside the embassy compound and says there are no US "
     "or coalition casualties. A spokesman says a small rocket landed in the Green Zone of Baghdad "
     "on Sunday.", "2019-06-03", [("Green Zone", 0, 0)]),
])
def test_a_zero_toll_told_apart_from_the_attacks_reaches_them(text, published, tolls):
    assert _tolls(ex(text, published=published)) == tolls


def test_zero_tolls_in_other_words():
    from salvo.extract.lexicon import lexicon_for
    from salvo.extract.outcomes import Casualties
    from salvo.packs import load_pack

    cas = Casualties(lexicon_for(load_pack()))
    assert cas.of("The spokesman said there were no American or coalition casualties.") == (0, 0)
    assert cas.of("The bomb hit a truck of the convoy, causing only material damage.") == (0, 0)
    assert cas.of("No causalities were reported after the blast.") == (0, 0)


def test_a_zero_told_after_two_attacks_told_together_is_each_ones():
    x = ex("Missiles struck Ain al-Asad Air Base and a base near Erbil airport on Wednesday night. No Iraqi "
           "or American casualties were reported.", published="2020-01-09")
    assert sorted(t[1:] for t in _tolls(x)) == [(0, 0), (0, 0)]


def test_a_count_of_the_hurt_after_two_attacks_stays_with_the_one_told_last():
    x = ex("Missiles struck Ain al-Asad Air Base and a base near Erbil airport on Wednesday night. Two "
           "soldiers were wounded.", published="2020-01-09")
    assert sorted(t[2] or 0 for t in _tolls(x)) == [0, 2] and None in [t[2] for t in _tolls(x)]
