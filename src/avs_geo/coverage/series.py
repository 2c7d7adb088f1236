"""Coverage over several dates: classes and population covered, per date (and group)."""

from __future__ import annotations

from collections.abc import Sequence

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

__all__ = ["coverage_series"]


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
    days = [parse_date(d) for d in dates]
    if not days or any(d is None for d in days):
        raise ParameterError(message(MESSAGES, "no_dates", got=list(dates)))
    if len(set(days)) != len(days):
        raise ParameterError(message(MESSAGES, "same_dates", got=list(dates)))
    rows = []
    for day in sorted(d for d in days if d is not None):
        zones = build_zones(structures, communes=communes, qpv=qpv, at=day)
        coverage = compute_coverage(qpv, zones, full_min=full_min, none_max=none_max)
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
