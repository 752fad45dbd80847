"""Strikes on the other sides of the region: a state's missiles that fell near a US site, rockets
on the posts of militias told just before.

Each report is written for the test in its own words (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex


def _attacks(x) -> list[str]:
    return [m.place_ref.text for m in x.mentions if m.kind == "attack"]


def test_a_states_strike_told_by_the_us_site_it_fell_near_is_no_attack_on_it():
    x = ex("On Monday the Revolutionary Guards said their missiles hit buildings close to the American "
           "consulate in Erbil.", published="2024-01-16")
    assert _attacks(x) == []
    # the same state firing at the site itself is an attack on it
    y = ex("On Monday Iran fired missiles at the American consulate in Erbil.", published="2024-01-16")
    assert _attacks(y) == ["American consulate in Erbil"]
    # a group of the theater striking near the site is still an attack
    z = ex("On Monday rockets launched by Kataib Hezbollah struck close to the American consulate in Erbil.",
           published="2024-01-16")
    assert len(_attacks(z)) == 1


def test_rockets_on_the_posts_of_militias_told_before_are_another_sides_war():
    x = ex("Blasts shook the desert east of Abu Kamal on Sunday. Monitors said a rocket barrage had "
           "targeted the positions and posts of these militias outside Abu Kamal. Coalition troops are "
           "based further north in Syria.", published="2023-06-12")
    assert _attacks(x) == []


def test_a_told_attack_whose_dead_are_a_militias_men_struck_that_militia():
    x = ex("A drone strike hit a pickup in eastern Baghdad late on Tuesday, police said. Witnesses said "
           "the strike killed a Kataib Hezbollah commander and his driver. The militias have fired at "
           "US forces for months.", published="2024-02-08")
    assert _attacks(x) == []
    # an attack on a US target keeps its event whatever else it killed
    y = ex("A drone hit Ain al-Asad Air Base, which houses US troops, on Tuesday. Iraqi officers said the "
           "drone also killed a shepherd grazing sheep nearby.", published="2024-02-08")
    assert len(_attacks(y)) == 1


def test_the_vehicle_a_group_used_is_what_was_struck_not_who_struck():
    from salvo.extract.actors import perpetrator
    from salvo.extract.lexicon import lexicon_for
    from salvo.packs import load_pack

    lex = lexicon_for(load_pack())
    assert perpetrator("The drone targeted a vehicle operated by Iraq's Hashd al-Shaabi near the bridge.", lex) is None


def test_a_states_strike_on_a_city_where_us_officials_say_no_us_site_was_hit_is_no_attack():
    x = ex("The Revolutionary Guards said on Monday they had fired ballistic missiles at what they called "
           "enemy intelligence offices in Erbil. Two U.S. officials said no U.S. personnel or facilities "
           "were affected. The U.S. State Department condemned the strikes.", published="2024-01-16")
    assert _attacks(x) == []
    # the same state's missiles fired at a base housing US troops are an attack on them
    y = ex("The Revolutionary Guards said on Monday they had fired ballistic missiles at a base housing "
           "U.S. troops near Erbil.", published="2024-01-16")
    assert len(_attacks(y)) == 1


def test_a_states_missiles_on_a_city_near_a_us_site_are_no_attack_on_it_across_sentences():
    x = ex("Iran fired ballistic missiles late Monday at what it called an enemy spy centre near the U.S. "
           "Consulate in Erbil. Three civilians died when the missiles struck a villa near the consulate "
           "in Erbil, local officials said.", published="2024-01-16")
    assert _attacks(x) == []
    # rockets with no doer named that strike near the consulate are still an attack on it
    z = ex("Rockets struck near the U.S. Consulate in Erbil late Monday. Three civilians died when a rocket "
           "hit a villa near the consulate in Erbil, local officials said.", published="2024-01-16")
    assert len(_attacks(z)) == 1
    # the same state's missiles on a base of the gazetteer are an attack on it, US side named or not
    y = ex("Iran fired ballistic missiles late Monday at Ain al-Asad air base in Anbar.", published="2024-01-16")
    assert _attacks(y) == ["Ain al-Asad air base"]


def test_the_strike_named_again_after_another_partys_strike_is_that_partys():
    x = ex("A Turkish drone hit a pickup truck in Hasakah province on Tuesday, a monitor said. Two SDF "
           "fighters were travelling in it. The drone strike targeted the truck near the coalition base "
           "at Rumalyn.", published="2022-09-27")
    assert _attacks(x) == []
    # rockets told after it, with no article pointing back, are a new attack
    y = ex("A Turkish drone hit a pickup truck in Hasakah province on Tuesday, a monitor said. Two SDF "
           "fighters were travelling in it. Hours later rockets struck the coalition base at Rumalyn.",
           published="2022-09-27")
    assert len(_attacks(y)) == 1


def test_an_attack_by_another_party_named_after_it_is_theirs():
    x = ex("A policeman was killed in Diyala province on Tuesday in a suspected attack by the Islamic State, "
           "a security source said. Baghdad is in talks with the United States on ending the coalition mission.")
    assert not [m for m in x.mentions if m.kind == "attack"]
