"""Texts of tooltips, popups and legends: HTML escaping and French label typography.

Numbers, shares and dates come from ``avs_geo._format``, as in every table and
report of avs_geo (decimal comma, U+00A0 no-break space between thousands and before
``%``); this module adds what only the map needs: a no-break space before the colon of
a label in French (``Part couverte : 76,9 %``, ``Population : 12 345``) and escaping.

Every string that comes from data goes through :func:`text` (``html.escape``)
before it is put in a tooltip, a popup or the legend: names come from spreadsheets.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from avs_geo._i18n import Language
from avs_geo._typography import NBSP, is_missing

__all__ = ["join_texts", "label", "text"]


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
