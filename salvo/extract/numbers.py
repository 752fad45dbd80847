"""Numbers as reports write them: "14", "fourteen", "a dozen", "roughly 14", "two", "a".

Language data kept here (not in the pack) because number words belong to the language, not the
theater; a second language would add a table next to this one.
"""

from __future__ import annotations

import re
from typing import Optional

WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12, "half a dozen": 6, "a couple of": 2,
    "a pair of": 2, "couple of": 2, "pair of": 2, "twin": 2, "both": 2,
}
# words that give only a vague amount: kept as text, never turned into a count
VAGUE = {"several", "multiple", "numerous", "dozens", "scores", "some", "many", "a number of", "a few", "few",
         "hundreds", "a barrage of", "a salvo of", "a volley of"}

_WORD_ALT = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:two|three|four|five|six) dozen"
    rf"|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?(?:{_WORD_ALT}))"
)
# words qualifying a count ("more than 30", "a total of 86"): said with it, kept as its qualifier
QUALIFIERS = (r"(?:(?:at least|no fewer than|more than|over|about|roughly|around|approximately|some|nearly|almost|"
              r"close to|an estimated|a total of|in total)\s+)*")
NUMBER_RE = re.compile(rf"(?<![\w-]){NUMBER}(?![\w])", re.I)


def parse_number(text: str) -> Optional[int]:
    """The integer a number phrase names, or None ("several" is not a number)."""
    t = text.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    if t in WORDS:
        return WORDS[t]
    m = re.fullmatch(r"(\w+) dozen", t)
    if m and m.group(1) in WORDS and WORDS[m.group(1)] < 10:
        return WORDS[m.group(1)] * 12  # "two dozen"
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](\w+)", t)
    if m and m.group(2) in WORDS and WORDS[m.group(2)] < 10:
        return WORDS[m.group(1)] + WORDS[m.group(2)]
    return None
