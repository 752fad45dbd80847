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
from datetime import timedelta
from typing import Optional

from salvo.extract.actors import actors_in, basis, perpetrator
from salvo.extract.dates import RELATIVE, DateContext, DateHit, bounds_span, find_dates, open_span, parse_iso
from salvo.extract.drafts import (_HYPERNYMS, Draft, Scene, _agrees, _compatible_areas, _confidence, _fill, _overlap,
                                  _restates, _same_day)
from salvo.extract.lexicon import Lexicon
from salvo.extract.outcomes import Casualties, outcome_of
from salvo.extract.places import AREA, Hit, Place, PlaceFinder
from salvo.extract.sentences import Clause, Sentence, split_clauses
from salvo.extract.tallies import TallyFinder
from salvo.extract.weapons import munitions_of, weapon_of
from salvo.model import DateSpan, Evidence, Mention

DISRUPTED = ("Strategic developments", "Disrupted weapons use")
REMOTE = "Explosions/Remote violence"
_DISTRIB = re.compile(r"(?P<n>\w+)\s+of\s+(?:which|them|those)\s+(?:were\s+)?(?:\w+\s+)?(?:targeted|hit|struck|were fired at|aimed at|at)", re.I)
# "the strikes", "the airstrike": what refers back to a response ("the rockets" refers to an attack)
_STRIKE_ANAPHOR = re.compile(r"\b(?:the|those|these)\s+(?:\w+\s+)?(?:strikes?|airstrikes?|air\s+strikes?|raids?|bombing)\b", re.I)
# "the vehicle was hit near ...": a strike with no doer named, after a strike was told
_AGENTLESS = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?(?:hit|struck|targeted|destroyed|bombed)\b(?!\s+by\b)", re.I)
_OF_THEM = re.compile(r"\b(?:\w+)\s+of\s+them\b", re.I)
_EACH = re.compile(r"\b(?:neither|both|either|none of the|all (?:of )?the|each of the)\b", re.I)
_PLACE_COMMON = {"base", "airbase", "air", "site", "mission", "support", "camp", "field", "international", "airport",
                 "landing", "zone", "garrison", "complex", "facility", "military", "the"}
_ASIDE = re.compile(r"\s[—–-]\s[^—–]{1,120}?\s[—–-]\s")
_PAST = re.compile(r"\b(?:in\s+20\d\d|last\s+(?:month|year)|previous(?:ly)?|earlier\s+(?:attack|strike)|former|anniversary|years?\s+ago|months?\s+ago)\b", re.I)


class EventBuilder:
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
            cdates = [d for d in dates if cl.start <= d.start < cl.end]
            cner = [(s - cl.start, e - cl.start, lab) for s, e, lab in ner if cl.start <= s and e <= cl.end]
            self._clause(sent, cl.text, cl.start, cdates, dates, cner)
        self._remember_dates(dates)

    def _clauses(self, sent: Sentence, folded: str) -> list[Clause]:
        """Clauses, with ", and the X and Y bases" (more objects, no verb) joined back."""
        out: list[Clause] = []
        for cl in split_clauses(Sentence(sent.index, sent.start, sent.end, folded, sent.paragraph)):
            lex = self.lex
            verbless = not (lex.trigger_verbs.search(cl.text) or lex.speech.search(cl.text)
                            or any(rx.search(cl.text) for rx in lex.negative.values()))
            if out and verbless and re.match(r"\s*(?:and|or|as well as)\b", cl.text, re.I):
                prev = out.pop()
                cl = Clause(prev.start, cl.end, folded[prev.start - sent.start:cl.end - sent.start])
            out.append(cl)
        return out

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
        negative = any(rx.search(text) for rx in lex.negative.values())
        aggregate = bool(lex.aggregate.search(text))
        anaphoric = bool(lex.anaphora.search(text))
        if not has_trigger:
            if not negative and not aggregate:
                self._attach(sent, text, ev, anaphoric=True, weapon_ok=False)
                own = [d for d in cdates if not d.speech and d.span.event_date]
                if own and lex.scene_cues.search(text):
                    self.scene.date = own[0].span  # "The latest incidents came on Wednesday." then the details
            return
        if negative:
            return
        places = self.finder.places(text, ner)
        # a place inside an actor's name ("the Islamic Resistance in Iraq") is not where it struck
        actor_spans = [(a.start, a.end) for a in actors_in(text, lex)]
        places = [p for p in places if not any(s <= p.head.start < e for s, e in actor_spans)]
        # "the Kurdistan Region's security council": a place naming an organisation is no target
        places = [p for p in places if not re.match(r"['’]s\s+(?:[A-Z]|own\b)", text[p.head.end:p.head.end + 6])]
        targets = [p for p in places if not p.origin and p.kind != "country" and not p.head.plural]
        # a plural target ("two bases in northeastern Syria", "facilities in eastern Syria") is a
        # summary: placed by its area, and dropped at the end if the article gives the details
        plurals = [p for p in places if p.head.kind == "generic" and p.head.plural and not p.origin]
        summary = [p for p in plurals if any(h.kind in AREA for h in p.context)]
        if plurals and not summary and targets and all(p.kind in ("region", "admin1") for p in targets):
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
        claim_only = self._claim_without_place(text, targets, aggregate, ev)
        if claim_only:
            return
        distributive = bool(_DISTRIB.search(text))
        if aggregate and not distributive:
            return
        self.continuing = None
        kind = self._kind(text, sent.index)
        if kind == "attack" and not self.us_target_prep.search(text) and self._other_party_agent(text):
            return
        date = self._date_for(cdates, sdates, anaphoric)
        cont = self.continuing
        if cont is not None:
            if not [d for d in cdates if not d.speech]:
                date = cont.date
            if weapon == "unknown":
                weapon, wsub = cont.weapon, cont.sub_event_type
            self.anchor = cont
        if not targets and summary:
            targets = summary
        elif not targets:
            if anaphoric or kind == "response":
                if kind == "response" and (lex.response_targets.search(text) or self._answers_anchor(sent)
                                           or self._area_of(places)):
                    targets = self._area_of(places) or self._anchor_country()
                    summary = targets
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
        countries = {lex.country_of(text)} - {None}
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
        if len(targets) > 1:  # a count across several places is no one place's
            munitions = mtext = None
        for p in targets:
            p = self._resolve_definite(p, text)
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
            self._merge(d, (anaphoric or (cont is not None and vague)) and not lex.new_event.search(text))
        self._set_scene(text, cdates, weapon, actor, act_basis)

    # ------------------------------------------------------------------ pieces

    def _kind(self, text: str, index: int) -> str:
        """response when US / coalition forces are the ones striking: their cue comes first."""
        resp = self.lex.response.search(text)
        tgt = self.us_target_prep.search(text)
        us_agent = bool(resp and re.search(r"U\.?S\.?|American|coalition|troops|forces|in response", resp.group(0), re.I))
        if resp and (not tgt or (us_agent and resp.start() < tgt.start()) or re.search(r"\bin response\b", text, re.I)):
            return "response"
        last = self._recent_response(index)
        if not tgt and not resp and last is not None and not self._agent_named(text) \
                and (_STRIKE_ANAPHOR.search(text) or self.lex.response_more.search(text)
                     or (self.anchor is last and _AGENTLESS.search(text))):
            # "the strikes hit areas around X", "among the sites hit was ...", "the vehicle was
            # hit near ...": more about the US strike just told
            self.continuing = last
            return "response"
        return "attack"

    def _recent_response(self, index: int) -> Optional[Draft]:
        last = next((d for d in reversed(self.drafts) if d.kind == "response"), None)
        return last if last is not None and index - last.last_sentence <= 2 else None

    def _agent_named(self, text: str) -> bool:
        """Is a perpetrator named before the attack word (the doer, not the one hit)?"""
        a = perpetrator(text, self.lex)
        t = self.lex.trigger_verbs.search(text) or self.lex.attack_nouns.search(text)
        return bool(a and (t is None or a.start < t.start() or re.search(r"\bby\s+(?:the\s+)?$", text[:a.start])))

    def _other_party_agent(self, text: str) -> bool:
        # an aside between dashes ("the SDF - led by the PKK's branch - said ...") names no agent
        text = _ASIDE.sub(lambda m: " " * len(m.group(0)), text)
        m = self.lex.other_parties.search(text)
        if not m:
            return False
        t = self.lex.trigger_verbs.search(text) or self.lex.attack_nouns.search(text)
        return bool(t and m.start() < t.start())

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

    def _area_of(self, places: list[Place]) -> list[Place]:
        """The countries a placeless response names ("on three facilities in Iraq", "85 targets
        in Iraq and Syria"): one stand-in per country until the article names the sites."""
        countries = [p for p in places if p.kind == "country" and not p.origin]
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

    def _answers_anchor(self, sent: Sentence) -> bool:
        """A response with no place of its own right after the attack it answers ("hit back")."""
        return bool(self.anchor and self.anchor.kind == "attack" and sent.index - self.anchor.last_sentence <= 2)

    def _date_for(self, cdates: list[DateHit], sdates: list[DateHit], anaphoric: bool) -> DateSpan:
        own = [d for d in cdates if not d.speech] or [d for d in sdates if not d.speech]
        if own:
            # "a day after US airstrikes on Tuesday night": the day named beats the day counted
            named = [d for d in own if d.kind not in RELATIVE and d.span.event_date]
            return (named or own)[0].span
        if anaphoric and self.anchor and self.anchor.date.event_date:
            return self.anchor.date
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

    def _resolve_definite(self, p: Place, text: str = "") -> Optional[Place]:
        """"the embassy", "the same base", "the sprawling compound in the Green Zone": the place of
        an event already told, when the noun fits it and any context the text adds agrees."""
        if p.head.kind != "generic":
            return p
        words = p.head.text.lower().split()
        if words[0] not in ("the", "that", "this", "its"):
            return p
        if p.country_hint and not p.context and not p.admin1_hint:
            return p
        noun = words[-1]
        fresh = bool(self.lex.new_event.search(text))
        for d in reversed(self.drafts):
            if d.place.head.start < 0 or (p.context and not _agrees(p, d.place)):
                continue
            names = " ".join(filter(None, [d.place.head.text, d.place.generic.text if d.place.generic else "",
                                           d.place.ctx_text])).lower().replace("airbase", "air base")
            if "same" in words[1:3]:
                return d.place
            if noun in names or noun.replace(" ", "") in names:
                return d.place
            # a word for any facility ("the compound", "the base") fits a named base, not an embassy
            if not fresh and noun in _HYPERNYMS and d.place.head.kind in ("site", "named_facility") \
                    and not re.search(r"embass|consulat", names) or noun in ("compound", "premises") and not fresh:
                return d.place
        if p.context or p.country_hint or p.admin1_hint:
            return p
        return None if not p.near else p

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
        for d in group:
            used = False
            if killed is not None and d.killed is None:
                d.killed, used = killed, True
            if injured is not None and d.injured is None:
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

    def _named_in(self, text: str, drafts: list[Draft]) -> Optional[Draft]:
        """The one event whose place the clause names ("all of them at Conoco")."""
        low = text.lower()
        hits = []
        for d in drafts:
            words = [w for w in re.findall(r"[a-z][a-z'-]{3,}", d.place.head.text.lower()) if w not in _PLACE_COMMON]
            if words and any(re.search(rf"\b{re.escape(w)}\b", low) for w in words):
                hits.append(d)
        return hits[0] if len(hits) == 1 else None

    def _merge(self, new: Draft, may_corefer: bool) -> None:
        for d in reversed(self.drafts):
            if d.kind != new.kind or not _same_day(d.date, new.date):
                continue
            if d.actor and new.actor and d.actor != new.actor and not (d.actor_generic or new.actor_generic):
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

    def _sub_for(self, weapon: str) -> str:
        for w in self.lex.weapons:
            if w.category == weapon:
                return w.sub_event_type
        return "Shelling/artillery/missile attack"
