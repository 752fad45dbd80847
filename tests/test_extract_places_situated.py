"""Words that situate a target and make no second place: who a base holds before "near X", the
capital named after its description, two sites of one city that an attack was near.

Each report is written for the test in its own words (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex


def _attacks(x) -> list[str]:
    return sorted(m.place_ref.text for m in x.mentions if m.kind == "attack")


def test_the_troops_a_base_holds_stand_between_it_and_what_situates_it():
    x = ex("Late on Monday a drone struck the Harir air base housing coalition personnel near the "
           "city of Erbil.", published="2023-11-07")
    assert _attacks(x) == ["Harir air base"]


def test_the_capital_city_of_a_region_then_its_name_situates_the_base():
    x = ex("A drone hit the Harir base near the capital city of Iraqi Kurdistan, Erbil, late on "
           "Sunday.", published="2023-11-06")
    assert _attacks(x) == ["Harir base"]


def test_an_attack_near_two_sites_of_one_city_is_one_event_with_the_one_told_before():
    x = ex("Rockets were fired at the Baghdad Diplomatic Support Center before dawn on Friday. A US "
           "official said the barrage came down close to the US embassy in Baghdad and the Baghdad "
           "Diplomatic Support Center.", published="2023-12-08")
    assert len(_attacks(x)) == 1


def test_plural_bases_near_two_sites_stay_two_places():
    x = ex("On March 2, two American bases in eastern Syria were hit by rockets. The bases hit lie "
           "close to Tell Beydar and the Qasrak base in Hasakah province.", published="2023-04-20")
    assert len(_attacks(x)) == 2


def test_sites_of_two_provinces_near_which_drones_fell_stay_two():
    x = ex("On Friday drones struck troops in the vicinity of al-Tanf and Ain al-Asad Air Base.", published="2023-12-08")
    assert len(_attacks(x)) == 2


def test_a_launch_point_told_as_a_chain_of_places_is_an_origin_to_its_end():
    from salvo.extract import _finder
    from salvo.extract.lexicon import lexicon_for
    from salvo.packs import load_pack

    pack = load_pack()
    finder = _finder(lexicon_for(pack), pack.path)
    text = "Police said the rockets were launched from an orchard near a village in the Nahrawan district in eastern Baghdad."
    assert [(p.head.text, p.origin) for p in finder.places(text, [])] == [("Nahrawan district", True), ("Baghdad", True)]
    # what a launch struck after the chain is a target again
    struck = "Rockets launched from a farm in the Nahrawan district hit the US embassy in Baghdad."
    assert [p.origin for p in finder.places(struck, []) if p.head.kind == "site"] == [False]
