"""A toll told for a count of attacks: "US forces were attacked four times on Tuesday, but no one
was hurt. Rockets struck X ... a drone was launched at Y" gives each attack the report then tells
a zero toll of its own, where it tells none. (A summary draft that the details replace passes its
toll down in drafts.pass_down; this is the count that makes no draft: a count with no place, or
a running count in a tally sentence.)

A mixin of :class:`salvo.extract.events.EventBuilder`; it expects the builder's ``lex``,
``cas``, ``drafts`` and ``_negative``.
"""

from __future__ import annotations

import re
from typing import Optional

from salvo.extract import decisions as D
from salvo.extract.dates import DateHit
from salvo.extract.drafts import _overlap
from salvo.extract.numbers import NUMBER, parse_number
from salvo.extract.sentences import Sentence
from salvo.model import Evidence

# "attacked four times", "two separate attacks", "three rocket and drone strikes"
_TIMES = re.compile(rf"(?<![\w-])(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?(?:times|attacks|strikes|incidents)\b", re.I)
_SEVERAL = re.compile(r"\b(?:twice|thrice|(?:several|multiple|numerous|a\s+number\s+of|a\s+series\s+of)\s+(?:[\w-]+\s+)?(?:times|attacks|strikes))\b", re.I)
_SINCE = re.compile(r"\bsince\s+$", re.I)
# "no casualties were reported in the attacks on X": the attacks just told, referred back to
_THE_ATTACKS = re.compile(r"\b(?:in|from|during|by|of)\s+the\s+(?:[\w-]+\s+)?(?:attacks|strikes|barrages)\b", re.I)
# how many sentences after the count the attacks it counts are told
_TOLD_WITHIN = 3


class CountedTolls:
    """Expects ``aid``, ``_orig``, ``lex``, ``cas``, ``drafts``, ``_trace`` and ``_negative`` on the builder."""

    drafts: list
    # (killed, injured, sentence, drafts told before, day, evidence, only the first attack) of the count read on
    _spared_by: Optional[tuple]
    _spared: list  # (draft, killed, injured, evidence) of the attacks a harmless count covers

    def _counted_harmless(self, sent: Sentence, text: str, tally: bool, dates: list[DateHit]) -> None:
        """Read one sentence: does it count attacks (a count of two or more, "several attacks", a
        running count) and say that none of them killed or hurt anyone? Then remember the zero, the
        sentence and the day it gives, for the attacks told next."""
        killed, injured = self.cas.of(text)
        if killed not in (0, None) or injured not in (0, None) or (killed, injured) == (None, None):
            return  # (a count that names people hurt is a toll of the period, not a zero for each)
        many = any((parse_number(m.group("n")) or 0) >= 2 for m in _TIMES.finditer(text)) or _SEVERAL.search(text)
        # (a count, not a reference to attacks told: "no casualties were reported in the attacks on X")
        if not (tally or many) or self._negative(text):
            return
        if not (self.lex.attack_nouns.search(text) or self.lex.trigger_verbs.search(text)):
            return
        own = [d.span for d in dates if not d.speech and d.span.event_date
               and not _SINCE.search(self._orig, max(0, d.start - 8), d.start)]
        ev = Evidence(self.aid, sent.start, sent.end, self._orig[sent.start:sent.end], ("event",))
        self._spared_by = (killed, injured, sent.index, len(self.drafts), own[0] if own else None, ev, False)

    def _toll_before_any_attack(self, sent: Sentence, text: str, ev: Evidence) -> None:
        """"The command confirmed an explosion outside the embassy and says there are no casualties.
        ... A rocket landed near the embassy": a zero toll told before any attack is the toll of
        the first attack told in the next sentences."""
        killed, injured = self.cas.of(text)
        if self.drafts or killed not in (0, None) or injured not in (0, None) or (killed, injured) == (None, None) \
                or self._negative(text):
            return
        self._spared_by = (killed, injured, sent.index, 0, None, ev, True)

    def _zero_of_the_attacks(self, sent: Sentence, text: str, ev: Evidence) -> bool:
        """"No casualties were reported in the attacks on the Green Zone": a zero toll told of the
        attacks (a reference back, not a count) is the toll of each attack told in the three
        sentences before, where it has none. True when it gave one."""
        killed, injured = self.cas.of(text)
        if killed not in (0, None) or injured not in (0, None) or (killed, injured) == (None, None) \
                or not _THE_ATTACKS.search(text) or self._negative(text):
            return False
        told = [d for d in self.drafts if d.kind == "attack" and sent.index - d.last_sentence <= _TOLD_WITHIN
                and (d.killed is None or d.injured is None)]
        for d in told:
            d.killed = killed if d.killed is None else d.killed
            d.injured = injured if d.injured is None else d.injured
            d.add_evidence(ev)
        return bool(told)

    def _spare_told(self, sent: Sentence) -> None:
        """After each sentence: the attacks first told within a few sentences of a harmless count
        (on its day, when it gives one) are among those it counted."""
        by = self._spared_by
        if by is None:
            return
        killed, injured, at, n, day, ev, first_only = by
        if sent.index - at > _TOLD_WITHIN:
            self._spared_by = None
            return
        for d in self.drafts[n:]:
            if d.kind == "attack" and d.role != "background" and (day is None or _overlap(d.date, day)) \
                    and all(x is not d for x, *_ in self._spared):
                self._spared.append((d, killed, injured, ev))
                if first_only:
                    self._spared_by = None  # (a toll told before any attack: the first one's)
                    return
        self._spared_by = (killed, injured, at, len(self.drafts), day, ev, first_only)

    def _zero_for_counted(self) -> None:
        """At the end of the report: the attacks a harmless count covered, with no toll of their own."""
        for d, killed, injured, ev in self._spared:
            used = []
            if d.killed is None and killed == 0:
                d.killed = 0
                used.append("killed")
            if d.injured is None and injured == 0:
                d.injured = 0
                used.append("injured")
            if used:
                d.add_evidence(ev)
                self._trace.append((ev.start, ev.end, -1, -1, f"{d.kind} at {d.place.head.text!r}",
                                    D.Decision(D.ATTACH, "harmless_count", "zero " + ", ".join(used) + " of the attacks counted",
                                               kind=d.kind), d.place.ref(d.base), d.date, d))
