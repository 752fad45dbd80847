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

from salvo.extract import decisions as D
from salvo.extract.actors import actors_in, basis, perpetrator
from salvo.extract.clause_dates import ClauseDates, _calendar_first
from salvo.extract.clause_stages import _EACH, ClauseStages
from salvo.extract.counted_tolls import CountedTolls
from salvo.extract.dates import DateContext, DateHit, find_dates, iso, parse_iso
from salvo.extract.drafts import (Draft, Scene, _compatible_areas, _confidence, _fill, _other_points, _overlap, outcome_beats,
                                  _restates, _same_day, consolidate, finer_generic, pass_down)
from salvo.extract.kinds import KindRules
from salvo.extract.lexicon import Lexicon
from salvo.extract.numbers import parse_number
from salvo.extract.outcomes import Casualties, outcome_of
from salvo.extract.places import Hit, Place, PlaceFinder
from salvo.extract.referents import _PAST, ReferentRules
from salvo.extract.situating import site_named_elsewhere
from salvo.extract.sentences import Clause, Sentence, split_clauses
from salvo.extract.sea import SeaRules, compiled_cues, parties
from salvo.extract.ships import other_ships, ship_in, ship_name_spans, with_known_names
from salvo.extract.tallies import TallyFinder
from salvo.extract.told_details import ToldDetails
from salvo.extract.weapons import munitions_of, weapon_of
from salvo.model import DateSpan, Evidence, Mention, TraceRecord

DISRUPTED = ("Strategic developments", "Disrupted weapons use")
REMOTE = "Explosions/Remote violence"
# a relative clause on a person or group: its vows and plans do not negate the clause it hangs on
_RELCLAUSE = re.compile(r"(?:,\s*|\s)(?:which|who|whom|whose)\s[^,;]*", re.I)
_PERSON_REL = re.compile(r"(?:,\s*|\s)(?:who|whom)\s[^,;]*", re.I)
_REL_KINDS = ("threat", "hypothetical", "condemn")
_BARE_CLAIM = re.compile(r"\b(?:claim(?:ed|s)?|took|has\s+taken|accepted)\s+responsibility\b(?!\s+for)", re.I)
_VOW_AFTER = re.compile(r"\band\s+(?:vow(?:ed|s)?|pledg(?:ed|es)|promis(?:ed|es)|threaten(?:ed|s)?|warn(?:ed|s)?)\b.*", re.I)


_REASON = re.compile(r"\b(?:payback|retaliation|revenge|reprisal|response|answer|reply)\s+(?:for|to)\b"
                     r"|\b(?:avenge|avenging)\b|\bfor\s+the\s+(?:killing|deaths?|attacks?|strike)\b", re.I)
# the attack named as such ("from the rocket attack", "in the attack"), not the strike that answered it
_OF_THE_ATTACK = re.compile(r"\b(?:from|in|by|during|of)\s+the\s+(?:(?:rocket|drone|mortar|missile)\s+)?(?:attacks?|barrage|rockets|drones)\b", re.I)
_REVISED = re.compile(r"\b(?:update[ds]?|now\s+(?:says?|said|puts?|stands?)|later\s+(?:raised|revised|said|put)|revised|raised\s+(?:the|its)|(?:rose|climbed|increased)\s+to)\b", re.I)


# the attacked side named as spared or as a place's neighbour, and the side speaking, tell no attack on it
_NONE_OF_SIDE = re.compile(r"\bno\s+$", re.I)
_SIDE_SPARED = re.compile(r"(?:\bno|\bnear|\bclose\s+to|\bnext\s+to|\bnot\s+far\s+from)\s+(?:the\s+)?$", re.I)
_SIDE_SPEAKS = re.compile(r"\s+(?:officials?|State\s+Department|Secretary|President|administration|government|envoy|Treasury|Congress|lawmakers?)\b")


_SINCE = re.compile(r"\bsince\s+$", re.I)  # a day a period is counted from


class EventBuilder(ClauseStages, ClauseDates, CountedTolls, KindRules, ReferentRules, SeaRules, ToldDetails):
    def __init__(self, article_id: str, text: str, lex: Lexicon, finder: PlaceFinder, ctx: DateContext,
                 tallies: TallyFinder, pack_meta: dict):
        self._orig = text  # the clean text: evidence quotes it verbatim
        # the vessels the article names anywhere: "fired at the Maersk Hangzhou" names a target, not a place
        self.ship_names = {text[a:b] for a, b in ship_name_spans(text, lex.ships)} if lex.ships else set()
        # the one vessel an article names is the target of its attacks that name none in their own clauses
        self.only_ship = ship_in(text, lex.ships) if len({n.lower() for n in self.ship_names}) == 1 else None
        # the pack's vessel words, with the names this report gives (told bare later: "the X was hit")
        self.vessels = with_known_names(text, lex.ships)
        self.aid, self.lex, self.finder, self.ctx, self.tallies = article_id, lex, finder, ctx, tallies
        # one attacked party, or several (the first is the one an attack naming none of the others gets)
        self.attacked_sides = parties(pack_meta.get("attacked_side"))
        self.attacked = self.attacked_sides[0] if self.attacked_sides else None
        self.attacked_cues = compiled_cues(pack_meta.get("attacked_cues"))
        # one responding party, or several (the first is the one a response with no party named gets)
        self.responders = parties(pack_meta.get("responding_side"))
        self.responder = self.responders[0] if self.responders else None
        self.cas = Casualties(lex)
        self.drafts: list[Draft] = []
        self.anchor: Optional[Draft] = None
        self.last_date: Optional[DateSpan] = None
        self.scene = Scene()
        self.continuing: Optional[Draft] = None  # the response a clause goes on about
        self.other_seen: Optional[int] = None  # sentence where another party's strikes were told
        self.site_seen = False  # a site of the gazetteer named in a clause with an attack word
        self.site_struck = False  # ... and named other than as a neighbour ("near the consulate")
        self._states = {a.name for a in lex.actors if a.state}
        # (sentence span, clause span, candidate, Decision, PlaceRef, date, draft) per candidate
        self._trace: list[tuple] = []
        self._attached: Optional[Draft] = None
        self._sent_start = -1  # offset of the sentence being read
        self._borrowed: dict[int, int] = {}  # id(place) -> the offset its spans are relative to (a place told elsewhere)
        self._sea_places: Optional[list[Place]] = None
        self._spared_by, self._spared = None, []  # a count of attacks that hurt no one (counted_tolls.py)
        self.part_of_count = False  # the clause is a part of one day's count of attacks told before it
        us = lex.target_us.pattern
        self.us_target_prep = re.compile(rf"(?:against|on|at|targeting|targeted|toward|towards|housing|hosting|used\s+by|home\s+to)\s+(?:the\s+)?(?:{us})", re.I)

    # ------------------------------------------------------------------ per sentence

    def feed(self, sent: Sentence, folded: str, ner: list[tuple[int, int, str]], persons=None) -> None:
        lex = self.lex
        self._sent_start = sent.start
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
        counted_away: list[Clause] = []  # the count set after an attack told: its days ("since Nov. 19") are not the attack's
        for cl in clauses:
            told = self._attack_before_count(cl) if tally else None
            # (a part of one day's count: the count's attack word is its own)
            part = bool(tally) and self._part_of_day_count(cl, dates)
            if told is not None:
                self._trace.append((sent.start, sent.end, told.end, cl.end, "clause",
                                    D.Decision(D.TALLY_ONLY, "running_count"), None, None, None))
                counted_away.append(Clause(told.end, cl.end, ""))
                cl = told  # "Houthis fired a missile at X, the 27th attack since Nov. 19": that attack too
            elif tally and (any(cl.start <= a < cl.end for a, _ in self.tallies.spans)
                            or not (self._dated(cl, dates) or part)):
                # a running count is no event; a clause of the same sentence naming one dated
                # attack is ("... most of them during drone attacks on Oct. 18 at al-Tanf")
                counted = any(cl.start <= a < cl.end for a, _ in self.tallies.spans)
                self._trace.append((sent.start, sent.end, cl.start, cl.end, "clause",
                                    D.Decision(D.TALLY_ONLY, "running_count" if counted else "undated_in_tally_sentence"),
                                    None, None, None))
                continue
            # "less than a day after | a drone wounded ...": a day count dates the clause it leads into
            cdates = [d for d in dates if (cl.start <= d.start < cl.end and not (d.kind == "days_shift" and d.end > cl.end))
                      or (d.kind == "days_shift" and d.start < cl.start < d.end)]
            cner = [(s - cl.start, e - cl.start, lab) for s, e, lab in ner if cl.start <= s and e <= cl.end]
            sdates = [d for d in dates if not any(c.start <= d.start < c.end for c in counted_away)]
            self.part_of_count = part
            self._clause(sent, cl.text, cl.start, cdates, sdates, cner)
            self.part_of_count = False
            self._summary_day(cl.text, cdates)
        self._spare_told(sent)
        self._counted_harmless(sent, folded, tally, dates)
        self._remember_dates(dates)

    def _summary_day(self, text: str, cdates: list[DateHit]) -> None:
        """"... claimed attacks on several US bases in Syria on 23 October": a clause about many
        attacks at once is no event, but the day it gives is the day of the attacks it goes on
        to detail."""
        # (not the day a period starts from: "calm since July 20, when X struck the port")
        own = [d for d in cdates if not d.speech and d.span.event_date and not _SINCE.search(self._orig, max(0, d.start - 12), d.start)]
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

    def _negative(self, text: str) -> Optional[str]:
        """Does the clause deny, threaten or imagine rather than report? The kind of cue, if so. A
        vow or a plan told in a relative clause ("a strike that killed X, whom the factions vowed to
        avenge", "militants who were preparing to launch drones") is about the people named, not
        the strike."""
        main = _RELCLAUSE.sub(lambda m: " " * len(m.group(0)), text)
        # "X claimed responsibility and vowed to continue": a vow after a claim is about what
        # comes next; the claim still stands
        claim = self.lex.claim.search(text)
        if claim:
            main = main[:claim.end()] + _VOW_AFTER.sub(lambda m: " " * len(m.group(0)), main[claim.end():])
        return next((k for k, rx in self.lex.negative.items() if rx.search(main if k in _REL_KINDS else text)), None)

    def _part_of_day_count(self, cl: Clause, dates: list[DateHit]) -> bool:
        """"under fire four more times on Tuesday - twice at outposts in Syria, and twice at X": the
        parts told after one day's count of attacks are attacks of that day."""
        return any(b <= cl.start and any(a <= d.start < cl.start and d.span.event_date for d in dates)
                   for a, b in self.tallies.day_summaries)

    @staticmethod
    def _dated(cl: Clause, dates: list[DateHit]) -> bool:
        return any(cl.start <= d.start < cl.end and d.span.event_date and not d.speech for d in dates)

    def _remember_dates(self, dates: list[DateHit]) -> None:
        for d in dates:
            if d.span.event_date or d.span.date_earliest:
                self.last_date = d.span

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
        # ("X claimed responsibility and vowed ...": a claim with no object is for the attack just told)
        if d and (self.lex.anaphora.search(text) or _BARE_CLAIM.search(text)) \
                and (d.actor is None or (d.actor_generic and not actor.generic)):
            for x in [d] + self._told_with(d, text):
                x.actor, x.actor_generic, x.basis = actor.name, actor.generic, how
                x.add_evidence(ev)
            return True
        return False

    def _told_with(self, d: Draft, text: str) -> list[Draft]:
        """"Drones were launched at X, and another at Y. The group claimed the attack": the
        attacks told in the same sentence as the one just told, with no doer of their own (of the
        weapon the claim names, if it names one)."""
        weapon = weapon_of(text, self.lex)[0]
        return [x for x in self.drafts if x is not d and x.kind == "attack" == d.kind and x.actor is None
                and x.last_sentence == d.last_sentence and weapon in ("unknown", x.weapon)]

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

    def _set_scene(self, text, cdates, weapon, actor=None, act_basis="unknown", sent=None) -> None:
        if sent is not None:
            n, ntext = munitions_of(text, self.lex)
            if n is not None:
                self.scene.munitions = (n, ntext, sent.index)
        cdates = self._not_future(cdates)
        own = [d for d in cdates if not d.speech and (d.span.event_date or d.span.date_earliest)]
        claimed = [d for d in cdates if d.speech or self.lex.claim.search(text)]
        pick = own or claimed
        if pick:
            self.scene.date = _calendar_first(pick).span
        a = actor or perpetrator(text, self.lex)
        if a is not None:
            self.scene.actor, self.scene.basis = a, act_basis if actor else basis(text, self.lex, a)
            self.scene.actor_at = self._sent_start
        if weapon != "unknown":
            self.scene.weapon = weapon

    def _target(self, text: str) -> Optional[str]:
        m = self.us_target_prep.search(text)
        if m:
            return re.sub(r"^(?:against|on|at|targeting|targeted|toward|towards|housing|hosting)\s+", "", m.group(0), flags=re.I)
        m = self.lex.facility.search(text)
        return m.group(0) if m else None

    def _background_reason(self, date: DateSpan, text: str) -> Optional[str]:
        """Why an event is told as background (an earlier attack), or None when it is the news."""
        if self.ctx.published and date.date_latest:
            latest = parse_iso(date.date_latest)
            if latest and latest < self.ctx.published - timedelta(days=14):
                return "background_weeks_before"
        return "background_past_cue" if bool(_PAST.search(text)) and not date.event_date else None

    def _attach(self, sent: Sentence, text: str, ev: Evidence, *, anaphoric: bool, weapon_ok: bool) -> str:
        """A clause about the last event without a place of its own: its outcome, toll, actor.
        Returns what it did, for the trace ("added killed, outcome" or why nothing was added)."""
        self._attached = None
        d = self.anchor
        lex = self.lex
        if _REVISED.search(text) and any(self.cas.of(text)):
            # "Update on casualties: an official now says at least 34 ...": the event whose toll
            # was told, however far back
            d = next((x for x in reversed(self.drafts) if x.injured or x.killed), d)
            if d is not None:
                d.last_sentence = sent.index
        if d is None:
            self._toll_before_any_attack(sent, text, ev)
            return "no event told yet"
        placed = None
        if sent.index - d.last_sentence > 3 and self.cas.of(text) != (None, None):
            # "There were no casualties reported in Erbil": a toll told for the place of an
            # attack told a few sentences back reaches that attack
            placed = self._place_named_in(text, [x for x in self.drafts if x.kind == "attack"
                                                 and sent.index - x.last_sentence <= 8])
            d = placed or d
        each = _EACH.search(text)
        # "no casualties from the three attacks": a counted reference reaches the attacks however far back
        counted = re.match(r"(?i)the\s+(two|three|four|five|six)\b", each.group(0)) if each else None
        if (sent.index - d.last_sentence > 3 and not counted and placed is None) or lex.topic_shift.search(text):
            # "Separately, a contractor died of a cardiac incident": not this attack's toll
            return "topic shift" if sent.index - d.last_sentence <= 3 else "last event told too far back"
        if d.kind == "attack" and lex.response.search(text):
            return "a response's toll, not the attack's"
        if d.kind == "response" and _OF_THE_ATTACK.search(text) and not lex.response.search(text):
            # "US forces fired back ... There were no injuries from the rocket attack": the
            # attack's toll, told after its answer
            d = next((x for x in reversed(self.drafts) if x.kind == "attack" and sent.index - x.last_sentence <= 4), d)
        told = [x for x in self.drafts if x.kind == d.kind and x.last_sentence == d.last_sentence]
        named = self._named_in(text, told)
        group = [named or d]
        if each:
            # "Neither attack caused injuries", "both attacks": the events just told
            recent = [x for x in self.drafts if x.kind == d.kind and d.last_sentence - x.last_sentence <= 1]
            pair = re.match(r"(?i)neither|both|either", each.group(0))
            group = (recent[-2:] if pair else recent) if len(recent) > 1 else group
            if counted:
                # "no casualties from the three attacks": the last three told, however spread out
                told_kind = [x for x in self.drafts if x.kind == d.kind]
                n = parse_number(counted.group(1)) or 0
                group = told_kind[-n:] if len(told_kind) >= n else group
        killed, injured = self.cas.of(text)
        if named is None and not each and len(told) > 1 and {killed, injured} <= {0, None} and 0 in (killed, injured):
            # "Missiles hit X and Y. No casualties were reported.": a zero told after attacks told
            # together is each one's (a count of the hurt stays with the one named or told last)
            group = told
        outcome = outcome_of(text, lex)
        actor = perpetrator(text, lex)
        if actor is not None and not (lex.claim.search(text) or lex.attribution.search(text)
                                      or lex.anaphora.search(text) or lex.actor_anaphora.search(text)):
            actor = None  # a group named for something else ("X announced it was suspending ...")
        if actor is not None and not (lex.claim.search(text) or lex.attribution.search(text)) \
                and any(m.start() <= actor.start < m.end() for m in _PERSON_REL.finditer(text)):
            actor = None  # "... its personnel, whom the factions see as occupiers": an aside on people, no doer
        munitions, mtext = munitions_of(text, lex) if weapon_ok else (None, None)
        # "Update: an official now says at least 34 ...": a revised figure replaces the first one told
        revised = bool(_REVISED.search(text))
        added: set[str] = set()
        for d in group:
            used = []
            if killed is not None and (d.killed is None or (revised and killed > d.killed)):
                d.killed = killed
                used.append("killed")
            if injured is not None and (d.injured is None or (revised and injured > d.injured)):
                d.injured = injured
                used.append("injured")
            if outcome_beats(outcome, d.outcome):
                d.outcome = outcome
                used.append("outcome")
            if actor is not None and d.kind == "attack" and (d.actor is None or (d.actor_generic and not actor.generic)):
                d.actor, d.actor_generic, d.basis = actor.name, actor.generic, basis(text, lex, actor)
                used.append("actor")
            elif actor is not None and d.kind == "attack" and lex.claim_beats_blame and d.actor == actor.name \
                    and d.basis != "claimed" and basis(text, lex, actor) == "claimed":
                d.basis = "claimed"  # "... the Houthis later released footage of the attack"
                used.append("claim")
            if munitions and d.munitions is None and weapon_ok:
                d.munitions, d.munitions_text = munitions, mtext
                used.append("munitions")
            if used:
                d.add_evidence(ev)
                d.last_sentence = sent.index
                added.update(used)
                self._attached = d  # for the trace: the event the clause added to
        return "added " + ", ".join(sorted(added)) if added else "nothing new for the event told"

    def _merge(self, new: Draft, may_corefer: bool) -> Optional[tuple[Draft, str]]:
        """Fold ``new`` into a draft of the same kind, day and place; returns (that draft, how),
        or None when ``new`` is a draft of its own."""
        new.another = self._told_as_another(new)
        for d in reversed(self.drafts):
            if d.kind != new.kind or not _same_day(d.date, new.date) or new.another or (d.another and new.ship):
                continue
            # an umbrella group claims what an official blames on a member: only two claims make two
            if d.actor and new.actor and d.actor != new.actor and not (d.actor_generic or new.actor_generic) \
                    and d.basis == new.basis == "claimed":
                continue
            if other_ships(d.ship, new.ship) or (new.ship is not None and d.summary):
                continue  # another vessel is another attack; a vessel's own attack is a detail of a summary
            same_place = (d.place.key == new.place.key or d.place is new.place or _restates(d.place, new.place)) \
                and not _other_points(d.place, new.place)
            upgrade = (may_corefer and d is self.anchor and _compatible_areas(d.place, new.place))
            if not (same_place or upgrade):
                continue
            if upgrade and not same_place and (d.place.head.kind == "generic" != new.place.head.kind
                                               or finer_generic(d.place, new.place)):
                old, d.place = d.place, new.place
                d.summary = new.summary  # now a place of its own, no longer a stand-in
                d.place.country_hint = d.place.country_hint or old.country_hint
                d.place.admin1_hint = d.place.admin1_hint or old.admin1_hint
            if same_place and new.place.offset is not None and d.place.offset is None:
                d.place, d.base = new.place, new.base  # ("off the coast of X" ... "60 nm west of X": the point)
            _fill(d, new)
            self.anchor = d
            if not same_place:
                return d, "coreferent_upgrade"
            return d, "same_place_and_day" if d.place.key == new.place.key or d.place is new.place else "restated_place"
        self.drafts.append(new)
        self.anchor = new
        return None

    # ------------------------------------------------------------------ output

    def _detailed(self, d: Draft) -> bool:
        """Does the article give the places a summary draft stands for?"""
        return bool(self._details_of(d))

    def _details_of(self, d: Draft) -> list[Draft]:
        c = d.place.country_hint or d.place.head.country
        out = []
        for o in self.drafts:
            if o is d or o.summary or o.kind != d.kind or not _overlap(o.date, d.date):
                continue
            if o.role == "background" and d.role != "background":
                continue  # an earlier attack recalled is no place the summary stands for
            oc = o.place.country_hint or o.place.head.country
            if not (c and oc and c != oc):
                out.append(o)
        return out

    def mentions(self) -> list[Mention]:
        out = []
        folded: list = []
        for d in self.drafts:  # the vessel each attack is about, before one vessel's mentions fold
            if d.kind == "attack":
                d.ship = self._ship(d)
        self._zero_for_counted()
        self.drafts = consolidate(self.drafts, folded, None if self.ctx.published else iso(self.ctx.period[0]),
                                  (self.lex.ships or {}).get("areas_within"))
        self._placed_by_the_first()
        if sum(d.kind == "attack" for d in self.drafts) == 1:
            site_named_elsewhere(self.drafts, self.finder.hits(self._orig))
        self._drop_without_us_target()
        self._drop_on_land_without_vessel()
        self._drop_taken_by_another_party()
        self._strongest_basis()
        self._one_attacker_at_sea()
        self._mids = {}
        for d, into in folded:
            ev = min(d.evidence, key=lambda e: e.start)
            self._trace.append((ev.start, ev.end, -1, -1, f"{d.kind} at {d.place.head.text!r}",
                                D.Decision(D.DROPPED, "duplicate_of_precise_mention",
                                           f"same attack as the one at {into.place.head.text!r}", kind=d.kind),
                                d.place.ref(d.base), d.date, into))  # its evidence lives on in that mention
        for d in self.drafts:
            first = min(e.start for e in d.evidence)
            ref = d.place.ref(d.base)
            mid = f"{self.aid}:m{first}" + (f".{ref.start}" if ref.start >= 0 else "")
            while mid in self._mids.values():  # two vessels attacked at one sea area told in one sentence
                mid += "+"
            self._mids[id(d)] = mid
            details = self._details_of(d) if d.summary and not self._salvo_at_no_vessel(d) else []
            if details and not self._vessel_of_another_kind(d, details):
                pass_down(d, details)
                ev = min(d.evidence, key=lambda e: e.start)
                self._trace.append((ev.start, ev.end, -1, -1, f"{d.kind} at {d.place.head.text!r}",
                                    D.Decision(D.DROPPED, "summary_covered_by_details", kind=d.kind), ref, d.date, d))
                continue
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
                confidence=_confidence(d), reason=d.reason,
                ship=self._ship(d)))
        return out

    def _us_side_attacked(self, strict: bool = False) -> bool:
        """The US or coalition side named in the report; a report that says the side was spared ("no
        U.S. personnel or facilities were affected"), or one whose only doer is a state's forces
        (``strict``: Iran striking "near the U.S. Consulate"), names it only where it is not spared,
        a place's neighbour or a speaker ("US officials said")."""
        text = self._orig
        sides = list(self.lex.target_side.finditer(text))
        spared = [m for m in sides if _SIDE_SPARED.search(text, max(0, m.start() - 30), m.start())]
        if not strict and not any(_NONE_OF_SIDE.search(text, max(0, m.start() - 5), m.start()) for m in spared):
            return bool(sides)
        return any(m not in spared and not _SIDE_SPEAKS.match(text, m.end()) for m in sides)

    def _drop_without_us_target(self) -> None:
        """A report that never names the US or coalition side, nor a site of the gazetteer (a base
        known to host them), tells another conflict's attacks ("Iran struck opposition parties in
        the Kurdistan Region", "a drone bombed a highway, injuring three civilians"): no attack,
        unless a group of the theater is named as the one who did it."""
        attacks = [d for d in self.drafts if d.kind == "attack"]
        if any(d.actor and not d.actor_generic and d.actor not in self._states for d in attacks):
            return
        # a state's strikes (Iran's missiles on Erbil) hit US forces only where the report says so
        named = {a.name for a in actors_in(self._orig, self.lex) if not a.responder and not a.generic}
        state = any(d.actor in self._states for d in attacks) or bool(named and named <= self._states)
        if (self.site_struck if state else self.site_seen) or self._us_side_attacked(strict=state):
            return
        for d in attacks:
            self.drafts.remove(d)
            ev = min(d.evidence, key=lambda e: e.start)
            self._trace.append((ev.start, ev.end, -1, -1, f"{d.kind} at {d.place.head.text!r}",
                                D.Decision(D.DROPPED, "no_us_target_in_report", kind=d.kind),
                                d.place.ref(d.base), d.date, None))

    def trace(self) -> tuple[TraceRecord, ...]:
        """Every candidate weighed, in the order decided (after :meth:`mentions`)."""
        mids = getattr(self, "_mids", {})
        return tuple(TraceRecord(ss, se, cs, ce, cand, dec.action, dec.reason, dec.detail, dec.kind, ref, date,
                                 mids.get(id(d)) if d is not None else None)
                     for ss, se, cs, ce, cand, dec, ref, date, d in self._trace)

    def _responding(self, text: str) -> Optional[str]:
        """The responding party a response is coded to: the first the clause names when the pack
        lists several responding sides, else the pack's first."""
        if len(self.responders) > 1:
            for a in actors_in(text, self.lex):
                if a.responder and a.name in self.responders:
                    return a.name
        return self.responder

    def _aircraft(self, text: str) -> bool:
        return any(w.category == "air_strike" and w.regex.search(text) for w in self.lex.weapons)

    def _sub_for(self, weapon: str) -> str:
        for w in self.lex.weapons:
            if w.category == weapon:
                return w.sub_event_type
        return "Shelling/artillery/missile attack"
