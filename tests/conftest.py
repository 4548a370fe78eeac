"""Shared fixtures.  Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def gazetteer():
    from geoborder.gazetteer.model import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def extractor(gazetteer):
    from geoborder.pipeline import PlaceExtractor

    return PlaceExtractor(gazetteer)


@pytest.fixture(scope="session")
def sample_layers(tmp_path_factory, extractor) -> Path:
    """The layers of one run on the bundled samples, shared by the tests: read them, never change them."""
    from geoborder.pipeline import run_corpus
    from geoborder.resources import SAMPLES_DIR

    out = tmp_path_factory.mktemp("samples-run")
    run_corpus([SAMPLES_DIR], out, extractor=extractor)
    return out / "layers"


@pytest.fixture(scope="session")
def shared_dir():
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not here (it exists on developer machines and in CI only)")
    return SHARED


@pytest.fixture
def places_in(extractor):
    """Run place extraction on a snippet; returns [(surface, place_id, flags)]."""
    from geoborder.records import Article

    def run(text: str, article_id: str = "t"):
        mentions = extractor.mentions(Article(article_id=article_id, text=text, path="<test>"))
        return [(m.text, m.place_id, m.flags) for m in mentions]

    return run
