"""One attack told at a facility and at a named site of the same report is one event at the site:
"a base north of Baghdad" then "Camp Taji" (a site in that province), "a small US outpost in
Jordan" then "Tower 22" named in a sentence about the troops there.

Each report is written for the test in its own words (salvo/extract/NOTES.md, round of 2026-12-07)."""

from __future__ import annotations

from conftest import ex


def _attacks(x):
    return [(m.place_ref.text, m.date.event_date, m.killed) for m in x.mentions if m.kind == "attack"]


def test_a_base_told_by_its_direction_from_a_town_is_the_named_site_of_that_province():
    x = ex("BAGHDAD - Rockets struck a base housing U.S. and other allied troops north of Baghdad on "
           "Sunday, officials said, only days after a similar attack killed two soldiers. The coalition "
           "said some 20 rockets hit Camp Taji before noon.", published="2021-05-09")
    assert [a[:2] for a in _attacks(x)] == [("Camp Taji", "2021-05-09")]


def test_a_facility_told_by_its_country_takes_the_one_site_the_report_names():
    x = ex("Two American soldiers were wounded overnight when a drone hit a small US outpost in eastern "
           "Jordan. About 300 troops are usually posted at Tower 22, a spokesman said.", published="2024-02-20")
    assert [a[0] for a in _attacks(x)] == ["Tower 22"]


def test_two_sites_named_leave_the_facility_where_it_was_told():
    x = ex("A drone hit a small US outpost in eastern Jordan overnight. Troops rotate between Tower 22 "
           "and Muwaffaq Salti Air Base, a spokesman said.", published="2024-02-20")
    assert [a[0] for a in _attacks(x)] == ["a small US outpost"]


def test_the_town_a_site_is_in_after_what_the_site_houses_is_no_second_target():
    x = ex("Roughly a dozen rockets landed on Camp Taji, an allied base housing U.S. soldiers in northern "
           "Baghdad, on Wednesday.", published="2021-05-13")
    assert [a[:2] for a in _attacks(x)] == [("Camp Taji", "2021-05-12")]


def test_a_headline_with_no_day_is_the_storys_attack_at_the_same_place():
    x = ex("Militia rockets hit US Embassy in Baghdad\n\nFour rockets fell near the US Embassy in Baghdad, the "
           "security cell said Monday.", published="2020-02-05")
    assert [a[0] for a in _attacks(x)] == ["US Embassy in Baghdad"]


def test_what_an_attack_came_days_after_is_no_place_of_it():
    x = ex("Rockets hit the Ain al-Asad air base on Monday. The rocket attacks come three days after crowds "
           "marched in Baghdad demanding a US withdrawal.", published="2020-02-04")
    assert [a[0] for a in _attacks(x)] == ["Ain al-Asad air base"]


def test_a_photo_of_a_site_days_after_its_attack_is_that_attack():
    x = ex("On Feb. 3, militias fired rockets at Ain al-Asad air base. Wreckage is seen at Ain al-Asad air "
           "base on Feb. 9, 2021, in this handout photo.", published="2021-02-20")
    assert [a[:2] for a in _attacks(x)] == [("Ain al-Asad air base", "2021-02-03")]


def test_a_facility_used_by_us_troops_hit_hours_before_another_partys_strike_is_ours():
    from salvo.extract.drafts import _OTHER_ATTACK
    from salvo.extract.sentences import Sentence, split_clauses

    text = "Syria said Israeli jets struck an airfield near Homs hours after rockets hit a facility used by U.S. troops."
    assert [c.text for c in split_clauses(Sentence(0, 0, len(text), text, 0))] == [
        "Syria said Israeli jets struck an airfield near Homs", "hours after rockets hit a facility used by U.S. troops."]
    x = ex("Rockets hit a military facility used by U.S. and allied troops near Baghdad on Monday, a day "
           "after Israeli jets struck an airfield in Syria.", published="2021-05-12")
    assert [a[0] for a in _attacks(x)] == ["a military facility"]
    # "the military reported earlier that ...": the telling was earlier, not the attack
    assert not _OTHER_ATTACK.search("The Iraqi military reported earlier that Camp Taji was hit")
    assert _OTHER_ATTACK.search("an earlier attack on Camp Taji")
