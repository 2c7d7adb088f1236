"""THE working-CRS decision: where areas and distances are measured, territory by territory.

Areas and distances are measured only in a CRS fit for them: Lambert-93 (EPSG:2154) in
metropolitan France and the official local projections overseas (Guadeloupe and
Martinique EPSG:5490, Guyane EPSG:2972, La Réunion EPSG:2975, Mayotte EPSG:4471).

* :func:`territories_of` tells the territory of each row of a layer: from its
  ``departement``, ``code_insee`` or ``code_qpv`` column, else from where it lies.
* :func:`crs_problem` says, in French, why a CRS is not fit at some places (geographic,
  not in metres, Web-Mercator, not conformal, or a scale error above
  :data:`MAX_SCALE_ERROR`), or None.
* :func:`to_working_crs` reprojects a layer read or given to a job into its working CRS
  (the official one of its territory, or the one the planner forced), with a French
  warning when the CRS it came in was not fit.
* :func:`territory_groups` is what the measuring functions ask before measuring: None
  when the layer's CRS is fit for every row (the usual case, checked from the layer's
  bounds), else the rows of each territory with its official CRS, so that a layer mixing
  territories (metropolitan France and overseas in one run) is measured per territory.
* :func:`check_measurable` refuses a frame whose CRS is of a kind never fit
  (geographic, Web-Mercator...), naming the projection to use.

A layer mixing territories is stored in one CRS (that of the first territory of
:data:`TERRITORIES` present: Lambert-93 when metropolitan France is there); its rows are
measured in their own territory's CRS all the same.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Proj, Transformer
from pyproj.exceptions import CRSError as PyprojCRSError

from avs_geo._i18n.crs import crs_message
from avs_geo._language import get_language
from avs_geo.errors import AvsGeoWarning, CRSError

__all__ = [
    "FRANCE_BOXES",
    "MAX_SCALE_ERROR",
    "TERRITORIES",
    "Territory",
    "check_forced_crs",
    "check_measurable",
    "crs_label",
    "crs_problem",
    "in_france",
    "join_by_territory",
    "lon_lat",
    "measured_geometries",
    "measured_in",
    "official_crs",
    "parse_crs",
    "split_by_territory",
    "storage_crs",
    "territories_at",
    "territories_of",
    "territory_groups",
    "territory_of_departement",
    "to_working_crs",
]

MAX_SCALE_ERROR = 0.005
"""Largest linear scale error accepted (0.5 %): Lambert-93 reaches 0.3 % at the edges of
metropolitan France; Web-Mercator is ×1.38 at Toulouse, Lambert-93 ×1.88 at La Réunion."""

_MAX_ANGULAR_DISTORTION = 1e-3
"""Largest angular distortion accepted (pyproj's factors): conformal projections give 0."""


@dataclass(frozen=True)
class Territory:
    """A French territory and the official projection its areas are measured in."""

    key: str
    name: str
    epsg: int
    crs_name: str
    box: tuple[float, float, float, float]  # lon/lat: xmin, ymin, xmax, ymax
    departements: tuple[str, ...]  # empty: every metropolitan department


TERRITORIES: tuple[Territory, ...] = (
    Territory(
        "metropole", "France métropolitaine", 2154, "Lambert-93", (-5.6, 41.2, 9.9, 51.2), ()
    ),
    Territory(
        "guadeloupe", "Guadeloupe", 5490, "RGAF09 / UTM 20N", (-61.9, 15.8, -60.9, 16.6), ("971",)
    ),
    Territory(
        "martinique",
        "Martinique",
        5490,
        "RGAF09 / UTM 20N",
        (-61.3, 14.3, -60.7, 14.95),
        ("972",),
    ),
    Territory("guyane", "Guyane", 2972, "RGFG95 / UTM 22N", (-54.7, 2.1, -51.5, 5.9), ("973",)),
    Territory(
        "reunion", "La Réunion", 2975, "RGR92 / UTM 40S", (55.1, -21.45, 55.9, -20.8), ("974",)
    ),
    Territory("mayotte", "Mayotte", 4471, "RGM04 / UTM 38S", (44.9, -13.1, 45.4, -12.5), ("976",)),
)
"""The territories, metropolitan France first (the storage CRS of a mixed layer)."""

_BY_KEY = {t.key: t for t in TERRITORIES}
_BY_DEPARTEMENT = {d: t.key for t in TERRITORIES for d in t.departements}

FRANCE_BOXES: dict[str, tuple[float, float, float, float]] = {t.name: t.box for t in TERRITORIES}
"""Longitude/latitude boxes of the French territories, used to catch coordinates that
are swapped, in the wrong unit or somewhere else, and to place a row without codes."""

_LON_LAT = CRS("EPSG:4326")


def official_crs(territory: str) -> CRS:
    """The official projection of a territory key (``"reunion"`` -> EPSG:2975)."""
    return _crs_of_epsg(_BY_KEY[territory].epsg)


@lru_cache(maxsize=32)
def _crs_of_epsg(epsg: int) -> CRS:
    return CRS.from_epsg(epsg)


def crs_label(crs: object) -> str:
    """How a message names a CRS: ``EPSG:2154 (Lambert-93)``."""
    crs = CRS(crs)
    epsg = crs.to_epsg()
    for territory in TERRITORIES:
        if epsg == territory.epsg:
            return f"EPSG:{epsg} ({territory.crs_name})"
    code = f"EPSG:{epsg}" if epsg is not None else crs.to_string()
    return f"{code} ({crs.name})" if crs.name and crs.name != "unknown" else code


def parse_crs(value: object) -> CRS:
    """A CRS from what a planner writes (``2154``, ``'EPSG:2154'``, a WKT), or a French error."""
    try:
        return CRS.from_user_input(
            int(value) if isinstance(value, str) and value.isdigit() else value
        )
    except (PyprojCRSError, TypeError, ValueError) as exc:
        raise CRSError(crs_message("forced_invalid", crs=value, exc=exc)) from None


def territory_of_departement(code: object) -> str | None:
    """The territory key of a department code (``'974'`` -> ``'reunion'``, ``'31'`` ->
    ``'metropole'``), None for a code of no territory handled here (975, 977...)."""
    text = str(code).strip().upper()
    if text.startswith("97"):
        return _BY_DEPARTEMENT.get(text[:3])
    if len(text) == 2 and (text.isdigit() or text in ("2A", "2B")):
        return "metropole" if text not in ("00", "20", "96", "98", "99") else None
    return None


def in_france(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """True where the longitude/latitude point lies in one of :data:`FRANCE_BOXES`."""
    return _box_territories(lon, lat) != None  # noqa: E711 (element-wise)


def territories_at(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The territory key of each lon/lat point (None outside every box)."""
    return _box_territories(lon, lat)


def _box_territories(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The territory key of each lon/lat point (None outside every box)."""
    out = np.full(len(lon), None, dtype=object)
    for t in TERRITORIES:
        xmin, ymin, xmax, ymax = t.box
        out[(lon >= xmin) & (lon <= xmax) & (lat >= ymin) & (lat <= ymax)] = t.key
    return out


def lon_lat(points: np.ndarray, crs: object) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude of ``points`` given in ``crs``.

    Only points are transformed (one per feature), never the polygons: placing a layer
    costs one coordinate transform per feature whatever the size of its shapes.
    """
    x, y = shapely.get_x(points), shapely.get_y(points)
    crs = CRS(crs)
    if crs == _LON_LAT:
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    lon, lat = _to_lon_lat(crs).transform(x, y, errcheck=False)
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


@lru_cache(maxsize=16)
def _to_lon_lat(crs: CRS) -> Transformer:
    """The transformer from ``crs`` to lon/lat (built once: building one takes ~3 ms)."""
    return Transformer.from_crs(crs, _LON_LAT, always_xy=True)


def _codes_territories(frame: pd.DataFrame) -> np.ndarray:
    """Territory of each row from its codes (None where no code says it)."""
    out = np.full(len(frame), None, dtype=object)
    for column in ("departement", "code_insee", "code_qpv"):
        if column not in frame.columns:
            continue
        todo = np.flatnonzero(out == None)  # noqa: E711
        if len(todo) == 0:
            break
        values = frame[column].to_numpy(dtype=object)[todo]
        keys = [_code_territory(v, column) for v in values]
        out[todo] = np.asarray(keys, dtype=object)
    return out


def _code_territory(value: object, column: str) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip().upper()
    if column == "departement":
        return territory_of_departement(text)
    if column == "code_qpv":  # QP031001, QN97401M: the department is characters 3 to 5
        text = text[2:]
        if len(text) < 5:
            return None
        return territory_of_departement(text[:3] if text.startswith("97") else text[1:3])
    if len(text) != 5:  # code_insee
        return None
    return territory_of_departement(text[:3] if text.startswith("97") else text[:2])


def territories_of(gdf: gpd.GeoDataFrame) -> np.ndarray:
    """The territory key of each row (object array; None: no code and outside France).

    The codes of the row say it first (``departement``, ``code_insee``, ``code_qpv``);
    rows without any are placed by a point of their geometry.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> gdf = gpd.GeoDataFrame({"departement": ["974", None]},
    ...     geometry=[None, Point(1.44, 43.6)], crs="EPSG:4326")
    >>> territories_of(gdf).tolist()
    ['reunion', 'metropole']
    """
    out = _codes_territories(gdf)
    todo = np.flatnonzero(out == None)  # noqa: E711
    if len(todo) and gdf.crs is not None:
        geoms = gdf.geometry.to_numpy()[todo]
        present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        if present.any():
            points = shapely.point_on_surface(geoms[present])
            lon, lat = lon_lat(points, gdf.crs)
            out[todo[present]] = _box_territories(lon, lat)
    return out


def _factors(crs: CRS, lon: np.ndarray, lat: np.ndarray) -> tuple[float, float, float]:
    """(largest linear scale error, largest areal scale, largest angular distortion)."""
    factors = Proj(crs).get_factors(lon, lat, errcheck=False)
    linear = np.concatenate(
        [np.asarray(factors.meridional_scale), np.asarray(factors.parallel_scale)]
    )
    areal = np.asarray(factors.areal_scale, dtype=float)
    angular = np.asarray(factors.angular_distortion, dtype=float)
    if not (np.isfinite(linear).all() and np.isfinite(areal).all()):
        return np.inf, np.inf, np.inf
    worst = int(np.argmax(np.abs(linear - 1)))
    return float(linear[worst]), float(areal[np.argmax(np.abs(areal - 1))]), float(angular.max())


def _grid(box: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    xmin, ymin, xmax, ymax = box
    lon, lat = np.meshgrid(np.linspace(xmin, xmax, 3), np.linspace(ymin, ymax, 3))
    return lon.ravel(), lat.ravel()


def _is_web_mercator(crs: CRS) -> bool:
    operation = crs.coordinate_operation
    method = operation.method_name.lower() if operation is not None else ""
    name = (crs.name or "").lower()
    return "pseudo mercator" in method or "pseudo-mercator" in name or "web_mercator" in name


def _number(value: float, decimals: int) -> str:
    """A number for a message: decimal comma in French, point in English."""
    text = f"{value:.{decimals}f}"
    return text if get_language() == "en" else text.replace(".", ",")


def crs_problem(crs: object, box: tuple[float, float, float, float] | None = None) -> str | None:
    """Why ``crs`` is not fit to measure areas and distances over the lon/lat ``box``.

    None when it is fit: projected, in metres, conformal, not Web-Mercator, and with a
    scale error of at most :data:`MAX_SCALE_ERROR` at the corners, edges and centre of
    ``box`` (not checked when ``box`` is None).

    Examples
    --------
    >>> crs_problem("EPSG:2154", (1.3, 43.5, 1.5, 43.7)) is None
    True
    >>> print(crs_problem("EPSG:3857", (1.3, 43.5, 1.5, 43.7)))
    EPSG:3857 (WGS 84 / Pseudo-Mercator) est le Web-Mercator des fonds de carte : il agrandit les distances (×1,38 ici) et les surfaces (×1,91)
    >>> print(crs_problem("EPSG:2154", (55.2, -21.4, 55.8, -20.9)))
    EPSG:2154 (Lambert-93) déforme les distances de 89 % à cet endroit (échelle ×1,89, surfaces ×3,58)
    """
    crs = CRS(crs)
    label = crs_label(crs)
    if crs.is_geographic or not crs.is_projected:
        return crs_message("geographic", crs=label)
    unit = crs.axis_info[0].unit_name if crs.axis_info else "metre"
    if unit not in ("metre", "meter"):
        return crs_message("unit", crs=label, unit=unit)
    if box is None:
        if _is_web_mercator(crs):
            return crs_message("web_mercator", crs=label, scale=_number(1.4, 1), areal="2")
        return None
    scale, areal, angular = _factors(crs, *_grid(box))
    if _is_web_mercator(crs):
        return crs_message(
            "web_mercator", crs=label, scale=_number(scale, 2), areal=_number(areal, 2)
        )
    if angular > _MAX_ANGULAR_DISTORTION:
        return crs_message("not_conformal", crs=label)
    if abs(scale - 1) > MAX_SCALE_ERROR:
        return crs_message(
            "scale",
            crs=label,
            percent=f"{_number(abs(scale - 1) * 100, 1 if abs(scale - 1) < 0.1 else 0)} %",
            scale=_number(scale, 2 if abs(scale - 1) >= 0.01 else 4),
            areal=_number(areal, 2 if abs(areal - 1) >= 0.01 else 4),
        )
    return None


Box = tuple[float, float, float, float]


def _lon_lat_boxes(gdf: gpd.GeoDataFrame, keys: np.ndarray) -> dict[str, Box]:
    """The lon/lat box of the rows of each territory (the territory's box when unknown).

    One box per territory: the bounds of its rows, their edges densified and transformed
    (the rows of a territory lie together, so the box stays tight).
    """
    boxes: dict[str, Box] = {}
    geoms = gdf.geometry.to_numpy()
    for key in _present(keys):
        box = _BY_KEY[key].box
        rows = geoms[keys == key]
        bounds = shapely.bounds(rows[~(shapely.is_missing(rows) | shapely.is_empty(rows))])
        if len(bounds) and gdf.crs is not None:
            xmin, ymin = np.nanmin(bounds[:, 0]), np.nanmin(bounds[:, 1])
            xmax, ymax = np.nanmax(bounds[:, 2]), np.nanmax(bounds[:, 3])
            if np.isfinite([xmin, ymin, xmax, ymax]).all():
                found = _to_lon_lat(CRS(gdf.crs)).transform_bounds(
                    xmin, ymin, xmax, ymax, densify_pts=5, errcheck=False
                )
                if np.isfinite(found).all() and found[0] <= found[2]:
                    box = (
                        max(float(found[0]), -180.0),
                        max(float(found[1]), -89.0),
                        min(float(found[2]), 180.0),
                        min(float(found[3]), 89.0),
                    )
        boxes[key] = box
    return boxes


def _present(keys: np.ndarray) -> list[str]:
    """The territory keys present, in the order of :data:`TERRITORIES`."""
    found = {k for k in keys.tolist() if k is not None}
    return [t.key for t in TERRITORIES if t.key in found]


def storage_crs(keys: Iterable[str | None]) -> CRS | None:
    """The CRS a layer of these territories is kept in: the official one of the first of
    :data:`TERRITORIES` present (Lambert-93 when metropolitan France is), None if none."""
    present = _present(np.asarray(list(keys), dtype=object))
    return official_crs(present[0]) if present else None


def _where(keys: Sequence[str]) -> str:
    names = [_BY_KEY[k].name for k in keys]
    return f" ({', '.join(names)})" if names else ""


def check_forced_crs(crs: object, gdf: gpd.GeoDataFrame, *, what: str) -> CRS:
    """The CRS a planner forced, if fit where the rows of ``gdf`` lie; else a French error.

    Fitness is checked over the lon/lat box of the rows of each territory: a CRS forced
    for a run must measure right wherever the run's QPV lie (UTM 31N is fit at
    Toulouse, not at Brest).
    """
    forced = parse_crs(crs)
    keys = territories_of(gdf)
    present = _present(keys)
    boxes = _lon_lat_boxes(gdf, keys)
    reasons = []
    if not present:
        problem = crs_problem(forced)
        if problem:
            reasons.append(problem)
    for key in present:
        problem = crs_problem(forced, boxes[key])
        if problem:
            reasons.append(f"{_BY_KEY[key].name} : {problem}")
    if reasons:
        official = ", ".join(
            f"{_BY_KEY[k].name} {crs_label(official_crs(k))}" for k in present or ["metropole"]
        )
        raise CRSError(
            crs_message(
                "forced_unfit",
                crs=crs_label(forced),
                what=what,
                reasons="; ".join(reasons),
                official=official,
            ),
            parameters=("crs",),
        )
    return forced


def to_working_crs(
    gdf: gpd.GeoDataFrame,
    *,
    what: str,
    crs: object = None,
    keys: np.ndarray | None = None,
    stacklevel: int = 2,
) -> gpd.GeoDataFrame:
    """``gdf`` in its working CRS: ``crs`` when given (a fit CRS the planner chose), else
    the official projection of its territory (:func:`storage_crs` when it spans several).

    The rows' territories are ``keys`` when given (:func:`territories_of` otherwise). A
    layer that came in a projected CRS not fit for its territory (Web-Mercator,
    Lambert-93 overseas...) is reprojected with a French warning saying so; one in
    longitude/latitude (GeoJSON) or in another fit CRS (a UTM zone, a Lambert CC zone)
    is reprojected silently. A layer in no French territory and in a
    fit projected CRS is kept as it is; in an unfit one it is an error.

    Examples
    --------
    >>> import geopandas as gpd, warnings
    >>> from shapely import Point
    >>> gdf = gpd.GeoDataFrame({"departement": ["974"]}, geometry=[Point(55.45, -20.9)],
    ...     crs="EPSG:4326").to_crs("EPSG:3857")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     to_working_crs(gdf, what="des QPV").crs.to_epsg()
    2975
    >>> "reprojetée en EPSG:2975" in str(caught[0].message)
    True
    """
    if gdf.crs is None:
        raise CRSError(crs_message("no_crs_layer", what=what))
    keys = territories_of(gdf) if keys is None else keys
    present = _present(keys)
    geoms = gdf.geometry.to_numpy()
    if (shapely.is_missing(geoms) | shapely.is_empty(geoms)).all():
        # Nothing to place nor to measure (structures known by their codes only).
        if crs is not None:
            target = parse_crs(crs)
        elif crs_problem(gdf.crs) is None:
            return gdf
        else:
            target = official_crs("metropole")
        return gdf.set_crs(target, allow_override=True)
    if crs is not None:
        target = parse_crs(crs)
        unfit = crs_problem(target)
        if unfit is not None:  # a working CRS is never one that measures wrong anywhere
            raise CRSError(
                crs_message(
                    "forced_unfit",
                    crs=crs_label(target),
                    what=crs_message("what_layer", what=what),
                    reasons=unfit,
                    official=", ".join(
                        f"{_BY_KEY[k].name} {crs_label(official_crs(k))}"
                        for k in present or ["metropole"]
                    ),
                ),
                parameters=("crs",),
            )
    elif present:
        target = official_crs(present[0])
    else:
        problem = crs_problem(gdf.crs)
        if problem is not None:
            raise CRSError(crs_message("unknown_place", crs=crs_label(gdf.crs)) + f" ; {problem}.")
        return gdf
    source = CRS(gdf.crs)
    if source == target:
        return gdf
    # Longitude/latitude is the exchange form (GeoJSON is WGS 84 by definition): it is
    # projected as a matter of course. A projected CRS unfit for the territory is
    # worth a word: the planner may think the layer was measured as it came.
    problems: list[str] = []
    if not source.is_geographic:
        boxes = _lon_lat_boxes(gdf, keys) if present else {}
        problems = [p for p in (crs_problem(source, boxes.get(k)) for k in present) if p]
        if not present:
            problem = crs_problem(source)
            problems = [problem] if problem else []
    if problems:
        where = _where(present) if len(present) > 1 else ""
        warnings.warn(
            crs_message(
                "reprojected",
                what=what,
                crs=crs_label(source),
                reason=problems[0],
                target=crs_label(target),
                where=where,
            ),
            AvsGeoWarning,
            stacklevel=stacklevel + 1,
        )
    return _every_geometry_to(gdf, target)


def _every_geometry_to(gdf: gpd.GeoDataFrame, target: CRS) -> gpd.GeoDataFrame:
    """``gdf.to_crs(target)``, its other geometry columns (``zone_polygon``) too."""
    out = gdf.to_crs(target)
    for column in out.columns:
        values = out[column]
        other = column != out.geometry.name and isinstance(values, gpd.GeoSeries)
        if other and values.crs is not None and CRS(values.crs) != target:
            out[column] = values.to_crs(target)
    return out


def _fit_quick(gdf: gpd.GeoDataFrame) -> bool:
    """True when the layer's CRS is the official one of a territory and the layer's
    bounds lie inside that territory: no row needs placing (the usual case)."""
    epsg = CRS(gdf.crs).to_epsg()
    if epsg is None or len(gdf) == 0:
        return epsg is not None
    bounds = gdf.total_bounds
    if not np.isfinite(bounds).all():
        return False
    for territory in TERRITORIES:
        if territory.epsg != epsg:
            continue
        xmin, ymin, xmax, ymax = _projected_box(territory.key)
        if bounds[0] >= xmin and bounds[1] >= ymin and bounds[2] <= xmax and bounds[3] <= ymax:
            return True
    return False


@lru_cache(maxsize=16)
def _projected_box(key: str) -> tuple[float, float, float, float]:
    territory = _BY_KEY[key]
    transformer = Transformer.from_crs(_LON_LAT, official_crs(key), always_xy=True)
    return tuple(transformer.transform_bounds(*territory.box, densify_pts=21))  # type: ignore[return-value]


def territory_groups(gdf: gpd.GeoDataFrame) -> list[tuple[CRS, np.ndarray]] | None:
    """How to measure ``gdf``: None when its CRS is fit for every row, else the rows
    (positions) of each territory whose CRS differs, with the official CRS to measure
    them in (the rows whose territory the CRS fits, or of no territory, come first with
    the layer's own CRS).

    The measuring functions (:func:`avs_geo.compute_coverage`,
    :func:`avs_geo.build_zones`, :func:`avs_geo.structure_table`) ask it first.
    """
    if gdf.crs is None or _fit_quick(gdf):
        return None
    keys = territories_of(gdf)
    present = _present(keys)
    if not present:
        return None
    boxes = _lon_lat_boxes(gdf, keys)
    source = CRS(gdf.crs)
    groups: dict[int, list[np.ndarray]] = {}
    own: list[np.ndarray] = [np.flatnonzero(keys == None)]  # noqa: E711
    epsg = source.to_epsg()
    for key in present:
        rows = np.flatnonzero(keys == key)
        if epsg == _BY_KEY[key].epsg or crs_problem(source, boxes[key]) is None:
            own.append(rows)
        else:
            groups.setdefault(_BY_KEY[key].epsg, []).append(rows)
    if not groups:
        return None
    out = [(source, np.sort(np.concatenate(own)))]
    out += [(_crs_of_epsg(epsg), np.sort(np.concatenate(r))) for epsg, r in groups.items()]
    return [(c, rows) for c, rows in out if len(rows)]


def check_measurable(gdf: gpd.GeoDataFrame, name: str, *, mixed_ok: bool = False) -> None:
    """Refuse a frame whose CRS would give wrong areas or distances (a French
    :class:`~avs_geo.errors.CRSError` naming the projection to use).

    A CRS of a kind never fit (geographic, not in metres, Web-Mercator) is refused
    wherever the layer lies. A fit CRS is refused for rows of a territory it distorts
    (Lambert-93 at La Réunion), unless ``mixed_ok`` (the function measures such a layer
    per territory, :func:`territory_groups`).
    """
    crs = gdf.crs
    if crs is None:
        raise CRSError(crs_message("no_crs_frame", name=name))
    kind = crs_problem(crs)
    if kind is None and (mixed_ok or _fit_quick(gdf)):
        return
    keys = territories_of(gdf)
    present = _present(keys)
    if kind is not None:
        boxes = _lon_lat_boxes(gdf, keys)
        reason = crs_problem(crs, boxes[present[0]]) if present else kind
        target = official_crs(present[0]) if present else official_crs("metropole")
        raise CRSError(
            crs_message(
                "unfit_frame",
                name=name,
                crs=crs_label(crs),
                reason=reason or kind,
                target=f"EPSG:{target.to_epsg()}",
            )
        )
    groups = territory_groups(gdf)
    if groups is None:
        return
    wrong = [k for k in present if CRS(crs).to_epsg() != _BY_KEY[k].epsg]
    raise CRSError(
        crs_message(
            "mixed_frame",
            name=name,
            crs=crs_label(crs),
            territories=", ".join(_BY_KEY[k].name for k in present),
            targets=", ".join(f"{_BY_KEY[k].name} : EPSG:{_BY_KEY[k].epsg}" for k in wrong),
        )
    )


def split_by_territory(
    key: gpd.GeoDataFrame, *others: gpd.GeoDataFrame | None
) -> list[tuple[np.ndarray, gpd.GeoDataFrame, list[gpd.GeoDataFrame | None]]] | None:
    """``key`` cut by :func:`territory_groups`, each part in the CRS it is measured in.

    None when the key layer's CRS is fit for all its rows. Otherwise, for each part:
    the positions of its rows in ``key``, those rows reprojected, and the rows of each
    of ``others`` whose bounding box meets one of theirs (the zones or population that
    may touch them), reprojected alike. A part whose CRS is the layer's own is not
    reprojected.
    """
    groups = territory_groups(key)
    if groups is None:
        return None
    keyed = key.geometry.to_numpy()
    out = []
    for crs, rows in groups:
        part = key.iloc[rows]
        subs: list[gpd.GeoDataFrame | None] = []
        for other in others:
            if other is None:
                subs.append(None)
                continue
            geoms = other.geometry.to_numpy()
            hits = np.zeros(0, dtype=np.intp)
            if len(geoms):
                hits = np.unique(shapely.STRtree(geoms).query(keyed[rows])[1])
            sub = other.iloc[hits]
            subs.append(sub if CRS(sub.crs) == crs else sub.to_crs(crs))
        out.append((rows, part if CRS(part.crs) == crs else part.to_crs(crs), subs))
    return out


def join_by_territory(
    parts: Sequence[tuple[np.ndarray, pd.DataFrame]], crs: object
) -> pd.DataFrame:
    """The results of the parts of :func:`split_by_territory` as one frame, in the key
    layer's row order, GeoDataFrames brought back to ``crs`` (the layer's own)."""
    frames = [
        frame.to_crs(crs) if isinstance(frame, gpd.GeoDataFrame) else frame for _, frame in parts
    ]
    order = np.argsort(np.concatenate([rows for rows, _ in parts]), kind="stable")
    joined = pd.concat(frames)
    joined = joined.iloc[order]
    if isinstance(frames[0], gpd.GeoDataFrame):
        return gpd.GeoDataFrame(joined, geometry=frames[0].geometry.name, crs=crs)
    return joined


def measured_geometries(
    geoms: np.ndarray,
    crs: object,
    groups: list[tuple[CRS, np.ndarray]] | None,
    owner: np.ndarray | None = None,
) -> np.ndarray:
    """``geoms`` (in ``crs``) each reprojected into the CRS that measures its owner row.

    ``groups`` is :func:`territory_groups` of the owner layer (None: ``geoms`` as they
    are); ``owner`` the owner row of each geometry (default: geometry ``i`` is row ``i``),
    e.g. the QPV of each (QPV, zone) piece. Only areas are meant to be taken of the
    result: its geometries are in several CRS.
    """
    if groups is None:
        return geoms
    owner = np.arange(len(geoms)) if owner is None else owner
    out = np.array(geoms, dtype=object, copy=True)
    source = CRS(crs)
    for target, rows in groups:
        if target == source:
            continue
        mask = np.isin(owner, rows)
        if mask.any():
            out[mask] = gpd.GeoSeries(geoms[mask], crs=source).to_crs(target).to_numpy()
    return out


def measured_in(gdf: gpd.GeoDataFrame) -> str:
    """Where the areas of ``gdf`` are measured, said in French: ``EPSG:2154
    (Lambert-93)``, or one projection per territory for a layer mixing them.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> gdf = gpd.GeoDataFrame({"departement": ["31", "974"]},
    ...     geometry=[box(0, 0, 1, 1)] * 2, crs="EPSG:2154")
    >>> measured_in(gdf)
    'EPSG:2154 (Lambert-93) en France métropolitaine, EPSG:2975 (RGR92 / UTM 40S) à La Réunion'
    """
    if gdf.crs is None:
        return ""
    groups = territory_groups(gdf)
    if groups is None:
        return crs_label(gdf.crs)
    keys = territories_of(gdf)
    parts = []
    for crs, rows in groups:
        names = [_BY_KEY[k].name for k in _present(keys[rows])]
        where = ", ".join(_in(name) for name in names)
        parts.append(f"{crs_label(crs)} {where}".rstrip())
    return ", ".join(parts)


def _in(name: str) -> str:
    """``à La Réunion``, ``en Guyane``, ``à Mayotte``, ``en France métropolitaine``."""
    return f"à {name}" if name in ("La Réunion", "Mayotte", "Martinique") else f"en {name}"
