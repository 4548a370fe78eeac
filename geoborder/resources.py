"""Where geoborder's own data lives: lexicons, sample articles, the gazetteer.

From a source checkout the gazetteer is the top-level ``gazetteer/`` folder;
an installed wheel carries a copy inside the package (see pyproject.toml).
"""

from __future__ import annotations

import json
from pathlib import Path

from geoborder.errors import InputError

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
LEXICON_DIR = DATA_DIR / "lexicons"
SAMPLES_DIR = DATA_DIR / "samples"


def gazetteer_dir() -> Path:
    """The curated gazetteer folder: the checkout's own, else the packaged copy."""
    for candidate in (PACKAGE_DIR.parent / "gazetteer", PACKAGE_DIR / "_gazetteer"):
        if (candidate / "places.geojson").exists():
            return candidate
    return PACKAGE_DIR.parent / "gazetteer"


def read_lexicon(path: Path) -> dict:
    """A lexicon's JSON; a file that is missing or not JSON is an InputError naming it."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(path, f"cannot read lexicon: {exc}") from None
