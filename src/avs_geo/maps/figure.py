"""The static coverage map for reports: a matplotlib figure, no base map.

Same classes, colours, symbols and legend as the web map (:mod:`avs_geo.maps.legend`
gives the entries to both). Drawn in the layers' own projected CRS (Lambert-93), with
a scale bar in kilometres; nothing is fetched from the network.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._i18n import STATUS_COLORS, STATUSES, TYPE_COLORS, Language
from avs_geo._optional import require
from avs_geo.maps._geometry import merge_by
from avs_geo.maps._inputs import MapLayers, check_layers
from avs_geo.maps.legend import Section, map_legend, map_title
from avs_geo.maps.symbology import (
    COMMUNE_COLOR,
    MPL_MARKERS,
    NO_OFFER_COLOR,
    NO_OFFER_OPACITY,
    STRUCTURE_SHAPES,
    TERRITORY_COLOR,
    ZONE_OPACITY,
    ScoreClasses,
    score_classes,
    words,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "SMALL_SCALE_RATIO",
    "changes_figure",
    "coverage_figure",
    "draw_layers",
    "series_figure",
]


def coverage_figure(
    coverage: gpd.GeoDataFrame,
    *,
    zones: gpd.GeoDataFrame | None = None,
    structures: gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    candidates: gpd.GeoDataFrame | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    language: Language = "fr",
    figsize: tuple[float, float] = (10.0, 8.0),
    white_zones: gpd.GeoDataFrame | None = None,
    territories: gpd.GeoDataFrame | None = None,
    date: object = None,
    territory: str | None = None,
) -> Figure:
    """Draw the coverage map as a matplotlib figure (for a PNG or PDF report).

    QPV are filled with the colour of their coverage class (and outlined with it, so
    that a small QPV still shows as a dot at the scale of a region), zones are
    semi-transparent in the colour of their type, structures are circles (centre
    social) and diamonds (EVS), candidate sites stars coloured by score class,
    communes grey outlines. The legend (in French by default) gives the QPV count
    of each class and, for a measured coverage (``coverage_ratio``), the thresholds.

    Parameters
    ----------
    coverage, zones, structures, communes, candidates : GeoDataFrame
        As for :func:`avs_geo.maps.coverage_map` (same checks).
    white_zones, territories : GeoDataFrame, optional
        As for :func:`avs_geo.maps.coverage_map`: the communes without any offer
        filled, the planner's territories outlined.
    full_min, none_max : float, optional
        By default those ``coverage`` was made with (its ``full_min`` and ``none_max``
        columns, else 0.95 and 0.05).
        As for :func:`avs_geo.maps.coverage_map`.
    ax : matplotlib Axes, optional
        Draw into this Axes; by default a new figure is made (Agg, no display).
    title : str, optional
        ``None`` for the default title (with ``territory`` and ``date`` when given),
        ``""`` for none.
    language : {"fr", "en"}, default "fr"
    figsize : (float, float), default (10, 8)
        Size in inches of a new figure.
    date : str or date, optional
        The date of the situation, in the default title (``au 31 décembre 2022``).
    territory : str, optional
        The territory as the report sentence words it (``"du Nord"``), in the default
        title.

    Returns
    -------
    matplotlib.figure.Figure
        Save it with ``fig.savefig("carte.png", dpi=150)``.

    Examples
    --------
    >>> import shapely
    >>> cov = gpd.GeoDataFrame(
    ...     {"code_qpv": ["QP031001"], "nom_qpv": ["A"], "coverage_ratio": [0.5],
    ...      "coverage_status": ["partial"]},
    ...     geometry=[shapely.box(574000, 6280000, 574500, 6280400)], crs="EPSG:2154")
    >>> fig = coverage_figure(cov)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]  # doctest: +NORMALIZE_WHITESPACE
    ['Couvert en totalité (≥\xa095\xa0%) (0)', 'Couvert partiellement (5–95\xa0%) (1)',
     'Non couvert (≤\xa05\xa0%) (0)']
    """
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
    from matplotlib.figure import Figure

    w = words(language)
    if ax is None:
        # A bare Figure (no pyplot): no GUI backend, no global state, nothing to close.
        fig = Figure(figsize=figsize, layout="constrained")
        axes = fig.add_subplot()
    else:
        axes = ax
        fig = ax.get_figure()  # type: ignore[assignment]

    classes, _ = draw_layers(axes, layers)

    sections = map_legend(
        layers, classes=classes, full_min=full_min, none_max=none_max, language=language
    )
    _legend(axes, sections, title=w["legend_title"], language=language)
    shown_title = (
        map_title(date=date, territory=territory, language=language) if title is None else title
    )
    if shown_title:
        axes.set_title(shown_title, fontsize=12, fontweight="bold", wrap=True)
    axes.set_aspect("equal")
    axes.set_axis_off()
    _scale_bar(axes, w["scale_km"], language)
    return fig


def draw_layers(axes: Axes, layers: MapLayers) -> tuple[ScoreClasses | None, bool]:
    """Draw the checked layers on ``axes``: communes, zones, QPV, sites, structures.

    Returns the score classes of the candidate sites (None without sites) and whether
    the QPV were also drawn as squares (map at a department or region scale).
    """
    if layers.white_zones is not None:
        white = layers.white_zones[layers.white_zones["no_offer"].astype(bool).to_numpy()]
        if len(white):
            _fill(axes, white.geometry, facecolor=NO_OFFER_COLOR, alpha=NO_OFFER_OPACITY,
                  edgecolor="none", zorder=0.5)  # fmt: skip
    if layers.communes is not None:
        _outline(axes, layers.communes.geometry, color=COMMUNE_COLOR, linewidth=0.4, zorder=1)
    if layers.territories is not None and len(layers.territories):
        _outline(
            axes, merge_by(layers.territories, "territoire").geometry, color=TERRITORY_COLOR,
            linewidth=1.6, zorder=2.5,
        )  # fmt: skip
    if layers.zones is not None:
        for kind, color in TYPE_COLORS.items():
            part = layers.zones[layers.zones["type"] == kind]
            if len(part):
                _fill(axes, part.geometry, facecolor=color, alpha=ZONE_OPACITY, edgecolor="none",
                      zorder=2)  # fmt: skip
                _outline(axes, part.geometry, color=color, linewidth=0.8,
                         linestyle=(0, (4, 3)), zorder=2)  # fmt: skip
    for status in STATUSES:
        part = layers.coverage[layers.coverage["coverage_status"] == status]
        if len(part):
            color = STATUS_COLORS[status]
            _fill(axes, part.geometry, facecolor=color, edgecolor=color, linewidth=1.2, zorder=3)
    axes.autoscale_view()
    small_scale = _small_scale(layers.coverage, layers.communes, layers.zones)
    if small_scale:
        # At a department or region scale a QPV is a few pixels wide: draw each one as a
        # square of its class colour too (the usual symbol for small areas on
        # small-scale maps), under the structure markers so both stay visible.
        for status in STATUSES:
            part = layers.coverage[layers.coverage["coverage_status"] == status]
            if len(part):
                points = part.geometry.representative_point()
                axes.scatter(
                    points.x, points.y, c=STATUS_COLORS[status], marker="s", s=70,
                    edgecolors="#222222", linewidths=0.5, zorder=4,
                )  # fmt: skip
    classes = None
    if layers.candidates is not None:
        classes = score_classes(layers.candidates["score"])
        idx = np.maximum(classes.classify(layers.candidates["score"]), 0)
        colors = [classes.colors[i] for i in idx]
        points = layers.candidates.geometry.representative_point()
        axes.scatter(
            points.x, points.y, c=colors, marker="*", s=160, edgecolors="#222222",
            linewidths=0.6, zorder=5,
        )  # fmt: skip
    if layers.structures is not None:
        for kind, color in TYPE_COLORS.items():
            part = layers.structures[layers.structures["type"] == kind]
            if len(part):
                marker = MPL_MARKERS[STRUCTURE_SHAPES[kind]]
                axes.scatter(
                    part.geometry.x, part.geometry.y, c=color, marker=marker,
                    s=22 if small_scale else 40, edgecolors="white", linewidths=0.8, zorder=6,
                )  # fmt: skip

    return classes, small_scale


def _ring_path(geoms: Any, *, orient: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rings of the polygons (and the lines) of ``geoms`` as one vertex array.

    Returns the vertices, their matplotlib path codes (``MOVETO`` at the start of each
    ring, ``LINETO`` elsewhere: no ``CLOSEPOLY``, a shapely ring repeats its first point,
    so that matplotlib may simplify the path at the resolution it draws) and, for each
    vertex, the position of its geometry in ``geoms``. With ``orient``, exteriors turn
    counter-clockwise and holes clockwise, so that a fill leaves the holes empty.
    """
    from matplotlib.path import Path

    geoms = np.asarray(geoms, dtype=object)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    kinds = shapely.get_type_id(parts)
    polygons = kinds == 3
    shells = shapely.orient_polygons(parts[polygons]) if orient else parts[polygons]
    rings, ring_owner = shapely.get_rings(shells, return_index=True)
    lines = parts[(kinds == 1) | (kinds == 2)]
    pieces = np.concatenate([rings, lines])
    piece_owner = np.concatenate([owner[polygons][ring_owner], owner[(kinds == 1) | (kinds == 2)]])
    xy, index = shapely.get_coordinates(pieces, return_index=True)
    codes = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
    if len(xy):
        codes[np.r_[0, np.flatnonzero(np.diff(index)) + 1]] = Path.MOVETO
    return xy, codes, piece_owner[index]


def _paths(geoms: Any) -> list[Any]:
    """One matplotlib path per geometry (its exterior and holes), in order, empty skipped."""
    from matplotlib.path import Path

    xy, codes, owner = _ring_path(geoms, orient=True)
    if not len(xy):
        return []
    order = np.argsort(owner, kind="stable")  # rings of a geometry together, in order
    xy, codes, owner = xy[order], codes[order], owner[order]
    cuts = np.flatnonzero(np.diff(owner)) + 1
    return [Path(v, c) for v, c in zip(np.split(xy, cuts), np.split(codes, cuts), strict=True)]


def _fill(axes: Axes, geoms: Any, **style: Any) -> None:
    """The polygons of ``geoms`` filled, one path each, as one collection."""
    from matplotlib.collections import PathCollection

    paths = _paths(geoms)
    if paths:
        axes.add_collection(PathCollection(paths, **style), autolim=True)


def _outline(
    axes: Axes, geoms: Any, *, color: str, linewidth: float, zorder: float, **style: Any
) -> None:
    """The outlines of ``geoms`` (rings of polygons, lines) drawn as one path."""
    from matplotlib.collections import PathCollection
    from matplotlib.path import Path

    xy, codes, _ = _ring_path(geoms)
    if len(xy):
        axes.add_collection(
            PathCollection(
                [Path(xy, codes)], facecolors="none", edgecolors=color, linewidths=linewidth,
                zorder=zorder, **style,
            ),
            autolim=True,
        )  # fmt: skip


SMALL_SCALE_RATIO = 0.01
"""QPV are drawn as squares too when their median width is under 1 % of the map's width."""


def _small_scale(coverage: gpd.GeoDataFrame, *others: gpd.GeoDataFrame | None) -> bool:
    frames = [coverage, *(f for f in others if f is not None and len(f))]
    xmin = min(f.total_bounds[0] for f in frames)
    xmax = max(f.total_bounds[2] for f in frames)
    bounds = coverage.geometry.bounds
    widths = (bounds["maxx"] - bounds["minx"]).to_numpy()
    extent = xmax - xmin
    return bool(extent > 0 and float(np.median(widths)) < SMALL_SCALE_RATIO * extent)


def _legend(axes: Axes, sections: list[Section], *, title: str, language: Language) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from avs_geo._typography import format_number

    handles: list[Any] = []
    labels: list[str] = []
    headings: set[int] = set()
    for section in sections:
        if section.title:
            headings.add(len(labels))
            handles.append(Patch(facecolor="none", edgecolor="none"))
            labels.append(section.title)
        for entry in section.entries:
            label = entry.label
            if entry.count is not None:
                label += f" ({format_number(entry.count, language=language)})"
            if entry.kind == "fill":
                handles.append(Patch(facecolor=entry.color, edgecolor=entry.color))
            elif entry.kind == "zone":
                handles.append(
                    Patch(
                        facecolor=(*_rgb(entry.color), ZONE_OPACITY),
                        edgecolor=entry.color,
                        linestyle="--",
                    )
                )
            elif entry.kind == "white":
                handles.append(
                    Patch(
                        facecolor=(*_rgb(entry.color), NO_OFFER_OPACITY),
                        edgecolor=entry.color,
                    )
                )
            elif entry.kind == "line":
                handles.append(Line2D([], [], color=entry.color, linewidth=0.8))
            else:
                star = entry.shape == "star"
                handles.append(
                    Line2D(
                        [], [], linestyle="none", marker=MPL_MARKERS[entry.shape],
                        markersize=12 if star else 7, markerfacecolor=entry.color,
                        markeredgecolor="#222222" if star else "white",
                    )
                )  # fmt: skip
            labels.append(label)
    legend = axes.legend(
        handles, labels, title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0),
        fontsize=8, title_fontsize=9, frameon=False, alignment="left",
    )  # fmt: skip
    for i, text in enumerate(legend.get_texts()):
        if i in headings:
            text.set_fontweight("bold")


def _rgb(color: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(color)


def _scale_bar(axes: Axes, unit: str, language: Language, *, right: bool = False) -> None:
    """A bar of a round number of kilometres, about a fifth of the map width, in the
    lower left corner (lower right when ``right``)."""
    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    target = (x1 - x0) / 5
    if target <= 0:
        return
    exponent = math.floor(math.log10(target))
    length = max(m * 10**exponent for m in (1, 2, 5) if m * 10**exponent <= target)
    left, base = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.04
    if right:
        left = x1 - (x1 - x0) * 0.04 - length
    axes.plot([left, left + length], [base, base], color="#222222", linewidth=3, zorder=7)
    km = length / 1000
    shown = f"{km:g}".replace(".", ",") if language == "fr" else f"{km:g}"
    axes.text(left + length / 2, base + (y1 - y0) * 0.012, f"{shown} {unit}", ha="center",
              va="bottom", fontsize=8, zorder=7)  # fmt: skip


def series_figure(
    series: pd.DataFrame,
    *,
    language: Language = "fr",
    title: str | None = None,
    figsize: tuple[float, float] = (9.0, 5.0),
) -> Figure:
    """A line chart of :func:`avs_geo.coverage.series.coverage_series` (one group).

    Left: the number of QPV of each class at each date, in the classes' colours;
    right: the share of the QPV population covered (dashed, in %).

    Examples
    --------
    >>> import datetime as dt
    >>> series = pd.DataFrame({"date": [dt.date(2021, 12, 31), dt.date(2022, 12, 31)],
    ...     "n_full": [3, 4], "n_partial": [1, 1], "n_none": [2, 1],
    ...     "covered_share": [0.5, 0.6]})
    >>> fig = series_figure(series)
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['Couvert en totalité', 'Couvert partiellement', 'Non couvert']
    """
    require("matplotlib", extra="maps")
    from matplotlib.figure import Figure

    from avs_geo._i18n import status_label

    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.add_subplot()
    days = pd.to_datetime(series["date"])
    for status in STATUSES:
        axes.plot(days, series[f"n_{status}"], marker="o", color=STATUS_COLORS[status],
                  label=status_label(status, language), linewidth=2)  # fmt: skip
    axes.set_ylabel("Nombre de QPV" if language == "fr" else "Number of QPV")
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", color="#dddddd")
    # one tick per date of the series, written as the tables write it
    axes.set_xticks(days.to_numpy())
    axes.set_xticklabels(
        [d.strftime("%d/%m/%Y") if language == "fr" else d.date().isoformat() for d in days]
    )
    handles, labels = axes.get_legend_handles_labels()
    if "covered_share" in series and series["covered_share"].notna().any():
        share = axes.twinx()
        share_label = (
            "Part de la population couverte (%)"
            if language == "fr"
            else "Share of the population covered (%)"
        )
        share.plot(days, series["covered_share"] * 100, color="#444444", linestyle="--",
                   marker="s", label=share_label)  # fmt: skip
        share.set_ylim(0, 100)
        share.set_ylabel(share_label)
        more = share.get_legend_handles_labels()
        handles, labels = handles + more[0], labels + more[1]
    axes.legend(
        handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=4, fontsize=8,
        frameon=False,
    )  # fmt: skip
    shown = words(language)["title"] if title is None else title
    if shown:
        axes.set_title(shown, fontsize=11, fontweight="bold", wrap=True)
    return fig


CHANGE_MARKERS = {"better": "^", "worse": "v"}
"""Matplotlib marker of a QPV better covered (up) and less covered (down)."""


def changes_figure(
    coverage: gpd.GeoDataFrame,
    changes: pd.DataFrame,
    *,
    communes: gpd.GeoDataFrame | None = None,
    title: str | None = None,
    territory: str | None = None,
    language: Language = "fr",
    figsize: tuple[float, float] = (10.0, 8.0),
) -> Figure:
    """A map of the QPV whose coverage class changed between the first and the last date.

    Each QPV whose class went up is a triangle pointing up, each one whose class went
    down a triangle pointing down, both in the colour of the class at the last date and
    labelled with the QPV's name; the QPV of unchanged class are small grey dots, the
    communes grey outlines. The legend counts each kind.

    Parameters
    ----------
    coverage : GeoDataFrame
        The coverage at any of the dates (its QPV polygons place the marks).
    changes : DataFrame
        ``avs_geo.coverage.series.class_changes`` of the dates.
    communes : GeoDataFrame, optional
        Commune outlines, for context.
    title : str, optional
        ``None`` for the default title (the two dates and ``territory``), ``""`` for none.
    territory : str, optional
        As the report sentence words it (``"du Nord"``).
    language : {"fr", "en"}, default "fr"
    figsize : (float, float), default (10, 8)

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import shapely
    >>> cov = gpd.GeoDataFrame({"code_qpv": ["Q1", "Q2"], "nom_qpv": ["A", "B"],
    ...     "coverage_ratio": [0.5, 1.0], "coverage_status": ["partial", "full"]},
    ...     geometry=[shapely.box(0, 0, 400, 400), shapely.box(5000, 0, 5400, 400)],
    ...     crs="EPSG:2154")
    >>> changes = pd.DataFrame({"code_qpv": ["Q1", "Q2"], "nom_qpv": ["A", "B"],
    ...     "status_first": ["none", "full"], "status_last": ["partial", "full"],
    ...     "change": ["better", "same"], "status_2021-12-31": ["none", "full"],
    ...     "status_2022-12-31": ["partial", "full"]})
    >>> fig = changes_figure(cov, changes)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][:3]
    ['Mieux couvert (1)', 'Moins bien couvert (0)', 'Classe inchangée (1)']
    """
    layers = check_layers(coverage, communes=communes)
    require("matplotlib", extra="maps")
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from avs_geo._dates import format_date
    from avs_geo.maps.symbology import fill

    w = words(language)
    frame = layers.coverage[["code_qpv", "geometry"]].copy()
    frame["code_qpv"] = frame["code_qpv"].astype(str)
    keyed = changes.assign(code_qpv=changes["code_qpv"].astype(str)).set_index("code_qpv")
    frame = frame[frame["code_qpv"].isin(keyed.index)]
    points = frame.geometry.representative_point()
    change = keyed["change"].reindex(frame["code_qpv"]).to_numpy()
    last = keyed["status_last"].reindex(frame["code_qpv"]).to_numpy()
    names = keyed["nom_qpv"].reindex(frame["code_qpv"]).to_numpy()

    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.add_subplot()
    if layers.communes is not None:
        from avs_geo.maps._geometry import merge_by

        _outline(axes, layers.communes.geometry, color="#c8c8c8", linewidth=0.2, zorder=1)
        _outline(
            axes, merge_by(layers.communes, "departement").geometry, color=COMMUNE_COLOR,
            linewidth=0.8, zorder=1,
        )  # fmt: skip
    same = change == "same"
    axes.scatter(points.x[same], points.y[same], c="#bbbbbb", s=14, linewidths=0, zorder=2)
    handles: list[Any] = []
    labels: list[str] = []
    for kind in ("better", "worse"):
        mask = change == kind
        colors = [STATUS_COLORS[str(s)] for s in last[mask]]
        axes.scatter(
            points.x[mask], points.y[mask], c=colors, marker=CHANGE_MARKERS[kind], s=110,
            edgecolors="#111111", linewidths=0.8, zorder=4,
        )  # fmt: skip
        for x, y, name in zip(points.x[mask], points.y[mask], names[mask], strict=True):
            axes.annotate(
                str(name), (x, y), xytext=(6, 4), textcoords="offset points", fontsize=7,
                zorder=5, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                "alpha": 0.8},
            )  # fmt: skip
        handles.append(
            Line2D([], [], linestyle="none", marker=CHANGE_MARKERS[kind], markersize=9,
                   markerfacecolor="#888888", markeredgecolor="#111111")
        )  # fmt: skip
        labels.append(f"{w[f'change_{kind}']} ({int(mask.sum())})")
    handles.append(Line2D([], [], linestyle="none", marker="o", markersize=4,
                          markerfacecolor="#bbbbbb", markeredgecolor="none"))  # fmt: skip
    labels.append(f"{w['change_same']} ({int(same.sum())})")
    days = sorted(c.removeprefix("status_") for c in changes.columns
                  if c.startswith("status_") and c not in ("status_first", "status_last"))  # fmt: skip
    first_day = format_date(days[0], language=language) if days else ""
    last_day = format_date(days[-1], language=language) if days else ""
    from matplotlib.patches import Patch

    from avs_geo._i18n import status_label

    for status in STATUSES:
        handles.append(Patch(facecolor=STATUS_COLORS[status], edgecolor=STATUS_COLORS[status]))
        labels.append(status_label(status, language))
    axes.legend(
        handles, labels, title=fill(w["changes_legend"], last=last_day), loc="upper left",
        bbox_to_anchor=(1.01, 1.0), fontsize=8, title_fontsize=9, frameon=False,
        alignment="left",
    )  # fmt: skip
    shown = title
    if shown is None:
        shown = fill(
            w["changes_title"],
            territory=f" {territory.strip()}" if territory and territory.strip() else "",
            first=first_day,
            last=last_day,
        )
    if shown:
        axes.set_title(shown, fontsize=12, fontweight="bold", wrap=True)
    axes.set_aspect("equal")
    axes.set_axis_off()
    _scale_bar(axes, w["scale_km"], language)
    return fig
