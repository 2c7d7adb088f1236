"""The method sheet of the Sdsf report: thresholds, date, sources and the figures' basis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from avs_geo._dates import format_date
from avs_geo._i18n import METHOD_HEADERS, STATUS_LABELS, Language, _check_language
from avs_geo._typography import format_number, format_threshold
from avs_geo.coverage._frame import check_coverage
from avs_geo.report.sentence import coverage_sentence
from avs_geo.report.summary import coverage_summary

METHOD_TEXT = {
    "fr": {
        "sentence": "Phrase de synthèse",
        "date": "Date de la situation",
        "no_date": "non précisée",
        "qpv": "QPV",
        "qpv_value": "{n} QPV, {generation}",
        "generation": "génération {year} (codes {prefix}...)",
        "mixed": "générations mélangées (codes {prefixes}) : à vérifier",
        "structures": "Structures",
        "structures_value": "{n} zones d'intervention",
        "ratio": "Taux de couverture",
        "ratio_value": (
            "surface du QPV située dans l'union des zones d'intervention des structures "
            "÷ surface du QPV{crs}"
        ),
        "class": "Classe «\u00a0{label}\u00a0»",
        "full": "taux ≥ {full}",
        "partial": "{none} < taux < {full}",
        "none": "taux ≤ {none}",
        "thresholds": "Seuils des classes",
        "no_thresholds": "non transmis avec le tableau de couverture",
        "population": "Population couverte (estimée)",
        "population_value": (
            "population du QPV × taux de couverture : population supposée répartie "
            "uniformément dans le QPV, sauf si une population plus fine a été fournie au calcul"
        ),
        "shares": "Parts (%)",
        "shares_value": (
            "arrondies à {step} point par la méthode du plus fort reste (méthode de Hamilton) : "
            "les trois classes totalisent exactement 100\u00a0%"
        ),
        "grouping": "Regroupement",
        "grouping_value": (
            "un QPV situé sur plusieurs communes compte dans chacune d'elles : la somme des "
            "blocs dépasse le total"
        ),
        "lost": "Perte en cas de fermeture (feuille Structures)",
        "lost_value": (
            "partie des QPV couverte par cette structure et par aucune autre, et sa population "
            "(pondération par la surface)"
        ),
        "unknown": "QPV de population inconnue",
        "made": "Produit avec",
        "made_value": "avs_geo {version}, le {today}",
        "source": "Source\u00a0: ",
    },
    "en": {
        "sentence": "Summary sentence",
        "date": "Date of the situation",
        "no_date": "not given",
        "qpv": "QPV",
        "qpv_value": "{n} QPV, {generation}",
        "generation": "{year} generation (codes '{prefix}...')",
        "mixed": "mixed generations (codes {prefixes}): check",
        "structures": "Structures",
        "structures_value": "{n} intervention zones",
        "ratio": "Coverage rate",
        "ratio_value": "area of the QPV inside the union of the structures' zones ÷ QPV area{crs}",
        "class": "Class '{label}'",
        "full": "rate ≥ {full}",
        "partial": "{none} < rate < {full}",
        "none": "rate ≤ {none}",
        "thresholds": "Class thresholds",
        "no_thresholds": "not given with the coverage table",
        "population": "Covered population (estimated)",
        "population_value": (
            "QPV population × coverage rate: population assumed spread evenly in the QPV, "
            "unless a finer population layer was given to the computation"
        ),
        "shares": "Shares (%)",
        "shares_value": (
            "rounded to {step} point by the largest-remainder (Hamilton) method: the three "
            "classes add up to exactly 100%"
        ),
        "grouping": "Grouping",
        "grouping_value": (
            "a QPV spanning several municipalities counts in each of them: the blocks add up "
            "to more than the total"
        ),
        "lost": "Loss if a structure closed (Structures sheet)",
        "lost_value": (
            "part of the QPV covered by this structure and no other, and its population "
            "(area weighted)"
        ),
        "unknown": "QPV of unknown population",
        "made": "Made with",
        "made_value": "avs_geo {version}, on {today}",
        "source": "Source: ",
    },
}

_GENERATIONS = {"QP": "2015", "QN": "2024"}


def method_table(
    coverage: pd.DataFrame,
    *,
    zones: pd.DataFrame | None = None,
    summary: pd.DataFrame | None = None,
    sources: Mapping[str, str] | None = None,
    language: Language = "fr",
) -> pd.DataFrame:
    """The "Méthode" sheet: the sentence, data vintages, thresholds and formulas used.

    Parameters
    ----------
    coverage : DataFrame
        Per-QPV coverage; its ``attrs`` give the thresholds, its codes the QPV
        generation (``QP``: 2015, ``QN``: 2024).
    zones : DataFrame, optional
        The zones, to count them.
    summary : DataFrame, optional
        A :func:`coverage_summary` (not grouped), for the sentence and the date.
    sources : mapping, optional
        Item -> source and vintage, e.g. ``{"Population": "INSEE, recensement 2018"}``;
        a source for an item the table already has (``"QPV"``) is appended to it.
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    DataFrame
        Two columns, ``Élément`` and ``Valeur`` (``Item``, ``Value``).

    Examples
    --------
    >>> import pandas as pd
    >>> coverage = pd.DataFrame({"code_qpv": ["QP059001"], "coverage_status": ["full"]})
    >>> coverage.attrs = {"full_min": 0.95, "none_max": 0.05}
    >>> table = method_table(coverage, sources={"Population": "INSEE 2018"})
    >>> table["Valeur"].iloc[1:3].tolist()
    ['non précisée', '1 QPV, génération 2015 (codes QP...)']
    >>> table["Valeur"].iloc[4:7].tolist()
    ['taux ≥ 95\\xa0%', '5\\xa0% < taux < 95\\xa0%', 'taux ≤ 5\\xa0%']
    """
    _check_language(language)
    check_coverage(coverage)
    text = METHOD_TEXT[language]
    if summary is None:
        summary = coverage_summary(coverage, language=language)
    rows: dict[str, str] = {}
    if not summary.attrs.get("by"):
        rows[text["sentence"]] = coverage_sentence(summary, language=language)
    day = summary.attrs.get("date")
    rows[text["date"]] = format_date(day, language=language) if day else text["no_date"]

    prefixes = sorted({str(c)[:2] for c in coverage["code_qpv"]})
    if len(prefixes) == 1 and prefixes[0] in _GENERATIONS:
        generation = text["generation"].format(year=_GENERATIONS[prefixes[0]], prefix=prefixes[0])
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

    full_min, none_max = coverage.attrs.get("full_min"), coverage.attrs.get("none_max")
    labels = STATUS_LABELS[language]
    if full_min is not None and none_max is not None:
        values = {
            "full": format_threshold(full_min, language=language),
            "none": format_threshold(none_max, language=language),
        }
        for status in ("full", "partial", "none"):
            rows[text["class"].format(label=labels[status])] = text[status].format(**values)
    else:
        rows[text["thresholds"]] = text["no_thresholds"]
    crs = getattr(coverage, "crs", None)
    where = f" ({crs.to_string()})" if crs is not None else ""
    rows[text["ratio"]] = text["ratio_value"].format(crs=where)
    rows[text["population"]] = text["population_value"]
    decimals = int(summary.attrs.get("decimals", 1))
    step = format_number(10.0**-decimals, decimals=decimals, language=language)
    rows[text["shares"]] = text["shares_value"].format(step=step)
    if summary.attrs.get("exploded"):
        rows[text["grouping"]] = text["grouping_value"]
    if zones is not None:
        rows[text["lost"]] = text["lost_value"]
    unknown = summary.attrs.get("population_unknown") or []
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
