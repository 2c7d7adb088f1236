"""Read and validate the inputs: QPV, communes, structures, candidate sites, territories."""

from avs_geo.read.candidates import load_candidates
from avs_geo.read.communes import load_communes
from avs_geo.read.crs import to_working_crs
from avs_geo.read.qpv import load_qpv
from avs_geo.read.structures import load_structures
from avs_geo.read.territories import load_territories

__all__ = [
    "load_candidates",
    "load_communes",
    "load_qpv",
    "load_structures",
    "load_territories",
    "to_working_crs",
]
