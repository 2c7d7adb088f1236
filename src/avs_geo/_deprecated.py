"""Warn once when an import path of avs_geo 0.1 is used: the shims call :func:`moved`."""

from __future__ import annotations

import os
import warnings
from typing import Any

__all__ = ["data_then_path", "moved"]


def moved(old: str, new: str) -> None:
    """Warn that module ``old`` moved to ``new`` (a DeprecationWarning, removed in 0.3)."""
    warnings.warn(
        f"{old} is deprecated since avs_geo 0.2 and will be removed in 0.3: import from {new}"
        " or from avs_geo.",
        DeprecationWarning,
        stacklevel=3,
    )


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
