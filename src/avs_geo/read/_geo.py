"""Reprojection and territory checks shared by the readers."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer

from avs_geo._i18n.read import read_message
from avs_geo._validate import ids_of
from avs_geo.errors import CRSError, GeometryError, format_ids

__all__ = [
    "FRANCE_BOXES",
    "in_france",
    "to_target_crs",
]

# Longitude/latitude boxes of the French territories (metropolitan France with Corsica,
# and the five overseas departments), used to catch coordinates that are swapped,
# in the wrong unit or somewhere else.
FRANCE_BOXES: dict[str, tuple[float, float, float, float]] = {
    "France métropolitaine": (-5.6, 41.2, 9.9, 51.2),
    "Guadeloupe": (-61.9, 15.8, -60.9, 16.6),
    "Martinique": (-61.3, 14.3, -60.7, 14.95),
    "Guyane": (-54.7, 2.1, -51.5, 5.9),
    "La Réunion": (55.1, -21.45, 55.9, -20.8),
    "Mayotte": (44.9, -13.1, 45.4, -12.5),
}


_LON_LAT = CRS("EPSG:4326")


def in_france(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """True where the longitude/latitude point lies in one of :data:`FRANCE_BOXES`."""
    inside = np.zeros(len(lon), dtype=bool)
    for xmin, ymin, xmax, ymax in FRANCE_BOXES.values():
        inside |= (lon >= xmin) & (lon <= xmax) & (lat >= ymin) & (lat <= ymax)
    return inside


def _lon_lat(points: np.ndarray, crs: CRS) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude of ``points`` given in ``crs``.

    Only the points are transformed (one per feature), never the polygons: the France
    check costs one coordinate transform per feature whatever the size of the shapes.
    """
    x, y = shapely.get_x(points), shapely.get_y(points)
    if crs == _LON_LAT:
        return x, y
    transformer = Transformer.from_crs(crs, _LON_LAT, always_xy=True)
    lon, lat = transformer.transform(x, y, errcheck=False)
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def to_target_crs(
    gdf: gpd.GeoDataFrame,
    *,
    path: Path | str,
    crs: str | CRS,
    what: str,
    id_column: str | None,
) -> gpd.GeoDataFrame:
    """Reproject a layer read from ``path`` to ``crs`` after checking where it lies.

    A layer without CRS is an error (never guessed). Features whose longitude/latitude
    falls outside France (swapped axes, wrong CRS declared, another country) are an
    error naming their ids.
    """
    if gdf.crs is None:
        raise CRSError(read_message("no_crs", what=what, path=path), file=str(path))
    geoms = gdf.geometry.to_numpy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    lon, lat = _lon_lat(shapely.point_on_surface(geoms[present]), CRS(gdf.crs))
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
    target = CRS(crs)
    if not target.is_projected:
        raise CRSError(
            f"crs={target.to_string()} is geographic; avs_geo measures areas in metres. Use "
            "'EPSG:2154' (Lambert-93) or the local projection overseas."
        )
    return gdf.to_crs(target)
