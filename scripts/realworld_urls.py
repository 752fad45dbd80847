"""How a real-report index names its page without carrying the page's words.

A news URL's slug is usually the headline, the outlet's own wording, so the committed indexes keep
only the page's host and the SHA-256 of its URL key (`url_host`, `url_sha256`); the full URL is
written to the git-ignored text cache beside the text (``<id>.url``) when the text is fetched.

    python scripts/realworld_urls.py URL ...     # which rows of either set each URL is (or none)
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def url_key(url: Any) -> str:
    """http/https, a leading www. and a trailing slash do not make a different report."""
    return re.sub(r"^https?://(www\.)?", "", str(url or "")).rstrip("/").lower()


def url_sha256(url: Any) -> str:
    return hashlib.sha256(url_key(url).encode("utf-8")).hexdigest()


def url_fields(url: str) -> dict[str, str]:
    """The index fields that stand for a URL."""
    return {"url_host": urlsplit(url).netloc.lower().removeprefix("www."), "url_sha256": url_sha256(url)}


def is_url(url: Any) -> bool:
    return str(url or "").startswith(("http://", "https://"))


def cached_url(cache: Path, row_id: str) -> Optional[str]:
    """The full URL the text cache recorded for a row, if it did."""
    path = cache / f"{row_id}.url"
    return path.read_text(encoding="utf-8").strip() or None if path.is_file() else None


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import realworld

    rows = [(name, r) for name in realworld.SET_NAMES for r in realworld.load_index(realworld.data_set(name).index)]
    by_sha = {r["url_sha256"]: (name, r["id"]) for name, r in rows}
    for url in argv:
        hit = by_sha.get(url_sha256(url))
        print(f"{url}\t{hit[1] + ' (' + hit[0] + ')' if hit else 'not in either index'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
