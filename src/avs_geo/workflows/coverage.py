"""The coverage job: the coverage of the QPV at a date, written as tables, workbook, maps.

:func:`run_coverage` reads the inputs, builds the zones active at the date, measures
the coverage and writes the files of :data:`avs_geo.workflows.outputs.COVERAGE_FILES`.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from avs_geo._dates import format_date, report_day
from avs_geo._deprecated import perimeters_argument
from avs_geo._i18n import Language, _check_language, message
from avs_geo._i18n.workflows import MESSAGES, TEXT
from avs_geo._table import FormatKind, Table, with_formats
from avs_geo.coverage.classify import DEFAULT_FULL_MIN, DEFAULT_NONE_MAX, check_thresholds
from avs_geo.coverage.communes import commune_coverage
from avs_geo.coverage.measure import compute_coverage
from avs_geo.coverage.qpv_places import attach_epci, attach_territories
from avs_geo.coverage.structures import structure_table
from avs_geo.datasets import COMMUNE_VINTAGES
from avs_geo.errors import AvsGeoWarning, ParameterError
from avs_geo.maps.basemap import TileSource
from avs_geo.read._files import PathLike
from avs_geo.report.sentence import coverage_sentence
from avs_geo.report.summary import coverage_summary
from avs_geo.report.tables import no_zone_table, qpv_table
from avs_geo.report.territories import (
    commune_groups,
    diagnostic_tables,
    white_zone_sentence,
)
from avs_geo.workflows.guards import warn_generation
from avs_geo.workflows.inputs import (
    Inputs,
    departements,
    staged_job,
    territory_of,
)
from avs_geo.workflows.outputs import (
    COVERAGE_FILES,
    MAP_PAGES_PREFIX,
    threshold_note,
    write_markdown,
)
from avs_geo.workflows.progress import Progress, Steps, coverage_plan
from avs_geo.write.gis import coverage_geopackage
from avs_geo.write.text import to_csv
from avs_geo.write.workbook import write_report
from avs_geo.zones import active_at, build_zones

__all__ = [
    "GROUPINGS",
    "CoverageRun",
    "active_structures",
    "active_zones",
    "coverage_job",
    "grouped_summaries",
    "grouping_vintage",
    "measure_coverage",
    "qpv_communes",
    "run_coverage",
    "structures_without_zone",
    "with_groups",
    "with_location",
]


GROUPINGS: tuple[str, ...] = ("epci", "territoire", "commune", "departement")
"""What ``run_coverage(by=...)`` (``avs-geo couverture --par``) groups the tables by."""


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
        Every file written, by key of :data:`~avs_geo.workflows.outputs.COVERAGE_FILES`.
    communes : GeoDataFrame or None
        The commune coverage, the white zones (``commune_coverage``) of the communes of
        the QPV's departments, when the communes are those of a vintage (population).
    """

    inputs: Inputs
    date: dt.date | None
    zones: gpd.GeoDataFrame
    coverage: gpd.GeoDataFrame
    summary: pd.DataFrame
    sentence: str
    files: dict[str, Path] = field(default_factory=dict)
    communes: gpd.GeoDataFrame | None = None


def run_coverage(
    output: PathLike,
    *,
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None = None,
    communes: PathLike | gpd.GeoDataFrame | None = None,
    perimeters: PathLike | gpd.GeoDataFrame | None = None,
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
    zones: PathLike | gpd.GeoDataFrame | None = None,
    by: str | None = None,
    vintage: int | None = None,
    territories: PathLike | pd.DataFrame | None = None,
    map_pages: bool = False,
    indicators: PathLike | pd.DataFrame | None = None,
    basemap: TileSource | None = None,
    crs: str | int | CRS | None = None,
    source_crs: str | int | CRS | None = None,
) -> CoverageRun:
    """Measure the coverage of the QPV at a date and write every output to a folder.

    Parameters
    ----------
    output : path
        The folder to write to (created if needed). The files of the run replace those
        of the same names all at once, when every one is written, with a manifest
        (:func:`~avs_geo.workflows.outputs.staged_output`); an error or Ctrl+C leaves the
        previous files untouched.
    structures, qpv, communes, perimeters, departement, indicators, crs, source_crs
        As for :func:`avs_geo.workflows.load_inputs` (None: the embedded QPV and communes).
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
        ``progress(label, step, total)`` before each step
        (:func:`avs_geo.workflows.progress.coverage_plan`).
    zones : path or GeoDataFrame, optional
        Deprecated name of ``perimeters`` (avs_geo 0.1), removed in 0.3: warns.
    by : {"epci", "territoire", "commune", "departement"}, optional
        Group the summary and the workbook by it (by default: ungrouped, and the
        workbook by department when the QPV span several).
    vintage : {2022, 2026}, optional
        Communes of that year (:func:`avs_geo.workflows.load_inputs`): every QPV then
        gets its EPCI (:func:`avs_geo.attach_epci`). ``by="epci"`` or ``territories``
        without a vintage take the latest one.
    territories : path or DataFrame, optional
        The planner's territories (:func:`avs_geo.load_territories`): every QPV gets
        its territory (:func:`avs_geo.attach_territories`).
    map_pages : bool, default False
        With the maps, also write the interactive map split per department
        (:func:`avs_geo.maps.save_map_pages`): ``carte_index.html`` and one
        ``carte_departement_XX.html`` per department, each page self-contained (the
        files ``map_page_index``, ``map_page_59``...).
    basemap : TileSource, optional
        A tiled base map under the report map (``carte_rapport.png``, SVG, atlas), from
        the network, with its attribution (``avs_geo.maps.basemap.TileSource``). Off by
        default; when the tiles cannot be fetched the maps are drawn without, with a
        warning.

    Returns
    -------
    CoverageRun
        The frames computed and the files written
        (:data:`~avs_geo.workflows.outputs.COVERAGE_FILES`): the per-QPV table, the
        summary (CSV, and Markdown with the sentence), the per-structure table, the
        structures without a zone (``structures_sans_zone.csv``, empty when there are
        none, and a ``Sans zone`` sheet when there are some: left out of the coverage,
        the run goes on), the
        Excel workbook (:func:`avs_geo.write_report`), the GeoPackage (layers
        :data:`~avs_geo.workflows.outputs.GEOPACKAGE_LAYERS`) and the maps (HTML and PNG).

    Raises
    ------
    ParameterError
        Thresholds or date out of range, checked before any file is read.
    OutputFolderError
        The folder cannot be used (a file, not writable, in use by another run, or an
        input there would be replaced by an output).
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
    ...                        perimeters=get_path("zones_exemple_occitanie"),
    ...                        date="2022-12-31", maps=False)
    ...     sorted(run.files)
    ['geopackage', 'no_zone', 'qpv', 'structures', 'summary', 'summary_md', 'workbook']
    >>> run.files["qpv"].name
    'couverture_qpv.csv'
    >>> print(run.sentence)  # doctest: +NORMALIZE_WHITESPACE
    Au 31 décembre 2022, sur les 105 QPV, 35 (33,3\xa0%) sont couverts en totalité par une
    offre d'animation de la vie sociale, 10 (9,5\xa0%) partiellement et 60 (57,2\xa0%) ne
    sont pas couverts.
    """
    perimeters = perimeters_argument("run_coverage", perimeters, zones)
    _check_language(language)
    full_min, none_max = check_thresholds(full_min, none_max)
    day = report_day(date)
    check_grouping(by, territories)
    vintage = grouping_vintage(by, vintage, communes)
    given = {
        "structures": structures,
        "qpv": qpv,
        "communes": communes,
        "perimetres": perimeters,
        "territoires": territories,
        "indicateurs": indicators,
    }
    with staged_job(
        output,
        names=COVERAGE_FILES.values(),
        plan=coverage_plan(maps=maps, map_pages=map_pages),
        progress=progress,
        given=given,
        departement=departement,
        language=language,
        vintage=vintage,
        crs=crs,
        source_crs=source_crs,
    ) as job:
        run = coverage_job(
            job.steps,
            job.inputs,
            job.stage.work,
            day=day,
            full_min=full_min,
            none_max=none_max,
            territory=territory_of(territory, departements(departement), language),
            title=title,
            sources=sources,
            language=language,
            maps=maps,
            by=by,
            map_pages=map_pages,
            basemap=basemap,
        )
        options = {
            "commande": "couverture",
            "date": day,
            "seuils": [full_min, none_max],
            "departement": departement,
            "territoire": territory,
            "titre": title,
            "langue": language,
            "cartes": maps,
            "carte_par_departement": map_pages,
            "par": by,
            "millesime": vintage,
            "fond_de_carte": None if basemap is None else basemap.url,
        }
        return job.commit(run, options)


def check_grouping(by: str | None, territories: object) -> None:
    """``by`` is one of :data:`GROUPINGS`; ``"territoire"`` needs the territories."""
    if by is not None and by not in GROUPINGS:
        raise ParameterError(
            message(MESSAGES, "grouping", got=by, choices=", ".join(GROUPINGS)),
            parameters=("by",),
        )
    if by == "territoire" and territories is None:
        raise ParameterError(
            message(MESSAGES, "territories_needed"),
            parameters=("by", "territories"),
        )


def grouping_vintage(by: str | None, vintage: int | None, communes: object) -> int | None:
    """The vintage of the communes: the latest one for ``by="epci"`` when none is given.

    Communes given as a frame are used as they are (``None`` then, unless given).
    """
    if by == "epci" and vintage is None and not isinstance(communes, gpd.GeoDataFrame):
        return COMMUNE_VINTAGES[-1]
    return vintage


def grouped_summaries(
    coverages: Mapping[str, gpd.GeoDataFrame],
    by: str,
    *,
    language: Language,
    situation: str,
) -> Table:
    """The summaries of several situations grouped by ``by``, one under the other.

    Each coverage must carry its groups (:func:`with_groups`). The first column,
    headed ``situation``, names the situation (a date, "Réseau + 5 sites"...).
    """
    parts = []
    formats: dict[str, FormatKind] = {}
    with warnings.catch_warnings():  # the QPV without a group were named when measured
        warnings.simplefilter("ignore", AvsGeoWarning)
        for name, coverage in coverages.items():
            summary = coverage_summary(coverage, by=by, language=language)
            formats.update(summary.formats)
            part = pd.DataFrame(summary)
            part.insert(0, situation, name)
            parts.append(part)
    return with_formats(pd.concat(parts, ignore_index=True), formats)


def qpv_communes(inputs: Inputs, coverage: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The communes of the departments of the QPV measured (all of them without a department).

    The communes a job draws (outlines) and measures (white zones, white-zone candidates).
    """
    communes = inputs.communes
    if "departement" in communes and "departement" in coverage:
        communes = communes[communes["departement"].isin(coverage["departement"])]
    return communes


def with_groups(
    coverage: gpd.GeoDataFrame, inputs: Inputs, by: str | None = None
) -> gpd.GeoDataFrame:
    """The coverage with ``epci`` (communes of a vintage) and ``territoire`` (territories).

    The QPV left without one are named once: by the summary when it groups by that
    column, by :func:`avs_geo.attach_epci` / :func:`avs_geo.attach_territories` otherwise.
    """
    if "epci_siren" in inputs.communes.columns:
        with warnings.catch_warnings():
            if by == "epci":
                warnings.simplefilter("ignore", AvsGeoWarning)
            coverage = attach_epci(coverage, inputs.communes)
    if inputs.territories is not None:
        with warnings.catch_warnings():
            if by == "territoire":
                warnings.simplefilter("ignore", AvsGeoWarning)
            coverage = attach_territories(coverage, inputs.territories, inputs.communes)
    return coverage


def active_zones(
    inputs: Inputs, day: dt.date | None, *, check_generation: bool = True
) -> gpd.GeoDataFrame:
    """The zones of the structures active at ``day`` (every structure when None).

    A QPV generation that does not match ``day`` (2015 QPV from 2024 on, 2024 QPV before)
    gets a warning (``avs_geo.workflows.guards.warn_generation``), unless
    ``check_generation`` is False (a series of dates warns once for all of them).
    """
    if check_generation:
        warn_generation(inputs.qpv, day)
    return build_zones(inputs.structures, communes=inputs.communes, qpv=inputs.all_qpv, at=day)


def active_structures(inputs: Inputs, zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The structures read that have a zone in ``zones`` (those active at its date)."""
    return inputs.structures[inputs.structures["structure_id"].isin(zones["structure_id"])]


def with_location(zones: gpd.GeoDataFrame, structures: pd.DataFrame) -> gpd.GeoDataFrame:
    """The zones with their structure's ``position_approchee`` (located at its commune's
    centre, for want of coordinates), for the structures tables."""
    if "position_approchee" not in structures.columns:
        return zones
    approx = pd.Series(
        structures["position_approchee"].fillna(False).astype(bool).to_numpy(),
        index=structures["structure_id"].astype(str).to_numpy(),
    )
    approx = approx[~approx.index.duplicated()]
    flags = zones["structure_id"].astype(str).map(approx).fillna(False).astype(bool)
    return zones.assign(position_approchee=flags.to_numpy())


def structures_without_zone(
    inputs: Inputs, zones: gpd.GeoDataFrame, day: dt.date | None
) -> gpd.GeoDataFrame:
    """The structures agreed at ``day`` that have no zone ("à définir", empty).

    :func:`avs_geo.build_zones` leaves them out of the zones with a warning; the
    coverage job lists them in ``structures_sans_zone.csv`` and the ``Sans zone`` sheet.
    """
    structures = inputs.structures
    active = active_at(structures, day)
    missing = ~structures["structure_id"].astype(str).isin(zones["structure_id"].astype(str))
    return structures[active & missing.to_numpy()]


def measure_coverage(
    inputs: Inputs, zones: gpd.GeoDataFrame, full_min: float, none_max: float
) -> gpd.GeoDataFrame:
    """The coverage of the QPV of the run by ``zones``."""
    return compute_coverage(inputs.qpv, zones, full_min=full_min, none_max=none_max)


def coverage_job(
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
    by: str | None = None,
    map_pages: bool = False,
    basemap: TileSource | None = None,
) -> CoverageRun:
    """The steps of :func:`run_coverage` once the inputs are read (the demo runs them too)."""
    steps("zones")
    zones = active_zones(inputs, day)
    steps("coverage")
    coverage = with_groups(measure_coverage(inputs, zones, full_min, none_max), inputs, by)
    overall = coverage_summary(coverage, date=day, territory=territory, language=language)
    sentence = coverage_sentence(overall)
    # Commune outlines situate the QPV on paper; those of the QPV's departments only.
    communes = qpv_communes(inputs, coverage)
    # The white zones, when the communes carry their inhabitants (a vintage).
    white = (
        commune_coverage(communes, zones, full_min=full_min, none_max=none_max)
        if inputs.vintage is not None and "population" in communes
        else None
    )
    summary = (
        overall
        if by is None
        else coverage_summary(coverage, by=by, date=day, territory=territory, language=language)
    )
    files: dict[str, Path] = {}

    def path(key: str) -> Path:
        files[key] = folder / COVERAGE_FILES[key]
        return files[key]

    steps("tables")
    to_csv(qpv_table(coverage, zones=zones, language=language), path("qpv"))
    to_csv(summary, path("summary"))
    located = with_location(zones, inputs.structures)
    to_csv(structure_table(coverage, located, language=language), path("structures"))
    # Always written, empty when every structure has a zone: "none" is said too.
    without_zone = structures_without_zone(inputs, zones, day)
    to_csv(no_zone_table(without_zone, language=language), path("no_zone"))
    all_sources = {**inputs.sources, **(sources or {})}
    text = TEXT[language]
    when = format_date(day, language=language) if day else None
    notes = [
        text["date"].format(date=when) if when else text["all_dates"].capitalize() + ".",
        threshold_note(full_min, none_max, language),
    ]
    if white is not None:
        notes += ["", white_zone_sentence(white, language=language)]
        diagnostic = diagnostic_tables(
            white,
            structures=inputs.structures,
            territories=inputs.territories,
            at=day,
            coverage=coverage,
            language=language,
        )
        for key, table in diagnostic.items():
            to_csv(table, path(key))
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
        located,
        by=by if by is not None else ("departement" if several else None),
        date=day,
        territory=territory,
        sources=all_sources,
        full_min=full_min,
        none_max=none_max,
        language=language,
        without_zone=without_zone,
        communes=white,
        structures=None if white is None else inputs.structures,
        territories=None if white is None else inputs.territories,
        progress=steps.part,
    )

    steps("geopackage")
    active = active_structures(inputs, zones)
    # The GeoPackage's commune layer: the communes the QPV and zones touch.
    touched = pd.concat([coverage.geometry, zones.geometry]).to_numpy()
    hits = inputs.communes.sindex.query(touched, predicate="intersects")[1]
    coverage_geopackage(
        coverage,
        path("geopackage"),
        zones=zones,
        structures=active,
        communes=inputs.communes.iloc[sorted(set(hits.tolist()))],
        commune_coverage=white,
        language=language,
    )

    if maps:
        from avs_geo.maps import coverage_figure, coverage_map, network_figure, save_map

        steps("map_html")
        layers = {"zones": zones, "structures": active}
        if white is not None:
            layers["white_zones"] = white
        if white is not None and inputs.territories is not None:
            groups = commune_groups(
                communes, "territoire", territories=inputs.territories, language=language
            )
            layers["territories"] = communes.assign(territoire=groups["territoire"])
        shown = coverage_map(
            coverage,
            **layers,
            outline=communes,
            full_min=full_min,
            none_max=none_max,
            title=title,
            date=day,
            territory=territory,
            language=language,
        )
        save_map(shown, path("map_html"))
        steps("map_png")
        figure = coverage_figure(
            coverage,
            **layers,
            communes=communes,
            full_min=full_min,
            none_max=none_max,
            title=title,
            date=day,
            territory=territory,
            language=language,
        )
        figure.savefig(path("map_png"), dpi=150, bbox_inches="tight")
        from avs_geo.maps.atlas import write_report_map

        steps("map_report")
        write_report_map(
            coverage, path("map_print"), svg=path("map_svg"), pdf=path("map_atlas"), **layers,
            communes=communes, title=title, territory=territory, date=day, sources=all_sources,
            full_min=full_min, none_max=none_max, language=language, basemap=basemap,
        )  # fmt: skip
        if white is not None and inputs.territories is not None:
            # The network counted by territory: the Sdsf's map of the network.
            network = network_figure(
                communes,
                inputs.structures,
                territories=inputs.territories,
                at=day,
                language=language,
            )
            network.savefig(path("map_territories"), dpi=150)
        if map_pages:
            from avs_geo.maps import save_map_pages

            steps("map_pages")
            pages = save_map_pages(
                coverage,
                folder,
                **layers,
                outline=communes,
                prefix=MAP_PAGES_PREFIX,
                progress=steps.part,
                full_min=full_min,
                none_max=none_max,
                date=day,
                language=language,
            )
            files.update({f"map_page_{code}": page for code, page in pages.items()})
    return CoverageRun(
        inputs=inputs,
        date=day,
        zones=zones,
        coverage=coverage,
        summary=summary,
        sentence=sentence,
        files=files,
        communes=white,
    )
