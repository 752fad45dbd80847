"""Official running counts (salvo/extract/tallies.py): the ways reports phrase a count so far, and
the numbers that look like one but are not. Every report here is written for these tests."""

from __future__ import annotations

from salvo.extract import extract_article
from salvo.model import Article
from salvo.packs import load_pack

PACK = load_pack()


def extract(text: str, published="2023-11-13"):
    return extract_article(Article(article_id="t", text=text, raw_text=text, published=published), PACK)


def tallies(text: str, published="2023-11-13"):
    return {(t.what, t.count): t for t in extract(text, published).tallies}


# ---------------------------------------------------------------------- attack counts


def test_a_perfect_passive_with_times_is_a_count_so_far():
    got = tallies("American troops in Syria have been attacked by rockets four times in just over a month, "
                  "a general told reporters.")
    assert set(got) == {("attacks", 4)}


def test_a_count_someone_keeps_or_a_window_of_weeks_is_a_tally():
    got = tallies("The Pentagon is now tracking 19 attacks on American forces in the region.")
    assert set(got) == {("attacks", 19)}
    got = tallies("Militias have struck bases housing U.S. troops 9 times over the past three weeks.")
    assert set(got) == {("attacks", 9)}


def test_the_counted_noun_may_be_left_out():
    got = tallies("The two latest attacks make 52 on American and coalition troops since Oct. 17, "
                  "according to a defense official.")
    assert ("attacks", 52) in got
    assert got[("attacks", 52)].since == "2023-10-17"


def test_a_new_total_named_after_a_long_noun_phrase():
    got = tallies("A mortar barrage in Syria on Sunday brought the total number of attacks on U.S. and allied forces "
                  "in the two countries to 61.")
    assert ("attacks", 61) in got


def test_two_adjectives_before_attacks():
    got = tallies("There have been 88 total recent attacks on the troops in Iraq and Syria, a spokesman said.")
    assert ("attacks", 88) in got


def test_part_of_a_count_since_a_later_day():
    got = tallies("The Pentagon has counted 30 attacks on U.S. forces since Oct. 17. Eight of those attacks "
                  "came after the U.S. airstrikes in eastern Syria on Oct. 26.")
    assert {("attacks", 30), ("attacks", 8)} <= set(got)


def test_an_earlier_figure_keeps_its_own_day():
    # published on Monday 2023-11-13; "Friday" is 2023-11-10
    got = tallies("U.S. forces have been attacked 45 times since Oct. 17, a spokesman said Monday, "
                  "up from 40 on Friday.")
    assert got[("attacks", 45)].as_of == "2023-11-13"
    assert got[("attacks", 40)].as_of == "2023-11-10"


def test_an_earlier_figure_without_its_day_is_left_out():
    got = tallies("U.S. forces have been attacked 45 times since Oct. 17, a spokesman said, up from 40.")
    assert set(got) == {("attacks", 45)}


# ---------------------------------------------------------------------- numbers that are not counts


def test_a_day_of_the_month_is_no_count():
    got = tallies("Doctors are still examining troops hurt since the Jan. 8 missile attacks on the base in Iraq.",
                  published="2020-02-01")
    assert not any(what == "attacks" for what, _ in got)


def test_another_numbers_qualifier_does_not_make_a_tally():
    got = tallies("Insurgents launched four rocket attacks on the U.S. base in Syria on Tuesday, with at least 12 rockets "
                  "landing inside the perimeter.")
    assert ("attacks", 4) not in got


def test_a_days_attacks_are_events_not_a_running_count():
    got = tallies("Militias targeted U.S. positions in Iraq and Syria at least four times on Sunday and Monday, "
                  "security sources said.")
    assert ("attacks", 4) not in got
    got = tallies("Militants hit American positions in Iraq in at least three drone attacks in the past 24 hours, "
                  "officials said on Tuesday.")
    assert ("attacks", 3) not in got


# ---------------------------------------------------------------------- people hurt or killed


def test_injuries_told_as_a_noun_or_an_adjective():
    got = tallies("American personnel in Iraq have suffered about 35 injuries in these attacks, the spokeswoman said.")
    assert ("injured", 35) in got
    got = tallies("So far, 28 injuries have been reported in the attacks on U.S. troops in Syria.")
    assert ("injured", 28) in got
    got = tallies("A Defense Department update on Feb. 1 put it at roughly 70 injured personnel overall "
                  "in the attacks in Iraq and Syria.",
                  published="2024-02-09")
    assert got[("injured", 70)].as_of == "2024-02-01"


def test_a_diagnosis_of_brain_injury_in_quotes():
    got = tallies("As of Friday, 41 service members have been diagnosed with \u201ctraumatic brain injury\u201d "
                  "after the attacks on their bases in Iraq, officials said.")
    assert ("injured", 41) in got


def test_one_attacks_toll_is_no_tally():
    got = tallies("The total casualties include two sailors who were killed in the Dec. 3 attack on the port.")
    assert ("killed", 2) not in got
    got = tallies("One of the drone attacks on the garrison left four US troops with minor injuries, "
                  "the official said.")
    assert ("injured", 4) not in got


def test_people_hurt_in_another_partys_attacks_are_no_tally_of_ours():
    got = tallies("A monitoring group said at least 20 people have been killed and 45 injured in Turkish drone "
                  "attacks in northern Syria since January.")
    assert got == {}


def test_a_number_that_rose_stood_or_was_put_at():
    got = tallies("As of Jan. 20, 23 troops had been injured in the attacks in Iraq. By Feb. 2, the number had risen to 57.",
                  published="2024-02-05")
    assert got[("injured", 23)].as_of == "2024-01-20"
    assert got[("injured", 57)].as_of == "2024-02-02"
    got = tallies("The Pentagon said the number of service members wounded in the attacks in Syria stood at 33.")
    assert ("injured", 33) in got
    got = tallies("Figures given to lawmakers put the number of troops injured in the attacks in Iraq at 140.")
    assert ("injured", 140) in got


def test_the_end_of_one_counts_window_is_not_the_day_of_the_next():
    got = tallies("Militias launched more than 150 attacks on US forces from Oct. 17 through Jan. 31. "
                  "Figures given to the committee put the number of personnel injured in the attacks at 120.",
                  published="2024-03-01")
    assert got[("attacks", 150)].as_of == "2024-01-31"
    assert got[("injured", 120)].as_of == "2024-03-01"


def test_a_number_of_other_things_is_no_tally():
    got = tallies("The number of rockets that hit the U.S. base in Iraq on Monday reached 14, officials said.")
    assert got == {}


def test_an_attack_told_before_a_long_running_total_stays_an_event():
    x = extract("At least 10 rockets hit the Victory base complex in Baghdad, Iraq on Monday, bringing the total "
                "number of attacks on the coalition this month to 6.")
    assert [(t.what, t.count) for t in x.tallies] == [("attacks", 6)]
    assert len(x.mentions) == 1 and x.mentions[0].kind == "attack"


def test_a_count_of_injuries_without_its_own_cue_leaves_the_attack_alone():
    x = extract("The Pentagon said 2 injuries were reported after the drone attack on the base in Syria on Monday.")
    assert x.tallies == () and len(x.mentions) == 1


def test_a_perfect_tense_counts_attacks_so_far():
    got = tallies("Defense officials say there have been 58 attacks on U.S. forces in Iraq and Syria.")
    assert set(got) == {("attacks", 58)}
    got = tallies("Nine attacks on U.S. targets in Iraq have been carried out in six weeks.")
    assert ("attacks", 9) in got


def test_a_total_told_before_its_noun_or_as_a_verb():
    got = tallies("The Tuesday strike on the base in Syria brings to 40 the count of attacks on U.S. forces "
                  "in the region.")
    assert ("attacks", 40) in got
    got = tallies("Attacks on U.S. forces in Iraq and Syria now total 61, a defense official said.")
    assert ("attacks", 61) in got
    got = tallies("About 70 percent of the attacks on U.S. forces in Iraq and Syria now total 12 rockets.")
    assert got == {}


def test_attacks_that_have_wounded_people():
    got = tallies("The attacks on U.S. bases in Iraq and Syria have wounded 56 American troops, the Pentagon said.")
    assert set(got) == {("injured", 56)}


def test_a_comma_ends_the_count_before_a_later_day():
    got = tallies("Militias have attacked U.S. forces in Iraq at least 9 times this month, most recently on "
                  "Friday at Erbil.")
    assert ("attacks", 9) in got


# ---------------------------------------------------------------------- who gave the count


def test_a_place_is_no_speaker():
    got = tallies("Officials said 45 troops were wounded in the attacks on Al Tanf Garrison in Syria since October.")
    assert got[("injured", 45)].speaker is None


def test_the_object_of_a_killing_is_no_speaker():
    got = tallies("The attacks, launched after a drone strike killed Gen. Qassem Suleimani, have left at least 34 "
                  "American troops with injuries since January in Iraq.", published="2020-01-30")
    assert got[("injured", 34)].speaker is None


def test_an_official_named_with_a_title_gives_the_count_without_a_common_speech_verb():
    got = tallies("Brig. Gen. Patrick Ryder, who speaks for the Pentagon, revealed that U.S. forces in Syria and "
                  "Iraq had been attacked at least 16 times since Oct. 17.")
    assert got[("attacks", 16)].speaker == "Patrick Ryder"


def test_a_since_day_without_a_year_is_left_open():
    text = "U.S. forces in Syria and Iraq have been attacked at least 38 times since Oct. 17, officials said."
    assert tallies(text, published=None)[("attacks", 38)].since is None
    assert tallies(text)[("attacks", 38)].since == "2023-10-17"


def test_the_toll_of_two_attacks_told_together_is_theirs_not_a_running_count():
    from conftest import ex

    x = ex("Three American soldiers suffered light injuries during two separate drone attacks on U.S. forces "
           "at Ain al-Asad on Oct. 20.", published="2023-10-26")
    assert tallies("Three American soldiers suffered light injuries during two separate drone attacks on U.S. "
                   "forces at Ain al-Asad on Oct. 20.", published="2023-10-26") == {}
    assert [(m.date.event_date, m.injured) for m in x.mentions if m.kind == "attack"] == [("2023-10-20", 3)]
    # a count with a cue of its own stays a running count
    assert ("injured", 30) in tallies("In total, 30 American soldiers have suffered injuries during two months "
                                      "of drone attacks on U.S. forces.")
