"""What each structure reaches: its QPV, the area and people it covers, what its closure loses."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._crs import measured_geometries, territory_groups
from avs_geo._i18n import TYPE_LABELS, YES_NO, Language, _check_language, message
from avs_geo._i18n.coverage import MESSAGES, STRUCTURE_HEADERS
from avs_geo._i18n.report import POPULATION_UNKNOWN
from avs_geo._table import FormatKind, with_formats
from avs_geo._typography import hectares, whole_numbers
from avs_geo._validate import (
    check_columns,
    check_geodataframe,
    check_projected,
    check_rows,
    check_same_crs,
)
from avs_geo.coverage._frame import check_coverage, numeric_column
from avs_geo.coverage._overlay import own_areas, pair_areas, pieces
from avs_geo.errors import DuplicateIdError, UnknownCodeError, format_ids

__all__ = ["REACH_COLUMNS", "STRUCTURE_HEADERS", "structure_reach", "structure_table"]


STRUCTURE_FORMATS: dict[str, FormatKind] = {
    "n_qpv": "integer",
    "area": "decimal2",
    "population": "integer",
    "n_alone": "integer",
    "lost_area": "decimal2",
    "lost_population": "integer",
}
"""Format of each numeric column of :func:`structure_table` (keys of STRUCTURE_HEADERS)."""

REACH_COLUMNS: tuple[str, ...] = (
    "structure_id",
    "nom",
    "type",
    "n_qpv",
    "qpv",
    "area_m2",
    "population",
    "n_alone",
    "alone",
    "lost_area_m2",
    "lost_population",
)
"""Columns of :func:`structure_reach`, in the order of the headers of :func:`structure_table`."""


def _check_valid(gdf: gpd.GeoDataFrame, name: str, id_column: str) -> None:
    geoms = gdf.geometry.to_numpy()
    invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    check_rows(gdf, invalid, id_column, MESSAGES, "invalid", name=name)


def structure_table(
    coverage: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    language: Language = "fr",
) -> pd.DataFrame:
    """For each structure: the QPV it reaches, what it covers, and what its closure would lose.

    Parameters
    ----------
    coverage : GeoDataFrame
        Per-QPV coverage (:func:`avs_geo.compute_coverage`) with the QPV geometries,
        ``structure_ids`` and, when known, ``population``.
    zones : GeoDataFrame
        The zones the coverage was computed with (:func:`avs_geo.build_zones`):
        ``structure_id``, ``nom``, ``type`` (optional) and polygons, in the CRS of
        ``coverage``. With a ``position_approchee`` column (the structures' own, see
        ``avs_geo.load_structures``) of which one at least is true, a column
        ``Localisation approximative`` (oui/non) follows the type.
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    DataFrame
        One row per zone, in the order of ``zones`` (a structure that reaches no QPV is
        kept, with zeros): the QPV it reaches (number, ``", "``-separated codes), the
        QPV area it covers (ha) and the population living there (estimated), the QPV
        it covers alone, and the area and population that no other structure covers.

    Notes
    -----
    The QPV a structure reaches are those whose ``structure_ids`` name it, as in the
    coverage table. For a structure ``s`` and a QPV ``q`` it reaches, with ``Z_s`` its
    zone and ``Z_o`` the union of the zones of the other structures reaching ``q``:

    * covered area ``A(q ∩ Z_s)``; covered population ``P_q * A(q ∩ Z_s) / A(q)``
      (area weighting, as in :func:`avs_geo.compute_coverage`);
    * lost area ``A((q ∩ Z_s) \\ Z_o)``, what would no longer be covered if ``s``
      closed; lost population ``P_q * lost area / A(q)``.

    The pieces and the lost areas come from the overlay kernel
    (``avs_geo.coverage._overlay``: ``pair_areas``, ``own_areas``), as in
    :func:`avs_geo.explain_qpv`.

    Sums run over the QPV it reaches. Covered areas and populations of different
    structures overlap where their zones do, so they add up to more than the
    department's covered total; lost ones never overlap. QPV of unknown population
    add nothing to the population columns (NaN when no QPV reached has a known one).
    Areas are in hectares (1 ha = 10,000 m² in the projected CRS), rounded to 2
    decimals; populations are rounded to whole inhabitants (they are estimates).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> coverage = gpd.GeoDataFrame({
    ...     "code_qpv": ["QP059001"], "coverage_status": ["full"], "population": [1000.0],
    ...     "structure_ids": [("CS01", "EVS02")],
    ... }, geometry=[box(0, 0, 100, 100)], crs="EPSG:2154")
    >>> zones = gpd.GeoDataFrame({
    ...     "structure_id": ["CS01", "EVS02", "EVS03"], "nom": ["A", "B", "C"],
    ... }, geometry=[box(0, 0, 60, 100), box(40, 0, 100, 100), box(500, 0, 600, 100)],
    ...     crs="EPSG:2154")
    >>> table = structure_table(coverage, zones)
    >>> table.iloc[:, [0, 3, 5, 6, 9, 10]].T
                                                        0      1      2
    Identifiant                                      CS01  EVS02  EVS03
    Nombre de QPV touchés                               1      1      0
    Surface de QPV couverte (ha)                      0.6    0.6    0.0
    Population couverte (estimée)                     600    600      0
    Surface perdue en cas de fermeture (ha)           0.4    0.4    0.0
    Population perdue en cas de fermeture (estimée)   400    400      0
    """
    _check_language(language)
    reach = structure_reach(coverage, zones)
    types = [TYPE_LABELS[language].get(t, t) if isinstance(t, str) else "" for t in reach["type"]]
    shown = reach.assign(
        type=types,
        area_m2=hectares(reach["area_m2"]),
        population=whole_numbers(reach["population"]),
        lost_area_m2=hectares(reach["lost_area_m2"]),
        lost_population=whole_numbers(reach["lost_population"]),
    )
    # A population that cannot be known (a QPV touched has none) is said, not left blank.
    unknown = POPULATION_UNKNOWN[language]
    for column in ("population", "lost_population"):
        values = shown[column]
        if values.isna().any():
            shown[column] = values.astype(object).where(values.notna(), unknown)
    headers = STRUCTURE_HEADERS[language]
    table = shown.rename(
        columns=dict(zip(REACH_COLUMNS, list(headers.values())[: len(REACH_COLUMNS)], strict=True))
    )
    if "position_approchee" in zones.columns and zones["position_approchee"].fillna(False).any():
        # Structures placed at their commune's centre (no coordinates): said next to the type.
        approx = [YES_NO[language][bool(v)] for v in zones["position_approchee"].fillna(False)]
        table.insert(3, headers["position_approchee"], approx)
    return with_formats(table, {headers[c]: kind for c, kind in STRUCTURE_FORMATS.items()})


def structure_reach(coverage: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> pd.DataFrame:
    """The figures of :func:`structure_table`, unrounded, with the column codes of the data.

    Columns :data:`REACH_COLUMNS`: ``structure_id``, ``nom``, ``type`` (code, ``""``
    when the zones have none), ``n_qpv``, ``qpv``, ``area_m2``, ``population``,
    ``n_alone``, ``alone``, ``lost_area_m2``, ``lost_population``; same checks and
    formulas as :func:`structure_table`.
    """
    check_coverage(coverage, required=("structure_ids",))
    check_geodataframe(coverage, "coverage")
    check_geodataframe(zones, "zones")
    check_projected(coverage, "coverage", mixed_ok=True)  # areas measured per territory
    check_same_crs(coverage=coverage, zones=zones)
    check_columns(zones, ["structure_id", "nom"], "zones", hint=message(MESSAGES, "zones_hint"))
    ids = zones["structure_id"].astype(str).to_numpy()
    duplicated = pd.unique(ids[pd.Series(ids).duplicated().to_numpy()]).tolist()
    if duplicated:
        raise DuplicateIdError(
            message(MESSAGES, "duplicate_zones", n=len(duplicated), ids=format_ids(duplicated))
        )
    _check_valid(coverage, "coverage", "code_qpv")
    _check_valid(zones, "zones", "structure_id")

    position = {sid: j for j, sid in enumerate(ids)}
    qpv_index: list[int] = []
    zone_index: list[int] = []
    unknown: set[str] = set()
    for i, reached in enumerate(coverage["structure_ids"]):
        for sid in reached if isinstance(reached, tuple | list) else ():
            if str(sid) in position:
                qpv_index.append(i)
                zone_index.append(position[str(sid)])
            else:
                unknown.add(str(sid))
    if unknown:
        raise UnknownCodeError(
            message(MESSAGES, "unknown_structures", n=len(unknown), ids=format_ids(sorted(unknown)))
        )

    q = np.asarray(qpv_index, dtype=np.intp)
    z = np.asarray(zone_index, dtype=np.intp)
    qpv_geoms = coverage.geometry.to_numpy()
    zgeoms = zones.geometry.to_numpy()
    groups = territory_groups(coverage)
    if groups is None:
        # Each (QPV, structure) piece's area, and the part no other structure reaching
        # the QPV covers (cell by cell for a very detailed QPV).
        area, lost_area = pair_areas(qpv_geoms, zgeoms, q, z)
    else:
        # Each territory's areas in its own projection (avs_geo._crs).
        inter, whole = pieces(qpv_geoms, zgeoms, q, z)
        inter = measured_geometries(inter, coverage.crs, groups, owner=q)
        area = shapely.area(inter)
        lost_area = own_areas(inter, q, whole)

    qpv_area = shapely.area(measured_geometries(qpv_geoms, coverage.crs, groups))
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(qpv_area[q] > 0, numeric_column(coverage)[q] / qpv_area[q], np.nan)
    codes = coverage["code_qpv"].astype(str).to_numpy()
    alone = np.array(
        [isinstance(t, tuple | list) and len(t) == 1 for t in coverage["structure_ids"]]
    )
    pairs = pd.DataFrame(
        {
            "zone": z,
            "code": codes[q] if len(q) else np.array([], dtype=object),
            "alone": alone[q],
            "area": area,
            "population": area * weight,
            "lost_area": lost_area,
            "lost_population": lost_area * weight,
        }
    ).sort_values(["zone", "code"])
    grouped = pairs.groupby("zone", sort=True)
    n_zones = len(zones)

    def per_zone(values: pd.Series, fill: float | str) -> np.ndarray:
        return values.reindex(range(n_zones), fill_value=fill).to_numpy()

    types = zones["type"] if "type" in zones.columns else pd.Series([""] * n_zones)
    alone_codes = pairs[pairs["alone"]].groupby("zone")["code"]
    columns = {
        "structure_id": ids,
        "nom": zones["nom"].to_numpy(),
        "type": [t if isinstance(t, str) else "" for t in types],
        "n_qpv": per_zone(grouped.size(), 0).astype("int64"),
        "qpv": per_zone(grouped["code"].agg(", ".join), ""),
        "area_m2": per_zone(grouped["area"].sum(), 0.0).astype(float),
        "population": per_zone(grouped["population"].sum(min_count=1), 0.0).astype(float),
        "n_alone": per_zone(alone_codes.size(), 0).astype("int64"),
        "alone": per_zone(alone_codes.agg(", ".join), ""),
        "lost_area_m2": per_zone(grouped["lost_area"].sum(), 0.0).astype(float),
        "lost_population": per_zone(grouped["lost_population"].sum(min_count=1), 0.0).astype(float),
    }
    return pd.DataFrame(columns)
