"""Sentences and clauses with offsets into the clean text.

A rule-based splitter rather than spaCy's parser: scraped text has captions, quotes and bare
headlines that the parser splits unpredictably, and the regex is ~100x cheaper. Repeated sentences
(scrapers duplicate paragraphs) are marked so nothing is counted twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a period does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:U\.S|U\.K|U\.N|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Gen|Lt|Col|Maj|Sgt|Capt|Brig|Adm|Mr|Mrs|Ms|Dr|St|No|Rep|Sen|Gov|Pres|Cpl|Pfc|Spc|a\.m|p\.m|i\.e|e\.g|vs|approx|est)\.|\b[A-Z]\.)$"
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")

# Clause boundaries inside a sentence: dashes, semicolons, and coordinators that start a new
# statement (", as enemy groups also launched ...", ", while ...").
_CLAUSE = re.compile(
    r"\s+[—–]\s+|;\s+|\s+-\s+|,\s+(?=(?:while|whereas|but|as|and|although|though|however)\s)|,\s*(?=however\b)"
    # ", in the latest of a string of attacks": a trend remark hung on a report of one attack
    r"|,\s+(?=(?:in\s+)?(?:the\s+)?(?:latest|newest|most recent)\b|part\s+of\b|amid\b)"
    r"|\s+(?=as\s+(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*\s+(?:hosted|held|marked|visited|met|said|announced)\b)"
    # an earlier event hung on this one: ", one day after a rocket attack on X killed ...",
    # ", when US jets bombed ...", "in response to the attack on X": its own clause, with its own
    # place and date (the cue stays with the clause it modifies)
    r"|,\s+(?=(?:just\s+|only\s+|some\s+)?(?:\w+\s+)?(?:days?|weeks?|hours?|minutes?)\s+(?:after|before)\s)"
    r"|,\s+(?=(?:after|following|when|before)\s)"
    # "anger has run high since the US assassinated X in Baghdad": what happened since is its own clause
    r"|\s+(?=since\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,3}(?:[a-z]+ly\s+)?[a-z]+ed\b)"
    # "the attacks come two days after a rally in the capital": what they came after is no part of them
    r"|(?:(?<=\bcame)|(?<=\bcome)|(?<=\bcomes))\s+(?=(?:just\s+|only\s+|some\s+)?(?:\w+\s+)?(?:days?|weeks?|hours?)\s+(?:after|before)\s)"
    # ", shortly after the group used it to fire ...", "died down after a drone killed three soldiers
    # at X": the attack hung on the clause is its own clause
    r"|,\s+(?=(?:shortly|soon|just|moments|minutes|hours|right)\s+(?:after|before)\s)"
    r"|\s+(?=after\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:drones?|rockets?|missiles?|barrage|strikes?|attacks?)\s+(?:killed|struck|hit|slammed|wounded)\b)"
    # "X bombed an airbase in Homs hours after rockets hit a facility near Baghdad"
    r"|\s+(?=(?:(?:just|only|some|a\s+few|several|two|three|\d+)\s+)?(?:hours?|days?|minutes?)\s+after\s+(?:[\w-]+\s+){0,3}(?:drones?|rockets?|missiles?|mortars?)\s+(?:hit|struck|landed|slammed|targeted)\b)"
    r"|,\s+(?=(?:most|many|some|all|none)\s+of\s+(?:them|whom)\b[^.;]*?\b(?:attacks?|strikes?)\b)"
    + "".join(rf"|(?<=\b{w}\s{p}\s)" for w in ("response", "retaliation", "reprisal", "answer", "reply", "revenge")
              for p in ("to", "for"))
    + r"|(?<=\banswered\s)(?!with\b)|(?<=\bavenged\s)"
    # "The strikes followed Saturday's rocket attack on X": the attack followed is its own clause
    + r"|(?<=\bfollowed\s)(?!by\b|suit\b)|(?<=\bcame\safter\s)|(?<=\bcomes\safter\s)"
)
# a pair of dashes encloses an aside ("a barrage of rockets - ten of them - was fired at X"):
# the aside belongs to its clause, so only a lone dash separates clauses
_DASH = re.compile(r"\s+[—–-]\s+")


# a line broken inside a sentence (hard-wrapped text, which cleaning leaves as paragraphs: "four
# rockets struck a\n\nmilitary site near ..."): the break is a space when the line ends without a
# stop and the next one goes on in lower case, or the line ends on a word no sentence ends on
_GOES_ON = "|".join(rf"(?<=\s{w})" for w in ("of", "the", "a", "an", "in", "on", "at", "to", "and", "or", "near", "by",
                                                "from", "for", "with", "that"))
# (a line ending on an abbreviation goes on too: "killed in a U.S.\n\nattack Thursday")
_WRAP = rf"(?:(?<![.!?:\"”’)\]\s])\n{{1,2}}(?=[a-z])|(?<=\bU\.[SKN]\.)\n{{1,2}}(?=[a-z])|(?:{_GOES_ON})\n{{1,2}}(?=\S))"
_LINE = re.compile(rf"(?:[^\n]|{_WRAP})+")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    duplicate: bool = False


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str


def split_sentences(text: str, *, teaser=None) -> list[Sentence]:
    """Sentences of ``text``; stops at a teaser marker line ("Check Also") when ``teaser`` is given."""
    out: list[Sentence] = []
    seen: set[str] = set()
    para = 0
    for pm in _LINE.finditer(text):
        line = pm.group()
        if not line.strip():
            continue
        if teaser is not None and teaser.match(line):
            if _inline_teaser(line, text, pm.end()):
                continue
            break
        base = pm.start()
        pos = 0
        for bm in _BOUNDARY.finditer(line):
            head = line[pos:bm.start() + 1]
            if _ABBREV.search(head.rstrip(".!?\"'”’)]") + "."):
                continue
            _add(out, seen, text, base + pos, base + bm.end(), para)
            pos = bm.end()
        _add(out, seen, text, base + pos, base + len(line), para)
        para += 1
    return out


# "You may also like to watch: <a headline>" on a line of its own, then the story going on
_TEASER_LINK = re.compile(r"[^:\n]{0,40}:\s*\S+(?:\s+\S+){2,}\s*$")
# (a short subheading may come between: "Also read: ... \n\nA week of strikes\n\nAccording to ...")
_PROSE = re.compile(r"\s*(?:[A-Z][^\n.!?]{1,80}\n+\s*)?(?:[A-Z][^\n]{150,}[.!?\"\u201d])\s*(?:\n|$)")


def _inline_teaser(line: str, text: str, end: int) -> bool:
    """A teaser line naming its link after a colon, followed by a paragraph of running prose, is a
    widget inside the story, not the end of it."""
    return bool(_TEASER_LINK.match(line) and _PROSE.match(text, end))


def _add(out, seen, text, start, end, para):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    s = text[start:end]
    key = re.sub(r"\W+", " ", s).lower().strip()
    dup = len(key) > 30 and key in seen
    seen.add(key)
    out.append(Sentence(len(out), start, end, s, para, dup))


# "drones on three bases, including the X base, the Y base, and the Z camp near the border": the last
# item of a serial list after ", and" is no new statement (two items before it, none of the three
# with a verb)
_SERIAL_ITEM = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,5}$")
_SERIAL_LAST = re.compile(r",\s+and\s+(?:the|a|an)\s+(?P<item>[^,;]{1,80}?)(?=,|$)")
_VERBISH = re.compile(r"\b(?:is|are|was|were|has|have|had|said|says|did|do|does|will|would|could|\w+ed)\b", re.I)


def _serial_last_item(text: str, start: int, m: re.Match) -> bool:
    head = text[start:m.start()]
    last = _SERIAL_LAST.match(text, m.start())
    first = _SERIAL_ITEM.search(head)
    if not last or not first or _VERBISH.search(last.group("item")) or _VERBISH.search(first.group(0)):
        return False
    before = head[:first.start()]
    second = _SERIAL_ITEM.search(before)
    return bool(second) and not _VERBISH.search(second.group(0))


def split_clauses(sent: Sentence) -> list[Clause]:
    out = []
    pos = 0
    dashes = list(_DASH.finditer(sent.text))
    paired = {(m.start(), m.end()) for m in dashes} if len(dashes) == 2 else set()
    for m in _CLAUSE.finditer(sent.text):
        if (m.start(), m.end()) in paired or _serial_last_item(sent.text, pos, m):
            continue
        if m.start() > pos:
            out.append(Clause(sent.start + pos, sent.start + m.start(), sent.text[pos:m.start()]))
        pos = m.end()
    if pos < len(sent.text):
        out.append(Clause(sent.start + pos, sent.end, sent.text[pos:]))
    return out
