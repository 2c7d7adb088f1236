"""Explain the coverage of one QPV: which structures reach it, what is left uncovered."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._crs import split_by_territory
from avs_geo._i18n import STATUS_LABELS, Language, _check_language
from avs_geo._i18n.coverage import EXPLANATION_SUMMARY
from avs_geo._typography import format_number, format_ratio
from avs_geo._validate import check_columns, check_geodataframe
from avs_geo.coverage._overlay import own_areas, uncovered
from avs_geo.coverage.classify import (
    check_classes,
    classify_coverage,
)
from avs_geo.coverage.measure import _check_inputs, _overlay_of
from avs_geo.errors import AvsGeoWarning, UnknownCodeError, format_ids

__all__ = ["QpvExplanation", "explain_qpv"]


@dataclass(frozen=True)
class QpvExplanation:
    """Why a QPV has the coverage it has (see :func:`explain_qpv`).

    Attributes
    ----------
    code_qpv : str
    qpv_area_m2, covered_area_m2, uncovered_area_m2 : float
    coverage_ratio : float
    coverage_status : str
    structures : geopandas.GeoDataFrame
        One row per structure reaching the QPV, largest first: ``structure_id``
        (and ``nom``, ``type`` when the zones have them), ``area_m2`` (area of the QPV
        inside its zone), ``share`` (``area_m2 / qpv_area_m2``), ``own_area_m2`` (area
        no other zone covers) and the covered piece as geometry.
    covered, uncovered : shapely.Geometry
        The covered part of the QPV and what is left uncovered.
    """

    code_qpv: str
    qpv_area_m2: float
    covered_area_m2: float
    uncovered_area_m2: float
    coverage_ratio: float
    coverage_status: str
    structures: gpd.GeoDataFrame
    covered: shapely.Geometry
    uncovered: shapely.Geometry

    def summary(self, language: Language = "fr") -> str:
        """A few lines a planner can paste in a note.

        Parameters
        ----------
        language : {"fr", "en"}, default "fr"
            French text and numbers (``7 500 m²``, ``75,0 %``, no-break spaces), or
            English (``7,500 m²``, ``75.0%``).

        Examples
        --------
        >>> import geopandas as gpd
        >>> from shapely import box
        >>> from avs_geo import compute_coverage
        >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP031001"]},
        ...     geometry=[box(0, 0, 30, 30)], crs="EPSG:2154")
        >>> zones = gpd.GeoDataFrame({"structure_id": ["S1", "S2"]},
        ...     geometry=[box(0, 0, 15, 30), box(10, 0, 20, 30)], crs="EPSG:2154")
        >>> why = explain_qpv("QP031001", compute_coverage(qpv, zones), zones)
        >>> print(why.summary())
        QP031001 : 66,7\xa0% de la surface couverte (couvert partiellement), soit 600 m² sur 900 m² ; 300 m² non couverts.
          S1 : 450 m² (50,0\xa0%), dont 300 m² couverts par elle seule
          S2 : 300 m² (33,3\xa0%), dont 150 m² couverts par elle seule
        >>> print(why.summary(language="en"))
        QP031001: 66.7% covered (partial), 600 of 900 m²; 300 m² uncovered.
          S1: 450 m² (50.0%), 300 m² by it alone
          S2: 300 m² (33.3%), 150 m² by it alone
        """
        _check_language(language)
        words = EXPLANATION_SUMMARY[language]

        def area(value: float) -> str:
            return format_number(value, language=language)

        def share(ratio: float) -> str:
            return format_ratio(ratio, language=language)

        status = self.coverage_status
        lines = [
            words["qpv"].format(
                code=self.code_qpv,
                ratio=share(self.coverage_ratio),
                status=STATUS_LABELS["fr"][status].lower() if language == "fr" else status,
                covered=area(self.covered_area_m2),
                area=area(self.qpv_area_m2),
                uncovered=area(self.uncovered_area_m2),
            )
        ]
        for row in self.structures.itertuples():
            lines.append(
                words["structure"].format(
                    id=row.structure_id,
                    area=area(float(row.area_m2)),
                    share=share(float(row.share)),
                    own=area(float(row.own_area_m2)),
                )
            )
        return "\n".join(lines)


def explain_qpv(
    code_qpv: str,
    coverage: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    full_min: float | None = None,
    none_max: float | None = None,
) -> QpvExplanation:
    """Which structures reach a QPV, how much each covers, and what is left uncovered.

    Parameters
    ----------
    code_qpv : str
        The QPV to explain, e.g. ``"QP031001"``.
    coverage : geopandas.GeoDataFrame
        The output of :func:`compute_coverage`.
    zones : geopandas.GeoDataFrame
        The zones the coverage was computed with.
    full_min, none_max : float, optional
        By default those ``coverage`` was made with (its ``full_min`` and ``none_max``
        columns, else 0.95 and 0.05).
        The thresholds given to :func:`compute_coverage` (checked against the class
        stored in ``coverage`` for this QPV).

    Returns
    -------
    QpvExplanation

    Notes
    -----
    For each zone ``z_j`` reaching the QPV ``q``: ``area_m2 = area(q ∩ z_j)``,
    ``share = area_m2 / area(q)``, ``own_area_m2 = area((q ∩ z_j) - union_{i != j}
    z_i)``; ``uncovered = q - union_j z_j``. Areas follow the same tolerances as
    :func:`compute_coverage`. A warning is given when the ratio found differs from
    the one stored in ``coverage`` (the zones are then not the ones it used).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP031001"]},
    ...     geometry=[box(0, 0, 100, 100)], crs="EPSG:2154")
    >>> zones = gpd.GeoDataFrame({"structure_id": ["S1", "S2"]},
    ...     geometry=[box(0, 0, 50, 100), box(25, 0, 75, 100)], crs="EPSG:2154")
    >>> from avs_geo import compute_coverage
    >>> why = explain_qpv("QP031001", compute_coverage(qpv, zones), zones)
    >>> why.structures[["structure_id", "area_m2", "share", "own_area_m2"]]
      structure_id  area_m2  share  own_area_m2
    0           S1   5000.0    0.5       2500.0
    1           S2   5000.0    0.5       2500.0
    >>> why.uncovered.bounds, why.uncovered_area_m2
    ((75.0, 0.0, 100.0, 100.0), 2500.0)
    """
    coverage = check_geodataframe(coverage, "coverage")
    check_columns(coverage, ["code_qpv"], "coverage", hint="Pass compute_coverage's output.")
    match = np.flatnonzero(coverage["code_qpv"].astype(str).to_numpy() == str(code_qpv))
    if len(match) == 0:
        raise UnknownCodeError(
            f"QPV {code_qpv!r} is not in 'coverage' ({len(coverage)} QPV, e.g. "
            f"{format_ids(coverage['code_qpv'].head(5))}). Check the code (2015: 'QP...', "
            "2024: 'QN...')."
        )
    row = coverage.iloc[match[:1]]
    full_min, none_max = check_classes(row, full_min=full_min, none_max=none_max)
    one, zones = _check_inputs(row, zones)
    parts = split_by_territory(one, zones)
    if parts is not None:  # a QPV of a territory its layer's CRS distorts (avs_geo._crs)
        _, part, (sub_zones,) = parts[0]
        why = explain_qpv(code_qpv, part, sub_zones, full_min=full_min, none_max=none_max)
        back = gpd.GeoSeries([why.covered, why.uncovered], crs=part.crs).to_crs(one.crs)
        return replace(
            why,
            structures=why.structures.to_crs(one.crs),
            covered=back.iloc[0],
            uncovered=back.iloc[1],
        )
    ov = _overlay_of(one, zones, keep_covered=True)
    assert ov.covered is not None
    qpv_area = float(ov.qpv_area[0])
    covered_area = float(ov.covered_area[0])
    ratio = min(max(covered_area / qpv_area, 0.0), 1.0)
    status = str(classify_coverage(pd.Series([ratio]), full_min=full_min, none_max=none_max)[0])
    if "coverage_ratio" in row.columns and abs(float(row["coverage_ratio"].iloc[0]) - ratio) > 1e-9:
        warnings.warn(
            f"{code_qpv}: the zones give a ratio of {ratio:.6f}, 'coverage' holds "
            f"{float(row['coverage_ratio'].iloc[0]):.6f}: they were not computed with these zones.",
            AvsGeoWarning,
            stacklevel=2,
        )
    pieces = ov.pieces
    own = own_areas(pieces, ov.qpv_pos, ov.whole)
    chosen = zones.iloc[ov.zone_pos]
    data = {"structure_id": chosen["structure_id"].astype(str).to_numpy()}
    for column in ("nom", "type"):
        if column in zones.columns:
            data[column] = chosen[column].to_numpy()
    data["area_m2"] = ov.piece_area
    data["share"] = ov.piece_area / qpv_area
    data["own_area_m2"] = own
    structures = gpd.GeoDataFrame(data, geometry=list(pieces), crs=zones.crs)
    structures = structures.sort_values(
        ["area_m2", "structure_id"], ascending=[False, True], ignore_index=True
    )
    left = uncovered(one.geometry.to_numpy(), ov)[0]
    return QpvExplanation(
        code_qpv=str(code_qpv),
        qpv_area_m2=qpv_area,
        covered_area_m2=covered_area,
        uncovered_area_m2=qpv_area - covered_area,
        coverage_ratio=ratio,
        coverage_status=status,
        structures=structures,
        covered=ov.covered[0],
        uncovered=left,
    )
