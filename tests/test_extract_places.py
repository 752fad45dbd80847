"""Where an attack struck: aimed-at and spared places, launch points, elided counts, bare town names.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex, got

NOV10 = "2023-11-10"  # the publication day these reports were written against


def test_a_rocket_aimed_at_one_place_that_fell_on_another():
    x = ex("On Monday a rocket aimed at Baghdad International Airport fell on a house in Radwaniyah, wounding a child.")
    assert [m.place_ref.text for m in x.mentions] == ["Radwaniyah"]


def test_a_place_spared_is_no_event():
    x = ex("Rockets hit Ain al-Asad air base on Monday. The US consulate in Erbil has not been targeted.")
    assert got(x) == [("attack", "Ain al-Asad air base", "2023-11-27")]


def test_the_airport_there_and_a_launch_point_before_the_verb():
    x = ex("On Oct. 3, rockets fired from a field west of Erbil hit the airport there, US officials said.", published=NOV10)
    refs = [m.place_ref for m in x.mentions]
    assert len(refs) == 1 and "Erbil" in refs[0].context


def test_elided_count_and_depots_near_a_town():
    x = ex("Two days ago, US F-16s struck four sites, one near al-Qaim and three in Syria, on Wednesday.", published=NOV10)
    assert {r[1] for r in got(x, "response")} >= {"al-Qaim"}
    x = ex("The strikes on Tuesday destroyed ammunition depots near al-Mayadin, US Central Command said.", published=NOV10)
    assert [r[1] for r in got(x)] == ["al-Mayadin"]


def test_counter_fire_on_the_launch_point_is_placed_at_the_attacked_base():
    x = ex("Rockets hit the Green Village base on Sunday. American gunners answered with artillery fire on the "
           "launch positions.", published=NOV10)
    assert got(x, "response") == [("response", "Green Village base", "2023-11-05")]


def test_bare_town_names_without_the_arabic_article():
    x = ex("Tuesday: A coalition supply convoy in Iraq was hit by a roadside bomb south of Diwaniyah.", published=NOV10)
    assert len(x.mentions) == 1 and "Diwaniyah" in (x.mentions[0].place_ref.text + x.mentions[0].place_ref.context)


def test_a_site_named_before_a_zone_it_lies_in_is_no_organisation():
    x = ex("Police said two mortar rounds targeted the US embassy in Baghdad's Green Zone late on Friday.")
    assert [m.kind for m in x.mentions] == ["attack"]


def test_a_place_before_an_organisation_it_names_is_still_no_target():
    x = ex("Rockets hit Erbil airport on Friday. Erbil's Security Council said the launchers were found.")
    assert [m.place_ref.text for m in x.mentions] == ["Erbil airport"]


def test_the_town_whose_countryside_holds_a_named_site_is_no_second_target():
    x = ex("A drone struck the Kharab al-Jir US base in the countryside of al-Hasakah on Sunday, "
           "officials said.")
    assert [m.place_ref.text for m in x.mentions] == ["Kharab al-Jir"]


def test_a_sites_own_noun_after_its_name_is_the_site():
    x = ex("The group said its drones struck the Harir US occupation base in Erbil on Saturday.")
    assert [m.place_ref.text for m in x.mentions] == ["Harir"]


def test_an_outlets_reporter_named_after_a_town_is_no_place():
    x = ex("A Mayadeen reporter said on Sunday that drones attacked the US base at Rmelan.")
    assert [m.place_ref.text for m in x.mentions] == ["Rmelan"]
