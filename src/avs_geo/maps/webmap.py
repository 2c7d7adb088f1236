"""The interactive coverage map (folium/Leaflet) and its self-contained HTML file."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd

from avs_geo._i18n import Language, message
from avs_geo._i18n.maps import MESSAGES
from avs_geo._optional import require
from avs_geo._validate import check_geodataframe, check_same_crs
from avs_geo.errors import InputTypeError, MissingFileError, ParameterError
from avs_geo.maps._format import text
from avs_geo.maps._geometry import bounds_latlon
from avs_geo.maps._inputs import check_layers
from avs_geo.maps.symbology import fill, score_classes, words

if TYPE_CHECKING:
    import folium

__all__ = ["MapStart", "coverage_map", "finish_map", "save_map", "save_map_pages", "start_map"]


def coverage_map(
    coverage: gpd.GeoDataFrame,
    *,
    zones: gpd.GeoDataFrame | None = None,
    structures: gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    candidates: gpd.GeoDataFrame | None = None,
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
    white_zones: gpd.GeoDataFrame | None = None,
    territories: gpd.GeoDataFrame | None = None,
) -> folium.Map:
    """Map the coverage of the QPV, with zones, structures, communes and candidate sites.

    Each layer can be switched in the layer control: QPV coloured by coverage class
    (tooltip with the share covered, popup with communes, population and the structures
    reaching it), intervention zones (semi-transparent, one colour per type),
    structures (circle: centre social, diamond: EVS; popup with name, type, agreement
    dates and the QPV it reaches), commune outlines and candidate sites (stars coloured
    by score). The map carries a French legend with the QPV count of each class, a
    title, a metric scale bar, a fullscreen button, and is fitted to the data.

    The HTML needs no network except for the base tiles: Leaflet is inlined from the
    installed ``django-js-lib-leaflet`` package, no CDN is used. Save it with
    :func:`save_map` for a byte-identical file from the same input.

    Parameters
    ----------
    coverage : GeoDataFrame
        Output of ``compute_coverage``: ``code_qpv``, ``nom_qpv``, ``coverage_ratio``,
        ``coverage_status`` and polygons; ``communes``, ``population``,
        ``covered_population`` and ``structure_ids`` are shown when present.
    zones, structures, communes : GeoDataFrame, optional
        Outputs of ``build_zones``, ``load_structures`` and ``load_communes``.
    full_min, none_max : float, optional
        By default those ``coverage`` was made with (its ``full_min`` and ``none_max``
        columns, else 0.95 and 0.05).
        The thresholds given to ``compute_coverage``, shown in the legend (checked
        against the classes when ``coverage`` has ``coverage_ratio``).
    candidates : GeoDataFrame, optional
        Candidate sites (points or polygons) with a ``score`` column; ``rank`` and
        ``nom`` are shown when present. Coloured in five equal-interval score classes.
    outline : GeoDataFrame, optional
        Polygons whose outline situates the data when no base map loads (a closed
        network): typically the communes of the departments shown
        (``load_communes``). They are merged per ``departement`` when the column is
        there (else into one outline), simplified once at the scale of the whole
        territory (its extent / 2,000) and drawn as grey lines under every layer.
    title : str, optional
        Title shown at the top of the map; ``None`` for the default title (with
        ``territory`` and ``date`` when given), ``""`` for none.
    date : str or date, optional
        The date of the situation, shown in the default title (``au 31 décembre 2022``).
    territory : str, optional
        The territory as the report sentence words it (``"du Nord"``), shown in the
        default title.
    language : {"fr", "en"}, default "fr"
        Language of every text of the map.
    tiles : str or None, default "OpenStreetMap"
        Base map (a folium/xyzservices name), or ``None`` for none. Tiles come from the
        internet; without it the data layers still draw on a grey background.
    simplify_m : float, default 5.0
        Display-only simplification tolerance in metres (0 keeps every vertex); 5 m is
        under two screen pixels up to zoom 16 in metropolitan France.
    decimals : int, default 5
        Decimals kept on longitudes and latitudes (5 is about a metre).
    white_zones : GeoDataFrame, optional
        The commune coverage (``avs_geo.coverage.communes.commune_coverage``): layer
        "Communes sans offre AVS", the communes no zone reaches, filled in
        ``NO_OFFER_COLOR`` (name, code and inhabitants on hover), counted in the legend.
    territories : GeoDataFrame, optional
        Communes with a ``territoire`` column (the planner's territories): layer
        "Territoires", the communes merged per territory and drawn as thick outlines.

    Returns
    -------
    folium.Map

    Raises
    ------
    InputTypeError, CRSError, SchemaError, GeometryError, ParameterError
        For a layer that is not a GeoDataFrame with a CRS, layers in different CRS, a
        missing column, an unknown coverage class or structure type, empty geometries,
        or an option out of range.

    Notes
    -----
    Geometries are simplified and reprojected to EPSG:4326 for display only (see
    ``avs_geo.maps._geometry``); the input frames are not modified.

    Every QPV is visible at every scale: below the zoom at which the median QPV is
    10 pixels wide (``avs_geo.maps._geometry.dot_zoom``, 12 for QPV of 500 m), each
    QPV is drawn as a dot of its class colour above the structure markers, and the
    structures are grouped by Leaflet.markercluster (a disc with their number), and
    the zones are not drawn (thousands of overlapping zones would hide the dots); from
    that zoom on, the QPV shapes, the zones and every marker appear.

    Examples
    --------
    >>> import shapely
    >>> cov = gpd.GeoDataFrame(
    ...     {"code_qpv": ["QP031001"], "nom_qpv": ["Quartier A"], "coverage_ratio": [0.769],
    ...      "coverage_status": ["partial"]},
    ...     geometry=[shapely.box(574000, 6280000, 574500, 6280400)], crs="EPSG:2154")
    >>> m = coverage_map(cov)
    >>> type(m).__name__
    'Map'
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
    w = words(language)
    from avs_geo.maps import layers as build
    from avs_geo.maps.legend import map_legend, with_approximate_entry

    base = start_map(
        layers.coverage,
        layers.zones,
        layers.structures,
        layers.candidates,
        outline=outline,
        title=title,
        date=date,
        territory=territory,
        language=language,
        tiles=tiles,
        simplify_m=simplify_m,
        decimals=decimals,
    )

    # Added in the order of the layer control; the panes keep the drawing order.
    names = build.structure_names(layers.structures, layers.zones)
    specs = [
        build.qpv_layer(
            layers.coverage, structure_names=names, geometry=base.geometry, language=language
        )
    ]
    if layers.zones is not None:
        specs.append(
            build.zones_layer(
                layers.zones, geometry=base.geometry, language=language, qpv_parts=specs[0].parts
            )
        )
    if layers.structures is not None:
        specs.append(
            build.structures_layer(
                layers.structures,
                qpv_reached=build.qpv_by_structure(layers.coverage),
                geometry=base.geometry,
                language=language,
            )
        )
    classes = None
    if layers.candidates is not None:
        classes = score_classes(layers.candidates["score"])
        specs.append(
            build.candidates_layer(
                layers.candidates, classes=classes, geometry=base.geometry, language=language
            )
        )
    if layers.white_zones is not None:
        specs.append(
            build.white_zones_layer(layers.white_zones, geometry=base.geometry, language=language)
        )
    if layers.territories is not None:
        specs.append(
            build.territories_layer(layers.territories, geometry=base.geometry, language=language)
        )
    if layers.communes is not None:
        specs.append(
            build.communes_layer(layers.communes, geometry=base.geometry, language=language)
        )
    base.add_layers(specs, layers.coverage, language)

    sections = map_legend(
        layers, classes=classes, full_min=full_min, none_max=none_max, language=language
    )
    sections = with_approximate_entry(sections, layers.structures, language)
    return finish_map(base, sections, title=w["legend_title"], language=language)


@dataclass(frozen=True, eq=False)
class MapStart:
    """A map begun by :func:`start_map`: the folium map, how its layers are drawn, its
    title (None for none) and the bounds ``[[south, west], [north, east]]`` to fit."""

    map: folium.Map
    geometry: Any
    title: str | None
    bounds: list[list[float]]

    def add_layers(
        self, specs: list[Any], coverage: gpd.GeoDataFrame, language: Language
    ) -> dict[str, Any]:
        """Draw the data layers ``specs`` in order (the QPV of ``coverage`` as dots
        below the zoom they show at); the layers drawn, by key."""
        from avs_geo.maps._geometry import dot_zoom
        from avs_geo.maps.elements import DataLayer

        zoom = dot_zoom(coverage)
        cluster = words(language)["cluster"]
        drawn = {}
        for spec in specs:
            layer = DataLayer(
                spec, decimals=self.geometry.decimals, dot_zoom=zoom, cluster_label=cluster
            )
            layer.add_to(self.map)
            drawn[spec.key] = layer
        return drawn


def start_map(
    coverage: gpd.GeoDataFrame,
    *shown: gpd.GeoDataFrame | None,
    outline: gpd.GeoDataFrame | None,
    title: str | None,
    date: object,
    territory: str | None,
    language: Language,
    tiles: str | None,
    simplify_m: float,
    decimals: int,
) -> MapStart:
    """A folium map with the inlined assets, title, base tiles and outline; no data layer.

    The shared start of :func:`coverage_map` and :func:`avs_geo.maps.sitesmap.sites_map`:
    it checks the display options and the outline and returns the map with the
    :class:`~avs_geo.maps.layers.Geometry` its layers are drawn with. The view is fitted
    to ``coverage`` and the ``shown`` frames by :func:`finish_map`.
    """
    folium = require("folium", extra="maps")
    if outline is not None:
        outline = check_geodataframe(outline, "outline")
        check_same_crs(coverage=coverage, outline=outline)
    if not (isinstance(simplify_m, int | float) and math.isfinite(simplify_m) and simplify_m >= 0):
        raise ParameterError(message(MESSAGES, "simplify", got=simplify_m))
    if not (isinstance(decimals, int) and 3 <= decimals <= 8):
        raise ParameterError(message(MESSAGES, "decimals", got=decimals))

    from avs_geo.maps import layers as build
    from avs_geo.maps._geometry import outline_geometries, outline_tolerance
    from avs_geo.maps.elements import InlineAssets, Outline
    from avs_geo.maps.legend import map_title

    geometry = build.Geometry(tolerance_m=float(simplify_m), decimals=decimals)
    bounds = bounds_latlon(coverage, *shown)
    assert bounds is not None  # coverage has at least one non-empty polygon
    center = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]

    shown_title = map_title(date=date, territory=territory, language=language)
    if title is not None:
        shown_title = title
    m = folium.Map(location=center, zoom_start=12, tiles=None)
    # No CDN: Leaflet is inlined below; jQuery, Bootstrap and font-awesome are not used.
    m.default_js = []
    m.default_css = []
    figure = m.get_root()
    figure.title = text(shown_title) if shown_title else None
    figure.header.add_child(InlineAssets(), name="avs_geo_assets", index=1)
    if tiles is not None:
        folium.TileLayer(tiles, control=False).add_to(m)
    if outline is not None:
        lines = outline_geometries(
            outline,
            by="departement",
            tolerance_m=max(float(simplify_m), outline_tolerance(outline)),
            decimals=decimals,
        )
        features = [{"geometry": g} for g in lines if g is not None]
        Outline(features, build.OUTLINE_STYLE, decimals=decimals).add_to(m)
    return MapStart(map=m, geometry=geometry, title=shown_title or None, bounds=bounds)


def finish_map(
    base: MapStart, sections: list[Any], *, title: str, language: Language
) -> folium.Map:
    """Legend, title, scale bar, fullscreen button and layer control; fit to the data.

    The shared end of :func:`coverage_map` and :func:`avs_geo.maps.sitesmap.sites_map`,
    after their data layers: the legend shows ``sections``
    (:func:`avs_geo.maps.legend.legend_entries`) under ``title``; element ids are numbered
    so that the saved file is the same bytes for the same map.
    """
    folium = require("folium", extra="maps")
    from avs_geo.maps._ids import number_elements
    from avs_geo.maps.elements import HtmlBox, MapFurniture
    from avs_geo.maps.legend import legend_html

    w = words(language)
    m = base.map
    HtmlBox(
        legend_html(sections, title=title, language=language),
        class_name="avs-legend",
        position="bottomright",
    ).add_to(m)
    MapFurniture(title=base.title, fullscreen_label=w["fullscreen"]).add_to(m)
    folium.LayerControl(position="topright", collapsed=False).add_to(m)
    m.fit_bounds(base.bounds, padding=(20, 20))
    number_elements(m.get_root())
    return m


def save_map(map: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one self-contained HTML file and return its path.

    The file opens offline (only the base tiles need the network) and is
    byte-identical for the same map: element ids are numbered, not random.

    Parameters
    ----------
    map : folium.Map
        A map from :func:`coverage_map` (any folium map is written, but only those
        made by :func:`coverage_map` are free of CDN links).
    path : str or PathLike
        The ``.html`` file to write (overwritten); its folder must exist.

    Examples
    --------
    >>> import shapely, tempfile
    >>> cov = gpd.GeoDataFrame(
    ...     {"code_qpv": ["QP031001"], "nom_qpv": ["A"], "coverage_ratio": [1.0],
    ...      "coverage_status": ["full"]},
    ...     geometry=[shapely.box(574000, 6280000, 574500, 6280400)], crs="EPSG:2154")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = save_map(coverage_map(cov), Path(folder) / "carte.html")
    ...     out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    folium = require("folium", extra="maps")
    if not isinstance(map, folium.Map):
        raise InputTypeError(message(MESSAGES, "map_type", got=type(map).__name__))
    target = Path(path)
    if not target.parent.is_dir():
        raise MissingFileError(message(MESSAGES, "no_folder", target=target, folder=target.parent))
    from avs_geo.maps._ids import normalise_ids

    figure = map.get_root()
    html = normalise_ids(figure.render(), figure)
    target.write_bytes(html.encode("utf-8"))  # no newline translation: same bytes everywhere
    return target


def save_map_pages(
    coverage: gpd.GeoDataFrame,
    folder: str | os.PathLike[str],
    *,
    zones: gpd.GeoDataFrame | None = None,
    structures: gpd.GeoDataFrame | None = None,
    outline: gpd.GeoDataFrame | None = None,
    by: str = "departement",
    language: Language = "fr",
    prefix: str = "",
    progress: Callable[[int, int], None] | None = None,
    **options: Any,
) -> dict[str, Path]:
    """Write one self-contained map page per department, plus an index page.

    A national map carrying every zone outline is heavy (3 MB for 3,600 zones built
    from commune borders); split, each page stays small. The index page
    (``index.html``) shows every QPV and structure and the outline, without the zones,
    and links to the pages; the page of a department (``departement_59.html``) has
    its QPV, the zones that reach them, the structures of these zones and the
    department's outline, and links back to the index. Every page opens offline.

    Parameters
    ----------
    coverage : GeoDataFrame
        As for :func:`coverage_map`, with a ``by`` column (``departement``).
    folder : str or PathLike
        An existing folder; the pages are written (overwritten) there.
    zones, structures, outline : GeoDataFrame, optional
        As for :func:`coverage_map`; ``outline`` is split by its own ``by`` column
        when it has one.
    by : str, default "departement"
        The column of ``coverage`` that splits the pages.
    language : {"fr", "en"}, default "fr"
    prefix : str, default ""
        Put before every file name (``carte_`` gives ``carte_index.html`` and
        ``carte_departement_59.html``), so that the pages can sit beside other files.
    progress : callable, optional
        ``progress(done, total)`` after each page written (the index included).
    **options
        Any other option of :func:`coverage_map` (``date``, ``tiles``...); a
        ``title`` is used for the index page only.

    Returns
    -------
    dict of str to pathlib.Path
        ``{"index": ..., "59": ..., ...}``.

    Examples
    --------
    >>> import shapely, tempfile
    >>> cov = gpd.GeoDataFrame(
    ...     {"code_qpv": ["QP031001", "QP032001"], "nom_qpv": ["A", "B"],
    ...      "coverage_ratio": [1.0, 0.0], "coverage_status": ["full", "none"],
    ...      "departement": ["31", "32"]},
    ...     geometry=[shapely.box(574000, 6280000, 574500, 6280400),
    ...               shapely.box(504000, 6280000, 504500, 6280400)], crs="EPSG:2154")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     sorted(p.name for p in save_map_pages(cov, folder).values())
    ['departement_31.html', 'departement_32.html', 'index.html']
    """
    from avs_geo.maps.elements import HtmlBox

    layers = check_layers(coverage, zones=zones, structures=structures)
    target = Path(folder)
    if not target.is_dir():
        raise MissingFileError(message(MESSAGES, "no_pages_folder", target=target))
    if by not in layers.coverage.columns:
        raise ParameterError(
            message(
                MESSAGES,
                "split_column",
                by=by,
                columns=", ".join(map(str, layers.coverage.columns)),
            )
        )
    w = words(language)
    keys = layers.coverage[by].astype("string").fillna("")
    codes = sorted(set(keys) - {""})
    pages = {code: f"{prefix}{by}_{code}.html" for code in codes}
    index_name = f"{prefix}index.html"
    counts = keys.value_counts()

    index = coverage_map(
        layers.coverage,
        structures=layers.structures,
        outline=outline,
        language=language,
        **options,
    )
    links = "".join(
        f'<span class="avs-page"><a href="{text(name)}">{text(code)}</a>'
        f"{text(' (' + str(int(counts[code])) + ')')}</span> "
        for code, name in pages.items()
    )
    HtmlBox(
        f'<div class="avs-legend-title">{text(w["pages_title"])}</div>'
        f'<div class="avs-pages">{links}</div>',
        class_name="avs-legend avs-pages-box",
        position="bottomleft",
    ).add_to(index)
    written = {"index": save_map(index, target / index_name)}
    if progress is not None:
        progress(1, len(pages) + 1)

    page_options = {k: v for k, v in options.items() if k not in ("title", "territory")}
    for code, name in pages.items():
        part = layers.coverage[(keys == code).to_numpy()]
        part_zones = None
        if layers.zones is not None:
            hits = layers.zones.sindex.query(part.geometry.to_numpy(), predicate="intersects")[1]
            if len(hits):
                part_zones = layers.zones.iloc[sorted(set(hits.tolist()))]
        part_structures = None
        if layers.structures is not None and part_zones is not None:
            reach = layers.structures["structure_id"].isin(part_zones["structure_id"])
            part_structures = layers.structures[reach.to_numpy()]
            if len(part_structures) == 0:
                part_structures = None
        part_outline = outline
        if outline is not None and by in outline.columns:
            part_outline = outline[(outline[by].astype("string") == code).to_numpy()]
            if len(part_outline) == 0:
                part_outline = None
        page = coverage_map(
            part,
            zones=part_zones,
            structures=part_structures,
            outline=part_outline,
            territory=fill(w["territory_departement"], code=code),
            language=language,
            **page_options,
        )
        HtmlBox(
            f'<a href="{text(index_name)}">{text(w["pages_index"])}</a>',
            class_name="avs-legend avs-pages-box",
            position="bottomleft",
        ).add_to(page)
        written[code] = save_map(page, target / name)
        if progress is not None:
            progress(len(written), len(pages) + 1)
    return written
