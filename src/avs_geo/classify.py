"""Deprecated import path: use :mod:`avs_geo.coverage.classify` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.coverage.classify import (
    DEFAULT_FULL_MIN,
    DEFAULT_NONE_MAX,
    check_thresholds,
    classify_coverage,
)

__all__ = ["DEFAULT_FULL_MIN", "DEFAULT_NONE_MAX", "check_thresholds", "classify_coverage"]

__getattr__ = moved(__name__, "avs_geo.coverage.classify")
