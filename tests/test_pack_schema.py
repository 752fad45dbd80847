"""The pack schema (salvo/packs/files.py): a pack that does not fit is one clear error at load time,
exit 3, naming file, key and fix; `salvo pack new` writes a skeleton that passes the check and runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import Run

from salvo.errors import ConfigError
from salvo.packs import DEFAULT_PACK, PACKS_DIR, load_pack
from salvo.packs.files import FILES

REPORT = ("Rockets hit Ain al-Asad air base\n"
          "On Tuesday three rockets struck Ain al-Asad air base in western Iraq, a spokesman said.\n")


def _copy(tmp_path: Path, name: str = "p") -> Path:
    folder = tmp_path / name
    shutil.copytree(PACKS_DIR / DEFAULT_PACK, folder)
    return folder


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_every_shipped_pack_fits_its_schema():
    packs = [p for p in PACKS_DIR.iterdir() if (p / "pack.yaml").is_file()]
    assert packs
    for folder in packs:
        load_pack(str(folder))  # raises on a misfit


@pytest.mark.parametrize("filename, change, key", [
    ("lexicon.yaml", lambda d: d.pop("trigger_verbs"), "trigger_verbs"),              # missing
    ("lexicon.yaml", lambda d: d.update(trigger_verb=["fired"]), "trigger_verb"),      # unknown (misspelt)
    ("lexicon.yaml", lambda d: d.update(claim_cues="claimed"), "claim_cues"),          # mistyped
    ("lexicon.yaml", lambda d: d["outcome"].update(hit=["(unclosed"]), "outcome.hit"),  # bad regex
    ("pack.yaml", lambda d: d.update(countries="IQ"), "countries"),
    ("actors.yaml", lambda d: d["actors"][0].update(side="attacker"), "actors[0].side"),
    ("weapons.yaml", lambda d: d["weapons"][0].pop("category"), "weapons[0].category"),
])
def test_a_misfit_key_is_one_error_naming_file_and_key(tmp_path, filename, change, key):
    folder = _copy(tmp_path)
    _edit_yaml(folder / filename, change)
    with pytest.raises(ConfigError) as exc:
        load_pack(str(folder))
    message = str(exc.value)
    assert "\n" not in message and filename in message and f"{key}" in message.split(filename, 1)[1], message
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REPORT, encoding="utf-8")
    r = Run(tmp_path / "x.db")("--pack", str(folder), "ingest", str(tmp_path / "in"))
    assert r.code == 3 and r.err.count("\n") == 1 and filename in r.err, r  # one line, not one per article
    r = Run(tmp_path / "x.db")("pack", "check", str(folder))
    assert r.code == 3 and key in r.err, r


def test_a_misfit_csv_row_names_line_and_column(tmp_path):
    folder = _copy(tmp_path)
    with open(folder / "sites.csv", "a", encoding="utf-8") as fh:
        fh.write("x_site,X base,base,Iraq,IQ,Anbar,north,42.0,,\n")
    r = Run(tmp_path / "x.db")("pack", "check", str(folder))
    assert r.code == 3 and "sites.csv" in r.err and "'lat'" in r.err and "line" in r.err, r


def test_an_unknown_file_is_named(tmp_path):
    folder = _copy(tmp_path)
    (folder / "weapon.yaml").write_text("weapons: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="weapon.yaml"):
        load_pack(str(folder))


def test_pack_new_writes_a_documented_skeleton_that_checks_and_runs(tmp_path):
    run = Run(tmp_path / "x.db")
    r = run("pack", "new", "my_theater", "--dir", str(tmp_path))
    assert r.code == 0, r
    folder = tmp_path / "my_theater"
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    text = (folder / "lexicon.yaml").read_text(encoding="utf-8")
    for key, spec in FILES["lexicon.yaml"].spec.keys.items():
        assert f"# {spec.help}" in text and key in text  # every key documented
    assert run("pack", "check", str(folder)).code == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REPORT, encoding="utf-8")
    r = run("--pack", str(folder), "ingest", str(tmp_path / "in"))
    assert r.code == 0, r  # an empty theater finds nothing, and says so without failing
    assert run("pack", "new", "my_theater", "--dir", str(tmp_path)).code == 3  # never overwrites


def test_no_pack_key_is_left_unread():
    """Keys the code read nowhere were removed; the shipped pack's keys are exactly the schema's."""
    lex = yaml.safe_load((PACKS_DIR / DEFAULT_PACK / "lexicon.yaml").read_text(encoding="utf-8"))
    for gone in ("injury_words", "death_words"):
        assert gone not in lex
    assert "failed" not in lex["outcome"] and "what" not in lex["tally"]
    meta = yaml.safe_load((PACKS_DIR / DEFAULT_PACK / "pack.yaml").read_text(encoding="utf-8"))
    assert "key_dates" not in meta


# --------------------------------------------------------------------------- theater data, one db


def _report_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    (d / "a.txt").write_text(REPORT, encoding="utf-8")
    return d


def test_acled_inter_codes_come_from_the_pack(tmp_path):
    folder = _copy(tmp_path, "us_forces_iraq_syria")  # same name: its events are this pack's
    _edit_yaml(folder / "pack.yaml", lambda d: d.update(acled_inter={"attack": [2, 7], "response": [7, 2]}))
    run = Run(tmp_path / "x.db")
    assert run("--pack", str(folder), "ingest", str(_report_dir(tmp_path))).code == 0
    r = run("--pack", str(folder), "export", "--format", "csv")
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert rows and all((x["inter1"], x["inter2"], x["interaction"]) == ("2", "7", "27") for x in rows if x["kind"] == "attack")


def test_aircraft_rule_is_pack_data(tmp_path):
    """"Jets struck a depot": a response where only the responding side flies aircraft; where the
    pack says both sides do, the code no longer decides it."""
    from salvo.extract import extract_article
    from salvo.model import Article

    text = "Jets struck a weapons depot\nFighter jets struck a weapons depot near Abu Kamal, Syria, on Tuesday.\n"
    art = Article(article_id="j", title=None, text=text, raw_text=text, published="2024-02-06")
    kinds = {m.kind for m in extract_article(art, load_pack()).mentions}
    assert kinds == {"response"}
    folder = _copy(tmp_path)
    _edit_yaml(folder / "pack.yaml", lambda d: d.update(aircraft_flown_by=["responder", "attacker"]))
    assert "response" not in {m.kind for m in extract_article(art, load_pack(str(folder))).mentions}


def test_each_event_records_its_pack_and_commands_filter_by_it(tmp_path):
    other = _copy(tmp_path, "second_theater")
    run = Run(tmp_path / "x.db")
    assert run("ingest", str(_report_dir(tmp_path))).code == 0
    b = tmp_path / "in2"
    b.mkdir()
    (b / "b.txt").write_text(REPORT.replace("Tuesday", "Wednesday"), encoding="utf-8")
    assert run("--pack", str(other), "ingest", str(b)).code == 0
    import json
    events = [json.loads(x) for x in run("export").out.splitlines()]
    assert {e["pack"] for e in events} == {DEFAULT_PACK, "second_theater"}
    # the same attack told to two theaters is two events: theaters never merge
    assert all(len(e["sources"]) == 1 for e in events)
    mine = [json.loads(x) for x in run("--pack", str(other), "export").out.splitlines()]
    assert mine and {e["pack"] for e in mine} == {"second_theater"}
    assert run("events", "--pack", str(other)).out.count("\n") < run("events").out.count("\n")


def test_span_finding_knows_the_geocoders_aliases_and_towns():
    """One place layer: every alias and town the geocoder reads from place_aliases.csv, and every
    geonames town (one population cut-off), is a name extraction finds as a span."""
    from salvo.extract.lexicon import lexicon_for, name_key
    from salvo.geo.gazetteer import geonames_cities

    pack = load_pack()
    known = lexicon_for(pack).places[1]
    rows = [r for r in pack.table("place_aliases.csv") if r["kind"] in ("alias", "town")]
    assert rows and all(name_key(r["phrase"]) in known for r in rows if len(name_key(r["phrase"])) >= 3)
    towns = geonames_cities(frozenset(pack.meta["countries"]))
    assert towns and sum(name_key(t["name"]).replace("'", "") in known for t in towns) >= 0.9 * len(towns)


def test_a_point_told_by_distance_and_bearing_is_placed_there_where_the_pack_says_so(tmp_path):
    """Events at sea are told as "about 100 nautical miles west of Hodeidah": with the pack's
    place_offsets on, the event is at that point (precision 2, the named place's country); off (the
    shipped pack), at the place named."""
    import json

    from salvo.geo.earth import km

    report = ("Rockets hit a convoy west of Baghdad\n"
              "On Tuesday rockets struck a US convoy about 30 nautical miles west of Baghdad, officials said.\n")
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(report, encoding="utf-8")
    folder = _copy(tmp_path, "offsets")
    _edit_yaml(folder / "pack.yaml", lambda m: m.update(place_offsets=True))
    got = {}
    for name, pack in (("on", str(folder)), ("off", DEFAULT_PACK)):
        run = Run(tmp_path / f"{name}.db")
        assert run("--pack", pack, "ingest", "--published", "2024-01-10", str(d)).code == 0
        got[name] = [json.loads(x) for x in run("--pack", pack, "export").out.splitlines()]
    baghdad = (33.3152, 44.3661)
    on = got["on"][0]
    assert on["country"] == "Iraq" and on["geo_precision"] == 2
    assert abs(km(on["latitude"], on["longitude"], *baghdad) - 30 * 1.852) < 1.0
    assert on["longitude"] < baghdad[1]  # west
    off = got["off"][0]
    assert km(off["latitude"], off["longitude"], *baghdad) < 1.0


SHIP_REPORTS = {
    "a": "Drone fired at US destroyer\nIran-backed militias fired a drone at the destroyer USS Mason about 40 nautical"
         " miles southeast of Basra on Tuesday, US officials said. The drone was shot down.\n",
    "b": "Navy ship targeted\nA drone launched by militias targeted USS Mason, a US Navy destroyer, some 60 km"
         " south-east of Basra on Tuesday, the Pentagon said.\n",
    "c": "Second warship targeted\nMilitias fired a drone at the destroyer USS Gravely about 40 nautical miles"
         " southeast of Basra on Tuesday, officials said.\n",
}


def test_ships_are_targets_and_one_ship_one_day_is_one_event(tmp_path):
    """With a pack that knows ships: the vessel's name and type come from the text; two outlets
    giving one ship different positions on one day are one event; another ship is another event;
    the ACLED notes and the GeoJSON carry the vessel."""
    import csv
    import io
    import json

    folder = _copy(tmp_path, "ships")
    _edit_yaml(folder / "pack.yaml", lambda m: m.update(place_offsets=True))
    _edit_yaml(folder / "lexicon.yaml", lambda lx: lx.update(
        ships={"types": ["destroyer", "tanker", "bulk carrier"], "prefixes": ["USS", "M/V"], "not_names": ["The"]}))
    d = tmp_path / "in"
    d.mkdir()
    for k, text in SHIP_REPORTS.items():
        (d / f"{k}.txt").write_text(text, encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("--pack", str(folder), "ingest", "--published", "2024-01-10", str(d)).code == 0
    events = [json.loads(x) for x in run("--pack", str(folder), "export").out.splitlines()]
    by_ship = {e["ship"]["name"]: e for e in events if e["ship"]}
    assert set(by_ship) == {"Mason", "Gravely"}, events
    assert sorted(s["article_id"] for s in by_ship["Mason"]["sources"]) == ["a", "b"]
    assert by_ship["Mason"]["ship"]["type"] == "destroyer" and by_ship["Mason"]["country"] == "Iraq"
    rows = list(csv.DictReader(io.StringIO(run("--pack", str(folder), "export", "--format", "csv").out)))
    assert any("Vessel: Mason (destroyer)" in r["notes"] for r in rows)
    assert all(r["event_id_cnty"].startswith("IRQ") for r in rows)
    geo = json.loads(run("--pack", str(folder), "export", "--format", "geojson").out)
    assert {f["properties"]["ship"]["name"] for f in geo["features"] if f["properties"]["ship"]} == {"Mason", "Gravely"}


def test_several_responding_parties(tmp_path):
    """responding_side as a list: a response naming one of the parties is coded to it."""
    from salvo.extract import extract_article
    from salvo.model import Article

    text = ("Coalition strikes near al-Qaim\nCoalition forces struck militia positions near al-Qaim, Iraq, on Tuesday"
            " in response to the rocket attacks, officials said.\n")
    art = Article(article_id="c", title=None, text=text, raw_text=text, published="2024-02-07")
    one = [m.actor1 for m in extract_article(art, load_pack()).mentions if m.kind == "response"]
    assert one == ["Military Forces of the United States"]
    folder = _copy(tmp_path)
    _edit_yaml(folder / "pack.yaml", lambda d: d.update(
        responding_side=["Military Forces of the United States", "Coalition forces"]))
    several = [m.actor1 for m in extract_article(art, load_pack(str(folder))).mentions if m.kind == "response"]
    assert several == ["Coalition forces"]


def test_the_gazetteer_is_a_service_passed_in(tmp_path):
    """The processor geocodes with the gazetteer it is given (here one whose sites moved)."""
    from salvo.geo import Gazetteer
    from salvo.model import Article
    from salvo.pipeline import Processor

    folder = _copy(tmp_path, "moved")
    rows = (folder / "sites.csv").read_text(encoding="utf-8").replace("33.7856,42.4411", "30.0000,40.0000")
    (folder / "sites.csv").write_text(rows, encoding="utf-8")
    art = Article(article_id="a", title=None, text=REPORT, raw_text=REPORT, published="2024-01-10")
    default = Processor(load_pack())(art).mentions
    moved = Processor(load_pack(), gazetteer=Gazetteer.load(load_pack(str(folder))))(art).mentions
    assert default and moved
    assert (default[0].place.latitude, moved[0].place.latitude) == (33.7856, 30.0)


RED_SEA = {  # our own words
    "s1": "Houthis strike bulk carrier off Yemen\nHouthi forces fired two anti-ship ballistic missiles at the Marshall"
          " Islands-flagged bulk carrier Sea Lark about 70 nautical miles southeast of Aden on Tuesday, US Central"
          " Command said. One missile hit the ship and started a fire; no crew were hurt.\n",
    "s2": "Ship hit in Gulf of Aden\nThe Sea Lark, a Marshall Islands-flagged bulk carrier, was struck by a missile"
          " roughly 60 nautical miles south-east of Aden on Tuesday, the UK maritime agency said. The Houthis claimed"
          " responsibility.\n",
    "s3": "Drone boat targets tanker near Hodeidah\nAn explosive-laden drone boat struck the tanker Blue Pelican about"
          " 50 nautical miles west of Hodeidah on Tuesday, officials said. The Houthis claimed the attack.\n",
}


def test_the_red_sea_starter_pack_codes_attacks_at_sea(tmp_path):
    """The second theater is a folder of data: ships, positions off a coast, the coast's country,
    one event per ship and day across outlets."""
    import json

    d = tmp_path / "in"
    d.mkdir()
    for k, text in RED_SEA.items():
        (d / f"{k}.txt").write_text(text, encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("--pack", "red_sea_shipping", "ingest", "--published", "2024-03-06", str(d)).code == 0
    events = {e["ship"]["name"]: e for e in map(json.loads, run("--pack", "red_sea_shipping", "export").out.splitlines())}
    assert set(events) == {"Sea Lark", "Blue Pelican"}
    lark, pelican = events["Sea Lark"], events["Blue Pelican"]
    assert sorted(s["article_id"] for s in lark["sources"]) == ["s1", "s2"]
    assert lark["ship"] == {"name": "Sea Lark", "flag": "Marshall Islands", "type": "bulk carrier"}
    assert (lark["country"], lark["geo_precision"], lark["weapon"], lark["event_date"]) == ("Yemen", 2, "missile", "2024-03-05")
    assert lark["latitude"] < 12.78 and lark["longitude"] > 45.02  # southeast of Aden, at sea
    assert pelican["weapon"] == "usv" and pelican["longitude"] < 42.95  # west of Hodeidah
    assert all(e["actor1"] == "Ansar Allah (Houthis)" and e["pack"] == "red_sea_shipping" for e in events.values())


def test_reprocessing_one_theater_leaves_the_others_reports_alone(tmp_path):
    import json

    us, sea = tmp_path / "us", tmp_path / "sea"
    us.mkdir()
    sea.mkdir()
    (us / "a.txt").write_text(REPORT, encoding="utf-8")
    (sea / "s3.txt").write_text(RED_SEA["s3"], encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("ingest", "--published", "2024-01-10", str(us)).code == 0
    assert run("--pack", "red_sea_shipping", "ingest", "--published", "2024-03-06", str(sea)).code == 0
    before = sorted(e["pack"] for e in map(json.loads, run("export").out.splitlines()))
    assert before == sorted([DEFAULT_PACK, "red_sea_shipping"])
    assert run("--pack", "red_sea_shipping", "reprocess").code == 0
    assert sorted(e["pack"] for e in map(json.loads, run("export").out.splitlines())) == before


def test_an_edit_to_another_packs_weapon_survives_re_application(tmp_path):
    import json

    sea = tmp_path / "sea"
    sea.mkdir()
    (sea / "s3.txt").write_text(RED_SEA["s3"], encoding="utf-8")
    run = Run(tmp_path / "x.db")
    assert run("--pack", "red_sea_shipping", "ingest", "--published", "2024-03-06", str(sea)).code == 0
    eid = json.loads(run("export").out.splitlines()[0])["event_id"]
    assert run("--pack", "red_sea_shipping", "edit", eid, "weapon=drone", "--why", "photo").code == 0
    assert run("--pack", "red_sea_shipping", "edit", eid, "weapon=usv", "--why", "second look").code == 0
    assert json.loads(run("export").out.splitlines()[0])["weapon"] == "usv"
    assert run("edit", eid, "weapon=usv", "--why", "x").code == 2  # not a weapon of the US-forces pack
