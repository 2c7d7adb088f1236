"""Build the intervention zone of each structure (centre social, EVS).

A structure's agreement names its territory as communes, QPV, a radius around its
location and/or a drawn polygon; :func:`build_zones` turns that into one
(multi)polygon per structure, the union of all of them.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._codes import explode_codes, geometries_of_codes, replace_former_codes
from avs_geo._crs import territory_groups
from avs_geo._dates import DATE_FORMS, DateLike, parse_date_column, to_timestamp
from avs_geo._i18n import STRUCTURE_TYPES, message
from avs_geo._i18n.zones import MESSAGES
from avs_geo._validate import (
    check_columns,
    check_geodataframe,
    check_projected,
    check_same_crs,
    check_unique,
    repair_geometries,
)
from avs_geo.errors import (
    AvsGeoWarning,
    CRSError,
    GeometryError,
    ParameterError,
    SchemaError,
    format_ids,
)

__all__ = ["BUFFER_QUAD_SEGS", "STRUCTURE_COLUMNS", "active_at", "build_zones"]

STRUCTURE_COLUMNS: tuple[str, ...] = (
    "structure_id",
    "nom",
    "type",
    "zone_communes",
    "zone_qpv",
    "zone_rayon_m",
)
"""Columns ``build_zones`` needs (``zone_polygon`` is optional, dates only with ``at``)."""

BUFFER_QUAD_SEGS: int = 16
"""Segments per quarter circle of a radius zone (area within 0.2 % of the true circle)."""


def build_zones(
    structures: gpd.GeoDataFrame,
    *,
    communes: gpd.GeoDataFrame,
    qpv: gpd.GeoDataFrame | None = None,
    at: DateLike | None = None,
) -> gpd.GeoDataFrame:
    """Build one zone (Polygon or MultiPolygon) per structure.

    Parameters
    ----------
    structures : geopandas.GeoDataFrame
        As returned by ``avs_geo.load_structures``: ``structure_id``, ``nom``,
        ``type``, ``zone_communes`` and ``zone_qpv`` (tuples of codes),
        ``zone_rayon_m`` (metres, NaN when none), optionally ``zone_polygon`` (a
        geometry column, None when none), ``date_agrement`` and ``date_fin``
        (needed with ``at``), and the location as Point geometry.
    communes : geopandas.GeoDataFrame
        Commune polygons with a unique ``code_insee`` column. With communes of a
        vintage (``load_communes(..., vintage=2022)``), a zone naming a former commune
        code takes its current commune, with a warning naming both.
    qpv : geopandas.GeoDataFrame, optional
        QPV polygons with a unique ``code_qpv`` column; required when an active
        structure names QPV in ``zone_qpv``.
    at : str, date, datetime, pandas.Timestamp or numpy.datetime64, optional
        A day in any form of ``avs_geo._dates`` (``'2022-12-31'``, ``'31/12/2022'``,
        ``'31 décembre 2022'``, a date object). Keep only the structures active that
        day: ``date_agrement <= at <= date_fin``, both days included (an agreement "du
        01/01/2019 au 31/12/2021" counts on 31/12/2021, not on 01/01/2022; a missing
        ``date_agrement`` means "since always", a missing ``date_fin`` "still open").
        None keeps every structure. Structures with no zone at all (no codes, radius
        or polygon) are left out with a warning.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per kept structure, on the structures' index: ``structure_id``,
        ``nom``, ``type`` and the zone as geometry, in the structures' CRS.

    Raises
    ------
    InputTypeError, CRSError
        An input is not a GeoDataFrame, lacks a CRS, is not in a projected metric
        CRS, or the inputs are in different CRS.
    SchemaError
        A column is missing, a radius is not positive, a radius comes without a
        Point location, or a structure ends up with no zone at all (its ids named).
    DuplicateIdError
        ``structure_id``, ``code_insee`` or ``code_qpv`` not unique.
    UnknownCodeError
        A zone names a commune or QPV code the reference layer does not hold.
    ParameterError
        ``at`` cannot be read as a date, or ``qpv`` is needed but not given.

    Notes
    -----
    ``zone(s) = union(communes(s) ∪ qpv(s) ∪ buffer(location(s), rayon(s)) ∪ polygon(s))``.
    The codes are exploded into one long table (structure, geometry) and the parts of
    each structure merged with ``shapely.union_all``; a structure with one part keeps
    it as is. Radius zones are buffers with ``BUFFER_QUAD_SEGS`` segments per quarter
    circle. Invalid explicit polygons are repaired with a warning.

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd
    >>> from shapely import Point, box
    >>> communes = gpd.GeoDataFrame(
    ...     {"code_insee": ["31001", "31002"]},
    ...     geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)], crs="EPSG:2154")
    >>> structures = gpd.GeoDataFrame({
    ...     "structure_id": ["S1", "S2"], "nom": ["A", "B"], "type": ["evs", "centre_social"],
    ...     "zone_communes": [("31001", "31002"), ()], "zone_qpv": [(), ()],
    ...     "zone_rayon_m": [float("nan"), 10.0],
    ...     "date_agrement": pd.to_datetime(["2020-01-01", "2023-01-01"]),
    ...     "date_fin": pd.to_datetime([None, None])},
    ...     geometry=[Point(50, 50), Point(150, 50)], crs="EPSG:2154")
    >>> zones = build_zones(structures, communes=communes)
    >>> zones.area.round(0).tolist()
    [20000.0, 314.0]
    >>> build_zones(structures, communes=communes, at="2022-12-31").structure_id.tolist()
    ['S1']
    """
    structures = check_geodataframe(structures, "structures")
    communes = check_geodataframe(communes, "communes")
    layers = {"structures": structures, "communes": communes}
    if qpv is not None:
        layers["qpv"] = check_geodataframe(qpv, "qpv")
    check_same_crs(**layers)
    for name, layer in layers.items():  # radius zones are drawn per territory (_buffers)
        check_projected(layer, name, mixed_ok=True)
    check_columns(
        structures,
        STRUCTURE_COLUMNS,
        "structures",
        hint=message(MESSAGES, "structures_hint"),
    )
    check_columns(communes, ["code_insee"], "communes", hint=message(MESSAGES, "communes_hint"))
    check_unique(
        structures["structure_id"],
        "structures",
        "structure_id",
        fix=message(MESSAGES, "merge_fix"),
    )
    _check_types(structures)
    commune_index = _unique_index(communes["code_insee"], "communes", "code_insee")
    qpv_index = None
    if qpv is not None:
        check_columns(qpv, ["code_qpv"], "qpv", hint=message(MESSAGES, "qpv_hint"))
        qpv_index = _unique_index(qpv["code_qpv"], "qpv", "code_qpv")

    day = to_timestamp(at, "at")
    active = structures.loc[_active_mask(structures, day)]
    ids = active["structure_id"].astype(str).to_numpy()
    if len(active) == 0:
        if day is not None:
            warnings.warn(
                message(MESSAGES, "none_active", n=len(structures), day=f"{day:%d/%m/%Y}"),
                AvsGeoWarning,
                stacklevel=2,
            )
        return _frame(active, [], structures.crs)

    groups: list[np.ndarray] = []
    parts: list[np.ndarray] = []
    for column, index, layer, layer_name in (
        ("zone_communes", commune_index, communes, "communes"),
        ("zone_qpv", qpv_index, qpv, "qpv"),
    ):
        pos, codes = explode_codes(active[column])
        if len(pos) == 0:
            continue
        if index is None or layer is None:
            raise ParameterError(
                message(MESSAGES, "qpv_layer_missing", ids=format_ids(np.unique(ids[pos])))
            )
        if column == "zone_communes":
            codes = replace_former_codes(pos, codes, ids=ids, communes=communes, stacklevel=3)
        geoms = geometries_of_codes(
            pos,
            codes,
            ids=ids,
            index=index,
            geometries=layer.geometry.to_numpy(),
            column=column,
            layer_name=layer_name,
            owner="structure",
        )
        groups.append(pos)
        parts.append(geoms)

    radius_pos, buffers = _radius_parts(active, ids)
    groups.append(radius_pos)
    parts.append(buffers)
    polygon_pos, polygons = _polygon_parts(active, ids, structures.crs)
    groups.append(polygon_pos)
    parts.append(polygons)

    zones = _union_by_group(np.concatenate(groups), np.concatenate(parts), len(active))
    empty = shapely.is_empty(zones)
    if empty.any():
        warnings.warn(
            message(MESSAGES, "no_zone", n=int(empty.sum()), ids=format_ids(ids[empty])),
            AvsGeoWarning,
            stacklevel=2,
        )
        active, zones = active[~empty], zones[~empty]
    return _frame(active, list(zones), structures.crs)


def active_at(structures: pd.DataFrame, at: object = None) -> np.ndarray:
    """Which structures are agreed on day ``at`` (all when None), as :func:`build_zones` counts.

    ``date_agrement <= at <= date_fin``, both days included; a missing date is open.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"date_agrement": pd.to_datetime(["2019-01-01", "2023-01-01"]),
    ...                   "date_fin": pd.to_datetime(["2022-12-31", None])})
    >>> active_at(s, "31/12/2022").tolist(), active_at(s).tolist()
    ([True, False], [True, True])
    """
    return _active_mask(structures, to_timestamp(at, "at"))


def _frame(active: pd.DataFrame, zones: list[object], crs: object) -> gpd.GeoDataFrame:
    data = {
        "structure_id": active["structure_id"].astype(str).to_numpy(),
        "nom": active["nom"].to_numpy(),
        "type": active["type"].to_numpy(),
    }
    geometry = gpd.GeoSeries(np.array(zones, dtype=object), index=active.index, crs=crs)
    return gpd.GeoDataFrame(data, index=active.index, geometry=geometry, crs=crs)


def _unique_index(values: pd.Series, name: str, column: str) -> pd.Index:
    check_unique(values, name, column, fix=message(MESSAGES, "merge_fix"))
    return pd.Index(values.astype(str).to_numpy())


def _active_mask(structures: pd.DataFrame, at: pd.Timestamp | None) -> np.ndarray:
    if at is None:
        return np.ones(len(structures), dtype=bool)
    check_columns(
        structures,
        ["date_agrement", "date_fin"],
        "structures",
        hint=message(MESSAGES, "dates_hint"),
    )
    mask = np.ones(len(structures), dtype=bool)
    for column in ("date_agrement", "date_fin"):
        values = _date_values(structures, column)
        missing = values.isna().to_numpy()
        if column == "date_agrement":
            mask &= missing | (values <= at).to_numpy()
        else:
            # date_fin is the last day of the agreement, included ("au 31/12/2021").
            mask &= missing | (at <= values).to_numpy()
    return mask


def _date_values(structures: pd.DataFrame, column: str) -> pd.Series:
    """The dates of ``column``: datetime64 as they are, text read by the one date reader.

    A frame built in a notebook may hold text dates (``"31/12/2022"``, day first, as
    everywhere in avs_geo; ``"31/12/9999"`` as an open end date); cells that are not
    dates are named with their structures.
    """
    values = structures[column]
    if getattr(values.dtype, "tz", None):
        raise SchemaError(
            message(MESSAGES, "zoned_dates", column=column, dtype=values.dtype),
            columns=(column,),
        )
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    parsed = parse_date_column(values, open_end=column == "date_fin")
    if len(parsed.failed):
        shown = [
            f"{sid} ({cell!r} : {reason})"
            for sid, cell, reason in zip(
                structures["structure_id"].to_numpy()[parsed.failed],
                values.to_numpy()[parsed.failed],
                parsed.reasons,
                strict=True,
            )
        ]
        raise SchemaError(
            message(
                MESSAGES,
                "not_dates",
                column=column,
                n=len(shown),
                shown=", ".join(shown[:10]),
                more=" ..." if len(shown) > 10 else "",
                forms=DATE_FORMS,
            ),
            columns=(column,),
        )
    return parsed.values


def _check_types(structures: pd.DataFrame) -> None:
    bad = ~structures["type"].isin(STRUCTURE_TYPES)
    if bad.any():
        shown = sorted(
            {
                f"{sid}: {t!r}"
                for sid, t in zip(
                    structures.loc[bad, "structure_id"], structures.loc[bad, "type"], strict=True
                )
            }
        )
        raise SchemaError(
            message(
                MESSAGES,
                "unknown_types",
                n=int(bad.sum()),
                shown=", ".join(shown[:20]),
                expected=format_ids(STRUCTURE_TYPES),
            )
        )


def _radius_parts(active: pd.DataFrame, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    try:
        radius = pd.to_numeric(active["zone_rayon_m"], errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError):
        raise SchemaError(
            message(MESSAGES, "radius_type", dtype=active["zone_rayon_m"].dtype)
        ) from None
    has = ~np.isnan(radius)
    bad = has & ~(radius > 0)
    if bad.any():
        raise SchemaError(
            message(
                MESSAGES, "radius_value", values=format_ids(radius[bad]), ids=format_ids(ids[bad])
            )
        )
    points = np.asarray(active.geometry.to_numpy(), dtype=object)
    no_point = has & (
        shapely.is_missing(points) | shapely.is_empty(points) | (shapely.get_type_id(points) != 0)
    )
    if no_point.any():
        raise SchemaError(message(MESSAGES, "radius_no_point", ids=format_ids(ids[no_point])))
    pos = np.flatnonzero(has)
    return pos, _buffers(points[pos], radius[pos], active.crs)


def _buffers(points: np.ndarray, radius: np.ndarray, crs: object) -> np.ndarray:
    """Discs of ``radius`` metres on the ground around ``points`` (given in ``crs``).

    Each disc is drawn in the official projection of its territory (``avs_geo._crs``)
    when ``crs`` distorts distances there (a layer mixing metropolitan France and
    overseas, kept in Lambert-93), then brought back to ``crs``.
    """
    groups = territory_groups(gpd.GeoDataFrame(geometry=points, crs=crs))
    if groups is None:
        return shapely.buffer(points, radius, quad_segs=BUFFER_QUAD_SEGS)
    out = np.empty(len(points), dtype=object)
    for target, rows in groups:
        here = gpd.GeoSeries(points[rows], crs=crs)
        moved = here.to_crs(target) if here.crs != target else here
        discs = gpd.GeoSeries(
            shapely.buffer(moved.to_numpy(), radius[rows], quad_segs=BUFFER_QUAD_SEGS),
            crs=target,
        )
        out[rows] = (discs.to_crs(crs) if discs.crs != here.crs else discs).to_numpy()
    return out


def _polygon_parts(
    active: gpd.GeoDataFrame, ids: np.ndarray, crs: object
) -> tuple[np.ndarray, np.ndarray]:
    if "zone_polygon" not in active.columns:
        return np.array([], dtype=np.intp), np.array([], dtype=object)
    column = active["zone_polygon"]
    column_crs = getattr(column, "crs", None)
    if column_crs is not None and column_crs != crs:
        raise CRSError(message(MESSAGES, "polygon_crs", column_crs=column_crs.to_string(), crs=crs))
    geoms = np.asarray(column.to_numpy(), dtype=object)
    given = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    pos = np.flatnonzero(given)
    polygons = geoms[pos]
    not_poly = ~np.isin(shapely.get_type_id(polygons), (3, 6))
    if not_poly.any():
        raise GeometryError(message(MESSAGES, "polygon_type", ids=format_ids(ids[pos][not_poly])))
    frame = gpd.GeoDataFrame({"structure_id": ids[pos]}, geometry=list(polygons), crs=crs)
    repaired, _ = repair_geometries(frame, "zone_polygon", id_column="structure_id")
    return pos, repaired.geometry.to_numpy()


def _union_by_group(groups: np.ndarray, parts: np.ndarray, n: int) -> np.ndarray:
    """Union of the parts of each group 0..n-1 (empty polygon for a group without part)."""
    order = np.argsort(groups, kind="stable")
    parts = np.asarray(parts, dtype=object)[order]
    counts = np.bincount(groups.astype(np.intp), minlength=n)
    chunks = np.split(parts, np.cumsum(counts)[:-1])
    out = np.empty(n, dtype=object)
    for i, chunk in enumerate(chunks):
        if len(chunk) == 0:
            out[i] = shapely.Polygon()
        elif len(chunk) == 1:
            out[i] = chunk[0]
        else:
            out[i] = shapely.union_all(chunk)
    return out
