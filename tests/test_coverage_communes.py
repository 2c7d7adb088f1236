"""Commune coverage and white zones: known answers by hand, properties, real Nord data."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import Point, box

from avs_geo import build_zones
from avs_geo.coverage.communes import commune_coverage
from avs_geo.errors import CRSError, DuplicateIdError, GeometryError, SchemaError
from avs_geo.zones import BUFFER_QUAD_SEGS

L93 = "EPSG:2154"


def communes_frame(*geoms: shapely.Geometry, population: list[float] | None = None):
    data: dict[str, object] = {"code_insee": [f"59{i + 1:03d}" for i in range(len(geoms))]}
    if population is not None:
        data["population"] = population
    return gpd.GeoDataFrame(data, geometry=list(geoms), crs=L93)


def zones_frame(*geoms: shapely.Geometry) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"structure_id": [f"S{i + 1}" for i in range(len(geoms))]}, geometry=list(geoms), crs=L93
    )


def radius_structure(x: float, y: float, radius: float) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "structure_id": ["EVS1"],
            "nom": ["EVS 1"],
            "type": ["evs"],
            "zone_communes": [()],
            "zone_qpv": [()],
            "zone_rayon_m": [radius],
            "date_agrement": pd.to_datetime([None]),
            "date_fin": pd.to_datetime([None]),
        },
        geometry=[Point(x, y)],
        crs=L93,
    )


# ---------------------------------------------------------------- known answers


def test_commune_partly_covered_by_a_radius_zone() -> None:
    # A 2 km x 2 km commune of 4,000 inhabitants; an EVS at its south-west corner with a
    # 1 km radius. The buffer is a regular polygon of n = 4 * 16 sides inscribed in the
    # circle, with a vertex on each axis: the quarter inside the commune measures
    # (n / 8) r² sin(2π / n), i.e. 784,137.122... m² (π r² / 4 = 785,398 for the circle).
    communes = communes_frame(box(0, 0, 2000, 2000), population=[4000.0])
    zones = build_zones(radius_structure(0, 0, 1000), communes=communes)
    n, r = 4 * BUFFER_QUAD_SEGS, 1000.0
    quarter = n / 8 * r**2 * math.sin(2 * math.pi / n)
    got = commune_coverage(communes, zones).iloc[0]
    assert got["covered_area_m2"] == pytest.approx(quarter, rel=1e-12)
    assert got["coverage_ratio"] == pytest.approx(quarter / 4e6, rel=1e-12)
    assert got["covered_population"] == pytest.approx(4000 * quarter / 4e6, rel=1e-12)
    assert got["uncovered_population"] == pytest.approx(4000 * (1 - quarter / 4e6), rel=1e-12)
    assert got["coverage_status"] == "partial"
    assert not got["no_offer"]
    assert got["structure_ids"] == ("EVS1",)


def test_two_overlapping_zones_count_inhabitants_once() -> None:
    # Commune 100 x 100 (1,000 inhabitants); zones [0, 60] and [40, 100] x [0, 50]:
    # together 100 x 50 = half the commune, not 60 % + 60 % of the half.
    communes = communes_frame(box(0, 0, 100, 100), box(100, 0, 200, 100), population=[1000, 80])
    zones = zones_frame(box(0, 0, 60, 50), box(40, 0, 100, 50))
    cov = commune_coverage(communes, zones)
    assert cov["coverage_ratio"].tolist() == [0.5, 0.0]
    assert cov["covered_population"].tolist() == [500.0, 0.0]
    assert cov["uncovered_population"].tolist() == [500.0, 80.0]
    assert cov["structure_ids"].tolist() == [("S1", "S2"), ()]
    assert cov["n_structures"].tolist() == [2, 0]
    assert cov["no_offer"].tolist() == [False, True]
    assert cov["coverage_status"].tolist() == ["partial", "none"]


def test_a_zone_touching_the_border_does_not_reach_the_commune() -> None:
    communes = communes_frame(box(0, 0, 100, 100), population=[10.0])
    cov = commune_coverage(communes, zones_frame(box(100, 0, 200, 100)))
    assert cov["no_offer"].tolist() == [True]
    assert cov["n_structures"].tolist() == [0]


def test_a_commune_reached_on_a_sliver_is_none_but_has_an_offer() -> None:
    # 2 % of the area: class "none" by the thresholds, yet a structure reaches it.
    cov = commune_coverage(communes_frame(box(0, 0, 100, 100)), zones_frame(box(0, 0, 2, 100)))
    assert cov["coverage_status"].tolist() == ["none"]
    assert cov["no_offer"].tolist() == [False]
    assert np.isnan(cov["covered_population"].iloc[0])  # no population column: unknown


def test_every_commune_is_kept_in_order_with_its_columns() -> None:
    communes = communes_frame(box(0, 0, 10, 10), box(20, 0, 30, 10), box(40, 0, 50, 10))
    communes = communes.assign(nom=["A", "B", "C"]).set_index(pd.Index([7, 3, 5]))
    cov = commune_coverage(communes, zones_frame(box(20, 0, 30, 10)))
    assert cov.index.tolist() == [7, 3, 5]
    assert cov["nom"].tolist() == ["A", "B", "C"]
    assert cov["no_offer"].tolist() == [True, False, True]
    assert "coverage_ratio" not in communes.columns  # input untouched


def test_no_zone_at_all_leaves_every_commune_without_offer() -> None:
    communes = communes_frame(box(0, 0, 10, 10), population=[5.0])
    cov = commune_coverage(communes, zones_frame())
    assert cov["no_offer"].tolist() == [True]
    assert cov["uncovered_population"].tolist() == [5.0]


# ---------------------------------------------------------------- errors


def test_errors_name_the_problem() -> None:
    communes = communes_frame(box(0, 0, 10, 10), box(0, 0, 5, 5), population=[1.0, 2.0])
    with pytest.raises(CRSError, match=r"CRS\) différents"):
        commune_coverage(communes, zones_frame().to_crs("EPSG:4326"))
    with pytest.raises(SchemaError, match=r"la ou les colonnes.*code_insee"):
        commune_coverage(communes.drop(columns="code_insee"), zones_frame())
    with pytest.raises(DuplicateIdError, match="59001"):
        commune_coverage(communes.assign(code_insee=["59001", "59001"]), zones_frame())
    with pytest.raises(SchemaError, match=r"positifs ou nuls.*59002"):
        commune_coverage(communes.assign(population=[1.0, -3.0]), zones_frame())
    with pytest.raises(SchemaError, match=r"positifs ou nuls.*59001"):
        commune_coverage(communes.assign(population=["beaucoup", 2]), zones_frame())
    with pytest.raises(SchemaError, match=r"a déjà la ou les colonnes de résultat.*no_offer"):
        commune_coverage(communes.assign(no_offer=False), zones_frame())
    with pytest.raises(GeometryError, match="59002"):
        commune_coverage(communes.set_geometry([box(0, 0, 1, 1), None], crs=L93), zones_frame())


# ---------------------------------------------------------------- properties

coords = st.integers(min_value=0, max_value=40).map(lambda v: v * 25.0)
sizes = st.integers(min_value=1, max_value=20).map(lambda v: v * 25.0)


@st.composite
def shapes(draw: st.DrawFn) -> shapely.Geometry:
    x, y, w, h = draw(coords), draw(coords), draw(sizes), draw(sizes)
    angle = draw(st.sampled_from([0.0, 17.0, 45.0]))
    return shapely.affinity.rotate(box(x, y, x + w, y + h), angle, origin="centroid")


PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(
    communes=st.lists(shapes(), min_size=1, max_size=5),
    zones=st.lists(shapes(), max_size=5),
    extra=shapes(),
    population=st.floats(0, 1e6, allow_nan=False),
)
def test_covered_inhabitants_bounded_and_monotone(
    communes: list[shapely.Geometry],
    zones: list[shapely.Geometry],
    extra: shapely.Geometry,
    population: float,
) -> None:
    frame = communes_frame(*communes, population=[population] * len(communes))
    before = commune_coverage(frame, zones_frame(*zones))
    after = commune_coverage(frame, zones_frame(*zones, extra))
    for cov in (before, after):
        assert (cov["covered_population"] <= cov["population"] * (1 + 1e-12)).all()
        assert (cov["uncovered_population"] >= 0).all()
        assert ((cov["coverage_ratio"] >= 0) & (cov["coverage_ratio"] <= 1)).all()
        assert (cov["no_offer"] == (cov["n_structures"] == 0)).all()
        assert (cov.loc[cov["no_offer"], "coverage_ratio"] == 0).all()
    assert (after["coverage_ratio"] >= before["coverage_ratio"] - 1e-12).all()
    assert (after["covered_population"] >= before["covered_population"] - 1e-6).all()
    union = shapely.union_all(zones) if zones else shapely.Polygon()
    expected = [shapely.intersection(c, union).area / c.area for c in communes]
    np.testing.assert_allclose(before["coverage_ratio"], expected, rtol=0, atol=1e-9)
