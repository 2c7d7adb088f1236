"""The static coverage figure: same classes, colours and legend as the web map."""

from __future__ import annotations

import io

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import avs_geo
from avs_geo._i18n import STATUS_COLORS, TYPE_COLORS
from avs_geo.maps import coverage_figure
from avs_geo.maps._format import NBSP
from avs_geo.maps.symbology import SCORE_COLORS

X0, Y0 = 574_000, 6_280_000


def _box(dx: float, dy: float, size: float = 400.0) -> shapely.Polygon:
    return shapely.box(X0 + dx, Y0 + dy, X0 + dx + size, Y0 + dy + size)


@pytest.fixture
def layers() -> dict[str, gpd.GeoDataFrame]:
    crs = "EPSG:2154"
    coverage = gpd.GeoDataFrame(
        {
            "code_qpv": ["QP031001", "QP031002", "QP031003", "QP031004"],
            "nom_qpv": ["A", "B", "C", "D"],
            "coverage_ratio": [1.0, 0.5, 0.0, 0.01],
            "coverage_status": ["full", "partial", "none", "none"],
        },
        geometry=[_box(0, 0), _box(1000, 0), _box(2000, 0), _box(3000, 0)],
        crs=crs,
    )
    zones = gpd.GeoDataFrame(
        {"structure_id": ["CS-1"], "nom": ["CS"], "type": ["centre_social"]},
        geometry=[_box(-100, -100, 1700)],
        crs=crs,
    )
    structures = gpd.GeoDataFrame(
        {"structure_id": ["CS-1", "EVS-1", "EVS-2"], "nom": ["CS", "E1", "E2"]},
        geometry=[shapely.Point(X0 + 200, Y0 + 200), *[shapely.Point(X0 + 1200, Y0)] * 2],
        crs=crs,
    ).assign(type=["centre_social", "evs", "evs"])
    communes = gpd.GeoDataFrame(
        {"code_insee": ["31555"], "nom": ["Toulouse"]}, geometry=[_box(-500, -500, 4000)], crs=crs
    )
    candidates = gpd.GeoDataFrame(
        {"score": [1.0, 3.0]},
        geometry=[shapely.Point(X0 + 2500, Y0 + 800), _box(3000, 800, 100)],
        crs=crs,
    )
    return {
        "coverage": coverage,
        "zones": zones,
        "structures": structures,
        "communes": communes,
        "candidates": candidates,
    }


def _legend_texts(fig: Figure) -> list[str]:
    legend = fig.axes[0].get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def test_legend_in_french_with_counts_and_thresholds(layers: dict[str, gpd.GeoDataFrame]) -> None:
    fig = coverage_figure(**layers)
    assert isinstance(fig, Figure)
    assert _legend_texts(fig) == [
        f"Couvert en totalité (≥{NBSP}95{NBSP}%) (1)",
        f"Couvert partiellement (5–95{NBSP}%) (1)",
        f"Non couvert (≤{NBSP}5{NBSP}%) (2)",
        "Zones d'intervention",
        "Centre social",
        "Structures",
        "Centre social (1)",
        "Espace de vie sociale (2)",
        "Sites candidats (score)",
        "2,60 – 3,00",
        "2,20 – 2,60",
        "1,80 – 2,20",
        "1,40 – 1,80",
        "1,00 – 1,40",
        "Limites communales",
    ]
    legend = fig.axes[0].get_legend()
    assert legend is not None
    assert legend.get_title().get_text() == "Couverture des QPV par l'offre AVS"
    assert fig.axes[0].get_title().startswith("Couverture des quartiers prioritaires")


def test_each_qpv_filled_with_its_class_colour(layers: dict[str, gpd.GeoDataFrame]) -> None:
    ax = coverage_figure(layers["coverage"]).axes[0]
    drawn = [
        (len(collection.get_paths()), {to_hex(c) for c in collection.get_facecolor()})
        for collection in ax.collections
    ]
    assert drawn == [
        (1, {STATUS_COLORS["full"]}),
        (1, {STATUS_COLORS["partial"]}),
        (2, {STATUS_COLORS["none"]}),
    ]


def test_structures_by_shape_and_colour(layers: dict[str, gpd.GeoDataFrame]) -> None:
    ax = coverage_figure(layers["coverage"], structures=layers["structures"]).axes[0]
    scatters = ax.collections[-2:]
    assert [len(s.get_offsets()) for s in scatters] == [1, 2]
    assert [to_hex(s.get_facecolor()[0]) for s in scatters] == [
        TYPE_COLORS["centre_social"],
        TYPE_COLORS["evs"],
    ]


def test_candidates_coloured_by_score(layers: dict[str, gpd.GeoDataFrame]) -> None:
    ax = coverage_figure(layers["coverage"], candidates=layers["candidates"]).axes[0]
    stars = ax.collections[-1]
    assert [to_hex(c) for c in stars.get_facecolor()] == [SCORE_COLORS[0], SCORE_COLORS[-1]]


def test_english_and_no_title(layers: dict[str, gpd.GeoDataFrame]) -> None:
    fig = coverage_figure(layers["coverage"], language="en", title="")
    assert _legend_texts(fig)[0] == "Fully covered (≥\u00a095%) (1)"
    assert fig.axes[0].get_title() == ""


def test_draws_into_a_given_axes(layers: dict[str, gpd.GeoDataFrame]) -> None:
    fig = Figure()
    left, right = fig.subplots(1, 2)
    out = coverage_figure(layers["coverage"], ax=right)
    assert out is fig
    assert right.get_legend() is not None and left.get_legend() is None


def test_scale_bar_in_kilometres(layers: dict[str, gpd.GeoDataFrame]) -> None:
    ax = coverage_figure(**layers).axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["0,5 km"]  # a fifth of the 4 km wide map, rounded down to 1-2-5


def test_saves_as_png(layers: dict[str, gpd.GeoDataFrame]) -> None:
    buffer = io.BytesIO()
    coverage_figure(**layers).savefig(buffer, format="png", dpi=50)
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_inputs_are_not_modified(layers: dict[str, gpd.GeoDataFrame]) -> None:
    before = {k: v.copy() for k, v in layers.items()}
    coverage_figure(**layers)
    for key, frame in layers.items():
        assert_geodataframe_equal(frame, before[key])


def test_same_checks_as_the_map(layers: dict[str, gpd.GeoDataFrame]) -> None:
    with pytest.raises(avs_geo.InputTypeError, match="'coverage' doit être un GeoDataFrame"):
        coverage_figure(pd.DataFrame({"a": [1]}))
    with pytest.raises(avs_geo.CRSError, match=r"CRS\) différents"):
        coverage_figure(layers["coverage"], zones=layers["zones"].to_crs(4326))
    bad = layers["coverage"].assign(coverage_status=np.array(["full", "x", "none", "none"]))
    with pytest.raises(avs_geo.SchemaError, match="'x'"):
        coverage_figure(bad)


def test_small_qpv_also_drawn_as_squares_at_region_scale(
    layers: dict[str, gpd.GeoDataFrame],
) -> None:
    cov = layers["coverage"]

    def squares(fig: Figure) -> dict[str, int]:
        found: dict[str, int] = {}
        for coll in fig.axes[0].collections:
            if isinstance(coll, PathCollection) and 70 in coll.get_sizes():  # scatter squares
                found[to_hex(coll.get_facecolor()[0])] = len(coll.get_offsets())
        return found

    # the test layers fill a few km: QPV are large enough, no squares
    assert not set(squares(coverage_figure(cov))) & set(STATUS_COLORS.values())
    # with a commune 200 km away the map is a region: every QPV gets its square
    far = gpd.GeoDataFrame(
        {"code_insee": ["31555"], "nom": ["Loin"]},
        geometry=[shapely.box(774_000, 6_080_000, 775_000, 6_081_000)],
        crs=cov.crs,
    )
    found = squares(coverage_figure(cov, communes=far))
    expected = cov["coverage_status"].value_counts()
    for status, n in expected.items():
        assert found[STATUS_COLORS[str(status)]] == n


def test_default_title_names_the_territory_and_the_date(layers) -> None:
    fig = coverage_figure(layers["coverage"], date="31/12/2022", territory="du Nord")
    assert fig.axes[0].get_title() == (
        "Couverture des quartiers prioritaires du Nord par l'offre d'animation de la vie "
        "sociale au 31 décembre 2022"
    )
    plain = coverage_figure(layers["coverage"])
    assert plain.axes[0].get_title().endswith("de la vie sociale")


def test_coverage_job_titles_its_png_with_date_and_territory(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warnings

    import avs_geo.maps
    from avs_geo.datasets import get_path

    seen: list[str] = []

    def spy(*args, **kwargs):
        fig = coverage_figure(*args, **kwargs)
        seen.append(fig.axes[0].get_title())
        return fig

    monkeypatch.setattr(avs_geo.maps, "coverage_figure", spy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        avs_geo.run_coverage(
            tmp_path,
            structures=get_path("structures_exemple_occitanie"),
            perimeters=get_path("zones_exemple_occitanie"),
            date="2022-12-31",
            territory="de l'Hérault",
            departement="34",
        )
    assert seen == [
        "Couverture des quartiers prioritaires de l'Hérault par l'offre d'animation de la "
        "vie sociale au 31 décembre 2022"
    ]


def test_communes_outlined_as_one_path_whatever_their_number() -> None:
    """A layer is one collection, not one artist per row: 400 communes make one path
    of 400 rings of 5 vertices (a shapely ring repeats its first point)."""
    grid = [shapely.box(X0 + i * 500, Y0 + j * 500, X0 + i * 500 + 500, Y0 + j * 500 + 500)
            for i in range(20) for j in range(20)]  # fmt: skip
    communes = gpd.GeoDataFrame(
        {"code_insee": [f"{k:05d}" for k in range(400)], "nom": ["x"] * 400},
        geometry=grid,
        crs="EPSG:2154",
    )
    coverage = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"], "nom_qpv": ["A"], "coverage_ratio": [1.0],
         "coverage_status": ["full"]},
        geometry=[_box(1000, 1000)], crs="EPSG:2154",
    )  # fmt: skip
    ax = coverage_figure(coverage, communes=communes).axes[0]
    outlines = ax.collections[0]
    assert len(outlines.get_paths()) == 1
    path = outlines.get_paths()[0]
    assert len(path.vertices) == 400 * 5
    assert int((path.codes == path.MOVETO).sum()) == 400
    # the whole grid is in view (the limits follow the collections)
    x0, x1 = ax.get_xlim()
    assert x0 <= X0 and x1 >= X0 + 10_000


def test_a_qpv_with_a_hole_is_drawn_with_its_hole() -> None:
    ring = shapely.Polygon(
        shapely.box(X0, Y0, X0 + 3000, Y0 + 3000).exterior.coords,
        [shapely.box(X0 + 1000, Y0 + 1000, X0 + 2000, Y0 + 2000).exterior.coords],
    )
    coverage = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"], "nom_qpv": ["A"], "coverage_ratio": [0.0],
         "coverage_status": ["none"]},
        geometry=[ring], crs="EPSG:2154",
    )  # fmt: skip
    fig = Figure(figsize=(3, 3), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    coverage_figure(coverage, ax=ax, title="")
    ax.set_xlim(X0, X0 + 3000)
    ax.set_ylim(Y0, Y0 + 3000)
    ax.set_aspect("auto")
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    for text in list(ax.texts) + list(ax.lines):
        text.remove()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[:, :, :3]
    red = tuple(int(STATUS_COLORS["none"][i : i + 2], 16) for i in (1, 3, 5))
    assert tuple(pixels[150, 150]) == (255, 255, 255)  # the hole, in the middle
    assert tuple(pixels[150, 50]) == red  # the ring, left of the hole
