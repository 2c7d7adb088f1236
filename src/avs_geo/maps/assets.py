"""The JavaScript and CSS a map carries inside its own HTML file.

A folium map normally loads Leaflet, jQuery, Bootstrap and font-awesome from CDNs;
on a locked-down network, or offline, such a map shows nothing. avs_geo maps inline
Leaflet instead, kept in this package under ``static/leaflet/`` (``leaflet.js``,
``leaflet.css``, the three images ``leaflet.css`` refers to, its BSD-2-Clause
``LICENSE``, and ``manifest.json`` with the version and the sha256 of each file,
written by ``scripts/update_leaflet.py`` from the npm package ``leaflet``). The images
of ``leaflet.css`` become ``data:`` URIs; the small runtime and stylesheet of
:mod:`avs_geo.maps` (``static/``) follow. Nothing else is needed: markers are inline
SVG, the legend is HTML. Of Leaflet's marker images only ``marker-icon.png`` is kept,
because ``leaflet.css`` names it (``marker-icon-2x.png`` and ``marker-shadow.png``,
used by Leaflet's default PNG markers only, are not).

Leaflet.markercluster (MIT), which groups the structure markers at small scale, is
kept the same way under ``static/markercluster/`` (``leaflet.markercluster.js``,
``MarkerCluster.css``, ``LICENSE``, ``manifest.json``), checked against its own
manifest and inlined after Leaflet.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from avs_geo._i18n import message
from avs_geo._i18n.maps import MESSAGES
from avs_geo.errors import InputFileError, ParameterError

__all__ = [
    "LEAFLET_DIR",
    "inline_head",
    "leaflet_css",
    "leaflet_js",
    "leaflet_manifest",
    "leaflet_version",
    "markercluster_css",
    "markercluster_js",
    "markercluster_manifest",
    "runtime_css",
    "runtime_js",
]

LEAFLET_DIR = ("static", "leaflet")
"""Where Leaflet is kept, under the ``avs_geo.maps`` package."""
MARKERCLUSTER_DIR = ("static", "markercluster")
"""Where Leaflet.markercluster is kept, under the ``avs_geo.maps`` package."""

_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


@cache
def leaflet_manifest() -> dict[str, Any]:
    """``static/leaflet/manifest.json``: version, npm integrity, sha256 of each file.

    Examples
    --------
    >>> sorted(leaflet_manifest()["sha256"])[:2]
    ['LICENSE', 'images/layers-2x.png']
    """
    return _manifest(LEAFLET_DIR)


@cache
def markercluster_manifest() -> dict[str, Any]:
    """``static/markercluster/manifest.json``: version, npm integrity, sha256 of each file.

    Examples
    --------
    >>> markercluster_manifest()["package"], markercluster_manifest()["license"]
    ('leaflet.markercluster', 'MIT')
    """
    return _manifest(MARKERCLUSTER_DIR)


def _manifest(folder: tuple[str, ...]) -> dict[str, Any]:
    text = _dir(folder).joinpath("manifest.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def leaflet_version() -> str:
    """The version of the Leaflet kept in the package.

    Examples
    --------
    >>> leaflet_version()
    '1.9.4'
    """
    return str(leaflet_manifest()["version"])


@cache
def leaflet_js() -> str:
    """Leaflet's minified JavaScript, without its source-map comment.

    Examples
    --------
    >>> f"Leaflet {leaflet_version()}" in leaflet_js()[:200]
    True
    """
    code = _read_leaflet("leaflet.js").decode("utf-8").replace("\r\n", "\n")
    return _SOURCE_MAP.sub("", code)


@cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with every ``url(images/...png)`` as a ``data:`` URI.

    Examples
    --------
    >>> css = leaflet_css()
    >>> "url(images/" in css, "data:image/png;base64," in css, chr(13) in css
    (False, True, False)
    """
    # npm ships leaflet.css with CRLF line ends: normalised, so that a map is the same
    # bytes on every system.
    css = _read_leaflet("leaflet.css").decode("utf-8").replace("\r\n", "\n")

    def inline(match: re.Match[str]) -> str:
        data = base64.b64encode(_read_leaflet(match.group(2))).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    return _CSS_URL.sub(inline, css)


@cache
def markercluster_js() -> str:
    """Leaflet.markercluster's minified JavaScript, without its source-map comment.

    Examples
    --------
    >>> "MarkerClusterGroup" in markercluster_js(), "sourceMappingURL" in markercluster_js()
    (True, False)
    """
    code = _read_vendored(MARKERCLUSTER_DIR, "leaflet.markercluster.js", markercluster_manifest())
    return _SOURCE_MAP.sub("", code.decode("utf-8").replace("\r\n", "\n"))


@cache
def markercluster_css() -> str:
    """Leaflet.markercluster's animation rules (``MarkerCluster.css``)."""
    css = _read_vendored(MARKERCLUSTER_DIR, "MarkerCluster.css", markercluster_manifest())
    return css.decode("utf-8").replace("\r\n", "\n")


@cache
def runtime_js() -> str:
    """The avs_geo map runtime (``window.AvsGeo``: layers, legend box, title, fullscreen)."""
    return _read_own("avs_geo_map.js")


@cache
def runtime_css() -> str:
    """The avs_geo map stylesheet (title, legend, markers, popups)."""
    return _read_own("avs_geo_map.css")


def inline_head() -> str:
    """The ``<style>`` and ``<script>`` elements to put in the ``<head>`` of a map.

    Examples
    --------
    >>> head = inline_head()
    >>> "<script src" in head, "<link" in head
    (False, False)
    """
    return (
        f"<style>{_safe_in_tag(leaflet_css(), 'style')}</style>\n"
        f"<script>{_safe_in_tag(leaflet_js(), 'script')}</script>\n"
        f"<style>{_safe_in_tag(markercluster_css(), 'style')}</style>\n"
        f"<script>{_safe_in_tag(markercluster_js(), 'script')}</script>\n"
        f"<style>{_safe_in_tag(runtime_css(), 'style')}</style>\n"
        f"<script>{_safe_in_tag(runtime_js(), 'script')}</script>\n"
    )


def _safe_in_tag(code: str, tag: str) -> str:
    """Refuse code that would close its own ``<script>``/``<style>`` element early."""
    if f"</{tag}" in code.lower():
        raise ParameterError(message(MESSAGES, "code_in_tag", tag=tag))
    return code


def _dir(folder: tuple[str, ...]) -> Traversable:
    return resources.files("avs_geo.maps").joinpath(*folder)


def _read_leaflet(name: str) -> bytes:
    """The bytes of ``static/leaflet/<name>``, refused unless their sha256 is the manifest's."""
    return _read_vendored(LEAFLET_DIR, name, leaflet_manifest())


def _read_vendored(folder: tuple[str, ...], name: str, manifest: dict[str, Any]) -> bytes:
    """The bytes of ``static/<folder>/<name>``, refused unless their sha256 is the manifest's."""
    expected = manifest["sha256"].get(name)
    package = f"{manifest.get('package', 'leaflet')} {manifest.get('version', '')}".strip()
    where = "/".join(("avs_geo", "maps", *folder, name))
    fix = message(MESSAGES, "vendored_fix")
    if expected is None:
        raise InputFileError(message(MESSAGES, "vendored_unlisted", where=where, fix=fix))
    try:
        data: bytes = _dir(folder).joinpath(name).read_bytes()
    except FileNotFoundError as exc:
        raise InputFileError(message(MESSAGES, "vendored_missing", where=where, fix=fix)) from exc
    if hashlib.sha256(data).hexdigest() != expected:
        raise InputFileError(
            message(MESSAGES, "vendored_changed", where=where, package=package, fix=fix)
        )
    return data


def _read_own(name: str) -> str:
    return resources.files("avs_geo.maps").joinpath("static", name).read_text(encoding="utf-8")
