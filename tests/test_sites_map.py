"""The map of a site proposal (avs_geo.maps.sites_map), read back from its HTML.

Three QPV squares near Toulouse; two sites: site 1 covers QPV B (none -> full), site 2
the part of QPV C (none -> partial). What the browser draws of it is in
test_browser.py (test_sites_map_in_chromium).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely

from avs_geo import SchemaError, sites_map
from avs_geo.errors import GeometryError
from avs_geo.maps import save_map
from avs_geo.maps.sitesmap import LEGEND_SITE_ROWS

X0, Y0 = 574_000, 6_280_000


def _box(dx: float, size: float = 400.0) -> shapely.Polygon:
    return shapely.box(X0 + dx, Y0, X0 + dx + size, Y0 + size)


def _coverage(statuses: list[str], ratios: list[float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "code_qpv": ["QP031001", "QP031002", "QP031003"],
            "nom_qpv": ["Bagatelle", "Empalot", "Bellefontaine"],
            "coverage_ratio": ratios,
            "coverage_status": statuses,
        },
        geometry=[_box(0), _box(1000), _box(2000)],
        crs="EPSG:2154",
    )


@pytest.fixture
def before() -> gpd.GeoDataFrame:
    return _coverage(["full", "none", "none"], [1.0, 0.0, 0.0])


@pytest.fixture
def after() -> gpd.GeoDataFrame:
    return _coverage(["full", "full", "partial"], [1.0, 1.0, 0.5])


@pytest.fixture
def sites() -> gpd.GeoDataFrame:
    # given in the wrong order: the map sorts by rank
    return gpd.GeoDataFrame(
        {
            "rank": [2, 1],
            "candidat_id": ["C-7", "C-3"],
            "nom": ["Local <b>Bellefontaine</b>", "Maison Empalot"],
            "gain_population": [1500.0, 2345.0],
            "qpv_reached": [("QP031003",), ("QP031002",)],
            "dist_structure_m": [2260.0, np.nan],
            "nearest_structure_id": ["CS-1", None],
        },
        geometry=[shapely.Point(X0 + 2200, Y0 + 200), shapely.Point(X0 + 1200, Y0 + 200)],
        crs="EPSG:2154",
    )


@pytest.fixture
def structures() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"structure_id": ["CS-1"], "nom": ["Centre social Bagatelle"], "type": ["centre_social"]},
        geometry=[shapely.Point(X0 + 200, Y0 + 200)],
        crs="EPSG:2154",
    )


def _layers(html: str) -> dict[str, dict[str, Any]]:
    found = re.findall(r"var avs_(\w+?)_avs\d+ = AvsGeo\.\w+\(\w+,\s*(\{.*?\}), (\{.*?\}), ", html)
    return {key: {"data": json.loads(d), "styles": json.loads(s)} for key, d, s in found}


def _legend(html: str) -> str:
    found = re.search(r'AvsGeo\.box\(\w+, "bottomright",\s*"avs-legend", (".*?")\);', html, re.S)
    assert found is not None
    return html_lib.unescape(json.loads(found.group(1)))


def _html(tmp_path: Path, *args: Any, **kwargs: Any) -> str:
    kwargs.setdefault("tiles", None)
    path = save_map(sites_map(*args, **kwargs), tmp_path / "carte_sites.html")
    return path.read_text(encoding="utf-8")


def test_sites_are_numbered_in_pick_order_with_a_popup_each(
    tmp_path: Path,
    before: gpd.GeoDataFrame,
    after: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    structures: gpd.GeoDataFrame,
) -> None:
    html = _html(tmp_path, before, after, sites, structures=structures)
    layer = _layers(html)["sites"]
    features = layer["data"]["features"]
    assert [f["properties"]["n"] for f in features] == [
        "1. Maison Empalot",
        "2. Local <b>Bellefontaine</b>",  # a marker title is set as text, not parsed
    ]
    assert [layer["styles"][f["properties"]["s"]]["icon"]["html"] for f in features] == [
        "<span>1</span>",
        "<span>2</span>",
    ]
    first, second = (f["properties"]["p"] for f in features)
    nbsp = "\u00a0"
    assert f"<b>Site n°{nbsp}1{nbsp}:</b> Maison Empalot" in first
    assert f"Population gagnée{nbsp}: 2{nbsp}345{nbsp}habitants" in first
    assert f"QPV atteints (1){nbsp}:<ul" in first and "<li>Empalot (QP031002)</li>" in first
    assert f"Structure existante la plus proche{nbsp}: aucune" in first
    assert "Local &lt;b&gt;Bellefontaine&lt;/b&gt;" in second and "<b>Bell" not in second
    assert f"2,3{nbsp}km (Centre social Bagatelle)" in second


def test_qpv_after_shown_before_switchable(
    tmp_path: Path, before: gpd.GeoDataFrame, after: gpd.GeoDataFrame, sites: gpd.GeoDataFrame
) -> None:
    html = _html(tmp_path, before, after, sites)
    layers = _layers(html)
    styles = {
        key: [f["properties"]["s"] for f in layers[key]["data"]["features"]]
        for key in ("qpv_before", "qpv_after")
    }
    assert styles == {
        "qpv_before": ["full", "none", "none"],
        "qpv_after": ["full", "full", "partial"],
    }
    # only the "after" layer is added at the opening; the switch names both layers
    added = re.findall(r"(avs_qpv_\w+?_avs\d+)\.addTo\(", html)
    assert [a.split("_avs")[0] for a in added] == ["avs_qpv_after"]
    assert re.search(r"AvsGeo\.toggle\(\w+, avs_qpv_before_avs\d+,\s*avs_qpv_after_avs\d+", html)
    assert '"before":"Avant"' in html and '"after":"Après"' in html


def test_legend_counts_before_and_after_and_lists_each_site(
    tmp_path: Path, before: gpd.GeoDataFrame, after: gpd.GeoDataFrame, sites: gpd.GeoDataFrame
) -> None:
    html = _html(tmp_path, before, after, sites, site_zones=_zones(sites))
    legend = _legend(html)
    counts = re.findall(r'<span class="avs-count">(.*?)</span>', legend)
    assert counts[:3] == ["1 → 2", "0 → 1", "2 → 0"]
    keys = re.findall(r'<span class="avs-site-key">(.*?)</span>', legend)
    assert keys == ["1", "2"]
    assert "Maison Empalot (+2\u00a0345\u00a0hab.)" in legend
    assert "Zone d'un site proposé" in legend
    assert "Sites proposés (2) et couverture des quartiers prioritaires" in html


def test_legend_of_many_sites_is_one_row(
    tmp_path: Path, before: gpd.GeoDataFrame, after: gpd.GeoDataFrame
) -> None:
    n = LEGEND_SITE_ROWS + 2
    many = gpd.GeoDataFrame(
        {"rank": range(1, n + 1)},
        geometry=[shapely.Point(X0 + 100 * i, Y0 - 500) for i in range(n)],
        crs="EPSG:2154",
    )
    html = _html(tmp_path, before, after, many)
    assert len(_layers(html)["sites"]["data"]["features"]) == n
    legend = _legend(html)
    assert legend.count("avs-site-key") == 1
    assert f"n°\u00a01 à n°\u00a0{n}" in legend


def _zones(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"structure_id": ["CAND:C-7", "CAND:C-3"], "nom": list(sites["nom"]), "type": "evs"},
        geometry=sites.buffer(300).to_numpy(),
        crs=sites.crs,
    )


def test_site_zones_are_drawn(
    tmp_path: Path, before: gpd.GeoDataFrame, after: gpd.GeoDataFrame, sites: gpd.GeoDataFrame
) -> None:
    html = _html(tmp_path, before, after, sites, site_zones=_zones(sites))
    zones = _layers(html)["site_zones"]["data"]["features"]
    assert len(zones) == 2
    assert "Zone proposée" in zones[1]["properties"]["t"]


def test_before_and_after_must_hold_the_same_qpv(
    before: gpd.GeoDataFrame, after: gpd.GeoDataFrame, sites: gpd.GeoDataFrame
) -> None:
    with pytest.raises(SchemaError, match=r"pas sur les mêmes QPV.*seulement avant 'QP031003'"):
        sites_map(before, after.iloc[:2], sites)


def test_sites_need_distinct_ranks_and_a_location(
    before: gpd.GeoDataFrame, after: gpd.GeoDataFrame, sites: gpd.GeoDataFrame
) -> None:
    with pytest.raises(SchemaError, match=r"pas de colonne 'rank'.*SiteSelection\.sites"):
        sites_map(before, after, sites.drop(columns="rank"))
    with pytest.raises(SchemaError, match=r"rangs manquants ou répétés aux lignes '0', '1'"):
        sites_map(before, after, sites.assign(rank=1))
    lost = sites.copy()
    lost.loc[0, "geometry"] = None
    with pytest.raises(GeometryError, match=r"sans localisation : 'C-7'"):
        sites_map(before, after, lost)


def test_sites_job_writes_a_styled_geopackage_of_the_proposal(tmp_path: Path) -> None:
    import sqlite3
    import warnings

    import pyogrio

    import avs_geo
    from avs_geo.datasets import get_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        run = avs_geo.run_sites(
            tmp_path,
            candidates=get_path("candidats_exemple_occitanie"),
            k=3,
            structures=get_path("structures_exemple_occitanie"),
            perimeters=get_path("zones_exemple_occitanie"),
            date="2022-12-31",
            maps=False,
        )
    path = run.files["geopackage"]
    assert [n for n, _ in pyogrio.list_layers(path)] == [
        "qpv_couverture",
        "zones",
        "structures",
        "sites_candidats",
        "zones_proposees",
        "sites_proposes",
        "layer_styles",
    ]
    proposed = gpd.read_file(path, layer="sites_proposes")
    assert proposed["candidat_id"].tolist() == list(run.selection.chosen)
    assert proposed["ordre_choix"].tolist() == [1, 2, 3]
    assert len(gpd.read_file(path, layer="sites_candidats")) == len(run.scores)
    qpv = gpd.read_file(path, layer="qpv_couverture")
    assert qpv["coverage_status"].value_counts().to_dict() == (
        run.with_sites["coverage_status"].value_counts().to_dict()
    )
    with sqlite3.connect(path) as db:
        n_styles = db.execute("SELECT COUNT(*) FROM layer_styles").fetchone()[0]
    assert n_styles == 6


def test_a_polygon_site_is_marked_at_a_point_inside(
    tmp_path: Path, before: gpd.GeoDataFrame, after: gpd.GeoDataFrame
) -> None:
    square = shapely.box(X0 + 1000, Y0, X0 + 1400, Y0 + 400)  # a site given by its commune
    site = gpd.GeoDataFrame({"rank": [1]}, geometry=[square], crs="EPSG:2154")
    html = _html(tmp_path, before, after, site)
    (feature,) = _layers(html)["sites"]["data"]["features"]
    lon, lat = (v / 1e5 for v in feature["geometry"]["c"])
    point = gpd.GeoSeries.from_xy([lon], [lat], crs=4326).to_crs(2154).iloc[0]
    assert point.within(square.buffer(1))
