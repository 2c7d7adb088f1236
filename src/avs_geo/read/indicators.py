"""Read a table of QPV indicators (INSEE population, poverty rate...) keyed by QPV code.

INSEE publishes its figures by QPV as a table: the QPV code (``code_qp``, ``CODGEO``,
``Code QPV``), the municipal population (``pop_mun``, ``Population municipale``) and
other indicators. :func:`load_indicators` reads it with the shared header vocabulary
(``avs_geo.read._vocabulary``), French numbers included (``6 950``, ``40,2``), title rows
above the header and total rows below; :func:`join_indicators` attaches the population
and every numeric indicator to the QPV layer, so that a site selection can weigh the QPV
by any of them (``weight="tp60"``, ``--poids tp60``).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from typing import NoReturn

import numpy as np
import pandas as pd

from avs_geo._i18n.read import read_message
from avs_geo.errors import AvsGeoWarning, SchemaError, UnusedColumnsWarning, format_ids
from avs_geo.read._cells import parse_numbers, refuse_infinite_populations
from avs_geo.read._files import (
    TABLE_SUFFIXES,
    PathLike,
    SheetRead,
    describe_columns,
    existing_path,
    read_sheet,
    shifted_problem,
)
from avs_geo.read._vocabulary import ColumnReport, match_headers, suggest

__all__ = [
    "indicator_weights",
    "indicators_columns",
    "join_indicators",
    "load_indicators",
    "read_indicators",
]

_CODE = re.compile(r"^Q[PN][0-9A-Z]{6}$")


def load_indicators(
    table: PathLike | pd.DataFrame,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Read a table of indicators by QPV: the code, the population, the numeric columns.

    Parameters
    ----------
    table : path or DataFrame
        CSV (``;`` or ``,``, UTF-8 or Latin-1) or Excel workbook, or a DataFrame. One
        row per QPV; title rows above the header and a total row below are left out.
    sheet, header_row
        The sheet of a workbook and the line of the header, as the spreadsheet numbers
        it (found alone by default).
    columns : mapping, optional
        Header -> ``"code_qpv"`` or ``"population"``, to read a column the vocabulary
        does not know (``{"P19_POP": "population"}``).

    Returns
    -------
    pandas.DataFrame
        ``code_qpv`` (upper case), ``population`` (float, NaN when unknown: ``secret``)
        and every other column whose filled cells are all numbers, as floats under their
        header. ``attrs["columns"]`` is the column report (which header was read as
        what; the text columns left unread).

    Raises
    ------
    SchemaError
        No QPV code or population column (the headers present and the closest ones
        named), cells of the code column that are not QPV codes, or an infinite
        population.

    Examples
    --------
    >>> import pandas as pd
    >>> table = load_indicators(pd.DataFrame({"Code QPV": ["QP059001"],
    ...     "Population municipale": ["6 950"], "Taux de pauvreté": ["40,2"]}))
    >>> table.to_dict("records")
    [{'code_qpv': 'QP059001', 'population': 6950.0, 'Taux de pauvreté': 40.2}]
    >>> read_indicators(pd.DataFrame({"Code QPV": ["QP059001"],
    ...     "Population municipale": ["6 950"]}))[1].used
    {'code_qpv': 'Code QPV', 'population': 'Population municipale'}
    """
    return read_indicators(table, sheet=sheet, header_row=header_row, columns=columns)[0]


def read_indicators(
    table: PathLike | pd.DataFrame,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    columns: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, ColumnReport]:
    """:func:`load_indicators`, and the report of the columns it read.

    The report says which header was read as what; the command line prints it.
    """
    raw, lines, report = _read(table, sheet=sheet, header_row=header_row, columns=columns)
    name = report.file
    mapping = {header: role for role, header in report.used.items()}
    if "code_qpv" not in report.used:
        _refuse_missing(
            raw,
            raw.columns,
            "code_qpv",
            "indicators_no_code",
            name,
        )
    codes = raw[report.used["code_qpv"]].map(
        lambda v: None if v is None or pd.isna(v) else str(v).strip().upper()
    )
    bad = codes.notna() & ~codes.fillna("").str.match(_CODE.pattern)
    if bad.any():
        shown = ", ".join(
            read_message("line_value", line=n, value=v)
            for n, v in zip(
                lines[bad.to_numpy()][:10],
                raw.loc[bad, report.used["code_qpv"]][:10],
                strict=True,
            )
        )
        raise SchemaError(
            read_message(
                "indicators_bad_codes",
                name=name,
                n=int(bad.sum()),
                column=report.used["code_qpv"],
                shown=shown,
            ),
            file=name,
            columns=[report.used["code_qpv"]],
        )
    if "population" not in report.used:
        _refuse_missing(
            raw,
            report.unused,
            "population",
            "indicators_no_population",
            name,
        )
    out = pd.DataFrame({"code_qpv": codes.astype("string")})
    cells = parse_numbers(raw[report.used["population"]])
    refuse_infinite_populations(cells.bad, out["code_qpv"], raw[report.used["population"]], name)
    out["population"] = cells.values
    for header in raw.columns:
        if header in mapping or header in out.columns:
            continue
        cells = parse_numbers(raw[header])
        filled = raw[header].notna().to_numpy()
        if filled.any() and not cells.bad.any():
            out[header] = cells.values
    keep = out["code_qpv"].notna().to_numpy()
    out = out.loc[keep].reset_index(drop=True)
    dup = out["code_qpv"][out["code_qpv"].duplicated(keep=False)]
    if len(dup):
        warnings.warn(
            read_message(
                "indicators_duplicates",
                name=name,
                n=dup.nunique(),
                ids=format_ids(sorted(dup.unique())),
            ),
            AvsGeoWarning,
            stacklevel=2,
        )
        out = out.drop_duplicates("code_qpv").reset_index(drop=True)
    weights = indicator_weights(out)
    unused = tuple(c for c in raw.columns if c not in mapping and c not in weights)
    report = ColumnReport(
        file=report.file,
        used=report.used,
        unused=unused,
        sheet=report.sheet,
        header_line=report.header_line,
        skipped_lines=report.skipped_lines,
        sheets=report.sheets,
    )
    _warn_unused_codes(raw, report, name)
    return out, report


def indicator_weights(table: pd.DataFrame) -> tuple[str, ...]:
    """The indicators of a table read by :func:`load_indicators` that can weigh QPV:
    every column but the QPV code and the population (all numeric once read)."""
    return tuple(c for c in table.columns if c not in ("code_qpv", "population"))


def indicators_columns(
    table: PathLike | pd.DataFrame,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    columns: Mapping[str, str] | None = None,
) -> ColumnReport:
    """How :func:`load_indicators` reads the columns of a table, and the weights it offers.

    The report's ``used`` gives the QPV code and population columns; its ``unused``
    the text columns left unread. The numeric columns (weights) are
    :func:`indicator_weights` of the table read.
    """
    return _read(table, sheet=sheet, header_row=header_row, columns=columns)[2]


def join_indicators(
    qpv: pd.DataFrame, indicators: PathLike | pd.DataFrame, *, weights: bool = True
) -> pd.DataFrame:
    """The QPV layer with the population and the numeric indicators of a table.

    With ``weights=False`` the population alone is joined (the embedded QPV keep their
    columns as they were).

    The population of the table replaces the layer's where the table gives one; the
    QPV left without any population are named in a warning (they count apart in the
    population tables, and weigh nothing in a selection by population). An indicator
    whose header is already a column of the layer is not joined (the layer's is kept).

    Examples
    --------
    >>> import pandas as pd
    >>> qpv = pd.DataFrame({"code_qpv": ["QP059001"], "population": [float("nan")]})
    >>> join_indicators(qpv, pd.DataFrame({"code_qp": ["QP059001"], "pop_mun": ["6 950"],
    ...     "tp60": ["40,2"]})).to_dict("records")
    [{'code_qpv': 'QP059001', 'population': 6950.0, 'tp60': 40.2}]
    """
    table, report = read_indicators(indicators)
    name = report.file
    by_code = table.set_index("code_qpv")
    codes = qpv["code_qpv"].astype(str)
    population = codes.map(by_code["population"]).astype(float)
    if "population" in qpv.columns:
        population = population.fillna(pd.to_numeric(qpv["population"], errors="coerce"))
    out = qpv.assign(population=population.to_numpy())
    for column in indicator_weights(table) if weights else ():
        if column not in out.columns:
            out[column] = codes.map(by_code[column]).astype(float).to_numpy()
    unknown = out.loc[out["population"].isna(), "code_qpv"].tolist()
    if unknown:
        warnings.warn(
            read_message(
                "indicators_no_population_for", n=len(unknown), name=name, ids=format_ids(unknown)
            ),
            AvsGeoWarning,
            stacklevel=3,
        )
    return out


def _read(
    table: PathLike | pd.DataFrame,
    *,
    sheet: str | int | None,
    header_row: int | None,
    columns: Mapping[str, str] | None,
) -> tuple[pd.DataFrame, np.ndarray, ColumnReport]:
    if isinstance(table, pd.DataFrame):
        raw = table.copy()
        raw.columns = [str(c).strip() for c in raw.columns]
        raw = raw.astype(object).where(raw.notna(), None)
        lines = np.arange(len(raw)) + 2
        name, read = "tableau", None  # the file field of its errors, in every language
    else:
        source = existing_path(table, what="QPV indicators")
        if source.suffix.lower() not in TABLE_SUFFIXES:
            raise SchemaError(
                read_message("indicators_format", source=source),
                file=source,
            )
        read = read_sheet(
            source,
            what="QPV indicators",
            kind="qpv_indicators",
            sheet=sheet,
            header_row=header_row,
        )
        shifted_problem(read.shifted, source, "QPV indicators")
        raw, lines, name = read.frame, read.lines, str(source)
    mapping = match_headers(raw.columns, "qpv_indicators", columns=columns, source=name)
    report = ColumnReport(
        file=name,
        used={role: header for header, role in mapping.items()},
        unused=tuple(c for c in raw.columns if c not in mapping),
        sheet=None if read is None else read.sheet,
        header_line=1 if read is None else read.header_line,
        skipped_lines=() if read is None else _skipped(read),
        sheets=() if read is None else read.sheets,
    )
    return raw, lines, report


def _refuse_missing(
    raw: pd.DataFrame, among: Iterable[object], role: str, key: str, name: str
) -> NoReturn:
    """No column of ``role``: the error (message ``key``) names the headers expected,
    those of the table and the closest of ``among``, and how to read another column."""
    close = suggest(role, among, "qpv_indicators")
    hint = read_message("mean_close", close=format_ids(close)) if close else ""
    raise SchemaError(
        read_message(key, name=name, columns=describe_columns(raw), hint=hint),
        file=name,
        columns=[role],
    )


def _skipped(read: SheetRead) -> tuple[int, ...]:
    return (*read.skipped, *read.totals)


def _warn_unused_codes(raw: pd.DataFrame, report: ColumnReport, name: str) -> None:
    """A second column of QPV codes (``Code QPV 2024`` beside ``code_qp``): named."""
    looking = []
    for column in report.unused:
        filled = raw[column].dropna().astype(str).str.strip().str.upper()
        if len(filled) and filled.str.match(_CODE.pattern).mean() > 0.5:
            looking.append(column)
    if not looking:
        return
    parts = [read_message("to_read_as_code", column=c) for c in looking]
    warnings.warn(
        UnusedColumnsWarning(
            read_message(
                "indicators_unread_codes",
                name=name,
                used=report.used.get("code_qpv"),
                parts=" ; ".join(parts),
            ),
            report=report,
        ),
        stacklevel=3,
    )
