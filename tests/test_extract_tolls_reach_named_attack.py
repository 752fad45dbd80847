"""A toll told a few sentences after two attacks reaches the one whose place it names; zero tolls
told of two sides at once; a teaser widget inside a story does not end it.

Each report is written for the test in its own words (salvo/extract/NOTES.md, round us15)."""

from __future__ import annotations

from conftest import ex

from salvo.extract.lexicon import lexicon_for
from salvo.extract.outcomes import Casualties
from salvo.extract.sentences import split_sentences
from salvo.packs import load_pack

CAS = Casualties(lexicon_for(load_pack()))


def _attacks(x):
    return sorted((m for m in x.mentions if m.kind == "attack"), key=lambda m: m.place_ref.text)


def test_a_zero_toll_naming_one_place_goes_to_that_attack_told_earlier():
    x = ex("On Tuesday evening missiles hit Ain al-Asad air base in western Iraq and landed near the "
           "US consulate in Erbil, the Pentagon said. "
           "Officials were still assessing the damage at both sites. "
           "A spokesman declined to say which units had been on duty. "
           "He said more details would come in the morning. "
           "Local television showed smoke over the desert. "
           "There were no casualties reported in Erbil.",
           published="2020-01-08")
    asad, erbil = sorted(_attacks(x), key=lambda m: "Erbil" in m.place_ref.text + m.place_ref.context)
    assert "Erbil" in erbil.place_ref.text + erbil.place_ref.context and "Asad" in asad.place_ref.text
    assert (erbil.killed, erbil.injured) == (0, 0)
    assert (asad.killed, asad.injured) == (None, None)


def test_a_toll_far_from_any_attack_and_naming_no_place_is_still_dropped():
    x = ex("On Tuesday evening missiles struck Ain al-Asad air base in western Iraq, the Pentagon said. "
           "Officials were still assessing the damage. "
           "A spokesman declined to say which units had been on duty. "
           "He said more details would come in the morning. "
           "Local television showed smoke over the desert. "
           "There were no casualties reported.",
           published="2020-01-08")
    (a,) = _attacks(x)
    assert (a.killed, a.injured) == (None, None)


def test_no_troops_of_either_side_killed_or_wounded_is_zero():
    assert CAS.of("No American or partner troops were killed or wounded in the barrage.") == (0, 0)
    assert CAS.of("No U.S. and allied personnel were injured or killed, the command said.") == (0, 0)


def test_a_teaser_line_inside_the_story_does_not_end_it():
    text = ("A drone struck the base at dawn.\n\n"
            "You may also like to watch: Ten facts about desert weather patterns\n\n"
            "Officials said later that a second drone had been shot down over the perimeter before it could "
            "reach the hangars, and that the damage from the first was limited to a fence and a parked truck.\n")
    sents = [s.text for s in split_sentences(text, teaser=lexicon_for(load_pack()).teaser)]
    assert any("second drone" in s for s in sents)
    assert not any("desert weather" in s for s in sents)


def test_a_teaser_line_then_a_subheading_inside_the_story_does_not_end_it():
    text = ("A drone struck the base at dawn.\n\n"
            "Also read: Ten facts about desert weather patterns\n\n"
            "A month of drone raids\n\n"
            "Officials said later that a second drone had been shot down over the perimeter before it could "
            "reach the hangars, and that the damage from the first was limited to a fence and a parked truck.\n")
    sents = [s.text for s in split_sentences(text, teaser=lexicon_for(load_pack()).teaser)]
    assert any("second drone" in s for s in sents)


def test_a_teaser_line_followed_by_a_list_of_links_still_ends_the_story():
    text = ("A drone struck the base at dawn.\n\n"
            "You may also like: Ten facts about desert weather patterns\n\n"
            "Another rocket hits a convoy\n"
            "Officials meet in the capital\n")
    sents = [s.text for s in split_sentences(text, teaser=lexicon_for(load_pack()).teaser)]
    assert sents == ["A drone struck the base at dawn."]
