"""Measure which share of each QPV the structures' zones cover.

:func:`compute_coverage` is the engine (one row per QPV); :func:`coverage_sensitivity`
shows how the classes move with the tolerance. Both measure with the QPV x zone
kernel of ``avs_geo.coverage._overlay``, as :func:`avs_geo.explain_qpv` does.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._crs import join_by_territory, split_by_territory
from avs_geo._i18n import message
from avs_geo._i18n.coverage import MESSAGES
from avs_geo._validate import (
    check_columns,
    check_geodataframe,
    check_polygons,
    check_projected,
    check_same_crs,
    check_unique,
    mixed_generations_message,
    repair_geometries,
)
from avs_geo.coverage._overlay import Overlay, overlay
from avs_geo.coverage._population import check_population_layer, people_in, population_layer
from avs_geo.coverage.classify import (
    DEFAULT_FULL_MIN,
    DEFAULT_NONE_MAX,
    DEFAULT_SENSITIVITY_THRESHOLDS,
    check_thresholds,
    check_tolerances,
    classify_coverage,
)
from avs_geo.errors import (
    GeometryError,
    InputTypeError,
    SchemaError,
    format_ids,
)

__all__ = ["OUTPUT_COLUMNS", "compute_coverage", "coverage_sensitivity"]

OUTPUT_COLUMNS: tuple[str, ...] = (
    "qpv_area_m2",
    "covered_area_m2",
    "coverage_ratio",
    "coverage_status",
    "full_min",
    "none_max",
    "structure_ids",
    "n_structures",
    "covered_population",
)


def _overlay_of(qpv: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, *, keep_covered: bool) -> Overlay:
    """The kernel's overlay of the checked inputs (zones repaired where they matter)."""
    qgeoms = qpv.geometry.to_numpy()
    return overlay(
        qgeoms, _zone_geometries(zones, qgeoms), keep_covered=keep_covered, keep_pieces=False
    )


def _zone_geometries(zones: gpd.GeoDataFrame, qgeoms: np.ndarray) -> np.ndarray:
    """Zone geometries, the invalid ones among the candidates repaired (with a warning).

    Only the zones whose bounding box meets a QPV's are checked: on a national layer of
    35,000 communes, checking them all would take most of the time.
    """
    zgeoms = zones.geometry.to_numpy()
    if len(zgeoms) == 0 or len(qgeoms) == 0:
        return zgeoms
    used = np.unique(shapely.STRtree(zgeoms).query(qgeoms)[1])
    invalid = used[~shapely.is_valid(zgeoms[used])]
    if len(invalid) == 0:
        return zgeoms
    repaired, _ = repair_geometries(zones.iloc[invalid], "zones", id_column="structure_id")
    zgeoms = zgeoms.copy()  # never write into the caller's geometry array
    zgeoms[invalid] = repaired.geometry.to_numpy()
    return zgeoms


def _check_inputs(qpv_in: object, zones_in: object) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Every check before any work; returns the inputs, repaired if needed (with a warning)."""
    qpv = check_geodataframe(qpv_in, "qpv")
    zones = check_geodataframe(zones_in, "zones")
    check_same_crs(qpv=qpv, zones=zones)
    check_projected(qpv, "qpv", mixed_ok=True)  # a layer mixing territories: measured per territory
    check_columns(qpv, ["code_qpv"], "qpv", hint=message(MESSAGES, "qpv_hint"))
    if len(qpv) == 0:
        raise SchemaError(message(MESSAGES, "no_qpv"))
    mixed = mixed_generations_message(qpv["code_qpv"], "'qpv'")
    if mixed:
        raise SchemaError(mixed)
    check_columns(zones, ["structure_id"], "zones", hint=message(MESSAGES, "build_zones_hint"))
    for frame, name, column in ((qpv, "qpv", "code_qpv"), (zones, "zones", "structure_id")):
        fix = message(MESSAGES, "dissolve") if name == "zones" else "."
        check_unique(frame[column], name, column, fix=fix)
        check_polygons(frame, name, id_column=column)
    qpv, _ = repair_geometries(qpv, "qpv", id_column="code_qpv")
    flat = ~(shapely.area(qpv.geometry.to_numpy()) > 0)
    if flat.any():
        raise GeometryError(
            message(
                MESSAGES, "flat_qpv", n=int(flat.sum()), ids=format_ids(qpv.loc[flat, "code_qpv"])
            )
        )
    return qpv, zones


def compute_coverage(
    qpv: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
    population: str | gpd.GeoDataFrame | None = None,
    population_column: str = "population",
) -> gpd.GeoDataFrame:
    """Measure the share of each QPV covered by the union of the zones, and classify it.

    Parameters
    ----------
    qpv : geopandas.GeoDataFrame
        QPV polygons with a unique ``code_qpv`` column (``avs_geo.load_qpv``).
    zones : geopandas.GeoDataFrame
        Zone polygons with a unique ``structure_id`` column (``avs_geo.build_zones``),
        in the same projected metric CRS as ``qpv``.
    full_min : float, default 0.95
        A QPV is ``"full"`` when ``coverage_ratio >= full_min``.
    none_max : float, default 0.05
        A QPV is ``"none"`` when ``coverage_ratio <= none_max`` (``< full_min``).
    population : None, str or geopandas.GeoDataFrame, optional
        None uses the ``population`` column of ``qpv`` when present (otherwise
        ``covered_population`` is NaN); a str names another numeric column of
        ``qpv``; a GeoDataFrame is a finer layer of points or polygons (same CRS)
        whose column ``population_column`` holds the inhabitants (the INSEE Filosofi
        200 m grid, as cells or their centres: 2.3 million cells for France take a few
        seconds).
    population_column : str, default "population"
        The numeric column of a finer ``population`` layer.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``qpv`` (same index, same order, every column and the QPV
        geometry kept) plus ``qpv_area_m2``, ``covered_area_m2``, ``coverage_ratio``,
        ``coverage_status`` (``"full"``, ``"partial"``, ``"none"``), ``structure_ids``
        (sorted tuple of str), ``n_structures`` and ``covered_population``. The
        thresholds are not stored in the frame (pandas keeps no metadata through
        ``merge`` or ``concat``): pass the same ``full_min=`` and ``none_max=`` to the
        tables and maps that print them; they check them against the classes.

    Raises
    ------
    InputTypeError, CRSError
        Not GeoDataFrames, no CRS, different CRS, or a geographic CRS (areas in
        degrees are an error).
    SchemaError
        A column is missing, or an output column already exists in ``qpv``.
    DuplicateIdError
        ``code_qpv`` or ``structure_id`` not unique.
    GeometryError
        Empty, missing or non-polygon geometries (ids named), or a QPV of zero area.
    ParameterError
        Thresholds outside [0, 1] or ``none_max >= full_min``.

    Notes
    -----
    For a QPV ``q`` and zones ``z_1 .. z_k``:

    ``coverage_ratio(q) = area(q ∩ (z_1 ∪ ... ∪ z_k)) / area(q)``

    computed as ``area(union_j (q ∩ z_j)) / area(q)`` over the zones the spatial
    index gives as candidates (overlaps are never counted twice). A zone is listed
    in ``structure_ids`` when ``area(q ∩ z_j) > AREA_TOLERANCE_M2`` (0.01 m²): a
    zone that only touches the QPV's edge is not listed and adds nothing; ratios
    above ``1 - RATIO_SNAP`` (1e-9, floating-point noise) are set to 1.

    ``coverage_status = "full" if ratio >= full_min, "none" if ratio <= none_max,
    else "partial"``. The defaults (tolerance 5 % on each side) come from the sliver
    study in docs/coverage.md: on the Occitanie data a QPV inside one commune
    measures down to 96.2 % inside it because the contours are digitised on
    different bases (slivers of 0.006 %, 0.5 %, 0.8 % and 3.8 %). Use
    :func:`coverage_sensitivity` to see the effect of other thresholds.

    ``covered_population = population(q) * coverage_ratio(q)`` (area weighted); with
    a finer layer it is the sum of the points inside the covered part, or
    ``sum_p population(p) * area(p ∩ covered(q)) / area(p)`` for polygons. Each
    inhabitant counts once: a point on the border of two QPV belongs to the one with
    the smallest ``code_qpv`` only (a point on the edge of the covered part counts as
    covered); a cell across a border is shared by area. The covered population of all
    the QPV is therefore never more than the layer's total (see
    ``avs_geo.coverage._population``).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP031001", "QP031002"],
    ...     "population": [1000.0, 500.0]},
    ...     geometry=[box(0, 0, 100, 100), box(200, 0, 300, 100)], crs="EPSG:2154")
    >>> zones = gpd.GeoDataFrame({"structure_id": ["S1", "S2"]},
    ...     geometry=[box(0, 0, 50, 100), box(25, 0, 75, 100)], crs="EPSG:2154")
    >>> cov = compute_coverage(qpv, zones)
    >>> cov[["code_qpv", "coverage_ratio", "coverage_status", "n_structures"]]
       code_qpv  coverage_ratio coverage_status  n_structures
    0  QP031001            0.75         partial             2
    1  QP031002            0.00            none             0
    >>> cov.loc[0, "structure_ids"], float(cov.loc[0, "covered_population"])
    (('S1', 'S2'), 750.0)
    """
    full_min, none_max = check_thresholds(full_min, none_max)
    qpv_in = qpv
    qpv, zones = _check_inputs(qpv, zones)
    existing = [c for c in OUTPUT_COLUMNS if c in qpv.columns]
    if existing:
        raise SchemaError(
            message(
                MESSAGES,
                "output_columns",
                name="qpv",
                columns=format_ids(existing),
                existing=existing,
            )
        )
    pop_values, finer = _population_input(qpv, population, population_column)
    parts = split_by_territory(qpv, zones, finer)
    if parts is not None:  # territories measured each in its own projection (avs_geo._crs)
        measured = [
            (
                rows,
                compute_coverage(
                    part,
                    sub_zones,
                    full_min=full_min,
                    none_max=none_max,
                    population=sub_finer if finer is not None else population,
                    population_column=population_column,
                ),
            )
            for rows, part, (sub_zones, sub_finer) in parts
        ]
        joined = join_by_territory(measured, qpv.crs)
        assert isinstance(joined, gpd.GeoDataFrame)
        # the geometries returned are those given (repaired), not a reprojected round trip
        given = gpd.GeoSeries(qpv.geometry.to_numpy(), index=joined.index, crs=qpv.crs)
        return joined.set_geometry(given)
    ov = _overlay_of(qpv, zones, keep_covered=finer is not None)
    ratio = np.clip(ov.covered_area / ov.qpv_area, 0.0, 1.0)

    out = qpv_in.copy()
    if qpv is not qpv_in:  # repaired geometries are the ones measured and returned
        out = out.set_geometry(qpv.geometry.copy())
    out["qpv_area_m2"] = ov.qpv_area
    out["covered_area_m2"] = ov.covered_area
    out["coverage_ratio"] = ratio
    out["coverage_status"] = classify_coverage(
        pd.Series(ratio, index=out.index), full_min=full_min, none_max=none_max
    )
    # The thresholds travel with the classes they made, as plain columns (they survive
    # merge and concat): tables, sheets, legends and site scores read them.
    out["full_min"] = float(full_min)
    out["none_max"] = float(none_max)
    ids = _ids_per_qpv(len(qpv), ov, zones["structure_id"].astype(str).to_numpy())
    out["structure_ids"] = pd.Series(ids, index=out.index, dtype=object)
    out["n_structures"] = np.fromiter((len(t) for t in ids), dtype=np.int64, count=len(ids))
    if finer is not None:
        assert ov.covered is not None
        layer = population_layer(
            finer.geometry.to_numpy(),
            pd.to_numeric(finer[population_column]).to_numpy(dtype=float),
            qpv.geometry.to_numpy(),
            qpv["code_qpv"].astype(str).to_numpy(),
        )
        out["covered_population"] = people_in(ov.covered, np.arange(len(qpv)), layer)
    else:
        out["covered_population"] = pop_values * ratio
    return out


def _ratios(qpv: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> np.ndarray:
    """Coverage ratio of each QPV, each territory measured in its own projection."""
    parts = split_by_territory(qpv, zones)
    if parts is None:
        ov = _overlay_of(qpv, zones, keep_covered=False)
        return np.clip(ov.covered_area / ov.qpv_area, 0.0, 1.0)
    ratio = np.empty(len(qpv))
    for rows, part, (sub_zones,) in parts:
        ratio[rows] = _ratios(part, sub_zones)
    return ratio


def _ids_per_qpv(n: int, ov: Overlay, zone_ids: np.ndarray) -> np.ndarray:
    """Sorted tuple of distinct structure ids per QPV (pairs are sorted by QPV)."""
    pairs = pd.DataFrame({"q": ov.qpv_pos, "id": zone_ids[ov.zone_pos]})
    pairs = pairs.drop_duplicates().sort_values(["q", "id"])
    counts = np.bincount(pairs["q"].to_numpy(dtype=np.intp), minlength=n)
    chunks = np.split(pairs["id"].to_numpy(dtype=object), np.cumsum(counts)[:-1])
    out = np.empty(n, dtype=object)
    out[:] = [tuple(str(i) for i in chunk) for chunk in chunks]
    return out


def _population_input(
    qpv: gpd.GeoDataFrame, population: object, population_column: str
) -> tuple[np.ndarray, gpd.GeoDataFrame | None]:
    """(population per QPV as floats, or the finer layer)."""
    nan = np.full(len(qpv), np.nan)
    if population is None:
        if "population" not in qpv.columns:
            return nan, None
        population = "population"
    if isinstance(population, str):
        check_columns(qpv, [population], "qpv", hint=message(MESSAGES, "population_hint"))
        values = pd.to_numeric(qpv[population], errors="coerce").to_numpy(dtype=float)
        bad = np.isnan(values) & qpv[population].notna().to_numpy()
        if bad.any():
            raise SchemaError(
                message(
                    MESSAGES,
                    "qpv_population",
                    column=population,
                    ids=format_ids(qpv.loc[bad, "code_qpv"]),
                )
            )
        return values, None
    if isinstance(population, gpd.GeoDataFrame):
        layer = check_population_layer(population, population_column, qpv=qpv)
        return nan, layer
    raise InputTypeError(message(MESSAGES, "population_type", got=type(population).__name__))


def coverage_sensitivity(
    qpv: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    thresholds: Sequence[float] = DEFAULT_SENSITIVITY_THRESHOLDS,
) -> pd.DataFrame:
    """How many QPV fall in each class, and change class, for each tolerance ``t``.

    Parameters
    ----------
    qpv, zones : geopandas.GeoDataFrame
        As for :func:`compute_coverage`.
    thresholds : sequence of float, default (0, 0.005, 0.01, 0.02, 0.05)
        Tolerances ``t`` in [0, 0.5): ``full_min = 1 - t`` and ``none_max = t``.

    Returns
    -------
    pandas.DataFrame
        One row per tolerance: ``tolerance``, ``full_min``, ``none_max``, ``n_full``,
        ``n_partial``, ``n_none``, ``n_changed`` (QPV whose class differs from the
        strict classes of ``t = 0``: full only at 100 %, none only at 0 %) and
        ``changed_qpv`` (their codes, sorted).

    Notes
    -----
    Ratios are measured once (as in :func:`compute_coverage`), then classified for
    each ``t``. The slivers between commune-based zones and QPV contours show up as
    QPV leaving "partial" for "full" (or "none") as ``t`` grows.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP031001", "QP031002"]},
    ...     geometry=[box(0, 0, 100, 100), box(200, 0, 300, 100)], crs="EPSG:2154")
    >>> zones = gpd.GeoDataFrame({"structure_id": ["S1"]},
    ...     geometry=[box(0, 0, 99, 100)], crs="EPSG:2154")
    >>> table = coverage_sensitivity(qpv, zones, thresholds=[0, 0.02])
    >>> table[["tolerance", "n_full", "n_partial", "n_none", "n_changed"]]
       tolerance  n_full  n_partial  n_none  n_changed
    0       0.00       0          1       1          0
    1       0.02       1          0       1          1
    """
    tolerances = check_tolerances(thresholds)
    qpv, zones = _check_inputs(qpv, zones)
    ratio = pd.Series(_ratios(qpv, zones))
    codes = qpv["code_qpv"].astype(str).to_numpy()
    strict = np.where(ratio >= 1.0, "full", np.where(ratio <= 0.0, "none", "partial"))
    rows = []
    for t in tolerances:
        status = classify_coverage(ratio, full_min=1.0 - t, none_max=t).to_numpy()
        changed = status != strict
        rows.append(
            {
                "tolerance": t,
                "full_min": 1.0 - t,
                "none_max": t,
                "n_full": int((status == "full").sum()),
                "n_partial": int((status == "partial").sum()),
                "n_none": int((status == "none").sum()),
                "n_changed": int(changed.sum()),
                "changed_qpv": tuple(sorted(codes[changed])),
            }
        )
    return pd.DataFrame(rows)
