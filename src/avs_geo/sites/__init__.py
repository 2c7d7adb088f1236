"""Score candidate sites for a new EVS or centre social, and choose where to implant.

:mod:`~avs_geo.sites.candidates` builds the candidates' zones and candidate grids
over the uncovered QPV (candidates files are read by :mod:`avs_geo.read.candidates`);
:mod:`~avs_geo.sites.relation` measures the sparse candidate x QPV marginal gains and
the demand units;
:mod:`~avs_geo.sites.score` scores each candidate alone; :mod:`~avs_geo.sites.select`
chooses k sites together (maximal covering, greedy or exact). See docs/sites.md.
"""

# load_candidates is a reader (avs_geo.read.candidates); re-exported here for one release.
from avs_geo.read.candidates import load_candidates
from avs_geo.sites.candidates import DEFAULT_RADIUS_M, candidate_grid, candidate_zones
from avs_geo.sites.mclp import exact_mclp, greedy_mclp
from avs_geo.sites.score import score_sites, sites_table
from avs_geo.sites.select import SiteSelection, select_sites

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
