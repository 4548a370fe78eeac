"""Typed records that flow through the pipeline.

Field names match ``docs/DATA_CONTRACT.md`` so that building a layer is a
plain conversion, done in one place (:mod:`geoborder.layers.build`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One article as read from the corpus.

    ``text`` is the original text, untouched: every offset geoborder reports
    points into it.  ``published_from`` tells where the publication date came
    from: ``metadata``, ``text`` (a ``date`` line or a dateline) or ``None``.
    """

    article_id: str
    text: str
    path: str
    published: str | None = None
    published_from: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    line: int | None = None  # the line of a JSON Lines record


@dataclass(slots=True)
class Mention:
    """A place named in an article, and what it resolved to."""

    article_id: str
    text: str
    start: int
    end: int
    place_id: str | None = None
    place_name: str | None = None
    kind: str | None = None
    resolution: str = "unresolved"
    flags: list[str] = field(default_factory=list)
    geometry: Any = None  # a shapely geometry, or None when unresolved
    country: str | None = None
    candidate_kind: str | None = None  # the cue word's kind, for unresolved names
