"""Frames and sentences a planner reads: summaries, tables, comparisons, the method.

Nothing here writes a file: :mod:`avs_geo.write` does.
"""

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
