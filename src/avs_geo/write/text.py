"""Write tables as text: CSV that French Excel opens as it is, and Markdown for reports."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from avs_geo._deprecated import data_then_path
from avs_geo._i18n import Language, _check_language
from avs_geo._table import EXCEL_FORMATS, check_formats, column_kind
from avs_geo._typography import format_number
from avs_geo.errors import ParameterError
from avs_geo.write.excel import cell_value, escape_formula, flat_table

__all__ = ["markdown_text", "to_csv", "to_markdown"]

_DIGITS = re.compile(r"[0-9]+")


def _codes_as_text(values: pd.Series) -> pd.Series:
    """Digit-only codes of a column that has one with a leading zero, as ``="09"``.

    Excel, opening a CSV by double click, reads ``09`` and ``"09"`` alike as the number
    9 (and ``01001`` as 1001): quoting is not enough. ``="09"`` is a constant formula
    that Excel and LibreOffice show as the text ``09``; only digit strings are wrapped,
    so nothing a planner typed can become a formula. The whole column is wrapped, so
    that its codes all read alike.
    """
    digits = values.map(lambda v: isinstance(v, str) and _DIGITS.fullmatch(v) is not None)
    zero = values.map(lambda v: isinstance(v, str) and v.startswith("0"))
    if not (digits & zero).any():
        return values
    return values.where(~digits, values.map(lambda v: f'="{v}"'))


def to_csv(
    table: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    sep: str = ";",
    decimal: str = ",",
    encoding: str = "utf-8-sig",
    escape_formulas: bool = True,
    excel_codes: bool = True,
    formats: Mapping[str, str] | None = None,
) -> Path:
    """Write a table as CSV that French Excel opens as it is (double click, no import wizard).

    Parameters
    ----------
    table : DataFrame
    path : str or path-like
        The file to write. (The 0.1 order ``to_csv(path, table)`` still works, with a
        DeprecationWarning.)
    sep, decimal : str, default ``";"`` and ``","``
        French Excel reads ``;``-separated files with decimal commas.
    encoding : str, default ``"utf-8-sig"``
        UTF-8 with a byte-order mark, so that Excel reads accents correctly.
    escape_formulas : bool, default True
        Prefix with ``'`` the text cells (and headers) that start with ``= + - @``, tab
        or CR, as OWASP recommends against CSV injection: Excel then shows them as text
        (with the apostrophe) instead of running them. Numbers are never changed.
    excel_codes : bool, default True
        Write the codes of a text column that has one with a leading zero (department
        ``09``, commune ``01001``) as ``="09"``, which Excel and LibreOffice open as the
        text ``09``: Excel reads ``09``, quoted or not, as the number 9. Only cells
        made of digits are wrapped. ``False`` writes them as they are (for a program
        that reads the CSV; pandas then needs ``dtype=str`` for these columns).
    formats : mapping, optional
        Header -> kind (``"integer"``, ``"decimal2"``, ``"percent1"``, ...), over the
        table's own declaration (``Table.formats`` of the report tables). A declared
        numeric column is written with the decimals of its kind, as the workbook shows
        it (``70,9`` for a share, ``191916`` for inhabitants), not with the float's 17
        digits. Undeclared columns are written as they are.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import pandas as pd
    >>> table = pd.DataFrame({"Nom": ["=1+1", "A"], "Part (%)": [76.9, 23.1]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     data = to_csv(table, pathlib.Path(folder) / "t.csv").read_bytes()
    >>> data[:3] == b"\\xef\\xbb\\xbf"  # the byte-order mark
    True
    >>> data.decode("utf-8-sig").splitlines()
    ['Nom;Part (%)', "'=1+1;76,9", 'A;23,1']
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = to_csv(pd.DataFrame({"Département": ["09", "31"]}),
    ...                   pathlib.Path(folder) / "d.csv")
    ...     rows = path.read_text(encoding="utf-8-sig").splitlines()
    >>> rows[1] == '"=""09""' + '"'  # the CSV field of the cell ="09"
    True
    """
    table, path = data_then_path(table, path, "to_csv")
    if sep == decimal:
        raise ParameterError(f"sep and decimal should differ, both are {sep!r}.")
    frame = flat_table(table, "table")
    override = check_formats(formats or {})
    declared = {**getattr(frame, "formats", {}), **override}
    out = pd.DataFrame(index=frame.index)
    for header in frame.columns:
        values = frame[header]
        if header in declared and values.dtype != bool:
            values = _rounded(values, column_kind(frame, header, override))
        if not pd.api.types.is_numeric_dtype(values.dtype):
            values = values.map(cell_value).astype(object)
            if escape_formulas:
                values = values.map(escape_formula)
            if excel_codes:
                values = _codes_as_text(values)
        out[str(escape_formula(header) if escape_formulas else header)] = values
    target = Path(path)
    out.to_csv(
        target, sep=sep, decimal=decimal, encoding=encoding, index=False, lineterminator="\r\n"
    )
    return target


def _rounded(values: pd.Series, kind: str) -> pd.Series:
    """A declared numeric column rounded to the decimals of its kind (whole: Int64)."""
    decimals = EXCEL_FORMATS[kind][1]
    if decimals is None or not pd.api.types.is_float_dtype(values.dtype):
        return values
    rounded = values.round(decimals)
    if decimals == 0:
        return rounded.astype("Int64")
    return rounded


# Characters that make Markdown markup (emphasis, code, links, HTML, tables, headings,
# strike-through) escaped with a backslash: CommonMark then shows them as they are.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*\[\]<>|~#])")
# An underscore between two letters or digits makes no emphasis (avs_geo, QP_031): kept.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_LINE_BREAKS = re.compile(r"\r\n|[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


def markdown_text(value: object) -> str:
    r"""``value`` as plain text inside Markdown: no markup, no line break, no control.

    Backslash, backquote, ``*``, ``[``, ``]``, ``<``, ``>``, ``|``, ``~``, ``#`` and
    ``_`` (unless between two letters or digits, as in ``avs_geo``) are escaped with a
    backslash (no emphasis, code, link, HTML, table cell or heading can come from a
    name); line breaks (``\n``, ``\r``, tabs) become spaces;
    other control characters are shown as ``\xNN`` escapes.

    Examples
    --------
    >>> print(markdown_text("Salle <b>A</b> | [clic](javascript:alert(1))\r\n# _2_ avs_geo"))
    Salle \<b\>A\</b\> \| \[clic\](javascript:alert(1)) \# \_2\_ avs_geo
    """
    text = _MARKDOWN_ACTIVE.sub(r"\\\1", str(value))
    text = _UNDERSCORE.sub(r"\_", text)
    text = _LINE_BREAKS.sub(" ", text)
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )


def to_markdown(
    table: pd.DataFrame,
    path: str | os.PathLike[str] | None = None,
    *,
    formats: Mapping[str, str] | None = None,
    language: Language = "fr",
) -> str:
    """A pipe table (GitHub / Pandoc Markdown) with numbers as a French report prints them.

    Parameters
    ----------
    table : DataFrame
    path : str or path-like, optional
        Also write the text there (UTF-8).
    formats : mapping, optional
        Header -> kind (see :func:`avs_geo.to_excel`), overriding what the table
        declares; undeclared numeric columns show 0 decimals when whole, else 2.
    language : {"fr", "en"}, default "fr"
        Number typography: ``12 345,6`` (no-break spaces) or ``12,345.6``.

    Returns
    -------
    str
        Numbers right-aligned with the decimals of their declared kind, missing values
        empty, headers and text cells escaped by :func:`markdown_text` (no markup, no
        line break).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"Couverture": ["Non couvert"], "Part des QPV (%)": [14.3]})
    >>> print(to_markdown(table, formats={"Part des QPV (%)": "percent1"}))
    | Couverture | Part des QPV (%) |
    |:---|---:|
    | Non couvert | 14,3 |
    """
    _check_language(language)
    override = check_formats(formats or {})
    frame = flat_table(table, "table")
    lines = ["| " + " | ".join(markdown_text(h) for h in frame.columns) + " |"]
    aligns, columns = [], []
    for header in frame.columns:
        fmt, decimals = EXCEL_FORMATS[column_kind(frame, header, override)]
        aligns.append("---:" if fmt is not None else ":---")
        if fmt is None:
            cells = [cell_value(v) for v in frame[header].tolist()]
            columns.append(["" if v is None else markdown_text(v) for v in cells])
        else:
            columns.append(
                [
                    markdown_text(v)
                    if isinstance(v, str)  # a word for a number not known ("non connue")
                    else format_number(v, decimals=decimals or 0, language=language)
                    for v in frame[header].tolist()
                ]
            )
    lines.append("|" + "|".join(aligns) + "|")
    for row in zip(*columns, strict=True) if columns else ():
        lines.append("| " + " | ".join(row) + " |")
    text = "\n".join(lines) + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text.rstrip("\n")
