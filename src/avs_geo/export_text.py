"""Deprecated import path: use :mod:`avs_geo.write.text` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.write.text import to_csv, to_markdown

__all__ = ["to_csv", "to_markdown"]

__getattr__ = moved(__name__, "avs_geo.write.text")
