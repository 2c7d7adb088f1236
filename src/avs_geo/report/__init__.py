"""Frames and sentences a planner reads: summaries, tables, comparisons, the method.

Nothing here writes a file: :mod:`avs_geo.write` does.
"""

import importlib
import warnings
from typing import Any

from avs_geo._i18n import message
from avs_geo._i18n.common import MESSAGES as COMMON_MESSAGES
from avs_geo.report.comparison import CoverageComparison, compare_coverage
from avs_geo.report.method import method_table
from avs_geo.report.sentence import coverage_sentence
from avs_geo.report.summary import CoverageSummary, coverage_summary
from avs_geo.report.tables import qpv_table

__all__ = [
    "CoverageComparison",
    "CoverageSummary",
    "compare_coverage",
    "coverage_sentence",
    "coverage_summary",
    "method_table",
    "qpv_table",
]


def __getattr__(name: str) -> Any:
    """0.1's module ``avs_geo.report`` also held ``write_report``, now in avs_geo.write.

    Found by name at run time (not imported: report sits below write), with a
    DeprecationWarning, until 0.3.
    """
    if name == "write_report":
        warnings.warn(
            message(
                COMMON_MESSAGES,
                "deprecated_module",
                old="avs_geo.report.write_report",
                new="avs_geo.write",
            ),
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module("avs_geo.write.workbook").write_report
    raise AttributeError(f"module 'avs_geo.report' has no attribute {name!r}")
