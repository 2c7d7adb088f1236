"""Layer styles a GIS reads from a GeoPackage: QGIS QML and OGC SLD, in ``layer_styles``.

QGIS keeps the styles of the layers of a GeoPackage in a table named ``layer_styles``
(one row per style, the default one marked ``useAsDefault``) and opens a layer with its
default style. :func:`categorized_style` and :func:`single_style` build a style in both
languages QGIS stores there: QML (QGIS's own XML, read when the layer opens) and SLD
1.0 (OGC Styled Layer Descriptor, for other tools). :func:`write_layer_styles` adds the
rows, and :func:`write_field_aliases` the readable names of the fields, to a GeoPackage
that GDAL has written, with ``sqlite3``: both are documented tables (the QGIS
``layer_styles`` table, and ``gpkg_data_columns`` of the GeoPackage schema extension,
whose ``name`` column GDAL >= 3.7 and QGIS read as the field's alias).
"""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "Category",
    "LayerStyle",
    "Symbol",
    "categorized_style",
    "single_style",
    "write_field_aliases",
    "write_layer_styles",
]

Geometry = Literal["polygon", "point", "line"]

_QGIS_VERSION = "3.28.0"
_SLD_NS = {
    "xmlns": "http://www.opengis.net/sld",
    "xmlns:ogc": "http://www.opengis.net/ogc",
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation": (
        "http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd"
    ),
}
_QML_SHAPES = {"circle": "circle", "diamond": "diamond", "star": "star", "square": "square"}
_QML_GEOMETRY = {"point": "0", "line": "1", "polygon": "2"}


@dataclass(frozen=True)
class Category:
    """One class of a categorized style: the field value, its label and its symbol."""

    value: str
    label: str
    color: str
    shape: str = "circle"


@dataclass(frozen=True)
class Symbol:
    """How a feature is drawn: fill colour and opacity, outline, marker shape and size."""

    color: str | None
    opacity: float = 1.0
    outline: str = "#333333"
    outline_width_mm: float = 0.26
    outline_style: Literal["solid", "dash"] = "solid"
    shape: str = "circle"
    size_mm: float = 3.0


@dataclass(frozen=True)
class LayerStyle:
    """A style of one layer, in QML (QGIS) and SLD (OGC), with its name and description."""

    name: str
    qml: str
    sld: str
    description: str = ""


def _rgba(color: str | None, opacity: float = 1.0) -> str:
    """``"#2166ac"`` -> ``"33,102,172,191"`` (QGIS colour with alpha)."""
    if color is None:
        return "0,0,0,0"
    hex_ = color.lstrip("#")
    r, g, b = (int(hex_[i : i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{round(opacity * 255)}"


def _options(parent: ET.Element, values: Mapping[str, str]) -> None:
    mapping = ET.SubElement(parent, "Option", type="Map")
    for key, value in values.items():
        ET.SubElement(mapping, "Option", type="QString", name=key, value=value)


def _qml_symbol(parent: ET.Element, name: str, geometry: Geometry, symbol: Symbol) -> None:
    kind = {"polygon": "fill", "point": "marker", "line": "line"}[geometry]
    element = ET.SubElement(
        parent, "symbol", type=kind, name=name, alpha="1", clip_to_extent="1", force_rhr="0"
    )
    if geometry == "polygon":
        layer = ET.SubElement(element, "layer", {"class": "SimpleFill"}, enabled="1", pass_="0")
        _options(
            layer,
            {
                "color": _rgba(symbol.color, symbol.opacity),
                "style": "no" if symbol.color is None else "solid",
                "outline_color": _rgba(symbol.outline),
                "outline_style": symbol.outline_style,
                "outline_width": f"{symbol.outline_width_mm:g}",
                "outline_width_unit": "MM",
                "joinstyle": "round",
            },
        )
    elif geometry == "point":
        layer = ET.SubElement(element, "layer", {"class": "SimpleMarker"}, enabled="1", pass_="0")
        _options(
            layer,
            {
                "name": _QML_SHAPES.get(symbol.shape, "circle"),
                "color": _rgba(symbol.color, symbol.opacity),
                "outline_color": _rgba(symbol.outline),
                "outline_style": "solid",
                "outline_width": f"{symbol.outline_width_mm:g}",
                "outline_width_unit": "MM",
                "size": f"{symbol.size_mm:g}",
                "size_unit": "MM",
            },
        )
    else:
        layer = ET.SubElement(element, "layer", {"class": "SimpleLine"}, enabled="1", pass_="0")
        _options(
            layer,
            {
                "line_color": _rgba(symbol.outline),
                "line_style": symbol.outline_style,
                "line_width": f"{symbol.outline_width_mm:g}",
                "line_width_unit": "MM",
            },
        )
    # ElementTree cannot take "pass" as a keyword; QGIS reads the attribute "pass".
    layer.attrib["pass"] = layer.attrib.pop("pass_")


def _qml(
    renderer: ET.Element, geometry: Geometry, aliases: Mapping[str, str], fields: Sequence[str]
) -> str:
    root = ET.Element(
        "qgis", version=_QGIS_VERSION, styleCategories="Symbology|Fields|AttributeTable"
    )
    root.append(renderer)
    if aliases:
        block = ET.SubElement(root, "aliases")
        for index, field in enumerate(fields):
            if field in aliases:
                ET.SubElement(block, "alias", field=field, index=str(index), name=aliases[field])
    ET.SubElement(root, "layerGeometryType").text = _QML_GEOMETRY[geometry]
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + body + "\n"


def _sld_symbolizer(rule: ET.Element, geometry: Geometry, symbol: Symbol) -> None:
    def css(parent: ET.Element, name: str, value: str) -> None:
        ET.SubElement(parent, "CssParameter", name=name).text = value

    def stroke(parent: ET.Element) -> None:
        element = ET.SubElement(parent, "Stroke")
        css(element, "stroke", symbol.outline)
        css(element, "stroke-width", f"{symbol.outline_width_mm * 3.78:.2f}")  # mm -> px
        if symbol.outline_style == "dash":
            css(element, "stroke-dasharray", "6 3")

    if geometry == "polygon":
        element = ET.SubElement(rule, "PolygonSymbolizer")
        if symbol.color is not None:
            fill = ET.SubElement(element, "Fill")
            css(fill, "fill", symbol.color)
            css(fill, "fill-opacity", f"{symbol.opacity:g}")
        stroke(element)
    elif geometry == "point":
        element = ET.SubElement(rule, "PointSymbolizer")
        graphic = ET.SubElement(element, "Graphic")
        mark = ET.SubElement(graphic, "Mark")
        sld_shape = {"diamond": "square", "circle": "circle", "star": "star"}
        ET.SubElement(mark, "WellKnownName").text = sld_shape.get(symbol.shape, "circle")
        fill = ET.SubElement(mark, "Fill")
        css(fill, "fill", symbol.color or "#000000")
        stroke(mark)
        ET.SubElement(graphic, "Size").text = f"{symbol.size_mm * 3.78:.0f}"
        if symbol.shape == "diamond":
            ET.SubElement(graphic, "Rotation").text = "45"
    else:
        stroke(ET.SubElement(rule, "LineSymbolizer"))


def _sld(
    layer: str, style_name: str, rules: Sequence[tuple[ET.Element, Symbol]], geometry: Geometry
) -> str:
    root = ET.Element("StyledLayerDescriptor", version="1.0.0", attrib=_SLD_NS)
    named = ET.SubElement(root, "NamedLayer")
    ET.SubElement(named, "Name").text = layer
    user = ET.SubElement(named, "UserStyle")
    ET.SubElement(user, "Name").text = style_name
    feature_style = ET.SubElement(user, "FeatureTypeStyle")
    for rule, symbol in rules:
        feature_style.append(rule)
        _sld_symbolizer(rule, geometry, symbol)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def categorized_style(
    layer: str,
    field: str,
    categories: Sequence[Category],
    *,
    geometry: Geometry,
    name: str,
    opacity: float = 1.0,
    outline: str | None = None,
    outline_style: Literal["solid", "dash"] = "solid",
    aliases: Mapping[str, str] | None = None,
    fields: Sequence[str] = (),
    description: str = "",
) -> LayerStyle:
    """A style that colours each value of ``field`` (QGIS "categorized" renderer).

    Parameters
    ----------
    layer : str
        The layer's name (the SLD names it).
    field : str
        The field whose values pick the class.
    categories : sequence of Category
        One class per value, in legend order.
    geometry : {"polygon", "point", "line"}
    name : str
        The style's name, as QGIS lists it.
    opacity : float, default 1
        Fill opacity (0-1).
    outline : str, optional
        Outline colour; default: the class colour.
    outline_style : {"solid", "dash"}
    aliases : mapping, optional
        Field -> readable name, also stored in the QML (QGIS applies them with the style).
    fields : sequence of str
        The layer's fields in order (the QML numbers the aliases).
    description : str

    Examples
    --------
    >>> style = categorized_style("qpv", "status", [Category("full", "Couvert", "#2166ac")],
    ...                           geometry="polygon", name="Couverture")
    >>> 'value="full"' in style.qml and "<ogc:Literal>full</ogc:Literal>" in style.sld
    True
    """
    renderer = ET.Element(
        "renderer-v2",
        type="categorizedSymbol",
        attr=field,
        symbollevels="0",
        enableorderby="0",
        forceraster="0",
    )
    listed = ET.SubElement(renderer, "categories")
    symbols_element = ET.SubElement(renderer, "symbols")
    rules: list[tuple[ET.Element, Symbol]] = []
    for index, category in enumerate(categories):
        ET.SubElement(
            listed,
            "category",
            value=category.value,
            label=category.label,
            symbol=str(index),
            render="true",
        )
        symbol = Symbol(
            color=category.color,
            opacity=opacity,
            outline=outline or category.color,
            outline_style=outline_style,
            shape=category.shape,
            outline_width_mm=0.26 if geometry != "point" else 0.2,
        )
        _qml_symbol(symbols_element, str(index), geometry, symbol)
        rule = ET.Element("Rule")
        ET.SubElement(rule, "Name").text = category.value
        ET.SubElement(rule, "Title").text = category.label
        condition = ET.SubElement(ET.SubElement(rule, "ogc:Filter"), "ogc:PropertyIsEqualTo")
        ET.SubElement(condition, "ogc:PropertyName").text = field
        ET.SubElement(condition, "ogc:Literal").text = category.value
        rules.append((rule, symbol))
    qml = _qml(renderer, geometry, aliases or {}, fields)
    return LayerStyle(name, qml, _sld(layer, name, rules, geometry), description)


def single_style(
    layer: str,
    *,
    geometry: Geometry,
    name: str,
    symbol: Symbol,
    label: str = "",
    aliases: Mapping[str, str] | None = None,
    fields: Sequence[str] = (),
    description: str = "",
) -> LayerStyle:
    """A style that draws every feature with one symbol (QGIS "single symbol" renderer).

    Examples
    --------
    >>> style = single_style("communes", geometry="polygon", name="Communes",
    ...                      symbol=Symbol(color=None, outline="#555555"))
    >>> 'name="style" value="no"' in style.qml
    True
    """
    renderer = ET.Element(
        "renderer-v2", type="singleSymbol", symbollevels="0", enableorderby="0", forceraster="0"
    )
    _qml_symbol(ET.SubElement(renderer, "symbols"), "0", geometry, symbol)
    rule = ET.Element("Rule")
    ET.SubElement(rule, "Name").text = label or name
    ET.SubElement(rule, "Title").text = label or name
    qml = _qml(renderer, geometry, aliases or {}, fields)
    return LayerStyle(name, qml, _sld(layer, name, [(rule, symbol)], geometry), description)


_LAYER_STYLES_DDL = """
CREATE TABLE IF NOT EXISTS layer_styles (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    f_table_catalog TEXT(256),
    f_table_schema TEXT(256),
    f_table_name TEXT(256),
    f_geometry_column TEXT(256),
    styleName TEXT(30),
    styleQML TEXT,
    styleSLD TEXT,
    useAsDefault BOOLEAN,
    description TEXT,
    owner TEXT(30),
    ui TEXT(30),
    update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
)
"""

_DATA_COLUMNS_DDL = """
CREATE TABLE IF NOT EXISTS gpkg_data_columns (
    table_name TEXT NOT NULL,
    column_name TEXT NOT NULL,
    name TEXT,
    title TEXT,
    description TEXT,
    mime_type TEXT,
    constraint_name TEXT,
    CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
    CONSTRAINT gdc_tn UNIQUE (table_name, name)
)
"""

_DATA_COLUMN_CONSTRAINTS_DDL = """
CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (
    constraint_name TEXT NOT NULL,
    constraint_type TEXT NOT NULL,
    value TEXT,
    min NUMERIC,
    min_is_inclusive BOOLEAN,
    max NUMERIC,
    max_is_inclusive BOOLEAN,
    description TEXT,
    CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value)
)
"""

_SCHEMA_EXTENSION = "http://www.geopackage.org/spec/#extension_schema"


def _register(connection: sqlite3.Connection, table: str, description: str, when: str) -> None:
    """List a plain table in ``gpkg_contents`` (as QGIS and GDAL do) so that GIS see it."""
    known = connection.execute(
        "SELECT 1 FROM gpkg_contents WHERE table_name = ?", (table,)
    ).fetchone()
    if not known:
        connection.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description,"
            " last_change) VALUES (?, 'attributes', ?, ?, ?)",
            (table, table, description, when),
        )


def write_layer_styles(
    path: str | Path, styles: Mapping[str, LayerStyle], *, timestamp: str
) -> None:
    """Store one default style per layer in the GeoPackage's ``layer_styles`` table.

    Parameters
    ----------
    path : path
        A GeoPackage written by GDAL, holding the layers named in ``styles``.
    styles : mapping
        Layer name -> its style, stored as that layer's default (``useAsDefault = 1``).
    timestamp : str
        ``update_time`` of the rows and ``last_change`` of the table (ISO 8601, UTC), so
        that two runs give the same bytes.
    """
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(_LAYER_STYLES_DDL)
        _register(connection, "layer_styles", "Styles des couches (QGIS)", timestamp)
        for layer, style in styles.items():
            row = connection.execute(
                "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)
            ).fetchone()
            geometry_column = row[0] if row else ""
            connection.execute(
                "UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = ?", (layer,)
            )
            connection.execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name,"
                " f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description,"
                " owner, ui, update_time) VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, '', '', ?)",
                (
                    layer,
                    geometry_column,
                    style.name,
                    style.qml,
                    style.sld,
                    style.description,
                    timestamp,
                ),
            )


def write_field_aliases(path: str | Path, aliases: Mapping[str, Mapping[str, str]]) -> None:
    """Store readable field names (aliases) in the GeoPackage's ``gpkg_data_columns``.

    The GeoPackage schema extension (``gpkg_schema``) is registered in
    ``gpkg_extensions`` for the two tables it defines, as the standard asks.

    Parameters
    ----------
    path : path
        A GeoPackage written by GDAL.
    aliases : mapping
        Layer name -> {field name -> alias}; fields the layer does not have are skipped.
    """
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT,"
            " extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL,"
            " CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))"
        )
        connection.execute(_DATA_COLUMNS_DDL)
        connection.execute(_DATA_COLUMN_CONSTRAINTS_DDL)
        for table in ("gpkg_data_columns", "gpkg_data_column_constraints"):
            if connection.execute(
                "SELECT 1 FROM gpkg_extensions WHERE table_name = ? AND"
                " extension_name = 'gpkg_schema'",
                (table,),
            ).fetchone():
                continue
            connection.execute(
                "INSERT INTO gpkg_extensions (table_name, column_name,"
                " extension_name, definition, scope) VALUES (?, NULL, 'gpkg_schema', ?,"
                " 'read-write')",
                (table, _SCHEMA_EXTENSION),
            )
        for layer, names in aliases.items():
            columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{layer}")')}
            connection.executemany(
                "INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name,"
                " title) VALUES (?, ?, ?, ?)",
                [
                    (layer, field, alias, alias)
                    for field, alias in names.items()
                    if field in columns
                ],
            )
