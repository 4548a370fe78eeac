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


@dataclass(slots=True)
class Source:
    """One article's report of an event: where the evidence sentence is."""

    article_id: str
    title: str | None
    url: str | None
    published: str | None
    sentence: str
    start: int  # offsets of the sentence in the article's original text
    end: int


@dataclass(slots=True)
class Event:
    """A closure, reopening or attack, as one or more articles report it.

    ``category`` is ``closure`` (the closures layer: closures and reopenings)
    or ``attack``.  ``status`` is ``reported`` for what happened and
    ``announced`` for what is only planned ("would reopen from Thursday").
    """

    category: str
    event_type: str
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    place_id: str | None = None
    place_name: str | None = None
    place_kind: str | None = None
    geo_precision: int | None = None
    geometry: Any = None  # a shapely point
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    actors: list[str] = field(default_factory=list)
    claimed_by: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)  # "BLA claimed 13 killed": casualty figures given by a party
    scope: str | None = None
    reason: str | None = None
    status: str = "reported"
    crossing_id: str | None = None
    border_id: str | None = None
    all_crossings: bool = False  # a closure or reopening of every crossing on ``border_id``
    sources: list[Source] = field(default_factory=list)
    event_id: str | None = None

    @property
    def n_sources(self) -> int:
        return len(self.sources)
