"""Tests of the QPV x zone overlay kernel (avs_geo.coverage._overlay) and of the measures
that call it: known answers on squares, invariants, the demo data against brute force.

The known answers are worked out on paper with squares in Lambert-93 metres:

* QPV Q = [0, 100] x [0, 100], 10,000 m²;
* zone A = [0, 60] x [0, 100]: piece [0, 60] x [0, 100], 6,000 m²;
* zone B = [40, 120] x [0, 50]: piece [40, 100] x [0, 50], 3,000 m²;
* A and B overlap in Q on [40, 60] x [0, 50], 1,000 m²;
* covered area 6,000 + 3,000 - 1,000 = 8,000 m² (ratio 0.8);
* own area of A: 6,000 - 1,000 = 5,000 m²; of B: 3,000 - 1,000 = 2,000 m²;
* uncovered part [60, 100] x [50, 100], 2,000 m²;
* zone C = [-10, 110] x [-10, 110] covers Q whole: with A, C owns 10,000 - 6,000 =
  4,000 m² and A owns nothing; a second zone covering Q leaves both owning nothing.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import box

import avs_geo
from avs_geo.coverage._overlay import (
    AREA_TOLERANCE_M2,
    DETAILED_VERTICES,
    LARGE_GROUP,
    RATIO_SNAP,
    _own_by_twice,
    covered_twice,
    overlay,
    own_areas,
    pair_areas,
    pairs,
    pieces,
    polygonal,
    split_by_cells,
    uncovered,
    uncovered_parts,
    union_by_group,
)
from avs_geo.coverage.structures import structure_reach, structure_table

L93 = "EPSG:2154"
Q = box(0, 0, 100, 100)
A = box(0, 0, 60, 100)
B = box(40, 0, 120, 50)
C = box(-10, -10, 110, 110)


def frames(
    zones: list[shapely.Geometry], qpv: tuple[shapely.Geometry, ...] = (Q,)
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    qpv_frame = gpd.GeoDataFrame(
        {"code_qpv": [f"QP031{i:03d}" for i in range(len(qpv))], "population": 1000.0},
        geometry=list(qpv),
        crs=L93,
    )
    names = [f"S{j + 1}" for j in range(len(zones))]
    zone_frame = gpd.GeoDataFrame(
        {"structure_id": names, "nom": names}, geometry=list(zones), crs=L93
    )
    return qpv_frame, zone_frame


# ---------------------------------------------------------------- known answers


def test_two_overlapping_zones_known_answer() -> None:
    qgeoms = np.array([Q, box(500, 0, 600, 100)])
    ov = overlay(qgeoms, np.array([A, B]), keep_covered=True)
    assert ov.qpv_pos.tolist() == [0, 0]
    assert ov.zone_pos.tolist() == [0, 1]
    assert ov.piece_area.tolist() == [6000.0, 3000.0]
    assert ov.whole.tolist() == [False, False]
    assert ov.covered_area.tolist() == [8000.0, 0.0]
    assert ov.full.tolist() == [False, False]
    assert ov.covered is not None and ov.covered[0].area == 8000.0
    assert shapely.is_empty(ov.covered[1])
    assert own_areas(ov.pieces, ov.qpv_pos, ov.whole).tolist() == [5000.0, 2000.0]
    left = uncovered(qgeoms, ov)
    assert left[0].equals(box(60, 50, 100, 100))
    assert left[0].area == 2000.0
    assert left[1] is qgeoms[1]  # reached by no zone: the QPV itself


def test_public_measures_agree_with_the_known_answer() -> None:
    qpv, zones = frames([A, B])
    cov = avs_geo.compute_coverage(qpv, zones)
    assert cov.covered_area_m2.tolist() == [8000.0]
    assert cov.coverage_ratio.tolist() == [0.8]
    why = avs_geo.explain_qpv("QP031000", cov, zones)
    assert why.structures[["structure_id", "area_m2", "own_area_m2"]].values.tolist() == [
        ["S1", 6000.0, 5000.0],
        ["S2", 3000.0, 2000.0],
    ]
    assert why.uncovered.equals(box(60, 50, 100, 100))
    reach = structure_reach(cov, zones)
    assert reach[["structure_id", "area_m2", "lost_area_m2"]].values.tolist() == [
        ["S1", 6000.0, 5000.0],
        ["S2", 3000.0, 2000.0],
    ]
    assert reach.lost_population.tolist() == [500.0, 200.0]


def test_a_zone_covering_the_qpv_is_the_qpv_itself() -> None:
    got, whole = pieces(
        np.array([Q]), np.array([A, C, Q, box(0, 0, 100, 200)]), np.zeros(4, int), np.arange(4)
    )
    # C holds Q in its interior, Q is Q, [0, 100] x [0, 200] shares Q's edges: all cover Q.
    assert whole.tolist() == [False, True, True, True]
    assert all(g is Q for g in got[1:])
    assert got[0].equals(A)


def test_own_areas_with_whole_pieces() -> None:
    ov = overlay(np.array([Q]), np.array([A, C]))
    assert ov.whole.tolist() == [False, True]
    assert ov.full.tolist() == [True]
    assert ov.covered_area.tolist() == [10_000.0]
    assert own_areas(ov.pieces, ov.qpv_pos, ov.whole).tolist() == [0.0, 4000.0]
    both = overlay(np.array([Q]), np.array([A, C, Q]))
    assert own_areas(both.pieces, both.qpv_pos, both.whole).tolist() == [0.0, 0.0, 0.0]
    # Without the flags the general way gives the same answers.
    assert own_areas(ov.pieces, ov.qpv_pos).tolist() == [0.0, 4000.0]


def test_own_areas_groups_in_any_order() -> None:
    geoms = np.array([A, box(500, 0, 510, 10), B, box(0, 0, 5, 5)])
    # A and B (not cut by a QPV) overlap on [40, 60] x [0, 50]: 1,000 m².
    assert own_areas(geoms, np.array([7, 2, 7, 4])).tolist() == [5000.0, 100.0, 3000.0, 25.0]
    assert own_areas(np.array([], dtype=object), np.array([], dtype=int)).tolist() == []


def test_touching_and_dust_are_not_pieces() -> None:
    touching = box(100, 0, 200, 100)  # shares Q's edge: area 0
    dust = box(99.999, 0, 100.5, 1)  # 0.001 m² inside Q
    ov = overlay(np.array([Q]), np.array([touching, dust, A]))
    assert pairs(np.array([Q]), np.array([touching, dust, A]))[1].tolist() == [0, 1, 2]
    assert ov.zone_pos.tolist() == [2]
    assert 0 < shapely.area(shapely.intersection(Q, dust)) <= AREA_TOLERANCE_M2


def test_full_within_the_snap() -> None:
    side = 100 * (1 - RATIO_SNAP / 10)  # misses Q by 1e-10 of its area
    ov = overlay(np.array([Q]), np.array([box(0, 0, side, 100)]), keep_covered=True)
    assert ov.full.tolist() == [True]
    assert ov.covered_area.tolist() == [10_000.0]
    assert ov.covered is not None and ov.covered[0] is Q
    assert shapely.is_empty(uncovered(np.array([Q]), ov)[0])


def test_nothing_to_overlay() -> None:
    ov = overlay(np.array([Q]), np.array([], dtype=object), keep_covered=True)
    assert ov.covered_area.tolist() == [0.0]
    assert len(ov.pieces) == 0
    left, covered = uncovered_parts(np.array([], dtype=object), np.array([A]))
    assert len(left) == 0 and len(covered) == 0


def test_uncovered_parts() -> None:
    left, covered = uncovered_parts(
        np.array([box(0, 0, 100, 100), box(200, 0, 300, 100)]),
        np.array([box(0, 0, 100, 100), box(250, 0, 400, 100)]),
    )
    assert shapely.is_empty(left[0])
    assert left[1].equals(box(200, 0, 250, 100))
    assert covered.tolist() == [10_000.0, 5_000.0]


def test_union_by_group() -> None:
    geoms = np.array([A, box(500, 0, 510, 10), B, box(0, 0, 5, 5), box(5, 0, 10, 5)])
    got = union_by_group(geoms, np.array([3, 1, 3, 9, 9]))
    assert shapely.area(got).tolist() == [100.0, 9000.0, 50.0]
    assert got[1].equals(shapely.union_all([A, B]))


def test_polygonal_keeps_polygons_only() -> None:
    cut = box(0, 0, 2, 2).intersection(box(1, 0, 3, 1).union(box(2, 1, 3, 2)))
    line = box(0, 0, 1, 1).intersection(box(1, 0, 2, 0.5).union(box(-1, 1, 0, 2)))
    assert line.geom_type == "GeometryCollection"  # a segment and a point
    got = polygonal(np.array([cut, line, A]))
    assert got[0].equals(box(1, 0, 2, 1))
    assert shapely.is_empty(got[1]) and got[1].geom_type == "Polygon"
    assert got[2] is A


def test_explain_orders_equal_pieces_by_id() -> None:
    qpv, zones = frames([C, A, box(-5, -5, 105, 105)])
    cov = avs_geo.compute_coverage(qpv, zones)
    why = avs_geo.explain_qpv("QP031000", cov, zones)
    assert why.structures.structure_id.tolist() == ["S1", "S3", "S2"]
    assert why.structures.own_area_m2.tolist() == [0.0, 0.0, 0.0]
    assert shapely.is_empty(why.uncovered)


# ---------------------------------------------------------------- properties (hypothesis)

coords = st.integers(min_value=0, max_value=40).map(lambda v: v * 25.0)
sizes = st.integers(min_value=1, max_value=20).map(lambda v: v * 25.0)


@st.composite
def shapes(draw: st.DrawFn) -> shapely.Geometry:
    """A box on a 25 m grid, turned by an angle half of the time."""
    x, y, w, h = draw(coords), draw(coords), draw(sizes), draw(sizes)
    shape = box(x, y, x + w, y + h)
    if draw(st.booleans()):
        angle = draw(st.floats(min_value=0, max_value=90, allow_nan=False))
        shape = shapely.affinity.rotate(shape, angle, origin="centroid")
    return shape


def brute_own(qgeom: shapely.Geometry, parts: list[shapely.Geometry]) -> list[float]:
    """Area of each piece minus the union of the others, one at a time."""
    return [
        shapely.difference(p, shapely.union_all(parts[:k] + parts[k + 1 :])).area
        for k, p in enumerate(parts)
    ]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(qpvs=st.lists(shapes(), min_size=1, max_size=4), zones=st.lists(shapes(), max_size=6))
def test_own_and_covered_areas_are_bounded(
    qpvs: list[shapely.Geometry], zones: list[shapely.Geometry]
) -> None:
    qgeoms = np.array(qpvs, dtype=object)
    ov = overlay(qgeoms, np.array(zones, dtype=object), keep_covered=True)
    own = own_areas(ov.pieces, ov.qpv_pos, ov.whole)
    assert (ov.covered_area <= ov.qpv_area).all()
    assert (own >= 0).all()
    assert (own <= ov.piece_area + 1e-9).all()
    own_sum = np.bincount(ov.qpv_pos, weights=own, minlength=len(qpvs))
    assert (own_sum <= ov.covered_area + 1e-6).all()
    left = shapely.area(uncovered(qgeoms, ov))
    np.testing.assert_allclose(left + ov.covered_area, ov.qpv_area, rtol=1e-9)
    for i, q in enumerate(qpvs):
        mine = ov.qpv_pos == i
        parts = [shapely.intersection(q, zones[j]) for j in ov.zone_pos[mine]]
        np.testing.assert_allclose(own[mine], brute_own(q, parts), rtol=1e-9, atol=1e-6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zones=st.lists(shapes(), min_size=1, max_size=12))
def test_own_areas_through_the_region_covered_twice(zones: list[shapely.Geometry]) -> None:
    # The way of large groups (more than LARGE_GROUP pieces over one QPV), on small ones.
    own = _own_by_twice(np.array(zones, dtype=object))
    np.testing.assert_allclose(own, brute_own(Q, zones), rtol=1e-9, atol=1e-6)


def test_many_zones_over_one_qpv_own_their_exact_areas() -> None:
    # 60 discs over a 2 km QPV, some alone on a side: the large-group way of own_areas
    # against one difference per piece.
    rng = np.random.default_rng(7)
    qpv = box(0, 0, 2000, 2000)
    discs = shapely.buffer(shapely.points(rng.uniform(-800, 2800, (60, 2))), 300)
    cut = shapely.intersection(qpv, discs)
    cut = cut[shapely.area(cut) > 0]
    assert len(cut) > LARGE_GROUP
    own = own_areas(cut, np.zeros(len(cut), dtype=int))
    want = brute_own(qpv, list(cut))
    assert sum(w > 0 for w in want) >= 5
    np.testing.assert_allclose(own, want, rtol=1e-9, atol=1e-6)


def test_covered_twice_known_answer() -> None:
    twice = covered_twice(np.array([A, B, C, box(500, 500, 600, 600)], dtype=object))
    # A ∩ B, A ∩ C = A, B ∩ C: A ∪ ([40, 110] x [0, 50]) = 6,000 + 50 x 50 = 8,500 m²
    assert twice.area == pytest.approx(8500.0, rel=1e-12)
    assert covered_twice(np.array([A], dtype=object)).is_empty


# ---------------------------------------------------------------- real data, brute force


@pytest.fixture(scope="module")
def demo_zones(
    qpv_occitanie: gpd.GeoDataFrame,
    communes_all: gpd.GeoDataFrame,
    structures_occitanie: gpd.GeoDataFrame,
) -> gpd.GeoDataFrame:
    """The zones of the demo's EXAMPLE network at its date."""
    return avs_geo.build_zones(
        structures_occitanie, communes=communes_all, qpv=qpv_occitanie, at="2022-12-31"
    )


@pytest.fixture(scope="module")
def mixed_zones(demo_zones: gpd.GeoDataFrame, communes_all: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The demo zones plus every commune as a zone: most QPV are reached several times."""
    codes = communes_all.code_insee.astype(str).to_numpy()
    communes = gpd.GeoDataFrame(
        {"structure_id": codes, "nom": codes},
        geometry=communes_all.geometry.to_numpy(),
        crs=communes_all.crs,
    )
    both = pd.concat([demo_zones[["structure_id", "nom", "geometry"]], communes])
    return gpd.GeoDataFrame(both.reset_index(drop=True), crs=communes_all.crs)


@pytest.mark.parametrize(("zones_name", "min_shared"), [("demo_zones", 0), ("mixed_zones", 40)])
def test_structure_table_alone_column_matches_brute_force(
    zones_name: str,
    min_shared: int,
    qpv_occitanie: gpd.GeoDataFrame,
    request: pytest.FixtureRequest,
) -> None:
    zones = request.getfixturevalue(zones_name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        coverage = avs_geo.compute_coverage(qpv_occitanie, zones)
    zone_of = dict(zip(zones.structure_id, zones.geometry, strict=True))
    lost = dict.fromkeys(zones.structure_id, 0.0)
    n_shared = 0
    for q, ids in zip(coverage.geometry, coverage.structure_ids, strict=True):
        parts = [shapely.intersection(q, zone_of[sid]) for sid in ids]
        n_shared += len(ids) > 1
        for sid, area in zip(ids, brute_own(q, parts), strict=True):
            lost[sid] += area
    assert n_shared >= min_shared
    expected = np.array([lost[sid] for sid in zones.structure_id])
    assert (expected > 0).sum() > 20
    reach = structure_reach(coverage, zones)
    np.testing.assert_allclose(reach.lost_area_m2, expected, rtol=1e-9, atol=1e-6)
    table = structure_table(coverage, zones)
    shown = table["Surface perdue en cas de fermeture (ha)"].to_numpy()
    assert shown.tolist() == np.round(expected / 10_000, 2).tolist()


# ---------------------------------------------------------------- very detailed QPV


def wavy_qpv(n: int) -> shapely.Geometry:
    """A QPV of ``n`` vertices: a 1 km ring with waves and noise (valid)."""
    rng = np.random.default_rng(3)
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    radius = 1000 * (1 + 0.05 * np.sin(40 * t)) + rng.uniform(-0.3, 0.3, n)
    return shapely.Polygon(np.c_[radius * np.cos(t), radius * np.sin(t)])


@pytest.mark.slow
def test_a_detailed_qpv_is_measured_cell_by_cell_with_the_same_areas() -> None:
    qgeom = wavy_qpv(3 * DETAILED_VERTICES)
    assert qgeom.is_valid and shapely.get_num_coordinates(qgeom) > DETAILED_VERTICES
    rng = np.random.default_rng(5)
    angle = rng.uniform(0, 2 * np.pi, 12)
    zones = shapely.buffer(shapely.points(1000 * np.cos(angle), 1000 * np.sin(angle)), 300)
    zones = np.append(zones, box(-2000, -2000, 2000, 2000))  # one zone covers it whole
    qgeoms = np.array([qgeom, box(5000, 0, 5100, 100)], dtype=object)
    ov = overlay(qgeoms, zones, keep_covered=True)
    # brute force on the whole outline
    reached = np.flatnonzero(shapely.intersects(qgeom, zones))
    want_pieces = shapely.intersection(qgeom, zones[reached])
    mine = ov.qpv_pos == 0
    assert ov.zone_pos[mine].tolist() == reached.tolist()
    np.testing.assert_allclose(ov.piece_area[mine], shapely.area(want_pieces), rtol=1e-9)
    assert ov.whole[mine].tolist() == [False] * 12 + [True]
    np.testing.assert_allclose(shapely.area(ov.pieces[mine]), shapely.area(want_pieces), rtol=1e-9)
    assert ov.full.tolist() == [True, False]
    partial = overlay(qgeoms[:1], zones[:12], keep_covered=True, keep_pieces=False)
    want = shapely.union_all(want_pieces[:12]).area
    assert partial.covered_area[0] == pytest.approx(want, rel=1e-9)
    assert partial.covered is not None
    assert partial.covered[0].area == pytest.approx(want, rel=1e-9)
    assert all(p is None for p in partial.pieces)
    area, own = pair_areas(qgeoms, zones[:12], np.zeros(len(reached) - 1, dtype=int), reached[:-1])
    np.testing.assert_allclose(area, shapely.area(want_pieces[:12]), rtol=1e-9)
    np.testing.assert_allclose(own, brute_own(qgeom, list(want_pieces[:12])), rtol=1e-9, atol=1e-6)


def test_cells_partition_the_geometries() -> None:
    geoms = np.array([wavy_qpv(20_000), box(-100, -100, 100, 100)], dtype=object)
    cell, index, part = split_by_cells(geoms, limit=2_000)
    assert len(np.unique(cell)) > 4
    np.testing.assert_allclose(
        np.bincount(index, weights=shapely.area(part)), shapely.area(geoms), rtol=1e-12
    )
    assert (shapely.get_num_coordinates(part) <= 2_000 + 200).all()


# ------------------------------------------------- shared borders: covered or touching only


def test_commune_zone_covers_its_communes_and_only_touches_the_others() -> None:
    # Three communes in a row; a zone made of the first two (their union, as build_zones
    # makes it): it covers both (pieces are the communes themselves) and only touches
    # the third along their shared border (an empty piece, dropped by the overlay).
    communes = np.array([box(0, 0, 100, 100), box(100, 0, 200, 100), box(200, 0, 300, 100)])
    zone = shapely.union_all(communes[:2])
    qi, zi = pairs(communes, np.array([zone]))
    assert qi.tolist() == [0, 1, 2]
    got, whole = pieces(communes, np.array([zone]), qi, zi)
    assert whole.tolist() == [True, True, False]
    assert got[0] is communes[0] and got[1] is communes[1]
    assert got[2].geom_type == "Polygon" and got[2].is_empty
    ov = overlay(communes, np.array([zone]))
    assert ov.qpv_pos.tolist() == [0, 1]
    assert ov.covered_area.tolist() == [10_000.0, 10_000.0, 0.0]


def test_pairs_do_not_keep_boxes_that_only_overlap_by_bounds() -> None:
    # An L-shaped zone whose bounding box holds the QPV, without touching it.
    zone = shapely.union_all([box(0, 0, 300, 10), box(0, 0, 10, 300)])
    qi, zi = pairs(np.array([box(100, 100, 200, 200)]), np.array([zone]))
    assert qi.tolist() == [] and zi.tolist() == []


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(qpvs=st.lists(shapes(), min_size=1, max_size=4), zones=st.lists(shapes(), max_size=5))
def test_pieces_agree_with_plain_intersection(
    qpvs: list[shapely.Geometry], zones: list[shapely.Geometry]
) -> None:
    # On a 25 m grid, boxes often share borders, cover each other or only touch.
    qgeoms, zgeoms = np.array(qpvs, dtype=object), np.array(zones, dtype=object)
    qi, zi = pairs(qgeoms, zgeoms)
    got, whole = pieces(qgeoms, zgeoms, qi, zi)
    plain = shapely.intersection(qgeoms[qi], zgeoms[zi])
    np.testing.assert_allclose(shapely.area(got), shapely.area(plain), rtol=1e-12, atol=1e-9)
    assert (whole == shapely.covers(zgeoms[zi], qgeoms[qi])).all()
    kept = {(int(a), int(b)) for a, b in zip(qi, zi, strict=True)}
    every = {
        (a, b) for a, q in enumerate(qpvs) for b, z in enumerate(zones) if shapely.intersects(q, z)
    }
    assert kept == every
