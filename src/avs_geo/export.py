"""Deprecated import path: use :mod:`avs_geo.write.excel` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.write.excel import to_excel

__all__ = ["to_excel"]

__getattr__ = moved(__name__, "avs_geo.write.excel")
