"""Remarks on the attacks in general, and strikes in other conflicts of the same region, are no
events of the record. Reports written for the test."""

from __future__ import annotations

from salvo.extract import extract_article
from salvo.model import Article
from salvo.packs import load_pack

PACK = load_pack()


def ex(text: str, published="2023-11-10"):
    return extract_article(Article(article_id="t", text=text, raw_text=text, published=published), PACK)


def attacks(text: str, published="2023-11-10"):
    return [m for m in ex(text, published).mentions if m.kind == "attack"]


def test_a_trend_of_attacks_is_no_event():
    assert attacks("Militias backed by Iran have stepped up their drone attacks on bases in Syria since October.") == []
    assert attacks("Night-time rocket attacks on the Green Zone in Baghdad have become commonplace this year.") == []
    assert attacks("The strikes in Syria have mostly targeted al-Tanf garrison and the Conoco gas field.") == []


def test_a_share_of_a_count_is_no_event():
    assert attacks("Thirty of the attacks took place in Syria, the spokesman said.") == []
    # one attack of several, named as such, is still about one of them
    x = ex("Two rockets hit al-Tanf garrison on Monday. Officials blamed Kataib Hezbollah for one of the attacks.")
    assert [m.actor1 for m in x.mentions] == ["Kata'ib Hezbollah"]


def test_a_strike_on_another_partys_site_near_a_us_one_is_no_attack():
    assert attacks("The Guards said on Monday they had hit what they called an Israeli spy headquarters near the "
                   "US consulate in Erbil.") == []
    assert attacks("A drone struck the Khor Mor gas field in Sulaymaniyah province on Friday, killing four workers.") == []


def test_us_facilities_not_struck_is_no_event():
    assert attacks("No American facilities were hit by the missiles on Monday, a US official said.") == []


def test_a_us_drone_attack_and_us_forces_attacking_are_responses():
    x = ex("Tensions have risen since a militia leader was killed in a US drone attack near Baghdad airport on Nov. 2.")
    assert [m.kind for m in x.mentions] == ["response"]
    x = ex("The attack came a day after U.S. forces attacked suspected launch sites near al-Mayadin on Thursday.")
    assert {m.kind for m in x.mentions} <= {"response"}


def test_another_sides_site_destroyed_and_the_toll_told_after_it():
    text = ("The Guards said a Mossad headquarters in the Kurdistan region was destroyed with missiles on Monday. "
            "At least three civilians were killed in the strikes on Erbil, officials said.")
    assert attacks(text) == []


def test_the_capital_a_distance_is_measured_from_is_no_place():
    x = ex("On Tuesday rockets hit Ain al-Asad air base, near al-Baghdadi and about 190 km northwest of the "
           "capital Baghdad.")
    assert [m.place_ref.text for m in x.mentions] == ["Ain al-Asad air base"]


def test_one_attack_singled_out_of_many_with_its_day_is_an_event():
    x = ex("The most serious of these recent attacks occurred Oct. 18 at al-Tanf garrison, where drones "
           "targeted the base.")
    assert [(m.place_ref.text, m.date.event_date) for m in x.mentions] == [("al-Tanf garrison", "2023-10-18")]
    assert attacks("These recent attacks have hit al-Tanf garrison, officials said.") == []


def test_a_strike_whose_toll_counts_militia_fighters_is_no_attack_on_us_forces():
    assert attacks("A monitoring group said on Thursday that an unclaimed strike near Abu Kamal killed "
                   "seven pro-Iran fighters.") == []


def test_a_toll_of_us_troops_keeps_the_attack():
    assert len(attacks("A drone struck the al-Tanf garrison on Thursday, wounding three US soldiers.")) == 1


def test_the_groups_own_attack_with_a_toll_among_its_fighters_stays_an_attack_when_a_us_base_is_hit():
    got = attacks("Kataib Hezbollah fighters fired rockets at Ain al-Asad air base on Thursday; return fire "
                  "killed two Kataib Hezbollah members.")
    assert len(got) == 1


def test_a_report_that_never_names_the_us_side_or_a_site_of_theirs_tells_no_attack():
    assert attacks("Drones bombed a highway in Erbil province on June 8, injuring three civilians, local "
                   "officials said. Missiles hit the Shekhan district of Duhok on Tuesday.") == []


def test_a_state_named_as_the_doer_does_not_place_such_a_report_in_the_theater():
    assert attacks("Iran fired missiles and drones at opposition party camps near Koya on Wednesday, "
                   "killing nine people, Kurdish officials said.") == []


def test_a_theater_group_claiming_keeps_the_attack_of_a_report_without_the_us_side():
    got = attacks("Rockets hit an air base in Anbar on Tuesday. Kataib Hezbollah claimed responsibility.")
    assert len(got) == 1


def test_an_attack_on_the_posts_of_those_militias_is_no_attack_on_us_forces():
    assert attacks("Explosions shook Abu Kamal, a town held by Iran-backed militias, near a US-led coalition "
                   "area on Monday. A rocket attack targeted the positions and posts of those militias.") == []
