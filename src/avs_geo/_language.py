"""The language of the messages a planner reads: French by default, English on request.

Errors and warnings are raised deep in the library, far from any argument a caller
could pass, so the language of their text is a setting of the running context (a
:class:`contextvars.ContextVar`, safe across threads and asyncio tasks) rather than an
argument of every function. It changes the text only: error classes and their fields
(``file``, ``columns``, ``problems``...) are the contract and never depend on it.
Tables, maps and reports keep their explicit ``language=`` argument.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal, cast, get_args

__all__ = ["LANGUAGES", "Language", "get_language", "language", "set_language"]

Language = Literal["fr", "en"]
LANGUAGES: tuple[str, ...] = get_args(Language)

_CURRENT: ContextVar[Language] = ContextVar("avs_geo_language", default="fr")


def _checked(value: object) -> Language:
    if value not in LANGUAGES:
        # errors.py sits above this module; the message is bilingual on purpose.
        raise ValueError(
            f"Langue inconnue / unknown language: {value!r}. Choisissez / choose 'fr' or 'en'."
        )
    return cast(Language, value)


def get_language() -> Language:
    """The language of the messages: ``"fr"`` (default) or ``"en"``.

    Examples
    --------
    >>> get_language()
    'fr'
    """
    return _CURRENT.get()


def set_language(value: Language) -> None:
    """Set the language of error and warning messages for the current context.

    Parameters
    ----------
    value : {"fr", "en"}
        French (the default, for planners) or English (for code and developers).
        ``avs_geo.language`` does the same for a ``with`` block only.
    """
    _CURRENT.set(_checked(value))


@contextmanager
def language(value: Language) -> Iterator[None]:
    """Write the error and warning messages in ``value`` inside a ``with`` block.

    Parameters
    ----------
    value : {"fr", "en"}
        French (the default) or English.

    Examples
    --------
    >>> import avs_geo
    >>> with avs_geo.language("en"):
    ...     try:
    ...         avs_geo.load_structures("absent.csv")
    ...     except avs_geo.MissingFileError as error:
    ...         print(str(error).split(":")[0])
    structures file not found
    >>> try:
    ...     avs_geo.load_structures("absent.csv")
    ... except avs_geo.MissingFileError as error:
    ...     print(str(error).split(" :")[0])
    Fichier des structures introuvable
    """
    token = _CURRENT.set(_checked(value))
    try:
        yield
    finally:
        _CURRENT.reset(token)
