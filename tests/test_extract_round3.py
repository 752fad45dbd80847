"""Rules of round 3 (salvo/extract/NOTES.md, "Round 3"): each test is a short report written for it,
phrased differently from the development reports the rule came from."""

from __future__ import annotations

from datetime import date

from salvo.extract import extract_article
from salvo.extract.dates import DateContext, find_dates
from salvo.extract.lexicon import lexicon_for
from salvo.extract.outcomes import Casualties
from salvo.extract.tallies import TallyFinder
from salvo.model import Article
from salvo.packs import load_pack

PACK = load_pack()
LEX = lexicon_for(PACK)
CTX = DateContext(date(2023, 12, 1), (date(2019, 1, 1), date(2024, 12, 31)))


def ex(text: str, published="2023-12-01"):
    return extract_article(Article(article_id="t", text=text, raw_text=text, published=published), PACK)


def got(x):
    return sorted((m.kind, m.place_ref.text, m.date.event_date) for m in x.mentions)


def test_timeline_entries_in_the_present_tense():
    x = ex("Chronology\n\nNov. 3 - Three rockets land inside Ain al-Asad Air Base.\n\n"
           "Nov. 5 - U.S. F-15s bomb a depot near Abu Kamal.")
    assert got(x) == [("attack", "Ain al-Asad Air Base", "2023-11-03"), ("response", "a depot", "2023-11-05")]
    assert "Abu Kamal" in x.mentions[1].place_ref.context
    assert {m.weapon for m in x.mentions} == {"rocket", "air_strike"}


def test_bulleted_day_heads_and_motion_verbs():
    x = ex("Week in review:\n- Nov. 20: Two drones flew toward the al-Shaddadi base; nobody was hurt.")
    assert got(x) == [("attack", "al-Shaddadi base", "2023-11-20")]
    assert x.mentions[0].munitions == 2


def test_a_sentence_that_is_only_a_day_dates_what_follows():
    x = ex("HOST: What happened next?\nGUEST: Right, Thursday. Rockets land near the Conoco site.")
    assert got(x) == [("attack", "Conoco", "2023-11-30")]


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


def test_deliberation_over_strikes_is_no_event():
    x = ex("Aides weighed striking commanders inside Baghdad, but options laid out for the president were narrowed.")
    assert not x.mentions


def test_another_partys_drone_is_not_this_theaters_attack():
    x = ex("A U.S. jet downed an armed Israeli drone near Hasakah on Tuesday, close to American troops.")
    assert not x.mentions


def test_a_rocket_aimed_at_one_place_that_fell_on_another():
    x = ex("On Monday a rocket aimed at Baghdad International Airport fell on a house in Radwaniyah, wounding a child.")
    assert [m.place_ref.text for m in x.mentions] == ["Radwaniyah"]


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


def test_the_strike_told_paragraphs_later_is_still_the_response():
    x = ex("U.S. jets struck a depot in Deir ez-Zor province on Monday. A photo caption.\n\nSomething else.\n\n"
           "More reactions came.\n\nA monitor said the strike hit a site near al-Mayadin and killed seven fighters.")
    assert {m.kind for m in x.mentions} == {"response"}
