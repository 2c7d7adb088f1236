"""The zone each candidate site would serve, and candidate grids over the uncovered QPV.

Candidates are read and normalised by :mod:`avs_geo.read.candidates` (a file, a frame,
a list of communes); when the planner has nothing yet, :func:`candidate_grid` lays a
regular grid over the QPV left uncovered. Every candidate gets a zone the way
structures do (see ``avs_geo.build_zones``): the union of its communes, a radius around
its location, and its polygon when it is drawn as one.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._codes import explode_codes, geometries_of_codes, replace_former_codes
from avs_geo._validate import (
    check_columns,
    check_geodataframe,
    check_projected,
    check_same_crs,
    repair_geometries,
)
from avs_geo.coverage._overlay import uncovered_parts
from avs_geo.coverage.communes import commune_coverage
from avs_geo.errors import DuplicateIdError, GeometryError, ParameterError, SchemaError, format_ids

# Reading candidates moved to avs_geo.read.candidates; the names stay importable from here
# for one release (avs_geo.sites.relation and 0.1 code use them).
from avs_geo.read.candidates import CANDIDATE_COLUMNS, as_candidates, load_candidates
from avs_geo.zones import _buffers, _union_by_group

__all__ = [
    "CANDIDATE_COLUMNS",
    "DEFAULT_GRID_SPACING_M",
    "DEFAULT_RADIUS_M",
    "as_candidates",
    "candidate_grid",
    "candidate_zones",
    "load_candidates",
    "white_zone_candidates",
]

DEFAULT_RADIUS_M: float = 500.0
"""Radius (metres) of the zone of a point candidate that has no other zone.

500 m is the scale of a neighbourhood facility (six to seven minutes on foot), between
the radii of the example EVS (250-350 m) and centres sociaux (450-800 m) of Occitanie.
It is a default for a first look: give the radius of the project with ``radius_m=`` or
a ``zone_rayon_m`` column, one value per candidate.
"""

DEFAULT_GRID_SPACING_M: float = 250.0
"""Spacing of :func:`candidate_grid`: half the default radius, so that every point of a
QPV lies within 177 m (half the diagonal) of a grid node."""


def candidate_zones(
    candidates: gpd.GeoDataFrame,
    *,
    communes: gpd.GeoDataFrame | None = None,
    radius_m: float | None = None,
) -> gpd.GeoDataFrame:
    """The zone each candidate would serve: communes ∪ radius buffer ∪ drawn polygon.

    Parameters
    ----------
    candidates : geopandas.GeoDataFrame
        A normalised candidate frame (:func:`load_candidates`, :func:`as_candidates`
        or :func:`candidate_grid`), in a projected metric CRS.
    communes : geopandas.GeoDataFrame, optional
        Commune polygons with ``code_insee``; needed when a candidate names communes.
    radius_m : float, optional
        Radius around the point candidates that have no ``zone_rayon_m`` of their own.
        None applies :data:`DEFAULT_RADIUS_M` (500 m) to the point candidates with no
        other zone (no communes), and no radius to the others.

    Returns
    -------
    geopandas.GeoDataFrame
        ``candidat_id``, ``nom`` and the zone (Polygon/MultiPolygon) as geometry, on
        the candidates' index, in their CRS.

    Notes
    -----
    ``zone(c) = union(communes(c) ∪ buffer(point(c), r(c)) ∪ polygon(c))`` with
    ``r(c) = zone_rayon_m(c)`` when given, else ``radius_m``, else 500 m for a point
    with no communes. Buffers use ``avs_geo.zones.BUFFER_QUAD_SEGS`` segments per
    quarter circle, as for the structures.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> cands = gpd.GeoDataFrame({"candidat_id": ["A"], "nom": ["a"],
    ...     "zone_communes": [()], "zone_rayon_m": [float("nan")]},
    ...     geometry=[Point(0, 0)], crs="EPSG:2154")
    >>> round(float(candidate_zones(cands).area.iloc[0]))
    784137
    >>> round(float(candidate_zones(cands, radius_m=100).area.iloc[0]))
    31365
    """
    check_geodataframe(candidates, "candidates")
    check_projected(candidates, "candidates", mixed_ok=True)
    check_columns(
        candidates, CANDIDATE_COLUMNS, "candidates", hint="Use avs_geo.sites.load_candidates."
    )
    if radius_m is not None and not (
        isinstance(radius_m, int | float) and not isinstance(radius_m, bool) and radius_m > 0
    ):
        raise ParameterError(
            f"radius_m should be a positive number of metres (or None for "
            f"{DEFAULT_RADIUS_M:g} m), got {radius_m!r}."
        )
    ids = candidates["candidat_id"].astype(str).to_numpy(copy=True)
    geoms = np.asarray(candidates.geometry.to_numpy(), dtype=object)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    is_point = present & (shapely.get_type_id(geoms) == 0)
    is_poly = present & np.isin(shapely.get_type_id(geoms), (3, 6))
    codes = candidates["zone_communes"].to_numpy()
    has_codes = np.fromiter((len(c) > 0 for c in codes), dtype=bool, count=len(codes))
    own = pd.to_numeric(candidates["zone_rayon_m"]).to_numpy(dtype=float)
    fill = np.where(has_codes, np.nan, DEFAULT_RADIUS_M) if radius_m is None else float(radius_m)
    radius = np.where(np.isnan(own), fill, own)
    radius = np.where(is_point, radius, np.nan)
    bad = ~np.isnan(own) & ~is_point
    if bad.any():
        raise SchemaError(
            f"Candidates {format_ids(ids[bad])} have a zone_rayon_m but no Point location "
            "to draw it around (their geometry is a polygon or missing). Remove the radius "
            "or give a point."
        )

    parts: list[np.ndarray] = []
    groups: list[np.ndarray] = []
    with_radius = np.flatnonzero(~np.isnan(radius))
    # discs of true metres, drawn in each territory's projection (as the structures' zones)
    parts.append(_buffers(geoms[with_radius], radius[with_radius], candidates.crs))
    groups.append(with_radius)
    poly_pos = np.flatnonzero(is_poly)
    if len(poly_pos):
        frame = gpd.GeoDataFrame(
            {"candidat_id": ids[poly_pos]}, geometry=geoms[poly_pos], crs=candidates.crs
        )
        repaired, _ = repair_geometries(frame, "candidates", id_column="candidat_id")
        parts.append(repaired.geometry.to_numpy())
        groups.append(poly_pos)
    if has_codes.any():
        pos, commune_geoms = _commune_parts(ids, codes, has_codes, communes, candidates)
        parts.append(commune_geoms)
        groups.append(pos)
    zones = _union_by_group(np.concatenate(groups), np.concatenate(parts), len(candidates))
    empty = shapely.is_empty(zones)
    if empty.any():
        raise GeometryError(
            f"Candidates {format_ids(ids[empty])} have no zone: give them a point, a polygon "
            "or zone_communes."
        )
    return gpd.GeoDataFrame(
        {"candidat_id": ids, "nom": candidates["nom"].to_numpy(copy=True)},
        geometry=gpd.GeoSeries(zones, index=candidates.index, crs=candidates.crs),
        index=candidates.index,
        crs=candidates.crs,
    )


def candidate_grid(
    coverage: gpd.GeoDataFrame | None,
    *,
    spacing_m: float = DEFAULT_GRID_SPACING_M,
    zones: gpd.GeoDataFrame | None = None,
    statuses: Sequence[str] = ("none", "partial"),
    mode: str = "grid",
    communes: gpd.GeoDataFrame | None = None,
    max_communes: int = 1,
) -> gpd.GeoDataFrame:
    """A regular grid of candidate points over the QPV left uncovered, or white-zone communes.

    ``mode="communes"`` (see :func:`white_zone_candidates`) makes each commune that no
    zone reaches, or each group of up to ``max_communes`` contiguous ones, a candidate
    given by its communes; ``coverage``, ``spacing_m`` and ``statuses`` are then unused.

    Parameters
    ----------
    coverage : geopandas.GeoDataFrame
        Output of ``avs_geo.compute_coverage`` (``code_qpv``, ``coverage_status`` and
        the QPV polygons).
    spacing_m : float, default 250
        Distance between grid nodes, in metres.
    zones : geopandas.GeoDataFrame, optional
        The existing zones (``avs_geo.build_zones``): nodes are then kept in the
        uncovered part of each QPV only. Without them, in the whole QPV.
    statuses : sequence of str, default ("none", "partial")
        The classes of QPV that get candidates.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per node: ``candidat_id`` (``"GRILLE-00001"`` ...), ``nom``
        (``"Grille QP031001 n°1"``), ``code_qpv``, ``zone_communes`` (empty),
        ``zone_rayon_m`` (NaN: the radius comes from ``radius_m`` when scoring) and
        the point, in the coverage's CRS.

    Notes
    -----
    Nodes lie on the lattice ``(i * spacing_m, j * spacing_m)`` of the CRS, so the
    same QPV always get the same nodes. A QPV (or uncovered part) too small to hold a
    node gets one point inside it (``shapely.point_on_surface``), so that no QPV of
    the requested classes is left without a candidate. Points are numbered QPV by QPV
    in the coverage's order, then by row (north to south) and column (west to east).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> cov = gpd.GeoDataFrame({"code_qpv": ["QP031001", "QP031002"],
    ...     "coverage_status": ["none", "full"]},
    ...     geometry=[box(0, 0, 600, 400), box(1000, 0, 1100, 100)], crs="EPSG:2154")
    >>> grid = candidate_grid(cov, spacing_m=250)
    >>> grid[["candidat_id", "code_qpv"]].iloc[0].tolist(), len(grid)
    (['GRILLE-00001', 'QP031001'], 2)
    >>> grid.geometry.x.tolist(), grid.geometry.y.tolist()
    ([250.0, 500.0], [250.0, 250.0])
    """
    if mode == "communes":
        if communes is None or zones is None:
            raise ParameterError(
                "mode='communes' needs communes= and zones= (the existing zones): the "
                "candidates are the communes no zone reaches.",
                parameters=("communes", "zones"),
            )
        return white_zone_candidates(communes, zones, max_communes=max_communes)
    if mode != "grid":
        raise ParameterError(
            f"mode should be 'grid' or 'communes', got {mode!r}.", parameters=("mode",)
        )
    coverage = check_geodataframe(coverage, "coverage")
    check_projected(coverage, "coverage")
    check_columns(
        coverage, ["code_qpv", "coverage_status"], "coverage", hint="Use compute_coverage."
    )
    if isinstance(spacing_m, bool) or not isinstance(spacing_m, int | float) or spacing_m <= 0:
        raise ParameterError(f"spacing_m should be a positive number of metres, got {spacing_m!r}.")
    unknown = sorted(set(statuses) - {"none", "partial", "full"})
    if unknown:
        raise ParameterError(
            f"statuses should be among 'none', 'partial', 'full', got {format_ids(unknown)}."
        )
    keep = coverage["coverage_status"].isin(list(statuses)).to_numpy()
    geoms = np.asarray(coverage.geometry.to_numpy(), dtype=object)[keep]
    codes = coverage["code_qpv"].astype(str).to_numpy()[keep]
    if zones is not None:
        zones = check_geodataframe(zones, "zones")
        check_same_crs(coverage=coverage, zones=zones)
        geoms, _ = uncovered_parts(geoms, np.asarray(zones.geometry.to_numpy(), dtype=object))
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    owners: list[str] = []
    step = float(spacing_m)
    for code, geom in zip(codes, geoms, strict=True):
        if geom is None or shapely.is_empty(geom):
            continue
        x0, y0, x1, y1 = shapely.bounds(geom)
        gx = np.arange(np.ceil(x0 / step), np.floor(x1 / step) + 1) * step
        gy = np.arange(np.floor(y1 / step), np.ceil(y0 / step) - 1, -1) * step
        grid_x, grid_y = np.meshgrid(gx, gy)
        mx, my = grid_x.ravel(), grid_y.ravel()
        inside = shapely.contains_xy(geom, mx, my)
        if inside.any():
            px, py = mx[inside], my[inside]
        else:
            p = shapely.point_on_surface(geom)
            px, py = np.array([shapely.get_x(p)]), np.array([shapely.get_y(p)])
        xs.append(px)
        ys.append(py)
        owners.extend([code] * len(px))
    n = len(owners)
    x = np.concatenate(xs) if xs else np.array([])
    y = np.concatenate(ys) if ys else np.array([])
    counts = pd.Series(owners, dtype=object).groupby(owners, sort=False).cumcount() + 1
    return gpd.GeoDataFrame(
        {
            "candidat_id": [f"GRILLE-{i + 1:05d}" for i in range(n)],
            "nom": [f"Grille {c} n°{j}" for c, j in zip(owners, counts, strict=True)],
            "code_qpv": owners,
            "zone_communes": pd.Series([()] * n, dtype=object),
            "zone_rayon_m": np.full(n, np.nan),
        },
        geometry=shapely.points(x, y) if n else [],
        crs=coverage.crs,
    )


def white_zone_candidates(
    communes: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, *, max_communes: int = 1
) -> gpd.GeoDataFrame:
    """Candidates made of the communes no existing zone reaches (white-zone communes).

    Parameters
    ----------
    communes : geopandas.GeoDataFrame
        Commune polygons with ``code_insee`` (and ``nom``, ``population`` when known).
    zones : geopandas.GeoDataFrame
        The existing zones (``avs_geo.build_zones``).
    max_communes : int, default 1
        1: one candidate per white-zone commune. ``m > 1``: groups of up to ``m``
        contiguous white-zone communes, as a rural EVS serving several communes.

    Returns
    -------
    geopandas.GeoDataFrame
        ``candidat_id`` (``"COMMUNE-59436"``, or ``"GROUPE-0001"`` ...), ``nom``
        (``"Zone blanche Noordpeene"``, ``"Zone blanche Noordpeene + 3 communes"``),
        ``zone_communes`` (tuple of codes), ``zone_rayon_m`` (NaN), ``population``
        (sum, NaN when unknown) and no location (the zone is the communes).

    Notes
    -----
    White-zone communes: ``no_offer`` of :func:`avs_geo.coverage.communes.commune_coverage`
    (no zone reaches them). Two communes are contiguous when their contours share at
    least a point. Groups are grown breadth-first: from the ungrouped commune with the
    smallest INSEE code, add its ungrouped contiguous white neighbours (by code), then
    theirs, until ``max_communes`` communes or none left; repeat. The result depends
    on the codes only, never on the row order.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59001", "59002", "59003", "59004"],
    ...     "nom": ["A", "B", "C", "D"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1),
    ...     box(2, 0, 3, 1), box(5, 0, 6, 1)], crs="EPSG:2154")
    >>> zones = gpd.GeoDataFrame({"structure_id": ["S"]}, geometry=[box(2, 0, 3, 1)],
    ...     crs="EPSG:2154")
    >>> white_zone_candidates(communes, zones, max_communes=3)[
    ...     ["candidat_id", "nom", "zone_communes"]].to_dict("list")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'candidat_id': ['GROUPE-0001', 'GROUPE-0002'],
     'nom': ['Zone blanche A + 1 commune', 'Zone blanche D'],
     'zone_communes': [('59001', '59002'), ('59004',)]}
    """
    if isinstance(max_communes, bool) or not isinstance(max_communes, int) or max_communes < 1:
        raise ParameterError(
            f"max_communes should be a whole number >= 1, got {max_communes!r}.",
            parameters=("max_communes",),
        )
    cov = commune_coverage(communes, zones)
    white = cov.loc[cov["no_offer"].to_numpy(dtype=bool)]
    codes = white["code_insee"].astype(str).to_numpy()
    order = np.argsort(codes, kind="stable")
    white, codes = white.iloc[order], codes[order]
    names = white["nom"].astype(str).to_numpy() if "nom" in white.columns else codes
    population = (
        pd.to_numeric(white["population"], errors="coerce").to_numpy(dtype=float)
        if "population" in white.columns
        else np.full(len(white), np.nan)
    )
    groups = _contiguous_groups(np.asarray(white.geometry.to_numpy(), dtype=object), max_communes)
    single = max_communes == 1
    ids, noms, members, pops = [], [], [], []
    for g, group in enumerate(groups):
        first = group[0]
        ids.append(f"COMMUNE-{codes[first]}" if single else f"GROUPE-{g + 1:04d}")
        more = len(group) - 1
        extra = "" if more == 0 else f" + {more} commune{'s' if more > 1 else ''}"
        noms.append(f"Zone blanche {names[first]}{extra}")
        members.append(tuple(str(codes[i]) for i in group))
        pops.append(float(population[group].sum()))
    n = len(groups)
    return gpd.GeoDataFrame(
        {
            "candidat_id": ids,
            "nom": noms,
            "zone_communes": pd.Series(members, dtype=object),
            "zone_rayon_m": np.full(n, np.nan),
            "population": pops,
        },
        geometry=[None] * n,
        crs=communes.crs,
    )


def _contiguous_groups(geoms: np.ndarray, size: int) -> list[list[int]]:
    """Positions grouped breadth-first into runs of up to ``size`` touching polygons."""
    if size == 1 or len(geoms) == 0:
        return [[i] for i in range(len(geoms))]
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    keep = left != right
    neighbours = pd.Series(right[keep]).groupby(left[keep]).agg(lambda v: sorted(v.tolist()))
    free = np.ones(len(geoms), dtype=bool)
    groups: list[list[int]] = []
    for seed in range(len(geoms)):  # positions follow the codes
        if not free[seed]:
            continue
        group, queue = [seed], [seed]
        free[seed] = False
        while queue and len(group) < size:
            for other in neighbours.get(queue.pop(0), []):
                if free[other] and len(group) < size:
                    free[other] = False
                    group.append(other)
                    queue.append(other)
        groups.append(group)
    return groups


# ------------------------------------------------------------------------ helpers


def _commune_parts(
    ids: np.ndarray,
    codes: np.ndarray,
    has_codes: np.ndarray,
    communes: gpd.GeoDataFrame | None,
    candidates: gpd.GeoDataFrame,
) -> tuple[np.ndarray, np.ndarray]:
    if communes is None:
        raise ParameterError(
            f"Candidates {format_ids(ids[has_codes])} are given by commune (zone_communes) "
            "but no 'communes' layer was passed: add communes=avs_geo.load_communes()."
        )
    communes = check_geodataframe(communes, "communes")
    check_same_crs(candidates=candidates, communes=communes)
    check_columns(communes, ["code_insee"], "communes", hint="Use avs_geo.load_communes().")
    index = pd.Index(communes["code_insee"].astype(str).to_numpy())
    if not index.is_unique:
        raise DuplicateIdError(
            f"'communes' has duplicate code_insee values: "
            f"{format_ids(sorted(set(index[index.duplicated()])))}."
        )
    pos, flat = explode_codes(pd.Series(list(codes), dtype=object))
    flat = replace_former_codes(
        pos, flat, ids=ids, communes=communes, owner="candidat", stacklevel=5
    )
    geoms = geometries_of_codes(
        pos,
        flat,
        ids=ids,
        index=index,
        geometries=communes.geometry.to_numpy(),
        column="zone_communes",
        layer_name="communes",
        owner="candidate",
    )
    return pos, geoms
