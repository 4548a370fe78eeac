"""Reading and writing gazetteer GeoJSON files, atomically and byte-stably."""

from __future__ import annotations

import json
from pathlib import Path

from geoborder.atomic import atomic_write_text


def dumps_feature_collection(features: list[dict]) -> str:
    """RFC 7946 FeatureCollection text, one feature a line: small, diffable, stable."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_feature_collection(path: Path, features: list[dict]) -> None:
    atomic_write_text(path, dumps_feature_collection(features))


def read_feature_collection(path: Path) -> list[dict]:
    """The features of a GeoJSON FeatureCollection, or a GazetteerError."""
    from geoborder.errors import GazetteerError

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise GazetteerError(path, f"not valid UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise GazetteerError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise GazetteerError(path, "not a GeoJSON FeatureCollection")
    return doc["features"]
