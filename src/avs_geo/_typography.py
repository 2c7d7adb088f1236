"""Numbers and shares as a French report prints them (dates: ``avs_geo._dates``).

Typography chosen (and used by every table, sentence and export of avs_geo):

* decimal comma: ``76,9``;
* a no-break space U+00A0 before ``%`` (``76,9 %``) and as the thousands separator
  (``12 345``). The narrow no-break space U+202F recommended by the Imprimerie
  nationale is missing from several fonts still used in administrations (it then shows
  as a box in Word or Excel), whereas U+00A0 displays everywhere and still keeps a
  number and its ``%`` on one line;

English output uses ``76.9%`` and ``12,345``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pandas as pd

from avs_geo._i18n import Language, _check_language, message
from avs_geo._i18n.common import MESSAGES
from avs_geo.errors import ParameterError

__all__ = [
    "NBSP",
    "format_number",
    "format_percent",
    "format_ratio",
    "format_threshold",
    "hectares",
    "is_missing",
    "largest_remainder",
    "rounded_percent",
    "whole_numbers",
]

NBSP = "\u00a0"
"""No-break space, before ``%`` and between thousands in French numbers."""


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pd.NA (never raises on a tuple or a string).

    Examples
    --------
    >>> is_missing(float("nan")), is_missing(pd.NA), is_missing("x"), is_missing(())
    (True, True, False, False)
    """
    if value is None:
        return True
    if isinstance(value, tuple | list | str):
        return False
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def largest_remainder(
    values: Sequence[float] | np.ndarray | pd.Series, *, total: int = 100, decimals: int = 1
) -> np.ndarray:
    """Shares of ``values`` rounded to ``decimals`` so that they add up to exactly ``total``.

    Parameters
    ----------
    values : sequence of non-negative numbers
        Counts or populations, one per class.
    total : int, default 100
        What the shares add up to (100 for percentages).
    decimals : int, default 1
        Decimals kept in each share.

    Returns
    -------
    numpy.ndarray
        Float shares in the order of ``values``; all NaN when ``values`` sum to 0.

    Notes
    -----
    Largest-remainder (Hamilton, or Hare-Niemeyer) method, as used to apportion seats:
    with ``u = total * 10**decimals`` units, each class gets the integer part of its
    exact quota ``q_i = u * v_i / sum(v)``, and the ``u - sum(floor(q_i))`` units left
    go one each to the classes with the largest fractional parts ``q_i - floor(q_i)``
    (ties: larger value first, then the earlier class). Quotas are computed with exact
    fractions, so the rounded shares always add up to ``u`` units (100.0 %), and each
    share differs from its exact value by less than one unit (0.1 point). Rounding each
    share on its own can give 99.9 % (three classes of 1: 33.3 + 33.3 + 33.3) or 100.1 %.

    See M. L. Balinski and H. P. Young, *Fair Representation*, Yale University Press,
    1982 (Hamilton's method).

    Examples
    --------
    >>> largest_remainder([70, 8, 13]).tolist()
    [76.9, 8.8, 14.3]
    >>> largest_remainder([1, 1, 1]).tolist()
    [33.4, 33.3, 33.3]
    """
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ParameterError(message(MESSAGES, "decimals", got=decimals))
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise ParameterError(message(MESSAGES, "one_dimension", shape=array.shape))
    if not np.isfinite(array).all() or (array < 0).any():
        raise ParameterError(message(MESSAGES, "finite", got=array.tolist()))
    exact = [Fraction(float(v)) for v in array]
    whole = sum(exact, Fraction(0))
    if whole == 0:
        return np.full(len(array), np.nan)
    units = total * 10**decimals
    quotas = [v * units / whole for v in exact]
    floors = [math.floor(q) for q in quotas]
    left = units - sum(floors)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), -exact[i], i))
    for i in order[:left]:
        floors[i] += 1
    return np.array(floors, dtype=float) / 10**decimals


def whole_numbers(
    values: Sequence[float] | np.ndarray | pd.Series,
) -> pd.arrays.IntegerArray:
    """Numbers rounded to whole units as a nullable integer array (NaN becomes ``<NA>``).

    Populations are area-weighted estimates: a table shows them as whole inhabitants,
    and CSV files then hold ``2854``, not ``2854,0``.

    Examples
    --------
    >>> whole_numbers([2400.26, float("nan"), 31691.000000000004]).tolist()
    [2400, <NA>, 31691]
    """
    return pd.array(np.round(np.asarray(values, dtype=float)), dtype="Int64")


def hectares(areas_m2: Sequence[float] | np.ndarray | pd.Series) -> np.ndarray:
    """Areas in square metres as hectares rounded to 2 decimals (100 m²), for a table.

    Examples
    --------
    >>> hectares([283092.65, 0.0]).tolist()
    [28.31, 0.0]
    """
    return np.round(np.asarray(areas_m2, dtype=float) / 10_000, 2)


def rounded_percent(
    ratios: Sequence[float] | np.ndarray | pd.Series, *, decimals: int = 1
) -> np.ndarray:
    """Ratios in [0, 1] as percentages rounded to ``decimals``, for a table a planner reads.

    Parameters
    ----------
    ratios : sequence of numbers
        Coverage ratios (NaN allowed: kept).
    decimals : int, default 1

    Returns
    -------
    numpy.ndarray
        Floats; 0 and 100 only for ratios of exactly 0 and 1.

    Notes
    -----
    Rounded half to even (``numpy.round``), except that a ratio strictly between 0 and 1
    that would round to 0 or 100 is shown one unit inside (``0.1``, ``99.9``): a QPV
    that is partly covered never reads ``100,0 %`` next to "Couvert partiellement"
    (thresholds such as ``full_min = 1`` make that possible), nor ``0,0 %`` when a zone
    reaches it.

    Examples
    --------
    >>> rounded_percent([0.0, 0.69978, 0.99996, 0.00001, 1.0, float("nan")]).tolist()
    [0.0, 70.0, 99.9, 0.1, 100.0, nan]
    """
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ParameterError(message(MESSAGES, "decimals", got=decimals))
    ratio = np.asarray(ratios, dtype=float)
    percent = np.round(ratio * 100, decimals)
    unit = 10.0**-decimals
    inside = (ratio > 0) & (ratio < 1)
    percent = np.where(inside & (percent >= 100), 100 - unit, percent)
    percent = np.where(inside & (percent <= 0), unit, percent)
    return np.round(percent, decimals)


def format_number(value: float | None, *, decimals: int = 0, language: Language = "fr") -> str:
    """A number as a report prints it; an empty string when missing (None, NaN, NA) or infinite.

    Examples
    --------
    >>> format_number(1234567.25, decimals=1)
    '1\\xa0234\\xa0567,2'
    >>> format_number(1234567.25, decimals=1, language="en")
    '1,234,567.2'
    >>> format_number(float("nan")), format_number(float("inf"))
    ('', '')
    """
    _check_language(language)
    if value is None or is_missing(value) or not math.isfinite(float(value)):
        return ""
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0,0"
    text = f"{rounded:,.{decimals}f}"
    if language == "fr":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def format_percent(value: float, *, decimals: int = 1, language: Language = "fr") -> str:
    """A share in percent: ``76,9 %`` (no-break space) in French, ``76.9%`` in English.

    Examples
    --------
    >>> format_percent(76.9)
    '76,9\\xa0%'
    >>> format_percent(76.9, language="en")
    '76.9%'
    """
    number = format_number(value, decimals=decimals, language=language)
    if not number:
        return ""
    return f"{number}{NBSP}%" if language == "fr" else f"{number}%"


def format_ratio(ratio: float | None, *, decimals: int = 1, language: Language = "fr") -> str:
    """A ratio in [0, 1] as a percentage (:func:`format_percent`); ``''`` when missing.

    Examples
    --------
    >>> format_ratio(0.769)
    '76,9\\xa0%'
    >>> format_ratio(0.769, language="en"), format_ratio(None)
    ('76.9%', '')
    """
    if ratio is None or is_missing(ratio) or not math.isfinite(float(ratio)):
        _check_language(language)
        return ""
    return format_percent(100.0 * float(ratio), decimals=decimals, language=language)


def format_threshold(ratio: float, *, language: Language = "fr") -> str:
    """A class threshold in percent with the decimals it needs: 0.95 -> ``95 %``.

    Unlike a share, a threshold is printed as set (up to 6 significant digits), never
    rounded to 1 decimal: 0.0025 reads ``0,25 %``.

    Examples
    --------
    >>> format_threshold(0.95), format_threshold(0.0025)
    ('95\\xa0%', '0,25\\xa0%')
    >>> format_threshold(0.025, language="en")
    '2.5%'
    """
    _check_language(language)
    text = f"{ratio * 100:.6g}"
    return f"{text.replace('.', ',')}{NBSP}%" if language == "fr" else f"{text}%"
