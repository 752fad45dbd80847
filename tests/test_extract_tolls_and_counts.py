"""Tolls and counts told in constructions the earlier rounds missed.

Each report is written for the test in its own words (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from salvo.extract.lexicon import lexicon_for
from salvo.extract.outcomes import Casualties
from salvo.packs import load_pack

CAS = Casualties(lexicon_for(load_pack()))


def test_people_counted_then_a_relative_clause_with_their_fate():
    assert CAS.of("Flags flew low for the two American soldiers who were killed when the drone hit.") == (2, None)
    assert CAS.of("Five contractors that were lightly injured went back to work the next day.") == (None, 5)
    # a relative clause about something else is no toll
    assert CAS.of("The two soldiers who were on guard saw the drone.") == (None, None)


def test_two_weekdays_in_an_undated_report_are_two_days_at_one_base():
    from conftest import ex

    x = ex("Two drones were downed on Tuesday over Ain al-Asad Air Base, an Iraqi officer said. On Sunday, "
           "about a dozen rockets had been fired toward Ain al-Asad Air Base.", published=None)
    assert len([m for m in x.mentions if m.kind == "attack"]) == 2
