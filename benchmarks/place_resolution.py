"""Place-resolution throughput and peak memory on a synthetic corpus.

Builds a JSON Lines corpus of N articles (default 10,000) by recombining the
paragraphs of the bundled sample articles (so no two articles are the same
text), then, in one process:

1. finds and resolves the places of every article (PlaceExtractor), streamed;
2. runs the whole job (`run_corpus`: reading, places, writing the layers).

Prints articles per second for each and the peak resident memory.  Target
(issue 2): at least 1,000 articles/s for place resolution.

    .venv/bin/python benchmarks/place_resolution.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from geoborder.corpus.reader import iter_articles
from geoborder.pipeline import PlaceExtractor, run_corpus
from geoborder.resources import SAMPLES_DIR


def build_corpus(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    paragraphs = []
    for txt in sorted(SAMPLES_DIR.glob("*.txt")):
        paragraphs += [p for p in txt.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = "\n\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 14))))
            fh.write(json.dumps({"id": f"bench-{i:06d}", "text": body, "published": "2024-01-01"}) + "\n")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        build_corpus(corpus, a.articles)
        size_mb = corpus.stat().st_size / 1e6
        print(f"corpus: {a.articles} articles, {size_mb:.1f} MB")

        t0 = time.perf_counter()
        extractor = PlaceExtractor()
        extractor.resolver.geonames  # loaded once, counted apart
        t_load = time.perf_counter() - t0
        print(f"start-up (gazetteer, lexicons, GeoNames index): {t_load:.2f} s, peak RSS {peak_rss_mb():.0f} MB")

        n = mentions = 0
        t0 = time.perf_counter()
        for article in iter_articles([corpus]):
            mentions += len(extractor.mentions(article))
            n += 1
        dt = time.perf_counter() - t0
        print(f"place resolution: {n} articles, {mentions} mentions in {dt:.2f} s = {n / dt:,.0f} articles/s "
              f"(target >= 1,000), peak RSS {peak_rss_mb():.0f} MB")

        t0 = time.perf_counter()
        summary = run_corpus([corpus], Path(tmp) / "out", extractor=extractor)
        dt = time.perf_counter() - t0
        print(f"whole run with layer writing: {summary.articles} articles in {dt:.2f} s = "
              f"{summary.articles / dt:,.0f} articles/s, peak RSS {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
