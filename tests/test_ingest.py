"""Readers, cleaning, identity and near-duplicates, on the real corpus and our own samples."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3

import pytest

from conftest import CORPUS, SAMPLES, Run
from salvo.ingest.clean import clean_document, norm
from salvo.ingest.readers import iter_documents
from salvo.model import RawDocument
from salvo.store import Store


def _paragraphs(text: str) -> list[str]:
    return [norm(p) for p in text.split("\n\n") if p.strip()]


def _article(db, aid):
    with Store.open(db, create=False) as s:
        return s.article(aid)


def test_corpus_ingest_lists_five_articles(run):
    r = run("ingest", "--no-extract", str(CORPUS / "articles"), "--meta", str(CORPUS / "index.jsonl"))
    assert r.code == 0, r
    assert "5 added" in r.err
    listing = run("articles")
    for aid in ("000_511e80039cd5558d", "001_d0db8f0206703f83", "004_92522f6ea047d03a"):
        assert aid in listing.out
    assert "2023-10-24" in listing.out  # publication date taken from the index


@pytest.mark.parametrize("aid", ["001_d0db8f0206703f83", "004_92522f6ea047d03a"])
def test_repeated_paragraphs_kept_once(corpus_db, aid):
    a = _article(corpus_db, aid)
    paras = _paragraphs(a.text)
    assert len(paras) == len(set(paras)), "a paragraph survived twice"
    dups = [r for r in a.removed if r.kind == "duplicate"]
    assert len(dups) >= 6
    for d in dups:  # the removed copy is still in the text once
        assert paras.count(norm(d.text)) == 1


def test_captions_removed_from_003(corpus_db):
    a = _article(corpus_db, "003_65d1f33240f570a9")
    captions = [r.text for r in a.removed if r.kind == "caption"]
    assert len(captions) == 4  # two photo titles, two credit lines
    assert any(c.endswith("REUTERS") for c in captions) and any(c.endswith("AP") for c in captions)
    for c in captions:
        assert norm(c) not in _paragraphs(a.text)
    assert a.dateline == "WASHINGTON"
    assert not a.text.startswith("WASHINGTON")
    assert {r.kind for r in a.removed} >= {"furniture", "dateline"}


def test_teaser_removed_from_002(corpus_db):
    a = _article(corpus_db, "002_3366279b8b04299e")
    teaser = [r.text for r in a.removed if r.kind == "teaser"]
    assert teaser and teaser[0] == "Check Also" and len(teaser) == 3
    assert "Check Also" not in a.text
    assert "Ethiopia" not in a.text


def test_furniture_removed_from_000(corpus_db):
    a = _article(corpus_db, "000_511e80039cd5558d")
    assert [r.text for r in a.removed] == ["1 min read", "Latest from Blog"]
    assert a.published is None


def test_offsets_map_back_to_raw(corpus_db):
    with Store.open(corpus_db, create=False) as s:
        for a in s.articles():
            for seg in a.segments:
                assert a.text[seg.clean_start : seg.clean_start + seg.length] == a.raw_text[seg.raw_start : seg.raw_start + seg.length]
            mid = len(a.text) // 2
            assert a.raw_text[a.to_raw(mid)] == a.text[mid]
            for r in a.removed:
                if r.raw_start >= 0:
                    assert a.raw_text[r.raw_start : r.raw_end] == r.text


def test_second_ingest_changes_nothing(run):
    args = ("ingest", str(CORPUS / "articles"), "--meta", str(CORPUS / "index.jsonl"))
    assert run(*args).code == 0
    before = sqlite3.connect(run.db).execute("SELECT article_id, content_hash, ingested_at FROM articles ORDER BY 1").fetchall()
    events_before = run("export", "--what", "events").out
    r = run(*args)
    assert r.code == 0 and "0 added" in r.err and "5 unchanged" in r.err
    after = sqlite3.connect(run.db).execute("SELECT article_id, content_hash, ingested_at FROM articles ORDER BY 1").fetchall()
    assert before == after
    assert run("export", "--what", "events").out == events_before


def test_same_text_under_another_name_is_not_added(run, tmp_path):
    src = CORPUS / "articles" / "002_3366279b8b04299e.txt"
    copy = tmp_path / "renamed-copy.txt"
    shutil.copy(src, copy)
    assert run("ingest", "--no-extract", str(src)).code == 0
    r = run("ingest", "--no-extract", str(copy))
    assert r.code == 0 and "same text as stored 002_3366279b8b04299e" in r.err
    with Store.open(run.db) as s:
        assert s.article_ids() == ["002_3366279b8b04299e"]


def test_changed_text_under_same_id_needs_replace(run, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("A title\nRockets hit a base in Anbar on Monday, officials said.\n")
    assert run("ingest", "--no-extract", str(f)).code == 0
    f.write_text("A title\nDrones hit a base in Anbar on Monday, officials said.\n")
    r = run("ingest", "--no-extract", str(f))
    assert r.code == 1 and "--replace" in r.err
    assert "Rockets" in _article(run.db, "story").text
    assert run("ingest", "--no-extract", "--replace", str(f)).code == 0
    assert "Drones" in _article(run.db, "story").text


def test_near_duplicates_are_linked_not_dropped(run):
    r = run("ingest", "--no-extract", str(SAMPLES / "jsonl"))
    assert r.code == 0, r
    with Store.open(run.db) as s:
        links = s.links()
        ids = s.article_ids()
    assert "courier-2023-10-20-tanf-conoco" in ids and "sentinel-2023-10-20-syria-bases" in ids
    assert [o for o, _ in links["sentinel-2023-10-20-syria-bases"]] == ["courier-2023-10-20-tanf-conoco"]
    # unrelated stories are not linked
    assert "sports-2023-10-22-baghdad-derby" not in links
    exported = [json.loads(l) for l in run("export", "--what", "articles").out.splitlines()]
    dup = {a["article_id"]: a["duplicate_of"] for a in exported}
    assert dup["sentinel-2023-10-20-syria-bases"] == "courier-2023-10-20-tanf-conoco"


def test_samples_noise_is_cleaned():
    docs = {d.doc_id: d for d in iter_documents([str(SAMPLES / "txt"), str(SAMPLES / "html")])}
    a = clean_document(docs["2023-10-24-al-asad-rockets"])
    assert len(_paragraphs(a.text)) == len(set(_paragraphs(a.text)))
    assert sum(r.kind == "duplicate" for r in a.removed) == 5
    assert a.dateline == "BAGHDAD (AP)"
    b = clean_document(docs["2023-11-13-shaddadi-rumalyn-claims"])
    assert [r.kind for r in b.removed].count("teaser") >= 2 and "Check Also" not in b.text
    h = clean_document(docs["tower-22-drone-attack"])
    assert h.published == "2024-01-28" and h.url and h.url.startswith("https://")
    assert "cookies" not in h.text and "Related articles" not in h.text
    assert any("cookies" in r.text for r in h.removed if r.kind == "page")  # recorded, not lost
    late = clean_document(docs["ain-al-asad-lull-analysis"])
    assert late.published == "2024-03-05"  # from the visible byline: no date meta in that page


def test_windows_1252_is_decoded_not_mangled():
    (doc,) = [d for d in iter_documents([str(SAMPLES / "txt" / "cp1252-report.txt")])]
    assert doc.encoding == "cp1252"
    assert "é" in doc.raw_text and "\ufffd" not in doc.raw_text


def test_bad_inputs_reported_and_rest_stored(run, tmp_path):
    good = tmp_path / "first.txt"
    good.write_text("Earlier report\nTwo rockets struck near a base in Anbar on Monday, police said.\n")
    assert run("ingest", "--no-extract", str(good)).code == 0
    before = sqlite3.connect(run.db).execute("SELECT * FROM articles").fetchall()

    bad = tmp_path / "batch"
    shutil.copytree(SAMPLES / "bad", bad)
    (bad / "gone.txt").symlink_to(tmp_path / "does-not-exist.txt")
    locked = bad / "locked.txt"
    locked.write_text("Locked\nBody text of a report nobody may read.\n")
    locked.chmod(0)
    r = run("ingest", "--no-extract", str(bad))
    assert r.code == 1
    errors = [l for l in r.err.splitlines() if l.startswith("salvo: ")]
    assert any("binary.pdf" in l for l in errors)
    assert any("empty.txt: empty file" in l for l in errors)
    assert any("truncated.jsonl:3: truncated line" in l for l in errors)
    assert any("gone.txt: cannot read" in l for l in errors)
    with Store.open(run.db) as s:
        ids = s.article_ids()
    # the good file, both valid lines of the truncated JSONL, and (unless we run as root) not the locked one
    assert {"first", "good", "bad-batch-1", "bad-batch-2"} <= set(ids)
    if os.geteuid() != 0:
        assert any("locked.txt: cannot read" in l for l in errors)
    # nothing stored before was lost or changed
    after = sqlite3.connect(run.db).execute("SELECT * FROM articles WHERE article_id='first'").fetchall()
    assert after == before
    assert sqlite3.connect(run.db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_stdin_and_defaults(tmp_path):
    import io

    from salvo.cli import main

    line = json.dumps({"id": "s1", "text": "Three rockets hit near a base in Anbar, officials said."})
    out, err = io.StringIO(), io.StringIO()
    db = tmp_path / "x.db"
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(line + "\n")
    try:
        code = main(["--db", str(db), "ingest", "--no-extract", "-", "--published", "2023-11-02", "--outlet", "Wire"],
                    out=out, err=err)
    finally:
        sys.stdin = old
    assert code == 0, err.getvalue()
    a = _article(db, "s1")
    assert a.published == "2023-11-02" and a.published_source == "option" and a.outlet == "Wire"


def test_killed_ingest_leaves_database_usable(tmp_path):
    """Kill an ingest half-way: what was committed stays, and a re-run completes the batch."""
    import signal
    import subprocess
    import sys
    import time

    batch = tmp_path / "many.jsonl"
    with batch.open("w") as fh:
        for i in range(400):
            fh.write(json.dumps({"id": f"a{i:04d}", "text": f"Report {i}: a convoy was hit by an IED near town {i} "
                                 f"on day {i}, officials said, in paragraph number {i * 7}."}) + "\n")
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "salvo", "--db", str(db), "-q", "ingest", "--no-extract", str(batch)]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    # wait until some articles are committed, then kill without warning
    while time.time() < deadline:
        if db.exists():
            try:
                n = sqlite3.connect(db, timeout=1).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                n = 0
            if n >= 20:
                break
        time.sleep(0.02)
    assert p.poll() is None, "the ingest finished before it could be killed: make the batch bigger"
    p.send_signal(signal.SIGKILL)
    p.wait()
    stored = sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 20 <= stored < 400  # killed half-way
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 400


def test_a_txt_page_opening_with_blank_lines_takes_its_first_line_with_text_as_title(tmp_path):
    (tmp_path / "blank-top.txt").write_text("\n  \nRockets fall near a base\n\nThree rockets fell near the base on Monday.\n",
                                            encoding="utf-8")
    (tmp_path / "empty.txt").write_text("\n \n\n", encoding="utf-8")
    items = list(iter_documents([str(tmp_path / "blank-top.txt"), str(tmp_path / "empty.txt")]))
    doc, err = items
    assert doc.title == "Rockets fall near a base"
    article = clean_document(doc)
    assert article.title == "Rockets fall near a base"
    assert "Rockets fall near a base" not in article.text and "Three rockets fell" in article.text
    assert "empty.txt" in err.source_path and "empty" in err.message


def test_a_txt_page_with_no_headline_keeps_its_lead_paragraph_as_body():
    lead = ("Two rockets struck a logistics base used by coalition troops near the airport late on Tuesday, "
            "officials said, adding that nobody was hurt and that damage to the hangars was light.")
    headline = "Rockets strike a base near the airport"
    for first, title in ((f" date 2022-05-04 {lead}", None), (headline, headline)):
        doc = RawDocument(doc_id="x", raw_text=f"{first}\nA second paragraph of our own.\n", source_path="x.txt",
                          format="txt", title=first.strip())
        article = clean_document(doc)
        assert article.title == title
        assert ("Two rockets struck" in article.text) == (title is None)
        assert "2022-05-04" not in article.text  # the scraped date prefix is still metadata
        assert "A second paragraph" in article.text


def test_a_bare_place_and_a_colon_before_the_first_sentence_is_a_dateline():
    raw = ("Militia claims drones on bases\n\nMosul: A militia said on Monday that its fighters had flown "
           "drones at two bases used by US forces in Syria.\n")
    art = clean_document(RawDocument(doc_id="d", raw_text=raw, source_path="d.txt", format="txt",
                                     title="Militia claims drones on bases"))
    assert art.dateline == "Mosul"
    assert art.text.split("\n")[-1].startswith("A militia said")
    # a label before a colon is no place
    raw2 = ("A headline here\n\nUpdate: A militia said on Monday that its fighters had flown drones at two "
            "bases used by US forces in Syria.\n")
    art2 = clean_document(RawDocument(doc_id="e", raw_text=raw2, source_path="e.txt", format="txt", title="A headline here"))
    assert art2.dateline is None


@pytest.mark.parametrize("opening,dateline", [
    ("4 Mar 2021; NNA: ", "4 Mar 2021; NNA"),
    ("Mar 4, 2021 (AFP) - ", "Mar 4, 2021 (AFP)"),
    ("March 4, 2021: ", None),  # a timeline entry's day heads its own sentence: no agency, no dateline
])
def test_a_date_and_an_agency_label_before_the_story_is_a_dateline(opening, dateline):
    raw = f"Rockets near Erbil\n\n{opening}Rockets fell near the airport in Erbil overnight, officials said on Thursday.\n"
    art = clean_document(RawDocument(doc_id="d", raw_text=raw, source_path="d.txt", format="txt",
                                     title="Rockets near Erbil"))
    assert art.dateline == dateline
    assert art.text.split("\n")[-1].startswith("Rockets fell") == (dateline is not None)
