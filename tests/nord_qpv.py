"""A small QPV layer of the Nord for tests (the real contours of 59 are not embedded).

Three squares of 200 m, each inside one commune of the Lille area: Roubaix, Marcq-en-
Barœul and Villeneuve-d'Ascq. A zone naming one of these communes covers its square
whole; a zone naming none of them misses it.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

import avs_geo

__all__ = ["NORD_QPV", "nord_qpv", "write_nord_qpv"]

NORD_QPV = {
    "QP059901": ("Quartier test Roubaix", "59512"),
    "QP059902": ("Quartier test Marcq", "59378"),
    "QP059903": ("Quartier test Villeneuve", "59009"),
}
"""Code -> (name, commune holding it)."""


def nord_qpv(prefix: str = "QP") -> gpd.GeoDataFrame:
    """The three test QPV in Lambert-93, as a QPV file writes them (``code_qp``...)."""
    communes = avs_geo.load_communes(departement="59").set_index("code_insee")
    codes, names, insee, squares = [], [], [], []
    for code, (name, commune) in NORD_QPV.items():
        point = communes.geometry[commune].representative_point()
        squares.append(shapely.box(point.x - 100, point.y - 100, point.x + 100, point.y + 100))
        codes.append(prefix + code[2:])
        names.append(name)
        insee.append(commune)
    return gpd.GeoDataFrame(
        {"code_qp": codes, "nom_qp": names, "insee_com": insee, "pop_mun": [1000, 2000, 3000]},
        geometry=squares,
        crs=communes.crs,
    )


def write_nord_qpv(path: Path, prefix: str = "QP") -> Path:
    """:func:`nord_qpv` written as a GeoJSON file."""
    nord_qpv(prefix).to_file(path, driver="GeoJSON")
    return path
