"""Dates, casualties and blame in phrasings other outlets use. Reports written for the test."""

from __future__ import annotations

from salvo.extract import extract_article
from salvo.extract.lexicon import lexicon_for
from salvo.extract.outcomes import Casualties
from salvo.model import Article
from salvo.packs import load_pack

PACK = load_pack()
CAS = Casualties(lexicon_for(PACK))


def ex(text: str, published="2023-11-10"):
    return extract_article(Article(article_id="t", text=text, raw_text=text, published=published), PACK)


def test_weekday_followed_by_a_count_is_still_the_day():
    x = ex("On Thursday, 12 rockets were fired at Ain al-Asad air base, the army said.")
    assert [m.date.event_date for m in x.mentions] == ["2023-11-09"]


def test_injuries_told_after_the_cause_and_while_suffering():
    assert CAS.of("rockets hit the base, causing light injuries to three soldiers")[1] == 3
    assert CAS.of("the blast left four US troops suffering minor wounds")[1] == 4


def test_no_other_reported_casualties_is_zero():
    assert CAS.of("There were no other reported casualties from the attacks.") == (0, 0)
    assert CAS.of("Neither resulted in reports of casualties.") == (0, 0)


def test_bare_neither_applies_to_both_attacks_just_told():
    x = ex("On Tuesday drones struck Bashur airfield in Iraq and rockets hit Shaddadi base in Syria. "
           "Neither resulted in any casualties.")
    assert sorted((m.killed, m.injured) for m in x.mentions) == [(0, 0), (0, 0)]


def test_a_group_holding_the_launch_area_is_not_blamed():
    x = ex("A rocket hit Conoco base on Monday. It was fired from districts where Iran-backed militias are present.")
    assert [m.actor1 for m in x.mentions] == [None]
    x = ex("A rocket hit Conoco base on Monday. It was launched from farmland under the control of Kataib Hezbollah.")
    assert [m.actor1 for m in x.mentions] == [None]
    x = ex("A rocket hit Conoco base on Monday. Officials blamed Kataib Hezbollah for the attack.")
    assert [m.actor1_basis for m in x.mentions] == ["attributed"]


def test_the_group_speaking_for_itself_is_a_claim():
    x = ex("Drones struck al-Tanf garrison on Monday. The Islamic Resistance in Iraq stated that its "
           "drones had hit the garrison.")
    assert [m.actor1_basis for m in x.mentions] == ["claimed"]
    x = ex("Drones struck al-Tanf garrison on Monday, and US officials blamed Kataib Hezbollah.")
    assert [m.actor1_basis for m in x.mentions] == ["attributed"]


def test_the_day_a_claim_names_dates_the_attack_just_told():
    x = ex("A base in Syria's Hasakah province came under drone attack. The Islamic Resistance in Iraq claimed "
           "responsibility for the Wednesday night strikes.")
    assert [m.date.event_date for m in x.mentions] == ["2023-11-08"]


def test_a_province_spelt_two_ways_is_one_province():
    x = ex("A US base in the northeastern province of Hasakah came under attack. The group said its drones "
           "hit the facility at al-Shaddadi.", published="2023-11-08")
    assert len([m for m in x.mentions if m.kind == "attack"]) == 1


def test_a_number_in_an_outlets_name_is_no_count():
    x = ex("A source confirmed to Channel 8 that a drone was shot down near Tal Baydar base on Sunday.")
    assert [m.munitions for m in x.mentions] == [1]


def test_the_attacks_toll_told_after_the_us_answer():
    x = ex("A rocket attack hit Green Village on Monday. US troops fired artillery in response. "
           "There were no injuries from the rocket attack, a spokesman said.")
    assert [(m.kind, m.killed, m.injured) for m in x.mentions if m.kind == "attack"] == [("attack", 0, 0)]


def test_no_casualties_from_the_three_attacks_is_each_ones():
    x = ex("On Wednesday rockets hit Green Village, drones hit Mission Support Site Euphrates and rockets hit "
           "Shaddadi. There were no casualties from the three attacks.")
    assert sorted((m.killed, m.injured) for m in x.mentions) == [(0, 0)] * 3


def test_what_a_summary_says_of_all_its_places_holds_for_each():
    x = ex("On Nov. 1, rocket attacks hit two US bases in eastern Syria and caused no casualties. "
           "The bases targeted were near the Conoco gas field and the al-Omar oilfield.")
    got = sorted((m.place_ref.text, m.weapon, m.killed, m.injured) for m in x.mentions)
    assert got == [("Conoco gas field", "rocket", 0, 0), ("al-Omar oilfield", "rocket", 0, 0)]


def test_a_blame_in_a_statement_is_an_attribution():
    x = ex("Rockets hit Green Village on Monday; in a statement the coalition blamed Iran-supported "
           "militias for the attack.")
    assert [m.actor1_basis for m in x.mentions] == ["attributed"]


def test_a_claim_followed_by_a_vow_is_still_a_claim():
    x = ex("On Tuesday 10 rockets hit an air base in Anbar. A group called Ashab al-Kahf claimed responsibility "
           "and vowed to strike again.")
    assert [m.actor1_basis for m in x.mentions] == ["claimed"]


def test_proxy_and_shia_militia_phrasings_name_the_generic_attacker():
    x = ex("Three soldiers were killed in the Iran proxy drone attack at Tower 22 on Sunday.")
    assert [(m.actor1, m.actor1_basis) for m in x.mentions] == [("Iran-backed militias", "attributed")]
    x = ex("An Iraqi Shia militia attack on Tower 22 on Sunday killed three US soldiers.")
    assert [m.actor1 for m in x.mentions] == ["Iran-backed militias"]


def test_a_channel_associated_with_a_group_does_not_blame_it():
    x = ex("Drones struck Victory base on Tuesday, a Telegram channel associated with the Popular Mobilization "
           "Units reported.")
    assert [m.actor1 for m in x.mentions] == [None]


def test_an_aside_on_who_was_hurt_and_quoted_injuries():
    assert CAS.of("A contractor died and six other people, including a US soldier, were wounded.") == (1, 6)
    assert CAS.of('At least five people suffered "minor injuries" and returned to duty.')[1] == 5


def test_a_channel_associated_with_a_group_that_claims_gives_the_group_the_claim():
    x = ex("Five rockets hit a landing strip near Rumeilan on Sunday. A Telegram group associated with Kataib "
           "Hezbollah claimed responsibility for the attack.")
    assert [(m.actor1, m.actor1_basis) for m in x.mentions] == [("Kata'ib Hezbollah", "claimed")]
