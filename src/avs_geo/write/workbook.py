"""The coverage workbook of the Sdsf: summary, QPV, structures and the method used."""

from __future__ import annotations

import datetime as dt
import os
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from avs_geo._dates import format_date
from avs_geo._deprecated import data_then_path
from avs_geo._i18n import METHOD_HEADERS, Language, _check_language, message
from avs_geo._i18n.write import MESSAGES, REPORT_SHEETS, REPORT_TITLES
from avs_geo.coverage._frame import check_coverage
from avs_geo.coverage.classify import check_classes
from avs_geo.coverage.structures import structure_table
from avs_geo.errors import AvsGeoWarning, ParameterError
from avs_geo.report.method import METHOD_TEXT, method_table
from avs_geo.report.summary import coverage_summary
from avs_geo.report.tables import no_zone_table, qpv_table
from avs_geo.report.territories import diagnostic_tables
from avs_geo.write.excel import to_excel

__all__ = ["write_report"]


def write_report(
    coverage: pd.DataFrame,
    path: str | os.PathLike[str],
    zones: gpd.GeoDataFrame | None = None,
    *,
    by: str | Sequence[str] | None = None,
    epci: Mapping[str, str] | None = None,
    date: object = None,
    territory: str | None = None,
    sources: Mapping[str, str] | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    language: Language = "fr",
    when: dt.datetime | dt.date | None = None,
    communes: pd.DataFrame | None = None,
    structures: pd.DataFrame | None = None,
    territories: pd.DataFrame | Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    without_zone: pd.DataFrame | None = None,
) -> Path:
    """Write the coverage workbook: ``Synthèse``, ``QPV``, ``Structures``, ``Méthode``.

    With the commune coverage, also the territory diagnostic: ``Communes``,
    ``Territoires`` and, with the structures and a date, ``Réseau``.

    The summary sheets open with a title naming the territory and the date of the
    situation; the QPV sheet is sorted by department then code (:func:`qpv_table`).

    Parameters
    ----------
    coverage : DataFrame
        Per-QPV coverage (:func:`avs_geo.compute_coverage`).
    path : str or path-like
        The ``.xlsx`` file to write. (The 0.1 order ``write_report(path, coverage)``
        still works, with a DeprecationWarning.)
    zones : GeoDataFrame, optional
        The zones the coverage was computed with; adds the ``Structures`` sheet
        (:func:`structure_table`, which needs ``coverage`` with its geometry).
    by, epci : optional
        Also write the summary grouped this way (:func:`coverage_summary`) on a sheet
        ``Synthèse par ...``: ``by="epci"`` after :func:`avs_geo.attach_epci`,
        ``by="territoire"`` after :func:`avs_geo.attach_territories`.
    date, territory : optional
        Date of the situation and territory, for the sentence (:func:`coverage_sentence`).
    sources : mapping, optional
        Data vintages written on the ``Méthode`` sheet (:func:`method_table`).
    full_min, none_max : float, optional
        By default those ``coverage`` was made with (its ``full_min`` and ``none_max``
        columns, else 0.95 and 0.05).
        The thresholds given to :func:`avs_geo.compute_coverage`, written on the
        ``Méthode`` sheet (checked against the classes of ``coverage``).
    language : {"fr", "en"}, default "fr"
    when : datetime or date, optional
        The time recorded in the workbook (see :func:`avs_geo.to_excel`).
    communes : DataFrame, optional
        The commune coverage (``avs_geo.coverage.communes.commune_coverage``): adds the
        ``Communes`` sheet (one row per commune, its white zone) and the ``Territoires``
        sheet (white zones, structures and QPV classes by territory and EPCI, by EPCI,
        or by department: ``avs_geo.report.territories.diagnostic_tables``).
    structures : DataFrame, optional
        The structures (every date), counted on the ``Territoires`` sheet; with
        ``date``, the ``Réseau`` sheet (active, created and closed during the year).
        Needs ``communes``.
    territories : DataFrame or mapping, optional
        The planner's territories (:func:`avs_geo.load_territories`): the diagnostic
        sheets are then by territory and EPCI. Needs ``communes``.
    progress : callable, optional
        ``progress(done, total)`` after each sheet written (see :func:`avs_geo.to_excel`).
    without_zone : DataFrame, optional
        The structures left without a zone ("à définir", empty): when there are some,
        a ``Sans zone`` sheet lists them (``avs_geo.report.tables.no_zone_table``).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import openpyxl, pandas as pd
    >>> coverage = pd.DataFrame({
    ...     "code_qpv": [f"QP059{i:03d}" for i in range(91)],
    ...     "coverage_status": ["full"] * 70 + ["partial"] * 8 + ["none"] * 13,
    ... })
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_report(coverage, pathlib.Path(folder) / "couverture.xlsx",
    ...                         date="2022-12-31", territory="du département")
    ...     book = openpyxl.load_workbook(path)
    >>> book.sheetnames
    ['Synthèse', 'QPV', 'Méthode']
    """
    first: Any = coverage
    coverage, path = data_then_path(first, path, "write_report")
    _check_language(language)
    check_coverage(coverage)
    full_min, none_max = check_classes(coverage, full_min=full_min, none_max=none_max)
    sheets = REPORT_SHEETS[language]
    summary = coverage_summary(coverage, date=date, territory=territory, language=language)
    tables: dict[str, pd.DataFrame] = {sheets["summary"]: summary}
    if by is not None:
        with warnings.catch_warnings():  # the same coverage: its warnings came above
            warnings.simplefilter("ignore", AvsGeoWarning)
            grouped = coverage_summary(
                coverage, by=by, epci=epci, date=date, territory=territory, language=language
            )
        label = " et " if language == "fr" else " and "
        name = sheets["by"].format(by=label.join(grouped.group_columns))
        for forbidden in "[]:*?/\\":
            name = name.replace(forbidden, " ")
        tables[name[:31]] = grouped
    tables[sheets["qpv"]] = qpv_table(coverage, zones=zones, language=language)
    if zones is not None:
        tables[sheets["zones"]] = structure_table(coverage, zones, language=language)
    if without_zone is not None and len(without_zone):
        tables[sheets["no_zone"]] = no_zone_table(without_zone, language=language)
    if communes is None and (structures is not None or territories is not None):
        raise ParameterError(
            message(MESSAGES, "communes_needed"),
            parameters=("communes",),
        )
    if communes is not None:
        diagnostic = diagnostic_tables(
            communes,
            structures=structures,
            territories=territories,
            at=summary.date,
            coverage=coverage,
            language=language,
        )
        for key, table in diagnostic.items():
            tables[sheets[key]] = table
    method = method_table(
        coverage,
        zones=zones,
        summary=summary,
        sources=sources,
        full_min=full_min,
        none_max=none_max,
        language=language,
    )
    if by is not None and grouped.exploded:
        text = METHOD_TEXT[language]
        item, value = METHOD_HEADERS[language]
        extra = pd.DataFrame({item: [text["grouping"]], value: [text["grouping_value"]]})
        method = pd.concat([method, extra], ignore_index=True)
    words = REPORT_TITLES[language]
    place = f" {summary.territory}" if summary.territory else ""
    situation = (
        words["at"].format(date=format_date(summary.date, language=language))
        if summary.date
        else words["all_dates"]
    )
    title = (words["title"].format(territory=place), situation)
    lists = (sheets["qpv"], sheets["zones"], sheets["no_zone"], sheets["communes"])
    diagnostic_title = (words["territories"].format(territory=place), situation)
    titles = {
        name: diagnostic_title if name in (sheets["territories"], sheets["network"]) else title
        for name in tables
        if name not in lists
    }
    return to_excel(
        tables,
        path,
        method=method,
        language=language,
        when=when,
        titles=titles,
        progress=progress,
    )
