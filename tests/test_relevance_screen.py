"""The screen's start-letter lookahead changes no match: same spans as the plain alternation."""

from __future__ import annotations

import re

from conftest import FIXTURES, SAMPLES


def test_the_lookahead_screen_matches_exactly_where_the_plain_one_does():
    from salvo.extract.lexicon import _first_letters, _starts, alt, fold_keep_case, lexicon_for
    from salvo.packs import load_pack

    pack = load_pack()
    lex = lexicon_for(pack)
    rel = pack.data("lexicon.yaml")["relevance"]
    assert lex.rel_attack.pattern.startswith("(?=[") and lex.rel_theater.pattern.startswith("(?=[")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((SAMPLES / "txt").glob("*.txt"))]
    assert len(texts) > 30
    for key, new in (("attack_words", lex.rel_attack), ("theater_words", lex.rel_theater)):
        plain = re.compile(r"\b" + alt(rel[key], bound=False) + r"\b", re.I)
        for text in map(fold_keep_case, texts):
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in plain.finditer(text)]
    # words that could start anywhere get no lookahead
    assert _starts(["rockets?", "(?:air )?strikes?"]) == ""
    assert _starts([r"\bfoo"]) == "" and _first_letters("(?:shot|taken) down") == {"s", "t"}
