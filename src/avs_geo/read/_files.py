"""Open the files planners have: vector layers and tables, with clear errors.

Vector layers (GeoJSON, GeoPackage, shapefile, zipped shapefile) go through pyogrio;
tables (CSV in UTF-8 or Latin-1 with ``,`` ``;`` or tab, Excel) through pandas.
Every error names the file and says what to do.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from avs_geo._i18n.read import read_message
from avs_geo._optional import require
from avs_geo._paths import literal_copy
from avs_geo.errors import InputFileError, MissingFileError, SchemaError, format_ids
from avs_geo.read._geo import check_coordinates
from avs_geo.read._vocabulary import check_case_clashes, header_score

__all__ = [
    "TABLE_SUFFIXES",
    "VECTOR_SUFFIXES",
    "PathLike",
    "SheetPath",
    "SheetRead",
    "describe_columns",
    "existing_path",
    "read_sheet",
    "read_table",
    "read_vector",
    "rename_columns",
    "shifted_problem",
    "simplify_name",
    "unnamed_columns",
]


class SheetPath(os.PathLike[str]):
    """A table file with the sheet and header line to read (``--feuille``, ``--ligne-entete``).

    It is a path (``os.fspath`` gives the file), so the jobs take it wherever they take a
    file; :func:`avs_geo.load_structures` and :func:`avs_geo.load_candidates` read its
    ``sheet`` and ``header_row`` unless given their own.

    Examples
    --------
    >>> p = SheetPath("structures.xlsx", sheet="Liste", header_row=3)
    >>> os.fspath(p), p.sheet, p.header_row, Path(p).name
    ('structures.xlsx', 'Liste', 3, 'structures.xlsx')
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        sheet: str | int | None = None,
        header_row: int | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self.sheet = sheet
        self.header_row = header_row

    def __fspath__(self) -> str:
        return self.path

    def __repr__(self) -> str:
        return f"SheetPath({self.path!r}, sheet={self.sheet!r}, header_row={self.header_row!r})"


PathLike = str | Path

VECTOR_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".zip", ".fgb"}
TABLE_SUFFIXES = {".csv", ".txt", ".xlsx", ".xlsm"}


def existing_path(path: str | os.PathLike[str], *, what: str) -> Path:
    """Return ``path`` as a Path if the file exists, else raise naming it."""
    p = Path(path).expanduser()
    if not p.exists():
        raise MissingFileError(read_message("not_found", what=what, path=p, cwd=Path.cwd()), file=p)
    if p.is_dir() and p.suffix.lower() != ".gdb":
        raise InputFileError(read_message("folder", what=what, path=p), file=p)
    return p


def read_vector(path: Path, *, what: str, layer: str | int | None = None) -> gpd.GeoDataFrame:
    """Read a vector layer with pyogrio; a zipped shapefile is read in place."""
    try:
        with literal_copy(path) as plain:  # never read as a GDAL virtual path ('!', /vsi)
            source = f"zip://{plain}" if plain.suffix.lower() == ".zip" else str(plain)
            gdf = gpd.read_file(source, layer=layer, engine="pyogrio")
    except Exception as exc:  # pyogrio raises DataSourceError, DataLayerError, ...
        raise InputFileError(
            read_message("vector", what=what, path=path, exc=exc), file=path
        ) from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf.columns:
        raise InputFileError(read_message("no_geometry", what=what, path=path), file=path)
    if len(gdf) == 0:
        raise InputFileError(read_message("empty_layer", what=what, path=path), file=path)
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
                read_message("excel", what=what, path=path, exc=exc), file=path
            ) from exc
    else:
        raw = path.read_bytes()
        text = _decode(raw)
        if not text.strip():
            raise InputFileError(read_message("empty", what=what, path=path), file=path)
        sep = _sniff_separator(text)
        try:
            df = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""]
            )
        except Exception as exc:
            raise InputFileError(
                read_message("csv", what=what, path=path, exc=exc), file=path
            ) from exc
    df.columns = [str(c).strip() for c in df.columns]
    df = df.dropna(how="all")
    if len(df) == 0:
        raise InputFileError(read_message("no_row", what=what, path=path), file=path)
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
    check_case_clashes(
        df.columns,
        lambda h: simplify_name(h) if simplify_name(h) in known else None,
        source=source,
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


_TOTAL = re.compile(r"^(sous[ _-]?)?totaux?\b|^total\b|^ensemble\b|^somme\b", re.IGNORECASE)
_HEADER_SEARCH = 15


@dataclass(frozen=True)
class SheetRead:
    """A table read with where each row comes from.

    ``lines`` is the spreadsheet line of each row of ``frame``; ``skipped`` the lines
    left out (title rows above the header, total rows below); ``shifted`` the CSV lines
    that hold more cells than the header (an unquoted separator inside a cell).
    """

    frame: pd.DataFrame
    lines: np.ndarray
    sheet: str | None
    header_line: int
    skipped: tuple[int, ...] = ()
    totals: tuple[int, ...] = ()
    shifted: tuple[tuple[int, int], ...] = field(default=())
    sheets: tuple[str, ...] = ()


def read_sheet(
    path: Path,
    *,
    what: str,
    kind: str,
    sheet: str | int | None = None,
    header_row: int | None = None,
) -> SheetRead:
    """Read a CSV or an Excel sheet as text cells, finding its header and its data rows.

    The header is the line given by ``header_row`` (as the spreadsheet numbers it), else
    the line among the first 15 that holds the most known headers of ``kind`` (title
    rows above it are skipped). With ``sheet=None`` an Excel workbook is searched for
    the sheet whose header holds the most known headers (a "Notice" sheet first is
    passed over). Empty rows are dropped; rows below the data whose first cells say
    "Total" are dropped and listed in ``totals``.
    """
    suffix = path.suffix.lower()
    sheets: tuple[str, ...] = ()
    chosen: str | None = None
    if suffix in (".xlsx", ".xlsm"):
        require("openpyxl", extra="excel")
        try:
            book = pd.read_excel(
                path, sheet_name=None, header=None, dtype=object, engine="openpyxl"
            )
        except Exception as exc:
            raise InputFileError(
                read_message("excel", what=what, path=path, exc=exc), file=path
            ) from exc
        sheets = tuple(str(k) for k in book)
        if sheet is None:
            chosen = max(sheets, key=lambda k: _best_header(book[k], kind)[1])
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(sheets):
                raise InputFileError(
                    read_message(
                        "no_sheet_number", path=path, sheet=sheet, sheets=format_ids(sheets)
                    ),
                    file=path,
                    parameters=("sheet",),
                )
            chosen = sheets[sheet]
        else:
            if sheet not in book:
                raise InputFileError(
                    read_message(
                        "no_sheet_name", path=path, sheet=sheet, sheets=format_ids(sheets)
                    ),
                    file=path,
                    parameters=("sheet",),
                )
            chosen = sheet
        grid = book[chosen]
        shifted: list[tuple[int, int]] = []
    else:
        text = _decode(path.read_bytes())
        if not text.strip():
            raise InputFileError(read_message("empty", what=what, path=path), file=path)
        try:
            rows, _ = _csv_rows(text)
        except csv.Error as exc:
            raise InputFileError(
                read_message("csv", what=what, path=path, exc=exc), file=path
            ) from exc
        lengths = np.array([len(r) for r in rows])
        width = max(lengths)
        grid = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
        grid = grid.map(lambda v: None if isinstance(v, str) and not v.strip() else v)
        shifted = []
    grid = grid.reset_index(drop=True)
    if header_row is not None:
        if not 1 <= header_row <= len(grid):
            raise InputFileError(
                read_message("no_header_row", what=what, path=path, row=header_row, n=len(grid)),
                file=path,
                parameters=("header_row",),
            )
        position = header_row - 1
    else:
        position = _best_header(grid, kind)[0]
    header = grid.iloc[position]
    keep = [i for i, v in enumerate(header) if not _empty(v)] or list(range(len(header)))
    last = max(keep)
    names = [_header_text(header.iloc[i], i) for i in range(last + 1)]
    body = grid.iloc[position + 1 :, : last + 1].copy()
    if suffix not in (".xlsx", ".xlsm"):
        # A row with more cells than the header: a separator inside an unquoted cell.
        header_length = int(lengths[position])
        extra = grid.iloc[position + 1 :, last + 1 :]
        over = extra.notna().any(axis=1).to_numpy() if extra.shape[1] else False
        longer = (lengths[position + 1 :] > header_length) | over
        shifted = [
            (position + 2 + int(i), int(max(lengths[position + 1 + i] - header_length, 1)))
            for i in np.flatnonzero(longer)
        ]
    body.columns = names
    line_numbers = body.index.to_numpy() + 1
    filled: np.ndarray = np.asarray(body.notna().to_numpy().any(axis=1), dtype=bool)
    body, line_numbers = body.loc[filled], line_numbers[filled]
    totals = _total_rows(body)
    body, totals_lines = body.loc[~totals], tuple(int(n) for n in line_numbers[totals])
    line_numbers = line_numbers[~totals]
    if len(body) == 0:
        in_sheet = (
            read_message("in_sheet", sheet=chosen, sheets=format_ids(sheets))
            if len(sheets) > 1
            else ""
        )
        raise InputFileError(
            read_message(
                "header_no_data", what=what, path=path, line=position + 1, in_sheet=in_sheet
            ),
            file=path,
        )
    body.columns = [str(c).strip() for c in body.columns]
    return SheetRead(
        frame=body.reset_index(drop=True),
        lines=line_numbers,
        sheet=chosen,
        header_line=position + 1,
        skipped=tuple(range(1, position + 1)),
        totals=totals_lines,
        shifted=tuple(shifted),
        sheets=sheets,
    )


def _empty(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and np.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def _header_text(value: object, position: int) -> str:
    return f"Unnamed: {position}" if _empty(value) else str(value).strip()


def _best_header(grid: pd.DataFrame, kind: str) -> tuple[int, int]:
    """Position and score of the row that looks most like a header (first row on a tie)."""
    best, score = 0, -1
    for i in range(min(_HEADER_SEARCH, len(grid))):
        row = grid.iloc[i].tolist()
        s = header_score(row, kind)
        if s > score:
            best, score = i, s
    if score <= 0:
        # No known header: the first row with at least two named cells.
        for i in range(min(_HEADER_SEARCH, len(grid))):
            if sum(not _empty(v) for v in grid.iloc[i]) >= 2:
                return i, 0
        return 0, 0
    return best, score


def _total_rows(body: pd.DataFrame) -> np.ndarray:
    """Rows whose first non-empty cell says "Total" (or "Sous-total", "Ensemble")."""
    out = np.zeros(len(body), dtype=bool)
    for i, row in enumerate(body.itertuples(index=False)):
        for v in row[:3]:
            if not _empty(v):
                out[i] = isinstance(v, str) and bool(_TOTAL.match(v.strip()))
                break
    return out


def _csv_rows(text: str) -> tuple[list[list[str]], str]:
    lines = text.splitlines()
    sample = [ln for ln in lines[:_HEADER_SEARCH] if ln.strip()]
    sep = max(";,\t", key=lambda c: max((ln.count(c) for ln in sample), default=0))
    if not any(sep in ln for ln in sample):
        sep = ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    return [r for r in rows] or [[]], sep


def shifted_problem(shifted: Sequence[tuple[int, int]], path: Path, what: str) -> None:
    """Raise when CSV rows hold more cells than the header (a separator inside a cell)."""
    if not shifted:
        return
    shown = ", ".join(
        read_message(
            "shifted_line", line=n, n=k, cells=read_message("cell_many" if k > 1 else "cell_one")
        )
        for n, k in shifted[:20]
    )
    raise SchemaError(
        read_message("shifted", what=what, path=path, shown=shown),
        file=path,
    )
