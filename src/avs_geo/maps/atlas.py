"""The report map: a page to print (A4 or A3), and an atlas with a page per dense cluster.

:func:`report_figure` draws one page: the coverage layers of
:func:`avs_geo.maps.figure.draw_layers`, department outlines dissolved from the
communes, a title with the territory and the date, the legend with the QPV count of
each class and the thresholds, a scale bar, a north arrow, a source and licence line,
and labels (main towns, and QPV that are not fully covered) placed without overlap by
a greedy placer. Where many QPV lie within a few kilometres (the cities),
:func:`qpv_clusters` finds them and the page frames each one, numbered, with its own
zoomed page in the atlas (:func:`write_report_map`: PNG at 300 dpi, SVG and a
multi-page PDF). Nothing is fetched from the network.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from avs_geo._dates import format_date, parse_date
from avs_geo._i18n import STATUS_COLORS, Language, _check_language, message
from avs_geo._i18n.maps import ATLAS_TEXTS, MESSAGES
from avs_geo._optional import require
from avs_geo.errors import ParameterError
from avs_geo.maps._geometry import merge_by
from avs_geo.maps._inputs import MapLayers, check_layers
from avs_geo.maps.basemap import TileSource, draw_basemap
from avs_geo.maps.figure import _legend, _outline, _scale_bar, draw_layers
from avs_geo.maps.legend import Entry, Section, map_legend
from avs_geo.maps.symbology import fill, words

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

__all__ = [
    "EPCI_COLOR",
    "MAX_COMMUNES",
    "PAPER_SIZES",
    "Cluster",
    "EpciPage",
    "atlas_pages",
    "department_outlines",
    "epci_pages",
    "place_labels",
    "qpv_clusters",
    "report_figure",
    "write_report_map",
]

PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": (11.69, 8.27), "A3": (16.54, 11.69)}
"""Landscape page sizes in inches."""

_MAP_BOX = (0.02, 0.09, 0.68, 0.80)  # left, bottom, width, height of the map (page fraction)

EPCI_COLOR = "#6a3d9a"
"""Colour of the EPCI's outline on its atlas page (dashed, over the departments')."""

MAX_COMMUNES = 800
"""Above this many communes in view, the page draws department outlines only."""


def department_outlines(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The departments as the union of their communes (``departement`` column).

    Examples
    --------
    >>> import shapely
    >>> communes = gpd.GeoDataFrame({"departement": ["09", "09", "31"]},
    ...     geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(5, 5, 6, 6)],
    ...     crs="EPSG:2154")
    >>> outlines = department_outlines(communes)
    >>> outlines.index.tolist(), outlines.area.tolist()
    (['09', '31'], [2.0, 1.0])
    """
    return merge_by(communes, "departement")


def _fit(
    bounds: tuple[float, float, float, float], ratio: float
) -> tuple[float, float, float, float]:
    """``bounds`` widened or heightened (about their centre) to the width/height ``ratio``."""
    x0, y0, x1, y1 = bounds
    cx, cy, dx, dy = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    if dx / dy < ratio:
        dx = dy * ratio
    else:
        dy = dx / ratio
    return (cx - dx / 2, cy - dy / 2, cx + dx / 2, cy + dy / 2)


def _clip(layers: MapLayers, bounds: tuple[float, ...]) -> MapLayers:
    """The features of each layer that reach into ``bounds``."""
    x0, y0, x1, y1 = bounds

    def cut(gdf: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
        return None if gdf is None else gdf.cx[x0:x1, y0:y1]

    return MapLayers(
        cut(layers.coverage),
        cut(layers.zones),
        cut(layers.structures),
        cut(layers.communes),
        cut(layers.candidates),
        cut(layers.white_zones),
        layers.territories,  # merged whole, then cut by the axes
    )


@dataclass(frozen=True)
class Cluster:
    """A group of QPV close to each other: the rows of ``coverage`` and their frame."""

    rows: tuple[int, ...]
    bounds: tuple[float, float, float, float]
    name: str


def qpv_clusters(
    coverage: gpd.GeoDataFrame,
    *,
    distance_m: float = 3000.0,
    min_qpv: int = 4,
    max_share: float = 0.25,
) -> list[Cluster]:
    """Groups of at least ``min_qpv`` QPV whose centroids chain within ``distance_m``.

    Two QPV are neighbours when their centroids are at most ``distance_m`` apart
    (:class:`scipy.spatial.cKDTree`); a cluster is a connected group of neighbours
    (single linkage). Clusters wider than ``max_share`` of the map's extent are not
    dense enough to need a zoom and are left out.

    Returns
    -------
    list of Cluster
        Largest first (then west to east); ``bounds`` is the clusters' QPV extent
        padded by 1 km, ``name`` the most frequent ``nom_commune`` (or ``communes``)
        of its QPV, when the coverage has it.

    Examples
    --------
    >>> import shapely
    >>> squares = [shapely.box(x, 0, x + 200, 200) for x in (0, 1000, 2000, 3000, 50_000)]
    >>> cov = gpd.GeoDataFrame({"nom_commune": ["Albi"] * 4 + ["Castres"]},
    ...                        geometry=squares, crs="EPSG:2154")
    >>> [(c.rows, c.name) for c in qpv_clusters(cov)]
    [((0, 1, 2, 3), 'Albi')]
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    if distance_m <= 0 or min_qpv < 2:
        raise ParameterError(message(MESSAGES, "clusters", distance=distance_m, min_qpv=min_qpv))
    n = len(coverage)
    if n < min_qpv:
        return []
    centroids = coverage.geometry.centroid
    xy = np.column_stack([centroids.x.to_numpy(), centroids.y.to_numpy()])
    pairs = cKDTree(xy).query_pairs(distance_m, output_type="ndarray")
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    xmin, ymin, xmax, ymax = coverage.total_bounds
    extent = max(xmax - xmin, ymax - ymin, 1.0)
    names = _place_names(coverage)
    clusters = []
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        if len(rows) < min_qpv:
            continue
        x0, y0, x1, y1 = coverage.geometry.iloc[rows].total_bounds
        if max(x1 - x0, y1 - y0) > max_share * extent:
            continue
        name = names.iloc[rows].mode()
        clusters.append(
            Cluster(
                rows=tuple(int(r) for r in rows),
                bounds=(x0 - 1000, y0 - 1000, x1 + 1000, y1 + 1000),
                name=str(name.iloc[0]) if len(name) else "",
            )
        )
    clusters = _merge_overlapping(clusters)
    clusters.sort(key=lambda c: (-len(c.rows), c.bounds[0]))
    return clusters


def _merge_overlapping(clusters: list[Cluster]) -> list[Cluster]:
    """Clusters whose frames overlap, merged into one (one inset per city)."""
    merged = list(clusters)
    changed = True
    while changed:
        changed = False
        for i in range(len(merged)):
            for j in range(i + 1, len(merged)):
                a, b = merged[i].bounds, merged[j].bounds
                if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                    big, small = sorted((merged[i], merged[j]), key=lambda c: -len(c.rows))
                    merged[i] = Cluster(
                        rows=tuple(sorted(big.rows + small.rows)),
                        bounds=(min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]),
                                max(a[3], b[3])),
                        name=big.name,
                    )  # fmt: skip
                    del merged[j]
                    changed = True
                    break
            if changed:
                break
    return merged


def _place_names(coverage: pd.DataFrame) -> pd.Series:
    for column in ("nom_commune", "communes"):
        if column in coverage.columns:
            return coverage[column].map(
                lambda v: (
                    str(v[0])
                    if isinstance(v, tuple | list) and v
                    else ("" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
                )
            )
    return pd.Series([""] * len(coverage), index=coverage.index)


def place_labels(
    axes: Axes,
    labels: Sequence[tuple[float, float, str]],
    *,
    fontsize: float = 7.0,
    avoid: Sequence[Bbox] = (),
    weight: str = "normal",
    color: str = "#111111",
) -> tuple[list[Any], list[str]]:
    """Place text labels next to their points, greedily, so that none overlap.

    Each label, in the given order (most important first), tries eight positions
    around its point (right, left, above, below, then the diagonals) and takes the
    first whose box overlaps no label placed before, no box of ``avoid`` and stays
    inside the axes; a label that fits nowhere is left out.

    Parameters
    ----------
    axes : matplotlib Axes
        Its limits and aspect must be final (the boxes are measured on the page).
    labels : sequence of (x, y, text)
        Points in data coordinates.

    Returns
    -------
    (list of Text, list of str)
        The labels drawn, and the texts left out.
    """
    from matplotlib.patheffects import withStroke

    figure = axes.get_figure()
    assert figure is not None
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = axes.get_window_extent(renderer)
    taken: list[Bbox] = list(avoid)
    offsets = [(4, 0, "left", "center"), (-4, 0, "right", "center"), (0, 4, "center", "bottom"),
               (0, -4, "center", "top"), (3, 3, "left", "bottom"), (-3, 3, "right", "bottom"),
               (3, -3, "left", "top"), (-3, -3, "right", "top")]  # fmt: skip
    # Each label is laid out once: its box at each position is its size moved there
    # (the alignments shift a box by its own width or height), tested as arrays.
    scale = figure.dpi / 72.0
    shift_x = {"left": 0.0, "center": 0.5, "right": 1.0}
    shift_y = {"bottom": 0.0, "center": 0.5, "top": 1.0}
    dxs = np.array([dx * scale for dx, _, _, _ in offsets])
    dys = np.array([dy * scale for _, dy, _, _ in offsets])
    fx = np.array([shift_x[ha] for _, _, ha, _ in offsets])
    fy = np.array([shift_y[va] for _, _, _, va in offsets])
    boxes = np.array([b.extents for b in taken]).reshape(-1, 4)
    drawn, left_out = [], []
    for x, y, text in labels:
        artist = axes.annotate(
            text, (x, y), xytext=(0, 0), textcoords="offset points", ha="left", va="bottom",
            fontsize=fontsize, fontweight=weight, color=color, zorder=9,
            path_effects=[withStroke(linewidth=2.2, foreground="white")],
        )  # fmt: skip
        box = artist.get_window_extent(renderer)
        w, h = box.width, box.height
        x0 = box.x0 + dxs - fx * w
        y0 = box.y0 + dys - fy * h
        # Bbox.expanded(1.04, 1.1): the same box grown about its centre
        gx, gy = 0.02 * w, 0.05 * h
        x0, x1, y0, y1 = x0 - gx, x0 + w + gx, y0 - gy, y0 + h + gy
        inside = (x0 >= frame.x0) & (x1 <= frame.x1) & (y0 >= frame.y0) & (y1 <= frame.y1)
        free = ~(
            (x0[:, None] <= boxes[None, :, 2]) & (boxes[None, :, 0] <= x1[:, None])
            & (y0[:, None] <= boxes[None, :, 3]) & (boxes[None, :, 1] <= y1[:, None])
        ).any(axis=1)  # fmt: skip
        fits = np.flatnonzero(inside & free)
        if not len(fits):
            artist.remove()
            left_out.append(text)
            continue
        k = int(fits[0])
        dx, dy, ha, va = offsets[k]
        artist.xyann = (dx, dy)
        artist.set_horizontalalignment(ha)  # type: ignore[arg-type]
        artist.set_verticalalignment(va)  # type: ignore[arg-type]
        boxes = np.vstack([boxes, [x0[k], y0[k], x1[k], y1[k]]])
        drawn.append(artist)
    return drawn, left_out


def _north_arrow(axes: Axes, letter: str) -> None:
    axes.annotate(
        letter, xy=(0.96, 0.97), xytext=(0.96, 0.88), xycoords="axes fraction",
        ha="center", va="center", fontsize=11, fontweight="bold", zorder=8,
        arrowprops={"facecolor": "#222222", "edgecolor": "#222222", "width": 3,
                    "headwidth": 10, "headlength": 10},
    )  # fmt: skip


def _subtitle(territory: str | None, date: dt.date | None, language: Language) -> str:
    t = ATLAS_TEXTS[language]
    when = format_date(date, language=language) if date else None
    if territory and when:
        return fill(t["subtitle_place_date"], territory=territory, date=when)
    if territory:
        return fill(t["subtitle_place"], territory=territory)
    if when:
        return fill(t["subtitle_date"], date=when)
    return ""


def _footer(sources: Mapping[str, str] | None, language: Language, today: dt.date) -> str:
    t = ATLAS_TEXTS[language]
    try:
        release = version("avs_geo")
    except PackageNotFoundError:  # pragma: no cover - source tree without metadata
        release = "0+unknown"
    lines = []
    if sources:
        listed = " ; ".join(f"{k} : {v}" for k, v in sources.items())
        lines.append(fill(t["sources"], sources=listed))
    lines.append(fill(t["made"], version=release, today=format_date(today, language=language)))
    return "\n".join(lines)


def _towns(layers: MapLayers, n: int) -> list[tuple[float, float, str]]:
    """The main towns: communes with a population column by population, else those
    holding the most QPV population (or QPV), at most ``n``."""
    communes = layers.communes
    if communes is None or not len(communes):
        return []
    if "population" in communes.columns:
        ranked = communes.assign(_rank=pd.to_numeric(communes["population"], errors="coerce"))
    else:
        points = layers.coverage.geometry.representative_point()
        hits = communes.sindex.query(points.to_numpy(), predicate="within")
        weight = (
            pd.to_numeric(layers.coverage["population"], errors="coerce").fillna(1).to_numpy()
            if "population" in layers.coverage.columns
            else np.ones(len(layers.coverage))
        )
        rank = np.zeros(len(communes))
        np.add.at(rank, hits[1], weight[hits[0]])
        ranked = communes.assign(_rank=rank)
        ranked = ranked[ranked["_rank"] > 0]
    top = ranked.sort_values("_rank", ascending=False, kind="stable").head(n)
    anchors = top.geometry.representative_point()
    return [
        (float(p.x), float(p.y), str(name)) for p, name in zip(anchors, top["nom"], strict=True)
    ]


def _qpv_labels(coverage: gpd.GeoDataFrame, rows: Sequence[int] | None, every: bool) -> list:
    """QPV to label: those not fully covered (every QPV when ``every``), worst first."""
    frame = coverage if rows is None else coverage.iloc[list(rows)]
    if not every:
        frame = frame[frame["coverage_status"] != "full"]
    order = frame.assign(_r=pd.to_numeric(frame["coverage_ratio"], errors="coerce"))
    order = order.sort_values(["_r", "code_qpv"], kind="stable")
    points = order.geometry.representative_point()
    return [
        (float(p.x), float(p.y), str(name))
        for p, name in zip(points, order["nom_qpv"], strict=True)
    ]


def report_figure(
    coverage: gpd.GeoDataFrame,
    *,
    zones: gpd.GeoDataFrame | None = None,
    structures: gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    candidates: gpd.GeoDataFrame | None = None,
    title: str | None = None,
    territory: str | None = None,
    date: object = None,
    sources: Mapping[str, str] | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    language: Language = "fr",
    paper: Literal["A4", "A3"] = "A4",
    bounds: tuple[float, float, float, float] | None = None,
    insets: Sequence[Cluster] | None = None,
    towns: int = 8,
    label_every_qpv: bool = False,
    outlines: gpd.GeoDataFrame | None = None,
    note: str | None = None,
    today: dt.date | None = None,
    white_zones: gpd.GeoDataFrame | None = None,
    territories: gpd.GeoDataFrame | None = None,
    basemap: TileSource | None = None,
    epci_outline: gpd.GeoDataFrame | None = None,
) -> Figure:
    """One page of the report map (landscape A4 or A3), ready to print.

    Parameters
    ----------
    coverage, zones, structures, communes, candidates : GeoDataFrame
        As for :func:`avs_geo.maps.coverage_figure`. With a ``departement`` column,
        the communes also give the department outlines (dissolved).
    title : str, optional
        Default: the title of the maps; ``""`` for none.
    territory, date : optional
        Named under the title: ``"QPV de la région Occitanie, situation au 31
        décembre 2022"``.
    sources : mapping, optional
        Item -> source, printed at the foot of the page with the licence.
    full_min, none_max : float, optional
        The thresholds shown in the legend; by default those ``coverage`` was made with
        (its ``full_min`` and ``none_max`` columns, else 0.95 and 0.05).
    paper : {"A4", "A3"}, default "A4"
    bounds : (xmin, ymin, xmax, ymax), optional
        The area shown (an inset page); default: the whole extent of the QPV, zones
        and structures.
    insets : sequence of Cluster, optional
        Frames drawn and numbered on the page (:func:`qpv_clusters`); the QPV inside
        them are labelled on their own page, not on this one.
    towns : int, default 8
        How many main towns to label (communes by ``population`` when the communes
        have it, else by the population of the QPV they hold).
    label_every_qpv : bool, default False
        Label every QPV shown, not only those not fully covered (inset pages).
    outlines : GeoDataFrame, optional
        Department outlines; default: :func:`department_outlines` of ``communes``.
    note : str, optional
        Added to the line under the title (the name of an inset page).
    today : date, optional
        The date printed in the footer (default: today).
    white_zones, territories : GeoDataFrame, optional
        As for :func:`avs_geo.maps.coverage_map`: the communes without any offer
        filled, the planner's territories outlined.
    basemap : TileSource, optional
        A tiled base map under the layers, fetched from the network, its attribution
        printed in the footer (see ``avs_geo.maps.basemap``). None (the default): no
        base map, nothing fetched. When a tile cannot be fetched the page is drawn
        without one, with a warning.
    epci_outline : GeoDataFrame, optional
        The outline of the EPCI of the page (:func:`epci_pages`), drawn dashed in purple
        over the department outlines, with its legend row.

    Returns
    -------
    matplotlib.figure.Figure
        A bare figure (Agg canvas, no pyplot).
    """
    _check_language(language)
    if paper not in PAPER_SIZES:
        raise ParameterError(message(MESSAGES, "paper", choices=sorted(PAPER_SIZES), got=paper))
    layers = check_layers(
        coverage,
        zones=zones,
        structures=structures,
        communes=communes,
        candidates=candidates,
        white_zones=white_zones,
        territories=territories,
    )
    require("matplotlib", extra="maps")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    width, height = PAPER_SIZES[paper]
    scale = width / PAPER_SIZES["A4"][0]
    fig = Figure(figsize=(width, height))  # its base canvas draws nothing until the end
    axes = fig.add_axes(_MAP_BOX)
    axes.set_axis_off()
    w, t = words(language), ATLAS_TEXTS[language]

    if bounds is None:
        # The territory: the QPV, zones and structures, and the communes given with them.
        frames = [
            f
            for f in (layers.coverage, layers.zones, layers.structures, layers.communes)
            if f is not None
        ]
        xs = [f.total_bounds for f in frames if len(f)]
        x0, y0 = min(b[0] for b in xs), min(b[1] for b in xs)
        x1, y1 = max(b[2] for b in xs), max(b[3] for b in xs)
        pad = 0.04 * max(x1 - x0, y1 - y0, 2000.0)
        bounds = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    bounds = _fit(bounds, (_MAP_BOX[2] * width) / (_MAP_BOX[3] * height))
    shown = _clip(layers, bounds)
    if outlines is None and layers.communes is not None and "departement" in layers.communes:
        outlines = department_outlines(layers.communes)
    town_source = shown.communes
    dropped = shown.communes is not None and len(shown.communes) > MAX_COMMUNES
    if dropped:
        # At a region scale thousands of commune outlines grey the map out: departments only.
        shown = dataclasses.replace(shown, communes=None)
    classes, _ = draw_layers(axes, shown)
    if outlines is not None:
        _outline(axes, outlines.geometry, color="#222222", linewidth=1.1 * scale, zorder=2.5)
    if epci_outline is not None:
        _outline(
            axes, epci_outline.geometry, color=EPCI_COLOR, linewidth=2.2 * scale,
            linestyle="--", zorder=2.6,
        )  # fmt: skip
    FigureCanvasAgg(fig)  # now, for the boxes of the labels (geopandas redraws after each plot)
    axes.set_xlim(bounds[0], bounds[2])
    axes.set_ylim(bounds[1], bounds[3])
    axes.set_aspect("equal", adjustable="box")
    axes.set_axis_off()
    drawn_basemap = basemap is not None and draw_basemap(
        axes, basemap, layers.coverage.crs, width_px=int(1600 * scale)
    )
    layers = dataclasses.replace(shown, communes=town_source)

    # The layers drawn: without the commune outlines when they were dropped.
    sections = map_legend(
        shown, classes=classes, full_min=full_min, none_max=none_max, language=language
    )
    if outlines is not None:
        sections.append(Section("", (Entry(t["department_outline"], "line", "#222222"),)))
    if epci_outline is not None:
        sections.append(Section("", (Entry(t["epci_outline"], "line", EPCI_COLOR),)))
    _legend(axes, sections, title=w["legend_title"], language=language)
    # The scale bar goes in the lower corner with fewer QPV.
    points = layers.coverage.geometry.representative_point()
    low = points.y < bounds[1] + 0.15 * (bounds[3] - bounds[1])
    middle = (bounds[0] + bounds[2]) / 2
    crowded_left = int((low & (points.x < middle)).sum()) > int((low & (points.x >= middle)).sum())
    _scale_bar(axes, w["scale_km"], language, right=crowded_left)
    _north_arrow(axes, t["north"])
    axes.add_patch(
        Rectangle((0, 0), 1, 1, transform=axes.transAxes, fill=False, edgecolor="#888888",
                  linewidth=0.6, zorder=10)
    )  # fmt: skip

    inside: set[int] = set()
    for n, cluster in enumerate(insets or (), start=1):
        bx0, by0, bx1, by1 = cluster.bounds
        axes.add_patch(
            Rectangle((bx0, by0), bx1 - bx0, by1 - by0, fill=False, edgecolor="#222222",
                      linewidth=1.0 * scale, linestyle="-", zorder=8)
        )  # fmt: skip
        axes.text(bx0, by1, fill(t["inset_short"], n=str(n)), ha="right", va="bottom",
                  fontsize=9 * scale, fontweight="bold", zorder=9,
                  bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                        "edgecolor": "#222222", "linewidth": 0.8})  # fmt: skip
        inside.update(cluster.rows)

    inside_codes = {str(c) for c in coverage["code_qpv"].iloc[sorted(inside)]}
    rows = [
        i
        for i, code in enumerate(layers.coverage["code_qpv"].astype(str))
        if code not in inside_codes
    ]
    town_labels = _towns(layers, towns)
    town_labels = [
        (x, y, s)
        for x, y, s in town_labels
        if bounds[0] <= x <= bounds[2] and bounds[1] <= y <= bounds[3]
    ]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    avoid = [a.get_window_extent(renderer) for a in axes.texts]  # scale, north, inset numbers
    placed, _ = place_labels(axes, town_labels, fontsize=8.5 * scale, weight="bold", avoid=avoid)
    avoid += [a.get_window_extent(renderer) for a in placed]
    place_labels(
        axes,
        _qpv_labels(layers.coverage, rows, label_every_qpv),
        fontsize=6.5 * scale,
        avoid=avoid,
        color=STATUS_COLORS["none"],
    )

    shown_title = w["title"] if title is None else title
    if shown_title:
        fig.text(0.02, 0.965, shown_title, fontsize=14 * scale, fontweight="bold", va="top")
    subtitle = _subtitle(territory, parse_date(date), language)
    if note:
        subtitle = f"{subtitle} — {note}" if subtitle else note
    if subtitle:
        fig.text(0.02, 0.925, subtitle, fontsize=11 * scale, va="top", color="#333333")
    footer = _footer(sources, language, today or dt.date.today())
    if drawn_basemap:
        assert basemap is not None
        footer = fill(t["basemap"], attribution=basemap.attribution) + "\n" + footer
    fig.text(0.02, 0.015, footer, fontsize=6.5 * scale, va="bottom", color="#444444",
             wrap=True)  # fmt: skip
    return fig


@dataclass(frozen=True)
class EpciPage:
    """An EPCI page of the atlas: its SIREN, name, QPV count, the area shown and outline."""

    siren: str
    name: str
    n_qpv: int
    bounds: tuple[float, float, float, float]
    outline: gpd.GeoDataFrame


def epci_pages(coverage: gpd.GeoDataFrame, communes: gpd.GeoDataFrame | None) -> list[EpciPage]:
    """One atlas page per EPCI holding a QPV, when the communes give their EPCI.

    The communes need ``epci_siren`` (and ``epci_nom`` for the name), as
    ``load_communes(vintage=...)`` gives them; a QPV belongs to the EPCI holding a point
    inside it. Pages come in the order of the EPCI names; none without these columns.

    Examples
    --------
    >>> import shapely
    >>> communes = gpd.GeoDataFrame({"epci_siren": ["1", "1", "2"],
    ...     "epci_nom": ["CA Une", "CA Une", "CC Deux"]},
    ...     geometry=[shapely.box(0, 0, 10_000, 10_000), shapely.box(10_000, 0, 20_000, 10_000),
    ...               shapely.box(30_000, 0, 40_000, 10_000)], crs="EPSG:2154")
    >>> qpv = gpd.GeoDataFrame(geometry=[shapely.box(1000, 1000, 1500, 1500)], crs="EPSG:2154")
    >>> [(p.name, p.n_qpv) for p in epci_pages(qpv, communes)]
    [('CA Une', 1)]
    """
    if communes is None or "epci_siren" not in communes.columns:
        return []
    known = communes[communes["epci_siren"].notna()]
    if len(known) == 0:
        return []
    merged = merge_by(known, "epci_siren")
    names = (
        known.groupby("epci_siren")["epci_nom"].first()
        if "epci_nom" in known.columns
        else pd.Series(merged.index, index=merged.index)
    )
    points = coverage.geometry.representative_point().to_numpy()
    _, where = merged.sindex.query(points, predicate="within")
    counts = pd.Series(where).value_counts()
    pages = []
    for position, n in zip(counts.index.to_numpy(), counts.to_numpy(), strict=True):
        siren = str(merged.index[int(position)])
        geom = merged.geometry.iloc[int(position)]
        x0, y0, x1, y1 = geom.bounds
        pad = 0.05 * max(x1 - x0, y1 - y0, 2000.0)
        pages.append(
            EpciPage(
                siren=siren,
                name=str(names.get(siren, siren)),
                n_qpv=int(n),
                bounds=(x0 - pad, y0 - pad, x1 + pad, y1 + pad),
                outline=merged.iloc[[int(position)]],
            )
        )
    return sorted(pages, key=lambda p: (p.name, p.siren))


def write_report_map(
    coverage: gpd.GeoDataFrame,
    path: str | os.PathLike[str],
    *,
    svg: str | os.PathLike[str] | None = None,
    pdf: str | os.PathLike[str] | None = None,
    zones: gpd.GeoDataFrame | None = None,
    structures: gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    candidates: gpd.GeoDataFrame | None = None,
    title: str | None = None,
    territory: str | None = None,
    date: object = None,
    sources: Mapping[str, str] | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    language: Language = "fr",
    paper: Literal["A4", "A3"] = "A4",
    dpi: int = 300,
    cluster_distance_m: float = 3000.0,
    cluster_min_qpv: int = 4,
    today: dt.date | None = None,
    white_zones: gpd.GeoDataFrame | None = None,
    territories: gpd.GeoDataFrame | None = None,
    by_epci: bool = True,
    basemap: TileSource | None = None,
) -> dict[str, Path]:
    """Write the report map: the page as PNG (print resolution), SVG, and a PDF atlas.

    Parameters
    ----------
    coverage : GeoDataFrame
        Per-QPV coverage.
    path : str or path-like
        The PNG of the territory's page (``dpi`` dots per inch).
    svg, pdf : str or path-like, optional
        Also write the page as SVG, and the atlas as a PDF: the territory's page, then
        one page per cluster of QPV (:func:`qpv_clusters`), each QPV labelled.
    zones, structures, communes, candidates, title, territory, date, sources, full_min, none_max, language, paper, today, white_zones, territories
        As for :func:`report_figure`.
    dpi : int, default 300
    cluster_distance_m, cluster_min_qpv
        As ``distance_m`` and ``min_qpv`` of :func:`qpv_clusters`.
    by_epci : bool, default True
        When the communes give their EPCI (``epci_siren``, ``epci_nom``: communes of a
        vintage), the atlas also has one page per EPCI holding a QPV
        (:func:`epci_pages`), after the cluster pages, its outline drawn.
    basemap : TileSource, optional
        As for :func:`report_figure`: off by default.

    Returns
    -------
    dict of str to pathlib.Path
        ``"png"``, and ``"svg"`` / ``"pdf"`` when asked.
    """
    require("matplotlib", extra="maps")
    from matplotlib.backends.backend_pdf import PdfPages

    pages = atlas_pages(
        coverage,
        zones=zones,
        structures=structures,
        communes=communes,
        candidates=candidates,
        title=title,
        territory=territory,
        date=date,
        sources=sources,
        full_min=full_min,
        none_max=none_max,
        language=language,
        paper=paper,
        cluster_distance_m=cluster_distance_m,
        cluster_min_qpv=cluster_min_qpv,
        today=today,
        by_epci=by_epci,
        basemap=basemap,
        white_zones=white_zones,
        territories=territories,
    )
    _, page = next(pages)
    written = {"png": Path(path)}
    # Fixed metadata: the same input gives the same bytes.
    page.savefig(written["png"], dpi=dpi, metadata={"Software": None})
    if svg is not None:
        written["svg"] = Path(svg)
        from matplotlib import rc_context

        with rc_context({"svg.hashsalt": "avs_geo"}):  # element ids from a hash, not random
            page.savefig(written["svg"], metadata={"Date": None}, format="svg")
    if pdf is not None:
        written["pdf"] = Path(pdf)
        stamp = dt.datetime.combine(today or dt.date.today(), dt.time(), tzinfo=dt.UTC)
        from matplotlib import rc_context

        # zlib's fastest level: half the writing time of the default (6) at national
        # scale, for a file about a fifth larger; the drawing is the same.
        with (
            rc_context({"pdf.compression": 1}),
            PdfPages(written["pdf"], metadata={"CreationDate": stamp, "ModDate": stamp}) as doc,
        ):
            doc.savefig(page)
            for _, more in pages:
                doc.savefig(more)
    return written


def atlas_pages(
    coverage: gpd.GeoDataFrame,
    *,
    zones: gpd.GeoDataFrame | None = None,
    structures: gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    candidates: gpd.GeoDataFrame | None = None,
    title: str | None = None,
    territory: str | None = None,
    date: object = None,
    sources: Mapping[str, str] | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    language: Language = "fr",
    paper: Literal["A4", "A3"] = "A4",
    cluster_distance_m: float = 3000.0,
    cluster_min_qpv: int = 4,
    today: dt.date | None = None,
    by_epci: bool = True,
    basemap: TileSource | None = None,
    white_zones: gpd.GeoDataFrame | None = None,
    territories: gpd.GeoDataFrame | None = None,
) -> Iterator[tuple[str, Figure]]:
    """The pages of the atlas, one figure at a time: ``("territoire", page)``, then
    ``("zoom-1", page)``... for the clusters and ``("epci-<SIREN>", page)`` for the EPCI.

    The pages :func:`write_report_map` puts in the PDF (same parameters), drawn only
    when asked for: save one as PNG to show a page without a PDF renderer.

    Examples
    --------
    >>> import shapely
    >>> cov = gpd.GeoDataFrame({"code_qpv": ["QP031001"], "nom_qpv": ["A"],
    ...     "coverage_ratio": [1.0], "coverage_status": ["full"]},
    ...     geometry=[shapely.box(574000, 6280000, 574300, 6280300)], crs="EPSG:2154")
    >>> [name for name, _ in atlas_pages(cov)]
    ['territoire']
    """
    clusters = qpv_clusters(coverage, distance_m=cluster_distance_m, min_qpv=cluster_min_qpv)
    outlines = (
        department_outlines(communes)
        if communes is not None and "departement" in communes.columns
        else None
    )
    common: dict[str, Any] = {
        "outlines": outlines,
        "zones": zones,
        "structures": structures,
        "communes": communes,
        "candidates": candidates,
        "white_zones": white_zones,
        "territories": territories,
        "sources": sources,
        "full_min": full_min,
        "none_max": none_max,
        "language": language,
        "paper": paper,
        "today": today,
        "basemap": basemap,
        "title": title,
        "territory": territory,
        "date": date,
    }
    page = report_figure(coverage, insets=clusters, **common)
    if basemap is not None and not page.axes[0].images:
        common["basemap"] = None  # not fetched for the first page: not tried again (one warning)
    yield "territoire", page
    t = ATLAS_TEXTS[language]
    for n, cluster in enumerate(clusters, start=1):
        yield (
            f"zoom-{n}",
            report_figure(
                coverage,
                bounds=cluster.bounds,
                label_every_qpv=True,
                towns=3,
                note=fill(t["inset"], n=str(n), name=cluster.name),
                **common,
            ),
        )
    for epci in epci_pages(coverage, communes) if by_epci else ():
        yield (
            f"epci-{epci.siren}",
            report_figure(
                coverage,
                bounds=epci.bounds,
                label_every_qpv=True,
                towns=3,
                note=fill(t["epci_page"], name=epci.name, n=str(epci.n_qpv)),
                epci_outline=epci.outline,
                **common,
            ),
        )
