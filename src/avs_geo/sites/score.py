"""Score candidate sites by the coverage gap each would close, alone.

:func:`score_sites` answers the planner's first questions about a new EVS: which
uncovered or partly covered QPV would it reach, how many inhabitants, how far from the
existing structures; :func:`sites_table` renders its result (or a selection's curve)
with French headers for a report.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._i18n import YES_NO, Language, _check_language, message
from avs_geo._i18n.sites import MESSAGES, NETWORK_ROW, REASONS, SITE_HEADERS
from avs_geo._language import get_language
from avs_geo._table import FormatKind, with_formats
from avs_geo._typography import hectares, is_missing, whole_numbers
from avs_geo._validate import check_columns, check_geodataframe, check_same_crs
from avs_geo.coverage._overlay import RATIO_SNAP
from avs_geo.coverage.classify import classify_coverage
from avs_geo.errors import AvsGeoWarning, InputTypeError
from avs_geo.sites.relation import SiteRelation, relation_of

SCORE_COLUMNS: tuple[str, ...] = (
    "rank",
    "candidat_id",
    "nom",
    "score",
    "gain_population",
    "gain_area_m2",
    "n_qpv_reached",
    "qpv_reached",
    "n_none_to_partial",
    "n_none_to_full",
    "n_partial_to_full",
    "dist_structure_m",
    "nearest_structure_id",
    "dist_qpv_m",
    "adds_nothing",
    "reason",
)
"""Columns of :func:`score_sites` (then the geometry)."""


SITE_FORMATS: dict[str, FormatKind] = {
    **dict.fromkeys(
        (
            "rank",
            "k",
            "score",
            "gain",
            "gain_population",
            "gain_white_population",
            "n_communes_reached",
            "n_qpv_reached",
            "n_none_to_partial",
            "n_none_to_full",
            "n_partial_to_full",
            "dist_structure_m",
            "dist_qpv_m",
            "population_covered",
        ),
        "integer",
    ),
    "gain_area_m2": "decimal2",
    "share_covered_pct": "percent1",
}
"""Format of each numeric column of :func:`sites_table` (keys of SITE_HEADERS)."""

_WHOLE = (
    "score",
    "gain",
    "gain_population",
    "gain_white_population",
    "population_covered",
    "dist_structure_m",
    "dist_qpv_m",
)


def score_sites(
    candidates: object,
    coverage: gpd.GeoDataFrame | None,
    *,
    zones: gpd.GeoDataFrame,
    radius_m: float | None = None,
    weight: str = "population",
    structures: gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    skip_full: bool = True,
    relation: SiteRelation | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    demand: str = "qpv",
    qpv_weight: float = 1.0,
    communes_weight: float = 1.0,
    population: gpd.GeoDataFrame | None = None,
    population_column: str = "population",
) -> gpd.GeoDataFrame:
    """Score each candidate site by the uncovered QPV area and population it would cover.

    With ``demand="communes"`` or ``"both"``, also (or only) by the inhabitants of the
    white zones it would reach: the parts of communes no existing zone reaches.

    Parameters
    ----------
    candidates : GeoDataFrame, path, DataFrame or list of INSEE codes
        Points (a radius zone), polygons (the zone itself) or communes: see
        :func:`avs_geo.sites.load_candidates` and :func:`avs_geo.sites.candidate_grid`.
        Columns ``candidat_id`` (unique), ``nom``, optionally ``zone_communes`` and
        ``zone_rayon_m``.
    coverage : geopandas.GeoDataFrame or None
        Output of ``avs_geo.compute_coverage`` (QPV polygons, ``population``,
        ``coverage_ratio``, ``coverage_status``). None only with ``demand="communes"``
        where no QPV contour is available: ``gain_population`` is then NaN (not measured).
    zones : geopandas.GeoDataFrame
        The existing zones the coverage was computed with (``avs_geo.build_zones``).
    radius_m : float, optional
        Radius of the point candidates without their own ``zone_rayon_m``; None uses
        500 m (:data:`avs_geo.sites.candidates.DEFAULT_RADIUS_M`) for the points with
        no other zone.
    weight : str, default "population"
        What a QPV weighs: ``"population"``, ``"area"`` (square metres) or any numeric
        column of ``coverage`` (e.g. ``"percou"``, CAF beneficiaries, joined from the
        INSEE indicators), spread over the QPV's area.
    structures : geopandas.GeoDataFrame, optional
        The structures (``avs_geo.load_structures``): distances are then measured to
        the location of the nearest one that has a zone in ``zones``; without them, to
        the nearest zone (0 inside one).
    communes : geopandas.GeoDataFrame, optional
        Commune polygons, needed for candidates given by commune, and with their
        ``population`` for the white zones (``load_communes(..., vintage=2022)``).
    skip_full : bool, default True
        Treat QPV already classed ``"full"`` as covered: the few percent left within
        the class tolerance (contour slivers) are not a gain.
    relation : SiteRelation, optional
        The relation of these very inputs, already built by
        :func:`avs_geo.sites.relation.build_relation` (a job that scores and then
        selects builds it once); ``candidates``, ``radius_m``, ``weight``,
        ``communes`` and ``skip_full`` are then not read again.
    full_min, none_max : float, optional
        By default those ``coverage`` was made with (its ``full_min`` and ``none_max``
        columns, else 0.95 and 0.05).
        The thresholds given to ``avs_geo.compute_coverage`` (checked against the
        classes of ``coverage``): class changes cross them.
    population : GeoDataFrame, optional
        A fine population layer (points, or cells such as the INSEE Filosofi 200 m
        grid) in the CRS of ``coverage``, as for ``avs_geo.compute_coverage``:
        ``gain_population`` (and the score with ``weight="population"``) is then the
        inhabitants of the layer in the uncovered part of the QPV the site reaches,
        each counted once (a point on the border of two QPV in the one with the
        smallest code), instead of the QPV's population spread by area.
        :func:`avs_geo.sites.select_sites` does not read it: it still spreads each
        QPV's population by area over its demand units.
    population_column : str, default "population"
        The column of ``population`` holding the inhabitants.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per candidate (every candidate once), sorted by ``rank``, in the
        candidate's geometry (its zone when given by communes):

        ``rank`` (Int64, 1 = best; NA for candidates that add nothing), ``candidat_id``,
        ``nom``, ``score`` (weighted gain, the ranking key: the population gained when
        ``weight="population"``), ``gain_population``, ``gain_area_m2``,
        ``n_qpv_reached`` and ``qpv_reached`` (the QPV where it gains area, tuple of
        codes), ``n_none_to_partial``, ``n_none_to_full``, ``n_partial_to_full`` (QPV
        that would change class), ``dist_structure_m`` and ``nearest_structure_id``
        (nearest existing structure, NaN/None when there is none), ``dist_qpv_m``
        (nearest QPV, 0 inside one), ``adds_nothing`` (bool) and ``reason``
        (``"already_covered"``, ``"outside_qpv"``, ``"zero_weight"`` or None).
        With a white-zone demand, after ``qpv_reached``: ``gain_white_population``
        (inhabitants without any offer the site would reach, area weighted),
        ``n_communes_reached`` and ``communes_reached`` (codes of the communes where
        it gains white zone).

    Raises
    ------
    InputTypeError, CRSError
        Not GeoDataFrames, no CRS, different CRS or a geographic CRS.
    SchemaError
        Missing columns, ``weight`` not a column (the numeric columns are listed), or
        negative weights.
    DuplicateIdError
        ``candidat_id``, ``code_qpv`` or ``structure_id`` not unique.
    UnknownCodeError, ParameterError, GeometryError
        Unknown commune codes, communes missing, a bad radius, candidates without zone.

    Warns
    -----
    AvsGeoWarning
        Naming the candidates that add nothing, and the QPV without weight.

    Notes
    -----
    With ``U(q)`` the part of QPV ``q`` outside every existing zone and ``Z_j`` the
    zone of candidate ``j`` (see :func:`avs_geo.sites.relation.build_relation`):

    ``gain_area(j) = sum_q area(U(q) ∩ Z_j)``,
    ``gain_population(j) = sum_q population(q) * area(U(q) ∩ Z_j) / area(q)``,
    ``score(j) = sum_q w(q) * area(U(q) ∩ Z_j) / area(q)``.

    Each candidate is scored alone against the existing network: two candidates
    covering the same gap both score it. :func:`avs_geo.sites.select_sites` counts it
    once. A QPV changes class when ``ratio(q) + area(U(q) ∩ Z_j) / area(q)`` crosses
    ``none_max`` or ``full_min``. Ranks: by score, descending,
    ties by ``candidat_id``.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> from avs_geo import compute_coverage
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP031001"], "population": [1000.0]},
    ...     geometry=[box(0, 0, 100, 100)], crs="EPSG:2154")
    >>> zones = gpd.GeoDataFrame({"structure_id": []}, geometry=[], crs="EPSG:2154")
    >>> cov = compute_coverage(qpv, zones)
    >>> cands = gpd.GeoDataFrame({"candidat_id": ["A", "B"]},
    ...     geometry=[box(0, 0, 40, 100), box(0, 0, 100, 100)], crs="EPSG:2154")
    >>> scores = score_sites(cands, cov, zones=zones)
    >>> scores[["rank", "candidat_id", "gain_population", "n_none_to_partial",
    ...     "n_none_to_full"]]
       rank candidat_id  gain_population  n_none_to_partial  n_none_to_full
    0     1           B           1000.0                  0               1
    1     2           A            400.0                  1               0
    """
    relation = relation_of(
        relation,
        candidates,
        coverage,
        zones=zones,
        radius_m=radius_m,
        weight=weight,
        communes=communes,
        skip_full=skip_full,
        full_min=full_min,
        none_max=none_max,
        demand=demand,
        qpv_weight=qpv_weight,
        communes_weight=communes_weight,
        population=population,
        population_column=population_column,
    )
    if structures is not None:
        structures = check_geodataframe(structures, "structures")
        check_same_crs(candidates=relation.candidates, structures=structures)
        check_columns(
            structures, ["structure_id"], "structures", hint=message(MESSAGES, "structures_hint")
        )
    return _score_frame(relation, zones=zones, structures=structures, stacklevel=3)


def _score_frame(
    relation: SiteRelation,
    *,
    zones: gpd.GeoDataFrame,
    structures: gpd.GeoDataFrame | None,
    stacklevel: int,
) -> gpd.GeoDataFrame:
    n = relation.n_candidates
    pc, pq = relation.pair_cand, relation.pair_qpv
    score = relation.candidate_scores()
    population = np.bincount(pc, weights=relation.pair_population(), minlength=n)
    area = np.bincount(pc, weights=relation.pair_area, minlength=n)
    if not relation.has_qpv:  # no QPV contour given: not measured, not zero
        population, area = np.full(n, np.nan), np.full(n, np.nan)
    n_qpv = np.bincount(pc, minlength=n)
    before = relation.status[pq]
    new_ratio = np.clip(relation.ratio[pq] + relation.pair_area / relation.qpv_area[pq], 0, 1)
    new_ratio = np.where(new_ratio >= 1.0 - RATIO_SNAP, 1.0, new_ratio)
    after = classify_coverage(
        pd.Series(new_ratio), full_min=relation.full_min, none_max=relation.none_max
    ).to_numpy()
    changes = {
        "n_none_to_partial": (before == "none") & (after == "partial"),
        "n_none_to_full": (before == "none") & (after == "full"),
        "n_partial_to_full": (before == "partial") & (after == "full"),
    }
    counts = {
        k: np.bincount(pc, weights=v, minlength=n).astype(np.int64) for k, v in changes.items()
    }
    reached = _codes_by_candidate(pc, relation.qpv_codes[pq], n)

    adds_nothing = ~(score > 0)
    reason = np.full(n, None, dtype=object)
    white = relation.communes
    if white is None:
        reason[adds_nothing & ~relation.reaches_qpv] = "outside_qpv"
        reason[adds_nothing & relation.reaches_qpv & (n_qpv == 0)] = "already_covered"
        reason[adds_nothing & (n_qpv > 0)] = "zero_weight"
        white_columns: dict[str, np.ndarray] = {}
    else:
        n_white = np.bincount(white.pair_cand, minlength=n)
        gained = (n_white > 0) | ((n_qpv > 0) & (relation.demand == "both"))
        reason[adds_nothing & ~gained] = "already_covered"
        reason[adds_nothing & gained] = "zero_weight"
        white_columns = {
            "gain_white_population": np.bincount(
                white.pair_cand, weights=white.pair_population(), minlength=n
            ),
            "n_communes_reached": n_white.astype(np.int64),
            "communes_reached": _codes_by_candidate(
                white.pair_cand, white.codes[white.pair_commune], n
            ),
        }

    geoms = np.asarray(relation.candidates.geometry.to_numpy(), dtype=object)
    dist_qpv = _nearest(geoms, relation.qpv_geoms)[1]
    near_id, dist_structure = _nearest_structure(geoms, zones, structures)

    ids = relation.ids
    ranked = np.flatnonzero(~adds_nothing)
    ranked = ranked[np.lexsort((ids[ranked], -score[ranked]))]
    rest = np.flatnonzero(adds_nothing)
    rest = rest[np.argsort(ids[rest], kind="stable")]
    order = np.concatenate([ranked, rest]).astype(np.intp)
    rank = pd.array([*range(1, len(ranked) + 1), *([pd.NA] * len(rest))], dtype="Int64")
    data = {
        "rank": rank,
        "candidat_id": ids[order],
        "nom": relation.candidates["nom"].astype(str).to_numpy()[order],
        "score": score[order],
        "gain_population": population[order],
        "gain_area_m2": area[order],
        "n_qpv_reached": n_qpv[order].astype(np.int64),
        "qpv_reached": reached[order],
        **{k: v[order] for k, v in white_columns.items()},
        **{k: v[order] for k, v in counts.items()},
        "dist_structure_m": dist_structure[order],
        "nearest_structure_id": near_id[order],
        "dist_qpv_m": dist_qpv[order],
        "adds_nothing": adds_nothing[order],
        "reason": reason[order],
    }
    out = gpd.GeoDataFrame(data, geometry=list(geoms[order]), crs=relation.candidates.crs)
    if rest.size:
        labels = REASONS[get_language()]
        shown = [f"{ids[j]} ({labels[str(reason[j])]})" for j in rest]
        warnings.warn(
            message(
                MESSAGES,
                "not_ranked",
                n=len(rest),
                total=n,
                shown=", ".join(shown[:20]) + (" ..." if len(shown) > 20 else ""),
            ),
            AvsGeoWarning,
            stacklevel=stacklevel,
        )
    return out


def _codes_by_candidate(cand: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    counts = np.bincount(cand, minlength=n)
    chunks = np.split(codes.astype(object), np.cumsum(counts)[:-1])
    out = np.empty(n, dtype=object)
    out[:] = [tuple(sorted(str(c) for c in chunk)) for chunk in chunks]
    return out


def _nearest(points: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(target position or -1, distance in CRS units or NaN) of the nearest target."""
    pos = np.full(len(points), -1, dtype=np.intp)
    dist = np.full(len(points), np.nan)
    if len(targets) == 0 or len(points) == 0:
        return pos, dist
    (src, tgt), d = shapely.STRtree(targets).query_nearest(
        points, return_distance=True, all_matches=False
    )
    pos[src] = tgt
    dist[src] = d
    return pos, dist


def _nearest_structure(
    geoms: np.ndarray, zones: gpd.GeoDataFrame, structures: gpd.GeoDataFrame | None
) -> tuple[np.ndarray, np.ndarray]:
    """Id and distance of the nearest existing structure (point), else zone."""
    if structures is not None:
        active = structures["structure_id"].astype(str).isin(zones["structure_id"].astype(str))
        targets = structures.loc[active.to_numpy()]
    else:
        targets = zones
    tgeoms = np.asarray(targets.geometry.to_numpy(), dtype=object)
    present = ~(shapely.is_missing(tgeoms) | shapely.is_empty(tgeoms))
    tgeoms, tids = tgeoms[present], targets["structure_id"].astype(str).to_numpy()[present]
    pos, dist = _nearest(geoms, tgeoms)
    ids = np.full(len(geoms), None, dtype=object)
    ids[pos >= 0] = tids[pos[pos >= 0]]
    return ids, dist


def sites_table(result: object, *, language: Language = "fr") -> pd.DataFrame:
    """The scores (or a selection's curve) with readable headers, for a report.

    Parameters
    ----------
    result : DataFrame or SiteSelection
        Output of :func:`score_sites`, or of :func:`avs_geo.sites.select_sites` (its
        curve: one row per site added, cumulative coverage).
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    pandas.DataFrame
        No geometry; QPV codes as one ``", "``-separated string, the reason a candidate
        adds nothing as a sentence, ``oui``/``non`` (``yes``/``no``) for the imposed
        sites, empty cells where there is nothing to show. Numbers are rounded as a
        report prints them: areas in hectares to 2 decimals, shares in percent to 1
        decimal, scores, gains, populations (area-weighted estimates) and distances
        (metres) to whole numbers; ``result`` keeps the unrounded values. The first
        row of a selection's curve (no new site yet) is named ``Réseau actuel``
        (``Current network``).

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.DataFrame({"rank": pd.array([1, pd.NA], dtype="Int64"),
    ...     "candidat_id": ["A", "B"], "gain_area_m2": [25_000.0, 0.0],
    ...     "reason": [None, "already_covered"]})
    >>> table = sites_table(scores)
    >>> table.columns.tolist()
    ['Rang', 'Identifiant', 'Surface de QPV gagnée (ha)', 'Remarque']
    >>> table["Surface de QPV gagnée (ha)"].tolist(), table["Remarque"].tolist()
    ([2.5, 0.0], ['', "n'ajoute rien : déjà couvert"])
    >>> curve = pd.DataFrame({"k": [0, 1], "candidat_id": [None, "A"],
    ...     "nom": [None, "Salle A"], "fixed": [False, True], "gain": [0.0, 1234.56],
    ...     "share_covered_pct": [60.88252, 62.04241]})
    >>> sites_table(curve).iloc[:, 1:].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'Identifiant': '', 'Nom': 'Réseau actuel', 'Imposé': '', 'Gain': 0,
      'Part de la population des QPV couverte (%)': 60.9},
     {'Identifiant': 'A', 'Nom': 'Salle A', 'Imposé': 'oui', 'Gain': 1235,
      'Part de la population des QPV couverte (%)': 62.0}]
    """
    _check_language(language)
    curve = getattr(result, "curve", None)
    frame = curve if isinstance(curve, pd.DataFrame) else result
    if not isinstance(frame, pd.DataFrame):
        raise InputTypeError(message(MESSAGES, "result_type", got=type(result).__name__))
    headers: Mapping[str, str] = SITE_HEADERS[language]
    # The first row of a selection's curve is the network as it is: no site, nothing imposed.
    network = (
        (frame["k"] == 0).to_numpy() if "k" in frame.columns else np.zeros(len(frame), dtype=bool)
    )
    table = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    for column, header in headers.items():
        if column not in frame.columns:
            continue
        values = frame[column].reset_index(drop=True)
        if column == "gain_area_m2":
            values = pd.Series(hectares(pd.to_numeric(values)))
        elif column in _WHOLE:
            values = pd.Series(whole_numbers(pd.to_numeric(values)))
        elif column == "share_covered_pct":
            values = pd.to_numeric(values).astype(float).round(1)
        elif column in ("qpv_reached", "communes_reached"):
            values = values.map(lambda c: ", ".join(c) if isinstance(c, tuple | list) else "")
        elif column == "reason":
            values = values.map(lambda r: "" if pd.isna(r) else REASONS[language].get(str(r), ""))
        elif column == "fixed":
            values = values.map(YES_NO[language]).where(~network, "")
        elif not pd.api.types.is_numeric_dtype(values.dtype):
            values = values.map(lambda v: "" if is_missing(v) else str(v))
            if column == "nom":
                values = values.where(~network, NETWORK_ROW[language])
        table[header] = values
    return with_formats(table, {headers[c]: kind for c, kind in SITE_FORMATS.items()})


__all__ = [
    "NETWORK_ROW",
    "REASONS",
    "SCORE_COLUMNS",
    "SITE_HEADERS",
    "score_sites",
    "sites_table",
]
