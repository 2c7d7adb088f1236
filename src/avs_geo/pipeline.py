"""Deprecated import path: use :mod:`avs_geo.workflows` (or the names in :mod:`avs_geo`); removed in 0.3."""

from avs_geo._deprecated import moved
from avs_geo.workflows import run_comparison, run_coverage, run_demo, run_sites
from avs_geo.workflows.progress import comparison_plan, coverage_plan, demo_plan, sites_plan

__all__ = [
    "comparison_step_count",
    "coverage_step_count",
    "demo_step_count",
    "run_comparison",
    "run_coverage",
    "run_demo",
    "run_sites",
    "sites_step_count",
]

__getattr__ = moved(
    __name__,
    "avs_geo.workflows",
    "avs_geo.workflows.inputs",
    "avs_geo.workflows.outputs",
    "avs_geo.workflows.progress",
    "avs_geo.workflows.coverage",
    "avs_geo.workflows.comparison",
    "avs_geo.workflows.sites",
    "avs_geo.workflows.demo",
    "avs_geo._dates",
    "avs_geo._i18n.workflows",
)


def coverage_step_count(*, maps: bool = True) -> int:
    """Steps of :func:`run_coverage` (0.1 name of ``len(coverage_plan(maps=maps))``)."""
    return len(coverage_plan(maps=maps))


def comparison_step_count() -> int:
    """Steps of :func:`run_comparison` (0.1 name of ``len(comparison_plan())``)."""
    return len(comparison_plan())


def sites_step_count(*, maps: bool = True) -> int:
    """Steps of :func:`run_sites` (0.1 name of ``len(sites_plan(maps=maps))``)."""
    return len(sites_plan(maps=maps))


def demo_step_count(*, maps: bool = True) -> int:
    """Steps of :func:`run_demo` (0.1 name of ``len(demo_plan(maps=maps))``)."""
    return len(demo_plan(maps=maps))
