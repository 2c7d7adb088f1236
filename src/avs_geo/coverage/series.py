"""Coverage over several dates: classes and population covered, per date (and group)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from avs_geo._dates import parse_date
from avs_geo._i18n import STATUSES, message
from avs_geo._i18n.coverage import MESSAGES
from avs_geo.coverage.classify import DEFAULT_FULL_MIN, DEFAULT_NONE_MAX
from avs_geo.coverage.measure import compute_coverage
from avs_geo.errors import ParameterError
from avs_geo.zones import build_zones

__all__ = ["check_dates", "class_changes", "coverage_series", "series_table"]


def coverage_series(
    qpv: gpd.GeoDataFrame,
    structures: gpd.GeoDataFrame,
    *,
    dates: Sequence[object],
    communes: gpd.GeoDataFrame,
    by: str | None = None,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
) -> pd.DataFrame:
    """The coverage of the QPV at each date: QPV per class and population covered.

    At each date the zones of the structures active then are built
    (:func:`avs_geo.build_zones` with ``at=``) and the coverage measured
    (:func:`avs_geo.compute_coverage`); one row per date (and group).

    Parameters
    ----------
    qpv, structures, communes : GeoDataFrame
        As for :func:`avs_geo.build_zones` and :func:`avs_geo.compute_coverage`.
    dates : sequence of date or str
        The dates, in any form ``avs_geo._dates.parse_date`` reads; rows come in
        date order.
    by : str, optional
        A column of the coverage (``"departement"``...) to count per group.
    full_min, none_max : float
        The class thresholds.

    Returns
    -------
    DataFrame
        ``date``, the ``by`` column when given, ``n_full``, ``n_partial``, ``n_none``,
        ``n_qpv``, ``population`` (QPV of known population), ``covered_population``
        (area-weighted estimate) and ``covered_share`` (``covered_population /
        population``, NaN when no population is known).
    """
    days = check_dates(dates)
    coverages = {
        day: compute_coverage(
            qpv,
            build_zones(structures, communes=communes, qpv=qpv, at=day),
            full_min=full_min,
            none_max=none_max,
        )
        for day in days
    }
    return series_table(coverages, by=by)


def check_dates(dates: Sequence[object]) -> list[dt.date]:
    """The dates of a series, read by ``avs_geo._dates.parse_date`` and sorted.

    Raises :class:`ParameterError` (in French) for no date, a date that does not read,
    or a date given twice.

    Examples
    --------
    >>> check_dates(["31/12/2022", "2019-12-31"])
    [datetime.date(2019, 12, 31), datetime.date(2022, 12, 31)]
    >>> check_dates(["2022-01-01", "01/01/2022"])
    Traceback (most recent call last):
    ...
    avs_geo.errors.ParameterError: Les dates doivent être distinctes : 2022-01-01 est donnée 2 fois. ...
    """
    if isinstance(dates, str) or not isinstance(dates, Sequence):
        raise ParameterError(
            message(MESSAGES, "dates_not_list", got=dates),
            parameters=("dates",),
        )
    days = [parse_date(d) for d in dates]
    unread = [repr(d) for d, day in zip(dates, days, strict=True) if day is None]
    if not days or unread:
        raise ParameterError(
            message(
                MESSAGES,
                "dates_unread",
                unread=message(MESSAGES, "dates_unread_list", dates=", ".join(unread))
                if unread
                else ".",
            ),
            parameters=("dates",),
        )
    read = [d for d in days if d is not None]
    twice = sorted({d for d in read if read.count(d) > 1})
    if twice:
        shown = ", ".join(f"{d.isoformat()} est donnée {read.count(d)} fois" for d in twice)
        raise ParameterError(
            message(MESSAGES, "dates_duplicate", shown=shown),
            parameters=("dates",),
        )
    return sorted(read)


def series_table(
    coverages: Mapping[dt.date, pd.DataFrame], *, by: str | None = None
) -> pd.DataFrame:
    """The rows of :func:`coverage_series` from the coverage measured at each date.

    Parameters
    ----------
    coverages : mapping of date to DataFrame
        ``compute_coverage`` at each date (rows come in date order).
    by : str, optional
        A column of the coverage to count per group.

    Examples
    --------
    >>> cov = pd.DataFrame({"coverage_status": ["full", "none"], "population": [100.0, 300.0],
    ...                     "covered_population": [100.0, 0.0]})
    >>> series_table({dt.date(2022, 12, 31): cov})[["n_full", "n_none", "covered_share"]]
       n_full  n_none  covered_share
    0       1       1           0.25
    """
    rows = []
    for day in sorted(coverages):
        coverage = coverages[day]
        groups = (
            [(None, coverage)]
            if by is None
            else list(coverage.groupby(by, sort=True, dropna=False))
        )
        for key, part in groups:
            counts = part["coverage_status"].value_counts()
            population = pd.to_numeric(
                part["population"] if "population" in part else pd.Series(np.nan, part.index),
                errors="coerce",
            )
            covered = pd.to_numeric(part["covered_population"], errors="coerce")
            known = population.notna()
            total = float(population[known].sum())
            row: dict[str, object] = {"date": day}
            if by is not None:
                row[by] = key
            row |= {f"n_{s}": int(counts.get(s, 0)) for s in STATUSES}
            row["n_qpv"] = len(part)
            row["population"] = total
            reached = float(covered[known].sum())
            row["covered_population"] = reached
            row["covered_share"] = reached / total if total > 0 else np.nan
            rows.append(row)
    return pd.DataFrame(rows)


def class_changes(coverages: Mapping[dt.date, pd.DataFrame]) -> pd.DataFrame:
    """The class of each QPV at each date, and whether it changed between the first and last.

    Parameters
    ----------
    coverages : mapping of date to DataFrame
        ``compute_coverage`` at each date, on the same QPV.

    Returns
    -------
    DataFrame
        One row per QPV, in the order of the first coverage: ``code_qpv``, ``nom_qpv``,
        ``status_first``, ``status_last``, ``ratio_first``, ``ratio_last``, ``change``
        (``"better"``, ``"worse"``, ``"same"`` from the first date to the last: full >
        partial > none), ``changed_between`` (True when the class differs at any two
        dates, even if it came back), and one ``status_<ISO date>`` column per date.

    Examples
    --------
    >>> a = pd.DataFrame({"code_qpv": ["Q1", "Q2"], "nom_qpv": ["A", "B"],
    ...                   "coverage_status": ["none", "full"], "coverage_ratio": [0.0, 1.0]})
    >>> b = a.assign(coverage_status=["partial", "full"], coverage_ratio=[0.5, 1.0])
    >>> class_changes({dt.date(2021, 12, 31): a, dt.date(2022, 12, 31): b})[
    ...     ["code_qpv", "status_first", "status_last", "change"]]
      code_qpv status_first status_last  change
    0       Q1         none     partial  better
    1       Q2         full        full    same
    """
    days = sorted(coverages)
    if not days:
        raise ParameterError(message(MESSAGES, "series_empty"), parameters=("dates",))
    first = coverages[days[0]]
    codes = first["code_qpv"].astype(str)
    out = pd.DataFrame({"code_qpv": codes.to_numpy(), "nom_qpv": first["nom_qpv"].to_numpy()})
    for day in days:
        coverage = coverages[day]
        other = set(coverage["code_qpv"].astype(str))
        if other != set(codes):
            raise ParameterError(
                message(
                    MESSAGES,
                    "series_other_qpv",
                    day=day.isoformat(),
                    first=days[0].isoformat(),
                ),
                parameters=("dates",),
            )
        status = pd.Series(
            coverage["coverage_status"].to_numpy(), index=coverage["code_qpv"].astype(str)
        )
        out[f"status_{day.isoformat()}"] = status.reindex(codes).to_numpy()
    last = coverages[days[-1]]
    ratios = {
        key: pd.Series(
            pd.to_numeric(frame["coverage_ratio"], errors="coerce").to_numpy(),
            index=frame["code_qpv"].astype(str),
        )
        .reindex(codes)
        .to_numpy()
        for key, frame in (("first", first), ("last", last))
    }
    out["status_first"] = out[f"status_{days[0].isoformat()}"]
    out["status_last"] = out[f"status_{days[-1].isoformat()}"]
    out["ratio_first"] = ratios["first"]
    out["ratio_last"] = ratios["last"]
    rank = {"none": 0, "partial": 1, "full": 2}
    delta = out["status_last"].map(rank) - out["status_first"].map(rank)
    out["change"] = np.select([delta > 0, delta < 0], ["better", "worse"], "same")
    per_date = out[[f"status_{d.isoformat()}" for d in days]]
    out["changed_between"] = per_date.nunique(axis=1).to_numpy() > 1
    columns = ["code_qpv", "nom_qpv", "status_first", "status_last", "ratio_first",
               "ratio_last", "change", "changed_between"]  # fmt: skip
    return out[columns + [f"status_{d.isoformat()}" for d in days]]
