"""Whole jobs in one call: read, compute and write every output to a folder.

:func:`run_coverage` gives the coverage of the QPV at a date (tables, workbook, maps,
GeoPackage), :func:`run_comparison` compares two dates, :func:`run_demo` runs both on
the embedded data with the EXAMPLE network. The command line ``avs-geo`` calls these
functions and only prints what they return; a notebook can call them the same way.

Nothing here prints: progress is reported through an optional ``progress`` callback,
``progress(label, step, total)``, called before each step (``step`` counts from 1).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from avs_geo._errors import InputFileError, InputTypeError, ParameterError, format_ids
from avs_geo._format import format_date
from avs_geo.classify import DEFAULT_FULL_MIN, DEFAULT_NONE_MAX, check_thresholds
from avs_geo.compare import CoverageComparison, compare_coverage
from avs_geo.coverage import compute_coverage
from avs_geo.datasets import get_path
from avs_geo.export import to_excel
from avs_geo.export_text import to_csv, to_markdown
from avs_geo.labels import STATUS_LABELS, Language, _check_language
from avs_geo.listing import qpv_table
from avs_geo.reach import structure_table
from avs_geo.read import load_communes, load_qpv, load_structures
from avs_geo.read._files import PathLike
from avs_geo.report import write_report
from avs_geo.sentence import coverage_sentence
from avs_geo.tables import coverage_summary
from avs_geo.write import freeze_xlsx, to_geopackage
from avs_geo.zones import build_zones

Progress = Callable[[str, int, int], None]
"""``progress(label, step, total)``, called before each step of a run."""

DEMO_DATE = "2022-12-31"
"""Date of the demo's coverage: the end of the 2018-2022 Cog."""

DEMO_BEFORE = "2021-12-31"
"""Earlier date the demo compares with :data:`DEMO_DATE`."""

COVERAGE_FILES: dict[str, str] = {
    "qpv": "couverture_qpv.csv",
    "summary": "synthese.csv",
    "summary_md": "synthese.md",
    "structures": "structures_couverture.csv",
    "workbook": "rapport_couverture.xlsx",
    "geopackage": "couverture.gpkg",
    "map_html": "carte_couverture.html",
    "map_png": "carte_couverture.png",
}
"""File names :func:`run_coverage` writes in the output folder, by key."""

COMPARISON_FILES: dict[str, str] = {
    "qpv": "comparaison_qpv.csv",
    "summary": "comparaison_synthese.csv",
    "summary_md": "comparaison.md",
    "workbook": "comparaison.xlsx",
}
"""File names :func:`run_comparison` writes in the output folder, by key."""

GEOPACKAGE_LAYERS = ("qpv_couverture", "zones", "structures")
"""Layers of the GeoPackage written by :func:`run_coverage`."""

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

EXAMPLE_NOTE: dict[str, str] = {
    "fr": "réseau d'EXEMPLE fabriqué pour la démonstration (data/structures), pas le réseau "
    "réel des centres sociaux et EVS, que détient chaque CAF",
    "en": "EXAMPLE network made for the demonstration (data/structures), not the real network "
    "of centres sociaux and EVS, which each CAF holds",
}

_STEPS: dict[str, dict[str, str]] = {
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
    },
}

_TEXT: dict[str, dict[str, str]] = {
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


@dataclass(frozen=True, eq=False)
class CoverageRun:
    """What :func:`run_coverage` computed and wrote.

    Attributes
    ----------
    inputs : Inputs
        The QPV, communes and structures read (every structure, active or not).
    date : datetime.date or None
        The date of the situation (None: every structure counted).
    zones : GeoDataFrame
        The zones of the structures active at ``date`` (:func:`avs_geo.build_zones`).
    coverage : GeoDataFrame
        Per-QPV coverage (:func:`avs_geo.compute_coverage`).
    summary : DataFrame
        The headline table (:func:`avs_geo.coverage_summary`).
    sentence : str
        The sentence a report prints under it (:func:`avs_geo.coverage_sentence`).
    files : dict of str to pathlib.Path
        Every file written, by key of :data:`COVERAGE_FILES`.
    """

    inputs: Inputs
    date: dt.date | None
    zones: gpd.GeoDataFrame
    coverage: gpd.GeoDataFrame
    summary: pd.DataFrame
    sentence: str
    files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class ComparisonRun:
    """What :func:`run_comparison` computed and wrote.

    Attributes
    ----------
    inputs : Inputs
    dates : (datetime.date, datetime.date)
    before, after : GeoDataFrame
        Per-QPV coverage at each date.
    comparison : CoverageComparison
        :func:`avs_geo.compare_coverage` of the two.
    files : dict of str to pathlib.Path
        Every file written, by key of :data:`COMPARISON_FILES`.
    """

    inputs: Inputs
    dates: tuple[dt.date, dt.date]
    before: gpd.GeoDataFrame
    after: gpd.GeoDataFrame
    comparison: CoverageComparison
    files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class DemoRun:
    """What :func:`run_demo` computed and wrote: the coverage and the comparison."""

    coverage: CoverageRun
    comparison: ComparisonRun

    @property
    def files(self) -> dict[str, Path]:
        """Every file written, by file name."""
        runs = (self.coverage.files, self.comparison.files)
        return {path.name: path for files in runs for path in files.values()}


class _Steps:
    """Counts the steps of a run and reports them to a ``progress`` callback."""

    def __init__(self, progress: Progress | None, total: int, language: Language) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        self.labels = _STEPS[language]

    def __call__(self, key: str, **values: str) -> None:
        self.done += 1
        if self.progress is not None:
            label = self.labels[key].format(**values)
            self.progress(label, self.done, max(self.total, self.done))


def parse_date(value: object, name: str = "date") -> dt.date | None:
    """A date given as ``2022-12-31``, ``31/12/2022``, a ``datetime.date`` or a Timestamp.

    Parameters
    ----------
    value : str, date, datetime, pandas.Timestamp or None
    name : str
        The argument's name, for the error message.

    Returns
    -------
    datetime.date or None
        None when ``value`` is None.

    Raises
    ------
    ParameterError
        The value is not a date in one of those forms, or not a real day.

    Examples
    --------
    >>> parse_date("31/12/2022"), parse_date("2022-12-31")
    (datetime.date(2022, 12, 31), datetime.date(2022, 12, 31))
    >>> parse_date("2022-13-45")
    Traceback (most recent call last):
    ...
    avs_geo._errors.ParameterError: date='2022-13-45' is not a date: ...
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        if pd.isna(value):
            raise ParameterError(f"{name} is a missing date (NaT).")
        return value.date()
    if isinstance(value, dt.date):
        return value
    hint = "write it as 2022-12-31 (year-month-day) or 31/12/2022 (day/month/year)."
    if not isinstance(value, str):
        raise ParameterError(f"{name} should be a date, got {type(value).__name__}; {hint}")
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        pass
    raise ParameterError(f"{name}={value!r} is not a date: {hint}")


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
    steps = _Steps(progress, 3, language)
    return _load(
        steps,
        structures=structures,
        qpv=qpv,
        communes=communes,
        zones=zones,
        departement=departement,
        language=language,
    )


def _load(
    steps: _Steps,
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
        sources["QPV"] = embedded["QPV"] if qpv is None else _file_source(qpv, language)
    qpv_gdf = _keep_departements(all_qpv, _departements(departement))
    steps("communes")
    if isinstance(communes, gpd.GeoDataFrame):
        communes_gdf = communes
    else:
        communes_gdf = load_communes(communes)
        sources["Communes"] = (
            embedded["Communes"] if communes is None else _file_source(communes, language)
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
        sources["Structures"] = _file_source(structures, language)
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


def _file_source(path: PathLike, language: Language) -> str:
    return f"fichier {Path(path).name}" if language == "fr" else f"file {Path(path).name}"


def _departements(departement: str | Iterable[str] | None) -> list[str] | None:
    """Department codes as the QPV layer writes them: ``31`` -> ``'31'``, ``9`` -> ``'09'``."""
    if departement is None:
        return None
    items = [departement] if isinstance(departement, str) else list(departement)
    return [str(d).strip().upper().zfill(2) for d in items]


def _keep_departements(qpv: gpd.GeoDataFrame, wanted: list[str] | None) -> gpd.GeoDataFrame:
    if wanted is None:
        return qpv
    kept = qpv[qpv["departement"].astype(str).isin(wanted)]
    if len(kept) == 0:
        raise ParameterError(
            f"No QPV of departement {format_ids(wanted)}; the QPV layer holds departements "
            f"{format_ids(sorted(qpv['departement'].astype(str).unique()))}."
        )
    return kept.reset_index(drop=True)


def _territory(territory: str | None, wanted: list[str] | None, language: Language) -> str | None:
    if territory is not None or wanted is None:
        return territory
    return _TEXT[language]["departments" if len(wanted) > 1 else "department"]


def _output_dir(output: PathLike) -> Path:
    folder = Path(output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise InputFileError(
            f"The output folder '{folder}' is a file; give a folder name (it is created if needed)."
        )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _day_text(day: dt.date, language: Language) -> str:
    return day.strftime("%d/%m/%Y") if language == "fr" else day.isoformat()


def _percent(value: float) -> str:
    return f"{value * 100:.6g}".replace(".", ",") + "\u00a0%"


def _zones_and_coverage(
    inputs: Inputs, day: dt.date | None, full_min: float, none_max: float
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    zones = build_zones(inputs.structures, communes=inputs.communes, qpv=inputs.all_qpv, at=day)
    coverage = compute_coverage(inputs.qpv, zones, full_min=full_min, none_max=none_max)
    return zones, coverage


def run_coverage(
    output: PathLike,
    *,
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None = None,
    communes: PathLike | gpd.GeoDataFrame | None = None,
    zones: PathLike | gpd.GeoDataFrame | None = None,
    date: object = None,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
    departement: str | Iterable[str] | None = None,
    territory: str | None = None,
    title: str | None = None,
    sources: Mapping[str, str] | None = None,
    language: Language = "fr",
    maps: bool = True,
    progress: Progress | None = None,
) -> CoverageRun:
    """Measure the coverage of the QPV at a date and write every output to a folder.

    Parameters
    ----------
    output : path
        The folder to write to (created if needed; files of the same names are replaced).
    structures, qpv, communes, zones, departement
        As for :func:`load_inputs` (None: the embedded QPV and communes).
    date : str ('2022-12-31' or '31/12/2022') or date, optional
        Count the structures whose agreement runs that day; None counts every structure.
    full_min, none_max : float, default 0.95 and 0.05
        Class thresholds (:func:`avs_geo.compute_coverage`).
    territory : str, optional
        How the sentence names the territory (``"du département"``); by default
        ``"du département"`` when ``departement`` is given, nothing otherwise.
    title : str, optional
        Title of the maps (None: the maps' default title).
    sources : mapping, optional
        More items for the ``Méthode`` sheet (item -> source and vintage); the files
        read are named there already.
    language : {"fr", "en"}, default "fr"
        Language of the tables, labels and maps (the file names stay French).
    maps : bool, default True
        Also write the maps (needs the ``maps`` extra).
    progress : callable, optional
        ``progress(label, step, total)`` before each step.

    Returns
    -------
    CoverageRun
        The frames computed and the files written (:data:`COVERAGE_FILES`): the per-QPV
        table, the summary (CSV, and Markdown with the sentence), the per-structure
        table, the Excel workbook (:func:`avs_geo.write_report`), the GeoPackage (layers
        :data:`GEOPACKAGE_LAYERS`) and the maps (HTML and PNG).

    Raises
    ------
    ParameterError
        Thresholds or date out of range, checked before any file is read.
    MissingFileError, InputFileError, SchemaError, UnknownCodeError, ...
        From the loaders and the computation, naming the file, column and ids.

    Notes
    -----
    Two runs on the same day with the same inputs write byte-identical files: the
    workbook and the GeoPackage carry the date of the day, not the time.

    Examples
    --------
    >>> import tempfile, warnings
    >>> from avs_geo.datasets import get_path
    >>> with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the 32 QPV contours repaired
    ...     run = run_coverage(folder, structures=get_path("structures_exemple_occitanie"),
    ...                        zones=get_path("zones_exemple_occitanie"), date="2022-12-31",
    ...                        maps=False)
    ...     sorted(run.files)
    ['geopackage', 'qpv', 'structures', 'summary', 'summary_md', 'workbook']
    >>> print(run.sentence)  # doctest: +NORMALIZE_WHITESPACE
    Au 31 décembre 2022, sur les 105 QPV, 35 (33,3\xa0%) sont couverts en totalité par une
    offre d'animation de la vie sociale, 10 (9,5\xa0%) partiellement et 60 (57,2\xa0%) ne
    sont pas couverts.
    """
    _check_language(language)
    full_min, none_max = check_thresholds(full_min, none_max)
    day = parse_date(date)
    folder = _output_dir(output)
    steps = _Steps(progress, coverage_step_count(maps=maps), language)
    inputs = _load(
        steps,
        structures=structures,
        qpv=qpv,
        communes=communes,
        zones=zones,
        departement=departement,
        language=language,
    )
    return _coverage(
        steps,
        inputs,
        folder,
        day=day,
        full_min=full_min,
        none_max=none_max,
        territory=_territory(territory, _departements(departement), language),
        title=title,
        sources=sources,
        language=language,
        maps=maps,
    )


def coverage_step_count(*, maps: bool = True) -> int:
    """Number of steps :func:`run_coverage` reports to ``progress``.

    Examples
    --------
    >>> coverage_step_count(), coverage_step_count(maps=False)
    (10, 8)
    """
    return 10 if maps else 8


def _coverage(
    steps: _Steps,
    inputs: Inputs,
    folder: Path,
    *,
    day: dt.date | None,
    full_min: float,
    none_max: float,
    territory: str | None,
    title: str | None,
    sources: Mapping[str, str] | None,
    language: Language,
    maps: bool,
) -> CoverageRun:
    steps("zones")
    zones = build_zones(inputs.structures, communes=inputs.communes, qpv=inputs.all_qpv, at=day)
    steps("coverage")
    coverage = compute_coverage(inputs.qpv, zones, full_min=full_min, none_max=none_max)
    summary = coverage_summary(coverage, date=day, territory=territory, language=language)
    sentence = coverage_sentence(summary)
    files: dict[str, Path] = {}

    def path(key: str) -> Path:
        files[key] = folder / COVERAGE_FILES[key]
        return files[key]

    steps("tables")
    to_csv(path("qpv"), qpv_table(coverage, zones=zones, language=language))
    to_csv(path("summary"), summary)
    to_csv(path("structures"), structure_table(coverage, zones, language=language))
    all_sources = {**inputs.sources, **(sources or {})}
    text = _TEXT[language]
    when = format_date(day, language=language) if day else None
    notes = [
        text["date"].format(date=when) if when else text["all_dates"].capitalize() + ".",
        text["thresholds"].format(full=_percent(full_min), none=_percent(none_max)),
    ]
    _write_markdown(
        path("summary_md"),
        title=text["title"],
        lead=sentence,
        table=summary,
        notes=notes,
        sources=all_sources,
        language=language,
    )

    steps("workbook")
    several = coverage["departement"].nunique() > 1 if "departement" in coverage else False
    write_report(
        path("workbook"),
        coverage,
        zones,
        by="departement" if several else None,
        date=day,
        territory=territory,
        sources=all_sources,
        language=language,
    )
    freeze_xlsx(files["workbook"])

    steps("geopackage")
    active = inputs.structures[inputs.structures["structure_id"].isin(zones["structure_id"])]
    labelled = coverage.assign(
        coverage_label=coverage["coverage_status"].map(STATUS_LABELS[language])
    )
    to_geopackage(
        path("geopackage"),
        dict(zip(GEOPACKAGE_LAYERS, (labelled, zones, active), strict=True)),
    )

    if maps:
        from avs_geo.maps import coverage_figure, coverage_map, save_map

        steps("map_html")
        layers = {"zones": zones, "structures": active}
        save_map(coverage_map(coverage, **layers, title=title, language=language), path("map_html"))
        steps("map_png")
        # Commune outlines situate the QPV on paper; those of the QPV's departments only.
        communes = inputs.communes
        if "departement" in communes and "departement" in coverage:
            communes = communes[communes["departement"].isin(coverage["departement"])]
        figure = coverage_figure(
            coverage, **layers, communes=communes, title=title, language=language
        )
        figure.savefig(path("map_png"), dpi=150)
    return CoverageRun(
        inputs=inputs,
        date=day,
        zones=zones,
        coverage=coverage,
        summary=summary,
        sentence=sentence,
        files=files,
    )


def _write_markdown(
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
        lines += [f"{_TEXT[language]['sources']} :" if language == "fr" else "Sources:", ""]
        lines += [f"- {item} : {source}" for item, source in sources.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def run_comparison(
    output: PathLike,
    *,
    before: object,
    after: object,
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None = None,
    communes: PathLike | gpd.GeoDataFrame | None = None,
    zones: PathLike | gpd.GeoDataFrame | None = None,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
    departement: str | Iterable[str] | None = None,
    language: Language = "fr",
    progress: Progress | None = None,
) -> ComparisonRun:
    """Compare the coverage of the QPV at two dates and write the comparison to a folder.

    Parameters
    ----------
    output : path
        The folder to write to (created if needed).
    before, after : str ('2021-12-31' or '31/12/2021') or date
        The two dates; ``before`` must come first.
    structures, qpv, communes, zones, departement
        As for :func:`load_inputs`.
    full_min, none_max : float, default 0.95 and 0.05
        Class thresholds, the same at both dates.
    language : {"fr", "en"}, default "fr"
    progress : callable, optional
        ``progress(label, step, total)`` before each step.

    Returns
    -------
    ComparisonRun
        The coverage at each date, the :class:`avs_geo.CoverageComparison` and the files
        of :data:`COMPARISON_FILES`: per-QPV changes and summary (CSV), the headline with
        the summary (Markdown), and a workbook with the three tables.

    Examples
    --------
    >>> import tempfile, warnings
    >>> from avs_geo.datasets import get_path
    >>> with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the 32 QPV contours repaired
    ...     run = run_comparison(folder, before="2021-12-31", after="31/12/2022",
    ...                          structures=get_path("structures_exemple_occitanie"),
    ...                          zones=get_path("zones_exemple_occitanie"))
    >>> print(run.comparison.changed().iloc[:, [0, 2, 3]].to_string(index=False))
    Code QPV Couverture (31/12/2021) Couverture (31/12/2022)
    QP066002             Non couvert   Couvert partiellement
    QP081003             Non couvert   Couvert partiellement
    QP031014             Non couvert   Couvert partiellement
    QP030004             Non couvert   Couvert partiellement
    QP034018     Couvert en totalité             Non couvert
    """
    _check_language(language)
    full_min, none_max = check_thresholds(full_min, none_max)
    days = parse_date(before, "before"), parse_date(after, "after")
    if days[0] is None or days[1] is None:
        raise ParameterError("before and after are both needed, e.g. '2021-12-31'.")
    first, second = days[0], days[1]
    if not first < second:
        raise ParameterError(
            f"before ({first}) should come before after ({second}): swap the two dates."
        )
    folder = _output_dir(output)
    steps = _Steps(progress, 3 + comparison_step_count(), language)
    inputs = _load(
        steps,
        structures=structures,
        qpv=qpv,
        communes=communes,
        zones=zones,
        departement=departement,
        language=language,
    )
    return _comparison(
        steps,
        inputs,
        folder,
        days=(first, second),
        full_min=full_min,
        none_max=none_max,
        language=language,
    )


def comparison_step_count() -> int:
    """Number of steps :func:`run_comparison` reports after reading its inputs."""
    return 3


def _comparison(
    steps: _Steps,
    inputs: Inputs,
    folder: Path,
    *,
    days: tuple[dt.date, dt.date],
    full_min: float,
    none_max: float,
    language: Language,
) -> ComparisonRun:
    coverages = []
    for day in days:
        steps("zones_at", date=_day_text(day, language))
        coverages.append(_zones_and_coverage(inputs, day, full_min, none_max)[1])
    steps("compare")
    names = (_day_text(days[0], language), _day_text(days[1], language))
    comparison = compare_coverage(coverages[0], coverages[1], names=names, language=language)
    files = {key: folder / name for key, name in COMPARISON_FILES.items()}
    to_csv(files["qpv"], comparison.qpv)
    to_csv(files["summary"], comparison.summary)
    text = _TEXT[language]
    # The headline of the comparison, as its repr and Jupyter display print it.
    headline = comparison._headline()
    notes = [text["thresholds"].format(full=_percent(full_min), none=_percent(none_max))]
    _write_markdown(
        files["summary_md"],
        title=text["comparison"],
        lead=headline,
        table=comparison.summary,
        notes=notes,
        sources=inputs.sources,
        language=language,
    )
    to_excel(files["workbook"], comparison.tables(), method=inputs.sources, language=language)
    freeze_xlsx(files["workbook"])
    return ComparisonRun(
        inputs=inputs,
        dates=days,
        before=coverages[0],
        after=coverages[1],
        comparison=comparison,
        files=files,
    )


def demo_step_count(*, maps: bool = True) -> int:
    """Number of steps :func:`run_demo` reports to ``progress``."""
    return coverage_step_count(maps=maps) + comparison_step_count()


def run_demo(
    output: PathLike,
    *,
    language: Language = "fr",
    maps: bool = True,
    progress: Progress | None = None,
) -> DemoRun:
    """The whole job on the embedded data, with the EXAMPLE network of Occitanie.

    The QPV (2015 generation) and communes of Occitanie are real open data; the
    structures (``data/structures/exemple_structures_occitanie.csv`` and their drawn
    perimeters) are an EXAMPLE made for the demonstration: the real list of centres
    sociaux and EVS is held by each CAF.

    Parameters
    ----------
    output : path
        The folder to write to (created if needed).
    language : {"fr", "en"}, default "fr"
    maps : bool, default True
        Also write the maps (needs the ``maps`` extra).
    progress : callable, optional
        ``progress(label, step, total)`` before each step.

    Returns
    -------
    DemoRun
        The coverage at :data:`DEMO_DATE` (:func:`run_coverage`) and its comparison with
        :data:`DEMO_BEFORE` (:func:`run_comparison`), written in ``output``.

    Examples
    --------
    >>> import tempfile, warnings
    >>> with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the 32 QPV contours repaired
    ...     demo = run_demo(folder, maps=False)
    >>> demo.coverage.summary.iloc[:, 1].tolist()
    [35, 10, 60, 105]
    """
    _check_language(language)
    folder = _output_dir(output)
    steps = _Steps(progress, demo_step_count(maps=maps), language)
    inputs = _load(
        steps,
        structures=get_path("structures_exemple_occitanie"),
        zones=get_path("zones_exemple_occitanie"),
        qpv=None,
        communes=None,
        departement=None,
        language=language,
    )
    inputs.sources["Structures"] = EXAMPLE_NOTE[language]
    day = parse_date(DEMO_DATE)
    territory = "de la région Occitanie" if language == "fr" else "of the Occitanie region"
    title_text = "Couverture des QPV d'Occitanie au {date} : réseau d'EXEMPLE"
    if language == "en":
        title_text = "Coverage of the QPV of Occitanie at {date}: EXAMPLE network"
    coverage = _coverage(
        steps,
        inputs,
        folder,
        day=day,
        full_min=DEFAULT_FULL_MIN,
        none_max=DEFAULT_NONE_MAX,
        territory=territory,
        title=title_text.format(date=format_date(day, language=language)),
        sources=None,
        language=language,
        maps=maps,
    )
    before = parse_date(DEMO_BEFORE)
    assert before is not None and day is not None
    comparison = _comparison(
        steps,
        inputs,
        folder,
        days=(before, day),
        full_min=DEFAULT_FULL_MIN,
        none_max=DEFAULT_NONE_MAX,
        language=language,
    )
    return DemoRun(coverage=coverage, comparison=comparison)
