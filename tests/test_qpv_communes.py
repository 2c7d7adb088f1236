"""QPV -> commune(s), EPCI and territory: known answers, the real data, every error."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

import avs_geo
from avs_geo.coverage.qpv_places import QPV_COMMUNE_COLUMNS, SIGNIFICANT_SHARE
from avs_geo.datasets import OCCITANIE_DEPARTEMENTS, get_path

L93 = "EPSG:2154"


def two_epci() -> gpd.GeoDataFrame:
    """Three 100 m squares: 59001 in EPCI A, 59002 and 59003 in EPCI B."""
    return gpd.GeoDataFrame(
        {
            "code_insee": ["59001", "59002", "59003"],
            "nom": ["Un", "Deux", "Trois"],
            "epci_siren": ["200000001", "200000002", "200000002"],
            "epci_nom": ["CA Alpha", "CC Bêta", "CC Bêta"],
            "anciens_codes": [("59900",), (), ()],
        },
        geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100), box(0, 100, 100, 200)],
        crs=L93,
    )


def test_qpv_straddling_two_communes_of_two_epci() -> None:
    # 40 m x 10 m: 30 m in 59001 (EPCI A, 300 m2 = 75 %), 10 m in 59002 (EPCI B, 25 %)
    qpv = gpd.GeoDataFrame({"code_qpv": ["QP059001"]}, geometry=[box(70, 0, 110, 10)], crs=L93)
    got = avs_geo.qpv_communes(qpv, two_epci())
    assert list(got.columns) == list(QPV_COMMUNE_COLUMNS)
    row = got.iloc[0]
    assert row["code_insee"] == "59001;59002" and row["commune_principale"] == "59001"
    assert row["source_communes"] == "contours"
    assert (row["epci_siren"], row["epci"]) == ("200000001", "CA Alpha")
    assert row["part_epci"] == pytest.approx(0.75) and row["n_epci"] == 2


def test_sliver_is_not_a_commune_and_largest_epci_wins_over_communes() -> None:
    # 59001: 2 % (a sliver); 59002 49 %, 59003... no: the QPV spans 59002 (B) and 59001.
    # box(98, 0, 198, 10): 2 m in 59001 (2 %), 98 m in 59002 (98 %)
    # box(60, 60, 140, 140): 59001 40x40 = 1600 (25 %), 59002 40x40 (25 %),
    #   59003 40x40 (25 %), nothing else (the fourth quarter lies outside every commune)
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["Q1", "Q2"]},
        geometry=[box(98, 0, 198, 10), box(60, 60, 140, 140)],
        crs=L93,
    )
    got = avs_geo.qpv_communes(qpv, two_epci()).set_index("code_qpv")
    assert got.loc["Q1", "code_insee"] == "59002"
    assert got.loc["Q1", "epci"] == "CC Bêta" and got.loc["Q1", "n_epci"] == 1
    # EPCI B holds 50 % (two communes), EPCI A 25 %: B wins though 59001 comes first
    assert got.loc["Q2", "code_insee"] == "59001;59002;59003"
    assert got.loc["Q2", "epci"] == "CC Bêta"
    assert got.loc["Q2", "part_epci"] == pytest.approx(0.5)


def test_file_codes_win_and_former_codes_are_replaced() -> None:
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["Q1", "Q2"], "code_insee": ["59900", None]},
        geometry=[box(10, 10, 20, 20), box(110, 10, 120, 20)],
        crs=L93,
    )
    got = avs_geo.qpv_communes(qpv, two_epci())
    assert got["code_insee"].tolist() == ["59001", "59002"]
    assert got["source_communes"].tolist() == ["fichier", "contours"]


def test_qpv_outside_the_communes_takes_its_code_or_warns() -> None:
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["Q1", "Q2"], "code_insee": ["59002", None]},
        geometry=[box(1000, 0, 1010, 10), box(2000, 0, 2010, 10)],
        crs=L93,
    )
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"1 QPV ne sont dans aucun EPCI.*'Q2'"):
        got = avs_geo.attach_epci(qpv, two_epci())
    assert got["epci"].tolist()[0] == "CC Bêta" and pd.isna(got["epci"].iloc[1])
    assert pd.isna(got["code_insee"].iloc[1])


def test_errors() -> None:
    qpv = gpd.GeoDataFrame({"code_qpv": ["Q1"]}, geometry=[box(0, 0, 1, 1)], crs=L93)
    with pytest.raises(avs_geo.SchemaError, match=r"'epci_siren', 'epci_nom'.*vintage=2022"):
        avs_geo.qpv_communes(qpv, two_epci().drop(columns=["epci_siren", "epci_nom"]))
    with pytest.raises(avs_geo.ParameterError, match=r"min_share doit être dans \]0, 1\]"):
        avs_geo.qpv_communes(qpv, two_epci(), min_share=0)
    with pytest.raises(avs_geo.CRSError):
        avs_geo.qpv_communes(qpv.to_crs(4326), two_epci())
    with pytest.raises(avs_geo.SchemaError, match="code_qpv"):
        avs_geo.qpv_communes(qpv.rename(columns={"code_qpv": "x"}), two_epci())


@pytest.fixture(scope="module")
def occitanie_2022() -> gpd.GeoDataFrame:
    return avs_geo.load_communes(departement=list(OCCITANIE_DEPARTEMENTS), vintage=2022)


@pytest.fixture(scope="module")
def occitanie_coverage(qpv_occitanie: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    communes = avs_geo.load_communes(departement=list(OCCITANIE_DEPARTEMENTS))
    structures = avs_geo.load_structures(
        get_path("structures_exemple_occitanie"),
        perimeters=get_path("zones_exemple_occitanie"),
    )
    zones = avs_geo.build_zones(structures, communes=communes, qpv=qpv_occitanie)
    return avs_geo.compute_coverage(qpv_occitanie, zones)


def test_occitanie_every_qpv_in_an_epci(
    occitanie_coverage: gpd.GeoDataFrame, occitanie_2022: gpd.GeoDataFrame
) -> None:
    # as the official 2015 shapefile: no INSEE code, found from the contours
    bare = occitanie_coverage.drop(columns="code_insee")
    with_epci = avs_geo.attach_epci(bare, occitanie_2022)
    assert with_epci["epci"].notna().all() and len(with_epci) == 105
    # the contours give the file's communes, every one
    assert with_epci["code_insee"].tolist() == occitanie_coverage["code_insee"].tolist()
    summary = avs_geo.coverage_summary(with_epci, by="epci")
    assert "Non renseigné" not in set(summary["EPCI"])
    totals = summary[summary["Couverture"] == "Total"]
    assert totals["Nombre de QPV"].sum() == 105
    toulouse = totals.set_index("EPCI").loc["Toulouse Métropole", "Nombre de QPV"]
    assert (
        toulouse
        == (
            occitanie_coverage["code_insee"].isin(
                occitanie_2022.loc[occitanie_2022["epci_nom"] == "Toulouse Métropole", "code_insee"]
            )
        ).sum()
        > 0
    )


def test_territories_on_real_coverage(
    occitanie_coverage: gpd.GeoDataFrame, occitanie_2022: gpd.GeoDataFrame, tmp_path
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("code;territoire\n31;x\n", encoding="utf-8")
    path.write_text(
        "departement_inutile;siren;territoire\n1;243100518;Métropole\n", encoding="utf-8"
    )
    territories = avs_geo.load_territories(path, vintage=2022)
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"QPV ne sont dans aucun territoire"):
        got = avs_geo.attach_territories(occitanie_coverage, territories, occitanie_2022)
    in_tm = got["territoire"] == "Métropole"
    assert (
        in_tm.sum()
        == (
            avs_geo.attach_epci(occitanie_coverage, occitanie_2022)["epci_siren"] == "243100518"
        ).sum()
        > 0
    )
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"'territoire'.*Non renseigné"):
        summary = avs_geo.coverage_summary(got, by="territoire")
    assert set(summary["Territoire"]) == {"Métropole", "Non renseigné"}


def test_summary_without_epci_column_says_how_to_add_it(occitanie_coverage) -> None:
    with pytest.raises(avs_geo.SchemaError, match=r"attach_epci\(coverage, communes\)"):
        avs_geo.coverage_summary(occitanie_coverage, by="epci")
    with pytest.raises(avs_geo.SchemaError, match=r"attach_territories"):
        avs_geo.coverage_summary(occitanie_coverage, by="territoire")


@settings(max_examples=30, deadline=None)
@given(
    st.floats(min_value=0, max_value=190),
    st.floats(min_value=1, max_value=100),
)
def test_property_epci_part_is_the_largest_share(x: float, width: float) -> None:
    qpv = gpd.GeoDataFrame({"code_qpv": ["Q"]}, geometry=[box(x, 0, x + width, 10)], crs=L93)
    got = avs_geo.qpv_communes(qpv, two_epci()).iloc[0]
    inside = min(x + width, 200) - x
    in_a = max(0.0, min(x + width, 100) - x)
    share_a, share_b = in_a / width, (inside - in_a) / width
    assert got["part_epci"] == pytest.approx(max(share_a, share_b), abs=1e-9)
    assert got["n_epci"] == (share_a >= SIGNIFICANT_SHARE) + (share_b >= SIGNIFICANT_SHARE)
