"""The JSON API of `salvo serve`, against a real server process on a temporary database.

The database is filled the way a user fills it: invented reports (written here, no news text) go
through `salvo ingest`. The extraction-dependent part is pinned down by storing hand-made mentions
whose evidence offsets point into the clean texts ingest stored, then re-merging; a separate test
runs the full pipeline (with extraction) and checks the API serves what `salvo events` lists.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

TOKEN = "test-token-0123456789"

# Invented reports: (id, title, outlet, published, url, text)
REPORTS = [
    ("wire-asad-0105", "Rockets strike Ain al-Asad air base in western Iraq", "Wire Service", "2024-01-05",
     "https://news.example/wire-asad-0105",
     "BAGHDAD - Four rockets struck Ain al-Asad air base in western Iraq on Friday, two security officials said.\n\n"
     "No injuries were reported among the troops at the base, the officials said.\n\n"
     "The Islamic Resistance in Iraq claimed the attack in a statement on its channel."),
    ("daily-asad-0105", "Militia rockets hit base hosting US troops", "Daily Courier", "2024-01-05",
     "https://courier.example/asad",
     "Five rockets hit Ain al-Asad air base on Friday morning, according to a local official.\n\n"
     "A statement from the Islamic Resistance in Iraq said its fighters carried out the strike."),
    ("erbil-drone-0107", "Drone downed near Erbil air base", "Regional Desk", "2024-01-07",
     "https://regional.example/erbil",
     "ERBIL - Air defences shot down a drone approaching Erbil air base on Sunday, the regional counter-terrorism "
     "service said.\n\nThere was no damage and no casualties, the service said."),
    ("tanf-drone-0110", "Two hurt as drone hits al-Tanf garrison", "Frontline Post", "2024-01-10",
     "https://frontline.example/tanf",
     "A one-way attack drone struck the al-Tanf garrison in southern Syria on Wednesday, wounding two service "
     "members, a defense official said.\n\nThe official blamed Kata'ib Hezbollah for the attack."),
    ("hostile-0112", "<script>alert(1)</script>", "Unknown Blog", "2024-01-12", "javascript:alert(3)",
     "Rockets landed near al-Shaddadi base in Syria on Friday <img src=x onerror=alert(2)>, a monitor said.\n\n"
     "Nobody was hurt, according to the monitor."),
    ("tower-0128", "Three US soldiers killed in drone attack in Jordan", "Capital Times", "2024-01-29",
     "https://capital.example/tower22",
     "WASHINGTON - Three American soldiers were killed and dozens wounded when a drone struck Tower 22, a small "
     "outpost in northeastern Jordan, on Sunday, officials said.\n\n"
     "The Pentagon said militias had attacked US forces 165 times since Oct. 17, including 66 times in Iraq."),
]

SITES = {  # site_id: (location, admin1, country, iso, lat, lon)
    "ain_al_asad": ("Ain al-Asad Air Base", "Anbar", "Iraq", "IQ", 33.7856, 42.4411),
    "erbil_airbase": ("Erbil Air Base", "Erbil", "Iraq", "IQ", 36.2376, 43.9632),
    "al_tanf": ("al-Tanf Garrison", "Homs", "Syria", "SY", 33.5058, 38.6178),
    "shaddadi": ("<b>al-Shaddadi</b> base", "Al-Hasakah", "Syria", "SY", 36.05, 40.73),
    "tower_22": ("Tower 22", "Mafraq", "Jordan", "JO", 33.30, 38.69),
}

# (article, sentence that is the evidence, site, date, weapon, munitions, actor, basis, killed, injured, outcome)
MENTIONS = [
    ("wire-asad-0105", "Four rockets struck Ain al-Asad air base in western Iraq on Friday", "ain_al_asad",
     "2024-01-05", "rocket", 4, "Islamic Resistance in Iraq", "claimed", None, 0, "hit"),
    ("daily-asad-0105", "Five rockets hit Ain al-Asad air base on Friday morning", "ain_al_asad",
     "2024-01-05", "rocket", 5, "Islamic Resistance in Iraq", "claimed", None, None, "hit"),
    ("erbil-drone-0107", "Air defences shot down a drone approaching Erbil air base on Sunday", "erbil_airbase",
     "2024-01-07", "drone", 1, None, "unknown", 0, 0, "intercepted"),
    ("tanf-drone-0110", "A one-way attack drone struck the al-Tanf garrison in southern Syria on Wednesday",
     "al_tanf", "2024-01-10", "drone", 1, "Kata'ib Hezbollah", "attributed", None, 2, "damage"),
    ("hostile-0112", "Rockets landed near al-Shaddadi base in Syria on Friday <img src=x onerror=alert(2)>",
     "shaddadi", "2024-01-12", "rocket", None, "<i>Saraya</i>", "claimed", None, 0, "no_damage"),
    ("tower-0128", "Three American soldiers were killed and dozens wounded when a drone struck Tower 22",
     "tower_22", "2024-01-28", "drone", 1, "Islamic Resistance in Iraq", "attributed", 3, None, "hit"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def salvo(*args: str, db: Path, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "salvo", "--db", str(db), *args], capture_output=True, text=True,
                          timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"salvo {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


def write_reports(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "reports.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for aid, title, outlet, published, url, text in REPORTS:
            fh.write(json.dumps({"id": aid, "title": title, "outlet": outlet, "published": published, "url": url,
                                 "text": text}, ensure_ascii=False) + "\n")
    return path


def seed_events(db: Path) -> None:
    """Store one mention per report (evidence offsets into the stored clean text) and a tally; re-merge."""
    from salvo.model import DateSpan, Evidence, Extraction, Mention, Place, Tally
    from salvo.pipeline import rebuild_events
    from salvo.store import Store

    with Store.open(db, create=False) as store:
        for i, (aid, sentence, site, date, weapon, n, actor, basis, killed, injured, outcome) in enumerate(MENTIONS):
            text = store.article(aid).text
            start = text.index(sentence)
            loc, admin1, country, iso, lat, lon = SITES[site]
            m = Mention(
                mention_id=f"{aid}#m0", article_id=aid, kind="attack",
                date=DateSpan(event_date=date, date_earliest=date, date_latest=date, time_precision=1),
                sub_event_type="Air/drone strike" if weapon == "drone" else "Shelling/artillery/missile attack",
                weapon=weapon, munitions=n, actor1=actor, actor1_basis=basis,
                actor2="Military Forces of the United States", target=loc,
                place=Place(location=loc, site_id=site, admin1=admin1, country=country, iso=iso, latitude=lat,
                            longitude=lon, geo_precision=1),
                killed=killed, injured=injured, outcome=outcome,
                evidence=(Evidence(aid, start, start + len(sentence), sentence, ("event",)),), confidence=0.7,
            )
            tallies = ()
            if aid == "tower-0128":
                sentence2 = "militias had attacked US forces 165 times since Oct. 17"
                s2 = text.index(sentence2)
                tallies = (Tally(tally_id=f"{aid}#t0", article_id=aid, what="attacks", count=165, since="2023-10-17",
                                 as_of="2024-01-28", breakdown={"Iraq": 66}, speaker="Pentagon",
                                 evidence=(Evidence(aid, s2, s2 + len(sentence2), sentence2, ("tally",)),)),)
            store.put_extraction(Extraction(article_id=aid, relevant=True, mentions=(m,), tallies=tallies))
        rebuild_events(store)


def build_db(tmp: Path) -> Path:
    db = tmp / "web.db"
    salvo("ingest", "--no-extract", str(write_reports(tmp / "reports")), db=db)
    seed_events(db)
    return db


class Server:
    def __init__(self, db: Path, token: str = TOKEN):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = token
        self.log = open(db.parent / f"serve-{self.port}.log", "w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "salvo", "--db", str(db), "serve", "--port", str(self.port), "--token", token],
            stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "SALVO_AUTHOR": "web-tester"})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"salvo serve exited {self.proc.returncode}: {self.output()}")
            try:
                httpx.get(self.url + "/api/status", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError("salvo serve did not answer within 30 s: " + self.output())

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kw)

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    srv = Server(build_db(tmp_path_factory.mktemp("web")))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def http(server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


def events_of(http, **params) -> list[dict]:
    r = http.get("/api/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return r.json()["events"]


def event_at(http, site: str) -> dict:
    (e,) = [e for e in events_of(http, status="all") if e["site_id"] == site]
    return e


# --------------------------------------------------------------------------- reads


def test_start_up_prints_url_and_token(server):
    out = server.output()
    assert f"http://127.0.0.1:{server.port}/" in out
    assert f"write token {TOKEN}" in out


def test_events_merge_reports_and_keep_the_contract(http):
    evs = events_of(http)
    assert len(evs) == 5  # two reports of the Ain al-Asad attack are one event
    asad = [e for e in evs if e["site_id"] == "ain_al_asad"][0]
    assert {s["article_id"] for s in asad["sources"]} == {"wire-asad-0105", "daily-asad-0105"}
    for key in ("event_id", "kind", "event_date", "weapon", "munitions", "actor1", "actor1_basis", "latitude",
                "longitude", "killed", "injured", "outcome", "sources", "evidence", "confidence", "status"):
        assert key in asad
    assert any(c["field"] == "munitions" for c in asad["conflicts"])


@pytest.mark.parametrize("params, sites", [
    ({"country": "Syria"}, {"al_tanf", "shaddadi"}),
    ({"country": "JO"}, {"tower_22"}),
    ({"weapon": "drone"}, {"erbil_airbase", "al_tanf", "tower_22"}),
    ({"from": "2024-01-07", "to": "2024-01-10"}, {"erbil_airbase", "al_tanf"}),
    ({"actor": "kata'ib"}, {"al_tanf"}),
    ({"site": "tower_22"}, {"tower_22"}),
    ({"kind": "response"}, set()),
    ({"article": "daily-asad-0105"}, {"ain_al_asad"}),
])
def test_event_filters(http, params, sites):
    assert {e["site_id"] for e in events_of(http, **params)} == sites


def test_sort_and_pagination(http):
    r = http.get("/api/events", params={"sort": "-date", "limit": 2, "offset": 1}).json()
    assert r["total"] == 5 and len(r["events"]) == 2
    all_desc = [e["event_date"] for e in events_of(http, sort="-date")]
    assert all_desc == sorted(all_desc, reverse=True)
    assert [e["event_date"] for e in r["events"]] == all_desc[1:3]
    countries = [e["country"] for e in events_of(http, sort="country")]
    assert countries == sorted(countries)


@pytest.mark.parametrize("params", [{"from": "last week"}, {"weapon": "catapult"}, {"status": "maybe"},
                                    {"sort": "nonsense"}, {"kind": "raid"}, {"limit": -1}])
def test_bad_filters_are_told_not_ignored(http, params):
    r = http.get("/api/events", params=params)
    assert r.status_code in (400, 422)
    assert r.json()["detail"]


def test_event_detail_has_evidence_in_context(http):
    asad = event_at(http, "ain_al_asad")
    r = http.get(f"/api/events/{asad['event_id']}")
    assert r.status_code == 200
    d = r.json()
    assert d["event"]["event_id"] == asad["event_id"]
    assert len(d["sources"]) == 2 and len(d["mentions"]) == 2
    for s in d["sources"]:
        assert s["text"] and s["title"]
        for ev in s["evidence"]:
            assert ev["located"] == "exact"
            assert s["text"][ev["start"]:ev["end"]] == ev["text"]
    assert d["history"] == []


def test_unknown_ids_are_404(http):
    assert http.get("/api/events/ev-nope").status_code == 404
    assert http.get("/api/articles/nope").status_code == 404
    assert "no event" in http.get("/api/events/ev-nope").json()["detail"]


def test_tallies_with_coverage(http):
    ts = http.get("/api/tallies").json()["tallies"]
    assert len(ts) == 1
    t = ts[0]
    assert t["count"] == 165 and t["what"] == "attacks"
    assert t["record_count"] is not None and t["record_count"] >= 1
    assert "ratio" in t


def test_sites_articles_facets(http):
    sites = http.get("/api/sites").json()["sites"]
    asad = [s for s in sites if s["site_id"] == "ain_al_asad"][0]
    assert asad["events"] == 1 and asad["latitude"] == pytest.approx(33.7856)
    arts = http.get("/api/articles").json()
    assert arts["total"] == len(REPORTS)
    hostile = [a for a in arts["articles"] if a["article_id"] == "hostile-0112"][0]
    assert hostile["title"] == "<script>alert(1)</script>" and hostile["events"] == 1
    one = http.get("/api/articles/tower-0128").json()
    assert "Tower 22" in one["text"] and len(one["events"]) == 1
    f = http.get("/api/facets").json()
    assert {x["value"] for x in f["countries"]} == {"Iraq", "Syria", "Jordan"}
    assert "killed" in f["editable"] and f["date_min"] == "2024-01-05"


def test_exports_follow_the_filter(http):
    r = http.get("/api/export.csv", params={"country": "Syria"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.text.strip().splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year,") and len(lines) == 3
    g = http.get("/api/export.geojson", params={"weapon": "drone"})
    assert g.headers["content-type"].startswith("application/geo+json")
    fc = g.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3
    assert all(f["geometry"]["type"] == "Point" for f in fc["features"])
    j = http.get("/api/export.jsonl").text.strip().splitlines()
    assert len(j) == 5 and json.loads(j[0])["event_id"]


def test_openapi_and_offline_docs(http):
    spec = http.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/tallies", "/api/sites", "/api/articles",
                 "/api/articles/{article_id}", "/api/export.csv", "/api/export.geojson",
                 "/api/events/{event_id}/reject", "/api/events/{event_id}/split"):
        assert path in spec["paths"], path
    docs = http.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower() and "http://" not in docs.text and "https://" not in docs.text
    assert http.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_pages_are_served_with_a_strict_csp(http):
    for path in ("/", "/map", "/timeline", "/table", "/review", "/articles", "/event/x", "/article/x", "/docs"):
        r = http.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "<script>" not in r.text  # every script is a file: nothing inline
    for asset in ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js", "chartjs/chart.umd.min.js",
                  "countries.geojson"):
        assert http.get(f"/static/vendor/{asset}").status_code == 200, (
            f"{asset} missing: run `npm ci --ignore-scripts && python scripts/build_web_assets.py`")


def test_foreign_host_header_is_refused(http):
    # DNS rebinding: a page on evil.example that resolves to 127.0.0.1 must not read the API
    assert http.get("/api/events", headers={"Host": "evil.example"}).status_code == 400


def test_a_busy_port_is_a_clear_error(server, tmp_path):
    other = tmp_path / "other.db"  # serve needs an existing database and a token of 16+ characters
    salvo("ingest", "--no-extract", str(write_reports(tmp_path / "r")), db=other)
    proc = salvo("serve", "--port", str(server.port), "--token", TOKEN, db=other, check=False)
    assert proc.returncode == 2
    assert f"cannot listen on 127.0.0.1:{server.port}" in proc.stderr and "--port" in proc.stderr


def test_binding_beyond_localhost_needs_public(tmp_path):
    proc = salvo("serve", "--host", "0.0.0.0", "--port", "1", db=tmp_path / "x.db", check=False)
    assert proc.returncode == 2 and "--public" in proc.stderr


# --------------------------------------------------------------------------- writes


def test_writes_need_the_token(server, http):
    e = event_at(http, "erbil_airbase")
    url = f"/api/events/{e['event_id']}/reject"
    assert http.post(url, json={"why": "x"}).status_code == 401
    assert http.post(url, json={"why": "x"}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert http.post(url, json={"why": "x"}, headers={"Authorization": TOKEN}).status_code == 401
    assert event_at(http, "erbil_airbase")["status"] == "auto"


def test_confirm_edit_and_history(server, http):
    e = event_at(http, "tower_22")
    base = f"/api/events/{e['event_id']}"
    r = http.post(base + "/confirm", json={"why": "checked against CENTCOM"}, headers=server.auth())
    assert r.status_code == 200, r.text
    assert r.json()["event"]["status"] == "confirmed"
    r = http.post(base + "/edit", json={"field": "injured", "value": "40", "why": "CENTCOM update"},
                  headers=server.auth())
    assert r.status_code == 200, r.text
    assert r.json()["event"]["injured"] == 40 and r.json()["value"] == 40
    bad = http.post(base + "/edit", json={"field": "killed", "value": "many", "why": "x"}, headers=server.auth())
    assert bad.status_code == 400 and "killed" in bad.json()["detail"]
    nope = http.post(base + "/edit", json={"field": "sources", "value": "x", "why": "x"}, headers=server.auth())
    assert nope.status_code == 400
    hist = http.get(base).json()["history"]
    assert [(h["action"], h["field"], h["value"], h["author"]) for h in hist] == [
        ("confirm", None, None, "web-tester"), ("edit", "injured", 40, "web-tester")]


def test_edit_is_the_same_override_as_the_cli(server, http):
    e = event_at(http, "al_tanf")
    http.post(f"/api/events/{e['event_id']}/edit", json={"field": "weapon", "value": "Missile", "why": "photo"},
              headers=server.auth()).raise_for_status()
    from salvo.store import Store

    db = Path(server.proc.args[server.proc.args.index("--db") + 1])
    with Store.open(db, create=False) as store:
        (o,) = store.overrides(e["event_id"])
    assert (o.action, o.field, o.value, o.reason, o.author) == ("edit", "weapon", "missile", "photo", "web-tester")


def test_reject_hides_the_event(server, http):
    e = event_at(http, "erbil_airbase")
    url = f"/api/events/{e['event_id']}/reject"
    assert http.post(url, json={}, headers=server.auth()).status_code == 422  # a reason is required
    r = http.post(url, json={"why": "not an attack: air defence test"}, headers=server.auth())
    assert r.status_code == 200 and r.json()["event"]["status"] == "rejected"
    assert e["event_id"] not in {x["event_id"] for x in events_of(http)}
    assert e["event_id"] in {x["event_id"] for x in events_of(http, status="rejected")}
    assert "erbil" not in http.get("/api/export.csv").text.lower()


def test_split_then_merge_back(server, http):
    asad = event_at(http, "ain_al_asad")
    base = f"/api/events/{asad['event_id']}"
    mid = [m for m in asad["mention_ids"] if m.startswith("daily")]
    assert http.post(base + "/split", json={"mention_ids": asad["mention_ids"], "why": "x"},
                     headers=server.auth()).status_code == 400
    r = http.post(base + "/split", json={"mention_ids": mid, "why": "different attack"}, headers=server.auth())
    assert r.status_code == 200, r.text
    new_id = r.json()["new_event_id"]
    split_off = http.get(f"/api/events/{new_id}")
    assert split_off.status_code == 200
    assert [s["article_id"] for s in split_off.json()["event"]["sources"]] == ["daily-asad-0105"]
    assert len(http.get(base).json()["event"]["sources"]) == 1
    r = http.post(base + "/merge", json={"other": new_id, "why": "same attack after all"}, headers=server.auth())
    assert r.status_code == 200, r.text
    assert len(r.json()["event"]["sources"]) == 2
    assert http.post(base + "/merge", json={"other": "ev-missing", "why": "x"},
                     headers=server.auth()).status_code == 404


# --------------------------------------------------------------------------- the full pipeline


def test_real_ingest_is_served_as_salvo_events_lists_it(tmp_path):
    try:
        from salvo.extract import extract_article  # noqa: F401
    except ImportError:
        pytest.skip("extraction (salvo.extract.extract_article) is not there yet")
    db = tmp_path / "real.db"
    salvo("ingest", str(write_reports(tmp_path / "in")), db=db)
    listed = [json.loads(line) for line in salvo("events", "--format", "jsonl", db=db).stdout.splitlines()]
    srv = Server(db)
    try:
        with srv.client() as c:
            got = events_of(c)
            assert sorted(e["event_id"] for e in got) == sorted(e["event_id"] for e in listed)
            for e in got:
                d = c.get(f"/api/events/{e['event_id']}").json()
                for s in d["sources"]:
                    for ev in s["evidence"]:
                        assert ev["located"] in ("exact", "moved")
    finally:
        srv.stop()
