"""Official running counts: "in all 52 attacks since Oct. 17: 25 in Iraq, 27 in Syria".

A tally is a count of attacks (or of people hurt or killed in them) over a period, said by an
official. It is never an event. A tally stated twice in one article (scrapers repeat paragraphs;
leads paraphrase quotes: "at least 13 times" and "ten ... in Iraq and three ... in Syria") is one
tally: same ``what`` and count.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from typing import Optional

from salvo.extract.dates import _MON, MONTHS, DateContext, DateHit, iso, parse_iso
from salvo.extract.lexicon import Lexicon
from salvo.extract.numbers import NUMBER, QUALIFIERS, parse_number
from salvo.extract.ships import ship_counts
from salvo.model import Evidence, Tally

_QUAL = QUALIFIERS
# (?<![\w-]): a number starts a word ("Forty-six", never the "six" of it)
_N = rf"(?<![\w-])(?P<n>{NUMBER})"
_ATTACKS = re.compile(
    rf"(?P<q>{_QUAL}){_N}\s+(?:total\s+recent\s+|(?:separate|total|different|confirmed|such|more)\s+)?"
    # "at least 24 rocket attacks": the weapon says what kind of attacks were counted
    rf"(?:(?:rocket|drone|missile|mortar|one-way|indirect[- ]fire|ballistic|and|or|UAV)\s+){{0,3}}(?:attacks|times|incidents|strikes)\b", re.I)
# "the latest strikes make at least 52 on US forces since October 17": the noun left out
# "US forces have been attacked by drones three times": a perfect passive counts the attacks so far
_ATTACKED_SO_FAR = re.compile(r"\b(?:have|has|had)\s+(?:now\s+|also\s+|already\s+)?(?:been\s+(?:attacked|targeted|hit|struck|shelled)|come\s+under\s+(?:attack|fire))\b"
                              r"[^.;]{0,60}$", re.I)
# "there have been 58 attacks", "58 attacks on U.S. targets have been carried out": a perfect tense counts so far
_THERE_HAVE_BEEN = re.compile(r"\bthere\s+(?:have|has|had)\s+(?:now\s+|already\s+)?been\s+$", re.I)
_HAVE_BEEN_DONE = re.compile(r"(?:\s+(?:on|against|targeting)\s+(?:[^.;]|\.(?=\S|\s+[a-z])){0,60}?)?\s+(?:have|had)\s+(?:now\s+|already\s+)?been\s+"
                             r"(?:carried\s+out|launched|conducted|recorded|reported|documented|counted)\b", re.I)
# "that brings to 40 the number of attacks on U.S. forces", "attacks on U.S. forces now total 61"
_BRINGS_TO = re.compile(rf"\b(?:bring(?:s|ing)?|brought|rais(?:es|ing|ed)|push(?:es|ing|ed))\s+to\s+(?P<q>{_QUAL}){_N}\s+the\s+"
                        r"(?:total\s+)?(?:number|total|tally|count)\s+of\s+(?P<gap>(?:[\w.'’-]+\s+){0,3})", re.I)
_NOW_TOTAL = re.compile(rf"\b(?P<gap>attacks|strikes|injuries)\b(?:[^.;]|\.(?=\S|\s+[a-z])){{0,60}}?\b(?:now\s+)?(?:total(?:s|ed|led)?|number(?:s|ed)?)\s+"
                        rf"(?P<q>{_QUAL}){_N}(?=\s*(?:[,.;]|$)|\s+(?:since|so\s+far|as\s+of|to\s+date|in|across)\b)", re.I)
# "Six of those attacks came after the strikes on Oct. 26": part of a running count, since a day
_SUBCOUNT = re.compile(rf"{_N}\s+of\s+(?:those|these|them|the)\s+(?:\w+\s+)?(?:attacks|strikes|incidents)\s+"
                       r"(?:(?:came|happened|occurred|took\s+place|were\s+(?:launched|carried\s+out)|have\s+come)\s+)?(?:after|since)\b", re.I)
# "three attacks in the past 24 hours", "two strikes overnight", "five times on Monday and Tuesday": a
# day's attacks, each an event; not "38 times since Oct. 17, a spokesman said on Monday" (the day it was said)
# nor "9 times this month, most recently on Friday" (a comma ends the count's phrase)
_ONE_DAY = re.compile(r"(?:(?!\b(?:since|from|between|as\s+of|said|says|told|announced|reported|confirmed)\b)[^.;,]){0,50}?"
                      r"\b(?:(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:24|twenty-four)\s+hours"
                      r"|overnight|(?:in|over)\s+the\s+(?:past|last)\s+day|on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b", re.I)
# a count someone keeps ("the Pentagon is tracking 27 attacks") or one over weeks ("27 attacks on U.S. forces
# over the past couple of weeks", "50 times this year") is a count so far; the window follows the count
_KEPT_BEFORE = re.compile(r"\b(?:tracking|tracked|counted|recorded|logged|tallied|documented)\s+(?:[\w-]+\s+){0,2}$", re.I)
_WINDOW_AFTER = re.compile(r"[^,;.]{0,80}?\b(?:(?:in|over|during)\s+the\s+(?:past|last)\s+(?:[\w-]+\s+){0,3}(?:weeks|months|year)"
                           r"|(?:so\s+far\s+)?this\s+year)\b", re.I)
# "34 attacks had been launched in a month": a count over one short window, not the count so far
# (not "four times in just over a month": the time since the campaign began)
_SHORT_WINDOW = re.compile(r"[^.;,]{0,50}?\b(?:in|within)\s+(?:a|one)\s+(?:single\s+)?(?:month|week|fortnight|day)\b", re.I)
# a day of the month ("the Jan. 8 missile attacks") is a date, not a count
_MONTH_BEFORE = re.compile(r"(?:\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?|\b(?:january|february|march|april|june|july|august"
                           r"|september|october|november|december)|\b(?-i:May))\s*$", re.I)
# "the Erbil attack was the 103rd on U.S. forces ... since Oct. 17": an ordinal gives the count so far
_ORDINAL = re.compile(r"\b(?:the|its)\s+(?P<n>\d+)(?:st|nd|rd|th)\s+(?:(?:such|separate|\w+)\s+)?(?:(?:attack|strike|incident)\s+)?"
                      r"(?:on|against|targeting|since)\b(?:[^.;]|\.(?=\S|\s+[a-z])){0,80}?\bsince\b|\b(?:the|its)\s+(?P<n2>\d+)(?:st|nd|rd|th)\s+(?:attack|strike|incident)\b", re.I)
# "five KH facilities, three in Iraq and two in Syria": a breakdown of what was struck, not of attacks
_OTHER_COUNT = re.compile(r"\b(?:facilities|sites|targets|locations|positions|depots|bases|installations|compounds|buildings)\s*[,:]\s*$", re.I)
# "20 in Iraq", "14 of those attacks in Iraq"; not "23 times in Iraq and Syria" (a total)
_BREAK_TMPL = (r"(?P<n>{n})\s+(?:of\s+(?:those|them|these|the)\s+)?(?:(?:separate|different)\s+)?(?:(?:attacks|times|incidents)\s+)?"
               r"in\s+(?P<c>{c})\b(?!\s*(?:,|and|or)\s+(?:{c})\b)")
_GAP = r"(?:[\w.'’-]+\s+){0,12}?"
_TOTAL_NOUN = r"the\s+(?:total|tally|count|number|figure)\s+"
# "... bringing the total to 19", "bringing the total number of attacks on U.S. troops to 74", "by Jan. 31
# the number had risen to 64", "the number of service members injured stood at 21", "put the number of
# personnel injured ... at 186": a new total of what the gap (or the count before it) names
_TOTAL = re.compile(rf"\b(?:(?:bring(?:s|ing)?|brought|rais(?:es|ing|ed)|push(?:es|ing|ed))\s+{_TOTAL_NOUN}(?P<gap>{_GAP})to"
                    rf"|\bput(?:s|ting)?\s+{_TOTAL_NOUN}(?P<gap3>{_GAP})at"
                    rf"|\b{_TOTAL_NOUN}(?P<gap2>{_GAP})(?:(?:has|had|have)\s+)?(?:(?:risen|rose|grown|grew|climbed|increased|jumped)\s+to|stood\s+at|stands\s+at|reached))"
                    rf"\s+(?P<q>{_QUAL}){_N}\b(?!\s+(?:people|personnel|troops|service|injur|wound|killed|dead))", re.I)
# "31 on Friday" in "38 times since Oct. 17, ... an increase from 31 on Friday": the same count, earlier
_EARLIER = re.compile(rf"\b(?:up|an?\s+increase|a\s+rise|a\s+jump|increas(?:ed|ing)|ris(?:en|ing)|climbed)\s+from\s+(?P<q>{_QUAL}){_N}\b", re.I)
_BRAIN = r"(?:traumatic\s+brain\s+injur(?:y|ies)|brain\s+injur(?:y|ies)|TBIs?\b|concussions?)"
# "injury" ends "diagnosed with mild traumatic brain injury"; quotes may wrap the diagnosis
_HURT_WORD = r"(?P<w>injur(?:ed|ies|y)|wounded|hurt|killed|dead|died)"
# "killed in the Jan. 28 attack on Tower 22", "one of the rocket attacks ... wounded three": one attack's toll
_ONE_ATTACK_AFTER = re.compile(r"\s*(?:(?!since\b)[\w.’'-]+\s+){0,6}?(?:in|during|by|from|after|following)\s+(?:the|a|an|that|this|\w+['’]s)\s+"
                               r"(?:[\w.'’-]+\s+){0,4}?(?:attack|strike|blast|explosion|assault)\b(?!s)", re.I)
# "four personnel suffered minor injuries during two separate drone attacks on X": the toll of a
# few attacks told together, not a running count
_FEW_ATTACKS_AFTER = re.compile(r"\s*(?:\w+\s+){0,3}?(?:in|during|from)\s+(?:the\s+)?(?:two|three|2|3)\s+(?:separate\s+)?"
                                r"(?:[\w.'’-]+\s+){0,3}?(?:attacks|strikes)\b", re.I)
_ONE_OF_ATTACKS = re.compile(r"\bone\s+of\s+the\s+(?:[\w-]+\s+){0,3}?(?:attacks|strikes)\b", re.I)
_COUNTED_WHAT = re.compile(r"attack|times|incident|strike|injur|wound|hurt|killed|dead|died|death|fatalit|concussion|\bTBI|"
                           r"\b(?:number|total|tally|count)\b|\d+(?:st|nd|rd|th)\b", re.I)
# a figure told as the first of two ("first said", "initially put") was replaced by the later one
_DOZENS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten)\s+dozen\b", re.I)
_PARTS_FOLLOW = re.compile(r"\b(?:including|among\s+them|of\s+(?:which|them|those|these))\b", re.I)
_PART_OF = re.compile(r"\b(?:including|among\s+them|of\s+whom)\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+|nearly\s+)?$", re.I)
_SUPERSEDED = re.compile(r"\b(?:first|initially|originally|at\s+first)\s+(?:said|reported|put|gave|counted)\b", re.I)
_SINCE = re.compile(r"\b(?:since|between)\s+", re.I)
# "since mid-October", "and early February": a part of a month, which the date finder leaves alone
_PART_MONTH = re.compile(rf"\b(?P<rel>since|and|to|until|through)\s+(?P<part>early|mid|late)[\s-]*{_MON}", re.I)
# the middle of each third of the month: "mid-October" is about the 15th, "early February" about the 5th
_PART_DAY = {"early": 5, "mid": 15, "late": 25}
_ASOF = re.compile(r"\bas\s+of\s+|\b(?:by|through|until|up\s+to)\s+$", re.I)
_UNTIL = re.compile(r"\b(?:through|until|up\s+to)\s+$", re.I)
# "a Pentagon update on March 3 counting about 90": the day the count was given
_TOLD_ON = re.compile(r"\b(?:report|statement|briefing|update|announcement|figures?|data|tally|count)\s+(?:on|dated|from)\s+$", re.I)
_NAME = re.compile(r"(?<![\w.])(?P<name>[A-Z][a-z]+\.?(?:\s+[A-Z]\.)?(?:\s+(?:al-|bin\s+)?[A-Z][a-z'-]+\.?){1,5})")


@functools.lru_cache(maxsize=8)
def _side_patterns(attacked: str, attacked_elided: str, counted_people: str) -> SimpleNamespace:
    """The patterns that name the attacked side (lexicon.yaml side_words), compiled once per pack."""
    # "the latest strikes make at least 52 on US forces since October 17": the noun left out
    elided = re.compile(rf"(?P<v>\b(?:mark(?:s|ed|ing)?|make(?:s)?|making|bring(?:s|ing)?)\s+)?(?P<q>{_QUAL}){_N}\s+(?:on|against)\s+"
                        rf"(?:the\s+)?(?:{attacked_elided})\b(?:[^.;]|\.(?=\S|\s+[a-z])){{0,80}}?\bsince\b", re.I)
    people = rf"(?:(?:{attacked})\s+)?(?:{counted_people})"
    hurt = re.compile(
        rf"(?P<q>{_QUAL}){_N}\s+{people}\s+(?:who\s+)?(?:were|have\s+been|had\s+been|have|had|was|suffered|sustained|received)?\s*"
        rf"(?:(?!and\b)[\w”“\"’']+[\s,”“\"-]+){{0,6}}?[”“\"]?{_HURT_WORD}", re.I)
    # "62 injuries in these attacks", "roughly 80 injured personnel", "of those, 130 have been traumatic brain injuries",
    # "the attacks have wounded 56 American troops"
    hurt_noun = re.compile(rf"(?P<q>{_QUAL}){_N}\s+(?:(?:minor|reported|total|confirmed|separate|such)\s+)?(?P<w>injuries|{_BRAIN})"
                            rf"|(?P<q2>{_QUAL})(?<![\w-])(?P<n2>{NUMBER})\s+(?P<w2>injured|wounded)\s+{people}"
                            rf"|\bof\s+(?:those|them|these)\s*,\s*(?<![\w-])(?P<n3>{NUMBER})\s+(?:have\s+been|were|are|had)\s+(?:\w+\s+){{0,2}}?(?P<w3>{_BRAIN}|injur(?:ies|ed))"
                            rf"|\b(?:have|has|had)\s+(?:now\s+)?(?P<w4>injured|wounded|hurt)\s+(?P<q4>{_QUAL})(?<![\w-])(?P<n4>{NUMBER})\s+{people}", re.I)
    # a count of "people" is about the pack's side only when the sentence names it
    our_side = re.compile(rf"\b(?:{attacked})\b", re.I)
    return SimpleNamespace(elided=elided, hurt=hurt, hurt_noun=hurt_noun, our_side=our_side)


def _bound(span, edge: Optional[str]) -> Optional[str]:
    """A window's end: the day, or the edge of a span of a month at most ("mid-October"); not of a span
    as wide as the pack's period ("since October 17" in a report without a year)."""
    if span.event_date:
        return span.event_date
    a, b = parse_iso(span.date_earliest), parse_iso(span.date_latest)
    return edge if a and b and (b - a).days <= 31 else None


def _what_of(words: str) -> Optional[str]:
    """What a count's noun phrase counts: "number of injured troops" -> injured; None for rockets, troops."""
    if re.search(r"injur|wound|hurt|casualt", words, re.I):
        return "injured"
    if re.search(r"killed|dead|death|fatalit", words, re.I):
        return "killed"
    return "attacks" if re.search(r"attack|times|strikes|incidents", words, re.I) else None


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
    ends: bool = False  # as_of closes the count's own window ("from Oct. 17 through Feb. 4"): not for later counts


def _qualifier(q: str, lex: Lexicon) -> Optional[str]:
    for name, rxq in lex.qualifiers:
        if rxq.search(q or ""):
            return name
    return None


def person_names(text: str, titles: frozenset[str]) -> list[tuple[int, str]]:
    """Person names after stripping titles ("Brigadier General Pat Ryder" -> "Pat Ryder"); ``titles``
    are the pack's words of official titles (lexicon.yaml tally.title_words)."""
    out = []
    for m in _NAME.finditer(text):
        words = m.group("name").split()
        while words and words[0].rstrip(".") in titles:
            words.pop(0)
        if len(words) >= 2 and not any(w.rstrip(".") in titles for w in words):
            out.append((m.start(), " ".join(words[-3:] if len(words) <= 3 else words[-2:])))
    return out


def _day_told(text: str, dates: list[DateHit], start: int) -> bool:
    """Do the sentence's dates (offsets from ``start``) give a day that is no bound of a period ("since Oct. 7")?"""
    return any(h.span.event_date and not h.speech and not _SINCE.search(text, max(0, h.start - start - 8), max(0, h.start - start))
               for h in dates)


class TallyFinder:
    def __init__(self, lex: Lexicon, ctx: DateContext, article_id: str, text: Optional[str] = None):
        self.lex, self.ctx, self.aid = lex, ctx, article_id
        sides = lex.side_fragments
        self.side = _side_patterns(sides["attacked"], sides["attacked_elided"], sides["counted_people"])
        self.orig = text  # the clean text: evidence quotes it, not the folded copy rules read
        names = "|".join(sorted(lex.countries, key=len, reverse=True))  # the pack's countries
        self.break_re = re.compile(_BREAK_TMPL.format(n=NUMBER, c=names), re.I)
        # "27 attacks directed at troops in Iraq and 28 directed at troops in Syria": one country's part
        self.country_part = re.compile(rf"(?:[^.;]|\.(?=\S|\s+[a-z])){{0,60}}?\bin\s+(?:{names})\s*,?\s+(?:and|while|with)\s+{NUMBER}\b", re.I)
        # (packs with ships: a count of ships attacked counts attacks, "has targeted 202 ships")
        self.counted_what = re.compile(_COUNTED_WHAT.pattern + r"|\b(?:ships|vessels)\b", re.I) if lex.ships else _COUNTED_WHAT
        self.spans: list[tuple[int, int]] = []  # where the last sentence's counts are
        self.day_summaries: list[tuple[int, int]] = []  # of them, one day's attacks ("four more times on Tuesday")
        self.drafts: list[_Draft] = []
        self.names: dict[str, str] = {}  # surname -> full name seen in the article
        self.last_speaker: Optional[str] = None

    def _people(self, text: str, persons: Optional[list[str]]) -> list[str]:
        """Names of people in the sentence, titles stripped ("Air Force Brig. Gen. Pat Ryder" -> "Pat Ryder");
        not places NER took for people ("al-Tanf Garrison")."""
        names = [n for _, n in person_names(text, self.lex.title_words)] if persons is None else []
        for name in persons or ():
            words = name.split()
            while words and words[0].rstrip(".") in self.lex.title_words:
                words.pop(0)
            if len(words) >= 2:
                names.append(" ".join(words))
        return [n for n in names if not self.lex.places[0].search(n)]

    def observe_people(self, text: str, persons: Optional[list[str]] = None) -> None:
        for full in self._people(text, persons):
            self.names[full.split()[-1]] = full
            if self.lex.speech.search(text) or re.search(self.lex.speaker_titles, text, re.I):
                self.last_speaker = full

    def _speaks(self, text: str, name: str) -> bool:
        """A name speaks when a speech verb is near it or an official's title leads it ("Brig. Gen.
        Patrick Ryder ... revealed"), unless it is the object of a killing ("killed Gen. Qassem Suleimani")."""
        i = max(text.find(name), 0)
        if self.lex.speech.search(text[max(0, i - 100):i + len(name) + 100]):
            return True
        titled = re.search(rf"{self.lex.speaker_titles}\.?\s*$", text[max(0, i - 30):i], re.I)
        return bool(titled) and not re.search(r"\b(?:killed|killing|assassinated|targeted|wounded)\b", text[max(0, i - 40):i], re.I)

    def _speaker(self, text: str, persons: Optional[list[str]]) -> Optional[str]:
        found = [n for n in self._people(text, persons) if self._speaks(text, n)]
        if found:
            return found[0]
        for surname, full in self.names.items():
            if re.search(rf"\b{re.escape(surname)}\b", text) and self._speaks(text, surname):
                return full
        if re.search(r"\b(?:she|he)\s+(?:said|added|told)\b|,\s*(?:she|he)\s+said", text):
            return self.last_speaker
        return None

    def _cued(self, text: str, at: int) -> bool:
        """A tally cue in the sentence; "at least 14 rockets" qualifies its own number, not the count at ``at``."""
        for c in self.lex.tally_cues.finditer(text):
            if not re.search(r"\d$", c.group()) or c.start() <= at < c.end():
                return True
        return False

    def _breakdown(self, text: str) -> dict:
        out = {}
        for m in self.break_re.finditer(text):
            n = parse_number(m.group("n"))
            if n is not None:
                out[m.group("c").title()] = n
        return out

    def _attack_counts(self, text: str, breakdown: dict) -> tuple[list, list[tuple[int, int]]]:
        """Counts of attacks, and the spans of several attacks told at once that are no running count."""
        lex, found, summaries = self.lex, [], []

        def add(n, q="", span=None):
            found.append((_Draft("attacks", n, _qualifier(q, lex), None, None, None, None, []), span))

        # A count found by a rule of this round is recorded, but its sentence is still read for an attack
        # (span None): whether such sentences tell an attack is the event rules' call, and dropping them
        # cost a true attack on unseen reports.

        whole_end = None  # where the last count that is no part of another ends
        for m in _ATTACKS.finditer(text):
            n = parse_number(m.group("n"))
            if n is None or n < 2:
                continue
            # "135 attacks since October, including 36 on X, 40 on Y": the list after "including" is parts
            if whole_end is not None and _PARTS_FOLLOW.search(text, whole_end, m.start()):
                continue
            whole_end = m.end()
            # "six drone attacks, three of which targeted": a claim's count, not a running tally
            if re.match(r"\s*,?\s*(?:\w+\s+)?of\s+(?:which|them)\b", text[m.end():m.end() + 30], re.I):
                continue
            in_break = any(b.start() <= m.start("n") < b.end() for b in self.break_re.finditer(text))
            if (in_break and len(breakdown) > 1) or self.country_part.match(text, m.end()):
                continue
            so_far = (m.group(0).lower().endswith("times") and _ATTACKED_SO_FAR.search(text, 0, m.start("n"))
                      or _THERE_HAVE_BEEN.search(text, 0, m.start()) or _HAVE_BEEN_DONE.match(text, m.end()))
            day = _MONTH_BEFORE.search(text, 0, m.start("n")) or _ONE_DAY.match(text, m.end()) or _SHORT_WINDOW.match(text, m.end())
            kept = _KEPT_BEFORE.search(text, 0, m.start("n")) or _WINDOW_AFTER.match(text, m.end())
            if not day and (m.group("q") or so_far or kept or self._cued(text, m.start("n"))):
                known = (m.group("q") or self._cued(text, m.start("n"))) and "total recent" not in m.group(0).lower()
                add(n, m.group("q"), m.span() if known else None)
            elif m.group("q") or lex.tally_cues.search(text):
                # "three attacks in the past 24 hours", "since the Jan. 8 attacks": attacks told one by one
                # elsewhere, or a date; not one attack either
                summaries.append(m.span())
                if _ONE_DAY.match(text, m.end()) and not so_far:
                    self.day_summaries.append(m.span())
        for m in self.side.elided.finditer(text):
            n = parse_number(m.group("n"))
            if n is not None and n >= 2 and (m.group("q") or m.group("v")):
                add(n, m.group("q"))
        for n, q, span, as_of in ship_counts(text, lex.ships):  # "have attacked 30 ships since" (packs with ships)
            add(n, q, span)
            found[-1][0].as_of = as_of
        for m in _SUBCOUNT.finditer(text):
            n = parse_number(m.group("n"))
            if n is not None and n >= 2:
                add(n, "")
        for m in _ORDINAL.finditer(text):
            n = parse_number(m.group("n") or m.group("n2"))
            if n is not None and n >= 2 and (m.group("n") or lex.tally_cues.search(text)):
                add(n, "", m.span())
        first_break = next(self.break_re.finditer(text), None)
        counts_else = first_break is not None and _OTHER_COUNT.search(text, 0, first_break.start())
        if len(breakdown) > 1 and not found and not counts_else and re.search(r"attack|times|strikes", text, re.I):
            q = re.search(rf"({_QUAL})" + r"(?:\w+\s+){0,2}" + NUMBER + r"\s+(?:separate\s+)?(?:times|attacks)", text, re.I)
            add(sum(breakdown.values()), q.group(1) if q else "", first_break.span())
        for d, _ in found:
            if breakdown and sum(breakdown.values()) == d.count:
                d.breakdown = dict(breakdown)
        return found, summaries

    def _hurt_counts(self, text: str, dates: list[DateHit], start: int) -> tuple[list, list[tuple[int, int]]]:
        """People hurt or killed over a period: "56 US troops have been injured since the attacks began";
        and the spans of tolls told beside a count of attacks, which are no running count either."""
        found, summaries = [], []
        # a running count of casualties speaks of attacks in the plural (not "one of the attacks") or of a period
        plural = re.search(r"\battacks\b", _ONE_OF_ATTACKS.sub("", text), re.I)
        # a sentence that counts in the plural or with a cue is no account of one attack, even when its
        # count is not a running one ("... three who were killed in the Jan. 28 attack"): it yields no event
        # ("One of the rocket attacks on X left three troops hurt" is the toll of one attack)
        summary = bool(plural or self.lex.tally_cues.search(text))
        hits = [(m, "", True) for m in self.side.hurt.finditer(text)]
        hits += [(m, next(k for k in ("", "2", "3", "4") if m.group("n" + k)), False) for m in self.side.hurt_noun.finditer(text)]
        for m, i, verbal in hits:
            num, word, q = m.group("n" + i), m.group("w" + i), (m.group("q" + i) if i != "3" else "")
            n = parse_number(num)
            if n is None or n < 2 or _SUPERSEDED.search(text[max(0, m.start() - 40):m.start()]):
                continue  # "first said 25 were injured, then raised the figure to ...": not the count
            if _PART_OF.search(text, 0, m.start("n" + i)) and any(o.start() < m.start() for o, _, _ in hits):
                continue  # "59 injuries, including at least 27 with brain injuries": a part of the count told
            # "N injured personnel", "of those, N" name no attacks: only their own cue makes them a count so far
            if not ((plural and i in ("", "4")) or self._cued(text, m.start("n" + i))) or _MONTH_BEFORE.search(text, 0, m.start()):
                pass
            elif _ONE_ATTACK_AFTER.match(text, m.end()) or _ONE_OF_ATTACKS.search(text, 0, m.start()):
                if not plural and _day_told(text, dates, start):
                    # "Three crew members were killed in a missile attack yesterday - the first deaths
                    # since ...": a cue alone does not make the toll of one attack with its day a summary
                    # ("... killed in a drone attack in January, the only deaths since Oct. 7" stays one)
                    continue
                pass  # the toll of one attack belongs to its event
            elif _FEW_ATTACKS_AFTER.match(text, m.end()) and not self.lex.tally_cues.search(text):
                continue  # ... and the toll of two or three told together, to theirs
            elif re.search(r"\bpeople\b", m.group(0), re.I) and not self.side.our_side.search(text):
                pass  # "35 people killed in Turkish drone attacks": another party's war
            else:
                what = "killed" if word.lower() in ("killed", "dead", "died") else "injured"
                known = verbal and word.lower() != "injury" and not re.search(r"[”“\"]", m.group(0))
                found.append((_Draft(what, n, _qualifier(q, self.lex), None, None, None, None, []), m.span() if known else None))
                continue
            if summary and verbal:
                summaries.append(m.span())
        return found, summaries

    def _total_counts(self, text: str, found: list, summaries: list) -> list[tuple[_Draft, Optional[tuple[int, int]]]]:
        """ "bringing the total to 19", "the number had risen to 64": a new total of the gap's noun or the last count's."""
        out = []
        for m in list(_BRINGS_TO.finditer(text)) + list(_NOW_TOTAL.finditer(text)):
            n, what = parse_number(m.group("n")), _what_of(m.group("gap"))
            if n is not None and n >= 2 and what:
                out.append((_Draft(what, n, _qualifier(m.group("q"), self.lex), None, None, None, None, []), None))
        for m in _TOTAL.finditer(text):
            n = parse_number(m.group("n"))
            if n is None or n < 2:
                continue
            gap = m.group("gap") or m.group("gap2") or m.group("gap3") or ""
            # "the total number of troops ...": none; a bare "the total" is of the attacks the sentence tells
            what = _what_of(gap) if gap else ("attacks" if re.search(r"attack|times|strikes|incidents", text, re.I) else None)
            if what is None and m.group("gap2") == "" and (found or self.drafts):
                what = (found[0][0] if found else self.drafts[-1]).what  # "the number had risen": the one just told
            # (what None: "the number of rockets reached 14" counts neither attacks nor people)
            # "bringing the total to 19" withholds its clause from event reading; the longer forms of this
            # round do not (", bringing the total number of attacks this month to 6" goes on from an attack)
            short = re.fullmatch(r"(?:\w+\s+){0,3}", m.group("gap") or "-") and re.search(r"attack|times|strikes|incidents", text, re.I)
            if what is None:
                if short:
                    summaries.append(m.span())
                continue
            out.append((_Draft(what, n, _qualifier(m.group("q"), self.lex), None, None, None, None, []),
                        m.span() if short else None))
        return out

    def _earlier_counts(self, text: str, found: list, dates: list[DateHit], start: int) -> list:
        """ "38 times ..., an increase from 31 on Friday": the earlier figure, dated by its own day."""
        out = []
        for m in _EARLIER.finditer(text):
            n = parse_number(m.group("n"))
            day = next((h for h in dates if 0 <= h.start - start - m.end() <= 12 and h.span.event_date), None)
            if n is None or n < 2 or not found or day is None:
                continue  # an earlier figure without its day would be read as of today
            d = _Draft(found[0][0].what, n, _qualifier(m.group("q"), self.lex), None, day.span.event_date, None, None, [])
            out.append((d, None))
        return out

    def _window(self, text: str, start: int, dates: list[DateHit]) -> tuple[Optional[str], Optional[str], bool]:
        """The sentence's since and as-of days, and whether the as-of day ends a window the sentence gives."""
        since = as_of = None
        ends = False
        for h in dates:
            rel = h.start - start
            pre = text[max(0, rel - 12):rel]
            if _SINCE.search(pre):
                since = _bound(h.span, h.span.date_earliest)
            elif _ASOF.search(pre) or _TOLD_ON.search(text[max(0, rel - 30):rel]):
                as_of = _bound(h.span, h.span.date_latest)
                ends = bool(_UNTIL.search(pre))
            elif h.kind == "range":
                since, as_of, ends = h.span.date_earliest, h.span.date_latest, True
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
        return since, as_of, ends

    def feed(self, text: str, start: int, end: int, dates: list[DateHit], persons=None) -> bool:
        """Read one sentence; True when it is a tally (so it yields no event)."""
        self.spans, self.day_summaries = [], []
        if not self.counted_what.search(text):
            return False  # no word a running count could count: skip the number patterns
        found, summaries = self._attack_counts(text, self._breakdown(text))
        hurt, more = self._hurt_counts(text, dates, start)
        found, summaries = found + hurt, summaries + more
        found += self._total_counts(text, found, summaries)
        found += self._earlier_counts(text, found, dates, start)
        held = summaries + [sp for _, sp in found if sp]
        self.day_summaries = [(start + a, start + b) for a, b in self.day_summaries]
        if held:
            self.spans = [(start + a, start + b) for a, b in held]
            if any(sp for _, sp in found):
                self.spans += [(start + b.start(), start + b.end()) for b in self.break_re.finditer(text)]
        if found and self._other_war(text):
            found = []  # a monitor's count of Turkish drone strikes on Kurdish towns this year
        if not found:
            return bool(held)
        since, as_of, ends = self._window(text, start, dates)
        speaker = self._speaker(text, persons)
        ev = Evidence(self.aid, start, end, self.orig[start:end] if self.orig is not None else text, ("tally",))
        for d, _ in found:
            prev = self.drafts[-1] if self.drafts else None
            d.since = since or (prev.since if prev else None)
            d.ends = d.as_of is None and as_of is not None and ends
            d.as_of = d.as_of or as_of or (prev.as_of if prev and not prev.ends else None) or iso(self.ctx.published)
            d.speaker = speaker or (prev.speaker if prev else None)
            d.evidence = [ev]
            self._add(d)
        return bool(held)

    def _other_war(self, text: str) -> bool:
        """A count told of another party's attacks (a state or group the pack lists as no side of
        the theater) in a sentence that never names the attacked side is no running count here."""
        m = self.lex.other_parties.search(text)
        return bool(m) and not self.side.our_side.search(text) and not self.counted_what.search(text, 0, m.start())

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
            # ("more than five dozen attacks" beside 61: a figure told in dozens is rounded too)
            rounded = d.qualifier == "about" or (d.qualifier and any(_DOZENS.search(e.text) for e in d.evidence))
            if rounded and any(o.what == d.what and o.qualifier is None and o.count != d.count
                               and abs(o.count - d.count) <= max(2, d.count // 10) for o in self.drafts):
                continue  # "nearly 60 troops hurt" in a headline, 59 in the text: the figure rounded
            first = d.evidence[0].start if d.evidence else 0
            out.append(Tally(f"{self.aid}:t{first}:{d.what}:{d.count}", self.aid, d.what, d.count, d.qualifier,
                             d.since, d.as_of, d.breakdown, d.speaker, tuple(d.evidence)))
        return tuple(out)


__all__ = ["TallyFinder", "person_names"]
