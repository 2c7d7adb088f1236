"""Measure coverage: the QPV x zone overlay, classes, explanations, structure reach.

:mod:`~avs_geo.coverage.measure` measures the covered share of each QPV
(:func:`compute_coverage`, :func:`coverage_sensitivity`);
:mod:`~avs_geo.coverage.classify` turns ratios into classes;
:mod:`~avs_geo.coverage.explain` explains one QPV;
:mod:`~avs_geo.coverage.structures` measures what each structure reaches;
:mod:`~avs_geo.coverage.qpv_places` places each QPV in its communes, EPCI and territory.
"""

from avs_geo.coverage._overlay import AREA_TOLERANCE_M2 as AREA_TOLERANCE_M2
from avs_geo.coverage._overlay import RATIO_SNAP as RATIO_SNAP
from avs_geo.coverage.classify import classify_coverage
from avs_geo.coverage.explain import QpvExplanation, explain_qpv
from avs_geo.coverage.measure import OUTPUT_COLUMNS as OUTPUT_COLUMNS
from avs_geo.coverage.measure import compute_coverage, coverage_sensitivity
from avs_geo.coverage.qpv_places import attach_epci, attach_territories, qpv_communes

__all__ = [
    "QpvExplanation",
    "attach_epci",
    "attach_territories",
    "classify_coverage",
    "compute_coverage",
    "coverage_sensitivity",
    "explain_qpv",
    "qpv_communes",
]
