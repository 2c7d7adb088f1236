"""Reprojection and territory checks shared by the readers."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS

from avs_geo._crs import (
    FRANCE_BOXES,
    crs_label,
    crs_problem,
    in_france,
    lon_lat,
    parse_crs,
    territories_at,
    to_working_crs,
)
from avs_geo._i18n.crs import crs_message
from avs_geo._i18n.read import file_name, read_message
from avs_geo._validate import ids_of
from avs_geo.errors import CRSError, GeometryError, format_ids

__all__ = [
    "FRANCE_BOXES",
    "MAX_COORDINATE",
    "check_coordinates",
    "in_france",
    "to_target_crs",
]

MAX_COORDINATE = 1e8
"""Largest coordinate accepted (metres or degrees): 100,000 km, beyond every CRS's range."""


def check_coordinates(gdf: gpd.GeoDataFrame, *, path: Path | str, what: str) -> None:
    """Refuse features whose coordinates lie beyond any CRS's range (1e300, inf).

    GEOS fails on such numbers (or repairs the shapes into nothing): refused right
    after reading, naming the features by their number in the file (from 1).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> gdf = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1), box(0, 0, 1e300, 1)])
    >>> check_coordinates(gdf, path="qpv.gpkg", what="QPV")
    Traceback (most recent call last):
    ...
    avs_geo.errors.GeometryError: 1 objet(s) du fichier des QPV 'qpv.gpkg' ont des coordonnées ...
    """
    geoms = gdf.geometry.to_numpy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    bounds = shapely.bounds(geoms)
    absurd = present & ~np.all(np.isfinite(bounds) & (np.abs(bounds) < MAX_COORDINATE), axis=1)
    if absurd.any():
        rows = [str(i + 1) for i in np.flatnonzero(absurd)]
        raise GeometryError(
            read_message(
                "absurd_coordinates",
                n=int(absurd.sum()),
                what=what,
                path=path,
                limit=f"{MAX_COORDINATE:.0e}",
                rows=", ".join(rows[:20]) + (" ..." if len(rows) > 20 else ""),
            ),
            file=str(path),
        )


def to_target_crs(
    gdf: gpd.GeoDataFrame,
    *,
    path: Path | str,
    crs: str | CRS | None,
    what: str,
    id_column: str | None,
    source_crs: str | CRS | None = None,
) -> gpd.GeoDataFrame:
    """Reproject a layer read from ``path`` to its working CRS after checking where it lies.

    A layer without CRS takes ``source_crs`` (the planner's word for the file), else is
    an error (never guessed). Features whose longitude/latitude
    falls outside France (swapped axes, wrong CRS declared, another country) are an
    error naming their ids. ``crs`` None: the official projection of the layer's
    territory (``avs_geo._crs``); a CRS given must be fit to measure (projected, in
    metres, conformal, not Web-Mercator). A layer that came in a CRS unfit for its
    territory is reprojected with a French warning.
    """
    if gdf.crs is None and source_crs is not None:
        gdf = gdf.set_crs(parse_crs(source_crs))
    if gdf.crs is None:
        raise CRSError(read_message("no_crs", what=what, path=path), file=str(path))
    geoms = gdf.geometry.to_numpy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    lon, lat = lon_lat(shapely.point_on_surface(geoms[present]), gdf.crs)
    outside = np.zeros(len(gdf), dtype=bool)
    outside[present] = ~in_france(lon, lat) | ~np.isfinite(lon) | ~np.isfinite(lat)
    if outside.any():
        ids = ids_of(gdf, outside, id_column)
        raise GeometryError(
            read_message(
                "outside_france",
                n=int(outside.sum()),
                what=what,
                path=path,
                crs=gdf.crs.to_string(),
                ids=format_ids(ids),
            ),
            file=str(path),
        )
    if crs is not None:
        target = parse_crs(crs)
        problem = crs_problem(target)
        if problem is not None:
            raise CRSError(
                crs_message("forced_unfit", crs=crs_label(target), what=crs_message("what_areas"),
                            reasons=problem, official=crs_message("official_metropole")),
                parameters=("crs",),
            )  # fmt: skip
    keys = np.full(len(gdf), None, dtype=object)  # where each feature lies, known already
    keys[present] = territories_at(lon, lat)
    return to_working_crs(gdf, what=f"{file_name(what)} '{path}'", crs=crs, keys=keys, stacklevel=4)
