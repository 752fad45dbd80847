"""One name key for span-finding (salvo.extract) and geocoding (salvo.geo): two spellings of one
place give one key in both, so the extractor and the gazetteer agree on what "the same place" is."""

from __future__ import annotations

import pytest

from salvo.extract import lexicon
from salvo.extract.lexicon import lexicon_for
from salvo.geo import normalize
from salvo.geo.gazetteer import Gazetteer
from salvo.packs import load_pack


def test_one_function():
    assert lexicon.name_key is normalize.name_key


@pytest.mark.parametrize("a, b", [("Ayn al Asad", "Ain al-Asad"), ("Ain Al‑Asad", "ain al asad"),
                                  ("Tal Afar", "Tell Afar"),
                                  ("Qa'im", "Qaim"), ("Iraq's west", "Iraq west")])
def test_spellings_share_a_key(a, b):
    assert normalize.name_key(a) == normalize.name_key(b)


def test_numbers_keep_their_digits():
    # doubled letters fold (Assad/Asad); doubled digits are another number
    assert normalize.name_key("Tower 22") != normalize.name_key("Tower 2")
    assert normalize.name_key("Assad") == normalize.name_key("Asad")


@pytest.mark.parametrize("spelling", ["Ayn al Asad", "Ain al-Asad", "Ain al Assad"])
def test_extractor_and_gazetteer_find_the_same_site(spelling):
    pack = load_pack("us_forces_iraq_syria")
    lex = lexicon_for(pack)
    found = lex.places[1].get(lexicon.name_key(spelling))
    assert found is not None and found.key == "site:ain_al_asad"
    gaz = Gazetteer.load(pack)
    assert "site:ain_al_asad" in {a.entry.entry_id for a in gaz.lookup(normalize.name_key(spelling))}
