"""Deprecations of avs_geo 0.1 names: moved import paths (:func:`moved`, called by the
shims) and the ``zones=`` argument renamed ``perimeters=`` (:func:`perimeters_argument`)."""

from __future__ import annotations

import importlib
import os
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from avs_geo._i18n import message
from avs_geo._i18n.common import MESSAGES
from avs_geo.errors import ParameterError

__all__ = ["data_then_path", "moved", "perimeters_argument"]

T = TypeVar("T")


def moved(old: str, new: str, *more: str) -> Callable[[str], Any]:
    """Warn that module ``old`` moved to ``new``, and return the shim's ``__getattr__``.

    The shim of a 0.1 import path calls it once, at import: a DeprecationWarning (removed
    in 0.3). Any name of the 0.1 module that still exists is then found in ``new`` or in
    the ``more`` modules, public or not, so that ``from avs_geo.pipeline import
    load_inputs`` keeps working for one release.
    """
    warnings.warn(
        message(MESSAGES, "deprecated_module", old=old, new=new),
        DeprecationWarning,
        stacklevel=3,
    )

    def lookup(name: str) -> Any:
        for module in (new, *more):
            found = getattr(importlib.import_module(module), name, _MISSING)
            if found is not _MISSING:
                return found
        raise AttributeError(f"module {old!r} has no attribute {name!r} (moved to {new})")

    return lookup


_MISSING = object()


def perimeters_argument(function: str, perimeters: T, zones: T | None, *, stacklevel: int = 3) -> T:
    """The drawn perimeters given to ``function``, by their new name or by the old ``zones=``.

    ``zones=`` was renamed ``perimeters=`` in avs_geo 0.2 (``zones`` now means the built
    zone polygons only); the old name still works until 0.3, with a DeprecationWarning
    in French, as planners read it.

    Raises
    ------
    ParameterError
        Both names are given.
    """
    if zones is None:
        return perimeters
    if perimeters is not None:
        raise ParameterError(message(MESSAGES, "zones_and_perimeters", function=function))
    warnings.warn(
        message(MESSAGES, "deprecated_zones", function=function),
        DeprecationWarning,
        stacklevel=stacklevel,
    )
    return zones


def data_then_path(first: Any, second: Any, writer: str) -> tuple[Any, Any]:
    """The (data, path) of a writer, accepting the 0.1 order (path, data) with a warning.

    avs_geo 0.1 wrote ``to_csv(path, table)`` and ``to_excel(path, tables)``; every
    writer now takes the data first, then the path. A str or path-like first argument
    (and a second that is not one) is the old order: it still works in 0.2, with a
    DeprecationWarning, and is removed in 0.3.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     data_then_path("t.csv", [1], "to_csv")
    ([1], 't.csv')
    >>> caught[0].category.__name__
    'DeprecationWarning'
    """
    if isinstance(first, str | os.PathLike) and not isinstance(second, str | os.PathLike):
        warnings.warn(
            message(MESSAGES, "path_then_data", writer=writer),
            DeprecationWarning,
            stacklevel=3,
        )
        return second, first
    return first, second
