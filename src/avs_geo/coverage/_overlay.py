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

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

import numpy as np
import shapely
import shapely.errors

__all__ = [
    "AREA_TOLERANCE_M2",
    "CELL_VERTICES",
    "DETAILED_VERTICES",
    "LARGE_GROUP",
    "RATIO_SNAP",
    "Overlay",
    "covered_twice",
    "overlay",
    "own_areas",
    "pair_areas",
    "pairs",
    "pieces",
    "polygonal",
    "split_by_cells",
    "uncovered",
    "uncovered_parts",
    "union_by_group",
]

DETAILED_VERTICES: int = 20_000
"""Geometries of a QPV (or its pieces) with more vertices than this are measured cell by
cell (:func:`split_by_cells`): no overlay then runs on the whole detailed outline."""

CELL_VERTICES: int = 4_000
"""Most vertices in one cell of :func:`split_by_cells`."""

LARGE_GROUP: int = 16
"""Groups of more pieces than this get their own areas from :func:`covered_twice`."""

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
    # A QPV of many vertices gets no DE-9IM matrix (a relate runs on its whole outline):
    # it is cut cell by cell below.
    heavy = (shapely.get_num_coordinates(qgeoms) > DETAILED_VERTICES)[qpv_pos]
    rest = np.flatnonzero(~whole & ~heavy)
    # One DE-9IM matrix of (zone, QPV) per pair settles the rest: the zone covers the
    # QPV when no point of the QPV lies in the zone's exterior ("EI" and "EB" are F);
    # they share no interior point ("II" is F) when they only touch.
    matrix = shapely.relate(z[rest], q[rest]).astype("U9")
    cells = matrix.view("U1").reshape(-1, 9) if len(rest) else np.zeros((0, 9), dtype="U1")
    whole[rest[(cells[:, 6] == "F") & (cells[:, 7] == "F")]] = True
    touch = np.zeros(len(q), dtype=bool)
    touch[rest[cells[:, 0] == "F"]] = True
    out = np.asarray(q, dtype=object).copy()
    cut = ~whole & ~touch & ~heavy
    out[cut] = shapely.intersection(q[cut], z[cut])
    out[touch & ~whole] = shapely.Polygon()
    big = np.flatnonzero(~whole & heavy)
    with _prepared(zgeoms):  # a zone covers a detailed QPV only if its box holds it
        whole[big[shapely.covers(z[big], q[big])]] = True
    for i in np.unique(qpv_pos[~whole & heavy]):
        rows = np.flatnonzero(~whole & heavy & (qpv_pos == i))
        out[rows] = _cut_detailed(qgeoms[i], zgeoms[zone_pos[rows]])
    return out, whole


def _cut_detailed(qgeom: shapely.Geometry, zgeoms: np.ndarray) -> np.ndarray:
    """``qgeom ∩ z`` for each zone, ``qgeom`` cut in cells first (:func:`split_by_cells`):
    each overlay runs on the cells a zone reaches, never on the whole detailed outline."""
    _, _, cells = split_by_cells(np.array([qgeom], dtype=object))
    row, cell = shapely.STRtree(cells).query(zgeoms, predicate="intersects")
    bits = polygonal(shapely.intersection(cells[cell], zgeoms[row]))
    out = np.full(len(zgeoms), shapely.Polygon(), dtype=object)
    present = np.unique(row)
    out[present] = union_by_group(bits, row)
    return out


def overlay(
    qgeoms: np.ndarray,
    zgeoms: np.ndarray,
    *,
    keep_covered: bool = False,
    keep_pieces: bool = True,
) -> Overlay:
    """Overlay QPV and zones: pieces, covered area of each QPV, covered part if asked.

    Parameters
    ----------
    qgeoms, zgeoms : numpy.ndarray
        QPV and zone geometries (valid polygons, one projected CRS).
    keep_covered : bool, default False
        Also return the covered part of each QPV (unions kept).
    keep_pieces : bool, default True
        Assemble the pieces of the QPV of more than :data:`DETAILED_VERTICES` vertices
        (measured cell by cell, :func:`split_by_cells`); False leaves them None when
        only areas are wanted.

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
    detailed = shapely.get_num_coordinates(qgeoms) > DETAILED_VERTICES
    if detailed.any():
        return _overlay_by_cells(
            qgeoms, zgeoms, detailed, keep_covered=keep_covered, keep_pieces=keep_pieces
        )
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


def pair_areas(
    qgeoms: np.ndarray, zgeoms: np.ndarray, qpv_pos: np.ndarray, zone_pos: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The area of each (QPV, zone) pair's piece, and the part no other pair covers.

    Parameters
    ----------
    qgeoms, zgeoms, qpv_pos, zone_pos : numpy.ndarray
        The geometries and the pairs, as for :func:`pieces`.

    Returns
    -------
    area, own : numpy.ndarray
        ``area(q ∩ z)`` and :func:`own_areas` of the pieces, grouped by QPV.

    Notes
    -----
    The pieces of a QPV of more than :data:`DETAILED_VERTICES` vertices are measured
    cell by cell (:func:`split_by_cells`: the cells partition the QPV, so both areas
    add up over the cells) and never assembled: no overlay then runs on its whole
    outline, once per zone.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> area, own = pair_areas(np.array([box(0, 0, 100, 100)]),
    ...     np.array([box(0, 0, 60, 100), box(40, 0, 120, 50)]), np.array([0, 0]),
    ...     np.array([0, 1]))
    >>> area.tolist(), own.tolist()
    ([6000.0, 3000.0], [5000.0, 2000.0])
    """
    qpv_pos = np.asarray(qpv_pos, dtype=np.intp)
    zone_pos = np.asarray(zone_pos, dtype=np.intp)
    area = np.zeros(len(qpv_pos))
    own = np.zeros(len(qpv_pos))
    detailed = shapely.get_num_coordinates(qgeoms) > DETAILED_VERTICES
    light = np.flatnonzero(~detailed[qpv_pos])
    cut, whole = pieces(qgeoms, zgeoms, qpv_pos[light], zone_pos[light])
    area[light] = shapely.area(cut)
    own[light] = own_areas(cut, qpv_pos[light], whole)
    for i in np.unique(qpv_pos[detailed[qpv_pos]]):
        rows = np.flatnonzero(qpv_pos == i)
        qgeom, zones = qgeoms[i], zgeoms[zone_pos[rows]]
        area[rows], own[rows] = _with_cells(partial(_cell_areas, qgeom, zones))
    return area, own


def _cell_areas(
    qgeom: shapely.Geometry, zgeoms: np.ndarray, exact: bool
) -> tuple[np.ndarray, np.ndarray]:
    _, _, cells = split_by_cells(np.array([qgeom], dtype=object), exact=exact)
    row, cell = shapely.STRtree(cells).query(zgeoms, predicate="intersects")
    bits, bits_whole = pieces(cells, zgeoms, cell, row)
    area = np.bincount(row, weights=shapely.area(bits), minlength=len(zgeoms))
    own = np.bincount(row, weights=own_areas(bits, cell, bits_whole), minlength=len(zgeoms))
    return area, own


_T = TypeVar("_T")


def _with_cells(work: Callable[[bool], _T]) -> _T:
    """``work(exact=False)``, or ``work(exact=True)`` if GEOS refuses a fast-cut cell."""
    try:
        return work(False)
    except shapely.errors.GEOSException:
        return work(True)


def _overlay_by_cells(
    qgeoms: np.ndarray,
    zgeoms: np.ndarray,
    detailed: np.ndarray,
    *,
    keep_covered: bool,
    keep_pieces: bool,
) -> Overlay:
    """:func:`overlay` with each detailed QPV cut in cells, then summed back per QPV."""
    n = len(qgeoms)

    def by_cells(exact: bool) -> tuple[np.ndarray, Overlay]:
        parts, owners = [], []
        for i, qgeom in enumerate(qgeoms):
            cells = (
                split_by_cells(np.array([qgeom], dtype=object), exact=exact)[2]
                if detailed[i]
                else np.array([qgeom], dtype=object)
            )
            parts.append(cells)
            owners.append(np.full(len(cells), i, dtype=np.intp))
        owner = np.concatenate(owners)
        return owner, overlay(np.concatenate(parts), zgeoms, keep_covered=keep_covered)

    owner, sub = _with_cells(by_cells)
    cells_of = np.bincount(owner, minlength=n)
    oq, oz = owner[sub.qpv_pos], sub.zone_pos
    order = np.lexsort((oz, oq))
    oq, oz = oq[order], oz[order]
    new = np.ones(len(oq), dtype=bool)
    new[1:] = (oq[1:] != oq[:-1]) | (oz[1:] != oz[:-1])
    pair = np.cumsum(new) - 1
    qi, zi = oq[new], oz[new]
    piece_area = np.bincount(pair, weights=sub.piece_area[order], minlength=len(qi))
    whole = np.bincount(pair, weights=sub.whole[order], minlength=len(qi)) == cells_of[qi]
    sub_pieces = sub.pieces[order]
    cut = np.full(len(qi), None, dtype=object)
    light = ~detailed[qi]
    cut[light] = sub_pieces[new][light]
    heavy = detailed[oq]
    if keep_pieces and heavy.any():
        cut[~light] = union_by_group(sub_pieces[heavy], pair[heavy])
    qpv_area = shapely.area(qgeoms)
    covered_area = np.bincount(owner, weights=sub.covered_area, minlength=n)
    full = covered_area >= qpv_area * (1.0 - RATIO_SNAP)
    covered_area = np.where(full, qpv_area, np.minimum(covered_area, qpv_area))
    covered = None
    if keep_covered:
        assert sub.covered is not None
        covered = np.empty(n, dtype=object)
        for i in range(n):
            mine = sub.covered[owner == i]
            mine = mine[~shapely.is_empty(mine)]
            covered[i] = (
                shapely.union_all(mine)
                if len(mine) > 1
                else (mine[0] if len(mine) else shapely.Polygon())
            )
        covered[full] = qgeoms[full]
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
    another. For the other pieces of a group of at most :data:`LARGE_GROUP` pieces
    the union of the others is taken by ``shapely.union_all(..., axis=1)`` on a
    ``(pieces, m - 1)`` array, one call per group size ``m``, then one vectorised
    ``shapely.difference``. A larger group (many zones over one QPV) would cost ``m``
    unions of ``m - 1`` pieces, quadratic: there ``own(k) = area(p_k) - area(p_k ∩ T)``
    where ``T`` is the region two pieces of the group cover (:func:`covered_twice`),
    the same area to 1e-12 relative.

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
    # Detailed groups (a piece of more than CELL_VERTICES vertices: the outline of a very
    # detailed QPV): cell by cell, each cell a small group of its own (the cells
    # partition the plane, so the own areas add up).
    largest = np.zeros(len(start))
    np.maximum.at(largest, run, shapely.get_num_coordinates(ordered))
    for r in np.flatnonzero((largest > CELL_VERTICES) & (size > 1)):
        rows = np.arange(start[r], start[r] + size[r])
        if need[rows].any():
            cell, index, parts = split_by_cells(ordered[rows])
            in_cells = np.bincount(index, weights=own_areas(parts, cell), minlength=len(rows))
            result[rows] = np.where(need[rows], in_cells, result[rows])
            need[rows] = False
    # Large groups (many zones over one QPV): through the region two pieces cover, in
    # O(m log m) local operations, not one union of m - 1 pieces per piece.
    for r in np.flatnonzero(size > LARGE_GROUP):
        rows = np.arange(start[r], start[r] + size[r])
        if need[rows].any():
            result[rows] = np.where(need[rows], _own_by_twice(ordered[rows]), result[rows])
            need[rows] = False
    for k in np.unique(m[need]):
        rows = np.flatnonzero(need & (m == k))
        cols = np.arange(k - 1)[None, :]
        cols = cols + (cols >= rank[rows, None])  # every position of the group but its own
        others = shapely.union_all(ordered[first[rows, None] + cols], axis=1)
        result[rows] = shapely.area(shapely.difference(ordered[rows], others))
    own[order] = result
    return own


def covered_twice(geoms: np.ndarray) -> shapely.Geometry:
    """The region that at least two of the polygons cover.

    Parameters
    ----------
    geoms : numpy.ndarray
        (Multi)polygons.

    Returns
    -------
    shapely.Geometry
        ``union_{i < j} (g_i ∩ g_j)``, its polygonal part (an empty polygon when no two
        polygons overlap).

    Notes
    -----
    Merged pairwise, as a balanced tree: for two halves ``A`` and ``B`` of the polygons
    (in Z-order of their centres, so that the halves are compact),

    ``twice(A ∪ B) = twice(A) ∪ twice(B) ∪ (union(A) ∩ union(B))``

    one vectorised ``shapely.intersection`` and two ``shapely.union`` per level of the
    tree, ``log2(m)`` levels: ``O(m log m)`` operations on local shapes, never the
    ``m`` unions of ``m - 1`` polygons of a piece-by-piece difference.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import box
    >>> covered_twice(np.array([box(0, 0, 2, 1), box(1, 0, 3, 1), box(5, 5, 6, 6)])).bounds
    (1.0, 0.0, 2.0, 1.0)
    """
    union = polygonal(np.asarray(geoms, dtype=object))[_z_order(geoms)]
    twice = np.full(len(union), shapely.Polygon(), dtype=object)
    while len(union) > 1:
        n = len(union) // 2 * 2
        left, right = union[0:n:2], union[1:n:2]
        meet = polygonal(shapely.intersection(left, right))
        merged = shapely.union_all(np.stack([twice[0:n:2], twice[1:n:2], meet], axis=1), axis=1)
        joined = shapely.union(left, right)
        union = np.append(joined, union[n:])
        twice = np.append(merged, twice[n:])
    if len(twice) == 0:
        return shapely.Polygon()
    return polygonal(twice[:1])[0]


def _z_order(geoms: np.ndarray) -> np.ndarray:
    """Positions of the geometries in Z-order (Morton) of the centres of their boxes."""
    bounds = shapely.bounds(np.asarray(geoms, dtype=object))
    keys = np.zeros(len(bounds), dtype=np.uint64)
    for axis in (0, 1):
        centre = np.nan_to_num((bounds[:, axis] + bounds[:, axis + 2]) / 2)
        span = float(np.ptp(centre)) if len(centre) else 0.0
        scaled = (centre - centre.min()) / span * 65535 if span > 0 else np.zeros(len(centre))
        cell = scaled.astype(np.uint64)
        for bit in range(16):
            keys |= ((cell >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit + axis)
    return np.argsort(keys, kind="stable")


def _own_by_twice(geoms: np.ndarray) -> np.ndarray:
    """Area of each polygon outside the region two polygons cover (:func:`covered_twice`).

    ``own(k) = area(g_k) - area(g_k ∩ twice)``: the parts of ``twice`` near each polygon
    are found by an ``STRtree``; a polygon inside one part owns nothing (a prepared
    ``covers``, no overlay), the others subtract their intersection with each part.
    """
    geoms = polygonal(np.asarray(geoms, dtype=object))
    area = shapely.area(geoms)
    parts = shapely.get_parts(covered_twice(geoms))
    parts = parts[~shapely.is_empty(parts)]
    if len(parts) == 0:
        return area
    shapely.prepare(parts)
    k, p = shapely.STRtree(parts).query(geoms, predicate="intersects")
    inside = shapely.covers(parts[p], geoms[k])
    shared = np.where(inside, area[k], 0.0)
    cut = ~inside
    shared[cut] = shapely.area(shapely.intersection(geoms[k[cut]], parts[p[cut]]))
    own = area - np.bincount(k, weights=shared, minlength=len(geoms))
    # Floating-point dust of a polygon wholly covered twice: zero, below 1e-12 of its area.
    return np.where(own > area * 1e-12, own, 0.0)


def split_by_cells(
    geoms: np.ndarray, *, limit: int = CELL_VERTICES, exact: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut geometries by a quadtree of cells until each cell holds few vertices.

    Parameters
    ----------
    geoms : numpy.ndarray
        (Multi)polygons.
    limit : int
        Most vertices of the parts of one cell (a cell is not cut below 1/4096 of the
        whole box, whatever it holds).
    exact : bool, default False
        Cut the final parts by ``shapely.intersection`` with their cell (slower), not
        by ``shapely.clip_by_rect``, whose output GEOS does not promise valid: the
        callers retry so when GEOS refuses a part.

    Returns
    -------
    cell, index, part : numpy.ndarray
        For each part: its cell (an integer), the position of its geometry in
        ``geoms``, and the part of that geometry inside the cell.

    Notes
    -----
    The cells partition the box of the geometries, so an area summed over the cells is
    the area of the whole: ``area(g) = sum_cells area(g ∩ cell)``, and so for unions,
    differences and intersections of geometries cut by the same cells. Cutting uses
    ``shapely.clip_by_rect`` (one linear pass, no overlay), unless ``exact``.

    Examples
    --------
    >>> import numpy as np
    >>> from shapely import Polygon
    >>> square = Polygon([(0, 0), (2, 0), (4, 0), (4, 2), (4, 4), (2, 4), (0, 4), (0, 2)])
    >>> cell, index, part = split_by_cells(np.array([square]), limit=5)
    >>> cell.tolist(), index.tolist(), [p.area for p in part]
    ([0, 1, 2, 3], [0, 0, 0, 0], [4.0, 4.0, 4.0, 4.0])
    """
    geoms = polygonal(np.asarray(geoms, dtype=object))
    cells: list[int] = []
    owners: list[np.ndarray] = []
    parts: list[np.ndarray] = []
    if len(geoms) == 0:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0, dtype=object)
    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    floor = max(xmax - xmin, ymax - ymin) / 64
    stack = [((xmin, ymin, xmax, ymax), np.arange(len(geoms)), geoms)]
    while stack:
        (x0, y0, x1, y1), owner, inside = stack.pop()
        heavy = int(shapely.get_num_coordinates(inside).sum()) > limit
        if not heavy or max(x1 - x0, y1 - y0) <= floor:
            if exact:  # cut again from the whole geometries by a true overlay
                inside = polygonal(shapely.intersection(geoms[owner], shapely.box(x0, y0, x1, y1)))
            cells.append(len(cells))
            owners.append(owner)
            parts.append(inside)
            continue
        xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
        for quarter in ((x0, y0, xm, ym), (xm, y0, x1, ym), (x0, ym, xm, y1), (xm, ym, x1, y1)):
            cut = shapely.clip_by_rect(inside, *quarter)
            keep = shapely.area(cut) > 0
            if keep.any():
                stack.append((quarter, owner[keep], cut[keep]))
    cell = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
    return cell, np.concatenate(owners), np.concatenate(parts)


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
