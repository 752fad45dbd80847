"""Extraction rules added after reading the fixture misses; short reports written for these tests."""

from __future__ import annotations

from salvo.extract import extract_article
from salvo.model import Article
from salvo.packs import load_pack

PACK = load_pack()


def ex(text: str, published="2023-11-10"):
    return extract_article(Article(article_id="t", text=text, raw_text=text, published=published), PACK)


def places(x, kind=None):
    return sorted(m.place_ref.text for m in x.mentions if kind is None or m.kind == kind)


def test_apposition_names_the_generic_base():
    x = ex("The group said its fighters fired rockets at a US base in Anbar province, an apparent "
           "reference to Ain al-Asad, on Thursday.")
    assert places(x) == ["Ain al-Asad"]


def test_summary_gives_way_to_details_and_stays_without_them():
    x = ex("Militants attacked two bases housing US troops in eastern Syria on Thursday. "
           "Rockets hit the Conoco gas field and the Green Village base.")
    assert places(x) == ["Conoco gas field", "Green Village base"]
    alone = ex("Militants attacked two bases housing US troops in eastern Syria on Thursday.")
    # (the bases, placed by the region they are in)
    assert [(m.place_ref.text, m.place_ref.context) for m in alone.mentions] == [
        ("bases", "housing US troops in eastern Syria")]


def test_response_target_list_after_the_strike():
    x = ex("US warplanes struck dozens of targets in Iraq and Syria on Friday, Central Command said. "
           "The targets included sites in al-Qaim and in Abu Kamal and al-Mayadin.")
    ms = [m for m in x.mentions if m.kind == "response"]
    assert sorted(m.place_ref.text for m in ms) == ["Abu Kamal", "al-Mayadin", "al-Qaim"]
    assert all(m.date.event_date == "2023-11-10" and m.weapon == "air_strike" for m in ms)


def test_earlier_attack_in_a_subordinate_clause_gets_its_own_day():
    x = ex("US jets hit a weapons depot near Abu Kamal on Thursday, one day after a drone attack on "
           "the al-Tanf garrison wounded two soldiers.")
    by_place = {m.place_ref.text: m for m in x.mentions}
    tanf = by_place["al-Tanf garrison"]
    assert tanf.kind == "attack" and tanf.date.event_date == "2023-11-08" and tanf.injured == 2
    assert any(m.kind == "response" and m.date.event_date == "2023-11-09" for m in x.mentions)


def test_listed_casualties_add_up_and_a_verb_stops_the_list():
    (m,) = ex("A rocket hit Camp Taji on Monday, killing two soldiers and a contractor.").mentions
    assert m.killed == 3
    (m,) = ex("A drone hit the al-Tanf garrison on Monday, killing one and wounding four.").mentions
    assert (m.killed, m.injured) == (1, 4)


def test_day_of_month_is_not_a_count_and_operating_areas_are_not_targets():
    x = ex("Talks resumed after the Nov. 3 rocket attack on Ain al-Asad air base.")
    assert [m.munitions for m in x.mentions] == [None]
    x = ex("Rockets hit the Green Village base on Monday. The attack bore the hallmarks of Iran-backed "
           "militias that operate around al-Mayadin and Abu Kamal, a monitor said.")
    assert places(x) == ["Green Village base"]
    assert x.mentions[0].actor1_basis == "attributed"


def test_the_same_base_and_neither_attack():
    x = ex("Rockets hit Mission Support Site Euphrates on Friday. On Thursday, a drone struck the same "
           "base. Neither attack caused injuries.")
    ms = sorted(x.mentions, key=lambda m: m.date.event_date)
    assert [m.date.event_date for m in ms] == ["2023-11-09", "2023-11-10"]
    assert {m.place_ref.text for m in ms} == {"Mission Support Site Euphrates"}
    assert ms[1].injured == 0


def test_rejected_account_of_the_place_is_no_second_event():
    x = ex("A drone hit Tower 22 in Jordan on Sunday. Officials there initially said the strike hit "
           "the al-Tanf garrison, an account US officials rejected.")
    assert places(x) == ["Tower 22"]


def test_weapons_named_as_targets_are_not_the_weapon_used():
    (m,) = ex("US forces struck drone and rocket storage sites near al-Qaim on Friday.").mentions
    assert m.kind == "response" and m.weapon != "drone"


def test_running_total_and_breakdown():
    x = ex("US forces were attacked 12 times in Iraq and Syria since Oct. 17, with seven of those "
           "attacks in Iraq and five in Syria. Two more followed, bringing the total to 14 attacks, "
           "a Pentagon spokesman said.")
    got = {(t.what, t.count): t for t in x.tallies}
    assert ("attacks", 12) in got and ("attacks", 14) in got
    assert got[("attacks", 12)].breakdown == {"Iraq": 7, "Syria": 5}
    assert x.mentions == ()
