"""The declared shape of every pack file, checked once when a pack loads.

One table per file (``FILES``): each key's type, whether it is required and what it is for. A
pack that does not fit is one :class:`~salvo.errors.ConfigError` (exit 3) naming the file, the key
and the fix, instead of a KeyError in the middle of an article. ``salvo pack check PATH`` runs the
check; ``salvo pack new NAME`` writes a skeleton from the same table (see :mod:`salvo.packs.skeleton`),
so the documentation of a key and its check never drift apart.
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from salvo.errors import ConfigError


class Spec:
    """A value's type. ``problem`` says what is wrong with a value (None: it fits)."""

    name = "value"
    example: Any = None

    def problem(self, value: Any, where: str) -> Optional[tuple[str, str]]:  # (where, what is wrong)
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Spec):
    name = "text"
    example = ""

    def problem(self, value, where):
        return None if isinstance(value, str) else (where, f"must be text, got {_show(value)}")


@dataclass(frozen=True)
class Pattern(Spec):
    """A regular expression (Python syntax; YAML needs doubled backslashes in double quotes)."""

    name = "regular expression"
    example = ""

    def problem(self, value, where):
        if not isinstance(value, str):
            return where, f"must be a regular expression in quotes, got {_show(value)}"
        try:
            re.compile(value)
        except re.error as exc:
            return where, f"is not a valid regular expression ({exc}): {value!r}"
        return None


@dataclass(frozen=True)
class Day(Spec):
    name = "date YYYY-MM-DD"
    example = "2024-01-01"

    def problem(self, value, where):
        if isinstance(value, _dt.date):
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                _dt.date.fromisoformat(value)
                return None
            except ValueError:
                pass
        return where, f"must be a date written YYYY-MM-DD, got {_show(value)}"


@dataclass(frozen=True)
class Number(Spec):
    low: float = float("-inf")
    high: float = float("inf")
    integer: bool = False
    name = "number"
    example = 0

    def problem(self, value, where):
        ok = not isinstance(value, bool) and isinstance(value, int if self.integer else (int, float))
        if not ok or not self.low <= value <= self.high:
            span = "" if self.low == float("-inf") else f" from {self.low:g} to {self.high:g}"
            return where, f"must be {'a whole number' if self.integer else 'a number'}{span}, got {_show(value)}"
        return None


@dataclass(frozen=True)
class Nullable(Spec):
    """A value of ``spec`` or null (``~`` / ``null`` in YAML)."""

    spec: Spec = field(default_factory=Text)
    name = "value or null"
    example = None

    def problem(self, value, where):
        return None if value is None else self.spec.problem(value, where)


@dataclass(frozen=True)
class OneOrMore(Spec):
    """A value of ``spec``, or a list of them (one party, or several)."""

    spec: Spec = field(default_factory=Text)
    name = "value or list of values"
    example = ""

    def problem(self, value, where):
        if isinstance(value, list):
            return ListOf(self.spec, 1).problem(value, where)
        return self.spec.problem(value, where)


@dataclass(frozen=True)
class Flag(Spec):
    name = "true or false"
    example = False

    def problem(self, value, where):
        return None if isinstance(value, bool) else (where, f"must be true or false, got {_show(value)}")


@dataclass(frozen=True)
class Choice(Spec):
    values: tuple[str, ...] = ()
    name = "one word of a list"

    @property
    def example(self):
        return self.values[0]

    def problem(self, value, where):
        if value in self.values:
            return None
        return where, f"must be one of {', '.join(self.values)}, got {_show(value)}"


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec = field(default_factory=Text)
    min_items: int = 0
    name = "list"

    @property
    def example(self):
        return []

    def problem(self, value, where):
        if not isinstance(value, list):
            return where, f"must be a list ([a, b] or lines starting with '- '), got {_show(value)}"
        if len(value) < self.min_items:
            return where, f"must list at least {self.min_items} item(s)"
        for i, v in enumerate(value):
            p = self.item.problem(v, f"{where}[{i}]")
            if p:
                return p
        return None


@dataclass(frozen=True)
class MapOf(Spec):
    """A mapping with keys the pack chooses (country names, category words...)."""

    value: Spec = field(default_factory=Text)
    name = "mapping"

    @property
    def example(self):
        return {}

    def problem(self, value, where):
        if not isinstance(value, dict):
            return where, f"must be a mapping (key: value), got {_show(value)}"
        for k, v in value.items():
            p = self.value.problem(v, f"{where}.{k}")
            if p:
                return p
        return None


@dataclass(frozen=True)
class Key:
    spec: Spec
    help: str
    required: bool = True
    example: Any = None  # what `salvo pack new` writes (default: the spec's example)


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with declared keys: unknown keys and missing required keys are errors."""

    keys: dict = field(default_factory=dict)
    name = "mapping"

    @property
    def example(self):
        return {k: (key.example if key.example is not None else key.spec.example)
                for k, key in self.keys.items() if key.required}

    def problem(self, value, where):
        if not isinstance(value, dict):
            return where, f"must be a mapping with the keys {', '.join(self.keys)}, got {_show(value)}"
        prefix = f"{where}." if where else ""
        for k in value:
            if k not in self.keys:
                near = difflib.get_close_matches(str(k), list(self.keys), n=1)
                if near:
                    return f"{prefix}{k}", f"unknown key; did you mean {near[0]!r}? (fix its spelling or remove it)"
                return f"{prefix}{k}", f"unknown key; known here: {', '.join(self.keys)} (remove it or fix its spelling)"
        for k, key in self.keys.items():
            if k not in value:
                if key.required:
                    return f"{prefix}{k}", f"missing; add it ({key.spec.name}): {key.help}"
                continue
            p = key.spec.problem(value[k], f"{prefix}{k}")
            if p:
                return p[0], f"{p[1]} ({key.help})" if p[0] == f"{prefix}{k}" else p[1]
        return None


@dataclass(frozen=True)
class Table:
    """A CSV file: its columns (required first), which of them are numbers, and what it is for."""

    help: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    needed: bool = False  # the file itself must exist
    comment_column: Optional[str] = None  # rows whose value here starts with '#' are comments
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (column, allowed values)


@dataclass(frozen=True)
class YamlFile:
    help: str
    spec: Record
    needed: bool = True


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_file(path: Path, schema) -> None:
    """Raise one ConfigError naming ``path``, the key and the fix when the file does not fit."""
    if isinstance(schema, Table):
        _check_table(path, schema)
        return
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({' '.join(str(exc).split())})") from None
    p = schema.spec.problem(data if data is not None else {}, "")
    if p:
        key, what = p
        raise ConfigError(f"{path}: {key or 'top level'}: {what}")


def _check_table(path: Path, t: Table) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        cols = reader.fieldnames or []
        missing = [c for c in t.required if c not in cols]
        if missing:
            raise ConfigError(f"{path}: column {missing[0]!r} missing; the header must name {', '.join(t.required)}"
                              f" (optional: {', '.join(t.optional) or 'none'})")
        unknown = [c for c in cols if c not in t.required and c not in t.optional]
        if unknown:
            raise ConfigError(f"{path}: unknown column {unknown[0]!r}; known: {', '.join(t.required + t.optional)}"
                              " (remove it or fix its spelling)")
        for line, row in enumerate(reader, start=2):
            if t.comment_column and (row.get(t.comment_column) or "").startswith("#"):
                continue
            if None in row:
                raise ConfigError(f"{path}: line {line}: more values than columns (quote a value holding a comma)")
            for c in t.required:
                if not (row.get(c) or "").strip() and c not in t.numbers:
                    raise ConfigError(f"{path}: line {line}: column {c!r} is empty; give a value")
            for c, allowed in t.choices:
                if (row.get(c) or "").strip() not in allowed:
                    raise ConfigError(f"{path}: line {line}: column {c!r} must be one of {', '.join(allowed)},"
                                      f" got {row.get(c)!r}")
            for c in t.numbers:
                v = (row.get(c) or "").strip()
                if not v and c not in t.required:
                    continue
                try:
                    float(v)
                except ValueError:
                    raise ConfigError(f"{path}: line {line}: column {c!r} must be a number, got {v!r}") from None


def _weapon_values(folder: Path) -> None:
    """Every weapon category is one of the values events may carry."""
    path = folder / "weapons.yaml"
    if not path.is_file():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    values = data.get("values") or []
    for i, w in enumerate(data.get("weapons") or []):
        if w.get("category") not in values:
            raise ConfigError(f"{path}: weapons[{i}].category: {w.get('category')!r} is not in `values`; add it there")
    for noun, category in (data.get("munition_nouns") or {}).items():
        if category is not None and category not in values:
            raise ConfigError(f"{path}: munition_nouns.{noun}: {category!r} is not in `values`; add it there or use null")


def check_pack(folder: Path, files: Optional[dict] = None) -> list[str]:
    """Check every file of the pack folder against ``files`` (default: :data:`FILES`); the names
    of the files checked. A file the schema does not know is an error too (a misspelt name would
    otherwise be silently ignored)."""
    from salvo.packs.files import FILES

    files = FILES if files is None else files
    if not (folder / "pack.yaml").is_file():
        raise ConfigError(f"{folder}: no pack.yaml here; `salvo pack new NAME` writes a skeleton")
    checked = []
    for name, schema in files.items():
        path = folder / name
        if not path.is_file():
            if schema.needed:
                raise ConfigError(f"{path}: pack file missing ({schema.help}); `salvo pack new` writes one")
            continue
        check_file(path, schema)
        checked.append(name)
    _weapon_values(folder)
    for path in sorted(folder.iterdir()):
        if path.suffix in (".yaml", ".yml", ".csv") and path.name not in files:
            raise ConfigError(f"{path}: not a pack file; known: {', '.join(files)} (rename or remove it)")
    return checked
