"""The fill-in structures workbook (``avs-geo modele``): a notice, the columns, one example.

A planner who starts a structures list from scratch gets a workbook that the reader
accepts as written: a « Notice » sheet (what each column holds, the date forms, the
ways to give a zone), then a « Structures » sheet whose headers are spellings of the
one header vocabulary (``avs_geo.read._vocabulary``), each with a comment, a drop-down
list for the type, date cells and one example row to replace.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from avs_geo._dates import DATE_FORMS
from avs_geo._i18n.write import TEMPLATE
from avs_geo._optional import require
from avs_geo._validate import check_suffix

__all__ = ["TEMPLATE_COLUMNS", "TEMPLATE_ROWS", "TEMPLATE_TYPES", "write_template"]

TEMPLATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Identifiant", "structure_id"),
    ("Nom", "nom"),
    ("Type", "type"),
    ("Latitude", "lat"),
    ("Longitude", "lon"),
    ("Début d'agrément", "date_agrement"),
    ("Fin d'agrément", "date_fin"),
    ("Communes", "zone_communes"),
    ("QPV", "zone_qpv"),
    ("Rayon (m)", "zone_rayon_m"),
    ("Commune", "commune"),
)
"""The header of each column of the structures sheet and the column it is read as."""

TEMPLATE_TYPES: tuple[str, ...] = ("Centre social", "EVS")
"""The choices of the drop-down list of the type (both read by ``load_structures``)."""

TEMPLATE_ROWS = 500
"""How many rows of the structures sheet get the drop-down list and the date format."""

_EXAMPLE: dict[str, object] = {
    "structure_id": "EXEMPLE-01",
    "nom": "Centre social de l'exemple (ligne à remplacer)",
    "type": "Centre social",
    "lat": 50.6292,
    "lon": 3.0573,
    "date_agrement": dt.datetime(2022, 1, 1),
    "date_fin": dt.datetime(2025, 12, 31),
    "zone_communes": "59350 ; 59009",
    "zone_qpv": "",
    "zone_rayon_m": None,
    "commune": None,
}


def write_template(path: str | os.PathLike[str] = "modele_structures.xlsx") -> Path:
    """Write the fill-in structures workbook to ``path`` (an ``.xlsx``) and return it.

    Parameters
    ----------
    path : str or path-like, default ``"modele_structures.xlsx"``
        The workbook to write; an existing file is replaced.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    The workbook holds two sheets. « Notice » says, in French, what each column holds,
    which are required, the date forms understood and the three ways to give a zone
    (communes by INSEE code or name, QPV by code or name, a radius in metres).
    « Structures » has the headers of :data:`TEMPLATE_COLUMNS`, a comment on each, a
    drop-down list for the type (:data:`TEMPLATE_TYPES`), cells formatted as dates
    (``JJ/MM/AAAA``) for the agreement dates, and one example row.
    :func:`avs_geo.load_structures` reads the workbook as written: it passes the notice
    and finds the structures sheet by its headers.

    Examples
    --------
    >>> import tempfile, pathlib, avs_geo
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = avs_geo.write_template(folder / "modele.xlsx")
    >>> avs_geo.load_structures(path)["structure_id"].tolist()
    ['EXEMPLE-01']
    """
    target = check_suffix(path, ".xlsx", writer="write_template", kind=TEMPLATE["workbooks"])
    openpyxl = require("openpyxl", extra="excel")
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    notice = book.active
    notice.title = TEMPLATE["notice_sheet"]
    _write_notice(notice, Font=Font, Alignment=Alignment)

    sheet = book.create_sheet(TEMPLATE["data_sheet"])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for j, (header, role) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=j, value=header)
        cell.font, cell.fill = bold, fill
        cell.comment = Comment(TEMPLATE["comments"][role], "avs_geo", width=320, height=140)
        sheet.column_dimensions[get_column_letter(j)].width = max(14, len(header) + 4)
        value = _EXAMPLE[role]
        if value is not None and value != "":
            sheet.cell(row=2, column=j, value=value)
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["B"].width = 44
    sheet.column_dimensions["H"].width = 30

    letters = {role: get_column_letter(j) for j, (_, role) in enumerate(TEMPLATE_COLUMNS, 1)}
    last = TEMPLATE_ROWS + 1
    types = DataValidation(
        type="list",
        formula1='"' + ",".join(TEMPLATE_TYPES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=TEMPLATE["type_error_title"],
        error=TEMPLATE["type_error"],
        promptTitle="Type",
        prompt=TEMPLATE["type_prompt"],
    )
    types.add(f"{letters['type']}2:{letters['type']}{last}")
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=TEMPLATE["date_error_title"],
        error=TEMPLATE["date_error"],
    )
    for role in ("date_agrement", "date_fin"):
        dates.add(f"{letters[role]}2:{letters[role]}{last}")
        for row in range(2, last + 1):
            sheet[f"{letters[role]}{row}"].number_format = "DD/MM/YYYY"
    sheet.add_data_validation(types)
    sheet.add_data_validation(dates)
    book.active = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def _write_notice(sheet: Any, *, Font: Any, Alignment: Any) -> None:  # noqa: N803
    """The French instructions, one paragraph a row, then the table of the columns."""
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 90
    row = 1
    sheet.cell(row=row, column=1, value=TEMPLATE["title"]).font = Font(bold=True, size=14)
    row += 2
    for paragraph in TEMPLATE["paragraphs"]:
        cell = sheet.cell(row=row, column=1, value=paragraph.format(date_forms=DATE_FORMS))
        cell.alignment = wrap
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.row_dimensions[row].height = 15 * (1 + len(paragraph) // 120)
        row += 1
    row += 1
    for j, text in enumerate(TEMPLATE["table_headers"], start=1):
        sheet.cell(row=row, column=j, value=text).font = Font(bold=True)
    for header, role in TEMPLATE_COLUMNS:
        row += 1
        required, content = TEMPLATE["columns"][role]
        sheet.cell(row=row, column=1, value=header)
        sheet.cell(row=row, column=2, value=required)
        sheet.cell(row=row, column=3, value=content).alignment = wrap
