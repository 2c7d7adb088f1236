"""Deprecated import path: use :mod:`avs_geo.report.summary` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.report.summary import coverage_summary

__all__ = ["coverage_summary"]

__getattr__ = moved(__name__, "avs_geo.report.summary")
