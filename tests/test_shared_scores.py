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
EVENT_FLOORS = {"seeds": {"event_f1": 0.85, "event_date_within_window": 0.9},
                "dev": {"event_f1": 0.75}}


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
        layers = {name: scorer.load_fc(out / "layers" / f"{name}.geojson")
                  for name in ("mentions", "closures", "attacks")}
        results[corpus] = scorer.score_places(gold, layers["mentions"])
        results[corpus].update(scorer.score_events(gold, layers["closures"], layers["attacks"]))
    return results


def _ratio(value: str) -> float:
    found, total = value.split("/")
    return int(found) / int(total) if int(total) else 1.0


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


@pytest.mark.shared
@pytest.mark.parametrize("corpus", list(EVENT_FLOORS))
def test_event_scores_reach_the_floors(scored, corpus):
    res = scored[corpus]
    for metric, floor in EVENT_FLOORS[corpus].items():
        assert res[metric] >= floor, (f"{corpus} {metric} {res[metric]:.3f} < {floor}; "
                                      f"missed {res['missed_events']}, extra {res['extra_events']}")
    assert res["duplicate_events"] == 0


@pytest.mark.shared
def test_seed_fatalities_and_attack_types(scored):
    res = scored["seeds"]
    assert _ratio(res["event_fatalities_correct"]) >= 0.8, res["event_fatalities_correct"]
    assert _ratio(res["attack_type_correct"]) >= 0.8, res["attack_type_correct"]
