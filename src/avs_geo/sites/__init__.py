"""Score candidate sites for a new EVS or centre social, and choose where to implant.

:mod:`~avs_geo.sites.candidates` reads and builds candidates (points, polygons,
communes, a grid over the uncovered QPV) and their zones; :mod:`~avs_geo.sites.relation`
measures the sparse candidate x QPV marginal gains and the demand units;
:mod:`~avs_geo.sites.score` scores each candidate alone; :mod:`~avs_geo.sites.select`
chooses k sites together (maximal covering, greedy or exact). See docs/sites.md.
"""

from avs_geo.sites.candidates import (
    DEFAULT_RADIUS_M,
    candidate_grid,
    candidate_zones,
    load_candidates,
)
from avs_geo.sites.score import score_sites, sites_table
from avs_geo.sites.select import SiteSelection, exact_mclp, greedy_mclp, select_sites

__all__ = [
    "DEFAULT_RADIUS_M",
    "SiteSelection",
    "candidate_grid",
    "candidate_zones",
    "exact_mclp",
    "greedy_mclp",
    "load_candidates",
    "score_sites",
    "select_sites",
    "sites_table",
]
