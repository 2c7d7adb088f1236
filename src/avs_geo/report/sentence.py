"""The sentence a report prints under the coverage table."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from avs_geo._dates import format_date, parse_date
from avs_geo._i18n import STATUS_LABELS, STATUSES, Language, _check_language, message
from avs_geo._i18n.report import MESSAGES, OFFER, SENTENCE_CAF, SENTENCE_PHRASES, SENTENCE_VERBS
from avs_geo._typography import format_number, format_percent
from avs_geo.errors import InputTypeError, ParameterError, SchemaError, format_ids
from avs_geo.report.summary import SUMMARY_HEADERS, TOTAL_LABEL, CoverageSummary

__all__ = ["OFFER", "coverage_sentence"]


# Fixed parts of the sentence.

# Verbs that agree with the number of QPV: (singular, plural).


def _check_headers(summary: pd.DataFrame, language: Language) -> None:
    """Raise when ``summary`` lacks the headers of a summary in ``language``."""
    headers = SUMMARY_HEADERS[language]
    if {headers["status"], headers["n"], headers["share"]} <= set(summary.columns):
        return
    hint = ""
    for other, words in SUMMARY_HEADERS.items():
        if other != language and words["n"] in summary.columns:
            hint = message(MESSAGES, "other_language", other=other)
    raise SchemaError(
        message(
            MESSAGES,
            "not_summary",
            language=language,
            columns=format_ids(map(str, summary.columns)),
            hint=hint,
        )
    )


def _select_group(summary: pd.DataFrame, group: object, headers: dict[str, str]) -> pd.DataFrame:
    named = summary.group_columns if isinstance(summary, CoverageSummary) else ()
    if named and set(named) <= set(summary.columns):
        group_columns = list(named)
    else:  # a plain DataFrame (or a concat): the columns that are not the summary's own
        known = set(headers.values())
        group_columns = [c for c in summary.columns if c not in known]
    if not group_columns:
        if group is not None:
            raise ParameterError(message(MESSAGES, "not_grouped"))
        return summary
    keys = list(summary[group_columns].drop_duplicates().itertuples(index=False, name=None))
    if group is None:
        if len(keys) == 1:
            return summary
        raise ParameterError(
            message(
                MESSAGES,
                "which_group",
                n=len(keys),
                columns=", ".join(group_columns),
                groups=format_ids(k[0] if len(k) == 1 else k for k in keys),
            )
        )
    wanted = group if isinstance(group, tuple) else (group,)
    if wanted not in keys:
        raise ParameterError(
            message(
                MESSAGES,
                "unknown_group",
                group=group,
                groups=format_ids(k[0] if len(k) == 1 else k for k in keys),
            )
        )
    mask = pd.Series(True, index=summary.index)
    for column, value in zip(group_columns, wanted, strict=True):
        mask &= summary[column] == value
    return summary[mask]


def coverage_sentence(
    summary: pd.DataFrame,
    *,
    group: object = None,
    date: object = None,
    territory: str | None = None,
    offer: str | None = None,
    language: Language | None = None,
    decimals: int | None = None,
    style: Literal["default", "caf"] = "default",
) -> str:
    """The sentence a report prints for a :func:`coverage_summary` table.

    Parameters
    ----------
    summary : CoverageSummary or DataFrame
        The result of :func:`coverage_summary`. A plain DataFrame with its headers
        works too: pass then ``date``, ``territory``, ``language`` and ``decimals``.
    group : object, optional
        The group to phrase when the summary was grouped with ``by=`` (a tuple when
        grouped by several columns).
    date : date, str or False, optional
        Overrides ``summary.date``; ``False`` leaves the date out.
    territory : str, optional
        Overrides ``summary.territory`` (``"du département"``); ``""`` leaves it out.
    offer : str, optional
        What covers the QPV; default ``"une offre d'animation de la vie sociale"``.
    language : {"fr", "en"}, optional
        The language of the sentence; default ``summary.language``. For a plain
        DataFrame it is also the language of its headers (default ``"fr"``).
    decimals : int, optional
        Decimals of the shares; default ``summary.decimals`` (1 for a plain DataFrame).
    style : {"default", "caf"}, default "default"
        ``"caf"``: the phrasing of the CAF reports, share first (``la couverture des 91
        QPV du Nord par ... est la suivante : 76,9 % (70 QPV) sont couverts en
        totalité, ...``).

    Returns
    -------
    str
        Counts with the shares of the summary (largest-remainder rounded, so they add up
        to 100 %), French number typography (decimal comma, no-break space U+00A0 before
        ``%`` and between thousands), singular or plural, classes with no QPV left out.

    Examples
    --------
    The no-break spaces before ``%`` show as ``\\xa0`` below.

    >>> import pandas as pd
    >>> from avs_geo.report.summary import coverage_summary
    >>> coverage = pd.DataFrame({
    ...     "code_qpv": [f"QP059{i:03d}" for i in range(91)],
    ...     "coverage_status": ["full"] * 70 + ["partial"] * 8 + ["none"] * 13,
    ... })
    >>> summary = coverage_summary(coverage, date="2022-12-31", territory="du département")
    >>> print(coverage_sentence(summary))  # doctest: +NORMALIZE_WHITESPACE
    Au 31 décembre 2022, sur les 91 QPV du département, 70 (76,9\\xa0%) sont couverts en
    totalité par une offre d'animation de la vie sociale, 8 (8,8\\xa0%) partiellement et 13
    (14,3\\xa0%) ne sont pas couverts.
    >>> print(coverage_sentence(summary, date=False, territory=""))
    ... # doctest: +NORMALIZE_WHITESPACE
    Sur les 91 QPV, 70 (76,9\\xa0%) sont couverts en totalité par une offre d'animation de la
    vie sociale, 8 (8,8\\xa0%) partiellement et 13 (14,3\\xa0%) ne sont pas couverts.
    >>> print(coverage_sentence(summary, territory="du Nord", style="caf"))
    ... # doctest: +NORMALIZE_WHITESPACE
    Au 31 décembre 2022, la couverture des 91 QPV du Nord par une offre d'animation de la
    vie sociale est la suivante\\xa0: 76,9\\xa0% (70 QPV) sont couverts en totalité, 8,8\\xa0%
    (8 QPV) partiellement et 14,3\\xa0% (13 QPV) ne sont pas couverts.
    """
    if not isinstance(summary, pd.DataFrame):
        raise InputTypeError(message(MESSAGES, "summary_type", got=type(summary).__name__))
    if "coverage_status" in summary.columns:
        raise InputTypeError(message(MESSAGES, "summary_is_coverage"))
    if language is not None:
        _check_language(language)
    if style not in ("default", "caf"):
        raise ParameterError(message(MESSAGES, "style", got=style))
    if isinstance(summary, CoverageSummary):
        own, table_language = summary, summary.language
    else:  # a plain DataFrame: its headers are in the language given (default French)
        own, table_language = CoverageSummary(), language or "fr"
    language = table_language if language is None else language
    _check_headers(summary, table_language)
    headers = SUMMARY_HEADERS[table_language]
    rows = _select_group(summary, group, headers)
    by_label = dict(zip(rows[headers["status"]], rows.index, strict=False))
    labels = [STATUS_LABELS[table_language][s] for s in STATUSES]
    lacking = [label for label in labels if label not in by_label]
    if lacking:
        raise SchemaError(message(MESSAGES, "summary_rows", rows=format_ids(lacking)))
    n_column = rows[headers["n"]].to_numpy(dtype="int64")
    share_column = rows[headers["share"]].to_numpy(dtype=float)
    position = {label: rows.index.get_loc(i) for label, i in by_label.items()}
    counts = {s: int(n_column[position[lab]]) for s, lab in zip(STATUSES, labels, strict=True)}
    shares = {
        s: float(share_column[position[lab]]) for s, lab in zip(STATUSES, labels, strict=True)
    }
    total = sum(counts.values())
    if TOTAL_LABEL[table_language] in position:
        total = int(n_column[position[TOTAL_LABEL[table_language]]])
    decimals = int(own.decimals if decimals is None else decimals)

    when = parse_date(own.date if date is None else (None if date is False else date))
    place = own.territory if territory is None else territory
    words = SENTENCE_PHRASES[language]
    verbs = SENTENCE_VERBS[language]
    what = OFFER[language] if offer is None else offer
    where = f" {place}" if place else ""
    intro = words["at"].format(date=format_date(when, language=language)) if when else ""

    present = [s for s in STATUSES if counts[s] > 0]
    if total == 0 or not present:
        body = words["none_listed"].format(territory=where)
    elif style == "caf":
        body = _caf_body(counts, shares, present, total, where, what, decimals, language)
    elif len(present) == 1:
        status = present[0]
        plural = int(total > 1)
        subject = words["the_all" if plural else "the_one"].format(
            n=format_number(total, language=language), territory=where
        )
        verb = verbs["none_alone" if status == "none" else status][plural].format(offer=what)
        body = f"{subject} {verb}."
    else:
        clauses = []
        for status in present:
            plural = int(counts[status] > 1)
            key = "partial_after_full" if status == "partial" and "full" in present else status
            verb = verbs[key][plural].format(offer=what)
            number = format_number(counts[status], language=language)
            share = format_percent(shares[status], decimals=decimals, language=language)
            clauses.append(f"{number} ({share}) {verb}")
        listed = ", ".join(clauses[:-1]) + words["and"] + clauses[-1]
        lead = words["of"].format(n=format_number(total, language=language), territory=where)
        body = f"{lead}{listed}."
    text = intro + body
    return text[0].upper() + text[1:]


def _caf_body(
    counts: dict[str, int],
    shares: dict[str, float],
    present: list[str],
    total: int,
    where: str,
    what: str,
    decimals: int,
    language: Language,
) -> str:
    """``la couverture des 91 QPV du Nord ... est la suivante : 76,9 % (70 QPV) ...``."""
    words = SENTENCE_CAF[language]
    lead = str(words["lead" if total > 1 else "lead_one"]).format(
        n=format_number(total, language=language), territory=where, offer=what
    )
    clauses = []
    for status in present:
        key = "partial_after_full" if status == "partial" and "full" in present else status
        verb = words[key][int(counts[status] > 1)]
        clauses.append(
            str(words["clause"]).format(
                share=format_percent(shares[status], decimals=decimals, language=language),
                n=format_number(counts[status], language=language),
                verb=verb,
            )
        )
    listed = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1])
    if len(clauses) > 1:
        listed += SENTENCE_PHRASES[language]["and"] + clauses[-1]
    return f"{lead}{listed}."
