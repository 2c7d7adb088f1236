"""Deprecated import path: use :mod:`avs_geo.sites.relation` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.sites.relation import DemandUnits, SiteRelation, build_relation, demand_units

__all__ = ["DemandUnits", "SiteRelation", "build_relation", "demand_units"]

__getattr__ = moved(__name__, "avs_geo.sites.relation", "avs_geo.coverage._overlay")
