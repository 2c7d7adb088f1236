"""Geometries for display only: simplified, in longitude/latitude, rounded, packed.

The measured geometries stay untouched; a map needs far fewer vertices than an area
computation. Polygons are simplified in a metric CRS at a tolerance of a few metres
(under two screen pixels up to zoom 16, where a pixel is about 1.7 m at 43° N), then
reprojected to EPSG:4326 and rounded to ``decimals`` decimals (1e-5 degree is about
1.1 m of latitude and 0.8 m of longitude in France).

When the polygons of a layer form a valid coverage with shared edges (communes: no
overlaps, matching borders) they are simplified together with
``shapely.coverage_simplify`` so that neighbours keep a common border (Visvalingam-
Whyatt: the tolerance is the square root of the area of the triangles removed, so it
removes less than Douglas-Peucker at the same number); otherwise each polygon is
simplified on its own with ``shapely.simplify(preserve_topology=True)`` (zones
overlap; QPV do not touch one another). Neither method removes a polygon: a QPV smaller than the
tolerance keeps at least a triangle.

Coordinates are then packed as in TopoJSON: integers in units of ``10**-decimals``
degree, the first point of each ring and the differences to the previous one
(``x0, y0, dx1, dy1, ...``), each written as in Google's encoded polylines: the integer
zigzag-mapped to a natural number (``2v`` or ``-2v - 1``), cut in 5-bit groups from the
lowest, each group a character ``63 + group`` (``+ 32`` when another group follows).
A ring is one string; a difference of a few metres takes 2 characters instead of
about 4 for ``-123,`` and 18 for ``[1.44587,43.60794],``. ``AvsGeo.decode`` in the
map runtime rebuilds the same rounded coordinates exactly (:func:`unpack_ring` does it
in Python).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.errors import GEOSException
from shapely.geometry import mapping

from avs_geo._i18n import message
from avs_geo._i18n.maps import MESSAGES
from avs_geo.errors import GeometryError

__all__ = [
    "bounds_latlon",
    "display_geometries",
    "display_points",
    "dot_zoom",
    "merge_by",
    "outline_geometries",
    "outline_tolerance",
    "pack",
    "unpack_ring",
]

WGS84 = "EPSG:4326"
_POLYGON_TYPES = (3, 6)
_EQUATOR_M_PER_PIXEL = 156_543.03392  # web-mercator metres per pixel at zoom 0, at the equator


def display_geometries(
    gdf: gpd.GeoDataFrame, *, tolerance_m: float, decimals: int, coverage: bool = False
) -> list[dict[str, Any] | None]:
    """Packed display geometries of ``gdf`` (``None`` where missing).

    Parameters
    ----------
    gdf : GeoDataFrame
        Any layer with a CRS; not modified.
    tolerance_m : float
        Simplification tolerance in metres (0 keeps every vertex).
    decimals : int
        Decimals kept on longitudes and latitudes.
    coverage : bool, default False
        The polygons are meant to form a coverage (communes, departments: no overlap,
        shared borders): simplified together, when they do, so that neighbours keep a
        common border. False for layers that overlap (zones) or do not touch (QPV),
        whose polygons are simplified one by one: checking a layer of 3,900
        overlapping zones for a coverage took 7 s for nothing.

    Returns
    -------
    list of dict or None
        ``{"type": "Polygon", "c": [ring, ...]}``, each ring a string (see :func:`pack`).

    Examples
    --------
    >>> import shapely
    >>> square = shapely.box(574000, 6280000, 574100, 6280100)
    >>> gdf = gpd.GeoDataFrame(geometry=[square], crs="EPSG:2154")
    >>> packed = display_geometries(gdf, tolerance_m=5, decimals=5)[0]
    >>> packed
    {'type': 'Polygon', 'c': ['wlxGeddiGBsDvFBCrDwFC']}
    >>> unpack_ring(packed["c"][0]).tolist()[:2]
    [[144092, 4360787], [144090, 4360877]]
    """
    metric = _metric(gdf)
    geoms = np.asarray(metric.geometry.to_numpy(), dtype=object)
    if tolerance_m > 0:
        geoms = _simplify(geoms, tolerance_m, coverage=coverage)
    shown = gpd.GeoSeries(geoms, crs=metric.crs).to_crs(WGS84).to_numpy()
    scale = 10.0**decimals
    shown = shapely.transform(shown, lambda xy: np.round(xy * scale))
    shown = shapely.remove_repeated_points(shown, tolerance=0.0)
    out: list[dict[str, Any] | None] = [None] * len(shown)
    present = ~shapely.is_missing(shown) & ~shapely.is_empty(shown)
    polygonal = present & np.isin(shapely.get_type_id(shown), _POLYGON_TYPES)
    for i, packed in zip(np.flatnonzero(polygonal), _pack_polygons(shown[polygonal]), strict=True):
        out[i] = packed
    for i in np.flatnonzero(present & ~polygonal):
        out[i] = pack(mapping(shown[i]))
    return out


def _pack_polygons(polys: np.ndarray) -> list[dict[str, Any]]:
    """:func:`pack` of polygons and multi-polygons with integer coordinates, vectorised.

    The rings of every polygon are delta-encoded in one numpy pass and turned into
    Python lists once; only the nesting (geometry > polygon > ring) is built per ring.
    """
    if len(polys) == 0:
        return []
    parts, part_of = shapely.get_parts(polys, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    coords, vertex_of = shapely.get_coordinates(rings, return_index=True)
    xy = coords.astype(np.int64)
    deltas = xy.copy()
    deltas[1:] -= xy[:-1]
    starts = np.searchsorted(vertex_of, np.arange(len(rings)))
    deltas[starts] = xy[starts]
    encoded = _encode_rings(deltas.ravel(), 2 * starts)
    kinds = shapely.get_type_id(polys)
    nested: list[list[list[str]]] = [[] for _ in polys]
    ring_parts: list[list[str]] = [[] for _ in parts]
    for r, ring in enumerate(encoded):
        ring_parts[ring_of[r]].append(ring)
    for k, g in enumerate(part_of.tolist()):
        nested[g].append(ring_parts[k])
    return [
        {"type": "Polygon", "c": rings_of[0]}
        if kind == 3
        else {"type": "MultiPolygon", "c": rings_of}
        for kind, rings_of in zip(kinds.tolist(), nested, strict=True)
    ]


def _encode_rings(values: np.ndarray, starts: np.ndarray) -> list[str]:
    """The integers ``values`` as polyline characters, one string from each start.

    Vectorised: every value is cut in 5-bit groups at once (at most 13 for an int64),
    the groups kept are turned into characters and the text is cut at the starts.
    """
    if len(values) == 0:
        return ["" for _ in starts]
    zigzag = np.where(values < 0, -2 * values - 1, 2 * values).astype(np.uint64)
    shifts = np.arange(13, dtype=np.uint64) * np.uint64(5)
    groups = (zigzag[:, None] >> shifts[None, :]) & np.uint64(31)
    rest = zigzag[:, None] >> (shifts[None, :] + np.uint64(5))
    # a group is written when it, or a higher one, is not zero (the first one always)
    used = np.ones_like(groups, dtype=bool)
    used[:, 1:] = (zigzag[:, None] >> shifts[None, 1:]) > 0
    chars = (groups + np.uint64(63) + np.where(rest > 0, np.uint64(32), np.uint64(0)))[used]
    text = chars.astype(np.uint8).tobytes().decode("ascii")
    ends_at = np.cumsum(used.sum(axis=1))
    bounds = np.append(np.concatenate([[0], ends_at])[starts], len(text)).tolist()
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def unpack_ring(ring: str) -> np.ndarray:
    """The integer coordinates ``(n, 2)`` of a packed ring (the inverse of the packing).

    Examples
    --------
    >>> from avs_geo.maps._geometry import pack
    >>> packed = pack({"type": "LineString", "coordinates": [(10.0, 20.0), (-2.0, 19.0)]})
    >>> packed
    {'type': 'LineString', 'c': 'Sg@V@'}
    >>> unpack_ring(packed["c"]).tolist()
    [[10, 20], [-2, 19]]
    """
    values: list[int] = []
    value = shift = 0
    for char in ring:
        group = ord(char) - 63
        value |= (group & 31) << shift
        shift += 5
        if group < 32:
            values.append(-(value + 1) // 2 if value % 2 else value // 2)
            value = shift = 0
    return np.cumsum(np.asarray(values, dtype=np.int64).reshape(-1, 2), axis=0)


def display_points(gdf: gpd.GeoDataFrame, *, decimals: int) -> list[list[int] | None]:
    """A packed point inside each geometry (``[x, y]`` in ``10**-decimals`` degree).

    The point is ``shapely.point_on_surface`` of the geometry in a metric CRS: inside
    the polygon, even for a crescent or a multi-polygon. ``None`` where missing.

    Examples
    --------
    >>> import shapely
    >>> gdf = gpd.GeoDataFrame(geometry=[shapely.box(574000, 6280000, 574100, 6280100)],
    ...                        crs="EPSG:2154")
    >>> display_points(gdf, decimals=5)
    [[144029, 4360831]]
    """
    geoms = np.asarray(_metric(gdf).geometry.to_numpy(), dtype=object)
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    out: list[list[int] | None] = [None] * len(geoms)
    if not present.any():
        return out
    inside = shapely.point_on_surface(geoms[present])
    lonlat = gpd.GeoSeries(inside, crs=_metric(gdf).crs).to_crs(WGS84)
    xy = np.round(shapely.get_coordinates(lonlat.to_numpy()) * 10.0**decimals).astype(np.int64)
    for i, point in zip(np.flatnonzero(present), xy.tolist(), strict=True):
        out[i] = point
    return out


def dot_zoom(gdf: gpd.GeoDataFrame, *, pixels: float = 10.0) -> int:
    """The first web-map zoom at which the median QPV is ``pixels`` wide on screen.

    The size of a QPV is the larger side of its bounding box in metres; a pixel at
    zoom ``z`` and latitude ``φ`` covers ``156 543 × cos φ / 2**z`` metres. Below
    this zoom the map draws a dot per QPV, from it on the shapes (1 to 18).

    Examples
    --------
    >>> import shapely
    >>> qpv = gpd.GeoDataFrame(geometry=[shapely.box(574000, 6280000, 574500, 6280500)],
    ...                        crs="EPSG:2154")  # 500 m wide, at Toulouse
    >>> dot_zoom(qpv)
    12
    """
    metric = _metric(gdf)
    geoms = metric.geometry.to_numpy()
    geoms = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
    if len(geoms) == 0:
        return 1
    box = shapely.bounds(geoms)
    size = float(np.median(np.maximum(box[:, 2] - box[:, 0], box[:, 3] - box[:, 1])))
    bounds = bounds_latlon(gdf)
    assert bounds is not None
    lat = np.deg2rad((bounds[0][0] + bounds[1][0]) / 2)
    if size <= 0:
        return 18
    zoom = math.ceil(math.log2(pixels * _EQUATOR_M_PER_PIXEL * math.cos(lat) / size))
    return int(min(max(zoom, 1), 18))


def outline_tolerance(gdf: gpd.GeoDataFrame) -> float:
    """A simplification tolerance for the outline of ``gdf``: its extent / 2,000, in metres.

    The outline is seen whole at the first view, where the map's width (about
    1,000 pixels) holds the extent: half a pixel then. 500 m for France, 75 m for a
    department.

    Examples
    --------
    >>> import shapely
    >>> gdf = gpd.GeoDataFrame(geometry=[shapely.box(0, 6e6, 150_000, 6.1e6)], crs="EPSG:2154")
    >>> outline_tolerance(gdf)
    75.0
    """
    west, south, east, north = _metric(gdf).total_bounds
    return float(max(east - west, north - south)) / 2_000


def outline_geometries(
    gdf: gpd.GeoDataFrame, *, by: str | None, tolerance_m: float, decimals: int
) -> list[dict[str, Any] | None]:
    """The outline of ``gdf``'s polygons, one per value of ``by`` (or one in all), packed.

    The polygons (communes) are merged per group with ``shapely.coverage_union_all``,
    which assumes they form a coverage (the communes of IGN do) and takes 0.6 s for
    the 35,000 communes of France (checking the coverage first would take 3 s); GEOS
    refusing it, the group is merged with ``shapely.union_all``. The merged groups
    (departments) are then simplified together by :func:`display_geometries`, so that
    neighbouring departments keep a common border.

    Examples
    --------
    >>> import shapely
    >>> halves = [shapely.box(574000, 6280000, 574050, 6280100),
    ...           shapely.box(574050, 6280000, 574100, 6280100)]
    >>> gdf = gpd.GeoDataFrame(geometry=halves, crs="EPSG:2154")
    >>> display = outline_geometries(gdf, by=None, tolerance_m=5, decimals=5)
    >>> display == display_geometries(gdf.dissolve(), tolerance_m=5, decimals=5)
    True
    """
    metric = _metric(gdf)
    merged = np.asarray(merge_by(metric, by).geometry.to_numpy(), dtype=object)
    if tolerance_m > 0:
        # merged from a coverage, the groups are one: no check (1 s for France's departments)
        try:
            merged = shapely.coverage_simplify(merged, tolerance_m)
        except GEOSException:
            merged = shapely.simplify(merged, tolerance_m, preserve_topology=True)
    frame = gpd.GeoDataFrame(geometry=merged, crs=metric.crs)
    return display_geometries(frame, tolerance_m=0.0, decimals=decimals)


def merge_by(gdf: gpd.GeoDataFrame, by: str | None) -> gpd.GeoDataFrame:
    """``gdf``'s polygons merged per value of ``by`` (sorted; one in all when None).

    Each group is merged with ``shapely.coverage_union_all`` (communes form a coverage),
    or ``shapely.union_all`` where GEOS refuses it: the one way the maps merge communes
    into departments (the web map's outline, the report map's department borders).

    Examples
    --------
    >>> import shapely
    >>> gdf = gpd.GeoDataFrame({"departement": ["09", "09", "31"]},
    ...     geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(5, 5, 6, 6)],
    ...     crs="EPSG:2154")
    >>> merged = merge_by(gdf, "departement")
    >>> merged.index.tolist(), merged.area.tolist()
    (['09', '31'], [2.0, 1.0])
    """
    geoms = np.asarray(gdf.geometry.to_numpy(), dtype=object)
    keep = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    geoms = geoms[keep]
    if by is not None and by in gdf.columns:
        keys, names = pd.factorize(gdf[by].to_numpy()[keep], sort=True)
    else:
        keys, names = np.zeros(len(geoms), dtype=np.intp), np.array([None])
    merged = [_merge(geoms[keys == k]) for k in range(len(names))]
    return gpd.GeoDataFrame(geometry=merged, index=pd.Index(names, name=by), crs=gdf.crs)


def _merge(polys: np.ndarray) -> Any:
    try:
        return shapely.coverage_union_all(polys)
    except GEOSException:
        return shapely.union_all(polys)


def pack(geometry: dict[str, Any]) -> dict[str, Any]:
    """Pack a GeoJSON geometry whose coordinates are whole numbers (delta-encoded rings).

    Examples
    --------
    >>> packed = pack({"type": "LineString", "coordinates": [(10.0, 20.0), (12.0, 19.0)]})
    >>> packed, unpack_ring(packed["c"]).tolist()
    ({'type': 'LineString', 'c': 'Sg@C@'}, [[10, 20], [12, 19]])
    >>> pack({"type": "Point", "coordinates": (10.0, 20.0)})
    {'type': 'Point', 'c': [10, 20]}
    """
    kind = geometry["type"]
    coords = geometry["coordinates"]
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2}
    depth |= {"Polygon": 2, "MultiPolygon": 3}
    if kind not in depth:
        raise GeometryError(message(MESSAGES, "geometry_kind", kind=kind))
    if kind == "Point":
        return {"type": kind, "c": [int(coords[0]), int(coords[1])]}
    return {"type": kind, "c": _pack(coords, depth[kind])}


def _pack(coords: Any, depth: int) -> Any:
    if depth > 1:
        return [_pack(part, depth - 1) for part in coords]
    xy = np.asarray(coords, dtype=float).astype(np.int64).reshape(-1, 2)
    deltas = np.vstack([xy[:1], np.diff(xy, axis=0)])
    return _encode_rings(deltas.ravel(), np.array([0]))[0]


def bounds_latlon(*frames: gpd.GeoDataFrame | None) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` around the given layers, in degrees.

    Examples
    --------
    >>> import shapely
    >>> gdf = gpd.GeoDataFrame(geometry=[shapely.Point(574000, 6280000)], crs="EPSG:2154")
    >>> [[round(v, 3) for v in corner] for corner in bounds_latlon(gdf, None)]
    [[43.608, 1.44], [43.608, 1.44]]
    """
    boxes = []
    for frame in frames:
        if frame is None or len(frame) == 0:
            continue
        geoms = frame.geometry[~(frame.geometry.is_empty | frame.geometry.isna())]
        if len(geoms):
            boxes.append(geoms.to_crs(WGS84).total_bounds)
    if not boxes:
        return None
    stacked = np.vstack(boxes)
    west, south = stacked[:, 0].min(), stacked[:, 1].min()
    east, north = stacked[:, 2].max(), stacked[:, 3].max()
    return [[float(south), float(west)], [float(north), float(east)]]


def _metric(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``gdf`` itself when in metres, else reprojected to its UTM zone for simplifying."""
    crs = gdf.crs
    if crs is not None and crs.is_projected and crs.axis_info[0].unit_name in ("metre", "meter"):
        return gdf
    valid = gdf[~(gdf.geometry.is_empty | gdf.geometry.isna())]
    if len(valid) == 0:
        return gdf.to_crs("EPSG:3857")
    return gdf.to_crs(valid.estimate_utm_crs())


def _simplify(geoms: np.ndarray, tolerance_m: float, *, coverage: bool) -> np.ndarray:
    """Simplify the polygons (points and lines are kept), as a coverage when asked and valid."""
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    polygonal = present & np.isin(shapely.get_type_id(geoms), _POLYGON_TYPES)
    if not polygonal.any():
        return geoms
    polys = geoms[polygonal]
    out = geoms.copy()
    if coverage and len(polys) > 1 and _is_coverage_with_shared_edges(polys):
        out[polygonal] = shapely.coverage_simplify(polys, tolerance_m)
    else:
        out[polygonal] = shapely.simplify(polys, tolerance_m, preserve_topology=True)
    return out


def _is_coverage_with_shared_edges(polys: np.ndarray) -> bool:
    """True when the polygons do not overlap, match along shared edges, and share some."""
    if not shapely.is_valid(polys).all() or not shapely.coverage_is_valid(polys):
        return False
    left, right = shapely.STRtree(polys).query(polys, predicate="touches")
    pairs = left < right
    if not pairs.any():
        return False
    shared = shapely.intersection(polys[left[pairs]], polys[right[pairs]])
    return bool((shapely.length(shared) > 0).any())
