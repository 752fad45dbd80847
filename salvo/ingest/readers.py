"""Readers: files, folders and stdin -> RawDocument (or ReadError, and the batch goes on).

Formats: ``.txt`` (title on line 1, id = file stem), ``.html``/``.htm`` (main text and metadata
via trafilatura/htmldate), ``.jsonl`` (one article per line: id, text, title?, url?, published?,
outlet?), and ``-`` for JSONL on stdin.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from salvo.model import RawDocument, ReadError

# a .txt article's title: its first line with text on it (after a byte-order mark and blank lines)
TITLE_LINE_RE = re.compile(r"[\ufeff\s]*([^\n]*)\n?")

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
Item = Union[RawDocument, ReadError]


def iter_documents(
    paths: Iterable[str],
    *,
    published: Optional[str] = None,
    outlet: Optional[str] = None,
    stdin: Optional[IO[str]] = None,
    meta: Optional[dict[str, dict]] = None,
    exclude: Iterable[str] = (),
    max_bytes: Optional[int] = None,
) -> Iterator[Item]:
    """Every document under ``paths`` in a stable order; unusable ones come out as ReadError.

    ``meta`` maps an article id to metadata a scraper kept apart from the text (published, url,
    outlet, title); it fills what the document itself lacks, before the --published/--outlet defaults.
    ``max_bytes`` refuses an article larger than that (see :func:`read_file`).
    """
    items = (item for source in iter_sources(paths, exclude)
             for item in read_source(source, stdin=stdin, max_bytes=max_bytes))
    yield from with_defaults(items, meta=meta, published=published, outlet=outlet)


def with_defaults(items: Iterable[Item], *, meta: Optional[dict[str, dict]], published: Optional[str],
                  outlet: Optional[str]) -> Iterator[Item]:
    """--meta, then --published/--outlet, filled into documents that lack them."""
    if meta:
        items = _with_meta(items, meta)
    yield from _defaults(items, published, outlet)


Source = Union[str, Path, ReadError]  # "-" for stdin, a file to read, or a path that cannot be read


def iter_sources(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[Source]:
    """The inputs ``paths`` name, in a stable order: folders walked (sorted, hidden parts left out)."""
    excluded = {str(Path(p).resolve()) for p in exclude}
    for path in paths:
        if path == "-":
            yield "-"
            continue
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if not f.is_dir() and not _hidden(f, p))
            for f in files:
                if _loops(f):
                    yield ReadError(str(f), LOOP)
                elif str(f.resolve()) not in excluded:
                    yield f
        elif p.is_file():
            yield p
        elif p.exists():
            yield ReadError(str(p), "not a regular file")
        elif _loops(p):
            yield ReadError(str(p), LOOP)
        else:
            yield ReadError(str(p), "no such file or folder")


def read_source(source: Source, *, stdin: Optional[IO[str]] = None, max_bytes: Optional[int] = None) -> Iterator[Item]:
    if isinstance(source, ReadError):
        yield source
    elif source == "-":
        yield from read_jsonl_stream(stdin or sys.stdin, "<stdin>", max_bytes=max_bytes)
    else:
        yield from read_file(Path(source), max_bytes=max_bytes)


LOOP = "symbolic link loop (the link leads back to itself); fix or remove the link"


def _loops(f: Path) -> bool:
    """A symlink chain that never reaches a file (x -> y -> x): resolve() raises on it."""
    if not f.is_symlink():
        return False
    try:
        f.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports loops this way
        return True
    except OSError as exc:
        import errno

        return exc.errno == errno.ELOOP
    return False


def read_meta(path: str) -> dict[str, dict]:
    """A metadata file: JSONL lines {id, published?, url?, outlet?, title?} (e.g. a scraper's index)."""
    out: dict[str, dict] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read metadata file ({exc})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not obj.get("id"):
            raise ValueError(f"{path}:{n}: each line needs an 'id'")
        out[str(obj["id"])] = obj
    return out


def _with_meta(items: Iterable[Item], meta: dict[str, dict]) -> Iterator[Item]:
    for item in items:
        if isinstance(item, RawDocument) and item.doc_id in meta:
            m = meta[item.doc_id]
            changes = {}
            pub = normalise_date(m.get("published"))
            if pub and not item.published:
                changes.update(published=pub, published_source="meta")
            for key in ("url", "outlet", "title"):
                if m.get(key) and not getattr(item, key):
                    changes[key] = str(m[key])
            if changes:
                item = _replace(item, **changes)
        yield item


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def _defaults(items: Iterable[Item], published: Optional[str], outlet: Optional[str]) -> Iterator[Item]:
    for item in items:
        if isinstance(item, RawDocument):
            if published and not item.published:
                item = _replace(item, published=published, published_source="option")
            if outlet and not item.outlet:
                item = _replace(item, outlet=outlet)
        yield item


def _replace(doc: RawDocument, **kw) -> RawDocument:
    import dataclasses

    return dataclasses.replace(doc, **kw)


def read_file(path: Path, max_bytes: Optional[int] = None) -> Iterator[Item]:
    """One file's documents. JSONL is streamed line by line; ``max_bytes`` refuses a larger
    article (a .txt/.html file, or one JSONL line) with one line saying so, before reading it."""
    if path.is_symlink() and not path.exists():
        yield ReadError(str(path), "cannot read the file (broken symbolic link)")
        return
    if not path.is_file():
        yield ReadError(str(path), "not a regular file (device, socket or pipe)")
        return
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        yield ReadError(str(path), f"unsupported file type {path.suffix or '(no extension)'!r}; give .txt, .html, .htm or .jsonl")
        return
    if fmt == "jsonl":
        yield from read_jsonl_file(path, max_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
        if max_bytes and size > max_bytes:
            yield ReadError(str(path), too_large(size, max_bytes))
            return
        data = path.read_bytes()
    except PermissionError:
        yield ReadError(str(path), "cannot read the file (permission denied)")
        return
    except OSError as exc:
        yield ReadError(str(path), f"cannot read the file ({exc.strerror or exc})")
        return
    if not data.strip():
        yield ReadError(str(path), "empty file")
        return
    try:
        text, encoding = decode(data)
    except ValueError as exc:
        yield ReadError(str(path), str(exc))
        return
    if fmt == "txt":
        yield from _read_txt(path, text, encoding)
    else:
        yield from _read_html(path, text, encoding)


def too_large(size: int, limit: int) -> str:
    return (f"article of {size / 1e6:.1f} MB is over the {limit / 1e6:.1f} MB limit (max_article_bytes,"
            " $SALVO_MAX_ARTICLE_BYTES): split it into separate reports or raise the limit; not read")


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else Windows-1252; anything else is reported, not mangled."""
    if b"\x00" in data[:4096]:
        raise ValueError("binary file, not text (it contains NUL bytes)")
    if (nul := data.find(b"\x00")) >= 0:  # text with NUL bytes further in: a damaged or crafted file
        raise ValueError(f"NUL byte at offset {nul}: not a clean text file (remove the NUL bytes)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValueError(
            f"not UTF-8 (bad byte at offset {utf8_error.start}) and not Windows-1252; convert it to UTF-8"
        ) from None
    # control characters other than whitespace mean this is not text in any 8-bit encoding
    if re.search(r"[\x00-\x08\x0e-\x1f\x7f]", text):
        raise ValueError("binary file, not text (control bytes)")
    # Any byte decodes as cp1252, so Arabic (cp1256) or Cyrillic (KOI8-R) would come out as
    # accented gibberish. English/French text in cp1252 has a few accented letters and curly
    # quotes; when more than a fifth of the letters are non-ASCII it is some other encoding.
    letters = [c for c in text if c.isalpha()]
    foreign = sum(1 for c in letters if ord(c) > 127)
    if letters and foreign / len(letters) > 0.2:
        raise ValueError(
            f"not UTF-8 (bad byte at offset {utf8_error.start}) and not Windows-1252 text"
            " (an Arabic or Cyrillic 8-bit encoding?); convert it to UTF-8"
        )
    return text, "cp1252"


def _read_txt(path: Path, text: str, encoding: str) -> Iterator[Item]:
    # scraped pages often open with blank lines: the title is the first line with text on it
    title = txt_title(text)
    if title is None:
        yield ReadError(str(path), "the file holds no text; a .txt article has its title on its first line")
        return
    yield RawDocument(
        doc_id=path.stem, raw_text=text, source_path=str(path), format="txt", title=title, encoding=encoding
    )


def txt_title(raw: str) -> Optional[str]:
    """A .txt article's title: its first line with text on it (clean.py finds its body after it)."""
    return TITLE_LINE_RE.match(raw).group(1).strip() or None


def _read_html(path: Path, html: str, encoding: str) -> Iterator[Item]:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        yield ReadError(str(path), f"HTML could not be parsed ({type(exc).__name__}: {exc})")
        return
    meta = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    body = (meta.get("text") or "").strip()
    if not body:
        yield ReadError(str(path), "HTML page has no main text that could be extracted")
        return
    title = (meta.get("title") or "").strip() or None
    published = normalise_date(meta.get("date"))
    yield RawDocument(
        doc_id=path.stem,
        raw_text=body,
        source_path=str(path),
        format="html",
        title=title,
        url=meta.get("url") or None,
        published=published,
        published_source="html" if published else None,
        outlet=meta.get("sitename") or None,
        encoding=encoding,
        original=html,
        page_removed=tuple(_page_leftovers(html, body, title)),
    )


def _page_leftovers(html: str, body: str, title: Optional[str]) -> Iterator[str]:
    """Text blocks of the page that the main-text extraction left out (menus, banners, captions).

    Recorded so that `salvo show` can say what was dropped; the page itself is stored too.
    """
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except Exception:
        return
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    kept = re.sub(r"\s+", " ", body + " " + (title or "")).lower()
    seen: set[str] = set()
    budget = 200_000  # characters: a hostile page with 100k menu items must not stall the batch
    for el in root.iter("p", "li", "figcaption", "button", "h1", "h2", "h3", "h4", "span", "a", "small", "time"):
        text = re.sub(r"\s+", " ", el.text_content()).strip()
        key = text.lower()
        if len(text) < 3 or key in seen or key in kept:
            continue
        seen.add(key)
        budget -= len(text)
        if budget < 0:
            yield "[further page text not listed: the page is very large; its HTML is stored in full]"
            return
        yield text


def read_jsonl_stream(stream: IO[str], name: str, max_bytes: Optional[int] = None) -> Iterator[Item]:
    """JSONL from a text stream (stdin), one line at a time: memory stays bounded by one line."""
    lineno = 0
    try:
        for lineno, line in enumerate(stream, 1):
            if max_bytes and len(line) > max_bytes:
                yield ReadError(f"{name}:{lineno}", too_large(len(line.encode("utf-8", "replace")), max_bytes))
                continue
            yield from read_jsonl_lines([line.rstrip("\r\n")], name, first=lineno)
    except UnicodeDecodeError as exc:
        yield ReadError(name if not lineno else f"{name}:{lineno + 1}", f"not UTF-8 ({exc.reason}); convert it to UTF-8")


def read_jsonl_file(path: Path, *, start: int = 0, end: Optional[int] = None, first: int = 1,
                    max_bytes: Optional[int] = None) -> Iterator[Item]:
    """A JSONL file (or its bytes ``start:end``, cut at line starts, ``first`` the number of the
    line at ``start``) streamed line by line: a 5 GB file is read in the memory of one line."""
    name = str(path)
    limit = max_bytes or 1 << 62
    try:
        fh = open(path, "rb")
    except PermissionError:
        yield ReadError(name, "cannot read the file (permission denied)")
        return
    except OSError as exc:
        yield ReadError(name, f"cannot read the file ({exc.strerror or exc})")
        return
    with fh:
        head = fh.read(4096)
        if start == 0 and b"\x00" in head:
            yield ReadError(name, "binary file, not text (it contains NUL bytes)")
            return
        fh.seek(start)
        pos, lineno, seen = start, first, False
        while end is None or pos < end:
            line = fh.readline(limit + 1)
            if not line:
                break
            pos += len(line)
            if len(line) > limit and not line.endswith(b"\n"):  # skip the rest of the oversized line
                size = len(line)
                while (more := fh.readline(1 << 20)) and (size := size + len(more)) and not more.endswith(b"\n"):
                    pass
                pos += size - len(line)
                yield ReadError(f"{name}:{lineno}", too_large(size, limit))
                lineno += 1
                continue
            if line.strip():
                seen = True
                yield from _jsonl_line(line, name, lineno)
            lineno += 1
    if start == 0 and end is None and not seen:
        yield ReadError(name, "empty file")


def _jsonl_line(raw: bytes, name: str, lineno: int) -> Iterator[Item]:
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    raw = raw.rstrip(b"\r\n")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text, _ = decode(raw)
        except ValueError as exc:
            yield ReadError(f"{name}:{lineno}", str(exc))
            return
    yield from read_jsonl_lines([text], name, first=lineno)


def read_jsonl_lines(lines: Iterable[str], name: str, first: int = 1) -> Iterator[Item]:
    for lineno, line in enumerate(lines, first):
        where = f"{name}:{lineno}"
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            # "truncated": an object that starts well and stops before its end, not any bad line
            cut = line.lstrip().startswith("{") and (exc.pos >= len(line.rstrip())
                                                     or exc.msg.startswith("Unterminated string"))
            msg = exc.msg.removesuffix(" at")  # json says "Unterminated string starting at"
            yield ReadError(where, f"{'truncated line' if cut else 'invalid JSON'} ({msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield ReadError(where, "each line must be a JSON object")
            continue
        problem = _field_problem(obj)
        if problem:
            yield ReadError(where, problem)
            continue
        if "\x00" in obj["text"]:
            yield ReadError(where, "field 'text' holds NUL characters (\\u0000); remove them")
            continue
        published = obj.get("published")
        norm = normalise_date(published) if published else None
        if published and not norm:
            yield ReadError(where, f"field 'published' is not a date: {published!r} (use YYYY-MM-DD)")
            continue
        yield RawDocument(
            doc_id=str(obj["id"]),
            raw_text=obj["text"],
            source_path=where,
            format="jsonl",
            title=_str_or_none(obj.get("title")),
            url=_str_or_none(obj.get("url")),
            published=norm,
            published_source="input" if norm else None,
            outlet=_str_or_none(obj.get("outlet")),
        )


def _field_problem(obj: dict) -> Optional[str]:
    """What is wrong with a JSONL object's fields, in words, or None."""
    missing = [k for k in ("id", "text") if obj.get(k) is None or obj.get(k) == ""]
    if missing:
        return f"missing field {' and '.join(map(repr, missing))}"
    if not isinstance(obj["id"], (str, int)) or isinstance(obj["id"], bool):
        return "field 'id' must be a string or a number"
    for key in ("text", "title", "url", "outlet"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return f"field {key!r} must be a string"
    return None


def count_inputs(paths: Iterable[str]) -> Optional[int]:
    """How many documents ``paths`` hold (files, JSONL lines), for a progress bar; None for stdin."""
    n = 0
    for path in paths:
        p = Path(path)
        if path == "-":
            return None
        files = [f for f in p.rglob("*") if f.is_file() and not _hidden(f, p)] if p.is_dir() else [p]
        for f in files:
            if f.suffix.lower() in (".jsonl", ".ndjson"):
                try:
                    with open(f, "rb") as fh:
                        n += sum(1 for line in fh if line.strip())
                except OSError:
                    n += 1
            else:
                n += 1
    return n


def _str_or_none(value) -> Optional[str]:
    return str(value).strip() or None if value is not None else None


def normalise_date(value) -> Optional[str]:
    """'2024-01-28', '2024-01-28T09:12:00Z', '2024-01-28 09:12' -> '2024-01-28'; else None."""
    if not value:
        return None
    m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None
