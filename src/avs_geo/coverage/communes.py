"""Measure which share of each commune the zones reach: the white zones (zones blanches).

:func:`commune_coverage` does for the communes what :func:`avs_geo.compute_coverage`
does for the QPV, with the same overlay kernel (``avs_geo.coverage._overlay``): the
covered share of each commune's area, an area-weighted estimate of its inhabitants
inside at least one zone, the structures that reach it and its class. A commune that
no zone reaches is a *commune sans offre AVS*: the "territoire dépourvu d'équipement
d'animation de la vie sociale" where EVS are typically created.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from avs_geo._crs import join_by_territory, split_by_territory
from avs_geo._validate import (
    check_columns,
    check_geodataframe,
    check_polygons,
    check_projected,
    check_same_crs,
    check_unique,
    repair_geometries,
)
from avs_geo.coverage._overlay import overlay
from avs_geo.coverage.classify import (
    DEFAULT_FULL_MIN,
    DEFAULT_NONE_MAX,
    check_thresholds,
    classify_coverage,
)
from avs_geo.coverage.measure import _ids_per_qpv, _zone_geometries
from avs_geo.errors import SchemaError, format_ids

__all__ = ["COMMUNE_COLUMNS", "commune_coverage"]

COMMUNE_COLUMNS: tuple[str, ...] = (
    "commune_area_m2",
    "covered_area_m2",
    "coverage_ratio",
    "coverage_status",
    "no_offer",
    "structure_ids",
    "n_structures",
    "covered_population",
    "uncovered_population",
)
"""Columns :func:`commune_coverage` adds to the communes."""


def commune_coverage(
    communes: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
    population_column: str = "population",
) -> gpd.GeoDataFrame:
    """Measure the share of each commune inside at least one zone, and its white zone.

    Parameters
    ----------
    communes : geopandas.GeoDataFrame
        Commune polygons with a unique ``code_insee`` (``avs_geo.load_communes``),
        with their inhabitants in ``population_column`` when known (a commune
        without a value gets NaN inhabitants, never 0).
    zones : geopandas.GeoDataFrame
        Zone polygons with a unique ``structure_id`` (``avs_geo.build_zones``), in the
        same projected metric CRS.
    full_min, none_max : float, default 0.95 and 0.05
        Thresholds of the classes, as for the QPV (:func:`avs_geo.compute_coverage`).
    population_column : str, default "population"
        The column of ``communes`` holding the inhabitants (municipal population).

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``communes`` (same index and order: every commune kept) plus
        ``commune_area_m2``, ``covered_area_m2``, ``coverage_ratio``,
        ``coverage_status`` (``"full"``, ``"partial"``, ``"none"`` by the thresholds),
        ``no_offer`` (True when no zone reaches the commune: a *commune sans offre
        AVS*, ratio 0 and no structure), ``structure_ids`` (sorted tuple of str),
        ``n_structures``, ``covered_population`` and ``uncovered_population``
        (area-weighted estimates, NaN when the population is unknown).

    Raises
    ------
    InputTypeError, CRSError
        Not GeoDataFrames, no CRS, different CRS, or a geographic CRS.
    SchemaError
        ``code_insee`` or ``structure_id`` missing, a population that is not a
        non-negative number, or an output column already in ``communes``.
    DuplicateIdError
        ``code_insee`` or ``structure_id`` not unique.
    GeometryError
        Empty, missing or non-polygon geometries (ids named).

    Notes
    -----
    For a commune ``c`` and zones ``z_j`` (the kernel's ``overlay``):

    ``coverage_ratio(c) = area(union_j (c ∩ z_j)) / area(c)``,
    ``covered_population(c) = population(c) * coverage_ratio(c)``,
    ``uncovered_population(c) = population(c) - covered_population(c)``.

    Overlapping zones are united before measuring, so inhabitants are counted once.
    A zone reaches a commune when ``area(c ∩ z_j) > AREA_TOLERANCE_M2`` (0.01 m²): two
    communes that only share a border do not reach each other. ``no_offer`` is
    ``n_structures == 0``; a commune reached on 2 % of its area is ``"none"`` by the
    thresholds but not ``no_offer``: a structure does reach it.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59001", "59002"],
    ...     "population": [1000.0, 300.0]},
    ...     geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)], crs="EPSG:2154")
    >>> zones = gpd.GeoDataFrame({"structure_id": ["S1", "S2"]},
    ...     geometry=[box(0, 0, 50, 100), box(25, 0, 75, 100)], crs="EPSG:2154")
    >>> cov = commune_coverage(communes, zones)
    >>> cov[["code_insee", "coverage_ratio", "no_offer", "uncovered_population"]]
      code_insee  coverage_ratio  no_offer  uncovered_population
    0      59001            0.75     False                 250.0
    1      59002            0.00      True                 300.0
    """
    full_min, none_max = check_thresholds(full_min, none_max)
    checked, zones = _check_inputs(communes, zones)
    existing = [c for c in COMMUNE_COLUMNS if c in checked.columns]
    if existing:
        raise SchemaError(
            f"'communes' already has the output column(s) {format_ids(existing)}; they would "
            f"be overwritten. Pass communes.drop(columns={existing!r})."
        )
    population = _population(checked, population_column)
    parts = split_by_territory(checked, zones)
    if parts is not None:  # each territory measured in its own projection (avs_geo._crs)
        measured = [
            (
                rows,
                commune_coverage(
                    part,
                    sub_zones,
                    full_min=full_min,
                    none_max=none_max,
                    population_column=population_column,
                ),
            )
            for rows, part, (sub_zones,) in parts
        ]
        joined = join_by_territory(measured, checked.crs)
        assert isinstance(joined, gpd.GeoDataFrame)
        given = gpd.GeoSeries(checked.geometry.to_numpy(), index=joined.index, crs=checked.crs)
        return joined.set_geometry(given)
    cgeoms = checked.geometry.to_numpy()
    ov = overlay(cgeoms, _zone_geometries(zones, cgeoms))
    ratio = np.clip(ov.covered_area / ov.qpv_area, 0.0, 1.0)
    out = communes.copy()
    if checked is not communes:
        out = out.set_geometry(checked.geometry.copy())
    ids = _ids_per_qpv(len(checked), ov, zones["structure_id"].astype(str).to_numpy())
    n_structures = np.fromiter((len(t) for t in ids), dtype=np.int64, count=len(ids))
    out["commune_area_m2"] = ov.qpv_area
    out["covered_area_m2"] = ov.covered_area
    out["coverage_ratio"] = ratio
    out["coverage_status"] = classify_coverage(
        pd.Series(ratio, index=out.index), full_min=full_min, none_max=none_max
    )
    out["no_offer"] = n_structures == 0
    out["structure_ids"] = pd.Series(ids, index=out.index, dtype=object)
    out["n_structures"] = n_structures
    out["covered_population"] = population * ratio
    out["uncovered_population"] = population * (1.0 - ratio)
    return out


def _check_inputs(
    communes_in: object, zones_in: object
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    communes = check_geodataframe(communes_in, "communes")
    zones = check_geodataframe(zones_in, "zones")
    check_same_crs(communes=communes, zones=zones)
    check_projected(communes, "communes", mixed_ok=True)  # measured per territory
    check_columns(communes, ["code_insee"], "communes", hint="Use avs_geo.load_communes().")
    check_columns(zones, ["structure_id"], "zones", hint="Build them with avs_geo.build_zones().")
    check_unique(communes["code_insee"].astype(str), "communes", "code_insee")
    check_unique(
        zones["structure_id"].astype(str),
        "zones",
        "structure_id",
        fix=": dissolve the zones by structure_id first.",
    )
    check_polygons(communes, "communes", id_column="code_insee")
    if len(zones):
        check_polygons(zones, "zones", id_column="structure_id")
    communes, _ = repair_geometries(communes, "communes", id_column="code_insee")
    return communes, zones


def _population(communes: pd.DataFrame, column: str) -> np.ndarray:
    """Inhabitants of each commune as floats (NaN when unknown); raise on text or < 0."""
    if column not in communes.columns:
        return np.full(len(communes), np.nan)
    values = pd.to_numeric(communes[column], errors="coerce").to_numpy(dtype=float)
    codes = communes["code_insee"].astype(str).to_numpy()
    bad = (np.isnan(values) & communes[column].notna().to_numpy()) | (values < 0)
    if bad.any():
        raise SchemaError(
            f"'communes' column {column!r} should hold non-negative numbers of inhabitants "
            f"(empty when unknown); communes {format_ids(codes[bad])} do not."
        )
    return values
