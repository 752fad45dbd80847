"""Tolls of people listed by side or nationality: "one British and two American soldiers were
killed" is three, "killing two Americans and a Briton" is three. Each sentence is written for the
test in its own words (salvo/extract/NOTES.md, round us15)."""

from __future__ import annotations

from salvo.extract.lexicon import lexicon_for
from salvo.extract.outcomes import Casualties
from salvo.packs import load_pack

CAS = Casualties(lexicon_for(load_pack()))


def test_the_noun_of_the_first_people_told_only_with_the_last():
    assert CAS.of("One Dutch and two American soldiers were killed when rockets hit the camp.") == (3, None)
    assert CAS.of("Two Iraqi and three US troops were wounded in the barrage.") == (None, 5)
    # the first count with its own noun still counts alone when nothing is listed
    assert CAS.of("Two soldiers were killed and one was hurt.")[0] == 2


def test_a_briton_is_one_of_the_people_killed():
    assert CAS.of("The barrage killed two Americans and one Briton on Tuesday night.") == (3, None)
    assert CAS.of("Three Brits were wounded in the attack.") == (None, 3)
