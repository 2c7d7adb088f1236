"""The map of the network by territory: centres sociaux and EVS counted in each territory.

The Sdsf of the CAF du Nord prints a "Carte des centres sociaux du Nord": each
territory (Flandre, Métropole européenne de Lille...) with its number of centres
sociaux. :func:`network_figure` draws it from the communes, the structures and the
planner's territories: the communes merged per territory, filled by the number of
centres sociaux, each labelled with its name and its counts of CS and EVS.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from avs_geo._dates import DateLike, format_date
from avs_geo._i18n import Language, _check_language
from avs_geo._optional import require
from avs_geo._validate import check_geodataframe
from avs_geo.maps._geometry import merge_by
from avs_geo.maps.figure import _scale_bar
from avs_geo.maps.symbology import TERRITORY_COLOR, fill, words
from avs_geo.report.territories import commune_groups, structure_counts

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["network_figure"]

_FILL = "Blues"  # sequential: more centres sociaux, darker


def network_figure(
    communes: gpd.GeoDataFrame,
    structures: pd.DataFrame,
    *,
    by: str = "territoire",
    territories: pd.DataFrame | Mapping[str, str] | pd.Series | None = None,
    at: DateLike | None = None,
    title: str | None = None,
    language: Language = "fr",
    figsize: tuple[float, float] = (10.0, 8.0),
) -> Figure:
    """Draw the centres sociaux and EVS counted by territory (or EPCI, department).

    Parameters
    ----------
    communes : GeoDataFrame
        The communes (``load_communes``), with the column of the level (``epci_nom``
        for ``by="epci"``), in a projected CRS.
    structures : DataFrame
        The structures (``load_structures``), counted in the commune of their location.
    by : {"territoire", "epci", "departement"}, default "territoire"
        The grouping; ``"territoire"`` needs ``territories``.
    territories : DataFrame or mapping, optional
        The planner's territories (``load_territories``).
    at : date, optional
        Count the structures active that day (``"31/12/2022"``); None counts them all.
    title : str, optional
        Default: "Centres sociaux et EVS par territoire au <date>"; ``""`` for none.
    language : {"fr", "en"}, default "fr"
    figsize : (float, float), default (10, 8)

    Returns
    -------
    matplotlib.figure.Figure
        Each group filled by its number of centres sociaux (darker: more) and labelled
        "<name> / <n> CS · <m> EVS"; save it with ``fig.savefig(path, dpi=150)``.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point, box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59001", "59002"]},
    ...     geometry=[box(0, 0, 1e4, 1e4), box(1e4, 0, 2e4, 1e4)], crs="EPSG:2154")
    >>> structures = gpd.GeoDataFrame({"structure_id": ["A", "B"],
    ...     "type": ["centre_social", "evs"]},
    ...     geometry=[Point(1, 1), Point(15e3, 5)], crs="EPSG:2154")
    >>> fig = network_figure(communes, structures,
    ...     territories={"59001": "Flandre", "59002": "Cambrésis"})
    >>> sorted(t.get_text() for t in fig.axes[0].texts if "EVS" in t.get_text())
    ['Cambrésis\\n0 CS · 1 EVS', 'Flandre\\n1 CS · 0 EVS']
    """
    _check_language(language)
    communes = check_geodataframe(communes, "communes")
    counts = structure_counts(
        structures, communes, by=by, territories=territories, at=at, language=language
    )
    require("matplotlib", extra="maps")
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.figure import Figure

    w = words(language)
    groups = commune_groups(communes, by, territories=territories, language=language)[by]
    merged = merge_by(communes.assign(_group=groups.to_numpy()), "_group")
    merged = merged.join(counts, how="left").fillna({"centre_social": 0, "evs": 0})

    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.add_subplot()
    cmap = colormaps[_FILL]
    norm = Normalize(vmin=0, vmax=max(1.0, float(merged["centre_social"].max())))
    for _, row in merged.iterrows():
        # light to mid blues: the labels stay readable on every fill
        color = cmap(0.15 + 0.6 * norm(float(row["centre_social"])))
        gpd.GeoSeries([row.geometry], crs=merged.crs).plot(
            ax=axes, facecolor=color, edgecolor=TERRITORY_COLOR, linewidth=1.2
        )
    points = merged.geometry.representative_point()
    for (name, row), point in zip(merged.iterrows(), points, strict=True):
        label = fill(
            w["network_label"],
            cs=str(int(row["centre_social"])),
            evs=str(int(row["evs"])),
        )
        axes.text(
            point.x, point.y, f"{name}\n{label}", ha="center", va="center", fontsize=8.5,
            fontweight="bold", color="#111111",
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "alpha": 0.8,
                  "edgecolor": "none"},
        )  # fmt: skip
    when = format_date(at, language=language) if at is not None else ""
    default = fill(w["network_title"], date=fill(w["title_date"], date=when) if when else "")
    shown = default if title is None else title
    if shown:
        axes.set_title(shown, fontsize=12, fontweight="bold", wrap=True)
    total_cs, total_evs = int(np.sum(counts["centre_social"])), int(np.sum(counts["evs"]))
    fig.text(
        0.01,
        0.01,
        f"{w['network_legend']} ({fill(w['network_label'], cs=str(total_cs), evs=str(total_evs))})",
        fontsize=8,
        color="#333333",
    )
    axes.set_aspect("equal")
    axes.set_axis_off()
    _scale_bar(axes, w["scale_km"], language)
    return fig
