"""The per-clause stages of :class:`salvo.extract.events.EventBuilder`, each with typed output:

    read_clause -> ClauseFacts -> (read_places -> PlaceReading) -> Decision -> draft update

A mixin (split from events.py to keep modules small). Every clause leaves one trace record per
candidate, kept or dropped, with the action taken and its reason code (decisions.py), so
``salvo explain`` can show why an event was or was not written. The stages keep the discourse
state of the builder (anchor, scene, continuing response) exactly where the rules need it.
"""

from __future__ import annotations

import re
from typing import Optional

from salvo.extract import decisions as D
from salvo.extract.actors import actors_in, basis, own_word_after, perpetrator
from salvo.extract.dates import date_only
from salvo.extract.decisions import ClauseFacts, Decision, EventFields, PlaceReading
from salvo.extract.drafts import CAPTION, Draft, _compatible_areas, counted_over_period
from salvo.extract.kinds import DESTINATION
from salvo.extract.outcomes import outcome_of
from salvo.extract.places import AREA, SPECIFIC, Place
from salvo.extract.sentences import Sentence
from salvo.extract.situating import countryside_situates, possessives_situate
from salvo.extract.weapons import munitions_of, weapon_of
from salvo.model import Evidence

_THE_STRIKE = re.compile(r"\s*(?:The|That|This)\s+(?:\w+\s+)?(?:strike|attack|raid|bombing)\b")
# "Militants fired two rockets at the base": a clause naming its doer by an attacker's noun is not
# the scene of another party's strike told before it
_DOER_NOUN = re.compile(r"\b(?:militants|militias?|militiamen|insurgents|gunmen|attackers)\s+(?:\w+\s+){0,2}?"
                        r"(?:fired|launched|attacked|targeted|struck|hit|shelled|lobbed|sent|flew)\b", re.I)
_NEIGHBOUR = re.compile(r"\b(?:near|close\s+to|next\s+to|not\s+far\s+from|beside)\s+(?:the\s+)?$", re.I)
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
                   # "Neither resulted in reports of casualties", "from the three attacks": those just told
                   r"|\bneither\s+(?=(?:caused|resulted|inflicted|left|produced)\b)"
                   r"|\bthe\s+(?:two|three|four|five|six)\s+(?:[\w-]+\s+)?(?:attacks|strikes|incidents)\b", re.I)
_AIMED = re.compile(r"\b(?:aimed|intended|meant|headed|directed)\s+(?:at|for|toward|towards)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
_AREA_KINDS = ("region", "admin1")
_WHEN_AFTER = re.compile(r"\b(?:in\s+the\s+(?:days|weeks|hours|months)\s+(?:after|since|before|following)\s+(?:that|the|this|those|these)"
                         r"|(?:after|since|before|following)\s+(?:that|those|these))\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?)\b", re.I)
# "killed in one of these attacks at Tower 22": one attack of the many, at a place it names
_ONE_OF_AT = re.compile(r"\bone\s+of\s+(?:these|those|the)\s+(?:[\w-]+\s+){0,3}(?:attacks|strikes)\s+(?:at|on|against)\s+"
                        r"(?:the\s+)?(?-i:[A-Z])", re.I)
_ONE_OF = re.compile(r"\b(?:most\s+\w+|largest|biggest|deadliest|worst|heaviest)\s+of\s+(?:these|those|the)\s+(?:[\w-]+\s+){0,3}"
                     r"(?:attacks|strikes|incidents)\b", re.I)


def _candidate(kind: Optional[str], place: Optional[Place], date=None) -> str:
    what = kind or "clause"
    if place is not None:
        what += f" at {place.head.text!r}" if place.head.text else f" in {place.country_hint or '?'}"
    if date is not None and (date.event_date or date.date_earliest):
        what += " " + (date.event_date or f"{date.date_earliest}..{date.date_latest}")
    return what


class ClauseStages:
    """``_clause`` and its stages; expects the EventBuilder's state and helpers."""

    # ------------------------------------------------------------------ the pipeline of one clause

    def _clause(self, sent: Sentence, text: str, base: int, cdates, sdates, ner) -> None:
        f = self._read_clause(sent, text, base, cdates, sdates, ner)
        if not f.has_trigger:
            self._untriggered(f)
            return
        if self._other_party_agent(text) or self._other_party_weapon(text) or self._other_side_struck(text):
            # "Turkey has launched a wave of strikes ...", "... a Mossad headquarters was
            # destroyed": the scene of another conflict's strike
            self.other_seen = sent.index
        if f.negative:
            self._note(f, Decision(D.NOT_AN_ATTACK, "negative_cue", f.negative))
            return
        pr = self._read_places(f)
        if self._sea_area_told(f, pr):
            return
        if not self._another_vessel(text) and self._claim_without_place(text, list(pr.targets), f.aggregate, f.evidence):
            self._day_of_claim(f)
            self._note(f, Decision(D.ATTACH, "claim_without_place"), drafts=[self.anchor])
            return
        if f.aggregate and not _DISTRIB.search(text):
            claimed = self._claim_of_series_at_told_place(f, pr)
            if self._zero_of_the_attacks(f.sentence, text, f.evidence):
                claimed = "; ".join(filter(None, [claimed, "zero toll given to the attacks told"]))
            self._note(f, Decision(D.NOT_AN_ATTACK, "aggregate_count", claimed), pr.targets)
            return
        self.continuing = None
        kind = self._kind(text, sent.index)
        other = self._other_party_reason(f, kind) or self._state_beside_site(f, pr, kind)
        if other == "militia_struck" and f.anaphoric:
            self._told_attack_struck_militia(f)
        if other:
            self._note(f, Decision(D.OTHER_PARTY, other, kind=kind), pr.targets or pr.summary)
            return
        sdates = self._sdates_of(f, kind)
        date = self._date_for(list(f.cdates), sdates, f.anaphoric, kind) if sdates is not None else self._answered_date(f, pr)
        if kind == "attack" and counted_over_period(text, date):
            # "In February: ten attacks on X, five on Y": a monitor's count, no day of its own
            self._note(f, Decision(D.NOT_AN_ATTACK, "aggregate_count", "attacks counted over a month or more"), pr.targets)
            return
        weapon, wsub = f.weapon, f.wsub
        cont = self.continuing
        if cont is not None:
            if not [d for d in f.cdates if not d.speech]:
                date = cont.date
            if weapon == "unknown":
                weapon, wsub = cont.weapon, cont.sub_event_type
            self.anchor = cont
        decision = self._placement(f, pr, kind, cont, weapon)
        if not decision.targets:
            self._note(f, decision)
            return
        if decision.reason == "ship_at_sea_scene" and not (date and date.event_date):
            date = self._scene_day(decision.targets[0]) or date
        a = self.anchor
        if kind == "attack" and a is not None and a.kind == "attack" and sent.index - a.last_sentence <= 3 \
                and CAPTION.search(text) and not self.lex.new_event.search(text):
            # "Workers clear debris after the rocket attacks in X, Tuesday, Feb. 16, 2021.": a photo
            # of the aftermath of the attack just told
            a.add_evidence(f.evidence)
            self._note(f, Decision(D.ATTACH, "caption_of_told_event", kind=kind), drafts=[a])
            return
        fields = self._event_fields(f, pr, decision, date, weapon, wsub)
        if not [d for d in f.cdates if not d.speech]:
            told = self._told(text, list(decision.targets))
            if told is not None:
                # "The Kirkuk strike was the first ...", "four of its fighters were killed in the
                # strike near al-Qaim": a name for an event already told; what the clause adds is its
                told.add_evidence(f.evidence)
                self.anchor = told
                detail = self._attach(sent, text, f.evidence, anaphoric=True, weapon_ok=False)
                self._note(f, Decision(D.ATTACH, "told_event_named", detail, kind=kind), drafts=[told])
                return
        self._build_drafts(f, fields, decision, cont)
        # "Oct. 26 - U.S. F-16s bomb two facilities": a timeline entry's day heads its sentence
        self._set_scene(text, f.cdates if self._dated_any(f.cdates) else f.sdates, fields.weapon,
                        fields.actor if kind == "attack" else None, fields.basis)

    # ------------------------------------------------------------------ stages

    def _read_clause(self, sent: Sentence, text: str, base: int, cdates, sdates, ner) -> ClauseFacts:
        lex = self.lex
        ev = Evidence(self.aid, sent.start, sent.end, self._orig[sent.start:sent.end], ("event",))
        # ("In the days after that attack, a commander met the groups in Baghdad": an attack named
        # only to say when is no attack told)
        has_trigger = bool(lex.trigger_verbs.search(text) or lex.attack_nouns.search(_WHEN_AFTER.sub(" ", text))
                           or (lex.response_more.search(text) and self._recent_response(sent.index))
                           or self.part_of_count)
        weapon, wsub, _ = weapon_of(self._vessel_stretch(text), lex)
        if weapon == "unknown":
            weapon, wsub, _ = weapon_of(text, lex)
        # "The most significant of these recent attacks occurred Oct. 18 at X": one attack singled
        # out of many, with its own day, is an attack told, not a count
        aggregate = bool(lex.aggregate.search(text)) and not (
            _ONE_OF.search(text) and any(d.span.event_date and not d.speech for d in cdates)) and not _ONE_OF_AT.search(text)
        return ClauseFacts(sent, text, base, tuple(cdates), tuple(sdates), tuple(ner), ev, has_trigger, weapon, wsub,
                           self._negative(text), aggregate, bool(lex.anaphora.search(text)))

    def _untriggered(self, f: ClauseFacts) -> None:
        """No attack word: at most a detail of the event last told (its toll, outcome, actor)."""
        if f.negative or f.aggregate:
            self._note(f, Decision(D.NO_EVENT, "no_attack_word", "negative cue" if f.negative else "aggregate"))
            return
        detail = self._attach(f.sentence, f.text, f.evidence, anaphoric=True, weapon_ok=False)
        own = [d for d in f.cdates if not d.speech and d.span.event_date]
        if own and (self.lex.scene_cues.search(f.text) or date_only(f.text, own, f.base)):
            # "The latest incidents came on Wednesday." / "Right, Wednesday." then the details
            self.scene.date = own[0].span
            detail += "; sets the scene's date"
        detail += self._names_the_place(f, own)
        action = D.ATTACH if detail.startswith("added") or "names the place" in detail else D.NO_EVENT
        self._note(f, Decision(action, "no_attack_word", detail))

    def _day_of_claim(self, f: ClauseFacts) -> None:
        """"X claimed responsibility for the Wednesday evening strikes": the day the claim names
        dates the attack just told when that had no day of its own."""
        own = [x for x in f.cdates if not x.speech and x.span.event_date]
        d = self.anchor
        if not own or d is None or d.date.event_date:
            return
        day = own[0].span.event_date
        if d.date.date_earliest and d.date.date_latest and d.date.date_earliest <= day <= d.date.date_latest:
            d.date = own[0].span

    def _names_the_place(self, f: ClauseFacts, own: list) -> str:
        """"A barrage of rockets landed near a military base in northern Iraq ... Friday's incident
        near Qayyara military base": a later sentence naming the event and one named base says
        which base the noun was, and its day, when the event had none."""
        d = self.anchor
        if d is None or d.kind != "attack" or f.sentence.index - d.last_sentence > 2:
            return ""
        cue = self.lex.station_cues.search(f.text)
        if cue:
            return self._stationed_at(f, d, cue.end())
        if not self.lex.scene_cues.search(f.text):
            return ""
        if d.place.head.kind != "generic" or any(h.kind in SPECIFIC for h in d.place.context):
            return ""
        named = [p for p in self.finder.places(f.text, list(f.ner)) if p.head.kind in ("site", "named_facility") and not p.origin]
        if len({p.key for p in named}) != 1 or not _compatible_areas(d.place, named[0]):
            return ""
        p = named[0]
        p.country_hint = p.country_hint or d.place.country_hint
        d.place, d.base = p, f.base
        d.add_evidence(f.evidence)
        d.last_sentence = f.sentence.index
        if own and not d.date.event_date:
            d.date = own[0].span
        return f"; names the place of the event told ({p.head.text!r})"

    def _stationed_at(self, f: ClauseFacts, d: Draft, after: int) -> str:
        """"U.S. personnel in northern Iraq were targeted ... The troops were stationed in Erbil":
        where the people attacked were stationed places an event known only by its region,
        country or a bare noun, when one place of its country is named."""
        if d.place.head.kind not in ("generic", "region", "country") or any(h.kind in SPECIFIC for h in d.place.context):
            return ""
        # the place the cue names ("stationed in Erbil"), not another the sentence names first
        named = [p for p in self.finder.places(f.text, list(f.ner)) if p.head.kind in ("site", "named_facility", "town")
                 and not p.origin and 0 <= p.head.start - after <= 12]
        if len({p.key for p in named}) != 1:
            return ""
        p = named[0]
        c_old = d.place.country_hint or d.place.head.country
        c_new = p.country_hint or p.head.country
        if not (c_old and c_new and c_old == c_new):
            return ""
        d.place, d.base = p, f.base
        d.summary = False
        d.add_evidence(f.evidence)
        d.last_sentence = f.sentence.index
        return f"; names the place of the event told ({p.head.text!r})"

    def _read_places(self, f: ClauseFacts) -> PlaceReading:
        """The places of a triggered clause, and which of them it tells an attack at."""
        text = f.text
        places = self.finder.places(text, list(f.ner))
        sites = [h for p in places for h in [p.head, *p.context] if h.kind == "site"]
        self.site_seen = self.site_seen or bool(sites)
        # ("missiles hit an area near the consulate": a site told as a neighbour is not the one struck)
        self.site_struck = self.site_struck or any(not _NEIGHBOUR.search(text, max(0, h.start - 25), h.start) for h in sites)
        # a place inside an actor's name ("the Islamic Resistance in Iraq") is not where it struck
        actor_spans = [(a.start, a.end) for a in actors_in(text, self.lex)]
        kept = []
        for p in places:
            if not any(s <= p.head.start < e for s, e in actor_spans):
                kept.append(p)
            elif p.head.kind == "named_facility" and p.context:
                # "a Harakat al-Nujaba headquarters in Baghdad": the group's building, placed by
                # what situates it
                p.generic, p.head, p.context = p.head, p.context[0], p.context[1:]
                kept.append(p)
        places = [p for p in kept if not (p.head.kind in ("ner", "named_facility")
                                          and re.sub(r"^(?:the|The)\s+", "", p.head.text) in self.ship_names)]
        # "the Kurdistan Region's security council": a place naming an organisation is no target
        # ("the US embassy in Baghdad's Green Zone": a place owned is no organisation)
        starts = {h.start for q in places for h in [q.head] + q.context}
        places = [p for p in places if not ((m := re.match(r"['’]s\s+(?:[A-Z]|own\b)", text[p.head.end:p.head.end + 6]))
                                             and p.head.end + m.end() - 1 not in starts)]
        places = possessives_situate(text, places)
        places = countryside_situates(text, places)
        self._situate(text, places)
        # ("vessels bound for the Red Sea": where they were going is not where they were struck)
        places = [p for p in places if not DESTINATION.search(text, 0, p.head.start)]
        targets = [p for p in places if not p.origin and p.kind != "country" and not p.head.plural]
        summary, elided = self._summaries(text, places, targets)
        if summary and not elided and all(p.kind == "region" for p in summary) and self._clause_ship(text):
            summary = []  # "HMS X shot down drones in the Red Sea": one vessel's attack, not a summary
        if summary:
            targets = [p for p in targets if p not in summary]
        targets = self._narrow_targets(text, targets)
        targets += [p for p in elided if p not in targets]
        if len(targets) > 1:
            # "a rocket aimed at the airport ... fell on a house in Radwaniyah": where it was aimed is
            # not where it struck when the clause tells both
            aimed = [p for p in targets if _AIMED.search(text, 0, max(0, p.head.start))]
            if aimed and len(aimed) < len(targets):
                targets = [p for p in targets if p not in aimed]
        return PlaceReading(tuple(places), tuple(targets), tuple(summary), tuple(actor_spans))

    @staticmethod
    def _summaries(text: str, places: list[Place], targets: list[Place]) -> tuple[list[Place], list[Place]]:
        """Plural and area targets that stand in for the details an article may give."""
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
        return summary, elided

    def _narrow_targets(self, text: str, targets: list[Place]) -> list[Place]:
        """Areas that only situate a named place, and headings, are no targets of their own."""
        # an area next to a named place situates it ("Tower 22, a post in northeastern Jordan");
        # it is a place of its own only when coordinated with one ("in Baghdad and western Iraq")
        areas = [p for p in targets if p.kind in _AREA_KINDS]
        for p in targets:
            if p.head.kind == "generic" and not (p.context or p.country_hint or p.admin1_hint) and len(areas) == 1:
                # "a convoy ... passed along the highway in X province": the area says where
                a = areas[0].head
                p.context.append(a)
                p.admin1_hint = a.admin1
                p.country_hint = a.country or self.lex.country_of(a.text)
                p.ctx_text = p.ctx_text or "in " + a.text
        if any(p.kind not in _AREA_KINDS for p in targets):
            targets = [p for p in targets if p.kind not in _AREA_KINDS
                       or any(q is not p and q.kind not in _AREA_KINDS for q in getattr(p, "_group", []))]
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
        return targets

    def _other_party_reason(self, f: ClauseFacts, kind: str) -> Optional[str]:
        """Another party's attack (its agent or its weapon named, or its strikes told just before
        and nobody else named: "Turkey launched strikes ... The SDF said strikes had hit X"), or one
        on a militia by nobody said to be the US side. The tests are those of the rules; the first
        that holds names the reason."""
        text = f.text
        if kind != "attack":
            return None
        if self._other_party_weapon(text):
            return "other_party_weapon"
        if self._other_side_struck(text):
            return "other_side_struck"
        if self.us_target_prep.search(text):
            return None
        if self._other_party_agent(text):
            return "other_party_agent"
        if self._militia_struck(text):
            return "militia_struck"
        if self.other_seen is not None and not self._agent_named(text) and not _DOER_NOUN.search(text):
            # ("A Turkish drone hit a car ... [two sentences on] The drone strike targeted a car near a
            # coalition base": the strike named again is the other party's, unless ours was told since)
            again = f.sentence.index - self.other_seen <= 3 and _THE_STRIKE.match(text) \
                and not (self.anchor and self.anchor.last_sentence > self.other_seen)
            if self._other_scene_near(f) or (again and f.sentence.index - self.other_seen > 1):
                return "other_party_scene"
        return None

    def _told_attack_struck_militia(self, f: ClauseFacts) -> None:
        """"A drone hit a car in Baghdad ... the strike killed a field commander of Kataib Hezbollah":
        the attack just told struck a militia when nothing it was told with names a US target."""
        d = self.anchor
        if d is None or d.kind != "attack" or d not in self.drafts or f.sentence.index - d.last_sentence > 2 \
                or any(self.lex.target_us.search(e.text) or self.us_target_prep.search(e.text) for e in d.evidence):
            return
        self.drafts.remove(d)
        self.anchor = None
        ev = min(d.evidence, key=lambda e: e.start)
        self._trace.append((ev.start, ev.end, -1, -1, f"{d.kind} at {d.place.head.text!r}",
                            Decision(D.DROPPED, "told_attack_struck_militia", kind=d.kind), d.place.ref(d.base), d.date, None))

    def _state_beside_site(self, f: ClauseFacts, pr: PlaceReading, kind: str) -> Optional[str]:
        """"the Guards' missiles fell on buildings close to the consulate": a state's strike told only by the
        site it fell near is no attack on that site (the state strikes other sides too)."""
        if kind != "attack" or not pr.targets or not all(p.near for p in pr.targets) or self.us_target_prep.search(f.text):
            return None
        actor = perpetrator(f.text, self.lex)
        return "state_strike_beside_site" if actor is not None and actor.name in self._states else None

    def _placement(self, f: ClauseFacts, pr: PlaceReading, kind: str, cont, weapon: str) -> Decision:
        """Where the clause's event(s) are: its targets, a summary, the area a response struck, or
        nowhere (then it is a detail of an event told, or nothing)."""
        text, sent, lex = f.text, f.sentence, self.lex
        targets, summary = list(pr.targets), list(pr.summary)
        if cont is not None and targets and all(p.head.kind in ("ner", "generic") and not any(
                h.kind != "ner" for h in p.context) and not p.country_hint for p in targets):
            # "The vehicle was hit near a headquarters on Palestine Street": a street the
            # gazetteer does not know, in the strike just told, is a detail of that strike
            detail = self._attach(sent, text, f.evidence, anaphoric=True, weapon_ok=True)
            return Decision(D.ATTACH, "street_detail_of_strike", detail, kind=kind)
        if targets:
            specific = any(p.head.kind in SPECIFIC for p in targets)
            reason = "named_place" if specific else ("area_place" if all(
                p.kind in _AREA_KINDS for p in targets) else "generic_place")
            return Decision(D.NEW_EVENT, reason, kind=kind, targets=tuple(targets), summary=tuple(summary))
        if summary and self.part_of_count:
            # "... four more times on Tuesday - twice at outposts in Syria": a part of one day's count
            # known only by its area stays a count
            return Decision(D.NOT_AN_ATTACK, "aggregate_count", "a part of one day's count, placed only by its area", kind=kind)
        if summary:
            return Decision(D.NEW_EVENT, "summary_area", kind=kind, targets=tuple(summary), summary=tuple(summary))
        if f.anaphoric and kind == "attack" and self._another_vessel(f.text):
            # "... the drone was shot down. Another vessel, the X, was hit by a missile": a new attack
            at_sea = self._sea_scene(f)
            if at_sea is not None:
                return Decision(D.NEW_EVENT, "ship_at_sea_scene", kind=kind, targets=(at_sea,))
        if f.anaphoric or kind == "response":
            reason = ""
            if kind == "response":
                area = self._area_of(list(pr.places), text)
                if lex.response_targets.search(text) or self._answers_anchor(sent) or area:
                    local = not area and lex.local_response.search(text) and self._answers_anchor(sent)
                    targets = self._anchor_local() if local else (area or self._anchor_country())
                    summary = [] if local else targets
                    reason = "counterfire_at_attack" if local else (
                        "response_country_area" if area else "response_anchor_country")
            if targets:
                return Decision(D.NEW_EVENT, reason, kind=kind, targets=tuple(targets), summary=tuple(summary))
            detail = self._attach(sent, text, f.evidence, anaphoric=True, weapon_ok=True)
            if kind == "attack" and self._day_told_of_attack(f):
                detail = "added date" if not detail.startswith("added") else detail + ", date"
            self._set_scene(text, f.cdates, weapon, sent=sent)
            return Decision(D.ATTACH if detail.startswith("added") else D.NO_EVENT, "detail_without_place", detail,
                            kind=kind)
        specific = self._singular_country_attack(text, list(pr.places), f.cdates)
        if specific:
            return Decision(D.NEW_EVENT, "single_country_attack", kind=kind, targets=tuple(specific))
        if _EACH.search(text):  # "Neither attack caused injuries": about those told
            detail = self._attach(sent, text, f.evidence, anaphoric=True, weapon_ok=False)
            self._set_scene(text, f.cdates, weapon, sent=sent)
            return Decision(D.ATTACH if detail.startswith("added") else D.NO_EVENT, "each_of_told_events", detail,
                            kind=kind)
        told = self._vessel_told(f) if kind == "attack" else None
        if told is not None:
            # "... the Unity Explorer was struck by a missile": the attack on a vessel already told
            self.anchor = told
            detail = self._attach(sent, text, f.evidence, anaphoric=True, weapon_ok=True)
            return Decision(D.ATTACH if detail.startswith("added") else D.NO_EVENT, "vessel_told_before", detail,
                            kind=kind)
        at_sea = self._sea_scene(f) if kind == "attack" else None
        if at_sea is not None:
            return Decision(D.NEW_EVENT, "ship_at_sea_scene", kind=kind, targets=(at_sea,))
        self._set_scene(text, f.cdates, weapon, sent=sent)
        counted = self._count_of_told(f, kind, weapon)
        killed, injured = self.cas.of(text)
        held = self.scene.placeless if self.scene.placeless and self.scene.placeless[3] == sent.index else None
        if held:  # another clause of the same sentence: what either told
            killed, injured = (held[1] if killed is None else killed), (held[2] if injured is None else injured)
        self.scene.placeless = (outcome_of(text, lex) or (held[0] if held else None), killed, injured, sent.index)
        if counted is not None:
            return Decision(D.ATTACH, "count_of_told_event", "added munitions", kind=kind)
        return Decision(D.NO_EVENT, "no_target_place", kind=kind)

    def _event_fields(self, f: ClauseFacts, pr: PlaceReading, decision: Decision, date, weapon, wsub) -> EventFields:
        """Actor, weapon, toll, outcome and count the drafts of the clause share."""
        text, lex, kind, targets = f.text, self.lex, decision.kind, decision.targets
        # "the Islamic Resistance in Iraq claimed a drone strike on al-Tanf": a country inside an
        # actor's name says nothing about where it struck
        bare = text
        for s_, e_ in pr.actor_spans:
            bare = bare[:s_] + " " * (e_ - s_) + bare[e_:]
        countries = frozenset({lex.country_of(bare)} - {None})
        actor = perpetrator(text, lex)
        act_basis = basis(text, lex, actor)
        sent = f.sentence
        if actor is not None and act_basis == "attributed" and not actor.responder \
                and own_word_after(text[actor.end:] + sent.text[f.base - sent.start + len(text):], lex):
            act_basis = "claimed"
        by_name = lex.actor_anaphora.search(text) or re.match(r"\s*(?:the|those)\s+other\b", text, re.I)
        if actor is None and self.scene.actor and (by_name or (f.anaphoric and not self._told_without_actor())):
            # "the group claimed ...", "its fighters launched ...": the group last named
            actor = self.scene.actor
            act_basis = basis(text, lex, actor) if lex.claim.search(text) or lex.attribution.search(text) else self.scene.basis
        if weapon == "unknown" and (f.anaphoric or re.search(r"\b(?:the\s+)?other\s+\w+\s+(?:strikes|attacks)\b", text, re.I)):
            weapon = self.scene.weapon if self.scene.weapon != "unknown" else (self.anchor.weapon if self.anchor else "unknown")
            wsub = None
        if kind == "response" and weapon == "ied" and self._aircraft(text):
            weapon, wsub = "air_strike", self._sub_for("air_strike")  # "U.S. F-16s bomb two facilities"
        if kind == "response" and weapon == "unknown" and _FORCES_STRUCK.search(text):
            # "US forces struck three sites": forces strike from the air; ground counter-fire
            # names its artillery or its gunners
            weapon, wsub = "air_strike", self._sub_for("air_strike")
        killed, injured = self.cas.of(text)
        munitions, mtext = self._munitions(f, targets)
        if len(targets) > 1:  # a count across several places is no one place's (a zero is every place's)
            munitions = mtext = None
            killed = None if killed else killed
            injured = None if injured else injured
        outcome = outcome_of(text, lex)
        held, self.scene.placeless = self.scene.placeless, None
        if held and kind == "attack" and len(targets) == 1 and f.sentence.index - held[3] == 1:
            # the placeless attack told just before is this one: what it said of the outcome and toll
            outcome = outcome or held[0]
            killed = held[1] if killed is None else killed
            injured = held[2] if injured is None else injured
        return EventFields(kind, date, weapon, wsub, actor, act_basis, killed, injured, outcome,
                           munitions, mtext, countries)

    def _munitions(self, f: ClauseFacts, targets) -> tuple[Optional[int], Optional[str]]:
        text = f.text
        dm = _DISTRIB.search(text)
        munitions, mtext = munitions_of(text, self.lex)
        # "About 14 rockets were launched ..., and three of them hit X", "The missile hit X" after
        # "fired a ballistic missile": the count told just before, with no target of its own
        sm = self.scene.munitions
        told = sm if sm and f.sentence.index - sm[2] <= 1 else None
        if dm:
            from salvo.extract.numbers import parse_number
            munitions, mtext = parse_number(dm.group("n")), dm.group(0)
            if told and len(targets) == 1 and told[2] == f.sentence.index and re.search(r"\bof\s+them\b", dm.group(0)):
                munitions, mtext = told[0], told[1]
        elif munitions is None and told and (f.anaphoric or _OF_THEM.search(text)):
            munitions, mtext = told[0], told[1]
        return munitions, mtext

    def _build_drafts(self, f: ClauseFacts, ev: EventFields, decision: Decision, cont) -> None:
        """One draft per target place; each merges with a draft of the same place and day."""
        text, sent, lex, kind = f.text, f.sentence, self.lex, ev.kind
        targets, summary = decision.targets, decision.summary
        first_place = None
        own_day = any(not x.speech for x in f.cdates)
        # the day is the clause's own (its sentence's, the scene's) or only the one of the event
        # it refers back to ("The rockets landed at ..."); the details of a summary ("two bases
        # came under attack on March 25 ... The bases targeted were near X and Y") keep its day
        a = self.anchor
        own_date = any(not x.speech for x in f.cdates + f.sdates) or a is None or ev.date is not a.date or a.summary
        vessels = self.coordinated_ships(text) if kind == "attack" and len(targets) == 1 else []
        for p, ship in [(targets[0], v) for v in vessels] or [(q, None) for q in targets]:
            p = self._resolve_definite(p, text, ev.date)
            first_place = first_place or p
            if p is None:
                if len(targets) == 1 and f.anaphoric and kind == "attack" and self.anchor is not None:
                    # "The attack injured one of the guards escorting the convoy": no convoy was
                    # told, but the attack referred back to was; what the clause adds is its
                    detail = self._attach(sent, text, f.evidence, anaphoric=True, weapon_ok=False)
                    if detail.startswith("added"):
                        self._note(f, Decision(D.ATTACH, "detail_of_told_event", detail, kind=kind))
                        continue
                self._note(f, Decision(D.NO_EVENT, "definite_without_referent", kind=kind), [])
                continue
            vague = p.head.kind == "generic" and not (p.context or p.country_hint or p.admin1_hint)
            if not p.country_hint and len(ev.countries) == 1 and (p.head.kind not in ("site", "town") or len(targets) == 1):
                p.country_hint = next(iter(ev.countries))
            if not p.country_hint and p.head.kind == "generic" and self.anchor and kind == "response":
                p.country_hint = self.anchor.place.country_hint or self.anchor.place.head.country
            if p.head.kind == "generic" and not p.country_hint:
                p.country_hint = lex.country_of(sent.text)
            d = Draft(kind, p, self._borrowed.get(id(p), f.base), ev.date, ev.weapon, ev.wsub, ev.munitions, ev.munitions_text, killed=ev.killed,
                      injured=ev.injured, outcome=ev.outcome, last_sentence=sent.index)
            if kind == "attack":
                if ev.actor is not None:
                    d.actor, d.actor_generic, d.basis = ev.actor.name, ev.actor.generic, ev.basis
                d.actor2 = self._attacked_in(text)
            else:
                d.actor, d.basis, d.actor_generic = self._responding(text), "claimed", False
                d.actor2 = ev.actor.name if ev.actor else None
            d.target = self._target(text)
            d.ship = ship or self._draft_ship(text)
            past = self._background_reason(ev.date, text)
            d.role = "background" if past else "main"
            d.summary = p in summary
            d.reason = past or decision.reason
            d.clause = (f.base, f.base + len(text))
            d.own_date = own_date
            d.add_evidence(f.evidence)
            # coordinated targets of one clause are different places: only the first may be the
            # event the clause refers back to
            first = p is targets[0] or p is first_place
            # "Two drones flew at a compound ..." right after the attack told: a detail of it
            detail = p.head.kind == "generic" and not any(h.kind in SPECIFIC for h in p.context) \
                and not own_day and self.anchor is not None and self.anchor.kind == kind \
                and sent.index - self.anchor.last_sentence <= 1
            joined = self._merge(d, first and (f.anaphoric or (cont is not None and vague) or detail)
                                 and not lex.new_event.search(text))
            if joined is None:
                action = D.BACKGROUND if past else (D.RESPONSE if kind == "response" else D.NEW_EVENT)
                self._note(f, Decision(action, d.reason, kind=kind), [p], drafts=[d], date=ev.date)
            else:
                held, how = joined
                self._note(f, Decision(D.MERGED, how, f"joins the draft made for {held.reason}", kind=kind), [p],
                           drafts=[held], date=ev.date)
        for p in targets:
            self._borrowed.pop(id(p), None)

    # ------------------------------------------------------------------ the trace

    def _note(self, f: ClauseFacts, decision: Decision, places=None, *, drafts=(), date=None) -> None:
        """Record a decision: one trace entry per place it concerns (one for the clause if none)."""
        if places is None:
            places = decision.targets
        if date is None:
            own = [d for d in f.cdates if not d.speech and (d.span.event_date or d.span.date_earliest)]
            date = own[0].span if own else None
        if decision.action == D.ATTACH and not drafts:
            drafts = [self._attached]
        drafts = [d for d in drafts if d is not None]
        for p in places or [None]:
            self._trace.append((f.sentence.start, f.sentence.end, f.base, f.base + len(f.text),
                                _candidate(decision.kind, p, date), decision, p.ref(f.base) if p is not None else None,
                                date, drafts[0] if drafts else None))
