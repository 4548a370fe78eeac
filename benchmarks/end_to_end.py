"""End-to-end throughput (places and events, one process) and memory as the corpus grows.

Builds synthetic JSON Lines corpora from the bundled sample articles (see
``place_resolution.build_corpus``: paragraphs recombined, so articles
differ) and, for each size, runs in a fresh process:

1. places and events only (reading, place resolution, event extraction and
   merging), streamed article by article;
2. the whole job, ``run_corpus``, writing every layer and the GeoPackage.

Prints articles per second and the peak resident memory of each process, so
that a memory that grows with the corpus shows.  Target (issue 3): at least
300 articles/s end to end on 10,000 articles, and flat memory.

    .venv/bin/python benchmarks/end_to_end.py [--sizes 2000 10000 20000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from place_resolution import build_corpus  # noqa: E402


def _measure(corpus: str, out: str) -> dict:
    from geoborder.corpus.reader import iter_articles
    from geoborder.events.extract import EventExtractor
    from geoborder.events.merge import EventStore
    from geoborder.pipeline import PlaceExtractor, run_corpus

    places = PlaceExtractor()
    places.resolver.geonames  # the GeoNames index loads once; counted apart
    events = EventExtractor(places.gazetteer)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store = EventStore()
    n = reports = 0
    t0 = time.perf_counter()
    for article in iter_articles([corpus]):
        for e in events.events(article, places.mentions(article)):
            store.add(e)
            reports += 1
        n += 1
    extract_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    summary = run_corpus([corpus], out, extractor=places, event_extractor=events)
    run_s = time.perf_counter() - t0
    return {"articles": n, "reports": reports, "events": len(store.events()), "extract_s": extract_s,
            "run_s": run_s, "run_articles": summary.articles, "startup_rss_mb": base,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 10_000, 20_000])
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(_measure(*a.child)))
        return 0
    print(f"{'articles':>9} {'reports':>8} {'events':>7} {'places+events/s':>16} {'whole run/s':>12} "
          f"{'start-up MB':>12} {'peak MB':>8}")
    for size in a.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            build_corpus(corpus, size)
            res = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(Path(tmp) / "out")],
                                 check=True, capture_output=True, text=True)
            r = json.loads(res.stdout.strip().splitlines()[-1])
            print(f"{r['articles']:>9,} {r['reports']:>8,} {r['events']:>7,} {r['articles'] / r['extract_s']:>16,.0f} "
                  f"{r['run_articles'] / r['run_s']:>12,.0f} {r['startup_rss_mb']:>12,.0f} {r['peak_rss_mb']:>8,.0f}")
    print("target: >= 300 articles/s end to end; peak memory flat across sizes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
