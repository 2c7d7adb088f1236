"""The sparse relation between candidate zones and the uncovered part of each QPV.

:func:`build_relation` checks the inputs once and measures, for every (candidate, QPV)
pair found by the spatial index, the area of the QPV that the candidate would cover
and the existing network does not (its *marginal gain*). :func:`demand_units` splits
that uncovered area into the atoms of the arrangement of the candidate zones, the
demand units of the covering problem solved by :mod:`avs_geo.sites.select`. No dense
candidate x QPV matrix is ever built. The uncovered parts, the pairs and the pieces come
from the overlay kernel (``avs_geo.coverage._overlay``), as in the coverage measures.

The demand can also be, or include, the white zones: the inhabitants of the parts of
communes that no existing zone reaches (``demand="communes"`` or ``"both"``), measured
the same way commune by commune (:class:`CommuneDemand`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely

from avs_geo._i18n import message
from avs_geo._i18n.sites import MESSAGES
from avs_geo._validate import (
    check_columns,
    check_geodataframe,
    check_polygons,
    check_projected,
    check_same_crs,
    check_unique,
    repair_geometries,
)
from avs_geo.coverage._overlay import AREA_TOLERANCE_M2, pairs, polygonal, uncovered_parts
from avs_geo.coverage._overlay import pieces as overlay_pieces
from avs_geo.coverage._population import check_population_layer, people_in, population_layer
from avs_geo.coverage.classify import (
    check_classes,
)
from avs_geo.errors import (
    AvsGeoWarning,
    InputTypeError,
    ParameterError,
    SchemaError,
    format_ids,
)
from avs_geo.sites.candidates import as_candidates, candidate_zones

__all__ = [
    "AREA_WEIGHT",
    "DEMANDS",
    "RATIO_CHECK",
    "UNIT_MIN_AREA_M2",
    "CommuneDemand",
    "DemandUnits",
    "SiteRelation",
    "build_relation",
    "check_relation",
    "demand_units",
    "relation_of",
]

RATIO_CHECK: float = 1e-6
"""Largest difference between the ratio measured here and the coverage frame's before
warning that the zones are not the ones the coverage was computed with."""

UNIT_MIN_AREA_M2: float = 1e-6
"""Demand units smaller than this (m²) are rounding slivers of the arrangement: dropped."""

AREA_WEIGHT = "area"
"""``weight="area"``: score by uncovered square metres gained."""

DEMANDS: tuple[str, ...] = ("qpv", "communes", "both")
"""What a new site closes: the uncovered QPV (default), the white zones of the communes,
or both (weighted by ``qpv_weight`` and ``communes_weight``)."""


@dataclass(frozen=True)
class CommuneDemand:
    """The white zones the candidates reach: uncovered parts of communes and their gains.

    Positions index the arrays: commune ``c`` is ``codes[c]``; pairs are sorted by
    candidate, then commune.

    Attributes
    ----------
    codes, names : numpy.ndarray
        ``code_insee`` and ``nom`` (or the code) of each commune.
    area, population : numpy.ndarray
        Area (m²) and inhabitants (NaN counted as 0) of each commune.
    pair_cand, pair_commune, pair_area, pieces : numpy.ndarray
        Each (candidate, commune) pair with a gain: the uncovered area of the commune
        the candidate would reach (m²) and that piece.
    """

    codes: np.ndarray
    names: np.ndarray
    area: np.ndarray
    population: np.ndarray
    pair_cand: np.ndarray
    pair_commune: np.ndarray
    pair_area: np.ndarray
    pieces: np.ndarray

    def pair_population(self) -> np.ndarray:
        """Inhabitants without any offer each pair gains: ``population(c) * area / area(c)``."""
        c = self.pair_commune
        return self.population[c] * self.pair_area / self.area[c]


@dataclass(frozen=True)
class SiteRelation:
    """Candidates, QPV and the sparse (candidate, QPV) marginal gains between them.

    Positions index the arrays: candidate ``j`` is ``ids[j]``, QPV ``q`` is
    ``qpv_codes[q]``. Pairs are sorted by candidate, then QPV.

    Attributes
    ----------
    candidates : geopandas.GeoDataFrame
        The normalised candidates on a RangeIndex; geometry is the location, or the
        zone for candidates with no location (communes).
    zones : numpy.ndarray
        The zone of each candidate.
    ids : numpy.ndarray
        ``candidat_id`` of each candidate (str).
    qpv_codes, qpv_names, qpv_geoms : numpy.ndarray
        ``code_qpv``, ``nom_qpv`` (or the code) and polygon of each QPV.
    qpv_area, ratio : numpy.ndarray
        Area (m²) and existing coverage ratio (from the coverage frame) of each QPV.
    status : numpy.ndarray
        Existing class of each QPV (``"full"``, ``"partial"``, ``"none"``).
    weight, population : numpy.ndarray
        Weight of each QPV (NaN counted as 0) and its population (NaN when unknown).
    pair_cand, pair_qpv, pair_area, pieces : numpy.ndarray
        Each pair with a gain: candidate, QPV, gained area (m²) and the gained piece.
    reaches_qpv : numpy.ndarray
        True for candidates whose zone shares a positive area with some QPV.
    full_min, none_max : float
        The thresholds of the coverage frame.
    weight_name : str
        What the weight is (``"population"``, ``"area"`` or a column of the coverage).
    demand : str
        ``"qpv"``, ``"communes"`` or ``"both"`` (:data:`DEMANDS`).
    qpv_weight, communes_weight : float
        Factors of the QPV gain and of the white-zone inhabitants in the score.
    communes : CommuneDemand or None
        The white-zone demand, when ``demand`` includes the communes.
    has_qpv : bool
        False when no QPV coverage was given (``demand="communes"`` only).
    """

    candidates: gpd.GeoDataFrame
    zones: np.ndarray
    ids: np.ndarray
    qpv_codes: np.ndarray
    qpv_names: np.ndarray
    qpv_geoms: np.ndarray
    qpv_area: np.ndarray
    ratio: np.ndarray
    status: np.ndarray
    weight: np.ndarray
    population: np.ndarray
    pair_cand: np.ndarray
    pair_qpv: np.ndarray
    pair_area: np.ndarray
    pieces: np.ndarray
    reaches_qpv: np.ndarray
    full_min: float
    none_max: float
    weight_name: str
    demand: str = "qpv"
    qpv_weight: float = 1.0
    communes_weight: float = 1.0
    communes: CommuneDemand | None = None
    has_qpv: bool = True
    pair_people: np.ndarray | None = None

    @property
    def n_candidates(self) -> int:
        return len(self.ids)

    def pair_weight(self) -> np.ndarray:
        """Weighted gain of each pair: ``weight(q) * area / area(q)``, or the inhabitants
        of the fine population layer in the pair's piece for ``weight="population"``."""
        if self.pair_people is not None and self.weight_name == "population":
            return self.pair_people
        q = self.pair_qpv
        return self.weight[q] * self.pair_area / self.qpv_area[q]

    def pair_population(self) -> np.ndarray:
        """Population gain of each pair: the inhabitants of the fine population layer in
        its piece when one was given, else area weighted (NaN when unknown)."""
        if self.pair_people is not None:
            return self.pair_people
        q = self.pair_qpv
        return self.population[q] * self.pair_area / self.qpv_area[q]

    @property
    def qpv_factor(self) -> float:
        """Factor of the QPV gain in the score: 0 when the demand is the communes only."""
        return 0.0 if self.demand == "communes" else float(self.qpv_weight)

    def candidate_scores(self) -> np.ndarray:
        """Score of each candidate alone: ``qpv_weight * QPV gain + communes_weight * white gain``."""
        n = self.n_candidates
        score: np.ndarray = np.bincount(self.pair_cand, weights=self.pair_weight(), minlength=n)
        if self.qpv_factor != 1.0:
            score = self.qpv_factor * score
        if self.communes is not None:
            white = np.bincount(
                self.communes.pair_cand, weights=self.communes.pair_population(), minlength=n
            )
            score = score + self.communes_weight * white
        return score


@dataclass(frozen=True)
class DemandUnits:
    """The uncovered area split into demand units (atoms) with the candidates covering each.

    QPV units come first, then, when the demand includes the communes, white-zone units.

    Attributes
    ----------
    matrix : scipy.sparse.csr_array
        ``n_candidates x n_units``, 1 where the candidate's zone covers the unit.
    qpv : numpy.ndarray
        QPV position of each unit (-1 for a white-zone unit).
    area, weight, population : numpy.ndarray
        Area (m²), weight in the objective and QPV population (area weighted within its
        QPV; 0 for a white-zone unit) of each unit.
    commune : numpy.ndarray
        Commune position of each white-zone unit (-1 for a QPV unit).
    white_population : numpy.ndarray
        Inhabitants without any offer of each white-zone unit (0 for a QPV unit).
    """

    matrix: sp.csr_array
    qpv: np.ndarray
    area: np.ndarray
    weight: np.ndarray
    population: np.ndarray
    commune: np.ndarray | None = None
    white_population: np.ndarray | None = None


def build_relation(
    candidates: object,
    coverage: gpd.GeoDataFrame | None,
    *,
    zones: gpd.GeoDataFrame,
    radius_m: float | None = None,
    weight: str = "population",
    communes: gpd.GeoDataFrame | None = None,
    skip_full: bool = True,
    full_min: float | None = None,
    none_max: float | None = None,
    demand: str = "qpv",
    qpv_weight: float = 1.0,
    communes_weight: float = 1.0,
    population: gpd.GeoDataFrame | None = None,
    population_column: str = "population",
) -> SiteRelation:
    """Check the inputs and measure the marginal gain of every candidate in every QPV.

    Parameters are those of :func:`avs_geo.sites.score_sites`.

    Notes
    -----
    With ``demand="communes"`` or ``"both"``, the same is measured for the communes
    (``communes`` with their ``population``): ``U(c) = c - union_z (c ∩ z)`` and
    ``gain(j, c) = area(U(c) ∩ Z_j)``, worth ``population(c) * gain(j, c) / area(c)``
    inhabitants without any offer (see :class:`CommuneDemand`). ``coverage`` may then be
    None (no QPV contours: the QPV gain is not measured).

    ``U(q) = q - union_z (q ∩ z)`` over the existing zones ``z`` (the spatial index
    finds them); a QPV already classed ``"full"`` has ``U(q) = ∅`` when ``skip_full``
    (its residual is within the tolerance of the class: contour slivers, not people
    left out). For candidate ``j`` with zone ``Z_j``: ``gain(j, q) = area(U(q) ∩ Z_j)``,
    measured for the pairs the STRtree returns only. Weighted gain
    ``w(q) * gain(j, q) / area(q)``, as ``covered_population`` in ``compute_coverage``.
    With a fine ``population`` layer (points or grid cells), the population gain of a
    pair is the inhabitants of the layer in ``U(q) ∩ Z_j``, counted as
    ``compute_coverage`` counts them (a point on a border in one QPV only).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> from avs_geo import compute_coverage
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP031001"], "population": [1000.0]},
    ...     geometry=[box(0, 0, 100, 100)], crs="EPSG:2154")
    >>> zones = gpd.GeoDataFrame({"structure_id": ["S1"]},
    ...     geometry=[box(0, 0, 50, 100)], crs="EPSG:2154")
    >>> cov = compute_coverage(qpv, zones)
    >>> cands = gpd.GeoDataFrame({"candidat_id": ["A"]},
    ...     geometry=[box(25, 0, 75, 100)], crs="EPSG:2154")
    >>> rel = build_relation(cands, cov, zones=zones)
    >>> rel.pair_area.tolist(), rel.pair_weight().tolist()
    ([2500.0], [250.0])
    """
    demand, qpv_weight, communes_weight = _check_demand(
        demand, qpv_weight, communes_weight, weight, communes
    )
    has_qpv = coverage is not None
    if coverage is None:
        if demand != "communes" or communes is None:
            raise ParameterError(
                message(MESSAGES, "no_coverage"),
                parameters=("coverage", "demand"),
            )
        coverage = _no_qpv(check_geodataframe(communes, "communes").crs)
    coverage = check_geodataframe(coverage, "coverage")
    zones = check_geodataframe(zones, "zones")
    check_projected(coverage, "coverage")
    check_same_crs(coverage=coverage, zones=zones)
    check_columns(
        coverage,
        ["code_qpv", "coverage_ratio", "coverage_status"],
        "coverage",
        hint=message(MESSAGES, "coverage_hint"),
    )
    check_columns(zones, ["structure_id"], "zones", hint=message(MESSAGES, "zones_hint"))
    check_unique(coverage["code_qpv"], "coverage", "code_qpv")
    check_unique(zones["structure_id"], "zones", "structure_id")
    check_polygons(coverage, "coverage", id_column="code_qpv")
    if len(zones):
        check_polygons(zones, "zones", id_column="structure_id")
    full_min, none_max = check_classes(coverage, full_min=full_min, none_max=none_max)
    weights = _weights(coverage, weight)
    if population is not None:
        population = check_population_layer(population, population_column, qpv=coverage)
    if communes is not None:
        communes = check_geodataframe(communes, "communes")
        check_same_crs(coverage=coverage, communes=communes)
    cands = as_candidates(candidates, crs=coverage.crs, communes=communes)
    check_same_crs(coverage=coverage, candidates=cands)
    cands = gpd.GeoDataFrame(cands.reset_index(drop=True), crs=cands.crs)
    czones = np.asarray(
        candidate_zones(cands, communes=communes, radius_m=radius_m).geometry.to_numpy(),
        dtype=object,
    )
    missing = shapely.is_missing(cands.geometry.to_numpy()) | shapely.is_empty(
        cands.geometry.to_numpy()
    )
    if missing.any():
        values = np.asarray(cands.geometry.to_numpy(), dtype=object).copy()
        values[missing] = czones[missing]
        cands = cands.set_geometry(gpd.GeoSeries(values, index=cands.index, crs=cands.crs))

    qpv, _ = repair_geometries(coverage, "coverage", id_column="code_qpv")
    zones, _ = repair_geometries(zones, "zones", id_column="structure_id")
    qgeoms = np.asarray(qpv.geometry.to_numpy(), dtype=object)
    qpv_area = shapely.area(qgeoms)
    status = coverage["coverage_status"].astype(str).to_numpy()
    ratio = pd.to_numeric(coverage["coverage_ratio"]).to_numpy(dtype=float)
    # Only the QPV some candidate zone reaches need their uncovered part.
    reach_q, reach_c = pairs(qgeoms, czones)
    touched = np.unique(reach_q)
    uncovered = np.full(len(qgeoms), None, dtype=object)
    uncovered[touched], covered_area = uncovered_parts(
        qgeoms[touched], np.asarray(zones.geometry.to_numpy(), dtype=object)
    )
    _check_ratios(
        coverage["code_qpv"].to_numpy()[touched], covered_area / qpv_area[touched], ratio[touched]
    )
    if skip_full:
        uncovered[touched[status[touched] == "full"]] = shapely.Polygon()

    reach_area = shapely.area(overlay_pieces(qgeoms, czones, reach_q, reach_c)[0])
    reaches = np.zeros(len(czones), dtype=bool)
    reaches[reach_c[reach_area > AREA_TOLERANCE_M2]] = True
    has_gap = ~shapely.is_empty(uncovered[reach_q])
    pc, pq = reach_c[has_gap], reach_q[has_gap]
    pieces = polygonal(overlay_pieces(uncovered, czones, pq, pc)[0])
    area = shapely.area(pieces)
    keep = area > AREA_TOLERANCE_M2
    order = np.lexsort((pq[keep], pc[keep]))
    names = (
        coverage["nom_qpv"].astype(str).to_numpy()
        if "nom_qpv" in coverage.columns
        else coverage["code_qpv"].astype(str).to_numpy()
    )
    people = None
    if population is not None:
        layer = population_layer(
            population.geometry.to_numpy(),
            pd.to_numeric(population[population_column]).to_numpy(dtype=float),
            qgeoms,
            coverage["code_qpv"].astype(str).to_numpy(),
        )
        people = people_in(pieces[keep][order], pq[keep][order], layer)
    population = (
        pd.to_numeric(coverage["population"], errors="coerce").to_numpy(dtype=float)
        if "population" in coverage.columns
        else np.full(len(coverage), np.nan)
    )
    return SiteRelation(
        candidates=cands,
        zones=czones,
        ids=cands["candidat_id"].astype(str).to_numpy(),
        qpv_codes=coverage["code_qpv"].astype(str).to_numpy(),
        qpv_names=names,
        qpv_geoms=qgeoms,
        qpv_area=qpv_area,
        ratio=ratio,
        status=status,
        weight=weights,
        population=population,
        pair_cand=pc[keep][order].astype(np.intp),
        pair_qpv=pq[keep][order].astype(np.intp),
        pair_area=area[keep][order],
        pieces=pieces[keep][order],
        reaches_qpv=reaches,
        full_min=full_min,
        none_max=none_max,
        weight_name=weight,
        demand=demand,
        qpv_weight=qpv_weight,
        communes_weight=communes_weight,
        communes=None
        if demand == "qpv" or communes is None
        else _commune_demand(communes, zones, czones),
        has_qpv=has_qpv,
        pair_people=people,
    )


def _check_demand(
    demand: object,
    qpv_weight: object,
    communes_weight: object,
    weight: str,
    communes: gpd.GeoDataFrame | None,
) -> tuple[str, float, float]:
    if demand not in DEMANDS:
        raise ParameterError(
            message(MESSAGES, "demand", choices=format_ids(DEMANDS), got=demand),
            parameters=("demand",),
        )
    factors = {"qpv_weight": qpv_weight, "communes_weight": communes_weight}
    for name, value in factors.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
            raise ParameterError(
                message(MESSAGES, "factor", name=name, got=value),
                parameters=(name,),
            )
    if demand != "qpv":
        if communes is None:
            raise ParameterError(
                message(MESSAGES, "demand_communes", demand=demand),
                parameters=("communes",),
            )
        check_columns(
            communes,
            ["code_insee", "population"],
            "communes",
            hint=message(MESSAGES, "vintage_hint"),
        )
    if demand == "both" and weight == AREA_WEIGHT:
        raise ParameterError(
            message(MESSAGES, "both_area"),
            parameters=("weight", "demand"),
        )
    return str(demand), float(qpv_weight), float(communes_weight)  # type: ignore[arg-type]


def _no_qpv(crs: object) -> gpd.GeoDataFrame:
    """An empty QPV coverage frame: scoring the white zones where no QPV contour is given."""
    return gpd.GeoDataFrame(
        {
            "code_qpv": pd.Series([], dtype=object),
            "coverage_ratio": pd.Series([], dtype=float),
            "coverage_status": pd.Series([], dtype=object),
            "population": pd.Series([], dtype=float),
        },
        geometry=[],
        crs=crs,
    )


def _commune_demand(
    communes: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, czones: np.ndarray
) -> CommuneDemand:
    """The uncovered part of each commune a candidate reaches, and each candidate's piece."""
    check_unique(communes["code_insee"].astype(str), "communes", "code_insee")
    check_polygons(communes, "communes", id_column="code_insee")
    communes, _ = repair_geometries(communes, "communes", id_column="code_insee")
    cgeoms = np.asarray(communes.geometry.to_numpy(), dtype=object)
    codes = communes["code_insee"].astype(str).to_numpy()
    population = pd.to_numeric(communes["population"], errors="coerce").to_numpy(dtype=float)
    bad = (np.isnan(population) & communes["population"].notna().to_numpy()) | (population < 0)
    if bad.any():
        raise SchemaError(message(MESSAGES, "commune_population", ids=format_ids(codes[bad])))
    reach_c, reach_j = pairs(cgeoms, czones)
    touched = np.unique(reach_c)
    unknown = touched[np.isnan(population[touched])]
    if len(unknown):
        warnings.warn(
            message(
                MESSAGES,
                "communes_unknown_population",
                n=len(unknown),
                ids=format_ids(codes[unknown]),
            ),
            AvsGeoWarning,
            stacklevel=4,
        )
    uncovered = np.full(len(cgeoms), None, dtype=object)
    uncovered[touched], _ = uncovered_parts(
        cgeoms[touched], np.asarray(zones.geometry.to_numpy(), dtype=object)
    )
    gap = ~shapely.is_empty(uncovered[reach_c])
    pc, pj = reach_c[gap], reach_j[gap]
    pieces = polygonal(overlay_pieces(uncovered, czones, pc, pj)[0])
    area = shapely.area(pieces)
    keep = area > AREA_TOLERANCE_M2
    order = np.lexsort((pc[keep], pj[keep]))
    names = communes["nom"].astype(str).to_numpy() if "nom" in communes.columns else codes
    return CommuneDemand(
        codes=codes,
        names=names,
        area=shapely.area(cgeoms),
        population=np.where(np.isnan(population), 0.0, population),
        pair_cand=pj[keep][order].astype(np.intp),
        pair_commune=pc[keep][order].astype(np.intp),
        pair_area=area[keep][order],
        pieces=pieces[keep][order],
    )


def demand_units(relation: SiteRelation) -> DemandUnits:
    """Split the gained pieces into the atoms of their arrangement, QPV by QPV.

    Notes
    -----
    In a QPV reached by one candidate, its piece is one unit. With ``m >= 2`` pieces,
    their boundaries are noded (``shapely.union_all``) and polygonised; each face lies
    wholly inside or outside each piece, tested at ``shapely.point_on_surface``. Faces
    of one QPV covered by the same candidates are merged into one unit (their areas
    added): a unit is a set of points covered by exactly the same candidates. A QPV
    whose faces do not add up to each piece's area within 1e-6 (precision trouble) is
    split again by successive intersections and differences, which is slower but exact.
    Units of at most ``UNIT_MIN_AREA_M2`` (rounding slivers) are dropped.

    The white zones (``relation.communes``) are split the same way, commune by commune;
    a QPV unit weighs ``qpv_weight * w(q) * area / area(q)`` (0 with
    ``demand="communes"``), a white-zone unit ``communes_weight * population(c) * area /
    area(c)``.
    """
    n_cand = relation.n_candidates
    r, c, qpv, area = _units(
        relation.pair_cand,
        relation.pair_qpv,
        relation.pair_area,
        relation.pieces,
        len(relation.qpv_codes),
    )
    share = area / relation.qpv_area[qpv] if len(qpv) else area
    weight = relation.weight[qpv] * share
    if relation.qpv_factor != 1.0:
        weight = relation.qpv_factor * weight
    population = relation.population[qpv] * share
    demand = relation.communes
    if demand is None:
        matrix = sp.csr_array(
            (np.ones(len(r), dtype=np.int8), (r, c)), shape=(n_cand, len(qpv)), dtype=np.int8
        )
        matrix.sort_indices()
        return DemandUnits(matrix=matrix, qpv=qpv, area=area, weight=weight, population=population)
    wr, wc, commune, warea = _units(
        demand.pair_cand, demand.pair_commune, demand.pair_area, demand.pieces, len(demand.codes)
    )
    white = demand.population[commune] * warea / demand.area[commune] if len(commune) else warea
    n_q = len(qpv)
    rows, cols = np.concatenate([r, wr]), np.concatenate([c, wc + n_q])
    matrix = sp.csr_array(
        (np.ones(len(rows), dtype=np.int8), (rows, cols)),
        shape=(n_cand, n_q + len(commune)),
        dtype=np.int8,
    )
    matrix.sort_indices()
    return DemandUnits(
        matrix=matrix,
        qpv=np.concatenate([qpv, np.full(len(commune), -1, dtype=np.intp)]),
        area=np.concatenate([area, warea]),
        weight=np.concatenate([weight, relation.communes_weight * white]),
        population=np.concatenate([population, np.zeros(len(commune))]),
        commune=np.concatenate([np.full(n_q, -1, dtype=np.intp), commune]),
        white_population=np.concatenate([np.zeros(n_q), white]),
    )


def _units(
    pair_cand: np.ndarray,
    pair_owner: np.ndarray,
    pair_area: np.ndarray,
    pieces: np.ndarray,
    n_owners: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(candidate, unit) entries, owner and area of each unit, owner by owner."""
    counts = np.bincount(pair_owner, minlength=n_owners)
    by_owner = np.argsort(pair_owner, kind="stable")
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.intp)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    unit_owner: list[np.ndarray] = []
    unit_area: list[np.ndarray] = []
    n_units = 0
    for q in np.flatnonzero(counts):
        sel = by_owner[starts[q] : starts[q] + counts[q]]
        cand = pair_cand[sel]
        if len(sel) == 1:
            member = np.ones((1, 1), dtype=bool)
            areas = pair_area[sel]
        else:
            member, areas = _atoms(pieces[sel], pair_area[sel])
        # merge faces with the same covering set
        keys, inverse = np.unique(member.T, axis=0, return_inverse=True)
        merged = np.bincount(inverse.ravel(), weights=areas, minlength=len(keys))
        keep = keys.any(axis=1) & (merged > UNIT_MIN_AREA_M2)
        keys, merged = keys[keep], merged[keep]
        u, c = np.nonzero(keys)
        rows.append(cand[c])
        cols.append(u + n_units)
        unit_owner.append(np.full(len(keys), q, dtype=np.intp))
        unit_area.append(merged)
        n_units += len(keys)
    owner = np.concatenate(unit_owner) if unit_owner else np.array([], dtype=np.intp)
    area = np.concatenate(unit_area) if unit_area else np.array([])
    r = np.concatenate(rows) if rows else np.array([], dtype=np.intp)
    c = np.concatenate(cols) if cols else np.array([], dtype=np.intp)
    return r, c, owner, area


def _atoms(pieces: np.ndarray, piece_area: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(membership m x f, area f) of the faces of the arrangement of ``pieces``."""
    lines = shapely.get_parts(shapely.union_all(shapely.boundary(pieces)))
    faces = shapely.get_parts(shapely.polygonize(lines))
    if len(faces):
        points = shapely.point_on_surface(faces)
        x, y = shapely.get_x(points), shapely.get_y(points)
        member = shapely.contains_xy(pieces[:, None], x[None, :], y[None, :])
        areas = shapely.area(faces)
        # A face's point can fall a hair outside its piece (noding moves the boundary
        # by ~1e-11 m): the pieces whose faces do not add up are decided by area.
        wrong = ~_close(member.astype(float) @ areas, piece_area)
        if wrong.any():
            tree = shapely.STRtree(faces)
            for j in np.flatnonzero(wrong):
                near = tree.query(pieces[j])
                share = shapely.area(shapely.intersection(pieces[j], faces[near])) / areas[near]
                member[j] = False
                member[j, near] = share > 0.5
        if _close(member.astype(float) @ areas, piece_area).all():
            return member, areas
    return _atoms_by_overlay(pieces)


def _close(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    return np.isclose(got, want, rtol=1e-6, atol=1e-3)


def _atoms_by_overlay(pieces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same atoms by successive intersection/difference (robust, quadratic)."""
    m = len(pieces)
    atoms: list[tuple[shapely.Geometry, np.ndarray]] = []
    for j in range(m):
        piece = pieces[j]
        split: list[tuple[shapely.Geometry, np.ndarray]] = []
        for geom, member in atoms:
            inside = shapely.intersection(geom, piece)
            outside = shapely.difference(geom, piece)
            if shapely.area(inside) > 0:
                split.append((inside, np.where(np.arange(m) == j, True, member)))
            if shapely.area(outside) > 0:
                split.append((outside, member))
        rest = (
            shapely.difference(piece, shapely.union_all([g for g, _ in atoms])) if atoms else piece
        )
        if shapely.area(rest) > 0:
            split.append((rest, np.arange(m) == j))
        atoms = split
    member = np.array([a[1] for a in atoms], dtype=bool).T.reshape(m, len(atoms))
    areas = np.array([shapely.area(a[0]) for a in atoms])
    return member, areas


def _weights(coverage: pd.DataFrame, weight: str) -> np.ndarray:
    """Weight of each QPV as floats >= 0 (NaN -> 0 with a warning)."""
    if not isinstance(weight, str):
        raise SchemaError(message(MESSAGES, "weight_type", kind=type(weight).__name__, got=weight))
    codes = coverage["code_qpv"].astype(str).to_numpy()
    if weight == AREA_WEIGHT and AREA_WEIGHT not in coverage.columns:
        return shapely.area(np.asarray(coverage.geometry.to_numpy(), dtype=object))
    if weight not in coverage.columns:
        numeric = [
            str(c)
            for c in coverage.columns
            if c != coverage.geometry.name and pd.api.types.is_numeric_dtype(coverage[c])
        ]
        raise SchemaError(
            message(MESSAGES, "weight_missing", weight=weight, numeric=format_ids(numeric)),
            parameters=("weight",),
            columns=(weight,),
        )
    values = pd.to_numeric(coverage[weight], errors="coerce").to_numpy(dtype=float)
    text = ~np.isnan(values) | coverage[weight].isna().to_numpy()
    if not text.all():
        raise SchemaError(
            message(MESSAGES, "weight_numbers", weight=weight, ids=format_ids(codes[~text]))
        )
    negative = values < 0
    if negative.any():
        raise SchemaError(
            message(MESSAGES, "weight_negative", weight=weight, ids=format_ids(codes[negative]))
        )
    unknown = np.isnan(values)
    if unknown.any():
        warnings.warn(
            message(
                MESSAGES,
                "weight_unknown",
                n=int(unknown.sum()),
                weight=weight,
                ids=format_ids(codes[unknown]),
            ),
            AvsGeoWarning,
            stacklevel=4,
        )
    return np.where(unknown, 0.0, values)


def _check_ratios(codes: np.ndarray, measured: np.ndarray, stored: np.ndarray) -> None:
    off = np.abs(measured - stored) > RATIO_CHECK
    if off.any():
        warnings.warn(
            message(MESSAGES, "ratio_differs", n=int(off.sum()), ids=format_ids(codes[off])),
            AvsGeoWarning,
            stacklevel=4,
        )


def check_relation(relation: object) -> None:
    """Check that ``relation``, given to score or select sites, is a built :class:`SiteRelation`.

    Raises
    ------
    InputTypeError
        Anything else.
    """
    if not isinstance(relation, SiteRelation):
        raise InputTypeError(message(MESSAGES, "relation_type", got=type(relation).__name__))


def relation_of(
    relation: SiteRelation | None,
    candidates: object,
    coverage: gpd.GeoDataFrame | None,
    **options: Any,
) -> SiteRelation:
    """``relation`` once checked, or the relation built from the other arguments.

    What :func:`avs_geo.score_sites` and :func:`avs_geo.select_sites` do with their
    ``relation=`` keyword: a job that scores then selects builds it once and passes it
    to both; ``options`` are :func:`build_relation`'s keywords.
    """
    if relation is None:
        return build_relation(candidates, coverage, **options)
    check_relation(relation)
    return relation
