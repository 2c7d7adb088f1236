"""Deprecated import path: use :mod:`avs_geo.report.sentence` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.report.sentence import coverage_sentence

__all__ = ["coverage_sentence"]

__getattr__ = moved(__name__, "avs_geo.report.sentence")
