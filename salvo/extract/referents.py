"""What a clause refers to: the place of a definite noun ("the base", "the same airport", "the
airport area there"), the event a definite name points at ("the Kirkuk strike") and the event a
clause names by its place ("no casualties were reported in Erbil").

A mixin of :class:`salvo.extract.events.EventBuilder` (split from events.py to keep modules small).
"""

from __future__ import annotations

import re
from typing import Optional

from salvo.extract.drafts import _HYPERNYMS, Draft, _agrees, _restates, _same_day
from salvo.extract.places import SPECIFIC, Place
from salvo.model import DateSpan

_NAMED_EVENT = re.compile(r"\b(?:the|that|this|[A-Z][a-z]+day['’]s)\s+$", re.I)
_EVENT_NOUN = re.compile(r"\s+(?:(?:drone|rocket|missile|air)\s+)?(?:strikes?|attacks?|airstrikes?|bombing|raids?|barrage)\b", re.I)
# "in the strike near al-Qaim", "the attack on Ain al-Asad": the event told at that place
_EVENT_AT = re.compile(r"\b(?:the|that|this)\s+(?:\w+\s+)?(?:strikes?|attacks?|raids?|airstrikes?|bombing|barrage)\s+(?:near|in|at|on|against)\s+(?:the\s+)?$", re.I)
_PLACE_COMMON = {"base", "airbase", "air", "site", "mission", "support", "camp", "field", "international", "airport",
                 "landing", "zone", "garrison", "complex", "facility", "military", "the"}
_PAST = re.compile(r"\b(?:in\s+20\d\d|last\s+(?:month|year)|previous(?:ly)?|earlier\s+(?:attack|strike)|former|anniversary|years?\s+ago|months?\s+ago)\b", re.I)
_THERE = re.compile(r"(?:\s+(?:area|compound|grounds|perimeter))?\s+there\b", re.I)


def _names(p: Place) -> str:
    return " ".join(filter(None, [p.head.text, p.generic.text if p.generic else "",
                                  p.ctx_text])).lower().replace("airbase", "air base")


class ReferentRules:
    """Expects ``lex`` and ``drafts`` on the builder."""

    drafts: list

    def _told(self, text: str, targets: list[Place]) -> Optional[Draft]:
        """The event a definite "the <place> strike" / "Wednesday's <place> attack" names."""
        for p in targets:
            before = text[max(0, p.head.start - 40):p.head.start]
            named = _NAMED_EVENT.search(before[-16:]) and _EVENT_NOUN.match(text, p.head.end)
            if p.head.start < 0 or not (named or _EVENT_AT.search(before)):
                continue
            for d in reversed(self.drafts):
                if d.place.key == p.key or _restates(d.place, p):
                    return d
        return None

    @staticmethod
    def _situate(text: str, places: list[Place]) -> None:
        """Places the words around them pin down: "weapons depots near the city of X" are at X;
        "struck the airport area there" is the airport of the place named just before."""
        for i, p in enumerate(places):
            if p.head.kind == "generic" and p.head.plural and not p.origin:
                spot = next((h for h in p.context if h.kind in SPECIFIC), None)
                # not in a remark on the group's past ("militias that have fired on facilities in X")
                habitual = _PAST.search(text) or re.search(r"\b(?:that|which|who)\s+(?:have|has|had|often|routinely)\b",
                                                          text[:p.head.start])
                if spot is not None and not habitual:
                    p.generic, p.head = p.head, spot
                    p.context = [h for h in p.context if h is not spot]
            elif p.head.kind == "generic" and not p.context and i and _THERE.match(text, p.head.end):
                q = places[i - 1]
                p.context = [q.head] + q.context
                p.country_hint = p.country_hint or q.country_hint or q.head.country
                p.admin1_hint = p.admin1_hint or q.admin1_hint
                p.ctx_text = p.ctx_text or "in " + q.head.text

    def _resolve_definite(self, p: Place, text: str = "", date: Optional[DateSpan] = None) -> Optional[Place]:
        """"the embassy", "the same base", "the sprawling compound in the Green Zone": the place of
        an event already told, when the noun fits it and any context the text adds agrees."""
        if p.head.kind != "generic":
            return p
        words = p.head.text.lower().split()
        if words[0] not in ("the", "that", "this", "its"):
            return p
        lone_country = p.country_hint and not p.context and not p.admin1_hint
        noun = words[-1].replace("airbase", "air base")  # as _names spells it
        fresh = bool(self.lex.new_event.search(text))
        # the events of the day the clause tells first ("On Wednesday, two drones targeted X. One
        # was shot down and the second struck the base"), then the others, latest first
        drafts = list(reversed(self.drafts))
        if date is not None:
            drafts.sort(key=lambda d: not _same_day(d.date, date))
        same = "same" in words[1:3]
        if same:
            # "the same airport": the latest event whose place the noun fits, else the latest
            fits = [d for d in drafts if noun in _names(d.place)]
            drafts = fits + [d for d in drafts if d not in fits]
        for d in drafts:
            if d.place.head.start < 0 or (p.context and not _agrees(p, d.place)):
                continue
            if lone_country and (d.place.country_hint or d.place.head.country) != p.country_hint:
                continue  # "the outpost ... on the Jordanian side": only a place in that country
            names = _names(d.place)
            if same:
                return d.place
            if noun in names or noun.replace(" ", "") in names:
                return d.place
            # "the military complex at the airport": the airport already told
            if any(h.kind == "generic" and h.text.lower().split()[-1] in names for h in p.context):
                return d.place
            # a word for any facility ("the compound", "the base") fits a named base, not an embassy
            if date is not None and _same_day(d.date, date) and noun in _HYPERNYMS \
                    and d.place.head.kind in ("site", "named_facility"):
                return d.place  # "the other hit the base": the base of the day's event
            if not fresh and noun in _HYPERNYMS and d.place.head.kind in ("site", "named_facility") \
                    and not re.search(r"embass|consulat", names) or noun in ("compound", "premises") and not fresh:
                return d.place
        if p.context or p.country_hint or p.admin1_hint:
            return p
        return None if not p.near else p

    def _named_in(self, text: str, drafts: list[Draft]) -> Optional[Draft]:
        """The one event whose place the clause names ("all of them at Conoco")."""
        low = text.lower()
        hits = []
        for d in drafts:
            words = [w for w in re.findall(r"[a-z][a-z'-]{3,}", d.place.head.text.lower()) if w not in _PLACE_COMMON]
            if words and any(re.search(rf"\b{re.escape(w)}\b", low) for w in words):
                hits.append(d)
        return hits[0] if len(hits) == 1 else None

    @staticmethod
    def _place_named_in(text: str, drafts: list[Draft]) -> Optional[Draft]:
        """The one draft whose place, or a place situating it ("the consulate in Erbil"), the
        clause names by a proper name."""
        hits = []
        for d in drafts:
            names = [h.text for h in [d.place.head, *d.place.context] if h.text[:1].isupper()]
            words = {w for n in names for w in re.findall(r"[A-Z][\w'-]{3,}", n) if w.lower() not in _PLACE_COMMON}
            if any(re.search(rf"\b{re.escape(w)}\b", text) for w in words):
                hits.append(d)
        return hits[0] if len(hits) == 1 else None
