"""Turn coverage ratios into the three classes a planner reports: full, partial, none.

The thresholds are arguments with documented defaults, chosen from the sliver study
of ``docs/coverage.md``: commune contours and QPV contours are digitised on different
bases, so a QPV lying inside one commune can measure 96-99.99 % inside it (largest
sliver on the Occitanie data: 3.79 %). A tolerance of 5 % on each side absorbs every
sliver measured there; :func:`avs_geo.coverage_sensitivity` shows what another
tolerance would change on the planner's own data.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from avs_geo._i18n import message
from avs_geo._i18n.coverage import MESSAGES
from avs_geo.errors import AvsGeoWarning, ParameterError

__all__ = [
    "DEFAULT_FULL_MIN",
    "DEFAULT_NONE_MAX",
    "DEFAULT_SENSITIVITY_THRESHOLDS",
    "check_classes",
    "check_thresholds",
    "check_tolerances",
    "classify_coverage",
    "threshold_bounds",
    "warn_if_thresholds_differ",
]

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
    avs_geo.errors.ParameterError: none_max (0.5) doit être inférieur à full_min (0.5). ...
    """
    values = {"full_min": full_min, "none_max": none_max}
    both = ("full_min", "none_max")
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ParameterError(
                message(MESSAGES, "not_number", name=name, kind=type(value).__name__, got=value),
                parameters=(name,),
            )
        if not 0.0 <= float(value) <= 1.0:
            raise ParameterError(
                message(
                    MESSAGES,
                    "out_of_range",
                    name=name,
                    got=value,
                    full_min=full_min,
                    none_max=none_max,
                ),
                parameters=(name,),
            )
    if not float(none_max) < float(full_min):
        raise ParameterError(
            message(
                MESSAGES,
                "order",
                none_max=none_max,
                full_min=full_min,
                default_full=DEFAULT_FULL_MIN,
                default_none=DEFAULT_NONE_MAX,
            ),
            parameters=both,
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
        raise ParameterError(message(MESSAGES, "no_tolerance"))
    out = []
    for t in values:
        if isinstance(t, bool) or not isinstance(t, (int, float, np.integer, np.floating)):
            raise ParameterError(message(MESSAGES, "tolerance_number", got=t))
        if not 0.0 <= float(t) < 0.5:
            raise ParameterError(message(MESSAGES, "tolerance_range", got=t))
        out.append(float(t))
    return out


def threshold_bounds(coverage: pd.DataFrame) -> tuple[float, float, float, float]:
    """The thresholds a coverage frame's own columns allow: ``(full_lo, full_hi, none_lo, none_hi)``.

    ``coverage_status`` was computed from ``coverage_ratio`` with some ``full_min`` and
    ``none_max``; the columns alone tell that ``full_lo < full_min <= full_hi`` and
    ``none_lo <= none_max < none_hi``. Without ``coverage_ratio`` the bounds are
    ``(-inf, inf, -inf, inf)``.

    Examples
    --------
    >>> import pandas as pd
    >>> coverage = pd.DataFrame({"coverage_ratio": [1.0, 0.96, 0.5, 0.02],
    ...                          "coverage_status": ["full", "full", "partial", "none"]})
    >>> threshold_bounds(coverage)
    (0.5, 0.96, 0.02, 0.5)
    """
    if "coverage_ratio" not in coverage.columns or "coverage_status" not in coverage.columns:
        return -np.inf, np.inf, -np.inf, np.inf
    ratio = pd.to_numeric(coverage["coverage_ratio"], errors="coerce").to_numpy(dtype=float)
    status = coverage["coverage_status"].to_numpy()
    known = np.isfinite(ratio)
    full, none = (status == "full") & known, (status == "none") & known

    def _max(mask: np.ndarray) -> float:
        return float(ratio[mask].max()) if mask.any() else -np.inf

    def _min(mask: np.ndarray) -> float:
        return float(ratio[mask].min()) if mask.any() else np.inf

    return _max(~full & known), _min(full), _max(none), _min(~none & known)


def check_classes(
    coverage: pd.DataFrame,
    *,
    full_min: float | None = None,
    none_max: float | None = None,
    name: str = "coverage",
) -> tuple[float, float]:
    """The thresholds of ``coverage``, checked against its classes.

    :func:`avs_geo.compute_coverage` writes the thresholds it used as two plain columns,
    ``full_min`` and ``none_max`` (columns survive ``merge`` and ``concat``, unlike
    metadata). A table, map, sheet or site score that prints or reuses the thresholds
    calls this: with no argument it takes those columns (or the defaults, 0.95 and 0.05,
    for a frame made by hand without them); an explicit value must agree with the columns.
    Either way ``coverage_status`` must be what ``coverage_ratio`` gives with the
    thresholds, so that a sheet never prints other thresholds than those the classes
    were made with.

    Raises
    ------
    ParameterError
        Thresholds out of range; columns that hold several thresholds (frames made with
        different ones, put together); an explicit threshold that differs from the
        columns; QPV whose class these thresholds do not give (their codes, ratios and
        classes are named, and the thresholds the columns allow).

    Examples
    --------
    >>> import pandas as pd
    >>> coverage = pd.DataFrame({"code_qpv": ["QP059001"], "coverage_ratio": [0.92],
    ...                          "coverage_status": ["full"]})
    >>> check_classes(coverage, full_min=0.9, none_max=0.1)
    (0.9, 0.1)
    >>> check_classes(coverage.assign(full_min=0.9, none_max=0.1))
    (0.9, 0.1)
    >>> check_classes(coverage)
    Traceback (most recent call last):
    ...
    avs_geo.errors.ParameterError: 1 QPV de 'coverage' ne sont pas classés comme ...
    """
    given = {"full_min": full_min, "none_max": none_max}
    stored: dict[str, float | None] = {}
    for column in given:
        if column not in coverage.columns:
            stored[column] = None
            continue
        values = pd.to_numeric(coverage[column], errors="coerce").dropna().unique()
        if len(values) > 1:
            raise ParameterError(
                message(
                    MESSAGES,
                    "several_thresholds",
                    column=column,
                    name=name,
                    values=", ".join(f"{v:g}" for v in sorted(values)),
                ),
                parameters=(column,),
            )
        stored[column] = float(values[0]) if len(values) else None
        value = given[column]
        if value is not None and stored[column] is not None and value != stored[column]:
            raise ParameterError(
                message(
                    MESSAGES,
                    "threshold_differs",
                    column=column,
                    value=f"{value:g}",
                    name=name,
                    stored=f"{stored[column]:g}",
                ),
                parameters=(column,),
            )
    full_min, none_max = check_thresholds(
        _first(full_min, stored["full_min"], DEFAULT_FULL_MIN),
        _first(none_max, stored["none_max"], DEFAULT_NONE_MAX),
    )
    if "coverage_ratio" not in coverage.columns or "coverage_status" not in coverage.columns:
        return full_min, none_max
    ratio = pd.to_numeric(coverage["coverage_ratio"], errors="coerce")
    known = ratio.notna().to_numpy()
    expected = classify_coverage(ratio.fillna(0.0), full_min=full_min, none_max=none_max)
    wrong = known & (expected.to_numpy() != coverage["coverage_status"].to_numpy())
    if wrong.any():
        codes = coverage["code_qpv"] if "code_qpv" in coverage.columns else coverage.index
        shown = [
            f"{code} ({r:.4f}, {s})"
            for code, r, s in zip(
                np.asarray(codes)[wrong],
                ratio.to_numpy()[wrong],
                coverage["coverage_status"].to_numpy()[wrong],
                strict=True,
            )
        ]
        more = f" (+{len(shown) - 5})" if len(shown) > 5 else ""
        full_lo, full_hi, none_lo, none_hi = threshold_bounds(coverage)
        raise ParameterError(
            message(
                MESSAGES,
                "classes_differ",
                n=int(wrong.sum()),
                name=name,
                full_min=full_min,
                none_max=none_max,
                shown=", ".join(shown[:5]),
                more=more,
                full_lo=f"{full_lo:g}",
                full_hi=f"{full_hi:g}",
                none_lo=f"{none_lo:g}",
                none_hi=f"{none_hi:g}",
            ),
            parameters=("full_min", "none_max"),
        )
    return full_min, none_max


def _first(*values: float | None) -> float:
    """The first value that is not None."""
    return next(float(v) for v in values if v is not None)


def warn_if_thresholds_differ(
    before: pd.DataFrame, after: pd.DataFrame, names: tuple[str, str]
) -> None:
    """Warn when no single pair of thresholds gives the classes of both frames.

    The bounds come from each frame's columns (:func:`threshold_bounds`): when they do
    not overlap, some class changes between the two come from the thresholds, not
    from the structures.
    """
    b, a = threshold_bounds(before), threshold_bounds(after)
    for key, (lo, hi) in (("full_min", (0, 1)), ("none_max", (2, 3))):
        if max(b[lo], a[lo]) >= min(b[hi], a[hi]):  # no threshold gives both
            warnings.warn(
                message(
                    MESSAGES,
                    "thresholds_differ",
                    key=key,
                    b_lo=f"{b[lo]:g}",
                    b_hi=f"{b[hi]:g}",
                    before=names[0],
                    a_lo=f"{a[lo]:g}",
                    a_hi=f"{a[hi]:g}",
                    after=names[1],
                ),
                AvsGeoWarning,
                stacklevel=3,
            )
