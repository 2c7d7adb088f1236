"""The method sheet of the Sdsf report: thresholds, date, sources and the figures' basis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from avs_geo._codes import QPV_GENERATIONS
from avs_geo._crs import measured_in
from avs_geo._dates import format_date
from avs_geo._i18n import METHOD_HEADERS, STATUS_LABELS, Language, _check_language
from avs_geo._i18n.report import METHOD_TEXT
from avs_geo._typography import format_number, format_threshold
from avs_geo.coverage._frame import check_coverage
from avs_geo.coverage.classify import check_classes
from avs_geo.report.sentence import coverage_sentence
from avs_geo.report.summary import CoverageSummary, coverage_summary

__all__ = ["METHOD_TEXT", "method_table"]


def method_table(
    coverage: pd.DataFrame,
    *,
    zones: pd.DataFrame | None = None,
    summary: pd.DataFrame | None = None,
    sources: Mapping[str, str] | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    language: Language = "fr",
) -> pd.DataFrame:
    """The "Méthode" sheet: the sentence, data vintages, thresholds and formulas used.

    Parameters
    ----------
    coverage : DataFrame
        Per-QPV coverage; its codes give the QPV generation (``QP``: 2015,
        ``QN``: 2024).
    zones : DataFrame, optional
        The zones, to count them.
    summary : CoverageSummary, optional
        A :func:`coverage_summary` (not grouped), for the sentence and the date.
    sources : mapping, optional
        Item -> source and vintage, e.g. ``{"Population": "INSEE, recensement 2018"}``;
        a source for an item the table already has (``"QPV"``) is appended to it.
    full_min, none_max : float, optional
        By default those ``coverage`` was made with (its ``full_min`` and ``none_max``
        columns, else 0.95 and 0.05).
        The thresholds given to :func:`avs_geo.compute_coverage`; checked against the
        classes of ``coverage`` when it has ``coverage_ratio``
        (:func:`avs_geo.coverage.classify.check_classes`).
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    DataFrame
        Two columns, ``Élément`` and ``Valeur`` (``Item``, ``Value``).

    Examples
    --------
    >>> import pandas as pd
    >>> coverage = pd.DataFrame({"code_qpv": ["QP059001"], "coverage_status": ["full"]})
    >>> table = method_table(coverage, sources={"Population": "INSEE 2018"})
    >>> table["Valeur"].iloc[1:3].tolist()
    ['non précisée', '1 QPV, génération 2015 (codes QP...)']
    >>> table["Valeur"].iloc[4:7].tolist()
    ['taux ≥ 95\\xa0%', '5\\xa0% < taux < 95\\xa0%', 'taux ≤ 5\\xa0%']
    """
    _check_language(language)
    check_coverage(coverage)
    full_min, none_max = check_classes(coverage, full_min=full_min, none_max=none_max)
    text = METHOD_TEXT[language]
    if summary is None:
        summary = coverage_summary(coverage, language=language)
    context = summary if isinstance(summary, CoverageSummary) else CoverageSummary()
    rows: dict[str, str] = {}
    if not context.by:
        rows[text["sentence"]] = coverage_sentence(summary, language=language)
    day = context.date
    rows[text["date"]] = format_date(day, language=language) if day else text["no_date"]
    if day:
        rows[text["active"]] = text["active_value"]

    prefixes = sorted({str(c)[:2] for c in coverage["code_qpv"]})
    if len(prefixes) == 1 and prefixes[0] in QPV_GENERATIONS:
        generation = text["generation"].format(
            year=QPV_GENERATIONS[prefixes[0]], prefix=prefixes[0]
        )
    else:
        generation = text["mixed"].format(prefixes=", ".join(prefixes))
    rows[text["qpv"]] = text["qpv_value"].format(
        n=format_number(len(coverage), language=language), generation=generation
    )
    for item, source in (sources or {}).items():
        key = str(item)
        rows[key] = f"{rows[key]}. {text['source']}{source}" if key in rows else str(source)
    if zones is not None:
        rows[text["structures"]] = text["structures_value"].format(n=len(zones))

    labels = STATUS_LABELS[language]
    values = {
        "full": format_threshold(full_min, language=language),
        "none": format_threshold(none_max, language=language),
    }
    for status in ("full", "partial", "none"):
        rows[text["class"].format(label=labels[status])] = text[status].format(**values)
    crs = getattr(coverage, "crs", None)
    # Each territory's areas are measured in its own projection (avs_geo._crs).
    where = text["measured"].format(crs=measured_in(coverage)) if crs is not None else ""
    rows[text["ratio"]] = text["ratio_value"].format(crs=where)
    rows[text["population"]] = text["population_value"]
    decimals = context.decimals
    step = format_number(10.0**-decimals, decimals=decimals, language=language)
    rows[text["shares"]] = text["shares_value"].format(step=step)
    if context.exploded:
        rows[text["grouping"]] = text["grouping_value"]
    if zones is not None:
        rows[text["lost"]] = text["lost_value"]
    unknown = context.population_unknown
    if 0 < len(unknown) < len(coverage):
        rows[text["unknown"]] = ", ".join(unknown)
    try:
        release = version("avs_geo")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        release = "(source)"
    today = format_date(dt.date.today(), language=language)
    rows[text["made"]] = text["made_value"].format(version=release, today=today)
    item, value = METHOD_HEADERS[language]
    return pd.DataFrame({item: list(rows), value: list(rows.values())})
