"""Outcome of an attack and its casualties (null = not reported, 0 = reported none)."""

from __future__ import annotations

import re
from typing import Optional

from salvo.extract.lexicon import Lexicon
from salvo.extract.numbers import NUMBER, parse_number


def outcome_of(text: str, lex: Lexicon) -> Optional[str]:
    o = lex.outcome
    if o["intercepted"].search(text):
        return "intercepted"
    if o["no_damage"].search(text):
        return "no_damage"
    if o["damage"].search(text):
        return "damage"
    if o["hit"].search(text):
        return "hit"
    return None


class Casualties:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        people = lex.person_nouns
        inj = r"(?:slightly |lightly |seriously |critically |severely |minor(?:ly)? )?(?:wounded|injured|hurt)"
        dead = r"(?:killed|dead|died)"
        mod = r"(?:(?:US|U\.S\.|American|coalition|Iraqi|Syrian|civilian|security|foreign|other)\s+){0,2}"
        self.n_injured = re.compile(
            rf"(?<![\w-])(?P<n>{NUMBER})\s+{mod}(?:{people})\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:\w+\s+)?{inj}"
            rf"|(?:wounding|injuring|wounded|injured)\s+(?P<n2>{NUMBER})\s+{mod}(?:{people})?"
            rf"|(?P<n3>{NUMBER})\s+{mod}(?:{people})\s+(?:suffered|sustained|received)\s+(?:\w+\s+){{0,3}}injur", re.I)
        self.n_killed = re.compile(
            rf"(?<![\w-])(?P<n>{NUMBER})\s+{mod}(?:{people})\s+(?:were\s+|was\s+|have\s+been\s+)?{dead}"
            rf"|(?:killing|killed)\s+(?P<n2>{NUMBER})\s+{mod}(?:(?:{people})|of\s+their\s+members)?", re.I)

    def of(self, text: str) -> tuple[Optional[int], Optional[int]]:
        """(killed, injured) stated in ``text`` about one attack."""
        lex = self.lex
        killed = injured = None
        if lex.zero_both.search(text):
            killed = injured = 0
        elif lex.zero_killed.search(text):
            killed = 0
        m = self.n_injured.search(text)
        if m:
            n = parse_number(m.group("n") or m.group("n2") or m.group("n3"))
            if n is not None and n < 1000:
                injured = n
        m = self.n_killed.search(text)
        if m:
            n = parse_number(m.group("n") or m.group("n2"))
            if n is not None and n < 1000:
                killed = n
        return killed, injured
