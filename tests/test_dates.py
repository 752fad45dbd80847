"""The date resolver: relative expressions against the publication date, honest bounds without one."""

from datetime import date

import pytest

from salvo.extract.dates import DateContext, find_dates

PERIOD = (date(2019, 1, 1), date(2024, 12, 31))


def one(text, published, last=None):
    ctx = DateContext(published, PERIOD)
    hits = find_dates(text, ctx, last=last)
    assert hits, f"no date found in {text!r}"
    return hits[0]


@pytest.mark.parametrize("text,pub,expected", [
    ("Militants fired rockets on Tuesday.", date(2022, 1, 5), "2022-01-04"),  # pub is a Wednesday
    ("The base was hit Friday.", date(2023, 12, 8), "2023-12-08"),  # same weekday = that day
    ("Drones struck early Sunday.", date(2023, 11, 7), "2023-11-05"),
    ("Rockets landed late Monday night.", date(2023, 11, 7), "2023-11-06"),
    ("The attack came on Jan. 20.", date(2024, 1, 28), "2024-01-20"),
    ("The attack came on Dec. 4.", date(2024, 1, 3), "2023-12-04"),  # latest Dec 4 not after pub
    ("It happened on October 17th.", date(2023, 10, 24), "2023-10-17"),
    ("Two drones hit the garrison on Oct. 17, 2023.", None, "2023-10-17"),  # explicit year, no pub
    ("Officials said the strike happened yesterday.", date(2023, 5, 2), "2023-05-01"),
])
def test_day_resolved(text, pub, expected):
    h = one(text, pub)
    assert h.span.event_date == expected
    assert h.span.time_precision == 1
    assert h.span.date_earliest == h.span.date_latest == expected


def test_last_tuesday_said_on_a_tuesday_is_a_week_ago():
    assert one("It happened last Tuesday.", date(2023, 10, 24)).span.event_date == "2023-10-17"


def test_next_weekday_is_not_a_past_event():
    assert find_dates("Talks resume next Monday.", DateContext(date(2023, 10, 24), PERIOD)) == []


def test_same_day_follows_the_last_date():
    first = one("Monday marked a grim date.", date(2022, 1, 5))
    assert first.span.event_date == "2022-01-03"
    same = one("A drone was downed the same day.", date(2022, 1, 5), last=first.span)
    assert same.span.event_date == "2022-01-03"


def test_range_gives_bounds_not_a_day():
    h = one("between October 17 and 24, forces were attacked", date(2023, 10, 24))
    assert h.span.event_date is None
    assert (h.span.date_earliest, h.span.date_latest) == ("2023-10-17", "2023-10-24")
    assert h.span.time_precision == 2


def test_last_month_and_last_week():
    m = one("a strike last month", date(2021, 7, 8))
    assert (m.span.event_date, m.span.date_earliest, m.span.date_latest, m.span.time_precision) == (
        None, "2021-06-01", "2021-06-30", 3)
    w = one("attacks last week", date(2023, 11, 8))  # a Wednesday
    assert (w.span.date_earliest, w.span.date_latest, w.span.time_precision) == ("2023-10-30", "2023-11-05", 2)


def test_time_of_day():
    h = one("Rockets were fired around 4:15 a.m. Friday.", date(2023, 12, 8))
    assert h.span.event_date == "2023-12-08"
    assert h.span.time_of_day == "04:15"


def test_no_publication_date_bare_weekday_stays_open():
    h = one("Rockets hit the base on Tuesday.", None)
    assert h.span.event_date is None
    assert (h.span.date_earliest, h.span.date_latest) == ("2019-01-01", "2024-12-31")


def test_no_publication_date_weekday_and_month_day_fix_the_year():
    # Sunday 28 January in 2019-2024 is only 2024
    assert one("on Sunday, Jan. 28 a drone struck", None).span.event_date == "2024-01-28"


def test_no_publication_date_month_day_alone_is_not_guessed():
    h = one("on March 3 rockets fell", None)
    assert h.span.event_date is None


def test_statement_dates_are_marked_as_speech():
    h = one("a spate of attacks, the Pentagon said Wednesday", date(2022, 1, 5))
    assert h.speech
    h2 = one("Rockets hit the base Wednesday, officials said.", date(2022, 1, 5))
    assert not h2.speech


def test_days_later_counts_from_the_last_date():
    first = one("The Jan. 3 strike", date(2020, 1, 26))
    assert one("Five days later, missiles hit", date(2020, 1, 26), last=first.span).span.event_date == "2020-01-08"


@pytest.mark.parametrize("text,pub,expected", [
    # a weekday with a day of the month and no month name: the last such day up to the report's
    ("Rockets fell on the airport late on Thursday 9, the mayor said.", date(2023, 11, 10), "2023-11-09"),
    ("A drone hit the garrison on Saturday 30, a monitor said.", date(2023, 10, 2), "2023-09-30"),
])
def test_weekday_with_a_day_of_the_month(text, pub, expected):
    h = one(text, pub)
    assert (h.kind, h.span.event_date) == ("weekday_day", expected)


def test_weekday_with_a_day_number_that_does_not_fit_is_no_day():
    # no Monday 14 within two months before the report: nothing is guessed
    assert [h for h in find_dates("It came on Monday 14, he said.", DateContext(date(2023, 11, 10), PERIOD))
            if h.kind == "weekday_day"] == []
    # a count after the weekday stays a count
    assert one("On Sunday 6 rockets hit the base.", date(2023, 11, 7)).kind == "weekday"


def test_no_publication_date_month_day_takes_the_year_of_a_full_date_told_near_it():
    ctx = DateContext(None, PERIOD, (date(2020, 1, 8),))
    assert find_dates("An earlier attack came on 4 January.", ctx)[0].span.event_date == "2020-01-04"
    # far from every full date told, the day stays open
    assert find_dates("An earlier attack came on 4 June.", ctx)[0].span.event_date is None


def test_an_abbreviated_month_and_its_day_may_stand_without_a_space():
    assert one("Drones attacked the base at about 2340hrs Sept.11, a spokesman said.", date(2021, 9, 12)).span.event_date \
        == "2021-09-11"
