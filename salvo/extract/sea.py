"""Events at sea: the clause rules of packs whose lexicon.yaml has a ``ships`` section.

One attack per vessel: the vessel a clause tells as attacked (salvo.extract.ships), the report's
sea area for an attack told with no place of its own (or the one told right after it), one
attacker for all the vessels of a report, and the attacked party among several (pack.yaml
``attacked_side`` with ``attacked_cues``).
"""

from __future__ import annotations

import re
from dataclasses import replace as dc_replace
from typing import Optional

from salvo.extract import decisions as D
from salvo.extract.actors import actors_in, basis, perpetrator
from salvo.extract.dates import find_dates
from salvo.extract.drafts import Draft
from salvo.extract.places import Place
from salvo.extract.sentences import Clause
from salvo.extract.ships import (another_vessel, attacked_ship, other_kind_told, other_ships, sea_scene, ship_in, ships_in, the_vessel_told,
                                 without_defenders)

# a vessel taken: "hijacked", "boarded", "have taken hold of it", "piracy"
_TAKEN = re.compile(r"\b(?:hijack\w*|seiz\w*|board(?:ed|ing)|(?:taken|took|seized) (?:hold|control)|pira(?:cy|tes?)|captur\w*)", re.I)
# between two vessels named together: "X and the Y", "X, Y", "X and the Panama-flagged Y"
# ("USS X, a US Navy destroyer": one vessel in apposition, no second one)
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?(?:[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,2}-flag(?:ged)?\s+)?"
                     r"(?:(?!an?\s)[a-z][\w-]*\s+){0,2}")


def _sentence_around(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the sentence or line holding offset ``at``."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    return start, min(ends) if ends else len(text)


def parties(sides) -> list[str]:
    """pack.yaml's one party or list of parties."""
    return [sides] if isinstance(sides, str) else list(sides or [])


_CUE_CACHE: dict = {}


def compiled_cues(cues: Optional[dict]) -> dict[str, re.Pattern]:
    """attacked_cues compiled once per pack: party -> one case-sensitive pattern on word bounds."""
    key = repr(sorted((cues or {}).items()))
    if key not in _CUE_CACHE:
        _CUE_CACHE[key] = {side: re.compile(r"(?<![\w-])(?:" + "|".join(pats) + r")(?![\w-])")
                           for side, pats in (cues or {}).items() if pats}
    return _CUE_CACHE[key]


# ", the 27th attack", ", marking the third such attack": a running count set after the attack told
_COUNT_AFTER = re.compile(r",\s+(?:marking\s+|in\s+)?(?:the|its|their)\s+(?=\d+(?:st|nd|rd|th)\b|(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b)", re.I)
# "8 nm east of the scene of the earlier attack", "in the same area": near an attack told before
_BY_THE_FIRST = re.compile(r"\b(?:miles|nm|km|kilometres|kilometers)\s+(?:\w+\s+){0,2}(?:of|from)\s+(?:the\s+)?"
                           r"(?:site|scene|location|position)\s+of\s+the\s+(?:first|earlier|previous|other)\s+(?:attack|incident)"
                           r"|\bin\s+the\s+same\s+area\b", re.I)
_NEAR_AFTER = 400  # characters after an attack clause its sea area may still be told in
class SeaRules:
    """The EventBuilder's rules for packs with a ``ships`` section (events at sea): which vessel a
    clause tells as attacked, where an attack told with no place was, which party was attacked.
    Expects the EventBuilder's state (lex, vessels, finder, anchor, drafts, _orig, _borrowed, _note)."""

    def _clause_ship(self, text: str):
        return attacked_ship(text, self.vessels) if self.vessels else None

    def coordinated_ships(self, text: str) -> list:
        """"attacked two tankers - the X and the Y - in the Red Sea": vessels named together as the
        ones attacked, each its own attack (none when a clause names one, or a defender and its charge)."""
        if not self.vessels:
            return []
        told = ships_in(text, self.vessels)
        if len(told) < 2:
            return []
        ends = [a + len(s.name) for a, s in told]
        for (a, _), end in zip(told[1:], ends):
            if not _JOINED.fullmatch(text[end:a]):
                return []
        first = attacked_ship(text, self.vessels)
        return [s for _, s in told] if first is not None and first.name == told[0][1].name else []

    def _draft_ship(self, text: str):
        """The vessel a new draft is about: the one its clause names, or the one of the event told
        last when the clause says "the destroyer" ("HMS X shot down drones. The Type-45 destroyer
        repelled the largest attack yet": one vessel)."""
        ship = self._clause_ship(text)
        a = self.anchor
        if ship is None and a is not None and a.kind == "attack" and a.ship is not None and the_vessel_told(text, self.vessels) \
                and not another_vessel(text, self.vessels):
            return a.ship
        return ship

    def _one_attacker_at_sea(self) -> None:
        """A report on attacks at sea naming one attacker for some of its vessels ("a missile
        launched from Houthi-held areas hit X ... the destroyer Y shot down a drone") tells the
        others as that attacker's too, on the same basis."""
        if not self.vessels:
            return
        attacks = [d for d in self.drafts if d.kind == "attack" and d.ship is not None]
        named = {(d.actor, d.basis) for d in attacks if d.actor and not d.actor_generic}
        if len(named) != 1:
            return
        actor, how = next(iter(named))
        for d in attacks:
            if d.actor is None:
                d.actor, d.actor_generic, d.basis = actor, False, how

    def _strongest_basis(self) -> None:
        """Packs with ``claim_beats_blame``: an attack's basis is the strongest any sentence telling
        it gives its doer (the group's own claim, then a blame by officials, then the outlet's
        naming): "a Houthi missile hit X" ... "the Houthis released a video of the attack"."""
        if not self.lex.claim_beats_blame:
            return
        rank = {"unknown": 0, "attributed": 1, "claimed": 2}
        for d in self.drafts:
            if d.kind != "attack" or d.actor is None:
                continue
            for e in d.evidence:
                actor = perpetrator(e.text, self.lex)
                if actor is not None and actor.name == d.actor:
                    how = basis(e.text, self.lex, actor)
                    if rank.get(how, 0) > rank.get(d.basis, 0):
                        d.basis = how

    def _attack_before_count(self, cl: Clause) -> Optional[Clause]:
        """"A missile was launched at a tanker off Aden, their 40th such strike since December": the
        attack a running count is set after, told before it, as a clause of its own (packs with
        ships), or None."""
        if not self.vessels:
            return None
        heads = [a for a, _ in self.tallies.spans if cl.start <= a < cl.end]
        if not heads:
            return None
        h = min(heads) - cl.start
        m = next((x for x in _COUNT_AFTER.finditer(cl.text) if x.start() <= h <= x.end()), None)
        if m is None or not self.lex.trigger_verbs.search(cl.text, 0, m.start()):
            return None
        return Clause(cl.start, cl.start + m.start(), cl.text[:m.start()])

    def _vessel_stretch(self, text: str) -> str:
        """The part of a clause naming several vessels that tells the attacked one's attack, from
        its name on ("USS X shot down a drone; another vessel, M/V Y, was hit by a missile": Y's
        missile); the whole clause otherwise."""
        if not self.vessels or len(ships_in(text, self.vessels)) < 2:
            return text
        ship = attacked_ship(text, self.vessels)
        at = next((s for s, x in ships_in(text, self.vessels) if x == ship), 0)
        return text[at:]

    def _another_vessel(self, text: str) -> bool:
        """Does the clause name a vessel other than the one of the event told last?"""
        a = self.anchor
        return a is not None and a.ship is not None and other_ships(self._clause_ship(text), a.ship)

    def _vessel_told(self, f) -> Optional[Draft]:
        """The attack already drafted on the vessel a clause with no place and no day of its own
        tells as attacked ("A missile hit the tanker X ... The X was struck at noon"), or None."""
        ship = self._clause_ship(f.text)
        if ship is None or any(h.span.event_date or h.span.date_earliest for h in f.cdates if not h.speech):
            return None
        return next((d for d in reversed(self.drafts) if d.kind == "attack" and d.ship is not None
                     and not other_ships(d.ship, ship)), None)

    def _day_told_of_attack(self, f) -> bool:
        """"(dated the day of the report) A tanker was damaged ... the crew was safe after the attack
        on Monday, July 15": the earlier day a clause referring back gives the attack told, dated
        only by the day of the telling, is its day (packs with ships)."""
        d, pub = self.anchor, self.ctx.published
        if not self.vessels or d is None or d.kind != "attack" or pub is None or d.date.event_date != pub.isoformat() \
                or not self.lex.anaphora.search(f.text):
            return False
        own = [h.span for h in f.cdates if not h.speech and h.span.event_date]
        if not own or own[0].event_date >= d.date.event_date:
            return False
        d.date, d.own_date = own[0], True
        d.add_evidence(f.evidence)
        return True

    def _salvo_at_no_vessel(self, d: Draft) -> bool:
        """"Two missiles were fired into the Red Sea" beside "a drone boat struck the tanker X": a
        salvo at a sea area that names no vessel is no summary of the vessels' attacks (packs with
        ships)."""
        return bool(self.vessels) and d.kind == "attack" and d.ship is None and d.munitions is not None \
            and not any(sea_scene(e.text, self.vessels) for e in d.evidence)

    def _told_as_another(self, d: Draft) -> bool:
        """Was the draft made by a clause telling an unnamed vessel as another one ("another ship was
        fired upon 10 miles south of the first attack", "a second tanker")? Then it is no vessel told
        before: it joins no draft and takes no named vessel of the report (packs with ships)."""
        if not self.vessels or d.kind != "attack" or d.clause[0] < 0:
            return False
        text = self._orig[d.clause[0]:d.clause[1]]
        return ship_in(text, self.vessels) is None and bool(another_vessel(text, self.vessels))

    def _placed_by_the_first(self) -> None:
        """"a second vessel came under fire 8 nm east of the scene of the earlier attack": an unnamed
        vessel told as another, placed only by the report's sea area, near the attack its clause
        places it by, takes that attack's place (the nearest told before it with a position)."""
        for d in self.drafts:
            if not d.another or d.reason != "ship_at_sea_scene" or not any(_BY_THE_FIRST.search(e.text) for e in d.evidence):
                continue
            start = min(e.start for e in d.evidence)
            first = [o for o in self.drafts if o.kind == "attack" and not o.another and o.place.offset is not None
                     and min(e.start for e in o.evidence) < start]
            if first:
                d.place, d.base = first[-1].place, first[-1].base

    def _other_scene_near(self, f) -> bool:
        """Was another party's strike told in this sentence or the one before? Not for a clause telling
        a vessel attacked in a pack with ships ("Israel struck the port of X on July 20. ... The tanker
        Y was attacked by two boats off X": the other conflict's strikes are not at sea)."""
        if self.other_seen is None or f.sentence.index - self.other_seen > 1:
            return False
        return not (self.vessels and sea_scene(without_defenders(f.text), self.vessels))

    def _vessel_of_another_kind(self, d: Draft, details: list[Draft]) -> bool:
        """"our missiles struck the Dutch ship X ... a US destroyer was targeted too in the Red Sea": a
        summary at a sea area telling an unnamed vessel of another kind than every detail's vessel
        is an attack of its own, not their summary (packs with ships)."""
        if not self.vessels or d.kind != "attack" or d.ship is not None:
            return False
        told = without_defenders(" ".join(e.text for e in d.evidence))
        return sea_scene(told, self.vessels) and all(o.ship is not None and other_kind_told(told, o.ship, self.vessels)
                                                      for o in details)

    def _drop_on_land_without_vessel(self) -> None:
        """(packs with ships) An attack placed on land (a town, a port, a province, a country or a
        facility noun, "an airport"; no position off it) whose sentences tell no vessel and that has none is no attack on shipping:
        "a Houthi strike on an airport", told beside strikes on Yemen's ports."""
        if not self.vessels:
            return
        for d in [d for d in self.drafts if d.kind == "attack" and d.ship is None]:
            p = d.place
            # (a country the pack lists as a region, "Yemen", is land too)
            land = p.head.kind in ("town", "site", "admin1", "country", "generic") or (
                p.head.kind == "region" and any(rx.fullmatch(p.head.text) for rx in self.lex.countries.values()))
            if p.offset is not None or not land or any(h.kind == "region" for h in p.context):
                continue
            if any(sea_scene(e.text, self.vessels) for e in d.evidence):
                continue
            self.drafts.remove(d)
            ev = min(d.evidence, key=lambda e: e.start)
            self._trace.append((ev.start, ev.end, -1, -1, f"{d.kind} at {d.place.head.text!r}",
                                D.Decision(D.DROPPED, "on_land_no_vessel", kind=d.kind), d.place.ref(d.base), d.date, None))

    def _drop_taken_by_another_party(self) -> None:
        """(packs with ships) A report that names no actor of the theater but tells another party
        taking a vessel ("six Somali pirates have taken hold of it") tells no attack of this theater:
        its attacks with no doer named are that party's."""
        if not self.vessels or actors_in(self._orig, self.lex):
            return
        text = self._orig
        if not any(_TAKEN.search(text, max(0, m.start() - 120), m.end() + 120) for m in self.lex.other_parties.finditer(text)):
            return
        for d in [d for d in self.drafts if d.kind == "attack" and not d.actor]:
            self.drafts.remove(d)
            ev = min(d.evidence, key=lambda e: e.start)
            self._trace.append((ev.start, ev.end, -1, -1, f"{d.kind} at {d.place.head.text!r}",
                                D.Decision(D.DROPPED, "taken_by_another_party", kind=d.kind), d.place.ref(d.base), d.date, None))

    def _sea_scene(self, f) -> Optional[Place]:
        """An attack on a vessel told with no place of its own, in a pack with ships: at the sea area
        the report names, the last told before the clause or else the first told after it."""
        if not self.vessels or not sea_scene(without_defenders(f.text), self.vessels):
            return None
        if self._sea_places is None:
            self._sea_places = [p for p in self.finder.places(self._orig, []) if p.head.kind == "region" and not p.origin]
        before = [p for p in self._sea_places if p.head.start < f.base]
        # (told after: only close by, "A tanker was struck ... The attack was in the Red Sea")
        after = [p for p in self._sea_places if f.base + len(f.text) <= p.head.start < f.base + len(f.text) + _NEAR_AFTER]
        if before:
            # "ships in the southern Red Sea, the Gulf of Aden and even the Arabian Sea": of the areas
            # the last sentence naming one lists, the first is where the scene is
            start, _ = _sentence_around(self._orig, before[-1].head.start)
            before = [p for p in before if p.head.start >= start][:1]
        pick = (before or after[:1] or [None])[0]
        if pick is None:
            return None
        p = dc_replace(pick, context=list(pick.context))
        self._borrowed[id(p)] = 0  # its spans are offsets into the whole text
        return p

    def _scene_day(self, p: Place):
        """"The attack on Monday 15 July highlights the danger in the lower Red Sea ... The Liberian-
        flagged X was one of the ships attacked this week": the day told where the scene's sea area
        is named dates a vessel's attack placed by it that has no day of its own."""
        start, end = _sentence_around(self._orig, p.head.start)
        days = [d.span for d in find_dates(self._orig[start:end], self.ctx) if d.span.event_date and not d.speech]
        return days[0] if len(days) == 1 else None

    def _sea_area_told(self, f, pr) -> bool:
        """"A missile struck the tanker X. ... The strike happened in the Bab el-Mandeb": where an
        attack placed only by the report's sea area was, told by a clause referring back to it."""
        d = self.anchor
        if not self.vessels or d is None or d.reason != "ship_at_sea_scene" or not f.anaphoric \
                or f.sentence.index - d.last_sentence > 2 or other_ships(self._clause_ship(f.text), d.ship):
            return False
        told = [p for p in list(pr.targets) + list(pr.summary) if not p.origin and (p.offset or p.head.kind == "region")]
        if not told:
            return False
        p = min(told, key=lambda q: (q.offset is None, q.head.start))  # a point told beats an area
        d.place, d.base, d.reason = p, f.base, "sea_area_told_after"
        d.add_evidence(f.evidence)
        d.last_sentence = f.sentence.index
        self._note(f, D.Decision(D.ATTACH, "sea_area_told_after", f"places the attack told ({p.head.text!r})"),
                   [p], drafts=[d])
        return True

    def _ship(self, d: Draft):
        if not self.vessels:
            return None
        if d.ship is not None:
            return d.ship
        told = " ".join(e.text for e in d.evidence)
        own = ship_in(told, self.vessels)
        if own or d.role != "main" or d.kind != "attack" or d.another:
            return own
        # ("... the container ship X. Two missiles narrowly missed a tanker the day before": the
        # report's only named vessel is not the tanker)
        return None if other_kind_told(told, self.only_ship, self.vessels) else self.only_ship

    def _attacked_in(self, text: str) -> Optional[str]:
        """The attacked party an attack is coded to: the first of the pack's other attacked sides
        whose cues the clause names ("USS Carney", "a British destroyer"), else the pack's first."""
        for side in self.attacked_sides[1:]:
            rx = self.attacked_cues.get(side)
            if rx is not None and rx.search(text):
                return side
        return self.attacked
