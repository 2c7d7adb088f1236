"""Deprecated import path: use :mod:`avs_geo.coverage.explain` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.coverage.explain import QpvExplanation, explain_qpv

__all__ = ["QpvExplanation", "explain_qpv"]

__getattr__ = moved(__name__, "avs_geo.coverage.explain")
