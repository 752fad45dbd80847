"""Rules of round 4 (salvo/extract/NOTES.md, "Round 4", a precision pass): each test is a short
report written for it, phrased differently from the development reports the rule came from."""

from __future__ import annotations

from salvo.extract import extract_article
from salvo.model import Article
from salvo.packs import load_pack

PACK = load_pack()


def ex(text: str, published="2023-12-01"):
    return extract_article(Article(article_id="t", text=text, raw_text=text, published=published), PACK)


def got(x):
    return sorted((m.kind, m.place_ref.text, m.date.event_date) for m in x.mentions)


def test_a_day_count_leading_into_the_next_clause_dates_that_clause():
    # Thursday Nov. 30: the response; the attack it came after was the day before
    x = ex("American jets hit two militia depots on Thursday, barely a day after a drone injured "
           "two soldiers at Harir air base. Officials said the drone struck the base on Wednesday.")
    attacks = [m for m in x.mentions if m.kind == "attack"]
    assert [(m.place_ref.text, m.date.event_date) for m in attacks] == [("Harir air base", "2023-11-29")]


def test_came_days_after_a_doer_and_verb_counts_back():
    x = ex("The group's statement came on Thursday. It came three days after the United States bombed "
           "several depots across Syria as payback for the wounding of four soldiers in Jordan.")
    assert ("response", "Syria", "2023-11-27") in got(x)
    assert not any(m.place_ref.text == "Jordan" for m in x.mentions)  # the reason, not a target


def test_heart_attack_is_no_attack():
    x = ex("A contractor at Ain al-Asad air base died of a suspected heart attack in a shelter on Monday.")
    assert x.mentions == ()


def test_aircraft_as_doer_make_a_response_whatever_they_drop():
    x = ex("US aircraft bombed a militia depot in eastern Syria on Tuesday. Two F-16 jets dropped "
           "four guided bombs on the site, close to the town of Mayadin.")
    assert {m.kind for m in x.mentions} == {"response"}


def test_people_counted_by_their_side_are_the_ones_struck():
    x = ex("A monitoring group said eleven fighters linked to Iran died when the jets struck a depot "
           "near Mayadin on Tuesday.")
    assert {m.kind for m in x.mentions} <= {"response"}


def test_strike_in_a_time_phrase_is_no_doer():
    x = ex("US warplanes struck a depot near Abu Kamal on Tuesday. Within hours of the strike, militants "
           "flew a drone at the Rumalyn landing zone.")
    assert ("attack", "Rumalyn landing zone", "2023-11-28") in got(x)


def test_an_unnamed_facility_right_after_the_attack_is_its_detail():
    x = ex("Drones targeted the al-Tanf garrison on Monday, the military said. Three drones flew at a "
           "compound used by partner forces who patrol the desert nearby.")
    assert got(x) == [("attack", "al-Tanf garrison", "2023-11-27")]


def test_a_place_spared_is_no_event():
    x = ex("Rockets hit Ain al-Asad air base on Monday. The US consulate in Erbil has not been targeted.")
    assert got(x) == [("attack", "Ain al-Asad air base", "2023-11-27")]


def test_a_claim_and_a_blame_for_one_attack_make_one_event():
    x = ex("A drone struck Erbil air base on Monday; officials blamed Kataib Hezbollah. "
           "The Islamic Resistance in Iraq said it had targeted the base at Erbil airport.")
    assert len([m for m in x.mentions if m.kind == "attack"]) == 1


def test_a_first_figure_replaced_by_a_later_one_is_no_tally():
    x = ex("Since Oct. 17 militias have attacked US forces 70 times. The Pentagon first said 30 people "
           "were injured in the attacks, then raised the figure to 45.")
    assert 30 not in {t.count for t in x.tallies}


def test_none_of_its_personnel_hurt_is_zero_casualties():
    from salvo.extract import extract_article
    from salvo.model import Article
    from salvo.packs import load_pack

    t = "Two drones targeted the al-Tanf garrison in Syria on Tuesday. The coalition said none of its personnel were hurt."
    (m,) = extract_article(Article("x", t, t, published="2023-10-20"), load_pack()).mentions
    assert (m.killed, m.injured) == (0, 0)
