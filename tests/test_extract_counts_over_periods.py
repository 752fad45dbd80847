"""Attacks counted over a period are no attack of their own: a monitor's month by base, the
share of a running count that hit named bases, strikes tallied over the past weeks; and a
modal "may" after a number is no day in May.

Each report is written for the test in its own words (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from datetime import date

from conftest import ex


def _attacks(x):
    return [m for m in x.mentions if m.kind == "attack"]


def test_a_months_attacks_counted_by_base_are_no_events():
    x = ex("Monthly review of militia activity in eastern Syria\n"
           "In March 2024 the monitor recorded nine rocket and drone attacks on coalition bases, "
           "listed below:\n"
           "• Six attacks on the Conoco gas field base.\n"
           "• Three attacks on the al-Omar oil field base.", published=None)
    assert _attacks(x) == []


def test_attacks_counted_with_no_date_at_all_are_no_events():
    x = ex("• Six attacks on the Conoco gas field base.\n• Three attacks on the al-Omar oil field base.",
           published=None)
    assert _attacks(x) == []


def test_two_attacks_on_a_told_weekday_in_an_undated_report_stay_an_event():
    x = ex("On Tuesday there were two attacks on the Conoco gas field base, a coalition official said.",
           published=None)
    assert len(_attacks(x)) == 1


def test_two_attacks_on_a_base_on_a_told_day_stay_an_event():
    x = ex("On Tuesday there were two attacks on the Conoco gas field base, a coalition official "
           "said.", published="2024-03-07")
    assert [m.date.event_date for m in _attacks(x)] == ["2024-03-05"]


def test_the_share_of_a_running_count_that_hit_named_bases_is_no_event():
    x = ex("Militias have attacked US bases in Syria 90 times since last October, the monitor said "
           "on Sunday. The majority of these assaults struck the Conoco field and the Shaddadi "
           "base.", published="2024-06-03")
    assert _attacks(x) == []


def test_strikes_tallied_over_the_past_weeks_are_no_event():
    x = ex("A spokesman said on Tuesday that commanders are still adding up the strikes over the "
           "past three weeks, as bases in Syria have spotted more possible attacks.",
           published="2023-11-01")
    assert _attacks(x) == []


def test_a_modal_may_after_a_number_is_no_day_in_may():
    from salvo.extract.dates import DateContext, find_dates

    ctx = DateContext(date(2024, 2, 5), (date(2019, 1, 1), date(2024, 12, 31)))
    assert find_dates("the drone that hit Outpost 17 may have been taken for a friendly one", ctx) == []
    assert [h.span.event_date for h in find_dates("the drone that hit the outpost on 17 May", ctx)] == ["2023-05-17"]
    assert [h.span.event_date for h in find_dates("the drone hit the outpost on MAY 17", ctx)] == ["2023-05-17"]
