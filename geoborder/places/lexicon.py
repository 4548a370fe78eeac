"""The word lists that steer place finding, loaded from ``data/lexicons/``.

They are data so an analyst can review and extend them without reading
Python: place cues, non-places and demonyms, organisation heads and names,
and the words of border compounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geoborder.resources import LEXICON_DIR, read_lexicon


@dataclass(frozen=True)
class PlaceLexicon:
    kind_words: dict[str, str]          # 'district' -> 'district', 'crossing' -> 'crossing'
    context_kind_words: frozenset[str]  # the kind words that make an unknown capitalised name a place
    actor_suffixes: frozenset[str]      # 'US-led': the country as an actor
    of_words: frozenset[str]
    prepositions: frozenset[str]
    strong_prepositions: frozenset[str]
    non_place_words: frozenset[str]     # lower-case
    demonyms: frozenset[str]            # lower-case
    common_word_aliases: frozenset[str]  # lower-case
    org_heads: frozenset[str]           # lower-case
    org_names: tuple[str, ...]
    event_words: frozenset[str]
    border_country_words: dict[str, str]
    border_heads: tuple[str, ...]


@lru_cache(maxsize=2)
def load_lexicon(folder: str | None = None) -> PlaceLexicon:
    root = Path(folder) if folder else LEXICON_DIR
    cues = read_lexicon(root / "place_cues.json")
    non = read_lexicon(root / "non_places.json")
    orgs = read_lexicon(root / "organisations.json")
    borders = read_lexicon(root / "borders.json")
    low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
    return PlaceLexicon(
        kind_words={k.lower(): v for k, v in cues["kind_words"].items()},
        context_kind_words=low(cues["context_kind_words"]),
        actor_suffixes=low(non["actor_suffixes"]),
        of_words=low(cues["of_words"]),
        prepositions=low(cues["prepositions"]),
        strong_prepositions=low(cues["strong_prepositions"]),
        non_place_words=low(non["words"]),
        demonyms=low(non["demonyms"]),
        common_word_aliases=low(non["common_word_aliases"]),
        org_heads=low(orgs["heads"]),
        org_names=tuple(orgs["names"]),
        event_words=low(orgs["event_words"]),
        border_country_words={k.lower(): v for k, v in borders["country_words"].items()},
        border_heads=tuple(sorted((h.lower() for h in borders["heads"]), key=len, reverse=True)),
    )
