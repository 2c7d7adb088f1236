"""Excel workbooks as a planner made them: merged cells, hidden sheets, formulas.

``pandas.read_excel`` gives the value of each cell and nothing else: the second row of
a merged block comes out empty, a hidden sheet looks like any other, and a formula
that was never calculated (a workbook written by a program, never opened in Excel)
comes out empty too, all without a word. :func:`read_workbook` opens the workbook
with openpyxl and keeps those facts beside the cells, so that the table readers
(``avs_geo.read._files``) fill a merged block down with a warning naming its range,
refuse the merges they cannot read, pass over hidden sheets unless asked, and warn
about formula cells without a value.

Cells keep their Excel position: row ``i`` of a grid is the spreadsheet line ``i + 1``
and column ``j`` is the column letter of ``j + 1``.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from avs_geo._i18n.read import read_message
from avs_geo._optional import require
from avs_geo.errors import InputFileError, format_ids

__all__ = [
    "Merge",
    "SheetGrid",
    "Workbook",
    "cell_name",
    "cells_text",
    "column_letter",
    "read_workbook",
    "sheet_list",
]

_SHOWN = 20


def column_letter(position: int) -> str:
    """The Excel letter of the column at ``position`` (from 0).

    Examples
    --------
    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    n = position + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """The Excel name of the cell at grid ``row`` and ``column`` (from 0): ``B3``.

    Examples
    --------
    >>> cell_name(2, 1)
    'B3'
    """
    return f"{column_letter(column)}{row + 1}"


@dataclass(frozen=True)
class Merge:
    """A block of merged cells, in grid positions (from 0, both ends included)."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def name(self) -> str:
        """The range as Excel writes it: ``B3:B5``."""
        return (
            f"{cell_name(self.first_row, self.first_column)}:"
            f"{cell_name(self.last_row, self.last_column)}"
        )

    @property
    def vertical(self) -> bool:
        """One column, several rows: a value meant for every row of the block."""
        return self.first_column == self.last_column and self.last_row > self.first_row


@dataclass(frozen=True)
class SheetGrid:
    """The cells of one sheet and what ``pandas.read_excel`` would not tell.

    Attributes
    ----------
    name : str
        The sheet's name.
    grid : pandas.DataFrame
        The cells (``None`` when empty), as Python values: text, numbers (whole
        numbers as ``int``), booleans, dates.
    merges : tuple of Merge
        The merged blocks; only their first cell holds the value.
    uncomputed : tuple of (int, int)
        Formula cells with no calculated value saved (grid row, column).
    errors : tuple of (int, int, str)
        Cells holding an Excel error (``#N/A``, ``#DIV/0!``), read as empty.
    hidden : bool
        The sheet is hidden (or "very hidden") in Excel.
    """

    name: str
    grid: pd.DataFrame
    merges: tuple[Merge, ...] = ()
    uncomputed: tuple[tuple[int, int], ...] = ()
    errors: tuple[tuple[int, int, str], ...] = ()
    hidden: bool = False


@dataclass(frozen=True)
class Workbook:
    """Every worksheet of a workbook, in the order of its tabs."""

    sheets: tuple[SheetGrid, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sheets)

    @property
    def visible(self) -> tuple[SheetGrid, ...]:
        return tuple(s for s in self.sheets if not s.hidden)

    @property
    def hidden(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sheets if s.hidden)

    def sheet(self, name: str) -> SheetGrid:
        return next(s for s in self.sheets if s.name == name)


def read_workbook(path: Path, *, what: str) -> Workbook:
    """Every worksheet of the workbook at ``path``, with merges, formulas and states.

    The workbook is opened once with its formulas (to know which cells are formulas
    and which blocks are merged) and, only when it holds formulas, once more for the
    values Excel saved with them.

    Raises
    ------
    InputFileError
        The file is not a workbook openpyxl can read.
    """
    openpyxl = require("openpyxl", extra="excel")
    try:
        with warnings.catch_warnings():
            # openpyxl's notes on what it does not keep (data validation, conditional
            # formatting extensions) are about writing the workbook back, not reading it.
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(path, data_only=False, keep_links=False)
            read = [_cells(ws) for ws in book.worksheets]
            saved = (
                openpyxl.load_workbook(path, data_only=True, keep_links=False)
                if any(formulas for _, formulas, _ in read)
                else None
            )
    except Exception as exc:  # BadZipFile, KeyError, InvalidFileException, XML errors...
        raise InputFileError(
            read_message("not_a_workbook", what=what, path=path, exc=exc),
            file=path,
        ) from exc
    sheets = []
    for ws, (rows, formulas, errors) in zip(book.worksheets, read, strict=True):
        uncomputed: list[tuple[int, int]] = []
        if formulas and saved is not None:
            values = saved[ws.title]
            for r, c in formulas:
                cell = values.cell(row=r + 1, column=c + 1)
                if cell.value is None:
                    uncomputed.append((r, c))
                elif cell.data_type == "e":
                    errors.append((r, c, str(cell.value)))
                else:
                    rows[r][c] = _value(cell.value)
        sheets.append(_sheet(ws, rows, uncomputed, errors))
    if not sheets:
        raise InputFileError(read_message("no_worksheet", what=what, path=path), file=path)
    return Workbook(sheets=tuple(sheets))


def _cells(
    ws: object,
) -> tuple[list[list[object]], list[tuple[int, int]], list[tuple[int, int, str]]]:
    """The values of a sheet (formulas and errors as None), its formula and error cells."""
    rows: list[list[object]] = []
    formulas: list[tuple[int, int]] = []
    errors: list[tuple[int, int, str]] = []
    for r, row in enumerate(ws.iter_rows()):  # type: ignore[attr-defined]
        out: list[object] = []
        for c, cell in enumerate(row):
            kind = cell.data_type
            if kind == "f":
                formulas.append((r, c))
                out.append(None)
            elif kind == "e":
                errors.append((r, c, str(cell.value)))
                out.append(None)
            else:
                out.append(_value(cell.value))
        rows.append(out)
    return rows, formulas, errors


def _sheet(
    ws: object,
    rows: list[list[object]],
    uncomputed: list[tuple[int, int]],
    errors: list[tuple[int, int, str]],
) -> SheetGrid:
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    grid = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
    merges = tuple(
        Merge(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
        for m in ws.merged_cells.ranges  # type: ignore[attr-defined]
    )
    return SheetGrid(
        name=str(ws.title),  # type: ignore[attr-defined]
        grid=grid,
        merges=tuple(sorted(merges, key=lambda m: (m.first_row, m.first_column))),
        uncomputed=tuple(uncomputed),
        errors=tuple(sorted(errors)),
        hidden=ws.sheet_state != "visible",  # type: ignore[attr-defined]
    )


def _value(value: object) -> object:
    """A cell as pandas gives it: whole floats as int, blank text as None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, dt.time):  # a duration or time of day: no use as a date
        return value.isoformat()
    return value


def cells_text(cells: Sequence[tuple[int, int]]) -> str:
    """Cell names for a message: ``E3, E4`` (the first 20, then the count)."""
    names = [cell_name(r, c) for r, c in cells]
    text = ", ".join(names[:_SHOWN])
    if len(names) > _SHOWN:
        text += f" (+{len(names) - _SHOWN} autres)"
    return text


def sheet_list(book: Workbook) -> str:
    """The sheets for a message, hidden ones marked: ``'Liste', 'Ancienne' (masquée)``."""
    return ", ".join(format_ids([s.name]) + (" (masquée)" if s.hidden else "") for s in book.sheets)
