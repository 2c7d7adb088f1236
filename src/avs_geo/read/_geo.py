"""Reprojection and territory checks shared by the readers."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer

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

MAX_COORDINATE = 1e8
"""Largest coordinate accepted (metres or degrees): 100,000 km, beyond every CRS's range."""


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
            f"{int(absurd.sum())} objet(s) du fichier {file_name(what)} '{path}' ont des "
            "coordonnées hors de portée de tout système de coordonnées (au-delà de "
            f"±{MAX_COORDINATE:.0e} ou infinies) : objets {', '.join(rows[:20])}"
            f"{' ...' if len(rows) > 20 else ''} (comptés à partir de 1, dans l'ordre du "
            "fichier). Corrigez ou supprimez ces objets (QGIS : Vecteur > Outils de "
            "géométrie > Vérifier la validité).",
            file=str(path),
        )


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
