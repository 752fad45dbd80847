"""Output for people. Stored text (titles, outlets, article text, evidence, file names, reasons)
comes from files anyone can write, so nothing printed may drive the terminal: an ESC or OSC
sequence could retitle the window or clear the screen, backspace or carriage return could fake
output, bidi overrides reorder a line. Every command writes through :class:`SafeStream`, which
shows such characters as ``\\uXXXX`` (still valid, and meaning the same, inside JSON strings).
The only escape sequences let through are salvo's own two for highlighting evidence.
"""

from __future__ import annotations

import re
from typing import IO

HIGHLIGHT_ON, HIGHLIGHT_OFF = "\033[1;33m", "\033[0m"
# C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI), bidi embeddings/isolates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_OURS = re.compile("(" + re.escape(HIGHLIGHT_ON) + "|" + re.escape(HIGHLIGHT_OFF) + ")")


def safe(text: str) -> str:
    """``text`` with every character that could control a terminal written as ``\\uXXXX``."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


class SafeStream:
    """A text stream that writes :func:`safe` text to ``raw`` (which stays reachable for tqdm)."""

    def __init__(self, raw: IO[str]):
        self.raw = raw

    def write(self, s: str) -> int:
        # split on our own highlight sequences (kept) and sanitise everything between them
        parts = _OURS.split(s)
        return self.raw.write("".join(p if i % 2 else safe(p) for i, p in enumerate(parts)))

    def __getattr__(self, name: str):  # flush, isatty, fileno, encoding...
        return getattr(self.raw, name)
