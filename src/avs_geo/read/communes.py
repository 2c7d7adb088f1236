"""Read commune contours (IGN Admin Express and its derivatives) into one schema."""

from __future__ import annotations

import re
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from avs_geo._codes import departement_codes
from avs_geo._validate import LAMBERT_93, check_polygons, repair_geometries
from avs_geo.datasets import COMMUNE_FILES_BY_DEPARTEMENT, OCCITANIE_DEPARTEMENTS, get_path
from avs_geo.errors import DuplicateIdError, ParameterError, SchemaError, format_ids
from avs_geo.read._files import (
    PathLike,
    describe_columns,
    existing_path,
    read_vector,
    rename_columns,
)
from avs_geo.read._geo import to_target_crs

__all__ = [
    "INSEE_CODE",
    "departement_of_commune",
    "load_communes",
]

_ALIASES: dict[str, tuple[str, ...]] = {
    "code_insee": ("code", "INSEE_COM", "insee_com", "codgeo", "code_commune", "com", "depcom"),
    "nom": ("NOM_COM", "nom_com", "libgeo", "nom_commune", "libelle", "NOM"),
    "departement": ("INSEE_DEP", "insee_dep", "code_dep", "dep", "code_departement"),
}
INSEE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def departement_of_commune(code: str) -> str:
    """Department of an INSEE commune code: ``'59350'`` -> ``'59'``, ``'97411'`` -> ``'974'``.

    Examples
    --------
    >>> departement_of_commune("2A004"), departement_of_commune("97105")
    ('2A', '971')
    """
    return code[:3] if code.startswith("97") else code[:2]


def load_communes(
    path: PathLike | None = None,
    *,
    departement: str | Iterable[str] | None = None,
    layer: str | int | None = None,
    crs: str | CRS = LAMBERT_93,
) -> gpd.GeoDataFrame:
    """Read commune contours with their INSEE code, in Lambert-93.

    Parameters
    ----------
    path
        A GeoJSON, GeoPackage, shapefile or zipped shapefile of communes (IGN Admin
        Express ``INSEE_COM``/``NOM``, or ``code``/``nom``). ``None`` reads the embedded
        2018 communes of Occitanie and of the Nord, Pas-de-Calais and Val-d'Oise.
    departement
        Keep the communes of these departments (``"59"`` or ``["31", "34"]``); with the
        embedded data only the needed files are read.
    layer
        Layer name for a GeoPackage holding several layers.
    crs
        Projected CRS of the result.

    Returns
    -------
    geopandas.GeoDataFrame
        ``code_insee`` (str, unique), ``nom``, ``departement`` and geometry.

    Examples
    --------
    >>> nord = load_communes(departement="59")
    >>> len(nord), nord.crs.to_epsg()
    (648, 2154)
    >>> nord.loc[nord.code_insee == "59350", "nom"].item()
    'Lille'
    """
    wanted = None if departement is None else departement_codes(departement)
    if path is None:
        frames = [
            _read_one(get_path(name), layer=None, crs=crs) for name in _embedded_files(wanted)
        ]
        gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
        source = "embedded communes"
    else:
        source = str(path)
        gdf = _read_one(existing_path(path, what="communes"), layer=layer, crs=crs)
    _check_unique(gdf, source)
    if wanted is not None:
        kept = gdf[gdf["departement"].isin(wanted)]
        if len(kept) == 0:
            have = sorted(gdf["departement"].unique())
            raise ParameterError(
                f"No commune of departement {format_ids(wanted)} in '{source}'; it holds "
                f"{format_ids(have)}."
            )
        gdf = kept.reset_index(drop=True)
    return gdf


def _embedded_files(wanted: list[str] | None) -> list[str]:
    if wanted is None:
        return ["communes_occitanie", *COMMUNE_FILES_BY_DEPARTEMENT.values()]
    names = [COMMUNE_FILES_BY_DEPARTEMENT[d] for d in wanted if d in COMMUNE_FILES_BY_DEPARTEMENT]
    if any(d in OCCITANIE_DEPARTEMENTS for d in wanted):
        names.insert(0, "communes_occitanie")
    unknown = [
        d
        for d in wanted
        if d not in COMMUNE_FILES_BY_DEPARTEMENT and d not in OCCITANIE_DEPARTEMENTS
    ]
    if unknown:
        have = sorted([*OCCITANIE_DEPARTEMENTS, *COMMUNE_FILES_BY_DEPARTEMENT])
        raise ParameterError(
            f"The embedded communes do not cover departement {format_ids(unknown)}; they cover "
            f"{format_ids(have)}. Give the path of an IGN Admin Express file for the others."
        )
    return names


def _read_one(path: PathLike, *, layer: str | int | None, crs: str | CRS) -> gpd.GeoDataFrame:
    raw = read_vector(existing_path(path, what="communes"), what="communes", layer=layer)
    gdf, _ = rename_columns(raw, _ALIASES)
    if "code_insee" not in gdf.columns:
        raise SchemaError(
            f"The communes file '{path}' has no INSEE code column (expected code_insee, "
            f"INSEE_COM or code); it has {describe_columns(raw)}."
        )
    codes = gdf["code_insee"].astype("string").str.strip().str.upper()
    codes = codes.where(~codes.str.fullmatch(r"\d{4}").fillna(False), codes.str.zfill(5))
    bad = sorted({str(c) for c in codes if pd.isna(c) or not INSEE_CODE.match(str(c))})
    if bad:
        raise SchemaError(
            f"The communes file '{path}' holds codes that are not INSEE commune codes "
            f"(5 characters, e.g. '59350', '2A004') in column code_insee: {format_ids(bad)}."
        )
    gdf = gdf.assign(code_insee=codes)
    if "nom" not in gdf.columns:
        gdf["nom"] = gdf["code_insee"]
    gdf["nom"] = gdf["nom"].astype("string")
    gdf["departement"] = gdf["code_insee"].map(departement_of_commune).astype("string")
    check_polygons(gdf, f"communes file {path}", id_column="code_insee")
    gdf, _ = repair_geometries(gdf, f"communes file {path}", id_column="code_insee")
    gdf = to_target_crs(gdf, path=path, crs=crs, what="communes", id_column="code_insee")
    gdf, _ = repair_geometries(
        gdf, f"communes file {path} (after reprojection)", id_column="code_insee"
    )
    return gpd.GeoDataFrame(
        gdf[["code_insee", "nom", "departement", "geometry"]], geometry="geometry", crs=gdf.crs
    )


def _check_unique(gdf: pd.DataFrame, source: str) -> None:
    dup = gdf.loc[gdf["code_insee"].duplicated(keep=False), "code_insee"]
    if len(dup):
        raise DuplicateIdError(
            f"'{source}' holds {dup.nunique()} INSEE codes more than once: "
            f"{format_ids(sorted(dup.unique()))}. Dissolve the pieces of a commune into one "
            "feature (geopandas: gdf.dissolve('code_insee'))."
        )
