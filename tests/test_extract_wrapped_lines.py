"""Hard-wrapped text (a line break inside a sentence, which cleaning keeps as a paragraph break)
is one sentence: the attack told across the break is read whole. Headlines and paragraphs that end
their sentence stay apart.

Each report is written for the test in its own words (salvo/extract/NOTES.md logs the rounds)."""

from __future__ import annotations

from conftest import ex


def _sentences(text: str) -> list[str]:
    from salvo.extract.sentences import split_sentences

    return [s.text for s in split_sentences(text)]


def test_a_line_broken_before_a_lower_case_word_goes_on():
    assert _sentences("Late on Monday three rockets hit a\n\nlogistics hub near the airport.") == [
        "Late on Monday three rockets hit a\n\nlogistics hub near the airport."]


def test_a_line_ending_on_a_preposition_goes_on_before_a_name():
    assert len(_sentences("Two drones came down in the vicinity of\nAin al-Asad on Friday.")) == 1


def test_headlines_and_finished_paragraphs_stay_apart():
    assert _sentences("Drones hit a base in Syria\n\nThe attack came at dawn.\n\nnobody was hurt.") == [
        "Drones hit a base in Syria", "The attack came at dawn.", "nobody was hurt."]


def test_an_attack_told_across_a_wrapped_line_is_read():
    x = ex("Officials said three rockets landed on Monday on a\n\ncompound used by coalition advisers "
           "close to Baghdad International Airport.", published="2019-12-10")
    assert [(m.place_ref.text, m.date.event_date) for m in x.mentions if m.kind == "attack"] == [
        ("Baghdad International Airport", "2019-12-09")]


def test_a_line_ending_on_an_abbreviation_goes_on_in_lower_case():
    # (a page that breaks its paragraphs after "U.S.": the sentence and its day go on)
    assert _sentences("Mourners buried two fighters killed in a U.S.\n\nraid on Tuesday.") == [
        "Mourners buried two fighters killed in a U.S.\n\nraid on Tuesday."]
    assert len(_sentences("The rockets were aimed at the U.S.\n\nThe embassy said nothing.")) == 2
