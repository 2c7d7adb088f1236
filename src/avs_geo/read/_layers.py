"""The layers of a vector file: one is read, never "the first one" without a word.

A GeoPackage or a file geodatabase holds several layers; a zip holds one shapefile or
several, at its root or in a folder. GDAL, asked for "the file", reads its first layer
only (pyogrio says so in a ``UserWarning`` that a planner never sees). Here the layers
with a geometry are listed (attribute tables, such as the ``layer_styles`` table QGIS
adds, are not layers to read); a file with one is read, a file with several is refused
with their names and sizes unless ``layer=`` (``--couche``) names one.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from avs_geo._i18n.read import read_message
from avs_geo.errors import InputFileError, format_ids

__all__ = ["Layer", "choose_layer", "vector_layers"]

_IN_ZIP = {".shp", ".gpkg", ".geojson", ".json", ".fgb", ".kml", ".gml"}


@dataclass(frozen=True)
class Layer:
    """A layer with a geometry: how a planner names it, where GDAL finds it."""

    name: str
    source: str
    layer: str


def vector_layers(plain: Path) -> list[Layer]:
    """The layers with a geometry of the file at ``plain`` (a path GDAL takes literally).

    A zip is looked into: every shapefile, GeoPackage or GeoJSON it holds, at its root
    or in folders. A file GDAL cannot list (not a vector format) gives no layer: the
    reader then reports the format.
    """
    import pyogrio

    if plain.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(plain) as archive:
                members = [m for m in archive.namelist() if _vector_member(m)]
        except (zipfile.BadZipFile, OSError):
            return []
        sources = [(f"/vsizip/{plain.as_posix()}/{m}", m) for m in sorted(members)]
    else:
        sources = [(str(plain), "")]
    found: list[tuple[str, str, str]] = []
    for source, member in sources:
        try:
            listed = pyogrio.list_layers(source)
        except Exception:  # DataSourceError: not a vector file; the reader says so
            continue
        for name, geometry_type in listed:
            if geometry_type is not None:
                found.append((str(name), source, member))
    names = [name for name, _, _ in found]
    return [
        Layer(
            name=name if names.count(name) == 1 else _qualified(member, name),
            source=source,
            layer=name,
        )
        for name, source, member in found
    ]


def _vector_member(member: str) -> bool:
    path = PurePosixPath(member)
    hidden = any(part.startswith((".", "__MACOSX")) for part in path.parts)
    return not hidden and path.suffix.lower() in _IN_ZIP


def _qualified(member: str, name: str) -> str:
    stem = str(PurePosixPath(member).with_suffix(""))
    return stem if PurePosixPath(member).suffix.lower() != ".gpkg" else f"{stem}:{name}"


def choose_layer(
    layers: list[Layer],
    *,
    layer: str | int | None,
    path: Path,
    what: str,
    counts: dict[str, int],
    option: str | None,
) -> Layer | None:
    """The layer to read: the one named by ``layer``, or the only one.

    ``counts`` gives the number of features of each layer (for the message);
    ``option`` is the command-line option that names a layer of this file, if any.

    Raises
    ------
    InputFileError
        Several layers and none chosen, or ``layer`` names none of them.
    """
    if layer is None:
        if len(layers) > 1:
            raise InputFileError(
                read_message(
                    "several_layers",
                    what=what,
                    path=path,
                    n=len(layers),
                    layers=_listed(layers, counts),
                    how=_how(layers[0].name, option),
                ),
                file=path,
                parameters=("layer",),
            )
        return layers[0] if layers else None
    if isinstance(layer, int) and not isinstance(layer, bool):
        if 0 <= layer < len(layers):
            return layers[layer]
    else:
        for candidate in layers:
            if candidate.name == layer or candidate.layer == layer:
                return candidate
        for candidate in layers:
            if candidate.name.casefold() == str(layer).casefold():
                return candidate
    raise InputFileError(
        read_message(
            "no_such_layer",
            what=what,
            path=path,
            layer=format_ids([layer]),
            layers=_listed(layers, counts) or read_message("no_layer_at_all"),
        )
        + (f" {_how(layers[0].name, option).capitalize()}." if layers else ""),
        file=path,
        parameters=("layer",),
    )


def _listed(layers: list[Layer], counts: dict[str, int]) -> str:
    parts = []
    for item in layers:
        n = counts.get(item.name, -1)
        parts.append(
            format_ids([item.name])
            + (read_message("layer_objects", n=n, s="s" if n > 1 else "") if n >= 0 else "")
        )
    return ", ".join(parts)


def _how(example: str, option: str | None) -> str:
    text = read_message("layer_how", example=repr(example))
    if option:
        text += read_message("layer_how_cli", option=option, name=_shell(example))
    return text


def _shell(name: str) -> str:
    return name if all(c.isalnum() or c in "-_.:/" for c in name) else repr(name)
