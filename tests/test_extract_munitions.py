"""Launch counts: what a number counts as munitions, and which of a clause's days is the attack's.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex

from salvo.extract.lexicon import lexicon_for
from salvo.extract.weapons import munitions_of
from salvo.packs import load_pack

LEX = lexicon_for(load_pack())


def test_explosive_devices_and_munitions_are_counted():
    assert munitions_of("a roadside improvised explosive device hit the convoy", LEX)[0] == 1
    assert munitions_of("three explosive devices went off near the gate", LEX)[0] == 3
    assert munitions_of("the barrage used as many as six munitions", LEX)[0] == 6
    # a device that is no weapon is no munition
    assert munitions_of("crews set up two counter-drone devices", LEX)[0] is None


def test_a_convoy_struck_by_an_explosive_device_counts_one():
    x = ex("A supply convoy for the US-led coalition was struck by an improvised explosive device on a "
           "highway near Nasiriyah on Thursday.")
    assert [m.munitions for m in x.mentions if m.kind == "attack"] == [1]


def test_a_calendar_day_quoted_beats_the_day_of_the_post():
    # published Friday Nov. 10: the post was written today; the attack it quotes was on Nov. 8
    x = ex("The spokesman wrote in a post today, Friday, that at 10:15 pm on November 8 forces at "
           "Harir air base were attacked by three drones.", published="2023-11-10")
    m = next(m for m in x.mentions if m.kind == "attack")
    assert (m.date.event_date, m.munitions) == ("2023-11-08", 3)


def test_a_total_of_munitions_is_the_count_of_the_attack_told():
    x = ex("Rockets hit Ain al-Asad Air Base on Thursday, wounding two soldiers. A spokesman said that a "
           "total of fourteen rockets hit the base and its perimeter.")
    assert [(m.place_ref.text, m.munitions) for m in x.mentions] == [("Ain al-Asad Air Base", 14)]


def test_a_count_of_attacks_of_two_kinds_is_no_munition_count():
    assert munitions_of("troops faced three rocket and drone attacks on Monday", LEX)[0] is None
    assert munitions_of("two rockets and a drone hit the base", LEX)[0] == 3  # (a salvo of two kinds, both counted)
    x = ex("Troops faced three rocket and drone attacks on Thursday. Rockets hit Ain al-Asad Air "
           "Base, wounding two soldiers. A spokesman said that a total of fourteen rockets hit the base.")
    assert [(m.place_ref.text, m.munitions) for m in x.mentions] == [("Ain al-Asad Air Base", 14)]
