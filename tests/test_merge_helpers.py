"""Builders for merge / override / coverage tests (no tests here): Mentions straight from the dataclasses."""

from __future__ import annotations

from salvo.model import DateSpan, Evidence, Mention, Place, Source

SITES = {
    # site_id: (country, admin1, lat, lon) -- pack coordinates, rounded
    "ain_al_asad": ("Iraq", "Anbar", 33.7856, 42.4411),
    "taqaddum_airbase": ("Iraq", "Anbar", 33.3394, 43.5900),
    "erbil_airbase": ("Iraq", "Erbil", 36.2376, 43.9632),
    "baghdad_airport": ("Iraq", "Baghdad", 33.2625, 44.2346),
    "baghdad_diplomatic_support_center": ("Iraq", "Baghdad", 33.2700, 44.2450),
    "al_tanf": ("Syria", "Homs", 33.5058, 38.6178),
    "conoco": ("Syria", "Deir ez-Zor", 35.3361, 40.3094),
    "green_village": ("Syria", "Deir ez-Zor", 35.0000, 40.5300),
    "tower_22": ("Jordan", "Mafraq", 33.3000, 38.6900),
}


def place(site: str | None = None, *, admin1: str | None = None, country: str | None = None,
          precision: int | None = None) -> Place:
    if site is not None:
        c, a, lat, lon = SITES[site]
        return Place(location=site.replace("_", " ").title(), site_id=site, admin1=a, country=c,
                     latitude=lat, longitude=lon, geo_precision=precision or 1)
    return Place(location=admin1 or country, admin1=admin1, country=country, geo_precision=precision or 3)


def day(d: str) -> DateSpan:
    return DateSpan(event_date=d, date_earliest=d, date_latest=d, time_precision=1)


def span(lo: str, hi: str, precision: int = 2) -> DateSpan:
    return DateSpan(event_date=None, date_earliest=lo, date_latest=hi, time_precision=precision)


def mention(mid: str, article: str, *, site: str | None = "ain_al_asad", date: DateSpan | str = "2023-10-18",
            kind: str = "attack", **kw) -> Mention:
    if isinstance(date, str):
        date = day(date)
    p = kw.pop("place", None) or place(site)
    ev = kw.pop("evidence", None)
    if ev is None:
        ev = (Evidence(article, 0, 10, f"sentence of {mid}", ("event",)),)
    return Mention(mention_id=mid, article_id=article, kind=kind, date=date, place=p, evidence=ev, **kw)


def source(article: str, published: str | None, outlet: str = "outlet") -> Source:
    return Source(article_id=article, url=f"https://example.org/{article}", outlet=outlet, published=published)
