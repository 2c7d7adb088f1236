"""load_qpv on the embedded data, on the official schemas in every format, on bad input."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

import avs_geo
from avs_geo.datasets import get_path


def test_embedded_qpv_all_105_valid_lambert93_with_population() -> None:
    with pytest.warns(
        avs_geo.AvsGeoWarning, match=r"32 géométrie\(s\) invalide\(s\) .* réparées"
    ) as rec:
        qpv = avs_geo.load_qpv()
    assert len(qpv) == 105
    assert qpv["code_qpv"].is_unique
    assert qpv.crs.to_epsg() == 2154
    assert bool(qpv.is_valid.all())
    assert qpv.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert qpv["population"].notna().all()
    assert qpv["population"].sum() == 358_011
    assert list(qpv.columns[:6]) == [
        "code_qpv",
        "nom_qpv",
        "communes",
        "code_insee",
        "departement",
        "population",
    ]
    # the warning names the repaired codes
    assert "QP066005" in str(rec[0].message)


def test_embedded_qpv_per_qpv_values(qpv_occitanie: gpd.GeoDataFrame) -> None:
    row = qpv_occitanie.set_index("code_qpv").loc["QP031007"]
    assert row["nom_qpv"] == "Grand Mirail"
    assert row["communes"] == "Toulouse"
    assert row["code_insee"] == "31555"
    assert row["departement"] == "31"
    assert row["population"] == 31691
    # 289.4 ha, measured in Lambert-93
    assert row.geometry.area / 1e4 == pytest.approx(289.4, abs=0.1)
    counts = qpv_occitanie["departement"].value_counts()
    assert counts["34"] == 22 and counts["31"] == 19 and counts["09"] == 3


def test_departement_filter(qpv_occitanie: gpd.GeoDataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        ariege = avs_geo.load_qpv(departement="09")
        two = avs_geo.load_qpv(departement=["31", "34"])
    assert sorted(ariege["code_qpv"]) == ["QP009001", "QP009002", "QP009003"]
    assert len(two) == 41
    with (
        pytest.raises(avs_geo.ParameterError, match=r"département '59'.*contient les départements"),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        avs_geo.load_qpv(departement="59")


def _official_2015(qpv: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The 2015 shapefile's schema: upper-case names, Lambert-93, no population."""
    sub = qpv.iloc[:4]
    return gpd.GeoDataFrame(
        {
            "CODE_QP": sub["code_qpv"].to_numpy(copy=True),
            "NOM_QP": sub["nom_qpv"].to_numpy(copy=True),
            "COMMUNE_QP": sub["communes"].to_numpy(copy=True),
        },
        geometry=sub.geometry.to_numpy().copy(),
        crs="EPSG:2154",
    )


@pytest.mark.parametrize("suffix", [".shp", ".zip", ".gpkg", ".geojson"])
def test_official_2015_schema_each_format(
    tmp_path: Path, qpv_occitanie: gpd.GeoDataFrame, suffix: str
) -> None:
    gdf = _official_2015(qpv_occitanie)
    if suffix == ".zip":
        gdf.to_file(tmp_path / "QP_METROPOLEOUTREMER_WGS84_EPSG4326.shp")
        path = tmp_path / "qpv2015.zip"
        with zipfile.ZipFile(path, "w") as zf:
            for f in tmp_path.glob("QP_*"):
                zf.write(f, f.name)
    else:
        path = tmp_path / f"qpv{suffix}"
        gdf.to_file(path)
    out = avs_geo.load_qpv(path)
    assert out["code_qpv"].tolist() == gdf["CODE_QP"].tolist()
    assert out["nom_qpv"].tolist() == gdf["NOM_QP"].tolist()
    assert out["communes"].tolist() == gdf["COMMUNE_QP"].tolist()
    assert out["departement"].tolist() == [c[3:5] for c in gdf["CODE_QP"]]
    assert out["population"].isna().all()
    assert out.crs.to_epsg() == 2154
    assert out.geometry.area.to_numpy() == pytest.approx(gdf.area.to_numpy(), rel=1e-9)


def test_official_2024_schema_in_wgs84_with_indicators(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {
            "code_qp": ["QN03101M", "QN03102M"],
            "lib_qp": ["Quartier A", "Quartier B"],
            "insee_com": ["31555", "31555"],
            "lib_com": ["Toulouse", "Toulouse"],
            "insee_dep": ["31", "31"],
        },
        geometry=[shapely.box(1.40, 43.57, 1.41, 43.58), shapely.box(1.42, 43.60, 1.43, 43.61)],
        crs="EPSG:4326",
    )
    gdf.to_file(tmp_path / "qp2024.geojson")
    indicators = pd.DataFrame({"code_qp": ["QN03101M"], "pop_mun": [1234]})
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"Pas de population pour 1 QPV .*QN03102M"):
        out = avs_geo.load_qpv(tmp_path / "qp2024.geojson", indicators=indicators)
    assert out["code_qpv"].tolist() == ["QN03101M", "QN03102M"]
    assert out["nom_qpv"].tolist() == ["Quartier A", "Quartier B"]
    assert out["code_insee"].tolist() == ["31555", "31555"]
    assert out["departement"].tolist() == ["31", "31"]
    assert out["population"].iloc[0] == 1234 and pd.isna(out["population"].iloc[1])


def test_indicators_with_french_numbers(tmp_path: Path) -> None:
    """Populations are read by the shared number parser: '1 234' and '1234,0' are 1234."""
    gdf = gpd.GeoDataFrame(
        {"code_qp": ["QN03101M", "QN03102M", "QN03103M"]},
        geometry=[
            shapely.box(1.40, 43.57, 1.41, 43.58),
            shapely.box(1.42, 43.60, 1.43, 43.61),
            shapely.box(1.44, 43.60, 1.45, 43.61),
        ],
        crs="EPSG:4326",
    )
    gdf.to_file(tmp_path / "qp.geojson")
    (tmp_path / "ind.csv").write_text(
        "code_qp;pop_mun\nQN03101M;1 234\nQN03102M;1234,0\nQN03103M;secret\n", encoding="utf-8"
    )
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"Pas de population pour 1 QPV .*QN03103M"):
        out = avs_geo.load_qpv(tmp_path / "qp.geojson", indicators=tmp_path / "ind.csv")
    assert out["population"].iloc[:2].tolist() == [1234.0, 1234.0]


def test_indicators_from_csv_file(tmp_path: Path, qpv_occitanie: gpd.GeoDataFrame) -> None:
    _official_2015(qpv_occitanie).to_file(tmp_path / "q.gpkg")
    out = avs_geo.load_qpv(tmp_path / "q.gpkg", indicators=get_path("qpv_occitanie_indicateurs"))
    expected = qpv_occitanie.set_index("code_qpv").loc[out["code_qpv"], "population"]
    assert out["population"].tolist() == expected.tolist()


# --- bad input ---------------------------------------------------------------------------


def test_missing_file() -> None:
    with pytest.raises(
        avs_geo.MissingFileError, match=r"Fichier des QPV introuvable : '.*nope.geojson'"
    ):
        avs_geo.load_qpv("nope.geojson")


def test_wrong_format(tmp_path: Path) -> None:
    path = tmp_path / "qpv.geojson"
    path.write_text("this is not json")
    with pytest.raises(
        avs_geo.InputFileError, match=r"Impossible de lire le fichier des QPV .*qpv.geojson"
    ):
        avs_geo.load_qpv(path)


def test_empty_layer(tmp_path: Path) -> None:
    path = tmp_path / "qpv.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(avs_geo.InputFileError, match=r"ne contient aucun objet \(couche vide\)"):
        avs_geo.load_qpv(path)


def test_no_code_column_lists_columns(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame({"nom": ["x"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=2154)
    gdf.to_file(tmp_path / "x.gpkg")
    with pytest.raises(
        avs_geo.SchemaError, match=r"n'a pas de colonne de code de QPV .*il a 'nom'"
    ):
        avs_geo.load_qpv(tmp_path / "x.gpkg")


def test_no_crs(tmp_path: Path, qpv_occitanie: gpd.GeoDataFrame) -> None:
    gdf = _official_2015(qpv_occitanie)
    gdf.to_file(tmp_path / "q.shp")
    (tmp_path / "q.prj").unlink()
    with pytest.raises(
        avs_geo.CRSError, match=r"n'a pas de système de coordonnées.*set_crs\('EPSG:2154'\)"
    ):
        avs_geo.load_qpv(tmp_path / "q.shp")


def test_lambert_declared_as_degrees(tmp_path: Path, qpv_occitanie: gpd.GeoDataFrame) -> None:
    gdf = _official_2015(qpv_occitanie).set_crs("EPSG:4326", allow_override=True)
    gdf.to_file(tmp_path / "q.geojson")
    with pytest.raises(avs_geo.GeometryError, match=r"4 objet\(s\) .* hors de France"):
        avs_geo.load_qpv(tmp_path / "q.geojson")


def test_duplicate_codes(tmp_path: Path, qpv_occitanie: gpd.GeoDataFrame) -> None:
    gdf = _official_2015(qpv_occitanie)
    gdf.loc[1, "CODE_QP"] = gdf.loc[0, "CODE_QP"]
    gdf.to_file(tmp_path / "q.gpkg")
    with pytest.raises(avs_geo.DuplicateIdError, match=r"QP066007"):
        avs_geo.load_qpv(tmp_path / "q.gpkg")


def test_mixed_generations(tmp_path: Path, qpv_occitanie: gpd.GeoDataFrame) -> None:
    gdf = _official_2015(qpv_occitanie)
    gdf.loc[0, "CODE_QP"] = "QN06601M"
    gdf.to_file(tmp_path / "q.gpkg")
    with pytest.raises(avs_geo.InputFileError, match=r"mélange la génération 2015 \(3 codes"):
        avs_geo.load_qpv(tmp_path / "q.gpkg")


def test_malformed_code(tmp_path: Path, qpv_occitanie: gpd.GeoDataFrame) -> None:
    gdf = _official_2015(qpv_occitanie)
    gdf.loc[0, "CODE_QP"] = "66007"
    gdf.to_file(tmp_path / "q.gpkg")
    with pytest.raises(avs_geo.SchemaError, match=r"pas des codes QPV .*'66007'"):
        avs_geo.load_qpv(tmp_path / "q.gpkg")


def test_points_instead_of_polygons(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"code_qp": ["QP031001"]}, geometry=[shapely.Point(574000, 6280000)], crs=2154
    )
    gdf.to_file(tmp_path / "q.gpkg")
    with pytest.raises(
        avs_geo.GeometryError, match=r"doit contenir des polygones.*Point.*QP031001"
    ):
        avs_geo.load_qpv(tmp_path / "q.gpkg")


def test_bow_tie_repaired_and_reported(tmp_path: Path) -> None:
    x, y = 574000, 6280000
    bow = shapely.Polygon([(x, y), (x + 100, y + 100), (x + 100, y), (x, y + 100)])
    gdf = gpd.GeoDataFrame(
        {"code_qp": ["QP031001", "QP031002"]},
        geometry=[bow, shapely.box(x, y, x + 50, y + 50)],
        crs=2154,
    )
    gdf.to_file(tmp_path / "q.gpkg")
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"1 géométrie\(s\) invalide\(s\).*'QP031001'"):
        out = avs_geo.load_qpv(tmp_path / "q.gpkg")
    assert len(out) == 2 and out.is_valid.all()
    assert out.geometry.iloc[0].area == pytest.approx(5000)  # two triangles of 2,500 m2
