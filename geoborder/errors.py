"""The one error hierarchy of geoborder: callers catch :class:`GeoborderError`.

An input error always names the file, the line or record when there is one,
and what was wrong, so a user can fix the input without reading code.
"""

from __future__ import annotations

from pathlib import Path


class GeoborderError(Exception):
    """Base class of every error geoborder raises on purpose."""


class InputError(GeoborderError):
    """Something a user gave us (an article, a sidecar, a layer) is unusable."""

    def __init__(self, path: str | Path | None, problem: str, *, line: int | None = None,
                 record: str | None = None):
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.line = line
        self.record = record
        where = self.path or "<input>"
        if line is not None:
            where += f":{line}"
        if record is not None:
            where += f" [{record}]"
        super().__init__(f"{where}: {problem}")


class GazetteerError(InputError):
    """A gazetteer file or entry breaks the gazetteer schema."""


class GeocoderError(GeoborderError):
    """The online geocoder could not be used (no user agent, network failure)."""
