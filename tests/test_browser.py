"""The Occitanie demo map in a real browser (headless Chromium), and its size.

The demo runs the real pipeline on the embedded data (load_qpv, load_communes,
load_structures, build_zones, compute_coverage, sites.score_sites) with the example
network of Occitanie at 31 Dec 2022, plus one structure and one candidate site whose
names are XSS payloads. The browser test opens the saved file from a file:// URL with every
non-file request aborted (no tiles, no network), as on a locked-down office machine.

Chromium comes from Debian's ``chromium`` package (``make chromium``), driven by
Playwright's Python package with ``executable_path``; no browser is downloaded. When
it is missing the test fails on CI (``CI`` set) and is skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from benchmarks._browser import CHROMIUM, offline_page

import avs_geo
from avs_geo.datasets import get_path
from avs_geo.maps import coverage_map, save_map
from avs_geo.maps.layers import expand_text
from avs_geo.sites import score_sites

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_FLAG_NAME = '<img src=x onerror="window.__avsXss=1">'
SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "img" / "carte_demo.png"
AT = "2022-12-31"


def build_demo() -> dict[str, gpd.GeoDataFrame]:
    """The layers of the Occitanie demo map (EPSG:2154)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        qpv = avs_geo.load_qpv()
    communes = avs_geo.load_communes()
    structures = avs_geo.load_structures(
        get_path("structures_exemple_occitanie"),
        perimeters=get_path("zones_exemple_occitanie"),
        communes=communes,
        qpv=qpv,
    )
    structures = _with_hostile_structure(structures)
    zones = avs_geo.build_zones(structures, communes=communes, qpv=qpv, at=AT)
    coverage = avs_geo.compute_coverage(qpv, zones)
    active = structures[structures["structure_id"].isin(zones["structure_id"])]
    shown = shapely.union_all(list(coverage.geometry) + list(zones.geometry))
    return {
        "coverage": coverage,
        "zones": zones,
        "structures": active,
        "communes": communes[communes.intersects(shown)],
        "candidates": _candidates(coverage, zones, active),
    }


def _with_hostile_structure(structures: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """An EVS named with an XSS payload, 300 m around a point of Toulouse-Bellefontaine."""
    row = structures.iloc[[0]].copy()
    row["structure_id"] = "XSS-01"
    row["nom"] = HOSTILE_NAME
    row["type"] = "evs"
    row["zone_communes"] = [()]
    row["zone_qpv"] = [()]
    row["zone_rayon_m"] = 300.0
    row["zone_polygon"] = gpd.GeoSeries([None], index=row.index, crs=structures.crs)
    row["date_agrement"] = pd.Timestamp("2021-01-01")
    row["date_fin"] = pd.NaT
    point = gpd.GeoSeries.from_xy([1.3985], [43.5665], crs="EPSG:4326").to_crs(structures.crs)
    row = row.set_geometry(gpd.GeoSeries(point.to_numpy(), index=row.index, crs=structures.crs))
    return pd.concat([structures, row], ignore_index=True)


def _candidates(
    coverage: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, structures: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """The example candidate sites scored by avs_geo.sites; one named with a payload."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)  # sites that add nothing
        sites = score_sites(
            get_path("candidats_exemple_occitanie"), coverage, zones=zones, structures=structures
        )
    sites.loc[sites.index[0], "nom"] = HOSTILE_FLAG_NAME
    return sites


@pytest.fixture(scope="module")
def demo() -> dict[str, gpd.GeoDataFrame]:
    return build_demo()


@pytest.fixture(scope="module")
def demo_html(demo: dict[str, gpd.GeoDataFrame], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("carte") / "carte_demo.html"
    return save_map(coverage_map(**demo), path)


def explore_html(demo: dict[str, gpd.GeoDataFrame], path: Path) -> Path:
    """``GeoDataFrame.explore()`` of the same layers, in one map with a layer control."""
    import folium

    m = demo["coverage"].explore(column="coverage_status", name="QPV")
    demo["zones"].explore(m=m, column="type", name="Zones")
    demo["structures"].drop(columns=["zone_polygon"]).explore(m=m, name="Structures")
    demo["communes"].explore(m=m, name="Communes", style_kwds={"fill": False})
    demo["candidates"].explore(m=m, column="score", name="Sites")
    folium.LayerControl().add_to(m)
    m.save(path)
    return path


# --- size -----------------------------------------------------------------------------


def test_demo_map_is_at_most_half_the_size_of_explore(
    demo: dict[str, gpd.GeoDataFrame], demo_html: Path, tmp_path: Path
) -> None:
    ours = demo_html.stat().st_size
    theirs = explore_html(demo, tmp_path / "explore.html").stat().st_size
    assert ours <= theirs / 2, (ours, theirs)


def test_demo_map_has_no_network_dependency_but_tiles(demo_html: Path) -> None:
    html = demo_html.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*(?!['\"]?(?:data:|#))", html)
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html


def test_demo_map_holds_every_qpv_zone_and_structure(
    demo: dict[str, gpd.GeoDataFrame], demo_html: Path
) -> None:
    html = demo_html.read_text(encoding="utf-8")
    layers = _layer_data(html)
    qpv_codes = re.findall(r"\((QP\d{3}\d{3})\)", "".join(p["t"] for p in layers["qpv"]))
    assert qpv_codes == list(demo["coverage"]["code_qpv"])
    assert len(layers["zones"]) == len(demo["zones"])
    assert len(layers["structures"]) == len(demo["structures"])
    assert len(layers["candidates"]) == len(demo["candidates"])


def _layer_data(html: str) -> dict[str, list[dict[str, Any]]]:
    """The properties of each layer's features, their texts whole."""
    found = re.findall(r"var avs_(\w+?)_avs\d+ = AvsGeo\.\w+\(\w+,\s*(\{.*?\}), \{", html)
    out = {}
    for key, text in found:
        data = json.loads(text)
        out[key] = [
            {
                k: expand_text(v, data["k"]) if k in ("t", "p") else v
                for k, v in f["properties"].items()
            }
            for f in data["features"]
        ]
    return out


# --- browser --------------------------------------------------------------------------


def _require_chromium() -> None:
    message = (
        f"headless Chromium is needed at {CHROMIUM} with Playwright's Python package; "
        "install it with `make chromium` (Debian package `chromium`)"
    )
    missing = not CHROMIUM.exists()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = True
    if missing:
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _is_network_noise(text: str) -> bool:
    """A failed resource load (the aborted tiles) is a console error, not a page error."""
    return "Failed to load resource" in text or "net::ERR_" in text


@pytest.mark.browser
def test_demo_map_in_chromium(
    demo: dict[str, gpd.GeoDataFrame], demo_html: Path, tmp_path: Path
) -> None:
    _require_chromium()

    errors: list[str] = []
    dialogs: list[str] = []
    with offline_page(errors) as page:
        page.on(
            "console",
            lambda msg: (
                errors.append(f"console: {msg.text}")
                if msg.type == "error" and not _is_network_noise(msg.text)
                else None
            ),
        )

        def on_dialog(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(demo_html.as_uri())

        # the opening view (the region): one dot per QPV, in its class, in view and
        # above the structure markers; the structures grouped in clusters
        coverage = demo["coverage"]
        page.wait_for_selector("path.avs-qpv-dot", state="attached")
        assert _visible(page, "path.avs-qpv-dot") == len(coverage)
        for status, n in coverage["coverage_status"].value_counts().items():
            assert page.locator(f"path.avs-qpv-dot-{status}").count() == n
        assert page.locator("path.avs-qpv").count() == 0
        assert page.locator("path.avs-zone").count() == 0  # from the shapes' zoom on
        assert _clustered_structures(page) == len(demo["structures"])
        assert page.locator(".avs-cluster").count() > 0
        panes = page.evaluate(
            """() => ["avs-qpv-dots", "marker"].map((k) => Number(
                getComputedStyle(document.querySelector(`.leaflet-${k}-pane`)).zIndex))"""
        )
        assert panes[0] > panes[1]
        assert page.locator("path.avs-outline").count() == 0  # no outline given here

        # zoomed in to the zoom of the shapes: one drawn shape per QPV, per class
        _zoom_to_shapes(page)
        assert page.locator("path.avs-qpv").count() == len(coverage)
        assert page.locator("path.avs-qpv-dot").count() == 0
        for status, n in coverage["coverage_status"].value_counts().items():
            assert page.locator(f"path.avs-qpv-{status}").count() == n
        assert page.locator("path.avs-zone").count() == len(demo["zones"])
        assert page.locator("path.avs-commune").count() == len(demo["communes"])

        # legend, title, scale bar, fullscreen button
        legend = page.locator(".avs-legend").inner_text()
        assert "Couverture des QPV par l'offre AVS" in legend
        for label in ("Couvert en totalité", "Couvert partiellement", "Non couvert"):
            assert label in legend
        assert "Centre social" in legend and "Espace de vie sociale" in legend
        assert page.locator(".avs-title").inner_text().startswith("Couverture des quartiers")
        assert page.locator(".leaflet-control-scale-line").count() == 1
        assert page.locator(".avs-fullscreen a").count() == 1

        # the layer control switches the zones off and on again
        zones_box = page.locator(
            ".leaflet-control-layers-overlays label", has_text="Zones d'intervention"
        ).locator("input")
        zones_box.uncheck()
        assert page.locator("path.avs-zone").count() == 0
        zones_box.check()
        # back, and still under the QPV (each kind of shape has its own pane)
        assert page.locator(".leaflet-avs-zones-pane path.avs-zone").count() == len(demo["zones"])
        z_index = page.evaluate(
            """() => ["zones", "qpv"].map((k) => Number(
                document.querySelector(`.leaflet-avs-${k}-pane`).style.zIndex))"""
        )
        assert z_index[0] < z_index[1]

        # every tooltip and popup goes through the DOM: no payload may run
        page.evaluate(
            """() => {
                const map = Object.values(window).find((v) => v instanceof L.Map);
                // a popup pans the map, and the clusters then take some markers
                // off it: each layer is listed first, opened only while on the map
                const shown = [];
                map.eachLayer((layer) => { shown.push(layer); });
                shown.forEach((layer) => {
                    if (map.hasLayer(layer) && layer.getTooltip && layer.getTooltip()) {
                        layer.openTooltip();
                    }
                });
                shown.forEach((layer) => {
                    if (map.hasLayer(layer) && layer.getPopup && layer.getPopup()) {
                        layer.openPopup();
                    }
                });
                map.closePopup();
            }"""
        )
        page.evaluate(
            """() => Object.values(window).find((v) => v instanceof L.Map)
                .setView([43.5665, 1.3985], 15, { animate: false })"""
        )
        page.locator(f'.avs-structure[title="{HOSTILE_NAME}"]').click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert HOSTILE_NAME in popup.inner_text()
        assert popup.locator("img").count() == 0
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__avsXss") is None
        assert dialogs == []

        page.screenshot(path=str(tmp_path / "carte_region.png"))
        _screenshot_toulouse(page, tmp_path / "carte_demo.png")
        if os.environ.get("AVS_GEO_WRITE_SCREENSHOT"):
            _write_illustration(tmp_path / "carte_demo.png", SCREENSHOT)
    assert errors == []


def _map_js(body: str) -> str:
    return (
        "() => { const map = Object.values(window).find((v) => v instanceof L.Map); " + body + " }"
    )


def _visible(page: Any, selector: str) -> int:
    """How many elements matching ``selector`` are drawn inside the window, not empty."""
    return int(
        page.evaluate(
            """(selector) => Array.from(document.querySelectorAll(selector)).filter((e) => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
                    && r.left < window.innerWidth && r.top < window.innerHeight;
            }).length""",
            selector,
        )
    )


def _clustered_structures(page: Any) -> int:
    """Structures at the current view: single markers plus the numbers of the clusters."""
    page.wait_for_function("() => !document.querySelector('.leaflet-cluster-anim')")
    page.wait_for_timeout(300)
    clusters = page.locator(".avs-cluster").all_inner_texts()
    return page.locator(".avs-structure").count() + sum(int(t) for t in clusters)


def _zoom_to_shapes(page: Any, center: tuple[float, float] | None = None) -> None:
    """Zoom to the first zoom of the QPV shapes (at ``center``, else where the map is)."""
    where = f"[{center[0]}, {center[1]}]" if center else "map.getCenter()"
    page.evaluate(
        _map_js(
            "let z = 0; map.eachLayer((l) => { if (l.dotZoom) { z = l.dotZoom; } });"
            f"map.setView({where}, z, {{ animate: false }});"
        )
    )
    page.wait_for_timeout(200)


def _write_illustration(source: Path, target: Path) -> None:
    """The README picture in 256 colours: a third of the size, the same colours."""
    from PIL import Image

    with Image.open(source) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(
            target, optimize=True
        )


def _screenshot_toulouse(page: Any, path: Path) -> None:
    """The README illustration: Toulouse, where QPV, zones, structures and sites meet."""
    page.evaluate(
        """() => {
            const map = Object.values(window).find((v) => v instanceof L.Map);
            map.closePopup();
            map.eachLayer((layer) => { if (layer.closeTooltip) { layer.closeTooltip(); } });
            map.setView([43.585, 1.425], 13, { animate: false });
            if (document.activeElement) { document.activeElement.blur(); }
        }"""
    )
    page.mouse.move(5, 795)
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))


# --- a national map ---------------------------------------------------------------------

N_NATIONAL_QPV = 1_600
N_NATIONAL_STRUCTURES = 3_900


def national_case() -> dict[str, gpd.GeoDataFrame]:
    """1,600 QPV squares (300-700 m) spread over metropolitan France, 3,900 structures
    near them, a zone of 800 m around one structure in four (Lambert-93)."""
    import numpy as np

    rng = np.random.default_rng(14)
    x = rng.uniform(200_000, 1_050_000, N_NATIONAL_QPV)
    y = rng.uniform(6_200_000, 7_050_000, N_NATIONAL_QPV)
    side = rng.uniform(300, 700, N_NATIONAL_QPV)
    statuses = rng.choice(["full", "partial", "none"], N_NATIONAL_QPV, p=[0.5, 0.2, 0.3])
    ratio = np.where(statuses == "full", 1.0, np.where(statuses == "none", 0.0, 0.5))
    coverage = gpd.GeoDataFrame(
        {
            "code_qpv": [f"QN{i:06d}" for i in range(N_NATIONAL_QPV)],
            "nom_qpv": [f"Quartier {i}" for i in range(N_NATIONAL_QPV)],
            "coverage_ratio": ratio,
            "coverage_status": statuses,
        },
        geometry=shapely.box(x, y, x + side, y + side),
        crs="EPSG:2154",
    )
    near = rng.integers(0, N_NATIONAL_QPV, N_NATIONAL_STRUCTURES)
    points = shapely.points(
        x[near] + rng.normal(0, 600, near.size), y[near] + rng.normal(0, 600, near.size)
    )
    structures = gpd.GeoDataFrame(
        {
            "structure_id": [f"S{i:05d}" for i in range(N_NATIONAL_STRUCTURES)],
            "nom": [f"Structure {i}" for i in range(N_NATIONAL_STRUCTURES)],
            "type": np.where(rng.random(N_NATIONAL_STRUCTURES) < 0.6, "centre_social", "evs"),
        },
        geometry=points,
        crs="EPSG:2154",
    )
    zones = structures.iloc[::4].copy()
    zones = zones.set_geometry(zones.buffer(800))
    return {"coverage": coverage, "structures": structures, "zones": zones}


@pytest.mark.browser
def test_national_map_shows_every_qpv_at_the_opening_view(
    tmp_path: Path, record_property: Any
) -> None:
    _require_chromium()
    import time

    case = national_case()
    html = save_map(coverage_map(**case, tiles=None), tmp_path / "carte_nationale.html")
    size = html.stat().st_size
    errors: list[str] = []
    with offline_page(errors) as page:
        start = time.perf_counter()
        page.goto(html.as_uri())
        page.wait_for_selector("path.avs-qpv-dot", state="attached")
        load_s = time.perf_counter() - start
        record_property("national_map_bytes", size)  # reported in the junit XML
        record_property("national_map_load_s", round(load_s, 2))

        # the opening view: every QPV is a dot in the window, of its class
        coverage = case["coverage"]
        assert _visible(page, "path.avs-qpv-dot") == N_NATIONAL_QPV
        for status, n in coverage["coverage_status"].value_counts().items():
            assert page.locator(f"path.avs-qpv-dot-{status}").count() == n
        assert page.locator("path.avs-qpv").count() == 0
        # the structures are grouped, every one of them counted once
        assert page.locator(".avs-cluster").count() < N_NATIONAL_STRUCTURES / 10
        assert _clustered_structures(page) == N_NATIONAL_STRUCTURES

        # zoomed to a city: the QPV shapes are drawn, the one there is readable
        first = gpd.GeoSeries([coverage.geometry.iloc[0].centroid], crs=coverage.crs)
        lon, lat = first.to_crs(4326).iloc[0].coords[0]
        _zoom_to_shapes(page, (lat, lon))
        assert page.locator("path.avs-qpv").count() == N_NATIONAL_QPV
        assert page.locator("path.avs-qpv-dot").count() == 0
        width = page.evaluate(
            """() => Math.max(...Array.from(document.querySelectorAll("path.avs-qpv"))
                .map((e) => e.getBoundingClientRect())
                .filter((r) => r.left > 600 && r.right < 680 && r.top > 360 && r.bottom < 440)
                .map((r) => r.width))"""
        )
        assert width >= 8
    assert errors == []
    assert size < 8_000_000 and load_s < 30  # loose: the real figures go to the benchmark


# --- the sites map ----------------------------------------------------------------------

SITES_SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "img" / "carte_sites.png"


@pytest.fixture(scope="module")
def sites_run(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The example network of Occitanie with 4 sites chosen among the example candidates."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        return avs_geo.run_sites(
            tmp_path_factory.mktemp("sites"),
            candidates=get_path("candidats_exemple_occitanie"),
            k=4,
            structures=get_path("structures_exemple_occitanie"),
            perimeters=get_path("zones_exemple_occitanie"),
            date=AT,
            territory="d'Occitanie",
        )


@pytest.mark.browser
def test_sites_map_in_chromium(sites_run: Any, tmp_path: Path) -> None:
    _require_chromium()

    from avs_geo._typography import format_number

    html = sites_run.files["map_html"]
    before = sites_run.coverage["coverage_status"].value_counts()
    after = sites_run.with_sites["coverage_status"].value_counts()
    assert not before.equals(after)  # the sites change some classes: the switch shows it
    chosen = sites_run.selection.sites.sort_values("rank")
    errors: list[str] = []
    with offline_page(errors) as page:
        page.goto(html.as_uri())
        page.wait_for_selector("path.avs-qpv-dot", state="attached")

        # the opening view: every QPV is a dot in the window, in its class after the sites
        assert _visible(page, "path.avs-qpv-dot") == len(sites_run.coverage)
        for status in ("full", "partial", "none"):
            n = page.locator(f"path.avs-qpv-dot-{status}").count()
            assert n == int(after.get(status, 0)), status
        assert (
            page.locator(".avs-title")
            .inner_text()
            .startswith("Sites proposés (4) et couverture des quartiers prioritaires d'Occitanie")
        )
        if os.environ.get("AVS_GEO_WRITE_SCREENSHOT"):
            page.mouse.move(5, 795)
            page.screenshot(path=str(tmp_path / "carte_sites.png"))
            _write_illustration(tmp_path / "carte_sites.png", SITES_SCREENSHOT)

        # the numbers 1..4 sit where the sites chosen 1st..4th are, above the dots
        assert sorted(page.locator(".avs-site").all_inner_texts()) == ["1", "2", "3", "4"]
        points = chosen.geometry.representative_point().to_crs(4326)
        for rank, point in zip(chosen["rank"], points, strict=True):
            expected = page.evaluate(
                _map_js(
                    f"const p = map.latLngToContainerPoint([{point.y}, {point.x}]);"
                    "return [p.x, p.y];"
                )
            )
            box = page.locator(".avs-site", has_text=re.compile(rf"^{rank}$")).bounding_box()
            assert box is not None
            assert abs(box["x"] + box["width"] / 2 - expected[0]) <= 2
            assert abs(box["y"] + box["height"] / 2 - expected[1]) <= 2
        panes = page.evaluate(
            """() => ["avs-sites", "avs-qpv_after-dots"].map((k) => Number(
                getComputedStyle(document.querySelector(`.leaflet-${k}-pane`)).zIndex))"""
        )
        assert panes[0] > panes[1]

        # the legend counts each class before -> after and lists the 4 sites
        legend = page.locator(".avs-legend").inner_text()
        for status in ("full", "partial", "none"):
            pair = f"{int(before.get(status, 0))} → {int(after.get(status, 0))}"
            assert pair in legend
        assert page.locator(".avs-legend .avs-site-key").all_inner_texts() == [
            "1",
            "2",
            "3",
            "4",
        ]

        # the switch shows the classes before the sites, then after again
        page.locator(".avs-toggle-before").click()
        for status in ("full", "partial", "none"):
            n = page.locator(f"path.avs-qpv-dot-{status}").count()
            assert n == int(before.get(status, 0)), status
        assert page.locator(".avs-toggle-before").get_attribute("aria-pressed") == "true"
        overlay = page.locator(
            ".leaflet-control-layers-overlays label", has_text="QPV : réseau actuel"
        ).locator("input")
        assert overlay.is_checked()
        page.locator(".avs-toggle-after").click()
        for status in ("full", "partial", "none"):
            n = page.locator(f"path.avs-qpv-dot-{status}").count()
            assert n == int(after.get(status, 0)), status
        assert not overlay.is_checked()

        # a click on site 1 opens its popup: population gained, QPV, nearest structure
        page.locator(".avs-site", has_text=re.compile(r"^1$")).click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        gain = format_number(float(chosen["gain_population"].iloc[0]))
        assert text.startswith("Site n°\u00a01\u00a0: " + str(chosen["nom"].iloc[0]))
        assert f"Population gagnée\u00a0: {gain}\u00a0habitants" in text
        assert "QPV atteints (" in text
        assert re.search(r"Structure existante la plus proche\u00a0: \d+,\d\u00a0km", text)

        # zoomed in: the proposed zones are drawn
        _zoom_to_shapes(page)
        assert page.locator("path.avs-site-zone").count() >= 1
    assert errors == []


# --- the generated national case of the benchmark ----------------------------------------

MAX_NATIONAL_BYTES = 3_000_000


def national_job_map(folder: Path) -> tuple[Path, int]:
    """The map of ``avs-geo couverture`` on the benchmark's national inputs (real 2018
    communes, 1,600 generated QPV, 3,900 structures), as the job draws it; its QPV count."""
    from benchmarks.bench_national import DATE, NATIONAL, national_inputs, national_job

    from avs_geo.workflows.coverage import active_structures

    inputs = national_inputs(NATIONAL, folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        run = national_job(inputs, folder / "job", maps=False)
    shown = coverage_map(
        run.coverage,
        zones=run.zones,
        structures=active_structures(run.inputs, run.zones),
        outline=run.inputs.communes,
        date=DATE,
        tiles=None,
    )
    return save_map(shown, folder / "carte_couverture.html"), len(run.coverage)


@pytest.mark.slow
@pytest.mark.browser
def test_generated_national_map_is_light_and_shows_every_qpv(tmp_path: Path) -> None:
    """The benchmark's national case: at most 3 MB, every QPV a visible dot at the opening
    view, the shapes drawn once zoomed to a city, no page error (load time: benchmark)."""
    _require_chromium()
    from benchmarks.bench_national import NATIONAL

    if not NATIONAL.exists():  # 46 MB, beside the repository (benchmarks/bench_national.py)
        pytest.skip(f"the national communes file {NATIONAL} is not there")

    html, n_qpv = national_job_map(tmp_path)
    assert html.stat().st_size <= MAX_NATIONAL_BYTES
    errors: list[str] = []
    with offline_page(errors) as page:
        page.goto(html.as_uri())
        page.wait_for_selector("path.avs-qpv-dot", state="attached")
        assert _visible(page, "path.avs-qpv-dot") == n_qpv
        assert page.locator("path.avs-qpv").count() == 0
        assert page.locator("path.avs-zone").count() == 0
        # Lyon: the QPV there are drawn as shapes, with the zones reaching them
        _zoom_to_shapes(page, (45.76, 4.85))
        assert page.locator("path.avs-qpv-dot").count() == 0
        assert _visible(page, "path.avs-qpv") > 0
        assert _visible(page, "path.avs-zone") > 0
    assert errors == []
