"""The scorer in ../shared/eval on the seed and dev corpora: the issue's floors.

These read ../shared, which exists on developer machines and in CI; they skip
cleanly elsewhere.  The scorer is imported, not copied.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from geoborder.pipeline import run_corpus

FLOORS = {"seeds": {"place_f1": 0.95, "place_end_to_end_f1": 0.93},
          "dev": {"place_f1": 0.90, "place_end_to_end_f1": 0.85}}


def _scorer(shared):
    spec = importlib.util.spec_from_file_location("geoborder_shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored(shared_dir, extractor, tmp_path_factory):
    scorer = _scorer(shared_dir)
    results = {}
    for corpus in FLOORS:
        out = tmp_path_factory.mktemp(corpus)
        run_corpus([shared_dir / "corpus" / corpus], out, extractor=extractor)
        gold = json.loads((shared_dir / "gold" / f"{corpus}.json").read_text(encoding="utf-8"))
        mentions = scorer.load_fc(out / "layers" / "mentions.geojson")
        results[corpus] = scorer.score_places(gold, mentions)
    return results


@pytest.mark.shared
@pytest.mark.parametrize("corpus", list(FLOORS))
def test_place_scores_reach_the_floors(scored, corpus):
    res = scored[corpus]
    for metric, floor in FLOORS[corpus].items():
        assert res[metric] >= floor, (f"{corpus} {metric} {res[metric]:.3f} < {floor}; "
                                      f"missed {res['missed_places']}, extra {res['extra_places']}, "
                                      f"misplaced {res['misplaced_places']}")


@pytest.mark.shared
def test_the_seed_conflict_flag_is_found(scored):
    found, total = scored["seeds"]["conflict_flags_found"].split("/")
    assert int(total) >= 1 and found == total
