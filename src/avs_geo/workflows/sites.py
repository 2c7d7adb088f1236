"""Choosing sites in one call: score the candidates, choose k of them, write it all.

:func:`run_sites` measures the coverage of the QPV at a date, scores each candidate site
alone (:func:`avs_geo.score_sites`), chooses ``k`` of them together
(:func:`avs_geo.select_sites`), measures the coverage the network would reach with them,
and writes the tables, a workbook, a note and the map of the chosen sites.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from avs_geo._crs import to_working_crs
from avs_geo._dates import report_day
from avs_geo._deprecated import perimeters_argument
from avs_geo._i18n import Language, _check_language, message
from avs_geo._i18n.workflows import CANDIDATES_SOURCE, MESSAGES, SITES_WORDS, TEXT
from avs_geo._validate import check_geodataframe
from avs_geo.coverage.classify import DEFAULT_FULL_MIN, DEFAULT_NONE_MAX, check_thresholds
from avs_geo.coverage.measure import compute_coverage
from avs_geo.datasets import COMMUNE_VINTAGES
from avs_geo.errors import ParameterError
from avs_geo.read._files import PathLike
from avs_geo.report.comparison import CoverageComparison, compare_coverage
from avs_geo.report.sentence import coverage_sentence
from avs_geo.report.summary import coverage_summary
from avs_geo.sites import (
    SiteSelection,
    candidate_grid,
    load_candidates,
    score_sites,
    select_sites,
    sites_table,
)
from avs_geo.sites import relation as site_relation
from avs_geo.sites.relation import DEMANDS as DEMAND_NAMES
from avs_geo.sites.select import METHOD_LABELS, Method
from avs_geo.workflows.coverage import (
    active_structures,
    active_zones,
    check_grouping,
    grouped_summaries,
    grouping_vintage,
    measure_coverage,
    qpv_communes,
    with_groups,
)
from avs_geo.workflows.guards import check_weight
from avs_geo.workflows.inputs import (
    Inputs,
    departements,
    staged_job,
    territory_of,
)
from avs_geo.workflows.outputs import SITES_FILES, write_markdown
from avs_geo.workflows.progress import Progress, Steps, sites_plan
from avs_geo.write.excel import to_excel
from avs_geo.write.gis import coverage_geopackage
from avs_geo.write.text import to_csv

__all__ = [
    "CANDIDATE_PREFIX",
    "GRIDS",
    "MAP_SCORE_COLUMNS",
    "SitesRun",
    "candidate_zones",
    "check_site_options",
    "map_sites",
    "run_sites",
    "sites_job",
]


@dataclass(frozen=True, eq=False)  # frames inside: no element-wise ==
class SitesRun:
    """What :func:`run_sites` computed and wrote.

    Attributes
    ----------
    inputs : Inputs
    date : datetime.date or None
    zones, coverage : GeoDataFrame
        The existing zones at ``date`` and the coverage they give.
    candidates : GeoDataFrame
        The candidate sites read.
    scores : GeoDataFrame
        Each candidate scored alone (:func:`avs_geo.score_sites`).
    selection : SiteSelection
        The ``k`` sites chosen together (:func:`avs_geo.select_sites`).
    with_sites : GeoDataFrame
        The coverage with the zones of the chosen sites added.
    comparison : CoverageComparison
        The current network compared with the network plus the chosen sites.
    headline : str
        One sentence: the share of the QPV population covered before and after.
    sentence : str
        The report's sentence with the chosen sites.
    files : dict of str to pathlib.Path
        Every file written, by key of :data:`~avs_geo.workflows.outputs.SITES_FILES`.
    """

    inputs: Inputs
    date: dt.date | None
    zones: gpd.GeoDataFrame
    coverage: gpd.GeoDataFrame
    candidates: gpd.GeoDataFrame
    scores: gpd.GeoDataFrame
    selection: SiteSelection
    with_sites: gpd.GeoDataFrame
    comparison: CoverageComparison
    headline: str
    sentence: str
    files: dict[str, Path] = field(default_factory=dict)


def run_sites(
    output: PathLike,
    *,
    candidates: PathLike | gpd.GeoDataFrame | None = None,
    k: int,
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None = None,
    communes: PathLike | gpd.GeoDataFrame | None = None,
    perimeters: PathLike | gpd.GeoDataFrame | None = None,
    date: object = None,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
    departement: str | Iterable[str] | None = None,
    territory: str | None = None,
    radius_m: float | None = None,
    method: Method = "greedy",
    weight: str = "population",
    fixed: Iterable[str] | None = None,
    language: Language = "fr",
    maps: bool = True,
    progress: Progress | None = None,
    zones: PathLike | gpd.GeoDataFrame | None = None,
    indicators: PathLike | pd.DataFrame | None = None,
    demand: str | None = None,
    qpv_weight: float = 1.0,
    communes_weight: float = 1.0,
    grid: str | None = None,
    grid_communes: int = 1,
    by: str | None = None,
    vintage: int | None = None,
    territories: PathLike | pd.DataFrame | None = None,
    crs: str | int | CRS | None = None,
    source_crs: str | int | CRS | None = None,
) -> SitesRun:
    """Score candidate sites, choose ``k`` of them together, and write it all to a folder.

    Parameters
    ----------
    output : path
        The folder to write to (created if needed).
    candidates : path or GeoDataFrame, optional
        The candidate sites (:func:`avs_geo.load_candidates`): a table with ``lat`` and
        ``lon``, or with ``zone_communes``, or a vector file of points or polygons.
        Needed unless ``grid`` makes them.
    k : int
        Number of sites to choose (:func:`avs_geo.select_sites`).
    structures, qpv, communes, perimeters, departement, indicators, crs, source_crs
        As for :func:`avs_geo.workflows.load_inputs`.
    date, full_min, none_max, territory
        As for :func:`avs_geo.run_coverage`: the existing network counted.
    radius_m : float, optional
        Radius of the point candidates that have no ``zone_rayon_m`` (default 500 m).
    method : {"greedy", "exact"}, default "greedy"
        ``"exact"`` needs the ``optimisation`` extra (PuLP).
    weight : str, default "population"
        What a QPV weighs: ``"population"``, ``"area"`` or a numeric column of the QPV.
    fixed : iterable of str, optional
        ``candidat_id`` of sites already decided.
    language : {"fr", "en"}, default "fr"
    maps : bool, default True
        Also write the map of the chosen sites (needs the ``maps`` extra).
    progress : callable, optional
        ``progress(label, step, total)`` before each step
        (:func:`avs_geo.workflows.progress.sites_plan`).
    zones : path or GeoDataFrame, optional
        Deprecated name of ``perimeters`` (avs_geo 0.1), removed in 0.3: warns.
    demand : {"qpv", "communes", "both"}, optional
        What a site closes (:func:`avs_geo.score_sites`): the uncovered QPV
        inhabitants, the inhabitants of the white zones (communes of a vintage, their
        population), or both. Default: ``"communes"`` with ``grid="communes"``, else
        ``"qpv"``.
    qpv_weight, communes_weight : float, default 1
        With ``demand="both"``, what one QPV inhabitant and one inhabitant without any
        offer count (e.g. ``qpv_weight=2``: QPV inhabitants counted double).
    grid : {"communes"}, optional
        Make the candidates instead of reading them: each white-zone commune of the
        QPV's departments (:func:`avs_geo.sites.candidate_grid` with
        ``mode="communes"``), or each group of up to ``grid_communes`` contiguous ones.
    grid_communes : int, default 1
        Communes per candidate of the grid.
    by, vintage, territories : optional
        As for :func:`avs_geo.run_coverage`; with ``by``, the summaries of the network
        and of the network with the sites grouped by it (``sites_par_groupe.csv``, a
        sheet of the workbook).

    Returns
    -------
    SitesRun
        With the files of :data:`~avs_geo.workflows.outputs.SITES_FILES`: the scores, the chosen sites (cumulative
        curve), the QPV they reach before and after, a workbook of those tables, a note
        with the headline and the report's sentence with the sites, and the map.

    Notes
    -----
    The candidate x QPV relation (:func:`avs_geo.sites.relation.build_relation`) is
    built once and serves both the scores and the selection.

    Examples
    --------
    >>> import tempfile, warnings
    >>> from avs_geo.datasets import get_path
    >>> with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # repaired QPV, candidates that add nothing
    ...     run = run_sites(folder, candidates=get_path("candidats_exemple_occitanie"), k=3,
    ...                     structures=get_path("structures_exemple_occitanie"),
    ...                     perimeters=get_path("zones_exemple_occitanie"),
    ...                     date="2022-12-31", maps=False)
    >>> run.selection.chosen
    ('CAND-11', 'CAND-07', 'CAND-01')
    """
    perimeters = perimeters_argument("run_sites", perimeters, zones)
    _check_language(language)
    full_min, none_max = check_thresholds(full_min, none_max)
    day = report_day(date)
    demand = check_site_options(
        candidates=candidates,
        demand=demand,
        qpv_weight=qpv_weight,
        communes_weight=communes_weight,
        grid=grid,
        grid_communes=grid_communes,
        weight=weight,
    )
    check_grouping(by, territories)
    vintage = grouping_vintage(by, vintage, communes)
    if demand != "qpv" and vintage is None and not isinstance(communes, gpd.GeoDataFrame):
        vintage = COMMUNE_VINTAGES[-1]  # the white zones need the communes' inhabitants
    given = {
        "structures": structures,
        "qpv": qpv,
        "communes": communes,
        "perimetres": perimeters,
        "candidats": candidates,
        "indicateurs": indicators,
        "territoires": territories,
    }
    with staged_job(
        output,
        names=SITES_FILES.values(),
        plan=sites_plan(maps=maps),
        progress=progress,
        given=given,
        departement=departement,
        language=language,
        vintage=vintage,
        crs=crs,
        source_crs=source_crs,
    ) as job:
        steps, inputs = job.steps, job.inputs
        check_weight(inputs.qpv, weight)
        steps("zones")
        existing = active_zones(inputs, day)
        steps("coverage")
        coverage = measure_coverage(inputs, existing, full_min, none_max)
        if by is not None:
            coverage = with_groups(coverage, inputs, by)
        if grid is not None:
            candidates = candidate_grid(
                None,
                mode="communes",
                zones=existing,
                communes=qpv_communes(inputs, coverage),
                max_communes=grid_communes,
            )
        run = sites_job(
            steps,
            inputs,
            existing,
            coverage,
            job.stage.work,
            candidates=candidates,
            k=k,
            date=day,
            territory=territory_of(territory, departements(departement), language),
            radius_m=radius_m,
            method=method,
            weight=weight,
            fixed=fixed,
            language=language,
            maps=maps,
            full_min=full_min,
            none_max=none_max,
            demand=demand,
            qpv_weight=qpv_weight,
            communes_weight=communes_weight,
            by=by,
        )
        options = {
            "commande": "sites",
            "k": k,
            "date": day,
            "rayon_m": radius_m,
            "methode": method,
            "poids": weight,
            "imposes": None if fixed is None else list(fixed),
            "seuils": [full_min, none_max],
            "departement": departement,
            "langue": language,
            "cartes": maps,
            "demande": demand,
            "poids_qpv": qpv_weight,
            "poids_communes": communes_weight,
            "grille": grid,
            "communes_par_site": grid_communes if grid is not None else None,
            "par": by,
            "millesime": vintage,
        }
        return job.commit(run, options)


GRIDS: tuple[str, ...] = ("communes",)
"""The candidate grids :func:`run_sites` can make (``grid=``, ``avs-geo sites --grille``)."""


def check_site_options(
    *,
    candidates: object,
    demand: str | None,
    qpv_weight: object,
    communes_weight: object,
    grid: str | None,
    grid_communes: object,
    weight: str = "population",
) -> str:
    """Check the options of :func:`run_sites` before any file is read; the demand to use.

    Every message is the planner's: it names the command-line option too.
    """
    if grid is not None and grid not in GRIDS:
        raise ParameterError(
            message(MESSAGES, "unknown_grid", grid=grid, grids=", ".join(GRIDS)),
            parameters=("grid",),
        )
    if grid is None and candidates is None:
        raise ParameterError(
            message(MESSAGES, "no_candidates"),
            parameters=("candidates", "grid"),
        )
    if grid is not None and candidates is not None:
        raise ParameterError(
            message(MESSAGES, "candidates_and_grid"),
            parameters=("candidates", "grid"),
        )
    if isinstance(grid_communes, bool) or not isinstance(grid_communes, int) or grid_communes < 1:
        raise ParameterError(
            message(MESSAGES, "grid_communes", got=grid_communes),
            parameters=("grid_communes",),
        )
    chosen = demand if demand is not None else ("communes" if grid is not None else "qpv")
    if chosen not in DEMAND_NAMES:
        raise ParameterError(
            message(MESSAGES, "unknown_demand", chosen=chosen),
            parameters=("demand",),
        )
    for name, option, value in (
        ("qpv_weight", "qpv_weight=, --poids-qpv", qpv_weight),
        ("communes_weight", "communes_weight=, --poids-communes", communes_weight),
    ):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise ParameterError(
                message(MESSAGES, "demand_weight", option=option, got=value),
                parameters=(name,),
            )
    if chosen == "both" and weight == "area":
        raise ParameterError(
            message(MESSAGES, "both_area"),
            parameters=("weight", "demand"),
        )
    unused = [
        option
        for option, value, used in (
            ("--poids-qpv (qpv_weight)", qpv_weight, chosen == "both"),
            ("--poids-communes (communes_weight)", communes_weight, chosen == "both"),
        )
        if value != 1.0 and not used
    ]
    if unused:
        raise ParameterError(
            message(
                MESSAGES,
                "unused_weights",
                options=message(MESSAGES, "and").join(unused),
                chosen=chosen,
            ),
            parameters=("qpv_weight", "communes_weight"),
        )
    return chosen


CANDIDATE_PREFIX = "CAND:"
"""Prefix of a chosen site's id where its zone sits beside the structures' zones."""


def candidate_zones(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The chosen sites' zones in their own id space: ``structure_id`` prefixed by ``CAND:``.

    Candidates and structures are numbered separately (candidates 1, 2, 3 beside
    structures 1, 2): once their zones are put together to measure the coverage with
    the sites, a candidate ``1`` becomes ``CAND:1`` and never clashes with structure ``1``.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> sites = gpd.GeoDataFrame({"structure_id": ["1"]}, geometry=[box(0, 0, 1, 1)])
    >>> candidate_zones(sites)["structure_id"].tolist()
    ['CAND:1']
    """
    return zones.assign(structure_id=CANDIDATE_PREFIX + zones["structure_id"].astype(str))


def sites_job(
    steps: Steps,
    inputs: Inputs,
    zones: gpd.GeoDataFrame,
    coverage: gpd.GeoDataFrame,
    folder: Path,
    *,
    candidates: PathLike | gpd.GeoDataFrame,
    k: int,
    date: dt.date | None,
    territory: str | None,
    radius_m: float | None,
    method: Method,
    weight: str,
    fixed: Iterable[str] | None,
    language: Language,
    maps: bool,
    title: str | None = None,
    sources: Mapping[str, str] | None = None,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
    demand: str = "qpv",
    qpv_weight: float = 1.0,
    communes_weight: float = 1.0,
    by: str | None = None,
) -> SitesRun:
    """The steps of :func:`run_sites` once the coverage is known (the demo calls them)."""
    steps("candidates")
    sources = {**inputs.sources, **(sources or {})}
    if isinstance(candidates, gpd.GeoDataFrame):  # in the run's working CRS, as every layer
        check_geodataframe(candidates, "candidates")
        sites = to_working_crs(candidates, what="'candidates'", crs=coverage.crs, stacklevel=3)
    else:
        sites = load_candidates(candidates, crs=coverage.crs)
        sources.setdefault(CANDIDATES_SOURCE[language], Path(candidates).name)
    steps("scores")
    # One relation, measured once, for the scores and the selection.
    relation = site_relation.build_relation(
        sites,
        coverage,
        zones=zones,
        radius_m=radius_m,
        weight=weight,
        communes=inputs.communes,
        full_min=full_min,
        none_max=none_max,
        demand=demand,
        qpv_weight=qpv_weight,
        communes_weight=communes_weight,
    )
    active = active_structures(inputs, zones)
    scores = score_sites(
        sites,
        coverage,
        zones=zones,
        structures=active,
        relation=relation,
        full_min=full_min,
        none_max=none_max,
    )
    steps("selection", k=str(k))
    selection = select_sites(
        sites,
        coverage,
        zones=zones,
        k=k,
        method=method,
        fixed=fixed,
        relation=relation,
        full_min=full_min,
        none_max=none_max,
    )
    steps("with_sites")
    words = SITES_WORDS[language]
    n = len(selection.chosen)
    names = (words["network"], words["with"].format(k=n))
    together = pd.concat([zones, candidate_zones(selection.zones)], ignore_index=True)
    with_sites = compute_coverage(
        inputs.qpv,
        gpd.GeoDataFrame(together, geometry="geometry", crs=zones.crs),
        full_min=full_min,
        none_max=none_max,
    )
    if by is not None:
        with_sites = with_groups(with_sites, inputs, by)
    comparison = compare_coverage(coverage, with_sites, names=names, language=language)
    summary = coverage_summary(with_sites, date=date, territory=territory, language=language)
    sentence = coverage_sentence(summary)

    steps("sites_tables")
    files = {key: folder / name for key, name in SITES_FILES.items()}
    reached = comparison.qpv[comparison.qpv.iloc[:, 0].isin(selection.qpv["code_qpv"])]
    tables = dict(
        zip(
            words["sheets"].split("|"),
            (
                sites_table(scores, language=language),
                sites_table(selection, language=language),
                reached.reset_index(drop=True),
                comparison.summary,
            ),
            strict=True,
        )
    )
    for key, table in zip(("scores", "chosen", "qpv"), tables.values(), strict=False):
        to_csv(table, files[key])
    if by is None:
        del files["grouped"]
    else:
        grouped = grouped_summaries(
            dict(zip(names, (coverage, with_sites), strict=True)),
            by,
            language=language,
            situation=TEXT[language]["situation"],
        )
        to_csv(grouped, files["grouped"])
        tables[TEXT[language]["grouped_sheet"]] = grouped
    method_label = METHOD_LABELS[language].get(selection.method, selection.method)
    method_row = {
        words["method"]: words["method_value"].format(
            method=method_label, k=selection.k, weight=selection.weight
        )
    }
    to_excel(tables, files["workbook"], method={**method_row, **sources}, language=language)
    # QGIS: the QPV with the sites, every candidate scored, the proposed sites and zones.
    coverage_geopackage(
        with_sites,
        files["geopackage"],
        zones=zones,
        structures=active,
        candidates=scores,
        proposed=selection.sites,
        proposed_zones=selection.zones if len(selection.zones) else None,
        language=language,
    )
    headline = selection.headline(language)
    write_markdown(
        files["summary_md"],
        title=words["title"],
        lead=headline,
        table=comparison.summary,
        notes=[
            *([words["chosen"], "", *selection.site_lines(language)] if selection.chosen else []),
            "",
            words["sentence"].format(sentence=sentence[:1].lower() + sentence[1:]),
        ],
        sources=sources,
        language=language,
    )
    if maps:
        from avs_geo.maps import save_map, sites_map

        steps("sites_map")
        if len(selection.sites):
            site_map = sites_map(
                coverage,
                with_sites,
                map_sites(selection, scores),
                site_zones=candidate_zones(selection.zones),
                zones=zones,
                structures=active,
                outline=_outline(inputs.communes, coverage),
                title=title,
                date=date,
                territory=territory,
                language=language,
                full_min=full_min,
                none_max=none_max,
            )
        else:
            from avs_geo.maps import coverage_map

            site_map = coverage_map(
                coverage,
                zones=zones,
                structures=active,
                outline=_outline(inputs.communes, coverage),
                title=words["map"].format(n=n) if title is None else title,
                date=date,
                territory=territory,
                language=language,
                full_min=full_min,
                none_max=none_max,
            )
        save_map(site_map, files["map_html"])
    else:
        del files["map_html"]
    return SitesRun(
        inputs=inputs,
        date=date,
        zones=zones,
        coverage=coverage,
        candidates=sites,
        scores=scores,
        selection=selection,
        with_sites=with_sites,
        comparison=comparison,
        headline=headline,
        sentence=sentence,
        files=files,
    )


MAP_SCORE_COLUMNS = ("qpv_reached", "dist_structure_m", "nearest_structure_id")
"""Columns of the scores shown in the popup of a chosen site (see :func:`map_sites`)."""


def map_sites(selection: SiteSelection, scores: pd.DataFrame) -> gpd.GeoDataFrame:
    """The chosen sites for :func:`avs_geo.maps.sitesmap.sites_map`: pick order, gain,
    QPV reached and nearest existing structure.

    ``selection.sites`` (``rank``, ``nom``, ``gain_population`` in pick order) joined on
    ``candidat_id`` with the columns :data:`MAP_SCORE_COLUMNS` of ``scores``.

    Examples
    --------
    >>> import shapely
    >>> class Selection:
    ...     sites = gpd.GeoDataFrame({"rank": [1], "candidat_id": ["C1"], "nom": ["A"]},
    ...                              geometry=[shapely.Point(0, 0)], crs="EPSG:2154")
    >>> scores = pd.DataFrame({"candidat_id": ["C1"], "qpv_reached": [("QP1",)],
    ...                        "dist_structure_m": [1200.0], "nearest_structure_id": ["S1"]})
    >>> map_sites(Selection(), scores)[["candidat_id", "dist_structure_m"]].values.tolist()
    [['C1', 1200.0]]
    """
    sites = selection.sites
    present = [c for c in MAP_SCORE_COLUMNS if c in scores.columns]
    extra = pd.DataFrame(scores[["candidat_id", *present]]).drop_duplicates("candidat_id")
    extra = extra.set_index("candidat_id")
    keys = sites["candidat_id"].astype(str)
    extra.index = extra.index.astype(str)
    out = sites.copy()
    for column in present:
        out[column] = extra[column].reindex(keys).to_numpy()
    return out


def _outline(communes: gpd.GeoDataFrame, coverage: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The communes of the QPV's departments: the outline of the map."""
    if "departement" in communes and "departement" in coverage:
        return communes[communes["departement"].isin(coverage["departement"])]
    return communes
