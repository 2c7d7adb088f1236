"""The planner's inputs of a job: the QPV, communes and structures read, and the options
that choose among them (the date, the departments).

:func:`load_inputs` reads them for any job; the ``run_*`` functions read them as their
first three steps (:func:`read_inputs`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from avs_geo._codes import departement_codes
from avs_geo._crs import check_forced_crs, parse_crs, to_working_crs
from avs_geo._dates import parse_date
from avs_geo._deprecated import perimeters_argument
from avs_geo._i18n import Language, _check_language, message
from avs_geo._i18n.crs import crs_message
from avs_geo._i18n.workflows import (
    EMBEDDED_SOURCES,
    FILE_SOURCE,
    GUARD_MESSAGES,
    INDICATORS_SOURCE,
    MESSAGES,
    STRUCTURES_SOURCE,
    TERRITORIES_SOURCE,
    TEXT,
    VINTAGE_SOURCE,
    VINTAGE_TEXT,
)
from avs_geo._validate import check_geodataframe
from avs_geo.datasets import COMMUNE_VINTAGES
from avs_geo.errors import InputTypeError, ParameterError, format_ids
from avs_geo.read import load_structures, load_territories
from avs_geo.read._files import PathLike, SheetPath
from avs_geo.read._vocabulary import ColumnReport
from avs_geo.read.communes import read_communes
from avs_geo.read.indicators import join_indicators
from avs_geo.read.qpv import read_qpv
from avs_geo.workflows.guards import check_overlap
from avs_geo.workflows.outputs import Stage, staged_output
from avs_geo.workflows.progress import READING, Progress, Steps

__all__ = [
    "Inputs",
    "StagedJob",
    "departements",
    "file_source",
    "keep_departements",
    "load_inputs",
    "parse_date",
    "read_inputs",
    "staged_job",
    "territory_of",
]

Run = TypeVar("Run")


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
    territories : DataFrame or None
        The planner's territories (:func:`avs_geo.load_territories`), when given.
    columns : dict of str to ColumnReport
        ``"qpv"``, ``"communes"`` -> which header of the file read was read as what
        (files only: the embedded communes and frames passed in have none).
    vintage : int or None
        The vintage of the communes (2022, 2026) when they were loaded for one: they
        then carry their EPCI and population.
    """

    qpv: gpd.GeoDataFrame
    all_qpv: gpd.GeoDataFrame
    communes: gpd.GeoDataFrame
    structures: gpd.GeoDataFrame
    sources: dict[str, str]
    territories: pd.DataFrame | None = None
    vintage: int | None = None
    columns: Mapping[str, ColumnReport] = field(default_factory=dict)


def load_inputs(
    *,
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None = None,
    communes: PathLike | gpd.GeoDataFrame | None = None,
    perimeters: PathLike | gpd.GeoDataFrame | None = None,
    departement: str | Iterable[str] | None = None,
    language: Language = "fr",
    progress: Progress | None = None,
    zones: PathLike | gpd.GeoDataFrame | None = None,
    vintage: int | None = None,
    territories: PathLike | pd.DataFrame | None = None,
    indicators: PathLike | pd.DataFrame | None = None,
    crs: str | int | CRS | None = None,
    source_crs: str | int | CRS | None = None,
) -> Inputs:
    """Read the QPV, the communes and the structures, and check the structures' codes.

    Parameters
    ----------
    structures : path or GeoDataFrame
        The structures file of the CAF (:func:`avs_geo.load_structures`), or the frame.
    qpv, communes : path or GeoDataFrame, optional
        The QPV and commune contours; None reads the embedded data (the 2015 QPV of
        Occitanie; the communes of Occitanie, Nord, Pas-de-Calais and Val-d'Oise).
    perimeters : path or GeoDataFrame, optional
        Drawn perimeters of some structures, keyed by ``structure_id``.
    departement : str or list of str, optional
        Keep the QPV of these departments. The communes and structures are all kept:
        a structure of a neighbouring department may serve a QPV of this one.
    language : {"fr", "en"}, default "fr"
        Language of the progress labels and of the data sources.
    progress : callable, optional
        ``progress(label, step, total)`` before each of the three readings.
    zones : path or GeoDataFrame, optional
        Deprecated name of ``perimeters`` (avs_geo 0.1), removed in 0.3: warns.
    vintage : {2022, 2026}, optional
        Load the communes of that year (``load_communes(..., vintage=...)``): current
        codes, EPCI and population; a structure naming a former code takes its current
        commune, with a warning. With ``territories`` and no vintage, the latest one.
    territories : path or DataFrame, optional
        The planner's territories (:func:`avs_geo.load_territories`).
    indicators : path or DataFrame, optional
        The INSEE table of the QPV (code, population, other indicators), joined to the
        QPV by code (``avs_geo.read.indicators.join_indicators``): the population, and
        every numeric column as a weight for the sites (``weight="tp60"``).
    crs : str, int or pyproj.CRS, optional
        Force the working CRS of every layer (``--crs``); it must be fit to measure
        where the QPV lie (projected, in metres, conformal, scale error at most 0.5 %).
        None (default): the official projection of the QPV's territory (Lambert-93 in
        metropolitan France, 5490, 2972, 2975, 4471 overseas); QPV of several
        territories are measured each in its own (``avs_geo.to_working_crs``).
    source_crs : str, int or pyproj.CRS, optional
        The CRS of the coordinates of a file that declares none (a shapefile without
        its .prj): ``--crs-fichiers``. Never used for a file that declares its CRS.

    Returns
    -------
    Inputs

    Raises
    ------
    MissingFileError, InputFileError, SchemaError, UnknownCodeError, ...
        As the loaders do; a zone naming a commune or QPV code absent from the reference
        layers is an error naming the structure and the code. Structures and QPV in
        different departments (a structures file of the Nord with the embedded QPV of
        Occitanie) are an ``InputFileError`` naming the departments of each
        (``avs_geo.workflows.guards.check_overlap``).

    Examples
    --------
    >>> import warnings
    >>> from avs_geo.datasets import get_path
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the 32 QPV contours repaired
    ...     inputs = load_inputs(structures=get_path("structures_exemple_occitanie"),
    ...                          perimeters=get_path("zones_exemple_occitanie"))
    >>> len(inputs.qpv), len(inputs.structures)
    (105, 35)
    """
    perimeters = perimeters_argument("load_inputs", perimeters, zones)
    _check_language(language)
    return read_inputs(
        Steps(progress, READING, language),
        structures=structures,
        qpv=qpv,
        communes=communes,
        perimeters=perimeters,
        departement=departement,
        language=language,
        vintage=vintage,
        territories=territories,
        indicators=indicators,
        crs=crs,
        source_crs=source_crs,
    )


def read_inputs(
    steps: Steps,
    *,
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None,
    communes: PathLike | gpd.GeoDataFrame | None,
    perimeters: PathLike | gpd.GeoDataFrame | None,
    departement: str | Iterable[str] | None,
    language: Language,
    vintage: int | None = None,
    territories: PathLike | pd.DataFrame | None = None,
    indicators: PathLike | pd.DataFrame | None = None,
    crs: str | int | CRS | None = None,
    source_crs: str | int | CRS | None = None,
) -> Inputs:
    """:func:`load_inputs` as the first three steps of a job.

    Every layer ends in one working CRS: ``crs`` when forced (checked against the
    QPV's territories), else that of the QPV layer, the official projection of its
    territory. Frames given are reprojected too, with a French warning when their CRS
    was unfit to measure (Web-Mercator...).
    """
    forced = None if crs is None else parse_crs(crs)
    declared = None if source_crs is None else parse_crs(source_crs)
    embedded = EMBEDDED_SOURCES[language]
    if territories is not None and vintage is None:
        vintage = COMMUNE_VINTAGES[-1]
    territory_table = None
    if isinstance(territories, pd.DataFrame):
        territory_table = territories
    elif territories is not None:
        territory_table = load_territories(territories, vintage=vintage)
    sources: dict[str, str] = {}
    columns: dict[str, ColumnReport] = {}
    steps("qpv")
    if isinstance(qpv, gpd.GeoDataFrame):
        all_qpv = _in_working_crs(qpv, "qpv", forced)
        if indicators is not None:
            all_qpv = join_indicators(all_qpv, indicators)
    else:
        all_qpv, columns["qpv"] = read_qpv(
            qpv, crs=forced, source_crs=declared, indicators=indicators
        )
        sources["QPV"] = embedded["QPV"] if qpv is None else file_source(qpv, language)
    if indicators is not None and not isinstance(indicators, pd.DataFrame):
        sources[INDICATORS_SOURCE[language]] = file_source(indicators, language)
    if forced is not None:
        check_forced_crs(forced, all_qpv, what=crs_message("what_qpv_coverage"))
    working = all_qpv.crs
    qpv_gdf = keep_departements(all_qpv, departements(departement))
    steps("communes")
    if isinstance(communes, gpd.GeoDataFrame):
        communes_gdf = _in_working_crs(communes, "communes", working)
    else:
        communes_gdf, report = read_communes(
            communes, vintage=vintage, crs=working, source_crs=declared
        )
        if report is not None:
            columns["communes"] = report
        sources["Communes"] = (
            embedded["Communes"] if communes is None else file_source(communes, language)
        )
        if vintage is not None:
            sources[VINTAGE_SOURCE[language]] = VINTAGE_TEXT[language].format(vintage=vintage)
    if territories is not None and not isinstance(territories, pd.DataFrame):
        sources[TERRITORIES_SOURCE[language]] = file_source(territories, language)
    steps("structures")
    if isinstance(structures, gpd.GeoDataFrame):
        if perimeters is not None:
            raise ParameterError(message(MESSAGES, "perimeters_frame"))
        structures_gdf = _in_working_crs(structures, "structures", working)
    elif isinstance(structures, str | Path | SheetPath):
        structures_gdf = load_structures(
            structures,
            perimeters=perimeters,
            communes=communes_gdf,
            qpv=all_qpv,
            crs=working,
            source_crs=declared,
        )
        sources[STRUCTURES_SOURCE[language]] = file_source(Path(structures), language)
    else:
        raise InputTypeError(message(MESSAGES, "structures_type", got=type(structures).__name__))
    check_overlap(
        qpv_gdf,
        structures_gdf,
        communes_gdf,
        qpv_source=_source_name(qpv),
        structures_source=_source_name(structures) or "",
        departement=departements(departement),
    )
    return Inputs(
        qpv=qpv_gdf,
        all_qpv=all_qpv,
        communes=communes_gdf,
        structures=structures_gdf,
        sources=sources,
        territories=territory_table,
        vintage=vintage,
        columns=columns,
    )


@dataclass(frozen=True)
class StagedJob:
    """A job under way (:func:`staged_job`): its stage, its steps, the inputs it read."""

    stage: Stage
    steps: Steps
    inputs: Inputs
    given: Mapping[str, object]
    crs: str | int | CRS | None = None
    source_crs: str | int | CRS | None = None

    def commit(self, run: Run, options: Mapping[str, object]) -> Run:
        """Install the files of ``run`` (a dataclass with ``files``) and return it with
        their final paths; the manifest names the inputs given, ``options`` and the CRS."""
        options = {
            **options,
            "crs": None if self.crs is None else str(self.crs),
            "crs_fichiers": None if self.source_crs is None else str(self.source_crs),
        }
        job: Any = run
        files = self.stage.commit(job.files, inputs=self.given, options=options)
        return dataclasses.replace(job, files=files)


@contextlib.contextmanager
def staged_job(
    output: PathLike,
    *,
    names: Iterable[str],
    plan: tuple[str, ...],
    progress: Progress | None,
    given: Mapping[str, Any],
    departement: str | Iterable[str] | None = None,
    language: Language = "fr",
    vintage: int | None = None,
    crs: str | int | CRS | None = None,
    source_crs: str | int | CRS | None = None,
) -> Iterator[StagedJob]:
    """The prelude of every ``run_*`` job: lock the output folder, read the inputs.

    ``given`` names the inputs as the manifest does (``structures``, ``qpv``,
    ``communes``, ``perimetres``, ``indicateurs``, ``territoires``, and others such as
    ``candidats`` that the job reads itself); the layers among them are read
    (:func:`read_inputs`) as the first steps of ``plan``, inside
    :func:`~avs_geo.workflows.outputs.staged_output`. The job writes to
    ``job.stage.work`` and ends with ``job.commit(run, options)``.
    """
    with staged_output(output, names=names, inputs=given.values()) as stage:
        steps = Steps(progress, plan, language)
        inputs = read_inputs(
            steps,
            structures=given["structures"],
            qpv=given.get("qpv"),
            communes=given.get("communes"),
            perimeters=given.get("perimetres"),
            departement=departement,
            language=language,
            indicators=given.get("indicateurs"),
            vintage=vintage,
            territories=given.get("territoires"),
            crs=crs,
            source_crs=source_crs,
        )
        yield StagedJob(stage, steps, inputs, given, crs=crs, source_crs=source_crs)


def _source_name(given: object) -> str | None:
    """How a message names an input: its file, a frame as such, None when not given."""
    if given is None:
        return None
    if isinstance(given, pd.DataFrame):
        return message(GUARD_MESSAGES, "python_frame")
    if isinstance(given, os.PathLike):
        given = os.fspath(given)
    return message(GUARD_MESSAGES, "source_file", path=given)


def _in_working_crs(gdf: gpd.GeoDataFrame, name: str, crs: object) -> gpd.GeoDataFrame:
    """A frame given to a job, in the working CRS (reprojected with a French warning when
    its CRS was unfit to measure); a frame without CRS is refused by name."""
    check_geodataframe(gdf, name)
    return to_working_crs(gdf, what=f"'{name}'", crs=crs, stacklevel=5)


def file_source(path: PathLike, language: Language) -> str:
    """How the ``Méthode`` sheet names a file read."""
    return FILE_SOURCE[language].format(name=Path(path).name)


def departements(departement: str | Iterable[str] | None) -> list[str] | None:
    """Department codes as the QPV layer writes them: ``31`` -> ``'31'``, ``9`` -> ``'09'``."""
    if departement is None:
        return None
    return departement_codes(departement)


def keep_departements(qpv: gpd.GeoDataFrame, wanted: list[str] | None) -> gpd.GeoDataFrame:
    """The QPV of the wanted departments (all when None)."""
    if wanted is None:
        return qpv
    kept = qpv[qpv["departement"].astype(str).isin(wanted)]
    if len(kept) == 0:
        raise ParameterError(
            message(
                MESSAGES,
                "no_departement_qpv",
                wanted=format_ids(wanted),
                held=format_ids(sorted(qpv["departement"].astype(str).unique())),
            )
        )
    return kept.reset_index(drop=True)


def territory_of(territory: str | None, wanted: list[str] | None, language: Language) -> str | None:
    """How the sentence names the territory: as given, else "du département" when some are kept."""
    if territory is not None or wanted is None:
        return territory
    return TEXT[language]["departments" if len(wanted) > 1 else "department"]
