"""Read candidate sites for a new EVS or centre social into one normalised frame.

Planners come with what they have: a list of places (a room offered by a city, a
school) as a CSV with latitude/longitude or a GeoJSON; communes asking for an EVS (INSEE
codes, one candidate per commune or a list of communes per candidate). The normalised
candidate frame has ``candidat_id`` (str, unique), ``nom``, ``zone_communes`` (tuple of
INSEE codes), ``zone_rayon_m`` (metres, NaN when none) and the location (Point), or the
drawn zone (Polygon/MultiPolygon), as geometry; a candidate made of communes only has
an empty geometry until its zone is built (:func:`avs_geo.sites.candidate_zones`).

Cells are read by the same parsers as the structures file (``avs_geo.read._cells``):
ids, numbers with a French decimal comma, radii greater than 0, WGS84 coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from avs_geo._codes import split_codes
from avs_geo._validate import LAMBERT_93, check_geodataframe
from avs_geo.errors import (
    GeometryError,
    InputTypeError,
    ParameterError,
    SchemaError,
    format_ids,
)
from avs_geo.read._cells import (
    check_coordinates,
    check_ids,
    check_radii,
    parse_coordinates,
    parse_ids,
    shown_cells,
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
from avs_geo.read._geo import to_target_crs
from avs_geo.read.communes import INSEE_CODE

__all__ = ["CANDIDATE_COLUMNS", "as_candidates", "load_candidates"]

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
_FRAME = "Tableau 'candidates'"
_CODES = "Liste des communes candidates"


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
        point, greater than 0). A table with ``zone_communes`` and no coordinates is a
        list of commune candidates.
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
        Coordinates not numbers, outside France, swapped, or a layer without CRS.

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
    df, _ = rename_columns(raw, _ALIASES, source=source)
    name = f"Fichier des candidats '{source}'"
    _require_id(df, name)
    has_latlon = {"lat", "lon"} <= set(df.columns)
    is_geo = isinstance(df, gpd.GeoDataFrame) and not has_latlon
    if not is_geo and not has_latlon and "zone_communes" not in df:
        raise SchemaError(
            f"{name} ne situe aucun candidat : il faut les colonnes lat et lon (degrés "
            "WGS84), une géométrie point ou polygone, ou zone_communes (codes INSEE) ; "
            f"colonnes présentes : {describe_columns(raw)}."
        )
    base = _normalise(pd.DataFrame(df.drop(columns="geometry", errors="ignore")), name)
    if is_geo:
        geo = gpd.GeoDataFrame(base, geometry=df.geometry.to_numpy(copy=True), crs=df.crs)
        geo = to_target_crs(geo, path=source, crs=crs, what="candidates", id_column="candidat_id")
    elif has_latlon:
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
        _require_id(df, _FRAME)
        base = _normalise(pd.DataFrame(df.drop(columns=df.geometry.name)), _FRAME)
        out = gpd.GeoDataFrame(base, geometry=gdf.geometry.to_numpy(copy=True), crs=gdf.crs)
    elif isinstance(candidates, pd.DataFrame):
        df, _ = rename_columns(candidates, _ALIASES)
        _require_id(df, _FRAME)
        base = _normalise(pd.DataFrame(df), _FRAME)
        if {"lat", "lon"} <= set(df.columns):
            out = _points_from_latlon(base, df, _FRAME, Path("candidates"), crs)
        elif "zone_communes" in df.columns:
            out = gpd.GeoDataFrame(base, geometry=[None] * len(base), crs=CRS(crs))
        else:
            raise SchemaError(
                f"{_FRAME} : un DataFrame sans localisation ; donnez lat et lon (degrés "
                "WGS84) ou zone_communes (codes INSEE), ou passez un GeoDataFrame. "
                f"Colonnes présentes : {describe_columns(df)}."
            )
    elif isinstance(candidates, Sequence | pd.Series | pd.Index | np.ndarray):
        out = _from_codes(list(candidates), crs=crs, communes=communes)
    else:
        raise InputTypeError(
            "'candidates' doit être un GeoDataFrame de points ou de polygones, un chemin de "
            "fichier, un DataFrame avec lat/lon ou zone_communes, ou une liste de codes "
            f"INSEE ; reçu : {type(candidates).__name__}."
        )
    if len(out) == 0:
        raise ParameterError("'candidates' ne contient aucun candidat : rien à évaluer.")
    _check_located(out, _FRAME)
    return out


# ------------------------------------------------------------------------ helpers


def _require_id(df: pd.DataFrame, name: str) -> None:
    if "candidat_id" not in df.columns:
        raise SchemaError(
            f"{name} : il manque la colonne candidat_id (ou id, identifiant) ; colonnes "
            f"présentes : {describe_columns(df)}. Donnez un identifiant à chaque candidat : "
            "les choix de sites les nomment par leur identifiant."
        )


def _normalise(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Ids as str (unique), ``nom`` (the id when missing), codes as tuples, radius as float.

    Columns are copied (``to_numpy(copy=True)``): with pandas 3 a frame built from
    ``Series.to_numpy()`` can share its buffer with the caller's frame, and writing into
    the result would then change the input.
    """
    ids = check_ids(df["candidat_id"], source=name, name="candidat_id", noun="candidat")
    out = pd.DataFrame(
        {
            c: df[c].to_numpy(copy=True)
            for c in df.columns
            if c not in (*CANDIDATE_COLUMNS, "lat", "lon")
        }
    )
    out.insert(0, "candidat_id", ids)
    given = df["nom"].to_numpy() if "nom" in df.columns else ids
    nom = pd.Series(given, dtype=object).where(pd.notna(given), ids)
    out.insert(1, "nom", nom.astype(str).str.strip().to_numpy())
    out.insert(2, "zone_communes", _codes(df, name, ids))
    radius = (
        check_radii(df["zone_rayon_m"], source=name, ids=ids)
        if "zone_rayon_m" in df.columns
        else np.full(len(df), np.nan)
    )
    out.insert(3, "zone_rayon_m", radius)
    return out


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
            f"{name} : codes INSEE mal formés dans la colonne zone_communes : {shown}. "
            "Écrivez les codes de 5 caractères séparés par ';', par ex. '31555;31069' "
            "(gardez le zéro initial)."
        )
    return pd.Series(out, dtype=object)


def _points_from_latlon(
    base: pd.DataFrame, df: pd.DataFrame, name: str, source: Path, crs: object
) -> gpd.GeoDataFrame:
    coords = parse_coordinates(df["lat"], df["lon"])
    has_codes = base["zone_communes"].map(len).gt(0).to_numpy()
    check_coordinates(
        coords,
        source=name,
        ids=base["candidat_id"].to_numpy(),
        noun="candidat",
        may_be_missing=has_codes,
    )
    empty = coords.missing
    points = np.where(
        empty,
        None,
        shapely.points(np.where(empty, 0.0, coords.lon), np.where(empty, 0.0, coords.lat)),
    )
    geo = gpd.GeoDataFrame(base, geometry=list(points), crs="EPSG:4326")
    return to_target_crs(geo, path=source, crs=CRS(crs), what="candidates", id_column="candidat_id")


def _check_located(gdf: gpd.GeoDataFrame, name: str) -> None:
    geoms = np.asarray(gdf.geometry.to_numpy(), dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    has_codes = gdf["zone_communes"].map(len).gt(0).to_numpy()
    ids = gdf["candidat_id"].to_numpy()
    if (missing & ~has_codes).any():
        raise GeometryError(
            f"{name} : des candidats n'ont ni localisation ni zone_communes "
            f"({shown_cells(missing & ~has_codes, ids=ids)}). Donnez un point, un polygone "
            "ou des communes."
        )
    kinds = shapely.get_type_id(geoms)
    wrong = ~missing & ~np.isin(kinds, (0, 3, 6))
    if wrong.any():
        raise GeometryError(
            f"{name} devrait contenir des points ou des polygones, mais les candidats "
            f"{format_ids(ids[wrong])} ont d'autres géométries (lignes, collections)."
        )


def _from_codes(
    codes: list[object], *, crs: object, communes: gpd.GeoDataFrame | None
) -> gpd.GeoDataFrame:
    cells = parse_ids(pd.Series(codes, dtype=object))
    if cells.bad.any():
        raise SchemaError(
            f"{_CODES} : des codes sont vides (positions "
            f"{', '.join(str(i) for i in np.flatnonzero(cells.bad))} de la liste)."
        )
    texts = cells.values.tolist()
    frame = pd.DataFrame({"candidat_id": texts, "zone_communes": texts})
    out = _normalise(frame, _CODES)
    if communes is not None and "nom" in communes.columns:
        names = dict(
            zip(communes["code_insee"].astype(str), communes["nom"].astype(str), strict=True)
        )
        out["nom"] = [names.get(c, c) for c in out["candidat_id"]]
    return gpd.GeoDataFrame(out, geometry=[None] * len(out), crs=CRS(crs))
