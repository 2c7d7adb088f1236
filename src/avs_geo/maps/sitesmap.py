"""The interactive map of a site proposal: numbered sites, their zones, QPV before and after.

Built on the machinery of :func:`avs_geo.maps.coverage_map` (``start_map`` and
``finish_map`` of :mod:`avs_geo.maps.webmap`, the layers of :mod:`avs_geo.maps.layers`,
the runtime ``AvsGeo``): the same inlined Leaflet, outline, dots at small scale, legend,
title and scale bar, and no network needed but for the base tiles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._i18n import STATUSES, Language, message
from avs_geo._i18n.maps import MESSAGES
from avs_geo._typography import format_number, is_missing
from avs_geo._validate import check_geodataframe, check_same_crs
from avs_geo.errors import GeometryError, SchemaError, format_ids
from avs_geo.maps import _format as fmt
from avs_geo.maps._inputs import check_layers
from avs_geo.maps.symbology import ZONE_OPACITY, fill, words

if TYPE_CHECKING:
    import folium

    from avs_geo.maps.layers import Geometry, LayerSpec
    from avs_geo.maps.legend import Section

__all__ = ["LEGEND_SITE_ROWS", "SITE_COLOR", "sites_map"]

SITE_COLOR = "#111111"
"""Colour of the numbered site markers and of the outline of their zones."""

LEGEND_SITE_ROWS = 10
"""Up to this many sites, the legend lists each one; above, one row says the range."""

SITE_MARKER_SIZE = 24
SITES_PANE_Z = 650  # above the QPV dots (610) and the structure markers (600)


def sites_map(
    before: gpd.GeoDataFrame,
    after: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    *,
    site_zones: gpd.GeoDataFrame | None = None,
    zones: gpd.GeoDataFrame | None = None,
    structures: gpd.GeoDataFrame | None = None,
    outline: gpd.GeoDataFrame | None = None,
    title: str | None = None,
    date: object = None,
    territory: str | None = None,
    full_min: float | None = None,
    none_max: float | None = None,
    language: Language = "fr",
    tiles: str | None = "OpenStreetMap",
    simplify_m: float = 5.0,
    decimals: int = 5,
) -> folium.Map:
    """Map a site proposal: numbered sites, their zones, and the QPV before and after.

    The sites are numbered markers in pick order (``rank``), above every other layer;
    clicking one opens its popup (population gained, QPV reached, distance to the
    nearest existing structure). The zone of each site is drawn. The QPV are coloured
    in their class *after* the sites; a switch (*Avant* / *Après*, top left) shows
    their class with the current network instead, and the layer control holds both.
    The legend counts the QPV of each class before → after and lists the sites (one
    row each up to :data:`LEGEND_SITE_ROWS`, one row for the range above).

    Parameters
    ----------
    before, after : GeoDataFrame
        The coverage (``compute_coverage``) by the current network and by the network
        with the sites: the same QPV (``code_qpv``).
    sites : GeoDataFrame
        The chosen sites: ``rank`` (pick order, from 1); shown when present: ``nom``,
        ``candidat_id``, ``gain_population`` (inhabitants it adds, in pick order),
        ``qpv_reached`` (codes of the QPV it reaches), ``dist_structure_m`` and
        ``nearest_structure_id`` (nearest existing structure). Points, or polygons
        (marked at a point inside). ``SiteSelection.sites`` joined with the columns of
        ``score_sites`` has them all.
    site_zones : GeoDataFrame, optional
        The zones of the sites (``structure_id``, ``nom``, ``type``), as appended to
        the zones to measure ``after``.
    zones, structures, outline : GeoDataFrame, optional
        As for :func:`avs_geo.maps.coverage_map`: the existing network and the outline.
    title : str, optional
        ``None`` for the default title (the number of sites, ``territory`` and ``date``).
    date, territory, full_min, none_max, language, tiles, simplify_m, decimals
        As for :func:`avs_geo.maps.coverage_map`.

    Returns
    -------
    folium.Map
        Save it with :func:`avs_geo.maps.save_map`.

    Raises
    ------
    SchemaError
        ``before`` and ``after`` hold different QPV, or ``sites`` has no ``rank``
        column or repeats a rank.
    GeometryError
        A site without a location.
    InputTypeError, CRSError
        As for :func:`avs_geo.maps.coverage_map`.

    Examples
    --------
    >>> import shapely
    >>> qpv = {"code_qpv": ["QP031001"], "nom_qpv": ["A"]}
    >>> box = [shapely.box(574000, 6280000, 574500, 6280400)]
    >>> before = gpd.GeoDataFrame({**qpv, "coverage_ratio": [0.0], "coverage_status": ["none"]},
    ...                           geometry=box, crs="EPSG:2154")
    >>> after = before.assign(coverage_ratio=1.0, coverage_status="full")
    >>> sites = gpd.GeoDataFrame({"rank": [1], "nom": ["Site A"]},
    ...                          geometry=[shapely.Point(574250, 6280200)], crs="EPSG:2154")
    >>> type(sites_map(before, after, sites, tiles=None)).__name__
    'Map'
    """
    w = words(language)
    layers = check_layers(before, zones=zones, structures=structures)
    after_layers = check_layers(after)
    _check_same_qpv(layers.coverage, after_layers.coverage)
    site_frame = _check_sites(sites)
    if site_zones is not None:
        site_zones = check_layers(after, zones=site_zones).zones
    check_same_crs(before=layers.coverage, after=after_layers.coverage, sites=site_frame)

    from avs_geo.maps import layers as build
    from avs_geo.maps.elements import BeforeAfter
    from avs_geo.maps.legend import Entry, Section, map_legend
    from avs_geo.maps.webmap import finish_map, start_map

    if title is None:
        title = _sites_title(len(site_frame), date, territory, language)
    base = start_map(
        layers.coverage,
        site_frame,
        site_zones,
        outline=outline,
        title=title,
        date=date,
        territory=territory,
        language=language,
        tiles=tiles,
        simplify_m=simplify_m,
        decimals=decimals,
    )
    names = build.structure_names(layers.structures, layers.zones, site_zones)
    qpv_before = build.qpv_layer(
        layers.coverage, structure_names=names, geometry=base.geometry, language=language
    )
    qpv_after = build.qpv_layer(
        after_layers.coverage, structure_names=names, geometry=base.geometry, language=language
    )
    qpv_before = replace(
        qpv_before, key="qpv_before", name=w["layer_qpv_before"], show=False, z_index=431
    )
    qpv_after = replace(qpv_after, key="qpv_after", name=w["layer_qpv_after"], z_index=432)
    specs: list[LayerSpec] = [qpv_before, qpv_after]
    if layers.zones is not None:
        specs.append(build.zones_layer(layers.zones, geometry=base.geometry, language=language))
    if site_zones is not None:
        specs.append(_site_zones_layer(site_zones, base.geometry, language))
    if layers.structures is not None:
        specs.append(
            build.structures_layer(
                layers.structures,
                qpv_reached=build.qpv_by_structure(layers.coverage),
                geometry=base.geometry,
                language=language,
            )
        )
    qpv_names = dict(
        zip(layers.coverage["code_qpv"].astype(str), layers.coverage["nom_qpv"], strict=True)
    )
    specs.append(_sites_layer(site_frame, base.geometry, qpv_names, names, language))
    drawn = base.add_layers(specs, layers.coverage, language)
    labels = {
        k: w[f"toggle_{k}"] for k in ("label", "before", "after", "before_title", "after_title")
    }
    BeforeAfter(drawn["qpv_before"], drawn["qpv_after"], labels).add_to(base.map)

    sections = map_legend(layers, full_min=full_min, none_max=none_max, language=language)
    counts_after = after_layers.coverage["coverage_status"].value_counts()
    first = Section(
        w["legend_qpv_change"],
        tuple(
            Entry(e.label, e.kind, e.color, e.shape, e.count, int(counts_after.get(s, 0)))
            for s, e in zip(STATUSES, sections[0].entries, strict=True)
        ),
    )
    proposal = _legend_sites(site_frame, site_zones is not None, language)
    sections = [first, proposal, *sections[1:]]
    return finish_map(base, sections, title=w["legend_title"], language=language)


def _sites_title(n: int, date: object, territory: str | None, language: Language) -> str:
    from avs_geo._dates import format_date

    w = words(language)
    when = format_date(date, language=language)
    return fill(
        w["sites_title_of"],
        n=str(n),
        territory=f" {territory.strip()}" if territory and territory.strip() else "",
        date=fill(w["title_date"], date=when) if when else "",
    )


def _check_same_qpv(before: gpd.GeoDataFrame, after: gpd.GeoDataFrame) -> None:
    a = set(before["code_qpv"].astype(str))
    b = set(after["code_qpv"].astype(str))
    if a != b:
        raise SchemaError(
            message(
                MESSAGES,
                "sites_other_qpv",
                before=format_ids(sorted(a - b)),
                after=format_ids(sorted(b - a)),
            )
        )


def _check_sites(sites: object) -> gpd.GeoDataFrame:
    frame = check_geodataframe(sites, "sites")
    if "rank" not in frame.columns:
        raise SchemaError(
            message(MESSAGES, "sites_no_rank", columns=format_ids(map(str, frame.columns)))
        )
    ranks = pd.to_numeric(frame["rank"], errors="coerce")
    bad = ranks.isna() | ranks.duplicated(keep=False)
    if bad.any():
        raise SchemaError(
            message(
                MESSAGES,
                "sites_bad_rank",
                ids=format_ids([str(i) for i in frame.index[bad.to_numpy()]]),
            )
        )
    geoms = frame.geometry.to_numpy()
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if missing.any():
        ids = frame["candidat_id"] if "candidat_id" in frame.columns else frame.index
        raise GeometryError(
            message(
                MESSAGES,
                "sites_no_location",
                ids=format_ids([str(i) for i in np.asarray(ids)[missing]]),
            )
        )
    order = np.argsort(ranks.to_numpy(dtype=float), kind="stable")
    return frame.iloc[order]


def _site_zones_layer(zones: gpd.GeoDataFrame, geometry: Geometry, language: Language) -> Any:
    from avs_geo.maps._geometry import display_geometries
    from avs_geo.maps.layers import LayerSpec

    w = words(language)
    geoms = display_geometries(zones, tolerance_m=geometry.tolerance_m, decimals=geometry.decimals)
    features = []
    for row, geom in zip(zones.itertuples(index=False), geoms, strict=True):
        if geom is None:
            continue
        tooltip = f"{fmt.label(w['site_zone'], language)} <b>{fmt.text(row.nom)}</b>"
        features.append(
            {"type": "Feature", "geometry": geom, "properties": {"s": "z", "t": tooltip}}
        )
    styles = {
        "z": {
            "color": SITE_COLOR,
            "weight": 2.5,
            "opacity": 1,
            "dashArray": "2 5",
            "fillColor": SITE_COLOR,
            "fillOpacity": ZONE_OPACITY / 2,
            "className": "avs-site-zone",
        }
    }
    return LayerSpec("site_zones", w["layer_site_zones"], features, styles, z_index=425)


def _sites_layer(
    sites: gpd.GeoDataFrame,
    geometry: Geometry,
    qpv_names: Mapping[str, Any],
    structure_names: Mapping[str, str],
    language: Language,
) -> Any:
    from avs_geo.maps._geometry import display_points
    from avs_geo.maps.layers import LayerSpec

    w = words(language)
    points = display_points(sites, decimals=geometry.decimals)
    features = []
    styles: dict[str, dict[str, Any]] = {}
    for row, point in zip(sites.itertuples(index=False), points, strict=True):
        if point is None:
            continue
        rank = str(int(float(row.rank)))
        name = "" if is_missing(getattr(row, "nom", None)) else str(row.nom)
        head = fill(w["site"], rank=rank)
        tooltip = f"<b>{fmt.text(head)}</b>" + (f" {fmt.text(name)}" if name else "")
        key = f"n{rank}"
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "c": point},
                "properties": {
                    "s": key,
                    "t": tooltip,
                    "p": _site_popup(row, head, name, qpv_names, structure_names, language),
                    "n": f"{rank}. {name}" if name else rank,
                },
            }
        )
        size = SITE_MARKER_SIZE + (4 if len(rank) > 2 else 0)
        styles[key] = {
            "icon": {
                "html": f"<span>{fmt.text(rank)}</span>",
                "className": "avs-site",
                "iconSize": [size, size],
                "iconAnchor": [size // 2, size // 2],
                "popupAnchor": [0, -(size // 2)],
            },
            "pane": "avs-sites",
        }
    return LayerSpec("sites", w["layer_sites"], features, styles, z_index=SITES_PANE_Z)


def _site_popup(
    row: Any,
    head: str,
    name: str,
    qpv_names: Mapping[str, Any],
    structure_names: Mapping[str, str],
    language: Language,
) -> str:
    w = words(language)
    title = f"<b>{fmt.label(head, language)}</b> {fmt.text(name)}" if name else f"<b>{head}</b>"
    lines = [title]
    sid = getattr(row, "candidat_id", None)
    if not is_missing(sid):
        lines.append(f"{fmt.label(w['id'], language)} {fmt.text(sid)}")
    if hasattr(row, "gain_population"):
        gain: Any = getattr(row, "gain_population", None)
        shown = (
            w["not_measured"]
            if is_missing(gain)
            else fill(w["inhabitants"], n=format_number(float(gain), language=language))
        )
        lines.append(f"{fmt.label(w['gain'], language)} {shown}")
    reached = getattr(row, "qpv_reached", None)
    if reached is not None and not (isinstance(reached, float) and np.isnan(reached)):
        codes = [reached] if isinstance(reached, str) else [str(c) for c in reached]
        codes = [c for code in codes for c in str(code).split(";") if c.strip()]
        label = fmt.label(f"{w['qpv_reached']} ({len(codes)})", language)
        if codes:
            items = "".join(
                f"<li>{fmt.text(qpv_names.get(c.strip(), ''))} ({fmt.text(c.strip())})</li>"
                for c in codes
            )
            lines.append(f'{label}<ul class="avs-list">{items}</ul>')
        else:
            lines.append(f"{label} {w['none']}")
    if hasattr(row, "dist_structure_m"):
        dist: Any = getattr(row, "dist_structure_m", None)
        if is_missing(dist):
            shown = w["none"]
        else:
            km = format_number(float(dist) / 1000, decimals=1, language=language)
            shown = fill(w["km"], d=km)
            near = getattr(row, "nearest_structure_id", None)
            if not is_missing(near):
                shown += f" ({fmt.text(structure_names.get(str(near), str(near)))})"
        lines.append(f"{fmt.label(w['nearest'], language)} {shown}")
    return "<br>".join(lines)


def _legend_sites(sites: gpd.GeoDataFrame, has_zones: bool, language: Language) -> Section:
    from avs_geo.maps.legend import Entry, Section

    w = words(language)
    rows: list[Entry] = []
    if len(sites) <= LEGEND_SITE_ROWS:
        for row in sites.itertuples(index=False):
            rank = str(int(float(row.rank)))
            name = "" if is_missing(getattr(row, "nom", None)) else str(row.nom)
            label = name or fill(w["site"], rank=rank)
            gain: Any = getattr(row, "gain_population", None)
            if not is_missing(gain):
                gained = fill(
                    w["inhabitants_short"], n=format_number(float(gain), language=language)
                )
                label += f" (+{gained})"
            rows.append(Entry(label, "number", SITE_COLOR, rank))
    else:
        rows.append(
            Entry(fill(w["legend_sites_range"], n=str(len(sites))), "number", SITE_COLOR, "1…")
        )
    if has_zones:
        rows.append(Entry(w["legend_site_zone"], "zone", SITE_COLOR))
    return Section(w["legend_sites"], tuple(rows))
