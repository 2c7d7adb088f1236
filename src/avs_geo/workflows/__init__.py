"""Whole jobs, glue only: read the inputs, measure, write the tables and maps.

Each ``run_*`` function is what one command of the command line does; a notebook can
call them the same way (``avs_geo.run_coverage(...)``). Nothing here prints: progress
is reported through an optional ``progress(label, step, total)`` callback.

- :mod:`~avs_geo.workflows.inputs`: the planner's inputs (:func:`load_inputs`);
- :mod:`~avs_geo.workflows.progress`: the steps each job runs, reported to ``progress``;
- :mod:`~avs_geo.workflows.outputs`: the output folder, the file names, the notes;
- :mod:`~avs_geo.workflows.coverage`: :func:`run_coverage`, the coverage at a date;
- :mod:`~avs_geo.workflows.comparison`: :func:`run_comparison`, two dates compared;
- :mod:`~avs_geo.workflows.evolution`: :func:`run_evolution`, the coverage at several dates;
- :mod:`~avs_geo.workflows.sites`: :func:`run_sites`, choosing sites for new structures;
- :mod:`~avs_geo.workflows.territories`: the Nord example of the demo (white zones,
  network, rural EVS);
- :mod:`~avs_geo.workflows.demo`: :func:`run_demo`, all of them on the embedded data.
"""

from avs_geo.workflows.comparison import ComparisonRun, run_comparison
from avs_geo.workflows.coverage import CoverageRun, run_coverage
from avs_geo.workflows.demo import DEMO_BEFORE, DEMO_DATE, DEMO_K, DemoRun, run_demo
from avs_geo.workflows.evolution import EvolutionRun, run_evolution
from avs_geo.workflows.inputs import Inputs, load_inputs
from avs_geo.workflows.outputs import (
    COMPARISON_FILES,
    COVERAGE_FILES,
    EVOLUTION_FILES,
    GEOPACKAGE_LAYERS,
    SITES_FILES,
    describe_file,
)
from avs_geo.workflows.progress import Progress
from avs_geo.workflows.sites import SitesRun, run_sites
from avs_geo.workflows.territories import NORD_FILES, TerritoryRun

__all__ = [
    "COMPARISON_FILES",
    "COVERAGE_FILES",
    "DEMO_BEFORE",
    "DEMO_DATE",
    "DEMO_K",
    "EVOLUTION_FILES",
    "GEOPACKAGE_LAYERS",
    "NORD_FILES",
    "SITES_FILES",
    "ComparisonRun",
    "CoverageRun",
    "DemoRun",
    "EvolutionRun",
    "Inputs",
    "Progress",
    "SitesRun",
    "TerritoryRun",
    "describe_file",
    "load_inputs",
    "run_comparison",
    "run_coverage",
    "run_demo",
    "run_evolution",
    "run_sites",
]
