"""Every candidate extraction carries its decision and reason (the trace behind `salvo explain`).

Reports here are written for these tests.
"""

from __future__ import annotations

import pytest

from salvo.extract import extract_article
from salvo.extract.decisions import ACTIONS
from salvo.model import Article
from salvo.packs import load_pack


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def _extract(pack, text, published="2024-02-03"):
    return extract_article(Article(article_id="t", raw_text=text, text=text, published=published), pack)


def _by_reason(ex):
    return {t.reason: t for t in ex.trace}


def test_kept_event_and_its_details_share_the_mention(pack):
    ex = _extract(pack, "Three rockets hit Ain al-Asad air base in Iraq on Tuesday, officials said. "
                        "Two contractors were hurt. Kataib Hezbollah claimed the attack.")
    (m,) = ex.mentions
    assert m.reason == "named_place"
    made = [t for t in ex.trace if t.mention_id == m.mention_id]
    assert [t.action for t in made] == ["new_event", "attach_to_told_event", "attach_to_told_event"]
    assert made[1].detail == "added injured"
    assert made[2].reason == "claim_without_place"
    assert made[0].place.text == "Ain al-Asad air base" and made[0].date.event_date == "2024-01-30"


def test_dropped_candidates_say_why(pack):
    ex = _extract(pack, "Kataib Hezbollah threatened to attack US bases in Iraq. "
                        "A Turkish drone struck a car near Qamishli on Monday. "
                        "US forces in Iraq and Syria have been attacked 60 times since Oct. 17, the Pentagon said.")
    assert ex.mentions == ()
    got = {(t.action, t.reason) for t in ex.trace}
    assert ("not_an_attack", "negative_cue") in got
    assert ("other_party", "other_party_weapon") in got
    assert ("tally_only", "running_count") in got
    assert _by_reason(ex)["negative_cue"].detail  # which kind of cue


def test_summary_dropped_at_the_end_when_details_cover_it(pack):
    ex = _extract(pack, "Drones attacked two bases in northeastern Syria on Friday. One drone hit the Conoco "
                        "base in Deir ez-Zor province on Friday, officials said.")
    (m,) = ex.mentions
    assert m.reason == "named_place"
    drop = _by_reason(ex)["summary_covered_by_details"]
    assert drop.action == "dropped" and drop.clause_start == -1 and drop.mention_id != m.mention_id
    made = [t for t in ex.trace if t.reason == "summary_area"]
    assert made and made[0].mention_id == drop.mention_id  # the same candidate, made then dropped


def test_every_mention_is_made_by_one_traced_decision(pack):
    text = ("US aircraft struck three sites near Al Qaim on Saturday. Militants fired rockets at the Harir base "
            "on Sunday; no one was hurt. The Pentagon said a drone also hit the base at Tower 22 on Sunday.")
    ex = _extract(pack, text)
    assert ex.mentions
    for m in ex.mentions:
        made = [t for t in ex.trace if t.mention_id == m.mention_id and t.action in ("new_event", "response", "background")]
        assert len(made) == 1 and made[0].reason == m.reason
    for t in ex.trace:
        assert t.action in ACTIONS and t.reason and t.reason == t.reason.strip().lower()
        assert 0 <= t.sentence_start < t.sentence_end <= len(text)
        assert t.clause_start == -1 or t.sentence_start <= t.clause_start < t.clause_end <= t.sentence_end


def test_background_reason(pack):
    ex = _extract(pack, "Rockets hit Ain al-Asad air base on Jan. 2, 2024, officials said.", published="2024-03-20")
    (m,) = ex.mentions
    assert m.role == "background" and m.reason == "background_weeks_before"
    assert ex.trace[0].action == "background"
