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
    """(category, ACLED sub-type, span) of the first weapon the pack's list finds, in list order;
    a weapon word describing a target ("rocket storage sites") is not the weapon used."""
    for w in lex.weapons:
        for m in w.regex.finditer(text):
            if m.group(0).strip() and not _AS_TARGET.match(text, m.end()) \
                    and not _HELD.search(text, max(0, m.start() - 40), m.start()):
                return w.category, w.sub_event_type, m.span()
    return "unknown", None, None


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
                return n, text[m.start():pos]
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


@functools.lru_cache(maxsize=8)
def _NOUN_SEARCH(lex: Lexicon) -> tuple:
    """Munition nouns as search patterns ("rockets" anywhere before "ten of them")."""
    return tuple(re.compile(rf"\b{p.pattern[1:-1]}\b", re.I) for p, c in lex.munition_nouns if c)
