"""Inhabitants of a fine population layer (points or grid cells) inside parts of QPV.

A fine layer is the INSEE Filosofi 200 m grid (about 2.3 million cells for France), as
squares or as their centres, or any points or polygons with a number of inhabitants.
It is prepared once against the QPV (:func:`population_layer`): only the features that
meet a QPV are kept, found by one bulk query of the QPV's STRtree, so that every later
measure works on tens of thousands of features, not millions. :func:`people_in` then
counts the inhabitants inside parts of the QPV (their covered part for
``compute_coverage``, the gain of a candidate for ``score_sites``) with one bulk query.

Each inhabitant is counted once:

* a **point** belongs to one QPV: among the QPV whose closed polygon holds it (its
  inside or its border), the one with the smallest ``code_qpv``. A point on the border
  shared by two QPV is counted in that one only, and counted in a part of it when it
  lies in the part or on its border.
* a **polygon** (a grid cell) is shared by area: ``population × area(cell ∩ part) /
  area(cell)``. A cell across the border of two QPV gives each the share of its area
  inside it, never more than the whole cell in all (the QPV of a generation do not
  overlap).

No Python loop runs over the features: the queries, the choice of the QPV of each point
and the sums are numpy and shapely operations on whole arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._i18n import message
from avs_geo._i18n.coverage import MESSAGES
from avs_geo._validate import check_columns, check_geodataframe, check_same_crs
from avs_geo.errors import GeometryError, SchemaError, format_ids

__all__ = ["PopulationLayer", "check_population_layer", "people_in", "population_layer"]

_POLYGONS = (3, 6)


@dataclass(frozen=True)
class PopulationLayer:
    """The features of a fine population layer that meet a QPV.

    Attributes
    ----------
    geoms : numpy.ndarray
        Their geometries (points or polygons).
    values : numpy.ndarray
        Their inhabitants.
    owner : numpy.ndarray
        For a point, the position of the one QPV it belongs to; -1 for a polygon.
    total : float
        Inhabitants of the whole layer (every feature, inside a QPV or not).
    """

    geoms: np.ndarray
    values: np.ndarray
    owner: np.ndarray
    total: float


def check_population_layer(
    population: object, column: str, *, qpv: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """The fine population layer, checked: a GeoDataFrame in ``qpv``'s CRS whose
    ``column`` holds a number >= 0 on every row and whose geometries are points or
    polygons. Every problem names the rows."""
    layer = check_geodataframe(population, "population")
    check_same_crs(qpv=qpv, population=layer)
    check_columns(layer, [column], "population", hint=message(MESSAGES, "population_column_hint"))
    values = pd.to_numeric(layer[column], errors="coerce")
    if values.isna().any():
        raise SchemaError(
            message(MESSAGES, "layer_population", column=column, n=int(values.isna().sum()))
        )
    negative = (values < 0).to_numpy()
    if negative.any():
        raise SchemaError(
            message(
                MESSAGES,
                "population_negative",
                column=column,
                n=int(negative.sum()),
                ids=format_ids(layer.index[negative]),
            ),
            columns=(column,),
        )
    geoms = layer.geometry.to_numpy()
    kinds = shapely.get_type_id(geoms)
    bad = shapely.is_missing(geoms) | shapely.is_empty(geoms) | ~np.isin(kinds, (0, 3, 4, 6))
    if bad.any():
        raise GeometryError(
            message(
                MESSAGES,
                "population_geometries",
                n=int(bad.sum()),
                ids=format_ids(layer.index[bad]),
            )
        )
    return layer


def population_layer(
    geoms: np.ndarray, values: np.ndarray, qpv_geoms: np.ndarray, qpv_codes: np.ndarray
) -> PopulationLayer:
    """Keep the features that meet a QPV; give each point its one QPV.

    Parameters
    ----------
    geoms, values : numpy.ndarray
        The layer's points or polygons and their inhabitants (checked by the caller).
    qpv_geoms, qpv_codes : numpy.ndarray
        The QPV polygons and their codes (the smallest code wins a shared border).

    Examples
    --------
    >>> from shapely import box, points
    >>> qpv = np.array([box(0, 0, 10, 10), box(10, 0, 20, 10)])
    >>> layer = population_layer(points([5, 10, 30], [5, 5, 5]), np.array([1.0, 2.0, 4.0]),
    ...                          qpv, np.array(["QP2", "QP1"]))
    >>> layer.owner.tolist(), layer.values.tolist(), layer.total
    ([0, 1], [1.0, 2.0], 7.0)
    """
    geoms = np.asarray(geoms, dtype=object)
    values = np.asarray(values, dtype=float)
    tree = shapely.STRtree(np.asarray(qpv_geoms, dtype=object))
    item, qpv = tree.query(geoms, predicate="intersects")
    polygonal = np.isin(shapely.get_type_id(geoms), _POLYGONS)
    rank = np.argsort(np.argsort(np.asarray(qpv_codes, dtype=str), kind="stable"), kind="stable")
    # points: the QPV of smallest code among those holding it; polygons: kept once
    order = np.lexsort((rank[qpv], item))
    item, qpv = item[order], qpv[order]
    first = np.ones(len(item), dtype=bool)
    first[1:] = item[1:] != item[:-1]
    kept, owner = item[first], qpv[first]
    owner = np.where(polygonal[kept], -1, owner)
    return PopulationLayer(
        geoms=geoms[kept], values=values[kept], owner=owner, total=float(values.sum())
    )


def people_in(parts: np.ndarray, part_qpv: np.ndarray, layer: PopulationLayer) -> np.ndarray:
    """Inhabitants of ``layer`` inside each part; part ``k`` lies in QPV ``part_qpv[k]``.

    A point counts in a part of its own QPV that holds it (border included); a polygon
    by the share of its area inside the part.

    Examples
    --------
    >>> from shapely import box, points
    >>> qpv = np.array([box(0, 0, 10, 10), box(10, 0, 20, 10)])
    >>> layer = population_layer(points([5, 10], [5, 5]), np.array([1.0, 2.0]),
    ...                          qpv, np.array(["QP2", "QP1"]))
    >>> people_in(qpv, np.array([0, 1]), layer).tolist()  # the border point: QP1 only
    [1.0, 2.0]
    """
    parts = np.asarray(parts, dtype=object)
    out = np.zeros(len(parts))
    present = ~shapely.is_missing(parts) & ~shapely.is_empty(parts)
    if len(layer.geoms) == 0 or not present.any():
        return out
    where = np.flatnonzero(present)
    item, k = shapely.STRtree(parts[where]).query(layer.geoms, predicate="intersects")
    k = where[k]
    point = layer.owner[item] >= 0
    keep = ~point | (layer.owner[item] == np.asarray(part_qpv)[k])
    item, k, point = item[keep], k[keep], point[keep]
    share = np.ones(len(item))
    cells = np.flatnonzero(~point)
    if len(cells):
        share[cells] = _area_share(layer.geoms[item[cells]], parts[k[cells]])
    return np.bincount(k, weights=layer.values[item] * share, minlength=len(parts))


def _area_share(cells: np.ndarray, parts: np.ndarray) -> np.ndarray:
    """``area(cell ∩ part) / area(cell)`` for each pair.

    Most cells of a 200 m grid lie wholly inside a part (share 1): a prepared
    ``covers`` finds them, and only the cells across a part's edge are intersected.
    """
    shapely.prepare(parts)
    inside = shapely.covers(parts, cells)
    share = np.ones(len(cells))
    edge = ~inside
    if edge.any():
        cut = shapely.area(shapely.intersection(cells[edge], parts[edge]))
        share[edge] = np.minimum(cut / shapely.area(cells[edge]), 1.0)
    return share
