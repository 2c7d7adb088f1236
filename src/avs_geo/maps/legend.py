"""The categorical legend of a coverage map, as HTML (folium has no legend of its own).

Coverage classes come first, always all three with their QPV counts and, for a
measured coverage (it has ``coverage_ratio``), the thresholds ``full_min`` and
``none_max`` given with it: a tolerance is chosen and shown, not hidden. Zone and structure
types follow (only those present), then the score classes of candidate sites and the
commune outlines. Every text is escaped; the entries are those of
:func:`legend_entries`, which the static figure draws too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from avs_geo._dates import format_date
from avs_geo._i18n import STATUS_COLORS, STATUSES, TYPE_COLORS, Language, status_label, type_label
from avs_geo._i18n.territories import NO_OFFER_LABEL
from avs_geo._typography import format_number, format_ratio
from avs_geo.coverage.classify import check_classes
from avs_geo.maps import _format as fmt
from avs_geo.maps.layers import score_digits, symbol_svg
from avs_geo.maps.symbology import (
    COMMUNE_COLOR,
    NO_OFFER_COLOR,
    NO_OFFER_OPACITY,
    STRUCTURE_SHAPES,
    TERRITORY_COLOR,
    ZONE_OPACITY,
    ScoreClasses,
    fill,
    words,
)

if TYPE_CHECKING:
    from avs_geo.maps._inputs import MapLayers

__all__ = [
    "Entry",
    "Section",
    "legend_entries",
    "legend_html",
    "map_legend",
    "map_title",
    "with_approximate_entry",
]


@dataclass(frozen=True)
class Entry:
    """One legend row: a plain-text label, its symbol and an optional count."""

    label: str
    kind: str  # "fill", "zone", "white", "symbol", "hollow" (a symbol drawn hollow), "line",
    # "number" (shape: the number shown)
    color: str
    shape: str = ""
    count: int | None = None
    after: int | None = None  # a second count, shown as "count → after"


@dataclass(frozen=True)
class Section:
    """A titled group of rows (the first section has no sub-title)."""

    title: str
    entries: tuple[Entry, ...]


def legend_entries(
    coverage: pd.DataFrame,
    *,
    zones: gpd.GeoDataFrame | None = None,
    structures: gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    candidates: gpd.GeoDataFrame | None = None,
    classes: ScoreClasses | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    language: Language = "fr",
    white_zones: gpd.GeoDataFrame | None = None,
    territories: gpd.GeoDataFrame | None = None,
) -> list[Section]:
    """The sections and rows of the legend, in reading order.

    Examples
    --------
    >>> cov = pd.DataFrame({"coverage_status": ["full", "none", "none"]})
    >>> [(e.label, e.count) for e in legend_entries(cov)[0].entries]
    [('Couvert en totalité', 1), ('Couvert partiellement', 0), ('Non couvert', 2)]
    """
    w = words(language)
    counts = coverage["coverage_status"].value_counts()
    thresholds = _thresholds(coverage, full_min, none_max, language)
    status_rows = tuple(
        Entry(
            label=status_label(s, language) + (f" ({thresholds[s]})" if s in thresholds else ""),
            kind="fill",
            color=STATUS_COLORS[s],
            count=int(counts.get(s, 0)),
        )
        for s in STATUSES
    )
    sections = [Section("", status_rows)]
    if zones is not None and len(zones):
        present = set(zones["type"].astype(str))
        rows = tuple(
            Entry(type_label(t, language), "zone", c)
            for t, c in TYPE_COLORS.items()
            if t in present
        )
        sections.append(Section(w["legend_zones"], rows))
    if structures is not None and len(structures):
        kinds = structures["type"].astype(str).value_counts()
        rows = tuple(
            Entry(type_label(t, language), "symbol", c, STRUCTURE_SHAPES[t], int(kinds[t]))
            for t, c in TYPE_COLORS.items()
            if t in kinds.index
        )
        sections.append(Section(w["legend_structures"], rows))
    if candidates is not None and classes is not None and len(candidates):
        digits = score_digits(candidates["score"])
        edges = classes.edges
        rows = tuple(
            Entry(
                _range(edges[i], edges[i + 1], digits, language),
                "symbol",
                color,
                "star",
            )
            for i, color in reversed(list(enumerate(classes.colors)))
        )
        sections.append(Section(w["legend_candidates"], rows))
    lines = []
    if white_zones is not None and len(white_zones):
        n = int(white_zones["no_offer"].astype(bool).sum())
        lines.append(Entry(NO_OFFER_LABEL[language], "white", NO_OFFER_COLOR, count=n))
    if territories is not None and len(territories):
        lines.append(Entry(w["legend_territories"], "line", TERRITORY_COLOR))
    if communes is not None and len(communes):
        lines.append(Entry(w["legend_communes"], "line", COMMUNE_COLOR))
    if lines:
        sections.append(Section("", tuple(lines)))
    return sections


def map_legend(
    layers: MapLayers,
    *,
    classes: ScoreClasses | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    language: Language = "fr",
) -> list[Section]:
    """:func:`legend_entries` of every layer of a map, as the web map and figures draw it."""
    return legend_entries(
        layers.coverage,
        zones=layers.zones,
        structures=layers.structures,
        communes=layers.communes,
        candidates=layers.candidates,
        classes=classes,
        full_min=full_min,
        none_max=none_max,
        language=language,
        white_zones=layers.white_zones,
        territories=layers.territories,
    )


def map_title(
    *, date: object = None, territory: str | None = None, language: Language = "fr"
) -> str:
    """The default title of a map, with the territory and the date when given.

    ``territory`` is worded as in the report sentence (``"du Nord"``, the
    ``--territoire`` option); ``date`` is read by ``avs_geo._dates.parse_date``.

    Examples
    --------
    >>> map_title(date="2022-12-31", territory="du Nord")
    "Couverture des quartiers prioritaires du Nord par l'offre d'animation de la vie sociale au 31 décembre 2022"
    >>> map_title(language="en")
    'Coverage of the priority neighbourhoods by the social-life offer'
    """
    w = words(language)
    when = format_date(date, language=language)
    return fill(
        w["title_of"],
        territory=f" {territory.strip()}" if territory and territory.strip() else "",
        date=fill(w["title_date"], date=when) if when else "",
    )


def legend_html(sections: list[Section], *, title: str, language: Language = "fr") -> str:
    """The legend as escaped HTML for :class:`avs_geo.maps.elements.HtmlBox`.

    Examples
    --------
    >>> html = legend_html([Section("", (Entry("<b>", "fill", "#2166ac", count=2),))], title="T")
    >>> "&lt;b&gt;" in html and "<b>" not in html
    True
    """
    parts = [f'<div class="avs-legend-title">{fmt.text(title)}</div>']
    for section in sections:
        if section.title:
            parts.append(f'<div class="avs-legend-sub">{fmt.text(section.title)}</div>')
        for entry in section.entries:
            count = ""
            if entry.count is not None:
                shown = format_number(entry.count, language=language)
                if entry.after is not None:
                    shown += f" → {format_number(entry.after, language=language)}"
                count = f'<span class="avs-count">{shown}</span>'

            parts.append(
                f'<div class="avs-legend-row">{_symbol(entry)}'
                f"<span>{fmt.text(entry.label)}</span>{count}</div>"
            )
    return "".join(parts)


def with_approximate_entry(
    sections: list[Section], structures: gpd.GeoDataFrame | None, language: Language
) -> list[Section]:
    """The web map's legend with a row for the structures drawn hollow: placed at their
    commune's centre for want of coordinates (``position_approchee``), when there are some.

    Examples
    --------
    >>> import geopandas as gpd
    >>> s = gpd.GeoDataFrame({"type": ["evs"], "position_approchee": [True]})
    >>> sections = [Section("", ()), Section("Structures", ())]
    >>> with_approximate_entry(sections, s, "fr")[1].entries[0].label
    'Localisation approximative (1)'
    """
    if structures is None or "position_approchee" not in structures.columns:
        return sections
    n = int(structures["position_approchee"].fillna(False).astype(bool).sum())
    if n == 0:
        return sections
    w = words(language)
    entry = Entry(f"{w['legend_approximate']} ({n})", "hollow", "#555555", "circle")
    out = list(sections)
    for i, section in enumerate(out):
        if section.title == w["legend_structures"]:
            out[i] = Section(section.title, (*section.entries, entry))
            break
    return out


def _symbol(entry: Entry) -> str:
    if entry.kind == "fill":
        return f'<span class="avs-swatch" style="background:{entry.color};border-color:{entry.color}"></span>'
    if entry.kind == "zone":
        alpha = f"{round(ZONE_OPACITY * 255):02x}"
        return (
            f'<span class="avs-swatch" style="background:{entry.color}{alpha};'
            f'border:1.5px dashed {entry.color}"></span>'
        )
    if entry.kind == "white":
        alpha = f"{round(NO_OFFER_OPACITY * 255):02x}"
        return (
            f'<span class="avs-swatch" style="background:{entry.color}{alpha};'
            f'border-color:{entry.color}"></span>'
        )
    if entry.kind == "line":
        return f'<span class="avs-line" style="border-top-color:{entry.color}"></span>'
    if entry.kind == "hollow":
        return symbol_svg(entry.shape, "#ffffff", size=16, stroke=entry.color)
    if entry.kind == "number":
        return f'<span class="avs-site-key">{fmt.text(entry.shape)}</span>'
    stroke = "#222222" if entry.shape == "star" else "#ffffff"
    return symbol_svg(entry.shape, entry.color, size=16, stroke=stroke)


def _thresholds(
    coverage: pd.DataFrame, full_min: float | None, none_max: float | None, language: Language
) -> dict[str, str]:
    """``{"full": "≥ 95 %", "partial": "5-95 %", "none": "≤ 5 %"}`` for a measured coverage.

    A frame without ``coverage_ratio`` (classes given by hand) shows no thresholds.
    """
    if "coverage_ratio" not in coverage.columns:
        return {}
    full_min, none_max = check_classes(coverage, full_min=full_min, none_max=none_max)
    w = words(language)
    hi, lo = _short_percent(float(full_min), language), _short_percent(float(none_max), language)
    return {
        "full": fill(w["threshold_full"], value=hi),
        "partial": f"{lo.rstrip('%').rstrip()}–{hi}",
        "none": fill(w["threshold_none"], value=lo),
    }


def _short_percent(ratio: float, language: Language) -> str:
    shown = format_ratio(ratio, language=language)
    return shown.replace(",0", "").replace(".0", "")


def _range(low: float, high: float, digits: int, language: Language) -> str:
    a, b = (
        format_number(low, decimals=digits, language=language),
        format_number(high, decimals=digits, language=language),
    )
    return a if a == b else f"{a} – {b}"
