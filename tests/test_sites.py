"""Tests of avs_geo.sites (candidates, gains, scores): known answers on squares, errors,
real data.

The known answers are worked out on paper with squares in Lambert-93 metres:

* QPV A = [0, 100] x [0, 100], 1,000 inhabitants, covered on x in [0, 50] (partial, 0.5);
* QPV B = [200, 300] x [0, 100], 500 inhabitants, not covered;
* QPV C = [400, 500] x [0, 100], 800 inhabitants, covered in full.

Candidates (their zone is the polygon given):

* C1 = [25, 75] x [0, 100]: gains A on [50, 75]: 2,500 m², 1,000 * 0.25 = 250 people;
  A goes 0.5 -> 0.75 (stays partial);
* C2 = [150, 250] x [0, 100]: gains B on [200, 250]: 5,000 m², 500 * 0.5 = 250 people;
  B goes none -> partial;
* C3 = [50, 300] x [0, 100]: gains A on [50, 100] (5,000 m², 500 people, partial -> full)
  and B whole (10,000 m², 500 people, none -> full): 15,000 m², 1,000 people;
* C4 = [420, 480] x [20, 80]: inside C, already covered: 0;
* C5 = [1000, 1100] x [1000, 1100]: reaches no QPV: 0, 1,029.56 m from C.
"""

from __future__ import annotations

import math
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import Point, box

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
from avs_geo.datasets import OCCITANIE_DEPARTEMENTS, get_path
from avs_geo.sites import (
    DEFAULT_RADIUS_M,
    candidate_grid,
    candidate_zones,
    score_sites,
    sites_table,
)
from avs_geo.sites.relation import build_relation, demand_units
from avs_geo.zones import BUFFER_QUAD_SEGS

L93 = "EPSG:2154"


def coverage_abc() -> gpd.GeoDataFrame:
    """The coverage frame of QPV A, B, C built by hand (the contract of compute_coverage)."""
    cov = gpd.GeoDataFrame(
        {
            "code_qpv": ["QP031001", "QP031002", "QP031003"],
            "nom_qpv": ["A", "B", "C"],
            "population": [1000.0, 500.0, 800.0],
            "percou": [300.0, 100.0, 0.0],
            "coverage_ratio": [0.5, 0.0, 1.0],
            "coverage_status": ["partial", "none", "full"],
        },
        geometry=[box(0, 0, 100, 100), box(200, 0, 300, 100), box(400, 0, 500, 100)],
        crs=L93,
    )
    return cov


def zones_abc() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"structure_id": ["S1", "S2"], "nom": ["s1", "s2"], "type": ["evs", "centre_social"]},
        geometry=[box(0, 0, 50, 100), box(400, 0, 500, 100)],
        crs=L93,
    )


def candidates_abc() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"candidat_id": ["C1", "C2", "C3", "C4", "C5"], "nom": list("abcde")},
        geometry=[
            box(25, 0, 75, 100),
            box(150, 0, 250, 100),
            box(50, 0, 300, 100),
            box(420, 20, 480, 80),
            box(1000, 1000, 1100, 1100),
        ],
        crs=L93,
    )


def scores_abc(**kw: object) -> gpd.GeoDataFrame:
    with pytest.warns(AvsGeoWarning, match="2 des 5 candidats n'ajoutent rien"):
        return score_sites(candidates_abc(), coverage_abc(), zones=zones_abc(), **kw)


def by_id(scores: pd.DataFrame) -> pd.DataFrame:
    return scores.set_index("candidat_id")


# ---------------------------------------------------------------- known answers (on paper)


def test_three_candidates_hand_computed_gains() -> None:
    s = by_id(scores_abc())
    assert s.loc["C1", "gain_area_m2"] == pytest.approx(2_500)
    assert s.loc["C1", "gain_population"] == pytest.approx(250)
    assert s.loc["C2", "gain_area_m2"] == pytest.approx(5_000)
    assert s.loc["C2", "gain_population"] == pytest.approx(250)
    assert s.loc["C3", "gain_area_m2"] == pytest.approx(15_000)
    assert s.loc["C3", "gain_population"] == pytest.approx(1_000)
    assert s.loc["C3", "qpv_reached"] == ("QP031001", "QP031002")
    assert s.loc["C1", "qpv_reached"] == ("QP031001",)
    assert s["n_qpv_reached"].to_dict() == {"C3": 2, "C1": 1, "C2": 1, "C4": 0, "C5": 0}


def test_class_changes_hand_computed() -> None:
    s = by_id(scores_abc())
    changes = s[["n_none_to_partial", "n_none_to_full", "n_partial_to_full"]]
    assert changes.loc["C1"].tolist() == [0, 0, 0]  # A: 0.5 -> 0.75, still partial
    assert changes.loc["C2"].tolist() == [1, 0, 0]  # B: 0 -> 0.5
    assert changes.loc["C3"].tolist() == [0, 1, 1]  # B: 0 -> 1, A: 0.5 -> 1
    assert changes.loc["C4"].tolist() == [0, 0, 0]


def test_rank_by_score_ties_by_id_and_nothing_not_ranked() -> None:
    s = scores_abc()
    assert s["candidat_id"].tolist() == ["C3", "C1", "C2", "C4", "C5"]
    assert s["rank"].tolist()[:3] == [1, 2, 3]
    assert s["rank"].isna().tolist() == [False, False, False, True, True]
    assert s["adds_nothing"].tolist() == [False, False, False, True, True]
    assert pd.isna(s["reason"].iloc[0])
    assert s["reason"].iloc[3:].tolist() == ["already_covered", "outside_qpv"]


def test_candidate_inside_covered_qpv_scores_zero() -> None:
    s = by_id(scores_abc())
    assert s.loc["C4", "score"] == 0
    assert s.loc["C4", "gain_population"] == 0
    assert s.loc["C4", "gain_area_m2"] == 0
    assert s.loc["C4", "reason"] == "already_covered"


def test_every_candidate_once_with_its_geometry() -> None:
    s = scores_abc()
    assert sorted(s["candidat_id"]) == ["C1", "C2", "C3", "C4", "C5"]
    assert s.crs == L93
    assert by_id(s).loc["C5", "geometry"].equals(box(1000, 1000, 1100, 1100))
    assert list(s.index) == list(range(5))


def test_distances_to_qpv_and_structures() -> None:
    s = by_id(scores_abc())
    assert s.loc["C5", "dist_qpv_m"] == pytest.approx(math.hypot(500, 900))
    assert s.loc["C1", "dist_qpv_m"] == 0
    # No structures given: distance to the nearest zone (0 inside one).
    assert s.loc["C1", "dist_structure_m"] == 0
    assert s.loc["C2", "dist_structure_m"] == pytest.approx(100)  # S1 ends at x = 50
    assert s.loc["C2", "nearest_structure_id"] == "S1"


def test_distance_to_structure_points_active_only() -> None:
    structures = gpd.GeoDataFrame(
        {"structure_id": ["S1", "S2", "OLD"]},
        geometry=[Point(25, 50), Point(450, 50), Point(160, 50)],
        crs=L93,
    )
    with pytest.warns(AvsGeoWarning):
        s = score_sites(candidates_abc(), coverage_abc(), zones=zones_abc(), structures=structures)
    s = by_id(s)
    # OLD has no zone (closed): the nearest active one is S1 at (25, 50).
    assert s.loc["C2", "nearest_structure_id"] == "S1"
    assert s.loc["C2", "dist_structure_m"] == pytest.approx(125)
    assert s.loc["C3", "dist_structure_m"] == pytest.approx(25)


def test_point_candidates_radius_and_default() -> None:
    cands = gpd.GeoDataFrame(
        {"candidat_id": ["P1", "P2"], "zone_rayon_m": [10.0, None]},
        geometry=[Point(75, 50), Point(250, 50)],
        crs=L93,
    )
    s = by_id(score_sites(cands, coverage_abc(), zones=zones_abc(), radius_m=20))
    disc10 = shapely.area(shapely.buffer(Point(0, 0), 10, quad_segs=BUFFER_QUAD_SEGS))
    disc20 = shapely.area(shapely.buffer(Point(0, 0), 20, quad_segs=BUFFER_QUAD_SEGS))
    assert s.loc["P1", "gain_area_m2"] == pytest.approx(disc10)  # own radius wins
    assert s.loc["P2", "gain_area_m2"] == pytest.approx(disc20)  # radius_m fills in
    assert s.loc["P1", "gain_population"] == pytest.approx(1000 * disc10 / 10_000)
    assert s.loc["P1", "geometry"].equals(Point(75, 50))
    default = by_id(score_sites(cands.iloc[[1]], coverage_abc(), zones=zones_abc()))
    # 500 m default: all of B (10,000 m²) and the uncovered half of A (5,000 m²).
    assert default.loc["P2", "gain_area_m2"] == pytest.approx(15_000)
    assert DEFAULT_RADIUS_M == 500


def test_weight_area_and_column() -> None:
    area = by_id(scores_abc(weight="area"))
    assert area.loc["C3", "score"] == pytest.approx(15_000)
    assert area.loc["C3", "gain_population"] == pytest.approx(1_000)
    percou = by_id(scores_abc(weight="percou"))
    # percou spread over the area: A 300 * 0.5 + B 100 * 1.0 = 250.
    assert percou.loc["C3", "score"] == pytest.approx(250)
    assert percou.loc["C2", "score"] == pytest.approx(50)


def test_zero_weight_reason() -> None:
    cov = coverage_abc()
    cov["percou"] = [0.0, 0.0, 0.0]
    with pytest.warns(AvsGeoWarning, match="C1 \\(n'ajoute rien : poids nul\\)"):
        s = by_id(score_sites(candidates_abc(), cov, zones=zones_abc(), weight="percou"))
    assert s.loc["C1", "reason"] == "zero_weight"
    assert s.loc["C1", "gain_area_m2"] == pytest.approx(2_500)


def test_unknown_weight_values_warn_and_count_zero() -> None:
    cov = coverage_abc()
    cov["percou"] = [np.nan, 100.0, 0.0]
    with pytest.warns(AvsGeoWarning) as record:
        s = by_id(score_sites(candidates_abc(), cov, zones=zones_abc(), weight="percou"))
    messages = [str(w.message) for w in record]
    assert any(
        m.startswith("1 QPV sans valeur de 'percou' pèsent 0 dans les scores : 'QP031001'.")
        for m in messages
    )
    assert s.loc["C3", "score"] == pytest.approx(100)


def test_skip_full_counts_residual_of_full_qpv_only_when_asked() -> None:
    cov = coverage_abc()
    zones = zones_abc()
    zones.loc[1, "geometry"] = box(400, 0, 497, 100)  # C is 97 % covered: "full"
    cov.loc[2, "coverage_ratio"] = 0.97
    cand = gpd.GeoDataFrame({"candidat_id": ["E"]}, geometry=[box(490, 0, 520, 100)], crs=L93)
    with pytest.warns(AvsGeoWarning, match="déjà couvert"):
        skipped = score_sites(cand, cov, zones=zones)
    assert skipped.loc[0, "score"] == 0
    counted = score_sites(cand, cov, zones=zones, skip_full=False)
    assert counted.loc[0, "gain_area_m2"] == pytest.approx(300)
    assert counted.loc[0, "gain_population"] == pytest.approx(800 * 0.03)


def test_thresholds_given_drive_class_changes() -> None:
    cov = coverage_abc()
    # A at 0.75 with C1 is "full" when full_min = 0.7
    with pytest.warns(AvsGeoWarning):
        s = by_id(score_sites(candidates_abc(), cov, zones=zones_abc(), full_min=0.7))
    assert s.loc["C1", "n_partial_to_full"] == 1


def test_thresholds_survive_a_merge_as_arguments() -> None:
    """A merge keeps the columns, and the thresholds are arguments: nothing is lost."""
    cov = coverage_abc()
    merged = cov.merge(pd.DataFrame({"code_qpv": cov["code_qpv"], "tp60": [40.0, 30.0, 20.0]}))
    with pytest.warns(AvsGeoWarning) as record:
        score_sites(candidates_abc(), merged, zones=zones_abc(), weight="tp60", full_min=0.7)
    assert not any("seuils" in str(w.message) for w in record)
    # thresholds that do not give the classes of the frame are refused, not guessed
    with pytest.raises(ParameterError, match=r"QP031001 \(0.5000, partial\)"):
        score_sites(candidates_abc(), merged, zones=zones_abc(), full_min=0.4)


def test_does_not_mutate_inputs() -> None:
    cands, cov, zones = candidates_abc(), coverage_abc(), zones_abc()
    before = (cands.copy(), cov.copy(), zones.copy())
    with pytest.warns(AvsGeoWarning):
        score_sites(cands, cov, zones=zones)
    for a, b in zip((cands, cov, zones), before, strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_no_existing_zone() -> None:
    empty = gpd.GeoDataFrame({"structure_id": []}, geometry=[], crs=L93)
    cov = coverage_abc().assign(coverage_ratio=0.0, coverage_status="none")
    with pytest.warns(AvsGeoWarning):
        s = by_id(score_sites(candidates_abc(), cov, zones=empty))
    assert s.loc["C4", "gain_area_m2"] == pytest.approx(3_600)
    assert np.isnan(s.loc["C1", "dist_structure_m"])
    assert pd.isna(s.loc["C1", "nearest_structure_id"])


def test_zones_not_those_of_coverage_warn() -> None:
    zones = zones_abc()
    zones.loc[0, "geometry"] = box(0, 0, 60, 100)
    with pytest.warns(AvsGeoWarning) as record:
        score_sites(candidates_abc(), coverage_abc(), zones=zones)
    assert any("autre taux de couverture" in str(w.message) for w in record)


# ---------------------------------------------------------------- gains and demand units


def test_demand_units_are_the_atoms() -> None:
    rel = build_relation(candidates_abc(), coverage_abc(), zones=zones_abc())
    units = demand_units(rel)
    dense = units.matrix.toarray()
    # A: [50,75] by C1 and C3, [75,100] by C3 only; B: [200,250] by C2 and C3,
    # [250,300] by C3 only.
    got = sorted(
        (rel.qpv_codes[units.qpv[u]], tuple(rel.ids[dense[:, u] > 0]), round(units.area[u]))
        for u in range(dense.shape[1])
    )
    assert got == [
        ("QP031001", ("C1", "C3"), 2500),
        ("QP031001", ("C3",), 2500),
        ("QP031002", ("C2", "C3"), 5000),
        ("QP031002", ("C3",), 5000),
    ]
    assert units.population.sum() == pytest.approx(1000)


# ---------------------------------------------------------------- candidates


def test_commune_candidates_from_list_and_table() -> None:
    communes = gpd.GeoDataFrame(
        {"code_insee": ["31001", "31002", "31003"], "nom": ["Un", "Deux", "Trois"]},
        geometry=[box(0, 0, 100, 100), box(100, 0, 300, 100), box(300, 0, 500, 100)],
        crs=L93,
    )
    s = by_id(score_sites(["31001", "31002"], coverage_abc(), zones=zones_abc(), communes=communes))
    assert s.loc["31001", "gain_area_m2"] == pytest.approx(5_000)
    assert s.loc["31002", "gain_area_m2"] == pytest.approx(10_000)
    assert s.loc["31002", "nom"] == "Deux"
    assert s.loc["31002", "geometry"].equals(box(100, 0, 300, 100))
    table = pd.DataFrame({"candidat_id": ["G"], "zone_communes": ["31001;31002"]})
    g = score_sites(table, coverage_abc(), zones=zones_abc(), communes=communes)
    assert g.loc[0, "gain_area_m2"] == pytest.approx(15_000)
    with pytest.raises(ParameterError, match="aucune couche 'communes'"):
        score_sites(["31001"], coverage_abc(), zones=zones_abc())
    with pytest.raises(UnknownCodeError, match="'31999: 31999'"):
        score_sites(["31999"], coverage_abc(), zones=zones_abc(), communes=communes)


def test_candidate_zones_union_and_radius_rules() -> None:
    communes = gpd.GeoDataFrame({"code_insee": ["31001"]}, geometry=[box(0, 0, 100, 100)], crs=L93)
    cands = gpd.GeoDataFrame(
        {
            "candidat_id": ["P", "PC", "POLY"],
            "nom": ["p", "pc", "poly"],
            "zone_communes": [(), ("31001",), ()],
            "zone_rayon_m": [np.nan, np.nan, np.nan],
        },
        geometry=[Point(1000, 1000), Point(50, 50), box(0, 0, 10, 10)],
        crs=L93,
    )
    z = candidate_zones(cands, communes=communes).set_index("candidat_id")
    disc500 = shapely.area(shapely.buffer(Point(0, 0), 500, quad_segs=BUFFER_QUAD_SEGS))
    assert z.loc["P", "geometry"].area == pytest.approx(disc500)
    assert z.loc["PC", "geometry"].equals(box(0, 0, 100, 100))  # communes, no default radius
    assert z.loc["POLY", "geometry"].equals(box(0, 0, 10, 10))
    z2 = candidate_zones(cands, communes=communes, radius_m=100).set_index("candidat_id")
    assert z2.loc["PC", "geometry"].area > 10_000  # communes ∪ 100 m disc
    with pytest.raises(ParameterError, match="radius_m doit être un nombre de mètres positif"):
        candidate_zones(cands, communes=communes, radius_m=-1)
    bad = cands.assign(zone_rayon_m=[np.nan, np.nan, 50.0])
    with pytest.raises(SchemaError, match=r"'POLY'.*pas de point"):
        candidate_zones(bad, communes=communes)


def test_candidate_grid_over_uncovered_part() -> None:
    cov = coverage_abc()
    grid = candidate_grid(cov, spacing_m=20, zones=zones_abc())
    # A uncovered on x in (50, 100): nodes x = 60, 80; y = 20..80 -> 8; B: 4 x 4 = 16.
    assert grid["code_qpv"].value_counts().to_dict() == {"QP031002": 16, "QP031001": 8}
    assert (grid.geometry.x[grid.code_qpv == "QP031001"] > 50).all()
    assert grid["candidat_id"].is_unique
    assert grid["nom"].iloc[0] == "Grille QP031001 n°1"
    whole = candidate_grid(cov, spacing_m=20)
    assert (whole["code_qpv"] == "QP031001").sum() == 16
    tiny = candidate_grid(cov, spacing_m=1000)  # too coarse: one point per QPV
    assert tiny["code_qpv"].tolist() == ["QP031001", "QP031002"]
    assert shapely.contains(box(0, 0, 100, 100), tiny.geometry.iloc[0])
    with pytest.raises(ParameterError, match="spacing_m"):
        candidate_grid(cov, spacing_m=0)
    with pytest.raises(ParameterError, match="statuses"):
        candidate_grid(cov, statuses=["nope"])


def test_grid_candidates_score() -> None:
    grid = candidate_grid(coverage_abc(), spacing_m=20, zones=zones_abc())
    s = score_sites(grid, coverage_abc(), zones=zones_abc(), radius_m=10)
    assert len(s) == len(grid)
    assert (s["score"] > 0).all()


# ---------------------------------------------------------------- errors


def test_error_weight_column_missing_lists_numeric_columns() -> None:
    with pytest.raises(SchemaError, match=r"weight='tp60'.*'population'.*'percou'"):
        score_sites(candidates_abc(), coverage_abc(), zones=zones_abc(), weight="tp60")


def test_error_negative_weights() -> None:
    cov = coverage_abc().assign(percou=[1.0, -2.0, 0.0])
    with pytest.raises(SchemaError, match="valeurs négatives pour les QPV 'QP031002'"):
        score_sites(candidates_abc(), cov, zones=zones_abc(), weight="percou")


def test_error_duplicate_candidate_ids() -> None:
    cands = candidates_abc()
    cands.loc[1, "candidat_id"] = "C1"
    with pytest.raises(DuplicateIdError, match="'C1'"):
        score_sites(cands, coverage_abc(), zones=zones_abc())


def test_error_missing_id_column() -> None:
    cands = candidates_abc().drop(columns="candidat_id")
    with pytest.raises(SchemaError, match="candidat_id"):
        score_sites(cands, coverage_abc(), zones=zones_abc())


def test_error_crs() -> None:
    wgs = candidates_abc().set_crs("EPSG:4326", allow_override=True)
    with pytest.raises(CRSError, match=r"CRS\) différents"):
        score_sites(wgs, coverage_abc(), zones=zones_abc())
    cov = coverage_abc().set_crs("EPSG:4326", allow_override=True)
    with pytest.raises(CRSError, match=r"système géographique.*to_crs"):
        score_sites(
            candidates_abc(), cov, zones=zones_abc().set_crs("EPSG:4326", allow_override=True)
        )
    with pytest.raises(CRSError, match="pas de système de coordonnées"):
        score_sites(
            candidates_abc().set_crs(None, allow_override=True), coverage_abc(), zones=zones_abc()
        )


def test_error_types_and_geometries() -> None:
    with pytest.raises(InputTypeError, match="'candidates' doit être un GeoDataFrame"):
        score_sites(42, coverage_abc(), zones=zones_abc())
    with pytest.raises(InputTypeError, match="'coverage' doit être un GeoDataFrame"):
        score_sites(candidates_abc(), pd.DataFrame(coverage_abc()), zones=zones_abc())
    lines = gpd.GeoDataFrame(
        {"candidat_id": ["L"]}, geometry=[shapely.LineString([(0, 0), (1, 1)])], crs=L93
    )
    with pytest.raises(GeometryError, match="'L'"):
        score_sites(lines, coverage_abc(), zones=zones_abc())
    empty = candidates_abc().iloc[:0]
    with pytest.raises(ParameterError, match="aucun candidat"):
        score_sites(empty, coverage_abc(), zones=zones_abc())
    with pytest.raises(ParameterError, match="radius_m"):
        score_sites(candidates_abc(), coverage_abc(), zones=zones_abc(), radius_m=0)


def test_error_coverage_columns() -> None:
    cov = coverage_abc().drop(columns="coverage_status")
    with pytest.raises(SchemaError, match="coverage_status"):
        score_sites(candidates_abc(), cov, zones=zones_abc())


# ---------------------------------------------------------------- table


def test_sites_table_french_and_english() -> None:
    s = scores_abc()
    fr = sites_table(s)
    assert fr["Rang"].tolist()[:3] == [1, 2, 3]
    assert fr["Surface de QPV gagnée (ha)"].iloc[0] == pytest.approx(1.5)
    assert fr["Codes des QPV gagnés"].iloc[0] == "QP031001, QP031002"
    assert fr["Remarque"].tolist()[3:] == [
        "n'ajoute rien : déjà couvert",
        "n'ajoute rien : hors QPV",
    ]
    assert "geometry" not in fr.columns
    # distances in whole metres (C5: 1029.56 m), a missing nearest structure as ""
    assert fr["Distance au QPV le plus proche (m)"].tolist() == [0, 0, 0, 0, 1030]
    assert s["dist_qpv_m"].iloc[4] == pytest.approx(1029.563, abs=1e-3)
    s_without = s.assign(nearest_structure_id=[None, "S1", "S1", "S2", "S2"])
    assert sites_table(s_without)["Structure la plus proche"].iloc[0] == ""
    en = sites_table(s, language="en")
    assert en["Note"].iloc[4] == "adds nothing: outside the QPV"
    with pytest.raises(InputTypeError):
        sites_table(42)
    with pytest.raises(ParameterError):
        sites_table(s, language="de")  # type: ignore[arg-type]


# ---------------------------------------------------------------- real data (Occitanie)


@pytest.fixture(scope="module")
def occitanie() -> dict[str, gpd.GeoDataFrame]:
    """The Occitanie demo, loaded afresh: a test module that writes into the session
    fixtures (pandas 3 frames built from ``Series.to_numpy()`` share buffers) cannot
    change these figures."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)  # QPV contours repaired
        qpv_occitanie = avs_geo.load_qpv()
    communes = avs_geo.load_communes(departement=list(OCCITANIE_DEPARTEMENTS))
    structures_occitanie = avs_geo.load_structures(
        get_path("structures_exemple_occitanie"),
        perimeters=get_path("zones_exemple_occitanie"),
        communes=communes,
        qpv=qpv_occitanie,
    )
    zones = avs_geo.build_zones(
        structures_occitanie, communes=communes, qpv=qpv_occitanie, at="2022-12-31"
    )
    return {
        "coverage": avs_geo.compute_coverage(qpv_occitanie, zones),
        "zones": zones,
        "structures": structures_occitanie,
        "candidates": avs_geo.load_candidates(get_path("candidats_exemple_occitanie")),
    }


def test_occitanie_scores(occitanie: dict[str, gpd.GeoDataFrame]) -> None:
    with pytest.warns(AvsGeoWarning, match="CAND-15 .*déjà couvert.*CAND-17"):
        s = score_sites(
            occitanie["candidates"],
            occitanie["coverage"],
            zones=occitanie["zones"],
            structures=occitanie["structures"],
        )
    assert len(s) == 18
    assert s["candidat_id"].head(5).tolist() == [
        "CAND-11",
        "CAND-07",
        "CAND-01",
        "CAND-12",
        "CAND-10",
    ]
    nothing = by_id(s).loc[["CAND-15", "CAND-17"]]
    assert nothing["reason"].tolist() == ["already_covered", "already_covered"]
    assert (nothing["dist_qpv_m"] == 0).all()
    assert s["rank"].notna().sum() == 16
    # Each candidate is scored against its QPV only: gain <= the QPV's uncovered people.
    cov = occitanie["coverage"].set_index("code_qpv")
    for row in s.itertuples():
        left = sum(
            cov.loc[q, "population"] - cov.loc[q, "covered_population"] for q in row.qpv_reached
        )
        assert row.gain_population <= left + 1e-6


def test_occitanie_population_weight_is_area_weighted(
    occitanie: dict[str, gpd.GeoDataFrame],
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)
        pop = by_id(
            score_sites(occitanie["candidates"], occitanie["coverage"], zones=occitanie["zones"])
        )
        area = by_id(
            score_sites(
                occitanie["candidates"],
                occitanie["coverage"],
                zones=occitanie["zones"],
                weight="area",
            )
        )
    cov = occitanie["coverage"].set_index("code_qpv")
    row = pop.loc["CAND-01"]
    (q,) = row.qpv_reached
    expected = cov.loc[q, "population"] * area.loc["CAND-01", "score"] / cov.loc[q, "qpv_area_m2"]
    assert row.gain_population == pytest.approx(expected)


def test_occitanie_weight_by_caf_beneficiaries(occitanie: dict[str, gpd.GeoDataFrame]) -> None:
    """percou (people covered by a CAF benefit) from the INSEE indicators as the weight.

    Rangueil (QP031015) has percou = 0 in the file (not published): CAND-01, the third
    site by population, then adds nothing and says why.
    """
    indicators = pd.read_csv(get_path("qpv_occitanie_indicateurs"))
    coverage = occitanie["coverage"]
    merged = coverage.merge(
        indicators[["code_qp", "percou"]].rename(columns={"code_qp": "code_qpv"}), on="code_qpv"
    )
    with pytest.warns(AvsGeoWarning, match="CAND-01 \\(n'ajoute rien : poids nul\\)"):
        s = by_id(
            score_sites(occitanie["candidates"], merged, zones=occitanie["zones"], weight="percou")
        )
    assert s.loc["CAND-01", "reason"] == "zero_weight"
    assert s.loc["CAND-01", "gain_population"] > 3000
    percou = merged.set_index("code_qpv")["percou"]
    pop = merged.set_index("code_qpv")["population"]
    row = s.loc["CAND-07"]
    (q,) = row.qpv_reached
    assert row.score == pytest.approx(row.gain_population * percou[q] / pop[q])


def test_outputs_share_no_buffer_with_inputs() -> None:
    """Writing into a result never changes the caller's frame (pandas 3 shares buffers
    between a frame and one built from its ``to_numpy()``)."""
    cands = candidates_abc().assign(extra=["x"] * 5)
    with pytest.warns(AvsGeoWarning):
        scores = score_sites(cands, coverage_abc(), zones=zones_abc())
    scores.loc[0, "nom"] = "changed"
    normalised = avs_geo.sites.candidates.as_candidates(cands, crs=L93)
    normalised.loc[0, "extra"] = "changed"
    normalised.loc[0, "candidat_id"] = "changed"
    zones = candidate_zones(normalised)
    zones.loc[1, "nom"] = "changed"
    assert cands["nom"].tolist() == list("abcde")
    assert cands["extra"].tolist() == ["x"] * 5
    assert cands["candidat_id"].tolist() == ["C1", "C2", "C3", "C4", "C5"]
    assert normalised.loc[1, "nom"] == "b"


def test_fine_population_layer_gives_the_gain_in_inhabitants() -> None:
    """Two QPV side by side, nothing covered; the site covers the left one and half of the
    right one. People: 7 on the shared border (the QPV of smaller code, left), 5 in the
    left, 3 in the covered half of the right, 100 in its other half, 50 outside."""
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001", "QP031002"], "population": [1000.0, 1000.0]},
        geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)],
        crs=L93,
    )
    zones = gpd.GeoDataFrame({"structure_id": []}, geometry=[], crs=L93)
    cov = avs_geo.compute_coverage(qpv, zones)
    people = gpd.GeoDataFrame(
        {"habitants": [7.0, 5.0, 3.0, 100.0, 50.0]},
        geometry=[Point(100, 50), Point(50, 50), Point(120, 50), Point(180, 50), Point(300, 0)],
        crs=L93,
    )
    site = gpd.GeoDataFrame({"candidat_id": ["A"]}, geometry=[box(0, 0, 150, 100)], crs=L93)
    scored = score_sites(site, cov, zones=zones, population=people, population_column="habitants")
    assert scored["gain_population"].tolist() == [15.0]
    assert scored["score"].tolist() == [15.0]
    by_area = score_sites(site, cov, zones=zones)
    assert by_area["gain_population"].tolist() == [1500.0]
    with pytest.raises(avs_geo.SchemaError, match="valeurs négatives"):
        score_sites(site, cov, zones=zones, population=people.assign(habitants=-1.0),
                    population_column="habitants")  # fmt: skip
