"""The cheap relevance filter: lets unrelated articles skip the NLP stages entirely.

Two regex searches over the pack's word lists: an article is relevant when it has an attack word
AND a theater word anywhere (title or body). Deliberately permissive: a false "relevant" costs a
few milliseconds of extraction that finds nothing; a false "unrelated" loses events for good.
"""

from __future__ import annotations

import re

from salvo.extract.lexicon import Lexicon, fold_keep_case


def relevant(text: str, lex: Lexicon) -> bool:
    text = fold_keep_case(text)
    if not lex.rel_attack.search(text):
        return False
    if lex.rel_theater.search(text):
        return True
    # a report may name only the base ("rockets hit the Green Village base"): any word of a
    # gazetteer name lets it through; a set lookup per word keeps the screen cheap
    low = text.lower()
    flat = None
    for w in re.findall(r"[a-z]{4,}", low):
        keys = lex.place_words.get(w)
        if keys:
            flat = flat if flat is not None else " " + re.sub(r"[\s'-]+", " ", low) + " "
            if any(f" {k} " in flat for k in keys):
                return True
    return False
