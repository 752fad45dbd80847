"""Input partitions: the units a parallel or Dask ingest hands to its workers.

A partition is a run of whole input files, or one byte range of a JSONL file cut at line starts
(with the number of its first line, so errors still name ``file.jsonl:LINE``). Partitions come out
in input order, and reading them one after another yields exactly what
:func:`salvo.ingest.readers.iter_documents` yields: the writer stores results in that order, so a
parallel ingest stores what a single-process one does. JSONL on stdin cannot be shared out by
offset: the planner reads it and ships the documents themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from salvo.ingest.readers import Item, iter_sources, read_jsonl_file, read_jsonl_stream, read_source
from salvo.model import ReadError

TARGET_BYTES = 1_000_000  # input bytes per partition: a few hundred articles, a second or two of work
MAX_FILES = 64  # small files per partition


@dataclass(frozen=True)
class Partition:
    index: int
    files: tuple = ()  # paths (str) read whole, and ReadErrors for inputs that cannot be read
    jsonl: Optional[tuple[str, int, int, int]] = None  # (path, start byte, end byte, first line)
    items: tuple = ()  # documents already read (stdin)

    @property
    def label(self) -> str:
        if self.jsonl:
            path, start, end, first = self.jsonl
            return f"{path} from line {first} (bytes {start}-{end})"
        return f"partition {self.index} ({len(self.files) or len(self.items)} inputs)"


def plan(paths: Iterable[str], *, exclude: Iterable[str] = (), stdin: Optional[IO[str]] = None,
         max_bytes: Optional[int] = None, target_bytes: Optional[int] = None) -> Iterator[Partition]:
    """Partitions of ``paths`` in input order (lazily: a big JSONL file is cut as it is scanned)."""
    target_bytes = target_bytes or int(os.environ.get("SALVO_PARTITION_BYTES") or TARGET_BYTES)
    n = 0
    files: list = []
    size = 0
    for source in iter_sources(paths, exclude):
        big_jsonl = isinstance(source, Path) and source.suffix.lower() in (".jsonl", ".ndjson") and source.is_file()
        if big_jsonl or source == "-":
            if files:
                yield Partition(n, files=tuple(files))
                n, files, size = n + 1, [], 0
            parts = (_jsonl_ranges(source, target_bytes) if big_jsonl
                     else _stdin_chunks(stdin, max_bytes, target_bytes))
            for part in parts:
                yield Partition(n, **part)
                n += 1
            continue
        files.append(source if isinstance(source, ReadError) else str(source))
        size += _size(source)
        if len(files) >= MAX_FILES or size >= target_bytes:
            yield Partition(n, files=tuple(files))
            n, files, size = n + 1, [], 0
    if files:
        yield Partition(n, files=tuple(files))


def read_partition(part: Partition, *, max_bytes: Optional[int] = None) -> Iterator[Item]:
    """The documents (and read errors) of one partition, in input order, streamed."""
    yield from part.items
    for source in part.files:
        yield from read_source(source if isinstance(source, ReadError) else Path(source), max_bytes=max_bytes)
    if part.jsonl:
        path, start, end, first = part.jsonl
        yield from read_jsonl_file(Path(path), start=start, end=end, first=first, max_bytes=max_bytes)


def _size(source) -> int:
    try:
        return source.stat().st_size if isinstance(source, Path) else 0
    except OSError:
        return 0


def _jsonl_ranges(path: Path, target: int) -> Iterator[dict]:
    """Byte ranges of about ``target`` bytes cut at line starts, with their first line numbers.

    One pass reading at most 1 MB at a time (a line longer than that is read in pieces). A file
    that fits one range is one partition read from its start, so it reports as it always has
    (an empty file, NUL bytes near its start).
    """
    start, first, line, pos = 0, 1, 1, 0
    try:
        fh = open(path, "rb")
    except OSError:
        yield {"files": (str(path),)}  # reading it again reports the problem in words
        return
    with fh:
        while piece := fh.readline(1 << 20):
            pos += len(piece)
            if piece.endswith(b"\n"):
                line += 1
                if pos - start >= target:
                    yield {"jsonl": (str(path), start, pos, first)}
                    start, first = pos, line
    if pos > start or start == 0:
        yield {"jsonl": (str(path), start, None if start == 0 else pos, first)}


def _stdin_chunks(stdin, max_bytes: Optional[int], target: int) -> Iterator[dict]:
    import sys

    chunk: list = []
    size = 0
    for item in read_jsonl_stream(stdin or sys.stdin, "<stdin>", max_bytes=max_bytes):
        chunk.append(item)
        size += len(getattr(item, "raw_text", "")) + 100
        if size >= target:
            yield {"items": tuple(chunk)}
            chunk, size = [], 0
    if chunk:
        yield {"items": tuple(chunk)}
