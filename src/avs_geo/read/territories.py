"""Read a planner's territories: commune code or EPCI SIREN -> territory name.

A CAF groups its department into territories of its own (the CAF du Nord: Flandre,
Métropole européenne de Lille, Pévèle-Bassin minier, Cambrésis-Sambre-Avesnois). The
file lists communes (INSEE code) or whole EPCI (SIREN), one per row, with the name of
their territory. :func:`load_territories` reads and checks it (every problem at once);
:func:`territory_of_communes` resolves it to one territory per commune of a vintage, the
form every grouping (summary, workbook, CLI) uses.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from avs_geo._codes import cell_text
from avs_geo._i18n.read import read_message
from avs_geo.datasets import COMMUNE_VINTAGES
from avs_geo.errors import DuplicateIdError, SchemaError, UnknownCodeError, format_ids
from avs_geo.read._files import (
    TABLE_SUFFIXES,
    PathLike,
    describe_columns,
    existing_path,
    read_table,
)
from avs_geo.read._vocabulary import ColumnReport, read_columns, suggest
from avs_geo.read.communes import INSEE_CODE, commune_metadata, current_code_map

__all__ = ["TERRITORY_COLUMNS", "load_territories", "read_territories", "territory_of_communes"]

TERRITORY_COLUMNS: tuple[str, ...] = ("code", "niveau", "territoire", "ligne")
"""Columns of :func:`load_territories`: the code, ``"commune"`` or ``"epci"``, the
territory's name and the row of the file (as the spreadsheet numbers it)."""

_SIREN = re.compile(r"^\d{9}$")


def load_territories(
    path: PathLike,
    *,
    vintage: int | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read a territories file: commune code or EPCI SIREN -> territory name.

    Parameters
    ----------
    path
        A CSV or Excel table, one row per commune or EPCI: a code column (``code``,
        ``code_insee``, ``siren``, ``epci``, ``siren_epci``...: a 5-character INSEE
        commune code or a 9-digit EPCI SIREN, both may be mixed) and ``territoire``
        (``territory``, ``nom_territoire``, ``secteur``...). Other columns (an EPCI
        name for the reader) are ignored.
    vintage
        Check the codes against the communes and EPCI of this year (2022 or 2026);
        ``None`` accepts the codes of either year.
    sheet
        Sheet of an Excel workbook (name, or position from 0); by default the first
        visible sheet (hidden sheets are named in a warning).

    Returns
    -------
    pandas.DataFrame
        :data:`TERRITORY_COLUMNS`: ``code``, ``niveau`` (``"commune"`` or ``"epci"``),
        ``territoire`` and ``ligne`` (the file's row).

    Raises
    ------
    SchemaError
        No code or territory column, or cells that are not codes or have no territory.
    UnknownCodeError
        Codes that are no commune or EPCI of the vintage(s).
    DuplicateIdError
        A commune or EPCI in two territories, or a commune whose EPCI is listed in
        another territory. Every problem of the file is in one message.

    Examples
    --------
    >>> from avs_geo.datasets import get_path
    >>> t = load_territories(get_path("territoires_exemple_nord"), vintage=2022)
    >>> len(t), sorted(t.territoire.unique())[0], t.niveau.unique().tolist()
    (17, 'Cambrésis-Sambre-Avesnois', ['epci'])
    """
    return read_territories(path, vintage=vintage, sheet=sheet)[0]


def read_territories(
    path: PathLike,
    *,
    vintage: int | None = None,
    sheet: str | int | None = None,
) -> tuple[pd.DataFrame, ColumnReport]:
    """:func:`load_territories`, and the report of the columns it read.

    The report says which header was read as what; the command line prints it.
    """
    vintages = COMMUNE_VINTAGES if vintage is None else (vintage,)
    if vintage is not None and (isinstance(vintage, bool) or vintage not in COMMUNE_VINTAGES):
        commune_metadata(vintage)  # raises the ParameterError naming the vintages
    source = existing_path(path, what="territoires")
    if source.suffix.lower() not in TABLE_SUFFIXES:
        raise SchemaError(
            read_message("territories_table", source=source),
            file=source,
        )
    raw = read_table(source, what="territoires", sheet=sheet)
    df, report = read_columns(raw, "territories", source=source)
    missing = [c for c in ("code", "territoire") if c not in df.columns]
    if missing:
        close = [h for role in missing for h in suggest(role, report.unused, "territories")]
        hint = read_message("mean_close", close=format_ids(close)) if close else ""
        raise SchemaError(
            read_message(
                "territories_columns",
                source=source,
                missing=format_ids(missing),
                columns=describe_columns(raw),
                hint=hint,
            ),
            file=source,
            columns=missing,
        )
    lines = np.arange(len(df)) + 2
    codes = np.array([_code(v) for v in df["code"].to_numpy(dtype=object)], dtype=object)
    names = np.array(
        [
            cell_text(v) if isinstance(v, str | int | float) and not pd.isna(v) else ""
            for v in df["territoire"].to_numpy(dtype=object)
        ],
        dtype=object,
    )
    level = np.where(
        [bool(_SIREN.match(c)) for c in codes],
        "epci",
        np.where([bool(INSEE_CODE.match(c)) for c in codes], "commune", ""),
    )
    problems: list[str] = []
    bad = level == ""
    if bad.any():
        cells = ", ".join(
            read_message("territories_cell", line=n, value=repr(c))
            for n, c in zip(lines[bad], codes[bad], strict=True)
        )
        problems.append(read_message("territories_bad_codes", cells=cells))
    empty = names == ""
    if empty.any():
        problems.append(
            read_message("territories_no_name", lines=format_ids(lines[empty].tolist()))
        )
    if problems:
        raise SchemaError(
            read_message("territories_cells", source=source, problems=" ; ".join(problems)),
            file=source,
            columns=("code", "territoire"),
        )
    table = pd.DataFrame({"code": codes, "niveau": level, "territoire": names, "ligne": lines})
    _check_known(table, vintages, source)
    _check_conflicts(table, vintages, source)
    out = table.astype({"code": "string", "niveau": "string", "territoire": "string"})
    return out, report


def _code(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = cell_text(value).upper().replace(" ", "")
    return text.zfill(5) if text.isdigit() and len(text) == 4 else text


def _known(vintage: int) -> tuple[set[str], set[str]]:
    meta = commune_metadata(vintage)
    return set(current_code_map(vintage).index), set(meta["epci_siren"].dropna())


def _check_known(table: pd.DataFrame, vintages: tuple[int, ...], source: object) -> None:
    communes: set[str] = set()
    epci: set[str] = set()
    for vintage in vintages:
        c, e = _known(vintage)
        communes |= c
        epci |= e
    is_epci = table["niveau"] == "epci"
    unknown = table[
        (is_epci & ~table["code"].isin(epci)) | (~is_epci & ~table["code"].isin(communes))
    ]
    if len(unknown):
        years = read_message("territories_or").join(str(v) for v in vintages)
        cells = ", ".join(
            read_message("territories_cell", line=n, value=c)
            for n, c in zip(unknown["ligne"], unknown["code"], strict=True)
        )
        raise UnknownCodeError(
            read_message(
                "territories_unknown", source=source, n=len(unknown), years=years, cells=cells
            ),
            file=str(source),
            columns=("code",),
        )


def _check_conflicts(table: pd.DataFrame, vintages: tuple[int, ...], source: object) -> None:
    problems: list[str] = []
    grouped = table.groupby("code", sort=True)["territoire"].agg(lambda t: sorted(set(t)))
    for code, names in grouped.items():
        if len(names) > 1:
            rows = table.loc[table["code"] == code, "ligne"].tolist()
            problems.append(
                read_message(
                    "territories_twice",
                    code=code,
                    lines=format_ids(rows),
                    names=read_message("territories_and").join(names),
                )
            )
    # a commune listed alone and, through its EPCI, in another territory
    for vintage in vintages[-1:]:
        meta = commune_metadata(vintage).set_index("code_insee")
        of_epci = table[table["niveau"] == "epci"].set_index("code")["territoire"]
        single = table[table["niveau"] == "commune"]
        codes = single["code"].map(current_code_map(vintage))
        siren = codes.map(meta["epci_siren"])
        via = siren.map(of_epci[~of_epci.index.duplicated()])
        clash = via.notna() & (via != single["territoire"])
        for (_, row), s, v in zip(single[clash].iterrows(), siren[clash], via[clash], strict=True):
            problems.append(
                read_message(
                    "territories_via_epci",
                    code=row["code"],
                    line=row["ligne"],
                    territory=row["territoire"],
                    siren=s,
                    other=v,
                )
            )
    if problems:
        raise DuplicateIdError(
            read_message(
                "territories_conflicts",
                source=source,
                n=len(problems),
                shown=" ; ".join(problems[:30]),
                more=read_message("problems_more", n=len(problems) - 30)
                if len(problems) > 30
                else "",
            ),
            file=str(source),
            columns=("code", "territoire"),
        )


def territory_of_communes(territories: pd.DataFrame, communes: pd.DataFrame) -> pd.Series:
    """The territory of each commune of ``communes``, from a territories table.

    Parameters
    ----------
    territories
        :func:`load_territories`.
    communes
        Communes with ``code_insee`` and, for territories given by EPCI,
        ``epci_siren`` (``load_communes(..., vintage=2022)`` or
        :func:`avs_geo.read.communes.commune_metadata`).

    Returns
    -------
    pandas.Series
        Territory name (string, NA for a commune in no territory), same index as
        ``communes``. A commune listed by its own code (a current or a former code)
        takes that territory; the others take their EPCI's.

    Raises
    ------
    SchemaError
        Territories given by EPCI and ``communes`` without ``epci_siren``.

    Examples
    --------
    >>> t = pd.DataFrame({"code": ["200093201", "59001"], "niveau": ["epci", "commune"],
    ...                   "territoire": ["MEL", "Sud"], "ligne": [2, 3]})
    >>> c = pd.DataFrame({"code_insee": ["59350", "59001", "59002"],
    ...                   "epci_siren": ["200093201", "X", "X"]})
    >>> territory_of_communes(t, c).tolist()
    ['MEL', 'Sud', <NA>]
    """
    codes = communes["code_insee"].astype(str)
    by_code = territories[territories["niveau"] == "commune"].set_index("code")["territoire"]
    out = codes.map(by_code.astype(object)).astype(object)
    if "anciens_codes" in communes.columns and len(by_code):
        # a territory file naming a former code still places its current commune
        former = communes["anciens_codes"].map(
            lambda t: next((by_code[c] for c in t if c in by_code.index), None)
        )
        out = out.fillna(former)
    epci = territories[territories["niveau"] == "epci"].set_index("code")["territoire"]
    if len(epci):
        if "epci_siren" not in communes.columns:
            raise SchemaError(
                read_message("territories_no_siren"),
                columns=("epci_siren",),
                layer="communes",
            )
        out = out.fillna(communes["epci_siren"].astype(object).map(epci.astype(object)))
    return out.astype("string")
