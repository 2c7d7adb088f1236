"""Checks shared by every public function: types, CRS, columns, geometries.

Checks run before any work and raise one error that lists every problem found.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._codes import QPV_GENERATIONS, qpv_generation
from avs_geo._crs import check_measurable
from avs_geo._i18n import Messages, message
from avs_geo._i18n.common import MESSAGES
from avs_geo.errors import (
    AvsGeoWarning,
    CRSError,
    DuplicateIdError,
    GeometryError,
    InputTypeError,
    ParameterError,
    SchemaError,
    format_ids,
)

__all__ = [
    "LAMBERT_93",
    "as_str_ids",
    "check_columns",
    "check_geodataframe",
    "check_polygons",
    "check_present",
    "check_projected",
    "check_rows",
    "check_same_crs",
    "check_suffix",
    "check_unique",
    "ids_of",
    "mixed_generations_message",
    "qpv_generations",
    "repair_geometries",
]

LAMBERT_93 = "EPSG:2154"

_TYPE_NAMES = {
    0: "Point",
    1: "LineString",
    2: "LinearRing",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
}


def check_geodataframe(obj: object, name: str) -> gpd.GeoDataFrame:
    """Return ``obj`` if it is a GeoDataFrame with a CRS, else raise.

    Examples
    --------
    >>> import pandas as pd
    >>> check_geodataframe(pd.DataFrame(), "qpv")
    Traceback (most recent call last):
    ...
    avs_geo.errors.InputTypeError: 'qpv' doit être un GeoDataFrame, reçu DataFrame. ...
    """
    if not isinstance(obj, gpd.GeoDataFrame):
        raise InputTypeError(
            message(MESSAGES, "not_geodataframe", name=name, got=type(obj).__name__)
        )
    if obj.crs is None:
        raise CRSError(message(MESSAGES, "no_crs", name=name))
    return obj


def check_projected(gdf: gpd.GeoDataFrame, name: str, *, mixed_ok: bool = False) -> None:
    """Raise if ``gdf``'s CRS would give wrong areas or distances (the CRS guard).

    Geographic, non-metric and Web-Mercator CRS are refused, and so is a CRS that
    distorts the territory where the rows lie (Lambert-93 at La Réunion) unless
    ``mixed_ok`` (the caller measures per territory); see ``avs_geo._crs``.
    """
    check_measurable(gdf, name, mixed_ok=mixed_ok)


def check_same_crs(**layers: gpd.GeoDataFrame) -> None:
    """Raise if the given layers do not share one CRS; the message shows every CRS."""
    crs_by_name = {name: gdf.crs for name, gdf in layers.items()}
    first_name, first = next(iter(crs_by_name.items()))
    differing = {n: c for n, c in crs_by_name.items() if c != first}
    if differing:
        shown = "; ".join(
            f"'{n}': {c.to_string() if c is not None else None}" for n, c in crs_by_name.items()
        )
        fix = ", ".join(f"{n}.to_crs({first_name}.crs)" for n in differing)
        raise CRSError(message(MESSAGES, "crs_differ", shown=shown, fix=fix))


def check_columns(df: pd.DataFrame, required: Sequence[str], name: str, *, hint: str = "") -> None:
    """Raise a :class:`SchemaError` listing every missing and every present column."""
    missing = [c for c in required if c not in df.columns]
    if missing:
        text = message(
            MESSAGES,
            "missing_columns",
            name=name,
            missing=format_ids(missing),
            present=format_ids(map(str, df.columns)),
        )
        raise SchemaError(f"{text} {hint}".rstrip())


def ids_of(gdf: pd.DataFrame, mask: np.ndarray | pd.Series, id_column: str | None) -> list[object]:
    """The ids (from ``id_column``, else the index labels) of the rows where ``mask`` is true."""
    mask = np.asarray(mask, dtype=bool)
    if id_column is not None and id_column in gdf.columns:
        return list(gdf[id_column].to_numpy()[mask])
    return list(gdf.index[mask])


def check_rows(
    gdf: pd.DataFrame,
    bad: np.ndarray,
    id_column: str | None,
    table: Messages,
    key: str,
    /,
    **values: object,
) -> None:
    """Raise :class:`GeometryError` when any row is ``bad``: the message ``key`` of
    ``table`` with ``values``, the number of those rows (``n``) and their ids (``ids``).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> table = {"fr": {"k": "{n} lignes vides : {ids}."}, "en": {"k": "{n} empty: {ids}."}}
    >>> check_rows(pd.DataFrame({"id": ["A", "B"]}), np.array([False, True]), "id", table, "k")
    Traceback (most recent call last):
    ...
    avs_geo.errors.GeometryError: 1 lignes vides : 'B'.
    """
    if bad.any():
        ids = format_ids(ids_of(gdf, bad, id_column))
        raise GeometryError(message(table, key, n=int(bad.sum()), ids=ids, **values))


def check_unique(values: pd.Series, name: str, column: str, *, fix: str = ".") -> None:
    """Raise :class:`DuplicateIdError` naming the ids of ``values`` that appear twice.

    Examples
    --------
    >>> import pandas as pd
    >>> check_unique(pd.Series(["A", "B", "A"]), "zones", "structure_id")
    Traceback (most recent call last):
    ...
    avs_geo.errors.DuplicateIdError: 'zones' a des valeurs de structure_id en double : 'A'. ...
    """
    dup = values.duplicated(keep=False).to_numpy()
    if dup.any():
        ids = format_ids(sorted(set(values[dup].astype(str))))
        raise DuplicateIdError(
            message(MESSAGES, "duplicate_ids", name=name, column=column, ids=ids, fix=fix)
        )


def check_present(
    gdf: gpd.GeoDataFrame, name: str, *, id_column: str | None = None, fix: str
) -> None:
    """Raise :class:`GeometryError` naming the rows whose geometry is empty or missing."""
    geoms = gdf.geometry.to_numpy()
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    check_rows(gdf, missing, id_column, MESSAGES, "empty_geometries", name=name, fix=fix)


def check_suffix(
    path: str | os.PathLike[str], suffix: str, *, writer: str, kind: str | None = None
) -> Path:
    """``path`` as a Path if it ends with ``suffix``, else a :class:`ParameterError`."""
    target = Path(path)
    if target.suffix.lower() != suffix:
        raise ParameterError(
            message(
                MESSAGES,
                "wrong_suffix",
                writer=writer,
                suffix=suffix,
                kind=kind or message(MESSAGES, "files"),
                path=str(target),
                got=target.suffix or message(MESSAGES, "no_suffix"),
            )
        )
    return target


def check_polygons(gdf: gpd.GeoDataFrame, name: str, *, id_column: str | None = None) -> None:
    """Raise if geometries are missing, empty, or not (multi)polygons; name the ids."""
    check_present(
        gdf,
        name,
        id_column=id_column,
        fix=message(MESSAGES, "no_polygon_fix"),
    )
    geoms = gdf.geometry.to_numpy()
    type_ids = shapely.get_type_id(geoms)
    not_poly = ~np.isin(type_ids, (3, 6))
    kinds = ", ".join(_TYPE_NAMES.get(k, str(k)) for k in sorted(set(type_ids[not_poly].tolist())))
    check_rows(gdf, not_poly, id_column, MESSAGES, "not_polygons", name=name, kinds=kinds)


def repair_geometries(
    gdf: gpd.GeoDataFrame, name: str, *, id_column: str | None = None
) -> tuple[gpd.GeoDataFrame, list[object]]:
    """Return a copy with invalid polygons repaired by ``make_valid`` and the repaired ids.

    Warns with :class:`AvsGeoWarning` naming the ids. Only the polygonal part of the
    repair is kept (a bow-tie becomes two triangles; a collapsed spike is dropped).
    """
    geoms = gdf.geometry.to_numpy()
    invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    if not invalid.any():
        return gdf, []
    fixed = shapely.make_valid(geoms[invalid], method="structure", keep_collapsed=False)
    fixed = np.array([_polygonal_part(g) for g in fixed], dtype=object)
    out = gdf.copy()
    values = out.geometry.to_numpy().copy()
    values[invalid] = fixed
    out = out.set_geometry(gpd.GeoSeries(values, index=out.index, crs=out.crs))
    repaired = ids_of(gdf, invalid, id_column)
    warnings.warn(
        message(MESSAGES, "repaired", n=len(repaired), name=name, ids=format_ids(repaired)),
        AvsGeoWarning,
        stacklevel=3,
    )
    return out, repaired


def _polygonal_part(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep the polygons of a repaired geometry (a collection may hold stray lines)."""
    if shapely.get_type_id(geom) in (3, 6):
        return geom
    parts = shapely.get_parts(geom)
    polys = [p for p in parts if shapely.get_type_id(p) in (3, 6)]
    return shapely.union_all(polys) if polys else shapely.Polygon()


def qpv_generations(codes: Iterable[object]) -> dict[str, int]:
    """How many QPV codes of each generation: ``{"2015": n_QP, "2024": n_QN}``.

    Examples
    --------
    >>> qpv_generations(["QP031001", "QN03101M", "QP031002"])
    {'2015': 2, '2024': 1}
    """
    found = dict.fromkeys(QPV_GENERATIONS.values(), 0)
    for code in codes:
        generation = qpv_generation(code)
        if generation is not None:
            found[generation] += 1
    return found


def mixed_generations_message(codes: Iterable[object], name: str) -> str | None:
    """The error text when ``codes`` mix 2015 (QP) and 2024 (QN) QPV codes, else None."""
    found = qpv_generations(codes)
    if found["2015"] and found["2024"]:
        return message(
            MESSAGES, "mixed_generations", name=name, n2015=found["2015"], n2024=found["2024"]
        )
    return None


def as_str_ids(values: Iterable[object]) -> list[str]:
    """Ids as strings, keeping ``'01'`` as ``'01'`` (never int)."""
    return [str(v) for v in values]
