"""The review tier: events with weak evidence are stored as `proposed`, kept out of the default
record (CLI, export, API, eval) until an analyst confirms them; the threshold is pack data."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, Run
from salvo.errors import ConfigError
from salvo.confidence import FEATURES, assess, features, fit, model_for
from salvo.merge import merge_mentions
from salvo.model import DateSpan, Evidence, PlaceRef
from salvo.packs import PACKS_DIR, DEFAULT_PACK, load_pack
from test_merge_helpers import mention, place, span
from test_web_api import TOKEN, Server, salvo

# Our own invented reports (no news text): one told with a named base and a day, one vague.
STRONG = ("Rockets strike Ain al-Asad air base\n\nOn Tuesday three rockets struck Ain al-Asad air base in"
          " western Iraq, the US-led coalition said. No casualties were reported, a coalition spokesman said.\n")
WEAK = ("Militia says it hit US position\n\nAn armed group said in a statement that its fighters had attacked an"
        " American position in Syria with drones.\n")


def make_pack(tmp_path: Path, review, name: str = "pack") -> Path:
    """The default pack copied, with pack.yaml's ``review`` key set to ``review`` (None: removed).
    A new folder each time: pack files are read once per path."""
    folder = tmp_path / name
    shutil.copytree(PACKS_DIR / DEFAULT_PACK, folder)
    meta = yaml.safe_load((folder / "pack.yaml").read_text(encoding="utf-8"))
    meta.pop("review", None)
    if review is not None:
        meta["review"] = review
    (folder / "pack.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- the pack key


def test_pack_threshold_is_read_from_pack_yaml(tmp_path):
    assert load_pack(str(make_pack(tmp_path, {"propose_below": 0.42}))).propose_below == 0.42
    assert load_pack(str(make_pack(tmp_path, None, "no-review"))).propose_below == 0.0  # no key: the tier is off
    assert 0.0 < load_pack().propose_below < 1.0  # the shipped pack is calibrated (scripts/calibrate.py)


@pytest.mark.parametrize("review", [{"propose_below": "high"}, {"propose_below": 1.5}, {"propose_below": -0.1},
                                    {"propose_below": True}, {"propose_bellow": 0.3}, [0.3], 0.3])
def test_bad_pack_threshold_is_one_clear_error(tmp_path, review):
    folder = make_pack(tmp_path, review)
    with pytest.raises(ConfigError) as exc:
        load_pack(str(folder)).propose_below
    message = str(exc.value)
    assert "\n" not in message and "pack.yaml" in message and "review" in message
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "strong.txt").write_text(STRONG, encoding="utf-8")
    r = Run(tmp_path / "x.db")("--pack", str(folder), "ingest", str(tmp_path / "r"))
    assert r.code == 3 and r.err.count("\n") == 1 and "propose_below" in r.err, r


# --------------------------------------------------------------------------- merging


def test_merge_proposes_events_below_the_threshold():
    strong = mention("a#0", "a", date="2024-01-16", weapon="rocket", confidence=0.8)
    weak = mention("b#0", "b", site=None, place=place(country="Syria"), date=span("2019-01-01", "2024-12-31", 3),
                   confidence=0.3)  # (the mentions' confidence: salvo.confidence.assess)
    events = merge_mentions([strong, weak], sources={}, duplicate_of={}, propose_below=0.5)
    by_article = {e.sources[0].article_id: e for e in events}
    assert by_article["a"].status == "auto" and by_article["b"].status == "proposed"
    assert by_article["b"].confidence < 0.5 <= by_article["a"].confidence
    assert {e.status for e in merge_mentions([strong, weak], sources={}, duplicate_of={})} == {"auto"}


def _said(m, text: str):
    """The mention told by one sentence of our own."""
    return m.replace(evidence=(Evidence(m.article_id, 0, len(text), text, ("event",)),))


def _assessed(*ms):
    return {m.mention_id: m for m in assess(list(ms), load_pack())}


def _told(d: str) -> DateSpan:
    return DateSpan(event_date=d, date_earliest=d, date_latest=d, time_precision=1, text="on Tuesday")


def test_confidence_follows_the_evidence():
    """A named site beats a town beats a region; a day told, the US side named, a claim and an
    outcome raise it; a hedged sentence or a photo caption lowers it (the shipped pack's weights)."""
    base = mention("a#0", "a", date=_told("2024-01-16"))
    site = _said(base, "Rockets struck the base hosting US forces.")
    region = dataclasses.replace(place(admin1="Anbar", country="Iraq"), latitude=33.4, longitude=41.9)
    got = _assessed(site, _said(mention("b#0", "b", site=None, place=region, date=_told("2024-01-16")),
                                "Rockets struck a base hosting US forces in Anbar."))
    assert got["a#0"].confidence > got["b#0"].confidence
    assert "region_only" in got["b#0"].weak_evidence and "no_named_site" in got["b#0"].weak_evidence
    untold = _said(mention("a#0", "a", date=span("2024-01-10", "2024-01-16")), "Rockets struck the base hosting US forces.")
    assert _assessed(untold)["a#0"].confidence < _assessed(site)["a#0"].confidence
    assert "day_not_told" in _assessed(untold)["a#0"].weak_evidence
    no_side = _said(base, "Rockets struck the base.")
    assert _assessed(no_side)["a#0"].confidence < _assessed(site)["a#0"].confidence
    claimed = site.replace(actor1="Islamic Resistance in Iraq", actor1_basis="claimed", outcome="hit")
    assert _assessed(claimed)["a#0"].confidence > _assessed(site)["a#0"].confidence
    assert _assessed(claimed)["a#0"].weak_evidence == ()
    hedged = _said(base, "Rockets reportedly struck the base hosting US forces.")
    caption = _said(base, "Smoke is seen over the base hosting US forces after rockets struck it.")
    for weak, code in ((hedged, "hedged"), (caption, "photo_caption")):
        got = _assessed(weak)["a#0"]
        assert got.confidence < _assessed(site)["a#0"].confidence and code in got.weak_evidence


def test_a_coarser_copy_of_an_attack_at_a_site_is_a_restatement():
    """The "in Anbar" or "in Baghdad" copy of the attack the same report places at a base inside
    it, on a day that fits; never another day, another town, or a site itself."""
    model = model_for(load_pack())
    at_base = mention("a#0", "a", date="2024-01-16")
    region = dataclasses.replace(place(admin1="Anbar", country="Iraq"), latitude=33.4, longitude=41.9)
    same_day = mention("a#1", "a", site=None, place=region, date="2024-01-16")
    other_day = mention("a#2", "a", site=None, place=region, date="2024-01-10")
    ms = [at_base, same_day, other_day]
    assert [features(m, ms, model)["restates"] for m in ms] == [False, True, False]
    # an undated mention at a base never makes a dated one in its region a restatement
    undated = mention("a#3", "a", date=span("2019-01-01", "2024-12-31", 3))
    assert not features(same_day, [undated, same_day], model)["restates"]
    # a town (Baghdad, a gazetteer town) and the airport 14 km from its centre; a town 60 km away
    # is another place unless the text places the site by it ("the airbase near Erbil")
    town = lambda name, lat, lon, admin1: dataclasses.replace(  # noqa: E731
        place(admin1=admin1, country="Iraq", precision=1), location=name, site_id=name.lower(), latitude=lat, longitude=lon)
    airport = mention("b#0", "b", site="baghdad_airport", date="2024-01-16")
    baghdad = mention("b#1", "b", site=None, place=town("Baghdad", 33.3152, 44.3661, "Baghdad"), date="2024-01-16")
    assert features(baghdad, [airport, baghdad], model)["restates"]
    airbase = mention("c#0", "c", site="erbil_airbase", date="2024-01-16")
    far = dict(site=None, place=town("Koya", 36.0833, 44.6333, "Erbil"), date="2024-01-16")
    assert not features(mention("c#1", "c", **far), [airbase, mention("c#1", "c", **far)], model)["restates"]
    by_it = airbase.replace(place_ref=PlaceRef("the airbase", context="near the town of Koya"))
    koya = mention("c#1", "c", place_ref=PlaceRef("Koya"), **far)
    assert features(koya, [by_it, koya], model)["restates"]
    assert "restates_a_site_attack" in assess([by_it, koya], load_pack())[1].weak_evidence


def test_the_fit_recovers_the_sign_of_each_feature():
    """scripts/fit_confidence.py's logistic regression: a feature present on true events gets a
    positive weight, one present on false events a negative one, and the L2 penalty shrinks them."""
    rows = ([({"named_site": True}, True)] * 8 + [({"named_site": True}, False)] * 2
            + [({"hedged": True}, False)] * 6 + [({"hedged": True}, True)] * 2 + [({}, True)] * 5 + [({}, False)] * 5)
    w = fit(rows, ["named_site", "hedged"], l2=0.01)
    assert w["named_site"] > 1.0 and w["hedged"] < -1.0 and abs(w["intercept"]) < 0.1
    shrunk = fit(rows, ["named_site", "hedged"], l2=10.0)
    assert 0 < shrunk["named_site"] < w["named_site"] and w["hedged"] < shrunk["hedged"] < 0
    # without a penalty the fit is the log-odds of each group
    free = fit(rows, ["named_site", "hedged"], l2=0.0)
    assert abs(free["intercept"]) < 1e-6 and abs(free["named_site"] - 1.3863) < 1e-3


def test_pack_weights_are_checked(tmp_path):
    """The model's weights are pack data: an unknown feature is one clear error, a known one is used."""
    folder = make_pack(tmp_path, {"propose_below": 0.3, "evidence": {"attack": {"intercept": 2.0, "nmaed_site": 1.0}}})
    with pytest.raises(ConfigError) as exc:
        load_pack(str(folder)).propose_below
    assert "named_site" in str(exc.value) and "\n" not in str(exc.value)
    folder = make_pack(tmp_path, {"propose_below": 0.3, "evidence": {"attack": {"intercept": 2.0}}}, "flat")
    m = mention("a#0", "a")
    (got,) = assess([m], load_pack(str(folder)))
    assert got.confidence == round(1 / (1 + 2.718281828459045 ** -2.0), 3) and got.weak_evidence == ()
    assert set(load_pack().meta["review"]["evidence"]["attack"]) - {"intercept"} <= set(FEATURES)


def test_the_event_shows_the_weak_evidence_of_its_best_source():
    weak = mention("a#0", "a", confidence=0.4, weak_evidence=("no_named_site",))
    strong = mention("b#0", "b", confidence=0.7, weak_evidence=("day_not_told",))
    (e,) = merge_mentions([weak, strong], sources={}, duplicate_of={})
    assert e.weak_evidence == ("day_not_told",) and e.confidence == round(1 - 0.6 * 0.3, 3)


# --------------------------------------------------------------------------- the record (real SQLite store)


@pytest.fixture()
def reviewed(tmp_path) -> tuple[Run, Path]:
    """Both reports ingested by the full pipeline, with a pack whose threshold sits at 0.5."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "strong.txt").write_text(STRONG, encoding="utf-8")
    (folder / "weak.txt").write_text(WEAK, encoding="utf-8")
    pack = make_pack(tmp_path, {"propose_below": 0.5})
    run = Run(tmp_path / "review.db")
    r = run("--pack", str(pack), "ingest", str(folder), "--published", "2024-01-17")
    assert r.code == 0, r
    return run, pack


def _events(run, *flags) -> dict[str, dict]:
    r = run("events", "--format", "jsonl", *flags)
    assert r.code == 0, r
    return {e["sources"][0]["article_id"]: e for e in map(json.loads, r.out.splitlines())}


def test_proposed_events_are_stored_and_hidden_by_default(reviewed):
    run, _ = reviewed
    everything = _events(run, "--include-proposed")
    assert everything["strong"]["status"] == "auto" and everything["weak"]["status"] == "proposed"
    assert everything["weak"]["confidence"] < 0.5 <= everything["strong"]["confidence"]
    assert set(_events(run)) == {"strong"}
    assert set(_events(run, "--status", "proposed")) == {"weak"}
    table = run("events")
    assert "1 events; 1 proposed events hidden (--include-proposed lists them)" in table.err, table
    assert everything["weak"]["event_id"] not in table.out
    exported = run("export", "--format", "jsonl")
    assert [json.loads(x)["status"] for x in exported.out.splitlines()] == ["auto"]
    both = run("export", "--format", "csv", "--include-proposed")
    assert both.out.count("\n") == 3 and ",proposed," in both.out  # header + two events
    bad = run("export", "--what", "tallies", "--include-proposed")
    assert bad.code == 2 and "--include-proposed" in bad.err


def test_explain_show_and_export_say_why_an_event_is_proposed(reviewed):
    """The analyst sees what lowered a proposed event: in `salvo explain`, `salvo show` and the record."""
    run, pack = reviewed
    weak = _events(run, "--include-proposed")["weak"]
    assert "no_named_site" in weak["weak_evidence"] and "region_only" in weak["weak_evidence"]
    strong = _events(run)["strong"]
    assert "no_named_site" not in strong["weak_evidence"]
    r = run("--pack", str(pack), "explain", "weak")
    assert r.code == 0, r
    line = next(x for x in r.out.splitlines() if "confidence" in x and "lowered by:" in x)
    assert f"confidence {weak['confidence']:.2f}" in line and "no named site" in line
    shown = run("--pack", str(pack), "show", weak["event_id"])
    assert shown.code == 0 and "weak evidence" in shown.out and "only to a province, region or country" in shown.out


def test_confirm_promotes_and_decisions_survive_reprocess(reviewed):
    run, pack = reviewed
    weak = _events(run, "--include-proposed")["weak"]["event_id"]
    assert run("--pack", str(pack), "confirm", weak).code == 0
    assert _events(run)["weak"]["status"] == "confirmed"
    assert run("--pack", str(pack), "reprocess").code == 0
    assert _events(run)["weak"]["status"] == "confirmed"
    assert run("--pack", str(pack), "reject", weak, "--why", "not an attack on US forces").code == 0
    assert run("--pack", str(pack), "reprocess").code == 0
    assert set(_events(run, "--include-proposed")) == {"strong"}
    assert set(_events(run, "--status", "rejected")) == {"weak"}


def test_eval_scores_the_record_or_the_record_plus_proposed(reviewed, tmp_path):
    run, _ = reviewed
    gold = tmp_path / "gold"
    gold.mkdir()
    # our own coding of the vague report: one drone attack somewhere in Syria, day unknown
    (gold / "weak.json").write_text(json.dumps({"published": "2024-01-17", "events": [
        {"kind": "attack", "role": "main", "date": None, "location": "Syria", "country": "Syria", "lat": 35.0,
         "lon": 38.5, "radius_km": 450, "weapon": "drone"}], "tallies": []}), encoding="utf-8")
    r = run("eval", str(gold), "--format", "json")
    assert "1 proposed events left out" in r.err, r
    default = json.loads(r.out)["events"]
    plus = json.loads(run("eval", str(gold), "--format", "json", "--include-proposed").out)["events"]
    assert (default["tp"], default["fn"]) == (0, 1)
    assert (plus["tp"], plus["fn"]) == (1, 0)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_corpus_default_record_keeps_every_event(corpus_db):
    """The shipped threshold proposes no true corpus event: the default record stays at F1 1.00."""
    r = Run(corpus_db)("eval", str(CORPUS / "gold"), "--format", "json")
    assert r.code == 0, r
    assert json.loads(r.out)["events"]["f1"] == 1.0


# --------------------------------------------------------------------------- the API (real server)


@pytest.fixture()
def served(tmp_path, monkeypatch):
    """`salvo ingest` and `salvo serve` (real processes) with a pack whose threshold sits at 0.5."""
    monkeypatch.setenv("SALVO_PACK", str(make_pack(tmp_path, {"propose_below": 0.5})))
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "strong.txt").write_text(STRONG, encoding="utf-8")
    (folder / "weak.txt").write_text(WEAK, encoding="utf-8")
    db = tmp_path / "web.db"
    salvo("ingest", str(folder), "--published", "2024-01-17", db=db)
    srv = Server(db)
    yield srv
    srv.stop()


def test_api_hides_proposed_unless_asked(served):
    with served.client() as http:
        default = http.get("/api/events").json()
        both = http.get("/api/events", params={"include_proposed": "true"}).json()
        assert [e["status"] for e in default["events"]] == ["auto"]
        assert sorted(e["status"] for e in both["events"]) == ["auto", "proposed"]
        weak = next(e for e in both["events"] if e["status"] == "proposed")
        assert "no named site (only a town, region or country)" in weak["weak_evidence_text"]
        detail = http.get(f"/api/events/{weak['event_id']}").json()["event"]
        assert detail["weak_evidence"] == weak["weak_evidence"] and detail["weak_evidence_text"]
        assert http.get("/api/export.jsonl").text.count("\n") == 1
        assert http.get("/api/export.jsonl", params={"include_proposed": "true"}).text.count("\n") == 2
        assert len(http.get("/api/events", params={"status": "proposed"}).json()["events"]) == 1
        assert http.get("/api/events", params={"include_proposed": "maybe"}).status_code == 422
        r = http.post(f"/api/events/{weak['event_id']}/confirm", json={}, headers=served.auth())
        assert r.status_code == 200 and r.json()["event"]["status"] == "confirmed"
        assert len(http.get("/api/events").json()["events"]) == 2


def test_tally_coverage_counts_the_default_record_only():
    from test_coverage import COUNTRIES, event, tally
    from salvo.coverage import coverage

    record = [event("a", "ain_al_asad", "2023-10-18"), event("b", "al_tanf", "2023-10-19")]
    (c,) = coverage([tally("t1", "art1", 13, "2023-10-24")], record, countries=COUNTRIES)
    (p,) = coverage([tally("t1", "art1", 13, "2023-10-24")], record + [event("c", "conoco", "2023-10-19",
                    status="proposed")], countries=COUNTRIES)
    assert c.record_count == p.record_count == 2
