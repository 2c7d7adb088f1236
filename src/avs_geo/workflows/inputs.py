"""Shared steps of the pipeline: read the inputs, count the steps, write a note.

Used by :mod:`avs_geo.workflows.jobs` and :mod:`avs_geo.workflows.sites`; the public names
(:class:`Inputs`, :func:`load_inputs`, :func:`parse_date`) are exported by
:mod:`avs_geo.workflows.jobs`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from avs_geo._codes import departement_codes
from avs_geo._dates import parse_date as parse_date  # re-exported to workflows.jobs
from avs_geo._i18n import Language, _check_language
from avs_geo.coverage.measure import compute_coverage
from avs_geo.errors import InputFileError, InputTypeError, ParameterError, format_ids
from avs_geo.read import load_communes, load_qpv, load_structures
from avs_geo.read._files import PathLike
from avs_geo.write.text import to_markdown
from avs_geo.zones import build_zones

Progress = Callable[[str, int, int], None]
"""``progress(label, step, total)``, called before each step of a run."""

EMBEDDED_SOURCES: dict[str, dict[str, str]] = {
    "fr": {
        "QPV": "contours des QPV 2015 d'Occitanie, État (CGET/ANCT, SIG Ville) ; population "
        "INSEE ; Licence Ouverte (Etalab 2.0), données embarquées dans avs_geo",
        "Communes": "contours des communes, IGN Admin Express COG 2018 ; Licence Ouverte "
        "(Etalab 2.0), données embarquées dans avs_geo",
    },
    "en": {
        "QPV": "2015 QPV contours of Occitanie, French State (CGET/ANCT, SIG Ville); INSEE "
        "population; Licence Ouverte (Etalab 2.0), embedded in avs_geo",
        "Communes": "commune contours, IGN Admin Express COG 2018; Licence Ouverte (Etalab "
        "2.0), embedded in avs_geo",
    },
}
"""Attribution of the embedded data, written on the ``Méthode`` sheet (its licence asks for it)."""

STRUCTURES_SOURCE = {"fr": "Fichier des structures", "en": "Structures file"}
"""Item naming the structures' source on the ``Méthode`` sheet (its "Structures" item counts
the zones)."""

STEPS: dict[str, dict[str, str]] = {
    "fr": {
        "qpv": "Lecture des QPV",
        "communes": "Lecture des communes",
        "structures": "Lecture des structures",
        "zones": "Zones d'intervention",
        "coverage": "Couverture des QPV",
        "tables": "Tableaux CSV et Markdown",
        "workbook": "Classeur Excel",
        "geopackage": "GeoPackage",
        "map_html": "Carte interactive",
        "map_png": "Carte PNG",
        "zones_at": "Zones et couverture au {date}",
        "compare": "Comparaison des deux dates",
        "candidates": "Lecture des sites candidats",
        "scores": "Score de chaque site",
        "selection": "Choix de {k} sites ensemble",
        "with_sites": "Couverture avec les sites choisis",
        "sites_tables": "Tableaux des sites",
        "sites_map": "Carte des sites",
    },
    "en": {
        "qpv": "Reading the QPV",
        "communes": "Reading the communes",
        "structures": "Reading the structures",
        "zones": "Intervention zones",
        "coverage": "Coverage of the QPV",
        "tables": "CSV and Markdown tables",
        "workbook": "Excel workbook",
        "geopackage": "GeoPackage",
        "map_html": "Interactive map",
        "map_png": "PNG map",
        "zones_at": "Zones and coverage at {date}",
        "compare": "Comparing the two dates",
        "candidates": "Reading the candidate sites",
        "scores": "Score of each site",
        "selection": "Choosing {k} sites together",
        "with_sites": "Coverage with the chosen sites",
        "sites_tables": "Site tables",
        "sites_map": "Map of the sites",
    },
}

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Couverture des QPV par l'offre d'animation de la vie sociale",
        "thresholds": "Seuils : couvert en totalité si le taux ≥ {full} ; non couvert si le "
        "taux ≤ {none} ; partiellement entre les deux.",
        "sources": "Sources",
        "all_dates": "toutes les structures du fichier, quelles que soient leurs dates",
        "date": "Structures agréées au {date}",
        "comparison": "Évolution de la couverture des QPV",
        "department": "du département",
        "departments": "des départements",
    },
    "en": {
        "title": "Coverage of the QPV by the social-life (AVS) offer",
        "thresholds": "Thresholds: fully covered if the rate ≥ {full}; not covered if the "
        "rate ≤ {none}; partly in between.",
        "sources": "Sources",
        "all_dates": "every structure of the file, whatever its dates",
        "date": "Structures agreed at {date}",
        "comparison": "Change of the coverage of the QPV",
        "department": "of the department",
        "departments": "of the departments",
    },
}


@dataclass(frozen=True, eq=False)  # frames inside: no element-wise ==
class Inputs:
    """The layers a run read.

    Attributes
    ----------
    qpv : GeoDataFrame
        The QPV whose coverage is measured (those of ``departement`` when given).
    all_qpv : GeoDataFrame
        Every QPV of the layer read: the zones naming QPV are built from it, so that a
        structure may name a QPV of a neighbouring department.
    communes : GeoDataFrame
    structures : GeoDataFrame
        Every structure of the file, whatever its dates.
    sources : dict of str to str
        Item -> where it comes from, for the ``Méthode`` sheet.
    """

    qpv: gpd.GeoDataFrame
    all_qpv: gpd.GeoDataFrame
    communes: gpd.GeoDataFrame
    structures: gpd.GeoDataFrame
    sources: dict[str, str]


class Steps:
    """Counts the steps of a run and reports them to a ``progress`` callback."""

    def __init__(self, progress: Progress | None, total: int, language: Language) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        self.labels = STEPS[language]

    def __call__(self, key: str, **values: str) -> None:
        self.done += 1
        if self.progress is not None:
            label = self.labels[key].format(**values)
            self.progress(label, self.done, max(self.total, self.done))


def load_inputs(
    *,
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None = None,
    communes: PathLike | gpd.GeoDataFrame | None = None,
    zones: PathLike | gpd.GeoDataFrame | None = None,
    departement: str | Iterable[str] | None = None,
    language: Language = "fr",
    progress: Progress | None = None,
) -> Inputs:
    """Read the QPV, the communes and the structures, and check the structures' codes.

    Parameters
    ----------
    structures : path or GeoDataFrame
        The structures file of the CAF (:func:`avs_geo.load_structures`), or the frame.
    qpv, communes : path or GeoDataFrame, optional
        The QPV and commune contours; None reads the embedded data (the 2015 QPV of
        Occitanie; the communes of Occitanie, Nord, Pas-de-Calais and Val-d'Oise).
    zones : path or GeoDataFrame, optional
        Drawn perimeters of some structures, keyed by ``structure_id``.
    departement : str or list of str, optional
        Keep the QPV of these departments. The communes and structures are all kept:
        a structure of a neighbouring department may serve a QPV of this one.
    language : {"fr", "en"}, default "fr"
        Language of the progress labels and of the data sources.
    progress : callable, optional
        ``progress(label, step, total)`` before each of the three readings.

    Returns
    -------
    Inputs

    Raises
    ------
    MissingFileError, InputFileError, SchemaError, UnknownCodeError, ...
        As the loaders do; a zone naming a commune or QPV code absent from the reference
        layers is an error naming the structure and the code.

    Examples
    --------
    >>> import warnings
    >>> from avs_geo.datasets import get_path
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the 32 QPV contours repaired
    ...     inputs = load_inputs(structures=get_path("structures_exemple_occitanie"),
    ...                          zones=get_path("zones_exemple_occitanie"))
    >>> len(inputs.qpv), len(inputs.structures)
    (105, 35)
    """
    _check_language(language)
    steps = Steps(progress, 3, language)
    return load_layers(
        steps,
        structures=structures,
        qpv=qpv,
        communes=communes,
        zones=zones,
        departement=departement,
        language=language,
    )


def load_layers(
    steps: Steps,
    *,
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None,
    communes: PathLike | gpd.GeoDataFrame | None,
    zones: PathLike | gpd.GeoDataFrame | None,
    departement: str | Iterable[str] | None,
    language: Language,
) -> Inputs:
    embedded = EMBEDDED_SOURCES[language]
    sources: dict[str, str] = {}
    steps("qpv")
    if isinstance(qpv, gpd.GeoDataFrame):
        all_qpv = qpv
    else:
        all_qpv = load_qpv(qpv)
        sources["QPV"] = embedded["QPV"] if qpv is None else file_source(qpv, language)
    qpv_gdf = keep_departements(all_qpv, departements(departement))
    steps("communes")
    if isinstance(communes, gpd.GeoDataFrame):
        communes_gdf = communes
    else:
        communes_gdf = load_communes(communes)
        sources["Communes"] = (
            embedded["Communes"] if communes is None else file_source(communes, language)
        )
    steps("structures")
    if isinstance(structures, gpd.GeoDataFrame):
        if zones is not None:
            raise ParameterError(
                "zones (drawn perimeters) go with a structures file; with a structures frame, "
                "load them with avs_geo.load_structures(path, zones=...) first."
            )
        structures_gdf = structures
    elif isinstance(structures, str | Path):
        structures_gdf = load_structures(
            structures, zones=zones, communes=communes_gdf, qpv=all_qpv
        )
        sources[STRUCTURES_SOURCE[language]] = file_source(structures, language)
    else:
        raise InputTypeError(
            f"structures should be a file path or a GeoDataFrame, got {type(structures).__name__}."
        )
    return Inputs(
        qpv=qpv_gdf,
        all_qpv=all_qpv,
        communes=communes_gdf,
        structures=structures_gdf,
        sources=sources,
    )


def file_source(path: PathLike, language: Language) -> str:
    return f"fichier {Path(path).name}" if language == "fr" else f"file {Path(path).name}"


def departements(departement: str | Iterable[str] | None) -> list[str] | None:
    """Department codes as the QPV layer writes them: ``31`` -> ``'31'``, ``9`` -> ``'09'``."""
    if departement is None:
        return None
    return departement_codes(departement)


def keep_departements(qpv: gpd.GeoDataFrame, wanted: list[str] | None) -> gpd.GeoDataFrame:
    if wanted is None:
        return qpv
    kept = qpv[qpv["departement"].astype(str).isin(wanted)]
    if len(kept) == 0:
        raise ParameterError(
            f"No QPV of departement {format_ids(wanted)}; the QPV layer holds departements "
            f"{format_ids(sorted(qpv['departement'].astype(str).unique()))}."
        )
    return kept.reset_index(drop=True)


def territory_of(territory: str | None, wanted: list[str] | None, language: Language) -> str | None:
    if territory is not None or wanted is None:
        return territory
    return TEXT[language]["departments" if len(wanted) > 1 else "department"]


def output_dir(output: PathLike) -> Path:
    folder = Path(output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise InputFileError(
            f"The output folder '{folder}' is a file; give a folder name (it is created if needed)."
        )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def day_text(day: dt.date, language: Language) -> str:
    return day.strftime("%d/%m/%Y") if language == "fr" else day.isoformat()


def zones_and_coverage(
    inputs: Inputs, day: dt.date | None, full_min: float, none_max: float
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    zones = build_zones(inputs.structures, communes=inputs.communes, qpv=inputs.all_qpv, at=day)
    coverage = compute_coverage(inputs.qpv, zones, full_min=full_min, none_max=none_max)
    return zones, coverage


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
    lines = [f"# {title}", "", lead, "", to_markdown(table, language=language), ""]
    lines += [*notes, ""]
    if sources:
        lines += [f"{TEXT[language]['sources']} :" if language == "fr" else "Sources:", ""]
        lines += [f"- {item} : {source}" for item, source in sources.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
