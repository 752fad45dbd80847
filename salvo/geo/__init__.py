"""Geocoding: the theater's gazetteer and the resolver that turns PlaceRefs into Places.

    gaz = Gazetteer.load(pack)          # cached per pack folder
    place = gaz.resolve(mention.place_ref, dateline=article.dateline, text=sentence)
    resolve_text(gaz, "al-Asaf airbase")  # for the CLI and tests
"""

from .gazetteer import Gazetteer, Site
from .resolver import Found, resolve_text

__all__ = ["Found", "Gazetteer", "Site", "resolve_text"]
