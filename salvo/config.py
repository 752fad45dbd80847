"""Settings: one declarative table. Each has a default, an environment variable and help text.

Command-line flags override environment variables, which override defaults. ``salvo config``
prints the table with the values in effect; a test checks every setting is in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from salvo.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    env: str
    help: str
    parse: Callable[[str], Any] = str


FALLBACK_AUTHOR = "analyst"  # when neither $SALVO_AUTHOR nor $USER is set (containers, CI)

SETTINGS: tuple[Setting, ...] = (
    Setting("db", "salvo.db", "SALVO_DB", "SQLite database file or postgresql://user@host/dbname (created by the first ingest)"),
    Setting("pack", "us_forces_iraq_syria", "SALVO_PACK", "theater pack: a name under salvo/packs or a folder path"),
    Setting("author", os.environ.get("USER") or FALLBACK_AUTHOR, "SALVO_AUTHOR",
            f"name recorded with analyst edits (default $USER, else {FALLBACK_AUTHOR!r})"),
    # 0.7 Jaccard on 5-word shingles: wire copies with a changed headline or one rewritten
    # sentence score 0.75-0.95 on our samples; different stories on one attack score < 0.3.
    Setting("near_duplicate_threshold", 0.7, "SALVO_NEAR_DUP", "MinHash LSH Jaccard threshold for near-duplicate articles", float),
    # one article (a .txt/.html file or a JSONL line) larger than this is refused before it is
    # read: a 50 MB article once took 6.7 GB through cleaning, MinHash and the screen
    Setting("max_article_bytes", 5_000_000, "SALVO_MAX_ARTICLE_BYTES",
            "largest article accepted, in bytes (a .txt/.html file or one JSONL line); larger ones are refused", int),
    Setting("host", "127.0.0.1", "SALVO_HOST", "address `salvo serve` binds to"),
    Setting("port", 8000, "SALVO_PORT", "port `salvo serve` listens on", int),
)


@dataclass(frozen=True)
class Config:
    values: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)  # name -> "default", "$SALVO_DB", "--db"

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def load_config(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Config:
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for s in SETTINGS:
        value, sources[s.name] = s.default, "default"
        if s.env in environ and environ[s.env] != "":
            try:
                value, sources[s.name] = s.parse(environ[s.env]), f"${s.env}"
            except ValueError:
                raise ConfigError(f"${s.env}={environ[s.env]!r} is not a valid {s.parse.__name__}: {s.help}") from None
        if overrides and overrides.get(s.name) is not None:
            value, sources[s.name] = overrides[s.name], f"--{s.name}"
        values[s.name] = value
    if not 0 < float(values["near_duplicate_threshold"]) <= 1:
        raise ConfigError(f"near-duplicate threshold {values['near_duplicate_threshold']} must be in (0, 1] ($SALVO_NEAR_DUP)")
    return Config(values, sources)
