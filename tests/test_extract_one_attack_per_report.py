"""One attack, told several times in one report (headline, lead, details), is one event; page
metadata and wiki markup date nothing. Each report here is written for the test."""

from __future__ import annotations

from salvo.extract import extract_article
from salvo.ingest.clean import clean_document
from salvo.model import Article, RawDocument
from salvo.packs import load_pack

PACK = load_pack()


def ex(text: str, published="2023-11-10"):
    return extract_article(Article(article_id="t", text=text, raw_text=text, published=published), PACK)


def attacks(x):
    return sorted((m.place_ref.text, m.date.event_date) for m in x.mentions if m.kind == "attack")


def test_town_told_after_its_airport_is_the_same_attack():
    x = ex("Two rockets struck Erbil International Airport on Tuesday night, the Kurdish interior ministry said. "
           "Residents in Erbil heard loud blasts on Tuesday as the attack unfolded.")
    assert attacks(x) == [("Erbil International Airport", "2023-11-07")]


def test_province_told_before_the_town_is_the_same_attack():
    x = ex("On Thursday a supply convoy for the coalition came under attack in the southern province of Basra. "
           "A security source said a roadside bomb hit the trucks on the road into Zubair on Thursday.")
    got = attacks(x)
    assert len(got) == 1 and got[0][1] == "2023-11-09"


def test_undated_headline_line_joins_the_dated_account_of_the_same_base():
    x = ex("Drones hit al-Tanf garrison\n\nTwo drones struck al-Tanf garrison in Syria on Monday, "
           "a US official said, and nobody was hurt.")
    assert attacks(x) == [("al-Tanf garrison", "2023-11-06")]


def test_two_bases_the_same_day_stay_two_attacks():
    x = ex("On Sunday rockets hit Ain al-Asad air base. On Sunday a drone also struck Harir base in Erbil province.")
    assert len(attacks(x)) == 2


def test_an_earlier_attack_on_the_same_base_keeps_its_own_day():
    x = ex("A drone struck al-Tanf garrison on Wednesday, officials said. On Oct. 20, 2021, "
           "five drones struck the garrison at al-Tanf.", published=None)
    assert len(attacks(x)) == 2


def test_outlet_named_after_a_town_is_no_place():
    x = ex("Rockets hit the Conoco base in Deir ez-Zor on Friday, sources speaking with Al-Mayadeen said.")
    assert [p for p, _ in attacks(x)] == ["Conoco base"]


def test_distance_from_a_city_situates_the_base():
    x = ex("Three rockets fell inside Balad Air Base on Saturday. The rockets fell inside the base, which is "
           "about 80 km north of Baghdad, the army said.")
    assert attacks(x) == [("Balad Air Base", "2023-11-04")]


def test_coalition_against_isis_is_no_other_party_attack():
    x = ex("US forces came under rocket fire on Monday (June 28), an officer of the coalition against the Islamic "
           "State said. The rocket attack targeted a base known as Green Village in Deir ez-Zor.", published=None)
    assert attacks(x) == [("Green Village", "2021-06-28")]


def test_days_ago_counts_back_from_publication():
    x = ex("Four days ago, a rocket attack targeted Erbil International Airport.")
    assert attacks(x) == [("Erbil International Airport", "2023-11-06")]


def test_claim_for_attacks_on_a_day_dates_the_details():
    x = ex("The group claimed attacks on several US bases in Syria on 6 November. It said its drones hit "
           "the base at al-Shaddadi.")
    assert attacks(x) == [("al-Shaddadi", "2023-11-06")]


def _clean(raw: str):
    return clean_document(RawDocument(doc_id="d", raw_text=raw, source_path="d.txt", format="txt", title=raw.split("\n")[0]))


def test_scraped_date_field_and_date_only_lines_are_metadata():
    a = _clean("Title line\n date 2016-03-01 Rockets hit a base near Kirkuk on Friday.\n\n12 March 2021 | 10:15 AM UTC\n\n"
               "Officials said more rockets fell later.")
    assert a.text.startswith("Rockets hit a base near Kirkuk on Friday.")
    assert "2016" not in a.text and "12 March 2021" not in a.text
    assert {r.kind for r in a.removed} >= {"metadata"}


def test_wiki_infobox_and_inline_templates_are_metadata():
    a = _clean("Page\n{{Infobox military operation\n| date = 1 May 2022\n}}\nDrones struck the base on 3 May 2022."
               "{{Cite web|title=x|date=2023-01-09}} Nobody was hurt.")
    assert "2023-01-09" not in a.text and "| date" not in a.text
    assert "Drones struck the base on 3 May 2022." in a.text and "Nobody was hurt." in a.text
    for r in a.removed:
        if r.raw_start >= 0:
            assert a.raw_text[r.raw_start:r.raw_end] == r.text


def test_attack_on_another_side_is_no_event():
    assert ex("The group claimed an attack on Peshmerga fighters near Kirkuk late on Sunday.").mentions == ()
    assert ex("On Monday two drones hit a Peshmerga base in Erbil province, Kurdish officials said.").mentions == ()
    x = ex("On Monday two drones hit a base housing US troops in Erbil province, Kurdish officials said.")
    assert [m.kind for m in x.mentions] == ["attack"]


def test_a_later_sentence_naming_the_base_and_the_day_places_the_attack():
    x = ex("A volley of nine rockets fell near a military base hosting US forces in northern Iraq. "
           "The governor described Thursday's incident near Qayyarah military base as a provocation.")
    assert attacks(x) == [("Qayyarah military base", "2023-11-09")]


def test_the_rockets_told_again_at_the_airport_keep_the_airport_attack_day():
    x = ex("Three rockets landed inside Baghdad airport on Wednesday night, officials said. Last Sunday, two "
           "rockets hit Balad Air Base without causing damage. The rockets landed at a compound near Baghdad "
           "airport, the statement said.")
    assert attacks(x) == [("Baghdad airport", "2023-11-08"), ("Balad Air Base", "2023-11-05")]


def test_the_town_and_its_airport_on_one_day_both_dated_are_one_attack():
    x = ex("On Wednesday night indirect fire was reported in Erbil, the coalition said. Kurdish officials said "
           "six rockets were fired at Erbil International Airport on Wednesday.")
    assert attacks(x) == [("Erbil International Airport", "2023-11-08")]


def test_the_same_base_told_three_times_is_one_attack_but_a_similar_one_stays():
    x = ex("Two mortar rounds crash into al-Tanf garrison\n\nOn Sunday two mortar rounds hit al-Tanf garrison, "
           "officials said. The strike Sunday on al-Tanf garrison was the first in months. Sunday's attack came "
           "a month after a similar attack hit a base in northern Iraq.")
    got = attacks(x)
    assert ("al-Tanf garrison", "2023-11-05") in got and len([p for p, _ in got if p == "al-Tanf garrison"]) == 1
    assert len(got) == 2


def test_a_headline_joins_the_attack_told_with_the_same_noun():
    x = ex("Militants attack another supply convoy in southern Iraq\n\nOn Friday a supply convoy for the coalition "
           "came under attack near Nasiriyah, a source said. A rocket attack targeted Erbil "
           "International Airport two days ago.")
    got = attacks(x)
    assert len(got) == 2 and {p for p, _ in got} == {"Nasiriyah", "Erbil International Airport"}


def test_a_leader_describing_the_attacks_is_no_event():
    x = ex('On Tuesday the regional president described the targeting of bases hosting foreign forces as a '
           '"dangerous escalation".')
    assert attacks(x) == []


def test_a_capitalised_word_opening_a_heading_is_no_base_name():
    x = ex("Iraq: Supply convoy hit by roadside bomb in Diwaniyah, Nov. 8\n\n"
           "A supply convoy for the coalition was hit by a roadside bomb in Diwaniyah on Nov. 8. In an earlier "
           "incident on Nov. 8, another bomb hit a coalition convoy in Basra province.")
    got = attacks(x)
    assert ("Diwaniyah", "2023-11-08") in got and len(got) == 2


def test_headline_base_and_town_with_its_region_fold_into_the_named_air_base():
    # the headline names "<town> base", the lead the town situated by its region, the quote the site
    x = ex("Drones hit troops at Erbil base\n\n"
           "Coalition troops in Erbil, Iraqi Kurdistan, were attacked by drones on Tuesday, the coalition said. "
           "A spokesman wrote on Wednesday: at 10 pm on November 7 two drones attacked the forces at "
           "Erbil Air Base and were shot down.")
    assert attacks(x) == [("Erbil Air Base", "2023-11-07")]


def test_calendar_day_told_beats_the_day_of_the_telling():
    x = ex("A spokesman posted today, Friday, that at 9 pm on November 8 rockets struck Ain al-Asad air base.")
    assert attacks(x) == [("Ain al-Asad air base", "2023-11-08")]


def test_two_bases_named_alike_in_two_towns_stay_two_attacks():
    x = ex("On Tuesday drones struck Harir Air Base and, an hour later, rockets hit Erbil Air Base.")
    assert len(attacks(x)) == 2


def test_a_town_in_the_possessive_situates_the_place_it_owns():
    x = ex("Three rockets fell inside Baghdad's closely guarded International Zone on Friday, US officials said.")
    assert attacks(x) == [("International Zone", "2023-11-10")]


def test_undated_report_weekday_told_is_the_day_a_caption_gives_when_it_fits():
    # no publication date: "on Thursday" bounds nothing; the caption's day was a Thursday
    x = ex("Smoke rises after rockets hit Ain al-Asad air base, March 11, 2021.\n\n"
           "Rockets struck Ain al-Asad air base on Thursday, the coalition said.", published=None)
    assert attacks(x) == [("Ain al-Asad air base", "2021-03-11")]


def test_undated_report_weekday_that_does_not_fit_the_caption_stays_apart():
    x = ex("Smoke rises after rockets hit Ain al-Asad air base, March 11, 2021.\n\n"
           "Rockets struck Ain al-Asad air base on Sunday, the coalition said.", published=None)
    assert len([m for m in x.mentions if m.kind == "attack"]) == 2


def test_rockets_in_the_town_that_owns_the_zone_told_are_the_same_attack():
    x = ex("Rockets fell inside Baghdad's Green Zone on Friday, the military said. A statement said several "
           "rockets had targeted Tahrir Square and the Karrada area in Baghdad, and the Taji base in Baghdad "
           "province, causing no casualties.")
    assert sorted(p for p, _ in attacks(x)) == ["Baghdad's Green Zone", "Taji base"]


def test_the_main_attack_does_not_fold_into_one_told_as_a_day_earlier():
    # an undated report: neither day resolves, so only the wording tells the two apart
    x = ex("On Friday, an IED attack targeted a supply convoy for the US-led coalition in southern Iraq. A day "
           "earlier, a truck working for the coalition was hit by a roadside bomb on the Samawah highway.",
           published=None)
    assert len([m for m in x.mentions if m.kind == "attack"]) == 2


def test_a_count_told_beats_a_no_casualties_told_of_part_of_the_same_attack():
    x = ex("Erbil, March 11, 2021: rockets hit Erbil airport.\n\n"
           "Rockets struck Erbil airport on Thursday, wounding four contractors, US officials said. "
           "Three rockets landed in Erbil town, no casualties reported.", published=None)
    got = [m for m in x.mentions if m.kind == "attack"]
    assert len(got) == 1 and got[0].injured == 4


def test_a_photo_of_the_aftermath_dated_the_day_after_is_the_same_attack():
    x = ex("A house is seen damaged in Erbil after rockets hit areas around Erbil International Airport "
           "on March 4, 2023.\n\nA spokesman said a March 3 rocket attack on a base at the airport "
           "killed a contractor. More than ten rockets were fired toward Erbil International Airport, "
           "three of them hitting the base. On March 4 the ministry said it was looking into a rocket "
           "attack in Iraq that killed a contractor.", published="2023-03-05")
    assert [d for _, d in attacks(x)] == ["2023-03-03"]


def test_an_attack_a_response_answered_takes_no_day_from_the_response():
    x = ex("Rockets hit the Conoco gas field base in Syria on Monday, April 3, officials said.\n\n"
           "On Friday, April 7, US jets struck a depot near Mayadin in retaliation for a recent rocket "
           "attack on the Conoco base that wounded a soldier.", published="2023-04-07")
    assert attacks(x) == [("Conoco gas field base", "2023-04-03")]


def test_a_base_near_a_town_and_the_named_base_told_from_that_town_are_one_attack():
    x = ex("On Tuesday a pair of rockets struck a military base housing American soldiers near the capital "
           "Baghdad, an officer said. The rockets came down on the al-Taji military base, roughly 20 km "
           "north of Baghdad, after dark.", published="2023-11-13")
    assert attacks(x) == [("al-Taji military base", "2023-11-07")]

