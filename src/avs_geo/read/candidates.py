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

from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from avs_geo._codes import split_codes
from avs_geo._validate import LAMBERT_93, check_geodataframe
from avs_geo.errors import (
    DuplicateIdError,
    GeometryError,
    InputTypeError,
    ParameterError,
    SchemaError,
    format_ids,
)
from avs_geo.read._cells import (
    duplicated,
    parse_coordinates,
    parse_ids,
    parse_radii,
    shown_cells,
)
from avs_geo.read._files import (
    TABLE_SUFFIXES,
    PathLike,
    SheetPath,
    describe_columns,
    existing_path,
    read_sheet,
    read_vector,
    shifted_problem,
)
from avs_geo.read._geo import to_target_crs
from avs_geo.read._problems import Problems
from avs_geo.read._vocabulary import VOCABULARY, ColumnReport, match_headers, warn_unused
from avs_geo.read.communes import INSEE_CODE

__all__ = ["CANDIDATE_COLUMNS", "as_candidates", "load_candidates"]

CANDIDATE_COLUMNS: tuple[str, ...] = ("candidat_id", "nom", "zone_communes", "zone_rayon_m")
"""Columns of a normalised candidate frame (before the geometry)."""

_ALIASES: dict[str, tuple[str, ...]] = VOCABULARY["candidates"]
_FRAME = "Tableau 'candidates'"
_CODES = "Liste des communes candidates"


def load_candidates(
    path: PathLike | SheetPath,
    *,
    sheet: str | int | None = None,
    crs: str | CRS | None = None,
    header_row: int | None = None,
    columns: Mapping[str, str] | None = None,
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
        Sheet of an Excel workbook; by default the sheet whose header holds the most
        known column names.
    crs
        The working CRS of the result; None (default): the official projection of the
        candidates' territory (Lambert-93 in metropolitan France), as for
        :func:`avs_geo.load_qpv`.
    header_row
        Spreadsheet line of the header; by default found among the first 15 lines.
    columns
        Your own reading of headers, ``{header: standard column}``.

    Notes
    -----
    A ``commune`` (or ``code_insee``) column is the town of the site, not its zone,
    when the candidates have coordinates; without coordinates it lists commune
    candidates.

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
    if isinstance(path, SheetPath):
        sheet = path.sheet if sheet is None else sheet
        header_row = path.header_row if header_row is None else header_row
    source = existing_path(path, what="candidates")
    name = f"Fichier des candidats '{source}'"
    if source.suffix.lower() in TABLE_SUFFIXES:
        read = read_sheet(
            source, what="des candidats", kind="candidates", sheet=sheet, header_row=header_row
        )
        shifted_problem(read.shifted, source, "des candidats")
        raw: pd.DataFrame = read.frame
        lines = read.lines
    else:
        raw = read_vector(source, what="candidates")
        lines = np.arange(len(raw)) + 2
    mapping = match_headers(raw.columns, "candidates", columns=columns, source=source)
    df = raw.rename(columns=mapping)
    report = ColumnReport(
        file=str(source),
        used={role: header for header, role in mapping.items()},
        unused=tuple(c for c in raw.columns if c not in mapping and c != "geometry"),
    )
    warn_unused(raw, report, name, "candidates")
    df = _commune_as_zone(df)
    _require_id(df, name)
    has_latlon = {"lat", "lon"} <= set(df.columns)
    is_geo = isinstance(df, gpd.GeoDataFrame) and not has_latlon
    if not is_geo and not has_latlon and "zone_communes" not in df:
        raise SchemaError(
            f"{name} ne situe aucun candidat : il faut les colonnes lat et lon (degrés "
            "WGS84), une géométrie point ou polygone, ou zone_communes (codes INSEE) ; "
            f"colonnes présentes : {describe_columns(raw)}."
        )
    problems = Problems(source=name, file=str(source))
    base = _normalise(
        pd.DataFrame(df.drop(columns="geometry", errors="ignore")), name, lines, problems
    )
    if is_geo:
        problems.raise_if_any()
        geo = gpd.GeoDataFrame(base, geometry=df.geometry.to_numpy(copy=True), crs=df.crs)
        geo = to_target_crs(geo, path=source, crs=crs, what="candidates", id_column="candidat_id")
    elif has_latlon:
        geo = _points_from_latlon(base, df, name, source, crs, lines, problems)
    else:
        problems.raise_if_any()
        geo = gpd.GeoDataFrame(base, geometry=[None] * len(base), crs=CRS(crs or LAMBERT_93))
    _check_located(geo, name)
    return geo


def _commune_as_zone(df: pd.DataFrame) -> pd.DataFrame:
    """A ``commune`` column is the town of the site; it is the zone only for a list of
    commune candidates (no coordinates, no geometry, no zone_communes column)."""
    if "commune" not in df.columns or "zone_communes" in df.columns:
        return df
    located = {"lat", "lon"} <= set(df.columns) or isinstance(df, gpd.GeoDataFrame)
    return df if located else df.rename(columns={"commune": "zone_communes"})


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
        df = _commune_as_zone(gdf.rename(columns=match_headers(gdf.columns, "candidates")))
        _require_id(df, _FRAME)
        base = _checked(pd.DataFrame(df.drop(columns=df.geometry.name)), _FRAME)
        out = gpd.GeoDataFrame(base, geometry=gdf.geometry.to_numpy(copy=True), crs=gdf.crs)
    elif isinstance(candidates, pd.DataFrame):
        df = _commune_as_zone(
            candidates.rename(columns=match_headers(candidates.columns, "candidates"))
        )
        _require_id(df, _FRAME)
        base = _checked(pd.DataFrame(df), _FRAME)
        if {"lat", "lon"} <= set(df.columns):
            problems = Problems(source=_FRAME)
            lines = np.arange(len(df)) + 2
            out = _points_from_latlon(base, df, _FRAME, Path("candidates"), crs, lines, problems)
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


def _checked(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """:func:`_normalise` for a frame: lines are the rows plus 2, problems raised at once."""
    problems = Problems(source=name)
    out = _normalise(df, name, np.arange(len(df)) + 2, problems)
    problems.raise_if_any()
    return out


def _normalise(df: pd.DataFrame, name: str, lines: np.ndarray, problems: Problems) -> pd.DataFrame:
    """Ids as str (unique), ``nom`` (the id when missing), codes as tuples, radius as float.

    Columns are copied (``to_numpy(copy=True)``): with pandas 3 a frame built from
    ``Series.to_numpy()`` can share its buffer with the caller's frame, and writing into
    the result would then change the input.
    """
    cells = parse_ids(df["candidat_id"])
    problems.add(
        problem="ligne sans identifiant",
        column="candidat_id",
        fix="Donnez un identifiant à chaque candidat.",
        lines=lines[cells.bad],
        values=df["candidat_id"].to_numpy(dtype=object)[cells.bad],
    )
    repeated = duplicated(cells.values)
    problems.add(
        problem="identifiant répété",
        column="candidat_id",
        fix="Chaque candidat a besoin de son propre identifiant ; fusionnez les doublons.",
        lines=lines[repeated],
        values=cells.values[repeated],
        error=DuplicateIdError,
    )
    ids = np.where(cells.bad, [f"ligne {n}" for n in lines], cells.values)
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
    out.insert(2, "zone_communes", _codes(df, ids, lines, problems))
    radius = np.full(len(df), np.nan)
    if "zone_rayon_m" in df.columns:
        radii = parse_radii(df["zone_rayon_m"])
        problems.add(
            problem="rayon qui n'est pas un nombre de mètres supérieur à 0",
            column="zone_rayon_m",
            fix="Écrivez le rayon en mètres, supérieur à 0 (ex. 500, 1 000 ou 250,5), ou "
            "laissez la cellule vide.",
            lines=lines[radii.bad],
            values=df["zone_rayon_m"].to_numpy(dtype=object)[radii.bad],
            ids=ids[radii.bad],
        )
        radius = radii.values
    out.insert(3, "zone_rayon_m", radius)
    return out


def _codes(df: pd.DataFrame, ids: np.ndarray, lines: np.ndarray, problems: Problems) -> pd.Series:
    if "zone_communes" not in df.columns:
        return pd.Series([()] * len(df), dtype=object)
    out, wrong = [], []
    for pos, value in enumerate(df["zone_communes"].to_numpy()):
        codes = split_codes(value, pad_insee=True)
        if [c for c in codes if not INSEE_CODE.match(c)]:
            wrong.append(pos)
        out.append(tuple(dict.fromkeys(codes)))
    problems.add(
        problem="codes INSEE mal formés",
        column="zone_communes",
        fix="Écrivez les codes de 5 caractères séparés par ';', par ex. '31555;31069' (gardez "
        "le zéro initial).",
        lines=lines[wrong],
        values=df["zone_communes"].to_numpy(dtype=object)[wrong],
        ids=ids[wrong],
    )
    return pd.Series(out, dtype=object)


def _points_from_latlon(
    base: pd.DataFrame,
    df: pd.DataFrame,
    name: str,
    source: Path,
    crs: object,
    lines: np.ndarray,
    problems: Problems,
) -> gpd.GeoDataFrame:
    coords = parse_coordinates(df["lat"], df["lon"])
    has_codes = base["zone_communes"].map(len).gt(0).to_numpy()
    ids = base["candidat_id"].to_numpy(dtype=object)
    unusable = coords.bad | (coords.missing & ~has_codes)
    problems.add(
        problem="candidat sans lat/lon ou avec une lat/lon non numérique",
        column="lat/lon",
        fix="Donnez des degrés WGS84, par ex. lat 43.6045, lon 1.4440, ou des communes.",
        lines=lines[unusable],
        values=df["lat"].to_numpy(dtype=object)[unusable],
        ids=ids[unusable],
        error=GeometryError,
    )
    for mask, problem, fix in (
        (
            coords.out_of_range,
            "lat/lon qui ne sont pas des degrés (latitude de -90 à 90, longitude de -180 à 180)",
            "Des mètres (Lambert-93) ? Donnez des degrés WGS84, ou un GeoPackage avec son "
            "système de coordonnées.",
        ),
        (
            coords.swapped,
            "lat et lon inversées sur cette ligne (en France la latitude va de 41 à 51 et la "
            "longitude de -5 à 10)",
            "Échangez lat et lon sur ces lignes seulement.",
        ),
    ):
        problems.add(
            problem=problem,
            column="lat/lon",
            fix=fix,
            lines=lines[mask],
            values=[f"{a}, {o}" for a, o in zip(coords.lat[mask], coords.lon[mask], strict=True)],
            ids=ids[mask],
            error=GeometryError,
        )
    problems.raise_if_any()
    empty = coords.missing
    points = np.where(
        empty,
        None,
        shapely.points(np.where(empty, 0.0, coords.lon), np.where(empty, 0.0, coords.lat)),
    )
    geo = gpd.GeoDataFrame(base, geometry=list(points), crs="EPSG:4326")
    return to_target_crs(
        geo, path=source, crs=None if crs is None else CRS(crs), what="candidates",
        id_column="candidat_id",
    )  # fmt: skip


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
    out = _checked(frame, _CODES)
    if communes is not None and "nom" in communes.columns:
        names = dict(
            zip(communes["code_insee"].astype(str), communes["nom"].astype(str), strict=True)
        )
        out["nom"] = [names.get(c, c) for c in out["candidat_id"]]
    return gpd.GeoDataFrame(out, geometry=[None] * len(out), crs=CRS(crs))
