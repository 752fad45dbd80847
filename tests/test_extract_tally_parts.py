"""A running count's parts are no count of their own: the share one country holds, the subset
an "including" names; a count of another party's attacks is no running count of this theater.

Each report is written for the test in its own words (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex, got


def _tallies(x) -> list[tuple[str, int]]:
    return sorted((t.what, t.count) for t in x.tallies)


def test_each_countrys_share_of_the_attacks_is_no_running_count():
    x = ex("US forces have been attacked 61 times since Oct. 17, a spokesman said on Monday. There "
           "have been 33 attacks aimed at U.S. forces in Syria and 28 aimed at U.S. forces in Iraq "
           "over that time.", published="2023-11-21")
    assert ("attacks", 33) not in _tallies(x) and ("attacks", 61) in _tallies(x)


def test_the_subset_an_including_names_is_no_count_of_its_own():
    x = ex("Officials said the attacks on US forces have led to 64 injuries, including at least 30 "
           "U.S. troops who have suffered brain injuries.", published="2023-11-21")
    assert _tallies(x) == [("injured", 64)]


def test_another_partys_attacks_counted_are_no_running_count_here():
    x = ex("The monitor says Turkish drones have carried out a total of 14 attacks on Kurdish towns "
           "of northern Syria this year.", published="2023-05-02")
    assert _tallies(x) == []


def test_attacks_on_us_forces_counted_beside_another_party_stay_a_count():
    x = ex("Since the Israel-Hamas war began, militias have attacked US forces in Iraq and Syria 46 "
           "times, the Pentagon said.", published="2023-11-08")
    assert ("attacks", 46) in _tallies(x)


def test_a_rounded_figure_beside_the_exact_one_is_the_same_count():
    x = ex("Close to 50 US troops hurt in militia attacks\n"
           "The Pentagon said on Tuesday that 47 US troops have been injured in the attacks on US "
           "forces since Oct. 17.", published="2023-11-15")
    assert [t.count for t in x.tallies if t.what == "injured"] == [47]


def test_a_rounded_figure_far_from_the_exact_one_stays():
    x = ex("The Pentagon said on Tuesday that 47 US troops have been injured in the attacks on US "
           "forces since Oct. 17. In all, about 70 US troops have been hurt in such attacks since "
           "2019.", published="2023-11-15")
    assert sorted(t.count for t in x.tallies if t.what == "injured") == [47, 70]


def test_every_part_a_list_after_including_names_is_no_count_of_its_own():
    x = ex("The monitor has counted 88 attacks on bases hosting US troops in Syria since October, "
           "including 30 attacks on the Conoco site, 25 attacks on Green Village and 12 attacks on "
           "Rumalyn.", published="2024-03-02")
    assert ("attacks", 88) in _tallies(x)
    assert not {("attacks", 30), ("attacks", 25), ("attacks", 12)} & set(_tallies(x))
    # two counts with no "including" between them stay two counts
    y = ex("There have been 40 attacks on US forces in Iraq since October and, the Pentagon said, 35 "
           "attacks on US forces in Syria since October.", published="2024-01-10")
    assert {("attacks", 40), ("attacks", 35)} <= set(_tallies(y))


def test_a_figure_told_in_dozens_beside_the_exact_one_is_the_same_count():
    x = ex("Most of the more than four dozen attacks did little harm. The Pentagon said militias have "
           "launched 52 attacks on US forces in Iraq and Syria since Oct. 17.", published="2023-11-12")
    assert [t for t in _tallies(x) if t[0] == "attacks"] == [("attacks", 52)]


def test_the_parts_of_one_days_count_are_that_days_attacks():
    x = ex("Mortar rounds struck near the Baghdad airport overnight, officials said. American troops came under "
           "fire at least four more times on Tuesday - twice at unnamed outposts in Syria, and twice at Erbil "
           "air base, an official said.", published="2023-12-01")
    attacks = got(x, "attack")
    assert ("attack", "Erbil air base", "2023-11-28") in attacks
    # the part known only by its area stays a count
    assert not [a for a in attacks if a[1] in ("Syria", "outposts")]
