"""Deprecated import path: use :mod:`avs_geo.workflows` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.workflows import run_sites
from avs_geo.workflows.progress import sites_plan

__all__ = ["run_sites", "sites_step_count"]

__getattr__ = moved(
    __name__,
    "avs_geo.workflows",
    "avs_geo.workflows.sites",
    "avs_geo.workflows.outputs",
    "avs_geo.workflows.progress",
)


def sites_step_count(*, maps: bool = True) -> int:
    """Steps of :func:`run_sites` (0.1 name of ``len(sites_plan(maps=maps))``)."""
    return len(sites_plan(maps=maps))
