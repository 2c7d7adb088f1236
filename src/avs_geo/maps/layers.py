"""The data layers of a coverage map as compact GeoJSON, with their tooltips and popups.

Each builder takes checked frames (see ``avs_geo.maps._inputs``) and returns a
:class:`LayerSpec`: GeoJSON features whose properties hold only what the browser
needs (``s`` the style key, ``t`` tooltip HTML, ``p`` popup HTML, ``n`` a plain-text
name for a marker's title) and the Leaflet style of each key.

Tooltips and popups repeat the same pieces thousands of times on a national map (the
labels, the class names, the names of the structures in the popups of the QPV they
reach, the QPV a structure reaches). They are built as lists of pieces, and every
piece used more than once in a layer is written once, in the layer's table ``k``: a
text is then a string, or a list of strings and indices into ``k``
(:func:`intern_texts`), joined by ``AvsGeo`` when the tooltip or popup opens. Every value coming from
the data is HTML-escaped here, so that the browser never parses a name as markup.
Plain folium would not do it: ``GeoJsonTooltip`` and ``GeoJsonPopup`` put the field
values into the page as HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._dates import format_date
from avs_geo._i18n import (
    STATUS_COLORS,
    STATUSES,
    TYPE_COLORS,
    Language,
    message,
    status_label,
    type_label,
)
from avs_geo._i18n.maps import MESSAGES
from avs_geo._i18n.territories import NO_OFFER_LABEL
from avs_geo._typography import format_number, format_ratio, is_missing
from avs_geo.errors import ParameterError
from avs_geo.maps import _format as fmt
from avs_geo.maps._geometry import (
    display_geometries,
    display_points,
    merge_by,
    outline_geometries,
    outline_tolerance,
)
from avs_geo.maps.symbology import (
    COMMUNE_COLOR,
    NO_OFFER_COLOR,
    NO_OFFER_OPACITY,
    QPV_OPACITY,
    STRUCTURE_SHAPES,
    TERRITORY_COLOR,
    ZONE_OPACITY,
    ScoreClasses,
    fill,
    words,
)

__all__ = [
    "APPROXIMATE_SUFFIX",
    "DOT_RADIUS",
    "MARKER_SIZE",
    "MAX_WHITE_COMMUNES",
    "OUTLINE_STYLE",
    "Geometry",
    "LayerSpec",
    "candidates_layer",
    "communes_layer",
    "expand_text",
    "intern_texts",
    "qpv_by_structure",
    "qpv_layer",
    "score_digits",
    "structure_names",
    "structures_layer",
    "symbol_svg",
    "territories_layer",
    "white_zones_layer",
    "zones_layer",
]

MARKER_SIZE = 18
DOT_RADIUS = 6
"""Radius in pixels of the dot of a QPV at small scale."""
OUTLINE_STYLE: dict[str, Any] = {
    "color": "#444444",
    "weight": 1.2,
    "opacity": 0.9,
    "fill": False,
    "className": "avs-outline",
}
"""The territory's outline (departments): thin dark grey lines, no fill."""


@dataclass(frozen=True)
class LayerSpec:
    """One switchable layer: its name in the layer control, features and styles.

    ``z_index`` orders the panes of the shapes (Leaflet's overlay pane is 400, markers
    600): communes 410 < zones 420 < QPV 430 < candidate areas 440; the QPV dots of
    small scales are above the markers (610). ``draw`` is the ``AvsGeo`` function
    that draws it (``layer``, ``qpvLayer`` with ``dot_styles``, ``clusterLayer``, and
    ``zoomLayer`` for the zones: drawn from the zoom of the QPV shapes on).
    """

    key: str
    name: str
    features: list[dict[str, Any]]
    styles: dict[str, dict[str, Any]]
    z_index: int
    show: bool = True
    draw: str = "layer"
    dot_styles: dict[str, dict[str, Any]] | None = None
    parts: Mapping[bytes, int] | None = None
    """For the QPV layer: each of its polygons (normalised WKB) and its position among
    the polygons of the layer, in the order ``AvsGeo.qpvLayer`` lists them for the zones
    that are made of QPV (see :func:`zones_layer`)."""

    def packed(self, decimals: int) -> dict[str, Any]:
        """The features with packed geometries and texts, their scale and text table."""
        features = [
            {**f, "properties": dict(f["properties"])} for f in self.features
        ]  # the spec keeps its pieces: interning rewrites copies
        table = intern_texts(features)
        return {"scale": 10**decimals, "k": table, "features": features}


@dataclass(frozen=True)
class Geometry:
    """How display geometries are made (see ``avs_geo.maps._geometry.display_geometries``)."""

    tolerance_m: float = 5.0
    decimals: int = 5


def qpv_layer(
    coverage: gpd.GeoDataFrame,
    *,
    structure_names: Mapping[str, str],
    geometry: Geometry,
    language: Language,
) -> LayerSpec:
    """QPV coloured by coverage class; tooltip with the share, popup with the figures.

    Each feature also holds ``d``, a packed point inside the QPV where the map draws
    its dot at small scale.
    """
    w = words(language)
    geoms = display_geometries(
        coverage, tolerance_m=geometry.tolerance_m, decimals=geometry.decimals
    )
    dots = display_points(coverage, decimals=geometry.decimals)
    features = []
    for row, geom, dot in zip(coverage.itertuples(index=False), geoms, dots, strict=True):
        if geom is None:
            continue
        status = str(row.coverage_status)
        head = f"<b>{fmt.text(row.nom_qpv)}</b> ({fmt.text(row.code_qpv)})"
        share = format_ratio(row.coverage_ratio, language=language)
        tooltip = [head, "<br>" + fmt.text(status_label(status, language))]
        if share:
            tooltip += [f"<br>{fmt.label(w['share'], language)} ", share]
        feature = _feature(
            geom, s=status, t=tooltip, p=_qpv_popup(row, head, structure_names, language)
        )
        feature["d"] = dot
        features.append(feature)
    styles = {
        status: {
            "color": STATUS_COLORS[status],
            "weight": 2,
            "opacity": 1,
            "fillColor": STATUS_COLORS[status],
            "fillOpacity": QPV_OPACITY,
            "className": f"avs-qpv avs-qpv-{status}",
        }
        for status in STATUSES
    }
    dot_styles = {
        status: {
            "radius": DOT_RADIUS,
            "color": "#ffffff",
            "weight": 1.5,
            "opacity": 1,
            "fillColor": STATUS_COLORS[status],
            "fillOpacity": 1,
            "className": f"avs-qpv-dot avs-qpv-dot-{status}",
        }
        for status in STATUSES
    }
    return LayerSpec(
        "qpv",
        w["layer_qpv"],
        features,
        styles,
        z_index=430,
        draw="qpvLayer",
        dot_styles=dot_styles,
        parts=_polygon_positions(coverage.geometry.to_numpy(), geoms),
    )


def _polygon_positions(geoms: np.ndarray, shown: list[dict[str, Any] | None]) -> dict[bytes, int]:
    """Each polygon of ``geoms`` (normalised WKB) and its position among those drawn.

    The polygons drawn are listed feature after feature (the features with a
    geometry), each polygon of a multi-polygon in turn. A geometry whose display
    has another number of polygons is left out (it is drawn, not shared).
    """
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    keys = shapely.to_wkb(shapely.normalize(parts))
    first = np.searchsorted(part_of, np.arange(len(geoms)))
    counts = np.bincount(part_of, minlength=len(geoms))
    positions: dict[bytes, int] = {}
    at = 0
    for i, geom in enumerate(shown):
        if geom is None:
            continue
        drawn = len(geom["c"]) if geom["type"] == "MultiPolygon" else 1
        if geom["type"] in ("Polygon", "MultiPolygon") and drawn == counts[i]:
            for k in range(drawn):
                positions.setdefault(keys[first[i] + k], at + k)
        at += drawn
    return positions


def _qpv_popup(
    row: Any, head: str, structure_names: Mapping[str, str], language: Language
) -> list[str]:
    w = words(language)
    lines: list[list[str]] = [[head]]
    communes = getattr(row, "communes", None)
    if not is_missing(communes):
        lines.append([f"{fmt.label(w['communes'], language)} ", fmt.text(communes)])
    if hasattr(row, "population"):
        pop = format_number(row.population, language=language) or w["population_unknown"]
        lines.append([f"{fmt.label(w['population'], language)} ", pop])
    status = fmt.text(status_label(str(row.coverage_status), language))
    lines.append([f"{fmt.label(w['coverage'], language)} ", status])
    share = format_ratio(row.coverage_ratio, language=language)
    if share:
        lines.append([f"{fmt.label(w['share'], language)} ", share])
    covered = format_number(getattr(row, "covered_population", None), language=language)
    if covered:
        lines.append([f"{fmt.label(w['covered_population'], language)} ", covered])
    ids = _ids(getattr(row, "structure_ids", None))
    if ids is not None:
        names = [fmt.text(structure_names.get(i, i)) for i in ids]
        line = [f"{fmt.label(w['structures'] + f' ({len(ids)})', language)} "]
        separator = fmt.join_texts(["", ""], language)
        line += [part for k, name in enumerate(names) for part in ([separator] * (k > 0) + [name])]
        lines.append(line if names else [*line, w["none"]])
    return _lines(lines)


def _lines(lines: list[list[str]]) -> list[str]:
    """The pieces of ``lines``, each line after the first opened by ``<br>``.

    The ``<br>`` goes into the line's first piece, mostly a label (``<br>Population :``):
    one piece written once in the layer's table instead of two.
    """
    out: list[str] = []
    for k, line in enumerate(lines):
        out += [("<br>" if k and not i else "") + part for i, part in enumerate(line)]
    return out


def zones_layer(
    zones: gpd.GeoDataFrame,
    *,
    geometry: Geometry,
    language: Language,
    qpv_parts: Mapping[bytes, int] | None = None,
) -> LayerSpec:
    """Intervention zones, semi-transparent, one colour per structure type.

    A zone given by a list of QPV is the union of their polygons: each polygon of a
    zone that is one of the QPV layer's (``qpv_parts``, see :class:`LayerSpec`) is not
    written again but referred to by its position (``q`` in the packed geometry,
    rebuilt by ``AvsGeo.decode`` from the QPV drawn). On a national map, a third of
    the zones' vertices.
    """
    w = words(language)
    own, refs = _shared_parts(zones, qpv_parts or {})
    geoms = display_geometries(own, tolerance_m=geometry.tolerance_m, decimals=geometry.decimals)
    features = []
    for row, geom, ref in zip(zones.itertuples(index=False), geoms, refs, strict=True):
        if ref:
            if geom is None:
                geom = {"type": "MultiPolygon", "c": []}
            elif geom["type"] == "Polygon":
                geom = {"type": "MultiPolygon", "c": [geom["c"]]}
            geom = {**geom, "q": ref}
        if geom is None:
            continue
        kind = str(row.type)
        tooltip = [
            f"{fmt.label(w['zone_of'], language)} ",
            f"<b>{fmt.text(row.nom)}</b>",
            f" ({fmt.text(type_label(kind, language))})",
        ]
        features.append(_feature(geom, s=kind, t=tooltip))
    styles = {
        kind: {
            "color": color,
            "weight": 1.5,
            "opacity": 0.9,
            "dashArray": "5 4",
            "fillColor": color,
            "fillOpacity": ZONE_OPACITY,
            "className": f"avs-zone avs-zone-{kind}",
        }
        for kind, color in TYPE_COLORS.items()
    }
    return LayerSpec("zones", w["layer_zones"], features, styles, z_index=420, draw="zoomLayer")


def _shared_parts(
    zones: gpd.GeoDataFrame, shared: Mapping[bytes, int]
) -> tuple[gpd.GeoDataFrame, list[list[int]]]:
    """The zones without their polygons found in ``shared``, and the positions of those."""
    refs: list[list[int]] = [[] for _ in range(len(zones))]
    geoms = zones.geometry.to_numpy()
    if not shared or len(zones) == 0:
        return zones, refs
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    found = np.array([shared.get(k, -1) for k in shapely.to_wkb(shapely.normalize(parts))])
    hit = found >= 0
    if not hit.any():
        return zones, refs
    for i, position in zip(part_of[hit].tolist(), found[hit].tolist(), strict=True):
        refs[i].append(position)
    touched = np.unique(part_of[hit])
    kept = ~hit & np.isin(part_of, touched)
    rebuilt = np.empty(len(zones), dtype=object)
    rebuilt[:] = geoms
    rebuilt[touched] = None
    shapely.multipolygons(parts[kept], indices=part_of[kept], out=rebuilt)
    return gpd.GeoDataFrame(geometry=rebuilt, crs=zones.crs), refs


APPROXIMATE_SUFFIX = "_approx"
"""Style key suffix of a structure placed at its commune's centre (hollow symbol)."""


def structures_layer(
    structures: gpd.GeoDataFrame,
    *,
    qpv_reached: Mapping[str, list[tuple[str, str]]] | None,
    geometry: Geometry,
    language: Language,
) -> LayerSpec:
    """Centres sociaux (circles) and EVS (diamonds) with a popup each.

    A structure placed at its commune's centre (``position_approchee``, no coordinates)
    is drawn hollow and its popup says the location is approximate.
    """
    w = words(language)
    geoms = display_geometries(structures, tolerance_m=0.0, decimals=geometry.decimals)
    features = []
    for row, geom in zip(structures.itertuples(index=False), geoms, strict=True):
        if geom is None:
            continue
        sid = str(row.structure_id)
        lines = [
            [f"<b>{fmt.text(row.nom)}</b>"],
            [fmt.text(type_label(str(row.type), language))],
            [f"{fmt.label(w['id'], language)} ", fmt.text(sid)],
            [f"{fmt.label(w['agreement'], language)} ", _agreement(row, language)],
        ]
        if qpv_reached is not None:
            reached = qpv_reached.get(sid, [])
            label = fmt.label(f"{w['qpv_reached']} ({len(reached)})", language)
            if reached:
                items = [f"<li>{fmt.text(name)} ({fmt.text(code)})</li>" for code, name in reached]
                lines.append([label, '<ul class="avs-list">', *items, "</ul>"])
            else:
                lines.append([label, f" {w['none']}"])
        style = str(row.type)
        if bool(getattr(row, "position_approchee", False)):
            # No coordinates: placed at its commune's centre; a hollow symbol says so.
            lines.append([f"<i>{fmt.text(w['approximate'])}</i>"])
            style += APPROXIMATE_SUFFIX
        name = "" if is_missing(row.nom) else str(row.nom)
        features.append(_feature(geom, s=style, p=_lines(lines), n=name))
    styles = {
        kind: {"icon": _icon(STRUCTURE_SHAPES[kind], color, f"avs-structure avs-structure-{kind}")}
        for kind, color in TYPE_COLORS.items()
    }
    styles |= {
        kind + APPROXIMATE_SUFFIX: {
            "icon": _icon(
                STRUCTURE_SHAPES[kind],
                "#ffffff",
                f"avs-structure avs-structure-{kind} avs-structure-approx",
                stroke=color,
            )
        }
        for kind, color in TYPE_COLORS.items()
    }
    return LayerSpec(
        "structures", w["layer_structures"], features, styles, z_index=450, draw="clusterLayer"
    )


def _agreement(row: Any, language: Language) -> str:
    w = words(language)
    start = format_date(getattr(row, "date_agrement", None), language=language)
    end = format_date(getattr(row, "date_fin", None), language=language)
    if start and end:
        return fill(w["from_to"], start=start, end=end)
    if start:
        return fill(w["since"], start=start)
    if end:
        return fill(w["until"], end=end)
    return w["dates_unknown"]


def communes_layer(
    communes: gpd.GeoDataFrame, *, geometry: Geometry, language: Language
) -> LayerSpec:
    """Commune outlines (no fill), the name and INSEE code on hover."""
    w = words(language)
    geoms = display_geometries(
        communes, tolerance_m=geometry.tolerance_m, decimals=geometry.decimals, coverage=True
    )
    features = [
        _feature(geom, s="c", t=f"{fmt.text(row.nom)} ({fmt.text(row.code_insee)})")
        for row, geom in zip(communes.itertuples(index=False), geoms, strict=True)
        if geom is not None
    ]
    styles = {
        "c": {
            "color": COMMUNE_COLOR,
            "weight": 1,
            "opacity": 0.8,
            "fill": False,
            "className": "avs-commune",
        }
    }
    return LayerSpec("communes", w["layer_communes"], features, styles, z_index=410)


MAX_WHITE_COMMUNES = 1_000
"""Above this many communes without offer, the web map merges them per EPCI (or department)."""


def white_zones_layer(
    communes: gpd.GeoDataFrame, *, geometry: Geometry, language: Language
) -> LayerSpec:
    """The communes without any AVS offer (``no_offer``), filled; name, code, inhabitants.

    A region holds thousands of them (4,266 of the 4,500 communes of Occitanie with the
    example network: 3.2 MB of map one by one). Up to :data:`MAX_WHITE_COMMUNES` each
    is drawn with its name; above, those of each EPCI (else of each department) are
    merged into one shape, with their number and inhabitants on hover (the commune
    table and the GeoPackage name each one). They are simplified at a quarter of the
    tolerance of the territory's outline (``avs_geo.maps._geometry.outline_tolerance``),
    never finer than ``geometry.tolerance_m``: a light fill, not a border to read at the
    street scale (the commune outlines are).
    """
    w = words(language)
    white = communes[communes["no_offer"].astype(bool).to_numpy()]
    tolerance = max(geometry.tolerance_m, outline_tolerance(communes) / 4) if len(white) else 0.0
    has_population = "population" in white.columns
    label = f"{fmt.text(NO_OFFER_LABEL[language])} ({fmt.text(w['no_offer_tip'])})"

    def population(value: object) -> str:
        shown = (
            w["population_unknown"]
            if is_missing(value)
            else format_number(float(value), language=language)  # type: ignore[arg-type]
        )
        return f"{fmt.label(w['population'], language)} {fmt.text(shown)}"

    tips: list[str] = []
    if len(white) > MAX_WHITE_COMMUNES:
        by = "epci_nom" if "epci_nom" in white.columns else "departement"
        keys = white[by].astype("string").fillna("").to_numpy() if by in white else None
        frame = white.assign(_group=keys if keys is not None else "")
        merged = merge_by(frame, "_group")
        sizes = frame.groupby("_group").size()
        people = (
            pd.to_numeric(frame["population"]).groupby(frame["_group"]).sum(min_count=1)
            if has_population
            else None
        )
        for name in merged.index:
            lines = [f"<b>{fmt.text(name)}</b>" if name else "", label]
            n = format_number(int(sizes[name]), language=language)
            lines.append(fill(w["white_count"], n=n))
            if people is not None:
                lines.append(population(people[name]))
            tips.append("<br>".join(line for line in lines if line))
        shown = merged
    else:
        for row in white.itertuples(index=False):
            lines = [f"<b>{fmt.text(row.nom)} ({fmt.text(row.code_insee)})</b>", label]
            if has_population:
                lines.append(population(row.population))
            tips.append("<br>".join(lines))
        shown = white
    geoms = display_geometries(
        shown, tolerance_m=tolerance, decimals=geometry.decimals, coverage=True
    )
    features = [
        _feature(geom, s="w", t=tip)
        for tip, geom in zip(tips, geoms, strict=True)
        if geom is not None
    ]
    styles = {
        "w": {
            "color": NO_OFFER_COLOR,
            "weight": 0.6,
            "opacity": 0.7,
            "fillColor": NO_OFFER_COLOR,
            "fillOpacity": NO_OFFER_OPACITY,
            "className": "avs-white-zone",
        }
    }
    return LayerSpec("white_zones", w["layer_white"], features, styles, z_index=415)


def territories_layer(
    communes: gpd.GeoDataFrame, *, geometry: Geometry, language: Language
) -> LayerSpec:
    """The planner's territories: the communes merged per ``territoire``, as thick lines."""
    w = words(language)
    names = sorted(communes["territoire"].dropna().astype(str).unique())
    lines = outline_geometries(
        communes.assign(territoire=communes["territoire"].astype("string")),
        by="territoire",
        tolerance_m=max(geometry.tolerance_m, outline_tolerance(communes)),
        decimals=geometry.decimals,
    )
    features = [
        _feature(geom, s="t", t=f"<b>{fmt.text(name)}</b>")
        for name, geom in zip(names, lines, strict=True)
        if geom is not None
    ]
    styles = {
        "t": {
            "color": TERRITORY_COLOR,
            "weight": 3,
            "opacity": 0.9,
            "fill": False,
            "className": "avs-territory",
        }
    }
    return LayerSpec("territories", w["layer_territories"], features, styles, z_index=416)


def candidates_layer(
    candidates: gpd.GeoDataFrame,
    *,
    classes: ScoreClasses,
    geometry: Geometry,
    language: Language,
) -> LayerSpec:
    """Candidate sites coloured by score class: stars for points, filled polygons else."""
    w = words(language)
    geoms = display_geometries(
        candidates, tolerance_m=geometry.tolerance_m, decimals=geometry.decimals
    )
    idx = classes.classify(candidates["score"])
    digits = score_digits(candidates["score"])
    has_rank = "rank" in candidates.columns
    has_name = "nom" in candidates.columns
    features = []
    for i, (row, geom) in enumerate(zip(candidates.itertuples(index=False), geoms, strict=True)):
        if geom is None:
            continue
        title = w["candidate"]
        if has_rank and not is_missing(row.rank):
            title += " " + fill(w["rank"], rank=fmt.text(_plain_number(row.rank)))
        lines = [f"<b>{title}</b>"]
        if has_name and not is_missing(row.nom):
            lines.append(fmt.text(row.nom))
        if not is_missing(row.score):
            score = format_number(float(row.score), decimals=digits, language=language)
            lines.append(f"{fmt.label(w['score'], language)} {score}")
        key = "p" if geom["type"] in ("Point", "MultiPoint") else "a"
        features.append(_feature(geom, s=f"{key}{max(int(idx[i]), 0)}", t="<br>".join(lines)))
    styles: dict[str, dict[str, Any]] = {}
    for k, color in enumerate(classes.colors):
        styles[f"p{k}"] = {"icon": _icon("star", color, "avs-candidate", size=20, stroke="#222222")}
        styles[f"a{k}"] = {
            "color": "#222222",
            "weight": 1.5,
            "opacity": 1,
            "fillColor": color,
            "fillOpacity": 0.8,
            "className": "avs-candidate",
        }
    return LayerSpec("candidates", w["layer_candidates"], features, styles, z_index=440)


def score_digits(scores: pd.Series) -> int:
    """Decimals shown for scores: 2 below 10, 1 below 100, none above.

    Examples
    --------
    >>> score_digits(pd.Series([0.25, 0.8])), score_digits(pd.Series([1250.0]))
    (2, 0)
    """
    values = pd.to_numeric(scores, errors="coerce").abs()
    top = float(values.max()) if values.notna().any() else 0.0
    return 2 if top < 10 else 1 if top < 100 else 0


def structure_names(*frames: gpd.GeoDataFrame | None) -> dict[str, str]:
    """Name of each structure id, from the structures or zones frames (first wins)."""
    names: dict[str, str] = {}
    for frame in frames:
        if frame is None:
            continue
        for sid, nom in zip(frame["structure_id"], frame["nom"], strict=True):
            if not is_missing(sid) and not is_missing(nom):
                names.setdefault(str(sid), str(nom))
    return names


def qpv_by_structure(coverage: gpd.GeoDataFrame) -> dict[str, list[tuple[str, str]]] | None:
    """``{structure_id: [(code_qpv, nom_qpv), ...]}`` from ``structure_ids``; None if absent."""
    if "structure_ids" not in coverage.columns:
        return None
    reached: dict[str, list[tuple[str, str]]] = {}
    for code, nom, ids in zip(
        coverage["code_qpv"], coverage["nom_qpv"], coverage["structure_ids"], strict=True
    ):
        for sid in _ids(ids) or []:
            reached.setdefault(sid, []).append((str(code), "" if is_missing(nom) else str(nom)))
    return reached


def _ids(value: object) -> list[str] | None:
    """The structure ids of a coverage cell (tuple, list or ``;``-separated text)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(value, Iterable) and not isinstance(value, bytes):
        return [str(v) for v in value]
    if is_missing(value):
        return []
    return [str(value)]


def _plain_number(value: object) -> str:
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    if pd.notna(number) and float(number).is_integer():
        return str(int(number))
    return str(value)


def _feature(geom: dict[str, Any], **properties: str | list[str]) -> dict[str, Any]:
    """A feature as ``AvsGeo`` reads it (GeoJSON without the ``"type": "Feature"``)."""
    props = {k: v for k, v in properties.items() if v}
    return {"geometry": geom, "properties": props}


def intern_texts(features: list[dict[str, Any]], keys: tuple[str, ...] = ("t", "p")) -> list[str]:
    """Write each piece repeated in the texts of ``features`` once; return the table.

    The texts ``keys`` of each feature's properties are lists of pieces (or strings,
    left as they are). A piece used more than once in the layer and longer than 2
    characters goes into the table, the most used first (ties in order of first use),
    and is replaced by its index; the other pieces next to each other are joined. A
    text left as one string is written as that string. The features are modified.

    Examples
    --------
    >>> features = [{"properties": {"t": ["<b>A</b>", "<br>", "Non couvert"]}},
    ...             {"properties": {"t": ["<b>B</b>", "<br>", "Non couvert"]}}]
    >>> intern_texts(features)
    ['<br>', 'Non couvert']
    >>> [f["properties"]["t"] for f in features]
    [['<b>A</b>', 0, 1], ['<b>B</b>', 0, 1]]
    >>> [expand_text(f["properties"]["t"], ['<br>', 'Non couvert']) for f in features]
    ['<b>A</b><br>Non couvert', '<b>B</b><br>Non couvert']
    """
    counts: dict[str, int] = {}
    for feature in features:
        for key in keys:
            parts = feature["properties"].get(key)
            if isinstance(parts, list):
                for part in parts:
                    counts[part] = counts.get(part, 0) + 1
    first = {part: k for k, part in enumerate(counts)}
    shared = [part for part, n in counts.items() if n > 1 and len(part) > 2]
    table = sorted(shared, key=lambda part: (-counts[part], first[part]))
    index = {part: k for k, part in enumerate(table)}
    for feature in features:
        props = feature["properties"]
        for key in keys:
            parts = props.get(key)
            if not isinstance(parts, list):
                continue
            out: list[str | int] = []
            for part in parts:
                if part in index:
                    out.append(index[part])
                elif out and isinstance(out[-1], str):
                    out[-1] += part
                elif part:
                    out.append(part)
            props[key] = out[0] if len(out) == 1 and isinstance(out[0], str) else out
    return table


def expand_text(text: str | list[str | int], table: list[str]) -> str:
    """A text written by :func:`intern_texts`, whole again (what ``AvsGeo`` shows).

    Examples
    --------
    >>> expand_text(["<b>A</b>", 0], ["<br>x"])
    '<b>A</b><br>x'
    """
    if isinstance(text, str):
        return text
    return "".join(table[part] if isinstance(part, int) else part for part in text)


def _icon(
    shape: str, color: str, class_name: str, *, size: int = MARKER_SIZE, stroke: str = "#ffffff"
) -> dict[str, Any]:
    """A Leaflet DivIcon holding an inline SVG symbol (no image file, no icon font)."""
    return {
        "html": symbol_svg(shape, color, size=size, stroke=stroke),
        "className": class_name,
        "iconSize": [size, size],
        "iconAnchor": [size // 2, size // 2],
        "popupAnchor": [0, -(size // 2)],
    }


def symbol_svg(shape: str, color: str, *, size: int = MARKER_SIZE, stroke: str = "#ffffff") -> str:
    """An SVG circle, diamond or star filled with ``color`` and outlined with ``stroke``.

    Examples
    --------
    >>> svg = symbol_svg("circle", "#7570b3", size=10)
    >>> svg.startswith("<svg"), '<circle cx="5" cy="5" r="3.5"/>' in svg
    (True, True)
    """
    half = size / 2
    if shape == "circle":
        body = f'<circle cx="{half:g}" cy="{half:g}" r="{half - 1.5:g}"/>'
    elif shape == "diamond":
        pts = f"{half:g},1 {size - 1:g},{half:g} {half:g},{size - 1:g} 1,{half:g}"
        body = f'<polygon points="{pts}"/>'
    elif shape == "star":
        body = f'<polygon points="{_star_points(half)}"/>'
    else:
        raise ParameterError(message(MESSAGES, "symbol", got=shape))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}"><g fill="{color}" stroke="{stroke}" '
        f'stroke-width="1.5">{body}</g></svg>'
    )


def _star_points(half: float) -> str:
    outer, inner = half - 1, (half - 1) * 0.45
    angles = np.deg2rad(np.arange(10) * 36 - 90)
    radii = np.where(np.arange(10) % 2 == 0, outer, inner)
    xs, ys = half + radii * np.cos(angles), half + radii * np.sin(angles)
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
