"""Numbers, shares and dates as a French report prints them.

Typography chosen (and used by every table, sentence and export of avs_geo):

* decimal comma: ``76,9``;
* a no-break space U+00A0 before ``%`` (``76,9 %``) and as the thousands separator
  (``12 345``). The narrow no-break space U+202F recommended by the Imprimerie
  nationale is missing from several fonts still used in administrations (it then shows
  as a box in Word or Excel), whereas U+00A0 displays everywhere and still keeps a
  number and its ``%`` on one line;
* dates ``31 décembre 2022`` and ``1er janvier 2023``.

English output uses ``76.9%``, ``12,345`` and ``31 December 2022``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pandas as pd

from avs_geo._errors import ParameterError
from avs_geo.labels import Language, _check_language

NBSP = "\u00a0"
"""No-break space, before ``%`` and between thousands in French numbers."""

MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


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
        raise ParameterError(f"decimals should be an integer >= 0, got {decimals!r}.")
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise ParameterError(f"values should be one-dimensional, got shape {array.shape}.")
    if not np.isfinite(array).all() or (array < 0).any():
        raise ParameterError(
            f"values should be finite and non-negative, got {array.tolist()}: "
            "fill or drop unknown values before computing shares."
        )
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


def format_number(value: float, *, decimals: int = 0, language: Language = "fr") -> str:
    """A number as a report prints it; an empty string for NaN.

    Examples
    --------
    >>> format_number(1234567.25, decimals=1)
    '1\\xa0234\\xa0567,2'
    >>> format_number(1234567.25, decimals=1, language="en")
    '1,234,567.2'
    """
    _check_language(language)
    if value is None or pd.isna(value):
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


def to_date(value: object, name: str = "date") -> dt.date | None:
    """``None``, a ``datetime.date``, a ``Timestamp`` or an ISO string as a ``datetime.date``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str | np.datetime64 | pd.Timestamp):
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, TypeError) as error:
            raise ParameterError(
                f"{name} should be a date such as '2022-12-31', got {value!r} ({error})."
            ) from None
        if pd.isna(stamp):
            raise ParameterError(f"{name} should be a date such as '2022-12-31', got {value!r}.")
        return stamp.date()
    raise ParameterError(
        f"{name} should be a date (datetime.date, pandas.Timestamp or '2022-12-31'), "
        f"got {type(value).__name__}."
    )


def format_date(value: object, *, language: Language = "fr") -> str:
    """A date in words: ``31 décembre 2022``, ``1er janvier 2023``, ``31 December 2022``.

    Examples
    --------
    >>> format_date("2023-01-01")
    '1er janvier 2023'
    >>> format_date("2022-12-31", language="en")
    '31 December 2022'
    """
    _check_language(language)
    day = to_date(value)
    if day is None:
        return ""
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[language][day.month - 1]} {day.year}"
