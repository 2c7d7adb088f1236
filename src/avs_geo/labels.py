"""Deprecated import path: use ``avs_geo._i18n`` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo._i18n import STATUS_LABELS, TYPE_LABELS, status_label, type_label

__all__ = ["STATUS_LABELS", "TYPE_LABELS", "status_label", "type_label"]

__getattr__ = moved(__name__, "avs_geo._i18n")
