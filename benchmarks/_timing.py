"""The timer every benchmark uses."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["timed"]

T = TypeVar("T")


def timed(func: Callable[[], T], repeat: int = 1) -> tuple[float, T]:
    """Best wall time of ``repeat`` runs (seconds) and the last result."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result
