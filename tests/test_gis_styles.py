"""The styled GeoPackage: aliases in gpkg_data_columns, one default style per layer."""

from __future__ import annotations

import datetime as dt
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely import Point, box

from avs_geo._i18n import STATUS_COLORS, TYPE_COLORS
from avs_geo.errors import InputTypeError
from avs_geo.write.gis import coverage_geopackage

WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _rgb(color: str) -> str:
    h = color.lstrip("#")
    return ",".join(str(int(h[i : i + 2], 16)) for i in (0, 2, 4))


@pytest.fixture
def layers() -> dict[str, gpd.GeoDataFrame]:
    crs = "EPSG:2154"
    coverage = gpd.GeoDataFrame(
        {
            "code_qpv": ["QP031001", "QP031002", "QP031003"],
            "qpv_area_m2": [10_000.0, 25_000.0, 1_234.0],
            "covered_area_m2": [10_000.0, 5_000.0, 0.0],
            "coverage_ratio": [1.0, 0.2, 0.0],
            "coverage_status": ["full", "partial", "none"],
            "structure_ids": [("CS01", "EVS02"), ("CS01",), ()],
        },
        geometry=[box(0, 0, 100, 100), box(200, 0, 400, 125), box(500, 0, 530, 41.13)],
        crs=crs,
    )
    zones = gpd.GeoDataFrame(
        {"structure_id": ["CS01", "EVS02"], "nom": ["A", "B"], "type": ["centre_social", "evs"]},
        geometry=[box(0, 0, 300, 100), box(0, 0, 50, 50)],
        crs=crs,
    )
    structures = gpd.GeoDataFrame(
        zones.drop(columns="geometry"), geometry=[Point(50, 50), Point(25, 25)], crs=crs
    )
    communes = gpd.GeoDataFrame(
        {"code_insee": ["31555"], "nom": ["Toulouse"]}, geometry=[box(-10, -10, 600, 200)], crs=crs
    )
    sites = gpd.GeoDataFrame(
        {"site_id": ["S1"], "score": [0.5]}, geometry=[Point(450, 50)], crs=crs
    )
    return {
        "coverage": coverage,
        "zones": zones,
        "structures": structures,
        "communes": communes,
        "candidates": sites,
    }


@pytest.fixture
def gpkg(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> Path:
    return coverage_geopackage(
        layers["coverage"],
        tmp_path / "c.gpkg",
        zones=layers["zones"],
        structures=layers["structures"],
        communes=layers["communes"],
        candidates=layers["candidates"],
        timestamp=WHEN,
    )


def test_every_layer_is_written_in_order(gpkg: Path) -> None:
    names = [name for name, _ in pyogrio.list_layers(gpkg)]
    assert names == [
        "qpv_couverture",
        "zones",
        "structures",
        "communes",
        "sites_candidats",
        "layer_styles",
    ]


def test_qpv_layer_has_percent_hectares_and_class_in_words(gpkg: Path) -> None:
    qpv = gpd.read_file(gpkg, layer="qpv_couverture").set_index("code_qpv")
    assert qpv["coverage_percent"].tolist() == [100.0, 20.0, 0.0]
    assert qpv["qpv_area_ha"].tolist() == [1.0, 2.5, 0.12]
    assert qpv["covered_area_ha"].tolist() == [1.0, 0.5, 0.0]
    assert qpv["coverage_label"].tolist() == [
        "Couvert en totalité",
        "Couvert partiellement",
        "Non couvert",
    ]
    # The original fields are kept, so that scripts reading them keep working.
    assert qpv["coverage_ratio"].tolist() == [1.0, 0.2, 0.0]
    structures = gpd.read_file(gpkg, layer="structures")
    assert structures["type_label"].tolist() == ["Centre social", "Espace de vie sociale"]


def test_field_aliases_are_french_and_registered(gpkg: Path) -> None:
    with sqlite3.connect(gpkg) as db:
        rows = db.execute("SELECT table_name, column_name, name FROM gpkg_data_columns").fetchall()
        extensions = db.execute(
            "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_schema'"
        ).fetchall()
    aliases = {(t, c): n for t, c, n in rows}
    assert aliases[("qpv_couverture", "coverage_percent")] == "Taux de couverture (%)"
    assert aliases[("qpv_couverture", "coverage_label")] == "Couverture"
    assert aliases[("qpv_couverture", "qpv_area_ha")] == "Surface du QPV (ha)"
    assert aliases[("zones", "type_label")] == "Type de structure"
    assert aliases[("communes", "code_insee")] == "Code commune (INSEE)"
    assert aliases[("sites_candidats", "score")] == "Score"
    # Only fields the layer has; every attribute field of the QPV layer has one.
    assert ("communes", "coverage_percent") not in aliases
    fields = pyogrio.read_info(gpkg, layer="qpv_couverture")["fields"]
    assert {c for t, c in aliases if t == "qpv_couverture"} == set(fields)
    assert sorted(extensions) == [("gpkg_data_column_constraints",), ("gpkg_data_columns",)]


def test_one_default_style_per_layer_with_the_map_colours(gpkg: Path) -> None:
    with sqlite3.connect(gpkg) as db:
        rows = db.execute(
            "SELECT f_table_name, f_geometry_column, styleName, styleQML, styleSLD,"
            " useAsDefault, update_time FROM layer_styles"
        ).fetchall()
    assert [r[0] for r in rows] == [
        "qpv_couverture",
        "zones",
        "structures",
        "communes",
        "sites_candidats",
    ]
    assert {r[5] for r in rows} == {1} and {r[6] for r in rows} == {"2024-01-01T00:00:00.000Z"}
    assert {r[1] for r in rows} == {pyogrio.read_info(gpkg, layer="zones")["geometry_name"]}
    styles = {r[0]: (ET.fromstring(r[3].split("\n", 1)[1]), ET.fromstring(r[4])) for r in rows}

    def colours(qml: ET.Element) -> dict[str, str]:
        """category value -> fill colour 'r,g,b' of its symbol."""
        symbols = {
            s.get("name"): s.find("layer/Option/Option[@name='color']").get("value")  # type: ignore[union-attr]
            for s in qml.iter("symbol")
        }
        return {
            c.get("value"): symbols[c.get("symbol")].rsplit(",", 1)[0]  # type: ignore[index,union-attr]
            for c in qml.iter("category")
        }

    qpv, qpv_sld = styles["qpv_couverture"]
    assert qpv.find("renderer-v2").get("attr") == "coverage_status"  # type: ignore[union-attr]
    assert colours(qpv) == {s: _rgb(c) for s, c in STATUS_COLORS.items()}
    labels = [c.get("label") for c in qpv.iter("category")]
    assert labels == ["Couvert en totalité", "Couvert partiellement", "Non couvert"]
    alias = qpv.find("aliases/alias[@field='coverage_percent']")
    assert alias is not None and alias.get("name") == "Taux de couverture (%)"
    ns = {"sld": "http://www.opengis.net/sld"}
    fills = [p.text for p in qpv_sld.iterfind(".//sld:Fill/sld:CssParameter[@name='fill']", ns)]
    assert fills == list(STATUS_COLORS.values())

    zones, _ = styles["zones"]
    assert colours(zones) == {t: _rgb(c) for t, c in TYPE_COLORS.items()}
    structures, _ = styles["structures"]
    assert colours(structures) == {t: _rgb(c) for t, c in TYPE_COLORS.items()}
    shapes = [o.get("value") for o in structures.iterfind(".//Option[@name='name']")]
    assert shapes == ["circle", "diamond"]
    communes, _ = styles["communes"]
    assert communes.find("renderer-v2").get("type") == "singleSymbol"  # type: ignore[union-attr]
    assert communes.find(".//Option[@name='style']").get("value") == "no"  # type: ignore[union-attr]
    sites, _ = styles["sites_candidats"]
    assert sites.find(".//Option[@name='name']").get("value") == "star"  # type: ignore[union-attr]


def test_same_input_same_bytes(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    paths = [
        coverage_geopackage(
            layers["coverage"], tmp_path / f"{i}.gpkg", zones=layers["zones"], timestamp=WHEN
        )
        for i in range(2)
    ]
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_english_aliases_and_labels(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    path = coverage_geopackage(layers["coverage"], tmp_path / "c.gpkg", language="en")
    with sqlite3.connect(path) as db:
        alias = db.execute(
            "SELECT name FROM gpkg_data_columns WHERE column_name = 'coverage_percent'"
        ).fetchone()
        name = db.execute("SELECT styleName FROM layer_styles").fetchone()
    assert alias == ("Coverage rate (%)",) and name == ("QPV coverage",)
    assert (
        gpd.read_file(path, layer="qpv_couverture")["coverage_label"].tolist()[0] == "Fully covered"
    )


def test_a_layer_that_is_not_a_geodataframe_is_refused(
    layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    with pytest.raises(InputTypeError, match="'communes' should be a GeoDataFrame, got DataFrame"):
        coverage_geopackage(
            layers["coverage"],
            tmp_path / "c.gpkg",
            communes=pd.DataFrame(layers["communes"].drop(columns="geometry")),  # type: ignore[arg-type]
        )


def test_proposed_sites_and_zones_layers(
    layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    crs = "EPSG:2154"
    proposed = gpd.GeoDataFrame(
        {"rank": [2, 1], "candidat_id": ["C-7", "C-3"], "gain_population": [1500.0, 2345.0]},
        geometry=[Point(450, 50), box(600, 0, 700, 100)],  # a polygon site: a point inside
        crs=crs,
    )
    zones = gpd.GeoDataFrame(
        {"structure_id": ["C-7", "C-3"], "nom": ["Site 2", "Site 1"], "type": ["evs", "evs"]},
        geometry=[Point(450, 50).buffer(300), box(600, 0, 700, 100)],
        crs=crs,
    )
    path = coverage_geopackage(
        layers["coverage"],
        tmp_path / "s.gpkg",
        candidates=layers["candidates"],
        proposed=proposed,
        proposed_zones=zones,
        timestamp=WHEN,
    )
    assert [n for n, _ in pyogrio.list_layers(path)][-3:] == [
        "zones_proposees",
        "sites_proposes",
        "layer_styles",
    ]
    sites = gpd.read_file(path, layer="sites_proposes")
    assert sites["ordre_choix"].tolist() == [2, 1]
    assert set(sites.geom_type) == {"Point"}
    assert sites.geometry.iloc[1].within(box(600, 0, 700, 100))
    with sqlite3.connect(path) as db:
        aliases = dict(
            db.execute(
                "SELECT column_name, name FROM gpkg_data_columns "
                "WHERE table_name = 'sites_proposes'"
            ).fetchall()
        )
        styles = dict(db.execute("SELECT f_table_name, styleQML FROM layer_styles").fetchall())
    assert aliases["gain_population"] == "Population gagnée (estimée)"
    assert aliases["ordre_choix"] == "Ordre du choix"
    qml = ET.fromstring(styles["sites_proposes"].split("\n", 1)[1])
    assert qml.find(".//Option[@name='name']").get("value") == "square"  # type: ignore[union-attr]
    color = qml.find(".//Option[@name='color']").get("value")  # type: ignore[union-attr]
    assert color.startswith(_rgb("#fde725"))  # type: ignore[union-attr]
    assert "zones_proposees" in styles
