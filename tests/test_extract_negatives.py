"""What reads like an attack and is none: deliberations, a heart attack, vows in a relative clause.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex, got

NOV10 = "2023-11-10"  # the publication day these reports were written against


def test_deliberation_over_strikes_is_no_event():
    x = ex("Aides weighed striking commanders inside Baghdad, but options laid out for the president were narrowed.")
    assert not x.mentions


def test_heart_attack_is_no_attack():
    x = ex("A contractor at Ain al-Asad air base died of a suspected heart attack in a shelter on Monday.")
    assert x.mentions == ()


def test_a_vow_in_a_relative_clause_does_not_cancel_the_strike():
    x = ex("A US drone strike in Baghdad on Thursday killed a commander whom the factions vowed to avenge.", published=NOV10)
    assert got(x) == [("response", "Baghdad", "2023-11-09")]
