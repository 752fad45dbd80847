"""Outcome of an attack and its casualties (null = not reported, 0 = reported none)."""

from __future__ import annotations

import re
from typing import Optional

from salvo.extract.lexicon import Lexicon
from salvo.extract.numbers import NUMBER, parse_number


def outcome_of(text: str, lex: Lexicon) -> Optional[str]:
    """The first of the pack's outcome values (in the pack's order) whose cues match ``text``."""
    for value, cues in lex.outcome.items():
        if cues.search(text):
            return value
    return None


# "dead ..., despite Iraqi claims there had been no casualties": a zero told as someone's claim
# the report sets against its own toll is no zero
_DISPUTED = re.compile(r"\b(?:despite|contrary\s+to|contradicting|denied|dismissing)\s+(?:[\w-]+\s+){0,3}"
                       r"(?:claims?|reports?|statements?|assertions?)\s+(?:that\s+)?(?:[\w-]+\s+){0,4}$", re.I)


class Casualties:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        people = lex.person_nouns
        inj = r"(?:slightly |lightly |seriously |critically |severely |minor(?:ly)? )?(?:wounded|injured|hurt)"
        dead = r"(?:killed|dead|died|lost\s+their\s+lives)"
        # "two American troops", "a British servicewoman", "eight pro-Iran fighters", "three U.S. Army
        # reservists": nationality, side or service before the people counted
        mod = (rf"(?:(?:{lex.side_fragments['people_modifiers']}|civilian|security|foreign|other|more|additional|"
               r"pro-[\w-]+|[\w-]+-(?:backed|aligned|linked|based|allied)|"
               # a capitalised word that is itself the people counted ("two Americans and ...") is no modifier
               rf"(?!(?:{people})(?:\s+(?:and|or|were|was|who|had|have)\b|\s*[,.]))(?-i:[A-Z][\w.'-]+))\s+){{0,3}}")
        # a people modifier told without its noun ("one British", before "and two American troops")
        nat = rf"(?:{lex.side_fragments['people_modifiers']}|(?-i:[A-Z][a-z]+))"
        qual = r"(?:(?:more than|at least|about|nearly|some|over|around|roughly|approximately)\s+)?"
        # "at MSS Conoco", "in the car": where the people were, between them and their fate
        pp = r"(?:(?:at|in|on|inside|aboard)\s+(?:the\s+|a\s+)?[\w.-]+(?:\s+[A-Z][\w.-]*){0,2}\s+)?"
        # "two soldiers who were killed when the drone hit": the people counted, then their fate
        rel = r"(?:(?:who|that)\s+)?"
        q = "[\"\u201c\u201d']?"  # ('suffered "minor injuries"': a quoted phrase)
        # "six more people, including a US soldier, were hurt": an aside on who they were
        aside = r"(?:\s*,\s*(?:including|among\s+them)\s+[^,;.]{1,60},)?"
        # "suffered what officials described as minor injuries": the speaker's word for the injuries
        called = r"(?:what\s+(?:[\w.-]+\s+){1,5}?(?:(?:characteri[sz]ed|described)\s+as|called|termed)\s+)?"
        # "Five service members and two contractors were hurt": a list of counted people
        self.n_list = re.compile(
            # ("two members of the Iraqi security forces": a group named after the people counted)
            # ("One British and two American personnel": the noun of the first told only with the last)
            rf"(?<![\w-])(?P<list>{NUMBER}\s+(?:{mod}(?:{people})(?:\s+of\s+the\s+(?:[\w-]+\s+){{0,3}}(?:forces|army|police))?|{nat}(?=\s+and\s))"
            rf"(?:(?:\s*,\s*|\s+and\s+)(?:{NUMBER}|another)\s+{mod}(?:{people})(?:\s+of\s+the\s+(?:[\w-]+\s+){{0,3}}(?:forces|army|police))?)+)"
            rf"\s+{pp}(?:were|are|have\s+been|had\s+been)\s+(?:\w+\s+)?(?P<w>{inj}|{dead})", re.I)
        self.item = re.compile(rf"(?<![\w-])(?P<n>{NUMBER}|another)\s+(?:{mod}(?:{people})|{nat}(?=\s+and\s))", re.I)
        self.n_injured = re.compile(
            rf"(?<![\w-])(?P<n>{NUMBER})\s+{mod}(?:{people}){aside}\s+{pp}{rel}(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:(?!and\b)\w+\s+)?{inj}"
            # "three killed and 25 wounded": the noun left out
            rf"|(?:killed|dead)\s+and\s+(?P<n5>{NUMBER})\s+(?:others?\s+)?(?:were\s+)?{inj}"
            rf"|(?:wounding|injuring|wounded|injured|injures|wounds)\s+{qual}(?P<n2>{NUMBER})(?![\w-])\s*{mod}(?:{people})?"
            rf"|(?P<n3>{NUMBER})\s+{mod}(?:{people})\s+{pp}(?:(?:had\s+been|have\s+been|were|was|are|is)\s+)?(?:suffered|suffering|sustained|sustaining|received|receiving|diagnosed\s+with|end(?:ed)?\s+up\s+with|(?:being\s+)?(?:treated|evaluated|checked|assessed|examined|screened)\s+for)\s+{called}(?:{q}\w+{q}\s+){{0,3}}{q}(?:injur|concussion|shrapnel|wound|burns)"
            # "causing eight minor injuries", "leaving two with injuries"
            rf"|(?:causing|caused|leaving|left|resulting\s+in|inflicting)\s+{qual}(?P<n4>{NUMBER})\s+(?:\w+\s+)?injur(?:y|ies)"
            # "causing minor injuries to two personnel"
            rf"|(?:causing|caused|resulting\s+in|inflicting)\s+(?:\w+\s+)?injur(?:y|ies)\s+to\s+{qual}(?P<n6>{NUMBER})\s+{mod}(?:{people})"
            # "the death of a contractor and injury of a service member"
            rf"|\b(?:deaths?\s+of\s+[^,;.]{{1,60}}?\s+and\s+(?:the\s+)?)injur(?:y|ies)\s+(?:of|to)\s+{qual}(?P<n7>{NUMBER})\s+{mod}(?:{people})", re.I)
        self.n_killed = re.compile(
            rf"(?<![\w-])(?P<n>{NUMBER})\s+{mod}(?:{people})\s+{pp}{rel}(?:were\s+|was\s+|have\s+been\s+)?{dead}"
            # "a drone kills three U.S. Army reservists"
            rf"|\bkills\s+{qual}(?P<n5>{NUMBER})(?![\w-])\s*{mod}(?:{people})"
            # "a contractor suffered a cardiac episode while sheltering ... and died"
            rf"|\b(?P<n4>a|an|one)\s+{mod}(?:\w+\s+)?(?:{people})\b[^.;]{{0,80}}?\band\s+died\b"
            rf"|(?:killing|killed)\s+{qual}(?P<n2>{NUMBER})(?![\w-])\s*{mod}(?:(?:{people})|of\s+their\s+members)?"
            rf"|\b(?:the|leaving|left)\s+(?P<n3>{NUMBER})\s+dead\b"
            # "which resulted in the death of a civilian contractor"
            rf"|\b(?:result(?:ed|ing)\s+in|caused|causing|led\s+to|leading\s+to)\s+the\s+deaths?\s+of\s+{qual}(?P<n6>{NUMBER})\s+{mod}(?:{people})", re.I)
        # more people listed after the first: "killing two soldiers and a contractor"
        self.more = re.compile(rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<n>{NUMBER})\s+(?P<np>[^,;.]*)", re.I)
        self.person = re.compile(rf"\b(?:{people}|man|woman|boy|girl|commanders?|leaders?|aides?|companions?|officials?)\b", re.I)
        self.verbish = re.compile(r"\b(?:\w+ing|said|were|was|had|has|have|according)\b", re.I)

    def of(self, text: str) -> tuple[Optional[int], Optional[int]]:
        """(killed, injured) stated in ``text`` about one attack."""
        lex = self.lex
        killed = injured = None
        zb, zk = lex.zero_both.search(text), lex.zero_killed.search(text)
        if zb and not _DISPUTED.search(text, 0, zb.start()):
            killed = injured = 0
        elif zk and not _DISPUTED.search(text, 0, zk.start()):
            killed = 0
        m = self.n_injured.search(text)
        if m:
            n = parse_number(next(g for g in (m.group(k) for k in ("n", "n2", "n3", "n4", "n5", "n6", "n7")) if g))
            if n is not None and n < 1000:
                injured = n + (self._listed(text, m) if m.group("n2") else self._again(text, m))
        lm = self.n_list.search(text)
        if lm:
            total = sum(parse_number(x.group("n").replace("another", "one")) or 0 for x in self.item.finditer(lm.group("list")))
            if re.match(r"(?i)kill|dead|died", lm.group("w")):
                return total, injured
            injured = total
        m = self.n_killed.search(text)
        if m:
            n = parse_number(next(g for g in (m.group(k) for k in ("n", "n2", "n3", "n4", "n5", "n6")) if g))
            if n is not None and n < 1000:
                killed = n + (self._listed(text, m) if m.group("n2") else 0)
        return killed, injured

    def _again(self, text: str, m: re.Match) -> int:
        """"5 contractors injured, and 1 US service member injured": the same toll told again
        for other people, right after the first, adds up."""
        extra = 0
        while m.group("n"):
            nxt = self.n_injured.match(text, m.end() + len(re.match(r"\s*,?\s*(?:and\s+)?", text[m.end():]).group(0)))
            if nxt is None or not nxt.group("n") or (n := parse_number(nxt.group("n"))) is None:
                return extra
            extra, m = extra + n, nxt
        return extra

    def _listed(self, text: str, m: re.Match) -> int:
        """People listed after the first object of "killing"/"wounding": "killing a commander of
        the group and one of his aides" -> +1. A conjunct must start with a number and hold no verb,
        so "killing one and wounding five" adds nothing."""
        pos = m.end()
        nxt = re.search(r"\s+and\s+|\s*,\s*", text[pos:])
        # skip the rest of the first noun phrase ("a senior commander of X")
        if nxt is None or self.verbish.search(text[pos:pos + nxt.start()]):
            return 0
        pos += nxt.start()
        extra = 0
        while True:
            mm = self.more.match(text, pos)
            if not mm:
                return extra
            np_ = mm.group("np")
            cut = re.search(r"\s+and\s+", np_)
            part = np_[:cut.start()] if cut else np_
            n = parse_number(mm.group("n"))
            if re.match(r"\s*of\s+(?:them|whom|those)\b", part):
                return extra  # "four members, two of them officers": a part of those counted
            if n is None or self.verbish.search(mm.group("n") + " " + part) or not part.strip():
                return extra
            if not self.person.search(part):
                return extra  # "killed three soldiers at Tower 22, a small desert outpost": no one more
            extra += n
            pos = mm.start("np") + len(part)
