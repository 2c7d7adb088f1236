"""load_communes on the embedded data, other schemas, and bad input."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

import avs_geo


def test_embedded_communes(communes_all: gpd.GeoDataFrame) -> None:
    assert len(communes_all) == 4485 + 648 + 891 + 184
    assert communes_all["code_insee"].is_unique
    assert communes_all.crs.to_epsg() == 2154
    assert list(communes_all.columns) == ["code_insee", "nom", "departement", "geometry"]
    by_code = communes_all.set_index("code_insee")
    assert by_code.loc["59350", "nom"] == "Lille"
    assert by_code.loc["31555", "nom"] == "Toulouse"
    assert by_code.loc["09122", "departement"] == "09"
    assert by_code.loc["95500", "departement"] == "95"
    assert communes_all["departement"].nunique() == 16


def test_departement_reads_only_what_is_needed() -> None:
    pdc = avs_geo.load_communes(departement="62")
    assert len(pdc) == 891 and set(pdc["departement"]) == {"62"}
    herault = avs_geo.load_communes(departement=["34"])
    assert len(herault) == 343 and set(herault["departement"]) == {"34"}


def test_unknown_embedded_departement() -> None:
    with pytest.raises(
        avs_geo.ParameterError, match=r"ne couvrent pas le département '75'.*Admin Express"
    ):
        avs_geo.load_communes(departement="75")


def test_admin_express_schema_in_shapefile(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"INSEE_COM": ["2A004", "1004"], "NOM": ["Ajaccio", "Ambérieu-en-Bugey"]},
        geometry=[
            shapely.box(1175000, 6100000, 1180000, 6105000),
            shapely.box(870000, 6540000, 875000, 6545000),
        ],
        crs=2154,
    )
    gdf.to_file(tmp_path / "COMMUNE.shp")
    out = avs_geo.load_communes(tmp_path / "COMMUNE.shp")
    assert out["code_insee"].tolist() == ["2A004", "01004"]  # leading zero restored
    assert out["departement"].tolist() == ["2A", "01"]
    assert out["nom"].tolist() == ["Ajaccio", "Ambérieu-en-Bugey"]


def test_departement_codes_are_normalised_once_for_every_reader(tmp_path: Path) -> None:
    """'9', 9, 9.0 and ' 09 ' name the Ariège; '2a' names Corse-du-Sud, everywhere."""
    from avs_geo.workflows.inputs import departements

    for typed in ("9", 9, 9.0, " 09 "):
        assert departements(typed) == ["09"]
    for typed in (9.0, " 9"):
        ariege = avs_geo.load_communes(departement=typed)
        assert len(ariege) == 331 and set(ariege["departement"]) == {"09"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        qpv = avs_geo.load_qpv(departement=[9.0])
    assert sorted(qpv["code_qpv"]) == ["QP009001", "QP009002", "QP009003"]
    gdf = gpd.GeoDataFrame(
        {"INSEE_COM": ["2A004", "31555"]},
        geometry=[
            shapely.box(1175000, 6100000, 1180000, 6105000),
            shapely.box(570000, 6270000, 571000, 6271000),
        ],
        crs=2154,
    )
    gdf.to_file(tmp_path / "c.geojson")
    corse = avs_geo.load_communes(tmp_path / "c.geojson", departement="2a")
    assert corse["code_insee"].tolist() == ["2A004"]
    assert departements(["2a", " 2B"]) == ["2A", "2B"]


def test_duplicate_commune_codes(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"code": ["31555", "31555"]},
        geometry=[
            shapely.box(570000, 6270000, 571000, 6271000),
            shapely.box(572000, 6270000, 573000, 6271000),
        ],
        crs=2154,
    )
    gdf.to_file(tmp_path / "c.geojson")
    with pytest.raises(avs_geo.DuplicateIdError, match=r"'31555'.*dissolve"):
        avs_geo.load_communes(tmp_path / "c.geojson")


def test_bad_commune_code(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"code": ["Toulouse"]}, geometry=[shapely.box(570000, 6270000, 571000, 6271000)], crs=2154
    )
    gdf.to_file(tmp_path / "c.geojson")
    with pytest.raises(avs_geo.SchemaError, match=r"pas des codes INSEE de commune .*'TOULOUSE'"):
        avs_geo.load_communes(tmp_path / "c.geojson")


def test_no_code_column(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"foo": [1]}, geometry=[shapely.box(570000, 6270000, 571000, 6271000)], crs=2154
    )
    gdf.to_file(tmp_path / "c.gpkg")
    with pytest.raises(avs_geo.SchemaError, match=r"n'a pas de colonne de code INSEE .*il a 'foo'"):
        avs_geo.load_communes(tmp_path / "c.gpkg")


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(avs_geo.MissingFileError, match=r"Fichier des communes introuvable"):
        avs_geo.load_communes(tmp_path / "absent.gpkg")
    with pytest.raises(avs_geo.InputFileError, match=r"est un dossier"):
        avs_geo.load_communes(tmp_path)
