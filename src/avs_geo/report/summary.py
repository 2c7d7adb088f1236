"""The headline coverage table of the Sdsf and the CAF's activity report.

:func:`coverage_summary` counts the QPV of each coverage class, with their share and
population, by territory on request. It takes the coverage frame of
:func:`avs_geo.compute_coverage` (a plain DataFrame is enough: no geometry is needed).
The sentence under the table is in :mod:`avs_geo.report.sentence`, the per-QPV table in
:mod:`avs_geo.report.tables`, the per-structure table in :mod:`avs_geo.coverage.structures`.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from avs_geo._dates import parse_date
from avs_geo._i18n import STATUS_LABELS, STATUSES, Language, _check_language, message
from avs_geo._i18n.report import (
    GROUP_HEADERS,
    MESSAGES,
    MISSING_GROUP,
    SUMMARY_HEADERS,
    TOTAL_LABEL,
)
from avs_geo._table import FormatKind, Table
from avs_geo._typography import largest_remainder
from avs_geo._validate import check_columns
from avs_geo.coverage._frame import check_coverage, numeric_column
from avs_geo.errors import (
    AvsGeoWarning,
    ParameterError,
    SchemaError,
    UnknownCodeError,
    format_ids,
)

__all__ = ["SUMMARY_HEADERS", "CoverageSummary", "coverage_summary"]

SUMMARY_FORMATS: dict[str, FormatKind] = {
    "n": "integer",
    "share": "percent1",
    "population": "integer",
    "population_share": "percent1",
}
"""Format of each numeric column of :func:`coverage_summary` (keys of SUMMARY_HEADERS)."""


class CoverageSummary(Table):
    """The table of :func:`coverage_summary`: a DataFrame, plus what its sentence needs.

    The attributes are set by :func:`coverage_summary` and kept through selections
    (``summary[summary["Département"] == "59"]``); :func:`avs_geo.coverage_sentence`
    and :func:`avs_geo.method_table` read them, and explicit arguments override them.

    Attributes
    ----------
    date : datetime.date or None
        Date of the situation.
    territory : str or None
        How the sentence names the territory (``"du département"``).
    language : {"fr", "en"}
        Language of the headers and labels.
    decimals : int
        Decimals of the shares.
    by : tuple of str
        The coverage columns grouped by (empty: not grouped).
    group_columns : tuple of str
        Their headers in the table.
    exploded : bool
        True when a QPV counts in several blocks (intercommunal QPV by commune).
    population_unknown : tuple of str
        Codes of the QPV of unknown population.
    formats : dict
        Header -> kind of each numeric column (see ``avs_geo._table``).
    """

    _metadata: ClassVar[list[str]] = [
        "formats",
        "date",
        "territory",
        "language",
        "decimals",
        "by",
        "group_columns",
        "exploded",
        "population_unknown",
    ]
    date: dt.date | None = None
    territory: str | None = None
    language: Language = "fr"
    decimals: int = 1
    by: tuple[str, ...] = ()
    group_columns: tuple[str, ...] = ()
    exploded: bool = False
    population_unknown: tuple[str, ...] = ()


# Contract columns that hold several values in one string (intercommunal QPV).
MULTI_VALUED = {"communes": ",", "code_insee": ";"}


def _split(values: pd.Series, sep: str) -> pd.Series:
    """``"59350;59360"`` -> ``("59350", "59360")``; missing -> ``()``."""
    return values.map(
        lambda v: tuple(p.strip() for p in v.split(sep) if p.strip()) if isinstance(v, str) else ()
    ).astype(object)


def _group_values(coverage: pd.DataFrame, column: str, epci: Mapping[str, str] | None) -> pd.Series:
    """The value(s) of ``column`` for each QPV: a scalar, or a tuple to be exploded."""
    if column in coverage.columns:
        if column in MULTI_VALUED:
            return _split(coverage[column], MULTI_VALUED[column])
        return coverage[column].astype(object)
    if column == "commune" and "communes" in coverage.columns:
        return _split(coverage["communes"], MULTI_VALUED["communes"])
    if column == "epci" and epci is not None:
        check_columns(coverage, ["code_insee"], "coverage", hint=message(MESSAGES, "epci_hint"))
        codes = _split(coverage["code_insee"], MULTI_VALUED["code_insee"])
        unknown = sorted({c for t in codes for c in t if c not in epci})
        if unknown:
            raise UnknownCodeError(
                message(MESSAGES, "epci_unknown", n=len(unknown), ids=format_ids(unknown))
            )
        return codes.map(lambda t: tuple(sorted({epci[c] for c in t}))).astype(object)
    hint = ""
    if column in ("epci", "epci_siren"):
        hint = message(MESSAGES, "epci_column")
    elif column == "territoire":
        hint = message(MESSAGES, "territory_column")
    raise SchemaError(
        message(
            MESSAGES,
            "no_group_column",
            column=column,
            columns=format_ids(map(str, coverage.columns)),
            hint=hint,
        )
    )


def _warn_missing_group(values: pd.Series, codes: pd.Series, column: str) -> None:
    """QPV with no EPCI or territory: named, since they form a ``Non renseigné`` block."""
    if column not in ("epci", "epci_siren", "territoire"):
        return
    empty = values.map(lambda v: v == () or v is None or (not isinstance(v, tuple) and pd.isna(v)))
    if empty.any():
        warnings.warn(
            message(
                MESSAGES,
                "missing_group",
                n=int(empty.sum()),
                column=column,
                ids=format_ids(codes[empty.to_numpy()]),
            ),
            AvsGeoWarning,
            stacklevel=3,
        )


def _sort_key(key: tuple[object, ...], missing: str) -> tuple[object, ...]:
    out: list[object] = []
    for value in key:
        if value == missing:
            out.append((2, ""))
        elif isinstance(value, int | float | np.number):
            out.append((0, float(value)))
        else:
            out.append((1, str(value)))
    return tuple(out)


def _block(
    status: np.ndarray, population: np.ndarray, *, decimals: int, language: Language
) -> dict[str, list[Any]]:
    """The four rows (classes then total) of one summary block, column by column."""
    known = ~np.isnan(population)
    counts = [int((status == s).sum()) for s in STATUSES]
    pops: list[float] = []
    for code, count in zip(STATUSES, counts, strict=True):
        in_class = status == code
        if not known.any() or (count and not known[in_class].any()):
            pops.append(np.nan)  # QPV in this class, none with a known population
        else:
            pops.append(float(population[in_class & known].sum()))
    n = len(status)
    total_pop = float(population[known].sum()) if known.any() else np.nan
    shares = largest_remainder(counts, decimals=decimals) if n else np.full(3, np.nan)
    if known.any() and total_pop > 0:
        pop_shares = largest_remainder(np.nan_to_num(pops), decimals=decimals)
        pop_shares[np.isnan(pops)] = np.nan  # unknown, not 0 %
    else:
        pop_shares = np.full(3, np.nan)
    full = 100.0
    return {
        "status": [STATUS_LABELS[language][s] for s in STATUSES] + [TOTAL_LABEL[language]],
        "n": [*counts, n],
        "share": [*shares.tolist(), full if n else np.nan],
        "population": [*pops, total_pop],
        "population_share": [*pop_shares.tolist(), full if total_pop > 0 else np.nan],
    }


def coverage_summary(
    coverage: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    epci: Mapping[str, str] | None = None,
    date: object = None,
    territory: str | None = None,
    language: Language = "fr",
    decimals: int = 1,
) -> CoverageSummary:
    """The headline table: QPV and their population in each coverage class, with a total.

    Parameters
    ----------
    coverage : DataFrame
        Per-QPV coverage (:func:`avs_geo.compute_coverage`): ``code_qpv`` and
        ``coverage_status`` are required; ``population`` is used when present.
    by : str or list of str, optional
        Column(s) to group by, one block per group: ``"departement"``, ``"commune"``
        (names from ``communes``), ``"code_insee"``, ``"epci"`` (the column added by
        :func:`avs_geo.attach_epci`), ``"territoire"`` (added by
        :func:`avs_geo.attach_territories`) or any column the planner adds.
    epci : mapping, optional
        INSEE code -> EPCI name, used for ``by="epci"`` when ``coverage`` has no
        ``epci`` column.
    date : date or str, optional
        Date of the situation, kept for :func:`coverage_sentence`: ``"31/12/2022"`` (day
        first), ``"2022-12-31"``, ``"31 décembre 2022"`` or a date object.
    territory : str, optional
        How the sentence names the territory: ``"du département"``,
        ``"de la métropole"``...
    language : {"fr", "en"}, default "fr"
        Language of headers and labels.
    decimals : int, default 1
        Decimals of the shares.

    Returns
    -------
    CoverageSummary
        A DataFrame: one row per class (full, partial, none) then a ``Total`` row, per
        group; the group columns first, then ``Couverture``, ``Nombre de QPV``,
        ``Part des QPV (%)``, ``Population des QPV`` (nullable integer, whole persons)
        and ``Part de la population (%)``. Its attributes ``date``, ``territory``,
        ``by``, ``group_columns``, ``language``, ``decimals``, ``exploded``,
        ``population_unknown`` (codes of the QPV of unknown population) and
        ``formats`` (the number format of each column) are read by
        :func:`coverage_sentence` and the writers.

    Warns
    -----
    AvsGeoWarning
        When the population of some (not all) QPV is unknown: the population columns
        then count the QPV of known population only. When grouping by ``epci`` or
        ``territoire``, QPV with no value (named): they form the ``Non renseigné`` block.

    Notes
    -----
    Shares are rounded by the largest-remainder (Hamilton) method, so the three classes
    add up to exactly 100.0 % in each block, each share within 0.1 point of its exact
    value ``100 * n_class / n``. Naive rounding can give 99.9 % or 100.1 %. Population
    shares are computed the same way over the QPV of known population.

    Grouping by ``"commune"``, ``"code_insee"`` (or ``"epci"``) counts an
    intercommunal QPV (``code_insee`` ``"59350;59360"``) in the block of *each* of its
    communes, as the communes' own reports do: the blocks then add up to more than the
    department's total (``summary.exploded`` is true). Columns holding tuples are
    exploded the same way. QPV with no value in a ``by`` column form a ``Non renseigné``
    block: none is dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> coverage = pd.DataFrame({
    ...     "code_qpv": [f"QP059{i:03d}" for i in range(91)],
    ...     "coverage_status": ["full"] * 70 + ["partial"] * 8 + ["none"] * 13,
    ... })
    >>> summary = coverage_summary(coverage, date="2022-12-31", territory="du département")
    >>> print(summary.iloc[:, :3].to_string(index=False))
               Couverture  Nombre de QPV  Part des QPV (%)
      Couvert en totalité             70              76.9
    Couvert partiellement              8               8.8
              Non couvert             13              14.3
                    Total             91             100.0
    """
    _check_language(language)
    check_coverage(coverage)
    day = parse_date(date)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ParameterError(message(MESSAGES, "decimals", got=decimals))
    by_list: list[str] = [] if by is None else [by] if isinstance(by, str) else list(by)
    if len(set(by_list)) != len(by_list) or not all(isinstance(b, str) for b in by_list):
        raise SchemaError(message(MESSAGES, "by_distinct", got=by))

    codes = coverage["code_qpv"].astype(str)
    population = numeric_column(coverage)
    unknown = codes[np.isnan(population)].tolist()
    if 0 < len(unknown) < len(codes):
        warnings.warn(
            message(
                MESSAGES,
                "population_unknown",
                n=len(unknown),
                total=len(codes),
                ids=format_ids(unknown),
            ),
            AvsGeoWarning,
            stacklevel=2,
        )

    work = pd.DataFrame(
        {"_status": coverage["coverage_status"].to_numpy(), "_population": population},
        index=pd.RangeIndex(len(coverage)),
    )
    exploded = False
    keys = [f"_by{i}" for i in range(len(by_list))]
    for key, column in zip(keys, by_list, strict=True):
        values = _group_values(coverage, column, epci)
        _warn_missing_group(values, codes, column)
        work[key] = values.to_numpy()
        if values.map(lambda v: isinstance(v, tuple | list)).any():
            exploded = True
            work = work.explode(key)
    missing = MISSING_GROUP[language]
    for key in keys:
        work[key] = work[key].map(lambda v: missing if v is None or pd.isna(v) else v)

    headers = SUMMARY_HEADERS[language]
    group_headers = [GROUP_HEADERS[language].get(c, c) for c in by_list]
    groups: dict[tuple[Hashable, ...], pd.DataFrame]
    ordered: list[tuple[Hashable, ...]]
    if keys:
        groups = {
            k if isinstance(k, tuple) else (k,): g
            for k, g in work.groupby(keys, sort=False, dropna=False)
        }
        ordered = sorted(groups, key=lambda k: _sort_key(k, missing))
    else:
        groups = {(): work}
        ordered = [()]

    parts = []
    for group_key in ordered:
        group = groups[group_key]
        block = _block(
            group["_status"].to_numpy(),
            group["_population"].to_numpy(dtype=float),
            decimals=decimals,
            language=language,
        )
        frame = pd.DataFrame({headers[k]: v for k, v in block.items()})
        for position, (header, value) in enumerate(zip(group_headers, group_key, strict=True)):
            frame.insert(position, header, [value] * len(frame))
        parts.append(frame)
    if parts:
        summary = pd.concat(parts, ignore_index=True)
    else:  # grouped, and no QPV at all: no block
        summary = pd.DataFrame(columns=[*group_headers, *headers.values()])
    summary[headers["n"]] = summary[headers["n"]].astype("int64")
    summary[headers["population"]] = summary[headers["population"]].round().astype("Int64")
    out = CoverageSummary(summary)
    out.formats = {headers[k]: kind for k, kind in SUMMARY_FORMATS.items()}
    out.date = day
    out.territory = territory
    out.language = language
    out.decimals = decimals
    out.by = tuple(by_list)
    out.group_columns = tuple(group_headers)
    out.exploded = exploded
    out.population_unknown = tuple(unknown)
    return out
