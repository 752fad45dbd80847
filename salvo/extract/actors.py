"""Perpetrators through the pack's actor list, and whether they claimed it or were blamed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from salvo.extract.lexicon import ActorEntry, Lexicon

# "affiliated with the IRGC", "backed by Iran": a group named as someone's patron is not the actor
# "areas where Iran-backed groups are present", "villages under the control of the PMF": where a
# group holds ground (a launch point's surroundings) is no claim or blame of the attack
_WHERE = re.compile(r"(?:\bwhere|\bunder\s+(?:the\s+)?control\s+of|\bcontrolled\s+by|\bheld\s+by)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
# the group itself as the speaker ("X, an umbrella group, said ...", "X stated that ...")
# ("X put out a statement late on Monday saying ...": a statement it issued is its word too)
_SPEAKS = re.compile(r"(?:\s*,[^,;]{1,80},)?\s+(?:(?:also|later|then)\s+)?(?:said|says|stated|states|announced|announces|declared|declares"
                     r"|(?:issued|issues|released|releases|published|publishes|put\s+out)\s+(?:a|an)\s+(?:\w+\s+)?statement)\b", re.I)
_DENIES = re.compile(r"\b(?:not|never|no|den(?:y|ied|ies))\b|\b(?:had|have|has)\s+been\s+(?:\w+\s+)?(?:hit|struck|targeted|bombed)", re.I)
# a blame, and the claims only a group makes of itself: with a blame in the clause, the weaker
# claim cues ("in a statement", "claimed") are the speaker's words, not the group's claim
_BLAME = re.compile(r"\b(?:blam(?:ed|ing|es)|attribut(?:ed|ing|es)|accus(?:ed|ing|es)|hallmarks?|pointed\s+(?:the\s+finger\s+)?at"
                    r"|(?:carried\s+out|launched|conducted)\s+by|(?:were|was)\s+behind)\b", re.I)
_OWN_CLAIM = re.compile(r"\b(?:claim(?:ed|s|ing)?\s+responsibility|took\s+(?:credit|responsibility)|taken\s+credit)\b", re.I)
# ("a channel associated with the Iraqi Popular Mobilization Units": a qualifier may stand between)
_PATRON = re.compile(r"(?:affiliated|associated|aligned|allied|linked|backed|supported|funded|armed|trained|supplied|created|led|sponsored)\s+(?:with|by|to)\s+(?:the\s+)?"
                     r"(?:\w+['’]s\s+)?(?:(?-i:[A-Z])[\w-]*\s+)?$", re.I)
# "US airstrikes killed four members of the PMF", "a strike on positions of X": the group struck is no doer
_STRUCK = re.compile(r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|targeted|targeting|struck|striking|hit|hitting|bombed|bombing)\s+"
                     r"(?:(?:at\s+least|some|about|several|dozens\s+of)\s+)?(?:[\w-]+\s+){0,2}?"
                     r"(?:members?|fighters?|commanders?|leaders?|officials?|positions?|headquarters|bases?|sites?|facilities|depots?|vehicles?|convoys?)\s+"
                     # ("a car operated by Iraq's Hashd": the country owning the group may stand between)
                     r"(?:of|belonging\s+to|(?:used|utili[sz]ed|run|operated|owned)\s+by)\s+(?:the\s+)?(?:\w+['’]s\s+)?$", re.I)
# "A Shiite militant group called X claimed responsibility": a group the pack does not know, named by the text
_CALLED = re.compile(r"\b(?:group|militia|faction|brigade|organi[sz]ation|outfit|network)\s+(?:called|named|calling\s+itself|known\s+as)\s+"
                     r"[\"“]?(?P<name>(?-i:[A-Z])[\w'’-]*(?:\s+(?:(?-i:[A-Z])[\w'’-]*|al-[\w'’-]+|of|the|for))*(?-i:\s*(?<=[A-Za-z])))", re.I)


# "an attack that officials blamed on an unruly local militia": the blame names a group the pack
# does not know, by a group noun
_BLAMED_ON = re.compile(r"\b(?:blam(?:e|ed|ing|es)|pinned|pinning)\s+(?:(?:it|them|the\s+\w+)\s+)?on\s+(?:an?|the|some)\s+"
                        r"(?P<name>(?:[\"“]?[\w'’-]+[\"”]?,?\s+){0,3}?[\"“]?(?:[\w'’-]+\s+)?(?:militias?|groups?|factions?|militants|gunmen|insurgents|mob)\b)", re.I)


# "analysts believed they were part of a campaign by X": an outside view is no one's attribution
_OUTSIDE_VIEW = re.compile(r"\b(?:analysts?|experts?|observers?|commentators?|researchers?|residents?)\s+(?:\w+\s+){0,2}?"
                           r"(?:believe[sd]?|think|thought|suspect(?:ed|s)?|speculated?|say|said)\b", re.I)


@dataclass(frozen=True)
class ActorHit:
    name: str
    start: int
    end: int
    generic: bool
    responder: bool


def actors_in(text: str, lex: Lexicon) -> list[ActorHit]:
    """Actor mentions in ``text`` (longest alias wins overlaps), patrons left out."""
    hits: list[ActorHit] = []
    for a in lex.actors:
        for m in a.regex.finditer(text):
            patron = _PATRON.search(text[max(0, m.start() - 45):m.start()])
            if patron and patron.group(0).lower().startswith("associated") and lex.claim.search(text):
                patron = None  # "a Telegram group associated with X claimed responsibility": X's claim
            if patron or _WHERE.search(text[max(0, m.start() - 40):m.start()]):
                continue
            if a.agent_only and not _is_agent(text, m):
                continue
            hits.append(ActorHit(a.name, m.start(), m.end(), a.generic, a.responder))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[ActorHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


_WEAPON_ATTACK = re.compile(r"\s+(?:ballistic\s+)?(?:missile|rocket|drone)s?\s+(?:attacks?|strikes?|barrages?|salvos?)\b", re.I)


def _is_agent(text: str, m: re.Match) -> bool:
    # "Iran fired ...", "launched by Iran": a country is an actor only as the doer of a strike
    after = text[m.end():m.end() + 30]
    before = text[max(0, m.start() - 20):m.start()]
    if _WEAPON_ATTACK.match(after):
        return True  # "an Iran missile strike", "the Iranian missile attack": named as the doer
    if after.startswith(("-", "'", "’", "ian")):
        return False
    return bool(re.match(r"\s+(?:fired|launched|struck|attacked|carried out|targeted)", after, re.I)
                or re.search(r"\b(?:by|blamed|blamed on|attributed to)\s+$", before, re.I))


def perpetrator(text: str, lex: Lexicon) -> Optional[ActorHit]:
    """The first non-responder actor named in ``text``; a named group beats an umbrella label."""
    hits = [h for h in actors_in(text, lex) if not h.responder and not _STRUCK.search(text[max(0, h.start - 60):h.start])]
    named = [h for h in hits if not h.generic]
    if not named:
        called = _CALLED.search(text)
        if called and lex.claim.search(text, called.end()) and not lex.claim_neg.search(text):
            name = re.sub(r"\s+(?:of|the|for)$", "", called.group("name").strip())
            return ActorHit(name, called.start("name"), called.start("name") + len(name), False, False)
    if not hits:
        blamed = _BLAMED_ON.search(text)
        if blamed:
            name = re.sub(r"[\"“”,]", "", blamed.group("name")).strip()
            return ActorHit(name, blamed.start("name"), blamed.end("name"), True, False)
    return (named or hits or [None])[0]


# "..., the group said in a statement": the sentence's speaker tag, after the clause, is the group's
_OWN_TAG = re.compile(r",\s+(?:the\s+(?:group|militia|faction|organi[sz]ation|movement)|it)\s+(?:also\s+)?"
                      r"(?:said|says|stated|states|announced|announces|claimed|claims)\b", re.I)


def own_word_after(rest: str, lex: Lexicon) -> bool:
    """True when what follows a clause in its sentence is the group's own speaker tag."""
    return bool(_OWN_TAG.search(rest)) and not lex.claim_neg.search(rest)


def basis(text: str, lex: Lexicon, actor: Optional[ActorHit]) -> str:
    """claimed: the group said it did it; attributed: someone else blamed it; unknown."""
    if actor is None:
        return "unknown"
    claim = lex.claim.search(text)
    if claim and _BLAME.search(text) and not _OWN_CLAIM.search(text):
        return "attributed"  # "said in a statement that blamed the militias": the speaker blames
    if claim and not lex.claim_neg.search(text):
        return "claimed"
    if _OUTSIDE_VIEW.search(text) and not _BLAME.search(text):
        return "unknown"
    if not actor.generic and _SPEAKS.match(text, actor.end) and not lex.claim_neg.search(text) \
            and not _DENIES.search(text, actor.end):
        return "claimed"  # "The Islamic Resistance stated that offensives were carried out ...": its own word
    if lex.blame_needs_a_source and not (lex.attribution.search(text) or lex.speech.search(text)):
        return "unknown"  # "a Houthi missile struck the ship": the outlet's own naming blames no one
    return "attributed"
