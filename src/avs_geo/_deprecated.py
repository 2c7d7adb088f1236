"""Deprecations of avs_geo 0.1 names: moved import paths (:func:`moved`, called by the
shims) and the ``zones=`` argument renamed ``perimeters=`` (:func:`perimeters_argument`)."""

from __future__ import annotations

import os
import warnings
from typing import Any, TypeVar

from avs_geo.errors import ParameterError

__all__ = ["data_then_path", "moved", "perimeters_argument"]

T = TypeVar("T")


def moved(old: str, new: str) -> None:
    """Warn that module ``old`` moved to ``new`` (a DeprecationWarning, removed in 0.3)."""
    warnings.warn(
        f"{old} is deprecated since avs_geo 0.2 and will be removed in 0.3: import from {new}"
        " or from avs_geo.",
        DeprecationWarning,
        stacklevel=3,
    )


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
        raise ParameterError(
            f"{function}() a reçu perimeters= et zones= : zones= est l'ancien nom de "
            "perimeters= ; ne donnez que perimeters=."
        )
    warnings.warn(
        f"{function}(zones=...) est remplacé par {function}(perimeters=...) depuis avs_geo "
        "0.2 et sera retiré en 0.3 : « zones » désigne désormais les zones d'intervention "
        "construites (build_zones), « perimeters » les périmètres dessinés. Écrivez "
        "perimeters=... à la place de zones=...",
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
            f"{writer}(path, data) is deprecated since avs_geo 0.2 and will be removed in "
            f"0.3: pass the data first, then the path ({writer}(data, path)).",
            DeprecationWarning,
            stacklevel=3,
        )
        return second, first
    return first, second
