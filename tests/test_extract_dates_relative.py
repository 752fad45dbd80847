"""Dates told relative to the report or to each other: timelines, day heads, day counts.

Each test is a short report written for it, phrased differently from the development reports
the rule came from (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex, got


def test_timeline_entries_in_the_present_tense():
    x = ex("Chronology\n\nNov. 3 - Three rockets land inside Ain al-Asad Air Base.\n\n"
           "Nov. 5 - U.S. F-15s bomb a depot near Abu Kamal.")
    assert got(x) == [("attack", "Ain al-Asad Air Base", "2023-11-03"), ("response", "a depot", "2023-11-05")]
    assert "Abu Kamal" in x.mentions[1].place_ref.context
    assert {m.weapon for m in x.mentions} == {"rocket", "air_strike"}


def test_bulleted_day_heads_and_motion_verbs():
    x = ex("Week in review:\n- Nov. 20: Two drones flew toward the al-Shaddadi base; nobody was hurt.")
    assert got(x) == [("attack", "al-Shaddadi base", "2023-11-20")]
    assert x.mentions[0].munitions == 2


def test_a_sentence_that_is_only_a_day_dates_what_follows():
    x = ex("HOST: What happened next?\nGUEST: Right, Thursday. Rockets land near the Conoco site.")
    assert got(x) == [("attack", "Conoco", "2023-11-30")]


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


def test_a_vague_day_count_gives_bounds_not_a_day():
    # published Friday Dec. 1: the Erbil attack was some days before the Thursday drone
    x = ex("A drone struck Harir air base on Thursday. The strike came a few days after rockets hit "
           "Erbil airport, wounding a contractor.")
    erbil = next(m for m in x.mentions if m.place_ref.text.startswith("Erbil"))
    assert erbil.date.event_date is None
    assert erbil.date.date_earliest >= "2023-11-23" and erbil.date.date_latest <= "2023-11-29"
    assert ("attack", "Harir air base", "2023-11-30") in got(x)


def test_less_than_n_days_after_counts_back_within_bounds():
    x = ex("A drone hit al-Tanf on Wednesday. The incident came less than two days after a source said a "
           "rocket had landed at Ain al-Asad Air Base.")
    asad = next(m for m in x.mentions if "Asad" in m.place_ref.text)
    assert asad.date.event_date is None
    assert (asad.date.date_earliest, asad.date.date_latest) == ("2023-11-27", "2023-11-29")


def test_a_day_count_that_would_pass_the_report_counts_back():
    # "two days after" Thursday Nov. 30 would be Dec. 2, after the report: it is Nov. 28
    x = ex("Rockets hit Ain al-Asad Air Base on Thursday, two days after a source in Anbar said one drone "
           "had fallen on the Conoco base.")
    assert ("attack", "Conoco base", "2023-11-28") in got(x)


def test_the_day_of_the_strike_an_attack_came_before_bounds_that_attack():
    x = ex("U.S. jets struck a depot near Deir ez-Zor on Wednesday. Before the strike on the depot on "
           "Wednesday, there were two attacks: drones targeting forces at Bashur, Iraq, and a rocket attack "
           "on forces at al-Shaddadi, Syria.")
    for name in ("Bashur", "al-Shaddadi"):
        m = next(m for m in x.mentions if m.place_ref.text.startswith(name))
        assert m.date.event_date is None and m.date.date_latest == "2023-11-29", name


def test_a_weapon_used_to_target_a_base_is_the_attack_of_its_day():
    # the lead tells the day; the details after it give the time only
    x = ex("An armed drone was used to target Harir air base on Thursday, officials announced. "
           "A statement said that a suicide drone hit Harir air base at 4:10 pm.")
    assert got(x) == [("attack", "Harir air base", "2023-11-30")]


def test_an_undated_report_resolves_weekdays_against_its_latest_full_date():
    text = ("Smoke over the Green Zone in Baghdad, March 3, 2021. (Photo: a reader)\n\n"
            "Three rockets landed near Ain al-Asad Air Base late on Monday, police said. An earlier barrage, "
            "on Jan. 5, 2020, had hit the same base.")
    x = ex(text, published=None)
    assert [(m.place_ref.text, m.date.event_date) for m in x.mentions if m.date.event_date == "2021-03-01"] \
        == [("Ain al-Asad Air Base", "2021-03-01")]
    assert any("latest full date" in n for n in x.notes)
    # with no full date at all, the weekday stays open
    y = ex("Three rockets landed near Ain al-Asad Air Base late on Monday, police said.", published=None)
    assert [m.date.event_date for m in y.mentions] == [None]


def test_a_dateline_heading_an_undated_report_stands_in_for_its_day():
    x = ex("Kirkuk Mar. 2, 2021: the launcher found after the attack.\n\nTwo rockets hit the K1 air base on "
           "Tuesday, police said.", published=None)
    assert [m.date.event_date for m in x.mentions] == ["2021-03-02"]


def test_a_month_told_as_last_or_of_last_year_takes_the_reports_year():
    x = ex("Three rockets hit the Victory base near Baghdad airport at the end of last January, "
           "officials recalled.", published="2024-05-20")
    m = x.mentions[0]
    assert (m.date.date_earliest, m.date.date_latest) == ("2024-01-01", "2024-01-31")
    y = ex("A drone struck al-Tanf in November last year, the spokesman said.", published="2024-05-20")
    assert (y.mentions[0].date.date_earliest, y.mentions[0].date.date_latest) == ("2023-11-01", "2023-11-30")
    # "last May" said in May is the May of the year before
    z = ex("Rockets struck Ain al-Asad last May, the spokesman said.", published="2024-05-20")
    assert z.mentions[0].date.date_earliest == "2023-05-01"


def test_a_wire_datelines_day_before_publication_is_the_day_relative_dates_count_from():
    from salvo.extract import extract_article
    from salvo.ingest.clean import clean_document
    from salvo.model import RawDocument
    from salvo.packs import load_pack

    raw = ("Rockets hit a base in Iraq\n\n2021-05-12 03:10 GMT Wire Service\n\nBAGHDAD, May 11 (Wire) -- Three "
           "rockets hit Ain al-Asad air base on Wednesday, police said.\n")
    art = clean_document(RawDocument(doc_id="w", raw_text=raw, source_path="w.txt", format="txt",
                                     title="Rockets hit a base in Iraq", published="2021-05-12"))
    assert art.dateline == "BAGHDAD, May 11 (Wire)"
    x = extract_article(art, load_pack())
    # written on Tuesday the 11th, published on Wednesday the 12th: "on Wednesday" is the 5th
    assert [m.date.event_date for m in x.mentions if m.kind == "attack"] == ["2021-05-05"]
