"""Rules of the generalisation round (salvo/extract/NOTES.md, step 7): each test is a short report
written for it, phrased differently from the held-out and dev reports the rule came from."""

from __future__ import annotations

from salvo.extract import extract_article
from salvo.extract.numbers import parse_number
from salvo.extract.outcomes import Casualties
from salvo.extract.lexicon import lexicon_for
from salvo.model import Article
from salvo.packs import load_pack

PACK = load_pack()
LEX = lexicon_for(PACK)


def ex(text: str, published="2023-11-10"):
    return extract_article(Article(article_id="t", text=text, raw_text=text, published=published), PACK)


def got(x, kind=None):
    return sorted((m.kind, m.place_ref.text, m.date.event_date) for m in x.mentions if kind in (None, m.kind))


def test_militia_named_before_its_reasons_is_still_the_attacker():
    x = ex("Tehran-aligned fighters fired drones toward al-Tanf garrison on Tuesday in retaliation for the "
           "war in Gaza, a monitor said.")
    assert [m.kind for m in x.mentions] == ["attack"]


def test_aircraft_and_a_struck_militia_make_a_response():
    x = ex("On Wednesday, long-range bombers struck 30 targets near Abu Kamal in Syria, officials said.")
    assert got(x) == [("response", "Abu Kamal", "2023-11-08")]
    x = ex("US jets bombed a depot near al-Qaim on Monday. On Nov. 2, a strike on a Kataib Hezbollah "
           "compound in Baghdad killed two of its members.")
    assert ("response", "Baghdad", "2023-11-02") in got(x)


def test_attack_on_a_militia_by_an_unnamed_party_is_no_event():
    x = ex("Unidentified drones struck trucks belonging to the Popular Mobilization Forces near al-Qaim on Sunday.")
    assert x.mentions == ()


def test_a_vow_in_a_relative_clause_does_not_cancel_the_strike():
    x = ex("A US drone strike in Baghdad on Thursday killed a commander whom the factions vowed to avenge.")
    assert got(x) == [("response", "Baghdad", "2023-11-09")]


def test_the_airport_there_and_a_launch_point_before_the_verb():
    x = ex("On Oct. 3, rockets fired from a field west of Erbil hit the airport there, officials said.")
    refs = [m.place_ref for m in x.mentions]
    assert len(refs) == 1 and "Erbil" in refs[0].context


def test_elided_count_and_depots_near_a_town():
    x = ex("Two days ago, US F-16s struck four sites, one near al-Qaim and three in Syria, on Wednesday.")
    assert {r[1] for r in got(x, "response")} >= {"al-Qaim"}
    x = ex("The strikes on Tuesday destroyed ammunition depots near al-Mayadin, US Central Command said.")
    assert [r[1] for r in got(x)] == ["al-Mayadin"]


def test_definite_name_of_a_told_event_adds_no_event():
    x = ex("A US drone strike near Kirkuk on Monday killed three militants. Officials said the Kirkuk strike "
           "was carefully planned.")
    assert len(x.mentions) == 1 and len(x.mentions[0].evidence) == 2


def test_same_day_event_wins_the_definite_noun():
    x = ex("On Monday, a drone targeted Harir air base. On Tuesday, two drones were launched at al-Tanf garrison. "
           "One was downed and the other hit the base, lightly wounding a soldier.")
    tanf = [m for m in x.mentions if "Tanf" in m.place_ref.text]
    assert len(x.mentions) == 2 and tanf[0].injured == 1


def test_counter_fire_on_the_launch_point_is_placed_at_the_attacked_base():
    x = ex("Rockets hit the Green Village base on Sunday. American gunners answered with artillery fire on the "
           "launch positions.")
    assert got(x, "response") == [("response", "Green Village base", "2023-11-05")]


def test_casualty_lists_subsets_and_elided_nouns():
    cas = Casualties(LEX)
    assert cas.of("Four soldiers and three contractors were hurt in the barrage") == (None, 7)
    assert cas.of("wounding six members of the guard, four of them officers") == (None, 6)
    assert cas.of("two people have been killed and 12 injured in the blast") == (2, 12)
    assert cas.of("the rockets landed without causing damage or casualties") == (0, 0)
    assert cas.of("Two guards at the Conoco site received minor injuries") == (None, 2)
    assert cas.of("one contractor collapsed while taking cover and died hours later") == (1, None)
    assert parse_number("three dozen") == 36


def test_bare_town_names_without_the_arabic_article():
    x = ex("Tuesday: A roadside bomb hit a coalition supply convoy in Iraq south of Diwaniyah.")
    assert len(x.mentions) == 1 and "Diwaniyah" in (x.mentions[0].place_ref.text + x.mentions[0].place_ref.context)
