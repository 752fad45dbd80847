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
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Optional

from salvo.extract.actors import ActorHit, actors_in, basis, perpetrator
from salvo.extract.dates import DateContext, DateHit, bounds_span, find_dates, iso, open_span, parse_iso
from salvo.extract.lexicon import Lexicon
from salvo.extract.outcomes import Casualties, outcome_of
from salvo.extract.places import Place, PlaceFinder
from salvo.extract.sentences import Clause, Sentence, split_clauses
from salvo.extract.tallies import TallyFinder
from salvo.extract.weapons import munitions_of, weapon_of
from salvo.model import DateSpan, Evidence, Mention

DISRUPTED = ("Strategic developments", "Disrupted weapons use")
REMOTE = "Explosions/Remote violence"
_DISTRIB = re.compile(r"(?P<n>\w+)\s+of\s+(?:which|them|those)\s+(?:were\s+)?(?:\w+\s+)?(?:targeted|hit|struck|were fired at|aimed at|at)", re.I)
_PAST = re.compile(r"\b(?:in\s+20\d\d|last\s+(?:month|year)|previous(?:ly)?|earlier\s+(?:attack|strike)|former|anniversary|years?\s+ago|months?\s+ago)\b", re.I)


@dataclass
class Draft:
    kind: str
    place: Place
    base: int  # clause offset the place's spans are relative to
    date: DateSpan
    weapon: str = "unknown"
    sub_event_type: Optional[str] = None
    munitions: Optional[int] = None
    munitions_text: Optional[str] = None
    actor: Optional[str] = None
    actor_generic: bool = True
    basis: str = "unknown"
    actor2: Optional[str] = None
    target: Optional[str] = None
    killed: Optional[int] = None
    injured: Optional[int] = None
    outcome: Optional[str] = None
    role: str = "main"
    evidence: list = field(default_factory=list)
    last_sentence: int = 0

    def add_evidence(self, ev: Evidence) -> None:
        if all((e.start, e.end) != (ev.start, ev.end) for e in self.evidence):
            self.evidence.append(ev)


@dataclass
class Scene:
    """What the last attack clause set up, for the sentences that continue it."""

    date: Optional[DateSpan] = None
    actor: Optional[ActorHit] = None
    basis: str = "unknown"
    weapon: str = "unknown"


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
        us = lex.target_us.pattern
        self.us_target_prep = re.compile(rf"(?:against|on|at|targeting|targeted|toward|towards|housing|hosting)\s+(?:the\s+)?(?:{us})", re.I)

    # ------------------------------------------------------------------ per sentence

    def feed(self, sent: Sentence, folded: str, ner: list[tuple[int, int, str]], persons=None) -> None:
        lex = self.lex
        dates = find_dates(folded, self.ctx, base=sent.start, last=self.last_date)
        self.tallies.observe_people(folded, persons)
        if self.tallies.feed(folded, sent.start, sent.end, dates, persons):
            self._remember_dates(dates)
            return
        for cl in self._clauses(sent, folded):
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

    def _remember_dates(self, dates: list[DateHit]) -> None:
        for d in dates:
            if d.span.event_date or d.span.date_earliest:
                self.last_date = d.span

    def _clause(self, sent: Sentence, text: str, base: int, cdates, sdates, ner) -> None:
        lex = self.lex
        ev = Evidence(self.aid, sent.start, sent.end, self._orig[sent.start:sent.end], ("event",))
        has_trigger = bool(lex.trigger_verbs.search(text) or lex.attack_nouns.search(text))
        weapon, wsub, _ = weapon_of(text, lex)
        negative = any(rx.search(text) for rx in lex.negative.values())
        aggregate = bool(lex.aggregate.search(text))
        anaphoric = bool(lex.anaphora.search(text))
        if not has_trigger:
            if not negative and not aggregate:
                self._attach(sent, text, ev, anaphoric=True, weapon_ok=False)
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
        # an area next to a named place situates it ("Tower 22, a post in northeastern Jordan");
        # it is a place of its own only when coordinated with one ("in Baghdad and western Iraq")
        if any(p.kind not in ("region", "admin1") for p in targets):
            targets = [p for p in targets if p.kind not in ("region", "admin1")
                       or any(q is not p and q.kind not in ("region", "admin1") for q in getattr(p, "_group", []))]
        claim_only = self._claim_without_place(text, targets, aggregate, ev)
        if claim_only:
            return
        distributive = bool(_DISTRIB.search(text))
        if aggregate and not distributive:
            return
        kind = self._kind(text)
        if kind == "attack" and not self.us_target_prep.search(text) and self._other_party_agent(text):
            return
        date = self._date_for(cdates, sdates, anaphoric)
        if not targets:
            if anaphoric or kind == "response":
                if kind == "response" and self.anchor and lex.response_targets.search(text):
                    targets = [p for p in places if p.kind == "generic"][:1] or [self.anchor.place]
                else:
                    self._attach(sent, text, ev, anaphoric=True, weapon_ok=True)
                    self._set_scene(text, cdates, weapon)
                    return
            else:
                specific = self._singular_country_attack(text, places, cdates)
                if not specific:
                    self._set_scene(text, cdates, weapon)
                    return
                targets = specific
        countries = {lex.country_of(text)} - {None}
        actor = perpetrator(text, lex)
        act_basis = basis(text, lex, actor)
        if actor is None and (anaphoric or re.match(r"\s*(?:the|those)\s+other\b", text, re.I)) and self.scene.actor:
            actor, act_basis = self.scene.actor, self.scene.basis
        if weapon == "unknown" and (anaphoric or re.search(r"\b(?:the\s+)?other\s+\w+\s+(?:strikes|attacks)\b", text, re.I)):
            weapon = self.scene.weapon if self.scene.weapon != "unknown" else (self.anchor.weapon if self.anchor else "unknown")
            wsub = None
        killed, injured = self.cas.of(text)
        outcome = outcome_of(text, lex)
        dm = _DISTRIB.search(text)
        munitions, mtext = munitions_of(text, lex)
        if dm:
            from salvo.extract.numbers import parse_number
            munitions, mtext = parse_number(dm.group("n")), dm.group(0)
        if len(targets) > 1:
            munitions = mtext = None
        for p in targets:
            p = self._resolve_definite(p)
            if p is None:
                continue
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
            d.add_evidence(ev)
            self._merge(d, anaphoric and not lex.new_event.search(text))
        self._set_scene(text, cdates, weapon, actor, act_basis)

    # ------------------------------------------------------------------ pieces

    def _kind(self, text: str) -> str:
        """response when US / coalition forces are the ones striking: their cue comes first."""
        resp = self.lex.response.search(text)
        tgt = self.us_target_prep.search(text)
        us_agent = bool(resp and re.search(r"U\.?S\.?|American|coalition|troops|forces|in response", resp.group(0), re.I))
        if resp and (not tgt or (us_agent and resp.start() < tgt.start()) or re.search(r"\bin response\b", text, re.I)):
            return "response"
        if not tgt and not resp and self.anchor is not None and self.anchor.kind == "response" \
                and self.lex.anaphora.search(text) and not perpetrator(text, self.lex):
            return "response"  # "the strikes hit areas around X", after US strikes were told
        return "attack"

    def _other_party_agent(self, text: str) -> bool:
        m = self.lex.other_parties.search(text)
        if not m:
            return False
        t = self.lex.trigger_verbs.search(text) or self.lex.attack_nouns.search(text)
        return bool(t and m.start() < t.start())

    def _claim_without_place(self, text: str, targets: list[Place], aggregate: bool, ev: Evidence) -> bool:
        """"X claimed responsibility for the attacks": give the claim to the events it covers."""
        lex = self.lex
        if targets or not lex.claim.search(text) or lex.claim_neg.search(text) or aggregate:
            return False
        actor = perpetrator(text, lex)
        if actor is None or not self.drafts:
            return False
        if re.search(r"\b(?:the|these|those|both|all)\s+(?:\w+\s+)?(?:attacks|strikes)\b", text, re.I):
            for d in self.drafts:
                if d.kind == "attack" and d.actor is None:
                    d.actor, d.actor_generic, d.basis = actor.name, actor.generic, "claimed"
                    d.add_evidence(ev)
            return True
        d = self.anchor
        if d and self.lex.anaphora.search(text) and (d.actor is None or (d.actor_generic and not actor.generic)):
            d.actor, d.actor_generic, d.basis = actor.name, actor.generic, "claimed"
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

    def _date_for(self, cdates: list[DateHit], sdates: list[DateHit], anaphoric: bool) -> DateSpan:
        own = [d for d in cdates if not d.speech] or [d for d in sdates if not d.speech]
        if own:
            return own[0].span
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

    def _set_scene(self, text, cdates, weapon, actor=None, act_basis="unknown") -> None:
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

    def _resolve_definite(self, p: Place) -> Optional[Place]:
        """"the embassy", "the air base": the place of the last event with that kind of facility."""
        if p.head.kind != "generic":
            return p
        det = p.head.text.split()[0].lower()
        if det not in ("the", "that", "this", "its"):
            return p
        if p.country_hint or p.admin1_hint or p.context:
            return p
        noun = re.sub(r"^(?:the|that|this|its)\s+", "", p.head.text, flags=re.I).split()[-1].lower()
        for d in reversed(self.drafts):
            names = " ".join(filter(None, [d.place.head.text, d.place.generic.text if d.place.generic else "",
                                           d.place.ctx_text])).lower()
            if noun in names.replace("airbase", "air base") or noun.replace(" ", "") in names:
                return d.place
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
        if d is None or sent.index - d.last_sentence > 3:
            return
        killed, injured = self.cas.of(text)
        outcome = outcome_of(text, self.lex)
        actor = perpetrator(text, self.lex)
        munitions, mtext = munitions_of(text, self.lex) if weapon_ok else (None, None)
        used = False
        if killed is not None and d.killed is None:
            d.killed, used = killed, True
        if injured is not None and d.injured is None:
            d.injured, used = injured, True
        if outcome and (d.outcome in (None, "unknown") or outcome == "intercepted"):
            d.outcome, used = outcome, True
        if actor is not None and d.kind == "attack" and (d.actor is None or (d.actor_generic and not actor.generic)):
            d.actor, d.actor_generic, d.basis, used = actor.name, actor.generic, basis(text, self.lex, actor), True
        if munitions and d.munitions is None and weapon_ok:
            d.munitions, d.munitions_text, used = munitions, mtext, True
        if used:
            d.add_evidence(ev)
            d.last_sentence = sent.index

    def _merge(self, new: Draft, may_corefer: bool) -> None:
        for d in reversed(self.drafts):
            if d.kind != new.kind or not _same_day(d.date, new.date):
                continue
            if d.actor and new.actor and d.actor != new.actor and not (d.actor_generic or new.actor_generic):
                continue
            same_place = d.place.key == new.place.key or d.place is new.place
            upgrade = (may_corefer and d is self.anchor and _compatible_areas(d.place, new.place))
            if not (same_place or upgrade):
                continue
            if upgrade and not same_place and d.place.head.kind == "generic" and new.place.head.kind != "generic":
                old, d.place = d.place, new.place
                d.place.country_hint = d.place.country_hint or old.country_hint
                d.place.admin1_hint = d.place.admin1_hint or old.admin1_hint
            _fill(d, new)
            self.anchor = d
            return
        self.drafts.append(new)
        self.anchor = new

    # ------------------------------------------------------------------ output

    def mentions(self) -> list[Mention]:
        out = []
        for d in self.drafts:
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


def _same_day(a: DateSpan, b: DateSpan) -> bool:
    if a.event_date and b.event_date:
        return a.event_date == b.event_date
    if a.event_date or b.event_date:
        return False
    return (a.date_earliest, a.date_latest) == (b.date_earliest, b.date_latest)


def _compatible_areas(a: Place, b: Place) -> bool:
    """May a generic place ("a US airbase in Anbar") and a named one be the same place?"""
    if a.head.kind != "generic" and b.head.kind != "generic":
        return a.key == b.key
    ca = a.country_hint or a.head.country
    cb = b.country_hint or b.head.country
    if ca and cb and ca != cb:
        return False
    aa = a.admin1_hint or a.head.admin1
    ab = b.admin1_hint or b.head.admin1
    return not (aa and ab and aa.lower() != ab.lower())


def _fill(d: Draft, new: Draft) -> None:
    if d.weapon == "unknown" and new.weapon != "unknown":
        d.weapon, d.sub_event_type = new.weapon, new.sub_event_type
    if d.munitions is None:
        d.munitions, d.munitions_text = new.munitions, new.munitions_text
    if new.actor and (d.actor is None or (d.actor_generic and not new.actor_generic)):
        d.actor, d.actor_generic, d.basis = new.actor, new.actor_generic, new.basis
    if d.killed is None:
        d.killed = new.killed
    if d.injured is None:
        d.injured = new.injured
    if new.outcome and (d.outcome is None or new.outcome == "intercepted"):
        d.outcome = new.outcome
    if d.target is None:
        d.target = new.target
    if d.date.time_of_day is None and new.date.time_of_day:
        d.date = new.date if new.date.event_date == d.date.event_date else d.date
    for e in new.evidence:
        d.add_evidence(e)
    d.last_sentence = max(d.last_sentence, new.last_sentence)


def _confidence(d: Draft) -> float:
    c = 0.5
    if d.place.head.kind in ("site", "named_facility", "town"):
        c += 0.15
    if d.date.event_date:
        c += 0.1
    if d.weapon != "unknown":
        c += 0.1
    if d.actor:
        c += 0.05
    if len(d.evidence) > 1:
        c += 0.05
    return round(min(c, 0.95), 2)
