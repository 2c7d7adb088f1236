"""Deprecated import path: use :mod:`avs_geo.report.tables` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.report.tables import qpv_table

__all__ = ["qpv_table"]

__getattr__ = moved(__name__, "avs_geo.report.tables")
