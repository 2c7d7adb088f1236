"""Check the layers given to a map or a figure, before any drawing.

Every layer must be a GeoDataFrame with a CRS, all in the same CRS (the frames of
avs_geo are in EPSG:2154; only the mapping code goes to EPSG:4326), with the columns
of the contracts in ``docs/architecture.md``. Nothing is modified: the checks return
the same frames.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._i18n import STATUSES, STRUCTURE_TYPES
from avs_geo._validate import (
    check_columns,
    check_geodataframe,
    check_polygons,
    check_present,
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
    avs_geo.errors.SchemaError: 'coverage' column 'coverage_status' holds ...
    """
    cov = check_geodataframe(coverage, "coverage")
    check_columns(cov, COVERAGE_COLUMNS, "coverage", hint="Build it with avs_geo.compute_coverage.")
    if len(cov) == 0:
        raise GeometryError("'coverage' has no rows: there is no QPV to map.")
    check_polygons(cov, "coverage", id_column="code_qpv")
    _check_codes(cov, "coverage", "coverage_status", STATUSES, "code_qpv")
    layers: dict[str, gpd.GeoDataFrame] = {"coverage": cov}

    if zones is not None:
        zon = check_geodataframe(zones, "zones")
        check_columns(zon, ZONE_COLUMNS, "zones", hint="Build it with avs_geo.build_zones.")
        check_polygons(zon, "zones", id_column="structure_id")
        _check_codes(zon, "zones", "type", STRUCTURE_TYPES, "structure_id")
        layers["zones"] = zon
    if structures is not None:
        struct = check_geodataframe(structures, "structures")
        check_columns(
            struct, STRUCTURE_COLUMNS, "structures", hint="Load it with avs_geo.load_structures."
        )
        _check_points(struct, "structures", "structure_id")
        _check_codes(struct, "structures", "type", STRUCTURE_TYPES, "structure_id")
        layers["structures"] = struct
    if communes is not None:
        com = check_geodataframe(communes, "communes")
        check_columns(com, COMMUNE_COLUMNS, "communes", hint="Load it with avs_geo.load_communes.")
        check_polygons(com, "communes", id_column="code_insee")
        layers["communes"] = com
    if candidates is not None:
        cand = check_geodataframe(candidates, "candidates")
        check_columns(cand, CANDIDATE_COLUMNS, "candidates", hint="Score the sites first.")
        check_present(cand, "candidates", fix=_LOCATE)
        layers["candidates"] = cand
    if white_zones is not None:
        white = check_geodataframe(white_zones, "white_zones")
        check_columns(
            white,
            WHITE_ZONE_COLUMNS,
            "white_zones",
            hint="Pass the commune coverage (commune_coverage(communes, zones)).",
        )
        check_polygons(white, "white_zones", id_column="code_insee")
        layers["white_zones"] = white
    if territories is not None:
        terr = check_geodataframe(territories, "territories")
        check_columns(
            terr,
            TERRITORY_COLUMNS,
            "territories",
            hint="Pass the communes with their territory (a 'territoire' column).",
        )
        check_polygons(terr, "territories", id_column="territoire")
        layers["territories"] = terr
    check_same_crs(**layers)
    return MapLayers(
        coverage=cov,
        zones=layers.get("zones"),
        structures=layers.get("structures"),
        communes=layers.get("communes"),
        candidates=layers.get("candidates"),
        white_zones=layers.get("white_zones"),
        territories=layers.get("territories"),
    )


_LOCATE = "Remove these rows or locate them."


def _check_codes(
    df: pd.DataFrame, name: str, column: str, allowed: tuple[str, ...], id_column: str
) -> None:
    values = df[column].astype(object)
    bad = ~values.isin(allowed).to_numpy()
    if bad.any():
        shown = sorted({str(v) for v in values[bad]})
        raise SchemaError(
            f"'{name}' column '{column}' holds {format_ids(shown)}, expected one of "
            f"{format_ids(allowed)}; rows: {format_ids(ids_of(df, bad, id_column))}."
        )


def _check_points(gdf: gpd.GeoDataFrame, name: str, id_column: str) -> None:
    check_present(gdf, name, id_column=id_column, fix=_LOCATE)
    not_point = shapely.get_type_id(gdf.geometry.to_numpy()) != 0
    if np.any(not_point):
        raise GeometryError(
            f"'{name}' should hold points (the location of each structure), but "
            f"{int(not_point.sum())} rows hold other geometries: "
            f"{format_ids(ids_of(gdf, not_point, id_column))}."
        )
