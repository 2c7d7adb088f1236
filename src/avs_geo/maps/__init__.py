"""Coverage maps: an interactive map (folium/Leaflet, offline) and a static figure.

folium, branca and matplotlib are the optional ``maps`` extra
(``pip install "avs_geo[maps]"``): importing this package does not need them, the
functions import them when called.

Modules: :mod:`~avs_geo.maps.webmap` (the map and its HTML file),
:mod:`~avs_geo.maps.figure` (the static PNG), :mod:`~avs_geo.maps.layers` (data layers
with escaped tooltips and popups), :mod:`~avs_geo.maps.legend`,
:mod:`~avs_geo.maps.symbology` (colours, symbols, words), :mod:`~avs_geo.maps.assets`
(inlined Leaflet), :mod:`~avs_geo.maps.elements` (folium elements),
:mod:`~avs_geo.maps.network` (the structures counted by territory),
:mod:`~avs_geo.maps.sitesmap` (the map of a site proposal), :mod:`~avs_geo.maps.atlas`
(the report map and its atlas), :mod:`~avs_geo.maps.basemap` (an optional tiled base map).
"""

from avs_geo.maps.figure import coverage_figure
from avs_geo.maps.network import network_figure
from avs_geo.maps.sitesmap import sites_map
from avs_geo.maps.webmap import coverage_map, save_map, save_map_pages

__all__ = [
    "coverage_figure",
    "coverage_map",
    "network_figure",
    "save_map",
    "save_map_pages",
    "sites_map",
]
