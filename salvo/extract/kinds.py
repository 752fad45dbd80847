"""Whose strike a clause tells: an attack on US / coalition forces, or a US response.

A mixin of :class:`salvo.extract.events.EventBuilder` (split from events.py to keep modules
small): it reads only the clause text, the pack lexicon and the builder's recent drafts.
"""

from __future__ import annotations

import re
from typing import Optional

from salvo.extract.actors import actors_in, perpetrator
from salvo.extract.drafts import Draft
from salvo.extract.weapons import weapon_of

# "the strikes", "the airstrike": what refers back to a response ("the rockets" refers to an attack)
# (not when it only times the clause: "within hours of the raid, militants flew a drone at X")
_STRIKE_ANAPHOR = re.compile(r"(?<!\bof\s)(?<!\bafter\s)(?<!\bsince\s)(?<!\bbefore\s)(?<!\bfollowing\s)"
                             r"\b(?:the|those|these)\s+(?:\w+\s+)?(?:strikes?|airstrikes?|air\s+strikes?|raids?|bombing)\b", re.I)
# "the vehicle was hit near ...": a strike with no doer named, after a strike was told
_AGENTLESS = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?(?:hit|struck|targeted|destroyed|bombed)\b(?!\s+by\b)", re.I)
# a militia as the one struck: "a strike on a Harakat al-Nujaba headquarters", "vehicles belonging to X"
_STRUCK_OBJ = re.compile(r"\b(?:(?:air)?strikes?|raids?|bombing)\s+(?:on|against)\s+(?:a|an|the)?\s*$"
                         r"|\b(?:commanders?|leaders?|members?|fighters|positions|headquarters|vehicles?|convoys?|facilit(?:y|ies)"
                         r"|posts|sites?|depots?|camps?|bases?)\s+(?:of|belonging\s+to|(?:used|utili[sz]ed|run|operated|owned)\s+by)\s+(?:the\s+|those\s+|these\s+)?(?:\w+['’]s\s+)?$"
                         r"|\b(?:struck|bombed|hit|targeted|targeting)\s+(?:a|an|the|three|two|several)?\s*$"
                         # the people a toll counts are the ones struck: "a strike killed five pro-Iran fighters"
                         r"|\b(?:killed|killing|kills|wounded|wounding|injured|injuring)\s+(?:at\s+least\s+|about\s+|some\s+)?"
                         # ("the blast killed a Kataib Hezbollah field commander": the group's man)
                         r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens\s+of|scores\s+of)?\s*[\"“]?$", re.I)
# (the one word between may qualify the weapon, "Israeli armed drones", but no preposition or
# conjunction: "to attack Israel with drones" is the attacker's weapon aimed at that party)
_OWNED_WEAPON = re.compile(r"(?:\s+(?!(?:with|by|using|from|at|on|in|into|to|toward|towards|and|or|via)\b)[\w-]+)?\s+(?:drones?|missiles?|rockets?|jets?|warplanes?|aircraft|artillery|air\s*strikes?|strikes?|shelling)\b", re.I)
# aircraft as the doer, whatever they dropped ("two F-15E jets dropped seven bombs on the site")
_AIRCRAFT_DOER = re.compile(r"\b(?:warplanes?|(?:fighter\s+)?jets|bombers?|F-\d+[A-Z]?s?|B-(?:1|52)s?|gunships?|AC-130s?|aircraft)"
                            r"\s+(?!(?:was|were|had\s+been|have\s+been|has\s+been|being)\s)(?:[\w-]+\s+){0,2}?(?:dropped|struck|bombed|hit|fired|strafed|pounded|targeted|destroyed)\b", re.I)
_AFFILIATION = re.compile(r"\b(?:linked|tied|loyal|allied|affiliated|aligned|close)\s+(?:to|with)\s+(?:the\s+)?$|\bbacked\s+by\s+(?:the\s+)?$", re.I)
_COUNTED_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|several|many)\s+(?:of\s+(?:the\s+)?)?$", re.I)
_SPEAKER_AFTER = re.compile(r"\s*(?:said|says|reported|announced|stated|confirmed)\b", re.I)
_PASSIVE_HIT = re.compile(r"\b(?:had|have|has)?\s*(?:been|were|was)\s+(?:\w+\s+)?(?:hit|struck|targeted|bombed|killed|wounded)\b", re.I)
# "the coalition against the Islamic State", "the anti-ISIS mission": the party fought, not a doer
# "a Ukrainian-owned bulk carrier", "an Israel-linked vessel": who owns the thing struck, no doer
_HELD_BY = re.compile(r"-(?:owned|flagged|operated|managed|registered|chartered|linked|bound)\b", re.I)
_FOUGHT = re.compile(r"(?:\b(?:against|fighting|fight|combat(?:ing)?|defeat(?:ing)?|countering|versus|vs\.?)\s+(?:the\s+)?|\banti-"
                     # ("the Houthis, backed by Iran, fired ...": the party backing the doer is no doer)
                     r"|\b(?:backed|supported|armed|funded|sponsored)\s+by\s+(?:the\s+)?|\b(?:allied|aligned)\s+(?:with|to)\s+|\bloyal\s+to\s+)$", re.I)
# "the ship, purportedly en route to Iran, faced two missile attacks": where a vessel or convoy was
# going is no doer
DESTINATION = re.compile(r"\b(?:en\s+route|bound|heading|headed|sailing|destined|travell?ing|on\s+(?:its|their)\s+way)\s+"
                          r"(?:to|for|toward|towards)\s+(?:the\s+)?(?:port\s+of\s+|[A-Z][\w'’-]+\s+){0,3}$", re.I)
_BY_AGENT = re.compile(r"\b(?:attacks?|strikes?|assaults?|ambush(?:es)?|bombings?|raids?|carried\s+out|launched|claimed)"
                       r"\s+(?:[\w-]+\s+){0,2}?by\s+(?:the\s+)?(?:suspected\s+|alleged\s+)?$", re.I)
_ASIDE = re.compile(r"\s[—–-]\s[^—–]{1,120}?\s[—–-]\s")


class KindRules:
    """``_kind`` and the agent tests it needs; expects ``lex``, ``drafts``, ``us_target_prep``."""

    drafts: list
    continuing: Optional[Draft]

    def _kind(self, text: str, index: int) -> str:
        """response when US / coalition forces are the ones striking: their cue comes first."""
        resp = self.lex.response.search(text)
        tgt = self.us_target_prep.search(text)
        us_agent = bool(resp and self.lex.responder_agent.search(resp.group(0)))
        us_doer = bool(resp and self.lex.responder_doer.search(resp.group(0)))
        if resp and not us_doer:
            first = self.lex.trigger_verbs.search(text)
            us_doer = any(a.responder and (first is None or a.start < first.start()) for a in actors_in(text, self.lex))
        if resp and not us_doer and self._agent_named(text):
            # "Iran launched missiles at X in retaliation for ...", "the group fired at the base in
            # response to ...": the militia's own reasons make it no US response
            return "attack"
        if resp and (not tgt or (us_agent and resp.start() < tgt.start()) or re.search(r"\bin response\b", text, re.I)):
            return "response"
        if not tgt and not self._agent_named(text) and not self._other_party_agent(text):
            # "B-1 bombers struck 85 targets": where only the responding side flies aircraft (the
            # pack's aircraft_flown_by), theirs; "a strike on a Kataib Hezbollah headquarters": the
            # group is the one struck
            flown = self.lex.only_responders_fly and (weapon_of(text, self.lex)[0] == "air_strike"
                                                      or _AIRCRAFT_DOER.search(text))
            if flown or (self._militia_struck(text) and self._recent_response(index)):
                return "response"
        last = self._recent_response(index)
        if last is None and _STRIKE_ANAPHOR.search(text) and self.drafts and self.drafts[-1].kind == "response" \
                and index - self.drafts[-1].last_sentence <= 8:
            # "the strike hit a site near X and killed nine fighters", paragraphs after the only
            # strike told (captions and reactions between): still that strike
            last = self.drafts[-1]
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
        if a and (_AFFILIATION.search(text[:a.start]) or (a.generic and _COUNTED_BEFORE.search(text[:a.start]))):
            # "fighters loyal to X were killed", "nine fighters linked to Iran were killed when the
            # jets struck": people counted or described by their side are the ones struck
            return False
        if a and _SPEAKER_AFTER.match(text, a.end) and _PASSIVE_HIT.search(text, a.end) and not self.lex.claim.search(text):
            return False  # "the PMF said positions of its brigades had been hit": the group speaks as the one struck
        return bool(a and (t is None or a.start < t.start()
                           or re.search(r"(?<!used )(?<!operated )(?<!run )(?<!controlled )\bby\s+(?:the\s+)?$", text[:a.start])))

    def _militia_struck(self, text: str) -> bool:
        """Is a perpetrator group the object of the strike ("a strike on a Harakat al-Nujaba
        headquarters", "bombed Kataib Hezbollah positions")?"""
        for a in actors_in(text, self.lex):
            if a.responder:
                continue
            m = _STRUCK_OBJ.search(text, 0, a.start)
            if m and not re.fullmatch(r"\s*(?:(?:the|its|their)\s+)?", text[:m.start()], re.I):
                return True  # ("The fighters of X conducted a strike on ...": the clause's subject is its doer)
            # "23 pro-Iranian fighters were killed in strikes on ...", "the PMF said positions of
            # its brigades had been hit": people counted by their side, or a group speaking of its
            # own losses, are the ones struck
            victims = _AFFILIATION.search(text[:a.start]) or (a.generic and _COUNTED_BEFORE.search(text[:a.start]))
            speaks = _SPEAKER_AFTER.match(text, a.end) and not self.lex.claim.search(text)
            if (victims and _PASSIVE_HIT.match(text, a.end)) or (speaks and _PASSIVE_HIT.search(text, a.end)):
                return True
        return False

    def _other_side_struck(self, text: str) -> bool:
        """"claimed an attack on Peshmerga in Kirkuk", "drones hit a Peshmerga base in Erbil
        province": the side attacked is not the US or the coalition, and no US target is struck
        ("Israel's spy headquarters near the US consulate" is still no attack on the consulate)."""
        return bool(self.lex.other_target.search(text)) and not self.us_target_prep.search(text)

    def _other_party_weapon(self, text: str) -> bool:
        """"an armed Turkish drone", "Israeli jets": the weapon is another party's."""
        for m in self.lex.other_parties.finditer(text):
            if _OWNED_WEAPON.match(text, m.end()):
                return True
        return False

    def _other_party_agent(self, text: str) -> bool:
        if not self.lex.other_parties.search(text):
            return False  # the common case, checked before the costlier actor scan
        # an aside between dashes ("the SDF - led by the PKK's branch - said ...") names no agent
        text = _ASIDE.sub(lambda m: " " * len(m.group(0)), text)
        # "Kataib Hezbollah" is a theater actor, not the other party its last word names
        spans = [(a.start, a.end) for a in actors_in(text, self.lex)]
        m = next((x for x in self.lex.other_parties.finditer(text)
                  if not any(s <= x.start() < e for s, e in spans) and not _FOUGHT.search(text, 0, x.start())
                  and not DESTINATION.search(text, 0, x.start())
                  and not _HELD_BY.match(text, x.end())), None)
        if not m:
            return False
        t = self.lex.trigger_verbs.search(text) or self.lex.attack_nouns.search(text)
        # "killed in a suspected attack by the Islamic State": the party the attack is by
        return bool(t and (m.start() < t.start() or _BY_AGENT.search(text, 0, m.start())))
