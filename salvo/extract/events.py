"""Attack and response mentions from sentences: one per place, day and actor pair (ACLED).

Reads an article's sentences in order, keeping a little discourse state (the last date told, the
scene of the last attack, the last event touched) because reports spread one attack over several
sentences: "fourteen rockets were fired at a US airbase in Anbar" ... "two people were wounded in
the attack on the Ain al-Asad airbase" ... "No injuries were reported". A clause that names an
attack with a place becomes a frame; frames for the same place, day and actor merge; a clause that
refers back ("the attack", "the drones") without a place of its own adds to the last event.
"""

from __future__ import annotations

import re
from dataclasses import replace as dc_replace
from datetime import timedelta
from typing import Optional

from salvo.extract.actors import actors_in, basis, perpetrator
from salvo.extract.dates import (RELATIVE, DateContext, DateHit, bounds_span, date_only, find_dates, open_span,
                                 parse_iso)
from salvo.extract.drafts import (Draft, Scene, _compatible_areas, _confidence, _fill, _overlap,
                                  _restates, _same_day, consolidate)
from salvo.extract.kinds import KindRules
from salvo.extract.lexicon import Lexicon
from salvo.extract.outcomes import Casualties, outcome_of
from salvo.extract.places import AREA, SPECIFIC, Hit, Place, PlaceFinder
from salvo.extract.referents import _PAST, ReferentRules
from salvo.extract.sentences import Clause, Sentence, split_clauses
from salvo.extract.tallies import TallyFinder
from salvo.extract.weapons import munitions_of, weapon_of
from salvo.model import DateSpan, Evidence, Mention

DISRUPTED = ("Strategic developments", "Disrupted weapons use")
REMOTE = "Explosions/Remote violence"
_DISTRIB = re.compile(r"(?P<n>\w+)\s+of\s+(?:which|them|those)\s+(?:were\s+)?(?:\w+\s+)?(?:targeted|hit|struck|were fired at|aimed at|at)", re.I)
_ELIDED = re.compile(r"(?:,|\band)\s+(?:the\s+other\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+|one|another)\s+(?:others?\s+)?(?:were\s+)?(?:in|inside)\s+$", re.I)
_FORCES_STRUCK = re.compile(r"\b(?:(?:U\.?S\.?|American|coalition)\s+(?:forces|military)|the\s+United\s+States|the\s+U\.?S\.?)\s+(?:also\s+)?"
                            r"(?:struck|bombed|hits?|strikes|bombs|carried\s+out\s+(?:\w+\s+)?strikes)\b", re.I)
_HEADING = re.compile(r"\s*:")
_COUNTED = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w'-]+\s+){0,3}[a-z]+s\b", re.I)
_OF_THEM = re.compile(r"\b(?:\w+)\s+of\s+them\b", re.I)
# "neither attack", "both strikes", "none of the attacks" (not "neither damage nor casualties")
_EACH = re.compile(r"\b(?:neither|both|either|none of the|all (?:of )?the|each of the)\s+(?:of\s+the\s+)?(?:[\w-]+\s+)?"
                   r"(?:attacks?|strikes?|incidents?|barrages?|drones?|rockets?|missiles?|salvos?|raids?|bases|sites|them)\b"
                   r"|\bneither\s+(?=(?:caused|resulted|inflicted|left|produced)\b)", re.I)
# a relative clause on a person or group: its vows and plans do not negate the clause it hangs on
_RELCLAUSE = re.compile(r"(?:,\s*|\s)(?:which|who|whom|whose)\s[^,;]*", re.I)
_REL_KINDS = ("threat", "hypothetical", "condemn")


_REASON = re.compile(r"\b(?:payback|retaliation|revenge|reprisal|response|answer|reply)\s+(?:for|to)\b"
                     r"|\b(?:avenge|avenging)\b|\bfor\s+the\s+(?:killing|deaths?|attacks?|strike)\b", re.I)
_AIMED = re.compile(r"\b(?:aimed|intended|meant|headed|directed)\s+(?:at|for|toward|towards)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
_REVISED = re.compile(r"\b(?:update[ds]?|now\s+(?:says?|said|puts?|stands?)|later\s+(?:raised|revised|said|put)|revised|raised\s+(?:the|its)|(?:rose|climbed|increased)\s+to)\b", re.I)
class EventBuilder(KindRules, ReferentRules):
    def __init__(self, article_id: str, text: str, lex: Lexicon, finder: PlaceFinder, ctx: DateContext,
                 tallies: TallyFinder, pack_meta: dict):
        self._orig = text  # the clean text: evidence quotes it verbatim
        self.aid, self.lex, self.finder, self.ctx, self.tallies = article_id, lex, finder, ctx, tallies
        self.attacked = pack_meta.get("attacked_side")
        self.responder = pack_meta.get("responding_side")
        self.cas = Casualties(lex)
        self.drafts: list[Draft] = []
        self.anchor: Optional[Draft] = None
        self.last_date: Optional[DateSpan] = None
        self.scene = Scene()
        self.continuing: Optional[Draft] = None  # the response a clause goes on about
        self.other_seen: Optional[int] = None  # sentence where another party's strikes were told
        us = lex.target_us.pattern
        self.us_target_prep = re.compile(rf"(?:against|on|at|targeting|targeted|toward|towards|housing|hosting)\s+(?:the\s+)?(?:{us})", re.I)

    # ------------------------------------------------------------------ per sentence

    def feed(self, sent: Sentence, folded: str, ner: list[tuple[int, int, str]], persons=None) -> None:
        lex = self.lex
        dates = find_dates(folded, self.ctx, base=sent.start, last=self.last_date)
        self.tallies.observe_people(folded, persons)
        tally = self.tallies.feed(folded, sent.start, sent.end, dates, persons)
        clauses = self._clauses(sent, folded)
        trig = [bool(lex.trigger_verbs.search(c.text) or lex.attack_nouns.search(c.text)) for c in clauses]
        if any(trig) and not trig[0]:
            # "Three soldiers were wounded, one critically, when a drone struck X": the toll told
            # before the attack belongs to it, so read the attack first
            first = trig.index(True)
            clauses = clauses[first:first + 1] + clauses[:first] + clauses[first + 1:]
        for cl in clauses:
            if tally and (any(cl.start <= a < cl.end for a, _ in self.tallies.spans) or not self._dated(cl, dates)):
                # a running count is no event; a clause of the same sentence naming one dated
                # attack is ("... most of them during drone attacks on Oct. 18 at al-Tanf")
                continue
            # "less than a day after | a drone wounded ...": a day count dates the clause it leads into
            cdates = [d for d in dates if (cl.start <= d.start < cl.end and not (d.kind == "days_shift" and d.end > cl.end))
                      or (d.kind == "days_shift" and d.start < cl.start < d.end)]
            cner = [(s - cl.start, e - cl.start, lab) for s, e, lab in ner if cl.start <= s and e <= cl.end]
            self._clause(sent, cl.text, cl.start, cdates, dates, cner)
            self._summary_day(cl.text, cdates)
        self._remember_dates(dates)

    def _summary_day(self, text: str, cdates: list[DateHit]) -> None:
        """"... claimed attacks on several US bases in Syria on 23 October": a clause about many
        attacks at once is no event, but the day it gives is the day of the attacks it goes on
        to detail."""
        own = [d for d in cdates if not d.speech and d.span.event_date]
        if own and self.lex.aggregate.search(text) and self.lex.attack_nouns.search(text) and not self._negative(text):
            self.scene.date = own[0].span

    def _clauses(self, sent: Sentence, folded: str) -> list[Clause]:
        """Clauses, with ", and the X and Y bases" (more objects, no verb) joined back."""
        out: list[Clause] = []
        for cl in split_clauses(Sentence(sent.index, sent.start, sent.end, folded, sent.paragraph)):
            lex = self.lex
            # (", and on Feb. 7 a US drone strike in Baghdad killed ...": an attack noun with its own
            # day is a clause of its own, not more objects of the last verb)
            verbless = not (lex.trigger_verbs.search(cl.text) or lex.speech.search(cl.text)
                            or (lex.attack_nouns.search(cl.text) and re.search(r"\d", cl.text))
                            or any(rx.search(cl.text) for rx in lex.negative.values()))
            if out and verbless and re.match(r"\s*(?:and|or|as well as)\b", cl.text, re.I):
                prev = out.pop()
                cl = Clause(prev.start, cl.end, folded[prev.start - sent.start:cl.end - sent.start])
            out.append(cl)
        return out

    def _negative(self, text: str) -> bool:
        """Does the clause deny, threaten or imagine rather than report? A vow or a plan told in a
        relative clause ("a strike that killed X, whom the factions vowed to avenge", "militants
        who were preparing to launch drones") is about the people named, not the strike."""
        main = _RELCLAUSE.sub(lambda m: " " * len(m.group(0)), text)
        return any(rx.search(main if k in _REL_KINDS else text) for k, rx in self.lex.negative.items())

    @staticmethod
    def _dated(cl: Clause, dates: list[DateHit]) -> bool:
        return any(cl.start <= d.start < cl.end and d.span.event_date and not d.speech for d in dates)

    def _remember_dates(self, dates: list[DateHit]) -> None:
        for d in dates:
            if d.span.event_date or d.span.date_earliest:
                self.last_date = d.span

    def _clause(self, sent: Sentence, text: str, base: int, cdates, sdates, ner) -> None:
        lex = self.lex
        ev = Evidence(self.aid, sent.start, sent.end, self._orig[sent.start:sent.end], ("event",))
        has_trigger = bool(lex.trigger_verbs.search(text) or lex.attack_nouns.search(text)
                           or (lex.response_more.search(text) and self._recent_response(sent.index)))
        weapon, wsub, _ = weapon_of(text, lex)
        negative = self._negative(text)
        aggregate = bool(lex.aggregate.search(text))
        anaphoric = bool(lex.anaphora.search(text))
        if not has_trigger:
            if not negative and not aggregate:
                self._attach(sent, text, ev, anaphoric=True, weapon_ok=False)
                own = [d for d in cdates if not d.speech and d.span.event_date]
                if own and (lex.scene_cues.search(text) or date_only(text, own, base)):
                    # "The latest incidents came on Wednesday." / "Right, Wednesday." then the details
                    self.scene.date = own[0].span
            return
        if self._other_party_agent(text) or self._other_party_weapon(text):
            self.other_seen = sent.index  # "Turkey has launched a wave of strikes ...": its scene
        if negative:
            return
        places = self.finder.places(text, ner)
        # a place inside an actor's name ("the Islamic Resistance in Iraq") is not where it struck
        actor_spans = [(a.start, a.end) for a in actors_in(text, lex)]
        kept = []
        for p in places:
            if not any(s <= p.head.start < e for s, e in actor_spans):
                kept.append(p)
            elif p.head.kind == "named_facility" and p.context:
                # "a Harakat al-Nujaba headquarters in Baghdad": the group's building, placed by
                # what situates it
                p.generic, p.head, p.context = p.head, p.context[0], p.context[1:]
                kept.append(p)
        places = kept
        # "the Kurdistan Region's security council": a place naming an organisation is no target
        places = [p for p in places if not re.match(r"['’]s\s+(?:[A-Z]|own\b)", text[p.head.end:p.head.end + 6])]
        self._situate(text, places)
        targets = [p for p in places if not p.origin and p.kind != "country" and not p.head.plural]
        # a plural target ("two bases in northeastern Syria", "facilities in eastern Syria") is a
        # summary: placed by its area, and dropped at the end if the article gives the details
        plurals = [p for p in places if p.head.kind == "generic" and p.head.plural and not p.origin]
        summary = [p for p in plurals if any(h.kind in AREA for h in p.context)]
        elided: list[Place] = []
        # "three sites in western Iraq ... and two in Syria": a count with its noun left out is
        # one more plural target, placed by its country
        for p in places:
            if p.kind == "country" and not p.origin and _ELIDED.search(text, 0, p.head.start) \
                    and _COUNTED.search(text, 0, p.head.start):
                p.country_hint = p.head.country
                summary.append(p)
                elided.append(p)
        if not summary and targets and all(p.kind in ("region", "admin1", "border") for p in targets):
            # "militants answered by firing rockets at American troops in eastern Syria": a place
            # known only as an area stands in for the details the article may give
            summary = targets
        if summary:
            targets = [p for p in targets if p not in summary]
        # an area next to a named place situates it ("Tower 22, a post in northeastern Jordan");
        # it is a place of its own only when coordinated with one ("in Baghdad and western Iraq")
        areas = [p for p in targets if p.kind in ("region", "admin1")]
        for p in targets:
            if p.head.kind == "generic" and not (p.context or p.country_hint or p.admin1_hint) and len(areas) == 1:
                # "a convoy ... passed along the highway in X province": the area says where
                a = areas[0].head
                p.context.append(a)
                p.admin1_hint = a.admin1
                p.country_hint = a.country or self.lex.country_of(a.text)
                p.ctx_text = p.ctx_text or "in " + a.text
        if any(p.kind not in ("region", "admin1") for p in targets):
            targets = [p for p in targets if p.kind not in ("region", "admin1")
                       or any(q is not p and q.kind not in ("region", "admin1") for q in getattr(p, "_group", []))]
        named = [p for p in targets if p.head.kind in SPECIFIC]
        if named:
            # "Dhi Qar: a bomb hit a convoy ... on the highway west of Nasiriyah": the named place
            # locates the convoy; a heading ("Baghdad:") only situates what the entry tells
            heads = [p for p in named if _HEADING.match(text[p.head.end:p.head.end + 3]) and not text[:p.head.start].strip()]
            if len(heads) < len(named):
                targets = [p for p in targets if p not in heads]
            named = [p for p in named if p not in heads] or named
            targets = [p for p in targets if not (p.head.kind == "generic" and not any(h.kind in SPECIFIC for h in p.context)
                                                  and not any(q in named for q in getattr(p, "_group", [])))]
        targets += [p for p in elided if p not in targets]
        if len(targets) > 1:
            # "a rocket aimed at the airport ... fell on a house in Radwaniyah": where it was aimed is
            # not where it struck when the clause tells both
            aimed = [p for p in targets if _AIMED.search(text, 0, max(0, p.head.start))]
            if aimed and len(aimed) < len(targets):
                targets = [p for p in targets if p not in aimed]
        claim_only = self._claim_without_place(text, targets, aggregate, ev)
        if claim_only:
            return
        distributive = bool(_DISTRIB.search(text))
        if aggregate and not distributive:
            return
        self.continuing = None
        kind = self._kind(text, sent.index)
        if kind == "attack" and (self._other_party_weapon(text) or self._other_side_struck(text) or not self.us_target_prep.search(text) and (
                self._other_party_agent(text) or self._militia_struck(text)
                or (self.other_seen is not None and sent.index - self.other_seen <= 1 and not self._agent_named(text)))):
            # another party's attack (its agent or its weapon named, or its strikes told just before
            # and nobody else named: "Turkey launched strikes ... The SDF said strikes had hit X"),
            # or one on a militia by nobody said to be the US side
            return
        date = self._date_for(cdates, sdates, anaphoric, kind)
        cont = self.continuing
        if cont is not None:
            if not [d for d in cdates if not d.speech]:
                date = cont.date
            if weapon == "unknown":
                weapon, wsub = cont.weapon, cont.sub_event_type
            self.anchor = cont
        if cont is not None and targets and all(p.head.kind in ("ner", "generic") and not any(
                h.kind != "ner" for h in p.context) and not p.country_hint for p in targets):
            # "The vehicle was hit near a headquarters on Palestine Street": a street the
            # gazetteer does not know, in the strike just told, is a detail of that strike
            self._attach(sent, text, ev, anaphoric=True, weapon_ok=True)
            return
        if not targets and summary:
            targets = summary
        elif not targets:
            if anaphoric or kind == "response":
                if kind == "response" and (lex.response_targets.search(text) or self._answers_anchor(sent)
                                           or self._area_of(places, text)):
                    local = not self._area_of(places, text) and lex.local_response.search(text) and self._answers_anchor(sent)
                    targets = self._anchor_local() if local else (self._area_of(places, text) or self._anchor_country())
                    summary = [] if local else targets
                if targets:
                    pass
                else:
                    self._attach(sent, text, ev, anaphoric=True, weapon_ok=True)
                    self._set_scene(text, cdates, weapon, sent=sent)
                    return
            else:
                specific = self._singular_country_attack(text, places, cdates)
                if not specific:
                    if _EACH.search(text):  # "Neither attack caused injuries": about those told
                        self._attach(sent, text, ev, anaphoric=True, weapon_ok=False)
                    self._set_scene(text, cdates, weapon, sent=sent)
                    return
                targets = specific
        # "the Islamic Resistance in Iraq claimed a drone strike on al-Tanf": a country inside an
        # actor's name says nothing about where it struck
        bare = text
        for s_, e_ in actor_spans:
            bare = bare[:s_] + " " * (e_ - s_) + bare[e_:]
        countries = {lex.country_of(bare)} - {None}
        actor = perpetrator(text, lex)
        act_basis = basis(text, lex, actor)
        if actor is None and self.scene.actor and (anaphoric or lex.actor_anaphora.search(text)
                                                   or re.match(r"\s*(?:the|those)\s+other\b", text, re.I)):
            # "the group claimed ...", "its fighters launched ...": the group last named
            actor = self.scene.actor
            act_basis = basis(text, lex, actor) if lex.claim.search(text) or lex.attribution.search(text) else self.scene.basis
        if weapon == "unknown" and (anaphoric or re.search(r"\b(?:the\s+)?other\s+\w+\s+(?:strikes|attacks)\b", text, re.I)):
            weapon = self.scene.weapon if self.scene.weapon != "unknown" else (self.anchor.weapon if self.anchor else "unknown")
            wsub = None
        if kind == "response" and weapon == "ied" and self._aircraft(text):
            weapon, wsub = "air_strike", self._sub_for("air_strike")  # "U.S. F-16s bomb two facilities"
        if kind == "response" and weapon == "unknown" and _FORCES_STRUCK.search(text):
            # "US forces struck three sites": forces strike from the air; ground counter-fire
            # names its artillery or its gunners
            weapon, wsub = "air_strike", self._sub_for("air_strike")
        killed, injured = self.cas.of(text)
        outcome = outcome_of(text, lex)
        dm = _DISTRIB.search(text)
        munitions, mtext = munitions_of(text, lex)
        # "About 14 rockets were launched ..., and three of them hit X", "The missile hit X" after
        # "fired a ballistic missile": the count told just before, with no target of its own
        told = self.scene.munitions if self.scene.munitions and sent.index - self.scene.munitions[2] <= 1 else None
        if dm:
            from salvo.extract.numbers import parse_number
            munitions, mtext = parse_number(dm.group("n")), dm.group(0)
            if told and len(targets) == 1 and told[2] == sent.index and re.search(r"\bof\s+them\b", dm.group(0)):
                munitions, mtext = told[0], told[1]
        elif munitions is None and told and (anaphoric or _OF_THEM.search(text)):
            munitions, mtext = told[0], told[1]
        if len(targets) > 1:  # a count across several places is no one place's (a zero is every place's)
            munitions = mtext = None
            killed = None if killed else killed
            injured = None if injured else injured
        if not [d for d in cdates if not d.speech]:
            told = self._told(text, targets)
            if told is not None:
                # "The Kirkuk strike was the first ...", "four of its fighters were killed in the
                # strike near al-Qaim": a name for an event already told; what the clause adds is its
                told.add_evidence(ev)
                self.anchor = told
                self._attach(sent, text, ev, anaphoric=True, weapon_ok=False)
                return
        first_place = None
        own_day = any(not x.speech for x in cdates)
        for p in targets:
            p = self._resolve_definite(p, text, date)
            first_place = first_place or p
            if p is None:
                continue
            vague = p.head.kind == "generic" and not (p.context or p.country_hint or p.admin1_hint)
            if not p.country_hint and len(countries) == 1 and (p.head.kind not in ("site", "town") or len(targets) == 1):
                p.country_hint = next(iter(countries))
            if not p.country_hint and p.head.kind == "generic" and self.anchor and kind == "response":
                p.country_hint = self.anchor.place.country_hint or self.anchor.place.head.country
            if p.head.kind == "generic" and not p.country_hint:
                sc = lex.country_of(sent.text)
                p.country_hint = sc
            d = Draft(kind, p, base, date, weapon, wsub, munitions, mtext, killed=killed, injured=injured,
                      outcome=outcome, last_sentence=sent.index)
            if kind == "attack":
                if actor is not None:
                    d.actor, d.actor_generic, d.basis = actor.name, actor.generic, act_basis
                d.actor2 = self.attacked
            else:
                d.actor, d.basis, d.actor_generic = self.responder, "claimed", False
                d.actor2 = actor.name if actor else None
            d.target = self._target(text)
            d.role = "background" if self._is_background(date, text) else "main"
            d.summary = p in summary
            d.add_evidence(ev)
            # coordinated targets of one clause are different places: only the first may be the
            # event the clause refers back to
            first = p is targets[0] or p is first_place
            # "Two drones flew at a compound ..." right after the attack told: a detail of it
            detail = p.head.kind == "generic" and not any(h.kind in SPECIFIC for h in p.context) \
                and not own_day and self.anchor is not None and self.anchor.kind == kind \
                and sent.index - self.anchor.last_sentence <= 1
            self._merge(d, first and (anaphoric or (cont is not None and vague) or detail) and not lex.new_event.search(text))
        # "Oct. 26 - U.S. F-16s bomb two facilities": a timeline entry's day heads its sentence
        self._set_scene(text, cdates if self._dated_any(cdates) else sdates, weapon,
                        actor if kind == "attack" else None, act_basis)

    # ------------------------------------------------------------------ pieces

    def _claim_without_place(self, text: str, targets: list[Place], aggregate: bool, ev: Evidence) -> bool:
        """"X claimed responsibility for the attacks": give the claim to the events it covers."""
        lex = self.lex
        # "The official attributed both attacks to X", "The attacks bore the hallmarks of X": the
        # same for a blame as for a claim, each with its own basis
        if targets or not (lex.claim.search(text) or lex.attribution.search(text)) or lex.claim_neg.search(text) or aggregate:
            return False
        actor = perpetrator(text, lex)
        if actor is None or not self.drafts:
            return False
        how = basis(text, lex, actor)
        if re.search(r"\b(?:the|these|those|both|all)\s+(?:\w+\s+)?(?:attacks|strikes)\b", text, re.I):
            for d in self.drafts:
                if d.kind == "attack" and d.actor is None:  # a blame already given stands
                    d.actor, d.actor_generic, d.basis = actor.name, actor.generic, how
                    d.add_evidence(ev)
            return True
        d = self.anchor
        if d and self.lex.anaphora.search(text) and (d.actor is None or (d.actor_generic and not actor.generic)):
            d.actor, d.actor_generic, d.basis = actor.name, actor.generic, how
            d.add_evidence(ev)
            return True
        return False

    def _singular_country_attack(self, text: str, places: list[Place], cdates) -> list[Place]:
        """"A drone attack on US forces in Syria on Tuesday": only a country, but one dated attack."""
        countries = [p for p in places if p.kind == "country" and not p.origin]
        if len(countries) != 1 or not cdates:
            return []
        if not re.search(r"\b(?:a|an|one)\s+(?:\w+\s+){0,2}(?:attack|strike|drone|rocket|missile|barrage)\b", text, re.I):
            return []
        p = countries[0]
        p.country_hint = p.head.country
        return [p]

    def _area_of(self, places: list[Place], text: str) -> list[Place]:
        """The countries a placeless response names ("on three facilities in Iraq", "85 targets
        in Iraq and Syria"): one stand-in per country until the article names the sites."""
        # "... as payback for the killing of three soldiers in Jordan": no place the response struck
        why = _REASON.search(text)
        countries = [p for p in places if p.kind == "country" and not p.origin
                     and not (why and p.head.start >= why.start())]
        for p in countries:
            p.country_hint = p.head.country
        return countries

    def _anchor_country(self) -> list[Place]:
        """The country of the last event, as a place of its own (precision 3): where a response
        without a place of its own struck, short of guessing a point."""
        a = self.anchor
        c = a and (a.place.country_hint or a.place.head.country)
        if not c:
            return [a.place] if a else []
        return [Place(Hit(-1, -1, "", "country", f"country:{c}", c), country_hint=c)]

    def _anchor_local(self) -> list[Place]:
        """The attacked place, for counter-fire on the attackers' launch point: near it."""
        return [dc_replace(self.anchor.place, near=True)]

    def _answers_anchor(self, sent: Sentence) -> bool:
        """A response with no place of its own right after the attack it answers ("hit back")."""
        return bool(self.anchor and self.anchor.kind == "attack" and sent.index - self.anchor.last_sentence <= 2)

    def _date_for(self, cdates: list[DateHit], sdates: list[DateHit], anaphoric: bool, kind: str = "attack") -> DateSpan:
        own = [d for d in cdates if not d.speech] or [d for d in sdates if not d.speech]
        if own:
            # "a day after US airstrikes on Tuesday night": the day named beats the day counted
            named = [d for d in own if d.kind not in RELATIVE and d.span.event_date]
            return (named or own)[0].span
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
            d = parse_iso(spoken[0].span.event_date)
            return bounds_span(d - timedelta(days=6), d, spoken[0].span.text)
        if self.ctx.published:
            return bounds_span(self.ctx.published - timedelta(days=6), self.ctx.published, None)
        return open_span(self.ctx)

    @staticmethod
    def _dated_any(dates) -> bool:
        return any(not d.speech and (d.span.event_date or d.span.date_earliest) for d in dates)

    def _set_scene(self, text, cdates, weapon, actor=None, act_basis="unknown", sent=None) -> None:
        if sent is not None:
            n, ntext = munitions_of(text, self.lex)
            if n is not None:
                self.scene.munitions = (n, ntext, sent.index)
        own = [d for d in cdates if not d.speech and (d.span.event_date or d.span.date_earliest)]
        claimed = [d for d in cdates if d.speech or self.lex.claim.search(text)]
        pick = own or claimed
        if pick:
            self.scene.date = pick[0].span
        a = actor or perpetrator(text, self.lex)
        if a is not None:
            self.scene.actor, self.scene.basis = a, act_basis if actor else basis(text, self.lex, a)
        if weapon != "unknown":
            self.scene.weapon = weapon

    def _target(self, text: str) -> Optional[str]:
        m = self.us_target_prep.search(text)
        if m:
            return re.sub(r"^(?:against|on|at|targeting|targeted|toward|towards|housing|hosting)\s+", "", m.group(0), flags=re.I)
        m = self.lex.facility.search(text)
        return m.group(0) if m else None

    def _is_background(self, date: DateSpan, text: str) -> bool:
        if self.ctx.published and date.date_latest:
            latest = parse_iso(date.date_latest)
            if latest and latest < self.ctx.published - timedelta(days=14):
                return True
        return bool(_PAST.search(text)) and not date.event_date

    def _attach(self, sent: Sentence, text: str, ev: Evidence, *, anaphoric: bool, weapon_ok: bool) -> None:
        """A clause about the last event without a place of its own: its outcome, toll, actor."""
        d = self.anchor
        lex = self.lex
        if _REVISED.search(text) and any(self.cas.of(text)):
            # "Update on casualties: an official now says at least 34 ...": the event whose toll
            # was told, however far back
            d = next((x for x in reversed(self.drafts) if x.injured or x.killed), d)
            if d is not None:
                d.last_sentence = sent.index
        if d is None or sent.index - d.last_sentence > 3 or lex.topic_shift.search(text):
            return  # "Separately, a contractor died of a cardiac incident": not this attack's toll
        if d.kind == "attack" and lex.response.search(text):
            return  # the US answer's toll is not the attack's
        told = [x for x in self.drafts if x.kind == d.kind and x.last_sentence == d.last_sentence]
        named = self._named_in(text, told)
        group = [named or d]
        each = _EACH.search(text)
        if each:
            # "Neither attack caused injuries", "both attacks": the events just told
            recent = [x for x in self.drafts if x.kind == d.kind and d.last_sentence - x.last_sentence <= 1]
            pair = re.match(r"(?i)neither|both|either", each.group(0))
            group = (recent[-2:] if pair else recent) if len(recent) > 1 else group
        killed, injured = self.cas.of(text)
        outcome = outcome_of(text, lex)
        actor = perpetrator(text, lex)
        if actor is not None and not (lex.claim.search(text) or lex.attribution.search(text)
                                      or lex.anaphora.search(text) or lex.actor_anaphora.search(text)):
            actor = None  # a group named for something else ("X announced it was suspending ...")
        munitions, mtext = munitions_of(text, lex) if weapon_ok else (None, None)
        # "Update: an official now says at least 34 ...": a revised figure replaces the first one told
        revised = bool(_REVISED.search(text))
        for d in group:
            used = False
            if killed is not None and (d.killed is None or (revised and killed > d.killed)):
                d.killed, used = killed, True
            if injured is not None and (d.injured is None or (revised and injured > d.injured)):
                d.injured, used = injured, True
            if outcome and (d.outcome in (None, "unknown") or outcome == "intercepted"):
                d.outcome, used = outcome, True
            if actor is not None and d.kind == "attack" and (d.actor is None or (d.actor_generic and not actor.generic)):
                d.actor, d.actor_generic, d.basis, used = actor.name, actor.generic, basis(text, lex, actor), True
            if munitions and d.munitions is None and weapon_ok:
                d.munitions, d.munitions_text, used = munitions, mtext, True
            if used:
                d.add_evidence(ev)
                d.last_sentence = sent.index

    def _merge(self, new: Draft, may_corefer: bool) -> None:
        for d in reversed(self.drafts):
            if d.kind != new.kind or not _same_day(d.date, new.date):
                continue
            # an umbrella group claims what an official blames on a member: only two claims make two
            if d.actor and new.actor and d.actor != new.actor and not (d.actor_generic or new.actor_generic) \
                    and d.basis == new.basis == "claimed":
                continue
            same_place = d.place.key == new.place.key or d.place is new.place or _restates(d.place, new.place)
            upgrade = (may_corefer and d is self.anchor and _compatible_areas(d.place, new.place))
            if not (same_place or upgrade):
                continue
            if upgrade and not same_place and d.place.head.kind == "generic" and new.place.head.kind != "generic":
                old, d.place = d.place, new.place
                d.summary = new.summary  # now a place of its own, no longer a stand-in
                d.place.country_hint = d.place.country_hint or old.country_hint
                d.place.admin1_hint = d.place.admin1_hint or old.admin1_hint
            _fill(d, new)
            self.anchor = d
            return
        self.drafts.append(new)
        self.anchor = new

    # ------------------------------------------------------------------ output

    def _detailed(self, d: Draft) -> bool:
        """Does the article give the places a summary draft stands for?"""
        c = d.place.country_hint or d.place.head.country
        for o in self.drafts:
            if o is d or o.summary or o.kind != d.kind or not _overlap(o.date, d.date):
                continue
            oc = o.place.country_hint or o.place.head.country
            if not (c and oc and c != oc):
                return True
        return False

    def mentions(self) -> list[Mention]:
        out = []
        self.drafts = consolidate(self.drafts)
        for d in self.drafts:
            if d.summary and self._detailed(d):
                continue
            first = min(e.start for e in d.evidence)
            ref = d.place.ref(d.base)
            mid = f"{self.aid}:m{first}" + (f".{ref.start}" if ref.start >= 0 else "")
            outcome = d.outcome or "unknown"
            if outcome == "intercepted":
                etype, sub = DISRUPTED
            else:
                etype, sub = REMOTE, d.sub_event_type or self._sub_for(d.weapon)
            date = d.date
            out.append(Mention(
                mention_id=mid, article_id=self.aid, kind=d.kind, role=d.role, date=date,
                event_type=etype, sub_event_type=sub, weapon=d.weapon, munitions=d.munitions,
                munitions_text=d.munitions_text, actor1=d.actor, actor1_basis=d.basis if d.actor else "unknown",
                actor2=d.actor2, target=d.target, place_ref=ref, killed=d.killed, injured=d.injured,
                outcome=outcome, evidence=tuple(sorted(d.evidence, key=lambda e: e.start)),
                confidence=_confidence(d)))
        return out

    def _aircraft(self, text: str) -> bool:
        return any(w.category == "air_strike" and w.regex.search(text) for w in self.lex.weapons)

    def _sub_for(self, weapon: str) -> str:
        for w in self.lex.weapons:
            if w.category == weapon:
                return w.sub_event_type
        return "Shelling/artillery/missile attack"
