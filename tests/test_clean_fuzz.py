"""Cleaning and reading never crash on hostile input, and the offset map always holds."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from salvo.ingest.clean import clean_document
from salvo.ingest.readers import decode, read_jsonl_lines
from salvo.model import RawDocument, ReadError

LINES = st.sampled_from([
    "Check Also", "1 min read", "Read more: other story", "Photo: someone", "A caption without a stop",
    "Rockets hit the base. REUTERS", "ERBIL, Kurdistan Region - Drones struck the airport on Monday.",
    "Three rockets were fired at the base on Tuesday, officials said.", "", "   ", "…", "Related:",
    "BAGHDAD (AP) — A drone was shot down.", "We use cookies to improve your experience.",
])
TEXT = st.lists(st.one_of(LINES, st.text(min_size=0, max_size=80)), min_size=0, max_size=25).map("\n".join)


def _after_title_line(raw: str) -> int:
    """Where a .txt body starts: after the first line holding anything but blanks and a BOM."""
    at = 0
    for line in raw.split("\n"):
        at += len(line) + 1
        if line.strip().strip("\ufeff").strip():
            return min(at, len(raw))
    return len(raw)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["txt", "jsonl", "html"]))
def test_clean_keeps_offset_map(raw, fmt):
    a = clean_document(RawDocument(doc_id="x", raw_text=raw, source_path="x", format=fmt, title="t"))
    for s in a.segments:
        assert a.text[s.clean_start : s.clean_start + s.length] == a.raw_text[s.raw_start : s.raw_start + s.length]
    for r in a.removed:
        if r.raw_start >= 0:
            assert a.raw_text[r.raw_start : r.raw_end] == r.text
    # nothing the user gave is lost: every character of every non-blank line after a .txt title
    # line is either kept (a segment) or recorded as removed
    covered = set()
    for s in a.segments:
        covered.update(range(s.raw_start, s.raw_start + s.length))
    for r in a.removed:
        if r.raw_start >= 0:
            covered.update(range(r.raw_start, r.raw_end))
    body = _after_title_line(raw) if fmt == "txt" else 0
    for i in range(body, len(raw)):
        if not raw[i].isspace():
            assert i in covered, (i, raw[max(0, i - 20) : i + 20])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_mangles_silently(data):
    try:
        text, enc = decode(data)
    except ValueError as exc:
        assert str(exc)  # reported with a reason
        return
    assert text.encode(enc) == data.removeprefix(b"\xef\xbb\xbf")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=8))
def test_jsonl_lines_never_crash(lines):
    for item in read_jsonl_lines(lines, "f.jsonl"):
        if isinstance(item, ReadError):
            assert item.source_path.startswith("f.jsonl:") and item.message
        else:
            assert item.doc_id and isinstance(item.raw_text, str)
