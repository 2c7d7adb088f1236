"""The QPV, communes and territories readers on the shared header vocabulary (issue 13):
each load says which header was read as what; a missing column gets "did you mean"; an
unread second column of QPV codes is named."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

import avs_geo
from avs_geo.errors import SchemaError, UnusedColumnsWarning
from avs_geo.read._vocabulary import VOCABULARY, read_columns
from avs_geo.read.communes import read_communes
from avs_geo.read.qpv import read_qpv
from avs_geo.read.territories import read_territories

L93 = "EPSG:2154"


def _qpv(path: Path, **columns: list[object]) -> Path:
    squares = [
        shapely.box(700000, 7060000, 700200, 7060200),
        shapely.box(701000, 7060000, 701200, 7060200),
    ]
    gpd.GeoDataFrame(columns, geometry=squares, crs=L93).to_file(path)
    return path


def test_qpv_layer_says_what_it_read(tmp_path: Path) -> None:
    path = _qpv(
        tmp_path / "qpv.gpkg",
        **{
            "Nom du quartier": ["A", "B"],
            "Code du quartier": ["QP059901", "QP059902"],
            "Population municipale": [1200, 800],
            "Remarque": ["", ""],
        },
    )
    qpv, report = read_qpv(path)
    assert report.used == {
        "code_qpv": "Code du quartier",
        "nom_qpv": "Nom du quartier",
        "population": "Population municipale",
    }
    assert report.unused == ("Remarque",)
    assert qpv["nom_qpv"].tolist() == ["A", "B"] and qpv["population"].tolist() == [1200, 800]


def test_qpv_second_code_column_is_named(tmp_path: Path) -> None:
    path = _qpv(
        tmp_path / "qpv.gpkg",
        code_qp=["QP059901", "QP059902"],
        code_qpv_2024=["QN05901M", "QN05902M"],
    )
    with pytest.warns(
        UnusedColumnsWarning,
        match=r"Fichier des QPV .* code_qpv est lu dans la colonne 'code_qp' ; colonne\(s\) "
        r"non lue\(s\) qui portent aussi des codes : 'code_qpv_2024' \(pour la lire : "
        r"columns=\{'code_qpv_2024': 'code_qpv'\}\)",
    ):
        qpv = avs_geo.load_qpv(path)
    assert qpv["code_qpv"].tolist() == ["QP059901", "QP059902"]


def test_qpv_missing_code_suggests(tmp_path: Path) -> None:
    path = _qpv(tmp_path / "qpv.gpkg", cod_qp=["QP059901", "QP059902"])
    with pytest.raises(
        SchemaError,
        match=r"Le fichier des QPV .* n'a pas de colonne de code de QPV .* il a 'cod_qp'\. "
        r"Voulez-vous dire 'cod_qp' \?",
    ):
        avs_geo.load_qpv(path)


def test_communes_layer_says_what_it_read_and_suggests(tmp_path: Path) -> None:
    square = [shapely.box(700000, 7060000, 701000, 7061000)]
    path = tmp_path / "c.gpkg"
    gpd.GeoDataFrame({"INSEE_COM": ["59350"], "NOM": ["Lille"]}, geometry=square, crs=L93).to_file(
        path
    )
    _, report = read_communes(path)
    assert report.used == {"code_insee": "INSEE_COM", "nom": "NOM"}
    gpd.GeoDataFrame({"code_inse": ["59350"]}, geometry=square, crs=L93).to_file(path)
    with pytest.raises(
        SchemaError, match=r"n'a pas de colonne de code INSEE .* Voulez-vous dire 'code_inse' \?"
    ):
        avs_geo.load_communes(path)


def test_territories_say_what_they_read_and_suggest(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Code INSEE;Territoire CAF\n59350;Lille\n", encoding="utf-8")
    _, report = read_territories(path, vintage=2022)
    assert report.used == {"code": "Code INSEE", "territoire": "Territoire CAF"}
    path.write_text("Code INSEE;Teritoire\n59350;Lille\n", encoding="utf-8")
    with pytest.raises(
        SchemaError, match=r"n'a pas la colonne 'territoire' .* Voulez-vous dire 'Teritoire' \?"
    ):
        avs_geo.load_territories(path, vintage=2022)


def test_a_role_takes_its_first_spelling_whatever_the_column_order() -> None:
    """The embedded 2015 file has commune_qp (names of the QPV's communes) and
    nom_commune: the first is the QPV's communes, in any column order."""
    for order in (["nom_commune", "commune_qp"], ["commune_qp", "nom_commune"]):
        _, report = read_columns(pd.DataFrame(columns=["code_qp", *order]), "qpv", source="f")
        assert report.used["communes"] == "commune_qp"
    _, report = read_columns(pd.DataFrame(columns=["Commune", "Code INSEE", "Zone"]), "territories", source="f")  # fmt: skip
    assert report.used == {"code": "Code INSEE", "territoire": "Zone"}


def test_every_layer_kind_has_its_standard_name_first() -> None:
    for kind in ("qpv", "communes", "territories", "qpv_indicators"):
        for role, names in VOCABULARY[kind].items():
            assert names[0] == role, (kind, role)
