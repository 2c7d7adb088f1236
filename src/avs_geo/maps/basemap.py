"""An optional tiled base map under a static map, when the network allows.

Off by default: a report map is drawn from the embedded data alone, and a closed network
changes nothing. A planner who wants a base map gives the URL template of an XYZ tile
service (``https://.../{z}/{x}/{y}.png``) and its attribution (:class:`TileSource`);
:func:`draw_basemap` fetches the tiles that cover the map (Web Mercator), warps them into
the map's own CRS (Lambert-93) and draws them under every layer. When a tile cannot be
fetched (no network, a proxy, a server error) the map is drawn without a base map and an
:class:`~avs_geo.errors.AvsGeoWarning` says so: a base map never breaks a run.
"""

from __future__ import annotations

import io
import math
import re
import urllib.request
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from avs_geo._i18n import message
from avs_geo._i18n.maps import MESSAGES
from avs_geo.errors import AvsGeoWarning, ParameterError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["MAX_TILES", "TILE_SIZE", "TileSource", "draw_basemap", "tile_range"]

TILE_SIZE = 256
MAX_TILES = 64
"""At most this many tiles are fetched for one map (the zoom is lowered to stay under)."""

_WEB_MERCATOR_HALF = 20037508.342789244
_PLACEHOLDERS = re.compile(r"\{(z|x|y|s)\}")


@dataclass(frozen=True)
class TileSource:
    """An XYZ tile service: URL template, attribution, and how long to wait for a tile.

    Parameters
    ----------
    url : str
        ``{z}``, ``{x}`` and ``{y}`` are replaced by the zoom and tile numbers
        (``{s}`` by ``a``); ``http``, ``https`` or ``file`` URLs.
    attribution : str
        Printed at the foot of the map (most tile licences ask for it).
    timeout_s : float, default 5
        Time allowed for each tile.
    max_zoom : int, default 19

    Examples
    --------
    >>> TileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap").max_zoom
    19
    >>> TileSource("https://example.org/tiles.png", "x")
    Traceback (most recent call last):
    ...
    avs_geo.errors.ParameterError: L'adresse du fond de carte doit contenir {z}, {x} et {y} ...
    """

    url: str
    attribution: str
    timeout_s: float = 5.0
    max_zoom: int = 19

    def __post_init__(self) -> None:
        if not isinstance(self.url, str) or not all(
            f"{{{k}}}" in self.url for k in ("z", "x", "y")
        ):
            raise ParameterError(
                message(MESSAGES, "basemap_placeholders", url=self.url),
                parameters=("basemap",),
            )
        if not self.url.lower().startswith(("http://", "https://", "file:")):
            raise ParameterError(
                message(MESSAGES, "basemap_scheme", url=self.url),
                parameters=("basemap",),
            )
        if not isinstance(self.attribution, str) or not self.attribution.strip():
            raise ParameterError(
                message(MESSAGES, "basemap_attribution"),
                parameters=("basemap",),
            )

    def tile_url(self, z: int, x: int, y: int) -> str:
        """The URL of one tile.

        Examples
        --------
        >>> TileSource("https://{s}.tile.example/{z}/{x}/{y}.png", "x").tile_url(5, 16, 11)
        'https://a.tile.example/5/16/11.png'
        """
        values = {"z": str(z), "x": str(x), "y": str(y), "s": "a"}
        return _PLACEHOLDERS.sub(lambda m: values[m.group(1)], self.url)


def tile_range(
    bounds_3857: tuple[float, float, float, float], width_px: int, *, max_zoom: int = 19
) -> tuple[int, int, int, int, int]:
    """``(zoom, x0, x1, y0, y1)``: the tiles (inclusive) covering the Web Mercator bounds at
    the zoom whose resolution is closest above ``width_px`` pixels across, with at most
    :data:`MAX_TILES` tiles.

    Examples
    --------
    >>> tile_range((0.0, 0.0, 1_000.0, 1_000.0), 256, max_zoom=19)
    (16, 32768, 32769, 32766, 32768)
    """
    x0, y0, x1, y1 = bounds_3857
    span = max(x1 - x0, 1.0)
    zoom = math.ceil(math.log2(width_px * 2 * _WEB_MERCATOR_HALF / (TILE_SIZE * span)))
    zoom = int(min(max(zoom, 0), max_zoom))
    while True:
        n = 2**zoom
        size = 2 * _WEB_MERCATOR_HALF / n

        def col(v: float, n: int = n, size: float = size) -> int:
            return int(min(max((v + _WEB_MERCATOR_HALF) // size, 0), n - 1))

        def row(v: float, n: int = n, size: float = size) -> int:
            return int(min(max((_WEB_MERCATOR_HALF - v) // size, 0), n - 1))

        tx0, tx1, ty0, ty1 = col(x0), col(x1), row(y1), row(y0)
        if (tx1 - tx0 + 1) * (ty1 - ty0 + 1) <= MAX_TILES or zoom == 0:
            return zoom, tx0, tx1, ty0, ty1
        zoom -= 1


def draw_basemap(
    axes: Axes, source: TileSource, crs: Any, *, width_px: int = 1600, zorder: float = 0.5
) -> bool:
    """Draw the tiles of ``source`` under the map in ``axes`` (limits already set).

    Parameters
    ----------
    axes : matplotlib Axes
        The map, in ``crs`` coordinates, with its final limits.
    source : TileSource
    crs : pyproj CRS or str
        The CRS of the map (Lambert-93 for avs_geo's layers).
    width_px : int, default 1600
        Pixels across the warped image.
    zorder : float, default 0.5
        Under the communes (1) and every other layer.

    Returns
    -------
    bool
        True when drawn; False when a tile could not be fetched (a warning says which).
    """
    from PIL import Image
    from pyproj import Transformer

    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    to_3857 = Transformer.from_crs(crs, "EPSG:3857", always_xy=True)
    corners_x = np.array([x0, x1, x0, x1, (x0 + x1) / 2, (x0 + x1) / 2])
    corners_y = np.array([y0, y0, y1, y1, y0, y1])
    mx, my = to_3857.transform(corners_x, corners_y)
    bounds = (float(mx.min()), float(my.min()), float(mx.max()), float(my.max()))
    zoom, tx0, tx1, ty0, ty1 = tile_range(bounds, width_px, max_zoom=source.max_zoom)
    mosaic = Image.new("RGB", ((tx1 - tx0 + 1) * TILE_SIZE, (ty1 - ty0 + 1) * TILE_SIZE))
    for tx in range(tx0, tx1 + 1):
        for ty in range(ty0, ty1 + 1):
            url = source.tile_url(zoom, tx, ty)
            try:
                request = urllib.request.Request(url, headers={"User-Agent": "avs_geo"})
                with urllib.request.urlopen(request, timeout=source.timeout_s) as response:
                    data = response.read()
                with Image.open(io.BytesIO(data)) as tile:
                    mosaic.paste(tile.convert("RGB").resize((TILE_SIZE, TILE_SIZE)),
                                 ((tx - tx0) * TILE_SIZE, (ty - ty0) * TILE_SIZE))  # fmt: skip
            except (OSError, ValueError) as error:  # URLError, timeouts, bad images
                warnings.warn(
                    message(MESSAGES, "basemap_not_loaded", url=url, error=error),
                    AvsGeoWarning,
                    stacklevel=3,
                )
                return False
    # Warp: each pixel of the output, in the map's CRS, takes the mosaic pixel under it.
    height_px = max(1, round(width_px * (y1 - y0) / (x1 - x0)))
    xs = x0 + (np.arange(width_px) + 0.5) * (x1 - x0) / width_px
    ys = y1 - (np.arange(height_px) + 0.5) * (y1 - y0) / height_px
    gx, gy = np.meshgrid(xs, ys)
    px, py = to_3857.transform(gx.ravel(), gy.ravel())
    size = 2 * _WEB_MERCATOR_HALF / 2**zoom
    col = ((np.asarray(px) + _WEB_MERCATOR_HALF) / size - tx0) * TILE_SIZE
    row = ((_WEB_MERCATOR_HALF - np.asarray(py)) / size - ty0) * TILE_SIZE
    pixels = np.asarray(mosaic)
    ci = np.clip(col.astype(np.int64), 0, pixels.shape[1] - 1)
    ri = np.clip(row.astype(np.int64), 0, pixels.shape[0] - 1)
    image = pixels[ri, ci].reshape(height_px, width_px, 3)
    axes.imshow(image, extent=(x0, x1, y0, y1), origin="upper", zorder=zorder,
                interpolation="bilinear")  # fmt: skip
    axes.set_xlim(x0, x1)
    axes.set_ylim(y0, y1)
    return True
