"""Official running counts: "in all 52 attacks since Oct. 17: 25 in Iraq, 27 in Syria".

A tally is a count of attacks (or of people hurt or killed in them) over a period, said by an
official. It is never an event. A tally stated twice in one article (scrapers repeat paragraphs;
leads paraphrase quotes: "at least 13 times" and "ten ... in Iraq and three ... in Syria") is one
tally: same ``what`` and count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Optional

from salvo.extract.dates import _MON, MONTHS, DateContext, DateHit, iso, parse_iso
from salvo.extract.lexicon import Lexicon
from salvo.extract.numbers import NUMBER, parse_number
from salvo.model import Evidence, Tally

_QUAL = r"(?:(?:at least|no fewer than|more than|over|about|roughly|around|approximately|some|nearly|almost|close to|an estimated|a total of|in total)\s+)*"
_ATTACKS = re.compile(
    rf"(?P<q>{_QUAL})(?P<n>{NUMBER})\s+(?:(?:separate|total|different|confirmed|such|more)\s+)?"
    # "at least 24 rocket attacks": the weapon says what kind of attacks were counted
    rf"(?:(?:rocket|drone|missile|mortar|one-way|indirect[- ]fire|ballistic|and|or|UAV)\s+){{0,3}}(?:attacks|times|incidents|strikes)\b", re.I)
# "the Erbil attack was the 103rd on U.S. forces ... since Oct. 17": an ordinal gives the count so far
_ORDINAL = re.compile(r"\b(?:the|its)\s+(?P<n>\d+)(?:st|nd|rd|th)\s+(?:(?:such|separate|\w+)\s+)?(?:(?:attack|strike|incident)\s+)?"
                      r"(?:on|against|targeting|since)\b(?:[^.;]|\.(?=\S|\s+[a-z])){0,80}?\bsince\b|\b(?:the|its)\s+(?P<n2>\d+)(?:st|nd|rd|th)\s+(?:attack|strike|incident)\b", re.I)
# "five KH facilities, three in Iraq and two in Syria": a breakdown of what was struck, not of attacks
_OTHER_COUNT = re.compile(r"\b(?:facilities|sites|targets|locations|positions|depots|bases|installations|compounds|buildings)\s*[,:]\s*$", re.I)
# "20 in Iraq", "14 of those attacks in Iraq"; not "23 times in Iraq and Syria" (a total)
_BREAK_TMPL = (r"(?P<n>{n})\s+(?:of\s+(?:those|them|these|the)\s+)?(?:(?:separate|different)\s+)?(?:(?:attacks|times|incidents)\s+)?"
               r"in\s+(?P<c>{c})\b(?!\s*(?:,|and|or)\s+(?:{c})\b)")
# "... and three more, bringing the total to 19": the new total is a count of attacks
_TOTAL = re.compile(rf"\b(?:bring(?:s|ing)?|brought|rais(?:es|ing|ed)|push(?:es|ing|ed))\s+the\s+(?:total|tally|count|number)\s+(?:\w+\s+){{0,3}}?to\s+(?P<q>{_QUAL})(?P<n>{NUMBER})\b(?!\s+(?:people|personnel|troops|service|injur|wound|killed|dead))", re.I)
_PEOPLE = (r"(?:(?:U\.?S\.?|American|coalition)\s+)?(?:personnel|troops|service\s?members|soldiers|servicemembers|Americans|people|"
           r"of\s+our\s+folks|of\s+them|U\.?S\.?\s+(?:troops|personnel|service\s?members)|(?:\w+\s+){0,2}(?:personnel|troops))")
_HURT = re.compile(
    rf"(?P<q>{_QUAL})(?P<n>{NUMBER})\s+{_PEOPLE}\s+(?:who\s+)?(?:were|have\s+been|had\s+been|have|had|was|suffered|sustained|received)?\s*(?:(?!and\b)\w+[\s,-]+){{0,6}}?(?P<w>injur(?:ed|ies)|wounded|hurt|killed|dead|died)", re.I)
_COUNTED_WHAT = re.compile(r"attack|times|incident|strike|injur|wound|hurt|killed|dead|died|death|fatalit|\d+(?:st|nd|rd|th)\b", re.I)
# a figure told as the first of two ("first said", "initially put") was replaced by the later one
_SUPERSEDED = re.compile(r"\b(?:first|initially|originally|at\s+first)\s+(?:said|reported|put|gave|counted)\b", re.I)
_SINCE = re.compile(r"\b(?:since|between)\s+", re.I)
# "since mid-October", "and early February": a part of a month, which the date finder leaves alone
_PART_MONTH = re.compile(rf"\b(?P<rel>since|and|to|until|through)\s+(?P<part>early|mid|late)[\s-]*{_MON}", re.I)
# the middle of each third of the month: "mid-October" is about the 15th, "early February" about the 5th
_PART_DAY = {"early": 5, "mid": 15, "late": 25}
_ASOF = re.compile(r"\bas\s+of\s+", re.I)
_NAME = re.compile(r"(?<![\w.])(?P<name>[A-Z][a-z]+\.?(?:\s+[A-Z]\.)?(?:\s+(?:al-|bin\s+)?[A-Z][a-z'-]+\.?){1,5})")
_TITLE_WORDS = {"Brigadier", "General", "Gen", "Colonel", "Col", "Army", "Air", "Force", "Navy", "Marine", "Corps", "Lt",
                "Maj", "Major", "Rear", "Admiral", "Adm", "Deputy", "Press", "Secretary", "Spokesman", "Spokesperson",
                "Spokeswoman", "Pentagon", "Defense", "State", "Department", "Coalition", "US", "U.S.", "Sgt", "Captain",
                "Capt", "Chief", "Staff", "Minister", "Prime", "President", "Operation", "Inherent", "Resolve", "The",
                "White", "House", "Between", "January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
                "Thursday", "Friday", "Saturday", "Sunday", "As", "On", "In", "According", "National", "Security", "Council", "Joint", "Central", "Command", "Commander"}


@dataclass
class _Draft:
    what: str
    count: int
    qualifier: Optional[str]
    since: Optional[str]
    as_of: Optional[str]
    breakdown: Optional[dict]
    speaker: Optional[str]
    evidence: list


def _qualifier(q: str, lex: Lexicon) -> Optional[str]:
    for name, rxq in lex.qualifiers:
        if rxq.search(q or ""):
            return name
    return None


def person_names(text: str) -> list[tuple[int, str]]:
    """Person names after stripping titles ("Brigadier General Pat Ryder" -> "Pat Ryder")."""
    out = []
    for m in _NAME.finditer(text):
        words = m.group("name").split()
        while words and words[0].rstrip(".") in _TITLE_WORDS:
            words.pop(0)
        if len(words) >= 2 and not any(w.rstrip(".") in _TITLE_WORDS for w in words):
            out.append((m.start(), " ".join(words[-3:] if len(words) <= 3 else words[-2:])))
    return out


class TallyFinder:
    def __init__(self, lex: Lexicon, ctx: DateContext, article_id: str, text: Optional[str] = None):
        self.lex, self.ctx, self.aid = lex, ctx, article_id
        self.orig = text  # the clean text: evidence quotes it, not the folded copy rules read
        names = "|".join(sorted(lex.countries, key=len, reverse=True))  # the pack's countries
        self.break_re = re.compile(_BREAK_TMPL.format(n=NUMBER, c=names), re.I)
        self.spans: list[tuple[int, int]] = []  # where the last sentence's counts are
        self.drafts: list[_Draft] = []
        self.names: dict[str, str] = {}  # surname -> full name seen in the article
        self.last_speaker: Optional[str] = None

    def observe_people(self, text: str, persons: Optional[list[str]] = None) -> None:
        found = persons if persons is not None else [n for _, n in person_names(text)]
        for full in found:
            self.names[full.split()[-1]] = full
            if self.lex.speech.search(text) or re.search(self.lex.speaker_titles, text, re.I):
                self.last_speaker = full

    def _speaker(self, text: str, persons: Optional[list[str]]) -> Optional[str]:
        found = persons if persons is not None else [n for _, n in person_names(text)]
        if found:
            return found[0]
        for surname, full in self.names.items():
            if re.search(rf"\b{re.escape(surname)}\b", text):
                return full
        if re.search(r"\b(?:she|he)\s+(?:said|added|told)\b|,\s*(?:she|he)\s+said", text):
            return self.last_speaker
        return None

    def feed(self, text: str, start: int, end: int, dates: list[DateHit], persons=None) -> bool:
        """Read one sentence; True when it is a tally (so it yields no event)."""
        lex = self.lex
        self.spans = []
        if not _COUNTED_WHAT.search(text):
            return False  # no word a running count could count: skip the number patterns
        found: list[_Draft] = []
        spans: list[tuple[int, int]] = []
        breakdown = {}
        for m in self.break_re.finditer(text):
            n = parse_number(m.group("n"))
            if n is not None:
                breakdown[m.group("c").title()] = n
        has_cue = bool(lex.tally_cues.search(text))
        for m in _ATTACKS.finditer(text):
            n = parse_number(m.group("n"))
            if n is None or n < 2:
                continue
            # "six drone attacks, three of which targeted": a claim's count, not a running tally
            after = text[m.end():m.end() + 30]
            if re.match(r"\s*,?\s*(?:\w+\s+)?of\s+(?:which|them)\b", after, re.I):
                continue
            in_break = any(b.start() <= m.start("n") < b.end() for b in self.break_re.finditer(text))
            if in_break and len(breakdown) > 1:
                continue
            if not (has_cue or m.group("q")):
                continue
            found.append(_Draft("attacks", n, _qualifier(m.group("q"), lex), None, None, None, None, []))
            spans.append(m.span())
        for m in _TOTAL.finditer(text):
            n = parse_number(m.group("n"))
            if n is not None and n >= 2 and re.search(r"attack|times|strikes|incidents", text, re.I):
                found.append(_Draft("attacks", n, _qualifier(m.group("q"), lex), None, None, None, None, []))
                spans.append(m.span())
        for m in _ORDINAL.finditer(text):
            n = parse_number(m.group("n") or m.group("n2"))
            if n is not None and n >= 2 and (m.group("n") or has_cue):
                found.append(_Draft("attacks", n, None, None, None, None, None, []))
                spans.append(m.span())
        first_break = next(self.break_re.finditer(text), None)
        counts_else = first_break is not None and _OTHER_COUNT.search(text, 0, first_break.start())
        if len(breakdown) > 1 and not found and not counts_else and re.search(r"attack|times|strikes", text, re.I):
            q = re.search(rf"({_QUAL})" + r"(?:\w+\s+){0,2}" + NUMBER + r"\s+(?:separate\s+)?(?:times|attacks)", text, re.I)
            found.append(_Draft("attacks", sum(breakdown.values()), _qualifier(q.group(1) if q else "", lex),
                                None, None, None, None, []))
        for d in found:
            if breakdown and sum(breakdown.values()) == d.count:
                d.breakdown = dict(breakdown)
        for m in _HURT.finditer(text):
            n = parse_number(m.group("n"))
            if n is None or n < 2:
                continue
            # a running count of casualties speaks of attacks in the plural or of a period
            if not (has_cue or re.search(r"\battacks\b", text, re.I)):
                continue
            if _SUPERSEDED.search(text[max(0, m.start() - 40):m.start()]):
                continue  # "first said 25 were injured, then raised the figure to ...": not the count
            what = "killed" if m.group("w").lower() in ("killed", "dead", "died") else "injured"
            found.append(_Draft(what, n, _qualifier(m.group("q"), lex), None, None, None, None, []))
            spans.append(m.span())
        if not found:
            return False
        self.spans = [(start + a, start + b) for a, b in spans] + [(start + b.start(), start + b.end()) for b in self.break_re.finditer(text)]
        since = as_of = None
        for h in dates:
            rel = h.start - start
            pre = text[max(0, rel - 12):rel]
            if _SINCE.search(pre):
                since = h.span.event_date or h.span.date_earliest
            elif _ASOF.search(pre):
                as_of = h.span.event_date or h.span.date_latest
            elif h.kind == "range":
                since, as_of = h.span.date_earliest, h.span.date_latest
        for m in _PART_MONTH.finditer(text):
            day = self._part_of_month(m)
            if m["rel"].lower() == "since":
                since = since or day
            else:
                as_of = as_of or day
        if as_of is None:
            spoken = [h for h in dates if h.speech and h.span.event_date]
            as_of = spoken[0].span.event_date if spoken else None
        if since is None and re.search(r"\b(?:in|over)\s+the\s+(?:past|last)\s+week\b", text, re.I):
            base = parse_iso(as_of) or self.ctx.published
            since = iso(base - timedelta(days=7)) if base else None
        speaker = self._speaker(text, persons)
        ev = Evidence(self.aid, start, end, self.orig[start:end] if self.orig is not None else text, ("tally",))
        for d in found:
            prev = self.drafts[-1] if self.drafts else None
            d.since = since or (prev.since if prev else None)
            d.as_of = as_of or (prev.as_of if prev else None) or iso(self.ctx.published)
            d.speaker = speaker or (prev.speaker if prev else None)
            d.evidence = [ev]
            self._add(d)
        return True

    def _part_of_month(self, m: re.Match) -> Optional[str]:
        """The day a part of a month stands for, in the latest such month not after publication."""
        pub = self.ctx.published
        if pub is None:
            return None
        month = MONTHS[m["mon"].lower().rstrip(".")]
        year = pub.year if month <= pub.month else pub.year - 1
        return f"{year:04d}-{month:02d}-{_PART_DAY[m['part'].lower()]:02d}"

    def _add(self, d: _Draft) -> None:
        for old in self.drafts:
            if old.what == d.what and old.count == d.count:
                old.breakdown = old.breakdown or d.breakdown
                old.qualifier = old.qualifier or d.qualifier
                old.since = old.since or d.since
                old.speaker = old.speaker or d.speaker
                old.evidence.extend(e for e in d.evidence if e not in old.evidence)
                return
        self.drafts.append(d)

    def tallies(self) -> tuple[Tally, ...]:
        out = []
        for d in self.drafts:
            first = d.evidence[0].start if d.evidence else 0
            out.append(Tally(f"{self.aid}:t{first}:{d.what}:{d.count}", self.aid, d.what, d.count, d.qualifier,
                             d.since, d.as_of, d.breakdown, d.speaker, tuple(d.evidence)))
        return tuple(out)


__all__ = ["TallyFinder", "person_names"]
