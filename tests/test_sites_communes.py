"""White zones as a demand of site scoring (rural EVS): known answers, errors, the Nord example.

Known answers on squares in Lambert-93 metres, worked out on paper:

* commune 59001 = [0, 2000] x [0, 2000], 4,000 inhabitants, the existing zone S covers
  its left half [0, 1000] x [0, 2000]: its white zone is [1000, 2000] x [0, 2000];
* commune 59002 = [2000, 3000] x [0, 2000], 300 inhabitants, reached by no zone;
* QPV QP059001 = [1000, 1200] x [0, 100] inside the white zone of 59001, 500 inhabitants.

Candidates:

* A = [500, 1500] x [0, 2000]: white zone of 59001 on [1000, 1500]: 1e6 m², a quarter of
  the commune, 1,000 inhabitants; the QPV whole: 500 QPV inhabitants;
* B = commune 59002: 300 inhabitants without any offer, no QPV;
* C = [1400, 2400] x [0, 2000]: 59001 on [1400, 2000] (1.2e6 m², 1,200 inhabitants) and
  59002 on [2000, 2400] (0.8e6 of 2e6 m², 120 inhabitants): 1,320;
* D = [0, 900] x [0, 2000]: inside the existing zone: adds nothing.
"""

from __future__ import annotations

import re
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.sparse.csgraph import connected_components
from shapely import box

import avs_geo
from avs_geo import AvsGeoWarning, ParameterError, SchemaError, compute_coverage
from avs_geo.sites import candidate_grid, score_sites, select_sites, sites_table
from avs_geo.sites.candidates import white_zone_candidates

L93 = "EPSG:2154"


@pytest.fixture
def communes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code_insee": ["59001", "59002"], "nom": ["Un", "Deux"], "population": [4000, 300]},
        geometry=[box(0, 0, 2000, 2000), box(2000, 0, 3000, 2000)],
        crs=L93,
    )


@pytest.fixture
def zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"structure_id": ["S"]}, geometry=[box(0, 0, 1000, 2000)], crs=L93)


@pytest.fixture
def coverage(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP059001"], "population": [500.0]},
        geometry=[box(1000, 0, 1200, 100)],
        crs=L93,
    )
    return compute_coverage(qpv, zones)


@pytest.fixture
def candidates() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "candidat_id": ["A", "B", "C", "D"],
            "nom": ["a", "b", "c", "d"],
            "zone_communes": [(), ("59002",), (), ()],
        },
        geometry=[box(500, 0, 1500, 2000), None, box(1400, 0, 2400, 2000), box(0, 0, 900, 2000)],
        crs=L93,
    )


def by_id(scores: pd.DataFrame) -> pd.DataFrame:
    return scores.set_index("candidat_id")


def test_white_zone_gains_by_hand(candidates, zones, communes) -> None:
    with pytest.warns(AvsGeoWarning, match="D \\(n'ajoute rien : déjà couvert\\)"):
        scores = score_sites(candidates, None, zones=zones, communes=communes, demand="communes")
    got = by_id(scores)
    assert got["gain_white_population"].to_dict() == pytest.approx(
        {"A": 1000.0, "B": 300.0, "C": 1320.0, "D": 0.0}, rel=1e-12
    )
    assert got["score"].to_dict() == pytest.approx(got["gain_white_population"].to_dict())
    assert got["communes_reached"].to_dict() == {
        "A": ("59001",),
        "B": ("59002",),
        "C": ("59001", "59002"),
        "D": (),
    }
    assert scores["candidat_id"].tolist() == ["C", "A", "B", "D"]
    assert got["gain_population"].isna().all()  # no QPV given: not measured, not 0
    assert got.loc["D", "reason"] == "already_covered"


def test_both_demands_add_with_the_planner_weights(candidates, zones, communes, coverage) -> None:
    with pytest.warns(AvsGeoWarning, match="n'ajoutent rien"):
        scores = by_id(
            score_sites(
                candidates,
                coverage,
                zones=zones,
                communes=communes,
                demand="both",
                qpv_weight=2.0,
                communes_weight=0.5,
            )
        )
    assert scores["gain_population"].to_dict() == pytest.approx(
        {"A": 500.0, "B": 0.0, "C": 0.0, "D": 0.0}
    )
    # score = 2 x QPV inhabitants + 0.5 x inhabitants without any offer
    assert scores["score"].to_dict() == pytest.approx(
        {"A": 2 * 500 + 0.5 * 1000, "B": 0.5 * 300, "C": 0.5 * 1320, "D": 0.0}
    )


def test_both_demands_headline_counts_the_inhabitants_without_offer(
    candidates, zones, communes, coverage
) -> None:
    """With QPV and white zones, the headline gives the QPV share and, as well, the
    inhabitants without any offer the sites reach (not "+0 habitants" alone)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)
        choice = select_sites(
            candidates, coverage, zones=zones, communes=communes, demand="both", k=2
        )
    # A (1,000 without offer) and C (1,320): 2,120 inhabitants, as in the selection above.
    assert choice.white_population_gain == pytest.approx(2120.0)
    white = "2\u00a0120"
    assert re.search(
        r"^Avec les 2 sites choisis \(méthode gloutonne\), la part de la population des QPV "
        rf"couverte passe de .* {white} habitants sans aucune offre d'animation de la vie "
        r"sociale sont aussi atteints \(estimation au prorata de la surface\)\.$",
        choice.headline(),
    ), choice.headline()
    assert "2,120 inhabitants without any social-life offer are reached too" in (
        choice.headline("en")
    )


def test_communes_demand_ignores_the_qpv_in_the_score(candidates, zones, communes, coverage):
    with pytest.warns(AvsGeoWarning):
        scores = by_id(
            score_sites(candidates, coverage, zones=zones, communes=communes, demand="communes")
        )
    assert scores.loc["A", "score"] == pytest.approx(1000.0)
    assert scores.loc["A", "gain_population"] == pytest.approx(500.0)  # still reported


def test_default_demand_is_unchanged(candidates, zones, communes, coverage) -> None:
    with pytest.warns(AvsGeoWarning, match="hors QPV"):
        scores = score_sites(candidates, coverage, zones=zones, communes=communes)
    assert "gain_white_population" not in scores.columns
    assert list(scores.columns[:-1]) == list(avs_geo.sites.score.SCORE_COLUMNS)
    assert by_id(scores).loc["B", "reason"] == "outside_qpv"


def test_selection_counts_a_white_zone_once(candidates, zones, communes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)
        choice = select_sites(
            candidates, None, zones=zones, communes=communes, demand="communes", k=2
        )
    # C first (1,320); then A adds [1000, 1400] only: 0.8e6 m² of 59001, 800 inhabitants
    # (B would add 300 - 120 = 180).
    assert choice.chosen == ("C", "A")
    assert choice.curve["gain_white_population"].tolist() == pytest.approx([0.0, 1320.0, 800.0])
    assert choice.white_population_gain == pytest.approx(2120.0)
    assert choice.sites["gain_white_population"].tolist() == pytest.approx([1320.0, 800.0])
    text = choice.summary()
    assert text.startswith("Les 2 sites choisis (méthode gloutonne) atteignent 2\u00a0120")
    assert "+800 habitants sans offre" in text
    exact = select_sites(
        candidates, None, zones=zones, communes=communes, demand="communes", k=2, method="exact"
    )
    assert exact.objective == pytest.approx(2120.0)
    table = sites_table(choice)
    assert table["Habitants sans offre gagnés (estimés)"].tolist() == [0, 1320, 800]


def test_demand_errors(candidates, zones, communes, coverage) -> None:
    with pytest.raises(ParameterError, match="demand doit être l'une de"):
        score_sites(candidates, coverage, zones=zones, communes=communes, demand="rural")
    with pytest.raises(ParameterError, match="coverage vaut None"):
        score_sites(candidates, None, zones=zones, communes=communes)
    with pytest.raises(ParameterError, match="demande communes= avec leur population"):
        score_sites(candidates.iloc[[0]], coverage, zones=zones, demand="both")
    with pytest.raises(SchemaError, match=r"la ou les colonnes.*population"):
        score_sites(
            candidates,
            coverage,
            zones=zones,
            communes=communes.drop(columns="population"),
            demand="both",
        )
    with pytest.raises(ParameterError, match="weight='area'"):
        score_sites(
            candidates, coverage, zones=zones, communes=communes, demand="both", weight="area"
        )
    with pytest.raises(ParameterError, match="qpv_weight doit être un nombre >= 0"):
        score_sites(
            candidates, coverage, zones=zones, communes=communes, demand="both", qpv_weight=-1
        )
    with pytest.raises(SchemaError, match=r"positifs ou nuls.*59002"):
        score_sites(
            candidates,
            None,
            zones=zones,
            communes=communes.assign(population=[1, -5]),
            demand="communes",
        )
    with pytest.raises(ParameterError, match="mode doit être 'grid' ou 'communes'"):
        candidate_grid(coverage, mode="rural")
    with pytest.raises(ParameterError, match="demande communes= et zones="):
        candidate_grid(None, mode="communes", communes=communes)
    with pytest.raises(ParameterError, match="max_communes doit être un nombre entier"):
        white_zone_candidates(communes, zones, max_communes=0)


def test_white_zone_candidates_score_their_commune(zones, communes) -> None:
    grid = candidate_grid(None, mode="communes", communes=communes, zones=zones)
    assert grid["candidat_id"].tolist() == ["COMMUNE-59002"]  # 59001 is reached by S
    scores = score_sites(grid, None, zones=zones, communes=communes, demand="communes")
    assert scores["gain_white_population"].tolist() == [300.0]


# ---------------------------------------------------------------- the Nord example

RURAL = {"NORD-2022-04": "Noordpeene", "NORD-2022-05": "Le Riot", "NORD-2022-06": "Trait d'Union"}


@pytest.fixture(scope="module")
def nord() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    communes = avs_geo.load_communes(departement="59", vintage=2022)
    structures = avs_geo.load_structures(avs_geo.datasets.get_path("structures_exemple_nord_2022"))
    return communes, structures


def nord_candidates(structures: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "candidat_id": structures["structure_id"],
            "nom": structures["nom"],
            "zone_communes": structures["zone_communes"],
        },
        geometry=structures.geometry.to_numpy(),
        crs=structures.crs,
    )


def test_nord_rural_evs_gain_the_uncovered_population_of_their_communes(nord) -> None:
    communes, structures = nord
    created = structures["structure_id"].astype(str).str.startswith("NORD-2022")
    network = avs_geo.build_zones(structures.loc[~created], communes=communes)
    assert len(network) == 0  # the example file holds only the six structures of 2022
    scores = by_id(
        score_sites(
            nord_candidates(structures.loc[created]),
            None,
            zones=network,
            communes=communes,
            demand="communes",
        )
    )
    # Independently: the 2022 municipal population of each commune of the zone, read
    # from the Etalab metadata, minus what the network covers (nothing here).
    meta = pd.read_csv(
        avs_geo.datasets.get_path("communes_2022_metadonnees"), dtype={"code_insee": str}
    ).set_index("code_insee")
    for sid in RURAL:
        codes = structures.set_index("structure_id").loc[sid, "zone_communes"]
        expected = float(meta.loc[list(codes), "population"].sum())
        assert scores.loc[sid, "gain_white_population"] == pytest.approx(expected, rel=1e-9)
        assert scores.loc[sid, "gain_white_population"] > 0
        assert np.isnan(scores.loc[sid, "gain_population"])  # no Nord QPV contours
    assert scores.loc["NORD-2022-04", "gain_white_population"] == pytest.approx(
        787 + 512 + 905 + 599
    )


def test_nord_rural_evs_against_the_urban_structures(nord) -> None:
    # The urban structures of 2022 as the network: the rural EVS gain the same, since no
    # urban zone reaches their communes; the white zone is measured, not assumed.
    communes, structures = nord
    rural = structures["structure_id"].isin(list(RURAL))
    network = avs_geo.build_zones(structures.loc[~rural], communes=communes)
    cov = avs_geo.coverage.communes.commune_coverage(communes, network)
    white = cov.set_index("code_insee")["uncovered_population"]
    scores = by_id(
        score_sites(
            nord_candidates(structures.loc[rural]),
            None,
            zones=network,
            communes=communes,
            demand="communes",
        )
    )
    for sid in RURAL:
        codes = list(structures.set_index("structure_id").loc[sid, "zone_communes"])
        assert scores.loc[sid, "gain_white_population"] == pytest.approx(
            float(white.loc[codes].sum()), rel=1e-9
        )


def test_nord_white_zone_groups_are_contiguous(nord) -> None:
    communes, structures = nord
    network = avs_geo.build_zones(structures, communes=communes)
    groups = white_zone_candidates(communes, network, max_communes=4)
    assert groups["zone_communes"].map(len).max() == 4
    flat = [c for t in groups["zone_communes"] for c in t]
    assert len(flat) == len(set(flat))  # each white commune in one group
    cov = avs_geo.coverage.communes.commune_coverage(communes, network)
    assert set(flat) == set(cov.loc[cov["no_offer"], "code_insee"])
    geoms = communes.set_index("code_insee").geometry
    for codes in groups["zone_communes"]:
        # contiguous: the graph "shares a point" among the members is connected
        member = geoms.loc[list(codes)].to_numpy()
        touching = shapely.intersects(member[:, None], member[None, :])
        n_parts, _ = connected_components(touching, directed=False)
        assert n_parts == 1, codes


# ---------------------------------------------------------------- properties

cells = st.integers(min_value=0, max_value=8).map(lambda v: v * 250.0)
spans = st.integers(min_value=1, max_value=6).map(lambda v: v * 250.0)


@st.composite
def rects(draw: st.DrawFn):
    x, y, w, h = draw(cells), draw(cells), draw(spans), draw(spans)
    return box(x, y, x + w, y + h)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zones=st.lists(rects(), max_size=3),
    extra=rects(),
    sites=st.lists(rects(), min_size=1, max_size=4),
)
def test_white_gain_bounded_and_never_raised_by_a_new_zone(zones, extra, sites) -> None:
    communes = gpd.GeoDataFrame(
        {"code_insee": ["59001", "59002"], "population": [1000.0, 500.0]},
        geometry=[box(0, 0, 1000, 2000), box(1000, 0, 2000, 2000)],
        crs=L93,
    )
    candidates = gpd.GeoDataFrame(
        {"candidat_id": [f"C{i}" for i in range(len(sites))]}, geometry=sites, crs=L93
    )

    def gains(geoms):
        network = gpd.GeoDataFrame(
            {"structure_id": [f"S{i}" for i in range(len(geoms))]}, geometry=geoms, crs=L93
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AvsGeoWarning)
            scores = score_sites(
                candidates, None, zones=network, communes=communes, demand="communes"
            )
        return scores.set_index("candidat_id")["gain_white_population"].sort_index()

    before, after = gains(list(zones)), gains([*zones, extra])
    assert (before >= 0).all() and (before <= 1500 + 1e-9).all()
    assert (after <= before + 1e-9).all()


def test_nord_scores_of_the_six_structures_of_2022(nord) -> None:
    # The six EXAMPLE structures created in 2022, scored against the network without
    # them (empty in the example): each gains the 2022 municipal population of the
    # communes of its zone, read independently from the Etalab metadata.
    communes, structures = nord
    network = avs_geo.build_zones(structures.iloc[:0], communes=communes)
    scores = by_id(
        score_sites(
            nord_candidates(structures), None, zones=network, communes=communes, demand="communes"
        )
    )
    meta = pd.read_csv(
        avs_geo.datasets.get_path("communes_2022_metadonnees"), dtype={"code_insee": str}
    ).set_index("code_insee")
    zones = structures.set_index("structure_id")["zone_communes"]
    for sid, codes in zones.items():
        expected = float(meta.loc[list(codes), "population"].sum())
        assert scores.loc[sid, "gain_white_population"] == pytest.approx(expected, rel=1e-9)
        assert scores.loc[sid, "n_communes_reached"] == len(codes)
    assert scores["gain_white_population"].round().astype(int).to_dict() == {
        "NORD-2022-01": 22_896,  # Centre social Espace Mosaïque, Loos
        "NORD-2022-02": 22_896,  # EVS Arago, Loos (the same commune)
        "NORD-2022-03": 55_933,  # EVS Adesa, Anzin (two communes)
        "NORD-2022-04": 2_803,  # EVS de Noordpeene (four rural communes)
        "NORD-2022-05": 4_759,  # EVS Le Riot (three rural communes)
        "NORD-2022-06": 7_681,  # EVS Trait d'Union (five rural communes)
    }
