"""Guard rails of a job: layers that cannot go together stop the run before it measures.

- :func:`check_overlap`: structures and QPV in different places (a Nord structures file
  with the embedded Occitanie QPV) would give "no QPV covered" with no error; the run
  stops instead, naming the departments of each layer and the option to pass.
- :func:`warn_generation`: the 2015 QPV (``QP...``) for a date from 1 January 2024 on, or
  the 2024 QPV (``QN...``) for a date before it, get a warning.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo._codes import explode_codes, qpv_generation
from avs_geo._departements import departement_name
from avs_geo._i18n.workflows import GUARD_MESSAGES
from avs_geo._language import get_language
from avs_geo.errors import AvsGeoWarning, InputFileError, ParameterError, format_ids
from avs_geo.read.communes import departement_of_commune
from avs_geo.read.qpv import departement_from_code

__all__ = [
    "GENERATION_CHANGE",
    "check_overlap",
    "check_weight",
    "describe_departements",
    "structure_departements",
    "warn_generation",
]

GENERATION_CHANGE = dt.date(2024, 1, 1)
"""The day the 2024 QPV (``QN...``) replaced the 2015 ones (``QP...``)."""


def structure_departements(structures: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> set[str]:
    """The departments the structures sit in or name in their zones.

    The department of the commune holding each location, of each commune code of
    ``zone_communes`` and of each QPV code of ``zone_qpv``.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point, box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59350"], "departement": ["59"]},
    ...     geometry=[box(0, 0, 10, 10)], crs="EPSG:2154")
    >>> structures = gpd.GeoDataFrame({"zone_communes": [("62041",)], "zone_qpv": [()]},
    ...     geometry=[Point(5, 5)], crs="EPSG:2154")
    >>> sorted(structure_departements(structures, communes))
    ['59', '62']
    """
    found: set[str] = set()
    if "departement" in communes.columns and len(communes) and structures.geometry.notna().any():
        points = structures.geometry.to_numpy()
        points = points[~(shapely.is_missing(points) | shapely.is_empty(points))]
        hits = communes.sindex.query(points, predicate="intersects")[1]
        found |= set(communes["departement"].iloc[np.unique(hits)].dropna().astype(str))
    if "zone_communes" in structures.columns:
        _, codes = explode_codes(structures["zone_communes"])
        found |= {departement_of_commune(c) for c in np.unique(codes) if c[:2].isalnum()}
    if "zone_qpv" in structures.columns:
        _, codes = explode_codes(structures["zone_qpv"])
        found |= {departement_from_code(c) for c in np.unique(codes) if len(c) >= 5}
    return found


def describe_departements(codes: Iterable[str]) -> str:
    """Departments as a message names them: ``Nord (59), Pas-de-Calais (62)``.

    Examples
    --------
    >>> describe_departements(["62", "59"])
    'Nord (59), Pas-de-Calais (62)'
    >>> describe_departements([str(n) for n in range(10, 25)]).endswith("Cher (18) et 6 autres")
    True
    """
    shown = sorted(set(codes))
    parts = [f"{departement_name(c)} ({c})" if departement_name(c) else c for c in shown[:9]]
    text = ", ".join(parts)
    if len(shown) > 9:
        text += f" et {len(shown) - 9} autres"
    return text


def check_overlap(
    qpv: gpd.GeoDataFrame,
    structures: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    *,
    qpv_source: str | None,
    structures_source: str,
    departement: list[str] | None = None,
) -> None:
    """Stop when the structures and the QPV lie in different departments.

    Such a run measures the QPV against structures that cannot reach them, and says
    "no QPV covered". A structure whose radius or drawn perimeter crosses into a QPV
    department (a neighbouring department's structure) lets the run go on.

    Parameters
    ----------
    qpv, structures, communes
        The layers read (the QPV of the run, after ``departement``).
    qpv_source
        How the message names the QPV given (``"fichier 'qpv.gpkg'"``), None for the
        embedded QPV (the default).
    structures_source
        How the message names the structures (``"fichier 'structures.csv'"``).
    departement
        The departments asked for (``departement=``), to name them in the message.

    Raises
    ------
    InputFileError
        No department in common and no zone reaching a QPV; the message names the
        departments of each layer and the option (``qpv=``, ``--qpv``).
    """
    if len(qpv) == 0 or len(structures) == 0 or "departement" not in qpv.columns:
        return
    qpv_deps = set(qpv["departement"].dropna().astype(str))
    structure_deps = structure_departements(structures, communes)
    if not qpv_deps or not structure_deps or qpv_deps & structure_deps:
        return
    if _reaches_qpv(structures, qpv):
        return
    text = GUARD_MESSAGES[get_language()]
    where = text["embedded_qpv"] if qpv_source is None else qpv_source
    if departement is not None:
        where += text["kept"].format(codes=", ".join(departement))
    raise InputFileError(
        text["no_overlap"].format(
            structures=structures_source,
            structure_deps=describe_departements(structure_deps),
            qpv=where,
            qpv_deps=describe_departements(qpv_deps),
        ),
        parameters=("qpv",),
        layer="qpv",
    )


def _reaches_qpv(structures: gpd.GeoDataFrame, qpv: gpd.GeoDataFrame) -> bool:
    """Whether a radius zone or a drawn perimeter of a structure touches a QPV."""
    parts: list[np.ndarray] = []
    if "zone_rayon_m" in structures.columns:
        radius = pd.to_numeric(structures["zone_rayon_m"], errors="coerce").to_numpy(dtype=float)
        has = np.isfinite(radius) & (radius > 0)
        if has.any():
            parts.append(shapely.buffer(structures.geometry.to_numpy()[has], radius[has]))
    if "zone_polygon" in structures.columns:
        polygons = gpd.GeoSeries(structures["zone_polygon"]).to_numpy()
        parts.append(polygons[~shapely.is_missing(polygons)])
    if not parts:
        return False
    geoms = np.concatenate(parts)
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    return bool(len(geoms)) and bool(len(qpv.sindex.query(geoms, predicate="intersects")[0]))


def warn_generation(
    qpv: gpd.GeoDataFrame | pd.DataFrame, day: dt.date | Sequence[dt.date] | None
) -> None:
    """Warn when the QPV generation does not match the date of the situation.

    The 2024 QPV (``QN...``) replaced the 2015 ones (``QP...``) on 1 January 2024: the
    2015 QPV for a date from then on, or the 2024 QPV for a date before it, measure
    neighbourhoods that were not the priority ones that day.

    Examples
    --------
    >>> import pandas as pd, warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_generation(pd.DataFrame({"code_qpv": ["QP059001"]}), dt.date(2024, 12, 31))
    >>> "génération 2015" in str(caught[0].message)
    True
    """
    if day is None or "code_qpv" not in qpv.columns or len(qpv) == 0:
        return
    days = [day] if isinstance(day, dt.date) else list(day)
    generations = {qpv_generation(c) for c in qpv["code_qpv"]} - {None}
    text = GUARD_MESSAGES[get_language()]
    codes = format_ids(sorted(qpv["code_qpv"].astype(str))[:3], limit=3)
    # One warning for all the dates of a series (evolution), not one per date.
    for key, wrong in (
        ("old_generation", [d for d in days if d >= GENERATION_CHANGE and generations == {"2015"}]),
        ("new_generation", [d for d in days if d < GENERATION_CHANGE and generations == {"2024"}]),
    ):
        if not wrong:
            continue
        shown = ", ".join(f"{d:%d/%m/%Y}" for d in wrong)
        warnings.warn(
            text[key if len(wrong) == 1 else f"{key}_dates"].format(
                date=shown, n=len(qpv), codes=codes
            ),
            AvsGeoWarning,
            stacklevel=3,
        )


def check_weight(qpv: pd.DataFrame, weight: str) -> None:
    """Stop a site selection by population when no QPV has a population.

    Every QPV would weigh 0: no site would add anything and none would be chosen. The
    message names the two ways out: the INSEE table (``indicators=``,
    ``--indicateurs``) or another weight (``weight="area"``, ``--poids surface``).

    Raises
    ------
    ParameterError
        ``weight="population"`` and the ``population`` of every QPV is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> check_weight(pd.DataFrame({"code_qpv": ["QP059001"], "population": [950.0]}),
    ...              "population")
    >>> check_weight(pd.DataFrame({"code_qpv": ["QP059001"], "population": [None]}), "area")
    """
    if weight != "population" or len(qpv) == 0:
        return
    population = (
        pd.to_numeric(qpv["population"], errors="coerce")
        if "population" in qpv.columns
        else pd.Series(np.nan, index=qpv.index)
    )
    if population.notna().any():
        return
    raise ParameterError(
        GUARD_MESSAGES[get_language()]["no_population"].format(n=len(qpv)),
        parameters=("weight", "indicators"),
    )
