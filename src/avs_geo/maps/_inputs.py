"""Check the layers given to a map or a figure, before any drawing.

Every layer must be a GeoDataFrame with a CRS, all in the same CRS (the frames of
avs_geo are in EPSG:2154; only the mapping code goes to EPSG:4326), with the columns
of the contracts in ``docs/architecture.md``. Nothing is modified: the checks return
the same frames.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from avs_geo._i18n import STATUSES, STRUCTURE_TYPES, message
from avs_geo._i18n.maps import MESSAGES
from avs_geo._validate import (
    check_columns,
    check_geodataframe,
    check_polygons,
    check_present,
    check_rows,
    check_same_crs,
    ids_of,
)
from avs_geo.errors import GeometryError, SchemaError, format_ids

__all__ = [
    "CANDIDATE_COLUMNS",
    "COMMUNE_COLUMNS",
    "COVERAGE_COLUMNS",
    "STRUCTURE_COLUMNS",
    "TERRITORY_COLUMNS",
    "WHITE_ZONE_COLUMNS",
    "ZONE_COLUMNS",
    "MapLayers",
    "check_layers",
]

COVERAGE_COLUMNS = ("code_qpv", "nom_qpv", "coverage_ratio", "coverage_status")
ZONE_COLUMNS = ("structure_id", "nom", "type")
STRUCTURE_COLUMNS = ("structure_id", "nom", "type")
COMMUNE_COLUMNS = ("code_insee", "nom")
CANDIDATE_COLUMNS = ("score",)
WHITE_ZONE_COLUMNS = ("code_insee", "nom", "no_offer")
TERRITORY_COLUMNS = ("territoire",)


@dataclass(frozen=True)
class MapLayers:
    """The checked layers of a map (the caller's frames, not copies)."""

    coverage: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame | None = None
    structures: gpd.GeoDataFrame | None = None
    communes: gpd.GeoDataFrame | None = None
    candidates: gpd.GeoDataFrame | None = None
    white_zones: gpd.GeoDataFrame | None = None
    territories: gpd.GeoDataFrame | None = None


def check_layers(
    coverage: object,
    *,
    zones: object = None,
    structures: object = None,
    communes: object = None,
    candidates: object = None,
    white_zones: object = None,
    territories: object = None,
) -> MapLayers:
    """Check every layer and return them; raise naming the layer, column and ids.

    Examples
    --------
    >>> import shapely
    >>> cov = gpd.GeoDataFrame(
    ...     {"code_qpv": ["QP031001"], "nom_qpv": ["A"], "coverage_ratio": [0.5],
    ...      "coverage_status": ["half"]},
    ...     geometry=[shapely.box(0, 0, 1, 1)], crs="EPSG:2154")
    >>> check_layers(cov)
    Traceback (most recent call last):
    ...
    avs_geo.errors.SchemaError: La colonne 'coverage_status' de 'coverage' contient ...
    """
    cov = check_geodataframe(coverage, "coverage")
    check_columns(cov, COVERAGE_COLUMNS, "coverage", hint=message(MESSAGES, "coverage_hint"))
    if len(cov) == 0:
        raise GeometryError(message(MESSAGES, "no_qpv"))
    check_polygons(cov, "coverage", id_column="code_qpv")
    _check_codes(cov, "coverage", "coverage_status", STATUSES, "code_qpv")
    layers: dict[str, gpd.GeoDataFrame] = {"coverage": cov}
    given = (zones, structures, communes, candidates, white_zones, territories)
    for name, value in zip(_LAYERS, given, strict=True):  # in the order of _LAYERS
        if value is not None:
            layers[name] = _check_layer(name, value)
    check_same_crs(**layers)
    return MapLayers(**layers)


_LAYERS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "zones": (ZONE_COLUMNS, "structure_id"),
    "structures": (STRUCTURE_COLUMNS, "structure_id"),
    "communes": (COMMUNE_COLUMNS, "code_insee"),
    "candidates": (CANDIDATE_COLUMNS, None),
    "white_zones": (WHITE_ZONE_COLUMNS, "code_insee"),
    "territories": (TERRITORY_COLUMNS, "territoire"),
}
"""Each layer besides the coverage: its columns and the column that names a row."""


def _check_layer(name: str, value: object) -> gpd.GeoDataFrame:
    """One layer of :func:`check_layers`: a frame with its columns and geometries.

    The structures are points, the candidates any located geometry, the others
    (multi)polygons; the types of the zones and structures are known ones.
    """
    columns, id_column = _LAYERS[name]
    gdf = check_geodataframe(value, name)
    check_columns(gdf, columns, name, hint=message(MESSAGES, f"{name}_hint"))
    if name == "structures":
        _check_points(gdf, name, "structure_id")
    elif name == "candidates":
        check_present(gdf, name, fix=message(MESSAGES, "locate"))
    else:
        check_polygons(gdf, name, id_column=id_column)
    if name in ("zones", "structures"):
        _check_codes(gdf, name, "type", STRUCTURE_TYPES, "structure_id")
    return gdf


def _check_codes(
    df: pd.DataFrame, name: str, column: str, allowed: tuple[str, ...], id_column: str
) -> None:
    values = df[column].astype(object)
    bad = ~values.isin(allowed).to_numpy()
    if bad.any():
        shown = sorted({str(v) for v in values[bad]})
        raise SchemaError(
            message(
                MESSAGES,
                "bad_codes",
                name=name,
                column=column,
                shown=format_ids(shown),
                allowed=format_ids(allowed),
                ids=format_ids(ids_of(df, bad, id_column)),
            )
        )


def _check_points(gdf: gpd.GeoDataFrame, name: str, id_column: str) -> None:
    check_present(gdf, name, id_column=id_column, fix=message(MESSAGES, "locate"))
    not_point = shapely.get_type_id(gdf.geometry.to_numpy()) != 0
    check_rows(gdf, not_point, id_column, MESSAGES, "not_points", name=name)
