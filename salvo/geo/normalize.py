"""Turning place names into comparison keys.

Reporters transliterate Arabic and Kurdish names in many ways (Ain/Ayn, Tel/Tell/Tall, al-/el-/ar-,
Assad/Asad, Qa'im/Qaim). A *key* folds those differences so that one dictionary lookup finds the
name however it is spelled; what folding cannot reach is left to the fuzzy step in resolver.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Dotted abbreviations first ("U.S." is one token), then words with inner apostrophes ("Qa'im").
_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’ʼʿ‘`´][^\W_]+)*", re.UNICODE)
_APOSTROPHES = re.compile(r"['’ʼʿ‘`´]")

# Arabic definite-article forms as reporters write them (al-, el-, ar-, ash-, ez- ...). They carry
# no identity, and writers drop or assimilate them freely, so keys leave them out.
ARTICLES = frozenset(
    "al el ul ar er as ash esh ad ed adh at ath an az ez".split()
)

# Spelling variants folded to one form (applied after doubled letters are collapsed).
_VARIANTS = {
    "tal": "tel", "til": "tel",  # Tal / Tall / Tell / Til  (Tall and Tell collapse to tal/tel)
    "ayn": "ain", "ein": "ain", "ayin": "ain",
    "dayr": "deir", "dair": "deir",
    "abou": "abu",
    "qaria": "qarya", "qariya": "qarya",
}


@dataclass(frozen=True)
class Token:
    text: str  # as written
    key: str  # folded form ("" for an article)
    start: int
    end: int

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper() or any(ch.isdigit() for ch in self.text)


def plain(name: str) -> str:
    """A display form without diacritics ("Ḩamāh" -> "Hamah"); case and apostrophes kept."""
    text = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


def fold(word: str) -> str:
    """One word -> its folded form (lowercase ASCII, no apostrophes, doubled letters collapsed)."""
    text = unicodedata.normalize("NFKD", word)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text).replace(".", "").lower()
    text = re.sub(r"([^\W\d_])\1+", r"\1", text)  # letters only: "Tower 22" is not "Tower 2"
    return _VARIANTS.get(text, text)


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with their offsets; ``key`` is empty for articles."""
    tokens = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        key = fold(word[:-2] if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS" else word)  # Iraq's
        tokens.append(Token(m.group(), "" if key in ARTICLES else key, m.start(), m.end()))
    return tokens


def key_of(tokens: list[Token] | tuple[Token, ...]) -> str:
    return " ".join(t.key for t in tokens if t.key)


def name_key(name: str) -> str:
    """The key of a whole name ("Ain al-Asad" -> "ain asad")."""
    return key_of(tokenize(name))
