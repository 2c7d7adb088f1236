"""Deprecated import path: use :mod:`avs_geo.workflows` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.workflows import run_comparison, run_coverage, run_demo, run_sites

__all__ = ["run_comparison", "run_coverage", "run_demo", "run_sites"]

moved(__name__, "avs_geo.workflows")
