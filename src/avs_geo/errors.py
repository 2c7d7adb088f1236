"""The exceptions and warnings of avs_geo.

One family: every error raised on purpose by avs_geo is an :class:`AvsGeoError`,
and each subclass is also a built-in (``ValueError``, ``TypeError``,
``FileNotFoundError``) so that ``except ValueError`` keeps working.
Messages say what was expected, what came, and how to fix it, naming the file,
the column and the ids. The same facts are carried as data on the exception
(``AvsGeoError.parameters``, ``file``, ``columns``, ``layer``), so that a caller
(the command line) reacts to them without reading the message.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import pandas as pd

from avs_geo._language import get_language

__all__ = [
    "PROBLEM_COLUMNS",
    "AvsGeoError",
    "AvsGeoWarning",
    "CRSError",
    "DuplicateIdError",
    "GeometryError",
    "InputFileError",
    "InputTypeError",
    "MissingDependencyError",
    "MissingFileError",
    "OutputFolderError",
    "ParameterError",
    "SchemaError",
    "UnknownCodeError",
    "format_ids",
]

PROBLEM_COLUMNS = ("ligne", "colonne", "valeur", "probleme", "correction")
"""The columns of ``AvsGeoError.problems``."""


class AvsGeoError(Exception):
    """Base class of every error raised by avs_geo.

    Parameters
    ----------
    *args
        The message (one string), as for any exception.
    parameters : iterable of str, optional
        The names of the Python arguments the error is about (``"full_min"``,
        ``"zones"``...).
    file : str or path-like, optional
        The file the error is about.
    columns : iterable of str, optional
        The columns the error is about.
    layer : str, optional
        The reference layer concerned (``"communes"``, ``"qpv"``).
    problems : pandas.DataFrame, optional
        Every problem of the file, one row each: ``ligne`` (the line as the spreadsheet
        numbers it, the header being line 1 unless title rows sit above it), ``colonne``,
        ``valeur``, ``probleme``, ``correction``. Empty when the error is not about
        cells. A notebook displays it; the command line prints it.

    Examples
    --------
    >>> error = SchemaError("Il manque la colonne 'type'.", file="s.csv", columns=["type"])
    >>> error.file, error.columns, error.parameters, str(error)
    ('s.csv', ('type',), (), "Il manque la colonne 'type'.")
    """

    parameters: tuple[str, ...]
    file: str | None
    columns: tuple[str, ...]
    layer: str | None
    problems: pd.DataFrame

    def __init__(
        self,
        *args: object,
        parameters: Iterable[str] = (),
        file: str | os.PathLike[str] | None = None,
        columns: Iterable[str] = (),
        layer: str | None = None,
        problems: pd.DataFrame | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)  # e.g. ImportError's name= and path=
        self.parameters = tuple(parameters)
        self.file = None if file is None else os.fspath(file)
        self.columns = tuple(columns)
        self.layer = layer
        self.problems = (
            pd.DataFrame({c: pd.Series(dtype=object) for c in PROBLEM_COLUMNS})
            if problems is None
            else problems
        )


class InputFileError(AvsGeoError, ValueError):
    """A file cannot be read: unknown format, unreadable content, empty layer."""


class OutputFolderError(InputFileError):
    """The output folder cannot be used: a file, not writable, in use by another run,
    or one of its files is an input that an output would replace."""


class MissingFileError(AvsGeoError, FileNotFoundError):
    """A file named by the user does not exist."""


class SchemaError(AvsGeoError, ValueError):
    """A table lacks a column, or a column holds values of the wrong kind."""


class DuplicateIdError(AvsGeoError, ValueError):
    """An identifier (structure_id, code_qpv) appears more than once."""


class UnknownCodeError(AvsGeoError, ValueError):
    """A zone names a commune or QPV code that the reference layer does not hold."""


class CRSError(AvsGeoError, ValueError):
    """A layer has no CRS, a geographic CRS where metres are needed, or two CRS differ."""


class GeometryError(AvsGeoError, ValueError):
    """Geometries of the wrong type, empty, or outside the expected territory."""


class ParameterError(AvsGeoError, ValueError):
    """An argument is outside its allowed range (thresholds, k, dates...)."""


class InputTypeError(AvsGeoError, TypeError):
    """An argument has the wrong Python type (e.g. a DataFrame where a GeoDataFrame is needed)."""


class MissingDependencyError(AvsGeoError, ImportError):
    """An optional package is not installed; the message gives the pip command.

    ``package`` is the missing package, ``extra`` the avs_geo extra that installs it
    (``pip install "avs_geo[extra]"``); ``name`` (from ImportError) is the package too.
    """

    def __init__(self, message: str, *, package: str = "", extra: str = "") -> None:
        super().__init__(message, name=package or None)
        self.package = package
        self.extra = extra


class AvsGeoWarning(UserWarning):
    """A data problem that still allows a result (repaired geometry, sliver, ...)."""


class UnusedColumnsWarning(AvsGeoWarning):
    """Columns of a file that look like a date, an id, a name or a zone were not read.

    ``report`` is the column report of the file (which header was read as what).
    """

    def __init__(self, message: str, *, report: object = None) -> None:
        super().__init__(message)
        self.report = report


def format_ids(ids: Iterable[object], *, limit: int = 20) -> str:
    r"""Format ids for a message, such as ``'a', 'b' (+3 autres)``.

    Examples
    --------
    >>> format_ids(["QP031001", "QP031002"])
    "'QP031001', 'QP031002'"
    >>> format_ids(range(25), limit=3)
    '0, 1, 2 (+22 autres)'

    Control characters (ANSI escapes, newlines, bidirectional overrides) are shown as
    escapes, so that an id cannot rewrite the terminal or the report that prints it:

    >>> print(format_ids(["CS\x1b[2J01"]))
    'CS\x1b[2J01'
    """
    items = list(ids)
    shown = ", ".join(_shown_id(i) for i in items[:limit])
    if len(items) > limit:
        others = "more" if get_language() == "en" else "autres"
        shown += f" (+{len(items) - limit} {others})"
    return shown


def _shown_id(value: object) -> str:
    """An id quoted if text, its non-printable characters escaped (``repr``)."""
    if isinstance(value, str):
        return repr(str(value))
    text = str(value)
    return text if text.isprintable() else repr(text)
