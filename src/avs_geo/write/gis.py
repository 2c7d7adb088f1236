"""Write layers a GIS opens (GeoPackage), with reproducible bytes.

:func:`to_geopackage` writes several GeoDataFrames as the layers of one GeoPackage that
QGIS opens as it is: the tuples avs_geo keeps in its frames (``structure_ids``,
``zone_communes``...) become ``;``-separated text, and the geometry columns other than
the active one (``zone_polygon`` of the structures) are left out, since GDAL writes one
geometry per layer.

:func:`coverage_geopackage` writes the coverage as a GeoPackage a QGIS user opens as a
finished project: readable French field names (aliases, in ``gpkg_data_columns``), the
rate also in percent and the areas in hectares, the class in words, and one default
style per layer (``layer_styles``, QML and SLD) in the colours of the maps.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd

from avs_geo._deprecated import data_then_path
from avs_geo._i18n import (
    COMMUNE_COLOR,
    NO_OFFER_COLOR,
    QPV_OPACITY,
    STATUS_COLORS,
    STATUS_LABELS,
    STATUSES,
    STRUCTURE_TYPES,
    TYPE_COLORS,
    TYPE_LABELS,
    ZONE_OPACITY,
    Language,
    _check_language,
    message,
)
from avs_geo._i18n.territories import COMMUNE_STATUS_LABELS, NO_OFFER_LABEL
from avs_geo._i18n.write import GPKG_ALIASES, GPKG_STYLE_NAMES, MESSAGES
from avs_geo._paths import gdal_literal
from avs_geo._validate import check_columns, check_suffix
from avs_geo.errors import InputFileError, InputTypeError
from avs_geo.write.layer_styles import (
    Category,
    LayerStyle,
    Symbol,
    categorized_style,
    single_style,
    write_field_aliases,
    write_layer_styles,
)

__all__ = ["COVERAGE_LAYERS", "LIST_SEPARATOR", "coverage_geopackage", "gis_ready", "to_geopackage"]

COVERAGE_LAYERS = (
    "qpv_couverture",
    "zones",
    "structures",
    "communes",
    "communes_couverture",
    "sites_candidats",
    "zones_proposees",
    "sites_proposes",
)
"""Layers :func:`coverage_geopackage` can write, in this order (those given)."""

STRUCTURE_SHAPES = {"centre_social": "circle", "evs": "diamond"}
"""Marker of each structure type, as on the maps (a shape that reads without colour)."""

LIST_SEPARATOR = ";"
"""Separator of the codes of a tuple column once written as text."""


def gis_ready(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` that GDAL can write: tuples as text, one geometry column.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame

    Returns
    -------
    geopandas.GeoDataFrame
        Columns holding tuples or lists become ``;``-joined strings (an empty tuple
        becomes ``""``), geometry columns other than the active one are dropped, the
        index is reset. ``gdf`` is not modified. A GeoPackage compares field names
        without case and keeps ``fid`` and ``geom`` for itself: a column named so, or
        equal to an earlier one but for case (``Remarque`` after ``remarque``, an
        ``fid`` from a QGIS export), gets ``_2`` (``_3``...) added, so that every column
        is written.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> gdf = gpd.GeoDataFrame({"structure_ids": [("CS01", "EVS02"), ()],
    ...                         "zone_polygon": gpd.GeoSeries([None, None])},
    ...                        geometry=[Point(0, 0), Point(1, 1)], crs="EPSG:2154")
    >>> out = gis_ready(gdf)
    >>> out.columns.tolist(), out["structure_ids"].tolist()
    (['structure_ids', 'geometry'], ['CS01;EVS02', ''])
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise InputTypeError(message(MESSAGES, "gdf_type", got=type(gdf).__name__))
    active = gdf.geometry.name
    extra = [
        c for c in gdf.columns if c != active and isinstance(gdf[c].dtype, gpd.array.GeometryDtype)
    ]
    out = gdf.drop(columns=extra).reset_index(drop=True)
    out = out.rename(columns=_field_names([c for c in out.columns if c != active]))
    for column in out.columns:
        if column == active or out[column].dtype != object:
            continue
        values = out[column]
        if values.map(lambda v: isinstance(v, tuple | list)).any():
            out[column] = values.map(
                lambda v: (
                    LIST_SEPARATOR.join(str(i) for i in v)
                    if isinstance(v, tuple | list)
                    else (None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
                )
            )
    return out


_RESERVED = ("fid", "geom")  # GeoPackage's feature id and geometry column


def _field_names(columns: list[object]) -> dict[object, str]:
    """New names for the columns a GeoPackage would refuse or swallow (see :func:`gis_ready`).

    Examples
    --------
    >>> _field_names(["remarque", "Remarque", "fid", "nom"])
    {'Remarque': 'Remarque_2', 'fid': 'fid_2'}
    """
    used = set(_RESERVED)
    renamed: dict[object, str] = {}
    for column in columns:
        name = str(column)
        if name.casefold() in used:
            n = 2
            while f"{name}_{n}".casefold() in used:
                n += 1
            renamed[column] = name = f"{name}_{n}"
        used.add(name.casefold())
    return renamed


def to_geopackage(
    layers: Mapping[str, gpd.GeoDataFrame],
    path: str | os.PathLike[str],
    *,
    timestamp: dt.datetime | None = None,
    aliases: Mapping[str, Mapping[str, str]] | None = None,
    styles: Mapping[str, LayerStyle] | None = None,
) -> Path:
    """Write GeoDataFrames as the layers of one GeoPackage (overwritten if it exists).

    Parameters
    ----------
    layers : mapping
        Layer name -> GeoDataFrame, in layer order. Each goes through
        :func:`gis_ready` (tuples as ``;``-separated text, one geometry column).
    path : str or path-like
        The ``.gpkg`` file to write, taken literally (``!`` or ``/vsi`` in it are plain
        characters, not GDAL virtual paths); an existing file, or a symbolic link, is
        replaced as a whole once the new file is complete. (The 0.1
        order ``to_geopackage(path, layers)`` still works, with a DeprecationWarning.)
    timestamp : datetime, optional
        The "last change" date GDAL records for each layer; default: today at
        midnight (UTC), so that two runs on the same day give the same bytes.
    aliases : mapping, optional
        Layer name -> {field -> readable name}, stored in ``gpkg_data_columns`` (the
        GeoPackage schema extension), which GDAL >= 3.7 and QGIS show as field aliases.
    styles : mapping, optional
        Layer name -> :class:`~avs_geo.write.layer_styles.LayerStyle`, stored as that
        layer's default style in the ``layer_styles`` table QGIS reads.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import geopandas as gpd, pyogrio
    >>> from shapely import box
    >>> zones = gpd.GeoDataFrame({"structure_id": ["CS01"]}, geometry=[box(0, 0, 1, 1)],
    ...                          crs="EPSG:2154")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = to_geopackage({"zones": zones}, pathlib.Path(folder) / "couverture.gpkg")
    ...     pyogrio.list_layers(path).tolist()
    [['zones', 'Polygon']]
    """
    layers, path = data_then_path(layers, path, "to_geopackage")
    target = check_suffix(path, ".gpkg", writer="to_geopackage")
    if not isinstance(layers, Mapping) or not layers:
        raise InputTypeError(message(MESSAGES, "layers_type", got=type(layers).__name__))
    ready = {str(name): gis_ready(gdf) for name, gdf in layers.items()}
    import pyogrio

    when = timestamp or dt.datetime.combine(dt.date.today(), dt.time(), tzinfo=dt.UTC)
    key = "OGR_CURRENT_DATE"
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    previous = pyogrio.get_gdal_config_option(key)
    # GDAL writes to a fresh file under a plain temporary name (a path holding '!' or
    # starting with /vsi would be read as a GDAL virtual path); the complete file, with its
    # aliases and styles, then replaces the target, and a symbolic link there is replaced,
    # not followed.
    scratch = Path(tempfile.mkdtemp(prefix="avs_geo_"))
    pyogrio.set_gdal_config_options({key: stamp})
    try:
        written = scratch / "couche.gpkg"
        if not gdal_literal(written):  # pragma: no cover - a temporary folder holding '!'
            raise InputFileError(message(MESSAGES, "tmp_bang", folder=scratch))
        for name, gdf in ready.items():
            gdf.to_file(written, layer=name, driver="GPKG", engine="pyogrio")
        if aliases:
            write_field_aliases(written, aliases)
        if styles:
            write_layer_styles(written, styles, timestamp=stamp)
        target.unlink(missing_ok=True)
        shutil.move(written, target)
    finally:
        pyogrio.set_gdal_config_options({key: previous})
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _fields(gdf: gpd.GeoDataFrame) -> list[str]:
    """The attribute fields GDAL writes for ``gdf`` (after :func:`gis_ready`)."""
    return [c for c in gis_ready(gdf).columns if c != gdf.geometry.name]


def _coverage_layer(coverage: gpd.GeoDataFrame, language: Language) -> gpd.GeoDataFrame:
    """The QPV layer: the coverage, plus the class in words, the rate in %, areas in ha."""
    extra: dict[str, pd.Series] = {}
    if "coverage_status" in coverage:
        extra["coverage_label"] = coverage["coverage_status"].map(STATUS_LABELS[language])
    if "coverage_ratio" in coverage:
        extra["coverage_percent"] = (pd.to_numeric(coverage["coverage_ratio"]) * 100).round(1)
    for area in ("qpv_area", "covered_area"):
        if f"{area}_m2" in coverage:
            extra[f"{area}_ha"] = (pd.to_numeric(coverage[f"{area}_m2"]) / 1e4).round(2)
    return coverage.assign(**extra)


NO_OFFER_CLASS = "no_offer"
"""``commune_class`` of a commune that no zone reaches (a *commune sans offre AVS*)."""


def _commune_layer(communes: gpd.GeoDataFrame, language: Language) -> gpd.GeoDataFrame:
    """The white-zone layer: the commune coverage, its class (no offer first) in words."""
    if not isinstance(communes, gpd.GeoDataFrame):
        raise InputTypeError(
            message(MESSAGES, "commune_coverage_type", got=type(communes).__name__)
        )
    check_columns(
        communes,
        ["coverage_status", "no_offer", "coverage_ratio"],
        "commune_coverage",
        hint=message(MESSAGES, "commune_coverage_hint"),
    )
    status = communes["coverage_status"].astype(str)
    no_offer = communes["no_offer"].astype(bool)
    klass = status.where(~no_offer, NO_OFFER_CLASS)
    labels = {**COMMUNE_STATUS_LABELS[language], NO_OFFER_CLASS: NO_OFFER_LABEL[language]}
    extra: dict[str, pd.Series] = {
        "commune_class": klass,
        "commune_class_label": klass.map(labels),
        "coverage_percent": (pd.to_numeric(communes["coverage_ratio"]) * 100).round(1),
    }
    for area in ("commune_area", "covered_area"):
        if f"{area}_m2" in communes:
            extra[f"{area}_ha"] = (pd.to_numeric(communes[f"{area}_m2"]) / 1e4).round(2)
    return communes.assign(**extra)


def _with_type_label(gdf: gpd.GeoDataFrame, language: Language) -> gpd.GeoDataFrame:
    if "type" not in gdf:
        return gdf
    return gdf.assign(type_label=gdf["type"].map(TYPE_LABELS[language]))


def _proposed_layer(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The proposed sites as points (a point inside a polygon site), ``ordre_choix`` first."""
    if not isinstance(sites, gpd.GeoDataFrame):
        return sites
    points = sites.geometry.copy()
    polygonal = ~points.geom_type.isin(["Point", "MultiPoint"]) & points.notna()
    points[polygonal] = sites.geometry[polygonal].representative_point()
    out = sites.set_geometry(points)
    if "rank" in out.columns:
        out.insert(0, "ordre_choix", pd.to_numeric(out["rank"], errors="coerce").astype("Int64"))
    return out


def _style(layer: str, gdf: gpd.GeoDataFrame, language: Language) -> LayerStyle:
    """The default style of a layer of :data:`COVERAGE_LAYERS`, in the maps' colours."""
    names = GPKG_STYLE_NAMES[language]
    name, description = names[layer], names["description"]
    aliases, fields = GPKG_ALIASES[language], _fields(gdf)
    types = [
        Category(t, TYPE_LABELS[language][t], TYPE_COLORS[t], STRUCTURE_SHAPES[t])
        for t in STRUCTURE_TYPES
    ]
    if layer in ("qpv_couverture", "zones", "structures"):
        if layer == "qpv_couverture":
            field = "coverage_status"
            categories = [
                Category(s, STATUS_LABELS[language][s], STATUS_COLORS[s]) for s in STATUSES
            ]
        else:
            field, categories = "type", types
        return categorized_style(
            layer,
            field,
            categories,
            geometry="point" if layer == "structures" else "polygon",
            name=name,
            opacity={"qpv_couverture": QPV_OPACITY, "zones": ZONE_OPACITY}.get(layer, 1.0),
            outline={"qpv_couverture": "#333333", "structures": "#ffffff"}.get(layer),
            outline_style="dash" if layer == "zones" else "solid",
            aliases=aliases,
            fields=fields,
            description=description,
        )
    if layer == "communes_couverture":
        return categorized_style(
            layer,
            "commune_class",
            [
                Category(NO_OFFER_CLASS, NO_OFFER_LABEL[language], NO_OFFER_COLOR),
                *(
                    Category(s, COMMUNE_STATUS_LABELS[language][s], STATUS_COLORS[s])
                    for s in STATUSES
                ),
            ],
            geometry="polygon",
            name=name,
            opacity=QPV_OPACITY,
            outline="#ffffff",
            aliases=aliases,
            fields=fields,
            description=description,
        )
    if layer == "communes":
        symbol = Symbol(color=None, outline=COMMUNE_COLOR, outline_width_mm=0.2)
        geometry: Literal["polygon", "point"] = "polygon"
    elif layer == "zones_proposees":  # as on the sites map: dotted black outline, light fill
        symbol = Symbol(
            color="#111111",
            opacity=ZONE_OPACITY / 2,
            outline="#111111",
            outline_width_mm=0.6,
            outline_style="dash",
        )
        geometry = "polygon"
    elif layer == "sites_proposes":  # as on the sites map: yellow squares outlined in black
        symbol = Symbol(
            color="#fde725", outline="#111111", outline_width_mm=0.5, shape="square", size_mm=5.0
        )
        geometry = "point"
    else:  # candidate sites: stars (points) or filled polygons
        symbol = Symbol(color="#fde725", outline="#333333", shape="star", size_mm=4.5)
        points = set(gdf.geom_type.dropna()) <= {"Point", "MultiPoint"}
        geometry = "point" if points else "polygon"
    return single_style(
        layer,
        geometry=geometry,
        name=name,
        symbol=symbol,
        aliases=aliases,
        fields=fields,
        description=description,
    )


def coverage_geopackage(
    coverage: gpd.GeoDataFrame | None,
    path: str | os.PathLike[str],
    *,
    zones: gpd.GeoDataFrame | None = None,
    structures: gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    candidates: gpd.GeoDataFrame | None = None,
    language: Language = "fr",
    timestamp: dt.datetime | None = None,
    commune_coverage: gpd.GeoDataFrame | None = None,
    proposed: gpd.GeoDataFrame | None = None,
    proposed_zones: gpd.GeoDataFrame | None = None,
) -> Path:
    """Write the coverage and its context as a styled GeoPackage QGIS opens as it is.

    Parameters
    ----------
    coverage : GeoDataFrame or None
        Per-QPV coverage (:func:`avs_geo.compute_coverage`): layer ``qpv_couverture``
        (None: no QPV layer, e.g. a territory without QPV contours),
        with, next to the original fields, ``coverage_label`` (the class in words),
        ``coverage_percent`` (the rate in %, 1 decimal) and the areas in hectares
        (``qpv_area_ha``, ``covered_area_ha``, 2 decimals).
    path : str or path-like
        The ``.gpkg`` file (replaced if it exists).
    zones, structures, communes, candidates : GeoDataFrame, optional
        Layers ``zones``, ``structures`` (with ``type_label``), ``communes`` and
        ``sites_candidats``, written when given, in the order of :data:`COVERAGE_LAYERS`.
    commune_coverage : GeoDataFrame, optional
        The commune coverage (``avs_geo.coverage.communes.commune_coverage``): layer
        ``communes_couverture`` (the white zones), with ``commune_class`` (``no_offer``
        for a commune no zone reaches, else its coverage class), the class in words
        (``commune_class_label``), the rate in % and the areas in hectares.
    language : {"fr", "en"}, default "fr"
        Language of the aliases, labels and style names (field names stay as they are,
        so that scripts reading them keep working).
    timestamp : datetime, optional
        See :func:`to_geopackage`.
    proposed, proposed_zones : GeoDataFrame, optional
        The proposed sites (``SiteSelection.sites``: ``rank``...; polygons are written
        as a point inside) and their zones: layers ``sites_proposes`` (yellow squares,
        as on the sites map, with ``ordre_choix`` for a QGIS label) and
        ``zones_proposees``.

    Returns
    -------
    pathlib.Path

    Notes
    -----
    Every field gets a readable alias (``gpkg_data_columns``), and every layer one
    default style (``layer_styles``): QPV filled with the colour of their class
    (``STATUS_COLORS``, as on the maps), zones as dashed, light fills of the colour of
    their type (``TYPE_COLORS``), structures as circles (centre social) or diamonds
    (EVS), communes as grey outlines, the commune coverage filled by class (the
    communes without any offer in ``NO_OFFER_COLOR``), candidate sites as stars.

    Examples
    --------
    >>> import pathlib, sqlite3, tempfile
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> coverage = gpd.GeoDataFrame(
    ...     {"code_qpv": ["QP031001"], "coverage_ratio": [0.5], "coverage_status": ["partial"]},
    ...     geometry=[box(0, 0, 100, 100)], crs="EPSG:2154")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = coverage_geopackage(coverage, pathlib.Path(folder) / "c.gpkg")
    ...     with sqlite3.connect(path) as db:
    ...         db.execute("SELECT name FROM gpkg_data_columns WHERE column_name = "
    ...                    "'coverage_percent'").fetchone()
    ('Taux de couverture (%)',)
    """
    _check_language(language)
    given = {
        "qpv_couverture": None if coverage is None else _coverage_layer(coverage, language),
        "zones": None if zones is None else _with_type_label(zones, language),
        "structures": None if structures is None else _with_type_label(structures, language),
        "communes": communes,
        "communes_couverture": (
            None if commune_coverage is None else _commune_layer(commune_coverage, language)
        ),
        "sites_candidats": candidates,
        "zones_proposees": proposed_zones,
        "sites_proposes": None if proposed is None else _proposed_layer(proposed),
    }
    layers = {name: gdf for name, gdf in given.items() if gdf is not None}
    for name, gdf in layers.items():
        if not isinstance(gdf, gpd.GeoDataFrame):
            raise InputTypeError(message(MESSAGES, "layer_type", name=name, got=type(gdf).__name__))
    aliases = {name: GPKG_ALIASES[language] for name in layers}
    styles = {name: _style(name, gdf, language) for name, gdf in layers.items()}
    return to_geopackage(layers, path, timestamp=timestamp, aliases=aliases, styles=styles)
