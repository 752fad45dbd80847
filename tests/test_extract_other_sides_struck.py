"""Strikes on the other sides of the region: a state's missiles that fell near a US site, rockets
on the posts of militias told just before.

Each report is written for the test in its own words (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex


def _attacks(x) -> list[str]:
    return [m.place_ref.text for m in x.mentions if m.kind == "attack"]


def test_a_states_strike_told_by_the_us_site_it_fell_near_is_no_attack_on_it():
    x = ex("On Monday the Revolutionary Guards said their missiles hit buildings close to the American "
           "consulate in Erbil.", published="2024-01-16")
    assert _attacks(x) == []
    # the same state firing at the site itself is an attack on it
    y = ex("On Monday Iran fired missiles at the American consulate in Erbil.", published="2024-01-16")
    assert _attacks(y) == ["American consulate in Erbil"]
    # a group of the theater striking near the site is still an attack
    z = ex("On Monday rockets launched by Kataib Hezbollah struck close to the American consulate in Erbil.",
           published="2024-01-16")
    assert len(_attacks(z)) == 1


def test_rockets_on_the_posts_of_militias_told_before_are_another_sides_war():
    x = ex("Blasts shook the desert east of Abu Kamal on Sunday. Monitors said a rocket barrage had "
           "targeted the positions and posts of these militias outside Abu Kamal. Coalition troops are "
           "based further north in Syria.", published="2023-06-12")
    assert _attacks(x) == []
