"""Write layers a GIS opens (GeoPackage), with reproducible bytes.

:func:`to_geopackage` writes several GeoDataFrames as the layers of one GeoPackage that
QGIS opens as it is: the tuples avs_geo keeps in its frames (``structure_ids``,
``zone_communes``...) become ``;``-separated text, and the geometry columns other than
the active one (``zone_polygon`` of the structures) are left out, since GDAL writes one
geometry per layer.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd

from avs_geo._deprecated import data_then_path
from avs_geo._paths import gdal_literal
from avs_geo._validate import check_suffix
from avs_geo.errors import InputFileError, InputTypeError

__all__ = ["LIST_SEPARATOR", "gis_ready", "to_geopackage"]

LIST_SEPARATOR = ";"
"""Separator of the codes of a tuple column once written as text."""


def gis_ready(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` that GDAL can write: tuples as text, one geometry column.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame

    Returns
    -------
    geopandas.GeoDataFrame
        Columns holding tuples or lists become ``;``-joined strings (an empty tuple
        becomes ``""``), geometry columns other than the active one are dropped, the
        index is reset. ``gdf`` is not modified. A GeoPackage compares field names
        without case and keeps ``fid`` and ``geom`` for itself: a column named so, or
        equal to an earlier one but for case (``Remarque`` after ``remarque``, an
        ``fid`` from a QGIS export), gets ``_2`` (``_3``...) added, so that every column
        is written.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> gdf = gpd.GeoDataFrame({"structure_ids": [("CS01", "EVS02"), ()],
    ...                         "zone_polygon": gpd.GeoSeries([None, None])},
    ...                        geometry=[Point(0, 0), Point(1, 1)], crs="EPSG:2154")
    >>> out = gis_ready(gdf)
    >>> out.columns.tolist(), out["structure_ids"].tolist()
    (['structure_ids', 'geometry'], ['CS01;EVS02', ''])
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise InputTypeError(f"'gdf' should be a GeoDataFrame, got {type(gdf).__name__}.")
    active = gdf.geometry.name
    extra = [
        c for c in gdf.columns if c != active and isinstance(gdf[c].dtype, gpd.array.GeometryDtype)
    ]
    out = gdf.drop(columns=extra).reset_index(drop=True)
    out = out.rename(columns=_field_names([c for c in out.columns if c != active]))
    for column in out.columns:
        if column == active or out[column].dtype != object:
            continue
        values = out[column]
        if values.map(lambda v: isinstance(v, tuple | list)).any():
            out[column] = values.map(
                lambda v: (
                    LIST_SEPARATOR.join(str(i) for i in v)
                    if isinstance(v, tuple | list)
                    else (None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
                )
            )
    return out


_RESERVED = ("fid", "geom")  # GeoPackage's feature id and geometry column


def _field_names(columns: list[object]) -> dict[object, str]:
    """New names for the columns a GeoPackage would refuse or swallow (see :func:`gis_ready`).

    Examples
    --------
    >>> _field_names(["remarque", "Remarque", "fid", "nom"])
    {'Remarque': 'Remarque_2', 'fid': 'fid_2'}
    """
    used = set(_RESERVED)
    renamed: dict[object, str] = {}
    for column in columns:
        name = str(column)
        if name.casefold() in used:
            n = 2
            while f"{name}_{n}".casefold() in used:
                n += 1
            renamed[column] = name = f"{name}_{n}"
        used.add(name.casefold())
    return renamed


def to_geopackage(
    layers: Mapping[str, gpd.GeoDataFrame],
    path: str | os.PathLike[str],
    *,
    timestamp: dt.datetime | None = None,
) -> Path:
    """Write GeoDataFrames as the layers of one GeoPackage (overwritten if it exists).

    Parameters
    ----------
    layers : mapping
        Layer name -> GeoDataFrame, in layer order. Each goes through
        :func:`gis_ready` (tuples as ``;``-separated text, one geometry column).
    path : str or path-like
        The ``.gpkg`` file to write, taken literally (``!`` or ``/vsi`` in it are plain
        characters, not GDAL virtual paths); an existing file, or a symbolic link, is
        replaced as a whole once the new file is complete. (The 0.1
        order ``to_geopackage(path, layers)`` still works, with a DeprecationWarning.)
    timestamp : datetime, optional
        The "last change" date GDAL records for each layer; default: today at
        midnight (UTC), so that two runs on the same day give the same bytes.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import geopandas as gpd, pyogrio
    >>> from shapely import box
    >>> zones = gpd.GeoDataFrame({"structure_id": ["CS01"]}, geometry=[box(0, 0, 1, 1)],
    ...                          crs="EPSG:2154")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = to_geopackage({"zones": zones}, pathlib.Path(folder) / "couverture.gpkg")
    ...     pyogrio.list_layers(path).tolist()
    [['zones', 'Polygon']]
    """
    layers, path = data_then_path(layers, path, "to_geopackage")
    target = check_suffix(path, ".gpkg", writer="to_geopackage")
    if not isinstance(layers, Mapping) or not layers:
        raise InputTypeError(
            "layers should be a non-empty mapping of layer name -> GeoDataFrame, got "
            f"{type(layers).__name__}."
        )
    ready = {str(name): gis_ready(gdf) for name, gdf in layers.items()}
    import pyogrio

    when = timestamp or dt.datetime.combine(dt.date.today(), dt.time(), tzinfo=dt.UTC)
    key = "OGR_CURRENT_DATE"
    previous = pyogrio.get_gdal_config_option(key)
    # GDAL writes to a fresh file under a plain temporary name (a path holding '!' or
    # starting with /vsi would be read as a GDAL virtual path); the complete file then
    # replaces the target, and a symbolic link there is replaced, not followed.
    scratch = Path(tempfile.mkdtemp(prefix="avs_geo_"))
    pyogrio.set_gdal_config_options({key: when.strftime("%Y-%m-%dT%H:%M:%S.000Z")})
    try:
        written = scratch / "couche.gpkg"
        if not gdal_literal(written):  # pragma: no cover - a temporary folder holding '!'
            raise InputFileError(
                f"Le dossier temporaire '{scratch}' contient '!' : GDAL ne peut pas y écrire ; "
                "donnez un autre dossier dans la variable TMPDIR."
            )
        for name, gdf in ready.items():
            gdf.to_file(written, layer=name, driver="GPKG", engine="pyogrio")
        target.unlink(missing_ok=True)
        shutil.move(written, target)
    finally:
        pyogrio.set_gdal_config_options({key: previous})
        shutil.rmtree(scratch, ignore_errors=True)
    return target
