"""Turn coverage ratios into the three classes a planner reports: full, partial, none.

The thresholds are arguments with documented defaults, chosen from the sliver study
of ``docs/coverage.md``: commune contours and QPV contours are digitised on different
bases, so a QPV lying inside one commune can measure 96-99.99 % inside it (largest
sliver on the Occitanie data: 3.79 %). A tolerance of 5 % on each side absorbs every
sliver measured there; :func:`avs_geo.coverage_sensitivity` shows what another
tolerance would change on the planner's own data.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from avs_geo.errors import ParameterError

DEFAULT_FULL_MIN: float = 0.95
"""A QPV is ``"full"`` when its coverage ratio is at least this (tolerance 5 %)."""

DEFAULT_NONE_MAX: float = 0.05
"""A QPV is ``"none"`` when its coverage ratio is at most this (tolerance 5 %)."""

DEFAULT_SENSITIVITY_THRESHOLDS: tuple[float, ...] = (0.0, 0.005, 0.01, 0.02, 0.05)
"""Tolerances of the sliver study: ``full_min = 1 - t`` and ``none_max = t``."""


def check_thresholds(full_min: float, none_max: float) -> tuple[float, float]:
    """Return the thresholds as floats, or raise :class:`ParameterError` naming both.

    Examples
    --------
    >>> check_thresholds(0.95, 0.05)
    (0.95, 0.05)
    >>> check_thresholds(0.5, 0.5)
    Traceback (most recent call last):
    ...
    avs_geo.errors.ParameterError: none_max (0.5) should be smaller than full_min (0.5). ...
    """
    values = {"full_min": full_min, "none_max": none_max}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ParameterError(
                f"{name} should be a number in [0, 1], got {type(value).__name__} {value!r}."
            )
        if not 0.0 <= float(value) <= 1.0:
            raise ParameterError(
                f"{name} should be in [0, 1], got {value!r} (full_min={full_min!r}, "
                f"none_max={none_max!r}). Give shares, not percentages: 0.95, not 95."
            )
    if not float(none_max) < float(full_min):
        raise ParameterError(
            f"none_max ({none_max!r}) should be smaller than full_min ({full_min!r}). "
            f"The defaults are full_min={DEFAULT_FULL_MIN}, none_max={DEFAULT_NONE_MAX}."
        )
    return float(full_min), float(none_max)


def classify_coverage(
    ratio: pd.Series,
    *,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
) -> pd.Series:
    """Classify coverage ratios as ``"full"``, ``"partial"`` or ``"none"``.

    Parameters
    ----------
    ratio : pandas.Series
        Coverage ratios in [0, 1].
    full_min : float, default 0.95
        ``"full"`` when ``ratio >= full_min``.
    none_max : float, default 0.05
        ``"none"`` when ``ratio <= none_max``; must be smaller than ``full_min``.

    Returns
    -------
    pandas.Series
        Strings, same index as ``ratio``, named ``coverage_status``.

    Notes
    -----
    ``status = "full" if ratio >= full_min else "none" if ratio <= none_max else
    "partial"``. Both bounds are inclusive: a ratio exactly equal to ``full_min`` is
    full, one exactly equal to ``none_max`` is none.

    Examples
    --------
    >>> import pandas as pd
    >>> classify_coverage(pd.Series([1.0, 0.95, 0.5, 0.05, 0.0])).tolist()
    ['full', 'full', 'partial', 'none', 'none']
    """
    full_min, none_max = check_thresholds(full_min, none_max)
    values = ratio.to_numpy(dtype=float)
    status = np.where(values >= full_min, "full", np.where(values <= none_max, "none", "partial"))
    return pd.Series(status, index=ratio.index, name="coverage_status", dtype=object)


def check_tolerances(thresholds: Sequence[float]) -> list[float]:
    """Return sensitivity tolerances as floats, each in [0, 0.5); raise otherwise."""
    values = list(thresholds)
    if not values:
        raise ParameterError("thresholds should hold at least one tolerance, got none.")
    out = []
    for t in values:
        if isinstance(t, bool) or not isinstance(t, (int, float, np.integer, np.floating)):
            raise ParameterError(f"thresholds should be numbers, got {t!r}.")
        if not 0.0 <= float(t) < 0.5:
            raise ParameterError(
                f"each threshold t should be in [0, 0.5) (full_min = 1 - t, none_max = t), "
                f"got {t!r}. Give shares, not percentages: 0.05, not 5."
            )
        out.append(float(t))
    return out
