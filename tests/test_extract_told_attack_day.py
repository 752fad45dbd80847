"""The attack a report tells keeps its own day, place and weapon: a claim of "the attack" in a
sentence that dates something else, a weekday told with its day of the month, a base or patrol
described by whose it is ("a US-led base", "a Coalition-SDF patrol") beside the town it is in, and a
suicide bombing as an explosive attack.

Each report is written for the test in its own words (salvo/extract/NOTES.md, round of 2026-12-07b)."""

from __future__ import annotations

from conftest import ex


def _attacks(x):
    return [(m.place_ref.text, m.date.event_date) for m in x.mentions if m.kind == "attack"]


def test_a_claim_of_the_attack_keeps_its_day_when_the_sentence_dates_another_event():
    x = ex("Two rockets hit Erbil airport late on Tuesday, the Kurdish ministry said. A little-known group "
           "claimed responsibility for the attack on the airport, but gave no proof, and tension has been high since the "
           "killing of a senior commander last year.", published="2021-03-03")
    assert _attacks(x) == [("Erbil airport", "2021-03-02")]


def test_a_weekday_with_its_day_of_the_month_dates_the_attack():
    x = ex("Three rockets struck Erbil airport at about 10 p.m. on Monday 1, a coalition spokesman wrote "
           "online.", published="2021-03-02")
    assert _attacks(x) == [("Erbil airport", "2021-03-01")]


def test_a_base_told_by_who_runs_it_is_the_town_it_is_in_not_a_second_attack():
    x = ex("A rocket attack was reported on a US-led military base in northern Iraq late on Monday, with "
           "a coalition spokesman writing that rockets landed on coalition forces in Erbil.", published="2021-03-02")
    attacks = _attacks(x)
    assert len(attacks) == 1 and attacks[0][1] == "2021-03-01"


def test_a_patrol_told_by_the_forces_on_it_is_no_second_place():
    x = ex("An explosion in the town of Manbij on Tuesday struck a joint Coalition-SDF patrol, killing two "
           "U.S. soldiers and wounding five others, an official said.", published="2019-02-06")
    attacks = [m for m in x.mentions if m.kind == "attack"]
    assert [m.place_ref.text for m in attacks] == ["Manbij"]
    assert (attacks[0].killed, attacks[0].injured) == (2, 5)


def test_a_suicide_bombing_is_an_explosive_attack():
    x = ex("A suicide bombing near a market in Manbij on Tuesday hit a patrol of U.S. troops, the "
           "coalition said.", published="2019-02-06")
    attacks = [m for m in x.mentions if m.kind == "attack"]
    assert [(m.weapon, m.sub_event_type) for m in attacks] == [("ied", "Suicide bomb")]


def test_the_day_of_a_statement_dates_the_attack_it_tells_when_nothing_else_does():
    # (a pack choice: statement_day_dates_attack, on for this theater)
    x = ex("Four rockets landed near the US Embassy in Baghdad, Iraqi security officials said Sunday.",
           published="2020-01-27")
    assert _attacks(x) == [("US Embassy in Baghdad", "2020-01-26")]


def test_the_attack_told_again_beside_what_it_came_after_is_no_second_attack():
    x = ex("Four rockets hit near Ain al-Asad airbase on Thursday, but nobody was hurt, officials said. The "
           "attack on the airbase comes just one day after a large military drill near the border.")
    assert len([m for m in x.mentions if m.kind == "attack"]) == 1
