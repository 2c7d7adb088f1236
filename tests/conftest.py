"""Shared fixtures: the embedded real data, loaded once per session."""

from __future__ import annotations

import warnings

import geopandas as gpd
import pytest

import avs_geo
from avs_geo.datasets import get_path


@pytest.fixture(scope="session")
def qpv_occitanie() -> gpd.GeoDataFrame:
    """The 105 embedded QPV (the repair warning is tested in test_read_qpv)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        return avs_geo.load_qpv()


@pytest.fixture(scope="session")
def communes_all() -> gpd.GeoDataFrame:
    """All embedded communes (Occitanie, 59, 62, 95)."""
    return avs_geo.load_communes()


@pytest.fixture(scope="session")
def structures_occitanie(
    qpv_occitanie: gpd.GeoDataFrame, communes_all: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """The EXAMPLE network of Occitanie with its drawn zones."""
    return avs_geo.load_structures(
        get_path("structures_exemple_occitanie"),
        perimeters=get_path("zones_exemple_occitanie"),
        communes=communes_all,
        qpv=qpv_occitanie,
    )
