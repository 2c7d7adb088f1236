"""Open the files planners have: vector layers and tables, with clear errors.

Vector layers (GeoJSON, GeoPackage, shapefile, zipped shapefile) go through pyogrio;
tables (CSV in UTF-8 or Latin-1 with ``,`` ``;`` or tab, Excel) through pandas.
Every error names the file and says what to do.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from avs_geo._optional import require
from avs_geo._paths import literal_copy
from avs_geo.errors import InputFileError, MissingFileError, SchemaError, format_ids
from avs_geo.read._geo import check_coordinates

__all__ = [
    "TABLE_SUFFIXES",
    "VECTOR_SUFFIXES",
    "PathLike",
    "describe_columns",
    "existing_path",
    "read_table",
    "read_vector",
    "rename_columns",
    "simplify_name",
    "unnamed_columns",
]

PathLike = str | Path

VECTOR_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".zip", ".fgb"}
TABLE_SUFFIXES = {".csv", ".txt", ".xlsx", ".xlsm"}


def existing_path(path: PathLike, *, what: str) -> Path:
    """Return ``path`` as a Path if the file exists, else raise naming it."""
    p = Path(path).expanduser()
    if not p.exists():
        raise MissingFileError(
            f"{what} file not found: '{p}'. Check the path (current folder: '{Path.cwd()}')."
        )
    if p.is_dir() and p.suffix.lower() != ".gdb":
        raise InputFileError(
            f"'{p}' is a folder; give the {what} file itself (.geojson, .gpkg, .shp, .zip, "
            ".csv, .xlsx)."
        )
    return p


def read_vector(path: Path, *, what: str, layer: str | int | None = None) -> gpd.GeoDataFrame:
    """Read a vector layer with pyogrio; a zipped shapefile is read in place."""
    try:
        with literal_copy(path) as plain:  # never read as a GDAL virtual path ('!', /vsi)
            source = f"zip://{plain}" if plain.suffix.lower() == ".zip" else str(plain)
            gdf = gpd.read_file(source, layer=layer, engine="pyogrio")
    except Exception as exc:  # pyogrio raises DataSourceError, DataLayerError, ...
        raise InputFileError(
            f"Cannot read the {what} file '{path}' as a vector layer ({exc}). Expected a "
            "GeoJSON, GeoPackage, shapefile (with its .shx/.dbf/.prj) or a zipped shapefile."
        ) from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf.columns:
        raise InputFileError(
            f"Le fichier {what} '{path}' n'a pas de géométrie (un tableau, CSV ou Excel ?) : "
            "donnez une couche de contours (GeoJSON, GeoPackage, shapefile ou shapefile zippé).",
            file=path,
        )
    if len(gdf) == 0:
        raise InputFileError(f"The {what} file '{path}' holds no feature (empty layer).")
    check_coordinates(gdf, path=path, what=what)
    return gdf


def read_table(path: Path, *, what: str, sheet: str | int = 0) -> pd.DataFrame:
    """Read a CSV (encoding and separator detected) or an Excel sheet, all cells as text.

    CSV: UTF-8 (with or without BOM) first, then Windows-1252/Latin-1, the encodings of
    French spreadsheets; separator ``;``, ``,`` or tab, sniffed from the header line.
    """
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        require("openpyxl", extra="excel")
        try:
            df = pd.read_excel(path, sheet_name=sheet, dtype=object, engine="openpyxl")
        except Exception as exc:
            raise InputFileError(
                f"Cannot read the {what} file '{path}' as an Excel workbook ({exc}). "
                "Save it again as .xlsx, or export the sheet to CSV."
            ) from exc
    else:
        raw = path.read_bytes()
        text = _decode(raw)
        if not text.strip():
            raise InputFileError(f"The {what} file '{path}' is empty.")
        sep = _sniff_separator(text)
        try:
            df = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""]
            )
        except Exception as exc:
            raise InputFileError(
                f"Cannot read the {what} file '{path}' as CSV ({exc}). Expected one header "
                "line and one row per item, separated by ';' or ','."
            ) from exc
    df.columns = [str(c).strip() for c in df.columns]
    df = df.dropna(how="all")
    if len(df) == 0:
        raise InputFileError(f"The {what} file '{path}' holds a header but no row.")
    return df.reset_index(drop=True)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="strict") if _is_cp1252(raw) else raw.decode("latin-1")


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _sniff_separator(text: str) -> str:
    header = text.splitlines()[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=";,\t").delimiter
    except csv.Error:
        return max(";,\t", key=header.count) if any(c in header for c in ";,\t") else ","


def simplify_name(name: str) -> str:
    """Column or label folded for matching: lower case, no accents, ``_`` for spaces.

    Examples
    --------
    >>> simplify_name("  Date d'agrément ")
    'date_d_agrement'
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def rename_columns(
    df: pd.DataFrame, aliases: Mapping[str, Sequence[str]], *, source: object = None
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rename the columns that match an alias (case and accents ignored).

    Returns the renamed copy and the mapping ``{original: standard}`` that was applied.
    The first alias found wins; a standard name already present is kept as is.

    Raises
    ------
    SchemaError
        Two headers differ only by case or accents (``nom`` and ``Nom``, ``lat`` and
        ``LAT``) and name a column avs_geo reads: which one to take is the planner's call.
    """
    known = {simplify_name(n) for standard, names in aliases.items() for n in (standard, *names)}
    same: dict[str, list[str]] = {}
    for column in df.columns:
        if column != "geometry" and simplify_name(column) in known:
            same.setdefault(simplify_name(column), []).append(str(column))
    clashes = [names for names in same.values() if len(names) > 1]
    if clashes:
        where = f"Le fichier '{source}'" if source is not None else "Le tableau"
        pairs = " ; ".join(" et ".join(repr(n) for n in names) for names in clashes)
        raise SchemaError(
            f"{where} a des colonnes qui ne diffèrent que par les majuscules ou les accents "
            f"({pairs}) : avs_geo ne peut pas choisir. Gardez une seule de ces colonnes, ou "
            "renommez l'autre (par exemple en ajoutant _2).",
            file=None if source is None else str(source),
            columns=[n for names in clashes for n in names],
        )
    folded = {simplify_name(c): c for c in df.columns if c != "geometry"}
    mapping: dict[str, str] = {}
    for standard, names in aliases.items():
        for candidate in (standard, *names):
            original = folded.get(simplify_name(candidate))
            if original is not None and original not in mapping:
                mapping[original] = standard
                break
    renamed = df.rename(columns=mapping)
    return renamed, mapping


def unnamed_columns(df: pd.DataFrame) -> list[str]:
    """Header cells left empty (merged cells in Excel give 'Unnamed: 3')."""
    return [c for c in df.columns if str(c).startswith("Unnamed:") or str(c).strip() == ""]


def describe_columns(df: pd.DataFrame) -> str:
    return format_ids([str(c) for c in df.columns if c != "geometry"], limit=40)
