"""Exporting a run's layers: GeoJSON, GeoPackage, GeoParquet, or a CSV of events with ACLED-style columns.

>>> import tempfile
>>> from geoborder.pipeline import run_corpus
>>> from geoborder.resources import SAMPLES_DIR
>>> out = Path(tempfile.mkdtemp())
>>> _ = run_corpus([SAMPLES_DIR], out / "run")
>>> [p.name for p in export_layers(out / "run" / "layers", "csv", out / "events.csv")]
['events.csv']
>>> export_layers(out / "run" / "layers", "shapefile", out / "x")
Traceback (most recent call last):
    ...
geoborder.errors.InputError: shapefile: unknown export format; the formats are csv, geojson, gpkg, parquet

=========  =============================================  ===============================
format     what                                           output
=========  =============================================  ===============================
geojson    every layer, RFC 7946                          a folder: ``NAME.geojson``
gpkg       every layer, one table each                    a ``.gpkg`` file
parquet    every layer, GeoParquet                        a folder: ``NAME.parquet``
csv        closures and attacks, ACLED's columns first    a ``.csv`` file
=========  =============================================  ===============================

``geoborder.export.files`` says how lists are stored in GeoPackage and
Parquet; ``geoborder.export.acled`` how events map onto ACLED's columns.
Every output is written atomically and is byte-identical for the same layers.
"""

from __future__ import annotations

from pathlib import Path

from geoborder.errors import InputError
from geoborder.export.acled import write_acled_csv
from geoborder.export.files import write_geojson_folder, write_geopackage, write_parquet_folder
from geoborder.export.frames import layer_frames


def _folder(output: Path, fmt: str) -> Path:
    if output.exists() and not output.is_dir():
        raise InputError(output, f"is a file; {fmt} export writes a folder of layer files")
    return output


def _file(output: Path, fmt: str) -> Path:
    if output.is_dir():
        raise InputError(output, f"is a folder; {fmt} export writes one file, name it (e.g. {output / ('events.' + fmt)})")
    return output


def _export_geojson(layers_dir: Path, output: Path) -> list[Path]:
    return write_geojson_folder(layer_frames(layers_dir), _folder(output, "geojson"))


def _export_gpkg(layers_dir: Path, output: Path) -> list[Path]:
    return write_geopackage(layer_frames(layers_dir), _file(output, "gpkg"))


def _export_parquet(layers_dir: Path, output: Path) -> list[Path]:
    return write_parquet_folder(layer_frames(layers_dir), _folder(output, "parquet"))


def _export_csv(layers_dir: Path, output: Path) -> list[Path]:
    return write_acled_csv(layers_dir, _file(output, "csv"))


FORMATS = {
    "csv": _export_csv,
    "geojson": _export_geojson,
    "gpkg": _export_gpkg,
    "parquet": _export_parquet,
}


def export_layers(layers_dir: str | Path, fmt: str, output: str | Path) -> list[Path]:
    """Write the layers in ``layers_dir`` as ``fmt`` to ``output``; the paths written.

    Unknown format, missing folder or layer, unreadable layer: an InputError naming it.
    """
    writer = FORMATS.get(str(fmt).lower())
    if writer is None:
        raise InputError(fmt, f"unknown export format; the formats are {', '.join(sorted(FORMATS))}")
    return writer(Path(layers_dir), Path(output))
