"""Cell parsers shared by every spreadsheet reader: ids, numbers, radii, coordinates.

A column comes as a spreadsheet gives it: text from a CSV, numbers or text from an
Excel sheet, numbers from a vector file. Each parser reads a whole column and returns
the parsed values *and* the mask of the bad cells, so that a reader reports every bad
row of a file in one message naming the file, the column and the spreadsheet lines.

The rules, one for every reader (structures, candidate sites, QPV indicators):

- **Ids** are text, stripped; a number stored as a float that is a whole number
  (``59001.0``, what Excel and pandas make of ``59001``) is written ``'59001'``. An
  empty cell has no id.
- **Numbers** are a number cell, or a text with an optional sign, a decimal comma or
  dot (``43,6045`` = ``43.6045``), an optional exponent (``1e3``), and optionally
  spaces (ordinary, no-break or narrow no-break) between groups of three digits
  (``1 000,5``). Empty cells are missing (NaN), not errors. Everything else is a bad
  cell: words, ``nan``, ``inf``, two separators (``1.000,5`` is ambiguous), digit
  groups that are not thousands (``12 34``), true/false, non-finite values.
- **A radius** is a number of metres **greater than 0**: ``0`` or a negative radius
  describes no zone and is an error (an empty cell means "no radius").
- **Coordinates** are WGS84 degrees, latitude in [-90, 90] and longitude in
  [-180, 180]; a point that lies outside France as given but inside once the two
  columns are swapped is reported as swapped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from avs_geo._codes import cell_text
from avs_geo._i18n.read import read_message
from avs_geo.errors import DuplicateIdError, GeometryError, SchemaError
from avs_geo.read._geo import in_france
from avs_geo.read._problems import cell_repr

__all__ = [
    "Cells",
    "Coordinates",
    "check_coordinates",
    "check_ids",
    "check_radii",
    "duplicated",
    "lines",
    "parse_coordinates",
    "parse_ids",
    "parse_numbers",
    "parse_radii",
    "refuse_infinite_populations",
    "shown_cells",
]

_SPACES = "\u0020\u00a0\u202f\u2009"
_INTEGER = rf"(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)"
_NUMBER = re.compile(
    rf"[+-]?(?:{_INTEGER}(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?",
)
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-"})
_SHOWN = 20


@dataclass(frozen=True)
class Cells:
    """Parsed values of a column and the mask of its bad cells.

    Attributes
    ----------
    values : numpy.ndarray
        One value per row: floats (NaN when missing or bad) for numbers, ``str`` or
        ``None`` for ids.
    bad : numpy.ndarray
        True where the cell holds something that is not a valid value.
    """

    values: np.ndarray
    bad: np.ndarray

    @property
    def lines(self) -> list[int]:
        """Spreadsheet lines of the bad cells (the header is line 1)."""
        return lines(self.bad)


@dataclass(frozen=True)
class Coordinates:
    """Latitudes and longitudes of a table, with the masks of each kind of problem.

    ``bad``: a cell that is not a number; ``missing``: an empty latitude or longitude;
    ``out_of_range``: not degrees (``|lat| > 90`` or ``|lon| > 180``); ``swapped``:
    outside France as given, inside once latitude and longitude are exchanged.
    """

    lat: np.ndarray
    lon: np.ndarray
    bad: np.ndarray
    missing: np.ndarray
    out_of_range: np.ndarray
    swapped: np.ndarray

    @property
    def located(self) -> np.ndarray:
        """True where the row has a usable point."""
        return ~(self.bad | self.missing | self.out_of_range | self.swapped)


def lines(mask: np.ndarray | pd.Series) -> list[int]:
    """Spreadsheet line numbers of the rows where ``mask`` holds (the header is line 1).

    Examples
    --------
    >>> lines([False, True, True])
    [3, 4]
    """
    return [int(i) + 2 for i in np.flatnonzero(np.asarray(mask, dtype=bool))]


def _is_empty(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _id_text(value: object) -> str | None:
    return None if _is_empty(value) else cell_text(value)


def parse_ids(column: pd.Series | Sequence[object]) -> Cells:
    """Ids as text: stripped, whole floats without ``.0``; empty cells are bad.

    Examples
    --------
    >>> cells = parse_ids(pd.Series([" A1 ", 59001.0, 7, None, ""], dtype=object))
    >>> cells.values.tolist(), cells.bad.tolist()
    (['A1', '59001', '7', None, None], [False, False, False, True, True])
    """
    raw = np.asarray(pd.Series(column, dtype=object).to_numpy(), dtype=object)
    values = np.array([_id_text(v) for v in raw], dtype=object)
    bad = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    return Cells(values=values, bad=bad)


def duplicated(values: np.ndarray) -> np.ndarray:
    """True for every row whose (non-empty) value appears on another row too.

    Examples
    --------
    >>> duplicated(np.array(["a", "b", "a", None, None], dtype=object)).tolist()
    [True, False, True, False, False]
    """
    series = pd.Series(values, dtype=object)
    return (series.duplicated(keep=False) & series.notna()).to_numpy(dtype=bool)


def parse_numbers(column: pd.Series | Sequence[object]) -> Cells:
    """Numbers of a column, French decimal comma and thousands spaces accepted.

    Examples
    --------
    >>> cells = parse_numbers(pd.Series(["43,6045", "1 000,5", " 12 ", 3, "", None,
    ...     "abc", "1.000,5"], dtype=object))
    >>> cells.values.tolist()[:4], cells.bad.tolist()
    ([43.6045, 1000.5, 12.0, 3.0], [False, False, False, False, False, False, True, True])
    """
    series = pd.Series(column)
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        infinite = np.isinf(values)
        return Cells(values=np.where(infinite, np.nan, values), bad=infinite)
    raw = pd.Series(series.to_numpy(dtype=object), dtype=object)
    values = np.full(len(raw), np.nan)
    bad = np.zeros(len(raw), dtype=bool)
    is_text = raw.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    is_bool = raw.map(lambda v: isinstance(v, bool | np.bool_)).to_numpy(dtype=bool)
    is_number = ~is_text & ~is_bool & raw.map(_is_real).to_numpy(dtype=bool)
    empty = raw.map(_is_empty).to_numpy(dtype=bool)
    if is_number.any():
        values[is_number] = raw[is_number].astype(float).to_numpy()
    if is_text.any():
        text = raw[is_text].astype(str).str.strip().str.translate(_MINUSES)
        ok = text.str.fullmatch(_NUMBER.pattern).to_numpy(dtype=bool)
        canonical = text[ok].str.replace(f"[{_SPACES}]", "", regex=True).str.replace(",", ".")
        parsed = np.full(len(text), np.nan)
        parsed[ok] = canonical.astype(float).to_numpy()
        values[is_text] = parsed
        bad[np.flatnonzero(is_text)[~ok]] = True
    bad |= ~is_text & ~is_number & ~empty
    bad |= np.isinf(values)
    values[bad] = np.nan
    bad &= ~empty
    return Cells(values=values, bad=bad)


def refuse_infinite_populations(
    bad: np.ndarray, codes: pd.Series, raw: pd.Series, source: object
) -> None:
    """An infinite population (``inf``, ``1e999``) among the ``bad`` cells of
    :func:`parse_numbers` is an error naming the QPV (``codes``) and the cells.

    Other unreadable cells (``secret``, the INSEE statistical secret) stay unknown (NaN)
    and are counted apart by the reader.
    """
    text = raw.astype(str).str.strip().str.replace(",", ".", regex=False)
    bad = bad & np.isinf(pd.to_numeric(text, errors="coerce").to_numpy(dtype=float))
    if not bad.any():
        return
    shown = [
        read_message("code_value", code=code, value=value)
        for code, value in zip(codes[bad], raw[bad], strict=True)
    ]
    raise SchemaError(
        read_message(
            "infinite_population", name=source, n=int(bad.sum()), shown=", ".join(shown[:20])
        ),
        file=str(source),
        columns=["population"],
    )


def _is_real(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not _is_empty(value)


def parse_radii(column: pd.Series | Sequence[object]) -> Cells:
    """Radii in metres: numbers greater than 0; 0, a negative or a non-number is bad.

    Examples
    --------
    >>> cells = parse_radii(pd.Series(["500", "250,5", "", "0", "-5", "loin"], dtype=object))
    >>> cells.values[:3].tolist(), cells.bad.tolist()
    ([500.0, 250.5, nan], [False, False, False, True, True, True])
    """
    cells = parse_numbers(column)
    not_positive = ~np.isnan(cells.values) & (cells.values <= 0)
    return Cells(values=np.where(not_positive, np.nan, cells.values), bad=cells.bad | not_positive)


def parse_coordinates(
    lat: pd.Series | Sequence[object], lon: pd.Series | Sequence[object]
) -> Coordinates:
    """Latitudes and longitudes in WGS84 degrees, with what is wrong on each row.

    Examples
    --------
    >>> c = parse_coordinates(pd.Series(["43,6", "1.44", "", "x", "6280000"]),
    ...     pd.Series(["1.44", "43.6", "1.4", "1.4", "574000"]))
    >>> float(c.lat[0]), c.swapped.tolist(), c.missing.tolist()
    (43.6, [False, True, False, False, False], [False, False, True, False, False])
    >>> c.bad.tolist(), c.out_of_range.tolist()
    ([False, False, False, True, False], [False, False, False, False, True])
    """
    la, lo = parse_numbers(lat), parse_numbers(lon)
    bad = la.bad | lo.bad
    missing = ~bad & (np.isnan(la.values) | np.isnan(lo.values))
    present = ~bad & ~missing
    out_of_range = present & ((np.abs(la.values) > 90) | (np.abs(lo.values) > 180))
    usable = present & ~out_of_range
    swapped = usable & ~in_france(lo.values, la.values) & in_france(la.values, lo.values)
    return Coordinates(
        lat=la.values,
        lon=lo.values,
        bad=bad,
        missing=missing,
        out_of_range=out_of_range,
        swapped=swapped,
    )


def shown_cells(
    mask: np.ndarray,
    *,
    ids: np.ndarray | None = None,
    raw: pd.Series | Sequence[object] | None = None,
) -> str:
    """The rows of ``mask`` for a message: lines, with each row's id and value.

    Examples
    --------
    >>> shown_cells(np.array([True, False, True]), ids=np.array(["A", "B", "C"]),
    ...     raw=["-5", "1", 0])
    "lignes 2, 4 : A '-5', C 0"
    """
    where = lines(mask)
    label = read_message("line_one" if len(where) == 1 else "line_many")
    text = f"{label} {', '.join(str(n) for n in where[:_SHOWN])}"
    if len(where) > _SHOWN:
        text += read_message("problems_more", n=len(where) - _SHOWN)
    positions = np.flatnonzero(np.asarray(mask, dtype=bool))[:_SHOWN]
    if ids is None and raw is None:
        return text
    values = None if raw is None else np.asarray(pd.Series(raw, dtype=object).to_numpy())
    items = []
    for p in positions:
        parts = []
        if ids is not None and ids[p] is not None:
            parts.append(str(ids[p]))
        if values is not None:
            parts.append(repr(values[p]) if not _is_empty(values[p]) else cell_repr(None))
        items.append(" ".join(parts))
    return read_message("cells_shown", lines=text, items=", ".join(items))


def check_ids(
    column: pd.Series | Sequence[object], *, source: str, name: str, noun: str
) -> np.ndarray:
    """The ids of a table as ``str``, or an error naming the empty and repeated ones.

    Parameters
    ----------
    column
        The id column as read.
    source
        How the message names the table, e.g. ``"Fichier des structures 's.csv'"``.
    name
        The id column's name (``structure_id``, ``candidat_id``).
    noun
        What a row is, in French: ``"structure"``, ``"candidat"``.

    Raises
    ------
    SchemaError
        Rows with no id.
    DuplicateIdError
        An id on several rows.
    """
    cells = parse_ids(column)
    if cells.bad.any():
        raise SchemaError(
            read_message(
                "ids_missing", source=source, name=name, cells=shown_cells(cells.bad), noun=noun
            )
        )
    repeated = duplicated(cells.values)
    if repeated.any():
        ids = sorted(set(cells.values[repeated]))
        shown = ", ".join(repr(i) for i in ids[:_SHOWN])
        raise DuplicateIdError(
            read_message(
                "ids_repeated",
                source=source,
                name=name,
                shown=shown,
                cells=shown_cells(repeated),
                noun=noun,
            )
        )
    return cells.values


def check_radii(
    column: pd.Series, *, source: str, name: str = "zone_rayon_m", ids: np.ndarray
) -> np.ndarray:
    """Radii in metres (NaN where empty), or an error naming every bad row.

    Raises
    ------
    SchemaError
        A cell that is not a number of metres greater than 0.

    Examples
    --------
    >>> check_radii(pd.Series(["500", None]), source="Fichier 'x.csv'", ids=np.array(["A", "B"]))
    array([500.,  nan])
    """
    cells = parse_radii(column)
    if cells.bad.any():
        raise SchemaError(
            read_message(
                "bad_radius",
                source=source,
                name=name,
                cells=shown_cells(cells.bad, ids=ids, raw=column),
            )
        )
    return cells.values


def check_coordinates(
    coords: Coordinates,
    *,
    source: str,
    ids: np.ndarray,
    noun: str,
    may_be_missing: np.ndarray | None = None,
) -> None:
    """Raise a :class:`GeometryError` naming the rows whose lat/lon cannot be used.

    ``may_be_missing`` marks the rows allowed to have no coordinates (a candidate
    given by its communes); a non-numeric cell is an error on every row.
    """
    missing = coords.missing if may_be_missing is None else coords.missing & ~may_be_missing
    unusable = coords.bad | missing
    if unusable.any():
        raise GeometryError(
            read_message(
                "no_latlon", source=source, noun=noun, cells=shown_cells(unusable, ids=ids)
            )
        )
    if coords.out_of_range.any():
        raise GeometryError(
            read_message(
                "latlon_range", source=source, cells=shown_cells(coords.out_of_range, ids=ids)
            )
        )
    if coords.swapped.any():
        raise GeometryError(
            read_message(
                "latlon_swapped",
                source=source,
                noun=noun,
                cells=shown_cells(coords.swapped, ids=ids),
            )
        )
