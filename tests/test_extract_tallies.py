"""Official running counts: what is one, and what only looks like one.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from datetime import date

from conftest import ex

from salvo.extract.dates import DateContext, find_dates
from salvo.extract.lexicon import lexicon_for
from salvo.extract.tallies import TallyFinder
from salvo.packs import load_pack

LEX = lexicon_for(load_pack())
CTX = DateContext(date(2023, 12, 1), (date(2019, 1, 1), date(2024, 12, 31)))


def test_range_with_a_year_on_each_end_and_weapon_in_the_count():
    t = "Officials counted at least 31 drone attacks between November 2, 2022, and February 9, 2023."
    f = TallyFinder(LEX, CTX, "t", t)
    assert f.feed(t, 0, len(t), find_dates(t, CTX))
    (tally,) = f.tallies()
    assert (tally.count, tally.since, tally.as_of) == (31, "2022-11-02", "2023-02-09")


def test_ordinal_is_a_running_count_not_an_event():
    x = ex("Officials said Sunday's strike on Harir base was the 87th against American forces since Oct. 17.")
    assert [t.count for t in x.tallies] == [87]


def test_breakdown_of_struck_sites_is_no_tally():
    x = ex("On Nov. 4, U.S. jets struck four militia sites, two in Iraq and two in Syria.")
    assert not x.tallies


def test_a_first_figure_replaced_by_a_later_one_is_no_tally():
    x = ex("Since Oct. 17 militias have attacked US forces 70 times. The Pentagon first said 30 people "
           "were injured in the attacks, then raised the figure to 45.")
    assert 30 not in {t.count for t in x.tallies}


def _hurt_counts(pack, text):
    f = TallyFinder(lexicon_for(pack), CTX, "t", text)
    f.feed(text, 0, len(text), find_dates(text, CTX))
    return [(t.what, t.count) for t in f.tallies()]


def test_the_people_a_running_count_of_casualties_counts_are_the_packs():
    """lexicon.yaml side_words.counted_people: troops for the US-forces pack, seafarers at sea."""
    sea = load_pack("red_sea_shipping")
    crew = "Since November 19, 14 seafarers have been injured in the attacks on merchant ships."
    troops = "Since October 17, 14 troops have been injured in the attacks on US forces."
    assert _hurt_counts(sea, crew) == [("injured", 14)]
    assert _hurt_counts(load_pack(), troops) == [("injured", 14)]
    assert _hurt_counts(load_pack(), crew) == []


def test_one_attacks_toll_beside_a_since_cue_is_no_count():
    """"Three crew members were killed aboard the X in a missile attack yesterday - the first deaths
    since ...": the toll of the attack told, not a running count (and no summary hiding it)."""
    sea = load_pack("red_sea_shipping")
    text = ("Two sailors were killed aboard the bulk carrier Amber Quay in a missile strike on Tuesday, the "
            "first deaths since the rebels began targeting merchant ships in November.")
    f = TallyFinder(lexicon_for(sea), CTX, "t", text)
    assert not f.feed(text, 0, len(text), find_dates(text, CTX))
    assert not f.tallies()


def test_a_toll_of_one_attack_without_its_day_beside_a_since_cue_stays_held():
    """"killed in a drone attack on a base in Jordan in January, the only deaths since Oct. 7": no
    day of that attack is told, so the sentence stays a summary and yields no event dated Oct. 7."""
    text = ("Two U.S. soldiers were earlier killed in a drone attack on a base in Jordan in January, the only "
            "deaths recorded in the region since Oct. 7.")
    f = TallyFinder(LEX, CTX, "t", text)
    assert f.feed(text, 0, len(text), find_dates(text, CTX))
    assert not [m for m in ex(text).mentions if m.date.event_date == "2023-10-07"]
