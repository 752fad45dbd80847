"""The day a clause's event is given: its own dates, the scene's, a statement's, the report's.

A mixin of :class:`salvo.extract.events.EventBuilder` (split from events.py and clause_stages.py to
keep modules small); it reads the builder's anchor, scene, drafts and date context.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Optional

from salvo.extract.dates import RELATIVE, DateHit, bounds_span, iso, open_span, parse_iso
from salvo.extract.decisions import ClauseFacts, PlaceReading
from salvo.extract.lexicon import name_key
from salvo.model import DateSpan

_CALENDAR = ("iso", "monthday", "daymonth", "weekday_day")


def _calendar_first(hits: list[DateHit]) -> DateHit:
    """A calendar day told beats the day of the telling ("posted today, Sunday: 'on 11 September
    the base was hit'"), whatever their order; otherwise the first day told."""
    return next((h for h in hits if h.kind in _CALENDAR and h.span.event_date), hits[0])


_FUTURE = re.compile(r"\b(?:would|will|shall)\s+(?:be\s+)?(?:[a-z]+\s+){0,2}(?:on|next|this|by)?\s*$")
_REASON_FOR = re.compile(r"\b(?:in\s+)?(?:payback|retaliation|revenge|reprisal|response)\s+(?:for|to)\b", re.I)


class ClauseDates:
    """``_date_for`` and the rules around it; expects the EventBuilder's state."""

    def _date_for(self, cdates: list[DateHit], sdates: list[DateHit], anaphoric: bool, kind: str = "attack") -> DateSpan:
        # "... and that funerals would be held on Sunday": a day told of what is to come dates nothing
        cdates, sdates = self._not_future(cdates), self._not_future(sdates)
        own = [d for d in cdates if not d.speech]
        if not own and anaphoric and self.anchor and (self.anchor.date.event_date or [d for d in sdates if not d.speech]):
            # "X claimed the attack on the base, ... since the killing of Y last year", "the attack
            # on the base comes one day after ...": the attack told keeps its own day (or none), not
            # a day another clause of the sentence gives
            return self.anchor.date
        own = own or [d for d in sdates if not d.speech]
        if own:
            # "a day after US airstrikes on Tuesday night": the day named beats the day counted
            named = [d for d in own if d.kind not in RELATIVE and d.span.event_date]
            return _calendar_first(named or own).span
        if anaphoric and self.anchor and self.anchor.date.event_date:
            return self.anchor.date
        last = self.drafts[-1] if self.drafts else None
        if kind == "response" and last is not None and last.kind == "attack" and self.scene.date is not None:
            # "Sunday's strikes ..., and militants answered on Monday ... The Pentagon said F-15s hit
            # X": a response goes on with the day of the response told in the same sentence as the
            # attack, not with the attack's
            resp = next((d for d in reversed(self.drafts) if d.kind == "response"), None)
            if resp is not None and last.last_sentence == resp.last_sentence and resp.date.event_date:
                return resp.date
        if self.scene.date is not None:
            return self.scene.date
        spoken = [d for d in cdates + sdates if d.speech and d.span.event_date]
        if spoken:
            # "..., officials said Tuesday": the attack was on or shortly before that day
            if self.lex.statement_day_dates_attack:
                # (the day a statement gives is the day coders give the attack it tells: "Five rockets
                # landed near the embassy, officials said Sunday"; at sea a report often comes a day later)
                return spoken[0].span
            d = parse_iso(spoken[0].span.event_date)
            return bounds_span(d - timedelta(days=6), d, spoken[0].span.text)
        if self.ctx.published:
            return bounds_span(self.ctx.published - timedelta(days=6), self.ctx.published, None)
        return open_span(self.ctx)

    def _not_future(self, dates):
        return [d for d in dates if not _FUTURE.search(self._orig, max(0, d.start - 40), d.start)]

    @staticmethod
    def _dated_any(dates) -> bool:
        return any(not d.speech and (d.span.event_date or d.span.date_earliest) for d in dates)

    def _sdates_of(self, f: ClauseFacts, kind: Optional[str]) -> list:
        """The sentence's dates a clause may take; None for an attack told as what a response answered
        ("... struck X on Feb. 25 in retaliation for a rocket attack in Erbil"): the days told before
        the reason are the response's."""
        if kind != "attack" or f.cdates:
            return list(f.sdates)
        start = f.base - f.sentence.start
        why = None
        for why in _REASON_FOR.finditer(f.sentence.text, 0, max(0, start)):
            pass
        if why is None or f.sentence.text[why.end():start].strip(" ,"):
            return list(f.sdates)
        return None

    def _answered_date(self, f: ClauseFacts, pr: PlaceReading) -> DateSpan:
        """The day of an attack told as what a response answered: that of the attack told before at
        the same place ("a recent rocket strike in Erbil" after "rockets hit Erbil airport on Feb.
        15"), else some day before the response's."""
        told = {k for p in pr.targets for k in (name_key(p.head.text), p.head.key) if k}
        for d in reversed(self.drafts):
            if d.kind == "attack" and d.date.event_date and {k for h in [d.place.head, *d.place.context]
                                                            for k in (name_key(h.text), h.key) if k} & told:
                return d.date
        before = [d for d in f.sdates if d.start < f.base and d.span.date_latest]
        hi = before[-1].span.date_latest if before else None
        return DateSpan(None, iso(self.ctx.period[0]), hi, None, None, None) if hi else self._date_for([], [], False)
