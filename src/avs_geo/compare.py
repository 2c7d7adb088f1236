"""Deprecated import path: use :mod:`avs_geo.report.comparison` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.report.comparison import CoverageComparison, compare_coverage

__all__ = ["CoverageComparison", "compare_coverage"]

__getattr__ = moved(__name__, "avs_geo.report.comparison")
