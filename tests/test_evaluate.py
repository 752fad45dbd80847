"""The scoring rule of DESIGN.md on hand-made gold and system dicts."""

import json

from salvo.evaluate import score


def gold_file(tmp_path, aid, events, tallies=()):
    d = tmp_path / "gold"
    d.mkdir(exist_ok=True)
    (d / f"{aid}.json").write_text(json.dumps({"events": list(events), "tallies": list(tallies)}))
    return d


G1 = {"kind": "attack", "date": "2023-11-06", "country": "Iraq", "lat": 33.8, "lon": 42.44, "radius_km": 35,
      "weapon": "drone", "munitions_count": 3, "killed": None, "injured": 0, "perpetrator_basis": "claimed",
      "optional": False, "location": "base", "evidence": ["x"]}


def sysev(**kw):
    e = {"kind": "attack", "event_date": "2023-11-06", "country": "Iraq", "latitude": 33.9, "longitude": 42.5,
         "weapon": "drone", "munitions": 3, "killed": None, "injured": 0, "actor1_basis": "claimed",
         "evidence": [{"text": "y"}]}
    e.update(kw)
    return e


def test_match_and_fields(tmp_path):
    g = gold_file(tmp_path, "a", [G1])
    r = score({"a": {"events": [sysev(munitions=2)], "tallies": []}}, g)
    assert (r.events.tp, r.events.fp, r.events.fn) == (1, 0, 0)
    assert r.accuracy("munitions") == 0.0 and r.accuracy("date") == 1.0
    assert r.field_errors[0]["field"] == "munitions"


def test_distance_country_kind_and_date_window(tmp_path):
    g = gold_file(tmp_path, "a", [G1])
    far = sysev(latitude=36.2, longitude=44.0)  # Erbil: ~300 km away
    assert score({"a": {"events": [far]}}, g).events.tp == 0
    assert score({"a": {"events": [sysev(country="Syria")]}}, g).events.tp == 0
    assert score({"a": {"events": [sysev(kind="response")]}}, g).events.tp == 0
    assert score({"a": {"events": [sysev(event_date="2023-11-07")]}}, g).events.tp == 1
    assert score({"a": {"events": [sysev(event_date="2023-11-08")]}}, g).events.tp == 0
    assert score({"a": {"events": [sysev(event_date=None)]}}, g).events.tp == 1  # unknown date: no veto


def test_greedy_closest_date_first(tmp_path):
    g2 = dict(G1, date="2023-11-07")
    g = gold_file(tmp_path, "a", [G1, g2])
    r = score({"a": {"events": [sysev(event_date="2023-11-07"), sysev(event_date="2023-11-06")]}}, g)
    assert (r.events.tp, r.events.fp, r.events.fn) == (2, 0, 0)
    assert r.accuracy("date") == 1.0


def test_optional_gold_neither_counts(tmp_path):
    g = gold_file(tmp_path, "a", [dict(G1, optional=True)])
    assert (score({"a": {"events": [sysev()]}}, g).events.fp, score({"a": {"events": []}}, g).events.fn) == (0, 0)


def test_false_alarm_in_a_negative_article(tmp_path):
    g = gold_file(tmp_path, "neg", [])
    r = score({"neg": {"events": [sysev()]}}, g)
    assert r.events.fp == 1 and r.false_alarms[0]["article_id"] == "neg"
    assert r.events.precision == 0.0


def test_tallies_match_on_what_count_and_as_of(tmp_path):
    gt = {"what": "attacks", "count": 38, "as_of": "2023-11-06", "evidence": "e"}
    g = gold_file(tmp_path, "a", [], [gt])
    ok = {"what": "attacks", "count": 38, "as_of": "2023-11-08"}
    late = {"what": "attacks", "count": 38, "as_of": "2023-11-20"}
    assert score({"a": {"tallies": [ok]}}, g).tallies.tp == 1
    r = score({"a": {"tallies": [late, {"what": "injured", "count": 38}]}}, g)
    assert (r.tallies.tp, r.tallies.fp, r.tallies.fn) == (0, 2, 1)
    assert "misses" in r.to_dict() and "tallies" in r.to_text()


def test_responses_are_scored_apart_from_attacks(tmp_path):
    resp = dict(G1, kind="response", weapon="air_strike", perpetrator_basis="claimed")
    g = gold_file(tmp_path, "a", [G1, resp])
    # a response the gold does not code is a false response, never a false attack
    r = score({"a": {"events": [sysev(), sysev(kind="response"), sysev(kind="response", country="Syria")]}}, g)
    assert (r.events.tp, r.events.fp, r.events.fn) == (1, 0, 0)
    assert (r.responses.tp, r.responses.fp, r.responses.fn) == (1, 1, 0)
    assert r.metrics()["event_f1"] == 1.0 and r.metrics()["response_f1"] < 1.0
    assert [a["kind"] for a in r.false_alarms] == ["response"] and not r.false_alarms[0]["scored"]
    assert "responses" in r.to_text() and r.to_dict()["responses"]["fp"] == 1
    # field accuracy counts the attack pair only
    assert r.fields["weapon"] == (1, 1)
    # both kinds in the headline when asked
    both = score({"a": {"events": [sysev(), sysev(kind="response")]}}, g, kinds=("attack", "response"))
    assert (both.events.tp, both.events.fp) == (2, 0)


def test_events_from_negative_reports_are_counted_apart(tmp_path):
    d = tmp_path / "gold"
    d.mkdir()
    (d / "neg.json").write_text(json.dumps({"kind": "negative", "events": [], "tallies": []}))
    (d / "att.json").write_text(json.dumps({"kind": "attack", "events": [G1], "tallies": []}))
    r = score({"neg": {"events": [sysev(), sysev(event_date="2023-11-01")]},
               "att": {"events": [sysev(), sysev(country="Syria")]}}, d)
    assert r.negatives == (1, 2)  # the attack report's stray event is a false alarm, not a negative's
    assert r.events.fp == 3
    assert r.to_dict()["negatives"] == {"reports": 1, "events": 2}
    assert "attacks extracted from them 2" in r.to_text()


def test_gold_without_an_article_is_all_misses_and_articles_without_gold_are_ignored(tmp_path):
    g = gold_file(tmp_path, "a", [G1])
    r = score({"other": {"events": [sysev()]}}, g)  # "a" was never ingested; "other" has no gold
    assert (r.events.tp, r.events.fp, r.events.fn) == (0, 0, 1)
    assert r.articles == 1


SEA = {"kind": "attack", "date": "2024-01-26", "country": None, "coast": "Yemen", "lat": 12.077, "lon": 45.708,
       "radius_km": 25, "weapon": "missile", "munitions_count": None, "killed": 0, "injured": 0,
       "perpetrator_basis": "claimed", "optional": False, "location": "60 nm southeast of Aden",
       "ship_name": "MV Sea Lark", "outcome": "hit", "evidence": ["x"]}


def test_an_event_at_sea_matches_on_its_coast_and_is_scored_on_ship_outcome_and_position(tmp_path):
    g = gold_file(tmp_path, "a", [SEA])
    near = sysev(event_date="2024-01-26", country="Yemen", latitude=12.1, longitude=45.75, weapon="missile",
                 munitions=None, killed=0, ship={"name": "Sea Lark", "flag": None, "type": "tanker"}, outcome="hit")
    r = score({"a": {"events": [near]}}, g)
    assert r.events.tp == 1
    # the prefix is no part of the name; 5 km from the told position is within 50 km
    assert (r.accuracy("ship_name"), r.accuracy("outcome"), r.accuracy("placed_50km")) == (1.0, 1.0, 1.0)
    assert score({"a": {"events": [dict(near, country="Djibouti")]}}, g).events.tp == 0  # another coast
    wrong = dict(near, ship={"name": "Other Star"}, outcome="intercepted")
    r = score({"a": {"events": [wrong]}}, g)
    assert (r.accuracy("ship_name"), r.accuracy("outcome")) == (0.0, 0.0)
    # a whole sea with several coasts (coast null): the country is not compared
    whole = dict(SEA, coast=None, lat=16.0, lon=41.0, radius_km=600)
    r = score({"a": {"events": [dict(near, latitude=15.0, longitude=42.0)]}}, gold_file(tmp_path, "a", [whole]))
    assert r.events.tp == 1 and "placed_50km" not in r.fields  # a wide area is no told position


def test_gold_without_sea_facts_gets_no_sea_fields(tmp_path):
    r = score({"a": {"events": [sysev()]}}, gold_file(tmp_path, "a", [G1]))
    assert not {"ship_name", "outcome", "placed_50km"} & (set(r.fields) | set(r.metrics()))
    assert "ship_name" not in r.to_text() and "ship_name" not in r.to_dict()["fields"]


def test_a_merged_events_field_error_names_the_report_whose_gold_gives_the_value(tmp_path):
    # one event told by two reports: a gives no toll (gold null), b tells 2 killed (gold 2)
    g = gold_file(tmp_path, "a", [dict(G1, killed=None, injured=None)])
    gold_file(tmp_path, "b", [dict(G1, killed=2, injured=5)])
    ev = sysev(event_id="e1", killed=2, injured=4, sources=[{"article_id": "a"}, {"article_id": "b"}])
    r = score({"a": {"events": [ev], "tallies": []}, "b": {"events": [ev], "tallies": []}}, g)
    errs = {(e["article_id"], e["field"]): e for e in r.field_errors}
    assert r.accuracy("killed") == 0.5  # the score is the same: each report's own gold
    assert errs[("a", "killed")]["merged_with"] == ["b"]
    assert errs[("a", "killed")]["other_gold_agrees"] == ["b"]
    # 4 injured is in no report's gold: an error no merged report explains
    assert "other_gold_agrees" not in errs[("a", "injured")]
    assert "other_gold_agrees" not in errs[("b", "injured")]
    assert "the gold of b gives this value" in r.to_text()
