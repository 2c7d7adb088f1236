"""The JavaScript and CSS a map carries inside its own HTML file.

A folium map normally loads Leaflet, jQuery, Bootstrap and font-awesome from CDNs;
on a locked-down network, or offline, such a map shows nothing. avs_geo maps inline
Leaflet instead, read at run time from the installed package ``django-js-lib-leaflet``
(import path ``js_lib_leaflet``; only its static files are read, never its Django
app), with the images of ``leaflet.css`` turned into ``data:`` URIs, plus the small
runtime and stylesheet of :mod:`avs_geo.maps` (``static/``). Nothing is copied into
the repository and nothing else is needed: markers are inline SVG, the legend is HTML.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib import resources

from avs_geo._optional import INSTALL_HINT

LEAFLET_PACKAGE = "js_lib_leaflet"
LEAFLET_DIR = ("static", "js_lib_leaflet")
LEAFLET_VERSION = "1.9.4"

_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


@cache
def leaflet_js() -> str:
    """Leaflet's minified JavaScript, without its source-map comment.

    Examples
    --------
    >>> "1.9.4" in leaflet_js()[:200]
    True
    """
    code = _read_leaflet("leaflet.js").decode("utf-8").replace("\r\n", "\n")
    if f"Leaflet {LEAFLET_VERSION}" not in code[:300]:
        raise ImportError(
            f"avs_geo maps expect Leaflet {LEAFLET_VERSION} from django-js-lib-leaflet; "
            f"the installed package holds another version. Reinstall: {INSTALL_HINT}"
        )
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
    # The package ships leaflet.css with CRLF line ends: normalised, so that a map is
    # the same bytes on every system.
    css = _read_leaflet("leaflet.css").decode("utf-8").replace("\r\n", "\n")

    def inline(match: re.Match[str]) -> str:
        data = base64.b64encode(_read_leaflet(*match.group(2).split("/"))).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    return _CSS_URL.sub(inline, css)


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
        f"<style>{_safe_in_tag(runtime_css(), 'style')}</style>\n"
        f"<script>{_safe_in_tag(runtime_js(), 'script')}</script>\n"
    )


def _safe_in_tag(code: str, tag: str) -> str:
    """Refuse code that would close its own ``<script>``/``<style>`` element early."""
    if f"</{tag}" in code.lower():
        raise ValueError(f"inlined code holds '</{tag}': it cannot be put in a <{tag}> element")
    return code


def _read_leaflet(*parts: str) -> bytes:
    try:
        root = resources.files(LEAFLET_PACKAGE)
    except ModuleNotFoundError as exc:
        raise ImportError(
            "avs_geo maps inline Leaflet from the package django-js-lib-leaflet, which is "
            f"not installed. Install the maps extra: {INSTALL_HINT}"
        ) from exc
    return root.joinpath(*LEAFLET_DIR, *parts).read_bytes()


def _read_own(name: str) -> str:
    return resources.files("avs_geo.maps").joinpath("static", name).read_text(encoding="utf-8")
