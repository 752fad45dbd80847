"""Cleaning: scraped text -> clean article text, with a map back to the raw text.

What cleaning takes out (page furniture, photo captions and credits, "Check Also" teasers,
repeated paragraphs, the dateline) is recorded in ``Article.removed`` with the reason, so nothing
the user gave is lost. The clean text is the kept blocks joined by blank lines; ``segments`` map
every clean offset back to the raw text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from salvo.model import Article, RawDocument, Removed, Segment
from salvo.ingest.readers import TITLE_LINE_RE

# Lines that are page furniture on their own. Matched against the whole stripped line.
FURNITURE = [
    r"\d+\s*min(ute)?s?\s+read",
    r"latest from (the )?blog",
    r"source link",
    r"you may (also )?like",
    # only as a label ("Related:", "READ MORE", "See also: ..."): "Related attacks were..." is prose
    r"(read more|related(?: articles?| stories| news| coverage| content)?|see also|more on this"
    r"|recommended(?: for you| reading| stories)?)(?:\s*:.{0,200}|\s*[»›>]?)",
    r"(share|share this( article| story)?|tweet|email|print)(\s*(on|via)?\s*(facebook|twitter|x|whatsapp|linkedin|telegram|email))*",
    r"(subscribe|sign up)( (to|for) (our|the)\b.{0,80})?",
    r"follow us( on \w+)?.{0,60}",
    r"advertisement|sponsored( content)?|skip to (main )?content|back to top|comments?",
    r"(we use cookies|this (web)?site uses cookies).{0,300}",
    r"accept( all)?( cookies)?|reject( all)?|cookie (settings|policy)",
    r"(?:copyright\s*)?©.{0,120}|copyright\s+\d{4}.{0,120}",
    r"(tags?|topics?):.{0,200}",
]
FURNITURE_RE = re.compile(r"^(?:" + "|".join(FURNITURE) + r")[.:!]?$", re.IGNORECASE)
TEASER_HEAD_RE = re.compile(r"^(check also|also read|don't miss|trending now|most read|popular now)[:.]?$", re.IGNORECASE)
# A caption's credit: "... REUTERS", "... AP", "(AP Photo/Jane Doe)", "Photo: ...", "File photo: ..."
# The agency must stand alone in capitals after the caption's last sentence ("... on Friday. REUTERS",
# "... Iraq. AP", "REUTERS/Jane Doe"): "..., an official told Reuters." is a sentence, not a credit.
CREDIT_RE = re.compile(
    r"(?:[.!?”\"]|\s[-–—|/])\s*(?:REUTERS|AP|AFP|EPA(?:-EFE)?|Getty Images|ANADOLU|XINHUA)(?:/[A-Z][\w .'-]+)?\s*$"
    r"|^(?:REUTERS|AFP|AP|EPA)/[A-Z][\w .'-]+$"
    r"|(?i:\((?:AP|AFP|Reuters|EPA)\s*Photo\b[^)]*\)\s*\.?$)"
    r"|(?i:^(?:file\s+)?(?:photo|image|picture|pictured|credit)\s*(?:credit)?\s*[:|])",
)
# "ERBIL, Kurdistan Region - ", "WASHINGTON – ", "BAGHDAD (AP) — ", "DAMASCUS, Syria (Reuters) -"
DATELINE_RE = re.compile(
    r"^(?P<dl>[A-Z][A-Z'.\- ]{2,40}(?:,\s*[A-Z][\w'.\- ]{1,40})?(?:\s*\((?:[A-Za-z][\w .'-]{0,30})\))?)\s*[-–—]+\s+"
)
# a wire dateline in title case ("Sanaa, Feb 23 (IANS): ", "New Delhi, March 3 (ANI) - "): the
# place, a month-day and the agency in brackets, then a colon or a dash. Without the agency a
# title-case opening may be a sentence's own place and day ("Erbil Feb. 15, 2021: The truck ...")
_DL_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
AGENCY_DATELINE_RE = re.compile(
    r"^(?P<dl>[A-Z][a-z][\w'’.\-]*(?:\s[A-Z][\w'’.\-]+){0,2}(?:,\s*[A-Z][\w'’.\- ]{1,30})?,\s*"
    rf"{_DL_MON}\s+\d{{1,2}}(?:,?\s+\d{{4}})?\s*\([A-Z][\w .'’-]{{0,30}}\))\s*(?::|[-–—]+)\s+"
)
# a date and an agency label before the story ("30 Sep 2020; MEMO: ...", "Oct 3, 2023 (AFP) - "):
# the day the story was filed, not a day it tells (a timeline entry carries no agency label)
DATE_DATELINE_RE = re.compile(
    rf"^(?P<dl>(?:\d{{1,2}}\s+{_DL_MON}|{_DL_MON}\s+\d{{1,2}},?)\s+\d{{4}}\s*(?:[;,|]\s*[A-Z]{{2,12}}|\([A-Z][\w .'’-]{{0,30}}\)))"
    r"\s*(?::|[-–—]+)\s+(?=[A-Z])")
# a bare title-case place and a colon before the story's first sentence ("Baghdad: The group said
# ..."); a label before a colon ("Update: ...", "Watch: ...") is no place
COLON_DATELINE_RE = re.compile(r"^(?P<dl>[A-Z][a-z]{2,}(?:[\s-][A-Z][a-z]+)?)\s*:\s+(?=[A-Z][^\n]{60,})")
_LABELS = {"update", "updated", "breaking", "watch", "exclusive", "analysis", "opinion", "video", "photos", "live",
           "read", "note", "editor", "source", "sources", "related", "summary", "listen", "explainer", "comment",
           "correction", "advertisement", "warning", "topics", "tags", "share", "subscribe", "login", "menu"}
# What a page scraper puts before the article: a "date 2023-11-05" field glued to the first line
# (the page corpus adds it; it can be years off), or a line holding nothing but the page's date
# ("November 9, 2019", "29 Dec 2020 | 03:49 PM UTC", "Publish Date : 22 June 2021 - 22:32").
# Neither is the day of any event the article tells.
META_PREFIX_RE = re.compile(r"^date\s+\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?Z?)?(?:\s+|$)")
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_LINE_RE = re.compile(
    r"^(?:(?:published|publish(?:ed)? date|posted|updated|last updated|date)\s*(?:on)?\s*[:|-]?\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
    rf"(?:{_MON}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MON},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{4}})"
    r"(?:\s*[-|,@]?\s*(?:at\s+)?\d{1,2}:\d\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:UTC|GMT|[A-Z]{2,4}|[+-]\d\d:?\d\d))?)?\s*$",
    re.IGNORECASE)
# wiki mirrors: infobox fields ("| date = 20 October 2021"), template lines ("{{Infobox ...", "}}")
# and inline templates ("{{Cite web|...|date=2022-02-25}}") are markup, not prose
MARKUP_LINE_RE = re.compile(r"^(?:\|.*|\{\{[^{}]*(?:\}\})?|\}\})$")
INLINE_TEMPLATE_RE = re.compile(r"\{\{[^{}]*(?:\}\}|$)")
MIN_DUPLICATE_LEN = 40  # shorter repeats ("Read more") are furniture, not content


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    text: str


def _blocks(raw: str, start: int) -> list[_Block]:
    """Non-blank lines of raw[start:], each stripped, with offsets into raw."""
    out = []
    for m in re.finditer(r"[^\n]+", raw[start:]):
        line = m.group()
        left = len(line) - len(line.lstrip())
        stripped = line.strip()
        if stripped:
            s = start + m.start() + left
            out.append(_Block(s, s + len(stripped), stripped))
    return out


def norm(text: str) -> str:
    """Text for identity comparisons: NFKC, quotes unified, lowercase, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return re.sub(r"\s+", " ", text).strip().lower()


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?:;\"”'’)\]…]$", text))


# a first line longer than this that ends a sentence is a lead paragraph, not a headline (over
# 452 real and own .txt texts, every first line past 150 characters was a lead or a caption)
MAX_HEADLINE = 150


def _is_lead(line: str) -> bool:
    line = META_PREFIX_RE.sub("", line.strip())
    return len(line) > MAX_HEADLINE and _ends_sentence(line)


def clean_document(doc: RawDocument) -> Article:
    raw = doc.raw_text
    body_start = 0
    title = doc.title
    if doc.format == "txt":
        # line 1 is the title: not body text, and not "removed" either (it is Article.title) ...
        m = TITLE_LINE_RE.match(raw)
        body_start = m.end()
        if _is_lead(m.group(1)):
            # ... unless the page has no headline and opens with its lead paragraph (a long line
            # that ends a sentence; headlines are short and unpunctuated): body text, no title
            body_start, title = m.start(1), None
    blocks = _blocks(raw, body_start)
    headline: list[Removed] = []
    blocks = _strip_markup(blocks, headline)
    # a scraper sometimes repeats the title as the first body line; a text given without a title
    # often starts with its headline (short, no closing punctuation): either way it is not body
    # text, and left in, its words would be read as one more report of the attack
    if len(blocks) > 1 and (
        (title and norm(blocks[0].text) == norm(title))
        or (not title and len(blocks[0].text) < MAX_HEADLINE and not _ends_sentence(blocks[0].text)
            and not DATELINE_RE.match(blocks[0].text))
    ):
        title = title or blocks[0].text
        headline.append(Removed("title", blocks[0].text, blocks[0].start, blocks[0].end))
        blocks = blocks[1:]

    kinds: list[Optional[str]] = [None] * len(blocks)
    i = 0
    while i < len(blocks):
        text = blocks[i].text
        if TEASER_HEAD_RE.match(text):
            kinds[i] = "teaser"
            # the teaser's headline, then its blurb when it is short or trails off
            j = i + 1
            while j < len(blocks) and j <= i + 2:
                t = blocks[j].text
                if j == i + 1 or t.endswith(("…", "...")) or len(t) < 200:
                    kinds[j] = "teaser"
                    j += 1
                else:
                    break
            i = j
            continue
        if FURNITURE_RE.match(text):
            kinds[i] = "furniture"
        elif DATE_LINE_RE.match(text) or MARKUP_LINE_RE.match(text):
            kinds[i] = "metadata"
        elif CREDIT_RE.search(text) and len(text) < 400:
            kinds[i] = "caption"
            # the photo's title line just before a credit line: short, no closing punctuation
            if i > 0 and kinds[i - 1] is None and len(blocks[i - 1].text) < 160 and not _ends_sentence(blocks[i - 1].text):
                kinds[i - 1] = "caption"
        i += 1

    seen: set[str] = set()
    for k, block in enumerate(blocks):
        if kinds[k] is not None:
            continue
        key = norm(block.text)
        if len(key) >= MIN_DUPLICATE_LEN and key in seen:
            kinds[k] = "duplicate"
        seen.add(key)

    removed: list[Removed] = list(headline)
    kept: list[_Block] = []
    for block, kind in zip(blocks, kinds):
        if kind is None:
            kept.append(block)
        else:
            removed.append(Removed(kind, block.text, block.start, block.end))

    dateline = None
    # (the dateline opens the story's first paragraph; a short line of page furniture before it,
    # a timestamp or a byline, does not hide it)
    for i in range(min(2, len(kept))):
        m = _dateline_at(kept[i].text)
        if m:
            dateline = m.group("dl").strip()
            cut = m.end()
            first = kept[i]
            head = first.text[:cut].rstrip()
            removed.append(Removed("dateline", head, first.start, first.start + len(head)))
            kept[i] = _Block(first.start + cut, first.end, first.text[cut:])
            break
        if len(kept[i].text) > 120 or re.search(r"[.!?\"”]\s*$", kept[i].text):
            break

    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for n, block in enumerate(kept):
        if n:
            parts.append("\n\n")
            pos += 2
        segments.append(Segment(pos, block.start, len(block.text)))
        parts.append(block.text)
        pos += len(block.text)
    text = "".join(parts)
    removed.sort(key=lambda r: r.raw_start)
    # page text outside the article (HTML menus, banners, captions): not in raw_text, so no offsets
    removed.extend(Removed("page", t, -1, -1) for t in doc.page_removed)
    return Article(
        article_id=doc.doc_id,
        text=text,
        raw_text=raw,
        title=title,
        url=doc.url,
        outlet=doc.outlet,
        published=doc.published,
        published_source=doc.published_source,
        dateline=dateline,
        removed=tuple(removed),
        segments=tuple(segments),
        content_hash=content_hash(text),
        source_path=doc.source_path,
        format=doc.format,
        encoding=doc.encoding,
        original=doc.original,
    )


def _strip_markup(blocks: list[_Block], removed: list[Removed]) -> list[_Block]:
    """Take scraped metadata prefixes and inline wiki templates out of the blocks (recorded in
    ``removed``); a block split around a template becomes two blocks."""
    out: list[_Block] = []
    for b in blocks:
        m = META_PREFIX_RE.match(b.text)
        if m:
            removed.append(Removed("metadata", b.text[:m.end()].rstrip(), b.start, b.start + len(m.group(0).rstrip())))
            rest = b.text[m.end():]
            if not rest.strip():
                continue
            b = _Block(b.start + m.end(), b.end, rest)
        if MARKUP_LINE_RE.match(b.text):
            out.append(b)  # an infobox field or template line: the line rule takes it out whole
            continue
        pos = 0
        pieces = []
        for t in INLINE_TEMPLATE_RE.finditer(b.text):
            if t.start() == 0 and t.end() == len(b.text):
                break  # a whole-line template: the line rule records it
            removed.append(Removed("metadata", t.group(0), b.start + t.start(), b.start + t.end()))
            pieces.append((pos, t.start()))
            pos = t.end()
        else:
            if pieces:
                pieces.append((pos, len(b.text)))
                for s, e in pieces:
                    seg = b.text[s:e]
                    left = len(seg) - len(seg.lstrip())
                    seg = seg.strip()
                    if seg:
                        out.append(_Block(b.start + s + left, b.start + s + left + len(seg), seg))
                continue
        out.append(b)
    return out


def _dateline_at(text: str) -> Optional[re.Match]:
    m = DATELINE_RE.match(text)
    if m and _looks_like_dateline(m.group("dl")):
        return m
    m = AGENCY_DATELINE_RE.match(text) or DATE_DATELINE_RE.match(text)
    if m is None:
        m = COLON_DATELINE_RE.match(text)
        m = m if m and m.group("dl").split()[0].lower() not in _LABELS else None
    return m


def _looks_like_dateline(dl: str) -> bool:
    # the place part is upper case ("ERBIL", "BAGHDAD"), not a sentence opening ("A US drone")
    head = dl.split(",")[0].split("(")[0].strip()
    return len(head) >= 3 and head.upper() == head and any(c.isalpha() for c in head)


def content_hash(text: str) -> str:
    return hashlib.sha256(norm(text).encode("utf-8")).hexdigest()
