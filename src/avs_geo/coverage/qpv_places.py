"""The commune(s) and the EPCI of each QPV: from the file's INSEE codes or from the contours.

The official 2015 QPV shapefile names the communes (``COMMUNE_QP``) but gives no INSEE
code; the EPCI of a QPV is never in the file. :func:`qpv_communes` finds them with the
overlay kernel (``avs_geo.coverage._overlay``): the QPV x commune pieces and their
areas. :func:`attach_epci` puts the result on a QPV or coverage frame, so that
``coverage_summary(coverage, by="epci")`` groups by EPCI with no mapping to build.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._codes import former_codes
from avs_geo._crs import measured_geometries, territory_groups
from avs_geo._validate import check_columns, check_geodataframe, check_projected, check_same_crs
from avs_geo.coverage import _overlay
from avs_geo.errors import AvsGeoWarning, ParameterError, SchemaError, format_ids
from avs_geo.read.territories import territory_of_communes

__all__ = [
    "QPV_COMMUNE_COLUMNS",
    "SIGNIFICANT_SHARE",
    "attach_epci",
    "attach_territories",
    "qpv_communes",
]

SIGNIFICANT_SHARE: float = 0.05
"""A commune holds a significant part of a QPV from this share of the QPV's area.

QPV and commune contours are digitised on different bases: a QPV lying inside one
commune measures down to 96.2 % inside it on the Occitanie data (docs/coverage.md). Below
5 % a commune's part is a sliver of the contours, not a part of the neighbourhood."""

QPV_COMMUNE_COLUMNS: tuple[str, ...] = (
    "code_qpv",
    "code_insee",
    "commune_principale",
    "source_communes",
    "epci_siren",
    "epci",
    "part_epci",
    "n_epci",
)
"""Columns of :func:`qpv_communes`, in this order."""


def qpv_communes(
    qpv: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    *,
    min_share: float = SIGNIFICANT_SHARE,
) -> pd.DataFrame:
    """The commune(s) and the EPCI of each QPV.

    Parameters
    ----------
    qpv : geopandas.GeoDataFrame
        QPV polygons with a unique ``code_qpv`` (``avs_geo.load_qpv``), optionally a
        ``code_insee`` column (``;``-separated codes, NA when the file gives none).
    communes : geopandas.GeoDataFrame
        Communes of a vintage (``avs_geo.load_communes(..., vintage=2022)``):
        ``code_insee``, ``epci_siren``, ``epci_nom``, same projected CRS as ``qpv``.
    min_share : float, default SIGNIFICANT_SHARE (0.05)
        Share of a QPV's area from which a commune holds a significant part of it.

    Returns
    -------
    pandas.DataFrame
        One row per QPV, index and order of ``qpv``, columns :data:`QPV_COMMUNE_COLUMNS`:
        ``code_insee`` (``;``-separated current codes), ``source_communes``
        ``commune_principale`` (the commune holding the largest part of the QPV),
        ``source_communes`` (``"fichier"``: the file's codes, former ones replaced by their current commune;
        ``"contours"``: found spatially; NA: none), ``epci_siren`` and ``epci`` (SIREN
        and name of the EPCI holding the largest part of the QPV), ``part_epci`` (that
        part, share of the QPV's area; NaN when the EPCI comes from the codes only) and
        ``n_epci`` (number of EPCI holding a significant part).

    Raises
    ------
    SchemaError
        ``communes`` has no EPCI columns (communes of no vintage).
    ParameterError
        ``min_share`` outside ]0, 1].

    Notes
    -----
    Communes: the file's INSEE codes when it gives them (an intercommunal QPV has
    several); otherwise the communes holding at least ``min_share`` of the QPV's area,
    largest part first, ``;``-separated; when none reaches it (a QPV cut among many
    communes) the one holding the largest part. EPCI: the areas of the QPV's pieces are
    summed by EPCI and the largest wins: a QPV spanning two EPCI counts once, in the
    EPCI holding the largest part of its area (``n_epci`` says it spans more). A QPV
    outside every commune of the layer takes the EPCI of its first INSEE code, or none.

    Examples
    --------
    >>> from shapely import box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59001", "59002"],
    ...     "epci_siren": ["A", "B"], "epci_nom": ["EPCI A", "EPCI B"]},
    ...     geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)], crs=2154)
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP059001"]},
    ...     geometry=[box(70, 0, 110, 10)], crs=2154)
    >>> qpv_communes(qpv, communes)[["code_insee", "epci", "part_epci", "n_epci"]].values.tolist()
    [['59001;59002', 'EPCI A', 0.75, 2]]
    """
    qpv = check_geodataframe(qpv, "qpv")
    communes = check_geodataframe(communes, "communes")
    check_same_crs(qpv=qpv, communes=communes)
    check_projected(qpv, "qpv", mixed_ok=True)  # shares measured per territory
    check_columns(qpv, ["code_qpv"], "qpv", hint="Use avs_geo.load_qpv().")
    check_columns(communes, ["code_insee"], "communes", hint="Use avs_geo.load_communes().")
    missing = [c for c in ("epci_siren", "epci_nom") if c not in communes.columns]
    if missing:
        raise SchemaError(
            f"La couche 'communes' n'a pas les colonnes {format_ids(missing)} : chargez les "
            "communes d'un millésime, avs_geo.load_communes(..., vintage=2022), qui donne "
            "l'EPCI de chaque commune.",
            columns=missing,
            layer="communes",
        )
    if not 0 < min_share <= 1:
        raise ParameterError(
            f"min_share doit être dans ]0, 1] (part de la surface du QPV), reçu {min_share!r}.",
            parameters=("min_share",),
        )
    n = len(qpv)
    qgeoms = qpv.geometry.to_numpy()
    cgeoms = communes.geometry.to_numpy()
    qi, ci = _overlay.pairs(qgeoms, cgeoms)
    pieces, _ = _overlay.pieces(qgeoms, cgeoms, qi, ci)
    groups = territory_groups(qpv)  # each territory's areas in its own projection
    area = shapely.area(measured_geometries(pieces, qpv.crs, groups, owner=qi))
    keep = area > _overlay.AREA_TOLERANCE_M2
    qi, ci, area = qi[keep], ci[keep], area[keep]
    share = area / shapely.area(measured_geometries(qgeoms, qpv.crs, groups))[qi]

    codes = communes["code_insee"].astype(str).to_numpy()
    spatial = _spatial_codes(qi, codes[ci], share, n, min_share)
    given = _given_codes(qpv, communes)
    use_given = np.array([bool(g) for g in given])
    has_spatial = np.array([bool(s) for s in spatial])
    code_insee = [
        ";".join(g) if g else (";".join(s) if s else None)
        for g, s in zip(given, spatial, strict=True)
    ]
    source = [
        "fichier" if g else ("contours" if s else None)
        for g, s in zip(use_given, has_spatial, strict=True)
    ]
    main = [s[0] if s else (g[0] if g else None) for g, s in zip(given, spatial, strict=True)]

    siren = communes["epci_siren"].astype("string").to_numpy(dtype=object, na_value=None)
    names = dict(zip(siren, communes["epci_nom"].astype(object), strict=True))
    epci = pd.DataFrame({"qpv": qi, "epci": siren[ci], "area": area, "share": share})
    epci = epci[epci["epci"].notna()]
    by_epci = epci.groupby(["qpv", "epci"], sort=True, as_index=False)[["area", "share"]].sum()
    by_epci = by_epci.sort_values(["qpv", "area"], ascending=[True, False], kind="stable")
    best = by_epci.drop_duplicates("qpv").set_index("qpv")
    count = by_epci[by_epci["share"] >= min_share].groupby("qpv").size()

    epci_siren = pd.Series(best["epci"], dtype=object).reindex(range(n))
    part = best["share"].clip(upper=1.0).reindex(range(n))
    # QPV outside every commune of the layer: the EPCI of its first given code
    by_code = pd.Series(siren, index=codes)
    sirens = epci_siren.to_numpy(dtype=object).copy()
    for pos in np.flatnonzero(epci_siren.isna().to_numpy() & use_given):
        first = next((c for c in given[pos] if c in by_code.index), None)
        if first is not None and by_code[first] is not None:
            sirens[pos] = by_code[first]
    epci_siren = pd.Series(sirens, dtype=object)
    return pd.DataFrame(
        {
            "code_qpv": qpv["code_qpv"].astype(str).to_numpy(),
            "code_insee": pd.array(code_insee, dtype="string"),
            "commune_principale": pd.array(main, dtype="string"),
            "source_communes": pd.array(source, dtype="string"),
            "epci_siren": pd.array(epci_siren.to_numpy(), dtype="string"),
            "epci": pd.array(epci_siren.map(names).to_numpy(), dtype="string"),
            "part_epci": part.to_numpy(dtype=float),
            "n_epci": count.reindex(range(n), fill_value=0).to_numpy(dtype=np.int64),
        },
        index=qpv.index,
    )


def _spatial_codes(
    qi: np.ndarray, codes: np.ndarray, share: np.ndarray, n: int, min_share: float
) -> list[tuple[str, ...]]:
    """Communes holding ``min_share`` of each QPV, largest first (else the largest one)."""
    order = np.lexsort((codes, -share, qi))
    out: list[list[str]] = [[] for _ in range(n)]
    first = np.ones(len(order), dtype=bool)
    first[1:] = qi[order][1:] != qi[order][:-1]
    for pos, code, s, is_first in zip(qi[order], codes[order], share[order], first, strict=True):
        if is_first or s >= min_share:
            out[pos].append(code)
    return [tuple(c) for c in out]


def _given_codes(qpv: pd.DataFrame, communes: pd.DataFrame) -> list[tuple[str, ...]]:
    """The file's INSEE codes of each QPV, former codes replaced by their current one."""
    if "code_insee" not in qpv.columns:
        return [()] * len(qpv)
    current = former_codes(communes)
    out: list[tuple[str, ...]] = []
    for value in qpv["code_insee"].to_numpy(dtype=object):
        if not isinstance(value, str) or not value.strip():
            out.append(())
            continue
        codes = [current.get(c.strip(), c.strip()) for c in value.split(";") if c.strip()]
        out.append(tuple(dict.fromkeys(codes)))
    return out


def attach_epci(
    frame: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    *,
    min_share: float = SIGNIFICANT_SHARE,
) -> gpd.GeoDataFrame:
    """A QPV or coverage frame with the commune(s) and the EPCI of each QPV.

    ``coverage_summary(attach_epci(coverage, communes), by="epci")`` then groups by
    EPCI (:func:`qpv_communes` says how a QPV is placed).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        QPV (``avs_geo.load_qpv``) or their coverage (``avs_geo.compute_coverage``):
        ``code_qpv`` and the QPV geometry.
    communes : geopandas.GeoDataFrame
        Communes of a vintage (``avs_geo.load_communes(..., vintage=2022)``).
    min_share : float, default SIGNIFICANT_SHARE (0.05)
        See :func:`qpv_communes`.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``frame`` where ``code_insee`` is filled for the QPV that had none
        (the communes found spatially) and where former codes are replaced by current
        ones, with ``epci_siren`` and ``epci`` (the EPCI's name) set.

    Warns
    -----
    AvsGeoWarning
        QPV in no EPCI (outside the communes given, or in a commune outside any EPCI):
        their codes are named; ``coverage_summary(by="epci")`` puts them in a
        ``Non renseigné`` block.

    Examples
    --------
    >>> from shapely import box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59001"], "epci_siren": ["A"],
    ...     "epci_nom": ["EPCI A"]}, geometry=[box(0, 0, 100, 100)], crs=2154)
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP059001"]},
    ...     geometry=[box(10, 10, 20, 20)], crs=2154)
    >>> attach_epci(qpv, communes)[["code_qpv", "code_insee", "epci"]].values.tolist()
    [['QP059001', '59001', 'EPCI A']]
    """
    found = qpv_communes(frame, communes, min_share=min_share)
    no_epci = found["epci_siren"].isna().to_numpy()
    if no_epci.any():
        warnings.warn(
            f"{int(no_epci.sum())} QPV ne sont dans aucun EPCI des communes données : "
            f"{format_ids(found.loc[no_epci, 'code_qpv'])}. Ils sont hors des communes "
            "chargées (chargez les départements qu'ils touchent) ou dans une commune sans "
            "EPCI ; les tableaux par EPCI les comptent dans « Non renseigné ».",
            AvsGeoWarning,
            stacklevel=2,
        )
    out = frame.copy()
    out["code_insee"] = found["code_insee"].to_numpy()
    out["epci_siren"] = found["epci_siren"].to_numpy()
    out["epci"] = found["epci"].to_numpy()
    return out


def attach_territories(
    frame: gpd.GeoDataFrame,
    territories: pd.DataFrame,
    communes: gpd.GeoDataFrame,
    *,
    min_share: float = SIGNIFICANT_SHARE,
) -> gpd.GeoDataFrame:
    """A QPV or coverage frame with the planner's territory of each QPV (column ``territoire``).

    ``coverage_summary(attach_territories(coverage, territories, communes),
    by="territoire")`` then groups by territory.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        QPV or their coverage: ``code_qpv`` and the QPV geometry.
    territories : pandas.DataFrame
        :func:`avs_geo.load_territories`.
    communes : geopandas.GeoDataFrame
        Communes of a vintage (``avs_geo.load_communes(..., vintage=2022)``).
    min_share : float, default SIGNIFICANT_SHARE (0.05)
        See :func:`qpv_communes`.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``frame`` with ``territoire``: the territory of the commune holding
        the largest part of the QPV (an intercommunal QPV counts once, as for the EPCI).

    Warns
    -----
    AvsGeoWarning
        QPV in no territory (their codes named): tables by territory count them in
        ``Non renseigné``.

    Examples
    --------
    >>> from shapely import box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59001", "59002"],
    ...     "epci_siren": ["200000001", "200000002"], "epci_nom": ["A", "B"]},
    ...     geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)], crs=2154)
    >>> territories = pd.DataFrame({"code": ["200000001", "59002"],
    ...     "niveau": ["epci", "commune"], "territoire": ["Nord", "Sud"], "ligne": [2, 3]})
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["Q1", "Q2"]},
    ...     geometry=[box(70, 0, 110, 10), box(150, 0, 160, 10)], crs=2154)
    >>> attach_territories(qpv, territories, communes).territoire.tolist()
    ['Nord', 'Sud']
    """
    found = qpv_communes(frame, communes, min_share=min_share)
    by_code = pd.Series(
        territory_of_communes(territories, communes).to_numpy(),
        index=communes["code_insee"].astype(str).to_numpy(),
    )
    territory = found["commune_principale"].astype(object).map(by_code)
    missing = territory.isna().to_numpy()
    if missing.any():
        warnings.warn(
            f"{int(missing.sum())} QPV ne sont dans aucun territoire du fichier des "
            f"territoires : {format_ids(found.loc[missing, 'code_qpv'])}. Complétez le "
            "fichier (leur commune ou leur EPCI) ; les tableaux par territoire les comptent "
            "dans « Non renseigné ».",
            AvsGeoWarning,
            stacklevel=2,
        )
    out = frame.copy()
    out["territoire"] = pd.array(territory.to_numpy(), dtype="string")
    return out
