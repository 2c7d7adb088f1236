"""The report map: clusters, label placement, the printed page and the PDF atlas."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from matplotlib.patches import Rectangle

from avs_geo.errors import ParameterError
from avs_geo.maps.atlas import (
    PAPER_SIZES,
    place_labels,
    qpv_clusters,
    report_figure,
    write_report_map,
)

X0, Y0 = 574_000, 6_280_000
TODAY = dt.date(2024, 1, 15)


def _box(dx: float, dy: float, size: float = 300.0) -> shapely.Polygon:
    return shapely.box(X0 + dx, Y0 + dy, X0 + dx + size, Y0 + dy + size)


@pytest.fixture
def layers() -> dict[str, gpd.GeoDataFrame]:
    """A city of 5 QPV 1 km apart (a cluster), and 2 lone QPV 40 km east and north."""
    crs = "EPSG:2154"
    offsets = [(0, 0), (1000, 0), (2000, 0), (0, 1000), (1000, 1000), (40_000, 0), (0, 40_000)]
    statuses = ["full", "partial", "none", "none", "full", "none", "partial"]
    coverage = gpd.GeoDataFrame(
        {
            "code_qpv": [f"QP031{i:03d}" for i in range(7)],
            "nom_qpv": [f"Quartier {i}" for i in range(7)],
            "nom_commune": ["Toulouse"] * 5 + ["Castres", "Montauban"],
            "population": [1000, 2000, 3000, 500, 800, 1500, 1200],
            "coverage_ratio": [1.0, 0.5, 0.0, 0.0, 1.0, 0.0, 0.3],
            "coverage_status": statuses,
        },
        geometry=[_box(dx, dy) for dx, dy in offsets],
        crs=crs,
    )
    zones = gpd.GeoDataFrame(
        {"structure_id": ["CS-1"], "nom": ["CS"], "type": ["centre_social"]},
        geometry=[_box(-200, -200, 1800)],
        crs=crs,
    )
    structures = gpd.GeoDataFrame(
        {"structure_id": ["CS-1"], "nom": ["CS"], "type": ["centre_social"]},
        geometry=[shapely.Point(X0 + 500, Y0 + 500)],
        crs=crs,
    )
    communes = gpd.GeoDataFrame(
        {
            "code_insee": ["31555", "81065", "82121"],
            "nom": ["Toulouse", "Castres", "Montauban"],
            "departement": ["31", "81", "82"],
        },
        geometry=[_box(-1000, -1000, 5000), _box(39_000, -1000, 3000), _box(-1000, 39_000, 3000)],
        crs=crs,
    )
    return {"coverage": coverage, "zones": zones, "structures": structures, "communes": communes}


def test_clusters_chain_neighbours_within_the_distance(layers) -> None:
    coverage = layers["coverage"]
    clusters = qpv_clusters(coverage, distance_m=1500, min_qpv=4)
    assert [(c.rows, c.name) for c in clusters] == [((0, 1, 2, 3, 4), "Toulouse")]
    # the frame: the QPV's extent, 1 km around
    assert clusters[0].bounds == (X0 - 1000, Y0 - 1000, X0 + 3300, Y0 + 2300)
    # centroids 1 km apart do not chain at 900 m; a cluster needs min_qpv QPV
    assert qpv_clusters(coverage, distance_m=900) == []
    assert [len(c.rows) for c in qpv_clusters(coverage, distance_m=1500, min_qpv=6)] == []
    with pytest.raises(ParameterError, match="distance_m should be > 0 and min_qpv >= 2"):
        qpv_clusters(coverage, distance_m=0)


def test_labels_never_overlap_and_those_that_do_not_fit_are_left_out(layers) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    axes = fig.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, 100)
    axes.set_ylim(0, 100)
    # Labels on one point: the first goes right, the second left; the others, above,
    # below or on a diagonal, would cross those two and are left out.
    same = [(50.0, 50.0, f"Étiquette {i}") for i in range(4)]
    drawn, left_out = place_labels(axes, same, fontsize=8)
    assert [(t.get_text(), t.get_ha()) for t in drawn] == [
        ("Étiquette 0", "left"),
        ("Étiquette 1", "right"),
    ]
    assert left_out == ["Étiquette 2", "Étiquette 3"]
    # Near the right edge, a label goes left; one far from the others keeps its place.
    more, _ = place_labels(axes, [(99.0, 10.0, "Bord"), (50.0, 90.0, "Loin")], fontsize=8)
    assert [t.get_ha() for t in more] == ["right", "left"]
    drawn += more
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in drawn]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    frame = axes.get_window_extent(renderer)
    assert all(b.x0 >= frame.x0 and b.x1 <= frame.x1 for b in boxes)


def test_report_page_has_title_date_legend_scale_north_sources_and_insets(layers) -> None:
    clusters = qpv_clusters(layers["coverage"], distance_m=1500)
    fig = report_figure(
        layers["coverage"],
        zones=layers["zones"],
        structures=layers["structures"],
        communes=layers["communes"],
        territory="du Tarn",
        date="2022-12-31",
        sources={"QPV": "ANCT, SIG Ville"},
        insets=clusters,
        today=TODAY,
    )
    assert tuple(fig.get_size_inches()) == pytest.approx(PAPER_SIZES["A4"])
    page_texts = [t.get_text() for t in fig.texts]
    assert page_texts[0].startswith("Couverture des quartiers prioritaires")
    assert page_texts[1] == "QPV du Tarn, situation au 31 décembre 2022"
    assert "Sources\u00a0: QPV : ANCT, SIG Ville." in page_texts[2]
    assert "Licence Ouverte" in page_texts[2] and "15 janvier 2024" in page_texts[2]
    axes = fig.axes[0]
    map_texts = [t.get_text() for t in axes.texts]
    assert "N" in map_texts  # the north arrow
    assert any(t.endswith(" km") for t in map_texts)  # the scale bar
    assert "1" in map_texts  # the inset's number
    frames = [p for p in axes.patches if isinstance(p, Rectangle) and not p.get_fill()]
    assert any(p.get_xy() == (X0 - 1000, Y0 - 1000) for p in frames)
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert "Couvert en totalité (≥\u00a095\u00a0%) (2)" in legend
    assert "Limites départementales" in legend
    # Labels: the towns, then the QPV not fully covered outside the inset (5 and 6).
    labels = {t.get_text() for t in axes.texts}
    assert {"Toulouse", "Quartier 5", "Quartier 6"} <= labels
    assert not labels & {"Quartier 1", "Quartier 2", "Quartier 0"}
    with pytest.raises(ParameterError, match="paper should be one of"):
        report_figure(layers["coverage"], paper="A5")  # type: ignore[arg-type]


def test_inset_page_labels_every_qpv_it_shows(layers) -> None:
    cluster = qpv_clusters(layers["coverage"], distance_m=1500)[0]
    fig = report_figure(
        layers["coverage"],
        communes=layers["communes"],
        bounds=cluster.bounds,
        label_every_qpv=True,
        note="Zoom 1 : Toulouse",
        paper="A3",
        today=TODAY,
    )
    assert tuple(fig.get_size_inches()) == pytest.approx(PAPER_SIZES["A3"])
    assert fig.texts[1].get_text() == "Zoom 1 : Toulouse"
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {f"Quartier {i}" for i in range(5)} <= labels
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    # the legend counts the QPV of the page
    assert "Non couvert (≤\u00a05\u00a0%) (2)" in legend


def test_write_report_map_png_svg_and_pdf_atlas(layers, tmp_path: Path) -> None:
    common = {
        "zones": layers["zones"],
        "communes": layers["communes"],
        "territory": "du Tarn",
        "date": "2022-12-31",
        "cluster_distance_m": 1500.0,
        "today": TODAY,
    }
    written = write_report_map(
        layers["coverage"],
        tmp_path / "carte.png",
        svg=tmp_path / "carte.svg",
        pdf=tmp_path / "atlas.pdf",
        dpi=100,
        **common,
    )
    assert sorted(written) == ["pdf", "png", "svg"]
    from PIL import Image

    with Image.open(written["png"]) as image:
        assert image.size == (1169, 827)  # A4 landscape at 100 dpi
    assert "QPV du Tarn, situation au 31 décembre 2022" in written["svg"].read_text()
    pdf = written["pdf"].read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 2  # the territory + 1 inset
    again = write_report_map(layers["coverage"], tmp_path / "b.png", dpi=100, **common)
    assert again["png"].read_bytes() == written["png"].read_bytes()


def test_clusters_whose_frames_overlap_make_one_inset() -> None:
    """Two rows of 4 QPV (100 m squares, 500 m apart), rows 2 km apart: two clusters at
    1 km, whose frames (1 km around each: y up to 1100 m, from 1000 m) overlap, hence
    one inset holding the 8 QPV."""
    squares = [_box(500 * i, dy, 100) for dy in (0, 2000) for i in range(4)]
    coverage = gpd.GeoDataFrame(
        {"nom_commune": ["A"] * 4 + ["B"] * 4}, geometry=squares, crs="EPSG:2154"
    )
    # max_share=1: on this small map no cluster is too wide to need an inset
    clusters = qpv_clusters(coverage, distance_m=1000, max_share=1.0)
    assert [c.rows for c in clusters] == [tuple(range(8))]
    assert clusters[0].bounds == (X0 - 1000, Y0 - 1000, X0 + 2600, Y0 + 3100)
    rows_3km = [_box(500 * i, dy, 100) for dy in (0, 3000) for i in range(4)]
    apart = coverage.set_geometry(gpd.GeoSeries(rows_3km, crs=coverage.crs))
    assert [c.rows for c in qpv_clusters(apart, distance_m=1000, max_share=1.0)] == [
        (0, 1, 2, 3),
        (4, 5, 6, 7),
    ]


def test_atlas_has_one_page_per_epci_holding_a_qpv(layers, tmp_path: Path) -> None:
    """Toulouse and Castres in one EPCI (6 QPV), Montauban in another (1 QPV), and an
    EPCI without QPV: 1 territory page + 1 inset + 2 EPCI pages, in the order of names."""
    from avs_geo.maps.atlas import epci_pages

    communes = layers["communes"].assign(
        epci_siren=["243100518", "243100518", "248200099"],
        epci_nom=["Toulouse Métropole", "Toulouse Métropole", "CA Grand Montauban"],
    )
    empty = gpd.GeoDataFrame(
        {"code_insee": ["12202"], "nom": ["Rodez"], "departement": ["12"],
         "epci_siren": ["241200187"], "epci_nom": ["Rodez Agglomération"]},
        geometry=[_box(80_000, 80_000, 3000)], crs=communes.crs,
    )  # fmt: skip
    import pandas as pd

    communes = gpd.GeoDataFrame(pd.concat([communes, empty], ignore_index=True), crs=communes.crs)
    pages = epci_pages(layers["coverage"], communes)
    assert [(p.name, p.n_qpv) for p in pages] == [
        ("CA Grand Montauban", 1),
        ("Toulouse Métropole", 6),
    ]
    written = write_report_map(
        layers["coverage"],
        tmp_path / "carte.png",
        pdf=tmp_path / "atlas.pdf",
        communes=communes,
        cluster_distance_m=1500.0,
        dpi=50,
        today=TODAY,
    )
    pdf = written["pdf"].read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 4
    without = write_report_map(
        layers["coverage"],
        tmp_path / "b.png",
        pdf=tmp_path / "b.pdf",
        communes=communes,
        cluster_distance_m=1500.0,
        dpi=50,
        today=TODAY,
        by_epci=False,
    )
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", without["pdf"].read_bytes())) == 2


# --- the optional tiled base map (tested offline only) ------------------------------------


def test_no_base_map_and_no_network_by_default(layers, monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib.request

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was asked for")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    fig = report_figure(layers["coverage"], communes=layers["communes"], today=TODAY)
    assert not fig.axes[0].images
    assert not any("Fond de carte" in t.get_text() for t in fig.texts)


def test_unreachable_tiles_warn_and_the_page_is_drawn_without(layers) -> None:
    from avs_geo.errors import AvsGeoWarning
    from avs_geo.maps.basemap import TileSource

    source = TileSource("http://127.0.0.1:9/{z}/{x}/{y}.png", "© Test", timeout_s=0.5)
    with pytest.warns(AvsGeoWarning, match=r"Fond de carte non chargé \(tuile http://127\.0\.0\.1"):
        fig = report_figure(layers["coverage"], basemap=source, today=TODAY)
    assert not fig.axes[0].images
    assert not any("© Test" in t.get_text() for t in fig.texts)


def test_tiles_from_files_are_warped_under_the_layers_with_the_attribution(
    layers, tmp_path: Path
) -> None:
    """A tile server on disk (file:// URLs): every tile a flat colour, so that the page
    shows it wherever no layer is drawn."""
    from PIL import Image

    from avs_geo.maps.basemap import TileSource

    def tile(z: int, x: int, y: int) -> None:
        folder = tmp_path / str(z) / str(x)
        folder.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (256, 256), (200, 230, 201)).save(folder / f"{y}.png")

    source = TileSource((tmp_path.as_uri() + "/{z}/{x}/{y}.png"), "© Tuiles de test")
    # the tiles the page needs: make every tile of the zooms it may ask
    import math

    from pyproj import Transformer

    lon, lat = Transformer.from_crs(2154, 4326, always_xy=True).transform(X0 + 20_000, Y0 + 20_000)
    for z in range(6, 13):
        n = 2**z
        cx = int((lon + 180) / 360 * n)
        cy = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        for x in range(cx - 6, cx + 7):
            for y in range(cy - 6, cy + 7):
                tile(z, x, y)
    fig = report_figure(layers["coverage"], basemap=source, today=TODAY)
    images = fig.axes[0].images
    assert len(images) == 1 and images[0].get_zorder() < 1
    pixels = images[0].get_array()
    assert pixels.shape[2] == 3 and (pixels.reshape(-1, 3) == [200, 230, 201]).all()
    assert any("Fond de carte\u00a0: © Tuiles de test." in t.get_text() for t in fig.texts)


def test_tile_source_needs_a_template_and_an_attribution() -> None:
    from avs_geo.maps.basemap import TileSource

    with pytest.raises(ParameterError, match=r"doit contenir \{z\}, \{x\} et \{y\}"):
        TileSource("https://tile.example/carte.png", "x")
    with pytest.raises(ParameterError, match=r"doit commencer par http://, https:// ou file:"):
        TileSource("ftp://tile.example/{z}/{x}/{y}.png", "x")
    with pytest.raises(ParameterError, match=r"besoin de son attribution"):
        TileSource("https://tile.example/{z}/{x}/{y}.png", " ")
