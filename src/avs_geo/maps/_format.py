"""Numbers, dates and texts of tooltips, popups and legends, in French or English.

Numbers, shares and dates follow the typography of every table and report of avs_geo
(:mod:`avs_geo._format`: decimal comma, U+00A0 no-break space between thousands and
before ``%``); labels add a no-break space before the colon in French
(``Part couverte : 76,9 %``, ``Population : 12 345``).

Every string that comes from data goes through :func:`text` (``html.escape``)
before it is put in a tooltip, a popup or the legend: names come from spreadsheets.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable

import pandas as pd

from avs_geo._format import format_date, format_number, format_percent
from avs_geo.labels import Language

NBSP = "\u00a0"


def text(value: object) -> str:
    """The value as HTML-escaped text; missing values become an empty string.

    Examples
    --------
    >>> text("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> text(None)
    ''
    """
    if is_missing(value):
        return ""
    return html.escape(str(value), quote=True)


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


def integer(value: object, language: Language = "fr") -> str:
    """A whole number with thousands separators; ``''`` when missing.

    Examples
    --------
    >>> integer(12345.4) == "12\u00a0345"
    True
    >>> integer(12345, "en")
    '12,345'
    """
    if is_missing(value):
        return ""
    return format_number(float(value), decimals=0, language=language)  # type: ignore[arg-type]


def decimal(value: float, digits: int, language: Language = "fr") -> str:
    """A number with ``digits`` decimals (decimal comma in French).

    Examples
    --------
    >>> decimal(0.8234, 2)
    '0,82'
    >>> decimal(0.8234, 2, "en")
    '0.82'
    """
    return format_number(value, decimals=digits, language=language)


def percent(ratio: object, language: Language = "fr", *, digits: int = 1) -> str:
    """A ratio in [0, 1] as a percentage: ``76,9 %`` (French) or ``76.9%``.

    Examples
    --------
    >>> percent(0.769) == "76,9\u00a0%"
    True
    >>> percent(0.769, "en")
    '76.9%'
    """
    if is_missing(ratio) or not math.isfinite(float(ratio)):  # type: ignore[arg-type]
        return ""
    return format_percent(100.0 * float(ratio), decimals=digits, language=language)  # type: ignore[arg-type]


def date(value: object, language: Language = "fr") -> str:
    """A date as the reports print it (``1er janvier 2023``); ``''`` when missing.

    Examples
    --------
    >>> date(pd.Timestamp("2024-12-31"))
    '31 décembre 2024'
    >>> date(pd.NaT)
    ''
    """
    if is_missing(value):
        return ""
    return format_date(value, language=language)


def label(name: str, language: Language = "fr") -> str:
    """A label followed by a colon: ``Population :`` in French, ``Population:`` in English.

    Examples
    --------
    >>> label("Population") == "Population\u00a0:"
    True
    """
    return f"{name}{NBSP}:" if language == "fr" else f"{name}:"


def join_texts(values: Iterable[str], language: Language = "fr") -> str:
    """Already escaped texts joined as a readable list.

    Examples
    --------
    >>> join_texts(["a", "b"]) == "a\u00a0; b"
    True
    >>> join_texts(["a", "b"], "en")
    'a; b'
    """
    return (f"{NBSP}; " if language == "fr" else "; ").join(values)
