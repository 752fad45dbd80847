"""Details of an attack told apart from it: a launch count in the next sentence, a claim of a
series at the place just told, and when the group last named is not the doer of the attack a
clause refers back to.

A mixin of :class:`salvo.extract.events.EventBuilder` (split from clause_stages.py to keep modules
small); it expects the builder's ``lex``, ``anchor``, ``drafts``, ``scene`` and helpers.
"""

from __future__ import annotations

import re
from typing import Optional

from salvo.extract.actors import basis, perpetrator
from salvo.extract.decisions import ClauseFacts, PlaceReading
from salvo.extract.drafts import _FAMILY, Draft, _same_day
from salvo.extract.weapons import munitions_of

_LAUNCHED = re.compile(r"\b(?:launch(?:ed|es)?|fired|lobbed)\b", re.I)
_PART = re.compile(r"\b(?:others|the\s+rest|the\s+remaining|the\s+other)\b", re.I)


class ToldDetails:
    """Expects ``lex``, ``anchor``, ``drafts``, ``scene``, ``_attached`` and ``_resolve_definite``."""

    def _count_of_told(self, f: ClauseFacts, kind: str, weapon: str) -> Optional[Draft]:
        """"Several troops were hurt in a rocket attack on X. Two rockets were launched from a
        truck nearby": a launch count told right after the attack, with no target, day or new-event
        cue of its own, is that attack's count (when it had none)."""
        a = self.anchor
        if a is None or kind != "attack" or a.kind != "attack" or a.munitions is not None or a.summary \
                or f.sentence.index - a.last_sentence > 2 or self.lex.new_event.search(f.text) \
                or any(not d.speech for d in f.cdates) or not _LAUNCHED.search(f.text) or _PART.search(f.sentence.text):
            return None  # ("One shell hit the hall, while two others landed nearby": parts of a total)
        if "unknown" not in (weapon, a.weapon) and _FAMILY.get(weapon, weapon) != _FAMILY.get(a.weapon, a.weapon):
            return None
        n, ntext = munitions_of(f.text, self.lex)
        if n is None:
            return None
        a.munitions, a.munitions_text = n, ntext
        a.add_evidence(f.evidence)
        a.last_sentence = f.sentence.index
        self._attached = a
        return a

    def _claim_of_series_at_told_place(self, f: ClauseFacts, pr: PlaceReading) -> str:
        """"X claimed targeting the said airport in recent recurring attacks": a claim of a
        series at a place told just before, named by a definite noun, covers the attack told
        there (when it has no doer of its own). Returns what it did, for the trace."""
        lex, text = self.lex, f.text
        if len(pr.targets) != 1 or not lex.claim.search(text) or lex.claim_neg.search(text) \
                or not re.match(r"(?i)(?:the|that|this)\b", pr.targets[0].head.text):
            return ""
        actor = perpetrator(text, lex)
        place = self._resolve_definite(pr.targets[0], text)
        if actor is None or place is None or place is pr.targets[0]:
            return ""
        told = [d for d in self.drafts if d.kind == "attack" and d.place is place and d.actor is None
                and f.sentence.index - d.last_sentence <= 3]
        for d in told:
            d.actor, d.actor_generic, d.basis = actor.name, actor.generic, basis(text, lex, actor)
            d.add_evidence(f.evidence)
        return "claim given to the attack told there" if told else ""

    def _told_without_actor(self) -> bool:
        """Is the attack referred back to ("the rockets") one told, with no doer, after the group
        last named was given another day's attack? ("X claimed Tuesday's drones ... On Saturday,
        rockets were fired at the base. Most of the rockets were shot down": X is not said to have
        fired them.)"""
        a, who = self.anchor, self.scene.actor
        if a is None or a.kind != "attack" or a.actor is not None or not a.evidence \
                or min(e.start for e in a.evidence) <= self.scene.actor_at:
            return False
        return any(d is not a and d.kind == "attack" and d.actor == who.name and not _same_day(d.date, a.date)
                   for d in self.drafts)
