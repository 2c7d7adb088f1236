"""Where and under which names the jobs write: the output folder, file names, notes.

The file names stay French whatever the language of the tables.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from avs_geo._i18n import Language
from avs_geo._i18n.workflows import FILE_DESCRIPTIONS, TEXT
from avs_geo._typography import format_threshold
from avs_geo.errors import InputFileError
from avs_geo.read._files import PathLike
from avs_geo.write.text import to_markdown

__all__ = [
    "COMPARISON_FILES",
    "COVERAGE_FILES",
    "GEOPACKAGE_LAYERS",
    "SITES_FILES",
    "describe_file",
    "output_dir",
    "threshold_note",
    "write_markdown",
]

COVERAGE_FILES: dict[str, str] = {
    "qpv": "couverture_qpv.csv",
    "summary": "synthese.csv",
    "summary_md": "synthese.md",
    "structures": "structures_couverture.csv",
    "workbook": "rapport_couverture.xlsx",
    "geopackage": "couverture.gpkg",
    "map_html": "carte_couverture.html",
    "map_png": "carte_couverture.png",
    "map_print": "carte_rapport.png",
    "map_svg": "carte_rapport.svg",
    "map_atlas": "atlas_couverture.pdf",
}
"""File names :func:`avs_geo.run_coverage` writes in the output folder, by key."""

COMPARISON_FILES: dict[str, str] = {
    "qpv": "comparaison_qpv.csv",
    "summary": "comparaison_synthese.csv",
    "summary_md": "comparaison.md",
    "workbook": "comparaison.xlsx",
}
"""File names :func:`avs_geo.run_comparison` writes in the output folder, by key."""

SITES_FILES: dict[str, str] = {
    "scores": "sites_scores.csv",
    "chosen": "sites_choisis.csv",
    "qpv": "sites_qpv.csv",
    "summary_md": "sites.md",
    "workbook": "sites.xlsx",
    "map_html": "carte_sites.html",
}
"""File names :func:`avs_geo.workflows.run_sites` writes in the output folder, by key."""

GEOPACKAGE_LAYERS = ("qpv_couverture", "zones", "structures", "communes")
"""Layers of the GeoPackage written by :func:`avs_geo.run_coverage`."""


_LIST_ITEM = re.compile(r"\s*(\d+\.|[-*+])\s")


def output_dir(output: PathLike) -> Path:
    """The output folder, created if needed.

    Raises
    ------
    InputFileError
        ``output`` names a file.
    """
    folder = Path(output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise InputFileError(
            f"The output folder '{folder}' is a file; give a folder name (it is created if needed)."
        )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def describe_file(path: PathLike) -> str:
    """What a file written by a job holds, in French ('' for another file).

    Examples
    --------
    >>> describe_file("sortie/synthese.md")
    'phrase du rapport et tableau de synthèse (Markdown)'
    """
    return FILE_DESCRIPTIONS.get(Path(path).name, "")


def threshold_note(full_min: float, none_max: float, language: Language) -> str:
    """The sentence that gives the class thresholds, under a table of classes.

    Examples
    --------
    >>> threshold_note(0.95, 0.05, "en")
    'Thresholds: fully covered if the rate ≥ 95%; not covered if the rate ≤ 5%; partly in between.'
    """
    return TEXT[language]["thresholds"].format(
        full=format_threshold(full_min, language=language),
        none=format_threshold(none_max, language=language),
    )


def write_markdown(
    path: Path,
    *,
    title: str,
    lead: str,
    table: pd.DataFrame,
    notes: list[str],
    sources: Mapping[str, str],
    language: Language,
) -> None:
    """Write a note: title, lead sentence, table, notes and the sources read."""
    lines = [f"# {title}", "", lead, "", to_markdown(table, language=language), ""]
    for note, following in zip(notes, [*notes[1:], ""], strict=True):
        lines.append(note)
        # One paragraph per note: two text lines in a row would merge (list items not).
        if note and following and not (_LIST_ITEM.match(note) and _LIST_ITEM.match(following)):
            lines.append("")
    lines.append("")
    if sources:
        lines += [TEXT[language]["sources"], ""]
        lines += [f"- {item} : {source}" for item, source in sources.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
