"""How one place in a clause situates another: "Baghdad's International Zone" (a possessive owns the
place after it), "a base in the countryside of Hasakah" (the town a countryside belongs to).

Used by the clause stages (clause_stages.py) after places are found, before targets are chosen.
"""

from __future__ import annotations

import re

from salvo.extract.places import Place


_POSSESSIVE = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,3}$")


def possessives_situate(text: str, places: list[Place]) -> list[Place]:
    """"Baghdad's heavily fortified Green Zone", "Anbar's Ain al-Asad": a town or area in the
    possessive situates the place it owns; it is no target of its own."""
    out = []
    for i, p in enumerate(places):
        q = places[i + 1] if i + 1 < len(places) else None
        if q is not None and p.head.kind in ("town", "admin1", "region") \
                and _POSSESSIVE.match(text, p.head.end, q.head.start) and not p.context:
            q.context.append(p.head)
            q.country_hint = q.country_hint or p.country_hint or p.head.country
            q.ctx_text = q.ctx_text or "in " + p.head.text
            continue
        out.append(p)
    return out


# "Harir US occupation base": a few modifiers between a site's name and its noun, no function word
_OWN_NOUN = re.compile(r"\s*(?:(?!(?:and|or|but|near|in|at|of|to|on|from|by|with|a|an|the|another|other|then|while|as)\b)[\w'-]+\s+){0,3}", re.I)
_COUNTRYSIDE = re.compile(r"[\w\s-]{0,40}?\b(?:in|on)\s+the\s+(?:\w+\s+)?(?:countryside|outskirts|suburbs|environs|vicinity)\s+of\s+(?:the\s+)?$", re.I)


def countryside_situates(text: str, places: list[Place]) -> list[Place]:
    """"the Kharab al-Jir US base in the countryside of al-Hasakah": the town or area whose
    countryside holds a named site situates it; it is no target of its own."""
    out: list[Place] = []
    for p in places:
        cur = next((q for q in reversed(out) if q.head.kind in ("site", "named_facility")), None)
        if cur is not None and not p.origin and p.head.kind == "generic" and out[-1] is cur \
                and _OWN_NOUN.fullmatch(text, cur.head.end, p.head.start):
            # "the Harir US occupation base in Erbil": the site's own noun (a facility word the
            # geocoder may need beside a short name: "the K1 US airbase")
            cur.context += [h for h in p.context if h.kind != "generic"]
            cur.country_hint = cur.country_hint or p.country_hint
            cur.admin1_hint = cur.admin1_hint or p.admin1_hint
            cur.ctx_text = cur.ctx_text or " ".join(x for x in (p.head.text, p.ctx_text.strip()) if x)
            continue
        if cur is not None and p.head.kind in ("town", "admin1", "region") and not p.origin \
                and _COUNTRYSIDE.match(text, cur.head.end, p.head.start):
            cur.context.append(p.head)
            cur.country_hint = cur.country_hint or p.country_hint or p.head.country
            continue
        out.append(p)
    return out


def site_named_elsewhere(drafts: list, hits: list) -> None:
    """"a drone struck a small US outpost in Jordan ... the number of troops at Tower 22 is not
    known": a facility told only by its country takes the one gazetteer site of that country the
    report names elsewhere, when no other event of the report is at a site. ``hits`` are the
    report's place spans (offsets into the whole text); drafts are changed in place."""
    if any(d.place.head.kind == "site" for d in drafts):
        return
    for d in drafts:
        country = d.place.country_hint or d.place.head.country
        if d.kind != "attack" or d.summary or d.place.head.kind != "generic" or not country \
                or any(h.kind not in ("country", "region") for h in d.place.context) or d.place.admin1_hint:
            continue
        sites = {h.key: h for h in hits if h.kind == "site" and h.key and h.country == country}
        if len(sites) != 1:
            continue
        site = next(iter(sites.values()))
        d.place = Place(site, [d.place.head], country_hint=country, ctx_text=d.place.ctx_text)
        d.base = 0
