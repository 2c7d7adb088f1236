"""The language of the messages a planner reads: French by default, English on request.

Errors and warnings are raised deep in the library, far from any argument a caller
could pass, so the language of their text is a setting of the running context (a
:class:`contextvars.ContextVar`, safe across threads and asyncio tasks) rather than an
argument of every function. It changes the text only: error classes and their fields
(``file``, ``columns``, ``problems``...) are the contract and never depend on it.
Tables, maps and reports keep their explicit ``language=`` argument.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Literal, get_args

__all__ = ["CURRENT", "LANGUAGES", "Language", "get_language"]

Language = Literal["fr", "en"]
LANGUAGES: tuple[str, ...] = get_args(Language)

CURRENT: ContextVar[Language] = ContextVar("avs_geo_language", default="fr")
"""The setting itself; :func:`avs_geo.set_language` and :func:`avs_geo.language`
(``avs_geo._i18n``, which can raise a :class:`~avs_geo.errors.ParameterError`) check
the value and set it."""


def get_language() -> Language:
    """The language of the messages: ``"fr"`` (default) or ``"en"``.

    Examples
    --------
    >>> get_language()
    'fr'
    """
    return CURRENT.get()
