"""Whole jobs in one call: read, compute and write every output to a folder.

:func:`run_coverage` gives the coverage of the QPV at a date (tables, workbook, maps,
GeoPackage), :func:`run_sites` chooses sites for new structures
(:mod:`avs_geo.workflows.sites`), :func:`run_comparison` compares two dates, and
:func:`run_demo` runs all three on the embedded data with the EXAMPLE network. The
command line ``avs-geo`` calls these functions and only prints what they return; a
notebook can call them the same way (``avs_geo.run_coverage(...)``).

Nothing here prints: progress is reported through an optional ``progress`` callback,
``progress(label, step, total)``, called before each step (``step`` counts from 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from avs_geo._i18n import STATUS_LABELS, Language, _check_language
from avs_geo._typography import format_date, format_threshold
from avs_geo.coverage.classify import DEFAULT_FULL_MIN, DEFAULT_NONE_MAX, check_thresholds
from avs_geo.coverage.measure import compute_coverage
from avs_geo.coverage.structures import structure_table
from avs_geo.datasets import get_path
from avs_geo.errors import ParameterError
from avs_geo.read._files import PathLike
from avs_geo.report.comparison import CoverageComparison, compare_coverage
from avs_geo.report.sentence import coverage_sentence
from avs_geo.report.summary import coverage_summary
from avs_geo.report.tables import qpv_table
from avs_geo.workflows.inputs import (
    EMBEDDED_SOURCES,
    STRUCTURES_SOURCE,
    TEXT,
    Inputs,
    Progress,
    Steps,
    day_text,
    departements,
    load_inputs,
    load_layers,
    output_dir,
    parse_date,
    territory_of,
    write_markdown,
    zones_and_coverage,
)
from avs_geo.workflows.sites import SITES_FILES, SitesRun, choose_sites, run_sites, sites_step_count
from avs_geo.write.excel import to_excel
from avs_geo.write.gis import to_geopackage
from avs_geo.write.text import to_csv
from avs_geo.write.workbook import write_report
from avs_geo.zones import build_zones

DEMO_DATE = "2022-12-31"
"""Date of the demo's coverage: the end of the 2018-2022 Cog."""

DEMO_BEFORE = "2021-12-31"
"""Earlier date the demo compares with :data:`DEMO_DATE`."""

DEMO_K = 5
"""Number of sites the demo chooses among the example candidates."""

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

EXAMPLE_NOTE: dict[str, str] = {
    "fr": "réseau d'EXEMPLE fabriqué pour la démonstration (data/structures), pas le réseau "
    "réel des centres sociaux et EVS, que détient chaque CAF",
    "en": "EXAMPLE network made for the demonstration (data/structures), not the real network "
    "of centres sociaux and EVS, which each CAF holds",
}

EXAMPLE_SITES: dict[str, str] = {
    "fr": "sites candidats d'EXEMPLE fabriqués pour la démonstration (data/structures)",
    "en": "EXAMPLE candidate sites made for the demonstration (data/structures)",
}


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
    headline : str
        One sentence: QPV better and worse covered, population newly covered and lost.
    files : dict of str to pathlib.Path
        Every file written, by key of :data:`COMPARISON_FILES`.
    """

    inputs: Inputs
    dates: tuple[dt.date, dt.date]
    before: gpd.GeoDataFrame
    after: gpd.GeoDataFrame
    comparison: CoverageComparison
    headline: str
    files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class DemoRun:
    """What :func:`run_demo` computed and wrote: the coverage, the sites, the comparison."""

    coverage: CoverageRun
    sites: SitesRun
    comparison: ComparisonRun

    @property
    def files(self) -> dict[str, Path]:
        """Every file written, by file name."""
        runs = (self.coverage.files, self.sites.files, self.comparison.files)
        return {path.name: path for files in runs for path in files.values()}


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
    folder = output_dir(output)
    steps = Steps(progress, coverage_step_count(maps=maps), language)
    inputs = load_layers(
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
        territory=territory_of(territory, departements(departement), language),
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
    steps: Steps,
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
    to_csv(qpv_table(coverage, zones=zones, language=language), path("qpv"))
    to_csv(summary, path("summary"))
    to_csv(structure_table(coverage, zones, language=language), path("structures"))
    all_sources = {**inputs.sources, **(sources or {})}
    text = TEXT[language]
    when = format_date(day, language=language) if day else None
    notes = [
        text["date"].format(date=when) if when else text["all_dates"].capitalize() + ".",
        text["thresholds"].format(
            full=format_threshold(full_min, language=language),
            none=format_threshold(none_max, language=language),
        ),
    ]
    write_markdown(
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
        coverage,
        path("workbook"),
        zones,
        by="departement" if several else None,
        date=day,
        territory=territory,
        sources=all_sources,
        full_min=full_min,
        none_max=none_max,
        language=language,
    )

    steps("geopackage")
    active = inputs.structures[inputs.structures["structure_id"].isin(zones["structure_id"])]
    labelled = coverage.assign(
        coverage_label=coverage["coverage_status"].map(STATUS_LABELS[language])
    )
    to_geopackage(
        dict(zip(GEOPACKAGE_LAYERS, (labelled, zones, active), strict=True)),
        path("geopackage"),
    )

    if maps:
        from avs_geo.maps import coverage_figure, coverage_map, save_map

        steps("map_html")
        layers = {"zones": zones, "structures": active}
        shown = coverage_map(
            coverage, **layers, full_min=full_min, none_max=none_max, title=title, language=language
        )
        save_map(shown, path("map_html"))
        steps("map_png")
        # Commune outlines situate the QPV on paper; those of the QPV's departments only.
        communes = inputs.communes
        if "departement" in communes and "departement" in coverage:
            communes = communes[communes["departement"].isin(coverage["departement"])]
        figure = coverage_figure(
            coverage,
            **layers,
            communes=communes,
            full_min=full_min,
            none_max=none_max,
            title=title,
            language=language,
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
            f"before ({first}) should come before after ({second}): swap the two dates.",
            parameters=("before", "after"),
        )
    folder = output_dir(output)
    steps = Steps(progress, 3 + comparison_step_count(), language)
    inputs = load_layers(
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
    steps: Steps,
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
        steps("zones_at", date=day_text(day, language))
        coverages.append(zones_and_coverage(inputs, day, full_min, none_max)[1])
    steps("compare")
    names = (day_text(days[0], language), day_text(days[1], language))
    comparison = compare_coverage(coverages[0], coverages[1], names=names, language=language)
    files = {key: folder / name for key, name in COMPARISON_FILES.items()}
    to_csv(comparison.qpv, files["qpv"])
    to_csv(comparison.summary, files["summary"])
    text = TEXT[language]
    # The headline of the comparison, as its repr and Jupyter display print it.
    headline = comparison.headline()
    notes = [
        text["thresholds"].format(
            full=format_threshold(full_min, language=language),
            none=format_threshold(none_max, language=language),
        )
    ]
    write_markdown(
        files["summary_md"],
        title=text["comparison"],
        lead=headline,
        table=comparison.summary,
        notes=notes,
        sources=inputs.sources,
        language=language,
    )
    to_excel(comparison.tables(), files["workbook"], method=inputs.sources, language=language)
    return ComparisonRun(
        inputs=inputs,
        dates=days,
        before=coverages[0],
        after=coverages[1],
        comparison=comparison,
        headline=headline,
        files=files,
    )


def demo_step_count(*, maps: bool = True) -> int:
    """Number of steps :func:`run_demo` reports to ``progress``."""
    return coverage_step_count(maps=maps) + sites_step_count(maps=maps) + comparison_step_count()


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
    perimeters) and the candidate sites (``exemple_candidats_occitanie.csv``) are
    EXAMPLES made for the demonstration: the real list of centres sociaux and EVS is
    held by each CAF.

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
        The coverage at :data:`DEMO_DATE` (:func:`run_coverage`), the choice of
        :data:`DEMO_K` sites among the example candidates
        (:func:`avs_geo.workflows.sites.run_sites`) and the comparison with
        :data:`DEMO_BEFORE` (:func:`run_comparison`), all written in ``output``.

    Examples
    --------
    >>> import tempfile, warnings
    >>> with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the 32 QPV contours repaired
    ...     demo = run_demo(folder, maps=False)
    >>> demo.coverage.summary.iloc[:, 1].tolist()
    [35, 10, 60, 105]
    >>> demo.sites.selection.chosen
    ('CAND-11', 'CAND-07', 'CAND-01', 'CAND-12', 'CAND-10')
    """
    _check_language(language)
    folder = output_dir(output)
    steps = Steps(progress, demo_step_count(maps=maps), language)
    inputs = load_layers(
        steps,
        structures=get_path("structures_exemple_occitanie"),
        zones=get_path("zones_exemple_occitanie"),
        qpv=None,
        communes=None,
        departement=None,
        language=language,
    )
    inputs.sources[STRUCTURES_SOURCE[language]] = EXAMPLE_NOTE[language]
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
    sites = choose_sites(
        steps,
        inputs,
        coverage.zones,
        coverage.coverage,
        folder,
        candidates=get_path("candidats_exemple_occitanie"),
        k=DEMO_K,
        date=day,
        territory=territory,
        radius_m=None,
        method="greedy",
        weight="population",
        fixed=None,
        language=language,
        maps=maps,
        sources={"Candidats" if language == "fr" else "Candidates": EXAMPLE_SITES[language]},
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
    return DemoRun(coverage=coverage, sites=sites, comparison=comparison)


__all__ = [
    "COMPARISON_FILES",
    "COVERAGE_FILES",
    "DEMO_BEFORE",
    "DEMO_DATE",
    "DEMO_K",
    "EMBEDDED_SOURCES",
    "GEOPACKAGE_LAYERS",
    "SITES_FILES",
    "ComparisonRun",
    "CoverageRun",
    "DemoRun",
    "Inputs",
    "Progress",
    "SitesRun",
    "comparison_step_count",
    "coverage_step_count",
    "demo_step_count",
    "load_inputs",
    "parse_date",
    "run_comparison",
    "run_coverage",
    "run_demo",
    "run_sites",
    "sites_step_count",
]
