"""Deprecated import path: use :mod:`avs_geo.coverage.structures` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.coverage.structures import structure_table

__all__ = ["structure_table"]

__getattr__ = moved(__name__, "avs_geo.coverage.structures")
