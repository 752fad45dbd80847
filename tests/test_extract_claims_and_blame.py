"""Who did it and on what basis: a group's own claim, an official's blame, neither.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex

from salvo.extract.actors import basis, perpetrator
from salvo.extract.lexicon import lexicon_for
from salvo.packs import load_pack

LEX = lexicon_for(load_pack())


def _who(text: str) -> tuple:
    a = perpetrator(text, LEX)
    return (a.name if a else None), basis(text, LEX, a)


def test_a_group_the_pack_does_not_know_claims_under_the_name_the_text_gives():
    assert _who("An armed faction calling itself Guardians of the Valley claimed responsibility for it.") \
        == ("Guardians of the Valley", "claimed")
    x = ex("Three rockets hit Ain al-Asad Air Base on Thursday. A little-known militia called "
           "Sons of the Euphrates claimed responsibility.")
    assert [(m.actor1, m.actor1_basis) for m in x.mentions] == [("Sons of the Euphrates", "claimed")]


def test_a_channel_associated_with_a_group_reporting_is_no_claim_or_blame():
    assert _who("Radio Haq, a news channel associated with the Iraqi Popular Mobilization Units, "
                "reported that drones had struck the base.") == (None, "unknown")


def test_the_group_struck_is_no_doer():
    assert _who("The raid came after US jets killed three members of Kataib Hezbollah near al-Qaim.")[0] is None


def test_plural_and_listed_negations_of_a_claim():
    for text in ("There were no immediate claims of responsibility for the barrage by Kataib Hezbollah.",
                 "No person or group has claimed the attack, which Kataib Hezbollah praised."):
        assert _who(text)[1] != "claimed", text


def test_an_outside_view_is_no_attribution():
    assert _who("Analysts believe the strikes are part of a campaign by Kataib Hezbollah.")[1] == "unknown"
    assert _who("Officials blamed Kataib Hezbollah; analysts believe the group wants leverage.")[1] == "attributed"


def test_a_claim_denied_so_far_or_immediately_is_no_claim_in_both_packs():
    for pack in ("us_forces_iraq_syria", "red_sea_shipping"):
        lex = lexicon_for(load_pack(pack))
        for said in ("No group has so far claimed the strike.", "No faction has immediately claimed it."):
            assert lex.claim_neg.search(said), (pack, said)
