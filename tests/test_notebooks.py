"""The notebooks under notebooks/ run top to bottom on the bundled samples, and stay committed without outputs.

Execution runs each notebook as an analyst would (cwd = notebooks/), with
``GEOBORDER_LAYERS`` pointing at a fresh run of the samples so the result does
not depend on whatever is in the checkout's outputs/ folder.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = ("events.ipynb", "crossings.ipynb")
TIMEOUT = 300  # seconds, for a whole notebook (and so for any one cell)


def read_notebook(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS_DIR / name, as_version=4)


def cells_tagged(nb: nbformat.NotebookNode, tag: str) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if tag in cell.get("metadata", {}).get("tags", [])]


def output_types(cell: nbformat.NotebookNode) -> set[str]:
    """The MIME types (and 'stream'/'error') of a code cell's outputs."""
    kinds = set()
    for output in cell.get("outputs", []):
        kinds.add(output["output_type"])
        kinds.update(output.get("data", {}))
    return kinds


def tagged_output(nb: nbformat.NotebookNode, tag: str, mime: str) -> None:
    cells = cells_tagged(nb, tag)
    assert cells, f"no cell tagged {tag!r}"
    assert any(mime in output_types(cell) for cell in cells), f"cell {tag!r} produced no {mime} output"


@pytest.fixture(scope="module")
def executed(sample_layers):
    from nbclient import NotebookClient

    done: dict[str, nbformat.NotebookNode] = {}

    def run(name: str) -> nbformat.NotebookNode:
        if name not in done:
            nb = read_notebook(name)
            client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3")
            env = {**os.environ, "GEOBORDER_LAYERS": str(sample_layers)}
            # a failing cell raises CellExecutionError; wait_for bounds the whole notebook
            asyncio.run(asyncio.wait_for(client.async_execute(cwd=str(NOTEBOOKS_DIR), env=env), TIMEOUT))
            done[name] = nb
        return done[name]

    return run


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_without_errors(executed, name):
    nb = executed(name)
    errors = [cell.source for cell in nb.cells if cell.cell_type == "code" and "error" in output_types(cell)]
    assert not errors, f"{name}: cells errored:\n" + "\n---\n".join(errors)
    assert all(cell.execution_count for cell in nb.cells if cell.cell_type == "code"), "a code cell did not run"


@pytest.mark.slow
def test_events_notebook_shows_tables_charts_and_maps(executed):
    nb = executed("events.ipynb")
    assert any("image/png" in output_types(cell) for cell in nb.cells if cell.cell_type == "code")
    for tag in ("counts-table", "fatalities-table", "actors-table", "evidence-table"):
        tagged_output(nb, tag, "text/html")
    for tag in ("counts-chart", "fatalities-chart", "static-map"):
        tagged_output(nb, tag, "image/png")
    counts = cells_tagged(nb, "counts-table")[0]
    html = "".join(o["data"]["text/html"] for o in counts.outputs if "text/html" in o.get("data", {}))
    assert "<table" in html and "closure" in html and "total" in html
    tagged_output(nb, "interactive-map", "text/html")
    assert nb.cells[-1].metadata.get("tags") == ["interactive-map"], "the interactive map is the last cell"


@pytest.mark.slow
def test_crossings_notebook_shows_timeline_and_status(executed):
    nb = executed("crossings.ipynb")
    tagged_output(nb, "timeline-chart", "image/png")
    for tag in ("timeline-table", "last-report-table", "closed-on-date"):
        tagged_output(nb, tag, "text/html")
    status_on = cells_tagged(nb, "status-on")[0]
    printed = "".join(o.get("text", "") for o in status_on.outputs if o["output_type"] == "stream")
    assert "chosen date: 20" in printed


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_committed_clean(name):
    nb = read_notebook(name)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: cell {i} has outputs; clear them before committing"
            assert cell.execution_count is None, f"{name}: cell {i} has an execution count"


def test_every_notebook_is_tested():
    assert sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")) == sorted(NOTEBOOKS)
