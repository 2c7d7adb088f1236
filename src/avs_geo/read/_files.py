"""Open the files planners have: vector layers and tables, with clear errors.

Vector layers (GeoJSON, GeoPackage, shapefile, zipped shapefile) go through pyogrio;
tables (CSV in UTF-8 or Latin-1 with ``,`` ``;`` or tab, Excel) through pandas.
Every error names the file and says what to do.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from avs_geo._i18n.read import file_name, read_message
from avs_geo._paths import literal_copy
from avs_geo.errors import (
    AvsGeoError,
    AvsGeoWarning,
    InputFileError,
    MissingFileError,
    SchemaError,
    format_ids,
)
from avs_geo.read._csv import SEPARATORS, csv_rows, decode
from avs_geo.read._excel import (
    SheetGrid,
    Workbook,
    cell_name,
    cells_text,
    column_letter,
    read_workbook,
    sheet_list,
)
from avs_geo.read._geo import check_coordinates
from avs_geo.read._layers import Layer, choose_layer, vector_layers
from avs_geo.read._problems import cell_repr
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
    """A file with the sheet, header line or layer to read (``--feuille``,
    ``--ligne-entete``, ``--couche``).

    It is a path (``os.fspath`` gives the file), so the jobs take it wherever they take a
    file; :func:`avs_geo.load_structures` and :func:`avs_geo.load_candidates` read its
    ``sheet`` and ``header_row``, :func:`avs_geo.load_qpv` its ``layer``, unless given
    their own.

    Examples
    --------
    >>> p = SheetPath("structures.xlsx", sheet="Liste", header_row=3)
    >>> os.fspath(p), p.sheet, p.header_row, Path(p).name
    ('structures.xlsx', 'Liste', 3, 'structures.xlsx')
    >>> SheetPath("qpv.gpkg", layer="qp_2024").layer
    'qp_2024'
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        sheet: str | int | None = None,
        header_row: int | None = None,
        layer: str | int | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self.sheet = sheet
        self.header_row = header_row
        self.layer = layer

    def __fspath__(self) -> str:
        return self.path

    def __repr__(self) -> str:
        return (
            f"SheetPath({self.path!r}, sheet={self.sheet!r}, header_row={self.header_row!r}, "
            f"layer={self.layer!r})"
        )


PathLike = str | Path

VECTOR_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".zip", ".fgb"}
TABLE_SUFFIXES = {".csv", ".txt", ".xlsx", ".xlsm"}


def _feature_count(layer: Layer) -> int:
    import pyogrio

    try:
        return int(pyogrio.read_info(layer.source, layer=layer.layer)["features"])
    except Exception:  # a count is only shown in a message
        return -1


def existing_path(path: str | os.PathLike[str], *, what: str) -> Path:
    """Return ``path`` as a Path if the file exists, else raise naming it."""
    p = Path(path).expanduser()
    if not p.exists():
        raise MissingFileError(read_message("not_found", what=what, path=p, cwd=Path.cwd()), file=p)
    if p.is_dir() and p.suffix.lower() != ".gdb":
        raise InputFileError(read_message("folder", what=what, path=p), file=p)
    return p


def read_vector(
    path: Path, *, what: str, layer: str | int | None = None, option: str | None = None
) -> gpd.GeoDataFrame:
    """Read a vector layer with pyogrio; a zipped shapefile is read in place.

    A file with several layers (a GeoPackage, a zip of several shapefiles) is read only
    with ``layer`` naming one (``option`` is the command-line option that does it, for
    the message); otherwise the error lists them (``avs_geo.read._layers``).
    """
    try:
        with literal_copy(path) as plain:  # never read as a GDAL virtual path ('!', /vsi)
            layers = vector_layers(plain)
            counts = (
                {item.name: _feature_count(item) for item in layers}
                if len(layers) > 1 or layer is not None
                else {}
            )
            chosen = choose_layer(
                layers,
                layer=layer,
                path=path,
                what=what,
                counts=counts,
                option=option,
            )
            if chosen is None:  # not a vector file, or no layer with a geometry
                source = f"zip://{plain}" if plain.suffix.lower() == ".zip" else str(plain)
                gdf = gpd.read_file(source, engine="pyogrio")
            else:
                gdf = gpd.read_file(chosen.source, layer=chosen.layer, engine="pyogrio")
    except AvsGeoError:
        raise
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


def read_table(path: Path, *, what: str, sheet: str | int | None = None) -> pd.DataFrame:
    """Read a CSV or an Excel sheet whose first line is the header, all cells as text.

    CSV: encoding and separator found as ``avs_geo.read._csv`` says (UTF-8, Windows-1252,
    UTF-16, mixed lines; ``;``, ``,`` or tab; Excel's ``sep=`` line). Excel: the sheet
    ``sheet`` (name, or position from 0), by default the first visible one; merged
    blocks, hidden sheets and formulas without value as :func:`read_sheet` says. Empty
    cells are NaN.
    """
    label = read_message("file_label", what=what, path=path)
    table = _table_grid(path, what=what, label=label, kind=None, sheet=sheet, header_row=None)
    grid, position = table.grid, table.position
    if not table.filled:
        raise InputFileError(read_message("empty", what=what, path=path), file=path)
    header = grid.iloc[position]
    named = [i for i, v in enumerate(header) if not _empty(v)] or list(range(len(header)))
    last = max(named)
    shifted_problem(table.check(position, last), path, file_name(what))
    grid = table.grid  # merged blocks filled down
    body = grid.iloc[position + 1 :, : last + 1].copy()
    body.columns = [_header_text(header.iloc[i], i) for i in range(last + 1)]
    body = body.dropna(how="all")
    if len(body) == 0:
        raise InputFileError(read_message("no_row", what=what, path=path), file=path)
    body = body.astype(object).where(body.notna(), np.nan)
    return body.reset_index(drop=True)


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
    the visible sheet whose header holds the most known headers (a "Notice" sheet first
    is passed over; hidden sheets are read only when named, and a warning names them).
    Empty rows are dropped; rows below the data whose first cells say "Total" are
    dropped and listed in ``totals``.

    In a workbook, a block of cells merged down one column below the header (a type or
    a date written once for several rows) is filled down with a warning naming its
    range; a block merged across read columns, or over the header line, is refused
    naming its range (its other cells would be read empty). Formula cells without a
    saved value, and cells holding an Excel error, are read empty with a warning naming
    them. In a CSV, Excel's ``sep=;`` first line names the separator, and a separator
    closing every row (an empty last column) is not a shifted row.
    """
    label = read_message("file_label", what=what, path=path)
    table = _table_grid(path, what=what, label=label, kind=kind, sheet=sheet, header_row=header_row)
    grid, sheets, chosen = table.grid, table.names, table.chosen
    if not table.filled:
        raise InputFileError(read_message("empty", what=what, path=path), file=path)
    if header_row is not None:
        if not 1 <= header_row <= len(grid):
            raise InputFileError(
                read_message("no_header_row", what=what, path=path, row=header_row, n=len(grid)),
                file=path,
                parameters=("header_row",),
            )
        position = header_row - 1
    else:
        position = table.position
    header = grid.iloc[position]
    keep = [i for i, v in enumerate(header) if not _empty(v)] or list(range(len(header)))
    last = max(keep)
    names = [_header_text(header.iloc[i], i) for i in range(last + 1)]
    shifted = table.check(position, last)
    grid = table.grid
    body = grid.iloc[position + 1 :, : last + 1].copy()
    body.columns = names
    line_numbers = body.index.to_numpy() + 1
    filled: np.ndarray = np.asarray(body.notna().to_numpy().any(axis=1), dtype=bool)
    body, line_numbers = body.loc[filled], line_numbers[filled]
    totals = _total_rows(body)
    body, totals_lines = body.loc[~totals], tuple(int(n) for n in line_numbers[totals])
    line_numbers = line_numbers[~totals]
    header_line = position + 1
    if len(body) == 0:
        in_sheet = (
            read_message("in_sheet", sheet=chosen, sheets=format_ids(sheets))
            if len(sheets) > 1
            else ""
        )
        raise InputFileError(
            read_message(
                "header_no_data", what=what, path=path, line=header_line, in_sheet=in_sheet
            ),
            file=path,
        )
    body.columns = [str(c).strip() for c in body.columns]
    return SheetRead(
        frame=body.reset_index(drop=True),
        lines=line_numbers,
        sheet=chosen,
        header_line=header_line,
        skipped=tuple(range(1, header_line)),
        totals=totals_lines,
        shifted=tuple(shifted),
        sheets=sheets,
    )


@dataclass
class _TableGrid:
    """The cells of a CSV or of one sheet, before its header line is settled.

    ``check(position, last)`` does what the file's form asks once the header line
    (``position``, in the grid) and the last column read (``last``) are known: merged
    blocks filled down or refused and formula cells reported (Excel), the shifted rows
    returned (CSV). Lines are numbered as a spreadsheet shows them: Excel hides the
    ``sep=;`` line of a CSV, so the line under it is line 1.
    """

    path: Path
    label: str
    grid: pd.DataFrame
    position: int
    chosen: str | None = None
    names: tuple[str, ...] = ()
    lengths: np.ndarray | None = None
    sheet: SheetGrid | None = None

    @property
    def filled(self) -> bool:
        return bool(len(self.grid)) and bool(self.grid.notna().to_numpy().any())

    def check(self, position: int, last: int) -> list[tuple[int, int]]:
        if self.sheet is not None:
            where = f"{self.label}, feuille '{self.chosen}'"
            self.grid = _merged(self.sheet, self.grid, position, last, where, self.path)
            _formulas(self.sheet, position, last, where)
            return []
        return self._shifted(position, last)

    def _shifted(self, position: int, last: int) -> list[tuple[int, int]]:
        """CSV rows holding more cells than the header: a separator inside a cell.

        A separator closing every data row (an empty last column the header does not
        have) is no shift: the empty cells that every row ends with are allowed.
        """
        if self.lengths is None:
            return []
        header_length = int(self.lengths[position])
        rows = self.grid.iloc[position + 1 :]
        present = np.asarray(rows.notna().to_numpy().any(axis=1), dtype=bool)
        beyond = self.lengths[position + 1 :] - header_length
        extra = self.grid.iloc[position + 1 :, last + 1 :]
        over = np.asarray(extra.notna().to_numpy().any(axis=1), dtype=bool).reshape(len(rows))
        allowance = 0
        if present.any() and (beyond[present] > 0).all():
            allowance = int(beyond[present].min())
        longer = present & ((beyond > allowance) | over)
        return [
            (position + 2 + int(i), int(max(beyond[i] - allowance, 1)))
            for i in np.flatnonzero(longer)
        ]


def _table_grid(
    path: Path,
    *,
    what: str,
    label: str,
    kind: str | None,
    sheet: str | int | None,
    header_row: int | None,
) -> _TableGrid:
    """The cells of the CSV at ``path``, or of the sheet of the workbook to read."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        book = read_workbook(path, what=what)
        chosen = _choose_sheet(book, path, label, kind, sheet)
        grid = chosen.grid.reset_index(drop=True)
        return _TableGrid(
            path=path,
            label=label,
            grid=grid,
            position=_header_position(grid, kind),
            chosen=chosen.name,
            names=book.names,
            sheet=chosen,
        )
    text = decode(path.read_bytes(), label=label)
    if not text.strip():
        return _TableGrid(path=path, label=label, grid=pd.DataFrame(), position=0)
    try:
        parsed = csv_rows(text)
    except csv.Error as exc:
        raise InputFileError(read_message("csv", what=what, path=path, exc=exc), file=path) from exc
    lengths = np.array([len(r) for r in parsed.rows])
    width = max(int(lengths.max()), 1)
    grid = pd.DataFrame([r + [None] * (width - len(r)) for r in parsed.rows], dtype=object)
    grid = grid.map(lambda v: None if isinstance(v, str) and not v.strip() else v)
    position = _header_position(grid, kind)
    if header_row is None:
        _header_separator(grid, lengths, position, parsed.separator, label, path)
    return _TableGrid(
        path=path,
        label=label,
        grid=grid,
        position=position,
        lengths=lengths,
    )


def _header_position(grid: pd.DataFrame, kind: str | None) -> int:
    """The header's row: the best one for ``kind``, else the first row with a cell."""
    if kind is not None:
        return _best_header(grid, kind)[0]
    filled = np.flatnonzero(np.asarray(grid.notna().to_numpy().any(axis=1), dtype=bool))
    return int(filled[0]) if len(filled) else 0


def _header_separator(
    grid: pd.DataFrame,
    lengths: np.ndarray,
    position: int,
    separator: str,
    label: str,
    path: Path,
) -> None:
    """Refuse a header whose cells hold another separator when every row is longer.

    ``id;nom;type,date;lat`` above rows of five cells: the header, not the rows, is
    wrong; the message names the header cells to split.
    """
    present = grid.iloc[position + 1 :].notna().to_numpy().any(axis=1)
    if not present.any():
        return
    header_length = int(lengths[position])
    if not (lengths[position + 1 :][present] > header_length).all():
        return
    others = [c for c in SEPARATORS if c != separator]
    glued = [
        str(v) for v in grid.iloc[position] if isinstance(v, str) and any(c in v for c in others)
    ]
    if not glued:
        return
    name = {";": "';'", ",": "','", "\t": read_message("tab")}.get(separator, repr(separator))
    raise SchemaError(
        read_message(
            "glued_header",
            label=label,
            line=position + 1,
            glued=format_ids(glued, limit=10),
            name=name,
        ),
        file=path,
    )


def _choose_sheet(
    book: Workbook, path: Path, label: str, kind: str | None, sheet: str | int | None
) -> SheetGrid:
    """The sheet asked for, else the visible sheet whose header fits ``kind`` best.

    Hidden sheets are read only when named (or numbered); otherwise a warning names them.
    """
    names = book.names
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if not 0 <= sheet < len(names):
            raise InputFileError(
                read_message("no_sheet_number", path=path, sheet=sheet, sheets=sheet_list(book)),
                file=path,
                parameters=("sheet",),
            )
        return book.sheets[sheet]
    if sheet is not None:
        if sheet not in names:
            raise InputFileError(
                read_message("no_sheet_name", path=path, sheet=sheet, sheets=sheet_list(book)),
                file=path,
                parameters=("sheet",),
            )
        return book.sheet(sheet)
    visible = book.visible or book.sheets
    if book.hidden and book.visible:
        warnings.warn(
            read_message("hidden_sheets", label=label, sheets=format_ids(book.hidden)),
            AvsGeoWarning,
            stacklevel=6,
        )
    if kind is None:
        return visible[0]
    return max(visible, key=lambda s: _best_header(s.grid, kind)[1])


def _merged(
    sheet: SheetGrid,
    grid: pd.DataFrame,
    position: int,
    last: int,
    where: str,
    path: Path,
) -> pd.DataFrame:
    """Fill down the blocks merged down one column below the header; refuse the others.

    Blocks above the header (a title over the table) and blocks whose other cells all
    lie beyond the columns read are left alone.
    """
    filled: list[str] = []
    refused: list[str] = []
    out = grid
    header = grid.iloc[position]

    def column_name(c: int) -> str:
        if c >= len(header) or _empty(header.iloc[c]):
            return read_message("no_header", letter=column_letter(c))
        return repr(str(header.iloc[c]).strip())

    for block in sheet.merges:
        if block.last_row < position or block.first_column > last:
            continue
        if block.vertical and block.first_row > position:
            column = block.first_column
            value = grid.iat[block.first_row, column] if block.first_row < len(grid) else None
            if value is None or block.first_row + 1 >= len(grid):
                continue
            if out is grid:
                out = grid.copy()
            out.iloc[block.first_row + 1 : block.last_row + 1, column] = value  # type: ignore[assignment]
            filled.append(
                read_message(
                    "merged_value",
                    name=block.name,
                    column=column_name(column),
                    value=cell_repr(value),
                )
            )
        elif min(block.last_column, last) > block.first_column or block.first_row <= position:
            columns = range(block.first_column, min(block.last_column, last) + 1)
            refused.append(
                read_message(
                    "merged_columns",
                    name=block.name,
                    columns=", ".join(column_name(c) for c in columns),
                )
            )
    if refused:
        raise SchemaError(
            read_message(
                "merged_refused",
                where=where,
                line=position + 1,
                blocks=", ".join(refused[:20]),
            ),
            file=path,
        )
    if filled:
        warnings.warn(
            read_message("merged_filled", where=where, blocks=", ".join(filled[:20])),
            AvsGeoWarning,
            stacklevel=6,
        )
    return out


def _formulas(sheet: SheetGrid, position: int, last: int, where: str) -> None:
    """Warn about the formula cells without saved value and the cells in error."""

    def read(row: int, column: int) -> bool:
        return row > position and column <= last

    uncomputed = [(r, c) for r, c in sheet.uncomputed if read(r, c)]
    if uncomputed:
        warnings.warn(
            read_message(
                "uncomputed_formulas",
                where=where,
                n=len(uncomputed),
                cells=cells_text(uncomputed),
            ),
            AvsGeoWarning,
            stacklevel=6,
        )
    errors = [(r, c, v) for r, c, v in sheet.errors if read(r, c)]
    if errors:
        shown = ", ".join(f"{cell_name(r, c)} {v!r}" for r, c, v in errors[:20])
        warnings.warn(
            read_message("excel_errors", where=where, n=len(errors), cells=shown),
            AvsGeoWarning,
            stacklevel=6,
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
