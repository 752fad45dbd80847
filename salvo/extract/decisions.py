"""What the clause stages hand each other: the facts a clause holds, the places it names, and
the decision taken on it (an action and a reason code).

Reason codes are short, stable snake_case names: ``salvo explain`` prints them, each Mention
keeps the one that created it, and ``salvo eval`` groups misses and false alarms by them, so a
round of rule work starts from the largest group. Rename one only together with its readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from salvo.extract.actors import ActorHit
from salvo.extract.dates import DateHit
from salvo.extract.places import Place
from salvo.extract.sentences import Sentence
from salvo.model import DateSpan, Evidence

# what became of a candidate
NEW_EVENT = "new_event"  # a new attack draft
RESPONSE = "response"  # a new response draft (a strike by the responding side)
BACKGROUND = "background"  # a new draft told as background (an earlier attack)
MERGED = "merged"  # joined a draft of the same place and day
ATTACH = "attach_to_told_event"  # adds outcome, toll, actor or claim to an event already told
OTHER_PARTY = "other_party"  # an attack by or on someone outside the theater's pair
NOT_AN_ATTACK = "not_an_attack"  # denied, threatened, imagined, or a count of many attacks
TALLY_ONLY = "tally_only"  # a running count, read by the tally finder
NO_EVENT = "no_event"  # nothing to build an event on (no attack word, no place)
DROPPED = "dropped"  # built, then dropped when the article was read to its end

ACTIONS = (NEW_EVENT, RESPONSE, BACKGROUND, MERGED, ATTACH, OTHER_PARTY, NOT_AN_ATTACK, TALLY_ONLY, NO_EVENT,
           DROPPED)


@dataclass(frozen=True)
class ClauseFacts:
    """What one clause holds, read before anything is decided."""

    sentence: Sentence
    text: str
    base: int  # offset of the clause in the article text
    cdates: tuple[DateHit, ...]  # dates inside the clause
    sdates: tuple[DateHit, ...]  # dates of its sentence
    ner: tuple[tuple[int, int, str], ...]
    evidence: Evidence
    has_trigger: bool
    weapon: str
    wsub: Optional[str]
    negative: Optional[str]  # the kind of denial / threat / hypothetical cue, if any
    aggregate: bool
    anaphoric: bool


@dataclass(frozen=True)
class PlaceReading:
    """The places a triggered clause names and which of them it tells an attack at."""

    places: tuple[Place, ...]
    targets: tuple[Place, ...]
    summary: tuple[Place, ...]  # plural / area targets that stand in for details told later
    actor_spans: tuple[tuple[int, int], ...]  # spans of actor names (their places are no targets)


@dataclass(frozen=True)
class Decision:
    """What to do with a clause, and why. ``targets``: the places new drafts are built at."""

    action: str
    reason: str
    detail: str = ""
    kind: Optional[str] = None
    targets: tuple[Place, ...] = ()
    summary: tuple[Place, ...] = ()


@dataclass(frozen=True)
class EventFields:
    """The fields the drafts of one clause share."""

    kind: str
    date: DateSpan
    weapon: str
    wsub: Optional[str]
    actor: Optional[ActorHit]
    basis: str
    killed: Optional[int]
    injured: Optional[int]
    outcome: Optional[str]
    munitions: Optional[int]
    munitions_text: Optional[str]
    countries: frozenset
