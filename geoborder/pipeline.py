"""The main job: read a corpus, find and resolve places, find events, write the layers.

>>> summary = run_corpus(["articles/"], out_dir="outputs")       # doctest: +SKIP
>>> summary.articles, summary.mentions, summary.by_resolution    # doctest: +SKIP
(5, 118, {'gazetteer': 117, 'geonames': 1})
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geoborder.corpus.boilerplate import inside, outside_body, url_spans
from geoborder.corpus.normalize import normalize
from geoborder.corpus.reader import iter_articles
from geoborder.errors import InputError
from geoborder.events.extract import EventExtractor
from geoborder.events.merge import EventStore
from geoborder.events.timeline import crossing_statuses
from geoborder.gazetteer.model import Gazetteer
from geoborder.layers.build import MentionTally, crossings_frame, events_frame, mentions_frame, reference_frames
from geoborder.layers.write import LayerWriter
from geoborder.places.finder import PlaceFinder
from geoborder.places.geocoder import OnlineGeocoder
from geoborder.places.lexicon import load_lexicon
from geoborder.places.resolver import PlaceResolver
from geoborder.records import Article, Mention

CHUNK = 2000  # mentions written per chunk: memory stays flat as the corpus grows


@dataclass
class RunSummary:
    articles: int = 0
    mentions: int = 0
    by_resolution: Counter = field(default_factory=Counter)
    flagged: int = 0
    outside_body: int = 0
    events: Counter = field(default_factory=Counter)
    event_reports: int = 0
    dates_from: Counter = field(default_factory=Counter)
    problems: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        res = ", ".join(f"{k} {v}" for k, v in sorted(self.by_resolution.items()))
        dates = ", ".join(f"{n} from the {src}" if src else f"{n} unknown" for src, n in
                          sorted(self.dates_from.items(), key=lambda kv: (kv[0] is None, str(kv[0]))))
        out = [f"articles read: {self.articles}" + (f" (publication dates: {dates})" if dates else ""),
               f"place mentions: {self.mentions} ({res or 'none'})",
               f"unresolved: {self.by_resolution.get('unresolved', 0)}",
               f"gazetteer conflicts flagged: {self.flagged}",
               f"mentions outside the article body (flagged, kept): {self.outside_body}"]
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.events.items()))
        out.append(f"events: {sum(self.events.values())} ({kinds or 'none'}) from {self.event_reports} reports")
        if self.problems:
            out.append(f"input problems: {len(self.problems)} (listed above; the rest of the corpus was processed)")
        return out


class PlaceExtractor:
    """Finds and resolves the places of one article at a time."""

    def __init__(self, gazetteer: Gazetteer | None = None, geocoder: OnlineGeocoder | None = None,
                 use_geonames: bool = True):
        self.gazetteer = gazetteer or Gazetteer.load()
        self.finder = PlaceFinder(self.gazetteer, load_lexicon())
        self.resolver = PlaceResolver(self.gazetteer, geocoder=geocoder, use_geonames=use_geonames)

    def mentions(self, article: Article) -> list[Mention]:
        """The article's place mentions; those outside its body (related-article
        lists, cross-references, comments) are kept, flagged ``outside_body``."""
        text = normalize(article.text)
        candidates = self.finder.find(text, excluded=url_spans(article.text))
        mentions = self.resolver.resolve(article.article_id, text, candidates)
        boilerplate = outside_body(article.text)
        if boilerplate:  # most articles have none: no test per mention
            for m in mentions:
                if inside(boilerplate, m.start, m.end):
                    m.flags.append("outside_body")
        return mentions


def _chunks(mentions: Iterator[Mention], size: int) -> Iterator[list[Mention]]:
    chunk: list[Mention] = []
    for m in mentions:
        chunk.append(m)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_corpus(paths: Iterable[str | Path], out_dir: str | Path, *, extractor: PlaceExtractor | None = None,
               event_extractor: EventExtractor | None = None,
               on_problem: Callable[[InputError], None] | None = None,
               progress: Callable[[Iterator[Article]], Iterator[Article]] | None = None) -> RunSummary:
    """Process every article under ``paths`` and write the layers under ``out_dir``."""
    extractor = extractor or PlaceExtractor()
    event_extractor = event_extractor or EventExtractor(extractor.gazetteer)
    summary = RunSummary()
    tally = MentionTally()
    store = EventStore()  # events, not articles, stay in memory: merging needs them

    def report(problem: InputError) -> None:
        summary.problems.append(problem)
        if on_problem:
            on_problem(problem)

    articles = iter_articles(paths, on_problem=report)
    if progress:
        articles = progress(articles)

    def all_mentions() -> Iterator[Mention]:
        for article in articles:
            summary.articles += 1
            summary.dates_from[article.published_from] += 1
            found = extractor.mentions(article)
            tally.add(found)
            for event in event_extractor.events(article, found):
                summary.event_reports += 1
                store.add(event)
            for m in found:
                summary.mentions += 1
                summary.by_resolution[m.resolution] += 1
                summary.flagged += "gazetteer_conflict" in m.flags
                summary.outside_body += "outside_body" in m.flags
                yield m

    with LayerWriter(out_dir) as out:
        out.append("mentions", mentions_frame([]))
        for chunk in _chunks(all_mentions(), CHUNK):
            out.append("mentions", mentions_frame(chunk))
        events = store.events()
        for category, name in (("closure", "closures"), ("attack", "attacks")):
            out.append(name, events_frame(events, category))
        out.append("crossings", crossings_frame(crossing_statuses(extractor.gazetteer, events)))
        for name, frame in reference_frames(extractor.gazetteer, tally).items():
            out.append(name, frame)
    for e in events:
        summary.events[e.event_type if e.status == "reported" else f"{e.event_type} (announced)"] += 1
    summary.outputs = sorted(Path(out_dir).glob("layers/*.geojson")) + [Path(out_dir) / "geoborder.gpkg"]
    return summary
