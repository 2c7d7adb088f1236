"""Write tables to Excel for planners: one sheet per table, French formats, no formulas.

Text is never turned into a formula: a structure named ``=HYPERLINK("x")`` stays that
text (see :func:`to_excel`; CSV and Markdown are in :mod:`avs_geo.write.text`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import os
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from avs_geo._deprecated import data_then_path
from avs_geo._i18n import METHOD_HEADERS, METHOD_SHEET, Language, _check_language, message
from avs_geo._i18n.write import MESSAGES
from avs_geo._optional import require
from avs_geo._table import EXCEL_FORMATS, Table, check_formats, column_kind
from avs_geo._typography import format_number
from avs_geo._validate import check_suffix
from avs_geo.errors import InputTypeError, ParameterError

__all__ = ["FORMULA_PREFIXES", "cell_value", "escape_formula", "flat_table", "to_excel"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL_XML = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def flat_table(table: object, name: str) -> pd.DataFrame:
    """The table as a frame with flat string headers; a named index becomes columns."""
    if not isinstance(table, pd.DataFrame):
        raise InputTypeError(message(MESSAGES, "table_type", name=name, got=type(table).__name__))
    frame = table
    if any(n is not None for n in frame.index.names):
        frame = frame.reset_index()
    if isinstance(frame.columns, pd.MultiIndex):
        frame = frame.set_axis(
            [" - ".join(str(p) for p in c if str(p)) for c in frame.columns], axis=1
        )
    if "geometry" in frame.columns:
        frame = frame.drop(columns="geometry")
    flat = frame.set_axis([str(c) for c in frame.columns], axis=1)
    if isinstance(table, Table) and not isinstance(flat, Table):  # a reset index, a GeoDataFrame
        flat = Table(flat)
        flat.formats = table.formats
    return flat


def cell_value(value: Any) -> Any:
    """A Python value openpyxl and csv can write: None for missing, text for tuples."""
    if isinstance(value, tuple | list | set | frozenset):
        return ", ".join(str(v) for v in value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, str | int | float | bool | dt.date | dt.datetime):
        return value
    return str(value)


def _check_sheet_name(name: object, seen: set[str]) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ParameterError(message(MESSAGES, "sheet_name_type", got=name))
    problems = []
    if len(name) > 31:
        problems.append(message(MESSAGES, "sheet_too_long", n=len(name)))
    if _SHEET_FORBIDDEN.search(name):
        problems.append(message(MESSAGES, "sheet_forbidden"))
    if name.casefold() in seen:
        problems.append(message(MESSAGES, "sheet_twice"))
    if problems:
        raise ParameterError(
            message(MESSAGES, "sheet_name", name=name, problems="; ".join(problems))
        )
    seen.add(name.casefold())
    return name


def _set_text(cell: Any, text: str) -> None:
    """Write ``text`` as a string cell, never a formula (and keep it text when edited)."""
    text = _ILLEGAL_XML.sub("", text)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True


def _write_sheet(
    ws: Any,
    frame: pd.DataFrame,
    formats: Mapping[str, str],
    wrap: bool,
    title: Sequence[str] = (),
) -> None:
    """Stream ``frame`` to the write-only sheet ``ws``; number formats from
    ``avs_geo._table.column_kind``.

    The sheet is written row after row (openpyxl's write-only mode: no cell kept in
    memory), so the column widths, frozen panes and filter are set first, from the
    values. ``title`` lines (the first in bold, larger) go above the table, then a
    blank row. A cell object is made only where a style is needed (formats, dates,
    headers, wrapped or formula-like text); plain values are written as they are.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    top = len(title) + 1 if title else 0  # rows above the header
    columns: list[list[Any]] = []
    for j, header in enumerate(frame.columns, start=1):
        fmt, decimals = EXCEL_FORMATS[column_kind(frame, header, formats)]
        width = min(max(len(w) for w in header.split()) if header.split() else 8, 30)
        cells: list[Any] = []
        for raw in frame[header].tolist():
            value = cell_value(raw)
            if isinstance(value, str):
                text = _ILLEGAL_XML.sub("", value)
                shown = len(text)
                if wrap or text.startswith(FORMULA_PREFIXES):
                    cell = WriteOnlyCell(ws)
                    _set_text(cell, text)
                    if wrap:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                    value = cell
                else:
                    value = text
            elif value is not None:
                if isinstance(value, dt.date | dt.datetime):
                    value = _styled(WriteOnlyCell(ws, value), "dd/mm/yyyy")
                    shown = 10
                elif fmt is not None and not isinstance(value, bool):
                    shown = len(format_number(value, decimals=decimals or 0)) + 1
                    value = _styled(WriteOnlyCell(ws, value), fmt)
                else:
                    shown = len(str(value))
            else:
                shown = 0
            cells.append(value)
            width = max(width, shown)
        ws.column_dimensions[get_column_letter(j)].width = min(width + 2, 80 if wrap else 60)
        columns.append(cells)
    ws.freeze_panes = f"A{top + 2}"
    if len(frame.columns):
        last = get_column_letter(len(frame.columns))
        ws.auto_filter.ref = f"A{top + 1}:{last}{top + len(frame) + 1}"

    for i, line in enumerate(title, start=1):
        cell = WriteOnlyCell(ws)
        _set_text(cell, line)
        cell.font = Font(bold=True, size=13) if i == 1 else Font(italic=True)
        ws.append([cell])
    if title:
        ws.append([])
    bold, fill = Font(bold=True), PatternFill("solid", start_color="DDEBF7")
    headers = []
    for header in frame.columns:
        cell = WriteOnlyCell(ws)
        _set_text(cell, header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        headers.append(cell)
    ws.append(headers)
    for row in zip(*columns, strict=True):
        ws.append(list(row))


def _styled(cell: Any, number_format: str) -> Any:
    cell.number_format = number_format
    return cell


def method_frame(method: pd.DataFrame | Mapping[str, object], language: Language) -> pd.DataFrame:
    """A method sheet as a two-column frame (item, value)."""
    if isinstance(method, pd.DataFrame):
        return method
    if not isinstance(method, Mapping):
        raise InputTypeError(message(MESSAGES, "method_type", got=type(method).__name__))
    item, value = METHOD_HEADERS[language]
    return pd.DataFrame(
        {item: [str(k) for k in method], value: [cell_value(v) for v in method.values()]}
    )


def to_excel(
    tables: Mapping[str, pd.DataFrame],
    path: str | os.PathLike[str],
    *,
    method: pd.DataFrame | Mapping[str, object] | None = None,
    formats: Mapping[str, str] | None = None,
    language: Language = "fr",
    when: dt.datetime | dt.date | None = None,
    titles: Mapping[str, Sequence[str]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write tables to an ``.xlsx`` workbook, one sheet per table, ready to print.

    Parameters
    ----------
    tables : mapping
        Sheet name -> DataFrame, in sheet order. Names follow Excel's rules (at most 31
        characters, none of ``[ ] : * ? / \\``).
    path : str or path-like
        Workbook to write (``.xlsx``); overwritten if it exists. (The 0.1 order
        ``to_excel(path, tables)`` still works, with a DeprecationWarning.)
    method : mapping or DataFrame, optional
        Written last on a sheet ``Méthode`` (``Method``): data vintages, thresholds,
        formula... A mapping gives one row per item.
    formats : mapping, optional
        Header -> kind (``"integer"``, ``"decimal2"``, ``"percent1"``, ``"text"``,
        ``"date"``, and ``"+integer"``, ``"+decimal2"``, ``"+percent1"`` for signed
        changes; see ``avs_geo._table``), overriding what the tables declare.
    language : {"fr", "en"}, default "fr"
        Language of the method sheet's name and headers.
    when : datetime or date, optional
        The time recorded in the workbook (document properties and zip entries);
        default: today at midnight. The same tables and ``when`` give the same bytes.
    titles : mapping, optional
        Sheet name -> lines written above its table (title, date...), the first in
        bold; the table then starts two rows lower (frozen panes and filter follow).
    progress : callable, optional
        ``progress(done, total)`` after each sheet written (``total`` sheets, the
        method sheet included): a progress bar for a national workbook.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    The workbook is streamed (openpyxl's write-only mode), sheet after sheet and row
    after row. Headers are bold and wrapped, the first row frozen, an autofilter set, column widths
    fitted to the content and numbers formatted as the tables declare
    (``Table.formats``; undeclared columns by their dtype: whole
    numbers ``#,##0``, other numbers ``#,##0.00``; never from the header). Every text
    cell is written as a string (``data_type = "s"``, and Excel's quote prefix when it
    starts with ``= + - @``, tab or CR): a name such as ``=HYPERLINK("x")`` is shown as
    typed and never run, without changing the text. Named indexes are written as
    columns, a ``geometry`` column is left out, tuples are joined with ``", "``.

    Needs ``openpyxl`` (``pip install "avs_geo[excel]"``).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import openpyxl, pandas as pd
    >>> table = pd.DataFrame({"Nom": ['=HYPERLINK("x")'], "Part des QPV (%)": [76.9]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = to_excel({"Synthèse": table}, pathlib.Path(folder) / "t.xlsx",
    ...                     method={"Seuil": "95 %"}, formats={"Part des QPV (%)": "percent1"})
    ...     book = openpyxl.load_workbook(path)
    >>> book.sheetnames
    ['Synthèse', 'Méthode']
    >>> [(c.value, c.data_type) for c in book["Synthèse"][2]]
    [('=HYPERLINK("x")', 's'), (76.9, 'n')]
    >>> book["Synthèse"]["B2"].number_format
    '0.0'
    """
    tables, path = data_then_path(tables, path, "to_excel")
    _check_language(language)
    openpyxl = require("openpyxl", extra="excel")
    target = check_suffix(path, ".xlsx", writer="to_excel", kind=message(MESSAGES, "workbooks"))
    if not isinstance(tables, Mapping) or not tables:
        raise InputTypeError(message(MESSAGES, "tables_type", got=type(tables).__name__))
    override = check_formats(formats or {})
    seen: set[str] = set()
    sheets = {_check_sheet_name(name, seen): flat_table(t, name) for name, t in tables.items()}
    if method is not None:
        sheets[_check_sheet_name(METHOD_SHEET[language], seen)] = method_frame(method, language)

    workbook = openpyxl.Workbook(write_only=True)
    try:
        for done, (name, frame) in enumerate(sheets.items(), start=1):
            ws = workbook.create_sheet(title=name)
            wrap = method is not None and name == METHOD_SHEET[language]
            _write_sheet(ws, frame, override, wrap, tuple((titles or {}).get(name, ())))
            if progress is not None:
                progress(done, len(sheets))
    except BaseException:
        # Ctrl+C or an error mid-sheet: close the streamed sheets now, so that their
        # row writers do not print a traceback when Python collects them at exit.
        _close_sheets(workbook)
        raise
    buffer = io.BytesIO()
    workbook.save(buffer)
    target.write_bytes(_frozen(buffer.getvalue(), when))
    return target


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _close_sheets(workbook: Any) -> None:
    """Close the streamed (write-only) sheets of a workbook that will not be saved."""
    for ws in workbook.worksheets:
        with contextlib.suppress(Exception):
            ws.close()


def _frozen(data: bytes, when: dt.datetime | dt.date | None) -> bytes:
    """The ``.xlsx`` bytes with every timestamp set to ``when`` (default today, midnight).

    openpyxl stamps the document properties (created, modified) and each zip entry
    with the time of saving; fixed stamps make equal tables give equal bytes.
    """
    if when is None:
        moment = dt.datetime.combine(dt.date.today(), dt.time())
    elif isinstance(when, dt.datetime):
        moment = when
    else:
        moment = dt.datetime.combine(when, dt.time())
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(moment.year, 1980), moment.month, moment.day, moment.hour, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, content in parts:
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            archive.writestr(fixed, content)
    return out.getvalue()


def escape_formula(value: object) -> object:
    """Prefix text a spreadsheet would run as a formula with ``'`` (OWASP CSV injection).

    Examples
    --------
    >>> escape_formula('=HYPERLINK("x")')
    '\\'=HYPERLINK("x")'
    >>> escape_formula("Centre social"), escape_formula(-3)
    ('Centre social', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
