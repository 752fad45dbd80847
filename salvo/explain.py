"""Why an article gave the events it gave: each sentence with its candidates, decisions and reasons.

``explain_article`` re-runs extraction (the same :class:`salvo.pipeline.Processor` as ``salvo
ingest``) on a stored article and lays the trace out by sentence; ``to_text`` prints it for a
terminal (no raw control characters from the text reach it), ``to_records`` as JSONL lines.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from salvo.confidence import describe
from salvo.model import Article, Extraction, TraceRecord, to_dict


@dataclass(frozen=True)
class SentenceTrace:
    index: int
    start: int
    end: int
    repeated: bool  # a paragraph told again (syndicated copy, page furniture): skipped
    records: tuple[TraceRecord, ...]


@dataclass(frozen=True)
class Explanation:
    article: Article
    extraction: Extraction
    sentences: tuple[SentenceTrace, ...]


def explain_article(article: Article, process: Callable[[Article], Extraction], pack) -> Explanation:
    from salvo.extract.lexicon import fold_keep_case, lexicon_for
    from salvo.extract.sentences import split_sentences

    ex = process(article)
    text = article.text or ""
    sents = split_sentences(fold_keep_case(text), teaser=lexicon_for(pack).teaser)
    out = []
    for s in sents:
        recs = tuple(r for r in ex.trace if r.sentence_start == s.start and r.sentence_end == s.end)
        out.append(SentenceTrace(s.index, s.start, s.end, s.duplicate, recs))
    return Explanation(article, ex, tuple(out))


def printable(text: str) -> str:
    """Text safe for a terminal: line breaks and tabs become spaces, other control and format
    characters (escape sequences, bidi overrides, zero-width marks) are shown as \\uXXXX."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\n\r\t\v\f" or cat in ("Zl", "Zp"):
            out.append(" ")
        elif cat in ("Cc", "Cf", "Cs", "Co", "Cn"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def _line(r: TraceRecord) -> str:
    where = "at the end of the article: " if r.clause_start < 0 else ""
    what = f"{where}{printable(r.candidate)} -> {r.action} ({r.reason})"
    if r.detail:
        what += f": {printable(r.detail)}"
    if r.mention_id:
        what += f" [{printable(r.mention_id)}]"
    return what


def to_text(x: Explanation, width: int = 100) -> str:
    a, ex = x.article, x.extraction
    lines = [f"article {printable(a.article_id)}: {printable(a.title or '(no title)')}",
             f"published {a.published or 'unknown'}; re-extracted with the current rules and pack"
             " (`salvo reprocess` stores the result)"]
    if not ex.relevant:
        lines.append("not relevant: the screen found no attack word with a theater word or site, so no sentence"
                     " was read")
        return "\n".join(lines) + "\n"
    kept = sum(1 for r in ex.trace if r.action in ("new_event", "response", "background"))
    lines.append(f"{len(x.sentences)} sentences, {len(ex.trace)} candidate decisions, {kept} drafts made,"
                 f" {len(ex.mentions)} mentions kept, {len(ex.tallies)} tallies")
    text = a.text or ""
    for s in x.sentences:
        head = f"[{s.index + 1}] @{s.start}-{s.end} "
        lines.append("")
        lines.append(textwrap.fill(printable(text[s.start:s.end]), width, initial_indent=head,
                                   subsequent_indent=" " * 4))
        if s.repeated:
            lines.append("    (a paragraph told again: skipped)")
        for r in s.records:
            lines.append(textwrap.fill(_line(r), width, initial_indent="    - ", subsequent_indent=" " * 8))
    if ex.mentions:
        lines.append("")
        lines.append("mentions kept:")
        for m in ex.mentions:
            place = m.place.location or (m.place_ref.text if m.place_ref else "") or m.place.country or "?"
            lines.append(f"  {printable(m.mention_id)} {m.kind} {m.date.event_date or '-'} at {printable(place)}"
                         f" ({m.reason}); confidence {m.confidence:.2f}"
                         + (f", lowered by: {'; '.join(describe(m.weak_evidence))}" if m.weak_evidence else ""))
    return "\n".join(lines) + "\n"


def to_records(x: Explanation) -> Iterator[dict[str, Any]]:
    """One JSON object per sentence, its candidates inside, then one with the mentions kept."""
    text = x.article.text or ""
    aid = x.article.article_id
    for s in x.sentences:
        yield {"article_id": aid, "sentence": s.index, "start": s.start, "end": s.end, "text": text[s.start:s.end],
               "repeated": s.repeated, "candidates": [to_dict(r) for r in s.records]}
    yield {"article_id": aid, "relevant": x.extraction.relevant,
           "mentions": [{"mention_id": m.mention_id, "kind": m.kind, "event_date": m.date.event_date,
                         "location": m.place.location, "country": m.place.country, "reason": m.reason,
                         "confidence": m.confidence, "weak_evidence": list(m.weak_evidence)}
                        for m in x.extraction.mentions]}
