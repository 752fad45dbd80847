"""Gold points of ../shared/corpus are reproduced within their radius.

The corpus is read at test time (never copied): each gold event's location label, with its
country as the extractor's hint, must resolve inside radius_km; and scanning the gold evidence
sentences must find a place inside the radius for every non-optional event named at a site.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salvo.geo import Gazetteer
from salvo.geo.gazetteer import km
from salvo.model import PlaceRef
from salvo.packs import load_pack

GOLD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gold"
EVENTS = [
    (path.stem, i, event)
    for path in sorted(GOLD.glob("*.json"))
    for i, event in enumerate(json.loads(path.read_text(encoding="utf-8"))["events"])
] if GOLD.is_dir() else []

pytestmark = pytest.mark.skipif(not EVENTS, reason="../shared/corpus not present")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(load_pack())


@pytest.mark.parametrize("article,index,event", EVENTS, ids=[f"{a}#{i}" for a, i, _ in EVENTS])
def test_gold_label_within_radius(gaz, article, index, event):
    place = gaz.resolve(PlaceRef(text=event["location"], country_hint=event["country"]))
    assert place.latitude is not None, place
    distance = km(place.latitude, place.longitude, event["lat"], event["lon"])
    assert distance <= event["radius_km"], f"{event['location']!r} -> {place.location} {distance:.0f} km off"


def test_gold_evidence_scan_within_radius(gaz):
    checked = 0
    for _, _, event in EVENTS:
        label = gaz.resolve(PlaceRef(text=event["location"], country_hint=event["country"]))
        if event.get("optional") or label.geo_precision not in (1, 2):
            continue
        found = [f.place for sentence in event["evidence"] for f in gaz.scan(sentence)]
        distances = [km(p.latitude, p.longitude, event["lat"], event["lon"]) for p in found]
        assert distances and min(distances) <= event["radius_km"], event["location"]
        checked += 1
    assert checked >= 10
