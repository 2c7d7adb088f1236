"""The coverage over several dates as tables a planner reads (``avs-geo evolution``).

:func:`evolution_table` words the rows of ``coverage_series`` (one per date, and group);
:func:`changes_table` the class of each QPV at each date and its change from the first
date to the last (``class_changes``). Headers in French or English, shares in %.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from avs_geo._i18n import STATUS_LABELS, Language, _check_language
from avs_geo._i18n.report import EVOLUTION_HEADERS, GROUP_HEADERS
from avs_geo._table import FormatKind, Table, with_formats

__all__ = ["CHANGE_ORDER", "changes_table", "day_text", "evolution_table"]

CHANGE_ORDER = ("better", "worse", "same")
"""Order of the QPV in :func:`changes_table`: better covered, less covered, unchanged."""


def day_text(day: dt.date, language: Language = "fr") -> str:
    """A date as the evolution tables write it: ``31/12/2022`` in French, ISO in English.

    Examples
    --------
    >>> day_text(dt.date(2022, 12, 31)), day_text(dt.date(2022, 12, 31), "en")
    ('31/12/2022', '2022-12-31')
    """
    return day.strftime("%d/%m/%Y") if language == "fr" else day.isoformat()


def evolution_table(
    series: pd.DataFrame, *, by: str | None = None, language: Language = "fr"
) -> Table:
    """The coverage at each date: QPV per class, population covered and its share in %.

    Parameters
    ----------
    series : DataFrame
        :func:`avs_geo.coverage_series` (or ``series_table``).
    by : str, optional
        The group column of ``series``, kept after the date.
    language : {"fr", "en"}, default "fr"

    Examples
    --------
    >>> series = pd.DataFrame({"date": [dt.date(2021, 12, 31)], "n_full": [2], "n_partial": [1],
    ...     "n_none": [1], "n_qpv": [4], "population": [4000.0],
    ...     "covered_population": [2500.0], "covered_share": [0.625]})
    >>> table = evolution_table(series)
    >>> table.columns.tolist()[:2], table.columns.tolist()[-1]
    (['Date', 'QPV couverts en totalité'], 'Part de la population couverte (%)')
    >>> table.iloc[0, 0], int(table.iloc[0, 1]), float(table.iloc[0, -1])
    ('31/12/2021', 2, 62.5)
    """
    _check_language(language)
    h = EVOLUTION_HEADERS[language]
    out = pd.DataFrame({h["date"]: [day_text(d, language) for d in series["date"]]})
    formats: dict[str, FormatKind] = {h["date"]: "text"}
    if by is not None:
        header = GROUP_HEADERS[language].get(by, by)
        out[header] = series[by].astype("string").to_numpy()
        formats[header] = "text"
    for key in ("n_full", "n_partial", "n_none", "n_qpv"):
        out[h[key]] = series[key].astype(int).to_numpy()
        formats[h[key]] = "integer"
    for key in ("population", "covered_population"):
        out[h[key]] = pd.to_numeric(series[key], errors="coerce").round(0).to_numpy()
        formats[h[key]] = "integer"
    share = pd.to_numeric(series["covered_share"], errors="coerce") * 100
    out[h["covered_share"]] = share.round(1).to_numpy()
    formats[h["covered_share"]] = "percent1"
    return with_formats(out, formats)


def changes_table(changes: pd.DataFrame, *, language: Language = "fr") -> Table:
    """Each QPV's class at each date and its change, better covered first.

    Parameters
    ----------
    changes : DataFrame
        ``avs_geo.coverage.series.class_changes``.
    language : {"fr", "en"}, default "fr"

    Examples
    --------
    >>> changes = pd.DataFrame({"code_qpv": ["Q2", "Q1"], "nom_qpv": ["B", "A"],
    ...     "status_first": ["full", "none"], "status_last": ["full", "partial"],
    ...     "ratio_first": [1.0, 0.0], "ratio_last": [1.0, 0.5], "change": ["same", "better"],
    ...     "changed_between": [False, True], "status_2021-12-31": ["full", "none"],
    ...     "status_2022-12-31": ["full", "partial"]})
    >>> changes_table(changes).iloc[:, [0, 4]].values.tolist()
    [['Q1', 'Mieux couvert'], ['Q2', 'Inchangé']]
    """
    _check_language(language)
    h = EVOLUTION_HEADERS[language]
    labels = STATUS_LABELS[language]
    days = [
        dt.date.fromisoformat(c.removeprefix("status_"))
        for c in changes.columns
        if c.startswith("status_") and c not in ("status_first", "status_last")
    ]
    order = changes["change"].map({c: i for i, c in enumerate(CHANGE_ORDER)})
    rows = changes.assign(_order=order.to_numpy()).sort_values(
        ["_order", "code_qpv"], kind="stable"
    )
    first, last = day_text(days[0], language), day_text(days[-1], language)
    out = pd.DataFrame(
        {h["code"]: rows["code_qpv"].to_numpy(), h["name"]: rows["nom_qpv"].to_numpy()}
    )
    formats: dict[str, FormatKind] = {h["code"]: "text", h["name"]: "text"}
    for day in days:
        header = h["status"].format(date=day_text(day, language))
        out[header] = rows[f"status_{day.isoformat()}"].map(labels).to_numpy()
        formats[header] = "text"
    change = h["change"].format(first=first, last=last)
    out[change] = rows["change"].map(lambda c: h[str(c)]).to_numpy()
    formats[change] = "text"
    if len(days) > 2:
        out[h["changed_between"]] = np.where(rows["changed_between"], h["yes"], h["no"])
        formats[h["changed_between"]] = "text"
    for key, when in (("ratio_first", first), ("ratio_last", last)):
        header = h[key].format(date=when)
        if header in out.columns:  # one date only: the two rates are the same column
            continue
        out[header] = (pd.to_numeric(rows[key], errors="coerce") * 100).round(1).to_numpy()
        formats[header] = "percent1"
    return with_formats(out, formats)
