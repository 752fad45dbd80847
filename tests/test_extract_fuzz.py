"""Extraction is total: any clean text gives an Extraction whose evidence points at its own text."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from salvo.extract import extract_article
from salvo.model import Article
from salvo.packs import load_pack

PACK = load_pack()
PIECES = st.sampled_from([
    "Three rockets struck Ain al-Asad air base on Tuesday.", "A drone was shot down near Erbil airport.",
    "The Islamic Resistance in Iraq claimed the attack.", "No injuries were reported.",
    "US forces struck two facilities in al-Qaim in response.", "As of Friday, there had been 61 attacks since Oct. 17.",
    "two were wounded", "on Dec. 4", "between October 17 and 24", "Kata'ib Hezbollah vowed revenge.",
    "\n\n", " ", "—", "", "rockets rockets rockets", "17", "Syria", "Tuesday",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sampled_from([None, "2023-11-10", "2020-01-08"]))
def test_extract_never_crashes_and_evidence_is_exact(text, published):
    a = Article(article_id="f", text=text, raw_text=text, published=published)
    ex = extract_article(a, PACK)
    ids = [m.mention_id for m in ex.mentions]
    assert len(ids) == len(set(ids))
    for m in ex.mentions:
        assert m.kind in ("attack", "response")
        for ev in m.evidence:
            assert text[ev.start : ev.end] == ev.text
        d = m.date
        if d.date_earliest and d.date_latest:
            assert d.date_earliest <= d.date_latest
        if d.event_date:
            assert d.date_earliest in (None, d.event_date) or d.date_earliest <= d.event_date
    for t in ex.tallies:
        assert t.count >= 0
        for ev in t.evidence:
            assert text[ev.start : ev.end] == ev.text
