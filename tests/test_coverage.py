"""Tests of avs_geo.coverage: known answers on squares, invariants, real data."""

from __future__ import annotations

import math
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import MultiPolygon, Point, Polygon, box

import avs_geo
from avs_geo import (
    AvsGeoWarning,
    CRSError,
    DuplicateIdError,
    GeometryError,
    InputTypeError,
    ParameterError,
    SchemaError,
    UnknownCodeError,
)
from avs_geo.coverage import AREA_TOLERANCE_M2
from avs_geo.coverage.classify import check_classes, threshold_bounds
from avs_geo.coverage.explain import explain_qpv
from avs_geo.coverage.measure import compute_coverage, coverage_sensitivity
from avs_geo.report.method import method_table
from avs_geo.zones import build_zones

L93 = "EPSG:2154"
SQUARE = box(0, 0, 100, 100)  # 10,000 m²


def qpv_frame(
    *geoms: shapely.Geometry, index: list[object] | None = None, **cols: list
) -> gpd.GeoDataFrame:
    codes = [f"QP031{i + 1:03d}" for i in range(len(geoms))]
    return gpd.GeoDataFrame({"code_qpv": codes, **cols}, geometry=list(geoms), crs=L93, index=index)


def zones_frame(*geoms: shapely.Geometry, ids: list[str] | None = None) -> gpd.GeoDataFrame:
    ids = ids or [f"S{i + 1}" for i in range(len(geoms))]
    return gpd.GeoDataFrame({"structure_id": ids}, geometry=list(geoms), crs=L93)


def one(qpv_geom: shapely.Geometry, *zone_geoms: shapely.Geometry, **kw: object) -> pd.Series:
    """The coverage row of a single QPV."""
    return compute_coverage(qpv_frame(qpv_geom), zones_frame(*zone_geoms), **kw).iloc[0]


# ---------------------------------------------------------------- known answers (on paper)


def test_half_covered_is_half() -> None:
    row = one(SQUARE, box(0, 0, 50, 100))
    assert row.qpv_area_m2 == 10_000
    assert row.covered_area_m2 == 5_000
    assert row.coverage_ratio == 0.5
    assert row.coverage_status == "partial"
    assert row.structure_ids == ("S1",)
    assert row.n_structures == 1


def test_identical_is_full() -> None:
    row = one(SQUARE, SQUARE)
    assert row.coverage_ratio == 1.0
    assert row.coverage_status == "full"


def test_disjoint_is_none() -> None:
    row = one(SQUARE, box(500, 500, 600, 600))
    assert row.coverage_ratio == 0.0
    assert row.covered_area_m2 == 0.0
    assert row.coverage_status == "none"
    assert row.structure_ids == ()
    assert row.n_structures == 0


def test_no_zones_at_all() -> None:
    cov = compute_coverage(qpv_frame(SQUARE), zones_frame())
    assert cov.coverage_ratio.tolist() == [0.0]
    assert cov.coverage_status.tolist() == ["none"]


def test_overlapping_zones_not_counted_twice() -> None:
    # [0, 60] and [40, 100] overlap on [40, 60]: union = whole square, not 120 %.
    row = one(SQUARE, box(0, 0, 60, 100), box(40, 0, 100, 100))
    assert row.coverage_ratio == 1.0
    assert row.covered_area_m2 == 10_000
    assert row.structure_ids == ("S1", "S2")
    # [0, 50] and [25, 75]: union [0, 75] = 7,500 m², not 10,000.
    row = one(SQUARE, box(0, 0, 50, 100), box(25, 0, 75, 100))
    assert row.coverage_ratio == pytest.approx(0.75, abs=1e-12)
    assert row.n_structures == 2


def test_touching_at_an_edge_only_is_none_and_not_listed() -> None:
    row = one(SQUARE, box(100, 0, 200, 100), box(-50, 100, 50, 200))
    assert row.coverage_ratio == 0.0
    assert row.coverage_status == "none"
    assert row.structure_ids == ()


def test_qpv_with_a_hole() -> None:
    # Square minus a 50x50 hole: 7,500 m². The left half [0, 50] holds 5,000 - 1,250 = 3,750.
    holed = Polygon(SQUARE.exterior.coords, [box(25, 25, 75, 75).exterior.coords])
    row = one(holed, box(0, 0, 50, 100))
    assert row.qpv_area_m2 == 7_500
    assert row.covered_area_m2 == pytest.approx(3_750, abs=1e-9)
    assert row.coverage_ratio == pytest.approx(0.5, abs=1e-12)
    # A zone exactly filling the hole touches the QPV on the hole's ring only.
    row = one(holed, box(25, 25, 75, 75))
    assert row.coverage_ratio == 0.0
    assert row.structure_ids == ()


def test_multipolygon_qpv() -> None:
    # Two squares of 10,000 m²; the zone covers the first and a quarter of the second.
    qpv = MultiPolygon([SQUARE, box(200, 0, 300, 100)])
    row = one(qpv, box(-10, -10, 110, 110), box(200, 0, 250, 50))
    assert row.qpv_area_m2 == 20_000
    assert row.covered_area_m2 == pytest.approx(12_500, abs=1e-9)
    assert row.coverage_ratio == pytest.approx(0.625, abs=1e-12)
    assert row.structure_ids == ("S1", "S2")


def test_zone_containing_the_qpv_gives_one() -> None:
    row = one(box(10, 10, 20, 20), box(0, 0, 1000, 1000))
    assert row.coverage_ratio == 1.0
    assert row.covered_area_m2 == 100.0


@pytest.mark.parametrize(
    ("right", "full_min", "none_max", "expected"),
    [
        (95, 0.95, 0.05, "full"),  # ratio exactly full_min: full
        (94, 0.95, 0.05, "partial"),
        (5, 0.95, 0.05, "none"),  # ratio exactly none_max: none
        (6, 0.95, 0.05, "partial"),
        (75, 0.75, 0.25, "full"),
        (25, 0.75, 0.25, "none"),
        (100, 1.0, 0.0, "full"),
        (99, 1.0, 0.0, "partial"),
    ],
)
def test_thresholds_exactly_at_the_boundaries(
    right: int, full_min: float, none_max: float, expected: str
) -> None:
    row = one(SQUARE, box(0, 0, right, 100), full_min=full_min, none_max=none_max)
    assert row.coverage_ratio == right / 100
    assert row.coverage_status == expected


def test_thresholds_travel_as_arguments_and_survive_concat() -> None:
    """No metadata on the frame: the classes (explicit columns) bound the thresholds, and
    a table given other thresholds than compute_coverage's refuses to print them."""
    qpv = qpv_frame(SQUARE, SQUARE)
    cov = compute_coverage(qpv, zones_frame(box(0, 0, 92, 100)), full_min=0.9, none_max=0.1)
    assert cov.attrs == {}
    assert cov["coverage_status"].tolist() == ["full", "full"]
    joined = pd.concat([cov.iloc[:1], cov.iloc[1:]])
    merged = joined.merge(pd.DataFrame({"code_qpv": cov["code_qpv"], "x": [1, 2]}))
    for frame in (joined, merged):
        assert check_classes(frame, full_min=0.9, none_max=0.1) == (0.9, 0.1)
        lo, hi, _, _ = threshold_bounds(frame)
        assert lo < 0.9 <= hi == pytest.approx(0.92)
        # the thresholds travel as the plain columns full_min and none_max
        assert check_classes(frame) == (0.9, 0.1)
        assert re.search(r"taux ≥ 90\s%", " | ".join(method_table(frame).iloc[:, 1]))
        with pytest.raises(ParameterError, match=r"full_min=0\.95 diffère du seuil .* 0\.9"):
            check_classes(frame, full_min=0.95)
        bare = frame.drop(columns=["full_min", "none_max"])  # made by hand, without them
        with pytest.raises(ParameterError, match=r"donnez les full_min= et none_max= passés"):
            check_classes(bare)  # the defaults (0.95) would class them partial
        with pytest.raises(ParameterError, match=r"ne sont pas classés comme full_min=0\.95"):
            method_table(bare)
    mixed = pd.concat([cov, compute_coverage(qpv, zones_frame(SQUARE))])
    with pytest.raises(ParameterError, match=r"porte plusieurs seuils \(0\.9, 0\.95\)"):
        check_classes(mixed)
    assert check_classes(compute_coverage(qpv, zones_frame(SQUARE))) == (0.95, 0.05)


@pytest.mark.parametrize(
    ("full_min", "none_max", "match"),
    [
        (1.5, 0.05, r"full_min doit être entre 0 et 1, reçu 1.5"),
        (0.95, -0.1, r"none_max doit être entre 0 et 1, reçu -0.1"),
        (95, 5, r"pas des pourcentages"),
        (0.5, 0.5, r"none_max \(0.5\) doit être inférieur à full_min \(0.5\)"),
        (0.2, 0.8, r"none_max \(0.8\) doit être inférieur à full_min \(0.2\)"),
        ("0.9", 0.1, r"full_min doit être un nombre"),
    ],
)
def test_bad_thresholds(full_min: object, none_max: object, match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        compute_coverage(
            qpv_frame(SQUARE), zones_frame(SQUARE), full_min=full_min, none_max=none_max
        )  # type: ignore[arg-type]


# ---------------------------------------------------------------- output shape and inputs


def test_columns_order_and_input_untouched() -> None:
    qpv = qpv_frame(SQUARE, box(200, 0, 300, 100), nom_qpv=["A", "B"])
    zones = zones_frame(box(0, 0, 50, 100))
    before_q, before_z = qpv.copy(), zones.copy()
    cov = compute_coverage(qpv, zones)
    pd.testing.assert_frame_equal(qpv, before_q)
    pd.testing.assert_frame_equal(zones, before_z)
    assert list(cov.columns) == [
        "code_qpv",
        "nom_qpv",
        "geometry",
        "qpv_area_m2",
        "covered_area_m2",
        "coverage_ratio",
        "coverage_status",
        "full_min",
        "none_max",
        "structure_ids",
        "n_structures",
        "covered_population",
    ]
    assert isinstance(cov, gpd.GeoDataFrame)
    assert cov.crs == qpv.crs
    assert cov.geometry.equals(qpv.geometry)
    assert cov.n_structures.dtype == np.int64
    assert np.isnan(cov.covered_population).all()


@pytest.mark.parametrize(
    "index", [None, [10, 3, 7], ["b", "a", "c"], pd.Index([2.5, 1.5, 0.5])], ids=str
)
def test_same_index_same_order(index: list[object] | None) -> None:
    qpv = qpv_frame(box(200, 0, 300, 100), SQUARE, box(0, 200, 100, 300), index=index)
    cov = compute_coverage(qpv, zones_frame(box(0, 0, 100, 300)))
    assert cov.index.equals(qpv.index)
    assert cov.code_qpv.tolist() == qpv.code_qpv.tolist()
    assert cov.coverage_ratio.tolist() == [0.0, 1.0, 1.0]


def test_structure_ids_sorted_as_str() -> None:
    zones = zones_frame(
        box(0, 0, 30, 100), box(30, 0, 60, 100), box(60, 0, 90, 100), ids=["b", "c", "a"]
    )
    row = compute_coverage(qpv_frame(SQUARE), zones).iloc[0]
    assert row.structure_ids == ("a", "b", "c")
    assert row.coverage_ratio == pytest.approx(0.9, abs=1e-12)


def test_refuses_to_overwrite_an_output_column() -> None:
    cov = compute_coverage(qpv_frame(SQUARE), zones_frame(SQUARE))
    with pytest.raises(SchemaError, match="a déjà la ou les colonnes de résultat"):
        compute_coverage(cov, zones_frame(SQUARE))


# ---------------------------------------------------------------- population


def test_population_column_area_weighted() -> None:
    qpv = qpv_frame(SQUARE, box(200, 0, 300, 100), population=[1000.0, np.nan])
    cov = compute_coverage(qpv, zones_frame(box(0, 0, 25, 100), box(200, 0, 300, 100)))
    assert cov.covered_population.iloc[0] == 250.0
    assert np.isnan(cov.covered_population.iloc[1])


def test_population_named_column() -> None:
    qpv = qpv_frame(SQUARE, pop_mun=[400])
    cov = compute_coverage(qpv, zones_frame(box(0, 0, 50, 100)), population="pop_mun")
    assert cov.covered_population.tolist() == [200.0]
    with pytest.raises(SchemaError, match="Il manque à 'qpv' la ou les colonnes"):
        compute_coverage(qpv, zones_frame(SQUARE), population="pop")


def test_population_points_layer() -> None:
    # Zone covers the left half; 3 people left, 10 right, 100 outside the QPV.
    points = gpd.GeoDataFrame(
        {"habitants": [1.0, 2.0, 10.0, 100.0]},
        geometry=[Point(10, 10), Point(40, 90), Point(80, 50), Point(20, 150)],
        crs=L93,
    )
    cov = compute_coverage(
        qpv_frame(SQUARE, population=[999.0]),
        zones_frame(box(0, 0, 50, 200)),
        population=points,
        population_column="habitants",
    )
    assert cov.covered_population.tolist() == [3.0]


def test_population_polygon_layer() -> None:
    # Carreaux of 50x100: left (100 people) fully covered, right (40) a quarter covered.
    cells = gpd.GeoDataFrame(
        {"population": [100.0, 40.0]},
        geometry=[box(0, 0, 50, 100), box(50, 0, 100, 100)],
        crs=L93,
    )
    cov = compute_coverage(qpv_frame(SQUARE), zones_frame(box(0, 0, 62.5, 100)), population=cells)
    assert cov.covered_population.iloc[0] == pytest.approx(110.0, abs=1e-9)


def test_a_point_on_the_border_of_two_qpv_counts_once_in_the_smallest_code() -> None:
    # Two QPV side by side, both fully covered; 7 people on their shared border, 5 on the
    # outer edge of the first, 3 inside the second. QP031001 < QP031002 takes the 7.
    qpv = qpv_frame(box(100, 0, 200, 100), SQUARE)
    qpv["code_qpv"] = ["QP031002", "QP031001"]
    points = gpd.GeoDataFrame(
        {"population": [7.0, 5.0, 3.0]},
        geometry=[Point(100, 50), Point(200, 50), Point(50, 50)],
        crs=L93,
    )
    cov = compute_coverage(qpv, zones_frame(box(0, 0, 200, 100)), population=points)
    assert cov.covered_population.tolist() == [5.0, 10.0]
    # the border point lies on the edge of the covered part of QP031001: covered
    half = compute_coverage(qpv, zones_frame(box(0, 0, 100, 100)), population=points)
    assert half.covered_population.tolist() == [0.0, 10.0]


def test_a_cell_across_two_qpv_is_shared_by_area() -> None:
    qpv = qpv_frame(SQUARE, box(100, 0, 200, 100))
    cells = gpd.GeoDataFrame({"population": [80.0]}, geometry=[box(50, 0, 150, 100)], crs=L93)
    cov = compute_coverage(qpv, zones_frame(box(0, 0, 200, 100)), population=cells)
    assert cov.covered_population.tolist() == [40.0, 40.0]


def test_population_layer_negative_values_and_empty_geometries() -> None:
    cells = gpd.GeoDataFrame(
        {"population": [10.0, -3.0, -1.0]},
        geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10), box(20, 0, 30, 10)],
        crs=L93,
        index=[4, 8, 9],
    )
    with pytest.raises(SchemaError, match=r"2 valeurs négatives \(lignes 8, 9\)"):
        compute_coverage(qpv_frame(SQUARE), zones_frame(SQUARE), population=cells)
    cells["population"] = 1.0
    cells.loc[8, "geometry"] = None
    with pytest.raises(GeometryError, match=r"1 géométries vides.*\(lignes 8\)"):
        compute_coverage(qpv_frame(SQUARE), zones_frame(SQUARE), population=cells)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    n_cols=st.integers(1, 4),
    n_rows=st.integers(1, 3),
    cells=st.booleans(),
)
def test_covered_population_never_exceeds_the_layer_total(
    data: st.DataObject, n_cols: int, n_rows: int, cells: bool
) -> None:
    """QPV tiling a grid (shared borders), zones anywhere, people on the lattice of the
    borders or across them: each inhabitant is counted at most once."""
    qpv = qpv_frame(
        *[
            box(10 * i, 10 * j, 10 * i + 10, 10 * j + 10)
            for i in range(n_cols)
            for j in range(n_rows)
        ]
    )
    coords = st.integers(-5, 45)
    zone_boxes = data.draw(
        st.lists(st.tuples(coords, coords, coords, coords), min_size=1, max_size=4)
    )
    zones = zones_frame(
        *[box(min(a, c), min(b, d), max(a, c) + 1, max(b, d) + 1) for a, b, c, d in zone_boxes]
    )
    spots = data.draw(st.lists(st.tuples(coords, coords), min_size=1, max_size=30))
    xy = np.array(spots, dtype=float)
    values = np.asarray(
        data.draw(st.lists(st.floats(0, 1000), min_size=len(spots), max_size=len(spots)))
    )
    geoms = (
        shapely.box(xy[:, 0], xy[:, 1], xy[:, 0] + 5, xy[:, 1] + 5) if cells else shapely.points(xy)
    )
    layer = gpd.GeoDataFrame({"population": values}, geometry=geoms, crs=L93)
    cov = compute_coverage(qpv, zones, population=layer)
    assert (cov.covered_population >= 0).all()
    assert cov.covered_population.sum() <= values.sum() * (1 + 1e-12) + 1e-9
    if not cells:  # every point inside a covered part of its QPV counts whole, once
        full = compute_coverage(qpv, zones_frame(box(-10, -10, 60, 60)), population=layer)
        inside = shapely.intersects(shapely.union_all(qpv.geometry.to_numpy()), geoms)
        assert full.covered_population.sum() == pytest.approx(values[inside].sum(), abs=1e-6)


def test_population_bad_type() -> None:
    with pytest.raises(InputTypeError, match="population doit être"):
        compute_coverage(qpv_frame(SQUARE), zones_frame(SQUARE), population=3)  # type: ignore[arg-type]


# ---------------------------------------------------------------- checks before any work


def test_not_a_geodataframe() -> None:
    with pytest.raises(InputTypeError, match="'zones' doit être un GeoDataFrame, reçu DataFrame"):
        compute_coverage(qpv_frame(SQUARE), pd.DataFrame({"structure_id": ["S1"]}))  # type: ignore[arg-type]


def test_missing_crs() -> None:
    zones = gpd.GeoDataFrame({"structure_id": ["S1"]}, geometry=[SQUARE])
    with pytest.raises(CRSError, match="'zones' n'a pas de système de coordonnées"):
        compute_coverage(qpv_frame(SQUARE), zones)


def test_different_crs() -> None:
    zones = zones_frame(SQUARE).set_crs("EPSG:3857", allow_override=True)
    with pytest.raises(CRSError, match=r"CRS\) différents.*EPSG:2154.*EPSG:3857"):
        compute_coverage(qpv_frame(SQUARE), zones)


def test_degrees_are_an_error() -> None:
    qpv = qpv_frame(box(1.40, 43.60, 1.41, 43.61)).set_crs("EPSG:4326", allow_override=True)
    zones = zones_frame(box(1.40, 43.60, 1.41, 43.61)).set_crs("EPSG:4326", allow_override=True)
    with pytest.raises(CRSError, match=r"système géographique.*qpv\.to_crs\('EPSG:2154'\)"):
        compute_coverage(qpv, zones)


def test_empty_or_null_geometries_named() -> None:
    qpv = qpv_frame(SQUARE, Polygon(), SQUARE)
    qpv.loc[2, "geometry"] = None
    with pytest.raises(
        GeometryError, match=r"2 géométrie\(s\) vide\(s\) ou absente\(s\).*'QP031002', 'QP031003'"
    ):
        compute_coverage(qpv, zones_frame(SQUARE))
    zones = zones_frame(SQUARE, Polygon(), ids=["S1", "S9"])
    with pytest.raises(GeometryError, match=r"'zones' a 1 géométrie.*'S9'"):
        compute_coverage(qpv_frame(SQUARE), zones)


def test_points_are_not_zones() -> None:
    with pytest.raises(GeometryError, match=r"doit contenir des polygones.*'S1'"):
        compute_coverage(qpv_frame(SQUARE), zones_frame(Point(1, 1)))


def test_duplicate_ids() -> None:
    qpv = qpv_frame(SQUARE, SQUARE)
    qpv["code_qpv"] = ["QP031001", "QP031001"]
    with pytest.raises(DuplicateIdError, match="valeurs de code_qpv en double : 'QP031001'"):
        compute_coverage(qpv, zones_frame(SQUARE))
    with pytest.raises(DuplicateIdError, match=r"'S1'.*fusionnez"):
        compute_coverage(qpv_frame(SQUARE), zones_frame(SQUARE, SQUARE, ids=["S1", "S1"]))


def test_missing_columns() -> None:
    with pytest.raises(SchemaError, match=r"Il manque à 'qpv' la ou les colonnes.*'code_qpv'"):
        compute_coverage(
            qpv_frame(SQUARE).rename(columns={"code_qpv": "code"}), zones_frame(SQUARE)
        )
    with pytest.raises(
        SchemaError, match=r"Il manque à 'zones' la ou les colonnes.*'structure_id'"
    ):
        compute_coverage(
            qpv_frame(SQUARE), zones_frame(SQUARE).rename(columns={"structure_id": "id"})
        )


def test_invalid_qpv_repaired_with_a_warning() -> None:
    bowtie = Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])  # two triangles of 2,500 m²
    with pytest.warns(AvsGeoWarning, match=r"1 géométrie\(s\) invalide\(s\) de 'qpv'.*'QP031001'"):
        cov = compute_coverage(qpv_frame(bowtie), zones_frame(box(0, 0, 50, 100)))
    assert cov.qpv_area_m2.iloc[0] == pytest.approx(5_000)
    assert cov.coverage_ratio.iloc[0] == pytest.approx(0.5)
    assert cov.geometry.iloc[0].is_valid


# ---------------------------------------------------------------- sensitivity and explanation


def test_coverage_sensitivity_known_answer() -> None:
    # Ratios 1.0, 0.996, 0.985, 0.5, 0.03, 0.0.
    qpv = qpv_frame(*(box(i * 200, 0, i * 200 + 100, 100) for i in range(6)))
    zones = zones_frame(
        box(0, 0, 100, 100),
        box(200, 0, 299.6, 100),
        box(400, 0, 498.5, 100),
        box(600, 0, 650, 100),
        box(800, 0, 803, 100),
    )
    table = coverage_sensitivity(qpv, zones)
    assert table.tolerance.tolist() == [0.0, 0.005, 0.01, 0.02, 0.05]
    assert table.n_full.tolist() == [1, 2, 2, 3, 3]
    assert table.n_partial.tolist() == [4, 3, 3, 2, 1]
    assert table.n_none.tolist() == [1, 1, 1, 1, 2]
    assert table.n_changed.tolist() == [0, 1, 1, 2, 3]
    assert table.changed_qpv.iloc[-1] == ("QP031002", "QP031003", "QP031005")
    with pytest.raises(ParameterError, match=r"dans \[0 ; 0,5\)"):
        coverage_sensitivity(qpv, zones, thresholds=[5])


def test_explain_qpv() -> None:
    qpv = qpv_frame(SQUARE)
    zones = zones_frame(box(0, 0, 50, 100), box(25, 0, 75, 100), box(100, 0, 200, 100))
    zones["nom"] = ["CS A", "EVS B", "EVS C"]
    why = explain_qpv("QP031001", compute_coverage(qpv, zones), zones)
    assert why.coverage_ratio == 0.75
    assert why.coverage_status == "partial"
    assert why.uncovered_area_m2 == 2_500
    assert why.uncovered.equals(box(75, 0, 100, 100))
    assert why.structures.structure_id.tolist() == ["S1", "S2"]  # S3 only touches
    assert why.structures.nom.tolist() == ["CS A", "EVS B"]
    assert why.structures.area_m2.tolist() == [5_000, 5_000]
    assert why.structures.share.tolist() == [0.5, 0.5]
    assert why.structures.own_area_m2.tolist() == [2_500, 2_500]
    nbsp = "\u00a0"
    assert why.summary() == (
        f"QP031001 : 75,0{nbsp}% de la surface couverte (couvert partiellement), soit "
        f"7{nbsp}500 m² sur 10{nbsp}000 m² ; 2{nbsp}500 m² non couverts.\n"
        f"  S1 : 5{nbsp}000 m² (50,0{nbsp}%), dont 2{nbsp}500 m² couverts par elle seule\n"
        f"  S2 : 5{nbsp}000 m² (50,0{nbsp}%), dont 2{nbsp}500 m² couverts par elle seule"
    )
    assert why.summary(language="en") == (
        "QP031001: 75.0% covered (partial), 7,500 of 10,000 m²; 2,500 m² uncovered.\n"
        "  S1: 5,000 m² (50.0%), 2,500 m² by it alone\n"
        "  S2: 5,000 m² (50.0%), 2,500 m² by it alone"
    )
    with pytest.raises(ParameterError, match="language"):
        why.summary(language="de")  # type: ignore[arg-type]


def test_explain_full_qpv_has_empty_uncovered() -> None:
    why = explain_qpv(
        "QP031001", compute_coverage(qpv_frame(SQUARE), zones_frame(SQUARE)), zones_frame(SQUARE)
    )
    assert why.coverage_status == "full"
    assert why.uncovered.is_empty
    assert why.uncovered_area_m2 == 0


def test_explain_unknown_code_and_other_zones() -> None:
    cov = compute_coverage(qpv_frame(SQUARE), zones_frame(SQUARE))
    with pytest.raises(UnknownCodeError, match="'QP999999' n'est pas dans 'coverage'"):
        explain_qpv("QP999999", cov, zones_frame(SQUARE))
    with pytest.warns(AvsGeoWarning, match="pas été calculé avec ces zones"):
        explain_qpv("QP031001", cov, zones_frame(box(0, 0, 50, 100)))


# ---------------------------------------------------------------- properties (hypothesis)

coords = st.integers(min_value=0, max_value=40).map(lambda v: v * 25.0)
sizes = st.integers(min_value=1, max_value=20).map(lambda v: v * 25.0)


@st.composite
def boxes(draw: st.DrawFn) -> shapely.Geometry:
    x, y, w, h = draw(coords), draw(coords), draw(sizes), draw(sizes)
    return box(x, y, x + w, y + h)


@st.composite
def rotated(draw: st.DrawFn) -> shapely.Geometry:
    """A box turned by an angle: edges that do not fall on the grid."""
    b = draw(boxes())
    angle = draw(st.floats(min_value=0, max_value=90, allow_nan=False))
    return shapely.affinity.rotate(b, angle, origin="centroid")


shapes = st.one_of(boxes(), rotated())
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(qpvs=st.lists(shapes, min_size=1, max_size=5), zones=st.lists(shapes, max_size=6))
def test_ratio_in_unit_interval_and_matches_plain_overlay(
    qpvs: list[shapely.Geometry], zones: list[shapely.Geometry]
) -> None:
    cov = compute_coverage(qpv_frame(*qpvs), zones_frame(*zones))
    ratio = cov.coverage_ratio.to_numpy()
    assert ((ratio >= 0) & (ratio <= 1)).all()
    # The documented formula: pieces of AREA_TOLERANCE_M2 or less (slivers of touching
    # shapes) reach nothing; the others are merged, so overlaps count once.
    expected = []
    for q in qpvs:
        pieces = [shapely.intersection(q, z) for z in zones]
        kept = [p for p in pieces if p.area > AREA_TOLERANCE_M2]
        expected.append(shapely.union_all(kept).area / q.area if kept else 0.0)
    np.testing.assert_allclose(ratio, np.clip(expected, 0, 1), rtol=0, atol=1e-9)
    assert (cov.n_structures == cov.structure_ids.map(len)).all()
    assert ((cov.n_structures == 0) == (cov.coverage_ratio == 0)).all()


@PROPS
@given(
    qpvs=st.lists(shapes, min_size=1, max_size=5), zones=st.lists(shapes, max_size=5), extra=shapes
)
def test_adding_a_zone_never_lowers_a_ratio(
    qpvs: list[shapely.Geometry], zones: list[shapely.Geometry], extra: shapely.Geometry
) -> None:
    before = compute_coverage(qpv_frame(*qpvs), zones_frame(*zones)).coverage_ratio.to_numpy()
    after = compute_coverage(qpv_frame(*qpvs), zones_frame(*zones, extra)).coverage_ratio.to_numpy()
    assert (after >= before - 1e-12).all()


@PROPS
@given(
    qpvs=st.lists(shapes, min_size=1, max_size=5),
    zones=st.lists(shapes, max_size=4),
    margin=st.floats(0, 50),
)
def test_a_zone_containing_the_qpv_gives_one(
    qpvs: list[shapely.Geometry], zones: list[shapely.Geometry], margin: float
) -> None:
    x0, y0, x1, y1 = qpvs[0].bounds
    cover = box(x0 - margin, y0 - margin, x1 + margin, y1 + margin)
    cov = compute_coverage(qpv_frame(*qpvs), zones_frame(*zones, cover))
    assert cov.coverage_ratio.iloc[0] == 1.0
    assert cov.coverage_status.iloc[0] == "full"
    assert f"S{len(zones) + 1}" in cov.structure_ids.iloc[0]


index_kinds = st.sampled_from(["default", "int", "str"])


@PROPS
@given(
    qpvs=st.lists(shapes, min_size=1, max_size=6),
    zones=st.lists(shapes, max_size=4),
    kind=index_kinds,
    data=st.data(),
)
def test_output_has_exactly_the_input_qpv(
    qpvs: list[shapely.Geometry], zones: list[shapely.Geometry], kind: str, data: st.DataObject
) -> None:
    n = len(qpvs)
    labels = data.draw(st.lists(st.integers(-1000, 1000), min_size=n, max_size=n, unique=True))
    index = None if kind == "default" else labels if kind == "int" else [f"q{v}" for v in labels]
    qpv = qpv_frame(*qpvs, index=index)
    cov = compute_coverage(qpv, zones_frame(*zones))
    assert cov.index.equals(qpv.index)
    assert cov.index.dtype == qpv.index.dtype
    assert cov.code_qpv.tolist() == qpv.code_qpv.tolist()
    assert cov.geometry.equals(qpv.geometry)


# ---------------------------------------------------------------- real data (Occitanie)


def commune_zones(communes: gpd.GeoDataFrame, codes: set[str]) -> gpd.GeoDataFrame:
    kept = communes[communes.code_insee.isin(codes)]
    return gpd.GeoDataFrame(
        {"structure_id": kept.code_insee.to_numpy()},
        geometry=kept.geometry.to_numpy(),
        crs=communes.crs,
    )


def test_real_sliver_study(qpv_occitanie: gpd.GeoDataFrame, communes_all: gpd.GeoDataFrame) -> None:
    """Each commune holding a QPV is a zone: the ratios below 100 % are slivers (docs)."""
    holding = set(";".join(qpv_occitanie.code_insee.dropna()).split(";"))
    cov = compute_coverage(qpv_occitanie, commune_zones(communes_all, holding))
    assert len(cov) == 105 and cov.index.equals(qpv_occitanie.index)
    below = cov[cov.coverage_ratio < 1].set_index("code_qpv").coverage_ratio.round(4).to_dict()
    assert below == {"QP030001": 0.9999, "QP034005": 0.9947, "QP034012": 0.9917, "QP065003": 0.9621}
    # Each QPV is reached by its own commune(s).
    own = cov.code_insee.str.split(";").map(lambda c: tuple(sorted(c)))
    assert (cov.structure_ids == own).all()
    table = coverage_sensitivity(qpv_occitanie, commune_zones(communes_all, holding))
    assert table.n_full.tolist() == [101, 102, 104, 104, 105]
    assert table.n_changed.tolist() == [0, 1, 3, 3, 4]
    assert (cov.coverage_status == "full").all()  # default tolerance 5 %
    # Covered population: area weighted within the QPV.
    expected = cov.population * cov.coverage_ratio
    np.testing.assert_allclose(cov.covered_population, expected)


def test_real_every_commune_covers_every_qpv(
    qpv_occitanie: gpd.GeoDataFrame, communes_all: gpd.GeoDataFrame
) -> None:
    cov = compute_coverage(qpv_occitanie, commune_zones(communes_all, set(communes_all.code_insee)))
    assert (cov.coverage_ratio == 1.0).all()  # 40 raw ratios of 1 - 2e-15 snapped to 1
    assert cov.coverage_status.eq("full").all()


def test_real_example_network(
    qpv_occitanie: gpd.GeoDataFrame,
    communes_all: gpd.GeoDataFrame,
    structures_occitanie: gpd.GeoDataFrame,
) -> None:
    """The EXAMPLE network (not the real CAF one): per-QPV values checked on a few QPV."""
    zones = build_zones(
        structures_occitanie, communes=communes_all, qpv=qpv_occitanie, at="2022-12-31"
    )
    cov = compute_coverage(qpv_occitanie, zones).set_index("code_qpv")
    assert cov.coverage_status.value_counts().to_dict() == {"none": 60, "full": 35, "partial": 10}
    # OCC-01 names QP031007 as its zone: exactly full.
    assert cov.loc["QP031007", "coverage_ratio"] == 1.0
    assert "OCC-01" in cov.loc["QP031007", "structure_ids"]
    # OCC-15 closed on 2022-06-30: its QPV is no longer reached through it.
    assert "OCC-15" not in cov.loc["QP034018", "structure_ids"]
    # Tarbes Est inside the zone of commune 65440 (OCC-32): the 3.8 % sliver, full at 5 %.
    assert cov.loc["QP065003", "coverage_ratio"] == pytest.approx(0.962067, abs=1e-6)
    assert cov.loc["QP065003", "coverage_status"] == "full"
    for code, row in cov[cov.coverage_status == "partial"].iterrows():
        why = explain_qpv(code, cov.reset_index(), zones)
        assert why.coverage_ratio == pytest.approx(row.coverage_ratio, abs=1e-12)
        assert math.isclose(why.covered_area_m2 + why.uncovered.area, why.qpv_area_m2, rel_tol=1e-9)
        assert tuple(sorted(why.structures.structure_id)) == row.structure_ids


def test_public_names() -> None:
    for name in ("build_zones", "compute_coverage", "coverage_sensitivity", "explain_qpv"):
        assert name in avs_geo.__all__
        assert callable(getattr(avs_geo, name))


def test_invalid_zone_repaired_only_where_it_matters() -> None:
    bowtie = Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])
    far = shapely.affinity.translate(bowtie, 10_000, 0)
    zones = zones_frame(bowtie, far, ids=["near", "far"])
    before = zones.copy()
    with pytest.warns(AvsGeoWarning, match=r"1 géométrie\(s\) invalide\(s\) de 'zones'.*'near'"):
        cov = compute_coverage(qpv_frame(SQUARE), zones)
    assert cov.coverage_ratio.iloc[0] == pytest.approx(0.5)
    assert cov.structure_ids.iloc[0] == ("near",)
    pd.testing.assert_frame_equal(zones, before)
    assert not zones.geometry.iloc[0].is_valid  # the caller's geometry is left as it was


def test_zone_equal_to_the_qpv() -> None:
    qpv = qpv_frame(SQUARE, box(200, 0, 300, 100))
    zones = zones_frame(qpv.geometry.iloc[0], box(250, 0, 300, 100))
    cov = compute_coverage(qpv, zones)
    assert cov.coverage_ratio.tolist() == [1.0, 0.5]
    assert cov.structure_ids.tolist() == [("S1",), ("S2",)]


def test_empty_qpv_layer_and_no_zones() -> None:
    empty = gpd.GeoDataFrame({"code_qpv": []}, geometry=[], crs=L93)
    with pytest.raises(SchemaError, match=r"'qpv' est vide \(0 ligne\)"):
        compute_coverage(empty, zones_frame(SQUARE))
    cells = gpd.GeoDataFrame({"population": [5.0]}, geometry=[SQUARE], crs=L93)
    cov = compute_coverage(qpv_frame(SQUARE), zones_frame(), population=cells)
    assert cov.covered_population.tolist() == [0.0]
    assert cov.covered_population.dtype == np.float64


def test_mixed_generations_refused() -> None:
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001", "QN03101M"]}, geometry=[SQUARE, box(200, 0, 300, 100)], crs=L93
    )
    with pytest.raises(SchemaError, match=r"mélange la génération 2015 \(1 codes QP"):
        compute_coverage(qpv, zones_frame(SQUARE))


def test_numpy_thresholds_accepted() -> None:
    cov = compute_coverage(
        qpv_frame(SQUARE), zones_frame(SQUARE), full_min=np.float64(0.9), none_max=np.int64(0)
    )
    assert cov["coverage_status"].tolist() == ["full"]
