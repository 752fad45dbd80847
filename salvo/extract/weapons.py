"""Weapon category and launch count of a clause ("roughly 14 Katyusha rockets" -> rocket, 14)."""

from __future__ import annotations

import functools
import re
from typing import Optional

from salvo.extract.lexicon import Lexicon
from salvo.extract.numbers import NUMBER, parse_number

_NUM = re.compile(
    rf"(?<![\w-])(?P<q>(?:roughly|about|around|approximately|some|at least|more than|nearly|up to|as many as)\s+)?(?P<n>{NUMBER})(?![\w-])",
    re.I)
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")
_WORD = re.compile(r"\s+([\w-]+)")
# after the counted noun, these make the count one of something else ("a rocket barrage" is one barrage)
_COLLECTIVE = {"barrage", "salvo", "volley", "launcher", "launchers", "system", "systems", "attack", "strike", "fire", "team", "unit"}
_STOP = re.compile(r"^(?:per|people|persons|troops|soldiers|service|members|personnel|barrel(?:ed|led)?|second|seconds|minute|minutes|hours?|days?|times|years?|of|who|which|that|and|were|was|had|have|in|at|on|to|by|from|the)$", re.I)


# "drone and rocket storage sites", "rocket launch sites": weapons named as what was struck
_AS_TARGET = re.compile(
    r"(?:\s*(?:,|and|or|,\s*and)\s+(?:[\w-]+\s+){0,2}[\w-]+){0,3}\s+(?:storage|depots?|sites?|facilit|factor|warehouses?|production|caches?|stockpiles?"
    r"|launch(?:ers?|ing)?\s+(?:sites?|positions?|points?|pads?)|manufactur|capabilit)", re.I)


# "a hangar holding small aircraft", "a depot storing drones": weapons named as what a target holds
_HELD = re.compile(r"\b(?:holding|housing|storing|containing|sheltering)\s+(?:[\w-]+\s+){0,2}$", re.I)


def weapon_of(text: str, lex: Lexicon) -> tuple[str, Optional[str], Optional[tuple[int, int]]]:
    """(category, ACLED sub-type, span) of the weapon the clause names first (a salvo of "ballistic
    missiles and drones" is coded missile); a weapon word describing a target ("rocket storage
    sites") is not the weapon used."""
    best = None
    for w in lex.weapons:
        for m in w.regex.finditer(text):
            if m.group(0).strip() and not _AS_TARGET.match(text, m.end()) \
                    and not _HELD.search(text, max(0, m.start() - 40), m.start()):
                # the first told; of two readings of one phrase the pack's list order decides
                # ("explosive-laden drone boat": a usv, listed before drone)
                if best is None or (m.end() <= best[2][0]):
                    best = (w.category, w.sub_event_type, m.span())
                break
    return best or ("unknown", None, None)


def munitions_of(text: str, lex: Lexicon) -> tuple[Optional[int], Optional[str]]:
    """The number of rockets / drones / rounds / attacks the clause says were launched:
    "roughly 14 Katyusha rockets", "two fixed-wing drones", "eight rounds of indirect fire"."""
    for m in _NUM.finditer(text):
        n = parse_number(m.group("n"))
        if n is None or n > 500 or _MONTH_BEFORE.search(text, 0, m.start()):
            continue  # "the Jan. 20 rocket attack": a day of the month, not a count
        if not lex.article_counts and m.group("n").lower() in ("a", "an"):
            continue  # the pack counts only numbers told ("struck by a missile": no count)
        pos = m.end()
        words = []
        for _ in range(4):  # "<number> [up to three modifiers] <noun>"
            wm = _WORD.match(text, pos)
            if not wm:
                break
            words.append(wm.group(1))
            pos = wm.end()
            word = wm.group(1)
            if any(p.match(word) for p, _ in lex.munition_nouns) and not word.lower().startswith(("attack", "strike")) \
                    and not (word.lower().startswith("device") and not any("explosive" in w.lower() for w in words)):
                # ("two counter-drone devices" are no munitions; "an improvised explosive device" is one)
                nxt = _WORD.match(text, pos)
                after = nxt.group(1).lower() if nxt else ""
                if after in _COLLECTIVE or after in ("attacks", "strikes"):
                    if m.group("n").lower() in ("a", "an", "one") or after in _COLLECTIVE - {"attack", "strike"}:
                        break
                if after in ("per",):
                    break
                if after in ("and", "or") and re.match(r"\s+(?:and|or)\s+[\w-]+\s+(?:attacks|strikes)\b", text[pos:], re.I):
                    break  # "three rocket and drone attacks": a count of attacks of two kinds, not of munitions
                mixed, more, stop = _mixed_salvo(text, m.start(), pos, word, lex)
                if mixed and more is None:
                    break  # "multiple rockets and a drone": a count of one kind is no total of the salvo
                return n + (more or 0), text[m.start():stop]
            if _counts_targets(word, lex):
                break  # "attacked two bases with rockets": the number counts the bases
            if word.lower().startswith(("attack", "strike")):
                nxt = _WORD.match(text, pos)
                if nxt and any(p.match(nxt.group(1)) for p, c in lex.munition_nouns if c):
                    continue  # "a one-way attack drone"
                if m.group("n").lower() in ("a", "an", "one"):
                    break  # "an attack" says nothing about how many rockets or drones
                return n, text[m.start():pos]
            if word.lower() == "of" and len(words) == 1 and re.match(r"\s+(?:them|those)\b", text[pos:]) \
                    and any(p.search(text[:m.start()]) for p in _NOUN_SEARCH(lex)):
                return n, text[m.start():pos + 5]  # "rockets - ten of them -": the count of those
            if _STOP.match(word):
                break
    return None, None


# munitions of one kind joined to another's ("rockets and a drone", "two drones, as well as rockets")
_JOIN_BEFORE = re.compile(r"([\w-]+)\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|plus\s+)?|\s+(?:and|as\s+well\s+as|plus|along\s+with)\s+)$", re.I)
_JOIN_AFTER = re.compile(r"\s*(?:,\s*)?(?:and|as\s+well\s+as|plus|along\s+with)\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.I)


def _kind_of(word: str, lex: Lexicon) -> Optional[str]:
    """The weapon category a munition noun names (None: no munition noun, or one of any kind: "rounds")."""
    return next((c for p, c in lex.munition_nouns if p.match(word)), None)


def _mixed_salvo(text: str, start: int, end: int, noun: str, lex: Lexicon) -> tuple[bool, Optional[int], int]:
    """Is the count of one kind of munition joined to munitions of another kind ("multiple rockets
    and a suicide drone", "three rockets and two drones")? Then it is no count of the salvo; the
    salvo's count is the sum when each of the two kinds is counted ("18 drones and three
    missiles": 21). Returns (mixed, total or None, end of the salvo's words)."""
    kind = _kind_of(noun, lex)
    if kind is None:
        return False, None, end  # "seven projectiles": a total of any kind
    before = _JOIN_BEFORE.search(text, max(0, start - 40), start)
    after = _JOIN_AFTER.match(text, end)
    words = ([before.group(1)] if before else []) + (after.group(1).split() if after else [])
    other = next((i for i, w in enumerate(words) if _kind_of(w, lex) not in (None, kind)), None)
    if other is None:
        return False, None, end
    if before:
        return True, None, end  # "multiple rockets and a drone": a part told with no number
    stop = after.start(1) + list(re.finditer(r"[\w-]+", after.group(1)))[other].end()
    first = _NUM.match(after.group(1))
    n = parse_number(first.group("n")) if first and not first.group("q") else None
    if n is None or (n == 1 and not lex.article_counts and first.group("n").lower() in ("a", "an")) \
            or _JOIN_AFTER.match(text, stop):
        return True, None, end  # a part with no number, or a third part: no total
    return True, n, stop


def _counts_targets(word: str, lex: Lexicon) -> bool:
    """"two bases", "three facilities": a place word after the number is what it counts."""
    return bool(lex.facility.fullmatch(word) or (word.lower().endswith("s") and lex.facility.fullmatch(word[:-1]))
                or (word.lower().endswith("es") and lex.facility.fullmatch(word[:-2])))


@functools.lru_cache(maxsize=8)
def _NOUN_SEARCH(lex: Lexicon) -> tuple:
    """Munition nouns as search patterns ("rockets" anywhere before "ten of them")."""
    return tuple(re.compile(rf"\b{p.pattern[1:-1]}\b", re.I) for p, c in lex.munition_nouns if c)
