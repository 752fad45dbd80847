"""Killed and injured: phrasings, lists, zeros, revised figures.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex

from salvo.extract.lexicon import lexicon_for
from salvo.extract.numbers import parse_number
from salvo.extract.outcomes import Casualties
from salvo.packs import load_pack

LEX = lexicon_for(load_pack())


def test_casualty_phrasings():
    cas = Casualties(LEX)
    assert cas.of("two American troops and a British medic were killed") == (3, None)
    assert cas.of("four U.S. troops and another contractor were hurt") == (None, 5)
    assert cas.of("27 service members had been diagnosed with concussions") == (None, 27)
    assert cas.of("the blast killed at least six fighters") == (6, None)
    assert cas.of("No American personnel were killed.")[0] == 0


def test_revised_figure_replaces_the_first():
    x = ex("A drone hit Tower 22 on Sunday, wounding 12 soldiers. It was one of many attacks this year. "
           "Officials condemned it. Analysts weighed in. Update: the Pentagon now says 19 personnel were injured.",
           published="2024-01-29")
    (m,) = x.mentions
    assert m.injured == 19


def test_none_of_its_personnel_hurt_is_zero_casualties():
    t = "Two drones targeted the al-Tanf garrison in Syria on Tuesday. The coalition said none of its personnel were hurt."
    (m,) = ex(t, published="2023-10-20").mentions
    assert (m.killed, m.injured) == (0, 0)


def test_casualty_lists_subsets_and_elided_nouns():
    cas = Casualties(LEX)
    assert cas.of("Four soldiers and three contractors were hurt in the barrage") == (None, 7)
    assert cas.of("wounding six members of the guard, four of them officers") == (None, 6)
    assert cas.of("two people have been killed and 12 injured in the blast") == (2, 12)
    assert cas.of("the rockets landed without causing damage or casualties") == (0, 0)
    assert cas.of("Two guards at the Conoco site received minor injuries") == (None, 2)
    assert cas.of("one contractor collapsed while taking cover and died hours later") == (1, None)
    assert parse_number("three dozen") == 36


def test_the_toll_of_one_of_the_attacks_told_is_no_running_count():
    x = ex("On Tuesday evening there were two rocket attacks on forces at the Conoco base, Syria. "
           "One of the rocket attacks on the Conoco base resulted in four US troops suffering light injuries, "
           "an official said.")
    conoco = [m for m in x.mentions if m.place_ref.text.startswith("Conoco") or "Conoco" in m.place_ref.text]
    assert conoco and conoco[0].injured == 4
    assert not [t for t in x.tallies if t.what == "injured"]


def test_a_counted_reference_reaches_attacks_told_sentences_before():
    x = ex("On Tuesday a drone targeted Harir air base and rockets hit al-Tanf. "
           "A spokesman gave no further details. Officials are reviewing the footage. "
           "Commanders met in Baghdad. Talks went on late. "
           "There were no reported casualties or damage from the two attacks.")
    hit = {m.place_ref.text: (m.killed, m.injured) for m in x.mentions}
    assert hit == {"Harir air base": (0, 0), "al-Tanf": (0, 0)}


def test_the_same_toll_told_again_for_other_people_adds_up():
    cas = Casualties(LEX)
    assert cas.of("There were 2 contractors killed, 4 contractors injured, and 1 US soldier injured") == (2, 5)
    assert cas.of("three soldiers were wounded and two contractors were hurt") == (None, 5)


def test_a_counted_toll_beats_no_casualties_when_one_attack_is_folded():
    # the town's account says nobody was hurt; the spokesman's count of the same night is the toll
    x = ex("Rockets hit Erbil on Friday night. \"Indirect fire landed on coalition forces in Erbil tonight. "
           "One contractor was killed and 4 soldiers were injured,\" the spokesman tweeted. "
           "The rockets hit Erbil International Airport north of the city. Two rockets landed in Erbil, "
           "no casualties reported.")
    attacks = [m for m in x.mentions if m.kind == "attack"]
    assert [(m.killed, m.injured) for m in attacks] == [(1, 4)]


def test_people_listed_as_dead_in_the_present_tense_count():
    from conftest import ex

    x = ex("Two Americans and one British soldier are dead after rockets hit Camp Taji on Sunday.",
           published="2021-05-09")
    assert [m.killed for m in x.mentions if m.kind == "attack"] == [3]


def test_a_zero_toll_told_as_a_claim_the_report_disputes_is_no_zero():
    from conftest import ex

    x = ex("Two soldiers were killed when rockets hit Camp Taji on Sunday, despite Iraqi claims that there "
           "were no casualties.", published="2021-05-09")
    assert [(m.killed, m.injured) for m in x.mentions if m.kind == "attack"] == [(2, None)]


def test_a_zero_toll_told_before_the_attack_is_the_attacks():
    from conftest import ex

    x = ex("A blast was heard beside the embassy walls; the command reported no American or allied "
           "casualties. Officials are looking into it. A spokesman said a small rocket landed near "
           "the U.S. Embassy in Baghdad on Sunday.", published="2021-05-10")
    assert [(m.killed, m.injured) for m in x.mentions if m.kind == "attack"] == [(0, 0)]


def test_a_common_misspelling_of_casualties_is_read():
    from conftest import ex

    x = ex("A rocket fell near Ain al-Asad Air Base on Sunday. No causalities or damage were caused.",
           published="2021-05-10")
    assert [(m.killed, m.injured) for m in x.mentions if m.kind == "attack"] == [(0, 0)]
