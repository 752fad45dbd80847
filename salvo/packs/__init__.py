"""Theater packs: everything theater-specific lives here as data (YAML / CSV), never as code.

A pack is a folder ``salvo/packs/<name>/`` (or any folder given with ``--pack PATH``) holding
``pack.yaml`` plus data files that the stages read through :class:`Pack`.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from salvo.errors import ConfigError

PACKS_DIR = Path(__file__).resolve().parent
DEFAULT_PACK = "us_forces_iraq_syria"


@dataclass(frozen=True)
class Pack:
    name: str
    path: Path

    @property
    def meta(self) -> dict[str, Any]:
        return self.data("pack.yaml")

    @functools.cached_property
    def propose_below(self) -> float:
        """``review: {propose_below: X}`` of pack.yaml: events whose confidence is below X are
        stored as ``proposed`` (left out of the default record). 0 (or no ``review`` key) turns
        the review tier off. Calibrated with ``scripts/calibrate.py``. (The schema,
        salvo/packs/files.py, checked the value when the pack loaded.)"""
        return float((self.meta.get("review") or {}).get("propose_below", 0.0))

    @property
    def weapons(self) -> tuple[str, ...]:
        """The weapon values events of this theater may carry (weapons.yaml ``values``)."""
        return tuple(self.data("weapons.yaml")["values"])

    def has(self, filename: str) -> bool:
        return (self.path / filename).is_file()

    def data(self, filename: str) -> Any:
        """A YAML file of the pack, parsed (cached per file)."""
        return _read_yaml(self.path / filename)

    def table(self, filename: str) -> list[dict[str, str]]:
        """A CSV file of the pack as a list of rows (cached per file)."""
        return _read_csv(self.path / filename)


@functools.lru_cache(maxsize=64)
def _read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: pack file missing") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from None


@functools.lru_cache(maxsize=64)
def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return [dict(row) for row in csv.DictReader(fh)]
    except FileNotFoundError:
        raise ConfigError(f"{path}: pack file missing") from None


def load_pack(name_or_path: str = DEFAULT_PACK) -> Pack:
    """A pack by name (a folder under salvo/packs) or by path to a folder with pack.yaml."""
    candidate = Path(name_or_path)
    if not (candidate / "pack.yaml").is_file():
        candidate = PACKS_DIR / name_or_path
    if not (candidate / "pack.yaml").is_file():
        known = sorted(p.name for p in PACKS_DIR.iterdir() if (p / "pack.yaml").is_file())
        raise ConfigError(
            f"theater pack {name_or_path!r} not found (known: {', '.join(known) or 'none'};"
            " or give a folder holding pack.yaml)"
        )
    folder = candidate.resolve()
    _checked(folder, _stamp(folder))
    return Pack(name=candidate.name, path=folder)


def _stamp(folder: Path) -> tuple:
    """What the check depends on: the pack's files and when each last changed."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()))


@functools.lru_cache(maxsize=16)
def _checked(folder: Path, stamp: tuple) -> tuple[str, ...]:
    """The schema check (salvo/packs/files.py), once per pack folder and version of its files."""
    from salvo.packs.schema import check_pack

    return tuple(check_pack(folder))
