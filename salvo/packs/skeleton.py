"""``salvo pack new NAME``: a pack folder written from the schema (salvo/packs/files.py).

Every key is written with its help as a comment, required keys with a value that passes the check,
optional keys commented out; every CSV with its header. The result passes ``salvo pack check`` and
loads, so a new theater starts from something that runs and is filled in file by file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from salvo.errors import ConfigError
from salvo.packs.schema import Record, Table, YamlFile


def _value(spec, example) -> str:
    value = example if example is not None else spec.example
    return json.dumps(value, ensure_ascii=False)  # JSON is YAML flow syntax


def _lines(record: Record, indent: str, overrides: dict) -> list[str]:
    out = []
    for name, key in record.keys.items():
        out.append(f"{indent}# {key.help}" + ("" if key.required else " (optional)"))
        example = overrides.get(name, key.example)
        if isinstance(key.spec, Record) and example is None:
            sub = _lines(key.spec, indent + "  ", {})
            if key.required:
                out.append(f"{indent}{name}:")
                out.extend(sub)
            else:
                out.append(f"{indent}# {name}:")
                out.extend(f"{indent}# {line[len(indent):]}" for line in sub if not line.strip().startswith("#"))
            continue
        line = f"{indent}{name}: {_value(key.spec, example)}"
        out.append(line if key.required else f"{indent}# {line.strip()}")
    return out


def write_skeleton(name: str, parent: Path) -> Path:
    """Write ``parent/name`` as a new pack; refuse to overwrite an existing folder."""
    from salvo.packs.files import FILES

    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ConfigError(f"pack name {name!r}: use lower-case letters, digits and _ (e.g. red_sea_shipping)")
    folder = parent / name
    if folder.exists():
        raise ConfigError(f"{folder}: already exists; choose another name or remove it")
    folder.mkdir(parents=True)
    overrides = {"pack.yaml": {"name": name, "title": f"{name}: say what the theater is"}}
    for filename, schema in FILES.items():
        path = folder / filename
        if isinstance(schema, YamlFile):
            head = [f"# {filename}: {schema.help}.", "# Written by `salvo pack new`; `salvo pack check` checks it.", ""]
            path.write_text("\n".join(head + _lines(schema.spec, "", overrides.get(filename, {}))) + "\n",
                            encoding="utf-8")
        elif isinstance(schema, Table):
            path.write_text(",".join(schema.required + schema.optional) + "\n", encoding="utf-8")
    return folder
