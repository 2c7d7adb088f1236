"""The working CRS of a frame built outside the readers (``to_working_crs``).

The readers put every layer in its working CRS themselves; a frame built in a notebook
(from a web service in Web-Mercator, from longitudes and latitudes...) goes through
:func:`to_working_crs` before the measuring functions, which refuse a CRS that would
give wrong areas or distances.
"""

from __future__ import annotations

import geopandas as gpd
from pyproj import CRS

from avs_geo._crs import to_working_crs as _to_working_crs
from avs_geo._i18n.crs import crs_message
from avs_geo._validate import check_geodataframe

__all__ = ["to_working_crs"]


def to_working_crs(
    gdf: gpd.GeoDataFrame, *, crs: str | int | CRS | None = None
) -> gpd.GeoDataFrame:
    """Reproject a layer into the CRS its areas and distances are measured in.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        A layer of QPV, communes, structures, zones or candidates, with its CRS set.
    crs : str, int or pyproj.CRS, optional
        Force this CRS; it must be projected, in metres and conformal (not Web-Mercator).
        None (default): the official projection of the layer's territory, found from its
        ``departement``, ``code_insee`` or ``code_qpv`` column, else from where it lies:
        Lambert-93 (EPSG:2154) in metropolitan France, EPSG:5490 in Guadeloupe and
        Martinique, EPSG:2972 in Guyane, EPSG:2975 at La Réunion, EPSG:4471 in Mayotte.
        A layer spanning several territories is put in the first one's (Lambert-93
        when metropolitan France is there): the measuring functions then measure each
        territory in its own projection.

    Returns
    -------
    geopandas.GeoDataFrame
        The layer reprojected (the same object when it already is in that CRS).

    Raises
    ------
    CRSError
        The layer has no CRS, lies in no French territory while its CRS is unfit, or
        ``crs`` is unknown.

    Warns
    -----
    AvsGeoWarning
        The layer came in a projected CRS unfit for its territory (Web-Mercator,
        Lambert-93 overseas...): it says so, in French, and what it was reprojected to.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QN97401M"]}, geometry=[Point(55.45, -20.9)],
    ...     crs="EPSG:4326")
    >>> to_working_crs(qpv).crs.to_epsg()
    2975
    """
    gdf = check_geodataframe(gdf, "gdf")
    return _to_working_crs(gdf, what=crs_message("what_data"), crs=crs, stacklevel=2)
