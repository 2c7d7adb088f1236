"""Warn once when an import path of avs_geo 0.1 is used: the shims call :func:`moved`."""

from __future__ import annotations

import warnings

__all__ = ["moved"]


def moved(old: str, new: str) -> None:
    """Warn that module ``old`` moved to ``new`` (a DeprecationWarning, removed in 0.3)."""
    warnings.warn(
        f"{old} is deprecated since avs_geo 0.2 and will be removed in 0.3: import from {new}"
        " or from avs_geo.",
        DeprecationWarning,
        stacklevel=3,
    )
