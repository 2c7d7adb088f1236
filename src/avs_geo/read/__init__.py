"""Read and validate the inputs: QPV contours, commune contours, structures, candidate sites."""

from avs_geo.read.candidates import load_candidates
from avs_geo.read.communes import load_communes
from avs_geo.read.qpv import load_qpv
from avs_geo.read.structures import load_structures

__all__ = ["load_candidates", "load_communes", "load_qpv", "load_structures"]
