"""Candidate sites for a new EVS or centre social, and the zone each would serve.

Planners come with what they have: a list of places (a room offered by a city, a
school) as a CSV with latitude/longitude or a GeoJSON; communes asking for an EVS (INSEE
codes, one candidate per commune or a list of communes per candidate); or nothing yet,
in which case :func:`candidate_grid` lays a regular grid over the QPV left uncovered.

Every candidate gets a zone the way structures do (see ``avs_geo.build_zones``): the
union of its communes, a radius around its location, and its polygon when it is drawn
as one. The normalised candidate frame has ``candidat_id`` (str, unique), ``nom``,
``zone_communes`` (tuple of INSEE codes), ``zone_rayon_m`` (metres, NaN when none) and
the location (Point), or the drawn zone (Polygon/MultiPolygon), as geometry; a
candidate made of communes only has an empty geometry until its zone is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from avs_geo._codes import explode_codes, geometries_of_codes, split_codes
from avs_geo._validate import (
    LAMBERT_93,
    check_columns,
    check_geodataframe,
    check_projected,
    check_same_crs,
    repair_geometries,
)
from avs_geo.coverage._overlay import uncovered_parts
from avs_geo.errors import (
    DuplicateIdError,
    GeometryError,
    InputTypeError,
    ParameterError,
    SchemaError,
    format_ids,
)
from avs_geo.read._files import (
    TABLE_SUFFIXES,
    PathLike,
    describe_columns,
    existing_path,
    read_table,
    read_vector,
    rename_columns,
)
from avs_geo.read._geo import in_france, to_target_crs
from avs_geo.read.communes import INSEE_CODE
from avs_geo.zones import BUFFER_QUAD_SEGS, _union_by_group

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

CANDIDATE_COLUMNS: tuple[str, ...] = ("candidat_id", "nom", "zone_communes", "zone_rayon_m")
"""Columns of a normalised candidate frame (before the geometry)."""

_ALIASES: dict[str, tuple[str, ...]] = {
    "candidat_id": ("id", "identifiant", "candidate_id", "id_candidat", "id_site", "site_id"),
    "nom": ("name", "nom_site", "libelle", "site"),
    "lat": ("latitude", "y_wgs84"),
    "lon": ("longitude", "lng", "long", "x_wgs84"),
    "zone_communes": ("communes", "codes_insee", "code_insee", "insee", "commune"),
    "zone_rayon_m": ("rayon_m", "rayon", "rayon_metres", "zone_rayon"),
}


def load_candidates(
    path: PathLike,
    *,
    sheet: str | int = 0,
    crs: str | CRS = LAMBERT_93,
) -> gpd.GeoDataFrame:
    """Read candidate sites from a CSV/Excel table (lat/lon or communes) or a vector file.

    Parameters
    ----------
    path
        One row per candidate. Columns (case and accents ignored): ``candidat_id``
        (or ``id``, ``identifiant``; unique), ``nom``, the location as ``lat`` and
        ``lon`` (WGS84 degrees) or a point/polygon geometry (GeoJSON, GeoPackage), and
        optionally ``zone_communes`` (INSEE codes separated by ``;``: the candidate's
        zone is then those communes) and ``zone_rayon_m`` (radius in metres around the
        point). A table with ``zone_communes`` and no coordinates is a list of commune
        candidates.
    sheet
        Sheet of an Excel workbook.
    crs
        Projected CRS of the result (Lambert-93 by default).

    Returns
    -------
    geopandas.GeoDataFrame
        ``candidat_id`` (str), ``nom``, ``zone_communes`` (tuple of str),
        ``zone_rayon_m`` (float, NaN when none), the other columns of the file, and the
        location (Point) or drawn zone (Polygon) as geometry, empty for candidates made
        of communes only.

    Raises
    ------
    MissingFileError, InputFileError
        The file is missing or unreadable.
    SchemaError
        No id column, no location and no communes, malformed codes or radii.
    DuplicateIdError
        A ``candidat_id`` appears twice.
    GeometryError, CRSError
        Coordinates outside France, swapped, or a layer without CRS.

    Examples
    --------
    >>> from avs_geo.datasets import get_path
    >>> cands = load_candidates(get_path("candidats_exemple_occitanie"))
    >>> len(cands), cands.crs.to_string()
    (18, 'EPSG:2154')
    >>> cands[["candidat_id", "nom"]].iloc[0].tolist()
    ['CAND-01', 'Salle municipale Rangueil (exemple)']
    """
    source = existing_path(path, what="candidates")
    if source.suffix.lower() in TABLE_SUFFIXES:
        raw: pd.DataFrame = read_table(source, what="candidates", sheet=sheet)
    else:
        raw = read_vector(source, what="candidates")
    df, _ = rename_columns(raw, _ALIASES)
    name = f"candidates file '{source}'"
    if "candidat_id" not in df.columns:
        raise SchemaError(
            f"The {name} lacks the column candidat_id (or id, identifiant); it has "
            f"{describe_columns(raw)}. Give each candidate site an id."
        )
    is_geo = isinstance(df, gpd.GeoDataFrame) and not {"lat", "lon"} <= set(df.columns)
    if not is_geo and not {"lat", "lon"} <= set(df.columns) and "zone_communes" not in df:
        raise SchemaError(
            f"The {name} locates no candidate: it needs lat and lon (WGS84 degrees), a "
            f"point or polygon geometry, or zone_communes (INSEE codes); it has "
            f"{describe_columns(raw)}."
        )
    base = _normalise(pd.DataFrame(df.drop(columns="geometry", errors="ignore")), name)
    if is_geo:
        geo = gpd.GeoDataFrame(base, geometry=df.geometry.to_numpy(copy=True), crs=df.crs)
        geo = to_target_crs(geo, path=source, crs=crs, what="candidates", id_column="candidat_id")
    elif {"lat", "lon"} <= set(df.columns):
        geo = _points_from_latlon(base, df, name, source, crs)
    else:
        geo = gpd.GeoDataFrame(base, geometry=[None] * len(base), crs=CRS(crs))
    _check_located(geo, name)
    return geo


def as_candidates(
    candidates: object,
    *,
    crs: object,
    communes: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Normalise what a planner gives into a candidate frame in ``crs``.

    Accepts a GeoDataFrame (points or polygons), a file path (:func:`load_candidates`),
    a DataFrame with ``lat``/``lon`` or ``zone_communes``, or a sequence of INSEE
    codes (one candidate per commune, named after it when ``communes`` has ``nom``).
    The input is never modified.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["31555"], "nom": ["Toulouse"]},
    ...     geometry=[box(0, 0, 10, 10)], crs="EPSG:2154")
    >>> c = as_candidates(["31555"], crs=communes.crs, communes=communes)
    >>> c[["candidat_id", "nom", "zone_communes"]].iloc[0].tolist()
    ['31555', 'Toulouse', ('31555',)]
    """
    if isinstance(candidates, str | Path):
        return load_candidates(candidates, crs=CRS(crs))
    if isinstance(candidates, gpd.GeoDataFrame):
        gdf = check_geodataframe(candidates, "candidates")
        df, _ = rename_columns(gdf, _ALIASES)
        _require_id(df)
        base = _normalise(pd.DataFrame(df.drop(columns=df.geometry.name)), "'candidates'")
        out = gpd.GeoDataFrame(base, geometry=gdf.geometry.to_numpy(copy=True), crs=gdf.crs)
    elif isinstance(candidates, pd.DataFrame):
        df, _ = rename_columns(candidates, _ALIASES)
        _require_id(df)
        base = _normalise(pd.DataFrame(df), "'candidates'")
        if {"lat", "lon"} <= set(df.columns):
            out = _points_from_latlon(base, df, "'candidates'", Path("candidates"), crs)
        elif "zone_communes" in df.columns:
            out = gpd.GeoDataFrame(base, geometry=[None] * len(base), crs=CRS(crs))
        else:
            raise SchemaError(
                "'candidates' is a DataFrame without location: give lat and lon (WGS84 "
                "degrees) or zone_communes (INSEE codes), or pass a GeoDataFrame. It has "
                f"{describe_columns(df)}."
            )
    elif isinstance(candidates, Sequence | pd.Series | pd.Index | np.ndarray):
        out = _from_codes(list(candidates), crs=crs, communes=communes)
    else:
        raise InputTypeError(
            "'candidates' should be a GeoDataFrame of points or polygons, a file path, a "
            "DataFrame with lat/lon or zone_communes, or a list of INSEE codes; got "
            f"{type(candidates).__name__}."
        )
    if len(out) == 0:
        raise ParameterError("'candidates' holds no candidate: there is nothing to score.")
    _check_located(out, "'candidates'")
    return out


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
    check_projected(candidates, "candidates")
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
    parts.append(
        shapely.buffer(geoms[with_radius], radius[with_radius], quad_segs=BUFFER_QUAD_SEGS)
    )
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
    coverage: gpd.GeoDataFrame,
    *,
    spacing_m: float = DEFAULT_GRID_SPACING_M,
    zones: gpd.GeoDataFrame | None = None,
    statuses: Sequence[str] = ("none", "partial"),
) -> gpd.GeoDataFrame:
    """A regular grid of candidate points over the QPV left uncovered.

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


# ------------------------------------------------------------------------ helpers


def _require_id(df: pd.DataFrame) -> None:
    if "candidat_id" not in df.columns:
        raise SchemaError(
            "'candidates' lacks the column candidat_id (or id, identifiant); it has "
            f"{describe_columns(df)}. Give each candidate an id: selections name sites by id."
        )


def _normalise(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Ids as str (unique), ``nom`` (the id when missing), codes as tuples, radius as float.

    Columns are copied (``to_numpy(copy=True)``): with pandas 3 a frame built from
    ``Series.to_numpy()`` can share its buffer with the caller's frame, and writing into
    the result would then change the input.
    """
    ids = df["candidat_id"].map(_id_text)
    if ids.isna().any():
        rows = [int(i) for i in np.flatnonzero(ids.isna().to_numpy())]
        raise SchemaError(f"The {name} has rows with no candidat_id (rows {format_ids(rows)}).")
    dup = ids[ids.duplicated(keep=False)]
    if len(dup):
        raise DuplicateIdError(
            f"The {name} uses the same candidat_id more than once: "
            f"{format_ids(sorted(dup.unique()))}. Each candidate needs its own id."
        )
    out = pd.DataFrame(
        {
            c: df[c].to_numpy(copy=True)
            for c in df.columns
            if c not in (*CANDIDATE_COLUMNS, "lat", "lon")
        }
    )
    out.insert(0, "candidat_id", ids.astype(str).to_numpy())
    nom = df["nom"] if "nom" in df.columns else ids
    nom = pd.Series(nom.to_numpy(), dtype=object).where(pd.notna(nom.to_numpy()), ids.to_numpy())
    out.insert(1, "nom", nom.astype(str).str.strip().to_numpy())
    out.insert(2, "zone_communes", _codes(df, name, out["candidat_id"].to_numpy()))
    out.insert(3, "zone_rayon_m", _radius(df, name, out["candidat_id"].to_numpy()))
    return out


def _id_text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _codes(df: pd.DataFrame, name: str, ids: np.ndarray) -> pd.Series:
    if "zone_communes" not in df.columns:
        return pd.Series([()] * len(df), dtype=object)
    out, wrong = [], {}
    for cid, value in zip(ids, df["zone_communes"].to_numpy(), strict=True):
        codes = split_codes(value, pad_insee=True)
        bad = [c for c in codes if not INSEE_CODE.match(c)]
        if bad:
            wrong[cid] = bad
        out.append(tuple(dict.fromkeys(codes)))
    if wrong:
        shown = "; ".join(f"{k}: {', '.join(v)}" for k, v in list(wrong.items())[:20])
        raise SchemaError(
            f"The {name} has malformed INSEE codes in zone_communes: {shown}. Write the "
            "5-character codes separated by ';', e.g. '31555;31069' (keep the leading zero)."
        )
    return pd.Series(out, dtype=object)


def _radius(df: pd.DataFrame, name: str, ids: np.ndarray) -> np.ndarray:
    if "zone_rayon_m" not in df.columns:
        return np.full(len(df), np.nan)
    raw = df["zone_rayon_m"]
    text = raw.map(lambda v: str(v).replace(",", ".").strip() if isinstance(v, str) else v)
    values = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
    given = raw.notna().to_numpy() & (raw.astype(str).str.strip() != "").to_numpy()
    bad = (np.isnan(values) & given) | (values <= 0)
    if bad.any():
        raise SchemaError(
            f"The {name} has radii that are not positive numbers of metres in zone_rayon_m "
            f"for candidates {format_ids(ids[bad])}."
        )
    return values


def _points_from_latlon(
    base: pd.DataFrame, df: pd.DataFrame, name: str, source: Path, crs: object
) -> gpd.GeoDataFrame:
    lat, lon = _number(df["lat"]), _number(df["lon"])
    ids = base["candidat_id"].to_numpy()
    has_codes = base["zone_communes"].map(len).gt(0).to_numpy()
    empty = np.isnan(lat) | np.isnan(lon)
    if (empty & ~has_codes).any():
        raise GeometryError(
            f"The {name} has candidates with no or non-numeric lat/lon and no "
            f"zone_communes: {format_ids(ids[empty & ~has_codes])}. Give WGS84 degrees, "
            "e.g. lat 43.6045, lon 1.4440."
        )
    swapped = ~empty & ~in_france(lon, lat) & in_france(lat, lon)
    if swapped.any():
        raise GeometryError(
            f"lat and lon look swapped in the {name} for candidates {format_ids(ids[swapped])}:"
            " in France the latitude is 41-51 and the longitude -5 to 10. Swap the columns."
        )
    points = np.where(
        empty, None, shapely.points(np.where(empty, 0.0, lon), np.where(empty, 0.0, lat))
    )
    geo = gpd.GeoDataFrame(base, geometry=list(points), crs="EPSG:4326")
    return to_target_crs(geo, path=source, crs=CRS(crs), what="candidates", id_column="candidat_id")


def _number(values: pd.Series) -> np.ndarray:
    text = values.map(lambda v: str(v).replace(",", ".").strip() if isinstance(v, str) else v)
    return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)


def _check_located(gdf: gpd.GeoDataFrame, name: str) -> None:
    geoms = np.asarray(gdf.geometry.to_numpy(), dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    has_codes = gdf["zone_communes"].map(len).gt(0).to_numpy()
    ids = gdf["candidat_id"].to_numpy()
    if (missing & ~has_codes).any():
        raise GeometryError(
            f"The {name} has candidates with no location and no zone_communes: "
            f"{format_ids(ids[missing & ~has_codes])}. Give a point, a polygon or communes."
        )
    kinds = shapely.get_type_id(geoms)
    wrong = ~missing & ~np.isin(kinds, (0, 3, 6))
    if wrong.any():
        raise GeometryError(
            f"The {name} should hold points or polygons, but candidates "
            f"{format_ids(ids[wrong])} hold other geometries (lines, collections)."
        )


def _from_codes(
    codes: list[object], *, crs: object, communes: gpd.GeoDataFrame | None
) -> gpd.GeoDataFrame:
    texts = [_id_text(c) for c in codes]
    if any(t is None for t in texts):
        raise SchemaError("The list of candidate communes holds empty codes.")
    frame = pd.DataFrame({"candidat_id": texts, "zone_communes": texts})
    out = _normalise(frame, "list of candidate communes")
    if communes is not None and "nom" in communes.columns:
        names = dict(
            zip(communes["code_insee"].astype(str), communes["nom"].astype(str), strict=True)
        )
        out["nom"] = [names.get(c, c) for c in out["candidat_id"]]
    return gpd.GeoDataFrame(out, geometry=[None] * len(out), crs=CRS(crs))


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
