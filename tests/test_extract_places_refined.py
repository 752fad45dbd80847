"""A place told loosely first and more precisely after: the later words place the one attack
(a province after a region, the troops' station after a region, a short site code beside its
own noun), and a speaker's town is no second place.

Each report is written for the test in its own words (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex


def _attacks(x):
    return [m for m in x.mentions if m.kind == "attack"]


def test_a_province_told_after_a_region_places_the_convoy_attack():
    x = ex("A roadside bomb struck a coalition supply convoy in northern Iraq on Wednesday. Police "
           "said the blast hit a fuel convoy of the coalition on a highway in Anbar province.",
           published="2021-05-06")
    (m,) = _attacks(x)
    assert m.place_ref.admin1_hint == "Anbar"


def test_a_region_told_after_a_province_does_not_loosen_the_place():
    x = ex("A roadside bomb struck a coalition supply convoy in Anbar province on Wednesday. Police "
           "said the blast hit a fuel convoy of the coalition on a road in western Iraq.", published="2021-05-06")
    (m,) = _attacks(x)
    assert m.place_ref.admin1_hint == "Anbar"


def test_where_the_troops_attacked_were_stationed_places_an_attack_told_by_region():
    x = ex("Early on Friday in northern Iraq, American troops were targeted by a drone. The troops "
           "were stationed in Erbil, a coalition spokesman said.", published="2023-06-02")
    (m,) = _attacks(x)
    assert m.place_ref.text == "Erbil"


def test_a_station_in_another_country_does_not_move_the_attack():
    x = ex("Early on Friday in northern Iraq, American troops were targeted by a drone. Other troops "
           "are stationed in Hasakah in Syria.", published="2023-06-02")
    (m,) = _attacks(x)
    assert m.place_ref.text == "northern Iraq"


def test_a_short_site_code_beside_its_own_noun_is_the_site():
    from salvo.geo.gazetteer import Gazetteer
    from salvo.geo.resolver import resolve
    from salvo.packs import load_pack

    x = ex("On Friday a single mortar round landed inside the K1 Iraqi military airbase in Kirkuk "
           "province; no one was hurt.", published="2020-03-01")
    (m,) = _attacks(x)
    assert m.place_ref.text == "K1"
    assert resolve(Gazetteer.load(load_pack()), m.place_ref).site_id == "k1_airbase"


def test_a_two_letter_word_is_no_place_name():
    from salvo.extract.lexicon import lexicon_for
    from salvo.packs import load_pack

    names = lexicon_for(load_pack()).places[2]
    assert "k1" in names and "al" not in names and "us" not in names


def test_the_town_of_an_official_who_confirmed_the_attack_is_no_second_place():
    x = ex("Two drones hit Ain al-Asad air base on Tuesday night. A security official in Baghdad "
           "confirmed the attack to reporters.", published="2024-07-17")
    assert [m.place_ref.text for m in _attacks(x)] == ["Ain al-Asad air base"]


def test_a_station_cue_names_only_the_place_right_after_it():
    x = ex("A rocket hit a base near Kirkuk on Friday, killing a contractor. Taji also hosts "
           "coalition trainers, and some 300 Danish personnel are stationed in Iraq.", published="2019-12-30")
    assert [m.place_ref.text for m in _attacks(x)] == ["a base"]


def test_what_rockets_were_fired_at_from_a_launch_area_is_a_target():
    x = ex("A monitor said on Monday that four rockets were fired from Iraqi soil at the Kharab "
           "al-Jir base in Syria.", published="2024-05-07")
    assert [m.place_ref.text for m in _attacks(x)] == ["Kharab al-Jir base"]


def test_a_site_named_as_an_area_situates_the_base_it_holds():
    x = ex("A drone hit the Qasrak base, in the Rmelan area, on Saturday and set a fire.",
           published="2024-06-10")
    assert [m.place_ref.text for m in _attacks(x)] == ["Qasrak base"]


def test_unnamed_targets_in_two_provinces_are_two_attacks():
    """"a convoy ... in the province of Babylon" and "a convoy ... in Dhi Qar province" on one day:
    the unnamed target's place is known by its province (Place.key), so they are two attacks."""
    x = ex("Early on Friday a roadside bomb damaged a convoy of the US-led coalition near a bridge in the "
           "province of Babylon. Later that Friday another device went off beside a convoy of the US-led "
           "coalition on a desert road in Dhi Qar province.",
           published="2021-01-22")
    assert sorted(m.place_ref.admin1_hint for m in _attacks(x)) == ["Babylon", "Dhi Qar"]


def test_a_region_named_by_whose_it_is_is_no_province():
    x = ex("Rockets hit late Monday near the airport in the city of Erbil in Iraq's semi-autonomous "
           "Kurdish-run region and a nearby base hosting US troops, officials said.", published="2021-02-16")
    assert len(_attacks(x)) == 1


def test_a_wire_photo_caption_of_the_aftermath_is_the_attack_told():
    text = ("Rockets struck a base hosting US troops at the airport in Erbil late Monday, officials said. "
            "Workers clear debris after the rocket attacks in Erbil, Iraq, Tuesday, Feb. 16, 2021. A militia "
            "claimed the attack.")
    assert [a.date.event_date for a in _attacks(ex(text, published="2021-02-16"))] == ["2021-02-15"]
