"""load_structures: the example networks, every format and encoding, every bad input."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import avs_geo
from avs_geo.datasets import get_path
from avs_geo.read.structures import zone_summary

HEADER = "structure_id;nom;type;lat;lon;date_agrement;date_fin;zone_communes;zone_qpv;zone_rayon_m"


def write(tmp_path: Path, text: str, name: str = "s.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_example_occitanie(structures_occitanie: gpd.GeoDataFrame) -> None:
    s = structures_occitanie
    assert len(s) == 35 and s["structure_id"].is_unique
    assert s.crs.to_epsg() == 2154
    assert set(s["type"]) == {"centre_social", "evs"}
    assert s["nom"].str.contains("(exemple)", regex=False).all()
    by_id = s.set_index("structure_id")
    assert by_id.loc["OCC-02", "zone_qpv"] == ("QP031008", "QP031012")
    assert by_id.loc["OCC-02", "date_fin"] == pd.Timestamp("2025-12-31")
    assert by_id.loc["OCC-03", "zone_rayon_m"] == 450
    assert by_id.loc["OCC-16", "zone_communes"] == ("34145", "34146", "34294", "34151")
    assert s["zone_polygon"].notna().sum() == 3
    assert by_id.loc["OCC-10", "zone_polygon"].geom_type == "Polygon"
    kinds = set(zone_summary(s))
    assert {"communes", "QPV", "rayon", "périmètre", "QPV + rayon"} <= kinds


def test_example_nord_2022() -> None:
    s = avs_geo.load_structures(get_path("structures_exemple_nord_2022"))
    assert s["structure_id"].tolist() == [f"NORD-2022-0{i}" for i in range(1, 7)]
    assert s["type"].tolist() == ["centre_social"] + ["evs"] * 5
    assert s.set_index("structure_id").loc["NORD-2022-04", "zone_communes"] == (
        "59436",
        "59669",
        "59433",
        "59119",
    )
    assert (s["date_agrement"] == pd.Timestamp("2022-01-01")).all()


def test_latin1_semicolon_csv_with_accents_and_french_numbers(tmp_path: Path) -> None:
    text = (
        HEADER + "\n"
        "A1;Centre social Émile Zola;Centre social;43,6045;1,444;01/09/2021;31/08/2025;31555;;\n"
        "A2;EVS Les Crêtes;Espace de vie sociale;43.60;1.45;2022-01-01;;;QP031007;1 000\n"
    )
    path = write(tmp_path, text.replace("1 000", "1000,5"), encoding="latin-1")
    s = avs_geo.load_structures(path)
    assert s["nom"].tolist() == ["Centre social Émile Zola", "EVS Les Crêtes"]
    assert s["type"].tolist() == ["centre_social", "evs"]
    assert s["date_agrement"].tolist() == [pd.Timestamp("2021-09-01"), pd.Timestamp("2022-01-01")]
    assert s["date_fin"].iloc[0] == pd.Timestamp("2025-08-31") and pd.isna(s["date_fin"].iloc[1])
    assert s["zone_rayon_m"].iloc[1] == 1000.5
    back = s.geometry.to_crs(4326)
    assert back.y.iloc[0] == pytest.approx(43.6045) and back.x.iloc[0] == pytest.approx(1.444)


def test_comma_csv_utf8_bom_with_aliases(tmp_path: Path) -> None:
    text = (
        "\ufeffIdentifiant,Nom,Type de structure,Latitude,Longitude,Communes,Rayon (m)\n"
        '7,EVS Nord,evs,50.63,3.06,"59350;59360",\n'
        "8,CS Sud,CS,43.6,1.44,,800\n"
    )
    path = write(
        tmp_path, text.replace("Type de structure", "type").replace("Rayon (m)", "rayon_m")
    )
    s = avs_geo.load_structures(path)
    assert s["structure_id"].tolist() == ["7", "8"]
    assert s["zone_communes"].tolist() == [("59350", "59360"), ()]
    assert s["zone_rayon_m"].iloc[1] == 800 and np.isnan(s["zone_rayon_m"].iloc[0])


def test_xlsx_with_numbers_as_numbers(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "structure_id": [101, 102],
            "nom": ["CS A", "EVS B"],
            "type": ["Centre Social", "E.V.S."],
            "lat": [43.6, 43.61],
            "lon": [1.44, 1.45],
            "date_agrement": [pd.Timestamp("2020-01-01"), None],
            "zone_communes": [1004, "31555"],
        }
    )
    df["type"] = ["Centre Social", "evs"]
    df.to_excel(tmp_path / "s.xlsx", index=False)
    s = avs_geo.load_structures(tmp_path / "s.xlsx")
    assert s["structure_id"].tolist() == ["101", "102"]
    assert s["zone_communes"].tolist() == [("01004",), ("31555",)]
    assert s["date_agrement"].iloc[0] == pd.Timestamp("2020-01-01")


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg"])
def test_point_layers(tmp_path: Path, suffix: str) -> None:
    gdf = gpd.GeoDataFrame(
        {"structure_id": ["P1"], "nom": ["CS"], "type": ["CS"], "zone_rayon_m": [500.0]},
        geometry=[shapely.Point(574000, 6280000)],
        crs=2154,
    )
    gdf.to_file(tmp_path / f"s{suffix}")
    s = avs_geo.load_structures(tmp_path / f"s{suffix}")
    assert s.geometry.iloc[0].equals_exact(shapely.Point(574000, 6280000), 1e-6)
    assert s["zone_rayon_m"].iloc[0] == 500


def test_perimeters_file_merges_polygons_per_structure(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nZ1;CS;CS;43.6;1.44;;;;;\n")
    perimeters = gpd.GeoDataFrame(
        {"structure_id": ["Z1", "Z1"]},
        geometry=[
            shapely.box(574000, 6280000, 574100, 6280100),
            shapely.box(574100, 6280000, 574200, 6280100),
        ],
        crs=2154,
    )
    s = avs_geo.load_structures(path, perimeters=perimeters)
    assert s["zone_polygon"].iloc[0].area == pytest.approx(20000)


def test_zones_argument_is_the_deprecated_name_of_perimeters(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nZ1;CS;CS;43.6;1.44;;;;;\n")
    drawn = gpd.GeoDataFrame(
        {"structure_id": ["Z1"]}, geometry=[shapely.box(574000, 6280000, 574100, 6280100)], crs=2154
    )
    with pytest.warns(
        DeprecationWarning, match=r"load_structures\(zones=\.\.\.\) est remplacé par"
    ):
        s = avs_geo.load_structures(path, zones=drawn)
    assert s["zone_polygon"].iloc[0].area == pytest.approx(10000)
    with pytest.raises(avs_geo.ParameterError, match=r"perimeters= et zones= .*ne donnez que"):
        avs_geo.load_structures(path, perimeters=drawn, zones=drawn)


# --- bad input ---------------------------------------------------------------------------


def test_missing_columns_lists_missing_and_present(tmp_path: Path) -> None:
    path = write(tmp_path, "id;nom\n1;A\n")
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"il manque la ou les colonne\(s\) 'type', 'lat', 'lon' ; en-tête lu ligne 1 : 'id', 'nom'",
    ):
        avs_geo.load_structures(path)


def test_duplicate_ids(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nA;x;CS;43.6;1.44;;;31555;;\nA;y;EVS;43.6;1.44;;;31555;;\n")
    with pytest.raises(
        avs_geo.DuplicateIdError,
        match=r"identifiant répété \(colonne structure_id\) : ligne 2 : 'A', ligne 3 : 'A'",
    ):
        avs_geo.load_structures(path)


def test_missing_id(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\n;x;CS;43.6;1.44;;;31555;;\n")
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"s.csv' :\n- ligne sans identifiant \(colonne structure_id\) : ligne 2 : \(vide\)",
    ):
        avs_geo.load_structures(path)


def test_unknown_type(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + "\nA;x;Crèche;43.6;1.44;;;31555;;\nB;y;CS;43.6;1.44;;;31555;;\n"
    )
    with pytest.raises(avs_geo.SchemaError, match=r"type inconnu .*ligne 2 : 'Crèche' \(A\).*'CS'"):
        avs_geo.load_structures(path)


def test_unknown_commune_and_qpv_codes(
    tmp_path: Path, communes_all: gpd.GeoDataFrame, qpv_occitanie: gpd.GeoDataFrame
) -> None:
    path = write(
        tmp_path, HEADER + "\nA;x;CS;43.6;1.44;;;31555;;\nB;y;CS;43.6;1.44;;;99999;QP031999;\n"
    )
    with pytest.raises(avs_geo.UnknownCodeError, match=r"1 structure\(s\) .*communes .*B: 99999"):
        avs_geo.load_structures(path, communes=communes_all)
    with pytest.raises(avs_geo.UnknownCodeError, match=r"codes de QPV .*B: QP031999"):
        avs_geo.load_structures(path, qpv=qpv_occitanie)


def test_malformed_codes(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nA;x;CS;43.6;1.44;;;315;;\n")
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"codes INSEE mal formés \(colonne zone_communes\) : ligne 2 : '315' \(A\)",
    ):
        avs_geo.load_structures(path)
    path = write(tmp_path, HEADER + "\nA;x;CS;43.6;1.44;;;;QP31;\n")
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"codes QPV mal formés \(colonne zone_qpv\) : ligne 2 : 'QP31' \(A\)",
    ):
        avs_geo.load_structures(path)


def test_duplicated_codes_warn_and_count_once(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + '\nA;x;CS;43.6;1.44;;;"31555;31555";;\n')
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"deux fois .*A: 31555"):
        s = avs_geo.load_structures(path)
    assert s["zone_communes"].iloc[0] == ("31555",)


def test_swapped_lat_lon(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nA;x;CS;1.44;43.6;;;31555;;\n")
    with pytest.raises(
        avs_geo.GeometryError,
        match=r"lat et lon inversées sur cette ligne .*ligne 2 : '1.44, 43.6' \(A\)",
    ):
        avs_geo.load_structures(path)


def test_outside_france(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nA;x;CS;40.4;-3.7;;;31555;;\n")
    with pytest.raises(avs_geo.GeometryError, match=r"1 objet\(s\) .* hors de France.*'A'"):
        avs_geo.load_structures(path)


def test_empty_or_text_coordinates(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nA;x;CS;;1.44;;;31555;;\nB;x;CS;abc;1.44;;;31555;;\n")
    with pytest.raises(
        avs_geo.GeometryError,
        match=r"pas un nombre \(colonne lat/lon\) : ligne 3 : 'abc' \(B\).*\n- structure sans localisation \(colonne lat/lon\) : ligne 2",
    ):
        avs_geo.load_structures(path)


def test_no_zone_warns_and_keeps_the_structure(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nA;x;CS;43.6;1.44;;;;;\nB;y;CS;43.6;1.44;;;à définir;;\n")
    s = avs_geo.load_structures(path)
    assert s["structure_id"].tolist() == ["A", "B"]
    assert s["zone_communes"].tolist() == [(), ()]
    communes = avs_geo.load_communes()
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"2 structure\(s\) sans zone .*'A', 'B'"):
        assert len(avs_geo.build_zones(s, communes=communes)) == 0


def test_bad_dates(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nA;x;CS;43.6;1.44;bientôt;;31555;;\n")
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"date illisible \(forme non reconnue\) \(colonne date_agrement\) : ligne 2 : 'bientôt' \(A\).*31/12/2022",
    ):
        avs_geo.load_structures(path)
    path = write(tmp_path, HEADER + "\nA;x;CS;43.6;1.44;2022-01-01;2021-01-01;31555;;\n")
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"finit avant de commencer .*ligne 2 : '01/01/2022 -> 01/01/2021' \(A\)",
    ):
        avs_geo.load_structures(path)
    path = write(tmp_path, HEADER + "\nA;x;CS;43.6;1.44;31/02/2022;;31555;;\n")
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"ce jour n'existe pas\) \(colonne date_agrement\) : ligne 2 : '31/02/2022' \(A\)",
    ):
        avs_geo.load_structures(path)


def test_negative_radius(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nA;x;CS;43.6;1.44;;;;;-5\n")
    with pytest.raises(
        avs_geo.SchemaError, match=r"supérieur à 0 \(colonne zone_rayon_m\) : ligne 2 : '-5' \(A\)"
    ):
        avs_geo.load_structures(path)


def test_zero_radius_and_words_are_refused_on_every_row(tmp_path: Path) -> None:
    """A radius must be > 0 metres (0 used to pass the reader and fail in build_zones)."""
    rows = (
        "\nA;x;CS;43.6;1.44;;;31555;;0\nB;x;CS;43.6;1.44;;;31555;;loin\nC;x;CS;43.6;1.44;;;31555;;5"
    )
    path = write(tmp_path, HEADER + rows + "\n")
    with pytest.raises(avs_geo.SchemaError, match=r"ligne 2 : '0' \(A\), ligne 3 : 'loin' \(B\)\."):
        avs_geo.load_structures(path)


def test_radius_with_thousands_spaces(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + "\nA;x;CS;43.6;1.44;;;;;1\u00a0000,5\nB;x;CS;43.6;1.44;;;;;2 000\n"
    )
    assert avs_geo.load_structures(path)["zone_rayon_m"].tolist() == [1000.5, 2000.0]


def test_coordinates_in_metres(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nA;x;CS;6280000;574000;;;31555;;\n")
    with pytest.raises(
        avs_geo.GeometryError,
        match=r"hors des degrés .*ligne 2 : '6280000.0, 574000.0' \(A\).*x et y",
    ):
        avs_geo.load_structures(path)


def test_xlsx_with_merged_header(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Identification", None, "type", "lat", "lon", "zone_communes"])
    ws.merge_cells("A1:B1")
    ws.append(["A", "CS x", "CS", 43.6, 1.44, "31555"])
    wb.save(tmp_path / "merged.xlsx")
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"feuille 'Sheet' : cellules fusionnées .*ligne d'en-tête \(ligne 1\) : A1:B1 "
        r"\(colonnes 'Identification', B sans en-tête\).*Défusionnez",
    ):
        avs_geo.load_structures(tmp_path / "merged.xlsx")


def test_polygons_in_structures_file(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"structure_id": ["P1"], "type": ["CS"]},
        geometry=[shapely.box(574000, 6280000, 575000, 6281000)],
        crs=2154,
    )
    gdf.to_file(tmp_path / "s.gpkg")
    with pytest.raises(avs_geo.GeometryError, match=r"par un point.*'P1'.*fichier de périmètres"):
        avs_geo.load_structures(tmp_path / "s.gpkg")


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_layer_without_crs(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"structure_id": ["P1"], "type": ["CS"], "zone_rayon_m": [100]},
        geometry=[shapely.Point(574000, 6280000)],
    )
    gdf.to_file(tmp_path / "s.gpkg")
    with pytest.raises(
        avs_geo.CRSError, match=r"fichier des structures .* n'a pas de système de coordonnées"
    ):
        avs_geo.load_structures(tmp_path / "s.gpkg")


def test_perimeters_with_unknown_structure(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nZ1;CS;CS;43.6;1.44;;;31555;;\n")
    perimeters = gpd.GeoDataFrame(
        {"structure_id": ["Z9"]}, geometry=[shapely.box(574000, 6280000, 574100, 6280100)], crs=2154
    )
    with pytest.raises(avs_geo.UnknownCodeError, match=r"absents du fichier des structures : 'Z9'"):
        avs_geo.load_structures(path, perimeters=perimeters)


def test_wrong_format_and_empty(tmp_path: Path) -> None:
    bad = tmp_path / "s.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(avs_geo.InputFileError, match=r"comme classeur Excel"):
        avs_geo.load_structures(bad)
    with pytest.raises(avs_geo.InputFileError, match=r"est vide"):
        avs_geo.load_structures(write(tmp_path, ""))
    with pytest.raises(avs_geo.InputFileError, match=r"aucune ligne de données"):
        avs_geo.load_structures(write(tmp_path, HEADER + "\n"))
