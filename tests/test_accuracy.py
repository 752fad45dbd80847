"""Accuracy gate: each gold set ingested into a real SQLite store the way ``salvo ingest`` does it,
and the stored events scored as ``salvo eval`` scores them, with floors that only go up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS

from salvo.evaluate import ingest_for_scoring, score, system_from_store
from salvo.extract import load_nlp
from salvo.packs import load_pack
from salvo.pipeline import Processor
from salvo.store import Store

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
FLOORS = json.loads((HERE / "accuracy_floors.json").read_text())


def _nlp():
    """The spaCy pipeline ``salvo ingest`` uses, or None where the model is not installed."""
    try:
        return load_nlp()
    except (ImportError, OSError):
        return None


# Both paths are scored: the product's (``salvo ingest`` adds spaCy's entities to the rules) and
# the rules alone (what a worker without the model runs). Loading the model costs ~1 s per run.
PATHS = ["ner", "rules"]


class _RulesOnly(Processor):
    """The product's processor without spaCy's entities (the rules alone)."""

    nlp = None


def _run(index: Path, base: Path, gold: Path, nlp=None, *, tmp: Path, pack_name: str | None = None):
    """Ingest the set into a fresh store through salvo.pipeline.ingest, score what it stores."""
    pack = load_pack(pack_name) if pack_name else load_pack()
    process = Processor(pack) if nlp is not None else _RulesOnly(pack)
    store = Store.open(tmp / "gate.db")
    try:
        ingest_for_scoring(index, base, store, process)
        return score(system_from_store(store), gold)
    finally:
        store.close()


def _check(report, floors):
    got = report.metrics()
    low = {k: (round(got[k] or 0, 3), v) for k, v in floors.items()
           if not k.startswith("_") and (got.get(k) or 0) + 1e-9 < v}
    assert not low, f"below floor (got, floor): {low}\n{report.to_text()}"


def _path_nlp(path):
    if path == "rules":
        return None
    nlp = _nlp()
    if nlp is None:
        pytest.skip("spaCy model not installed")
    return nlp


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
@pytest.mark.parametrize("path", PATHS)
def test_corpus_floors(path, tmp_path):
    r = _run(CORPUS / "index.jsonl", CORPUS, CORPUS / "gold", _path_nlp(path), tmp=tmp_path)
    _check(r, FLOORS["corpus"])
    # the targets, independent of the floors
    assert r.events.f1 >= 0.90 and r.tallies.f1 >= 0.90 and r.accuracy("date") >= 0.90


@pytest.mark.skipif(not (FIXTURES / "gold").is_dir(), reason="fixture set not present")
@pytest.mark.parametrize("path", PATHS)
def test_fixture_floors(path, tmp_path):
    r = _run(FIXTURES / "reports" / "index.jsonl", FIXTURES / "reports", FIXTURES / "gold", _path_nlp(path),
             tmp=tmp_path)
    _check(r, FLOORS["fixtures"])


@pytest.mark.skipif(not (FIXTURES / "heldout").is_dir(), reason="held-out set not present")
@pytest.mark.parametrize("path", PATHS)
def test_heldout_floors(path, tmp_path):
    """Reports written apart from the rules. Since the generalisation round (salvo/extract/NOTES.md)
    this first held-out set is a development set too; tests/fixtures/heldout2 is the next honest
    measure."""
    h = FIXTURES / "heldout"
    _check(_run(h / "reports" / "index.jsonl", h / "reports", h / "gold", _path_nlp(path), tmp=tmp_path),
           FLOORS["heldout"])


@pytest.mark.skipif(not (FIXTURES / "heldout2").is_dir(), reason="second held-out set not present")
def test_heldout2_floors(tmp_path):
    """The second held-out set, written after round 2; a development set since round 3 (NOTES.md)."""
    h = FIXTURES / "heldout2"
    _check(_run(h / "reports" / "index.jsonl", h / "reports", h / "gold", _path_nlp("ner"), tmp=tmp_path),
           FLOORS["heldout2"])


@pytest.mark.skipif(not (FIXTURES / "heldout3").is_dir(), reason="third held-out set not present")
def test_heldout3_floors(tmp_path):
    """The third held-out set, written after round 3; a development set since round 4 (NOTES.md,
    a precision pass). The next held-out set is the honest measure."""
    h = FIXTURES / "heldout3"
    _check(_run(h / "reports" / "index.jsonl", h / "reports", h / "gold", _path_nlp("ner"), tmp=tmp_path),
           FLOORS["heldout3"])


@pytest.mark.skipif(not (FIXTURES / "heldout4").is_dir(), reason="fourth held-out set not present")
def test_heldout4_floors(tmp_path):
    """Never tuned on: it chose between extractor versions once. The estimate for unseen reports."""
    h = FIXTURES / "heldout4"
    _check(_run(h / "reports" / "index.jsonl", h / "reports", h / "gold", _path_nlp("ner"), tmp=tmp_path),
           FLOORS["heldout4"])


RED_SEA = FIXTURES / "red_sea"


@pytest.mark.skipif(not (RED_SEA / "gold").is_dir(), reason="Red Sea fixture set not present")
@pytest.mark.parametrize("path", PATHS)
def test_red_sea_fixture_floors(path, tmp_path):
    """The Red Sea fixture reports (our own words) through the pack red_sea_shipping, scored with
    the sea fields too (ship name, outcome, placed within 50 km)."""
    r = _run(RED_SEA / "reports" / "index.jsonl", RED_SEA / "reports", RED_SEA / "gold", _path_nlp(path),
             tmp=tmp_path, pack_name="red_sea_shipping")
    _check(r, FLOORS["red_sea_fixtures"])
