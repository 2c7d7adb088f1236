"""Whole jobs, glue only: read the inputs, measure, write the tables and maps.

Each ``run_*`` function is what one command of the command line does.
"""

from avs_geo.workflows.jobs import run_comparison, run_coverage, run_demo
from avs_geo.workflows.sites import run_sites

__all__ = ["run_comparison", "run_coverage", "run_demo", "run_sites"]
