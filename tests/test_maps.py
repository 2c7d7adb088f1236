"""The interactive coverage map: layers, escaping, French texts, size, determinism, errors.

Layers are built by hand: squares in Lambert-93 near Toulouse (x about 574 000,
y about 6 280 000), so that every expected value is known without the coverage engine.
The map is read back from the saved HTML (the JSON handed to the map runtime), and
the browser test (test_browser.py) checks what Chromium draws of it.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

import avs_geo
from avs_geo import _i18n
from avs_geo.maps import assets, coverage_map, save_map
from avs_geo.maps._format import NBSP
from avs_geo.maps._geometry import display_geometries, unpack_ring
from avs_geo.maps.layers import expand_text
from avs_geo.maps.symbology import SCORE_COLORS

X0, Y0 = 574_000, 6_280_000
HOSTILE = "<img src=x onerror=alert(1)>"


def _box(dx: float, dy: float, size: float = 400.0) -> shapely.Polygon:
    return shapely.box(X0 + dx, Y0 + dy, X0 + dx + size, Y0 + dy + size)


@pytest.fixture
def coverage() -> gpd.GeoDataFrame:
    cov = gpd.GeoDataFrame(
        {
            "code_qpv": ["QP031001", "QP031002", "QP031003"],
            "nom_qpv": ["Bagatelle", "Empalot", HOSTILE],
            "communes": ["Toulouse", "Toulouse", "Colomiers"],
            "population": [12345.0, 3000.0, np.nan],
            "coverage_ratio": [1.0, 0.769, 0.0],
            "coverage_status": ["full", "partial", "none"],
            "structure_ids": [("CS-1",), ("CS-1", "EVS-1"), ()],
            "n_structures": [1, 2, 0],
            "covered_population": [12345.0, 2307.0, np.nan],
        },
        geometry=[_box(0, 0), _box(1000, 0), _box(2000, 0)],
        crs="EPSG:2154",
    )
    return cov


@pytest.fixture
def zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "structure_id": ["CS-1", "EVS-1"],
            "nom": ["Centre social Bagatelle", "EVS <b>Empalot</b>"],
            "type": ["centre_social", "evs"],
        },
        geometry=[_box(-100, -100, 1700), _box(1300, 0, 300)],
        crs="EPSG:2154",
    )


@pytest.fixture
def structures() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "structure_id": ["CS-1", "EVS-1"],
            "nom": ["Centre social Bagatelle", HOSTILE],
            "type": pd.array(["centre_social", "evs"], dtype="string"),
            "date_agrement": pd.to_datetime(["2020-01-01", None]),
            "date_fin": pd.to_datetime(["2024-12-31", None]),
        },
        geometry=[shapely.Point(X0 + 200, Y0 + 200), shapely.Point(X0 + 1450, Y0 + 150)],
        crs="EPSG:2154",
    )


@pytest.fixture
def communes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code_insee": ["31555", "31149"], "nom": ["Toulouse", "Colomiers & <i>co</i>"]},
        geometry=[_box(-500, -500, 2000), _box(1500, -500, 2000)],
        crs="EPSG:2154",
    )


@pytest.fixture
def candidates() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"score": [10.0, 50.0, 90.0], "rank": [3, 2, 1], "nom": ["A", "B", HOSTILE]},
        geometry=[
            shapely.Point(X0 + 2200, Y0 + 700),
            shapely.Point(X0 + 2500, Y0 + 700),
            _box(2000, 900, 100),
        ],
        crs="EPSG:2154",
    )


@pytest.fixture
def layers(
    coverage: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    structures: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    candidates: gpd.GeoDataFrame,
) -> dict[str, gpd.GeoDataFrame]:
    return {
        "coverage": coverage,
        "zones": zones,
        "structures": structures,
        "communes": communes,
        "candidates": candidates,
    }


def _html(tmp_path: Path, name: str = "carte.html", **kwargs: Any) -> str:
    path = save_map(coverage_map(**kwargs), tmp_path / name)
    return path.read_text(encoding="utf-8")


def _layers(html: str) -> dict[str, dict[str, Any]]:
    """The data and styles handed to ``AvsGeo.layer``, by layer key."""
    found = re.findall(
        r"var avs_(\w+?)_avs\d+ = AvsGeo\.\w+\(\w+,\s*(\{.*?\}), (\{.*?\}), \"", html
    )
    return {
        key: {"data": json.loads(data), "styles": json.loads(styles)} for key, data, styles in found
    }


def _props(html: str, key: str) -> list[dict[str, str]]:
    """The properties of the layer's features, their texts whole (as ``AvsGeo`` shows them)."""
    data = _layers(html)[key]["data"]
    return [
        {k: expand_text(v, data["k"]) if k in ("t", "p") else v for k, v in f["properties"].items()}
        for f in data["features"]
    ]


def _legend(html: str) -> str:
    match = re.search(r'AvsGeo\.box\(\w+, "bottomright",\s*"avs-legend", (".*?")\);', html)
    assert match
    return str(json.loads(match.group(1)))


# --- layers and contents ----------------------------------------------------------------


def test_every_layer_in_the_layer_control_in_reading_order(
    tmp_path: Path, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    html = _html(tmp_path, **layers)
    control = re.search(r"overlays :  \{(.*?)\}", html, re.DOTALL)
    assert control
    names = [json.loads(n) for n in re.findall(r'("[^"]+") :', control.group(1))]
    assert names == [
        "Quartiers prioritaires (QPV)",
        "Zones d'intervention",
        "Centres sociaux et EVS",
        "Sites candidats",
        "Communes",
    ]
    assert list(_layers(html)) == ["qpv", "zones", "structures", "candidates", "communes"]


def test_each_qpv_is_one_feature_styled_by_its_class(
    tmp_path: Path, coverage: gpd.GeoDataFrame
) -> None:
    html = _html(tmp_path, coverage=coverage)
    layer = _layers(html)["qpv"]
    assert [f["properties"]["s"] for f in layer["data"]["features"]] == ["full", "partial", "none"]
    for status, color in _i18n.STATUS_COLORS.items():
        style = layer["styles"][status]
        assert style["fillColor"] == color
        assert style["className"] == f"avs-qpv avs-qpv-{status}"


def test_qpv_tooltip_and_popup_in_french(
    tmp_path: Path,
    coverage: gpd.GeoDataFrame,
    structures: gpd.GeoDataFrame,
) -> None:
    html = _html(tmp_path, coverage=coverage, structures=structures)
    bagatelle, empalot, hostile = _props(html, "qpv")
    assert empalot["t"] == (
        f"<b>Empalot</b> (QP031002)<br>Couvert partiellement<br>Part couverte{NBSP}: 76,9{NBSP}%"
    )
    assert f"Population{NBSP}: 12{NBSP}345" in bagatelle["p"]
    assert f"Commune(s){NBSP}: Toulouse" in bagatelle["p"]
    assert f"Population couverte{NBSP}: 2{NBSP}307" in empalot["p"]
    assert f"Structures (2){NBSP}: Centre social Bagatelle{NBSP}; &lt;img src=x" in empalot["p"]
    assert f"Population{NBSP}: non connue" in hostile["p"]
    assert f"Structures (0){NBSP}: aucune" in hostile["p"]


def test_english_texts_on_request(tmp_path: Path, coverage: gpd.GeoDataFrame) -> None:
    html = _html(tmp_path, coverage=coverage, language="en")
    empalot = _props(html, "qpv")[1]
    assert empalot["t"].endswith("Partly covered<br>Share covered: 76.9%")
    assert "Population: 3,000" in empalot["p"]
    assert "QPV coverage by the AVS offer" in _legend(html)
    assert '"Priority neighbourhoods (QPV)"' in html


def test_structure_popup_names_type_dates_and_qpv_reached(
    tmp_path: Path, coverage: gpd.GeoDataFrame, structures: gpd.GeoDataFrame
) -> None:
    html = _html(tmp_path, coverage=coverage, structures=structures)
    cs, evs = _props(html, "structures")
    assert cs["s"] == "centre_social" and evs["s"] == "evs"
    assert cs["n"] == "Centre social Bagatelle"
    assert cs["p"].startswith("<b>Centre social Bagatelle</b><br>Centre social<br>")
    # date_fin is exclusive (architecture.md): shown as the day the agreement ends
    assert f"Agrément{NBSP}: depuis le 1er janvier 2020, fin le 31 décembre 2024" in cs["p"]
    assert f"QPV atteints (2){NBSP}:" in cs["p"]
    assert "<li>Bagatelle (QP031001)</li><li>Empalot (QP031002)</li>" in cs["p"]
    assert f"Agrément{NBSP}: dates non renseignées" in evs["p"]
    styles = _layers(html)["structures"]["styles"]
    assert "<circle" in styles["centre_social"]["icon"]["html"]
    assert "<polygon" in styles["evs"]["icon"]["html"]


def test_zones_and_communes_tooltips(
    tmp_path: Path,
    coverage: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
) -> None:
    html = _html(tmp_path, coverage=coverage, zones=zones, communes=communes)
    cs, evs = _props(html, "zones")
    assert cs["t"] == (f"Zone d'intervention{NBSP}: <b>Centre social Bagatelle</b> (Centre social)")
    assert evs["s"] == "evs"
    styles = _layers(html)["zones"]["styles"]
    assert styles["evs"]["fillColor"] == _i18n.TYPE_COLORS["evs"]
    assert styles["evs"]["fillOpacity"] < 0.5
    assert [p["t"] for p in _props(html, "communes")] == [
        "Toulouse (31555)",
        "Colomiers &amp; &lt;i&gt;co&lt;/i&gt; (31149)",
    ]


def test_candidates_coloured_by_score_class(
    tmp_path: Path, coverage: gpd.GeoDataFrame, candidates: gpd.GeoDataFrame
) -> None:
    html = _html(tmp_path, coverage=coverage, candidates=candidates)
    low, mid, high = _props(html, "candidates")
    assert (low["s"], mid["s"], high["s"]) == ("p0", "p2", "a4")
    styles = _layers(html)["candidates"]["styles"]
    assert styles["a4"]["fillColor"] == SCORE_COLORS[-1]
    assert SCORE_COLORS[0] in styles["p0"]["icon"]["html"]
    assert low["t"] == f"<b>Site candidat n°{NBSP}3</b><br>A<br>Score{NBSP}: 10,0"
    assert "Sites candidats (score)" in _legend(html)


def test_legend_counts_classes_and_shows_thresholds(
    tmp_path: Path, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    legend = _legend(_html(tmp_path, **layers))
    assert legend.startswith(
        '<div class="avs-legend-title">Couverture des QPV par l&#x27;offre AVS</div>'
    )
    for label in (
        f"Couvert en totalité (≥{NBSP}95{NBSP}%)",
        f"Couvert partiellement (5–95{NBSP}%)",
        f"Non couvert (≤{NBSP}5{NBSP}%)",
        "Zones d&#x27;intervention",
        "Espace de vie sociale",
        "Limites communales",
    ):
        assert label in legend
    counts = re.findall(r'<span class="avs-count">(\d+)</span>', legend)
    assert counts == ["1", "1", "1", "1", "1"]  # three classes, then one CS and one EVS


def test_legend_thresholds_are_the_arguments_checked_against_the_classes(
    coverage: gpd.GeoDataFrame,
) -> None:
    from avs_geo.maps.legend import legend_entries

    merged = pd.concat([coverage.iloc[:1], coverage.iloc[1:]])  # no metadata to lose
    labels = [e.label for e in legend_entries(merged, full_min=0.8, none_max=0.0)[0].entries]
    assert labels == [
        f"Couvert en totalité (≥{NBSP}80{NBSP}%)",
        f"Couvert partiellement (0–80{NBSP}%)",
        f"Non couvert (≤{NBSP}0{NBSP}%)",
    ]
    with pytest.raises(avs_geo.ParameterError, match=r"QP\w+ \(0.7690, partial\)"):
        legend_entries(merged, full_min=0.7)  # Empalot, 76.9 %, would be full
    by_hand = pd.DataFrame({"coverage_status": ["full"]})  # no ratio: no thresholds shown
    assert legend_entries(by_hand)[0].entries[0].label == "Couvert en totalité"


def test_title_scale_fullscreen_and_fit(tmp_path: Path, coverage: gpd.GeoDataFrame) -> None:
    html = _html(tmp_path, coverage=coverage, title="Carte <test>")
    assert re.search(r'AvsGeo\.title\(map_avs\d+, "Carte <test>"\);', html)
    assert "<title>Carte &lt;test&gt;</title>" in html
    assert "AvsGeo.scale(" in html and "AvsGeo.fullscreen(" in html
    bounds = re.search(r"map_avs\d+\.fitBounds\(\s*(\[\[.*?\]\])", html)
    assert bounds
    (south, west), (north, east) = json.loads(bounds.group(1))
    lon, lat = (
        gpd.GeoSeries([coverage.union_all()], crs=coverage.crs).to_crs(4326).total_bounds[[0, 1]]
    )
    assert south == pytest.approx(lat, abs=1e-6) and west == pytest.approx(lon, abs=1e-6)
    assert north > south and east > west
    assert "<title>" not in _html(tmp_path, "b.html", coverage=coverage, title="")


# --- escaping ------------------------------------------------------------------------------


def test_names_from_data_never_reach_the_page_as_markup(
    tmp_path: Path, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    html = _html(tmp_path, **layers)
    # the plain name of a marker is set as its title attribute (text), never as HTML
    assert _props(html, "structures")[1]["n"] == HOSTILE
    assert "<img" not in html.replace(json.dumps(HOSTILE), "")
    assert "<b>Empalot</b>" not in html.replace("<b>Empalot</b> (QP031002)", "")
    assert "EVS &lt;b&gt;Empalot&lt;/b&gt;" in html


def test_script_data_cannot_close_the_script_element(
    tmp_path: Path, coverage: gpd.GeoDataFrame
) -> None:
    hostile = coverage.assign(nom_qpv=["</script><script>alert(1)</script>", "<!--", "b"])
    html = _html(tmp_path, coverage=hostile)
    script = html[html.rindex("<script>") :]
    assert script.count("</script>") == 1
    assert "<!--" not in script


# --- offline and deterministic ---------------------------------------------------------------


def test_no_cdn_only_the_tile_template_is_remote(
    tmp_path: Path, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    html = _html(tmp_path, **layers)
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    assert "code.jquery.com" not in html and "cdn.jsdelivr.net" not in html
    # every address outside Leaflet's own code: tile template, attribution, SVG namespace
    ours = html.replace(assets.leaflet_js(), "").replace(assets.leaflet_css(), "")
    hosts = set(re.findall(r"https?://([^/\s\"'<>)\\]+)", ours))
    assert hosts == {"tile.openstreetmap.org", "www.openstreetmap.org", "www.w3.org"}
    no_tiles = _html(tmp_path, "sans_fond.html", **layers, tiles=None)
    assert "L.tileLayer" not in no_tiles


def test_leaflet_css_images_are_inlined() -> None:
    css = assets.leaflet_css()
    assert "url(images/" not in css
    assert css.count("data:image/png;base64,") == 3
    assert "sourceMappingURL" not in assets.leaflet_js()


LEAFLET = Path(avs_geo.__file__).parent / "maps" / "static" / "leaflet"
MARKERCLUSTER = LEAFLET.parent / "markercluster"


def test_leaflet_files_match_their_manifest() -> None:
    manifest = json.loads((LEAFLET / "manifest.json").read_text(encoding="utf-8"))
    kept = {p.relative_to(LEAFLET).as_posix() for p in LEAFLET.rglob("*") if p.is_file()}
    assert kept == {*manifest["sha256"], "manifest.json"}
    for name, digest in manifest["sha256"].items():
        assert hashlib.sha256((LEAFLET / name).read_bytes()).hexdigest() == digest, name
    assert manifest["integrity"].startswith("sha512-")
    version = manifest["version"]
    assert assets.leaflet_version() == version
    assert f"Leaflet {version}," in (LEAFLET / "leaflet.js").read_text(encoding="utf-8")[:200]
    licence = (LEAFLET / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("BSD 2-Clause License") and "Agafonkin" in licence
    # only the images leaflet.css names are kept (Leaflet's PNG markers are not used)
    css = (LEAFLET / "leaflet.css").read_text(encoding="utf-8")
    images = {n for n in manifest["sha256"] if n.startswith("images/")}
    assert images == set(re.findall(r"url\((images/[\w.-]+\.png)\)", css))


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"leaflet.css": "0" * 64}, r"leaflet\.css a été modifié : son sha256 diffère"),
        ({"leaflet.js": None}, r"leaflet\.js n'est pas listé dans manifest\.json"),
    ],
)
def test_leaflet_file_refused_unless_it_matches_the_manifest(
    monkeypatch: pytest.MonkeyPatch, change: dict[str, str | None], match: str
) -> None:
    manifest = json.loads((LEAFLET / "manifest.json").read_text(encoding="utf-8"))
    digests = {**manifest["sha256"], **change}
    manifest["sha256"] = {k: v for k, v in digests.items() if v is not None}
    monkeypatch.setattr(assets, "leaflet_manifest", lambda: manifest)
    with pytest.raises(avs_geo.InputFileError, match=match):
        assets._read_leaflet(next(iter(change)))
    with pytest.raises(avs_geo.InputFileError, match=r"scripts/update_leaflet\.py"):
        assets._read_leaflet(next(iter(change)))


def test_update_script_writes_the_kept_manifests(monkeypatch: pytest.MonkeyPatch) -> None:
    """scripts/update_leaflet.py (run by hand: it needs npm) wrote each manifest.json as it is."""
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "scripts" / "update_leaflet.py"
    spec = importlib.util.spec_from_file_location("update_leaflet", script)
    assert spec is not None and spec.loader is not None
    update = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "update_leaflet", update)  # for its dataclass
    spec.loader.exec_module(update)
    assert update.TARGET == LEAFLET
    assert {p.target for p in update.PACKAGES.values()} == {LEAFLET, MARKERCLUSTER}
    for package in update.PACKAGES.values():
        kept = (package.target / "manifest.json").read_text(encoding="utf-8")
        manifest = json.loads(kept)
        assert manifest["package"] == package.name
        files = {name: (package.target / name).read_bytes() for name in manifest["sha256"]}
        assert set(files) == {"LICENSE", *(name for _, name in package.files)} | {
            n for n in files if n.startswith("images/")
        }
        rewritten = update.manifest_for(
            manifest["version"], manifest["integrity"], files, package.name
        )
        assert rewritten == kept
    assert update._integrity(b"") == (
        "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
    )


def test_markercluster_files_match_their_manifest() -> None:
    manifest = json.loads((MARKERCLUSTER / "manifest.json").read_text(encoding="utf-8"))
    kept = {p.relative_to(MARKERCLUSTER).as_posix() for p in MARKERCLUSTER.rglob("*")}
    assert kept == {*manifest["sha256"], "manifest.json"}
    for name, digest in manifest["sha256"].items():
        assert hashlib.sha256((MARKERCLUSTER / name).read_bytes()).hexdigest() == digest, name
    assert (manifest["package"], manifest["license"]) == ("leaflet.markercluster", "MIT")
    licence = (MARKERCLUSTER / "LICENSE").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in licence and "David Leaver" in licence
    head = assets.inline_head()
    assert assets.markercluster_js() in head and assets.markercluster_css() in head
    assert head.index(assets.leaflet_js()) < head.index(assets.markercluster_js())


def test_markercluster_file_refused_unless_it_matches_the_manifest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    manifest = json.loads((MARKERCLUSTER / "manifest.json").read_text(encoding="utf-8"))
    manifest["sha256"]["MarkerCluster.css"] = "0" * 64
    with pytest.raises(
        avs_geo.InputFileError, match=r"markercluster/MarkerCluster\.css a été modifié"
    ):
        assets._read_vendored(assets.MARKERCLUSTER_DIR, "MarkerCluster.css", manifest)


def test_no_private_branca_attribute_is_read() -> None:
    """Element ids come from branca's public to_dict(), not from ``_id``/``_children``."""
    source = Path(avs_geo.__file__).parent
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\._(id|children)\b", text), path


def test_two_saves_are_byte_identical(tmp_path: Path, layers: dict[str, gpd.GeoDataFrame]) -> None:
    first = save_map(coverage_map(**layers), tmp_path / "a.html").read_bytes()
    second = save_map(coverage_map(**layers), tmp_path / "b.html").read_bytes()
    assert first == second
    assert not re.search(rb"_[0-9a-f]{32}\b", first)


def test_elements_added_by_the_user_get_numbered_ids(
    tmp_path: Path, coverage: gpd.GeoDataFrame
) -> None:
    def build() -> bytes:
        m = coverage_map(coverage)
        folium.FeatureGroup(name="Mon calque").add_to(m)
        return save_map(m, tmp_path / "c.html").read_bytes()

    first, second = build(), build()
    assert first == second
    assert b"feature_group_r1" in first


def test_inputs_are_not_modified(tmp_path: Path, layers: dict[str, gpd.GeoDataFrame]) -> None:
    before = {k: v.copy() for k, v in layers.items()}
    coverage_map(**layers)
    for key, frame in layers.items():
        assert_geodataframe_equal(frame, before[key])
        assert frame.crs == before[key].crs


# --- display geometries -------------------------------------------------------------------


def test_simplification_drops_vertices_but_no_qpv(tmp_path: Path) -> None:
    circle = shapely.Point(X0, Y0).buffer(300, quad_segs=256)  # 1 025 vertices, 1.8 mm apart
    tiny = _box(2000, 0, 3)  # 3 m wide: under the tolerance, still drawn
    cov = gpd.GeoDataFrame(
        {
            "code_qpv": ["QP031001", "QP031002"],
            "nom_qpv": ["Rond", "Minuscule"],
            "coverage_ratio": [0.0, 0.0],
            "coverage_status": ["none", "none"],
        },
        geometry=[circle, tiny],
        crs="EPSG:2154",
    )
    features = _layers(_html(tmp_path, coverage=cov))["qpv"]["data"]["features"]
    assert len(features) == 2
    ring = unpack_ring(features[0]["geometry"]["c"][0])
    assert 20 < len(ring) < 200
    exact = _layers(_html(tmp_path, "exact.html", coverage=cov, simplify_m=0))["qpv"]
    assert len(unpack_ring(exact["data"]["features"][0]["geometry"]["c"][0])) > 1000


def test_simplified_shape_stays_within_the_tolerance() -> None:
    circle = shapely.Point(X0, Y0).buffer(300, quad_segs=256)
    gdf = gpd.GeoDataFrame(geometry=[circle], crs="EPSG:2154")
    packed = display_geometries(gdf, tolerance_m=5, decimals=6)[0]
    assert packed is not None
    xy = unpack_ring(packed["c"][0]) / 1e6
    shown = gpd.GeoSeries([shapely.Polygon(xy)], crs=4326).to_crs(2154).iloc[0]
    assert shapely.hausdorff_distance(shown, circle) < 5.5


def test_neighbours_keep_a_common_border() -> None:
    """Two communes sharing a wiggly edge: the simplified edge is the same on both sides."""
    wiggle = [(X0 + 1000 + 0.5 * ((i % 2) * 2 - 1), Y0 + 25 * i) for i in range(41)]
    west = shapely.Polygon([(X0, Y0), *wiggle, (X0, Y0 + 1000)])
    east = shapely.Polygon([*wiggle, (X0 + 2000, Y0 + 1000), (X0 + 2000, Y0)])
    gdf = gpd.GeoDataFrame(geometry=[west, east], crs="EPSG:2154")
    assert shapely.coverage_is_valid(gdf.geometry.to_numpy())
    shown = []
    for packed in display_geometries(gdf, tolerance_m=5, decimals=6, coverage=True):
        assert packed is not None
        xy = unpack_ring(packed["c"][0])
        shown.append({tuple(p) for p in xy.tolist()})
    common = shown[0] & shown[1]
    assert len(common) >= 2
    assert len(shown[0]) < 20  # the 41-vertex wiggle was simplified


def test_a_zone_made_of_qpv_refers_to_their_polygons(tmp_path: Path) -> None:
    """A zone given by QPV codes is the union of their polygons: written once, in the QPV
    layer; the zone refers to their positions (``q``), its own polygons packed."""
    qpv = [_box(0, 0), _box(2000, 0), _box(4000, 0)]
    cov = gpd.GeoDataFrame(
        {
            "code_qpv": ["QP031001", "QP031002", "QP031003"],
            "nom_qpv": ["A", "B", "C"],
            "coverage_ratio": [1.0, 1.0, 0.0],
            "coverage_status": ["full", "full", "none"],
        },
        geometry=qpv,
        crs="EPSG:2154",
    )
    circle = shapely.Point(X0 + 9000, Y0).buffer(500)
    zones = gpd.GeoDataFrame(
        {"structure_id": ["S1", "S2"], "nom": ["Z1", "Z2"], "type": ["evs", "centre_social"]},
        geometry=[shapely.union_all([qpv[2], qpv[0]]), shapely.union_all([qpv[1], circle])],
        crs="EPSG:2154",
    )
    zone_a, zone_b = [
        f["geometry"]
        for f in _layers(_html(tmp_path, coverage=cov, zones=zones))["zones"]["data"]["features"]
    ]
    assert zone_a["type"] == "MultiPolygon" and zone_a["c"] == []
    assert sorted(zone_a["q"]) == [0, 2]
    assert zone_b["q"] == [1] and len(zone_b["c"]) == 1  # the circle, packed
    assert (
        "q"
        not in _layers(_html(tmp_path, "sans.html", coverage=cov.iloc[[0]], zones=zones))["zones"][
            "data"
        ]["features"][1]["geometry"]
    )


def test_coordinates_are_rounded(tmp_path: Path, coverage: gpd.GeoDataFrame) -> None:
    html = _html(tmp_path, coverage=coverage, decimals=4)
    data = _layers(html)["qpv"]["data"]
    assert data["scale"] == 10_000
    ring = unpack_ring(data["features"][0]["geometry"]["c"][0])
    assert ring.dtype == np.int64 and len(ring) >= 4  # integers of 1e-4 degree


# --- errors ----------------------------------------------------------------------------------


def test_not_a_geodataframe(coverage: gpd.GeoDataFrame) -> None:
    with pytest.raises(avs_geo.InputTypeError, match="'coverage' doit être un GeoDataFrame"):
        coverage_map(pd.DataFrame(coverage.drop(columns="geometry")))


def test_layers_in_different_crs(coverage: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> None:
    with pytest.raises(avs_geo.CRSError, match=r"CRS\) différents.*zones\.to_crs\(coverage\.crs\)"):
        coverage_map(coverage, zones=zones.to_crs(4326))


def test_missing_crs(coverage: gpd.GeoDataFrame) -> None:
    with pytest.raises(avs_geo.CRSError, match="'coverage' n'a pas de système de coordonnées"):
        coverage_map(coverage.set_crs(None, allow_override=True))


def test_missing_column(coverage: gpd.GeoDataFrame) -> None:
    with pytest.raises(
        avs_geo.SchemaError, match=r"Il manque à 'coverage' la ou les colonnes.*coverage_status"
    ):
        coverage_map(coverage.drop(columns="coverage_status"))


def test_unknown_status_names_the_qpv(coverage: gpd.GeoDataFrame) -> None:
    bad = coverage.assign(coverage_status=["full", "half", "none"])
    with pytest.raises(avs_geo.SchemaError, match=r"'half'.*lignes : 'QP031002'"):
        coverage_map(bad)


def test_unknown_structure_type(coverage: gpd.GeoDataFrame, structures: gpd.GeoDataFrame) -> None:
    bad = structures.assign(type=["centre_social", "CS"])
    with pytest.raises(avs_geo.SchemaError, match=r"colonne 'type' de 'structures'.*'EVS-1'"):
        coverage_map(coverage, structures=bad)


def test_structures_must_be_points(
    coverage: gpd.GeoDataFrame, structures: gpd.GeoDataFrame
) -> None:
    bad = structures.set_geometry([_box(0, 0), shapely.Point(X0, Y0)], crs=structures.crs)
    with pytest.raises(avs_geo.GeometryError, match=r"doit contenir des points.*'CS-1'"):
        coverage_map(coverage, structures=bad)


def test_empty_coverage(coverage: gpd.GeoDataFrame) -> None:
    with pytest.raises(avs_geo.GeometryError, match="aucune ligne"):
        coverage_map(coverage.iloc[:0])


def test_empty_qpv_geometry(coverage: gpd.GeoDataFrame) -> None:
    bad = coverage.set_geometry([_box(0, 0), shapely.Polygon(), _box(0, 0)], crs=coverage.crs)
    with pytest.raises(avs_geo.GeometryError, match="'QP031002'"):
        coverage_map(bad)


def test_candidates_need_a_score(coverage: gpd.GeoDataFrame, candidates: gpd.GeoDataFrame) -> None:
    with pytest.raises(
        avs_geo.SchemaError, match=r"Il manque à 'candidates' la ou les colonnes.*'score'"
    ):
        coverage_map(coverage, candidates=candidates.drop(columns="score"))


@pytest.mark.parametrize(
    ("option", "match"),
    [
        ({"simplify_m": -1}, "simplify_m"),
        ({"simplify_m": float("nan")}, "simplify_m"),
        ({"decimals": 12}, "decimals"),
        ({"language": "de"}, "language"),
    ],
)
def test_options_out_of_range(
    coverage: gpd.GeoDataFrame, option: dict[str, Any], match: str
) -> None:
    with pytest.raises(avs_geo.ParameterError, match=match):
        coverage_map(coverage, **option)


def test_save_map_checks(tmp_path: Path, coverage: gpd.GeoDataFrame) -> None:
    with pytest.raises(avs_geo.InputTypeError, match=r"folium\.Map"):
        save_map("carte", tmp_path / "a.html")  # type: ignore[arg-type]
    with pytest.raises(avs_geo.MissingFileError, match="n'existe pas"):
        save_map(coverage_map(coverage), tmp_path / "absent" / "a.html")


def test_missing_folium_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, coverage: gpd.GeoDataFrame
) -> None:
    monkeypatch.setitem(sys.modules, "folium", None)
    with pytest.raises(ImportError, match=r'pip install "avs_geo\[maps\]"'):
        coverage_map(coverage)


def test_import_avs_geo_does_not_need_the_maps_extra() -> None:
    import subprocess

    code = (
        "import sys\n"
        "for name in ('folium', 'branca', 'matplotlib'):\n"
        "    sys.modules[name] = None\n"
        "import avs_geo\n"
        "assert callable(avs_geo.coverage_map)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


# --- one page per department -----------------------------------------------------------


def test_map_pages_one_per_department_and_an_index(
    tmp_path: Path, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    from avs_geo.maps import save_map_pages

    coverage = layers["coverage"].assign(departement=["31", "31", "32"])
    outline = layers["communes"].assign(departement=["31", "32"])
    pages = save_map_pages(
        coverage,
        tmp_path,
        zones=layers["zones"],
        structures=layers["structures"],
        outline=outline,
        date="2022-12-31",
    )
    assert {k: p.name for k, p in pages.items()} == {
        "index": "index.html",
        "31": "departement_31.html",
        "32": "departement_32.html",
    }
    index = pages["index"].read_text(encoding="utf-8")
    assert list(_layers(index)) == ["qpv", "structures"]  # no zones on the index page
    assert len(_props(index, "qpv")) == 3
    assert '<a href=\\"departement_31.html\\">31<\\/a> (2)' in index
    assert '<a href=\\"departement_32.html\\">32<\\/a> (1)' in index
    toulouse = pages["31"].read_text(encoding="utf-8")
    assert [p["t"].split("(")[1][:8] for p in _props(toulouse, "qpv")] == ["QP031001", "QP031002"]
    # the zones reaching its QPV (both), the structures of these zones
    assert [p["t"].split("<b>")[1].split("</b>")[0] for p in _props(toulouse, "zones")] == [
        "Centre social Bagatelle",
        "EVS &lt;b&gt;Empalot&lt;/b&gt;",
    ]
    assert len(_props(toulouse, "structures")) == 2
    assert "du département 31" in toulouse and "au 31 décembre 2022" in toulouse
    assert '<a href=\\"index.html\\">Carte d' in toulouse
    gers = pages["32"].read_text(encoding="utf-8")
    assert len(_props(gers, "qpv")) == 1 and "zones" not in _layers(gers)
    assert len(re.findall(r"AvsGeo\.outline\(", gers)) == 1


def test_map_pages_need_the_split_column(tmp_path: Path, coverage: gpd.GeoDataFrame) -> None:
    from avs_geo.maps import save_map_pages

    with pytest.raises(avs_geo.ParameterError, match="pas de colonne 'departement'"):
        save_map_pages(coverage, tmp_path)
    with pytest.raises(avs_geo.MissingFileError, match="n'existe pas"):
        save_map_pages(coverage.assign(departement="31"), tmp_path / "absent")


# --- readable at every scale ----------------------------------------------------------------


def test_qpv_dots_and_clusters_below_the_zoom_of_the_shapes(
    tmp_path: Path, coverage: gpd.GeoDataFrame, structures: gpd.GeoDataFrame
) -> None:
    html = _html(tmp_path, coverage=coverage, structures=structures)
    # 400 m squares at 43.6° N: 10 px wide from zoom 12 (10 × 156 543 × cos φ / 400 = 2 834)
    assert re.search(r"var avs_qpv_avs\d+ = AvsGeo\.qpvLayer\(.*?, 430, 12, \{", html, re.DOTALL)
    assert re.search(
        r"var avs_structures_avs\d+ = AvsGeo\.clusterLayer\(.*?, 450, 12, ", html, re.DOTALL
    )
    assert '"{n} structures (centres sociaux et EVS)"' in html
    layer = _layers(html)["qpv"]
    for feature, square in zip(layer["data"]["features"], coverage.geometry, strict=True):
        lon, lat = (v / layer["data"]["scale"] for v in feature["d"])
        dot = gpd.GeoSeries.from_xy([lon], [lat], crs=4326).to_crs(coverage.crs).iloc[0]
        assert square.buffer(2).contains(dot)  # inside its QPV, to the rounding
    dots = re.search(r"AvsGeo\.qpvLayer\(.*?, 430, 12, (\{.*?\}\})\);", html, re.DOTALL)
    assert dots
    styles = json.loads(dots.group(1))
    assert styles["partial"]["fillColor"] == _i18n.STATUS_COLORS["partial"]
    assert styles["partial"]["className"] == "avs-qpv-dot avs-qpv-dot-partial"


def test_dot_zoom_follows_the_size_of_the_qpv() -> None:
    from avs_geo.maps._geometry import dot_zoom

    def squares(side: float) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame(geometry=[_box(0, 0, side), _box(5000, 0, side)], crs=2154)

    assert dot_zoom(squares(400)) == 12
    assert dot_zoom(squares(1600)) == 10  # four times wider: two zooms less
    assert dot_zoom(squares(100)) == 14


def test_title_with_territory_and_date(tmp_path: Path, coverage: gpd.GeoDataFrame) -> None:
    html = _html(tmp_path, coverage=coverage, date="31/12/2022", territory="du Nord")
    title = (
        "Couverture des quartiers prioritaires du Nord par l'offre d'animation de la vie "
        "sociale au 31 décembre 2022"
    )
    assert re.search(rf'AvsGeo\.title\(map_avs\d+, "{title}"\);', html)
    english = _html(tmp_path, "en.html", coverage=coverage, date="2022-12-31", language="en")
    assert "social-life offer on 31 December 2022" in english
    assert "Mon titre" in _html(
        tmp_path, "t.html", coverage=coverage, title="Mon titre", date="2022-12-31"
    )


def test_outline_merged_per_department(
    tmp_path: Path, coverage: gpd.GeoDataFrame, communes: gpd.GeoDataFrame
) -> None:
    halves = communes.assign(departement=["31", "31"])
    html = _html(tmp_path, coverage=coverage, outline=halves)
    found = re.search(r"AvsGeo\.outline\(\w+, (\{.*?\}), (\{.*?\})\);", html)
    assert found
    data, style = json.loads(found.group(1)), json.loads(found.group(2))
    assert len(data["features"]) == 1  # the two communes of 31: one outline
    assert style["className"] == "avs-outline" and style["fill"] is False
    two = _html(
        tmp_path, "b.html", coverage=coverage, outline=communes.assign(departement=["31", "32"])
    )
    found = re.search(r"AvsGeo\.outline\(\w+, (\{.*?\}), ", two)
    assert found and len(json.loads(found.group(1))["features"]) == 2
    with pytest.raises(avs_geo.CRSError, match="outline"):
        coverage_map(coverage, outline=communes.to_crs(4326))


# --- white zones and territories (issue 12) -------------------------------------------------


def test_white_zone_communes_and_territory_outlines(
    tmp_path: Path, coverage: gpd.GeoDataFrame, communes: gpd.GeoDataFrame
) -> None:
    white = communes.assign(no_offer=[False, True], population=[500_000.0, float("nan")])
    territories = communes.assign(territoire=["Métropole", "Métropole"])
    html = _html(tmp_path, coverage=coverage, white_zones=white, territories=territories)
    # only the commune no zone reaches is drawn, filled, with its name escaped
    (tip,) = [p["t"] for p in _props(html, "white_zones")]
    assert tip.startswith("<b>Colomiers &amp; &lt;i&gt;co&lt;/i&gt; (31149)</b>")
    assert "Commune sans offre AVS (aucune zone d&#x27;intervention ne l&#x27;atteint)" in tip
    assert f"Population{NBSP}: non connue" in tip
    style = _layers(html)["white_zones"]["styles"]["w"]
    assert style["fillColor"] == _i18n.NO_OFFER_COLOR
    # the two communes of one territory make one outline, named on hover
    assert [p["t"] for p in _props(html, "territories")] == ["<b>Métropole</b>"]
    assert _layers(html)["territories"]["styles"]["t"]["fill"] is False
    legend = _legend(html)
    assert "Commune sans offre AVS" in legend and "Limites des territoires" in legend
    control = re.search(r"overlays :  \{(.*?)\}", html, re.DOTALL)
    assert control and "Communes sans offre AVS" in control.group(1)
    assert "Territoires" in control.group(1)


def test_white_zones_need_the_commune_coverage(
    tmp_path: Path, coverage: gpd.GeoDataFrame, communes: gpd.GeoDataFrame
) -> None:
    with pytest.raises(avs_geo.SchemaError, match="no_offer"):
        coverage_map(coverage, white_zones=communes)
    with pytest.raises(avs_geo.SchemaError, match="territoire"):
        coverage_map(coverage, territories=communes)


def test_many_white_zone_communes_are_merged_per_epci(
    tmp_path: Path,
    coverage: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from avs_geo.maps import layers

    monkeypatch.setattr(layers, "MAX_WHITE_COMMUNES", 1)
    white = communes.assign(
        no_offer=[True, True], population=[1000.0, 234.0], epci_nom=["Toulouse Métropole"] * 2
    )
    html = _html(tmp_path, coverage=coverage, white_zones=white)
    (tip,) = [p["t"] for p in _props(html, "white_zones")]
    assert tip.startswith("<b>Toulouse Métropole</b><br>Commune sans offre AVS")
    assert f"2 commune(s) sans offre<br>Population{NBSP}: 1{NBSP}234" in tip
