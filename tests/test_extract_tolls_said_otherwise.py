"""Tolls told in words the earlier rounds missed, and tolls that belong to something else.

Each report is written for the test in its own words (salvo/extract/NOTES.md, round fields12)."""

from __future__ import annotations

from conftest import ex

from salvo.extract.lexicon import lexicon_for
from salvo.extract.outcomes import Casualties
from salvo.packs import load_pack

CAS = Casualties(lexicon_for(load_pack()))


def _attacks(x):
    return [m for m in x.mentions if m.kind == "attack"]


def test_no_reported_casualties_and_no_human_losses_are_zero():
    assert CAS.of("Two rockets fell on the base without causing any reported casualties, a spokesman said.") == (0, 0)
    assert CAS.of("The drone did not result in any human or material losses, the statement added.") == (0, 0)
    assert CAS.of("The strike did not cause human losses.") == (0, 0)


def test_injuries_named_by_the_speaker_are_counted():
    assert CAS.of("Eleven soldiers suffered what the army described as light injuries.") == (None, 11)
    assert CAS.of("Six troops suffered what officials called minor wounds when the drone hit.") == (None, 6)
    # the speaker's word for something that is no injury counts nothing
    assert CAS.of("Six troops suffered what officials called a scare.") == (None, None)


def test_aircraft_held_in_a_hangar_are_no_strike_by_the_us_side():
    x = ex("Two drones hit Ain al-Asad Air Base, in the west of Iraq, on Monday, according to officials. "
           "Three people suffered light injuries, and a hangar holding small aircraft was destroyed.",
           published="2023-11-14")
    assert [m.kind for m in x.mentions] == ["attack"]
    assert _attacks(x)[0].injured == 3


def test_a_death_in_another_incident_is_not_the_attacks_toll():
    x = ex("Two drones hit Ain al-Asad Air Base, in the west of Iraq, on Monday, according to officials. "
           "In a third incident that day, a contractor died of a heart attack while taking cover.",
           published="2023-11-14")
    (a,) = _attacks(x)
    assert a.killed is None


def test_a_death_and_an_injury_told_as_nouns_count():
    assert CAS.of("It answered a strike on US troops in Syria, which resulted in the death of a "
                  "contractor and injury of a US soldier.") == (1, 1)
    assert CAS.of("The barrage caused the deaths of three guards.") == (3, None)
    assert CAS.of("He spoke of the death of the commander.") == (None, None)


def test_the_airbase_is_the_air_base_just_told():
    x = ex("Two drones were shot down on Tuesday at Ain al-Asad Air Base, which hosts US troops. An officer "
           "said the drones were downed in the evening as they flew at the airbase, without causing casualties.",
           published="2023-11-01")
    (a,) = _attacks(x)
    assert (a.killed, a.injured) == (0, 0)


def test_a_launch_count_told_after_the_attack_is_its_count():
    x = ex("Several US troops were hurt in a rocket attack on Ain al-Asad Air Base, an official said on Monday. "
           "Iraqi police said three rockets were launched from a truck parked nearby.", published="2024-08-06")
    (a,) = _attacks(x)
    assert a.munitions == 3
    # a part of those launched, beside the others, is no count of them all
    x = ex("Several US troops were hurt in a rocket attack on Ain al-Asad Air Base, an official said on Monday. "
           "Police said one rocket was fired from a truck and the others from a field.", published="2024-08-06")
    (a,) = _attacks(x)
    assert a.munitions is None


def test_a_toll_of_the_attack_stays_when_the_convoy_it_names_was_not_told():
    x = ex("A bomb by the road hit trucks carrying coalition supplies near Nasiriyah, Dhi Qar, on Monday. "
           "The attack wounded one of the policemen who were guarding the convoy.", published="2021-02-17")
    (a,) = _attacks(x)
    assert a.injured == 1
