"""Metadata sidecars: ``metadata.json`` or ``metadata.csv`` beside ``.txt`` articles.

Both are keyed by the article file's stem.  JSON is an object of objects::

    {"004_044ae9606032669c": {"published": "2025-10-12", "source": "AFP", "url": null}}

CSV has a header row with an ``id`` (or ``stem``) column and any of
``published``, ``source``, ``url``, ``title``.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from geoborder.errors import InputError

FIELDS = ("published", "source", "url", "title")
SIDECAR_NAMES = ("metadata.json", "metadata.csv")


def _check_date(path: Path, key: str, value, on_problem, line=None):
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        on_problem(InputError(path, f"'published' is {value!r}, not a YYYY-MM-DD date", record=key, line=line))
        return None


def _clean(path: Path, key: str, entry, on_problem, line=None) -> dict:
    if not isinstance(entry, dict):
        on_problem(InputError(path, f"entry is {type(entry).__name__}, expected an object", record=key, line=line))
        return {f: None for f in FIELDS}
    out = {f: (str(entry[f]) if entry.get(f) not in (None, "") else None) for f in FIELDS}
    out["published"] = _check_date(path, key, entry.get("published"), on_problem, line)
    return out


def _raise(problem: InputError) -> None:
    raise problem


def read_sidecar(path: Path, on_problem=_raise) -> dict[str, dict]:
    """Read one sidecar into {stem: {published, source, url, title}}.

    A whole-file problem (not JSON, no id column) raises; a problem with one
    entry goes to ``on_problem`` and the entry keeps its other fields.
    """
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte {exc.start})") from None
    if path.suffix == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from None
        if not isinstance(data, dict):
            raise InputError(path, "expected a JSON object keyed by article file stem")
        return {str(k): _clean(path, str(k), v, on_problem) for k, v in data.items()}
    reader = csv.DictReader(io.StringIO(raw))
    key_col = next((c for c in ("id", "stem", "article_id") if c in (reader.fieldnames or [])), None)
    if key_col is None:
        raise InputError(path, "CSV needs an 'id' column naming each article file's stem", line=1)
    out = {}
    for lineno, row in enumerate(reader, start=2):
        key = (row.get(key_col) or "").strip()
        if not key:
            on_problem(InputError(path, f"empty '{key_col}'", line=lineno))
            continue
        out[key] = _clean(path, key, row, on_problem, lineno)
    return out


def find_sidecar(folder: Path) -> Path | None:
    """The sidecar of a folder, if it has one."""
    for name in SIDECAR_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None
