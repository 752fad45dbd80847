"""Whose strike a clause tells: an attack on US forces, a US response, or another party's.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex, got

NOV10 = "2023-11-10"  # the publication day these reports were written against


def test_another_partys_drone_is_not_this_theaters_attack():
    x = ex("A U.S. jet downed an armed Israeli drone near Hasakah on Tuesday, close to American troops.")
    assert not x.mentions


def test_the_strike_told_paragraphs_later_is_still_the_response():
    x = ex("U.S. jets struck a depot in Deir ez-Zor province on Monday. A photo caption.\n\nSomething else.\n\n"
           "More reactions came.\n\nA monitor said the strike hit a site near al-Mayadin and killed seven fighters.")
    assert {m.kind for m in x.mentions} == {"response"}


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


def test_militia_named_before_its_reasons_is_still_the_attacker():
    x = ex("Tehran-aligned fighters fired drones toward al-Tanf garrison on Tuesday in retaliation for the "
           "war in Gaza, a monitor said.", published=NOV10)
    assert [m.kind for m in x.mentions] == ["attack"]


def test_aircraft_and_a_struck_militia_make_a_response():
    x = ex("On Wednesday, long-range bombers struck 30 targets near Abu Kamal in Syria, officials said.", published=NOV10)
    assert got(x) == [("response", "Abu Kamal", "2023-11-08")]
    x = ex("US jets bombed a depot near al-Qaim on Monday. On Nov. 2, a strike on a Kataib Hezbollah "
           "compound in Baghdad killed two of its members.", published=NOV10)
    assert ("response", "Baghdad", "2023-11-02") in got(x)


def test_attack_on_a_militia_by_an_unnamed_party_is_no_event():
    x = ex("Unidentified drones struck trucks belonging to the Popular Mobilization Forces near al-Qaim on Sunday.", published=NOV10)
    assert x.mentions == ()


def test_headline_passive_with_the_convoy_between_is_an_attack_on_us_forces():
    x = ex("US Forces Supply Convoy Attacked Near Basra\n\nA roadside bomb hit the convoy near Basra on Friday.")
    assert [m.kind for m in x.mentions] == ["attack"]


def test_fighters_counted_by_their_side_are_the_ones_a_strike_hit():
    x = ex("US jets struck militia depots near Qaim on Friday, the Pentagon said. A monitoring group said "
           "eleven Iran-backed fighters were killed in strikes on depots in Abu Kamal.")
    assert {m.kind for m in x.mentions} == {"response"}


def test_a_group_speaking_of_its_own_positions_hit_tells_no_attack():
    x = ex("US aircraft bombed targets near Qaim late on Friday. Kataib Hezbollah said several of its "
           "positions in Qaim had been hit, and that funerals would be held on Sunday.", published="2024-02-03")
    assert [(m.kind, m.date.event_date) for m in x.mentions] == [("response", "2024-02-02")]


def test_what_happened_since_is_its_own_clause():
    """"The attacks come as anger has run high since the US killed X in Baghdad": the killing is the
    US side's strike, not an attack on US forces at Baghdad."""
    x = ex("The convoy attacks come as anger has run high since the US killed a militia commander in Baghdad "
           "on January 3, 2020.", published="2021-01-22")
    assert not [m for m in x.mentions if m.kind == "attack"]
