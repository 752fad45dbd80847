"""Munitions of a salvo of two kinds, and numbers that count something else than munitions.

"multiple rockets and a suicide drone": the drone's "a" is no count of the salvo; "three rockets and
two drones": five, each kind counted; "attacked two bases with rockets": the two counts bases.
Each sentence is written for the test in its own words (salvo/extract/NOTES.md, round us15)."""

from __future__ import annotations

from conftest import ex

from salvo.extract.lexicon import lexicon_for
from salvo.extract.weapons import munitions_of
from salvo.packs import load_pack

LEX = lexicon_for(load_pack())


def _count(text: str):
    return munitions_of(text, LEX)[0]


def test_a_count_of_one_kind_beside_an_uncounted_kind_is_no_total():
    assert _count("The outpost was hit with several rockets and a one-way drone overnight") is None
    assert _count("a kamikaze drone, as well as rockets, struck the base") is None
    assert _count("they fired two missiles and rockets at the airfield") is None


def test_each_kind_counted_gives_the_salvo_total():
    assert munitions_of("four rockets and a drone were launched at the camp", LEX) == (5, "four rockets and a drone")
    assert _count("the base drew 12 drones and three missiles") == 15
    # a total told of any kind stands
    assert _count("nine projectiles, six rockets and three drones, were fired") == 9
    # one kind told twice is no mix
    assert _count("six rockets and more debris fell near the gate") == 6


def test_a_number_before_a_place_word_counts_the_places():
    assert _count("militants attacked two bases with rockets on Monday") is None
    assert _count("gunmen hit three facilities using drones") is None
    assert _count("the group struck a base with three rockets") == 3


def test_a_mixed_salvo_at_a_named_base_has_no_single_kind_count():
    x = ex("Late on Monday the Harir base in Erbil was attacked with multiple rockets and a suicide "
           "drone, a US official said.", published="2023-11-21")
    assert [m.munitions for m in x.mentions if m.kind == "attack"] == [None]


def test_a_salvo_of_two_kinds_takes_the_kind_named_first():
    from salvo.extract.weapons import weapon_of

    sea = lexicon_for(load_pack("red_sea_shipping"))
    assert weapon_of("struck the tanker with ballistic missiles and drones", sea)[0] == "missile"
    assert weapon_of("struck the tanker with drones and ballistic missiles", sea)[0] == "drone"
    assert weapon_of("fired rockets and a drone at the base", LEX)[0] == "rocket"
