"""Tests of avs_geo.sites.select: greedy and exact maximal covering against brute force.

The oracle enumerates every k-subset of candidates and measures its gain with shapely
directly (union of the chosen zones inside the uncovered part of each QPV), without
the demand units, the CSR matrix or the solver.
"""

from __future__ import annotations

import itertools
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import box

import avs_geo
from avs_geo import AvsGeoWarning, ParameterError, UnknownCodeError
from avs_geo.datasets import OCCITANIE_DEPARTEMENTS, get_path
from avs_geo.sites import (
    exact_mclp,
    greedy_mclp,
    load_candidates,
    score_sites,
    select_sites,
    sites_table,
)
from avs_geo.sites.relation import build_relation, demand_units

L93 = "EPSG:2154"
QPV = box(0, 0, 100, 100)
NO_ZONES = gpd.GeoDataFrame({"structure_id": []}, geometry=[], crs=L93)


def frame(ids: list[str], geoms: list[shapely.Geometry]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"candidat_id": ids}, geometry=geoms, crs=L93)


def one_qpv(population: float = 1000.0) -> gpd.GeoDataFrame:
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"], "population": [population]}, geometry=[QPV], crs=L93
    )
    return avs_geo.compute_coverage(qpv, NO_ZONES)


# ---------------------------------------------------------------- known answers


def test_greedy_is_not_optimal_here_and_exact_is() -> None:
    """M covers the middle 60 %, L and R the halves: greedy takes M then L (800 people);
    the optimum is L + R (1,000 people); greedy gap = 20 %."""
    cands = frame(["L", "M", "R"], [box(0, 0, 50, 100), box(20, 0, 80, 100), box(50, 0, 100, 100)])
    greedy = select_sites(cands, one_qpv(), zones=NO_ZONES, k=2)
    assert greedy.chosen == ("M", "L")
    assert greedy.objective == pytest.approx(800)
    assert greedy.curve["gain"].tolist() == pytest.approx([0, 600, 200])
    exact = select_sites(cands, one_qpv(), zones=NO_ZONES, k=2, method="exact")
    assert set(exact.chosen) == {"L", "R"}
    assert exact.chosen == ("L", "R")  # greedy order within the optimal set, ties by id
    assert exact.objective == pytest.approx(1000)
    assert exact.greedy_objective == pytest.approx(800)
    assert exact.greedy_gap == pytest.approx(0.2)
    assert exact.solver_status == "Optimal"
    assert greedy.greedy_gap is None and greedy.solver_status == "greedy"


def test_curve_and_share_with_existing_network() -> None:
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001", "QP031002"], "population": [1000.0, 1000.0]},
        geometry=[QPV, box(200, 0, 300, 100)],
        crs=L93,
    )
    zones = gpd.GeoDataFrame({"structure_id": ["S"]}, geometry=[box(0, 0, 50, 100)], crs=L93)
    cov = avs_geo.compute_coverage(qpv, zones)
    cands = frame(["A", "B"], [box(0, 0, 100, 100), box(200, 0, 250, 100)])
    sel = select_sites(cands, cov, zones=zones, k=2)
    curve = sel.curve
    assert curve["k"].tolist() == [0, 1, 2]
    assert curve["candidat_id"].tolist() == [None, "A", "B"]
    # existing: 500 of 2,000 (25 %); A adds 500 (50 %), B adds 500 (75 %).
    assert curve["population_covered"].tolist() == pytest.approx([500, 1000, 1500])
    assert curve["share_covered_pct"].tolist() == pytest.approx([25, 50, 75])
    assert sel.population_gain == pytest.approx(1000)
    q = sel.qpv.set_index("code_qpv")
    assert q.loc["QP031001", ["status_before", "status_after"]].tolist() == ["partial", "full"]
    assert q.loc["QP031002", "ratio_after"] == pytest.approx(0.5)
    assert sel.sites["rank"].tolist() == [1, 2]
    assert sel.sites["score"].tolist() == pytest.approx([500, 500])
    assert sel.zones["type"].tolist() == ["evs", "evs"]
    # The selected zones, added to the network, give what the curve says.
    after = avs_geo.compute_coverage(
        qpv, pd.concat([zones, sel.zones[["structure_id", "geometry"]]])
    )
    assert after["covered_population"].sum() == pytest.approx(curve["population_covered"].iloc[-1])


def test_fixed_sites_come_first() -> None:
    cands = frame(["L", "M", "R"], [box(0, 0, 50, 100), box(20, 0, 80, 100), box(50, 0, 100, 100)])
    sel = select_sites(cands, one_qpv(), zones=NO_ZONES, k=2, fixed=["R"])
    assert sel.chosen == ("R", "L")
    assert sel.curve["fixed"].tolist() == [False, True, False]
    exact = select_sites(cands, one_qpv(), zones=NO_ZONES, k=2, fixed=["M"], method="exact")
    assert exact.chosen[0] == "M"
    assert exact.objective == pytest.approx(800)


def test_stops_when_nothing_more_to_gain() -> None:
    cands = frame(["A", "B", "C"], [QPV, box(0, 0, 10, 10), box(500, 500, 600, 600)])
    with pytest.warns(AvsGeoWarning, match="k=3 sites étaient demandés mais seuls 1 ajoutent"):
        sel = select_sites(cands, one_qpv(), zones=NO_ZONES, k=3)
    assert sel.chosen == ("A",)
    assert sel.adds_nothing == ("C",)
    with pytest.warns(AvsGeoWarning, match="seuls 1 ajoutent"):
        exact = select_sites(cands, one_qpv(), zones=NO_ZONES, k=3, method="exact")
    assert exact.chosen == ("A",)


def test_ties_broken_by_id() -> None:
    cands = frame(["Z", "B", "A"], [box(0, 0, 50, 100), box(50, 0, 100, 100), box(0, 0, 50, 100)])
    assert select_sites(cands, one_qpv(), zones=NO_ZONES, k=1).chosen == ("A",)


def test_first_greedy_pick_is_top_score() -> None:
    cands = frame(["L", "M", "R"], [box(0, 0, 50, 100), box(20, 0, 80, 100), box(50, 0, 100, 100)])
    scores = score_sites(cands, one_qpv(), zones=NO_ZONES)
    sel = select_sites(cands, one_qpv(), zones=NO_ZONES, k=1)
    assert sel.chosen[0] == scores["candidat_id"].iloc[0]
    assert sel.curve["gain"].iloc[1] == pytest.approx(scores["score"].iloc[0])


def test_repr_html_summary_and_table() -> None:
    cands = frame(["A<b>"], [QPV])
    sel = select_sites(cands, one_qpv(), zones=NO_ZONES, k=1)
    page = sel._repr_html_()
    assert "A&lt;b&gt;" in page and "<b>" not in page.replace("<strong>", "")
    assert sel.summary(language="en").startswith(
        "With the chosen site (greedy method), the share of the QPV population covered goes "
        "from 0.0% to 100.0% (+1,000 inhabitants, estimate)."
    )
    table = sites_table(sel)
    assert table["Part de la population des QPV couverte (%)"].tolist() == pytest.approx([0, 100])
    assert table.columns[0] == "Nombre de nouveaux sites"


def test_sites_table_of_a_selection_reads_as_a_report() -> None:
    """Imposed as oui/non, the first row named, no None, numbers rounded as printed."""
    cands = gpd.GeoDataFrame(
        {"candidat_id": ["L", "R"], "nom": ["Salle L", "Salle R"]},
        geometry=[box(0, 0, 33.3337, 100), box(50, 0, 100, 100)],
        crs=L93,
    )
    sel = select_sites(cands, one_qpv(population=999.0), zones=NO_ZONES, k=2, fixed=["L"])
    table = sites_table(sel)
    assert table.to_dict("records") == [
        {
            "Nombre de nouveaux sites": 0,
            "Identifiant": "",
            "Nom": "Réseau actuel",
            "Imposé": "",
            "Gain": 0,
            "Population gagnée (estimée)": 0,
            "Population des QPV couverte (cumul)": 0,
            "Part de la population des QPV couverte (%)": 0.0,
        },
        {
            "Nombre de nouveaux sites": 1,
            "Identifiant": "L",
            "Nom": "Salle L",
            "Imposé": "oui",
            "Gain": 333,  # 999 x 0.333337 = 333.0037
            "Population gagnée (estimée)": 333,
            "Population des QPV couverte (cumul)": 333,
            "Part de la population des QPV couverte (%)": 33.3,
        },
        {
            "Nombre de nouveaux sites": 2,
            "Identifiant": "R",
            "Nom": "Salle R",
            "Imposé": "non",
            "Gain": 500,  # 999 x 0.5 = 499.5, rounded half to even
            "Population gagnée (estimée)": 500,
            "Population des QPV couverte (cumul)": 833,  # 832.5037
            "Part de la population des QPV couverte (%)": 83.3,
        },
    ]
    english = sites_table(sel, language="en")
    assert english["Imposed"].tolist() == ["", "yes", "no"]
    assert english["Name"].iloc[0] == "Current network"
    # the selection keeps the unrounded figures
    assert sel.curve["gain_population"].tolist() == pytest.approx([0, 333.0037, 499.5])
    assert sel.curve["candidat_id"].iloc[0] is None


def test_summary_in_french_by_default_and_in_english() -> None:
    cands = gpd.GeoDataFrame(
        {"candidat_id": ["L", "M", "R"], "nom": ["Salle L", "Salle M", "Salle R"]},
        geometry=[box(0, 0, 50, 100), box(20, 0, 80, 100), box(50, 0, 100, 100)],
        crs=L93,
    )
    greedy = select_sites(cands, one_qpv(population=2469.0), zones=NO_ZONES, k=2)
    nbsp = "\u00a0"
    assert greedy.summary() == (
        f"Avec les 2 sites choisis (méthode gloutonne), la part de la population des QPV "
        f"couverte passe de 0,0{nbsp}% à 80,0{nbsp}% (+1{nbsp}975 habitants, estimation).\n"
        f"  1. Salle M (M) : +1{nbsp}481 habitants\n"
        f"  2. Salle L (L) : +494 habitants"
    )
    assert greedy.summary(language="en") == (
        "With the 2 chosen sites (greedy method), the share of the QPV population covered "
        "goes from 0.0% to 80.0% (+1,975 inhabitants, estimate).\n"
        "  1. Salle M (M): +1,481 inhabitants\n"
        "  2. Salle L (L): +494 inhabitants"
    )
    exact = select_sites(cands, one_qpv(population=2469.0), zones=NO_ZONES, k=2, method="exact")
    assert exact.summary().endswith(
        f"Écart de la méthode gloutonne à l'optimum : 20,00{nbsp}% (solveur : Optimal)."
    )
    assert exact.summary(language="en").endswith(
        "Gap of the greedy method to the optimum: 20.00% (solver: Optimal)."
    )
    with pytest.raises(ParameterError, match="language"):
        greedy.summary(language="de")  # type: ignore[arg-type]


def test_summary_names_a_weight_other_than_population() -> None:
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"], "population": [1000.0], "percou": [300.0]},
        geometry=[QPV],
        crs=L93,
    )
    cov = avs_geo.compute_coverage(qpv, NO_ZONES)
    sel = select_sites(
        frame(["A"], [box(0, 0, 50, 100)]), cov, zones=NO_ZONES, k=1, weight="percou"
    )
    assert sel.headline().startswith("Avec le site choisi (méthode gloutonne, poids : percou), ")
    assert sel.headline("en").startswith("With the chosen site (greedy method, weight: percou), ")


def test_summary_when_nothing_is_chosen() -> None:
    zones = gpd.GeoDataFrame({"structure_id": ["S"]}, geometry=[QPV], crs=L93)
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"], "population": [1000.0]}, geometry=[QPV], crs=L93
    )
    cov = avs_geo.compute_coverage(qpv, zones)
    with pytest.warns(AvsGeoWarning):
        sel = select_sites(frame(["A"], [box(0, 0, 50, 100)]), cov, zones=zones, k=1)
    assert sel.chosen == ()
    assert sel.summary() == "Aucun site candidat n'ajoute de couverture : aucun n'est choisi."
    assert sel.summary("en") == "No candidate site adds coverage: none is chosen."


# ---------------------------------------------------------------- errors


def test_errors_k_fixed_method() -> None:
    cands = frame(["A", "B"], [box(0, 0, 50, 100), box(50, 0, 100, 100)])
    for k in (0, 3):
        with pytest.raises(ParameterError, match=rf"nombre de candidats \(2\), reçu k={k}"):
            select_sites(cands, one_qpv(), zones=NO_ZONES, k=k)
    with pytest.raises(ParameterError, match="entier"):
        select_sites(cands, one_qpv(), zones=NO_ZONES, k=1.5)  # type: ignore[arg-type]
    with pytest.raises(UnknownCodeError, match="'X', 'Y'"):
        select_sites(cands, one_qpv(), zones=NO_ZONES, k=2, fixed=["A", "X", "Y"])
    with pytest.raises(ParameterError, match=r"2 sites imposés.*plus que k=1"):
        select_sites(cands, one_qpv(), zones=NO_ZONES, k=1, fixed=["A", "B"])
    with pytest.raises(ParameterError, match="method doit être"):
        select_sites(cands, one_qpv(), zones=NO_ZONES, k=1, method="milp")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="time_limit_s"):
        select_sites(cands, one_qpv(), zones=NO_ZONES, k=1, method="exact", time_limit_s=0)


# ---------------------------------------------------------------- numeric cores


def naive_greedy(dense: np.ndarray, w: np.ndarray, k: int) -> list[int]:
    covered = np.zeros(dense.shape[1], dtype=bool)
    picks: list[int] = []
    for _ in range(k):
        gains = [
            (-(w[(dense[j] > 0) & ~covered]).sum(), j) for j in range(len(dense)) if j not in picks
        ]
        if not gains:
            break
        g, j = min(gains)
        if -g <= 0:
            break
        picks.append(j)
        covered |= dense[j] > 0
    return picks


def best_subset(dense: np.ndarray, w: np.ndarray, k: int) -> float:
    return max(
        float(w[(dense[list(s)] > 0).any(axis=0)].sum())
        for s in itertools.combinations(range(len(dense)), k)
    )


matrices = st.integers(2, 7).flatmap(
    lambda n: st.tuples(
        st.lists(st.lists(st.booleans(), min_size=6, max_size=6), min_size=n, max_size=n),
        st.lists(st.integers(0, 9), min_size=6, max_size=6),
        st.integers(1, n),
    )
)


@settings(max_examples=100, deadline=None)
@given(matrices)
def test_lazy_greedy_equals_plain_greedy(case: tuple[list[list[bool]], list[int], int]) -> None:
    rows, weights, k = case
    dense, w = np.array(rows, dtype=np.int8), np.array(weights, dtype=float)
    assert greedy_mclp(sp.csr_array(dense), w, k).picks == naive_greedy(dense, w, k)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_exact_core_reaches_brute_force(case: tuple[list[list[bool]], list[int], int]) -> None:
    rows, weights, k = case
    dense, w = np.array(rows, dtype=np.int8), np.array(weights, dtype=float)
    assert exact_mclp(sp.csr_array(dense), w, k).objective == pytest.approx(
        best_subset(dense, w, k)
    )


# ---------------------------------------------------------------- geometric brute force


@st.composite
def instances(draw: st.DrawFn) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame, int]:
    """1-2 QPV, 0-2 existing zones, 2-6 candidate rectangles on a 10 m lattice, and k."""

    def rect(xmax: int = 200) -> shapely.Geometry:
        x0 = draw(st.integers(0, xmax // 10 - 2)) * 10
        y0 = draw(st.integers(0, 8)) * 10
        w = draw(st.integers(1, 8)) * 10
        h = draw(st.integers(1, 8)) * 10
        return box(x0, y0, x0 + w, y0 + h)

    n_qpv = draw(st.integers(1, 2))
    qpv = gpd.GeoDataFrame(
        {
            "code_qpv": [f"QP031{i + 1:03d}" for i in range(n_qpv)],
            "population": [float(draw(st.integers(0, 5000))) for _ in range(n_qpv)],
        },
        geometry=[box(0, 0, 100, 100), box(110, 0, 200, 60)][:n_qpv],
        crs=L93,
    )
    n_zones = draw(st.integers(0, 2))
    zones = gpd.GeoDataFrame(
        {"structure_id": [f"S{i}" for i in range(n_zones)]},
        geometry=[rect() for _ in range(n_zones)],
        crs=L93,
    )
    n = draw(st.integers(2, 6))
    cands = frame([f"C{i}" for i in range(n)], [rect() for _ in range(n)])
    return qpv, zones, cands, draw(st.integers(1, n))


def brute_force(
    qpv: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, cands: gpd.GeoDataFrame, k: int
) -> tuple[float, dict[frozenset[str], float]]:
    """Best k-subset gain and every subset's gain, measured with shapely alone."""
    existing = shapely.union_all(zones.geometry.to_numpy()) if len(zones) else shapely.Polygon()
    gaps = [
        (shapely.difference(q, existing), pop / q.area)
        for q, pop in zip(qpv.geometry, qpv["population"], strict=True)
    ]
    values = {}
    for subset in itertools.combinations(range(len(cands)), k):
        union = shapely.union_all(cands.geometry.to_numpy()[list(subset)])
        value = sum(density * shapely.intersection(gap, union).area for gap, density in gaps)
        values[frozenset(cands["candidat_id"].to_numpy()[list(subset)])] = value
    return max(values.values()), values


def select_quiet(*args: object, **kwargs: object) -> avs_geo.sites.SiteSelection:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)  # "adds nothing", "stops at"
        return select_sites(*args, **kwargs)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_exact_reaches_brute_force_optimum(
    case: tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame, int],
) -> None:
    qpv, zones, cands, k = case
    cov = avs_geo.compute_coverage(qpv, zones)
    best, _ = brute_force(qpv, zones, cands, k)
    exact = select_quiet(cands, cov, zones=zones, k=k, method="exact", skip_full=False)
    assert exact.objective == pytest.approx(best, rel=1e-6, abs=1e-6)
    assert exact.greedy_gap is not None and exact.greedy_gap >= -1e-9
    greedy = select_quiet(cands, cov, zones=zones, k=k, skip_full=False)
    assert greedy.objective <= best + 1e-6
    assert greedy.objective >= (1 - 1 / np.e) * best - 1e-6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_greedy_optimal_where_it_should_be(
    case: tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame, int],
) -> None:
    """k = 1, and candidates with disjoint zones (the gain is then additive)."""
    qpv, zones, cands, k = case
    cov = avs_geo.compute_coverage(qpv, zones)
    best1, _ = brute_force(qpv, zones, cands, 1)
    assert select_quiet(cands, cov, zones=zones, k=1, skip_full=False).objective == pytest.approx(
        best1, rel=1e-6, abs=1e-6
    )
    disjoint = frame(
        list(cands["candidat_id"]),
        [box(20 * i, 0, 20 * i + 10 + 2 * i, 10 * (i + 1)) for i in range(len(cands))],
    )
    best, _ = brute_force(qpv, zones, disjoint, k)
    greedy = select_quiet(disjoint, cov, zones=zones, k=k, skip_full=False)
    assert greedy.objective == pytest.approx(best, rel=1e-6, abs=1e-6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_units_partition_each_candidate_gain(
    case: tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame, int],
) -> None:
    qpv, zones, cands, _ = case
    cov = avs_geo.compute_coverage(qpv, zones)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)
        rel = build_relation(cands, cov, zones=zones, skip_full=False)
    units = demand_units(rel)
    per_cand = units.matrix.toarray().astype(float) @ units.area
    alone = np.bincount(rel.pair_cand, weights=rel.pair_area, minlength=rel.n_candidates)
    np.testing.assert_allclose(per_cand, alone, rtol=1e-7, atol=1e-6)
    # and all the units together are the union of the gains
    union = shapely.union_all(rel.pieces) if len(rel.pieces) else shapely.Polygon()
    assert units.area.sum() == pytest.approx(union.area, rel=1e-7, abs=1e-6)


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
        "qpv": qpv_occitanie,
        "coverage": avs_geo.compute_coverage(qpv_occitanie, zones),
        "zones": zones,
        "candidates": load_candidates(get_path("candidats_exemple_occitanie")),
    }


def test_occitanie_top5_greedy_exact_and_curve(occitanie: dict[str, gpd.GeoDataFrame]) -> None:
    args = (occitanie["candidates"], occitanie["coverage"])
    greedy = select_sites(*args, zones=occitanie["zones"], k=5)
    exact = select_sites(*args, zones=occitanie["zones"], k=5, method="exact")
    top5 = ("CAND-11", "CAND-07", "CAND-01", "CAND-12", "CAND-10")
    assert greedy.chosen == top5
    assert exact.chosen == top5
    assert exact.greedy_gap == pytest.approx(0, abs=1e-9)
    assert greedy.adds_nothing == ("CAND-15", "CAND-17")
    share = greedy.curve["share_covered_pct"].to_numpy()
    assert share[0] == pytest.approx(60.88, abs=0.01)
    assert share[-1] == pytest.approx(65.08, abs=0.01)
    assert (np.diff(share) > 0).all()


def test_occitanie_curve_matches_coverage_engine(occitanie: dict[str, gpd.GeoDataFrame]) -> None:
    """All 16 useful sites chosen, zones added to the network: compute_coverage agrees."""
    with pytest.warns(AvsGeoWarning, match="seuls 16 ajoutent"):
        sel = select_sites(
            occitanie["candidates"],
            occitanie["coverage"],
            zones=occitanie["zones"],
            k=18,
            skip_full=False,
        )
    network = pd.concat([occitanie["zones"], sel.zones], ignore_index=True)
    after = avs_geo.compute_coverage(occitanie["qpv"], network)
    assert sel.curve["population_covered"].iloc[-1] == pytest.approx(
        after["covered_population"].sum(), rel=1e-9
    )
    merged = sel.qpv.merge(after[["code_qpv", "coverage_ratio", "coverage_status"]], on="code_qpv")
    np.testing.assert_allclose(merged["ratio_after"], merged["coverage_ratio"], atol=1e-9)
    assert (merged["status_after"] == merged["coverage_status"]).all()


def test_occitanie_map_layer(occitanie: dict[str, gpd.GeoDataFrame]) -> None:
    pytest.importorskip("folium")
    from avs_geo.maps import coverage_map

    sel = select_sites(
        occitanie["candidates"], occitanie["coverage"], zones=occitanie["zones"], k=3
    )
    m = coverage_map(occitanie["coverage"], zones=occitanie["zones"], candidates=sel.sites)
    page = m.get_root().render()
    assert "Maison pour tous de Beaucaire (exemple)" in page


def test_touching_zones_give_polygonal_pieces() -> None:
    """A zone touching the QPV along its edge and overlapping it elsewhere intersects it in
    a GeometryCollection (polygon + line): only the polygon is a gain."""
    touching = shapely.union_all([box(100, 0, 150, 50), box(50, 50, 150, 100)])
    cands = frame(["T", "L"], [touching, box(0, 0, 60, 100)])
    rel = build_relation(cands, one_qpv(), zones=NO_ZONES)
    assert set(shapely.get_type_id(rel.pieces)) <= {3, 6}
    assert rel.pair_area.tolist() == pytest.approx([2500, 6000])
    units = demand_units(rel)
    assert sorted(units.area.round(6).tolist()) == [500.0, 2000.0, 5500.0]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        # no subnormal coordinates (5e-324 m): GEOS's point_on_surface overflows on them,
        # and no metric layer holds such a value
        st.tuples(
            st.floats(-50, 150, allow_subnormal=False),
            st.floats(-50, 150, allow_subnormal=False),
            st.floats(5, 80),
        ),
        min_size=2,
        max_size=12,
    )
)
def test_units_of_overlapping_discs(discs: list[tuple[float, float, float]]) -> None:
    """Many overlapping discs at float coordinates (rounding in the noding): the units
    still partition each candidate's gain and their union."""
    zones = [shapely.buffer(shapely.Point(x, y), r, quad_segs=16) for x, y, r in discs]
    cands = frame([f"D{i:02d}" for i in range(len(zones))], zones)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)
        rel = build_relation(cands, one_qpv(), zones=NO_ZONES)
    units = demand_units(rel)
    per_cand = units.matrix.toarray().astype(float) @ units.area
    alone = np.bincount(rel.pair_cand, weights=rel.pair_area, minlength=rel.n_candidates)
    np.testing.assert_allclose(per_cand, alone, rtol=1e-6, atol=1e-3)
    union = shapely.union_all(rel.pieces) if len(rel.pieces) else shapely.Polygon()
    assert units.area.sum() == pytest.approx(union.area, rel=1e-6, abs=1e-3)


def test_a_prebuilt_relation_gives_the_same_scores_and_selection() -> None:
    cands = frame(["A", "B", "C"], [box(0, 0, 60, 100), box(0, 0, 50, 100), box(50, 0, 100, 100)])
    rel = build_relation(cands, one_qpv(), zones=NO_ZONES)
    pd.testing.assert_frame_equal(
        score_sites(cands, one_qpv(), zones=NO_ZONES, relation=rel),
        score_sites(cands, one_qpv(), zones=NO_ZONES),
    )
    with_rel = select_sites(cands, one_qpv(), zones=NO_ZONES, k=2, relation=rel)
    without = select_sites(cands, one_qpv(), zones=NO_ZONES, k=2)
    assert with_rel.chosen == without.chosen == ("A", "C")
    assert with_rel.objective == pytest.approx(without.objective)


def test_a_relation_that_is_not_built_is_refused() -> None:
    cands = frame(["A"], [box(0, 0, 60, 100)])
    with pytest.raises(avs_geo.InputTypeError, match=r"relation doit être une SiteRelation.*dict"):
        score_sites(cands, one_qpv(), zones=NO_ZONES, relation={})  # type: ignore[arg-type]
    with pytest.raises(avs_geo.InputTypeError, match=r"relation doit être une SiteRelation.*str"):
        select_sites(cands, one_qpv(), zones=NO_ZONES, k=1, relation="A")  # type: ignore[arg-type]
