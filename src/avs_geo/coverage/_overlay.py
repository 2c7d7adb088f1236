"""The QPV x zone overlay: the one kernel every coverage measure calls.

Positions index the arrays: QPV ``i`` is ``qgeoms[i]``, zone ``j`` is ``zgeoms[j]``. The
steps, each vectorised (no Python loop per QPV or per pair):

1. :func:`pairs`: the (QPV, zone) pairs whose geometries intersect (one bulk
   ``STRtree.query``), sorted by QPV then zone;
2. :func:`pieces`: the piece ``q ∩ z`` of each pair (one ``shapely.intersection`` on the
   pairs a zone does not simply cover);
3. :func:`overlay`: the pieces above :data:`AREA_TOLERANCE_M2`, the union of the pieces of
   each QPV (:func:`union_by_group`), the covered area, snapped to the QPV's area within
   :data:`RATIO_SNAP`;
4. :func:`uncovered`: what each QPV keeps outside every zone (:func:`uncovered_parts`
   does steps 1-4 at once);
5. :func:`own_areas`: the area of each piece that no other piece of the same QPV covers.

:func:`avs_geo.compute_coverage`, :func:`avs_geo.explain_qpv`, the structure reach
(:mod:`avs_geo.coverage.structures`) and the site gains (:mod:`avs_geo.sites.relation`,
:func:`avs_geo.sites.candidate_grid`) all measure with it, so they agree to the bit.
Inputs are numpy arrays of valid shapely (multi)polygons in one projected metric CRS;
the callers check and repair them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import shapely

__all__ = [
    "AREA_TOLERANCE_M2",
    "RATIO_SNAP",
    "Overlay",
    "overlay",
    "own_areas",
    "pairs",
    "pieces",
    "polygonal",
    "uncovered",
    "uncovered_parts",
    "union_by_group",
]

AREA_TOLERANCE_M2: float = 0.01
"""A zone whose intersection with a QPV is at most this area (m²) does not reach it."""

RATIO_SNAP: float = 1e-9
"""Ratios above ``1 - RATIO_SNAP`` are floating-point noise of a full cover: set to 1."""

_POLYGONAL = (3, 6)  # shapely type ids of Polygon and MultiPolygon
_COLLECTION = 7


@dataclass(frozen=True)
class Overlay:
    """The pieces of a QPV x zone overlay and the covered area of each QPV.

    Attributes
    ----------
    qpv_pos, zone_pos : numpy.ndarray
        QPV and zone position of each kept pair (area above :data:`AREA_TOLERANCE_M2`),
        sorted by QPV then zone.
    pieces, piece_area : numpy.ndarray
        The piece ``q ∩ z`` of each kept pair and its area (m²).
    whole : numpy.ndarray
        True where the zone covers the whole QPV (the piece is the QPV itself).
    qpv_area, covered_area : numpy.ndarray
        Area of each QPV and of its covered part (m²), the latter snapped to the former.
    full : numpy.ndarray
        True for the QPV covered to ``1 - RATIO_SNAP`` of their area or more.
    covered : numpy.ndarray or None
        The covered part of each QPV (the QPV itself when full, an empty polygon when
        reached by no zone), when asked for.
    """

    qpv_pos: np.ndarray
    zone_pos: np.ndarray
    pieces: np.ndarray
    piece_area: np.ndarray
    whole: np.ndarray
    qpv_area: np.ndarray
    covered_area: np.ndarray
    full: np.ndarray
    covered: np.ndarray | None


def pairs(qgeoms: np.ndarray, zgeoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (QPV, zone) positions of every pair whose geometries intersect.

    Parameters
    ----------
    qgeoms, zgeoms : numpy.ndarray
        QPV and zone geometries.

    Returns
    -------
    qpv_pos, zone_pos : numpy.ndarray
        Sorted by QPV, then zone.

    Notes
    -----
    One bulk ``STRtree(zgeoms).query(qgeoms)`` finds the pairs whose bounding boxes
    meet; one vectorised ``shapely.intersects(zone, qpv)`` keeps those that share a
    point, with the zones prepared (each zone is tested against several QPV, so its
    segment index is built once).

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> qi, zi = pairs(np.array([box(0, 0, 10, 10), box(20, 0, 30, 10)]),
    ...     np.array([box(25, 0, 40, 10), box(5, 0, 25, 10)]))
    >>> qi.tolist(), zi.tolist()
    ([0, 1, 1], [1, 0, 1])
    """
    if len(qgeoms) == 0 or len(zgeoms) == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    qi, zi = shapely.STRtree(zgeoms).query(qgeoms)
    with _prepared(zgeoms):
        meet = shapely.intersects(zgeoms[zi], qgeoms[qi])
    qi, zi = qi[meet], zi[meet]
    order = np.lexsort((zi, qi))
    return qi[order].astype(np.intp), zi[order].astype(np.intp)


@contextmanager
def _prepared(geoms: np.ndarray) -> Iterator[None]:
    """Prepare ``geoms`` for the predicates inside, and release what was prepared here."""
    fresh = ~shapely.is_prepared(geoms) & ~shapely.is_missing(geoms)
    shapely.prepare(geoms[fresh])
    try:
        yield
    finally:
        shapely.destroy_prepared(geoms[fresh])


def pieces(
    qgeoms: np.ndarray, zgeoms: np.ndarray, qpv_pos: np.ndarray, zone_pos: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The piece ``q ∩ z`` of each (QPV, zone) pair.

    Parameters
    ----------
    qgeoms, zgeoms : numpy.ndarray
        QPV and zone geometries.
    qpv_pos, zone_pos : numpy.ndarray
        The pairs, as positions in ``qgeoms`` and ``zgeoms``.

    Returns
    -------
    pieces : numpy.ndarray
        One geometry per pair (an empty polygon for a pair that only touches).
    whole : numpy.ndarray
        True where the zone covers the QPV: the piece is then the QPV itself.

    Notes
    -----
    ``q ∩ z = q`` when ``z`` covers ``q``, and ``q ∩ z`` has no area (an empty polygon
    here) when their interiors do not meet: two communes, or a commune and a zone made
    of its neighbours, that share a border. The predicates that say so are exact and
    far cheaper than an overlay on shared borders, tried from the cheapest: ``z`` equal
    to ``q`` vertex for vertex (a zone made of that QPV), ``q`` inside ``z``'s interior
    (zones prepared), then one DE-9IM matrix per remaining pair (``shapely.relate``):
    ``z`` covers ``q`` when its exterior meets neither the interior nor the boundary of
    ``q``; the interiors meet when the first cell is not ``F``. Only the pairs whose
    interiors meet and that no zone covers go through one vectorised
    ``shapely.intersection``.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> got, whole = pieces(np.array([box(0, 0, 10, 10)]),
    ...     np.array([box(-5, -5, 20, 20), box(5, 0, 20, 10)]), np.array([0, 0]),
    ...     np.array([0, 1]))
    >>> [g.bounds for g in got], whole.tolist()
    ([(0.0, 0.0, 10.0, 10.0), (5.0, 0.0, 10.0, 10.0)], [True, False])
    """
    q, z = qgeoms[qpv_pos], zgeoms[zone_pos]
    whole = shapely.equals_exact(q, z, tolerance=0.0)
    rest = np.flatnonzero(~whole)
    with _prepared(zgeoms):  # contains_properly is a quick filter (no boundary work)
        whole[rest[shapely.contains_properly(z[rest], q[rest])]] = True
    rest = np.flatnonzero(~whole)
    # One DE-9IM matrix of (zone, QPV) per pair settles the rest: the zone covers the
    # QPV when no point of the QPV lies in the zone's exterior ("EI" and "EB" are F);
    # they share no interior point ("II" is F) when they only touch.
    matrix = shapely.relate(z[rest], q[rest]).astype("U9")
    cells = matrix.view("U1").reshape(-1, 9) if len(rest) else np.zeros((0, 9), dtype="U1")
    whole[rest[(cells[:, 6] == "F") & (cells[:, 7] == "F")]] = True
    touch = np.zeros(len(q), dtype=bool)
    touch[rest[cells[:, 0] == "F"]] = True
    out = np.asarray(q, dtype=object).copy()
    cut = ~whole & ~touch
    out[cut] = shapely.intersection(q[cut], z[cut])
    out[touch & ~whole] = shapely.Polygon()
    return out, whole


def overlay(qgeoms: np.ndarray, zgeoms: np.ndarray, *, keep_covered: bool = False) -> Overlay:
    """Overlay QPV and zones: pieces, covered area of each QPV, covered part if asked.

    Parameters
    ----------
    qgeoms, zgeoms : numpy.ndarray
        QPV and zone geometries (valid polygons, one projected CRS).
    keep_covered : bool, default False
        Also return the covered part of each QPV (unions kept).

    Returns
    -------
    Overlay

    Notes
    -----
    For a QPV ``q`` and the zones ``z_j`` the spatial index pairs with it, the pieces
    ``q ∩ z_j`` of area at most :data:`AREA_TOLERANCE_M2` (a zone that only touches
    ``q``, or floating-point dust) are dropped; then

    ``covered_area(q) = area(union_j (q ∩ z_j))``

    (overlaps are never counted twice), set to ``area(q)`` when it is at least
    ``area(q) * (1 - RATIO_SNAP)`` and never above it. A QPV with one piece needs no
    union, nor does one that a single piece already covers.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> ov = overlay(np.array([box(0, 0, 100, 100)]),
    ...     np.array([box(0, 0, 50, 100), box(25, 0, 75, 100)]))
    >>> ov.zone_pos.tolist(), ov.piece_area.tolist(), ov.covered_area.tolist()
    ([0, 1], [5000.0, 5000.0], [7500.0])
    """
    n = len(qgeoms)
    qpv_area = shapely.area(qgeoms)
    qi, zi = pairs(qgeoms, zgeoms)
    cut, whole = pieces(qgeoms, zgeoms, qi, zi)
    piece_area = shapely.area(cut)
    keep = piece_area > AREA_TOLERANCE_M2
    qi, zi, cut, piece_area, whole = qi[keep], zi[keep], cut[keep], piece_area[keep], whole[keep]
    # A QPV inside one zone is covered by it: no union needed.
    full = np.zeros(n, dtype=bool)
    full[qi[piece_area >= qpv_area[qi] * (1.0 - RATIO_SNAP)]] = True
    counts = np.bincount(qi, minlength=n)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.intp)
    covered_area = np.zeros(n)
    single = counts == 1
    covered_area[single] = piece_area[starts[single]]
    covered = np.full(n, None, dtype=object) if keep_covered else None
    merge = (counts > 1) & ~full
    in_merge = merge[qi]
    union = union_by_group(cut[in_merge], qi[in_merge])
    merged = np.flatnonzero(merge)
    covered_area[merged] = shapely.area(union)
    full |= covered_area >= qpv_area * (1.0 - RATIO_SNAP)
    covered_area = np.where(full, qpv_area, np.minimum(covered_area, qpv_area))
    if covered is not None:
        covered[merged] = union
        covered[single] = cut[starts[single]]
        covered[full] = qgeoms[full]
        covered[counts == 0] = shapely.Polygon()
    return Overlay(qi, zi, cut, piece_area, whole, qpv_area, covered_area, full, covered)


def uncovered(qgeoms: np.ndarray, ov: Overlay) -> np.ndarray:
    """What each QPV keeps outside every zone, from its overlay.

    Parameters
    ----------
    qgeoms : numpy.ndarray
        The QPV geometries given to :func:`overlay`.
    ov : Overlay
        Their overlay, computed with ``keep_covered=True``.

    Returns
    -------
    numpy.ndarray
        ``q - union_j (q ∩ z_j)``, its polygonal part only: the QPV itself when no zone
        reaches it, an empty polygon when it is full.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> qgeoms = np.array([box(0, 0, 100, 100), box(200, 0, 300, 100)])
    >>> ov = overlay(qgeoms, np.array([box(0, 0, 50, 100)]), keep_covered=True)
    >>> [g.bounds for g in uncovered(qgeoms, ov)]
    [(50.0, 0.0, 100.0, 100.0), (200.0, 0.0, 300.0, 100.0)]
    """
    assert ov.covered is not None, "uncovered() needs overlay(..., keep_covered=True)"
    out = np.asarray(qgeoms, dtype=object).copy()
    reached = np.zeros(len(out), dtype=bool)
    reached[ov.qpv_pos] = True
    partly = np.flatnonzero(reached & ~ov.full)
    out[partly] = polygonal(shapely.difference(out[partly], ov.covered[partly]))
    out[ov.full] = shapely.Polygon()
    return out


def uncovered_parts(qgeoms: np.ndarray, zgeoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The part of each QPV outside every zone, and the covered area of each.

    :func:`overlay` then :func:`uncovered`, for callers that need nothing else.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> left, covered = uncovered_parts(np.array([box(0, 0, 100, 100)]),
    ...     np.array([box(0, 0, 50, 100), box(40, 0, 60, 100)]))
    >>> left[0].bounds, covered.tolist()
    ((60.0, 0.0, 100.0, 100.0), [6000.0])
    """
    ov = overlay(qgeoms, zgeoms, keep_covered=True)
    return uncovered(qgeoms, ov), ov.covered_area


def union_by_group(geoms: np.ndarray, group: np.ndarray) -> np.ndarray:
    """The union of the geometries of each group, groups in increasing order.

    Parameters
    ----------
    geoms : numpy.ndarray
        Geometries.
    group : numpy.ndarray
        Group of each geometry (integers); the geometries of a group keep their order.

    Returns
    -------
    numpy.ndarray
        One union per distinct group, in the order of ``numpy.unique(group)``.

    Notes
    -----
    The groups of the same size ``m`` are stacked in one ``(groups, m)`` array and
    merged by one ``shapely.union_all(..., axis=1)``: one call per group size, not per
    group, and each union is the one ``shapely.union_all`` gives on the group alone.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> got = union_by_group(np.array([box(0, 0, 1, 1), box(5, 5, 6, 6), box(1, 0, 2, 1)]),
    ...     np.array([3, 8, 3]))
    >>> [g.area for g in got]
    [2.0, 1.0]
    """
    order, start, size, _ = _runs(group)
    ordered = np.asarray(geoms, dtype=object)[order]
    out = np.empty(len(start), dtype=object)
    for m in np.unique(size):
        runs = np.flatnonzero(size == m)
        out[runs] = shapely.union_all(ordered[start[runs, None] + np.arange(m)], axis=1)
    return out


def own_areas(geoms: np.ndarray, group: np.ndarray, whole: np.ndarray | None = None) -> np.ndarray:
    """The area of each piece that no other piece of its group covers.

    Parameters
    ----------
    geoms : numpy.ndarray
        The pieces, e.g. ``q ∩ z_j`` of each (QPV, zone) pair.
    group : numpy.ndarray
        Group of each piece (the QPV position).
    whole : numpy.ndarray, optional
        True for the pieces known to be their whole QPV (:func:`pieces`); every other
        piece of that QPV lies inside them.

    Returns
    -------
    numpy.ndarray
        Area (m²) per piece, in the order of ``geoms``.

    Notes
    -----
    For a piece ``p_k`` of group ``g``:

    ``own(k) = area(p_k - union_{i in g, i != k} p_i)``

    (``area(p_k)`` when it is alone in its group). Exact shortcuts: a piece inside a
    whole piece of its group owns nothing, nor does a whole piece when its group holds
    another. For the other pieces the union of the others is taken by
    ``shapely.union_all(..., axis=1)`` on a ``(pieces, m - 1)`` array, one call per group
    size ``m``, then one vectorised ``shapely.difference``.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> own_areas(np.array([box(0, 0, 60, 100), box(40, 0, 100, 100), box(0, 0, 5, 5)]),
    ...     np.array([0, 0, 1])).tolist()
    [4000.0, 4000.0, 25.0]
    """
    geoms = np.asarray(geoms, dtype=object)
    own = shapely.area(geoms)
    if len(geoms) == 0:
        return own
    is_whole = np.zeros(len(geoms), dtype=bool) if whole is None else np.asarray(whole, bool)
    order, start, size, run = _runs(group)
    ordered = geoms[order]
    n_whole = np.bincount(run, weights=is_whole[order], minlength=len(start))[run]
    m = size[run]
    zero = (m > 1) & ((n_whole >= 2) | ((n_whole == 1) & ~is_whole[order]))
    need = (m > 1) & ~zero
    result = own[order]
    result[zero] = 0.0
    first = start[run]
    rank = np.arange(len(order)) - first
    for k in np.unique(m[need]):
        rows = np.flatnonzero(need & (m == k))
        cols = np.arange(k - 1)[None, :]
        cols = cols + (cols >= rank[rows, None])  # every position of the group but its own
        others = shapely.union_all(ordered[first[rows, None] + cols], axis=1)
        result[rows] = shapely.area(shapely.difference(ordered[rows], others))
    own[order] = result
    return own


def polygonal(geoms: np.ndarray) -> np.ndarray:
    """The polygonal part of each geometry.

    An intersection or difference of polygons that touch along a line or at a point is
    a GeometryCollection holding that line or point too; only its polygons are kept.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> cut = box(0, 0, 2, 2).intersection(box(1, 0, 3, 1).union(box(2, 1, 3, 2)))
    >>> cut.geom_type, polygonal(np.array([cut]))[0].equals(box(1, 0, 2, 1))
    ('GeometryCollection', True)
    """
    out = np.asarray(geoms, dtype=object).copy()
    for i in np.flatnonzero(shapely.get_type_id(out) == _COLLECTION):
        parts = shapely.get_parts(out[i])
        keep = parts[np.isin(shapely.get_type_id(parts), _POLYGONAL)]
        out[i] = shapely.union_all(keep) if len(keep) else shapely.Polygon()
    return out


def _runs(group: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(stable order by group, start and size of each run in that order, run of each)."""
    group = np.asarray(group)
    order = np.argsort(group, kind="stable")
    ordered = group[order]
    cut = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    start = np.concatenate(([0], cut)).astype(np.intp) if len(ordered) else cut.astype(np.intp)
    size = np.diff(np.concatenate((start, [len(ordered)]))).astype(np.intp)
    run = np.repeat(np.arange(len(start)), size)
    return order, start, size, run
