"""The folium/branca elements of a coverage map (imported only when a map is made).

Each element writes a few lines of JavaScript calling the runtime ``window.AvsGeo``
(``static/avs_geo_map.js``); the data go in as JSON that is safe inside a ``<script>``
element (``<``, ``>`` and ``&`` written as ``\\u003c``..., as folium and Jinja do).
"""

from __future__ import annotations

import json
from typing import Any

from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template

from avs_geo.maps.assets import inline_head
from avs_geo.maps.layers import LayerSpec

__all__ = [
    "BeforeAfter",
    "DataLayer",
    "HtmlBox",
    "InlineAssets",
    "MapFurniture",
    "Outline",
    "js_json",
]


def js_json(value: Any) -> str:
    """Compact JSON that can neither end its ``<script>`` element nor open a comment.

    Inside a ``<script>`` element the HTML parser only reacts to ``</`` (which could
    close it) and ``<!--``; they are written ``<\\/`` and ``\\u003c!--``, which JSON
    and JavaScript read back as the same text. Branca reads each rendered script again
    as a Jinja template, so ``{{``, ``{%`` and ``{#`` (a name, or packed coordinates)
    are written with ``\\u007b``: compact JSON never has them outside a string.
    Escaping every ``<`` would cost 5 bytes per tag of the tooltips and popups for no
    more safety. Data values are HTML-escaped before they get here anyway (see
    :mod:`avs_geo.maps.layers`).

    Examples
    --------
    >>> js_json({"t": "</script><!--<b>"})
    '{"t":"<\\\\/script>\\\\u003c!--<b>"}'
    >>> import json
    >>> json.loads(js_json({"t": "</script><!--"}))["t"]
    '</script><!--'
    >>> out = js_json(["{{ x }}", "{%", "{#{{{"])
    >>> any(k in out for k in ("{{", "{%", "{#")), json.loads(out)
    (False, ['{{ x }}', '{%', '{#{{{'])
    """
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        .replace("</", "<\\/")
        .replace("<!--", "\\u003c!--")
        .replace("{{", "{\\u007b")
        .replace("{%", "\\u007b%")
        .replace("{#", "\\u007b#")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class InlineAssets(Element):
    """Leaflet and the avs_geo runtime, inlined in the page head (no CDN link).

    The code is returned as is by :meth:`render`, never read as a Jinja template
    (minified JavaScript may hold ``{{``).
    """

    def __init__(self) -> None:
        super().__init__()
        self._name = "InlineAssets"

    def render(self, **kwargs: Any) -> str:
        return inline_head()


class DataLayer(Layer):
    """A switchable layer drawn by ``AvsGeo.layer`` from a :class:`~avs_geo.maps.layers.LayerSpec`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = AvsGeo.{{ this.draw }}({{ this._parent.get_name() }},
                {{ this.data_js }}, {{ this.styles_js }}, {{ this.pane_js }}, {{ this.z_index }}
                {{- this.extra_js }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        spec: LayerSpec,
        *,
        decimals: int,
        dot_zoom: int = 0,
        cluster_label: str = "{n}",
    ) -> None:
        super().__init__(name=spec.name, overlay=True, control=True, show=spec.show)
        self._name = f"avs_{spec.key}"
        self.data_js = js_json(spec.packed(decimals))
        self.styles_js = js_json(spec.styles)
        self.pane_js = js_json(f"avs-{spec.key}")
        self.z_index = int(spec.z_index)
        self.n_features = len(spec.features)
        self.draw = spec.draw
        extra: tuple[Any, ...] = ()
        if spec.draw == "qpvLayer":
            extra = (int(dot_zoom), spec.dot_styles)
        elif spec.draw == "clusterLayer":
            extra = (int(dot_zoom), cluster_label)
        elif spec.draw == "zoomLayer":
            extra = (int(dot_zoom),)
        self.extra_js = "".join(f", {js_json(v)}" for v in extra)


class Outline(MacroElement):
    """The territory's outline (``AvsGeo.outline``): not interactive, not in the control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            AvsGeo.outline({{ this._parent.get_name() }}, {{ this.data_js }}, {{ this.style_js }});
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict[str, Any]], style: dict[str, Any], *, decimals: int):
        super().__init__()
        self._name = "Outline"
        self.data_js = js_json({"scale": 10**decimals, "features": features})
        self.style_js = js_json(style)


class HtmlBox(MacroElement):
    """A Leaflet control holding HTML built (and escaped) in Python: the legend."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            AvsGeo.box({{ this._parent.get_name() }}, {{ this.position_js }},
                {{ this.class_js }}, {{ this.html_js }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, class_name: str, position: str = "bottomright") -> None:
        super().__init__()
        self._name = "HtmlBox"
        self.html_js = js_json(html)
        self.class_js = js_json(class_name)
        self.position_js = js_json(position)


class MapFurniture(MacroElement):
    """Title (set as text), metric scale bar and fullscreen button."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {%- if this.title_js %}
            AvsGeo.title({{ this._parent.get_name() }}, {{ this.title_js }});
            {%- endif %}
            AvsGeo.scale({{ this._parent.get_name() }});
            AvsGeo.fullscreen({{ this._parent.get_name() }}, {{ this.fullscreen_js }});
        {% endmacro %}
        """
    )

    def __init__(self, *, title: str | None, fullscreen_label: str) -> None:
        super().__init__()
        self._name = "MapFurniture"
        self.title_js = js_json(title) if title else ""
        self.fullscreen_js = js_json(fullscreen_label)


class BeforeAfter(MacroElement):
    """The before/after switch of a sites map (``AvsGeo.toggle``) between two QPV layers.

    Add it after both layers: it names their JavaScript variables.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            AvsGeo.toggle({{ this._parent.get_name() }}, {{ this.before.get_name() }},
                {{ this.after.get_name() }}, {{ this.labels_js }});
        {% endmacro %}
        """
    )

    def __init__(self, before: DataLayer, after: DataLayer, labels: dict[str, str]) -> None:
        super().__init__()
        self._name = "BeforeAfter"
        self.before = before
        self.after = after
        self.labels_js = js_json(labels)
